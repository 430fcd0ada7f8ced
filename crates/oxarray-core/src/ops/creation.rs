//! Arrays made from numbers: `arange`, `linspace`, `eye`.

use half::f16;
use num_complex::Complex;

use crate::array::Array;
use crate::dtype::{Builtin, DType, Scalar};
use crate::error::{Error, Result};
use crate::layout::Order;

/// Number of elements of `arange`, from `(stop - start) / step` computed by the caller
/// (NumPy's `_arange_safe_ceil_to_intp`).
///
/// # Errors
/// `ValueError` for NaN ("cannot compute length") or a length past `isize::MAX`.
pub fn arange_len(quotient: f64) -> Result<usize> {
    let len = quotient.ceil();
    if len.is_nan() {
        return Err(Error::value("arange: cannot compute length"));
    }
    if len > isize::MAX as f64 {
        return Err(Error::value("Maximum allowed size exceeded"));
    }
    Ok(if len <= 0.0 { 0 } else { len as usize })
}

/// `arange(start, stop, step)` into `dtype`, for Rust callers: the length from
/// `(stop - start) / step` in f64, the second value `start + step` computed exactly for
/// integers, then [`arange_fill`]. (The Python `arange` does this arithmetic on the Python
/// objects and calls [`arange_fill`] itself.)
///
/// # Errors
/// `ValueError` for a zero step or a length that does not fit; as [`arange_fill`].
pub fn arange(start: Scalar, stop: Scalar, step: Scalar, dtype: DType) -> Result<Array> {
    let f = |s: Scalar| match s {
        Scalar::Bool(b) => Ok(b as u8 as f64),
        Scalar::Int(i) => Ok(i as f64),
        Scalar::UInt(u) => Ok(u as f64),
        Scalar::Float(x) => Ok(x),
        Scalar::Complex(_) => Err(Error::type_("arange does not support complex arguments")),
        Scalar::Ref(r) => Err(Error::type_(format!(
            "arange does not support arguments of dtype {}",
            r.dtype
        ))),
    };
    let (fs, fe, fst) = (f(start)?, f(stop)?, f(step)?);
    if fst == 0.0 {
        return Err(Error::value("Maximum allowed size exceeded"));
    }
    let n = arange_len((fe - fs) / fst)?;
    let int = |s: Scalar| match s {
        Scalar::Bool(b) => Some(b as i128),
        Scalar::Int(i) => Some(i as i128),
        Scalar::UInt(u) => Some(u as i128),
        _ => None,
    };
    let second = match (int(start), int(step)) {
        (Some(a), Some(b)) => {
            let v = a + b;
            if v < 0 {
                Scalar::Int(v as i64)
            } else {
                Scalar::UInt(v as u64)
            }
        }
        _ => Scalar::Float(fs + fst),
    };
    arange_fill(&start, &second, n, dtype)
}

/// `arange` of `n` elements of `dtype`, NumPy's way: the caller converts `first` (start)
/// and `second` (start + step) into the dtype (with the dtype's item-setting rules), they
/// are stored as elements 0 and 1, and element `i >= 2` is `first + i * (second - first)`
/// computed in the dtype's own arithmetic (wrapping for integers, in `float` for float16).
///
/// # Errors
/// `TypeError` for a bool result longer than 2 or a dtype arange does not know;
/// `MemoryError`.
pub fn arange_fill(first: &Scalar, second: &Scalar, n: usize, dtype: DType) -> Result<Array> {
    let Some(b) = dtype.builtin else {
        return Err(Error::type_(format!(
            "arange is not supported for dtype {dtype}"
        )));
    };
    if b == Builtin::Bool && n > 2 {
        return Err(Error::type_(
            "arange() is only supported for booleans when the result has at most length 2.",
        ));
    }
    let native = dtype.to_native();
    // SAFETY: elements 0 and 1 are set below and every element from 2 on is written by
    // the fill loop (the bool case has at most 2 elements, checked above).
    let out = unsafe { Array::uninit(&[n], native, Order::C)? };
    if n > 0 {
        out.set(&[0], first)?;
    }
    if n > 1 {
        out.set(&[1], second)?;
    }
    if n > 2 {
        let p = out.data_ptr();
        macro_rules! fill_int {
            ($t:ty) => {{
                let p = p as *mut $t;
                // SAFETY: `out` is a fresh contiguous array of `n` elements of this type.
                let (s, d) = unsafe { (p.read(), p.add(1).read()) };
                let d = d.wrapping_sub(s);
                // `s + i * d` in wrapping arithmetic, as a running sum (the same ring
                // element, and an induction the compiler vectorises).
                let mut v = s.wrapping_add(d).wrapping_add(d);
                for i in 2..n {
                    // SAFETY: as above, i < n.
                    unsafe { p.add(i).write(v) };
                    v = v.wrapping_add(d);
                }
            }};
        }
        macro_rules! fill_float {
            ($t:ty) => {{
                let p = p as *mut $t;
                // SAFETY: as above.
                let (s, d) = unsafe { (p.read(), p.add(1).read()) };
                let d = d - s;
                // `i` kept as a float counter (vectorises), exact while `i` is below
                // 2**24 (f32) / 2**53 (f64); past that, `i as float` as NumPy computes it.
                let exact: usize = if std::mem::size_of::<$t>() == 4 {
                    1 << 24
                } else {
                    1 << 53
                };
                let mut fi: $t = 2.0;
                for i in 2..n.min(exact) {
                    // SAFETY: as above.
                    unsafe { p.add(i).write(s + fi * d) };
                    fi += 1.0;
                }
                for i in exact.max(2)..n {
                    // SAFETY: as above.
                    unsafe { p.add(i).write(s + i as $t * d) };
                }
            }};
        }
        match b {
            Builtin::Bool => {}
            Builtin::Int8 => fill_int!(i8),
            Builtin::Int16 => fill_int!(i16),
            Builtin::Int32 => fill_int!(i32),
            Builtin::Int64 => fill_int!(i64),
            Builtin::UInt8 => fill_int!(u8),
            Builtin::UInt16 => fill_int!(u16),
            Builtin::UInt32 => fill_int!(u32),
            Builtin::UInt64 => fill_int!(u64),
            Builtin::Float32 => fill_float!(f32),
            Builtin::Float64 => fill_float!(f64),
            Builtin::Float16 => {
                let p = p as *mut f16;
                // SAFETY: as above.
                let (s, d) = unsafe { (p.read().to_f32(), p.add(1).read().to_f32()) };
                let d = d - s;
                for i in 2..n {
                    // SAFETY: as above.
                    unsafe { p.add(i).write(f16::from_f32(s + i as f32 * d)) };
                }
            }
            Builtin::Complex64 => fill_complex::<f32>(p, n),
            Builtin::Complex128 => fill_complex::<f64>(p, n),
        }
    }
    if !dtype.is_native() {
        return crate::iter::copy_as(&out, dtype, Order::C);
    }
    Ok(out)
}

