//! Casts of the fixed-width strings: between sizes and classes, and to and from the
//! built-ins, with NumPy 2's casting levels and text.
//!
//! Numbers are written as `str()` of the NumPy scalar writes them: `True`/`False`, integers
//! in decimal, floats as the shortest text that reads back as the same value of *their*
//! precision (`float32(0.1)` is `'0.1'`), positional between `1e-4` and `1e3` (`float16`),
//! `1e6` (`float32`) or `1e16` (`float64`), else `1.5e+20`; complex as Python's
//! `repr(complex)` (`'(1+2j)'`, `'-0j'`). Strings are read as Python's `int()`, `float()`,
//! `complex()` read them; any non-empty string is `True`.

use num_complex::Complex;

use super::{check_ascii, nchars, read_item, write_item, StringDTypes};
use crate::dtype::registry::{register_param_cast, ParamCast};
use crate::dtype::{element_to_scalar, Builtin, Casting, DType, Descr, Element, Scalar};
use crate::error::{Error, ErrorKind, Result};

/// Characters NumPy's unsized cast (`astype('U')`) gives a built-in, and the size from
/// which a cast into a string is safe.
pub fn builtin_text_size(b: Builtin) -> usize {
    use Builtin as B;
    match b {
        B::Bool => 5,
        B::Int8 => 4,
        B::UInt8 => 3,
        B::Int16 => 6,
        B::UInt16 => 5,
        B::Int32 => 11,
        B::UInt32 => 10,
        B::Int64 => 21,
        B::UInt64 => 20,
        B::Float16 | B::Float32 | B::Float64 => 32,
        B::Complex64 | B::Complex128 => 64,
    }
}

/// The size (in characters) an unsized string dtype takes when `src` is cast to it
/// (`int64 -> U21`, `U5 -> S5`), or `None` for a dtype with no text.
pub fn text_size(src: DType) -> Option<usize> {
    match src.builtin {
        Some(b) => Some(builtin_text_size(b)),
        None if super::is_string(src) => Some(nchars(&src)),
        None => None,
    }
}

fn level_str_str(a: &Descr, b: &Descr) -> Casting {
    let (na, nb) = (nchars(a), nchars(b));
    if a.kind == b.kind {
        if na == nb {
            if a.byteorder == b.byteorder {
                Casting::No
            } else {
                Casting::Equiv
            }
        } else if nb > na {
            Casting::Safe
        } else {
            Casting::SameKind
        }
    } else if a.kind == 'S' {
        // S -> U: every byte string decodes (as ASCII, else the cast fails).
        if nb >= na {
            Casting::Safe
        } else {
            Casting::SameKind
        }
    } else {
        Casting::Unsafe
    }
}

fn level_num_str(a: &Descr, b: &Descr) -> Casting {
    let need = a.builtin.map_or(usize::MAX, builtin_text_size);
    if nchars(b) >= need {
        Casting::Safe
    } else {
        Casting::SameKind
    }
}

fn level_str_num(_: &Descr, _: &Descr) -> Casting {
    Casting::Unsafe
}

/// `S`/`U` to `S`/`U` of any size and order: truncating; `U -> S` refuses non-ASCII text,
/// `S -> U` non-ASCII bytes (Python's `UnicodeEncodeError`/`UnicodeDecodeError`).
///
/// # Safety
/// As [`crate::dtype::registry::ParamCastFn`].
unsafe fn str_to_str(
    src: &Descr,
    dst: &Descr,
    s: *const u8,
    ss: isize,
    d: *mut u8,
    ds: isize,
    n: usize,
) -> Result<()> {
    let mut t = Vec::with_capacity(nchars(src));
    for i in 0..n as isize {
        // SAFETY: item i on both sides (caller).
        unsafe { read_item(src, s.offset(i * ss), &mut t) };
        if dst.kind == 'S' && src.kind == 'U' {
            check_ascii(&t)?;
        } else if dst.kind == 'U' && src.kind == 'S' {
            if let Some(p) = t.iter().position(|&c| c > 127) {
                return Err(super::AsciiCodecError::error(true, &t, p));
            }
        }
        // SAFETY: as above.
        unsafe { write_item(dst, d.offset(i * ds), &t) };
    }
    Ok(())
}

