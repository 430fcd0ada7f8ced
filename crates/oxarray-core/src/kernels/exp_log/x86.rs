//! Explicit AVX-512 kernels of `exp` (float64) and `log` (float32, float64), run by
//! [`simd::vunary`](crate::kernels::simd::vunary) through `VecOp::PASS512` at the AVX-512
//! level (the AVX2 level runs the compiler-vectorised element functions of `vector.rs`).
//!
//! - `log`: `vgetmant`/`vgetexp` split x = 2^k m (subnormals included) with m in [1, 2),
//!   then m in [2/3, 4/3) (float32: the division-free polynomial of `vector.rs`) or
//!   [sqrt(2)/2, sqrt(2)) (float64: fdlibm's `s = f / (2 + f)` and its minimax polynomial
//!   in s^2, summed as `2s + s R` with fused multiply-adds: ~1.5 ULP, two operations fewer
//!   than fdlibm's exact-leading-term sum). Special values (found by one `vfpclass`) are
//!   selected afterwards, with NumPy's flags.
//! - `exp` (float64): x = (16 k + j) ln2/16 + r (ln2/16 in two parts), 2^(j/16) from a
//!   16-entry table by one two-register permute, `expm1(r)` by its Taylor polynomial to
//!   degree 7 (|r| <= ln2/32: truncation < 2^-60), and the scale 2^k by `vscalefpd`
//!   (one rounding for subnormal results, infinity on overflow).

#![allow(clippy::excessive_precision)]

use std::arch::x86_64::*;

use super::vector::LOG32_Q;
use crate::kernels::simd::avx512_pass;
use crate::ufunc::loops::fpe;

/// NaN (quiet or signalling), ±0, ±inf and negative finite values (`vfpclass` classes).
const SPECIAL: i32 = 0xdf;

/// `log` of 16 float32 lanes, with NumPy's flags (invalid for x < 0, divide for ±0).
#[inline]
#[target_feature(enable = "avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")]
fn log_ps(x: __m512) -> (__m512, u8) {
    let set = _mm512_set1_ps;
    let m = _mm512_getmant_ps::<_MM_MANT_NORM_1_2, _MM_MANT_SIGN_ZERO>(x);
    let e = _mm512_getexp_ps(x);
    let big = _mm512_cmp_ps_mask::<_CMP_GE_OQ>(m, set(4.0 / 3.0));
    let m = _mm512_mask_mul_ps(m, big, m, set(0.5));
    let e = _mm512_mask_add_ps(e, big, e, set(1.0));
    let f = _mm512_sub_ps(m, set(1.0));
    let mut q = set(LOG32_Q[6]);
    for c in LOG32_Q[..6].iter().rev() {
        q = _mm512_fmadd_ps(q, f, set(*c));
    }
    let p = _mm512_fmadd_ps(f, q, set(-0.5));
    let p = _mm512_fmadd_ps(_mm512_mul_ps(f, f), p, f);
    let v = _mm512_fmadd_ps(e, set(std::f32::consts::LN_2), p);
    let sp = _mm512_fpclass_ps_mask::<SPECIAL>(x);
    if sp == 0 {
        return (v, 0);
    }
    let zero = _mm512_cmp_ps_mask::<_CMP_EQ_OQ>(x, _mm512_setzero_ps());
    let neg = _mm512_cmp_ps_mask::<_CMP_LT_OQ>(x, _mm512_setzero_ps());
    let s = _mm512_mask_mov_ps(x, neg, set(f32::NAN));
    let s = _mm512_mask_mov_ps(s, zero, set(f32::NEG_INFINITY));
    let fl = ((neg != 0) as u8 * fpe::INVALID) | ((zero != 0) as u8 * fpe::DIVIDE);
    (_mm512_mask_mov_ps(v, sp, s), fl)
}

const LG1: f64 = 6.666_666_666_666_735_130e-01;
const LG2: f64 = 3.999_999_999_940_941_908e-01;
const LG3: f64 = 2.857_142_874_366_239_149e-01;
const LG4: f64 = 2.222_219_843_214_978_396e-01;
const LG5: f64 = 1.818_357_216_161_805_012e-01;
const LG6: f64 = 1.531_383_769_920_937_332e-01;
const LG7: f64 = 1.479_819_860_511_658_591e-01;
const LN2_HI: f64 = 6.931_471_803_691_238_164_90e-01;
const LN2_LO: f64 = 1.908_214_929_270_587_700_02e-10;

