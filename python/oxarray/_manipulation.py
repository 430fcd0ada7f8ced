# mypy: disable-error-code="overload-overlap"
"""oxarray namespace: rearranging elements.

`repeat`, `tile` and `roll` copy in Rust (one pass, GIL released for large copies); the
rest are NumPy's own Python compositions of views and copies (`_index_tricks_impl.py`,
`_function_base_impl.py`, `_core/numeric.py`), written against oxarray's primitives;
`pad` is in `_arraypad.py`.
"""

from __future__ import annotations

import builtins
import itertools
import math
import operator
from typing import Any, Callable, Iterable, Iterator

from ._core import (
    _roll,
    _tile,
    arange,
    array,
    asarray,
    broadcast_arrays,
    broadcast_shapes,
    broadcast_to,
    can_cast,
    complexfloating,
    concatenate,
    dtype as _dtype,
    empty,
    flip,
    generic,
    isfinite,
    linspace,
    ndarray,
    repeat,
    result_type,
)
from ._joining import _normalize_axis_index, _normalize_axis_tuple
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
    "asanyarray",
    "asarray_chkfinite",
    "broadcast",
    "c_",
    "copyto",
    "fliplr",
    "flipud",
    "fromfunction",
    "fromiter",
    "index_exp",
    "indices",
    "ix_",
    "matrix_transpose",
    "meshgrid",
    "mgrid",
    "ogrid",
    "pad",
    "r_",
    "repeat",
    "require",
    "roll",
    "rollaxis",
    "rot90",
    "s_",
    "tile",
]


def _asany(a: Any) -> ndarray:
    return a if isinstance(a, ndarray) else asarray(a)


def asanyarray(a: ArrayLike, dtype: DTypeLike | None = None, order: str | None = None, *, device: Any = None, copy: bool | None = None, like: ArrayLike | None = None) -> ndarray:
    """Convert the input to an ndarray, passing ndarray subclasses through."""
    if device is not None and device != "cpu":
        raise ValueError(f'Device not understood. Only "cpu" is allowed, but received: {device}')
    if isinstance(a, ndarray) and dtype is None and order in (None, "K", "A") and not copy:
        return a
    return array(a, dtype=dtype, order=order or "K", copy=copy, subok=True)


def asarray_chkfinite(a: ArrayLike, dtype: DTypeLike | None = None, order: str | None = None) -> ndarray:
    """Convert to an array, raising ValueError if it contains inf or NaN."""
    a = asarray(a, dtype=dtype, order=order)
    if a.dtype.kind in "fc" and not bool(isfinite(a).all()):
        raise ValueError("array must not contain infs or NaNs")
    return a


def require(a: ArrayLike, dtype: DTypeLike | None = None, requirements: str | Sequence[str] | None = None, *, like: ArrayLike | None = None) -> ndarray:
    """An array satisfying the requirements (C/F contiguous, aligned, writeable, owndata)."""
    possible = {
        "C": "C", "C_CONTIGUOUS": "C", "CONTIGUOUS": "C",
        "F": "F", "F_CONTIGUOUS": "F", "FORTRAN": "F",
        "A": "A", "ALIGNED": "A",
        "W": "W", "WRITEABLE": "W",
        "O": "O", "OWNDATA": "O",
        "E": "E", "ENSUREARRAY": "E",
    }
    if not requirements:
        return asanyarray(a, dtype=dtype)
    if isinstance(requirements, str):
        requirements = [requirements]
    reqs = {possible[x.upper()] for x in requirements}
    subok = "E" not in reqs
    reqs.discard("E")
    order = "A"
    if reqs >= {"C", "F"}:
        raise ValueError("Cannot specify both C and Fortran contiguous.")
    elif "C" in reqs:
        order = "C"
        reqs.discard("C")
    elif "F" in reqs:
        order = "F"
        reqs.discard("F")
    arr = array(a, dtype=dtype, order=order, copy=None, subok=subok)
    flag_names = {"A": "ALIGNED", "W": "WRITEABLE", "O": "OWNDATA"}
    for prop in reqs:
        if not arr.flags[flag_names[prop]]:
            return arr.copy(order)
    return arr


