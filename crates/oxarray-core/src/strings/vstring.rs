//! NumPy 2's variable-width string dtype `StringDType` (type character `T`).
//!
//! An item is 16 bytes (alignment 8) holding UTF-8 text:
//! * byte 15 is a tag: bit `HEAP` (0x80) when the text lives in an owned heap buffer,
//!   bit `NA` (0x40) for the missing value, and otherwise the low four bits are the
//!   length of text stored inline in bytes 0..15 (at most 15 bytes);
//! * a heap item holds the buffer's address in bytes 0..8 and its length in bytes 8..15
//!   (little-endian, 56 bits); the buffer is a `Box<[u8]>` of exactly that length owned by
//!   the item.
//!
//! All-zero bytes are the empty string, so zeroed memory is a valid array of empty
//! strings (`zeros`, `empty`). The dtype is [`flags::HAS_REFS`] (copies take a deep copy
//! of a heap buffer: [`DTypeOps::incref`]; overwrites free it: [`DTypeOps::clear`]) but not
//! [`flags::NEEDS_API`]: everything here is plain Rust and may run on any thread.
//!
//! The descriptor parameters of NumPy (`na_object`, `coerce`) are kept as [`Params`]: each
//! distinct parameter set (told apart by a key the caller picks, e.g. the bindings' index
//! of a Python `na_object`) is registered as its own dtype class ([`dtype_for`]), so
//! descriptor equality is NumPy's (`StringDType() == StringDType()`,
//! `StringDType(na_object=None) != StringDType()`). Every class shares the vtable
//! behaviour, its casts (to and from `S`, `U`, the built-ins and the other classes) and the
//! promotion `T` with `U` -> `T`.

use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use crate::dtype::cast::CastKernel;
use crate::dtype::registry::{self, DTypeSpec, ParamCast};
use crate::dtype::{
    flags, Builtin, Casting, CompareKernels, DType, DTypeOps, Descr, Element, ItemOrder, ItemRef,
    Scalar,
};
use crate::error::{Error, Result};

/// Size of one item.
pub const ITEMSIZE: usize = 16;
/// Longest text stored inline.
pub const INLINE_MAX: usize = 15;
const TAG_HEAP: u8 = 0x80;
const TAG_NA: u8 = 0x40;

/// What the missing value of a descriptor is (NumPy's `na_object`).
#[derive(Clone, Debug, PartialEq)]
pub enum Na {
    /// No `na_object`: an item is never missing.
    Absent,
    /// A NaN-like object (`!=` to itself is true or raises: `np.nan`, `pd.NA`): missing
    /// values propagate through string functions, compare false, and sort last.
    NanLike,
    /// A `str`: missing values act as this string.
    Str(String),
    /// Any other object (`None`): most functions refuse missing values.
    Other,
}

/// The parameters of a `StringDType` descriptor.
#[derive(Clone, Debug)]
pub struct Params {
    /// The missing value's kind.
    pub na: Na,
    /// `str()` of the missing value (its text when cast to `U`/`S`).
    pub na_name: String,
    /// Whether non-string objects are converted with `str()` (NumPy's `coerce`).
    pub coerce: bool,
}

impl Params {
    /// NumPy's default `StringDType()`.
    pub fn default_params() -> Params {
        Params {
            na: Na::Absent,
            na_name: String::new(),
            coerce: true,
        }
    }
    /// True when a missing value can be stored.
    pub fn has_na(&self) -> bool {
        self.na != Na::Absent
    }
}

struct Registry {
    /// (caller key, coerce) -> class.
    by_key: HashMap<(u64, bool), DType>,
    /// type id -> parameters.
    params: HashMap<u32, &'static Params>,
    /// Every class, in registration order.
    classes: Vec<DType>,
}

static REG: RwLock<Option<Registry>> = RwLock::new(None);
/// Type ids of all classes live in this range (ids are handed out consecutively only
/// when nothing else registers in between; the set below is authoritative).
static IDS: RwLock<Vec<u32>> = RwLock::new(Vec::new());
static DEFAULT: OnceLock<DType> = OnceLock::new();

