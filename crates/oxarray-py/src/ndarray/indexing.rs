//! `__getitem__` and `__setitem__`: Python index objects to core `Index` items.

use oxarray_core::ops::index::{self, Index, Plan};
use oxarray_core::{Array, Builtin, Order, Scalar};
use pyo3::exceptions::{PyIndexError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyEllipsis, PyInt, PyList, PySlice, PyTuple};

use super::{wrap_like, wrap_view_like, PyArray};
use crate::convert;
use crate::errors::CoreResultExt;
use crate::scalars::{make_scalar, PyGeneric};

const VALID_INDICES: &str = "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices";

fn int_index(obj: &Bound<'_, PyAny>) -> PyResult<isize> {
    obj.extract::<isize>()
        .map_err(|_| PyIndexError::new_err("cannot fit 'int' into an index-sized integer"))
}

/// A 0-d integer array indexes like an integer (NumPy's rule; `scalar_array` records it,
/// as NumPy then still returns a copy); others stay arrays.
fn array_item(a: Array, scalar_array: &mut bool) -> PyResult<Index> {
    if a.ndim() == 0 && a.dtype().is_integer() {
        *scalar_array = true;
        return match a.item().py()? {
            Scalar::Int(i) => Ok(Index::Int(i as isize)),
            Scalar::UInt(u) => Ok(Index::Int(isize::try_from(u).map_err(|_| {
                PyIndexError::new_err("cannot fit 'int' into an index-sized integer")
            })?)),
            _ => Ok(Index::Array(a)),
        };
    }
    Ok(Index::Array(a))
}

fn bool_array(b: bool) -> PyResult<Array> {
    let a = Array::zeros(&[], Builtin::Bool.dtype(), Order::C).py()?;
    a.set(&[], &Scalar::Bool(b)).py()?;
    Ok(a)
}

/// One Python index object as a core index item.
fn to_item(obj: &Bound<'_, PyAny>, scalar_array: &mut bool) -> PyResult<Index> {
    if obj.is_exact_instance_of::<PyInt>() {
        return Ok(Index::Int(int_index(obj)?));
    }
    if let Ok(s) = obj.cast::<PySlice>() {
        let (mut start, mut stop, mut step) = (0isize, 0isize, 0isize);
        // SAFETY: `s` is a live slice object; PySlice_Unpack reads its fields (calling
        // __index__ where needed) and clamps them into Py_ssize_t; None becomes the extreme
        // that slice_indices clamps to the axis.
        if unsafe { pyo3::ffi::PySlice_Unpack(s.as_ptr(), &mut start, &mut stop, &mut step) } < 0 {
            return Err(PyErr::fetch(obj.py()));
        }
        return Ok(Index::Slice(Some(start), Some(stop), Some(step)));
    }
    if obj.is_none() {
        return Ok(Index::NewAxis);
    }
    if obj.is_instance_of::<PyEllipsis>() {
        return Ok(Index::Ellipsis);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Index::Array(bool_array(b.is_true())?));
    }
    if let Ok(a) = obj.cast::<PyArray>() {
        return array_item(a.borrow().arr.clone(), scalar_array);
    }
    if let Ok(g) = obj.cast::<PyGeneric>() {
        let g = g.get();
        return match g.value {
            Scalar::Bool(b) => Ok(Index::Array(bool_array(b)?)),
            Scalar::Int(i) => Ok(Index::Int(i as isize)),
            Scalar::UInt(u) => Ok(Index::Int(isize::try_from(u).map_err(|_| {
                PyIndexError::new_err("cannot fit 'int' into an index-sized integer")
            })?)),
            _ => Err(PyIndexError::new_err(VALID_INDICES)),
        };
    }
    let listlike = obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>();
    if !listlike
        && !obj.is_instance_of::<PyInt>()
        && obj.hasattr("dtype")?
        && !obj.hasattr("__len__")?
    {
        // A NumPy scalar: integers index like ints, bools like a 0-d mask.
        let kind: String = obj.getattr("dtype")?.getattr("kind")?.extract()?;
        return match kind.as_str() {
            "b" => Ok(Index::Array(bool_array(obj.is_truthy()?)?)),
            "i" | "u" => Ok(Index::Int(int_index(&obj.call_method0("__index__")?)?)),
            _ => Err(PyIndexError::new_err(VALID_INDICES)),
        };
    }
    if listlike
        || obj.hasattr("__array_interface__")?
        || obj.hasattr("dtype")? && obj.hasattr("shape")?
    {
        let a = convert::array_from_object(obj, None)
            .map_err(|_| PyIndexError::new_err(VALID_INDICES))?;
        // An empty list indexes as an empty integer array (NumPy's intp).
        let a = if a.size() == 0 && !a.dtype().is_integer() && !a.dtype().is_bool() {
            oxarray_core::iter::copy_as(&a, Builtin::Int64.dtype(), Order::C).py()?
        } else {
            a
        };
        return array_item(a, scalar_array);
    }
    if obj.is_instance_of::<PyInt>() {
        return Ok(Index::Int(int_index(obj)?));
    }
    if let Ok(i) = obj.call_method0("__index__") {
        return Ok(Index::Int(int_index(&i)?));
    }
    Err(PyIndexError::new_err(VALID_INDICES))
}

