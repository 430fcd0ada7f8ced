"""Ufunc promoters (`ufunc.register_promoter`, NumPy's `PyUFunc_AddPromoter`) and the
per-loop `needs_api` flag: the rational example's promoters against NumPy float64
arithmetic and Python's Fraction, promoter errors, matching and caching."""

import ctypes
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from oxarray.exceptions import UFuncTypeError
from oxarray.examples.rational import Rational

fractions = st.fractions(min_value=-1000, max_value=1000, max_denominator=1000)
floats = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


def rat(values):
    return ox.array(list(values), dtype=Rational)


def items(a):
    return [a[i] for i in range(a.shape[0])]


def as_f64(values):
    # NumPy's value of the rational cast: float(Fraction) is the correctly rounded float64.
    return np.array([float(v) for v in values], dtype=np.float64)


ARITH = [
    ("add", np.add),
    ("subtract", np.subtract),
    ("multiply", np.multiply),
    ("true_divide", np.true_divide),
    ("less", np.less),
    ("greater_equal", np.greater_equal),
    ("equal", np.equal),
]


@pytest.mark.parametrize("name,npf", ARITH)
@settings(max_examples=15, deadline=None)
@given(values=st.lists(fractions, min_size=1, max_size=6), x=floats)
def test_rational_with_python_float_computes_in_float64(name, npf, values, x):
    uf = getattr(ox, name)
    a = rat(values)
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        pairs = ((uf(a, x), npf(as_f64(values), x)), (uf(x, a), npf(x, as_f64(values))))
    for got, want in pairs:
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(np.asarray(got), want)


@pytest.mark.parametrize("fdt", [np.float16, np.float32, np.float64])
@settings(max_examples=10, deadline=None)
@given(values=st.lists(fractions, min_size=1, max_size=6), data=st.data())
def test_rational_with_float_arrays_computes_in_float64(fdt, values, data):
    small = st.floats(min_value=-6e4, max_value=6e4, allow_nan=False)
    xs = data.draw(st.lists(small, min_size=len(values), max_size=len(values)))
    f = np.array(xs, dtype=fdt)
    got = rat(values) + ox.asarray(f)
    want = as_f64(values) + f.astype(np.float64)
    assert got.dtype == ox.float64 and want.dtype == np.float64
    np.testing.assert_array_equal(np.asarray(got), want)
    np.testing.assert_array_equal(np.asarray(ox.asarray(f) * rat(values)), f.astype(np.float64) * as_f64(values))


def test_rational_plus_one_point_five_as_the_docs_say():
    a = rat([Fraction(1, 3), 2])
    got = a + 1.5
    assert got.dtype == ox.float64
    np.testing.assert_array_equal(np.asarray(got), np.array([1 / 3, 2.0]) + 1.5)


@settings(max_examples=20, deadline=None)
@given(values=st.lists(fractions, min_size=1, max_size=6), k=st.integers(-1000, 1000))
def test_rational_with_int_stays_rational(values, k):
    a = rat(values)
    for got, want in (
        (a + k, [v + k for v in values]),
        (k - a, [k - v for v in values]),
        (a * ox.array([k] * len(values)), [v * k for v in values]),
    ):
        assert got.dtype == ox.dtype(Rational)
        assert items(got) == want


def test_rational_with_complex_is_left_to_the_builtin_rules():
    # The promoter answers None for a complex operand: the resolver's own error.
    with pytest.raises(TypeError):
        rat([1]) + 1j


# -- promoters on a ufunc of our own ------------------------------------------------------


def _two_loops():
    return ox.ufunc(
        "promo_test",
        2,
        1,
        {"dd->d": lambda a, b: a + b, "ll->l": lambda a, b: a * b},
    )


def test_promoter_is_called_with_dtypes_and_python_scalar_types_and_cached():
    uf = _two_loops()
    calls = []

    def promote(ufunc, dtypes):
        calls.append((ufunc, dtypes))
        return (ox.int64, ox.int64)

    a = ox.array([1, 2, 3], dtype=ox.int32)
    # Without the promoter, the linear search takes the first loop int32 casts to
    # safely: float64 (a + b).
    assert np.asarray(uf(a, 2)).tolist() == [3.0, 4.0, 5.0]
    uf.register_promoter((ox.int32, None), promote)
    for _ in range(3):
        got = uf(a, 2)
    # The promoter chose the int64 loop (a * b).
    np.testing.assert_array_equal(np.asarray(got), np.array([1, 2, 3], dtype=np.int64) * 2)
    assert got.dtype == ox.int64
    assert len(calls) == 1  # cached with the resolution
    ufunc, dtypes = calls[0]
    assert ufunc is uf
    assert dtypes == (ox.dtype("int32"), int, None)


def test_promoter_sees_given_outputs():
    uf = _two_loops()
    seen = []

    def promote(ufunc, dtypes):
        seen.append(dtypes)
        return (ox.float64, ox.float64, ox.float64)

    uf.register_promoter((ox.int16, ox.int16), promote)
    out = ox.empty(2, dtype=ox.float64)
    uf(ox.array([1, 2], dtype=ox.int16), ox.array([3, 4], dtype=ox.int16), out=out)
    assert seen == [(ox.dtype("int16"), ox.dtype("int16"), ox.dtype("float64"))]
    np.testing.assert_array_equal(np.asarray(out), [4.0, 6.0])


