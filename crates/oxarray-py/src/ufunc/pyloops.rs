//! Loops written outside the core, registered from Python (`oxarray.ufunc(...)`,
//! `ufunc.register_loop`): the design documents' *compute* functions "either in C or
//! Python".
//!
//! - A **Python callable** is a vectorised loop: it is called once per inner run of the
//!   engine with one 1-d array per input (a copy of the run, in the loop's dtype) and
//!   returns the output(s) for that run (an array-like of the run's length, or anything
//!   that broadcasts to it; a tuple for several outputs), cast to the loop's output dtype
//!   under `same_kind`. The inputs are copies, so a callable that keeps them keeps its own
//!   arrays, never the engine's buffers. Its exception reaches the caller unchanged
//!   (through the core as an [`ErrorKind::Foreign`](oxarray_core::ErrorKind) error).
//! - A **C function pointer** has NumPy's `PyUFuncGenericFunction` signature,
//!   `void loop(char **args, const intptr_t *dimensions, const intptr_t *steps,
//!   void *data)` (so a NumPy-style C loop, a numba `cfunc` or a ctypes callback works
//!   unchanged), with `dimensions[0]` the run length and `steps` the byte strides.
//!
//! Both register the loop with non-null data, which the engine runs on the calling thread
//! only, never split over the pool (`ufunc::exec::run`). A Python loop is registered with
//! `LoopEntry::needs_api`, so the bindings keep the GIL for its whole call (its
//! `Python::attach` per run is then cheap); a C loop releases the GIL for long calls
//! unless registered with `needs_api=True` (one that calls the C API without taking the
//! GIL itself).

use std::ffi::{c_char, c_void};
use std::sync::Arc;

use oxarray_core::dtype::{can_cast, Casting};
use oxarray_core::storage::Storage;
use oxarray_core::ufunc::loops::{LoopContext, LoopEntry, LoopResult};
use oxarray_core::{Array, DType, Error};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::convert::array_from_object;
use crate::errors::CoreResultExt;

/// NumPy's `PyUFuncGenericFunction`.
type CLoopFn = unsafe extern "C" fn(
    args: *mut *mut c_char,
    dims: *const isize,
    steps: *const isize,
    data: *mut c_void,
);

/// The data of a Python loop.
struct PyLoopData {
    func: Py<PyAny>,
    types: Vec<DType>,
    nin: usize,
    name: String,
    /// For a generalized ufunc: per operand (inputs then outputs), its core dimensions as
    /// indices into the context's `core_dims`.
    core: Option<Vec<Vec<usize>>>,
}

/// The data of a C loop: the function, its `void *data`, and the Python object that owns
/// the code (a ctypes or numba function), kept alive with the loop.
struct CLoopData {
    func: CLoopFn,
    data: *mut c_void,
    /// A generalized ufunc's loop (NumPy's gufunc loop convention for `dimensions` and
    /// `steps`).
    gufunc: bool,
    _owner: Option<Py<PyAny>>,
}

/// An array over items of `dt` at `ptr` with this shape and byte strides, not owning the
/// memory.
///
/// # Safety
/// The items must stay valid (and writable when `writeable`) while the array is used; the
/// array must not outlive the loop call.
pub(crate) unsafe fn run_view(
    ptr: *mut u8,
    shape: &[usize],
    strides: &[isize],
    dt: DType,
    writeable: bool,
) -> PyResult<Array> {
    let (lo, hi) = oxarray_core::layout::byte_extent(shape, strides, dt.itemsize);
    let bytes = if shape.contains(&0) {
        0
    } else {
        (hi - lo) as usize
    };
    // SAFETY: the caller's contract; `lo` moves to the lowest addressed byte.
    let storage =
        unsafe { Storage::foreign(ptr.wrapping_offset(lo), bytes, writeable, Box::new(())) };
    Array::from_parts(
        Arc::new(storage),
        -lo,
        shape.into(),
        strides.into(),
        dt,
        writeable,
    )
    .py()
}

/// The shape and strides of operand `i`'s items for a run of `len` loop iterations: `len`
/// then, for a generalized ufunc, its core axes (sizes and strides from `ctx`).
fn operand_layout(
    ctx: &LoopContext<'_>,
    core: Option<&[Vec<usize>]>,
    i: usize,
    len: usize,
    stride: isize,
) -> (Vec<usize>, Vec<isize>) {
    let mut shape = vec![len];
    let mut st = vec![stride];
    if let Some(core) = core {
        let off: usize = core[..i].iter().map(|c| c.len()).sum();
        for (j, &k) in core[i].iter().enumerate() {
            shape.push(ctx.core_dims[k]);
            st.push(ctx.core_strides[off + j]);
        }
    }
    (shape, st)
}

