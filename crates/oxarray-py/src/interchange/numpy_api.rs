//! The NumPy-facing methods and functions of interchange: `__array__`,
//! `__array_function__`, `__array_ufunc__`, `tobytes`, `flush`, `frombuffer`, and the private
//! `_frombuffer_shaped` used by unpickling and `.npy` loading.

use oxarray_core::layout::{c_strides, f_strides, size_of_shape_checked};
use oxarray_core::{iter, Array, Builtin, Order, Shape};
use pyo3::exceptions::{PyBufferError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyMemoryView, PyTuple};
use pyo3::IntoPyObjectExt;

use super::buffer::{array_over, RawBuffer};
use crate::dtype::to_dtype;
use crate::errors::CoreResultExt;
use crate::functions::parse_order;
use crate::ndarray::PyArray;

/// The bytes of `a` in `order` (a fresh contiguous copy unless `a` already is one).
fn contiguous_bytes<'py>(
    py: Python<'py>,
    a: &Array,
    order: Order,
) -> PyResult<Bound<'py, PyBytes>> {
    let ok = match order {
        Order::F => a.is_f_contiguous(),
        _ => a.is_c_contiguous(),
    };
    let c = if ok {
        a.clone()
    } else {
        iter::copy_of(a, order).py()?
    };
    if c.nbytes() == 0 {
        return Ok(PyBytes::new(py, &[]));
    }
    // SAFETY: `c` is contiguous in `order`, so its `nbytes` bytes from the data pointer are
    // exactly its elements (invariant 1 of `Array`); the slice lives only for this copy.
    let bytes = unsafe { std::slice::from_raw_parts(c.data_ptr(), c.nbytes()) };
    Ok(PyBytes::new(py, bytes))
}

