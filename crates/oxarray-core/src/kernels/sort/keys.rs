//! Order keys of the built-in element types, and the sort/select/search algorithms over
//! them (generic over [`SortElem`]; `mod.rs` turns each into table entries).
//!
//! Every element type maps to a key whose `Ord` is NumPy's sort order (`npysort`'s `LT`):
//! - integers and bool: their value (as an unsigned key with the sign bit flipped, so that
//!   a radix sort can take it apart byte by byte);
//! - floats: the IEEE bits mapped to an unsigned integer whose order is numeric order,
//!   with `-0.0` and `+0.0` given one key (they compare equal) and every NaN the largest
//!   key (NaN sorts last, all NaNs equal);
//! - complex: `(class, key(re), key(im))` with class 0 for no NaN, 1 for a NaN imaginary
//!   part, 2 for a NaN real part, 3 for both: NumPy's `CFLOAT_LT`, which orders
//!   `[R + Rj, R + nanj, nan + Rj, nan + nanj]`.
//!
//! Values sorts are stable in effect: keys that collapse distinct values (±0, NaN
//! payloads) are restored to input order, so the result equals NumPy's stable sort bit for
//! bit.

use std::cmp::Ordering;

use half::f16;
use num_complex::Complex;

use super::radix;

/// Below this length, comparison sorts beat the radix sort.
const RADIX_MIN: usize = 64;
/// Below this length, a comparison argsort beats the radix argsort.
const ARG_RADIX_MIN: usize = 64;

/// An element type that can be sorted, selected and searched.
pub(crate) trait SortElem: Copy + Send + Sync + 'static {
    /// The order key (see the module doc).
    type Key: Ord + Copy + Send + Sync;
    /// The key of `self`.
    fn key(self) -> Self::Key;
    /// NaN (complex: either part NaN).
    fn is_nan(self) -> bool {
        false
    }
    /// The key as an integer, for integer types (used by `isin`'s lookup table).
    fn int_key(self) -> Option<u64> {
        None
    }
    /// Sort ascending in NumPy's order; equal keys keep their input order.
    fn sort_values(v: &mut [Self]) {
        v.sort_by_key(|x| x.key());
    }
    /// Stable argsort into `out` (`out.len() == v.len()`).
    fn argsort(v: &[Self], out: &mut [i64]) {
        for (i, o) in out.iter_mut().enumerate() {
            *o = i as i64;
        }
        out.sort_by_key(|&i| v[i as usize].key());
    }
    /// NumPy's `compare` function of the dtype (`arrfuncs->compare`), which orders the
    /// fields of records (`unique(..., axis=)`): the key order, except that NumPy's
    /// `HALF_compare` puts NaN FIRST for float16.
    fn compare_record(a: Self, b: Self) -> Ordering {
        a.key().cmp(&b.key())
    }
    /// Partition `v` around every `kth` (ascending, in range): see [`partition`].
    fn partition_values(v: &mut [Self], kth: &[usize]) {
        partition_by_key(v, kth);
    }
    /// The sorted distinct values of `v` when a lookup table over its range is cheap
    /// (integers over a small range); `None` otherwise.
    fn unique_small_range(_v: &[Self]) -> Option<Vec<Self>> {
        None
    }
    /// Sort the keys of `v` (for searches and sets).
    fn sorted_keys(v: &[Self]) -> Vec<Self::Key> {
        let mut k: Vec<Self::Key> = v.iter().map(|x| x.key()).collect();
        k.sort_unstable();
        k
    }
}

