"""oxarray.linalg against numpy.linalg: values (tolerance scaled by the condition number and
the dtype's epsilon), dtypes, shapes, exception types; decompositions by reconstruction."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from threadpoolctl import threadpool_limits

import oxarray as ox
import oxarray.linalg as la
from conftest import raises_like, to_numpy

DTYPES = ["int32", "int64", "float32", "float64", "complex64", "complex128"]
FLOATS = ["float32", "float64", "complex64", "complex128"]

batch_shapes = st.lists(st.integers(0, 3), min_size=0, max_size=2).map(tuple)
sizes = st.integers(0, 8)
dtypes = st.sampled_from(DTYPES)


def _random(shape, dtype, seed, kind="general"):
    """A NumPy array of `dtype`: 'general', 'wellcond' (diagonally dominant), 'spd'
    (Hermitian positive definite) or 'herm' (Hermitian)."""
    rng = np.random.default_rng(seed)
    dt = np.dtype(dtype)
    if dt.kind in "iu":
        a = rng.integers(-5, 6, size=shape)
        if kind == "wellcond" and len(shape) >= 2 and shape[-1] == shape[-2]:
            a = a + 20 * np.eye(shape[-1], dtype=a.dtype)
        return a.astype(dt)
    a = rng.standard_normal(shape)
    if dt.kind == "c":
        a = a + 1j * rng.standard_normal(shape)
    if len(shape) >= 2 and shape[-1] == shape[-2]:
        n = shape[-1]
        if kind == "wellcond":
            a = a + 3 * n * np.eye(n)
        elif kind in ("spd", "herm"):
            a = a @ np.conj(np.swapaxes(a, -1, -2)) if kind == "spd" else a + np.conj(
                np.swapaxes(a, -1, -2))
            if kind == "spd":
                a = a + n * np.eye(n)
    return a.astype(dt)


def _eps(dtype):
    dt = np.dtype(dtype)
    return np.finfo(dt).eps if dt.kind in "fc" else np.finfo(np.float64).eps


def _result_eps(np_result):
    return np.finfo(np_result.dtype).eps if np_result.dtype.kind in "fc" else 2.2e-16


def close(ox_r, np_r, scale=1.0, factor=200.0):
    """Same shape and dtype, values within `factor * eps * scale` relative to the result's
    magnitude (eps of the result dtype)."""
    o = to_numpy(ox_r)
    n = np.asarray(np_r)
    o = np.asarray(o)
    assert o.shape == n.shape, (o.shape, n.shape)
    assert o.dtype == n.dtype, (o.dtype, n.dtype)
    if n.size == 0:
        return
    eps = _result_eps(n)
    mag = max(1.0, float(np.max(np.abs(n[np.isfinite(n)]))) if np.isfinite(n).any() else 1.0)
    np.testing.assert_allclose(o, n, rtol=factor * eps * scale, atol=factor * eps * scale * mag)


def _cond(a):
    a = np.asarray(a, dtype=np.complex128)
    if a.size == 0:
        return 1.0
    c = np.linalg.cond(a)
    return float(np.max(c)) if np.all(np.isfinite(c)) else 1e6


# --- solve, inv, det ---------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(batch_shapes, sizes, dtypes, st.integers(0, 2**31))
def test_inv_det_slogdet(batch, n, dtype, seed):
    a = _random(batch + (n, n), dtype, seed, "wellcond")
    x = ox.asarray(a)
    c = _cond(a)
    close(la.inv(x), np.linalg.inv(a), scale=c)
    d_np, d_ox = np.linalg.det(a), la.det(x)
    assert type(to_numpy(d_ox)) is type(d_np) or np.asarray(d_np).ndim > 0
    close(d_ox, d_np, scale=c * max(n, 1))
    s_np, s_ox = np.linalg.slogdet(a), la.slogdet(x)
    assert isinstance(s_ox, la.SlogdetResult)
    close(s_ox.sign, s_np.sign, scale=c)
    close(s_ox.logabsdet, s_np.logabsdet, scale=c * max(n, 1))
    # Inputs are never overwritten.
    np.testing.assert_array_equal(to_numpy(x), a)


@settings(max_examples=40, deadline=None)
@given(batch_shapes, sizes, st.integers(0, 3), dtypes, dtypes, st.booleans(),
       st.integers(0, 2**31))
def test_solve(batch, n, k, dta, dtb, vector, seed):
    a = _random(batch + (n, n), dta, seed, "wellcond")
    b = _random((n,) if vector else batch + (n, k), dtb, seed + 1)
    close(la.solve(ox.asarray(a), ox.asarray(b)), np.linalg.solve(a, b), scale=_cond(a) * 4)


def test_solve_broadcasts_stack_axes():
    a = _random((3, 1, 4, 4), "float64", 1, "wellcond")
    b = _random((5, 4, 2), "float64", 2)
    close(la.solve(ox.asarray(a), ox.asarray(b)), np.linalg.solve(a, b), scale=10)


def test_singular_and_shape_errors():
    s = np.array([[1.0, 2.0], [2.0, 4.0]])
    e = raises_like(lambda: np.linalg.inv(s), lambda: la.inv(ox.asarray(s)))
    assert isinstance(e, la.LinAlgError) and str(e) == "Singular matrix"
    e = raises_like(lambda: np.linalg.solve(s, np.ones(2)), lambda: la.solve(ox.asarray(s), ox.ones(2)))
    assert str(e) == "Singular matrix"
    # Singular: det is zero, slogdet (0, -inf), without raising.
    close(la.det(ox.asarray(s)), np.linalg.det(s))
    r = la.slogdet(ox.asarray(s))
    assert float(r.sign) == 0.0 and float(r.logabsdet) == -np.inf
    big = np.zeros((20, 20))
    raises_like(lambda: np.linalg.inv(big), lambda: la.inv(ox.asarray(big)))
    rect = np.ones((2, 3))
    for f in ["inv", "det", "slogdet", "cholesky", "eig", "eigvals", "eigh", "eigvalsh"]:
        e = raises_like(lambda: getattr(np.linalg, f)(rect), lambda: getattr(la, f)(ox.asarray(rect)))
        assert str(e) == "Last 2 dimensions of the array must be square"
    for f in ["inv", "det", "svd", "qr", "cholesky"]:
        e = raises_like(lambda: getattr(np.linalg, f)(np.ones(3)), lambda: getattr(la, f)(ox.ones(3)))
        assert str(e) == "1-dimensional array given. Array must be at least two-dimensional"
    raises_like(lambda: np.linalg.inv(np.ones((2, 2), np.float16)),
                lambda: la.inv(ox.ones((2, 2), dtype=ox.float16)))
    raises_like(lambda: np.linalg.solve(np.eye(3), np.ones(4)),
                lambda: la.solve(ox.eye(3), ox.ones(4)))
    assert issubclass(la.LinAlgError, ValueError)


def test_nan_inputs_as_numpy():
    a = np.array([[np.nan, 1.0], [1.0, 2.0]])
    # No raise; NaN wherever NumPy has NaN (OpenBLAS's pivot choice among NaNs leaves some
    # finite garbage in NumPy's result, which is not reproduced).
    got = to_numpy(la.inv(ox.asarray(a)))
    assert np.isnan(got)[np.isnan(np.linalg.inv(a))].all()
    for f in ["svd", "eig", "eigvals"]:
        raises_like(lambda: getattr(np.linalg, f)(a), lambda: getattr(la, f)(ox.asarray(a)))
    got = to_numpy(la.cholesky(ox.asarray(a)))
    np.testing.assert_array_equal(np.isnan(got), np.isnan(np.linalg.cholesky(a)))


def test_small_fast_path_matches_large_path():
    a = _random((200, 3, 3), "float64", 5, "wellcond")
    close(la.inv(ox.asarray(a)), np.linalg.inv(a), scale=10)
    a = _random((2, 30, 30), "complex128", 6, "wellcond")
    close(la.inv(ox.asarray(a)), np.linalg.inv(a), scale=_cond(a))
    close(la.det(ox.asarray(a)), np.linalg.det(a), scale=_cond(a) * 30)
    b = _random((2, 30, 4), "complex128", 7)
    close(la.solve(ox.asarray(a), ox.asarray(b)), np.linalg.solve(a, b), scale=_cond(a))


# --- cholesky, qr ---------------------------------------------------------------------------

@settings(max_examples=30, deadline=None)
@given(batch_shapes, sizes, st.sampled_from(FLOATS), st.booleans(), st.integers(0, 2**31))
def test_cholesky(batch, n, dtype, upper, seed):
    a = _random(batch + (n, n), dtype, seed, "spd")
    close(la.cholesky(ox.asarray(a), upper=upper), np.linalg.cholesky(a, upper=upper),
          scale=_cond(a))


def test_cholesky_not_positive_definite():
    for n in (2, 30):
        a = -np.eye(n)
        e = raises_like(lambda: np.linalg.cholesky(a), lambda: la.cholesky(ox.asarray(a)))
        assert isinstance(e, la.LinAlgError) and str(e) == "Matrix is not positive definite"


@settings(max_examples=40, deadline=None)
@given(batch_shapes, sizes, sizes, dtypes, st.sampled_from(["reduced", "complete", "r"]),
       st.integers(0, 2**31))
def test_qr(batch, m, n, dtype, mode, seed):
    a = _random(batch + (m, n), dtype, seed)
    res_np = np.linalg.qr(a, mode=mode)
    res_ox = la.qr(ox.asarray(a), mode=mode)
    eps_scale = 4 * max(m, n, 1)
    if mode == "r":
        # R is not unique when A is rank deficient (the rows past the rank), but
        # R^H R = A^H A always holds.
        r = to_numpy(res_ox)
        assert r.shape == res_np.shape and r.dtype == res_np.dtype
        np.testing.assert_array_equal(np.tril(r, -1), 0)
        af = a.astype(r.dtype)
        big = max(1.0, float(np.abs(af).max()) if a.size else 1.0)
        tol = 50 * _eps(r.dtype) * eps_scale * big * big
        np.testing.assert_allclose(np.conj(r).swapaxes(-1, -2) @ r,
                                   np.conj(af).swapaxes(-1, -2) @ af, atol=tol)
        return
    assert isinstance(res_ox, la.QRResult)
    q, r = to_numpy(res_ox.Q), to_numpy(res_ox.R)
    assert q.shape == res_np.Q.shape and q.dtype == res_np.Q.dtype
    assert r.shape == res_np.R.shape and r.dtype == res_np.R.dtype
    tol = 50 * _eps(r.dtype) * eps_scale * max(1.0, float(np.abs(a).max()) if a.size else 1.0)
    np.testing.assert_allclose(q @ r, a, atol=tol)
    np.testing.assert_allclose(np.conj(q).swapaxes(-1, -2) @ q, np.broadcast_to(
        np.eye(q.shape[-1]), q.shape[:-2] + (q.shape[-1],) * 2), atol=tol)
    np.testing.assert_array_equal(np.tril(r, -1), 0)


@pytest.mark.parametrize("shape", [(3, 2), (2, 3), (4, 4), (2, 5, 3)])
@pytest.mark.parametrize("dtype", ["float64", "complex128", "float32"])
def test_qr_raw_matches_lapack(shape, dtype):
    a = _random(shape, dtype, 3)
    h_np, tau_np = np.linalg.qr(a, mode="raw")
    h_ox, tau_ox = la.qr(ox.asarray(a), mode="raw")
    close(h_ox, h_np, scale=10)
    close(tau_ox, tau_np, scale=10)


def test_qr_bad_mode():
    raises_like(lambda: np.linalg.qr(np.eye(2), mode="bogus"), lambda: la.qr(ox.eye(2), mode="bogus"))


# --- eigen ------------------------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(batch_shapes, sizes, dtypes, st.sampled_from(["L", "U", "l"]), st.integers(0, 2**31))
def test_eigh(batch, n, dtype, uplo, seed):
    a = _random(batch + (n, n), dtype, seed, "herm")
    # Make the unread triangle garbage: only the named one may be used.
    g = _random(batch + (n, n), dtype, seed + 9)
    a = np.where(np.tril(np.ones((n, n), bool)) if uplo.upper() == "L" else
                 np.triu(np.ones((n, n), bool)), a, g)
    w_np, v_np = np.linalg.eigh(a, UPLO=uplo)
    res = la.eigh(ox.asarray(a), UPLO=uplo)
    assert isinstance(res, la.EighResult)
    scale = 4 * max(n, 1) * max(1.0, float(np.abs(a).max()) if a.size else 1.0)
    close(res.eigenvalues, w_np, scale=scale)
    close(la.eigvalsh(ox.asarray(a), UPLO=uplo), np.linalg.eigvalsh(a, UPLO=uplo), scale=scale)
    v, w = to_numpy(res.eigenvectors), to_numpy(res.eigenvalues)
    assert v.dtype == v_np.dtype and v.shape == v_np.shape
    full = np.linalg.eigh(a, UPLO=uplo)  # rebuild the Hermitian matrix NumPy saw
    herm = (full.eigenvectors * full.eigenvalues[..., None, :]) @ np.conj(
        full.eigenvectors).swapaxes(-1, -2)
    tol = 100 * _eps(v.dtype) * scale
    np.testing.assert_allclose(herm @ v, v * w[..., None, :], atol=tol)


@pytest.mark.parametrize("n", [31, 32, 33, 64, 65, 130])
@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128", "complex64"])
@pytest.mark.parametrize("batch", [(), (2,)])
def test_eigh_leaf_size_boundary(n, dtype, batch):
    """eigh around the size where faer's divide-and-conquer stops at QR leaves (32):
    eigenvalues close to NumPy's, eigenvectors orthonormal and reconstructing A."""
    a = _random(batch + (n, n), dtype, n, "herm")
    w_np = np.linalg.eigvalsh(a)
    res = la.eigh(ox.asarray(a))
    w, v = to_numpy(res.eigenvalues), to_numpy(res.eigenvectors)
    assert w.dtype == w_np.dtype and v.dtype == a.dtype
    scale = 4 * n * max(1.0, float(np.abs(a).max()))
    close(res.eigenvalues, w_np, scale=scale)
    close(la.eigvalsh(ox.asarray(a)), w_np, scale=scale)
    tol = 100 * _eps(v.dtype) * scale
    np.testing.assert_allclose((v * w[..., None, :]) @ np.conj(v).swapaxes(-1, -2), a, atol=tol)
    np.testing.assert_allclose(np.conj(v).swapaxes(-1, -2) @ v, np.broadcast_to(np.eye(n), v.shape),
                               atol=100 * _eps(v.dtype) * n)


