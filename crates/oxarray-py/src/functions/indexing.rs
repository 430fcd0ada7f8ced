//! Python functions: indexing and selection (`where`, `nonzero`, `take`, `put`,
//! `take_along_axis`, `put_along_axis`, `choose`, `place`, `putmask`, `diag`, `diagonal`,
//! `tri`, `tril`, `triu`, `unravel_index`, `ravel_multi_index`, `shares_memory`).
//!
//! Arguments are parsed here; the work is in `oxarray_core::ops::{select, diag}`, with the
//! GIL released through the execution policy (`crate::exec::detach`).

use oxarray_core::dtype::{can_cast as core_can_cast, result_type as core_result_type};
use oxarray_core::dtype::{Casting, Operand};
use oxarray_core::ops::select::{self, ClipMode};
use oxarray_core::ops::{self, diag as core_diag};
use oxarray_core::{iter, Array, Builtin, Order};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use super::{as_pyarray, dims_arg, dtype_opt, operand_of, parse_order};
use crate::convert::{self, as_core_array};
use crate::errors::CoreResultExt;
use crate::ndarray::{wrap, wrap_view_like, PyArray};
use crate::scalars::make_scalar;

/// Run `f` with the GIL released when `bytes` is large.
fn maybe_detach<T: Send>(py: Python<'_>, bytes: usize, f: impl FnOnce() -> T + Send) -> T {
    crate::exec::detach(py, bytes, f)
}

/// A 0-d result becomes a scalar (NumPy's `PyArray_Return`), anything else an ndarray.
pub fn ret(py: Python<'_>, a: Array) -> PyResult<Py<PyAny>> {
    if a.ndim() == 0 {
        return make_scalar(py, a.item().py()?, a.dtype());
    }
    wrap(py, a)
}

/// An index argument as an array of native int64 (same-kind casting, as NumPy's `take`).
pub fn index_array(obj: &Bound<'_, PyAny>) -> PyResult<Array> {
    let i64d = Builtin::Int64.dtype();
    if obj.cast::<PyArray>().is_err()
        && (obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>())
    {
        // NumPy converts a sequence straight to intp (so `[1.5]` takes index 1).
        return convert::array_from_object(obj, Some(i64d));
    }
    let a = as_core_array(obj)?;
    if a.size() > 0 && !core_can_cast(a.dtype(), i64d, Casting::SameKind) {
        return Err(PyTypeError::new_err(format!(
            "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'same_kind'",
            a.dtype()
        )));
    }
    select::as_i64(&a).py()
}

fn mode_arg(mode: &str) -> PyResult<ClipMode> {
    ClipMode::parse(mode).py()
}

/// Copy `res` into `out` (same shape; cast unsafely, as NumPy's `take(out=)` does).
fn into_out(py: Python<'_>, res: &Array, out: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let o = out
        .cast::<PyArray>()
        .map_err(|_| PyTypeError::new_err("output must be an array"))?;
    let oa = o.borrow().arr.clone();
    if oa.shape() != res.shape() {
        return Err(PyValueError::new_err(format!(
            "output array does not match result of ndarray.take (shape {} vs {})",
            oxarray_core::layout::fmt_shape(oa.shape()),
            oxarray_core::layout::fmt_shape(res.shape())
        )));
    }
    iter::copy_into(&oa, res).py()?;
    let _ = py;
    Ok(o.clone().into_any().unbind())
}

/// `take(a, indices, axis=None, out=None, mode='raise')`.
#[pyfunction]
#[pyo3(signature = (a, indices, axis=None, out=None, mode="raise"))]
pub fn take(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    axis: Option<isize>,
    out: Option<&Bound<'_, PyAny>>,
    mode: &str,
) -> PyResult<Py<PyAny>> {
    let arr = as_core_array(a)?;
    let idx = index_array(indices)?;
    let mode = mode_arg(mode)?;
    let bytes = idx.size() * arr.itemsize();
    let res = maybe_detach(py, bytes, || select::take(&arr, &idx, axis, mode)).py()?;
    match out {
        Some(o) if !o.is_none() => into_out(py, &res, o),
        _ => ret(py, res),
    }
}

