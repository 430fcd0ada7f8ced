"""cholesky's one-thread blocked path and its fused copy-in, against numpy.linalg.

A packed (C- or Fortran-order) block is copied into the output in one pass over its
lines (the named triangle copied, conjugated for `upper`, and checked for finiteness;
the other triangle set to zero) and factored there. At one thread a matrix of more than
384 rows is factored by a right-looking blocked Cholesky with panels of 192 columns (the
two-thread one has panels of 96). Checked at sizes around those panel boundaries, for
every float type, both triangles, C/Fortran/strided layouts, batched, with junk in the
triangle that is not read, NaN, non-positive-definite matrices failing in each panel,
and the reconstruction L L^H = A.
"""

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

import oxarray as ox
import oxarray.linalg as la
from conftest import to_numpy
from test_linalg import _random, close
from test_linalg_blocked import _layouts, _ox


def _np(a, upper=False):
    with threadpool_limits(1):
        return np.linalg.cholesky(a, upper=upper)


def _cond(a):
    """The condition number of a Hermitian positive definite matrix (or stack)."""
    w = np.linalg.eigvalsh(np.asarray(a, dtype=np.complex128))
    return float(np.max(w[..., -1] / w[..., 0]))


def _other_triangle_zero(g, upper):
    other = np.tril(g, -1) if upper else np.triu(g, 1)
    assert not other.any()


@pytest.mark.parametrize(
    "n, dtype",
    [(n, "float64") for n in (383, 384, 385, 576, 577, 767, 769)]
    + [(n, d) for n in (385, 577) for d in ("float32", "complex64", "complex128")],
)
@pytest.mark.parametrize("upper", [False, True])
def test_sizes_around_panels(n, dtype, upper):
    a = _random((n, n), dtype, n, "spd")
    want = _np(a, upper)
    cond = _cond(a)
    for threads in (1, 2):
        with ox.num_threads(threads):
            got = la.cholesky(ox.asarray(a), upper=upper)
        close(got, want, scale=cond)
        g = to_numpy(got)
        _other_triangle_zero(g, upper)
        # Reconstruction: L L^H = A (U^H U = A).
        lo = np.conj(g.T) if upper else g
        rec = lo.astype(np.complex128) @ np.conj(lo.T).astype(np.complex128)
        eps = np.finfo(g.dtype).eps
        assert np.max(np.abs(rec - a)) <= 50 * n * eps * np.max(np.abs(a))


@pytest.mark.parametrize("layout", ["C", "F", "strided"])
@pytest.mark.parametrize("upper", [False, True])
@pytest.mark.parametrize("dtype", ["float32", "float64", "complex128"])
def test_layouts_read_one_triangle(layout, upper, dtype):
    n = 450
    a = _random((n, n), dtype, 17, "spd")
    # Garbage (huge and NaN) in the triangle that is not read (NumPy ignores it).
    junk = np.triu(np.full((n, n), 1e30, dtype=dtype), 1)
    junk[0, n - 1] = np.nan
    g = a + (junk.T if upper else junk)
    want = _np(g, upper)
    src = _layouts(g)[layout]
    x = _ox(src)
    before = to_numpy(x).copy()
    for threads in (1, 2):
        with ox.num_threads(threads):
            got = la.cholesky(x, upper=upper)
        close(got, want, scale=_cond(a))
        _other_triangle_zero(to_numpy(got), upper)
    np.testing.assert_array_equal(to_numpy(x), before)


@pytest.mark.parametrize("dtype", ["float32", "complex128"])
@pytest.mark.parametrize("upper", [False, True])
def test_batched_f_order(dtype, upper):
    a = _random((3, 400, 400), dtype, 23, "spd")
    want = _np(a, upper)
    x = ox.asarray(np.asfortranarray(a))
    cond = _cond(a)
    for threads in (1, 2):
        with ox.num_threads(threads):
            got = la.cholesky(x, upper=upper)
        close(got, want, scale=cond)


@pytest.mark.parametrize("at", [0, 192, 383, 599])
@pytest.mark.parametrize("upper", [False, True])
@pytest.mark.parametrize("dtype", ["float64", "complex64"])
def test_not_positive_definite_each_panel(at, upper, dtype):
    n = 600
    a = _random((n, n), dtype, 29, "spd")
    a[at, at] = -1e6
    with pytest.raises(np.linalg.LinAlgError, match="Matrix is not positive definite"):
        _np(a, upper)
    for threads in (1, 2):
        with ox.num_threads(threads):
            with pytest.raises(la.LinAlgError, match="Matrix is not positive definite"):
                la.cholesky(ox.asarray(a), upper=upper)


@pytest.mark.parametrize("where", [(450, 20), (499, 499)])
@pytest.mark.parametrize("upper", [False, True])
def test_nan_and_inf_large(where, upper):
    n = 500
    for bad in (np.nan, np.inf):
        a = _random((n, n), "float64", 31, "spd")
        i, j = where
        a[i, j] = a[j, i] = bad
        want = _np(a, upper)
        for threads in (1, 2):
            with ox.num_threads(threads):
                got = to_numpy(la.cholesky(ox.asarray(a), upper=upper))
            np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
            np.testing.assert_array_equal(np.isinf(got), np.isinf(want))
            fin = np.isfinite(want)
            np.testing.assert_allclose(got[fin], want[fin], rtol=1e-9, atol=1e-9 * np.abs(a[np.isfinite(a)]).max())


def test_one_and_two_threads_agree_1000():
    n = 1000
    a = _random((n, n), "float64", 37, "spd")
    want = _np(a)
    cond = _cond(a)
    with ox.num_threads(1):
        one = la.cholesky(ox.asarray(a))
    with ox.num_threads(2):
        two = la.cholesky(ox.asarray(a))
    close(one, want, scale=cond)
    close(two, want, scale=cond)
    _other_triangle_zero(to_numpy(one), False)
    _other_triangle_zero(to_numpy(two), False)
