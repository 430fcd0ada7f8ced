//! NumPy's `__array_interface__` (version 3), both directions.
//!
//! Export: a dict with `shape`, `typestr`, `descr`, `data = (address, readonly)`, `strides`
//! (`None` when C-contiguous, as the protocol asks) and `version = 3`. The consumer keeps
//! the exporting object alive itself (NumPy stores it as `base`; Pillow copies).
//!
//! Import: `data` may be an `(address, readonly)` tuple (trusted, as NumPy trusts it), an
//! object with the buffer protocol (bounds-checked against its length) or `None` (the object
//! itself exports the buffer). The object and the interface dict are kept alive by the
//! storage. Masked interfaces and structured descrs are refused.

use oxarray_core::layout::c_strides;
use oxarray_core::{Array, DType, Shape, Strides};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use pyo3::IntoPyObjectExt;

use super::buffer::{array_over, checked_extent, RawBuffer};
use crate::ndarray::PyArray;

#[pymethods]
impl PyArray {
    /// The array interface, version 3.
    #[getter]
    fn __array_interface__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let a = &self.arr;
        if a.dtype().builtin.is_none() && !oxarray_core::strings::is_string(a.dtype()) {
            // No type string describes a registered dtype (NumPy would read `|V2` as
            // void): consumers take `__array__` instead, as NumPy's `asarray` does.
            return Err(pyo3::exceptions::PyAttributeError::new_err(format!(
                "arrays of dtype {} have no __array_interface__; use __array__",
                a.dtype()
            )));
        }
        let d = PyDict::new(py);
        let typestr = a.dtype().str();
        d.set_item("shape", PyTuple::new(py, a.shape())?)?;
        d.set_item("typestr", &typestr)?;
        d.set_item("descr", PyList::new(py, [("", typestr.as_str())])?)?;
        d.set_item("data", (a.data_ptr() as usize, !a.is_writeable()))?;
        if a.is_c_contiguous() {
            d.set_item("strides", py.None())?;
        } else {
            d.set_item("strides", PyTuple::new(py, a.strides())?)?;
        }
        d.set_item("version", 3)?;
        Ok(d)
    }
}

/// Keeps the exporting object (and the buffer of `data`, when it was an object) alive.
struct InterfaceOwner {
    _obj: Py<PyAny>,
    _buf: Option<RawBuffer>,
}

/// View an object with `__array_interface__` (`None` when it has none).
///
/// # Errors
/// `TypeError`/`ValueError` for malformed or unsupported interfaces (masks, structured or
/// object dtypes, buffers too small for the layout).
pub fn import_interface(obj: &Bound<'_, PyAny>) -> PyResult<Option<Array>> {
    // Absent is `None`; any other exception raised by the attribute (a property that
    // fails) is the caller's, passed through unchanged as NumPy does.
    let iface = match obj.getattr("__array_interface__") {
        Ok(i) => i,
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyAttributeError>(obj.py()) => {
            return Ok(None)
        }
        Err(e) => return Err(e),
    };
    let iface = iface
        .cast_into::<PyDict>()
        .map_err(|_| PyTypeError::new_err("__array_interface__ must be a dict"))?;
    let get = |k: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        Ok(iface.get_item(k)?.filter(|v| !v.is_none()))
    };
    let shape: Vec<usize> = get("shape")?
        .ok_or_else(|| PyValueError::new_err("__array_interface__ has no 'shape'"))?
        .extract()?;
    let typestr: String = get("typestr")?
        .ok_or_else(|| PyValueError::new_err("__array_interface__ has no 'typestr'"))?
        .extract()?;
    if get("mask")?.is_some() {
        return Err(PyTypeError::new_err(
            "oxarray cannot import a masked __array_interface__",
        ));
    }
    if let Some(descr) = get("descr")? {
        // A field with a name (even one alone) is a structured dtype, not NumPy's
        // unstructured void that the typestr `|V<n>` would otherwise read as.
        let named = descr
            .get_item(0)
            .and_then(|f| f.get_item(0))
            .and_then(|n| n.extract::<String>())
            .is_ok_and(|n| !n.is_empty());
        if descr.len().unwrap_or(1) > 1 || named {
            return Err(PyTypeError::new_err(
                "oxarray cannot import structured dtypes from __array_interface__",
            ));
        }
    }
    let dtype = DType::parse(&typestr).map_err(|_| {
        PyTypeError::new_err(format!(
            "oxarray has no dtype for the __array_interface__ typestr {typestr:?}"
        ))
    })?;
    let shape = Shape::from_slice(&shape);
    let strides: Strides = match get("strides")? {
        Some(s) => {
            let v: Vec<isize> = s.extract()?;
            if v.len() != shape.len() {
                return Err(PyValueError::new_err(
                    "__array_interface__ strides and shape have different lengths",
                ));
            }
            Strides::from_slice(&v)
        }
        None => c_strides(&shape, dtype.itemsize),
    };
    let offset: isize = match get("offset")? {
        Some(o) => o.extract()?,
        None => 0,
    };
    let data = get("data")?;
    let (ptr, writeable, buf) = match data {
        Some(d) if d.is_instance_of::<PyTuple>() => {
            let (addr, readonly): (usize, bool) = d.extract()?;
            let empty = shape.contains(&0);
            if addr == 0 && !empty {
                return Err(PyValueError::new_err(
                    "__array_interface__ data pointer is NULL",
                ));
            }
            ((addr as *mut u8).wrapping_offset(offset), !readonly, None)
        }
        other => {
            let src = other.unwrap_or_else(|| obj.clone());
            if src.is(obj) && get("data")?.is_none() && !super::buffer::has_buffer(obj) {
                return Err(PyTypeError::new_err(
                    "__array_interface__ data is None but the object has no buffer",
                ));
            }
            let b = RawBuffer::get(&src)?;
            let empty = shape.contains(&0);
            let len = b.len_bytes() as isize;
            let inside = checked_extent(&shape, &strides, dtype.itemsize)
                .and_then(|(lo, hi)| Some((offset.checked_add(lo)?, offset.checked_add(hi)?)))
                .is_some_and(|(start, end)| start >= 0 && end <= len);
            if !empty && !inside {
                return Err(PyValueError::new_err(
                    "__array_interface__ layout reaches outside its data buffer",
                ));
            }
            let p = b.ptr().wrapping_offset(offset);
            (p, !b.readonly(), Some(b))
        }
    };
    let keep = InterfaceOwner {
        _obj: (obj, &iface).into_py_any(obj.py())?,
        _buf: buf,
    };
    array_over(ptr, shape, strides, dtype, writeable, Box::new(keep)).map(Some)
}
