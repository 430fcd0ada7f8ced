"""The object dtype (issue 14 part 2) against NumPy's object arrays: creation and dtype
discovery (ragged ``dtype=object`` included), indexing and assignment, copies, joins,
casts both ways, the object ufunc loops and their errors, reductions, ``frompyfunc``,
pickling, printing, interchange, and reference counts (no leaks, no early frees)."""

import gc
import pickle
import resource
import sys
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox

ITEMS = [1, "a", None, Fraction(1, 3), [1, 2], 2.5, (3,), {"k": 1}]


def same(o, n):
    """Same values (==, element by element), dtype and shape as NumPy's result."""
    if isinstance(n, np.ndarray):
        assert isinstance(o, ox.ndarray), type(o)
        assert o.shape == n.shape, (o.shape, n.shape)
        assert str(o.dtype) == str(n.dtype), (o.dtype, n.dtype)
        assert o.tolist() == n.tolist()
    elif isinstance(n, np.generic):
        # A NumPy scalar: the oxarray scalar of the same type name.
        assert isinstance(o, ox.generic), type(o)
        assert type(o).__name__ == type(n).__name__, (type(o), type(n))
        assert o == n
    else:
        assert type(o) is type(n), (type(o), type(n))
        assert o == n


def both(f):
    """f(np) and f(ox): the same result, or the same exception type."""
    try:
        n = f(np)
    except Exception as e:  # noqa: BLE001 - the type is compared below
        with pytest.raises(type(e)):
            f(ox)
        return
    same(f(ox), n)


def test_creation_and_discovery():
    both(lambda m: m.array(ITEMS, dtype=object))
    both(lambda m: m.array([[1, 2], [3]], dtype=object))
    both(lambda m: m.array([[1, 2], [3, [4]]], dtype=object))
    both(lambda m: m.array([1, None]))
    both(lambda m: m.array([Fraction(1, 2), 3]))
    both(lambda m: m.array(Fraction(1, 2)))
    both(lambda m: m.array([[1, 2], [3]]))  # ragged without dtype=object: ValueError
    both(lambda m: m.zeros((2, 2), dtype=object))
    both(lambda m: m.ones(3, dtype=object))
    both(lambda m: m.empty(3, dtype=object))
    both(lambda m: m.full(3, "x", dtype=object))
    both(lambda m: m.array(["a", None]))
    d = ox.dtype(object)
    n = np.dtype(object)
    assert (d.kind, d.char, d.str, d.name, d.itemsize, d.num) == (
        n.kind, n.char, n.str, n.name, n.itemsize, n.num)
    assert repr(d) == repr(n) and ox.dtype("O") == d


def test_indexing_and_assignment():
    both(lambda m: m.array(ITEMS, dtype=object)[[0, 2, 4]])
    both(lambda m: m.array(ITEMS, dtype=object)[m.array([True, False] * 4)])
    both(lambda m: m.array(ITEMS, dtype=object).reshape(2, 4)[:, 1])
    both(lambda m: m.array(ITEMS, dtype=object)[::-2])
    assert ox.array(ITEMS, dtype=object)[4] is ITEMS[4]
    assert ox.array([[1, "a"]], dtype=object)[0, 1] == "a"

    def setters(m):
        a = m.array(ITEMS, dtype=object)
        a[0] = [9, 9]
        a[[1, 2]] = ["x", "y"]
        a[m.array([False] * 6 + [True, True])] = 7
        a[3:5] = m.array([None, 1.5], dtype=object)
        return a

    both(setters)


def test_copies_joins_and_layout():
    both(lambda m: m.array(ITEMS, dtype=object).reshape(2, 4).T.copy())
    both(lambda m: m.array(ITEMS, dtype=object).reshape(2, 4).T.ravel())
    both(lambda m: m.concatenate([m.array(ITEMS, dtype=object)] * 2))
    both(lambda m: m.stack([m.array(ITEMS, dtype=object)] * 2, axis=1))
    both(lambda m: m.take(m.array(ITEMS, dtype=object), [1, 3]))
    both(lambda m: m.repeat(m.array(ITEMS, dtype=object), 2))
    both(lambda m: m.tile(m.array(ITEMS, dtype=object), 2))
    both(lambda m: m.where(m.array([True, False] * 4), m.array(ITEMS, dtype=object), 0))
    both(lambda m: m.broadcast_to(m.array([1, "a"], dtype=object), (3, 2)).copy())


def test_casts():
    both(lambda m: m.array([1.5, 2]).astype(object))
    both(lambda m: m.array([1, 2], dtype=object).astype(float))
    both(lambda m: m.array([1, 2], dtype=object).astype(np.int8))
    both(lambda m: m.array([1, 300], dtype=object).astype(np.int8))  # OverflowError
    both(lambda m: m.array([1, "x"], dtype=object).astype(float))  # ValueError
    both(lambda m: m.array([True, 0], dtype=object).astype(bool))
    both(lambda m: m.array([1 + 2j], dtype=object).astype(complex))
    both(lambda m: m.arange(3).astype(object) ** 70)


def test_ufunc_loops():
    a = [Fraction(1, 2), Fraction(1, 3), 4]
    for name in ["add", "subtract", "multiply", "true_divide", "floor_divide", "remainder",
                 "power", "maximum", "minimum", "equal", "less", "greater_equal"]:
        both(lambda m, name=name: getattr(m, name)(m.array(a, dtype=object),
                                                    m.array([2, 3, 5], dtype=object)))
    both(lambda m: m.array([1, 2], dtype=object) + m.array([1.5, 2]))
    both(lambda m: m.array([1, 2], dtype=object) + 1)
    both(lambda m: m.array([1, 2]) * m.array(["a", "b"], dtype=object))
    both(lambda m: -m.array(a, dtype=object))
    both(lambda m: abs(m.array([-1, Fraction(-1, 2)], dtype=object)))
    both(lambda m: m.sqrt(m.array([4.0, 9.0], dtype=object)) if m is ox else
         np.sqrt(np.array([4.0, 9.0], dtype=object)))
    both(lambda m: m.sqrt(m.array([4, 9], dtype=object)))  # int has no sqrt: TypeError


