//! `ndarray.mean`, `ndarray.var`, `ndarray.std`: NumPy's `_mean`/`_var`/`_std` in the core
//! (`oxarray_core::ops::stats`), run through the engine's ufunc reductions.

use oxarray_core::ops::stats::{self, Ddof, StatWarnings};
use oxarray_core::Array;
use pyo3::exceptions::{PyRuntimeWarning, PyTypeError, PyValueError};
use pyo3::prelude::*;

use super::reductions::{finish, opt_dtype, out_arg, where_arg};
use super::PyArray;
use crate::convert;
use crate::errors::CoreResultExt;
use crate::errstate::report;
use crate::functions::axes_arg;

/// Emit NumPy's RuntimeWarnings for a statistics result, then its FP flags (as `divide`'s).
pub fn emit_warnings(py: Python<'_>, w: &StatWarnings, nan_fn: bool) -> PyResult<()> {
    let cat = py.get_type::<PyRuntimeWarning>();
    if w.all_nan {
        PyErr::warn(py, &cat, c"All-NaN slice encountered", 2)?;
    }
    if w.empty_mean {
        PyErr::warn(py, &cat, c"Mean of empty slice", 2)?;
    }
    if w.dof {
        let msg = if nan_fn {
            c"Degrees of freedom <= 0 for slice."
        } else {
            c"Degrees of freedom <= 0 for slice"
        };
        PyErr::warn(py, &cat, msg, 2)?;
    }
    report(py, if nan_fn { "subtract" } else { "divide" }, w.fpe)?;
    Ok(())
}

/// `ddof=` / `correction=`: an int or a float (NumPy accepts both).
fn ddof_arg(
    ddof: Option<&Bound<'_, PyAny>>,
    correction: Option<&Bound<'_, PyAny>>,
) -> PyResult<Ddof> {
    let ddof = ddof.filter(|o| !o.is_none());
    let correction = correction.filter(|o| !o.is_none());
    let v = match (ddof, correction) {
        (Some(d), Some(c)) => {
            // NumPy allows ddof=0 (its default) together with correction.
            if d.extract::<f64>().is_ok_and(|x| x == 0.0) {
                Some(c)
            } else {
                return Err(PyValueError::new_err(
                    "ddof and correction can't be provided simultaneously.",
                ));
            }
        }
        (Some(d), None) => Some(d),
        (None, c) => c,
    };
    let Some(v) = v else { return Ok(Ddof::Int(0)) };
    if v.is_instance_of::<pyo3::types::PyFloat>() {
        return Ok(Ddof::Float(v.extract::<f64>()?));
    }
    if let Ok(i) = v.extract::<i64>() {
        return Ok(Ddof::Int(i));
    }
    v.extract::<f64>()
        .map(Ddof::Float)
        .map_err(|_| PyTypeError::new_err("ddof must be a number"))
}

/// The shared body of `mean`/`var`/`std` methods and functions.
#[allow(clippy::too_many_arguments)]
pub fn moment(
    py: Python<'_>,
    a: &Array,
    which: u8,
    axis: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
    ddof: Ddof,
    keepdims: bool,
    where_: Option<&Bound<'_, PyAny>>,
    mean: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let axes = axes_arg(axis)?;
    let dt = opt_dtype(dtype)?;
    let out = out_arg(out)?;
    let out_arr = out.as_ref().map(|o| o.borrow().arr.clone());
    let w = where_arg(where_)?;
    let m = match mean.filter(|o| !o.is_none()) {
        Some(o) => Some(convert::as_core_array(o)?),
        None => None,
    };
    // A whole reduction whose sum is an object (object arrays, or `dtype=object`) ends as
    // NumPy's `_mean`/`_var`/`_std` end for a Python object: `ret / rcount` with
    // Python's operators (`rcount` an `intp` scalar), then `sqrt` for `std`.
    let rdt = dt.unwrap_or(a.dtype());
    if crate::object::is_object(rdt)
        && out_arr.is_none()
        && !keepdims
        && is_full(a, axes.as_deref())
    {
        let run = || match which {
            0 => stats::mean_parts(a, axes.as_deref(), dt, false, w),
            _ => stats::var_parts(a, axes.as_deref(), dt, None, ddof, false, w, m),
        };
        let (total, count, warns) = crate::exec::detach(py, a.nbytes(), run).py()?;
        emit_warnings(py, &warns, false)?;
        let total = finish(py, total, None)?;
        let count = finish(py, count, None)?;
        return object_tail(total.bind(py), count.bind(py), which == 2);
    }
    let run = || match which {
        0 => stats::mean(a, axes.as_deref(), dt, out_arr, keepdims, w),
        _ => stats::var(
            a,
            axes.as_deref(),
            dt,
            out_arr,
            ddof,
            keepdims,
            w,
            m,
            which == 2,
        ),
    };
    let (res, warns) = crate::exec::detach(py, a.nbytes(), run).py()?;
    emit_warnings(py, &warns, false)?;
    finish(py, res, out.as_ref())
}

