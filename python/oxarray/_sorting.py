# mypy: disable-error-code="overload-overlap"
"""oxarray namespace: sorting, searching and sets.

The numerics are in the Rust core (``sort``, ``argsort``, ``partition``, ``argpartition``,
``lexsort``, ``searchsorted``, ``isin`` and the ``_unique1d``/``_unique_rows`` kernels);
this module holds NumPy's thin compositions of them (``unique`` and its Array API
variants, the ``*1d`` set functions, ``ediff1d``, ``digitize``, ``nanargmax``,
``nanargmin``, ``sort_complex``), following ``numpy/lib/_arraysetops_impl.py`` and
``_function_base_impl.py`` line by line.
"""

from __future__ import annotations

import operator
from typing import Any, NamedTuple

from ._core import (
    _concat1d,
    _unique1d,
    _unique_rows,
    argpartition,
    argsort,
    asarray,
    can_cast,
    isin,
    isnan,
    lexsort,
    moveaxis,
    ndarray,
    partition,
    searchsorted,
    sort,
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
    "argpartition",
    "argsort",
    "digitize",
    "ediff1d",
    "intersect1d",
    "isin",
    "lexsort",
    "nanargmax",
    "nanargmin",
    "partition",
    "searchsorted",
    "setdiff1d",
    "setxor1d",
    "sort",
    "sort_complex",
    "union1d",
    "unique",
    "unique_all",
    "unique_counts",
    "unique_inverse",
    "unique_values",
]


def _normalize_axis(axis: Any, ndim: int) -> int:
    ax = operator.index(axis)
    if not -ndim <= ax < ndim:
        raise AxisError(ax, ndim)
    return ax % ndim


def _unpack(x: tuple[Any, ...]) -> Any:
    return x[0] if len(x) == 1 else x


def unique(
    ar: Any,
    return_index: bool = False,
    return_inverse: bool = False,
    return_counts: bool = False,
    axis: Any = None,
    *,
    equal_nan: bool = True,
    sorted: bool = True,  # noqa: A002 - NumPy's keyword
) -> Any:
    """The sorted unique elements of an array (NumPy's ``unique``).

    The values are always sorted (``sorted=False`` allows any order).
    """
    ar = asarray(ar)
    if axis is None or ar.ndim == 1:
        if axis is not None:
            _normalize_axis(axis, ar.ndim)
        vals, idx, inv, cnt = _unique1d(
            ar, bool(return_index), bool(return_inverse), bool(return_counts), bool(equal_nan)
        )
        if inv is not None:
            inv = inv.reshape(ar.shape)
    else:
        ax = _normalize_axis(axis, ar.ndim)
        moved = moveaxis(ar, ax, 0)
        orig_shape = moved.shape
        m = 1
        for d in orig_shape[1:]:
            m *= d
        rows = moved.reshape(orig_shape[0], m)
        vals, idx, inv, cnt = _unique_rows(
            rows, bool(return_index), bool(return_inverse), bool(return_counts)
        )
        vals = moveaxis(vals.reshape(vals.shape[0], *orig_shape[1:]), 0, ax)
    ret: tuple[Any, ...] = (vals,)
    if return_index:
        ret += (idx,)
    if return_inverse:
        ret += (inv,)
    if return_counts:
        ret += (cnt,)
    return _unpack(ret)


class UniqueAllResult(NamedTuple):
    """``unique_all``'s result."""

    values: ndarray
    indices: ndarray
    inverse_indices: ndarray
    counts: ndarray


class UniqueCountsResult(NamedTuple):
    """``unique_counts``'s result."""

    values: ndarray
    counts: ndarray


class UniqueInverseResult(NamedTuple):
    """``unique_inverse``'s result."""

    values: ndarray
    inverse_indices: ndarray


def unique_all(x: ArrayLike, /) -> UniqueAllResult:
    """Unique values with first indices, inverse indices and counts (Array API)."""
    r = unique(
        x, return_index=True, return_inverse=True, return_counts=True,
        equal_nan=False, sorted=False,
    )
    return UniqueAllResult(*r)


def unique_counts(x: ArrayLike, /) -> UniqueCountsResult:
    """Unique values and their counts (Array API)."""
    r = unique(x, return_counts=True, equal_nan=False, sorted=False)
    return UniqueCountsResult(*r)


def unique_inverse(x: ArrayLike, /) -> UniqueInverseResult:
    """Unique values and the inverse indices (Array API)."""
    r = unique(x, return_inverse=True, equal_nan=False, sorted=False)
    return UniqueInverseResult(*r)


def unique_values(x: ArrayLike, /) -> ndarray:
    """Unique values (Array API)."""
    return unique(x, equal_nan=False, sorted=False)


@overload
def intersect1d(ar1: ndarray, ar2: ArrayLike, assume_unique: bool = ..., return_indices: bool = ...) -> ndarray: ...
@overload
def intersect1d(ar1: ArrayLike, ar2: ArrayLike, assume_unique: bool = ..., return_indices: bool = ...) -> ndarray: ...
def intersect1d(
    ar1: Any, ar2: Any, assume_unique: bool = False, return_indices: bool = False
) -> Any:
    """Sorted unique values in both arrays (NumPy's ``intersect1d``)."""
    ar1 = asarray(ar1)
    ar2 = asarray(ar2)
    if not assume_unique:
        if return_indices:
            ar1, ind1 = unique(ar1, return_index=True)
            ar2, ind2 = unique(ar2, return_index=True)
        else:
            ar1 = unique(ar1)
            ar2 = unique(ar2)
    else:
        ar1 = ar1.ravel()
        ar2 = ar2.ravel()
    aux = _concat1d((ar1, ar2))
    if return_indices:
        aux_sort_indices = argsort(aux, kind="mergesort")
        aux = aux[aux_sort_indices]
    else:
        aux.sort()
    mask = aux[1:] == aux[:-1]
    int1d = aux[:-1][mask]
    if return_indices:
        ar1_indices = aux_sort_indices[:-1][mask]
        ar2_indices = aux_sort_indices[1:][mask] - ar1.size
        if not assume_unique:
            ar1_indices = ind1[ar1_indices]
            ar2_indices = ind2[ar2_indices]
        return int1d, ar1_indices, ar2_indices
    return int1d