@settings(max_examples=40, deadline=None)
@given(batch_shapes, sizes, dtypes, st.integers(0, 2**31))
def test_eig(batch, n, dtype, seed):
    a = _random(batch + (n, n), dtype, seed)
    w_np, v_np = np.linalg.eig(a)
    res = la.eig(ox.asarray(a))
    assert isinstance(res, la.EigResult)
    w, v = to_numpy(res.eigenvalues), to_numpy(res.eigenvectors)
    assert w.dtype == w_np.dtype and w.shape == w_np.shape
    assert v.dtype == v_np.dtype and v.shape == v_np.shape
    wv = to_numpy(la.eigvals(ox.asarray(a)))
    assert wv.dtype == np.linalg.eigvals(a).dtype
    scale = 1e3 * max(n, 1) * max(1.0, float(np.abs(a).max()) if a.size else 1.0)
    tol = _eps(w.dtype) * scale
    np.testing.assert_allclose(a @ v, v * w[..., None, :], atol=tol)
    if n:
        np.testing.assert_allclose(np.linalg.norm(v, axis=-2), 1.0, atol=tol)
    # Same eigenvalues as NumPy, as multisets.
    key = lambda z: np.sort_complex(np.round(z, 3))  # noqa: E731
    np.testing.assert_allclose(key(wv), key(w_np), atol=1e-2)


