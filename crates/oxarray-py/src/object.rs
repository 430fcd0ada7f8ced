//! The `object` dtype (`'O'`, `oxarray.object_`): arrays of Python object references.
//!
//! It is registered through the same public registry as every dtype added at run time
//! (`oxarray_core::dtype::registry`), from the bindings because its hooks call the
//! interpreter: items are `PyObject*` (8 bytes; a null pointer is an empty item and reads
//! as `None`, as in NumPy); the flags say the items hold references (copies take one,
//! overwrites and frees release one: [`ObjectOps`]), that the interpreter is needed (the
//! engine keeps such calls on the calling thread), and that items are not numbers (they
//! reach Python through [`ObjectItems`]). Every hook attaches to the interpreter itself,
//! so it is correct whether or not the caller released the GIL.
//!
//! Casts to and from the built-in dtypes convert item by item as NumPy's do (`item()` of
//! a number; `int()`/`float()`/... of an object through the same rules as assignment);
//! ufunc loops call the objects' own operations (`PyNumber_Add`, rich comparison, a
//! method of the ufunc's name for the math functions) and let their errors through
//! unchanged.

use std::ffi::{c_int, CString};
use std::sync::{Arc, OnceLock};

use oxarray_core::dtype::registry::{self, DTypeSpec};
use oxarray_core::dtype::{cast, flags, Builtin, Casting, DType, DTypeOps, Descr, ItemRef};
use oxarray_core::error::Result as CoreResult;
use oxarray_core::ufunc::loops::{LoopContext, LoopEntry, LoopResult};
use oxarray_core::Scalar;
use pyo3::exceptions::PyTypeError;
use pyo3::ffi;
use pyo3::prelude::*;

use crate::convert;
use crate::registered::{self, PyItems};

/// The object dtype, once registered.
static OBJECT: OnceLock<DType> = OnceLock::new();

/// The object dtype.
pub fn object_dtype() -> DType {
    *OBJECT
        .get()
        .expect("the object dtype is registered at import")
}

/// True for the object dtype.
pub fn is_object(dt: DType) -> bool {
    OBJECT.get().is_some_and(|o| o.type_id == dt.type_id)
}

