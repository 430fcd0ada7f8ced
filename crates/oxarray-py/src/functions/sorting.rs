//! Python functions: sorting, searching and the set primitives (core: `ops::sort`,
//! `ops::set`). Argument parsing only; the numerics are the core's, run without the GIL.

use oxarray_core::ops::set::{
    concat_flat, isin as core_isin, unique as core_unique, unique_rows, IsInKind, Unique,
};
use oxarray_core::ops::sort::{self as core_sort, SortKind};
use oxarray_core::{ops, Array, Order};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyTuple};

use crate::convert::as_core_array;
use crate::errors::CoreResultExt;
use crate::functions::shape_arg;
use crate::ndarray::wrap;
use crate::scalars::make_scalar;

/// `kind=` and `stable=` as NumPy 2 combines them.
pub fn sort_kind(kind: Option<&str>, stable: Option<bool>) -> PyResult<SortKind> {
    if let Some(true) = stable {
        if kind.is_some() {
            return Err(PyValueError::new_err(
                "`kind` and `stable` parameters can't be provided at the same time. Use only one of them.",
            ));
        }
        return Ok(SortKind::Stable);
    }
    match kind {
        None => Ok(SortKind::QuickSort),
        Some(s) => SortKind::parse(s).py(),
    }
}

/// `order=` must be `None`: there are no structured dtypes yet.
pub fn no_order(order: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    match order {
        Some(o) if !o.is_none() => Err(PyValueError::new_err(
            "Cannot specify order when the array has no fields.",
        )),
        _ => Ok(()),
    }
}

/// `kind=` of partition: only `'introselect'`.
pub fn select_kind(kind: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    match kind {
        None => Ok(()),
        Some(k) if k.is_none() => Ok(()),
        Some(k) => {
            let s: String = k
                .extract()
                .map_err(|_| PyTypeError::new_err("select kind must be str, not another type"))?;
            if s == "introselect" {
                Ok(())
            } else {
                Err(PyValueError::new_err(format!(
                    "select kind must be 'introselect' (got '{s}')"
                )))
            }
        }
    }
}

/// `kth=`: an integer or a sequence of integers (booleans refused as NumPy does).
pub fn kth_arg(kth: &Bound<'_, PyAny>) -> PyResult<Vec<isize>> {
    if let Ok(it) = kth.try_iter() {
        if !kth.is_instance_of::<crate::ndarray::PyArray>() {
            let items: Vec<Bound<'_, PyAny>> = it.collect::<PyResult<_>>()?;
            if items.iter().any(|o| o.is_instance_of::<PyBool>()) {
                return Err(PyValueError::new_err(
                    "Booleans unacceptable as partition index",
                ));
            }
        }
    }
    let bools = || PyValueError::new_err("Booleans unacceptable as partition index");
    if kth.is_instance_of::<PyBool>() {
        return Err(bools());
    }
    if let Ok(a) = kth.cast::<crate::ndarray::PyArray>() {
        let arr = a.borrow().arr.clone();
        if arr.dtype().is_bool() {
            return Err(bools());
        }
        if !arr.dtype().is_integer() {
            return Err(PyTypeError::new_err("Partition index must be integer"));
        }
        let flat = ops::ravel(&arr, Order::C).py()?;
        let mut out = Vec::with_capacity(flat.size());
        for i in 0..flat.size() {
            match flat.get(&[i]) {
                oxarray_core::Scalar::Int(v) => out.push(v as isize),
                oxarray_core::Scalar::UInt(v) => out.push(v as isize),
                _ => return Err(PyTypeError::new_err("Partition index must be integer")),
            }
        }
        return Ok(out);
    }
    shape_arg(kth)
}

/// `side=`: `'left'` or `'right'`.
pub fn side_arg(side: &str) -> PyResult<bool> {
    match side {
        "left" => Ok(false),
        "right" => Ok(true),
        _ => Err(PyValueError::new_err(format!(
            "side must be 'left' or 'right' (got '{side}')"
        ))),
    }
}

/// `a` flattened for `axis=None`, with the axis to work on.
fn with_axis(a: Array, axis: Option<isize>) -> PyResult<(Array, isize)> {
    match axis {
        Some(ax) => Ok((a, ax)),
        None => Ok((ops::ravel(&a, Order::C).py()?, 0)),
    }
}

/// An int64 result: a NumPy scalar when 0-d.
pub fn index_result(py: Python<'_>, res: Array) -> PyResult<Py<PyAny>> {
    if res.ndim() == 0 {
        let v = res.item().py()?;
        return make_scalar(py, v, res.dtype());
    }
    wrap(py, res)
}