def test_eig_real_results_for_real_spectrum():
    a = np.array([[2.0, 1.0], [1.0, 3.0]])
    w, v = la.eig(ox.asarray(a))
    assert w.dtype == ox.float64 and v.dtype == ox.float64
    w = la.eigvals(ox.asarray(np.array([[0.0, -1.0], [1.0, 0.0]], np.float32)))
    assert w.dtype == ox.complex64


# --- svd and friends --------------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(batch_shapes, sizes, sizes, dtypes, st.booleans(), st.integers(0, 2**31))
def test_svd(batch, m, n, dtype, full, seed):
    a = _random(batch + (m, n), dtype, seed)
    u_np, s_np, vh_np = np.linalg.svd(a, full_matrices=full)
    res = la.svd(ox.asarray(a), full_matrices=full)
    assert isinstance(res, la.SVDResult)
    u, s, vh = (to_numpy(x) for x in res)
    for o, ref in ((u, u_np), (s, s_np), (vh, vh_np)):
        assert o.shape == ref.shape and o.dtype == ref.dtype
    scale = 4 * max(m, n, 1) * max(1.0, float(np.abs(a).max()) if a.size else 1.0)
    close(res.S, s_np, scale=scale)
    close(la.svdvals(ox.asarray(a)), s_np, scale=scale)
    close(la.svd(ox.asarray(a), compute_uv=False), np.linalg.svd(a, compute_uv=False), scale=scale)
    k = min(m, n)
    tol = 100 * _eps(s.dtype) * scale
    np.testing.assert_allclose((u[..., :, :k] * s[..., None, :]) @ vh[..., :k, :], a, atol=tol)
    np.testing.assert_allclose(np.conj(u).swapaxes(-1, -2) @ u,
                               np.broadcast_to(np.eye(u.shape[-1]), u.shape[:-2] + (u.shape[-1],) * 2),
                               atol=tol)