/// Built-in `E` to a string.
///
/// # Safety
/// As [`crate::dtype::registry::ParamCastFn`]; `src` is native `E`.
unsafe fn num_to_str<E: Element>(
    src: &Descr,
    dst: &Descr,
    s: *const u8,
    ss: isize,
    d: *mut u8,
    ds: isize,
    n: usize,
) -> Result<()> {
    let mut t: Vec<u32> = Vec::new();
    for i in 0..n as isize {
        // SAFETY: item i on both sides (caller).
        let v = unsafe { load::<E>(src, s.offset(i * ss)) };
        t.clear();
        t.extend(format_element(v).chars().map(|c| c as u32));
        // SAFETY: as above.
        unsafe { write_item(dst, d.offset(i * ds), &t) };
    }
    Ok(())
}

/// A string to built-in `E`.
///
/// # Safety
/// As [`crate::dtype::registry::ParamCastFn`]; `dst` is native `E`.
unsafe fn str_to_num<E: Element>(
    src: &Descr,
    dst: &Descr,
    s: *const u8,
    ss: isize,
    d: *mut u8,
    ds: isize,
    n: usize,
) -> Result<()> {
    let mut t = Vec::new();
    for i in 0..n as isize {
        // SAFETY: item i on both sides (caller).
        unsafe { read_item(src, s.offset(i * ss), &mut t) };
        let text: String = t
            .iter()
            .map(|&c| char::from_u32(c).unwrap_or('\u{fffd}'))
            .collect();
        let v: E = parse_as::<E>(&text, src.kind == 'S')?;
        // SAFETY: as above.
        unsafe { store::<E>(dst, d.offset(i * ds), v) };
    }
    Ok(())
}

fn swapped(d: &Descr) -> bool {
    d.byteorder != crate::dtype::ByteOrder::NATIVE
        && d.byteorder != crate::dtype::ByteOrder::NotApplicable
}

/// Load a built-in element of descriptor `d` (either byte order).
///
/// # Safety
/// `p` addresses one readable element.
unsafe fn load<E: Element>(d: &Descr, p: *const u8) -> E {
    if swapped(d) {
        let mut buf = [0u8; 16];
        let n = size_of::<E>();
        // SAFETY: `n` readable bytes (caller), `buf` holds 16.
        unsafe { std::ptr::copy_nonoverlapping(p, buf.as_mut_ptr(), n) };
        let unit = if d.kind == 'c' { n / 2 } else { n };
        crate::dtype::cast::swap_in_place(&mut buf[..n], unit);
        // SAFETY: `buf` holds one native element.
        unsafe { E::load_unaligned(buf.as_ptr()) }
    } else {
        // SAFETY: forwarded.
        unsafe { E::load_unaligned(p) }
    }
}

/// Store a built-in element to descriptor `d` (either byte order).
///
/// # Safety
/// `p` addresses one writable element.
unsafe fn store<E: Element>(d: &Descr, p: *mut u8, v: E) {
    let n = size_of::<E>();
    let mut buf = [0u8; 16];
    // SAFETY: `buf` holds one element.
    unsafe { (buf.as_mut_ptr() as *mut E).write_unaligned(v) };
    if swapped(d) {
        let unit = if d.kind == 'c' { n / 2 } else { n };
        crate::dtype::cast::swap_in_place(&mut buf[..n], unit);
    }
    // SAFETY: `n` writable bytes (caller).
    unsafe { std::ptr::copy_nonoverlapping(buf.as_ptr(), p, n) };
}

fn quoted(text: &str, bytes: bool) -> String {
    if bytes {
        format!("np.bytes_(b{text:?})")
    } else {
        format!("np.str_({text:?})")
    }
}

/// Parse `text` as Python reads it into a value of `E` (see the module docs).
fn parse_as<E: Element>(text: &str, bytes: bool) -> Result<E> {
    match E::BUILTIN {
        Builtin::Bool => Ok(Scalar::Bool(!text.is_empty()).to_element()),
        Builtin::Int8
        | Builtin::Int16
        | Builtin::Int32
        | Builtin::Int64
        | Builtin::UInt8
        | Builtin::UInt16
        | Builtin::UInt32
        | Builtin::UInt64 => {
            let v = parse_int(text).ok_or_else(|| {
                Error::value(format!(
                    "invalid literal for int() with base 10: {}",
                    quoted(text, bytes)
                ))
            })?;
            let sc = if let Ok(i) = i64::try_from(v) {
                Scalar::Int(i)
            } else if let Ok(u) = u64::try_from(v) {
                Scalar::UInt(u)
            } else {
                return Err(out_of_bounds::<E>(v));
            };
            let e: E = sc.to_element();
            if e.as_i128() != Some(v) {
                return Err(out_of_bounds::<E>(v));
            }
            Ok(e)
        }
        Builtin::Complex64 | Builtin::Complex128 => {
            let c = parse_complex(text).ok_or_else(|| {
                Error::value(format!(
                    "complex() arg is a malformed string: {}",
                    quoted(text, bytes)
                ))
            })?;
            Ok(Scalar::Complex(c).to_element())
        }
        _ => {
            let f = parse_float(text).ok_or_else(|| {
                Error::value(format!(
                    "could not convert string to float: {}",
                    quoted(text, bytes)
                ))
            })?;
            Ok(Scalar::Float(f).to_element())
        }
    }
}

