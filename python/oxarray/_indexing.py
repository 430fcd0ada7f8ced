# mypy: disable-error-code="overload-overlap"
"""oxarray namespace: indexing and selection, and the small type-check helpers.

The gathers, scatters, masks, diagonals and triangles are Rust functions of ``_core``
(``crates/oxarray-py/src/functions/indexing.rs`` over ``oxarray_core::ops::{select, diag}``).
This module adds the composites that are pure Python in NumPy too (``select``,
``piecewise``, the ``*_indices`` family, ``ndindex``, ``ndenumerate``, ``nan_to_num`` ...)
and the flat iterator behind ``ndarray.flat``, whose gets and sets are ``take``/``put``.
"""

from __future__ import annotations

import itertools
import operator
import pickle
from collections.abc import Callable, Sequence
from typing import Any

from . import _core
from ._core import (
    asarray,
    choose,
    diag,
    diagonal,
    nonzero,
    place,
    put,
    put_along_axis,
    putmask,
    ravel_multi_index,
    shares_memory,
    take,
    take_along_axis,
    tri,
    tril,
    triu,
    unravel_index,
    where,
)

from typing import TYPE_CHECKING, overload  # noqa: E402,F811 - the typed overloads below

if TYPE_CHECKING:
    from collections.abc import Sequence  # noqa: F401
    from typing import Literal, TypeVar  # noqa: F401

    from ._core import ArrayLike, DTypeLike, _AxisLike, _NestedSequence, _NumberLike, _ShapeLike, generic  # noqa: F401
    from ._core import bool as bool_  # noqa: F401
    from ._core import ndarray as ndarray  # noqa: F401

    _ArrayT = TypeVar("_ArrayT", bound=ndarray)

__all__ = [
    "angle", "argwhere", "around", "choose", "clip", "compress", "count_nonzero", "diag",
    "diag_indices", "diag_indices_from", "diagflat", "diagonal", "extract", "fill_diagonal",
    "flatnonzero", "imag", "iscomplex", "iscomplexobj", "isneginf", "isposinf", "isreal",
    "isrealobj", "mask_indices", "nan_to_num", "ndenumerate", "ndindex", "nditer", "nonzero",
    "piecewise", "place", "put", "put_along_axis", "putmask", "ravel_multi_index", "real",
    "real_if_close", "round", "select", "shares_memory", "take", "take_along_axis", "trace",
    "tri", "tril", "tril_indices", "tril_indices_from", "triu", "triu_indices",
    "triu_indices_from", "unravel_index", "where",
]


class TooHardError(RuntimeError):
    """``shares_memory`` gave up: the problem needs more than ``max_work`` steps."""


def _is_complex_dtype(dt: Any) -> bool:
    return dt.kind == "c"


# -- nonzero family -----------------------------------------------------------------------

def flatnonzero(a: ArrayLike) -> ndarray:
    """Indices of the non-zero elements of the flattened array."""
    return nonzero(asarray(a).ravel())[0]


def argwhere(a: ArrayLike) -> ndarray:
    """Indices of the non-zero elements, one row per element: shape ``(N, a.ndim)``."""
    a = asarray(a)
    if a.ndim == 0:
        return argwhere(a.reshape(1))[:, :0]
    parts = nonzero(a)
    n = parts[0].shape[0]
    out = _core.zeros((a.ndim, n), dtype=_core.int64)
    for i, p in enumerate(parts):
        out[i] = p
    return out.T


@overload
def count_nonzero(a: ArrayLike, axis: None = None, *, keepdims: Literal[False] = False) -> int: ...
@overload
def count_nonzero(a: ArrayLike, axis: _AxisLike | None = None, *, keepdims: Literal[True]) -> ndarray: ...
@overload
def count_nonzero(a: ArrayLike, axis: _AxisLike | None = None, *, keepdims: bool = False) -> Any: ...
def count_nonzero(a: Any, axis: Any = None, *, keepdims: bool = False) -> Any:
    """Number of non-zero values, in total or along ``axis``."""
    if axis is None and not keepdims:
        return _core._count_nonzero_all(a)
    a = asarray(a)
    b = a if a.dtype == _core.bool else a.astype(_core.bool)
    return b.sum(axis=axis, dtype=_core.int64, keepdims=keepdims)


@overload
def compress(condition: ndarray, a: ArrayLike, axis: _AxisLike | None = ..., out: ndarray | None = ...) -> ndarray: ...
@overload
def compress(condition: ArrayLike, a: ArrayLike, axis: _AxisLike | None = ..., out: ndarray | None = ...) -> ndarray: ...
def compress(condition: Any, a: Any, axis: Any = None, out: Any = None) -> Any:
    """The slices of ``a`` along ``axis`` where ``condition`` is true."""
    cond = asarray(condition)
    if cond.ndim != 1:
        raise ValueError("condition must be a 1-d array")
    idx = nonzero(cond)[0]
    return take(a, idx, axis=axis, out=out)


