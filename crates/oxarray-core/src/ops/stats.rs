//! Statistics: `mean`, `var` (and so `std`), the NaN-skipping reductions' building block
//! (`replace_nan`), order statistics (`median`, `quantile` with NumPy's thirteen methods),
//! and the numerical helpers with a hot loop (`isclose`, `convolve`/`correlate`, `interp`,
//! `i0`).
//!
//! `mean` and `var` follow NumPy's `numpy/_core/_methods.py` step by step, as calls of the
//! engine's ufuncs (`add.reduce`, `subtract`, `multiply`, `true_divide`), so the summation
//! order, the accumulation dtypes and the rounding are NumPy's:
//! 1. `mean`: count the reduced elements (or sum the `where` mask), sum in the accumulation
//!    dtype (float64 for bool/integers, float32 for float16), divide in place by the count
//!    (a strong int64 operand, as NumPy's `intp`), cast float16 results back.
//! 2. `var`: the mean with `keepdims`, `x = a - mean`, `x*x` (for complex `re*re + im*im`),
//!    sum, divide by `max(count - ddof, 0)`.
//! 3. Whole float64/float32 arrays whose full reduction is one inner-loop call in NumPy
//!    (contiguous, or 1-d with a non-negative stride) skip the steps: `mean_fused` and
//!    `var_fused` run the same pairwise trees (`kernels::arithmetic::reduce::sum_run`,
//!    `sum_sq_dev_run`) over the same rounded intermediate values, so the bits are
//!    NumPy's; anything unusual (non-finite or subnormal results, `ddof >= count`,
//!    `where`/`out`/`dtype`/`mean`) takes the steps, which report NumPy's warnings.
//!
//! Order statistics select rather than sort: each lane is copied, partitioned with
//! `select_nth_unstable_by` under NumPy's order (NaN last), and the values at the needed
//! ranks are combined with NumPy's `_lerp` (`a + (b-a)*t`, or `b - (b-a)*(1-t)` for
//! `t >= 0.5`) rounded to the result dtype after each step.

use std::cmp::Ordering;

use half::f16;
use num_complex::Complex;

use crate::array::Array;
use crate::dtype::{promote_types, Builtin, Casting, DType, Element, Scalar};
use crate::error::{normalize_axis, Error, Result};
use crate::iter::{copy_as, copy_into};
use crate::layout::Order;
use crate::ufunc::{self, CallOptions, Input, ReduceOptions};

/// Warnings a statistics call asks the binding to emit (NumPy's `RuntimeWarning`s).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatWarnings {
    /// "Mean of empty slice".
    pub empty_mean: bool,
    /// "Degrees of freedom <= 0 for slice".
    pub dof: bool,
    /// "All-NaN slice encountered".
    pub all_nan: bool,
    /// Floating-point flags raised by the ufunc steps (reported as `divide`'s).
    pub fpe: u8,
}

/// A result with the warnings to emit.
pub type Warned<T> = (T, StatWarnings);

fn uf(name: &str) -> Result<std::sync::Arc<ufunc::Ufunc>> {
    ufunc::lookup(name).ok_or_else(|| Error::value(format!("no ufunc named {name}")))
}

/// Call a built-in ufunc with one output; returns the output and the FP flags.
fn call(
    name: &str,
    inputs: &[Input],
    out: Option<Array>,
    casting: Casting,
    where_: Option<Array>,
) -> Result<(Array, u8)> {
    let opts = CallOptions {
        casting,
        where_,
        ..CallOptions::default()
    };
    let outs = match out {
        Some(o) => vec![Some(o)],
        None => Vec::new(),
    };
    let r = uf(name)?.call(inputs, &outs, &opts)?;
    let a = r
        .outputs
        .into_iter()
        .next()
        .ok_or_else(|| Error::value(format!("{name} returned no output")))?;
    Ok((a, r.fpe))
}

fn arr(a: &Array) -> Input {
    Input::Array(a.clone())
}

/// A 0-d array holding `v` in `dt`.
pub fn scalar_array(v: Scalar, dt: DType) -> Result<Array> {
    Array::full(&[], dt, &v, Order::C)
}

/// `add.reduce` with NumPy's `umr_sum` arguments.
fn sum(
    a: &Array,
    axes: Option<&[isize]>,
    dtype: Option<DType>,
    out: Option<Array>,
    keepdims: bool,
    where_: Option<Array>,
) -> Result<(Array, u8)> {
    let opts = ReduceOptions {
        dtype,
        out,
        keepdims,
        initial: None,
        where_,
        check_int_overflow: false,
    };
    let r = uf("add")?.reduce(a, axes, &opts)?;
    let o = r
        .outputs
        .into_iter()
        .next()
        .ok_or_else(|| Error::value("add.reduce returned no output"))?;
    Ok((o, r.fpe))
}

fn reduced_axes(a: &Array, axes: Option<&[isize]>) -> Result<Vec<usize>> {
    let nd = a.ndim();
    match axes {
        None => Ok((0..nd).collect()),
        Some(ax) if nd == 0 && ax.iter().all(|&x| x == 0 || x == -1) => Ok(Vec::new()),
        Some(ax) => {
            let mut v = Vec::new();
            for &x in ax {
                let n = normalize_axis(x, nd)?;
                if v.contains(&n) {
                    return Err(Error::value("duplicate value in 'axis'"));
                }
                v.push(n);
            }
            Ok(v)
        }
    }
}

/// NumPy's `_count_reduce_items`: an int64 0-d count, or (with `where`) the mask summed.
fn count_items(
    a: &Array,
    axes: Option<&[isize]>,
    keepdims: bool,
    where_: Option<&Array>,
) -> Result<(Array, bool)> {
    match where_ {
        None => {
            let red = reduced_axes(a, axes)?;
            let n: usize = red.iter().map(|&i| a.shape()[i]).product();
            let c = scalar_array(Scalar::Int(n as i64), Builtin::Int64.dtype())?;
            Ok((c, n == 0))
        }
        Some(w) => {
            let wb = crate::ops::broadcast_to(w, a.shape())?;
            let (c, _) = sum(
                &wb,
                axes,
                Some(Builtin::Int64.dtype()),
                None,
                keepdims,
                None,
            )?;
            let (z, _) = call(
                "equal",
                &[arr(&c), Input::Weak(Scalar::Int(0))],
                None,
                Casting::SameKind,
                None,
            )?;
            let any = any_true(&z)?;
            Ok((c, any))
        }
    }
}

/// Whether any element of a bool array is true.
pub fn any_true(a: &Array) -> Result<bool> {
    let b = copy_as(a, Builtin::Bool.dtype(), Order::C)?;
    Ok(bytes_of(&b).iter().any(|&x| x != 0))
}

fn bytes_of(a: &Array) -> &[u8] {
    debug_assert!(a.is_c_contiguous());
    if a.nbytes() == 0 {
        return &[];
    }
    // SAFETY: `a` is a fresh C-contiguous array (invariant 1: its `nbytes` bytes from the
    // data pointer are inside its storage), alive for the borrow.
    unsafe { std::slice::from_raw_parts(a.data_ptr(), a.nbytes()) }
}

/// The elements of a C-contiguous array of element type `T`.
fn slice_of<T: Element>(a: &Array) -> &[T] {
    debug_assert!(a.is_c_contiguous() && a.dtype().descr().builtin == Some(T::BUILTIN));
    if a.size() == 0 {
        return &[];
    }
    // SAFETY: callers pass a C-contiguous, aligned array of native `T` (a fresh copy or
    // checked), so its `size` elements from the data pointer are inside its storage.
    unsafe { std::slice::from_raw_parts(a.data_ptr() as *const T, a.size()) }
}

/// An owned C-contiguous copy of `a` as `T` (cast from any dtype).
pub fn to_vec<T: Element>(a: &Array) -> Result<Vec<T>> {
    if a.dtype() == T::BUILTIN.dtype() && a.is_c_contiguous() && a.is_aligned() {
        // Already the right layout: one memcpy.
        return Ok(slice_of::<T>(a).to_vec());
    }
    let c = copy_as(a, T::BUILTIN.dtype(), Order::C)?;
    Ok(slice_of::<T>(&c).to_vec())
}

/// The elements of `a` as `T`: borrowed in place when `a` already is a C-contiguous,
/// aligned array of native `T`, else a converted copy.
pub fn as_cow<T: Element>(a: &Array) -> Result<std::borrow::Cow<'_, [T]>> {
    if a.dtype() == T::BUILTIN.dtype() && a.is_c_contiguous() && a.is_aligned() {
        return Ok(std::borrow::Cow::Borrowed(slice_of::<T>(a)));
    }
    to_vec::<T>(a).map(std::borrow::Cow::Owned)
}

/// A new C-contiguous array of `shape` from `v`.
pub fn from_vec<T: Element>(v: &[T], shape: &[usize]) -> Result<Array> {
    let n: usize = shape.iter().product();
    if n != v.len() {
        return Err(Error::value("from_vec: size mismatch"));
    }
    // SAFETY: every element is written below before the array is returned.
    let a = unsafe { Array::uninit(shape, T::BUILTIN.dtype(), Order::C)? };
    if n > 0 {
        // SAFETY: `a` is a fresh C-contiguous buffer of `n` elements of `T`.
        unsafe { std::ptr::copy_nonoverlapping(v.as_ptr(), a.data_ptr() as *mut T, n) };
    }
    Ok(a)
}

