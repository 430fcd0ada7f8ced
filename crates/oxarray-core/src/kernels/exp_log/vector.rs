//! exp and log for float32/float64 written for the vectoriser: branch-free (selects only),
//! no library calls, integer exponent handling, so LLVM turns the contiguous loops into
//! SSE2/AVX2 code (NumPy's own SIMD versions are what the libm scalar loops were losing
//! to). The algorithms are fdlibm's (`e_exp.c`, `e_log.c`: < 1 ULP); float32 is computed
//! in float64 and rounded once. Special values and flags are NumPy's: `exp` overflows and
//! underflows through the final multiplication or narrowing (hardware flags), `exp(±inf)`
//! raises nothing, `log(0)` raises divide, `log(x < 0)` invalid (software flags).
//!
//! The libm versions in `scalar.rs` stay in use for float16 and are tested the same way.

// The constants are fdlibm's, written as published; they round to the intended doubles.
#![allow(clippy::excessive_precision)]

use super::super::builders::UnOp;
use crate::ufunc::loops::fpe;

const LN2_HI: f64 = 6.931_471_803_691_238_164_90e-01;
const LN2_LO: f64 = 1.908_214_929_270_587_700_02e-10;
const INV_LN2: f64 = std::f64::consts::LOG2_E;
/// 1.5 * 2^52: adding it rounds to an integer held in the low mantissa bits.
const ROUND_MAGIC: f64 = 6_755_399_441_055_744.0;

/// `exp(x)` for finite or infinite `x` (NaN propagates).
#[inline(always)]
fn exp_f64(x: f64) -> f64 {
    // Keep the arithmetic finite for infinities (selected at the end); clamped finite
    // arguments still overflow/underflow in the last multiplication, raising the flags.
    // NaN and infinities are replaced first with quiet tests (ordered compares, min/max
    // signal "invalid" on NaN in vector code).
    let xn = if x.is_nan() || x.is_infinite() {
        0.0
    } else {
        x
    };
    let xc = xn.clamp(-746.0, 710.0);
    let t = xc * INV_LN2 + ROUND_MAGIC;
    let kf = t - ROUND_MAGIC;
    let k = (t.to_bits() as i64).wrapping_sub(ROUND_MAGIC.to_bits() as i64);
    let hi = xc - kf * LN2_HI;
    let lo = kf * LN2_LO;
    let r = hi - lo;
    let rr = r * r;
    let c = r - rr
        * (1.666_666_666_666_660_190_37e-01
            + rr * (-2.777_777_777_701_559_338_42e-03
                + rr * (6.613_756_321_437_934_361_17e-05
                    + rr * (-1.653_390_220_546_525_153_90e-06
                        + rr * 4.138_136_797_057_238_460_39e-08))));
    let y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
    // y * 2^k as two exactly representable factors (k spans subnormal to overflow).
    // floor(k / 2) with a logical shift (AVX2 has no 64-bit arithmetic shift).
    let k1 = (((k + 2048) as u64) >> 1) as i64 - 1024;
    let k2 = k - k1;
    let s1 = f64::from_bits(((k1 + 1023) as u64) << 52);
    let s2 = f64::from_bits(((k2 + 1023) as u64) << 52);
    let res = y * s1 * s2;
    if x.is_nan() {
        x
    } else if x == f64::INFINITY {
        f64::INFINITY
    } else if x == f64::NEG_INFINITY {
        0.0
    } else {
        res
    }
}

/// `log(x)` for x > 0 finite (normal or subnormal); other inputs are selected by callers.
#[inline(always)]
fn log_pos_f64(x: f64) -> f64 {
    let sub = x < f64::MIN_POSITIVE;
    // Subnormals: scale by 2^54 (multiplier 1 otherwise, so nothing can overflow).
    let xs = x * if sub { 18_014_398_509_481_984.0 } else { 1.0 };
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

/// `log(x)` with C's special values; flags in software.
#[inline(always)]
fn log_f64(x: f64, fl: &mut u8) -> f64 {
    let neg = x.is_sign_negative() && x != 0.0 && !x.is_nan();
    let zero = x == 0.0;
    *fl |= ((neg as u8) * fpe::INVALID) | ((zero as u8) * fpe::DIVIDE);
    // Feed a harmless 1.0 to the core for the special inputs.
    let special = neg || zero || x.is_nan() || x == f64::INFINITY;
    let v = log_pos_f64(if special { 1.0 } else { x });
    if zero {
        f64::NEG_INFINITY
    } else if neg {
        f64::NAN
    } else if x.is_nan() || x == f64::INFINITY {
        x
    } else {
        v
    }
}

/// Vectorisable `exp`.
pub(crate) struct VExp;
impl UnOp<f64, f64> for VExp {
    #[inline(always)]
    fn f(a: f64, _fl: &mut u8) -> f64 {
        exp_f64(a)
    }
}
impl UnOp<f32, f32> for VExp {
    #[inline(always)]
    fn f(a: f32, _fl: &mut u8) -> f32 {
        // The narrowing raises overflow/underflow as expf would.
        exp_f64(a as f64) as f32
    }
}

/// Vectorisable `log`.
pub(crate) struct VLog;
impl UnOp<f64, f64> for VLog {
    #[inline(always)]
    fn f(a: f64, fl: &mut u8) -> f64 {
        log_f64(a, fl)
    }
}
impl UnOp<f32, f32> for VLog {
    #[inline(always)]
    fn f(a: f32, fl: &mut u8) -> f32 {
        log_f64(a as f64, fl) as f32
    }
}
