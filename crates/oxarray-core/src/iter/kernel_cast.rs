//! Copies whose cast is a [`CastKernel`] (a cast that carries data and can fail, e.g. one
//! written in Python): the copy driver of [`copy_into`](super::copy_into) for them.
//!
//! The kernel runs on the calling thread (it may need the Python interpreter), over the
//! source in C order in runs of [`RUN`] items, from a contiguous native copy of the source
//! into a contiguous native scratch array; only when every run succeeded is the scratch
//! copied into the destination (a plain copy of one dtype). A failing kernel therefore
//! leaves the destination as it was.

use crate::array::Array;
use crate::dtype::cast::CastKernel;
use crate::error::Result;
use crate::layout::Order;

/// Items per kernel call.
pub const RUN: usize = 4096;

/// Copy `src` (broadcast to `dst`'s shape) into `dst` through `kernel`.
///
/// # Errors
/// Shapes that do not broadcast, `MemoryError`, or the kernel's error (then `dst` is
/// unchanged).
pub fn copy_into(dst: &Array, src: &Array, kernel: &'static dyn CastKernel) -> Result<()> {
    let src = crate::ops::broadcast_to(src, dst.shape())?;
    let (sd, dd) = (src.dtype().to_native(), dst.dtype().to_native());
    // Contiguous native copies: same type on both sides, so `iter::copy_into` moves (and
    // byte-swaps) items without coming back here.
    let s = Array::zeros(dst.shape(), sd, Order::C)?;
    super::copy_into(&s, &src)?;
    let d = Array::zeros(dst.shape(), dd, Order::C)?;
    let n = dst.size();
    let (sz, dz) = (sd.itemsize, dd.itemsize);
    let (sp, dp) = (s.data_ptr(), d.data_ptr());
    let mut done = 0;
    while done < n {
        let k = (n - done).min(RUN);
        // SAFETY: `s` and `d` are fresh C-contiguous arrays of `n` items (invariant 1), so
        // items `done..done + k` are in range on both sides and do not overlap.
        unsafe {
            kernel.run(
                sp.add(done * sz),
                sz as isize,
                dp.add(done * dz),
                dz as isize,
                k,
            )?
        };
        done += k;
    }
    super::copy_into(dst, &d)
}