fn in_place_divide(x: &Array, by: &Array) -> Result<(Array, u8)> {
    call(
        "divide",
        &[arr(x), arr(by)],
        Some(x.clone()),
        Casting::Unsafe,
        None,
    )
}

/// One run NumPy's `add.reduce` makes a single pairwise call over for a full reduction of
/// `a` (native, aligned float64/float32, not empty): a 0-d or 1-d array with a non-negative
/// stride, or a C- or F-contiguous one (memory order). `None` for other layouts, which
/// take the ufunc steps.
fn full_run(a: &Array, axes: Option<&[isize]>) -> Option<(Builtin, *const u8, usize, isize)> {
    let dt = a.dtype();
    let b = dt.descr().builtin?;
    if !matches!(b, Builtin::Float64 | Builtin::Float32) || !dt.is_native() || !a.is_aligned() {
        return None;
    }
    let n = a.size();
    if n == 0 {
        return None;
    }
    if let Some(ax) = axes {
        let red = reduced_axes(a, Some(ax)).ok()?;
        if red.len() != a.ndim() {
            return None;
        }
    }
    let item = dt.descr().itemsize as isize;
    let stride = match a.ndim() {
        0 => item,
        1 if a.strides()[0] >= 0 => a.strides()[0],
        _ if a.is_c_contiguous() || a.is_f_contiguous() => item,
        _ => return None,
    };
    Some((b, a.data_ptr() as *const u8, n, stride))
}

/// The result array of a fused full reduction: `v` in `dt`, 0-d or (keepdims) all ones.
fn full_result(a: &Array, v: f64, dt: DType, keepdims: bool) -> Result<Array> {
    let shape: smallvec::SmallVec<[usize; 8]> = if keepdims {
        std::iter::repeat_n(1, a.ndim()).collect()
    } else {
        smallvec::SmallVec::new()
    };
    Array::full(&shape, dt, &Scalar::Float(v), Order::C)
}

/// `add.reduce` of a whole float64/float32 array in one pass (the accumulator's `0 +`
/// the pairwise sum of NumPy's single call), for the layouts where that is NumPy's order
/// (see `full_run`); the value is exact in the input's type. `None` for other arrays and
/// for a non-finite sum (the ufunc path then reports its FP flags).
pub fn full_sum(a: &Array) -> Option<f64> {
    let (b, p, n, s) = full_run(a, None)?;
    use crate::kernels::arithmetic::reduce::sum_run;
    // SAFETY: `full_run` checked that `p` addresses `n` aligned items with stride `s`.
    let v = unsafe {
        match b {
            Builtin::Float64 => 0.0 + sum_run::<f64>(p, n, s),
            _ => (0.0f32 + sum_run::<f32>(p, n, s)) as f64,
        }
    };
    v.is_finite().then_some(v)
}

/// NumPy's `_mean` of a full reduction in one pass (the `add.reduce` pairwise tree, then
/// `(0 + sum) / count` in float64 (the accumulator starts at the identity), rounded to the input's type): `None` when the layout, the
/// options or a non-finite result (whose FP flags the ufunc steps report) ask for the
/// general path.
fn mean_fused(a: &Array, axes: Option<&[isize]>, keepdims: bool) -> Option<Array> {
    let (b, p, n, s) = full_run(a, axes)?;
    use crate::kernels::arithmetic::reduce::sum_run;
    // SAFETY: `full_run` checked that `p` addresses `n` aligned items with stride `s`.
    let m = unsafe {
        match b {
            Builtin::Float64 => (0.0 + sum_run::<f64>(p, n, s)) / n as f64,
            _ => ((0.0 + sum_run::<f32>(p, n, s)) as f64 / n as f64) as f32 as f64,
        }
    };
    // A subnormal mean: the division may have raised underflow, which the steps report.
    let tiny = match b {
        Builtin::Float64 => f64::MIN_POSITIVE,
        _ => f32::MIN_POSITIVE as f64,
    };
    if !m.is_finite() || (m != 0.0 && m.abs() < tiny) {
        return None;
    }
    full_result(a, m, a.dtype(), keepdims).ok()
}

/// NumPy's `_var` (`_std` with `take_sqrt`) of a full reduction fused into two passes: the
/// mean as [`mean_fused`] (rounded to the input's type), then the pairwise sum of the
/// squared deviations each rounded as NumPy's `x = a - mean; x *= x` rounds them (the
/// same tree over the same values as `add.reduce` of the materialised `x`), divided by
/// `count - ddof` in float64. `None` (general path) when the layout or options differ,
/// when `count - ddof <= 0` or when the result is not finite (the steps report the
/// warnings and FP flags); underflow is read from the FPU status of this thread (a run
/// long enough to be split over the pool loses its other threads' underflow flags, as the
/// engine's own split `add.reduce` does).
fn var_fused(
    a: &Array,
    axes: Option<&[isize]>,
    ddof: Ddof,
    keepdims: bool,
    take_sqrt: bool,
) -> Option<(Array, u8)> {
    let (b, p, n, s) = full_run(a, axes)?;
    let div = match ddof {
        Ddof::Int(d) => {
            let r = (n as i64).checked_sub(d)?;
            if r <= 0 {
                return None;
            }
            r as f64
        }
        Ddof::Float(d) => {
            let r = n as f64 - d;
            if r.is_nan() || r <= 0.0 {
                return None;
            }
            r
        }
    };
    use crate::kernels::arithmetic::reduce::{sum_run, sum_sq_dev_run};
    crate::ufunc::fpstatus::clear();
    // SAFETY: `full_run` checked that `p` addresses `n` aligned items with stride `s`.
    let v = unsafe {
        match b {
            Builtin::Float64 => {
                let m = (0.0 + sum_run::<f64>(p, n, s)) / n as f64;
                if !m.is_finite() {
                    return None;
                }
                let r = (0.0 + sum_sq_dev_run::<f64>(p, n, s, m)) / div;
                if take_sqrt {
                    r.sqrt()
                } else {
                    r
                }
            }
            _ => {
                let m = ((0.0 + sum_run::<f32>(p, n, s)) as f64 / n as f64) as f32;
                if !m.is_finite() {
                    return None;
                }
                let r = ((0.0 + sum_sq_dev_run::<f32>(p, n, s, m)) as f64 / div) as f32;
                (if take_sqrt { r.sqrt() } else { r }) as f64
            }
        }
    };
    if !v.is_finite() {
        return None;
    }
    let fpe = crate::ufunc::fpstatus::read() & crate::ufunc::loops::fpe::UNDERFLOW;
    let r = full_result(a, v, a.dtype(), keepdims).ok()?;
    Some((r, fpe))
}

/// NumPy's `_mean` up to its division, for a caller that divides a Python object itself
/// (NumPy's `ret / rcount` when the sum is a Python object): the sum (no `out`), the
/// count (a 0-d int64 array, or with `where` the summed mask) and the warnings.
///
/// # Errors
/// As [`mean`].
pub fn mean_parts(
    a: &Array,
    axes: Option<&[isize]>,
    dtype: Option<DType>,
    keepdims: bool,
    where_: Option<Array>,
) -> Result<(Array, Array, StatWarnings)> {
    let mut w = StatWarnings::default();
    let (rcount, empty) = count_items(a, axes, keepdims, where_.as_ref())?;
    w.empty_mean = empty;
    let (ret, f) = sum(a, axes, dtype, None, keepdims, where_)?;
    w.fpe = f;
    Ok((ret, rcount, w))
}

/// NumPy's `_mean`. Returns the result array (0-d for a full reduction) and the warnings.
///
/// # Errors
/// Axis errors, resolution errors, `out` shape errors, as `add.reduce`.
pub fn mean(
    a: &Array,
    axes: Option<&[isize]>,
    dtype: Option<DType>,
    out: Option<Array>,
    keepdims: bool,
    where_: Option<Array>,
) -> Result<Warned<Array>> {
    let mut w = StatWarnings::default();
    if where_.is_none() && out.is_none() && dtype.is_none_or(|d| d == a.dtype()) {
        if let Some(r) = mean_fused(a, axes, keepdims) {
            return Ok((r, w));
        }
    }
    let (rcount, empty) = count_items(a, axes, keepdims, where_.as_ref())?;
    w.empty_mean = empty;
    let adt = a.dtype();
    let mut is_f16 = false;
    let dtype = match dtype {
        Some(d) => Some(d),
        None if adt.is_bool() || adt.is_integer() => Some(Builtin::Float64.dtype()),
        None if adt.descr().builtin == Some(Builtin::Float16) => {
            is_f16 = true;
            Some(Builtin::Float32.dtype())
        }
        None => None,
    };
    let has_out = out.is_some();
    let (ret, f1) = sum(a, axes, dtype, out, keepdims, where_)?;
    let (ret, mut f2) = in_place_divide(&ret, &rcount)?;
    if !empty {
        // x / n with n > 0 makes no invalid value; the engine's float casts around the
        // float64 division flag NaN inputs, which NumPy's do not.
        f2 &= !crate::ufunc::loops::fpe::INVALID;
    }
    w.fpe = f1 | f2;
    let ret = if is_f16 && !has_out {
        let r = copy_as(&ret, Builtin::Float16.dtype(), Order::K)?;
        // NumPy's astype here raises no FP warnings (NaN/inf cast quietly).
        let _ = crate::dtype::cast::take_cast_flags();
        r
    } else {
        ret
    };
    Ok((ret, w))
}

