//! repr/str through the pure-Python printer `oxarray._arrayprint` (NumPy's algorithm).

use oxarray_core::dtype::{DType, Scalar};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

use crate::convert::scalar_to_py;
use crate::dtype::dtype_to_py;

static PRINTER: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

fn printer(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    PRINTER
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(py.import("oxarray._arrayprint")?.unbind())
        })
        .map(|m| m.bind(py))
}

/// `repr(scalar)`.
pub fn scalar_repr(py: Python<'_>, v: Scalar, dt: DType) -> PyResult<String> {
    printer(py)?
        .call_method1("scalar_repr", (scalar_to_py(py, v)?, dtype_to_py(py, dt)?))?
        .extract()
}

/// `str(scalar)`.
pub fn scalar_str(py: Python<'_>, v: Scalar, dt: DType) -> PyResult<String> {
    printer(py)?
        .call_method1("scalar_str", (scalar_to_py(py, v)?, dtype_to_py(py, dt)?))?
        .extract()
}

/// `repr(array)`: a subclass shows its own name, as NumPy's `S([1., 2.])`.
pub fn array_repr(a: &Bound<'_, PyAny>) -> PyResult<String> {
    let p = printer(a.py())?;
    if a.is_exact_instance_of::<crate::ndarray::PyArray>() {
        return p.call_method1("array_repr", (a,))?.extract();
    }
    let name = a.get_type().name()?;
    p.call_method1("array_repr", (a, name))?.extract()
}

/// `str(array)`.
pub fn array_str(a: &Bound<'_, PyAny>) -> PyResult<String> {
    printer(a.py())?.call_method1("array_str", (a,))?.extract()
}
