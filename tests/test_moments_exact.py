"""``mean``, ``var`` and ``std`` bit-identical to NumPy's, and the reductions with a fast
path of their own (a whole-array ``a.sum()``, ``sum`` over the outer axis of a matrix,
1-d ``cumsum``/``cumprod``, ``convolve``, ``bincount``) equal to NumPy's.

NumPy's ``_var`` is ``mean = add.reduce(a, keepdims) / n; x = a - mean; x *= x`` (complex:
``re*re + im*im``), ``add.reduce(x) / max(n - ddof, 0)``; oxarray fuses those steps for
whole float64/float32 arrays and must land on the same bits. Every float comparison here
is on the bytes of the results.
"""

from __future__ import annotations

import warnings
from typing import Any, Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox

FLOATS = ["float16", "float32", "float64", "complex64", "complex128"]
SIZES = [1, 2, 7, 8, 9, 16, 127, 128, 129, 255, 1000, 4097, 8193, 70001, 140003]
rng = np.random.default_rng(2024)


def data(shape: Any, dtype: str, loc: float = 3.0) -> np.ndarray:
    x = rng.standard_normal(shape) * 10 + loc
    if dtype == "float16":
        x = x / 400  # sums of up to 1e5 elements stay far below float16's maximum
    if np.dtype(dtype).kind == "c":
        x = x + 1j * (rng.standard_normal(shape) * 10 - loc)
    return np.asarray(x).astype(dtype)


def as_numpy(r: Any) -> np.ndarray:
    if isinstance(r, ox.ndarray):
        return np.asarray(r)
    if isinstance(r, ox.generic):
        return np.asarray(np.dtype(r.dtype.str).type(r.item()))
    return np.asarray(r)


def same_bytes(expected: Any, got: Any) -> None:
    e, g = np.asarray(expected), as_numpy(got)
    assert g.dtype == e.dtype and g.shape == e.shape, (g.dtype, e.dtype, g.shape, e.shape)
    assert g.tobytes() == e.tobytes(), (g.ravel()[:4], e.ravel()[:4])


def check(base: np.ndarray, view: Callable[[Any], Any], fn: Callable[[Any, Any], Any]) -> None:
    """``fn(np, view(base))`` and ``fn(ox, view(ox.asarray(base)))`` have the same bytes."""
    same_bytes(fn(np, view(base)), fn(ox, view(ox.asarray(base))))


VIEWS_1D: dict[str, Callable[[Any], Any]] = {
    "contiguous": lambda x: x,
    "step3": lambda x: x[::3],
    "reversed": lambda x: x[::-1],
}


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("n", SIZES)
def test_1d_moments(dtype: str, n: int) -> None:
    b = data(n, dtype)
    for v in VIEWS_1D.values():
        check(b, v, lambda m, x: m.mean(x))
        check(b, v, lambda m, x: m.var(x))
        check(b, v, lambda m, x: m.std(x))
        if n > 5:
            check(b, v, lambda m, x: m.std(x, ddof=1))
    check(b, lambda x: x, lambda m, x: m.var(x, ddof=0.5, keepdims=True))
    if n > 1:
        check(b, lambda x: x, lambda m, x: m.std(x, correction=1))
    check(b, lambda x: x, lambda m, x: m.mean(x, keepdims=True))


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex128"])
@pytest.mark.parametrize("order", ["C", "F"])
def test_2d_moments(dtype: str, order: str) -> None:
    b = np.asarray(data((37, 300), dtype), order=order)
    for axis in [None, 0, 1, (0, 1), -1]:
        for keepdims in [False, True]:
            check(b, lambda x: x, lambda m, x: m.mean(x, axis=axis, keepdims=keepdims))
            check(b, lambda x: x, lambda m, x: m.var(x, axis=axis, keepdims=keepdims))
            check(b, lambda x: x, lambda m, x: m.std(x, axis=axis, ddof=1, keepdims=keepdims))
    check(b, lambda x: x[:, ::2], lambda m, x: m.std(x))
    check(b, lambda x: x.T, lambda m, x: m.var(x))