/// `sort(a, axis=-1, kind=None, order=None, *, stable=None, descending=False)`: a sorted
/// copy (NaN last; `descending` as NumPy 2.5 and the Array API).
#[pyfunction]
#[pyo3(signature = (a, axis=Some(-1), kind=None, order=None, *, stable=None, descending=false))]
pub fn sort(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<isize>,
    kind: Option<&str>,
    order: Option<&Bound<'_, PyAny>>,
    stable: Option<bool>,
    descending: bool,
) -> PyResult<Py<PyAny>> {
    no_order(order)?;
    let k = sort_kind(kind, stable)?;
    let (arr, ax) = with_axis(as_core_array(a)?, axis)?;
    let res = crate::exec::detach(py, crate::exec::sort_work(&arr), || {
        core_sort::sort(&arr, ax, k, descending)
    })
    .py()?;
    wrap(py, res)
}

/// `argsort(a, axis=-1, kind=None, order=None, *, stable=None, descending=False)`: the
/// indices that sort `a` (stable for every kind on numbers; strings and objects: NumPy's
/// orders, stable only for `stable`/`mergesort`).
#[pyfunction]
#[pyo3(signature = (a, axis=Some(-1), kind=None, order=None, *, stable=None, descending=false))]
pub fn argsort(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<isize>,
    kind: Option<&str>,
    order: Option<&Bound<'_, PyAny>>,
    stable: Option<bool>,
    descending: bool,
) -> PyResult<Py<PyAny>> {
    no_order(order)?;
    let k = sort_kind(kind, stable)?;
    let (arr, ax) = with_axis(as_core_array(a)?, axis)?;
    let res = crate::exec::detach(py, crate::exec::sort_work(&arr), || {
        core_sort::argsort(&arr, ax, k, descending)
    })
    .py()?;
    wrap(py, res)
}

/// `partition(a, kth, axis=-1, kind='introselect', order=None)`.
#[pyfunction]
#[pyo3(signature = (a, kth, axis=Some(-1), kind=None, order=None))]
pub fn partition(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    kth: &Bound<'_, PyAny>,
    axis: Option<isize>,
    kind: Option<&Bound<'_, PyAny>>,
    order: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    no_order(order)?;
    select_kind(kind)?;
    let kth = kth_arg(kth)?;
    let (arr, ax) = with_axis(as_core_array(a)?, axis)?;
    let res = crate::exec::detach(py, crate::exec::sort_work(&arr), || {
        core_sort::partition(&arr, &kth, ax)
    })
    .py()?;
    wrap(py, res)
}

/// `argpartition(a, kth, axis=-1, kind='introselect', order=None)`.
#[pyfunction]
#[pyo3(signature = (a, kth, axis=Some(-1), kind=None, order=None))]
pub fn argpartition(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    kth: &Bound<'_, PyAny>,
    axis: Option<isize>,
    kind: Option<&Bound<'_, PyAny>>,
    order: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    no_order(order)?;
    select_kind(kind)?;
    let kth = kth_arg(kth)?;
    let (arr, ax) = with_axis(as_core_array(a)?, axis)?;
    let res = crate::exec::detach(py, crate::exec::sort_work(&arr), || {
        core_sort::argpartition(&arr, &kth, ax)
    })
    .py()?;
    wrap(py, res)
}

/// `lexsort(keys, axis=-1)`: indirect stable sort by several keys, the last one primary.
#[pyfunction]
#[pyo3(signature = (keys, axis=-1))]
pub fn lexsort(py: Python<'_>, keys: &Bound<'_, PyAny>, axis: isize) -> PyResult<Py<PyAny>> {
    let arrays: Vec<Array> = if let Ok(a) = keys.cast::<crate::ndarray::PyArray>() {
        let arr = a.borrow().arr.clone();
        if arr.ndim() == 0 {
            return Err(PyTypeError::new_err(
                "need sequence of keys with len > 0 in lexsort",
            ));
        }
        (0..arr.shape()[0])
            .map(|i| ops::index::get(&arr, &[ops::index::Index::Int(i as isize)]).map(|(v, _)| v))
            .collect::<oxarray_core::Result<_>>()
            .py()?
    } else {
        let it = keys
            .try_iter()
            .map_err(|_| PyTypeError::new_err("need sequence of keys with len > 0 in lexsort"))?;
        it.map(|o| as_core_array(&o?)).collect::<PyResult<_>>()?
    };
    let res = crate::exec::detach(py, arrays.iter().map(crate::exec::sort_work).sum(), || {
        core_sort::lexsort(&arrays, axis)
    })
    .py()?;
    index_result(py, res)
}

/// `searchsorted(a, v, side='left', sorter=None)`: insertion points of `v` in the sorted
/// 1-d `a`.
#[pyfunction]
#[pyo3(signature = (a, v, side="left", sorter=None))]
pub fn searchsorted(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    v: &Bound<'_, PyAny>,
    side: &str,
    sorter: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let arr = as_core_array(a)?;
    searchsorted_impl(py, &arr, v, side, sorter)
}

/// The body of `searchsorted` (function and method).
pub fn searchsorted_impl(
    py: Python<'_>,
    arr: &Array,
    v: &Bound<'_, PyAny>,
    side: &str,
    sorter: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let right = side_arg(side)?;
    let varr = as_core_array(v)?;
    let sorter = match sorter {
        Some(s) if !s.is_none() => Some(as_core_array(s)?),
        _ => None,
    };
    let res = crate::exec::detach(py, crate::exec::sort_work(&varr), || {
        core_sort::searchsorted(arr, &varr, right, sorter.as_ref())
    })
    .py()?;
    index_result(py, res)
}

