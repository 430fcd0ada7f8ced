"""The blocked LU of oxarray.linalg (lu.rs ``BigLu``: solve, solve1, inv, det, slogdet)
against numpy.linalg, around its thresholds: faer's LU up to two panels (n <= 128 below 800
rows, panels of 64; n <= 256 from 800 on, panels of 128), the parallel size (384), the
panel width change (800), ``inv`` (faer's inverse from our factors) and the
right-hand-side chunks of the solve (256 columns).

The blocked LU runs the same tasks on any thread count, and the solves split the
right-hand sides into fixed chunks, so results at 1 and 2 threads are bit-identical
(``inv`` uses faer's parallel inverse: only close there).
"""

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

import oxarray as ox
import oxarray.linalg as la
from conftest import to_numpy
from test_linalg import _random


def _ox(a, layout="C"):
    """`a` as an oxarray array in C order, Fortran order or as a strided view."""
    if layout == "C":
        return ox.asarray(np.ascontiguousarray(a))
    if layout == "F":
        return ox.asfortranarray(ox.asarray(a))
    big = np.zeros(a.shape[:-1] + (2 * a.shape[-1],), dtype=a.dtype)
    big[..., ::2] = a
    return ox.asarray(big)[..., ::2]


def _both(f):
    """`f()` at 1 and at 2 threads, as NumPy arrays."""
    out = []
    for threads in (1, 2):
        with ox.num_threads(threads):
            r = f()
        out.append(tuple(to_numpy(v) for v in r) if isinstance(r, tuple) else to_numpy(r))
    return out


def _same(a, b):
    if isinstance(a, tuple):
        for x, y in zip(a, b):
            np.testing.assert_array_equal(x, y)
    else:
        np.testing.assert_array_equal(a, b)


def _berr(a, x, b):
    """The normwise backward error of `x` as a solution of `a x = b` (in float64 or
    complex128): small (a few eps) for a backward stable solver, whatever the condition
    number, so checking it needs no SVD of `a`."""
    hi = np.complex128 if np.iscomplexobj(a) else np.float64
    a, x, b = (np.asarray(v, dtype=hi) for v in (a, x, b))
    if x.size == 0:
        return 0.0
    r = a @ x - b
    den = np.abs(a).sum(axis=-1).max() * np.abs(x).max() + np.abs(b).max()
    return float(np.abs(r).max() / den)


def _check_solve(a, b, got, want):
    """`got` (oxarray) has NumPy's `want`'s shape and dtype and solves `a x = b`."""
    g = to_numpy(got) if not isinstance(got, np.ndarray) else got
    assert g.shape == want.shape and g.dtype == want.dtype, (g.shape, g.dtype, want.dtype)
    n = a.shape[-1]
    eps = np.finfo(want.dtype).eps
    assert _berr(a, g, b) <= 20 * n * eps


def _check_slogdet(got, a):
    with threadpool_limits(1):
        want_s, want_ld = np.linalg.slogdet(a)
    s, ld = got
    assert s.dtype == want_s.dtype and ld.dtype == want_ld.dtype
    eps = np.finfo(want_ld.dtype).eps
    n = a.shape[-1]
    np.testing.assert_allclose(s, want_s, rtol=0, atol=1e3 * n * eps)
    np.testing.assert_allclose(ld, want_ld, rtol=1e2 * n * eps, atol=1e2 * n * eps)


def _check_inv(a, got):
    n = a.shape[-1]
    _check_solve(a, np.broadcast_to(np.eye(n, dtype=a.dtype), a.shape), got,
                 np.empty(a.shape, dtype=a.dtype))


@pytest.mark.parametrize("n", [129, 383, 385, 799, 800, 801, 1000, 1153])
def test_float64_sizes_threads_identical(n):
    a = _random((n, n), "float64", n, "general")
    b = _random((n, 3), "float64", n + 1)
    x, y = _ox(a), ox.asarray(b)
    with threadpool_limits(1):
        want_x = np.linalg.solve(a, b)
        want_v = np.linalg.solve(a, b[:, 0])
    got1, got2 = _both(lambda: la.solve(x, y))
    _check_solve(a, b, got1, want_x)
    _same(got1, got2)
    v1, v2 = _both(lambda: la.solve(x, y[:, 0]))
    _check_solve(a, b[:, 0], v1, want_v)
    _same(v1, v2)
    s1, s2 = _both(lambda: la.slogdet(x))
    _check_slogdet(s1, a)
    _same(s1, s2)
    d1, d2 = _both(lambda: la.det(x))
    _same(d1, d2)
    if n <= 801:
        i1, i2 = _both(lambda: la.inv(x))
        _check_inv(a, i1)
        _check_inv(a, i2)