/// The divisor argument of `var`: an int or float `ddof`.
#[derive(Clone, Copy, Debug)]
pub enum Ddof {
    Int(i64),
    Float(f64),
}

/// NumPy's `_var`; with `take_sqrt` NumPy's `_std` (sqrt in place).
///
/// `mean`: a precomputed mean with the reduced axes kept (NumPy's `mean=`).
///
/// # Errors
/// As [`mean`].
#[allow(clippy::too_many_arguments)]
pub fn var(
    a: &Array,
    axes: Option<&[isize]>,
    dtype: Option<DType>,
    out: Option<Array>,
    ddof: Ddof,
    keepdims: bool,
    where_: Option<Array>,
    mean_in: Option<Array>,
    take_sqrt: bool,
) -> Result<Warned<Array>> {
    let mut w = StatWarnings::default();
    if where_.is_none()
        && out.is_none()
        && mean_in.is_none()
        && dtype.is_none_or(|d| d == a.dtype())
    {
        if let Some((r, fpe)) = var_fused(a, axes, ddof, keepdims, take_sqrt) {
            w.fpe = fpe;
            return Ok((r, w));
        }
    }
    let (ret, rc, mut w) = var_parts(a, axes, dtype, out, ddof, keepdims, where_, mean_in)?;
    let mut fpe = w.fpe;
    let (ret, f) = in_place_divide(&ret, &rc)?;
    fpe |= if w.dof {
        f
    } else {
        f & !crate::ufunc::loops::fpe::INVALID
    };
    let ret = if take_sqrt {
        let (r, f) = call(
            "sqrt",
            &[arr(&ret)],
            Some(ret.clone()),
            Casting::Unsafe,
            None,
        )?;
        fpe |= f;
        r
    } else {
        ret
    };
    w.fpe = fpe;
    Ok((ret, w))
}

/// NumPy's `_var` up to its division by the degrees of freedom, for a caller that divides
/// a Python object itself (NumPy's `ret / rcount` when the sum is a Python object): the
/// sum of squared deviations (into `out` when given), the divisor `max(count - ddof, 0)`
/// (0-d, or the summed `where` mask) and the warnings.
///
/// The squares are NumPy's: `x*x` for the built-in real dtypes, `re*re + im*im` for the
/// built-in complex ones, and NumPy's general `x * conjugate(x)` for dtypes whose items
/// are Python objects (so `object` arrays of complex numbers give `|x|**2`).
///
/// # Errors
/// As [`mean`].
#[allow(clippy::too_many_arguments)]
pub fn var_parts(
    a: &Array,
    axes: Option<&[isize]>,
    dtype: Option<DType>,
    out: Option<Array>,
    ddof: Ddof,
    keepdims: bool,
    where_: Option<Array>,
    mean_in: Option<Array>,
) -> Result<(Array, Array, StatWarnings)> {
    let mut w = StatWarnings::default();
    let (rcount, empty) = count_items(a, axes, keepdims, where_.as_ref())?;
    let ddof_in = match ddof {
        Ddof::Int(v) => Input::Weak(Scalar::Int(v)),
        Ddof::Float(v) => Input::Weak(Scalar::Float(v)),
    };
    // ddof >= rcount anywhere: warn.
    let (le, _) = call(
        "less_equal",
        &[arr(&rcount), ddof_in.clone()],
        None,
        Casting::SameKind,
        None,
    )?;
    w.dof = any_true(&le)?;
    let adt = a.dtype();
    let dtype = match dtype {
        Some(d) => Some(d),
        None if adt.is_bool() || adt.is_integer() => Some(Builtin::Float64.dtype()),
        None => None,
    };
    let mut fpe = 0;
    // NumPy's `umr_sum` steps; the engine's float16 `add.reduce` already sums each inner
    // run in float32 and rounds once per run (and rounds every step of an outer-axis
    // reduction) as NumPy's loop does.
    let f16_sum = |x: &Array, out: Option<Array>, keep: bool| -> Result<(Array, u8)> {
        sum(x, axes, dtype, out, keep, where_.clone())
    };
    let arrmean = match mean_in {
        Some(m) => m,
        None => {
            let (m, f) = f16_sum(a, None, true)?;
            fpe |= f;
            let div = if rcount.ndim() == 0 {
                rcount.clone()
            } else {
                let shp: Vec<isize> = m.shape().iter().map(|&d| d as isize).collect();
                crate::ops::reshape(&rcount, &shp, Order::C)?
            };
            let (m, f) = in_place_divide(&m, &div)?;
            fpe |= if empty {
                f
            } else {
                f & !crate::ufunc::loops::fpe::INVALID
            };
            m
        }
    };
    let (x, f) = call(
        "subtract",
        &[arr(a), arr(&arrmean)],
        None,
        Casting::SameKind,
        None,
    )?;
    fpe |= f;
    let x = if x.dtype().kind == 'c' {
        let (re, im) = real_imag(&x)?;
        let (re2, f1) = call(
            "multiply",
            &[arr(&re), arr(&re)],
            None,
            Casting::SameKind,
            None,
        )?;
        let (im2, f2) = call(
            "multiply",
            &[arr(&im), arr(&im)],
            None,
            Casting::SameKind,
            None,
        )?;
        let (s, f3) = call(
            "add",
            &[arr(&re2), arr(&im2)],
            None,
            Casting::SameKind,
            None,
        )?;
        fpe |= f1 | f2 | f3;
        s
    } else {
        // NumPy's general branch (`multiply(x, conjugate(x)).real`; `.real` of a
        // non-complex array is the array) for items that are Python objects.
        let general = x.dtype().flags & crate::dtype::flags::NEEDS_API != 0;
        let y = if general {
            let (c, f) = call("conjugate", &[arr(&x)], None, Casting::SameKind, None)?;
            fpe |= f;
            c
        } else {
            x.clone()
        };
        let (s, f) = call(
            "multiply",
            &[arr(&x), arr(&y)],
            Some(x.clone()),
            Casting::SameKind,
            None,
        )?;
        fpe |= f;
        s
    };
    let (ret, f) = f16_sum(&x, out, keepdims)?;
    fpe |= f;
    let (rc, f) = call(
        "subtract",
        &[arr(&rcount), ddof_in],
        None,
        Casting::SameKind,
        None,
    )?;
    fpe |= f;
    let (rc, f) = call(
        "maximum",
        &[arr(&rc), Input::Weak(Scalar::Int(0))],
        None,
        Casting::SameKind,
        None,
    )?;
    fpe |= f;
    w.fpe = fpe;
    Ok((ret, rc, w))
}

/// Views of the real and imaginary parts of a complex array.
///
/// # Errors
/// `TypeError` for a non-complex array.
pub fn real_imag(a: &Array) -> Result<(Array, Array)> {
    let part = match a.dtype().descr().builtin {
        Some(Builtin::Complex64) => Builtin::Float32,
        Some(Builtin::Complex128) => Builtin::Float64,
        _ => return Err(Error::type_("real_imag needs a complex array")),
    };
    let mut dt = part.dtype();
    if !a.dtype().is_native() {
        dt = dt.swapped();
    }
    let half = dt.itemsize as isize;
    let part = |off: isize| {
        Array::from_parts(
            a.storage().clone(),
            a.offset() + off,
            a.shape().into(),
            a.strides().into(),
            dt,
            a.is_writeable(),
        )
    };
    Ok((part(0)?, part(half)?))
}

/// NumPy's `_replace_nan`: for inexact dtypes a copy with NaNs set to `val` and the NaN
/// mask; other dtypes are returned as they are with no mask.
///
/// # Errors
/// Allocation errors.
pub fn replace_nan(a: &Array, val: f64) -> Result<(Array, Option<Array>)> {
    if !a.dtype().is_inexact() {
        return Ok((a.clone(), None));
    }
    let (mask, _) = call("isnan", &[arr(a)], None, Casting::SameKind, None)?;
    let c = crate::iter::copy_of(a, Order::K)?;
    let (c, _) = call(
        "positive",
        &[Input::Weak(Scalar::Float(val))],
        Some(c),
        Casting::Unsafe,
        Some(mask.clone()),
    )?;
    Ok((c, Some(mask)))
}

// ---------------------------------------------------------------------------------------
// Order statistics.

/// NumPy's sort order for a real element: NaN last (all NaNs equal).
fn cmp_nan_last<T: Element>(a: &T, b: &T) -> Ordering {
    if T::INEXACT {
        let (x, y) = (a.re_f64(), b.re_f64());
        match (x.is_nan(), y.is_nan()) {
            (false, false) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
        }
    } else {
        a.as_i128().cmp(&b.as_i128())
    }
}

