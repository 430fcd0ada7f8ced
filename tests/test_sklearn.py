"""scikit-learn's array API dispatch on oxarray arrays (`array_api_dispatch=True`, with
`SCIPY_ARRAY_API=1` set by conftest.py before SciPy is imported): estimators fit and
transform oxarray inputs, their fitted array attributes and outputs are oxarray arrays, and
the values are NumPy's within scikit-learn's own array-API test tolerances
(`_atol_for_type`: 1000 eps; rtol 1e-7 for float64, 1e-4 for float32, as
`check_array_api_input`)."""

import os

import numpy as np
import pytest

import oxarray as ox

sklearn = pytest.importorskip("sklearn")
pytest.importorskip("scipy")

from sklearn import config_context  # noqa: E402
from sklearn.datasets import make_classification, make_regression  # noqa: E402
from sklearn.decomposition import PCA  # noqa: E402
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis  # noqa: E402
from sklearn.linear_model import Ridge  # noqa: E402
from sklearn.metrics import accuracy_score, pairwise_distances, r2_score  # noqa: E402
from sklearn.preprocessing import (  # noqa: E402
    MinMaxScaler,
    PolynomialFeatures,
    StandardScaler,
)
from sklearn.utils._array_api import _atol_for_type  # noqa: E402


def test_scipy_array_api_is_enabled():
    import scipy._lib._array_api as sa

    assert os.environ.get("SCIPY_ARRAY_API") == "1"
    assert sa.SCIPY_ARRAY_API


def _tols(dtype):
    return dict(rtol=1e-7 if dtype == "float64" else 1e-4, atol=_atol_for_type(dtype))


def _same(got, want, dtype, sign_free_columns=False):
    """`got` is an oxarray array equal to NumPy's `want` (dtype, shape, values)."""
    assert isinstance(got, ox.ndarray), type(got)
    g, w = np.asarray(got), np.asarray(want)
    assert g.dtype == w.dtype and g.shape == w.shape
    if sign_free_columns:
        # SVD singular vectors are unique up to sign; oxarray's decompositions are faer's,
        # not LAPACK's, so a column may come out negated (docs/differences.md, linalg).
        s = np.where(np.sum(g * w, axis=0) < 0, -1.0, 1.0).astype(g.dtype)
        g = g * s
    np.testing.assert_allclose(g, w, **_tols(dtype))


@pytest.fixture(scope="module")
def data():
    X, y = make_classification(
        n_samples=60, n_features=6, n_informative=4, n_redundant=0, n_classes=3,
        random_state=0,
    )
    Xr, yr = make_regression(n_samples=50, n_features=5, noise=0.5, random_state=0)
    return X, y, Xr, yr


def _fit_both(est_factory, X, y=None, dtype="float64"):
    X = X.astype(dtype)
    est_np = est_factory().fit(X, y)
    # StandardScaler's running variance divides 0 by 0 on its first batch: scikit-learn
    # silences that with np.errstate for NumPy only, oxarray warns as NumPy does.
    with config_context(array_api_dispatch=True), ox.errstate(divide="ignore", invalid="ignore"):
        est_ox = est_factory().fit(ox.asarray(X), None if y is None else ox.asarray(y))
    return X, est_np, est_ox


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize(
    "solver", ["full", "randomized", "covariance_eigh", "auto"]
)
def test_pca(data, solver, dtype):
    X = data[0]
    def make():
        # LU power iterations are not in the Array API: sklearn warns and uses QR.
        return PCA(n_components=3, svd_solver=solver, random_state=0,
                   power_iteration_normalizer="QR")
    X, p_np, p_ox = _fit_both(make, X, dtype=dtype)
    for attr in ("components_", "explained_variance_", "explained_variance_ratio_",
                 "singular_values_", "mean_"):
        _same(getattr(p_ox, attr), getattr(p_np, attr), dtype)
    with config_context(array_api_dispatch=True):
        t = p_ox.transform(ox.asarray(X))
        back = p_ox.inverse_transform(t)
    _same(t, p_np.transform(X), dtype)
    _same(back, p_np.inverse_transform(p_np.transform(X)), dtype)


