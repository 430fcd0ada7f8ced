"""Module-level functions that are thin wrappers over ndarray methods."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, SupportsIndex

from ._core import asarray, ndarray

if TYPE_CHECKING:
    from ._core import ArrayLike, _AxisLike, _OrderACF, _OrderKACF, _ShapeLike

__all__ = ["ndim", "ravel", "reshape", "shape", "size", "squeeze", "swapaxes", "transpose"]


def _arr(a: Any) -> ndarray:
    return a if isinstance(a, ndarray) else asarray(a)


def reshape(a: ArrayLike, /, shape: _ShapeLike | None = None, order: _OrderACF = "C", *, newshape: _ShapeLike | None = None, copy: bool | None = None) -> ndarray:
    """Give a new shape to an array without changing its data (a view when possible)."""
    if shape is None:
        if newshape is None:
            raise TypeError("reshape() missing 1 required positional argument: 'shape'")
        shape = newshape
    elif newshape is not None:
        raise TypeError("You cannot specify 'newshape' and 'shape' arguments at the same time.")
    return _arr(a).reshape(shape, order=order, copy=copy)


def transpose(a: ArrayLike, axes: _AxisLike | None = None) -> ndarray:
    """Permute the axes of an array (reverse them by default)."""
    return _arr(a).transpose(axes)


def swapaxes(a: ArrayLike, axis1: SupportsIndex, axis2: SupportsIndex) -> ndarray:
    """Interchange two axes of an array."""
    return _arr(a).swapaxes(axis1, axis2)


def squeeze(a: ArrayLike, axis: _AxisLike | None = None) -> ndarray:
    """Remove axes of length one."""
    return _arr(a).squeeze(axis)


def ravel(a: ArrayLike, order: _OrderKACF = "C") -> ndarray:
    """A contiguous flattened array (a view when possible)."""
    return _arr(a).ravel(order)


def shape(a: ArrayLike) -> tuple[int, ...]:
    """The shape of an array."""
    return _arr(a).shape


def ndim(a: ArrayLike) -> int:
    """The number of dimensions of an array."""
    return _arr(a).ndim


def size(a: ArrayLike, axis: SupportsIndex | None = None) -> int:
    """The number of elements, in total or along one axis."""
    arr = _arr(a)
    return arr.size if axis is None else arr.shape[axis]

