//! Radix sorts of unsigned keys, alone or carrying a `u32` payload (the index, for
//! argsort).
//!
//! The main algorithm is a most-significant-digit-first distribution sort
//! ([`sort_items`]):
//! 1. One pass finds the smallest and largest key; the bucket of a key is
//!    `(key - min) >> shift`, with `shift` chosen so that the keys' range spreads over up
//!    to 2^11 buckets (fewer for short slices: about 8 elements a bucket). A caller may
//!    give the first level its own monotone bucket function (floats bucket by value, which
//!    spreads a normal or uniform sample evenly where the bit pattern does not).
//! 2. A counting pass and a stable scatter move the slice into a second buffer, bucket
//!    after bucket.
//! 3. Every bucket is sorted the same way, back into the first buffer (the two buffers
//!    swap roles level by level, so no level copies back); a bucket of at most `SMALL`
//!    elements is insertion-sorted, one whose keys are all equal is copied.
//!
//! Only the first level touches the whole array (and a second for skewed data); deeper
//! levels run inside the cache. Every step is stable, so equal keys keep their input
//! order (argsort's indices of equal keys come out ascending). Each level removes at least
//! one bit from the key range, so the depth is bounded by the key width.
//!
//! [`lsd_sort_keys`] is the plain least-significant-digit radix sort (8-bit digits,
//! constant digits skipped), kept for the tests as a reference.

use std::marker::PhantomData;
use std::mem::MaybeUninit;

use crate::storage::Storage;

/// Unsigned keys a radix sort can take apart.
pub(crate) trait RadixKey: Copy + Ord + Default + Send + Sync + 'static {
    /// Bytes in the key.
    #[cfg_attr(not(test), allow(dead_code))]
    const BYTES: usize;
    /// Byte `i` (0 = least significant).
    #[cfg_attr(not(test), allow(dead_code))]
    fn byte(self, i: usize) -> usize;
    /// The key widened to 64 bits.
    fn wide(self) -> u64;
    /// The largest key.
    const MAX: Self;
}

macro_rules! radix_key {
    ($($t:ty),*) => {$(
        impl RadixKey for $t {
            const BYTES: usize = std::mem::size_of::<$t>();
            const MAX: $t = <$t>::MAX;
            #[inline(always)]
            fn byte(self, i: usize) -> usize {
                ((self >> (8 * i)) & 0xff) as usize
            }
            #[inline(always)]
            fn wide(self) -> u64 {
                self as u64
            }
        }
        impl Item for $t {
            type K = $t;
            #[inline(always)]
            fn key(&self) -> $t {
                *self
            }
        }
    )*};
}

/// An element the distribution sort moves: a key, or a key with its payload.
pub(crate) trait Item: Copy + Default + Send + Sync + 'static {
    /// The key type.
    type K: RadixKey;
    /// The sort key.
    fn key(&self) -> Self::K;
}

radix_key!(u8, u16, u32, u64);

impl<K: RadixKey> Item for (K, u32) {
    type K = K;
    #[inline(always)]
    fn key(&self) -> K {
        self.0
    }
}

/// Slices of at most this many elements are insertion-sorted.
const SMALL: usize = 24;
/// Most buckets of one level (bits).
const MAX_BITS: u32 = 11;

/// Bucket bits for a slice of `n` elements: about 4 elements a bucket, at most
/// `MAX_BITS`; 10 bits for slices larger than the L2 cache (more write streams thrash the
/// TLB and the write-combining buffers).
#[inline]
pub(crate) fn bucket_bits<T>(n: usize) -> u32 {
    let t = (n / 4).max(2);
    let b = usize::BITS - (t - 1).leading_zeros();
    let cap = if n * std::mem::size_of::<T>() > (256 << 10) {
        10
    } else {
        MAX_BITS
    };
    b.clamp(1, cap)
}

/// A scratch buffer of `n` elements (uninitialised; the large-block allocator's reused,
/// huge-page memory for large sizes).
pub(crate) struct Buf<T> {
    st: Storage,
    n: usize,
    _t: PhantomData<T>,
}

impl<T: Copy> Buf<T> {
    /// `n` elements. Every element must be written before it is read.
    pub(crate) fn new(n: usize) -> Buf<T> {
        // SAFETY: every user writes an element before reading it (the sorts scatter a full
        // slice into the buffer before reading it back).
        let st = unsafe { Storage::uninit(n * std::mem::size_of::<T>()) }
            .unwrap_or_else(|e| panic!("sort scratch: {e:?}"));
        debug_assert!(st.as_ptr() as usize % std::mem::align_of::<T>() == 0);
        Buf {
            st,
            n,
            _t: PhantomData,
        }
    }
    /// The elements.
    pub(crate) fn slice(&mut self) -> &mut [T] {
        if self.n == 0 {
            return &mut [];
        }
        // SAFETY: the storage holds `n` elements of `T`, 64-byte aligned; `T` is plain data
        // (integers, pairs of integers), written before read (see `new`).
        unsafe { std::slice::from_raw_parts_mut(self.st.as_ptr() as *mut T, self.n) }
    }
}

