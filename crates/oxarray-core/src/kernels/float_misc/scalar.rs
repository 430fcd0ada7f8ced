//! Element functions of copysign nextafter spacing ldexp frexp modf heaviside (portable
//! scalar code). Bit-level functions work on the IEEE representation directly (float16
//! included, as NumPy's `npy_half_*` do); flags are raised as the C library would.

use half::f16;

use super::super::builders::{BinOp, UnOp, UnOp2};
use super::super::num::{to_f16, Flt};
use crate::ufunc::loops::fpe;

pub(crate) struct CopySign;
impl<T: Flt> BinOp<T, T, T> for CopySign {
    #[inline(always)]
    fn f(a: T, b: T, _fl: &mut u8) -> T {
        a.copysign(b)
    }
}
impl BinOp<f16, f16, f16> for CopySign {
    #[inline(always)]
    fn f(a: f16, b: f16, _fl: &mut u8) -> f16 {
        f16::from_bits((a.to_bits() & 0x7fff) | (b.to_bits() & 0x8000))
    }
}

/// A float as sign-magnitude bits, for stepping to the adjacent value.
pub(crate) trait Bits: Copy {
    const SIGN: u64;
    const EXP_MASK: u64;
    fn bits(self) -> u64;
    fn from(b: u64) -> Self;
}
impl Bits for f16 {
    const SIGN: u64 = 0x8000;
    const EXP_MASK: u64 = 0x7c00;
    fn bits(self) -> u64 {
        self.to_bits() as u64
    }
    fn from(b: u64) -> Self {
        f16::from_bits(b as u16)
    }
}
impl Bits for f32 {
    const SIGN: u64 = 0x8000_0000;
    const EXP_MASK: u64 = 0x7f80_0000;
    fn bits(self) -> u64 {
        self.to_bits() as u64
    }
    fn from(b: u64) -> Self {
        f32::from_bits(b as u32)
    }
}
impl Bits for f64 {
    const SIGN: u64 = 0x8000_0000_0000_0000;
    const EXP_MASK: u64 = 0x7ff0_0000_0000_0000;
    fn bits(self) -> u64 {
        self.to_bits()
    }
    fn from(b: u64) -> Self {
        f64::from_bits(b)
    }
}

/// C's `nextafter` on the bit patterns: overflow when stepping to infinity, underflow when
/// the result is subnormal or zero.
#[inline(always)]
fn next_after<T: Bits>(x: T, y: T, fl: &mut u8) -> T {
    let (bx, by) = (x.bits(), y.bits());
    let mag = !T::SIGN;
    let (ax, ay) = (bx & mag, by & mag);
    if ax > T::EXP_MASK || ay > T::EXP_MASK {
        // NaN: return a NaN (the first NaN operand, as libm does).
        return if ax > T::EXP_MASK { x } else { y };
    }
    if bx == by || (ax == 0 && ay == 0) {
        return y;
    }
    let r = if ax == 0 {
        (by & T::SIGN) | 1
    } else if (bx & T::SIGN) != (by & T::SIGN) || ax > ay {
        bx - 1
    } else {
        bx + 1
    };
    let ar = r & mag;
    if ar == T::EXP_MASK {
        *fl |= fpe::OVERFLOW;
    } else if ar & T::EXP_MASK == 0 {
        *fl |= fpe::UNDERFLOW;
    }
    T::from(r)
}

pub(crate) struct NextAfter;
impl BinOp<f32, f32, f32> for NextAfter {
    #[inline(always)]
    fn f(a: f32, b: f32, fl: &mut u8) -> f32 {
        next_after(a, b, fl)
    }
}
impl BinOp<f64, f64, f64> for NextAfter {
    #[inline(always)]
    fn f(a: f64, b: f64, fl: &mut u8) -> f64 {
        next_after(a, b, fl)
    }
}
impl BinOp<f16, f16, f16> for NextAfter {
    #[inline(always)]
    fn f(a: f16, b: f16, fl: &mut u8) -> f16 {
        // npy_half_nextafter returns x (not y) when they compare equal (-0.0 vs 0.0).
        if a == b && !a.is_nan() {
            return a;
        }
        next_after(a, b, fl)
    }
}

