# mypy: disable-error-code="overload-overlap"
"""oxarray namespace: statistics and numerical helpers (NumPy 2.x signatures).

Where the numerics live:

* Rust core (``oxarray_core::ops::stats`` / ``ops::histogram``), reached through ``_core``:
  ``mean``/``std``/``var`` (the ndarray methods), the NaN replacement behind the ``nan*``
  reductions, ``median``/``quantile`` selection and interpolation (of object arrays:
  NumPy's own Python algorithm over partition and the object loops, ``_objorder``), ``isclose`` (fused,
  float64), ``convolve``/``correlate``, ``interp``, ``i0``, the histogram loops and
  ``bincount``.
* Here, as NumPy itself writes them in Python over ufuncs and reductions: argument
  handling (axes, ``keepdims``, ``out``), ``average``, ``ptp``, ``cov``, ``corrcoef``, the
  bin-width estimators, ``diff``, ``gradient``, ``trapezoid``, ``unwrap``, ``sinc``,
  ``fix`` and the window functions.
"""

from __future__ import annotations

import builtins
import math
import operator
import warnings
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from . import _core as _c
from . import _objorder
from ._core import asarray, bincount, broadcast_to, ndarray
from ._errstate import errstate
from .exceptions import AxisError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._core import ArrayLike, DTypeLike, _AxisLike, _NestedSequence, _NumberLike, _ShapeLike, generic
    from ._core import bool as bool_

    _ArrayT = TypeVar("_ArrayT", bound=ndarray)

__all__ = [
    "allclose", "array_equal", "array_equiv", "average", "bartlett", "bincount", "blackman",
    "convolve", "corrcoef", "correlate", "cov", "cumulative_prod", "cumulative_sum", "diff",
    "fix", "gradient", "hamming", "hanning", "histogram", "histogram2d",
    "histogram_bin_edges", "histogramdd", "i0", "interp", "isclose", "kaiser", "median",
    "nancumprod", "nancumsum", "nanmax", "nanmean", "nanmedian", "nanmin", "nanpercentile",
    "nanprod", "nanquantile", "nanstd", "nansum", "nanvar", "percentile", "ptp", "quantile",
    "sinc", "std", "trapezoid", "unwrap", "var",
]


class _NoValueType:
    """Marks an argument that was not given (NumPy's ``_NoValue``)."""

    def __repr__(self) -> str:
        return "<no value>"


_NoValue: Any = _NoValueType()
_range = builtins.range
_OBJECT = _c.dtype("O")


def _kw(**kwargs: Any) -> dict[str, Any]:
    return {k: v for k, v in kwargs.items() if v is not _NoValue}


def _norm_axis(ax: Any, ndim: int) -> int:
    ax = operator.index(ax)
    if not -ndim <= ax < ndim:
        raise AxisError(f"axis {ax} is out of bounds for array of dimension {ndim}")
    return ax % ndim


def _norm_axes(axis: Any, ndim: int) -> tuple[int, ...]:
    if not isinstance(axis, (tuple, list)):
        axis = (axis,)
    out = tuple(_norm_axis(a, ndim) for a in axis)
    if len(set(out)) != len(out):
        raise ValueError("repeated axis")
    return out


def _scalar_or_array(r: Any) -> Any:
    if isinstance(r, ndarray) and r.ndim == 0:
        return r[()]
    return r


def _finish(r: Any, out: Any, keepdims: bool = False) -> Any:
    if out is not None:
        out[...] = r
        return out
    return r if keepdims else _scalar_or_array(r)


def _concat(arrays: list[Any], axis: int) -> Any:
    """Join arrays along an existing axis (empty + slice assignment)."""
    arrays = [asarray(a) for a in arrays]
    dt = _c.result_type(*arrays)
    shape = list(arrays[0].shape)
    shape[axis] = builtins.sum(a.shape[axis] for a in arrays)
    res = _c.empty(tuple(shape), dtype=dt)
    start = 0
    for a in arrays:
        idx = [slice(None)] * len(shape)
        idx[axis] = slice(start, start + a.shape[axis])
        res[tuple(idx)] = a
        start += a.shape[axis]
    return res


# ---------------------------------------------------------------------------------------
# Moments.


@overload
def std(a: ArrayLike, axis: None = None, dtype: DTypeLike | None = ..., out: None = None, ddof: float = ..., keepdims: Literal[False] = ..., *, where: ArrayLike | _NoValueType = ..., mean: ArrayLike | _NoValueType = ..., correction: float | _NoValueType = ...) -> generic: ...
@overload
def std(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., *, out: _ArrayT, ddof: float = ..., keepdims: bool = ..., where: ArrayLike | _NoValueType = ..., mean: ArrayLike | _NoValueType = ..., correction: float | _NoValueType = ...) -> _ArrayT: ...
@overload
def std(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., out: None = None, ddof: float = ..., *, keepdims: Literal[True], where: ArrayLike | _NoValueType = ..., mean: ArrayLike | _NoValueType = ..., correction: float | _NoValueType = ...) -> ndarray: ...
@overload
def std(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., out: ndarray | None = ..., ddof: float = ..., keepdims: bool = ..., *, where: ArrayLike | _NoValueType = ..., mean: ArrayLike | _NoValueType = ..., correction: float | _NoValueType = ...) -> Any: ...
def std(a: Any, axis: Any = None, dtype: Any = None, out: Any = None, ddof: Any = 0,
        keepdims: bool = False, *, where: Any = _NoValue, mean: Any = _NoValue,
        correction: Any = _NoValue) -> Any:
    """Standard deviation over the given axes (NumPy's ``_std``, computed in the core)."""
    return asarray(a).std(axis, dtype, out, ddof, keepdims,
                          **_kw(where=where, mean=mean, correction=correction))


@overload
def var(a: ArrayLike, axis: None = None, dtype: DTypeLike | None = ..., out: None = None, ddof: float = ..., keepdims: Literal[False] = ..., *, where: ArrayLike | _NoValueType = ..., mean: ArrayLike | _NoValueType = ..., correction: float | _NoValueType = ...) -> generic: ...
@overload
def var(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., *, out: _ArrayT, ddof: float = ..., keepdims: bool = ..., where: ArrayLike | _NoValueType = ..., mean: ArrayLike | _NoValueType = ..., correction: float | _NoValueType = ...) -> _ArrayT: ...
@overload
def var(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., out: None = None, ddof: float = ..., *, keepdims: Literal[True], where: ArrayLike | _NoValueType = ..., mean: ArrayLike | _NoValueType = ..., correction: float | _NoValueType = ...) -> ndarray: ...
@overload
def var(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., out: ndarray | None = ..., ddof: float = ..., keepdims: bool = ..., *, where: ArrayLike | _NoValueType = ..., mean: ArrayLike | _NoValueType = ..., correction: float | _NoValueType = ...) -> Any: ...
def var(a: Any, axis: Any = None, dtype: Any = None, out: Any = None, ddof: Any = 0,
        keepdims: bool = False, *, where: Any = _NoValue, mean: Any = _NoValue,
        correction: Any = _NoValue) -> Any:
    """Variance over the given axes (NumPy's ``_var``, computed in the core)."""
    return asarray(a).var(axis, dtype, out, ddof, keepdims,
                          **_kw(where=where, mean=mean, correction=correction))


@overload
def ptp(a: ArrayLike, axis: None = None, out: None = None, keepdims: Literal[False] = ...) -> generic: ...
@overload
def ptp(a: ArrayLike, axis: _AxisLike | None = ..., *, out: _ArrayT, keepdims: bool = ...) -> _ArrayT: ...
@overload
def ptp(a: ArrayLike, axis: _AxisLike | None = ..., out: None = None, *, keepdims: Literal[True]) -> ndarray: ...
@overload
def ptp(a: ArrayLike, axis: _AxisLike | None = ..., out: ndarray | None = ..., keepdims: bool = ...) -> Any: ...
def ptp(a: Any, axis: Any = None, out: Any = None, keepdims: bool = False) -> Any:
    """Range of values (maximum - minimum) along an axis."""
    a = asarray(a)
    return _c.subtract(a.max(axis, None, keepdims), a.min(axis, None, keepdims),
                       **({"out": out} if out is not None else {}))


@overload
def average(a: ArrayLike, axis: None = None, weights: ArrayLike | None = None, returned: Literal[False] = False, *, keepdims: Literal[False] | _NoValueType = ...) -> generic: ...
@overload
def average(a: ArrayLike, axis: _AxisLike | None = None, weights: ArrayLike | None = None, returned: Literal[False] = False, *, keepdims: Literal[True]) -> ndarray: ...
@overload
def average(a: ArrayLike, axis: _AxisLike | None = None, weights: ArrayLike | None = None, *, returned: Literal[True], keepdims: bool | _NoValueType = ...) -> tuple[Any, Any]: ...
@overload
def average(a: ArrayLike, axis: _AxisLike | None = None, weights: ArrayLike | None = None, returned: bool = False, *, keepdims: bool | _NoValueType = ...) -> Any: ...
def average(a: Any, axis: Any = None, weights: Any = None, returned: bool = False, *,
            keepdims: Any = _NoValue) -> Any:
    """Weighted average along the given axes (NumPy's algorithm)."""
    a = asarray(a)
    if axis is not None:
        axis = _norm_axes(axis, a.ndim)
    kw = {} if keepdims is _NoValue else {"keepdims": keepdims}
    if weights is None:
        avg = a.mean(axis, **kw)
        avg_arr = asarray(avg)
        scl = avg_arr.dtype.type(a.size / avg_arr.size)
    else:
        wgt = asarray(weights)
        if a.dtype.kind in "biu":
            rdt = _c.result_type(a.dtype, wgt.dtype, "f8")
        else:
            rdt = _c.result_type(a.dtype, wgt.dtype)
        if a.shape != wgt.shape:
            if axis is None:
                raise TypeError("Axis must be specified when shapes of a and weights differ.")
            if wgt.shape != tuple(a.shape[ax] for ax in axis):
                raise ValueError("Shape of weights must be consistent with shape of a along "
                                 "specified axis.")
            order = sorted(_range(len(axis)), key=lambda i: axis[i])
            wgt = wgt.transpose(order)
            wgt = wgt.reshape(tuple(s if ax in axis else 1 for ax, s in enumerate(a.shape)))
        scl = wgt.sum(axis, rdt, **kw)
        if (asarray(scl) == 0.0).any():
            raise ZeroDivisionError("Weights sum to zero, can't be normalized")
        avg = avg_arr = _c.multiply(a, wgt, dtype=rdt).sum(axis, **kw) / scl
        avg_arr = asarray(avg)
    if returned:
        if asarray(scl).shape != avg_arr.shape:
            scl = broadcast_to(asarray(scl), avg_arr.shape).copy()
        return avg, scl
    return avg


