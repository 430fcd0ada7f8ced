//! Comparisons and the `numpy.strings` functions over fixed-width string arrays.
//!
//! Every function broadcasts its operands, allocates a C-ordered result and walks the
//! broadcast shape once, reading each string item as code points (trailing NULs
//! stripped, [`super::read_item`]). Integer operands (`start`, `end`, `width`, ...) are
//! native `int64` arrays (the bindings convert them). Output sizes of the string results
//! follow NumPy 2's `numpy.strings` (which computes them in Python before calling its
//! ufuncs): `add` sums the sizes, `multiply` takes the largest product, the padding
//! functions the largest width, `replace` the largest result.
//!
//! Text semantics are Python's `str`/`bytes` methods: `U` works on code points with
//! Unicode case mappings and properties (Rust's, which differ from Python's for a few
//! non-ASCII code points in the `is*` predicates); `S` on bytes with ASCII rules only.

use crate::array::Array;
use crate::dtype::{Builtin, ByteOrder, DType, Descr};
use crate::error::{Error, Result};
use crate::layout::{self, Order};

use super::vstring::{self, is_vstring, Na};
use super::{is_text, nchars, read_item, same_class, write_item};

/// Unicode semantics (`U` and `StringDType`), else bytes with ASCII rules (`S`).
fn is_unicode(d: DType) -> bool {
    super::is_unicode(d) || is_vstring(d)
}

/// How a function treats a missing value of a `StringDType` operand whose `na_object` is
/// not a string (a string `na_object` is read as that string by `read_item`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NaUse {
    /// String results: a NaN-like missing value gives a missing result; another raises.
    Propagate,
    /// Bool results: a NaN-like missing value gives `False`; another raises.
    False,
    /// Always `ValueError` (integer results: NumPy's "not supported for null values").
    Refuse,
    /// Always `TypeError` (the case functions: NumPy calls Python's `str` methods).
    TypeErr,
}

/// [`walk`] with NumPy's treatment of missing values ([`NaUse`]): items where any
/// `StringDType` operand is missing never reach `f`.
fn walk_na(
    inputs: &[&Array],
    out: &Array,
    name: &str,
    na_use: NaUse,
    mut f: impl FnMut(&[*const u8], *mut u8) -> Result<()>,
) -> Result<()> {
    let idx: Vec<usize> = (0..inputs.len())
        .filter(|&k| is_vstring(inputs[k].dtype()))
        .collect();
    let Some(&first) = idx.first() else {
        return walk(inputs, out, f);
    };
    let prm = vstring::params(&inputs[first].dtype());
    if matches!(prm.na, Na::Absent | Na::Str(_)) {
        return walk(inputs, out, f);
    }
    let nan = prm.na == Na::NanLike;
    walk(inputs, out, |p, o| {
        // SAFETY: `walk` hands out items of the operands.
        if idx.iter().any(|&k| unsafe { vstring::is_na(p[k]) }) {
            return match na_use {
                // SAFETY: `o` is a `StringDType` item of `out` (string results).
                NaUse::Propagate if nan => unsafe {
                    vstring::store_na(o);
                    Ok(())
                },
                NaUse::Propagate => Err(Error::value(format!(
                    "Cannot {name} null that is not a nan-like value"
                ))),
                // SAFETY: `o` is a bool item of `out`.
                NaUse::False if nan => unsafe {
                    *o = 0;
                    Ok(())
                },
                NaUse::False => Err(Error::value(format!(
                    "Cannot use the {name} function with a null that is not a nan-like value"
                ))),
                NaUse::Refuse if name == "str_len" => {
                    Err(Error::value("The length of a null string is undefined"))
                }
                NaUse::Refuse => Err(Error::value(format!(
                    "'{name}' not supported for null values that are not strings."
                ))),
                NaUse::TypeErr => Err(Error::type_(format!(
                    "descriptor '{name}' for 'str' objects doesn't apply to a missing value"
                ))),
            };
        }
        f(p, o)
    })
}

/// The `StringDType` among the operands' dtypes (the result class of a function mixing
/// `StringDType` with `U`).
fn vclass(dts: &[DType]) -> Option<DType> {
    dts.iter().copied().find(|&d| is_vstring(d))
}

/// Call `f` with one pointer per operand for every element of the broadcast shape, in C
/// order; `out` (C-contiguous, of that shape) gets the last pointer.
fn walk(
    inputs: &[&Array],
    out: &Array,
    mut f: impl FnMut(&[*const u8], *mut u8) -> Result<()>,
) -> Result<()> {
    let shape = out.shape().to_vec();
    let strides = inputs
        .iter()
        .map(|a| layout::broadcast_strides(a.shape(), a.strides(), &shape))
        .collect::<Result<Vec<_>>>()?;
    if out.size() == 0 {
        return Ok(());
    }
    let nd = shape.len();
    let mut ptrs: Vec<*const u8> = inputs.iter().map(|a| a.data_ptr() as *const u8).collect();
    let mut idx = vec![0usize; nd];
    let osz = out.itemsize();
    let mut o = out.data_ptr();
    // The last axis in a tight loop; the odometer over the others.
    let (inner, inner_strides): (usize, Vec<isize>) = if nd == 0 {
        (1, vec![0; ptrs.len()])
    } else {
        (shape[nd - 1], strides.iter().map(|s| s[nd - 1]).collect())
    };
    let mut q = ptrs.clone();
    loop {
        q.copy_from_slice(&ptrs);
        for _ in 0..inner {
            f(&q, o)?;
            o = o.wrapping_add(osz);
            for (p, s) in q.iter_mut().zip(&inner_strides) {
                *p = p.wrapping_offset(*s);
            }
        }
        if nd == 0 {
            return Ok(());
        }
        let mut k = nd - 1;
        loop {
            if k == 0 {
                return Ok(());
            }
            k -= 1;
            idx[k] += 1;
            for (p, s) in ptrs.iter_mut().zip(&strides) {
                *p = p.wrapping_offset(s[k]);
            }
            if idx[k] < shape[k] {
                break;
            }
            for (p, s) in ptrs.iter_mut().zip(&strides) {
                *p = p.wrapping_offset(-(s[k] * shape[k] as isize));
            }
            idx[k] = 0;
        }
    }
}

/// The broadcast shape of the operands.
fn shape_of(inputs: &[&Array]) -> Result<Vec<usize>> {
    let shapes: Vec<&[usize]> = inputs.iter().map(|a| a.shape()).collect();
    Ok(layout::broadcast_shapes(&shapes)?.to_vec())
}

/// A fresh C-ordered result for `inputs` broadcast together.
fn alloc(inputs: &[&Array], dtype: DType) -> Result<Array> {
    Array::zeros(&shape_of(inputs)?, dtype, Order::C)
}

/// The result array of a function that writes every item: `dest` itself when it is a
/// C-contiguous array of the result's shape and dtype (a ufunc loop's output run, written
/// in place), else a new zeroed one.
fn alloc_in(dest: Option<&Array>, inputs: &[&Array], dtype: DType) -> Result<Array> {
    if let Some(d) = dest {
        if d.dtype() == dtype && d.is_c_contiguous() && d.shape() == shape_of(inputs)?.as_slice() {
            return Ok(d.clone());
        }
    }
    alloc(inputs, dtype)
}