def test_where_and_dtype() -> None:
    b = data((50, 40), "float64")
    w = rng.random((50, 40)) < 0.7
    for axis in [None, 0, 1]:
        check(b, lambda x: x, lambda m, x: m.var(x, axis=axis, where=w))
        check(b, lambda x: x, lambda m, x: m.std(x, axis=axis, where=w, ddof=1))
        check(b, lambda x: x, lambda m, x: m.mean(x, axis=axis, where=w))
    check(b, lambda x: x, lambda m, x: m.std(x, dtype="float32"))
    check(b.astype("float32"), lambda x: x, lambda m, x: m.var(x, dtype="float64"))
    check(b.astype("float16"), lambda x: x, lambda m, x: m.std(x, axis=0))
    bi = rng.integers(-50, 50, 1001)
    check(bi, lambda x: x, lambda m, x: m.var(x))
    check(bi, lambda x: x, lambda m, x: m.mean(x))


def test_mean_argument() -> None:
    b = data((20, 30), "float64")
    mu = b.mean(axis=1, keepdims=True)
    same_bytes(np.var(b, axis=1, mean=mu), ox.var(ox.asarray(b), axis=1, mean=ox.asarray(mu)))


def test_out_argument() -> None:
    b = data(1000, "float64")
    o = ox.empty(())
    r = ox.std(ox.asarray(b), out=o)
    assert r is o
    same_bytes(np.std(b), o)


def test_special_values_take_numpy_steps() -> None:
    """Non-finite data and too few degrees of freedom: NumPy's values and warnings."""
    for vals in ([1.0, np.inf, 2.0], [np.nan, 1.0], [1e200, -1e200, 3.0], [-0.0], [-0.0, -0.0]):
        b = np.array(vals)
        for f in ("mean", "var", "std"):
            with warnings.catch_warnings(record=True) as wn:
                warnings.simplefilter("always")
                with np.errstate(all="warn"):
                    e = getattr(np, f)(b)
            with warnings.catch_warnings(record=True) as wo:
                warnings.simplefilter("always")
                with ox.errstate(all="warn"):
                    g = getattr(ox, f)(ox.asarray(b))
            same_bytes(e, g)
            assert bool(wn) == bool(wo), (vals, f, [str(x.message) for x in wn],
                                          [str(x.message) for x in wo])
    b = np.array([1.0, 2.0])
    with pytest.warns(RuntimeWarning):
        e = np.var(b, ddof=2)
    with pytest.warns(RuntimeWarning):
        g = ox.var(ox.asarray(b), ddof=2)
    same_bytes(e, g)


