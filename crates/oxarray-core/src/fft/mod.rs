//! Discrete Fourier transforms along one axis: complex-to-complex, real-to-complex
//! (`rfft`) and complex-to-real (`irfft`), the three primitives every `oxarray.fft`
//! function is built from (the n-dimensional ones apply them axis by axis, as NumPy does).
//!
//! The algorithm of [`transform`]:
//! 1. Pick the precision: float32/float16/complex64 inputs are computed in single
//!    precision (complex64 / float32 results, as NumPy 2's pocketfft does); everything else
//!    (integers, bool, float64, complex128) in double precision.
//! 2. Convert the input once to the working dtype (complex for c2c and c2r, real for r2c)
//!    if it is not already native, aligned and of that dtype.
//! 3. Allocate the result (C order, the transformed axis resized to the output length), or
//!    use the caller's `out` when it has exactly the result dtype and does not overlap the
//!    input (otherwise compute into a temporary and cast into `out`).
//! 4. Enumerate the lines (every index of the other axes, C order) of input and output.
//!    Each line is gathered into a scratch buffer, truncated or zero-padded to `n`,
//!    transformed by a plan from the per-length cache (`rustfft`/`realfft` planners kept
//!    for the life of the process, as pocketfft caches its plans), scaled by `fct` and
//!    scattered into the output line.
//! 5. Many lines with enough total work are split over oxarray's thread pool
//!    (`crate::exec`); each worker has its own buffers. The result does not depend on the
//!    split: every line is computed the same way.

use std::sync::{Arc, Mutex, OnceLock};

use num_complex::Complex;
use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};
use rustfft::{Fft, FftNum, FftPlanner};

use crate::array::Array;
use crate::dtype::{can_cast, Builtin, Casting, DType};
use crate::error::{Error, Result};
use crate::iter::{copy_as, copy_into};
use crate::layout::{self, Order};

/// Which transform.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Complex to complex, forward (`exp(-2πi jk/n)`).
    Forward,
    /// Complex to complex, backward (`exp(+2πi jk/n)`), unscaled.
    Backward,
    /// Real to complex, forward: `n` real points give `n/2 + 1` complex ones.
    RealForward,
    /// Complex to real, backward: `n/2 + 1` complex points (Hermitian) give `n` real ones.
    RealBackward,
}

/// Whether `dt` is transformed in single precision (NumPy 2: float32 stays float32).
pub fn is_single(dt: DType) -> bool {
    match dt.kind {
        'c' => dt.itemsize <= 8,
        'f' => dt.itemsize <= 4,
        _ => false,
    }
}

/// The result dtype of `kind` for an input of dtype `dt`.
///
/// # Errors
/// `TypeError` for dtypes that are not numbers.
pub fn result_dtype(dt: DType, kind: Kind) -> Result<DType> {
    if !(dt.is_bool() || dt.is_integer() || dt.is_inexact()) {
        return Err(Error::type_(format!(
            "ufunc 'fft' not supported for the input types: dtype('{}')",
            dt.name
        )));
    }
    let single = is_single(dt);
    Ok(match (kind, single) {
        // NumPy allocates irfft's output as `result_type(a.real.dtype, 1.0)`: float16 stays.
        (Kind::RealBackward, true) if dt.kind == 'f' && dt.itemsize == 2 => {
            Builtin::Float16.dtype()
        }
        (Kind::RealBackward, true) => Builtin::Float32.dtype(),
        (Kind::RealBackward, false) => Builtin::Float64.dtype(),
        (_, true) => Builtin::Complex64.dtype(),
        (_, false) => Builtin::Complex128.dtype(),
    })
}