fn check_str(a: &Array, what: &str) -> Result<()> {
    if is_text(a.dtype()) {
        Ok(())
    } else {
        Err(Error::type_(format!(
            "string operation on non-string array ({what}: dtype {})",
            a.dtype()
        )))
    }
}

/// Both operands strings of the same class (NumPy refuses `S` with `U`).
fn check_pair(name: &str, a: &Array, b: &Array) -> Result<()> {
    let (da, db) = (a.dtype(), b.dtype());
    if is_text(da) && is_text(db) && is_unicode(da) == is_unicode(db) {
        Ok(())
    } else {
        Err(Error::type_(format!(
            "ufunc '{name}' did not contain a loop with signature matching types ({}, {})",
            da.str(),
            db.str()
        )))
    }
}

/// A comparison: NumPy's `equal ... greater_equal` on strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl Cmp {
    /// Whether an item order `ord` satisfies this comparison.
    fn holds(self, ord: std::cmp::Ordering) -> bool {
        match self {
            Cmp::Eq => ord.is_eq(),
            Cmp::Ne => ord.is_ne(),
            Cmp::Lt => ord.is_lt(),
            Cmp::Le => ord.is_le(),
            Cmp::Gt => ord.is_gt(),
            Cmp::Ge => ord.is_ge(),
        }
    }
    /// NumPy's ufunc name.
    pub fn name(self) -> &'static str {
        match self {
            Cmp::Eq => "equal",
            Cmp::Ne => "not_equal",
            Cmp::Lt => "less",
            Cmp::Le => "less_equal",
            Cmp::Gt => "greater",
            Cmp::Ge => "greater_equal",
        }
    }
    /// By ufunc name.
    pub fn from_name(s: &str) -> Option<Cmp> {
        Some(match s {
            "equal" => Cmp::Eq,
            "not_equal" => Cmp::Ne,
            "less" => Cmp::Lt,
            "less_equal" => Cmp::Le,
            "greater" => Cmp::Gt,
            "greater_equal" => Cmp::Ge,
            _ => return None,
        })
    }
}

/// Compare two string arrays element by element by code point (NumPy's order; trailing
/// NULs do not count). `S` with `U` compares too (NumPy 2 promotes to `U`).
///
/// # Errors
/// `TypeError` when an operand is not a string; shapes that do not broadcast.
pub fn compare(a: &Array, b: &Array, op: Cmp) -> Result<Array> {
    compare_in(a, b, op, None)
}

/// [`compare`] written into `dest` when it fits ([`alloc_in`]; the result is `dest`).
///
/// # Errors
/// As [`compare`].
pub fn compare_in(a: &Array, b: &Array, op: Cmp, dest: Option<&Array>) -> Result<Array> {
    if !is_text(a.dtype())
        || !is_text(b.dtype())
        || ((is_vstring(a.dtype()) || is_vstring(b.dtype()))
            && !(is_unicode(a.dtype()) && is_unicode(b.dtype())))
    {
        return Err(Error::type_(format!(
            "ufunc '{}' did not contain a loop with signature matching types ({}, {})",
            op.name(),
            a.dtype().str(),
            b.dtype().str()
        )));
    }
    let out = alloc_in(dest, &[a, b], Builtin::Bool.dtype())?;
    if let Some(v) = vclass(&[a.dtype(), b.dtype()]) {
        return compare_v(a, b, op, v, out);
    }
    let (da, db) = (a.dtype(), b.dtype());
    let pick = move |ord| op.holds(ord);
    let native = |d: DType| d.byteorder == crate::dtype::ByteOrder::NATIVE || d.alignment == 1;
    if da.alignment == db.alignment && native(da) && native(db) {
        // Same class, native order: compare the stored units in place.
        let (na, nb) = (nchars(&da), nchars(&db));
        let unit = da.alignment;
        if na == nb && matches!(op, Cmp::Eq | Cmp::Ne) {
            // Equal sizes: equal strings are equal bytes (both padded with NULs).
            let (size, ne) = (da.itemsize, op == Cmp::Ne);
            walk(&[a, b], &out, |p, o| {
                // SAFETY: `walk` hands out items of `size` bytes and a bool item.
                unsafe {
                    let (x, y) = (
                        std::slice::from_raw_parts(p[0], size),
                        std::slice::from_raw_parts(p[1], size),
                    );
                    *o = ((x == y) != ne) as u8;
                }
                Ok(())
            })?;
            return Ok(out);
        }
        walk(&[a, b], &out, |p, o| {
            // SAFETY: `walk` hands out pointers to items of the operands and `out`.
            unsafe {
                let ord = if unit == 1 {
                    cmp_units::<u8>(p[0], na, p[1], nb)
                } else {
                    cmp_units::<u32>(p[0], na, p[1], nb)
                };
                *o = pick(ord) as u8;
            }
            Ok(())
        })?;
        return Ok(out);
    }
    let (mut x, mut y) = (Vec::new(), Vec::new());
    walk(&[a, b], &out, |p, o| {
        // SAFETY: `walk` hands out pointers to items of the operands.
        unsafe {
            read_item(&da, p[0], &mut x);
            read_item(&db, p[1], &mut y);
        }
        let ord = x.cmp(&y);
        let r = op.holds(ord);
        // SAFETY: `o` is a bool item of `out`.
        unsafe { *o = r as u8 };
        Ok(())
    })?;
    Ok(out)
}

/// [`compare`] with a `StringDType` operand (the other `StringDType` or `U`): UTF-8 byte
/// order (code-point order); missing values as NumPy's `string_comparison` loop: a
/// NaN-like one compares false, a string one as that string, another is equal only to
/// another missing value and cannot be ordered.
fn compare_v(a: &Array, b: &Array, op: Cmp, v: DType, out: Array) -> Result<Array> {
    let (da, db) = (a.dtype(), b.dtype());
    let prm = vstring::params(&v);
    let (va, vb) = (is_vstring(da), is_vstring(db));
    let pick = move |ord| op.holds(ord);
    // (A string `na_object` is read as its string by `text_or_default`.)
    let na_possible = matches!(prm.na, Na::NanLike | Na::Other);
    let (mut x, mut bx, mut by) = (Vec::new(), Vec::new(), Vec::new());
    walk(&[a, b], &out, |p, o| {
        // SAFETY: `walk` hands out items of the operands and a bool item of `out`.
        unsafe {
            let na_a = na_possible && va && vstring::is_na(p[0]);
            let na_b = na_possible && vb && vstring::is_na(p[1]);
            if na_a || na_b {
                *o = match prm.na {
                    Na::NanLike => 0,
                    _ if matches!(op, Cmp::Eq | Cmp::Ne) => {
                        ((na_a && na_b) == (op == Cmp::Eq)) as u8
                    }
                    _ => {
                        return Err(Error::value(format!(
                            "'{}' not supported for null values that are not nan-like or strings.",
                            op.name()
                        )))
                    }
                };
                return Ok(());
            }
            let xa: &[u8] = if va {
                vstring::text_or_default(p[0], prm)
            } else {
                read_item(&da, p[0], &mut x);
                bx.clear();
                vstring::encode_into(&x, &mut bx);
                &bx
            };
            let yb: &[u8] = if vb {
                vstring::text_or_default(p[1], prm)
            } else {
                read_item(&db, p[1], &mut x);
                by.clear();
                vstring::encode_into(&x, &mut by);
                &by
            };
            *o = pick(xa.cmp(yb)) as u8;
        }
        Ok(())
    })?;
    Ok(out)
}

