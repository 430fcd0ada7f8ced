//! NumPy's inner-loop calls of a reduction, where they differ from the engine's runs.
//!
//! A loop's reduce variant (float `add`: pairwise summation) gives NumPy's result only
//! when it is called on the same runs as NumPy's loop. The engine hands it each innermost
//! run (one pairwise call per row of `sum(axis=-1)`, one per buffer of 8192 elements when
//! casting): NumPy's calls for every contiguous or coalescable operand and every axis
//! reduction whose reduced axis is innermost. NumPy's iterator differs in one case: when
//! the reduced block spans several axes that do not coalesce (`a[:, ::2].sum()`), its
//! buffering setup (`npyiter_find_buffering_setup`, NumPy 2.3+) may copy several rows into
//! one buffer and make one call per buffer, or (reducing over several inner axes while
//! others are kept) copy each output's block into the buffer and make one call per
//! block. [`plan`] reproduces that choice (its cost
//! model, for the two operands of a reduction: the accumulator and the input) and
//! [`run_blocks`] makes those calls.
//!
//! Found against NumPy 2.4 (`tests/test_exact_sums.py`): a contiguous 1-d sum is one
//! pairwise call over the whole array; a cast (`dtype=`) sums in calls of 8192; a full
//! reduction of a 2-d array with rows of `n0` elements (K order; negative strides kept,
//! elements in view order) and `T` elements in all makes one call per row when
//! `2 * n0 > min(T, 8192)`, else calls of `T` (T <= 8192) or `n0 * (8192 / n0)` elements.
//!
//! A `where=` mask is a third operand of NumPy's iterator (it takes part in the axis
//! order, the coalescing and the cost model, and is buffered like the input when it does
//! not step through the block with one stride); its loop is then called once per run of
//! `True` elements within each buffer (NumPy's masked strided loop), so a masked sum of
//! `a[:, ::-1]` adds the same runs as NumPy's, which cross row ends inside a buffer.

use smallvec::SmallVec;

use super::exec::k_order;
use super::loops::{LoopContext, ReduceFn};
use crate::dtype::cast::CastFn;
use crate::error::Result;

/// NumPy's default buffer size (`NPY_BUFSIZE`).
const BUFSIZE: usize = 8192;

/// The calls NumPy makes for a reduction whose reduced block spans axes `0..nblock` of
/// `dims` (innermost first): each block in chunks of `chunk` elements.
pub(crate) struct Plan {
    /// Axes innermost first: (length, input stride, accumulator stride, mask stride;
    /// 0 without a mask).
    pub dims: SmallVec<[(usize, isize, isize, isize); 8]>,
    /// Axes `0..nblock` form a block reduced into one accumulator element.
    pub nblock: usize,
    /// Elements per call.
    pub chunk: usize,
}

/// NumPy's buffering choice for a reduction of `shape` (input strides `ins`, accumulator
/// strides `accs`, zero along reduced axes, and the `where=` mask's strides `mask`);
/// `cast` when the input is converted. `None` when the engine's own runs are NumPy's
/// calls.
pub(crate) fn plan(
    shape: &[usize],
    ins: &[isize],
    accs: &[isize],
    mask: Option<&[isize]>,
    cast: bool,
) -> Option<Plan> {
    let keep: SmallVec<[usize; 8]> = (0..shape.len()).filter(|&i| shape[i] != 1).collect();
    if keep.len() < 2 {
        return None;
    }
    let ks: SmallVec<[usize; 8]> = keep.iter().map(|&i| shape[i]).collect();
    // NumPy's buffered reductions keep negative strides (elements in view order).
    let ki: SmallVec<[isize; 8]> = keep.iter().map(|&i| ins[i]).collect();
    let ka: SmallVec<[isize; 8]> = keep.iter().map(|&i| accs[i]).collect();
    let km: SmallVec<[isize; 8]> = keep.iter().map(|&i| mask.map_or(0, |m| m[i])).collect();
    let order = if mask.is_some() {
        k_order(&ks, &[&ka, &ki, &km])
    } else {
        k_order(&ks, &[&ki, &ka])
    };
    // Coalesce (outermost first), then innermost first.
    let mut dims: SmallVec<[(usize, isize, isize, isize); 8]> = SmallVec::new();
    for &ax in &order {
        let (n, si, sa, sm) = (ks[ax], ki[ax], ka[ax], km[ax]);
        if let Some(last) = dims.last_mut() {
            let n = n as isize;
            if last.1 == si * n && last.2 == sa * n && last.3 == sm * n {
                *last = (last.0 * n as usize, si, sa, sm);
                continue;
            }
        }
        dims.push((n, si, sa, sm));
    }
    dims.reverse();
    if dims.len() < 2 || dims[0].2 != 0 {
        return None;
    }
    // npyiter_find_buffering_setup for (input, accumulator), GROWINNER set.
    let mut cost = 1 + usize::from(cast);
    let (mut single_in, mut single_acc, mut single_mask) = (1usize, 1usize, 1usize);
    let mut outer_reduce = 0;
    let mut size = dims[0].0;
    let (mut best_dim, mut best_cost, mut best_size, mut best_core) = (0, cost, size, 1);
    for idim in 1..dims.len() {
        if outer_reduce != 0 || (size >= BUFSIZE && cost > 1) {
            break;
        }
        let (pn, pi, pa, pm) = dims[idim - 1];
        let (n, si, sa, sm) = dims[idim];
        // NumPy's operand order: the accumulator, the input, the mask.
        let mut acc_collapsed = false;
        if single_acc == idim {
            if pa * pn as isize == sa {
                single_acc += 1;
                acc_collapsed = true;
            } else {
                cost += 1;
            }
        }
        if single_in == idim {
            if pi * pn as isize == si {
                single_in += 1;
            } else if !cast {
                cost += 1;
            }
        }
        if mask.is_some() && single_mask == idim {
            if pm * pn as isize == sm {
                single_mask += 1;
            } else {
                cost += 1;
            }
        }
        if !acc_collapsed && (sa == 0 || pa == 0) {
            outer_reduce = idim;
        }
        let core = size;
        size *= n;
        let bufsize = if size > BUFSIZE && cost > 1 {
            BUFSIZE
        } else {
            size
        };
        if (cost * best_size) as f64 <= (best_cost * bufsize) as f64 {
            best_cost = cost;
            best_core = core;
            best_size = size;
            best_dim = idim;
        }
    }
    let using_reduce = outer_reduce != 0 && best_dim == outer_reduce;
    let (nblock, chunk) = if using_reduce {
        // NumPy's reduce mode: one call per core (axes below `best_dim`, where the
        // accumulator does not move), copied to the buffer unless the input steps
        // through the core with one stride (then the core is the engine's run).
        if single_in >= best_dim && (mask.is_none() || single_mask >= best_dim) {
            return None;
        }
        (best_dim, best_core)
    } else {
        // Blocks reduced whole into one element, with the input copied to a buffer.
        if best_dim == 0 || dims[..=best_dim].iter().any(|d| d.2 != 0) {
            return None;
        }
        if !cast && single_in > best_dim && (mask.is_none() || single_mask > best_dim) {
            return None;
        }
        if BUFSIZE < best_size {
            best_size = best_core * (BUFSIZE / best_core);
        }
        (best_dim + 1, best_size)
    };
    Some(Plan {
        dims,
        nblock,
        chunk,
    })
}

