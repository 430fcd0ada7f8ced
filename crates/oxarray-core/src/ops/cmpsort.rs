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
//!   gather.
//! * `kind='stable'`/`'mergesort'`: `npy_atimsort` (NumPy's `string_atimsort_` for
//!   `S`/`U` differs from it in its merge policy only, which cannot change a stable
//!   order of a consistent comparison).
//! * `searchsorted`: `npy_binsearch`/`npy_argbinsearch` (the bounds kept from the
//!   previous key).
//!
//! Every comparison may fail (a Python `<` that raised): the first error ends the
//! operation and is returned.

use std::cmp::Ordering;

use crate::dtype::{CompareFn, DType};
use crate::error::Result;

/// A three-way order of two items given by address (each of the lane's dtype).
///
/// [`DynOrder`] calls the dtype's [`CompareFn`]; the others are the same orders of the
/// string dtypes written out so that the sorts below, generic over the order, compile
/// them inline (NumPy's typed `string_quicksort_`/`unicode_...` loops play that role).
pub(crate) trait PtrOrder: Copy {
    /// The order of the items at `a` and `b`.
    ///
    /// # Safety
    /// `a` and `b` address live items of the lane's dtype.
    unsafe fn order(&self, a: *const u8, b: *const u8) -> Result<Ordering>;
}

/// Any dtype: its [`CompareFn`].
#[derive(Clone, Copy)]
pub(crate) struct DynOrder {
    dtype: DType,
    cmp: CompareFn,
}

impl PtrOrder for DynOrder {
    #[inline]
    unsafe fn order(&self, a: *const u8, b: *const u8) -> Result<Ordering> {
        // SAFETY: forwarded.
        unsafe { (self.cmp)(&self.dtype, a, b) }
    }
}

/// `S<n>`: the `n` bytes, unsigned lexicographic (`strings::compare_items`).
#[derive(Clone, Copy)]
pub(crate) struct BytesOrder(usize);

impl PtrOrder for BytesOrder {
    #[inline]
    unsafe fn order(&self, a: *const u8, b: *const u8) -> Result<Ordering> {
        // SAFETY: items of `self.0` bytes (caller).
        let (x, y) = unsafe {
            (
                std::slice::from_raw_parts(a, self.0),
                std::slice::from_raw_parts(b, self.0),
            )
        };
        Ok(x.cmp(y))
    }
}

/// Native-order `U<n>`: the `n` code points, lexicographic (`strings::compare_items`).
#[derive(Clone, Copy)]
pub(crate) struct Ucs4Order(usize);

impl PtrOrder for Ucs4Order {
    #[inline]
    unsafe fn order(&self, a: *const u8, b: *const u8) -> Result<Ordering> {
        let (a, b) = (a as *const u32, b as *const u32);
        for k in 0..self.0 {
            // SAFETY: items of `self.0` code points (caller), any alignment.
            let (x, y) = unsafe { (a.add(k).read_unaligned(), b.add(k).read_unaligned()) };
            if x != y {
                return Ok(x.cmp(&y));
            }
        }
        Ok(Ordering::Equal)
    }
}

/// StringDType whose missing values sort last (no `na_object`, or a NaN-like one).
#[derive(Clone, Copy)]
pub(crate) struct VStrOrder;

impl PtrOrder for VStrOrder {
    #[inline]
    unsafe fn order(&self, a: *const u8, b: *const u8) -> Result<Ordering> {
        // SAFETY: forwarded.
        Ok(unsafe { crate::strings::vstring::order_na_last(a, b) })
    }
}

/// The inlined order that equals `dt`'s comparison, when there is one.
#[derive(Clone, Copy)]
pub(crate) enum Fast {
    Bytes(usize),
    Ucs4(usize),
    VStr,
}

