//! Arrays made from numbers: `arange`, `linspace`, `eye`.

use crate::array::Array;
use crate::dtype::{Builtin, DType, Scalar};
use crate::error::{Error, Result};
use crate::layout::Order;

/// Number of elements of `arange(start, stop, step)`, computed in f64 like NumPy's
/// `_arange_safe_ceil_to_intp`.
fn arange_len(start: f64, stop: f64, step: f64) -> Result<usize> {
    if step == 0.0 {
        return Err(Error::value("Maximum allowed size exceeded"));
    }
    let len = ((stop - start) / step).ceil();
    if len.is_nan() {
        return Err(Error::value("arange: cannot compute length"));
    }
    if len > isize::MAX as f64 {
        return Err(Error::value("Maximum allowed size exceeded"));
    }
    Ok(if len <= 0.0 { 0 } else { len as usize })
}

/// `arange(start, stop, step)` into `dtype`. Integer inputs into an integer dtype are exact;
/// floats follow NumPy: the first two values are computed, and element `i` is
/// `first + i * (second - first)` in the output precision.
///
/// # Errors
/// `ValueError` for a zero step or a length that does not fit; `TypeError` for dtypes
/// arange does not support.
pub fn arange(start: Scalar, stop: Scalar, step: Scalar, dtype: DType) -> Result<Array> {
    let f = |s: Scalar| match s {
        Scalar::Bool(b) => Ok(b as u8 as f64),
        Scalar::Int(i) => Ok(i as f64),
        Scalar::UInt(u) => Ok(u as f64),
        Scalar::Float(x) => Ok(x),
        Scalar::Complex(_) => Err(Error::type_(
            "arange does not support complex arguments yet",
        )),
    };
    let (fs, fe, fst) = (f(start)?, f(stop)?, f(step)?);
    if fst == 0.0 {
        return Err(Error::new(
            crate::error::ErrorKind::Value,
            "Maximum allowed size exceeded",
        ));
    }
    let n = arange_len(fs, fe, fst)?;
    let out = Array::zeros(&[n], dtype, Order::C)?;
    let Some(b) = dtype.builtin else {
        return Err(Error::type_(format!(
            "arange is not supported for dtype {dtype}"
        )));
    };
    let ints = |s: Scalar| match s {
        Scalar::Int(i) => Some(i as i128),
        Scalar::UInt(u) => Some(u as i128),
        Scalar::Bool(v) => Some(v as i128),
        _ => None,
    };
    let ptr = out.data_ptr();
    match b {
        Builtin::Bool => {
            if n > 2 {
                return Err(Error::type_(
                    "arange() is only supported for booleans when the result has at most length 2.",
                ));
            }
            for i in 0..n {
                out.set(&[i], &Scalar::Float(fs + i as f64 * fst))?;
            }
        }
        Builtin::Float16
        | Builtin::Float32
        | Builtin::Float64
        | Builtin::Complex64
        | Builtin::Complex128 => {
            let first = fs;
            let second = fs + fst;
            if b == Builtin::Float64 {
                let delta = second - first;
                let p = ptr as *mut f64;
                for i in 0..n {
                    // SAFETY: `out` is a fresh contiguous float64 array of n elements.
                    unsafe { p.add(i).write(first + i as f64 * delta) };
                }
            } else if b == Builtin::Complex128 {
                let delta = second - first;
                for i in 0..n {
                    out.set(&[i], &Scalar::Float(first + i as f64 * delta))?;
                }
            } else {
                let (a, d) = (first as f32, (second as f32) - (first as f32));
                for i in 0..n {
                    out.set(&[i], &Scalar::Float((a + i as f32 * d) as f64))?;
                }
            }
        }
        _ => match (ints(start), ints(step)) {
            (Some(s0), Some(st)) => {
                crate::with_element_type!(b, T => {
                    let p = ptr as *mut T;
                    for i in 0..n {
                        let v = s0 + i as i128 * st;
                        // SAFETY: `out` is a fresh contiguous array of n elements of T.
                        unsafe { p.add(i).write(<T as crate::dtype::Element>::from_src(v as i64)) };
                    }
                });
            }
            _ => {
                let delta = (fs + fst) - fs;
                for i in 0..n {
                    out.set(&[i], &Scalar::Float(fs + i as f64 * delta))?;
                }
            }
        },
    }
    Ok(out)
}

/// `linspace(start, stop, num, endpoint)` in float64 (NumPy's formula: `i * step + start`,
/// the last element set to `stop` when `endpoint`); returns the array and the step.
///
/// # Errors
/// `ValueError` for a negative `num`.
pub fn linspace(start: f64, stop: f64, num: isize, endpoint: bool) -> Result<(Array, f64)> {
    if num < 0 {
        return Err(Error::value(format!(
            "Number of samples, {num}, must be non-negative."
        )));
    }
    let num = num as usize;
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let delta = stop - start;
    let step = if div > 0 {
        delta / div as f64
    } else {
        f64::NAN
    };
    let out = Array::zeros(&[num], Builtin::Float64.dtype(), Order::C)?;
    let p = out.data_ptr() as *mut f64;
    for i in 0..num {
        let y = if div > 0 {
            if step == 0.0 {
                (i as f64 / div as f64) * delta + start
            } else {
                i as f64 * step + start
            }
        } else {
            i as f64 * delta + start
        };
        // SAFETY: fresh contiguous float64 array of `num` elements.
        unsafe { p.add(i).write(y) };
    }
    if endpoint && num > 1 {
        // SAFETY: as above, last element.
        unsafe { p.add(num - 1).write(stop) };
    }
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