/// Run `f` attached to the interpreter: directly when this thread holds the GIL (always
/// the case while the interpreter finalizes, when `Python::attach` refuses), else between
/// `PyGILState_Ensure` and `PyGILState_Release`.
fn with_gil<R>(f: impl FnOnce(Python<'_>) -> R) -> R {
    extern "C" {
        // CPython's; pyo3's `ffi` leaves it out under the limited API.
        fn PyGILState_Check() -> c_int;
    }
    // SAFETY: the GIL is held by this thread for the whole call of `f` on both branches.
    unsafe {
        if PyGILState_Check() == 1 {
            return f(Python::assume_attached());
        }
        let g = ffi::PyGILState_Ensure();
        let r = f(Python::assume_attached());
        ffi::PyGILState_Release(g);
        r
    }
}

// A core error carrying the Python exception unchanged: the Python loops' helper.
use crate::ufunc::pyloops::foreign;

/// The object at `p` (borrowed; a null item is `None`).
///
/// # Safety
/// `p` addresses one item of an object array, alive for the call.
#[inline]
unsafe fn load(py: Python<'_>, p: *const u8) -> *mut ffi::PyObject {
    // SAFETY: forwarded; items are pointer-sized, any alignment.
    let o = unsafe { (p as *const *mut ffi::PyObject).read_unaligned() };
    if o.is_null() {
        py.None().as_ptr()
    } else {
        o
    }
}

/// Store the owned reference `o` at `p`, releasing what the item held.
///
/// # Safety
/// `p` addresses one valid, writable item; `o` is an owned reference (or null).
#[inline]
unsafe fn replace(p: *mut u8, o: *mut ffi::PyObject) {
    // SAFETY: forwarded.
    unsafe {
        let old = (p as *const *mut ffi::PyObject).read_unaligned();
        (p as *mut *mut ffi::PyObject).write_unaligned(o);
        if !old.is_null() {
            ffi::Py_DecRef(old);
        }
    }
}

/// The object dtype's item hooks.
struct ObjectOps;

impl DTypeOps for ObjectOps {
    unsafe fn get(&self, _descr: &Descr, ptr: *const u8) -> Scalar {
        // `DType::get` returns `Scalar::Ref` for opaque dtypes before reaching here.
        Scalar::Ref(ItemRef {
            addr: ptr as usize,
            dtype: object_dtype(),
        })
    }
    unsafe fn set(&self, _descr: &Descr, ptr: *mut u8, value: &Scalar) -> CoreResult<()> {
        // A number (an identity, `initial=`, `full`): its Python object.
        with_gil(|py| {
            let o = convert::scalar_to_py(py, *value).map_err(foreign)?;
            // SAFETY: the caller passes one valid writable item.
            unsafe { replace(ptr, o.into_ptr()) };
            Ok(())
        })
    }
    fn zero_is_zero_bytes(&self) -> bool {
        // `zeros(dtype=object)` holds the integer 0 (empty items read as None).
        false
    }
    fn zero(&self) -> Scalar {
        Scalar::Int(0)
    }
    unsafe fn incref(&self, _descr: &Descr, ptr: *mut u8, stride: isize, n: usize) {
        with_gil(|_| {
            for i in 0..n as isize {
                // SAFETY: the caller vouches for `n` valid items.
                let o = unsafe {
                    (ptr.offset(i * stride) as *const *mut ffi::PyObject).read_unaligned()
                };
                if !o.is_null() {
                    // SAFETY: a live object (the item is a byte copy of a live reference).
                    unsafe { ffi::Py_IncRef(o) };
                }
            }
        })
    }
    unsafe fn clear(&self, _descr: &Descr, ptr: *mut u8, stride: isize, n: usize) {
        with_gil(|_| {
            for i in 0..n as isize {
                // SAFETY: the caller vouches for `n` valid items it owns.
                unsafe { replace(ptr.offset(i * stride), std::ptr::null_mut()) };
            }
        })
    }
}

/// The object dtype's items as Python objects.
struct ObjectItems;

impl PyItems for ObjectItems {
    fn get(&self, py: Python<'_>, _dt: DType, ptr: *const u8) -> PyResult<Py<PyAny>> {
        // SAFETY: the caller passes one live item.
        let o = unsafe { load(py, ptr) };
        // SAFETY: a live object; the new reference is owned by the result.
        Ok(unsafe { Bound::from_borrowed_ptr(py, o) }.unbind())
    }
    fn set(
        &self,
        _py: Python<'_>,
        _dt: DType,
        ptr: *mut u8,
        value: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        // SAFETY: the caller passes one valid writable item.
        unsafe { replace(ptr, value.clone().into_ptr()) };
        Ok(())
    }
}

/// Cast built-in `B` to object: each element's Python value (`item()`).
///
/// # Safety
/// The [`cast::CastFn`] contract; the destination items are valid (at least empty).
unsafe fn to_object<const B: usize>(src: *const u8, ss: isize, dst: *mut u8, ds: isize, n: usize) {
    let dt = Builtin::ALL[B].dtype();
    with_gil(|py| {
        for i in 0..n as isize {
            // SAFETY: item i of each run, by the cast contract.
            let v = unsafe { dt.get(src.offset(i * ss)) };
            match convert::scalar_to_py(py, v) {
                // SAFETY: as above.
                Ok(o) => unsafe { replace(dst.offset(i * ds), o.into_ptr()) },
                Err(e) => {
                    cast::set_cast_error(foreign(e));
                    return;
                }
            }
        }
    })
}

/// Cast object to built-in `B`: each object converted as assignment converts it.
///
/// # Safety
/// The [`cast::CastFn`] contract.
unsafe fn from_object<const B: usize>(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
) {
    let dt = Builtin::ALL[B].dtype();
    with_gil(|py| {
        for i in 0..n as isize {
            // SAFETY: item i of the source run, alive for the call.
            let o = unsafe { Bound::from_borrowed_ptr(py, load(py, src.offset(i * ss))) };
            // SAFETY: item i of the destination run.
            if let Err(e) = unsafe { convert::set_item_from_py(&o, dt, dst.offset(i * ds)) } {
                cast::set_cast_error(foreign(e));
                return;
            }
        }
    })
}

macro_rules! builtin_casts {
    ($($b:literal),*) => {
        [$((
            to_object::<$b> as cast::CastFn,
            from_object::<$b> as cast::CastFn,
        )),*]
    };
}

/// Binary operations of the object loops.
type BinFn = unsafe extern "C" fn(*mut ffi::PyObject, *mut ffi::PyObject) -> *mut ffi::PyObject;
/// Unary operations of the object loops.
type UnFn = unsafe extern "C" fn(*mut ffi::PyObject) -> *mut ffi::PyObject;

unsafe extern "C" fn power(a: *mut ffi::PyObject, b: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: live objects from the loop.
    unsafe { ffi::PyNumber_Power(a, b, ffi::Py_None()) }
}

/// What an object loop does, passed as its data.
enum ObjOp {
    Binary(BinFn),
    Unary(UnFn),
    /// A rich comparison (`Py_LT` ...), to a bool output or an object one.
    Compare(c_int, bool),
    /// `max`/`min`: the first operand unless the comparison says the second.
    Pick(c_int),
    /// A method of this name (NumPy's loops for `sqrt`, `exp`, ...).
    Method(CString, &'static str),
    /// Logical operations (`and`/`or`/`xor`, `not`) with NumPy's object semantics.
    Logical(u8),
}

/// The error NumPy raises when an object lacks the method a ufunc calls.
fn no_method(py: Python<'_>, o: *mut ffi::PyObject, name: &str) -> PyErr {
    // SAFETY: a live object.
    let t = unsafe { Bound::from_borrowed_ptr(py, o) }
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default();
    PyTypeError::new_err(format!(
        "loop of ufunc does not support argument 0 of type {t} which has no callable {name} method"
    ))
}

/// The object loop for every [`ObjOp`].
///
/// # Safety
/// The [`oxarray_core::ufunc::loops::LoopFn`] contract; `ctx.data` is a leaked `ObjOp`;
/// object outputs hold valid items (at least empty).
unsafe fn obj_loop(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    // SAFETY: registered with a leaked `ObjOp` as data.
    let op = unsafe { &*(ctx.data as *const ObjOp) };
    with_gil(|py| {
        let at = |k: usize, i: usize| ptrs[k].wrapping_offset(i as isize * strides[k]);
        for i in 0..len {
            // SAFETY: item i of each operand, by the loop contract.
            unsafe {
                let a = load(py, at(0, i));
                let (out_k, r): (usize, *mut ffi::PyObject) = match op {
                    ObjOp::Binary(f) => (2, f(a, load(py, at(1, i)))),
                    ObjOp::Unary(f) => (1, f(a)),
                    ObjOp::Compare(c, to_bool) => {
                        let b = load(py, at(1, i));
                        if *to_bool {
                            let r = ffi::PyObject_RichCompare(a, b, *c);
                            if r.is_null() {
                                return Err(foreign(PyErr::fetch(py)));
                            }
                            let t = ffi::PyObject_IsTrue(r);
                            ffi::Py_DecRef(r);
                            if t < 0 {
                                return Err(foreign(PyErr::fetch(py)));
                            }
                            *at(2, i) = (t == 1) as u8;
                            continue;
                        }
                        (2, ffi::PyObject_RichCompare(a, b, *c))
                    }
                    ObjOp::Pick(c) => {
                        let b = load(py, at(1, i));
                        let t = ffi::PyObject_RichCompareBool(a, b, *c);
                        if t < 0 {
                            return Err(foreign(PyErr::fetch(py)));
                        }
                        let r = if t == 1 { a } else { b };
                        ffi::Py_IncRef(r);
                        (2, r)
                    }
                    ObjOp::Method(name, ufname) => {
                        let m = ffi::PyObject_GetAttrString(a, name.as_ptr());
                        if m.is_null() {
                            let e = PyErr::fetch(py);
                            if e.is_instance_of::<pyo3::exceptions::PyAttributeError>(py) {
                                return Err(foreign(no_method(py, a, ufname)));
                            }
                            return Err(foreign(e));
                        }
                        let r = ffi::PyObject_CallNoArgs(m);
                        ffi::Py_DecRef(m);
                        (1, r)
                    }
                    ObjOp::Logical(kind) => {
                        let ta = ffi::PyObject_IsTrue(a);
                        if ta < 0 {
                            return Err(foreign(PyErr::fetch(py)));
                        }
                        match kind {
                            // NumPy 2: `and`/`or` return one of the operands, `xor` and
                            // `not` a bool.
                            0 | 1 => {
                                let b = load(py, at(1, i));
                                let r = if (*kind == 0) == (ta == 1) { b } else { a };
                                ffi::Py_IncRef(r);
                                (2, r)
                            }
                            2 => {
                                let tb = ffi::PyObject_IsTrue(load(py, at(1, i)));
                                if tb < 0 {
                                    return Err(foreign(PyErr::fetch(py)));
                                }
                                let r = ffi::PyBool_FromLong(((ta == 1) != (tb == 1)) as _);
                                (2, r)
                            }
                            _ => (1, ffi::PyBool_FromLong((ta != 1) as _)),
                        }
                    }
                };
                if r.is_null() {
                    return Err(foreign(PyErr::fetch(py)));
                }
                replace(at(out_k, i), r);
            }
        }
        Ok(())
    })
}

fn leak(op: ObjOp) -> *const () {
    Box::leak(Box::new(op)) as *const ObjOp as *const ()
}

fn register_loop(name: &str, types: Vec<DType>, op: ObjOp) -> CoreResult<()> {
    let Some(u) = oxarray_core::ufunc::lookup(name) else {
        return Ok(());
    };
    let mut e = LoopEntry::new(types, obj_loop);
    e.data = leak(op);
    u.register_loop(e)
}

/// Register the object dtype, its casts, promotions and loops, and its item hooks.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let dt = registry::register_dtype(DTypeSpec {
        name: "object".to_string(),
        kind: 'O',
        char: 'O',
        itemsize: std::mem::size_of::<*mut ffi::PyObject>(),
        alignment: std::mem::align_of::<*mut ffi::PyObject>(),
        ops: Box::new(ObjectOps),
        flags: flags::HAS_REFS | flags::NEEDS_API | flags::OPAQUE | flags::LEGACY,
    })
    .map_err(crate::errors::to_pyerr)?;
    let _ = OBJECT.set(dt);
    for alias in ["O", "|O", "O8", "|O8", "object_", "object0"] {
        registry::register_alias(alias, dt).map_err(crate::errors::to_pyerr)?;
    }
    registered::register_py_items(dt.type_id, &ObjectItems);
    let casts = builtin_casts!(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
    for (b, (to, from)) in Builtin::ALL.iter().zip(casts) {
        registry::register_cast(b.dtype(), dt, to, Casting::Safe);
        registry::register_cast(dt, b.dtype(), from, Casting::Unsafe);
        registry::register_promotion(b.dtype(), dt, dt);
    }
    // Strings and the other registered dtypes (the machine-learning floats) promote with
    // object to object, as in NumPy.
    let strings = oxarray_core::strings::registered();
    let mut others = vec![strings.bytes, strings.unicode];
    for name in oxarray_core::mlfloat::NAMES {
        if let Ok(d) = DType::parse(name) {
            others.push(d);
        }
    }
    for d in others {
        registry::register_promotion(d, dt, dt);
    }
    register_loops(dt).map_err(crate::errors::to_pyerr)?;
    m.add_function(wrap_pyfunction!(_frompyfunc, m)?)?;
    Ok(())
}

