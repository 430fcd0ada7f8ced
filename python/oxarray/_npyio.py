# mypy: disable-error-code="overload-overlap"
"""``.npy`` / ``.npz`` files: ``save``, ``load``, ``savez``, ``savez_compressed``, ``open_memmap``.

The header is parsed and written in Rust (``oxarray-core/src/io/npy.rs``, exposed as
``_core._npy_*``): a hand-written parser of NumPy's dict literal, never ``eval``, so a
corrupt or hostile header can only raise ``ValueError``. Files are byte-identical to
NumPy's (format 1.0, or 2.0 when the header needs it); 1.0, 2.0 and 3.0 files load.

Data are never unpickled: object arrays and pickle files are refused with ``ValueError``,
whatever ``allow_pickle`` says (oxarray has no object dtype).

Reading into memory allocates the array once and ``readinto``'s it (no intermediate
``bytes``). ``mmap_mode`` maps the file with Python's ``mmap`` and views the mapping through
the buffer protocol (zero-copy; the mapping stays alive while any view does); ``arr.flush()``
writes changes back, like ``numpy.memmap.flush``. Deliberate difference: a file shorter
than its header says is refused with ``ValueError`` in every mode (NumPy's ``'r+'`` map
silently zero-extends it).
"""

from __future__ import annotations

import io
import mmap
import os
import zipfile
from collections.abc import Mapping
from typing import IO, Any, Iterator

from . import _core

from typing import TYPE_CHECKING, overload  # noqa: E402,F811 - the typed overloads below

if TYPE_CHECKING:
    from collections.abc import Sequence  # noqa: F401
    from typing import Literal, TypeVar  # noqa: F401

    from ._core import ArrayLike, DTypeLike, _AxisLike, _NestedSequence, _NumberLike, _ShapeLike, generic  # noqa: F401
    from ._core import bool as bool_  # noqa: F401
    from ._core import ndarray as ndarray  # noqa: F401
    from ._core import _FileLike  # noqa: F401

    _ArrayT = TypeVar("_ArrayT", bound=ndarray)

__all__ = ["load", "open_memmap", "save", "savez", "savez_compressed", "NpzFile"]

_MAGIC_PREFIX = b"\x93NUMPY"
_MODES = {
    "r": "r",
    "readonly": "r",
    "c": "c",
    "copyonwrite": "c",
    "r+": "r+",
    "readwrite": "r+",
    "w+": "w+",
    "write": "w+",
}


def _read_exact(fp: IO[bytes], n: int, what: str) -> bytes:
    data = b""
    while len(data) < n:
        chunk = fp.read(n - len(data))
        if not chunk:
            break
        data += chunk
    if len(data) != n:
        raise ValueError(f"EOF: reading {what}, expected {n} bytes got {len(data)}")
    return data


def _read_header(fp: IO[bytes], max_header_size: int) -> tuple[Any, bool, tuple[int, ...], int]:
    """(dtype, fortran_order, shape, data offset from the start of the header)."""
    major, _minor = _core._npy_magic(_read_exact(fp, 8, "magic string"))
    lsize = 2 if major == 1 else 4
    hlen = int.from_bytes(_read_exact(fp, lsize, "array header length"), "little")
    if hlen > max_header_size:
        raise ValueError(
            f"Header info length ({hlen}) is large and may not be safe to load securely.\n"
            "To allow loading, adjust `max_header_size` or fully trust the `.npy` file "
            "using `allow_pickle=True`."
        )
    header = _read_exact(fp, hlen, "array header")
    dtype, fortran, shape = _core._npy_parse_header(header, major)
    return dtype, fortran, tuple(shape), 8 + lsize + hlen


def _nbytes(dtype: Any, shape: tuple[int, ...]) -> int:
    n = dtype.itemsize
    for d in shape:
        n *= d
    return n


def _readinto_exact(fp: IO[bytes], mv: memoryview) -> None:
    n = len(mv)
    pos = 0
    readinto = getattr(fp, "readinto", None)
    while pos < n:
        if readinto is not None:
            k = readinto(mv[pos:])
        else:
            chunk = fp.read(n - pos)
            k = len(chunk)
            mv[pos : pos + k] = chunk
        if not k:
            raise ValueError(f"EOF: reading array data, expected {n} bytes got {pos}")
        pos += k


def _remaining(fp: IO[bytes]) -> int | None:
    """Bytes left in a real file or a BytesIO (None for streams where asking is costly)."""
    try:
        if isinstance(fp, io.BytesIO):
            return len(fp.getbuffer()) - fp.tell()
        return os.fstat(fp.fileno()).st_size - fp.tell()
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None


def _read_array(fp: IO[bytes], max_header_size: int) -> Any:
    dtype, fortran, shape, _ = _read_header(fp, max_header_size)
    nbytes = _nbytes(dtype, shape)
    left = _remaining(fp)
    if left is not None and left < nbytes:
        # Checked before allocating, so a corrupt shape cannot ask for terabytes.
        raise ValueError(f"EOF: reading array data, expected {nbytes} bytes got {left}")
    arr, raw = _core._npy_empty(dtype, shape, fortran)
    if nbytes:
        _readinto_exact(fp, memoryview(raw))
    return arr


