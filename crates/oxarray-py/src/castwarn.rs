//! NumPy's warnings around casts: `ComplexWarning` when complex values are cast to a real
//! type, and `RuntimeWarning: overflow / invalid value encountered in cast` from the
//! floating-point flags the core's cast kernels raise (`oxarray_core::dtype::cast`).
//!
//! Use: [`begin`] before an operation that may cast (drops stale flags), [`complex`] once
//! the source and destination dtypes are known (NumPy warns before copying), [`finish`]
//! after it. Warnings follow Python's filters, so `-W error` turns them into exceptions as
//! it does for NumPy.

use oxarray_core::dtype::cast::{fpe, take_cast_flags};
use oxarray_core::dtype::DType;
use pyo3::prelude::*;

/// Drop flags left over from earlier casts on this thread.
pub fn begin() {
    take_cast_flags();
}

/// `ComplexWarning` when `src` is complex and `dst` is an integer or real float (NumPy does
/// not warn for complex to bool).
pub fn complex(py: Python<'_>, src: DType, dst: DType) -> PyResult<()> {
    if src.kind == 'c' && matches!(dst.kind, 'i' | 'u' | 'f') {
        crate::scalars::complex_warning(py)?;
    }
    Ok(())
}

/// Report the flags raised since [`begin`] through the error state, as NumPy does for its
/// casts (`errstate(over=..., invalid=...)`; default: warn), in NumPy's order (overflow,
/// then invalid).
pub fn finish(py: Python<'_>) -> PyResult<()> {
    let flags = take_cast_flags() & (fpe::OVERFLOW | fpe::INVALID);
    crate::errstate::report(py, "cast", flags)
}
