"""`pad`: NumPy's `numpy/lib/_arraypad_impl.py` composed from oxarray primitives.

The allocation, the centre copy and zeroed borders are one core call
(`ops::rearrange::pad_simple`); each mode then fills the borders with a few strided slab
copies along each axis, as NumPy's does.
"""

from __future__ import annotations

import builtins
import itertools
import math
from typing import Any, Callable

from ._core import (
    _pad_simple as _pad_core,
    arange,
    array,
    asarray,
    broadcast_to,
    dtype as _dtype,
    moveaxis,
    ndarray,
    result_type,
    rint,
)

__all__ = ["pad"]


def _slice_at_axis(sl: slice, axis: int) -> tuple[Any, ...]:
    return (slice(None),) * axis + (sl,) + (...,)


def _view_roi(arr: ndarray, original_area_slice: tuple[Any, ...], axis: int) -> ndarray:
    axis += 1
    sl = (slice(None),) * axis + original_area_slice[axis:]
    return arr[sl]


def _pad_simple(arr: ndarray, pad_width: Any, fill_value: Any = None) -> Any:
    # NumPy's `_pad_simple`; the allocation, centre copy and zeroed borders are one core
    # call (a 0 `fill_value` is what the zeroed borders already hold).
    fortran = bool(arr.flags["F_CONTIGUOUS"] and not arr.flags["C_CONTIGUOUS"])
    padded = _pad_core(arr, [(int(b), int(e)) for b, e in pad_width], fortran)
    if fill_value is not None and fill_value != 0:
        centre = padded[tuple(slice(b, b + n) for n, (b, _) in zip(arr.shape, pad_width))]
        padded.fill(fill_value)
        centre[...] = arr
    original_area_slice = tuple(
        slice(left, left + size) for size, (left, right) in zip(arr.shape, pad_width)
    )
    return padded, original_area_slice


def _set_pad_area(padded: ndarray, axis: int, width_pair: Any, value_pair: Any) -> None:
    left_slice = _slice_at_axis(slice(None, width_pair[0]), axis)
    padded[left_slice] = value_pair[0]
    right_slice = _slice_at_axis(slice(padded.shape[axis] - width_pair[1], None), axis)
    padded[right_slice] = value_pair[1]


def _get_edges(padded: ndarray, axis: int, width_pair: Any) -> tuple[ndarray, ndarray]:
    left_index = width_pair[0]
    left_edge = padded[_slice_at_axis(slice(left_index, left_index + 1), axis)]
    right_index = padded.shape[axis] - width_pair[1]
    right_edge = padded[_slice_at_axis(slice(right_index - 1, right_index), axis)]
    return left_edge, right_edge


def _ramp(start: Any, stop: ndarray, num: int, dt: Any, axis: int) -> ndarray:
    """NumPy's ``linspace(start, stop, num, endpoint=False, dtype=dt, axis=axis)``."""
    start = asarray(start)
    stop = asarray(stop)
    calc = result_type(start, stop, float(num))
    delta = (stop - start).astype(calc)
    y = arange(0, num, dtype=calc).reshape((-1,) + (1,) * delta.ndim)
    if num > 0:
        step = delta / num
        if bool((step == 0).any()):
            y = y / num
            y = y * delta
        else:
            y = y * step
    y = y + start
    if axis != 0:
        y = moveaxis(y, 0, axis)
    if _dtype(dt).kind in "iu":
        y = _floor(y)
    return y.astype(dt)


def _floor(y: ndarray) -> ndarray:
    from ._core import floor

    return floor(y)


def _get_linear_ramps(padded: ndarray, axis: int, width_pair: Any, end_value_pair: Any) -> Any:
    edge_pair = _get_edges(padded, axis, width_pair)
    left_ramp, right_ramp = (
        _ramp(end_value, edge.squeeze(axis), width, padded.dtype, axis)
        for end_value, edge, width in zip(end_value_pair, edge_pair, width_pair)
    )
    right_ramp = right_ramp[_slice_at_axis(slice(None, None, -1), axis)]
    return left_ramp, right_ramp


