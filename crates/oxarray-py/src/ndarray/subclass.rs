//! Python subclasses of `ndarray`: the constructor, `__array_finalize__`, and the one place
//! that turns a core `Array` into an object of a given ndarray type.
//!
//! How an ndarray object of type `T` comes to be, as NumPy does it:
//! 1. `T` is exactly `ndarray`: a plain `Py::new` (the fast path every operation on a plain
//!    array takes; nothing below runs).
//! 2. `T` is a subclass: the object is allocated for `T` by ndarray's own constructor
//!    machinery (never `T.__new__`, which may want other arguments: NumPy does the same), so
//!    the instance gets `T`'s `__dict__` slot and layout.
//! 3. If `T.__array_finalize__` is not ndarray's (a no-op) nor `None`, it is called as
//!    `T.__array_finalize__(new, obj)`, `obj` being the array the new one was made from
//!    (`None` when made from scratch by `T(shape, ...)`).
//!
//! Methods that make views or copies pass `like = self` (`wrap_*_like` in `mod.rs`), so
//! results keep `type(self)`; functions with `subok=False` keep using the plain wrappers.

use oxarray_core::{layout, Array, Builtin, Order};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;
use pyo3::PyClassInitializer;

use super::PyArray;
use crate::errors::CoreResultExt;
use crate::functions::{dims_arg, dtype_opt, parse_order, shape_arg};

/// A new object of type `ty` (ndarray or a subclass) holding `value`, finalized from `from`.
///
/// # Errors
/// `TypeError` when `ty` is not an ndarray type; whatever `__array_finalize__` raises.
pub fn new_of_type(
    ty: &Bound<'_, PyType>,
    value: PyArray,
    from: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let py = ty.py();
    if ty.is(py.get_type::<PyArray>()) {
        return super::raw::new_exact(py, value);
    }
    if !ty.is_subclass_of::<PyArray>()? {
        return Err(PyTypeError::new_err(format!(
            "{} is not a subtype of ndarray",
            ty.name()?
        )));
    }
    let init = PyClassInitializer::from(value);
    // SAFETY: `tp_new_impl` requires `ty` to be ndarray's type object or a subclass of it,
    // checked just above. (PyO3 0.30 has no public way to build a `#[pyclass]` value into a
    // Python subclass's instance; this is the function its `#[new]` wrappers call.)
    let ptr =
        unsafe { pyo3::impl_::pymethods::tp_new_impl::<_, PyArray>(py, init, ty.as_type_ptr()) }?;
    // SAFETY: `tp_new_impl` returned a new (owned), non-null reference on success.
    let obj = unsafe { Bound::from_owned_ptr(py, ptr) };
    finalize(ty, &obj, from)?;
    Ok(obj.unbind())
}

/// Call `ty.__array_finalize__(obj, from)` unless it is ndarray's own or `None` (NumPy
/// skips those too).
fn finalize(
    ty: &Bound<'_, PyType>,
    obj: &Bound<'_, PyAny>,
    from: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    let py = ty.py();
    let func = ty.getattr(pyo3::intern!(py, "__array_finalize__"))?;
    if func.is_none() {
        return Ok(());
    }
    static OWN: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let own = OWN.get_or_try_init(py, || {
        py.get_type::<PyArray>()
            .getattr(pyo3::intern!(py, "__array_finalize__"))
            .map(Bound::unbind)
    })?;
    if func.is(own) {
        return Ok(());
    }
    let from = match from {
        Some(f) => f.clone(),
        None => py.None().into_bound(py),
    };
    func.call1((obj, from))?;
    Ok(())
}

