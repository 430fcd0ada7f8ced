"""Module-level reductions (``oxarray.sum(a, ...)`` and friends) and ``mean``.

Each function converts its input with :func:`asarray` and calls the ``ndarray`` method of
the same name, which does the work in Rust (``crates/oxarray-py/src/ndarray/reductions.rs``);
the signatures are NumPy's. ``mean`` (like ``std`` and ``var`` in ``_statistics.py``) is the
core's ``ops::stats::mean``, NumPy's ``_mean`` algorithm run through the ufunc engine.
"""

from __future__ import annotations

from typing import Any

from ._core import asarray

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
