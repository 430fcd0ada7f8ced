"""Dtypes written in Python (issue 14, part 5): ``oxarray.dtypes.PyDType`` and the
``rational`` example (``oxarray.examples.rational``), checked against Python's
``fractions.Fraction`` (the values) and NumPy object arrays of Fractions (the shapes and
the array operations)."""

import ctypes
import gc
import operator
import pickle
import resource
import sys
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from oxarray.dtypes import PyDType, register_cast
from oxarray.examples.rational import Rational

small = st.integers(-(2**20), 2**20)
nonzero = small.filter(lambda v: v != 0)
fractions = st.builds(Fraction, small, nonzero)
frac_lists = st.lists(fractions, min_size=0, max_size=12)
# Sums multiply denominators: keep them small so that int64 holds every partial sum.
sum_lists = st.lists(st.builds(Fraction, small, st.integers(1, 12)), min_size=0, max_size=12)


def rat(values):
    return ox.array(list(values), dtype=Rational)


def items(a):
    return [a[i] for i in range(a.shape[0])]


def test_dtype_attributes():
    dt = ox.dtype(Rational)
    assert dt == ox.dtype("rational") == Rational.dtype
    assert (dt.name, dt.itemsize, dt.alignment, dt.kind) == ("rational", 16, 8, "V")
    assert dt.type is Rational
    assert Rational(Fraction(2, 4)) == Fraction(1, 2)
    assert type(Rational(3)) is Fraction


def test_taken_name_raises():
    with pytest.raises(ValueError, match="rational"):
        class Again(PyDType):
            name = "rational"
            itemsize = 8
            getitem = staticmethod(lambda b: 0)
            setitem = staticmethod(lambda v: bytes(8))
    with pytest.raises(ValueError, match="float64"):
        class Builtin(PyDType):
            name = "float64"
            itemsize = 8
            getitem = staticmethod(lambda b: 0)
            setitem = staticmethod(lambda v: bytes(8))


@settings(max_examples=30, deadline=None)
@given(frac_lists)
def test_creation_and_indexing(values):
    a = rat(values)
    n = np.array(values + [None], dtype=object)[:-1]  # a 1-d object array even when empty
    assert a.shape == n.shape and a.dtype == ox.dtype(Rational)
    assert items(a) == list(n)
    assert all(type(x) is Fraction for x in items(a))
    if values:
        assert items(a[::-2]) == list(n[::-2])
        idx = [len(values) - 1, 0]
        assert items(a[idx]) == list(n[idx])
        mask = [i % 2 == 0 for i in range(len(values))]
        assert items(a[ox.array(mask)]) == list(n[np.array(mask)])


def test_zeros_and_assignment():
    a = ox.zeros(4, dtype=Rational)
    assert items(a) == [Fraction(0)] * 4
    a[1] = Fraction(5, 7)
    a[2:] = [3, Fraction(-1, 2)]
    assert items(a) == [0, Fraction(5, 7), 3, Fraction(-1, 2)]
    m = ox.zeros((2, 3), dtype=Rational)
    m[:, 1] = Fraction(1, 3)
    assert m[1, 1] == Fraction(1, 3) and m[0, 0] == 0


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_arithmetic_like_fraction(data):
    n = data.draw(st.integers(0, 10))
    x = data.draw(st.lists(fractions, min_size=n, max_size=n))
    y = data.draw(st.lists(fractions, min_size=n, max_size=n))
    a, b = rat(x), rat(y)
    for op in (operator.add, operator.sub, operator.mul):
        got = op(a, b)
        assert got.dtype == ox.dtype(Rational)
        assert items(got) == [op(p, q) for p, q in zip(x, y)]
    got = a / b
    assert items(got) == [p / q for p, q in zip(x, y)]
    assert items(-a) == [-p for p in x]
    for op in (operator.eq, operator.ne, operator.lt, operator.le, operator.gt, operator.ge):
        r = op(a, b)
        assert r.dtype == ox.bool_
        assert [bool(v) for v in items(r)] == [op(p, q) for p, q in zip(x, y)]


