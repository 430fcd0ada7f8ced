//! Python functions: linalg. The numerics are gufuncs of `oxarray_core::linalg`; this
//! file only hands them to `oxarray.linalg` as ufunc objects (broadcasting, casting,
//! `out=` and GIL release come from the ufunc call path).

use oxarray_core::linalg as core_linalg;
use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;

use crate::ufunc::PyUfunc;

/// The linear-algebra gufunc ``name`` (``"inv"``, ``"solve"``, ``"svd_s"``, ...), the
/// building blocks of ``oxarray.linalg`` (NumPy's ``_umath_linalg``).
#[pyfunction]
fn _linalg_gufunc(name: &str) -> PyResult<PyUfunc> {
    core_linalg::ufunc(name)
        .map(PyUfunc::new)
        .ok_or_else(|| PyKeyError::new_err(format!("no linalg gufunc named {name:?}")))
}

/// The names of the linear-algebra gufuncs and the messages that mean ``LinAlgError``.
#[pyfunction]
fn _linalg_info() -> (Vec<&'static str>, Vec<&'static str>) {
    (
        core_linalg::names(),
        core_linalg::LINALG_ERROR_MESSAGES.to_vec(),
    )
}

/// Add this topic's functions and classes to `oxarray._core`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_linalg_gufunc, m)?)?;
    m.add_function(wrap_pyfunction!(_linalg_info, m)?)?;
    Ok(())
}
