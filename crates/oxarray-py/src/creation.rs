//! Arrays made from numbers: `arange`, `linspace`, `eye`, `identity`.
//!
//! The arithmetic NumPy does on Python objects (the length of `arange`, its second value
//! `start + step`) is done here on the Python objects too, so big integers and the
//! exceptions (`ZeroDivisionError`, ...) come out as NumPy's; the core fills the array.

use oxarray_core::dtype::{result_type as core_result_type, DType, Operand, Scalar};
use oxarray_core::{iter, ops, Builtin, Order};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyTuple};
use pyo3::IntoPyObjectExt;

use crate::convert::{self, scalar_for_dtype};
use crate::errors::CoreResultExt;
use crate::functions::{dtype_opt, operand_of, parse_order};
use crate::ndarray::wrap;
use crate::scalars::{make_scalar, PyGeneric};

/// A Python number or array scalar: the Python number of its value and the dtype it implies
/// for arange (Python ints give int64, or uint64 past int64, like array discovery).
///
/// A Python int past uint64 is kept as it is with int64 as a placeholder dtype and
/// reported through `huge`: NumPy computes the length first (an overflow there is its
/// `ValueError`), and only a non-empty result needs the int converted.
fn number_arg<'py>(
    obj: &Bound<'py, PyAny>,
    huge: &mut Option<PyErr>,
) -> PyResult<(Bound<'py, PyAny>, DType)> {
    let py = obj.py();
    let leaf = match convert::leaf_of(obj) {
        Err(e)
            if obj.is_instance_of::<pyo3::types::PyInt>()
                && e.is_instance_of::<pyo3::exceptions::PyOverflowError>(py) =>
        {
            *huge = Some(e);
            return Ok((obj.clone(), Builtin::Int64.dtype()));
        }
        other => other?,
    };
    match leaf {
        Some(convert::Leaf::Scalar(s, d)) => {
            let value = if obj.is_instance_of::<PyGeneric>() {
                convert::scalar_to_py(py, s)?.into_bound(py)
            } else {
                obj.clone()
            };
            Ok((value, d))
        }
        Some(convert::Leaf::Array(a)) if a.ndim() == 0 => Ok((
            convert::scalar_to_py(py, a.item().py()?)?.into_bound(py),
            a.dtype(),
        )),
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
    if dtype.is_none_or(|d| d.is_none()) {
        if let Some(out) = arange_small_ints(start_or_stop, stop, step)? {
            return wrap(py, out);
        }
    }
    let zero = 0i64.into_bound_py_any(py)?;
    let one = 1i64.into_bound_py_any(py)?;
    let mut huge = None;
    let (start, stop) = match stop.filter(|s| !s.is_none()) {
        Some(s) => (
            number_arg(start_or_stop, &mut huge)?,
            number_arg(s, &mut huge)?,
        ),
        None => (
            (zero, Builtin::Int64.dtype()),
            number_arg(start_or_stop, &mut huge)?,
        ),
    };
    let step = match step.filter(|s| !s.is_none()) {
        Some(s) => number_arg(s, &mut huge)?,
        None => (one, Builtin::Int64.dtype()),
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
    let n = arange_length(&start.0, &stop.0, &step.0)?;
    if let Some(e) = huge.filter(|_| n > 0) {
        // NumPy would make an object array here; oxarray has no object dtype.
        return Err(e);
    }
    crate::castwarn::begin();
    let first = if n > 0 {
        scalar_for_dtype(&start.0, dt)?
    } else {
        Scalar::Int(0)
    };
    let second = if n > 1 {
        scalar_for_dtype(&start.0.add(&step.0)?, dt)?
    } else {
        Scalar::Int(0)
    };
    let out = ops::creation::arange_fill(&first, &second, n, dt).py()?;
    crate::castwarn::finish(py)?;
    wrap(py, out)
}

/// `arange` of exact Python ints (no `dtype`) whose start, stop, step and span lie within
/// ±2^53, the common case, done in integer arithmetic: the span's quotient by the step is
/// then exact enough that NumPy's `ceil((stop - start) / step)` in floats equals the
/// integer ceiling. Anything else (`None`: a zero step, bools, big or non-int arguments)
/// takes the general path and its errors.
fn arange_small_ints(
    first: &Bound<'_, PyAny>,
    stop: Option<&Bound<'_, PyAny>>,
    step: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<oxarray_core::Array>> {
    const LIM: i64 = 1 << 53;
    let int = |o: Option<&Bound<'_, PyAny>>, default: i64| -> Option<i64> {
        match o {
            None => Some(default),
            Some(o) if o.is_none() => Some(default),
            Some(o) if o.is_exact_instance_of::<pyo3::types::PyInt>() => {
                o.extract::<i64>().ok().filter(|v| (-LIM..LIM).contains(v))
            }
            Some(_) => None,
        }
    };
    let (start, stop) = match stop.filter(|s| !s.is_none()) {
        Some(s) => (int(Some(first), 0), int(Some(s), 0)),
        None => (Some(0), int(Some(first), 0)),
    };
    let (Some(start), Some(stop), Some(step)) = (start, stop, int(step, 1)) else {
        return Ok(None);
    };
    let span = stop - start;
    if step == 0 || !(-LIM..LIM).contains(&span) {
        return Ok(None);
    }
    let n = if span != 0 && (span > 0) == (step > 0) {
        let (d, s) = (span.unsigned_abs(), step.unsigned_abs());
        d.div_ceil(s) as usize
    } else {
        0
    };
    // SAFETY: every one of the `n` elements is written below.
    let out =
        unsafe { oxarray_core::Array::uninit(&[n], Builtin::Int64.dtype(), Order::C) }.py()?;
    let p = out.data_ptr() as *mut i64;
    let mut v = start;
    for i in 0..n {
        // SAFETY: a fresh contiguous int64 array of `n` elements; `v` stays within the
        // range from start to stop (|v| < 2^54).
        unsafe { p.add(i).write(v) };
        v += step;
    }
    Ok(Some(out))
}

/// NumPy's `_calc_length`: `ceil((stop - start) / step)` in Python arithmetic
/// (`ZeroDivisionError` for a zero step); a quotient that underflows to zero (a step of
/// infinity) gives one element when it is +0 and the range is not empty; an overflow
/// anywhere is `ValueError: Maximum allowed size exceeded`.
fn arange_length(
    start: &Bound<'_, PyAny>,
    stop: &Bound<'_, PyAny>,
    step: &Bound<'_, PyAny>,
) -> PyResult<usize> {
    let py = start.py();
    let too_big = |e: PyErr| {
        if e.is_instance_of::<pyo3::exceptions::PyOverflowError>(py) {
            PyValueError::new_err("Maximum allowed size exceeded")
        } else {
            e
        }
    };
    let next = stop.sub(start)?;
    let next_nonzero = next.ne(0)?;
    let val = next.div(step)?;
    if val.is_instance_of::<pyo3::types::PyComplex>() {
        return Err(PyTypeError::new_err(
            "oxarray.arange does not support complex arguments yet",
        ));
    }
    let val_is_zero = val.eq(0)?;
    let value: f64 = val.extract().map_err(too_big)?;
    if val_is_zero && next_nonzero {
        return Ok(if value.is_sign_negative() { 0 } else { 1 });
    }
    if value.ceil() < isize::MIN as f64 {
        // NumPy's `_arange_safe_ceil_to_intp` refuses a length below intp's range too.
        return Err(PyValueError::new_err("Maximum allowed size exceeded"));
    }
    ops::creation::arange_len(value).py()
}

fn as_f64(obj: &Bound<'_, PyAny>) -> PyResult<f64> {
    match convert::leaf_of(obj)? {
        Some(convert::Leaf::Scalar(Scalar::Complex(_), _)) => Err(PyTypeError::new_err(
            "oxarray.linspace does not support complex endpoints yet",
        )),
        Some(convert::Leaf::Scalar(s, _)) => Ok(match s {
            Scalar::Bool(b) => b as u8 as f64,
            Scalar::Int(i) => i as f64,
            Scalar::UInt(u) => u as f64,
            Scalar::Float(f) => f,
            Scalar::Complex(c) => c.re,
            Scalar::Ref(r) => return Err(convert::opaque_item_error(r)),
        }),
        _ if obj.is_instance_of::<PyFloat>() => obj.extract(),
        _ => Err(PyTypeError::new_err(
            "oxarray.linspace supports scalar start and stop only",
        )),
    }
}

/// `linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0)`:
/// computed in the result type of `start` and `stop` made inexact (NEP 50: a float32
/// endpoint with Python numbers gives float32), then cast to `dtype` (floored first for
/// integer dtypes). The step is a scalar of the computation dtype, or a plain `nan` when
/// there are fewer than two intervals, as in NumPy.
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
    let _ = device;
    // Scalar endpoints give a 1-d result: only axis 0 (or -1) exists.
    oxarray_core::error::normalize_axis(axis, 1).py()?;
    let (a, b) = (as_f64(start)?, as_f64(stop)?);
    let computed = core_result_type(&[operand_of(start)?, operand_of(stop)?]).py()?;
    let computed = match computed.kind {
        'f' => computed.to_native(),
        'c' => {
            return Err(PyTypeError::new_err(
                "oxarray.linspace does not support complex endpoints yet",
            ))
        }
        _ => Builtin::Float64.dtype(),
    };
    let (y, step) = ops::creation::linspace(a, b, num, endpoint, computed).py()?;
    crate::castwarn::begin();
    let y = match dtype_opt(dtype)? {
        Some(dt) if dt.is_integer() => {
            let f = iter::copy_as(&y, Builtin::Float64.dtype(), Order::C).py()?;
            let p = f.data_ptr() as *mut f64;
            for i in 0..f.size() {
                // SAFETY: `f` is a fresh contiguous float64 array of `size` elements.
                unsafe { *p.add(i) = (*p.add(i)).floor() };
            }
            iter::copy_as(&f, dt, Order::C).py()?
        }
        Some(dt) if dt != y.dtype() || dt.str() != y.dtype().str() => {
            crate::castwarn::complex(py, y.dtype(), dt)?;
            iter::copy_as(&y, dt, Order::C).py()?
        }
        _ => y,
    };
    crate::castwarn::finish(py)?;
    let arr = wrap(py, y)?;
    if retstep {
        let s = match step {
            Some(s) => make_scalar(py, Scalar::Float(s), computed)?,
            None => f64::NAN.into_py_any(py)?,
        };
        return Ok(PyTuple::new(py, [arr, s])?.into_any().unbind());
    }
    Ok(arr)
}

fn dim(n: isize) -> PyResult<usize> {
    usize::try_from(n).map_err(|_| PyValueError::new_err("negative dimensions are not allowed"))
}

/// `eye(N, M=None, k=0, dtype=float, order='C')`.
#[pyfunction]
#[pyo3(signature = (N, M=None, k=0, dtype=None, order="C", *, device=None, like=None))]
#[allow(non_snake_case)] // NumPy's argument names.
pub fn eye(
    py: Python<'_>,
    N: isize,
    M: Option<isize>,
    k: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = (device, like);
    let dt = dtype_opt(dtype)?.unwrap_or(Builtin::Float64.dtype());
    let o = parse_order(Some(order), Order::C)?;
    let (n, m) = (dim(N)?, dim(M.unwrap_or(N))?);
    wrap(py, ops::creation::eye(n, m, k, dt, o).py()?)
}

/// `identity(n, dtype=None)`.
#[pyfunction]
#[pyo3(signature = (n, dtype=None, *, like=None))]
pub fn identity(
    py: Python<'_>,
    n: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = like;
    eye(py, n, None, 0, dtype, "C", None, None)
}
