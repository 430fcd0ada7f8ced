//! Python objects to and from core values: scalars, nested sequences, arrays.
//!
//! Array coercion (`oxarray.array(obj)`) follows NumPy's dtype discovery:
//! 1. Walk nested lists/tuples (and arrays and scalars inside them) once, recording the
//!    shape at each depth and the dtype of every leaf: Python bool, int, float, complex give
//!    bool, int64 (uint64 past int64, `OverflowError` past that), float64, complex128; array
//!    scalars and arrays give their own dtype. A depth whose elements disagree in length is
//!    a ragged input: `ValueError` naming the shape found so far.
//! 2. The dtype is the promotion of all leaf dtypes (Python numbers are *not* weak here,
//!    as in NumPy), unless the caller gave one.
//! 3. Allocate and fill in C order, converting each leaf with the dtype's cast rules;
//!    Python ints out of range for an integer dtype raise `OverflowError` like NumPy 2.

use num_complex::Complex;
use oxarray_core::dtype::{promote_types, DType, Scalar};
use oxarray_core::layout::fmt_shape;
use oxarray_core::{Array, Builtin, Order};
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyComplex, PyFloat, PyInt, PyList, PyRange, PyTuple};
use pyo3::IntoPyObjectExt;

use crate::errors::CoreResultExt;
use crate::ndarray::PyArray;
use crate::scalars::PyGeneric;

/// The Python number for a core scalar.
pub fn scalar_to_py(py: Python<'_>, v: Scalar) -> PyResult<Py<PyAny>> {
    match v {
        Scalar::Bool(b) => b.into_py_any(py),
        Scalar::Int(i) => i.into_py_any(py),
        Scalar::UInt(u) => u.into_py_any(py),
        Scalar::Float(f) => f.into_py_any(py),
        Scalar::Complex(c) => Ok(PyComplex::from_doubles(py, c.re, c.im).into_any().unbind()),
        Scalar::Ref(r) => crate::registered::item_to_py(py, r),
    }
}

/// Write the Python value `obj` into the element of `dt` at `ptr` (which holds a valid
/// item, at least zero bytes): through the dtype's Python item hooks when it has them
/// (objects, strings, dtypes written in Python), else as a number.
///
/// # Safety
/// `ptr` must address one writable element of `dt`.
pub unsafe fn set_item_from_py(obj: &Bound<'_, PyAny>, dt: DType, ptr: *mut u8) -> PyResult<()> {
    if let Some(h) = crate::registered::py_items(dt) {
        return h.set(obj.py(), dt, ptr, obj);
    }
    let v = scalar_for_dtype(obj, dt)?;
    // SAFETY: forwarded from the caller.
    unsafe { dt.set(ptr, &v) }.py()
}

/// What a Python leaf value is, before it meets a dtype.
pub enum Leaf {
    Scalar(Scalar, DType),
    Array(Array),
}

/// Classify a Python number or array scalar (`None` when it is neither).
pub fn leaf_of(obj: &Bound<'_, PyAny>) -> PyResult<Option<Leaf>> {
    if let Ok(g) = obj.cast::<PyGeneric>() {
        let g = g.get();
        return Ok(Some(Leaf::Scalar(g.value, g.dtype)));
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Some(Leaf::Scalar(
            Scalar::Bool(obj.extract()?),
            Builtin::Bool.dtype(),
        )));
    }
    if obj.is_instance_of::<PyInt>() {
        return py_int(obj).map(|(s, d)| Some(Leaf::Scalar(s, d)));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(Some(Leaf::Scalar(
            Scalar::Float(f.value()),
            Builtin::Float64.dtype(),
        )));
    }
    if let Ok(c) = obj.cast::<PyComplex>() {
        let v = Complex::new(c.real(), c.imag());
        return Ok(Some(Leaf::Scalar(
            Scalar::Complex(v),
            Builtin::Complex128.dtype(),
        )));
    }
    if let Ok(a) = obj.cast::<PyArray>() {
        return Ok(Some(Leaf::Array(a.borrow().arr.clone())));
    }
    Ok(None)
}

/// A Python int as int64, or uint64 when it only fits there (NumPy 2's discovery).
fn py_int(obj: &Bound<'_, PyAny>) -> PyResult<(Scalar, DType)> {
    if let Ok(i) = obj.extract::<i64>() {
        return Ok((Scalar::Int(i), Builtin::Int64.dtype()));
    }
    if let Ok(u) = obj.extract::<u64>() {
        return Ok((Scalar::UInt(u), Builtin::UInt64.dtype()));
    }
    Err(PyOverflowError::new_err(
        "Python int too large to convert to C long",
    ))
}