/// Byte offsets of the first element of every line along `axis`, in C order of the other
/// axes.
fn line_offsets(shape: &[usize], strides: &[isize], axis: usize) -> Vec<isize> {
    let other: Vec<(usize, isize)> = shape
        .iter()
        .zip(strides)
        .enumerate()
        .filter(|(k, _)| *k != axis)
        .map(|(_, (&n, &s))| (n, s))
        .collect();
    let count: usize = other.iter().map(|p| p.0).product();
    let mut out = Vec::with_capacity(count);
    if count == 0 {
        return out;
    }
    let mut idx = vec![0usize; other.len()];
    let mut off = 0isize;
    loop {
        out.push(off);
        let mut d = other.len();
        loop {
            if d == 0 {
                return out;
            }
            d -= 1;
            idx[d] += 1;
            off += other[d].1;
            if idx[d] < other[d].0 {
                break;
            }
            off -= other[d].1 * other[d].0 as isize;
            idx[d] = 0;
        }
    }
}

/// Per-precision plan caches.
struct Planners<T: FftNum> {
    complex: Mutex<FftPlanner<T>>,
    real: Mutex<RealFftPlanner<T>>,
}

impl<T: FftNum> Planners<T> {
    fn new() -> Self {
        Planners {
            complex: Mutex::new(FftPlanner::new()),
            real: Mutex::new(RealFftPlanner::new()),
        }
    }
}

trait HasPlanners: FftNum {
    fn planners() -> &'static Planners<Self>;
}
impl HasPlanners for f32 {
    fn planners() -> &'static Planners<f32> {
        static P: OnceLock<Planners<f32>> = OnceLock::new();
        P.get_or_init(Planners::new)
    }
}
impl HasPlanners for f64 {
    fn planners() -> &'static Planners<f64> {
        static P: OnceLock<Planners<f64>> = OnceLock::new();
        P.get_or_init(Planners::new)
    }
}

fn c2c_plan<T: HasPlanners>(n: usize, forward: bool) -> Arc<dyn Fft<T>> {
    let mut p = T::planners()
        .complex
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if forward {
        p.plan_fft_forward(n)
    } else {
        p.plan_fft_inverse(n)
    }
}

fn r2c_plan<T: HasPlanners>(n: usize) -> Arc<dyn RealToComplex<T>> {
    T::planners()
        .real
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .plan_fft_forward(n)
}

fn c2r_plan<T: HasPlanners>(n: usize) -> Arc<dyn ComplexToReal<T>> {
    T::planners()
        .real
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .plan_fft_inverse(n)
}

/// One line's geometry: input and output lengths and element strides.
#[derive(Clone, Copy)]
struct Lines {
    n_in: usize,
    s_in: isize,
    n_out: usize,
    s_out: isize,
}

/// Raw pointers that may cross to worker threads.
#[derive(Clone, Copy)]
struct SendPtr(*mut u8);
// SAFETY: the pointers address arrays that outlive the parallel section; workers write
// disjoint output lines and only read the input.
unsafe impl Send for SendPtr {}
unsafe impl Sync for SendPtr {}

/// Run `work(group_index, scratch)` over all groups, in parallel when the execution
/// policy says it pays (`exec::for_each_part_init`: oxarray's pool, `num_threads()`).
fn for_groups<S>(
    count: usize,
    elements: usize,
    make: impl Fn() -> S + Sync,
    work: impl Fn(usize, &mut S) + Sync,
) {
    // A transform reads and writes every element about log2(n) times in complex128:
    // counted as 64 bytes of work per element.
    let _ = crate::exec::for_each_part_init(count, elements.saturating_mul(64), make, |s, i| {
        work(i, s);
        Ok(())
    });
}

/// Up to this many elements of lines are gathered together: lines along a strided axis
/// are read and written a row of neighbouring lines at a time (cache lines used whole).
const GROUP_ELEMENTS: usize = 1 << 15;
/// At most this many lines per group.
const GROUP_LINES: usize = 16;

