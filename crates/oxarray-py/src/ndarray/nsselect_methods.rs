//! ndarray methods of the selection family (`take put nonzero compress choose diagonal
//! trace clip round conj conjugate byteswap setflags tofile dump dumps getfield setfield
//! flat data ctypes`, `__contains__`, `__array_wrap__`, `__array_priority__`,
//! `__class_getitem__`, `__setstate__`).
//!
//! Each method is the module-level function of the same name applied to `self`, as in
//! NumPy; the ones whose module function is a pure-Python composite call it through the
//! `oxarray` package.

use oxarray_core::dtype::cast::swap_in_place;
use oxarray_core::{iter, Array, Order};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyTuple, PyType};

use super::{wrap_like, PyArray};
use crate::dtype::to_dtype;
use crate::errors::CoreResultExt;
use crate::functions::indexing as fx;

/// `oxarray.<name>` (the package's public function).
fn ox<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("oxarray")?.getattr(name)
}

/// `oxarray._indexing.<name>`.
fn ix<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("oxarray._indexing")?.getattr(name)
}

#[pymethods]
impl PyArray {
    /// `a.take(indices, axis=None, out=None, mode='raise')`.
    #[pyo3(signature = (indices, axis=None, out=None, mode="raise"))]
    fn take(
        slf: &Bound<'_, Self>,
        indices: &Bound<'_, PyAny>,
        axis: Option<isize>,
        out: Option<&Bound<'_, PyAny>>,
        mode: &str,
    ) -> PyResult<Py<PyAny>> {
        fx::take(slf.py(), slf.as_any(), indices, axis, out, mode)
    }

    /// `a.put(indices, values, mode='raise')`.
    #[pyo3(signature = (indices, values, mode="raise"))]
    fn put(
        slf: &Bound<'_, Self>,
        indices: &Bound<'_, PyAny>,
        values: &Bound<'_, PyAny>,
        mode: &str,
    ) -> PyResult<()> {
        fx::put(slf.py(), slf.as_any(), indices, values, mode)
    }

