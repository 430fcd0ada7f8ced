//! THE iteration plan: how every strided loop over several operands walks memory, and the
//! one parallel splitter on top of it.
//!
//! The algorithm of [`Plan::new`]:
//! 1. Drop axes of length 1 (they do not move any pointer); a shape with a 0 visits
//!    nothing.
//! 2. Put the rest in K order ([`k_order`], NumPy's rule: an axis moves inwards when every
//!    operand that moves along both axes has a smaller stride there; ties keep C order), so
//!    the innermost loop walks the smallest strides.
//! 3. Coalesce neighbouring axes that every operand steps through as one (stride of the
//!    outer equals stride * length of the inner) into one longer axis.
//!
//! The result is a list of (length, per-operand byte strides), outermost first; the last
//! axis is the *inner run* handed to kernels whole, the others are walked with an
//! odometer ([`Plan::walk`]).
//!
//! The splitter ([`Plan::split`], [`par_for_each_run`]): a plan touching enough bytes is cut
//! into a number of parts chosen by its size alone ([`PART_BYTES`] each): whole ranges of
//! the outer iterations when there are enough of them, else pieces of each inner run
//! (multiples of [`PIECE_ALIGN`] elements, so vector kernels keep their full-width path).
//! The parts run through [`crate::exec::for_each_part_init`]. Every element is visited
//! exactly once whatever the split, so elementwise results never depend on it; callers must
//! not split loops whose outputs are revisited (a stride-0 output axis: reductions).

use smallvec::SmallVec;

use crate::error::Result;

/// Per-operand byte strides of one planned axis.
pub type OpStrides = SmallVec<[isize; 6]>;

/// Bytes of work per part of a split (a part is the unit a worker takes at a time).
pub const PART_BYTES: usize = 1 << 19;
/// At most this many parts (bounds the bookkeeping for huge arrays).
const MAX_PARTS: usize = 4096;
/// Inner-run pieces are multiples of this many elements.
pub const PIECE_ALIGN: usize = 256;

/// Axes of `shape` in K order (outermost first), judged by all operands' strides (NumPy's
/// rule; see the module docs). Operands with stride 0 on an axis have no say about it.
pub fn k_order(shape: &[usize], strides: &[&[isize]]) -> SmallVec<[usize; 8]> {
    let mut axes: SmallVec<[usize; 8]> = (0..shape.len()).collect();
    // Insertion sort, stable: an axis moves inwards past another only when no operand
    // contradicts and at least one agrees.
    for i in 1..axes.len() {
        let mut j = i;
        while j > 0 {
            let (outer, inner) = (axes[j - 1], axes[j]);
            let mut swap = false;
            let mut contra = false;
            for s in strides {
                let (so, si) = (s[outer].unsigned_abs(), s[inner].unsigned_abs());
                if so == 0 || si == 0 {
                    continue;
                }
                if so < si {
                    swap = true;
                } else if so > si {
                    contra = true;
                }
            }
            if swap && !contra {
                axes.swap(j - 1, j);
                j -= 1;
            } else {
                break;
            }
        }
    }
    axes
}

/// The axes of one array sorted by decreasing absolute stride, stable (NumPy's
/// `PyArray_CreateSortedStridePerm`): the order new arrays "like" it are laid out in.
pub fn stride_perm(strides: &[isize]) -> Vec<usize> {
    let mut perm: Vec<usize> = (0..strides.len()).collect();
    perm.sort_by_key(|&i| std::cmp::Reverse(strides[i].unsigned_abs()));
    perm
}

/// A planned loop (see the module docs).
#[derive(Clone, Debug)]
pub struct Plan {
    /// (length, per-operand strides), outermost first, none of length 1. Empty for a
    /// single element.
    axes: SmallVec<[(usize, OpStrides); 6]>,
    nops: usize,
    empty: bool,
}

