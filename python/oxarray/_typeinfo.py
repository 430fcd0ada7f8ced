# mypy: disable-error-code="overload-overlap"
"""oxarray namespace: constants and type information.

NumPy's own versions of these are Python (`numpy/_core/getlimits.py`, `numerictypes.py`,
`_type_aliases.py`, `numpy/lib/_type_check_impl.py`); the machine limits here are the IEEE
754 values of the three float formats oxarray has (the same table NumPy's `getlimits`
holds), so they need no probing at import.
"""

from __future__ import annotations

import math
import numbers
import sys
from typing import TYPE_CHECKING, Any

from ._core import (
    asarray,
    bool as _bool,
    complex64,
    complex128,
    complexfloating,
    dtype,
    float16,
    float32,
    float64,
    floating,
    generic,
    inexact,
    int8,
    int16,
    int32,
    int64,
    integer,
    ndarray,
    signedinteger,
    uint8,
    uint16,
    uint32,
    uint64,
    unsignedinteger,
)

if TYPE_CHECKING:
    from ._core import dtype as _dtype

from typing import TYPE_CHECKING, overload  # noqa: E402,F811 - the typed overloads below

if TYPE_CHECKING:
    from collections.abc import Sequence  # noqa: F401
    from typing import Literal, TypeVar  # noqa: F401

    from ._core import ArrayLike, DTypeLike, _AxisLike, _NestedSequence, _NumberLike, _ShapeLike, generic  # noqa: F401
    from ._core import bool as bool_  # noqa: F401
    from ._core import ndarray as ndarray  # noqa: F401
    from ._core import _FileLike  # noqa: F401

    _ArrayT = TypeVar("_ArrayT", bound=ndarray)

__all__ = [
    "__array_api_version__",
    "__array_namespace_info__",
    "astype",
    "common_type",
    "e",
    "euler_gamma",
    "finfo",
    "iinfo",
    "inf",
    "isdtype",
    "isfortran",
    "isscalar",
    "issubdtype",
    "iterable",
    "little_endian",
    "min_scalar_type",
    "mintypecode",
    "nan",
    "pi",
    "sctypeDict",
    "typecodes",
]

__array_api_version__ = "2025.12"

pi = math.pi
e = math.e
inf = math.inf
nan = math.nan
euler_gamma = 0.577215664901532860606512090082402431
little_endian = sys.byteorder == "little"

typecodes = {
    "Character": "c",
    "Integer": "bhilqnp",
    "UnsignedInteger": "BHILQNP",
    "Float": "efdg",
    "Complex": "FDG",
    "AllInteger": "bBhHiIlLqQnNpP",
    "AllFloat": "efdgFDG",
    "Datetime": "Mm",
    "All": "?bhilqnpBHILQNPefdgFDGSUVOMm",
}

_SCALAR_TYPES: tuple[type, ...] = (
    _bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64,
    float16, float32, float64, complex64, complex128,
)


def _build_sctype_dict() -> dict[Any, type]:
    # The keys NumPy 2.4's `sctypeDict` has for these 14 types.
    d: dict[Any, type] = {t.__name__: t for t in _SCALAR_TYPES}
    d.update({
        "byte": int8, "ubyte": uint8, "short": int16, "ushort": uint16,
        "intc": int32, "uintc": uint32, "long": int64, "ulong": uint64,
        "intp": int64, "uintp": uint64, "int_": int64, "uint": uint64, "int": int64,
        "bool_": _bool, "half": float16, "single": float32, "double": float64,
        "float": float64, "csingle": complex64, "cdouble": complex128, "complex": complex128,
    })
    return d


sctypeDict = _build_sctype_dict()


def _scalar_type(arg: Any) -> type:
    if isinstance(arg, type) and issubclass(arg, generic):
        return arg
    return dtype(arg).type


def issubdtype(arg1: DTypeLike | ArrayLike, arg2: DTypeLike | ArrayLike) -> bool:
    """Whether the first argument is a type code lower/equal in the type hierarchy."""
    return issubclass(_scalar_type(arg1), _scalar_type(arg2))