/// The memory a `buffer=` argument offers: the array it is (C- or F-contiguous, as the
/// buffer protocol NumPy uses asks) and its length in bytes.
///
/// Only oxarray arrays are accepted on this branch: importing any Python buffer is the
/// interchange code's job; until it is wired here, other objects raise `TypeError`.
fn buffer_array<'py>(buffer: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyArray>> {
    let Ok(b) = buffer.cast::<PyArray>() else {
        return Err(PyTypeError::new_err(format!(
            "a bytes-like object is required, not '{}' (oxarray.ndarray(buffer=...) accepts oxarray arrays)",
            buffer.get_type().name()?
        )));
    };
    let a = &b.borrow().arr;
    if !(a.is_c_contiguous() || a.is_f_contiguous()) {
        return Err(PyValueError::new_err("ndarray is not contiguous"));
    }
    Ok(b.clone())
}

/// NumPy's `PyArray_CheckStrides`: the layout stays inside `nbytes` bytes from `offset`.
fn strides_fit(
    shape: &[usize],
    strides: &[isize],
    itemsize: usize,
    offset: isize,
    nbytes: usize,
) -> bool {
    if shape.contains(&0) {
        return true;
    }
    // Exact arithmetic: user strides can make `layout::byte_extent`'s isize sums wrap
    // (5 items 2**62 bytes apart "fit" in 8 bytes), and `from_parts` trusts that sum.
    // Each span is below 2**127 in size and the running bounds stay within 0..2**63 (or we
    // return), so no sum overflows i128.
    let (mut lo, mut hi) = (offset as i128, offset as i128 + itemsize as i128);
    for (&n, &st) in shape.iter().zip(strides) {
        let span = (n as i128 - 1) * st as i128;
        if span < 0 {
            lo += span;
        } else {
            hi += span;
        }
        if lo < 0 || hi > nbytes as i128 {
            return false;
        }
    }
    true
}

#[pymethods]
impl PyArray {
    /// `ndarray(shape, dtype=float, buffer=None, offset=0, strides=None, order=None)`: a new
    /// array of `cls` (zeros when no buffer is given; NumPy leaves them uninitialised).
    #[new]
    #[classmethod]
    #[pyo3(signature = (shape, dtype=None, buffer=None, offset=0, strides=None, order=None))]
    fn __new__(
        cls: &Bound<'_, PyType>,
        shape: &Bound<'_, PyAny>,
        dtype: Option<&Bound<'_, PyAny>>,
        buffer: Option<&Bound<'_, PyAny>>,
        offset: isize,
        strides: Option<&Bound<'_, PyAny>>,
        order: Option<&str>,
    ) -> PyResult<Py<PyAny>> {
        let dims = dims_arg(shape)?;
        let dt = dtype_opt(dtype)?.unwrap_or(Builtin::Float64.dtype());
        let buf = match buffer {
            Some(b) if !b.is_none() => Some(buffer_array(b)?),
            _ => None,
        };
        let fortran = parse_order(order, Order::C)? == Order::F;
        let strides = match strides {
            Some(s) if !s.is_none() => Some(shape_arg(s)?),
            _ => None,
        };
        if let Some(s) = &strides {
            if s.len() != dims.len() {
                return Err(PyValueError::new_err(
                    "strides, if given, must be the same length as shape",
                ));
            }
        }
        if offset < 0 {
            // NumPy accepts a negative offset and then addresses memory before the buffer;
            // refused here, as that memory belongs to no one.
            return Err(PyValueError::new_err("offset must be non-negative"));
        }
        let layout_order = if fortran { Order::F } else { Order::C };
        let Some(buf) = buf else {
            // No buffer: fresh zeroed memory, laid out by `strides` when given (checked
            // against the array's own byte count, as NumPy does).
            let a = Array::zeros(&dims, dt, layout_order).py()?;
            let a = match strides {
                None => a,
                Some(s) => {
                    if !strides_fit(&dims, &s, dt.itemsize, 0, a.nbytes()) {
                        return Err(PyValueError::new_err(
                            "strides is incompatible with shape of requested array and size of buffer",
                        ));
                    }
                    Array::from_parts(
                        a.storage().clone(),
                        0,
                        dims.as_slice().into(),
                        s.as_slice().into(),
                        dt,
                        true,
                    )
                    .py()?
                }
            };
            return new_of_type(cls, PyArray::from_array(a), None);
        };
        let src = buf.borrow().arr.clone();
        let len = src.nbytes();
        let strides = match strides {
            Some(s) => {
                if !strides_fit(&dims, &s, dt.itemsize, offset, len) {
                    return Err(PyValueError::new_err(
                        "strides is incompatible with shape of requested array and size of buffer",
                    ));
                }
                s
            }
            None => {
                let nbytes = layout::size_of_shape_checked(&dims)
                    .ok()
                    .and_then(|n| n.checked_mul(dt.itemsize));
                if nbytes.is_none_or(|n| n.saturating_add(offset as usize) > len) {
                    return Err(PyTypeError::new_err(
                        "buffer is too small for requested array",
                    ));
                }
                let s = if fortran {
                    layout::f_strides(&dims, dt.itemsize)
                } else {
                    layout::c_strides(&dims, dt.itemsize)
                };
                s.to_vec()
            }
        };
        // The buffer's bytes start at its lowest address (it is contiguous).
        let (lo, _) = layout::byte_extent(src.shape(), src.strides(), src.itemsize());
        let a = Array::from_parts(
            src.storage().clone(),
            src.offset() + lo + offset,
            dims.as_slice().into(),
            strides.as_slice().into(),
            dt,
            src.is_writeable(),
        )
        .py()?;
        let base = super::view_base(&buf, cls);
        new_of_type(
            cls,
            PyArray {
                arr: a,
                base: Some(base),
            },
            None,
        )
    }

