//! The streaming store path: how outputs far bigger than the last-level cache are written.
//!
//! An ordinary store to a line that is not cached first reads the line from memory (a
//! read for ownership), so `add(a, b, out=)` over arrays bigger than the caches moves four
//! arrays' worth of bytes for three. Non-temporal stores write whole lines without that
//! read, as glibc's `memcpy` does above a size threshold. The policy (which outputs are big
//! enough: [`crate::exec::stream_out_bytes`], [`crate::exec::stream_copy_bytes`]) is the
//! execution policy's; this module is the mechanism every streamed writer uses:
//!
//! - [`copy_stream`]: copy a run with non-temporal stores (32-byte AVX stores where the CPU
//!   has AVX2, 16-byte SSE2 stores otherwise), ending with a store fence;
//! - [`lead_items`]: the first chunk of a chunked writer, so the later ones start on line
//!   boundaries (every line then written wholly by non-temporal stores, or wholly not);
//! - [`STAGE_BYTES`]: the size of the L1 staging chunk of a streamed elementwise loop or
//!   cast (the kernel computes a chunk into a stack buffer, then [`copy_stream`] writes
//!   it out). Small chunks keep the loads of the inputs and the streamed stores of the
//!   output interleaved: measured on the Zen 3 machine (a C model of `add(a, b, out=)`
//!   1e7 float64, same process, alternating), 256–512-byte chunks ran as fast as storing
//!   straight from the registers, while 8 KiB chunks were ~20% slower.
//!
//! Results are the kernels' own (computed into the buffer, then copied), so streaming
//! never changes a bit of the output.

/// Bytes of the L1 staging chunk of a streamed loop (see the module docs).
pub const STAGE_BYTES: usize = 512;

/// Items of `item` bytes a streamed writer puts in its first chunk so that `dst` then
/// sits on a 64-byte line boundary (`max` when it already does, or when items cannot
/// reach one). Its later chunks, whole multiples of 64 bytes, then start and end on line
/// boundaries, and no line is written partly with plain stores (the head or tail of a
/// [`stream_chunk`]) and partly with non-temporal ones: such a mixed line costs a
/// write-back and a reload for every chunk (`add(a, b, out=)` into a 72 MB float64 array
/// allocated by NumPy, whose data is 16-byte aligned, ran five times slower than into
/// a 64-byte aligned one on the Zen 2 machine).
#[inline]
pub fn lead_items(dst: *const u8, item: usize, max: usize) -> usize {
    let mis = dst as usize % 64;
    if mis == 0 || item == 0 || 64 % item != 0 || mis % item != 0 {
        return max;
    }
    ((64 - mis) / item).min(max)
}

/// Copy `bytes` bytes from `src` to `dst` with non-temporal stores where the target has
/// them, ending with a store fence so the data is visible to any thread that synchronises
/// with this one afterwards (a worker's stores are visible to the caller once it joins).
///
/// # Safety
/// `src` readable and `dst` writable for `bytes` bytes; no overlap.
pub unsafe fn copy_stream(src: *const u8, dst: *mut u8, bytes: usize) {
    // SAFETY: forwarded.
    unsafe { stream_chunk(src, dst, bytes) };
    stream_fence();
}