fn out_of_bounds<E: Element>(v: i128) -> Error {
    Error::new(
        ErrorKind::Overflow,
        format!(
            "Python integer {v} out of bounds for {}",
            E::BUILTIN.dtype().name
        ),
    )
}

/// Python's `int(text)` in base 10.
pub fn parse_int(text: &str) -> Option<i128> {
    let t = text.trim();
    let (neg, digits) = match t.as_bytes().first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let mut v: i128 = 0;
    for c in digits.chars() {
        if c == '_' {
            continue;
        }
        let d = c.to_digit(10)?;
        v = v.checked_mul(10)?.checked_add(d as i128)?;
    }
    Some(if neg { -v } else { v })
}

/// Python's `float(text)`.
pub fn parse_float(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() || t.starts_with('_') || t.ends_with('_') || t.contains("__") {
        return None;
    }
    let cleaned: String = if t.contains('_') {
        // Underscores only between digits.
        let b = t.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            if c == b'_' && !(b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit()) {
                return None;
            }
        }
        t.replace('_', "")
    } else {
        t.to_string()
    };
    let lower = cleaned.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if matches!(body, "inf" | "infinity" | "nan") {
        let neg = lower.starts_with('-');
        let v = if body == "nan" {
            f64::NAN
        } else {
            f64::INFINITY
        };
        return Some(if neg { -v } else { v });
    }
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-'))
    {
        return None;
    }
    cleaned.parse::<f64>().ok()
}

/// Python's `complex(text)`.
pub fn parse_complex(text: &str) -> Option<Complex<f64>> {
    let mut t = text.trim();
    if t.starts_with('(') && t.ends_with(')') {
        t = t[1..t.len() - 1].trim();
    }
    if t.is_empty() || t.contains(char::is_whitespace) {
        return None;
    }
    let Some(body) = t.strip_suffix(['j', 'J']) else {
        return parse_float(t).map(|re| Complex::new(re, 0.0));
    };
    // Split at the last sign that does not follow an exponent marker.
    let b = body.as_bytes();
    let split = (1..b.len())
        .rev()
        .find(|&i| matches!(b[i], b'+' | b'-') && !matches!(b[i - 1], b'e' | b'E'));
    let imag = |s: &str| match s {
        "" | "+" => Some(1.0),
        "-" => Some(-1.0),
        _ => parse_float(s),
    };
    match split {
        Some(k) => Some(Complex::new(parse_float(&body[..k])?, imag(&body[k..])?)),
        None => Some(Complex::new(0.0, imag(body)?)),
    }
}

/// The shortest decimal digits and exponent of a float of its own precision:
/// `(digits, exp)` with value `0.d1d2... * 10^(exp+1)` (exp is the scientific exponent).
fn shortest(sci: String) -> (String, i32) {
    let (m, e) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = m.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    (digits.to_string(), e.parse().unwrap_or(0))
}

/// Lay out shortest digits as NumPy's `str()` of a float scalar (Python's `repr` for
/// float64): positional when `1e-4 <= |x| < cutoff` (or zero), else scientific with a
/// two-digit exponent. `dot_zero`: integral positional values end in `.0`.
fn layout(neg: bool, digits: &str, exp: i32, positional: bool, dot_zero: bool) -> String {
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    if positional {
        if exp >= 0 {
            let e = exp as usize;
            if digits.len() > e + 1 {
                s.push_str(&digits[..e + 1]);
                s.push('.');
                s.push_str(&digits[e + 1..]);
            } else {
                s.push_str(digits);
                s.extend(std::iter::repeat_n('0', e + 1 - digits.len()));
                if dot_zero {
                    s.push_str(".0");
                }
            }
        } else {
            s.push_str("0.");
            s.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
            s.push_str(digits);
        }
    } else {
        s.push_str(&digits[..1]);
        if digits.len() > 1 {
            s.push('.');
            s.push_str(&digits[1..]);
        }
        s.push('e');
        s.push(if exp < 0 { '-' } else { '+' });
        s.push_str(&format!("{:02}", exp.unsigned_abs()));
    }
    s
}