/// Units of an item of `n` units at `p` without its trailing NULs.
///
/// # Safety
/// `p` addresses `n` readable units (any alignment).
#[inline(always)]
unsafe fn stripped_len<T: Copy + Default + PartialEq>(p: *const u8, n: usize) -> usize {
    let mut k = n;
    // SAFETY: unit k - 1 < n (caller).
    while k > 0 && unsafe { (p as *const T).add(k - 1).read_unaligned() } == T::default() {
        k -= 1;
    }
    k
}

/// Code-point order of two items of the same class (trailing NULs do not count).
///
/// # Safety
/// `a`/`b` address `na`/`nb` readable units (any alignment).
#[inline(always)]
unsafe fn cmp_units<T: Copy + Default + Ord>(
    a: *const u8,
    na: usize,
    b: *const u8,
    nb: usize,
) -> std::cmp::Ordering {
    let m = na.min(nb);
    for i in 0..m {
        // SAFETY: i < na, nb.
        let (x, y) = unsafe {
            (
                (a as *const T).add(i).read_unaligned(),
                (b as *const T).add(i).read_unaligned(),
            )
        };
        if x != y {
            // A NUL inside the common part is smaller, as a shorter string is.
            return x.cmp(&y);
        }
    }
    // The common part is equal: the longer one is larger unless its rest is NULs.
    // SAFETY: as above.
    let (la, lb) = unsafe { (stripped_len::<T>(a, na), stripped_len::<T>(b, nb)) };
    la.max(m).cmp(&lb.max(m))
}

/// Map each string of `a` to an `int64`.
fn map_int(a: &Array, mut f: impl FnMut(&[u32]) -> i64) -> Result<Array> {
    check_str(a, "a")?;
    let out = alloc(&[a], Builtin::Int64.dtype())?;
    let da = a.dtype();
    let mut x = Vec::new();
    walk_na(&[a], &out, "str_len", NaUse::Refuse, |p, o| {
        // SAFETY: items of `a` / `out`.
        unsafe {
            read_item(&da, p[0], &mut x);
            (o as *mut i64).write_unaligned(f(&x));
        }
        Ok(())
    })?;
    Ok(out)
}

/// Map each string of `a` to a bool (`false` for the empty string, as Python's `is*`).
fn map_bool(a: &Array, name: &str, f: impl Fn(&[u32], bool) -> bool) -> Result<Array> {
    check_str(a, "a")?;
    let out = alloc(&[a], Builtin::Bool.dtype())?;
    let da = a.dtype();
    let uni = is_unicode(da);
    let mut x = Vec::new();
    walk_na(&[a], &out, name, NaUse::False, |p, o| {
        // SAFETY: items of `a` / `out`.
        unsafe {
            read_item(&da, p[0], &mut x);
            *o = f(&x, uni) as u8;
        }
        Ok(())
    })?;
    Ok(out)
}

/// Map each string of `a` to a string of the same dtype (truncated to it).
fn map_str(a: &Array, name: &str, mut f: impl FnMut(&[u32], bool, &mut Vec<u32>)) -> Result<Array> {
    check_str(a, "a")?;
    let da = a.dtype();
    let out = alloc(&[a], da.to_native())?;
    let od = out.dtype();
    let uni = is_unicode(da);
    let (mut x, mut y) = (Vec::new(), Vec::new());
    walk_na(&[a], &out, name, NaUse::TypeErr, |p, o| {
        y.clear();
        // SAFETY: items of `a` / `out`.
        unsafe { read_item(&da, p[0], &mut x) };
        f(&x, uni, &mut y);
        // SAFETY: as above.
        unsafe { write_item(&od, o, &y) };
        Ok(())
    })?;
    Ok(out)
}

/// `numpy.strings.str_len`.
///
/// # Errors
/// `TypeError` for a non-string array.
pub fn str_len(a: &Array) -> Result<Array> {
    str_len_in(a, None)
}

/// [`str_len`] written into `dest` when it fits ([`alloc_in`]; the result is `dest`).
///
/// # Errors
/// As [`str_len`].
pub fn str_len_in(a: &Array, dest: Option<&Array>) -> Result<Array> {
    check_str(a, "a")?;
    let da = a.dtype();
    if is_vstring(da) {
        let out = alloc_in(dest, &[a], Builtin::Int64.dtype())?;
        let prm = vstring::params(&da);
        walk_na(&[a], &out, "str_len", NaUse::Refuse, |p, o| {
            // SAFETY: items of `a` / `out`.
            unsafe {
                let t = vstring::text_or_default(p[0], prm);
                (o as *mut i64).write_unaligned(vstring::char_count(t) as i64);
            }
            Ok(())
        })?;
        return Ok(out);
    }
    if da.alignment == 4 && da.byteorder != crate::dtype::ByteOrder::NATIVE {
        return map_int(a, |x| x.len() as i64);
    }
    // Native units: the length is where the trailing NULs start.
    let out = alloc_in(dest, &[a], Builtin::Int64.dtype())?;
    let (n, unit) = (nchars(&da), da.alignment);
    walk(&[a], &out, |p, o| {
        // SAFETY: items of `a` / `out`.
        unsafe {
            let k = if unit == 1 {
                stripped_len::<u8>(p[0], n)
            } else {
                stripped_len::<u32>(p[0], n)
            };
            (o as *mut i64).write_unaligned(k as i64);
        }
        Ok(())
    })?;
    Ok(out)
}

/// `numpy.strings.add`: concatenation; the result holds both sizes (`U5 + U3 -> U8`).
///
/// # Errors
/// `TypeError` for `S` with `U` or non-strings (NumPy's no-loop error); shapes.
pub fn add(a: &Array, b: &Array) -> Result<Array> {
    add_in(a, b, None)
}

