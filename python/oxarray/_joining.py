# mypy: disable-error-code="overload-overlap"
"""oxarray namespace: joining and splitting arrays.

`concatenate` is the Rust primitive (one strided copy per input, GIL released for large
copies); the rest are NumPy's own compositions of views and `concatenate`, as in
`numpy/_core/shape_base.py` and `numpy/lib/_shape_base_impl.py` (NumPy's are Python too).
"""

from __future__ import annotations

import functools
import itertools
import operator
from typing import Any, Sequence

from ._core import (
    array,
    asarray,
    concatenate,
    empty,
    moveaxis,
    ndarray,
    ones,
    result_type,
    stack,
    zeros_like,
)
from .exceptions import AxisError

from typing import TYPE_CHECKING, overload  # noqa: E402,F811 - the typed overloads below

if TYPE_CHECKING:
    from collections.abc import Sequence  # noqa: F401
    from typing import Literal, TypeVar  # noqa: F401

    from ._core import ArrayLike, DTypeLike, _AxisLike, _NestedSequence, _NumberLike, _ShapeLike, generic  # noqa: F401
    from ._core import bool as bool_  # noqa: F401
    from ._core import ndarray as ndarray  # noqa: F401

    _ArrayT = TypeVar("_ArrayT", bound=ndarray)

__all__ = [
    "append",
    "array_split",
    "atleast_1d",
    "atleast_2d",
    "atleast_3d",
    "block",
    "column_stack",
    "concat",
    "concatenate",
    "delete",
    "dsplit",
    "dstack",
    "hsplit",
    "hstack",
    "insert",
    "resize",
    "row_stack",
    "split",
    "stack",
    "trim_zeros",
    "unstack",
    "vsplit",
    "vstack",
]


def _asany(a: Any) -> ndarray:
    return a if isinstance(a, ndarray) else asarray(a)


def _normalize_axis_index(axis: Any, ndim: int) -> int:
    axis = operator.index(axis)
    if not -ndim <= axis < ndim:
        raise AxisError(axis, ndim)
    return axis + ndim if axis < 0 else axis


def _normalize_axis_tuple(axis: Any, ndim: int, allow_duplicate: bool = False) -> tuple[int, ...]:
    if type(axis) not in (tuple, list):
        try:
            axis = [operator.index(axis)]
        except TypeError:
            pass
    out = tuple(_normalize_axis_index(ax, ndim) for ax in axis)
    if not allow_duplicate and len(set(out)) != len(out):
        raise ValueError("repeated axis")
    return out


# The Array API name of `concatenate`: NumPy 2's `concat` is the same function (so it also
# takes `out=`, `dtype=` and `casting=`).
concat = concatenate


@overload
def atleast_1d(arys: ArrayLike, /) -> ndarray: ...
@overload
def atleast_1d(*arys: ArrayLike) -> tuple[ndarray, ...]: ...
def atleast_1d(*arys: Any) -> Any:
    """View inputs as arrays with at least one dimension."""
    res = []
    for ary in arys:
        result = _asany(ary)
        if result.ndim == 0:
            result = result.reshape(1)
        res.append(result)
    if len(res) == 1:
        return res[0]
    return tuple(res)


@overload
def atleast_2d(arys: ArrayLike, /) -> ndarray: ...
@overload
def atleast_2d(*arys: ArrayLike) -> tuple[ndarray, ...]: ...
def atleast_2d(*arys: Any) -> Any:
    """View inputs as arrays with at least two dimensions."""
    res = []
    for ary in arys:
        ary = _asany(ary)
        if ary.ndim == 0:
            result = ary.reshape(1, 1)
        elif ary.ndim == 1:
            result = ary[None, :]
        else:
            result = ary
        res.append(result)
    if len(res) == 1:
        return res[0]
    return tuple(res)


@overload
def atleast_3d(arys: ArrayLike, /) -> ndarray: ...
@overload
def atleast_3d(*arys: ArrayLike) -> tuple[ndarray, ...]: ...
def atleast_3d(*arys: Any) -> Any:
    """View inputs as arrays with at least three dimensions."""
    res = []
    for ary in arys:
        ary = _asany(ary)
        if ary.ndim == 0:
            result = ary.reshape(1, 1, 1)
        elif ary.ndim == 1:
            result = ary[None, :, None]
        elif ary.ndim == 2:
            result = ary[:, :, None]
        else:
            result = ary
        res.append(result)
    if len(res) == 1:
        return res[0]
    return tuple(res)