def test_errors_propagate_unchanged():
    class Boom(Exception):
        pass

    err = Boom()

    class Bad:
        def __add__(self, other):
            raise err

    a = ox.array([1, Bad()], dtype=object)
    with pytest.raises(Boom) as info:
        a + a
    assert info.value is err
    with pytest.raises(TypeError):
        np.array([1, "x"], dtype=object) + 1
    with pytest.raises(TypeError):
        ox.array([1, "x"], dtype=object) + 1


def test_reductions():
    both(lambda m: m.add.reduce(m.array(["a", "b", "c"], dtype=object)))
    both(lambda m: m.array([Fraction(1, 2), Fraction(1, 3)], dtype=object).sum())
    both(lambda m: m.array([3, 1, 2], dtype=object).max())
    both(lambda m: m.array([3, 1, 2], dtype=object).prod())
    both(lambda m: m.array([[1, 2], [3, 4]], dtype=object).sum(axis=0))
    both(lambda m: m.add.accumulate(m.array(["a", "b", "c"], dtype=object)))
    both(lambda m: m.array([], dtype=object).sum())


def test_frompyfunc_is_numpys():
    f = lambda x, y: x * 2 + y  # noqa: E731
    uf, nf = ox.frompyfunc(f, 2, 1), np.frompyfunc(f, 2, 1)
    assert isinstance(uf, ox.ufunc)
    assert (uf.nin, uf.nout, uf.nargs, uf.types, uf.__name__) == (
        nf.nin, nf.nout, nf.nargs, nf.types, nf.__name__)
    same(uf([1, 2, 3], [[1], [2]]), nf([1, 2, 3], [[1], [2]]))
    same(uf(1, 2), nf(1, 2))
    same(uf.reduce([1, 2, 3]), nf.reduce([1, 2, 3]))
    q, r = ox.frompyfunc(divmod, 2, 2)([7, 8, 9], 4)
    nq, nr = np.frompyfunc(divmod, 2, 2)([7, 8, 9], 4)
    same(q, nq)
    same(r, nr)


def test_pickle_printing_interchange():
    a = ox.array([[1, "a"], [None, [1, 2]]], dtype=object)
    n = np.array([[1, "a"], [None, None]], dtype=object)
    n[1, 1] = [1, 2]
    for proto in (2, 4, 5):
        same(pickle.loads(pickle.dumps(a, protocol=proto)), n)
    assert repr(a) == repr(n)
    assert str(a) == str(n)
    same(ox.asarray(n), n)
    back = np.asarray(a)
    assert back.dtype == object and back.tolist() == n.tolist()
    with pytest.raises(BufferError):
        np.from_dlpack(np.array([1], dtype=object))
    with pytest.raises(BufferError):
        a.__dlpack__()
    assert a.tolist() == n.tolist()


def test_reference_counts_stable():
    x = object()
    base = sys.getrefcount(x)
    for _ in range(2000):
        a = ox.array([x, x, 1], dtype=object)
        b = a.copy()
        c = ox.concatenate([a, b])[::2]
        d = a[[0, 1]]
        e = a[a != 1]
        a[0] = 5
        a[[1]] = ["s"]
        b[:2] = c[:2]
        f = a + a
        g = ox.frompyfunc(lambda v: v, 1, 1)(b)
        del a, b, c, d, e, f, g
    gc.collect()
    assert sys.getrefcount(x) == base


def test_failing_calls_do_not_leak():
    items = ox.array([1, "x"] * 10, dtype=object)
    for _ in range(2000):
        with pytest.raises(TypeError):
            items + 1
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(30_000):
        try:
            items + 1
        except TypeError:
            pass
        try:
            items.astype(float)
        except ValueError:
            pass
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert after - before < 20_000, (before, after)  # KiB


@settings(max_examples=25, deadline=None)
@given(st.lists(st.one_of(st.integers(-50, 50), st.text(max_size=3), st.none(),
                          st.fractions(max_denominator=5)), min_size=1, max_size=12),
       st.data())
def test_hypothesis_gather_and_assign(items, data):
    n = len(items)
    idx = data.draw(st.lists(st.integers(-n, n - 1), max_size=8))
    o, p = ox.array(items, dtype=object), np.array(items, dtype=object)
    same(o[idx], p[idx])
    mask = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    same(o[ox.array(mask, dtype=bool)], p[np.array(mask, dtype=bool)])
    o[idx] = "z"
    p[idx] = "z"
    same(o, p)
    same(o[::-1].copy(), p[::-1].copy())


# --- Reductions run a whole lane per loop call (same order and results as NumPy) ---

def _lane_items(draw_ints):
    return [Fraction(v, 3) if v % 2 else v for v in draw_ints]


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(-9, 9), min_size=1, max_size=24), st.integers(1, 4),
       st.sampled_from(["add", "multiply", "maximum", "minimum", "subtract",
                        "logical_and", "logical_or"]),
       st.sampled_from([None, 0, 1, -1]), st.booleans())
def test_hypothesis_object_reduce_lanes(vals, rows, name, axis, strided):
    items = _lane_items(vals) * rows
    o, p = ox.array(items, dtype=object), np.array(items, dtype=object)
    o, p = o.reshape(rows, -1), p.reshape(rows, -1)
    if strided:
        o, p = o[:, ::-2], p[:, ::-2]
    if axis is None and name in ("subtract",):
        axis = 0
    both(lambda m: getattr(m, name).reduce(o if m is ox else p, axis=axis))
    both(lambda m: getattr(m, name).accumulate(o if m is ox else p, axis=axis or 0))