/// A Python exception as a core error that carries it unchanged.
pub(crate) fn foreign(e: PyErr) -> Error {
    let msg = e.to_string();
    Error::foreign(Arc::new(e), msg)
}

/// The Python loop: copy the inputs, call, cast and store the outputs.
///
/// # Safety
/// The [`oxarray_core::ufunc::loops::LoopFn`] contract; `ctx.data` is a `PyLoopData`.
unsafe fn py_loop(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    // SAFETY: registered with this data, which lives as long as the loop.
    let d = unsafe { &*(ctx.data as *const PyLoopData) };
    Python::attach(|py| {
        let run = || -> PyResult<()> {
            let mut args = Vec::with_capacity(d.nin);
            for i in 0..d.nin {
                let (sh, st) = operand_layout(ctx, d.core.as_deref(), i, len, strides[i]);
                // SAFETY: the loop contract: `len` items (core blocks) of the loop dtype.
                let v = unsafe { run_view(ptrs[i], &sh, &st, d.types[i], false)? };
                let own = oxarray_core::iter::copy_of(&v, oxarray_core::Order::C).py()?;
                args.push(crate::ndarray::wrap(py, own)?);
            }
            let res = d.func.bind(py).call1(PyTuple::new(py, args)?)?;
            let nout = d.types.len() - d.nin;
            let outs: Vec<Bound<'_, PyAny>> = if nout == 1 {
                vec![res]
            } else {
                let t = res.cast_into::<PyTuple>().map_err(|_| {
                    PyTypeError::new_err(format!(
                        "the loop of ufunc '{}' must return a tuple of {nout} outputs",
                        d.name
                    ))
                })?;
                if t.len() != nout {
                    return Err(PyValueError::new_err(format!(
                        "the loop of ufunc '{}' returned {} outputs, expected {nout}",
                        d.name,
                        t.len()
                    )));
                }
                t.iter().collect()
            };
            for (k, o) in outs.iter().enumerate() {
                let j = d.nin + k;
                let dt = d.types[j];
                let a = array_from_object(o, None)?;
                if !can_cast(a.dtype(), dt, Casting::SameKind) {
                    return Err(PyTypeError::new_err(format!(
                        "the loop of ufunc '{}' returned dtype('{}') for output {k}, which does not cast to dtype('{dt}') under 'same_kind'",
                        d.name,
                        a.dtype()
                    )));
                }
                let (sh, st) = operand_layout(ctx, d.core.as_deref(), j, len, strides[j]);
                // SAFETY: the loop contract: `len` writable items (core blocks) of the dtype.
                let dst = unsafe { run_view(ptrs[j], &sh, &st, dt, true)? };
                oxarray_core::iter::copy_into(&dst, &a).py()?;
            }
            Ok(())
        };
        run().map_err(foreign)
    })
}

/// The C loop.
///
/// # Safety
/// The [`oxarray_core::ufunc::loops::LoopFn`] contract; `ctx.data` is a `CLoopData`.
unsafe fn c_loop(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    // SAFETY: registered with this data.
    let d = unsafe { &*(ctx.data as *const CLoopData) };
    if d.gufunc {
        // NumPy's gufunc convention: `dimensions` = the loop length then the core sizes,
        // `steps` = the operands' outer strides then their core strides.
        let dims: Vec<isize> = std::iter::once(len as isize)
            .chain(ctx.core_dims.iter().map(|&n| n as isize))
            .collect();
        let steps: Vec<isize> = strides.iter().chain(ctx.core_strides).copied().collect();
        // SAFETY: as below, with NumPy's gufunc arrays.
        unsafe {
            (d.func)(
                ptrs.as_ptr() as *mut *mut c_char,
                dims.as_ptr(),
                steps.as_ptr(),
                d.data,
            )
        };
        return Ok(());
    }
    let dims = [len as isize];
    // SAFETY: the registrant promised NumPy's loop signature; `ptrs`/`strides` have one
    // entry per operand, as NumPy's `args`/`steps`. The function only reads `args`.
    unsafe {
        (d.func)(
            ptrs.as_ptr() as *mut *mut c_char,
            dims.as_ptr(),
            strides.as_ptr(),
            d.data,
        )
    };
    Ok(())
}

