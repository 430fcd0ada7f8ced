//! Native element types and the conversions between them.
//!
//! Every built-in dtype has a Rust element type implementing [`Element`]. A cast between two
//! built-ins is `D::from_src(s)`, monomorphised for each of the 14 x 14 pairs, with C's
//! conversion semantics (what NumPy's casts do):
//! - integer to integer wraps (two's complement truncation or extension);
//! - anything to bool is "not zero";
//! - float to integer truncates toward zero; out-of-range values and NaN follow x86-64's
//!   `cvttsd2si` (what NumPy compiled by GCC gives on this platform). NumPy calls this
//!   undefined and warns; we give the same bits instead of Rust's saturation, and report
//!   [`fpe::INVALID`] exactly where the hardware conversion would;
//! - a finite value that becomes infinite in a narrower float reports [`fpe::OVERFLOW`];
//! - complex to real drops the imaginary part.
//!
//! Conversions themselves are pure (so the cast loops vectorise); [`Element::cast_flags`]
//! says which flags one conversion raises, and the cast loops check it in a separate pass
//! only for the pairs that can raise anything ([`may_raise`]).

use half::f16;
use num_complex::Complex;

use super::cast::fpe;
use super::Builtin;

/// How an element type is read from array memory.
///
/// Array memory can hold any bit pattern: a bool array viewing a buffer, a NumPy array, a
/// Pillow mode-'1' image or a `.npy` file may contain bytes other than 0 and 1, and reading
/// such a byte as a Rust `bool` is undefined behaviour. Every read of an element from
/// array memory therefore goes through [`Load::Raw`], a type of the same size for which
/// every bit pattern is valid, and [`Load::from_raw`]: for `bool` the raw type is `u8` and
/// any nonzero byte is `true` (NumPy's rule); for every other type it is the type itself.
/// Writing a `bool` is always fine (it stores 0 or 1).
pub trait Load: Copy {
    /// Same size and alignment as `Self`; every bit pattern valid.
    type Raw: Copy;
    /// The element a raw value stands for.
    fn from_raw(r: Self::Raw) -> Self;
    /// Read one element at an aligned pointer.
    ///
    /// # Safety
    /// `p` points at one readable, aligned element.
    #[inline(always)]
    unsafe fn load(p: *const Self) -> Self {
        // SAFETY: forwarded; `Raw` has the layout of `Self` and accepts every bit pattern.
        Self::from_raw(unsafe { *(p as *const Self::Raw) })
    }
    /// Read one element at any alignment.
    ///
    /// # Safety
    /// `p` points at one readable element.
    #[inline(always)]
    unsafe fn load_unaligned(p: *const u8) -> Self {
        // SAFETY: forwarded; `Raw` accepts every bit pattern.
        Self::from_raw(unsafe { (p as *const Self::Raw).read_unaligned() })
    }
}

impl Load for bool {
    type Raw = u8;
    #[inline(always)]
    fn from_raw(r: u8) -> bool {
        r != 0
    }
}

macro_rules! plain_load {
    ($($t:ty),*) => {$(
        impl Load for $t {
            type Raw = $t;
            #[inline(always)]
            fn from_raw(r: $t) -> $t {
                r
            }
        }
    )*};
}
plain_load!(
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    f16,
    f32,
    f64,
    Complex<f32>,
    Complex<f64>
);

/// A native element type of a built-in dtype.
pub trait Element: Load + Send + Sync + 'static {
    /// The dtype this element type stores.
    const BUILTIN: Builtin;
    /// `Some(value)` for bool and integer types, `None` for inexact ones.
    fn as_i128(self) -> Option<i128>;
    /// Real part as f64 (exact for everything but 64-bit integers).
    fn re_f64(self) -> f64;
    /// Imaginary part as f64 (zero for real types).
    fn im_f64(self) -> f64;
    /// Real part rounded once to f32.
    fn re_f32(self) -> f32;
    /// Imaginary part rounded once to f32.
    fn im_f32(self) -> f32;
    /// Real part rounded once to f16.
    fn re_f16(self) -> f16;
    /// True when the value is not zero.
    fn nonzero(self) -> bool;
    /// Convert from any element with C cast semantics.
    fn from_src<S: Element>(s: S) -> Self;
    /// The floating-point flags (bits of [`fpe`]) that converting `s` into `d`
    /// (`d == from_src(s)`) raises.
    #[inline(always)]
    fn cast_flags<S: Element>(s: S, d: Self) -> u8 {
        let _ = (s, d);
        0
    }
    /// True for float and complex types.
    const INEXACT: bool;
    /// Bits of mantissa range: a rank of the largest finite value (f16 < f32 < f64;
    /// integers rank by what they need in a float).
    const RANGE: u8;
}