# ---------------------------------------------------------------------------------------
# NaN-skipping reductions (NumPy's ``_nanfunctions_impl``).


def _replace_nan(a: Any, val: float) -> tuple[Any, Any]:
    return _c._replace_nan(asarray(a), val)


def _divide_by_count(a: Any, b: Any, out: Any = None) -> Any:
    with errstate(invalid="ignore", divide="ignore"):
        if isinstance(a, ndarray):
            return _c.divide(a, b, out=a if out is None else out, casting="unsafe")
        if out is None:
            return a.dtype.type(a / b)
        return _c.divide(a, b, out=out, casting="unsafe")


@overload
def nansum(a: ArrayLike, axis: None = None, dtype: DTypeLike | None = ..., out: None = None, keepdims: Literal[False] = ..., initial: _NumberLike | _NoValueType = ..., where: ArrayLike | _NoValueType = ...) -> generic: ...
@overload
def nansum(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., *, out: _ArrayT, keepdims: bool = ..., initial: _NumberLike | _NoValueType = ..., where: ArrayLike | _NoValueType = ...) -> _ArrayT: ...
@overload
def nansum(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., out: None = None, *, keepdims: Literal[True], initial: _NumberLike | _NoValueType = ..., where: ArrayLike | _NoValueType = ...) -> ndarray: ...
@overload
def nansum(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., out: ndarray | None = ..., keepdims: bool = ..., initial: _NumberLike | _NoValueType = ..., where: ArrayLike | _NoValueType = ...) -> Any: ...
def nansum(a: Any, axis: Any = None, dtype: Any = None, out: Any = None,
           keepdims: bool = False, initial: Any = _NoValue, where: Any = _NoValue) -> Any:
    """Sum treating NaN as zero."""
    arr, _ = _replace_nan(a, 0.0)
    return arr.sum(axis, dtype, out, keepdims, **_kw(initial=initial, where=where))


@overload
def nanprod(a: ArrayLike, axis: None = None, dtype: DTypeLike | None = ..., out: None = None, keepdims: Literal[False] = ..., initial: _NumberLike | _NoValueType = ..., where: ArrayLike | _NoValueType = ...) -> generic: ...
@overload
def nanprod(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., *, out: _ArrayT, keepdims: bool = ..., initial: _NumberLike | _NoValueType = ..., where: ArrayLike | _NoValueType = ...) -> _ArrayT: ...
@overload
def nanprod(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., out: None = None, *, keepdims: Literal[True], initial: _NumberLike | _NoValueType = ..., where: ArrayLike | _NoValueType = ...) -> ndarray: ...
@overload
def nanprod(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., out: ndarray | None = ..., keepdims: bool = ..., initial: _NumberLike | _NoValueType = ..., where: ArrayLike | _NoValueType = ...) -> Any: ...
def nanprod(a: Any, axis: Any = None, dtype: Any = None, out: Any = None,
            keepdims: bool = False, initial: Any = _NoValue, where: Any = _NoValue) -> Any:
    """Product treating NaN as one."""
    arr, _ = _replace_nan(a, 1.0)
    return arr.prod(axis, dtype, out, keepdims, **_kw(initial=initial, where=where))


def nancumsum(a: ArrayLike, axis: _AxisLike | None = None, dtype: DTypeLike | None = None, out: ndarray | None = None) -> ndarray:
    """Cumulative sum treating NaN as zero."""
    arr, _ = _replace_nan(a, 0.0)
    return arr.cumsum(axis, dtype, out)


def nancumprod(a: ArrayLike, axis: _AxisLike | None = None, dtype: DTypeLike | None = None, out: ndarray | None = None) -> ndarray:
    """Cumulative product treating NaN as one."""
    arr, _ = _replace_nan(a, 1.0)
    return arr.cumprod(axis, dtype, out)


def _nan_minmax(uf: Any, method: str, a: Any, axis: Any, out: Any, keepdims: bool,
                initial: Any, where: Any) -> Any:
    a = asarray(a)
    kw = _kw(initial=initial, where=where)
    if a.dtype.kind in "fc":
        res = uf.reduce(a, axis=axis, out=out, keepdims=keepdims, **kw)
        if asarray(_c.isnan(res)).any():
            warnings.warn("All-NaN slice encountered", RuntimeWarning, stacklevel=3)
        return res
    return getattr(a, method)(axis, out, keepdims, **kw)


@overload
def nanmin(a: ArrayLike, axis: None = None, out: None = None, keepdims: Literal[False] = ..., initial: _NumberLike | _NoValueType = ..., where: ArrayLike | _NoValueType = ...) -> generic: ...
@overload
def nanmin(a: ArrayLike, axis: _AxisLike | None = ..., *, out: _ArrayT, keepdims: bool = ..., initial: _NumberLike | _NoValueType = ..., where: ArrayLike | _NoValueType = ...) -> _ArrayT: ...
@overload
def nanmin(a: ArrayLike, axis: _AxisLike | None = ..., out: None = None, *, keepdims: Literal[True], initial: _NumberLike | _NoValueType = ..., where: ArrayLike | _NoValueType = ...) -> ndarray: ...
@overload
def nanmin(a: ArrayLike, axis: _AxisLike | None = ..., out: ndarray | None = ..., keepdims: bool = ..., initial: _NumberLike | _NoValueType = ..., where: ArrayLike | _NoValueType = ...) -> Any: ...
def nanmin(a: Any, axis: Any = None, out: Any = None, keepdims: bool = False,
           initial: Any = _NoValue, where: Any = _NoValue) -> Any:
    """Minimum ignoring NaN (``fmin.reduce``; all-NaN slices warn and give NaN)."""
    return _nan_minmax(_c.fmin, "min", a, axis, out, keepdims, initial, where)


@overload
def nanmax(a: ArrayLike, axis: None = None, out: None = None, keepdims: Literal[False] = ..., initial: _NumberLike | _NoValueType = ..., where: ArrayLike | _NoValueType = ...) -> generic: ...
@overload
def nanmax(a: ArrayLike, axis: _AxisLike | None = ..., *, out: _ArrayT, keepdims: bool = ..., initial: _NumberLike | _NoValueType = ..., where: ArrayLike | _NoValueType = ...) -> _ArrayT: ...
@overload
def nanmax(a: ArrayLike, axis: _AxisLike | None = ..., out: None = None, *, keepdims: Literal[True], initial: _NumberLike | _NoValueType = ..., where: ArrayLike | _NoValueType = ...) -> ndarray: ...
@overload
def nanmax(a: ArrayLike, axis: _AxisLike | None = ..., out: ndarray | None = ..., keepdims: bool = ..., initial: _NumberLike | _NoValueType = ..., where: ArrayLike | _NoValueType = ...) -> Any: ...
def nanmax(a: Any, axis: Any = None, out: Any = None, keepdims: bool = False,
           initial: Any = _NoValue, where: Any = _NoValue) -> Any:
    """Maximum ignoring NaN (``fmax.reduce``; all-NaN slices warn and give NaN)."""
    return _nan_minmax(_c.fmax, "max", a, axis, out, keepdims, initial, where)


@overload
def nanmean(a: ArrayLike, axis: None = None, dtype: DTypeLike | None = ..., out: None = None, keepdims: Literal[False] = ..., *, where: ArrayLike | _NoValueType = ...) -> generic: ...
@overload
def nanmean(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., *, out: _ArrayT, keepdims: bool = ..., where: ArrayLike | _NoValueType = ...) -> _ArrayT: ...
@overload
def nanmean(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., out: None = None, *, keepdims: Literal[True], where: ArrayLike | _NoValueType = ...) -> ndarray: ...
@overload
def nanmean(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., out: ndarray | None = ..., keepdims: bool = ..., *, where: ArrayLike | _NoValueType = ...) -> Any: ...
def nanmean(a: Any, axis: Any = None, dtype: Any = None, out: Any = None,
            keepdims: bool = False, *, where: Any = _NoValue) -> Any:
    """Mean ignoring NaN."""
    arr, mask = _replace_nan(a, 0.0)
    if mask is None:
        return arr.mean(axis, dtype, out, keepdims, **_kw(where=where))
    if dtype is not None and _c.dtype(dtype).kind not in "fc":
        raise TypeError("If a is inexact, then dtype must be inexact")
    if out is not None and out.dtype.kind not in "fc":
        raise TypeError("If a is inexact, then out must be inexact")
    cnt = _c.logical_not(mask).sum(axis, _c.int64, None, keepdims, **_kw(where=where))
    tot = arr.sum(axis, dtype, out, keepdims, **_kw(where=where))
    avg = _divide_by_count(tot, cnt, out=out)
    if asarray(cnt == 0).any():
        warnings.warn("Mean of empty slice", RuntimeWarning, stacklevel=2)
    return avg