def _check_sequence(arrays: Any) -> None:
    if not hasattr(arrays, "__getitem__"):
        raise TypeError(
            'arrays to stack must be passed as a "sequence" type such as list or tuple.'
        )


def vstack(tup: Sequence[Any], *, dtype: DTypeLike | None = None, casting: str = 'same_kind') -> ndarray:
    """Stack arrays in sequence vertically (row wise)."""
    _check_sequence(tup)
    arrs = atleast_2d(*tup)
    if not isinstance(arrs, tuple):
        arrs = (arrs,)
    return concatenate(arrs, 0, dtype=dtype, casting=casting)


def row_stack(tup: Sequence[Any], *, dtype: DTypeLike | None = None, casting: str = 'same_kind') -> ndarray:
    """Deprecated alias of `vstack` (NumPy 2.0 deprecates it with a DeprecationWarning)."""
    import warnings

    warnings.warn(
        "`row_stack` alias is deprecated. Use `np.vstack` directly.",
        DeprecationWarning,
        stacklevel=2,
    )
    return vstack(tup, dtype=dtype, casting=casting)


def hstack(tup: Sequence[Any], *, dtype: DTypeLike | None = None, casting: str = 'same_kind') -> ndarray:
    """Stack arrays in sequence horizontally (column wise)."""
    _check_sequence(tup)
    arrs = atleast_1d(*tup)
    if not isinstance(arrs, tuple):
        arrs = (arrs,)
    if arrs and arrs[0].ndim == 1:
        return concatenate(arrs, 0, dtype=dtype, casting=casting)
    return concatenate(arrs, 1, dtype=dtype, casting=casting)


def dstack(tup: Sequence[Any]) -> ndarray:
    """Stack arrays in sequence depth wise (along the third axis)."""
    _check_sequence(tup)
    arrs = atleast_3d(*tup)
    if not isinstance(arrs, tuple):
        arrs = (arrs,)
    return concatenate(arrs, 2)


def column_stack(tup: Sequence[Any]) -> ndarray:
    """Stack 1-D arrays as columns into a 2-D array."""
    _check_sequence(tup)
    arrays = []
    for v in tup:
        arr = _asany(v)
        if arr.ndim < 2:
            arr = array(arr, copy=None, subok=True, ndmin=2).T
        arrays.append(arr)
    return concatenate(arrays, 1)


def unstack(x: ndarray, /, *, axis: int = 0) -> tuple[ndarray, ...]:
    """Split an array into a tuple of sub-arrays along an axis."""
    x = _asany(x)
    if x.ndim == 0:
        raise ValueError("Input array must be at least 1-d.")
    return tuple(moveaxis(x, axis, 0))


# ---- block (numpy/_core/shape_base.py) ----


def _block_format_index(index: list[Any]) -> str:
    idx_str = "".join(f"[{i}]" for i in index if i is not None)
    return "arrays" + idx_str


def _block_check_depths_match(arrays: Any, parent_index: list[Any] | None = None) -> Any:
    parent_index = [] if parent_index is None else parent_index
    if isinstance(arrays, tuple):
        raise TypeError(
            f"{_block_format_index(parent_index)} is a tuple. Only lists can be used to "
            "arrange blocks, and np.block does not allow implicit conversion from tuple "
            "to ndarray."
        )
    elif isinstance(arrays, list) and len(arrays) > 0:
        idxs_ndims = (
            _block_check_depths_match(arr, parent_index + [i]) for i, arr in enumerate(arrays)
        )
        first_index, max_arr_ndim, final_size = next(idxs_ndims)
        for index, ndim, size in idxs_ndims:
            final_size += size
            if ndim > max_arr_ndim:
                max_arr_ndim = ndim
            if len(index) != len(first_index):
                raise ValueError(
                    "List depths are mismatched. First element was at depth "
                    f"{len(first_index)}, but there is an element at depth {len(index)} "
                    f"({_block_format_index(index)})"
                )
            if index[-1] is None:
                first_index = index
        return first_index, max_arr_ndim, final_size
    elif isinstance(arrays, list) and len(arrays) == 0:
        return parent_index + [None], 0, 0
    else:
        a = _asany(arrays)
        return parent_index, a.ndim, a.size


