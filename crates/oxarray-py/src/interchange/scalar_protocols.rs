//! Array scalars seen by NumPy: `numpy.asarray(oxarray.float32(1.5))` is a 0-d `float32`
//! array, not an object array.

use oxarray_core::{Array, Order};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::CoreResultExt;
use crate::scalars::PyGeneric;

#[pymethods]
impl PyGeneric {
    /// A 0-d NumPy array holding the value (always a fresh copy, like NumPy's scalars).
    #[pyo3(signature = (dtype=None, copy=None))]
    fn __array__(
        &self,
        py: Python<'_>,
        dtype: Option<&Bound<'_, PyAny>>,
        copy: Option<bool>,
    ) -> PyResult<Py<PyAny>> {
        let a = Array::zeros(&[], self.dtype, Order::C).py()?;
        a.set(&[], &self.value).py()?;
        let arr = Bound::new(py, crate::ndarray::PyArray::from_array(a))?;
        if self.dtype.builtin.is_none() {
            // A registered dtype: the array's `__array__` (its NumPy twin, e.g. ml_dtypes').
            let kwargs = PyDict::new(py);
            kwargs.set_item("dtype", dtype)?;
            return Ok(arr.call_method("__array__", (), Some(&kwargs))?.unbind());
        }
        let np = py.import("numpy")?;
        let mv = pyo3::types::PyMemoryView::from(arr.as_any())?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("dtype", dtype)?;
        let _ = copy; // the result is always a new array
        Ok(np.getattr("array")?.call((mv,), Some(&kwargs))?.unbind())
    }
}
