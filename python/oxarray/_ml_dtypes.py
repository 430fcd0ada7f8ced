"""Machine-learning floats: ``bfloat16``, ``float8_e4m3fn``, ``float8_e5m2``,
``float8_e4m3`` and ``float8_e3m4``, bit-compatible with the ``ml_dtypes`` package.

The dtypes, casts, promotions and ufunc loops are registered in the Rust core
(``oxarray_core::mlfloat``) through its public registry; this module only gives each a
scalar class (printing as ``ml_dtypes`` prints, C++'s default ``%g``) and ties it to its
NumPy twin from ``ml_dtypes`` (imported only when NumPy interop asks for it), so that
``numpy.asarray(oxarray_bf16_array)`` is an ``ml_dtypes.bfloat16`` array viewing the same
memory and ``oxarray.asarray`` of one is zero-copy too.
"""

from typing import Any

from . import _core

__all__ = ["bfloat16", "float8_e4m3fn", "float8_e5m2", "float8_e4m3", "float8_e3m4"]


def _g(x: float) -> str:
    # ml_dtypes prints `float(x)` with `std::ostream <<` (6 significant digits, %g),
    # NaN without its sign.
    if x != x:
        return "nan"
    return "%g" % x


class _MLFloat(_core._UserScalar):
    """Base of the machine-learning float scalars."""

    __slots__ = ()

    def __repr__(self) -> str:
        return _g(float(self))

    def __str__(self) -> str:
        return _g(float(self))

    def __format__(self, spec: str) -> str:
        return format(float(self), spec) if spec else str(self)


def _numpy_dtype(name: str) -> Any:
    import ml_dtypes
    import numpy

    return numpy.dtype(getattr(ml_dtypes, name))


# DLPack type codes (dlpack.h 1.1): kDLBfloat and the float8 codes.
_DLPACK_CODES = {"bfloat16": 4, "float8_e3m4": 7, "float8_e4m3": 8, "float8_e4m3fn": 10,
                 "float8_e5m2": 12}


def _tie(cls: type) -> None:
    name = cls.__name__
    dt = _core.dtype(name)
    _core._register_scalar_type(dt, cls)
    _core._set_numpy_dtype(dt, lambda: _numpy_dtype(name))
    _core._set_dlpack_code(dt, _DLPACK_CODES[name])


class bfloat16(_MLFloat):
    """bfloat16 floating-point values (as ``ml_dtypes.bfloat16``): 1 sign, 8 exponent and
    7 mantissa bits, the top half of a float32."""

    __slots__ = ()


class float8_e4m3fn(_MLFloat):  # noqa: N801 - ml_dtypes' name
    """float8_e4m3fn floating-point values (as ``ml_dtypes.float8_e4m3fn``): 4 exponent
    bits, 3 mantissa bits, no infinity, largest finite 448."""

    __slots__ = ()


class float8_e5m2(_MLFloat):  # noqa: N801 - ml_dtypes' name
    """float8_e5m2 floating-point values (as ``ml_dtypes.float8_e5m2``): IEEE-like with
    5 exponent and 2 mantissa bits, largest finite 57344."""

    __slots__ = ()


class float8_e4m3(_MLFloat):  # noqa: N801 - ml_dtypes' name
    """float8_e4m3 floating-point values (as ``ml_dtypes.float8_e4m3``): IEEE-like with
    4 exponent and 3 mantissa bits, largest finite 240."""

    __slots__ = ()


class float8_e3m4(_MLFloat):  # noqa: N801 - ml_dtypes' name
    """float8_e3m4 floating-point values (as ``ml_dtypes.float8_e3m4``): IEEE-like with
    3 exponent and 4 mantissa bits, largest finite 15.5."""

    __slots__ = ()


for _cls in (bfloat16, float8_e4m3fn, float8_e5m2, float8_e4m3, float8_e3m4):
    _tie(_cls)
del _cls