def _atleast_nd(a: Any, ndim: int) -> ndarray:
    return array(a, ndmin=ndim, copy=None, subok=True)


def _concatenate_shapes(shapes: Any, axis: int) -> Any:
    shape_at_axis = [shape[axis] for shape in shapes]
    first_shape = shapes[0]
    first_shape_pre = first_shape[:axis]
    first_shape_post = first_shape[axis + 1 :]
    if any(
        shape[:axis] != first_shape_pre or shape[axis + 1 :] != first_shape_post
        for shape in shapes
    ):
        raise ValueError(f"Mismatched array shapes in block along axis {axis}.")
    shape = first_shape_pre + (sum(shape_at_axis),) + first_shape[axis + 1 :]
    offsets_at_axis = list(itertools.accumulate(shape_at_axis))
    slice_prefixes = [
        (slice(start, end),) for start, end in zip([0] + offsets_at_axis, offsets_at_axis)
    ]
    return shape, slice_prefixes


def _block_info_recursion(arrays: Any, max_depth: int, result_ndim: int, depth: int = 0) -> Any:
    if depth < max_depth:
        shapes, slices, arrays = zip(
            *[_block_info_recursion(arr, max_depth, result_ndim, depth + 1) for arr in arrays]
        )
        axis = result_ndim - max_depth + depth
        shape, slice_prefixes = _concatenate_shapes(shapes, axis)
        slices_out: list[Any] = [
            slice_prefix + the_slice
            for slice_prefix, inner_slices in zip(slice_prefixes, slices)
            for the_slice in inner_slices
        ]
        arrays = functools.reduce(operator.add, arrays)
        return shape, slices_out, arrays
    arr = _atleast_nd(arrays, result_ndim)
    return arr.shape, [()], [arr]


def _block(arrays: Any, max_depth: int, result_ndim: int, depth: int = 0) -> ndarray:
    if depth < max_depth:
        arrs = [_block(arr, max_depth, result_ndim, depth + 1) for arr in arrays]
        return concatenate(arrs, axis=-(max_depth - depth))
    return _atleast_nd(arrays, result_ndim)


def block(arrays: ArrayLike) -> ndarray:
    """Assemble an nd-array from nested lists of blocks."""
    bottom_index, arr_ndim, final_size = _block_check_depths_match(arrays)
    list_ndim = len(bottom_index)
    if bottom_index and bottom_index[-1] is None:
        raise ValueError(f"List at {_block_format_index(bottom_index)} cannot be empty")
    result_ndim = max(arr_ndim, list_ndim)
    if list_ndim * final_size > 2 * 512 * 512:
        shape, slices, arrs = _block_info_recursion(arrays, list_ndim, result_ndim)
        dtype = result_type(*[arr.dtype for arr in arrs])
        f_order = all(arr.flags["F_CONTIGUOUS"] for arr in arrs)
        c_order = all(arr.flags["C_CONTIGUOUS"] for arr in arrs)
        order = "F" if f_order and not c_order else "C"
        result = empty(shape=shape, dtype=dtype, order=order)
        for the_slice, arr in zip(slices, arrs):
            result[(Ellipsis,) + the_slice] = arr
        return result
    result = _block(arrays, list_ndim, result_ndim)
    if list_ndim == 0:
        result = result.copy()
    return result


# ---- splitting (numpy/lib/_shape_base_impl.py): views of the input ----


