//! The Python `ndarray`: a core `Array` plus the Python object it views (`base`).
//!
//! Methods are split by topic: `attrs` (attributes and flags), `shape_ops` (views and
//! copies), `indexing` (`__getitem__`/`__setitem__`), `protocols` (conversions and dunders).

pub mod arithmetic;
mod attrs;
pub mod fastops;
pub(crate) mod indexing;
pub(crate) mod nsjoin_methods;
mod nsselect_methods;
mod products_methods;
mod protocols;
pub(crate) mod raw;
pub mod reductions;
mod shape_ops;
mod sort_methods;
pub mod stats_methods;
mod subclass;

pub use attrs::PyFlags;
pub use subclass::new_of_type;

use oxarray_core::Array;
use pyo3::prelude::*;
use pyo3::types::PyType;

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
    raw::new_exact(py, PyArray::from_array(arr))
}

/// The `base` of a new array of type `ty` viewing `owner`'s memory. NumPy's
/// `PyArray_SetBaseObject`: walk `owner`'s chain of bases while the next base is an array of
/// type `ty`, so chains of views collapse (a view of a view has the owner as its base) but
/// never across a change of subclass (`a.view(S).base is a`).
pub(crate) fn view_base(owner: &Bound<'_, PyAny>, ty: &Bound<'_, PyType>) -> Py<PyAny> {
    let mut obj = owner.clone();
    loop {
        let next = match obj.cast::<PyArray>() {
            Ok(arr) => match &arr.borrow().base {
                Some(b) => b.bind(owner.py()).clone(),
                None => break,
            },
            Err(_) => break,
        };
        if !next.get_type().is(ty) {
            break;
        }
        obj = next;
    }
    obj.unbind()
}

/// Wrap a view of `owner`'s memory as a plain ndarray.
pub fn wrap_view(owner: &Bound<'_, PyArray>, arr: Array) -> PyResult<Py<PyAny>> {
    let base = Some(view_base(owner, &owner.py().get_type::<PyArray>()));
    raw::new_exact(owner.py(), PyArray { arr, base })
}

/// Wrap a new array that owns its memory as an object of `type(like)`, finalized from
/// `like` (what NumPy's methods do for copies: `s.copy()` is an `S` when `s` is).
pub fn wrap_like(like: &Bound<'_, PyArray>, arr: Array) -> PyResult<Py<PyAny>> {
    new_of_type(
        &like.get_type(),
        PyArray::from_array(arr),
        Some(like.as_any()),
    )
}

/// Wrap a view of `owner`'s memory as an object of `type(owner)`, finalized from `owner`.
pub fn wrap_view_like(owner: &Bound<'_, PyArray>, arr: Array) -> PyResult<Py<PyAny>> {
    let ty = owner.get_type();
    let value = PyArray {
        arr,
        base: Some(view_base(owner, &ty)),
    };
    new_of_type(&ty, value, Some(owner.as_any()))
}

/// [`wrap_maybe_view`] keeping `type(owner)`.
pub fn wrap_maybe_view_like(owner: &Bound<'_, PyArray>, arr: Array) -> PyResult<Py<PyAny>> {
    if std::sync::Arc::ptr_eq(arr.storage(), owner.borrow().arr.storage()) {
        wrap_view_like(owner, arr)
    } else {
        wrap_like(owner, arr)
    }
}

/// Wrap the result of an operation that may or may not share `owner`'s memory.
pub fn wrap_maybe_view(owner: &Bound<'_, PyArray>, arr: Array) -> PyResult<Py<PyAny>> {
    if std::sync::Arc::ptr_eq(arr.storage(), owner.borrow().arr.storage()) {
        wrap_view(owner, arr)
    } else {
        wrap(owner.py(), arr)
    }
}
