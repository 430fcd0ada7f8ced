"""`oxarray.lib.stride_tricks`: ``as_strided`` and ``sliding_window_view`` (NumPy's).

Both return views of the input's memory: the view is made, as NumPy's ``as_strided`` makes
it, by handing ``asarray`` an ``__array_interface__`` with the new shape and strides on the
input's data pointer; the interface holder keeps the input alive. Nothing checks that the
strides stay inside the input's memory (NumPy does not either): ``as_strided`` is for
callers who know the layout; ``sliding_window_view`` only makes views that stay inside.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from typing import Any, cast

from .._core import asarray, ndarray
from ..exceptions import AxisError

__all__ = ["as_strided", "sliding_window_view"]


class _Interface:
    """Holds an ``__array_interface__`` and the array whose memory it describes."""

    def __init__(self, interface: dict[str, Any], base: ndarray) -> None:
        self.__array_interface__ = interface
        self.base = base


def as_strided(
    x: Any,
    shape: Sequence[int] | None = None,
    strides: Sequence[int] | None = None,
    subok: bool = False,
    writeable: bool = True,
) -> ndarray:
    """A view of ``x``'s memory with the given shape and strides (in bytes)."""
    del subok  # no ndarray subclasses to preserve
    x = asarray(x)
    interface = dict(x.__array_interface__)
    shape_t = tuple(x.shape) if shape is None else tuple(operator.index(s) for s in shape)
    strides_t = tuple(x.strides) if strides is None else tuple(operator.index(s) for s in strides)
    if len(shape_t) != len(strides_t):
        raise ValueError("mismatch in length of strides and shape")
    ptr, readonly = interface["data"]
    interface["shape"] = shape_t
    interface["strides"] = strides_t
    interface["data"] = (ptr, bool(readonly) or not writeable or not x.flags.writeable)
    return asarray(cast(Any, _Interface(interface, x)))


def _normalize_axes(axis: int | Iterable[int], ndim: int) -> tuple[int, ...]:
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
    out = []
    for ax in axes:
        ax = operator.index(ax)
        if not -ndim <= ax < ndim:
            raise AxisError(f"axis {ax} is out of bounds for array of dimension {ndim}")
        out.append(ax % ndim)
    return tuple(out)


def sliding_window_view(
    x: Any,
    window_shape: int | Iterable[int],
    axis: int | Iterable[int] | None = None,
    *,
    subok: bool = False,
    writeable: bool = False,
) -> ndarray:
    """Sliding windows of ``window_shape`` over ``axis`` (all axes if None), as NumPy's."""
    window = (
        tuple(operator.index(w) for w in window_shape)
        if isinstance(window_shape, Iterable)
        else (operator.index(window_shape),)
    )
    x = asarray(x)
    if any(w < 0 for w in window):
        raise ValueError("`window_shape` cannot contain negative values")
    if axis is None:
        axes = tuple(range(x.ndim))
        if len(window) != len(axes):
            raise ValueError(
                f"Since axis is `None`, must provide window_shape for all dimensions of `x`; "
                f"got {len(window)} window_shape elements and `x.ndim` is {x.ndim}."
            )
    else:
        axes = _normalize_axes(axis, x.ndim)
        if len(window) != len(axes):
            raise ValueError(
                f"Must provide matching length window_shape and axis; got {len(window)} "
                f"window_shape elements and {len(axes)} axes elements."
            )
    out_strides = tuple(x.strides) + tuple(x.strides[ax] for ax in axes)
    trimmed = list(x.shape)
    for ax, dim in zip(axes, window):
        if trimmed[ax] < dim:
            raise ValueError("window shape cannot be larger than input array shape")
        trimmed[ax] -= dim - 1
    return as_strided(x, tuple(trimmed) + window, out_strides, subok=subok, writeable=writeable)
