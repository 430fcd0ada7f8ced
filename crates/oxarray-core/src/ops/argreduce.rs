//! `argmin` / `argmax`: the index of the first extreme element, NumPy's rules.
//!
//! The algorithm:
//! 1. Bring the data to native byte order (a copy only for swapped arrays).
//! 2. `axis=None` scans the array in C order (a view when it is C-contiguous, else a
//!    C-ordered copy); `axis=k` scans every lane along `k`, the lanes visited in C order of
//!    the remaining axes, so the result is a C-contiguous `int64` array.
//! 3. One lane scan per dtype, following NumPy's `@TYPE@_argmax` loops:
//!    - integers: strict `>` / `<`, so the first of equal extremes wins;
//!    - floats: `!(x <= best)` / `!(x >= best)`, so a NaN wins and stops the scan (NaN
//!      propagates: the first NaN's index is the answer);
//!    - complex: lexicographic on (real, imag), a NaN in either part wins and stops;
//!    - bool: the first `true` (max) / `false` (min).
//!
//! An empty lane is a `ValueError` ("attempt to get argmax of an empty sequence").

use half::f16;
use num_complex::Complex;

use crate::array::Array;
use crate::dtype::{read, Builtin, DType};
use crate::error::{normalize_axis, Error, Result};
use crate::iter;
use crate::layout::{Order, Shape};

/// Which extreme to look for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// The smallest element (`argmin`).
    Min,
    /// The largest element (`argmax`).
    Max,
}

impl ArgKind {
    fn name(self) -> &'static str {
        match self {
            ArgKind::Min => "argmin",
            ArgKind::Max => "argmax",
        }
    }
}

/// Element types that `argmin`/`argmax` can scan.
trait ArgElem: Copy {
    /// Does `x` replace the current best `best` when looking for the maximum (`MAX`) or
    /// the minimum?
    fn better<const MAX: bool>(x: Self, best: Self) -> bool;
    /// Does `x` end the scan (a NaN, or a `true`/`false` that cannot be beaten)?
    fn stops<const MAX: bool>(x: Self) -> bool;
    /// A faster scan of contiguous, aligned data with the same answer as the element
    /// loop, for the types that have one (`None`: use the element loop).
    fn scan_contiguous<const MAX: bool>(_data: &[Self]) -> Option<usize> {
        None
    }
}

/// Elements per block of the blocked scan, and independent lanes inside a block.
const BLOCK: usize = 2048;
const LANES: usize = 16;

/// The blocked scan behind [`ArgElem::scan_contiguous`] for plain numbers:
/// 1. Per block, the extreme of each of `LANES` interleaved lanes by a strict compare
///    (independent accumulators the compiler turns into SIMD compares and blends), and
///    whether the block holds a NaN (`x != x`).
/// 2. A block with a NaN is scanned element by element from its start (NaN wins and
///    stops the scan; earlier blocks had none, so its first NaN is the answer).
/// 3. A block whose extreme strictly beats the best so far becomes the best block; the
///    answer is the first index in the best block equal to the best value, which is the
///    first occurrence overall (earlier blocks only held worse values).
macro_rules! blocked_scan {
    ($data:ident, $MAX:ident, $T:ty, $can_nan:expr) => {{
        let data: &[$T] = $data;
        let gt = |x: $T, m: $T| if $MAX { x > m } else { x < m };
        let mut best = data[0];
        let mut best_block = 0usize;
        for (b, block) in data.chunks(BLOCK).enumerate() {
            let mut lanes = [block[0]; LANES];
            let mut nan = false; // `x != x` below is the NaN test
            let mut chunks = block.chunks_exact(LANES);
            for c in &mut chunks {
                for j in 0..LANES {
                    let x = c[j];
                    lanes[j] = if gt(x, lanes[j]) { x } else { lanes[j] };
                    if $can_nan {
                        #[allow(clippy::eq_op)]
                        {
                            nan |= x != x;
                        }
                    }
                }
            }
            for &x in chunks.remainder() {
                lanes[0] = if gt(x, lanes[0]) { x } else { lanes[0] };
                if $can_nan {
                    #[allow(clippy::eq_op)]
                    {
                        nan |= x != x;
                    }
                }
            }
            if $can_nan && nan {
                let start = b * BLOCK;
                let mut at = best_block_first(data, best_block, best);
                let mut cur = best;
                for (i, &x) in block.iter().enumerate() {
                    if <$T as ArgElem>::better::<$MAX>(x, cur) {
                        cur = x;
                        at = start + i;
                        if <$T as ArgElem>::stops::<$MAX>(x) {
                            break;
                        }
                    }
                }
                return Some(at);
            }
            let mut m = lanes[0];
            for &l in &lanes[1..] {
                m = if gt(l, m) { l } else { m };
            }
            if gt(m, best) {
                best = m;
                best_block = b;
            }
        }
        Some(best_block_first(data, best_block, best))
    }};
}

