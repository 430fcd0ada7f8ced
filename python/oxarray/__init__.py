"""oxarray: N-dimensional arrays for Python with a Rust core.

The extension module ``oxarray._core`` holds the array type, dtypes, scalars and the
functions; this package re-exports them and adds the few pure-Python parts (printing,
exceptions).
"""

from . import exceptions as exceptions
from ._arrayprint import get_printoptions as get_printoptions, printoptions as printoptions, set_printoptions as set_printoptions
from ._core import (
    array as array,
    arange as arange,
    asarray as asarray,
    ascontiguousarray as ascontiguousarray,
    asfortranarray as asfortranarray,
    broadcast_arrays as broadcast_arrays,
    broadcast_shapes as broadcast_shapes,
    broadcast_to as broadcast_to,
    can_cast as can_cast,
    complex64 as complex64,
    complex128 as complex128,
    complexfloating as complexfloating,
    copy as copy,
    dtype as dtype,
    empty as empty,
    empty_like as empty_like,
    expand_dims as expand_dims,
    eye as eye,
    flip as flip,
    float16 as float16,
    float32 as float32,
    float64 as float64,
    floating as floating,
    full as full,
    full_like as full_like,
    generic as generic,
    identity as identity,
    inexact as inexact,
    int8 as int8,
    int16 as int16,
    int32 as int32,
    int64 as int64,
    integer as integer,
    linspace as linspace,
    may_share_memory as may_share_memory,
    moveaxis as moveaxis,
    ndarray as ndarray,
    number as number,
    ones as ones,
    ones_like as ones_like,
    permute_dims as permute_dims,
    promote_types as promote_types,
    result_type as result_type,
    signedinteger as signedinteger,
    uint8 as uint8,
    uint16 as uint16,
    uint32 as uint32,
    uint64 as uint64,
    unsignedinteger as unsignedinteger,
    zeros as zeros,
    zeros_like as zeros_like,
)
from ._core import bool as bool  # noqa: A001 - NumPy 2's name for the bool scalar type
from ._functions import (
    ndim as ndim,
    ravel as ravel,
    reshape as reshape,
    shape as shape,
    size as size,
    squeeze as squeeze,
    swapaxes as swapaxes,
    transpose as transpose,
)
from .exceptions import AxisError as AxisError, ComplexWarning as ComplexWarning
from ._reductions import (
    all as all,
    amax as amax,
    amin as amin,
    any as any,
    argmax as argmax,
    argmin as argmin,
    cumprod as cumprod,
    cumsum as cumsum,
    max as max,
    mean as mean,
    min as min,
    prod as prod,
    sum as sum,
)
from ._vectorize import frompyfunc as frompyfunc, vectorize as vectorize
from ._errstate import (
    errstate as errstate,
    geterr as geterr,
    geterr_int_overflow as geterr_int_overflow,
    geterrcall as geterrcall,
    seterr as seterr,
    seterrcall as seterrcall,
)
from ._core import from_dlpack as from_dlpack, frombuffer as frombuffer
from ._ml_dtypes import bfloat16 as bfloat16, float8_e3m4 as float8_e3m4, float8_e4m3 as float8_e4m3, float8_e4m3fn as float8_e4m3fn, float8_e5m2 as float8_e5m2
from ._strings import bytes_ as bytes_, str_ as str_
from ._npyio import load as load, open_memmap as open_memmap, save as save, savez as savez, savez_compressed as savez_compressed

bool_ = bool
newaxis = None
intp = int64
uintp = uint64
int_ = int64
double = float64
single = float32
half = float16
cdouble = complex128
csingle = complex64
byte = int8
ubyte = uint8
short = int16
ushort = uint16
intc = int32
uintc = uint32
longlong = int64
ulonglong = uint64

__version__ = "0.1.0"

