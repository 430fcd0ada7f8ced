"""The ufuncs' string loops (descriptor loops of the core's loop table) against NumPy 2:
comparisons, ``add``, ``multiply``, the logical ufuncs, and the ufunc objects of
``numpy.strings`` (``str_len``, ``isalpha`` ...) on ``S``, ``U`` and ``StringDType``,
with broadcasting, item sizes, ``out=``, ``where=``, ``dtype=``, ``signature=``,
``casting=``, ``outer``, the reduce-like methods and NumPy's error types."""

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import oxarray as ox

SETTINGS = settings(max_examples=25, deadline=None)

CMP = ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal"]
LOGICAL = ["logical_and", "logical_or", "logical_xor"]
PREDS = ["isalpha", "isdigit", "isspace", "isalnum", "isnumeric", "isdecimal",
         "islower", "isupper", "istitle"]

alphabet = st.sampled_from(list("ab AB1\t2é"))
ascii_alphabet = st.sampled_from(list("ab AB1\t2"))


def raises_like(np_call, ox_call):
    """Both raise, oxarray's exception an instance of the built-in class of NumPy's
    (NumPy's ``UFuncTypeError`` family is a ``TypeError``)."""
    try:
        np_call()
    except Exception as e:  # noqa: BLE001 - whatever NumPy raises is compared
        expected = next(c for c in type(e).__mro__ if c.__module__ == "builtins")
    else:
        pytest.fail("NumPy did not raise")
    with pytest.raises(expected):
        ox_call()


def same(o, n):
    """Same kind (array or scalar), dtype, shape and values."""
    if isinstance(n, np.ndarray):
        assert isinstance(o, ox.ndarray), type(o)
        assert o.shape == n.shape, (o.shape, n.shape)
        assert str(o.dtype) == str(n.dtype), (o.dtype, n.dtype)
        ol, nl = o.tolist(), n.tolist()
        assert _eq(ol, nl), (ol, nl)
    else:
        # oxarray keeps a 0-d array where NumPy gives a scalar for 0-d array operands
        # (shared/DESIGN.md, step 7): same dtype and value.
        if isinstance(o, ox.ndarray):
            assert o.ndim == 0 and str(o.dtype) == str(n.dtype), (o, n)
            o = o[()]
        assert _eq(o.item() if hasattr(o, "item") else o, n.item() if hasattr(n, "item") else n), (o, n)


