//! Attributes: shape, strides, dtype, flags, base, T, mT, real, imag, ...

use oxarray_core::{Builtin, DType};
use pyo3::exceptions::{PyAttributeError, PyKeyError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use super::{wrap_like, wrap_view_like, PyArray};
use crate::dtype::{dtype_to_py, to_dtype, PyDType};
use crate::errors::CoreResultExt;
use oxarray_core::ops;

/// The dtype of the real (or imaginary) part of `dt`, and the byte offset of the imaginary
/// part.
fn part_dtype(dt: DType) -> Option<(DType, isize)> {
    let native = match dt.builtin? {
        Builtin::Complex64 => Builtin::Float32.dtype(),
        Builtin::Complex128 => Builtin::Float64.dtype(),
        _ => return None,
    };
    let part = if dt.is_native() {
        native
    } else {
        native.swapped()
    };
    Some((part, dt.itemsize as isize / 2))
}

#[pymethods]
impl PyArray {
    #[getter]
    fn shape<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.arr.shape())
    }
    #[setter(shape)]
    fn set_shape(&mut self, shape: &Bound<'_, PyAny>) -> PyResult<()> {
        let req = crate::functions::shape_arg(shape)?;
        let v = ops::reshape(&self.arr, &req, oxarray_core::Order::C).py()?;
        if !std::sync::Arc::ptr_eq(v.storage(), self.arr.storage()) {
            return Err(PyAttributeError::new_err(
                "Incompatible shape for in-place modification. Use `.reshape()` to make a copy with the desired shape.",
            ));
        }
        self.arr = v;
        Ok(())
    }
    #[getter]
    fn strides<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.arr.strides())
    }
    #[getter]
    fn ndim(&self) -> usize {
        self.arr.ndim()
    }
    #[getter]
    fn size(&self) -> usize {
        self.arr.size()
    }
    #[getter]
    fn itemsize(&self) -> usize {
        self.arr.itemsize()
    }
    #[getter]
    fn nbytes(&self) -> usize {
        self.arr.nbytes()
    }
    #[getter]
    fn dtype(&self, py: Python<'_>) -> PyResult<Py<PyDType>> {
        dtype_to_py(py, self.arr.dtype())
    }
    /// NumPy's dtype protocol (as `numpy.dtype(numpy_array)` reads the array's dtype).
    #[getter]
    fn __numpy_dtype__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::dtype::numpy_dtype_of(py, self.arr.dtype())
    }
    /// Size in bytes for `sys.getsizeof`, as NumPy's: the object, plus the data buffer
    /// when the array owns it (a view, or an array over another object's memory, counts
    /// only itself).
    fn __sizeof__(slf: &Bound<'_, Self>) -> PyResult<usize> {
        let basic: usize = slf.get_type().getattr("__basicsize__")?.extract()?;
        let a = slf.borrow();
        let own = if a.base.is_none() && a.arr.storage().is_owned() {
            a.arr.storage().len()
        } else {
            0
        };
        Ok(basic + own)
    }
    /// dask's tokenisation protocol: a deterministic token of the contents, dtype, shape
    /// and memory layout (see `oxarray._dask`).
    fn __dask_tokenize__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py()
            .import("oxarray._dask")?
            .getattr("_tokenize")?
            .call1((slf,))
    }
    #[getter]
    fn base(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        self.base.as_ref().map(|b| b.clone_ref(py))
    }
    #[getter]
    fn flags(slf: &Bound<'_, Self>) -> PyFlags {
        PyFlags {
            arr: slf.clone().unbind(),
        }
    }
    /// The transposed view.
    #[getter(T)]
    fn t(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let v = {
            let this = slf.borrow();
            let a = &this.arr;
            // Copied as slices, then reversed in place (collecting a reversed iterator
            // into a `SmallVec` pushes element by element).
            let mut shape = oxarray_core::Shape::from_slice(a.shape());
            let mut strides = oxarray_core::Strides::from_slice(a.strides());
            shape.reverse();
            strides.reverse();
            // SAFETY: reversing the (shape, stride) pairs addresses the same elements
            // (invariant 1 of Array is kept by any axis permutation).
            unsafe { a.view_unchecked(0, shape, strides) }
        };
        wrap_view_like(slf, v)
    }
    /// Transpose of the last two axes (matrix transpose).
    #[getter(mT)]
    fn m_t(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let a = slf.borrow().arr.clone();
        if a.ndim() < 2 {
            return Err(PyValueError::new_err(
                "matrix transpose with ndim < 2 is undefined",
            ));
        }
        let v = ops::swapaxes(&a, -1, -2).py()?;
        wrap_view_like(slf, v)
    }
    /// The real part: a view for complex arrays, the array itself otherwise.
    #[getter]
    fn real(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let a = slf.borrow().arr.clone();
        match part_dtype(a.dtype()) {
            Some((pd, _)) => wrap_view_like(slf, reinterpret(&a, pd, 0)?),
            None => Ok(slf.clone().into_any().unbind()),
        }
    }
    /// The imaginary part: a view for complex arrays, read-only zeros otherwise.
    #[getter]
    fn imag(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let a = slf.borrow().arr.clone();
        match part_dtype(a.dtype()) {
            Some((pd, off)) => wrap_view_like(slf, reinterpret(&a, pd, off)?),
            None => {
                let mut z =
                    oxarray_core::Array::zeros(a.shape(), a.dtype(), oxarray_core::Order::C)
                        .py()?;
                z.set_writeable(false).py()?;
                wrap_like(slf, z)
            }
        }
    }
    #[setter(real)]
    fn set_real(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let target = Self::real(slf)?;
        target
            .bind(slf.py())
            .set_item(pyo3::types::PyEllipsis::get(slf.py()), value)
    }
    #[setter(imag)]
    fn set_imag(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let a = slf.borrow().arr.clone();
        if part_dtype(a.dtype()).is_none() {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "array does not have imaginary part to set",
            ));
        }
        let target = Self::imag(slf)?;
        target
            .bind(slf.py())
            .set_item(pyo3::types::PyEllipsis::get(slf.py()), value)
    }
    /// The dtype can be reassigned to one of the same itemsize (a reinterpretation).
    #[setter(dtype)]
    fn set_dtype(&mut self, dtype: &Bound<'_, PyAny>) -> PyResult<()> {
        let dt = to_dtype(dtype)?;
        self.arr = ops::view_as(&self.arr, dt).py()?;
        Ok(())
    }
    /// Base pointer address (for debugging and interop tests).
    #[getter]
    fn _data_ptr(&self) -> usize {
        self.arr.data_ptr() as usize
    }
    #[getter]
    fn device(&self) -> &'static str {
        "cpu"
    }
    /// A view of the same memory with another dtype and/or ndarray type (`view(dtype, type)`;
    /// an ndarray subclass given as `dtype` is the type, as in NumPy).
    #[pyo3(signature = (dtype=None, r#type=super::subclass::TypeArg(None)))]
    fn view(
        slf: &Bound<'_, Self>,
        dtype: Option<&Bound<'_, PyAny>>,
        r#type: super::subclass::TypeArg,
    ) -> PyResult<Py<PyAny>> {
        let ty = r#type.0.map(|t| t.into_bound(slf.py()));
        let (dtype, ty) = super::subclass::view_args(slf, dtype, ty.as_ref())?;
        let a = slf.borrow().arr.clone();
        let v = match dtype {
            None => a,
            Some(d) => ops::view_as(&a, to_dtype(&d)?).py()?,
        };
        let value = PyArray {
            arr: v,
            base: Some(super::view_base(slf, &ty)),
        };
        super::new_of_type(&ty, value, Some(slf.as_any()))
    }
}

