//! The number formats: bit-exact conversions between the machine-learning floats and
//! `f32`/`f64`, as `ml_dtypes` converts (its `ConvertImpl` and Eigen's `bfloat16`).
//!
//! * `f32 -> format`: round to nearest, ties to even, on the bits. Overflow gives the
//!   format's infinity, or NaN where it has none (`float8_e4m3fn`); NaN keeps its sign.
//! * `format -> f32`: exact (a shift for `bfloat16`, a 256-entry table for float8).
//! * `f64 -> format`: through `f32` rounded *to odd* (truncate, then set the last bit when
//!   inexact), which makes the second rounding correct: the result is the `f64` value
//!   rounded once, as `ml_dtypes` 0.7 gives (`1.00390625 + 1e-12` becomes
//!   `bfloat16(1.0078125)`, where rounding through a nearest `f32` would give 1.0).
//!   Integers go through `f64` the same way, rounded to odd for the 64-bit ones.
//!
//! Everything is integer arithmetic on the bits, so no conversion raises a hardware
//! floating-point flag (`ml_dtypes` raises none either); the callers raise the few that
//! `ml_dtypes` does in software (an `f64` beyond `f32`'s range overflows in its cast).

/// One machine-learning float format (a zero-sized marker type).
pub trait MlFormat: Copy + Send + Sync + 'static {
    /// The storage: `u16` or `u8`.
    type Bits: Copy + Default + PartialEq + Send + Sync + 'static;
    /// Name, as `ml_dtypes` spells it.
    const NAME: &'static str;
    /// `dtype.kind` in NumPy with `ml_dtypes` (`'V'`, except `'f'` for `float8_e5m2`).
    const KIND: char;
    /// `dtype.char` in NumPy with `ml_dtypes`.
    const CHAR: char;
    /// Whether rounding a signalling-NaN `f32` raises the invalid flag (Eigen's
    /// `bfloat16` tests `isnan` with a compare that does; the float8 conversion does not).
    const SNAN_INVALID: bool = false;
    /// The value, exactly.
    fn to_f32(b: Self::Bits) -> f32;
    /// `x` rounded to nearest even.
    fn from_f32(x: f32) -> Self::Bits;
    /// Negation on the bits (`-x` in `ml_dtypes`: the sign bit flips, NaN included).
    fn neg(b: Self::Bits) -> Self::Bits;
    /// Absolute value on the bits (the sign bit cleared).
    fn abs(b: Self::Bits) -> Self::Bits;
    /// The bits as `u32` (for packing into wider words).
    fn to_u32(b: Self::Bits) -> u32;
    /// Bits from the low bits of `u32`.
    fn from_u32(v: u32) -> Self::Bits;
}

/// `bfloat16`: 1 sign, 8 exponent, 7 mantissa bits (the top half of an `f32`).
#[derive(Clone, Copy, Debug)]
pub struct BFloat16;

impl MlFormat for BFloat16 {
    type Bits = u16;
    const NAME: &'static str = "bfloat16";
    const KIND: char = 'V';
    const CHAR: char = 'E';
    const SNAN_INVALID: bool = true;
    #[inline(always)]
    fn to_f32(b: u16) -> f32 {
        f32::from_bits((b as u32) << 16)
    }
    #[inline(always)]
    fn from_f32(x: f32) -> u16 {
        let bits = x.to_bits();
        // Eigen's `float_to_bfloat16_rtne`: NaN becomes the quiet NaN with x's sign;
        // otherwise add 0x7fff plus the lowest kept bit and truncate. Branch-free, so
        // contiguous loops vectorise.
        let rounded = (bits + 0x7fff + ((bits >> 16) & 1)) >> 16;
        let nan = (bits >> 16) & 0x8000 | 0x7fc0;
        let is_nan = (bits & 0x7fff_ffff) > 0x7f80_0000;
        (if is_nan { nan } else { rounded }) as u16
    }
    #[inline(always)]
    fn neg(b: u16) -> u16 {
        b ^ 0x8000
    }
    #[inline(always)]
    fn abs(b: u16) -> u16 {
        b & 0x7fff
    }
    #[inline(always)]
    fn to_u32(b: u16) -> u32 {
        b as u32
    }
    #[inline(always)]
    fn from_u32(v: u32) -> u16 {
        v as u16
    }
}