/// [`add`] written into `dest` when it fits ([`alloc_in`]; the result is `dest`). Only
/// `StringDType` results are written in place (each item replaced, whatever it held); the
/// fixed-width ones are built on zeroed items.
///
/// # Errors
/// As [`add`].
pub fn add_in(a: &Array, b: &Array, dest: Option<&Array>) -> Result<Array> {
    check_pair("add", a, b)?;
    let (da, db) = (a.dtype(), b.dtype());
    if let Some(od) = vclass(&[da, db]) {
        let out = alloc_in(dest, &[a, b], od)?;
        let (pa, pb) = (vstring::params(&da), vstring::params(&db));
        let (mut x, mut bx, mut by) = (Vec::new(), Vec::new(), Vec::new());
        let mut joined = Vec::new();
        walk_na(&[a, b], &out, "add", NaUse::Propagate, |p, o| {
            // SAFETY: items of the operands and a `StringDType` item of `out`.
            unsafe {
                let xa: &[u8] = if is_vstring(da) {
                    vstring::text_or_default(p[0], pa)
                } else {
                    read_item(&da, p[0], &mut x);
                    bx.clear();
                    vstring::encode_into(&x, &mut bx);
                    &bx
                };
                let yb: &[u8] = if is_vstring(db) {
                    vstring::text_or_default(p[1], pb)
                } else {
                    read_item(&db, p[1], &mut x);
                    by.clear();
                    vstring::encode_into(&x, &mut by);
                    &by
                };
                // (The text is copied out before `o` is released: `o` may be an input's
                // item, `add(a, b, out=a)`.)
                if xa.len() + yb.len() <= vstring::INLINE_MAX {
                    joined.clear();
                    joined.extend_from_slice(xa);
                    joined.extend_from_slice(yb);
                    vstring::store(o, &joined);
                } else {
                    let mut v = Vec::with_capacity(xa.len() + yb.len());
                    v.extend_from_slice(xa);
                    v.extend_from_slice(yb);
                    vstring::free(o);
                    vstring::store_fresh_vec(o, v);
                }
            }
            Ok(())
        })?;
        return Ok(out);
    }
    let od = same_class(da, nchars(&da) + nchars(&db))?;
    let out = alloc(&[a, b], od)?;
    let native = |d: DType| d.byteorder == crate::dtype::ByteOrder::NATIVE || d.alignment == 1;
    if native(da) && native(db) {
        // Native units: copy both stored strings (the result is zeroed already).
        let (na, nb, unit) = (nchars(&da), nchars(&db), da.alignment);
        walk(&[a, b], &out, |p, o| {
            // SAFETY: items of the operands and of `out` (which holds na + nb units).
            unsafe {
                let (la, lb) = if unit == 1 {
                    (stripped_len::<u8>(p[0], na), stripped_len::<u8>(p[1], nb))
                } else {
                    (stripped_len::<u32>(p[0], na), stripped_len::<u32>(p[1], nb))
                };
                std::ptr::copy_nonoverlapping(p[0], o, la * unit);
                std::ptr::copy_nonoverlapping(p[1], o.add(la * unit), lb * unit);
            }
            Ok(())
        })?;
        return Ok(out);
    }
    let (mut x, mut y) = (Vec::new(), Vec::new());
    walk(&[a, b], &out, |p, o| {
        // SAFETY: items of the operands.
        unsafe {
            read_item(&da, p[0], &mut x);
            read_item(&db, p[1], &mut y);
        }
        x.extend_from_slice(&y);
        // SAFETY: an item of `out`.
        unsafe { write_item(&od, o, &x) };
        Ok(())
    })?;
    Ok(out)
}

/// Read a native `int64` operand item.
///
/// # Safety
/// `p` addresses an `int64`.
#[inline]
unsafe fn int(p: *const u8) -> i64 {
    // SAFETY: forwarded.
    unsafe { (p as *const i64).read_unaligned() }
}

fn check_int(a: &Array, what: &str) -> Result<()> {
    if a.dtype() == Builtin::Int64.dtype() {
        Ok(())
    } else {
        Err(Error::type_(format!(
            "unsupported type {} for operand '{what}'",
            a.dtype()
        )))
    }
}

/// Largest value over the broadcast of `f` applied to the operands' items (0 if none).
fn max_over(inputs: &[&Array], mut f: impl FnMut(&[*const u8]) -> Result<i64>) -> Result<i64> {
    let scratch = alloc(inputs, Builtin::Bool.dtype())?;
    let mut m = 0i64;
    walk(inputs, &scratch, |p, _| {
        m = m.max(f(p)?);
        Ok(())
    })?;
    Ok(m)
}

/// `numpy.strings.multiply`: each string repeated `i` times (`i < 0` as 0); the result
/// size is the largest product.
///
/// # Errors
/// Non-string `a`, non-int64 `i`, `OverflowError` for a size beyond memory.
pub fn multiply(a: &Array, i: &Array) -> Result<Array> {
    check_str(a, "a")?;
    check_int(i, "i")?;
    let da = a.dtype();
    let mut x = Vec::new();
    let size = max_over(&[a, i], |p| {
        // SAFETY: items of the operands.
        let (k, n) = unsafe {
            read_item(&da, p[0], &mut x);
            (int(p[1]).max(0), x.len() as i64)
        };
        n.checked_mul(k)
            .filter(|&v| v < (isize::MAX / 8) as i64)
            .ok_or_else(|| Error::overflow("Overflow encountered in string multiply"))
    })?;
    let od = same_class(da, size.max(1) as usize)?;
    let out = alloc(&[a, i], od)?;
    let mut y = Vec::new();
    walk_na(&[a, i], &out, "multiply", NaUse::Propagate, |p, o| {
        // SAFETY: items of the operands and of `out`.
        unsafe {
            read_item(&da, p[0], &mut x);
            let k = int(p[1]).max(0) as usize;
            y.clear();
            for _ in 0..k {
                y.extend_from_slice(&x);
            }
            write_item(&od, o, &y);
        }
        Ok(())
    })?;
    Ok(out)
}

/// Python's slice-index adjustment of `start`/`end` for a string of `len` characters.
fn adjust(start: i64, end: i64, len: usize) -> (i64, i64) {
    let len = len as i64;
    let mut s = start;
    let mut e = end.min(len);
    if e < 0 {
        e = (e + len).max(0);
    }
    if s < 0 {
        s = (s + len).max(0);
    }
    (s, e)
}

#[inline]
fn find_in<T: Copy + PartialEq>(h: &[T], n: &[T], from_right: bool) -> Option<usize> {
    if n.len() > h.len() {
        return None;
    }
    let Some((&n0, rest)) = n.split_first() else {
        return Some(if from_right { h.len() } else { 0 });
    };
    let last = h.len() - n.len();
    // (The first unit compared alone first: most positions fail there.)
    let at = |i: usize| h[i] == n0 && same(&h[i + 1..i + n.len()], rest);
    if from_right {
        (0..=last).rev().find(|&i| at(i))
    } else {
        (0..=last).find(|&i| at(i))
    }
}

/// `a == b` unit by unit: needles are short, and a `memcmp` call costs more than the
/// compare.
#[inline(always)]
fn same<T: Copy + PartialEq>(a: &[T], b: &[T]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// `x` without its trailing NUL units (a fixed-width item's padding).
#[inline]
fn trimmed<T: Copy + PartialEq + Default>(x: &[T]) -> &[T] {
    let z = T::default();
    let len = x.iter().rposition(|&c| c != z).map_or(0, |i| i + 1);
    &x[..len]
}

/// One [`Search`] of `n` in `h[s..e]` (`s`, `e` already adjusted as Python's slices).
#[inline(always)]
fn search_units<T: Copy + PartialEq>(h: &[T], n: &[T], s: i64, e: i64, kind: Search) -> i64 {
    if s > h.len() as i64 || s > e {
        // Python: a start past the end (or past `end`) finds nothing, not even "".
        return match kind {
            Search::Count | Search::StartsWith | Search::EndsWith => 0,
            _ => -1,
        };
    }
    let h = &h[s as usize..e.max(s) as usize];
    match kind {
        Search::Find | Search::Index => find_in(h, n, false).map_or(-1, |i| i as i64 + s),
        Search::RFind | Search::RIndex => find_in(h, n, true).map_or(-1, |i| i as i64 + s),
        Search::Count => {
            if n.is_empty() {
                h.len() as i64 + 1
            } else {
                let mut c = 0;
                let mut i = 0;
                while i + n.len() <= h.len() {
                    if same(&h[i..i + n.len()], n) {
                        c += 1;
                        i += n.len();
                    } else {
                        i += 1;
                    }
                }
                c
            }
        }
        Search::StartsWith => (n.len() <= h.len() && same(&h[..n.len()], n)) as i64,
        Search::EndsWith => (n.len() <= h.len() && same(&h[h.len() - n.len()..], n)) as i64,
    }
}

/// Which search to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Search {
    /// `find`: lowest index or -1.
    Find,
    /// `rfind`: highest index or -1.
    RFind,
    /// `index`: as `find`, `ValueError` when absent.
    Index,
    /// `rindex`: as `rfind`, `ValueError` when absent.
    RIndex,
    /// `count`: non-overlapping occurrences.
    Count,
    /// `startswith`.
    StartsWith,
    /// `endswith`.
    EndsWith,
}