def setxor1d(ar1: ArrayLike, ar2: ArrayLike, assume_unique: bool = False) -> ndarray:
    """Sorted unique values in exactly one of the arrays (NumPy's ``setxor1d``)."""
    if not assume_unique:
        ar1 = unique(ar1)
        ar2 = unique(ar2)
    aux = _concat1d((ar1, ar2))
    if aux.size == 0:
        return aux
    aux.sort()
    flag = _concat1d(([True], aux[1:] != aux[:-1], [True]))
    return aux[flag[1:] & flag[:-1]]


def union1d(ar1: ArrayLike, ar2: ArrayLike) -> ndarray:
    """Sorted unique values in either array (NumPy's ``union1d``)."""
    return unique(_concat1d((ar1, ar2)))


@overload
def setdiff1d(ar1: ndarray, ar2: ArrayLike, assume_unique: bool = ...) -> ndarray: ...
@overload
def setdiff1d(ar1: ArrayLike, ar2: ArrayLike, assume_unique: bool = ...) -> ndarray: ...
def setdiff1d(ar1: Any, ar2: Any, assume_unique: bool = False) -> ndarray:
    """Unique values of ``ar1`` not in ``ar2`` (NumPy's ``setdiff1d``)."""
    if assume_unique:
        ar1 = asarray(ar1).ravel()
    else:
        ar1 = unique(ar1)
        ar2 = unique(ar2)
    return ar1[isin(ar1, ar2, assume_unique=True, invert=True)]


def ediff1d(ary: ArrayLike, to_end: ArrayLike | None = None, to_begin: ArrayLike | None = None) -> ndarray:
    """Differences between consecutive elements of the flattened array, with optional
    values before and after (NumPy's ``ediff1d``)."""
    ary = asarray(ary).ravel()
    dtype_req = ary.dtype
    if to_begin is None and to_end is None:
        return ary[1:] - ary[:-1]
    parts = []
    if to_begin is not None:
        tb = asarray(to_begin)
        if not can_cast(tb, dtype_req, casting="same_kind"):
            raise TypeError(
                "dtype of `to_begin` must be compatible "
                "with input `ary` under the `same_kind` rule."
            )
        parts.append(tb)
    parts.append(ary[1:] - ary[:-1])
    if to_end is not None:
        te = asarray(to_end)
        if not can_cast(te, dtype_req, casting="same_kind"):
            raise TypeError(
                "dtype of `to_end` must be compatible "
                "with input `ary` under the `same_kind` rule."
            )
        parts.append(te)
    return _concat1d(parts, dtype_req)


def digitize(x: Any, bins: Any, right: bool = False) -> Any:
    """Indices of the bins to which each value belongs (NumPy's ``digitize``)."""
    x = asarray(x)
    bins = asarray(bins)
    if x.dtype.kind == "c":
        raise TypeError("x may not be complex")
    if bins.ndim != 1:
        raise ValueError("object too deep for desired array" if bins.ndim > 1
                         else "object of too small depth for desired array")
    n = bins.shape[0]
    if n > 1:
        inc = bool((bins[1:] >= bins[:-1]).all())
        dec = bool((bins[1:] <= bins[:-1]).all())
    else:
        inc, dec = True, False
    if not inc and not dec:
        raise ValueError("bins must be monotonically increasing or decreasing")
    side = "left" if right else "right"
    if dec and not inc:
        return n - searchsorted(bins[::-1], x, side=side)
    return searchsorted(bins, x, side=side)


def _nan_arg(a: Any, axis: Any, out: Any, keepdims: Any, fill: float, name: str) -> Any:
    a = asarray(a)
    if a.dtype.kind in "fc":
        mask = isnan(a)
        if mask.size:
            allnan = mask.all(axis=axis)
            if bool(asarray(allnan).any()):
                raise ValueError("All-NaN slice encountered")
            if bool(mask.any()):
                a = a.copy()
                a[mask] = fill
    kw: dict[str, Any] = {}
    if keepdims is not None:
        kw["keepdims"] = keepdims
    return getattr(a, name)(axis=axis, out=out, **kw)


def nanargmax(a: Any, axis: Any = None, out: Any = None, *, keepdims: Any = None) -> Any:
    """Indices of the maximum values ignoring NaNs (``ValueError`` for an all-NaN slice)."""
    return _nan_arg(a, axis, out, keepdims, float("-inf"), "argmax")


def nanargmin(a: Any, axis: Any = None, out: Any = None, *, keepdims: Any = None) -> Any:
    """Indices of the minimum values ignoring NaNs (``ValueError`` for an all-NaN slice)."""
    return _nan_arg(a, axis, out, keepdims, float("inf"), "argmin")


def sort_complex(a: ArrayLike) -> ndarray:
    """Sort a complex array by real part, then imaginary part (NumPy's
    ``sort_complex``): complex64 for small integer inputs, complex128 otherwise."""
    b = asarray(a).copy()
    b.sort()
    if b.dtype.kind != "c":
        if b.dtype.char in "bhBH":
            return b.astype("F")
        return b.astype("D")
    return b


# Referenced so linters see them as re-exports (they are in ``__all__``).
_reexports = (lexsort, partition, ndarray)