/// How a float8 format spends its top codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    /// IEEE-like: the top exponent holds infinity (mantissa 0) and NaNs.
    Ieee,
    /// "fn": no infinity; only the all-ones code (either sign) is NaN.
    Fn,
}

/// The parameters of a float8 format.
pub trait F8Params: Copy + Send + Sync + 'static {
    /// Name, as `ml_dtypes` spells it.
    const NAME: &'static str;
    /// `dtype.kind`.
    const KIND: char;
    /// `dtype.char`.
    const CHAR: char;
    /// Mantissa bits (the exponent has the other `7 - M`).
    const M: u32;
    /// Exponent bias.
    const BIAS: i32;
    /// The use of the top codes.
    const SPECIAL: Special;
}

/// A float8 format with parameters `P`.
#[derive(Clone, Copy, Debug)]
pub struct Float8<P: F8Params>(P);

/// `float8_e4m3fn`: bias 7, no infinity, NaN = `S.1111.111`, largest finite 448.
#[derive(Clone, Copy, Debug)]
pub struct E4M3Fn;
impl F8Params for E4M3Fn {
    const NAME: &'static str = "float8_e4m3fn";
    const KIND: char = 'V';
    const CHAR: char = '4';
    const M: u32 = 3;
    const BIAS: i32 = 7;
    const SPECIAL: Special = Special::Fn;
}

/// `float8_e5m2`: IEEE-like with bias 15, largest finite 57344.
#[derive(Clone, Copy, Debug)]
pub struct E5M2;
impl F8Params for E5M2 {
    const NAME: &'static str = "float8_e5m2";
    const KIND: char = 'f';
    const CHAR: char = '5';
    const M: u32 = 2;
    const BIAS: i32 = 15;
    const SPECIAL: Special = Special::Ieee;
}

/// `float8_e4m3`: IEEE-like e4m3 with bias 7, largest finite 240.
#[derive(Clone, Copy, Debug)]
pub struct E4M3;
impl F8Params for E4M3 {
    const NAME: &'static str = "float8_e4m3";
    const KIND: char = 'V';
    const CHAR: char = '7';
    const M: u32 = 3;
    const BIAS: i32 = 7;
    const SPECIAL: Special = Special::Ieee;
}

/// `float8_e3m4`: IEEE-like e3m4 with bias 3, largest finite 15.5.
#[derive(Clone, Copy, Debug)]
pub struct E3M4;
impl F8Params for E3M4 {
    const NAME: &'static str = "float8_e3m4";
    const KIND: char = 'V';
    const CHAR: char = '3';
    const M: u32 = 4;
    const BIAS: i32 = 3;
    const SPECIAL: Special = Special::Ieee;
}

/// The magnitude code of the largest finite value.
const fn max_finite<P: F8Params>() -> u32 {
    match P::SPECIAL {
        // Exponent all ones is special: one below it, mantissa all ones.
        Special::Ieee => (((1u32 << (7 - P::M)) - 2) << P::M) | ((1 << P::M) - 1),
        // Only mantissa all ones of the top exponent is NaN.
        Special::Fn => 0x7e,
    }
}

/// The magnitude code of infinity (NaN where the format has none).
const fn inf_code<P: F8Params>() -> u32 {
    match P::SPECIAL {
        Special::Ieee => ((1u32 << (7 - P::M)) - 1) << P::M,
        Special::Fn => 0x7f,
    }
}

/// The magnitude code of the quiet NaN Eigen's `quiet_NaN()` gives.
const fn nan_code<P: F8Params>() -> u32 {
    match P::SPECIAL {
        // Top exponent, top mantissa bit (e5m2: 0x7e).
        Special::Ieee => inf_code::<P>() | (1 << (P::M - 1)),
        Special::Fn => 0x7f,
    }
}