    /// `a.nonzero()`.
    fn nonzero<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        fx::nonzero(slf.py(), slf.as_any())
    }

    /// `a.compress(condition, axis=None, out=None)`.
    #[pyo3(signature = (condition, axis=None, out=None))]
    fn compress(
        slf: &Bound<'_, Self>,
        condition: &Bound<'_, PyAny>,
        axis: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let kw = PyDict::new(py);
        kw.set_item("axis", axis)?;
        kw.set_item("out", out)?;
        Ok(ox(py, "compress")?
            .call((condition, slf), Some(&kw))?
            .unbind())
    }

    /// `a.choose(choices, out=None, mode='raise')`.
    #[pyo3(signature = (choices, out=None, mode="raise"))]
    fn choose(
        slf: &Bound<'_, Self>,
        choices: &Bound<'_, PyAny>,
        out: Option<&Bound<'_, PyAny>>,
        mode: &str,
    ) -> PyResult<Py<PyAny>> {
        fx::choose(slf.py(), slf.as_any(), choices, out, mode)
    }

    /// `a.diagonal(offset=0, axis1=0, axis2=1)`: a read-only view.
    #[pyo3(signature = (offset=0, axis1=0, axis2=1))]
    fn diagonal(
        slf: &Bound<'_, Self>,
        offset: isize,
        axis1: isize,
        axis2: isize,
    ) -> PyResult<Py<PyAny>> {
        fx::diagonal(slf.as_any(), offset, axis1, axis2)
    }

    /// `a.trace(offset=0, axis1=0, axis2=1, dtype=None, out=None)`.
    #[pyo3(signature = (offset=0, axis1=0, axis2=1, dtype=None, out=None))]
    fn trace(
        slf: &Bound<'_, Self>,
        offset: isize,
        axis1: isize,
        axis2: isize,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let d = fx::diagonal(slf.as_any(), offset, axis1, axis2)?;
        let kw = PyDict::new(py);
        kw.set_item("axis", -1)?;
        kw.set_item("dtype", dtype)?;
        kw.set_item("out", out)?;
        Ok(d.bind(py).call_method("sum", (), Some(&kw))?.unbind())
    }

    /// `a.clip(min=None, max=None, out=None, **kwargs)`.
    #[pyo3(signature = (min=None, max=None, out=None, **kwargs))]
    fn clip(
        slf: &Bound<'_, Self>,
        min: Option<&Bound<'_, PyAny>>,
        max: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let kw = match kwargs {
            Some(k) => k.copy()?,
            None => PyDict::new(py),
        };
        kw.set_item("out", out)?;
        Ok(ox(py, "clip")?.call((slf, min, max), Some(&kw))?.unbind())
    }

    /// `a.round(decimals=0, out=None)`.
    #[pyo3(signature = (decimals=0, out=None))]
    fn round(
        slf: &Bound<'_, Self>,
        decimals: isize,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        Ok(ox(py, "round")?.call1((slf, decimals, out))?.unbind())
    }

    /// `a.conj()`: the complex conjugate (the `conjugate` ufunc).
    fn conj(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        Ok(ox(py, "conjugate")?.call1((slf,))?.unbind())
    }

    /// `a.conjugate()`.
    fn conjugate(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        Self::conj(slf)
    }

    /// `a.byteswap(inplace=False)`: swap the bytes of every element (the dtype stays).
    #[pyo3(signature = (inplace=false))]
    fn byteswap(slf: &Bound<'_, Self>, inplace: bool) -> PyResult<Py<PyAny>> {
        let a = slf.borrow().arr.clone();
        let unit = a.dtype().swap_unit();
        let target = if inplace {
            a.check_writeable().py()?;
            a.clone()
        } else {
            iter::copy_of(&a, Order::K).py()?
        };
        if unit > 1 {
            let size = target.itemsize();
            target.for_each_ptr(|p| {
                // SAFETY: `p` is an element of `target`, writeable (checked or fresh).
                let item = unsafe { std::slice::from_raw_parts_mut(p, size) };
                swap_in_place(item, unit);
            });
        }
        if inplace {
            return Ok(slf.clone().into_any().unbind());
        }
        wrap_like(slf, target)
    }

    /// `a.setflags(write=None, align=None, uic=None)`.
    #[pyo3(signature = (write=None, align=None, uic=None))]
    fn setflags(
        slf: &Bound<'_, Self>,
        write: Option<bool>,
        align: Option<bool>,
        uic: Option<bool>,
    ) -> PyResult<()> {
        if uic == Some(true) {
            return Err(PyValueError::new_err(
                "cannot set WRITEBACKIFCOPY flag to True",
            ));
        }
        if align == Some(true) && !slf.borrow().arr.is_aligned() {
            return Err(PyValueError::new_err(
                "cannot set aligned flag of mis-aligned array to True",
            ));
        }
        if let Some(w) = write {
            slf.as_any().getattr("flags")?.setattr("writeable", w)?;
        }
        Ok(())
    }

    /// `a.tofile(fid, sep='', format='%s')`.
    #[pyo3(signature = (fid, sep="", format="%s"))]
    fn tofile(
        slf: &Bound<'_, Self>,
        fid: &Bound<'_, PyAny>,
        sep: &str,
        format: &str,
    ) -> PyResult<()> {
        let py = slf.py();
        ix(py, "_tofile")?.call1((slf, fid, sep, format))?;
        Ok(())
    }

    /// `a.dump(file)`: pickle to a file (or a path).
    fn dump(slf: &Bound<'_, Self>, file: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = slf.py();
        ix(py, "_dump")?.call1((slf, file))?;
        Ok(())
    }

    /// `a.dumps()`: the pickle as bytes.
    fn dumps<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        py.import("pickle")?.getattr("dumps")?.call1((slf, 2))
    }

    /// `a.getfield(dtype, offset=0)`: a view of the bytes at `offset` of each element as
    /// `dtype`.
    #[pyo3(signature = (dtype, offset=0))]
    fn getfield(
        slf: &Bound<'_, Self>,
        dtype: &Bound<'_, PyAny>,
        offset: isize,
    ) -> PyResult<Py<PyAny>> {
        let dt = to_dtype(dtype)?;
        let v = field_view(&slf.borrow().arr, dt, offset)?;
        super::wrap_view_like(slf, v)
    }

    /// `a.setfield(val, dtype, offset=0)`: write `val` into the field `getfield` views.
    #[pyo3(signature = (val, dtype, offset=0))]
    fn setfield(
        slf: &Bound<'_, Self>,
        val: &Bound<'_, PyAny>,
        dtype: &Bound<'_, PyAny>,
        offset: isize,
    ) -> PyResult<()> {
        let dt = to_dtype(dtype)?;
        let a = slf.borrow().arr.clone();
        a.check_writeable().py()?;
        let v = field_view(&a, dt, offset)?;
        let src = crate::convert::value_for_assignment(val, dt, false)?;
        iter::copy_into(&v, &src).py()
    }

    /// `a.flat`: a flat iterator over the array (get and set by int, slice, array, mask).
    #[getter]
    fn get_flat(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        Ok(ix(py, "flatiter")?.call1((slf,))?.unbind())
    }

    /// `a.flat = value`: `a.flat[:] = value` (values repeat as needed).
    #[setter]
    fn set_flat(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = slf.py();
        let it = ix(py, "flatiter")?.call1((slf,))?;
        let all = pyo3::types::PySlice::full(py);
        it.set_item(all, value)
    }

    /// `a.data`: a memoryview of the array.
    #[getter]
    fn data<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        py.import("builtins")?.getattr("memoryview")?.call1((slf,))
    }

    /// `a.ctypes`: `data`, `shape`, `strides`, `data_as` (as NumPy's `_ctypes`, limited).
    #[getter]
    fn ctypes<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        ix(py, "_ctypes")?.call1((slf,))
    }

    /// `value in a`: `(a == value).any()`.
    fn __contains__(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<bool> {
        let r = slf.as_any().call_method1("__eq__", (value,))?;
        r.call_method0("any")?.is_truthy()
    }

    /// `a.__array_wrap__(array, context=None, return_scalar=False)`: `array` as
    /// `type(a)`, or its only element when `return_scalar`.
    #[pyo3(signature = (array, context=None, return_scalar=false))]
    fn __array_wrap__(
        slf: &Bound<'_, Self>,
        array: &Bound<'_, PyAny>,
        context: Option<&Bound<'_, PyAny>>,
        return_scalar: bool,
    ) -> PyResult<Py<PyAny>> {
        let _ = context;
        let arr = array
            .cast::<PyArray>()
            .map_err(|_| PyTypeError::new_err("__array_wrap__ needs an ndarray"))?;
        let a = arr.borrow().arr.clone();
        if return_scalar && a.ndim() == 0 {
            return crate::scalars::make_scalar(slf.py(), a.item().py()?, a.dtype());
        }
        if arr.get_type().is(slf.get_type()) {
            return Ok(arr.clone().into_any().unbind());
        }
        super::wrap_view_like(slf, a)
    }

    /// NumPy's base-class priority.
    #[classattr]
    fn __array_priority__() -> f64 {
        0.0
    }

    /// `ndarray[T]`: a generic alias (for type annotations).
    #[classmethod]
    fn __class_getitem__<'py>(
        cls: &Bound<'py, PyType>,
        item: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
        py.import("types")?
            .getattr("GenericAlias")?
            .call1((cls, item))
    }

    /// `a.__setstate__((version, shape, dtype, is_fortran, rawdata))`: NumPy's pickle
    /// state; the array takes a fresh copy of the data.
    fn __setstate__(&mut self, state: &Bound<'_, PyAny>) -> PyResult<()> {
        let t = state.cast::<PyTuple>()?;
        let items: Vec<Bound<'_, PyAny>> = t.iter().collect();
        let (shape, dtype, fortran, raw) = match items.len() {
            5 => (&items[1], &items[2], &items[3], &items[4]),
            4 => (&items[0], &items[1], &items[2], &items[3]),
            _ => return Err(PyValueError::new_err("invalid __setstate__ argument")),
        };
        let dims = crate::functions::dims_arg(shape)?;
        let dt = to_dtype(dtype)?;
        let order = if fortran.is_truthy()? {
            Order::F
        } else {
            Order::C
        };
        let bytes = raw.cast::<PyBytes>()?.as_bytes();
        let n = oxarray_core::layout::nbytes_checked(&dims, dt.itemsize).py()?;
        if bytes.len() != n {
            return Err(PyValueError::new_err(
                "buffer size does not match array size",
            ));
        }
        let a = Array::zeros(&dims, dt, order).py()?;
        if n > 0 {
            // The bytes are in the array's memory order (C, or F when `is_fortran`).
            // SAFETY: the fresh contiguous array holds exactly `n` bytes.
            unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), a.data_ptr(), n) };
        }
        self.arr = a;
        self.base = None;
        Ok(())
    }
}

/// The view `getfield` gives: same layout, `offset` bytes into each element, as `dt`.
fn field_view(a: &Array, dt: oxarray_core::DType, offset: isize) -> PyResult<Array> {
    if offset < 0 || offset as usize + dt.itemsize > a.itemsize() {
        return Err(PyValueError::new_err(format!(
            "Need 0 <= offset <= {} for requested type but received offset = {offset}",
            a.itemsize() as isize - dt.itemsize as isize
        )));
    }
    Array::from_parts(
        a.storage().clone(),
        a.offset() + offset,
        a.shape().into(),
        a.strides().into(),
        dt,
        a.is_writeable(),
    )
    .py()
}
