"""cholesky's output is not zeroed before the loop runs, against numpy.linalg.

The gufunc machinery hands cholesky an uninitialised output (as matmul's), which may be
a reused block still holding an earlier array's values: every path must write every
element, the other triangle as exact zeros. Checked after freeing a block of the
output's size full of NaN and 1e30, at sizes around the panel edges of both blocked
paths (192 columns at one thread, 96 at two), for every float type, both triangles,
C/Fortran/strided layouts, batched and small, with junk in the unread triangle, NaN/inf
(the unblocked path), failures in each panel, and calls of different sizes and types in
a row.
"""

import gc

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

import oxarray as ox
import oxarray.linalg as la
from conftest import to_numpy
from test_linalg import _random, close
from test_linalg_blocked import _layouts, _ox

FLOATS = ["float32", "float64", "complex64", "complex128"]


def _np(a, upper=False):
    with threadpool_limits(1):
        return np.linalg.cholesky(a, upper=upper)


def _cond(a):
    w = np.linalg.eigvalsh(np.asarray(a, dtype=np.complex128))
    return float(np.max(w[..., -1] / w[..., 0]))


def _check(got, want, a, upper):
    close(got, want, scale=_cond(a))
    g = to_numpy(got)
    other = np.tril(g, -1) if upper else np.triu(g, 1)
    assert not other.any()


def _dirty(shape, dtype):
    """Free a block of the output's size full of NaN and 1e30, so that the next
    allocation of that size may reuse it (the output is not zeroed first)."""
    d = ox.full(shape, np.nan, dtype=dtype)
    d[..., ::3] = 1e30
    del d
    gc.collect()


@pytest.mark.parametrize("threads, n", [(2, 193), (2, 288), (1, 385), (1, 577)])
@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("upper", [False, True])
def test_panel_edges(threads, n, dtype, upper):
    a = _random((n, n), dtype, n + threads, "spd")
    want = _np(a, upper)
    for layout in ("C", "F"):
        x = _ox(_layouts(a)[layout])
        _dirty((n, n), dtype)
        with ox.num_threads(threads):
            got = la.cholesky(x, upper=upper)
        _check(got, want, a, upper)


@pytest.mark.parametrize("layout", ["C", "F", "strided"])
@pytest.mark.parametrize("upper", [False, True])
@pytest.mark.parametrize("dtype", FLOATS)
def test_junk_in_unread_triangle_and_reused_output(layout, upper, dtype):
    n = 600
    a = _random((n, n), dtype, 41, "spd")
    junk = np.triu(np.full((n, n), 1e30, dtype=dtype), 1)
    junk[0, n - 1] = np.nan
    junk[3, 500] = np.inf
    g = a + (junk.T if upper else junk)
    want = _np(g, upper)
    x = _ox(_layouts(g)[layout])
    for threads in (1, 2):
        _dirty((n, n), dtype)
        with ox.num_threads(threads):
            got = la.cholesky(x, upper=upper)
        _check(got, want, a, upper)


@pytest.mark.parametrize("n", [8, 40, 200])
def test_small_and_batched_outputs_fully_written(n):
    a = _random((3, n, n), "complex128", n, "spd")
    want = _np(a)
    for threads in (1, 2):
        _dirty((3, n, n), "complex128")
        with ox.num_threads(threads):
            got = la.cholesky(ox.asarray(a))
        close(got, want, scale=_cond(a))
        assert not np.triu(to_numpy(got), 1).any()


@pytest.mark.parametrize("threads, at", [(1, 0), (1, 192), (1, 699), (2, 95), (2, 300)])
@pytest.mark.parametrize("upper", [False, True])
@pytest.mark.parametrize("layout", ["C", "F"])
def test_failure_in_each_panel(threads, at, upper, layout):
    n = 700
    a = _random((n, n), "float64", 43, "spd")
    a[at, at] = -1.0
    with pytest.raises(np.linalg.LinAlgError, match="Matrix is not positive definite"):
        _np(a, upper)
    x = _ox(_layouts(a)[layout])
    with ox.num_threads(threads):
        with pytest.raises(la.LinAlgError, match="Matrix is not positive definite"):
            la.cholesky(x, upper=upper)
    # The next call (same scratch, same sizes) is unaffected.
    b = _random((n, n), "float64", 44, "spd")
    with ox.num_threads(threads):
        got = la.cholesky(ox.asarray(b), upper=upper)
    _check(got, _np(b, upper), b, upper)


def test_nan_inf_falls_back_to_unblocked():
    n = 600
    for bad in (np.nan, np.inf):
        a = _random((n, n), "float64", 47, "spd")
        a[500, 10] = a[10, 500] = bad
        want = _np(a)
        for threads in (1, 2):
            _dirty((n, n), "float64")
            with ox.num_threads(threads):
                got = to_numpy(la.cholesky(ox.asarray(a)))
            np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
            np.testing.assert_array_equal(np.isinf(got), np.isinf(want))
            fin = np.isfinite(want)
            np.testing.assert_allclose(got[fin], want[fin], rtol=1e-9, atol=1e-9 * n)
            assert not np.triu(got, 1).any()


def test_reused_blocks_across_sizes_and_types():
    cases = [(900, "complex128"), (400, "float32"), (900, "float64"), (600, "complex64"),
             (1000, "float64")]
    for threads in (1, 2):
        for n, dtype in cases:
            a = _random((n, n), dtype, n, "spd")
            with ox.num_threads(threads):
                got = la.cholesky(ox.asarray(a), upper=(n % 200 == 0))
            _check(got, _np(a, upper=(n % 200 == 0)), a, n % 200 == 0)