/// `find rfind index rindex count startswith endswith` of `sub` in `a[start:end]`
/// (int64 results; bool for the last two).
///
/// # Errors
/// `TypeError` for mixed classes or non-strings, `ValueError("substring not found")`
/// for `index`/`rindex`.
pub fn search(a: &Array, sub: &Array, start: &Array, end: &Array, kind: Search) -> Result<Array> {
    check_pair("find", a, sub)?;
    check_int(start, "start")?;
    check_int(end, "end")?;
    let boolean = matches!(kind, Search::StartsWith | Search::EndsWith);
    let odt = if boolean {
        Builtin::Bool.dtype()
    } else {
        Builtin::Int64.dtype()
    };
    let out = alloc(&[a, sub, start, end], odt)?;
    let (da, db) = (a.dtype(), sub.dtype());
    let (mut x, mut y) = (Vec::new(), Vec::new());
    let mut last_sub: *const u8 = std::ptr::null();
    let (fname, na_use) = match kind {
        Search::Find => ("find", NaUse::Refuse),
        Search::RFind => ("rfind", NaUse::Refuse),
        Search::Index => ("index", NaUse::Refuse),
        Search::RIndex => ("rindex", NaUse::Refuse),
        Search::Count => ("count", NaUse::Refuse),
        Search::StartsWith => ("startswith", NaUse::False),
        Search::EndsWith => ("endswith", NaUse::False),
    };
    // Items read in place where the layout allows (`S`, or native aligned `U` whose
    // needle is of the same class); otherwise copied out as code points.
    let in_place = match (da.kind, db.kind) {
        ('S', 'S') => Some(1usize),
        ('U', 'U') if da.byteorder == ByteOrder::NATIVE && db.byteorder == ByteOrder::NATIVE => {
            Some(4)
        }
        _ => None,
    };
    let (na, nb) = (nchars(&da), nchars(&db));
    // One item: haystack, needle, start, end -> the result, written to `o`.
    let mut one = |p: [*const u8; 2], s0: i64, e0: i64, o: *mut u8| -> Result<()> {
        let r = match in_place {
            Some(1) => {
                // SAFETY: `S` items of `na` / `nb` bytes.
                let (h, n) = unsafe {
                    (
                        trimmed(std::slice::from_raw_parts(p[0], na)),
                        trimmed(std::slice::from_raw_parts(p[1], nb)),
                    )
                };
                let (s, e) = adjust(s0, e0, h.len());
                search_units(h, n, s, e, kind)
            }
            Some(_) if (p[0] as usize | p[1] as usize) % 4 == 0 => {
                // SAFETY: native, aligned `U` items of `na` / `nb` code points.
                let (h, n) = unsafe {
                    (
                        trimmed(std::slice::from_raw_parts(p[0] as *const u32, na)),
                        trimmed(std::slice::from_raw_parts(p[1] as *const u32, nb)),
                    )
                };
                let (s, e) = adjust(s0, e0, h.len());
                search_units(h, n, s, e, kind)
            }
            _ => {
                // SAFETY: items of the operands.
                unsafe {
                    read_item(&da, p[0], &mut x);
                    if p[1] != last_sub {
                        // (A broadcast needle is read once.)
                        read_item(&db, p[1], &mut y);
                        last_sub = p[1];
                    }
                }
                let (s, e) = adjust(s0, e0, x.len());
                search_units(&x, &y, s, e, kind)
            }
        };
        if r == -1 && matches!(kind, Search::Index | Search::RIndex) {
            return Err(Error::value("substring not found"));
        }
        // SAFETY: an item of `out`.
        unsafe {
            if boolean {
                *o = r as u8;
            } else {
                (o as *mut i64).write_unaligned(r);
            }
        }
        Ok(())
    };
    if in_place.is_some()
        && a.is_c_contiguous()
        && a.shape() == out.shape()
        && [sub, start, end].iter().all(|x| x.size() == 1)
    {
        // The common call (one array, one needle, default bounds): a plain loop over the
        // items, without the general walk's per-operand pointers.
        let (pa, pb) = (a.data_ptr() as *const u8, sub.data_ptr() as *const u8);
        // SAFETY: one-item int64 operands.
        let (s0, e0) = unsafe { (int(start.data_ptr()), int(end.data_ptr())) };
        let (isz, osz) = (a.itemsize(), out.itemsize());
        for i in 0..a.size() {
            // SAFETY: item i of the C-contiguous `a` and of `out` (same shape).
            one([unsafe { pa.add(i * isz) }, pb], s0, e0, unsafe {
                out.data_ptr().add(i * osz)
            })?;
        }
        return Ok(out);
    }
    walk_na(&[a, sub, start, end], &out, fname, na_use, |p, o| {
        // SAFETY: items of the operands; `int` reads the int64 `start`/`end` items.
        let (s0, e0) = unsafe { (int(p[2]), int(p[3])) };
        one([p[0], p[1]], s0, e0, o)
    })?;
    Ok(out)
}

fn ch(c: u32) -> char {
    char::from_u32(c).unwrap_or('\u{fffd}')
}

fn is_space(c: u32, uni: bool) -> bool {
    if uni {
        ch(c).is_whitespace() || (0x1c..=0x1f).contains(&c)
    } else {
        matches!(c, 9..=13 | 32)
    }
}
fn is_alpha(c: u32, uni: bool) -> bool {
    if uni {
        ch(c).is_alphabetic()
    } else {
        (c as u8).is_ascii_alphabetic() && c < 128
    }
}
fn is_digit(c: u32, uni: bool) -> bool {
    if uni && c >= 128 {
        ch(c).is_numeric()
    } else {
        (b'0' as u32..=b'9' as u32).contains(&c)
    }
}
fn is_lower(c: u32, uni: bool) -> bool {
    if uni {
        ch(c).is_lowercase()
    } else {
        (b'a' as u32..=b'z' as u32).contains(&c)
    }
}
/// Title-case letters (`Lt`: the digraphs `ǅ ǈ ǋ ǲ` and Greek with prosgegrammeni): cased
/// but neither upper nor lower case.
fn is_titlecase(c: u32, uni: bool) -> bool {
    uni && matches!(
        c,
        0x1C5 | 0x1C8 | 0x1CB | 0x1F2 | 0x1F88..=0x1F8F | 0x1F98..=0x1F9F | 0x1FA8..=0x1FAF
            | 0x1FBC | 0x1FCC | 0x1FFC
    )
}