#[pymethods]
impl PyArray {
    /// A NumPy array viewing the same memory (a copy only when `copy=True` or `dtype` asks).
    #[pyo3(signature = (dtype=None, copy=None))]
    fn __array__(
        slf: &Bound<'_, Self>,
        dtype: Option<&Bound<'_, PyAny>>,
        copy: Option<bool>,
    ) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let np = py.import("numpy")?;
        let dt = slf.borrow().arr.dtype();
        if crate::object::is_object(dt) {
            // A NumPy object array holding the same objects (a new array: NumPy takes no
            // object arrays through buffers).
            if copy == Some(false) {
                return Err(pyo3::exceptions::PyValueError::new_err(
                    "Unable to avoid copy while creating a NumPy array of objects as requested.",
                ));
            }
            let a = slf.borrow().arr.clone();
            let out = np.getattr("empty")?.call1((a.size(), "O"))?;
            let mut k = 0usize;
            let mut err = None;
            a.for_each_ptr(|p| {
                if err.is_some() {
                    return;
                }
                // SAFETY: `p` is an item of the live array.
                let v = unsafe { a.dtype().get(p) };
                let r = crate::convert::scalar_to_py(py, v).and_then(|o| out.set_item(k, o));
                if let Err(e) = r {
                    err = Some(e);
                }
                k += 1;
            });
            if let Some(e) = err {
                return Err(e);
            }
            let out = out.call_method1("reshape", (a.shape().to_vec(),))?;
            return match dtype {
                Some(d) if !d.is_none() => Ok(out.call_method1("astype", (d,))?.unbind()),
                _ => Ok(out.unbind()),
            };
        }
        if crate::vstring::is_vstring(dt) {
            // NumPy's StringDType keeps its text in its own arena: always a copy.
            if copy == Some(false) {
                return Err(pyo3::exceptions::PyValueError::new_err(
                    "Unable to avoid copy while creating a NumPy StringDType array as requested.",
                ));
            }
            let npd = crate::vstring::numpy_dtype(py, dt)?;
            let items = slf.call_method0("tolist")?;
            let out = np.getattr("array")?.call1((items, npd))?;
            let shape = slf.borrow().arr.shape().to_vec();
            let out = out.call_method1("reshape", (shape,))?;
            return match dtype {
                Some(d) if !d.is_none() => Ok(out.call_method1("astype", (d,))?.unbind()),
                _ => Ok(out.unbind()),
            };
        }
        if dt.builtin.is_none() {
            return registered_array(slf, dt, dtype, copy);
        }
        let mv = PyMemoryView::from(slf.as_any())?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("dtype", dtype)?;
        kwargs.set_item("copy", copy)?;
        Ok(np.getattr("array")?.call((mv,), Some(&kwargs))?.unbind())
    }

    /// NumPy's `__array_function__` protocol: NumPy functions called on oxarray arrays run
    /// oxarray's implementation; a function oxarray lacks raises `TypeError` naming it.
    fn __array_function__(
        &self,
        py: Python<'_>,
        func: &Bound<'_, PyAny>,
        types: &Bound<'_, PyAny>,
        args: &Bound<'_, PyTuple>,
        kwargs: &Bound<'_, PyDict>,
    ) -> PyResult<Py<PyAny>> {
        let m = py.import("oxarray._array_function")?;
        Ok(m.getattr("array_function")?
            .call1((func, types, args, kwargs))?
            .unbind())
    }

    /// NumPy's `__array_ufunc__` protocol: NumPy ufuncs (and their methods) called with an
    /// oxarray operand run oxarray's ufunc of the same name and return oxarray arrays.
    #[pyo3(signature = (ufunc, method, *inputs, **kwargs))]
    fn __array_ufunc__(
        &self,
        py: Python<'_>,
        ufunc: &Bound<'_, PyAny>,
        method: &str,
        inputs: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let m = py.import("oxarray._array_ufunc")?;
        Ok(m.getattr("array_ufunc")?
            .call1((ufunc, method, inputs, kwargs))?
            .unbind())
    }

    /// The raw bytes of the data, in C (default), Fortran (`'F'`) or memory (`'A'`, `'K'`)
    /// order.
    #[pyo3(signature = (order="C"))]
    fn tobytes<'py>(&self, py: Python<'py>, order: &str) -> PyResult<Bound<'py, PyBytes>> {
        let a = &self.arr;
        let o = match parse_order(Some(order), Order::C)? {
            Order::F => Order::F,
            Order::A | Order::K if a.is_f_contiguous() && !a.is_c_contiguous() => Order::F,
            _ => Order::C,
        };
        contiguous_bytes(py, a, o)
    }

    /// Write changes of a file-backed array (from `load(mmap_mode=...)` or `open_memmap`)
    /// to disk; does nothing for arrays in memory. (NumPy has this on `numpy.memmap`;
    /// oxarray has no separate memmap type.)
    fn flush(&self, py: Python<'_>) -> PyResult<()> {
        let Some(base) = &self.base else {
            return Ok(());
        };
        let base = base.bind(py);
        let mmap_type = py.import("mmap")?.getattr("mmap")?;
        if base.is_instance(&mmap_type)? {
            base.call_method0("flush")?;
        }
        Ok(())
    }
}

/// `frombuffer(buffer, dtype=float, count=-1, offset=0, *, like=None)`: a 1-D array viewing
/// a bytes-like object's memory (read-only when the buffer is).
#[pyfunction]
#[pyo3(signature = (buffer, dtype=None, count=-1, offset=0, *, like=None))]
pub fn frombuffer(
    py: Python<'_>,
    buffer: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    count: isize,
    offset: isize,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = like;
    let dt = match dtype.filter(|d| !d.is_none()) {
        Some(d) => to_dtype(d)?,
        None => Builtin::Float64.dtype(),
    };
    if dt.flags & oxarray_core::dtype::flags::HAS_REFS != 0 {
        // Bytes of a buffer are not live references (NumPy's refusal).
        return Err(PyValueError::new_err(
            "cannot create an OBJECT array from memory buffer",
        ));
    }
    let buf = RawBuffer::get(buffer)?;
    if !buf.is_c_contiguous() {
        return Err(PyBufferError::new_err("buffer is not C-contiguous"));
    }
    let len = buf.len_bytes() as isize;
    if offset < 0 || offset > len {
        return Err(PyValueError::new_err(format!(
            "offset must be non-negative and no greater than buffer length ({len})"
        )));
    }
    let isz = dt.itemsize as isize;
    let avail = len - offset;
    let n = if count < 0 {
        if avail % isz != 0 {
            return Err(PyValueError::new_err(
                "buffer size must be a multiple of element size",
            ));
        }
        avail / isz
    } else {
        if count.checked_mul(isz).is_none_or(|b| b > avail) {
            return Err(PyValueError::new_err(
                "buffer is smaller than requested size",
            ));
        }
        count
    };
    let shape = Shape::from_slice(&[n as usize]);
    let strides = c_strides(&shape, dt.itemsize);
    let ptr = buf.ptr().wrapping_offset(offset);
    let writeable = !buf.readonly();
    let arr = array_over(ptr, shape, strides, dt, writeable, Box::new(buf))?;
    Ok(Py::new(
        py,
        PyArray {
            arr,
            base: Some(buffer.clone().unbind()),
        },
    )?
    .into_any())
}

