//! float32 sin and cos for the vectoriser: computed in float64 (Cody-Waite reduction by
//! pi/2, Taylor polynomials accurate to ~1e-12 on [-pi/4, pi/4]) and rounded once, so the
//! result is within ~0.5 ULP. Arguments beyond `REDUCE_MAX`, infinities and NaN take a
//! second, scalar pass through libm's `sinf`/`cosf` (exact argument reduction, NumPy's
//! flags: "invalid" for infinities). Inputs are processed in blocks copied to the stack,
//! so in-place calls (output = input) still see the original arguments in the second pass.

use crate::ufunc::loops::{LoopContext, LoopResult};

/// Largest |x| reduced here: k = round(x * 2/pi) < 2^17, so k * PIO2_HI (33 significant
/// bits) is exact and the reduced argument is accurate to ~1e-16.
const REDUCE_MAX: f32 = 1.0e5;

/// Whether |x| <= REDUCE_MAX, by an integer test on the magnitude bits (NaN and infinities
/// are larger): no float comparison, so no "invalid" for NaN in vector code.
#[inline(always)]
fn small(x: f32) -> bool {
    (x.to_bits() & 0x7fff_ffff) <= REDUCE_MAX.to_bits()
}
/// fdlibm's `pio2_1`: the first 33 bits of pi/2.
const PIO2_HI: f64 = f64::from_bits(0x3FF9_21FB_5440_0000);
/// fdlibm's `pio2_1t`: pi/2 - PIO2_HI.
const PIO2_LO: f64 = f64::from_bits(0x3DD0_B461_1A62_6331);
const TWO_OVER_PI: f64 = std::f64::consts::FRAC_2_PI;
const ROUND_MAGIC: f64 = 6_755_399_441_055_744.0;
const BLOCK: usize = 256;

/// (sin r, cos r) for |r| <= pi/4 by Taylor series (error below 1e-12).
#[inline(always)]
fn sin_cos_poly(r: f64) -> (f64, f64) {
    let z = r * r;
    let s = r
        * (1.0
            + z * (-1.0 / 6.0
                + z * (1.0 / 120.0
                    + z * (-1.0 / 5040.0
                        + z * (1.0 / 362_880.0
                            + z * (-1.0 / 39_916_800.0 + z / 6_227_020_800.0))))));
    let c = 1.0
        + z * (-0.5
            + z * (1.0 / 24.0
                + z * (-1.0 / 720.0
                    + z * (1.0 / 40_320.0
                        + z * (-1.0 / 3_628_800.0
                            + z * (1.0 / 479_001_600.0 - z / 87_178_291_200.0))))));
    (s, c)
}

/// sin (`COS = false`) or cos of an f32 argument with |x| <= REDUCE_MAX (others give a
/// placeholder fixed by the scalar pass).
#[inline(always)]
fn reduced<const COS: bool>(x: f32) -> f32 {
    let d = if small(x) { x as f64 } else { 0.0 };
    let t = d * TWO_OVER_PI + ROUND_MAGIC;
    let kf = t - ROUND_MAGIC;
    let q = (t.to_bits() as i64 as u64).wrapping_add(COS as u64) & 3;
    let r = (d - kf * PIO2_HI) - kf * PIO2_LO;
    let (s, c) = sin_cos_poly(r);
    // sin(r + q pi/2): q = 0: s, 1: c, 2: -s, 3: -c (cos is sin shifted by one quadrant).
    let v = if q & 1 == 0 { s } else { c };
    let v = if q & 2 == 0 { v } else { -v };
    v as f32
}

/// The loop.
///
/// # Safety
/// The `LoopFn` contract for one f32 input and one f32 output.
unsafe fn sincos_loop<const COS: bool>(
    _ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    let (ip, op) = (ptrs[0], ptrs[1]);
    let (is, os) = (strides[0], strides[1]);
    let mut buf = [0f32; BLOCK];
    let mut out = [0f32; BLOCK];
    let mut start = 0;
    while start < len {
        let n = (len - start).min(BLOCK);
        for (j, b) in buf[..n].iter_mut().enumerate() {
            // SAFETY: element start + j < len of the input (LoopFn contract).
            *b = unsafe { *(ip.offset((start + j) as isize * is) as *const f32) };
        }
        block::<COS>(&buf[..n], &mut out[..n]);
        for (j, x) in buf[..n].iter().enumerate() {
            if !small(*x) {
                out[j] = if COS { x.cos() } else { x.sin() };
            }
        }
        for (j, v) in out[..n].iter().enumerate() {
            // SAFETY: element start + j < len of the output (LoopFn contract).
            unsafe { *(op.offset((start + j) as isize * os) as *mut f32) = *v };
        }
        start += n;
    }
    Ok(())
}

/// The vectorised pass over one block (an AVX2 copy when the CPU has it).
#[inline(always)]
fn block<const COS: bool>(inp: &[f32], out: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: AVX2 is available.
        unsafe { block_avx2::<COS>(inp, out) };
        return;
    }
    block_plain::<COS>(inp, out);
}

#[inline(always)]
fn block_plain<const COS: bool>(inp: &[f32], out: &mut [f32]) {
    for (o, x) in out.iter_mut().zip(inp) {
        *o = reduced::<COS>(*x);
    }
}

/// # Safety
/// The CPU supports AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn block_avx2<const COS: bool>(inp: &[f32], out: &mut [f32]) {
    block_plain::<COS>(inp, out);
}

/// float32 `sin`.
///
/// # Safety
/// The `LoopFn` contract.
pub(crate) unsafe fn sin_f32(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    // SAFETY: forwarded.
    unsafe { sincos_loop::<false>(ctx, ptrs, len, strides) }
}

/// float32 `cos`.
///
/// # Safety
/// The `LoopFn` contract.
pub(crate) unsafe fn cos_f32(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    strides: &[isize],
) -> LoopResult {
    // SAFETY: forwarded.
    unsafe { sincos_loop::<true>(ctx, ptrs, len, strides) }
}