/// The [`Fast`] order of `dt` (whose comparison is `DTypeOps::compare`), if any.
pub(crate) fn fast_of(dt: DType) -> Option<Fast> {
    use crate::dtype::ByteOrder;
    if crate::strings::is_string(dt) {
        if dt.kind == 'S' {
            return Some(Fast::Bytes(dt.itemsize));
        }
        if dt.byteorder == ByteOrder::NATIVE || dt.byteorder == ByteOrder::NotApplicable {
            return Some(Fast::Ucs4(dt.itemsize / 4));
        }
        return None;
    }
    if crate::strings::vstring::is_vstring(dt) && crate::strings::vstring::sorts_na_last(&dt) {
        return Some(Fast::VStr);
    }
    None
}

/// Evaluate `$body` with `$o` bound to the [`PtrOrder`] of `$dt` (comparison `$cmp`):
/// an inlined one when [`fast_of`] has one, else [`DynOrder`]. `$body` is compiled once
/// per order.
macro_rules! with_order {
    ($dt:expr, $cmp:expr, |$o:ident| $body:expr) => {{
        use $crate::ops::cmpsort::{BytesOrder, DynOrder, Fast, Ucs4Order, VStrOrder};
        let (dt, cmp) = ($dt, $cmp);
        match $crate::ops::cmpsort::fast_of(dt) {
            Some(Fast::Bytes(n)) => {
                let $o = BytesOrder::new(n);
                $body
            }
            Some(Fast::Ucs4(n)) => {
                let $o = Ucs4Order::new(n);
                $body
            }
            Some(Fast::VStr) => {
                let $o = VStrOrder;
                $body
            }
            None => {
                let $o = DynOrder::new(dt, cmp);
                $body
            }
        }
    }};
}
pub(crate) use with_order;

impl DynOrder {
    pub(crate) fn new(dtype: DType, cmp: CompareFn) -> DynOrder {
        DynOrder { dtype, cmp }
    }
}

impl BytesOrder {
    pub(crate) fn new(n: usize) -> BytesOrder {
        BytesOrder(n)
    }
}

impl Ucs4Order {
    pub(crate) fn new(n: usize) -> Ucs4Order {
        Ucs4Order(n)
    }
}

/// The items of one contiguous lane and their comparison.
pub(crate) struct Items<'a, O: PtrOrder = DynOrder> {
    dtype: DType,
    cmp: CompareFn,
    o: O,
    base: *const u8,
    isz: usize,
    _lane: std::marker::PhantomData<&'a [u8]>,
}