/// `_unique1d(ar, return_index, return_inverse, return_counts, equal_nan)`: the sorted
/// unique values of the flattened `ar` and the requested extras (`None` when not asked),
/// for `oxarray.unique`.
#[pyfunction]
#[pyo3(signature = (ar, return_index=false, return_inverse=false, return_counts=false, equal_nan=true))]
pub fn _unique1d<'py>(
    py: Python<'py>,
    ar: &Bound<'py, PyAny>,
    return_index: bool,
    return_inverse: bool,
    return_counts: bool,
    equal_nan: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    let arr = as_core_array(ar)?;
    let u = crate::exec::detach(py, crate::exec::sort_work(&arr), || {
        core_unique(&arr, return_index, return_inverse, return_counts, equal_nan)
    })
    .py()?;
    unique_tuple(py, u)
}

/// `(values, index, inverse, counts)` with `None` for what was not asked.
fn unique_tuple(py: Python<'_>, u: Unique) -> PyResult<Bound<'_, PyTuple>> {
    let opt = |a: Option<Array>| -> PyResult<Py<PyAny>> {
        match a {
            Some(a) => wrap(py, a),
            None => Ok(py.None()),
        }
    };
    PyTuple::new(
        py,
        [
            wrap(py, u.values)?,
            opt(u.index)?,
            opt(u.inverse)?,
            opt(u.counts)?,
        ],
    )
}

/// `_unique_rows(ar2d, return_index, return_inverse, return_counts)`: the unique rows of
/// a 2-d array (NumPy's `unique(..., axis=0)` core), for `oxarray.unique`.
#[pyfunction]
#[pyo3(signature = (ar, return_index=false, return_inverse=false, return_counts=false))]
pub fn _unique_rows<'py>(
    py: Python<'py>,
    ar: &Bound<'py, PyAny>,
    return_index: bool,
    return_inverse: bool,
    return_counts: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    let arr = as_core_array(ar)?;
    let u = crate::exec::detach(py, crate::exec::sort_work(&arr), || {
        unique_rows(&arr, return_index, return_inverse, return_counts)
    })
    .py()?;
    unique_tuple(py, u)
}

/// `_concat1d(arrays, dtype=None)`: the flattened arrays one after another (in their
/// common dtype unless `dtype` is given), for the set functions.
#[pyfunction]
#[pyo3(signature = (arrays, dtype=None))]
pub fn _concat1d(
    py: Python<'_>,
    arrays: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let arrs: Vec<Array> = arrays
        .try_iter()?
        .map(|o| as_core_array(&o?))
        .collect::<PyResult<_>>()?;
    let dt = crate::functions::dtype_opt(dtype)?;
    let res = crate::exec::detach(py, arrs.iter().map(crate::exec::sort_work).sum(), || {
        concat_flat(&arrs, dt)
    })
    .py()?;
    wrap(py, res)
}

/// `isin(element, test_elements, assume_unique=False, invert=False, *, kind=None)`.
#[pyfunction]
#[pyo3(signature = (element, test_elements, assume_unique=false, invert=false, *, kind=None))]
pub fn isin(
    py: Python<'_>,
    element: &Bound<'_, PyAny>,
    test_elements: &Bound<'_, PyAny>,
    assume_unique: bool,
    invert: bool,
    kind: Option<&str>,
) -> PyResult<Py<PyAny>> {
    // `assume_unique` only lets NumPy skip work; the answer is the same.
    let _ = assume_unique;
    let k = match kind {
        None => IsInKind::Auto,
        Some("sort") => IsInKind::Sort,
        Some("table") => IsInKind::Table,
        Some(other) => {
            return Err(PyValueError::new_err(format!(
                "Invalid kind: '{other}'. Please use None, 'sort' or 'table'."
            )))
        }
    };
    let a = as_core_array(element)?;
    let b = as_core_array(test_elements)?;
    let res = crate::exec::detach(
        py,
        crate::exec::sort_work(&a) + crate::exec::sort_work(&b),
        || core_isin(&a, &b, invert, k),
    )
    .py()?;
    wrap(py, res)
}

/// Add this topic's functions and classes to `oxarray._core`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sort, m)?)?;
    m.add_function(wrap_pyfunction!(argsort, m)?)?;
    m.add_function(wrap_pyfunction!(partition, m)?)?;
    m.add_function(wrap_pyfunction!(argpartition, m)?)?;
    m.add_function(wrap_pyfunction!(lexsort, m)?)?;
    m.add_function(wrap_pyfunction!(searchsorted, m)?)?;
    m.add_function(wrap_pyfunction!(_unique1d, m)?)?;
    m.add_function(wrap_pyfunction!(isin, m)?)?;
    m.add_function(wrap_pyfunction!(_unique_rows, m)?)?;
    m.add_function(wrap_pyfunction!(_concat1d, m)?)?;
    Ok(())
}