def matrix_transpose(x: ArrayLike, /) -> ndarray:
    """Transpose the last two axes (a view)."""
    x = _asany(x)
    if x.ndim < 2:
        raise ValueError(f"Input array must be at least 2-dimensional, but it is {x.ndim}")
    return x.swapaxes(-1, -2)


@overload
def tile(A: ndarray, reps: ArrayLike) -> ndarray: ...
@overload
def tile(A: ArrayLike, reps: ArrayLike) -> ndarray: ...
def tile(A: Any, reps: Any) -> ndarray:
    """Construct an array by repeating A the number of times given by reps."""
    try:
        tup = tuple(reps)
    except TypeError:
        tup = (reps,)
    tup = tuple(operator.index(r) for r in tup)
    d = len(tup)
    if all(x == 1 for x in tup) and isinstance(A, ndarray):
        return array(A, copy=True, subok=True, ndmin=d)
    c = array(A, copy=None, subok=True, ndmin=d)
    if d < c.ndim:
        tup = (1,) * (c.ndim - d) + tup
    if any(r < 0 for r in tup):
        raise ValueError("negative dimensions are not allowed")
    return _tile(c, tup)


@overload
def roll(a: ndarray, shift: int | Sequence[int], axis: _AxisLike | None = ...) -> ndarray: ...
@overload
def roll(a: ArrayLike, shift: int | Sequence[int], axis: _AxisLike | None = ...) -> ndarray: ...
def roll(a: Any, shift: Any, axis: Any = None) -> ndarray:
    """Roll array elements along the given axes (elements leaving one end re-enter at the other)."""
    a = _asany(a)
    if axis is None:
        return roll(a.ravel(), shift, 0).reshape(a.shape)
    axes = _normalize_axis_tuple(axis, a.ndim, allow_duplicate=True)
    if isinstance(shift, ndarray):
        if shift.ndim > 1:
            raise ValueError("'shift' and 'axis' should be scalars or 1D sequences")
        shift = shift.tolist()
    # NumPy converts every shift with int() (so 2.0 shifts by 2).
    sh = [int(s) for s in (shift if isinstance(shift, (tuple, list)) else [shift])]
    if len(sh) == 1:
        sh = sh * len(axes)
    elif len(axes) == 1:
        axes = axes * len(sh)
    elif len(sh) != len(axes):
        raise ValueError(
            f"shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is "
            f"between arg 0 with shape ({len(sh)},) and arg 1 with shape ({len(axes)},)."
        )
    shifts = [0] * a.ndim
    for s, ax in zip(sh, axes):
        shifts[ax] += s
    return _roll(a, shifts)


def rollaxis(a: ndarray, axis: int, start: int = 0) -> ndarray:
    """Roll the specified axis backwards until it lies in the given position."""
    a = _asany(a)
    n = a.ndim
    axis = _normalize_axis_index(axis, n)
    if start < 0:
        start += n
    msg = "'%s' arg requires %d <= %s < %d, but %d was passed in"
    if not 0 <= start < n + 1:
        raise AxisError(msg % ("start", -n, "start", n + 1, start))
    if axis < start:
        start -= 1
    if axis == start:
        return a[...]
    axes = list(range(n))
    axes.remove(axis)
    axes.insert(start, axis)
    return a.transpose(axes)


def fliplr(m: ArrayLike) -> ndarray:
    """Reverse the order of elements along axis 1 (a view)."""
    m = _asany(m)
    if m.ndim < 2:
        raise ValueError("Input must be >= 2-d.")
    return m[:, ::-1]


def flipud(m: ArrayLike) -> ndarray:
    """Reverse the order of elements along axis 0 (a view)."""
    m = _asany(m)
    if m.ndim < 1:
        raise ValueError("Input must be >= 1-d.")
    return m[::-1, ...]


