//! The fixed-width string dtypes `S<n>`/`U<n>` in Python (`oxarray_core::strings`):
//! their scalars (`oxarray.bytes_`, `oxarray.str_`, subclasses of Python's `bytes` and
//! `str` as NumPy's are), item get/set hooks, dtype discovery from Python strings,
//! and the functions behind `oxarray.strings` (the ufuncs' string loops are in the core's
//! loop table: `oxarray_core::kernels::strings`).
//!
//! The scalar classes are defined in Python (`python/oxarray/_strings.py`: a class cannot
//! extend both `str` and a Rust class) and handed over at import with
//! `_set_string_scalar_types`.

use oxarray_core::dtype::DType;
use oxarray_core::strings::{self as cs, funcs};
use oxarray_core::{Array, Builtin, Order};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyString, PyTuple, PyType};

use crate::errors::CoreResultExt;
use crate::ndarray::PyArray;

/// The string item at `p` as NumPy's `tolist()`/`item()` give it: a plain Python `bytes`
/// (`S`) or `str` (`U`), trailing NULs dropped.
///
/// # Safety
/// `p` addresses one readable item of the string dtype `dt`.
pub unsafe fn item_to_builtin(py: Python<'_>, dt: DType, p: *const u8) -> PyResult<Py<PyAny>> {
    let mut t = Vec::new();
    // SAFETY: forwarded from the caller.
    unsafe { cs::read_item(&dt, p, &mut t) };
    if cs::is_bytes(dt) {
        let b: Vec<u8> = t.iter().map(|&c| c as u8).collect();
        return Ok(PyBytes::new(py, &b).into_any().unbind());
    }
    let s: String = t
        .iter()
        .map(|&c| char::from_u32(c).unwrap_or('\u{fffd}'))
        .collect();
    Ok(PyString::new(py, &s).into_any().unbind())
}

/// `(str_, bytes_)`, set at import.
static SCALAR_TYPES: PyOnceLock<(Py<PyType>, Py<PyType>)> = PyOnceLock::new();

/// The scalar class of a string dtype (`None` for other dtypes).
pub fn scalar_type(py: Python<'_>, dt: DType) -> Option<Py<PyType>> {
    let (s, b) = SCALAR_TYPES.get(py)?;
    if cs::is_unicode(dt) {
        Some(s.clone_ref(py))
    } else if cs::is_bytes(dt) {
        Some(b.clone_ref(py))
    } else {
        None
    }
}

/// The unsized string dtype a Python type stands for: `str`/`oxarray.str_` -> `U0`,
/// `bytes`/`oxarray.bytes_` -> `S0` (NumPy's flexible `dtype(str)`, `dtype(bytes)`).
pub fn dtype_of_type(t: &Bound<'_, PyType>) -> Option<DType> {
    let py = t.py();
    let r = cs::registered();
    if t.is(py.get_type::<PyString>()) {
        return oxarray_core::dtype::registry::unsized_instance(r.unicode).ok();
    }
    if t.is(py.get_type::<PyBytes>()) {
        return Some(r.bytes);
    }
    let (s, b) = SCALAR_TYPES.get(py)?;
    if t.is(s.bind(py)) {
        oxarray_core::dtype::registry::unsized_instance(r.unicode).ok()
    } else if t.is(b.bind(py)) {
        Some(r.bytes)
    } else {
        None
    }
}

/// True for an unsized string dtype (`U0`, `S0`): its size comes from the data.
pub fn is_unsized(dt: DType) -> bool {
    cs::is_string(dt) && dt.itemsize == 0
}

/// The dtype a Python `str` or `bytes` leaf discovers (`'ab'` -> `U2`, `b'ab'` -> `S2`),
/// `None` for anything else.
pub fn leaf_dtype(obj: &Bound<'_, PyAny>) -> PyResult<Option<DType>> {
    if let Ok(s) = obj.cast::<PyString>() {
        let n = s.to_str()?.chars().count();
        return cs::unicode_dtype(n.max(1)).py().map(Some);
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return cs::bytes_dtype(b.as_bytes().len().max(1)).py().map(Some);
    }
    Ok(None)
}