/// True for a `StringDType` descriptor.
#[inline]
pub fn is_vstring(dt: DType) -> bool {
    dt.kind == 'T' && dt.itemsize == ITEMSIZE && {
        let g = IDS.read().unwrap_or_else(|e| e.into_inner());
        g.contains(&dt.type_id)
    }
}

/// The parameters of a `StringDType` descriptor (the default ones for anything else).
pub fn params(dt: &Descr) -> &'static Params {
    static DEF: OnceLock<Params> = OnceLock::new();
    let g = REG.read().unwrap_or_else(|e| e.into_inner());
    g.as_ref()
        .and_then(|r| r.params.get(&dt.type_id).copied())
        .unwrap_or_else(|| DEF.get_or_init(Params::default_params))
}

/// The default `StringDType()` (registering the dtype on first use).
pub fn default_dtype() -> DType {
    *DEFAULT
        .get_or_init(|| dtype_for(0, Params::default_params()).expect("StringDType registers once"))
}

/// The class of parameters `p`, registered on first use. `key` tells apart descriptors
/// whose `na_object`s differ (0: no `na_object`); the caller keeps it stable per object.
///
/// # Errors
/// A registration failure.
pub fn dtype_for(key: u64, p: Params) -> Result<DType> {
    let coerce = p.coerce;
    {
        let g = REG.read().unwrap_or_else(|e| e.into_inner());
        if let Some(d) = g.as_ref().and_then(|r| r.by_key.get(&(key, coerce))) {
            return Ok(*d);
        }
    }
    let mut g = REG.write().unwrap_or_else(|e| e.into_inner());
    let reg = g.get_or_insert_with(|| Registry {
        by_key: HashMap::new(),
        params: HashMap::new(),
        classes: Vec::new(),
    });
    if let Some(d) = reg.by_key.get(&(key, coerce)) {
        return Ok(*d);
    }
    let name = if reg.classes.is_empty() {
        "StringDType128".to_string()
    } else {
        format!("StringDType128#{}", reg.classes.len())
    };
    let dt = registry::register_dtype(DTypeSpec {
        name,
        kind: 'T',
        char: 'T',
        itemsize: ITEMSIZE,
        alignment: 8,
        ops: Box::new(VOps),
        flags: flags::HAS_REFS | flags::OPAQUE,
    })?;
    let first = reg.classes.is_empty();
    let leaked: &'static Params = Box::leak(Box::new(p));
    reg.params.insert(dt.type_id, leaked);
    reg.by_key.insert((key, coerce), dt);
    let others = reg.classes.clone();
    reg.classes.push(dt);
    IDS.write()
        .unwrap_or_else(|e| e.into_inner())
        .push(dt.type_id);
    drop(g);
    if first {
        let _ = registry::register_alias("T", dt);
        let _ = registry::register_alias("StringDType", dt);
    }
    register_casts(dt, leaked, &others);
    registry::register_promoter(dt, promote);
    Ok(dt)
}

// ---------------------------------------------------------------------------------------
// Items

/// A borrowed view of one item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item<'a> {
    /// The missing value.
    Na,
    /// UTF-8 text.
    Text(&'a [u8]),
}

/// Read the item at `p`.
///
/// # Safety
/// `p` addresses a valid item (any alignment) that outlives the returned borrow.
#[inline]
pub unsafe fn load<'a>(p: *const u8) -> Item<'a> {
    // SAFETY: 16 readable bytes (caller).
    let tag = unsafe { *p.add(15) };
    if tag & TAG_HEAP != 0 {
        // SAFETY: a heap item's words (caller).
        let (ptr, len) = unsafe {
            let ptr = (p as *const usize).read_unaligned();
            let mut lb = [0u8; 8];
            std::ptr::copy_nonoverlapping(p.add(8), lb.as_mut_ptr(), 7);
            (ptr as *const u8, u64::from_le_bytes(lb) as usize)
        };
        // SAFETY: the item owns `len` bytes at `ptr`.
        Item::Text(unsafe { std::slice::from_raw_parts(ptr, len) })
    } else if tag & TAG_NA != 0 {
        Item::Na
    } else {
        let len = (tag & 0x0f) as usize;
        // SAFETY: `len <= 15` inline bytes.
        Item::Text(unsafe { std::slice::from_raw_parts(p, len) })
    }
}