fn register_loops(o: DType) -> CoreResult<()> {
    let b = Builtin::Bool.dtype();
    let binary: [(&str, BinFn); 14] = [
        ("add", ffi::PyNumber_Add),
        ("subtract", ffi::PyNumber_Subtract),
        ("multiply", ffi::PyNumber_Multiply),
        ("true_divide", ffi::PyNumber_TrueDivide),
        ("divide", ffi::PyNumber_TrueDivide),
        ("floor_divide", ffi::PyNumber_FloorDivide),
        ("remainder", ffi::PyNumber_Remainder),
        ("mod", ffi::PyNumber_Remainder),
        ("power", power),
        ("bitwise_and", ffi::PyNumber_And),
        ("bitwise_or", ffi::PyNumber_Or),
        ("bitwise_xor", ffi::PyNumber_Xor),
        ("left_shift", ffi::PyNumber_Lshift),
        ("right_shift", ffi::PyNumber_Rshift),
    ];
    for (name, f) in binary {
        register_loop(name, vec![o, o, o], ObjOp::Binary(f))?;
    }
    let unary: [(&str, UnFn); 5] = [
        ("negative", ffi::PyNumber_Negative),
        ("positive", ffi::PyNumber_Positive),
        ("absolute", ffi::PyNumber_Absolute),
        ("invert", ffi::PyNumber_Invert),
        ("bitwise_not", ffi::PyNumber_Invert),
    ];
    for (name, f) in unary {
        register_loop(name, vec![o, o], ObjOp::Unary(f))?;
    }
    let cmp = [
        ("equal", ffi::Py_EQ),
        ("not_equal", ffi::Py_NE),
        ("less", ffi::Py_LT),
        ("less_equal", ffi::Py_LE),
        ("greater", ffi::Py_GT),
        ("greater_equal", ffi::Py_GE),
    ];
    for (name, c) in cmp {
        register_loop(name, vec![o, o, b], ObjOp::Compare(c, true))?;
        register_loop(name, vec![o, o, o], ObjOp::Compare(c, false))?;
    }
    for (name, c) in [
        ("maximum", ffi::Py_GE),
        ("fmax", ffi::Py_GE),
        ("minimum", ffi::Py_LE),
        ("fmin", ffi::Py_LE),
    ] {
        register_loop(name, vec![o, o, o], ObjOp::Pick(c))?;
    }
    for (k, name) in ["logical_and", "logical_or", "logical_xor"]
        .iter()
        .enumerate()
    {
        register_loop(name, vec![o, o, o], ObjOp::Logical(k as u8))?;
    }
    register_loop("logical_not", vec![o, o], ObjOp::Logical(3))?;
    // NumPy's object loops for the math functions call a method of the ufunc's name.
    for name in [
        "sqrt",
        "exp",
        "exp2",
        "expm1",
        "log",
        "log2",
        "log10",
        "log1p",
        "sin",
        "cos",
        "tan",
        "arcsin",
        "arccos",
        "arctan",
        "sinh",
        "cosh",
        "tanh",
        "arcsinh",
        "arccosh",
        "arctanh",
        "rint",
        "floor",
        "ceil",
        "trunc",
        "conjugate",
        "deg2rad",
        "rad2deg",
        "degrees",
        "radians",
        "cbrt",
    ] {
        let m = CString::new(name).expect("no NUL in a ufunc name");
        let static_name: &'static str = Box::leak(name.to_string().into_boxed_str());
        register_loop(name, vec![o, o], ObjOp::Method(m, static_name))?;
    }
    Ok(())
}