_KINDS: dict[str, tuple[type, ...]] = {
    "bool": (_bool,),
    "signed integer": (int8, int16, int32, int64),
    "unsigned integer": (uint8, uint16, uint32, uint64),
    "integral": (int8, int16, int32, int64, uint8, uint16, uint32, uint64),
    "real floating": (float16, float32, float64),
    "complex floating": (complex64, complex128),
    "numeric": (
        int8, int16, int32, int64, uint8, uint16, uint32, uint64,
        float16, float32, float64, complex64, complex128,
    ),
}


def isdtype(dtype: DTypeLike, kind: str | tuple[str | DTypeLike, ...] | DTypeLike) -> bool:
    """Whether a dtype is of the given kind (Array API)."""
    if isinstance(dtype, type) and issubclass(dtype, generic):
        dtype = _dtype_cls(dtype)
    if not isinstance(dtype, _dtype_cls):
        raise TypeError(f"dtype argument must be a NumPy dtype, but it is a {type(dtype)}.")
    processed: set[type] = set()
    for k in kind if isinstance(kind, tuple) else (kind,):
        if isinstance(k, str):
            if k not in _KINDS:
                raise ValueError(f"kind argument is a string, but {k!r} is not a known kind name.")
            processed.update(_KINDS[k])
        elif isinstance(k, _dtype_cls):
            processed.add(k.type)
        elif isinstance(k, type) and issubclass(k, generic):
            processed.add(k)
        else:
            raise TypeError(
                "kind argument must be comprised of NumPy dtypes or strings only, but is a "
                f"{type(k)}."
            )
    return dtype.type in processed


_dtype_cls = dtype

ScalarType: tuple[type, ...] = (int, float, complex, bool, bytes, str, memoryview) + _SCALAR_TYPES


def isscalar(element: Any) -> bool:
    """Whether the type of `element` is a scalar type."""
    return (
        isinstance(element, generic)
        or type(element) in ScalarType
        or isinstance(element, numbers.Number)
    )


@overload
def iterable(y: ndarray) -> bool: ...
@overload
def iterable(y: object) -> bool: ...
def iterable(y: Any) -> bool:
    """Whether `y` can be iterated over."""
    try:
        iter(y)
    except TypeError:
        return False
    return True


def isfortran(a: ndarray) -> bool:
    """Whether the array is Fortran contiguous but *not* C contiguous."""
    return bool(a.flags["F_CONTIGUOUS"] and not a.flags["C_CONTIGUOUS"])


def astype(x: ArrayLike, dtype: DTypeLike, /, *, copy: bool = True, device: str | None = None) -> ndarray:
    """Copy an array to a specified data type (Array API)."""
    if not (isinstance(x, ndarray) or isscalar(x)):
        raise TypeError(
            f"Input should be a NumPy array or scalar. It is a {type(x)} instead."
        )
    if device is not None and device != "cpu":
        raise ValueError(
            f'Device not understood. Only "cpu" is allowed, but received: {device}'
        )
    if not isinstance(x, ndarray):
        x = asarray(x)
    return x.astype(dtype, copy=copy)


# ---- finfo / iinfo ----

# (bits, nmant, nexp, maxexp, minexp, precision, resolution, max)
_FLOAT_PARAMS: dict[type, tuple[int, int, int, int, int, int, float, float]] = {
    float16: (16, 10, 5, 16, -14, 3, 1e-3, 65504.0),
    float32: (32, 23, 8, 128, -126, 6, 1e-6, 3.4028234663852886e38),
    float64: (64, 52, 11, 1024, -1022, 15, 1e-15, 1.7976931348623157e308),
}


# NumPy's `getlimits._MACHAR_PARAMS[...]["fmt"]`: precision + 1 digits.
_REPR_FMT = {float16: "%12.5e", float32: "%15.7e", float64: "%24.16e"}


