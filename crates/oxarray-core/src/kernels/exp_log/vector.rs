//! Vectorised `exp`, `expm1` and `log` for float32 and float64 (run by
//! [`simd::vunary`](crate::kernels::simd::vunary) at the AVX2 and AVX-512 levels).
//!
//! Element functions are branch-free (selects, integer bit tricks, fused multiply-adds), so
//! LLVM vectorises the loops. float32 is computed in float64 and rounded once (< 1 ULP).
//! - `exp`/`expm1`: Cody-Waite reduction `x = k ln2 + r`, |r| <= ln2/2 (ln2 in two parts),
//!   `expm1(r)` by its Taylor polynomial to degree 14 (truncation < 2^-58), then
//!   `2^k (1 + p)`, the scale applied as two exact powers of two (subnormal results round
//!   once). Max error ~1 ULP.
//! - `log`: fdlibm's `e_log.c` (m in [sqrt(2)/2, sqrt(2)), `s = f / (2 + f)`, minimax
//!   polynomial in s^2; < 1 ULP).
//!
//! Flags are NumPy's (measured on its AVX-512 loops): `exp` overflow for a finite argument
//! whose result is infinite, underflow for a result below the smallest normal (and, in
//! float32, for a subnormal argument up to 8.147905e-39, as NumPy's float32 loop raises);
//! `expm1` overflow only; `log` divide by zero
//! for ±0, invalid for negative arguments (also -inf); nothing for NaN or ±inf in `exp`.

// Published constants (fdlibm) and 1/n!: written in full, they round to the intended doubles.
#![allow(clippy::excessive_precision)]

use crate::kernels::simd::VecOp;
use crate::ufunc::loops::fpe;

const LN2_HI: f64 = 6.931_471_803_691_238_164_90e-01;
const LN2_LO: f64 = 1.908_214_929_270_587_700_02e-10;
const INV_LN2: f64 = std::f64::consts::LOG2_E;
/// 1.5 * 2^52: adding it rounds to an integer held in the low mantissa bits.
const ROUND_MAGIC: f64 = 6_755_399_441_055_744.0;

/// Select without a branch.
#[inline(always)]
pub(crate) fn sel(c: bool, a: f64, b: f64) -> f64 {
    if c {
        a
    } else {
        b
    }
}

/// `expm1(r)` for |r| <= ln2/2 + a little (Taylor to degree 14, Horner with FMA).
#[inline(always)]
fn expm1_poly(r: f64) -> f64 {
    const C: [f64; 13] = [
        1.0 / 87_178_291_200.0,
        1.0 / 6_227_020_800.0,
        1.0 / 479_001_600.0,
        1.0 / 39_916_800.0,
        1.0 / 3_628_800.0,
        1.0 / 362_880.0,
        1.0 / 40_320.0,
        1.0 / 5_040.0,
        1.0 / 720.0,
        1.0 / 120.0,
        1.0 / 24.0,
        1.0 / 6.0,
        0.5,
    ];
    let mut p = C[0];
    for c in &C[1..] {
        p = p.mul_add(r, *c);
    }
    // r + r^2 * p
    (r * r).mul_add(p, r)
}

/// (k, r) with x = k ln2 + r, |r| <= ~ln2/2, for |x| <= 746; k as an exact f64 and as
/// an integer.
#[inline(always)]
fn reduce(x: f64) -> (f64, i64, f64) {
    let t = x.mul_add(INV_LN2, ROUND_MAGIC);
    let kf = t - ROUND_MAGIC;
    let k = (t.to_bits() as i64).wrapping_sub(ROUND_MAGIC.to_bits() as i64);
    let r = (-kf).mul_add(LN2_HI, x);
    let r = (-kf).mul_add(LN2_LO, r);
    (kf, k, r)
}

/// 2^k as a double for -1022 <= k <= 1023.
#[inline(always)]
fn pow2(k: i64) -> f64 {
    f64::from_bits(((k + 1023) as u64) << 52)
}

/// `exp(x)` (NaN and infinities included).
#[inline(always)]
pub(crate) fn exp_f64(x: f64) -> f64 {
    // Arguments outside [-746, 710] (and NaN) are computed as 0 and selected at the end.
    let ok = x.abs() <= 746.0;
    let xc = sel(ok, x, 0.0).min(710.0);
    let (_kf, k, r) = reduce(xc);
    let y = 1.0 + expm1_poly(r);
    // y * 2^k as two exact powers of two: k spans subnormal results to overflow.
    // floor(k / 2) with a logical shift (AVX2 has no 64-bit arithmetic shift).
    let k1 = (((k + 2048) as u64) >> 1) as i64 - 1024;
    let k2 = k - k1;
    let res = y * pow2(k1) * pow2(k2);
    let big = sel(x > 0.0, f64::INFINITY, 0.0);
    let res = sel(ok, res, big);
    sel(x.is_nan(), x, res)
}

/// `expm1(x)` (NaN and infinities included).
#[inline(always)]
pub(crate) fn expm1_f64(x: f64) -> f64 {
    // Beyond 710 the result overflows; below -40 it is -1 (rounded).
    let xc = sel(x.is_nan(), 0.0, x).clamp(-40.0, 710.0);
    let (_kf, k, r) = reduce(xc);
    let p = expm1_poly(r);
    // expm1(x) = 2^k (p + 1) - 1 = 2^k p + (2^k - 1); the scale in two halves near overflow.
    let k1 = (((k + 2048) as u64) >> 1) as i64 - 1024;
    let k2 = k - k1;
    let (s1, s2) = (pow2(k1), pow2(k2));
    let s = s1 * s2;
    let small = k.abs() <= 60;
    let res_small = s.mul_add(p, s - 1.0);
    let res_big = ((p + 1.0) * s1) * s2 - 1.0;
    let res = sel(small, res_small, res_big);
    // Keep the sign of zero and tiny arguments exactly (expm1(x) = x for |x| < 2^-54).
    let res = sel(x.abs() < 5.551_115_123_125_783e-17, x, res);
    let res = sel(x > 710.0, f64::INFINITY, res);
    sel(x.is_nan(), x, res)
}

