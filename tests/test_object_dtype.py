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
