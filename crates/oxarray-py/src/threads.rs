//! Thread controls: `set_num_threads`/`get_num_threads` for Python (the context manager
//! `oxarray.num_threads` and the threadpoolctl controller are in `oxarray/_threads.py`),
//! and two C symbols exported from the extension module so that threadpoolctl, which
//! talks to native libraries through `ctypes`, can read and limit oxarray's thread count
//! like it does BLAS's. All of them act on the core's one setting
//! (`oxarray_core::exec::num_threads`).

use std::ffi::c_int;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// set_num_threads(n, /)
/// --
///
/// Set the number of threads oxarray uses for large calls (elementwise ufuncs, casts,
/// copies, ``where``, reductions, matmul, linalg, fft); returns the previous number.
/// ``n`` must be at least 1. The initial value is ``OXARRAY_NUM_THREADS`` when set to a
/// positive integer, else ``OMP_NUM_THREADS`` (its first count) when set to one (as
/// dask.distributed's nanny does for its worker processes), else the number of CPUs
/// available.
#[pyfunction]
pub fn set_num_threads(n: i64) -> PyResult<usize> {
    if n < 1 {
        return Err(PyValueError::new_err(format!(
            "number of threads must be at least 1, got {n}"
        )));
    }
    let n = usize::try_from(n).map_err(|_| PyValueError::new_err("number of threads too large"))?;
    oxarray_core::exec::set_num_threads(n).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// get_num_threads()
/// --
///
/// The number of threads oxarray uses for large calls.
#[pyfunction]
pub fn get_num_threads() -> usize {
    oxarray_core::exec::num_threads()
}

/// The thread count, for threadpoolctl (C ABI).
#[no_mangle]
pub extern "C" fn oxarray_get_num_threads() -> c_int {
    c_int::try_from(oxarray_core::exec::num_threads()).unwrap_or(c_int::MAX)
}

/// Set the thread count (values below 1 count as 1); returns the previous one
/// (threadpoolctl's C-level controller interface).
#[no_mangle]
pub extern "C" fn oxarray_set_num_threads(n: c_int) -> c_int {
    let n = usize::try_from(n).unwrap_or(1).max(1);
    let prev = oxarray_core::exec::set_num_threads(n).unwrap_or(n);
    c_int::try_from(prev).unwrap_or(c_int::MAX)
}

/// Add the functions to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(set_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(get_num_threads, m)?)?;
    Ok(())
}