def test_broadcasting_like_object_arrays():
    x = [[Fraction(1, 2)], [Fraction(-2, 3)]]
    y = [Fraction(1, 3), Fraction(5, 4), 7]
    na, nb = np.array(x, dtype=object), np.array(y, dtype=object)
    got = ox.array(x, dtype=Rational) * ox.array(y, dtype=Rational)
    want = na * nb
    assert got.shape == want.shape
    assert [[got[i, j] for j in range(3)] for i in range(2)] == want.tolist()


@settings(max_examples=30, deadline=None)
@given(sum_lists)
def test_sum_like_fraction(values):
    a = rat(values)
    s = a.sum()
    assert s == sum(values, Fraction(0)) == np.array(values, dtype=object).sum() if values else s == 0
    assert type(s) is Fraction
    assert ox.add.reduce(a) == sum(values, Fraction(0))
    if values:
        m = rat(values * 3).reshape(3, len(values))
        col = m.sum(axis=0)
        assert items(col) == [3 * v for v in values]


def test_division_by_zero_raises_zero_division_error():
    with pytest.raises(ZeroDivisionError):
        rat([1, 2]) / rat([1, 0])


def test_float_cast_errors_are_fractions():
    with pytest.raises(OverflowError):
        ox.array([1e-300]).astype(Rational)
    with pytest.raises(ValueError, match="NaN"):
        ox.array([1.0, float("nan")]).astype(Rational)


def test_overflow_raises():
    big = Fraction(2**62)
    with pytest.raises(OverflowError):
        rat([big]) + rat([big])
    with pytest.raises(OverflowError):
        rat([2**63])
    assert items(rat([big]) - rat([big])) == [0]


@settings(max_examples=30, deadline=None)
@given(frac_lists)
def test_casts_to_builtins(values):
    a = rat(values)
    f = a.astype(ox.float64)
    assert f.dtype == ox.float64
    assert [float(v) for v in f.tolist()] == [float(v) for v in values]
    i = a.astype(ox.int64)
    assert i.tolist() == [int(v) for v in values]
    np.testing.assert_array_equal(np.asarray(i), np.array([int(v) for v in values], dtype=np.int64))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(-(2**40), 2**40), max_size=10),
       st.lists(st.builds(lambda m, e: m / 2**e, st.integers(-(2**40), 2**40), st.integers(0, 60)),
                max_size=10))
def test_casts_from_builtins(ints, floats):
    # (Floats whose exact fraction fits in int64; others raise OverflowError, tested below.)
    a = ox.array(ints, dtype=ox.int64).astype(Rational)
    assert items(a) == [Fraction(v) for v in ints]
    b = ox.array(floats, dtype=ox.float64).astype(Rational)
    assert items(b) == [Fraction(v) for v in floats]


def test_mixed_operands_promote():
    assert ox.result_type(Rational, ox.int64) == ox.dtype(Rational)
    a = rat([Fraction(1, 2), Fraction(-3, 4)])
    got = a + ox.array([1, 2])
    assert got.dtype == ox.dtype(Rational)
    assert items(got) == [Fraction(3, 2), Fraction(5, 4)]
    assert items(ox.array([3, 4]) * a) == [Fraction(3, 2), -3]
    # rational and float64 promote to float64: the float64 loop, rational cast in the
    # engine's buffers (a cast written in Python, on the calling thread), at a size the
    # engine would otherwise split over threads.
    assert ox.result_type(Rational, ox.float64) == ox.float64
    x = [Fraction(i % 7 - 3, i % 5 + 1) for i in range(200_000)]
    f = ox.arange(200_000) * 0.5
    got = rat(x) + f
    assert got.dtype == ox.float64
    np.testing.assert_array_equal(np.asarray(got), np.array([float(v) for v in x]) + np.arange(200_000) * 0.5)


