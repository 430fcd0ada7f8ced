"""Numerical helpers (issue 10 item 5) against NumPy: isclose, allclose, array_equal,
array_equiv, diff, gradient, convolve, correlate, interp, trapezoid, unwrap, sinc, i0,
fix and the window functions.

Exact comparisons except where said: convolve/correlate of floats (NumPy's BLAS dot
sums each window in its own order; ours accumulates term by term: 1e-12 relative to the
sum of |terms|), functions built from transcendental ufuncs (sinc, windows, i0, kaiser:
the ufunc kernels may differ from NumPy's libm by an ulp: 1e-14).
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import oxarray as ox
from _pyufunc_strategies import array_pairs, small_values, twin
from conftest import assert_same, raises_like, to_numpy

REAL = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
        "float16", "float32", "float64"]
NUM = REAL + ["complex64", "complex128"]
fast = settings(max_examples=30, deadline=None)


def assert_close(o, n, rtol=1e-14, atol=0.0):
    if isinstance(n, np.ndarray):
        assert isinstance(o, ox.ndarray)
        assert o.shape == n.shape and o.dtype.str == n.dtype.str, (o.shape, o.dtype, n.shape, n.dtype)
    else:
        assert o.dtype.str == np.asarray(n).dtype.str
    np.testing.assert_allclose(np.asarray(to_numpy(o)), n, rtol=rtol, atol=atol, equal_nan=True)


def specials(dtype):
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return st.one_of(st.floats(-1e3, 1e3, width=8 * min(dtype.itemsize, 8) if dtype.itemsize >= 2 else 16),
                         st.sampled_from([np.nan, np.inf, -np.inf, -0.0]))
    return small_values(dtype)


@fast
@given(st.data())
def test_isclose_allclose(data):
    na, oa = data.draw(array_pairs(["float64", "float32", "int64", "complex128", "float16"],
                                   max_dims=2, elements=specials))
    nb = na + data.draw(st.sampled_from([0, 1e-9, 1e-3, 1]))
    if nb.dtype != na.dtype:
        nb = nb.astype(na.dtype)
    ob = twin(nb)
    rtol = data.draw(st.sampled_from([1e-5, 1e-9, 0.1]))
    atol = data.draw(st.sampled_from([1e-8, 0.0, 1]))
    eq = data.draw(st.booleans())
    assert_same(ox.isclose(oa, ob, rtol=rtol, atol=atol, equal_nan=eq),
                np.isclose(na, nb, rtol=rtol, atol=atol, equal_nan=eq))
    assert ox.allclose(oa, ob, rtol=rtol, atol=atol, equal_nan=eq) == np.allclose(
        na, nb, rtol=rtol, atol=atol, equal_nan=eq)
    assert_same(ox.isclose(oa, 1.0), np.isclose(na, 1.0))


def test_isclose_scalars_and_broadcast():
    assert_same(ox.isclose(1.0, 1.0 + 1e-9), np.isclose(1.0, 1.0 + 1e-9))
    assert_same(ox.isclose(np.nan, np.nan, equal_nan=True), np.isclose(np.nan, np.nan, equal_nan=True))
    a = np.arange(6.0).reshape(2, 3)
    assert_same(ox.isclose(twin(a), ox.array([0.0, 1, 2.1])), np.isclose(a, [0.0, 1, 2.1]))
    raises_like(lambda: np.isclose(np.ones(2), np.ones(3)), lambda: ox.isclose(ox.ones(2), ox.ones(3)))


@fast
@given(st.data())
def test_array_equal_equiv(data):
    na, oa = data.draw(array_pairs(NUM, max_dims=2, elements=specials))
    nb = na.copy()
    if nb.size and data.draw(st.booleans()):
        nb.flat[0] = 1 if nb.dtype.kind != "b" else not nb.flat[0]
    ob = twin(nb)
    for eq in (False, True):
        assert ox.array_equal(oa, ob, equal_nan=eq) == np.array_equal(na, nb, equal_nan=eq)
    assert ox.array_equiv(oa, ob) == np.array_equiv(na, nb)
    assert ox.array_equiv(oa, ox.ones(7)) == np.array_equiv(na, np.ones(7))
    assert ox.array_equal(oa, ox.ones((9, 9))) == np.array_equal(na, np.ones((9, 9)))


@fast
@given(st.data())
def test_diff(data):
    na, oa = data.draw(array_pairs(NUM, min_dims=1, max_dims=3, elements=small_values))
    n = data.draw(st.integers(0, 3))
    axis = data.draw(st.integers(-na.ndim, na.ndim - 1))
    assert_same(ox.diff(oa, n=n, axis=axis) if n else ox.asarray(ox.diff(oa, n=0)),
                np.diff(na, n=n, axis=axis) if n else np.asarray(np.diff(na, n=0)))
    if data.draw(st.booleans()):
        assert_same(ox.diff(oa, axis=axis, prepend=0, append=twin(na)),
                    np.diff(na, axis=axis, prepend=0, append=na))


def test_diff_errors():
    raises_like(lambda: np.diff(np.float64(1)), lambda: ox.diff(ox.asarray(1.0)))
    raises_like(lambda: np.diff(np.ones(3), n=-1), lambda: ox.diff(ox.ones(3), n=-1))
    raises_like(lambda: np.diff(np.ones(3), axis=1), lambda: ox.diff(ox.ones(3), axis=1))


@fast
@given(st.data())
def test_gradient(data):
    na, oa = data.draw(array_pairs(["float64", "int32", "float32"], min_dims=1, max_dims=3,
                                   min_side=3, elements=small_values, views=False))
    edge = data.draw(st.sampled_from([1, 2]))
    axis = data.draw(st.one_of(st.none(), st.integers(-na.ndim, na.ndim - 1)))
    spacing = data.draw(st.sampled_from([(), (0.5,), "coords"]))
    if spacing == "coords":
        axes = range(na.ndim) if axis is None else [axis]
        spacing = tuple(np.cumsum(np.arange(1, na.shape[a] + 1) ** 1.0) for a in axes)
        ospacing = tuple(twin(s) for s in spacing)
    else:
        ospacing = spacing
    nr = np.gradient(na, *spacing, axis=axis, edge_order=edge)
    orr = ox.gradient(oa, *ospacing, axis=axis, edge_order=edge)
    if isinstance(nr, tuple):
        assert isinstance(orr, tuple) and len(orr) == len(nr)
        for o, n in zip(orr, nr):
            assert_close(o, n, rtol=1e-13, atol=1e-13)
    else:
        assert_close(orr, nr, rtol=1e-13, atol=1e-13)


def test_gradient_errors():
    raises_like(lambda: np.gradient(np.ones(2), edge_order=2), lambda: ox.gradient(ox.ones(2), edge_order=2))
    raises_like(lambda: np.gradient(np.ones(3), edge_order=3), lambda: ox.gradient(ox.ones(3), edge_order=3))


@fast
@given(st.data())
def test_convolve_correlate(data):
    dts = ["float64", "int64", "int16", "complex128", "float32", "bool"]
    na, oa = data.draw(array_pairs(dts, min_dims=1, max_dims=1, min_side=1, max_side=12,
                                   elements=small_values))
    nv, ov = data.draw(array_pairs(dts, min_dims=1, max_dims=1, min_side=1, max_side=12,
                                   elements=small_values))
    mode = data.draw(st.sampled_from(["full", "same", "valid"]))
    # small integer values: every partial sum is exact, so results are equal bit for bit
    assert_same(ox.convolve(oa, ov, mode), np.convolve(na, nv, mode))
    assert_same(ox.correlate(oa, ov, mode), np.correlate(na, nv, mode))


def test_convolve_large_float_and_errors():
    rng = np.random.default_rng(0)
    a, v = rng.standard_normal(5000), rng.standard_normal(37)
    for mode in ("full", "same", "valid"):
        n = np.convolve(a, v, mode)
        assert_close(ox.convolve(twin(a), twin(v), mode), n, rtol=0,
                     atol=1e-12 * np.abs(v).sum() * np.abs(a).max())
    raises_like(lambda: np.convolve(np.ones(0), np.ones(2)), lambda: ox.convolve(ox.ones(0), ox.ones(2)))
    raises_like(lambda: np.correlate(np.ones(3), np.ones(0)), lambda: ox.correlate(ox.ones(3), ox.ones(0)))
    raises_like(lambda: np.convolve(np.ones(3), np.ones(2), "bogus"),
                lambda: ox.convolve(ox.ones(3), ox.ones(2), "bogus"))


@fast
@given(st.data())
def test_interp(data):
    xp = np.unique(data.draw(hnp.arrays(np.float64, st.integers(1, 10), elements=st.integers(-20, 20).map(float))))
    fp_c = data.draw(st.booleans())
    fp = data.draw(hnp.arrays(np.float64, xp.shape, elements=st.floats(-100, 100)))
    if fp_c:
        fp = fp + 1j * fp[::-1]
    x = data.draw(hnp.arrays(np.float64, st.integers(0, 10),
                             elements=st.one_of(st.floats(-30, 30), st.just(np.nan))))
    left = data.draw(st.sampled_from([None, -1.5]))
    assert_same(ox.interp(twin(x), twin(xp), twin(fp), left=left), np.interp(x, xp, fp, left=left))
    assert_same(ox.interp(2.5, twin(xp), twin(fp)), np.interp(2.5, xp, fp))


def test_interp_period_and_errors():
    x = np.array([-180, -170, -185, 185, -10, -5, 0, 365])
    xp = np.array([190, -190, 350, -350])
    fp = np.array([5.0, 10, 3, 4])
    assert_close(ox.interp(twin(x), twin(xp), twin(fp), period=360), np.interp(x, xp, fp, period=360))
    raises_like(lambda: np.interp([1.0], [1.0, 2], [1.0]), lambda: ox.interp([1.0], [1.0, 2], [1.0]))
    raises_like(lambda: np.interp([1.0], [], []), lambda: ox.interp([1.0], ox.array([]), ox.array([])))
    raises_like(lambda: np.interp([1.0], [1.0, 2], [1.0, 2], period=0),
                lambda: ox.interp([1.0], [1.0, 2], [1.0, 2], period=0))


@fast
@given(st.data())
def test_trapezoid_unwrap(data):
    na, oa = data.draw(array_pairs(["float64", "int64"], min_dims=1, max_dims=2, min_side=1,
                                   elements=small_values))
    axis = data.draw(st.integers(-na.ndim, na.ndim - 1))
    assert_same(ox.trapezoid(oa, axis=axis), np.trapezoid(na, axis=axis))
    x = np.arange(na.shape[axis]) ** 2.0
    assert_same(ox.trapezoid(oa, x=twin(x), axis=axis), np.trapezoid(na, x=x, axis=axis))
    p = na * 1.7
    assert_close(ox.unwrap(twin(p), axis=axis), np.unwrap(p, axis=axis), rtol=1e-14, atol=1e-13)
    assert_same(ox.unwrap(oa, axis=axis, period=6), np.unwrap(na, axis=axis, period=6))


@fast
@given(st.data())
def test_sinc_fix_i0(data):
    na, oa = data.draw(array_pairs(["float64", "float32", "int64"], max_dims=2,
                                   elements=lambda d: st.integers(-40, 40).map(lambda v: v / 4) if np.dtype(d).kind == "f" else st.integers(-10, 10)))
    assert_close(ox.sinc(oa), np.sinc(na), rtol=1e-6 if na.dtype == np.float32 else 1e-14)
    assert_same(ox.fix(oa), np.fix(na))
    assert_close(ox.i0(oa), np.i0(na), rtol=1e-6 if na.dtype == np.float32 else 1e-14)


def test_windows():
    for M in (-1, 0, 1, 2, 5, 16, 51):
        for name in ("bartlett", "blackman", "hamming", "hanning"):
            assert_close(getattr(ox, name)(M), getattr(np, name)(M), rtol=1e-14, atol=1e-15)
        if M >= 1:
            for beta in (0.0, 5.0, 14.0):
                assert_close(ox.kaiser(M, beta), np.kaiser(M, beta), rtol=1e-14)
    raises_like(lambda: np.i0(np.array([1j])), lambda: ox.i0(ox.array([1j])))