@overload
def nanvar(a: ArrayLike, axis: None = None, dtype: DTypeLike | None = ..., out: None = None, ddof: float = ..., keepdims: Literal[False] = ..., *, where: ArrayLike | _NoValueType = ..., mean: ArrayLike | _NoValueType = ..., correction: float | _NoValueType = ...) -> generic: ...
@overload
def nanvar(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., *, out: _ArrayT, ddof: float = ..., keepdims: bool = ..., where: ArrayLike | _NoValueType = ..., mean: ArrayLike | _NoValueType = ..., correction: float | _NoValueType = ...) -> _ArrayT: ...
@overload
def nanvar(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., out: None = None, ddof: float = ..., *, keepdims: Literal[True], where: ArrayLike | _NoValueType = ..., mean: ArrayLike | _NoValueType = ..., correction: float | _NoValueType = ...) -> ndarray: ...
@overload
def nanvar(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., out: ndarray | None = ..., ddof: float = ..., keepdims: bool = ..., *, where: ArrayLike | _NoValueType = ..., mean: ArrayLike | _NoValueType = ..., correction: float | _NoValueType = ...) -> Any: ...
def nanvar(a: Any, axis: Any = None, dtype: Any = None, out: Any = None, ddof: Any = 0,
           keepdims: bool = False, *, where: Any = _NoValue, mean: Any = _NoValue,
           correction: Any = _NoValue) -> Any:
    """Variance ignoring NaN (NumPy's algorithm)."""
    arr, mask = _replace_nan(a, 0.0)
    if mask is None:
        return arr.var(axis, dtype, out, ddof, keepdims,
                       **_kw(where=where, mean=mean, correction=correction))
    if dtype is not None and _c.dtype(dtype).kind not in "fc":
        raise TypeError("If a is inexact, then dtype must be inexact")
    if out is not None and out.dtype.kind not in "fc":
        raise TypeError("If a is inexact, then out must be inexact")
    if correction is not _NoValue:
        if ddof != 0:
            raise ValueError("ddof and correction can't be provided simultaneously.")
        ddof = correction
    wkw = _kw(where=where)
    cnt = _c.logical_not(mask).sum(axis, _c.int64, None, True, **wkw)
    if mean is not _NoValue:
        avg = mean
    else:
        avg = arr.sum(axis, dtype, None, True, **wkw)
        avg = _divide_by_count(avg, cnt)
    _c.subtract(arr, avg, out=arr, casting="unsafe", **wkw)
    arr[mask] = 0
    if arr.dtype.kind == "c":
        sqr = _c.multiply(arr, _c.conjugate(arr), out=arr, **wkw).real
    else:
        sqr = _c.multiply(arr, arr, out=arr, **wkw)
    v = sqr.sum(axis, dtype, out, keepdims, **wkw)
    vnd = v.ndim if hasattr(v, "ndim") else 0
    if vnd < cnt.ndim:
        cnt = cnt.squeeze(axis) if axis is not None else cnt.reshape(())
    dof = cnt - ddof
    v = _divide_by_count(v, dof)
    isbad = dof <= 0
    if asarray(isbad).any():
        warnings.warn("Degrees of freedom <= 0 for slice.", RuntimeWarning, stacklevel=2)
        if isinstance(v, ndarray):
            v[isbad] = math.nan
        else:
            v = v.dtype.type(math.nan)
    return v


@overload
def nanstd(a: ArrayLike, axis: None = None, dtype: DTypeLike | None = ..., out: None = None, ddof: float = ..., keepdims: Literal[False] = ..., *, where: ArrayLike | _NoValueType = ..., mean: ArrayLike | _NoValueType = ..., correction: float | _NoValueType = ...) -> generic: ...
@overload
def nanstd(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., *, out: _ArrayT, ddof: float = ..., keepdims: bool = ..., where: ArrayLike | _NoValueType = ..., mean: ArrayLike | _NoValueType = ..., correction: float | _NoValueType = ...) -> _ArrayT: ...
@overload
def nanstd(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., out: None = None, ddof: float = ..., *, keepdims: Literal[True], where: ArrayLike | _NoValueType = ..., mean: ArrayLike | _NoValueType = ..., correction: float | _NoValueType = ...) -> ndarray: ...
@overload
def nanstd(a: ArrayLike, axis: _AxisLike | None = ..., dtype: DTypeLike | None = ..., out: ndarray | None = ..., ddof: float = ..., keepdims: bool = ..., *, where: ArrayLike | _NoValueType = ..., mean: ArrayLike | _NoValueType = ..., correction: float | _NoValueType = ...) -> Any: ...
def nanstd(a: Any, axis: Any = None, dtype: Any = None, out: Any = None, ddof: Any = 0,
           keepdims: bool = False, *, where: Any = _NoValue, mean: Any = _NoValue,
           correction: Any = _NoValue) -> Any:
    """Standard deviation ignoring NaN."""
    v = nanvar(a, axis=axis, dtype=dtype, out=out, ddof=ddof, keepdims=keepdims,
               where=where, mean=mean, correction=correction)
    if isinstance(v, ndarray):
        return _c.sqrt(v, out=v)
    if hasattr(v, "dtype"):
        return v.dtype.type(_c.sqrt(v))
    return _c.sqrt(v)


# ---------------------------------------------------------------------------------------
# Order statistics (NumPy's ``_ureduce`` for tuple axes and keepdims).


def _ureduce(a: Any, axis: Any) -> tuple[Any, int | None, tuple[int, ...]]:
    """(array to reduce, single axis or None, the kept shape for keepdims)."""
    nd = a.ndim
    if axis is None:
        return a, None, (1,) * nd
    axes = _norm_axes(axis, nd)
    kept = tuple(1 if i in axes else s for i, s in enumerate(a.shape))
    if len(axes) == 1:
        return a, axes[0], kept
    keep = [i for i in _range(nd) if i not in axes]
    t = a.transpose(keep + list(axes))
    t = t.reshape(tuple(a.shape[i] for i in keep) + (-1,))
    return t, t.ndim - 1, kept


@overload
def median(a: ArrayLike, axis: None = None, out: None = None, overwrite_input: bool = ..., keepdims: Literal[False] = ...) -> generic: ...
@overload
def median(a: ArrayLike, axis: _AxisLike | None = ..., *, out: _ArrayT, overwrite_input: bool = ..., keepdims: bool = ...) -> _ArrayT: ...
@overload
def median(a: ArrayLike, axis: _AxisLike | None = ..., out: None = None, overwrite_input: bool = ..., *, keepdims: Literal[True]) -> ndarray: ...
@overload
def median(a: ArrayLike, axis: _AxisLike | None = ..., out: ndarray | None = ..., overwrite_input: bool = ..., keepdims: bool = ...) -> Any: ...
def median(a: Any, axis: Any = None, out: Any = None, overwrite_input: bool = False,
           keepdims: bool = False) -> Any:
    """Median along the given axes (NaN if a slice contains NaN, without a warning)."""
    a = asarray(a)
    if a.dtype == _OBJECT:
        return _objorder.median(a, axis, out, keepdims)
    arr, ax, kept = _ureduce(a, axis)
    r = _c._median(arr, ax, False)
    if keepdims:
        r = r.reshape(kept)
    return _finish(r, out, keepdims)


def _all_nan_last(arr: Any, ax: int | None, r: Any) -> Any:
    """NumPy's 1-d ``nanmedian`` path returns an all-NaN lane's last element (for complex
    it can be ``x+nanj``); the core gives ``nan+0j`` (the masked-array path's value)."""
    src = arr.ravel() if ax is None else arr
    axis = 0 if ax is None else ax
    allnan = asarray(_c.isnan(src).all(axis=axis))
    if not allnan.any():
        return r
    last = asarray(src.take(-1, axis=axis))
    return _c.where(allnan, last, r).astype(r.dtype)


@overload
def nanmedian(a: ArrayLike, axis: None = None, out: None = None, overwrite_input: bool = ..., keepdims: Literal[False] = ...) -> generic: ...
@overload
def nanmedian(a: ArrayLike, axis: _AxisLike | None = ..., *, out: _ArrayT, overwrite_input: bool = ..., keepdims: bool | _NoValueType = ...) -> _ArrayT: ...
@overload
def nanmedian(a: ArrayLike, axis: _AxisLike | None = ..., out: None = None, overwrite_input: bool = ..., *, keepdims: Literal[True]) -> ndarray: ...
@overload
def nanmedian(a: ArrayLike, axis: _AxisLike | None = ..., out: ndarray | None = ..., overwrite_input: bool = ..., keepdims: bool | _NoValueType = ...) -> Any: ...
def nanmedian(a: Any, axis: Any = None, out: Any = None, overwrite_input: bool = False,
              keepdims: Any = _NoValue) -> Any:
    """Median ignoring NaN (an all-NaN slice gives NaN and a RuntimeWarning)."""
    a = asarray(a)
    keepdims = False if keepdims is _NoValue else keepdims
    if a.size == 0:
        return nanmean(a, axis, out=out, keepdims=keepdims)
    if a.dtype == _OBJECT:
        return _objorder.nanmedian(a, axis, out, keepdims)
    arr, ax, kept = _ureduce(a, axis)
    r = _c._median(arr, ax, True)
    if a.dtype.kind == "c" and (ax is None or arr.ndim == 1 or arr.shape[ax] >= 600):
        r = _all_nan_last(arr, ax, r)
    if keepdims:
        r = r.reshape(kept)
    return _finish(r, out, keepdims)


def _check_q(q: Any, pct: bool) -> tuple[Any, list[float], bool, bool]:
    weak_q = type(q) in (int, float)
    qa = asarray(q)
    if pct:
        qa = _c.true_divide(qa, 100)
    int_q = qa.dtype.kind in "biu"
    if qa.ndim > 2:
        raise ValueError("q must be a scalar or 1d")
    vals = [float(v) for v in qa.astype(_c.float64).ravel().tolist()]
    if not builtins.all(0.0 <= v <= 1.0 for v in vals):
        if pct:
            raise ValueError("Percentiles must be in the range [0, 100]")
        raise ValueError("Quantiles must be in the range [0, 1]")
    return qa, vals, weak_q, int_q