/// True when the item at `p` is the missing value.
///
/// # Safety
/// `p` addresses a valid item.
#[inline]
pub unsafe fn is_na(p: *const u8) -> bool {
    // SAFETY: the tag byte (caller).
    unsafe { *p.add(15) & (TAG_NA | TAG_HEAP) == TAG_NA }
}

/// Free what the item at `p` owns and leave it as zero bytes (the empty string).
///
/// # Safety
/// `p` addresses a valid item owned by the caller.
#[inline]
pub unsafe fn free(p: *mut u8) {
    // SAFETY: as above.
    unsafe {
        if *p.add(15) & TAG_HEAP != 0 {
            let ptr = (p as *const usize).read_unaligned() as *mut u8;
            let mut lb = [0u8; 8];
            std::ptr::copy_nonoverlapping(p.add(8), lb.as_mut_ptr(), 7);
            let len = u64::from_le_bytes(lb) as usize;
            drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)));
        }
        std::ptr::write_bytes(p, 0, ITEMSIZE);
    }
}

/// Write `text` (UTF-8) into the item at `p`, freeing what it held.
///
/// # Safety
/// `p` addresses a valid item (zero bytes at least) owned by the caller; `text` does not
/// borrow from it.
#[inline]
pub unsafe fn store(p: *mut u8, text: &[u8]) {
    // SAFETY: forwarded.
    unsafe {
        free(p);
        store_fresh(p, text);
    }
}

/// [`store`] into an item known to own nothing (zero bytes or just freed).
///
/// # Safety
/// As [`store`].
#[inline]
pub unsafe fn store_fresh(p: *mut u8, text: &[u8]) {
    let n = text.len();
    // SAFETY: 16 writable bytes (caller).
    unsafe {
        if n <= INLINE_MAX {
            let mut buf = [0u8; ITEMSIZE];
            buf[..n].copy_from_slice(text);
            buf[15] = n as u8;
            std::ptr::copy_nonoverlapping(buf.as_ptr(), p, ITEMSIZE);
        } else {
            let b: Box<[u8]> = text.into();
            let ptr = Box::into_raw(b) as *mut u8 as usize;
            (p as *mut usize).write_unaligned(ptr);
            let lb = (n as u64).to_le_bytes();
            std::ptr::copy_nonoverlapping(lb.as_ptr(), p.add(8), 7);
            *p.add(15) = TAG_HEAP;
        }
    }
}

/// [`store_fresh`] of text held in a `Vec` (its buffer is taken over when the text does
/// not fit inline).
///
/// # Safety
/// As [`store_fresh`].
#[inline]
pub unsafe fn store_fresh_vec(p: *mut u8, text: Vec<u8>) {
    let n = text.len();
    if n <= INLINE_MAX {
        // SAFETY: forwarded.
        unsafe { store_fresh(p, &text) };
        return;
    }
    let ptr = Box::into_raw(text.into_boxed_slice()) as *mut u8 as usize;
    let lb = (n as u64).to_le_bytes();
    // SAFETY: 16 writable bytes (caller).
    unsafe {
        (p as *mut usize).write_unaligned(ptr);
        std::ptr::copy_nonoverlapping(lb.as_ptr(), p.add(8), 7);
        *p.add(15) = TAG_HEAP;
    }
}

/// Make the item at `p` the missing value, freeing what it held.
///
/// # Safety
/// As [`store`].
#[inline]
pub unsafe fn store_na(p: *mut u8) {
    // SAFETY: forwarded.
    unsafe {
        free(p);
        *p.add(15) = TAG_NA;
    }
}

