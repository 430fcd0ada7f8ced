"""The scalar classes' own C slots and the ufunc's vectorcall (issue 13, targets 1 and 2).

Scalars are allocated in place (free list, plain non-GC objects) and their operators are C
slots installed on the 14 concrete classes; ufunc objects are called through vectorcall.
These tests check what that must not change: reference counts and memory stay flat over
many operations, results still match NumPy's scalars, subclasses and pickling work, the
general path still answers what the fast path declines.
"""

import copy
import gc
import operator
import pickle
import sys
import tracemalloc
import warnings

import numpy as np
import pytest

import oxarray as ox

REAL = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
        "float32", "float64"]
BINOPS = [operator.add, operator.sub, operator.mul, operator.truediv, operator.floordiv,
          operator.mod, operator.pow, operator.and_, operator.or_, operator.xor, divmod,
          operator.lt, operator.le, operator.eq, operator.ne, operator.gt, operator.ge]


def _value(name):
    return True if name == "bool" else 3


def _run_all(a, b):
    for op in BINOPS:
        for x, y in ((a, b), (b, a), (a, 2), (2.5, a), (a, True)):
            try:
                op(x, y)
            except (TypeError, ValueError, ZeroDivisionError):
                pass
    for op in (operator.neg, operator.pos, abs, operator.invert):
        try:
            op(a)
        except TypeError:
            pass


@pytest.mark.parametrize("name", REAL)
def test_refcounts_stay_flat(name):
    t = getattr(ox, name)
    a, b = t(_value(name)), t(_value(name))
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        _run_all(a, b)  # warm caches
        before = (sys.getrefcount(t), sys.getrefcount(a), sys.getrefcount(b),
                  sys.getrefcount(ox.bool(True)), sys.getrefcount(ox.bool(False)))
        for _ in range(200):
            _run_all(a, b)
        after = (sys.getrefcount(t), sys.getrefcount(a), sys.getrefcount(b),
                 sys.getrefcount(ox.bool(True)), sys.getrefcount(ox.bool(False)))
    assert before == after


def test_memory_stays_flat():
    f, g, i = ox.float64(3.0), ox.float64(2.0), ox.int64(7)
    a, o = ox.arange(4.0), ox.empty(4)

    def work():
        for _ in range(2000):
            f * g
            f + 2.0
            i // 2
            f < g
            -f
            a[1]
            ox.add(a, a, out=o)
            ox.multiply(f, g)

    work()
    gc.collect()
    tracemalloc.start()
    try:
        work()
        gc.collect()
        first, _ = tracemalloc.get_traced_memory()
        work()
        gc.collect()
        second, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert second - first < 16_384, (first, second)


def test_results_live_independently():
    # Objects from the free list must never alias a live scalar.
    xs = [ox.float64(k) * ox.float64(1.0) for k in range(300)]
    del xs[::2]
    ys = [ox.float64(k) + 0.5 for k in range(300)]
    assert [float(x) for x in xs] == [float(k) for k in range(1, 300, 2)]
    assert [float(y) for y in ys] == [k + 0.5 for k in range(300)]


@pytest.mark.parametrize("name", REAL)
def test_scalars_are_not_gc_tracked(name):
    x = getattr(ox, name)(_value(name))
    assert not gc.is_tracked(x)
    assert not gc.is_tracked(x + x) or name == "bool"


class F64(ox.float64):
    pass


class WithDict(ox.float64):
    def __mul__(self, other):
        return "mine"

    def __rmul__(self, other):
        return "mine, reflected"


def test_subclasses_keep_their_operators_and_die_cleanly():
    s = F64(2.5)
    assert type(s) is F64
    assert gc.is_tracked(s)
    assert type(s * ox.float64(2.0)) is ox.float64
    assert float(s * 2.0) == np.float64(2.5) * 2.0
    assert type(ox.float64(2.0) * s) is ox.float64
    w = WithDict(1.5)
    w.attr = 1
    assert w * ox.float64(2.0) == "mine"
    assert ox.float64(2.0) * w == "mine, reflected"
    ref = sys.getrefcount(WithDict)
    for _ in range(100):
        WithDict(1.0)
        F64(1.0) + 1.0
    assert sys.getrefcount(WithDict) == ref
    del s, w
    gc.collect()