def _weights_valid(weights: Any, a: Any, axis: Any) -> Any:
    wgt = asarray(weights)
    if a.shape != wgt.shape:
        if axis is None:
            raise TypeError("Axis must be specified when shapes of a and weights differ.")
        axes = _norm_axes(axis, a.ndim)
        if wgt.shape != tuple(a.shape[ax] for ax in axes):
            raise ValueError("Shape of weights must be consistent with shape of a along "
                             "specified axis.")
        order = sorted(_range(len(axes)), key=lambda i: axes[i])
        wgt = wgt.transpose(order)
        wgt = wgt.reshape(tuple(s if ax in axes else 1 for ax, s in enumerate(a.shape)))
        wgt = broadcast_to(wgt, a.shape)
    if asarray(wgt < 0).any():
        raise ValueError("Weights must be non-negative.")
    return wgt


def _quantile_impl(a: Any, q: Any, axis: Any, out: Any, method: str, keepdims: bool,
                   weights: Any, interpolation: Any, pct: bool, skip_nan: bool) -> Any:
    if interpolation is not None:
        raise TypeError("the 'interpolation=' argument is not supported; use 'method='")
    a = asarray(a)
    if a.dtype.kind == "c":
        raise TypeError("a must be an array of real numbers")
    qa, vals, weak_q, int_q = _check_q(q, pct)
    if weights is not None:
        if method != "inverted_cdf":
            raise ValueError(f"Only method 'inverted_cdf' supports weights. Got: {method}.")
        weights = _weights_valid(weights, a, axis)
    if skip_nan and a.size == 0:
        return nanmean(a, axis, out=out, keepdims=keepdims)
    if a.dtype == _OBJECT:
        impl = _objorder.nanquantile if skip_nan else _objorder.quantile
        return impl(a, qa, axis, out, method, keepdims, weights, weak_q)
    arr, ax, kept = _ureduce(a, axis)
    w = None
    if weights is not None:
        w, _, _ = _ureduce(weights, axis)
    r = _c._quantile(arr, vals, ax, method, weak_q, int_q, skip_nan, w)
    rest = kept if keepdims else tuple(r.shape[1:])
    r = r.reshape(tuple(qa.shape) + tuple(rest))
    return _finish(r, out, keepdims)


@overload
def quantile(a: ArrayLike, q: float, axis: None = None, out: None = None, overwrite_input: bool = ..., method: str = ..., keepdims: Literal[False] = ..., *, weights: ArrayLike | None = ..., interpolation: str | None = ...) -> generic: ...
@overload
def quantile(a: ArrayLike, q: float, axis: _AxisLike | None = ..., *, out: _ArrayT, overwrite_input: bool = ..., method: str = ..., keepdims: bool = ..., weights: ArrayLike | None = ..., interpolation: str | None = ...) -> _ArrayT: ...
@overload
def quantile(a: ArrayLike, q: float, axis: _AxisLike | None = ..., out: None = None, overwrite_input: bool = ..., method: str = ..., *, keepdims: Literal[True], weights: ArrayLike | None = ..., interpolation: str | None = ...) -> ndarray: ...
@overload
def quantile(a: ArrayLike, q: _NestedSequence[Any] | ndarray, axis: _AxisLike | None = ..., out: ndarray | None = ..., overwrite_input: bool = ..., method: str = ..., keepdims: bool = ..., *, weights: ArrayLike | None = ..., interpolation: str | None = ...) -> ndarray: ...
@overload
def quantile(a: ArrayLike, q: ArrayLike, axis: _AxisLike | None = ..., out: ndarray | None = ..., overwrite_input: bool = ..., method: str = ..., keepdims: bool = ..., *, weights: ArrayLike | None = ..., interpolation: str | None = ...) -> Any: ...
def quantile(a: Any, q: Any, axis: Any = None, out: Any = None,
             overwrite_input: bool = False, method: str = "linear", keepdims: bool = False,
             *, weights: Any = None, interpolation: Any = None) -> Any:
    """The q-th quantiles (q in [0, 1]) along the given axes; all 13 NumPy methods."""
    return _quantile_impl(a, q, axis, out, method, keepdims, weights, interpolation,
                          False, False)


@overload
def percentile(a: ArrayLike, q: float, axis: None = None, out: None = None, overwrite_input: bool = ..., method: str = ..., keepdims: Literal[False] = ..., *, weights: ArrayLike | None = ..., interpolation: str | None = ...) -> generic: ...
@overload
def percentile(a: ArrayLike, q: float, axis: _AxisLike | None = ..., *, out: _ArrayT, overwrite_input: bool = ..., method: str = ..., keepdims: bool = ..., weights: ArrayLike | None = ..., interpolation: str | None = ...) -> _ArrayT: ...
@overload
def percentile(a: ArrayLike, q: float, axis: _AxisLike | None = ..., out: None = None, overwrite_input: bool = ..., method: str = ..., *, keepdims: Literal[True], weights: ArrayLike | None = ..., interpolation: str | None = ...) -> ndarray: ...
@overload
def percentile(a: ArrayLike, q: _NestedSequence[Any] | ndarray, axis: _AxisLike | None = ..., out: ndarray | None = ..., overwrite_input: bool = ..., method: str = ..., keepdims: bool = ..., *, weights: ArrayLike | None = ..., interpolation: str | None = ...) -> ndarray: ...
@overload
def percentile(a: ArrayLike, q: ArrayLike, axis: _AxisLike | None = ..., out: ndarray | None = ..., overwrite_input: bool = ..., method: str = ..., keepdims: bool = ..., *, weights: ArrayLike | None = ..., interpolation: str | None = ...) -> Any: ...
def percentile(a: Any, q: Any, axis: Any = None, out: Any = None,
               overwrite_input: bool = False, method: str = "linear",
               keepdims: bool = False, *, weights: Any = None,
               interpolation: Any = None) -> Any:
    """The q-th percentiles (q in [0, 100]) along the given axes."""
    return _quantile_impl(a, q, axis, out, method, keepdims, weights, interpolation,
                          True, False)


@overload
def nanquantile(a: ArrayLike, q: float, axis: None = None, out: None = None, overwrite_input: bool = ..., method: str = ..., keepdims: Literal[False] = ..., *, weights: ArrayLike | None = ..., interpolation: str | None = ...) -> generic: ...
@overload
def nanquantile(a: ArrayLike, q: float, axis: _AxisLike | None = ..., *, out: _ArrayT, overwrite_input: bool = ..., method: str = ..., keepdims: bool | _NoValueType = ..., weights: ArrayLike | None = ..., interpolation: str | None = ...) -> _ArrayT: ...
@overload
def nanquantile(a: ArrayLike, q: float, axis: _AxisLike | None = ..., out: None = None, overwrite_input: bool = ..., method: str = ..., *, keepdims: Literal[True], weights: ArrayLike | None = ..., interpolation: str | None = ...) -> ndarray: ...
@overload
def nanquantile(a: ArrayLike, q: _NestedSequence[Any] | ndarray, axis: _AxisLike | None = ..., out: ndarray | None = ..., overwrite_input: bool = ..., method: str = ..., keepdims: bool | _NoValueType = ..., *, weights: ArrayLike | None = ..., interpolation: str | None = ...) -> ndarray: ...
@overload
def nanquantile(a: ArrayLike, q: ArrayLike, axis: _AxisLike | None = ..., out: ndarray | None = ..., overwrite_input: bool = ..., method: str = ..., keepdims: bool | _NoValueType = ..., *, weights: ArrayLike | None = ..., interpolation: str | None = ...) -> Any: ...
def nanquantile(a: Any, q: Any, axis: Any = None, out: Any = None,
                overwrite_input: bool = False, method: str = "linear",
                keepdims: Any = _NoValue, *, weights: Any = None,
                interpolation: Any = None) -> Any:
    """Quantiles ignoring NaN."""
    keepdims = False if keepdims is _NoValue else keepdims
    return _quantile_impl(a, q, axis, out, method, keepdims, weights, interpolation,
                          False, True)


@overload
def nanpercentile(a: ArrayLike, q: float, axis: None = None, out: None = None, overwrite_input: bool = ..., method: str = ..., keepdims: Literal[False] = ..., *, weights: ArrayLike | None = ..., interpolation: str | None = ...) -> generic: ...
@overload
def nanpercentile(a: ArrayLike, q: float, axis: _AxisLike | None = ..., *, out: _ArrayT, overwrite_input: bool = ..., method: str = ..., keepdims: bool | _NoValueType = ..., weights: ArrayLike | None = ..., interpolation: str | None = ...) -> _ArrayT: ...
@overload
def nanpercentile(a: ArrayLike, q: float, axis: _AxisLike | None = ..., out: None = None, overwrite_input: bool = ..., method: str = ..., *, keepdims: Literal[True], weights: ArrayLike | None = ..., interpolation: str | None = ...) -> ndarray: ...
@overload
def nanpercentile(a: ArrayLike, q: _NestedSequence[Any] | ndarray, axis: _AxisLike | None = ..., out: ndarray | None = ..., overwrite_input: bool = ..., method: str = ..., keepdims: bool | _NoValueType = ..., *, weights: ArrayLike | None = ..., interpolation: str | None = ...) -> ndarray: ...
@overload
def nanpercentile(a: ArrayLike, q: ArrayLike, axis: _AxisLike | None = ..., out: ndarray | None = ..., overwrite_input: bool = ..., method: str = ..., keepdims: bool | _NoValueType = ..., *, weights: ArrayLike | None = ..., interpolation: str | None = ...) -> Any: ...
def nanpercentile(a: Any, q: Any, axis: Any = None, out: Any = None,
                  overwrite_input: bool = False, method: str = "linear",
                  keepdims: Any = _NoValue, *, weights: Any = None,
                  interpolation: Any = None) -> Any:
    """Percentiles ignoring NaN."""
    keepdims = False if keepdims is _NoValue else keepdims
    return _quantile_impl(a, q, axis, out, method, keepdims, weights, interpolation,
                          True, True)


# ---------------------------------------------------------------------------------------
# Cumulative sums (Array API).