/// What a `frompyfunc` loop calls: the Python function and the ufunc's arity.
struct PyFuncLoop {
    func: Py<PyAny>,
    nin: usize,
    nout: usize,
}

/// The loop of a `frompyfunc` ufunc: the function called on every element's objects,
/// its result (a tuple of `nout` values when `nout > 1`) stored as the output objects.
///
/// # Safety
/// The [`oxarray_core::ufunc::loops::LoopFn`] contract; `ctx.data` is a leaked
/// `PyFuncLoop`; the operands are object arrays.
unsafe fn pyfunc_loop(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    // SAFETY: registered with a leaked `PyFuncLoop` as data.
    let f = unsafe { &*(ctx.data as *const PyFuncLoop) };
    with_gil(|py| {
        let at = |k: usize, i: usize| ptrs[k].wrapping_offset(i as isize * strides[k]);
        let func = f.func.bind(py);
        for i in 0..len {
            let args: Vec<Bound<'_, PyAny>> = (0..f.nin)
                // SAFETY: item i of each input, by the loop contract.
                .map(|k| unsafe { Bound::from_borrowed_ptr(py, load(py, at(k, i))) })
                .collect();
            let args = pyo3::types::PyTuple::new(py, args).map_err(foreign)?;
            let r = func.call1(args).map_err(foreign)?;
            if f.nout == 1 {
                // SAFETY: item i of the output.
                unsafe { replace(at(f.nin, i), r.into_ptr()) };
                continue;
            }
            let t = r.cast::<pyo3::types::PyTuple>().map_err(|_| {
                foreign(PyTypeError::new_err(format!(
                    "the function must return a tuple of {} values",
                    f.nout
                )))
            })?;
            if t.len() != f.nout {
                return Err(foreign(PyTypeError::new_err(format!(
                    "the function must return a tuple of {} values, not {}",
                    f.nout,
                    t.len()
                ))));
            }
            for (j, v) in t.iter().enumerate() {
                // SAFETY: item i of output j.
                unsafe { replace(at(f.nin + j, i), v.into_ptr()) };
            }
        }
        Ok(())
    })
}

