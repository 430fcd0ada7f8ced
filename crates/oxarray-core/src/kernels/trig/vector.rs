//! Vectorised `sin`, `cos` and `tanh` for float32 and float64 (run by
//! [`simd::vunary`](crate::kernels::simd::vunary) at the AVX2 and AVX-512 levels).
//!
//! - `sin`/`cos`: fdlibm's (musl's) medium-range reduction by pi/2, with all three
//!   refinement steps always taken (pi/2 to ~118 bits as a double-double remainder), then
//!   musl's `__sin`/`__cos` kernels (< 1 ULP). Arguments with |x| > 2^19 pi/2, and
//!   infinities/NaN, take a scalar pass through libm (exact Payne-Hanek reduction).
//! - `tanh`: `t = expm1(2|x|)`, `tanh = sign(x) t / (t + 2)` (relative error of `t`
//!   carried, not amplified), |x| clamped to 20 where the result is ±1.
//!
//! float32 is computed in float64 and rounded once. Flags are NumPy's: `sin`/`cos` raise
//! invalid for ±inf; float64 `sin` raises underflow for subnormal arguments (glibc), and
//! NumPy's float32 loops raise underflow for 0 < |x| <= 2.655742e-19 (its polynomial's
//! intermediate); `tanh` raises nothing.

#![allow(clippy::excessive_precision)]

use crate::kernels::exp_log::vector::{expm1_f64, sel};
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
        }
        impl VecOp<f32> for $name {
            #[inline(always)]
            fn f(x: f32) -> f32 {
                sincos::<$cos>(x as f64) as f32
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
                big(x as f64)
            }
            #[inline(always)]
            fn fix(x: f32) -> f32 {
                x.$lib32()
            }
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
        tanh_f64(x as f64) as f32
    }
    #[inline(always)]
    fn flags(_x: f32, _r: f32) -> u8 {
        0
    }
}
