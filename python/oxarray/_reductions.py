# mypy: disable-error-code="overload-overlap"
"""Module-level reductions (``oxarray.sum(a, ...)`` and friends) and ``mean``.

Each function converts its input with :func:`asarray` and calls the ``ndarray`` method of
the same name, which does the work in Rust (``crates/oxarray-py/src/ndarray/reductions.rs``);
the signatures are NumPy's. ``mean`` (like ``std`` and ``var`` in ``_statistics.py``) is the
core's ``ops::stats::mean``, NumPy's ``_mean`` algorithm run through the ufunc engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, SupportsIndex, TypeVar, overload

from ._core import asarray

if TYPE_CHECKING:
    from ._core import ArrayLike, DTypeLike, _AxisLike, _NumberLike, generic, int64, ndarray
    from ._core import bool as bool_

    _ArrayT = TypeVar("_ArrayT", bound=ndarray)

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


@overload
def sum(a: ArrayLike, axis: None = None, dtype: DTypeLike = None, out: None = None, keepdims: Literal[False] = False, initial: _NumberLike | _NoValueType | None = ..., where: ArrayLike | _NoValueType | None = ...) -> generic: ...
@overload
def sum(a: ArrayLike, axis: _AxisLike | None = None, dtype: DTypeLike = None, *, out: _ArrayT, keepdims: bool = False, initial: _NumberLike | _NoValueType | None = ..., where: ArrayLike | _NoValueType | None = ...) -> _ArrayT: ...
@overload
def sum(a: ArrayLike, axis: _AxisLike | None = None, dtype: DTypeLike = None, out: None = None, *, keepdims: Literal[True], initial: _NumberLike | _NoValueType | None = ..., where: ArrayLike | _NoValueType | None = ...) -> ndarray: ...
@overload
def sum(a: ArrayLike, axis: _AxisLike | None = None, dtype: DTypeLike = None, out: ndarray | None = None, keepdims: bool = False, initial: _NumberLike | _NoValueType | None = ..., where: ArrayLike | _NoValueType | None = ...) -> Any: ...
def sum(a: Any, axis: Any = None, dtype: Any = None, out: Any = None, keepdims: bool = False,
        initial: Any = _NoValue, where: Any = _NoValue) -> Any:
    """Sum of array elements over the given axes (pairwise summation for floats)."""
    return asarray(a).sum(axis, dtype, out, keepdims, **_kw(initial=initial, where=where))


@overload
def prod(a: ArrayLike, axis: None = None, dtype: DTypeLike = None, out: None = None, keepdims: Literal[False] = False, initial: _NumberLike | _NoValueType | None = ..., where: ArrayLike | _NoValueType | None = ...) -> generic: ...
@overload
def prod(a: ArrayLike, axis: _AxisLike | None = None, dtype: DTypeLike = None, *, out: _ArrayT, keepdims: bool = False, initial: _NumberLike | _NoValueType | None = ..., where: ArrayLike | _NoValueType | None = ...) -> _ArrayT: ...
@overload
def prod(a: ArrayLike, axis: _AxisLike | None = None, dtype: DTypeLike = None, out: None = None, *, keepdims: Literal[True], initial: _NumberLike | _NoValueType | None = ..., where: ArrayLike | _NoValueType | None = ...) -> ndarray: ...
@overload
def prod(a: ArrayLike, axis: _AxisLike | None = None, dtype: DTypeLike = None, out: ndarray | None = None, keepdims: bool = False, initial: _NumberLike | _NoValueType | None = ..., where: ArrayLike | _NoValueType | None = ...) -> Any: ...
def prod(a: Any, axis: Any = None, dtype: Any = None, out: Any = None, keepdims: bool = False,
         initial: Any = _NoValue, where: Any = _NoValue) -> Any:
    """Product of array elements over the given axes."""
    return asarray(a).prod(axis, dtype, out, keepdims, **_kw(initial=initial, where=where))


@overload
def max(a: ArrayLike, axis: None = None, out: None = None, keepdims: Literal[False] = False, initial: _NumberLike | _NoValueType | None = ..., where: ArrayLike | _NoValueType | None = ...) -> generic: ...
@overload
def max(a: ArrayLike, axis: _AxisLike | None = None, *, out: _ArrayT, keepdims: bool = False, initial: _NumberLike | _NoValueType | None = ..., where: ArrayLike | _NoValueType | None = ...) -> _ArrayT: ...
@overload
def max(a: ArrayLike, axis: _AxisLike | None = None, out: None = None, *, keepdims: Literal[True], initial: _NumberLike | _NoValueType | None = ..., where: ArrayLike | _NoValueType | None = ...) -> ndarray: ...
@overload
def max(a: ArrayLike, axis: _AxisLike | None = None, out: ndarray | None = None, keepdims: bool = False, initial: _NumberLike | _NoValueType | None = ..., where: ArrayLike | _NoValueType | None = ...) -> Any: ...
def max(a: Any, axis: Any = None, out: Any = None, keepdims: bool = False,
        initial: Any = _NoValue, where: Any = _NoValue) -> Any:
    """Maximum over the given axes (NaN propagates)."""
    return asarray(a).max(axis, out, keepdims, **_kw(initial=initial, where=where))


@overload
def min(a: ArrayLike, axis: None = None, out: None = None, keepdims: Literal[False] = False, initial: _NumberLike | _NoValueType | None = ..., where: ArrayLike | _NoValueType | None = ...) -> generic: ...
@overload
def min(a: ArrayLike, axis: _AxisLike | None = None, *, out: _ArrayT, keepdims: bool = False, initial: _NumberLike | _NoValueType | None = ..., where: ArrayLike | _NoValueType | None = ...) -> _ArrayT: ...
@overload
def min(a: ArrayLike, axis: _AxisLike | None = None, out: None = None, *, keepdims: Literal[True], initial: _NumberLike | _NoValueType | None = ..., where: ArrayLike | _NoValueType | None = ...) -> ndarray: ...
@overload
def min(a: ArrayLike, axis: _AxisLike | None = None, out: ndarray | None = None, keepdims: bool = False, initial: _NumberLike | _NoValueType | None = ..., where: ArrayLike | _NoValueType | None = ...) -> Any: ...
def min(a: Any, axis: Any = None, out: Any = None, keepdims: bool = False,
        initial: Any = _NoValue, where: Any = _NoValue) -> Any:
    """Minimum over the given axes (NaN propagates)."""
    return asarray(a).min(axis, out, keepdims, **_kw(initial=initial, where=where))


amax = max
amin = min


@overload
def any(a: ArrayLike, axis: None = None, out: None = None, keepdims: Literal[False] = False, *, where: ArrayLike | _NoValueType | None = ...) -> bool_: ...
@overload
def any(a: ArrayLike, axis: _AxisLike | None = None, *, out: _ArrayT, keepdims: bool = False, where: ArrayLike | _NoValueType | None = ...) -> _ArrayT: ...
@overload
def any(a: ArrayLike, axis: _AxisLike | None = None, out: None = None, *, keepdims: Literal[True], where: ArrayLike | _NoValueType | None = ...) -> ndarray: ...
@overload
def any(a: ArrayLike, axis: _AxisLike | None = None, out: ndarray | None = None, keepdims: bool = False, *, where: ArrayLike | _NoValueType | None = ...) -> Any: ...
def any(a: Any, axis: Any = None, out: Any = None, keepdims: bool = False, *,
        where: Any = _NoValue) -> Any:
    """Whether any element over the given axes is true."""
    return asarray(a).any(axis, out, keepdims, **_kw(where=where))


@overload
def all(a: ArrayLike, axis: None = None, out: None = None, keepdims: Literal[False] = False, *, where: ArrayLike | _NoValueType | None = ...) -> bool_: ...
@overload
def all(a: ArrayLike, axis: _AxisLike | None = None, *, out: _ArrayT, keepdims: bool = False, where: ArrayLike | _NoValueType | None = ...) -> _ArrayT: ...
@overload
def all(a: ArrayLike, axis: _AxisLike | None = None, out: None = None, *, keepdims: Literal[True], where: ArrayLike | _NoValueType | None = ...) -> ndarray: ...
@overload
def all(a: ArrayLike, axis: _AxisLike | None = None, out: ndarray | None = None, keepdims: bool = False, *, where: ArrayLike | _NoValueType | None = ...) -> Any: ...
def all(a: Any, axis: Any = None, out: Any = None, keepdims: bool = False, *,
        where: Any = _NoValue) -> Any:
    """Whether all elements over the given axes are true."""
    return asarray(a).all(axis, out, keepdims, **_kw(where=where))


@overload
def cumsum(a: ArrayLike, axis: SupportsIndex | None = None, dtype: DTypeLike = None, out: None = None) -> ndarray: ...
@overload
def cumsum(a: ArrayLike, axis: SupportsIndex | None = None, dtype: DTypeLike = None, *, out: _ArrayT) -> _ArrayT: ...
def cumsum(a: Any, axis: Any = None, dtype: Any = None, out: Any = None) -> Any:
    """Cumulative sum along an axis (over the flattened array when ``axis`` is None)."""
    return asarray(a).cumsum(axis, dtype, out)


@overload
def cumprod(a: ArrayLike, axis: SupportsIndex | None = None, dtype: DTypeLike = None, out: None = None) -> ndarray: ...
@overload
def cumprod(a: ArrayLike, axis: SupportsIndex | None = None, dtype: DTypeLike = None, *, out: _ArrayT) -> _ArrayT: ...
def cumprod(a: Any, axis: Any = None, dtype: Any = None, out: Any = None) -> Any:
    """Cumulative product along an axis (over the flattened array when ``axis`` is None)."""
    return asarray(a).cumprod(axis, dtype, out)


@overload
def argmax(a: ArrayLike, axis: None = None, out: None = None, *, keepdims: Literal[False] = False) -> int64: ...
@overload
def argmax(a: ArrayLike, axis: SupportsIndex | None = None, *, out: _ArrayT, keepdims: bool = False) -> _ArrayT: ...
@overload
def argmax(a: ArrayLike, axis: SupportsIndex | None = None, out: None = None, *, keepdims: Literal[True]) -> ndarray: ...
@overload
def argmax(a: ArrayLike, axis: SupportsIndex | None = None, out: ndarray | None = None, *, keepdims: bool = False) -> Any: ...
def argmax(a: Any, axis: Any = None, out: Any = None, *, keepdims: bool = False) -> Any:
    """Indices of the maximum values along an axis (the first among equals; NaN wins)."""
    return asarray(a).argmax(axis, out, keepdims=keepdims)


@overload
def argmin(a: ArrayLike, axis: None = None, out: None = None, *, keepdims: Literal[False] = False) -> int64: ...
@overload
def argmin(a: ArrayLike, axis: SupportsIndex | None = None, *, out: _ArrayT, keepdims: bool = False) -> _ArrayT: ...
@overload
def argmin(a: ArrayLike, axis: SupportsIndex | None = None, out: None = None, *, keepdims: Literal[True]) -> ndarray: ...
@overload
def argmin(a: ArrayLike, axis: SupportsIndex | None = None, out: ndarray | None = None, *, keepdims: bool = False) -> Any: ...
def argmin(a: Any, axis: Any = None, out: Any = None, *, keepdims: bool = False) -> Any:
    """Indices of the minimum values along an axis (the first among equals; NaN wins)."""
    return asarray(a).argmin(axis, out, keepdims=keepdims)


@overload
def mean(a: ArrayLike, axis: None = None, dtype: DTypeLike = None, out: None = None, keepdims: Literal[False] = False, *, where: ArrayLike | _NoValueType | None = ...) -> generic: ...
@overload
def mean(a: ArrayLike, axis: _AxisLike | None = None, dtype: DTypeLike = None, *, out: _ArrayT, keepdims: bool = False, where: ArrayLike | _NoValueType | None = ...) -> _ArrayT: ...
@overload
def mean(a: ArrayLike, axis: _AxisLike | None = None, dtype: DTypeLike = None, out: None = None, *, keepdims: Literal[True], where: ArrayLike | _NoValueType | None = ...) -> ndarray: ...
@overload
def mean(a: ArrayLike, axis: _AxisLike | None = None, dtype: DTypeLike = None, out: ndarray | None = None, keepdims: bool = False, *, where: ArrayLike | _NoValueType | None = ...) -> Any: ...
def mean(a: Any, axis: Any = None, dtype: Any = None, out: Any = None, keepdims: bool = False,
         *, where: Any = _NoValue) -> Any:
    """Arithmetic mean over the given axes: integers and bool in float64, float16
    accumulated in float32 and returned as float16, like NumPy."""
    return asarray(a).mean(axis, dtype, out, keepdims, **_kw(where=where))