/// True when `axes` (`None`: all) reduce every axis of `a` (out-of-range axes: false, the
/// general path reports them).
fn is_full(a: &Array, axes: Option<&[isize]>) -> bool {
    let nd = a.ndim() as isize;
    match axes {
        None => true,
        Some(ax) if ax.iter().any(|&x| x < -nd.max(1) || x >= nd.max(1)) => false,
        Some(ax) => {
            let mut seen: Vec<isize> = ax.iter().map(|&x| x.rem_euclid(nd.max(1))).collect();
            seen.sort_unstable();
            seen.dedup();
            seen.len() == a.ndim() || a.ndim() == 0
        }
    }
}

/// The end of NumPy's `_mean`/`_var` for a sum that is a Python object: `ret / rcount`,
/// or `ret.dtype.type(ret / rcount)` when the object has a `dtype` (a NumPy or oxarray
/// scalar); with `sqrt` the end of `_std` (`sqrt` of the result the same way). So `int`s
/// give a `float64`, `Fraction`s a `Fraction`, `Decimal`s a `Decimal`.
fn object_tail(
    total: &Bound<'_, PyAny>,
    count: &Bound<'_, PyAny>,
    sqrt: bool,
) -> PyResult<Py<PyAny>> {
    let py = total.py();
    let keep_type = |x: &Bound<'_, PyAny>, r: Bound<'_, PyAny>| -> PyResult<Py<PyAny>> {
        if x.hasattr("dtype")? {
            Ok(x.getattr("dtype")?.getattr("type")?.call1((r,))?.unbind())
        } else {
            Ok(r.unbind())
        }
    };
    // Python's `/`; where it raises `TypeError` because our scalars do not take part in
    // the reflected operators of arbitrary objects (`Fraction / oxarray.int64`, which
    // NumPy's `intp` scalar answers through an object array), `true_divide`, which meets
    // the object with the count as an `int` in the object loop as NumPy's would.
    let ox = py.import("oxarray")?;
    let q = match total.div(count) {
        Ok(r) => r,
        Err(e) if e.is_instance_of::<PyTypeError>(py) => {
            ox.getattr("true_divide")?.call1((total, count))?
        }
        Err(e) => return Err(e),
    };
    let q = keep_type(total, q)?;
    if !sqrt {
        return Ok(q);
    }
    let q = q.bind(py);
    let root = ox.getattr("sqrt")?.call1((q,))?;
    keep_type(q, root)
}

#[pymethods]
impl PyArray {
    /// Arithmetic mean over the given axes (NumPy's dtype rules: integers and bool in
    /// float64, float16 accumulated in float32).
    #[pyo3(signature = (axis=None, dtype=None, out=None, keepdims=false, *, r#where=None))]
    fn mean(
        &self,
        py: Python<'_>,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
        r#where: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        moment(
            py,
            &self.arr,
            0,
            axis,
            dtype,
            out,
            Ddof::Int(0),
            keepdims,
            r#where,
            None,
        )
    }

    /// Variance over the given axes (`ddof`/`correction` delta degrees of freedom).
    #[pyo3(signature = (axis=None, dtype=None, out=None, ddof=None, keepdims=false, *, r#where=None, mean=None, correction=None))]
    #[allow(clippy::too_many_arguments)]
    fn var(
        &self,
        py: Python<'_>,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        ddof: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
        r#where: Option<&Bound<'_, PyAny>>,
        mean: Option<&Bound<'_, PyAny>>,
        correction: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let d = ddof_arg(ddof, correction)?;
        moment(
            py, &self.arr, 1, axis, dtype, out, d, keepdims, r#where, mean,
        )
    }

    /// Standard deviation over the given axes (the square root of `var`).
    #[pyo3(signature = (axis=None, dtype=None, out=None, ddof=None, keepdims=false, *, r#where=None, mean=None, correction=None))]
    #[allow(clippy::too_many_arguments)]
    fn std(
        &self,
        py: Python<'_>,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        ddof: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
        r#where: Option<&Bound<'_, PyAny>>,
        mean: Option<&Bound<'_, PyAny>>,
        correction: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let d = ddof_arg(ddof, correction)?;
        moment(
            py, &self.arr, 2, axis, dtype, out, d, keepdims, r#where, mean,
        )
    }
}
