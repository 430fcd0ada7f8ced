//! Python functions: the one-axis transform primitive behind `oxarray.fft`.
//!
//! The Python layer (`python/oxarray/fft/__init__.py`) normalizes `n`, `s`, `axes` and
//! `norm` as NumPy's `_pocketfft.py` does and calls [`_fft_raw`] once per axis.

use oxarray_core::fft::{transform, Kind};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::errors::CoreResultExt;
use crate::functions::as_pyarray;
use crate::ndarray::{wrap, PyArray};

/// `_fft_raw(a, kind, n, axis, fct, out=None)`: one transform along `axis` (normalized).
///
/// `kind` is `"c2c"`, `"ic2c"` (backward, unscaled), `"r2c"` or `"c2r"`; the result is
/// multiplied by `fct`. Returns `out` when given, else a new array.
#[pyfunction]
#[pyo3(signature = (a, kind, n, axis, fct, out=None))]
pub fn _fft_raw(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    kind: &str,
    n: i64,
    axis: i64,
    fct: f64,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let kind = match kind {
        "c2c" => Kind::Forward,
        "ic2c" => Kind::Backward,
        "r2c" => Kind::RealForward,
        "c2r" => Kind::RealBackward,
        _ => return Err(PyValueError::new_err(format!("unknown transform {kind:?}"))),
    };
    if n < 1 {
        return Err(PyValueError::new_err(format!(
            "Invalid number of FFT data points ({n}) specified."
        )));
    }
    let arr = as_pyarray(a)?.borrow().arr.clone();
    let axis = oxarray_core::error::normalize_axis(axis as isize, arr.ndim()).py()?;
    let out_obj = match out {
        Some(o) if !o.is_none() => Some(o.cast::<PyArray>().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err("return arrays must be of ArrayType")
        })?),
        _ => None,
    };
    let out_arr = out_obj.map(|o| o.borrow().arr.clone());
    let n = n as usize;
    // A transform touches every element about log2(n) times: 64 bytes of work each.
    let work = arr.size().max(n) * 64;
    let res = crate::exec::detach(py, work, || {
        transform(&arr, kind, n, axis, fct, out_arr.as_ref())
    })
    .py()?;
    match out_obj {
        Some(o) => Ok(o.clone().into_any().unbind()),
        None => wrap(py, res),
    }
}

/// `_fft_roll(x, shifts, axes)`: NumPy's `roll` with per-axis shifts (for `fftshift`).
#[pyfunction]
pub fn _fft_roll(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    shifts: Vec<isize>,
    axes: Vec<isize>,
) -> PyResult<Py<PyAny>> {
    let arr = as_pyarray(x)?.borrow().arr.clone();
    let r = py
        .detach(|| oxarray_core::fft::roll(&arr, &shifts, &axes))
        .py()?;
    wrap(py, r)
}

/// `_fftfreq_ints(n, real)`: the integer frequencies of `fftfreq`/`rfftfreq`.
#[pyfunction]
pub fn _fftfreq_ints(py: Python<'_>, n: i64, real: bool) -> PyResult<Py<PyAny>> {
    if n < 0 {
        return Err(PyValueError::new_err(format!(
            "negative dimensions are not allowed (n={n})"
        )));
    }
    if n == 0 {
        return Err(pyo3::exceptions::PyZeroDivisionError::new_err(
            "float division by zero",
        ));
    }
    wrap(py, oxarray_core::fft::freq_ints(n as usize, real).py()?)
}

/// Add this topic's functions and classes to `oxarray._core`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_fft_raw, m)?)?;
    m.add_function(wrap_pyfunction!(_fft_roll, m)?)?;
    m.add_function(wrap_pyfunction!(_fftfreq_ints, m)?)?;
    Ok(())
}