/// Decode UTF-8 (always valid: items are written from `str` data) into code points.
#[inline]
pub fn decode_into(text: &[u8], out: &mut Vec<u32>) {
    if text.is_ascii() {
        out.extend(text.iter().map(|&c| c as u32));
    } else {
        let s = std::str::from_utf8(text).unwrap_or("");
        out.extend(s.chars().map(|c| c as u32));
    }
}

/// Encode code points as UTF-8 into `out` (appending; lone surrogates become U+FFFD).
#[inline]
pub fn encode_into(text: &[u32], out: &mut Vec<u8>) {
    for &c in text {
        if c < 0x80 {
            out.push(c as u8);
        } else {
            let ch = char::from_u32(c).unwrap_or('\u{fffd}');
            let mut b = [0u8; 4];
            out.extend_from_slice(ch.encode_utf8(&mut b).as_bytes());
        }
    }
}

/// The text an item stands for in string functions: its own, or the missing value's
/// string (`na_object` a `str`; empty for a missing value otherwise).
///
/// # Safety
/// As [`load`].
#[inline]
pub unsafe fn text_or_default(p: *const u8, prm: &Params) -> &[u8] {
    // SAFETY: forwarded.
    match unsafe { load(p) } {
        Item::Text(t) => t,
        Item::Na => match &prm.na {
            Na::Str(s) => s.as_bytes(),
            _ => b"",
        },
    }
}

// ---------------------------------------------------------------------------------------
// The vtable

struct VOps;

impl DTypeOps for VOps {
    unsafe fn get(&self, descr: &Descr, ptr: *const u8) -> Scalar {
        let dtype = class_of(descr);
        Scalar::Ref(ItemRef {
            addr: ptr as usize,
            dtype,
        })
    }

    unsafe fn set(&self, descr: &Descr, ptr: *mut u8, value: &Scalar) -> Result<()> {
        match value {
            Scalar::Ref(r) if is_vstring(r.dtype) => {
                // SAFETY: `r` addresses a live item of its dtype.
                let it = unsafe { load(r.addr as *const u8) };
                let owned: Option<Vec<u8>> = match it {
                    Item::Text(t) => Some(t.to_vec()),
                    Item::Na => None,
                };
                // SAFETY: one writable item (caller).
                unsafe {
                    match owned {
                        Some(t) => store(ptr, &t),
                        None if params(descr).has_na() => store_na(ptr),
                        None => {
                            let s = params(&r.dtype).na_name.clone();
                            store(ptr, s.as_bytes())
                        }
                    }
                }
                Ok(())
            }
            Scalar::Ref(r) if super::is_string(r.dtype) => {
                let mut t = Vec::new();
                // SAFETY: `r` addresses a live item of its dtype.
                unsafe { super::read_item(&r.dtype, r.addr as *const u8, &mut t) };
                let mut b = Vec::with_capacity(t.len());
                encode_into(&t, &mut b);
                // SAFETY: one writable item (caller).
                unsafe { store(ptr, &b) };
                Ok(())
            }
            Scalar::Ref(r) => Err(Error::type_(format!(
                "cannot assign an item of dtype {} to a StringDType element",
                r.dtype
            ))),
            other => {
                let prm = params(descr);
                if !prm.coerce {
                    return Err(Error::value(
                        "StringDType only allows string data when string coercion is disabled.",
                    ));
                }
                let s = super::cast::format_scalar(other);
                // SAFETY: one writable item (caller).
                unsafe { store(ptr, s.as_bytes()) };
                Ok(())
            }
        }
    }

    unsafe fn incref(&self, _descr: &Descr, ptr: *mut u8, stride: isize, n: usize) {
        for i in 0..n as isize {
            let p = ptr.wrapping_offset(i * stride);
            // SAFETY: item i is a byte copy of a live item (caller): its heap words point
            // at a buffer another item owns; give this one its own copy.
            unsafe {
                if *p.add(15) & TAG_HEAP != 0 {
                    let t = match load(p) {
                        Item::Text(t) => t,
                        Item::Na => &[],
                    };
                    let b: Box<[u8]> = t.into();
                    (p as *mut usize).write_unaligned(Box::into_raw(b) as *mut u8 as usize);
                }
            }
        }
    }

