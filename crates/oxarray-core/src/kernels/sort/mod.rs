//! Sort, argsort, partition, searchsorted and set kernels, in a table keyed by dtype.
//!
//! Like the ufunc loops, the kernels are found through a table: [`kernels_for`] looks a
//! dtype up by its type id, [`register`] adds or replaces the entry of any dtype (a dtype
//! registered at run time brings its own), and the generic code in `ops::sort` and
//! `ops::set` only ever calls through a [`SortKernels`] entry. The built-in entries are
//! instances of the generic algorithms in `keys.rs` over each element type.
//!
//! Every kernel works on strided lanes of native-byte-order elements at any alignment
//! (`ptr`, byte stride, length): it gathers the lane into a typed buffer, works there and
//! scatters the result, so a lane may be read from and written to the same memory.
//!
//! Algorithms (built-ins): MSD radix distribution sort (`radix.rs`; floats bucket by value
//! at the first level) of order keys for bool, integers and floats from 64 elements up, Rust's stable merge sort below
//! that and for complex; introselect (`select_nth_unstable`) for partition; binary search
//! over the sorted keys for searchsorted; a lookup table (small integer ranges) or a
//! sorted-key binary search for isin. Written here rather than taken from a crate: the
//! key mapping (NumPy's NaN and ±0 order) and the stability NumPy's `kind='stable'`
//! promises are the hard part, and the plain radix core is ~100 lines.

pub(crate) mod keys;
pub(crate) mod radix;
#[cfg(target_arch = "x86_64")]
pub(crate) mod simd_qsort;

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};

use half::f16;
use num_complex::Complex;

use crate::dtype::{Builtin, DType};
use crate::error::{Error, Result};
use keys::SortElem;

/// Sort the lane `src` (stride `ss`, `n` elements) into the lane `dst` (stride `ds`).
/// `stable`: equal elements keep their order (the built-ins are always stable).
pub type SortFn =
    unsafe fn(src: *const u8, ss: isize, dst: *mut u8, ds: isize, n: usize, stable: bool);
/// Write the permutation that sorts the lane into `out` (`out.len() == n`).
pub type ArgSortFn = unsafe fn(src: *const u8, ss: isize, n: usize, stable: bool, out: &mut [i64]);
/// Partition the lane `src` into `dst` around every `kth` (ascending, `< n`).
pub type PartitionFn =
    unsafe fn(src: *const u8, ss: isize, dst: *mut u8, ds: isize, n: usize, kth: &[usize]);
/// The permutation that partitions the lane around every `kth`, into `out`.
pub type ArgPartitionFn =
    unsafe fn(src: *const u8, ss: isize, n: usize, kth: &[usize], out: &mut [i64]);
/// Insertion points of `m` needles (stride `vs`) into the sorted lane `hay` (`n`
/// elements, stride `hs`; read in the order `sorter` gives, whose entries the caller has
/// checked to be in `0..n`); `right` puts them after equal elements.
pub type SearchSortedFn = unsafe fn(
    hay: *const u8,
    hs: isize,
    n: usize,
    sorter: Option<&[i64]>,
    needles: *const u8,
    vs: isize,
    m: usize,
    right: bool,
    out: &mut [i64],
);
/// NumPy's `compare` of two elements, used to order records (`unique(..., axis=)`):
/// the sort order (NaN last; `Equal` for ±0 and two NaNs), except float16, whose NumPy
/// compare puts NaN first.
pub type CompareFn = unsafe fn(a: *const u8, b: *const u8) -> Ordering;
/// NaN (complex: either part).
pub type IsNanFn = unsafe fn(a: *const u8) -> bool;
/// For a sorted lane, `mask[i]` = element `i` starts a new run of equal values.
pub type UniqueMaskFn =
    unsafe fn(sorted: *const u8, ss: isize, n: usize, equal_nan: bool, mask: &mut [bool]);
/// The sorted distinct values of a lane as native bytes (NaNs one value when
/// `equal_nan`).
pub type UniqueValuesFn =
    unsafe fn(src: *const u8, ss: isize, n: usize, equal_nan: bool) -> Vec<u8>;
/// `out[i]` = lane `a` element `i` equals some element of lane `b` (NaN equals nothing).
pub type IsInFn = unsafe fn(
    a: *const u8,
    as_: isize,
    na: usize,
    b: *const u8,
    bs: isize,
    nb: usize,
    out: &mut [bool],
);

/// The sort family of one dtype.
#[derive(Clone, Copy)]
pub struct SortKernels {
    /// Values sort.
    pub sort: SortFn,
    /// Argsort.
    pub argsort: ArgSortFn,
    /// Partition (introselect).
    pub partition: PartitionFn,
    /// Argpartition.
    pub argpartition: ArgPartitionFn,
    /// Binary search.
    pub searchsorted: SearchSortedFn,
    /// Element order.
    pub compare: CompareFn,
    /// NaN test.
    pub is_nan: IsNanFn,
    /// Run starts of a sorted lane.
    pub unique_mask: UniqueMaskFn,
    /// Membership.
    pub isin: IsInFn,
    /// Distinct values.
    pub unique_values: UniqueValuesFn,
}

