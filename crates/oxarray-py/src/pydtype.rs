//! Dtypes written in Python (issue 14 part 5; `python/oxarray/dtypes.py` is the public
//! side): the design documents' `ArrayType` with its get/set item, zero and casts given
//! as Python callables.
//!
//! A Python dtype is an ordinary registered dtype of the core (`dtype::registry`) with the
//! flags `OPAQUE | NEEDS_API`: its items are `itemsize` plain bytes that are not numbers,
//! so `DType::get` answers a borrowed item (`Scalar::Ref`) and the Python side turns it
//! into an object through the [`PyItems`] hooks registered here, which call the class's
//! `getitem(bytes)` and `setitem(value) -> bytes`. Copies, views and byte-level moves
//! need nothing from Python.
//!
//! Casts from and to a Python dtype are core [`CastKernel`]s: a Python callable called
//! once per run of items with a 1-d array (a copy of the run) and returning the run's
//! values, or a C function `int cast(const char *src, intptr_t ss, char *dst, intptr_t ds,
//! intptr_t n, void *data)` (0 on success). The core runs them on the calling thread and
//! writes through scratch buffers (`iter::kernel_cast`), so a failing cast leaves no
//! partial result. Errors cross the core as foreign errors carrying the Python exception.

use std::ffi::c_void;
use std::sync::Arc;

use oxarray_core::dtype::cast::CastKernel;
use oxarray_core::dtype::registry::{self, DTypeSpec};
use oxarray_core::dtype::{Casting, DTypeOps, Descr};
use oxarray_core::{Array, DType, Error, Scalar};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::errors::CoreResultExt;
use crate::registered::{register_py_items, PyItems};

/// The Python side of one dtype.
struct PyFuncs {
    name: String,
    itemsize: usize,
    getitem: Py<PyAny>,
    setitem: Py<PyAny>,
    /// The zero item's bytes (`setitem(zero)`), when not all zero.
    zero: Option<Vec<u8>>,
}

/// A Python exception as a core error that carries it unchanged.
fn foreign(e: PyErr) -> Error {
    let msg = e.to_string();
    Error::foreign(Arc::new(e), msg)
}

impl PyFuncs {
    /// Store `value` as one item at `ptr` through `setitem`.
    ///
    /// # Safety
    /// `ptr` points to `itemsize` writable bytes.
    unsafe fn store(&self, value: &Bound<'_, PyAny>, ptr: *mut u8) -> PyResult<()> {
        let r = self.setitem.bind(value.py()).call1((value,))?;
        let b = match r.cast::<PyBytes>() {
            Ok(b) => b.clone(),
            Err(_) => r
                .py()
                .get_type::<PyBytes>()
                .call1((&r,))
                .map_err(|_| {
                    PyTypeError::new_err(format!(
                        "{}.setitem must return bytes, not '{}'",
                        self.name,
                        r.get_type()
                            .name()
                            .map(|n| n.to_string())
                            .unwrap_or_default()
                    ))
                })?
                .cast_into::<PyBytes>()?,
        };
        let bytes = b.as_bytes();
        if bytes.len() != self.itemsize {
            return Err(PyValueError::new_err(format!(
                "{}.setitem returned {} bytes, expected {} (the itemsize)",
                self.name,
                bytes.len(),
                self.itemsize
            )));
        }
        // SAFETY: the caller's contract; `bytes` holds `itemsize` bytes.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), ptr, self.itemsize) };
        Ok(())
    }

    /// The object of the item at `ptr` through `getitem`.
    ///
    /// # Safety
    /// `ptr` points to `itemsize` readable bytes.
    unsafe fn load(&self, py: Python<'_>, ptr: *const u8) -> PyResult<Py<PyAny>> {
        // SAFETY: the caller's contract.
        let data = unsafe { std::slice::from_raw_parts(ptr, self.itemsize) };
        let b = PyBytes::new(py, data);
        Ok(self.getitem.bind(py).call1((b,))?.unbind())
    }
}