/// Copy `m` elements of each of `g` lines into `buf` (line `j` at `buf[j*len..]`).
///
/// # Safety
/// `base + offs[j]` plus `k * stride` (elements of `E`) must be readable for `j < g`,
/// `k < m`.
#[inline]
unsafe fn gather<E: Copy>(
    buf: &mut [E],
    len: usize,
    base: *const u8,
    offs: &[isize],
    stride: isize,
    m: usize,
) {
    if stride == 1 || offs.len() == 1 {
        for (j, &o) in offs.iter().enumerate() {
            // SAFETY: caller's contract.
            let p = unsafe { base.offset(o) } as *const E;
            for k in 0..m {
                buf[j * len + k] = unsafe { *p.offset(k as isize * stride) };
            }
        }
    } else {
        for k in 0..m {
            for (j, &o) in offs.iter().enumerate() {
                // SAFETY: caller's contract.
                buf[j * len + k] =
                    unsafe { *(base.offset(o) as *const E).offset(k as isize * stride) };
            }
        }
    }
}

/// Write `m` elements of each of `g` lines from `buf`, multiplied by `fct` when `scale`.
///
/// # Safety
/// `base + offs[j]` plus `k * stride` (elements of `E`) must be writable for `j < g`,
/// `k < m`, and not written by anyone else meanwhile.
#[inline]
unsafe fn scatter<E: Copy + std::ops::Mul<T, Output = E>, T: Copy>(
    buf: &[E],
    len: usize,
    base: *mut u8,
    offs: &[isize],
    stride: isize,
    m: usize,
    scale: Option<T>,
) {
    let f = |v: E| match scale {
        Some(t) => v * t,
        None => v,
    };
    if stride == 1 || offs.len() == 1 {
        for (j, &o) in offs.iter().enumerate() {
            // SAFETY: caller's contract.
            let p = unsafe { base.offset(o) } as *mut E;
            for k in 0..m {
                unsafe { *p.offset(k as isize * stride) = f(buf[j * len + k]) };
            }
        }
    } else {
        for k in 0..m {
            for (j, &o) in offs.iter().enumerate() {
                // SAFETY: caller's contract.
                unsafe {
                    *(base.offset(o) as *mut E).offset(k as isize * stride) = f(buf[j * len + k])
                };
            }
        }
    }
}

struct Scratch<T> {
    buf: Vec<Complex<T>>,
    rbuf: Vec<T>,
    scratch: Vec<Complex<T>>,
}