/// Discovery's promotion when a string meets another leaf: two strings as
/// `promote_types`; a string and a number give the string class wide enough for both
/// (`['a', 1]` -> `U21`, as NumPy's discovery). `None` when neither is a string.
pub fn promote_discovered(cur: DType, leaf: DType) -> PyResult<Option<DType>> {
    let (sc, sl) = (cs::is_string(cur), cs::is_string(leaf));
    if !sc && !sl {
        return Ok(None);
    }
    if sc && sl {
        return oxarray_core::dtype::promote_types(cur, leaf).py().map(Some);
    }
    let (s, other) = if sc { (cur, leaf) } else { (leaf, cur) };
    let need = cs::cast::text_size(other).ok_or_else(|| {
        PyTypeError::new_err(format!("cannot put dtype {other} and strings in one array"))
    })?;
    cs::same_class(s, cs::nchars(&s).max(need)).py().map(Some)
}

/// The size an unsized string dtype takes for the data `obj` (NumPy's
/// `array([1, 2], dtype=str)` -> `U1`): the longest `str()` of its leaves (strings as
/// they are, bytes decoded as ASCII for `U`), at least 1.
pub fn resolve_unsized(obj: &Bound<'_, PyAny>, dt: DType) -> PyResult<DType> {
    fn walk(obj: &Bound<'_, PyAny>, uni: bool, m: &mut usize) -> PyResult<()> {
        if obj.is_instance_of::<pyo3::types::PyList>() || obj.is_instance_of::<PyTuple>() {
            for x in obj.try_iter()? {
                walk(&x?, uni, m)?;
            }
            return Ok(());
        }
        if let Ok(a) = obj.cast::<PyArray>() {
            let arr = a.borrow().arr.clone();
            let n = match cs::cast::text_size(arr.dtype()) {
                Some(n) if cs::is_string(arr.dtype()) => n,
                _ => {
                    for x in obj.call_method0("tolist")?.try_iter()? {
                        walk(&x?, uni, m)?;
                    }
                    return Ok(());
                }
            };
            *m = (*m).max(n);
            return Ok(());
        }
        let n = if let Ok(s) = obj.cast::<PyString>() {
            s.to_str()?.chars().count()
        } else if let Ok(b) = obj.cast::<PyBytes>() {
            b.as_bytes().len()
        } else {
            obj.str()?.to_str()?.chars().count()
        };
        let _ = uni;
        *m = (*m).max(n);
        Ok(())
    }
    let mut m = 0;
    walk(obj, cs::is_unicode(dt), &mut m)?;
    let dt2 = cs::same_class(dt, m.max(1)).py()?;
    Ok(if dt.is_native() { dt2 } else { dt2.swapped() })
}

/// The size an unsized string dtype takes when array `a` is cast to it: from its dtype,
/// or for an object array from its items.
pub fn unsized_for_array(py: Python<'_>, dt: DType, a: &Array) -> PyResult<DType> {
    if crate::object::is_object(a.dtype()) {
        return crate::object::unsized_for_objects(py, a, dt);
    }
    unsized_for_cast(dt, a.dtype())
}

/// The size an unsized string dtype takes when an array of `src` is cast to it.
pub fn unsized_for_cast(dt: DType, src: DType) -> PyResult<DType> {
    let n = cs::cast::text_size(src).ok_or_else(|| {
        PyTypeError::new_err(format!("Cannot cast array data from {src} to {}", dt.str()))
    })?;
    let d = cs::same_class(dt, n.max(1)).py()?;
    Ok(if dt.is_native() { d } else { d.swapped() })
}

/// The Python object for the string item at `ptr`: an `oxarray.str_`/`oxarray.bytes_`
/// (plain `str`/`bytes` with `plain`, as `tolist()` gives).
///
/// # Safety
/// `ptr` addresses one readable item of `dt`.
pub unsafe fn item_to_py(
    py: Python<'_>,
    dt: DType,
    ptr: *const u8,
    plain: bool,
) -> PyResult<Py<PyAny>> {
    let obj: Bound<'_, PyAny> = if cs::is_unicode(dt) {
        let mut t = Vec::new();
        // SAFETY: forwarded.
        unsafe { cs::read_item(&dt, ptr, &mut t) };
        let native: Vec<u8> = t.iter().flat_map(|c| c.to_le_bytes()).collect();
        let mut order: std::os::raw::c_int = -1;
        // SAFETY: `native` holds `len` bytes of UTF-32-LE; the result is a new reference
        // or null with an exception set.
        unsafe {
            Bound::from_owned_ptr_or_err(
                py,
                pyo3::ffi::PyUnicode_DecodeUTF32(
                    native.as_ptr() as *const std::os::raw::c_char,
                    native.len() as pyo3::ffi::Py_ssize_t,
                    c"surrogatepass".as_ptr(),
                    &mut order,
                ),
            )?
        }
    } else {
        // SAFETY: forwarded.
        let b = unsafe { cs::item_bytes(&dt, ptr) };
        PyBytes::new(py, &b).into_any()
    };
    if plain {
        return Ok(obj.unbind());
    }
    match scalar_type(py, dt) {
        Some(cls) => Ok(cls.bind(py).call1((obj,))?.unbind()),
        None => Ok(obj.unbind()),
    }
}