/// One part of a split plan: outer iterations `start..start + count` (linear index over
/// the outer axes), and of each of their inner runs the elements `off..off + len`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    pub start: usize,
    pub count: usize,
    pub off: usize,
    pub len: usize,
}

/// How a plan is cut: `parts` parts (see [`Split::part`]).
#[derive(Clone, Copy, Debug)]
pub struct Split {
    pub parts: usize,
    outer: usize,
    inner: usize,
    /// Pieces per inner run (1 when whole outer ranges are split).
    pieces: usize,
    piece: usize,
}

impl Split {
    /// Part `i` (< `parts`).
    pub fn part(&self, i: usize) -> Part {
        if self.pieces == 1 {
            let start = i * self.outer / self.parts;
            let end = (i + 1) * self.outer / self.parts;
            Part {
                start,
                count: end - start,
                off: 0,
                len: self.inner,
            }
        } else {
            let off = (i % self.pieces) * self.piece;
            Part {
                start: i / self.pieces,
                count: 1,
                off,
                len: self.piece.min(self.inner - off),
            }
        }
    }
}

impl Plan {
    /// Plan a loop over `shape` for operands with these (broadcast) byte strides.
    pub fn new(shape: &[usize], strides: &[&[isize]]) -> Plan {
        let nops = strides.len();
        if shape.contains(&0) {
            return Plan {
                axes: SmallVec::new(),
                nops,
                empty: true,
            };
        }
        let keep: SmallVec<[usize; 8]> = (0..shape.len()).filter(|&i| shape[i] != 1).collect();
        let kshape: SmallVec<[usize; 8]> = keep.iter().map(|&i| shape[i]).collect();
        let kstrides: SmallVec<[SmallVec<[isize; 8]>; 6]> = strides
            .iter()
            .map(|s| keep.iter().map(|&i| s[i]).collect())
            .collect();
        let refs: SmallVec<[&[isize]; 6]> = kstrides.iter().map(|s| s.as_slice()).collect();
        let order = k_order(&kshape, &refs);
        let mut axes: SmallVec<[(usize, OpStrides); 6]> = SmallVec::new();
        for &ax in &order {
            let n = kshape[ax];
            let s: OpStrides = kstrides.iter().map(|st| st[ax]).collect();
            if let Some(last) = axes.last_mut() {
                if last.1.iter().zip(&s).all(|(&o, &i)| o == i * n as isize) {
                    last.0 *= n;
                    last.1 = s;
                    continue;
                }
            }
            axes.push((n, s));
        }
        Plan {
            axes,
            nops,
            empty: false,
        }
    }

    /// True when the loop visits nothing.
    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// Number of elements visited.
    pub fn size(&self) -> usize {
        if self.empty {
            0
        } else {
            self.axes.iter().map(|a| a.0).product()
        }
    }

    /// The planned axes, outermost first (the last is the inner run).
    pub fn axes(&self) -> &[(usize, OpStrides)] {
        &self.axes
    }

    /// Length and per-operand strides of the inner run (one element of stride 0 for a
    /// single-element loop).
    pub fn inner(&self) -> (usize, OpStrides) {
        match self.axes.last() {
            Some((n, s)) => (*n, s.clone()),
            None => (1, SmallVec::from_elem(0, self.nops)),
        }
    }

    fn outer_axes(&self) -> &[(usize, OpStrides)] {
        match self.axes.len() {
            0 => &[],
            n => &self.axes[..n - 1],
        }
    }

    /// The loop without its inner axis (a loop over the starts of the inner runs, whose own
    /// inner axis is the middle axis of this one), and that inner axis: for kernels that
    /// take two axes at once, where the inner runs are too short to pay for a call each.
    pub fn peel_inner(&self) -> (Plan, (usize, OpStrides)) {
        let inner = self.inner();
        let mut axes = self.axes.clone();
        axes.pop();
        (
            Plan {
                axes,
                nops: self.nops,
                empty: self.empty,
            },
            inner,
        )
    }

