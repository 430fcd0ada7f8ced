//! Cast kernels: converting runs of elements from one dtype to another.
//!
//! A [`CastFn`] converts `n` native-order elements between two strided runs. Built-in pairs
//! come from a monomorphised 14 x 14 table; pairs involving a registered dtype come from the
//! [`registry`](super::registry). Byte order is handled by the caller (the copy driver in
//! `iter`), which swaps into small native buffers first: kernels never see swapped data.

use super::{registry, Builtin, DType, Element};

/// Convert `n` elements from `src` (stride `ss` bytes) to `dst` (stride `ds` bytes).
///
/// # Safety
/// For every `i < n`, `src + i*ss` must point to a readable source element and `dst + i*ds`
/// to a writable destination element, both in native byte order, any alignment. The runs
/// may not overlap.
pub type CastFn = unsafe fn(src: *const u8, ss: isize, dst: *mut u8, ds: isize, n: usize);

/// The kernel for built-in `S` to `D`.
///
/// # Safety
/// See [`CastFn`].
unsafe fn cast_loop<S: Element, D: Element>(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
) {
    let (s_size, d_size) = (size_of::<S>() as isize, size_of::<D>() as isize);
    if ss == s_size && ds == d_size {
        // Contiguous: a plain indexed loop the compiler vectorises.
        let (src, dst) = (src as *const S, dst as *mut D);
        for i in 0..n {
            // SAFETY: `i < n` elements are in range per the contract of `CastFn`.
            unsafe {
                dst.add(i)
                    .write_unaligned(D::from_src(src.add(i).read_unaligned()))
            };
        }
    } else {
        for i in 0..n as isize {
            // SAFETY: as above, with byte strides.
            unsafe {
                let v = (src.offset(i * ss) as *const S).read_unaligned();
                (dst.offset(i * ds) as *mut D).write_unaligned(D::from_src(v));
            }
        }
    }
}

/// The cast kernel between two built-ins.
pub fn builtin_cast(from: Builtin, to: Builtin) -> CastFn {
    crate::with_element_type!(from, S => crate::with_element_type!(to, D => cast_loop::<S, D> as CastFn))
}

/// The cast kernel between two dtypes (their native forms), or `None` when no cast is known.
pub fn get_cast(from: DType, to: DType) -> Option<CastFn> {
    match (from.builtin, to.builtin) {
        (Some(a), Some(b)) => Some(builtin_cast(a, b)),
        _ => registry::lookup_cast(from, to).map(|c| c.func),
    }
}

/// Reverse the bytes of every `unit`-sized group in `buf`.
pub fn swap_in_place(buf: &mut [u8], unit: usize) {
    if unit > 1 {
        for chunk in buf.chunks_exact_mut(unit) {
            chunk.reverse();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strided_int_to_float() {
        let src: [i32; 4] = [1, -2, 3, -4];
        let mut dst = [0f64; 2];
        let f = builtin_cast(Builtin::Int32, Builtin::Float64);
        unsafe {
            f(
                src.as_ptr() as *const u8,
                8,
                dst.as_mut_ptr() as *mut u8,
                8,
                2,
            )
        };
        assert_eq!(dst, [1.0, 3.0]);
    }
}