/// `put(a, ind, v, mode='raise')`: in place.
#[pyfunction]
#[pyo3(signature = (a, ind, v, mode="raise"))]
pub fn put(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    ind: &Bound<'_, PyAny>,
    v: &Bound<'_, PyAny>,
    mode: &str,
) -> PyResult<()> {
    let a = a.cast::<PyArray>().map_err(|_| {
        PyTypeError::new_err(format!(
            "a must be an ndarray, not {}",
            a.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })?;
    let arr = a.borrow().arr.clone();
    let idx = index_array(ind)?;
    let vals = convert::value_for_assignment(v, arr.dtype(), true)?;
    let mode = mode_arg(mode)?;
    maybe_detach(py, idx.size() * 8, || select::put(&arr, &idx, &vals, mode)).py()
}

/// `take_along_axis(arr, indices, axis=-1)`.
#[pyfunction]
#[pyo3(signature = (arr, indices, axis=Some(-1)))]
pub fn take_along_axis(
    py: Python<'_>,
    arr: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<Py<PyAny>> {
    let a = as_core_array(arr)?;
    let idx = along_indices(indices)?;
    let (a, axis) = match axis {
        None => {
            if idx.ndim() != 1 {
                return Err(PyValueError::new_err(
                    "when axis=None, `indices` must have a single dimension.",
                ));
            }
            (ops::ravel(&a, Order::C).py()?, 0)
        }
        Some(ax) => (a, ax),
    };
    let bytes = idx.size() * a.itemsize();
    let r = maybe_detach(py, bytes, || select::take_along_axis(&a, &idx, axis)).py()?;
    wrap(py, r)
}

fn along_indices(indices: &Bound<'_, PyAny>) -> PyResult<Array> {
    let a = as_core_array(indices)?;
    if !a.dtype().is_integer() {
        return Err(pyo3::exceptions::PyIndexError::new_err(
            "`indices` must be an integer array",
        ));
    }
    select::as_i64(&a).py()
}

/// `put_along_axis(arr, indices, values, axis)`: in place.
#[pyfunction]
pub fn put_along_axis(
    py: Python<'_>,
    arr: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    values: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<()> {
    let pa = arr
        .cast::<PyArray>()
        .map_err(|_| PyTypeError::new_err("arr must be an ndarray"))?;
    let a = pa.borrow().arr.clone();
    let idx = along_indices(indices)?;
    let vals = convert::value_for_assignment(values, a.dtype(), true)?;
    let (a, axis) = match axis {
        None => {
            if idx.ndim() != 1 {
                return Err(PyValueError::new_err(
                    "when axis=None, `indices` must have a single dimension.",
                ));
            }
            let flat = ops::ravel(&a, Order::C).py()?;
            if !std::sync::Arc::ptr_eq(flat.storage(), a.storage()) {
                return Err(PyValueError::new_err(
                    "put_along_axis with axis=None needs a contiguous array",
                ));
            }
            (flat, 0)
        }
        Some(ax) => (a, ax),
    };
    maybe_detach(py, idx.size() * 8, || {
        select::put_along_axis(&a, &idx, &vals, axis)
    })
    .py()
}

/// `choose(a, choices, out=None, mode='raise')`.
#[pyfunction]
#[pyo3(signature = (a, choices, out=None, mode="raise"))]
pub fn choose(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    choices: &Bound<'_, PyAny>,
    out: Option<&Bound<'_, PyAny>>,
    mode: &str,
) -> PyResult<Py<PyAny>> {
    let idx = index_array(a)?;
    let items: Vec<Bound<'_, PyAny>> = if let Ok(c) = choices.cast::<PyArray>() {
        let n = c.borrow().arr.shape().first().copied().unwrap_or(0);
        (0..n)
            .map(|i| c.as_any().get_item(i))
            .collect::<PyResult<_>>()?
    } else {
        choices.try_iter()?.collect::<PyResult<_>>()?
    };
    let ops_: Vec<Operand> = items
        .iter()
        .map(|o| {
            if o.cast::<PyArray>().is_ok()
                || o.is_instance_of::<PyList>()
                || o.is_instance_of::<PyTuple>()
            {
                Ok(Operand::Strong(as_core_array(o)?.dtype()))
            } else {
                operand_of(o)
            }
        })
        .collect::<PyResult<_>>()?;
    if ops_.is_empty() {
        return Err(PyValueError::new_err("0-length sequence."));
    }
    let dt = core_result_type(&ops_).py()?;
    let arrs: Vec<Array> = items
        .iter()
        .map(|o| {
            let a = as_core_array(o)?;
            iter::copy_as(&a, dt, Order::C).py()
        })
        .collect::<PyResult<_>>()?;
    let mode = mode_arg(mode)?;
    let res = select::choose(&idx, &arrs, mode).py()?;
    match out {
        Some(o) if !o.is_none() => into_out(py, &res, o),
        _ => ret(py, res),
    }
}

/// `place(arr, mask, vals)`: in place.
#[pyfunction]
pub fn place(
    arr: &Bound<'_, PyAny>,
    mask: &Bound<'_, PyAny>,
    vals: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let pa = arr
        .cast::<PyArray>()
        .map_err(|_| PyTypeError::new_err("argument 1 must be numpy.ndarray, not list"))?;
    let a = pa.borrow().arr.clone();
    let m = as_core_array(mask)?;
    let v = convert::value_for_assignment(vals, a.dtype(), true)?;
    select::place(&a, &m, &v).py()
}

/// `putmask(a, /, mask, values)`: in place.
#[pyfunction]
#[pyo3(signature = (a, /, mask, values))]
pub fn putmask(
    a: &Bound<'_, PyAny>,
    mask: &Bound<'_, PyAny>,
    values: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let pa = a
        .cast::<PyArray>()
        .map_err(|_| PyTypeError::new_err("argument a of putmask must be a numpy array"))?;
    let arr = pa.borrow().arr.clone();
    let m = as_core_array(mask)?;
    let v = convert::value_for_assignment(values, arr.dtype(), true)?;
    select::putmask(&arr, &m, &v).py()
}

/// `where(condition, [x, y], /)`.
#[pyfunction]
#[pyo3(name = "where", signature = (condition, x=None, y=None, /))]
pub fn where_(
    py: Python<'_>,
    condition: &Bound<'_, PyAny>,
    x: Option<&Bound<'_, PyAny>>,
    y: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    match (x, y) {
        (None, None) => nonzero(py, condition).map(|t| t.into_any().unbind()),
        (Some(x), Some(y)) => {
            let c = as_core_array(condition)?;
            // Values, not dtypes: a Python string is an operand of its string dtype
            // (`operand_of` reads strings as dtype names, as `result_type` does).
            let value_operand = |o: &Bound<'_, PyAny>| -> PyResult<Operand> {
                if o.is_instance_of::<pyo3::types::PyString>()
                    || o.is_instance_of::<pyo3::types::PyBytes>()
                {
                    return Ok(Operand::Strong(as_core_array(o)?.dtype()));
                }
                operand_of(o)
            };
            let dt = core_result_type(&[value_operand(x)?, value_operand(y)?]).py()?;
            let xa = as_core_array(x)?;
            let ya = as_core_array(y)?;
            let bytes = c.size().max(xa.size()).max(ya.size()) * dt.itemsize;
            let r = maybe_detach(py, bytes, || select::where3(&c, &xa, &ya, dt)).py()?;
            wrap(py, r)
        }
        _ => Err(PyValueError::new_err(
            "either both or neither of x and y should be given",
        )),
    }
}

/// `nonzero(a)`: a tuple of int64 arrays, one per axis.
#[pyfunction]
pub fn nonzero<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyTuple>> {
    let arr = as_core_array(a)?;
    if arr.ndim() == 0 {
        return Err(PyValueError::new_err(
            "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead. If the context of this error is of the form `arr[nonzero(cond)]`, just use `arr[cond]`.",
        ));
    }
    let bytes = arr.nbytes();
    let parts = maybe_detach(py, bytes, || select::nonzero(&arr)).py()?;
    let objs: Vec<Py<PyAny>> = parts
        .into_iter()
        .map(|p| wrap(py, p))
        .collect::<PyResult<_>>()?;
    PyTuple::new(py, objs)
}

/// The number of true elements of the whole array (for `count_nonzero(a)`).
#[pyfunction]
pub fn _count_nonzero_all(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<usize> {
    let arr = as_core_array(a)?;
    let bytes = arr.nbytes();
    maybe_detach(py, bytes, || {
        select::as_bool(&arr, false).map(|m| select::count_true(&m))
    })
    .py()
}

/// `diagonal(a, offset=0, axis1=0, axis2=1)`: a read-only view.
#[pyfunction]
#[pyo3(signature = (a, offset=0, axis1=0, axis2=1))]
pub fn diagonal(
    a: &Bound<'_, PyAny>,
    offset: isize,
    axis1: isize,
    axis2: isize,
) -> PyResult<Py<PyAny>> {
    let pa = as_pyarray(a)?;
    let v = core_diag::diagonal(&pa.borrow().arr, offset, axis1, axis2).py()?;
    wrap_view_like(&pa, v)
}

/// `diag(v, k=0)`: the diagonal of a 2-d array (a read-only view), or a square array with
/// a 1-d `v` on diagonal `k`.
#[pyfunction]
#[pyo3(signature = (v, k=0))]
pub fn diag(py: Python<'_>, v: &Bound<'_, PyAny>, k: isize) -> PyResult<Py<PyAny>> {
    let pa = as_pyarray(v)?;
    let a = pa.borrow().arr.clone();
    match a.ndim() {
        1 => wrap(py, core_diag::diag_from_1d(&a, k).py()?),
        2 => {
            let d = core_diag::diagonal(&a, k, 0, 1).py()?;
            wrap_view_like(&pa, d)
        }
        _ => Err(PyValueError::new_err("Input must be 1- or 2-d.")),
    }
}

/// `tri(N, M=None, k=0, dtype=float)`.
#[pyfunction]
#[pyo3(signature = (N, M=None, k=0, dtype=None, *, like=None))]
#[allow(non_snake_case)] // NumPy's parameter names.
pub fn tri(
    py: Python<'_>,
    N: &Bound<'_, PyAny>,
    M: Option<&Bound<'_, PyAny>>,
    k: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = like;
    let n = dims_arg(N)?;
    let n = *n
        .first()
        .ok_or_else(|| PyTypeError::new_err("N must be an integer"))?;
    let m = match M {
        Some(m) if !m.is_none() => dims_arg(m)?.first().copied().unwrap_or(n),
        _ => n,
    };
    let dt = dtype_opt(dtype)?.unwrap_or(Builtin::Float64.dtype());
    wrap(py, core_diag::tri(n, m, k, dt).py()?)
}

fn tril_triu(py: Python<'_>, m: &Bound<'_, PyAny>, k: isize, lower: bool) -> PyResult<Py<PyAny>> {
    let a = as_core_array(m)?;
    let a = match a.ndim() {
        0 => {
            return Err(PyValueError::new_err(
                "tril/triu need an array of at least one dimension",
            ))
        }
        // NumPy broadcasts a 1-d array against its (n, n) mask.
        1 => {
            let n = a.shape()[0];
            let b = ops::broadcast_to(&a, &[n, n]).py()?;
            iter::copy_of(&b, Order::C).py()?
        }
        _ => a,
    };
    let bytes = a.nbytes();
    let r = maybe_detach(py, bytes, || core_diag::tril_triu(&a, k, lower)).py()?;
    wrap(py, r)
}

/// `tril(m, k=0)`.
#[pyfunction]
#[pyo3(signature = (m, k=0))]
pub fn tril(py: Python<'_>, m: &Bound<'_, PyAny>, k: isize) -> PyResult<Py<PyAny>> {
    tril_triu(py, m, k, true)
}

/// `triu(m, k=0)`.
#[pyfunction]
#[pyo3(signature = (m, k=0))]
pub fn triu(py: Python<'_>, m: &Bound<'_, PyAny>, k: isize) -> PyResult<Py<PyAny>> {
    tril_triu(py, m, k, false)
}

/// `unravel_index(indices, shape, order='C')`.
#[pyfunction]
#[pyo3(signature = (indices, shape, order="C"))]
pub fn unravel_index<'py>(
    py: Python<'py>,
    indices: &Bound<'py, PyAny>,
    shape: &Bound<'py, PyAny>,
    order: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    let dims = dims_arg(shape)?;
    let idx = index_array(indices)?;
    let order = c_or_f(order)?;
    let parts = select::unravel_index(&idx, &dims, order).py()?;
    let objs: Vec<Py<PyAny>> = parts
        .into_iter()
        .map(|p| ret(py, p))
        .collect::<PyResult<_>>()?;
    PyTuple::new(py, objs)
}

fn c_or_f(order: &str) -> PyResult<Order> {
    match parse_order(Some(order), Order::C)? {
        o @ (Order::C | Order::F) => Ok(o),
        _ => Err(PyValueError::new_err("only 'C' or 'F' order is permitted")),
    }
}

/// `ravel_multi_index(multi_index, dims, mode='raise', order='C')`.
#[pyfunction]
#[pyo3(signature = (multi_index, dims, mode=None, order="C"))]
pub fn ravel_multi_index(
    py: Python<'_>,
    multi_index: &Bound<'_, PyAny>,
    dims: &Bound<'_, PyAny>,
    mode: Option<&Bound<'_, PyAny>>,
    order: &str,
) -> PyResult<Py<PyAny>> {
    let d = dims_arg(dims)?;
    let coords: Vec<Array> = multi_index
        .try_iter()?
        .map(|o| index_array(&o?))
        .collect::<PyResult<_>>()?;
    let modes: Vec<ClipMode> = match mode {
        None => vec![ClipMode::Raise],
        Some(m) if m.is_none() => vec![ClipMode::Raise],
        Some(m) => {
            if let Ok(s) = m.extract::<String>() {
                vec![mode_arg(&s)?]
            } else {
                let v: Vec<ClipMode> = m
                    .try_iter()?
                    .map(|o| mode_arg(&o?.extract::<String>()?))
                    .collect::<PyResult<_>>()?;
                if v.len() != d.len() {
                    return Err(PyValueError::new_err(
                        "mode must be a single string or a sequence of length ndim",
                    ));
                }
                v
            }
        }
    };
    let order = c_or_f(order)?;
    let r = select::ravel_multi_index(&coords, &d, &modes, order).py()?;
    ret(py, r)
}

/// `shares_memory(a, b, /, max_work=None)`: exact, by comparing the byte intervals that
/// each array touches (work bounded by the element counts; `max_work` caps the number of
/// intervals examined and raises `TooHardError` past it).
#[pyfunction]
#[pyo3(signature = (a, b, /, max_work=None))]
pub fn shares_memory(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    max_work: Option<isize>,
) -> PyResult<bool> {
    let (x, y) = (as_core_array(a)?, as_core_array(b)?);
    if max_work == Some(0) || max_work == Some(-1) {
        // MAY_SHARE_BOUNDS.
        return Ok(x.may_share_memory(&y));
    }
    if !x.may_share_memory(&y) {
        return Ok(false);
    }
    let limit = max_work.filter(|&w| w > 0).map(|w| w as usize);
    match maybe_detach(py, x.size() + y.size(), || {
        select::shares_memory_exact(&x, &y, limit)
    }) {
        Some(r) => Ok(r),
        None => {
            let m = py.import("oxarray._indexing")?;
            Err(PyErr::from_value(
                m.getattr("TooHardError")?.call1(("Exceeded max_work",))?,
            ))
        }
    }
}

/// Register this topic's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(take, m)?)?;
    m.add_function(wrap_pyfunction!(put, m)?)?;
    m.add_function(wrap_pyfunction!(take_along_axis, m)?)?;
    m.add_function(wrap_pyfunction!(put_along_axis, m)?)?;
    m.add_function(wrap_pyfunction!(choose, m)?)?;
    m.add_function(wrap_pyfunction!(place, m)?)?;
    m.add_function(wrap_pyfunction!(putmask, m)?)?;
    m.add_function(wrap_pyfunction!(where_, m)?)?;
    m.add_function(wrap_pyfunction!(nonzero, m)?)?;
    m.add_function(wrap_pyfunction!(_count_nonzero_all, m)?)?;
    m.add_function(wrap_pyfunction!(diagonal, m)?)?;
    m.add_function(wrap_pyfunction!(diag, m)?)?;
    m.add_function(wrap_pyfunction!(tri, m)?)?;
    m.add_function(wrap_pyfunction!(tril, m)?)?;
    m.add_function(wrap_pyfunction!(triu, m)?)?;
    m.add_function(wrap_pyfunction!(unravel_index, m)?)?;
    m.add_function(wrap_pyfunction!(ravel_multi_index, m)?)?;
    m.add_function(wrap_pyfunction!(shares_memory, m)?)?;
    Ok(())
}
