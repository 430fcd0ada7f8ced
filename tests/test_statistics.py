"""Statistics (issue 10 item 4) against NumPy: moments, order statistics, nan* reductions,
cumulative sums, cov/corrcoef, histograms, bincount.

Exact comparisons (``assert_same``: dtype, shape, bits incl. NaN and -0.0) wherever the
operation order is NumPy's: mean/var/std (same ufunc steps, same pairwise sums), median,
quantiles of float64/int data, the nan* sums, histogram counts, bincount. Tolerances
(``assert_close``) only where the order differs, each said at its test: cov/corrcoef
(``matmul`` vs BLAS ``dot``), weighted histograms over unequal bins (direct sums vs
differences of cumulative sums), float16/float32 quantile interpolation.
"""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import oxarray as ox
from _pyufunc_strategies import array_pairs, small_values, twin
from conftest import assert_same, raises_like, to_numpy

REAL = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
        "float16", "float32", "float64"]
NUM = REAL + ["complex64", "complex128"]
FLOATS = ["float16", "float32", "float64"]

fast = settings(max_examples=25, deadline=None)


def assert_close(o, n, rtol=1e-12, atol=0.0):
    """Same kind, dtype and shape; values within rtol (NaN where NumPy has NaN)."""
    if isinstance(n, np.ndarray):
        assert isinstance(o, ox.ndarray)
        assert o.shape == n.shape and o.dtype.str == n.dtype.str, (o.shape, o.dtype, n.shape, n.dtype)
    else:
        assert o.dtype.str == np.asarray(n).dtype.str
    np.testing.assert_allclose(np.asarray(to_numpy(o)), n, rtol=rtol, atol=atol, equal_nan=True)


@st.composite
def axis_for(draw, ndim):
    if ndim == 0:
        return None
    return draw(st.one_of(st.none(), st.integers(-ndim, ndim - 1),
                          st.lists(st.integers(0, ndim - 1), min_size=1, max_size=ndim,
                                   unique=True).map(tuple)))


def floats_with_specials(dtype):
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return st.one_of(st.integers(-50, 50).map(float),
                         st.sampled_from([np.nan, np.inf, -np.inf, -0.0, 0.5]))
    return small_values(dtype)


def no_neg_inf(dtype):
    """As floats_with_specials without -inf: whether inf + -inf meets in a sum (and NumPy
    warns "invalid value") depends on the association order, which differs in the engine."""
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return st.one_of(st.integers(-50, 50).map(float),
                         st.sampled_from([np.nan, np.inf, -0.0, 0.5]))
    return small_values(dtype)


def quiet(f, *args, **kw):
    """Call with warnings recorded; returns (result or exception, warning categories)."""
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            r = f(*args, **kw)
        except Exception as e:  # noqa: BLE001 - compared by the caller
            r = e
    return r, sorted({x.category.__name__ for x in w})


def same_with_warnings(np_call, ox_call, compare=assert_same):
    nr, nw = quiet(np_call)
    orr, ow = quiet(ox_call)
    if isinstance(nr, Exception):
        assert isinstance(orr, Exception), (nr, orr)
        exp = type(nr)
        if exp is np.exceptions.AxisError:
            exp = ox.AxisError
        assert isinstance(orr, exp), (orr, nr)
        return
    assert not isinstance(orr, Exception), (orr, nr)
    compare(orr, nr)
    assert ow == nw, (ow, nw)


# --- mean / var / std -------------------------------------------------------------------


def moment_compare(name, dtype):
    """mean of integer-valued data is exact (exact sums, one rounded division). var/std
    sum squared deviations from a rounded mean: the engine's add.reduce associates short
    runs differently from NumPy's pairwise sum (a0 + (a1 + ... )), so the last bits of
    the sum may differ: 4 ulp of the dtype."""
    if name == "mean":
        return assert_same
    eps = {"e": 4e-3, "f": 5e-7, "F": 5e-7}.get(np.dtype(dtype).char, 1e-14)
    return lambda o, n: assert_close(o, n, rtol=eps, atol=eps)