/// Partition `lane` in place so that every rank in `kth` (ascending, `< lane.len()`)
/// holds its sorted value (NaN last), with the dtype's partition from the sort-kernel
/// table `sk` (several ranks in one multi-rank introselect).
fn select_ranks<T: Element>(sk: &crate::kernels::sort::SortKernels, lane: &mut [T], kth: &[usize]) {
    let es = std::mem::size_of::<T>() as isize;
    let p = lane.as_mut_ptr() as *mut u8;
    // SAFETY: `lane` is `lane.len()` initialised elements of the table entry's dtype,
    // read and partitioned in place (source and destination are the same lane).
    unsafe { (sk.partition)(p, es, p, es, lane.len(), kth) };
}

/// The quantile methods of NumPy (`method=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QMethod {
    InvertedCdf,
    AveragedInvertedCdf,
    ClosestObservation,
    InterpolatedInvertedCdf,
    Hazen,
    Weibull,
    Linear,
    MedianUnbiased,
    NormalUnbiased,
    Lower,
    Higher,
    Midpoint,
    Nearest,
}

impl QMethod {
    /// Parse NumPy's method name.
    ///
    /// # Errors
    /// `ValueError` listing the valid names.
    pub fn parse(s: &str) -> Result<QMethod> {
        use QMethod::*;
        Ok(match s {
            "inverted_cdf" => InvertedCdf,
            "averaged_inverted_cdf" => AveragedInvertedCdf,
            "closest_observation" => ClosestObservation,
            "interpolated_inverted_cdf" => InterpolatedInvertedCdf,
            "hazen" => Hazen,
            "weibull" => Weibull,
            "linear" => Linear,
            "median_unbiased" => MedianUnbiased,
            "normal_unbiased" => NormalUnbiased,
            "lower" => Lower,
            "higher" => Higher,
            "midpoint" => Midpoint,
            "nearest" => Nearest,
            _ => {
                return Err(Error::value(format!(
                    "'{s}' is not a valid method. Use one of: dict_keys(['inverted_cdf', \
                     'averaged_inverted_cdf', 'closest_observation', \
                     'interpolated_inverted_cdf', 'hazen', 'weibull', 'linear', \
                     'median_unbiased', 'normal_unbiased', 'lower', 'higher', 'midpoint', \
                     'nearest'])"
                )))
            }
        })
    }

    /// Methods whose virtual index stays an integer for integer `q` (NumPy computes it
    /// with integer constants: `n*q - 1`, alpha/beta 0 and 1).
    pub fn int_virtual_index(self) -> bool {
        use QMethod::*;
        matches!(
            self,
            AveragedInvertedCdf | InterpolatedInvertedCdf | Weibull
        )
    }

    /// Methods that take an element (no interpolation): result in the input dtype.
    pub fn is_discrete(self) -> bool {
        use QMethod::*;
        matches!(
            self,
            InvertedCdf | ClosestObservation | Lower | Higher | Nearest
        )
    }
}

/// Where one quantile sits: element ranks `prev`, `next` and the weight `gamma`, or
/// an exact rank (`next == prev`, gamma 0).
#[derive(Clone, Copy, Debug)]
struct Virtual {
    prev: usize,
    next: usize,
    gamma: f64,
    /// The index is NaN (then NumPy takes the last element).
    nan: bool,
}

fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}

/// NumPy's `_discrete_interpolation_to_boundaries` clipped below at 0.
fn discrete(index: f64, cond: impl Fn(f64, f64) -> bool) -> i64 {
    let previous = index.floor();
    let next = previous + 1.0;
    let gamma = index - previous;
    let r = if cond(gamma, index) { previous } else { next };
    (r as i64).max(0)
}

/// NumPy's `fix_gamma(gamma, virtual_index)` of a method.
type GammaFix = fn(f64, f64) -> f64;

fn virtual_index(n: usize, q: f64, m: QMethod) -> Virtual {
    use QMethod::*;
    let nf = n as f64;
    let last = n as i64 - 1;
    let clip = |i: i64| -> usize { i.clamp(0, last.max(0)) as usize };
    let exact = |i: i64| {
        // NumPy's `take` with an index past the end would raise; the methods never
        // produce one except through `n*q - 1` rounding, which NumPy clips the same way.
        let k = clip(if i < 0 { i + n as i64 } else { i });
        Virtual {
            prev: k,
            next: k,
            gamma: 0.0,
            nan: false,
        }
    };
    if q.is_nan() {
        return Virtual {
            prev: n.saturating_sub(1),
            next: n.saturating_sub(1),
            gamma: f64::NAN,
            nan: true,
        };
    }
    let cvi = |alpha: f64, beta: f64| nf * q + (alpha + q * (1.0 - alpha - beta)) - 1.0;
    let (vi, fix): (f64, Option<GammaFix>) = match m {
        InvertedCdf => return exact(discrete(nf * q - 1.0, |g, _| g == 0.0)),
        ClosestObservation => {
            return exact(discrete(nf * q - 1.0 - 0.5, |g, idx| {
                g == 0.0 && idx.floor().rem_euclid(2.0) == 1.0
            }))
        }
        Lower => return exact(((nf - 1.0) * q).floor() as i64),
        Higher => return exact(((nf - 1.0) * q).ceil() as i64),
        Nearest => return exact(round_half_even((nf - 1.0) * q) as i64),
        AveragedInvertedCdf => (
            nf * q - 1.0,
            Some(|g: f64, _: f64| if g == 0.0 { 0.5 } else { 1.0 }),
        ),
        InterpolatedInvertedCdf => (cvi(0.0, 1.0), None),
        Hazen => (cvi(0.5, 0.5), None),
        Weibull => (cvi(0.0, 0.0), None),
        Linear => ((nf - 1.0) * q, None),
        MedianUnbiased => (cvi(1.0 / 3.0, 1.0 / 3.0), None),
        NormalUnbiased => (cvi(3.0 / 8.0, 3.0 / 8.0), None),
        Midpoint => (
            0.5 * (((nf - 1.0) * q).floor() + ((nf - 1.0) * q).ceil()),
            Some(|_: f64, idx: f64| if idx % 1.0 == 0.0 { 0.0 } else { 0.5 }),
        ),
    };
    // NumPy's `_get_indexes`: above the range both indexes are -1 (the last element),
    // below it 0; gamma is then `vi - previous` with that clipped previous index.
    let mut prev = vi.floor();
    let mut next = prev + 1.0;
    let mut gprev = prev;
    if vi >= nf - 1.0 {
        prev = nf - 1.0;
        next = nf - 1.0;
        gprev = -1.0;
    }
    if vi < 0.0 {
        prev = 0.0;
        next = 0.0;
        gprev = 0.0;
    }
    let mut gamma = vi - gprev;
    if let Some(f) = fix {
        gamma = f(gamma, vi);
    }
    Virtual {
        prev: prev.max(0.0) as usize,
        next: next.max(0.0) as usize,
        gamma,
        nan: false,
    }
}

/// Rounding to the result dtype after each arithmetic step (NumPy computes `_lerp` in it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prec {
    F16,
    F32,
    F64,
    /// A registered float that widens exactly to float32 (the ML floats): each step is
    /// a float32 operation rounded to the dtype, as `ml_dtypes`' loops compute.
    Narrow(DType),
}

impl Prec {
    fn of(dt: DType) -> Prec {
        match dt.descr().builtin {
            Some(Builtin::Float16) => Prec::F16,
            Some(Builtin::Float32) => Prec::F32,
            _ => Prec::F64,
        }
    }
    fn r(self, x: f64) -> f64 {
        match self {
            Prec::F16 => f16::from_f64(x).to_f64(),
            Prec::F32 => x as f32 as f64,
            Prec::F64 => x,
            Prec::Narrow(dt) => narrow_round(dt, x),
        }
    }
}

/// `x` (the exact result of an operation on float32 values) as a loop of `dt` computes
/// it: rounded to float32, then stored as `dt` (its own `set`, which rounds to nearest
/// even) and read back. Operations on float32 values computed in float64 and rounded
/// to float32 equal float32 operations (53 >= 2*24 + 2 bits), so this is one
/// `ml_dtypes` loop step.
fn narrow_round(dt: DType, x: f64) -> f64 {
    let mut buf = [0u64; 4];
    debug_assert!(dt.itemsize <= 32);
    let p = buf.as_mut_ptr() as *mut u8;
    // SAFETY: `buf` holds 32 aligned bytes, one element of a non-opaque dtype of at most
    // that size (checked by `widened`).
    match unsafe { dt.set(p, &Scalar::Float(x as f32 as f64)) } {
        // SAFETY: as above; the element was just written.
        Ok(()) => unsafe { dt.get(p) }.to_element::<f64>(),
        Err(_) => f64::NAN,
    }
}

/// For a registered (non-built-in) real dtype whose items widen exactly and in order to
/// float32 (`DTypeOps::sort_as`; the ML floats): float32. Such dtypes are not NumPy
/// `inexact` subtypes (`np.issubdtype(ml_dtypes.bfloat16, np.inexact)` is False), so
/// NumPy's median and quantile do no NaN handling for them: a NaN sorts last and takes
/// part in the arithmetic like any value.
fn widened(dt: DType) -> Option<DType> {
    let d = dt.descr();
    use crate::dtype::flags::{HAS_REFS, NEEDS_API, OPAQUE, PARAMETRIC};
    if d.builtin.is_some()
        || d.flags & (HAS_REFS | NEEDS_API | OPAQUE | PARAMETRIC) != 0
        || d.itemsize > 32
    {
        return None;
    }
    d.ops
        .sort_as(d)
        .filter(|w| w.descr().builtin == Some(Builtin::Float32))
}