/// The transform on working-dtype arrays: `src` (complex `T`, or real `T` for
/// `RealForward`), `dst` (C-contiguous or any strides, complex or real `T`).
///
/// # Safety
/// `src` and `dst` must be native, aligned arrays of the working dtypes for `kind` and `T`,
/// with equal shapes except along `axis` (`dst` has the output length there), and must not
/// overlap; `dst` must be writable.
unsafe fn run<T: HasPlanners>(
    kind: Kind,
    src: &Array,
    dst: &Array,
    axis: usize,
    n: usize,
    fct: f64,
) {
    let fct_t = T::from_f64(fct).unwrap_or_else(T::one);
    let scale = if fct != 1.0 { Some(fct_t) } else { None };
    let (es_in, es_out) = (src.itemsize() as isize, dst.itemsize() as isize);
    let geo = Lines {
        n_in: src.shape()[axis],
        s_in: src.strides()[axis] / es_in,
        n_out: dst.shape()[axis],
        s_out: dst.strides()[axis] / es_out,
    };
    let offs_in = line_offsets(src.shape(), src.strides(), axis);
    let offs_out = line_offsets(dst.shape(), dst.strides(), axis);
    let count = offs_out.len();
    let len = n.max(geo.n_in).max(geo.n_out);
    let g = (GROUP_ELEMENTS / len).clamp(1, GROUP_LINES);
    let groups = count.div_ceil(g);
    let base_in = SendPtr(src.data_ptr());
    let base_out = SendPtr(dst.data_ptr());
    let elements = count * len;
    let zero = Complex::new(T::zero(), T::zero());
    let lines = |i: usize| (i * g, ((i + 1) * g).min(count));
    match kind {
        Kind::Forward | Kind::Backward => {
            let plan = c2c_plan::<T>(n, kind == Kind::Forward);
            let make = || Scratch {
                buf: vec![zero; n * g],
                rbuf: Vec::new(),
                scratch: vec![zero; plan.get_inplace_scratch_len()],
            };
            let work = |i: usize, s: &mut Scratch<T>| {
                let (bi, bo) = (base_in, base_out);
                let (l0, l1) = lines(i);
                let m = geo.n_in.min(n);
                let buf = &mut s.buf[..n * (l1 - l0)];
                if m < n {
                    buf.fill(zero);
                }
                // SAFETY: line `l` of `src` has `n_in` elements at stride `s_in` from its
                // offset, and of `dst` `n_out` at `s_out` (caller's contract); lines of `dst`
                // are disjoint, so workers never write the same element.
                unsafe {
                    gather(buf, n, bi.0, &offs_in[l0..l1], geo.s_in, m);
                    plan.process_with_scratch(buf, &mut s.scratch);
                    scatter(buf, n, bo.0, &offs_out[l0..l1], geo.s_out, geo.n_out, scale);
                }
            };
            for_groups(groups, elements, make, work);
        }
        Kind::RealForward => {
            let plan = r2c_plan::<T>(n);
            let half = n / 2 + 1;
            let make = || Scratch {
                buf: vec![zero; half * g],
                rbuf: vec![T::zero(); n * g],
                scratch: plan.make_scratch_vec(),
            };
            let work = |i: usize, s: &mut Scratch<T>| {
                let (bi, bo) = (base_in, base_out);
                let (l0, l1) = lines(i);
                let m = geo.n_in.min(n);
                let rbuf = &mut s.rbuf[..n * (l1 - l0)];
                if m < n {
                    rbuf.fill(T::zero());
                }
                // SAFETY: as for the complex case; the input is real `T`.
                unsafe {
                    gather(rbuf, n, bi.0, &offs_in[l0..l1], geo.s_in, m);
                    for j in 0..l1 - l0 {
                        // Lengths match the plan by construction; it cannot fail.
                        let _ = plan.process_with_scratch(
                            &mut rbuf[j * n..(j + 1) * n],
                            &mut s.buf[j * half..(j + 1) * half],
                            &mut s.scratch,
                        );
                    }
                    scatter(
                        &s.buf,
                        half,
                        bo.0,
                        &offs_out[l0..l1],
                        geo.s_out,
                        geo.n_out,
                        scale,
                    );
                }
            };
            for_groups(groups, elements, make, work);
        }
        Kind::RealBackward => {
            let plan = c2r_plan::<T>(n);
            let half = n / 2 + 1;
            let make = || Scratch {
                buf: vec![zero; half * g],
                rbuf: vec![T::zero(); n * g],
                scratch: plan.make_scratch_vec(),
            };
            let work = |i: usize, s: &mut Scratch<T>| {
                let (bi, bo) = (base_in, base_out);
                let (l0, l1) = lines(i);
                let m = geo.n_in.min(half);
                let buf = &mut s.buf[..half * (l1 - l0)];
                if m < half {
                    buf.fill(zero);
                }
                // SAFETY: as for the complex case; the output is real `T`.
                unsafe {
                    gather(buf, half, bi.0, &offs_in[l0..l1], geo.s_in, m);
                    for j in 0..l1 - l0 {
                        let line = &mut buf[j * half..(j + 1) * half];
                        // pocketfft ignores the imaginary parts of the terms that must be
                        // real (first, and last for even n); realfft would reject them.
                        line[0].im = T::zero();
                        if n % 2 == 0 {
                            line[half - 1].im = T::zero();
                        }
                        let _ = plan.process_with_scratch(
                            line,
                            &mut s.rbuf[j * n..(j + 1) * n],
                            &mut s.scratch,
                        );
                    }
                    scatter(
                        &s.rbuf,
                        n,
                        bo.0,
                        &offs_out[l0..l1],
                        geo.s_out,
                        geo.n_out,
                        scale,
                    );
                }
            };
            for_groups(groups, elements, make, work);
        }
    }
}

