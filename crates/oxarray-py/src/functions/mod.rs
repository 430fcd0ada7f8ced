//! Module-level functions: creation, conversion, promotion, layout.
//!
//! Argument parsing helpers shared with the ndarray methods live here too.

pub mod fft;
pub mod indexing;
pub mod io;
pub mod joining;
pub mod linalg;
pub mod manipulation;
pub mod products;
pub mod random;
pub mod sorting;
pub mod statistics;
pub mod typeinfo;

use oxarray_core::dtype::{
    can_cast as core_can_cast, promote_types as core_promote, result_type as core_result_type,
};
use oxarray_core::dtype::{Casting, DType, Operand, Scalar, WeakKind};
use oxarray_core::layout::Order;
use oxarray_core::{iter, ops, Array, Builtin};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyComplex, PyFloat, PyInt, PyTuple};

pub use crate::creation::{arange, eye, identity, linspace};

use crate::convert::{self, array_from_object, value_for_assignment};
use crate::dtype::{dtype_to_py, same, to_dtype, PyDType};
use crate::errors::CoreResultExt;
use crate::ndarray::{
    wrap, wrap_like, wrap_maybe_view, wrap_maybe_view_like, wrap_view, wrap_view_like, PyArray,
};
use crate::scalars::{make_scalar, PyGeneric};

/// Parse an `order=` argument.
pub fn parse_order(s: Option<&str>, default: Order) -> PyResult<Order> {
    Order::parse(s, default).py()
}

/// A shape argument: an integer or a sequence of integers (through `__index__`), with
/// NumPy's rules and exceptions ([`crate::args::intp_list`]).
pub fn shape_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<isize>> {
    if obj.is_exact_instance_of::<PyInt>() {
        return Ok(vec![crate::args::dimension(obj)?]);
    }
    if let Ok(t) = obj.cast_exact::<PyTuple>() {
        if t.iter().all(|o| o.is_exact_instance_of::<PyInt>()) {
            return t.iter().map(|o| crate::args::dimension(&o)).collect();
        }
    }
    crate::args::intp_list(obj)
}

/// A shape of non-negative dimensions ([`crate::args::shape`]).
pub fn dims_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    crate::args::shape(obj)
}

/// `*args` that may also be given as one tuple: `f(1, 2)` or `f((1, 2))`.
pub fn varargs_or_tuple<'py>(args: &Bound<'py, PyTuple>) -> PyResult<Bound<'py, PyAny>> {
    match args.len() {
        0 => Ok(args.py().None().into_bound(args.py())),
        1 => args.get_item(0),
        _ => Ok(args.clone().into_any()),
    }
}

/// An `axis=` argument: `None`, an integer, or a tuple of integers.
pub fn axes_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<isize>>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => shape_arg(o).map(Some),
    }
}

/// An optional `dtype=` argument (`None` means not given).
pub fn dtype_opt(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<DType>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => to_dtype(o).map(Some),
    }
}

/// Reshape with NumPy's `copy=` semantics.
pub fn reshape_impl(
    slf: &Bound<'_, PyArray>,
    req: &[isize],
    order: Order,
    copy: Option<bool>,
) -> PyResult<Py<PyAny>> {
    let a = slf.borrow().arr.clone();
    let src = if copy == Some(true) {
        iter::copy_of(&a, order).py()?
    } else {
        a.clone()
    };
    let v = ops::reshape(&src, req, order).py()?;
    if copy == Some(false) && !std::sync::Arc::ptr_eq(v.storage(), a.storage()) {
        return Err(PyValueError::new_err(
            "Unable to avoid creating a copy while reshaping.",
        ));
    }
    if copy == Some(true) {
        return wrap_like(slf, v);
    }
    wrap_maybe_view_like(slf, v)
}

/// Any input as a Bound ndarray (arrays as they are, everything else converted).
pub fn as_pyarray<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyArray>> {
    if let Ok(a) = obj.cast::<PyArray>() {
        return Ok(a.clone());
    }
    let arr = array_from_object(obj, None)?;
    Bound::new(obj.py(), PyArray::from_array(arr))
}

/// NumPy's `copy=` argument: `None` (copy only when needed), or a truth value; strings
/// are refused. A type of its own so that an explicit `None` differs from the default.
#[derive(Clone, Copy)]
pub struct CopyArg(pub Option<bool>);