fn is_upper(c: u32, uni: bool) -> bool {
    if uni {
        ch(c).is_uppercase()
    } else {
        (b'A' as u32..=b'Z' as u32).contains(&c)
    }
}

/// A character predicate of `numpy.strings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pred {
    /// `isalpha`
    Alpha,
    /// `isdigit`
    Digit,
    /// `isspace`
    Space,
    /// `isalnum`
    Alnum,
    /// `isnumeric` (`U` only)
    Numeric,
    /// `isdecimal` (`U` only)
    Decimal,
    /// `islower`
    Lower,
    /// `isupper`
    Upper,
    /// `istitle`
    Title,
}

/// `isalpha isdigit isspace isalnum isnumeric isdecimal islower isupper istitle`.
///
/// # Errors
/// `TypeError` for non-strings, and for `isnumeric`/`isdecimal` on `S` (NumPy's).
pub fn predicate(a: &Array, p: Pred) -> Result<Array> {
    check_str(a, "a")?;
    if matches!(p, Pred::Numeric | Pred::Decimal) && !is_unicode(a.dtype()) {
        let name = if p == Pred::Numeric {
            "isnumeric"
        } else {
            "isdecimal"
        };
        return Err(Error::type_(format!(
            "ufunc '{name}' did not contain a loop with signature matching types ({}) -> bool",
            a.dtype().str()
        )));
    }
    let name = match p {
        Pred::Alpha => "isalpha",
        Pred::Digit => "isdigit",
        Pred::Decimal => "isdecimal",
        Pred::Numeric => "isnumeric",
        Pred::Space => "isspace",
        Pred::Alnum => "isalnum",
        Pred::Lower => "islower",
        Pred::Upper => "isupper",
        Pred::Title => "istitle",
    };
    map_bool(a, name, |x, uni| {
        let all = |f: &dyn Fn(u32) -> bool| !x.is_empty() && x.iter().all(|&c| f(c));
        match p {
            Pred::Alpha => all(&|c| is_alpha(c, uni)),
            Pred::Digit | Pred::Decimal => all(&|c| is_digit(c, uni)),
            Pred::Numeric => all(&|c| ch(c).is_numeric()),
            Pred::Space => all(&|c| is_space(c, uni)),
            Pred::Alnum => all(&|c| is_alpha(c, uni) || is_digit(c, uni)),
            Pred::Lower => {
                x.iter().any(|&c| is_lower(c, uni)) && !x.iter().any(|&c| is_upper(c, uni))
            }
            Pred::Upper => {
                x.iter().any(|&c| is_upper(c, uni)) && !x.iter().any(|&c| is_lower(c, uni))
            }
            Pred::Title => {
                let (mut cased, mut prev_cased) = (false, false);
                for &c in x {
                    if is_upper(c, uni) || is_titlecase(c, uni) {
                        if prev_cased {
                            return false;
                        }
                        prev_cased = true;
                        cased = true;
                    } else if is_lower(c, uni) {
                        if !prev_cased {
                            return false;
                        }
                        prev_cased = true;
                        cased = true;
                    } else {
                        prev_cased = false;
                    }
                }
                cased
            }
        }
    })
}

/// A case conversion of `numpy.strings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// `lower`
    Lower,
    /// `upper`
    Upper,
    /// `swapcase`
    Swap,
    /// `capitalize`
    Capitalize,
    /// `title`
    Title,
}

fn push_upper(c: u32, uni: bool, out: &mut Vec<u32>) {
    if uni {
        out.extend(ch(c).to_uppercase().map(|c| c as u32));
    } else {
        out.push(if (97..=122).contains(&c) { c - 32 } else { c });
    }
}
/// Python's title case of one character: the upper case, except the four digraphs
/// (their title forms) and multi-character mappings (first character upper, the rest
/// lower: `'ß'` is `'Ss'`, `'ﬁ'` is `'Fi'`).
fn push_title(c: u32, uni: bool, out: &mut Vec<u32>) {
    if !uni {
        return push_upper(c, uni, out);
    }
    match c {
        0x1C4..=0x1C6 => return out.push(0x1C5),
        0x1C7..=0x1C9 => return out.push(0x1C8),
        0x1CA..=0x1CC => return out.push(0x1CB),
        0x1F1..=0x1F3 => return out.push(0x1F2),
        _ => {}
    }
    let up: Vec<char> = ch(c).to_uppercase().collect();
    if up.len() == 1 {
        out.push(up[0] as u32);
    } else {
        out.push(up[0] as u32);
        for u in &up[1..] {
            out.extend(u.to_lowercase().map(|c| c as u32));
        }
    }
}

fn push_lower(c: u32, uni: bool, out: &mut Vec<u32>) {
    if uni {
        out.extend(ch(c).to_lowercase().map(|c| c as u32));
    } else {
        out.push(if (65..=90).contains(&c) { c + 32 } else { c });
    }
}

/// `lower upper swapcase capitalize title`; the result keeps `a`'s dtype (a longer full
/// case mapping is truncated to it, as NumPy's).
///
/// # Errors
/// `TypeError` for non-strings.
pub fn case(a: &Array, c: Case) -> Result<Array> {
    let da = a.dtype();
    if is_vstring(da) && matches!(c, Case::Upper | Case::Lower) {
        // StringDType: ASCII text maps byte by byte (Python's rule for ASCII); other
        // text through the code-point mappings.
        let out = alloc(&[a], da)?;
        let prm = vstring::params(&da);
        let (mut x, mut y, mut buf) = (Vec::new(), Vec::new(), Vec::new());
        let name = if c == Case::Upper { "upper" } else { "lower" };
        walk_na(&[a], &out, name, NaUse::TypeErr, |p, o| {
            // SAFETY: an item of `a` and a fresh item of `out`.
            unsafe {
                let t = vstring::text_or_default(p[0], prm);
                buf.clear();
                if t.is_ascii() {
                    if c == Case::Upper {
                        buf.extend(t.iter().map(|b| b.to_ascii_uppercase()));
                    } else {
                        buf.extend(t.iter().map(|b| b.to_ascii_lowercase()));
                    }
                } else {
                    x.clear();
                    vstring::decode_into(t, &mut x);
                    y.clear();
                    if c == Case::Upper {
                        x.iter().for_each(|&ch| push_upper(ch, true, &mut y));
                    } else {
                        let s: String = x.iter().map(|&c| ch(c)).collect();
                        y.extend(s.to_lowercase().chars().map(|c| c as u32));
                    }
                    vstring::encode_into(&y, &mut buf);
                }
                vstring::store_fresh(o, &buf);
            }
            Ok(())
        })?;
        return Ok(out);
    }
    let name = match c {
        Case::Lower => "lower",
        Case::Upper => "upper",
        Case::Swap => "swapcase",
        Case::Capitalize => "capitalize",
        Case::Title => "title",
    };
    map_str(a, name, |x, uni, y| match c {
        Case::Lower => {
            if uni {
                let s: String = x.iter().map(|&c| ch(c)).collect();
                y.extend(s.to_lowercase().chars().map(|c| c as u32));
            } else {
                x.iter().for_each(|&c| push_lower(c, uni, y));
            }
        }
        Case::Upper => x.iter().for_each(|&c| push_upper(c, uni, y)),
        Case::Swap => x.iter().for_each(|&c| {
            if is_upper(c, uni) {
                push_lower(c, uni, y)
            } else if is_lower(c, uni) {
                push_upper(c, uni, y)
            } else {
                y.push(c)
            }
        }),
        Case::Capitalize => {
            if let Some((&f, rest)) = x.split_first() {
                push_title(f, uni, y);
                rest.iter().for_each(|&c| push_lower(c, uni, y));
            }
        }
        Case::Title => {
            let mut prev_cased = false;
            for &c in x {
                if prev_cased {
                    push_lower(c, uni, y);
                } else {
                    push_title(c, uni, y);
                }
                prev_cased = is_upper(c, uni) || is_lower(c, uni) || is_titlecase(c, uni);
            }
        }
    })
}

