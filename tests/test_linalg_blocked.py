"""The blocked and layout-dependent paths of oxarray.linalg against numpy.linalg.

cholesky: a packed (C- or Fortran-order) block is factored in the output's own memory
(a C-order block as a row-major view, `upper` as the conjugated transposed view), with the
blocked right-looking Cholesky (panels of 96 columns) on several threads; other layouts go
through a column-major copy. LU (solve, inv, det, slogdet): a C-order block is factored as
its transpose (no transposing copy). Checked at sizes around the panel width, batched, for
every float type, every layout, at 1 and 2 threads, with the same tolerance as
test_linalg.py (scaled by the condition number).
"""

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

import oxarray as ox
import oxarray.linalg as la
from conftest import to_numpy
from test_linalg import _cond, _random, close

FLOATS = ["float32", "float64", "complex64", "complex128"]


def _layouts(a):
    """`a` as C order, Fortran order and a strided (non-packed) view, each as a NumPy
    array with the same values."""
    f = np.asfortranarray(a)
    big = np.zeros(a.shape[:-1] + (2 * a.shape[-1],), dtype=a.dtype)
    big[..., ::2] = a
    return {"C": np.ascontiguousarray(a), "F": f, "strided": big[..., ::2]}


def _ox(a):
    """An oxarray array with `a`'s values and (for C, Fortran or every-other-column
    views) its layout."""
    if a.flags.c_contiguous:
        return ox.asarray(a)
    if a.flags.f_contiguous:
        return ox.asfortranarray(ox.asarray(a))
    big = np.zeros(a.shape[:-1] + (2 * a.shape[-1],), dtype=a.dtype)
    big[..., ::2] = a
    return ox.asarray(big)[..., ::2]


@pytest.mark.parametrize("n", [95, 97, 193, 289])
@pytest.mark.parametrize("upper", [False, True])
@pytest.mark.parametrize("dtype", FLOATS)
def test_cholesky_around_block(n, upper, dtype):
    a = _random((n, n), dtype, n, "spd")
    with threadpool_limits(1):
        want = np.linalg.cholesky(a, upper=upper)
    cond = _cond(a)
    for threads in (1, 2):
        with ox.num_threads(threads):
            got = la.cholesky(ox.asarray(a), upper=upper)
        close(got, want, scale=cond)
        g = to_numpy(got)
        # The other triangle is exactly zero.
        other = np.tril(g, -1) if upper else np.triu(g, 1)
        assert not other.any()


@pytest.mark.parametrize("layout", ["C", "F", "strided"])
@pytest.mark.parametrize("upper", [False, True])
@pytest.mark.parametrize("dtype", ["float64", "complex128"])
def test_cholesky_layouts_read_one_triangle(layout, upper, dtype):
    n = 250
    a = _random((n, n), dtype, 7, "spd")
    # Garbage in the triangle that is not read (NumPy ignores it).
    junk = np.triu(np.full((n, n), 1e30 + 0j if dtype.startswith("c") else 1e30, dtype=dtype), 1)
    g = a + (junk.T if upper else junk)
    with threadpool_limits(1):
        want = np.linalg.cholesky(g, upper=upper)
    src = _layouts(g)[layout]
    x = _ox(src)
    before = to_numpy(x).copy()
    for threads in (1, 2):
        with ox.num_threads(threads):
            close(la.cholesky(x, upper=upper), want, scale=_cond(a))
    np.testing.assert_array_equal(to_numpy(x), before)


@pytest.mark.parametrize("dtype", FLOATS)
def test_cholesky_batched_and_threads_agree(dtype):
    a = _random((3, 200, 200), dtype, 3, "spd")
    with threadpool_limits(1):
        want = np.linalg.cholesky(a)
    with ox.num_threads(1):
        one = la.cholesky(ox.asarray(a))
    with ox.num_threads(2):
        two = la.cholesky(ox.asarray(a))
    cond = _cond(a)
    close(one, want, scale=cond)
    close(two, want, scale=cond)
    close(one, to_numpy(two), scale=cond)


@pytest.mark.parametrize("at", [5, 96, 299])
@pytest.mark.parametrize("upper", [False, True])
@pytest.mark.parametrize("dtype", ["float32", "float64", "complex128"])
def test_cholesky_not_positive_definite(at, upper, dtype):
    n = 300
    a = _random((n, n), dtype, 11, "spd")
    a[at, at] = -1e6
    with pytest.raises(np.linalg.LinAlgError, match="Matrix is not positive definite"):
        np.linalg.cholesky(a, upper=upper)
    for threads in (1, 2):
        with ox.num_threads(threads):
            with pytest.raises(la.LinAlgError, match="Matrix is not positive definite"):
                la.cholesky(ox.asarray(a), upper=upper)


def test_cholesky_nan_large():
    n = 200
    a = _random((n, n), "float64", 2, "spd")
    a[150, 20] = a[20, 150] = np.nan
    want = np.linalg.cholesky(a)
    got = to_numpy(la.cholesky(ox.asarray(a)))
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want))


@pytest.mark.parametrize("layout", ["C", "F", "strided"])
@pytest.mark.parametrize("dtype", FLOATS)
def test_lu_layouts(layout, dtype):
    n = 300
    a = _random((n, n), dtype, 5, "general")
    b = _random((n, 3), dtype, 6)
    src = _layouts(a)[layout]
    x = _ox(src)
    before = to_numpy(x).copy()
    with threadpool_limits(1):
        want_inv, want_x, want_v = np.linalg.inv(a), np.linalg.solve(a, b), np.linalg.solve(a, b[:, 0])
        want_s, want_ld = np.linalg.slogdet(a)
    cond = _cond(a)
    for threads in (1, 2):
        with ox.num_threads(threads):
            close(la.inv(x), want_inv, scale=cond)
            close(la.solve(x, ox.asarray(b)), want_x, scale=cond)
            close(la.solve(x, ox.asarray(b[:, 0])), want_v, scale=cond)
            s, ld = la.slogdet(x)
            close(s, want_s, scale=cond)
            close(ld, want_ld, scale=cond)
    np.testing.assert_array_equal(to_numpy(x), before)


@pytest.mark.parametrize("dtype", ["float64", "complex64"])
def test_lu_batched_c_order(dtype):
    a = _random((2, 150, 150), dtype, 9, "general")
    with threadpool_limits(1):
        want = np.linalg.inv(a)
        want_s, want_ld = np.linalg.slogdet(a)
    cond = _cond(a)
    close(la.inv(ox.asarray(a)), want, scale=cond)
    s, ld = la.slogdet(ox.asarray(a))
    close(s, want_s, scale=cond)
    close(ld, want_ld, scale=cond)


def test_lu_singular_c_order():
    n = 200
    a = _random((n, n), "float64", 4, "general")
    a[:, 7] = a[:, 3]
    a[:, 3] = 0.0
    with pytest.raises(la.LinAlgError, match="Singular matrix"):
        la.inv(ox.asarray(a))
    with pytest.raises(la.LinAlgError, match="Singular matrix"):
        la.solve(ox.asarray(a), ox.ones(n))
