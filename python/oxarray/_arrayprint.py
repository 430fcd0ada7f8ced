"""Pure-Python array and scalar printing, output-compatible with NumPy 2.x.

This module reproduces ``repr``/``str`` of NumPy arrays and numeric scalars
for the dtypes bool, int8..int64, uint8..uint64, float16/32/64 and
complex64/128 (any byte order).  It never imports NumPy; it only needs an
array-like object with ``shape``, ``ndim``, ``size``, ``dtype`` (``name``,
``kind``, ``itemsize``, ``str``, ``isnative``), basic indexing and
``tolist()``.

Algorithm
---------
1.  Options live in a :class:`contextvars.ContextVar` holding a dict
    (``set_printoptions`` replaces it, ``printoptions`` sets it and restores
    the previous value with the token, exactly like NumPy 2).
2.  Data extraction: if ``a.size > threshold`` only the leading and trailing
    ``edgeitems`` of every axis longer than ``2 * edgeitems`` are fetched
    (by slicing, then ``tolist()``); otherwise the whole ``a.tolist()`` is
    used.  The result is a nested list whose long axes have ``2 * edgeitems``
    entries, so positive indices address the leading items and negative
    indices the trailing ones.
3.  A per-dtype element formatter is built from *the displayed values only*
    (``formatter`` option entries override it):
    a. bool: ``' True'``/``'False'`` (``'True'`` for 0-d arrays);
    b. integers: right-aligned to the widest of ``str(max)``/``str(min)``,
       honouring the ``sign`` option;
    c. floats (``_FloatFormat``): choose scientific notation when the largest
       finite non-zero magnitude is ``>= 10**min(8, digits10)`` of the dtype,
       or (unless ``suppress``) the smallest is ``< 1e-4`` or max/min
       ``> 1000`` (comparisons done in the dtype's own precision); then format
       every finite value once to measure the integer/fraction/exponent
       widths, derive padding, the number of digits (``floatmode``:
       fixed / unique / maxprec / maxprec_equal) and trimming, widening the
       padding for nan/inf strings;
    d. complex: one float formatter for the real parts and one (always
       signed) for the imaginary parts; ``'j'`` is inserted before the
       imaginary part's trailing padding.
4.  Digits come from an exact integer port of NumPy's Dragon4 (shortest
    round-trip digits of the value *in its own precision* -- binary16, 32 or
    64 -- with NumPy's cutoff/min-digits rounding rules), followed by
    NumPy's positional/scientific layout: trimming modes ``k . 0 -``, left and
    right padding and exponent digits.
5.  ``_format_array`` walks the nested list recursively like NumPy's
    ``_formatArray``: the last axis is laid out word by word and wrapped at
    ``linewidth`` with a hanging indent (``' ' * len(prefix)``), outer axes
    are joined with ``separator`` plus ``ndim - axis - 1`` newlines, and a
    ``'...'`` item is inserted where an axis was summarised.
6.  ``array_repr`` wraps the body in ``array(...)`` (line width reduced by the
    closing parenthesis), adds ``shape=`` for empty multi-dimensional or
    summarised arrays and ``dtype=`` unless the dtype is implied (native
    bool/int64/float64/complex128); the extras move to a new line when they
    would overflow ``linewidth``.  Non-native dtypes print as ``'>f8'``.
7.  ``array_str`` prints the body with ``' '`` separators; a 0-d array prints
    as its scalar ``str``.
8.  Scalars (``scalar_str``/``scalar_repr``) follow NumPy's scalar rules:
    positional unique digits for ``1e-4 <= |x| < 1e16`` (``1e6`` for
    float32, ``1e3`` for float16) else scientific with trimmed ``.``;
    complex as ``(re+imj)`` or ``imj`` when the real part is +0; reprs are
    ``<module>.<dtype name>(<str>)`` and ``<module>.True_``/``False_``.
"""

import contextlib
import contextvars
import math
import numbers
import operator
import struct
import sys
import warnings

from oxarray import _core

from collections.abc import Callable, Iterator  # noqa: E402 - annotations
from typing import Any, SupportsIndex  # noqa: E402

__all__ = ["array_repr", "array_str", "array2string", "scalar_repr",
           "scalar_str", "set_printoptions", "get_printoptions",
           "printoptions", "format_float"]

# ----------------------------------------------------------------------------
# 1. print options
# ----------------------------------------------------------------------------