def test_pca_whiten_and_fraction(data):
    X = data[0]
    def make():
        return PCA(n_components=0.8, svd_solver="full", whiten=True)
    X, p_np, p_ox = _fit_both(make, X)
    assert p_ox.n_components_ == p_np.n_components_
    with config_context(array_api_dispatch=True):
        t = p_ox.fit_transform(ox.asarray(X))
        cov = p_ox.get_covariance()
    _same(t, p_np.transform(X), "float64")
    _same(cov, p_np.get_covariance(), "float64")


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_ridge_svd(data, dtype):
    _, _, Xr, yr = data
    yr = yr.astype(dtype)
    X, r_np, r_ox = _fit_both(lambda: Ridge(alpha=0.7, solver="svd"), Xr, yr, dtype)
    _same(r_ox.coef_, r_np.coef_, dtype)
    with config_context(array_api_dispatch=True):
        pred = r_ox.predict(ox.asarray(X))
        score = r_ox.score(ox.asarray(X), ox.asarray(yr))
    _same(pred, r_np.predict(X), dtype)
    np.testing.assert_allclose(float(score), r_np.score(X, yr), **_tols(dtype))


def test_ridge_multitarget_and_auto_solver(data):
    _, _, Xr, yr = data
    Y = np.stack([yr, 2 * yr + 1], axis=1)
    with pytest.warns(UserWarning, match="will result in using the solver 'svd'"):
        X, r_np, r_ox = _fit_both(lambda: Ridge(alpha=[0.5, 2.0]), Xr, Y)
    _same(r_ox.coef_, r_np.coef_, "float64")
    _same(r_ox.intercept_, r_np.intercept_, "float64")


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_lda_svd(data, dtype):
    X, y = data[0], data[1]
    X, l_np, l_ox = _fit_both(lambda: LinearDiscriminantAnalysis(solver="svd"), X, y, dtype)
    for attr in ("means_", "xbar_", "explained_variance_ratio_", "priors_"):
        _same(getattr(l_ox, attr), getattr(l_np, attr), dtype)
    _same(l_ox.coef_, l_np.coef_, dtype)
    _same(l_ox.intercept_, l_np.intercept_, dtype)
    _same(l_ox.scalings_, l_np.scalings_, dtype, sign_free_columns=True)
    with config_context(array_api_dispatch=True):
        Xo = ox.asarray(X)
        pred = l_ox.predict(Xo)
        proba = l_ox.predict_proba(Xo)
        t = l_ox.transform(Xo)
    assert isinstance(pred, ox.ndarray)
    np.testing.assert_array_equal(np.asarray(pred), l_np.predict(X))
    _same(proba, l_np.predict_proba(X), dtype)
    _same(t, l_np.transform(X), dtype, sign_free_columns=True)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize(
    "make",
    [StandardScaler, lambda: StandardScaler(with_mean=False), MinMaxScaler,
     lambda: MinMaxScaler(feature_range=(-2, 3)), lambda: PolynomialFeatures(2),
     lambda: PolynomialFeatures(3, interaction_only=True, include_bias=False)],
    ids=["std", "std_nomean", "minmax", "minmax_range", "poly2", "poly3_inter"],
)
def test_transformers(data, make, dtype):
    X = data[0]
    X, t_np, t_ox = _fit_both(make, X, dtype=dtype)
    with config_context(array_api_dispatch=True):
        Xo = ox.asarray(X)
        out = t_ox.transform(Xo)
        if hasattr(t_ox, "inverse_transform"):
            _same(t_ox.inverse_transform(out), X, dtype)
    _same(out, t_np.transform(X), dtype)
    for attr in ("mean_", "scale_", "var_", "data_min_", "data_max_", "min_"):
        if getattr(t_np, attr, None) is not None:
            _same(getattr(t_ox, attr), getattr(t_np, attr), dtype)


