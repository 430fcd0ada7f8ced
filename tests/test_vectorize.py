"""oxarray.vectorize / oxarray.frompyfunc against NumPy: broadcasting, typed outputs,
otypes, several outputs, excluded arguments, exceptions propagating unchanged.
``frompyfunc`` returns object arrays, as NumPy's."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import oxarray as ox
from _pyufunc_strategies import array_pairs, small_values
from conftest import assert_same


def test_basic_matches_numpy():
    f = lambda x: x * 2 + 1  # noqa: E731
    for v in [3, 2.5, [1, 2, 3], [[1.5, 2.0]], True, [True, False], 1 + 2j]:
        assert_same(ox.vectorize(f)(v), np.vectorize(f)(v))


@given(data=st.data())
def test_broadcasting_two_inputs(data):
    dts = ["int32", "int64", "float64", "bool", "uint8"]
    na, oa = data.draw(array_pairs(dtypes=dts, elements=small_values, min_side=1, max_side=4))
    shape_b = data.draw(hnp.broadcastable_shapes(na.shape, max_dims=3, min_side=1))
    nb, ob = data.draw(array_pairs(dtypes=dts, elements=small_values, shape=shape_b))

    def f(x, y):
        return x + 2 * y

    assert_same(ox.vectorize(f)(oa, ob), np.vectorize(f)(na, nb))


@pytest.mark.parametrize("otypes", ["d", "f", "l", "?", "F", [np.float32], ["int16"]])
def test_otypes(otypes):
    f = lambda x: x / 2  # noqa: E731
    ox_ot = [str(np.dtype(t)) for t in otypes] if isinstance(otypes, list) else otypes
    with np.errstate(all="ignore"):
        expected = np.vectorize(f, otypes=otypes)([1, 2, 3])
    assert_same(ox.vectorize(f, otypes=ox_ot)([1, 2, 3]), expected)


def test_size_zero():
    with pytest.raises(ValueError) as e_np:
        np.vectorize(lambda x: x)([])
    with pytest.raises(ValueError) as e_ox:
        ox.vectorize(lambda x: x)([])
    assert str(e_ox.value) == str(e_np.value)
    assert_same(ox.vectorize(lambda x: x, otypes="d")(ox.zeros((0, 2))),
                np.vectorize(lambda x: x, otypes="d")(np.zeros((0, 2))))


def test_multiple_outputs():
    f = lambda x, y: (x + y, x * y, x > y)  # noqa: E731
    got = ox.vectorize(f)([1, 2, 3], [[3], [2]])
    expected = np.vectorize(f)([1, 2, 3], [[3], [2]])
    assert isinstance(got, tuple) and len(got) == 3
    for g, e in zip(got, expected):
        assert_same(g, e)


def test_excluded_and_keywords():
    def f(x, scale, offset=0):
        return x * scale[0] + offset

    for kw in [{}, {"offset": 5}]:
        expected = np.vectorize(f, excluded={1})([1, 2, 3], [10], **kw)
        assert_same(ox.vectorize(f, excluded={1})([1, 2, 3], [10], **kw), expected)

    def g(x, offset=None):
        return x * 2 + offset[0]

    expected = np.vectorize(g, excluded={"offset"})([1, 2], offset=[7])
    assert_same(ox.vectorize(g, excluded={"offset"})([1, 2], offset=[7]), expected)
    h = lambda x, y=0: x - y  # noqa: E731
    assert_same(ox.vectorize(h)([1, 2], y=[[3], [4]]), np.vectorize(h)([1, 2], y=[[3], [4]]))


def test_exception_propagates_unchanged():
    class Boom(Exception):
        pass

    err = Boom("from f")

    def f(x):
        if x == 2:
            raise err
        return x

    with pytest.raises(Boom) as info:
        ox.vectorize(f)([1, 2, 3])
    assert info.value is err
    with pytest.raises(Boom) as info:
        ox.frompyfunc(f, 1, 1)([1, 2, 3])
    assert info.value is err


def test_function_attributes():
    def double(x):
        """Twice x."""
        return 2 * x

    v = ox.vectorize(double)
    assert v.__name__ == "double" and v.__doc__ == "Twice x."
    assert ox.vectorize(double, doc="other").__doc__ == "other"
    with pytest.raises(ValueError):
        np.vectorize(double, signature="(n)->")
    with pytest.raises(ValueError):
        ox.vectorize(double, signature="(n)->")


def test_frompyfunc_object_outputs():
    f = lambda x, y: x + y  # noqa: E731
    uf = ox.frompyfunc(f, 2, 1)
    nf = np.frompyfunc(f, 2, 1)
    assert (uf.nin, uf.nout, uf.nargs, uf.identity) == (nf.nin, nf.nout, nf.nargs, nf.identity)
    assert uf.types == nf.types == ["OO->O"]
    r, e = uf([1, 2], [[3], [4]]), nf([1, 2], [[3], [4]])
    assert str(r.dtype) == str(e.dtype) == "object" and r.tolist() == e.tolist()
    # All-scalar inputs: the Python object itself, as NumPy's.
    assert type(uf(1, 2)) is type(nf(1, 2)) is int and uf(1, 2) == nf(1, 2)


def test_frompyfunc_two_outputs_and_out():
    uf = ox.frompyfunc(divmod, 2, 2)
    q, r = uf([7, 8, 9], 4)
    eq, er = np.frompyfunc(divmod, 2, 2)([7, 8, 9], 4)
    assert q.tolist() == eq.tolist() and r.tolist() == er.tolist()
    assert str(q.dtype) == str(eq.dtype)
    o1, o2 = ox.zeros(3, dtype=object), ox.zeros(3, dtype=object)
    res = uf([7, 8, 9], 4, out=(o1, o2))
    assert res[0] is o1 and res[1] is o2
    assert o1.tolist() == eq.tolist() and o2.tolist() == er.tolist()
    # An int64 output is not same_kind from object, in NumPy as here.
    with pytest.raises(TypeError):
        np.frompyfunc(divmod, 2, 2)([7, 8, 9], 4, out=(np.zeros(3, "i8"), np.zeros(3, "i8")))
    with pytest.raises(TypeError):
        uf([7, 8, 9], 4, out=(ox.zeros(3, dtype="int64"), ox.zeros(3, dtype="int64")))


def test_frompyfunc_argument_errors():
    with pytest.raises(TypeError):
        np.frompyfunc(3, 1, 1)
    with pytest.raises(TypeError):
        ox.frompyfunc(3, 1, 1)
    uf = ox.frompyfunc(lambda x: x, 1, 1)
    with pytest.raises(TypeError):
        uf(1, 2)


@pytest.mark.parametrize("sig,func,shapes", [
    ("(n),(n)->()", lambda a, b: (a * b).sum(), [(2, 3), (3,)]),
    ("(n),(n)->()", lambda a, b: (a * b).sum(), [(4, 1, 3), (2, 3)]),
    ("(n)->(),(n)", lambda a: (a.sum(), a * 2), [(2, 3)]),
    ("(m,n)->(n,m)", lambda a: a.T, [(2, 3, 4)]),
    ("()->(k)", lambda x: x * ox_or_np_arange3(x), [(2,)]),
    ("(n),()->()", lambda a, k: a.max() + k, [(3, 5), (3,)]),
])
def test_signature_matches_numpy(sig, func, shapes):
    args = [np.arange(int(np.prod(s))).reshape(s) % 7 for s in shapes]
    expected = np.vectorize(func, signature=sig)(*args)
    got = ox.vectorize(func, signature=sig)(*[ox.asarray(a) for a in args])
    if isinstance(expected, tuple):
        assert isinstance(got, tuple) and len(got) == len(expected)
        for g, e in zip(got, expected):
            assert_same(g, e)
    else:
        assert_same(got, expected)


def ox_or_np_arange3(x):
    """[0, 1, 2] in the library of `x` (so one lambda serves both sides)."""
    return ox.arange(3) if isinstance(x, (ox.ndarray, ox.generic)) else np.arange(3)


@pytest.mark.parametrize("call", [
    lambda m: m.vectorize(lambda a, b: a, signature="(n),(n)->()")(m.zeros((2, 3)), m.zeros(4)),
    lambda m: m.vectorize(lambda a: a, signature="(n)->()")(5),
    lambda m: m.vectorize(lambda a: a, signature="(n)->(m)")(m.zeros((0, 3))),
    lambda m: m.vectorize(lambda a: a, signature="(n)->()")(m.zeros(3), m.zeros(3)),
])
def test_signature_errors_match_numpy(call):
    with pytest.raises(Exception) as e_np:
        call(np)
    with pytest.raises(type(e_np.value)) as e_ox:
        call(ox)
    assert str(e_ox.value) == str(e_np.value)


def test_signature_size_zero_with_otypes():
    f = lambda a: a.sum()  # noqa: E731
    assert_same(ox.vectorize(f, signature="(n)->()", otypes="d")(ox.zeros((0, 3))),
                np.vectorize(f, signature="(n)->()", otypes="d")(np.zeros((0, 3))))
