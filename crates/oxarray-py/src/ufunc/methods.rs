//! The Python side of `reduce`, `accumulate`, `reduceat`, `outer`, `at` and
//! `resolve_dtypes`.

use std::sync::Arc;

use oxarray_core::dtype::{Casting, Operand as ResOperand, WeakKind};
use oxarray_core::ufunc::{CallOptions, Input, ReduceOptions, Ufunc};
use oxarray_core::Array;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyComplex, PyDict, PyFloat, PyInt, PyTuple, PyType};

use super::args::{operand, opt_dtype, out_array, parse_signature, wrap_result};
use super::{call_with, Kw, PyAxis};
use crate::dtype::{dtype_to_py, to_dtype};
use crate::errors::CoreResultExt;
use crate::ndarray::PyArray;

fn as_array(obj: &Bound<'_, PyAny>) -> PyResult<Array> {
    match operand(obj)?.input {
        Input::Array(a) => Ok(a),
        Input::Weak(v) => {
            let dt = v.natural_dtype();
            let a = Array::zeros(&[], dt, oxarray_core::Order::C).py()?;
            a.set(&[], &v).py()?;
            Ok(a)
        }
        Input::WeakHugeInt(_) => Err(pyo3::exceptions::PyOverflowError::new_err(
            "Python int too large to convert to C long",
        )),
    }
}

fn single_out(out: Option<&Bound<'_, PyAny>>) -> PyResult<Option<(Array, Py<PyAny>)>> {
    match out {
        None => Ok(None),
        Some(o) => {
            if let Ok(t) = o.cast::<PyTuple>() {
                if t.len() != 1 {
                    return Err(PyValueError::new_err(
                        "The 'out' tuple must have exactly 1 entries: one per ufunc output",
                    ));
                }
                return out_array(&t.get_item(0)?);
            }
            out_array(o)
        }
    }
}

fn report(py: Python<'_>, uf: &Ufunc, fpe: u8) -> PyResult<()> {
    if fpe != 0 {
        crate::errstate::report(py, uf.name(), fpe)?;
    }
    Ok(())
}

/// `ufunc.reduce`.
#[allow(clippy::too_many_arguments)]
pub fn reduce(
    py: Python<'_>,
    uf: &Arc<Ufunc>,
    array: &Bound<'_, PyAny>,
    axis: PyAxis,
    dtype: Option<Bound<'_, PyAny>>,
    out: Option<Bound<'_, PyAny>>,
    keepdims: bool,
    initial: Option<Bound<'_, PyAny>>,
    where_: Option<Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let a = as_array(array)?;
    let out = single_out(out.as_ref())?;
    // An object reduction starts from the `initial` object itself: held in a one-item
    // object array for the call and passed as a reference to that item.
    let mut holder = None;
    let initial = match initial {
        Some(v) if !v.is_none() && crate::object::is_object(a.dtype()) => {
            let h = crate::object::from_list(&pyo3::types::PyList::new(py, [v])?)?;
            let item = oxarray_core::Scalar::Ref(oxarray_core::dtype::ItemRef {
                addr: h.data_ptr() as usize,
                dtype: h.dtype(),
            });
            holder = Some(h);
            Some(item)
        }
        Some(v) if !v.is_none() => Some(match operand(&v)?.input {
            Input::Weak(s) => s,
            Input::Array(x) => x.item().py()?,
            Input::WeakHugeInt(_) => {
                return Err(pyo3::exceptions::PyOverflowError::new_err(
                    "Python int too large to convert to C long",
                ))
            }
        }),
        _ => None,
    };
    let where_ = match where_ {
        None => None,
        Some(w) if w.is_exact_instance_of::<pyo3::types::PyBool>() && w.is_truthy()? => None,
        Some(w) => Some(as_array(&w)?),
    };
    let opts = ReduceOptions {
        dtype: opt_dtype(dtype.as_ref())?,
        out: out.as_ref().map(|(a, _)| a.clone()),
        keepdims,
        initial,
        where_,
        check_int_overflow: crate::errstate::int_overflow_checks(py),
    };
    let axes = match &axis {
        PyAxis::All => None,
        PyAxis::Axes(v) => Some(v.as_slice()),
    };
    // Dtypes whose loops call the interpreter keep the GIL.
    let work = if a.dtype().needs_api() { 0 } else { a.nbytes() };
    let res = crate::exec::detach(py, work, || uf.reduce(&a, axes, &opts)).py()?;
    drop(holder);
    report(py, uf, res.fpe)?;
    let arr = res.outputs.into_iter().next().expect("one output");
    wrap_result(py, arr, out.as_ref().map(|(_, o)| o), true)
}

