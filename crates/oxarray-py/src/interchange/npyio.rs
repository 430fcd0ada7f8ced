//! Python bindings of the `.npy` header code in `oxarray_core::io::npy`; the file handling
//! (paths, file objects, `mmap`, zip archives) is in `python/oxarray/_npyio.py`.

use oxarray_core::io::npy;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::dtype::{dtype_to_py, PyDType};
use crate::errors::CoreResultExt;

/// `_npy_magic(first8) -> (major, minor)`; `ValueError` when not a `.npy` file.
#[pyfunction]
pub fn _npy_magic(data: &[u8]) -> PyResult<(u8, u8)> {
    npy::read_magic(data).py()
}

/// `_npy_parse_header(header, major) -> (dtype, fortran_order, shape)`; `ValueError` for a
/// malformed header or an object/structured dtype.
#[pyfunction]
pub fn _npy_parse_header(
    py: Python<'_>,
    header: &[u8],
    major: u8,
) -> PyResult<(Py<PyDType>, bool, Vec<usize>)> {
    let h = npy::parse_header(header, major).py()?;
    let dt = npy::descr_dtype(&h.descr).py()?;
    Ok((dtype_to_py(py, dt)?, h.fortran_order, h.shape))
}

/// `_npy_header(dtype, fortran_order, shape, version=None) -> bytes`: the full header
/// (magic, length, padded dict) NumPy writes.
#[pyfunction]
#[pyo3(signature = (dtype, fortran_order, shape, version=None))]
pub fn _npy_header<'py>(
    py: Python<'py>,
    dtype: &Bound<'py, PyAny>,
    fortran_order: bool,
    shape: Vec<usize>,
    version: Option<(u8, u8)>,
) -> PyResult<Bound<'py, PyBytes>> {
    let dt = crate::dtype::to_dtype(dtype)?;
    let h = npy::write_header(&npy_descr(dt), fortran_order, &shape, version).py()?;
    Ok(PyBytes::new(py, &h))
}

/// The `descr` NumPy writes for `dt`: its `dtype.str`, except that a registered numeric
/// dtype (kind `V` or `f`, e.g. `ml_dtypes`' `bfloat16` and float8 types, whose
/// descriptors say native order `=`) is written in native order as NumPy does (`<V2`,
/// `<V1`, `<f1` on a little-endian machine) where oxarray's `str` says `|`.
fn npy_descr(dt: oxarray_core::DType) -> String {
    let s = dt.str();
    match s.strip_prefix('|') {
        Some(rest) if dt.builtin.is_none() && matches!(dt.kind, 'V' | 'f') => {
            let native = if cfg!(target_endian = "little") {
                '<'
            } else {
                '>'
            };
            format!("{native}{rest}")
        }
        _ => s,
    }
}

/// `_npy_empty(dtype, shape, fortran_order) -> (array, raw)`: a new array for a `.npy`
/// read and a writeable uint8 view `raw` of the same bytes, to `readinto`.
///
/// The memory comes from `alloc_zeroed` (calloc), whose large blocks are fresh
/// zero pages the kernel maps lazily: no memset pass before the read fills them (the
/// 64-byte-aligned owned allocation zeroes eagerly, which costs as much as the read).
#[pyfunction]
pub fn _npy_empty(
    py: Python<'_>,
    dtype: &Bound<'_, PyAny>,
    shape: Vec<usize>,
    fortran_order: bool,
) -> PyResult<(Py<PyAny>, Py<PyAny>)> {
    use oxarray_core::layout::{c_strides, f_strides, size_of_shape_checked};
    use oxarray_core::{Array, Builtin, Shape, Storage};
    use std::sync::Arc;

    let dt = crate::dtype::to_dtype(dtype)?;
    let n = size_of_shape_checked(&shape).py()?;
    let nbytes = n
        .checked_mul(dt.itemsize)
        .filter(|&b| b <= isize::MAX as usize)
        .ok_or_else(|| pyo3::exceptions::PyValueError::new_err("array is too big"))?;
    let mut buf = calloc_vec(nbytes)?;
    let ptr = buf.as_mut_ptr();
    // SAFETY: `buf` is moved into the keep-alive and never touched again, so its heap
    // block (`nbytes` initialised bytes at `ptr`) stays valid and writable while the
    // storage lives.
    let storage = Arc::new(unsafe { Storage::foreign(ptr, nbytes, true, Box::new(buf)) });
    let sh = Shape::from_slice(&shape);
    let strides = if fortran_order {
        f_strides(&sh, dt.itemsize)
    } else {
        c_strides(&sh, dt.itemsize)
    };
    let arr = Array::from_parts(storage.clone(), 0, sh, strides, dt, true).py()?;
    let rsh = Shape::from_slice(&[nbytes]);
    let rst = c_strides(&rsh, 1);
    let raw = Array::from_parts(storage, 0, rsh, rst, Builtin::UInt8.dtype(), true).py()?;
    Ok((
        crate::ndarray::wrap(py, arr)?,
        crate::ndarray::wrap(py, raw)?,
    ))
}

/// `_npy_fallocate(fd, offset, length)`: reserve file blocks before a large write (what
/// NumPy's `tofile` does; the file system then allocates once instead of per page).
/// Best effort: errors are ignored and other systems do nothing. The file size is not
/// changed (`FALLOC_FL_KEEP_SIZE`).
#[pyfunction]
pub fn _npy_fallocate(fd: i32, offset: i64, length: i64) {
    #[cfg(target_os = "linux")]
    {
        if offset >= 0 && length > 0 {
            // SAFETY: fallocate only reserves blocks of the open file `fd`; a bad descriptor
            // is reported through the return value, which we ignore (best effort).
            unsafe {
                libc::fallocate(fd, libc::FALLOC_FL_KEEP_SIZE, offset, length);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (fd, offset, length);
    }
}

/// `nbytes` zero bytes from `alloc_zeroed` (calloc: lazily mapped zero pages for large
/// blocks), as a `Vec` so that it frees itself; `MemoryError` when the allocation fails.
fn calloc_vec(nbytes: usize) -> PyResult<Vec<u8>> {
    if nbytes == 0 {
        return Ok(Vec::new());
    }
    let layout = std::alloc::Layout::array::<u8>(nbytes)
        .map_err(|_| pyo3::exceptions::PyValueError::new_err("array is too big"))?;
    // SAFETY: the layout has non-zero size.
    let ptr = unsafe { std::alloc::alloc_zeroed(layout) };
    if ptr.is_null() {
        return Err(pyo3::exceptions::PyMemoryError::new_err(format!(
            "Unable to allocate {nbytes} bytes for an array"
        )));
    }
    // One page fault per 2 MiB instead of per 4 KiB while the file is read in (3x faster).
    oxarray_core::storage::advise_huge_pages(ptr, nbytes);
    // SAFETY: `ptr` was allocated by the global allocator with the layout `Vec<u8>` uses
    // for capacity `nbytes`, and all `nbytes` bytes are initialised (zeroed).
    Ok(unsafe { Vec::from_raw_parts(ptr, nbytes, nbytes) })
}