macro_rules! int_elem {
    ($t:ty, $u:ty, $flip:expr) => {
        impl SortElem for $t {
            type Key = $u;
            #[inline(always)]
            fn key(self) -> $u {
                (self as $u) ^ $flip
            }
            fn int_key(self) -> Option<u64> {
                Some(self.key() as u64)
            }
            fn sort_values(v: &mut [Self]) {
                if v.len() < RADIX_MIN {
                    v.sort_unstable();
                    return;
                }
                // Sort the keys in place: a key has the value's size and alignment.
                for x in v.iter_mut() {
                    *x = x.key() as $t;
                }
                // SAFETY: `$t` and `$u` have one size and alignment; every bit pattern is
                // valid for both.
                let keys =
                    unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut $u, v.len()) };
                radix::sort_keys(keys);
                for x in v.iter_mut() {
                    *x = ((*x as $u) ^ $flip) as $t;
                }
            }
            fn argsort(v: &[Self], out: &mut [i64]) {
                if v.len() < ARG_RADIX_MIN || v.len() > u32::MAX as usize {
                    for (i, o) in out.iter_mut().enumerate() {
                        *o = i as i64;
                    }
                    out.sort_by_key(|&i| v[i as usize]);
                    return;
                }
                let keys: Vec<$u> = v.iter().map(|x| x.key()).collect();
                radix::argsort_keys(&keys, out);
            }
            fn sorted_keys(v: &[Self]) -> Vec<$u> {
                let mut keys: Vec<$u> = v.iter().map(|x| x.key()).collect();
                if keys.len() < RADIX_MIN {
                    keys.sort_unstable();
                } else {
                    radix::sort_keys(&mut keys);
                }
                keys
            }
            fn unique_small_range(v: &[Self]) -> Option<Vec<Self>> {
                let lo = v.iter().map(|x| x.key()).min()?;
                let hi = v.iter().map(|x| x.key()).max()?;
                let range = (hi - lo) as u64;
                if range > 2 * v.len() as u64 + 1024 {
                    return None;
                }
                let mut seen = vec![false; range as usize + 1];
                for x in v {
                    seen[(x.key() - lo) as usize] = true;
                }
                Some(
                    seen.iter()
                        .enumerate()
                        .filter(|(_, &s)| s)
                        .map(|(i, _)| ((lo + i as $u) ^ $flip) as $t)
                        .collect(),
                )
            }
        }
    };
}

int_elem!(u8, u8, 0);
int_elem!(u16, u16, 0);
int_elem!(u32, u32, 0);
int_elem!(u64, u64, 0);
int_elem!(i8, u8, 0x80);
int_elem!(i16, u16, 0x8000);
int_elem!(i32, u32, 0x8000_0000);
int_elem!(i64, u64, 0x8000_0000_0000_0000);

/// A bool element as stored: any byte, nonzero meaning True (memory from buffers, NumPy
/// or files can hold any byte in a bool array, so it is never read as a Rust `bool`). Its key
/// is the truth value, so sorting, `unique` and `isin` agree with NumPy's answers.
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct BoolByte(pub(crate) u8);

impl SortElem for BoolByte {
    type Key = u8;
    fn key(self) -> u8 {
        (self.0 != 0) as u8
    }
    fn int_key(self) -> Option<u64> {
        Some(self.key() as u64)
    }
    fn sort_values(v: &mut [Self]) {
        // Written back as canonical 0/1 bytes.
        let f = v.iter().filter(|x| x.0 == 0).count();
        v[..f].fill(BoolByte(0));
        v[f..].fill(BoolByte(1));
    }
}