@pytest.mark.parametrize("name", REAL + ["float16", "complex64", "complex128"])
def test_pickle_and_copy(name):
    x = getattr(ox, name)(_value(name)) * getattr(ox, name)(_value(name))
    for y in (pickle.loads(pickle.dumps(x)), copy.copy(x), copy.deepcopy(x)):
        assert type(y) is type(x)
        assert y == x
        assert y.dtype == x.dtype
    s = pickle.loads(pickle.dumps(F64(4.0)))
    assert float(s) == 4.0


@pytest.mark.parametrize("expr", [
    lambda m: m.float64(3.0) * m.float64(2.0),
    lambda m: m.float64(3.0) + 2,
    lambda m: 2 ** m.float64(0.5),
    lambda m: m.int64(7) // 2,
    lambda m: m.int64(-7) % m.int64(3),
    lambda m: m.float32(1.5) * m.float32(3.0),
    lambda m: m.bool(True) & m.bool(False),
    lambda m: m.float64(3.0) < 2.5,
    lambda m: -m.int64(5),
    lambda m: abs(m.float64(-0.0)),
    lambda m: m.int8(100) + m.int64(100),
    lambda m: m.uint8(100) + 100,
    lambda m: m.float64(2.0) * 10**30,
    lambda m: 10**30 - m.float64(2.0),
    lambda m: divmod(m.float64(7.5), 2),
])
def test_fast_results_match_numpy(expr):
    r, e = expr(ox), expr(np)
    assert type(r).__name__ == type(e).__name__ or isinstance(e, tuple)
    if isinstance(e, tuple):
        assert [float(x) for x in r] == [float(x) for x in e]
    else:
        assert r.dtype.name == e.dtype.name
        assert r.item() == e.item() or (r != r and e != e)


def test_fast_path_warnings_and_errors():
    with ox.errstate(all="raise"):
        with pytest.raises(FloatingPointError, match="divide by zero encountered in scalar divide"):
            ox.float64(1.0) / ox.float64(0.0)
        with pytest.raises(FloatingPointError, match="overflow encountered in scalar add"):
            ox.int64(2**62) + ox.int64(2**62)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        with ox.errstate(all="warn"):
            r = ox.float64(1.0) / 0.0
    assert r == np.inf
    assert [str(x.message) for x in w] == ["divide by zero encountered in scalar divide"]
    with pytest.raises(ValueError, match="Integers to negative integer powers"):
        ox.int64(2) ** -1
    with pytest.raises(TypeError):
        ox.float64(1.0) + "a"
    assert ox.float64(1.0).__eq__("a") is NotImplemented or (ox.float64(1.0) == "a") is False


def test_operands_declined_by_the_fast_path():
    a = ox.arange(3.0)
    r = ox.float64(2.0) * a
    assert isinstance(r, ox.ndarray)
    assert r.tolist() == [0.0, 2.0, 4.0]
    with pytest.raises(OverflowError):
        ox.int64(2) + 10**30
    assert ox.float64(1.0) + 1j == np.float64(1.0) + 1j


def test_ufunc_vectorcall_paths():
    a, b = ox.arange(4.0), ox.ones(4)
    o = ox.empty(4)
    assert ox.add(a, b, out=o) is o
    assert ox.add(a, b, o) is o
    assert ox.add(a, b, out=(o,)) is o
    assert o.tolist() == [1.0, 2.0, 3.0, 4.0]
    assert ox.add(a, b, dtype="float32").dtype.name == "float32"
    assert ox.add(a, 1, where=a > 1, out=ox.zeros(4)).tolist() == [0.0, 0.0, 3.0, 4.0]
    with pytest.raises(TypeError):
        ox.add(a)
    with pytest.raises(TypeError):
        ox.add(a, b, bogus=1)
    with pytest.raises(TypeError):
        ox.add(a, b, o, out=o)
    assert type(ox.multiply(ox.float64(2.0), 3.0)) is ox.float64
    assert ox.divmod(a, 2.0)[1].tolist() == [0.0, 1.0, 0.0, 1.0]
    kwargs = {"out": o}
    assert ox.subtract(a, b, **kwargs) is o
    ref = sys.getrefcount(o)
    for _ in range(500):
        ox.add(a, b, out=o)
        ox.add(a, b, o)
    assert sys.getrefcount(o) == ref