/// The same layout `offset` bytes further on, seen as `dt` (smaller than the array's item:
/// the element stride stays, only the item shrinks). `from_parts` checks the bounds.
fn reinterpret(a: &oxarray_core::Array, dt: DType, offset: isize) -> PyResult<oxarray_core::Array> {
    oxarray_core::Array::from_parts(
        a.storage().clone(),
        a.offset() + offset,
        a.shape().into(),
        a.strides().into(),
        dt,
        a.is_writeable(),
    )
    .py()
}

/// `ndarray.flags`: live view of the array's flags.
#[pyclass(name = "flagsobj", module = "oxarray")]
pub struct PyFlags {
    arr: Py<PyArray>,
}

#[pymethods]
impl PyFlags {
    #[getter]
    fn c_contiguous(&self, py: Python<'_>) -> bool {
        self.arr.borrow(py).arr.is_c_contiguous()
    }
    #[getter]
    fn f_contiguous(&self, py: Python<'_>) -> bool {
        self.arr.borrow(py).arr.is_f_contiguous()
    }
    #[getter]
    fn contiguous(&self, py: Python<'_>) -> bool {
        self.c_contiguous(py)
    }
    #[getter]
    fn fortran(&self, py: Python<'_>) -> bool {
        self.f_contiguous(py)
    }
    #[getter]
    fn owndata(&self, py: Python<'_>) -> bool {
        let a = self.arr.borrow(py);
        a.base.is_none() && a.arr.storage().is_owned()
    }
    #[getter]
    fn writeable(&self, py: Python<'_>) -> bool {
        self.arr.borrow(py).arr.is_writeable()
    }
    #[setter]
    fn set_writeable(&self, py: Python<'_>, value: bool) -> PyResult<()> {
        let mut a = self.arr.borrow_mut(py);
        if value && !a.arr.is_writeable() {
            // A view may become writeable again only if its base is.
            if let Some(base) = &a.base {
                if let Ok(b) = base.bind(py).cast::<PyArray>() {
                    if !b.borrow().arr.is_writeable() {
                        return Err(PyValueError::new_err(
                            "cannot set WRITEABLE flag to True of this array",
                        ));
                    }
                }
            }
        }
        a.arr.set_writeable(value).py()
    }
    #[getter]
    fn aligned(&self, py: Python<'_>) -> bool {
        self.arr.borrow(py).arr.is_aligned()
    }
    #[getter]
    fn writebackifcopy(&self) -> bool {
        false
    }
    #[getter]
    fn forc(&self, py: Python<'_>) -> bool {
        self.c_contiguous(py) || self.f_contiguous(py)
    }
    fn __getitem__(&self, py: Python<'_>, key: &str) -> PyResult<bool> {
        Ok(match key {
            "C_CONTIGUOUS" | "C" | "CONTIGUOUS" => self.c_contiguous(py),
            "F_CONTIGUOUS" | "F" | "FORTRAN" => self.f_contiguous(py),
            "OWNDATA" | "O" => self.owndata(py),
            "WRITEABLE" | "W" => self.writeable(py),
            "ALIGNED" | "A" => self.aligned(py),
            "WRITEBACKIFCOPY" | "X" => false,
            "FORC" => self.forc(py),
            _ => return Err(PyKeyError::new_err(format!("Unknown flag {key}"))),
        })
    }
    fn __setitem__(&self, py: Python<'_>, key: &str, value: bool) -> PyResult<()> {
        match key {
            "WRITEABLE" | "W" => self.set_writeable(py, value),
            _ => Err(PyKeyError::new_err(format!("Cannot set flag {key}"))),
        }
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "  C_CONTIGUOUS : {}\n  F_CONTIGUOUS : {}\n  OWNDATA : {}\n  WRITEABLE : {}\n  ALIGNED : {}\n  WRITEBACKIFCOPY : False\n",
            pybool(self.c_contiguous(py)),
            pybool(self.f_contiguous(py)),
            pybool(self.owndata(py)),
            pybool(self.writeable(py)),
            pybool(self.aligned(py)),
        )
    }
}

fn pybool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}