@pytest.mark.parametrize("threads", [1, 2, 4])
def test_thread_counts(threads: int) -> None:
    b = data(1_000_003, "float64")
    f = b.astype("float32")
    with ox.num_threads(threads):
        for x in (b, f):
            same_bytes(np.std(x), ox.std(ox.asarray(x)))
            same_bytes(np.var(x, ddof=1), ox.var(ox.asarray(x), ddof=1))
            same_bytes(np.mean(x), ox.mean(ox.asarray(x)))
            same_bytes(x.sum(), ox.asarray(x).sum())
        m = data((300, 5000), "float64")
        same_bytes(m.sum(axis=0), ox.asarray(m).sum(axis=0))
        k = rng.integers(0, 300, 2_000_000)
        same_bytes(np.bincount(k), ox.bincount(ox.asarray(k)))


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 3000),
    dtype=st.sampled_from(FLOATS),
    step=st.sampled_from([1, 1, 2, -1]),
    ddof=st.sampled_from([0, 1, 2.5]),
    loc=st.sampled_from([0.0, 1e3, -1e-3]),
)
def test_hypothesis_1d(n: int, dtype: str, step: int, ddof: float, loc: float) -> None:
    b = data(n, dtype, loc)
    if n - ddof <= 0:
        return
    check(b, lambda x: x[::step], lambda m, x: m.var(x, ddof=ddof))
    check(b, lambda x: x[::step], lambda m, x: m.std(x, ddof=ddof))
    check(b, lambda x: x[::step], lambda m, x: m.mean(x))
    check(b, lambda x: x[::step], lambda m, x: x.sum())


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16", "int64", "complex128"])
@pytest.mark.parametrize("shape", [(3, 40), (50, 17), (200, 3000), (1, 20), (20, 1)])
def test_sum_outer_axis(dtype: str, shape: tuple[int, int]) -> None:
    b = data(shape, dtype) if dtype != "int64" else rng.integers(-9, 9, shape)
    for order in ("C", "F"):
        c = np.asarray(b, order=order)
        for axis in (0, 1):
            check(c, lambda x: x, lambda m, x: m.sum(x, axis=axis))
            check(c, lambda x: x, lambda m, x: m.sum(x, axis=axis, keepdims=True))
        check(c, lambda x: x[::2], lambda m, x: m.sum(x, axis=0))
        check(c, lambda x: x[::-1], lambda m, x: m.sum(x, axis=0))


@pytest.mark.parametrize("dtype", ["float64", "float32", "float16", "int64", "int8", "complex64"])
def test_cumsum_cumprod_1d(dtype: str) -> None:
    b = data(5001, dtype) if np.dtype(dtype).kind != "i" else rng.integers(-3, 4, 5001).astype(dtype)
    small = (b[:60] / 4).astype(dtype) if np.dtype(dtype).kind != "i" else b[:60]
    for v in VIEWS_1D.values():
        check(b, v, lambda m, x: m.cumsum(x))
        check(small, v, lambda m, x: m.cumprod(x))
    out, np_out = ox.empty(5001, dtype=dtype), np.empty(5001, dtype=dtype)
    ox.cumsum(ox.asarray(b), out=out)
    same_bytes(np.cumsum(b, out=np_out), out)


@pytest.mark.parametrize("n,m", [(1000, 100), (100, 1000), (5000, 7), (3, 3), (10, 1), (4099, 64)])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
def test_convolve_correlate(n: int, m: int, mode: str) -> None:
    a, v = rng.standard_normal(n), rng.standard_normal(m)
    for f in ("convolve", "correlate"):
        e = getattr(np, f)(a, v, mode)
        g = np.asarray(getattr(ox, f)(ox.asarray(a), ox.asarray(v), mode))
        assert g.shape == e.shape and g.dtype == e.dtype
        np.testing.assert_allclose(g, e, rtol=1e-12, atol=1e-12 * np.abs(v).sum() * np.abs(a).max())
    ac = a + 1j * rng.standard_normal(n)
    e = np.correlate(ac, v, mode)
    g = np.asarray(ox.correlate(ox.asarray(ac), ox.asarray(v), mode))
    np.testing.assert_allclose(g, e, rtol=1e-12, atol=1e-10 * m)


@pytest.mark.parametrize("n,hi", [(0, 1), (1, 1), (1000, 10), (300_000, 1000), (300_000, 5), (1000, 100_000)])
def test_bincount(n: int, hi: int) -> None:
    k = rng.integers(0, hi, n)
    same_bytes(np.bincount(k), ox.bincount(ox.asarray(k)))
    same_bytes(np.bincount(k, minlength=hi + 3), ox.bincount(ox.asarray(k), minlength=hi + 3))
    w = rng.standard_normal(n)
    same_bytes(np.bincount(k, w), ox.bincount(ox.asarray(k), ox.asarray(w)))
    if n:
        k[n // 2] = -1
        with pytest.raises(ValueError):
            np.bincount(k)
        with pytest.raises(ValueError):
            ox.bincount(ox.asarray(k))