impl<'a, 'py> FromPyObject<'a, 'py> for CopyArg {
    type Error = PyErr;
    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_none() {
            Ok(CopyArg(None))
        } else if obj.is_instance_of::<pyo3::types::PyString>() {
            Err(PyValueError::new_err(
                "strings are not allowed for 'copy' keyword. Use True/False/None instead.",
            ))
        } else {
            Ok(CopyArg(Some(obj.is_truthy()?)))
        }
    }
}

/// `array(object, dtype=None, *, copy=True, order='K', subok=False, ndmin=0, like=None)`.
#[pyfunction]
#[pyo3(signature = (object, dtype=None, *, copy=CopyArg(Some(true)), order=None, subok=false, ndmin=0, like=None))]
pub fn array(
    py: Python<'_>,
    object: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    copy: CopyArg,
    order: Option<&str>,
    subok: bool,
    ndmin: isize,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    array_impl(py, object, dtype, copy.0, order, subok, ndmin, like)
}

/// The shared body of `array` and `asarray`.
#[allow(clippy::too_many_arguments)] // NumPy's signature.
fn array_impl(
    py: Python<'_>,
    object: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
    order: Option<&str>,
    subok: bool,
    ndmin: isize,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = like;
    // A negative ndmin is ignored, as NumPy does.
    let ndmin = ndmin.max(0) as usize;
    let dt = dtype_opt(dtype)?;
    // Foreign arrays (buffer protocol, __array_interface__, __array__) become zero-copy
    // views first, then take the ndarray path below (interchange, issue 4).
    let imported = crate::interchange::try_import(object)?;
    let object = imported.as_ref().map_or(object, |a| a.as_any());
    let order = parse_order(order, Order::K)?;
    crate::castwarn::begin();
    if let Ok(src) = object.cast::<PyArray>() {
        let a = src.borrow().arr.clone();
        let target = match dt {
            // `dtype=str` sizes the strings from the data, as `astype(str)`.
            Some(d) if crate::strings::is_unsized(d) => {
                crate::strings::unsized_for_array(py, d, &a)?
            }
            Some(d) => d,
            None => a.dtype(),
        };
        let layout_ok = match order {
            Order::C => a.is_c_contiguous(),
            Order::F => a.is_f_contiguous(),
            _ => true,
        };
        let needs_copy = !same(target, a.dtype()) || !layout_ok;
        if copy == Some(true) || needs_copy {
            if copy == Some(false) {
                return Err(PyValueError::new_err(
                    "Unable to avoid copy while creating an array as requested.",
                ));
            }
            crate::castwarn::complex(py, a.dtype(), target)?;
            let c = iter::copy_as(&a, target, order).py()?;
            crate::castwarn::finish(py)?;
            let c = ops::prepend_ones(&c, ndmin);
            return if subok {
                wrap_like(src, c)
            } else {
                wrap(py, c)
            };
        }
        // `subok=False` turns a subclass instance into a plain ndarray view of it.
        let exact = src.is_exact_instance_of::<PyArray>();
        if a.ndim() >= ndmin && (subok || exact) {
            return Ok(src.clone().into_any().unbind());
        }
        let v = ops::prepend_ones(&a, ndmin);
        return if subok {
            wrap_view_like(src, v)
        } else {
            wrap_view(src, v)
        };
    }
    if copy == Some(false) {
        return Err(PyValueError::new_err(
            "Unable to avoid copy while creating an array as requested.",
        ));
    }
    let mut a = array_from_object(object, dt)?;
    crate::castwarn::finish(py)?;
    if order == Order::F && !a.is_f_contiguous() {
        a = iter::copy_of(&a, Order::F).py()?;
    }
    wrap(py, ops::prepend_ones(&a, ndmin))
}

/// `asarray(a, dtype=None, order=None, *, device=None, copy=None, like=None)`.
#[pyfunction]
#[pyo3(signature = (a, dtype=None, order=None, *, device=None, copy=CopyArg(None), like=None))]
pub fn asarray(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: Option<&str>,
    device: Option<&Bound<'_, PyAny>>,
    copy: CopyArg,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = device;
    array_impl(py, a, dtype, copy.0, order, false, 0, like)
}