def test_object_reduce_order_and_options():
    words = ["a", "b", "c", "d", "e"]
    both(lambda m: m.add.reduce(m.array(words, dtype=object)))
    both(lambda m: m.add.reduce(m.array(words * 2, dtype=object).reshape(2, 5), axis=1))
    both(lambda m: m.add.reduce(m.array(words * 2, dtype=object).reshape(2, 5).T, axis=0))
    both(lambda m: m.add.reduce(m.array(words * 2, dtype=object).reshape(5, 2), axis=0))
    both(lambda m: m.add.reduce(m.array(words, dtype=object), initial="z"))
    both(lambda m: m.add.reduce(m.array(words, dtype=object)[::-1]))
    both(lambda m: m.add.reduce(m.array([1, 2, 3], dtype=object),
                                where=m.array([True, False, True]), initial=10))
    both(lambda m: m.multiply.reduce(m.array([[2, "a"], [3, "b"]], dtype=object), axis=0))
    both(lambda m: m.array([[1, 5], [7, 2]], dtype=object).max(axis=1))
    both(lambda m: m.array([[1, 5], [7, 2]], dtype=object).min())
    both(lambda m: m.logical_and.reduce(m.array([1, "x", 0, 5], dtype=object)))
    both(lambda m: m.logical_or.reduce(m.array([0, "", [1], 5], dtype=object)))
    both(lambda m: m.array([], dtype=object).max())  # ValueError


def test_object_reduce_error_mid_lane():
    class Boom(Exception):
        pass

    err = Boom()

    class Bad:
        def __radd__(self, other):
            raise err

    for m in (np, ox):
        a = m.array([1, 2, Bad(), 4] * 10, dtype=object)
        with pytest.raises(Boom) as info:
            a.sum()
        assert info.value is err
        with pytest.raises(Boom):
            m.add.reduce(a.reshape(10, 4), axis=1)


# --- Matrix products: sums of products in order (PyNumber_Multiply, PyNumber_Add) ---

FR = [Fraction(1, 2), 3, Fraction(-2, 3), 4, 5, Fraction(1, 7)]


def test_object_matrix_products():
    A = lambda m: m.array(FR, dtype=object).reshape(2, 3)  # noqa: E731
    B = lambda m: m.array(FR[::-1], dtype=object).reshape(3, 2)  # noqa: E731
    v = lambda m: m.array(FR[:3], dtype=object)  # noqa: E731
    both(lambda m: m.dot(A(m), B(m)))
    both(lambda m: A(m) @ B(m))
    both(lambda m: m.matmul(A(m), v(m)))
    both(lambda m: m.matmul(v(m), B(m)))
    both(lambda m: m.dot(v(m), v(m)))
    both(lambda m: m.inner(A(m), A(m)))
    both(lambda m: m.inner(v(m), v(m)))
    both(lambda m: m.outer(v(m), v(m)))
    both(lambda m: m.tensordot(A(m), B(m), axes=1))
    both(lambda m: m.tensordot(A(m), A(m), axes=([1], [1])))
    both(lambda m: m.vdot(v(m), v(m)))
    both(lambda m: m.vecdot(A(m), A(m)))
    both(lambda m: m.matvec(A(m), v(m)))
    both(lambda m: m.vecmat(v(m), B(m)))
    both(lambda m: m.einsum("ij,jk", A(m), B(m)))
    both(lambda m: m.dot(A(m), m.array([[1.5], [2], [0.25]])))  # mixed: object result
    both(lambda m: m.dot(m.array([1, 2]), m.array([1, 2], dtype=object)))
    both(lambda m: m.dot(v(m), 3))
    both(lambda m: m.matmul(A(m).T.copy().T, B(m)[::-1]))  # strided operands
    # Order: non-commutative items (str * int, then concatenation).
    both(lambda m: m.dot(m.array(["a", "b"], dtype=object), m.array([2, 3], dtype=object)))
    both(lambda m: m.array([["a", "b"]], dtype=object) @ m.array([[2], [3]], dtype=object))
    both(lambda m: m.vecdot(m.array(["a"], dtype=object), m.array([2], dtype=object)))
    both(lambda m: m.vdot(m.array([1 + 2j, 3], dtype=object), m.array([1j, 2], dtype=object)))
    # Empty sums: matmul and dot give 0, the vector gufuncs leave None.
    E = lambda m, *s: m.empty(s, dtype=object)  # noqa: E731
    both(lambda m: E(m, 2, 0) @ E(m, 0, 2))
    both(lambda m: m.dot(E(m, 0), E(m, 0)))
    both(lambda m: m.dot(E(m, 2, 0), E(m, 0, 3)))
    both(lambda m: m.matvec(E(m, 2, 0), E(m, 0)))
    both(lambda m: m.vecdot(E(m, 2, 0), E(m, 2, 0)))
    both(lambda m: m.dot(m.array([None], dtype=object), m.array([None], dtype=object)))


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 3), st.integers(0, 3), st.integers(0, 3), st.data())
def test_hypothesis_object_matmul(n, k, mm, data):
    vals = data.draw(st.lists(st.integers(-5, 5), min_size=n * k + k * mm,
                              max_size=n * k + k * mm))
    items = [Fraction(v, 2) if v % 3 == 0 else v for v in vals]
    a = items[:n * k]
    b = items[n * k:]
    both(lambda m: m.array(a, dtype=object).reshape(n, k)
         @ m.array(b, dtype=object).reshape(k, mm))
    both(lambda m: m.dot(m.array(a, dtype=object).reshape(n, k),
                         m.array(b, dtype=object).reshape(k, mm)))