/// A whole Python key (a tuple, or a single item) as core index items.
pub fn to_index(key: &Bound<'_, PyAny>) -> PyResult<Vec<Index>> {
    to_index_flagged(key).map(|(items, _)| items)
}

/// [`to_index`], and whether the key held a 0-d integer array (NumPy indexes with it like
/// an integer but still returns a copy, as for any array index).
pub fn to_index_flagged(key: &Bound<'_, PyAny>) -> PyResult<(Vec<Index>, bool)> {
    let mut scalar_array = false;
    let items = if let Ok(t) = key.cast_exact::<PyTuple>() {
        t.iter()
            .map(|o| to_item(&o, &mut scalar_array))
            .collect::<PyResult<_>>()?
    } else {
        vec![to_item(key, &mut scalar_array)?]
    };
    Ok((items, scalar_array))
}

#[pymethods]
impl PyArray {
    fn __getitem__(slf: &Bound<'_, Self>, key: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let this = slf.borrow();
        let a = &this.arr;
        // Fast path: one integer on a 1-d array gives a scalar.
        if a.ndim() == 1 && key.is_exact_instance_of::<PyInt>() {
            let off = index::element_offset(a, &[int_index(key)?]).py()?;
            // SAFETY: `element_offset` bounds-checked the index (invariant 1 of Array).
            let v = unsafe { a.dtype().get(a.data_ptr().wrapping_offset(off)) };
            return make_scalar(py, v, a.dtype());
        }
        // Fast path: one slice, on the first axis.
        if a.ndim() >= 1 {
            if let Ok(s) = key.cast_exact::<PySlice>() {
                let (mut start, mut stop, mut step) = (0isize, 0isize, 0isize);
                // SAFETY: as in `to_item`: a live slice object, unpacked into Py_ssize_t.
                if unsafe {
                    pyo3::ffi::PySlice_Unpack(s.as_ptr(), &mut start, &mut stop, &mut step)
                } < 0
                {
                    return Err(PyErr::fetch(py));
                }
                let (s0, st, len) =
                    index::slice_indices(Some(start), Some(stop), Some(step), a.shape()[0]).py()?;
                let mut shape = smallvec::SmallVec::from_slice(a.shape());
                let mut strides = smallvec::SmallVec::from_slice(a.strides());
                let offset = if len > 0 { s0 * strides[0] } else { 0 };
                shape[0] = len;
                strides[0] *= st;
                // SAFETY: `slice_indices` keeps `s0 + k * st` inside `0..n` for `k < len`,
                // so the view addresses existing elements only (invariant 1 of Array).
                let v = unsafe { a.view_unchecked(offset, shape, strides) };
                drop(this);
                return wrap_view_like(slf, v);
            }
        }
        // Fast path: a tuple of integers, one per axis.
        if let Ok(t) = key.cast_exact::<PyTuple>() {
            let nd = a.ndim();
            if t.len() == nd && nd <= 8 {
                let mut idx = [0isize; 8];
                let mut all_ints = true;
                for (k, o) in t.iter_borrowed().enumerate() {
                    if !o.is_exact_instance_of::<PyInt>() {
                        all_ints = false;
                        break;
                    }
                    idx[k] = int_index(&o)?;
                }
                if all_ints {
                    let off = index::element_offset(a, &idx[..nd]).py()?;
                    // SAFETY: bounds-checked offset (invariant 1 of Array).
                    let v = unsafe { a.dtype().get(a.data_ptr().wrapping_offset(off)) };
                    return make_scalar(py, v, a.dtype());
                }
            }
        }
        // Fast path: one integer or boolean array (NumPy's "trivial" map iteration): a
        // direct gather with the bounds check folded in, or a mask gather with no index
        // array. Other layouts fall through to the general plan.
        if let Ok(k) = key.cast::<PyArray>() {
            let k = k.borrow();
            let direct = if k.arr.dtype().is_bool() {
                oxarray_core::ops::select::compress_mask(a, &k.arr).py()?
            } else {
                oxarray_core::ops::select::take_first_axis(a, &k.arr).py()?
            };
            if let Some(r) = direct {
                drop(k);
                drop(this);
                return wrap_like(slf, r);
            }
        }
        let (items, scalar_array) = to_index_flagged(key)?;
        let plan = index::plan(a, &items).py()?;
        let dtype = a.dtype();
        drop(this);
        match plan {
            Plan::View { view, scalar: true } => {
                let v = view.item().py()?;
                make_scalar(py, v, dtype)
            }
            Plan::View { view, .. } if scalar_array => {
                wrap_like(slf, oxarray_core::iter::copy_of(&view, Order::K).py()?)
            }
            Plan::View { view, .. } => wrap_view_like(slf, view),
            Plan::Fancy(f) => wrap_like(slf, f.get().py()?),
        }
    }