def extract(condition: ArrayLike, arr: ArrayLike) -> ndarray:
    """The elements of ``arr`` where ``condition`` is true (both flattened)."""
    return take(asarray(arr).ravel(), nonzero(asarray(condition).ravel())[0])


def select(condlist: Sequence[Any], choicelist: Sequence[Any], default: Any = 0) -> ndarray:
    """Elements from ``choicelist`` by the first true condition of ``condlist``."""
    if len(condlist) != len(choicelist):
        raise ValueError("list of cases must be same length as list of conditions")
    if len(condlist) == 0:
        raise ValueError("select with an empty condition list is not possible")
    choices = [c if type(c) in (int, float, complex) else asarray(c) for c in choicelist]
    choices.append(default if type(default) in (int, float, complex) else asarray(default))
    try:
        dtype = _core.result_type(*choices)
    except TypeError as e:
        raise TypeError(
            f"Choicelist and default value do not have a common dtype: {e}"
        ) from None
    conds = [asarray(c) for c in condlist]
    for i, c in enumerate(conds):
        if c.dtype != _core.bool:
            raise TypeError(f"invalid entry {i} in condlist: should be boolean ndarray")
    arrays = _core.broadcast_arrays(*conds, *[asarray(c, dtype=dtype) for c in choices])
    n = len(conds)
    bconds, bchoices = arrays[:n], arrays[n:]
    result = bchoices[-1].astype(dtype, copy=True)
    for cond, choice in zip(bconds[::-1], bchoices[-2::-1]):
        result = where(cond, choice, result)
    return result


def piecewise(x: Any, condlist: Any, funclist: Sequence[Any], *args: Any, **kw: Any) -> Any:
    """Evaluate a piecewise-defined function (NumPy's algorithm)."""
    x = asarray(x)
    n2 = len(funclist)
    if isinstance(condlist, (list, tuple)) and condlist and not isinstance(condlist[0], (list, _core.ndarray)) and x.ndim != 0:
        condlist = [condlist]
    conds = [asarray(c, dtype=_core.bool) for c in (condlist if isinstance(condlist, (list, tuple)) else [condlist])]
    n = len(conds)
    if n == n2 - 1:
        rest = _core.ones(x.shape, dtype=_core.bool) if x.ndim else _core.asarray(True)
        for c in conds:
            rest = rest & ~c
        conds.append(rest)
        n += 1
    elif n != n2:
        raise ValueError(
            f"with {n} condition(s), either {n} or {n + 1} functions are expected"
        )
    y = _core.zeros_like(x)
    for cond, func in zip(conds, funclist):
        if not callable(func):
            y[cond] = func
        else:
            vals = x[cond]
            if vals.size > 0:
                y[cond] = func(vals, *args, **kw)
    return y


# -- diagonals and triangles ----------------------------------------------------------------

def diagflat(v: ArrayLike, k: int = 0) -> ndarray:
    """A 2-d array with the flattened ``v`` on diagonal ``k``."""
    return diag(asarray(v).ravel(), k)


def trace(a: Any, offset: int = 0, axis1: int = 0, axis2: int = 1, dtype: Any = None,
          out: Any = None) -> Any:
    """Sum along a diagonal."""
    return asarray(a).trace(offset, axis1, axis2, dtype, out)


def tril_indices(n: int, k: int = 0, m: int | None = None) -> tuple[Any, ...]:
    """Indices of the lower triangle of an ``(n, m)`` array."""
    return nonzero(tri(n, m, k=k, dtype=_core.bool))


def triu_indices(n: int, k: int = 0, m: int | None = None) -> tuple[Any, ...]:
    """Indices of the upper triangle of an ``(n, m)`` array."""
    return nonzero(~tri(n, m, k=k - 1, dtype=_core.bool))


def _check_2d(arr: Any) -> Any:
    arr = asarray(arr)
    if arr.ndim != 2:
        raise ValueError("input array must be 2-d")
    return arr


@overload
def tril_indices_from(arr: ndarray, k: int = ...) -> tuple[ndarray, ndarray]: ...
@overload
def tril_indices_from(arr: ArrayLike, k: int = ...) -> tuple[ndarray, ndarray]: ...
def tril_indices_from(arr: Any, k: int = 0) -> tuple[Any, ...]:
    """Indices of the lower triangle of ``arr`` (2-d)."""
    arr = _check_2d(arr)
    return tril_indices(arr.shape[-2], k=k, m=arr.shape[-1])