/// Write Python `value` into the string item at `ptr`, as NumPy's setitem: `str` (or
/// `bytes` decoded as ASCII) into `U`, `bytes` (or `str` encoded as ASCII) into `S`, any
/// other object as its `str()`; truncated to the item's size.
///
/// # Safety
/// `ptr` addresses one writable item of `dt`.
pub unsafe fn set_item(dt: DType, ptr: *mut u8, value: &Bound<'_, PyAny>) -> PyResult<()> {
    let text: Vec<u32> = if let Ok(b) = value.cast::<PyBytes>() {
        let bytes = b.as_bytes();
        if cs::is_unicode(dt) {
            if let Some(p) = bytes.iter().position(|&c| c > 127) {
                let e = value
                    .py()
                    .get_type::<pyo3::exceptions::PyUnicodeDecodeError>()
                    .call1(("ascii", b, p, p + 1, "ordinal not in range(128)"))?;
                return Err(PyErr::from_value(e));
            }
        }
        bytes.iter().map(|&c| c as u32).collect()
    } else if let Ok(a) = value.cast::<PyArray>() {
        let arr = a.borrow().arr.clone();
        if arr.ndim() != 0 {
            return Err(PyValueError::new_err(
                "setting an array element with a sequence.",
            ));
        }
        let tmp = Array::zeros(&[], dt.to_native(), Order::C).py()?;
        oxarray_core::iter::copy_into(&tmp, &arr).py()?;
        let mut t = Vec::new();
        // SAFETY: `tmp` holds one item of its dtype.
        unsafe { cs::read_item(&tmp.dtype(), tmp.data_ptr(), &mut t) };
        t
    } else {
        let s = if let Ok(s) = value.cast::<PyString>() {
            s.to_str()?.to_string()
        } else {
            value.str()?.to_str()?.to_string()
        };
        let t: Vec<u32> = s.chars().map(|c| c as u32).collect();
        if cs::is_bytes(dt) {
            if let Some(i) = t.iter().position(|&c| c > 127) {
                let e = value
                    .py()
                    .get_type::<pyo3::exceptions::PyUnicodeEncodeError>()
                    .call1(("ascii", s.as_str(), i, i + 1, "ordinal not in range(128)"))?;
                return Err(PyErr::from_value(e));
            }
        }
        t
    };
    // SAFETY: forwarded.
    unsafe { cs::write_item(&dt, ptr, &text) };
    Ok(())
}

thread_local! {
    /// Items converted by [`scalar_for_string`], most recent last (a small ring: a
    /// `Scalar::Ref` to one stays valid for the next `RING_LEN - 1` conversions on this thread).
    static RING: std::cell::RefCell<(usize, Vec<Vec<u32>>)> =
        std::cell::RefCell::new((0, vec![Vec::new(); RING_LEN]));
}
const RING_LEN: usize = 16;

/// Python `value` as one item of string dtype `dt`, for the paths that take a core
/// `Scalar` (`fill`, element assignment): a `Scalar::Ref` to a converted item held in a
/// per-thread ring (valid for the next 15 conversions on the thread; callers use it at
/// once). Conversion as [`set_item`].
///
/// # Errors
/// As [`set_item`].
pub fn scalar_for_string(value: &Bound<'_, PyAny>, dt: DType) -> PyResult<oxarray_core::Scalar> {
    let n = dt.itemsize.div_ceil(4).max(1);
    RING.with(|r| {
        let mut r = r.borrow_mut();
        let k = r.0;
        r.0 = (k + 1) % RING_LEN;
        let buf = &mut r.1[k];
        buf.clear();
        buf.resize(n, 0);
        // SAFETY: `buf` holds `itemsize` writable bytes (u32 units, rounded up).
        unsafe { set_item(dt, buf.as_mut_ptr() as *mut u8, value)? };
        Ok(oxarray_core::Scalar::Ref(oxarray_core::dtype::ItemRef {
            addr: buf.as_ptr() as usize,
            dtype: dt,
        }))
    })
}