def rot90(m: ArrayLike, k: int = 1, axes: Any = (0, 1)) -> ndarray:
    """Rotate an array by 90 degrees in the plane of the two axes (a view)."""
    axes = tuple(axes)
    if len(axes) != 2:
        raise ValueError("len(axes) must be 2.")
    m = _asany(m)
    if axes[0] == axes[1] or builtins.abs(axes[0] - axes[1]) == m.ndim:
        raise ValueError("Axes must be different.")
    if axes[0] >= m.ndim or axes[0] < -m.ndim or axes[1] >= m.ndim or axes[1] < -m.ndim:
        raise ValueError(f"Axes={axes} out of range for array of ndim={m.ndim}.")
    k %= 4  # NumPy 2.4 takes any number here (2.5 deprecates non-integers)
    if k == 0:
        return m[:]
    if k == 2:
        return flip(flip(m, axes[0]), axes[1])
    axes_list = list(range(m.ndim))
    axes_list[axes[0]], axes_list[axes[1]] = axes_list[axes[1]], axes_list[axes[0]]
    if k == 1:
        return flip(m, axes[1]).transpose(axes_list)
    return flip(m.transpose(axes_list), axes[1])


# ---- copyto ----


def _scalar_kind(v: Any) -> str | None:
    if isinstance(v, builtins.bool):
        return "b"
    if isinstance(v, int):
        return "i"
    if isinstance(v, float):
        return "f"
    if isinstance(v, complex):
        return "c"
    return None


def copyto(dst: ndarray, src: Any, casting: str = 'same_kind', where: ArrayLike = True) -> None:
    """Copy values from src to dst, broadcasting, where `where` is True."""
    if not isinstance(dst, ndarray):
        raise TypeError(f"copyto() argument 1 must be numpy.ndarray, not {type(dst).__name__}")
    if casting not in ("no", "equiv", "safe", "same_kind", "unsafe"):
        raise ValueError(
            "casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'"
        )
    kind = _scalar_kind(src)
    if kind is not None:
        # NEP 50: a Python scalar is weak; only its kind matters for the casting check.
        order = "biufc"
        dk = "i" if dst.dtype.kind == "u" else dst.dtype.kind
        ok = casting == "unsafe" or (
            casting in ("same_kind", "safe") and order.index(kind) <= order.index(dk)
        ) or (casting in ("no", "equiv") and kind == dk)
        if not ok:
            pyt = {"b": "bool", "i": "int", "f": "float", "c": "complex"}[kind]
            raise TypeError(
                f"Cannot cast scalar from dtype('{_dtype(pyt if pyt != 'int' else 'int64')}') "
                f"to dtype('{dst.dtype}') according to the rule '{casting}'"
            )
        src_arr = asarray(src, dtype=dst.dtype) if casting != "unsafe" else array(src)
    else:
        src_arr = _asany(src)
        if not can_cast(src_arr.dtype, dst.dtype, casting):
            raise TypeError(
                f"Cannot cast array data from dtype('{src_arr.dtype}') to "
                f"dtype('{dst.dtype}') according to the rule '{casting}'"
            )
    if where is True:
        dst[...] = src_arr
        return
    mask = asarray(where)
    if mask.dtype.kind != "b":
        if not can_cast(mask.dtype, "bool", "safe"):
            raise TypeError(
                f"Cannot cast array data from dtype('{mask.dtype}') to dtype('bool') "
                "according to the rule 'safe'"
            )
        mask = mask.astype("bool")
    broadcast_shapes(dst.shape, mask.shape, src_arr.shape)
    if mask.shape != dst.shape:
        mask = broadcast_to(mask, dst.shape)
    if src_arr.shape != dst.shape:
        src_arr = broadcast_to(src_arr, dst.shape)
    if dst.ndim == 0:
        if bool(mask):
            dst[...] = src_arr
        return
    dst[mask] = src_arr[mask]