fn fill_complex<T>(p: *mut u8, n: usize)
where
    T: Copy + std::ops::Add<Output = T> + std::ops::Sub<Output = T> + std::ops::Mul<Output = T>,
    usize: ToFloat<T>,
{
    let p = p as *mut Complex<T>;
    // SAFETY: the caller passes a fresh contiguous array of `n >= 2` complex elements.
    let (s, d) = unsafe { (p.read(), p.add(1).read()) };
    let (dr, di) = (d.re - s.re, d.im - s.im);
    for i in 2..n {
        let f = i.to_float();
        // SAFETY: as above, i < n.
        unsafe { p.add(i).write(Complex::new(s.re + f * dr, s.im + f * di)) };
    }
}

/// ``usize as f32` / `usize as f64` for the generic complex fill.
trait ToFloat<T> {
    fn to_float(self) -> T;
}
impl ToFloat<f32> for usize {
    fn to_float(self) -> f32 {
        self as f32
    }
}
impl ToFloat<f64> for usize {
    fn to_float(self) -> f64 {
        self as f64
    }
}

/// `linspace(start, stop, num, endpoint)` computed in `dtype` (float16, float32 or float64)
/// with NumPy's formula: `y = arange(num) * step + start` (or `arange(num) / div * delta +
/// start` when the step underflows to zero), the last element set to `stop` when
/// `endpoint`. Returns the array and the step (`None` when there are fewer than two
/// intervals: NumPy's step is then a plain `nan`).
///
/// # Errors
/// `ValueError` for a negative `num`; `TypeError` for a dtype that is not a real float.
pub fn linspace(
    start: f64,
    stop: f64,
    num: isize,
    endpoint: bool,
    dtype: DType,
) -> Result<(Array, Option<f64>)> {
    if num < 0 {
        return Err(Error::value(format!(
            "Number of samples, {num}, must be non-negative."
        )));
    }
    let num = num as usize;
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let out = Array::zeros(&[num], dtype.to_native(), Order::C)?;
    macro_rules! compute {
        ($t:ty, $store:ty, $round:expr, $to_store:expr) => {{
            let r: fn($t) -> $t = $round;
            let store: fn($t) -> $store = $to_store;
            let (a, b) = (r(start as $t), r(stop as $t));
            let delta = r(b - a);
            let p = out.data_ptr() as *mut $store;
            let step = (div > 0).then(|| r(delta / div as $t));
            for i in 0..num {
                let fi = r(i as $t);
                let y = match step {
                    Some(s) if s == 0.0 => r(r(fi / div as $t) * delta),
                    Some(s) => r(fi * s),
                    None => r(fi * delta),
                };
                // SAFETY: `out` is a fresh contiguous array of `num` elements of `$store`.
                unsafe { p.add(i).write(store(r(y + a))) };
            }
            if endpoint && num > 1 {
                // SAFETY: as above, the last element.
                unsafe { p.add(num - 1).write(store(b)) };
            }
            step.map(|s| s as f64)
        }};
    }
    let step = match dtype.builtin {
        Some(Builtin::Float64) => compute!(f64, f64, |x| x, |x| x),
        Some(Builtin::Float32) => compute!(f32, f32, |x| x, |x| x),
        // float16 arithmetic is done in float and rounded to half after each operation.
        Some(Builtin::Float16) => compute!(f32, f16, |x| f16::from_f32(x).to_f32(), f16::from_f32),
        _ => {
            return Err(Error::type_(format!(
                "linspace computes in a real floating dtype, not {dtype}"
            )))
        }
    };
    Ok((out, step))
}

/// `eye(n, m, k)`: ones on the `k`-th diagonal.
///
/// # Errors
/// As [`Array::zeros`].
pub fn eye(n: usize, m: usize, k: isize, dtype: DType, order: Order) -> Result<Array> {
    let out = Array::zeros(&[n, m], dtype, order)?;
    let one = Scalar::Int(1);
    for i in 0..n {
        let j = i as isize + k;
        if j >= 0 && (j as usize) < m {
            out.set(&[i, j as usize], &one)?;
        }
    }
    Ok(out)
}