def _write_array(fp: IO[bytes], arr: Any, version: tuple[int, int] | None = None) -> None:
    arr = _core.asarray(arr)
    fortran = bool(arr.flags.f_contiguous and not arr.flags.c_contiguous)
    fp.write(_core._npy_header(arr.dtype, fortran, arr.shape, version))
    if arr.size == 0:
        return
    if fortran:
        data = arr.T  # C-contiguous view of the Fortran-ordered data
    elif arr.flags.c_contiguous:
        data = arr
    else:
        data = _core.ascontiguousarray(arr)
    if arr.nbytes >= 1 << 20:
        try:
            fd = fp.fileno()
            fp.flush()
            _core._npy_fallocate(fd, fp.tell(), arr.nbytes)
        except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
            pass  # not a real file: nothing to reserve
    try:
        view = memoryview(data)
    except (BufferError, ValueError):
        # A registered dtype without a buffer format (bfloat16...): its bytes, as NumPy
        # writes them.
        view = memoryview(data.reshape(-1).view(_core.uint8))
    fp.write(view)


@overload
def save(file: _FileLike, arr: ndarray, allow_pickle: bool = ..., fix_imports: bool | None = ...) -> None: ...
@overload
def save(file: _FileLike, arr: ArrayLike, allow_pickle: bool = ..., fix_imports: bool | None = ...) -> None: ...
def save(file: Any, arr: Any, allow_pickle: bool = True, fix_imports: Any = None) -> None:
    """Save an array to a ``.npy`` file (``.npy`` is appended to a name without it)."""
    del allow_pickle, fix_imports  # no object arrays: nothing would ever be pickled
    arr = _core.asarray(arr)
    if hasattr(file, "write"):
        _write_array(file, arr)
        return
    path = os.fspath(file)
    if not str(path).endswith(".npy"):
        path = str(path) + ".npy"
    with open(path, "wb") as fid:
        _write_array(fid, arr)


def _savez(file: Any, args: tuple, kwds: dict, compress: bool) -> None:
    if not hasattr(file, "write"):
        file = os.fspath(file)
        if not str(file).endswith(".npz"):
            file = str(file) + ".npz"
    namedict = dict(kwds)
    for i, val in enumerate(args):
        key = f"arr_{i}"
        if key in namedict:
            raise ValueError(f"Cannot use un-named variables and keyword {key}")
        namedict[key] = val
    compression = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(file, mode="w", compression=compression, allowZip64=True) as zipf:
        for key, val in namedict.items():
            with zipf.open(key + ".npy", "w", force_zip64=True) as fid:
                _write_array(fid, _core.asarray(val))


def savez(file: _FileLike, *args: Any, allow_pickle: bool = True, **kwds: Any) -> None:
    """Save several arrays into an uncompressed ``.npz`` archive."""
    del allow_pickle
    _savez(file, args, kwds, False)


def savez_compressed(file: _FileLike, *args: Any, allow_pickle: bool = True, **kwds: Any) -> None:
    """Save several arrays into a deflate-compressed ``.npz`` archive."""
    del allow_pickle
    _savez(file, args, kwds, True)


class NpzFile(Mapping):
    """A lazily loading mapping over the arrays of an ``.npz`` archive (like NumPy's)."""

    def __init__(self, fid: Any, own_fid: bool = False, max_header_size: int = 10000) -> None:
        self.zip: zipfile.ZipFile | None = zipfile.ZipFile(fid)
        self._files = self.zip.namelist()
        self.files = [f[:-4] if f.endswith(".npy") else f for f in self._files]
        self.fid = fid if own_fid else None
        self.max_header_size = max_header_size

    def __enter__(self) -> "NpzFile":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()
            self.zip = None
        if self.fid is not None:
            self.fid.close()
            self.fid = None

    def __del__(self) -> None:
        self.close()

    def __iter__(self) -> Iterator[str]:
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)

    def __getitem__(self, key: str) -> Any:
        if self.zip is None:
            raise ValueError("the NpzFile is closed")
        if key in self._files:
            member = key
        elif key in self.files:
            member = self._files[self.files.index(key)]
        else:
            raise KeyError(f"{key} is not a file in the archive")
        with self.zip.open(member) as f:
            magic = f.read(len(_MAGIC_PREFIX))
        with self.zip.open(member) as f:
            if magic == _MAGIC_PREFIX:
                return _read_array(f, self.max_header_size)
            return f.read()

    def __repr__(self) -> str:
        name = getattr(self.fid, "name", "object")
        return f"NpzFile {name!r} with keys: {', '.join(self.files[:5])}{'...' if len(self.files) > 5 else ''}"