/// A select rule from a Python callable: called with one entry per input (its dtype, or
/// the Python type `int`/`float`/`complex` of a weak Python scalar), it returns `None`
/// (the ufunc's own search decides) or the loop's dtypes as `"dd->d"` or a sequence of
/// `nin + nout` dtype-likes.
pub fn select_fn(func: Py<PyAny>, nin: usize, nout: usize) -> oxarray_core::ufunc::SelectFn {
    use oxarray_core::dtype::Operand;
    Arc::new(move |ops: &[Operand]| {
        Python::attach(|py| {
            let run = || -> PyResult<Option<Vec<DType>>> {
                let mut args = Vec::with_capacity(ops.len());
                for op in ops {
                    args.push(operand_to_py(py, op)?);
                }
                let r = func.bind(py).call1(PyTuple::new(py, args)?)?;
                if r.is_none() {
                    return Ok(None);
                }
                super::loop_types(&r, nin, nout).map(Some)
            };
            run().map_err(foreign)
        })
    })
}

/// The address of a C function given as an int, a ctypes function pointer, or an object
/// with an integer `address` attribute (numba's `cfunc`); `None` for anything else.
pub(crate) fn c_address(func: &Bound<'_, PyAny>) -> PyResult<Option<usize>> {
    let py = func.py();
    if func.is_instance_of::<pyo3::types::PyInt>() {
        return func.extract::<usize>().map(Some);
    }
    if let Ok(a) = func.getattr("address") {
        if let Ok(v) = a.extract::<usize>() {
            return Ok(Some(v));
        }
    }
    let ctypes = py.import("ctypes")?;
    let cfuncptr = ctypes.getattr("_CFuncPtr")?;
    if func.is_instance(&cfuncptr)? {
        let vp = ctypes.getattr("c_void_p")?;
        let p = ctypes.call_method1("cast", (func, vp))?.getattr("value")?;
        return p.extract::<Option<usize>>().map(|v| v.filter(|&a| a != 0));
    }
    Ok(None)
}

/// The loop entry for `func` over `types` (`nin` inputs): a C loop when `func` is a C
/// function (see [`c_address`]; `data` is its `void *data` argument), else a Python loop
/// when it is callable.
pub fn loop_entry(
    name: &str,
    types: Vec<DType>,
    nin: usize,
    core: Option<&oxarray_core::ufunc::gufunc::CoreSignature>,
    func: &Bound<'_, PyAny>,
    data: usize,
    needs_api: bool,
) -> PyResult<LoopEntry> {
    let core: Option<Vec<Vec<usize>>> =
        core.map(|c| c.inputs.iter().chain(&c.outputs).cloned().collect());
    if let Some(addr) = c_address(func)? {
        if addr == 0 {
            return Err(PyValueError::new_err(
                "a C loop cannot be a null function pointer",
            ));
        }
        // SAFETY: the caller hands us the address of a function of NumPy's loop signature
        // (documented); nothing else can be checked.
        let f: CLoopFn = unsafe { std::mem::transmute::<usize, CLoopFn>(addr) };
        let owner = (!func.is_instance_of::<pyo3::types::PyInt>()).then(|| func.clone().unbind());
        let d = Box::leak(Box::new(CLoopData {
            func: f,
            data: data as *mut c_void,
            gufunc: core.is_some(),
            _owner: owner,
        }));
        // A C loop needs the interpreter only when declared so (`needs_api=True`).
        let mut e = LoopEntry::new(types, c_loop).with_needs_api(needs_api);
        e.data = d as *const CLoopData as *const ();
        return Ok(e);
    }
    if !func.is_callable() {
        return Err(PyTypeError::new_err(format!(
            "a loop must be a Python callable or a C function pointer, not '{}'",
            func.get_type().name()?
        )));
    }
    if data != 0 {
        return Err(PyValueError::new_err("data= is only for C loops"));
    }
    let d = Box::leak(Box::new(PyLoopData {
        func: func.clone().unbind(),
        types: types.clone(),
        nin,
        name: name.to_string(),
        core,
    }));
    let mut e = LoopEntry::new(types, py_loop).with_needs_api(true);
    e.data = d as *const PyLoopData as *const ();
    Ok(e)
}