/// `frompyfunc(func, nin, nout, *, identity=None)`: NumPy's; a ufunc of object loops
/// (`'O' * nin -> 'O' * nout`) that calls `func` on every element and returns object
/// arrays (the object itself for scalar inputs, done by the Python wrapper).
#[pyfunction]
#[pyo3(signature = (func, nin, nout, name, identity=None))]
fn _frompyfunc(
    func: Bound<'_, PyAny>,
    nin: usize,
    nout: usize,
    name: String,
    identity: Option<Bound<'_, PyAny>>,
) -> PyResult<crate::ufunc::PyUfunc> {
    use oxarray_core::ufunc::loops::{Identity, ResolverHint, UfuncDef};
    if !func.is_callable() {
        return Err(PyTypeError::new_err("function must be callable"));
    }
    if nout == 0 {
        return Err(pyo3::exceptions::PyValueError::new_err(
            "frompyfunc needs at least one output",
        ));
    }
    let o = object_dtype();
    let mut e = LoopEntry::new(vec![o; nin + nout], pyfunc_loop);
    e.data = Box::leak(Box::new(PyFuncLoop {
        func: func.unbind(),
        nin,
        nout,
    })) as *const PyFuncLoop as *const ();
    let identity = match identity {
        None => Identity::None,
        Some(v) => Identity::Value(
            convert::leaf_of(&v)?
                .and_then(|l| match l {
                    convert::Leaf::Scalar(s, _) => Some(s),
                    _ => None,
                })
                .ok_or_else(|| PyTypeError::new_err("identity must be a number"))?,
        ),
    };
    let def = UfuncDef {
        name: Box::leak(format!("{name} (vectorized)").into_boxed_str()),
        nin,
        nout,
        identity,
        signature: None,
        resolver: ResolverHint::Default,
        doc: "",
        loops: vec![e],
    };
    let uf = oxarray_core::ufunc::Ufunc::new(def).map_err(crate::errors::to_pyerr)?;
    Ok(crate::ufunc::PyUfunc::new(Arc::new(uf)))
}
