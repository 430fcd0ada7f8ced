//! Conversions and Python protocols: len, iter, bool/int/float/complex/index, copy, repr,
//! tolist, item.

use oxarray_core::dtype::Scalar;
use oxarray_core::{iter, Array, Order};
use pyo3::exceptions::{PyIndexError, PyMemoryError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use super::PyArray;
use crate::convert::scalar_to_py;
use crate::errors::CoreResultExt;
use crate::printing;
use crate::scalars::{make_scalar, PyGeneric};

/// The element of a 0-d array, for `int()`/`float()`/`complex()` (NumPy 2.4 refuses
/// arrays with dimensions, and complex values for `int()`/`float()`).
fn only_element(a: &Array, what: &str) -> PyResult<Scalar> {
    if a.ndim() != 0 {
        return Err(PyTypeError::new_err(
            "only 0-dimensional arrays can be converted to Python scalars",
        ));
    }
    let v = a.item().py()?;
    if matches!(v, Scalar::Complex(_)) && what != "complex" {
        let wording = if what == "int" {
            "a string, a bytes-like object or a real number"
        } else {
            "a string or a real number"
        };
        return Err(PyTypeError::new_err(format!(
            "{what}() argument must be {wording}, not 'complex'"
        )));
    }
    Ok(v)
}

fn scalar_obj<'py>(py: Python<'py>, a: &Array, v: Scalar) -> PyResult<Bound<'py, PyGeneric>> {
    Ok(make_scalar(py, v, a.dtype())?
        .into_bound(py)
        .cast_into::<PyGeneric>()?)
}

/// A `Vec` with room for `n` items, or `MemoryError` (the size comes from the user).
pub(crate) fn try_vec<T>(n: usize) -> PyResult<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n)
        .map_err(|_| PyMemoryError::new_err(format!("Unable to allocate a list of {n} items")))?;
    Ok(v)
}

/// Nested lists of Python numbers, in C order.
///
/// Built with a heap stack of open lists, one per axis being walked: an array of 100000
/// dimensions costs heap, never native stack. Every list's room is reserved fallibly, so
/// `empty((2**40, 0)).tolist()` is a `MemoryError`, as in NumPy.
pub(crate) fn tolist(py: Python<'_>, a: &Array) -> PyResult<Py<PyAny>> {
    if a.ndim() == 0 {
        if oxarray_core::strings::is_string(a.dtype()) {
            // SAFETY: a 0-d array's one item.
            return unsafe { crate::strings::item_to_builtin(py, a.dtype(), a.data_ptr()) };
        }
        return scalar_to_py(py, a.item().py()?);
    }
    let (shape, strides) = (a.shape(), a.strides());
    let nd = a.ndim();
    // One frame per open axis: the items so far, the address of item 0, the next index.
    let mut stack: Vec<(Vec<Py<PyAny>>, *mut u8, usize)> = Vec::new();
    stack.push((try_vec(shape[0])?, a.data_ptr(), 0));
    loop {
        let axis = stack.len() - 1;
        let (_, base, i) = stack.last_mut().expect("the stack is never empty here");
        if *i == shape[axis] {
            let (items, _, _) = stack.pop().expect("just looked at it");
            let list = PyList::new(py, items)?.into_any().unbind();
            match stack.last_mut() {
                None => return Ok(list),
                Some((parent, _, j)) => {
                    parent.push(list);
                    *j += 1;
                }
            }
            continue;
        }
        if axis + 1 == nd {
            // The whole last axis at once: one list, filled in place.
            // SAFETY: `base` addresses item 0 of this last-axis run of `a` (invariant 1).
            let list = unsafe { leaf_list(py, a, *base, shape[axis], strides[axis]) }?;
            stack.pop();
            match stack.last_mut() {
                None => return Ok(list),
                Some((parent, _, j)) => {
                    parent.push(list);
                    *j += 1;
                }
            }
            continue;
        }
        let p = base.wrapping_offset(*i as isize * strides[axis]);
        let child = if axis + 2 == nd {
            Vec::new()
        } else {
            try_vec(shape[axis + 1])?
        };
        stack.push((child, p, 0));
    }
}