def test_svd_hermitian_and_empty():
    a = _random((4, 4), "float64", 1, "herm")
    close(la.svd(ox.asarray(a), hermitian=True, compute_uv=False),
          np.linalg.svd(a, hermitian=True, compute_uv=False), scale=10)
    for shape in [(3, 0), (0, 3)]:
        z = np.zeros(shape)
        for o, n in zip(la.svd(ox.asarray(z)), np.linalg.svd(z)):
            close(o, n)


@settings(max_examples=30, deadline=None)
@given(batch_shapes, sizes, sizes, dtypes, st.integers(0, 2**31))
def test_pinv_matrix_rank(batch, m, n, dtype, seed):
    a = _random(batch + (m, n), dtype, seed)
    scale = 10 * _cond(a) * max(m, n, 1)
    close(la.pinv(ox.asarray(a)), np.linalg.pinv(a), scale=scale)
    if m and n:
        if a.dtype.kind in "fc":
            close(la.pinv(ox.asarray(a), rtol=None), np.linalg.pinv(a, rtol=None), scale=scale)
        else:
            raises_like(lambda: np.linalg.pinv(a, rtol=None), lambda: la.pinv(ox.asarray(a), rtol=None))
        # A rank-deficient matrix: two equal columns.
        b = np.concatenate([a, a[..., :1]], axis=-1)
        r_np = np.linalg.matrix_rank(b)
        r_ox = la.matrix_rank(ox.asarray(b))
        np.testing.assert_array_equal(to_numpy(r_ox), r_np)
        np.testing.assert_array_equal(to_numpy(la.matrix_rank(ox.asarray(b), tol=0.5)),
                                      np.linalg.matrix_rank(b, tol=0.5))