class finfo:
    """Machine limits for floating point types."""

    _cache: dict[type, finfo] = {}

    bits: int
    dtype: _dtype
    eps: floating
    epsneg: floating
    iexp: int
    machep: int
    max: floating
    maxexp: int
    min: floating
    minexp: int
    negep: int
    nexp: int
    nmant: int
    precision: int
    resolution: floating
    smallest_normal: floating
    smallest_subnormal: floating
    tiny: floating

    def __new__(cls, dtype: Any) -> finfo:  # noqa: A002
        if dtype is None:
            import warnings

            warnings.warn(
                "finfo() dtype cannot be None. This behavior will raise an error in the "
                "future. (Deprecated in NumPy 1.25)",
                DeprecationWarning,
                stacklevel=2,
            )
        try:
            t = _scalar_type(dtype)
        except TypeError:
            t = _scalar_type(type(dtype))
        if t in (complex64, complexfloating):
            t = float32 if t is complex64 else float64
        elif t is complex128:
            t = float64
        elif t in (floating, inexact):
            t = float64
        if not issubclass(t, floating) or t not in _FLOAT_PARAMS:
            raise ValueError(f"data type {t!r} not inexact")
        if t in cls._cache:
            return cls._cache[t]
        obj = object.__new__(cls)
        bits, nmant, nexp, maxexp, minexp, precision, resolution, fmax = _FLOAT_PARAMS[t]
        make: Any = t
        obj.bits = bits
        obj.dtype = _dtype_cls(t)
        obj.nmant = nmant
        obj.nexp = nexp
        obj.iexp = nexp
        obj.maxexp = maxexp
        obj.minexp = minexp
        obj.machep = -nmant
        obj.negep = -nmant - 1
        obj.precision = precision
        obj.resolution = make(resolution)
        obj.eps = make(2.0**-nmant)
        obj.epsneg = make(2.0 ** (-nmant - 1))
        obj.max = make(fmax)
        obj.min = make(-fmax)
        obj.smallest_normal = make(2.0**minexp)
        obj.tiny = obj.smallest_normal
        obj.smallest_subnormal = make(2.0 ** (minexp - nmant))
        cls._cache[t] = obj
        return obj

    def __repr__(self) -> str:
        fmt = _REPR_FMT[self.dtype.type]
        return (
            f"finfo(resolution={self.resolution}, min={(fmt % float(self.min)).strip()}, "
            f"max={(fmt % float(self.max)).strip()}, dtype={self.dtype})"
        )

    def __str__(self) -> str:
        return (
            f"Machine parameters for {self.dtype}\n"
            "---------------------------------------------------------------\n"
            f"precision = {self.precision:3d}   resolution = {self.resolution}\n"
            f"machep = {self.machep:6d}   eps =        {self.eps}\n"
            f"negep =  {self.negep:6d}   epsneg =     {self.epsneg}\n"
            f"minexp = {self.minexp:6d}   tiny =       {self.tiny}\n"
            f"maxexp = {self.maxexp:6d}   max =        {self.max}\n"
            f"nexp =   {self.nexp:6d}   min =        -max\n"
            f"smallest_normal = {self.smallest_normal}   "
            f"smallest_subnormal = {self.smallest_subnormal}\n"
            "---------------------------------------------------------------\n"
        )


class iinfo:
    """Machine limits for integer types."""

    bits: int
    dtype: _dtype
    kind: str
    min: int
    max: int

    def __init__(self, int_type: Any) -> None:
        try:
            dt = _dtype_cls(int_type)
        except TypeError:
            dt = _dtype_cls(type(int_type))
        self.dtype = dt
        self.kind = dt.kind
        self.bits = dt.itemsize * 8
        if self.kind not in "iu":
            raise ValueError(f"Invalid integer data type {self.kind!r}.")
        if self.kind == "u":
            self.min = 0
            self.max = 2**self.bits - 1
        else:
            self.min = -(2 ** (self.bits - 1))
            self.max = 2 ** (self.bits - 1) - 1

    def __repr__(self) -> str:
        return f"iinfo(min={self.min}, max={self.max}, dtype={self.dtype})"

    def __str__(self) -> str:
        return (
            f"Machine parameters for {self.dtype}\n"
            "---------------------------------------------------------------\n"
            f"min = {self.min}\nmax = {self.max}\n"
            "---------------------------------------------------------------\n"
        )


# ---- type selection ----


def _min_int_type(v: int) -> Any:
    if v >= 0:
        for bits in (8, 16, 32, 64):
            if v < 2**bits:
                return _dtype_cls(f"uint{bits}")
    else:
        for bits in (8, 16, 32, 64):
            if v >= -(2 ** (bits - 1)):
                return _dtype_cls(f"int{bits}")
    raise OverflowError(f"Python int {v} too large to convert to int64")