fn new_filled(
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    fill: Option<Scalar>,
) -> PyResult<Array> {
    let dims = dims_arg(shape)?;
    let dt = dtype_opt(dtype)?.unwrap_or(Builtin::Float64.dtype());
    let order = parse_order(Some(order), Order::C)?;
    if matches!(order, Order::A | Order::K) {
        return Err(PyValueError::new_err("only 'C' or 'F' order is permitted"));
    }
    match fill {
        None => Array::zeros(&dims, dt, order).py(),
        Some(v) if dt.has_refs() => {
            let a = Array::zero_bytes(&dims, dt, order).py()?;
            a.fill(&v).py()?;
            Ok(a)
        }
        Some(v) => {
            // SAFETY: `fill` writes every element before the array is returned; on error
            // the array is dropped unseen.
            let a = unsafe { Array::uninit(&dims, dt, order) }.py()?;
            a.fill(&v).py()?;
            Ok(a)
        }
    }
}

/// `zeros(shape, dtype=float, order='C')`.
#[pyfunction]
#[pyo3(signature = (shape, dtype=None, order="C", *, device=None, like=None))]
pub fn zeros(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = (device, like);
    wrap(py, new_filled(shape, dtype, order, None)?)
}

/// `empty(shape, dtype=float, order='C')`: oxarray's empty arrays hold zeros (fresh pages
/// from the allocator), never another array's stale data.
#[pyfunction]
#[pyo3(signature = (shape, dtype=None, order="C", *, device=None, like=None))]
pub fn empty(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    if let Some(dt) = dtype_opt(dtype)?.filter(|d| d.has_refs()) {
        // NumPy's empty items of reference dtypes read as None.
        let dims = dims_arg(shape)?;
        let o = parse_order(Some(order), Order::C)?;
        return wrap(py, Array::zero_bytes(&dims, dt, o).py()?);
    }
    zeros(py, shape, dtype, order, device, like)
}

/// `ones(shape, dtype=float, order='C')`.
#[pyfunction]
#[pyo3(signature = (shape, dtype=None, order="C", *, device=None, like=None))]
pub fn ones(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = (device, like);
    wrap(py, new_filled(shape, dtype, order, Some(Scalar::Int(1)))?)
}

/// Fill `out` from `value` as NumPy's `full`/`full_like` do (`copyto(out, value,
/// casting='unsafe')`): a Python int is checked against the dtype (NEP 50), anything else
/// becomes an array of its own dtype and is cast, with NumPy's cast warnings.
fn fill_from(out: &Array, value: &Bound<'_, PyAny>) -> PyResult<()> {
    let py = value.py();
    crate::castwarn::begin();
    let v = if crate::object::is_object(out.dtype()) {
        // Any object is one element of an object array.
        convert::array_from_object(value, Some(out.dtype()))?
    } else if value.is_exact_instance_of::<PyInt>() || convert::is_other_object(value)? {
        value_for_assignment(value, out.dtype(), false)?
    } else {
        convert::as_core_array(value)?
    };
    crate::castwarn::complex(py, v.dtype(), out.dtype())?;
    iter::copy_into(out, &v).py()?;
    crate::castwarn::finish(py)
}

/// The dtype `full` gives a fill value when none is asked for.
fn fill_dtype(value: &Bound<'_, PyAny>) -> PyResult<DType> {
    Ok(convert::as_core_array(value)?.dtype().to_native())
}

/// `full(shape, fill_value, dtype=None, order='C')`.
#[pyfunction]
#[pyo3(signature = (shape, fill_value, dtype=None, order="C", *, device=None, like=None))]
pub fn full(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    fill_value: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = (device, like);
    let dims = dims_arg(shape)?;
    let dt = match dtype_opt(dtype)? {
        Some(d) => d,
        None => fill_dtype(fill_value)?,
    };
    let o = parse_order(Some(order), Order::C)?;
    let a = if dt.has_refs() {
        // Empty items, replaced by the counted copy in `fill_from`.
        Array::zero_bytes(&dims, dt, o).py()?
    } else {
        // SAFETY: `fill_from` writes every element (the value broadcasts to the whole
        // array) before the array is returned; on error the array is dropped unseen.
        unsafe { Array::uninit(&dims, dt, o) }.py()?
    };
    fill_from(&a, fill_value)?;
    wrap(py, a)
}