/// NumPy's `_lerp` on already-rounded operands; `tm` is `t` as the multiplication
/// `diff * t` sees it (a weak Python float is first converted to the loop dtype).
fn lerp(a: f64, b: f64, t: f64, tm: f64, diff: f64, p: Prec) -> f64 {
    if t >= 0.5 {
        p.r(b - p.r(diff * p.r(1.0 - t)))
    } else {
        p.r(a + p.r(diff * tm))
    }
}

/// The options of [`quantile`].
#[derive(Clone, Copy, Debug)]
pub struct QuantileOpts {
    pub method: QMethod,
    /// `q` was a Python int or float (NumPy's weak promotion of the result).
    pub weak_q: bool,
    /// `q`'s dtype is an integer one (then `linear` takes elements).
    pub int_q: bool,
    /// Skip NaNs (the `nan*` functions).
    pub skip_nan: bool,
}

/// The result dtype of a quantile of `a` (NumPy's `_quantile`/`_lerp` promotion).
pub fn quantile_dtype(a: DType, o: &QuantileOpts) -> Result<DType> {
    if o.method.is_discrete() || (o.method == QMethod::Linear && o.int_q) {
        return Ok(a);
    }
    if o.int_q && !o.weak_q && o.method.int_virtual_index() {
        // The virtual index `n*q - 1` is an integer array, so NumPy's gamma is cast to
        // it (0.5 -> 0) and the interpolation runs in `result_type(a, int64)`.
        return promote_types(a, Builtin::Int64.dtype());
    }
    if o.weak_q {
        if a.kind == 'f' || widened(a).is_some() {
            // `diff * t` with a weak Python float keeps a float dtype (ML floats too).
            return Ok(a);
        }
        return Ok(Builtin::Float64.dtype());
    }
    promote_types(a, Builtin::Float64.dtype())
}

/// Move `axis` last and copy to a C-contiguous array of the same dtype.
fn lanes(a: &Array, axis: usize) -> Result<(Array, Vec<usize>, usize)> {
    let nd = a.ndim();
    let mut perm: Vec<usize> = (0..nd).filter(|&i| i != axis).collect();
    perm.push(axis);
    let t = crate::ops::permute_dims(a, &perm)?;
    // Lanes are copied out one by one by the callers: a C-contiguous native array is
    // read in place.
    let c = if t.is_c_contiguous() && t.is_aligned() && t.dtype().is_native() {
        t
    } else {
        copy_as(&t, a.dtype().to_native(), Order::C)?
    };
    let outer: Vec<usize> = perm[..nd - 1].iter().map(|&i| a.shape()[i]).collect();
    Ok((c, outer, a.shape()[axis]))
}

/// Quantiles of `a` along `axis` (`None`: flattened) at each of `q` (already checked to be
/// in [0, 1]); with `weights` (same shape as `a`, or 1-d along `axis`) the weighted
/// `inverted_cdf`. Result shape: `(len(q),) + the other axes`, dtype [`quantile_dtype`].
///
/// # Errors
/// `TypeError` for complex input or bool with an interpolating method; `ValueError` for
/// invalid weights.
pub fn quantile(
    a: &Array,
    q: &[f64],
    axis: Option<isize>,
    opts: &QuantileOpts,
    weights: Option<&Array>,
) -> Result<Warned<Array>> {
    let adt = a.dtype();
    if adt.kind == 'c' {
        return Err(Error::type_("a must be an array of real numbers"));
    }
    let rdt = quantile_dtype(adt, opts)?.to_native();
    if adt.is_bool() && !rdt.is_bool() {
        return Err(Error::type_(
            "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
        ));
    }
    let (src, ax) = match axis {
        None => (crate::ops::ravel(a, Order::C)?, 0),
        Some(x) => (a.clone(), normalize_axis(x, a.ndim())?),
    };
    let narrow = widened(adt);
    let b = match narrow {
        Some(w) => w.descr().builtin.unwrap_or(Builtin::Float32),
        None => adt
            .descr()
            .builtin
            .ok_or_else(|| Error::type_(format!("quantile is not supported for dtype {adt}")))?,
    };
    let (c, outer, n) = lanes(&src, ax)?;
    // A narrow float is read as its exact float32 values; its rounding is `Prec::Narrow`.
    let c = match narrow {
        Some(w) => copy_as(&c, w, Order::C)?,
        None => c,
    };
    let narrow = narrow.map(|_| adt.to_native());
    let w = match weights {
        None => None,
        Some(w) => {
            let wsrc = match axis {
                None => crate::ops::ravel(w, Order::C)?,
                Some(_) if w.ndim() == 1 && src.ndim() != 1 => {
                    crate::ops::broadcast_to(&move_last(w, src.ndim(), ax)?, src.shape())?
                }
                Some(_) => w.clone(),
            };
            let (wc, _, _) = lanes(&wsrc, ax)?;
            Some(to_vec::<f64>(&wc)?)
        }
    };
    let mut warn = StatWarnings::default();
    let nlanes: usize = outer.iter().product();
    let take_mode = opts.method.is_discrete() || (opts.method == QMethod::Linear && opts.int_q);
    let mut res: Vec<f64> = vec![0.0; q.len() * nlanes];
    let prec = match narrow {
        Some(d) if rdt == d => Prec::Narrow(d),
        _ => Prec::of(rdt),
    };
    let mut shape = vec![q.len()];
    shape.extend_from_slice(&outer);
    let sk = crate::kernels::sort::kernels_for(c.dtype())?;
    // NumPy checks lanes for NaN only for its own inexact dtypes (see `widened`).
    let nan_aware = narrow.is_none();
    crate::with_element_type!(b, T => {
        let data = slice_of::<T>(&c);
        let nan_t: T = Scalar::Float(f64::NAN).to_element::<T>();
        let mut taken: Vec<T> = if take_mode { vec![nan_t; q.len() * nlanes] } else { Vec::new() };
        let mut lane: Vec<T> = Vec::with_capacity(n);
        let mut widx: Vec<(T, f64)> = Vec::new();
        for l in 0..nlanes {
            let src_lane = &data[l * n..(l + 1) * n];
            let wl = w.as_ref().map(|wv| &wv[l * n..(l + 1) * n]);
            lane.clear();
            widx.clear();
            for (i, v) in src_lane.iter().enumerate() {
                if opts.skip_nan && T::INEXACT && v.re_f64().is_nan() {
                    continue;
                }
                lane.push(*v);
                if let Some(wl) = wl {
                    widx.push((*v, wl[i]));
                }
            }
            let m = lane.len();
            if m == 0 {
                warn.all_nan |= opts.skip_nan && n > 0;
                for qi in 0..q.len() {
                    res[qi * nlanes + l] = f64::NAN;
                }
                continue;
            }
            if wl.is_some() {
                // Weighted inverted_cdf: sort by value, normalised cumulative weights,
                // the first index with cdf >= q.
                widx.sort_by(|x, y| cmp_nan_last(&x.0, &y.0));
                let mut cdf: Vec<f64> = Vec::with_capacity(m);
                let mut acc = 0.0;
                for (_, wt) in &widx {
                    acc += wt;
                    cdf.push(acc);
                }
                let total = acc;
                for v in cdf.iter_mut() {
                    *v /= total;
                }
                if cdf[m - 1].is_nan() {
                    return Err(Error::value("Weights included NaN, inf or were all zero."));
                }
                if cdf[0] == 0.0 {
                    for v in cdf.iter_mut() {
                        if *v == 0.0 {
                            *v = -1.0;
                        }
                    }
                }
                let has_nan = T::INEXACT && widx[m - 1].0.re_f64().is_nan();
                for (qi, &qq) in q.iter().enumerate() {
                    let k = cdf.partition_point(|&c| c < qq).min(m - 1);
                    taken[qi * nlanes + l] = if has_nan { widx[m - 1].0 } else { widx[k].0 };
                }
                continue;
            }
            let virt: Vec<Virtual> = q.iter().map(|&qq| virtual_index(m, qq, opts.method)).collect();
            // Rank m - 1 puts the largest element (a NaN if any) last; rank 0 is not read.
            let mut kth: Vec<usize> = Vec::with_capacity(2 * q.len() + 1);
            for v in &virt {
                kth.push(v.prev);
                kth.push(v.next);
            }
            kth.push(m - 1);
            kth.sort_unstable();
            kth.dedup();
            select_ranks(&sk, &mut lane, &kth);
            let has_nan = nan_aware && T::INEXACT && lane[m - 1].re_f64().is_nan();
            for (qi, v) in virt.iter().enumerate() {
                let o = qi * nlanes + l;
                if take_mode {
                    taken[o] = if has_nan || v.nan { lane[m - 1] } else { lane[v.prev] };
                    continue;
                }
                if v.nan {
                    res[o] = f64::NAN;
                    continue;
                }
                let (pa, pb) = (lane[v.prev], lane[v.next]);
                let (x, y) = (prec.r(pa.re_f64()), prec.r(pb.re_f64()));
                let diff = match T::BUILTIN {
                    _ if narrow.is_some() => {
                        narrow_round(narrow.unwrap_or(rdt), pb.re_f64() - pa.re_f64())
                    }
                    Builtin::Float16 => f16::from_f64(pb.re_f64() - pa.re_f64()).to_f64(),
                    Builtin::Float32 => (pb.re_f64() - pa.re_f64()) as f32 as f64,
                    Builtin::Float64 => pb.re_f64() - pa.re_f64(),
                    _ => (pb.as_i128().unwrap_or(0) - pa.as_i128().unwrap_or(0)) as f64,
                };
                let gamma = if opts.int_q && !opts.weak_q { v.gamma.trunc() } else { v.gamma };
                // A weak gamma meets a narrow float's loop as that dtype.
                let gm = match prec {
                    Prec::Narrow(d) => narrow_round(d, gamma),
                    _ => gamma,
                };
                res[o] = lerp(x, y, gamma, gm, prec.r(diff), prec);
                // NumPy's `_lerp` evaluates `a + d*t` and `d*(1-t)` everywhere and
                // `b - d*(1-t)` where t >= 0.5: any NaN made there is "invalid".
                let d = prec.r(diff);
                let made_nan = d.is_nan()
                    || (d * gamma).is_nan()
                    || (x + d * gamma).is_nan()
                    || (d * (1.0 - gamma)).is_nan()
                    || (gamma >= 0.5 && res[o].is_nan());
                if made_nan && !x.is_nan() && !y.is_nan() {
                    // inf - inf or 0 * inf in NumPy's `_lerp`: "invalid value".
                    warn.fpe |= crate::ufunc::loops::fpe::INVALID;
                }
                if has_nan {
                    // NumPy interpolates, then copies the lane's NaN over the result.
                    res[o] = f64::NAN;
                }
            }
        }
        if take_mode {
            let _ = crate::dtype::cast::take_cast_flags();
            let r = from_vec(&taken, &shape)?;
            return Ok((copy_as(&r, rdt, Order::C)?, warn));
        }
    });
    let r64 = from_vec(&res, &shape)?;
    Ok((copy_as(&r64, rdt, Order::C)?, warn))
}

