//! Python functions: rearranging (`repeat`, `tile`, `roll` on top of the core's one-pass
//! copies; the composites are in `python/oxarray/_manipulation.py`).

use oxarray_core::dtype::Builtin;
use oxarray_core::{iter, ops, Array, Order};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyInt;

use super::{as_pyarray, shape_arg};
use crate::errors::CoreResultExt;
use crate::ndarray::{wrap, wrap_like, PyArray};

/// The `repeats` argument: one count, or one per element (cast to intp, unsafely, as
/// NumPy's `PyArray_ContiguousFromAny(repeats, NPY_INTP)`).
pub fn repeats_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    let values: Vec<i64> = if obj.is_instance_of::<PyInt>() {
        vec![obj.extract()?]
    } else {
        let a = as_pyarray(obj)?.borrow().arr.clone();
        let intp = Builtin::Int64.dtype();
        // NumPy converts `repeats` with an unsafe cast to intp (1.5 repeats once), but
        // complex values do not convert.
        if a.dtype().kind == 'c' {
            return Err(PyTypeError::new_err(
                "int() argument must be a string, a bytes-like object or a real number, not 'complex'",
            ));
        }
        if a.ndim() > 1 {
            return Err(PyValueError::new_err(
                "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1.",
            ));
        }
        let c = iter::copy_as(&a, intp, Order::C).py()?;
        let n = c.size();
        let p = c.data_ptr() as *const i64;
        // SAFETY: `c` is a fresh contiguous int64 array of `n` elements.
        (0..n)
            .map(|i| unsafe { p.add(i).read_unaligned() })
            .collect()
    };
    values
        .into_iter()
        .map(|v| {
            usize::try_from(v)
                .map_err(|_| PyValueError::new_err("repeats may not contain negative values."))
        })
        .collect()
}

/// Run `f` without the GIL when the result is large.
fn maybe_detach<T: Send>(
    py: Python<'_>,
    bytes: usize,
    f: impl FnOnce() -> oxarray_core::Result<T> + Send,
) -> PyResult<T> {
    crate::exec::detach(py, bytes, f).py()
}

/// The shared body of `repeat` (function and method).
pub fn repeat_impl(
    py: Python<'_>,
    a: &Array,
    repeats: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<Array> {
    let reps = repeats_arg(repeats)?;
    let est = a
        .nbytes()
        .saturating_mul(reps.first().copied().unwrap_or(1));
    maybe_detach(py, est, || ops::rearrange::repeat(a, &reps, axis))
}

/// `repeat(a, repeats, axis=None)`.
#[pyfunction]
#[pyo3(signature = (a, repeats, axis=None))]
pub fn repeat(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    repeats: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<Py<PyAny>> {
    let arr = as_pyarray(a)?;
    let core = arr.borrow().arr.clone();
    let r = repeat_impl(py, &core, repeats, axis)?;
    if a.cast::<PyArray>().is_ok() {
        wrap_like(&arr, r)
    } else {
        wrap(py, r)
    }
}

/// `_tile(a, reps)`: the copy of `tile` once `a` and `reps` have the same length.
#[pyfunction]
pub fn _tile(py: Python<'_>, a: &Bound<'_, PyAny>, reps: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let arr = as_pyarray(a)?;
    let core = arr.borrow().arr.clone();
    let reps: Vec<usize> = shape_arg(reps)?
        .into_iter()
        .map(|r| {
            usize::try_from(r)
                .map_err(|_| PyValueError::new_err("negative dimensions are not allowed"))
        })
        .collect::<PyResult<_>>()?;
    let bytes = reps.iter().fold(core.nbytes(), |n, &r| n.saturating_mul(r));
    let r = maybe_detach(py, bytes, || ops::rearrange::tile(&core, &reps))?;
    wrap_like(&arr, r)
}

/// `_roll(a, shifts)`: `a` rolled by `shifts[k]` along every axis `k`.
#[pyfunction]
pub fn _roll(py: Python<'_>, a: &Bound<'_, PyAny>, shifts: Vec<isize>) -> PyResult<Py<PyAny>> {
    let arr = as_pyarray(a)?;
    let core = arr.borrow().arr.clone();
    let r = maybe_detach(py, core.nbytes(), || ops::rearrange::roll(&core, &shifts))?;
    wrap_like(&arr, r)
}

/// `_pad_simple(a, widths, fortran)`: the padded array with `a` in its centre and zeroed
/// borders (the start of every `pad` mode).
#[pyfunction]
pub fn _pad_simple(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    widths: Vec<(usize, usize)>,
    fortran: bool,
) -> PyResult<Py<PyAny>> {
    let arr = as_pyarray(a)?;
    let core = arr.borrow().arr.clone();
    let r = maybe_detach(py, core.nbytes(), || {
        ops::rearrange::pad_simple(&core, &widths, fortran)
    })?;
    wrap(py, r)
}

/// Add this topic's functions and classes to `oxarray._core`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(repeat, m)?)?;
    m.add_function(wrap_pyfunction!(_tile, m)?)?;
    m.add_function(wrap_pyfunction!(_roll, m)?)?;
    m.add_function(wrap_pyfunction!(_pad_simple, m)?)?;
    Ok(())
}
