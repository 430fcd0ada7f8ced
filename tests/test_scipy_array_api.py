"""SciPy's array API support (`SCIPY_ARRAY_API=1`, set by conftest.py before SciPy is first
imported) on oxarray arrays: the function returns an oxarray array (or scalar) equal to the
same call on NumPy arrays (dtype, shape, values)."""

import numpy as np
import pytest

import oxarray as ox

scipy = pytest.importorskip("scipy")

import scipy.cluster.vq as vq  # noqa: E402
import scipy.fft as sfft  # noqa: E402
import scipy.integrate as si  # noqa: E402
import scipy.ndimage as ndi  # noqa: E402
import scipy.signal as sig  # noqa: E402
import scipy.special as sps  # noqa: E402
import scipy.stats as st  # noqa: E402

_rng = np.random.default_rng(0)
_X = _rng.standard_normal((20, 4))
_V = _rng.standard_normal(16)


def _X_(xp):
    return xp.asarray(_X)


def _V_(xp):
    return xp.asarray(_V)


def _P_(xp):  # positive values
    return xp.abs(xp.asarray(_V)) / 4 + 0.1


def _check(res_np, res_ox, rtol):
    if isinstance(res_np, tuple):
        assert len(res_ox) == len(res_np)
        for a, b in zip(res_np, res_ox):
            _check(a, b, rtol)
        return
    assert isinstance(res_ox, (ox.ndarray, ox.generic)), type(res_ox)
    got, want = np.asarray(res_ox), np.asarray(res_np)
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=rtol, atol=1e-14, equal_nan=True)


def test_scipy_sees_array_api_flag():
    from scipy._lib._array_api import SCIPY_ARRAY_API, array_namespace

    assert SCIPY_ARRAY_API
    assert array_namespace(ox.asarray([1.0])) is ox


_SPECIAL_1 = ["erf", "erfc", "erfinv", "erfcinv", "expit", "logit", "gammaln", "ndtr",
              "ndtri", "log_ndtr", "entr", "i0", "i0e", "i1", "i1e", "psi", "gamma",
              "loggamma", "rgamma", "sinc", "cbrt", "exp10", "exp2", "expm1", "log1p",
              "spence", "sindg", "softplus"]
_SPECIAL_2 = ["xlogy", "xlog1py", "rel_entr", "chdtr", "stdtr", "gammainc", "gammaincc",
              "betaln", "binom", "poch", "beta"]

CASES = {}
for _n in _SPECIAL_1:
    if hasattr(sps, _n):
        CASES["special." + _n] = (lambda xp, f=getattr(sps, _n): f(_P_(xp)), 1e-12)
for _n in _SPECIAL_2:
    if hasattr(sps, _n):
        CASES["special." + _n] = (
            lambda xp, f=getattr(sps, _n): f(_P_(xp) * 4 + 0.5, _P_(xp)), 1e-12
        )