def _cumulative(x: Any, uf: Any, identity: int, axis: Any, dtype: Any, out: Any,
                include_initial: bool) -> Any:
    x = asarray(x)
    if x.ndim == 0:
        x = x.reshape((1,))
    if axis is None:
        if x.ndim >= 2:
            raise ValueError("For arrays which have more than one dimension ``axis`` "
                             "argument is required.")
        axis = 0
    axis = _norm_axis(axis, x.ndim)
    if out is not None and include_initial:
        item: list[Any] = [slice(None)] * x.ndim
        item[axis] = slice(1, None)
        uf.accumulate(x, axis=axis, dtype=dtype, out=out[tuple(item)])
        item[axis] = 0
        out[tuple(item)] = identity
        return out
    kw = {"out": out} if out is not None else {}
    res = uf.accumulate(x, axis=axis, dtype=dtype, **kw)
    if include_initial:
        shape = list(x.shape)
        shape[axis] = 1
        res = _concat([_c.full(tuple(shape), identity, dtype=res.dtype), res], axis)
    return res


def cumulative_sum(x: ArrayLike, /, *, axis: _AxisLike | None = None, dtype: DTypeLike | None = None, out: ndarray | None = None, include_initial: bool = False) -> ndarray:
    """Cumulative sum (Array API): optional leading zero with ``include_initial``."""
    return _cumulative(x, _c.add, 0, axis, dtype, out, include_initial)


def cumulative_prod(x: ArrayLike, /, *, axis: _AxisLike | None = None, dtype: DTypeLike | None = None, out: ndarray | None = None, include_initial: bool = False) -> ndarray:
    """Cumulative product (Array API): optional leading one with ``include_initial``."""
    return _cumulative(x, _c.multiply, 1, axis, dtype, out, include_initial)


# ---------------------------------------------------------------------------------------
# Covariance.


def cov(m: ArrayLike, y: ArrayLike | None = None, rowvar: bool = True, bias: bool = False, ddof: float | None = None, fweights: ArrayLike | None = None, aweights: ArrayLike | None = None, *, dtype: DTypeLike | None = None) -> ndarray:
    """Covariance matrix (NumPy's algorithm; the product is ``matmul``)."""
    if ddof is not None and ddof != int(ddof):
        raise ValueError("ddof must be integer")
    m = asarray(m)
    if m.ndim > 2:
        raise ValueError("m has more than 2 dimensions")
    if y is not None:
        y = asarray(y)
        if y.ndim > 2:
            raise ValueError("y has more than 2 dimensions")
    if dtype is None:
        dtype = _c.result_type(m, _c.float64) if y is None else _c.result_type(m, y, _c.float64)
    X = m.astype(dtype)
    if X.ndim < 2:
        X = X.reshape((1, -1))
    if not rowvar and m.ndim != 1:
        X = X.T
    if X.shape[0] == 0:
        return _c.empty((0, 0), dtype=_c.float64)
    if y is not None:
        yy = y.astype(dtype)
        if yy.ndim < 2:
            yy = yy.reshape((1, -1))
        if not rowvar and yy.shape[0] != 1:
            yy = yy.T
        X = _concat([X, yy], 0)
    if ddof is None:
        ddof = 1 if bias == 0 else 0
    w = None
    if fweights is not None:
        fw = asarray(fweights)
        if fw.dtype.kind not in "iub":
            raise TypeError("fweights must be integer")
        if fw.ndim > 1:
            raise RuntimeError("cannot handle multidimensional fweights")
        if fw.shape[0] != X.shape[1]:
            raise RuntimeError("incompatible numbers of samples and fweights")
        if asarray(fw < 0).any():
            raise ValueError("fweights cannot be negative")
        w = fw
    if aweights is not None:
        aw = asarray(aweights)
        if aw.ndim > 1:
            raise RuntimeError("cannot handle multidimensional aweights")
        if aw.shape[0] != X.shape[1]:
            raise RuntimeError("incompatible numbers of samples and aweights")
        if asarray(aw < 0).any():
            raise ValueError("aweights cannot be negative")
        w = aw if w is None else w * aw
    avg, w_sum = average(X, axis=1, weights=w, returned=True)
    w_sum = w_sum[0]
    if w is None:
        fact: Any = X.shape[1] - ddof
    elif ddof == 0:
        fact = w_sum
    elif aweights is None:
        fact = w_sum - ddof
    else:
        fact = w_sum - ddof * (w * aweights).sum() / w_sum
    if fact <= 0:
        warnings.warn("Degrees of freedom <= 0 for slice", RuntimeWarning, stacklevel=2)
        fact = 0.0
    X -= avg[:, None]
    X_T = X.T if w is None else (X * w).T
    c = _c.matmul(X, _c.conjugate(X_T))
    c *= _c.true_divide(1, fact)
    return c.squeeze()


def corrcoef(x: ArrayLike, y: ArrayLike | None = None, rowvar: bool = True, *, dtype: DTypeLike | None = None) -> ndarray:
    """Pearson correlation coefficients (``cov`` normalised, clipped to [-1, 1])."""
    c = cov(x, y, rowvar, dtype=dtype)
    if c.ndim != 2:
        return c / c
    n = c.shape[0]
    idx = _c.arange(n)
    d = c[idx, idx]
    stddev = _c.sqrt(d.real)
    c /= stddev[:, None]
    c /= stddev[None, :]
    re = c.real
    _c.minimum(_c.maximum(re, -1, out=re), 1, out=re)
    if c.dtype.kind == "c":
        im = c.imag
        _c.minimum(_c.maximum(im, -1, out=im), 1, out=im)
    return c


# ---------------------------------------------------------------------------------------
# Histograms.


def _ravel_and_check_weights(a: Any, weights: Any) -> tuple[Any, Any]:
    a = asarray(a)
    if weights is not None:
        weights = asarray(weights)
        if weights.shape != a.shape:
            raise ValueError("weights should have the same shape as a.")
        weights = weights.ravel()
    return a.ravel(), weights


def _get_outer_edges(a: Any, range: Any) -> tuple[Any, Any]:
    if range is not None:
        first_edge, last_edge = range
        if first_edge > last_edge:
            raise ValueError("max must be larger than min in range parameter.")
        if not (math.isfinite(first_edge) and math.isfinite(last_edge)):
            raise ValueError(f"supplied range of [{first_edge}, {last_edge}] is not finite")
    elif a.size == 0:
        first_edge, last_edge = 0, 1
    else:
        first_edge, last_edge = a.min(), a.max()
        if not (math.isfinite(first_edge) and math.isfinite(last_edge)):
            raise ValueError(f"autodetected range of [{first_edge}, {last_edge}] is not finite")
    if first_edge == last_edge:
        first_edge = first_edge - 0.5
        last_edge = last_edge + 0.5
    return first_edge, last_edge


def _ptp(x: Any) -> float:
    hi, lo = x.max(), x.min()
    if x.dtype.kind in "iub":
        return float(int(hi) - int(lo))
    return float(hi - lo)


def _bw_sqrt(x: Any, range: Any) -> float:
    return _ptp(x) / math.sqrt(x.size)


def _bw_sturges(x: Any, range: Any) -> float:
    return _ptp(x) / (math.log2(x.size) + 1.0)


def _bw_rice(x: Any, range: Any) -> float:
    return _ptp(x) / (2.0 * x.size ** (1.0 / 3))


def _bw_scott(x: Any, range: Any) -> float:
    return (24.0 * math.pi**0.5 / x.size) ** (1.0 / 3.0) * float(std(x))


def _bw_stone(x: Any, range: Any) -> float:
    n = x.size
    ptp_x = _ptp(x)
    if n <= 1 or ptp_x == 0:
        return 0

    def jhat(nbins: int) -> float:
        hh = ptp_x / nbins
        p_k = histogram(x, bins=nbins, range=range)[0] / n
        return float((2 - (n + 1) * (p_k * p_k).sum()) / hh)

    upper = builtins.max(100, int(math.sqrt(n)))
    nbins = builtins.min(_range(1, upper + 1), key=jhat)
    if nbins == upper:
        warnings.warn("The number of bins estimated may be suboptimal.", RuntimeWarning,
                      stacklevel=3)
    return ptp_x / nbins


def _bw_doane(x: Any, range: Any) -> float:
    if x.size > 2:
        sg1 = math.sqrt(6.0 * (x.size - 2) / ((x.size + 1.0) * (x.size + 3)))
        sigma = float(std(x))
        if sigma > 0.0:
            temp = x - x.mean()
            _c.true_divide(temp, sigma, out=temp)
            _c.power(temp, 3, out=temp)
            g1 = float(temp.mean())
            return _ptp(x) / (1.0 + math.log2(x.size) + math.log2(1.0 + abs(g1) / sg1))
    return 0.0


def _bw_fd(x: Any, range: Any) -> float:
    p = percentile(x, [75, 25])
    iqr = float(p[0] - p[1])
    return 2.0 * iqr * x.size ** (-1.0 / 3.0)


def _bw_auto(x: Any, range: Any) -> float:
    fd_bw = _bw_fd(x, range)
    sturges_bw = _bw_sturges(x, range)
    sqrt_bw = _bw_sqrt(x, range)
    return builtins.min(builtins.max(fd_bw, sqrt_bw / 2), sturges_bw)


_hist_bin_selectors = {
    "stone": _bw_stone, "auto": _bw_auto, "doane": _bw_doane, "fd": _bw_fd,
    "rice": _bw_rice, "scott": _bw_scott, "sqrt": _bw_sqrt, "sturges": _bw_sturges,
}