def load(
    file: Any,
    mmap_mode: str | None = None,
    allow_pickle: bool = False,
    fix_imports: bool = True,
    encoding: str = "ASCII",
    *,
    max_header_size: int = 10000,
) -> Any:
    """Load an array from ``.npy`` (optionally memory-mapped) or arrays from ``.npz``."""
    del fix_imports
    if encoding not in ("ASCII", "latin1", "bytes"):
        raise ValueError("encoding must be 'ASCII', 'latin1', or 'bytes'")
    if allow_pickle:
        max_header_size = 2**64
    if mmap_mode is not None and mmap_mode not in _MODES:
        raise ValueError(f"mode must be one of {list(_MODES)} (got {mmap_mode!r})")
    own = not hasattr(file, "read")
    fid = open(os.fspath(file), "rb") if own else file
    try:
        magic = fid.read(len(_MAGIC_PREFIX))
        if not magic:
            raise EOFError("No data left in file")
        fid.seek(-len(magic), 1)
        if magic.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            npz = NpzFile(fid, own_fid=own, max_header_size=max_header_size)
            own = False  # the NpzFile closes it
            return npz
        if magic == _MAGIC_PREFIX:
            if mmap_mode is not None:
                if not own:
                    raise ValueError(
                        "Filename must be a string or a path-like object. Memmap cannot "
                        "use existing file handles."
                    )
                fid.close()
                own = False
                return open_memmap(file, mode=mmap_mode, max_header_size=max_header_size)
            return _read_array(fid, max_header_size)
        raise ValueError(
            "oxarray.load reads .npy and .npz files only, and this is neither (it may be a "
            "pickle: oxarray never unpickles file contents)"
        )
    finally:
        if own:
            fid.close()


def _map(path: Any, mode: str, dtype: Any, shape: tuple[int, ...], fortran: bool, offset: int) -> Any:
    nbytes = _nbytes(dtype, shape)
    order = "F" if fortran else "C"
    access = {"r": mmap.ACCESS_READ, "c": mmap.ACCESS_COPY}.get(mode, mmap.ACCESS_WRITE)
    start = offset - offset % mmap.ALLOCATIONGRANULARITY
    length = offset + nbytes - start
    with open(path, "rb" if mode in ("r", "c") else "r+b") as f:
        size = os.fstat(f.fileno()).st_size
        if offset + nbytes > size:
            raise ValueError(
                f"the file is truncated: the header describes {nbytes} bytes of data but "
                f"only {max(size - offset, 0)} follow it"
            )
        if length == 0:
            return _core._frombuffer_shaped(bytearray() if mode != "r" else b"", dtype, shape, order)
        mm = mmap.mmap(f.fileno(), length, access=access, offset=start)
    return _core._frombuffer_shaped(mm, dtype, shape, order, offset - start)


@overload
def open_memmap(filename: str, mode: str = ..., dtype: DTypeLike | None = ..., shape: _ShapeLike | None = ..., fortran_order: bool = ..., version: tuple[int, int] | None = ..., *, max_header_size: int = ...) -> ndarray: ...
@overload
def open_memmap(filename: _FileLike, mode: str = ..., dtype: DTypeLike | None = ..., shape: _ShapeLike | None = ..., fortran_order: bool = ..., version: tuple[int, int] | None = ..., *, max_header_size: int = ...) -> ndarray: ...
def open_memmap(
    filename: Any,
    mode: str = "r+",
    dtype: Any = None,
    shape: Any = None,
    fortran_order: bool = False,
    version: tuple[int, int] | None = None,
    *,
    max_header_size: int = 10000,
) -> Any:
    """An array backed by a memory-mapped ``.npy`` file (``numpy.lib.format.open_memmap``).

    ``mode`` ``'w+'`` creates (or overwrites) the file for ``shape`` and ``dtype``;
    ``'r'``, ``'r+'`` and ``'c'`` map an existing file read-only, read-write, or
    copy-on-write. Call ``arr.flush()`` to write changes to disk.
    """
    if hasattr(filename, "read") or hasattr(filename, "write"):
        raise ValueError(
            "Filename must be a string or a path-like object. Memmap cannot use existing "
            "file handles."
        )
    if mode not in _MODES:
        raise ValueError(f"mode must be one of {list(_MODES)} (got {mode!r})")
    mode = _MODES[mode]
    path = os.fspath(filename)
    if mode == "w+":
        dt = _core.dtype(dtype if dtype is not None else "float64")
        if shape is None:
            raise ValueError("shape must be given to create a memory-mapped .npy file")
        shp = (shape,) if isinstance(shape, int) else tuple(int(d) for d in shape)
        if any(d < 0 for d in shp):
            raise ValueError("negative dimensions are not allowed")
        header = _core._npy_header(dt, bool(fortran_order), shp, version)
        with open(path, "wb") as f:
            f.write(header)
            f.truncate(len(header) + _nbytes(dt, shp))
        return _map(path, "r+", dt, shp, bool(fortran_order), len(header))
    with open(path, "rb") as f:
        dt, fortran, shp, offset = _read_header(f, max_header_size)
    return _map(path, mode, dt, shp, fortran, offset)