/// A `*_like` result: of `type(a)` when `subok` and `a` is an array, else a plain ndarray.
fn wrap_sub(py: Python<'_>, a: &Bound<'_, PyAny>, out: Array, subok: bool) -> PyResult<Py<PyAny>> {
    match a.cast::<PyArray>() {
        Ok(src) if subok => wrap_like(src, out),
        _ => wrap(py, out),
    }
}

fn like_impl(
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    shape: Option<&Bound<'_, PyAny>>,
) -> PyResult<Array> {
    let src = as_pyarray(a)?.borrow().arr.clone();
    let dt = dtype_opt(dtype)?.unwrap_or(src.dtype());
    let dims = match shape {
        Some(s) if !s.is_none() => dims_arg(s)?,
        _ => src.shape().to_vec(),
    };
    let order = parse_order(Some(order), Order::K)?;
    iter::alloc_like(&src, &dims, dt, order).py()
}

/// `zeros_like(a, dtype=None, order='K', subok=True, shape=None)`.
#[pyfunction]
#[pyo3(signature = (a, dtype=None, order="K", subok=true, shape=None, *, device=None))]
pub fn zeros_like(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    subok: bool,
    shape: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = device;
    wrap_sub(py, a, like_impl(a, dtype, order, shape)?, subok)
}

/// `empty_like(...)`: zeros, like `empty`.
#[pyfunction]
#[pyo3(signature = (prototype, dtype=None, order="K", subok=true, shape=None, *, device=None))]
pub fn empty_like(
    py: Python<'_>,
    prototype: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    subok: bool,
    shape: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    zeros_like(py, prototype, dtype, order, subok, shape, device)
}

/// `ones_like(a, dtype=None, order='K', subok=True, shape=None)`.
#[pyfunction]
#[pyo3(signature = (a, dtype=None, order="K", subok=true, shape=None, *, device=None))]
pub fn ones_like(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    subok: bool,
    shape: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = device;
    let out = like_impl(a, dtype, order, shape)?;
    out.fill(&Scalar::Int(1)).py()?;
    wrap_sub(py, a, out, subok)
}

/// `full_like(a, fill_value, dtype=None, order='K', subok=True, shape=None)`.
#[pyfunction]
#[pyo3(signature = (a, fill_value, dtype=None, order="K", subok=true, shape=None, *, device=None))]
pub fn full_like(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    fill_value: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    subok: bool,
    shape: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = device;
    let out = like_impl(a, dtype, order, shape)?;
    // NumPy casts the fill value unsafely here (full_like(int_array, 2.5) gives 2).
    fill_from(&out, fill_value)?;
    wrap_sub(py, a, out, subok)
}

/// A dtype from a dtype-like or an array/scalar's dtype.
fn dtype_of_any(obj: &Bound<'_, PyAny>) -> PyResult<DType> {
    if let Ok(a) = obj.cast::<PyArray>() {
        return Ok(a.borrow().arr.dtype());
    }
    if let Ok(g) = obj.cast::<PyGeneric>() {
        return Ok(g.get().dtype);
    }
    to_dtype(obj)
}

/// `can_cast(from_, to, casting='safe')`.
#[pyfunction]
#[pyo3(signature = (from_, to, casting="safe"))]
pub fn can_cast(from_: &Bound<'_, PyAny>, to: &Bound<'_, PyAny>, casting: &str) -> PyResult<bool> {
    if from_.is_instance_of::<PyInt>()
        || from_.is_instance_of::<PyFloat>()
        || from_.is_instance_of::<PyComplex>()
    {
        return Err(PyTypeError::new_err(
            "can_cast() does not support Python ints, floats, and complex because the result used to depend on the value.\nThis change was part of adopting NEP 50, we may explicitly allow them again in the future.",
        ));
    }
    let casting = Casting::parse(casting).py()?;
    Ok(core_can_cast(dtype_of_any(from_)?, to_dtype(to)?, casting))
}

/// `promote_types(type1, type2)`.
#[pyfunction]
pub fn promote_types(
    py: Python<'_>,
    type1: &Bound<'_, PyAny>,
    type2: &Bound<'_, PyAny>,
) -> PyResult<Py<PyDType>> {
    dtype_to_py(py, core_promote(to_dtype(type1)?, to_dtype(type2)?).py()?)
}

