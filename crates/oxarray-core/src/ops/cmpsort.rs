//! Sorting and searching for dtypes ordered only by a comparison
//! ([`crate::dtype::DTypeOps::compare`]: fixed-width strings, objects, StringDType):
//! ports of NumPy's generic index sorts (`npysort`), so orders (ties included) are
//! NumPy's.
//!
//! * `kind='quicksort'`/`'heapsort'` (NumPy 2 maps heapsort to its default):
//!   `npy_aquicksort` (introsort: median-of-three quicksort, insertion sort below 16
//!   items, `npy_aheapsort` for a part when the depth budget `2*floor(log2 n)` is spent).
//!   NumPy's value sorts (`string_quicksort_`, `npy_quicksort`) make the same comparisons
//!   and moves as the index sorts, so a value sort is the index sort followed by a
//!   gather; dtypes whose equal items are the same value (strings) sort the items
//!   themselves instead ([`CompareKernels::of_values`], `string_quicksort_` with its
//!   heap sort fallback), which leaves the same values.
//! * `kind='stable'`/`'mergesort'`: `npy_atimsort` (NumPy's `string_atimsort_` for
//!   `S`/`U` differs from it in its merge policy only, which cannot change a stable
//!   order of a consistent comparison).
//! * `searchsorted`: `npy_binsearch`/`npy_argbinsearch` (the bounds kept from the
//!   previous key).
//!
//! The loops are generic over an [`ItemOrder`]: a dtype may hand them compiled for an
//! inlined form of its comparison ([`crate::dtype::DTypeOps::compare_kernels`]: `S`,
//! native `U`, StringDType without a string `na_object`); the others run them with
//! their [`CompareFn`] called through the pointer (objects).
//!
//! Every comparison may fail (a Python `<` that raised): the first error ends the
//! operation and is returned.

use std::cmp::Ordering;

use crate::dtype::{CompareFn, DType};
use crate::error::Result;

/// A three-way order of two items given by address, the same order as a dtype's
/// [`CompareFn`] written so that the sorts here, generic over it, compile it inline
/// (NumPy's typed `string_quicksort_`/`unicode_...` loops play that role). A dtype
/// hands its sorts to the compare route through [`crate::dtype::DTypeOps::compare_kernels`]
/// ([`CompareKernels::of`]).
pub trait ItemOrder: Copy {
    /// The order of the items of `dt`, whose comparison is `cmp`.
    fn new(dt: DType, cmp: CompareFn) -> Self;
    /// The order of the items at `a` and `b`: that of the dtype's comparison.
    ///
    /// # Safety
    /// `a` and `b` address live items of the dtype given to `new`.
    unsafe fn order(&self, a: *const u8, b: *const u8) -> Result<Ordering>;
}

/// Any dtype: its [`CompareFn`], called through the pointer.
#[derive(Clone, Copy)]
pub(crate) struct DynOrder {
    dtype: DType,
    cmp: CompareFn,
}

impl ItemOrder for DynOrder {
    fn new(dtype: DType, cmp: CompareFn) -> DynOrder {
        DynOrder { dtype, cmp }
    }
    #[inline]
    unsafe fn order(&self, a: *const u8, b: *const u8) -> Result<Ordering> {
        // SAFETY: forwarded.
        unsafe { (self.cmp)(&self.dtype, a, b) }
    }
}

/// The compare route's loops compiled for one [`ItemOrder`]: what a dtype returns from
/// [`crate::dtype::DTypeOps::compare_kernels`]. Dtypes without one use the loops compiled
/// for their [`CompareFn`] called through the pointer.
pub struct CompareKernels {
    /// [`argsort_lane`]'s work on a lane of contiguous items.
    argsort: ArgsortFn,
    /// [`sort_values`]'s work (`None`: sorts gather the items in argsort order).
    sort: Option<SortFn>,
    /// [`searchsorted`]'s work.
    search: SearchFn,
}

