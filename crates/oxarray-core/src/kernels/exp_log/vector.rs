//! Vectorised `exp`, `expm1` and `log` for float32 and float64 (run by
//! [`simd::vunary`](crate::kernels::simd::vunary) at the AVX2 and AVX-512 levels; at the
//! AVX-512 level float64 `exp`/`log` and float32 `log` run the explicit kernels of
//! `x86.rs` instead).
//!
//! Element functions are branch-free (selects, integer bit tricks, fused multiply-adds), so
//! LLVM vectorises the loops (8 float32 lanes with AVX2, 16 with AVX-512).
//! - `exp`/`expm1`: Cody-Waite reduction `x = k ln2 + r`, |r| <= ln2/2 (ln2 in two parts),
//!   `expm1(r)` by a polynomial (float64: Taylor to degree 14, truncation < 2^-58;
//!   float32: SLEEF's `expf` minimax polynomial), then `2^k (1 + p)`, the scale applied as
//!   two exact powers of two (subnormal results round once). Max error ~1 ULP (float32
//!   `expm1` 1.4 ULP).
//! - `log`: float64 fdlibm's `e_log.c` (m in [sqrt(2)/2, sqrt(2)), `s = f / (2 + f)`,
//!   minimax polynomial in s^2; < 1 ULP); float32 division-free: m in [2/3, 4/3),
//!   `log1p(f) = f + f^2 (-1/2 + f Q(f))` with a fitted degree-6 Q (1.23 ULP).
//!
//! Flags are NumPy's (measured on its AVX-512 loops): `exp` overflow for a finite argument
//! whose result is infinite, underflow for a result below the smallest normal (and, in
//! float32, for a subnormal argument up to 8.147905e-39, as NumPy's float32 loop raises);
//! `expm1` overflow only; `log` divide by zero
//! for ±0, invalid for negative arguments (also -inf); nothing for NaN or ±inf in `exp`.

// Published constants (fdlibm) and 1/n!: written in full, they round to the intended doubles.
#![allow(clippy::excessive_precision)]

use crate::kernels::simd::{self, PassFn, VecOp};
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

/// Select without a branch (float32).
#[inline(always)]
pub(crate) fn sel32(c: bool, a: f32, b: f32) -> f32 {
    if c {
        a
    } else {
        b
    }
}

/// 1.5 * 2^23: adding it rounds |v| < 2^22 to an integer held in the low mantissa bits.
pub(crate) const MAGIC32: f32 = 12_582_912.0;
/// ln 2 in two parts (SLEEF's): `k * L2U` is exact for |k| < 2^11.
const L2U32: f32 = 0.693_145_751_953_125;
const L2L32: f32 = 1.428_606_765_330_187_045e-06;

/// 2^k as a float32 for -126 <= k <= 127.
#[inline(always)]
pub(crate) fn pow2f(k: i32) -> f32 {
    f32::from_bits(((k + 127) as u32) << 23)
}

/// (k, r) with x = k ln2 + r, |r| <= ~ln2/2, for |x| <= 104.
#[inline(always)]
pub(crate) fn reduce32(x: f32) -> (i32, f32) {
    let t = x.mul_add(std::f32::consts::LOG2_E, MAGIC32);
    let kf = t - MAGIC32;
    let k = (t.to_bits() as i32).wrapping_sub(MAGIC32.to_bits() as i32);
    let r = (-kf).mul_add(L2U32, x);
    (k, (-kf).mul_add(L2L32, r))
}

/// `expm1(s)` for |s| <= ln2/2 (SLEEF's `expf` minimax polynomial).
#[inline(always)]
pub(crate) fn expm1_poly32(s: f32) -> f32 {
    let u = 1.985_276_176_128_536_462_783_81e-4_f32
        .mul_add(s, 1.393_043_552_525_341_510_772_71e-3)
        .mul_add(s, 8.333_360_776_305_198_669_433_59e-3)
        .mul_add(s, 4.166_648_536_920_547_485_351_56e-2)
        .mul_add(s, 1.666_666_716_337_203_979_492_19e-1)
        .mul_add(s, 0.5);
    (s * s).mul_add(u, s)
}