/// Convert one Python object into a value for one element of `dt`, as NumPy's item
/// assignment (the dtype's `setitem`) does:
/// - Python int: range-checked for integer dtypes (`OverflowError` like NumPy 2);
/// - Python float into an integer: through `int()` (NaN `ValueError`, infinity
///   `OverflowError`) and range-checked;
/// - Python complex into a real dtype: `TypeError` (bool takes its truth value);
/// - array scalars: like the Python number of their value, except that complex into a real
///   dtype warns (`ComplexWarning`) and keeps the real part;
/// - a 0-d array: its value, cast (the cast flags speak for it);
/// - a sequence or an array with dimensions: NumPy's per-kind errors (bool takes its truth
///   value).
///
/// Narrowing float conversions raise the core's cast flags when the value is stored;
/// callers report them with [`crate::castwarn`].
pub fn scalar_for_dtype(obj: &Bound<'_, PyAny>, dt: DType) -> PyResult<Scalar> {
    let py = obj.py();
    if oxarray_core::strings::is_string(dt) {
        return crate::strings::scalar_for_string(obj, dt);
    }
    if crate::vstring::is_vstring(dt) {
        return crate::vstring::scalar_for(obj, dt);
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Scalar::Bool(obj.is_truthy()?));
    }
    if let Ok(g) = obj.cast::<PyGeneric>() {
        let g = g.get();
        return generic_for_dtype(py, g.value, g.dtype, dt);
    }
    if obj.is_instance_of::<PyInt>() {
        return py_int_for(obj, dt);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        if !obj.is_exact_instance_of::<PyFloat>() && obj.hasattr("dtype")? {
            // A NumPy float64 scalar: an array scalar, not a Python float.
            return generic_for_dtype(py, Scalar::Float(f.value()), Builtin::Float64.dtype(), dt);
        }
        return float_for_dtype(f.value(), dt);
    }
    if let Ok(c) = obj.cast::<PyComplex>() {
        let v = Complex::new(c.real(), c.imag());
        if !obj.is_exact_instance_of::<PyComplex>() && obj.hasattr("dtype")? {
            // A NumPy complex scalar: an array scalar, not a Python complex.
            return generic_for_dtype(py, Scalar::Complex(v), Builtin::Complex128.dtype(), dt);
        }
        return match dt.kind {
            'b' => Ok(Scalar::Bool(v.re != 0.0 || v.im != 0.0)),
            'i' | 'u' | 'f' => Err(PyTypeError::new_err(format!(
                "{}() argument must be a string or a real number, not 'complex'",
                if dt.kind == 'f' { "float" } else { "int" }
            ))),
            _ => Ok(Scalar::Complex(v)),
        };
    }
    if let Ok(a) = obj.cast::<PyArray>() {
        let a = a.borrow().arr.clone();
        return array_for_element(py, &a, dt);
    }
    if is_sequence(obj) {
        return sequence_for_element(obj, dt);
    }
    if obj.is_none() {
        // NumPy's float and complex setitem read None as NaN; bool as False.
        return match dt.kind {
            'f' => Ok(Scalar::Float(f64::NAN)),
            'c' => Ok(Scalar::Complex(Complex::new(f64::NAN, f64::NAN))),
            'b' => Ok(Scalar::Bool(false)),
            _ => Err(PyTypeError::new_err(
                "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'",
            )),
        };
    }
    if obj.is_instance_of::<pyo3::types::PyString>() || obj.is_instance_of::<pyo3::types::PyBytes>()
    {
        // Text is parsed the way Python's int(), float() and complex() parse it.
        if dt.kind == 'b' {
            return Ok(Scalar::Bool(obj.is_truthy()?));
        }
        let text = if obj.is_instance_of::<pyo3::types::PyBytes>() {
            obj.call_method1("decode", ("latin-1",))?
        } else {
            obj.clone()
        };
        let parsed = match dt.kind {
            'i' | 'u' => py.get_type::<PyInt>().call1((text,))?,
            'c' => py.get_type::<PyComplex>().call1((text,))?,
            _ => py.get_type::<PyFloat>().call1((text,))?,
        };
        return scalar_for_dtype(&parsed, dt);
    }
    if let Some(a) = foreign_array(obj)? {
        if a.ndim() == 0 && !obj.hasattr("__len__")? {
            // A NumPy scalar: like our array scalars.
            return generic_for_dtype(py, a.item().py()?, a.dtype(), dt);
        }
        return array_for_element(py, &a, dt);
    }
    // Any other object (Fractions, Decimals, user classes): NumPy's setitem for the kind,
    // i.e. Python's own `bool()`, `int()`, `float()`, `complex()`. An exception raised by the
    // object's `__bool__`/`__int__`/`__index__`/`__float__`/`__complex__` passes through
    // unchanged, with its traceback.
    other_for_dtype(obj, dt)
}

/// An object that is neither a number, a sequence nor an array into one element of `dt`.
fn other_for_dtype(obj: &Bound<'_, PyAny>, dt: DType) -> PyResult<Scalar> {
    let py = obj.py();
    match dt.kind {
        'b' => Ok(Scalar::Bool(obj.is_truthy()?)),
        'i' | 'u' => py_int_for(&py.get_type::<PyInt>().call1((obj,))?, dt),
        'c' => {
            let t = obj.get_type();
            if t.hasattr("__complex__")? {
                return scalar_for_dtype(&py.get_type::<PyComplex>().call1((obj,))?, dt);
            }
            if t.hasattr("__float__")? || t.hasattr("__index__")? {
                return scalar_for_dtype(&py.get_type::<PyFloat>().call1((obj,))?, dt);
            }
            Err(PyTypeError::new_err(format!(
                "must be real number, not {}",
                t.name()?
            )))
        }
        'f' => scalar_for_dtype(&py.get_type::<PyFloat>().call1((obj,))?, dt),
        _ => Err(PyTypeError::new_err(format!(
            "cannot convert {} to {}",
            obj.get_type().name()?,
            dt
        ))),
    }
}

/// An array scalar's value into an element of `dt` (NumPy's setitem of a NumPy scalar).
fn generic_for_dtype(py: Python<'_>, v: Scalar, src: DType, dt: DType) -> PyResult<Scalar> {
    if dt.kind == 'b' {
        return Ok(Scalar::Bool(match v {
            Scalar::Bool(b) => b,
            Scalar::Int(i) => i != 0,
            Scalar::UInt(u) => u != 0,
            Scalar::Float(f) => f != 0.0,
            Scalar::Complex(c) => c.re != 0.0 || c.im != 0.0,
            Scalar::Ref(r) => return Err(opaque_item_error(r)),
        }));
    }
    let v = match v {
        Scalar::Complex(c) if matches!(dt.kind, 'i' | 'u' | 'f') => {
            crate::scalars::complex_warning(py)?;
            Scalar::Float(c.re)
        }
        v => v,
    };
    let _ = src;
    if !dt.is_integer() {
        return Ok(v);
    }
    if dt.kind == 'u' {
        // NumPy converts an array scalar through int() into an unsigned type modulo
        // 2**bits (no range check, unlike Python ints and signed targets).
        let i: i128 = match v {
            Scalar::Float(f) if f.is_nan() => {
                return Err(PyValueError::new_err("cannot convert float NaN to integer"))
            }
            Scalar::Float(f) if f.is_infinite() => {
                return Err(PyOverflowError::new_err(
                    "cannot convert float infinity to integer",
                ))
            }
            Scalar::Float(f) if f.trunc().abs() >= 1.8446744073709552e19 => {
                return Err(PyOverflowError::new_err(
                    "Python int too large to convert to C unsigned long",
                ))
            }
            Scalar::Float(f) => f.trunc() as i128,
            Scalar::Bool(b) => b as i128,
            Scalar::Int(i) => i as i128,
            Scalar::UInt(u) => u as i128,
            Scalar::Complex(_) => unreachable!("complex handled above"),
            Scalar::Ref(r) => return Err(opaque_item_error(r)),
        };
        return Ok(Scalar::UInt(i as u64));
    }
    let i: i128 = match v {
        Scalar::Float(f) => return float_for_dtype(f, dt),
        Scalar::Bool(b) => b as i128,
        Scalar::Int(i) => i as i128,
        Scalar::UInt(u) => u as i128,
        Scalar::Complex(_) => unreachable!("complex handled above"),
        Scalar::Ref(r) => return Err(opaque_item_error(r)),
    };
    int_in_range(i, dt)
}