@overload
def triu_indices_from(arr: ndarray, k: int = ...) -> tuple[ndarray, ndarray]: ...
@overload
def triu_indices_from(arr: ArrayLike, k: int = ...) -> tuple[ndarray, ndarray]: ...
def triu_indices_from(arr: Any, k: int = 0) -> tuple[Any, ...]:
    """Indices of the upper triangle of ``arr`` (2-d)."""
    arr = _check_2d(arr)
    return triu_indices(arr.shape[-2], k=k, m=arr.shape[-1])


def diag_indices(n: int, ndim: int = 2) -> tuple[Any, ...]:
    """Indices of the main diagonal of an ``n x ... x n`` array."""
    idx = _core.arange(n)
    return (idx,) * ndim


def diag_indices_from(arr: ArrayLike) -> tuple[ndarray, ...]:
    """Indices of the main diagonal of ``arr`` (all dimensions equal)."""
    arr = asarray(arr)
    if arr.ndim < 2:
        raise ValueError("input array must be at least 2-d")
    if len(set(arr.shape)) != 1:
        raise ValueError("All dimensions of input must be of equal length")
    return diag_indices(arr.shape[0], arr.ndim)


@overload
def fill_diagonal(a: ndarray, val: ArrayLike, wrap: bool = ...) -> None: ...
@overload
def fill_diagonal(a: ArrayLike, val: ArrayLike, wrap: bool = ...) -> None: ...
def fill_diagonal(a: Any, val: Any, wrap: bool = False) -> None:
    """Fill the main diagonal of ``a`` in place (values repeat as needed)."""
    if a.ndim < 2:
        raise ValueError("array must be at least 2-d")
    end = None
    if a.ndim == 2:
        step = a.shape[1] + 1
        if not wrap:
            end = a.shape[1] * a.shape[1]
    else:
        if len(set(a.shape)) != 1:
            raise ValueError("All dimensions of input must be of equal length")
        step = 1
        acc = 1
        for d in a.shape[:-1]:
            acc *= d
            step += acc
    a.flat[:end:step] = val


def mask_indices(n: int, mask_func: Callable[..., Any], k: int = 0) -> tuple[Any, ...]:
    """Indices where ``mask_func(ones((n, n)), k)`` is non-zero."""
    m = _core.ones((n, n), dtype=_core.int64)
    a = mask_func(m, k)
    return nonzero(a != 0)


# -- iteration ------------------------------------------------------------------------------

class ndindex:
    """Iterate over the indices of an array of the given shape (C order)."""

    def __init__(self, *shape: Any) -> None:
        if len(shape) == 1 and isinstance(shape[0], tuple):
            shape = shape[0]
        self._shape = tuple(operator.index(s) for s in shape)
        for s in self._shape:
            if s < 0:
                raise ValueError("negative dimensions are not allowed")
        self._it = itertools.product(*(range(s) for s in self._shape))

    def __iter__(self) -> ndindex:
        return self

    def __next__(self) -> tuple[int, ...]:
        return next(self._it)


class ndenumerate:
    """Iterate over ``(index, value)`` pairs of an array (C order)."""

    def __init__(self, arr: Any) -> None:
        self._arr = asarray(arr)
        self._it = itertools.product(*(range(s) for s in self._arr.shape))

    def __iter__(self) -> ndenumerate:
        return self

    def __next__(self) -> tuple[tuple[int, ...], Any]:
        idx = next(self._it)
        return idx, self._arr[idx]


class flatiter:
    """``a.flat``: iterate over ``a`` in C order, index it with ints, slices, integer
    arrays and boolean masks (a copy), and assign through it (values repeat as needed)."""

    def __init__(self, base: Any) -> None:
        self._base = base
        self._index = 0

    @property
    def base(self) -> Any:
        """The array being iterated."""
        return self._base

    @property
    def index(self) -> int:
        """The flat position of the next element."""
        return self._index

    @property
    def coords(self) -> tuple[int, ...]:
        """The N-d index of the next element."""
        if self._base.ndim == 0:
            return ()
        return tuple(int(i) for i in unravel_index(self._index, self._base.shape))

    def __len__(self) -> int:
        return int(self._base.size)

    def __iter__(self) -> flatiter:
        return self

    def __next__(self) -> Any:
        if self._index >= self._base.size:
            raise StopIteration
        v = take(self._base, self._index)
        self._index += 1
        return v

    def _positions(self, key: Any) -> tuple[Any, bool]:
        """The flat positions ``key`` selects (an int64 array) and whether it is one int."""
        n = self._base.size
        if isinstance(key, tuple):
            if len(key) != 1:
                raise IndexError("unsupported iterator index")
            key = key[0]
        if key is Ellipsis:
            return _core.arange(n), False
        if isinstance(key, slice):
            return _core.arange(*key.indices(n)), False
        if isinstance(key, (bool, _core.bool)):
            raise IndexError("unsupported iterator index")
        if isinstance(key, (int, _core.integer)):
            i = operator.index(key)
            if i < -n or i >= n:
                raise IndexError(f"index {i} is out of bounds for axis 0 with size {n}")
            return asarray(i % n if n else i), True
        k = asarray(key)
        if k.dtype == _core.bool:
            if k.size != n:
                raise IndexError(
                    f"boolean index did not match indexed flat iterator of size {n}"
                )
            return nonzero(k.ravel())[0], False
        if k.dtype.kind not in "iu" and k.size:
            raise IndexError("unsupported iterator index")
        return k.astype(_core.int64), False

    def __getitem__(self, key: Any) -> Any:
        pos, single = self._positions(key)
        if single:
            return take(self._base, pos)
        return take(self._base, pos)

    def __setitem__(self, key: Any, value: Any) -> None:
        pos, _ = self._positions(key)
        put(self._base, pos.ravel(), value)

    def copy(self) -> Any:
        """A flattened copy of the base array."""
        return self._base.flatten()

    def __array__(self, dtype: Any = None, copy: Any = None) -> Any:
        import numpy

        return numpy.asarray(self._base.flatten(), dtype=dtype)