def test_object_products_errors_propagate():
    class Boom(Exception):
        pass

    class Bad:
        def __mul__(self, other):
            raise Boom()

        __rmul__ = __mul__

    for m in (np, ox):
        a = m.array([[1, Bad()]], dtype=object)
        with pytest.raises(Boom):
            a @ a.T
        with pytest.raises(Boom):
            m.dot(a, a.T)


# --- Logical ufuncs (NumPy 2: `a and b`, `a or b`, `not a`, method logical_xor) ---

def test_object_logical():
    a = [0, 1, "", [1], None, "x"]
    b = [5, 0, "x", None, 2, ""]
    for name in ["logical_and", "logical_or", "logical_xor"]:
        both(lambda m, name=name: getattr(m, name)(m.array(a, dtype=object),
                                                    m.array(b, dtype=object)))
        both(lambda m, name=name: getattr(m, name)(m.array(a, dtype=object), 1))
        both(lambda m, name=name: getattr(m, name)(m.array(a, dtype=object),
                                                    m.array([1.0, 0, 2, 0, 1, 0])))
        for m in (np, ox):  # object loop, then an output cast error (same_kind)
            with pytest.raises(TypeError, match="Cannot cast ufunc"):
                getattr(m, name)(m.array(a, dtype=object), m.array(b, dtype=object),
                                 out=m.zeros(6, dtype=bool))
    both(lambda m: m.logical_not(m.array(a, dtype=object)))
    both(lambda m: m.logical_and(m.array([1, 2]), m.array([0, 3])))  # unchanged: bool
    both(lambda m: m.any(m.array(a, dtype=object)))
    both(lambda m: m.all(m.array(a, dtype=object)))


# --- Layout functions, statistics, casts to strings, buffers ---

@pytest.mark.parametrize("mode", ["constant", "edge", "reflect", "symmetric", "wrap", "empty"])
def test_object_pad(mode):
    def f(m):
        r = m.pad(m.array(FR, dtype=object).reshape(2, 3), ((1, 2), (2, 1)), mode=mode)
        if mode == "empty":
            return r[1:3, 2:5]
        return r
    both(f)
    both(lambda m: m.pad(m.array(["a", "b"], dtype=object), 2, mode=mode)
         if mode != "empty" else m.pad(m.array(["a"], dtype=object), 0, mode=mode))


def test_object_pad_constant_values_and_roll():
    both(lambda m: m.pad(m.array(FR[:3], dtype=object), (1, 2), constant_values=("x", 7)))
    both(lambda m: m.pad(m.array(FR[:3], dtype=object), 1, constant_values=Fraction(1, 9)))
    both(lambda m: m.roll(m.array(FR, dtype=object), 2))
    both(lambda m: m.roll(m.array(FR, dtype=object).reshape(2, 3), (1, -1), axis=(0, 1)))
    both(lambda m: m.roll(m.array(FR, dtype=object).reshape(2, 3).T, 1, axis=0))


def test_object_mean_std():
    both(lambda m: m.array([1, 2], dtype=object).mean())  # float64, as NumPy
    both(lambda m: m.mean(m.array([[1, 2], [4, 5]], dtype=object)))
    both(lambda m: m.array([Fraction(1, 2), Fraction(1, 3), 2], dtype=object).mean())
    both(lambda m: m.array([1.5, 2.5], dtype=object).mean())
    both(lambda m: m.array([[1, 2], [3, 4]], dtype=object).mean(axis=0))
    both(lambda m: m.array([[1, 2], [3, 4]], dtype=object).mean(axis=(0, 1)))
    both(lambda m: m.array([[1, 2], [3, 4]], dtype=object).mean(keepdims=True))
    both(lambda m: m.array([Fraction(1, 2), 3], dtype=object).var())


def test_object_tril_triu_and_misc():
    both(lambda m: m.tril(m.array(FR, dtype=object).reshape(2, 3)))
    both(lambda m: m.triu(m.array(FR, dtype=object).reshape(2, 3), 1))
    both(lambda m: m.tril(m.array(FR, dtype=object).reshape(1, 2, 3), -1))
    both(lambda m: m.cumsum(m.array(["a", "b", "c"], dtype=object)))
    both(lambda m: m.cumprod(m.array(FR, dtype=object).reshape(2, 3), axis=1))
    both(lambda m: m.where([True, False, True], m.array(FR[:3], dtype=object), "x"))
    both(lambda m: m.where([True, False], "ab", m.array([1, 2], dtype=object)))
    both(lambda m: m.choose([0, 1, 0], [m.array(FR[:3], dtype=object),
                                        m.array(["a", "b", "c"], dtype=object)]))
    both(lambda m: m.clip(m.array([1, 5, 3], dtype=object), 2, 4))
    both(lambda m: m.clip(m.array([Fraction(1, 2), 5], dtype=object), 1, None))
    for name in ["isnan", "isinf", "isfinite", "signbit"]:
        both(lambda m, name=name: getattr(m, name)(m.array([1.0, 2], dtype=object)))


def test_object_memoryview_round_trip():
    a = ox.array(FR, dtype=object).reshape(2, 3)
    n = np.array(FR, dtype=object).reshape(2, 3)
    mo, mn = memoryview(a), memoryview(n)
    assert (mo.format, mo.itemsize, mo.shape, mo.strides, mo.ndim, mo.readonly) == (
        mn.format, mn.itemsize, mn.shape, mn.strides, mn.ndim, mn.readonly)
    same(ox.asarray(mo), np.asarray(mn))
    same(ox.asarray(memoryview(n)), np.asarray(mn))
    back = np.asarray(mo)
    assert back.dtype == object and back.tolist() == n.tolist()
    v = ox.asarray(mo)
    v[0, 0] = "w"  # a view of the same items
    assert a[0, 0] == "w"
    n[0, 0] = "w"
    same(ox.asarray(memoryview(a[:, ::2])), np.asarray(memoryview(n[:, ::2])))
    x = object()
    base = sys.getrefcount(x)
    for _ in range(200):
        b = ox.array([x, x], dtype=object)
        w = ox.asarray(memoryview(b))
        del b, w
    gc.collect()
    assert sys.getrefcount(x) == base