/// `log(x)` for x > 0 finite (normal or subnormal); other inputs are selected by callers.
#[inline(always)]
fn log_pos_f64(x: f64) -> f64 {
    let sub = x < f64::MIN_POSITIVE;
    // Subnormals: scale by 2^54 (multiplier 1 otherwise, so nothing can overflow).
    let xs = x * sel(sub, 18_014_398_509_481_984.0, 1.0);
    let bits = xs.to_bits();
    let mut k = ((bits >> 52) & 0x7ff) as i64 - 1023 - if sub { 54 } else { 0 };
    let mant = bits & 0x000f_ffff_ffff_ffff;
    // m in [sqrt(2)/2, sqrt(2)): exponent field 1023 or 1022.
    let big = mant > 0x0006_a09e_667f_3bcd;
    k += big as i64;
    let m = f64::from_bits(mant | if big { 1022u64 << 52 } else { 1023u64 << 52 });
    let f = m - 1.0;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w
        * (3.999_999_999_940_941_908e-01
            + w * (2.222_219_843_214_978_396e-01 + w * 1.531_383_769_920_937_332e-01));
    let t2 = z
        * (6.666_666_666_666_735_130e-01
            + w * (2.857_142_874_366_239_149e-01
                + w * (1.818_357_216_161_805_012e-01 + w * 1.479_819_860_511_658_591e-01)));
    let r = t2 + t1;
    let hfsq = 0.5 * f * f;
    // k as f64 through the rounding constant (AVX2 has no int64 -> double conversion).
    let kf = f64::from_bits(ROUND_MAGIC.to_bits().wrapping_add(k as u64)) - ROUND_MAGIC;
    kf * LN2_HI - ((hfsq - (s * (hfsq + r) + kf * LN2_LO)) - f)
}

/// `log(x)` with C's special values.
#[inline(always)]
pub(crate) fn log_f64(x: f64) -> f64 {
    let neg = x < 0.0;
    let zero = x == 0.0;
    // Feed a harmless 1.0 to the core for the special inputs.
    let special = x <= 0.0 || x.is_nan() || x == f64::INFINITY;
    let v = log_pos_f64(sel(special, 1.0, x));
    let v = sel(special, x, v);
    let v = sel(zero, f64::NEG_INFINITY, v);
    sel(neg, f64::NAN, v)
}

/// Vectorised `exp`.
pub(crate) struct VExp;
impl VecOp<f64> for VExp {
    #[inline(always)]
    fn f(x: f64) -> f64 {
        exp_f64(x)
    }
    #[inline(always)]
    fn flags(x: f64, r: f64) -> u8 {
        let over = x != f64::INFINITY && r == f64::INFINITY;
        let under = x != f64::NEG_INFINITY && r < f64::MIN_POSITIVE;
        ((over as u8) * fpe::OVERFLOW) | ((under as u8) * fpe::UNDERFLOW)
    }
}
impl VecOp<f32> for VExp {
    #[inline(always)]
    fn f(x: f32) -> f32 {
        exp_f64(x as f64) as f32
    }
    #[inline(always)]
    fn flags(x: f32, r: f32) -> u8 {
        let over = x != f32::INFINITY && r == f32::INFINITY;
        // NumPy's float32 loop also raises underflow for the smaller subnormal arguments.
        let under = (x != f32::NEG_INFINITY && r < f32::MIN_POSITIVE)
            || (x != 0.0 && x.abs() <= 8.147_905e-39);
        ((over as u8) * fpe::OVERFLOW) | ((under as u8) * fpe::UNDERFLOW)
    }
}

/// Vectorised `expm1`.
pub(crate) struct VExpm1;
impl VecOp<f64> for VExpm1 {
    #[inline(always)]
    fn f(x: f64) -> f64 {
        expm1_f64(x)
    }
    #[inline(always)]
    fn flags(x: f64, r: f64) -> u8 {
        ((x != f64::INFINITY && r == f64::INFINITY) as u8) * fpe::OVERFLOW
    }
}
impl VecOp<f32> for VExpm1 {
    #[inline(always)]
    fn f(x: f32) -> f32 {
        expm1_f64(x as f64) as f32
    }
    #[inline(always)]
    fn flags(x: f32, r: f32) -> u8 {
        ((x != f32::INFINITY && r == f32::INFINITY) as u8) * fpe::OVERFLOW
    }
}

/// Vectorised `log`.
pub(crate) struct VLog;
impl VecOp<f64> for VLog {
    #[inline(always)]
    fn f(x: f64) -> f64 {
        log_f64(x)
    }
    #[inline(always)]
    fn flags(x: f64, _r: f64) -> u8 {
        (((x < 0.0) as u8) * fpe::INVALID) | (((x == 0.0) as u8) * fpe::DIVIDE)
    }
}
impl VecOp<f32> for VLog {
    #[inline(always)]
    fn f(x: f32) -> f32 {
        log_f64(x as f64) as f32
    }
    #[inline(always)]
    fn flags(x: f32, _r: f32) -> u8 {
        (((x < 0.0) as u8) * fpe::INVALID) | (((x == 0.0) as u8) * fpe::DIVIDE)
    }
}