/// `exp(x)` in float32 (NaN and infinities included).
#[inline(always)]
pub(crate) fn exp_f32(x: f32) -> f32 {
    // exp(89) overflows and exp(-104) rounds to 0: the clamp keeps those results.
    let nan = x.is_nan();
    let xc = sel32(nan, 0.0, x).clamp(-104.0, 89.0);
    let (k, r) = reduce32(xc);
    let y = 1.0 + expm1_poly32(r);
    // y 2^k as two exact powers of two (subnormal results round once).
    let k1 = k >> 1;
    let res = y * pow2f(k1) * pow2f(k - k1);
    sel32(nan, x, res)
}

/// `expm1(x)` in float32 (NaN and infinities included).
#[inline(always)]
pub(crate) fn expm1_f32(x: f32) -> f32 {
    let nan = x.is_nan();
    // Below -18 the result rounds to -1; beyond 89 it overflows.
    let xc = sel32(nan, 0.0, x).clamp(-18.0, 89.0);
    let (k, r) = reduce32(xc);
    let p = expm1_poly32(r);
    let k1 = k >> 1;
    let (s1, s2) = (pow2f(k1), pow2f(k - k1));
    let s = s1 * s2;
    // 2^k p + (2^k - 1), exact 2^k - 1 for k <= 24; the scale in two halves near overflow.
    let res_small = s.mul_add(p, s - 1.0);
    let res_big = ((p + 1.0) * s1) * s2 - 1.0;
    let res = sel32(k <= 24, res_small, res_big);
    // expm1(x) = x for |x| < 2^-25 (keeps -0.0 and subnormals).
    let res = sel32(x.abs() < 2.980_232_2e-8, x, res);
    let res = sel32(x > 89.0, f32::INFINITY, res);
    sel32(nan, x, res)
}

/// Coefficients of Q in log1p(f) = f + f^2 (-1/2 + f Q(f)) on [-1/3, 1/3] (a weighted
/// least-squares fit, iterated towards minimax; 1.23 ULP over all float32).
pub(crate) const LOG32_Q: [f32; 7] = [
    0.333_331_793_546_676_64,
    -0.250_042_557_716_369_63,
    0.200_130_879_878_997_8,
    -0.164_719_060_063_362_12,
    0.139_580_219_984_054_57,
    -0.151_246_055_960_655_2,
    0.142_271_980_643_272_4,
];

/// log1p(f) for |f| <= 1/3, division-free.
#[inline(always)]
pub(crate) fn log1p_poly32(f: f32) -> f32 {
    let q = LOG32_Q[6]
        .mul_add(f, LOG32_Q[5])
        .mul_add(f, LOG32_Q[4])
        .mul_add(f, LOG32_Q[3])
        .mul_add(f, LOG32_Q[2])
        .mul_add(f, LOG32_Q[1])
        .mul_add(f, LOG32_Q[0]);
    (f * f).mul_add(f.mul_add(q, -0.5), f)
}