/// See [`argsort_lane`]: `(dt, cmp, lane, t, stable)`.
type ArgsortFn = fn(DType, CompareFn, &[u8], &mut [i64], bool) -> Result<()>;

/// See [`sort_values`]: `(dt, cmp, lane)`.
type SortFn = fn(DType, CompareFn, &mut [u8]) -> Result<()>;

/// See [`searchsorted`]: `(dt, cmp, a, a_stride, n, sorter, keys, m, right, out)`.
type SearchFn = unsafe fn(
    DType,
    CompareFn,
    *const u8,
    isize,
    usize,
    Option<&[i64]>,
    *const u8,
    usize,
    bool,
    &mut [i64],
) -> Result<()>;

impl CompareKernels {
    /// The sorts and searches compiled for `O`.
    pub const fn of<O: ItemOrder>() -> CompareKernels {
        CompareKernels {
            argsort: argsort_with::<O>,
            sort: None,
            search: search_with::<O>,
        }
    }

    /// As [`CompareKernels::of`], and `sort` moves the items themselves (NumPy's
    /// `string_quicksort_`) instead of gathering them in argsort order. Only for dtypes
    /// whose items compare equal exactly when they are the same value (strings): then any
    /// sort leaves NumPy's sequence of values, ties included.
    pub const fn of_values<O: ItemOrder>() -> CompareKernels {
        CompareKernels {
            argsort: argsort_with::<O>,
            sort: Some(vquicksort::<O>),
            search: search_with::<O>,
        }
    }
}

/// The loops for a dtype without kernels of its own: its comparison through the pointer.
static DYN_KERNELS: CompareKernels = CompareKernels::of::<DynOrder>();

/// The compare-route loops of `dt`: its own ([`crate::dtype::DTypeOps::compare_kernels`])
/// or the ones calling its comparison.
fn kernels_of(dt: DType) -> &'static CompareKernels {
    dt.ops.compare_kernels(&dt).unwrap_or(&DYN_KERNELS)
}

/// The items of one contiguous lane and their order.
pub(crate) struct Items<'a, O: ItemOrder = DynOrder> {
    o: O,
    base: *const u8,
    isz: usize,
    _lane: std::marker::PhantomData<&'a [u8]>,
}

