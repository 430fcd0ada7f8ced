"""Small NumPy top-level functions that are Python glue over oxarray (issue 15).

`geomspace`, `logspace`, `vander`, `apply_along_axis`, `apply_over_axes`, `binary_repr`,
`base_repr`, `packbits`, `unpackbits`, `array2string`, `array_repr`, `array_str`,
`format_float_positional`, `format_float_scientific`, `typename`, `ScalarType`, `True_`,
`False_`: the algorithms are NumPy's (same operations in the same order, so the same
values), written on oxarray's functions and ufuncs.
"""

from __future__ import annotations

import builtins
import itertools
import operator
from collections.abc import Callable, Iterable
from typing import Any, SupportsFloat, cast

from . import _arrayprint as _arrayprint_mod
from . import _core, _functions as _functions_mod, _reductions as _reductions_mod
from ._core import asarray, ndarray
from .exceptions import AxisError

from typing import TYPE_CHECKING  # noqa: E402

if TYPE_CHECKING:
    from ._core import ArrayLike, DTypeLike, _NumberLike  # noqa: F401

# The pure-Python modules below are not annotated: call them through Any.
_arrayprint: Any = _arrayprint_mod
_functions: Any = _functions_mod
_reductions: Any = _reductions_mod

__all__ = [
    "False_",
    "ScalarType",
    "True_",
    "apply_along_axis",
    "apply_over_axes",
    "array2string",
    "array_repr",
    "array_str",
    "base_repr",
    "binary_repr",
    "format_float_positional",
    "format_float_scientific",
    "geomspace",
    "logspace",
    "packbits",
    "typename",
    "unpackbits",
    "vander",
]

True_: Any = _core.bool(True)
False_: Any = _core.bool(False)

ScalarType: tuple[type, ...] = (int, float, complex, builtins.bool, bytes, str, memoryview) + tuple(
    getattr(_core, n)
    for n in [
        "bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
        "float16", "float32", "float64", "complex64", "complex128",
    ]
)

_NAMEFROMTYPE = {
    "S1": "character", "?": "bool", "b": "signed char", "B": "unsigned char", "h": "short",
    "H": "unsigned short", "i": "integer", "I": "unsigned integer", "l": "long integer",
    "L": "unsigned long integer", "q": "long long integer", "Q": "unsigned long long integer",
    "f": "single precision", "d": "double precision", "g": "long precision",
    "F": "complex single precision", "D": "complex double precision",
    "G": "complex long double precision", "S": "string", "U": "unicode", "V": "void",
    "O": "object",
}


def typename(char: str) -> str:
    """A description of the type code ``char`` (NumPy's table)."""
    return _NAMEFROMTYPE[char]


def _axis_index(axis: Any, ndim: int) -> int:
    ax = operator.index(axis)
    if not -ndim <= ax < ndim:
        raise AxisError(f"axis {ax} is out of bounds for array of dimension {ndim}")
    return ax % ndim


# ---------------------------------------------------------------------------- ranges


def _linspace(start: Any, stop: Any, num: int, endpoint: bool, axis: int) -> ndarray:
    """NumPy's ``linspace`` algorithm, also for array and complex ``start``/``stop``
    (``oxarray.linspace`` takes real scalars)."""
    num = operator.index(num)
    if num < 0:
        raise ValueError(f"Number of samples, {num}, must be non-negative.")
    a, b = asarray(start), asarray(stop)
    div = (num - 1) if endpoint else num
    dt = _core.result_type(a, b, 1.0)
    delta = _core.subtract(b, a).astype(dt, copy=False)
    y = _functions.reshape(_core.arange(0, num, dtype=dt), (-1,) + (1,) * delta.ndim)
    if div > 0:
        step = delta / div
        if bool(_reductions.any(step == 0)):
            y = (y / div) * delta
        else:
            y = y * step
    else:
        y = y * delta
    y = y + a
    if endpoint and num > 1:
        y[-1, ...] = b
    if axis != 0:
        y = _core.moveaxis(y, 0, axis)
    return cast(ndarray, y.astype(dt, copy=False))


