//! Module-level functions: creation, conversion, promotion, layout.
//!
//! Argument parsing helpers shared with the ndarray methods live here too.

use oxarray_core::dtype::{
    can_cast as core_can_cast, promote_types as core_promote, result_type as core_result_type,
};
use oxarray_core::dtype::{Casting, DType, Operand, Scalar, WeakKind};
use oxarray_core::layout::Order;
use oxarray_core::{iter, ops, Array, Builtin};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyComplex, PyFloat, PyInt, PyTuple};

use crate::convert::{self, array_from_object, value_for_assignment};
use crate::dtype::{dtype_to_py, same, to_dtype, PyDType};
use crate::errors::CoreResultExt;
use crate::ndarray::{wrap, wrap_maybe_view, wrap_view, PyArray};
use crate::scalars::{make_scalar, PyGeneric};

/// Parse an `order=` argument.
pub fn parse_order(s: Option<&str>, default: Order) -> PyResult<Order> {
    Order::parse(s, default).py()
}

/// A shape argument: an integer or a sequence of integers (through `__index__`).
pub fn shape_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<isize>> {
    if obj.is_exact_instance_of::<PyInt>() {
        return Ok(vec![obj.extract()?]);
    }
    if let Ok(t) = obj.cast_exact::<PyTuple>() {
        if t.iter().all(|o| o.is_exact_instance_of::<PyInt>()) {
            return t.iter().map(|o| o.extract::<isize>()).collect();
        }
    }
    if let Ok(i) = obj.call_method0("__index__") {
        return Ok(vec![i.extract()?]);
    }
    if obj.is_instance_of::<pyo3::types::PyString>() {
        return Err(PyTypeError::new_err(
            "'str' object cannot be interpreted as an integer",
        ));
    }
    let it = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "'{}' object cannot be interpreted as an integer",
            obj.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })?;
    it.map(|o| {
        let o = o?;
        let i = o.call_method0("__index__").map_err(|_| {
            PyTypeError::new_err(format!(
                "'{}' object cannot be interpreted as an integer",
                o.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })?;
        i.extract::<isize>()
    })
    .collect()
}

/// A shape of non-negative dimensions.
pub fn dims_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    shape_arg(obj)?
        .into_iter()
        .map(|d| {
            usize::try_from(d)
                .map_err(|_| PyValueError::new_err("negative dimensions are not allowed"))
        })
        .collect()
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

fn dtype_opt(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<DType>> {
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
        return wrap(slf.py(), v);
    }
    wrap_maybe_view(slf, v)
}

/// Any input as a Bound ndarray (arrays as they are, everything else converted).
pub fn as_pyarray<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyArray>> {
    if let Ok(a) = obj.cast::<PyArray>() {
        return Ok(a.clone());
    }
    let arr = array_from_object(obj, None)?;
    Bound::new(obj.py(), PyArray::from_array(arr))
}

fn prepend_dims(a: Array, ndmin: usize) -> PyResult<Array> {
    if a.ndim() >= ndmin {
        return Ok(a);
    }
    let axes: Vec<isize> = (0..(ndmin - a.ndim()) as isize).collect();
    ops::expand_dims(&a, &axes).py()
}

/// `array(object, dtype=None, *, copy=True, order='K', subok=False, ndmin=0, like=None)`.
#[pyfunction]
#[pyo3(signature = (object, dtype=None, *, copy=Some(true), order=None, subok=false, ndmin=0, like=None))]
pub fn array(
    py: Python<'_>,
    object: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
    order: Option<&str>,
    subok: bool,
    ndmin: usize,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = (subok, like);
    let dt = dtype_opt(dtype)?;
    // Foreign arrays (buffer protocol, __array_interface__, __array__) become zero-copy
    // views first, then take the ndarray path below (interchange, issue 4).
    let imported = crate::interchange::try_import(object)?;
    let object = imported.as_ref().map_or(object, |a| a.as_any());
    let order = parse_order(order, Order::K)?;
    if let Ok(src) = object.cast::<PyArray>() {
        let a = src.borrow().arr.clone();
        let target = dt.unwrap_or(a.dtype());
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
            let c = iter::copy_as(&a, target, order).py()?;
            return wrap(py, prepend_dims(c, ndmin)?);
        }
        if a.ndim() >= ndmin {
            return Ok(src.clone().into_any().unbind());
        }
        return wrap_view(src, prepend_dims(a, ndmin)?);
    }
    if copy == Some(false) {
        return Err(PyValueError::new_err(
            "Unable to avoid copy while creating an array as requested.",
        ));
    }
    let mut a = array_from_object(object, dt)?;
    if order == Order::F && !a.is_f_contiguous() {
        a = iter::copy_of(&a, Order::F).py()?;
    }
    wrap(py, prepend_dims(a, ndmin)?)
}

