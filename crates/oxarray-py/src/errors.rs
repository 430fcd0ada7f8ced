//! The one place where core errors become Python exceptions.
//!
//! Each [`ErrorKind`] maps onto the exception NumPy raises for it. `AxisError` is the class
//! defined in `oxarray/exceptions.py` (a `ValueError` and an `IndexError`, like NumPy's).

use oxarray_core::{Error, ErrorKind};
use pyo3::exceptions::{
    PyBufferError, PyIndexError, PyMemoryError, PyNotImplementedError, PyOverflowError,
    PyTypeError, PyValueError,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

static AXIS_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static UFUNC_TYPE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Is this `TypeError` one of the ufunc resolution errors NumPy raises as `UFuncTypeError`
/// (no loop for the dtypes, or a cast to/from the loop the casting rule forbids)? The
/// engine words them as NumPy does, so their openings identify them.
fn is_ufunc_type_error(msg: &str) -> bool {
    msg.starts_with("Cannot cast ufunc '") || msg.starts_with("ufunc '")
}

/// Convert a core error into the matching Python exception.
pub fn to_pyerr(e: Error) -> PyErr {
    if let Some(err) = e.payload().and_then(|p| p.downcast_ref::<PyErr>()) {
        // A Python exception raised inside the core's call (a Python loop, say): as it was.
        return Python::attach(|py| err.clone_ref(py));
    }
    if let Some(c) = e
        .payload()
        .and_then(|p| p.downcast_ref::<oxarray_core::strings::AsciiCodecError>())
    {
        return codec_error(c);
    }
    let msg = e.message().to_string();
    match e.kind() {
        ErrorKind::Value => PyValueError::new_err(msg),
        ErrorKind::Type if is_ufunc_type_error(&msg) => {
            Python::attach(
                |py| match exception_class(py, &UFUNC_TYPE_ERROR, "UFuncTypeError") {
                    Ok(cls) => PyErr::from_type(cls.clone(), msg),
                    Err(e) => e,
                },
            )
        }
        ErrorKind::Type => PyTypeError::new_err(msg),
        ErrorKind::Index => PyIndexError::new_err(msg),
        ErrorKind::Memory => PyMemoryError::new_err(msg),
        ErrorKind::Overflow => PyOverflowError::new_err(msg),
        ErrorKind::Buffer => PyBufferError::new_err(msg),
        ErrorKind::NotImplemented => PyNotImplementedError::new_err(msg),
        ErrorKind::Axis => Python::attach(|py| match axis_error(py) {
            Ok(cls) => PyErr::from_type(cls.clone(), msg),
            Err(e) => e,
        }),
        _ => PyValueError::new_err(msg),
    }
}

fn exception_class<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyType>>,
    name: &str,
) -> PyResult<&'py Bound<'py, PyType>> {
    cell.get_or_try_init(py, || {
        let m = py.import("oxarray.exceptions")?;
        Ok::<_, PyErr>(m.getattr(name)?.cast_into::<PyType>()?.unbind())
    })
    .map(|t| t.bind(py))
}

fn axis_error(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    AXIS_ERROR
        .get_or_try_init(py, || {
            let m = py.import("oxarray.exceptions")?;
            Ok::<_, PyErr>(m.getattr("AxisError")?.cast_into::<PyType>()?.unbind())
        })
        .map(|t| t.bind(py))
}

/// `.py()` on core results: the error conversion in one call.
pub trait CoreResultExt<T> {
    /// Map a core error to its Python exception.
    fn py(self) -> PyResult<T>;
}

impl<T> CoreResultExt<T> for oxarray_core::Result<T> {
    #[inline]
    fn py(self) -> PyResult<T> {
        self.map_err(to_pyerr)
    }
}

/// Python's `UnicodeEncodeError`/`UnicodeDecodeError` of the `ascii` codec (NumPy's
/// error for a non-ASCII text cast to `S`, non-ASCII bytes to `U`).
fn codec_error(c: &oxarray_core::strings::AsciiCodecError) -> PyErr {
    use pyo3::exceptions::{PyUnicodeDecodeError, PyUnicodeEncodeError};
    use pyo3::types::{PyBytes, PyString};
    Python::attach(|py| {
        let reason = "ordinal not in range(128)";
        if c.decode {
            let b: Vec<u8> = c.object.iter().map(|&x| x as u8).collect();
            let obj = PyBytes::new(py, &b);
            PyUnicodeDecodeError::new_err(("ascii", obj.unbind(), c.start, c.end, reason))
        } else {
            let s: String = c
                .object
                .iter()
                .map(|&x| char::from_u32(x).unwrap_or('\u{fffd}'))
                .collect();
            let obj = PyString::new(py, &s);
            PyUnicodeEncodeError::new_err(("ascii", obj.unbind(), c.start, c.end, reason))
        }
    })
}