def logspace(
    start: ArrayLike, stop: ArrayLike, num: int = 50, endpoint: bool = True, base: ArrayLike = 10.0,
    dtype: DTypeLike | None = None, axis: int = 0,
) -> ndarray:
    """``base ** linspace(start, stop, num)``, as NumPy's."""
    base_a = asarray(base)
    if base_a.ndim > 0:
        # Array-valued base: broadcast with start/stop, as NumPy does.
        ndmax = builtins.max(asarray(start).ndim, asarray(stop).ndim, base_a.ndim)
        start, stop, base_a = (
            _functions.reshape(x, (1,) * (ndmax - x.ndim) + tuple(x.shape))
            for x in (asarray(start), asarray(stop), base_a)
        )
        base_a = _core.expand_dims(base_a, axis)
    y = _linspace(start, stop, num, endpoint, axis)
    result = _core.power(base_a if base_a.ndim > 0 else base, y)
    if dtype is None:
        return result
    return result.astype(dtype, copy=False)


def geomspace(
    start: ArrayLike, stop: ArrayLike, num: int = 50, endpoint: bool = True, dtype: DTypeLike | None = None,
    axis: int = 0,
) -> ndarray:
    """Numbers spaced evenly on a log scale (a geometric progression), as NumPy's."""
    start_a = asarray(start)
    stop_a = asarray(stop)
    if bool(_reductions.any(start_a == 0)) or bool(_reductions.any(stop_a == 0)):
        raise ValueError("Geometric sequence cannot include zero")
    dt = _core.result_type(start_a, stop_a, float(num), _core.zeros((), dtype))
    out_dtype = dt if dtype is None else _core.dtype(dtype)
    start_a = start_a.astype(dt, copy=True)
    stop_a = stop_a.astype(dt, copy=True)
    # Negative or complex starts: take the sign out (NumPy's out_sign).
    out_sign = _core.sign(start_a)
    start_a = start_a / out_sign
    stop_a = stop_a / out_sign
    log_start = _core.log10(start_a)
    log_stop = _core.log10(stop_a)
    result = logspace(log_start, log_stop, num=num, endpoint=endpoint, base=10.0, dtype=dt)
    # Exact ends, as NumPy sets them.
    if num > 0:
        result[0] = start_a
        if num > 1 and endpoint:
            result[-1] = stop_a
    result = out_sign * result
    if axis != 0:
        result = _core.moveaxis(result, 0, axis)
    return result.astype(out_dtype, copy=False)


def vander(x: ArrayLike, N: int | None = None, increasing: bool = False) -> ndarray:
    """The Vandermonde matrix of ``x``: columns are powers of ``x`` (NumPy's)."""
    xa = asarray(x)
    if xa.ndim != 1:
        raise ValueError("x must be a one-dimensional array or sequence.")
    n = len(xa) if N is None else operator.index(N)
    v = _core.empty((len(xa), n), dtype=_core.promote_types(xa.dtype, _core.int64))
    tmp = v if increasing else v[:, ::-1]
    if n > 0:
        tmp[:, 0] = 1
    if n > 1:
        tmp[:, 1:] = xa[:, None]
        _core.multiply.accumulate(tmp[:, 1:], out=tmp[:, 1:], axis=1)
    return v


# ---------------------------------------------------------------------------- apply


def apply_along_axis(func1d: Callable[..., Any], axis: int, arr: ArrayLike, *args: object, **kwargs: object) -> ndarray:
    """Apply ``func1d`` to 1-d slices of ``arr`` along ``axis`` (NumPy's algorithm)."""
    a = asarray(arr)
    nd = a.ndim
    ax = _axis_index(axis, nd)
    dims = list(range(nd))
    view = _core.permute_dims(a, dims[:ax] + dims[ax + 1:] + [ax])
    inds = itertools.product(*(range(s) for s in view.shape[:-1]))
    try:
        ind0 = next(inds)
    except StopIteration:
        raise ValueError("Cannot apply_along_axis when any iteration dimensions are 0") from None
    res = asarray(func1d(view[ind0 + (Ellipsis,)], *args, **kwargs))
    buff = _core.zeros(tuple(view.shape[:-1]) + tuple(res.shape), res.dtype)
    bdims = list(range(buff.ndim))
    permute = bdims[:ax] + bdims[buff.ndim - res.ndim:] + bdims[ax:buff.ndim - res.ndim]
    buff[ind0 + (Ellipsis,)] = res
    for ind in inds:
        buff[ind + (Ellipsis,)] = asarray(func1d(view[ind + (Ellipsis,)], *args, **kwargs))
    return _core.permute_dims(buff, permute)


