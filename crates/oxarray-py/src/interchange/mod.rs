//! Interchange: oxarray's memory seen by others, and others' memory seen by oxarray, without
//! copying (issue 4).
//!
//! * [`buffer`]: PEP 3118 (`memoryview`, NumPy, bytes-likes, mmap), both directions.
//! * [`array_interface`]: NumPy's `__array_interface__` v3, both directions.
//! * [`dlpack`]: DLPack capsules (legacy and versioned), both directions.
//! * [`pickle`]: `__reduce_ex__` with protocol-5 out-of-band buffers.
//! * [`numpy_api`]: `__array__`, `__array_function__`, `__array_ufunc__`, `tobytes`,
//!   `flush`, `frombuffer`.
//! * [`npyio`]: the Rust half of `.npy` files (header parse/write live in the core).
//!
//! Import order for `asarray(obj)` follows NumPy's: the buffer protocol, then
//! `__array_interface__`, then `__array__()`. The imported array views the foreign memory;
//! its storage owns a keep-alive handle (the `Py_buffer`, the interface object, or the
//! consumed DLPack tensor), and its Python `base` is the exporting object.

pub mod array_interface;
pub mod buffer;
pub mod dlpack;
pub mod npyio;
pub mod numpy_api;
pub mod numpy_direct;
pub mod pickle;
pub mod scalar_protocols;

use oxarray_core::{iter, Array, Order};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyComplex, PyFloat, PyInt, PyList, PyString, PyTuple};

use crate::errors::CoreResultExt;
use crate::ndarray::PyArray;
use crate::scalars::PyGeneric;

/// Objects that never carry foreign array memory: skipped without any attribute lookups.
fn is_plain_python(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyArray>()
        || obj.is_instance_of::<PyGeneric>()
        || obj.is_instance_of::<PyFloat>()
        || obj.is_instance_of::<PyInt>()
        || obj.is_instance_of::<PyBool>()
        || obj.is_instance_of::<PyComplex>()
        || obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>()
        || obj.is_instance_of::<PyString>()
        // Bytes are strings to NumPy: an 'S' array (convert.rs, strings.rs).
        || obj.is_instance_of::<PyBytes>()
        || obj.is_none()
}

/// A NumPy scalar (`numpy.float64(1.0)`, ...): it exports a read-only 0-d buffer, but NumPy
/// converts it to a fresh writeable array, so we copy too.
///
/// The answer is kept per type (a short list holding the types, so none is freed and its
/// address reused while listed): reading `__module__` and `__name__` costs more than a
/// whole `asarray` of a small NumPy array, and every buffer exporter asks.
fn is_numpy_scalar(obj: &Bound<'_, PyAny>) -> bool {
    type Seen = Vec<(Py<pyo3::types::PyType>, bool)>;
    static SEEN: std::sync::Mutex<Seen> = std::sync::Mutex::new(Vec::new());
    let t = obj.get_type();
    let known = |seen: &Seen| {
        seen.iter()
            .find(|(ty, _)| ty.as_ptr() == t.as_ptr())
            .map(|&(_, v)| v)
    };
    if let Some(v) = SEEN.lock().ok().and_then(|s| known(&s)) {
        return v;
    }
    let v = numpy_scalar_type(&t);
    if let Ok(mut seen) = SEEN.lock() {
        if seen.len() < 64 && known(&seen).is_none() {
            seen.push((t.unbind(), v));
        }
    }
    v
}

fn numpy_scalar_type(t: &Bound<'_, pyo3::types::PyType>) -> bool {
    t.module()
        .is_ok_and(|m| m.to_str().is_ok_and(|m| m == "numpy"))
        && t.name()
            .is_ok_and(|n| n.to_str().is_ok_and(|n| n != "ndarray" && n != "memmap"))
        && t.getattr("__array_priority__").is_ok()
}

/// View a foreign array-like object's memory as a core array (`None` when `obj` offers no
/// array protocol). Zero-copy except for NumPy scalars.
///
/// # Errors
/// Whatever the protocol raised (unsupported dtype, read-only request, malformed interface).
pub fn import_core(obj: &Bound<'_, PyAny>) -> PyResult<Option<Array>> {
    if is_plain_python(obj) {
        return Ok(None);
    }
    if let Some(r) = numpy_direct::import(obj, false) {
        return r.map(Some);
    }
    // A NumPy array of a registered user dtype (`ml_dtypes`) before the protocols: its
    // interface says `'<V2'`, which is NumPy's void dtype to them.
    if let Some(a) = import_registered(obj)? {
        return Ok(Some(a));
    }
    // (NumPy's StringDType offers no memory to view: a copy through its items.)
    let imported = match import_any(obj) {
        Err(e) => match crate::convert::numpy_stringdtype(obj)? {
            Some(a) => return Ok(Some(a)),
            None => return Err(e),
        },
        Ok(a) => a,
    };
    match imported {
        // Only 0-d read-only imports can be NumPy scalars: check the type only then.
        Some(a) if a.ndim() == 0 && !a.is_writeable() && is_numpy_scalar(obj) => {
            Ok(Some(iter::copy_of(&a, Order::C).py()?))
        }
        other => Ok(other),
    }
}

