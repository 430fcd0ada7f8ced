//! Python functions: statistics and numerical helpers. The public functions are in
//! `python/oxarray/_statistics.py` (NumPy's signatures and argument checks); the numerics
//! are the core's `ops::stats` and `ops::histogram`, reached through the private
//! `_core` functions below (`bincount` is public as it is).

use oxarray_core::ops::histogram as hist;
use oxarray_core::ops::stats::{self, Mode, QMethod, QuantileOpts};
use oxarray_core::Array;
use pyo3::prelude::*;

use crate::convert::{self, Leaf};
use crate::errors::CoreResultExt;
use crate::ndarray::stats_methods::emit_warnings;
use crate::ndarray::wrap;

/// Run `f` without the GIL when the policy says `size` elements (taken as 8 bytes each)
/// are worth it.
fn detach<T: Send>(py: Python<'_>, size: usize, f: impl FnOnce() -> T + Send) -> T {
    crate::exec::detach(py, size.saturating_mul(8), f)
}

fn opt_array(o: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Array>> {
    match o.filter(|o| !o.is_none()) {
        Some(o) => convert::as_core_array(o).map(Some),
        None => Ok(None),
    }
}

/// NumPy's `_replace_nan`: `(copy with NaN -> val, mask)` for inexact arrays, else
/// `(a, None)`.
#[pyfunction]
fn _replace_nan(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    val: f64,
) -> PyResult<(Py<PyAny>, Py<PyAny>)> {
    let arr = convert::as_core_array(a)?;
    let (r, m) = stats::replace_nan(&arr, val).py()?;
    let m = match m {
        Some(m) => wrap(py, m)?,
        None => py.None(),
    };
    Ok((wrap(py, r)?, m))
}

/// Median along `axis` (an int or None), `skip_nan` for `nanmedian`; always an array.
#[pyfunction]
#[pyo3(signature = (a, axis, skip_nan))]
fn _median(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<isize>,
    skip_nan: bool,
) -> PyResult<Py<PyAny>> {
    let arr = convert::as_core_array(a)?;
    let (r, w) = detach(py, arr.size(), || stats::median(&arr, axis, skip_nan)).py()?;
    emit_warnings(py, &w, skip_nan)?;
    wrap(py, r)
}

/// Quantiles along `axis` at the float64 values `q` (a 1-d array); result shape
/// `(len(q),) + other axes`.
#[pyfunction]
#[pyo3(signature = (a, q, axis, method, weak_q, int_q, skip_nan, weights=None))]
#[allow(clippy::too_many_arguments)]
fn _quantile(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    q: Vec<f64>,
    axis: Option<isize>,
    method: &str,
    weak_q: bool,
    int_q: bool,
    skip_nan: bool,
    weights: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let arr = convert::as_core_array(a)?;
    let w = opt_array(weights)?;
    let opts = QuantileOpts {
        method: QMethod::parse(method).py()?,
        weak_q,
        int_q,
        skip_nan,
    };
    let (r, warns) = detach(py, arr.size(), || {
        stats::quantile(&arr, &q, axis, &opts, w.as_ref())
    })
    .py()?;
    emit_warnings(py, &warns, true)?;
    wrap(py, r)
}

/// `isclose` fused in float64 (the caller checks both operands promote to float64).
#[pyfunction]
fn _isclose_f64(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    y: &Bound<'_, PyAny>,
    rtol: f64,
    atol: f64,
    equal_nan: bool,
) -> PyResult<Py<PyAny>> {
    let xa = convert::as_core_array(x)?;
    let ya = convert::as_core_array(y)?;
    let n = xa.size().max(ya.size());
    let r = detach(py, n, || {
        stats::isclose_f64(&xa, &ya, rtol, atol, equal_nan)
    })
    .py()?;
    wrap(py, r)
}

/// 1-d correlation (`conj`: conjugate `v`, as `correlate` does for complex input).
#[pyfunction]
fn _correlate(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    v: &Bound<'_, PyAny>,
    mode: &str,
    conj: bool,
) -> PyResult<Py<PyAny>> {
    let aa = convert::as_core_array(a)?;
    let va = convert::as_core_array(v)?;
    let m = Mode::parse(mode).py()?;
    let n = aa.size().saturating_mul(va.size());
    let r = detach(py, n, || stats::correlate(&aa, &va, m, conj)).py()?;
    wrap(py, r)
}

fn opt_scalar(o: Option<&Bound<'_, PyAny>>) -> PyResult<Option<oxarray_core::dtype::Scalar>> {
    let Some(o) = o.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    match convert::leaf_of(o)? {
        Some(Leaf::Scalar(v, _)) => Ok(Some(v)),
        Some(Leaf::Array(a)) if a.ndim() == 0 => a.item().py().map(Some),
        _ => Err(pyo3::exceptions::PyTypeError::new_err(
            "left/right must be scalars",
        )),
    }
}

/// `interp` on float64 `x`, increasing float64 `xp`, float64 or complex128 `fp`.
#[pyfunction]
#[pyo3(signature = (x, xp, fp, left=None, right=None))]
fn _interp(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    xp: Vec<f64>,
    fp: &Bound<'_, PyAny>,
    left: Option<&Bound<'_, PyAny>>,
    right: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let xa = convert::as_core_array(x)?;
    let fa = convert::as_core_array(fp)?;
    let (l, r) = (opt_scalar(left)?, opt_scalar(right)?);
    let res = detach(py, xa.size(), || stats::interp(&xa, &xp, &fa, l, r)).py()?;
    wrap(py, res)
}

/// The modified Bessel function of order 0, elementwise, in float64.
#[pyfunction]
fn _i0(py: Python<'_>, x: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let xa = convert::as_core_array(x)?;
    wrap(py, stats::i0(&xa).py()?)
}

/// Histogram counts (or float64 weighted sums) over equal bins given by `edges`.
#[pyfunction]
#[pyo3(signature = (a, edges, weights=None))]
fn _histogram_uniform(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    edges: &Bound<'_, PyAny>,
    weights: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let aa = convert::as_core_array(a)?;
    let ea = convert::as_core_array(edges)?;
    let w = opt_array(weights)?;
    let r = detach(py, aa.size(), || {
        hist::histogram_uniform(&aa, &ea, w.as_ref())
    })
    .py()?;
    wrap(py, r)
}

/// Histogram counts (or float64 weighted sums) over arbitrary increasing edges.
#[pyfunction]
#[pyo3(signature = (a, edges, weights=None))]
fn _histogram_edges(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    edges: Vec<f64>,
    weights: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let aa = convert::as_core_array(a)?;
    let w = opt_array(weights)?;
    let r = detach(py, aa.size(), || {
        hist::histogram_edges(&aa, &edges, w.as_ref())
    })
    .py()?;
    wrap(py, r)
}

/// The float64 histogram of an `(N, D)` sample over per-dimension edges.
#[pyfunction]
#[pyo3(signature = (sample, edges, weights=None))]
fn _histogramdd(
    py: Python<'_>,
    sample: &Bound<'_, PyAny>,
    edges: Vec<Vec<f64>>,
    weights: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let s = convert::as_core_array(sample)?;
    let w = opt_array(weights)?;
    let r = detach(py, s.size(), || hist::histogramdd(&s, &edges, w.as_ref())).py()?;
    wrap(py, r)
}

/// Count the occurrences of each value in an array of non-negative ints.
#[pyfunction]
#[pyo3(signature = (x, /, weights=None, minlength=None))]
fn bincount(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    weights: Option<&Bound<'_, PyAny>>,
    minlength: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let xa = convert::as_core_array(x)?;
    let minlength: i64 = match minlength.filter(|o| !o.is_none()) {
        None => 0,
        Some(o) => o.extract()?,
    };
    if minlength < 0 {
        return Err(pyo3::exceptions::PyValueError::new_err(
            "'minlength' must not be negative",
        ));
    }
    let dt = xa.dtype();
    if !(dt.is_integer() || dt.is_bool() || xa.size() == 0) {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "Cannot cast array data from dtype('{dt}') to dtype('int64') according to the rule 'safe'"
        )));
    }
    if dt.kind == 'u' && dt.itemsize == 8 {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "Cannot cast array data from dtype('uint64') to dtype('int64') according to the rule 'safe'",
        ));
    }
    let w = opt_array(weights)?;
    let r = detach(py, xa.size(), || {
        hist::bincount(&xa, w.as_ref(), minlength as usize)
    })
    .py()?;
    wrap(py, r)
}

/// Add this topic's functions and classes to `oxarray._core`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_replace_nan, m)?)?;
    m.add_function(wrap_pyfunction!(_median, m)?)?;
    m.add_function(wrap_pyfunction!(_quantile, m)?)?;
    m.add_function(wrap_pyfunction!(_isclose_f64, m)?)?;
    m.add_function(wrap_pyfunction!(_correlate, m)?)?;
    m.add_function(wrap_pyfunction!(_interp, m)?)?;
    m.add_function(wrap_pyfunction!(_i0, m)?)?;
    m.add_function(wrap_pyfunction!(_histogram_uniform, m)?)?;
    m.add_function(wrap_pyfunction!(_histogram_edges, m)?)?;
    m.add_function(wrap_pyfunction!(_histogramdd, m)?)?;
    m.add_function(wrap_pyfunction!(bincount, m)?)?;
    Ok(())
}
