//! The Rust side of the floating-point error state (`python/oxarray/_errstate.py` holds the
//! Python API and documents the design).
//!
//! The core never decides what a flag means: a ufunc call returns the bits of
//! `oxarray_core::ufunc::loops::fpe` it raised and the caller hands them to [`report`],
//! which reads the caller's settings from the `oxarray_errstate` context variable and
//! warns, raises, calls, prints or logs as NumPy's `PyUFunc_handlefperr` does:
//!
//! 1. Nothing raised: return at once (the caller only calls us when `fpe != 0`).
//! 2. Read the context variable: a tuple `(divide, over, under, invalid, call,
//!    int_overflow)` of mode indices (`_MODES` in `_errstate.py`) and the callback.
//! 3. For each raised category, in NumPy's order (divide, over, under, invalid), act on its
//!    mode; the first that raises an exception stops the walk, like NumPy's.
//!
//! [`int_overflow_checks`] (the opt-in integer overflow detection, an oxarray extension)
//! is asked on every ufunc call, so it is guarded by a process-wide atomic that is set the
//! first time any context turns the check on: until then it is one relaxed load.

use std::ffi::CString;
use std::sync::atomic::{AtomicBool, Ordering};

use oxarray_core::ufunc::loops::fpe;
use pyo3::exceptions::{PyFloatingPointError, PyNameError, PyRuntimeWarning};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyTuple;

/// Set once any context asked for integer overflow checks; never cleared.
static INT_OVERFLOW_EVER_ENABLED: AtomicBool = AtomicBool::new(false);

/// The `ContextVar` of `oxarray._errstate`.
static ERRSTATE_VAR: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Mode indices, as in `_errstate._MODES`.
const IGNORE: usize = 0;
const WARN: usize = 1;
const RAISE: usize = 2;
const CALL: usize = 3;
const PRINT: usize = 4;
const LOG: usize = 5;

/// Slot of the callback and of the integer-overflow mode in the state tuple.
const CALL_SLOT: usize = 4;
const INT_OVERFLOW_SLOT: usize = 5;

/// The categories in NumPy's reporting order: flag bit, slot in the state tuple, the words
/// of the message.
const CATEGORIES: [(u8, usize, &str); 4] = [
    (fpe::DIVIDE, 0, "divide by zero"),
    (fpe::OVERFLOW, 1, "overflow"),
    (fpe::UNDERFLOW, 2, "underflow"),
    (fpe::INVALID, 3, "invalid value"),
];

fn state(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
    let var = ERRSTATE_VAR.get_or_try_init(py, || {
        Ok::<_, PyErr>(
            py.import("oxarray._errstate")?
                .getattr("_errstate_var")?
                .unbind(),
        )
    })?;
    Ok(var.bind(py).call_method0("get")?.cast_into::<PyTuple>()?)
}

fn mode_at(st: &Bound<'_, PyTuple>, slot: usize) -> PyResult<usize> {
    st.get_item(slot)?.extract::<usize>()
}

/// Report the floating-point flags `fpe` raised by a call of the ufunc `ufunc_name`
/// according to the current error state.
///
/// # Errors
/// `FloatingPointError` in `raise` mode; whatever a warning filter, callback or log object
/// raises; `NameError` (NumPy's choice) in `call`/`log` mode with no callback set.
pub fn report(py: Python<'_>, ufunc_name: &str, fpe: u8) -> PyResult<()> {
    if fpe == 0 {
        return Ok(());
    }
    // A weak Python scalar that overflowed in its conversion: NumPy reports it as it
    // converts, before the operation ("overflow encountered in cast").
    if fpe & fpe::CAST_OVERFLOW != 0 {
        report(py, "cast", fpe::OVERFLOW)?;
        return report(py, ufunc_name, fpe & !fpe::CAST_OVERFLOW);
    }
    let st = state(py)?;
    let int_mode = mode_at(&st, INT_OVERFLOW_SLOT)?;
    for (bit, slot, errtype) in CATEGORIES {
        if fpe & bit == 0 {
            continue;
        }
        // While the integer-overflow check is on, its mode governs the overflow flag (the
        // loops report one flag for both kinds; see `_errstate.py`).
        let mode = if bit == fpe::OVERFLOW && int_mode != IGNORE {
            int_mode
        } else {
            mode_at(&st, slot)?
        };
        handle(py, &st, mode, ufunc_name, errtype, fpe)?;
    }
    Ok(())
}

fn handle(
    py: Python<'_>,
    st: &Bound<'_, PyTuple>,
    mode: usize,
    name: &str,
    errtype: &str,
    fpe: u8,
) -> PyResult<()> {
    match mode {
        IGNORE => Ok(()),
        WARN => {
            let msg = CString::new(format!("{errtype} encountered in {name}"))
                .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
            PyErr::warn(py, &py.get_type::<PyRuntimeWarning>(), &msg, 1)
        }
        RAISE => Err(PyFloatingPointError::new_err(format!(
            "{errtype} encountered in {name}"
        ))),
        CALL => {
            let func = st.get_item(CALL_SLOT)?;
            if func.is_none() {
                return Err(PyNameError::new_err(format!(
                    "python callback specified for {errtype} (in  {name}) but no function found."
                )));
            }
            func.call1((errtype, fpe))?;
            Ok(())
        }
        PRINT => {
            // NumPy writes this line to the C-level stderr; we go through `sys.stderr` so
            // that Python-level redirection sees it.
            py.import("sys")?.getattr("stderr")?.call_method1(
                "write",
                (format!("Warning: {errtype} encountered in {name}\n"),),
            )?;
            Ok(())
        }
        LOG => {
            let log = st.get_item(CALL_SLOT)?;
            if log.is_none() {
                return Err(PyNameError::new_err(format!(
                    "log specified for {errtype} (in {name}) but no object with write method found."
                )));
            }
            log.call_method1(
                "write",
                (format!("Warning: {errtype} encountered in {name}\n"),),
            )?;
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Whether integer ufunc loops should check for overflow in the current context (the
/// oxarray extension `errstate(int_overflow=...)`). One relaxed atomic load until some
/// context has ever turned the check on.
pub fn int_overflow_checks(py: Python<'_>) -> bool {
    if !INT_OVERFLOW_EVER_ENABLED.load(Ordering::Relaxed) {
        return false;
    }
    match state(py).and_then(|st| mode_at(&st, INT_OVERFLOW_SLOT)) {
        Ok(mode) => mode != IGNORE,
        Err(_) => false,
    }
}

/// Called by `_errstate.py` when a context turns the integer-overflow check on.
#[pyfunction]
pub fn _errstate_enable_int_overflow() {
    INT_OVERFLOW_EVER_ENABLED.store(true, Ordering::Relaxed);
}

/// Test hook: what a ufunc call that raised `fpe` reports (`report` itself).
#[pyfunction]
pub fn _errstate_report(py: Python<'_>, ufunc_name: &str, fpe: u8) -> PyResult<()> {
    report(py, ufunc_name, fpe)
}

/// Test hook: [`int_overflow_checks`] as Python sees it.
#[pyfunction]
pub fn _errstate_int_overflow_checks(py: Python<'_>) -> bool {
    int_overflow_checks(py)
}
