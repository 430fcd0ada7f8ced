# mypy: disable-error-code="overload-overlap"
"""oxarray namespace: text and binary I/O (``loadtxt``, ``genfromtxt``, ``savetxt``,
``fromstring``, ``fromfile``; ``ndarray.tofile`` writes through ``_write_flat``).

Parsing is done in Rust (``_core._parse_text`` over ``oxarray_core::ops::text``, floats
with the ``fast-float2`` crate, GIL released); this module opens files, normalises the
options and shapes the result as NumPy does (squeezing to ``ndmin``, ``unpack``).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable
from typing import Any

from . import _core
from ._core import asarray

from typing import TYPE_CHECKING, overload  # noqa: E402,F811 - the typed overloads below

if TYPE_CHECKING:
    from collections.abc import Sequence  # noqa: F401
    from typing import Literal, TypeVar  # noqa: F401

    from ._core import ArrayLike, DTypeLike, _AxisLike, _NestedSequence, _NumberLike, _ShapeLike, generic  # noqa: F401
    from ._core import bool as bool_  # noqa: F401
    from ._core import ndarray as ndarray  # noqa: F401
    from ._core import _FileLike  # noqa: F401

    _ArrayT = TypeVar("_ArrayT", bound=ndarray)

__all__ = ["fromfile", "fromstring", "genfromtxt", "loadtxt", "savetxt"]


def _read_all(fname: Any) -> bytes:
    """The whole input as bytes: a path, a file object, or an iterable of lines."""
    if isinstance(fname, (str, bytes, os.PathLike)):
        with open(fname, "rb") as f:
            return f.read()
    if hasattr(fname, "read"):
        data = fname.read()
        return data.encode("latin1") if isinstance(data, str) else bytes(data)
    if isinstance(fname, Iterable):
        lines = [ln.encode("latin1") if isinstance(ln, str) else bytes(ln) for ln in fname]
        return b"\n".join(ln.rstrip(b"\n") for ln in lines)
    raise TypeError(
        f"fname must be a string, filehandle, list of strings, or generator. Got {type(fname)} instead."
    )


def _target(dtype: Any) -> tuple[Any, str]:
    dt = _core.dtype(dtype if dtype is not None else _core.float64)
    kind = dt.kind
    if kind == "f":
        return dt, "f"
    if kind == "i" or kind == "b":
        return dt, "i"
    if kind == "u":
        return dt, "u"
    if kind == "c":
        return dt, "c"
    raise TypeError(f"text I/O does not support dtype {dt}")


def _comments(comments: Any) -> list[bytes]:
    if comments is None:
        return []
    if isinstance(comments, (str, bytes)):
        comments = [comments]
    return [c.encode("latin1") if isinstance(c, str) else bytes(c) for c in comments]


def _delim(delimiter: Any) -> bytes | None:
    if delimiter is None:
        return None
    if isinstance(delimiter, bytes):
        delimiter = delimiter.decode("latin1")
    if not isinstance(delimiter, str):
        raise TypeError("Text reading control character must be a single unicode character or None")
    if delimiter.strip() == "" and delimiter != "":
        return None
    return delimiter.encode("latin1")


def _usecols(usecols: Any) -> list[int] | None:
    if usecols is None:
        return None
    if isinstance(usecols, int):
        return [usecols]
    return [int(c) for c in usecols]


def _ndmin(arr: Any, ndmin: int) -> Any:
    if ndmin not in (0, 1, 2):
        raise ValueError(f"Illegal value of ndmin keyword: {ndmin}")
    if arr.ndim > ndmin:
        arr = arr.squeeze()
    if arr.ndim < ndmin:
        if ndmin == 1:
            arr = arr.reshape(-1) if arr.ndim == 0 else arr
        elif ndmin == 2:
            arr = arr.reshape(1, -1).T if arr.ndim <= 1 else arr
    return arr


@overload
def loadtxt(fname: str, dtype: DTypeLike = ..., comments: str | Sequence[str] | None = ..., delimiter: str | None = ..., converters: Any = ..., skiprows: int = ..., usecols: int | Sequence[int] | None = ..., unpack: bool = ..., ndmin: int = ..., encoding: str | None = ..., max_rows: int | None = ..., *, quotechar: Any = ..., like: ArrayLike | None = ...) -> ndarray: ...
@overload
def loadtxt(fname: _FileLike, dtype: DTypeLike = ..., comments: str | Sequence[str] | None = ..., delimiter: str | None = ..., converters: Any = ..., skiprows: int = ..., usecols: int | Sequence[int] | None = ..., unpack: bool = ..., ndmin: int = ..., encoding: str | None = ..., max_rows: int | None = ..., *, quotechar: Any = ..., like: ArrayLike | None = ...) -> ndarray: ...
def loadtxt(fname: Any, dtype: Any = float, comments: Any = "#", delimiter: Any = None,
            converters: Any = None, skiprows: int = 0, usecols: Any = None,
            unpack: bool = False, ndmin: int = 0, encoding: Any = None,
            max_rows: int | None = None, *, quotechar: Any = None, like: Any = None) -> Any:
    """Load a table of numbers from a text file (parsed in Rust)."""
    if converters is not None:
        raise TypeError("oxarray.loadtxt does not support converters")
    if quotechar is not None:
        raise TypeError("oxarray.loadtxt does not support quotechar")
    if max_rows is not None and max_rows < 0:
        max_rows = None
    dt, target = _target(dtype)
    data = _read_all(fname)
    arr = _core._parse_text(data, _delim(delimiter), _comments(comments), int(skiprows),
                            max_rows, _usecols(usecols), target)
    if arr.dtype != dt:
        arr = arr.astype(dt)
    if arr.shape[0] == 0:
        warnings.warn(f'loadtxt: input contained no data: "{fname}"', UserWarning, stacklevel=2)
        arr = arr.reshape(0)
    arr = _ndmin(arr, ndmin)
    if unpack:
        return arr.T
    return arr


def genfromtxt(fname: _FileLike, dtype: DTypeLike = float, comments: str | Sequence[str] | None = '#', delimiter: str | None = None, skip_header: int = 0, skip_footer: int = 0, converters: Any = None, missing_values: Any = None, filling_values: Any = None, usecols: int | Sequence[int] | None = None, names: Any = None, excludelist: Any = None, deletechars: Any = None, replace_space: str = '_', autostrip: bool = False, case_sensitive: bool = True, defaultfmt: str = 'f%i', unpack: Any = None, usemask: bool = False, loose: bool = True, invalid_raise: bool = True, max_rows: int | None = None, encoding: str | None = None, *, ndmin: int = 0, like: ArrayLike | None = None) -> ndarray:
    """Load a table with missing values (filled with ``filling_values``; NaN for floats,
    -1 for integers). Structured results (``names``) are not supported."""
    if names is not None or converters is not None or usemask:
        raise TypeError("oxarray.genfromtxt supports neither names, converters nor usemask")
    if dtype is None:
        dtype = float
    dt, target = _target(dtype)
    if isinstance(missing_values, (str, bytes)):
        missing_values = [m for m in (missing_values.split(",") if isinstance(missing_values, str) else missing_values.split(b","))]
    miss = [m.encode("latin1") if isinstance(m, str) else bytes(m) for m in (missing_values or [])]
    if filling_values is None:
        fill = float("nan") if target in "fc" else -1.0
    else:
        fill = float(filling_values)
    data = _read_all(fname)
    arr = _core._parse_text(data, _delim(delimiter), _comments(comments), int(skip_header),
                            max_rows, _usecols(usecols), target, miss, fill, int(skip_footer))
    if arr.dtype != dt:
        arr = arr.astype(dt)
    arr = _ndmin(arr, ndmin)
    if unpack:
        return arr.T
    return arr


def savetxt(fname: _FileLike, X: ArrayLike, fmt: str | Sequence[str] = '%.18e', delimiter: str = ' ', newline: str = '\n', header: str = '', footer: str = '', comments: str = '# ', encoding: str | None = None) -> None:
    """Save a 1-d or 2-d array to a text file (NumPy's formatting rules)."""
    X = asarray(X)
    if X.ndim == 0 or X.ndim > 2:
        raise ValueError(f"Expected 1D or 2D array, got {X.ndim}D array instead")
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    ncol = X.shape[1]
    iscomplex_X = X.dtype.kind == "c"
    if isinstance(fmt, (list, tuple)):
        if len(fmt) != ncol:
            raise AttributeError(f"fmt has wrong shape.  {fmt}")
        format = delimiter.join(fmt)
    elif isinstance(fmt, str):
        n_fmt_chars = fmt.count("%")
        error = ValueError(f"fmt has wrong number of % formats:  {fmt}")
        if n_fmt_chars == 1:
            fmts = [f" ({fmt}+{fmt}j)"] * ncol if iscomplex_X else [fmt] * ncol
            format = delimiter.join(fmts)
        elif iscomplex_X and n_fmt_chars != 2 * ncol:
            raise error
        elif (not iscomplex_X) and n_fmt_chars != ncol:
            raise error
        else:
            format = fmt
    else:
        raise ValueError(f"invalid fmt: {fmt!r}")
    out: list[str] = []
    if header:
        out.append(comments + header.replace("\n", "\n" + comments) + newline)
    rows = X.tolist()
    if iscomplex_X:
        for row in rows:
            flat: list[float] = []
            for z in row:
                flat.extend((z.real, z.imag))
            out.append((format % tuple(flat) + newline).replace("+-", "-"))
    else:
        for row in rows:
            try:
                out.append(format % tuple(row) + newline)
            except TypeError as e:
                raise TypeError(
                    f"Mismatch between array dtype ('{X.dtype}') and format specifier ('{format}')"
                ) from e
    if footer:
        out.append(comments + footer.replace("\n", "\n" + comments) + newline)
    text = "".join(out)
    enc = encoding or "latin1"
    if isinstance(fname, (str, bytes, os.PathLike)):
        with open(fname, "w", encoding=enc, newline="") as f:
            f.write(text)
        return
    try:
        fname.write(text)
    except TypeError:
        fname.write(text.encode(enc))


def _parse_sep(data: bytes, dtype: Any, count: int, sep: str) -> Any:
    dt, target = _target(dtype)
    d = _delim(sep)
    flat = data.replace(b"\r", b" ").replace(b"\n", b" " if d is None else d)
    if d is not None:
        flat = flat.strip().rstrip(d)
    arr = _core._parse_text(flat, d, [], 0, None, None, target).reshape(-1)
    if count is not None and count >= 0:
        if arr.size < count:
            raise ValueError("string is smaller than requested size")
        arr = arr[:count]
    return arr.astype(dt) if arr.dtype != dt else arr


def fromstring(string: str | bytes, dtype: DTypeLike = float, count: int = -1, *, sep: str, like: ArrayLike | None = None) -> ndarray:
    """A 1-d array from numbers in a string separated by ``sep``."""
    if sep == "":
        raise ValueError("The binary mode of fromstring is removed, use frombuffer instead")
    data = string.encode("latin1") if isinstance(string, str) else bytes(string)
    return _parse_sep(data, dtype, count, sep)


def fromfile(file: _FileLike, dtype: DTypeLike = float, count: int = -1, sep: str = '', offset: int = 0, *, like: ArrayLike | None = None) -> ndarray:
    """A 1-d array from a binary file (``sep=''``) or a text file of separated numbers."""
    dt = _core.dtype(dtype)
    if isinstance(file, (str, bytes, os.PathLike)):
        with open(file, "rb") as f:
            return fromfile(f, dt, count, sep, offset)
    if sep == "":
        if offset:
            file.seek(offset, 1)
        n = -1 if count is None or count < 0 else count * dt.itemsize
        raw = file.read(n) if n >= 0 else file.read()
        usable = len(raw) - len(raw) % dt.itemsize
        return _core.frombuffer(raw[:usable], dtype=dt).copy()
    if offset:
        raise TypeError("'offset' argument only permitted for binary files")
    raw = file.read()
    data = raw.encode("latin1") if isinstance(raw, str) else bytes(raw)
    return _parse_sep(data, dt, count, sep)


def _write_flat(a: Any, fid: Any, sep: str, format: str) -> None:
    """``ndarray.tofile``: raw bytes in C order, or text items joined by ``sep``."""
    if isinstance(fid, (str, bytes, os.PathLike)):
        with open(fid, "wb") as f:
            _write_flat(a, f, sep, format)
        return
    if sep == "":
        fid.write(a.tobytes())
        return
    items = a.ravel().tolist()
    text = sep.join(format % v for v in items)
    try:
        fid.write(text.encode("latin1"))
    except TypeError:
        fid.write(text)