/// Run the blocked scan `$body` compiled for AVX2 when the CPU has it (the same
/// comparisons, so the same answer: wider compares and blends, `vmaxpd`-style selects),
/// else the baseline copy.
macro_rules! avx2_dispatch {
    ($body:ident, $MAX:ident, $data:ident, $t:ty) => {{
        #[cfg(target_arch = "x86_64")]
        {
            /// # Safety
            /// The CPU supports AVX2.
            #[target_feature(enable = "avx2")]
            unsafe fn wide<const MAX: bool>(data: &[$t]) -> Option<usize> {
                $body::<MAX>(data)
            }
            if crate::kernels::simd::has_avx2() {
                // SAFETY: AVX2 is available (checked).
                return unsafe { wide::<$MAX>($data) };
            }
        }
        $body::<$MAX>($data)
    }};
}

/// The first index in block `b` of `data` holding a value equal to `best`.
fn best_block_first<T: Copy + PartialEq>(data: &[T], b: usize, best: T) -> usize {
    let start = b * BLOCK;
    let end = (start + BLOCK).min(data.len());
    data[start..end]
        .iter()
        .position(|&x| x == best)
        .map_or(start, |i| start + i)
}

macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl ArgElem for $t {
            #[inline(always)]
            fn better<const MAX: bool>(x: Self, best: Self) -> bool {
                if MAX { x > best } else { x < best }
            }
            #[inline(always)]
            fn stops<const MAX: bool>(_: Self) -> bool {
                false
            }
            fn scan_contiguous<const MAX: bool>(data: &[Self]) -> Option<usize> {
                #[inline(always)]
                fn body<const MAX: bool>(data: &[$t]) -> Option<usize> {
                    blocked_scan!(data, MAX, $t, false)
                }
                avx2_dispatch!(body, MAX, data, $t)
            }
        }
    )*};
}
int_arg!(i8, i16, i32, i64, u8, u16, u32, u64);

impl ArgElem for bool {
    #[inline(always)]
    fn better<const MAX: bool>(x: Self, best: Self) -> bool {
        if MAX {
            x & !best
        } else {
            !x & best
        }
    }
    #[inline(always)]
    fn stops<const MAX: bool>(x: Self) -> bool {
        x == MAX
    }
}

macro_rules! float_arg {
    ($($t:ty),*) => {$(
        impl ArgElem for $t {
            #[inline(always)]
            // The negated comparison is the point: it is true for a NaN (NumPy's rule).
            #[allow(clippy::neg_cmp_op_on_partial_ord)]
            fn better<const MAX: bool>(x: Self, best: Self) -> bool {
                // NumPy's `!(x <= best)`: true for a larger value or a NaN.
                if MAX { !(x <= best) } else { !(x >= best) }
            }
            #[inline(always)]
            fn stops<const MAX: bool>(x: Self) -> bool {
                x.is_nan()
            }
        }
    )*};
}
float_arg!(f16);

macro_rules! fast_float_arg {
    ($($t:ty),*) => {$(
        impl ArgElem for $t {
            #[inline(always)]
            // The negated comparison is the point: it is true for a NaN (NumPy's rule).
            #[allow(clippy::neg_cmp_op_on_partial_ord)]
            fn better<const MAX: bool>(x: Self, best: Self) -> bool {
                if MAX { !(x <= best) } else { !(x >= best) }
            }
            #[inline(always)]
            fn stops<const MAX: bool>(x: Self) -> bool {
                x.is_nan()
            }
            fn scan_contiguous<const MAX: bool>(data: &[Self]) -> Option<usize> {
                #[inline(always)]
                fn body<const MAX: bool>(data: &[$t]) -> Option<usize> {
                    blocked_scan!(data, MAX, $t, true)
                }
                avx2_dispatch!(body, MAX, data, $t)
            }
        }
    )*};
}
fast_float_arg!(f32, f64);