/// The list of the `n` elements of `a` at `base + k * stride`: created at its length and
/// filled in place, `float64` and `int64` read and boxed directly (no `Scalar` in between).
///
/// # Safety
/// The `n` addresses are elements of `a`.
unsafe fn leaf_list(
    py: Python<'_>,
    a: &Array,
    base: *mut u8,
    n: usize,
    stride: isize,
) -> PyResult<Py<PyAny>> {
    use oxarray_core::Builtin;
    use pyo3::ffi;
    let dt = a.dtype();
    // SAFETY: a new list of `n` NULL slots (or NULL and MemoryError).
    let raw = unsafe { ffi::PyList_New(n as ffi::Py_ssize_t) };
    if raw.is_null() {
        return Err(PyErr::fetch(py));
    }
    // SAFETY: `raw` is a new reference; dropping it frees a partly filled list cleanly.
    let list = unsafe { Bound::from_owned_ptr(py, raw) };
    let kind = if dt == Builtin::Float64.dtype() {
        1
    } else if dt == Builtin::Int64.dtype() {
        2
    } else if oxarray_core::strings::is_string(dt) {
        3
    } else {
        0
    };
    for k in 0..n {
        let p = base.wrapping_offset(k as isize * stride);
        // SAFETY: `p` is an element of `a` (caller); native f64/i64 read unaligned.
        let obj = unsafe {
            match kind {
                1 => ffi::PyFloat_FromDouble((p as *const f64).read_unaligned()),
                2 => ffi::PyLong_FromLongLong((p as *const i64).read_unaligned()),
                3 => crate::strings::item_to_builtin(py, dt, p)?.into_ptr(),
                _ => scalar_to_py(py, dt.get(p))?.into_ptr(),
            }
        };
        if obj.is_null() {
            return Err(PyErr::fetch(py));
        }
        // SAFETY: slot `k < n` of the new list; `PyList_SetItem` steals `obj`.
        unsafe { ffi::PyList_SetItem(raw, k as ffi::Py_ssize_t, obj) };
    }
    Ok(list.unbind())
}

/// Iterator over the first axis.
#[pyclass(module = "oxarray")]
pub struct ArrayIterator {
    arr: Py<PyArray>,
    i: usize,
    n: usize,
}

#[pymethods]
impl ArrayIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        if self.i >= self.n {
            return Ok(None);
        }
        let item = self.arr.bind(py).get_item(self.i)?;
        self.i += 1;
        Ok(Some(item.unbind()))
    }
}

#[pymethods]
impl PyArray {
    fn __len__(&self) -> PyResult<usize> {
        match self.arr.shape().first() {
            Some(&n) => Ok(n),
            None => Err(PyTypeError::new_err("len() of unsized object")),
        }
    }

    fn __iter__(slf: &Bound<'_, Self>) -> PyResult<ArrayIterator> {
        let n = match slf.borrow().arr.shape().first() {
            Some(&n) => n,
            None => return Err(PyTypeError::new_err("iteration over a 0-d array")),
        };
        Ok(ArrayIterator {
            arr: slf.clone().unbind(),
            i: 0,
            n,
        })
    }

    fn __bool__(&self, py: Python<'_>) -> PyResult<bool> {
        match self.arr.size() {
            1 => Ok(scalar_obj(py, &self.arr, self.arr.item().py()?)?.is_truthy()?),
            0 => Err(PyValueError::new_err(
                "The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.",
            )),
            _ => Err(PyValueError::new_err(
                "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
            )),
        }
    }