def test_matrix_rank_vectors():
    assert la.matrix_rank(ox.zeros(3)) == np.linalg.matrix_rank(np.zeros(3))
    assert la.matrix_rank(ox.ones(3)) == np.linalg.matrix_rank(np.ones(3))


@pytest.mark.parametrize("m,n,k", [(6, 3, 0), (6, 3, 2), (3, 6, 2), (5, 5, 1), (0, 3, 2), (4, 4, 0)])
@pytest.mark.parametrize("dtype", ["float64", "complex128", "float32", "int64"])
def test_lstsq(m, n, k, dtype):
    a = _random((m, n), dtype, 11)
    b = _random((m,) if k == 0 else (m, k), dtype, 12)
    x_np, r_np, rank_np, s_np = np.linalg.lstsq(a, b)
    x, r, rank, s = la.lstsq(ox.asarray(a), ox.asarray(b))
    scale = 10 * _cond(a) * max(m, n, 1)
    close(x, x_np, scale=scale)
    close(r, r_np, scale=scale * max(1.0, float(np.abs(b).max()) ** 2 if b.size else 1.0))
    assert int(rank) == int(rank_np)
    close(s, s_np, scale=scale)


def test_lstsq_rank_deficient_and_errors():
    a = np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]])
    b = np.array([1.0, 2.0, 4.0])
    x_np, r_np, rank_np, s_np = np.linalg.lstsq(a, b, rcond=None)
    x, r, rank, s = la.lstsq(ox.asarray(a), ox.asarray(b), rcond=None)
    close(x, x_np, scale=1e3)
    close(r, r_np)
    assert int(rank) == rank_np == 1
    raises_like(lambda: np.linalg.lstsq(a, np.ones(4)), lambda: la.lstsq(ox.asarray(a), ox.ones(4)))


# --- norms and cond ---------------------------------------------------------------------------

VEC_ORDS = [None, 0, 1, 2, 3, 0.5, -1, -2, np.inf, -np.inf]
MAT_ORDS = [None, "fro", "nuc", 1, -1, 2, -2, np.inf, -np.inf]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=1, max_size=3).map(tuple), dtypes,
       st.sampled_from(VEC_ORDS), st.booleans(), st.integers(0, 2**31))
def test_vector_norms(shape, dtype, ord, keepdims, seed):
    a = _random(shape, dtype, seed)
    x = ox.asarray(a)
    axis = len(shape) - 1
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        _check_vector_norms(a, x, shape, ord, keepdims, axis)


