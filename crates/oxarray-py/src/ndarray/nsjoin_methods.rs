//! ndarray methods of the namespace work (issue 9 items 1-3): `repeat`, `resize`,
//! `to_device`, `__array_namespace__` (`device` is in `attrs.rs`).

use oxarray_core::{iter, Array, Order};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use super::{wrap_like, PyArray};
use crate::errors::CoreResultExt;
use crate::functions::manipulation::repeat_impl;
use crate::functions::{shape_arg, varargs_or_tuple};

#[pymethods]
impl PyArray {
    /// Repeat elements of the array (see `oxarray.repeat`).
    #[pyo3(signature = (repeats, axis=None))]
    fn repeat(
        slf: &Bound<'_, Self>,
        repeats: &Bound<'_, PyAny>,
        axis: Option<isize>,
    ) -> PyResult<Py<PyAny>> {
        let core = slf.borrow().arr.clone();
        let r = repeat_impl(slf.py(), &core, repeats, axis)?;
        wrap_like(slf, r)
    }

    /// Change the shape and size of the array in place (new elements are zero). Only for
    /// C-contiguous arrays that own their memory; with `refcheck` the array must not be
    /// referenced elsewhere (NumPy's rules and messages).
    #[pyo3(signature = (*new_shape, refcheck=true))]
    fn resize(
        slf: &Bound<'_, Self>,
        new_shape: &Bound<'_, PyTuple>,
        refcheck: bool,
    ) -> PyResult<()> {
        let shape_obj = varargs_or_tuple(new_shape)?;
        if shape_obj.is_none() {
            return Ok(());
        }
        let dims: Vec<usize> = shape_arg(&shape_obj)?
            .into_iter()
            .map(|d| {
                usize::try_from(d)
                    .map_err(|_| PyValueError::new_err("negative dimensions not allowed"))
            })
            .collect::<PyResult<_>>()?;
        let (old, has_base) = {
            let b = slf.borrow();
            (b.arr.clone(), b.base.is_some())
        };
        let new_size = oxarray_core::layout::size_of_shape_checked(&dims).py()?;
        if new_size == old.size() && dims.as_slice() == old.shape() {
            return Ok(());
        }
        if !old.is_c_contiguous() {
            return Err(PyValueError::new_err(
                "resize only works on single-segment arrays",
            ));
        }
        if has_base || !old.storage().is_owned() {
            return Err(PyValueError::new_err(
                "cannot resize this array: it does not own its data",
            ));
        }
        // SAFETY: `slf` is a live object; reading its reference count has no side effect.
        let refs = unsafe { pyo3::ffi::Py_REFCNT(slf.as_ptr()) };
        if refcheck && refs > 2 {
            return Err(PyValueError::new_err(
                "cannot resize an array that references or is referenced\nby another array in this way.\nUse the np.resize function or refcheck=False",
            ));
        }
        let new = Array::zeros(&dims, old.dtype(), Order::C).py()?;
        let keep = new_size.min(old.size());
        if keep > 0 {
            let flat_old = oxarray_core::ops::ravel(&old, Order::C).py()?;
            let flat_new = oxarray_core::ops::ravel(&new, Order::C).py()?;
            // SAFETY: both are 1-d contiguous views with at least `keep` elements.
            let (src, dst) = unsafe {
                (
                    flat_old.view_unchecked(
                        0,
                        [keep].into_iter().collect(),
                        [old.itemsize() as isize].into_iter().collect(),
                    ),
                    flat_new.view_unchecked(
                        0,
                        [keep].into_iter().collect(),
                        [old.itemsize() as isize].into_iter().collect(),
                    ),
                )
            };
            iter::copy_into(&dst, &src).py()?;
        }
        slf.borrow_mut().arr = new;
        Ok(())
    }

    /// The array on `device` (only `"cpu"` exists; the array itself is returned).
    #[pyo3(signature = (device, /, *, stream=None))]
    fn to_device(
        slf: &Bound<'_, Self>,
        device: &Bound<'_, PyAny>,
        stream: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        check_device(device, stream)?;
        Ok(slf.clone().into_any().unbind())
    }

    /// The Array API namespace of this array (`oxarray`).
    #[pyo3(signature = (*, api_version=None))]
    fn __array_namespace__(
        slf: &Bound<'_, Self>,
        api_version: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        check_api_version(api_version)?;
        Ok(py.import("oxarray")?.into_any().unbind())
    }
}

/// The `api_version` argument of `__array_namespace__` (arrays and scalars): `None` or one
/// of the Array API standard versions this namespace implements, else `ValueError`.
pub(crate) fn check_api_version(api_version: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    if let Some(v) = api_version.filter(|v| !v.is_none()) {
        let v: String = v
            .extract()
            .map_err(|_| PyValueError::new_err("Version must be a string"))?;
        const KNOWN: [&str; 5] = ["2021.12", "2022.12", "2023.12", "2024.12", "2025.12"];
        if !KNOWN.contains(&v.as_str()) {
            return Err(PyValueError::new_err(format!(
                "Version \"{v}\" of the Array API Standard is not supported."
            )));
        }
    }
    Ok(())
}

/// `to_device`'s checks for arrays and scalars: only `"cpu"` (or `None`) and no stream.
pub(crate) fn check_device(
    device: &Bound<'_, PyAny>,
    stream: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    if stream.is_some_and(|s| !s.is_none()) {
        return Err(PyValueError::new_err(
            "The stream argument in to_device() is not supported",
        ));
    }
    let ok = device.is_none() || device.extract::<String>().is_ok_and(|d| d == "cpu");
    if !ok {
        return Err(PyValueError::new_err(format!(
            "Device not understood. Only \"cpu\" is allowed, but received: {}",
            device.str()?
        )));
    }
    Ok(())
}
