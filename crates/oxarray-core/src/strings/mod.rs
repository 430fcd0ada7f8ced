//! Fixed-width strings: NumPy's `S<n>` (`bytes_`, `n` bytes) and `U<n>` (`str_`, `n`
//! UCS4 code points in the descriptor's byte order), with NumPy 2's semantics.
//!
//! Both are parametric dtypes registered through the public registry, as a third-party
//! crate would add them: one class each (`flags::PARAMETRIC | flags::OPAQUE`), whose
//! per-size descriptors come from [`registry::instance`]. Items are shorter strings padded
//! with NULs; a value never ends in a NUL (NumPy strips trailing NULs when reading).
//!
//! * `cast`: the casts between sizes, between `S` and `U`, and to and from the built-ins
//!   (registered as parametric casts with NumPy's casting levels), and the formatting of
//!   numbers as NumPy writes them (`str(np.float32(0.1))` is `'0.1'`).
//! * `funcs`: the comparisons and the `numpy.strings` functions over whole arrays, with
//!   broadcasting; each reads items as code points ([`Text`]).

pub mod cast;
pub mod funcs;
pub mod vstring;

use std::sync::OnceLock;

use crate::dtype::registry::{self, DTypeSpec};
use crate::dtype::{
    flags, ByteOrder, CompareKernels, DType, DTypeOps, Descr, ItemOrder, ItemRef, Scalar,
};
use crate::error::{Error, Result};

/// The two registered classes (their unsized descriptors `S0`, `U0`).
#[derive(Clone, Copy, Debug)]
pub struct StringDTypes {
    /// `S` (`bytes_`): one byte per character.
    pub bytes: DType,
    /// `U` (`str_`): one UCS4 code point per character.
    pub unicode: DType,
}

static REGISTERED: OnceLock<StringDTypes> = OnceLock::new();

/// The vtable of both classes. Items are read as [`Scalar::Ref`] (by [`DType::get`]);
/// writing one converts a string item of either class (truncating) or formats a number.
struct StrOps;

impl DTypeOps for StrOps {
    unsafe fn get(&self, descr: &Descr, ptr: *const u8) -> Scalar {
        // Not reached through `DType::get` (opaque dtypes are read as references).
        let dtype = registry::instance(dtype_of_class(descr), descr.itemsize, descr.byteorder)
            .unwrap_or_else(|_| dtype_of_class(descr));
        Scalar::Ref(ItemRef {
            addr: ptr as usize,
            dtype,
        })
    }

    unsafe fn set(&self, descr: &Descr, ptr: *mut u8, value: &Scalar) -> Result<()> {
        let mut text: Vec<u32> = Vec::new();
        match value {
            Scalar::Ref(r) => {
                if !is_string(r.dtype) {
                    return Err(Error::type_(format!(
                        "cannot assign an item of dtype {} to a string",
                        r.dtype
                    )));
                }
                // SAFETY: `r` addresses a live item of its dtype.
                unsafe { read_item(&r.dtype, r.addr as *const u8, &mut text) };
                if descr.kind == 'S' && r.dtype.kind == 'U' {
                    check_ascii(&text)?;
                }
            }
            other => {
                let s = cast::format_scalar(other);
                text.extend(s.chars().map(|c| c as u32));
            }
        }
        // SAFETY: the caller passes one writable item of `descr`.
        unsafe { write_item(descr, ptr, &text) };
        Ok(())
    }

    fn compare(&self, _descr: &Descr) -> Option<crate::dtype::CompareFn> {
        Some(compare_items)
    }

    fn compare_kernels(&self, descr: &Descr) -> Option<&'static CompareKernels> {
        // Equal items are equal strings: the value sort gives NumPy's values.
        static BYTES: CompareKernels = CompareKernels::of_values::<BytesOrder>();
        static UCS4: CompareKernels = CompareKernels::of_values::<Ucs4Order>();
        if descr.kind == 'S' {
            Some(&BYTES)
        } else if descr.byteorder == ByteOrder::NATIVE
            || descr.byteorder == ByteOrder::NotApplicable
        {
            Some(&UCS4)
        } else {
            None
        }
    }
}

/// [`compare_items`] of `S<n>`, inlined by the sorts: the `n` bytes, unsigned
/// lexicographic.
#[derive(Clone, Copy)]
struct BytesOrder(usize);

