//! `ndarray.dot`: the method form of `oxarray.dot` (`python/oxarray/_products.py`).

use pyo3::prelude::*;

use super::PyArray;

#[pymethods]
impl PyArray {
    /// Dot product of two arrays (see `oxarray.dot`).
    #[pyo3(signature = (b, out=None))]
    fn dot(
        slf: &Bound<'_, Self>,
        b: &Bound<'_, PyAny>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let f = py.import("oxarray._products")?.getattr("dot")?;
        Ok(f.call1((slf, b, out))?.unbind())
    }
}