    unsafe fn clear(&self, _descr: &Descr, ptr: *mut u8, stride: isize, n: usize) {
        for i in 0..n as isize {
            // SAFETY: item i is a valid owned item (caller).
            unsafe { free(ptr.wrapping_offset(i * stride)) };
        }
    }

    fn compare(&self, descr: &Descr) -> Option<crate::dtype::CompareFn> {
        Some(match params(descr).na {
            Na::NanLike => compare_nan_last,
            Na::Other => compare_refuse_na,
            Na::Str(_) => compare_default,
            Na::Absent => compare_plain,
        })
    }

    fn compare_kernels(&self, descr: &Descr) -> Option<&'static CompareKernels> {
        // Equal items are equal strings, or both missing: the value sort gives NumPy's
        // values.
        static NA_LAST: CompareKernels = CompareKernels::of_values::<NaLastOrder>();
        sorts_na_last(descr).then_some(&NA_LAST)
    }
}

fn class_of(descr: &Descr) -> DType {
    let g = REG.read().unwrap_or_else(|e| e.into_inner());
    g.as_ref()
        .and_then(|r| {
            r.classes
                .iter()
                .find(|d| d.type_id == descr.type_id)
                .copied()
        })
        .unwrap_or_else(default_dtype)
}

/// Missing values compare greater than every string, equal to each other (NumPy's sort
/// order for NaN-like `na_object`s).
///
/// # Safety
/// Items of `descr`.
unsafe fn compare_nan_last(_: &Descr, a: *const u8, b: *const u8) -> Result<std::cmp::Ordering> {
    // SAFETY: forwarded.
    Ok(unsafe { order_na_last(a, b) })
}

/// [`order_na_last`], inlined by the sorts (descriptors for which [`sorts_na_last`]).
#[derive(Clone, Copy)]
struct NaLastOrder;

impl ItemOrder for NaLastOrder {
    fn new(_: DType, _: crate::dtype::CompareFn) -> NaLastOrder {
        NaLastOrder
    }
    #[inline]
    unsafe fn order(&self, a: *const u8, b: *const u8) -> Result<std::cmp::Ordering> {
        // SAFETY: forwarded.
        Ok(unsafe { order_na_last(a, b) })
    }
}

/// True when `descr` (a StringDType) is ordered by [`order_na_last`] (no `na_object`, or
/// a NaN-like one).
fn sorts_na_last(descr: &Descr) -> bool {
    matches!(params(descr).na, Na::NanLike | Na::Absent)
}

/// UTF-8 byte order (the same as code-point order), missing values last and equal to
/// each other: the comparison of StringDTypes without `na_object` or with a NaN-like one
/// (inlined by the sorts).
///
/// # Safety
/// `a` and `b` address valid items.
#[inline]
unsafe fn order_na_last(a: *const u8, b: *const u8) -> std::cmp::Ordering {
    use std::cmp::Ordering as O;
    // SAFETY: forwarded.
    match unsafe { (load(a), load(b)) } {
        (Item::Na, Item::Na) => O::Equal,
        (Item::Na, _) => O::Greater,
        (_, Item::Na) => O::Less,
        (Item::Text(x), Item::Text(y)) => x.cmp(y),
    }
}

/// NumPy refuses to order a missing value that is neither NaN-like nor a string.
///
/// # Safety
/// Items of `descr`.
unsafe fn compare_refuse_na(_: &Descr, a: *const u8, b: *const u8) -> Result<std::cmp::Ordering> {
    // SAFETY: forwarded.
    match unsafe { (load(a), load(b)) } {
        (Item::Text(x), Item::Text(y)) => Ok(x.cmp(y)),
        _ => Err(Error::value(
            "Cannot compare null that is not a nan-like value",
        )),
    }
}