# ---- construction from functions and iterables ----


def indices(dimensions: Sequence[int], dtype: DTypeLike = int, sparse: bool = False) -> ndarray:
    """An array representing the indices of a grid."""
    dimensions = tuple(dimensions)
    n = len(dimensions)
    shape = (1,) * n
    if sparse:
        res: Any = ()
    else:
        res = empty((n,) + dimensions, dtype=dtype)
    for i, dim in enumerate(dimensions):
        idx = arange(dim, dtype=dtype).reshape(shape[:i] + (dim,) + shape[i + 1 :])
        if sparse:
            res = res + (idx,)
        else:
            res[i] = idx
    return res


def fromfunction(
    function: Callable[..., Any], shape: Any, *, dtype: Any = float, like: Any = None,
    **kwargs: Any,
) -> Any:
    """Construct an array by executing a function over each coordinate."""
    args = indices(shape, dtype=dtype)
    return function(*args, **kwargs)


def fromiter(iter: Iterable[Any], dtype: DTypeLike, count: int = -1, *, like: ArrayLike | None = None) -> ndarray:
    """A new 1-d array from an iterable."""
    dt = _dtype(dtype)
    count = operator.index(count)
    it = builtins.iter(iter)
    if count < -1:
        return empty(0, dtype=dt)  # what NumPy 2.4 returns for counts below -1
    if count == -1:
        items = list(it)
    else:
        items = list(itertools.islice(it, count))
        if len(items) < count:
            raise ValueError(
                f"iterator too short: Expected {count} but iterator had only {len(items)} "
                "items."
            )
    out = empty(len(items), dtype=dt)
    for i, v in enumerate(items):
        out[i] = v
    return out


def meshgrid(*xi: ArrayLike, copy: bool = True, sparse: bool = False, indexing: str = 'xy') -> tuple[ndarray, ...]:
    """Coordinate matrices from coordinate vectors."""
    ndim = len(xi)
    if indexing not in ["xy", "ij"]:
        raise ValueError("Valid values for `indexing` are 'xy' and 'ij'.")
    s0 = (1,) * ndim
    output: Any = [
        _asany(x).reshape(s0[:i] + (-1,) + s0[i + 1 :]) for i, x in enumerate(xi)
    ]
    if indexing == "xy" and ndim > 1:
        output[0] = output[0].reshape((1, -1) + s0[2:])
        output[1] = output[1].reshape((-1, 1) + s0[2:])
    if not sparse:
        output = broadcast_arrays(*output, subok=True)
    if copy:
        output = tuple(x.copy() for x in output)
    # NumPy 2.4 (the oracle of the tests) returns the list for sparse=True, copy=False;
    # NumPy 2.6 will return a tuple there.
    return output


def ix_(*args: Any) -> tuple[ndarray, ...]:
    """An open mesh from multiple sequences (for cross indexing)."""
    out = []
    nd = len(args)
    for k, new in enumerate(args):
        if not isinstance(new, ndarray):
            new = asarray(new)
            if new.size == 0:
                new = new.astype("int64")
        if new.ndim != 1:
            raise ValueError("Cross index must be 1 dimensional")
        if new.dtype.kind == "b":
            new = asarray([i for i, v in enumerate(new.tolist()) if v], dtype="int64")
        new = new.reshape((1,) * k + (new.size,) + (1,) * (nd - k - 1))
        out.append(new)
    return tuple(out)


# ---- broadcast: the object ----