/// A NumPy array of a user dtype whose name is a registered dtype's (an `ml_dtypes`
/// `bfloat16` array is oxarray's `bfloat16`): its bytes viewed as unsigned integers of the
/// same size, imported as usual, and seen as the registered dtype. Zero-copy. `None` when
/// `obj` is not such an array.
fn import_registered(obj: &Bound<'_, PyAny>) -> PyResult<Option<Array>> {
    let Ok(d) = obj.getattr("dtype") else {
        return Ok(None);
    };
    let (Ok(num), Ok(name), Ok(size)) = (
        d.getattr("num").and_then(|n| n.extract::<i64>()),
        d.getattr("name").and_then(|n| n.extract::<String>()),
        d.getattr("itemsize").and_then(|n| n.extract::<usize>()),
    ) else {
        return Ok(None);
    };
    if num < 256 || !matches!(size, 1 | 2 | 4 | 8) {
        return Ok(None);
    }
    let Some(dt) = oxarray_core::dtype::registry::lookup_name(&name) else {
        return Ok(None);
    };
    if dt.itemsize != size {
        return Ok(None);
    }
    let raw = obj.call_method1("view", (format!("u{size}"),))?;
    match import_any(&raw)? {
        Some(a) => Ok(Some(a.with_dtype(dt).py()?)),
        None => Ok(None),
    }
}

fn import_any(obj: &Bound<'_, PyAny>) -> PyResult<Option<Array>> {
    let mut first_err = None;
    let has_buffer = buffer::has_buffer(obj);
    if has_buffer && is_numpy_scalar(obj) {
        // NumPy scalars of types without a buffer format (datetime64, timedelta64, bytes_)
        // export their raw bytes as 'B': their interface's typestr is the truth, and it
        // refuses the dtypes oxarray lacks instead of reinterpreting the bytes.
        if let Some(a) = array_interface::import_interface(obj)? {
            return Ok(Some(a));
        }
    }
    if has_buffer {
        match buffer::import_buffer(obj) {
            Ok(a) => return Ok(Some(a)),
            // e.g. NumPy datetimes refuse buffer export; the interface may still work, and
            // if it does not, the buffer's error is the more telling one.
            Err(e) => first_err = Some(e),
        }
    }
    match array_interface::import_interface(obj) {
        Ok(Some(a)) => return Ok(Some(a)),
        Ok(None) => {}
        // The interface names the dtype oxarray lacks more clearly than the buffer's error.
        Err(e) => return Err(e),
    }
    if let Some(e) = first_err {
        return Err(e);
    }
    let array_method = match obj.getattr("__array__") {
        Ok(m) => Some(m),
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyAttributeError>(obj.py()) => None,
        Err(e) => return Err(e),
    };
    if let Some(m) = array_method {
        let res = m.call0()?;
        if res.is(obj) || is_plain_python(&res) {
            return Err(PyTypeError::new_err(
                "__array__ did not return an array the buffer protocol can describe",
            ));
        }
        if buffer::has_buffer(&res) {
            return buffer::import_buffer(&res).map(Some);
        }
        return array_interface::import_interface(&res);
    }
    Ok(None)
}

/// The hook for `asarray`/`array`: a new ndarray viewing `obj`'s memory (with `base` set to
/// `obj`), or `None` when `obj` is not a foreign array-like.
///
/// # Errors
/// As [`import_core`].
pub fn try_import<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyArray>>> {
    // (`bytes` is an 'S' string, as NumPy's: not imported as the buffer it exports.)
    let imported = import_core(obj)?;
    let Some(arr) = imported else {
        return Ok(None);
    };
    let base = if arr.storage().is_owned() {
        None
    } else {
        Some(obj.clone().unbind())
    };
    Bound::new(obj.py(), PyArray { arr, base }).map(Some)
}

/// Register the module-level functions of this module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(dlpack::from_dlpack, m)?)?;
    m.add_function(wrap_pyfunction!(numpy_api::frombuffer, m)?)?;
    m.add_function(wrap_pyfunction!(numpy_api::_frombuffer_shaped, m)?)?;
    m.add_function(wrap_pyfunction!(npyio::_npy_magic, m)?)?;
    m.add_function(wrap_pyfunction!(npyio::_npy_parse_header, m)?)?;
    m.add_function(wrap_pyfunction!(npyio::_npy_header, m)?)?;
    m.add_function(wrap_pyfunction!(npyio::_npy_empty, m)?)?;
    m.add_function(wrap_pyfunction!(npyio::_npy_fallocate, m)?)?;
    Ok(())
}