def _median(chunk: ndarray, axis: int, keepdims: bool = True) -> ndarray:
    """Median along `axis` with keepdims (NumPy's `median` semantics: NaN propagates)."""
    moved = moveaxis(chunk, axis, -1)
    lead = moved.shape[:-1]
    n = moved.shape[-1]
    rows = moved.reshape(-1, n).tolist() if n else [[] for _ in range(math.prod(lead))]
    vals = []
    for row in rows:
        if not row:
            vals.append(float("nan"))
        elif builtins.any(v != v for v in row):
            vals.append(float("nan"))
        else:
            # NumPy orders complex numbers lexicographically (real part, then imaginary).
            s = sorted(row, key=lambda v: (v.real, v.imag)) if isinstance(row[0], complex) else sorted(row)
            m = len(s) // 2
            vals.append(s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2)
    kind = chunk.dtype.kind
    out_dt = chunk.dtype if kind in "fc" else "float64"
    res = asarray(vals, dtype=out_dt).reshape(lead + (1,))
    return moveaxis(res, -1, axis)


def _stat(name: str) -> Callable[..., ndarray]:
    import oxarray

    if name == "median":
        return _median
    return {"maximum": oxarray.amax, "minimum": oxarray.amin, "mean": oxarray.mean}[name]  # type: ignore[return-value]


def _round_if_needed(arr: ndarray, dt: Any) -> ndarray:
    # NumPy's `arr.round(out=arr)` is a no-op on integer statistics (max/min).
    if _dtype(dt).kind in "iu" and arr.dtype.kind in "fc":
        rint(arr, out=arr)
    return arr


def _get_stats(padded: ndarray, axis: int, width_pair: Any, length_pair: Any, mode: str) -> Any:
    stat_func = _stat(mode)
    left_index = width_pair[0]
    right_index = padded.shape[axis] - width_pair[1]
    max_length = right_index - left_index
    left_length, right_length = length_pair
    if left_length is None or max_length < left_length:
        left_length = max_length
    if right_length is None or max_length < right_length:
        right_length = max_length
    if (left_length == 0 or right_length == 0) and mode in {"maximum", "minimum"}:
        raise ValueError("stat_length of 0 yields no value for padding")
    left_chunk = padded[_slice_at_axis(slice(left_index, left_index + left_length), axis)]
    left_stat = _round_if_needed(stat_func(left_chunk, axis=axis, keepdims=True), padded.dtype)
    if left_length == right_length == max_length:
        return left_stat, left_stat
    right_chunk = padded[_slice_at_axis(slice(right_index - right_length, right_index), axis)]
    right_stat = _round_if_needed(stat_func(right_chunk, axis=axis, keepdims=True), padded.dtype)
    return left_stat, right_stat


def _set_reflect_both(
    padded: ndarray, axis: int, width_pair: Any, method: str, original_period: int,
    include_edge: bool = False,
) -> tuple[int, int]:
    left_pad, right_pad = width_pair
    old_length = padded.shape[axis] - right_pad - left_pad
    if include_edge:
        old_length = old_length // original_period * original_period
        edge_offset = 1
    else:
        old_length = (old_length - 1) // (original_period - 1) * (original_period - 1) + 1
        edge_offset = 0
        old_length -= 1
    if left_pad > 0:
        chunk_length = min(old_length, left_pad)
        stop = left_pad - edge_offset
        start = stop + chunk_length
        left_chunk = padded[_slice_at_axis(slice(start, stop, -1), axis)]
        if method == "odd":
            edge = padded[_slice_at_axis(slice(left_pad, left_pad + 1), axis)]
            left_chunk = 2 * edge - left_chunk
        padded[_slice_at_axis(slice(left_pad - chunk_length, left_pad), axis)] = left_chunk
        left_pad -= chunk_length
    if right_pad > 0:
        chunk_length = min(old_length, right_pad)
        start = -right_pad + edge_offset - 2
        stop = start - chunk_length
        right_chunk = padded[_slice_at_axis(slice(start, stop, -1), axis)]
        if method == "odd":
            edge = padded[_slice_at_axis(slice(-right_pad - 1, -right_pad), axis)]
            right_chunk = 2 * edge - right_chunk
        start = padded.shape[axis] - right_pad
        padded[_slice_at_axis(slice(start, start + chunk_length), axis)] = right_chunk
        right_pad -= chunk_length
    return left_pad, right_pad