static TABLE: LazyLock<RwLock<HashMap<u32, SortKernels>>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    macro_rules! builtin {
        ($b:ident, $t:ty) => {
            m.insert(Builtin::$b as u32, generic_kernels::<$t>());
        };
    }
    // bool arrays may hold any byte (memory from buffers, NumPy, files): never read as a
    // Rust `bool`; keyed by truth value (nonzero is True).
    m.insert(Builtin::Bool as u32, generic_kernels::<keys::BoolByte>());
    builtin!(Int8, i8);
    builtin!(Int16, i16);
    builtin!(Int32, i32);
    builtin!(Int64, i64);
    builtin!(UInt8, u8);
    builtin!(UInt16, u16);
    builtin!(UInt32, u32);
    builtin!(UInt64, u64);
    builtin!(Float16, f16);
    builtin!(Float32, f32);
    builtin!(Float64, f64);
    builtin!(Complex64, Complex<f32>);
    builtin!(Complex128, Complex<f64>);
    #[cfg(target_arch = "x86_64")]
    simd_qsort::install(&mut m);
    RwLock::new(m)
});

/// The kernels of `dtype` (native byte order is the caller's business: kernels read
/// native elements).
///
/// # Errors
/// `TypeError` when no kernels are registered for the dtype.
pub fn kernels_for(dtype: DType) -> Result<SortKernels> {
    let t = TABLE.read().unwrap_or_else(|e| e.into_inner());
    t.get(&dtype.type_id)
        .copied()
        .ok_or_else(|| Error::type_(format!("sorting is not supported for dtype {dtype}")))
}

/// Register (or replace) the kernels of `dtype`; returns the entry it replaced.
pub fn register(dtype: DType, kernels: SortKernels) -> Option<SortKernels> {
    TABLE
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .insert(dtype.type_id, kernels)
}

/// Read a strided lane into a typed buffer.
///
/// # Safety
/// `n` elements of `T` at `p + i * s` must be readable.
unsafe fn gather<T: Copy>(p: *const u8, s: isize, n: usize) -> Vec<T> {
    let mut v = Vec::with_capacity(n);
    let sz = std::mem::size_of::<T>() as isize;
    if s == sz {
        // SAFETY: contiguous readable bytes (caller); `v` has capacity n.
        unsafe {
            std::ptr::copy_nonoverlapping(p, v.as_mut_ptr() as *mut u8, n * sz as usize);
            v.set_len(n);
        }
    } else {
        for i in 0..n {
            // SAFETY: element i is readable (caller).
            v.push(unsafe { (p.offset(i as isize * s) as *const T).read_unaligned() });
        }
    }
    v
}

/// Write a typed buffer to a strided lane.
///
/// # Safety
/// `v.len()` elements of `T` at `p + i * s` must be writable.
unsafe fn scatter<T: Copy>(v: &[T], p: *mut u8, s: isize) {
    let sz = std::mem::size_of::<T>() as isize;
    if s == sz {
        // SAFETY: contiguous writable bytes (caller); `v` is a separate buffer.
        unsafe { std::ptr::copy_nonoverlapping(v.as_ptr() as *const u8, p, v.len() * sz as usize) };
    } else {
        for (i, &x) in v.iter().enumerate() {
            // SAFETY: element i is writable (caller).
            unsafe { (p.offset(i as isize * s) as *mut T).write_unaligned(x) };
        }
    }
}

/// When `dst` is a contiguous, aligned lane that `src` does not partly overlap: copy the
/// lane there (nothing when it is the same lane) and return it, to work in place without
/// a buffer; `None` otherwise.
///
/// # Safety
/// `n` elements of `T` readable at `src + i * ss` and writable at `dst + i * ds`; no other
/// reference to the destination lane lives while the slice does.
unsafe fn lane_in_dst<'a, T: Copy>(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
) -> Option<&'a mut [T]> {
    let sz = std::mem::size_of::<T>();
    if n == 0 || ds != sz as isize || (dst as usize) % std::mem::align_of::<T>() != 0 {
        return None;
    }
    let (d0, d1) = (dst as usize, dst as usize + n * sz);
    let (s0, s1) = if ss >= 0 {
        (src as usize, src as usize + n * ss as usize)
    } else {
        (src as usize - n * ss.unsigned_abs(), src as usize + sz)
    };
    let same = std::ptr::eq(src, dst) && ss == ds;
    if !(same || s1 <= d0 || d1 <= s0) {
        return None;
    }
    if !same && ss == ds {
        // SAFETY: contiguous, non-overlapping lanes (checked above; caller).
        unsafe { std::ptr::copy_nonoverlapping(src, dst, n * sz) };
    } else if !same {
        for i in 0..n {
            // SAFETY: element i of each lane (caller); the lanes do not overlap.
            unsafe {
                (dst as *mut T)
                    .add(i)
                    .write((src.offset(i as isize * ss) as *const T).read_unaligned());
            }
        }
    }
    // SAFETY: `n` aligned, initialised elements of `T` at `dst` (caller).
    Some(unsafe { std::slice::from_raw_parts_mut(dst as *mut T, n) })
}

