//! The bindings' side of the execution policy (`oxarray_core::exec`): the core decides
//! when a call is long enough to release the GIL; this is the one place that does it.
//! Loops that need the interpreter (Python callbacks) must not be run through here.

use pyo3::prelude::*;

/// Run `f`, without the GIL when the core's policy says a call touching `work_bytes`
/// bytes is long enough.
pub fn detach<T: Send>(py: Python<'_>, work_bytes: usize, f: impl FnOnce() -> T + Send) -> T {
    if oxarray_core::exec::release_gil(work_bytes) {
        py.detach(f)
    } else {
        f()
    }
}

/// Work of sorting-like calls on `a` (sorts, partitions, searches, set operations): each
/// element is read about log2(n) times, counted as 8 times its bytes. Dtypes whose comparison calls the interpreter (objects) keep the GIL (0).
pub fn sort_work(a: &oxarray_core::Array) -> usize {
    if a.dtype().needs_api() {
        return 0;
    }
    a.nbytes().saturating_mul(8)
}