@fast
@given(st.sampled_from(["mean", "var", "std"]), st.data())
def test_moments_match_numpy(name, data):
    na, oa = data.draw(array_pairs(NUM, max_dims=3, elements=no_neg_inf))
    axis = data.draw(axis_for(na.ndim))
    keepdims = data.draw(st.booleans())
    kw = {"axis": axis, "keepdims": keepdims}
    if name != "mean":
        kw["ddof"] = data.draw(st.sampled_from([0, 1, 2, 0.5]))
    cmp = moment_compare(name, na.dtype)
    same_with_warnings(lambda: getattr(np, name)(na, **kw), lambda: getattr(ox, name)(oa, **kw), cmp)
    same_with_warnings(lambda: getattr(na, name)(**kw), lambda: getattr(oa, name)(**kw), cmp)


@fast
@given(st.sampled_from(["mean", "var", "std"]), st.data())
def test_moments_where_and_dtype(name, data):
    na, oa = data.draw(array_pairs(REAL, min_dims=1, max_dims=2, min_side=1,
                                   elements=small_values, views=False))
    mask = data.draw(hnp.arrays(np.bool_, na.shape))
    dt = data.draw(st.sampled_from([None, "float32", "float64"]))
    axis = data.draw(st.sampled_from([None, 0, -1]))
    kw = {"axis": axis, "dtype": dt, "where": mask}
    same_with_warnings(lambda: getattr(np, name)(na, **kw),
                       lambda: getattr(ox, name)(oa, **{**kw, "where": twin(mask)}),
                       # The tolerance of the result's dtype: float32/float16 input keeps it.
                       moment_compare(name, dt or (na.dtype if na.dtype.kind == "f" else "float64")))


def test_var_correction_mean_and_out():
    # Non-integer data: the engine's add.reduce over a short contiguous axis does not
    # associate like NumPy's pairwise sum (a0 + (a1 + ... + a5)), so the last bit may
    # differ: 1e-14.
    na = np.arange(24.0).reshape(4, 6) ** 1.5
    oa = twin(na)
    assert_close(ox.var(oa, correction=1), np.var(na, correction=1), rtol=1e-14)
    assert_close(ox.std(oa, axis=0, correction=1), np.std(na, axis=0, correction=1), rtol=1e-14)
    m = np.mean(na, axis=1, keepdims=True)
    assert_close(ox.var(oa, axis=1, mean=twin(m)), np.var(na, axis=1, mean=m), rtol=1e-14)
    assert_close(ox.std(oa, axis=1, mean=twin(m)), np.std(na, axis=1, mean=m), rtol=1e-14)
    nout, oout = np.empty(6), ox.empty(6)
    r = ox.std(oa, axis=0, out=oout)
    assert r is oout
    assert_close(oout, np.std(na, axis=0, out=nout), rtol=1e-14)
    raises_like(lambda: np.var(na, ddof=1, correction=1), lambda: ox.var(oa, ddof=1, correction=1))
    assert_close(ox.mean(oa, axis=(0, 1)), np.mean(na, axis=(0, 1)), rtol=1e-14)


def test_mean_empty_and_dof_warnings():
    same_with_warnings(lambda: np.mean(np.array([])), lambda: ox.mean(ox.array([])))
    same_with_warnings(lambda: np.var(np.array([1.0]), ddof=1), lambda: ox.var(ox.array([1.0]), ddof=1))
    with pytest.warns(RuntimeWarning, match="Mean of empty slice"):
        with ox.errstate(invalid="ignore"):
            assert math.isnan(ox.mean(ox.array([])))
    same_with_warnings(lambda: np.var(np.ones((2, 0)), axis=1), lambda: ox.var(ox.ones((2, 0)), axis=1))
    same_with_warnings(lambda: np.std(np.ones((0, 3)), axis=0), lambda: ox.std(ox.ones((0, 3)), axis=0))


