//! Python functions: statistics (filled in by its issue).

use pyo3::prelude::*;

/// Add this topic's functions and classes to `oxarray._core`.
pub fn register(_m: &Bound<'_, PyModule>) -> PyResult<()> {
    Ok(())
}