/// Whether converting `S` into `D` can raise any flag (float to integer, or into a float
/// of smaller range).
#[inline(always)]
pub const fn may_raise<S: Element, D: Element>() -> bool {
    (S::INEXACT && !D::INEXACT && !matches!(D::BUILTIN, Builtin::Bool))
        || (D::INEXACT && D::RANGE < S::RANGE)
}

/// 2^63 as f64 (exact).
const TWO_63: f64 = 9_223_372_036_854_775_808.0;
/// 2^31 as f64 (exact).
const TWO_31: f64 = 2_147_483_648.0;

/// The smallest magnitude that rounds to infinity in f32: halfway between `f32::MAX` and
/// 2^128 (ties go to the even neighbour, which is 2^128).
const F32_LIMIT: f64 = 3.402_823_567_797_336_6e38;
/// The same for f16: halfway between 65504 and 65536.
const F16_LIMIT: f64 = 65520.0;

/// 2^64 as f64 (exact).
const TWO_64: f64 = 18_446_744_073_709_551_616.0;

/// Whether `cvt_i64(x)` is in range (else the hardware raises "invalid").
#[inline(always)]
fn ok_i64(x: f64) -> bool {
    (-TWO_63..TWO_63).contains(&x)
}

/// Whether `cvt_i32(x)` is in range: the truncated value fits (so -2^31 - 0.5, which
/// truncates to -2^31, raises nothing, as the hardware conversion NumPy runs).
#[inline(always)]
fn ok_i32(x: f64) -> bool {
    x > -TWO_31 - 1.0 && x < TWO_31
}

/// Whether `cvt_u64(x)` is in range.
#[inline(always)]
fn ok_u64(x: f64) -> bool {
    (-TWO_63..TWO_64).contains(&x)
}

/// x86-64 `cvttsd2si` into 64 bits: truncation, with `i64::MIN` for NaN and out of range.
#[inline(always)]
fn cvt_i64(x: f64) -> i64 {
    if ok_i64(x) {
        // SAFETY: x is finite and truncates into i64's range (checked just above).
        unsafe { x.to_int_unchecked() }
    } else {
        i64::MIN
    }
}

/// x86-64 `cvttsd2si` into 32 bits.
#[inline(always)]
fn cvt_i32(x: f64) -> i32 {
    if ok_i32(x) {
        // SAFETY: x is finite and truncates into i32's range (checked just above).
        unsafe { x.to_int_unchecked() }
    } else {
        i32::MIN
    }
}

/// GCC's double to uint64 on x86-64 (NaN takes the signed path, giving 2^63).
#[inline(always)]
fn cvt_u64(x: f64) -> u64 {
    if x >= TWO_63 {
        (cvt_i64(x - TWO_63) as u64) ^ (1u64 << 63)
    } else {
        cvt_i64(x) as u64
    }
}

macro_rules! int_element {
    ($t:ty, $b:ident, $from_float:expr, $ok:expr, $range:expr) => {
        impl Element for $t {
            const BUILTIN: Builtin = Builtin::$b;
            const INEXACT: bool = false;
            const RANGE: u8 = $range;
            #[inline(always)]
            fn cast_flags<S: Element>(s: S, _d: Self) -> u8 {
                let ok: fn(f64) -> bool = $ok;
                // Branch-free, so the flag reduction vectorises with the conversion.
                (S::INEXACT && !ok(s.re_f64())) as u8 * fpe::INVALID
            }
            #[inline(always)]
            fn as_i128(self) -> Option<i128> {
                Some(self as i128)
            }
            #[inline(always)]
            fn re_f64(self) -> f64 {
                self as f64
            }
            #[inline(always)]
            fn im_f64(self) -> f64 {
                0.0
            }
            #[inline(always)]
            fn re_f32(self) -> f32 {
                self as f32
            }
            #[inline(always)]
            fn im_f32(self) -> f32 {
                0.0
            }
            #[inline(always)]
            fn re_f16(self) -> f16 {
                f16::from_f64(self as f64)
            }
            #[inline(always)]
            fn nonzero(self) -> bool {
                self != 0
            }
            #[inline(always)]
            fn from_src<S: Element>(s: S) -> Self {
                match s.as_i128() {
                    Some(i) => i as $t,
                    None => {
                        let f: fn(f64) -> $t = $from_float;
                        f(s.re_f64())
                    }
                }
            }
        }
    };
}

