//! Reductions over outer axes of a contiguous block, through a loop's rows variant.
//!
//! `max(A, axis=0)` or `sum(A, axis=0)` of a C-contiguous `A` (and `axis=1` of an
//! F-contiguous one, or any reduction whose innermost planned axis is kept and contiguous
//! while the next one is reduced): the engine's walk would call the elementwise loop once
//! per row with the accumulator row as operand 0 and the output, as NumPy does. A loop
//! with a rows variant ([`RowsFn`](super::loops::RowsFn)) takes a whole block of rows
//! per call instead, combining each column's elements in the same order, so the results
//! are the walk's bit for bit.
//!
//! The algorithm of [`reduce_rows`]:
//! 1. Plan the accumulator (stride 0 along reduced axes) and the input with the one
//!    iteration plan (`iter::Plan`: K order, coalescing): it applies when the inner axis
//!    is contiguous in both and the next axis is reduced (accumulator stride 0); any axes
//!    further out are walked in plan order, one rows call per position, the order of the
//!    engine's walk.
//! 2. The columns are cut into equal ranges (whole cache lines; at most
//!    [`MAX_ACC_BYTES`] of accumulator each, at least one per thread the execution policy
//!    allows) run on the pool: every column's combination is the same sequence of
//!    operations whatever the partition, so the result never depends on the thread count.
//!    Each part gathers its FP flags on the thread that ran it.

use std::sync::atomic::{AtomicU8, Ordering};

use super::fpstatus;
use super::loops::{LoopContext, LoopModes};
use super::Resolved;
use crate::array::Array;
use crate::error::Result;
use crate::iter::{Plan, Shared};

/// Most accumulator bytes per part: the part's accumulator row stays in L2 while the rows
/// stream through (a whole row when it fits, so the input is read in long runs).
const MAX_ACC_BYTES: usize = 128 * 1024;
/// Fewer columns than this go through the engine's walk (a rows pass would be short).
const MIN_COLS: usize = 16;

/// `acc op= a` through the loop's rows variant when the layout allows it (see the module
/// docs); `None` when it does not apply (no rows variant, registered loop data, a cast,
/// a layout whose inner axis is not a contiguous kept row over a reduced axis). `Some`
/// with the FP flags raised (software and hardware) otherwise.
///
/// # Safety
/// `acc` is a fresh native array of the loop dtype, broadcast over `a`'s shape by
/// `acc_strides` (stride 0 along reduced axes); `a` is a live view (invariant 1)
/// disjoint from it.
pub(crate) unsafe fn reduce_rows(
    r: &Resolved,
    acc: &Array,
    acc_strides: &[isize],
    a: &Array,
    modes: LoopModes,
) -> Option<Result<u8>> {
    let rf = r.rows?;
    let t = r.types[0];
    if !r.data.is_null()
        || r.types[1] != t
        || r.types[2] != t
        || a.dtype() != t
        || acc.dtype() != t
        || !t.is_native()
        || !a.is_aligned()
    {
        return None;
    }
    let item = t.itemsize as isize;
    let plan = Plan::new(a.shape(), &[acc_strides, a.strides()]);
    let axes = plan.axes();
    let na = axes.len();
    if na < 2 {
        return None;
    }
    let (cols, ref inner) = axes[na - 1];
    let (rows, ref mid) = axes[na - 2];
    if inner[0] != item || inner[1] != item || mid[0] != 0 || rows < 2 || cols < MIN_COLS {
        return None;
    }
    let rs = mid[1];
    let outer = &axes[..na - 2];
    let nouter: usize = outer.iter().map(|d| d.0).product();
    let sz = t.itemsize;
    let work = plan.size() * sz;
    // Equal column ranges (whole cache lines), one per thread at least.
    let max_cols = (MAX_ACC_BYTES / sz).max(8);
    let parts = crate::exec::parallelism(work)
        .max(cols.div_ceil(max_cols))
        .min(cols.div_ceil(8))
        .max(1);
    let per = cols.div_ceil(parts).next_multiple_of((64 / sz).max(1));
    let flags = AtomicU8::new(0);
    let ptrs = Shared((acc.data_ptr(), a.data_ptr() as *const u8));
    let res = crate::exec::for_each_part(parts, work, |p| {
        let (c0, c1) = ((p * per).min(cols), ((p + 1) * per).min(cols));
        if c0 == c1 {
            return Ok(());
        }
        let (acc0, x0) = *ptrs.get();
        fpstatus::clear();
        let ctx = LoopContext::with_modes(r.data, modes);
        let off = c0 as isize * item;
        let mut res = Ok(());
        for o in 0..nouter {
            // Position of block `o` (innermost-first digits over the outer axes, the
            // last outer axis fastest: the plan's odometer order).
            let (mut rem, mut ap, mut xp) = (o, acc0.wrapping_offset(off), x0.wrapping_offset(off));
            for d in outer.iter().rev() {
                let k = (rem % d.0) as isize;
                rem /= d.0;
                ap = ap.wrapping_offset(k * d.1[0]);
                xp = xp.wrapping_offset(k * d.1[1]);
            }
            // SAFETY: columns c0..c1 of one accumulator row (written by this part only:
            // the accumulator is fresh and every other part has other columns) and of
            // `rows` input rows `rs` bytes apart (the plan covers a's elements,
            // invariant 1), disjoint from the accumulator (the caller's contract).
            res = unsafe { rf(&ctx, ap, xp, rows, rs, c1 - c0) };
            if res.is_err() {
                break;
            }
        }
        flags.fetch_or(ctx.flags() | fpstatus::read(), Ordering::Relaxed);
        res
    });
    Some(res.map(|()| flags.into_inner()))
}