/// The core vtable of a Python dtype. Reads never reach it (an opaque dtype's items are
/// read as `Scalar::Ref`); numbers written to it go through `setitem`.
struct Ops(&'static PyFuncs);

impl DTypeOps for Ops {
    unsafe fn get(&self, _descr: &Descr, _ptr: *const u8) -> Scalar {
        // Not reached for an opaque dtype (`DType::get` answers `Scalar::Ref`).
        Scalar::Int(0)
    }

    unsafe fn set(&self, _descr: &Descr, ptr: *mut u8, value: &Scalar) -> oxarray_core::Result<()> {
        Python::attach(|py| {
            let v = crate::convert::scalar_to_py(py, *value)?;
            // SAFETY: the caller's contract (one writable item).
            unsafe { self.0.store(v.bind(py), ptr) }
        })
        .map_err(foreign)
    }

    fn zero_is_zero_bytes(&self) -> bool {
        self.0.zero.is_none()
    }
}

/// The items hooks of a Python dtype.
struct Items(&'static PyFuncs);

impl PyItems for Items {
    fn get(&self, py: Python<'_>, _dt: DType, ptr: *const u8) -> PyResult<Py<PyAny>> {
        // SAFETY: the hook's contract: `ptr` is one readable item of the dtype.
        unsafe { self.0.load(py, ptr) }
    }

    fn set(
        &self,
        _py: Python<'_>,
        _dt: DType,
        ptr: *mut u8,
        value: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        // SAFETY: the hook's contract: `ptr` is one writable item of the dtype.
        unsafe { self.0.store(value, ptr) }
    }
}

/// Register a dtype written in Python (see `oxarray.dtypes.register_dtype`).
#[pyfunction]
fn _register_py_dtype(
    py: Python<'_>,
    name: String,
    itemsize: usize,
    alignment: usize,
    getitem: Bound<'_, PyAny>,
    setitem: Bound<'_, PyAny>,
    zero: Vec<u8>,
) -> PyResult<Py<crate::dtype::PyDType>> {
    if zero.len() != itemsize {
        return Err(PyValueError::new_err(format!(
            "the zero item of {name} has {} bytes, expected {itemsize} (the itemsize)",
            zero.len()
        )));
    }
    if itemsize > i32::MAX as usize {
        return Err(PyValueError::new_err("itemsize too large"));
    }
    let funcs: &'static PyFuncs = Box::leak(Box::new(PyFuncs {
        name: name.clone(),
        itemsize,
        getitem: getitem.unbind(),
        setitem: setitem.unbind(),
        zero: zero.iter().any(|&b| b != 0).then_some(zero),
    }));
    let spec = DTypeSpec {
        name,
        kind: 'V',
        char: 'V',
        itemsize,
        alignment,
        ops: Box::new(Ops(funcs)),
        flags: oxarray_core::dtype::flags::OPAQUE | oxarray_core::dtype::flags::NEEDS_API,
    };
    let dt = registry::register_dtype(spec).py()?;
    register_py_items(dt.type_id, Box::leak(Box::new(Items(funcs))));
    crate::dtype::dtype_to_py(py, dt)
}

/// NumPy's `PyUFuncGenericFunction`-like signature of a C cast.
type CCastFn = unsafe extern "C" fn(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: isize,
    data: *mut c_void,
) -> i32;

/// A cast written in Python or C.
enum CastImpl {
    Python(Py<PyAny>),
    C {
        func: CCastFn,
        data: *mut c_void,
        _owner: Option<Py<PyAny>>,
    },
}

/// A registered cast between two dtypes, one of them written in Python.
struct PyCast {
    from: DType,
    to: DType,
    imp: CastImpl,
}

// SAFETY: the C function and its data are the registrant's (documented as callable from
// any thread holding the interpreter); Python objects are only touched with it attached.
unsafe impl Send for PyCast {}
// SAFETY: as above.
unsafe impl Sync for PyCast {}

impl PyCast {
    /// The Python cast over one run.
    ///
    /// # Safety
    /// The `CastFn` contract.
    unsafe fn run_py(
        &self,
        py: Python<'_>,
        func: &Py<PyAny>,
        src: *const u8,
        ss: isize,
        dst: *mut u8,
        ds: isize,
        n: usize,
    ) -> PyResult<()> {
        // SAFETY: `n` readable source items (the contract).
        let v = unsafe {
            crate::ufunc::pyloops::run_view(src as *mut u8, &[n], &[ss], self.from, false)?
        };
        let own = oxarray_core::iter::copy_of(&v, oxarray_core::Order::C).py()?;
        let arg = crate::ndarray::wrap(py, own)?;
        let res = func.bind(py).call1((arg,))?;
        let a: Array = crate::convert::array_from_object(&res, Some(self.to))?;
        if a.shape() != [n] && a.ndim() != 0 {
            return Err(PyValueError::new_err(format!(
                "the cast from {} to {} returned shape {:?} for {n} items",
                self.from,
                self.to,
                a.shape()
            )));
        }
        // SAFETY: `n` writable destination items (the contract).
        let out = unsafe { crate::ufunc::pyloops::run_view(dst, &[n], &[ds], self.to, true)? };
        oxarray_core::iter::copy_into(&out, &a).py()
    }
}

