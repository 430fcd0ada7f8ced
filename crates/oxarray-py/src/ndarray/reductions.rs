//! Reductions as `ndarray` methods: argmin and argmax (core: `ops::argreduce`).
//!
//! Results follow NumPy's wrapping: a 0-d result is returned as a scalar unless `out=` was
//! given (then `out` itself is returned).

use oxarray_core::ops::argreduce::{arg_reduce, ArgKind};
use oxarray_core::{iter, Array};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

use super::{wrap, PyArray};
use crate::errors::CoreResultExt;
use crate::scalars::make_scalar;

/// A reduction result: `out` if given (after copying into it), a scalar for a 0-d result,
/// else a new array.
pub fn finish(
    py: Python<'_>,
    res: Array,
    out: Option<&Bound<'_, PyArray>>,
) -> PyResult<Py<PyAny>> {
    if let Some(o) = out {
        return Ok(o.clone().into_any().unbind());
    }
    if res.ndim() == 0 {
        let v = res.item().py()?;
        return make_scalar(py, v, res.dtype());
    }
    wrap(py, res)
}

/// The `out=` argument: `None` or an ndarray (NumPy: "output must be an array").
pub fn out_arg<'py>(out: Option<&Bound<'py, PyAny>>) -> PyResult<Option<Bound<'py, PyArray>>> {
    match out {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => o
            .cast::<PyArray>()
            .map(|a| Some(a.clone()))
            .map_err(|_| PyTypeError::new_err("output must be an array")),
    }
}

/// argmin/argmax of `a`, NumPy's `out` and `keepdims` rules.
pub fn arg_impl(
    py: Python<'_>,
    a: &Array,
    axis: Option<isize>,
    out: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
    kind: ArgKind,
) -> PyResult<Py<PyAny>> {
    let out = out_arg(out)?;
    let res = arg_reduce(a, axis, kind, keepdims).py()?;
    if let Some(o) = &out {
        let dst = o.borrow().arr.clone();
        let name = if kind == ArgKind::Max {
            "argmax"
        } else {
            "argmin"
        };
        if dst.shape() != res.shape() {
            return Err(PyValueError::new_err(format!(
                "output array does not match result of np.{name}."
            )));
        }
        if !dst.dtype().is_integer() {
            return Err(PyTypeError::new_err(format!(
                "Cannot cast array data from dtype('int64') to dtype('{}') according to the rule 'safe'",
                dst.dtype()
            )));
        }
        dst.check_writeable().py()?;
        iter::copy_into(&dst, &res).py()?;
    }
    finish(py, res, out.as_ref())
}

#[pymethods]
impl PyArray {
    /// Indices of the maximum values along an axis (the first one among equals; a NaN
    /// counts as the maximum).
    #[pyo3(signature = (axis=None, out=None, *, keepdims=false))]
    fn argmax(
        &self,
        py: Python<'_>,
        axis: Option<isize>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        arg_impl(py, &self.arr, axis, out, keepdims, ArgKind::Max)
    }

    /// Indices of the minimum values along an axis (the first one among equals; a NaN
    /// counts as the minimum).
    #[pyo3(signature = (axis=None, out=None, *, keepdims=false))]
    fn argmin(
        &self,
        py: Python<'_>,
        axis: Option<isize>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        arg_impl(py, &self.arr, axis, out, keepdims, ArgKind::Min)
    }
}