def test_copies_views_concatenate():
    values = [Fraction(1, 3), Fraction(2, 5), -4, Fraction(7, 9), 0, Fraction(1, 11)]
    a = rat(values)
    c = a.copy()
    c[0] = 5
    assert a[0] == Fraction(1, 3) and c[0] == 5
    m = a.reshape(2, 3)
    assert m[1, 0] == Fraction(7, 9) and m.T[0, 1] == Fraction(7, 9)
    assert items(ox.ascontiguousarray(m.T).reshape(-1)) == list(np.array(values, dtype=object).reshape(2, 3).T.reshape(-1))
    j = ox.concatenate([a[:2], a[4:]])
    assert j.dtype == ox.dtype(Rational) and items(j) == values[:2] + values[4:]
    assert items(a.astype(Rational)) == values


def test_pickle_roundtrip():
    a = rat([Fraction(1, 3), -2, Fraction(9, 4)]).reshape(3, 1)
    for proto in (2, 5):
        b = pickle.loads(pickle.dumps(a, protocol=proto))
        assert b.dtype == a.dtype and b.shape == (3, 1)
        assert [b[i, 0] for i in range(3)] == [Fraction(1, 3), -2, Fraction(9, 4)]


def test_repr_uses_items_repr():
    r = repr(rat([Fraction(1, 3), 2]))
    assert repr(Fraction(1, 3)) in r and repr(Fraction(2)) in r
    assert "rational" in r


def test_ufunc_without_loop_raises_naming_dtypes():
    # (sin has a float64 loop, which rational reaches by its safe cast.)
    with pytest.raises(TypeError, match="bitwise_and.*rational"):
        ox.bitwise_and(rat([1]), rat([1]))


# -- errors: the user's exception, unchanged --------------------------------------------


class Boom(Exception):
    pass


_BOOM = Boom("from setitem")


class Fussy(PyDType):
    """Items are int64; setitem refuses 13, getitem refuses 99, the cast to float64
    refuses runs holding 7."""

    name = "fussy_test"
    itemsize = 8
    alignment = 8

    @staticmethod
    def getitem(data):
        v = int.from_bytes(data, sys.byteorder, signed=True)
        if v == 99:
            raise Boom("from getitem")
        return v

    @staticmethod
    def setitem(value):
        if value == 13:
            # The same exception object every time (its traceback reset, so that repeated
            # raises do not chain tracebacks).
            raise _BOOM.with_traceback(None)
        return int(value).to_bytes(8, sys.byteorder, signed=True)


def _fussy_to_float(a):
    v = a.view(ox.int64)
    if bool((v == 7).any()):
        raise Boom("from the cast")
    return v.astype(ox.float64)


register_cast(Fussy, ox.float64, _fussy_to_float, casting="safe")
register_cast(ox.int64, Fussy, lambda a: a.view(Fussy), casting="safe")


def test_failing_setitem_raises_unchanged_and_writes_nothing():
    a = ox.array([1, 2, 3], dtype=Fussy)
    with pytest.raises(Boom) as e:
        a[:] = [4, 5, 13]
    assert e.value is _BOOM
    assert items(a) == [1, 2, 3]
    with pytest.raises(Boom):
        a[1] = 13
    assert items(a) == [1, 2, 3]
    with pytest.raises(Boom):
        ox.array([1, 13], dtype=Fussy)


def test_failing_getitem_raises_unchanged():
    a = ox.array([1, 99], dtype=Fussy)
    assert a[0] == 1
    with pytest.raises(Boom, match="from getitem"):
        a[1]


def test_failing_cast_raises_unchanged_and_writes_nothing():
    a = ox.array([v for v in range(10000) if v != 13], dtype=Fussy)  # 7: in the first run
    with pytest.raises(Boom, match="from the cast"):
        a.astype(ox.float64)
    out = ox.full(a.shape[0], -1.0)
    with pytest.raises(Boom):
        out[...] = a
    assert bool((out == -1.0).all())
    ok = list(range(14, 9000))
    b = ox.array(ok, dtype=Fussy)
    assert b.astype(ox.float64).tolist() == [float(v) for v in ok]


