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
//! method of the ufunc's name for the math functions) or NumPy's object helpers (`sign`
//! by comparison with 0, `floor` through `math.floor`, `gcd` through `math.gcd`), and let
//! their errors through unchanged.

use std::cmp::Ordering;
use std::ffi::{c_int, CString};
use std::sync::{Arc, OnceLock};

use oxarray_core::dtype::registry::{self, DTypeSpec};
use oxarray_core::dtype::{
    cast, flags, Builtin, Casting, CompareFn, DType, DTypeOps, Descr, ItemRef,
};
use oxarray_core::error::Result as CoreResult;
use oxarray_core::ufunc::loops::{LoopContext, LoopEntry, LoopResult, ReduceFn};
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

/// The object held by the item at `p`, as a new reference (a null item is `None`): for
/// casts of other dtypes to and from object written elsewhere in the bindings.
///
/// # Safety
/// `p` addresses one live item of an object array; the caller is attached.
pub(crate) unsafe fn item_object<'py>(py: Python<'py>, p: *const u8) -> Bound<'py, PyAny> {
    // SAFETY: forwarded; the borrowed object becomes a new reference.
    unsafe { Bound::from_borrowed_ptr(py, load(py, p)) }
}

/// Store `o` into the item at `p` (taking its reference), releasing what the item held.
///
/// # Safety
/// `p` addresses one valid, writable item of an object array; the caller is attached.
pub(crate) unsafe fn store_object(p: *mut u8, o: Bound<'_, PyAny>) {
    // SAFETY: forwarded; `into_ptr` hands over the reference.
    unsafe { replace(p, o.into_ptr()) }
}