def _check_vector_norms(a, x, shape, ord, keepdims, axis):
    close(la.norm(x, ord=ord, axis=axis, keepdims=keepdims),
          np.linalg.norm(a, ord=ord, axis=axis, keepdims=keepdims), scale=10 * a.size)
    o = 2 if ord is None else ord
    close(la.vector_norm(x, ord=o, keepdims=keepdims),
          np.linalg.vector_norm(a, ord=o, keepdims=keepdims), scale=10 * a.size)
    close(la.vector_norm(x, ord=o, axis=axis), np.linalg.vector_norm(a, ord=o, axis=axis),
          scale=10 * a.size)
    if len(shape) >= 2:
        close(la.vector_norm(x, ord=o, axis=(0, 1)), np.linalg.vector_norm(a, ord=o, axis=(0, 1)),
              scale=10 * a.size)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=2, max_size=3).map(tuple), dtypes,
       st.sampled_from(MAT_ORDS), st.booleans(), st.integers(0, 2**31))
def test_matrix_norms_and_cond(shape, dtype, ord, keepdims, seed):
    a = _random(shape, dtype, seed)
    x = ox.asarray(a)
    close(la.norm(x, ord=ord, axis=(-2, -1), keepdims=keepdims),
          np.linalg.norm(a, ord=ord, axis=(-2, -1), keepdims=keepdims), scale=10 * a.size)
    close(la.norm(x, ord=ord, axis=(-1, -2)), np.linalg.norm(a, ord=ord, axis=(-1, -2)),
          scale=10 * a.size)
    o = "fro" if ord is None else ord
    close(la.matrix_norm(x, ord=o, keepdims=keepdims),
          np.linalg.matrix_norm(a, ord=o, keepdims=keepdims), scale=10 * a.size)
    if len(shape) == 2:
        close(la.norm(x, ord=ord), np.linalg.norm(a, ord=ord), scale=10 * a.size)
    sq = _random(shape[:-1] + (shape[-2],), dtype, seed, "wellcond")
    close(la.cond(ox.asarray(sq), ord), np.linalg.cond(sq, ord), scale=100 * _cond(sq))


def test_norm_defaults_and_errors():
    a = _random((3, 4), "float64", 3)
    close(la.norm(ox.asarray(a)), np.linalg.norm(a), scale=10)
    close(la.norm(ox.asarray(a), keepdims=True), np.linalg.norm(a, keepdims=True), scale=10)
    close(la.norm(ox.asarray([3, 4])), np.linalg.norm([3, 4]))
    raises_like(lambda: np.linalg.norm(a, ord="bogus", axis=(0, 1)),
                lambda: la.norm(ox.asarray(a), ord="bogus", axis=(0, 1)))
    raises_like(lambda: np.linalg.norm(a, ord="fro", axis=1),
                lambda: la.norm(ox.asarray(a), ord="fro", axis=1))
    raises_like(lambda: np.linalg.norm(a, axis=(0, 0)), lambda: la.norm(ox.asarray(a), axis=(0, 0)))
    raises_like(lambda: np.linalg.norm(a, axis=5), lambda: la.norm(ox.asarray(a), axis=5))


def test_cond_singular_is_inf():
    s = np.array([[1.0, 2.0], [2.0, 4.0]])
    for p in [1, np.inf, "fro"]:
        assert float(la.cond(ox.asarray(s), p)) == np.linalg.cond(s, p) == np.inf


# --- tensors, chains, powers ----------------------------------------------------------------

def test_tensorsolve_tensorinv():
    a = _random((6, 4), "float64", 1)
    a = np.eye(24).reshape(6, 4, 2, 3, 4) + 0.1 * _random((6, 4, 2, 3, 4), "float64", 2)
    b = _random((6, 4), "float64", 3)
    close(la.tensorsolve(ox.asarray(a), ox.asarray(b)), np.linalg.tensorsolve(a, b), scale=1e3)
    a2 = np.eye(24).reshape(2, 3, 4, 6, 4) + 0.1 * _random((2, 3, 4, 6, 4), "float64", 4)
    close(la.tensorsolve(ox.asarray(a2), ox.asarray(b), axes=(0, 1, 2)),
          np.linalg.tensorsolve(a2, b, axes=(0, 1, 2)), scale=1e3)
    t = np.eye(24).reshape(4, 6, 8, 3) + 0.1 * _random((4, 6, 8, 3), "float64", 5)
    close(la.tensorinv(ox.asarray(t), ind=2), np.linalg.tensorinv(t, ind=2), scale=1e3)
    raises_like(lambda: np.linalg.tensorinv(t, ind=0), lambda: la.tensorinv(ox.asarray(t), ind=0))
    raises_like(lambda: np.linalg.tensorsolve(a[:5], b), lambda: la.tensorsolve(ox.asarray(a[:5]), ox.asarray(b)))