def min_scalar_type(a: Any, /) -> dtype:
    """The smallest dtype that can hold the scalar `a` (for arrays: their dtype)."""
    arr = a if isinstance(a, ndarray) else asarray(a)
    if arr.ndim > 0:
        return arr.dtype
    kind = arr.dtype.kind
    v = arr.item()
    if kind == "b":
        return arr.dtype
    if kind in "iu":
        return _min_int_type(int(v))
    if kind == "f":
        if arr.dtype.itemsize == 2:
            return arr.dtype
        if (-65000 < v < 65000) or not math.isfinite(v):
            return _dtype_cls(float16)
        if -3.4e38 < v < 3.4e38:
            return _dtype_cls(float32)
        return _dtype_cls(float64)
    if kind == "c":
        if -3.4e38 < v.real < 3.4e38 and -3.4e38 < v.imag < 3.4e38:
            return _dtype_cls(complex64)
        return _dtype_cls(complex128)
    return arr.dtype


_ARRAY_TYPE: list[list[Any]] = [[float16, float32, float64], [None, complex64, complex128]]
_ARRAY_PRECISION: dict[Any, int] = {float16: 0, float32: 1, float64: 2, complex64: 1, complex128: 2}


def common_type(*arrays: Any) -> type:
    """A scalar type common to the input arrays (an inexact type)."""
    is_complex = False
    precision = 0
    for a in arrays:
        t = a.dtype.type
        if issubclass(t, complexfloating):
            is_complex = True
        if issubclass(t, integer):
            p = 2
        else:
            p2 = _ARRAY_PRECISION.get(t)
            if p2 is None:
                raise TypeError("can't get common type for non-numeric array")
            p = p2
        precision = max(precision, p)
    result = _ARRAY_TYPE[1 if is_complex else 0][precision]
    assert result is not None
    return result


_TYPECODES_BY_ELSIZE = "GDFgdfQqLlIiHhBb?"


def mintypecode(typechars: Any, typeset: str = "GDFgdf", default: str = "d") -> str:
    """The character of the minimum-size type to which the given types can be safely cast."""
    codes = ((isinstance(t, str) and t) or asarray(t).dtype.char for t in typechars)
    intersection = {t for t in codes if t in typeset}
    if not intersection:
        return default
    if "F" in intersection and "d" in intersection:
        return "D"
    return min(intersection, key=_TYPECODES_BY_ELSIZE.index)


# ---- the Array API inspection namespace ----


class _NamespaceInfo:
    """``__array_namespace_info__()``: what this Array API namespace supports."""

    __module__ = "oxarray"

    def capabilities(self) -> dict[str, Any]:
        # oxarray has no rank limit (NumPy's is 64): the standard's `None`.
        return {"boolean indexing": True, "data-dependent shapes": True, "max dimensions": None}

    def default_device(self) -> str:
        return "cpu"

    def _check_device(self, device: Any) -> None:
        if device not in ("cpu", None):
            raise ValueError(
                f'Device not understood. Only "cpu" is allowed, but received: {device}'
            )

    def default_dtypes(self, *, device: Any = None) -> dict[str, Any]:
        self._check_device(device)
        return {
            "real floating": _dtype_cls(float64),
            "complex floating": _dtype_cls(complex128),
            "integral": _dtype_cls(int64),
            "indexing": _dtype_cls(int64),
        }

    def dtypes(self, *, device: Any = None, kind: Any = None) -> dict[str, Any]:
        self._check_device(device)
        if kind is None:
            kinds: tuple[Any, ...] = ("bool", "numeric")
        elif isinstance(kind, tuple):
            kinds = kind
        else:
            kinds = (kind,)
        out: dict[str, Any] = {}
        for k in kinds:
            if not isinstance(k, str) or k not in _KINDS:
                raise ValueError(f"unsupported kind: {k!r}")
            for t in _KINDS[k]:
                if t is float16:
                    continue  # not an Array API dtype (NumPy's list leaves it out too)
                dt = _dtype_cls(t)
                out[dt.name] = dt
        return out

    def devices(self) -> list[str]:
        return ["cpu"]


def __array_namespace_info__() -> _NamespaceInfo:
    """The Array API inspection utilities of this namespace."""
    return _NamespaceInfo()