/// [`copy_stream`] without the closing fence, for a writer streaming many chunks in a
/// row (a fence drains the write-combining buffers: one per 512-byte chunk costs more
/// than the streaming saves). The writer calls [`stream_fence`] once after its last chunk,
/// before its results are handed to another thread or read back.
///
/// # Safety
/// As [`copy_stream`].
#[inline]
pub unsafe fn stream_chunk(src: *const u8, dst: *mut u8, bytes: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        if super::simd::has_avx2() {
            // SAFETY: forwarded; AVX2 (hence AVX) is available.
            unsafe { stream_avx(src, dst, bytes) };
        } else {
            // SAFETY: forwarded.
            unsafe { stream_sse2(src, dst, bytes) };
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    // SAFETY: forwarded.
    unsafe {
        std::ptr::copy_nonoverlapping(src, dst, bytes)
    };
}

/// Order every earlier non-temporal store of this thread before its later stores (`sfence`).
#[inline]
pub fn stream_fence() {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `sfence` has no operands and no preconditions.
    unsafe {
        std::arch::x86_64::_mm_sfence()
    };
}

/// # Safety
/// As [`stream_chunk`]; the CPU supports AVX.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
unsafe fn stream_avx(src: *const u8, dst: *mut u8, bytes: usize) {
    use std::arch::x86_64::{__m256i, _mm256_loadu_si256, _mm256_stream_si256};
    let head = ((dst as usize).next_multiple_of(64) - dst as usize).min(bytes);
    if head > 0 {
        // SAFETY: the first `head` bytes, in range by contract.
        unsafe { std::ptr::copy_nonoverlapping(src, dst, head) };
    }
    let body = (bytes - head) / 64 * 64;
    let (s, d) = (src.wrapping_add(head), dst.wrapping_add(head));
    let mut off = 0;
    while off < body {
        // SAFETY: 64 bytes at `off < body` are in range; `d + off` is 64-aligned.
        unsafe {
            let p = s.add(off) as *const __m256i;
            let q = d.add(off) as *mut __m256i;
            let (a, b) = (_mm256_loadu_si256(p), _mm256_loadu_si256(p.add(1)));
            _mm256_stream_si256(q, a);
            _mm256_stream_si256(q.add(1), b);
        }
        off += 64;
    }
    if head + body < bytes {
        // SAFETY: the tail, in range by contract.
        unsafe { std::ptr::copy_nonoverlapping(s.add(body), d.add(body), bytes - head - body) };
    }
}

/// # Safety
/// As [`stream_chunk`].
#[cfg(target_arch = "x86_64")]
unsafe fn stream_sse2(src: *const u8, dst: *mut u8, bytes: usize) {
    use std::arch::x86_64::{__m128i, _mm_loadu_si128, _mm_stream_si128};
    let head = ((dst as usize).next_multiple_of(64) - dst as usize).min(bytes);
    if head > 0 {
        // SAFETY: the first `head` bytes, in range by contract.
        unsafe { std::ptr::copy_nonoverlapping(src, dst, head) };
    }
    let body = (bytes - head) / 64 * 64;
    let (s, d) = (src.wrapping_add(head), dst.wrapping_add(head));
    let mut off = 0;
    while off < body {
        // SAFETY: 64 bytes at `off < body` are in range; `d + off` is 64-aligned.
        unsafe {
            let p = s.add(off) as *const __m128i;
            let q = d.add(off) as *mut __m128i;
            let (a, b, c, e) = (
                _mm_loadu_si128(p),
                _mm_loadu_si128(p.add(1)),
                _mm_loadu_si128(p.add(2)),
                _mm_loadu_si128(p.add(3)),
            );
            _mm_stream_si128(q, a);
            _mm_stream_si128(q.add(1), b);
            _mm_stream_si128(q.add(2), c);
            _mm_stream_si128(q.add(3), e);
        }
        off += 64;
    }
    if head + body < bytes {
        // SAFETY: the tail, in range by contract.
        unsafe { std::ptr::copy_nonoverlapping(s.add(body), d.add(body), bytes - head - body) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// After the lead chunk the destination sits on a line boundary whenever items can
    /// reach one; otherwise the full chunk is taken.
    #[test]
    fn lead_items_reach_a_line_boundary() {
        let buf = vec![0u8; 256];
        let base = buf.as_ptr() as usize;
        for item in [1usize, 2, 4, 8, 16] {
            for off in (0..64).step_by(item) {
                let d = (base.next_multiple_of(64) + off) as *const u8;
                let k = lead_items(d, item, 512 / item);
                let end = d as usize + k * item;
                if off == 0 {
                    assert_eq!(k, 512 / item);
                } else {
                    assert_eq!(end % 64, 0, "item={item} off={off}");
                    assert!(k * item < 64);
                }
            }
        }
        // Items that cannot land on a boundary: the whole chunk.
        assert_eq!(
            lead_items((base.next_multiple_of(64) + 3) as *const u8, 8, 64),
            64
        );
        assert_eq!(
            lead_items((base.next_multiple_of(64) + 12) as *const u8, 12, 42),
            42
        );
    }

    #[test]
    fn copy_stream_copies_every_byte_at_any_alignment() {
        let src: Vec<u8> = (0..4096u32).map(|i| (i * 7 + 3) as u8).collect();
        for off in [0usize, 1, 7, 16, 31, 33] {
            for len in [0usize, 1, 15, 31, 63, 64, 65, 200, 1000, 4000 - off] {
                let mut dst = vec![0xAAu8; 4096];
                // SAFETY: both ranges lie inside their vectors and do not overlap.
                unsafe { copy_stream(src.as_ptr().add(3), dst.as_mut_ptr().add(off), len) };
                assert_eq!(
                    &dst[off..off + len],
                    &src[3..3 + len],
                    "off={off} len={len}"
                );
                assert!(dst[..off].iter().all(|&b| b == 0xAA));
                assert!(dst[off + len..].iter().all(|&b| b == 0xAA));
            }
        }
    }
}