    /// Group short inner runs (see [`Tiling`]) when this plan allows it: the inner run is
    /// at most [`TILE_MAX_RUN`] long, there is a middle axis, every operand either
    /// coalesces with it or, when `read_only[k]`, has stride 0 along it and moves along the
    /// inner axis. `sizes` are the operands' item sizes (the tile's strides). `None` when
    /// grouping does not apply.
    pub fn tiling(&self, sizes: &[usize], read_only: &[bool]) -> Option<Tiling> {
        let na = self.axes.len();
        if self.empty || na < 2 {
            return None;
        }
        let (len, ref inner) = self.axes[na - 1];
        let (n_mid, ref mid) = self.axes[na - 2];
        let rows = (TILE_ELEMS / len.max(1)).min(n_mid);
        if len > TILE_MAX_RUN || rows < 2 {
            return None;
        }
        let mut tiled: SmallVec<[usize; 6]> = SmallVec::from_elem(0, self.nops);
        let mut new_inner = inner.clone();
        for k in 0..self.nops {
            if mid[k] == inner[k] * len as isize && (read_only[k] || inner[k] != 0) {
                continue;
            }
            if mid[k] == 0 && inner[k] != 0 && read_only[k] && sizes[k] > 0 {
                tiled[k] = sizes[k];
                new_inner[k] = sizes[k] as isize;
                continue;
            }
            return None;
        }
        if tiled.iter().all(|&t| t == 0) {
            return None;
        }
        let mut outer = self.clone();
        outer.axes.pop();
        Some(Tiling {
            outer,
            len,
            rows,
            mid: mid.clone(),
            src_inner: inner.clone(),
            inner: new_inner,
            tiled,
        })
    }

    /// Number of outer iterations (inner runs).
    pub fn outer_size(&self) -> usize {
        self.outer_axes().iter().map(|a| a.0).product()
    }

    /// True when operand `op` moves along every planned axis (no stride 0): writing it
    /// from several parts never writes one element twice.
    pub fn never_revisits(&self, op: usize) -> bool {
        self.axes.iter().all(|(_, s)| s[op] != 0)
    }

    /// The whole loop as one part.
    pub fn whole(&self) -> Part {
        Part {
            start: 0,
            count: if self.empty { 0 } else { self.outer_size() },
            off: 0,
            len: self.inner().0,
        }
    }

    /// Cut the loop for `work_bytes` of work into parts of about [`PART_BYTES`] each (a
    /// number that depends on the size only, never on the thread count).
    pub fn split(&self, work_bytes: usize) -> Split {
        let outer = self.outer_size().max(1);
        let inner = self.inner().0;
        let want = (work_bytes / PART_BYTES).clamp(1, MAX_PARTS);
        if self.empty || want <= 1 {
            return Split {
                parts: 1,
                outer,
                inner,
                pieces: 1,
                piece: inner,
            };
        }
        if outer >= want {
            return Split {
                parts: want,
                outer,
                inner,
                pieces: 1,
                piece: inner,
            };
        }
        let per_run = want.div_ceil(outer);
        let piece = inner.div_ceil(per_run).next_multiple_of(PIECE_ALIGN).max(1);
        let pieces = inner.div_ceil(piece).max(1);
        Split {
            parts: outer * pieces,
            outer,
            inner,
            pieces,
            piece,
        }
    }