impl ItemOrder for BytesOrder {
    fn new(dt: DType, _: crate::dtype::CompareFn) -> BytesOrder {
        BytesOrder(dt.itemsize)
    }
    #[inline]
    unsafe fn order(&self, a: *const u8, b: *const u8) -> Result<std::cmp::Ordering> {
        // SAFETY: items of `self.0` bytes (caller).
        let (x, y) = unsafe {
            (
                std::slice::from_raw_parts(a, self.0),
                std::slice::from_raw_parts(b, self.0),
            )
        };
        Ok(x.cmp(y))
    }
}

/// [`compare_items`] of native-order `U<n>`, inlined by the sorts: the `n` code points,
/// lexicographic.
#[derive(Clone, Copy)]
struct Ucs4Order(usize);

impl ItemOrder for Ucs4Order {
    fn new(dt: DType, _: crate::dtype::CompareFn) -> Ucs4Order {
        Ucs4Order(dt.itemsize / 4)
    }
    #[inline]
    unsafe fn order(&self, a: *const u8, b: *const u8) -> Result<std::cmp::Ordering> {
        let (a, b) = (a as *const u32, b as *const u32);
        for k in 0..self.0 {
            // SAFETY: items of `self.0` code points (caller), any alignment.
            let (x, y) = unsafe { (a.add(k).read_unaligned(), b.add(k).read_unaligned()) };
            if x != y {
                return Ok(x.cmp(&y));
            }
        }
        Ok(std::cmp::Ordering::Equal)
    }
}

/// NumPy's order of `S` items (bytes, unsigned) and `U` items (code points, in the
/// descriptor's byte order): lexicographic, NUL padding sorting first.
///
/// # Safety
/// `a` and `b` address items of `descr`.
unsafe fn compare_items(descr: &Descr, a: *const u8, b: *const u8) -> Result<std::cmp::Ordering> {
    let n = descr.itemsize;
    // SAFETY: the caller's items of `n` bytes.
    let (x, y) = unsafe {
        (
            std::slice::from_raw_parts(a, n),
            std::slice::from_raw_parts(b, n),
        )
    };
    if descr.kind == 'S' {
        return Ok(x.cmp(y));
    }
    let swap = descr.byteorder != ByteOrder::NATIVE && descr.byteorder != ByteOrder::NotApplicable;
    let cp = |c: &[u8]| {
        let v = u32::from_ne_bytes([c[0], c[1], c[2], c[3]]);
        if swap {
            v.swap_bytes()
        } else {
            v
        }
    };
    Ok(x.chunks_exact(4).map(cp).cmp(y.chunks_exact(4).map(cp)))
}

fn dtype_of_class(descr: &Descr) -> DType {
    let r = registered();
    if descr.type_id == r.bytes.type_id {
        r.bytes
    } else {
        r.unicode
    }
}

/// Register `S` and `U` (once per process) and return their classes.
pub fn register() -> StringDTypes {
    *REGISTERED.get_or_init(|| {
        let fl = flags::PARAMETRIC | flags::OPAQUE;
        let bytes = registry::register_dtype(DTypeSpec {
            name: "bytes".to_string(),
            kind: 'S',
            char: 'S',
            itemsize: 0,
            alignment: 1,
            ops: Box::new(StrOps),
            flags: fl,
        })
        .expect("S registers once");
        let unicode = registry::register_dtype(DTypeSpec {
            name: "str".to_string(),
            kind: 'U',
            char: 'U',
            itemsize: 0,
            alignment: 4,
            ops: Box::new(StrOps),
            flags: fl,
        })
        .expect("U registers once");
        registry::register_type_char('S', bytes);
        registry::register_type_char('a', bytes);
        registry::register_type_char('U', unicode);
        let r = StringDTypes { bytes, unicode };
        // (`registered()` is used by the casts below: set it before registering them.)
        let _ = STARTED.set(r);
        cast::register_casts(r);
        registry::register_promoter(bytes, promote);
        registry::register_promoter(unicode, promote);
        r
    })
}

/// Set as soon as the classes exist (before their casts are registered).
static STARTED: OnceLock<StringDTypes> = OnceLock::new();

/// The classes (registering them on first use).
pub fn registered() -> StringDTypes {
    match STARTED.get() {
        Some(r) => *r,
        None => register(),
    }
}