impl<'a> Items<'a> {
    /// The items of `bytes` (a whole number of contiguous items of `dtype`).
    pub(crate) fn new(dtype: DType, cmp: CompareFn, bytes: &'a [u8]) -> Items<'a> {
        Items::with_order(dtype, cmp, DynOrder::new(dtype, cmp), bytes)
    }
}

impl<'a, O: PtrOrder> Items<'a, O> {
    /// The items of `bytes` ordered by `o` (the same order as `cmp`).
    pub(crate) fn with_order(dtype: DType, cmp: CompareFn, o: O, bytes: &'a [u8]) -> Items<'a, O> {
        Items {
            dtype,
            cmp,
            o,
            base: bytes.as_ptr(),
            isz: dtype.itemsize,
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
fn aheapsort<O: PtrOrder>(v: &Items<'_, O>, t: &mut [i64]) -> Result<()> {
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
fn aquicksort<O: PtrOrder>(v: &Items<'_, O>, t: &mut [i64]) -> Result<()> {
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
fn acount_run<O: PtrOrder>(v: &Items<'_, O>, t: &mut [i64], l: usize, minrun: usize) -> Result<usize> {
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
fn agallop_right<O: PtrOrder>(v: &Items<'_, O>, ts: &[i64], key: i64) -> Result<usize> {
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
fn agallop_left<O: PtrOrder>(v: &Items<'_, O>, ts: &[i64], key: i64) -> Result<usize> {
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
fn amerge_left<O: PtrOrder>(
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
fn amerge_right<O: PtrOrder>(
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
fn amerge_at<O: PtrOrder>(
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
fn atry_collapse<O: PtrOrder>(
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
fn aforce_collapse<O: PtrOrder>(
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
fn atimsort<O: PtrOrder>(v: &Items<'_, O>, t: &mut [i64]) -> Result<()> {
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

/// Argsort the lane `v` of `n` items into `t` (overwritten with `0..n` first): NumPy's
/// `npy_aquicksort` (or the stable sort when `stable`). Items of size 0 keep their order.
pub(crate) fn argsort_lane(v: &Items<'_>, t: &mut [i64], stable: bool) -> Result<()> {
    for (i, x) in t.iter_mut().enumerate() {
        *x = i as i64;
    }
    if v.isz == 0 {
        return Ok(());
    }
    let (dt, cmp, base) = (v.dtype, v.cmp, v.base);
    with_order!(dt, cmp, |o| {
        let w = Items {
            dtype: dt,
            cmp,
            o,
            base,
            isz: v.isz,
            _lane: std::marker::PhantomData,
        };
        if stable {
            atimsort(&w, t)
        } else {
            aquicksort(&w, t)
        }
    })
}

/// True when [`sort_values`] sorts items of `dt`: the dtypes with an inlined order, whose
/// items compare equal only when they are equal values (strings), so any sort leaves the
/// same sequence of values as NumPy's.
pub(crate) fn sorts_values(dt: DType) -> bool {
    fast_of(dt).is_some()
}

/// Sort the items of `buf` (contiguous items of `dt`, a dtype for which [`sorts_values`])
/// in place by moving them: NumPy's `string_quicksort_` (the partitions of
/// [`aquicksort`], made on the items themselves instead of indices).
pub(crate) fn sort_values(dt: DType, cmp: CompareFn, buf: &mut [u8]) -> Result<()> {
    let isz = dt.itemsize;
    if isz == 0 || buf.len() < 2 * isz {
        return Ok(());
    }
    with_order!(dt, cmp, |o| vquicksort(dt, cmp, o, buf))
}

fn vquicksort<O: PtrOrder>(dt: DType, cmp: CompareFn, o: O, buf: &mut [u8]) -> Result<()> {
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
            let v = Items::with_order(dt, cmp, o, part);
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

/// NumPy's generic `npy_binsearch`/`npy_argbinsearch`: for each key `k` of `keys`, the
/// insertion point into the sorted `a` (through `sorter` when given, its indices already
/// checked to be in range), left or right of equal items.
///
/// `cmp_ak(i, k)` compares item `i` of `a` with key `k`; `cmp_kk(k1, k2)` two keys.
pub(crate) fn binsearch(
    n: usize,
    m: usize,
    sorter: Option<&[i64]>,
    right: bool,
    mut cmp_ak: impl FnMut(usize, usize) -> Result<Ordering>,
    mut cmp_kk: impl FnMut(usize, usize) -> Result<Ordering>,
    out: &mut [i64],
) -> Result<()> {
    let go = |o: Ordering| {
        if right {
            o != Ordering::Greater
        } else {
            o == Ordering::Less
        }
    };
    let (mut min_idx, mut max_idx) = (0usize, n);
    let mut last = 0usize;
    for (k, o) in out.iter_mut().enumerate().take(m) {
        if go(cmp_kk(last, k)?) {
            max_idx = n;
        } else {
            min_idx = 0;
            max_idx = if max_idx < n { max_idx + 1 } else { n };
        }
        last = k;
        while min_idx < max_idx {
            let mid = min_idx + ((max_idx - min_idx) >> 1);
            let at = match sorter {
                Some(s) => s[mid] as usize,
                None => mid,
            };
            if go(cmp_ak(at, k)?) {
                min_idx = mid + 1;
            } else {
                max_idx = mid;
            }
        }
        *o = min_idx as i64;
    }
    Ok(())
}