/// A missing value compares as the `na_object` string.
///
/// # Safety
/// Items of `descr`.
unsafe fn compare_default(descr: &Descr, a: *const u8, b: *const u8) -> Result<std::cmp::Ordering> {
    let p = params(descr);
    // SAFETY: forwarded.
    Ok(unsafe { text_or_default(a, p).cmp(text_or_default(b, p)) })
}

/// UTF-8 byte order (the same as code-point order).
///
/// # Safety
/// Items of `descr`.
unsafe fn compare_plain(_: &Descr, a: *const u8, b: *const u8) -> Result<std::cmp::Ordering> {
    // SAFETY: forwarded.
    Ok(unsafe { order_na_last(a, b) })
}

// ---------------------------------------------------------------------------------------
// Casts

/// `S`/`U` -> `T`: text as it is (`S` decoded as UTF-8, NumPy's rule).
///
/// # Safety
/// As [`registry::ParamCastFn`].
unsafe fn fixed_to_v(
    src: &Descr,
    _dst: &Descr,
    s: *const u8,
    ss: isize,
    d: *mut u8,
    ds: isize,
    n: usize,
) -> Result<()> {
    let mut t = Vec::new();
    let mut b = Vec::new();
    for i in 0..n as isize {
        // SAFETY: item i on both sides (caller).
        unsafe {
            let sp = s.offset(i * ss);
            if src.kind == 'S' {
                let bytes = super::item_bytes(src, sp);
                if let Err(e) = std::str::from_utf8(&bytes) {
                    let p = e.valid_up_to();
                    return Err(Error::value(format!(
                        "'utf-8' codec can't decode byte {:#x} in position {p}: invalid start byte",
                        bytes[p]
                    )));
                }
                store(d.offset(i * ds), &bytes);
            } else {
                super::read_item(src, sp, &mut t);
                b.clear();
                encode_into(&t, &mut b);
                store(d.offset(i * ds), &b);
            }
        }
    }
    Ok(())
}

/// `T` -> `S`/`U`: truncated to the size; `S` refuses non-ASCII text (NumPy's
/// `UnicodeEncodeError`); a missing value is its `na_object`'s `str()`.
///
/// # Safety
/// As [`registry::ParamCastFn`].
unsafe fn v_to_fixed(
    src: &Descr,
    dst: &Descr,
    s: *const u8,
    ss: isize,
    d: *mut u8,
    ds: isize,
    n: usize,
) -> Result<()> {
    let prm = params(src);
    let mut t = Vec::new();
    for i in 0..n as isize {
        t.clear();
        // SAFETY: item i on both sides (caller).
        unsafe {
            match load(s.offset(i * ss)) {
                Item::Text(x) => decode_into(x, &mut t),
                Item::Na => decode_into(prm.na_name.as_bytes(), &mut t),
            }
            if dst.kind == 'S' {
                super::check_ascii(&t)?;
            }
            super::write_item(dst, d.offset(i * ds), &t);
        }
    }
    Ok(())
}

fn level_fixed_v(_: &Descr, _: &Descr) -> Casting {
    Casting::SameKind
}

/// A cast between `T` and a built-in or another `T` class, with its parameters.
struct VCast {
    /// Parameters of the `T` side (the source for `T -> x`, the destination otherwise).
    prm: &'static Params,
    /// The other side's parameters for `T -> T`.
    other: Option<&'static Params>,
    /// `Some(b)`: `b -> T` (`to_v`) or `T -> b`.
    builtin: Option<Builtin>,
    to_v: bool,
}