@overload
def array_split(ary: ndarray, indices_or_sections: int | ArrayLike, axis: int = ...) -> list[ndarray]: ...
@overload
def array_split(ary: ArrayLike, indices_or_sections: int | ArrayLike, axis: int = ...) -> list[ndarray]: ...
def array_split(ary: Any, indices_or_sections: Any, axis: int = 0) -> list[ndarray]:
    """Split an array into multiple sub-arrays (sections may differ in size by one)."""
    try:
        ntotal = ary.shape[axis]
    except AttributeError:
        ntotal = len(ary)
    ary = _asany(ary)
    try:
        nsections = len(indices_or_sections) + 1
        div_points = [0] + [operator.index(i) for i in indices_or_sections] + [ntotal]
    except TypeError:
        nsections = int(indices_or_sections)
        if nsections <= 0:
            raise ValueError("number sections must be larger than 0.") from None
        each, extras = divmod(ntotal, nsections)
        sizes = [0] + extras * [each + 1] + (nsections - extras) * [each]
        div_points = list(itertools.accumulate(sizes))
    sub_arys = []
    sary = ary.swapaxes(axis, 0)
    for i in range(nsections):
        st = div_points[i]
        end = div_points[i + 1]
        sub_arys.append(sary[st:end].swapaxes(axis, 0))
    return sub_arys


@overload
def split(ary: ndarray, indices_or_sections: int | ArrayLike, axis: int = ...) -> list[ndarray]: ...
@overload
def split(ary: ArrayLike, indices_or_sections: int | ArrayLike, axis: int = ...) -> list[ndarray]: ...
def split(ary: Any, indices_or_sections: Any, axis: int = 0) -> list[ndarray]:
    """Split an array into multiple sub-arrays of equal size (views)."""
    try:
        len(indices_or_sections)
    except TypeError:
        sections = indices_or_sections
        n = _asany(ary).shape[axis]
        if n % sections:
            raise ValueError("array split does not result in an equal division") from None
    return array_split(ary, indices_or_sections, axis)


def hsplit(ary: ArrayLike, indices_or_sections: int | ArrayLike) -> list[ndarray]:
    """Split an array horizontally (column-wise)."""
    ary = _asany(ary)
    if ary.ndim == 0:
        raise ValueError("hsplit only works on arrays of 1 or more dimensions")
    return split(ary, indices_or_sections, 1 if ary.ndim > 1 else 0)


def vsplit(ary: ArrayLike, indices_or_sections: int | ArrayLike) -> list[ndarray]:
    """Split an array vertically (row-wise)."""
    ary = _asany(ary)
    if ary.ndim < 2:
        raise ValueError("vsplit only works on arrays of 2 or more dimensions")
    return split(ary, indices_or_sections, 0)


def dsplit(ary: ArrayLike, indices_or_sections: int | ArrayLike) -> list[ndarray]:
    """Split an array along the third axis (depth)."""
    ary = _asany(ary)
    if ary.ndim < 3:
        raise ValueError("dsplit only works on arrays of 3 or more dimensions")
    return split(ary, indices_or_sections, 2)


# ---- append / insert / delete (numpy/lib/_function_base_impl.py) ----


def append(arr: ArrayLike, values: ArrayLike, axis: int | None = None) -> ndarray:
    """Append values to the end of an array (a new array)."""
    arr = _asany(arr)
    if axis is None:
        if arr.ndim != 1:
            arr = arr.ravel()
        values = _asany(values).ravel()
        axis = arr.ndim - 1
    return concatenate((arr, values), axis=axis)


def _is_int(obj: Any) -> bool:
    from ._core import integer

    return (isinstance(obj, int) and not isinstance(obj, bool)) or isinstance(obj, integer)


def _prepare_axis(arr: ndarray, axis: Any) -> tuple[ndarray, int, str]:
    arrorder = "F" if (arr.flags["F_CONTIGUOUS"] and not arr.flags["C_CONTIGUOUS"]) else "C"
    if axis is None:
        if arr.ndim != 1:
            arr = arr.ravel()
        return arr, arr.ndim - 1, arrorder
    return arr, _normalize_axis_index(axis, arr.ndim), arrorder