/// `ufunc.accumulate`.
pub fn accumulate(
    py: Python<'_>,
    uf: &Arc<Ufunc>,
    array: &Bound<'_, PyAny>,
    axis: isize,
    dtype: Option<Bound<'_, PyAny>>,
    out: Option<Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let a = as_array(array)?;
    let out = single_out(out.as_ref())?;
    let dt = opt_dtype(dtype.as_ref())?;
    let o = out.as_ref().map(|(a, _)| a.clone());
    let work = if a.dtype().needs_api() { 0 } else { a.nbytes() };
    let res = crate::exec::detach(py, work, || uf.accumulate(&a, axis, dt, o)).py()?;
    report(py, uf, res.fpe)?;
    let arr = res.outputs.into_iter().next().expect("one output");
    wrap_result(py, arr, out.as_ref().map(|(_, o)| o), false)
}

/// `ufunc.reduceat`.
pub fn reduceat(
    py: Python<'_>,
    uf: &Arc<Ufunc>,
    array: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    axis: isize,
    dtype: Option<Bound<'_, PyAny>>,
    out: Option<Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let a = as_array(array)?;
    let idx_arr = as_array(indices)?;
    // NumPy reads the indices as a 1-d intp array with a forced (unsafe) cast.
    if idx_arr.ndim() == 0 {
        return Err(PyValueError::new_err(
            "object of too small depth for desired array",
        ));
    }
    if idx_arr.dtype().kind == 'c' {
        return Err(PyTypeError::new_err(format!(
            "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'unsafe'",
            idx_arr.dtype()
        )));
    }
    let idx_arr = oxarray_core::iter::copy_as(
        &idx_arr,
        oxarray_core::Builtin::Int64.dtype(),
        oxarray_core::Order::C,
    )
    .py()?;
    if idx_arr.ndim() > 1 {
        return Err(PyValueError::new_err("object too deep for desired array"));
    }
    let mut idx = Vec::with_capacity(idx_arr.size());
    idx_arr.for_each_ptr(|p| {
        // SAFETY: `p` points at an int64 element of the fresh array.
        idx.push(unsafe { (p as *const i64).read_unaligned() } as isize)
    });
    let out = single_out(out.as_ref())?;
    let dt = opt_dtype(dtype.as_ref())?;
    let o = out.as_ref().map(|(a, _)| a.clone());
    let res = uf.reduceat(&a, &idx, axis, dt, o).py()?;
    report(py, uf, res.fpe)?;
    let arr = res.outputs.into_iter().next().expect("one output");
    wrap_result(py, arr, out.as_ref().map(|(_, o)| o), false)
}