/// The error for an opaque item (an object, a string) where a number is needed.
pub fn opaque_item_error(r: oxarray_core::dtype::ItemRef) -> PyErr {
    PyTypeError::new_err(format!(
        "cannot convert an item of dtype {} to a number here",
        r.dtype
    ))
}

/// A Python integer value (already exact) into an integer dtype, NumPy 2's checks and
/// messages.
fn int_in_range(v: i128, dt: DType) -> PyResult<Scalar> {
    if dt.kind == 'i' && (v > i64::MAX as i128 || v < i64::MIN as i128) {
        return Err(PyOverflowError::new_err(
            "Python int too large to convert to C long",
        ));
    }
    let (lo, hi) = int_range(dt);
    if v < lo || v > hi {
        return Err(PyOverflowError::new_err(format!(
            "Python integer {v} out of bounds for {}",
            dt.to_native()
        )));
    }
    Ok(if v < 0 {
        Scalar::Int(v as i64)
    } else {
        Scalar::UInt(v as u64)
    })
}

/// An array assigned to one element: a 0-d array is cast; anything bigger is an error of
/// the kind NumPy gives for the destination dtype.
fn array_for_element(py: Python<'_>, a: &Array, dt: DType) -> PyResult<Scalar> {
    if a.ndim() == 0 {
        crate::castwarn::complex(py, a.dtype(), dt)?;
        return a.item().py();
    }
    match dt.kind {
        'b' if a.size() == 1 => {
            let v = a.item().py()?;
            generic_for_dtype(py, v, a.dtype(), dt)
        }
        'b' => Err(PyValueError::new_err(
            "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
        )),
        'c' => Err(PyTypeError::new_err(
            "only 0-dimensional arrays can be converted to Python scalars",
        )),
        _ => Err(PyValueError::new_err(
            "setting an array element with a sequence.",
        )),
    }
}

/// A list or tuple assigned to one element: NumPy's per-kind errors.
fn sequence_for_element(obj: &Bound<'_, PyAny>, dt: DType) -> PyResult<Scalar> {
    let tname = obj.get_type().name()?.to_string();
    match dt.kind {
        'b' => Ok(Scalar::Bool(obj.is_truthy()?)),
        'i' | 'u' => Err(PyTypeError::new_err(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{tname}'"
        ))),
        'c' => Err(PyTypeError::new_err(format!(
            "must be real number, not {tname}"
        ))),
        _ => Err(PyValueError::new_err(
            "setting an array element with a sequence.",
        )),
    }
}

/// A Python float into `dt`: into integers through `int()` with the range check NumPy 2
/// applies to Python integers; other dtypes take the value (narrowing raises cast flags).
fn float_for_dtype(v: f64, dt: DType) -> PyResult<Scalar> {
    if dt.is_integer() {
        if v.is_nan() {
            return Err(PyValueError::new_err("cannot convert float NaN to integer"));
        }
        if v.is_infinite() {
            return Err(PyOverflowError::new_err(
                "cannot convert float infinity to integer",
            ));
        }
        let t = v.trunc();
        // Compare as integers: i128 holds every f64 below 2**127 exactly.
        if t.abs() >= 1.7e38 {
            return Err(PyOverflowError::new_err(
                "Python int too large to convert to C long",
            ));
        }
        return int_in_range(t as i128, dt);
    }
    if dt.is_bool() {
        return Ok(Scalar::Bool(v != 0.0));
    }
    Ok(Scalar::Float(v))
}

/// A Python int into `dt`, range-checked for integer dtypes.
fn py_int_for(obj: &Bound<'_, PyAny>, dt: DType) -> PyResult<Scalar> {
    if dt.is_integer() {
        let v: i128 = obj
            .extract()
            .map_err(|_| PyOverflowError::new_err("Python int too large to convert to C long"))?;
        return int_in_range(v, dt);
    }
    if dt.is_bool() {
        let nonzero = obj.is_truthy()?;
        return Ok(Scalar::Bool(nonzero));
    }
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(Scalar::Int(i));
    }
    if let Ok(u) = obj.extract::<u64>() {
        return Ok(Scalar::UInt(u));
    }
    // Huge ints into floats: through Python's float(), which raises OverflowError past f64.
    let f: f64 = obj.call_method0("__float__")?.extract()?;
    Ok(Scalar::Float(f))
}

/// The value range of an integer dtype.
pub fn int_range(dt: DType) -> (i128, i128) {
    let bits = dt.itemsize as u32 * 8;
    if dt.kind == 'u' {
        (0, (1i128 << bits) - 1)
    } else {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    }
}

/// The dtype a leaf contributes to discovery.
fn leaf_dtype(l: &Leaf) -> DType {
    match l {
        Leaf::Scalar(_, d) => *d,
        Leaf::Array(a) => a.dtype(),
    }
}

/// A nested sequence for discovery: lists, tuples, ranges, and (as NumPy) any other object
/// of the sequence protocol (`__len__` + `__getitem__`) that is not a string, a number, a
/// dict or an array-like (those are imported whole, by their protocols).
fn is_sequence(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>()
        || obj.is_instance_of::<PyRange>()
        || is_other_sequence(obj)
}

