"""eigvalsh/eigh against numpy.linalg on the paths of the self-adjoint solvers: eigvalsh runs
faer's tridiagonal reduction then the root-free QL/QR iteration (LAPACK's sterf), eigh
faer's divide and conquer. Sizes around the block and leaf sizes, batches, every float
type, both triangles, clustered/graded/split spectra and non-finite input."""

import numpy as np
import pytest

import oxarray as ox
import oxarray.linalg as la
from conftest import to_numpy

FLOATS = ["float32", "float64", "complex64", "complex128"]


def _herm(shape, dtype, seed):
    rng = np.random.default_rng(seed)
    a = rng.standard_normal(shape)
    if np.dtype(dtype).kind == "c":
        a = a + 1j * rng.standard_normal(shape)
    return (a + np.conj(np.swapaxes(a, -1, -2))).astype(dtype)


def _check_vals(w, w_np, a):
    w = to_numpy(w)
    assert w.dtype == w_np.dtype and w.shape == w_np.shape
    n = a.shape[-1]
    eps = np.finfo(w_np.dtype).eps
    scale = max(1.0, float(np.abs(a).max()) if a.size else 1.0) * max(n, 1)
    np.testing.assert_allclose(w, w_np, rtol=0, atol=200 * eps * scale)
    # ascending, as LAPACK's
    assert np.all(np.diff(w, axis=-1) >= 0)


@pytest.mark.parametrize("n", [0, 1, 2, 3, 5, 16, 31, 32, 33, 63, 64, 65, 97, 100, 130])
@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("uplo", ["L", "U"])
def test_eigvalsh_sizes(n, dtype, uplo):
    a = _herm((n, n), dtype, n + 7)
    # garbage in the unread triangle
    g = np.random.default_rng(n).standard_normal((n, n)).astype(dtype) * 1e3
    mask = np.tril(np.ones((n, n), bool)) if uplo == "L" else np.triu(np.ones((n, n), bool))
    a = np.where(mask, a, g)
    _check_vals(la.eigvalsh(ox.asarray(a), UPLO=uplo), np.linalg.eigvalsh(a, UPLO=uplo), a)


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("batch", [(3,), (2, 2)])
def test_eigvalsh_batched(dtype, batch):
    a = _herm(batch + (40, 40), dtype, 1)
    _check_vals(la.eigvalsh(ox.asarray(a)), np.linalg.eigvalsh(a), a)
    # a strided (non-contiguous) view
    b = _herm(batch + (80, 80), dtype, 2)[..., ::2, ::2]
    _check_vals(la.eigvalsh(ox.asarray(b)), np.linalg.eigvalsh(b), b)


@pytest.mark.parametrize("kind", ["identity", "zero", "diag", "clustered", "graded", "split",
                                  "huge", "tiny", "wilkinson", "rank1"])
@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128"])
def test_eigvalsh_special_spectra(kind, dtype):
    n = 60
    rng = np.random.default_rng(3)
    if kind == "identity":
        a = np.eye(n)
    elif kind == "zero":
        a = np.zeros((n, n))
    elif kind == "diag":
        a = np.diag(rng.standard_normal(n))
    elif kind == "clustered":
        q, _ = np.linalg.qr(rng.standard_normal((n, n)))
        a = (q * (1 + 1e-10 * rng.standard_normal(n))) @ q.T
    elif kind == "graded":
        q, _ = np.linalg.qr(rng.standard_normal((n, n)))
        a = (q * np.logspace(-12, 12, n)) @ q.T
    elif kind == "split":
        a = np.zeros((n, n))
        a[:30, :30] = _herm((30, 30), "float64", 4)
        a[30:, 30:] = _herm((30, 30), "float64", 5) * 1e-3
    elif kind == "huge":
        a = _herm((n, n), "float64", 6) * 1e300
    elif kind == "tiny":
        a = _herm((n, n), "float64", 7) * 1e-300
    elif kind == "wilkinson":
        a = np.diag(np.abs(np.arange(n) - n // 2).astype(float))
        a += np.diag(np.ones(n - 1), 1) + np.diag(np.ones(n - 1), -1)
    else:
        v = rng.standard_normal(n)
        a = np.outer(v, v)
    if dtype == "float32" and kind in ("huge", "tiny"):
        a = a * (1e-270 if kind == "huge" else 1e270)
    a = a.astype(dtype)
    w_np = np.linalg.eigvalsh(a)
    w = to_numpy(la.eigvalsh(ox.asarray(a)))
    assert w.dtype == w_np.dtype
    eps = np.finfo(w_np.dtype).eps
    mag = float(np.abs(w_np).max()) if np.abs(w_np).max() > 0 else 1.0
    np.testing.assert_allclose(w, w_np, rtol=0, atol=200 * eps * n * mag)
    assert np.all(np.diff(w) >= 0)


@pytest.mark.parametrize("dtype", FLOATS)
def test_eigvalsh_matches_eigh_values(dtype):
    a = _herm((70, 70), dtype, 11)
    w1 = to_numpy(la.eigvalsh(ox.asarray(a)))
    w2 = to_numpy(la.eigh(ox.asarray(a)).eigenvalues)
    eps = np.finfo(w1.dtype).eps
    np.testing.assert_allclose(w1, w2, rtol=0, atol=200 * eps * 70 * float(np.abs(a).max()))


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("pos", [(2, 1), (1, 2), (2, 2)])
@pytest.mark.parametrize("fn", ["eigvalsh", "eigh"])
def test_non_finite(bad, pos, fn):
    """Non-finite values in the unread triangle are ignored, as NumPy's. In the read
    triangle NumPy's result depends on where LAPACK meets them (LinAlgError or all-NaN
    values); oxarray gives all-NaN values there, never raising and never finite values."""
    a = _herm((6, 6), "float64", 0)
    a[pos] = bad
    ox_r = getattr(la, fn)(ox.asarray(a))
    w = to_numpy(ox_r if fn == "eigvalsh" else ox_r.eigenvalues)
    assert w.shape == (6,) and w.dtype == np.float64
    if pos == (1, 2):
        _check_vals(w, np.linalg.eigvalsh(a), np.where(np.isfinite(a), a, 0))
    else:
        assert np.isnan(w).all()


@pytest.mark.parametrize("n", [33, 100])
def test_eigvalsh_threads(n):
    a = _herm((n, n), "float64", 5)
    with ox.num_threads(1):
        w1 = to_numpy(la.eigvalsh(ox.asarray(a)))
    w2 = to_numpy(la.eigvalsh(ox.asarray(a)))
    _check_vals(w1, np.linalg.eigvalsh(a), a)
    _check_vals(w2, np.linalg.eigvalsh(a), a)


@pytest.mark.parametrize("shape", [((100_000, 10), (10, 10)), ((70_000, 63), (63, 20)),
                                   ((10, 70_000), (70_000, 10))])
def test_thin_matmul_threads(shape):
    """Products with two dimensions below 64 (multivariate_normal's x @ factor.T) run on one
    thread: same values as NumPy's at one and at all threads."""
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal(shape[0]), rng.standard_normal(shape[1])
    want = a @ b
    tol = 50 * np.finfo(np.float64).eps * shape[0][1]
    for threads in (1, ox.get_num_threads()):
        with ox.num_threads(threads):
            got = to_numpy(ox.asarray(a) @ ox.asarray(b))
        np.testing.assert_allclose(got, want, rtol=0, atol=tol * np.abs(want).max())
