"""multivariate_normal of oxarray.random.Generator, RandomState and the module-level function
against NumPy: the same standard normals are consumed (the generator state afterwards and the
next draws are bit-identical), the samples agree up to the rounding of the decompositions and
the sign freedom of singular/eigen vectors, and the errors/warnings match NumPy's."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
import oxarray.random as oxr
from conftest import raises_like

KINDS = ["PCG64", "MT19937", "Philox", "SFC64"]


def gens(kind="PCG64", seed=12345):
    return (
        oxr.Generator(getattr(oxr, kind)(seed)),
        np.random.Generator(getattr(np.random, kind)(seed)),
    )


def legacy(seed=12345):
    return oxr.RandomState(seed), np.random.RandomState(seed)


def spd(seed, n):
    """A well-conditioned symmetric positive definite matrix (as nested lists)."""
    r = np.random.default_rng(seed)
    a = r.standard_normal((n, n))
    return (a @ a.T + n * np.eye(n)).tolist()


def same_next_draws(og, ng):
    """The generator states agree: the next draws are bit for bit NumPy's."""
    o, n = og.standard_normal(7), ng.standard_normal(7)
    assert np.array_equal(np.asarray(o), n)
    o, n = og.random(5), ng.random(5)
    assert np.array_equal(np.asarray(o), n)


def legacy_same_state(o, n):
    so, sn = o.get_state(), n.get_state()
    assert so[0] == sn[0]
    assert np.array_equal(np.asarray(so[1]), sn[1])
    assert so[2:] == sn[2:]
    assert np.array_equal(np.asarray(o.standard_normal(3)), n.standard_normal(3))


def check_shape(o, n):
    assert isinstance(o, ox.ndarray)
    assert o.shape == n.shape and o.dtype.str == n.dtype.str == "<f8"


def factor_of(samples, mean, z):
    """Recover F with samples = mean + z @ F.T (z: the standard normals both libraries used)."""
    d = len(mean)
    z2 = np.asarray(z).reshape(-1, d)
    y = np.asarray(samples).reshape(-1, d) - np.asarray(mean, dtype=float)
    f, *_ = np.linalg.lstsq(z2, y, rcond=None)
    return f.T


def assert_same_factor_up_to_signs(fo, fn, cov):
    """Columns of oxarray's factor equal NumPy's up to sign; F @ F.T reproduces cov."""
    scale = max(1.0, float(np.max(np.abs(fn))))
    for k in range(fn.shape[1]):
        col_o, col_n = fo[:, k], fn[:, k]
        s = 1.0 if np.dot(col_o, col_n) >= 0 else -1.0
        np.testing.assert_allclose(s * col_o, col_n, rtol=1e-7, atol=1e-9 * scale)
    np.testing.assert_allclose(fo @ fo.T, np.asarray(cov, dtype=float), rtol=1e-8, atol=1e-9 * scale)


SIZES = [None, 1, 7, (3, 4), [2, 5], np.int64(6), (2, 0, 3), ()]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("size", SIZES)
def test_cholesky_matches_numpy(kind, size):
    cov = spd(3, 3)
    mean = [1.0, -2.0, 0.5]
    og, ng = gens(kind)
    o = og.multivariate_normal(mean, cov, size, method="cholesky")
    n = ng.multivariate_normal(mean, cov, size, method="cholesky")
    check_shape(o, n)
    np.testing.assert_allclose(np.asarray(o), n, rtol=1e-12, atol=1e-12)
    same_next_draws(og, ng)


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    d=st.integers(1, 6),
    size=st.one_of(st.none(), st.integers(0, 20), st.lists(st.integers(0, 4), max_size=3)),
)
def test_cholesky_hypothesis(seed, d, size):
    cov = spd(seed, d)
    mean = np.random.default_rng(seed + 1).standard_normal(d).tolist()
    og, ng = gens("PCG64", seed)
    o = og.multivariate_normal(mean, cov, size=size, method="cholesky")
    n = ng.multivariate_normal(mean, cov, size=size, method="cholesky")
    check_shape(o, n)
    np.testing.assert_allclose(np.asarray(o), n, rtol=1e-11, atol=1e-11)
    same_next_draws(og, ng)