/// Text of a float of precision `bits` (16, 32, 64), holding value `v`.
fn float_text(v: f64, bits: u32, dot_zero: bool) -> String {
    if v.is_nan() {
        return "nan".to_string();
    }
    if v.is_infinite() {
        return if v < 0.0 { "-inf" } else { "inf" }.to_string();
    }
    let neg = v.is_sign_negative();
    let a = v.abs();
    let (digits, exp) = match bits {
        64 => shortest(format!("{a:e}")),
        32 => shortest(format!("{:e}", a as f32)),
        _ => {
            let h = half::f16::from_f64(a);
            let mut best = shortest(format!("{:e}", h.to_f32()));
            for p in 0..6 {
                let s = format!("{:.p$e}", h.to_f32());
                if s.parse::<f32>()
                    .is_ok_and(|x| half::f16::from_f32(x).to_bits() == h.to_bits())
                {
                    best = shortest(s);
                    break;
                }
            }
            best
        }
    };
    let cutoff = match bits {
        64 => 1e16,
        32 => 1e6,
        _ => 1e3,
    };
    let positional = a == 0.0 || (1e-4..cutoff).contains(&a);
    layout(neg, &digits, exp, positional, dot_zero)
}

fn complex_text(re: f64, im: f64, bits: u32) -> String {
    let part = |x: f64| float_text(x, bits, false);
    let im_s = part(im);
    if re == 0.0 && re.is_sign_positive() {
        return format!("{im_s}j");
    }
    let sign = if im_s.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{im_s}j)", part(re))
}

/// The text NumPy writes for element `v` of a built-in.
pub fn format_element<E: Element>(v: E) -> String {
    match E::BUILTIN {
        Builtin::Bool => if v.nonzero() { "True" } else { "False" }.to_string(),
        Builtin::Float16 => float_text(v.re_f64(), 16, true),
        Builtin::Float32 => float_text(v.re_f64(), 32, true),
        Builtin::Float64 => float_text(v.re_f64(), 64, true),
        Builtin::Complex64 => complex_text(v.re_f64(), v.im_f64(), 32),
        Builtin::Complex128 => complex_text(v.re_f64(), v.im_f64(), 64),
        _ => match element_to_scalar(v) {
            Scalar::Int(i) => i.to_string(),
            Scalar::UInt(u) => u.to_string(),
            _ => String::new(),
        },
    }
}

/// The text of a scalar written into a string item (as its natural NumPy type).
pub fn format_scalar(s: &Scalar) -> String {
    match *s {
        Scalar::Bool(b) => format_element(b),
        Scalar::Int(i) => i.to_string(),
        Scalar::UInt(u) => u.to_string(),
        Scalar::Float(f) => float_text(f, 64, true),
        Scalar::Complex(c) => complex_text(c.re, c.im, 64),
        Scalar::Ref(_) => String::new(),
    }
}

/// Register every cast of the two classes.
pub(super) fn register_casts(r: StringDTypes) {
    for a in [r.bytes, r.unicode] {
        for b in [r.bytes, r.unicode] {
            register_param_cast(
                a,
                b,
                ParamCast {
                    func: str_to_str,
                    level: level_str_str,
                },
            );
        }
        for bt in Builtin::ALL {
            let (to, from) = crate::with_element_type!(bt, E => (
                num_to_str::<E> as crate::dtype::registry::ParamCastFn,
                str_to_num::<E> as crate::dtype::registry::ParamCastFn,
            ));
            register_param_cast(
                bt.dtype(),
                a,
                ParamCast {
                    func: to,
                    level: level_num_str,
                },
            );
            register_param_cast(
                a,
                bt.dtype(),
                ParamCast {
                    func: from,
                    level: level_str_num,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_as_numpy_writes_them() {
        assert_eq!(float_text(0.1f32 as f64, 32, true), "0.1");
        assert_eq!(float_text(1e20, 64, true), "1e+20");
        assert_eq!(float_text(1e15, 64, true), "1000000000000000.0");
        assert_eq!(float_text(1.5e-4, 64, true), "0.00015");
        assert_eq!(float_text(1e-5, 64, true), "1e-05");
        assert_eq!(float_text(65504.0, 16, true), "6.55e+04");
        assert_eq!(complex_text(1.0, 2.0, 64), "(1+2j)");
        assert_eq!(complex_text(0.0, -0.0, 64), "-0j");
        assert_eq!(parse_int(" 1_0 "), Some(10));
        assert_eq!(parse_int("1__0"), None);
        assert_eq!(parse_complex("1+2j"), Some(Complex::new(1.0, 2.0)));
    }
}
