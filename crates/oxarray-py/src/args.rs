//! Shared argument parsers: shapes, dimensions and counts, with NumPy's rules and
//! exception types.
//!
//! A shape argument follows NumPy's `PyArray_IntpConverter`:
//! 1. `None` is refused (`TypeError: Use () not None as shape arguments`) where NumPy does
//!    (creation functions; [`shape`]).
//! 2. Anything but an exact `int` that supports the sequence protocol (lists, tuples,
//!    `range`, `bytes`, arrays with dimensions, ...) is read as a sequence of dimensions;
//!    when it cannot be iterated (a 0-d array), it is read as one integer instead.
//! 3. Each dimension goes through `__index__` (so a user type's own exception passes
//!    through unchanged); a `bool` is refused (`TypeError: an integer is required`), and a
//!    value past `intp` is `ValueError: Maximum allowed dimension exceeded`.
//! 4. A single non-sequence that is not an integer is `TypeError: expected a sequence of
//!    integers or a single integer, got '...'` (a `TypeError` from `__index__` is replaced by
//!    that message, any other exception kept).
//!
//! Deliberate difference: oxarray has no rank limit, so NumPy's `ValueError` for more than
//! 64 dimensions does not exist here.

use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyInt};

use crate::scalars::PyGeneric;

/// Is `obj` a Python, oxarray or NumPy boolean (refused where an integer is required)?
pub fn is_bool_like(obj: &Bound<'_, PyAny>) -> bool {
    if obj.is_exact_instance_of::<PyInt>() {
        // The common case, answered without building the type's name strings below.
        return false;
    }
    if obj.is_instance_of::<PyBool>() {
        return true;
    }
    if let Ok(g) = obj.cast::<PyGeneric>() {
        return g.get().dtype.is_bool();
    }
    let t = obj.get_type();
    t.name()
        .is_ok_and(|n| n.to_str().is_ok_and(|n| n == "bool"))
        && t.module()
            .is_ok_and(|m| m.to_str().is_ok_and(|m| m == "numpy"))
}

/// One dimension (or index-like count) through `__index__`, NumPy's
/// `PyArray_PyIntAsIntp`: bools refused, errors of `__index__` kept, past `intp` a
/// `ValueError`.
pub fn dimension(obj: &Bound<'_, PyAny>) -> PyResult<isize> {
    if is_bool_like(obj) {
        return Err(PyTypeError::new_err("an integer is required"));
    }
    let i = if obj.is_instance_of::<PyInt>() {
        obj.clone()
    } else {
        // SAFETY: PyNumber_Index takes a valid object and returns a new reference or NULL
        // with the exception set.
        unsafe { Bound::from_owned_ptr_or_err(obj.py(), pyo3::ffi::PyNumber_Index(obj.as_ptr()))? }
    };
    i.extract::<isize>().map_err(|e| {
        if e.is_instance_of::<PyOverflowError>(obj.py()) {
            PyValueError::new_err("Maximum allowed dimension exceeded")
        } else {
            e
        }
    })
}

/// Does `obj` support the sequence protocol (C `PySequence_Check`)?
fn is_sequence(obj: &Bound<'_, PyAny>) -> bool {
    // SAFETY: PySequence_Check only inspects the type of a valid object; it cannot fail.
    unsafe { pyo3::ffi::PySequence_Check(obj.as_ptr()) != 0 }
}

/// A sequence of dimensions or one integer (NumPy's `PyArray_IntpConverter` without the
/// `None` check): the values as given, negative ones included.
pub fn intp_list(obj: &Bound<'_, PyAny>) -> PyResult<Vec<isize>> {
    if !obj.is_exact_instance_of::<PyInt>() && is_sequence(obj) {
        // NumPy's PySequence_Fast: when the object cannot be iterated, it is tried as a
        // single integer below.
        let items: Option<Vec<Bound<'_, PyAny>>> = obj
            .try_iter()
            .ok()
            .and_then(|it| it.collect::<PyResult<Vec<_>>>().ok());
        if let Some(items) = items {
            return items.iter().map(dimension).collect();
        }
    }
    dimension(obj).map(|d| vec![d]).map_err(|e| {
        if e.is_instance_of::<PyTypeError>(obj.py()) {
            let shown = obj
                .repr()
                .map(|r| r.to_string())
                .unwrap_or_else(|_| "?".to_string());
            PyTypeError::new_err(format!(
                "expected a sequence of integers or a single integer, got '{shown}'"
            ))
        } else {
            e
        }
    })
}

/// A shape for a new array: [`intp_list`], `None` refused, negative dimensions a
/// `ValueError`.
pub fn shape(obj: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    if obj.is_none() {
        return Err(PyTypeError::new_err("Use () not None as shape arguments"));
    }
    intp_list(obj)?
        .into_iter()
        .map(|d| {
            usize::try_from(d)
                .map_err(|_| PyValueError::new_err("negative dimensions are not allowed"))
        })
        .collect()
}