@pytest.mark.parametrize("method", ["svd", "eigh"])
@pytest.mark.parametrize("size", [None, 4, (2, 3), (2, 0)])
def test_diagonal_cov_abs_deviation(method, size):
    # Distinct variances: singular/eigen vectors are unit vectors up to sign, so |x - mean|
    # is fixed.
    mean = [10.0, -3.0, 0.0, 2.5]
    cov = np.diag([4.0, 0.25, 9.0, 1.0])
    og, ng = gens("PCG64", 7)
    o = og.multivariate_normal(mean, cov.tolist(), size, method=method)
    n = ng.multivariate_normal(mean, cov, size, method=method)
    check_shape(o, n)
    np.testing.assert_allclose(
        np.abs(np.asarray(o) - mean), np.abs(n - np.asarray(mean)), rtol=1e-12, atol=1e-12
    )
    same_next_draws(og, ng)


@pytest.mark.parametrize("method", ["svd", "eigh", "cholesky"])
@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), d=st.integers(1, 5))
def test_general_cov_factor_matches_up_to_signs(method, seed, d):
    cov = spd(seed, d)
    mean = list(range(d))
    size = (3, 2 * d + 3)
    og, ng = gens("MT19937", seed)
    o = og.multivariate_normal(mean, cov, size, method=method)
    n = ng.multivariate_normal(mean, cov, size, method=method)
    check_shape(o, n)
    z = np.random.Generator(np.random.MT19937(seed)).standard_normal(list(size) + [d])
    assert_same_factor_up_to_signs(factor_of(o, mean, z), factor_of(n, mean, z), cov)
    same_next_draws(og, ng)


@pytest.mark.parametrize("method", ["svd", "eigh"])
def test_psd_singular_cov(method):
    # rank-deficient but PSD: no warning; samples live in the range of cov
    v = np.array([[1.0, 2.0, -1.0]])
    cov = (v.T @ v).tolist()
    og, ng = gens("PCG64", 11)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        o = og.multivariate_normal([0, 0, 0], cov, 50, method=method)
        n = ng.multivariate_normal([0, 0, 0], cov, 50, method=method)
    check_shape(o, n)
    o = np.asarray(o)
    # every sample is a multiple of v; same magnitudes as NumPy's
    np.testing.assert_allclose(np.abs(o), np.abs(n), rtol=1e-7, atol=1e-7)
    np.testing.assert_allclose(o[:, 1], 2 * o[:, 0], rtol=1e-7, atol=1e-7)
    same_next_draws(og, ng)


def test_integer_inputs_and_default_method():
    og, ng = gens("SFC64", 5)
    o = og.multivariate_normal((1, 2), [[1, 0], [0, 3]], (3, 3))
    n = ng.multivariate_normal((1, 2), [[1, 0], [0, 3]], (3, 3))
    check_shape(o, n)
    np.testing.assert_allclose(np.abs(np.asarray(o) - [1, 2]), np.abs(n - [1, 2]), rtol=1e-12)
    same_next_draws(og, ng)


def test_oxarray_inputs():
    cov = np.asarray(spd(1, 3))
    og, ng = gens()
    o = og.multivariate_normal(ox.asarray([1.0, 2.0, 3.0]), ox.asarray(cov), 4, method="cholesky")
    n = ng.multivariate_normal([1.0, 2.0, 3.0], cov, 4, method="cholesky")
    check_shape(o, n)
    np.testing.assert_allclose(np.asarray(o), n, rtol=1e-12)


# --- check_valid, tol, warnings and errors ---------------------------------------------------

NOT_PSD = [[1.0, 2.0], [2.0, 1.0]]


@pytest.mark.parametrize("method", ["svd", "eigh"])
def test_not_psd_warns(method):
    og, ng = gens()
    with pytest.warns(RuntimeWarning, match="covariance is not symmetric positive-semidefinite."):
        n = ng.multivariate_normal([0, 0], NOT_PSD, 5, method=method)
    with pytest.warns(RuntimeWarning, match="covariance is not symmetric positive-semidefinite."):
        o = og.multivariate_normal([0, 0], NOT_PSD, 5, method=method)
    check_shape(o, n)
    same_next_draws(og, ng)


@pytest.mark.parametrize("method", ["svd", "eigh"])
def test_not_psd_raise_and_ignore(method):
    og, ng = gens()
    e = raises_like(
        lambda: ng.multivariate_normal([0, 0], NOT_PSD, 5, check_valid="raise", method=method),
        lambda: og.multivariate_normal([0, 0], NOT_PSD, 5, check_valid="raise", method=method),
    )
    assert str(e) == "covariance is not symmetric positive-semidefinite."
    same_next_draws(og, ng)  # the normals were drawn before the check, as in NumPy
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        o = og.multivariate_normal([0, 0], NOT_PSD, 5, check_valid="ignore", method=method)
        n = ng.multivariate_normal([0, 0], NOT_PSD, 5, check_valid="ignore", method=method)
    check_shape(o, n)
    if method == "eigh":  # sqrt(abs(s)): no NaN even for a negative eigenvalue
        assert not np.isnan(np.asarray(o)).any()
    assert np.isnan(np.asarray(o)).any() == np.isnan(n).any()
    same_next_draws(og, ng)