/// Stable insertion sort by key.
#[inline]
fn insertion<T: Item>(a: &mut [T]) {
    for i in 1..a.len() {
        // SAFETY: all indices are below `i < a.len()`.
        unsafe {
            let x = *a.get_unchecked(i);
            let kx = x.key();
            let mut j = i;
            while j > 0 && a.get_unchecked(j - 1).key() > kx {
                *a.get_unchecked_mut(j) = *a.get_unchecked(j - 1);
                j -= 1;
            }
            *a.get_unchecked_mut(j) = x;
        }
    }
}

/// Count buckets (`f(key) < nb`), scatter `src` stably into `dst`, and return the bucket
/// ends (the bucket ends; the first `nb` entries of `ends`, which need no initialising).
#[inline(always)]
fn distribute<'e, T: Item>(
    src: &[T],
    dst: &mut [T],
    nb: usize,
    f: impl Fn(T::K) -> usize,
    ends: &'e mut [MaybeUninit<u32>],
) -> &'e [u32] {
    debug_assert!(nb <= ends.len() && src.len() == dst.len());
    let counts = &mut ends[..nb];
    for c in counts.iter_mut() {
        c.write(0);
    }
    // SAFETY: every element was just initialised; `MaybeUninit<u32>` has `u32`'s layout.
    let counts = unsafe { &mut *(counts as *mut [MaybeUninit<u32>] as *mut [u32]) };
    for x in src {
        let b = f(x.key());
        debug_assert!(b < nb);
        // SAFETY: `f` returns a bucket below `nb`.
        unsafe { *counts.get_unchecked_mut(b) += 1 };
    }
    let mut s = 0u32;
    for c in counts.iter_mut() {
        let t = *c;
        *c = s;
        s += t;
    }
    for x in src {
        let b = f(x.key());
        // SAFETY: bucket `b < nb`; its offsets stay below its end, `<= dst.len()`.
        unsafe {
            let o = counts.get_unchecked_mut(b);
            *dst.get_unchecked_mut(*o as usize) = *x;
            *o += 1;
        }
    }
    // `counts[b]` is now the end of bucket `b`.
    counts
}

/// The key-space plan of a slice: `(min, shift, buckets)`, or `None` when every key is
/// equal.
#[inline]
fn plan<T: Item>(a: &[T]) -> Option<(u64, u32, usize)> {
    let mut lo = u64::MAX;
    let mut hi = 0u64;
    for x in a {
        let k = x.key().wide();
        lo = lo.min(k);
        hi = hi.max(k);
    }
    if lo >= hi {
        return None;
    }
    let range = hi - lo;
    let rbits = u64::BITS - range.leading_zeros();
    let nbits = bucket_bits::<T>(a.len()).min(rbits);
    let shift = rbits - nbits;
    Some((lo, shift, (range >> shift) as usize + 1))
}

/// Sort `a` in place (`s`: scratch of the same length).
fn msd_in<T: Item>(a: &mut [T], s: &mut [T]) {
    if a.len() <= SMALL {
        insertion(a);
        return;
    }
    let Some((lo, shift, nb)) = plan(a) else {
        return;
    };
    let mut ends = [MaybeUninit::<u32>::uninit(); 1 << MAX_BITS];
    let ends = distribute(a, s, nb, |k| ((k.wide() - lo) >> shift) as usize, &mut ends);
    let mut start = 0usize;
    for &e in ends {
        let e = e as usize;
        if e > start {
            msd_to(&mut s[start..e], &mut a[start..e]);
        }
        start = e;
    }
}

/// Sort `src` into `dst` (same length; `src` is left as scratch).
fn msd_to<T: Item>(src: &mut [T], dst: &mut [T]) {
    if src.len() <= SMALL {
        dst.copy_from_slice(src);
        insertion(dst);
        return;
    }
    let Some((lo, shift, nb)) = plan(src) else {
        dst.copy_from_slice(src);
        return;
    };
    let mut ends = [MaybeUninit::<u32>::uninit(); 1 << MAX_BITS];
    let ends = distribute(
        src,
        dst,
        nb,
        |k| ((k.wide() - lo) >> shift) as usize,
        &mut ends,
    );
    let mut start = 0usize;
    for &e in ends {
        let e = e as usize;
        if e > start {
            msd_in(&mut dst[start..e], &mut src[start..e]);
        }
        start = e;
    }
}

/// Sort `a` (stable), with `s` as scratch of the same length. `first`: an optional first
/// level `(buckets, f)` with `f` monotone in the key and below `buckets <= 2^11 + 1`.
pub(crate) fn sort_items<T: Item, F: Fn(T::K) -> usize>(
    a: &mut [T],
    s: &mut [T],
    first: Option<(usize, F)>,
) {
    debug_assert!(a.len() <= u32::MAX as usize && s.len() == a.len());
    match first {
        Some((nb, f)) if a.len() > SMALL => {
            let mut ends = [MaybeUninit::<u32>::uninit(); (1 << MAX_BITS) + 1];
            let ends = distribute(a, s, nb, f, &mut ends);
            let mut start = 0usize;
            for &e in ends {
                let e = e as usize;
                if e > start {
                    msd_to(&mut s[start..e], &mut a[start..e]);
                }
                start = e;
            }
        }
        _ => msd_in(a, s),
    }
}