def test_object_string_casts():
    items = [1, "ab", b"x", 2.5, None, Fraction(1, 3)]
    both(lambda m: m.array(items, dtype=object).astype(str))
    both(lambda m: m.array(items, dtype=object).astype("U2"))
    both(lambda m: m.array(items, dtype=object).astype(bytes))
    both(lambda m: m.array(items, dtype=object).astype("S2"))
    both(lambda m: m.array(["é"], dtype=object).astype("S"))  # UnicodeEncodeError
    both(lambda m: m.array([b"\xff"], dtype=object).astype("U"))  # UnicodeDecodeError
    both(lambda m: m.array([[1, 2], 3], dtype=object).astype("U"))  # ValueError
    both(lambda m: m.array(["ab", "c"]).astype(object))
    both(lambda m: m.array([b"ab", b"c"]).astype(object))
    both(lambda m: m.array(["ab", "c"], dtype=">U2").astype(object))
    both(lambda m: m.array(m.array(items[:4], dtype=object), dtype=str))
    both(lambda m: m.array(m.array([1, 22]), dtype=str))  # sized from the dtype: U21
    assert type(ox.array(["ab"]).astype(object)[0]) is str
    assert type(ox.array([b"ab"]).astype(object)[0]) is bytes
    both(lambda m: m.array(["ab", "c"]).astype(object) + "!")
    both(lambda m: m.can_cast(m.dtype("U3"), object))
    both(lambda m: m.can_cast(object, m.dtype("U3")))
    both(lambda m: m.frompyfunc(lambda s: s + "!", 1, 1)(m.array(["ab", "c"])))


# --- Failing calls: the user's exception unchanged, nothing half-written, no leaks ---

def test_failing_calls_leak_test_vectorized():
    """The issue's leak test (1e5 failing item operations), vectorized: 100 calls over
    1000-item arrays whose items fail half way, for setitem, casts and loops; a sentinel's
    reference count and the peak RSS must not grow."""

    class Boom(Exception):
        pass

    err = Boom()
    sentinel = 10 ** 40 + len(sys.argv)  # a unique int: the operations succeed on it

    class Bad:
        def __add__(self, other):
            raise err

        __radd__ = __mul__ = __rmul__ = __add__

        def __float__(self):
            raise err

        def __str__(self):
            raise err

    items = [sentinel] * 500 + [Bad()] + [sentinel] * 499
    arr = ox.array(items, dtype=object)
    target = ox.array([1] * 1000, dtype=object)
    before_refs = sys.getrefcount(sentinel)

    def round_():
        for f in (lambda: arr + 1, lambda: arr.astype(float), lambda: arr.astype("U5"),
                  lambda: arr.sum(), lambda: arr @ arr, lambda: ox.add(arr, 1, out=target)):
            with pytest.raises(Boom) as info:
                f()
            assert info.value is err

    for _ in range(10):
        round_()
    gc.collect()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(100):
        round_()
    gc.collect()
    assert sys.getrefcount(sentinel) == before_refs
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss < 20_000  # KiB
    # `out=` was left as NumPy leaves it: items before the failure written, none after.
    n_target = np.array([1] * 1000, dtype=object)
    with pytest.raises(Boom):
        np.add(np.array(items, dtype=object), 1, out=n_target)
    same(target, n_target)
    # A failing setitem leaves the item as it was.
    a = ox.array([sentinel, 1], dtype=object)
    f = ox.zeros(2)
    with pytest.raises(Boom):
        f[0] = Bad()
    assert f.tolist() == [0.0, 0.0]
    del a
    gc.collect()
    assert sys.getrefcount(sentinel) == before_refs


def test_ufunc_of_python_objects_returns_the_object():
    both(lambda m: m.add(Fraction(1, 2), 1))
    both(lambda m: m.true_divide(Fraction(17, 6), m.int64(3)))


# --- Order (DTypeOps::compare: NumPy's OBJECT_compare) through the compare-based sorts ---

@settings(max_examples=20, deadline=None)
@given(st.lists(st.one_of(st.integers(-20, 20), st.fractions(max_denominator=4)),
                min_size=0, max_size=20))
def test_hypothesis_object_sorts(vals):
    both(lambda m: m.sort(m.array(vals, dtype=object)))
    both(lambda m: m.argsort(m.array(vals, dtype=object), kind="stable"))
    both(lambda m: m.unique(m.array(vals, dtype=object)))
    if vals:
        both(lambda m: m.argmax(m.array(vals, dtype=object)))
        both(lambda m: m.argmin(m.array(vals, dtype=object)))
    s = sorted(vals)
    both(lambda m: m.searchsorted(m.array(s, dtype=object), m.array([0, 3, -1], dtype=object)))
    both(lambda m: m.searchsorted(m.array(s, dtype=object), 2, side="right"))


def test_object_sorts_strings_and_errors():
    words = ["pear", "apple", "fig", "apple"]
    both(lambda m: m.sort(m.array(words, dtype=object)))
    both(lambda m: m.sort(m.array([words, words[::-1]], dtype=object), axis=0))
    both(lambda m: m.argsort(m.array(words, dtype=object), kind="stable"))
    both(lambda m: m.unique(m.array(words, dtype=object)))
    both(lambda m: m.argmax(m.array(words, dtype=object)))

    class Boom(Exception):
        pass

    err = Boom()

    class Bad:
        def __lt__(self, other):
            raise err

        __gt__ = __lt__

    for f in (ox.sort, ox.argsort, ox.argmax):
        with pytest.raises(Boom) as info:
            f(ox.array([3, Bad(), 1], dtype=object))
        assert info.value is err
    both(lambda m: m.sort(m.array([1, "a"], dtype=object)))  # TypeError from <


