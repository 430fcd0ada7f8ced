"""``x.T @ x`` and ``x @ x.T``: one operand is the other's transpose, so, as NumPy (BLAS
``syrk``), oxarray computes one triangle and mirrors it: where NumPy's result is exactly
symmetric, so is oxarray's, and both are equal within rounding, for every float type,
batched or not, C or F."""

import numpy as np
import pytest

import oxarray as ox
from conftest import to_numpy


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128"])
@pytest.mark.parametrize("shape", [(2000, 40), (300, 129), (64, 64), (3, 500, 70)])
@pytest.mark.parametrize("order", ["C", "F"])
def test_gram_matrices(dtype, shape, order):
    rng = np.random.default_rng(sum(shape))
    x = rng.standard_normal(shape)
    if dtype.startswith("complex"):
        x = x + 1j * rng.standard_normal(shape)
    x = np.asarray(x.astype(dtype), order=order)
    o = ox.asarray(x)
    tol = 1e-4 if dtype in ("float32", "complex64") else 1e-12
    for want, got in [
        (np.swapaxes(x, -1, -2) @ x, ox.swapaxes(o, -1, -2) @ o),
        (x @ np.swapaxes(x, -1, -2), o @ ox.swapaxes(o, -1, -2)),
    ]:
        g = to_numpy(got)
        assert g.dtype == want.dtype and g.shape == want.shape
        if np.array_equal(want, np.swapaxes(want, -1, -2)):  # NumPy took syrk: exact
            assert np.array_equal(g, np.swapaxes(g, -1, -2))
        scale = np.abs(want).max()
        np.testing.assert_allclose(g, want, rtol=0, atol=tol * scale)