/// Sort `keys` ascending (the scratch buffer is allocated here).
pub(crate) fn sort_keys<K: RadixKey + Item<K = K>>(keys: &mut [K]) {
    sort_keys_with(keys, None::<(usize, fn(K) -> usize)>);
}

/// [`sort_keys`] with an optional first-level bucket function (see [`sort_items`]).
pub(crate) fn sort_keys_with<K: RadixKey + Item<K = K>, F: Fn(K) -> usize>(
    keys: &mut [K],
    first: Option<(usize, F)>,
) {
    let n = keys.len();
    if n <= SMALL {
        insertion(keys);
        return;
    }
    if n > u32::MAX as usize {
        keys.sort_unstable();
        return;
    }
    let mut buf = Buf::<K>::new(n);
    sort_items(keys, buf.slice(), first);
}

/// Stable argsort of `keys` (`n < 2**32`): the permutation written to `out`.
pub(crate) fn argsort_keys<K: RadixKey>(keys: &[K], out: &mut [i64]) {
    argsort_keys_with(keys, out, None::<(usize, fn(K) -> usize)>);
}

/// [`argsort_keys`] with an optional first-level bucket function (see [`sort_items`]).
pub(crate) fn argsort_keys_with<K: RadixKey, F: Fn(K) -> usize>(
    keys: &[K],
    out: &mut [i64],
    first: Option<(usize, F)>,
) {
    let n = keys.len();
    debug_assert!(out.len() == n && n <= u32::MAX as usize);
    let mut a = Buf::<(K, u32)>::new(n);
    let mut s = Buf::<(K, u32)>::new(n);
    let a = a.slice();
    for (i, (d, &k)) in a.iter_mut().zip(keys).enumerate() {
        *d = (k, i as u32);
    }
    sort_items(a, s.slice(), first);
    for (o, e) in out.iter_mut().zip(a.iter()) {
        *o = e.1 as i64;
    }
}

/// Per-byte histograms, and which byte positions need a pass.
#[cfg(test)]
fn histograms<K: RadixKey>(
    keys: impl Iterator<Item = K>,
    n: usize,
) -> (Vec<[usize; 256]>, Vec<usize>) {
    let mut h = vec![[0usize; 256]; K::BYTES];
    for k in keys {
        for (b, hb) in h.iter_mut().enumerate() {
            hb[k.byte(b)] += 1;
        }
    }
    let passes = (0..K::BYTES).filter(|&b| !h[b].contains(&n)).collect();
    (h, passes)
}

/// LSD radix sort of `keys` (stable; reference for the tests).
#[cfg(test)]
pub(crate) fn lsd_sort_keys<K: RadixKey>(keys: &mut [K]) {
    let n = keys.len();
    let (h, passes) = histograms(keys.iter().copied(), n);
    let mut tmp = vec![K::default(); n];
    let mut in_keys = true;
    for &b in &passes {
        let mut off = [0usize; 256];
        let mut s = 0;
        for (o, &c) in off.iter_mut().zip(h[b].iter()) {
            *o = s;
            s += c;
        }
        let (src, dst): (&[K], &mut [K]) = if in_keys {
            (&*keys, &mut tmp[..])
        } else {
            (&tmp[..], &mut *keys)
        };
        for &k in src {
            let d = k.byte(b);
            dst[off[d]] = k;
            off[d] += 1;
        }
        in_keys = !in_keys;
    }
    if !in_keys {
        keys.copy_from_slice(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rng(seed: u64) -> impl FnMut() -> u64 {
        let mut s = seed;
        move || {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            s >> 11
        }
    }

    #[test]
    fn sorts_and_argsorts_stably() {
        let mut next = rng(7);
        for n in [0usize, 1, 5, 24, 25, 300, 5000, 40_000, 300_000] {
            for shape in 0..4 {
                let v: Vec<u64> = (0..n)
                    .map(|_| match shape {
                        0 => next() % 97 * 0x0101_0000_0000,
                        1 => next(),
                        2 => 1u64 << (next() % 64),
                        _ => next() % 3,
                    })
                    .collect();
                let mut a = v.clone();
                sort_keys(&mut a);
                let mut e = v.clone();
                e.sort();
                assert_eq!(a, e);
                let mut l = v.clone();
                lsd_sort_keys(&mut l);
                assert_eq!(l, e);
                let mut idx = vec![0i64; n];
                argsort_keys(&v, &mut idx);
                let mut ei: Vec<i64> = (0..n as i64).collect();
                ei.sort_by_key(|&i| v[i as usize]);
                assert_eq!(idx, ei);
                let v16: Vec<u16> = v.iter().map(|&x| (x >> 7) as u16).collect();
                let mut idx = vec![0i64; n];
                argsort_keys(&v16, &mut idx);
                let mut ei: Vec<i64> = (0..n as i64).collect();
                ei.sort_by_key(|&i| v16[i as usize]);
                assert_eq!(idx, ei);
            }
        }
    }
}