/// Which side(s) `strip` works on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// `lstrip`
    Left,
    /// `rstrip`
    Right,
    /// `strip`
    Both,
}

/// `strip lstrip rstrip`: whitespace (`chars` `None`) or any character of `chars`; the
/// result keeps `a`'s dtype.
///
/// # Errors
/// `TypeError` for mixed classes or non-strings.
pub fn strip(a: &Array, chars: Option<&Array>, side: Side) -> Result<Array> {
    check_str(a, "a")?;
    if let Some(c) = chars {
        check_pair("strip", a, c)?;
    }
    let da = a.dtype();
    let uni = is_unicode(da);
    let owned;
    let chars_arr = match chars {
        Some(c) => c,
        None => {
            owned = Array::zeros(&[], da, Order::C)?;
            &owned
        }
    };
    let dc = chars_arr.dtype();
    let out = alloc(&[a, chars_arr], da.to_native())?;
    let od = out.dtype();
    let (mut x, mut set) = (Vec::new(), Vec::new());
    walk_na(&[a, chars_arr], &out, "strip", NaUse::Propagate, |p, o| {
        // SAFETY: items of the operands.
        unsafe {
            read_item(&da, p[0], &mut x);
            read_item(&dc, p[1], &mut set);
        }
        let strip_it = |c: u32| {
            if chars.is_some() {
                set.contains(&c)
            } else {
                is_space(c, uni)
            }
        };
        let mut s = 0;
        let mut e = x.len();
        if side != Side::Right {
            while s < e && strip_it(x[s]) {
                s += 1;
            }
        }
        if side != Side::Left {
            while e > s && strip_it(x[e - 1]) {
                e -= 1;
            }
        }
        // SAFETY: an item of `out`.
        unsafe { write_item(&od, o, &x[s..e]) };
        Ok(())
    })?;
    Ok(out)
}

fn replace_one(x: &[u32], old: &[u32], new: &[u32], count: i64, y: &mut Vec<u32>) {
    y.clear();
    let mut left = if count < 0 { i64::MAX } else { count };
    if old.is_empty() {
        // Python: insert `new` before every character and at the end.
        for &c in x {
            if left > 0 {
                y.extend_from_slice(new);
                left -= 1;
            }
            y.push(c);
        }
        if left > 0 {
            y.extend_from_slice(new);
        }
        return;
    }
    let mut i = 0;
    while i < x.len() {
        if left > 0 && x.len() - i >= old.len() && x[i..i + old.len()] == *old {
            y.extend_from_slice(new);
            i += old.len();
            left -= 1;
        } else {
            y.push(x[i]);
            i += 1;
        }
    }
}

/// `numpy.strings.replace(a, old, new, count)`; the result size is the largest result.
///
/// # Errors
/// `TypeError` for mixed classes or non-strings, non-int64 `count`.
pub fn replace(a: &Array, old: &Array, new: &Array, count: &Array) -> Result<Array> {
    check_pair("replace", a, old)?;
    check_pair("replace", a, new)?;
    check_int(count, "count")?;
    let ops = [a, old, new, count];
    let (da, dold, dnew) = (a.dtype(), old.dtype(), new.dtype());
    let (mut x, mut o1, mut n1, mut y) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut run = |p: &[*const u8], y: &mut Vec<u32>| {
        // SAFETY: items of the operands.
        unsafe {
            read_item(&da, p[0], &mut x);
            read_item(&dold, p[1], &mut o1);
            read_item(&dnew, p[2], &mut n1);
            replace_one(&x, &o1, &n1, int(p[3]), y);
        }
    };
    let size = max_over(&ops, |p| {
        run(p, &mut y);
        Ok(y.len() as i64)
    })?;
    let od = same_class(da, size.max(1) as usize)?;
    let out = alloc(&ops, od)?;
    walk_na(&ops, &out, "replace", NaUse::Propagate, |p, o| {
        run(p, &mut y);
        // SAFETY: an item of `out`.
        unsafe { write_item(&od, o, &y) };
        Ok(())
    })?;
    Ok(out)
}

/// Which padding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pad {
    /// `center`
    Center,
    /// `ljust`
    Left,
    /// `rjust`
    Right,
    /// `zfill`
    Zeros,
}

/// `center ljust rjust` (with a one-character `fill`) and `zfill`; the result size is
/// the largest of the widths and `a`'s lengths.
///
/// # Errors
/// `TypeError` for non-strings, mixed classes, a fill that is not one character.
pub fn pad(a: &Array, width: &Array, fill: Option<&Array>, kind: Pad) -> Result<Array> {
    check_str(a, "a")?;
    check_int(width, "width")?;
    let da = a.dtype();
    let owned;
    let fill = match fill {
        Some(f) => {
            check_pair("center", a, f)?;
            f
        }
        None => {
            owned = Array::zeros(&[], da, Order::C)?;
            &owned
        }
    };
    let df = fill.dtype();
    let ops = [a, width, fill];
    let (mut x, mut f) = (Vec::new(), Vec::new());
    let size = max_over(&ops, |p| {
        // SAFETY: items of the operands.
        unsafe {
            read_item(&da, p[0], &mut x);
            read_item(&df, p[2], &mut f);
        }
        if kind != Pad::Zeros && f.len() != 1 {
            return Err(Error::type_(
                "The fill character must be exactly one character long",
            ));
        }
        // SAFETY: as above.
        Ok(unsafe { int(p[1]) }.max(x.len() as i64))
    })?;
    let od = same_class(da, size.max(1) as usize)?;
    let out = alloc(&ops, od)?;
    let mut y = Vec::new();
    walk_na(&ops, &out, "center", NaUse::Propagate, |p, o| {
        // SAFETY: items of the operands.
        let w = unsafe {
            read_item(&da, p[0], &mut x);
            read_item(&df, p[2], &mut f);
            int(p[1])
        };
        let n = x.len();
        let total = (w.max(0) as usize).max(n);
        let padn = total - n;
        y.clear();
        let fc = if kind == Pad::Zeros {
            b'0' as u32
        } else {
            f[0]
        };
        let left = match kind {
            Pad::Left => 0,
            Pad::Right | Pad::Zeros => padn,
            // Python's centring: the extra character goes left when the padding and
            // the width are both odd.
            Pad::Center => padn / 2 + (padn & total & 1),
        };
        if kind == Pad::Zeros && !x.is_empty() && (x[0] == b'+' as u32 || x[0] == b'-' as u32) {
            y.push(x[0]);
            y.extend(std::iter::repeat_n(fc, left));
            y.extend_from_slice(&x[1..]);
        } else {
            y.extend(std::iter::repeat_n(fc, left));
            y.extend_from_slice(&x);
            y.extend(std::iter::repeat_n(fc, padn - left));
        }
        // SAFETY: an item of `out`.
        unsafe { write_item(&od, o, &y) };
        Ok(())
    })?;
    Ok(out)
}