def _eq(a, b):
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(_eq(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


@st.composite
def text_array(draw, kind, shape):
    n = int(np.prod(shape))
    alpha = ascii_alphabet if kind == "S" else alphabet
    xs = draw(st.lists(st.text(alpha, max_size=4), min_size=n, max_size=n))
    if kind == "S":
        a = np.array([x.encode() for x in xs], dtype="S")
    elif kind == "T":
        a = np.array(xs, dtype=np.dtypes.StringDType())
    else:
        a = np.array(xs, dtype="U")
    # A wider item size than the data needs, sometimes.
    if kind in "SU" and draw(st.booleans()):
        a = a.astype(f"{kind}{a.dtype.itemsize // (4 if kind == 'U' else 1) + 3}")
    return a.reshape(shape)


def as_ox(a):
    if a.dtype.kind == "T":
        return ox.array(a.tolist(), dtype=ox.dtypes.StringDType())
    return ox.asarray(a)


# Pairs of shapes that broadcast.
shape_pairs = st.sampled_from([((3,), (3,)), ((2, 3), (3,)), ((3, 1), (1, 4)), ((), (2,)),
                               ((0,), (1,)), ((2, 1, 2), (2,))])
# The (kind, kind) pairs NumPy has loops for.
pairs = st.sampled_from([("S", "S"), ("U", "U"), ("T", "T"), ("T", "U"), ("U", "T")])


@SETTINGS
@given(st.data())
def test_comparisons_add(data):
    ka, kb = data.draw(pairs)
    sa, sb = data.draw(shape_pairs)
    a = data.draw(text_array(ka, sa))
    b = data.draw(text_array(kb, sb))
    oa, ob = as_ox(a), as_ox(b)
    for name in CMP + ["add"]:
        same(getattr(ox, name)(oa, ob), getattr(np, name)(a, b))
    same(oa == ob, a == b)
    same(oa < ob, a < b)
    same(oa + ob, a + b)
    for name in LOGICAL:
        same(getattr(ox, name)(oa, ob), getattr(np, name)(a, b))


@SETTINGS
@given(st.data())
def test_unary_string_ufuncs(data):
    kind = data.draw(st.sampled_from(["S", "U", "T"]))
    shape = data.draw(st.sampled_from([(3,), (2, 2), (), (0,)]))
    a = data.draw(text_array(kind, shape))
    oa = as_ox(a)
    for name in ["str_len"] + PREDS:
        f, g = getattr(ox.strings, name), getattr(np.strings, name)
        if kind == "S" and name in ("isnumeric", "isdecimal"):
            raises_like(lambda: g(a), lambda: f(oa))
            continue
        same(f(oa), g(a))


def test_string_ufunc_objects_as_numpy():
    for name in dir(np.strings):
        if name.startswith("_"):
            continue
        if isinstance(getattr(np.strings, name), np.ufunc):
            u = getattr(ox.strings, name)
            assert isinstance(u, ox.ufunc), name
            nu = getattr(np.strings, name)
            assert (u.nin, u.nout, u.__name__) == (nu.nin, nu.nout, nu.__name__)
        else:
            assert not isinstance(getattr(ox.strings, name, None), ox.ufunc), name
    assert ox.strings.equal is ox.equal and ox.strings.add is ox.add


@SETTINGS
@given(st.data())
def test_multiply(data):
    kind = data.draw(st.sampled_from(["S", "U", "T"]))
    a = data.draw(text_array(kind, (3,)))
    oa = as_ox(a)
    k = data.draw(st.sampled_from([np.int64, np.int8, np.uint16, np.int32]))
    low = 0 if np.dtype(k).kind == "u" else -1
    i = np.array(data.draw(st.lists(st.integers(low, 3), min_size=3, max_size=3)), dtype=k)
    oi = ox.asarray(i)
    if kind == "T":
        same(ox.multiply(oa, oi), np.multiply(a, i))
        same(ox.multiply(oi, oa), np.multiply(i, a))
        same(ox.multiply(oa, 2), np.multiply(a, 2))
        same(oa * 2, a * 2)
        return
    raises_like(lambda: np.multiply(a, i), lambda: ox.multiply(oa, oi))
    raises_like(lambda: np.multiply(a, 2), lambda: ox.multiply(oa, 2))
    width = data.draw(st.integers(1, 12))
    out_dt = f"{kind}{width}"
    n_out, o_out = np.zeros(3, out_dt), ox.zeros(3, out_dt)
    same(ox.multiply(oa, oi, out=o_out), np.multiply(a, i, out=n_out))
    n_out, o_out = np.zeros(3, out_dt), ox.zeros(3, out_dt)
    same(ox.multiply(2, oa, out=o_out), np.multiply(2, a, out=n_out))
    raises_like(lambda: np.multiply(a, np.ones(3), out=np.zeros(3, out_dt)),
                lambda: ox.multiply(oa, ox.ones(3), out=ox.zeros(3, out_dt)))


@SETTINGS
@given(st.data())
def test_out_where_and_truncation(data):
    kind = data.draw(st.sampled_from(["S", "U"]))
    a = data.draw(text_array(kind, (4,)))
    b = data.draw(text_array(kind, (4,)))
    oa, ob = as_ox(a), as_ox(b)
    width = data.draw(st.integers(1, 10))
    # add into a given (maybe shorter) output: truncated as NumPy's.
    n_out, o_out = np.zeros(4, f"{kind}{width}"), ox.zeros(4, f"{kind}{width}")
    r = ox.add(oa, ob, out=o_out)
    assert r is o_out
    same(o_out, np.add(a, b, out=n_out))
    mask = np.array(data.draw(st.lists(st.booleans(), min_size=4, max_size=4)))
    n_out, o_out = np.ones(4, bool), ox.ones(4, bool)
    np.less(a, b, out=n_out, where=mask)
    ox.less(oa, ob, out=o_out, where=ox.asarray(mask))
    same(o_out, n_out)
    n_out, o_out = np.zeros(4, f"{kind}{width}"), ox.zeros(4, f"{kind}{width}")
    np.add(a, b, out=n_out, where=mask)
    ox.add(oa, ob, out=o_out, where=ox.asarray(mask))
    same(o_out, n_out)
    # A comparison into an int output.
    n_out, o_out = np.zeros(4, np.int16), ox.zeros(4, ox.int16)
    same(ox.equal(oa, ob, out=o_out), np.equal(a, b, out=n_out))
    n_out, o_out = np.zeros(4, np.int8), ox.zeros(4, ox.int8)
    same(ox.strings.str_len(oa, out=o_out), np.strings.str_len(a, out=n_out))


@pytest.mark.parametrize("kind", ["S", "U", "T"])
def test_keywords(kind):
    a = np.array(["ab", "c", ""]) if kind != "S" else np.array([b"ab", b"c", b""])
    if kind == "T":
        a = a.astype(np.dtypes.StringDType())
    b = a[::-1].copy()
    oa, ob = as_ox(a), as_ox(b)
    same(ox.equal(oa, ob, dtype=bool), np.equal(a, b, dtype=bool))
    same(ox.less(oa, ob, signature=(None, None, "?")), np.less(a, b, signature=(None, None, "?")))
    same(ox.equal(oa, ob, casting="no"), np.equal(a, b, casting="no"))
    same(ox.add(oa, ob, casting="no"), np.add(a, b, casting="no"))
    same(ox.strings.isalpha(oa, dtype=bool), np.strings.isalpha(a, dtype=bool))
    if kind != "T":
        same(ox.add(oa, ob, dtype=kind), np.add(a, b, dtype=kind))
        same(ox.add(oa, ob, signature=(kind, kind, kind)), np.add(a, b, signature=(kind, kind, kind)))
    raises_like(lambda: np.strings.str_len(a, dtype=np.int32),
                lambda: ox.strings.str_len(oa, dtype=ox.int32))
    # outer
    same(ox.equal.outer(oa, ob), np.equal.outer(a, b))
    same(ox.add.outer(oa, ob), np.add.outer(a, b))
    same(ox.less.outer(oa[:2], ob), np.less.outer(a[:2], b))
    # the reduce-like methods
    if kind == "T":
        same(ox.add.reduce(oa), np.add.reduce(a))
        same(ox.add.accumulate(oa), np.add.accumulate(a))
    else:
        raises_like(lambda: np.add.reduce(a), lambda: ox.add.reduce(oa))
        raises_like(lambda: np.add.accumulate(a), lambda: ox.add.accumulate(oa))
    raises_like(lambda: np.equal.reduce(a), lambda: ox.equal.reduce(oa))


def test_scalars_and_python_strings():
    a = np.array(["ab", "c"])
    oa = ox.asarray(a)
    same(ox.equal(oa, "ab"), np.equal(a, "ab"))
    same(ox.add(oa, "z"), np.add(a, "z"))
    same(ox.add("x", oa), np.add("x", a))
    same(ox.less(oa[0], oa[1]), np.less(a[0], a[1]))
    same(ox.strings.str_len(oa[0]), np.strings.str_len(a[0]))
    # byte-swapped U operands
    sw = a.astype(">U2")
    same(ox.equal(ox.asarray(sw), oa), np.equal(sw, a))
    same(ox.add(ox.asarray(sw), oa), np.add(sw, a))
    # non-contiguous
    big = np.array(["a", "bb", "ccc", "dddd", "e", "ff"])
    ob = ox.asarray(big)
    same(ox.add(ob[::2], ob[::-2]), np.add(big[::2], big[::-2]))
    same(ox.greater(ob[::-1], ob), np.greater(big[::-1], big))


@pytest.mark.parametrize("name", CMP + ["add"])
def test_errors(name):
    u, s = np.array(["a"]), np.array([b"a"])
    t = u.astype(np.dtypes.StringDType())
    f, g = getattr(ox, name), getattr(np, name)
    raises_like(lambda: g(u, s), lambda: f(ox.asarray(u), ox.asarray(s)))
    raises_like(lambda: g(s, u), lambda: f(ox.asarray(s), ox.asarray(u)))
    raises_like(lambda: g(t, s), lambda: f(as_ox(t), ox.asarray(s)))
    raises_like(lambda: g(u, np.array([1, 2])), lambda: f(ox.asarray(u), ox.asarray([1, 2])))
    raises_like(lambda: g(u, 1), lambda: f(ox.asarray(u), 1))
    raises_like(lambda: g(u, np.array([1.5])), lambda: f(ox.asarray(u), ox.asarray([1.5])))


def test_other_errors():
    u = np.array(["ab", "c"])
    ou = ox.asarray(u)
    raises_like(lambda: np.maximum(u, u), lambda: ox.maximum(ou, ou))
    raises_like(lambda: np.strings.str_len(np.array([1])), lambda: ox.strings.str_len(ox.asarray([1])))
    raises_like(lambda: np.strings.isalpha(3), lambda: ox.strings.isalpha(3))


def test_stringdtype_na():
    T = np.dtypes.StringDType(na_object=np.nan)
    n = np.array(["a", np.nan, "", "bc"], dtype=T)
    o = ox.array(["a", math.nan, "", "bc"], dtype=ox.dtypes.StringDType(na_object=math.nan))
    same(ox.equal(o, o), np.equal(n, n))
    same(ox.not_equal(o, o), np.not_equal(n, n))
    same(ox.less(o, o), np.less(n, n))
    same(ox.add(o, o), np.add(n, n))
    same(ox.multiply(o, 2), np.multiply(n, 2))
    same(ox.logical_and(o, o), np.logical_and(n, n))
    same(ox.strings.isalpha(o), np.strings.isalpha(n))
    raises_like(lambda: np.strings.str_len(n), lambda: ox.strings.str_len(o))
    u = np.array(["a", "b", "c", "d"])
    same(ox.add(o, ox.asarray(u)), np.add(n, u))
    same(ox.equal(ox.asarray(u), o), np.equal(u, n))
    t0 = np.array(["x", "y"], dtype=np.dtypes.StringDType())
    ot = as_ox(t0)
    same(ox.equal(ot, ot), np.equal(t0, t0))
    same(ot == ot, t0 == t0)


@SETTINGS
@given(st.data())
def test_stringdtype_maximum_minimum(data):
    sa, sb = data.draw(shape_pairs)
    a = data.draw(text_array("T", sa))
    b = data.draw(text_array("T", sb))
    oa, ob = as_ox(a), as_ox(b)
    same(ox.maximum(oa, ob), np.maximum(a, b))
    same(ox.minimum(oa, ob), np.minimum(a, b))
    if a.ndim == 1 and a.size:
        same(ox.maximum.reduce(oa), np.maximum.reduce(a))
        same(ox.minimum.reduce(oa), np.minimum.reduce(a))


def test_stringdtype_maximum_na():
    T = np.dtypes.StringDType(na_object=np.nan)
    n = np.array(["a", np.nan, "c", np.nan], dtype=T)
    m = np.array([np.nan, "b", "a", np.nan], dtype=T)
    od = ox.dtypes.StringDType(na_object=math.nan)
    o = ox.array(["a", math.nan, "c", math.nan], dtype=od)
    p = ox.array([math.nan, "b", "a", math.nan], dtype=od)
    same(ox.maximum(o, p), np.maximum(n, m))
    same(ox.minimum(o, p), np.minimum(n, m))
    u = np.array(["a", "b"])
    raises_like(lambda: np.maximum(n[:2], u), lambda: ox.maximum(o[:2], ox.asarray(u)))


def test_outputs_of_another_class():
    s, u = np.array([b"ab", b""]), np.array(["xyz", "q"])
    os_, ou = ox.asarray(s), ox.asarray(u)
    same(ox.multiply(os_, 2, out=ox.zeros(2, "U3")), np.multiply(s, 2, out=np.zeros(2, "U3")))
    same(ox.equal(ou, ou, out=ox.zeros(2, "U3")), np.equal(u, u, out=np.zeros(2, "U3")))
    same(ox.strings.str_len(ou, out=ox.zeros(2, "U2")), np.strings.str_len(u, out=np.zeros(2, "U2")))
    raises_like(lambda: np.add(u, u, out=np.zeros(2, "S4")), lambda: ox.add(ou, ou, out=ox.zeros(2, "S4")))
    raises_like(lambda: np.add(u, u, out=np.zeros(2, "f8")), lambda: ox.add(ou, ou, out=ox.zeros(2, "f8")))


@SETTINGS
@given(st.data())
def test_written_in_place_over_old_items(data):
    """Loops that write their result straight into the output run: a prefilled ``out``
    (every item replaced), a strided one (written through a copy), and ``out=`` an input
    of ``add`` on StringDType (its text read before the item is replaced)."""
    kind = data.draw(st.sampled_from(["S", "U", "T"]))
    a = data.draw(text_array(kind, (6,)))
    b = data.draw(text_array(kind, (6,)))
    oa, ob = as_ox(a), as_ox(b)
    step = data.draw(st.sampled_from([1, 2]))
    n_out, o_out = np.ones(6 * step, bool), ox.ones(6 * step, bool)
    same(ox.less_equal(oa, ob, out=o_out[::step]), np.less_equal(a, b, out=n_out[::step]))
    same(o_out, n_out)
    n_len, o_len = np.full(6 * step, 99), ox.full(6 * step, 99)
    same(ox.strings.str_len(oa, out=o_len[::step]), np.strings.str_len(a, out=n_len[::step]))
    same(o_len, n_len)
    if kind == "T":
        long = np.array(["a text longer than fifteen bytes"] * 6, dtype=a.dtype)
        n_out, o_out = long.copy(), as_ox(long)
        same(ox.add(oa, ob, out=o_out), np.add(a, b, out=n_out))
        n_in, o_in = np.char.add(long, a).astype(a.dtype), as_ox(np.char.add(long, a).astype(a.dtype))
        same(ox.add(o_in, ob, out=o_in), np.add(n_in, b, out=n_in))
        same(ox.add(oa, o_in, out=o_in), np.add(a, n_in, out=n_in))
