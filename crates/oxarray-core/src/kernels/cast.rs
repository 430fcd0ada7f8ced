//! Explicit AVX2 kernels for the hot contiguous casts out of float64 (`astype(float32)`,
//! `astype(int32)`), used by `dtype::cast::builtin_cast` at the AVX2 level (AVX2 CPUs such
//! as Zen 3, where the generic loop's per-element flag reduction costs more than the
//! conversion itself).
//!
//! Each kernel converts blocks of [`BLOCK`] elements with the hardware conversion (the
//! same instruction, hence the same result, as the generic loop's `as` / `cvt_i32`) and
//! keeps one cheap, conservative witness per block: the largest magnitude seen (float32)
//! or whether any lane converted to the integer indefinite value `i32::MIN` (int32). Only
//! a block whose witness says a flag *may* be raised is scanned again with the exact test
//! of `dtype::element` (the same predicates), so the flags are those of the generic loop.

#![cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]

#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

use crate::ufunc::loops::fpe;

/// Elements per block: the block's input is still in L1 for the rare exact re-scan.
const BLOCK: usize = 2048;

/// The smallest magnitude that rounds to infinity in float32 (as `dtype::element`).
const F32_LIMIT: f64 = 3.402_823_567_797_336_6e38;
/// 2^31 as f64 (exact).
const TWO_31: f64 = 2_147_483_648.0;

/// The exact overflow flag of float64 -> float32 for `x` (as `dtype::element`).
#[inline(always)]
fn f32_overflow(x: f64) -> u8 {
    (F32_LIMIT..f64::INFINITY).contains(&x.abs()) as u8 * fpe::OVERFLOW
}

/// The exact invalid flag of float64 -> int32 for `x` (as `dtype::element`).
#[inline(always)]
fn i32_invalid(x: f64) -> u8 {
    !(x > -TWO_31 - 1.0 && x < TWO_31) as u8 * fpe::INVALID
}

/// `dst[i] = src[i] as f32` for `i < n`; returns the flags (bits of `fpe`).
///
/// # Safety
/// `src` readable and `dst` writable for `n` elements (any alignment), not overlapping;
/// the CPU supports AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
pub(crate) unsafe fn f64_to_f32(src: *const f64, dst: *mut f32, n: usize) -> u8 {
    let abs = _mm256_castsi256_pd(_mm256_set1_epi64x(i64::MAX));
    let mut flags = 0u8;
    let mut i = 0;
    while i < n {
        let m = (n - i).min(BLOCK);
        let (s, d) = (src.wrapping_add(i), dst.wrapping_add(i));
        let mut mx = _mm256_setzero_pd();
        let mut j = 0;
        // SAFETY (this block): elements j < m of the block are in range (caller).
        unsafe {
            while j + 16 <= m {
                let a = _mm256_loadu_pd(s.add(j));
                let b = _mm256_loadu_pd(s.add(j + 4));
                let c = _mm256_loadu_pd(s.add(j + 8));
                let e = _mm256_loadu_pd(s.add(j + 12));
                // max_pd returns its second operand when either is NaN: NaN is ignored
                // (it raises nothing), infinities are kept (re-scanned, exact test).
                mx = _mm256_max_pd(_mm256_and_pd(a, abs), mx);
                mx = _mm256_max_pd(_mm256_and_pd(b, abs), mx);
                mx = _mm256_max_pd(_mm256_and_pd(c, abs), mx);
                mx = _mm256_max_pd(_mm256_and_pd(e, abs), mx);
                _mm_storeu_ps(d.add(j), _mm256_cvtpd_ps(a));
                _mm_storeu_ps(d.add(j + 4), _mm256_cvtpd_ps(b));
                _mm_storeu_ps(d.add(j + 8), _mm256_cvtpd_ps(c));
                _mm_storeu_ps(d.add(j + 12), _mm256_cvtpd_ps(e));
                j += 16;
            }
            let mut lanes = [0f64; 4];
            _mm256_storeu_pd(lanes.as_mut_ptr(), mx);
            let mut suspect = lanes.iter().any(|&v| v >= F32_LIMIT);
            while j < m {
                let x = *s.add(j);
                *d.add(j) = x as f32;
                suspect |= f32_overflow(x) != 0;
                j += 1;
            }
            if suspect {
                for k in 0..m {
                    flags |= f32_overflow(*s.add(k));
                }
            }
        }
        i += m;
    }
    flags
}

/// `dst[i] = cvttsd2si(src[i])` into int32 for `i < n` (`i32::MIN` for NaN and out of
/// range, as x86 and NumPy); returns the flags (bits of `fpe`).
///
/// # Safety
/// As [`f64_to_f32`].
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
pub(crate) unsafe fn f64_to_i32(src: *const f64, dst: *mut i32, n: usize) -> u8 {
    let min = _mm_set1_epi32(i32::MIN);
    let mut flags = 0u8;
    let mut i = 0;
    while i < n {
        let m = (n - i).min(BLOCK);
        let (s, d) = (src.wrapping_add(i), dst.wrapping_add(i));
        let mut hit = _mm_setzero_si128();
        let mut j = 0;
        // SAFETY (this block): elements j < m of the block are in range (caller).
        unsafe {
            while j + 16 <= m {
                let a = _mm256_cvttpd_epi32(_mm256_loadu_pd(s.add(j)));
                let b = _mm256_cvttpd_epi32(_mm256_loadu_pd(s.add(j + 4)));
                let c = _mm256_cvttpd_epi32(_mm256_loadu_pd(s.add(j + 8)));
                let e = _mm256_cvttpd_epi32(_mm256_loadu_pd(s.add(j + 12)));
                // Every flagged argument converts to i32::MIN (the converse is rare:
                // arguments truncating to -2^31); such a block is re-scanned with the
                // exact test.
                let h = _mm_or_si128(
                    _mm_or_si128(_mm_cmpeq_epi32(a, min), _mm_cmpeq_epi32(b, min)),
                    _mm_or_si128(_mm_cmpeq_epi32(c, min), _mm_cmpeq_epi32(e, min)),
                );
                hit = _mm_or_si128(hit, h);
                _mm_storeu_si128(d.add(j) as *mut __m128i, a);
                _mm_storeu_si128(d.add(j + 4) as *mut __m128i, b);
                _mm_storeu_si128(d.add(j + 8) as *mut __m128i, c);
                _mm_storeu_si128(d.add(j + 12) as *mut __m128i, e);
                j += 16;
            }
            let mut suspect = _mm_movemask_epi8(hit) != 0;
            while j < m {
                let x = *s.add(j);
                let bad = i32_invalid(x);
                // `as` saturates; the hardware gives i32::MIN for every flagged argument.
                *d.add(j) = if bad == 0 { x as i32 } else { i32::MIN };
                suspect |= bad != 0;
                j += 1;
            }
            if suspect {
                for k in 0..m {
                    flags |= i32_invalid(*s.add(k));
                }
            }
        }
        i += m;
    }
    flags
}