# -- rounding, clipping, real and imaginary parts -------------------------------------------

_NO = object()


@overload
def clip(a: _NumberLike, a_min: ArrayLike | None = ..., a_max: ArrayLike | None = ..., out: None = ..., *, min: ArrayLike | None = ..., max: ArrayLike | None = ..., **kwargs: Any) -> generic: ...
@overload
def clip(a: ArrayLike, a_min: ArrayLike | None = ..., a_max: ArrayLike | None = ..., out: ndarray | None = ..., *, min: ArrayLike | None = ..., max: ArrayLike | None = ..., **kwargs: Any) -> ndarray: ...
def clip(a: Any, a_min: Any = _NO, a_max: Any = _NO, out: Any = None, *, min: Any = _NO,
         max: Any = _NO, **kwargs: Any) -> Any:
    """Limit the values of ``a`` to ``[a_min, a_max]`` (``minimum(maximum(a, lo), hi)``)."""
    if min is not _NO:
        if a_min is not _NO:
            raise ValueError("Passed more than one argument for min; use only one of a_min and min")
        a_min = min
    if max is not _NO:
        if a_max is not _NO:
            raise ValueError("Passed more than one argument for max; use only one of a_max and max")
        a_max = max
    lo = None if a_min is _NO else a_min
    hi = None if a_max is _NO else a_max
    if out is not None:
        kwargs["out"] = out
    if lo is None and hi is None:
        res = asarray(a).copy()
        if out is not None:
            out[...] = res
            return out
        return res
    if lo is None:
        return _core.minimum(a, hi, **kwargs)
    if hi is None:
        return _core.maximum(a, lo, **kwargs)
    kw2 = {k: v for k, v in kwargs.items() if k != "out"}
    return _core.minimum(_core.maximum(a, lo, **kw2), hi, **kwargs)


def round(a: Any, decimals: int = 0, out: Any = None) -> Any:
    """Round to ``decimals`` decimals (NumPy's algorithm: scale, ``rint``, unscale)."""
    x = asarray(a)
    dt = x.dtype
    if dt.kind == "c":
        res = x.copy() if out is None else out
        if out is not None:
            res[...] = x
        round(res.real, decimals, out=res.real)
        round(res.imag, decimals, out=res.imag)
        return res if (out is not None or _is_array_input(a)) else res[()]
    if dt.kind in "iu" and decimals >= 0:
        if out is None:
            res = x.copy()
            return res if _is_array_input(a) else res[()]
        out[...] = x
        return out
    if decimals >= 0:
        op1, op2 = _core.multiply, _core.true_divide
    else:
        op1, op2 = _core.true_divide, _core.multiply
        decimals = -decimals
    f = float(10.0 ** decimals)
    if dt.kind in "iu":
        tmp = op1(x, f)
        _core.rint(tmp, out=tmp)
        tmp = op2(tmp, f, out=tmp)
        res = tmp.astype(dt)
        if out is not None:
            out[...] = res
            return out
        return res if _is_array_input(a) else res[()]
    if decimals == 0 and dt.kind == "f":
        return _core.rint(x, out=out) if out is not None else (
            _core.rint(x) if _is_array_input(a) else _core.rint(x)[()])
    if out is None:
        tmp = op1(x, f)
    else:
        tmp = op1(x, f, out=out)
    _core.rint(tmp, out=tmp)
    tmp = op2(tmp, f, out=tmp)
    if out is not None or _is_array_input(a):
        return tmp
    return tmp[()]


def _is_array_input(a: Any) -> bool:
    return isinstance(a, _core.ndarray)


around = round


def real(val: Any) -> Any:
    """The real part (a view for complex arrays)."""
    try:
        return val.real
    except AttributeError:
        return asarray(val).real