    /// Called on every new array of a subclass made from another array (`obj`), or from
    /// scratch (`obj` is `None`); ndarray's own does nothing.
    fn __array_finalize__(&self, obj: &Bound<'_, PyAny>) {
        let _ = obj;
    }
}

/// The target type of `view(dtype, type)`: `(dtype, type)` after NumPy's rule that an
/// ndarray subclass given as `dtype` is the type.
///
/// `ty` is `Some` whenever `type=` was passed, `None` included: NumPy refuses an explicit
/// `type=None` ("Type must be a sub-type of ndarray type").
pub fn view_args<'py>(
    slf: &Bound<'py, PyArray>,
    dtype: Option<&Bound<'py, PyAny>>,
    ty: Option<&Bound<'py, PyAny>>,
) -> PyResult<(Option<Bound<'py, PyAny>>, Bound<'py, PyType>)> {
    let is_array_type = |o: &Bound<'_, PyAny>| -> PyResult<bool> {
        Ok(match o.cast::<PyType>() {
            Ok(t) => t.is_subclass_of::<PyArray>()?,
            Err(_) => false,
        })
    };
    let (dtype, ty) = match (dtype, ty) {
        (Some(d), t) if is_array_type(d)? => {
            if t.is_some() {
                return Err(PyValueError::new_err("Cannot specify output type twice."));
            }
            (None, Some(d))
        }
        (d, t) => (d.filter(|d| !d.is_none()), t),
    };
    let ty = match ty {
        None => slf.get_type(),
        Some(t) => {
            if !is_array_type(t)? {
                return Err(PyValueError::new_err(
                    "Type must be a sub-type of ndarray type",
                ));
            }
            t.cast::<PyType>()?.clone()
        }
    };
    Ok((dtype.cloned(), ty))
}

/// The `type=` argument of `view`: unlike an `Option`, an explicit `None` is kept (as
/// `Some(None)`), since NumPy treats it differently from no argument.
pub struct TypeArg(pub Option<Py<PyAny>>);

impl<'a, 'py> FromPyObject<'a, 'py> for TypeArg {
    type Error = PyErr;
    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(TypeArg(Some(obj.to_owned().unbind())))
    }
}
