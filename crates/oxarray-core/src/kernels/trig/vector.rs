//! Vectorised `sin`, `cos` and `tanh` for float32 and float64 (run by
//! [`simd::vunary`](crate::kernels::simd::vunary) at the AVX2 and AVX-512 levels).
//!
//! - float64 `sin`/`cos`: fdlibm's (musl's) medium-range reduction by pi/2, with all three
//!   refinement steps always taken (pi/2 to ~118 bits as a double-double remainder), then
//!   musl's `__sin`/`__cos` kernels (< 1 ULP). Arguments with |x| > 2^19 pi/2, and
//!   infinities/NaN, take a scalar pass through libm (exact Payne-Hanek reduction).
//! - float32 `sin`/`cos`: NumPy's own float32 algorithm in float32 lanes (Cody-Waite
//!   reduction by pi/2 in three parts, its degree-9 sine and degree-8 cosine polynomials;
//!   1.5 ULP); finite arguments beyond NumPy's limits (|x| > 117435.992 for sin,
//!   71476.0625 for cos) take the scalar pass through libm, as NumPy does.
//! - `tanh`: `t = expm1(2|x|)`, `tanh = sign(x) t / (t + 2)` (relative error of `t`
//!   carried, not amplified), |x| clamped to 20 where the result is ±1. float32: an odd
//!   polynomial for |x| <= 0.55, else `1 - 2 / (exp(2|x|) + 1)` (1.4 ULP).
//!
//! Flags are NumPy's: `sin`/`cos` raise
//! invalid for ±inf; float64 `sin` raises underflow for subnormal arguments (glibc), and
//! NumPy's float32 loops raise underflow for 0 < |x| <= 2.655742e-19 (its polynomial's
//! intermediate); `tanh` raises nothing.

#![allow(clippy::excessive_precision)]

use crate::kernels::exp_log::vector::{
    expm1_f64, expm1_poly32, pow2f, reduce32, sel, sel32, MAGIC32,
};
use crate::kernels::simd::VecOp;
use crate::ufunc::loops::fpe;

const INV_PIO2: f64 = std::f64::consts::FRAC_2_PI;
const PIO2_1: f64 = 1.570_796_326_734_125_614_17e+00;
const PIO2_2: f64 = 6.077_100_506_303_965_976_60e-11;
const PIO2_3: f64 = 2.022_266_248_711_166_455_80e-21;
const PIO2_3T: f64 = 8.478_427_660_368_899_569_97e-32;
const ROUND_MAGIC: f64 = 6_755_399_441_055_744.0;
/// Largest |x| reduced here (musl's medium case: |x| < 2^20 pi/2).
const REDUCE_MAX: f64 = 823_549.6;

/// Whether |x| is beyond the vector reduction (NaN and infinities included), as an
/// integer test on the magnitude bits.
#[inline(always)]
fn big(x: f64) -> bool {
    (x.to_bits() & 0x7fff_ffff_ffff_ffff) > REDUCE_MAX.to_bits()
}

/// (quadrant, r_hi, r_lo) with x = n pi/2 + r_hi + r_lo, for |x| <= REDUCE_MAX.
#[inline(always)]
fn rem_pio2(x: f64) -> (u64, f64, f64) {
    let t = x.mul_add(INV_PIO2, ROUND_MAGIC);
    let fnv = t - ROUND_MAGIC;
    let n = t.to_bits();
    // First step: x - fn pio2_1 is exact (fn pio2_1 has 33 + 20 bits). fdlibm's
    // second and third steps (for cancellations) are always taken: each refines the
    // previous one, and pio2_1t = pio2_2 + pio2_2t, pio2_2t = pio2_3 + pio2_3t.
    let t = x - fnv * PIO2_1;
    let w2 = fnv * PIO2_2;
    let r = t - w2;
    let t = r;
    let w3 = fnv * PIO2_3;
    let r = t - w3;
    let w = fnv * PIO2_3T - ((t - r) - w3);
    let y0 = r - w;
    let y1 = (r - y0) - w;
    (n, y0, y1)
}

const S1: f64 = -1.666_666_666_666_663_243_48e-01;
const S2: f64 = 8.333_333_333_322_489_461_24e-03;
const S3: f64 = -1.984_126_982_985_794_931_34e-04;
const S4: f64 = 2.755_731_370_707_006_767_89e-06;
const S5: f64 = -2.505_076_025_340_686_341_95e-08;
const S6: f64 = 1.589_690_995_211_550_102_21e-10;
const C1: f64 = 4.166_666_666_666_660_190_37e-02;
const C2: f64 = -1.388_888_888_887_410_957_49e-03;
const C3: f64 = 2.480_158_728_947_672_941_78e-05;
const C4: f64 = -2.755_731_435_139_066_330_35e-07;
const C5: f64 = 2.087_572_321_298_174_827_90e-09;
const C6: f64 = -1.135_964_755_778_819_482_65e-11;

