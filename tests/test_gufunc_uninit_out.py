"""Gufunc loops that declare they write every output element (``LoopEntry::
writes_all``: matmul, cholesky, inv, solve) get an uninitialised output, which may be a
reused block still holding an earlier array's values. inv and solve, small (the
unblocked loop) and large (the blocked LU), batched and not, must write every element:
checked against numpy.linalg after freeing a block of the output's size full of NaN.
"""

import gc

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

import oxarray as ox
import oxarray.linalg as la
from conftest import to_numpy


def _dirty(shape, dtype):
    d = ox.full(shape, np.nan, dtype=dtype)
    del d
    gc.collect()


def _system(shape, dtype, seed):
    rng = np.random.default_rng(seed)
    n = shape[-1]
    a = rng.standard_normal(shape) + n * np.eye(n)
    if np.dtype(dtype).kind == "c":
        a = a + 1j * rng.standard_normal(shape)
    return a.astype(dtype)


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128"])
@pytest.mark.parametrize("shape", [(3, 3), (4, 5, 5), (300, 300)])
def test_inv_solve_write_every_element(shape, dtype):
    a = _system(shape, dtype, shape[-1])
    rng = np.random.default_rng(1)
    b = rng.standard_normal(shape[:-1] + (7,)).astype(dtype)
    v = rng.standard_normal(shape[-1]).astype(dtype)
    tol = 1e-3 if dtype in ("float32", "complex64") else 1e-10
    with threadpool_limits(1):
        want_inv, want_x, want_v = np.linalg.inv(a), np.linalg.solve(a, b), np.linalg.solve(a, v)
    for _ in range(2):
        _dirty(shape, dtype)
        got = to_numpy(la.inv(ox.asarray(a)))
        assert got.dtype == want_inv.dtype and got.shape == want_inv.shape
        assert np.isfinite(got).all()
        np.testing.assert_allclose(got, want_inv, rtol=tol, atol=tol)
        _dirty(b.shape, dtype)
        got = to_numpy(la.solve(ox.asarray(a), ox.asarray(b)))
        assert np.isfinite(got).all()
        np.testing.assert_allclose(got, want_x, rtol=tol, atol=tol)
        _dirty(want_v.shape, dtype)
        got = to_numpy(la.solve(ox.asarray(a), ox.asarray(v)))
        assert got.shape == want_v.shape and np.isfinite(got).all()
        np.testing.assert_allclose(got, want_v, rtol=tol, atol=tol)


def test_singular_still_raises():
    a = np.ones((4, 4))
    _dirty((4, 4), "float64")
    with pytest.raises(np.linalg.LinAlgError):
        np.linalg.inv(a)
    with pytest.raises(la.LinAlgError):
        la.inv(ox.asarray(a))
    with pytest.raises(la.LinAlgError):
        la.solve(ox.asarray(a), ox.ones((4, 2)))