/// True for an `S` or `U` descriptor.
pub fn is_string(dt: DType) -> bool {
    STARTED
        .get()
        .is_some_and(|r| dt.type_id == r.bytes.type_id || dt.type_id == r.unicode.type_id)
}

/// True for any string dtype: `S`, `U` or `StringDType` (`T`).
pub fn is_text(dt: DType) -> bool {
    is_string(dt) || vstring::is_vstring(dt)
}

/// True for a `U` descriptor.
pub fn is_unicode(dt: DType) -> bool {
    STARTED
        .get()
        .is_some_and(|r| dt.type_id == r.unicode.type_id)
}

/// True for an `S` descriptor.
pub fn is_bytes(dt: DType) -> bool {
    STARTED.get().is_some_and(|r| dt.type_id == r.bytes.type_id)
}

/// `S<n>`.
///
/// # Errors
/// `ValueError` for a size too large.
pub fn bytes_dtype(n: usize) -> Result<DType> {
    registry::instance(registered().bytes, n, ByteOrder::NotApplicable)
}

/// `U<n>` in native byte order.
///
/// # Errors
/// `ValueError` for a size too large.
pub fn unicode_dtype(n: usize) -> Result<DType> {
    let n4 = n
        .checked_mul(4)
        .ok_or_else(|| Error::value("string length too large"))?;
    registry::instance(registered().unicode, n4, ByteOrder::NATIVE)
}

/// A string dtype of the class of `like` (`S` or `U`) holding `n` characters, native order.
///
/// # Errors
/// `ValueError` for a size too large.
pub fn same_class(like: DType, n: usize) -> Result<DType> {
    if vstring::is_vstring(like) {
        Ok(like)
    } else if is_unicode(like) {
        unicode_dtype(n)
    } else {
        bytes_dtype(n)
    }
}

/// Characters an item of `dt` holds (`U10`: 10).
pub fn nchars(dt: &Descr) -> usize {
    dt.itemsize / dt.alignment
}

/// NumPy 2's promotion: `S`+`S` and `U`+`U` keep the class with the larger size; `S`+`U`
/// is `U` of the larger character count. Numbers do not promote with strings.
fn promote(a: DType, b: DType) -> Option<DType> {
    if vstring::is_vstring(a) || vstring::is_vstring(b) {
        return vstring::promote(a, b);
    }
    if !is_string(a) || !is_string(b) {
        return None;
    }
    let n = nchars(&a).max(nchars(&b));
    if is_unicode(a) || is_unicode(b) {
        unicode_dtype(n).ok()
    } else {
        bytes_dtype(n).ok()
    }
}

/// Read the item at `p` as code points (bytes for `S`), trailing NULs stripped, into
/// `out` (cleared first). A `StringDType` item is decoded from UTF-8 (a missing value
/// reads as its `na_object` string, or empty).
///
/// # Safety
/// `p` must address `dt.itemsize` readable bytes.
#[inline]
pub unsafe fn read_item(dt: &Descr, p: *const u8, out: &mut Vec<u32>) {
    out.clear();
    if dt.kind == 'T' {
        // SAFETY: a `StringDType` item (caller).
        let t = unsafe { vstring::text_or_default(p, vstring::params(dt)) };
        vstring::decode_into(t, out);
        return;
    }
    let n = nchars(dt);
    if dt.alignment == 1 {
        // SAFETY: `n` readable bytes (caller).
        let b = unsafe { std::slice::from_raw_parts(p, n) };
        let len = b.iter().rposition(|&c| c != 0).map_or(0, |i| i + 1);
        out.extend(b[..len].iter().map(|&c| c as u32));
    } else {
        let swap = dt.byteorder != ByteOrder::NATIVE;
        for i in 0..n {
            // SAFETY: item i of `n` code points (caller); any alignment.
            let v = unsafe { (p as *const u32).add(i).read_unaligned() };
            out.push(if swap { v.swap_bytes() } else { v });
        }
        while out.last() == Some(&0) {
            out.pop();
        }
    }
}