/// musl's `__sin(x, y, 1)`: sin(x + y) for |x + y| <= pi/4.
#[inline(always)]
fn k_sin(x: f64, y: f64) -> f64 {
    let z = x * x;
    let w = z * z;
    let r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
    let v = z * x;
    x - ((z * (0.5 * y - v * r) - y) - v * S1)
}

/// musl's `__cos(x, y)`: cos(x + y) for |x + y| <= pi/4.
#[inline(always)]
fn k_cos(x: f64, y: f64) -> f64 {
    let z = x * x;
    let w = z * z;
    let r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
    let hz = 0.5 * z;
    let w = 1.0 - hz;
    w + (((1.0 - w) - hz) + (z * r - x * y))
}

/// sin (`COS = false`) or cos of `x` for |x| <= REDUCE_MAX (others: a placeholder).
#[inline(always)]
fn sincos<const COS: bool>(x: f64) -> f64 {
    let d = sel(big(x), 0.0, x);
    let (n, y0, y1) = rem_pio2(d);
    let q = n.wrapping_add(COS as u64) & 3;
    let s = k_sin(y0, y1);
    let c = k_cos(y0, y1);
    // sin(r + q pi/2): q = 0: s, 1: c, 2: -s, 3: -c (cos is sin one quadrant on).
    let v = sel(q & 1 == 0, s, c);
    let v = sel(q & 2 == 0, v, -v);
    // sin(-0.0) = -0.0 (the kernel gives it for x = -0.0 already; tiny x gives x).
    sel(!COS && x == 0.0, x, v)
}

const TWO_OVER_PI32: f32 = f32::from_bits(0x3f22_f983);
/// -pi/2 in three parts (Cody-Waite; NumPy's float32 constants).
const PIO2_1F: f32 = f32::from_bits(0xbfc9_0fd8);
const PIO2_2F: f32 = f32::from_bits(0xb4a8_885a);
const PIO2_3F: f32 = f32::from_bits(0xa7c2_34c4);
/// NumPy's float32 polynomials: cos on [-pi/4, pi/4] in r^2 (degree 8) and sin (degree 9).
const CF8: f32 = f32::from_bits(0x37cc_730b);
const CF6: f32 = f32::from_bits(0xbab6_036e);
const CF4: f32 = f32::from_bits(0x3d2a_aa9e);
const SF9: f32 = f32::from_bits(0x363e_9dde);
const SF7: f32 = f32::from_bits(0xb950_35dd);
const SF5: f32 = f32::from_bits(0x3c08_88cd);
const SF3: f32 = f32::from_bits(0xbe2a_aaab);
/// Largest |x| reduced in float32 (NumPy's limits of its Cody-Waite reduction); larger
/// finite arguments take the scalar pass.
const COS32_MAX: f32 = 71_476.062_5;
const SIN32_MAX: f32 = 117_435.992;

/// float32 sin (`COS = false`) or cos, NumPy's algorithm: r = x - q pi/2 (three parts),
/// both polynomials, selected and negated by the quadrant. NaN for infinities and NaN;
/// arguments beyond the limits give a placeholder (fixed by the scalar pass).
#[inline(always)]
fn sincos_f32<const COS: bool>(x: f32) -> f32 {
    let ok = x.abs() <= if COS { COS32_MAX } else { SIN32_MAX };
    let xx = sel32(ok, x, 0.0);
    let t = xx.mul_add(TWO_OVER_PI32, MAGIC32);
    let q = t - MAGIC32;
    let qi = (t.to_bits() as i32).wrapping_sub(MAGIC32.to_bits() as i32) + COS as i32;
    let r = q.mul_add(PIO2_1F, xx);
    let r = q.mul_add(PIO2_2F, r);
    let r = q.mul_add(PIO2_3F, r);
    let r2 = r * r;
    let c = CF8
        .mul_add(r2, CF6)
        .mul_add(r2, CF4)
        .mul_add(r2, -0.5)
        .mul_add(r2, 1.0);
    let sp = SF9.mul_add(r2, SF7).mul_add(r2, SF5).mul_add(r2, SF3);
    // As NumPy: (sp r2 + 0) r + r keeps sin(-0.0) = -0.0.
    let sv = sp.mul_add(r2, 0.0).mul_add(r, r);
    let v = sel32(qi & 1 == 0, sv, c);
    let v = sel32(qi & 2 == 0, v, -v);
    sel32(ok, v, f32::NAN)
}

/// Vectorised `sin`.
pub(crate) struct VSin;
/// Vectorised `cos`.
pub(crate) struct VCos;