def apply_over_axes(func: Callable[[Any, int], Any], a: ArrayLike, axes: int | Iterable[int]) -> ndarray:
    """Apply ``func(a, axis)`` over each axis in turn, keeping the dimensions (NumPy's)."""
    val = asarray(a)
    n = val.ndim
    axes_t: tuple[Any, ...] = tuple(axes) if isinstance(axes, Iterable) else (axes,)
    for axis in axes_t:
        axis = operator.index(axis)
        if axis < 0:
            axis = n + axis
        res = asarray(func(val, axis))
        if res.ndim == val.ndim:
            val = res
        else:
            res = _core.expand_dims(res, axis)
            if res.ndim == val.ndim:
                val = res
            else:
                raise ValueError("function is not returning an array of the correct shape")
    return val


# ---------------------------------------------------------------------------- bits


def packbits(a: ArrayLike, axis: int | None = None, bitorder: str = "big") -> ndarray:
    """Pack a bool/integer array's truth values into the bits of uint8, as NumPy's."""
    x = asarray(a)
    if x.dtype.kind not in "biu":
        raise TypeError("Expected an input array of integer or boolean data type")
    if bitorder not in ("big", "little"):
        raise ValueError("'order' must be either 'little' or 'big'")
    if axis is None:
        x = _functions.ravel(x)
        ax = 0
    else:
        ax = _axis_index(axis, x.ndim)
    bits = _core.moveaxis(x != 0, ax, -1).astype(_core.uint8)
    n = bits.shape[-1]
    pad = (-n) % 8
    if pad:
        bits = _core.concatenate([bits, _core.zeros(tuple(bits.shape[:-1]) + (pad,), _core.uint8)], axis=-1)
    groups = _functions.reshape(bits, tuple(bits.shape[:-1]) + ((n + pad) // 8, 8))
    shifts = _core.arange(7, -1, -1, dtype=_core.uint8) if bitorder == "big" else _core.arange(8, dtype=_core.uint8)
    packed = _core.bitwise_or.reduce(_core.left_shift(groups, shifts), axis=-1)
    return _core.moveaxis(packed.astype(_core.uint8), -1, ax)


def unpackbits(a: ArrayLike, axis: int | None = None, count: int | None = None, bitorder: str = "big") -> ndarray:
    """Unpack the bits of a uint8 array into a uint8 array of 0/1, as NumPy's."""
    x = asarray(a)
    if x.dtype != _core.dtype("uint8"):
        raise TypeError("Expected an input array of unsigned byte data type")
    if bitorder not in ("big", "little"):
        raise ValueError("'order' must be either 'little' or 'big'")
    if axis is None:
        x = _functions.ravel(x)
        ax = 0
    else:
        ax = _axis_index(axis, x.ndim)
    moved = _core.moveaxis(x, ax, -1)
    shifts = _core.arange(7, -1, -1, dtype=_core.uint8) if bitorder == "big" else _core.arange(8, dtype=_core.uint8)
    bits = _core.bitwise_and(_core.right_shift(moved[..., None], shifts), _core.uint8(1))
    bits = _functions.reshape(bits, tuple(moved.shape[:-1]) + (moved.shape[-1] * 8,))
    if count is not None:
        c = operator.index(count)
        total = bits.shape[-1]
        if c < 0:
            if -c > total:
                raise ValueError("-count larger than number of elements")
            bits = bits[..., : total + c]
        elif c <= total:
            bits = bits[..., :c]
        else:
            bits = _core.concatenate([bits, _core.zeros(tuple(bits.shape[:-1]) + (c - total,), _core.uint8)], axis=-1)
    return _core.moveaxis(bits, -1, ax)


# ---------------------------------------------------------------------------- text


def binary_repr(num: int, width: int | None = None) -> str:
    """The binary string of an integer (two's complement of ``width`` bits if negative)."""

    def err_if_insufficient(width: int | None, binwidth: int) -> None:
        if width is not None and width < binwidth:
            raise ValueError(f"Insufficient bit {width=} provided for {binwidth=}")

    num = operator.index(num)
    if num == 0:
        return "0" * (width or 1)
    if num > 0:
        binary = f"{num:b}"
        binwidth = len(binary)
        outwidth = binwidth if width is None else builtins.max(binwidth, width)
        err_if_insufficient(width, binwidth)
        return binary.zfill(outwidth)
    if width is None:
        return f"-{-num:b}"
    poswidth = len(f"{-num:b}")
    if 2 ** (poswidth - 1) == -num:
        poswidth -= 1
    twocomp = 2 ** (poswidth + 1) + num
    binary = f"{twocomp:b}"
    binwidth = len(binary)
    outwidth = builtins.max(binwidth, width)
    err_if_insufficient(width, binwidth)
    return "1" * (outwidth - binwidth) + binary


def base_repr(number: int, base: int = 2, padding: int = 0) -> str:
    """The string of ``number`` in ``base`` (2..36), as NumPy's."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if base > len(digits):
        raise ValueError("Bases greater than 36 not handled in base_repr.")
    if base < 2:
        raise ValueError("Bases less than 2 not handled in base_repr.")
    num = builtins.abs(int(number))
    res = []
    while num:
        res.append(digits[num % base])
        num //= base
    if padding:
        res.append("0" * padding)
    if number < 0:
        res.append("-")
    return "".join(reversed(res or "0"))


def array2string(a: ArrayLike, max_line_width: int | None = None, precision: int | None = None,
                 suppress_small: bool | None = None, separator: str = " ", prefix: str = "",
                 **kwargs: object) -> str:
    """The string of an array's elements, as NumPy's (``formatter``, ``threshold``, ...)."""
    return cast(str, _arrayprint.array2string(asarray(a), max_line_width, precision, suppress_small,
                                    separator, prefix, **kwargs))


def array_repr(arr: ArrayLike, max_line_width: int | None = None, precision: int | None = None,
               suppress_small: bool | None = None) -> str:
    """``repr`` of an array, as NumPy's ``array_repr``."""
    return cast(str, _arrayprint.array_repr(asarray(arr), "array", max_line_width, precision, suppress_small))


def array_str(a: ArrayLike, max_line_width: int | None = None, precision: int | None = None,
              suppress_small: bool | None = None) -> str:
    """``str`` of an array, as NumPy's ``array_str``."""
    return cast(str, _arrayprint.array_str(asarray(a), max_line_width, precision, suppress_small))


def _float_size(x: Any) -> int:
    if isinstance(x, (float, int)) and not isinstance(x, _core.generic):
        return 8
    dt = getattr(x, "dtype", None)
    if dt is None or dt.kind != "f":
        raise TypeError("not a float")  # NumPy: format_float_* takes Python or NumPy floats
    return int(dt.itemsize)


def _check_digits(precision: int | None, min_digits: int | None, unique: bool) -> tuple[int, int]:
    p = -1 if precision is None else operator.index(precision)
    m = -1 if min_digits is None else operator.index(min_digits)
    if precision is not None and p < 0:
        raise ValueError("precision must be >= 0")
    if min_digits is not None and m < 0:
        raise ValueError("min_digits must be >= 0")
    if not unique and precision is None:
        raise ValueError("Must specify a precision if unique=False")
    if precision is not None and min_digits is not None and m > p:
        raise ValueError("min_digits must be less than or equal to precision")
    return p, m


def format_float_positional(x: SupportsFloat, precision: int | None = None, unique: bool = True,
                            fractional: bool = True, trim: str = "k", sign: bool = False,
                            pad_left: int | None = None, pad_right: int | None = None,
                            min_digits: int | None = None) -> str:
    """A float in positional notation with Dragon4 (NumPy's ``format_float_positional``)."""
    size = _float_size(x)
    p, m = _check_digits(precision, min_digits, unique)
    if not fractional and precision is not None:
        raise NotImplementedError("fractional=False with a precision is not supported by oxarray")
    return cast(str, _arrayprint.format_float(float(x), size, False, p, m, unique, trim, sign,
                                    -1 if pad_left is None else pad_left,
                                    -1 if pad_right is None else pad_right))


def format_float_scientific(x: SupportsFloat, precision: int | None = None, unique: bool = True,
                            trim: str = "k", sign: bool = False, pad_left: int | None = None,
                            exp_digits: int | None = None, min_digits: int | None = None) -> str:
    """A float in scientific notation with Dragon4 (NumPy's ``format_float_scientific``)."""
    size = _float_size(x)
    p, m = _check_digits(precision, min_digits, unique)
    return cast(str, _arrayprint.format_float(float(x), size, True, p, m, unique, trim, sign,
                                    -1 if pad_left is None else pad_left, -1,
                                    -1 if exp_digits is None else exp_digits))