fn move_last(w: &Array, nd: usize, ax: usize) -> Result<Array> {
    // A 1-d weights vector along axis `ax` of an `nd`-dim array: shape with ones elsewhere.
    let mut shp = vec![1isize; nd];
    shp[ax] = w.shape()[0] as isize;
    crate::ops::reshape(w, &shp, Order::C)
}

/// NumPy's `median` along `axis` (`None`: flattened): the mean of the one or two middle
/// elements, in `mean`'s dtype; NaN if the lane has a NaN; with `skip_nan` NaNs are
/// dropped first (`nanmedian`) and an all-NaN lane gives NaN with a warning.
///
/// Complex input (complex64/complex128) is ordered like NumPy's sort (lexicographic, an
/// element with a NaN part after all others) and gives a result of the input dtype; a lane
/// with a NaN element gives that element (the last in sort order) as NumPy's
/// `_median_nancheck` does, an all-NaN lane of `nanmedian` gives `nan+0j`.
///
/// # Errors
/// `TypeError` for dtypes without an order (user dtypes).
pub fn median(a: &Array, axis: Option<isize>, skip_nan: bool) -> Result<Warned<Array>> {
    let adt = a.dtype();
    let narrow_w = widened(adt);
    let b = match narrow_w {
        Some(w) => w.descr().builtin.unwrap_or(Builtin::Float32),
        None => adt
            .descr()
            .builtin
            .ok_or_else(|| Error::type_(format!("median is not supported for dtype {adt}")))?,
    };
    let (src, ax) = match axis {
        None => (crate::ops::ravel(a, Order::C)?, 0),
        Some(x) => (a.clone(), normalize_axis(x, a.ndim())?),
    };
    let (c, outer, n) = lanes(&src, ax)?;
    // A narrow float (see `widened`) is read as its exact float32 values; NumPy's mean of
    // the middle elements then runs its loops: the sum and the division each a float32
    // operation rounded to the dtype, and no NaN check.
    let c = match narrow_w {
        Some(w) => copy_as(&c, w, Order::C)?,
        None => c,
    };
    let narrow = narrow_w.map(|_| adt.to_native());
    if adt.kind == 'c' {
        return median_complex(&c, &outer, n, b, skip_nan);
    }
    let rdt = match b {
        Builtin::Float16 | Builtin::Float32 | Builtin::Float64 => adt.to_native(),
        _ => Builtin::Float64.dtype(),
    };
    let mut warn = StatWarnings::default();
    let nlanes: usize = outer.iter().product();
    // NumPy's median is a mean over the lane: a zero-length lane warns even when there
    // are no lanes at all.
    warn.empty_mean = n == 0 && !skip_nan;
    let mut res: Vec<f64> = vec![0.0; nlanes];
    let sk = crate::kernels::sort::kernels_for(c.dtype())?;
    crate::with_element_type!(b, T => {
        let data = slice_of::<T>(&c);
        let mut lane: Vec<T> = Vec::with_capacity(n);
        for l in 0..nlanes {
            let src_lane = &data[l * n..(l + 1) * n];
            lane.clear();
            if skip_nan && T::INEXACT {
                lane.extend(src_lane.iter().copied().filter(|v| !v.re_f64().is_nan()));
            } else {
                lane.extend_from_slice(src_lane);
            }
            let m = lane.len();
            if m == 0 {
                if skip_nan && n > 0 {
                    warn.all_nan = true;
                } else {
                    warn.fpe |= crate::ufunc::loops::fpe::INVALID;
                }
                res[l] = f64::NAN;
                continue;
            }
            let kth: Vec<usize> = if m % 2 == 0 {
                vec![m / 2 - 1, m / 2, m - 1]
            } else {
                vec![(m - 1) / 2, m - 1]
            };
            select_ranks(&sk, &mut lane, &kth);
            if narrow.is_none() && T::INEXACT && lane[m - 1].re_f64().is_nan() {
                res[l] = f64::NAN;
                continue;
            }
            // `mean` sums from the identity 0.0, so -0.0 becomes 0.0 (not for a narrow
            // float: NumPy reduces its user loop from the first element).
            let zero = if narrow.is_some() { -0.0 } else { 0.0 };
            let v = if m % 2 == 1 {
                lane[(m - 1) / 2].re_f64() + zero
            } else {
                let (x, y) = (lane[m / 2 - 1].re_f64(), lane[m / 2].re_f64());
                if (x + y).is_nan() {
                    // inf + -inf in NumPy's mean: "invalid value".
                    warn.fpe |= crate::ufunc::loops::fpe::INVALID;
                }
                match b {
                    _ if narrow.is_some() => {
                        let d = narrow.unwrap_or(rdt);
                        narrow_round(d, narrow_round(d, x + y) / 2.0)
                    }
                    // float16: summed in float32, divided, rounded to float16.
                    Builtin::Float16 => f16::from_f64(((x + y + 0.0) as f32 as f64 / 2.0) as f32 as f64).to_f64(),
                    Builtin::Float32 => (((x + y + 0.0) as f32) as f64 / 2.0) as f32 as f64,
                    _ => (x + y + 0.0) / 2.0,
                }
            };
            res[l] = v;
        }
    });
    let rdt = narrow.unwrap_or(rdt);
    let r64 = from_vec(&res, &outer)?;
    Ok((copy_as(&r64, rdt, Order::C)?, warn))
}