/// Write `text` into the item at `p`, truncated to its size, NUL-padded (a
/// `StringDType` item: encoded as UTF-8, whole, replacing what it held). Code points above
/// 255 written to `S` keep their low byte (callers check first where NumPy raises).
///
/// # Safety
/// `p` must address `dt.itemsize` writable bytes.
#[inline]
pub unsafe fn write_item(dt: &Descr, p: *mut u8, text: &[u32]) {
    if dt.kind == 'T' {
        let mut b = Vec::with_capacity(text.len());
        vstring::encode_into(text, &mut b);
        // SAFETY: a valid `StringDType` item (caller).
        unsafe { vstring::store(p, &b) };
        return;
    }
    let n = nchars(dt);
    let k = text.len().min(n);
    if dt.alignment == 1 {
        for (i, &c) in text[..k].iter().enumerate() {
            // SAFETY: i < n writable bytes (caller).
            unsafe { *p.add(i) = c as u8 };
        }
        // SAFETY: as above.
        unsafe { std::ptr::write_bytes(p.add(k), 0, n - k) };
    } else {
        let swap = dt.byteorder != ByteOrder::NATIVE;
        for (i, &c) in text[..k].iter().enumerate() {
            let v = if swap { c.swap_bytes() } else { c };
            // SAFETY: code point i < n of the item (caller); any alignment.
            unsafe { (p as *mut u32).add(i).write_unaligned(v) };
        }
        // SAFETY: as above.
        unsafe { std::ptr::write_bytes(p.add(k * 4), 0, (n - k) * 4) };
    }
}

/// NumPy's refusal to encode non-ASCII text as `S` (Python's `UnicodeEncodeError`, a
/// `ValueError`).
///
/// # Errors
/// `ValueError` naming the first non-ASCII character.
pub fn check_ascii(text: &[u32]) -> Result<()> {
    match text.iter().position(|&c| c > 127) {
        Some(i) => Err(AsciiCodecError::error(false, text, i)),
        None => Ok(()),
    }
}

/// Python's `UnicodeEncodeError` (`decode == false`: text to `S`) or `UnicodeDecodeError`
/// (bytes to `U`) of the `ascii` codec, as NumPy raises them: the payload of an
/// [`crate::error::ErrorKind::Foreign`] error, which the bindings raise with these
/// arguments (`(encoding, object, start, end, reason)`).
#[derive(Debug)]
pub struct AsciiCodecError {
    /// Decoding bytes (else encoding text).
    pub decode: bool,
    /// The text (code points) or bytes that failed.
    pub object: Vec<u32>,
    /// The first offending position.
    pub start: usize,
    /// One past the run of offending positions there (Python's codec reports the run).
    pub end: usize,
}

impl AsciiCodecError {
    /// The error for `object` failing first at `start`.
    pub fn error(decode: bool, object: &[u32], start: usize) -> Error {
        let end = object[start..]
            .iter()
            .position(|&c| c <= 127)
            .map_or(object.len(), |k| start + k);
        let what = if decode {
            "decode byte"
        } else {
            "encode character"
        };
        let c = object[start];
        let shown = if decode {
            format!("{c:#x}")
        } else {
            format!("{:?}", char::from_u32(c).unwrap_or('\u{fffd}'))
        };
        let msg = if end - start == 1 {
            format!(
                "'ascii' codec can't {what} {shown} in position {start}: ordinal not in range(128)"
            )
        } else {
            let what = if decode {
                "decode bytes"
            } else {
                "encode characters"
            };
            format!(
                "'ascii' codec can't {what} in position {start}-{}: ordinal not in range(128)",
                end - 1
            )
        };
        Error::foreign(
            std::sync::Arc::new(AsciiCodecError {
                decode,
                object: object.to_vec(),
                start,
                end,
            }),
            msg,
        )
    }
}

/// The text of a string item as a Rust string (`S`: bytes as Latin-1).
///
/// # Safety
/// `p` must address one readable item of `dt`.
pub unsafe fn item_to_string(dt: &Descr, p: *const u8) -> String {
    let mut t = Vec::new();
    // SAFETY: forwarded.
    unsafe { read_item(dt, p, &mut t) };
    t.iter()
        .map(|&c| char::from_u32(c).unwrap_or('\u{fffd}'))
        .collect()
}

/// The bytes of an `S` item, trailing NULs stripped.
///
/// # Safety
/// `p` must address one readable item of `dt`.
pub unsafe fn item_bytes(dt: &Descr, p: *const u8) -> Vec<u8> {
    // SAFETY: forwarded.
    let b = unsafe { std::slice::from_raw_parts(p, dt.itemsize) };
    let len = b.iter().rposition(|&c| c != 0).map_or(0, |i| i + 1);
    b[..len].to_vec()
}
