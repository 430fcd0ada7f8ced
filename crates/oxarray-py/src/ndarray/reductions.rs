//! Reductions as `ndarray` methods: sum, prod, min, max, any, all, cumsum, cumprod (the
//! engine's `Ufunc::reduce`/`accumulate` of add, multiply, minimum, maximum, logical_or,
//! logical_and) and argmin/argmax (core: `ops::argreduce`). `mean`, `var` and `std` are in
//! `stats_methods` (core: `ops::stats`).
//!
//! Results follow NumPy's wrapping: a 0-d result is returned as a scalar unless `out=` was
//! given (then `out` itself is returned).
//!
//! NumPy's result dtypes: `sum`/`prod`/`cumsum`/`cumprod` without `dtype=` accumulate bool
//! and integers narrower than 64 bits in `int64` (`uint64` for unsigned ones); `any`/`all`
//! reduce in bool; min/max keep the input dtype. Float sums are pairwise (the engine's
//! reduce).

use oxarray_core::dtype::{Casting, DType, Scalar};
use oxarray_core::ops::argreduce::{arg_reduce, ArgKind};
use oxarray_core::ufunc::loops::Identity;
use oxarray_core::ufunc::ReduceOptions;
use oxarray_core::{iter, ops, Array, Builtin, Order};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

use super::{wrap, PyArray};
use crate::convert::{self, Leaf};
use crate::dtype::to_dtype;
use crate::errors::CoreResultExt;
use crate::errstate::{int_overflow_checks, report};
use crate::functions::axes_arg;
use crate::scalars::make_scalar;
use crate::ufunc::builtin;

/// The accumulator dtype NumPy's `sum`/`prod`/`cumsum`/`cumprod` use without `dtype=`.
pub fn add_mul_dtype(dt: DType) -> DType {
    if dt.is_bool() || (dt.kind == 'i' && dt.itemsize < 8) {
        Builtin::Int64.dtype()
    } else if dt.kind == 'u' && dt.itemsize < 8 {
        Builtin::UInt64.dtype()
    } else {
        dt
    }
}