fn is_other_sequence(obj: &Bound<'_, PyAny>) -> bool {
    if obj.is_instance_of::<pyo3::types::PyString>()
        || obj.is_instance_of::<pyo3::types::PyBytes>()
        || obj.is_instance_of::<pyo3::types::PyByteArray>()
        || obj.is_instance_of::<pyo3::types::PyDict>()
        || obj.is_instance_of::<PyArray>()
        || obj.is_instance_of::<PyGeneric>()
        || obj.is_instance_of::<PyFloat>()
        || obj.is_instance_of::<PyInt>()
        || obj.is_instance_of::<PyComplex>()
    {
        return false;
    }
    // SAFETY: PySequence_Check only inspects the type of a live object; it cannot fail.
    if unsafe { pyo3::ffi::PySequence_Check(obj.as_ptr()) } == 0
        || crate::interchange::buffer::has_buffer(obj)
    {
        return false;
    }
    let t = obj.get_type();
    ![
        "__array__",
        "__array_interface__",
        "__array_struct__",
        "__dlpack__",
    ]
    .iter()
    .any(|a| t.hasattr(*a).unwrap_or(true))
}

/// Phase 1 of discovery: the shape along the first element at every depth.
fn first_shape(obj: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    let mut shape = Vec::new();
    let mut x = obj.clone();
    loop {
        if is_sequence(&x) {
            let n = x.len()?;
            shape.push(n);
            if n == 0 {
                return Ok(shape);
            }
            x = x.get_item(0)?;
        } else {
            if let Ok(a) = x.cast::<PyArray>() {
                shape.extend_from_slice(a.borrow().arr.shape());
            } else if let Some(a) = foreign_array(&x)? {
                shape.extend_from_slice(a.shape());
            }
            return Ok(shape);
        }
    }
}

/// Walk the items of an exact list or tuple by index (borrowed references, no iterator
/// objects): the fast walk over the last axis of a nested sequence. `Ok(false)` when `o` is
/// neither. The list's length is read again before each item, as its iterator would, in
/// case an item's conversion runs Python code that changes it.
fn for_items(
    o: &Bound<'_, PyAny>,
    mut f: impl FnMut(*mut pyo3::ffi::PyObject) -> PyResult<()>,
) -> PyResult<bool> {
    use pyo3::ffi;
    let p = o.as_ptr();
    if o.is_exact_instance_of::<PyList>() {
        let mut k = 0;
        // SAFETY: `p` is a live exact list; `k < len` keeps `PyList_GetItem` in bounds and
        // its borrowed result is only used before any Python code can run (`f` takes its
        // own reference before running any).
        while k < unsafe { ffi::PyList_Size(p) } {
            f(unsafe { ffi::PyList_GetItem(p, k) })?;
            k += 1;
        }
        return Ok(true);
    }
    if o.is_exact_instance_of::<PyTuple>() {
        // SAFETY: a tuple is immutable and holds its items for as long as `o` lives.
        let n = unsafe { ffi::PyTuple_Size(p) };
        for k in 0..n {
            f(unsafe { ffi::PyTuple_GetItem(p, k) })?;
        }
        return Ok(true);
    }
    Ok(false)
}

/// The exact `float` and `int` types (leaves recognised by their type pointer).
fn float_int_types() -> (*mut pyo3::ffi::PyTypeObject, *mut pyo3::ffi::PyTypeObject) {
    (
        std::ptr::addr_of_mut!(pyo3::ffi::PyFloat_Type),
        std::ptr::addr_of_mut!(pyo3::ffi::PyLong_Type),
    )
}

/// An exact Python int as `i64` (`None` past its range), without a Python error.
///
/// # Safety
/// `item` is a live exact `int`.
unsafe fn exact_int_i64(item: *mut pyo3::ffi::PyObject) -> Option<i64> {
    let mut overflow = 0;
    // SAFETY: an exact int converts without running Python code; `-1` with no overflow
    // cannot come with an error for an exact int.
    let v = unsafe { pyo3::ffi::PyLong_AsLongLongAndOverflow(item, &mut overflow) };
    (overflow == 0).then_some(v)
}

/// [`check`] over the leaves of one sequence at the last axis (`depth + 1 == shape.len()`):
/// exact floats and ints by their type, anything else as [`check`] would.
fn check_last_axis(
    o: &Bound<'_, PyAny>,
    depth: usize,
    shape: &[usize],
    ragged: &mut usize,
    dtype: &mut Option<DType>,
    want_dtype: bool,
) -> PyResult<bool> {
    let py = o.py();
    let (float_ty, int_ty) = float_int_types();
    let (f64d, i64d) = (Builtin::Float64.dtype(), Builtin::Int64.dtype());
    for_items(o, |item| {
        // SAFETY: `item` is a live borrowed reference (see `for_items`).
        let ty = unsafe { pyo3::ffi::Py_TYPE(item) };
        let ld = if ty == float_ty {
            f64d
        } else if ty == int_ty && unsafe { exact_int_i64(item) }.is_some() {
            i64d
        } else {
            // SAFETY: as above; the new strong reference keeps it alive.
            let b = unsafe { Bound::from_borrowed_ptr(py, item) };
            if is_sequence(&b) {
                *ragged = (*ragged).min(depth + 1);
                return Ok(());
            }
            return check_leaf(&b, depth + 1, shape, ragged, dtype, want_dtype);
        };
        if want_dtype && *dtype != Some(ld) {
            *dtype = Some(match *dtype {
                None => ld,
                Some(cur) => promote_leaf(cur, ld)?,
            });
        }
        Ok(())
    })
}

/// Phase 2: check every element against `shape`, lowering `ragged` to the first depth that
/// disagrees, and promote the leaves' dtypes.
///
/// The walk keeps its own stack of Python iterators (one per open sequence), so nesting
/// depth costs heap, never native stack: a list nested 100000 deep is just a long `Vec`.
fn check(
    obj: &Bound<'_, PyAny>,
    shape: &[usize],
    ragged: &mut usize,
    dtype: &mut Option<DType>,
    want_dtype: bool,
) -> PyResult<()> {
    let mut stack: Vec<Bound<'_, pyo3::types::PyIterator>> = Vec::new();
    let mut next = Some(obj.clone());
    loop {
        if let Some(o) = next.take() {
            let depth = stack.len();
            if is_sequence(&o) {
                if depth >= shape.len() || o.len()? != shape[depth] {
                    *ragged = (*ragged).min(depth);
                } else if depth + 1 != shape.len()
                    || !check_last_axis(&o, depth, shape, ragged, dtype, want_dtype)?
                {
                    stack.push(o.try_iter()?);
                }
            } else {
                check_leaf(&o, depth, shape, ragged, dtype, want_dtype)?;
            }
        }
        let Some(it) = stack.last_mut() else {
            return Ok(());
        };
        match it.next() {
            Some(item) => next = Some(item?),
            None => {
                stack.pop();
            }
        }
    }
}

