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
    let h = npy::write_header(&dt.str(), fortran_order, &shape, version).py()?;
    Ok(PyBytes::new(py, &h))
}