def _get_bin_edges(a: Any, bins: Any, range: Any, weights: Any) -> tuple[Any, Any]:
    n_equal_bins = None
    bin_edges = None
    if isinstance(bins, str):
        if bins not in _hist_bin_selectors:
            raise ValueError(f"{bins!r} is not a valid estimator for `bins`")
        if weights is not None:
            raise TypeError("Automated estimation of the number of bins is not supported for "
                            "weighted data")
        first_edge, last_edge = _get_outer_edges(a, range)
        if range is not None:
            keep = (a >= first_edge) & (a <= last_edge)
            if not keep.all():
                a = a[keep]
        if a.size == 0:
            n_equal_bins = 1
        else:
            width = _hist_bin_selectors[bins](a, (first_edge, last_edge))
            if width:
                if a.dtype.kind in "iu" and width < 1:
                    width = 1
                delta = float(last_edge) - float(first_edge)
                n_equal_bins = int(math.ceil(delta / width))
            else:
                n_equal_bins = 1
    elif asarray(bins).ndim == 0:
        try:
            n_equal_bins = operator.index(bins)
        except TypeError as e:
            raise TypeError("`bins` must be an integer, a string, or an array") from e
        if n_equal_bins < 1:
            raise ValueError("`bins` must be positive, when an integer")
        first_edge, last_edge = _get_outer_edges(a, range)
    elif asarray(bins).ndim == 1:
        bin_edges = asarray(bins)
        if bin_edges.size > 1 and asarray(bin_edges[:-1] > bin_edges[1:]).any():
            raise ValueError("`bins` must increase monotonically, when an array")
    else:
        raise ValueError("`bins` must be 1d, when an array")
    if n_equal_bins is not None:
        bin_type = _c.result_type(first_edge, last_edge, a)
        if bin_type.kind in "iub":
            bin_type = _c.result_type(bin_type, float)
        bin_edges = _c.linspace(first_edge, last_edge, n_equal_bins + 1, endpoint=True,
                                dtype=bin_type)
        if asarray(bin_edges[:-1] >= bin_edges[1:]).any():
            raise ValueError(f"Too many bins for data range. Cannot create {n_equal_bins} "
                             "finite-sized bins.")
        return bin_edges, (first_edge, last_edge, n_equal_bins)
    return bin_edges, None


def histogram_bin_edges(a: ArrayLike, bins: int | str | ArrayLike = 10, range: Sequence[float] | None = None, weights: ArrayLike | None = None) -> ndarray:
    """The bin edges ``histogram`` would use."""
    a, weights = _ravel_and_check_weights(a, weights)
    bin_edges, _ = _get_bin_edges(a, bins, range, weights)
    return bin_edges


@overload
def histogram(a: ndarray, bins: int | str | ArrayLike = ..., range: Sequence[float] | None = ..., density: bool | None = ..., weights: ArrayLike | None = ...) -> tuple[ndarray, ndarray]: ...
@overload
def histogram(a: ArrayLike, bins: int | str | ArrayLike = ..., range: Sequence[float] | None = ..., density: bool | None = ..., weights: ArrayLike | None = ...) -> tuple[ndarray, ndarray]: ...
def histogram(a: Any, bins: Any = 10, range: Any = None, density: Any = None,
              weights: Any = None) -> tuple[Any, Any]:
    """Histogram of ``a``: counts (or weighted sums, or a density) and the bin edges."""
    a, weights = _ravel_and_check_weights(a, weights)
    bin_edges, uniform = _get_bin_edges(a, bins, range, weights)
    ntype = _c.dtype(_c.int64) if weights is None else weights.dtype
    fast = uniform is not None and bin_edges.dtype.kind == "f" and bin_edges.dtype.itemsize >= 4

    def count(w: Any) -> Any:
        if fast:
            return _c._histogram_uniform(a, bin_edges, w)
        return _c._histogram_edges(a, [float(e) for e in bin_edges.tolist()], w)

    if weights is not None and ntype.kind == "c":
        n = _c.empty(bin_edges.shape[0] - 1, dtype=ntype)
        n.real = count(weights.real)
        n.imag = count(weights.imag)
    else:
        n = count(weights)
        if n.dtype != ntype:
            n = n.astype(ntype)
    if density:
        db = diff(bin_edges).astype(_c.float64)
        return n / db / n.sum(), bin_edges
    return n, bin_edges


@overload
def histogramdd(sample: ndarray, bins: int | str | ArrayLike = ..., range: Sequence[float] | None = ..., density: bool | None = ..., weights: ArrayLike | None = ...) -> tuple[ndarray, list[ndarray]]: ...
@overload
def histogramdd(sample: ArrayLike, bins: int | str | ArrayLike = ..., range: Sequence[float] | None = ..., density: bool | None = ..., weights: ArrayLike | None = ...) -> tuple[ndarray, list[ndarray]]: ...
def histogramdd(sample: Any, bins: Any = 10, range: Any = None, density: Any = None,
                weights: Any = None) -> tuple[Any, list[Any]]:
    """Multidimensional histogram of an (N, D) sample or a sequence of D 1-d arrays."""
    if isinstance(sample, ndarray) and sample.ndim == 2:
        s = sample
    else:
        cols = [asarray(c) for c in sample] if not isinstance(sample, ndarray) else [sample]
        if len(cols) == 1 and cols[0].ndim == 2:
            s = cols[0]
        else:
            s = _c.empty((cols[0].size if cols else 0, len(cols)), dtype=_c.result_type(*cols))
            for i, col in enumerate(cols):
                s[:, i] = col
    N, D = s.shape
    try:
        M = len(bins)
        if M != D:
            raise ValueError("The dimension of bins must be equal to the dimension of the  "
                             "sample x.")
    except TypeError:
        bins = D * [bins]
    if range is None:
        range = (None,) * D
    elif len(range) != D:
        raise ValueError("range argument must have one entry per dimension")
    edges: list[Any] = []
    for i in _range(D):
        b = bins[i]
        if asarray(b).ndim == 0:
            if b < 1:
                raise ValueError(f"`bins[{i}]` must be positive, when an integer")
            smin, smax = _get_outer_edges(s[:, i], range[i])
            try:
                n = operator.index(b)
            except TypeError as e:
                raise TypeError(f"`bins[{i}]` must be an integer, when a scalar") from e
            edges.append(_c.linspace(smin, smax, n + 1))
        elif asarray(b).ndim == 1:
            ed = asarray(b)
            if ed.size > 1 and asarray(ed[:-1] > ed[1:]).any():
                raise ValueError(f"`bins[{i}]` must be monotonically increasing, when an array")
            edges.append(ed)
        else:
            raise ValueError(f"`bins[{i}]` must be a scalar or 1d array")
    w = None if weights is None else asarray(weights)
    hist = _c._histogramdd(s, [[float(v) for v in e.tolist()] for e in edges], w)
    if density:
        total = hist.sum()
        for i in _range(D):
            shape = [1] * D
            shape[i] = edges[i].shape[0] - 1
            hist = hist / diff(edges[i]).reshape(tuple(shape))
        hist /= total
    return hist, edges


@overload
def histogram2d(x: ndarray, y: ArrayLike, bins: int | str | ArrayLike = ..., range: Sequence[float] | None = ..., density: bool | None = ..., weights: ArrayLike | None = ...) -> tuple[ndarray, ndarray, ndarray]: ...
@overload
def histogram2d(x: ArrayLike, y: ArrayLike, bins: int | str | ArrayLike = ..., range: Sequence[float] | None = ..., density: bool | None = ..., weights: ArrayLike | None = ...) -> tuple[ndarray, ndarray, ndarray]: ...
def histogram2d(x: Any, y: Any, bins: Any = 10, range: Any = None, density: Any = None,
                weights: Any = None) -> tuple[Any, Any, Any]:
    """Two-dimensional histogram of the points (x, y)."""
    try:
        N = len(bins)
    except TypeError:
        N = 1
    if N != 1 and N != 2:
        xedges = yedges = asarray(bins)
        bins = [xedges, yedges]
    hist, edges = histogramdd([x, y], bins, range, density, weights)
    return hist, edges[0], edges[1]


# ---------------------------------------------------------------------------------------
# Numerical helpers.


@overload
def isclose(a: _NumberLike, b: ArrayLike, rtol: ArrayLike = ..., atol: ArrayLike = ..., equal_nan: bool = ...) -> bool_: ...
@overload
def isclose(a: ArrayLike, b: ArrayLike, rtol: ArrayLike = ..., atol: ArrayLike = ..., equal_nan: bool = ...) -> ndarray: ...
def isclose(a: Any, b: Any, rtol: Any = 1.e-5, atol: Any = 1.e-8,
            equal_nan: bool = False) -> Any:
    """Elementwise ``|a - b| <= atol + rtol * |b|`` (NumPy's asymmetric test)."""
    x, y = (v if isinstance(v, (int, float, complex)) else asarray(v) for v in (a, b))
    if isinstance(y, ndarray):
        y = y.astype(_c.result_type(y, 1.0))
    elif isinstance(y, int):
        y = float(y)
    if (isinstance(rtol, (int, float)) and isinstance(atol, (int, float))
            and not (math.isfinite(atol) and math.isfinite(rtol))):
        warnings.warn(f"One of rtol or atol is not valid, atol: {atol}, rtol: {rtol}",
                      RuntimeWarning, stacklevel=2)
    if (isinstance(rtol, (int, float)) and isinstance(atol, (int, float))
            and _c.result_type(x, y) == _c.float64 and asarray(x).dtype.kind != "c"):
        r = _c._isclose_f64(asarray(x), asarray(y), float(rtol), float(atol), bool(equal_nan))
        return _scalar_or_array(r)
    with errstate(invalid="ignore"):
        result = (_c.less_equal(_c.abs(x - y), atol + rtol * _c.abs(y))
                  & _c.isfinite(y)
                  | (_c.equal(x, y)))
        if equal_nan:
            result |= _c.isnan(x) & _c.isnan(y)
    return _scalar_or_array(asarray(result))


def allclose(a: ArrayLike, b: ArrayLike, rtol: ArrayLike = 1e-05, atol: ArrayLike = 1e-08, equal_nan: bool = False) -> bool:
    """Whether every element of ``isclose(a, b)`` holds."""
    return builtins.bool(asarray(isclose(a, b, rtol=rtol, atol=atol,
                                         equal_nan=equal_nan)).all())