pub fn opt_dtype(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<DType>> {
    match obj {
        Some(o) if !o.is_none() => to_dtype(o).map(Some),
        _ => Ok(None),
    }
}

/// `initial=`: absent or `None` (NumPy's `_NoValue`) means no initial value.
fn initial_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Scalar>> {
    let Some(o) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    match convert::leaf_of(o)? {
        Some(Leaf::Scalar(v, _)) => Ok(Some(v)),
        Some(Leaf::Array(a)) if a.ndim() == 0 => a.item().py().map(Some),
        _ => Err(PyTypeError::new_err(
            "initial must be a scalar (a Python number or an array scalar)",
        )),
    }
}

/// `where=`: `True` (or absent) means everywhere; anything else becomes a bool mask.
pub fn where_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Array>> {
    let Some(o) = obj else { return Ok(None) };
    if o.is_exact_instance_of::<pyo3::types::PyBool>() && o.is_truthy()? {
        return Ok(None);
    }
    let a = convert::as_core_array(o)?;
    if a.dtype().is_bool() {
        return Ok(Some(a));
    }
    let b = ops::astype(&a, Builtin::Bool.dtype(), Casting::Unsafe, Order::K, true).py()?;
    Ok(Some(b.unwrap_or(a)))
}

/// NumPy refuses to reduce over a zero-length axis without an identity or `initial`, even
/// when the result is empty (`np.zeros((0, 0)).max(axis=0)`).
fn check_nonempty_lanes(a: &Array, axes: Option<&[isize]>, name: &str) -> PyResult<()> {
    let empty = match axes {
        None => a.size() == 0,
        Some(axes) => {
            let axes = ops::normalize_axes(axes, a.ndim()).py()?;
            axes.iter().any(|&k| a.shape()[k] == 0)
        }
    };
    if empty {
        return Err(PyValueError::new_err(format!(
            "zero-size array to reduction operation {name} which has no identity"
        )));
    }
    Ok(())
}

/// `ufunc.reduce` for the reduction methods: `name` is the ufunc.
pub fn reduce_impl(
    py: Python<'_>,
    a: &Array,
    name: &str,
    axis: Option<&Bound<'_, PyAny>>,
    dtype: Option<DType>,
    out: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
    initial: Option<&Bound<'_, PyAny>>,
    where_: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let uf = builtin(name);
    let axes = axes_arg(axis)?;
    let out = out_arg(out)?;
    let initial = initial_arg(initial)?;
    if initial.is_none() && matches!(uf.identity(), Identity::None | Identity::ReorderableNone) {
        check_nonempty_lanes(a, axes.as_deref(), name)?;
    }
    let opts = ReduceOptions {
        dtype,
        out: out.as_ref().map(|o| o.borrow().arr.clone()),
        keepdims,
        initial,
        where_: where_arg(where_)?,
        check_int_overflow: int_overflow_checks(py),
    };
    let res = crate::exec::detach(py, a.nbytes(), || uf.reduce(a, axes.as_deref(), &opts)).py()?;
    report(py, name, res.fpe)?;
    let r = res
        .outputs
        .into_iter()
        .next()
        .ok_or_else(|| PyValueError::new_err(format!("{name}.reduce returned no output")))?;
    finish(py, r, out.as_ref())
}

/// `ufunc.accumulate` for cumsum/cumprod (`axis=None`: over the flattened array).
pub fn accumulate_impl(
    py: Python<'_>,
    a: &Array,
    name: &str,
    axis: Option<isize>,
    dtype: Option<DType>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let uf = builtin(name);
    let out = out_arg(out)?;
    let dtype = Some(dtype.unwrap_or_else(|| add_mul_dtype(a.dtype())));
    let flat;
    let (src, axis) = match axis {
        Some(ax) => (a, ax),
        None => {
            flat = ops::ravel(a, Order::C).py()?;
            (&flat, 0)
        }
    };
    let out_arr = out.as_ref().map(|o| o.borrow().arr.clone());
    let res = crate::exec::detach(py, src.nbytes(), || {
        uf.accumulate(src, axis, dtype, out_arr)
    })
    .py()?;
    report(py, name, res.fpe)?;
    let r =
        res.outputs.into_iter().next().ok_or_else(|| {
            PyValueError::new_err(format!("{name}.accumulate returned no output"))
        })?;
    if let Some(o) = out {
        return Ok(o.into_any().unbind());
    }
    wrap(py, r)
}

/// A reduction result: `out` if given (after copying into it), a scalar for a 0-d result,
/// else a new array.
pub fn finish(py: Python<'_>, res: Array, out: Option<&Bound<'_, PyArray>>) -> PyResult<Py<PyAny>> {
    if let Some(o) = out {
        return Ok(o.clone().into_any().unbind());
    }
    if res.ndim() == 0 {
        let v = res.item().py()?;
        return make_scalar(py, v, res.dtype());
    }
    wrap(py, res)
}

/// The `out=` argument: `None` or an ndarray (NumPy: "output must be an array").
pub fn out_arg<'py>(out: Option<&Bound<'py, PyAny>>) -> PyResult<Option<Bound<'py, PyArray>>> {
    match out {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => o
            .cast::<PyArray>()
            .map(|a| Some(a.clone()))
            .map_err(|_| PyTypeError::new_err("output must be an array")),
    }
}

/// argmin/argmax of `a`, NumPy's `out` and `keepdims` rules.
pub fn arg_impl(
    py: Python<'_>,
    a: &Array,
    axis: Option<isize>,
    out: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
    kind: ArgKind,
) -> PyResult<Py<PyAny>> {
    let out = out_arg(out)?;
    let res = arg_reduce(a, axis, kind, keepdims).py()?;
    if let Some(o) = &out {
        let dst = o.borrow().arr.clone();
        let name = if kind == ArgKind::Max {
            "argmax"
        } else {
            "argmin"
        };
        if dst.shape() != res.shape() {
            return Err(PyValueError::new_err(format!(
                "output array does not match result of np.{name}."
            )));
        }
        if !dst.dtype().is_integer() {
            return Err(PyTypeError::new_err(format!(
                "Cannot cast array data from dtype('int64') to dtype('{}') according to the rule 'safe'",
                dst.dtype()
            )));
        }
        dst.check_writeable().py()?;
        iter::copy_into(&dst, &res).py()?;
    }
    finish(py, res, out.as_ref())
}