/// NumPy's PEP 3118 format of a string dtype (`U10` -> `"10w"`, `S5` -> `"5s"`, a
/// swapped `U` with its order), interned; `None` for other dtypes.
pub fn buffer_format(dt: DType) -> Option<&'static std::ffi::CStr> {
    use std::collections::HashMap;
    use std::sync::Mutex;
    static FORMATS: Mutex<Option<HashMap<String, &'static std::ffi::CStr>>> = Mutex::new(None);
    if !cs::is_string(dt) {
        return None;
    }
    let n = cs::nchars(&dt);
    let f = if cs::is_bytes(dt) {
        format!("{n}s")
    } else if dt.is_native() {
        format!("{n}w")
    } else {
        format!("{}{n}w", dt.byteorder.as_char())
    };
    let mut g = FORMATS.lock().unwrap_or_else(|e| e.into_inner());
    let map = g.get_or_insert_with(HashMap::new);
    if let Some(c) = map.get(&f) {
        return Some(c);
    }
    let c: &'static std::ffi::CStr =
        Box::leak(std::ffi::CString::new(f.clone()).ok()?.into_boxed_c_str());
    map.insert(f, c);
    Some(c)
}

/// The string dtype of a PEP 3118 format (`"10w"`, `"5s"`, with byte order `order`).
pub fn dtype_of_buffer_format(order: char, code: &str, itemsize: usize) -> Option<DType> {
    let (digits, c) = code.split_at(code.len().checked_sub(1)?);
    if !matches!(c, "s" | "w") || !digits.chars().all(|d| d.is_ascii_digit()) {
        return None;
    }
    let n: usize = if digits.is_empty() {
        1
    } else {
        digits.parse().ok()?
    };
    if c == "s" {
        (n == itemsize).then(|| cs::bytes_dtype(n).ok()).flatten()
    } else {
        let d = cs::unicode_dtype(n).ok()?;
        if 4 * n != itemsize {
            return None;
        }
        let big = order == '>';
        let little = order == '<';
        let native_big = cfg!(target_endian = "big");
        Some(if (big && !native_big) || (little && native_big) {
            d.swapped()
        } else {
            d
        })
    }
}

/// The core array of a Python operand of a string function: an oxarray array as it is,
/// anything else through `oxarray.asarray`.
fn operand(obj: &Bound<'_, PyAny>) -> PyResult<Array> {
    if let Ok(a) = obj.cast::<PyArray>() {
        return Ok(a.borrow().arr.clone());
    }
    crate::convert::as_core_array(obj)
}

/// `a <op> b` when either side is a string array: the core comparison (`None` when
/// neither side is a string array, or the other side is no string data).
pub fn try_compare(
    slf: &Bound<'_, PyAny>,
    other: &Bound<'_, PyAny>,
    op: pyo3::basic::CompareOp,
) -> PyResult<Option<Py<PyAny>>> {
    use pyo3::basic::CompareOp as C;
    let Ok(a) = slf.cast::<PyArray>() else {
        return Ok(None);
    };
    let a = a.borrow().arr.clone();
    if !cs::is_text(a.dtype()) {
        // A number array meeting a string: NumPy 2 answers `==`/`!=` element-wise
        // (never equal); the orderings have no loop (the ufunc's error).
        let text = other.is_instance_of::<PyString>()
            || other.is_instance_of::<PyBytes>()
            || other
                .cast::<PyArray>()
                .is_ok_and(|o| cs::is_text(o.borrow().arr.dtype()));
        if !text || !matches!(op, C::Eq | C::Ne) {
            return Ok(None);
        }
        let b = operand(other)?;
        let shape = oxarray_core::layout::broadcast_shapes(&[a.shape(), b.shape()]).py()?;
        let v = oxarray_core::Scalar::Bool(matches!(op, C::Ne));
        let r = Array::full(&shape, Builtin::Bool.dtype(), &v, Order::C).py()?;
        return Ok(Some(crate::ndarray::wrap(slf.py(), r)?));
    }
    let b = match operand(other) {
        Ok(b) if cs::is_text(b.dtype()) => b,
        Ok(b) if matches!(op, C::Eq | C::Ne) && cs::cast::text_size(b.dtype()).is_some() => {
            let shape = oxarray_core::layout::broadcast_shapes(&[a.shape(), b.shape()]).py()?;
            let v = oxarray_core::Scalar::Bool(matches!(op, C::Ne));
            let r = Array::full(&shape, Builtin::Bool.dtype(), &v, Order::C).py()?;
            return Ok(Some(crate::ndarray::wrap(slf.py(), r)?));
        }
        _ => return Ok(None),
    };
    let cmp = match op {
        C::Eq => funcs::Cmp::Eq,
        C::Ne => funcs::Cmp::Ne,
        C::Lt => funcs::Cmp::Lt,
        C::Le => funcs::Cmp::Le,
        C::Gt => funcs::Cmp::Gt,
        C::Ge => funcs::Cmp::Ge,
    };
    let r = funcs::compare(&a, &b, cmp).py()?;
    Ok(Some(crate::ndarray::wrap(slf.py(), r)?))
}