    /// Call `f(ptrs, len)` for every inner run of `part` (inner strides: [`Plan::inner`]),
    /// where `ptrs` starts at `base` (one pointer per operand, then any the caller added
    /// beyond the planned operands stay untouched).
    ///
    /// # Errors
    /// The first error of `f`, which stops the walk.
    pub fn walk<P, F>(&self, base: P, part: Part, mut f: F) -> Result<()>
    where
        P: Clone + AsMut<[*mut u8]>,
        F: FnMut(&P, usize) -> Result<()>,
    {
        if self.empty || part.count == 0 || part.len == 0 {
            return Ok(());
        }
        let outer = self.outer_axes();
        let (_, inner_s) = self.inner();
        let mut idx: SmallVec<[usize; 8]> = SmallVec::from_elem(0, outer.len());
        let mut p = base;
        {
            let ps = p.as_mut();
            let mut rem = part.start;
            for d in (0..outer.len()).rev() {
                let (n, s) = &outer[d];
                idx[d] = rem % n;
                rem /= n;
                for k in 0..self.nops {
                    ps[k] = ps[k].wrapping_offset(s[k] * idx[d] as isize);
                }
            }
            for k in 0..self.nops {
                ps[k] = ps[k].wrapping_offset(inner_s[k] * part.off as isize);
            }
        }
        for it in 0..part.count {
            // By reference: a clone per run (a `SmallVec` clones element by element) was
            // most of the cost of short runs, e.g. `(n, 10) + (10,)`.
            f(&p, part.len)?;
            if it + 1 == part.count {
                break;
            }
            let ps = p.as_mut();
            let mut d = outer.len();
            while d > 0 {
                d -= 1;
                idx[d] += 1;
                let (n, s) = &outer[d];
                if idx[d] < *n {
                    for k in 0..self.nops {
                        ps[k] = ps[k].wrapping_offset(s[k]);
                    }
                    break;
                }
                for k in 0..self.nops {
                    ps[k] = ps[k].wrapping_offset(-(s[k] * (*n as isize - 1)));
                }
                idx[d] = 0;
            }
        }
        Ok(())
    }

    /// The one parallel splitter: cut the loop by [`Plan::split`] and run `f(state, part)`
    /// for every part through [`crate::exec::for_each_part_init`] (on the calling thread,
    /// as one part, below the policy's threshold). `init` makes each worker's state on its
    /// thread. `f` walks its part with [`Plan::walk`].
    ///
    /// # Safety
    /// No element written through one part may be touched by another (no output with
    /// stride 0 on a planned axis, see [`Plan::never_revisits`]); `f` must be sound to run
    /// on any thread.
    ///
    /// # Errors
    /// The first failing part's error.
    pub unsafe fn par_parts<S, I, F>(&self, work_bytes: usize, init: I, f: F) -> Result<()>
    where
        I: Fn() -> S + Sync,
        F: Fn(&mut S, Part) -> Result<()> + Sync,
    {
        if crate::exec::parallelism(work_bytes) <= 1 {
            return f(&mut init(), self.whole());
        }
        let split = self.split(work_bytes);
        crate::exec::for_each_part_init(split.parts, work_bytes, init, |s, i| f(s, split.part(i)))
    }

    /// [`Plan::par_parts`] walking every inner run: `f(state, ptrs, len)` with the
    /// operands' pointers from `base` (inner strides: [`Plan::inner`]).
    ///
    /// # Safety
    /// As [`Plan::par_parts`]; `base` and the plan's strides address valid elements for
    /// every visited index.
    ///
    /// # Errors
    /// The first failing part's error.
    pub unsafe fn par_runs<S, I, F>(
        &self,
        base: &[*mut u8],
        work_bytes: usize,
        init: I,
        f: F,
    ) -> Result<()>
    where
        I: Fn() -> S + Sync,
        F: Fn(&mut S, &[*mut u8], usize) -> Result<()> + Sync,
    {
        let shared = Shared(SmallVec::<[*mut u8; 6]>::from_slice(base));
        // SAFETY: forwarded to our caller.
        unsafe {
            self.par_parts(work_bytes, init, |s, part| {
                self.walk(shared.get().clone(), part, |p, n| f(s, p, n))
            })
        }
    }
}

/// Inner runs at most this long may be grouped by [`Plan::tiling`].
pub const TILE_MAX_RUN: usize = 128;
/// Elements per grouped run of a [`Tiling`] (about; a whole number of inner runs).
pub const TILE_ELEMS: usize = 1024;