/// An operand as Python code sees it in select rules and promoters: its dtype, or the
/// Python type `int`/`float`/`complex` of a weak Python scalar.
fn operand_to_py(py: Python<'_>, op: &oxarray_core::dtype::Operand) -> PyResult<Py<PyAny>> {
    use oxarray_core::dtype::{Operand, WeakKind};
    Ok(match op {
        Operand::Strong(d) => crate::dtype::dtype_to_py(py, *d)?.into_any(),
        Operand::Weak(WeakKind::Int) => py.get_type::<pyo3::types::PyInt>().into_any().unbind(),
        Operand::Weak(WeakKind::Float) => py.get_type::<pyo3::types::PyFloat>().into_any().unbind(),
        Operand::Weak(WeakKind::Complex) => {
            py.get_type::<pyo3::types::PyComplex>().into_any().unbind()
        }
    })
}

/// One entry of a promoter's pattern from Python: `None` (any operand), the Python type
/// `int`/`float`/`complex` (a weak Python scalar of that kind), or a dtype-like.
pub fn pattern_item(
    item: &Bound<'_, PyAny>,
) -> PyResult<oxarray_core::ufunc::promote::PatternItem> {
    use oxarray_core::dtype::WeakKind;
    use oxarray_core::ufunc::promote::PatternItem;
    let py = item.py();
    if item.is_none() {
        return Ok(PatternItem::Any);
    }
    if item.is(py.get_type::<pyo3::types::PyInt>()) {
        return Ok(PatternItem::Weak(WeakKind::Int));
    }
    if item.is(py.get_type::<pyo3::types::PyFloat>()) {
        return Ok(PatternItem::Weak(WeakKind::Float));
    }
    if item.is(py.get_type::<pyo3::types::PyComplex>()) {
        return Ok(PatternItem::Weak(WeakKind::Complex));
    }
    Ok(PatternItem::DType(
        crate::dtype::to_dtype(item)?.to_native(),
    ))
}

/// A promoter from a Python callable `func(ufunc, dtypes)`: `dtypes` is a tuple of
/// `nargs` entries (each input's dtype or the Python type `int`/`float`/`complex` of a
/// weak scalar, then each given output's dtype or `None`); it returns `None` (the
/// built-in rules decide) or a sequence of `nin` input dtype-likes, optionally followed
/// by `nout` output dtype-likes or `None`s. Its exception reaches the caller unchanged.
pub fn promoter_fn(ufunc: Py<PyAny>, func: Py<PyAny>) -> oxarray_core::ufunc::promote::PromoterFn {
    use oxarray_core::dtype::Operand;
    Arc::new(
        move |uf: &oxarray_core::ufunc::Ufunc, ops: &[Operand], outs: &[Option<DType>]| {
            Python::attach(|py| {
                let run = || -> PyResult<Option<Vec<Option<DType>>>> {
                    let mut args: Vec<Py<PyAny>> = Vec::with_capacity(ops.len() + outs.len());
                    for op in ops {
                        args.push(operand_to_py(py, op)?);
                    }
                    for o in outs {
                        args.push(match o {
                            Some(d) => crate::dtype::dtype_to_py(py, *d)?.into_any(),
                            None => py.None(),
                        });
                    }
                    let r = func
                        .bind(py)
                        .call1((ufunc.bind(py), PyTuple::new(py, args)?))?;
                    if r.is_none() {
                        return Ok(None);
                    }
                    let bad = || {
                        PyTypeError::new_err(format!(
                            "a promoter of ufunc '{}' must return None or a tuple of {} input dtypes, optionally followed by {} output dtypes (or None), not {}",
                            uf.name(),
                            uf.nin(),
                            uf.nout(),
                            r.repr().map(|s| s.to_string()).unwrap_or_default()
                        ))
                    };
                    if r.is_instance_of::<pyo3::types::PyString>() {
                        return Err(bad());
                    }
                    let items: Vec<Bound<'_, PyAny>> =
                        r.try_iter().map_err(|_| bad())?.collect::<PyResult<_>>()?;
                    if items.len() != uf.nin() && items.len() != uf.nargs() {
                        return Err(bad());
                    }
                    items
                        .iter()
                        .enumerate()
                        .map(|(k, t)| {
                            if t.is_none() {
                                if k < uf.nin() {
                                    return Err(bad());
                                }
                                return Ok(None);
                            }
                            crate::dtype::to_dtype(t).map(|d| Some(d.to_native()))
                        })
                        .collect::<PyResult<Vec<_>>>()
                        .map(Some)
                };
                run().map_err(foreign)
            })
        },
    )
}