/// `log` of 8 float64 lanes, with NumPy's flags.
#[inline]
#[target_feature(enable = "avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")]
fn log_pd(x: __m512d) -> (__m512d, u8) {
    let set = _mm512_set1_pd;
    let m = _mm512_getmant_pd::<_MM_MANT_NORM_1_2, _MM_MANT_SIGN_ZERO>(x);
    let k = _mm512_getexp_pd(x);
    let big = _mm512_cmp_pd_mask::<_CMP_GT_OQ>(m, set(std::f64::consts::SQRT_2));
    let m = _mm512_mask_mul_pd(m, big, m, set(0.5));
    let k = _mm512_mask_add_pd(k, big, k, set(1.0));
    let f = _mm512_sub_pd(m, set(1.0));
    let s = _mm512_div_pd(f, _mm512_add_pd(set(2.0), f));
    // log1p(f) = 2 atanh(s) = 2s + s R, R = z (Lg1 + z Lg2 + ... + z^6 Lg7), z = s^2.
    let z = _mm512_mul_pd(s, s);
    let mut p = set(LG7);
    for c in [LG6, LG5, LG4, LG3, LG2, LG1] {
        p = _mm512_fmadd_pd(p, z, set(c));
    }
    let r = _mm512_mul_pd(z, p);
    let l = _mm512_fmadd_pd(s, r, _mm512_add_pd(s, s));
    let v = _mm512_fmadd_pd(k, set(LN2_HI), _mm512_fmadd_pd(k, set(LN2_LO), l));
    let sp = _mm512_fpclass_pd_mask::<SPECIAL>(x);
    if sp == 0 {
        return (v, 0);
    }
    let zero = _mm512_cmp_pd_mask::<_CMP_EQ_OQ>(x, _mm512_setzero_pd());
    let neg = _mm512_cmp_pd_mask::<_CMP_LT_OQ>(x, _mm512_setzero_pd());
    let s = _mm512_mask_mov_pd(x, neg, set(f64::NAN));
    let s = _mm512_mask_mov_pd(s, zero, set(f64::NEG_INFINITY));
    let fl = ((neg != 0) as u8 * fpe::INVALID) | ((zero != 0) as u8 * fpe::DIVIDE);
    (_mm512_mask_mov_pd(v, sp, s), fl)
}

/// 2^(j/16), j = 0..15, correctly rounded.
static EXP_T: [f64; 16] = [
    1.0,
    1.044_273_782_427_413_8,
    1.090_507_732_665_257_7,
    1.138_788_634_756_691_6,
    1.189_207_115_002_721,
    1.241_857_812_073_484,
    1.296_839_554_651_009_6,
    1.354_255_546_936_892_7,
    std::f64::consts::SQRT_2,
    1.476_826_145_939_499_3,
    1.542_210_825_407_940_7,
    1.610_490_331_949_254_3,
    1.681_792_830_507_429,
    1.756_252_160_373_299_5,
    1.834_008_086_409_342_4,
    1.915_206_561_397_147_4,
];

/// `exp` of 8 float64 lanes, with NumPy's flags (overflow for a finite argument with an
/// infinite result, underflow for a result below the smallest normal, except exp(-inf)).
#[inline]
#[target_feature(enable = "avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")]
fn exp_pd(x: __m512d) -> (__m512d, u8) {
    let set = _mm512_set1_pd;
    // min/max return their second operand for NaN: NaN flows through.
    let xc = _mm512_max_pd(set(-746.0), _mm512_min_pd(set(710.0), x));
    // 1.5 * 2^52: n = round(16 x / ln2) in the low mantissa bits of t.
    let magic = set(6_755_399_441_055_744.0);
    let t = _mm512_fmadd_pd(xc, set(16.0 * std::f64::consts::LOG2_E), magic);
    let n = _mm512_sub_pd(t, magic);
    let r = _mm512_fnmadd_pd(n, set(LN2_HI / 16.0), xc);
    let r = _mm512_fnmadd_pd(n, set(LN2_LO / 16.0), r);
    let mut p = set(1.0 / 5040.0);
    for c in [1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5] {
        p = _mm512_fmadd_pd(p, r, set(c));
    }
    let p = _mm512_fmadd_pd(_mm512_mul_pd(r, r), p, r);
    // SAFETY: two loads of 8 elements each from a 16-element static.
    let (lo, hi) = unsafe {
        (
            _mm512_loadu_pd(EXP_T.as_ptr()),
            _mm512_loadu_pd(EXP_T.as_ptr().add(8)),
        )
    };
    // The permute reads the low 4 bits of each index: n mod 16.
    let tj = _mm512_permutex2var_pd(lo, _mm512_castpd_si512(t), hi);
    let y = _mm512_fmadd_pd(tj, p, tj);
    // 2^floor(n / 16) = 2^k.
    let v = _mm512_scalef_pd(y, _mm512_mul_pd(n, set(1.0 / 16.0)));
    let inf = set(f64::INFINITY);
    let edge = _mm512_cmp_pd_mask::<_CMP_EQ_OQ>(v, inf)
        | _mm512_cmp_pd_mask::<_CMP_LT_OQ>(v, set(f64::MIN_POSITIVE));
    if edge == 0 {
        return (v, 0);
    }
    let over = _mm512_cmp_pd_mask::<_CMP_EQ_OQ>(v, inf) & _mm512_cmp_pd_mask::<_CMP_NEQ_OQ>(x, inf);
    let under = _mm512_cmp_pd_mask::<_CMP_LT_OQ>(v, set(f64::MIN_POSITIVE))
        & _mm512_cmp_pd_mask::<_CMP_NEQ_OQ>(x, set(f64::NEG_INFINITY));
    let fl = ((over != 0) as u8 * fpe::OVERFLOW) | ((under != 0) as u8 * fpe::UNDERFLOW);
    (v, fl)
}

avx512_pass!(pass_log_f32, f32, log_ps, 1.0);
avx512_pass!(pass_log_f64, f64, log_pd, 1.0);
avx512_pass!(pass_exp_f64, f64, exp_pd, 0.0);