macro_rules! complex_arg {
    ($($t:ty),*) => {$(
        impl ArgElem for Complex<$t> {
            #[inline(always)]
            fn better<const MAX: bool>(x: Self, best: Self) -> bool {
                let ordered = if MAX {
                    x.re > best.re || (x.re == best.re && x.im > best.im)
                } else {
                    x.re < best.re || (x.re == best.re && x.im < best.im)
                };
                ordered || x.re.is_nan() || x.im.is_nan()
            }
            #[inline(always)]
            fn stops<const MAX: bool>(x: Self) -> bool {
                x.re.is_nan() || x.im.is_nan()
            }
        }
    )*};
}
complex_arg!(f32, f64);

/// Index of the extreme of the `n >= 1` elements at `ptr`, `ptr + stride`, ...
///
/// # Safety
/// `ptr + i * stride` for `i < n` must point at readable `T` elements (any alignment).
unsafe fn scan<T: ArgElem + crate::dtype::Element, const MAX: bool>(
    ptr: *const u8,
    stride: isize,
    n: usize,
) -> usize {
    let size = std::mem::size_of::<T>() as isize;
    // A bool array may hold any byte (only the element loop reads through `Load`).
    if stride == size
        && (ptr as usize) % std::mem::align_of::<T>() == 0
        && !matches!(T::BUILTIN, Builtin::Bool)
    {
        // SAFETY: contiguous and aligned: the n elements form a valid `[T]` (forwarded
        // from the caller); arrays never hand out `&mut` to their memory (array.rs).
        let data = unsafe { std::slice::from_raw_parts(ptr as *const T, n) };
        if let Some(i) = T::scan_contiguous::<MAX>(data) {
            return i;
        }
    }
    // SAFETY: i = 0 < n, forwarded from the caller.
    let mut best: T = unsafe { read(ptr) };
    if T::stops::<MAX>(best) {
        return 0;
    }
    let mut at = 0;
    for i in 1..n {
        // SAFETY: i < n, forwarded from the caller.
        let x: T = unsafe { read(ptr.wrapping_offset(i as isize * stride)) };
        if T::better::<MAX>(x, best) {
            best = x;
            at = i;
            if T::stops::<MAX>(x) {
                break;
            }
        }
    }
    at
}

type ScanFn = unsafe fn(*const u8, isize, usize) -> usize;

fn scan_fn(dt: DType, kind: ArgKind) -> Result<ScanFn> {
    macro_rules! pick {
        ($t:ty) => {
            match kind {
                ArgKind::Max => scan::<$t, true> as ScanFn,
                ArgKind::Min => scan::<$t, false> as ScanFn,
            }
        };
    }
    let b = dt.builtin.ok_or_else(|| {
        Error::type_(format!("{} is not supported for dtype {}", kind.name(), dt))
    })?;
    Ok(match b {
        Builtin::Bool => pick!(bool),
        Builtin::Int8 => pick!(i8),
        Builtin::Int16 => pick!(i16),
        Builtin::Int32 => pick!(i32),
        Builtin::Int64 => pick!(i64),
        Builtin::UInt8 => pick!(u8),
        Builtin::UInt16 => pick!(u16),
        Builtin::UInt32 => pick!(u32),
        Builtin::UInt64 => pick!(u64),
        Builtin::Float16 => pick!(f16),
        Builtin::Float32 => pick!(f32),
        Builtin::Float64 => pick!(f64),
        Builtin::Complex64 => pick!(Complex<f32>),
        Builtin::Complex128 => pick!(Complex<f64>),
    })
}