/// Float key helpers over the bit pattern `$u` of `$t`.
macro_rules! float_elem {
    ($t:ty, $u:ty, $to:expr, $from:expr, $nan_first:expr) => {
        impl SortElem for $t {
            type Key = $u;
            #[inline(always)]
            fn key(self) -> $u {
                const SIGN: $u = 1 << (<$u>::BITS - 1);
                const EXP: $u = (<$u>::MAX >> 1) & !((<$u>::MAX >> 1) >> float_exp_bits::<$t>());
                let b: $u = $to(self);
                let mag = b & !SIGN;
                if mag > EXP {
                    <$u>::MAX
                } else if mag == 0 {
                    SIGN
                } else if b & SIGN != 0 {
                    !b
                } else {
                    b | SIGN
                }
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                const SIGN: $u = 1 << (<$u>::BITS - 1);
                const EXP: $u = (<$u>::MAX >> 1) & !((<$u>::MAX >> 1) >> float_exp_bits::<$t>());
                ($to(self) & !SIGN) > EXP
            }
            fn sort_values(v: &mut [Self]) {
                const SIGN: $u = 1 << (<$u>::BITS - 1);
                if v.len() < RADIX_MIN {
                    v.sort_by_key(|x| x.key());
                    return;
                }
                // One pass: the keys in place of the values, the zeros and NaNs in input
                // order (their keys collapse ±0 and NaN payloads), the finite range.
                let mut zeros: Vec<$t> = Vec::new();
                let mut nans: Vec<$t> = Vec::new();
                let (mut lo, mut hi) = (<$u>::MAX, 0);
                for x in v.iter_mut() {
                    let k = x.key();
                    if k == SIGN || k == <$u>::MAX {
                        if k == SIGN {
                            zeros.push(*x);
                        } else {
                            nans.push(*x);
                        }
                    }
                    lo = lo.min(k);
                    hi = hi.max(if k == <$u>::MAX { 0 } else { k });
                    *x = $from(k);
                }
                // SAFETY: `$t` and `$u` have one size and alignment; every bit pattern is
                // a valid `$u`.
                let keys =
                    unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut $u, v.len()) };
                match float_first_level::<$u>(keys, lo, hi, |k| f64::from(decode(k))) {
                    Some(first) => radix::sort_keys_with(keys, Some(first)),
                    None => radix::sort_keys(keys),
                }
                for k in keys.iter_mut() {
                    *k = $to(decode(*k));
                }
                if zeros.iter().any(|z| $to(*z) != 0) {
                    let s = v.partition_point(|x| x.key() < SIGN);
                    v[s..s + zeros.len()].copy_from_slice(&zeros);
                }
                if !nans.is_empty() {
                    let s = v.len() - nans.len();
                    v[s..].copy_from_slice(&nans);
                }
                #[inline(always)]
                fn decode(k: $u) -> $t {
                    $from(if k & SIGN != 0 { k ^ SIGN } else { !k })
                }
            }
            fn compare_record(a: Self, b: Self) -> Ordering {
                if $nan_first && (a.is_nan() || b.is_nan()) {
                    b.is_nan().cmp(&a.is_nan())
                } else {
                    a.key().cmp(&b.key())
                }
            }
            fn partition_values(v: &mut [Self], kth: &[usize]) {
                // NaNs to the end (they sort last), then select among the numbers with
                // the hardware compare (`-0.0 == 0.0`, as the key order says).
                let mut m = v.len();
                let mut i = 0;
                while i < m {
                    if v[i].is_nan() {
                        m -= 1;
                        v.swap(i, m);
                    } else {
                        i += 1;
                    }
                }
                let head = &mut v[..m];
                let upto = kth.partition_point(|&k| k < m);
                multi_select_by(head, &kth[..upto], |a, b| {
                    a.partial_cmp(b).unwrap_or(Ordering::Equal)
                });
            }
            fn argsort(v: &[Self], out: &mut [i64]) {
                const SIGN: $u = 1 << (<$u>::BITS - 1);
                if v.len() < ARG_RADIX_MIN || v.len() > u32::MAX as usize {
                    for (i, o) in out.iter_mut().enumerate() {
                        *o = i as i64;
                    }
                    out.sort_by_key(|&i| v[i as usize].key());
                    return;
                }
                let (mut lo, mut hi) = (<$u>::MAX, 0);
                let keys: Vec<$u> = v
                    .iter()
                    .map(|&x| {
                        let k = x.key();
                        lo = lo.min(k);
                        hi = hi.max(if k == <$u>::MAX { 0 } else { k });
                        k
                    })
                    .collect();
                let val = |k: $u| f64::from($from(if k & SIGN != 0 { k ^ SIGN } else { !k }));
                match float_first_level::<$u>(&keys, lo, hi, val) {
                    Some(first) => radix::argsort_keys_with(&keys, out, Some(first)),
                    None => radix::argsort_keys(&keys, out),
                }
            }
            fn sorted_keys(v: &[Self]) -> Vec<$u> {
                let mut keys: Vec<$u> = v.iter().map(|x| x.key()).collect();
                if keys.len() < RADIX_MIN {
                    keys.sort_unstable();
                } else {
                    radix::sort_keys(&mut keys);
                }
                keys
            }
        }
    };
}

