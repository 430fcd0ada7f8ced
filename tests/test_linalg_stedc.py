"""eigh of real symmetric input runs faer's tridiagonal reduction, oxarray's divide and
conquer (linalg/stedc.rs: faer's algorithm with vectorised secular-equation sums, leaves
of 32 rows by QR) and the blocked back-transformation. Checked against NumPy by
reconstruction (A v = v diag(w)), orthonormality and eigenvalues, at sizes around the
leaf size and its doublings, with clustered, repeated and graded spectra (deflation and
equal-pole reflectors), both triangles, batches and 1 vs all threads."""

import numpy as np
import pytest

import oxarray as ox
import oxarray.linalg as la
from conftest import to_numpy

SIZES = [1, 2, 31, 32, 33, 64, 65, 100, 257]


def _spectrum_matrix(n, kind, seed):
    rng = np.random.default_rng(seed)
    if kind == "random":
        g = rng.standard_normal((n, n))
        return (g + g.T) / 2
    q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    if kind == "clustered":
        w = 1 + 1e-10 * rng.standard_normal(n)
    elif kind == "repeated":
        w = np.repeat(rng.standard_normal(max(n // 8, 1)), 8)[:n]
        if w.size < n:
            w = np.concatenate([w, np.zeros(n - w.size)])
    elif kind == "graded":
        w = np.logspace(-10, 10, n)
    elif kind == "two_clusters":
        w = np.where(np.arange(n) % 2 == 0, 1.0, -1.0) + 1e-13 * rng.standard_normal(n)
    else:  # "identity"-like: exactly repeated, already diagonal after reduction
        return np.eye(n) * 3.0
    a = (q * w) @ q.T
    return (a + a.T) / 2


def _check(a, res, uplo="L", slack=1.0):
    w = to_numpy(res.eigenvalues)
    v = to_numpy(res.eigenvectors)
    w_np = np.linalg.eigvalsh(a, UPLO=uplo)
    assert w.dtype == w_np.dtype and v.dtype == a.dtype
    n = a.shape[-1]
    eps = np.finfo(a.dtype).eps
    nrm = max(float(np.abs(a).max()) if a.size else 1.0, np.finfo(a.dtype).tiny)
    tol = 50 * eps * max(n, 1) * nrm * slack
    np.testing.assert_allclose(w, w_np, rtol=0, atol=tol)
    assert np.all(np.diff(w, axis=-1) >= 0)
    full = np.tril(a) + np.tril(a, -1).swapaxes(-1, -2) if uplo == "L" else \
        np.triu(a) + np.triu(a, 1).swapaxes(-1, -2)
    full = full.astype(np.float64)
    v64 = v.astype(np.float64)
    np.testing.assert_allclose(full @ v64, v64 * w[..., None, :], rtol=0, atol=tol)
    eye = np.broadcast_to(np.eye(n), v.shape)
    np.testing.assert_allclose(v64.swapaxes(-1, -2) @ v64, eye, rtol=0, atol=50 * eps * max(n, 1))


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("kind", ["random", "clustered", "repeated", "graded", "two_clusters",
                                  "identity"])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_eigh_dc_sizes(n, kind, dtype):
    a = _spectrum_matrix(n, kind, n).astype(dtype)
    # Graded spectra (1e-10..1e10): the divide and conquer (faer's algorithm, before this
    # kernel too) leaves residuals ~1e-11 * |A| at n=257 where LAPACK's reach ~1e-16.
    _check(a, la.eigh(ox.asarray(a)), slack=1e4 if kind == "graded" else 1.0)


@pytest.mark.parametrize("n", [33, 65, 257])
@pytest.mark.parametrize("uplo", ["L", "U"])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_eigh_dc_uplo_garbage(n, uplo, dtype):
    a = _spectrum_matrix(n, "random", 3).astype(dtype)
    g = np.random.default_rng(n).standard_normal((n, n)).astype(dtype) * 1e3
    mask = np.tril(np.ones((n, n), bool)) if uplo == "L" else np.triu(np.ones((n, n), bool))
    a = np.where(mask, a, g)
    _check(a, la.eigh(ox.asarray(a), UPLO=uplo), uplo)


@pytest.mark.parametrize("n", [64, 257, 500])
@pytest.mark.parametrize("kind", ["random", "repeated"])
def test_eigh_dc_threads(n, kind):
    a = _spectrum_matrix(n, kind, 9)
    with ox.num_threads(1):
        r1 = la.eigh(ox.asarray(a))
    r2 = la.eigh(ox.asarray(a))
    _check(a, r1)
    _check(a, r2)


def test_eigh_dc_batched():
    a = np.stack([_spectrum_matrix(70, k, 5) for k in ("random", "clustered", "repeated")])
    _check(a, la.eigh(ox.asarray(a)))


def test_eigh_dc_tridiagonal_and_split():
    # Already tridiagonal (Wilkinson's W+ : pairs of close eigenvalues) and a matrix that
    # splits into independent blocks (zero couplings at the divide points).
    n = 101
    a = np.diag(np.abs(np.arange(n) - n // 2).astype(float))
    a += np.diag(np.ones(n - 1), 1) + np.diag(np.ones(n - 1), -1)
    _check(a, la.eigh(ox.asarray(a)))
    b = np.zeros((96, 96))
    for s in range(0, 96, 24):
        b[s:s + 24, s:s + 24] = _spectrum_matrix(24, "random", s)
    _check(b, la.eigh(ox.asarray(b)))