/// The complex part of [`median`]: `c` holds `outer` lanes of length `n` (C order, axis
/// last). The lanes are sorted by [`crate::ops::sort::sort`] (NumPy's complex order: an
/// element with a NaN part after every number), then NumPy's `mean` of the middle
/// element(s) is reproduced: the sum from `0+0j`, then its complex division by the count
/// (`real = (sr + si*0)/n`, `imag = (si - sr*0)/n`, so an infinite part makes a NaN and an
/// "invalid value" warning as in NumPy).
fn median_complex(
    c: &Array,
    outer: &[usize],
    n: usize,
    b: Builtin,
    skip_nan: bool,
) -> Result<Warned<Array>> {
    let sorted = crate::ops::sort::sort(c, -1, crate::ops::sort::SortKind::Stable, false)?;
    let z = to_vec::<Complex<f64>>(&copy_as(&sorted, Builtin::Complex128.dtype(), Order::C)?)?;
    let single = b == Builtin::Complex64;
    let r = |x: f64| if single { x as f32 as f64 } else { x };
    let isnan = |v: &Complex<f64>| v.re.is_nan() || v.im.is_nan();
    let mut warn = StatWarnings {
        empty_mean: n == 0 && !skip_nan,
        ..Default::default()
    };
    let nlanes: usize = outer.iter().product();
    let mut res: Vec<Complex<f64>> = Vec::with_capacity(nlanes);
    for l in 0..nlanes {
        let lane = &z[l * n..(l + 1) * n];
        // Elements with a NaN part are sorted last.
        let m = lane.iter().take_while(|v| !isnan(v)).count();
        if n == 0 {
            // 0/0 in NumPy's complex division: nan+nanj, "invalid value".
            warn.fpe |= crate::ufunc::loops::fpe::INVALID;
            res.push(Complex::new(f64::NAN, f64::NAN));
            continue;
        }
        if m == 0 && skip_nan {
            warn.all_nan = true;
            res.push(Complex::new(f64::NAN, 0.0));
            continue;
        }
        // NumPy takes the mean of the middle of the whole lane (NaNs included) before
        // its NaN check, so its "invalid value" flags count even then.
        let k = if skip_nan { m } else { n };
        let mid: &[Complex<f64>] = if k % 2 == 1 {
            &lane[k / 2..k / 2 + 1]
        } else {
            &lane[k / 2 - 1..k / 2 + 1]
        };
        // An operation on non-NaN operands that makes a NaN raises "invalid".
        let mut invalid = false;
        let mut add = |x: f64, y: f64| {
            let z = r(x + y);
            invalid |= z.is_nan() && !x.is_nan() && !y.is_nan();
            z
        };
        let (mut sr, mut si) = (0.0f64, 0.0f64);
        for v in mid {
            sr = add(sr, v.re);
            si = add(si, v.im);
        }
        // `si*0` and `sr*0` in the division: invalid for an infinite part.
        invalid |= sr.is_infinite() || si.is_infinite();
        if invalid {
            warn.fpe |= crate::ufunc::loops::fpe::INVALID;
        }
        if m < n && !skip_nan {
            // `_median_nancheck`: the last element of the sorted lane.
            res.push(lane[n - 1]);
            continue;
        }
        let scl = 1.0 / mid.len() as f64;
        let re = r(r(sr + si * 0.0) * scl);
        let im = r(r(si - sr * 0.0) * scl);
        res.push(Complex::new(re, im));
    }
    let r128 = from_vec(&res, outer)?;
    Ok((copy_as(&r128, b.dtype(), Order::C)?, warn))
}

// ---------------------------------------------------------------------------------------
// Numerical helpers.

/// `isclose` for real operands that promote to float64, fused in one pass over the
/// broadcast operands: `|x - y| <= atol + rtol*|y| and isfinite(y) or x == y`
/// (`or isnan(x) and isnan(y)` with `equal_nan`).
///
/// # Errors
/// Broadcasting errors.
pub fn isclose_f64(x: &Array, y: &Array, rtol: f64, atol: f64, equal_nan: bool) -> Result<Array> {
    let shape = crate::ops::broadcast_shapes(&[x.shape(), y.shape()])?;
    let xb = crate::ops::broadcast_to(x, &shape)?;
    let yb = crate::ops::broadcast_to(y, &shape)?;
    let xs = as_cow::<f64>(&xb)?;
    let ys = as_cow::<f64>(&yb)?;
    let out: Vec<bool> = xs
        .iter()
        .zip(ys.iter())
        .map(|(&a, &b)| {
            let close = (a - b).abs() <= atol + rtol * b.abs() && b.is_finite();
            close || a == b || (equal_nan && a.is_nan() && b.is_nan())
        })
        .collect();
    from_vec(&out, &shape)
}

/// The convolution modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Full,
    Same,
    Valid,
}

impl Mode {
    /// NumPy's names (and the old integer codes 0, 1, 2 via [`Mode::from_code`]).
    ///
    /// # Errors
    /// `ValueError` for an unknown mode.
    pub fn parse(s: &str) -> Result<Mode> {
        match s {
            "full" | "f" => Ok(Mode::Full),
            "same" | "s" => Ok(Mode::Same),
            "valid" | "v" => Ok(Mode::Valid),
            _ => Err(Error::value(format!(
                "mode must be one of 'valid', 'same', or 'full' (got '{s}')"
            ))),
        }
    }
}

trait Mac: Copy + Default + std::ops::Add<Output = Self> + std::ops::Mul<Output = Self> {}
impl Mac for f64 {}
impl Mac for Complex<f64> {}

/// Wrapping integer multiply-accumulate (NumPy's integer `dot`).
fn corr_i64(a: &[i64], v: &[i64], out: &mut [i64], shift: isize) {
    for (i, o) in out.iter_mut().enumerate() {
        let mut s: i64 = 0;
        for (k, &vk) in v.iter().enumerate() {
            let j = i as isize + k as isize + shift;
            if j >= 0 && (j as usize) < a.len() {
                s = s.wrapping_add(a[j as usize].wrapping_mul(vk));
            }
        }
        *o = s;
    }
}

