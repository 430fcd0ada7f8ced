//! ndarray methods: `sort` and `partition` (in place), `argsort`, `argpartition`,
//! `searchsorted` (core: `ops::sort`).

use oxarray_core::ops::sort as core_sort;
use pyo3::prelude::*;

use super::{wrap, PyArray};
use crate::errors::CoreResultExt;
use crate::functions::sorting::{kth_arg, no_order, searchsorted_impl, select_kind, sort_kind};

/// The array and axis for `axis=None` (flattened copy) or an axis.
fn flat_or(a: &oxarray_core::Array, axis: Option<isize>) -> PyResult<(oxarray_core::Array, isize)> {
    match axis {
        Some(ax) => Ok((a.clone(), ax)),
        None => Ok((oxarray_core::ops::ravel(a, oxarray_core::Order::C).py()?, 0)),
    }
}

#[pymethods]
impl PyArray {
    /// Sort in place along `axis` (NaN last; every kind is stable for numbers; strings and
    /// objects sort as NumPy, stable only for `stable`/`mergesort`).
    #[pyo3(signature = (axis=-1, kind=None, order=None, *, stable=None, descending=false))]
    fn sort(
        &self,
        py: Python<'_>,
        axis: isize,
        kind: Option<&str>,
        order: Option<&Bound<'_, PyAny>>,
        stable: Option<bool>,
        descending: bool,
    ) -> PyResult<()> {
        no_order(order)?;
        let k = sort_kind(kind, stable)?;
        let a = &self.arr;
        crate::exec::detach(py, crate::exec::sort_work(a), || {
            core_sort::sort_inplace(a, axis, k, descending)
        })
        .py()
    }

    /// The indices that sort the array along `axis`.
    #[pyo3(signature = (axis=Some(-1), kind=None, order=None, *, stable=None, descending=false))]
    fn argsort(
        &self,
        py: Python<'_>,
        axis: Option<isize>,
        kind: Option<&str>,
        order: Option<&Bound<'_, PyAny>>,
        stable: Option<bool>,
        descending: bool,
    ) -> PyResult<Py<PyAny>> {
        no_order(order)?;
        let k = sort_kind(kind, stable)?;
        let (a, ax) = flat_or(&self.arr, axis)?;
        let res = crate::exec::detach(py, crate::exec::sort_work(&a), || {
            core_sort::argsort(&a, ax, k, descending)
        })
        .py()?;
        wrap(py, res)
    }

    /// Partition in place around `kth` along `axis`.
    #[pyo3(signature = (kth, axis=-1, kind=None, order=None))]
    fn partition(
        &self,
        py: Python<'_>,
        kth: &Bound<'_, PyAny>,
        axis: isize,
        kind: Option<&Bound<'_, PyAny>>,
        order: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        no_order(order)?;
        select_kind(kind)?;
        let kth = kth_arg(kth)?;
        let a = &self.arr;
        crate::exec::detach(py, crate::exec::sort_work(a), || {
            core_sort::partition_inplace(a, &kth, axis)
        })
        .py()
    }

    /// The indices that partition the array around `kth` along `axis`.
    #[pyo3(signature = (kth, axis=Some(-1), kind=None, order=None))]
    fn argpartition(
        &self,
        py: Python<'_>,
        kth: &Bound<'_, PyAny>,
        axis: Option<isize>,
        kind: Option<&Bound<'_, PyAny>>,
        order: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        no_order(order)?;
        select_kind(kind)?;
        let kth = kth_arg(kth)?;
        let (a, ax) = flat_or(&self.arr, axis)?;
        let res = crate::exec::detach(py, crate::exec::sort_work(&a), || {
            core_sort::argpartition(&a, &kth, ax)
        })
        .py()?;
        wrap(py, res)
    }

    /// Where to insert `v` into this sorted 1-d array to keep it sorted.
    #[pyo3(signature = (v, side="left", sorter=None))]
    fn searchsorted(
        &self,
        py: Python<'_>,
        v: &Bound<'_, PyAny>,
        side: &str,
        sorter: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        searchsorted_impl(py, &self.arr, v, side, sorter)
    }
}