def test_mean_float16_and_complex():
    na = (np.arange(100, dtype=np.float16) / 7).astype(np.float16)
    assert_close(ox.mean(twin(na)), np.mean(na), rtol=1e-3)
    assert_close(ox.var(twin(na)), np.var(na), rtol=4e-3)
    nc = np.arange(12.0).reshape(3, 4) * (1 + 2j) + 0.5j
    assert_same(ox.var(twin(nc), axis=0), np.var(nc, axis=0))
    assert_close(ox.std(twin(nc)), np.std(nc), rtol=1e-14)
    assert_close(ox.var(twin(nc.astype(np.complex64)), axis=1), np.var(nc.astype(np.complex64), axis=1), rtol=1e-6)


def test_ptp_and_average():
    na = np.array([[4, 9, 2, 10], [6, 9, 7, 12]], dtype=np.int16)
    oa = twin(na)
    for ax in (None, 0, 1):
        assert_same(ox.ptp(oa, axis=ax), np.ptp(na, axis=ax))
        assert_same(ox.ptp(oa, axis=ax, keepdims=True), np.ptp(na, axis=ax, keepdims=True))
        assert_same(ox.average(oa, axis=ax), np.average(na, axis=ax))
    w = np.array([1, 2, 3, 4.0])
    assert_same(ox.average(oa, axis=1, weights=twin(w)), np.average(na, axis=1, weights=w))
    r, s = ox.average(oa, axis=1, weights=twin(w), returned=True)
    nr, ns = np.average(na, axis=1, weights=w, returned=True)
    assert_same(r, nr)
    assert_same(s, ns)
    assert_same(ox.average(oa, axis=1, weights=twin(w), keepdims=True),
                np.average(na, axis=1, weights=w, keepdims=True))
    raises_like(lambda: np.average(na, weights=w), lambda: ox.average(oa, weights=twin(w)))
    raises_like(lambda: np.average(na, axis=1, weights=w * 0),
                lambda: ox.average(oa, axis=1, weights=twin(w * 0)))


# --- median / quantile --------------------------------------------------------------------

METHODS = ["inverted_cdf", "averaged_inverted_cdf", "closest_observation",
           "interpolated_inverted_cdf", "hazen", "weibull", "linear", "median_unbiased",
           "normal_unbiased", "lower", "higher", "midpoint", "nearest"]


@fast
@given(st.data())
def test_median_matches_numpy(data):
    na, oa = data.draw(array_pairs(REAL[1:], max_dims=3, elements=floats_with_specials))
    axis = data.draw(axis_for(na.ndim))
    keepdims = data.draw(st.booleans())
    same_with_warnings(lambda: np.median(na, axis=axis, keepdims=keepdims),
                       lambda: ox.median(oa, axis=axis, keepdims=keepdims))


@fast
@given(st.data())
def test_nanmedian_matches_numpy(data):
    na, oa = data.draw(array_pairs(["float32", "float64", "int32"], max_dims=3, min_side=1,
                                   elements=floats_with_specials))
    axis = data.draw(axis_for(na.ndim))
    nr, nw = quiet(np.nanmedian, na, axis=axis)
    orr, ow = quiet(ox.nanmedian, oa, axis=axis)
    assert_same(orr, nr)
    assert ow == nw


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(METHODS), st.data())
def test_quantile_methods(method, data):
    dtype = data.draw(st.sampled_from(["float64", "int64", "int16", "uint8"]))
    na, oa = data.draw(array_pairs([dtype], min_dims=1, max_dims=2, min_side=1,
                                   elements=floats_with_specials))
    axis = data.draw(st.sampled_from([None, 0, -1]))
    q = data.draw(st.one_of(st.floats(0, 1), st.lists(st.floats(0, 1), min_size=1, max_size=4),
                            st.sampled_from([0, 1, [0, 1]])))
    # (signed zeros: which of -0.0 and 0.0 a selection returns is up to the partition
    # algorithm, so the dtype is checked as it is and the values with `+ 0.0` folded)
    def same_up_to_zero_sign(o, n):
        assert o.dtype.str == n.dtype.str
        assert_same(o + 0.0, n + 0.0)
    same_with_warnings(lambda: np.quantile(na, q, axis=axis, method=method),
                       lambda: ox.quantile(oa, q, axis=axis, method=method), same_up_to_zero_sign)
    qp = [v * 100 for v in q] if isinstance(q, list) else q * 100
    same_with_warnings(lambda: np.percentile(na, qp, axis=axis, method=method),
                       lambda: ox.percentile(oa, qp, axis=axis, method=method),
                       compare=lambda o, n: assert_close(o, n, rtol=1e-14))