/// One leaf of [`check`] at `depth`.
fn check_leaf(
    obj: &Bound<'_, PyAny>,
    depth: usize,
    shape: &[usize],
    ragged: &mut usize,
    dtype: &mut Option<DType>,
    want_dtype: bool,
) -> PyResult<()> {
    // Plain Python floats and ints: the common leaves, no conversion needed yet.
    if obj.is_exact_instance_of::<PyFloat>() || obj.is_exact_instance_of::<PyInt>() {
        if shape.len() != depth {
            *ragged = (*ragged).min(depth);
        }
        if want_dtype {
            let ld = if obj.is_exact_instance_of::<PyFloat>() {
                Builtin::Float64.dtype()
            } else {
                py_int(obj)?.1
            };
            if *dtype != Some(ld) {
                *dtype = Some(match *dtype {
                    None => ld,
                    Some(cur) => promote_leaf(cur, ld)?,
                });
            }
        }
        return Ok(());
    }
    if obj.is_instance_of::<pyo3::types::PyString>() || obj.is_instance_of::<pyo3::types::PyBytes>()
    {
        // A `str`/`bytes` leaf: a string dtype of its length (see `strings`), worked out
        // only when the caller asks for the dtype.
        if shape.len() != depth {
            *ragged = (*ragged).min(depth);
        }
        if want_dtype {
            if let Some(ld) = crate::strings::leaf_dtype(obj)? {
                *dtype = Some(match *dtype {
                    None => ld,
                    Some(cur) => promote_leaf(cur, ld)?,
                });
            }
        }
        return Ok(());
    }
    let leaf = match leaf_of(obj)? {
        Some(l) => l,
        None => match foreign_array(obj)? {
            Some(a) => Leaf::Array(a),
            None if !want_dtype => {
                // The caller gave the dtype: any other object is one element, converted by
                // that dtype's item rules when the array is filled (as NumPy's setitem).
                if shape.len() != depth {
                    *ragged = (*ragged).min(depth);
                }
                return Ok(());
            }
            None => {
                if obj.is_instance_of::<pyo3::types::PyString>()
                    || obj.is_instance_of::<pyo3::types::PyBytes>()
                {
                    return Err(PyTypeError::new_err(
                        "oxarray has no string dtype: strings cannot be converted to an array",
                    ));
                }
                // Any other object (None, a Fraction, a dict): an object array, as
                // NumPy's discovery gives.
                if shape.len() != depth {
                    *ragged = (*ragged).min(depth);
                }
                let o = crate::object::object_dtype();
                *dtype = Some(match *dtype {
                    None => o,
                    Some(cur) => promote_types(cur, o).py()?,
                });
                return Ok(());
            }
        },
    };
    let leaf_shape: &[usize] = match &leaf {
        Leaf::Array(a) => a.shape(),
        Leaf::Scalar(..) => &[],
    };
    if shape.len() != depth + leaf_shape.len() || shape[depth..] != *leaf_shape {
        *ragged = (*ragged).min(depth);
    }
    if want_dtype {
        let ld = leaf_dtype(&leaf);
        *dtype = Some(match *dtype {
            None => ld.to_native(),
            Some(cur) => promote_leaf(cur, ld)?,
        });
    }
    Ok(())
}

/// Discovery's promotion of two leaf dtypes (strings meeting numbers as `strings` says).
fn promote_leaf(cur: DType, ld: DType) -> PyResult<DType> {
    match crate::strings::promote_discovered(cur, ld)? {
        Some(d) => Ok(d),
        None => promote_types(cur, ld).py(),
    }
}

/// NumPy arrays and other objects with `__array__`/`tolist` (a stop-gap until the zero-copy
/// interchange of issue 4): converted through `tolist()` and their dtype string.
fn foreign_array(obj: &Bound<'_, PyAny>) -> PyResult<Option<Array>> {
    // Python's own numbers, strings and containers never are: skip the (costly) failed
    // lookups (for a `str` leaf they cost more than converting it).
    if obj.is_exact_instance_of::<PyFloat>()
        || obj.is_instance_of::<PyInt>()
        || obj.is_instance_of::<pyo3::types::PyString>()
        || obj.is_exact_instance_of::<PyComplex>()
        || is_sequence(obj)
        || obj.is_instance_of::<PyGeneric>()
        || obj.is_instance_of::<PyArray>()
    {
        return Ok(None);
    }
    if let Some(a) = crate::interchange::import_core(obj)? {
        return Ok(Some(a));
    }
    let (Ok(dt), Ok(tolist)) = (obj.getattr("dtype"), obj.getattr("tolist")) else {
        return Ok(None);
    };
    let Ok(dstr) = dt.getattr("str").and_then(|s| s.extract::<String>()) else {
        return Ok(None);
    };
    let Ok(dtype) = DType::parse(&dstr) else {
        return Err(PyTypeError::new_err(format!(
            "oxarray has no dtype for '{dstr}'"
        )));
    };
    let data = tolist.call0()?;
    let shape: Vec<usize> = obj.getattr("shape")?.extract()?;
    let arr = from_nested(&data, Some(dtype.to_native()), &shape)?;
    if dtype.is_native() {
        Ok(Some(arr))
    } else {
        Ok(Some(
            oxarray_core::iter::copy_as(&arr, dtype, Order::C).py()?,
        ))
    }
}

/// A NumPy array of `StringDType` as an oxarray array: a copy through its items (NumPy
/// keeps the text in its descriptor's arena; there is no memory to share).
pub fn numpy_stringdtype(obj: &Bound<'_, PyAny>) -> PyResult<Option<Array>> {
    let Ok(dt) = obj.getattr("dtype") else {
        return Ok(None);
    };
    if !dt
        .getattr("char")
        .and_then(|c| c.extract::<String>())
        .is_ok_and(|c| c == "T")
        || dt.is_instance_of::<crate::dtype::PyDType>()
    {
        return Ok(None);
    }
    let vdt = crate::vstring::from_numpy(&dt)?;
    let data = obj.call_method0("tolist")?;
    let shape: Vec<usize> = obj.getattr("shape")?.extract()?;
    from_nested(&data, Some(vdt), &shape).map(Some)
}

