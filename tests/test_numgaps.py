"""The faster paths of the products, least squares and order statistics: matmul through
faer (strided, negative-stride, broadcast and transposed operands), vecdot over strided
vectors, lstsq/polyfit through QR (and TSQR for tall inputs), multi-rank selection in
partition, median and percentile. Every value is checked against NumPy."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
import oxarray.linalg as la
from conftest import assert_same, to_numpy

FLOATS = ["float32", "float64", "complex64", "complex128"]


def _rand(shape, dtype, seed):
    rng = np.random.default_rng(seed)
    a = rng.standard_normal(shape)
    if np.dtype(dtype).kind == "c":
        a = a + 1j * rng.standard_normal(shape)
    return a.astype(dtype)


def _close(o, n, rtol):
    o = to_numpy(o)
    assert o.shape == n.shape and o.dtype == n.dtype, (o.shape, n.shape, o.dtype, n.dtype)
    scale = max(1.0, float(np.abs(n).max())) if n.size else 1.0
    np.testing.assert_allclose(o, n, rtol=rtol, atol=rtol * scale)


def _rtol(dtype, k):
    return 50 * np.finfo(np.dtype(dtype)).eps * max(k, 1) ** 0.5 * 4


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(FLOATS), st.integers(1, 40), st.integers(1, 40), st.integers(1, 40),
       st.sampled_from(["c", "t", "rev", "step"]), st.sampled_from(["c", "t", "rev", "step"]),
       st.integers(0, 2**31))
def test_matmul_layouts(dtype, n, k, m, la_, lb, seed):
    a = _rand((n, k) if la_ != "t" else (k, n), dtype, seed)
    b = _rand((k, m) if lb != "t" else (m, k), dtype, seed + 1)

    def lay(x, how):
        if how == "t":
            return x.T
        if how == "rev":
            return x[::-1, ::-1]
        if how == "step":
            return np.repeat(x, 2, axis=1)[:, ::2]
        return x

    an, bn = lay(a, la_), lay(b, lb)
    ao, bo = lay(ox.asarray(a), la_), lay(ox.asarray(b), lb)
    if la_ == "step":
        ao = ox.asarray(np.repeat(a, 2, axis=1))[:, ::2]
    if lb == "step":
        bo = ox.asarray(np.repeat(b, 2, axis=1))[:, ::2]
    _close(ox.matmul(ao, bo), np.matmul(an, bn), _rtol(dtype, k))


def test_matmul_large_and_batched():
    for dtype in ["float64", "float32", "complex128"]:
        a, b = _rand((300, 200), dtype, 1), _rand((200, 250), dtype, 2)
        _close(ox.matmul(ox.asarray(a), ox.asarray(b)), a @ b, _rtol(dtype, 200))
        s, t = _rand((3, 1, 40, 50), dtype, 3), _rand((4, 50, 30), dtype, 4)
        _close(ox.matmul(ox.asarray(s), ox.asarray(t)), s @ t, _rtol(dtype, 50))
    # Non-finite values propagate as in NumPy's BLAS.
    a = np.ones((70, 70))
    a[3, 5] = np.nan
    a[10, 2] = np.inf
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        r = to_numpy(ox.matmul(ox.asarray(a), ox.asarray(a)))
        want = a @ a
    assert np.array_equal(np.isnan(r), np.isnan(want))
    assert np.array_equal(np.isinf(r), np.isinf(want))
    # Inputs are left untouched.
    x = _rand((80, 90), "float64", 5)
    xo = ox.asarray(x)
    ox.matmul(xo, xo.T)
    assert np.array_equal(to_numpy(xo), x)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(FLOATS + ["int64", "int16", "bool", "float16"]), st.integers(1, 30),
       st.integers(1, 30), st.integers(0, 1), st.integers(0, 2**31))
def test_vecdot_strided(dtype, r, c, axis, seed):
    rng = np.random.default_rng(seed)
    if dtype == "bool":
        a, b = rng.integers(0, 2, (r, c)).astype(bool), rng.integers(0, 2, (r, c)).astype(bool)
    elif dtype in ("int64", "int16"):
        a, b = rng.integers(-9, 9, (r, c)).astype(dtype), rng.integers(-9, 9, (r, c)).astype(dtype)
    else:
        a, b = _rand((r, c), dtype, seed), _rand((r, c), dtype, seed + 1)
    got = ox.vecdot(ox.asarray(a), ox.asarray(b), axis=axis)
    want = np.vecdot(a, b, axis=axis)
    if dtype in ("bool", "int64", "int16"):
        assert_same(got, want)
    else:
        _close(got, want, 20 * np.finfo(np.dtype(dtype)).eps * max(r, c) + (
            1e-2 if dtype == "float16" else 0))


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 8), st.integers(0, 3), st.sampled_from(["float64", "float32",
                                                              "complex128"]),
       st.booleans(), st.integers(0, 2**31))
def test_lstsq_tall_qr_path(n, k, dtype, deficient, seed):
    m = 3 * n + 5
    a = _rand((m, n), dtype, seed)
    if deficient and n > 1:
        a[:, -1] = a[:, 0]
    b = _rand((m,) if k == 0 else (m, k), dtype, seed + 1)
    x_np, r_np, rank_np, s_np = np.linalg.lstsq(a, b)
    x, r, rank, s = la.lstsq(ox.asarray(a), ox.asarray(b))
    tol = 1e4 * np.finfo(np.dtype(dtype)).eps * np.linalg.cond(a[:, :n - 1] if deficient and n > 1
                                                               else a)
    _close(x, x_np, tol)
    _close(r, r_np, tol * max(1.0, float(np.abs(b).max()) ** 2))
    assert int(rank) == int(rank_np)
    _close(s, s_np, tol)


@pytest.mark.parametrize("dtype", ["float64", "complex128"])
@pytest.mark.parametrize("k", [0, 2])
def test_lstsq_tsqr_path(dtype, k):
    # Tall enough for the blocked TSQR (several blocks plus leftover rows).
    m, n = 4 * 8192 + 1234, 4
    a = _rand((m, n), dtype, 7)
    b = _rand((m,) if k == 0 else (m, k), dtype, 8)
    x_np, r_np, rank_np, s_np = np.linalg.lstsq(a, b)
    x, r, rank, s = la.lstsq(ox.asarray(a), ox.asarray(b))
    _close(x, x_np, 1e-10)
    _close(r, r_np, 1e-10)
    _close(s, s_np, 1e-10)
    assert int(rank) == int(rank_np) == n
    # Rank-deficient: no residuals, the minimum-norm solution.
    a[:, 3] = 2 * a[:, 1]
    x_np, r_np, rank_np, s_np = np.linalg.lstsq(a, b)
    x, r, rank, s = la.lstsq(ox.asarray(a), ox.asarray(b))
    assert int(rank) == int(rank_np) == 3
    _close(x, x_np, 1e-8)
    assert r.shape == r_np.shape == (0,)


def test_polyfit_large():
    rng = np.random.default_rng(0)
    x = np.linspace(-2, 3, 100_000)
    y = 1 - 2 * x + 0.5 * x**3 + rng.standard_normal(x.size)
    for deg in [1, 3, 5]:
        _close(ox.polyfit(ox.asarray(x), ox.asarray(y), deg), np.polyfit(x, y, deg), 1e-9)
    c, res, rank, sv, rc = ox.polyfit(ox.asarray(x), ox.asarray(y), 3, full=True)
    cn, resn, rankn, svn, rcn = np.polyfit(x, y, 3, full=True)
    _close(c, cn, 1e-9)
    _close(res, resn, 1e-9)
    _close(sv, svn, 1e-9)
    assert int(rank) == int(rankn) and rc == rcn
    c, cov = ox.polyfit(ox.asarray(x), ox.asarray(np.stack([y, 2 * y], 1)), 2, cov=True)
    cn, covn = np.polyfit(x, np.stack([y, 2 * y], 1), 2, cov=True)
    _close(c, cn, 1e-9)
    _close(cov, covn, 1e-8)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["float64", "float32", "float16", "int64", "uint8", "int32"]),
       st.integers(1, 300), st.lists(st.integers(0, 299), min_size=1, max_size=8),
       st.booleans(), st.integers(0, 2**31))
def test_partition_many_kth(dtype, n, kth, with_nan, seed):
    rng = np.random.default_rng(seed)
    if np.dtype(dtype).kind == "f":
        a = rng.integers(-20, 20, n).astype(dtype)  # many ties, signed zeros
        a[rng.random(n) < 0.1] = -0.0
        if with_nan:
            a[rng.random(n) < 0.2] = np.nan
    else:
        a = rng.integers(0, 50, n).astype(dtype)
    kth = sorted({k % n for k in kth})
    got = to_numpy(ox.partition(ox.asarray(a), kth))
    srt = np.sort(a)
    assert got.dtype == srt.dtype
    for k in kth:
        # The value a full sort puts there (-0.0 and 0.0 are equal keys).
        assert got[k] == srt[k] or (np.isnan(got[k]) and np.isnan(srt[k]))
        left, right = got[:k], got[k + 1:]
        if not np.isnan(srt[k]):
            assert np.all(left[~np.isnan(left)] <= srt[k])
            assert np.all((right >= srt[k]) | np.isnan(right))
    assert np.array_equal(np.sort(got), srt, equal_nan=np.dtype(dtype).kind == "f")


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(["float64", "float32", "int64", "int16", "uint16"]),
       st.integers(1, 200), st.integers(1, 4), st.booleans(), st.integers(0, 2**31),
       st.sampled_from(["linear", "lower", "higher", "nearest", "midpoint", "median_unbiased",
                        "inverted_cdf", "closest_observation"]))
def test_percentile_median_many_q(dtype, n, lanes, with_nan, seed, method):
    rng = np.random.default_rng(seed)
    a = (rng.standard_normal((lanes, n)) * 10).astype(dtype)
    if with_nan and np.dtype(dtype).kind == "f":
        a[rng.random((lanes, n)) < 0.05] = np.nan
    q = [0, 5, 33.3, 50, 95, 100]
    o = ox.asarray(a)
    assert_same(ox.percentile(o, q, axis=1, method=method), np.percentile(a, q, axis=1,
                                                                         method=method))
    assert_same(ox.median(o, axis=1), np.median(a, axis=1))
    assert_same(ox.median(o), np.median(a))
    assert_same(ox.nanmedian(o, axis=1) if not (with_nan and np.isnan(a).all(axis=1).any())
                else ox.median(o, axis=1),
                np.nanmedian(a, axis=1) if not (with_nan and np.isnan(a).all(axis=1).any())
                else np.median(a, axis=1))
    # The input is never modified.
    assert_same(o, a)


def test_median_percentile_large():
    rng = np.random.default_rng(1)
    for n in [1_000_000, 999_999]:
        a = rng.standard_normal(n)
        o = ox.asarray(a)
        assert_same(ox.median(o), np.median(a))
        assert_same(ox.percentile(o, [5, 50, 95]), np.percentile(a, [5, 50, 95]))
        assert_same(o, a)