@fast
@given(st.sampled_from(METHODS), st.data())
def test_nanquantile_methods(method, data):
    na, oa = data.draw(array_pairs(["float64"], min_dims=1, max_dims=2, min_side=1,
                                   elements=floats_with_specials))
    q = data.draw(st.lists(st.floats(0, 1), min_size=1, max_size=3))
    axis = data.draw(st.sampled_from([None, -1]))
    nr, nw = quiet(np.nanquantile, na, q, axis=axis, method=method)
    orr, ow = quiet(ox.nanquantile, oa, q, axis=axis, method=method)
    # Which of two equal elements (-0.0 and 0.0) a selection returns is up to the
    # partition algorithm: compare zeros without their sign here.
    assert_same(orr + 0.0, nr + 0.0)
    assert ow == nw
    nr, nw = quiet(np.nanpercentile, na, 30, axis=axis, method=method, keepdims=True)
    orr, ow = quiet(ox.nanpercentile, oa, 30, axis=axis, method=method, keepdims=True)
    assert_same(orr + 0.0, nr + 0.0)
    assert ow == nw


def test_quantile_float32_and_keepdims_and_out():
    # float32 interpolation: NumPy computes _lerp in float64 (array q) or float32 (weak q);
    # we round each step the same way, checked to 1 ulp.
    na = np.linspace(-3, 7, 37, dtype=np.float32).reshape(37)[::-1].copy()
    oa = twin(na)
    assert_close(ox.quantile(oa, 0.37), np.quantile(na, 0.37), rtol=2e-7)
    assert_close(ox.quantile(oa, [0.1, 0.37]), np.quantile(na, [0.1, 0.37]), rtol=1e-15)
    n2 = np.arange(60.0).reshape(3, 4, 5)
    o2 = twin(n2)
    assert_same(ox.quantile(o2, [0.2, 0.5], axis=(0, 2), keepdims=True),
                np.quantile(n2, [0.2, 0.5], axis=(0, 2), keepdims=True))
    assert_same(ox.median(o2, axis=(0, 2)), np.median(n2, axis=(0, 2)))
    out = ox.empty((4, 5))
    assert ox.median(o2, axis=0, out=out) is out
    assert_same(out, np.median(n2, axis=0))


def test_quantile_weights():
    rng = np.random.default_rng(1)
    na = rng.integers(0, 20, (4, 9)).astype(np.float64)
    w = rng.integers(0, 4, (4, 9)).astype(np.float64) + 0.5
    for q in (0.0, 0.3, [0.5, 1.0]):
        assert_same(ox.quantile(twin(na), q, axis=1, method="inverted_cdf", weights=twin(w)),
                    np.quantile(na, q, axis=1, method="inverted_cdf", weights=w))
    w1 = w[0]
    assert_same(ox.quantile(twin(na), 0.4, axis=1, method="inverted_cdf", weights=twin(w1)),
                np.quantile(na, 0.4, axis=1, method="inverted_cdf", weights=w1))
    raises_like(lambda: np.quantile(na, 0.5, axis=1, weights=w),
                lambda: ox.quantile(twin(na), 0.5, axis=1, weights=twin(w)))
    raises_like(lambda: np.quantile(na, 0.5, method="inverted_cdf", weights=-w),
                lambda: ox.quantile(twin(na), 0.5, method="inverted_cdf", weights=twin(-w)))


def test_quantile_bad_input():
    a = np.arange(5.0)
    for q in (1.5, -0.1, [0.2, 2.0], np.nan):
        raises_like(lambda: np.quantile(a, q), lambda: ox.quantile(twin(a), q))
    raises_like(lambda: np.percentile(a, 101), lambda: ox.percentile(twin(a), 101))
    raises_like(lambda: np.quantile(a, 0.5, method="bogus"),
                lambda: ox.quantile(twin(a), 0.5, method="bogus"))
    raises_like(lambda: np.quantile(a.astype(complex), 0.5),
                lambda: ox.quantile(twin(a.astype(complex)), 0.5))
    raises_like(lambda: np.median(a, axis=2), lambda: ox.median(twin(a), axis=2))