/// `_frombuffer_shaped(buffer, dtype, shape, order='C', offset=0)`: an array of `shape` in
/// C or Fortran order over the bytes of `buffer` from `offset` (no copy). Used to unpickle
/// (the buffer is the out-of-band `PickleBuffer` or the in-band bytes) and to map `.npy`
/// files.
#[pyfunction]
#[pyo3(signature = (buffer, dtype, shape, order="C", offset=0))]
pub fn _frombuffer_shaped(
    py: Python<'_>,
    buffer: &Bound<'_, PyAny>,
    dtype: &Bound<'_, PyAny>,
    shape: Vec<usize>,
    order: &str,
    offset: usize,
) -> PyResult<Py<PyAny>> {
    let dt = to_dtype(dtype)?;
    let n = size_of_shape_checked(&shape).py()?;
    let need = n
        .checked_mul(dt.itemsize)
        .ok_or_else(|| PyValueError::new_err("array is too big"))?;
    let buf = RawBuffer::get(buffer)?;
    if !buf.is_contiguous() {
        return Err(PyBufferError::new_err("buffer is not contiguous"));
    }
    if offset
        .checked_add(need)
        .is_none_or(|end| end > buf.len_bytes())
    {
        return Err(PyValueError::new_err(format!(
            "buffer of {} bytes is too small for an array of shape {:?} and dtype {} at offset {offset}",
            buf.len_bytes(),
            shape,
            dt
        )));
    }
    let shape = Shape::from_slice(&shape);
    let strides = if order == "F" {
        f_strides(&shape, dt.itemsize)
    } else {
        c_strides(&shape, dt.itemsize)
    };
    let ptr = buf.ptr().wrapping_add(offset);
    let writeable = !buf.readonly();
    let arr = array_over(ptr, shape, strides, dt, writeable, Box::new(buf))?;
    PyArray {
        arr,
        base: Some(buffer.clone().unbind()),
    }
    .into_py_any(py)
}

/// `__array__` of an array of a registered dtype: its bytes as NumPy unsigned integers of
/// the same size (zero-copy), viewed as the registered dtype's NumPy twin (e.g.
/// `ml_dtypes.bfloat16`); `dtype`/`copy` then apply as NumPy's `asarray` would.
fn registered_array(
    slf: &Bound<'_, PyArray>,
    dt: oxarray_core::DType,
    dtype: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    let np = py.import("numpy")?;
    let npd = crate::dtype::numpy_dtype_of(py, dt)?;
    let raw_dt = match dt.itemsize {
        1 => oxarray_core::Builtin::UInt8,
        2 => oxarray_core::Builtin::UInt16,
        4 => oxarray_core::Builtin::UInt32,
        8 => oxarray_core::Builtin::UInt64,
        _ => {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "cannot hand {} to NumPy",
                dt.name
            )))
        }
    };
    let raw = slf
        .borrow()
        .arr
        .with_dtype(raw_dt.dtype())
        .map_err(crate::errors::to_pyerr)?;
    let raw = Bound::new(
        py,
        PyArray {
            arr: raw,
            base: Some(slf.clone().into_any().unbind()),
        },
    )?;
    if copy == Some(false) && dtype.is_some() {
        // As NumPy: a dtype change cannot be made without a copy.
        let d = np.getattr("dtype")?.call1((dtype,))?;
        if !d.eq(&npd)? {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "Unable to avoid copy while creating an array as requested.",
            ));
        }
    }
    let mv = PyMemoryView::from(raw.as_any())?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("copy", copy)?;
    let out = np.getattr("array")?.call((mv,), Some(&kwargs))?;
    let out = out.call_method1("view", (npd,))?;
    match dtype {
        Some(d) if !d.is_none() => Ok(out.call_method1("astype", (d,))?.unbind()),
        _ => Ok(out.unbind()),
    }
}