    fn __int__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let v = only_element(&self.arr, "int")?;
        Ok(scalar_obj(py, &self.arr, v)?
            .call_method0("__int__")?
            .unbind())
    }

    fn __float__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let v = only_element(&self.arr, "float")?;
        Ok(scalar_obj(py, &self.arr, v)?
            .call_method0("__float__")?
            .unbind())
    }

    fn __complex__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let v = only_element(&self.arr, "complex")?;
        Ok(scalar_obj(py, &self.arr, v)?
            .call_method0("__complex__")?
            .unbind())
    }

    fn __index__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        if self.arr.ndim() != 0 || !self.arr.dtype().is_integer() {
            return Err(PyTypeError::new_err(
                "only integer scalar arrays can be converted to a scalar index",
            ));
        }
        scalar_to_py(py, self.arr.item().py()?)
    }

    fn __copy__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let c = iter::copy_of(&slf.borrow().arr, Order::K).py()?;
        super::wrap_like(slf, c)
    }

    fn __deepcopy__(slf: &Bound<'_, Self>, _memo: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        Self::__copy__(slf)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        printing::array_repr(slf.as_any())
    }

    fn __str__(slf: &Bound<'_, Self>) -> PyResult<String> {
        printing::array_str(slf.as_any())
    }

    /// Nested Python lists of Python numbers.
    fn tolist(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        tolist(py, &self.arr)
    }

    /// One element as a Python number: no argument for size-1 arrays, a flat index, or one
    /// index per axis.
    #[pyo3(signature = (*args))]
    fn item(&self, py: Python<'_>, args: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
        let a = &self.arr;
        let args: Vec<Bound<'_, PyAny>> =
            if args.len() == 1 && args.get_item(0)?.is_instance_of::<PyTuple>() {
                args.get_item(0)?.cast_into::<PyTuple>()?.iter().collect()
            } else {
                args.iter().collect()
            };
        if oxarray_core::strings::is_string(a.dtype()) {
            return item_string(py, a, &args);
        }
        let v = match args.len() {
            0 => a.item().py()?,
            1 if a.ndim() != 1 => {
                let i: isize = args[0].extract()?;
                let n = a.size() as isize;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(PyIndexError::new_err(format!(
                        "index {i} is out of bounds for size {n}"
                    )));
                }
                let mut rem = j as usize;
                let mut idx = vec![0usize; a.ndim()];
                for k in (0..a.ndim()).rev() {
                    idx[k] = rem % a.shape()[k];
                    rem /= a.shape()[k];
                }
                a.get(&idx)
            }
            _ => {
                if args.len() != a.ndim() {
                    return Err(PyValueError::new_err(
                        "incorrect number of indices for array",
                    ));
                }
                let idx: Vec<isize> = args.iter().map(|o| o.extract()).collect::<PyResult<_>>()?;
                let off = oxarray_core::ops::index::element_offset(a, &idx).py()?;
                // SAFETY: bounds-checked by element_offset.
                unsafe { a.dtype().get(a.data_ptr().wrapping_offset(off)) }
            }
        };
        scalar_to_py(py, v)
    }

    // `__array_namespace__` is in `nsjoin_methods.rs` (checks `api_version`).
}

/// `item(*args)` of a string array: a plain `bytes`/`str` (NumPy), not `bytes_`/`str_`.
fn item_string(py: Python<'_>, a: &Array, args: &[Bound<'_, PyAny>]) -> PyResult<Py<PyAny>> {
    let idx: Vec<isize> = match args.len() {
        0 => {
            // The size check and its error.
            a.item().py()?;
            vec![0; a.ndim()]
        }
        1 if a.ndim() != 1 => {
            let i: isize = args[0].extract()?;
            let n = a.size() as isize;
            let j = if i < 0 { i + n } else { i };
            if j < 0 || j >= n {
                return Err(PyIndexError::new_err(format!(
                    "index {i} is out of bounds for size {n}"
                )));
            }
            let mut rem = j as usize;
            let mut idx = vec![0isize; a.ndim()];
            for k in (0..a.ndim()).rev() {
                idx[k] = (rem % a.shape()[k]) as isize;
                rem /= a.shape()[k];
            }
            idx
        }
        _ => {
            if args.len() != a.ndim() {
                return Err(PyValueError::new_err(
                    "incorrect number of indices for array",
                ));
            }
            args.iter().map(|o| o.extract()).collect::<PyResult<_>>()?
        }
    };
    let off = oxarray_core::ops::index::element_offset(a, &idx).py()?;
    // SAFETY: bounds-checked by element_offset.
    unsafe { crate::strings::item_to_builtin(py, a.dtype(), a.data_ptr().wrapping_offset(off)) }
}