@overload
def delete(arr: ndarray, obj: int | slice | ArrayLike, axis: int | None = ...) -> ndarray: ...
@overload
def delete(arr: ArrayLike, obj: int | slice | ArrayLike, axis: int | None = ...) -> ndarray: ...
def delete(arr: Any, obj: Any, axis: int | None = None) -> ndarray:
    """A new array with sub-arrays along an axis deleted."""
    arr = asarray(arr)
    arr, axis, arrorder = _prepare_axis(arr, axis)
    ndim = arr.ndim
    slobj: list[Any] = [slice(None)] * ndim
    n = arr.shape[axis]
    newshape = list(arr.shape)
    if isinstance(obj, slice):
        start, stop, step = obj.indices(n)
        xr = range(start, stop, step)
        numtodel = len(xr)
        if numtodel <= 0:
            return arr.copy(order=arrorder)
        if step < 0:
            step = -step
            start = xr[-1]
            stop = xr[0] + 1
        newshape[axis] -= numtodel
        new = empty(newshape, arr.dtype, arrorder)
        if start != 0:
            slobj[axis] = slice(None, start)
            new[tuple(slobj)] = arr[tuple(slobj)]
        if stop != n:
            slobj[axis] = slice(stop - numtodel, None)
            slobj2: list[Any] = [slice(None)] * ndim
            slobj2[axis] = slice(stop, None)
            new[tuple(slobj)] = arr[tuple(slobj2)]
        if step != 1:
            keep = ones(stop - start, dtype="bool")
            keep[: stop - start : step] = False
            slobj[axis] = slice(start, stop - numtodel)
            slobj2 = [slice(None)] * ndim
            slobj2[axis] = slice(start, stop)
            arr = arr[tuple(slobj2)]
            slobj2[axis] = keep
            new[tuple(slobj)] = arr[tuple(slobj2)]
        return new
    single_value = False
    if _is_int(obj):
        single_value = True
        index = operator.index(obj)
    else:
        was_array = isinstance(obj, ndarray)
        obj = asarray(obj)
        if obj.size == 0 and not was_array:
            obj = obj.astype("int64")
        elif obj.size == 1 and obj.dtype.kind in "ui":
            index = int(obj.item())
            single_value = True
    if single_value:
        if index < -n or index >= n:
            raise IndexError(f"index {index} is out of bounds for axis {axis} with size {n}")
        if index < 0:
            index += n
        newshape[axis] -= 1
        new = empty(newshape, arr.dtype, arrorder)
        slobj[axis] = slice(None, index)
        new[tuple(slobj)] = arr[tuple(slobj)]
        slobj[axis] = slice(index, None)
        slobj2 = [slice(None)] * ndim
        slobj2[axis] = slice(index + 1, None)
        new[tuple(slobj)] = arr[tuple(slobj2)]
        return new
    if obj.dtype.kind == "b":
        if obj.shape != (n,):
            raise ValueError(
                "boolean array argument obj to delete must be one dimensional and match "
                f"the axis length of {n}"
            )
        keep = ~obj
    else:
        if obj.dtype.kind not in "iu":
            raise IndexError(
                "arrays used as indices must be of integer (or boolean) type"
            )
        keep = ones(n, dtype="bool")
        keep[obj,] = False
    slobj[axis] = keep
    return arr[tuple(slobj)]


