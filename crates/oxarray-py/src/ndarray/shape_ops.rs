//! Methods that make views or copies: reshape, transpose, squeeze, copy, astype, ...

use oxarray_core::dtype::Casting;
use oxarray_core::{iter, ops, Order};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use super::{wrap, wrap_like, wrap_maybe_view_like, wrap_view_like, PyArray};
use crate::convert;
use crate::dtype::to_dtype;
use crate::errors::CoreResultExt;
use crate::functions::{axes_arg, parse_order, shape_arg, varargs_or_tuple};

#[pymethods]
impl PyArray {
    /// A view with a new shape when possible, else a copy.
    #[pyo3(signature = (*shape, order="C", copy=None))]
    fn reshape(
        slf: &Bound<'_, Self>,
        shape: &Bound<'_, PyTuple>,
        order: &str,
        copy: Option<bool>,
    ) -> PyResult<Py<PyAny>> {
        let req = if shape.len() == 1 && shape.get_item(0)?.is_none() {
            // NumPy: `a.reshape(None)` keeps the shape.
            slf.borrow()
                .arr
                .shape()
                .iter()
                .map(|&d| d as isize)
                .collect()
        } else {
            shape_arg(&varargs_or_tuple(shape)?)?
        };
        crate::functions::reshape_impl(slf, &req, parse_order(Some(order), Order::C)?, copy)
    }

    /// Permute the axes (reversed when none are given).
    #[pyo3(signature = (*axes))]
    fn transpose(slf: &Bound<'_, Self>, axes: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
        let axes_obj = varargs_or_tuple(axes)?;
        let axes = if axes_obj.is_none() || axes.is_empty() {
            None
        } else {
            Some(shape_arg(&axes_obj)?)
        };
        let v = ops::transpose(&slf.borrow().arr, axes.as_deref()).py()?;
        wrap_view_like(slf, v)
    }

    fn swapaxes(slf: &Bound<'_, Self>, axis1: isize, axis2: isize) -> PyResult<Py<PyAny>> {
        let v = ops::swapaxes(&slf.borrow().arr, axis1, axis2).py()?;
        wrap_view_like(slf, v)
    }

    #[pyo3(signature = (axis=None))]
    fn squeeze(slf: &Bound<'_, Self>, axis: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        let axes = axes_arg(axis)?;
        let v = ops::squeeze(&slf.borrow().arr, axes.as_deref()).py()?;
        wrap_view_like(slf, v)
    }

    /// A copy (C order by default, as NumPy's method).
    #[pyo3(signature = (order="C"))]
    fn copy(slf: &Bound<'_, Self>, order: &str) -> PyResult<Py<PyAny>> {
        let c = iter::copy_of(&slf.borrow().arr, parse_order(Some(order), Order::C)?).py()?;
        wrap_like(slf, c)
    }

    /// Convert to another dtype.
    #[pyo3(signature = (dtype, order="K", casting="unsafe", subok=true, copy=true))]
    fn astype(
        slf: &Bound<'_, Self>,
        dtype: &Bound<'_, PyAny>,
        order: &str,
        casting: &str,
        subok: bool,
        copy: bool,
    ) -> PyResult<Py<PyAny>> {
        let dt = to_dtype(dtype)?;
        let casting = Casting::parse(casting).py()?;
        let order = parse_order(Some(order), Order::K)?;
        let py = slf.py();
        let src = slf.borrow().arr.clone();
        let dt = if crate::strings::is_unsized(dt) {
            crate::strings::unsized_for_array(py, dt, &src)?
        } else {
            dt
        };
        crate::castwarn::begin();
        let out = ops::astype(&src, dt, casting, order, copy).py()?;
        if out.is_some() {
            crate::castwarn::complex(py, src.dtype(), dt)?;
        }
        crate::castwarn::finish(py)?;
        match out {
            Some(a) if subok => wrap_like(slf, a),
            Some(a) => wrap(py, a),
            None => Ok(slf.clone().into_any().unbind()),
        }
    }

    /// Set every element to `value`.
    fn fill(&self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        crate::castwarn::begin();
        let v = convert::scalar_for_dtype(value, self.arr.dtype())?;
        self.arr.fill(&v).py()?;
        crate::castwarn::finish(value.py())
    }

    /// A 1-d view when possible, else a copy.
    #[pyo3(signature = (order="C"))]
    fn ravel(slf: &Bound<'_, Self>, order: &str) -> PyResult<Py<PyAny>> {
        let v = ops::ravel(&slf.borrow().arr, parse_order(Some(order), Order::C)?).py()?;
        wrap_maybe_view_like(slf, v)
    }

    /// A 1-d copy.
    #[pyo3(signature = (order="C"))]
    fn flatten(slf: &Bound<'_, Self>, order: &str) -> PyResult<Py<PyAny>> {
        let order = parse_order(Some(order), Order::C)?;
        let c = ops::flatten(&slf.borrow().arr, order).py()?;
        wrap_like(slf, c)
    }
}