#[pymethods]
impl PyArray {
    /// Sum of the elements over the given axes.
    #[pyo3(signature = (axis=None, dtype=None, out=None, keepdims=false, initial=None, r#where=None))]
    fn sum(
        &self,
        py: Python<'_>,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
        initial: Option<&Bound<'_, PyAny>>,
        r#where: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let given = |o: Option<&Bound<'_, PyAny>>| o.is_some_and(|o| !o.is_none());
        if !keepdims
            && !given(axis)
            && !given(dtype)
            && !given(out)
            && !given(initial)
            && !given(r#where)
        {
            // A whole float64/float32 array: the pairwise sum without the engine's setup.
            let a = &self.arr;
            if let Some(v) = crate::exec::detach(py, a.nbytes(), || ops::stats::full_sum(a)) {
                return make_scalar(py, Scalar::Float(v), a.dtype());
            }
        }
        let dt = opt_dtype(dtype)?.or_else(|| Some(add_mul_dtype(self.arr.dtype())));
        reduce_impl(
            py, &self.arr, "add", axis, dt, out, keepdims, initial, r#where,
        )
    }

    /// Product of the elements over the given axes.
    #[pyo3(signature = (axis=None, dtype=None, out=None, keepdims=false, initial=None, r#where=None))]
    fn prod(
        &self,
        py: Python<'_>,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
        initial: Option<&Bound<'_, PyAny>>,
        r#where: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let dt = opt_dtype(dtype)?.or_else(|| Some(add_mul_dtype(self.arr.dtype())));
        reduce_impl(
            py, &self.arr, "multiply", axis, dt, out, keepdims, initial, r#where,
        )
    }

    /// Maximum over the given axes (NaN propagates).
    #[pyo3(signature = (axis=None, out=None, keepdims=false, initial=None, r#where=None))]
    fn max(
        &self,
        py: Python<'_>,
        axis: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
        initial: Option<&Bound<'_, PyAny>>,
        r#where: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        reduce_impl(
            py, &self.arr, "maximum", axis, None, out, keepdims, initial, r#where,
        )
    }

    /// Minimum over the given axes (NaN propagates).
    #[pyo3(signature = (axis=None, out=None, keepdims=false, initial=None, r#where=None))]
    fn min(
        &self,
        py: Python<'_>,
        axis: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
        initial: Option<&Bound<'_, PyAny>>,
        r#where: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        reduce_impl(
            py, &self.arr, "minimum", axis, None, out, keepdims, initial, r#where,
        )
    }

    /// Whether any element over the given axes is true.
    #[pyo3(signature = (axis=None, out=None, keepdims=false, *, r#where=None))]
    fn any(
        &self,
        py: Python<'_>,
        axis: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
        r#where: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let dt = Some(Builtin::Bool.dtype());
        reduce_impl(
            py,
            &self.arr,
            "logical_or",
            axis,
            dt,
            out,
            keepdims,
            None,
            r#where,
        )
    }

    /// Whether all elements over the given axes are true.
    #[pyo3(signature = (axis=None, out=None, keepdims=false, *, r#where=None))]
    fn all(
        &self,
        py: Python<'_>,
        axis: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
        r#where: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let dt = Some(Builtin::Bool.dtype());
        reduce_impl(
            py,
            &self.arr,
            "logical_and",
            axis,
            dt,
            out,
            keepdims,
            None,
            r#where,
        )
    }

    /// Cumulative sum along an axis (the flattened array when `axis` is None).
    #[pyo3(signature = (axis=None, dtype=None, out=None))]
    fn cumsum(
        &self,
        py: Python<'_>,
        axis: Option<isize>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        accumulate_impl(py, &self.arr, "add", axis, opt_dtype(dtype)?, out)
    }

    /// Cumulative product along an axis (the flattened array when `axis` is None).
    #[pyo3(signature = (axis=None, dtype=None, out=None))]
    fn cumprod(
        &self,
        py: Python<'_>,
        axis: Option<isize>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        accumulate_impl(py, &self.arr, "multiply", axis, opt_dtype(dtype)?, out)
    }

    /// Indices of the maximum values along an axis (the first one among equals; a NaN
    /// counts as the maximum).
    #[pyo3(signature = (axis=None, out=None, *, keepdims=false))]
    fn argmax(
        &self,
        py: Python<'_>,
        axis: Option<isize>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        arg_impl(py, &self.arr, axis, out, keepdims, ArgKind::Max)
    }

    /// Indices of the minimum values along an axis (the first one among equals; a NaN
    /// counts as the minimum).
    #[pyo3(signature = (axis=None, out=None, *, keepdims=false))]
    fn argmin(
        &self,
        py: Python<'_>,
        axis: Option<isize>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        arg_impl(py, &self.arr, axis, out, keepdims, ArgKind::Min)
    }
}
