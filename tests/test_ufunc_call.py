"""Calling ufuncs: attributes, operands and result wrapping, broadcasting, strides, `out`,
`where`, `casting`, overlap, FP errors, against NumPy."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import oxarray as ox

from conftest import ALL_DTYPES, assert_same, to_numpy

UFUNCS = sorted(n for n in ox._core._ufunc_names if isinstance(getattr(np, n, None), np.ufunc))
OURS = set("?bhilBHILefdFD")


def np_types(nu):
    out = []
    for t in nu.types:
        t = t.replace("q", "l").replace("Q", "L")
        if all(c in OURS for c in t if c not in "->") and t not in out:
            out.append(t)
    return out


@pytest.mark.parametrize("name", UFUNCS)
def test_attributes_match_numpy(name):
    nu, ou = getattr(np, name), getattr(ox, name)
    assert ou.nin == nu.nin and ou.nout == nu.nout and ou.nargs == nu.nargs
    # The loops of the built-in dtypes, in NumPy's order (loops of registered dtypes, the
    # machine-learning floats, follow them; tests/test_ml_dtypes.py covers those).
    builtin = [t for t in ou.types if all(c in OURS for c in t if c not in "->")]
    assert builtin == np_types(nu)
    assert ou.types[: len(builtin)] == builtin
    assert ou.ntypes == len(ou.types)
    assert ou.signature == nu.signature
    if nu.identity is None:
        assert ou.identity is None
    else:
        assert ou.identity == nu.identity and type(ou.identity) is type(nu.identity)
    assert repr(ou) == repr(nu)
    assert ou.__name__ == nu.__name__
    assert ou.__doc__.startswith(f"{nu.__name__}(")
    assert isinstance(ou, ox.ufunc)


def test_aliases():
    assert ox.abs is not None and ox.abs.__name__ == "absolute"
    for alias, target in [("divide", "divide"), ("mod", "remainder"), ("conj", "conjugate"),
                          ("bitwise_not", "invert"), ("pow", "power"), ("acos", "arccos"),
                          ("bitwise_left_shift", "left_shift"), ("bitwise_right_shift", "right_shift")]:
        assert getattr(ox, alias).__name__ == getattr(np, alias).__name__ == target or target == "divide"


def test_scalar_and_zero_d_wrapping():
    r = ox.add(1, 2)
    assert_same(r, np.add(1, 2))
    assert_same(ox.add(ox.float32(1.5), 2), np.add(np.float32(1.5), 2))
    assert_same(ox.multiply(True, 3.0), np.multiply(True, 3.0))
    # 0-d arrays stay 0-d arrays (deliberately: NumPy returns a scalar here).
    z = ox.add(ox.asarray(1.5), 1)
    assert isinstance(z, ox.ndarray) and z.shape == () and z.dtype == ox.float64 and z.item() == 2.5
    # Arrays in, arrays out.
    assert_same(ox.sqrt(ox.asarray([4.0, 9.0])), np.sqrt(np.asarray([4.0, 9.0])))
    # Two outputs.
    q, r = ox.divmod(ox.asarray([7, -7]), 2)
    nq, nr = np.divmod(np.asarray([7, -7]), 2)
    assert_same(q, nq)
    assert_same(r, nr)
    m, e = ox.frexp(8.0)
    nm, ne = np.frexp(8.0)
    assert_same(m, nm)
    assert_same(e, ne)


def test_lists_and_numpy_inputs():
    assert_same(ox.add([1, 2], [3, 4]), np.add([1, 2], [3, 4]))
    a = np.arange(6, dtype=">f8").reshape(2, 3)[:, ::2]
    assert_same(ox.add(ox.asarray(a), 1.0), np.add(a, 1.0))


def test_out_forms():
    a = ox.asarray([1.0, 2.0])
    o = ox.zeros(2)
    assert ox.add(a, a, out=o) is o
    assert ox.add(a, a, out=(o,)) is o
    assert ox.add(a, a, o) is o
    assert o.tolist() == [2.0, 4.0]
    q = ox.zeros(2, dtype="int64")
    r1, r2 = ox.divmod(ox.asarray([7, 9]), 4, out=(None, q))
    assert r2 is q and q.tolist() == [3, 1] and r1.tolist() == [1, 2]
    with pytest.raises(TypeError):
        ox.add(a, a, o, out=o)
    with pytest.raises(ValueError):
        ox.add(a, a, out=(o, o))
    with pytest.raises(TypeError):
        ox.add(a, a, out=[1, 2])
    with pytest.raises(ValueError):
        ox.add(a, a, out=ox.zeros(3))
    ro = ox.zeros(2)
    ro.flags.writeable = False
    with pytest.raises(ValueError):
        ox.add(a, a, out=ro)


def test_out_broadcasts_inputs_like_numpy():
    o, no = ox.zeros((2, 3)), np.zeros((2, 3))
    ox.add(ox.asarray([1.0, 2.0, 3.0]), 1.0, out=o)
    np.add(np.asarray([1.0, 2.0, 3.0]), 1.0, out=no)
    assert_same(o, no)


def test_overlap_gives_numpy_answer():
    a, n = ox.arange(8.0), np.arange(8.0)
    ox.add(a[1:], a[:-1], out=a[1:])
    np.add(n[1:], n[:-1], out=n[1:])
    assert_same(a, n)
    a, n = ox.arange(8), np.arange(8)
    ox.multiply(a[::-1], 2, out=a)
    np.multiply(n[::-1], 2, out=n)
    assert_same(a, n)


def test_where_leaves_masked_untouched():
    a, n = ox.asarray([1.0, 2.0, 3.0]), np.asarray([1.0, 2.0, 3.0])
    o, no = ox.full(3, -5.0), np.full(3, -5.0)
    ox.add(a, 10, out=o, where=ox.asarray([True, False, True]))
    np.add(n, 10, out=no, where=np.asarray([True, False, True]))
    assert_same(o, no)
    o, no = ox.full((2, 3), 7, dtype="int16"), np.full((2, 3), 7, dtype="int16")
    ox.negative(ox.ones((2, 3), dtype="int16"), out=o, where=[False, True, False])
    np.negative(np.ones((2, 3), dtype="int16"), out=no, where=[False, True, False])
    assert_same(o, no)
    r = ox.add(ox.asarray([1, 2]), 1, where=False)
    assert r.shape == (2,)


def test_mixed_int32_float64_large():
    n = 1_000_000
    a, b = ox.arange(n, dtype="int32"), ox.full(n, 0.5)
    r = ox.add(a, b)
    assert r.dtype == ox.float64
    assert r[n - 1] == n - 0.5 and r[0] == 0.5


def test_zero_size_and_broadcast_errors():
    assert_same(ox.add(ox.zeros((0, 3)), ox.ones(3)), np.add(np.zeros((0, 3)), np.ones(3)))
    with pytest.raises(ValueError, match="operands could not be broadcast together"):
        ox.add(ox.ones(3), ox.ones(2))
    with pytest.raises(TypeError):
        ox.add(ox.ones(3))
    with pytest.raises(TypeError):
        ox.add(ox.ones(3), 1, 2, 3)


def test_fp_errors_reported_through_errstate():
    with pytest.warns(RuntimeWarning, match="divide by zero encountered in divide"):
        ox.divide(ox.ones(2), 0.0)
    with ox.errstate(divide="raise"), pytest.raises(FloatingPointError):
        ox.divide(ox.ones(2), 0.0)
    with ox.errstate(all="ignore"):
        r = ox.divide(ox.zeros(2), 0.0)
    assert np.isnan(to_numpy(r)).all()
    with pytest.warns(RuntimeWarning, match="invalid value encountered in sqrt"):
        ox.sqrt(ox.asarray([-1.0]))
    # A clean call does not warn (filterwarnings = error would fail the test).
    ox.sqrt(ox.asarray([4.0]))


def test_order_argument():
    a = ox.ones((2, 3))
    assert ox.add(a, a, order="F").flags.f_contiguous
    assert ox.add(a, a, order="C").flags.c_contiguous
    t = ox.ones((3, 2)).T
    assert ox.negative(t).flags.f_contiguous  # K keeps the input's layout
    with pytest.raises(ValueError):
        ox.add(a, a, order="X")


def test_gufunc_matmul_core_dims():
    a, b = np.arange(6.0).reshape(2, 3), np.arange(12.0).reshape(3, 4)
    assert_same(ox.matmul(ox.asarray(a), ox.asarray(b)), np.matmul(a, b))
    v = np.arange(3.0)
    assert_same(ox.matmul(ox.asarray(a), ox.asarray(v)), np.matmul(a, v))
    assert_same(ox.matmul(ox.asarray(v), ox.asarray(b)), np.matmul(v, b))
    s = np.arange(24.0).reshape(2, 4, 3)
    assert_same(ox.matmul(ox.asarray(s), ox.asarray(b)), np.matmul(s, b))
    with pytest.raises(ValueError, match=r"matmul: Input operand 1 has a mismatch in its core dimension 0"):
        ox.matmul(ox.asarray(a), ox.asarray(a))
    with pytest.raises(ValueError):
        np.matmul(a, a)


# -- Hypothesis: shapes, strides, broadcasting, out, where, casting --------------------------

shapes = st.lists(st.integers(0, 4), min_size=0, max_size=4)
NUM = ["int8", "int16", "int32", "int64", "uint8", "uint32", "float32", "float64", "complex128", "bool"]


@st.composite
def broadcast_pair(draw):
    shape = draw(shapes)
    other = [d if draw(st.booleans()) else 1 for d in shape]
    k = draw(st.integers(0, len(other)))
    return shape, other[k:]


def make(shape, dtype, seed, step=1, flip=False):
    n = int(np.prod(shape)) if shape else 1
    rng = np.random.default_rng(seed)
    vals = rng.integers(-20, 20, size=max(n * step, 1)).astype(dtype)
    base = vals[: n * step: step] if n else vals[:0]
    na = base.reshape(shape) if shape else vals[0:1].reshape(())
    if flip and na.ndim:
        na = na[::-1]
    na = np.ascontiguousarray(na) if not step > 1 else na
    oa = ox.asarray(na)
    return na, oa


@given(broadcast_pair(), st.sampled_from(NUM), st.sampled_from(NUM), st.integers(0, 2**31),
       st.sampled_from(["add", "multiply", "subtract", "maximum", "equal", "true_divide", "floor_divide"]),
       st.booleans())
def test_binary_hypothesis(pair, d1, d2, seed, name, strided):
    s1, s2 = pair
    na, oa = make(s1, d1, seed, step=2 if strided else 1)
    nb, ob = make(s2, d2, seed + 1, flip=strided)
    nu, ou = getattr(np, name), getattr(ox, name)
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        try:
            expect = nu(na, nb)
        except TypeError:
            with pytest.raises(TypeError):
                ou(oa, ob)
            return
        got = ou(oa, ob)
    if isinstance(expect, np.generic):
        expect = np.asarray(expect)  # 0-d in gives 0-d out in oxarray
    assert_same(got, expect)


@given(broadcast_pair(), st.sampled_from(NUM), st.sampled_from(NUM), st.integers(0, 2**31),
       st.sampled_from(["no", "equiv", "safe", "same_kind", "unsafe"]), st.booleans())
def test_out_where_casting_hypothesis(pair, din, dout, seed, casting, use_where):
    s1, s2 = pair
    na, oa = make(s1, din, seed)
    nb, ob = make(s2, din, seed + 1)
    shape = np.broadcast_shapes(na.shape, nb.shape)
    nout = np.full(shape, 3, dtype=dout)
    oout = ox.asarray(nout.copy())
    kw_n, kw_o = {}, {}
    if use_where:
        mask = (np.arange(int(np.prod(shape))).reshape(shape) % 3) == 1 if shape else np.asarray(True)
        kw_n["where"], kw_o["where"] = mask, ox.asarray(mask)
    with np.errstate(all="ignore"), ox.errstate(all="ignore"), warnings.catch_warnings():
        # NumPy warns when an unsafe output cast drops imaginary parts; oxarray does not.
        warnings.simplefilter("ignore", np.exceptions.ComplexWarning)
        try:
            np.add(na, nb, out=nout, casting=casting, **kw_n)
        except TypeError:
            with pytest.raises(TypeError):
                ox.add(oa, ob, out=oout, casting=casting, **kw_o)
            return
        r = ox.add(oa, ob, out=oout, casting=casting, **kw_o)
    assert r is oout
    assert_same(oout, nout)


@given(st.sampled_from(ALL_DTYPES), st.sampled_from(["negative", "absolute", "square", "sqrt", "exp", "isnan", "invert", "logical_not", "sign"]),
       shapes, st.integers(0, 2**31))
def test_unary_hypothesis(dtype, name, shape, seed):
    na, oa = make(shape, dtype, seed)
    nu, ou = getattr(np, name), getattr(ox, name)
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        try:
            expect = nu(na)
        except TypeError:
            with pytest.raises(TypeError):
                ou(oa)
            return
        got = ou(oa)
    if isinstance(expect, np.generic):
        expect = np.asarray(expect)
    if expect.dtype.kind in "fc":
        assert got.dtype.str == expect.dtype.str and got.shape == expect.shape
        np.testing.assert_allclose(to_numpy(got), expect, rtol=1e-6 if expect.dtype.itemsize >= 8 else 1e-2)
    else:
        assert_same(got, expect)


def test_replace_loop_at_run_time():
    """A replaced float64 `add` loop is what `oxarray.add` (and `a + b`, once operators
    call the ufunc) runs; restoring the returned loop brings the old behaviour back."""
    a, b = ox.asarray([5.0, 7.0]), ox.asarray([1.0, 2.0])
    assert ox.add(a, b).tolist() == [6.0, 9.0]  # also fills the dispatch cache
    old = ox.add._replace_loop("dd->d", ox.subtract)
    try:
        assert ox.add(a, b).tolist() == [4.0, 5.0]
        if "__add__" in dir(ox.ndarray):
            assert (a + b).tolist() == [4.0, 5.0]
        assert ox.add(ox.asarray([1, 2]), 3).tolist() == [4, 5]  # other loops untouched
    finally:
        ox.add._replace_loop("dd->d", old)
    assert ox.add(a, b).tolist() == [6.0, 9.0]
    with pytest.raises(TypeError):  # issue 8: a loop of another arity is a TypeError
        ox.add._replace_loop("dd->d", ox.sqrt)
    with pytest.raises(TypeError):
        ox.add._replace_loop("dd->d", 1)


@pytest.mark.parametrize("name", ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal"])
@pytest.mark.parametrize("value", [-1, 300, -(2**40), 2**63, 2**64 - 1])
@pytest.mark.parametrize("dtype", ["uint8", "int8", "uint16", "int32", "uint64"])
def test_comparison_with_out_of_range_python_int(name, value, dtype):
    n, o = np.arange(3, dtype=dtype), ox.arange(3, dtype=dtype)
    nu, ou = getattr(np, name), getattr(ox, name)
    try:
        expect = [nu(n, value), nu(value, n)]
    except OverflowError:
        with pytest.raises(OverflowError):
            ou(o, value)
        return
    assert_same(ou(o, value), expect[0])
    assert_same(ou(value, o), expect[1])