class broadcast:
    """Produce an object that mimics broadcasting (NumPy's ``numpy.broadcast``)."""

    def __init__(self, *args: Any) -> None:
        if len(args) > 64:
            raise ValueError(
                f"Need at least 0 and at most 64 array objects, got {len(args)}."
            )
        arrays: list[ndarray] = []
        for a in args:
            if isinstance(a, broadcast):
                arrays.extend(a._arrays)
            else:
                arrays.append(_asany(a))
        self._arrays: list[ndarray] = arrays
        self._shape: tuple[int, ...] = tuple(broadcast_shapes(*[a.shape for a in arrays]))
        self._flat = [broadcast_to(a, self._shape).ravel() for a in arrays]
        self._index = 0

    @property
    def shape(self) -> tuple[int, ...]:
        return self._shape

    @property
    def ndim(self) -> int:
        return len(self._shape)

    @property
    def nd(self) -> int:
        return len(self._shape)

    @property
    def size(self) -> int:
        return math.prod(self._shape)

    @property
    def numiter(self) -> int:
        return len(self._arrays)

    @property
    def index(self) -> int:
        return self._index

    @property
    def iters(self) -> tuple[Iterator[Any], ...]:
        return tuple(builtins.iter(f[self._index :]) for f in self._flat)

    def reset(self) -> None:
        self._index = 0

    def __iter__(self) -> broadcast:
        return self

    def __next__(self) -> tuple[Any, ...]:
        if self._index >= self.size:
            raise StopIteration
        i = self._index
        self._index += 1
        return tuple(f[i] for f in self._flat)


# ---- index tricks: mgrid, ogrid, r_, c_, s_, index_exp ----


class nd_grid:
    """Dense (``mgrid``) or open (``ogrid``) multi-dimensional meshgrids by slicing."""

    __slots__ = ("sparse",)

    def __init__(self, sparse: bool = False) -> None:
        self.sparse = sparse

    def __getitem__(self, key: Any) -> Any:
        try:
            size = []
            num_list: list[Any] = [0]
            for k in range(len(key)):
                step = key[k].step
                start = key[k].start
                stop = key[k].stop
                if start is None:
                    start = 0
                if step is None:
                    step = 1
                if isinstance(step, (complexfloating, complex)):
                    step = builtins.abs(step)
                    size.append(int(step))
                else:
                    size.append(math.ceil((stop - start) / step))
                num_list += [start, stop, step]
            typ = result_type(*num_list)
            if self.sparse:
                nn: Any = [arange(_x, dtype=typ) for _x in size]
            else:
                nn = indices(size, typ)
            for k, kk in enumerate(key):
                step = kk.step
                start = kk.start
                if start is None:
                    start = 0
                if step is None:
                    step = 1
                if isinstance(step, (complexfloating, complex)):
                    step = int(builtins.abs(step))
                    if step != 1:
                        step = (kk.stop - start) / float(step - 1)
                nn[k] = nn[k] * step + start
            if self.sparse:
                slobj: list[Any] = [None] * len(size)
                for k in range(len(size)):
                    slobj[k] = slice(None, None)
                    nn[k] = nn[k][tuple(slobj)]
                    slobj[k] = None
                return tuple(nn)
            return nn
        except (IndexError, TypeError):
            step = key.step
            stop = key.stop
            start = key.start
            if start is None:
                start = 0
            if isinstance(step, (complexfloating, complex)):
                step_float = builtins.abs(step)
                step = length = int(step_float)
                if step != 1:
                    step = (key.stop - start) / float(step - 1)
                typ = result_type(start, stop, step_float)
                return arange(0, length, 1, dtype=typ) * step + start
            return arange(start, stop, step)


class MGridClass(nd_grid):
    """``mgrid``: a dense multi-dimensional meshgrid."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(sparse=False)


class OGridClass(nd_grid):
    """``ogrid``: an open multi-dimensional meshgrid."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(sparse=True)


mgrid = MGridClass()
ogrid = OGridClass()

_SCALAR_TYPES = (int, float, complex, builtins.bool, bytes, str, memoryview)