/// `a + b` and `a * i` when either side is a `StringDType` array: `strings.add` and
/// `strings.multiply` (`None` otherwise).
pub fn try_binop(
    slf: &Bound<'_, PyAny>,
    other: &Bound<'_, PyAny>,
    multiply: bool,
    reflected: bool,
) -> PyResult<Option<Py<PyAny>>> {
    let is_v = |o: &Bound<'_, PyAny>| {
        o.cast::<PyArray>()
            .is_ok_and(|a| cs::vstring::is_vstring(a.borrow().arr.dtype()))
    };
    if !is_v(slf) && !is_v(other) {
        return Ok(None);
    }
    let py = slf.py();
    let (x, y) = if reflected {
        (other, slf)
    } else {
        (slf, other)
    };
    let r = if multiply {
        let (s, i) = if is_v(x) { (x, y) } else { (y, x) };
        let i = operand(i)?;
        if !i.dtype().is_integer() && !i.dtype().is_bool() {
            return Err(PyTypeError::new_err(format!(
                "ufunc 'multiply' did not contain a loop with signature matching types \
                 (StringDType, {})",
                i.dtype()
            )));
        }
        let i = oxarray_core::iter::copy_as(&i, Builtin::Int64.dtype(), Order::C).py()?;
        funcs::multiply(&operand(s)?, &i).py()?
    } else {
        funcs::add(&operand(x)?, &operand(y)?).py()?
    };
    Ok(Some(wrap(py, r)?))
}

fn wrap(py: Python<'_>, a: Array) -> PyResult<Py<PyAny>> {
    crate::ndarray::wrap(py, a)
}

#[pyfunction]
fn _str_multiply(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    i: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    wrap(py, funcs::multiply(&operand(a)?, &operand(i)?).py()?)
}

#[pyfunction]
fn _str_search(
    py: Python<'_>,
    kind: &str,
    a: &Bound<'_, PyAny>,
    sub: &Bound<'_, PyAny>,
    start: &Bound<'_, PyAny>,
    end: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    use funcs::Search as S;
    let k = match kind {
        "find" => S::Find,
        "rfind" => S::RFind,
        "index" => S::Index,
        "rindex" => S::RIndex,
        "count" => S::Count,
        "startswith" => S::StartsWith,
        "endswith" => S::EndsWith,
        _ => return Err(PyValueError::new_err(format!("no search {kind}"))),
    };
    let r = funcs::search(
        &operand(a)?,
        &operand(sub)?,
        &operand(start)?,
        &operand(end)?,
        k,
    )
    .py()?;
    wrap(py, r)
}

#[pyfunction]
fn _str_case(py: Python<'_>, name: &str, a: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    use funcs::Case as C;
    let c = match name {
        "lower" => C::Lower,
        "upper" => C::Upper,
        "swapcase" => C::Swap,
        "capitalize" => C::Capitalize,
        "title" => C::Title,
        _ => return Err(PyValueError::new_err(format!("no case function {name}"))),
    };
    wrap(py, funcs::case(&operand(a)?, c).py()?)
}

#[pyfunction]
#[pyo3(signature = (side, a, chars=None))]
fn _str_strip(
    py: Python<'_>,
    side: &str,
    a: &Bound<'_, PyAny>,
    chars: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let s = match side {
        "strip" => funcs::Side::Both,
        "lstrip" => funcs::Side::Left,
        "rstrip" => funcs::Side::Right,
        _ => return Err(PyValueError::new_err(format!("no strip {side}"))),
    };
    let c = chars.map(operand).transpose()?;
    wrap(py, funcs::strip(&operand(a)?, c.as_ref(), s).py()?)
}

#[pyfunction]
fn _str_replace(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    old: &Bound<'_, PyAny>,
    new: &Bound<'_, PyAny>,
    count: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let r = funcs::replace(
        &operand(a)?,
        &operand(old)?,
        &operand(new)?,
        &operand(count)?,
    )
    .py()?;
    wrap(py, r)
}