/// `partition` (`right` false) and `rpartition`: three arrays (before, separator, after)
/// sized as NumPy's.
///
/// # Errors
/// `TypeError` for mixed classes or non-strings.
pub fn partition(a: &Array, sep: &Array, right: bool) -> Result<[Array; 3]> {
    check_pair("partition", a, sep)?;
    let (da, ds) = (a.dtype(), sep.dtype());
    let (mut x, mut s) = (Vec::new(), Vec::new());
    let split = |x: &[u32], s: &[u32]| -> Option<usize> { find_in(x, s, right) };
    let (mut m0, mut m1, mut m2, mut any) = (0, 0, 0, false);
    max_over(&[a, sep], |p| {
        // SAFETY: items of the operands.
        unsafe {
            read_item(&da, p[0], &mut x);
            read_item(&ds, p[1], &mut s);
        }
        match split(&x, &s) {
            Some(i) => {
                any = true;
                m0 = m0.max(i);
                m1 = m1.max(s.len());
                m2 = m2.max(x.len() - i - s.len());
            }
            None if right => m2 = m2.max(x.len()),
            None => m0 = m0.max(x.len()),
        }
        Ok(0)
    })?;
    if !any {
        m1 = 1;
    }
    // NumPy sizes the three parts exactly (an all-empty part is `U0`).
    let dts = [
        same_class(da, m0)?,
        same_class(da, m1)?,
        same_class(da, m2)?,
    ];
    let outs = [
        alloc(&[a, sep], dts[0])?,
        alloc(&[a, sep], dts[1])?,
        alloc(&[a, sep], dts[2])?,
    ];
    // Fill all three in one pass over the first, writing the others at the same offsets.
    let base1 = outs[1].data_ptr();
    let base2 = outs[2].data_ptr();
    let mut k = 0usize;
    walk_na(&[a, sep], &outs[0], "partition", NaUse::Refuse, |p, o| {
        // SAFETY: items of the operands; item k of each C-ordered output.
        unsafe {
            read_item(&da, p[0], &mut x);
            read_item(&ds, p[1], &mut s);
            let (o1, o2) = (
                base1.add(k * dts[1].itemsize),
                base2.add(k * dts[2].itemsize),
            );
            match split(&x, &s) {
                Some(i) => {
                    write_item(&dts[0], o, &x[..i]);
                    write_item(&dts[1], o1, &s);
                    write_item(&dts[2], o2, &x[i + s.len()..]);
                }
                None if right => write_item(&dts[2], o2, &x),
                None => write_item(&dts[0], o, &x),
            }
        }
        k += 1;
        Ok(())
    })?;
    Ok(outs)
}

/// `numpy.strings.expandtabs`: tabs to the next multiple of `tabsize` (Python's rule,
/// columns restart after `\n` and `\r`); the result size is the longest result.
///
/// # Errors
/// `TypeError` for non-strings or non-int64 `tabsize`.
pub fn expandtabs(a: &Array, tabsize: &Array) -> Result<Array> {
    check_str(a, "a")?;
    check_int(tabsize, "tabsize")?;
    let da = a.dtype();
    let (mut x, mut y) = (Vec::new(), Vec::new());
    let mut run = |p: &[*const u8], y: &mut Vec<u32>| {
        // SAFETY: items of the operands.
        let t = unsafe {
            read_item(&da, p[0], &mut x);
            int(p[1])
        };
        y.clear();
        let mut col = 0i64;
        for &c in &x {
            if c == 9 {
                if t > 0 {
                    let k = t - col % t;
                    y.extend(std::iter::repeat_n(32u32, k as usize));
                    col += k;
                }
            } else {
                y.push(c);
                col += 1;
                if c == 10 || c == 13 {
                    col = 0;
                }
            }
        }
    };
    // NumPy's size: the spaces of the tabs plus each other character's bytes (4 for
    // `U`: its length function counts code units of the encoding).
    let unit = da.alignment as i64;
    let mut x2 = Vec::new();
    let size = max_over(&[a, tabsize], |p| {
        run(p, &mut y);
        // SAFETY: items of the operands.
        unsafe { read_item(&da, p[0], &mut x2) };
        let others = x2.iter().filter(|&&c| c != 9).count() as i64;
        Ok(y.len() as i64 - others + others * unit)
    })?;
    let od = same_class(da, size.max(1) as usize)?;
    let out = alloc(&[a, tabsize], od)?;
    walk_na(
        &[a, tabsize],
        &out,
        "expandtabs",
        NaUse::Propagate,
        |p, o| {
            run(p, &mut y);
            // SAFETY: an item of `out`.
            unsafe { write_item(&od, o, &y) };
            Ok(())
        },
    )?;
    Ok(out)
}

/// `numpy.strings.slice(a, start, stop, step)`: Python's `s[start:stop:step]` per item
/// (`i64::MIN` stands for `None`); the result keeps `a`'s dtype.
///
/// # Errors
/// `TypeError` for non-strings, `ValueError` for a zero step.
pub fn slice(a: &Array, start: &Array, stop: &Array, step: &Array) -> Result<Array> {
    check_str(a, "a")?;
    for (x, n) in [(start, "start"), (stop, "stop"), (step, "step")] {
        check_int(x, n)?;
    }
    let da = a.dtype();
    let out = alloc(&[a, start, stop, step], da.to_native())?;
    let od = out.dtype();
    let (mut x, mut y) = (Vec::new(), Vec::new());
    walk_na(
        &[a, start, stop, step],
        &out,
        "slice",
        NaUse::Propagate,
        |p, o| {
            // SAFETY: items of the operands.
            let (b, e, st) = unsafe {
                read_item(&da, p[0], &mut x);
                (int(p[1]), int(p[2]), int(p[3]))
            };
            let st = if st == i64::MIN { 1 } else { st };
            if st == 0 {
                return Err(Error::value("slice step cannot be zero"));
            }
            let n = x.len() as i64;
            let norm = |v: i64, dflt: i64, lo: i64, hi: i64| {
                if v == i64::MIN {
                    dflt
                } else if v < 0 {
                    (v + n).max(lo)
                } else {
                    v.min(hi)
                }
            };
            y.clear();
            if st > 0 {
                let (b, e) = (norm(b, 0, 0, n), norm(e, n, 0, n));
                let mut i = b;
                while i < e {
                    y.push(x[i as usize]);
                    i += st;
                }
            } else {
                let (b, e) = (norm(b, n - 1, -1, n - 1), norm(e, -1, -1, n - 1));
                let mut i = b;
                while i > e {
                    y.push(x[i as usize]);
                    i += st;
                }
            }
            // SAFETY: an item of `out`.
            unsafe { write_item(&od, o, &y) };
            Ok(())
        },
    )?;
    Ok(out)
}

/// The descriptor of a string array's items (for callers that format them).
pub fn descr_of(a: &Array) -> &'static Descr {
    a.dtype().descr()
}