/// NumPy's `npy_spacing`: the step to the adjacent value away from zero (NaN for
/// infinities).
pub(crate) struct Spacing;
impl<T: Flt + Bits> UnOp<T, T> for Spacing {
    #[inline(always)]
    fn f(x: T, fl: &mut u8) -> T {
        if x.is_inf() {
            return T::NAN;
        }
        if x.is_nan() {
            return x;
        }
        let b = <T as Bits>::bits(x);
        if b & !T::SIGN == 0 {
            // Both zeros give the smallest positive subnormal.
            return <T as Bits>::from(1);
        }
        let n = <T as Bits>::from(b + 1);
        if n.is_inf() {
            *fl |= fpe::OVERFLOW;
        }
        n - x
    }
}
impl UnOp<f16, f16> for Spacing {
    #[inline(always)]
    fn f(h: f16, fl: &mut u8) -> f16 {
        // npy_half_spacing, transcribed.
        let h = h.to_bits();
        let h_exp = h & 0x7c00;
        let h_sig = h & 0x03ff;
        let ret: u16 = if h_exp == 0x7c00 {
            *fl |= fpe::INVALID;
            0x7e00
        } else if h == 0x7bff {
            *fl |= fpe::OVERFLOW;
            0x7c00
        } else if (h & 0x8000) != 0 && h_sig == 0 {
            if h_exp > 0x2c00 {
                h_exp - 0x2c00
            } else if h_exp > 0x0400 {
                1 << ((h_exp >> 10) - 2)
            } else {
                0x0001
            }
        } else if h_exp > 0x2800 {
            h_exp - 0x2800
        } else if h_exp > 0x0400 {
            1 << ((h_exp >> 10) - 1)
        } else {
            0x0001
        };
        f16::from_bits(ret)
    }
}

/// `x * 2**n` without intermediate overflow (musl's `scalbn`), in f64.
#[inline(always)]
pub(crate) fn scalbn64(x: f64, n: i64) -> f64 {
    let mut n = n.clamp(-10_000, 10_000);
    let mut y = x;
    let p1023 = f64::from_bits(0x7fe0_0000_0000_0000);
    let m = f64::from_bits(0x0010_0000_0000_0000) * f64::from_bits(0x4340_0000_0000_0000);
    if n > 1023 {
        y *= p1023;
        n -= 1023;
        if n > 1023 {
            y *= p1023;
            n -= 1023;
            n = n.min(1023);
        }
    } else if n < -1022 {
        y *= m;
        n += 1022 - 53;
        if n < -1022 {
            y *= m;
            n += 1022 - 53;
            n = n.max(-1022);
        }
    }
    y * f64::from_bits(((0x3ff + n) as u64) << 52)
}

/// `x * 2**n` in f32 (musl's `scalbnf`).
#[inline(always)]
pub(crate) fn scalbn32(x: f32, n: i64) -> f32 {
    let mut n = n.clamp(-10_000, 10_000);
    let mut y = x;
    let p127 = f32::from_bits(0x7f00_0000);
    let m = f32::from_bits(0x0080_0000) * f32::from_bits(0x4b80_0000);
    if n > 127 {
        y *= p127;
        n -= 127;
        if n > 127 {
            y *= p127;
            n -= 127;
            n = n.min(127);
        }
    } else if n < -126 {
        y *= m;
        n += 126 - 24;
        if n < -126 {
            y *= m;
            n += 126 - 24;
            n = n.max(-126);
        }
    }
    y * f32::from_bits(((0x7f + n) as u32) << 23)
}