# Universal functions: every built-in ufunc object (and NumPy's aliases) from the core.
from ._core import ufunc as ufunc  # noqa: E402
from ._core import (  # noqa: E402 - the universal functions
    abs as abs,
    absolute as absolute,
    acos as acos,
    acosh as acosh,
    add as add,
    arccos as arccos,
    arccosh as arccosh,
    arcsin as arcsin,
    arcsinh as arcsinh,
    arctan as arctan,
    arctan2 as arctan2,
    arctanh as arctanh,
    asin as asin,
    asinh as asinh,
    atan as atan,
    atan2 as atan2,
    atanh as atanh,
    bitwise_and as bitwise_and,
    bitwise_count as bitwise_count,
    bitwise_invert as bitwise_invert,
    bitwise_left_shift as bitwise_left_shift,
    bitwise_not as bitwise_not,
    bitwise_or as bitwise_or,
    bitwise_right_shift as bitwise_right_shift,
    bitwise_xor as bitwise_xor,
    cbrt as cbrt,
    ceil as ceil,
    conj as conj,
    conjugate as conjugate,
    copysign as copysign,
    cos as cos,
    cosh as cosh,
    deg2rad as deg2rad,
    degrees as degrees,
    divide as divide,
    divmod as divmod,
    equal as equal,
    exp as exp,
    exp2 as exp2,
    expm1 as expm1,
    fabs as fabs,
    float_power as float_power,
    floor as floor,
    floor_divide as floor_divide,
    fmax as fmax,
    fmin as fmin,
    fmod as fmod,
    frexp as frexp,
    gcd as gcd,
    greater as greater,
    greater_equal as greater_equal,
    heaviside as heaviside,
    hypot as hypot,
    invert as invert,
    isfinite as isfinite,
    isinf as isinf,
    isnan as isnan,
    lcm as lcm,
    ldexp as ldexp,
    left_shift as left_shift,
    less as less,
    less_equal as less_equal,
    log as log,
    log10 as log10,
    log1p as log1p,
    log2 as log2,
    logaddexp as logaddexp,
    logaddexp2 as logaddexp2,
    logical_and as logical_and,
    logical_not as logical_not,
    logical_or as logical_or,
    logical_xor as logical_xor,
    matmul as matmul,
    maximum as maximum,
    minimum as minimum,
    mod as mod,
    modf as modf,
    multiply as multiply,
    negative as negative,
    nextafter as nextafter,
    not_equal as not_equal,
    positive as positive,
    pow as pow,
    power as power,
    rad2deg as rad2deg,
    radians as radians,
    reciprocal as reciprocal,
    remainder as remainder,
    right_shift as right_shift,
    rint as rint,
    sign as sign,
    signbit as signbit,
    sin as sin,
    sinh as sinh,
    spacing as spacing,
    sqrt as sqrt,
    square as square,
    subtract as subtract,
    tan as tan,
    tanh as tanh,
    true_divide as true_divide,
    trunc as trunc,
)

# The namespace by topic: each module lists its public names in `__all__`
# (one file per topic, so that work on different families never touches the same file).
from ._typeinfo import *  # noqa: E402,F401,F403
from ._joining import *  # noqa: E402,F401,F403
from ._manipulation import *  # noqa: E402,F401,F403
from ._indexing import *  # noqa: E402,F401,F403
from ._textio import *  # noqa: E402,F401,F403
from ._sorting import *  # noqa: E402,F401,F403
from ._statistics import *  # noqa: E402,F401,F403
from ._products import *  # noqa: E402,F401,F403
from . import fft, linalg, polynomial, random  # noqa: E402,F401
from . import strings as strings  # noqa: E402
from . import dtypes as dtypes  # noqa: E402
from ._polylib import *  # noqa: E402,F401,F403
from ._threads import *  # noqa: E402,F401,F403

# Issue 15 (docs15): numpy.lib.stride_tricks (xarray's rolling windows use it).
from . import lib as lib  # noqa: E402
from ._extras import *  # noqa: E402,F401,F403 - geomspace, logspace, vander, apply_*, bits, text
from . import _dask as _dask  # noqa: E402 - registers with dask when (and if) dask is imported
# The numbers ABCs know the scalar types, as NumPy registers its own (numerictypes.py):
# libraries test `isinstance(x, numbers.Number)` on reduction results (dask's moment_agg).
import numbers as _numbers  # noqa: E402

_numbers.Integral.register(integer)
_numbers.Complex.register(inexact)
_numbers.Real.register(floating)
_numbers.Number.register(number)
del _numbers