/// Short inner runs grouped into long ones (see [`Plan::tiling`]).
///
/// A plan whose inner run is short (`(n, 10) + (10,)`: runs of 10, one per row) pays the
/// per-run cost of the walk and of the loop call for every few elements. When every
/// operand either steps through the middle axis as through a continuation of the inner
/// one (`mid == len * inner`, it would coalesce) or, read-only, does not move along it
/// (stride 0: a broadcast row), `rows` consecutive runs are one run of `rows * len`
/// elements once each broadcast row is replicated `rows` times into a contiguous *tile*.
/// Every element is still visited exactly once with the same operands, so elementwise
/// results are unchanged; reductions (a written operand that does not move) are never
/// tiled.
#[derive(Clone, Debug)]
pub struct Tiling {
    outer: Plan,
    len: usize,
    rows: usize,
    mid: OpStrides,
    src_inner: OpStrides,
    inner: OpStrides,
    /// Item size of each tiled operand (0: not tiled).
    tiled: SmallVec<[usize; 6]>,
}

/// One walker's tiles for a [`Tiling`] (each holds `rows` copies of its operand's current
/// broadcast row, refilled when the row's start moves).
pub struct Tiles {
    bufs: SmallVec<[Vec<TileLine>; 4]>,
    src: SmallVec<[*mut u8; 6]>,
}

#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct TileLine([u8; 64]);

impl Tiling {
    /// The loop over the starts of the grouped runs' rows (its inner axis is the middle
    /// axis of the plan): split this one for threads (every row is visited once whatever
    /// the split).
    pub fn outer(&self) -> &Plan {
        &self.outer
    }

    /// Empty tiles for one walker.
    pub fn tiles(&self) -> Tiles {
        Tiles {
            bufs: self
                .tiled
                .iter()
                .map(|&isz| {
                    if isz == 0 {
                        Vec::new()
                    } else {
                        vec![TileLine([0; 64]); (self.rows * self.len * isz).div_ceil(64)]
                    }
                })
                .collect(),
            src: SmallVec::from_elem(std::ptr::null_mut(), self.tiled.len()),
        }
    }

    /// Call `f(ptrs, strides, len)` for every grouped run of `part` (a part of
    /// [`Tiling::outer`]): `ptrs` has one pointer per planned operand (tiled ones point
    /// into `tiles`), `strides` the grouped run's strides.
    ///
    /// # Safety
    /// `base` and the plan's strides address valid items of the given sizes for every
    /// index of the planned loop.
    ///
    /// # Errors
    /// The first error of `f`, which stops the walk.
    pub unsafe fn walk<F>(
        &self,
        tiles: &mut Tiles,
        base: SmallVec<[*mut u8; 6]>,
        part: Part,
        mut f: F,
    ) -> Result<()>
    where
        F: FnMut(&[*mut u8], &[isize], usize) -> Result<()>,
    {
        let nops = self.tiled.len();
        let mut ptrs: SmallVec<[*mut u8; 6]> = base.clone();
        for k in 0..nops {
            if self.tiled[k] != 0 {
                ptrs[k] = tiles.bufs[k].as_mut_ptr() as *mut u8;
            }
        }
        self.outer.walk(base, part, |p, rows| {
            for k in 0..nops {
                let isz = self.tiled[k];
                if isz == 0 || tiles.src[k] == p[k] {
                    continue;
                }
                let buf = tiles.bufs[k].as_mut_ptr() as *mut u8;
                let row = self.len * isz;
                // SAFETY: the run of `len` items at `p[k]` is valid (caller); the tile
                // holds `rows * len` items.
                unsafe {
                    super::copy_run(p[k], self.src_inner[k], buf, isz as isize, self.len, isz);
                    for r in 1..self.rows {
                        std::ptr::copy_nonoverlapping(buf, buf.add(r * row), row);
                    }
                }
                tiles.src[k] = p[k];
            }
            let mut done = 0;
            while done < rows {
                let r = (rows - done).min(self.rows);
                for k in 0..nops {
                    if self.tiled[k] == 0 {
                        ptrs[k] = p[k].wrapping_offset(done as isize * self.mid[k]);
                    }
                }
                f(&ptrs, &self.inner, r * self.len)?;
                done += r;
            }
            Ok(())
        })
    }
}