def imag(val: Any) -> Any:
    """The imaginary part (a view for complex arrays)."""
    try:
        return val.imag
    except AttributeError:
        return asarray(val).imag


@overload
def angle(z: ndarray, deg: bool = ...) -> ndarray: ...
@overload
def angle(z: ArrayLike, deg: bool = ...) -> ndarray: ...
def angle(z: Any, deg: bool = False) -> Any:
    """The angle of complex numbers (``arctan2(imag, real)``)."""
    z = asarray(z)
    if _is_complex_dtype(z.dtype):
        zimag, zreal = z.imag, z.real
    else:
        zimag, zreal = 0, z
    a = _core.arctan2(zimag, zreal)
    if deg:
        a = a * (180 / 3.141592653589793)
    return a


@overload
def iscomplex(x: _NumberLike) -> bool_: ...
@overload
def iscomplex(x: ArrayLike) -> ndarray: ...
def iscomplex(x: Any) -> Any:
    """Element-wise: is the imaginary part non-zero."""
    ax = asarray(x)
    if _is_complex_dtype(ax.dtype):
        return ax.imag != 0
    res = _core.zeros(ax.shape, dtype=_core.bool)
    return res[()]


def isreal(x: Any) -> Any:
    """Element-wise: is the imaginary part zero."""
    return imag(x) == 0


@overload
def iscomplexobj(x: ndarray) -> bool: ...
@overload
def iscomplexobj(x: ArrayLike) -> bool: ...
def iscomplexobj(x: Any) -> bool:
    """Whether ``x`` has a complex dtype."""
    try:
        dt = x.dtype
        kind = dt.kind
    except AttributeError:
        kind = asarray(x).dtype.kind
    return kind == "c"


def isrealobj(x: ArrayLike) -> bool:
    """Whether ``x`` does not have a complex dtype."""
    return not iscomplexobj(x)


def _no_complex(x: Any) -> None:
    if _is_complex_dtype(asarray(x).dtype):
        raise TypeError(
            "This operation is not supported for complex values because it would be ambiguous."
        )


@overload
def isposinf(x: _NumberLike, out: None = ...) -> bool_: ...
@overload
def isposinf(x: ArrayLike, out: ndarray | None = ...) -> ndarray: ...
def isposinf(x: Any, out: Any = None) -> Any:
    """Element-wise: is ``x`` positive infinity."""
    _no_complex(x)
    return _core.logical_and(_core.isinf(x), ~_core.signbit(x), out=out)


@overload
def isneginf(x: _NumberLike, out: None = ...) -> bool_: ...
@overload
def isneginf(x: ArrayLike, out: ndarray | None = ...) -> ndarray: ...
def isneginf(x: Any, out: Any = None) -> Any:
    """Element-wise: is ``x`` negative infinity."""
    _no_complex(x)
    return _core.logical_and(_core.isinf(x), _core.signbit(x), out=out)


_FMAX = {"float16": (65504.0, -65504.0), "float32": (3.4028234663852886e38, -3.4028234663852886e38),
         "float64": (1.7976931348623157e308, -1.7976931348623157e308)}
_EPS = {"float16": 0.0009765625, "float32": 1.1920928955078125e-07,
        "float64": 2.220446049250313e-16}


@overload
def nan_to_num(x: _NumberLike, copy: bool = ..., nan: float = ..., posinf: float | None = ..., neginf: float | None = ...) -> generic: ...
@overload
def nan_to_num(x: ArrayLike, copy: bool = ..., nan: float = ..., posinf: float | None = ..., neginf: float | None = ...) -> ndarray: ...
def nan_to_num(x: Any, copy: bool = True, nan: float = 0.0, posinf: float | None = None,
               neginf: float | None = None) -> Any:
    """Replace NaN by ``nan`` and infinities by large finite numbers (or the given ones)."""
    xa = _core.array(x, copy=copy)
    scalar = xa.ndim == 0
    if xa.dtype.kind not in "fc":
        return xa[()] if scalar else xa
    parts = (xa.real, xa.imag) if xa.dtype.kind == "c" else (xa,)
    maxf, minf = _FMAX[xa.real.dtype.name]
    if posinf is not None:
        maxf = posinf
    if neginf is not None:
        minf = neginf
    work = xa.reshape(1) if scalar else xa
    parts = (work.real, work.imag) if xa.dtype.kind == "c" else (work,)
    for d in parts:
        m_nan = _core.isnan(d)
        m_pos = isposinf(d)
        m_neg = isneginf(d)
        putmask(d, m_nan, nan)
        putmask(d, m_pos, maxf)
        putmask(d, m_neg, minf)
    return xa[()] if scalar else xa


