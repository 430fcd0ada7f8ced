"""oxarray: N-dimensional arrays for Python with a Rust core.

The extension module ``oxarray._core`` holds the array type, dtypes, scalars and the
functions; this package re-exports them and adds the few pure-Python parts (printing,
exceptions).
"""

from . import exceptions
from ._arrayprint import get_printoptions, printoptions, set_printoptions
from ._core import (
    array,
    arange,
    asarray,
    ascontiguousarray,
    asfortranarray,
    broadcast_arrays,
    broadcast_shapes,
    broadcast_to,
    can_cast,
    complex64,
    complex128,
    complexfloating,
    copy,
    dtype,
    empty,
    empty_like,
    expand_dims,
    eye,
    flip,
    float16,
    float32,
    float64,
    floating,
    full,
    full_like,
    generic,
    identity,
    inexact,
    int8,
    int16,
    int32,
    int64,
    integer,
    linspace,
    may_share_memory,
    moveaxis,
    ndarray,
    number,
    ones,
    ones_like,
    permute_dims,
    promote_types,
    result_type,
    signedinteger,
    uint8,
    uint16,
    uint32,
    uint64,
    unsignedinteger,
    zeros,
    zeros_like,
)
from ._core import bool as bool  # noqa: A001 - NumPy 2's name for the bool scalar type
from ._functions import (
    ndim,
    ravel,
    reshape,
    shape,
    size,
    squeeze,
    swapaxes,
    transpose,
)
from .exceptions import AxisError, ComplexWarning
from ._reductions import (
    all,
    amax,
    amin,
    any,
    argmax,
    argmin,
    cumprod,
    cumsum,
    max,
    mean,
    min,
    prod,
    sum,
)
from ._vectorize import frompyfunc, vectorize
from ._errstate import (
    errstate,
    geterr,
    geterr_int_overflow,
    geterrcall,
    seterr,
    seterrcall,
)
from ._core import from_dlpack, frombuffer
from ._npyio import load, open_memmap, save, savez, savez_compressed

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
from . import _core as _ufunc_core  # noqa: E402
from ._core import ufunc as ufunc  # noqa: E402

for _name in _ufunc_core._ufunc_names:
    globals()[_name] = getattr(_ufunc_core, _name)
del _name, _ufunc_core