/// An object that is neither a number, a string, a sequence nor an array-like: NumPy
/// would make it an object array; oxarray can only convert it into a dtype it is told
/// (through `int()`, `float()`, ...).
pub fn is_other_object(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    if is_sequence(obj)
        || obj.is_instance_of::<pyo3::types::PyString>()
        || obj.is_instance_of::<pyo3::types::PyBytes>()
        || obj.is_none()
        || leaf_of(obj)?.is_some()
    {
        return Ok(false);
    }
    Ok(foreign_array(obj)?.is_none())
}

/// Build an array from a nested sequence or scalar, discovering shape and (unless given)
/// dtype.
pub fn array_from_object(obj: &Bound<'_, PyAny>, dtype: Option<DType>) -> PyResult<Array> {
    if let Ok(list) = obj.cast_exact::<PyList>() {
        if let Some(a) = flat_number_list(list, dtype)? {
            return Ok(a);
        }
    }
    let text = obj.is_instance_of::<pyo3::types::PyBytes>()
        || obj.is_instance_of::<pyo3::types::PyString>();
    if let Some(a) = if text { None } else { foreign_array(obj)? } {
        let dtype = match dtype {
            Some(d) if crate::strings::is_unsized(d) => {
                Some(crate::strings::unsized_for_array(obj.py(), d, &a)?)
            }
            d => d,
        };
        return match dtype {
            Some(dt) if dt != a.dtype() => oxarray_core::iter::copy_as(&a, dt, Order::C).py(),
            _ => Ok(a),
        };
    }
    let dtype = match dtype {
        Some(d) if crate::strings::is_unsized(d) => Some(crate::strings::resolve_unsized(obj, d)?),
        d => d,
    };
    let shape = first_shape(obj)?;
    if let (Some(dt), [_], Ok(list)) = (dtype, shape.as_slice(), obj.cast_exact::<PyList>()) {
        if crate::object::is_object(dt) {
            // A flat list into an object array (its first item is no sequence): every
            // item is an element as it is, whatever later items are (NumPy's ragged
            // object arrays keep them too), so no discovery pass is needed.
            return crate::object::from_list(list);
        }
    }
    let mut ragged = usize::MAX;
    let mut found = None;
    check(obj, &shape, &mut ragged, &mut found, dtype.is_none())?;
    let mut shape = shape;
    if ragged != usize::MAX && dtype.is_some_and(crate::object::is_object) {
        // An object array holds the inhomogeneous part as objects (NumPy's ragged
        // `dtype=object` arrays).
        shape.truncate(ragged);
    } else if ragged != usize::MAX {
        return Err(PyValueError::new_err(format!(
            "setting an array element with a sequence. The requested array has an inhomogeneous shape after {ragged} dimensions. The detected shape was {} + inhomogeneous part.",
            fmt_shape(&shape[..ragged])
        )));
    }
    let dt = dtype.or(found).unwrap_or(Builtin::Float64.dtype());
    from_nested(obj, Some(dt), &shape)
}

/// The fast path of `array(list)`: a non-empty flat list of exact Python ints (each fitting
/// `int64`) and floats, with no dtype or `float64`/`int64` asked, read in one pass straight
/// from the `PyLong`/`PyFloat` objects into one 8-byte buffer. Ints are stored as `int64`
/// until the first float; the values written so far are then converted in place (same
/// width) and the result is `float64`, as NumPy's discovery gives for a mix. `None` (the
/// general path decides) for anything else: bools, big ints, nested lists, other objects,
/// other dtypes, floats under `int64`.
fn flat_number_list(list: &Bound<'_, PyList>, dtype: Option<DType>) -> PyResult<Option<Array>> {
    let (i64d, f64d) = (Builtin::Int64.dtype(), Builtin::Float64.dtype());
    let want_float = match dtype {
        None => false,
        Some(d) if d == f64d => true,
        Some(d) if d == i64d => false,
        Some(_) => return Ok(None),
    };
    let n = list.len();
    if n == 0 {
        return Ok(None);
    }
    // Classify before allocating: a first item that is neither an int nor a float (a
    // nested list, most often) leaves at once.
    let first = list.get_item(0)?;
    if !(first.is_exact_instance_of::<PyInt>() || first.is_exact_instance_of::<PyFloat>()) {
        return Ok(None);
    }
    // SAFETY: every one of the `n` items is written below before the array is returned;
    // on a `None` or error return the array is dropped unread.
    let arr = unsafe { Array::uninit(&[n], i64d, Order::C) }.py()?;
    let dst = arr.data_ptr() as *mut u64;
    let mut is_float = want_float;
    let (int_ty, float_ty) = (
        std::ptr::addr_of_mut!(pyo3::ffi::PyLong_Type),
        std::ptr::addr_of_mut!(pyo3::ffi::PyFloat_Type),
    );
    for k in 0..n {
        // SAFETY: `list` is a live exact list; an index past its end gives NULL (checked).
        // Nothing below runs Python code (exact ints and floats convert without calling
        // `__index__`), so the list cannot change under the loop.
        let item = unsafe { pyo3::ffi::PyList_GetItem(list.as_ptr(), k as pyo3::ffi::Py_ssize_t) };
        if item.is_null() {
            return Err(PyErr::fetch(list.py()));
        }
        // SAFETY: `item` is a borrowed, live reference held by the list.
        let ty = unsafe { pyo3::ffi::Py_TYPE(item) };
        let bits = if ty == int_ty {
            let mut overflow = 0;
            // SAFETY: `item` is an exact int.
            let v = unsafe { pyo3::ffi::PyLong_AsLongLongAndOverflow(item, &mut overflow) };
            if overflow != 0 {
                return Ok(None);
            }
            if v == -1 && !unsafe { pyo3::ffi::PyErr_Occurred() }.is_null() {
                return Err(PyErr::fetch(list.py()));
            }
            if is_float {
                (v as f64).to_bits()
            } else {
                v as u64
            }
        } else if ty == float_ty {
            if dtype == Some(i64d) {
                return Ok(None);
            }
            if !is_float {
                // The ints so far become floats in place (same width).
                for j in 0..k {
                    // SAFETY: items `j < k` were written as int64 above.
                    unsafe {
                        let p = dst.add(j);
                        p.write((p.read() as i64 as f64).to_bits());
                    }
                }
                is_float = true;
            }
            // SAFETY: `item` is an exact float.
            unsafe { pyo3::ffi::PyFloat_AsDouble(item) }.to_bits()
        } else {
            return Ok(None);
        };
        // SAFETY: `k < n` items of the fresh buffer.
        unsafe { dst.add(k).write(bits) };
    }
    if is_float {
        return arr.with_dtype(f64d).py().map(Some);
    }
    Ok(Some(arr))
}