impl CastKernel for PyCast {
    unsafe fn run(
        &self,
        src: *const u8,
        ss: isize,
        dst: *mut u8,
        ds: isize,
        n: usize,
    ) -> oxarray_core::Result<()> {
        match &self.imp {
            CastImpl::Python(f) => Python::attach(|py| {
                // SAFETY: forwarded.
                unsafe { self.run_py(py, f, src, ss, dst, ds, n) }
            })
            .map_err(foreign),
            CastImpl::C { func, data, .. } => {
                // SAFETY: the registrant promised the documented signature; the runs are
                // the `CastFn` contract's.
                let r = unsafe { func(src, ss, dst, ds, n as isize, *data) };
                if r == 0 {
                    return Ok(());
                }
                Python::attach(|py| {
                    let e = PyErr::take(py).unwrap_or_else(|| {
                        PyValueError::new_err(format!(
                            "the C cast from {} to {} failed (returned {r})",
                            self.from, self.to
                        ))
                    });
                    Err(foreign(e))
                })
            }
        }
    }
}

/// Register the cast `src -> dst` (see `oxarray.dtypes.register_cast`).
#[pyfunction]
#[pyo3(signature = (src, dst, func, casting, data=0))]
fn _register_py_cast(
    src: &Bound<'_, crate::dtype::PyDType>,
    dst: &Bound<'_, crate::dtype::PyDType>,
    func: &Bound<'_, PyAny>,
    casting: &str,
    data: usize,
) -> PyResult<()> {
    let (from, to) = (src.get().dt.to_native(), dst.get().dt.to_native());
    let is_py = |d: DType| registered_py(d);
    if !is_py(from) && !is_py(to) {
        return Err(PyTypeError::new_err(format!(
            "a cast registered from Python needs a dtype written in Python on one side, not {from} -> {to}"
        )));
    }
    if from == to {
        return Err(PyValueError::new_err("a dtype casts to itself by copying"));
    }
    let level = match casting {
        "no" => Casting::No,
        "equiv" => Casting::Equiv,
        "safe" => Casting::Safe,
        "same_kind" => Casting::SameKind,
        "unsafe" => Casting::Unsafe,
        _ => {
            return Err(PyValueError::new_err(format!(
                "unknown casting {casting:?}"
            )))
        }
    };
    let imp = match crate::ufunc::pyloops::c_address(func)? {
        Some(0) => {
            return Err(PyValueError::new_err(
                "a C cast cannot be a null function pointer",
            ))
        }
        Some(addr) => CastImpl::C {
            // SAFETY: the caller hands us the address of a function of the documented
            // signature; nothing else can be checked.
            func: unsafe { std::mem::transmute::<usize, CCastFn>(addr) },
            data: data as *mut c_void,
            _owner: (!func.is_instance_of::<pyo3::types::PyInt>()).then(|| func.clone().unbind()),
        },
        None if func.is_callable() => {
            if data != 0 {
                return Err(PyValueError::new_err("data= is only for C casts"));
            }
            CastImpl::Python(func.clone().unbind())
        }
        None => {
            return Err(PyTypeError::new_err(format!(
                "a cast must be a Python callable or a C function pointer, not '{}'",
                func.get_type().name()?
            )))
        }
    };
    let k: &'static PyCast = Box::leak(Box::new(PyCast { from, to, imp }));
    registry::register_cast_kernel(from, to, k, level);
    Ok(())
}

/// True for a dtype written in Python.
pub fn is_py_dtype(d: DType) -> bool {
    registered_py(d)
}

fn registered_py(d: DType) -> bool {
    d.builtin.is_none()
        && d.flags & oxarray_core::dtype::flags::NEEDS_API != 0
        && crate::registered::py_items(d).is_some()
}

/// Register a promotion (see `oxarray.dtypes.register_promotion`).
#[pyfunction]
fn _register_py_promotion(
    a: &Bound<'_, crate::dtype::PyDType>,
    b: &Bound<'_, crate::dtype::PyDType>,
    result: &Bound<'_, crate::dtype::PyDType>,
) -> PyResult<()> {
    let (a, b, r) = (a.get().dt, b.get().dt, result.get().dt);
    if !registered_py(a) && !registered_py(b) {
        return Err(PyTypeError::new_err(
            "a promotion registered from Python needs a dtype written in Python",
        ));
    }
    if r != a && r != b {
        return Err(PyValueError::new_err(
            "the promoted dtype must be one of the two",
        ));
    }
    registry::register_promotion(a.to_native(), b.to_native(), r.to_native());
    Ok(())
}

/// Register this module's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_register_py_dtype, m)?)?;
    m.add_function(wrap_pyfunction!(_register_py_cast, m)?)?;
    m.add_function(wrap_pyfunction!(_register_py_promotion, m)?)?;
    Ok(())
}