/// One operand of `result_type`.
pub fn operand_of(obj: &Bound<'_, PyAny>) -> PyResult<Operand> {
    if obj.is_instance_of::<PyBool>() {
        return Ok(Operand::Strong(Builtin::Bool.dtype()));
    }
    if obj.is_instance_of::<PyInt>() {
        return Ok(Operand::Weak(WeakKind::Int));
    }
    if obj.is_instance_of::<PyFloat>() {
        return Ok(Operand::Weak(WeakKind::Float));
    }
    if obj.is_instance_of::<PyComplex>() {
        return Ok(Operand::Weak(WeakKind::Complex));
    }
    Ok(Operand::Strong(dtype_of_any(obj)?))
}

/// `result_type(*arrays_and_dtypes)` with NEP 50's weak Python scalars.
#[pyfunction]
#[pyo3(signature = (*arrays_and_dtypes))]
pub fn result_type(
    py: Python<'_>,
    arrays_and_dtypes: &Bound<'_, PyTuple>,
) -> PyResult<Py<PyDType>> {
    let ops: Vec<Operand> = arrays_and_dtypes
        .iter()
        .map(|o| operand_of(&o))
        .collect::<PyResult<_>>()?;
    if ops.len() == 1 && matches!(ops[0], Operand::Weak(_)) {
        // One Python number alone: its value decides (NumPy gives uint64 for 2**63).
        let mut dt: Option<DType> = None;
        for o in arrays_and_dtypes.iter() {
            let d = convert::as_core_array(&o)?.dtype();
            dt = Some(match dt {
                None => d,
                Some(cur) => core_promote(cur, d).py()?,
            });
        }
        return dtype_to_py(py, dt.expect("at least one operand"));
    }
    dtype_to_py(py, core_result_type(&ops).py()?)
}

/// `broadcast_shapes(*shapes)`.
#[pyfunction]
#[pyo3(signature = (*args))]
pub fn broadcast_shapes<'py>(
    py: Python<'py>,
    args: &Bound<'py, PyTuple>,
) -> PyResult<Bound<'py, PyTuple>> {
    let shapes: Vec<Vec<usize>> = args.iter().map(|s| dims_arg(&s)).collect::<PyResult<_>>()?;
    let refs: Vec<&[usize]> = shapes.iter().map(|s| s.as_slice()).collect();
    PyTuple::new(py, ops::broadcast_shapes(&refs).py()?.iter())
}

/// `broadcast_to(array, shape)`: a read-only view.
#[pyfunction]
#[pyo3(signature = (array, shape, subok=false))]
pub fn broadcast_to(
    array: &Bound<'_, PyAny>,
    shape: &Bound<'_, PyAny>,
    subok: bool,
) -> PyResult<Py<PyAny>> {
    let a = as_pyarray(array)?;
    let dims = dims_arg(shape)?;
    let v = ops::broadcast_to(&a.borrow().arr, &dims).py()?;
    if subok {
        wrap_view_like(&a, v)
    } else {
        wrap_view(&a, v)
    }
}

/// `broadcast_arrays(*args)`: a tuple of views.
#[pyfunction]
#[pyo3(signature = (*args, subok=false))]
pub fn broadcast_arrays<'py>(
    py: Python<'py>,
    args: &Bound<'py, PyTuple>,
    subok: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    let arrs: Vec<Bound<'_, PyArray>> = args
        .iter()
        .map(|o| as_pyarray(&o))
        .collect::<PyResult<_>>()?;
    let cores: Vec<Array> = arrs.iter().map(|a| a.borrow().arr.clone()).collect();
    let views = ops::broadcast_arrays(&cores).py()?;
    let out: Vec<Py<PyAny>> = arrs
        .iter()
        .zip(views)
        .map(|(a, v)| {
            if subok {
                wrap_maybe_view_like(a, v)
            } else {
                wrap_maybe_view(a, v)
            }
        })
        .collect::<PyResult<_>>()?;
    PyTuple::new(py, out)
}

/// `moveaxis(a, source, destination)`.
#[pyfunction]
pub fn moveaxis(
    a: &Bound<'_, PyAny>,
    source: &Bound<'_, PyAny>,
    destination: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let a = as_pyarray(a)?;
    let v = ops::moveaxis(
        &a.borrow().arr,
        &shape_arg(source)?,
        &shape_arg(destination)?,
    )
    .py()?;
    wrap_view_like(&a, v)
}

/// `expand_dims(a, axis)`.
#[pyfunction]
pub fn expand_dims(a: &Bound<'_, PyAny>, axis: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let a = as_pyarray(a)?;
    let v = ops::expand_dims(&a.borrow().arr, &shape_arg(axis)?).py()?;
    wrap_view_like(&a, v)
}