@pytest.mark.parametrize("shapes", [
    [(3, 4), (4, 5)], [(10, 2), (2, 30), (30, 3)], [(4,), (4, 6), (6, 2), (2,)],
    [(4,), (4, 6), (6, 7), (7, 3)], [(5, 4), (4, 6), (6,)], [(2, 9), (9, 1), (1, 8), (8, 3), (3, 2)]])
def test_multi_dot(shapes):
    arrs = [_random(s, "float64", i) for i, s in enumerate(shapes)]
    close(la.multi_dot([ox.asarray(a) for a in arrs]), np.linalg.multi_dot(arrs), scale=100)


def test_multi_dot_order_and_errors():
    # The optimal order of NumPy's docstring example: (A (B C)) is cheaper here.
    from oxarray.linalg import _chain_order

    s = _chain_order([10, 100, 5, 50])
    assert s[0][2] == 1  # ((A B) C)
    s = _chain_order([50, 5, 100, 10])
    assert s[0][2] == 0  # (A (B C))
    raises_like(lambda: np.linalg.multi_dot([np.eye(2)]), lambda: la.multi_dot([ox.eye(2)]))
    out = ox.zeros((3, 2))
    r = la.multi_dot([ox.ones((3, 4)), ox.ones((4, 5)), ox.ones((5, 2))], out=out)
    assert r is out
    close(out, np.full((3, 2), 20.0))


@pytest.mark.parametrize("n", [0, 1, 2, 3, 5, 8, -1, -3])
@pytest.mark.parametrize("dtype", ["int64", "float64", "complex128", "float32"])
def test_matrix_power(n, dtype):
    a = _random((2, 3, 3), dtype, 1, "wellcond")
    close(la.matrix_power(ox.asarray(a), n), np.linalg.matrix_power(a, n), scale=1e3)


def test_matrix_power_errors():
    raises_like(lambda: np.linalg.matrix_power(np.eye(2), 1.5), lambda: la.matrix_power(ox.eye(2), 1.5))
    raises_like(lambda: np.linalg.matrix_power(np.ones((2, 3)), 2),
                lambda: la.matrix_power(ox.ones((2, 3)), 2))


# --- dispatch and namespace ------------------------------------------------------------------

def test_numpy_linalg_dispatches_to_oxarray():
    a = _random((3, 3), "float64", 1, "wellcond")
    x = ox.asarray(a)
    r = np.linalg.inv(x)
    assert isinstance(r, ox.ndarray)
    close(r, np.linalg.inv(a), scale=10)
    assert isinstance(np.linalg.svd(x).S, ox.ndarray)
    assert isinstance(np.polyval([1.0, 2.0], x), ox.ndarray)


def test_namespace():
    for name in ["solve", "inv", "pinv", "det", "slogdet", "eig", "eigvals", "eigh", "eigvalsh",
                 "svd", "svdvals", "qr", "cholesky", "lstsq", "matrix_rank", "norm",
                 "vector_norm", "matrix_norm", "cond", "tensorsolve", "tensorinv", "multi_dot",
                 "matrix_power", "matmul", "LinAlgError"]:
        assert hasattr(la, name), name
    close(la.matmul(ox.ones((2, 3)), ox.ones((3, 2))), np.full((2, 2), 3.0))