def array_equal(a1: ArrayLike, a2: ArrayLike, equal_nan: bool = False) -> bool:
    """Same shape and elements (NaN equal to NaN with ``equal_nan``)."""
    try:
        a1, a2 = asarray(a1), asarray(a2)
    except Exception:  # noqa: BLE001 - NumPy returns False when conversion fails
        return False
    if a1.shape != a2.shape:
        return False
    if not equal_nan:
        return builtins.bool(asarray(_c.equal(a1, a2)).all())
    if a1 is a2:
        return True
    cannot_have_nan = a1.dtype.kind in "biu" and a2.dtype.kind in "biu"
    if cannot_have_nan:
        return builtins.bool(asarray(_c.equal(a1, a2)).all())
    a1nan, a2nan = _c.isnan(a1), _c.isnan(a2)
    if not builtins.bool(asarray(a1nan == a2nan).all()):
        return False
    return builtins.bool(asarray(a1[~a1nan] == a2[~a1nan]).all())


def array_equiv(a1: ArrayLike, a2: ArrayLike) -> bool:
    """Same elements after broadcasting to a common shape."""
    try:
        a1, a2 = asarray(a1), asarray(a2)
    except Exception:  # noqa: BLE001 - as NumPy
        return False
    try:
        _c.broadcast_shapes(a1.shape, a2.shape)
    except Exception:  # noqa: BLE001 - shapes that do not broadcast are not equivalent
        return False
    return builtins.bool(asarray(_c.equal(a1, a2)).all())


@overload
def diff(a: ndarray, n: int = ..., axis: int = ..., prepend: ArrayLike | _NoValueType = ..., append: ArrayLike | _NoValueType = ...) -> ndarray: ...
@overload
def diff(a: ArrayLike, n: int = ..., axis: int = ..., prepend: ArrayLike | _NoValueType = ..., append: ArrayLike | _NoValueType = ...) -> ndarray: ...
def diff(a: Any, n: int = 1, axis: int = -1, prepend: Any = _NoValue,
         append: Any = _NoValue) -> Any:
    """The n-th discrete difference along an axis (one ufunc call per order)."""
    if n == 0:
        return a
    if n < 0:
        raise ValueError("order must be non-negative but got " + repr(n))
    a = asarray(a)
    nd = a.ndim
    if nd == 0:
        raise ValueError("diff requires input that is at least one dimensional")
    axis = _norm_axis(axis, nd)
    combined = []
    for extra, first in ((prepend, True), (append, False)):
        if extra is _NoValue:
            continue
        e = asarray(extra)
        if e.ndim == 0:
            shape = list(a.shape)
            shape[axis] = 1
            e = broadcast_to(e, tuple(shape))
        combined.append((first, e))
    if combined:
        parts = [e for f, e in combined if f] + [a] + [e for f, e in combined if not f]
        a = _concat(parts, axis)
    s1: list[Any] = [slice(None)] * nd
    s2: list[Any] = [slice(None)] * nd
    s1[axis] = slice(1, None)
    s2[axis] = slice(None, -1)
    t1, t2 = tuple(s1), tuple(s2)
    op = _c.not_equal if a.dtype.kind == "b" else _c.subtract
    for _ in _range(n):
        a = op(a[t1], a[t2])
    return a


def gradient(f: Any, *varargs: Any, axis: Any = None, edge_order: int = 1) -> Any:
    """Second-order central differences inside, one-sided (order 1 or 2) at the edges."""
    f = asarray(f)
    N = f.ndim
    axes = tuple(_range(N)) if axis is None else _norm_axes(axis, N)
    len_axes = len(axes)
    n = len(varargs)
    if n == 0:
        dx: list[Any] = [1.0] * len_axes
    elif n == 1 and asarray(varargs[0]).ndim == 0:
        dx = list(varargs) * len_axes
    elif n == len_axes:
        dx = list(varargs)
        for i, distances in enumerate(dx):
            distances = asarray(distances)
            if distances.ndim == 0:
                continue
            if distances.ndim != 1:
                raise ValueError("distances must be either scalars or 1d")
            if len(distances) != f.shape[axes[i]]:
                raise ValueError("when 1d, distances must match the length of the "
                                 "corresponding dimension")
            if distances.dtype.kind in "iu":
                distances = distances.astype(_c.float64)
            diffx = diff(distances)
            if asarray(diffx == diffx[0]).all():
                diffx = diffx[0]
            dx[i] = diffx
    else:
        raise TypeError("invalid number of arguments")
    if edge_order > 2:
        raise ValueError("'edge_order' greater than 2 not supported")
    outvals = []
    slice1: list[Any] = [slice(None)] * N
    slice2: list[Any] = [slice(None)] * N
    slice3: list[Any] = [slice(None)] * N
    slice4: list[Any] = [slice(None)] * N
    otype = f.dtype
    if otype.kind in "iub":
        f = f.astype(_c.float64)
        otype = _c.dtype(_c.float64)
    for ax, ax_dx in zip(axes, dx):
        if f.shape[ax] < edge_order + 1:
            raise ValueError("Shape of array too small to calculate a numerical gradient, at "
                             "least (edge_order + 1) elements are required.")
        out = _c.empty(f.shape, dtype=otype)
        uniform = asarray(ax_dx).ndim == 0
        slice1[ax] = slice(1, -1)
        slice2[ax] = slice(None, -2)
        slice3[ax] = slice(1, -1)
        slice4[ax] = slice(2, None)
        if uniform:
            out[tuple(slice1)] = (f[tuple(slice4)] - f[tuple(slice2)]) / (2.0 * ax_dx)
        else:
            dx1 = ax_dx[0:-1]
            dx2 = ax_dx[1:]
            a = -(dx2) / (dx1 * (dx1 + dx2))
            b = (dx2 - dx1) / (dx1 * dx2)
            c = dx1 / (dx2 * (dx1 + dx2))
            shape = [1] * N
            shape[ax] = -1
            a, b, c = a.reshape(shape), b.reshape(shape), c.reshape(shape)
            out[tuple(slice1)] = (a * f[tuple(slice2)] + b * f[tuple(slice3)]
                                  + c * f[tuple(slice4)])
        if edge_order == 1:
            slice1[ax] = 0
            slice2[ax] = 1
            slice3[ax] = 0
            dx_0 = ax_dx if uniform else ax_dx[0]
            out[tuple(slice1)] = (f[tuple(slice2)] - f[tuple(slice3)]) / dx_0
            slice1[ax] = -1
            slice2[ax] = -1
            slice3[ax] = -2
            dx_n = ax_dx if uniform else ax_dx[-1]
            out[tuple(slice1)] = (f[tuple(slice2)] - f[tuple(slice3)]) / dx_n
        else:
            slice1[ax] = 0
            slice2[ax] = 0
            slice3[ax] = 1
            slice4[ax] = 2
            if uniform:
                a = -1.5 / ax_dx
                b = 2. / ax_dx
                c = -0.5 / ax_dx
            else:
                dx1 = ax_dx[0]
                dx2 = ax_dx[1]
                a = -(2. * dx1 + dx2) / (dx1 * (dx1 + dx2))
                b = (dx1 + dx2) / (dx1 * dx2)
                c = - dx1 / (dx2 * (dx1 + dx2))
            out[tuple(slice1)] = (a * f[tuple(slice2)] + b * f[tuple(slice3)]
                                  + c * f[tuple(slice4)])
            slice1[ax] = -1
            slice2[ax] = -3
            slice3[ax] = -2
            slice4[ax] = -1
            if uniform:
                a = 0.5 / ax_dx
                b = -2. / ax_dx
                c = 1.5 / ax_dx
            else:
                dx1 = ax_dx[-2]
                dx2 = ax_dx[-1]
                a = (dx2) / (dx1 * (dx1 + dx2))
                b = - (dx2 + dx1) / (dx1 * dx2)
                c = (2. * dx2 + dx1) / (dx2 * (dx1 + dx2))
            out[tuple(slice1)] = (a * f[tuple(slice2)] + b * f[tuple(slice3)]
                                  + c * f[tuple(slice4)])
        outvals.append(out)
        slice1[ax] = slice(None)
        slice2[ax] = slice(None)
        slice3[ax] = slice(None)
        slice4[ax] = slice(None)
    if len_axes == 1:
        return outvals[0]
    return tuple(outvals)


def trapezoid(y: Any, x: Any = None, dx: Any = 1.0, axis: int = -1) -> Any:
    """Integral along ``axis`` by the composite trapezoidal rule."""
    y = asarray(y)
    if x is None:
        d = dx
    else:
        x = asarray(x)
        if x.ndim == 1:
            d = diff(x)
            shape = [1] * y.ndim
            shape[axis] = d.shape[0]
            d = d.reshape(tuple(shape))
        else:
            d = diff(x, axis=axis)
    nd = y.ndim
    s1: list[Any] = [slice(None)] * nd
    s2: list[Any] = [slice(None)] * nd
    s1[axis] = slice(1, None)
    s2[axis] = slice(None, -1)
    return (d * (y[tuple(s1)] + y[tuple(s2)]) / 2.0).sum(axis)


def unwrap(p: ArrayLike, discont: float | None = None, axis: int = -1, *, period: float = 2 * math.pi) -> ndarray:
    """Unwrap phase jumps larger than ``discont`` by multiples of ``period``."""
    p = asarray(p)
    nd = p.ndim
    dd = diff(p, axis=axis)
    if discont is None:
        discont = period / 2
    s1: list[Any] = [slice(None)] * nd
    s1[axis] = slice(1, None)
    t1 = tuple(s1)
    dtype = _c.result_type(dd, period)
    if dtype.kind in "iu":
        interval_high, rem = divmod(period, 2)
        boundary_ambiguous = rem == 0
    else:
        interval_high = period / 2
        boundary_ambiguous = True
    interval_low = -interval_high
    ddmod = _c.mod(dd - interval_low, period) + interval_low
    if boundary_ambiguous:
        ddmod[(ddmod == interval_low) & (dd > 0)] = interval_high
    ph_correct = ddmod - dd
    ph_correct[_c.abs(dd) < discont] = 0
    up = p.astype(dtype)
    up[t1] = p[t1] + ph_correct.cumsum(axis)
    return up