/// The value of magnitude code `c` (7 bits) as `f32` bits.
const fn f8_magnitude_to_f32_bits<P: F8Params>(c: u32) -> u32 {
    let m = P::M;
    let exp = c >> m;
    let frac = c & ((1 << m) - 1);
    let top = (1u32 << (7 - m)) - 1;
    if c == 0 {
        return 0;
    }
    match P::SPECIAL {
        Special::Ieee if exp == top => {
            return if frac == 0 { 0x7f80_0000 } else { 0x7fc0_0000 };
        }
        Special::Fn if c == 0x7f => return 0x7fc0_0000,
        _ => {}
    }
    if exp == 0 {
        // Subnormal: frac * 2^(1 - bias - m), normalised for f32.
        let lz = frac.leading_zeros() - (32 - m);
        let shift = lz + 1;
        let f = (frac << shift) & ((1 << m) - 1);
        let e = (1 - P::BIAS - shift as i32 + 127) as u32;
        (e << 23) | (f << (23 - m))
    } else {
        let e = (exp as i32 - P::BIAS + 127) as u32;
        (e << 23) | (frac << (23 - m))
    }
}

/// The 256 values of a float8 format.
const fn f8_table<P: F8Params>() -> [f32; 256] {
    let mut t = [0f32; 256];
    let mut i = 0;
    while i < 256 {
        let mag = f8_magnitude_to_f32_bits::<P>(i as u32 & 0x7f);
        t[i] = f32::from_bits(mag | ((i as u32 & 0x80) << 24));
        i += 1;
    }
    t
}

/// `RoundBitsToNearestEven` of `ml_dtypes`: add half an ulp of the kept part (minus one
/// when the lowest kept bit is 0) before shifting `roundoff` bits out.
#[inline(always)]
fn round_bits_to_nearest_even(bits: u32, roundoff: u32) -> u32 {
    let bias = ((bits >> roundoff) & 1) + (1 << (roundoff - 1)) - 1;
    bits + bias
}

/// `f32 -> float8` as `ml_dtypes`' `ConvertImpl<float, float8_*, false, false>`.
#[inline(always)]
fn f32_to_f8<P: F8Params>(x: f32) -> u8 {
    let bits = x.to_bits();
    let sign = bits >> 31;
    let abs = bits & 0x7fff_ffff;
    let with_sign = |mag: u32| (mag | (sign << 7)) as u8;
    if abs > 0x7f80_0000 {
        return with_sign(nan_code::<P>());
    }
    if abs == 0x7f80_0000 {
        return with_sign(inf_code::<P>());
    }
    if abs == 0 {
        return with_sign(0);
    }
    let m = P::M as i32;
    let biased = (abs >> 23) as i32;
    let fraction = abs & 0x7f_ffff;
    let (unbiased, mantissa) = if biased != 0 {
        (biased - 127, (1 << 23) | fraction)
    } else {
        let lz = fraction.leading_zeros() as i32 - 9;
        let shift = lz + 1;
        (1 - 127 - shift, fraction << shift)
    };
    let base = unbiased + P::BIAS - 1;
    let denormal = (-base).max(0);
    let align = ((23 - m) + denormal).min(23 + 2) as u32;
    let aligned = round_bits_to_nearest_even(mantissa, align) >> align;
    let exp_bits = base.max(0) as u32;
    let mut result = aligned + (exp_bits << P::M);
    // `max_exponent + bias`: the exponent past every finite value (`numeric_limits`).
    let max_exponent = (max_finite::<P>() >> P::M) as i32 - P::BIAS + 1;
    if base >= max_exponent + P::BIAS || result > max_finite::<P>() {
        result = inf_code::<P>();
    }
    with_sign(result)
}

impl<P: F8Params> Float8<P> {
    /// The value of every code.
    pub const TABLE: [f32; 256] = f8_table::<P>();
}

impl<P: F8Params> MlFormat for Float8<P> {
    type Bits = u8;
    const NAME: &'static str = P::NAME;
    const KIND: char = P::KIND;
    const CHAR: char = P::CHAR;
    #[inline(always)]
    fn to_f32(b: u8) -> f32 {
        Self::TABLE[b as usize]
    }
    #[inline(always)]
    fn from_f32(x: f32) -> u8 {
        f32_to_f8::<P>(x)
    }
    #[inline(always)]
    fn neg(b: u8) -> u8 {
        b ^ 0x80
    }
    #[inline(always)]
    fn abs(b: u8) -> u8 {
        b & 0x7f
    }
    #[inline(always)]
    fn to_u32(b: u8) -> u32 {
        b as u32
    }
    #[inline(always)]
    fn from_u32(v: u32) -> u8 {
        v as u8
    }
}