/// How a loop walks a plan: its runs as planned, or grouped by a [`Tiling`]. One
/// interface for a serial walk and for each part of the splitter (`Walk::outer` is the
/// plan to split; every part is walked by [`Walk::walk`]).
#[derive(Clone, Copy)]
pub enum Walk<'p> {
    /// The plan's own runs.
    Runs(&'p Plan),
    /// Runs grouped into tiles.
    Tiled(&'p Tiling),
    /// The plan without its inner axis (`Plan::peel_inner`), each of whose runs is a
    /// block of rows walked one row (`n` elements, strides `inner`) at a time: parts of
    /// whole rows, for reductions whose written operands do not move along a row.
    Rows(&'p Plan, usize, &'p [isize]),
}

impl Walk<'_> {
    /// The plan whose parts are walked (the tiling's outer loop when tiled).
    pub fn outer(&self) -> &Plan {
        match self {
            Walk::Runs(p) => p,
            Walk::Tiled(t) => t.outer(),
            Walk::Rows(outer, ..) => outer,
        }
    }

    /// Call `f(ptrs, strides, len)` for every run of `part` (a part of [`Walk::outer`]);
    /// `tiles` holds one walker's tiles, made on its first tiled walk and reused.
    ///
    /// # Safety
    /// As [`Tiling::walk`] (`base` and the plan's strides address valid items for every
    /// index of the planned loop).
    ///
    /// # Errors
    /// The first error of `f`, which stops the walk.
    pub unsafe fn walk<F>(
        &self,
        tiles: &mut Option<Tiles>,
        base: SmallVec<[*mut u8; 6]>,
        part: Part,
        mut f: F,
    ) -> Result<()>
    where
        F: FnMut(&[*mut u8], &[isize], usize) -> Result<()>,
    {
        match self {
            Walk::Runs(p) => {
                let (_, inner) = p.inner();
                p.walk(base, part, |q, n| f(q, &inner, n))
            }
            Walk::Tiled(t) => {
                let tiles = tiles.get_or_insert_with(|| t.tiles());
                // SAFETY: forwarded.
                unsafe { t.walk(tiles, base, part, f) }
            }
            Walk::Rows(outer, n, inner) => {
                let (_, mid) = outer.inner();
                outer.walk(base, part, |p, m| {
                    let mut q = p.clone();
                    for _ in 0..m {
                        f(&q, inner, *n)?;
                        for (x, &s) in q.iter_mut().zip(&mid) {
                            *x = x.wrapping_offset(s);
                        }
                    }
                    Ok(())
                })
            }
        }
    }
}

/// A value shared with the splitter's workers although its type is not `Sync` (raw
/// pointers to operands, loop data): whoever wraps one vouches that the parts it is used
/// from never touch the same written element, and that what it points to outlives the
/// parallel section (the splitter waits for every part).
pub struct Shared<T>(pub T);
// SAFETY: see the type's docs: the wrapper is the caller's promise.
unsafe impl<T> Sync for Shared<T> {}
// SAFETY: as above.
unsafe impl<T> Send for Shared<T> {}
impl<T> Shared<T> {
    /// The value (a method, so closures capture the whole wrapper, not its field).
    pub fn get(&self) -> &T {
        &self.0
    }
}

