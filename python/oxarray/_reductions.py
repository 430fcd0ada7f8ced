"""Module-level reductions (``oxarray.sum(a, ...)`` and friends) and ``mean``.

Each function converts its input with :func:`asarray` and calls the ``ndarray`` method of
the same name, which does the work in Rust (``crates/oxarray-py/src/ndarray/reductions.rs``);
the signatures are NumPy's. ``mean`` is :func:`_mean`, NumPy's ``_mean`` algorithm: sum in
the accumulation dtype, then divide by the number of elements in place.
"""

from __future__ import annotations

import operator
import warnings
from typing import Any

from ._core import asarray, broadcast_to, float16, float32, float64, int64, ndarray

__all__ = [
    "all", "amax", "amin", "any", "argmax", "argmin", "cumprod", "cumsum", "max", "mean",
    "min", "prod", "sum",
]


class _NoValueType:
    """Marks an argument that was not given (NumPy's ``_NoValue``)."""

    def __repr__(self) -> str:
        return "<no value>"


_NoValue: Any = _NoValueType()


def _kw(**kwargs: Any) -> dict[str, Any]:
    return {k: v for k, v in kwargs.items() if v is not _NoValue}


def sum(a: Any, axis: Any = None, dtype: Any = None, out: Any = None, keepdims: bool = False,
        initial: Any = _NoValue, where: Any = _NoValue) -> Any:
    """Sum of array elements over the given axes (pairwise summation for floats)."""
    return asarray(a).sum(axis, dtype, out, keepdims, **_kw(initial=initial, where=where))


def prod(a: Any, axis: Any = None, dtype: Any = None, out: Any = None, keepdims: bool = False,
         initial: Any = _NoValue, where: Any = _NoValue) -> Any:
    """Product of array elements over the given axes."""
    return asarray(a).prod(axis, dtype, out, keepdims, **_kw(initial=initial, where=where))


def max(a: Any, axis: Any = None, out: Any = None, keepdims: bool = False,
        initial: Any = _NoValue, where: Any = _NoValue) -> Any:
    """Maximum over the given axes (NaN propagates)."""
    return asarray(a).max(axis, out, keepdims, **_kw(initial=initial, where=where))


def min(a: Any, axis: Any = None, out: Any = None, keepdims: bool = False,
        initial: Any = _NoValue, where: Any = _NoValue) -> Any:
    """Minimum over the given axes (NaN propagates)."""
    return asarray(a).min(axis, out, keepdims, **_kw(initial=initial, where=where))


amax = max
amin = min


def any(a: Any, axis: Any = None, out: Any = None, keepdims: bool = False, *,
        where: Any = _NoValue) -> Any:
    """Whether any element over the given axes is true."""
    return asarray(a).any(axis, out, keepdims, **_kw(where=where))


def all(a: Any, axis: Any = None, out: Any = None, keepdims: bool = False, *,
        where: Any = _NoValue) -> Any:
    """Whether all elements over the given axes are true."""
    return asarray(a).all(axis, out, keepdims, **_kw(where=where))


def cumsum(a: Any, axis: Any = None, dtype: Any = None, out: Any = None) -> Any:
    """Cumulative sum along an axis (over the flattened array when ``axis`` is None)."""
    return asarray(a).cumsum(axis, dtype, out)


def cumprod(a: Any, axis: Any = None, dtype: Any = None, out: Any = None) -> Any:
    """Cumulative product along an axis (over the flattened array when ``axis`` is None)."""
    return asarray(a).cumprod(axis, dtype, out)


def argmax(a: Any, axis: Any = None, out: Any = None, *, keepdims: bool = False) -> Any:
    """Indices of the maximum values along an axis (the first among equals; NaN wins)."""
    return asarray(a).argmax(axis, out, keepdims=keepdims)


def argmin(a: Any, axis: Any = None, out: Any = None, *, keepdims: bool = False) -> Any:
    """Indices of the minimum values along an axis (the first among equals; NaN wins)."""
    return asarray(a).argmin(axis, out, keepdims=keepdims)


def mean(a: Any, axis: Any = None, dtype: Any = None, out: Any = None, keepdims: bool = False,
         *, where: Any = _NoValue) -> Any:
    """Arithmetic mean over the given axes: integers and bool in float64, float16
    accumulated in float32 and returned as float16, like NumPy."""
    return asarray(a).mean(axis, dtype, out, keepdims, **_kw(where=where))


def _normalize_axis(ax: Any, ndim: int) -> int:
    from .exceptions import AxisError

    ax = operator.index(ax)
    if not -ndim <= ax < ndim:
        raise AxisError(f"axis {ax} is out of bounds for array of dimension {ndim}")
    return ax % ndim if ndim else ax


def _count_reduce_items(arr: ndarray, axis: Any, keepdims: bool, where: Any) -> Any:
    if where is True:
        if axis is None:
            axis = tuple(range(arr.ndim))
        elif not isinstance(axis, tuple):
            axis = (axis,)
        items = 1
        for ax in axis:
            items *= arr.shape[_normalize_axis(ax, arr.ndim)]
        return int64(items)
    return broadcast_to(asarray(where), arr.shape).sum(axis, int64, None, keepdims)


def _mean(a: ndarray, axis: Any = None, dtype: Any = None, out: Any = None,
          keepdims: bool = False, *, where: Any = True) -> Any:
    """NumPy's ``numpy._core._methods._mean``."""
    from ._core import divide

    arr = a
    is_float16_result = False
    rcount = _count_reduce_items(arr, axis, keepdims, where)
    empty = rcount == 0 if where is True else bool(asarray(rcount == 0).any())
    if empty:
        warnings.warn("Mean of empty slice", RuntimeWarning, stacklevel=3)
    if dtype is None:
        kind = arr.dtype.kind
        if kind in "biu":
            dtype = float64
        elif arr.dtype == float16:
            dtype = float32
            is_float16_result = True
    kw = {} if where is True else {"where": where}
    ret = arr.sum(axis, dtype, out, keepdims, **kw)
    if isinstance(ret, ndarray):
        ret = divide(ret, rcount, out=ret, casting="unsafe")
        if is_float16_result and out is None:
            ret = ret.astype(float16)
    elif hasattr(ret, "dtype"):
        if is_float16_result:
            ret = float16(ret / rcount)
        else:
            ret = type(ret)(ret / rcount)
    else:
        ret = ret / rcount
    return ret