@pytest.mark.parametrize("n", [385, 801])
@pytest.mark.parametrize("dtype", ["float32", "complex64", "complex128"])
def test_other_dtypes(n, dtype):
    a = _random((n, n), dtype, 3 * n, "general")
    b = _random((n, 2), dtype, 3 * n + 1)
    x, y = _ox(a), ox.asarray(b)
    with threadpool_limits(1):
        want_x = np.linalg.solve(a, b)
    x1, x2 = _both(lambda: la.solve(x, y))
    _check_solve(a, b, x1, want_x)
    _same(x1, x2)
    s1, s2 = _both(lambda: la.slogdet(x))
    _check_slogdet(s1, a)
    _same(s1, s2)
    if n < 800:
        i1, i2 = _both(lambda: la.inv(x))
        _check_inv(a, i1)
        _check_inv(a, i2)


@pytest.mark.parametrize("layout", ["F", "strided"])
@pytest.mark.parametrize("n", [500, 801])
def test_layouts(layout, n):
    a = _random((n, n), "float64", 7 * n, "general")
    b = _random((n, 70), "float64", 7 * n + 1)
    x = _ox(a, layout)
    yb = _ox(b, layout)
    before = to_numpy(x).copy()
    with threadpool_limits(1):
        want_x = np.linalg.solve(a, b)
    x1, x2 = _both(lambda: la.solve(x, yb))
    _check_solve(a, b, x1, want_x)
    _same(x1, x2)
    s1, _ = _both(lambda: la.slogdet(x))
    _check_slogdet(s1, a)
    if n < 800:
        i1, i2 = _both(lambda: la.inv(x))
        _check_inv(a, i1)
        _check_inv(a, i2)
    np.testing.assert_array_equal(to_numpy(x), before)


@pytest.mark.parametrize("nrhs", [0, 1, 255, 256, 257, 600])
def test_many_right_hand_sides(nrhs):
    n = 450
    a = _random((n, n), "float64", 11, "general")
    b = _random((n, nrhs), "float64", 12)
    with threadpool_limits(1):
        want = np.linalg.solve(a, b)
    x1, x2 = _both(lambda: la.solve(_ox(a), ox.asarray(b)))
    _check_solve(a, b, x1, want)
    _same(x1, x2)


def test_pivoting_heavy():
    # Each column's largest entry is far from the diagonal (rows reversed, columns of
    # growing scale), so nearly every step of every panel swaps rows.
    n = 801
    rng = np.random.default_rng(21)
    a = np.flipud(rng.standard_normal((n, n)) + 4 * np.eye(n)) * np.logspace(0, 3, n)
    b = rng.standard_normal(n)
    with threadpool_limits(1):
        want = np.linalg.solve(a, b)
    for layout in ("C", "F"):
        x = _ox(a, layout)
        v1, v2 = _both(lambda: la.solve(x, ox.asarray(b)))
        _check_solve(a, b, v1, want)
        _same(v1, v2)
        s1, s2 = _both(lambda: la.slogdet(x))
        _check_slogdet(s1, a)
        _same(s1, s2)


@pytest.mark.parametrize("n, at", [(385, 0), (385, 64), (801, 127), (801, 128), (801, 800)])
@pytest.mark.parametrize("what", ["row", "column"])
def test_exactly_singular(n, at, what):
    a = _random((n, n), "float64", n + at, "general")
    if what == "row":
        a[at, :] = 0.0
    else:
        a[:, at] = 0.0
    with threadpool_limits(1):
        assert np.linalg.det(a) == 0.0
    for layout in ("C", "F"):
        x = _ox(a, layout)
        for threads in (1, 2):
            with ox.num_threads(threads):
                with pytest.raises(la.LinAlgError, match="Singular matrix"):
                    la.solve(x, ox.ones(n))
                with pytest.raises(la.LinAlgError, match="Singular matrix"):
                    la.inv(x)
                assert float(la.det(x)) == 0.0
                s, ld = la.slogdet(x)
                assert float(s) == 0.0 and float(ld) == -np.inf


def test_stacked():
    a = _random((2, 400, 400), "float64", 31, "general")
    b = _random((2, 400, 5), "float64", 32)
    with threadpool_limits(1):
        want_x = np.linalg.solve(a, b)
    x = _ox(a)
    x1, x2 = _both(lambda: la.solve(x, ox.asarray(b)))
    _check_solve(a, b, x1, want_x)
    _same(x1, x2)
    i1, i2 = _both(lambda: la.inv(x))
    _check_inv(a, i1)
    _check_inv(a, i2)
    s1, s2 = _both(lambda: la.slogdet(x))
    _check_slogdet(s1, a)
    _same(s1, s2)
