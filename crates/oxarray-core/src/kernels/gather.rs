//! Strided-to-contiguous copies of every second item (`a[::2].copy()`, `a[1:-1:2]`, one
//! column of a two-column array), the copy driver's (`iter::copy_run`) vector path.
//!
//! The generic strided loop moves one item per load and store; here two 32-byte loads
//! cover eight (float32-sized) or four (float64-sized) items, one shuffle and one lane
//! permutation keep the even ones, and one 32-byte store writes them. Items are moved as
//! bits (shuffles never touch a value: NaN payloads, signalling NaNs and integers pass
//! through unchanged), so the result is the generic loop's byte for byte.
//!
//! A vector load reads the item slot after the last item it keeps, so the vector loop
//! stops while at least one more item follows; the rest goes item by item.

#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

/// Copy `n` items of `size` bytes from `src` (stride `ss` bytes) to the contiguous `dst`
/// with a vector kernel, when there is one for this size and stride (`ss == 2 * size`,
/// `size` 4 or 8, an AVX2 CPU); `false` (nothing written) otherwise.
///
/// # Safety
/// Every `src + i*ss` (`i < n`) is a valid item and `dst` is writable for `n` items; the
/// runs do not overlap.
#[inline]
pub unsafe fn every_second_to_contig(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    n: usize,
    size: usize,
) -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        if n < 16 || ss != 2 * size as isize || !super::simd::has_avx2() {
            return false;
        }
        match size {
            // SAFETY: forwarded; AVX2 is present.
            8 => unsafe { every_second_8(src, dst, n) },
            // SAFETY: as above.
            4 => unsafe { every_second_4(src, dst, n) },
            _ => return false,
        }
        true
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (src, ss, dst, n, size);
        false
    }
}

/// `dst[i] = src[2 i]` for 8-byte items, `i < n`.
///
/// # Safety
/// As [`every_second_to_contig`] with `ss == 16`; the CPU supports AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn every_second_8(src: *const u8, dst: *mut u8, n: usize) {
    let (s, d) = (src as *const f64, dst as *mut f64);
    let mut i = 0;
    // Eight items per step; the loads reach the slot after item i + 7, inside the run
    // while item i + 8 exists.
    while i + 9 <= n {
        // SAFETY: source elements 2i..2i+16 lie at or before item i + 8 (valid); items
        // i..i+8 of the destination are writable.
        unsafe {
            let a = _mm256_loadu_pd(s.add(2 * i));
            let b = _mm256_loadu_pd(s.add(2 * i + 4));
            let c = _mm256_loadu_pd(s.add(2 * i + 8));
            let e = _mm256_loadu_pd(s.add(2 * i + 12));
            // unpacklo: [a0 b0 | a2 b2]; lanes 0, 2, 1, 3: [a0 a2 b0 b2].
            let x = _mm256_permute4x64_pd::<0xD8>(_mm256_unpacklo_pd(a, b));
            let y = _mm256_permute4x64_pd::<0xD8>(_mm256_unpacklo_pd(c, e));
            _mm256_storeu_pd(d.add(i), x);
            _mm256_storeu_pd(d.add(i + 4), y);
        }
        i += 8;
    }
    while i < n {
        // SAFETY: item i of both runs.
        unsafe {
            (dst as *mut u64)
                .add(i)
                .write_unaligned((src as *const u64).add(2 * i).read_unaligned())
        };
        i += 1;
    }
}

/// `dst[i] = src[2 i]` for 4-byte items, `i < n`.
///
/// # Safety
/// As [`every_second_to_contig`] with `ss == 8`; the CPU supports AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn every_second_4(src: *const u8, dst: *mut u8, n: usize) {
    let (s, d) = (src as *const f32, dst as *mut f32);
    let mut i = 0;
    // Sixteen items per step, as in `every_second_8`.
    while i + 17 <= n {
        // SAFETY: source elements 2i..2i+32 lie at or before item i + 16 (valid); items
        // i..i+16 of the destination are writable.
        unsafe {
            let a = _mm256_loadu_ps(s.add(2 * i));
            let b = _mm256_loadu_ps(s.add(2 * i + 8));
            let c = _mm256_loadu_ps(s.add(2 * i + 16));
            let e = _mm256_loadu_ps(s.add(2 * i + 24));
            // shuffle 0x88: [a0 a2 b0 b2 | a4 a6 b4 b6]; 64-bit lanes 0, 2, 1, 3:
            // [a0 a2 a4 a6 b0 b2 b4 b6].
            let x = _mm256_castpd_ps(_mm256_permute4x64_pd::<0xD8>(_mm256_castps_pd(
                _mm256_shuffle_ps::<0x88>(a, b),
            )));
            let y = _mm256_castpd_ps(_mm256_permute4x64_pd::<0xD8>(_mm256_castps_pd(
                _mm256_shuffle_ps::<0x88>(c, e),
            )));
            _mm256_storeu_ps(d.add(i), x);
            _mm256_storeu_ps(d.add(i + 8), y);
        }
        i += 16;
    }
    while i < n {
        // SAFETY: item i of both runs.
        unsafe {
            (dst as *mut u32)
                .add(i)
                .write_unaligned((src as *const u32).add(2 * i).read_unaligned())
        };
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check<const S: usize>() {
        // Bytes that are no valid float pattern in particular (NaN payloads included).
        let src: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for off in [0usize, 1, 3, 8] {
            for n in 0..200usize {
                // With `off == 0` the run ends exactly at the buffer's end (a read past
                // the last item would be caught by the sanitizer / Miri); other offsets
                // shift the start off any alignment.
                let span = if n == 0 { 0 } else { (n - 1) * 2 * S + S };
                let start = src.len() - off - span;
                let mut got = vec![0u8; n * S + 5];
                // SAFETY: items start + 2 i S (i < n) lie inside `src`; `got` holds n items.
                let done = unsafe {
                    every_second_to_contig(
                        src.as_ptr().add(start),
                        2 * S as isize,
                        got.as_mut_ptr().add(1),
                        n,
                        S,
                    )
                };
                if !done {
                    continue;
                }
                for i in 0..n {
                    let a = &src[start + 2 * i * S..start + 2 * i * S + S];
                    assert_eq!(&got[1 + i * S..1 + i * S + S], a, "n={n} i={i}");
                }
                assert_eq!(got[0], 0);
                assert!(got[1 + n * S..].iter().all(|&b| b == 0));
            }
        }
    }

    #[test]
    fn every_second_matches_item_by_item() {
        check::<4>();
        check::<8>();
    }
}