@pytest.mark.parametrize("tol", [1e-8, 1e-3])
def test_tol(tol):
    cov = [[1.0, 1e-5], [0.0, 1.0]]  # not symmetric by 1e-5
    og, ng = gens()
    with warnings.catch_warnings(record=True) as wn:
        warnings.simplefilter("always")
        ng.multivariate_normal([0, 0], cov, tol=tol)
    with warnings.catch_warnings(record=True) as wo:
        warnings.simplefilter("always")
        og.multivariate_normal([0, 0], cov, tol=tol)
    assert [str(w.message) for w in wo] == [str(w.message) for w in wn]
    assert [w.category for w in wo] == [w.category for w in wn]
    assert len(wn) == (1 if tol == 1e-8 else 0)


def test_cholesky_ignores_check_valid_and_fails_on_not_pd():
    og, ng = gens()
    # an invalid check_valid is not looked at with method='cholesky'
    o = og.multivariate_normal([0, 0], [[2, 1], [1, 2]], 3, check_valid="bogus", method="cholesky")
    n = ng.multivariate_normal([0, 0], [[2, 1], [1, 2]], 3, check_valid="bogus", method="cholesky")
    np.testing.assert_allclose(np.asarray(o), n, rtol=1e-12)
    raises_like(
        lambda: ng.multivariate_normal([0, 0], NOT_PSD, 3, method="cholesky"),
        lambda: og.multivariate_normal([0, 0], NOT_PSD, 3, method="cholesky"),
    )
    same_next_draws(og, ng)


ERRORS = [
    (([[0.0]], [[1.0]]), {}, "mean must be 1 dimensional"),
    ((0.0, [[1.0]]), {}, "mean must be 1 dimensional"),
    (([0.0, 0.0], [[1.0, 0.0]]), {}, "cov must be 2 dimensional and square"),
    (([0.0, 0.0], [1.0, 0.0]), {}, "cov must be 2 dimensional and square"),
    (([0.0], [[[1.0]]]), {}, "cov must be 2 dimensional and square"),
    (([0.0, 0.0, 0.0], [[1.0, 0.0], [0.0, 1.0]]), {}, "mean and cov must have same length"),
    (([0.0], [[1.0]]), {"method": "qr"}, "method must be one of {'eigh', 'svd', 'cholesky'}"),
    (([0.0], [[1.0]]), {"check_valid": "bogus"}, "check_valid must equal 'warn', 'raise', or 'ignore'"),
    (([0.0], [[1.0]]), {"check_valid": "bogus", "method": "eigh"},
     "check_valid must equal 'warn', 'raise', or 'ignore'"),
    (([0j], [[1.0]]), {}, "mean and cov must not be complex"),
    (([0.0], [[1.0 + 1j]]), {}, "mean and cov must not be complex"),
]


@pytest.mark.parametrize("args,kw,msg", ERRORS)
def test_errors_like_numpy(args, kw, msg):
    og, ng = gens()
    e = raises_like(
        lambda: ng.multivariate_normal(*args, **kw), lambda: og.multivariate_normal(*args, **kw)
    )
    assert str(e) == msg
    same_next_draws(og, ng)


# --- legacy RandomState and the module-level function ------------------------------------------


@pytest.mark.parametrize("size", [None, 1, 5, (2, 3), [3], (0,)])
def test_legacy_diagonal(size):
    mean = [1.0, 2.0, -4.0]
    cov = [[2.0, 0.0, 0.0], [0.0, 0.5, 0.0], [0.0, 0.0, 7.0]]
    o_rs, n_rs = legacy(2024)
    # an odd count of normals before leaves a cached gaussian that the call must use
    o_rs.standard_normal(3), n_rs.standard_normal(3)
    o = o_rs.multivariate_normal(mean, cov, size)
    n = n_rs.multivariate_normal(mean, cov, size)
    check_shape(o, n)
    np.testing.assert_allclose(np.abs(np.asarray(o) - mean), np.abs(n - mean), rtol=1e-12, atol=1e-12)
    legacy_same_state(o_rs, n_rs)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), d=st.integers(1, 5), skip=st.integers(0, 1))