/// `argmin`/`argmax` of `a` over `axis` (`None`: the flattened array), as a C-contiguous
/// `int64` array (0-d for `axis=None` without `keepdims`).
///
/// # Errors
/// `ValueError` for an empty lane, `AxisError` for an axis out of range, `TypeError` for a
/// dtype without an order, `MemoryError`.
pub fn arg_reduce(a: &Array, axis: Option<isize>, kind: ArgKind, keepdims: bool) -> Result<Array> {
    let intp = Builtin::Int64.dtype();
    let owned;
    let a = if a.dtype().is_native() {
        a
    } else {
        owned = iter::copy_as(a, a.dtype().to_native(), Order::K)?;
        &owned
    };
    // A dtype ordered as another (`DTypeOps::sort_as`) scans its items cast to that one.
    if let Some(keys) = crate::ops::sort::order_keys(a)? {
        return arg_reduce(&keys, axis, kind, keepdims);
    }
    // A dtype ordered only by a comparison (strings, objects): NumPy's STRING_argmax /
    // OBJECT_argmax: the first item greater (smaller) than every item before it.
    let cmp_f;
    let scan_f;
    let f: &dyn Fn(*const u8, isize, usize) -> Result<usize> =
        if let Some(cmp) = crate::ops::sort::compare_of(a.dtype()) {
            let dt = a.dtype();
            let want = match kind {
                ArgKind::Max => std::cmp::Ordering::Greater,
                ArgKind::Min => std::cmp::Ordering::Less,
            };
            cmp_f = move |p: *const u8, s: isize, n: usize| -> Result<usize> {
                let mut best = 0usize;
                for i in 1..n {
                    // SAFETY: the caller's lane of n readable items at stride `s`.
                    let o = unsafe {
                        cmp(
                            &dt,
                            p.wrapping_offset(i as isize * s),
                            p.wrapping_offset(best as isize * s),
                        )?
                    };
                    if o == want {
                        best = i;
                    }
                }
                Ok(best)
            };
            &cmp_f
        } else {
            let sf = scan_fn(a.dtype(), kind)?;
            scan_f = move |p: *const u8, s: isize, n: usize| -> Result<usize> {
                // SAFETY: the caller's lane of n readable items at stride `s`.
                Ok(unsafe { sf(p, s, n) })
            };
            &scan_f
        };
    let empty = || {
        Error::value(format!(
            "attempt to get {} of an empty sequence",
            kind.name()
        ))
    };
    match axis {
        None => {
            if a.size() == 0 {
                return Err(empty());
            }
            let flat_owned;
            let flat = if a.is_c_contiguous() {
                a
            } else {
                flat_owned = iter::copy_of(a, Order::C)?;
                &flat_owned
            };
            // a C-contiguous array of `size` elements: element i is at
            // data_ptr + i * itemsize (invariant 1).
            let idx = f(flat.data_ptr(), flat.itemsize() as isize, flat.size())?;
            let shape: Shape = if keepdims {
                std::iter::repeat_n(1, a.ndim()).collect()
            } else {
                Shape::new()
            };
            let out = Array::zeros(&shape, intp, Order::C)?;
            // SAFETY: a fresh C-contiguous int64 array of one element.
            unsafe { (out.data_ptr() as *mut i64).write_unaligned(idx as i64) };
            Ok(out)
        }
        Some(ax) => {
            let k = normalize_axis(ax, a.ndim())?;
            let n = a.shape()[k];
            if n == 0 {
                return Err(empty());
            }
            let step = a.strides()[k];
            let outer_shape: Shape = (0..a.ndim())
                .filter(|&i| i != k)
                .map(|i| a.shape()[i])
                .collect();
            let outer_strides: Vec<isize> = (0..a.ndim())
                .filter(|&i| i != k)
                .map(|i| a.strides()[i])
                .collect();
            let out = Array::zeros(&outer_shape, intp, Order::C)?;
            let total = out.size();
            let dst = out.data_ptr() as *mut i64;
            let mut idx = vec![0usize; outer_shape.len()];
            let mut p = a.data_ptr() as *const u8;
            for j in 0..total {
                // `p` is the address of element (idx with 0 inserted at axis k): an
                // index in range, so the lane p + i*step, i < n, is in bounds
                // (invariant 1).
                let r = f(p, step, n)?;
                // SAFETY: `dst` has `total` int64 elements, j < total.
                unsafe { dst.add(j).write_unaligned(r as i64) };
                // Odometer over the outer axes, last fastest (C order).
                for d in (0..idx.len()).rev() {
                    idx[d] += 1;
                    p = p.wrapping_offset(outer_strides[d]);
                    if idx[d] < outer_shape[d] {
                        break;
                    }
                    p = p.wrapping_offset(-(outer_shape[d] as isize) * outer_strides[d]);
                    idx[d] = 0;
                }
            }
            if keepdims {
                let mut shape = Shape::from_slice(a.shape());
                shape[k] = 1;
                return crate::ops::reshape(
                    &out,
                    &shape.iter().map(|&d| d as isize).collect::<Vec<_>>(),
                    Order::C,
                );
            }
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtype::Scalar;

    fn from_f64(v: &[f64]) -> Array {
        let a = Array::zeros(&[v.len()], Builtin::Float64.dtype(), Order::C).unwrap();
        for (i, &x) in v.iter().enumerate() {
            a.set(&[i], &Scalar::Float(x)).unwrap();
        }
        a
    }

    fn idx(a: &Array) -> i64 {
        match a.item().unwrap() {
            Scalar::Int(i) => i,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nan_wins_and_first_of_ties() {
        let a = from_f64(&[1.0, 3.0, 3.0, f64::NAN, 5.0, f64::NAN]);
        assert_eq!(idx(&arg_reduce(&a, None, ArgKind::Max, false).unwrap()), 3);
        assert_eq!(idx(&arg_reduce(&a, None, ArgKind::Min, false).unwrap()), 3);
        let b = from_f64(&[1.0, 3.0, 3.0, 0.0, 0.0]);
        assert_eq!(idx(&arg_reduce(&b, None, ArgKind::Max, false).unwrap()), 1);
        assert_eq!(idx(&arg_reduce(&b, None, ArgKind::Min, false).unwrap()), 3);
    }

    /// The element loop alone, as the reference for the blocked scan.
    fn reference<T: ArgElem + Copy, const MAX: bool>(v: &[T]) -> usize {
        let mut best = v[0];
        let mut at = 0;
        if T::stops::<MAX>(best) {
            return 0;
        }
        for (i, &x) in v.iter().enumerate().skip(1) {
            if T::better::<MAX>(x, best) {
                best = x;
                at = i;
                if T::stops::<MAX>(x) {
                    break;
                }
            }
        }
        at
    }

    #[test]
    fn blocked_scan_matches_element_loop() {
        // A small LCG: values with many ties, NaNs and signed zeros, across block edges.
        let mut state = 12345u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            state >> 33
        };
        for n in [
            1,
            7,
            8,
            9,
            BLOCK - 1,
            BLOCK,
            BLOCK + 1,
            3 * BLOCK + 5,
            10_000,
        ] {
            for trial in 0..20 {
                let f: Vec<f64> = (0..n)
                    .map(|_| match next() % 50 {
                        0 if trial % 3 == 0 => f64::NAN,
                        1 => -0.0,
                        2 => 0.0,
                        r => (r % 13) as f64 - 6.0,
                    })
                    .collect();
                assert_eq!(
                    f64::scan_contiguous::<true>(&f),
                    Some(reference::<f64, true>(&f))
                );
                assert_eq!(
                    f64::scan_contiguous::<false>(&f),
                    Some(reference::<f64, false>(&f))
                );
                let g: Vec<f32> = f.iter().map(|&x| x as f32).collect();
                assert_eq!(
                    f32::scan_contiguous::<true>(&g),
                    Some(reference::<f32, true>(&g))
                );
                let i: Vec<i16> = (0..n).map(|_| (next() % 9) as i16 - 4).collect();
                assert_eq!(
                    i16::scan_contiguous::<true>(&i),
                    Some(reference::<i16, true>(&i))
                );
                assert_eq!(
                    i16::scan_contiguous::<false>(&i),
                    Some(reference::<i16, false>(&i))
                );
            }
        }
    }

    #[test]
    fn empty_is_value_error() {
        let a = from_f64(&[]);
        let e = arg_reduce(&a, None, ArgKind::Max, false).unwrap_err();
        assert_eq!(e.message(), "attempt to get argmax of an empty sequence");
    }
}