/// Fill a new array of `shape` from a nested sequence already known to have that shape.
fn from_nested(obj: &Bound<'_, PyAny>, dtype: Option<DType>, shape: &[usize]) -> PyResult<Array> {
    let dt = dtype.unwrap_or(Builtin::Float64.dtype());
    // Every element is written below: object items start empty rather than as `0`
    // objects created only to be released.
    let arr = if crate::object::is_object(dt) {
        Array::zero_bytes(shape, dt, Order::C)
    } else {
        Array::zeros(shape, dt, Order::C)
    }
    .py()?;
    let mut ptr = arr.data_ptr();
    let mut written = 0usize;
    fill(obj, 0, &arr, dt, &mut ptr, &mut written)?;
    Ok(arr)
}

/// Write the leaves of `obj` (at nesting `depth0` of `arr`) into `arr` in C order; like
/// [`check`], the nesting is walked with a heap stack of iterators, never native recursion.
/// The sequences of the last axis go through [`fill_last_axis`].
fn fill(
    obj: &Bound<'_, PyAny>,
    depth0: usize,
    arr: &Array,
    dt: DType,
    ptr: &mut *mut u8,
    written: &mut usize,
) -> PyResult<()> {
    let mut stack: Vec<Bound<'_, pyo3::types::PyIterator>> = Vec::new();
    let mut next = Some(obj.clone());
    let objects = crate::object::is_object(dt);
    let hooks = crate::registered::py_items(dt);
    loop {
        if let Some(o) = next.take() {
            if objects && depth0 + stack.len() == arr.ndim() {
                // An object array's element: whatever is there, sequences included.
                if *written >= arr.size() {
                    return Err(PyValueError::new_err(
                        "setting an array element with a sequence.",
                    ));
                }
                match hooks {
                    Some(h) => h.set(o.py(), dt, *ptr, &o)?,
                    // SAFETY: `ptr` walks the fresh C-contiguous array; `written < size`.
                    None => unsafe { set_item_from_py(&o, dt, *ptr) }?,
                }
                *ptr = ptr.wrapping_add(dt.itemsize);
                *written += 1;
            } else if is_sequence(&o) {
                if depth0 + stack.len() + 1 != arr.ndim()
                    || !fill_last_axis(&o, depth0 + stack.len(), arr, dt, ptr, written)?
                {
                    stack.push(o.try_iter()?);
                }
            } else {
                fill_leaf(&o, arr, dt, ptr, written)?;
            }
        }
        let Some(it) = stack.last_mut() else {
            return Ok(());
        };
        match it.next() {
            Some(item) => next = Some(item?),
            None => {
                stack.pop();
            }
        }
    }
}

/// [`fill`] over the items of one sequence at the last axis: exact floats into `float64`
/// and exact ints into `int64`/`float64` written directly, anything else as [`fill`].
fn fill_last_axis(
    o: &Bound<'_, PyAny>,
    depth: usize,
    arr: &Array,
    dt: DType,
    ptr: &mut *mut u8,
    written: &mut usize,
) -> PyResult<bool> {
    let py = o.py();
    if crate::object::is_object(dt) {
        // Object elements are taken as they are by `fill`.
        return Ok(false);
    }
    let (float_ty, int_ty) = float_int_types();
    let (is_f64, is_i64) = (dt == Builtin::Float64.dtype(), dt == Builtin::Int64.dtype());
    // StringDType without an `na_object`: exact `str` items are stored straight from
    // their UTF-8 (no per-item hook lookup).
    let plain_text =
        crate::vstring::is_vstring(dt) && !oxarray_core::strings::vstring::params(&dt).has_na();
    let str_ty = std::ptr::addr_of_mut!(pyo3::ffi::PyUnicode_Type);
    let size = arr.size();
    for_items(o, |item| {
        // SAFETY: `item` is a live borrowed reference (see `for_items`).
        let ty = unsafe { pyo3::ffi::Py_TYPE(item) };
        if plain_text && ty == str_ty && *written < size {
            let mut n: pyo3::ffi::Py_ssize_t = 0;
            // SAFETY: an exact `str`; the UTF-8 buffer is cached by the object and lives
            // as long as it does (`for_items` holds the container).
            let u = unsafe { pyo3::ffi::PyUnicode_AsUTF8AndSize(item, &mut n) };
            if !u.is_null() {
                // SAFETY: `n` bytes at `u`; `ptr` walks the fresh C-contiguous array and
                // `written < size` keeps it in bounds (a valid, empty item).
                unsafe {
                    let t = std::slice::from_raw_parts(u as *const u8, n as usize);
                    oxarray_core::strings::vstring::store(*ptr, t);
                }
                *ptr = ptr.wrapping_add(dt.itemsize);
                *written += 1;
                return Ok(());
            }
            // (A lone surrogate: the hook raises Python's error.)
            // SAFETY: clearing the error `PyUnicode_AsUTF8AndSize` set.
            unsafe { pyo3::ffi::PyErr_Clear() };
        }
        if *written < size && (is_f64 || is_i64) {
            let bits = if ty == float_ty && is_f64 {
                // SAFETY: an exact float.
                Some(unsafe { pyo3::ffi::PyFloat_AsDouble(item) }.to_bits())
            } else if ty == int_ty {
                // SAFETY: an exact int.
                unsafe { exact_int_i64(item) }.map(|v| {
                    if is_f64 {
                        (v as f64).to_bits()
                    } else {
                        v as u64
                    }
                })
            } else {
                None
            };
            if let Some(bits) = bits {
                // SAFETY: a fresh C-contiguous 8-byte array, `written < size`.
                unsafe { (*ptr as *mut u64).write_unaligned(bits) };
                *ptr = ptr.wrapping_add(8);
                *written += 1;
                return Ok(());
            }
        }
        // SAFETY: as above; the new strong reference keeps it alive.
        let b = unsafe { Bound::from_borrowed_ptr(py, item) };
        if is_sequence(&b) {
            fill(&b, depth + 1, arr, dt, ptr, written)
        } else {
            fill_leaf(&b, arr, dt, ptr, written)
        }
    })
}