def _set_wrap_both(padded: ndarray, axis: int, width_pair: Any, original_period: int) -> Any:
    left_pad, right_pad = width_pair
    period = padded.shape[axis] - right_pad - left_pad
    period = period // original_period * original_period
    new_left_pad = 0
    new_right_pad = 0
    if left_pad > 0:
        slice_end = left_pad + period
        slice_start = slice_end - min(period, left_pad)
        right_chunk = padded[_slice_at_axis(slice(slice_start, slice_end), axis)]
        if left_pad > period:
            pad_area = _slice_at_axis(slice(left_pad - period, left_pad), axis)
            new_left_pad = left_pad - period
        else:
            pad_area = _slice_at_axis(slice(None, left_pad), axis)
        padded[pad_area] = right_chunk
    if right_pad > 0:
        slice_start = -right_pad - period
        slice_end = slice_start + min(period, right_pad)
        left_chunk = padded[_slice_at_axis(slice(slice_start, slice_end), axis)]
        if right_pad > period:
            pad_area = _slice_at_axis(slice(-right_pad, -right_pad + period), axis)
            new_right_pad = right_pad - period
        else:
            pad_area = _slice_at_axis(slice(-right_pad, None), axis)
        padded[pad_area] = left_chunk
    return new_left_pad, new_right_pad


def _as_pairs(x: Any, ndim: int, as_index: bool = False) -> Any:
    if x is None:
        return ((None, None),) * ndim
    x = array(x)
    if as_index:
        x = rint(x).astype("int64") if x.dtype.kind in "fc" else x.astype("int64")
    if x.ndim < 3:
        if x.size == 1:
            x = x.ravel()
            if as_index and x[0] < 0:
                raise ValueError("index can't contain negative values")
            v = x[0].item() if as_index else x[0]
            return ((v, v),) * ndim
        if x.size == 2 and x.shape != (2, 1):
            x = x.ravel()
            if as_index and (x[0] < 0 or x[1] < 0):
                raise ValueError("index can't contain negative values")
            if as_index:
                return ((x[0].item(), x[1].item()),) * ndim
            return ((x[0], x[1]),) * ndim
    if as_index and bool((x < 0).any()):
        raise ValueError("index can't contain negative values")
    return broadcast_to(x, (ndim, 2)).tolist()