# The Array API re-exports in oxarray.linalg (NumPy's narrower signatures).
@pytest.mark.parametrize("name,args,kw", [
    ("outer", ([1.0, 2.0], [3.0, 4.0, 5.0]), {}),
    ("diagonal", (np.arange(24.0).reshape(2, 3, 4),), {"offset": 1}),
    ("trace", (np.arange(24).reshape(2, 3, 4),), {"offset": -1}),
    ("cross", (np.arange(6.0).reshape(2, 3), np.ones((2, 3))), {}),
    ("cross", (np.arange(6.0).reshape(3, 2), np.ones((3, 2))), {"axis": 0}),
    ("tensordot", (np.arange(24.0).reshape(2, 3, 4), np.arange(12.0).reshape(3, 4)), {}),
    ("matrix_transpose", (np.arange(24.0).reshape(2, 3, 4),), {}),
    ("vecdot", (np.arange(6.0).reshape(2, 3), np.ones((2, 3))), {}),
    ("vecdot", (np.arange(6.0).reshape(3, 2), np.ones((3, 2))), {"axis": 0}),
    ("vecdot", (np.arange(6.0).reshape(3, 2) + 1j, np.ones((3, 1))), {"axis": -2}),
])
def test_array_api_reexports(name, args, kw):
    expected = getattr(np.linalg, name)(*args, **kw)
    got = getattr(ox.linalg, name)(*[ox.asarray(np.asarray(a)) for a in args], **kw)
    np.testing.assert_allclose(np.asarray(got), expected)
    assert np.asarray(got).dtype == expected.dtype
    assert np.shape(got) == np.shape(expected)


@pytest.mark.parametrize("name,args", [
    ("outer", (np.ones((2, 2)), np.ones(2))),
    ("cross", (np.ones((2, 2)), np.ones((2, 2)))),
])
def test_array_api_reexports_errors(name, args):
    with pytest.raises(ValueError):
        getattr(np.linalg, name)(*args)
    with pytest.raises(ValueError):
        getattr(ox.linalg, name)(*[ox.asarray(a) for a in args])


# --- the threaded paths of large matrices ----------------------------------------------------

@pytest.mark.parametrize("dtype", ["float64", "complex64"])
@pytest.mark.parametrize("layout", ["C", "F", "reversed"])
def test_large_lu_paths(dtype, layout):
    """The blocked, look-ahead LU (several threads, n from 400 on) and faer's sequential LU
    give NumPy's solve/inv/det/slogdet; rows ordered so that partial pivoting moves many
    rows across panels."""
    n = 400
    rng = np.random.default_rng(11)
    a = _random((n, n), dtype, 12)
    a = a * (1.0 + np.arange(n)[::-1, None] % 7)  # row scales: pivots come from far down
    a = a[rng.permutation(n)]
    if layout == "F":
        a = np.asfortranarray(a)
    elif layout == "reversed":
        a = a[::-1, ::-1]
    b = _random((n, 3), dtype, 13)
    x = ox.asarray(a)
    with threadpool_limits(1):
        cond = _cond(a)
        want = [np.linalg.solve(a, b), np.linalg.solve(a, b[:, 0]), np.linalg.inv(a)]
        ns, nld = np.linalg.slogdet(a)
    for threads in (1, 2):
        with ox.num_threads(threads):
            got = [la.solve(x, ox.asarray(b)), la.solve(x, ox.asarray(b[:, 0])), la.inv(x)]
            s, ld = la.slogdet(x)
        for g, w in zip(got, want):
            close(g, w, scale=cond)
        close(s, ns, scale=cond * n)
        close(ld, nld, scale=cond * n)


def test_large_lu_singular_and_input_untouched():
    n = 400
    a = _random((n, n), "float64", 14)
    a[:, 300] = 0.0  # exactly singular: a zero pivot in U
    x = ox.asarray(a)
    before = a.copy()
    with ox.num_threads(2):
        with pytest.raises(la.LinAlgError, match="Singular matrix"):
            la.inv(x)
        with pytest.raises(la.LinAlgError, match="Singular matrix"):
            la.solve(x, ox.ones(n))
        with threadpool_limits(1):
            assert float(la.det(x)) == float(np.linalg.det(a)) == 0.0
            s, ld = la.slogdet(x)
            assert (float(s), float(ld)) == tuple(map(float, np.linalg.slogdet(a)))
    np.testing.assert_array_equal(to_numpy(x), before)


@pytest.mark.parametrize("dtype", ["float64", "complex128"])
@pytest.mark.parametrize("upper", [False, True])
def test_large_cholesky(dtype, upper):
    n = 400
    a = _random((n, n), dtype, 15, "spd")
    x = ox.asarray(a)
    bad = a.copy()
    bad[300, 300] = -1e9
    with threadpool_limits(1):
        want, cond = np.linalg.cholesky(a, upper=upper), _cond(a)
    for threads in (1, 2):
        with ox.num_threads(threads):
            close(la.cholesky(x, upper=upper), want, scale=cond)
            with pytest.raises(la.LinAlgError, match="not positive definite"):
                la.cholesky(ox.asarray(bad), upper=upper)
