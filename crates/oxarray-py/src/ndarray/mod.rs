//! The Python `ndarray`: a core `Array` plus the Python object it views (`base`).
//!
//! Methods are split by topic: `attrs` (attributes and flags), `shape_ops` (views and
//! copies), `indexing` (`__getitem__`/`__setitem__`), `protocols` (conversions and dunders).

pub mod arithmetic;
mod attrs;
pub(crate) mod indexing;
mod protocols;
pub mod reductions;
mod shape_ops;

pub use attrs::PyFlags;

use oxarray_core::Array;
use pyo3::prelude::*;

/// `oxarray.ndarray`.
#[pyclass(name = "ndarray", module = "oxarray", subclass)]
pub struct PyArray {
    /// The array.
    pub arr: Array,
    /// The object whose memory this array views (`None` when it owns its memory).
    pub base: Option<Py<PyAny>>,
}

impl PyArray {
    /// An array that owns its memory.
    pub fn from_array(arr: Array) -> PyArray {
        PyArray { arr, base: None }
    }
}

/// Wrap a new array that owns its memory.
pub fn wrap(py: Python<'_>, arr: Array) -> PyResult<Py<PyAny>> {
    Ok(Py::new(py, PyArray::from_array(arr))?.into_any())
}

/// Wrap a view of `owner`'s memory: `base` is `owner`'s base if it has one, else `owner`
/// (NumPy collapses chains of views the same way).
pub fn wrap_view(owner: &Bound<'_, PyArray>, arr: Array) -> PyResult<Py<PyAny>> {
    let py = owner.py();
    let base = match &owner.borrow().base {
        Some(b) => b.clone_ref(py),
        None => owner.clone().into_any().unbind(),
    };
    Ok(Py::new(
        py,
        PyArray {
            arr,
            base: Some(base),
        },
    )?
    .into_any())
}

/// Wrap the result of an operation that may or may not share `owner`'s memory.
pub fn wrap_maybe_view(owner: &Bound<'_, PyArray>, arr: Array) -> PyResult<Py<PyAny>> {
    if std::sync::Arc::ptr_eq(arr.storage(), owner.borrow().arr.storage()) {
        wrap_view(owner, arr)
    } else {
        wrap(owner.py(), arr)
    }
}