@overload
def sinc(x: _NumberLike) -> generic: ...
@overload
def sinc(x: ArrayLike) -> ndarray: ...
def sinc(x: Any) -> Any:
    """The normalised sinc function sin(pi x) / (pi x) (1 at 0)."""
    x = asarray(x)
    x = math.pi * x
    # NumPy's finfo(dtype).eps for float dtypes.
    eps = {2: 2.0**-10, 4: 2.0**-23, 8: 2.0**-52}[x.dtype.itemsize] if x.dtype.kind == "f" else 1e-20
    y = asarray(x).copy()
    if y.dtype.kind not in "fc":
        y = y.astype(_c.float64)
    y[x == 0] = eps
    return _scalar_or_array(asarray(_c.sin(y) / y))


@overload
def fix(x: _NumberLike, out: None = ...) -> generic: ...
@overload
def fix(x: ArrayLike, out: ndarray | None = ...) -> ndarray: ...
def fix(x: Any, out: Any = None) -> Any:
    """Round towards zero (``trunc``)."""
    if out is not None:
        return _c.trunc(x, out=out)
    return _scalar_or_array(asarray(_c.trunc(x)))


def i0(x: ArrayLike) -> ndarray:
    """Modified Bessel function of the first kind, order 0 (Cephes' expansions)."""
    x = asarray(x)
    if x.dtype.kind == "c":
        raise TypeError("i0 not supported for complex values")
    r = _c._i0(x)
    if x.dtype.kind == "f" and x.dtype != _c.float64:
        r = r.astype(x.dtype)
    return r


def _window_m(M: Any) -> Any:
    return _c.array([0.0, M])[1]


def bartlett(M: int) -> ndarray:
    """The Bartlett (triangular) window of M points."""
    M = _window_m(M)
    if M < 1:
        return _c.array([], dtype=_c.float64)
    if M == 1:
        return _c.ones(1, dtype=_c.float64)
    n = _c.arange(1 - M, M, 2)
    up = 1 + n / (M - 1)
    down = 1 - n / (M - 1)
    mask = n > 0
    up[mask] = down[mask]
    return up


def blackman(M: int) -> ndarray:
    """The Blackman window of M points."""
    M = _window_m(M)
    if M < 1:
        return _c.array([], dtype=_c.float64)
    if M == 1:
        return _c.ones(1, dtype=_c.float64)
    n = _c.arange(1 - M, M, 2)
    return 0.42 + 0.5 * _c.cos(math.pi * n / (M - 1)) + 0.08 * _c.cos(2.0 * math.pi * n / (M - 1))


def hamming(M: int) -> ndarray:
    """The Hamming window of M points."""
    M = _window_m(M)
    if M < 1:
        return _c.array([], dtype=_c.float64)
    if M == 1:
        return _c.ones(1, dtype=_c.float64)
    n = _c.arange(1 - M, M, 2)
    return 0.54 + 0.46 * _c.cos(math.pi * n / (M - 1))


def hanning(M: int) -> ndarray:
    """The Hann window of M points."""
    M = _window_m(M)
    if M < 1:
        return _c.array([], dtype=_c.float64)
    if M == 1:
        return _c.ones(1, dtype=_c.float64)
    n = _c.arange(1 - M, M, 2)
    return 0.5 + 0.5 * _c.cos(math.pi * n / (M - 1))


def kaiser(M: int, beta: float) -> ndarray:
    """The Kaiser window of M points with shape parameter beta."""
    values = _c.array([0.0, M, beta])
    M = values[1]
    beta = values[2]
    if M == 1:
        return _c.ones(1, dtype=_c.float64)
    n = _c.arange(0, M)
    alpha = (M - 1) / 2.0
    return i0(beta * _c.sqrt(1 - ((n - alpha) / alpha) ** 2.0)) / i0(beta)


def _mode_name(mode: Any) -> str:
    if isinstance(mode, int) and not isinstance(mode, bool):
        return {0: "valid", 1: "same", 2: "full"}.get(mode, str(mode))
    return str(mode)


def _by_dot(a: ndarray, v: ndarray, mode: str, invert: bool) -> ndarray | None:
    """NumPy's ``_pyarray_correlate`` for a dtype whose ``dot`` is its own (object: Python
    products summed from the first one; the machine-learning floats: a ``float32``
    accumulator rounded at the end, as ``ml_dtypes``' dot function): every output position
    the dot of the overlapping parts, terms in index order. ``None`` for the number dtypes,
    which the core computes."""
    from ._products import _ml_result

    ml_dt = _ml_result(a, v)
    ml = ml_dt is not None
    # (An object result needs an object operand: the number dtypes pay no promotion.)
    if not ml and "O" not in (a.dtype.kind, v.dtype.kind):
        return None
    dt = ml_dt if ml else _c.result_type(a, v)
    if dt.kind != "O" and not ml:
        return None
    if a.ndim != 1 or v.ndim != 1:
        raise ValueError("object too deep for desired array")
    if a.size == 0:
        raise ValueError("a cannot be empty")
    if v.size == 0:
        raise ValueError("v cannot be empty")
    inverted = a.size < v.size
    if inverted:
        a, v = v, a
    n1, n2 = a.size, v.size
    name = _mode_name(mode)
    if name == "valid":
        length, n_left = n1 - n2 + 1, 0
    elif name == "same":
        length, n_left = n1, n2 // 2
    elif name == "full":
        length, n_left = n1 + n2 - 1, n2 - 1
    else:
        raise ValueError(f"mode must be one of 'valid', 'same', or 'full' (got {mode!r})")
    work = _c.float32 if ml else dt
    x, y = a.astype(work), v.astype(work)
    acc = _c.zeros(length, dtype=work)
    # Term k of position p multiplies a[p - n_left + k] by v[k] where that index exists:
    # positions [max(0, n_left - k), min(length, n1 + n_left - k)). Position p's first term
    # is k = max(0, n_left - p).
    for k in range(n2):
        lo, hi = max(0, n_left - k), min(length, n1 + n_left - k)
        if lo >= hi:
            continue
        prod = x[lo - n_left + k:hi - n_left + k] * y[k:k + 1]
        if ml:
            acc[lo:hi] = acc[lo:hi] + prod
            continue
        # Python objects start from the first product (NumPy's OBJECT_dot), not from 0.
        # At k = 0 that is every position reached; at k > 0 the one position n_left - k.
        start = hi if k == 0 else lo + 1 if n_left - k >= 0 else lo
        acc[lo:start] = prod[:start - lo]
        if start < hi:
            acc[start:hi] = acc[start:hi] + prod[start - lo:]
    out = acc.astype(dt) if ml else acc
    return out[::-1].copy() if inverted and invert else out


def correlate(a: ArrayLike, v: ArrayLike, mode: str = 'valid') -> ndarray:
    """Cross-correlation of two 1-d sequences (``v`` conjugated for complex input)."""
    a, v = asarray(a), asarray(v)
    if a.ndim == 0 or v.ndim == 0:
        a, v = a.reshape((-1,)), v.reshape((-1,))
    r = _by_dot(a, v, mode, True)
    if r is not None:
        return r
    return _c._correlate(a, v, _mode_name(mode), True)


def convolve(a: ArrayLike, v: ArrayLike, mode: str = 'full') -> ndarray:
    """Discrete linear convolution of two 1-d sequences (direct, blocked in the core)."""
    a, v = asarray(a), asarray(v)
    if a.ndim == 0:
        a = a.reshape((1,))
    if v.ndim == 0:
        v = v.reshape((1,))
    if len(v) > len(a):
        a, v = v, a
    if len(a) == 0:
        raise ValueError("a cannot be empty")
    if len(v) == 0:
        raise ValueError("v cannot be empty")
    r = _by_dot(a, v[::-1], mode, False)
    if r is not None:
        return r
    return _c._correlate(a, v[::-1], _mode_name(mode), False)


@overload
def interp(x: _NumberLike, xp: ArrayLike, fp: ArrayLike, left: ArrayLike | None = ..., right: ArrayLike | None = ..., period: float | None = ...) -> generic: ...
@overload
def interp(x: ArrayLike, xp: ArrayLike, fp: ArrayLike, left: ArrayLike | None = ..., right: ArrayLike | None = ..., period: float | None = ...) -> ndarray: ...
def interp(x: Any, xp: Any, fp: Any, left: Any = None, right: Any = None,
           period: Any = None) -> Any:
    """One-dimensional piecewise linear interpolation (NumPy's compiled algorithm)."""
    xa = asarray(x)
    fpa = asarray(fp)
    xpa = asarray(xp)
    if fpa.dtype.kind == "c":
        fpa = fpa.astype(_c.complex128)
    else:
        fpa = fpa.astype(_c.float64)
    if xpa.ndim != 1 or fpa.ndim != 1:
        raise ValueError("object too deep for desired array")
    if xpa.shape[0] != fpa.shape[0]:
        raise ValueError("fp and xp are not of the same length.")
    if period is not None:
        if period == 0:
            raise ValueError("period must be a non-zero value")
        period = abs(period)
        left = None
        right = None
        xa = _c.mod(xa.astype(_c.float64), period)
        xpf = _c.mod(xpa.astype(_c.float64), period)
        pairs = sorted(zip(xpf.tolist(), _range(xpf.shape[0])), key=lambda t: t[0])
        order = [i for _, i in pairs]
        xs = [v for v, _ in pairs]
        fs = fpa[_c.array(order, dtype=_c.int64)] if order else fpa
        xs_ext = [xs[-1] - period] + xs + [xs[0] + period]
        fp_ext = _concat([fs[-1:], fs, fs[0:1]], 0)
        r = _c._interp(xa.astype(_c.float64), xs_ext, fp_ext, left, right)
    else:
        xpl = [float(v) for v in xpa.astype(_c.float64).tolist()]
        r = _c._interp(xa.astype(_c.float64), xpl, fpa, left, right)
    return _scalar_or_array(r)