def test_median_nan_silent_and_nanmedian_warns():
    a = np.array([[1.0, np.nan, 3.0], [np.nan, np.nan, np.nan], [1.0, 2.0, 4.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_same(ox.median(twin(a), axis=1), np.median(a, axis=1))
    with pytest.warns(RuntimeWarning, match="All-NaN slice encountered"):
        r = ox.nanmedian(twin(a), axis=1)
    with pytest.warns(RuntimeWarning, match="All-NaN slice encountered"):
        assert_same(r, np.nanmedian(a, axis=1))


# --- nan* reductions ----------------------------------------------------------------------

NANRED = ["nansum", "nanprod", "nanmean", "nanvar", "nanstd", "nanmin", "nanmax"]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(NANRED), st.data())
def test_nan_reductions(name, data):
    na, oa = data.draw(array_pairs(NUM, max_dims=3, elements=no_neg_inf))
    axis = data.draw(axis_for(na.ndim))
    keepdims = data.draw(st.booleans())
    kw = {"axis": axis, "keepdims": keepdims}
    if name in ("nanvar", "nanstd"):
        kw["ddof"] = data.draw(st.sampled_from([0, 1]))
    cmp = moment_compare("var", na.dtype) if name in ("nanvar", "nanstd") else assert_same
    same_with_warnings(lambda: getattr(np, name)(na, **kw), lambda: getattr(ox, name)(oa, **kw), cmp)


@fast
@given(st.sampled_from(["nancumsum", "nancumprod"]), st.data())
def test_nan_cumulative(name, data):
    na, oa = data.draw(array_pairs(NUM, max_dims=3, elements=floats_with_specials))
    axis = data.draw(st.one_of(st.none(), st.integers(-na.ndim, na.ndim - 1))) if na.ndim else None
    same_with_warnings(lambda: getattr(np, name)(na, axis=axis), lambda: getattr(ox, name)(oa, axis=axis))


@fast
@given(st.sampled_from(["cumulative_sum", "cumulative_prod"]), st.data())
def test_cumulative_array_api(name, data):
    na, oa = data.draw(array_pairs(NUM, min_dims=1, max_dims=3, elements=small_values))
    axis = data.draw(st.integers(-na.ndim, na.ndim - 1)) if na.ndim > 1 else None
    inc = data.draw(st.booleans())
    # (complex input with dtype=float64: NumPy warns ComplexWarning, we do not: not drawn)
    dt = data.draw(st.sampled_from([None, "float64"])) if na.dtype.kind != "c" else None
    same_with_warnings(lambda: getattr(np, name)(na, axis=axis, include_initial=inc, dtype=dt),
                       lambda: getattr(ox, name)(oa, axis=axis, include_initial=inc, dtype=dt))


def test_cumulative_errors_and_out():
    a = np.ones((2, 3))
    raises_like(lambda: np.cumulative_sum(a), lambda: ox.cumulative_sum(twin(a)))
    nout, oout = np.empty((2, 4)), ox.empty((2, 4))
    np.cumulative_sum(a, axis=1, include_initial=True, out=nout)
    assert ox.cumulative_sum(twin(a), axis=1, include_initial=True, out=oout) is oout
    assert_same(oout, nout)


# --- cov / corrcoef ----------------------------------------------------------------------


@fast
@given(st.data())
def test_cov_corrcoef(data):
    # matmul sums the products in a different order than NumPy's BLAS dot: 1e-12.
    na, oa = data.draw(array_pairs(["float64", "int32", "complex128"], min_dims=1, max_dims=2,
                                   min_side=2, elements=small_values, views=False))
    rowvar = data.draw(st.booleans())
    bias = data.draw(st.booleans())
    nr, nw = quiet(np.cov, na, rowvar=rowvar, bias=bias)
    orr, ow = quiet(ox.cov, oa, rowvar=rowvar, bias=bias)
    assert_close(orr, nr, atol=1e-12)
    assert ow == nw
    nr, nw = quiet(np.corrcoef, na, rowvar=rowvar)
    orr, ow = quiet(ox.corrcoef, oa, rowvar=rowvar)
    assert_close(orr, nr, atol=1e-12)


def test_cov_weights_and_y():
    x = np.array([[0.0, 2, 1, 5], [1, 1, 3, 2]])
    y = np.array([3.0, 1, 4, 1])
    fw = np.array([1, 2, 1, 3])
    aw = np.array([0.5, 1.0, 2.0, 1.5])
    assert_close(ox.cov(twin(x), twin(y)), np.cov(x, y))
    assert_close(ox.cov(twin(x), fweights=twin(fw), aweights=twin(aw)),
                 np.cov(x, fweights=fw, aweights=aw))
    assert_close(ox.corrcoef(twin(x), twin(y)), np.corrcoef(x, y))
    raises_like(lambda: np.cov(np.ones((2, 2, 2))), lambda: ox.cov(ox.ones((2, 2, 2))))


# --- histograms -------------------------------------------------------------------------

ESTIMATORS = ["auto", "fd", "doane", "scott", "stone", "rice", "sturges", "sqrt"]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_histogram_int_bins(data):
    dtype = data.draw(st.sampled_from(["float64", "float32", "int64", "int8", "uint16"]))
    na, oa = data.draw(array_pairs([dtype], max_dims=2,
                                   elements=lambda d: hnp.from_dtype(np.dtype(d), allow_nan=False,
                                                                     allow_infinity=False,
                                                                     min_value=-1e6 if np.dtype(d).kind == "f" else None,
                                                                     max_value=1e6 if np.dtype(d).kind == "f" else None)))
    bins = data.draw(st.integers(1, 30))
    rng = data.draw(st.one_of(st.none(), st.tuples(st.integers(-100, 0), st.integers(1, 100))))
    density = data.draw(st.sampled_from([None, True]))
    nr, nw = quiet(np.histogram, na, bins, range=rng, density=density)
    orr, ow = quiet(ox.histogram, oa, bins, range=rng, density=density)
    if isinstance(nr, Exception):
        assert isinstance(orr, type(nr)), (orr, nr)
        return
    assert ow == nw
    assert_same(orr[1], nr[1])
    if density:
        assert_close(orr[0], nr[0], rtol=1e-13)
    else:
        assert_same(orr[0], nr[0])
    assert_same(ox.histogram_bin_edges(oa, bins, range=rng), np.histogram_bin_edges(na, bins, range=rng))


@fast
@given(st.sampled_from(ESTIMATORS), st.data())
def test_histogram_estimators(est, data):
    na, oa = data.draw(array_pairs(["float64", "int64"], min_dims=1, max_dims=1, min_side=1,
                                   max_side=40, elements=small_values))
    same_with_warnings(lambda: np.histogram_bin_edges(na, est), lambda: ox.histogram_bin_edges(oa, est))
    same_with_warnings(lambda: np.histogram(na, est)[0], lambda: ox.histogram(oa, est)[0])


def test_histogram_edges_weights_and_errors():
    rng = np.random.default_rng(3)
    a = rng.standard_normal(1000)
    w = rng.random(1000)
    edges = np.array([-3.0, -1, -0.5, 0, 0.1, 2, 2, 3])
    nr, oe = np.histogram(a, edges), ox.histogram(twin(a), twin(edges))
    assert_same(oe[0], nr[0])
    assert_same(oe[1], nr[1])
    # weighted sums over unequal bins: NumPy differences cumulative sums: 1e-12.
    assert_close(ox.histogram(twin(a), twin(edges), weights=twin(w))[0],
                 np.histogram(a, edges, weights=w)[0], rtol=1e-12)
    # weighted uniform bins: same block order as NumPy: exact.
    assert_same(ox.histogram(twin(a), 20, weights=twin(w))[0], np.histogram(a, 20, weights=w)[0])
    wi = rng.integers(0, 5, 1000)
    assert_same(ox.histogram(twin(a), 7, weights=twin(wi))[0], np.histogram(a, 7, weights=wi)[0])
    wc = w + 1j * w[::-1]
    assert_same(ox.histogram(twin(a), 7, weights=twin(wc))[0], np.histogram(a, 7, weights=wc)[0])
    raises_like(lambda: np.histogram(a, [1, 0, 2]), lambda: ox.histogram(twin(a), [1, 0, 2]))
    raises_like(lambda: np.histogram(a, 5, range=(0, np.inf)),
                lambda: ox.histogram(twin(a), 5, range=(0, np.inf)))
    raises_like(lambda: np.histogram(np.array([1.0, np.nan])), lambda: ox.histogram(ox.array([1.0, math.nan])))
    raises_like(lambda: np.histogram(a, 5, range=(2, 1)), lambda: ox.histogram(twin(a), 5, range=(2, 1)))
    raises_like(lambda: np.histogram(a, 0), lambda: ox.histogram(twin(a), 0))
    raises_like(lambda: np.histogram(a, "bogus"), lambda: ox.histogram(twin(a), "bogus"))
    raises_like(lambda: np.histogram(a, "auto", weights=w), lambda: ox.histogram(twin(a), "auto", weights=twin(w)))
    raises_like(lambda: np.histogram(a, 5, weights=w[:3]), lambda: ox.histogram(twin(a), 5, weights=twin(w[:3])))


def test_histogram2d_dd():
    rng = np.random.default_rng(4)
    x, y, z = rng.standard_normal((3, 500))
    w = rng.random(500)
    for bins in (5, [4, 6], [np.linspace(-2, 2, 5), np.array([-1.0, 0, 3])]):
        nr = np.histogram2d(x, y, bins=bins, weights=w)
        orr = ox.histogram2d(twin(x), twin(y), bins=[twin(b) if isinstance(b, np.ndarray) else b for b in bins]
                             if isinstance(bins, list) else bins, weights=twin(w))
        for o, n in zip(orr, nr):
            assert_same(o, n)
    s = np.stack([x, y, z], axis=1)
    nr, ne = np.histogramdd(s, bins=(3, 4, 5), range=[(-1, 1), (-2, 2), (-3, 3)], density=True)
    orr, oe = ox.histogramdd(twin(s), bins=(3, 4, 5), range=[(-1, 1), (-2, 2), (-3, 3)], density=True)
    assert_close(orr, nr, rtol=1e-13)
    for o, n in zip(oe, ne):
        assert_same(o, n)


@fast
@given(st.data())
def test_bincount(data):
    dt = data.draw(st.sampled_from([np.int64, np.int32, np.uint8, np.bool_]))
    elems = st.booleans() if dt is np.bool_ else st.integers(0, 50)
    na = data.draw(hnp.arrays(dt, data.draw(st.integers(0, 30)), elements=elems))
    minlength = data.draw(st.integers(0, 40))
    assert_same(ox.bincount(twin(na), minlength=minlength), np.bincount(na, minlength=minlength))
    w = np.linspace(-1, 2, na.size)
    assert_same(ox.bincount(twin(na), weights=twin(w), minlength=minlength),
                np.bincount(na, weights=w, minlength=minlength))


def test_bincount_errors():
    raises_like(lambda: np.bincount(np.array([1, -1])), lambda: ox.bincount(ox.array([1, -1])))
    raises_like(lambda: np.bincount(np.array([1.0])), lambda: ox.bincount(ox.array([1.0])))
    raises_like(lambda: np.bincount(np.array([1]), minlength=-1), lambda: ox.bincount(ox.array([1]), minlength=-1))
    raises_like(lambda: np.bincount(np.array([1, 2]), weights=np.ones(3)),
                lambda: ox.bincount(ox.array([1, 2]), weights=ox.ones(3)))
    raises_like(lambda: np.bincount(np.ones((2, 2), int)), lambda: ox.bincount(ox.ones((2, 2), dtype=ox.int64)))