pub(crate) struct Ldexp;
macro_rules! ldexp_impl {
    ($e:ty) => {
        impl BinOp<f64, $e, f64> for Ldexp {
            #[inline(always)]
            fn f(a: f64, n: $e, _fl: &mut u8) -> f64 {
                scalbn64(a, n as i64)
            }
        }
        impl BinOp<f32, $e, f32> for Ldexp {
            #[inline(always)]
            fn f(a: f32, n: $e, _fl: &mut u8) -> f32 {
                scalbn32(a, n as i64)
            }
        }
        impl BinOp<f16, $e, f16> for Ldexp {
            #[inline(always)]
            fn f(a: f16, n: $e, fl: &mut u8) -> f16 {
                to_f16(scalbn32(a.to_f32(), n as i64), fl)
            }
        }
    };
}
ldexp_impl!(i32);
ldexp_impl!(i64);

/// C's `frexp` for f64: mantissa in [0.5, 1) and exponent; 0, inf and NaN give (x, 0).
#[inline(always)]
pub(crate) fn frexp64(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let b = x.to_bits();
    let sign = b & (1 << 63);
    if (b >> 52) & 0x7ff == 0 {
        // Subnormal: normalise the fraction with integer shifts (no float operation that
        // could raise a flag, even speculated).
        let m = b & 0x000f_ffff_ffff_ffff;
        let s = m.leading_zeros() - 11;
        let m = m << s;
        return (
            f64::from_bits(sign | (1022 << 52) | (m & 0x000f_ffff_ffff_ffff)),
            -1021 - s as i32,
        );
    }
    let e = ((b >> 52) & 0x7ff) as i32 - 1022;
    let m = f64::from_bits((b & !(0x7ff << 52)) | (1022 << 52));
    (m, e)
}

/// `frexp` for f32.
#[inline(always)]
pub(crate) fn frexp32(x: f32) -> (f32, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let b = x.to_bits();
    let sign = b & (1 << 31);
    if (b >> 23) & 0xff == 0 {
        let m = b & 0x007f_ffff;
        let s = m.leading_zeros() - 8;
        let m = m << s;
        return (
            f32::from_bits(sign | (126 << 23) | (m & 0x007f_ffff)),
            -125 - s as i32,
        );
    }
    let e = ((b >> 23) & 0xff) as i32 - 126;
    let m = f32::from_bits((b & !(0xff << 23)) | (126 << 23));
    (m, e)
}

pub(crate) struct Frexp;
impl UnOp2<f64, f64, i32> for Frexp {
    #[inline(always)]
    fn f(a: f64, _fl: &mut u8) -> (f64, i32) {
        frexp64(a)
    }
}
impl UnOp2<f32, f32, i32> for Frexp {
    #[inline(always)]
    fn f(a: f32, _fl: &mut u8) -> (f32, i32) {
        frexp32(a)
    }
}
impl UnOp2<f16, f16, i32> for Frexp {
    #[inline(always)]
    fn f(a: f16, fl: &mut u8) -> (f16, i32) {
        let (m, e) = frexp32(a.to_f32());
        (to_f16(m, fl), e)
    }
}

/// `modf`: (fractional part, integral part), both with the sign of `x`.
pub(crate) struct Modf;
impl<T: Flt> UnOp2<T, T, T> for Modf {
    #[inline(always)]
    fn f(x: T, _fl: &mut u8) -> (T, T) {
        let i = x.trunc();
        let f = if x.is_inf() { T::ZERO } else { x - i };
        (f.copysign(x), i)
    }
}
impl UnOp2<f16, f16, f16> for Modf {
    #[inline(always)]
    fn f(x: f16, fl: &mut u8) -> (f16, f16) {
        let (f, i) = <Modf as UnOp2<f32, f32, f32>>::f(x.to_f32(), fl);
        (to_f16(f, fl), to_f16(i, fl))
    }
}

/// NumPy's `npy_heaviside`: NaN for NaN, `h0` at zero, else 0 or 1.
pub(crate) struct Heaviside;
impl<T: Flt> BinOp<T, T, T> for Heaviside {
    #[inline(always)]
    fn f(x: T, h0: T, _fl: &mut u8) -> T {
        if x.is_nan() {
            T::NAN
        } else if x == T::ZERO {
            h0
        } else if x < T::ZERO {
            T::ZERO
        } else {
            T::ONE
        }
    }
}