def real_if_close(a: ArrayLike, tol: float = 100) -> ndarray:
    """The real part when every imaginary part is within ``tol`` machine epsilons of 0."""
    a = asarray(a)
    if a.dtype.kind != "c":
        return a
    if tol > 1:
        tol = _EPS[a.real.dtype.name] * tol
    if bool((_core.absolute(a.imag) < tol).all()):
        a = a.real
    return a


# -- ndarray method helpers -----------------------------------------------------------------

def _tofile(a: Any, fid: Any, sep: str, format: str) -> None:
    from ._textio import _write_flat

    _write_flat(a, fid, sep, format)


def _dump(a: Any, file: Any) -> None:
    if isinstance(file, (str, bytes)) or hasattr(file, "__fspath__"):
        with open(file, "wb") as f:
            pickle.dump(a, f, protocol=2)
    else:
        pickle.dump(a, file, protocol=2)


class _ctypes:
    """``a.ctypes``: the data pointer, shape and strides for ctypes (a subset of NumPy's)."""

    def __init__(self, arr: Any) -> None:
        self._arr = arr

    @property
    def data(self) -> int:
        """The address of the first element."""
        return int(self._arr._data_ptr)

    @property
    def shape(self) -> Any:
        import ctypes

        return (ctypes.c_ssize_t * self._arr.ndim)(*self._arr.shape)

    @property
    def strides(self) -> Any:
        import ctypes

        return (ctypes.c_ssize_t * self._arr.ndim)(*self._arr.strides)

    def data_as(self, obj: Any) -> Any:
        """The data pointer cast to a ctypes type."""
        import ctypes

        return ctypes.cast(self.data, obj)

    @property
    def _as_parameter_(self) -> Any:
        import ctypes

        return ctypes.c_void_p(self.data)



# -- nditer ---------------------------------------------------------------------------------

_ITER_FLAGS = {"multi_index", "external_loop", "buffered", "c_index", "f_index", "refs_ok",
               "zerosize_ok", "reduce_ok", "grow_inner", "delay_bufalloc", "ranged",
               "common_dtype", "copy_if_overlap"}
_OP_FLAGS = {"readonly", "readwrite", "writeonly", "allocate", "no_broadcast", "copy",
             "updateifcopy", "contig", "aligned", "nbo", "no_subtype", "arraymask",
             "writemasked", "overlap_assume_elementwise", "virtual"}


