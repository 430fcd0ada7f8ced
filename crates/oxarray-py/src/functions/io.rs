//! Python functions: text I/O. `_parse_text` is the Rust parser behind `loadtxt`,
//! `genfromtxt`, `fromstring(sep=...)` and `fromfile(sep=...)` (the options are parsed in
//! `python/oxarray/_textio.py`); the GIL is released while parsing.

use oxarray_core::ops::text::{self, Missing, TextOptions};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::errors::CoreResultExt;
use crate::ndarray::wrap;

/// `_parse_text(data, delimiter, comments, skiprows, max_rows, usecols, target,
/// missing_values=None, filling=nan, skip_footer=0)`: a 2-d array of float64, int64,
/// uint64 or complex128 (`target` is "f", "i", "u" or "c").
#[pyfunction]
#[pyo3(signature = (data, delimiter, comments, skiprows, max_rows, usecols, target, missing_values=None, filling=f64::NAN, skip_footer=0))]
#[allow(clippy::too_many_arguments)]
pub fn _parse_text(
    py: Python<'_>,
    data: &Bound<'_, PyBytes>,
    delimiter: Option<Vec<u8>>,
    comments: Vec<Vec<u8>>,
    skiprows: usize,
    max_rows: Option<usize>,
    usecols: Option<Vec<isize>>,
    target: &str,
    missing_values: Option<Vec<Vec<u8>>>,
    filling: f64,
    skip_footer: usize,
) -> PyResult<Py<PyAny>> {
    let target = match target {
        "i" => text::Target::Int,
        "u" => text::Target::UInt,
        "c" => text::Target::Complex,
        _ => text::Target::Float,
    };
    let opts = TextOptions {
        delimiter,
        comments,
        skiprows,
        skip_footer,
        max_rows,
        usecols,
        missing: missing_values.map(|values| Missing {
            values,
            fill: filling,
        }),
    };
    let bytes = data.as_bytes();
    // Parsing costs far more per byte than copying: 4 bytes of work per byte of text.
    let arr = crate::exec::detach(py, bytes.len() * 4, || {
        text::parse_table(bytes, &opts, target)
    })
    .py()?;
    wrap(py, arr)
}

/// Register this topic's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_parse_text, m)?)?;
    Ok(())
}
