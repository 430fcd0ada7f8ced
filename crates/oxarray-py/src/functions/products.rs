//! Python functions: the layout helper behind `einsum` (the dot family itself is in
//! `python/oxarray/_products.py`, built on `matmul`).

use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::errors::CoreResultExt;
use crate::functions::as_pyarray;
use crate::ndarray::wrap_view;

/// `_einsum_diagonal(a, labels)`: the view of `a` with repeated labels merged (diagonal)
/// and the remaining labels, as `(view, labels)`.
#[pyfunction]
pub fn _einsum_diagonal<'py>(
    a: &Bound<'py, PyAny>,
    labels: Vec<u32>,
) -> PyResult<Bound<'py, PyTuple>> {
    let py = a.py();
    let arr = as_pyarray(a)?;
    let (v, l) = oxarray_core::ops::products::einsum_diagonal(&arr.borrow().arr, &labels).py()?;
    let view = wrap_view(&arr, v)?;
    (view, l).into_pyobject(py)
}

/// `_einsum_search(kind, sets, output, sizes, memory_limit)`: NumPy's `einsum_path`
/// search ("greedy" or "optimal") over label bit masks; returns the path.
#[pyfunction]
pub fn _einsum_search(
    py: Python<'_>,
    kind: &str,
    sets: Vec<u64>,
    output: u64,
    sizes: Vec<u128>,
    memory_limit: u128,
) -> PyResult<Vec<Vec<usize>>> {
    py.detach(|| {
        oxarray_core::ops::products::einsum_search(kind, &sets, output, &sizes, memory_limit)
    })
    .py()
}

/// Add this topic's functions and classes to `oxarray._core`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_einsum_diagonal, m)?)?;
    m.add_function(wrap_pyfunction!(_einsum_search, m)?)?;
    Ok(())
}