/// `asarray(a, dtype=None, order=None, *, device=None, copy=None, like=None)`.
#[pyfunction]
#[pyo3(signature = (a, dtype=None, order=None, *, device=None, copy=None, like=None))]
pub fn asarray(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: Option<&str>,
    device: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = device;
    array(py, a, dtype, copy, order, false, 0, like)
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
    let a = Array::zeros(&dims, dt, order).py()?;
    if let Some(v) = fill {
        a.fill(&v).py()?;
    }
    Ok(a)
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

/// Fill `out` from `value`: checked like assignment when the dtype was given, else as the
/// value's own array (broadcast).
fn fill_from(out: &Array, value: &Bound<'_, PyAny>) -> PyResult<()> {
    let v = value_for_assignment(value, out.dtype())?;
    iter::copy_into(out, &v).py()
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
    let a = Array::zeros(&dims, dt, o).py()?;
    fill_from(&a, fill_value)?;
    wrap(py, a)
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
    let _ = (subok, device);
    wrap(py, like_impl(a, dtype, order, shape)?)
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
    let _ = (subok, device);
    let out = like_impl(a, dtype, order, shape)?;
    out.fill(&Scalar::Int(1)).py()?;
    wrap(py, out)
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
    let _ = (subok, device);
    let out = like_impl(a, dtype, order, shape)?;
    // NumPy casts the fill value unsafely here (full_like(int_array, 2.5) gives 2).
    let v = convert::as_core_array(fill_value)?;
    iter::copy_into(&out, &v).py()?;
    wrap(py, out)
}

/// A Python number or array scalar as a core scalar plus the dtype it implies for arange.
fn number_arg(obj: &Bound<'_, PyAny>) -> PyResult<(Scalar, DType)> {
    match convert::leaf_of(obj)? {
        Some(convert::Leaf::Scalar(s, d)) => Ok((s, d)),
        Some(convert::Leaf::Array(a)) if a.ndim() == 0 => Ok((a.item().py()?, a.dtype())),
        _ => Err(PyTypeError::new_err("arange() arguments must be numbers")),
    }
}

/// `arange([start,] stop[, step], dtype=None)`.
#[pyfunction]
#[pyo3(signature = (start_or_stop, stop=None, step=None, dtype=None, *, device=None, like=None))]
pub fn arange(
    py: Python<'_>,
    start_or_stop: &Bound<'_, PyAny>,
    stop: Option<&Bound<'_, PyAny>>,
    step: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = (device, like);
    let stop = stop.filter(|s| !s.is_none());
    let (start, stop) = match stop {
        Some(s) => (number_arg(start_or_stop)?, number_arg(s)?),
        None => (
            (Scalar::Int(0), Builtin::Int64.dtype()),
            number_arg(start_or_stop)?,
        ),
    };
    let step = match step.filter(|s| !s.is_none()) {
        Some(s) => number_arg(s)?,
        None => (Scalar::Int(1), Builtin::Int64.dtype()),
    };
    let dt = match dtype_opt(dtype)? {
        Some(d) => d,
        None => {
            let ops: Vec<Operand> = [start.1, stop.1, step.1]
                .iter()
                .map(|&d| Operand::Strong(d))
                .collect();
            core_result_type(&ops).py()?
        }
    };
    if matches!(step.0, Scalar::Int(0) | Scalar::UInt(0)) || step.0 == Scalar::Float(0.0) {
        return Err(pyo3::exceptions::PyZeroDivisionError::new_err(
            "division by zero",
        ));
    }
    wrap(py, ops::creation::arange(start.0, stop.0, step.0, dt).py()?)
}

fn as_f64(obj: &Bound<'_, PyAny>) -> PyResult<f64> {
    match convert::leaf_of(obj)? {
        Some(convert::Leaf::Scalar(Scalar::Complex(_), _)) => Err(PyTypeError::new_err(
            "oxarray.linspace does not support complex endpoints yet",
        )),
        Some(convert::Leaf::Scalar(..)) => obj
            .extract::<f64>()
            .or_else(|_| obj.call_method0("__float__")?.extract()),
        _ => Err(PyTypeError::new_err(
            "oxarray.linspace supports scalar start and stop only",
        )),
    }
}

/// `linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0)`.
#[pyfunction]
#[pyo3(signature = (start, stop, num=50, endpoint=true, retstep=false, dtype=None, axis=0, *, device=None))]
pub fn linspace(
    py: Python<'_>,
    start: &Bound<'_, PyAny>,
    stop: &Bound<'_, PyAny>,
    num: isize,
    endpoint: bool,
    retstep: bool,
    dtype: Option<&Bound<'_, PyAny>>,
    axis: isize,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = (axis, device);
    let (y, step) = ops::creation::linspace(as_f64(start)?, as_f64(stop)?, num, endpoint).py()?;
    let y = match dtype_opt(dtype)? {
        Some(dt) if dt.is_integer() => {
            // NumPy floors before casting to an integer dtype.
            let p = y.data_ptr() as *mut f64;
            for i in 0..y.size() {
                // SAFETY: `y` is a fresh contiguous float64 array of `size` elements.
                unsafe { *p.add(i) = (*p.add(i)).floor() };
            }
            iter::copy_as(&y, dt, Order::C).py()?
        }
        Some(dt) => iter::copy_as(&y, dt, Order::C).py()?,
        None => y,
    };
    let arr = wrap(py, y)?;
    if retstep {
        let s = make_scalar(py, Scalar::Float(step), Builtin::Float64.dtype())?;
        return Ok(PyTuple::new(py, [arr, s])?.into_any().unbind());
    }
    Ok(arr)
}

/// `eye(N, M=None, k=0, dtype=float, order='C')`.
#[pyfunction]
#[pyo3(signature = (N, M=None, k=0, dtype=None, order="C", *, device=None, like=None))]
#[allow(non_snake_case)] // NumPy's argument names.
pub fn eye(
    py: Python<'_>,
    N: usize,
    M: Option<usize>,
    k: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = (device, like);
    let dt = dtype_opt(dtype)?.unwrap_or(Builtin::Float64.dtype());
    let o = parse_order(Some(order), Order::C)?;
    wrap(py, ops::creation::eye(N, M.unwrap_or(N), k, dt, o).py()?)
}

/// `identity(n, dtype=None)`.
#[pyfunction]
#[pyo3(signature = (n, dtype=None, *, like=None))]
pub fn identity(
    py: Python<'_>,
    n: usize,
    dtype: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = like;
    eye(py, n, None, 0, dtype, "C", None, None)
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
    let _ = subok;
    let a = as_pyarray(array)?;
    let dims = dims_arg(shape)?;
    let v = ops::broadcast_to(&a.borrow().arr, &dims).py()?;
    wrap_view(&a, v)
}

/// `broadcast_arrays(*args)`: a tuple of views.
#[pyfunction]
#[pyo3(signature = (*args, subok=false))]
pub fn broadcast_arrays<'py>(
    py: Python<'py>,
    args: &Bound<'py, PyTuple>,
    subok: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    let _ = subok;
    let arrs: Vec<Bound<'_, PyArray>> = args
        .iter()
        .map(|o| as_pyarray(&o))
        .collect::<PyResult<_>>()?;
    let cores: Vec<Array> = arrs.iter().map(|a| a.borrow().arr.clone()).collect();
    let views = ops::broadcast_arrays(&cores).py()?;
    let out: Vec<Py<PyAny>> = arrs
        .iter()
        .zip(views)
        .map(|(a, v)| wrap_maybe_view(a, v))
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
    wrap_view(&a, v)
}