def test_exact_loop_is_never_promoted():
    uf = _two_loops()
    uf.register_promoter((None, None), lambda u, d: pytest.fail("promoter consulted"))
    got = uf(ox.array([2.0]), ox.array([3.0]))
    np.testing.assert_array_equal(np.asarray(got), [5.0])


def test_most_specific_promoter_wins():
    uf = _two_loops()
    uf.register_promoter((None, None), lambda u, d: (ox.float64, ox.float64))
    uf.register_promoter((ox.int8, ox.int8), lambda u, d: (ox.int64, ox.int64))
    i8 = ox.array([3], dtype=ox.int8)
    assert np.asarray(uf(i8, i8)).tolist() == [9]  # int64 loop: a * b
    u8 = ox.array([3], dtype=ox.uint8)
    assert np.asarray(uf(u8, u8)).tolist() == [6.0]  # float64 loop: a + b


def test_weak_pattern_matches_python_scalars_only():
    uf = _two_loops()
    calls = []
    uf.register_promoter((None, float), lambda u, d: calls.append(d))
    a = ox.array([3], dtype=ox.int32)
    assert uf(a, ox.array([2.0])).dtype == ox.float64  # a float64 array is no Python float
    assert calls == []
    assert uf(a, 2.0).dtype == ox.float64
    assert calls == [(ox.dtype("int32"), float, None)]


def test_promoter_returning_dtypes_without_loop_raises_ufunc_type_error():
    uf = _two_loops()
    uf.register_promoter((ox.int32, None), lambda u, d: (ox.float32, ox.float32))
    with pytest.raises(UFuncTypeError) as e:
        uf(ox.array([1], dtype=ox.int32), 1)
    msg = str(e.value)
    assert uf.__name__ in msg and "int32" in msg and "float32" in msg


def test_promoter_exception_propagates_unchanged():
    class Refused(Exception):
        pass

    err = Refused("no")

    def promote(ufunc, dtypes):
        raise err

    uf = _two_loops()
    uf.register_promoter((ox.int32, None), promote)
    with pytest.raises(Refused) as e:
        uf(ox.array([1], dtype=ox.int32), 1)
    assert e.value is err


def test_promoter_returning_none_leaves_the_builtin_rules():
    uf = _two_loops()
    uf.register_promoter((ox.int32, None), lambda u, d: None)
    got = uf(ox.array([3], dtype=ox.int32), 2)
    # The linear search's answer: the float64 loop (a + b).
    assert got.dtype == ox.float64 and np.asarray(got).tolist() == [5.0]


@pytest.mark.parametrize(
    "bad",
    [lambda u, d: (ox.float64,), lambda u, d: "dd", lambda u, d: 3, lambda u, d: (None, ox.float64)],
)
def test_promoter_bad_answers_raise_type_error(bad):
    uf = _two_loops()
    uf.register_promoter((ox.int32, None), bad)
    with pytest.raises(TypeError, match="promoter"):
        uf(ox.array([1], dtype=ox.int32), 1)


def test_register_promoter_argument_errors():
    uf = _two_loops()
    with pytest.raises(TypeError):
        uf.register_promoter((None,), lambda u, d: None)  # one entry for two inputs
    with pytest.raises(TypeError):
        uf.register_promoter((None, None), 3)
    with pytest.raises(TypeError):
        uf.register_promoter("dd", lambda u, d: None)
    with pytest.raises(TypeError):
        uf.register_promoter((None, None, float), lambda u, d: None)  # an output is no scalar
    uf.register_promoter((None, ox.int8), lambda u, d: None)
    with pytest.raises(ValueError):
        uf.register_promoter((None, ox.int8, None), lambda u, d: None)  # the same pattern


# -- needs_api ------------------------------------------------------------------------------


def test_python_loop_over_many_runs_keeps_working():
    # A Python loop needs the interpreter: a call large enough to release the GIL for a
    # built-in loop keeps it, and the loop runs once per engine run.
    runs = []

    def loop(a, b):
        runs.append(a.shape[0])
        return a - b

    uf = ox.ufunc("needs_api_test", 2, 1, {"dd->d": loop})
    x = np.arange(300_000, dtype=np.float64)
    got = uf(ox.asarray(x), ox.asarray(x[::-1].copy()))
    np.testing.assert_array_equal(np.asarray(got), x - x[::-1])
    assert sum(runs) == x.size


def test_c_loop_with_needs_api_declared():
    # NumPy's loop signature; a ctypes callback (it takes the GIL itself).
    proto = ctypes.CFUNCTYPE(
        None,
        ctypes.POINTER(ctypes.c_void_p),
        ctypes.POINTER(ctypes.c_ssize_t),
        ctypes.POINTER(ctypes.c_ssize_t),
        ctypes.c_void_p,
    )

    def negate(args, dims, steps, data):
        for i in range(dims[0]):
            src = ctypes.c_double.from_address(args[0] + i * steps[0])
            ctypes.c_double.from_address(args[1] + i * steps[1]).value = -src.value

    cf = proto(negate)
    uf = ox.ufunc("c_needs_api_test", 1, 1, {"l->l": lambda a: a})
    uf.register_loop("d->d", cf, needs_api=True)
    x = np.array([1.5, -2.0, 3.0])
    np.testing.assert_array_equal(np.asarray(uf(ox.asarray(x))), -x)