macro_rules! sincos_op {
    ($name:ident, $cos:literal, $lib64:ident, $lib32:ident) => {
        impl VecOp<f64> for $name {
            #[inline(always)]
            fn f(x: f64) -> f64 {
                sincos::<$cos>(x)
            }
            #[inline(always)]
            fn flags(x: f64, _r: f64) -> u8 {
                let inf = x.abs() == f64::INFINITY;
                let under = !$cos && x != 0.0 && x.abs() < f64::MIN_POSITIVE;
                ((inf as u8) * fpe::INVALID) | ((under as u8) * fpe::UNDERFLOW)
            }
            const HAS_SLOW: bool = true;
            #[inline(always)]
            fn slow(x: f64) -> bool {
                big(x)
            }
            #[inline(always)]
            fn fix(x: f64) -> f64 {
                x.$lib64()
            }
            const QUIET: Option<(f64, f64)> = Some((-REDUCE_MAX, REDUCE_MAX));
            // float64 sin: underflow for subnormal arguments.
            const TINY: Option<f64> = if $cos {
                None
            } else {
                Some(f64::from_bits(0x000f_ffff_ffff_ffff))
            };
        }
        impl VecOp<f32> for $name {
            #[inline(always)]
            fn f(x: f32) -> f32 {
                sincos_f32::<$cos>(x)
            }
            #[inline(always)]
            fn flags(x: f32, _r: f32) -> u8 {
                let inf = x.abs() == f32::INFINITY;
                let under = x != 0.0 && x.abs() <= 2.655_742e-19;
                ((inf as u8) * fpe::INVALID) | ((under as u8) * fpe::UNDERFLOW)
            }
            const HAS_SLOW: bool = true;
            #[inline(always)]
            fn slow(x: f32) -> bool {
                x.abs() > if $cos { COS32_MAX } else { SIN32_MAX }
            }
            #[inline(always)]
            fn fix(x: f32) -> f32 {
                x.$lib32()
            }
            const QUIET: Option<(f32, f32)> = Some(if $cos {
                (-COS32_MAX, COS32_MAX)
            } else {
                (-SIN32_MAX, SIN32_MAX)
            });
            const TINY: Option<f32> = Some(2.655_742e-19);
        }
    };
}
sincos_op!(VSin, false, sin, sin);
sincos_op!(VCos, true, cos, cos);

/// `tanh(x)` (NaN and infinities included).
#[inline(always)]
fn tanh_f64(x: f64) -> f64 {
    let a = sel(x.is_nan(), 0.0, x.abs()).min(20.0);
    let t = expm1_f64(2.0 * a);
    let v = t / (t + 2.0);
    let v = sel(x.is_nan(), x, v);
    // sign(x) * v, keeping -0.0.
    f64::from_bits(v.to_bits() | (x.to_bits() & 0x8000_0000_0000_0000))
}

/// Coefficients of P in tanh(x) = x + x^3 P(x^2) for |x| <= 0.55 (a weighted
/// least-squares fit iterated towards minimax, 0.08 ULP).
const TANH32_P: [f32; 5] = [
    -0.333_333_194_255_828_86,
    0.133_326_023_817_062_38,
    -0.053_853_858_262_300_49,
    0.021_077_753_975_987_434,
    -0.006_282_466_929_405_928,
];

/// float32 `tanh(x)`: |x| <= 0.55 by the odd polynomial, else `1 - 2 / (exp(2|x|) + 1)`
/// (|x| clamped to 10, where the result rounds to 1), with the sign of x. 1.4 ULP.
#[inline(always)]
fn tanh_f32(x: f32) -> f32 {
    let nan = x.is_nan();
    let a = sel32(nan, 0.0, x.abs()).min(10.0);
    let (k, r) = reduce32(2.0 * a);
    let e = (1.0 + expm1_poly32(r)) * pow2f(k);
    let big = 1.0 - 2.0 / (e + 1.0);
    let z = a * a;
    let p = TANH32_P[4]
        .mul_add(z, TANH32_P[3])
        .mul_add(z, TANH32_P[2])
        .mul_add(z, TANH32_P[1])
        .mul_add(z, TANH32_P[0]);
    let small = (a * z).mul_add(p, a);
    let v = sel32(a <= 0.55, small, big);
    let v = sel32(nan, x, v);
    f32::from_bits(v.to_bits() | (x.to_bits() & 0x8000_0000))
}

/// Vectorised `tanh`.
pub(crate) struct VTanh;
impl VecOp<f64> for VTanh {
    #[inline(always)]
    fn f(x: f64) -> f64 {
        tanh_f64(x)
    }
    #[inline(always)]
    fn flags(_x: f64, _r: f64) -> u8 {
        0
    }
}
impl VecOp<f32> for VTanh {
    #[inline(always)]
    fn f(x: f32) -> f32 {
        tanh_f32(x)
    }
    #[inline(always)]
    fn flags(_x: f32, _r: f32) -> u8 {
        0
    }
}