/// `out[i] = sum_k a[i + k + shift] * v[k]` (terms outside `a` are zero), blocked so the
/// inner loop is a vectorisable `out += v[k] * a[..]` over a cache-sized block, four taps
/// at a time where all four apply (kept in a register: each output still adds its terms
/// in increasing `k`, one rounding per product and per addition). An AVX2 copy of the
/// same operations is picked at run time.
fn corr_float<T: Mac>(a: &[T], v: &[T], out: &mut [T], shift: isize) {
    #[cfg(target_arch = "x86_64")]
    if crate::kernels::simd::has_avx2() {
        // SAFETY: AVX2 is present.
        unsafe { corr_float_avx2(a, v, out, shift) };
        return;
    }
    corr_float_impl(a, v, out, shift);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn corr_float_avx2<T: Mac>(a: &[T], v: &[T], out: &mut [T], shift: isize) {
    corr_float_impl(a, v, out, shift);
}

#[inline(always)]
fn corr_float_impl<T: Mac>(a: &[T], v: &[T], out: &mut [T], shift: isize) {
    const BLOCK: usize = 2048;
    let n = a.len() as isize;
    let mut start = 0;
    while start < out.len() {
        let end = (start + BLOCK).min(out.len());
        let blk = &mut out[start..end];
        blk.iter_mut().for_each(|o| *o = T::default());
        // Indices i in [start, end) with 0 <= i + k + shift < n.
        let range = |k: usize| -> (usize, usize) {
            let off = k as isize + shift;
            let lo = (-off).max(start as isize).min(end as isize) as usize;
            let hi = (n - off).min(end as isize).max(lo as isize) as usize;
            (lo, hi)
        };
        // Tap k over the outputs [from, to) where it applies.
        let one = |blk: &mut [T], k: usize, from: usize, to: usize| {
            let (lo, hi) = range(k);
            let (lo, hi) = (lo.max(from), hi.min(to));
            if lo >= hi {
                return;
            }
            let off = k as isize + shift;
            let vk = v[k];
            let src = &a[(lo as isize + off) as usize..(hi as isize + off) as usize];
            for (o, &x) in blk[lo - start..hi - start].iter_mut().zip(src) {
                *o = *o + x * vk;
            }
        };
        let mut k = 0;
        while k + 4 <= v.len() {
            let r = [range(k), range(k + 1), range(k + 2), range(k + 3)];
            let lo = r.iter().map(|x| x.0).max().unwrap_or(end);
            let hi = r.iter().map(|x| x.1).min().unwrap_or(start);
            if lo < hi {
                for t in 0..4 {
                    one(blk, k + t, start, lo);
                }
                let base = (lo as isize + k as isize + shift) as usize;
                let len = hi - lo;
                let (v0, v1, v2, v3) = (v[k], v[k + 1], v[k + 2], v[k + 3]);
                let a0 = &a[base..base + len];
                let a1 = &a[base + 1..base + 1 + len];
                let a2 = &a[base + 2..base + 2 + len];
                let a3 = &a[base + 3..base + 3 + len];
                let it = blk[lo - start..hi - start]
                    .iter_mut()
                    .zip(a0)
                    .zip(a1)
                    .zip(a2)
                    .zip(a3);
                for ((((o, &x0), &x1), &x2), &x3) in it {
                    *o = (((*o + x0 * v0) + x1 * v1) + x2 * v2) + x3 * v3;
                }
                for t in 0..4 {
                    one(blk, k + t, hi, end);
                }
            } else {
                for t in 0..4 {
                    one(blk, k + t, start, end);
                }
            }
            k += 4;
        }
        while k < v.len() {
            one(blk, k, start, end);
            k += 1;
        }
        start = end;
    }
}

/// NumPy's `correlate(a, v, mode)` for 1-d `a` and `v` (`convolve` is `correlate` with
/// `v` reversed, see the binding). Computed in float64, complex128 or wrapping int64 and
/// cast to `result_type(a, v)`. Complex `v` is conjugated, as NumPy's `correlate` does.
///
/// # Errors
/// `ValueError` for empty inputs or arrays that are not 1-d.
pub fn correlate(a: &Array, v: &Array, mode: Mode, conj_v: bool) -> Result<Array> {
    if a.ndim() != 1 || v.ndim() != 1 {
        return Err(Error::value("object too deep for desired array"));
    }
    if a.size() == 0 {
        return Err(Error::value("a cannot be empty"));
    }
    if v.size() == 0 {
        return Err(Error::value("v cannot be empty"));
    }
    let rdt = promote_types(a.dtype(), v.dtype())?.to_native();
    // NumPy swaps so the longer one slides; the result is then reversed.
    let (n, m) = (a.size(), v.size());
    let swap = m > n;
    let (big, small) = if swap { (v, a) } else { (a, v) };
    let (nb, ns) = (big.size(), small.size());
    let (len, shift) = match mode {
        Mode::Valid => (nb - ns + 1, 0isize),
        Mode::Same => (nb, -((ns / 2) as isize)),
        Mode::Full => (nb + ns - 1, -(ns as isize - 1)),
    };
    let out = match rdt.kind {
        'c' => {
            let mut x = to_vec::<Complex<f64>>(big)?;
            let mut y = to_vec::<Complex<f64>>(small)?;
            // NumPy's correlate conjugates `v` first, then slides the longer one.
            if conj_v {
                let vv = if swap { &mut x } else { &mut y };
                vv.iter_mut().for_each(|z| *z = z.conj());
            }
            let mut o = vec![Complex::new(0.0, 0.0); len];
            corr_float(&x, &y, &mut o, shift);
            if swap {
                o.reverse();
            }
            from_vec(&o, &[len])?
        }
        'f' => {
            let x = to_vec::<f64>(big)?;
            let y = to_vec::<f64>(small)?;
            let mut o = vec![0.0; len];
            corr_float(&x, &y, &mut o, shift);
            if swap {
                o.reverse();
            }
            from_vec(&o, &[len])?
        }
        _ => {
            let x = to_vec::<i64>(big)?;
            let y = to_vec::<i64>(small)?;
            let mut o = vec![0i64; len];
            corr_i64(&x, &y, &mut o, shift);
            if swap {
                o.reverse();
            }
            from_vec(&o, &[len])?
        }
    };
    let _ = crate::dtype::cast::take_cast_flags();
    if out.dtype() == rdt {
        return Ok(out);
    }
    let r = copy_as(&out, rdt, Order::C)?;
    let _ = crate::dtype::cast::take_cast_flags();
    Ok(r)
}

/// NumPy's compiled `interp` for real `xp` (increasing) and real or complex `fp`:
/// a binary search per point, slope interpolation, NumPy's NaN fix-ups, `left`/`right`
/// beyond the ends. `fp` is float64 or complex128 (the binding casts).
///
/// # Errors
/// `ValueError` for empty `xp` or mismatched lengths.
pub fn interp(
    x: &Array,
    xp: &[f64],
    fp: &Array,
    left: Option<Scalar>,
    right: Option<Scalar>,
) -> Result<Array> {
    if xp.is_empty() {
        return Err(Error::value("array of sample points is empty"));
    }
    if xp.len() != fp.size() {
        return Err(Error::value("fp and xp are not of the same length."));
    }
    let xs = to_vec::<f64>(x)?;
    let shape = x.shape().to_vec();
    if fp.dtype().kind == 'c' {
        let f = to_vec::<Complex<f64>>(fp)?;
        let re: Vec<f64> = f.iter().map(|z| z.re).collect();
        let im: Vec<f64> = f.iter().map(|z| z.im).collect();
        let part = |s: Option<Scalar>, im_part: bool| {
            s.map(|v| match v {
                Scalar::Complex(z) => {
                    if im_part {
                        z.im
                    } else {
                        z.re
                    }
                }
                other if !im_part => other_f64(&other),
                _ => 0.0,
            })
        };
        let r = interp_f64(&xs, xp, &re, part(left, false), part(right, false), true);
        let i = interp_f64(&xs, xp, &im, part(left, true), part(right, true), true);
        // NumPy's complex interp: a NaN x gives NaN + 0j.
        let out: Vec<Complex<f64>> = r
            .into_iter()
            .zip(i)
            .zip(&xs)
            .map(|((a, b), &x)| Complex::new(a, if x.is_nan() && xp.len() > 1 { 0.0 } else { b }))
            .collect();
        return from_vec(&out, &shape);
    }
    let f = to_vec::<f64>(fp)?;
    let out = interp_f64(
        &xs,
        xp,
        &f,
        left.map(|v| other_f64(&v)),
        right.map(|v| other_f64(&v)),
        false,
    );
    from_vec(&out, &shape)
}

fn other_f64(s: &Scalar) -> f64 {
    match *s {
        Scalar::Bool(b) => b as u8 as f64,
        Scalar::Int(i) => i as f64,
        Scalar::UInt(u) => u as f64,
        Scalar::Float(f) => f,
        Scalar::Complex(z) => z.re,
        Scalar::Ref(_) => f64::NAN,
    }
}

/// NumPy's `binary_search_with_guess` reduced to a plain binary search: the index `j`
/// with `xp[j] <= x < xp[j+1]` (NaN-free `x` inside the range).
fn find_bin(xp: &[f64], x: f64) -> usize {
    xp.partition_point(|&v| v <= x).saturating_sub(1)
}

/// `inv_dx`: NumPy's complex version multiplies by `1/(xp[j+1] - xp[j])` instead of
/// dividing.
fn interp_f64(
    x: &[f64],
    xp: &[f64],
    fp: &[f64],
    left: Option<f64>,
    right: Option<f64>,
    inv_dx: bool,
) -> Vec<f64> {
    let n = xp.len();
    let lval = left.unwrap_or(fp[0]);
    let rval = right.unwrap_or(fp[n - 1]);
    if n == 1 {
        let (x0, f0) = (xp[0], fp[0]);
        return x
            .iter()
            .map(|&v| {
                // NumPy's single-point branch: NaN compares false both ways -> fp[0].
                if v < x0 {
                    lval
                } else if v > x0 {
                    rval
                } else {
                    f0
                }
            })
            .collect();
    }
    x.iter()
        .map(|&v| {
            if v.is_nan() {
                return v;
            }
            if v > xp[n - 1] {
                return rval;
            }
            if v < xp[0] {
                return lval;
            }
            let j = find_bin(xp, v);
            if j >= n - 1 {
                return fp[n - 1];
            }
            if xp[j] == v {
                return fp[j];
            }
            let slope = if inv_dx {
                (fp[j + 1] - fp[j]) * (1.0 / (xp[j + 1] - xp[j]))
            } else {
                (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])
            };
            let mut r = slope * (v - xp[j]) + fp[j];
            if r.is_nan() {
                r = slope * (v - xp[j + 1]) + fp[j + 1];
                if r.is_nan() && fp[j] == fp[j + 1] {
                    r = fp[j];
                }
            }
            r
        })
        .collect()
}

/// The modified Bessel function of the first kind, order 0 (NumPy's `i0`: Cephes'
/// Chebyshev expansions, evaluated with NumPy's `_chbevl`).
///
/// # Errors
/// Casting errors.
pub fn i0(x: &Array) -> Result<Array> {
    const A: [f64; 30] = [
        -4.4153416464793395e-18,
        3.3307945188222384e-17,
        -2.431279846547955e-16,
        1.715391285555133e-15,
        -1.1685332877993451e-14,
        7.676185498604936e-14,
        -4.856446783111929e-13,
        2.95505266312964e-12,
        -1.726826291441556e-11,
        9.675809035373237e-11,
        -5.189795601635263e-10,
        2.6598237246823866e-09,
        -1.300025009986248e-08,
        6.046995022541919e-08,
        -2.670793853940612e-07,
        1.1173875391201037e-06,
        -4.4167383584587505e-06,
        1.6448448070728896e-05,
        -5.754195010082104e-05,
        0.00018850288509584165,
        -0.0005763755745385824,
        0.0016394756169413357,
        -0.004324309995050576,
        0.010546460394594998,
        -0.02373741480589947,
        0.04930528423967071,
        -0.09490109704804764,
        0.17162090152220877,
        -0.3046826723431984,
        0.6767952744094761,
    ];
    const B: [f64; 25] = [
        -7.233180487874754e-18,
        -4.830504485944182e-18,
        4.46562142029676e-17,
        3.461222867697461e-17,
        -2.8276239805165836e-16,
        -3.425485619677219e-16,
        1.7725601330565263e-15,
        3.8116806693526224e-15,
        -9.554846698828307e-15,
        -4.150569347287222e-14,
        1.54008621752141e-14,
        3.8527783827421426e-13,
        7.180124451383666e-13,
        -1.7941785315068062e-12,
        -1.3215811840447713e-11,
        -3.1499165279632416e-11,
        1.1889147107846439e-11,
        4.94060238822497e-10,
        3.3962320257083865e-09,
        2.266668990498178e-08,
        2.0489185894690638e-07,
        2.8913705208347567e-06,
        6.889758346916825e-05,
        0.0033691164782556943,
        0.8044904110141088,
    ];
    fn chbevl(x: f64, c: &[f64]) -> f64 {
        let mut b0 = c[0];
        let mut b1 = 0.0;
        let mut b2 = 0.0;
        for &ci in &c[1..] {
            b2 = b1;
            b1 = b0;
            b0 = x * b1 - b2 + ci;
        }
        0.5 * (b0 - b2)
    }
    let v = to_vec::<f64>(x)?;
    let out: Vec<f64> = v
        .iter()
        .map(|&t| {
            let t = t.abs();
            if t <= 8.0 {
                t.exp() * chbevl(t / 2.0 - 2.0, &A)
            } else {
                t.exp() * chbevl(32.0 / t - 2.0, &B) / t.sqrt()
            }
        })
        .collect();
    from_vec(&out, x.shape())
}

/// Copy `src` into `dst` (shapes must match) — for `out=` arguments.
///
/// # Errors
/// As [`copy_into`].
pub fn copy_to(dst: &Array, src: &Array) -> Result<()> {
    copy_into(dst, src)
}