/// The first level of a float radix sort: buckets by value, linear over the finite range
/// of the values (a normal or uniform sample spreads evenly, where its keys' bit patterns
/// crowd into a few exponents), NaN keys (`U::MAX`) in a last bucket of their own. `klo`,
/// `khi`: the smallest key and the largest non-NaN key; `val` decodes a key to its value.
/// `None` when the range is empty or overflows. Monotone in the key: a float subtraction
/// and product never reverse an order; ±inf clamp to the end buckets.
#[allow(clippy::type_complexity)]
fn float_first_level<U: radix::RadixKey>(
    keys: &[U],
    klo: U,
    khi: U,
    val: impl Fn(U) -> f64 + Copy,
) -> Option<(usize, impl Fn(U) -> usize)> {
    let (mut lo, mut hi) = (val(klo), val(khi));
    if !(lo.is_finite() && hi.is_finite()) {
        // Infinities (or only NaNs): the finite range takes a pass of its own.
        (lo, hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for &k in keys {
            let f = val(k);
            if f.is_finite() {
                lo = lo.min(f);
                hi = hi.max(f);
            }
        }
    }
    let width = hi - lo;
    if !(width > 0.0 && width.is_finite()) {
        return None;
    }
    let b = 1usize << radix::bucket_bits::<U>(keys.len());
    let top = (b - 1) as f64;
    let scale = b as f64 / width;
    if !scale.is_finite() {
        return None;
    }
    Some((b + 1, move |k: U| {
        if k == U::MAX {
            b
        } else {
            let y = ((val(k) - lo) * scale).max(0.0).min(top);
            // SAFETY: `y` is finite, in `0..=b - 1` (clamped; `val` is not NaN below
            // the NaN key).
            unsafe { y.to_int_unchecked::<u32>() as usize }
        }
    }))
}

/// Exponent bits of a float type by its size.
const fn float_exp_bits<T>() -> u32 {
    match std::mem::size_of::<T>() {
        2 => 5,
        4 => 8,
        _ => 11,
    }
}

float_elem!(f64, u64, f64::to_bits, f64::from_bits, false);
float_elem!(f32, u32, f32::to_bits, f32::from_bits, false);
float_elem!(f16, u16, f16::to_bits, f16::from_bits, true);

macro_rules! complex_elem {
    ($f:ty, $u:ty) => {
        impl SortElem for Complex<$f> {
            type Key = (u8, $u, $u);
            #[inline(always)]
            fn key(self) -> (u8, $u, $u) {
                let class = (self.re.is_nan() as u8) * 2 + self.im.is_nan() as u8;
                (class, self.re.key(), self.im.key())
            }
            fn is_nan(self) -> bool {
                self.re.is_nan() || self.im.is_nan()
            }
        }
    };
}
complex_elem!(f32, u32);
complex_elem!(f64, u64);

// The generic algorithms behind the table entries.

/// Partition `v` so that every `kth` (ascending, in range) holds the value a full sort
/// would put there, smaller-or-equal values before it and larger-or-equal after.
pub(crate) fn partition<T: SortElem>(v: &mut [T], kth: &[usize]) {
    T::partition_values(v, kth);
}

/// [`partition`] by comparing keys (the default of [`SortElem::partition_values`]).
fn partition_by_key<T: SortElem>(v: &mut [T], kth: &[usize]) {
    multi_select_by(v, kth, |a, b| a.key().cmp(&b.key()));
}

/// Introselect for several ranks at once: select the middle rank of `kth` (ascending,
/// `< v.len()`; repeats allowed), then the ranks left of it in the left part and those
/// right of it in the right part. With `r` ranks this reads the data about `log2(r) + 1`
/// times instead of `r` times as one selection per rank does; a rank next to an already
/// placed one costs a min or max scan (the standard library's selection takes that path
/// for the first and last index).
pub(crate) fn multi_select_by<T, F>(v: &mut [T], kth: &[usize], cmp: F)
where
    F: Fn(&T, &T) -> Ordering + Copy,
{
    fn rec<T, F: Fn(&T, &T) -> Ordering + Copy>(v: &mut [T], base: usize, kth: &[usize], cmp: F) {
        if kth.is_empty() || v.is_empty() {
            return;
        }
        let mid = kth.len() / 2;
        let k = kth[mid] - base;
        if k >= v.len() {
            return;
        }
        v.select_nth_unstable_by(k, cmp);
        let left = kth[..mid].partition_point(|&x| x < kth[mid]);
        let right = kth[mid..].partition_point(|&x| x <= kth[mid]) + mid;
        let (lo, hi) = v.split_at_mut(k);
        rec(lo, base, &kth[..left], cmp);
        rec(&mut hi[1..], base + k + 1, &kth[right..], cmp);
    }
    rec(v, 0, kth, cmp);
}

/// [`partition`] of the indices `idx` of `v`.
pub(crate) fn argpartition<T: SortElem>(v: &[T], kth: &[usize], idx: &mut [i64]) {
    for (i, o) in idx.iter_mut().enumerate() {
        *o = i as i64;
    }
    let mut lo = 0;
    for &k in kth {
        if k < lo {
            continue;
        }
        idx[lo..].select_nth_unstable_by(k - lo, |&a, &b| {
            v[a as usize].key().cmp(&v[b as usize].key())
        });
        lo = k + 1;
    }
}

/// Insertion points of `needles` in the sorted `hay` (`right`: after equal keys).
///
/// Many needles into a haystack larger than the caches: sort the needles (stable radix
/// argsort) and walk both in one merge pass, instead of a cache-missing binary search per
/// needle. Otherwise one binary search per needle.
pub(crate) fn searchsorted<T: SortElem>(
    hay: &[T::Key],
    needles: &[T],
    right: bool,
    out: &mut [i64],
) {
    let (n, m) = (hay.len(), needles.len());
    if n > (1 << 16) && m > n / 8 {
        let mut perm = vec![0i64; m];
        T::argsort(needles, &mut perm);
        let mut j = 0usize;
        for &p in &perm {
            let k = needles[p as usize].key();
            if right {
                while j < n && hay[j] <= k {
                    j += 1;
                }
            } else {
                while j < n && hay[j] < k {
                    j += 1;
                }
            }
            out[p as usize] = j as i64;
        }
        return;
    }
    for (o, x) in out.iter_mut().zip(needles) {
        let k = x.key();
        *o = if right {
            hay.partition_point(|&h| h <= k)
        } else {
            hay.partition_point(|&h| h < k)
        } as i64;
    }
}

/// The sorted distinct values of `v` (NaNs one value when `equal_nan`, else each kept).
pub(crate) fn unique_values<T: SortElem>(mut v: Vec<T>, equal_nan: bool) -> Vec<T> {
    if let Some(u) = T::unique_small_range(&v) {
        return u;
    }
    T::sort_values(&mut v);
    v.dedup_by(|cur, prev| {
        if cur.is_nan() || prev.is_nan() {
            equal_nan && cur.is_nan() && prev.is_nan()
        } else {
            cur.key() == prev.key()
        }
    });
    v
}

/// NumPy's order of two elements (`Equal` for ±0 and for two NaNs).
#[cfg(test)]
pub(crate) fn compare<T: SortElem>(a: T, b: T) -> Ordering {
    a.key().cmp(&b.key())
}

/// `mask[i]`: whether sorted element `i` starts a new run of equal values. NaNs are one
/// run when `equal_nan`, else each NaN is its own.
pub(crate) fn unique_mask<T: SortElem>(sorted: &[T], equal_nan: bool, mask: &mut [bool]) {
    if sorted.is_empty() {
        return;
    }
    mask[0] = true;
    for i in 1..sorted.len() {
        let (a, b) = (sorted[i - 1], sorted[i]);
        mask[i] = if a.is_nan() || b.is_nan() {
            !(equal_nan && a.is_nan() && b.is_nan())
        } else {
            a.key() != b.key()
        };
    }
}

/// `out[i]`: whether `a[i] == b[j]` for some `j` (NaN equals nothing).
pub(crate) fn isin<T: SortElem>(a: &[T], b: &[T], out: &mut [bool]) {
    // Integers over a small range: NumPy's 'table' method, a lookup table over [min, max].
    let ints: Option<Vec<u64>> = b.iter().map(|x| x.int_key()).collect();
    if let (Some(bk), Some(_)) = (ints, a.first().map(|x| x.int_key())) {
        if let (Some(&lo), Some(&hi)) = (bk.iter().min(), bk.iter().max()) {
            let range = (hi - lo) as usize;
            if range <= 6 * (a.len() + b.len()) {
                let mut table = vec![false; range + 1];
                for &k in &bk {
                    table[(k - lo) as usize] = true;
                }
                for (o, x) in out.iter_mut().zip(a) {
                    let k = x.int_key().unwrap_or(0);
                    *o = k >= lo && k <= hi && table[(k - lo) as usize];
                }
                return;
            }
        }
    }
    let mut keys = T::sorted_keys(b);
    keys.dedup();
    for (o, x) in out.iter_mut().zip(a) {
        // NaN keys are in `keys` (when `b` has NaNs) but a NaN is never found.
        *o = !x.is_nan() && keys.binary_search(&x.key()).is_ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_keys_order_like_numpy() {
        let v = [
            f64::NEG_INFINITY,
            -1.5,
            -1e-300,
            -0.0,
            0.0,
            1e-300,
            2.0,
            f64::INFINITY,
        ];
        for w in v.windows(2) {
            assert!(w[0].key() <= w[1].key());
        }
        assert_eq!((-0.0f64).key(), 0.0f64.key());
        assert_eq!(f64::NAN.key(), (-f64::NAN).key());
        assert!(f64::INFINITY.key() < f64::NAN.key());
        assert!(f16::INFINITY.key() < f16::NAN.key());
        assert!(f16::from_f32(-2.0).key() < f16::from_f32(-1.0).key());
    }

    #[test]
    fn float_sort_restores_zero_and_nan_order() {
        let mut s = 99u64;
        let mut next = || {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            s >> 33
        };
        let v: Vec<f64> = (0..1000)
            .map(|_| match next() % 6 {
                0 => 0.0,
                1 => -0.0,
                2 => f64::NAN,
                3 => -f64::NAN,
                r => r as f64 - (next() % 7) as f64,
            })
            .collect();
        let mut a = v.clone();
        f64::sort_values(&mut a);
        let mut e = v.clone();
        e.sort_by_key(|x| x.key());
        let bits = |x: &Vec<f64>| x.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&a), bits(&e));
    }

    #[test]
    fn complex_order() {
        let n = f64::NAN;
        let v = [
            Complex::new(1.0, 2.0),
            Complex::new(2.0, n),
            Complex::new(n, 0.0),
            Complex::new(n, n),
        ];
        for w in v.windows(2) {
            assert!(w[0].key() < w[1].key());
        }
        assert_eq!(
            compare(Complex::new(1.0, n), Complex::new(1.0, n)),
            Ordering::Equal
        );
    }
}
