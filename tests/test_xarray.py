"""xarray with oxarray as the duck array (issue 15, scope item 2).

Every operation runs twice, on a NumPy-backed and on an oxarray-backed DataArray/Dataset,
and the results must agree (values, dtype, dims, coords) while the oxarray one keeps
oxarray data (`type(da.data) is oxarray.ndarray`; 0-d results of full reductions are
oxarray scalars, as NumPy's reductions return NumPy scalars, which xarray converts to 0-d
NumPy arrays but keeps for other duck arrays).

xarray picks the namespace with `__array_namespace__` (xarray/compat/array_api_compat.py)
and wraps oxarray arrays in its `ArrayApiIndexingAdapter`. Operations that xarray only
implements for `numpy.dtype` instances or NumPy-only indexing are marked xfail(strict=True)
with the reason, so the day they start working the test says so.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import oxarray as ox

xr = pytest.importorskip("xarray")

Op = Callable[..., Any]

_rng = np.random.default_rng(15)
_A = _rng.standard_normal((4, 5))
_A[1, 2] = np.nan
_B = _rng.standard_normal(5)
_COORDS = {"x": [10, 20, 30, 40], "y": [0.0, 0.5, 1.0, 1.5, 2.0]}


def _pair(lib: Any) -> tuple[Any, Any, Any]:
    d = xr.DataArray(lib.asarray(_A), dims=("x", "y"), coords=_COORDS, name="v")
    e = xr.DataArray(lib.asarray(_B), dims="y", coords={"y": _COORDS["y"]})
    # A second array on partly different x labels: arithmetic aligns on the intersection.
    f = xr.DataArray(lib.asarray(_A[:3] * 2), dims=("x", "y"), coords={"x": [20, 30, 50], "y": _COORDS["y"]})
    return d, e, f


def _check(ro: Any, rn: Any, exact: bool = True) -> None:
    if isinstance(rn, xr.Dataset):
        assert set(ro.data_vars) == set(rn.data_vars)
        for k in rn.data_vars:
            _check(ro[k], rn[k], exact)
        return
    data = ro.data
    if rn.ndim == 0:
        assert isinstance(data, (ox.ndarray, ox.generic)), type(data)
    else:
        assert type(data) is ox.ndarray, type(data)
    assert ro.dims == rn.dims
    assert ro.coords.to_dataset().identical(rn.coords.to_dataset())
    got = np.asarray(data)
    assert got.dtype == rn.dtype
    if exact:
        np.testing.assert_array_equal(got, rn.values, strict=True)
    else:
        np.testing.assert_allclose(got, rn.values, rtol=1e-13, atol=1e-15)


# name -> (operation on (d, e, f), exact?)
OPS: dict[str, tuple[Op, bool]] = {
    "add scalar": (lambda d, e, f: d + 1, True),
    "rsub scalar": (lambda d, e, f: 2.0 - d, True),
    "int scalar keeps float32": (lambda d, e, f: d.astype("float32") * 3, True),
    "broadcast by name": (lambda d, e, f: d * e, True),
    "broadcast transposed": (lambda d, e, f: d.T - e, True),
    "align (inner join)": (lambda d, e, f: d + f, True),
    "compare": (lambda d, e, f: d > 0, True),
    "neg abs": (lambda d, e, f: abs(-d), True),
    "np.add ufunc": (lambda d, e, f: np.add(d, e), True),
    "np.sqrt ufunc": (lambda d, e, f: np.sqrt(abs(d)), True),
    "np.sin ufunc": (lambda d, e, f: np.sin(d), False),
    "apply_ufunc": (lambda d, e, f: xr.apply_ufunc(np.exp, d), False),
    "sum all": (lambda d, e, f: d.sum(), True),
    "sum x": (lambda d, e, f: d.sum("x"), True),
    "sum skipna=False": (lambda d, e, f: d.sum("y", skipna=False), True),
    "mean y": (lambda d, e, f: d.mean("y"), True),
    "mean all": (lambda d, e, f: d.mean(), True),
    "std x": (lambda d, e, f: d.std("x"), True),
    "std ddof=1": (lambda d, e, f: d.std("x", ddof=1), True),
    "var all": (lambda d, e, f: d.var(), True),
    "min x": (lambda d, e, f: d.min("x"), True),
    "max all": (lambda d, e, f: d.max(), True),
    "max skipna=False": (lambda d, e, f: d.max("y", skipna=False), True),
    "argmax y": (lambda d, e, f: d.argmax("y"), True),
    "argmin x": (lambda d, e, f: d.argmin("x"), True),
    "cumsum y": (lambda d, e, f: d.cumsum("y"), True),
    "cumprod x": (lambda d, e, f: d.cumprod("x"), True),
    "prod x": (lambda d, e, f: d.prod("x"), True),
    "median y": (lambda d, e, f: d.median("y"), True),
    "quantile": (lambda d, e, f: d.quantile(0.3, dim="y"), True),
    "count": (lambda d, e, f: d.count("y"), True),
    "any/all": (lambda d, e, f: (d > 0).any("y") & (d > -2).all("y"), True),
    "isnull/fillna": (lambda d, e, f: d.fillna(0.5) + d.isnull(), True),
    "dropna": (lambda d, e, f: d.dropna("y"), True),
    "isel int": (lambda d, e, f: d.isel(x=1), True),
    "isel slices": (lambda d, e, f: d.isel(x=slice(1, 3), y=slice(None, None, 2)), True),
    "isel list": (lambda d, e, f: d.isel(y=[0, 3, 1]), True),
    "sel label": (lambda d, e, f: d.sel(x=20), True),
    "sel slice": (lambda d, e, f: d.sel(x=slice(20, 30)), True),
    "sel list": (lambda d, e, f: d.sel(y=[0.5, 1.5]), True),
    "sel nearest": (lambda d, e, f: d.sel(x=21, method="nearest"), True),
    "loc": (lambda d, e, f: d.loc[20:30, 0.5], True),
    "getitem": (lambda d, e, f: d[1:, ::2], True),
    "where with other": (lambda d, e, f: d.where(d > 0, -1.0), True),
    "xr.where": (lambda d, e, f: xr.where(d > 0, d, 0.0), True),
    "concat existing dim": (lambda d, e, f: xr.concat([d, d * 2], dim="x"), True),
    "concat new dim": (lambda d, e, f: xr.concat([d, d], dim="new"), True),
    "transpose": (lambda d, e, f: d.transpose("y", "x"), True),
    "coarsen mean": (lambda d, e, f: d.coarsen(x=2).mean(), True),
    "groupby mean": (lambda d, e, f: d.groupby(xr.DataArray([0, 1, 0, 1], dims="x", coords={"x": d.x}, name="g")).mean(), True),
    "groupby sum": (lambda d, e, f: d.groupby(xr.DataArray(["p", "p", "q", "q"], dims="x", coords={"x": d.x}, name="g")).sum(), True),
    "diff": (lambda d, e, f: d.diff("y"), True),
    "roll": (lambda d, e, f: d.roll(y=2), True),
    "differentiate": (lambda d, e, f: d.differentiate("x"), True),
    "integrate": (lambda d, e, f: d.integrate("y"), True),
    "dot": (lambda d, e, f: d.dot(e), False),
    "astype round clip": (lambda d, e, f: d.astype("float32").round(2).clip(-0.5, 0.5), True),
    "stack/unstack": (lambda d, e, f: d.stack(z=("x", "y")).unstack("z"), True),
    "expand_dims/squeeze": (lambda d, e, f: d.expand_dims("w").isel(x=[1]).squeeze(), True),
    "broadcast_like": (lambda d, e, f: e.broadcast_like(d), True),
    "sortby": (lambda d, e, f: d.sortby("x", ascending=False), True),
    "isin": (lambda d, e, f: d.isin([0.0]), True),
    "Dataset arithmetic+mean": (lambda d, e, f: (xr.Dataset({"a": d, "b": d * 2}) + 1).mean("x"), True),
    "Dataset sum": (lambda d, e, f: d.to_dataset().sum(), True),
}

# Operations xarray cannot do on a non-NumPy duck array, with the reason (xarray's code,
# not oxarray's): strict xfails so a fix on either side is noticed.
_PROMOTE = "xarray.core.dtypes.maybe_promote requires isinstance(dtype, numpy.dtype) to choose the NaN fill value"
XFAIL: dict[str, tuple[Op, str]] = {
    "where without other": (lambda d, e, f: d.where(d > 0), _PROMOTE),
    "sum min_count": (lambda d, e, f: d.sum("y", min_count=5), _PROMOTE),
    "idxmax": (lambda d, e, f: d.idxmax("y"), _PROMOTE),
    "rolling mean": (lambda d, e, f: d.rolling(y=3).mean(), _PROMOTE + " (pads the windows with NaN; oxarray.lib.stride_tricks.sliding_window_view itself works)"),
    "rolling construct": (lambda d, e, f: d.rolling(y=2, center=True).construct("w"), _PROMOTE),
    "shift": (lambda d, e, f: d.shift(y=1), _PROMOTE),
    "pad": (lambda d, e, f: d.pad(y=(1, 2)), _PROMOTE),
    "reindex": (lambda d, e, f: d.reindex(x=[10, 15, 20]), _PROMOTE),
    "weighted": (lambda d, e, f: d.weighted(xr.DataArray(np.array([1.0, 2, 3, 4]), dims="x")).mean("x"), _PROMOTE),
    "vectorized isel": (
        lambda d, e, f: d.isel(x=xr.DataArray([0, 2], dims="z"), y=xr.DataArray([1, 4], dims="z")),
        "xarray's ArrayApiIndexingAdapter (used for every __array_namespace__ array) raises 'Vectorized indexing is not supported'",
    ),
}


@pytest.fixture(scope="module")
def both() -> tuple[tuple[Any, Any, Any], tuple[Any, Any, Any]]:
    return _pair(np), _pair(ox)


@pytest.mark.parametrize("name", list(OPS))
def test_matches_numpy_backed(name: str, both: Any) -> None:
    op, exact = OPS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        rn = op(*both[0])
        ro = op(*both[1])
    _check(ro, rn, exact)


@pytest.mark.parametrize("name", list(XFAIL))
def test_known_xarray_limitations(name: str, both: Any) -> None:
    op, reason = XFAIL[name]
    op(*both[0])  # NumPy-backed works
    with pytest.raises(TypeError):
        op(*both[1])
    pytest.xfail(reason)


def test_wrapping_and_conversion() -> None:
    a = ox.arange(12.0).reshape(3, 4)
    da = xr.DataArray(a, dims=("t", "s"))
    assert da.data is a  # no copy, no conversion
    assert da.variable._data is a
    v = da.values
    assert type(v) is np.ndarray and np.shares_memory(v, np.asarray(a))
    np.testing.assert_array_equal(da.to_numpy(), np.arange(12.0).reshape(3, 4))
    assert da.dtype == ox.float64 and da.shape == (3, 4) and da.nbytes == 96
    ref = xr.DataArray(np.arange(12.0).reshape(3, 4), dims=("t", "s"))
    assert repr(da) == repr(ref)
    assert da.chunks is None
    ds = xr.Dataset({"a": da})
    assert type(ds["a"].data) is ox.ndarray
    assert type(ds.a.mean("t").data) is ox.ndarray


def test_numpy_dtype_protocol() -> None:
    """NumPy reads oxarray dtypes through `__numpy_dtype__` (xarray calls np.issubdtype)."""
    for name in ["bool", "int8", "uint16", "int32", "int64", "float16", "float32", "float64", "complex64", "complex128"]:
        dt = ox.dtype(name)
        assert np.dtype(dt) == np.dtype(name)
        assert np.issubdtype(dt, np.number) == np.issubdtype(np.dtype(name), np.number)
    assert np.result_type(ox.dtype("float32"), np.int8) == np.float32


def test_scalar_getitem_as_numpy() -> None:
    """`s[()]`, `s[...]`, `s[None]` on scalars as NumPy's (xarray indexes 0-d results)."""
    for val, dt in [(2.5, "float64"), (-3, "int16"), (True, "bool"), (1 + 2j, "complex64")]:
        o, n = ox.dtype(dt).type(val), np.dtype(dt).type(val)
        assert type(o[()]) is type(o) and o[()] == n[()]
        for key in [..., None, (None, ...)]:
            r, e = o[key], n[key]
            assert type(r) is ox.ndarray and r.shape == e.shape and r.dtype == e.dtype
            np.testing.assert_array_equal(np.asarray(r), e)
        # Indexable, yet not a sequence: iterating raises TypeError as for NumPy scalars.
        with pytest.raises(TypeError):
            iter(n)
        with pytest.raises(TypeError):
            list(o)
        for bad in [0, slice(None), (0,)]:
            with pytest.raises(IndexError):
                n[bad]
            with pytest.raises(IndexError):
                o[bad]