/// Run `f` attached to the interpreter (see `with_gil`), for casts written elsewhere.
pub(crate) fn attached<R>(f: impl FnOnce(Python<'_>) -> R) -> R {
    with_gil(f)
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
    fn compare(&self, _descr: &Descr) -> Option<CompareFn> {
        Some(compare_items)
    }
}

/// NumPy's `OBJECT_compare`: `Less` when `a < b`, else `Greater` when `a > b`, else
/// `Equal` (objects that do not order, such as two sets neither containing the other,
/// compare equal). A comparison that raises ends the caller's sort or search with that
/// exception unchanged (NumPy lets the pending exception end the sort the same way).
/// Empty items compare as the `None` they read as.
///
/// # Safety
/// `a` and `b` address live items of the object dtype.
unsafe fn compare_items(_descr: &Descr, a: *const u8, b: *const u8) -> CoreResult<Ordering> {
    with_gil(|py| {
        // SAFETY: the caller's live items.
        let (x, y) = unsafe { (load(py, a), load(py, b)) };
        // SAFETY: live objects.
        let lt = unsafe { ffi::PyObject_RichCompareBool(x, y, ffi::Py_LT) };
        if lt < 0 {
            return Err(foreign(PyErr::fetch(py)));
        }
        if lt == 1 {
            return Ok(Ordering::Less);
        }
        // SAFETY: as above.
        let gt = unsafe { ffi::PyObject_RichCompareBool(x, y, ffi::Py_GT) };
        if gt < 0 {
            return Err(foreign(PyErr::fetch(py)));
        }
        Ok(if gt == 1 {
            Ordering::Greater
        } else {
            Ordering::Equal
        })
    })
}

/// A 1-d object array holding the items of `list`, each taking a reference.
pub fn from_list(list: &Bound<'_, pyo3::types::PyList>) -> PyResult<oxarray_core::Array> {
    let n = list.len();
    let arr = oxarray_core::Array::zero_bytes(&[n], object_dtype(), oxarray_core::Order::C)
        .map_err(crate::errors::to_pyerr)?;
    let dst = arr.data_ptr() as *mut *mut ffi::PyObject;
    // Nothing below runs Python code, so the list cannot change under the loop; its length
    // is re-read in case it did before.
    let n = n.min(list.len());
    for k in 0..n {
        // SAFETY: `k` is inside the live exact list; the item is a borrowed reference that
        // takes a new one for the array's zero-filled (empty) item `k < n`.
        unsafe {
            let item = ffi::PyList_GetItem(list.as_ptr(), k as ffi::Py_ssize_t);
            if item.is_null() {
                return Err(PyErr::fetch(list.py()));
            }
            ffi::Py_IncRef(item);
            dst.add(k).write(item);
        }
    }
    Ok(arr)
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

/// The string dtype of descriptor `d` (an `S` or `U` instance).
fn string_dtype(d: &Descr) -> CoreResult<DType> {
    let r = oxarray_core::strings::registered();
    let base = if d.kind == 'U' { r.unicode } else { r.bytes };
    registry::instance(base, d.itemsize, d.byteorder)
}

/// NumPy's `PySequence_NoString_Check`: a sequence that is not a string (`setting an
/// array element with a sequence` when written into a string item).
fn is_sequence(o: &Bound<'_, PyAny>) -> bool {
    // SAFETY: a live object; the call only inspects its type.
    let seq = unsafe { ffi::PySequence_Check(o.as_ptr()) } == 1;
    seq && !o.is_instance_of::<pyo3::types::PyString>()
        && !o.is_instance_of::<pyo3::types::PyBytes>()
        && !o.is_instance_of::<pyo3::types::PyMemoryView>()
}

/// Cast object to `S<n>`/`U<n>`: each object written as NumPy's `STRING_setitem` /
/// `UNICODE_setitem` write it (`str` of the object; bytes decoded as ASCII into `U`,
/// text encoded as ASCII into `S`), truncated to the item size.
///
/// # Safety
/// The [`registry::ParamCastFn`] contract.
unsafe fn to_string_cast(
    _src: &Descr,
    dst: &Descr,
    s: *const u8,
    ss: isize,
    d: *mut u8,
    ds: isize,
    n: usize,
) -> CoreResult<()> {
    let dt = string_dtype(dst)?;
    with_gil(|py| {
        for i in 0..n as isize {
            // SAFETY: item i of the source run, alive for the call.
            let o = unsafe { Bound::from_borrowed_ptr(py, load(py, s.offset(i * ss))) };
            if is_sequence(&o) {
                return Err(foreign(pyo3::exceptions::PyValueError::new_err(
                    "setting an array element with a sequence",
                )));
            }
            // SAFETY: item i of the destination run.
            unsafe { crate::strings::set_item(dt, d.offset(i * ds), &o) }.map_err(foreign)?;
        }
        Ok(())
    })
}

/// Cast `S<n>`/`U<n>` to object: Python `bytes`/`str` items (trailing NULs dropped), as
/// NumPy's.
///
/// # Safety
/// The [`registry::ParamCastFn`] contract; the destination items are valid.
unsafe fn from_string_cast(
    src: &Descr,
    _dst: &Descr,
    s: *const u8,
    ss: isize,
    d: *mut u8,
    ds: isize,
    n: usize,
) -> CoreResult<()> {
    let dt = string_dtype(src)?;
    with_gil(|py| {
        for i in 0..n as isize {
            // SAFETY: item i of each run.
            unsafe {
                let o =
                    crate::strings::item_to_py(py, dt, s.offset(i * ss), true).map_err(foreign)?;
                replace(d.offset(i * ds), o.into_ptr());
            }
        }
        Ok(())
    })
}

/// The size an unsized string dtype (`astype(str)`) takes for the items of object array
/// `a`: the longest text an item writes (its `str()`; a `str` or `bytes` item as it is),
/// at least 1, as NumPy discovers it.
pub fn unsized_for_objects(py: Python<'_>, a: &oxarray_core::Array, dt: DType) -> PyResult<DType> {
    let flat =
        oxarray_core::iter::copy_of(a, oxarray_core::Order::C).map_err(crate::errors::to_pyerr)?;
    let mut m = 0usize;
    for i in 0..flat.size() as isize {
        // SAFETY: item i of the fresh contiguous copy.
        let o = unsafe {
            Bound::from_borrowed_ptr(
                py,
                load(py, flat.data_ptr().offset(i * flat.itemsize() as isize)),
            )
        };
        let n = if let Ok(t) = o.cast::<pyo3::types::PyString>() {
            t.to_str()?.chars().count()
        } else if let Ok(b) = o.cast::<pyo3::types::PyBytes>() {
            b.as_bytes().len()
        } else if is_sequence(&o) {
            // The cast reports it.
            0
        } else {
            o.str()?.to_str()?.chars().count()
        };
        m = m.max(n);
    }
    let d = oxarray_core::strings::same_class(dt, m.max(1)).map_err(crate::errors::to_pyerr)?;
    Ok(if dt.is_native() { d } else { d.swapped() })
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

unsafe extern "C" fn square(o: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: a live object from the loop (NumPy's `Py_square`).
    unsafe { ffi::PyNumber_Multiply(o, o) }
}

unsafe extern "C" fn reciprocal(o: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: a live object from the loop; `one` is a new reference released here
    // (NumPy's `Py_reciprocal`: `1 / o`).
    unsafe {
        let one = ffi::PyLong_FromLong(1);
        if one.is_null() {
            return one;
        }
        let r = ffi::PyNumber_TrueDivide(one, o);
        ffi::Py_DecRef(one);
        r
    }
}

/// A Python name an object loop looks up: the C string and, once looked up, what it
/// names (the interned `str` of a method name, the function of a `math` name; a
/// borrowed reference kept forever).
struct PyName {
    c: &'static std::ffi::CStr,
    interned: OnceLock<usize>,
}

impl PyName {
    const fn new(c: &'static std::ffi::CStr) -> Self {
        PyName {
            c,
            interned: OnceLock::new(),
        }
    }
    /// The interned name (called attached, from a loop).
    fn get(&self) -> *mut ffi::PyObject {
        intern(&self.interned, self.c)
    }
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
    /// `logical_and`/`or`/`xor` (0, 1, 2) with NumPy's object semantics.
    Logical(u8),
    /// `logical_not`: a bool object.
    Not,
    /// A method of `a` called with `b` (NumPy's `PyUFunc_OO_O_method` loops: `fmod`,
    /// `arctan2`, `hypot`); its `AttributeError` passes unchanged, as NumPy's.
    Method2(PyName),
    /// A function of the `math` module called on the object (NumPy's `npy_ObjectFloor`,
    /// `npy_ObjectCeil`, `npy_ObjectTrunc`).
    MathFn(PyName),
    /// NumPy's `OBJECT_sign`: -1, 1 or 0 by comparison with the integer 0.
    Sign,
    /// NumPy's `npy_ObjectGCD` (`true`: `npy_ObjectLCM`).
    Gcd(bool),
}

/// The function `math.<name>` (looked up once; a borrowed reference kept forever).
fn math_fn(py: Python<'_>, name: &PyName) -> PyResult<*mut ffi::PyObject> {
    if let Some(&f) = name.interned.get() {
        return Ok(f as *mut ffi::PyObject);
    }
    let attr = name.c.to_str().expect("an ASCII function name");
    let f = py.import("math")?.getattr(attr)?;
    Ok(*name.interned.get_or_init(|| f.unbind().into_ptr() as usize) as *mut ffi::PyObject)
}

/// The error NumPy raises when an object lacks the method a ufunc calls (`index`: the
/// element's index in the loop call, which NumPy's message calls the argument).
fn no_method(py: Python<'_>, o: *mut ffi::PyObject, index: usize, name: &str) -> PyErr {
    // SAFETY: a live object.
    let t = unsafe { Bound::from_borrowed_ptr(py, o) }
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default();
    PyTypeError::new_err(format!(
        "loop of ufunc does not support argument {index} of type {t} which has no callable {name} method"
    ))
}

/// One element of a binary operation with an object output: a new reference, or null
/// with the Python exception set.
///
/// # Safety
/// `a` and `b` are live objects; `op` is not a unary operation nor a comparison to bool.
unsafe fn combine(op: &ObjOp, a: *mut ffi::PyObject, b: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: live objects (the caller's).
    unsafe {
        match op {
            ObjOp::Binary(f) => f(a, b),
            ObjOp::Compare(c, _) => ffi::PyObject_RichCompare(a, b, *c),
            ObjOp::Pick(c) => {
                let t = ffi::PyObject_RichCompareBool(a, b, *c);
                if t < 0 {
                    return std::ptr::null_mut();
                }
                let r = if t == 1 { a } else { b };
                ffi::Py_IncRef(r);
                r
            }
            // NumPy 2's `npy_ObjectLogicalAnd`/`Or`: Python's `a and b`, `a or b`.
            ObjOp::Logical(kind @ (0 | 1)) => {
                let ta = ffi::PyObject_IsTrue(a);
                if ta < 0 {
                    return std::ptr::null_mut();
                }
                let r = if (*kind == 0) == (ta == 1) { b } else { a };
                ffi::Py_IncRef(r);
                r
            }
            // NumPy's `logical_xor` object loop calls the method `a.logical_xor(b)`.
            ObjOp::Logical(_) => ffi::PyObject_CallMethodObjArgs(
                a,
                intern(&LOGICAL_XOR, c"logical_xor"),
                b,
                std::ptr::null_mut::<ffi::PyObject>(),
            ),
            ObjOp::Method2(name) => ffi::PyObject_CallMethodObjArgs(
                a,
                name.get(),
                b,
                std::ptr::null_mut::<ffi::PyObject>(),
            ),
            ObjOp::Gcd(lcm) => {
                let py = Python::assume_attached();
                let (x, y) = (
                    Bound::from_borrowed_ptr(py, a),
                    Bound::from_borrowed_ptr(py, b),
                );
                let r = if *lcm {
                    obj_lcm(&x, &y)
                } else {
                    obj_gcd(&x, &y)
                };
                match r {
                    Ok(v) => v.into_ptr(),
                    Err(e) => {
                        e.restore(py);
                        std::ptr::null_mut()
                    }
                }
            }
            ObjOp::Unary(_) | ObjOp::Method(..) | ObjOp::Not | ObjOp::MathFn(_) | ObjOp::Sign => {
                ffi::PyErr_SetString(ffi::PyExc_SystemError, c"not a binary object loop".as_ptr());
                std::ptr::null_mut()
            }
        }
    }
}

/// NumPy's `npy_ObjectGCD`: `math.gcd(a, b)`, or when that raises NumPy's own
/// `numpy._core._internal._gcd` (Euclid's algorithm over `%`, refusing non-finite
/// arguments with `ValueError`) made non-negative with `abs`.
fn obj_gcd<'py>(a: &Bound<'py, PyAny>, b: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = a.py();
    let math = py.import("math")?;
    if let Ok(g) = math.call_method1("gcd", (a, b)) {
        return Ok(g);
    }
    let finite = |x: &Bound<'py, PyAny>| -> PyResult<bool> {
        math.call_method1("isfinite", (x,))?.is_truthy()
    };
    if !(finite(a)? && finite(b)?) {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "Can only find greatest common divisor of finite arguments, found \"{}\" and \"{}\"",
            a.str()?,
            b.str()?
        )));
    }
    let (mut x, mut y) = (a.clone(), b.clone());
    while y.is_truthy()? {
        let r = x.rem(&y)?;
        x = y;
        y = r;
    }
    x.abs()
}