def test_metrics(data):
    X, y, Xr, yr = data
    rng = np.random.default_rng(1)
    y_pred = np.where(rng.random(y.shape) < 0.8, y, (y + 1) % 3)
    yr_pred = yr + rng.standard_normal(yr.shape)
    with config_context(array_api_dispatch=True):
        r2 = r2_score(ox.asarray(yr), ox.asarray(yr_pred))
        r2_multi = r2_score(
            ox.asarray(np.stack([yr, yr_pred], 1)), ox.asarray(np.stack([yr_pred, yr], 1)),
            multioutput="raw_values",
        )
        acc = accuracy_score(ox.asarray(y), ox.asarray(y_pred))
        acc_n = accuracy_score(ox.asarray(y), ox.asarray(y_pred), normalize=False)
    np.testing.assert_allclose(float(r2), r2_score(yr, yr_pred), **_tols("float64"))
    _same(r2_multi, r2_score(np.stack([yr, yr_pred], 1), np.stack([yr_pred, yr], 1),
                             multioutput="raw_values"), "float64")
    assert float(acc) == accuracy_score(y, y_pred)
    assert float(acc_n) == accuracy_score(y, y_pred, normalize=False)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("metric", ["euclidean", "manhattan", "cosine", "l1", "l2",
                                    "cityblock"])
def test_pairwise_distances(data, metric, dtype):
    """The metrics scikit-learn implements with the array API (others, e.g. "sqeuclidean",
    go through scipy.spatial.distance, NumPy only). NumPy's manhattan goes through SciPy's
    float64 cdist; the array-API path keeps the input dtype, so values are compared in it."""
    X = data[0][:20].astype(dtype)
    Y = data[0][20:27].astype(dtype)
    with config_context(array_api_dispatch=True):
        d = pairwise_distances(ox.asarray(X), ox.asarray(Y), metric=metric)
        d_self = pairwise_distances(ox.asarray(X), metric=metric)
    _same(d, pairwise_distances(X, Y, metric=metric).astype(dtype), dtype)
    _same(d_self, pairwise_distances(X, metric=metric).astype(dtype), dtype)


# scikit-learn's own array API check, on every estimator it tags as supporting the array
# API, with oxarray as the namespace. Values are compared (check_values=True) except where
# the result is not unique: LDA's scalings_ (singular vector signs, checked above up to
# sign) and PCA(n_components=None) on the check's rank-deficient data (the components of
# the null space are any orthonormal basis of it).
def _array_api_estimators():
    from sklearn.utils._tags import get_tags
    from sklearn.utils._test_common.instance_generator import _tested_estimators

    import warnings

    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Can't instantiate estimator FrozenEstimator"
        ests = list(_tested_estimators())
    for est in ests:
        if get_tags(est).array_api_support and type(est).__name__ != "LabelEncoder":
            out.append(est)
    return out


_NOT_UNIQUE = {"LinearDiscriminantAnalysis", "PCA"}


@pytest.mark.parametrize("est", _array_api_estimators(), ids=lambda e: type(e).__name__)
def test_sklearn_check_array_api_input(est):
    from sklearn.utils.estimator_checks import check_array_api_input

    import warnings

    from sklearn.exceptions import ConvergenceWarning

    name = type(est).__name__
    for dtype in ("float64", "float32"):
        with config_context(array_api_dispatch=True), warnings.catch_warnings(), ox.errstate(
            divide="ignore", invalid="ignore"
        ):
            # The check's tiny settings (max_iter=5, n_iter > grid) make scikit-learn warn.
            warnings.simplefilter("ignore", (UserWarning, ConvergenceWarning))
            check_array_api_input(
                name, est, "oxarray", dtype_name=dtype, check_values=name not in _NOT_UNIQUE
            )


def test_sklearn_label_encoder():
    from sklearn.preprocessing import LabelEncoder

    y = np.array([3, 1, 3, 7, 1])
    with config_context(array_api_dispatch=True):
        le = LabelEncoder().fit(ox.asarray(y))
        t = le.transform(ox.asarray(y))
        back = le.inverse_transform(t)
    assert isinstance(le.classes_, ox.ndarray) and isinstance(t, ox.ndarray)
    np.testing.assert_array_equal(np.asarray(le.classes_), [1, 3, 7])
    np.testing.assert_array_equal(np.asarray(t), LabelEncoder().fit_transform(y))
    np.testing.assert_array_equal(np.asarray(back), y)
