"""``oxarray.strings``: NumPy 2's ``numpy.strings`` on the fixed-width string dtypes
``S<n>`` and ``U<n>``.

Every function broadcasts its operands and runs in the Rust core
(``oxarray_core::strings::funcs``); this module only converts arguments. As in NumPy,
``equal ... greater_equal``, ``add``, ``str_len`` and the ``is*`` predicates are ufunc
objects (their string loops are descriptor loops of the core's loop table). Result dtypes
are NumPy's: ``add`` of ``U5`` and ``U3`` is ``U8``; ``multiply``, the padding
functions, ``replace``, ``expandtabs`` and ``partition`` size their results by the
longest result, as ``numpy.strings`` does.
"""

from typing import Any

from . import _core

__all__ = [
    "equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
    "add", "multiply", "str_len",
    "find", "rfind", "index", "rindex", "count", "startswith", "endswith",
    "isalpha", "isdigit", "isspace", "isalnum", "isnumeric", "isdecimal",
    "islower", "isupper", "istitle",
    "lower", "upper", "swapcase", "capitalize", "title",
    "strip", "lstrip", "rstrip", "replace",
    "center", "ljust", "rjust", "zfill",
    "partition", "rpartition", "expandtabs", "slice",
]

_MAX = 2**63 - 1
_MIN = -(2**63)


def _ints(x: Any, what: str) -> Any:
    """An integer operand as an int64 array (NumPy's TypeError for other kinds)."""
    a = _core.asarray(x)
    if a.dtype.kind not in "iub":
        raise TypeError(f"unsupported type {a.dtype} for operand '{what}'")
    return a.astype(_core._str_int_dtype())


def _scalar(r: Any) -> Any:
    """A 0-d result as NumPy returns it from a ufunc: a scalar."""
    if getattr(r, "ndim", 1) == 0:
        return r[()]
    return r


# NumPy's ``numpy.strings.equal ... greater_equal`` and ``add`` are the ufuncs
# themselves, whose string loops (``S``, ``U``, ``StringDType``) are in the core's loop table.
equal = _core.equal
not_equal = _core.not_equal
less = _core.less
less_equal = _core.less_equal
greater = _core.greater
greater_equal = _core.greater_equal
add = _core.add


def multiply(a: Any, i: Any) -> Any:
    """Repeat each string ``i`` times (negative counts as 0)."""
    return _core._str_multiply(a, _ints(i, "i"))


# Ufunc objects with string loops only, as NumPy's.
str_len = _core.str_len


def _search(kind: str) -> Any:
    def f(a: Any, sub: Any, start: Any = 0, end: Any = None) -> Any:
        e = _MAX if end is None else end
        return _scalar(_core._str_search(kind, a, sub, _ints(start, "start"), _ints(e, "end")))
    f.__name__ = f.__qualname__ = kind
    f.__doc__ = f"Python's ``str.{kind}`` element-wise over ``a[start:end]``."
    return f


find = _search("find")
rfind = _search("rfind")
index = _search("index")
rindex = _search("rindex")
count = _search("count")
startswith = _search("startswith")
endswith = _search("endswith")


isalpha = _core.isalpha
isdigit = _core.isdigit
isspace = _core.isspace
isalnum = _core.isalnum
isnumeric = _core.isnumeric
isdecimal = _core.isdecimal
islower = _core.islower
isupper = _core.isupper
istitle = _core.istitle


def _case(name: str) -> Any:
    def f(a: Any) -> Any:
        return _core._str_case(name, a)
    f.__name__ = f.__qualname__ = name
    f.__doc__ = f"Python's ``str.{name}`` element-wise (the result keeps ``a``'s dtype)."
    return f


lower = _case("lower")
upper = _case("upper")
swapcase = _case("swapcase")
capitalize = _case("capitalize")
title = _case("title")


def _strip(name: str) -> Any:
    def f(a: Any, chars: Any = None) -> Any:
        return _core._str_strip(name, a, chars)
    f.__name__ = f.__qualname__ = name
    f.__doc__ = f"Python's ``str.{name}`` element-wise."
    return f


strip = _strip("strip")
lstrip = _strip("lstrip")
rstrip = _strip("rstrip")


def replace(a: Any, old: Any, new: Any, count: Any = -1) -> Any:
    """Python's ``str.replace`` element-wise (``count`` -1: all)."""
    return _core._str_replace(a, old, new, _ints(count, "count"))


def _pad(name: str) -> Any:
    def f(a: Any, width: Any, fillchar: Any = " ") -> Any:
        w = _core.asarray(width)
        if w.dtype.kind not in "iu":
            raise TypeError(f"unsupported type {w.dtype} for operand 'width'")
        fa = _core.asarray(fillchar)
        if fa.dtype.kind != _core.asarray(a).dtype.kind and fa.dtype.kind in "SU":
            fa = fa.astype(_core.asarray(a).dtype.char)
        return _core._str_pad(name, a, _ints(w, "width"), fa)
    f.__name__ = f.__qualname__ = name
    f.__doc__ = f"Python's ``str.{name}`` element-wise."
    return f


center = _pad("center")
ljust = _pad("ljust")
rjust = _pad("rjust")


def zfill(a: Any, width: Any) -> Any:
    """Python's ``str.zfill`` element-wise."""
    w = _core.asarray(width)
    if w.dtype.kind not in "iu":
        raise TypeError(f"unsupported type {w.dtype} for operand 'width'")
    return _core._str_pad("zfill", a, _ints(w, "width"), None)


def partition(a: Any, sep: Any) -> Any:
    """Python's ``str.partition`` element-wise: three arrays."""
    return _core._str_partition(a, sep, False)


def rpartition(a: Any, sep: Any) -> Any:
    """Python's ``str.rpartition`` element-wise: three arrays."""
    return _core._str_partition(a, sep, True)


def expandtabs(a: Any, tabsize: Any = 8) -> Any:
    """Python's ``str.expandtabs`` element-wise."""
    return _core._str_expandtabs(a, _ints(tabsize, "tabsize"))


_NoStop = object()


def slice(a: Any, start: Any = None, stop: Any = _NoStop, step: Any = None, /) -> Any:  # noqa: A001
    """``s[start:stop:step]`` element-wise (``slice(a, n)`` is ``s[:n]``, as NumPy's)."""
    if stop is _NoStop:
        start, stop = None, start
    st = _ints(1 if step is None else step, "step")
    b = _ints(_MIN if start is None else start, "start")
    e = _ints(_MIN if stop is None else stop, "stop")
    return _core._str_slice(a, b, e, st)