# --- Order statistics, moments and the remaining object loops (NumPy's algorithms) ---

def _eq(x, y):
    return x == y or (x != x and y != y)  # NaN equals NaN here


def same_typed(o, n):
    """`same`, and for arrays the type of every item as NumPy's (a Python float item is
    not a float64 one), NaN equal to NaN."""
    if isinstance(n, np.ndarray):
        assert isinstance(o, ox.ndarray), type(o)
        assert o.shape == n.shape, (o.shape, n.shape)
        assert str(o.dtype) == str(n.dtype), (o.dtype, n.dtype)
        ol, nl = np.asarray(o).ravel().tolist(), n.ravel().tolist()
        if n.dtype == object:
            ol = list(o.ravel().tolist())
            assert [type(x).__name__ for x in ol] == [type(x).__name__ for x in nl]
        assert all(_eq(x, y) for x, y in zip(ol, nl)), (ol, nl)
    elif isinstance(n, np.generic):
        assert isinstance(o, ox.generic), type(o)
        assert type(o).__name__ == type(n).__name__, (type(o), type(n))
        assert _eq(o, n), (o, n)
    else:
        assert type(o) is type(n), (type(o), type(n))
        assert _eq(o, n), (o, n)


def both_typed(f, warn_ok=True):
    """f(np) and f(ox): `same_typed` results, or the same exception type."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            n = f(np)
        except Exception as e:  # noqa: BLE001 - the type is compared below
            with pytest.raises(type(e)):
                f(ox)
            return
        o = f(ox)
    same_typed(o, n)


D = __import__("decimal").Decimal


def test_object_median_percentile_quantile():
    a = [1, 3, 2]
    m2 = [[1, 3], [2, 4]]
    fr = [Fraction(1, 2), Fraction(1, 3), Fraction(5, 7)]
    for vals in (a, [1, 3, 2, 4], fr, [1.5, 2.5], [1.0], [True, False, True], [D(1), D(4)]):
        both_typed(lambda m: m.median(m.array(vals, dtype=object)))
        both_typed(lambda m: m.percentile(m.array(vals, dtype=object), 30))
        both_typed(lambda m: m.quantile(m.array(vals, dtype=object), 0.25))
        both_typed(lambda m: m.quantile(m.array(vals, dtype=object), [0.3, 0.5, 1.0]))
        both_typed(lambda m: m.nanmedian(m.array(vals, dtype=object)))
        both_typed(lambda m: m.nanpercentile(m.array(vals, dtype=object), 30))
    both_typed(lambda m: m.median(m.array(m2, dtype=object), axis=0))
    both_typed(lambda m: m.median(m.array(m2, dtype=object), axis=1, keepdims=True))
    both_typed(lambda m: m.median(m.array(m2, dtype=object), axis=(0, 1)))
    both_typed(lambda m: m.median(m.array(m2, dtype=object), keepdims=True))
    both_typed(lambda m: m.median(m.array(3, dtype=object)))
    both_typed(lambda m: m.median(m.array([], dtype=object)))
    both_typed(lambda m: m.percentile(m.array(m2, dtype=object), 30, axis=0))
    both_typed(lambda m: m.percentile(m.array(m2, dtype=object), [30, 60], axis=1))
    both_typed(lambda m: m.quantile(m.array(a, dtype=object), m.asarray(0.3)))
    both_typed(lambda m: m.quantile(m.array(a, dtype=object), m.float32(0.3)))
    both_typed(lambda m: m.quantile(m.array(a, dtype=object), 1))
    both_typed(lambda m: m.quantile(m.array(a, dtype=object), m.array([0, 1])))
    for method in ["inverted_cdf", "averaged_inverted_cdf", "closest_observation",
                   "interpolated_inverted_cdf", "hazen", "weibull", "linear",
                   "median_unbiased", "normal_unbiased", "lower", "higher", "midpoint",
                   "nearest", "bogus"]:
        both_typed(lambda m: m.percentile(m.array(fr + [4], dtype=object), 40, method=method))
        both_typed(lambda m: m.quantile(m.array(m2, dtype=object), [0.2, 0.5], axis=0,
                                        method=method))
    both_typed(lambda m: m.quantile(m.array([3, 1, 2], dtype=object), 0.5,
                                    weights=m.array([1, 2, 1]), method="inverted_cdf"))
    both_typed(lambda m: m.quantile(m.array(m2, dtype=object), [0.2, 0.7], axis=1,
                                    weights=m.array([[1, 2], [0, 1]]), method="inverted_cdf"))
    both_typed(lambda m: m.median(m.array([None, 1], dtype=object)))  # TypeError from <
    out = ox.zeros(2, dtype=object)
    assert ox.median(ox.array(m2, dtype=object), axis=0, out=out) is out
    assert out.tolist() == np.median(np.array(m2, dtype=object), axis=0).tolist()


def test_object_nan_order_statistics():
    nan = float("nan")
    v = [1, nan, 3, 2, nan]
    both_typed(lambda m: m.nanmedian(m.array(v, dtype=object)))
    both_typed(lambda m: m.nanpercentile(m.array(v, dtype=object), [30, 80]))
    both_typed(lambda m: m.nanquantile(m.array([Fraction(1, 2), nan, Fraction(1, 3)],
                                               dtype=object), 0.25))
    both_typed(lambda m: m.nanmedian(m.array([nan], dtype=object)))
    both_typed(lambda m: m.nanquantile(m.array([nan, nan], dtype=object), [0.5, 0.2]))
    both_typed(lambda m: m.nanmedian(m.array([], dtype=object)))
    both_typed(lambda m: m.nanpercentile(m.array([[1, nan], [3, 5]], dtype=object), 30, axis=0))
    both_typed(lambda m: m.nanquantile(m.array([[1, nan], [3, 5]], dtype=object), [0.3, 0.5],
                                       axis=1))
    both_typed(lambda m: m.nanpercentile(m.array([[1, nan], [3, 5]], dtype=object), 30))
    # NumPy's small-lane nanmedian masks isnan(a): objects refuse it.
    both_typed(lambda m: m.nanmedian(m.array([[1, nan], [3, 5]], dtype=object), axis=0))
    with pytest.warns(RuntimeWarning, match="All-NaN"):
        ox.nanmedian(ox.array([nan], dtype=object))


_obj_vals = st.one_of(st.integers(-20, 20), st.fractions(max_denominator=4))


@settings(max_examples=25, deadline=None)
@given(st.lists(_obj_vals, min_size=1, max_size=12), st.integers(1, 3), st.data())
def test_hypothesis_object_order_statistics(vals, rows, data):
    n = len(vals) // rows * rows or len(vals)
    shape = (rows, n // rows) if n % rows == 0 and n >= rows else (n,)
    vals = vals[:n]
    nd = len(shape)
    axis = data.draw(st.one_of(st.none(), st.integers(-nd, nd - 1),
                               st.just(tuple(range(nd)))))
    keepdims = data.draw(st.booleans())
    q = data.draw(st.one_of(st.floats(0, 1), st.lists(st.floats(0, 1), min_size=1, max_size=3)))
    method = data.draw(st.sampled_from(["linear", "lower", "nearest", "midpoint", "hazen"]))

    def arr(m):
        return m.array(vals, dtype=object).reshape(shape)

    both_typed(lambda m: m.median(arr(m), axis=axis, keepdims=keepdims))
    both_typed(lambda m: m.quantile(arr(m), q, axis=axis, keepdims=keepdims, method=method))
    both_typed(lambda m: m.nanquantile(arr(m), q, axis=axis, keepdims=keepdims, method=method))


def test_object_var_std():
    a = [1, 3, 2]
    m2 = [[1, 2], [3, 5]]
    for vals in (a, [Fraction(1, 2), Fraction(1, 3)], [D(1), D(2)], [1j, 2], [1.5, 2.5],
                 [True, False]):
        for f in ("var", "std"):
            both_typed(lambda m: getattr(m, f)(m.array(vals, dtype=object)))
            both_typed(lambda m: getattr(m, f)(m.array(vals, dtype=object), ddof=1))
            if not isinstance(vals[0], (Fraction, complex)):
                # A float ddof makes the count a float64: NumPy's float64 is a Python
                # float subclass that `Fraction` and `complex` divide by themselves;
                # ours is not, so the object loop gives a Python float (docs/dtypes.md).
                both_typed(lambda m: getattr(m.array(vals, dtype=object), f)(ddof=1.5))
    for f in ("var", "std", "mean"):
        both_typed(lambda m: getattr(m, f)(m.array(m2, dtype=object), axis=0))
        both_typed(lambda m: getattr(m, f)(m.array(m2, dtype=object), axis=(0, 1)))
        both_typed(lambda m: getattr(m, f)(m.array(m2, dtype=object), keepdims=True))
        both_typed(lambda m: getattr(m, f)(m.array(m2, dtype=object), axis=0, dtype=float))
        both_typed(lambda m: getattr(m, f)(m.array(m2), dtype=object))
        both_typed(lambda m: getattr(m, f)(m.array(5, dtype=object)))
        both_typed(lambda m: getattr(m, f)(m.array(a, dtype=object),
                                           where=m.array([True, False, True])))
        both_typed(lambda m: getattr(m, f)(m.array([], dtype=object)))
    both_typed(lambda m: m.var(m.array(a, dtype=object), ddof=3))  # inf, as NumPy
    both_typed(lambda m: m.var(m.array(a, dtype=object), mean=m.array([2], dtype=object)))
    import warnings

    msgs = []
    for m in (np, ox):
        with warnings.catch_warnings(record=True) as rec:
            warnings.simplefilter("always")
            m.var(m.array(a, dtype=object), ddof=3)
        msgs.append(sorted(str(w.message) for w in rec))
    assert msgs[0] == msgs[1]


@settings(max_examples=25, deadline=None)
@given(st.lists(_obj_vals, min_size=1, max_size=12), st.integers(1, 3), st.data())
def test_hypothesis_object_moments(vals, rows, data):
    n = len(vals) // rows * rows
    shape = (rows, n // rows) if n else (len(vals),)
    vals = vals[:n] if n else vals
    nd = len(shape)
    axis = data.draw(st.one_of(st.none(), st.integers(-nd, nd - 1), st.just(tuple(range(nd)))))
    keepdims = data.draw(st.booleans())
    ddof = data.draw(st.sampled_from([0, 1]))

    def arr(m):
        return m.array(vals, dtype=object).reshape(shape)

    both_typed(lambda m: arr(m).mean(axis=axis, keepdims=keepdims))
    both_typed(lambda m: arr(m).var(axis=axis, keepdims=keepdims, ddof=ddof))
    both_typed(lambda m: m.std(arr(m), axis=axis, keepdims=keepdims, ddof=ddof))


def test_every_numpy_object_loop_exists():
    import json
    import pathlib

    # NumPy's public names, pinned (other tests may add ufuncs to the numpy namespace).
    names = json.loads((pathlib.Path(__file__).parent.parent / "tools" /
                        "numpy_api_names.json").read_text())["sections"]["top-level namespace"]
    checked = 0
    for name in names:
        u = getattr(np, name, None)
        if not isinstance(u, np.ufunc):
            continue
        checked += 1
        want = [t for t in u.types if "O" in t]
        if not want:
            continue
        got = getattr(ox, name).types
        assert [t for t in want if t not in got] == [], name
    assert checked > 80


def test_object_loops_sign_and_friends():
    vals = [1, -2.5, 0, Fraction(-1, 2), True, 7]
    both_typed(lambda m: m.sign(m.array(vals, dtype=object)))
    both_typed(lambda m: m.sign(m.array([float("nan")], dtype=object)))  # TypeError
    both_typed(lambda m: m.sign(m.array([None], dtype=object)))  # TypeError from <
    both_typed(lambda m: m.square(m.array(vals, dtype=object)))
    both_typed(lambda m: m.reciprocal(m.array([1, -2, Fraction(1, 3)], dtype=object)))
    both_typed(lambda m: m.reciprocal(m.array([0], dtype=object)))  # ZeroDivisionError
    both_typed(lambda m: m.floor(m.array([1.5, Fraction(7, 2), -2], dtype=object)))
    both_typed(lambda m: m.ceil(m.array([1.5, Fraction(7, 2), -2], dtype=object)))
    both_typed(lambda m: m.trunc(m.array([-1.5, Fraction(7, 2), D("2.5")], dtype=object)))
    both_typed(lambda m: m.fabs(m.array([1], dtype=object)))  # no fabs method: TypeError
    both_typed(lambda m: m.fabs(m.array([D("-1.5")], dtype=object)))  # no method either
    both_typed(lambda m: m.bitwise_count(m.array([7, -3, 0], dtype=object)))
    both_typed(lambda m: m.bitwise_count(m.array([7, 2.5], dtype=object)))
    for f in ("fmod", "arctan2", "atan2", "hypot"):
        both_typed(lambda m: getattr(m, f)(m.array([1, 2], dtype=object), 2))  # AttributeError
    both_typed(lambda m: m.gcd(m.array([12, Fraction(1, 2), 2.5, -4], dtype=object),
                               m.array([18, Fraction(1, 3), 1.0, 6], dtype=object)))
    both_typed(lambda m: m.gcd(m.array([float("inf")], dtype=object), 2.0))  # ValueError
    both_typed(lambda m: m.lcm(m.array([12, -4, Fraction(1, 2)], dtype=object), 18))
    both_typed(lambda m: m.gcd.reduce(m.array([12, 18, 8], dtype=object)))
    both_typed(lambda m: m.lcm.reduce(m.array([[4, 6], [10, 3]], dtype=object), axis=1))


def test_object_method_loop_error_names_the_element():
    with pytest.raises(TypeError) as n:
        np.sqrt(np.array([D(4), D(9), 3], dtype=object))
    with pytest.raises(TypeError) as o:
        ox.sqrt(ox.array([D(4), D(9), 3], dtype=object))
    assert str(o.value) == str(n.value)


@settings(max_examples=30, deadline=None)
@given(a=st.lists(st.fractions(max_denominator=9), min_size=1, max_size=7),
       v=st.lists(st.fractions(max_denominator=9), min_size=1, max_size=7),
       mode=st.sampled_from(["valid", "same", "full"]),
       fn=st.sampled_from(["convolve", "correlate"]))
def test_convolve_correlate_objects(a, v, mode, fn):
    """NumPy's OBJECT_dot per output position: exact Fractions, dtype object."""
    r = getattr(np, fn)(np.array(a, dtype=object), np.array(v, dtype=object), mode)
    o = getattr(ox, fn)(ox.array(a, dtype=object), ox.array(v, dtype=object), mode)
    assert str(o.dtype) == "object" and o.shape == r.shape
    assert o.tolist() == r.tolist()