impl CastKernel for VCast {
    unsafe fn run(&self, s: *const u8, ss: isize, d: *mut u8, ds: isize, n: usize) -> Result<()> {
        match (self.builtin, self.to_v) {
            (Some(b), true) => crate::with_element_type!(b, E => {
                // SAFETY: forwarded.
                unsafe { num_to_v::<E>(self.prm, s, ss, d, ds, n) }
            }),
            (Some(b), false) => crate::with_element_type!(b, E => {
                // SAFETY: forwarded.
                unsafe { v_to_num::<E>(self.prm, s, ss, d, ds, n) }
            }),
            (None, _) => {
                let dst = self.other.unwrap_or(self.prm);
                for i in 0..n as isize {
                    // SAFETY: item i on both sides (caller).
                    unsafe {
                        let dp = d.offset(i * ds);
                        match load(s.offset(i * ss)) {
                            Item::Text(t) => store(dp, t),
                            Item::Na if dst.has_na() => store_na(dp),
                            Item::Na => store(dp, self.prm.na_name.as_bytes()),
                        }
                    }
                }
                Ok(())
            }
        }
    }
}

/// A built-in to `T`: NumPy's `str()` of the scalar; NaN becomes the missing value when
/// the `na_object` is NaN-like.
///
/// # Safety
/// As [`CastKernel::run`] with a native `E` source.
unsafe fn num_to_v<E: Element>(
    prm: &Params,
    s: *const u8,
    ss: isize,
    d: *mut u8,
    ds: isize,
    n: usize,
) -> Result<()> {
    let nan_na = prm.na == Na::NanLike;
    for i in 0..n as isize {
        // SAFETY: item i on both sides (caller).
        unsafe {
            let v = E::load_unaligned(s.offset(i * ss));
            let dp = d.offset(i * ds);
            if nan_na && v.re_f64().is_nan() && matches!(E::BUILTIN.dtype().kind, 'f') {
                store_na(dp);
                continue;
            }
            let text = super::cast::format_element(v);
            store(dp, text.as_bytes());
        }
    }
    Ok(())
}

/// `T` to a built-in: Python's `int()`, `float()`, `complex()` of the text; any non-empty
/// string is `True`. A missing value is NaN for floats (NaN-like `na_object`), its truth
/// for bool, else an error.
///
/// # Safety
/// As [`CastKernel::run`] with a native `E` destination.
unsafe fn v_to_num<E: Element>(
    prm: &Params,
    s: *const u8,
    ss: isize,
    d: *mut u8,
    ds: isize,
    n: usize,
) -> Result<()> {
    let kind = E::BUILTIN.dtype().kind;
    for i in 0..n as isize {
        // SAFETY: item i on both sides (caller).
        let it = unsafe { load(s.offset(i * ss)) };
        let v: E = match it {
            Item::Text(t) => {
                let text = std::str::from_utf8(t).unwrap_or("");
                if kind == 'b' {
                    Scalar::Bool(!t.is_empty()).to_element()
                } else {
                    parse_num::<E>(text)?
                }
            }
            Item::Na => match (&prm.na, kind) {
                (Na::NanLike, 'b') => Scalar::Bool(true).to_element(),
                (Na::NanLike, 'f' | 'c') => Scalar::Float(f64::NAN).to_element(),
                (Na::Str(s), 'b') => Scalar::Bool(!s.is_empty()).to_element(),
                (Na::Str(s), _) => parse_num::<E>(s)?,
                (_, 'b') => Scalar::Bool(false).to_element(),
                _ => parse_num::<E>(&prm.na_name)?,
            },
        };
        // SAFETY: as above.
        unsafe { (d.offset(i * ds) as *mut E).write_unaligned(v) };
    }
    Ok(())
}

fn parse_num<E: Element>(text: &str) -> Result<E> {
    use super::cast::{parse_complex, parse_float, parse_int};
    match E::BUILTIN.dtype().kind {
        'i' | 'u' => {
            let v = parse_int(text).ok_or_else(|| {
                Error::value(format!("invalid literal for int() with base 10: {text:?}"))
            })?;
            let sc = if let Ok(i) = i64::try_from(v) {
                Scalar::Int(i)
            } else if let Ok(u) = u64::try_from(v) {
                Scalar::UInt(u)
            } else {
                return Err(oob::<E>(v));
            };
            let e: E = sc.to_element();
            if e.as_i128() != Some(v) {
                return Err(oob::<E>(v));
            }
            Ok(e)
        }
        'c' => {
            let c = parse_complex(text).ok_or_else(|| {
                Error::value(format!("complex() arg is a malformed string: {text:?}"))
            })?;
            Ok(Scalar::Complex(c).to_element())
        }
        _ => {
            let f = parse_float(text).ok_or_else(|| {
                Error::value(format!("could not convert string to float: {text:?}"))
            })?;
            Ok(Scalar::Float(f).to_element())
        }
    }
}