// RANGE: what a float needs to hold the type's extremes (int8/16 and uint8/16 fit
// float16's range ... only up to 65504, so 16-bit integers rank above float16).
int_element!(i8, Int8, |x| cvt_i32(x) as i8, ok_i32, 1);
int_element!(i16, Int16, |x| cvt_i32(x) as i16, ok_i32, 1);
int_element!(i32, Int32, cvt_i32, ok_i32, 2);
int_element!(i64, Int64, cvt_i64, ok_i64, 2);
int_element!(u8, UInt8, |x| cvt_i32(x) as u8, ok_i32, 1);
int_element!(u16, UInt16, |x| cvt_i32(x) as u16, ok_i32, 2);
int_element!(u32, UInt32, |x| cvt_i64(x) as u32, ok_i64, 2);
int_element!(u64, UInt64, cvt_u64, ok_u64, 2);

impl Element for bool {
    const BUILTIN: Builtin = Builtin::Bool;
    const INEXACT: bool = false;
    const RANGE: u8 = 0;
    #[inline(always)]
    fn as_i128(self) -> Option<i128> {
        Some(self as i128)
    }
    #[inline(always)]
    fn re_f64(self) -> f64 {
        self as u8 as f64
    }
    #[inline(always)]
    fn im_f64(self) -> f64 {
        0.0
    }
    #[inline(always)]
    fn re_f32(self) -> f32 {
        self as u8 as f32
    }
    #[inline(always)]
    fn im_f32(self) -> f32 {
        0.0
    }
    #[inline(always)]
    fn re_f16(self) -> f16 {
        if self {
            f16::ONE
        } else {
            f16::ZERO
        }
    }
    #[inline(always)]
    fn nonzero(self) -> bool {
        self
    }
    #[inline(always)]
    fn from_src<S: Element>(s: S) -> Self {
        s.nonzero()
    }
}

macro_rules! float_element {
    ($t:ty, $b:ident, $to64:expr, $to32:expr, $to16:expr, $from:ident, $range:expr, $limit:expr) => {
        impl Element for $t {
            const BUILTIN: Builtin = Builtin::$b;
            const INEXACT: bool = true;
            const RANGE: u8 = $range;
            #[inline(always)]
            fn cast_flags<S: Element>(s: S, d: Self) -> u8 {
                // Finite values at or past the rounding limit become infinite; testing the
                // source only is cheaper than converting the result back.
                let _ = d;
                let a = s.re_f64().abs();
                ($limit..f64::INFINITY).contains(&a) as u8 * fpe::OVERFLOW
            }
            #[inline(always)]
            fn as_i128(self) -> Option<i128> {
                None
            }
            #[inline(always)]
            fn re_f64(self) -> f64 {
                let f: fn($t) -> f64 = $to64;
                f(self)
            }
            #[inline(always)]
            fn im_f64(self) -> f64 {
                0.0
            }
            #[inline(always)]
            fn re_f32(self) -> f32 {
                let f: fn($t) -> f32 = $to32;
                f(self)
            }
            #[inline(always)]
            fn im_f32(self) -> f32 {
                0.0
            }
            #[inline(always)]
            fn re_f16(self) -> f16 {
                let f: fn($t) -> f16 = $to16;
                f(self)
            }
            #[inline(always)]
            fn nonzero(self) -> bool {
                self.re_f64() != 0.0
            }
            #[inline(always)]
            fn from_src<S: Element>(s: S) -> Self {
                s.$from()
            }
        }
    };
}