/// Run `rf` over the plan's blocks: for every position of the axes above the block, the
/// block's elements in chunks copied (and cast) into a buffer, each chunk one call, or
/// with a `mask` (the `where=` operand's bools, strides in the plan's dims) one call per
/// run of `True` elements of the chunk.
///
/// # Safety
/// `inp`, `acc` and `mask` address valid elements for every index of the plan's dims
/// (input of `src_size`-byte items, accumulator of the loop dtype, mask of native
/// bools); `cast` converts `src` items to `isz`-byte loop items.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn run_blocks(
    p: &Plan,
    ctx: &LoopContext<'_>,
    rf: ReduceFn,
    inp: *const u8,
    src_size: usize,
    cast: Option<CastFn>,
    acc: *mut u8,
    isz: usize,
    mask: Option<*const u8>,
) -> Result<()> {
    let block = &p.dims[..p.nblock];
    let outer = &p.dims[p.nblock..];
    let nblock: usize = block.iter().map(|d| d.0).product();
    let nouter: usize = outer.iter().map(|d| d.0).product();
    let mut stage = vec![0u64; (p.chunk * src_size).div_ceil(8)];
    let mut buf = vec![0u64; (p.chunk * isz).div_ceil(8)];
    let mut mbuf = vec![0u8; if mask.is_some() { p.chunk } else { 0 }];
    for o in 0..nouter {
        // Position of the block (innermost-first digits of `o` over the outer axes).
        let (mut rem, mut ip, mut ap, mut mp) = (o, inp, acc, mask.unwrap_or(inp));
        for d in outer {
            let k = (rem % d.0) as isize;
            rem /= d.0;
            ip = ip.wrapping_offset(k * d.1);
            ap = ap.wrapping_offset(k * d.2);
            mp = mp.wrapping_offset(k * d.3);
        }
        let mut start = 0;
        while start < nblock {
            let k = (nblock - start).min(p.chunk);
            let dst = if cast.is_some() {
                stage.as_mut_ptr() as *mut u8
            } else {
                buf.as_mut_ptr() as *mut u8
            };
            // Gather elements start..start+k of the block in iteration order.
            for j in 0..k {
                let (mut rem, mut q, mut m) = (start + j, ip, mp);
                for d in block {
                    let i = (rem % d.0) as isize;
                    q = q.wrapping_offset(i * d.1);
                    m = m.wrapping_offset(i * d.3);
                    rem /= d.0;
                }
                // SAFETY: an element of the block; the stage holds `chunk` items.
                unsafe { std::ptr::copy_nonoverlapping(q, dst.add(j * src_size), src_size) };
                if mask.is_some() {
                    // SAFETY: the mask's element at the same index; `mbuf` holds `chunk`.
                    unsafe { *mbuf.as_mut_ptr().add(j) = *m };
                }
            }
            if let Some(f) = cast {
                // SAFETY: k staged source items into k loop items.
                unsafe {
                    f(
                        dst,
                        src_size as isize,
                        buf.as_mut_ptr() as *mut u8,
                        isz as isize,
                        k,
                    )
                };
            }
            let b = buf.as_ptr() as *const u8;
            if mask.is_none() {
                // SAFETY: `ap` is the block's accumulator element; the buffer holds k items.
                unsafe { rf(ctx, ap, b, k, isz as isize)? };
            } else {
                let mut i = 0;
                while i < k {
                    while i < k && mbuf[i] == 0 {
                        i += 1;
                    }
                    let a = i;
                    while i < k && mbuf[i] != 0 {
                        i += 1;
                    }
                    if i > a {
                        // SAFETY: items a..i of the buffer.
                        unsafe { rf(ctx, ap, b.add(a * isz), i - a, isz as isize)? };
                    }
                }
            }
            start += k;
        }
    }
    Ok(())
}