def pad(array: Any, pad_width: Any, mode: Any = "constant", **kwargs: Any) -> ndarray:
    """Pad an array (every NumPy mode, or a callable)."""
    arr = asarray(array)
    if isinstance(pad_width, dict):
        seq = [(0, 0)] * arr.ndim
        for axis, width in pad_width.items():
            if isinstance(width, int):
                seq[axis] = (width, width)
            else:
                before, after = width
                seq[axis] = (before, after)
        pad_width = seq
    if type(pad_width) is int and pad_width >= 0:
        # The common `pad(a, k)`: what `_as_pairs` gives, without building arrays.
        pad_width = ((pad_width, pad_width),) * arr.ndim
    else:
        pw = asarray(pad_width)
        if pw.dtype.kind not in "iu":
            raise TypeError("`pad_width` must be of integral type.")
        pad_width = _as_pairs(pw, arr.ndim, as_index=True)
    if callable(mode):
        function = mode
        padded, _ = _pad_simple(arr, pad_width, fill_value=0)
        for axis in range(padded.ndim):
            view = moveaxis(padded, axis, -1)
            for ind in itertools.product(*map(range, view.shape[:-1])):
                function(view[ind + (Ellipsis,)], pad_width[axis], axis, kwargs)
        return padded
    allowed_kwargs = {
        "empty": [], "edge": [], "wrap": [],
        "constant": ["constant_values"], "linear_ramp": ["end_values"],
        "maximum": ["stat_length"], "mean": ["stat_length"],
        "median": ["stat_length"], "minimum": ["stat_length"],
        "reflect": ["reflect_type"], "symmetric": ["reflect_type"],
    }
    try:
        unsupported_kwargs = set(kwargs) - set(allowed_kwargs[mode])
    except (KeyError, TypeError):
        raise ValueError(f"mode '{mode}' is not supported") from None
    if unsupported_kwargs:
        raise ValueError(
            f"unsupported keyword arguments for mode '{mode}': {unsupported_kwargs}"
        )
    padded, original_area_slice = _pad_simple(arr, pad_width)
    axes = range(padded.ndim)
    if mode == "constant" and "constant_values" not in kwargs and arr.dtype.kind != "O":
        # The default constant is 0, which the zeroed borders of `_pad_simple` hold
        # (object borders hold None: they take the 0 below, as NumPy's).
        pass
    elif mode == "constant":
        values = _as_pairs(kwargs.get("constant_values", 0), padded.ndim)
        for axis, width_pair, value_pair in zip(axes, pad_width, values):
            roi = _view_roi(padded, original_area_slice, axis)
            _set_pad_area(roi, axis, width_pair, value_pair)
    elif mode == "empty":
        pass
    elif arr.size == 0:
        for axis, width_pair in zip(axes, pad_width):
            if arr.shape[axis] == 0 and builtins.any(width_pair):
                raise ValueError(
                    f"can't extend empty axis {axis} using modes other than 'constant' "
                    "or 'empty'"
                )
    elif mode == "edge":
        for axis, width_pair in zip(axes, pad_width):
            roi = _view_roi(padded, original_area_slice, axis)
            edge_pair = _get_edges(roi, axis, width_pair)
            _set_pad_area(roi, axis, width_pair, edge_pair)
    elif mode == "linear_ramp":
        end_values = _as_pairs(kwargs.get("end_values", 0), padded.ndim)
        for axis, width_pair, value_pair in zip(axes, pad_width, end_values):
            if not builtins.any(width_pair):
                continue
            roi = _view_roi(padded, original_area_slice, axis)
            ramp_pair = _get_linear_ramps(roi, axis, width_pair, value_pair)
            _set_pad_area(roi, axis, width_pair, ramp_pair)
    elif mode in ("maximum", "minimum", "mean", "median"):
        length = _as_pairs(kwargs.get("stat_length"), padded.ndim, as_index=True)
        for axis, width_pair, length_pair in zip(axes, pad_width, length):
            roi = _view_roi(padded, original_area_slice, axis)
            if not builtins.any(width_pair):
                if mode in ("maximum", "minimum") and 0 in length_pair:
                    raise ValueError("stat_length of 0 yields no value for padding")
                continue
            stat_pair = _get_stats(roi, axis, width_pair, length_pair, mode)
            _set_pad_area(roi, axis, width_pair, stat_pair)
    elif mode in ("reflect", "symmetric"):
        method = kwargs.get("reflect_type", "even")
        include_edge = mode == "symmetric"
        for axis, (left_index, right_index) in zip(axes, pad_width):
            if arr.shape[axis] == 1 and (left_index > 0 or right_index > 0):
                edge_pair = _get_edges(padded, axis, (left_index, right_index))
                _set_pad_area(padded, axis, (left_index, right_index), edge_pair)
                continue
            roi = _view_roi(padded, original_area_slice, axis)
            while left_index > 0 or right_index > 0:
                left_index, right_index = _set_reflect_both(
                    roi, axis, (left_index, right_index), method, arr.shape[axis], include_edge
                )
    elif mode == "wrap":
        for axis, (left_index, right_index) in zip(axes, pad_width):
            roi = _view_roi(padded, original_area_slice, axis)
            original_period = padded.shape[axis] - right_index - left_index
            while left_index > 0 or right_index > 0:
                left_index, right_index = _set_wrap_both(
                    roi, axis, (left_index, right_index), original_period
                )
    return padded