def test_legacy_general_cov(seed, d, skip):
    cov = spd(seed, d)
    mean = [0.5] * d
    size = 2 * d + 5
    o_rs, n_rs = legacy(seed)
    o_rs.standard_normal(skip), n_rs.standard_normal(skip)
    o = o_rs.multivariate_normal(mean, cov, size)
    n = n_rs.multivariate_normal(mean, cov, size)
    check_shape(o, n)
    zr = np.random.RandomState(seed)
    zr.standard_normal(skip)
    z = zr.standard_normal((size, d))
    # legacy: x = mean + z @ (sqrt(s)[:, None] * v); the rows of that are the factor's columns
    assert_same_factor_up_to_signs(factor_of(o, mean, z), factor_of(n, mean, z), cov)
    legacy_same_state(o_rs, n_rs)


def test_legacy_check_valid():
    o_rs, n_rs = legacy()
    with pytest.warns(RuntimeWarning, match="covariance is not symmetric positive-semidefinite."):
        n_rs.multivariate_normal([0, 0], NOT_PSD, 4)
    with pytest.warns(RuntimeWarning, match="covariance is not symmetric positive-semidefinite."):
        o_rs.multivariate_normal([0, 0], NOT_PSD, 4)
    legacy_same_state(o_rs, n_rs)
    e = raises_like(
        lambda: n_rs.multivariate_normal([0, 0], NOT_PSD, 4, check_valid="raise"),
        lambda: o_rs.multivariate_normal([0, 0], NOT_PSD, 4, check_valid="raise"),
    )
    assert str(e) == "covariance is not symmetric positive-semidefinite."
    e = raises_like(
        lambda: n_rs.multivariate_normal([0, 0], NOT_PSD, 4, check_valid="no"),
        lambda: o_rs.multivariate_normal([0, 0], NOT_PSD, 4, check_valid="no"),
    )
    assert str(e) == "check_valid must equal 'warn', 'raise', or 'ignore'"
    legacy_same_state(o_rs, n_rs)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        o = o_rs.multivariate_normal([0, 0], NOT_PSD, 4, check_valid="ignore")
        n = n_rs.multivariate_normal([0, 0], NOT_PSD, 4, check_valid="ignore")
    check_shape(o, n)
    assert np.isnan(np.asarray(o)).any() == np.isnan(n).any()
    legacy_same_state(o_rs, n_rs)


@pytest.mark.parametrize("args,kw,msg", [e for e in ERRORS if "method" not in e[1] and "complex" not in e[2]])
def test_legacy_errors(args, kw, msg):
    o_rs, n_rs = legacy()
    e = raises_like(
        lambda: n_rs.multivariate_normal(*args, **kw), lambda: o_rs.multivariate_normal(*args, **kw)
    )
    assert str(e) == msg
    legacy_same_state(o_rs, n_rs)
    with pytest.raises(TypeError):
        n_rs.multivariate_normal([0.0], [[1.0]], method="svd")
    with pytest.raises(TypeError):
        o_rs.multivariate_normal([0.0], [[1.0]], method="svd")


def test_module_level():
    mean = [3.0, -1.0]
    cov = [[5.0, 0.0], [0.0, 0.2]]
    oxr.seed(99)
    np.random.seed(99)
    o = oxr.multivariate_normal(mean, cov, (4, 2))
    n = np.random.multivariate_normal(mean, cov, (4, 2))
    check_shape(o, n)
    np.testing.assert_allclose(np.abs(np.asarray(o) - mean), np.abs(n - mean), rtol=1e-12)
    assert np.array_equal(np.asarray(oxr.standard_normal(5)), np.random.standard_normal(5))
    assert np.array_equal(np.asarray(oxr.random_sample(5)), np.random.random_sample(5))


@pytest.mark.parametrize("size", [None, 3])
def test_empty_mean_and_bad_size_like_numpy(size):
    og, ng = gens()
    raises_like(
        lambda: ng.multivariate_normal([], np.zeros((0, 0)), size),
        lambda: og.multivariate_normal([], ox.zeros((0, 0)), size),
    )
    raises_like(
        lambda: ng.multivariate_normal([0.0], [[1.0]], 2.0),
        lambda: og.multivariate_normal([0.0], [[1.0]], 2.0),
    )
    same_next_draws(og, ng)