/// Transform `a` along `axis` with `n` points (the input is truncated or zero-padded to
/// `n`; for `RealBackward` to `n/2 + 1` complex points), multiplying by `fct`.
///
/// With `out`, the result is written there (cast with `same_kind` if its dtype differs)
/// and `out` is returned.
///
/// # Errors
/// `ValueError` for `n < 1`, an axis out of range or an `out` of the wrong shape;
/// `TypeError` for non-numeric input or an `out` dtype the result cannot be cast to.
pub fn transform(
    a: &Array,
    kind: Kind,
    n: usize,
    axis: usize,
    fct: f64,
    out: Option<&Array>,
) -> Result<Array> {
    if n < 1 {
        return Err(Error::value(format!(
            "Invalid number of FFT data points ({n}) specified."
        )));
    }
    if axis >= a.ndim() {
        return Err(Error::axis(axis as isize, a.ndim()));
    }
    let res_dt = result_dtype(a.dtype(), kind)?;
    // A double-precision `out` makes NumPy pick the double loop.
    let single = is_single(a.dtype())
        && out.is_none_or(|o| !matches!(o.dtype().kind, 'f' | 'c') || is_single(o.dtype()));
    let work_in_dt = match (kind, single) {
        (Kind::RealForward, true) => Builtin::Float32.dtype(),
        (Kind::RealForward, false) => Builtin::Float64.dtype(),
        (_, true) => Builtin::Complex64.dtype(),
        (_, false) => Builtin::Complex128.dtype(),
    };
    let n_out = if kind == Kind::RealForward {
        n / 2 + 1
    } else {
        n
    };
    let mut shape = a.shape().to_vec();
    shape[axis] = n_out;
    if let Some(o) = out {
        o.check_writeable()?;
        if o.shape() != shape.as_slice() {
            return Err(Error::value(format!(
                "output array has wrong shape: {} (expected {})",
                layout::fmt_shape(o.shape()),
                layout::fmt_shape(&shape)
            )));
        }
        if !can_cast(res_dt, o.dtype(), Casting::SameKind) {
            return Err(Error::type_(format!(
                "Cannot cast ufunc 'fft' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
                res_dt.name,
                o.dtype().name
            )));
        }
    }
    let usable = |x: &Array, dt: DType| x.dtype() == dt && x.dtype().is_native() && x.is_aligned();
    let src = if usable(a, work_in_dt) && a.strides().iter().all(|s| s % a.itemsize() as isize == 0)
    {
        a.clone()
    } else {
        copy_as(a, work_in_dt, Order::C)?
    };
    let direct = out.filter(|o| {
        usable(o, res_dt)
            && !o.may_share_memory(&src)
            && o.strides().iter().all(|s| s % o.itemsize() as isize == 0)
    });
    let work_out_dt = match (kind, single) {
        (Kind::RealBackward, true) => Builtin::Float32.dtype(),
        (Kind::RealBackward, false) => Builtin::Float64.dtype(),
        (_, true) => Builtin::Complex64.dtype(),
        (_, false) => Builtin::Complex128.dtype(),
    };
    let direct = direct.filter(|_| work_out_dt == res_dt);
    let dst = match direct {
        Some(o) => o.clone(),
        // SAFETY: `run` writes every element of every output line below (or the array has
        // no elements).
        None => unsafe { Array::uninit(&shape, work_out_dt, Order::C)? },
    };
    if dst.size() > 0 {
        // SAFETY: `src` and `dst` are native, aligned, of the working dtypes, shaped as
        // `run` requires, do not overlap (`dst` is fresh or checked), and `dst` is writable.
        unsafe {
            if single {
                run::<f32>(kind, &src, &dst, axis, n, fct);
            } else {
                run::<f64>(kind, &src, &dst, axis, n, fct);
            }
        }
    }
    match out {
        Some(o) if direct.is_none() => {
            copy_into(o, &dst)?;
            Ok(o.clone())
        }
        Some(_) => Ok(dst),
        None if work_out_dt != res_dt => copy_as(&dst, res_dt, Order::C),
        None => Ok(dst),
    }
}