/// `flip(m, axis=None)`.
#[pyfunction]
#[pyo3(signature = (m, axis=None))]
pub fn flip(m: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    let a = as_pyarray(m)?;
    let axes = axes_arg(axis)?;
    let v = ops::flip(&a.borrow().arr, axes.as_deref()).py()?;
    if v.ndim() == 0 && axes.is_none() {
        // NumPy flips with `m[(slice(None, None, -1),) * m.ndim]`: `m[()]` for a 0-d array,
        // which is a scalar.
        return make_scalar(m.py(), v.item().py()?, v.dtype());
    }
    wrap_view_like(&a, v)
}

/// `permute_dims(a, axes=None)` (Array API; NumPy reverses the axes by default).
#[pyfunction]
#[pyo3(signature = (a, axes=None))]
pub fn permute_dims(a: &Bound<'_, PyAny>, axes: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    let a = as_pyarray(a)?;
    let v = ops::transpose(&a.borrow().arr, axes_arg(axes)?.as_deref()).py()?;
    wrap_view_like(&a, v)
}

/// `ascontiguousarray(a, dtype=None)`: at least 1-d, C-contiguous.
#[pyfunction]
#[pyo3(signature = (a, dtype=None, *, like=None))]
pub fn ascontiguousarray(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = like;
    // Already an exact, C-contiguous, at least 1-d ndarray and no dtype: the array itself,
    // as `array_impl` would return it (and NumPy does), without its general steps.
    if dtype.is_none_or(|d| d.is_none()) && a.is_exact_instance_of::<PyArray>() {
        let r = a.cast::<PyArray>()?;
        let ok = {
            let b = r.borrow();
            b.arr.ndim() >= 1 && b.arr.is_c_contiguous()
        };
        if ok {
            return Ok(a.clone().unbind());
        }
    }
    let r = array_impl(py, a, dtype, None, Some("C"), false, 0, None)?;
    let r = r.bind(py).cast::<PyArray>()?.clone();
    if r.borrow().arr.ndim() == 0 {
        let v = ops::prepend_ones(&r.borrow().arr, 1);
        return wrap_view(&r, v);
    }
    Ok(r.into_any().unbind())
}

/// `asfortranarray(a, dtype=None)`.
#[pyfunction]
#[pyo3(signature = (a, dtype=None, *, like=None))]
pub fn asfortranarray(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = like;
    let r = array_impl(py, a, dtype, None, Some("F"), false, 0, None)?;
    let r = r.bind(py).cast::<PyArray>()?.clone();
    if r.borrow().arr.ndim() == 0 {
        let v = ops::prepend_ones(&r.borrow().arr, 1);
        return wrap_view(&r, v);
    }
    Ok(r.into_any().unbind())
}

/// `copy(a, order='K')`.
#[pyfunction]
#[pyo3(signature = (a, order="K", subok=false))]
pub fn copy(py: Python<'_>, a: &Bound<'_, PyAny>, order: &str, subok: bool) -> PyResult<Py<PyAny>> {
    let a = as_pyarray(a)?;
    let c = iter::copy_of(&a.borrow().arr, parse_order(Some(order), Order::K)?).py()?;
    if subok {
        wrap_like(&a, c)
    } else {
        wrap(py, c)
    }
}

/// Whether two arrays may share memory (byte-extent overlap, like NumPy's default).
#[pyfunction]
#[pyo3(signature = (a, b, max_work=None))]
pub fn may_share_memory(
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    max_work: Option<isize>,
) -> PyResult<bool> {
    let _ = max_work;
    let (a, b) = (as_pyarray(a)?, as_pyarray(b)?);
    let r = a.borrow().arr.may_share_memory(&b.borrow().arr);
    Ok(r)
}

/// Register every topic file's functions (one line per topic).
pub fn register_topics(m: &Bound<'_, PyModule>) -> PyResult<()> {
    typeinfo::register(m)?;
    joining::register(m)?;
    manipulation::register(m)?;
    indexing::register(m)?;
    io::register(m)?;
    sorting::register(m)?;
    statistics::register(m)?;
    linalg::register(m)?;
    fft::register(m)?;
    products::register(m)?;
    random::register(m)?;
    Ok(())
}