@pytest.mark.parametrize("fn", ["convolve", "correlate"])
@pytest.mark.parametrize("mode", ["valid", "same", "full"])
def test_convolve_correlate_object_operand_order(fn, mode):
    """Products are ``a_item * v_item`` and sums start from the first product (strings
    times ints, which a zero start would break), the longer operand sliding as NumPy's."""
    for a, v in [(["a", "bb", "c"], [1, 2]), ([2, 1], ["x", "yz", "w"])]:
        r = getattr(np, fn)(np.array(a, dtype=object), np.array(v, dtype=object), mode)
        o = getattr(ox, fn)(ox.array(a, dtype=object), ox.array(v, dtype=object), mode)
        assert o.tolist() == r.tolist()
    with pytest.raises(ValueError):
        np.convolve(np.array([], dtype=object), np.array([1], dtype=object))
    with pytest.raises(ValueError):
        ox.convolve(ox.array([], dtype=object), ox.array([1], dtype=object))


@pytest.mark.parametrize("make", [
    lambda m: m.array([1, "a", 3.5], dtype=object),
    lambda m: m.array(["a", "a longer text than sixteen"], dtype=m.dtypes.StringDType()),
])
@pytest.mark.parametrize("to", ["uint64", "V8", "int8", "V16"])
def test_view_of_references_refused_as_numpy(make, to):
    """Bytes read as references would be dangling pointers: NumPy refuses such views
    (and ``frombuffer`` with dtype object) with TypeError / ValueError; so do we."""
    n, o = make(np), make(ox)
    with pytest.raises(TypeError) as e:
        n.view(to)
    with pytest.raises(TypeError, match="array of references"):
        o.view(to)
    assert "array of references" in str(e.value)
    with pytest.raises(TypeError):
        o.dtype = ox.dtype(to)
    assert o.view(o.dtype).tolist() == n.tolist()
    with pytest.raises(TypeError):
        np.zeros(2, np.uint64).view(n.dtype)
    with pytest.raises(TypeError):
        ox.zeros(2, ox.uint64).view(o.dtype)
    with pytest.raises(ValueError):
        np.frombuffer(np.zeros(2, np.uint64), dtype=n.dtype)
    with pytest.raises(ValueError):
        ox.frombuffer(ox.zeros(2, ox.uint64), dtype=o.dtype)