_DEFAULT_OPTIONS = {
    "edgeitems": 3,
    "threshold": 1000,
    "floatmode": "maxprec",
    "precision": 8,
    "suppress": False,
    "linewidth": 75,
    "nanstr": "nan",
    "infstr": "inf",
    "sign": "-",
    "formatter": None,
    "legacy": sys.maxsize,
    "override_repr": None,
}

_format_options = contextvars.ContextVar("oxarray_format_options",
                                         default=_DEFAULT_OPTIONS)

_FLOATMODES = ("fixed", "unique", "maxprec", "maxprec_equal")
_LEGACY_CODES = {"1.13": 113, "1.21": 121, "1.25": 125, "2.1": 201,
                 "2.2": 202}
_LEGACY_NAMES: dict[int, "str | bool"] = {v: k for k, v in _LEGACY_CODES.items()}
_LEGACY_NAMES[sys.maxsize] = False


def _make_options_dict(precision=None, threshold=None, edgeitems=None,
                       linewidth=None, suppress=None, nanstr=None, infstr=None,
                       sign=None, formatter=None, floatmode=None, legacy=None):
    """Validate the non-None options and return them as a dict."""
    options = {k: v for k, v in locals().items() if v is not None}
    if suppress is not None:
        options["suppress"] = bool(suppress)
    if floatmode not in _FLOATMODES + (None,):
        raise ValueError("floatmode option must be one of "
                         + ", ".join(f'"{m}"' for m in _FLOATMODES))
    if sign not in (None, "-", "+", " "):
        raise ValueError("sign option must be one of ' ', '+', or '-'")
    if legacy is False:
        options["legacy"] = sys.maxsize
    elif legacy is not None and legacy == False:  # noqa: E712
        warnings.warn(f"Passing `legacy={legacy!r}` is deprecated.",
                      FutureWarning, stacklevel=3)
        options["legacy"] = sys.maxsize
    elif isinstance(legacy, str) and legacy in _LEGACY_CODES:
        options["legacy"] = _LEGACY_CODES[legacy]
    elif legacy is not None:
        options.pop("legacy")
        warnings.warn("legacy printing option can currently only be '1.13', "
                      "'1.21', '1.25', '2.1', '2.2' or `False`", stacklevel=3)
    if threshold is not None:
        if not isinstance(threshold, numbers.Number):
            raise TypeError("threshold must be numeric")
        if threshold != threshold:
            raise ValueError("threshold must be non-NAN, try sys.maxsize "
                             "for untruncated representation")
    if precision is not None:
        try:
            options["precision"] = operator.index(precision)
        except TypeError as e:
            raise TypeError("precision must be an integer") from e
    return options


def _set_printoptions(precision=None, threshold=None, edgeitems=None,
                      linewidth=None, suppress=None, nanstr=None, infstr=None,
                      formatter=None, sign=None, floatmode=None, *,
                      legacy=None, override_repr=None):
    new = _make_options_dict(precision, threshold, edgeitems, linewidth,
                             suppress, nanstr, infstr, sign, formatter,
                             floatmode, legacy)
    # formatter and override_repr are always reset
    new["formatter"] = formatter
    new["override_repr"] = override_repr
    updated = _format_options.get() | new
    if updated["legacy"] == 113:
        updated["sign"] = "-"
    return _format_options.set(updated)


def set_printoptions(precision: SupportsIndex | None = None, threshold: SupportsIndex | None = None,
                     edgeitems: SupportsIndex | None = None, linewidth: SupportsIndex | None = None,
                     suppress: bool | None = None, nanstr: str | None = None, infstr: str | None = None,
                     formatter: dict[str, Callable[..., str]] | None = None, sign: str | None = None,
                     floatmode: str | None = None, *, legacy: str | bool | None = None,
                     override_repr: Callable[..., str] | None = None) -> None:
    """Set printing options (same semantics as ``numpy.set_printoptions``)."""
    _set_printoptions(precision, threshold, edgeitems, linewidth, suppress,
                      nanstr, infstr, formatter, sign, floatmode,
                      legacy=legacy, override_repr=override_repr)


def get_printoptions() -> dict[str, Any]:
    """Return a copy of the current print options."""
    opts: dict[str, Any] = _format_options.get().copy()
    opts["legacy"] = _LEGACY_NAMES[opts["legacy"]]
    return opts


@contextlib.contextmanager
def printoptions(*args: Any, **kwargs: Any) -> Iterator[dict[str, Any]]:
    """Context manager setting print options for the ``with`` block."""
    token = _set_printoptions(*args, **kwargs)
    try:
        yield get_printoptions()
    finally:
        _format_options.reset(token)