fn oob<E: Element>(v: i128) -> Error {
    Error::overflow(format!(
        "Integer {v} is out of bounds for {}",
        E::BUILTIN.dtype().name
    ))
}

fn register_casts(dt: DType, prm: &'static Params, others: &[DType]) {
    let st = super::registered();
    for f in [st.bytes, st.unicode] {
        registry::register_param_cast(
            f,
            dt,
            ParamCast {
                func: fixed_to_v,
                level: level_fixed_v,
            },
        );
        registry::register_param_cast(
            dt,
            f,
            ParamCast {
                func: v_to_fixed,
                level: level_fixed_v,
            },
        );
    }
    for b in Builtin::ALL {
        let to: &'static VCast = Box::leak(Box::new(VCast {
            prm,
            other: None,
            builtin: Some(b),
            to_v: true,
        }));
        let from: &'static VCast = Box::leak(Box::new(VCast {
            prm,
            other: None,
            builtin: Some(b),
            to_v: false,
        }));
        registry::register_cast_kernel(b.dtype(), dt, to, Casting::Safe);
        let level = if b == Builtin::Bool {
            Casting::SameKind
        } else {
            Casting::Unsafe
        };
        registry::register_cast_kernel(dt, b.dtype(), from, level);
    }
    for &o in others {
        let op = params(&o);
        let there: &'static VCast = Box::leak(Box::new(VCast {
            prm,
            other: Some(op),
            builtin: None,
            to_v: false,
        }));
        let back: &'static VCast = Box::leak(Box::new(VCast {
            prm: op,
            other: Some(prm),
            builtin: None,
            to_v: false,
        }));
        // NumPy: between StringDType instances a cast is "no" casting.
        registry::register_cast_kernel(dt, o, there, Casting::No);
        registry::register_cast_kernel(o, dt, back, Casting::No);
    }
}

/// `T` with `U` (either order) -> that `T`; `None` for other pairs (`T` with `S` has no
/// common dtype in NumPy).
pub fn promote(a: DType, b: DType) -> Option<DType> {
    match (is_vstring(a), is_vstring(b)) {
        (true, false) if super::is_unicode(b) => Some(a),
        (false, true) if super::is_unicode(a) => Some(b),
        _ => None,
    }
}

/// The number of code points of UTF-8 text.
#[inline]
pub fn char_count(t: &[u8]) -> usize {
    if t.is_ascii() {
        t.len()
    } else {
        t.iter().filter(|&&b| (b & 0xc0) != 0x80).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_heap_na_roundtrip() {
        let mut it = [0u8; 16];
        unsafe {
            assert_eq!(load(it.as_ptr()), Item::Text(b""));
            store(it.as_mut_ptr(), b"short");
            assert_eq!(load(it.as_ptr()), Item::Text(b"short"));
            let long = b"a string longer than fifteen bytes";
            store(it.as_mut_ptr(), long);
            assert_eq!(load(it.as_ptr()), Item::Text(&long[..]));
            let mut copy = it;
            VOps.incref(default_dtype().descr(), copy.as_mut_ptr(), 16, 1);
            free(it.as_mut_ptr());
            assert_eq!(load(copy.as_ptr()), Item::Text(&long[..]));
            store_na(copy.as_mut_ptr());
            assert!(is_na(copy.as_ptr()));
            free(copy.as_mut_ptr());
            assert_eq!(copy, [0u8; 16]);
        }
    }
}