class AxisConcatenator:
    """Translate slice objects to concatenation along an axis (``r_``, ``c_``)."""

    __slots__ = ("axis", "matrix", "ndmin", "trans1d")

    def __init__(self, axis: int = 0, matrix: bool = False, ndmin: int = 1, trans1d: int = -1):
        self.axis = axis
        self.matrix = matrix
        self.trans1d = trans1d
        self.ndmin = ndmin

    def __getitem__(self, key: Any) -> ndarray:
        if isinstance(key, str):
            raise NotImplementedError("oxarray has no matrix class (string forms of r_/c_)")
        if not isinstance(key, tuple):
            key = (key,)
        trans1d = self.trans1d
        ndmin = self.ndmin
        axis = self.axis
        objs: list[Any] = []
        result_type_objs: list[Any] = []
        for k, item in enumerate(key):
            scalar = False
            if isinstance(item, slice):
                step = item.step
                start = item.start
                stop = item.stop
                if start is None:
                    start = 0
                if step is None:
                    step = 1
                if isinstance(step, (complexfloating, complex)):
                    size = int(builtins.abs(step))
                    newobj = linspace(start, stop, num=size)
                else:
                    newobj = arange(start, stop, step)
                if ndmin > 1:
                    newobj = array(newobj, copy=None, ndmin=ndmin)
                    if trans1d != -1:
                        newobj = newobj.swapaxes(-1, trans1d)
            elif isinstance(item, str):
                if k != 0:
                    raise ValueError("special directives must be the first entry.")
                if item in ("r", "c"):
                    raise NotImplementedError("oxarray has no matrix class ('r'/'c' directives)")
                if "," in item:
                    vec = item.split(",")
                    try:
                        axis, ndmin = (int(x) for x in vec[:2])
                        if len(vec) == 3:
                            trans1d = int(vec[2])
                        continue
                    except Exception as e:
                        raise ValueError(f"unknown special directive {item!r}") from e
                try:
                    axis = int(item)
                    continue
                except (ValueError, TypeError) as e:
                    raise ValueError("unknown special directive") from e
            elif type(item) in _SCALAR_TYPES or isinstance(item, generic):
                scalar = True
                newobj = item
            else:
                item_ndim = _asany(item).ndim
                newobj = array(item, copy=None, subok=True, ndmin=ndmin)
                if trans1d != -1 and item_ndim < ndmin:
                    k2 = ndmin - item_ndim
                    k1 = trans1d
                    if k1 < 0:
                        k1 += k2 + 1
                    defaxes = list(range(ndmin))
                    axes = defaxes[:k1] + defaxes[k2:] + defaxes[k1:k2]
                    newobj = newobj.transpose(axes)
            objs.append(newobj)
            if scalar:
                result_type_objs.append(item)
            else:
                result_type_objs.append(newobj.dtype)
        if len(result_type_objs) != 0:
            final_dtype = result_type(*result_type_objs)
            objs = [
                array(obj, copy=None, subok=True, ndmin=ndmin, dtype=final_dtype)
                for obj in objs
            ]
        return concatenate(tuple(objs), axis=axis)

    def __len__(self) -> int:
        return 0


class RClass(AxisConcatenator):
    """``r_``: concatenation along the first axis by index expressions."""

    __slots__ = ()

    def __init__(self) -> None:
        AxisConcatenator.__init__(self, 0)


class CClass(AxisConcatenator):
    """``c_``: concatenation along the last axis (1-d inputs become columns)."""

    __slots__ = ()

    def __init__(self) -> None:
        AxisConcatenator.__init__(self, -1, ndmin=2, trans1d=0)


r_ = RClass()
c_ = CClass()


class IndexExpression:
    """Build index tuples (``s_``, ``index_exp``)."""

    __slots__ = ("maketuple",)

    def __init__(self, maketuple: bool) -> None:
        self.maketuple = maketuple

    def __getitem__(self, item: Any) -> Any:
        if self.maketuple and not isinstance(item, tuple):
            return (item,)
        return item


index_exp = IndexExpression(maketuple=True)
s_ = IndexExpression(maketuple=False)


from ._arraypad import pad  # noqa: E402 - its own module (NumPy's _arraypad_impl)
