//! Small contiguous copies and casts without the iteration plan ([`super::copy_as`] tries
//! this first).
//!
//! The general copy sets up a copy kernel, broadcast strides, an overlap check and a `Plan`
//! (about 3000 instructions) before its one inner loop, which at n = 1..1000 costs more
//! than the copy. When the source is contiguous in the order the result will have, the
//! result is one run: a byte copy (same dtype) or one call of the cast kernel (`get_cast`,
//! the function `iter`'s kernel calls for the same pair). Anything else (byte-swapped or
//! non-built-in dtypes, other layouts, empty or large arrays) takes the general copy.
//!
//! [`two_axes`] serves the other small layouts: when a small copy moves along at most two
//! axes longer than one (a transposed or strided 2-d block, a row broadcast into a matrix),
//! [`super::copy_into`] runs its kernel's double loop directly instead of planning.

use crate::array::Array;
use crate::dtype::{cast, DType};
use crate::error::Result;
use crate::layout::Order;

/// Largest result (bytes) taken here; larger copies use the plan (threads, streaming).
pub(crate) const SMALL_BYTES: usize = 1 << 16;

/// The result of the fast path, or `None` when it does not apply (nothing done).
pub(super) fn try_copy_as(a: &Array, dtype: DType, order: Order) -> Option<Result<Array>> {
    let (sd, n) = (a.dtype(), a.size());
    if n == 0
        || n.saturating_mul(dtype.itemsize.max(sd.itemsize)) > SMALL_BYTES
        || sd.builtin.is_none()
        || dtype.builtin.is_none()
        || !sd.is_native()
        || !dtype.is_native()
    {
        return None;
    }
    // The layout `alloc_like` picks: C for a C-contiguous source under C, A and K; F for
    // an F-contiguous one under F, A and K (a source both C and F contiguous has at most
    // one axis longer than 1, where the two layouts agree, and C is what `alloc_like`
    // gives it except under F).
    let c = a.is_c_contiguous();
    let f = a.is_f_contiguous();
    let out_order = match order {
        Order::C | Order::A | Order::K if c => Order::C,
        Order::F if f => Order::F,
        Order::A | Order::K if f => Order::F,
        _ => return None,
    };
    if sd.has_refs() || dtype.has_refs() || sd.needs_api() || dtype.needs_api() {
        // Counted copies and casts that call the interpreter take the general path.
        return None;
    }
    let cast = if sd == dtype {
        None
    } else if sd.type_id != dtype.type_id {
        Some(cast::get_cast(sd, dtype)?)
    } else {
        return None;
    };
    // SAFETY: every element of `out` is written below (one run of `n` items).
    let out = match unsafe { Array::uninit(a.shape(), dtype, out_order) } {
        Ok(o) => o,
        Err(e) => return Some(Err(e)),
    };
    // The source's first element in memory: with positive contiguous strides it is the
    // data pointer (contiguity implies no negative strides on axes longer than 1).
    let (s, d) = (a.data_ptr() as *const u8, out.data_ptr());
    // SAFETY: both are contiguous runs of `n` items of their dtypes, in the same element
    // order (same layout), in different allocations.
    unsafe {
        match cast {
            None => std::ptr::copy_nonoverlapping(s, d, n * dtype.itemsize),
            Some(f) => f(s, sd.itemsize as isize, d, dtype.itemsize as isize, n),
        }
    }
    Some(Ok(out))
}

/// The loop of a small copy over at most two axes longer than one: `(n, m, inner strides,
/// outer strides)` (operand 0 the destination, 1 the source), the inner axis the one the
/// destination moves least along; `None` for empty, large (more than [`SMALL_BYTES`] of
/// `itemsize` items) or higher-rank loops.
pub(super) fn two_axes(
    shape: &[usize],
    dst: &[isize],
    src: &[isize],
    itemsize: usize,
) -> Option<(usize, usize, [isize; 2], [isize; 2])> {
    let mut size = 1usize;
    let mut axes = [(1usize, [0isize; 2]); 2];
    let mut k = 0;
    for (i, &len) in shape.iter().enumerate() {
        size = size.saturating_mul(len);
        if len != 1 {
            if k == 2 {
                return None;
            }
            axes[k] = (len, [dst[i], src[i]]);
            k += 1;
        }
    }
    if size == 0 || size.saturating_mul(itemsize) > SMALL_BYTES {
        return None;
    }
    let [(n0, s0), (n1, s1)] = axes;
    Some(if s0[0].unsigned_abs() < s1[0].unsigned_abs() {
        (n0, n1, s0, s1)
    } else {
        (n1, n0, s1, s0)
    })
}