class nditer:
    """NumPy's multi-operand iterator for the common uses: broadcasting several operands,
    ``op_flags`` (``readonly``/``readwrite``/``writeonly``/``allocate``), the flags
    ``multi_index``, ``c_index``/``f_index``, ``external_loop`` and ``buffered``,
    ``order``, ``op_dtypes`` (a cast copy, written back on ``close()``/exit for writable
    operands) and use as a context manager.

    Elements are yielded as 0-d views (writing ``x[...] = v`` writes the operand); with
    ``external_loop`` one 1-d chunk per call (the whole operand when every operand is
    contiguous in the iteration order, else one innermost row, or ``buffersize``-element
    copies when ``buffered``). This is a Python-level iterator, as fast as a Python loop.
    """

    def __init__(self, op: Any, flags: Any = None, op_flags: Any = None, op_dtypes: Any = None,
                 order: str = "K", casting: str = "safe", op_axes: Any = None,
                 itershape: Any = None, buffersize: int = 0) -> None:
        if op_axes is not None or itershape is not None:
            raise TypeError("oxarray.nditer does not support op_axes or itershape")
        single = not isinstance(op, (list, tuple))
        ops = [op] if single else list(op)
        nop = len(ops)
        flags = set(flags or ())
        bad = flags - _ITER_FLAGS
        if bad:
            raise ValueError(f"Unexpected iterator global flag {sorted(bad)[0]!r}")
        if op_flags is None:
            op_flags = [["writeonly", "allocate"] if o is None else ["readonly"] for o in ops]
        elif op_flags and isinstance(op_flags[0], str):
            op_flags = [list(op_flags)] * nop
        op_flags = [set(f) for f in op_flags]
        if len(op_flags) != nop:
            raise ValueError("op_flags must be a tuple/list matching the number of ops")
        for f in op_flags:
            if f - _OP_FLAGS:
                raise ValueError(f"Unexpected per-op flag {sorted(f - _OP_FLAGS)[0]!r}")
            if len(f & {"readonly", "readwrite", "writeonly"}) != 1:
                raise ValueError(
                    "None of the iterator flags READWRITE, READONLY, or WRITEONLY were "
                    "specified for an operand"
                )
        if op_dtypes is None or not isinstance(op_dtypes, (list, tuple)):
            op_dtypes = [op_dtypes] * nop
        arrays: list[Any] = [None if o is None else asarray(o) for o in ops]
        for a, f in zip(arrays, op_flags):
            if a is not None and ("readwrite" in f or "writeonly" in f) and not a.flags.writeable:
                raise ValueError("operand was a read-only array; writing is not allowed")
        present = [a for a in arrays if a is not None]
        if not present:
            raise ValueError("At least one iterator operand must be non-NULL")
        shape = tuple(_core.broadcast_shapes(*[a.shape for a in present]))
        # Allocate outputs.
        for i, a in enumerate(arrays):
            if a is None:
                if "allocate" not in op_flags[i]:
                    raise ValueError("Iterator operand 0 is null, but the allocate flag was not set")
                dt = op_dtypes[i] if op_dtypes[i] is not None else _core.result_type(*present)
                arrays[i] = _core.zeros(shape, dtype=dt)
        self._originals = list(arrays)
        # Casts (need buffering or copying, as NumPy).
        self._writeback: list[tuple[Any, Any]] = []
        work = []
        for i, a in enumerate(arrays):
            dt = op_dtypes[i]
            if dt is not None and _core.dtype(dt) != a.dtype:
                if not ({"buffered"} & flags or {"copy", "updateifcopy"} & op_flags[i]):
                    raise TypeError(
                        "Iterator operand required copying or buffering, but neither "
                        "copying nor buffering was enabled"
                    )
                if not _core.can_cast(a.dtype, dt, casting):
                    raise TypeError(
                        f"Iterator operand {i} dtype could not be cast from {a.dtype!r} to "
                        f"{_core.dtype(dt)!r} according to the rule {casting!r}"
                    )
                writes = "readwrite" in op_flags[i] or "writeonly" in op_flags[i]
                if writes and not _core.can_cast(dt, a.dtype, casting):
                    raise TypeError(
                        f"Iterator requested dtype could not be cast from {_core.dtype(dt)!r} "
                        f"to {a.dtype!r}, the operand {i} dtype, according to the rule {casting!r}"
                    )
                c = a.astype(dt)
                if writes:
                    self._writeback.append((a, c))
                a = c
            if "no_broadcast" in op_flags[i] and a.shape != shape:
                raise ValueError("non-broadcastable operand with no_broadcast flag")
            work.append(a)
        self._views = [_core.broadcast_to(a, shape) if a.shape != shape else a for a in work]
        for i, f in enumerate(op_flags):
            if "readonly" in f and self._views[i].flags.writeable:
                v = self._views[i][...]
                v.flags.writeable = False
                self._views[i] = v
        self._single = single
        self._writable = ["readonly" not in f for f in op_flags]
        self._flags = flags
        self._shape = shape
        if order not in ("C", "F", "A", "K"):
            raise ValueError("order must be one of 'C', 'F', 'A', or 'K'")
        fortran = order == "F" or (
            order in ("A", "K") and len(shape) > 1
            and all(v.flags.f_contiguous and not v.flags.c_contiguous for v in present)
        )
        self._fortran = fortran
        self._size = 1
        for s in shape:
            self._size *= s
        if self._size == 0 and "zerosize_ok" not in flags:
            raise ValueError("Iteration of zero-sized operands is not enabled")
        self._external = "external_loop" in flags
        if "multi_index" in flags and self._external:
            raise ValueError("Iterator flag EXTERNAL_LOOP cannot be used if an index or multi-index is being tracked")
        self._buffersize = buffersize or 8192
        self._pos = 0
        self._closed = False
        self._chunks: list[Any] | None = None
        self._pending: list[tuple[Any, Any, Any]] = []
        self._current: Any = None

    # -- positions --------------------------------------------------------------------------
    def _index_at(self, k: int) -> tuple[int, ...]:
        if not self._shape:
            return ()
        coords = unravel_index(k, self._shape, order="F" if self._fortran else "C")
        return tuple(int(c) for c in coords)

    def _plan_chunks(self) -> list[Any]:
        order = "F" if self._fortran else "C"
        views = self._views
        contiguous = all(
            (v.flags.f_contiguous if self._fortran else v.flags.c_contiguous) for v in views
        )
        chunks: list[Any] = []
        if "buffered" in self._flags or contiguous:
            flat = [v.ravel(order=order) for v in views]
            step = self._size if contiguous else self._buffersize
            for s in range(0, self._size, max(step, 1)):
                parts = []
                for i, f in enumerate(flat):
                    piece = f[s:s + step]
                    copied = not _core.may_share_memory(f, views[i]) and views[i].size > 0
                    parts.append((i, piece, s if copied and self._writable[i] else None))
                chunks.append(parts)
            return chunks
        # The innermost axis: the first (F) or last (C) axis longer than one, as NumPy
        # drops length-one axes before choosing it.
        axes = list(range(len(self._shape)))
        if not self._fortran:
            axes.reverse()
        ax = next((d for d in axes if self._shape[d] > 1), axes[0])
        inner = self._shape[ax]
        outer_shape = self._shape[:ax] + self._shape[ax + 1:]
        outer = self._size // max(inner, 1)
        order = "F" if self._fortran else "C"
        for o in range(outer):
            rest = self._index_of_outer(o, outer_shape, order)
            idx = rest[:ax] + (slice(None),) + rest[ax:]
            chunks.append([(i, v[idx], None) for i, v in enumerate(views)])
        return chunks

    @staticmethod
    def _index_of_outer(o: int, shape: tuple[int, ...], order: str) -> tuple[int, ...]:
        if not shape:
            return ()
        return tuple(int(c) for c in unravel_index(o, shape, order=order))

    def _flush_pending(self) -> None:
        order = "F" if self._fortran else "C"
        for i, piece, s in self._pending:
            # A buffered chunk of a writable operand goes back to its (flattened) place.
            target = self._views[i]
            pos = _core.arange(s, s + piece.size)
            if order == "F":
                coords = unravel_index(pos, target.shape, order="F")
                pos = ravel_multi_index(coords, target.shape)
            put(target, pos, piece)
        self._pending = []

    # -- the iterator protocol --------------------------------------------------------------
    def __iter__(self) -> nditer:
        return self

    def __next__(self) -> Any:
        if self._closed:
            raise ValueError("Iterator is closed")
        if self._external:
            self._flush_pending()
            if self._chunks is None:
                self._chunks = self._plan_chunks()
            if self._pos >= len(self._chunks):
                raise StopIteration
            parts = self._chunks[self._pos]
            self._pos += 1
            vals = []
            for i, piece, s in parts:
                if s is not None:
                    self._pending.append((i, piece, s))
                vals.append(piece)
            self._current = vals
            return vals[0] if self._single else tuple(vals)
        if self._pos >= self._size:
            raise StopIteration
        idx = self._index_at(self._pos) + (Ellipsis,)
        self._pos += 1
        vals = [v[idx] for v in self._views]
        self._current = vals
        return vals[0] if self._single else tuple(vals)

    def iternext(self) -> bool:
        """Advance; False when the iteration is finished."""
        try:
            next(self)
        except StopIteration:
            return False
        return self._pos < (len(self._chunks or []) if self._external else self._size)

    def reset(self) -> None:
        """Start again from the first element."""
        self._flush_pending()
        self._pos = 0

    @property
    def finished(self) -> bool:
        """Whether every element has been visited."""
        return self._pos >= (len(self._chunks or [None]) if self._external else self._size)

    @property
    def multi_index(self) -> tuple[int, ...]:
        """The N-d index of the current element (needs ``flags=['multi_index']``)."""
        if "multi_index" not in self._flags:
            raise ValueError("Iterator is not tracking a multi-index")
        return self._index_at(max(self._pos - 1, 0))

    @property
    def index(self) -> int:
        """The flat C (``c_index``) or Fortran (``f_index``) index of the current element."""
        k = max(self._pos - 1, 0)
        if "c_index" in self._flags or "f_index" in self._flags:
            idx = self._index_at(k)
            order = "C" if "c_index" in self._flags else "F"
            return int(ravel_multi_index(idx, self._shape, order=order)) if idx else 0
        raise ValueError("Iterator does not have an index")

    @property
    def iterindex(self) -> int:
        """The position of the current element in iteration order."""
        return max(self._pos - 1, 0)

    @property
    def value(self) -> Any:
        """The current element(s)."""
        if self._current is None:
            self._current = [v[self._index_at(0) + (Ellipsis,)] for v in self._views]
        return self._current[0] if self._single else tuple(self._current)

    def __getitem__(self, i: int) -> Any:
        if self._current is None:
            self.value
        return self._current[i]

    @property
    def operands(self) -> tuple[Any, ...]:
        """The operands (allocated outputs included)."""
        return tuple(self._originals)

    @property
    def dtypes(self) -> tuple[Any, ...]:
        """The dtypes the iterator presents."""
        return tuple(v.dtype for v in self._views)

    @property
    def shape(self) -> tuple[int, ...]:
        """The broadcast shape."""
        return self._shape

    @property
    def ndim(self) -> int:
        """The number of dimensions of the broadcast shape."""
        return len(self._shape)

    @property
    def nop(self) -> int:
        """The number of operands."""
        return len(self._views)

    @property
    def itersize(self) -> int:
        """The number of elements."""
        return self._size

    def __len__(self) -> int:
        return self._size

    def close(self) -> None:
        """Write back cast copies of writable operands and end the iteration."""
        if self._closed:
            return
        self._flush_pending()
        for orig, copy in self._writeback:
            orig[...] = copy.astype(orig.dtype)
        self._writeback = []
        self._closed = True

    def __enter__(self) -> nditer:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