unsafe fn sort_k<T: SortElem>(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
    _stable: bool,
) {
    // SAFETY: lanes readable/writable (caller of the table entry).
    if let Some(v) = unsafe { lane_in_dst::<T>(src, ss, dst, ds, n) } {
        T::sort_values(v);
        return;
    }
    let mut v = unsafe { gather::<T>(src, ss, n) };
    T::sort_values(&mut v);
    unsafe { scatter(&v, dst, ds) };
}

unsafe fn argsort_k<T: SortElem>(
    src: *const u8,
    ss: isize,
    n: usize,
    _stable: bool,
    out: &mut [i64],
) {
    // SAFETY: lane readable (caller).
    let v = unsafe { gather::<T>(src, ss, n) };
    T::argsort(&v, out);
}

unsafe fn partition_k<T: SortElem>(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
    kth: &[usize],
) {
    // SAFETY: lanes readable/writable (caller of the table entry).
    if let Some(v) = unsafe { lane_in_dst::<T>(src, ss, dst, ds, n) } {
        keys::partition(v, kth);
        return;
    }
    let mut v = unsafe { gather::<T>(src, ss, n) };
    keys::partition(&mut v, kth);
    unsafe { scatter(&v, dst, ds) };
}

unsafe fn argpartition_k<T: SortElem>(
    src: *const u8,
    ss: isize,
    n: usize,
    kth: &[usize],
    out: &mut [i64],
) {
    // SAFETY: lane readable (caller).
    let v = unsafe { gather::<T>(src, ss, n) };
    keys::argpartition(&v, kth, out);
}

#[allow(clippy::too_many_arguments)]
unsafe fn searchsorted_k<T: SortElem>(
    hay: *const u8,
    hs: isize,
    n: usize,
    sorter: Option<&[i64]>,
    needles: *const u8,
    vs: isize,
    m: usize,
    right: bool,
    out: &mut [i64],
) {
    // SAFETY: lanes readable (caller); sorter entries are in 0..n (caller).
    let h = unsafe { gather::<T>(hay, hs, n) };
    let hk: Vec<T::Key> = match sorter {
        Some(s) => s.iter().map(|&i| h[i as usize].key()).collect(),
        None => h.iter().map(|x| x.key()).collect(),
    };
    let v = unsafe { gather::<T>(needles, vs, m) };
    keys::searchsorted::<T>(&hk, &v, right, out);
}

unsafe fn compare_k<T: SortElem>(a: *const u8, b: *const u8) -> Ordering {
    // SAFETY: both elements readable (caller).
    unsafe {
        T::compare_record(
            (a as *const T).read_unaligned(),
            (b as *const T).read_unaligned(),
        )
    }
}

unsafe fn is_nan_k<T: SortElem>(a: *const u8) -> bool {
    // SAFETY: element readable (caller).
    unsafe { (a as *const T).read_unaligned().is_nan() }
}

unsafe fn unique_mask_k<T: SortElem>(
    p: *const u8,
    s: isize,
    n: usize,
    equal_nan: bool,
    mask: &mut [bool],
) {
    // SAFETY: lane readable (caller).
    let v = unsafe { gather::<T>(p, s, n) };
    keys::unique_mask(&v, equal_nan, mask);
}

unsafe fn isin_k<T: SortElem>(
    a: *const u8,
    as_: isize,
    na: usize,
    b: *const u8,
    bs: isize,
    nb: usize,
    out: &mut [bool],
) {
    // SAFETY: lanes readable (caller).
    let (va, vb) = unsafe { (gather::<T>(a, as_, na), gather::<T>(b, bs, nb)) };
    keys::isin(&va, &vb, out);
}

unsafe fn unique_values_k<T: SortElem>(
    src: *const u8,
    ss: isize,
    n: usize,
    equal_nan: bool,
) -> Vec<u8> {
    // SAFETY: lane readable (caller).
    let v = unsafe { gather::<T>(src, ss, n) };
    let u = keys::unique_values(v, equal_nan);
    let bytes = std::mem::size_of_val(u.as_slice());
    let mut out = vec![0u8; bytes];
    // SAFETY: `u` holds `bytes` bytes of plain element data.
    unsafe { std::ptr::copy_nonoverlapping(u.as_ptr() as *const u8, out.as_mut_ptr(), bytes) };
    out
}

/// The table entry of the generic algorithms for element type `T`.
fn generic_kernels<T: SortElem>() -> SortKernels {
    SortKernels {
        sort: sort_k::<T>,
        argsort: argsort_k::<T>,
        partition: partition_k::<T>,
        argpartition: argpartition_k::<T>,
        searchsorted: searchsorted_k::<T>,
        compare: compare_k::<T>,
        is_nan: is_nan_k::<T>,
        unique_mask: unique_mask_k::<T>,
        isin: isin_k::<T>,
        unique_values: unique_values_k::<T>,
    }
}