/// Call `f(ptrs, strides, len)` for every innermost run of a loop over `shape`, where each
/// operand `k` starts at `ptrs[k]` and has byte `strides[k]` (one thread, in plan order;
/// kernels must not depend on the order).
pub fn for_each_run<const N: usize>(
    shape: &[usize],
    ptrs: [*mut u8; N],
    strides: [&[isize]; N],
    mut f: impl FnMut([*mut u8; N], [isize; N], usize),
) {
    let plan = Plan::new(shape, &strides);
    let (_, s) = plan.inner();
    let inner: [isize; N] = std::array::from_fn(|k| s[k]);
    let _ = plan.walk(ptrs, plan.whole(), |p, n| {
        f(*p, inner, n);
        Ok(())
    });
}

/// [`for_each_run`] split over threads by the execution policy, for `work_bytes` of work
/// (the splitter of [`Plan::par_runs`]). Operand 0 is the one `f` writes (the others are
/// only read); when it has stride 0 on an axis (its elements are visited more than once)
/// the loop runs on the calling thread, in plan order.
pub fn par_for_each_run<const N: usize>(
    shape: &[usize],
    ptrs: [*mut u8; N],
    strides: [&[isize]; N],
    work_bytes: usize,
    f: impl Fn([*mut u8; N], [isize; N], usize) + Sync,
) {
    let plan = Plan::new(shape, &strides);
    let (_, s) = plan.inner();
    let inner: [isize; N] = std::array::from_fn(|k| s[k]);
    let work = if N > 0 && !plan.never_revisits(0) {
        0
    } else {
        work_bytes
    };
    // SAFETY: operand 0, the only written one, moves along every planned axis (else one
    // part), so parts write disjoint elements; `f` is `Sync` and does its own pointer
    // accesses under its own contract, as with `for_each_run`.
    let _ = unsafe {
        plan.par_runs(
            &ptrs,
            work,
            || (),
            |_, p, n| {
                f(std::array::from_fn(|k| p[k]), inner, n);
                Ok(())
            },
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU8, Ordering};

    /// Every element visited once, for every split, with C, F, transposed and broadcast
    /// layouts.
    #[test]
    fn splits_visit_each_element_once() {
        let shapes: [&[usize]; 4] = [&[1000], &[7, 300], &[3, 1, 5, 129], &[2000, 3]];
        for shape in shapes {
            let n: usize = shape.iter().product();
            let c = crate::layout::c_strides(shape, 1);
            let f: Vec<isize> = {
                let mut st = vec![0isize; shape.len()];
                let mut acc = 1isize;
                for i in 0..shape.len() {
                    st[i] = acc;
                    acc *= shape[i] as isize;
                }
                st
            };
            for strides in [c.to_vec(), f] {
                let hits: Vec<AtomicU8> = (0..n).map(|_| AtomicU8::new(0)).collect();
                let plan = Plan::new(shape, &[&strides]);
                for work in [0, PART_BYTES * 3, PART_BYTES * 50, usize::MAX / 2] {
                    let split = plan.split(work);
                    let (_, s) = plan.inner();
                    for i in 0..split.parts {
                        plan.walk([std::ptr::null_mut::<u8>()], split.part(i), |&[p], len| {
                            for j in 0..len {
                                let e = p as isize + j as isize * s[0];
                                hits[e as usize].fetch_add(1, Ordering::Relaxed);
                            }
                            Ok(())
                        })
                        .unwrap();
                    }
                    assert!(hits.iter().all(|h| h.swap(0, Ordering::Relaxed) == 1));
                }
            }
        }
    }

    #[test]
    fn k_order_and_coalescing() {
        // A transposed 2-d operand: the inner axis is the one with the smaller stride.
        let plan = Plan::new(&[4, 5], &[&[8, 32]]);
        assert_eq!(plan.axes().len(), 1);
        assert_eq!(plan.axes()[0].0, 20);
        assert_eq!(stride_perm(&[8, 32, 0]), vec![1, 0, 2]);
        assert!(Plan::new(&[3, 0], &[&[8, 8]]).is_empty());
        assert_eq!(Plan::new(&[], &[&[]]).size(), 1);
    }
}