/// `expand_dims(a, axis)`.
#[pyfunction]
pub fn expand_dims(a: &Bound<'_, PyAny>, axis: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let a = as_pyarray(a)?;
    let v = ops::expand_dims(&a.borrow().arr, &shape_arg(axis)?).py()?;
    wrap_view(&a, v)
}

/// `flip(m, axis=None)`.
#[pyfunction]
#[pyo3(signature = (m, axis=None))]
pub fn flip(m: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    let a = as_pyarray(m)?;
    let v = ops::flip(&a.borrow().arr, axes_arg(axis)?.as_deref()).py()?;
    wrap_view(&a, v)
}

/// `permute_dims(a, axes)` (Array API).
#[pyfunction]
pub fn permute_dims(a: &Bound<'_, PyAny>, axes: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let a = as_pyarray(a)?;
    let v = ops::transpose(&a.borrow().arr, Some(&shape_arg(axes)?)).py()?;
    wrap_view(&a, v)
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
    let r = array(py, a, dtype, None, Some("C"), false, 0, None)?;
    let r = r.bind(py).cast::<PyArray>()?.clone();
    if r.borrow().arr.ndim() == 0 {
        let v = ops::expand_dims(&r.borrow().arr, &[0]).py()?;
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
    let r = array(py, a, dtype, None, Some("F"), false, 0, None)?;
    let r = r.bind(py).cast::<PyArray>()?.clone();
    if r.borrow().arr.ndim() == 0 {
        let v = ops::expand_dims(&r.borrow().arr, &[0]).py()?;
        return wrap_view(&r, v);
    }
    Ok(r.into_any().unbind())
}

/// `copy(a, order='K')`.
#[pyfunction]
#[pyo3(signature = (a, order="K", subok=false))]
pub fn copy(py: Python<'_>, a: &Bound<'_, PyAny>, order: &str, subok: bool) -> PyResult<Py<PyAny>> {
    let _ = subok;
    let a = as_pyarray(a)?;
    let c = iter::copy_of(&a.borrow().arr, parse_order(Some(order), Order::K)?).py()?;
    wrap(py, c)
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