# ----------------------------------------------------------------------------
# 4. Dragon4 (exact port of NumPy's digit generation)
# ----------------------------------------------------------------------------

# itemsize -> (struct code, mantissa bits, exponent bits)
_FLOAT_LAYOUT = {2: ("e", 10, 5), 4: ("f", 23, 8), 8: ("d", 52, 11)}
_LOG10_2 = 0.30102999566398119521373889472449


def _round_to(x, size):
    """Round a Python float to the float type of ``size`` bytes."""
    if size == 8 or x != x:
        return x
    code = _FLOAT_LAYOUT[size][0]
    try:
        return struct.unpack("<" + code, struct.pack("<" + code, x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)


def format_float(x, size, scientific=False, precision=-1, min_digits=-1,
                 unique=True, trim="k", sign=False, pad_left=-1, pad_right=-1,
                 exp_digits=-1):
    """Format ``x`` (a float of ``size`` bytes) like NumPy's
    ``dragon4_positional``/``dragon4_scientific`` (fractional cutoff): an
    exact big-integer Dragon4 in Rust (``printing.rs``)."""
    return _core._format_float(x, size, scientific, precision, min_digits,
                               unique, trim, sign, pad_left, pad_right,
                               exp_digits)


# ----------------------------------------------------------------------------
# 3. element formatters
# ----------------------------------------------------------------------------

def _signbit(x):
    return math.copysign(1.0, x) < 0


class _FloatFormat:
    """NumPy's ``FloatingFormat`` for one float width (``size`` bytes)."""

    def __init__(self, values, size, precision, floatmode, suppress_small,
                 sign="-", *, legacy=sys.maxsize, options=None, is_0d=False):
        if legacy <= 113 and not is_0d and sign == "-":
            sign = " "  # legacy 1.13 does not support '-' for n-d arrays
        self.size = size
        self.floatmode = floatmode
        self.precision = None if floatmode == "unique" else precision
        if self.precision is None:
            self.precision = -1
        elif self.precision < 0:
            raise ValueError("precision must be >= 0")
        self.suppress_small = suppress_small
        self.sign = sign
        self.legacy = legacy
        self.options = options if options is not None else \
            _format_options.get()
        self.exp_format = False
        self._fill_format(values)

    def _fill_format(self, values):
        size = self.size
        finite = [v for v in values if math.isfinite(v)]
        abs_non_zero = [abs(v) for v in finite if v != 0]
        if abs_non_zero:
            max_val, min_val = max(abs_non_zero), min(abs_non_zero)
            # the comparisons happen in the dtype's precision (NEP 50)
            digits10 = {2: 3, 4: 6, 8: 15}[size]
            cutoff = 1.e8 if self.legacy <= 202 else 10. ** min(8, digits10)
            ratio = _round_to(max_val / min_val, size)
            if max_val >= _round_to(cutoff, size) or (
                    not self.suppress_small and (
                        min_val < _round_to(0.0001, size) or ratio > 1000.)):
                self.exp_format = True
        sign_plus = self.sign == "+"
        if not finite:
            self.pad_left = self.pad_right = 0
            self.trim, self.exp_size, self.unique = ".", -1, True
            self.min_digits = None
        elif self.exp_format:
            trim, unique = ".", True
            if self.floatmode == "fixed" or self.legacy <= 113:
                trim, unique = "k", False
            strs = _core._format_floats(finite, size, True, self.precision,
                                        -1, unique, trim, sign_plus)
            mant = [s.partition("e") for s in strs]
            parts = [m[0].split(".") for m in mant]
            self.exp_size = max(len(m[2]) for m in mant) - 1
            self.trim = "k"
            self.precision = max(len(p[1]) for p in parts)
            self.min_digits = self.precision
            self.unique = unique
            self.pad_left = 3 if self.legacy <= 113 else \
                max(len(p[0]) for p in parts)
            self.pad_right = self.exp_size + 2 + self.precision
        else:
            trim, unique = ".", True
            if self.floatmode == "fixed":
                trim, unique = "k", False
            parts = [t.split(".") for t in _core._format_floats(
                finite, size, False, self.precision, -1, unique, trim,
                sign_plus)]
            if self.legacy <= 113:
                self.pad_left = 1 + max(len(p[0].lstrip("-+")) for p in parts)
            else:
                self.pad_left = max(len(p[0]) for p in parts)
            self.pad_right = max(len(p[1]) for p in parts)
            self.exp_size = -1
            self.unique = unique
            if self.floatmode in ("fixed", "maxprec_equal"):
                self.precision = self.min_digits = self.pad_right
                self.trim = "k"
            else:
                self.trim = "."
                self.min_digits = 0
        if self.legacy > 113 and self.sign == " " and \
                not any(_signbit(v) for v in finite):
            self.pad_left += 1  # room for the ' ' sign of positive values
        if len(finite) != len(values):
            neginf = self.sign != "-" or any(
                math.isinf(v) and v < 0 for v in values)
            offset = self.pad_right + 1
            self.pad_left = max(self.pad_left,
                                len(self.options["nanstr"]) - offset,
                                len(self.options["infstr"]) + neginf - offset)

    def __call__(self, x):
        if not math.isfinite(x):
            if x != x:
                ret = ("+" if self.sign == "+" else "") + \
                    self.options["nanstr"]
            else:
                ret = ("-" if x < 0 else "+" if self.sign == "+" else "") + \
                    self.options["infstr"]
            return " " * (self.pad_left + self.pad_right + 1 - len(ret)) + ret
        return self._format_finite([x])[0]

    def _format_finite(self, xs):
        min_digits = -1 if self.min_digits is None else self.min_digits
        if self.exp_format:
            return _core._format_floats(xs, self.size, True, self.precision,
                                        min_digits, self.unique, self.trim,
                                        self.sign == "+", self.pad_left, -1,
                                        self.exp_size)
        return _core._format_floats(xs, self.size, False, self.precision,
                                    min_digits, self.unique, self.trim,
                                    self.sign == "+", self.pad_left,
                                    self.pad_right)

    def format_many(self, values):
        """``[self(x) for x in values]`` with one Dragon4 call for the finite
        values."""
        finite = [x for x in values if math.isfinite(x)]
        if len(finite) == len(values):
            return self._format_finite(finite)
        strs = iter(self._format_finite(finite))
        return [next(strs) if math.isfinite(x) else self(x) for x in values]


class _ComplexFormat:
    """NumPy's ``ComplexFloatingFormat``: real and (signed) imaginary parts."""

    def __init__(self, values, size, precision, floatmode, suppress_small,
                 sign="-", *, legacy=sys.maxsize, options=None, is_0d=False):
        mode_re = mode_im = floatmode
        if legacy <= 113:
            mode_re, mode_im = "maxprec_equal", "maxprec"
        self.real_format = _FloatFormat(
            [v.real for v in values], size, precision, mode_re,
            suppress_small, sign, legacy=legacy, options=options, is_0d=is_0d)
        self.imag_format = _FloatFormat(
            [v.imag for v in values], size, precision, mode_im,
            suppress_small, "+", legacy=legacy, options=options, is_0d=is_0d)

    def __call__(self, x):
        r = self.real_format(x.real)
        i = self.imag_format(x.imag)
        sp = len(i.rstrip())
        return r + i[:sp] + "j" + i[sp:]


class _IntFormat:
    def __init__(self, values, sign="-"):
        if values:
            data_max, data_min = max(values), min(values)
            max_len = len(str(data_max))
            if sign == " " and data_min < 0:
                sign = "-"
            if data_max >= 0 and sign in "+ ":
                max_len += 1
            max_len = max(max_len, len(str(data_min)))
        else:
            max_len = 0
        self.format = f"{{:{sign}{max_len}d}}"

    def __call__(self, x):
        return self.format.format(x)


class _BoolFormat:
    def __init__(self, is_0d):
        self.truestr = "True" if is_0d else " True"

    def __call__(self, x):
        return self.truestr if x else "False"


_FORMATTER_KEYS = {"b": "bool", "i": "int", "u": "int", "f": "float",
                   "c": "complexfloat"}
_KIND_GROUPS = {"int": "int_kind", "float": "float_kind",
                "complexfloat": "complex_kind"}


def _is_void(dtype):
    """NumPy's unstructured void (`|V2`, named `void16`), not another kind-`V` dtype."""
    return dtype.kind == "V" and dtype.name.startswith("void")


def _object_format(o):
    # NumPy's: lists inside object arrays print as ``list([...])``.
    return f"list({o!r})" if type(o) is list else repr(o)


def _get_format_function(values, dtype, is_0d, options):
    """Pick the element formatter for ``dtype`` built from ``values``."""
    if dtype.kind == "O":
        # NumPy's "object" formatter: `repr` of each element.
        formatter = options["formatter"]
        for k in ("object", "all"):
            if formatter is not None and formatter.get(k) is not None:
                return formatter[k]
        return _object_format
    if dtype.kind == "T":
        # StringDType: NumPy's "numpystr" formatter, `repr` of each `str` (or na_object).
        formatter = options["formatter"]
        for k in ("numpystr", "all"):
            if formatter is not None and formatter.get(k) is not None:
                return formatter[k]
        return repr
    if dtype.kind in "SU":
        # Fixed-width strings: NumPy's "numpystr" formatter, `repr` of the plain text.
        formatter = options["formatter"]
        for k in ("numpystr", "all"):
            if formatter is not None and formatter.get(k) is not None:
                return formatter[k]
        plain = str if dtype.kind == "U" else bytes
        return lambda x: repr(plain(x))
    if _is_void(dtype):
        # NumPy's unstructured void (items are bytes): every byte as an upper-case escape.
        formatter = options["formatter"]
        for k in ("void", "all"):
            if formatter is not None and formatter.get(k) is not None:
                return formatter[k]
        return lambda x: "b'" + "".join(f"\\x{b:02X}" for b in x) + "'"
    if getattr(dtype, "isbuiltin", 1) == 2:
        # A registered dtype: NumPy's "numpystr" formatter, `repr` of each scalar.
        formatter = options["formatter"]
        for k in ("numpystr", "all"):
            if formatter is not None and formatter.get(k) is not None:
                return formatter[k]
        scalar = dtype.type
        return lambda x: repr(scalar(x))
    kind = dtype.kind
    key = _FORMATTER_KEYS.get(kind)
    if key is None:
        raise TypeError(f"cannot print arrays of dtype {dtype.name!r}")
    formatter = options["formatter"]
    if formatter is not None:
        fkeys = {k for k, v in formatter.items() if v is not None}
        for k in (key, _KIND_GROUPS.get(key), "all"):
            if k in fkeys:
                return formatter[k]
    if kind == "b":
        return _BoolFormat(is_0d)
    if kind in "iu":
        return _IntFormat(values, options["sign"])
    cls, size = (_FloatFormat, dtype.itemsize) if kind == "f" else \
        (_ComplexFormat, dtype.itemsize // 2)
    return cls(values, size, options["precision"], options["floatmode"],
               options["suppress"], options["sign"], legacy=options["legacy"],
               options=options, is_0d=is_0d)


# ----------------------------------------------------------------------------
# 2. and 5. data extraction and layout
# ----------------------------------------------------------------------------

def _leading_trailing(a, edgeitems):
    """Nested list of the displayed corners of ``a``: axes longer than
    ``2 * edgeitems`` keep only their first and last ``edgeitems`` entries.
    (With ``edgeitems == 0`` NumPy's ``a[:0] + a[-0:]`` keeps everything.)

    One integer-list index per long axis (no recursion over the axes, so an
    array of any rank works), then one ``tolist()``."""
    shape = tuple(a.shape)
    if edgeitems <= 0 or all(n <= 2 * edgeitems for n in shape):
        return a.tolist()
    for axis, n in enumerate(shape):
        if n > 2 * edgeitems:
            keep = [*range(edgeitems), *range(n - edgeitems, n)]
            a = a[(slice(None),) * axis + (keep,)]
    return a.tolist()


def _flatten(data, ndim):
    """The leaves of a nested list ``ndim`` deep, in order (an explicit
    stack, no recursion)."""
    if ndim == 0:
        return [data]
    out = []
    stack = [(iter(data), 1)]
    while stack:
        it, depth = stack[-1]
        sub = next(it, _END)
        if sub is _END:
            stack.pop()
        elif depth == ndim:
            out.append(sub)
        else:
            stack.append((iter(sub), depth + 1))
    return out


_END = object()


def _run_nested(gen):
    """Drive a generator-based recursion with an explicit stack: a frame
    ``yield``s the arguments of the call it wants and receives the result.
    Python's own call depth stays constant, whatever the array's rank."""
    stack = [gen]
    value = None
    while True:
        try:
            request = stack[-1].send(value)
        except StopIteration as stop:
            stack.pop()
            if not stack:
                return stop.value
            value = stop.value
            continue
        stack.append(request)
        value = None


def _extend_line(s, line, word, line_width, next_line_prefix, legacy):
    needs_wrap = len(line) + len(word) > line_width
    if legacy > 113 and len(line) <= len(next_line_prefix):
        needs_wrap = False  # don't wrap lines if it won't help
    if needs_wrap:
        s += line.rstrip() + "\n"
        line = next_line_prefix
    return s, line + word


def _extend_line_pretty(s, line, word, line_width, next_line_prefix, legacy):
    """Extend ``line`` with a possibly multi-line ``word``."""
    words = word.splitlines()
    if len(words) == 1 or legacy <= 113:
        return _extend_line(s, line, word, line_width, next_line_prefix,
                            legacy)
    max_word_length = max(len(w) for w in words)
    if (len(line) + max_word_length > line_width
            and len(line) > len(next_line_prefix)):
        s += line.rstrip() + "\n"
        line = next_line_prefix + words[0]
        indent = next_line_prefix
    else:
        indent = len(line) * " "
        line += words[0]
    for w in words[1:]:
        s += line.rstrip() + "\n"
        line = indent + w
    line += (max_word_length - len(words[-1])) * " "
    return s, line


def _format_array(data, shape, format_function, line_width, next_line_prefix,
                  separator, edge_items, summary_insert, legacy):
    """Port of NumPy's ``_formatArray`` working on nested lists."""
    ndim = len(shape)

    def recurser(node, axis, hanging_indent, curr_width):
        # A generator run by _run_nested: ``(yield sub(i))`` is the recursive
        # call of NumPy's _formatArray.
        axes_left = ndim - axis
        if axes_left == 0:
            return format_function(node)
        # A run of length-1 axes that are not the last one prints as
        # "[" * k + inner + "]" * k (each level adds one space of indent and
        # takes one column of width): done in one step, so that the cost stays
        # linear in the rank (an array of 100000 dimensions prints quickly).
        k = 0
        while (axis + k < ndim - 1 and shape[axis + k] == 1
               and not (summary_insert and edge_items < 1)):
            node = node[0]
            k += 1
        if k:
            inner = yield recurser(
                node, axis + k, hanging_indent + " " * k,
                curr_width if legacy <= 113 else curr_width - k)
            return "[" * k + inner + "]" * k
        next_hanging_indent = hanging_indent + " "
        next_width = curr_width if legacy <= 113 else curr_width - 1
        a_len = shape[axis]
        show_summary = summary_insert and 2 * edge_items < a_len
        leading, trailing = (edge_items, edge_items) if show_summary else \
            (0, a_len)

        def sub(i):
            return recurser(node[i], axis + 1, next_hanging_indent,
                            next_width)

        if axes_left == 1:
            # the leaves: formatted directly (no generator frame per element)
            elem_width = curr_width - (len(separator.rstrip())
                                       if legacy <= 113 else
                                       max(len(separator.rstrip()), 1))
            s, line = "", hanging_indent
            for i in range(leading):
                word = format_function(node[i])
                s, line = _extend_line_pretty(s, line, word, elem_width,
                                              hanging_indent, legacy)
                line += separator
            if show_summary:
                s, line = _extend_line(s, line, summary_insert, elem_width,
                                       hanging_indent, legacy)
                line += ", " if legacy <= 113 else separator
            for i in range(trailing, 1, -1):
                word = format_function(node[-i])
                s, line = _extend_line_pretty(s, line, word, elem_width,
                                              hanging_indent, legacy)
                line += separator
            if legacy <= 113:
                elem_width = curr_width
            word = format_function(node[-1])
            s, line = _extend_line_pretty(s, line, word, elem_width,
                                          hanging_indent, legacy)
            s += line
        else:
            parts = []
            line_sep = separator.rstrip() + "\n" * (axes_left - 1)
            for i in range(leading):
                parts += [hanging_indent, (yield sub(i)), line_sep]
            if show_summary:
                if legacy <= 113:
                    parts += [hanging_indent, summary_insert, ", \n"]
                else:
                    parts += [hanging_indent, summary_insert, line_sep]
            for i in range(trailing, 1, -1):
                parts += [hanging_indent, (yield sub(-i)), line_sep]
            parts += [hanging_indent, (yield sub(-1))]
            s = "".join(parts)
        return "[" + s[len(hanging_indent):] + "]"

    return _run_nested(recurser(data, 0, next_line_prefix, line_width))


# ----------------------------------------------------------------------------
# 6. and 7. array repr / str
# ----------------------------------------------------------------------------

def array2string(a, max_line_width=None, precision=None, suppress_small=None,
                 separator=" ", prefix="", *, formatter=None, threshold=None,
                 edgeitems=None, sign=None, floatmode=None, suffix="",
                 legacy=None):
    """Return a string representation of the array body (NumPy semantics)."""
    overrides = _make_options_dict(precision, threshold, edgeitems,
                                   max_line_width, suppress_small, None, None,
                                   sign, formatter, floatmode, legacy)
    options = _format_options.get().copy()
    options.update(overrides)
    shape = tuple(a.shape)
    if options["legacy"] <= 113 and shape == ():
        return repr(a.tolist())
    if options["legacy"] > 113:
        options["linewidth"] -= len(suffix)
    if a.size == 0:
        return "[]"
    if a.size > options["threshold"]:
        summary_insert = "..."
        data = _leading_trailing(a, options["edgeitems"])
    else:
        summary_insert = ""
        data = a.tolist()
    values = _flatten(data, len(shape))
    format_function = _get_format_function(values, a.dtype, shape == (),
                                           options)
    many = getattr(format_function, "format_many", None)
    if many is not None and (not summary_insert or options["edgeitems"] >= 1):
        # _format_array visits the leaves once each, in order (with
        # edgeitems >= 1 the summarised data holds only the shown corners):
        # format them all in one call and hand them out in that order.
        take = iter(many(values)).__next__
        format_function = lambda _leaf: take()  # noqa: E731
    next_line_prefix = " " + " " * len(prefix)
    return _format_array(data, shape, format_function, options["linewidth"],
                         next_line_prefix, separator, options["edgeitems"],
                         summary_insert, options["legacy"])


_IMPLIED_DTYPES = ("bool", "int64", "float64", "complex128")


def _dtype_is_implied(dtype):
    if _format_options.get()["legacy"] <= 113 and dtype.kind == "b":
        return False
    return bool(dtype.isnative) and dtype.name in _IMPLIED_DTYPES


def _dtype_short_repr(dtype):
    if dtype.kind == "T":
        return repr(dtype)
    if dtype.kind in "SU" or (_is_void(dtype)):
        return f"'{dtype.str}'"
    if getattr(dtype, "isbuiltin", 1) == 2:
        # A registered dtype: NumPy shows a user DType's own repr.
        return repr(dtype)
    if not dtype.isnative:
        return f"'{dtype.str}'"
    name = dtype.name
    if name and not (name[0].isalpha() and name.isalnum()):
        name = repr(name)
    return name


def array_repr(a, class_name="array", max_line_width=None, precision=None,
               suppress_small=None):
    """NumPy-compatible ``repr`` of an array: ``array([...], dtype=...)``."""
    options = _format_options.get()
    if options["override_repr"] is not None:
        return options["override_repr"](a)
    if max_line_width is None:
        max_line_width = options["linewidth"]
    prefix = class_name + "("
    shape = tuple(a.shape)
    lst = array2string(a, max_line_width, precision, suppress_small, ", ",
                       prefix, suffix=")")
    extras = []
    if (a.size == 0 and shape != (0,)) or (
            options["legacy"] > 210 and a.size > options["threshold"]):
        extras.append(f"shape={shape}")
    if not _dtype_is_implied(a.dtype) or a.size == 0:
        extras.append(f"dtype={_dtype_short_repr(a.dtype)}")
    if not extras:
        return prefix + lst + ")"
    arr_str = prefix + lst + ","
    extra_str = ", ".join(extras) + ")"
    last_line_len = len(arr_str) - (arr_str.rfind("\n") + 1)
    spacer = " "
    if options["legacy"] > 113 and \
            last_line_len + len(extra_str) + 1 > max_line_width:
        spacer = "\n" + " " * len(prefix)
    return arr_str + spacer + extra_str


def array_str(a, max_line_width=None, precision=None, suppress_small=None):
    """NumPy-compatible ``str`` of an array: ``[1. 2.]``."""
    if tuple(a.shape) == ():
        if _format_options.get()["legacy"] <= 113:
            return str(a.tolist())
        return scalar_str(a.tolist(), a.dtype)
    return array2string(a, max_line_width, precision, suppress_small, " ", "")


# ----------------------------------------------------------------------------
# 8. scalars
# ----------------------------------------------------------------------------

# (repr, str) %g precisions of NumPy 1.13 scalar printing, by float size
_LEGACY_PREC = {2: (8, 6), 4: (8, 6), 8: (17, 12)}


def _legacy_scalar(x, size, is_repr):
    """NumPy 1.13 scalar formatting (``legacy='1.13'``)."""
    prec = _LEGACY_PREC[size][0 if is_repr else 1]
    if isinstance(x, complex):
        re, im = x.real, x.imag
        if re == 0.0 and not _signbit(re):
            return "%.*g" % (prec, im) + ("" if math.isfinite(im) else "*") \
                + "j"
        rstr = "%.*g" % (prec, re)
        istr = "%+.*g" % (prec, im) + ("" if math.isfinite(im) else "*")
        return f"({rstr}{istr}j)"
    s = "%.*g" % (prec, x)
    if s.lstrip("-").isdigit():
        s += ".0"
    return s


def _float_scalar_str(x, size, trim_pos, trim_sci, sign=False):
    """NumPy's ``<float>type_str_either``: positional or scientific."""
    if _format_options.get()["legacy"] <= 202:
        max_positional = 1.e16
    else:
        max_positional = {2: 1.e3, 4: 1.e6, 8: 1.e16}[size]
    if x != x or x == 0:
        use_positional = True
    else:
        use_positional = 1.e-4 <= abs(x) < max_positional
    if use_positional:
        return format_float(x, size, False, trim=trim_pos, sign=sign)
    return format_float(x, size, True, trim=trim_sci, sign=sign)


def _complex_scalar_parts(z, size):
    """Return (real_str or None, imag_str) following NumPy's complex str."""
    re, im = z.real, z.imag
    if re == 0.0 and not _signbit(re):
        return None, _float_scalar_str(im, size, "-", "-")
    if math.isfinite(re):
        rstr = _float_scalar_str(re, size, "-", "-")
    else:
        rstr = "nan" if re != re else ("inf" if re > 0 else "-inf")
    if math.isfinite(im):
        istr = _float_scalar_str(im, size, "-", "-", sign=True)
    else:
        istr = "+nan" if im != im else ("+inf" if im > 0 else "-inf")
    return rstr, istr


def _as_float(value, dtype):
    """Python float/complex of ``value`` rounded to the dtype's precision."""
    if dtype.kind == "c":
        size = dtype.itemsize // 2
        z = complex(value)
        return complex(_round_to(z.real, size), _round_to(z.imag, size))
    return _round_to(float(value), dtype.itemsize)


def scalar_str(value, dtype):
    """NumPy's ``str(scalar)`` for a Python value of the given dtype."""
    return _scalar_str(value, dtype, False)


def _scalar_str(value, dtype, is_repr):
    kind = dtype.kind
    if kind == "O":
        # NumPy's str of a 0-d object array is the str of its object.
        return repr(value) if is_repr else str(value)
    if kind == "b":
        return "True" if value else "False"
    if kind in "iu":
        return str(int(value))
    if kind in "fc" and _format_options.get()["legacy"] <= 113:
        return _legacy_scalar(_as_float(value, dtype), dtype.itemsize
                              // (2 if kind == "c" else 1), is_repr)
    if kind == "f":
        return _float_scalar_str(_as_float(value, dtype), dtype.itemsize,
                                 "0", "-")
    if kind == "c":
        rstr, istr = _complex_scalar_parts(_as_float(value, dtype),
                                           dtype.itemsize // 2)
        return istr + "j" if rstr is None else f"({rstr}{istr}j)"
    if kind == "V" and isinstance(value, bytes):
        # NumPy's unstructured void: every byte as an upper-case escape.
        return "b'" + "".join(f"\\x{b:02X}" for b in value) + "'"
    raise TypeError(f"cannot print scalars of dtype {dtype.name!r}")


def scalar_repr(value, dtype, module="oxarray"):
    """NumPy 2's ``repr(scalar)`` with ``module`` in place of ``np``."""
    kind = dtype.kind
    legacy = _format_options.get()["legacy"]
    if kind == "b":
        if legacy <= 125:
            return "True" if value else "False"
        return f"{module}.True_" if value else f"{module}.False_"
    if kind in "fc" and legacy <= 113:
        return _scalar_str(value, dtype, True)
    if kind == "c":
        rstr, istr = _complex_scalar_parts(_as_float(value, dtype),
                                           dtype.itemsize // 2)
        if legacy <= 125:
            return istr + "j" if rstr is None else f"({rstr}{istr}j)"
        body = istr if rstr is None else rstr + istr
        return f"{module}.{dtype.name}({body}j)"
    s = scalar_str(value, dtype)
    if legacy <= 125:
        return s
    return f"{module}.{dtype.name}({s})"