CASES.update({
    "special.betainc": (lambda xp: sps.betainc(_P_(xp) + 1, _P_(xp) * 2, _P_(xp)), 1e-12),
    "special.logsumexp": (lambda xp: sps.logsumexp(_X_(xp), axis=0), 1e-13),
    "special.logsumexp_b": (lambda xp: sps.logsumexp(_X_(xp), axis=1, b=xp.abs(_X_(xp))), 1e-13),
    "special.logsumexp_all": (lambda xp: sps.logsumexp(_X_(xp)), 1e-13),
    "special.softmax": (lambda xp: sps.softmax(_X_(xp), axis=1), 1e-13),
    "special.log_softmax": (lambda xp: sps.log_softmax(_X_(xp), axis=1), 1e-13),
    # scipy.stats
    "stats.moment": (lambda xp: st.moment(_X_(xp), order=3, axis=0), 1e-12),
    "stats.skew": (lambda xp: st.skew(_X_(xp), axis=0), 1e-12),
    "stats.kurtosis": (lambda xp: st.kurtosis(_X_(xp), axis=0), 1e-12),
    "stats.zscore": (lambda xp: st.zscore(_X_(xp), axis=0), 1e-12),
    "stats.zscore_ddof": (lambda xp: st.zscore(_X_(xp), axis=1, ddof=1), 1e-12),
    "stats.zmap": (lambda xp: st.zmap(_X_(xp), _X_(xp)[:5], axis=0), 1e-12),
    "stats.variation": (lambda xp: st.variation(_X_(xp), axis=0), 1e-12),
    "stats.sem": (lambda xp: st.sem(_X_(xp), axis=0), 1e-12),
    "stats.gmean": (lambda xp: st.gmean(xp.abs(_X_(xp)) + 0.1, axis=0), 1e-12),
    "stats.hmean": (lambda xp: st.hmean(xp.abs(_X_(xp)) + 0.1, axis=0), 1e-12),
    "stats.pmean": (lambda xp: st.pmean(xp.abs(_X_(xp)) + 0.1, 2.5, axis=0), 1e-12),
    "stats.entropy": (lambda xp: st.entropy(xp.abs(_X_(xp)) + 0.1, axis=0), 1e-12),
    "stats.tmean": (lambda xp: st.tmean(_X_(xp), (-1.0, 1.0), axis=0), 1e-12),
    "stats.tvar": (lambda xp: st.tvar(_X_(xp), axis=0), 1e-12),
    "stats.tmin": (lambda xp: st.tmin(_X_(xp), -0.5, axis=0), 1e-12),
    "stats.tmax": (lambda xp: st.tmax(_X_(xp), 0.5, axis=0), 1e-12),
    "stats.circmean": (lambda xp: st.circmean(_X_(xp), axis=0), 1e-12),
    "stats.circstd": (lambda xp: st.circstd(_X_(xp), axis=0), 1e-12),
    "stats.iqr": (lambda xp: st.iqr(_X_(xp), axis=0), 1e-12),
    "stats.rankdata": (lambda xp: st.rankdata(_X_(xp), axis=0), 0),
    "stats.trim_mean": (lambda xp: st.trim_mean(_X_(xp), 0.1, axis=0), 1e-12),
    "stats.quantile": (lambda xp: st.quantile(_X_(xp), xp.asarray([[0.1], [0.5]]), axis=0), 1e-12),
    "stats.lmoment": (lambda xp: st.lmoment(_X_(xp), axis=0), 1e-12),
    "stats.describe": (lambda xp: tuple(st.describe(_X_(xp), axis=0)[2:]), 1e-12),
    "stats.ttest_1samp": (lambda xp: tuple(st.ttest_1samp(_X_(xp), 0.0, axis=0)), 1e-10),
    "stats.ttest_ind": (lambda xp: tuple(st.ttest_ind(_X_(xp)[:, 0], _X_(xp)[:, 1])), 1e-10),
    "stats.ttest_rel": (lambda xp: tuple(st.ttest_rel(_X_(xp)[:, 0], _X_(xp)[:, 1])), 1e-10),
    "stats.pearsonr": (lambda xp: tuple(st.pearsonr(_X_(xp)[:, 0], _X_(xp)[:, 1])[:2]), 1e-10),
    "stats.skewtest": (lambda xp: tuple(st.skewtest(_X_(xp), axis=0)), 1e-10),
    "stats.normaltest": (lambda xp: tuple(st.normaltest(_X_(xp), axis=0)), 1e-10),
    "stats.jarque_bera": (lambda xp: tuple(st.jarque_bera(_X_(xp), axis=0)), 1e-10),
    "stats.chisquare": (lambda xp: tuple(st.chisquare(xp.asarray([10.0, 12.0, 9.0, 15.0]))), 1e-10),
    "stats.bartlett": (lambda xp: tuple(st.bartlett(_X_(xp)[:, 0], _X_(xp)[:, 1])), 1e-10),
    "stats.levene": (lambda xp: tuple(st.levene(_X_(xp)[:, 0], _X_(xp)[:, 1])), 1e-10),
    "stats.f_oneway": (lambda xp: tuple(st.f_oneway(_X_(xp)[:, 0], _X_(xp)[:, 1])), 1e-10),
    "stats.combine_pvalues": (lambda xp: tuple(st.combine_pvalues(xp.asarray([0.1, 0.2, 0.03]))), 1e-12),
    # scipy.fft
    "fft.fftfreq": (lambda xp: sfft.fftfreq(8, d=0.5, xp=xp), 0),
    "fft.rfftfreq": (lambda xp: sfft.rfftfreq(8, d=0.5, xp=xp), 0),
    "fft.fftshift": (lambda xp: sfft.fftshift(_X_(xp)), 0),
    "fft.ifftshift": (lambda xp: sfft.ifftshift(_X_(xp), axes=0), 0),
    # scipy.cluster, scipy.integrate, scipy.signal, scipy.ndimage
    "cluster.vq.whiten": (lambda xp: vq.whiten(_X_(xp)), 1e-13),
    "cluster.vq.vq": (lambda xp: vq.vq(_X_(xp), _X_(xp)[:3]), 1e-13),
    "cluster.vq.kmeans2": (lambda xp: vq.kmeans2(_X_(xp), _X_(xp)[:3], minit="matrix", iter=5), 1e-12),
    "integrate.trapezoid": (lambda xp: si.trapezoid(_X_(xp), axis=0), 1e-13),
    "integrate.cumulative_trapezoid": (lambda xp: si.cumulative_trapezoid(_X_(xp), axis=0), 1e-13),
    "integrate.cumulative_simpson": (lambda xp: si.cumulative_simpson(_X_(xp), axis=0), 1e-12),
    "signal.convolve": (lambda xp: sig.convolve(_V_(xp), _V_(xp)[:5]), 1e-12),
    "signal.correlate": (lambda xp: sig.correlate(_V_(xp), _V_(xp)[:5]), 1e-12),
    "signal.fftconvolve": (lambda xp: sig.fftconvolve(_V_(xp), _V_(xp)[:5]), 1e-10),
    "signal.oaconvolve": (lambda xp: sig.oaconvolve(_V_(xp), _V_(xp)[:5]), 1e-10),
    "signal.detrend": (lambda xp: sig.detrend(_V_(xp)), 1e-10),
    "signal.lfilter": (lambda xp: sig.lfilter(xp.asarray([0.2, 0.3]), xp.asarray([1.0, -0.4]), _V_(xp)), 1e-12),
    "signal.filtfilt": (lambda xp: sig.filtfilt(xp.asarray([0.2, 0.3]), xp.asarray([1.0, -0.4]), _V_(xp)), 1e-10),
    "signal.hilbert": (lambda xp: sig.hilbert(_V_(xp)), 1e-10),
    "signal.medfilt": (lambda xp: sig.medfilt(_V_(xp)), 0),
    "signal.savgol_filter": (lambda xp: sig.savgol_filter(_V_(xp), 5, 2), 1e-10),
    "signal.resample": (lambda xp: sig.resample(_V_(xp), 8), 1e-10),
    "signal.freqz": (lambda xp: sig.freqz(xp.asarray([0.2, 0.3]), xp.asarray([1.0, -0.4]), worN=8), 1e-10),
    "ndimage.gaussian_filter": (lambda xp: ndi.gaussian_filter(_X_(xp), 1.0), 1e-13),
    "ndimage.uniform_filter": (lambda xp: ndi.uniform_filter(_X_(xp), 3), 1e-13),
    "ndimage.median_filter": (lambda xp: ndi.median_filter(_X_(xp), 3), 0),
    "ndimage.zoom": (lambda xp: ndi.zoom(_X_(xp), 2, order=1), 1e-13),
    "ndimage.label": (lambda xp: ndi.label(_X_(xp) > 0)[0], 0),
})
for _n in ["fft", "ifft", "rfft", "irfft", "hfft", "ihfft", "fftn", "ifftn", "rfftn",
           "irfftn", "fft2", "ifft2", "rfft2", "irfft2", "dct", "idct", "dst", "idst",
           "dctn", "idctn", "dstn", "idstn"]:
    CASES["fft." + _n] = (lambda xp, f=getattr(sfft, _n): f(_X_(xp)), 1e-10)


@pytest.mark.parametrize("name", sorted(CASES))
def test_scipy_function(name):
    f, rtol = CASES[name]
    _check(f(np), f(ox), rtol)


def test_foreign_ufunc_scalar_and_0d():
    """A SciPy ufunc (not wrapped for the array API) on oxarray operands follows oxarray's
    rule: scalars give a scalar, a 0-d array a 0-d array."""
    r = sps.erfcinv(ox.asarray(0.3))
    assert isinstance(r, ox.ndarray) and r.shape == ()
    r = sps.erfcinv(ox.asarray([0.3, 1.2]))
    np.testing.assert_array_equal(np.asarray(r), sps.erfcinv(np.asarray([0.3, 1.2])))