def insert(arr: ArrayLike, obj: int | slice | ArrayLike, values: ArrayLike, axis: int | None = None) -> ndarray:
    """Insert values along an axis before the given indices (a new array)."""
    arr = asarray(arr)
    arr, axis, arrorder = _prepare_axis(arr, axis)
    ndim = arr.ndim
    slobj: list[Any] = [slice(None)] * ndim
    n = arr.shape[axis]
    newshape = list(arr.shape)
    if isinstance(obj, slice):
        idx_list = list(range(*obj.indices(n)))
        indices = asarray(idx_list, dtype="int64")
    else:
        indices = array(obj)
        if indices.dtype.kind == "b":
            if indices.ndim != 1:
                raise ValueError("boolean array argument obj to insert must be one dimensional")
            idx_list = [i for i, v in enumerate(indices.tolist()) if v]
            indices = asarray(idx_list, dtype="int64")
        elif indices.ndim > 1:
            raise ValueError(
                "index array argument obj to insert must be one dimensional or scalar"
            )
    if indices.size == 1:
        index = indices.item()
        if not isinstance(index, int):
            raise IndexError("only integers, slices (`:`), ellipsis (`...`), numpy.newaxis "
                             "(`None`) and integer or boolean arrays are valid indices")
        if index < -n or index > n:
            raise IndexError(f"index {obj} is out of bounds for axis {axis} with size {n}")
        if index < 0:
            index += n
        values = array(values, copy=None, ndmin=arr.ndim, dtype=arr.dtype)
        if indices.ndim == 0:
            values = moveaxis(values, 0, axis)
        numnew = values.shape[axis]
        newshape[axis] += numnew
        new = empty(newshape, arr.dtype, arrorder)
        slobj[axis] = slice(None, index)
        new[tuple(slobj)] = arr[tuple(slobj)]
        slobj[axis] = slice(index, index + numnew)
        new[tuple(slobj)] = values
        slobj[axis] = slice(index + numnew, None)
        slobj2: list[Any] = [slice(None)] * ndim
        slobj2[axis] = slice(index, None)
        new[tuple(slobj)] = arr[tuple(slobj2)]
        return new
    elif indices.size == 0 and not isinstance(obj, ndarray):
        indices = indices.astype("int64")
    if indices.dtype.kind not in "iu":
        raise IndexError("arrays used as indices must be of integer (or boolean) type")
    idx = [int(i) for i in indices.tolist()]
    for i in idx:
        if i < -n or i > n:
            raise IndexError(f"index {i} is out of bounds for axis {axis} with size {n}")
    idx = [i + n if i < 0 else i for i in idx]
    numnew = len(idx)
    order = sorted(range(numnew), key=lambda k: idx[k])  # stable, as mergesort
    for rank, k in enumerate(order):
        idx[k] += rank
    newshape[axis] += numnew
    new_index = asarray(idx, dtype="int64")
    old_index = ones(newshape[axis], dtype="bool")
    old_index[new_index] = False
    new = empty(newshape, arr.dtype, arrorder)
    slobj2 = [slice(None)] * ndim
    slobj[axis] = new_index
    slobj2[axis] = old_index
    new[tuple(slobj)] = values
    new[tuple(slobj2)] = arr
    return new


def resize(a: ArrayLike, new_shape: Any) -> ndarray:
    """A new array of shape `new_shape` filled with repeated copies of `a`."""
    if _is_int(new_shape):
        new_shape = (operator.index(new_shape),)
    a = _asany(a).ravel()
    new_size = 1
    for dim_length in new_shape:
        new_size *= dim_length
        if dim_length < 0:
            raise ValueError("all elements of `new_shape` must be non-negative")
    if a.size == 0 or new_size == 0:
        return zeros_like(a, shape=new_shape)
    repeats = -(-new_size // a.size)
    a = concatenate((a,) * repeats)[:new_size]
    return a.reshape(new_shape)


@overload
def trim_zeros(filt: ndarray, trim: str = ..., axis: _AxisLike | None = ...) -> ndarray: ...
@overload
def trim_zeros(filt: ArrayLike, trim: str = ..., axis: _AxisLike | None = ...) -> ndarray: ...
def trim_zeros(filt: Any, trim: str = "fb", axis: Any = None) -> Any:
    """Trim the leading and/or trailing zeros (along the given axes)."""
    filt_ = asarray(filt)
    trim = trim.lower()
    if trim not in {"fb", "bf", "f", "b"}:
        raise ValueError(f"unexpected character(s) in `trim`: {trim!r}")
    if axis is None:
        axis_tuple = tuple(range(filt_.ndim))
    else:
        axis_tuple = _normalize_axis_tuple(axis, filt_.ndim)
    if not axis_tuple:
        return filt
    nz = filt_ != 0
    start: list[Any] = []
    stop: list[Any] = []
    empty_ = nz.size == 0 or not bool(nz.any())
    for ax in range(filt_.ndim):
        if empty_:
            start.append(0)
            stop.append(0)
            continue
        others = tuple(k for k in range(filt_.ndim) if k != ax)
        along = nz.any(axis=others) if others else nz
        flags = along.tolist()
        first = flags.index(True)
        last = len(flags) - 1 - flags[::-1].index(True)
        start.append(first if "f" in trim else None)
        stop.append(last + 1 if "b" in trim else None)
    sl = tuple(
        slice(start[ax], stop[ax]) if ax in axis_tuple else slice(None)
        for ax in range(filt_.ndim)
    )
    if len(sl) == 1:
        return filt[sl[0]]
    return filt[sl]