/// `f64 -> f32` rounded to odd: exact values stay, others become the truncated value with
/// the last bit set. `None` when `x` is finite beyond `f32`'s range (it then overflows to
/// infinity, as `ml_dtypes`' hardware conversion does, raising the overflow flag).
#[inline(always)]
pub fn f64_to_f32_odd(x: f64) -> (f32, bool) {
    let f = x as f32;
    if x.is_nan() || f as f64 == x {
        return (f, false);
    }
    if f.is_infinite() {
        return (f, true);
    }
    let mut b = f.to_bits();
    if (f as f64).abs() > x.abs() {
        // Rounded away from zero: step back toward it (sign-magnitude bits).
        b -= 1;
    }
    (f32::from_bits(b | 1), false)
}

/// `i64 -> f64` rounded to odd (exact below 2^53).
#[inline(always)]
pub fn i64_to_f64_odd(v: i64) -> f64 {
    let f = v as f64;
    if (-(1i64 << 53)..=(1i64 << 53)).contains(&v) || f as i128 == v as i128 {
        return f;
    }
    let mut b = f.to_bits();
    if (f as i128).abs() > (v as i128).abs() {
        b -= 1;
    }
    f64::from_bits(b | 1)
}

/// `u64 -> f64` rounded to odd.
#[inline(always)]
pub fn u64_to_f64_odd(v: u64) -> f64 {
    let f = v as f64;
    if v <= (1u64 << 53) || f as u128 == v as u128 {
        return f;
    }
    let mut b = f.to_bits();
    // `as f64` of 2^64 - 1 is 2^64, whose `as u128` is exact.
    if f as u128 > v as u128 {
        b -= 1;
    }
    f64::from_bits(b | 1)
}

/// Whether `f` is a signalling NaN.
#[inline(always)]
pub fn is_snan(f: f32) -> bool {
    f.is_nan() && f.to_bits() & 0x0040_0000 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    type F8E4 = Float8<E4M3Fn>;
    type F8E5 = Float8<E5M2>;

    #[test]
    fn float8_extremes() {
        assert_eq!(F8E4::to_f32(0x7e), 448.0);
        assert!(F8E4::to_f32(0x7f).is_nan() && F8E4::to_f32(0xff).is_nan());
        assert_eq!(F8E4::to_f32(0x01), 2f32.powi(-9));
        assert_eq!(F8E5::to_f32(0x7b), 57344.0);
        assert_eq!(F8E5::to_f32(0x7c), f32::INFINITY);
        assert_eq!(F8E5::to_f32(0xfc), f32::NEG_INFINITY);
        assert_eq!(F8E5::to_f32(0x01), 2f32.powi(-16));
        // Overflow: NaN without infinity, ties to even at the top.
        assert_eq!(F8E4::from_f32(464.0), 0x7e);
        assert_eq!(F8E4::from_f32(465.0), 0x7f);
        assert_eq!(F8E4::from_f32(f32::NEG_INFINITY), 0xff);
        assert_eq!(F8E5::from_f32(61440.0), 0x7c);
        assert_eq!(F8E5::from_f32(f32::NAN), 0x7e);
        // Every code round-trips (NaNs to the canonical one).
        for b in 0..=255u8 {
            let v = F8E4::to_f32(b);
            if !v.is_nan() {
                assert_eq!(F8E4::from_f32(v), b);
            }
            let v = F8E5::to_f32(b);
            if !v.is_nan() {
                assert_eq!(F8E5::from_f32(v), b);
            }
        }
    }

    #[test]
    fn bfloat16_rounding() {
        assert_eq!(BFloat16::from_f32(1.0), 0x3f80);
        assert_eq!(BFloat16::from_f32(1.0 + 1.0 / 256.0), 0x3f80);
        assert_eq!(BFloat16::from_f32(1.0 + 3.0 / 256.0), 0x3f82);
        assert_eq!(BFloat16::from_f32(f32::NAN), 0x7fc0);
        assert_eq!(BFloat16::from_f32(-f32::NAN), 0xffc0);
        let (f, _) = f64_to_f32_odd(1.0 + 1.0 / 256.0 + 1e-12);
        assert_eq!(BFloat16::from_f32(f), 0x3f81);
        let (_, over) = f64_to_f32_odd(1e300);
        assert!(over);
        let big = (1i64 << 62) + (1 << 54) + 1;
        let (f, _) = f64_to_f32_odd(i64_to_f64_odd(big));
        assert_eq!(BFloat16::from_f32(f), 0x5e81);
    }
}