float_element!(
    f16,
    Float16,
    |x| x.to_f64(),
    |x| x.to_f32(),
    |x| x,
    re_f16,
    1,
    F16_LIMIT
);
float_element!(
    f32,
    Float32,
    |x| x as f64,
    |x| x,
    f16::from_f32,
    re_f32,
    3,
    F32_LIMIT
);
float_element!(
    f64,
    Float64,
    |x| x,
    |x| x as f32,
    f16::from_f64,
    re_f64,
    4,
    f64::INFINITY
);

macro_rules! complex_element {
    ($t:ty, $b:ident, $re:ident, $im:ident, $range:expr, $limit:expr) => {
        impl Element for Complex<$t> {
            const BUILTIN: Builtin = Builtin::$b;
            const INEXACT: bool = true;
            const RANGE: u8 = $range;
            #[inline(always)]
            fn cast_flags<S: Element>(s: S, d: Self) -> u8 {
                let _ = d;
                let (re, im) = (s.re_f64().abs(), s.im_f64().abs());
                (($limit..f64::INFINITY).contains(&re) | ($limit..f64::INFINITY).contains(&im))
                    as u8
                    * fpe::OVERFLOW
            }
            #[inline(always)]
            fn as_i128(self) -> Option<i128> {
                None
            }
            #[inline(always)]
            fn re_f64(self) -> f64 {
                self.re as f64
            }
            #[inline(always)]
            fn im_f64(self) -> f64 {
                self.im as f64
            }
            #[inline(always)]
            fn re_f32(self) -> f32 {
                self.re as f32
            }
            #[inline(always)]
            fn im_f32(self) -> f32 {
                self.im as f32
            }
            #[inline(always)]
            fn re_f16(self) -> f16 {
                self.re.re_f16()
            }
            #[inline(always)]
            fn nonzero(self) -> bool {
                self.re != 0.0 || self.im != 0.0
            }
            #[inline(always)]
            fn from_src<S: Element>(s: S) -> Self {
                Complex::new(s.$re(), s.$im())
            }
        }
    };
}

complex_element!(f32, Complex64, re_f32, im_f32, 3, F32_LIMIT);
complex_element!(f64, Complex128, re_f64, im_f64, 4, f64::INFINITY);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_casts_wrap() {
        assert_eq!(i8::from_src(300i64), 44);
        assert_eq!(u8::from_src(-1i32), 255);
        assert_eq!(i64::from_src(u64::MAX), -1);
    }

    #[test]
    fn float_to_int_follows_x86() {
        assert_eq!(i32::from_src(f64::NAN), i32::MIN);
        assert_eq!(u8::from_src(-1.0f64), 255);
        assert_eq!(i64::from_src(2.9f64), 2);
        assert_eq!(i64::from_src(-2.9f32), -2);
        assert_eq!(u64::from_src(1.8e19f64), 18000000000000000000);
        assert_eq!(u64::from_src(f64::NAN), 1 << 63);
        assert_eq!(u64::from_src(2e19f64), 0);
    }

    #[test]
    fn complex_and_bool() {
        assert_eq!(f64::from_src(Complex::new(1.5f64, 2.0)), 1.5);
        assert!(bool::from_src(Complex::new(0.0f32, 1.0)));
        assert_eq!(Complex::<f32>::from_src(true), Complex::new(1.0, 0.0));
        assert_eq!(f16::from_src(65520.0f64), f16::INFINITY);
        assert_eq!(f16::from_src(65519.99f64), f16::MAX);
        assert_eq!(f32::from_src(F32_LIMIT), f32::INFINITY);
        assert_eq!(f32::from_src(F32_LIMIT.next_down()), f32::MAX);
        assert_eq!(f32::cast_flags(F32_LIMIT.next_down(), f32::MAX), 0);
        assert_eq!(f32::cast_flags(F32_LIMIT, f32::INFINITY), fpe::OVERFLOW);
        assert_eq!(f32::cast_flags(f64::INFINITY, f32::INFINITY), 0);
        assert_eq!(
            f16::cast_flags(-65520.0f64, f16::NEG_INFINITY),
            fpe::OVERFLOW
        );
    }
}