/// One leaf of [`fill`].
fn fill_leaf(
    obj: &Bound<'_, PyAny>,
    arr: &Array,
    dt: DType,
    ptr: &mut *mut u8,
    written: &mut usize,
) -> PyResult<()> {
    if let Ok(a) = obj.cast::<PyArray>() {
        let src = a.borrow().arr.clone();
        return fill_from_array(&src, arr, ptr, written);
    }
    if !obj.is_instance_of::<PyFloat>()
        && !obj.is_instance_of::<PyInt>()
        && !obj.is_instance_of::<pyo3::types::PyBytes>()
    {
        if let Some(a) = foreign_array(obj)? {
            return fill_from_array(&a, arr, ptr, written);
        }
    }
    if *written >= arr.size() {
        return Err(PyValueError::new_err(
            "setting an array element with a sequence.",
        ));
    }
    // Fast paths for the common leaves.
    if dt == Builtin::Int64.dtype() && obj.is_exact_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            // SAFETY: as below: a fresh C-contiguous int64 array, `written < size`.
            unsafe { (*ptr as *mut i64).write_unaligned(i) };
            *ptr = ptr.wrapping_add(8);
            *written += 1;
            return Ok(());
        }
    }
    if let Some(h) = crate::registered::py_items(dt) {
        h.set(obj.py(), dt, *ptr, obj)?;
        *ptr = ptr.wrapping_add(dt.itemsize);
        *written += 1;
        return Ok(());
    }
    let v = match obj.cast_exact::<PyFloat>() {
        Ok(f) if dt == Builtin::Float64.dtype() => Scalar::Float(f.value()),
        _ => scalar_for_dtype(obj, dt)?,
    };
    // SAFETY: `ptr` walks a fresh C-contiguous array; `written < size` keeps it in bounds.
    unsafe { dt.set(*ptr, &v).py()? };
    *ptr = ptr.wrapping_add(dt.itemsize);
    *written += 1;
    Ok(())
}

fn fill_from_array(
    src: &Array,
    arr: &Array,
    ptr: &mut *mut u8,
    written: &mut usize,
) -> PyResult<()> {
    let n = src.size();
    if *written + n > arr.size() {
        return Err(PyValueError::new_err(
            "setting an array element with a sequence.",
        ));
    }
    let mut shape = smallvec::SmallVec::<[usize; 4]>::from_slice(src.shape());
    if shape.is_empty() {
        shape.push(1);
    }
    let strides = oxarray_core::layout::c_strides(&shape, arr.itemsize());
    let offset = *written as isize * arr.itemsize() as isize;
    // SAFETY: the sub-block [written, written + n) of the fresh contiguous `arr` is inside it.
    let dst = unsafe { arr.view_unchecked(offset, shape.clone(), strides) };
    let src = oxarray_core::ops::reshape(
        src,
        &shape.iter().map(|&d| d as isize).collect::<Vec<_>>(),
        Order::C,
    )
    .py()?;
    oxarray_core::iter::copy_into(&dst, &src).py()?;
    *ptr = ptr.wrapping_add(n * arr.itemsize());
    *written += n;
    Ok(())
}

/// Any object as an array: an ndarray as it is, anything else through coercion.
pub fn as_core_array(obj: &Bound<'_, PyAny>) -> PyResult<Array> {
    if let Ok(a) = obj.cast::<PyArray>() {
        return Ok(a.borrow().arr.clone());
    }
    array_from_object(obj, None)
}

/// A value for assignment into an array of dtype `dt`: an array to broadcast from, as
/// NumPy builds it. Arrays are taken as they are (the copy casts them). Sequences and
/// Python scalars are converted element by element with `dt`'s item rules
/// ([`scalar_for_dtype`]), so out-of-range Python ints raise. Array scalars are converted
/// the same way for a basic index, but for an advanced (`fancy`) index NumPy takes them as
/// 0-d arrays of their own dtype and casts.
pub fn value_for_assignment(obj: &Bound<'_, PyAny>, dt: DType, fancy: bool) -> PyResult<Array> {
    if let Ok(a) = obj.cast::<PyArray>() {
        return Ok(a.borrow().arr.clone());
    }
    if fancy {
        if let Ok(g) = obj.cast::<PyGeneric>() {
            let g = g.get();
            let a = Array::zeros(&[], g.dtype.to_native(), Order::C).py()?;
            a.set(&[], &g.value).py()?;
            return Ok(a);
        }
    }
    if is_sequence(obj) {
        return array_from_object(obj, Some(dt));
    }
    let python_number = obj.is_exact_instance_of::<PyFloat>()
        || obj.is_exact_instance_of::<PyComplex>()
        || obj.is_instance_of::<PyInt>();
    if !python_number {
        if let Some(a) = foreign_array(obj)? {
            if fancy || obj.hasattr("__len__")? {
                return Ok(a);
            }
        }
    }
    if crate::registered::py_items(dt).is_some() {
        // One item of an opaque dtype (a dtype written in Python, objects, strings).
        let a = Array::zeros(&[], dt.to_native(), Order::C).py()?;
        // SAFETY: one writable item of the fresh 0-d array.
        unsafe { set_item_from_py(obj, dt.to_native(), a.data_ptr()) }?;
        return Ok(a);
    }
    let v = scalar_for_dtype(obj, dt)?;
    let a = Array::zeros(&[], dt.to_native(), Order::C).py()?;
    a.set(&[], &v).py()?;
    Ok(a)
}