#[pyfunction]
#[pyo3(signature = (kind, a, width, fill=None))]
fn _str_pad(
    py: Python<'_>,
    kind: &str,
    a: &Bound<'_, PyAny>,
    width: &Bound<'_, PyAny>,
    fill: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    use funcs::Pad as P;
    let k = match kind {
        "center" => P::Center,
        "ljust" => P::Left,
        "rjust" => P::Right,
        "zfill" => P::Zeros,
        _ => return Err(PyValueError::new_err(format!("no padding {kind}"))),
    };
    let f = fill.map(operand).transpose()?;
    let r = funcs::pad(&operand(a)?, &operand(width)?, f.as_ref(), k).py()?;
    wrap(py, r)
}

#[pyfunction]
fn _str_partition<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    sep: &Bound<'py, PyAny>,
    right: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    let [x, y, z] = funcs::partition(&operand(a)?, &operand(sep)?, right).py()?;
    PyTuple::new(py, [wrap(py, x)?, wrap(py, y)?, wrap(py, z)?])
}

#[pyfunction]
fn _str_expandtabs(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    tabsize: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    wrap(
        py,
        funcs::expandtabs(&operand(a)?, &operand(tabsize)?).py()?,
    )
}

#[pyfunction]
fn _str_slice(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    start: &Bound<'_, PyAny>,
    stop: &Bound<'_, PyAny>,
    step: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let r = funcs::slice(
        &operand(a)?,
        &operand(start)?,
        &operand(stop)?,
        &operand(step)?,
    )
    .py()?;
    wrap(py, r)
}

/// Hand over the scalar classes `str_` and `bytes_` (defined in Python).
#[pyfunction]
fn _set_string_scalar_types(
    py: Python<'_>,
    str_: &Bound<'_, PyType>,
    bytes_: &Bound<'_, PyType>,
) -> PyResult<()> {
    if !str_.is_subclass(&py.get_type::<PyString>())?
        || !bytes_.is_subclass(&py.get_type::<PyBytes>())?
    {
        return Err(PyTypeError::new_err(
            "the string scalar classes must subclass str and bytes",
        ));
    }
    let _ = SCALAR_TYPES.set(py, (str_.clone().unbind(), bytes_.clone().unbind()));
    Ok(())
}

/// The `int64` dtype the integer operands of the string functions take.
#[pyfunction]
fn _str_int_dtype(py: Python<'_>) -> PyResult<Py<crate::dtype::PyDType>> {
    crate::dtype::dtype_to_py(py, Builtin::Int64.dtype())
}

/// The item hooks of `S` and `U` ([`crate::registered::PyItems`]).
struct StrItems;

impl crate::registered::PyItems for StrItems {
    fn get(&self, py: Python<'_>, dt: DType, ptr: *const u8) -> PyResult<Py<PyAny>> {
        // SAFETY: the hook's contract: one readable item of `dt`.
        unsafe { item_to_py(py, dt, ptr, false) }
    }
    fn set(
        &self,
        _py: Python<'_>,
        dt: DType,
        ptr: *mut u8,
        value: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        // SAFETY: the hook's contract: one writable item of `dt`.
        unsafe { set_item(dt, ptr, value) }
    }
}

static STR_ITEMS: StrItems = StrItems;

/// Register the string dtypes in the core, their item hooks, and this module's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let r = cs::register();
    crate::registered::register_py_items(r.bytes.type_id, &STR_ITEMS);
    crate::registered::register_py_items(r.unicode.type_id, &STR_ITEMS);
    m.add_function(wrap_pyfunction!(_set_string_scalar_types, m)?)?;
    m.add_function(wrap_pyfunction!(_str_multiply, m)?)?;
    m.add_function(wrap_pyfunction!(_str_search, m)?)?;
    m.add_function(wrap_pyfunction!(_str_case, m)?)?;
    m.add_function(wrap_pyfunction!(_str_strip, m)?)?;
    m.add_function(wrap_pyfunction!(_str_replace, m)?)?;
    m.add_function(wrap_pyfunction!(_str_pad, m)?)?;
    m.add_function(wrap_pyfunction!(_str_partition, m)?)?;
    m.add_function(wrap_pyfunction!(_str_expandtabs, m)?)?;
    m.add_function(wrap_pyfunction!(_str_slice, m)?)?;
    m.add_function(wrap_pyfunction!(_str_int_dtype, m)?)?;
    Ok(())
}