def test_failing_loop_raises_unchanged():
    def bad(x, y):
        raise Boom("from the loop")

    uf = ox.ufunc("fussy_add", 2, 1, {(Fussy, Fussy, Fussy): bad})
    with pytest.raises(Boom, match="from the loop"):
        uf(ox.array([1], dtype=Fussy), ox.array([2], dtype=Fussy))


def test_no_reference_leaks_on_failure():
    a = ox.array([1, 99], dtype=Fussy)
    v = 13
    for _ in range(50):
        with pytest.raises(Boom):
            a[0] = v
    gc.collect()
    before = (sys.getrefcount(_BOOM), sys.getrefcount(Fussy), sys.getrefcount(a))
    for _ in range(2000):
        try:
            a[0] = v
        except Boom:
            pass
        try:
            a[1]
        except Boom:
            pass
        try:
            a.astype(ox.float64)
        except Boom:
            pass
    gc.collect()
    assert (sys.getrefcount(_BOOM), sys.getrefcount(Fussy), sys.getrefcount(a)) == before


def test_memory_flat_over_failing_calls():
    a = ox.array([7, 1], dtype=Fussy)

    def spin(k):
        for _ in range(k):
            try:
                a[0] = 13
            except Boom:
                pass
            try:
                a.astype(ox.float64)
            except Boom:
                pass

    spin(10_000)
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    spin(100_000)
    gc.collect()
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 8 * 1024, grown_kib


# -- a C cast -------------------------------------------------------------------------

_CCAST = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_ssize_t, ctypes.c_void_p,
                          ctypes.c_ssize_t, ctypes.c_ssize_t, ctypes.c_void_p)


class Cents(PyDType):
    """Money as int64 cents; its cast to float64 is a C function (ctypes)."""

    name = "cents_test"
    itemsize = 8
    alignment = 8
    getitem = staticmethod(lambda b: Fraction(int.from_bytes(b, sys.byteorder, signed=True), 100))
    setitem = staticmethod(lambda v: int(Fraction(v) * 100).to_bytes(8, sys.byteorder, signed=True))


@_CCAST
def _cents_to_float(src, ss, dst, ds, n, data):
    if n and ctypes.c_int64.from_address(src).value < 0:
        return -1
    for i in range(n):
        c = ctypes.c_int64.from_address(src + i * ss).value
        ctypes.c_double.from_address(dst + i * ds).value = c / 100
    return 0


register_cast(Cents, ox.float64, _cents_to_float)


def test_c_cast():
    a = ox.array([Fraction(1, 4), 3, Fraction(-1, 2)], dtype=Cents)
    assert a[0] == Fraction(1, 4)
    assert ox.array([Fraction(1, 4), 3], dtype=Cents).astype(ox.float64).tolist() == [0.25, 3.0]
    with pytest.raises(ValueError, match="C cast"):
        a[2:].astype(ox.float64)


def test_python_ufunc_with_select_over_a_python_dtype():
    # A ufunc defined in Python whose select rule sends (rational, int64) to its rational
    # loop: the int64 operand is cast with the registered (safe) cast.
    def half_sum(x, y):
        return (x + y) * ox.array([Fraction(1, 2)] * x.shape[0], dtype=Rational)

    def select(*dts):
        return (Rational, Rational, Rational) if Rational.dtype in dts else None

    uf = ox.ufunc("half_sum", 2, 1, {(Rational, Rational, Rational): half_sum}, select=select)
    got = uf(rat([Fraction(1, 3), 1]), ox.array([2, 5]))
    assert got.dtype == ox.dtype(Rational)
    assert items(got) == [Fraction(7, 6), 3]


def test_intermediate_base_registers_nothing():
    class Base(PyDType):
        itemsize = 8
        alignment = 8
        getitem = staticmethod(lambda b: int.from_bytes(b, sys.byteorder, signed=True))
        setitem = staticmethod(lambda v: int(v).to_bytes(8, sys.byteorder, signed=True))

    class Ticks(Base):
        name = "ticks_test"

    assert ox.dtype("ticks_test") == ox.dtype(Ticks)
    assert ox.array([3, 4], dtype=Ticks)[1] == 4
    with pytest.raises(TypeError):
        ox.dtype(Base)