/// `log(x)` in float32 with C's special values: x = 2^k m, m in [2/3, 4/3).
#[inline(always)]
pub(crate) fn log_f32(x: f32) -> f32 {
    let ok = x > 0.0 && x < f32::INFINITY;
    let xx = sel32(ok, x, 1.0);
    let sub = xx < f32::MIN_POSITIVE;
    let xs = xx * sel32(sub, 8_388_608.0, 1.0);
    let ix = xs.to_bits() as i32;
    // bits(2/3) = 0x3f2aaaab: the exponent of ix - bits(2/3) is k.
    let e = ix.wrapping_sub(0x3f2a_aaab) >> 23;
    let k = e - if sub { 23 } else { 0 };
    let m = f32::from_bits(ix.wrapping_sub(e << 23) as u32);
    let v = (k as f32).mul_add(std::f32::consts::LN_2, log1p_poly32(m - 1.0));
    // Special values: -inf for ±0, NaN for x < 0, x itself for NaN and +inf.
    let sp = sel32(x == 0.0, f32::NEG_INFINITY, sel32(x < 0.0, f32::NAN, x));
    sel32(ok, v, sp)
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
    #[cfg(target_arch = "x86_64")]
    const PASS512: Option<PassFn<f64>> = Some(super::x86::pass_exp_f64);
    const QUIET: Option<(f64, f64)> = Some((-708.0, 709.0));
}
impl VecOp<f32> for VExp {
    #[inline(always)]
    fn f(x: f32) -> f32 {
        exp_f32(x)
    }
    #[inline(always)]
    fn flags(x: f32, r: f32) -> u8 {
        let over = x != f32::INFINITY && r == f32::INFINITY;
        // NumPy's float32 loop also raises underflow for the smaller subnormal arguments.
        let under = (x != f32::NEG_INFINITY && r < f32::MIN_POSITIVE)
            || (x != 0.0 && x.abs() <= 8.147_905e-39);
        ((over as u8) * fpe::OVERFLOW) | ((under as u8) * fpe::UNDERFLOW)
    }
    const QUIET: Option<(f32, f32)> = Some((-87.0, 88.0));
    const TINY: Option<f32> = Some(8.147_905e-39);
}

/// Vectorised `expm1`. NumPy raises underflow for subnormal arguments where it calls libm
/// (CPUs without AVX512_SKX) and not where it runs SVML ([`simd::numpy_svml`]).
pub(crate) struct VExpm1;
impl VecOp<f64> for VExpm1 {
    #[inline(always)]
    fn f(x: f64) -> f64 {
        expm1_f64(x)
    }
    #[inline(always)]
    fn flags(x: f64, r: f64) -> u8 {
        let under = x != 0.0 && x.abs() < f64::MIN_POSITIVE && !simd::numpy_svml();
        (((x != f64::INFINITY && r == f64::INFINITY) as u8) * fpe::OVERFLOW)
            | ((under as u8) * fpe::UNDERFLOW)
    }
    const QUIET: Option<(f64, f64)> = Some((f64::NEG_INFINITY, 709.0));
    // Subnormal arguments: libm's underflow (see `flags`).
    const TINY: Option<f64> = Some(f64::MIN_POSITIVE);
}
impl VecOp<f32> for VExpm1 {
    #[inline(always)]
    fn f(x: f32) -> f32 {
        expm1_f32(x)
    }
    #[inline(always)]
    fn flags(x: f32, r: f32) -> u8 {
        let under = x != 0.0 && x.abs() < f32::MIN_POSITIVE && !simd::numpy_svml();
        (((x != f32::INFINITY && r == f32::INFINITY) as u8) * fpe::OVERFLOW)
            | ((under as u8) * fpe::UNDERFLOW)
    }
    const QUIET: Option<(f32, f32)> = Some((f32::NEG_INFINITY, 88.0));
    // Subnormal arguments: libm's underflow (see `flags`).
    const TINY: Option<f32> = Some(f32::MIN_POSITIVE);
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
    #[cfg(target_arch = "x86_64")]
    const PASS512: Option<PassFn<f64>> = Some(super::x86::pass_log_f64);
    const QUIET: Option<(f64, f64)> = Some((5e-324, f64::INFINITY));
}
impl VecOp<f32> for VLog {
    #[inline(always)]
    fn f(x: f32) -> f32 {
        log_f32(x)
    }
    #[inline(always)]
    fn flags(x: f32, _r: f32) -> u8 {
        (((x < 0.0) as u8) * fpe::INVALID) | (((x == 0.0) as u8) * fpe::DIVIDE)
    }
    #[cfg(target_arch = "x86_64")]
    const PASS512: Option<PassFn<f32>> = Some(super::x86::pass_log_f32);
    const QUIET: Option<(f32, f32)> = Some((1e-45, f32::INFINITY));
}