/// A view of `a` restricted to `start..start + len` along `axis`.
fn slice_axis(a: &Array, axis: usize, start: usize, len: usize) -> Array {
    let mut shape = crate::Shape::from_slice(a.shape());
    shape[axis] = len;
    let delta = if len == 0 {
        0
    } else {
        start as isize * a.strides()[axis]
    };
    // SAFETY: `start + len <= a.shape()[axis]` (callers), so every index of the new layout
    // is an index of `a` (invariant 1 carries over).
    unsafe { a.view_unchecked(delta, shape, crate::Strides::from_slice(a.strides())) }
}

/// NumPy's `roll(a, shifts, axes)` as a new C-ordered array (used by `fftshift`):
/// shifts on the same axis add up.
///
/// # Errors
/// `AxisError` for an axis out of range, `ValueError` when `shifts` and `axes` differ in
/// length.
pub fn roll(a: &Array, shifts: &[isize], axes: &[isize]) -> Result<Array> {
    if shifts.len() != axes.len() {
        return Err(Error::value(
            "'shift' and 'axis' should be scalars or 1D sequences",
        ));
    }
    let nd = a.ndim();
    let mut total = vec![0isize; nd];
    for (&s, &ax) in shifts.iter().zip(axes) {
        total[crate::error::normalize_axis(ax, nd)?] += s;
    }
    let out = crate::iter::alloc_like(a, a.shape(), a.dtype(), Order::C)?;
    if a.size() == 0 {
        return Ok(out);
    }
    // Per axis: (source start, destination start, length) pieces.
    let pieces: Vec<Vec<(usize, usize, usize)>> = (0..nd)
        .map(|d| {
            let n = a.shape()[d];
            let k = total[d].rem_euclid(n as isize) as usize;
            if k == 0 {
                vec![(0, 0, n)]
            } else {
                vec![(0, k, n - k), (n - k, 0, k)]
            }
        })
        .collect();
    let mut idx = vec![0usize; nd];
    loop {
        let mut src = a.clone();
        let mut dst = out.clone();
        for d in 0..nd {
            let (s0, d0, len) = pieces[d][idx[d]];
            src = slice_axis(&src, d, s0, len);
            dst = slice_axis(&dst, d, d0, len);
        }
        copy_into(&dst, &src)?;
        let mut d = nd;
        loop {
            if d == 0 {
                return Ok(out);
            }
            d -= 1;
            idx[d] += 1;
            if idx[d] < pieces[d].len() {
                break;
            }
            idx[d] = 0;
        }
    }
}

/// The integer frequencies of `fftfreq(n)` (`[0, 1, ..., -(n//2)... -1]`) or, with `real`,
/// of `rfftfreq(n)` (`[0, ..., n//2]`), as int64.
///
/// # Errors
/// `MemoryError` when the array cannot be allocated.
pub fn freq_ints(n: usize, real: bool) -> Result<Array> {
    let len = if real { n / 2 + 1 } else { n };
    let out = Array::zeros(&[len], Builtin::Int64.dtype(), Order::C)?;
    let p = out.data_ptr() as *mut i64;
    let half = (n.saturating_sub(1)) / 2 + 1;
    for i in 0..len {
        let v = if real || i < half {
            i as i64
        } else {
            i as i64 - n as i64
        };
        // SAFETY: `out` is a fresh C-contiguous int64 array of `len` elements.
        unsafe { *p.add(i) = v };
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_c_order() {
        let o = line_offsets(&[2, 3, 4], &[96, 32, 8], 1);
        assert_eq!(o, vec![0, 8, 16, 24, 96, 104, 112, 120]);
    }

    #[test]
    fn impulse_gives_ones() {
        let a = Array::zeros(&[5], Builtin::Complex128.dtype(), Order::C).unwrap();
        a.set(&[0], &crate::Scalar::Complex(Complex::new(1.0, 0.0)))
            .unwrap();
        let r = transform(&a, Kind::Forward, 5, 0, 1.0, None).unwrap();
        for k in 0..5 {
            assert_eq!(r.get(&[k]), crate::Scalar::Complex(Complex::new(1.0, 0.0)));
        }
    }
}