    fn __setitem__(&self, key: &Bound<'_, PyAny>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = key.py();
        let a = &self.arr;
        // NumPy checks writeability before looking at the index.
        a.check_writeable().py()?;
        crate::castwarn::begin();
        if a.ndim() == 1 && key.is_exact_instance_of::<PyInt>() {
            let off = index::element_offset(a, &[int_index(key)?]).py()?;
            // SAFETY: bounds-checked offset into a writeable array (invariants 1 and 3).
            unsafe {
                convert::set_item_from_py(value, a.dtype(), a.data_ptr().wrapping_offset(off))
            }?;
            return crate::castwarn::finish(py);
        }
        let items = to_index(key)?;
        match index::plan(a, &items).py()? {
            Plan::View { view, scalar: true } => {
                // One element: the dtype's item assignment, as NumPy's `PyArray_Pack`.
                // SAFETY: a 0-d view of one element of the writeable array.
                unsafe { convert::set_item_from_py(value, a.dtype(), view.data_ptr()) }?;
            }
            Plan::View { view, .. } => {
                let v = convert::value_for_assignment(value, a.dtype(), false)?;
                if v.ndim() > view.ndim()
                    && (value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>())
                {
                    // NumPy discovers a sequence value with at most the view's rank.
                    return Err(PyValueError::new_err(format!(
                        "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of {}.",
                        view.ndim()
                    )));
                }
                oxarray_core::iter::check_assignable(&view, &v).py()?;
                crate::castwarn::complex(py, v.dtype(), a.dtype())?;
                oxarray_core::iter::copy_into(&view, &v).py()?;
            }
            Plan::Fancy(f) => {
                let v = convert::value_for_assignment(value, a.dtype(), true)?;
                f.check_value(&v).py()?;
                crate::castwarn::complex(py, v.dtype(), a.dtype())?;
                f.set(&v).py()?;
            }
        }
        crate::castwarn::finish(py)
    }
}