/// `ufunc.outer`.
pub fn outer(
    py: Python<'_>,
    uf: &Arc<Ufunc>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    if uf.nin() != 2 || uf.nout() != 1 || uf.signature().is_some() {
        return Err(PyValueError::new_err(
            "outer product only supported for binary functions",
        ));
    }
    // Reshape `a` to a.shape + (1,) * b.ndim, then call.
    let oa = operand(a)?;
    let ob = operand(b)?;
    let bnd = ob.input.shape().len();
    let a_arg: Py<PyAny> = match &oa.input {
        Input::Array(x) => {
            let mut shape: Vec<isize> = x.shape().iter().map(|&d| d as isize).collect();
            shape.extend(std::iter::repeat_n(1, bnd));
            let v = oxarray_core::ops::reshape(x, &shape, oxarray_core::Order::C).py()?;
            if oa.scalar && v.ndim() == 0 {
                a.clone().unbind()
            } else {
                crate::ndarray::wrap(py, v)?
            }
        }
        Input::Weak(_) | Input::WeakHugeInt(_) => a.clone().unbind(),
    };
    let mut kw = Kw::none();
    if let Some(k) = kwargs {
        for (key, val) in k.iter() {
            let key: String = key.extract()?;
            match key.as_str() {
                "out" => kw.out = Some(val),
                "where" => kw.where_ = Some(val),
                "casting" => kw.casting = Some(val.extract()?),
                "order" => kw.order = Some(val.extract()?),
                "dtype" => kw.dtype = Some(val),
                "signature" => kw.signature = Some(val),
                "subok" => {}
                other => {
                    return Err(PyTypeError::new_err(format!(
                        "outer() got an unexpected keyword argument '{other}'"
                    )))
                }
            }
        }
    }
    let args = [a_arg.into_bound(py), b.clone()];
    call_with(py, uf, &args, &kw)
}

/// `ufunc.at`.
pub fn at(
    py: Python<'_>,
    uf: &Arc<Ufunc>,
    a: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    b: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    let arr = match a.cast::<PyArray>() {
        Ok(x) => x.borrow().arr.clone(),
        Err(_) => return Err(PyTypeError::new_err("first operand must be array")),
    };
    let idx = crate::ndarray::indexing::to_index(indices)?;
    let b = match b {
        Some(x) => Some(operand(x)?.input),
        None => None,
    };
    let fpe = uf.at(&arr, &idx, b.as_ref()).py()?;
    report(py, uf, fpe)
}

/// `ufunc.resolve_dtypes`.
pub fn resolve_dtypes<'py>(
    py: Python<'py>,
    uf: &Arc<Ufunc>,
    dtypes: &Bound<'py, PyTuple>,
    signature: Option<&Bound<'py, PyAny>>,
    casting: Option<&str>,
    reduction: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    if reduction {
        return Err(PyValueError::new_err("reduction=True is not supported"));
    }
    let nin = uf.nin();
    if dtypes.len() != uf.nargs() {
        return Err(PyValueError::new_err(format!(
            "ufunc '{}' requires {} dtypes (inputs and outputs)",
            uf.name(),
            uf.nargs()
        )));
    }
    let mut ins = Vec::with_capacity(nin);
    let mut outs = Vec::new();
    for (i, item) in dtypes.iter().enumerate() {
        let weak = item.cast::<PyType>().ok().and_then(|t| {
            if t.is(py.get_type::<PyInt>()) {
                Some(WeakKind::Int)
            } else if t.is(py.get_type::<PyFloat>()) {
                Some(WeakKind::Float)
            } else if t.is(py.get_type::<PyComplex>()) {
                Some(WeakKind::Complex)
            } else {
                None
            }
        });
        if i < nin {
            if item.is_none() {
                return Err(PyTypeError::new_err("input dtypes cannot be None"));
            }
            ins.push(match weak {
                Some(k) => ResOperand::Weak(k),
                None => ResOperand::Strong(to_dtype(&item)?),
            });
        } else {
            outs.push(if item.is_none() {
                None
            } else {
                Some(to_dtype(&item)?)
            });
        }
    }
    let opts = CallOptions {
        casting: match casting {
            None => Casting::SameKind,
            Some(s) => Casting::parse(s).py()?,
        },
        signature: parse_signature(signature, uf)?,
        ..CallOptions::default()
    };
    let r = uf.resolve_dtypes_with_out(&ins, &outs, &opts).py()?;
    let objs = r
        .into_iter()
        .map(|d| dtype_to_py(py, d))
        .collect::<PyResult<Vec<_>>>()?;
    PyTuple::new(py, objs)
}