/// NumPy's `npy_ObjectLCM`: `abs(a // gcd(a, b) * b)`.
fn obj_lcm<'py>(a: &Bound<'py, PyAny>, b: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let g = obj_gcd(a, b)?;
    a.floor_div(&g)?.mul(b)?.abs()
}

/// NumPy's `OBJECT_sign` for one object: the integer -1, 1 or 0 from `o < 0`, `o > 0`,
/// `o == 0` in that order; an object that is none of these (a NaN) raises `TypeError`.
fn obj_sign<'py>(o: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = o.py();
    let zero = 0i64.into_pyobject(py)?;
    let v: i64 = if o.lt(&zero)? {
        -1
    } else if o.gt(&zero)? {
        1
    } else if o.eq(&zero)? {
        0
    } else {
        return Err(PyTypeError::new_err("unorderable types for comparison"));
    };
    Ok(v.into_pyobject(py)?.into_any())
}

static LOGICAL_XOR: OnceLock<usize> = OnceLock::new();
static CONJUGATE: OnceLock<usize> = OnceLock::new();

/// The interned method name `name`, kept in `cell` (a borrowed reference, alive forever).
fn intern(cell: &OnceLock<usize>, name: &std::ffi::CStr) -> *mut ffi::PyObject {
    *cell.get_or_init(|| {
        // SAFETY: called attached (from a loop); the interned string is never released.
        unsafe { ffi::PyUnicode_InternFromString(name.as_ptr()) as usize }
    }) as *mut ffi::PyObject
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
    if let ObjOp::Binary(f) = *op {
        // The common case (`a + b` ...): the call hoisted out of the dispatch.
        return with_gil(|py| {
            let ((p0, p1, p2), (s0, s1, s2)) = (
                (ptrs[0], ptrs[1], ptrs[2]),
                (strides[0], strides[1], strides[2]),
            );
            for i in 0..len as isize {
                // SAFETY: item i of each operand, by the loop contract.
                unsafe {
                    let r = f(load(py, p0.offset(i * s0)), load(py, p1.offset(i * s1)));
                    if r.is_null() {
                        return Err(foreign(PyErr::fetch(py)));
                    }
                    replace(p2.offset(i * s2), r);
                }
            }
            Ok(())
        });
    }
    with_gil(|py| {
        let at = |k: usize, i: usize| ptrs[k].wrapping_offset(i as isize * strides[k]);
        for i in 0..len {
            // SAFETY: item i of each operand, by the loop contract.
            unsafe {
                let a = load(py, at(0, i));
                let (out_k, r): (usize, *mut ffi::PyObject) = match op {
                    ObjOp::Unary(f) => (1, f(a)),
                    ObjOp::Compare(c, true) => {
                        let b = load(py, at(1, i));
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
                    ObjOp::Method(name, ufname) => {
                        let m = ffi::PyObject_GetAttrString(a, name.as_ptr());
                        if m.is_null() {
                            let e = PyErr::fetch(py);
                            if e.is_instance_of::<pyo3::exceptions::PyAttributeError>(py) {
                                return Err(foreign(no_method(py, a, i, ufname)));
                            }
                            return Err(foreign(e));
                        }
                        let r = ffi::PyObject_CallNoArgs(m);
                        ffi::Py_DecRef(m);
                        (1, r)
                    }
                    ObjOp::MathFn(name) => {
                        let f = math_fn(py, name).map_err(foreign)?;
                        (
                            1,
                            ffi::PyObject_CallFunctionObjArgs(
                                f,
                                a,
                                std::ptr::null_mut::<ffi::PyObject>(),
                            ),
                        )
                    }
                    ObjOp::Sign => {
                        let r = obj_sign(&Bound::from_borrowed_ptr(py, a)).map_err(foreign)?;
                        (1, r.into_ptr())
                    }
                    // NumPy 2's `npy_ObjectLogicalNot`: a bool object.
                    ObjOp::Not => {
                        let t = ffi::PyObject_Not(a);
                        if t < 0 {
                            return Err(foreign(PyErr::fetch(py)));
                        }
                        (1, ffi::PyBool_FromLong(t as _))
                    }
                    _ => (2, combine(op, a, load(py, at(1, i)))),
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

/// The reduce variant of the binary object loops: `acc = acc op x[i]` for each element
/// in order, one call (one attach to the interpreter) per reduction run instead of one
/// loop call per element. An error leaves `acc` at the last complete step.
///
/// # Safety
/// The [`oxarray_core::ufunc::loops::ReduceFn`] contract; `ctx.data` is a leaked binary
/// `ObjOp`.
unsafe fn obj_reduce(
    ctx: &LoopContext<'_>,
    acc: *mut u8,
    x: *const u8,
    n: usize,
    stride: isize,
) -> LoopResult {
    // SAFETY: registered with a leaked `ObjOp` as data.
    let op = unsafe { &*(ctx.data as *const ObjOp) };
    if let ObjOp::Binary(f) = *op {
        // The common case (`add`, `multiply`, ...), with the call hoisted out of the
        // dispatch and the accumulator kept in a register.
        return with_gil(|py| {
            // SAFETY: the accumulator and the run's items, by the reduce contract; `cur` is
            // the accumulator's reference, owned by the item until replaced.
            unsafe {
                let mut cur = load(py, acc);
                for i in 0..n as isize {
                    let r = f(cur, load(py, x.offset(i * stride)));
                    if r.is_null() {
                        return Err(foreign(PyErr::fetch(py)));
                    }
                    replace(acc, r);
                    cur = r;
                }
            }
            Ok(())
        });
    }
    with_gil(|py| {
        for i in 0..n as isize {
            // SAFETY: the accumulator and item i of the run, by the reduce contract.
            unsafe {
                let r = combine(op, load(py, acc), load(py, x.offset(i * stride)));
                if r.is_null() {
                    return Err(foreign(PyErr::fetch(py)));
                }
                replace(acc, r);
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
    // Binary loops with an object output reduce a whole run per call.
    let reduces = types.len() == 3 && types.iter().all(|&t| is_object(t));
    let mut e =
        LoopEntry::new(types, obj_loop).with_reduce(reduces.then_some(obj_reduce as ReduceFn));
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
    for st in [strings.bytes, strings.unicode] {
        registry::register_param_cast(
            dt,
            st,
            registry::ParamCast {
                func: to_string_cast,
                level: |_, _| Casting::Unsafe,
            },
        );
        registry::register_param_cast(
            st,
            dt,
            registry::ParamCast {
                func: from_string_cast,
                level: |_, _| Casting::Safe,
            },
        );
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
    register_loop("logical_not", vec![o, o], ObjOp::Not)?;
    for (name, kind) in [
        ("matmul", Product::Matmul),
        ("matvec", Product::Matvec),
        ("vecmat", Product::Vecmat),
        ("vecdot", Product::Vecdot),
    ] {
        if let Some(u) = oxarray_core::ufunc::lookup(name) {
            let mut e = LoopEntry::new(vec![o, o, o], product_loop);
            e.data = Box::leak(Box::new(kind)) as *const Product as *const ();
            u.register_loop(e)?;
        }
    }
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
        "conjugate",
        "fabs",
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
    // `bitwise_count` calls the method `bit_count`.
    register_loop(
        "bitwise_count",
        vec![o, o],
        ObjOp::Method(c"bit_count".into(), "bit_count"),
    )?;
    for (name, f) in [("square", square as UnFn), ("reciprocal", reciprocal)] {
        register_loop(name, vec![o, o], ObjOp::Unary(f))?;
    }
    register_loop("sign", vec![o, o], ObjOp::Sign)?;
    for (name, c) in [("floor", c"floor"), ("ceil", c"ceil"), ("trunc", c"trunc")] {
        register_loop(name, vec![o, o], ObjOp::MathFn(PyName::new(c)))?;
    }
    for (name, c) in [
        ("fmod", c"fmod"),
        ("arctan2", c"arctan2"),
        ("hypot", c"hypot"),
    ] {
        register_loop(name, vec![o, o, o], ObjOp::Method2(PyName::new(c)))?;
    }
    register_loop("gcd", vec![o, o, o], ObjOp::Gcd(false))?;
    register_loop("lcm", vec![o, o, o], ObjOp::Gcd(true))?;
    Ok(())
}

/// The sum of products `x[0]*y[0] + x[1]*y[1] + ...` of `n > 0` object pairs, in that
/// order with the first product as the start (NumPy's `OBJECT_dot`; with `conj`,
/// `OBJECT_dotc`: `x[k].conjugate()` first): a new reference, or null with the exception
/// set.
///
/// # Safety
/// `x` and `y` address `n` live items at byte strides `sx` and `sy`.
unsafe fn obj_dot(
    py: Python<'_>,
    n: usize,
    x: *const u8,
    sx: isize,
    y: *const u8,
    sy: isize,
    conj: bool,
) -> *mut ffi::PyObject {
    let mut sum: *mut ffi::PyObject = std::ptr::null_mut();
    for k in 0..n as isize {
        // SAFETY: item k of each vector (the caller's); live objects below.
        unsafe {
            let (a, b) = (load(py, x.offset(k * sx)), load(py, y.offset(k * sy)));
            let prod = if conj {
                let c = ffi::PyObject_CallMethodObjArgs(
                    a,
                    intern(&CONJUGATE, c"conjugate"),
                    std::ptr::null_mut::<ffi::PyObject>(),
                );
                if c.is_null() {
                    ffi::Py_XDECREF(sum);
                    return c;
                }
                let p = ffi::PyNumber_Multiply(c, b);
                ffi::Py_DecRef(c);
                p
            } else {
                ffi::PyNumber_Multiply(a, b)
            };
            if prod.is_null() {
                ffi::Py_XDECREF(sum);
                return prod;
            }
            if sum.is_null() {
                sum = prod;
            } else {
                let s2 = ffi::PyNumber_Add(sum, prod);
                ffi::Py_DecRef(sum);
                ffi::Py_DecRef(prod);
                if s2.is_null() {
                    return s2;
                }
                sum = s2;
            }
        }
    }
    sum
}

/// Which of the matrix-product gufuncs an object loop computes.
#[derive(Clone, Copy)]
enum Product {
    /// `(n,k),(k,m)->(n,m)`; an empty sum is the integer 0 (NumPy's
    /// `OBJECT_matmul_inner_noblas`).
    Matmul,
    /// `(m,n),(n)->(m)`.
    Matvec,
    /// `(n),(n,m)->(m)`, conjugating the vector.
    Vecmat,
    /// `(n),(n)->()`, conjugating the first vector.
    Vecdot,
}

/// The object loops of `matmul`, `matvec`, `vecmat` and `vecdot`: every output item a
/// sum of products in order ([`obj_dot`]). With an empty core dimension, `matmul` writes
/// the integer 0 and the others leave their outputs as they are (`None` when allocated),
/// as NumPy's.
///
/// # Safety
/// The [`oxarray_core::ufunc::loops::LoopFn`] contract for the gufunc's core dimensions;
/// `ctx.data` is a leaked [`Product`].
unsafe fn product_loop(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    // SAFETY: registered with a leaked `Product` as data.
    let kind = unsafe { *(ctx.data as *const Product) };
    let (d, s) = (ctx.core_dims, ctx.core_strides);
    let want = match kind {
        Product::Matmul => (3, 6),
        Product::Matvec | Product::Vecmat => (2, 4),
        Product::Vecdot => (1, 2),
    };
    if (d.len(), s.len()) != want {
        return Err(oxarray_core::error::Error::value(
            "object matrix product loop: unexpected core dimensions",
        ));
    }
    let empty_sum = match kind {
        Product::Matmul => false,
        Product::Matvec => d[1] == 0,
        Product::Vecmat | Product::Vecdot => d[0] == 0,
    };
    if empty_sum {
        return Ok(());
    }
    with_gil(|py| {
        let store = |out: *mut u8, v: *mut ffi::PyObject| -> LoopResult {
            if v.is_null() {
                return Err(foreign(PyErr::fetch(py)));
            }
            // SAFETY: one output item (the loop contract).
            unsafe { replace(out, v) };
            Ok(())
        };
        for it in 0..len as isize {
            let (a, b, c) = (
                ptrs[0].wrapping_offset(it * strides[0]),
                ptrs[1].wrapping_offset(it * strides[1]),
                ptrs[2].wrapping_offset(it * strides[2]),
            );
            // SAFETY: iteration `it` of each operand is a whole core block (LoopFn
            // contract), addressed with the core strides below.
            unsafe {
                match kind {
                    Product::Matmul => {
                        let (n, k, m) = (d[0] as isize, d[1], d[2] as isize);
                        for i in 0..n {
                            for j in 0..m {
                                let v = if k == 0 {
                                    ffi::PyLong_FromLong(0)
                                } else {
                                    obj_dot(
                                        py,
                                        k,
                                        a.offset(i * s[0]),
                                        s[1],
                                        b.offset(j * s[3]),
                                        s[2],
                                        false,
                                    )
                                };
                                store(c.offset(i * s[4] + j * s[5]), v)?;
                            }
                        }
                    }
                    Product::Matvec => {
                        for i in 0..d[0] as isize {
                            let v = obj_dot(py, d[1], a.offset(i * s[0]), s[1], b, s[2], false);
                            store(c.offset(i * s[3]), v)?;
                        }
                    }
                    Product::Vecmat => {
                        for j in 0..d[1] as isize {
                            let v = obj_dot(py, d[0], a, s[0], b.offset(j * s[2]), s[1], true);
                            store(c.offset(j * s[3]), v)?;
                        }
                    }
                    Product::Vecdot => {
                        store(c, obj_dot(py, d[0], a, s[0], b, s[1], true))?;
                    }
                }
            }
        }
        Ok(())
    })
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
