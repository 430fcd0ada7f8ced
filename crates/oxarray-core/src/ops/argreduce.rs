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
float_arg!(f32, f64, f16);

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
    let f = scan_fn(a.dtype(), kind)?;
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
            // SAFETY: a C-contiguous array of `size` elements: element i is at
            // data_ptr + i * itemsize (invariant 1).
            let idx = unsafe { f(flat.data_ptr(), flat.itemsize() as isize, flat.size()) };
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
                // SAFETY: `p` is the address of element (idx with 0 inserted at axis k):
                // an index in range, so the lane p + i*step, i < n, is in bounds
                // (invariant 1). `dst` has `total` int64 elements, j < total.
                unsafe {
                    let r = f(p, step, n);
                    dst.add(j).write_unaligned(r as i64);
                }
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

    #[test]
    fn empty_is_value_error() {
        let a = from_f64(&[]);
        let e = arg_reduce(&a, None, ArgKind::Max, false).unwrap_err();
        assert_eq!(e.message(), "attempt to get argmax of an empty sequence");
    }
}