impl<'a> Items<'a> {
    /// The items of `bytes` (a whole number of contiguous items of `dtype`), compared by
    /// `cmp` through the pointer.
    pub(crate) fn new(dtype: DType, cmp: CompareFn, bytes: &'a [u8]) -> Items<'a> {
        Items::with_order(DynOrder::new(dtype, cmp), dtype.itemsize, bytes)
    }
}

impl<'a, O: ItemOrder> Items<'a, O> {
    /// The items of `bytes` (items of `isz` bytes) ordered by `o`.
    fn with_order(o: O, isz: usize, bytes: &'a [u8]) -> Items<'a, O> {
        Items {
            o,
            base: bytes.as_ptr(),
            isz,
            _lane: std::marker::PhantomData,
        }
    }

    /// The three-way order of items `i` and `j`.
    #[inline]
    pub(crate) fn cmp(&self, i: i64, j: i64) -> Result<Ordering> {
        // SAFETY: `i` and `j` index items of the lane given to `new` (callers pass
        // indices of a permutation of the lane); the lane outlives `self`.
        unsafe {
            self.o.order(
                self.base.add(i as usize * self.isz),
                self.base.add(j as usize * self.isz),
            )
        }
    }

    #[inline]
    fn lt(&self, i: i64, j: i64) -> Result<bool> {
        Ok(self.cmp(i, j)? == Ordering::Less)
    }
}

const SMALL_QUICKSORT: usize = 15;

/// NumPy's `npy_get_msb`: floor(log2(n)) (0 for n <= 1).
fn msb(n: usize) -> i32 {
    let mut n = n;
    let mut d = 0;
    while {
        n >>= 1;
        n != 0
    } {
        d += 1;
    }
    d
}

/// NumPy's `npy_aheapsort` on `t` (indices into `v`).
fn aheapsort<O: ItemOrder>(v: &Items<'_, O>, t: &mut [i64]) -> Result<()> {
    let mut n = t.len();
    // 1-based heap indexing as NumPy's `a = tosort - 1`.
    macro_rules! a {
        ($k:expr) => {
            t[$k - 1]
        };
    }
    let mut l = n >> 1;
    while l > 0 {
        let tmp = a!(l);
        let (mut i, mut j) = (l, l << 1);
        while j <= n {
            if j < n && v.lt(a!(j), a!(j + 1))? {
                j += 1;
            }
            if v.lt(tmp, a!(j))? {
                a!(i) = a!(j);
                i = j;
                j += j;
            } else {
                break;
            }
        }
        a!(i) = tmp;
        l -= 1;
    }
    while n > 1 {
        let tmp = a!(n);
        a!(n) = a!(1);
        n -= 1;
        let (mut i, mut j) = (1, 2);
        while j <= n {
            if j < n && v.lt(a!(j), a!(j + 1))? {
                j += 1;
            }
            if v.lt(tmp, a!(j))? {
                a!(i) = a!(j);
                i = j;
                j += j;
            } else {
                break;
            }
        }
        a!(i) = tmp;
    }
    Ok(())
}

/// NumPy's `npy_aquicksort` on `t` (indices into `v`).
fn aquicksort<O: ItemOrder>(v: &Items<'_, O>, t: &mut [i64]) -> Result<()> {
    let num = t.len();
    if num < 2 {
        return Ok(());
    }
    let (mut pl, mut pr) = (0usize, num - 1);
    let mut stack: Vec<(usize, usize, i32)> = Vec::new();
    let mut cdepth = msb(num) * 2;
    loop {
        if cdepth < 0 {
            aheapsort(v, &mut t[pl..=pr])?;
        } else {
            while pr - pl > SMALL_QUICKSORT {
                let pm = pl + ((pr - pl) >> 1);
                if v.lt(t[pm], t[pl])? {
                    t.swap(pm, pl);
                }
                if v.lt(t[pr], t[pm])? {
                    t.swap(pr, pm);
                }
                if v.lt(t[pm], t[pl])? {
                    t.swap(pm, pl);
                }
                let vp = t[pm];
                let mut pi = pl;
                let mut pj = pr - 1;
                t.swap(pm, pj);
                loop {
                    loop {
                        pi += 1;
                        if !(v.lt(t[pi], vp)? && pi < pj) {
                            break;
                        }
                    }
                    loop {
                        pj -= 1;
                        if !(v.lt(vp, t[pj])? && pi < pj) {
                            break;
                        }
                    }
                    if pi >= pj {
                        break;
                    }
                    t.swap(pi, pj);
                }
                let pk = pr - 1;
                t.swap(pi, pk);
                cdepth -= 1;
                // push the larger partition on the stack
                if pi - pl < pr - pi {
                    stack.push((pi + 1, pr, cdepth));
                    pr = pi - 1;
                } else {
                    stack.push((pl, pi - 1, cdepth));
                    pl = pi + 1;
                }
            }
            // insertion sort
            for pi in pl + 1..=pr {
                let vi = t[pi];
                let mut pj = pi;
                while pj > pl && v.lt(vi, t[pj - 1])? {
                    t[pj] = t[pj - 1];
                    pj -= 1;
                }
                t[pj] = vi;
            }
        }
        match stack.pop() {
            None => break,
            Some((l, r, d)) => {
                pl = l;
                pr = r;
                cdepth = d;
            }
        }
    }
    Ok(())
}

/// NumPy's `compute_min_run_short`.
fn min_run(mut num: usize) -> usize {
    let mut r = 0;
    while 16 < num {
        r |= num & 1;
        num >>= 1;
    }
    num + r
}

/// NumPy's `npy_acount_run`: the run starting at `l` (a descending one reversed),
/// extended to `minrun` by insertion sort; its length.
fn acount_run<O: ItemOrder>(
    v: &Items<'_, O>,
    t: &mut [i64],
    l: usize,
    minrun: usize,
) -> Result<usize> {
    let num = t.len();
    if num - l == 1 {
        return Ok(1);
    }
    let pl = l;
    let mut pi = pl + 1;
    if v.cmp(t[pl], t[pl + 1])? != Ordering::Greater {
        while pi < num - 1 && v.cmp(t[pi], t[pi + 1])? != Ordering::Greater {
            pi += 1;
        }
    } else {
        while pi < num - 1 && v.lt(t[pi + 1], t[pi])? {
            pi += 1;
        }
        t[pl..=pi].reverse();
    }
    pi += 1;
    let mut sz = pi - pl;
    if sz < minrun {
        sz = if l + minrun < num { minrun } else { num - l };
        let pr = pl + sz;
        while pi < pr {
            let vi = t[pi];
            let mut pj = pi;
            while pl < pj && v.lt(vi, t[pj - 1])? {
                t[pj] = t[pj - 1];
                pj -= 1;
            }
            t[pj] = vi;
            pi += 1;
        }
    }
    Ok(sz)
}

/// NumPy's `npy_agallop_right`: where `key` goes after its equals in the sorted `ts`.
fn agallop_right<O: ItemOrder>(v: &Items<'_, O>, ts: &[i64], key: i64) -> Result<usize> {
    let size = ts.len();
    if v.lt(key, ts[0])? {
        return Ok(0);
    }
    let (mut last_ofs, mut ofs) = (0usize, 1usize);
    loop {
        if size <= ofs {
            ofs = size;
            break;
        }
        if v.lt(key, ts[ofs])? {
            break;
        }
        last_ofs = ofs;
        ofs = (ofs << 1) + 1;
    }
    while last_ofs + 1 < ofs {
        let m = last_ofs + ((ofs - last_ofs) >> 1);
        if v.lt(key, ts[m])? {
            ofs = m;
        } else {
            last_ofs = m;
        }
    }
    Ok(ofs)
}

/// NumPy's `npy_agallop_left`: where `key` goes before its equals in the sorted `ts`.
fn agallop_left<O: ItemOrder>(v: &Items<'_, O>, ts: &[i64], key: i64) -> Result<usize> {
    let size = ts.len() as isize;
    if v.lt(ts[size as usize - 1], key)? {
        return Ok(size as usize);
    }
    let (mut last_ofs, mut ofs) = (0isize, 1isize);
    loop {
        if size <= ofs {
            ofs = size;
            break;
        }
        if v.lt(ts[(size - ofs - 1) as usize], key)? {
            break;
        }
        last_ofs = ofs;
        ofs = (ofs << 1) + 1;
    }
    let (mut l, mut r) = (size - ofs - 1, size - last_ofs - 1);
    while l + 1 < r {
        let m = l + ((r - l) >> 1);
        if v.lt(ts[m as usize], key)? {
            l = m;
        } else {
            r = m;
        }
    }
    Ok(r as usize)
}

/// NumPy's `npy_amerge_left` of the adjacent runs `t[p1..p1+l1]`, `t[p2..p2+l2]`.
fn amerge_left<O: ItemOrder>(
    v: &Items<'_, O>,
    t: &mut [i64],
    p1: usize,
    l1: usize,
    l2: usize,
    buf: &mut Vec<i64>,
) -> Result<()> {
    let mut p2 = p1 + l1;
    let end = p2 + l2;
    buf.clear();
    buf.extend_from_slice(&t[p1..p1 + l1]);
    let mut p1 = p1;
    let mut p3 = 0usize;
    t[p1] = t[p2];
    p1 += 1;
    p2 += 1;
    while p1 < p2 && p2 < end {
        if v.lt(t[p2], buf[p3])? {
            t[p1] = t[p2];
            p2 += 1;
        } else {
            t[p1] = buf[p3];
            p3 += 1;
        }
        p1 += 1;
    }
    if p1 != p2 {
        t[p1..p2].copy_from_slice(&buf[p3..p3 + (p2 - p1)]);
    }
    Ok(())
}

/// NumPy's `npy_amerge_right` of the adjacent runs `t[p1..p1+l1]`, `t[p2..p2+l2]`.
fn amerge_right<O: ItemOrder>(
    v: &Items<'_, O>,
    t: &mut [i64],
    p1: usize,
    l1: usize,
    l2: usize,
    buf: &mut Vec<i64>,
) -> Result<()> {
    let p2s = p1 + l1;
    buf.clear();
    buf.extend_from_slice(&t[p2s..p2s + l2]);
    let start = p1 as isize - 1;
    let mut p1 = (p1 + l1 - 1) as isize;
    let mut p2 = (p2s + l2 - 1) as isize;
    let mut p3 = l2 as isize - 1;
    t[p2 as usize] = t[p1 as usize];
    p2 -= 1;
    p1 -= 1;
    while p1 < p2 && start < p1 {
        if v.lt(buf[p3 as usize], t[p1 as usize])? {
            t[p2 as usize] = t[p1 as usize];
            p1 -= 1;
        } else {
            t[p2 as usize] = buf[p3 as usize];
            p3 -= 1;
        }
        p2 -= 1;
    }
    if p1 != p2 {
        let ofs = (p2 - start) as usize;
        let from = (p3 + 1) as usize - ofs;
        let to = (start + 1) as usize;
        t[to..to + ofs].copy_from_slice(&buf[from..from + ofs]);
    }
    Ok(())
}

/// NumPy's `npy_amerge_at`: merge runs `at` and `at + 1` of the stack.
fn amerge_at<O: ItemOrder>(
    v: &Items<'_, O>,
    t: &mut [i64],
    stack: &[(usize, usize)],
    at: usize,
    buf: &mut Vec<i64>,
) -> Result<()> {
    let (s1, mut l1) = stack[at];
    let (s2, l2) = stack[at + 1];
    let k = agallop_right(v, &t[s1..s1 + l1], t[s2])?;
    if l1 == k {
        return Ok(());
    }
    let p1 = s1 + k;
    l1 -= k;
    let l2 = agallop_left(v, &t[s2..s2 + l2], t[s2 - 1])?;
    if l2 < l1 {
        amerge_right(v, t, p1, l1, l2, buf)
    } else {
        amerge_left(v, t, p1, l1, l2, buf)
    }
}

/// NumPy's `npy_atry_collapse`.
fn atry_collapse<O: ItemOrder>(
    v: &Items<'_, O>,
    t: &mut [i64],
    stack: &mut Vec<(usize, usize)>,
    buf: &mut Vec<i64>,
) -> Result<()> {
    let mut top = stack.len();
    while 1 < top {
        let b = stack[top - 2].1;
        let c = stack[top - 1].1;
        if (2 < top && stack[top - 3].1 <= b + c)
            || (3 < top && stack[top - 4].1 <= stack[top - 3].1 + b)
        {
            let a = stack[top - 3].1;
            if a <= c {
                amerge_at(v, t, stack, top - 3, buf)?;
                stack[top - 3].1 += b;
                stack[top - 2] = stack[top - 1];
            } else {
                amerge_at(v, t, stack, top - 2, buf)?;
                stack[top - 2].1 += c;
            }
            top -= 1;
        } else if b <= c {
            amerge_at(v, t, stack, top - 2, buf)?;
            stack[top - 2].1 += c;
            top -= 1;
        } else {
            break;
        }
        stack.truncate(top);
    }
    Ok(())
}

/// NumPy's `npy_aforce_collapse`.
fn aforce_collapse<O: ItemOrder>(
    v: &Items<'_, O>,
    t: &mut [i64],
    stack: &mut Vec<(usize, usize)>,
    buf: &mut Vec<i64>,
) -> Result<()> {
    let mut top = stack.len();
    while 2 < top {
        if stack[top - 3].1 <= stack[top - 1].1 {
            amerge_at(v, t, stack, top - 3, buf)?;
            stack[top - 3].1 += stack[top - 2].1;
            stack[top - 2] = stack[top - 1];
        } else {
            amerge_at(v, t, stack, top - 2, buf)?;
            stack[top - 2].1 += stack[top - 1].1;
        }
        top -= 1;
        stack.truncate(top);
    }
    if 1 < top {
        amerge_at(v, t, stack, top - 2, buf)?;
    }
    Ok(())
}

/// NumPy's `npy_atimsort` (its stable sort of dtypes ordered by a comparison).
fn atimsort<O: ItemOrder>(v: &Items<'_, O>, t: &mut [i64]) -> Result<()> {
    let num = t.len();
    let minrun = min_run(num);
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut buf: Vec<i64> = Vec::new();
    let mut l = 0;
    while l < num {
        let n = acount_run(v, t, l, minrun)?;
        stack.push((l, n));
        atry_collapse(v, t, &mut stack, &mut buf)?;
        l += n;
    }
    aforce_collapse(v, t, &mut stack, &mut buf)
}

/// Argsort the lane `bytes` (contiguous items of `dt`, whose comparison is `cmp`) into
/// `t` (one index per item, overwritten with `0..n` first): NumPy's `npy_aquicksort` (or
/// the stable sort when `stable`). Items of size 0 keep their order.
pub(crate) fn argsort_lane(
    dt: DType,
    cmp: CompareFn,
    bytes: &[u8],
    t: &mut [i64],
    stable: bool,
) -> Result<()> {
    for (i, x) in t.iter_mut().enumerate() {
        *x = i as i64;
    }
    if dt.itemsize == 0 {
        return Ok(());
    }
    (kernels_of(dt).argsort)(dt, cmp, bytes, t, stable)
}

fn argsort_with<O: ItemOrder>(
    dt: DType,
    cmp: CompareFn,
    bytes: &[u8],
    t: &mut [i64],
    stable: bool,
) -> Result<()> {
    let v = Items::with_order(O::new(dt, cmp), dt.itemsize, bytes);
    if stable {
        atimsort(&v, t)
    } else {
        aquicksort(&v, t)
    }
}

/// True when [`sort_values`] sorts items of `dt` (its [`CompareKernels::of_values`]).
pub(crate) fn sorts_values(dt: DType) -> bool {
    kernels_of(dt).sort.is_some()
}

/// Sort the items of `buf` (contiguous items of `dt`, a dtype for which [`sorts_values`],
/// whose comparison is `cmp`) in place by moving them: NumPy's `string_quicksort_` (the
/// partitions of [`aquicksort`], made on the items themselves instead of indices).
///
/// # Errors
/// A comparison's; `TypeError` for a dtype without a value sort.
pub(crate) fn sort_values(dt: DType, cmp: CompareFn, buf: &mut [u8]) -> Result<()> {
    let isz = dt.itemsize;
    if isz == 0 || buf.len() < 2 * isz {
        return Ok(());
    }
    match kernels_of(dt).sort {
        Some(f) => f(dt, cmp, buf),
        None => Err(crate::error::Error::type_(format!(
            "no value sort for dtype {dt}"
        ))),
    }
}

fn vquicksort<O: ItemOrder>(dt: DType, cmp: CompareFn, buf: &mut [u8]) -> Result<()> {
    let o = O::new(dt, cmp);
    let isz = dt.itemsize;
    let num = buf.len() / isz;
    let base = buf.as_mut_ptr();
    let mut vbuf = vec![0u8; isz];
    let vp = vbuf.as_mut_ptr();
    // SAFETY (every use below): indices are below `num`, so inside `buf`; `vp` is a
    // separate item-sized buffer.
    let at = |k: usize| unsafe { base.add(k * isz) };
    let lt = |a: *const u8, b: *const u8| -> Result<bool> {
        Ok(unsafe { o.order(a, b)? } == Ordering::Less)
    };
    let swap = |a: usize, b: usize| {
        if a != b {
            unsafe { std::ptr::swap_nonoverlapping(at(a), at(b), isz) };
        }
    };
    let copy = |d: *mut u8, s: *const u8| unsafe { std::ptr::copy_nonoverlapping(s, d, isz) };
    let (mut pl, mut pr) = (0usize, num - 1);
    let mut stack: Vec<(usize, usize, i32)> = Vec::new();
    let mut cdepth = msb(num) * 2;
    loop {
        if cdepth < 0 {
            // The depth budget spent: a heap sort of the part (NumPy's
            // `string_heapsort_`), here on indices followed by a gather.
            let k = pr - pl + 1;
            // SAFETY: items `pl..=pr` of `buf`.
            let part = unsafe { std::slice::from_raw_parts(at(pl), k * isz) };
            let v = Items::with_order(o, isz, part);
            let mut t: Vec<i64> = (0..k as i64).collect();
            aheapsort(&v, &mut t)?;
            let mut sorted = Vec::with_capacity(k * isz);
            for &i in &t {
                sorted.extend_from_slice(&part[i as usize * isz..(i as usize + 1) * isz]);
            }
            // SAFETY: `part` is no longer used; the same bytes are written back.
            unsafe { std::ptr::copy_nonoverlapping(sorted.as_ptr(), at(pl), k * isz) };
        } else {
            while pr - pl > SMALL_QUICKSORT {
                let pm = pl + ((pr - pl) >> 1);
                if lt(at(pm), at(pl))? {
                    swap(pm, pl);
                }
                if lt(at(pr), at(pm))? {
                    swap(pr, pm);
                }
                if lt(at(pm), at(pl))? {
                    swap(pm, pl);
                }
                copy(vp, at(pm));
                let mut pi = pl;
                let mut pj = pr - 1;
                swap(pm, pj);
                loop {
                    loop {
                        pi += 1;
                        if !(lt(at(pi), vp)? && pi < pj) {
                            break;
                        }
                    }
                    loop {
                        pj -= 1;
                        if !(lt(vp, at(pj))? && pi < pj) {
                            break;
                        }
                    }
                    if pi >= pj {
                        break;
                    }
                    swap(pi, pj);
                }
                swap(pi, pr - 1);
                cdepth -= 1;
                if pi - pl < pr - pi {
                    stack.push((pi + 1, pr, cdepth));
                    pr = pi - 1;
                } else {
                    stack.push((pl, pi - 1, cdepth));
                    pl = pi + 1;
                }
            }
            for pi in pl + 1..=pr {
                copy(vp, at(pi));
                let mut pj = pi;
                while pj > pl && lt(vp, at(pj - 1))? {
                    copy(at(pj), at(pj - 1));
                    pj -= 1;
                }
                copy(at(pj), vp);
            }
        }
        match stack.pop() {
            None => break,
            Some((l, r, d)) => {
                pl = l;
                pr = r;
                cdepth = d;
            }
        }
    }
    Ok(())
}

/// NumPy's generic `npy_binsearch`/`npy_argbinsearch` on items of `dt` (comparison
/// `cmp`): for each of the `m` contiguous keys at `keys`, the insertion point into the
/// sorted `n` items at `a` (byte stride `a_stride`; through `sorter` when given, its
/// indices already checked to be in range), left or right of equal items, into `out`.
/// The bounds are kept from the previous key when it sorts before this one.
///
/// # Safety
/// `a` addresses `n` live items at its stride, `keys` `m` contiguous ones, all of `dt`;
/// `out` holds at least `m` elements.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn searchsorted(
    dt: DType,
    cmp: CompareFn,
    a: *const u8,
    a_stride: isize,
    n: usize,
    sorter: Option<&[i64]>,
    keys: *const u8,
    m: usize,
    right: bool,
    out: &mut [i64],
) -> Result<()> {
    if m == 0 {
        return Ok(());
    }
    // SAFETY: forwarded.
    unsafe { (kernels_of(dt).search)(dt, cmp, a, a_stride, n, sorter, keys, m, right, out) }
}

#[allow(clippy::too_many_arguments)]
unsafe fn search_with<O: ItemOrder>(
    dt: DType,
    cmp: CompareFn,
    a: *const u8,
    a_stride: isize,
    n: usize,
    sorter: Option<&[i64]>,
    keys: *const u8,
    m: usize,
    right: bool,
    out: &mut [i64],
) -> Result<()> {
    let o = O::new(dt, cmp);
    let isz = dt.itemsize;
    let item = |i: usize| a.wrapping_offset(i as isize * a_stride);
    let key = |k: usize| keys.wrapping_add(k * isz);
    let out = &mut out[..m];
    // One loop per side and sorter use, so that each compiles to plain branches.
    // SAFETY (all four): the caller's `n` items and `m` keys; sorter indices below `n`.
    unsafe {
        match (sorter, right) {
            (None, false) => bsearch::<false, O>(o, n, item, key, out),
            (None, true) => bsearch::<true, O>(o, n, item, key, out),
            (Some(s), false) => bsearch::<false, O>(o, n, |i| item(s[i] as usize), key, out),
            (Some(s), true) => bsearch::<true, O>(o, n, |i| item(s[i] as usize), key, out),
        }
    }
}

/// The loop of [`searchsorted`]: `item(i)` the `i`-th of the `n` sorted items, `key(k)`
/// the `k`-th key.
///
/// # Safety
/// `item(i)` for `i < n` and `key(k)` for `k < out.len()` address live items.
#[inline(always)]
unsafe fn bsearch<const RIGHT: bool, O: ItemOrder>(
    o: O,
    n: usize,
    item: impl Fn(usize) -> *const u8,
    key: impl Fn(usize) -> *const u8,
    out: &mut [i64],
) -> Result<()> {
    // Whether the insertion point of key `y` lies after the item `x`.
    let go = |x: *const u8, y: *const u8| -> Result<bool> {
        // SAFETY: forwarded from the caller.
        let ord = unsafe { o.order(x, y)? };
        Ok(if RIGHT {
            ord != Ordering::Greater
        } else {
            ord == Ordering::Less
        })
    };
    let (mut min_idx, mut max_idx) = (0usize, n);
    let mut last = 0usize;
    for (k, r) in out.iter_mut().enumerate() {
        let kp = key(k);
        if go(key(last), kp)? {
            max_idx = n;
        } else {
            min_idx = 0;
            max_idx = if max_idx < n { max_idx + 1 } else { n };
        }
        last = k;
        while min_idx < max_idx {
            let mid = min_idx + ((max_idx - min_idx) >> 1);
            if go(item(mid), kp)? {
                min_idx = mid + 1;
            } else {
                max_idx = mid;
                keep_branch();
            }
        }
        *r = min_idx as i64;
    }
    Ok(())
}

/// Nothing, in a way the compiler cannot see through: in one arm of an `if`, it keeps the
/// `if` a branch instead of a select (`cmov`). A binary search over items out of cache
/// is several times faster branching (the predicted side's next item is loaded while the
/// comparison waits) than selecting (each step waits for the previous load), as
/// NumPy's C loops do.
#[inline(always)]
fn keep_branch() {
    #[cfg(any(target_arch = "x86_64", target_arch = "x86", target_arch = "aarch64"))]
    // SAFETY: an empty instruction sequence touching no memory, stack or flags.
    unsafe {
        std::arch::asm!("", options(nomem, nostack, preserves_flags))
    };
}
