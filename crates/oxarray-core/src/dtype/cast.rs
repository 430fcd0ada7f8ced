//! Cast kernels: converting runs of elements from one dtype to another.
//!
//! A [`CastFn`] converts `n` native-order elements between two strided runs. Built-in pairs
//! come from a monomorphised 14 x 14 table; pairs involving a registered dtype come from the
//! [`registry`](super::registry). Byte order is handled by the caller (the copy driver in
//! `iter`), which swaps into small native buffers first: kernels never see swapped data.

use std::cell::Cell;

use super::{element, registry, Builtin, DType, Element};
pub use crate::ufunc::loops::fpe;

thread_local! {
    /// Floating-point flags raised by casts on this thread since the last
    /// [`take_cast_flags`] (bits of [`fpe`]).
    static CAST_FLAGS: Cell<u8> = const { Cell::new(0) };
}

/// Record `bits` (of [`fpe`]) for the current thread. Called by the element conversions on
/// their rare paths: a float out of an integer's range or NaN (`INVALID`, where NumPy's
/// hardware conversion raises it), a finite value that becomes infinite in a narrower float
/// (`OVERFLOW`).
#[cold]
#[inline(never)]
pub fn raise_cast_flags(bits: u8) {
    CAST_FLAGS.with(|f| f.set(f.get() | bits));
}

/// The flags casts raised on this thread since the last call, clearing them. Callers that
/// report NumPy's "invalid value encountered in cast" warnings call it once before a cast
/// (to drop stale flags) and once after.
pub fn take_cast_flags() -> u8 {
    CAST_FLAGS.with(|f| f.replace(0))
}

thread_local! {
    /// The first error raised by a cast kernel on this thread since the last
    /// [`take_cast_error`]: kernels are plain functions with no result, so one that calls
    /// user code (an object's `__float__`, a cast written in Python) reports failure here,
    /// stops converting, and the driver turns it into the call's error.
    static CAST_ERROR: std::cell::RefCell<Option<crate::error::Error>> =
        const { std::cell::RefCell::new(None) };
}

/// Record that a cast kernel failed (the first error on this thread wins).
pub fn set_cast_error(e: crate::error::Error) {
    CAST_ERROR.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = Some(e);
        }
    });
}

/// Take the error recorded by [`set_cast_error`], if any.
pub fn take_cast_error() -> Option<crate::error::Error> {
    CAST_ERROR.with(|c| c.borrow_mut().take())
}

/// True when a cast kernel on this thread failed and its error was not taken yet.
pub fn cast_failed() -> bool {
    CAST_ERROR.with(|c| c.borrow().is_some())
}

/// Convert `n` elements from `src` (stride `ss` bytes) to `dst` (stride `ds` bytes).
///
/// # Safety
/// For every `i < n`, `src + i*ss` must point to a readable source element and `dst + i*ds`
/// to a writable destination element, both in native byte order, any alignment. The runs
/// may not overlap.
pub type CastFn = unsafe fn(src: *const u8, ss: isize, dst: *mut u8, ds: isize, n: usize);

/// The kernel for built-in `S` to `D`.
///
/// # Safety
/// See [`CastFn`].
#[inline(always)]
unsafe fn cast_loop<S: Element, D: Element>(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
) {
    let (s_size, d_size) = (size_of::<S>() as isize, size_of::<D>() as isize);
    if ss == s_size && ds == d_size {
        // Contiguous: a plain indexed loop the compiler vectorises (the flags are an OR
        // reduction in the same pass, so the data is read once).
        let (src, dst) = (src as *const S, dst as *mut D);
        let mut flags = 0u8;
        for i in 0..n {
            // SAFETY: `i < n` elements are in range per the contract of `CastFn`.
            unsafe {
                let v = S::load_unaligned(src.add(i) as *const u8);
                let d = D::from_src(v);
                if element::may_raise::<S, D>() {
                    flags |= D::cast_flags(v, d);
                }
                dst.add(i).write_unaligned(d);
            }
        }
        if flags != 0 {
            raise_cast_flags(flags);
        }
    } else {
        let mut flags = 0u8;
        for i in 0..n as isize {
            // SAFETY: as above, with byte strides.
            unsafe {
                let v = S::load_unaligned(src.offset(i * ss));
                let d = D::from_src(v);
                if element::may_raise::<S, D>() {
                    flags |= D::cast_flags(v, d);
                }
                (dst.offset(i * ds) as *mut D).write_unaligned(d);
            }
        }
        if flags != 0 {
            raise_cast_flags(flags);
        }
    }
}

/// [`cast_loop`] compiled for the baseline CPU.
///
/// # Safety
/// See [`CastFn`].
unsafe fn cast_baseline<S: Element, D: Element>(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
) {
    // SAFETY: forwarded.
    unsafe { cast_loop::<S, D>(src, ss, dst, ds, n) }
}

/// [`cast_loop`] compiled with AVX2 (chosen at run time when the CPU has it): the
/// conversions vectorise 4 or 8 wide instead of 2.
///
/// # Safety
/// See [`CastFn`]; the CPU must support AVX2 (checked by [`builtin_cast`]).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn cast_avx2<S: Element, D: Element>(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
) {
    // SAFETY: forwarded.
    unsafe { cast_loop::<S, D>(src, ss, dst, ds, n) }
}

fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        crate::kernels::simd::has_avx2()
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// [`cast_loop`] compiled for the AVX-512 level (8 or 16 wide).
///
/// # Safety
/// See [`CastFn`]; the CPU must support the AVX-512 level (checked by [`builtin_cast`]).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")]
unsafe fn cast_avx512<S: Element, D: Element>(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
) {
    // SAFETY: forwarded.
    unsafe { cast_loop::<S, D>(src, ss, dst, ds, n) }
}

/// float64 -> float32 at the AVX2 level: the explicit kernel (`kernels::cast`) for
/// contiguous runs, the generic AVX2 loop otherwise.
///
/// # Safety
/// See [`CastFn`]; the CPU must support AVX2 (checked by [`builtin_cast`]).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn cast_f64_f32_avx2(src: *const u8, ss: isize, dst: *mut u8, ds: isize, n: usize) {
    // SAFETY: forwarded (contiguous runs of `n` elements for the explicit kernel).
    unsafe {
        if ss == 8 && ds == 4 {
            let f = crate::kernels::cast::f64_to_f32(src as *const f64, dst as *mut f32, n);
            if f != 0 {
                raise_cast_flags(f);
            }
        } else {
            cast_loop::<f64, f32>(src, ss, dst, ds, n)
        }
    }
}

/// float64 -> int32 at the AVX2 level (as [`cast_f64_f32_avx2`]).
///
/// # Safety
/// See [`CastFn`]; the CPU must support AVX2 (checked by [`builtin_cast`]).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn cast_f64_i32_avx2(src: *const u8, ss: isize, dst: *mut u8, ds: isize, n: usize) {
    // SAFETY: as above.
    unsafe {
        if ss == 8 && ds == 4 {
            let f = crate::kernels::cast::f64_to_i32(src as *const f64, dst as *mut i32, n);
            if f != 0 {
                raise_cast_flags(f);
            }
        } else {
            cast_loop::<f64, i32>(src, ss, dst, ds, n)
        }
    }
}

/// The cast kernel between two built-ins (the AVX-512 or AVX2 build when the CPU has it).
pub fn builtin_cast(from: Builtin, to: Builtin) -> CastFn {
    #[cfg(target_arch = "x86_64")]
    if crate::kernels::simd::level() == crate::kernels::simd::Level::Avx512 {
        return crate::with_element_type!(from, S => crate::with_element_type!(to, D => cast_avx512::<S, D> as CastFn));
    }
    #[cfg(target_arch = "x86_64")]
    if has_avx2() {
        match (from, to) {
            (Builtin::Float64, Builtin::Float32) => return cast_f64_f32_avx2,
            (Builtin::Float64, Builtin::Int32) => return cast_f64_i32_avx2,
            _ => {}
        }
        return crate::with_element_type!(from, S => crate::with_element_type!(to, D => cast_avx2::<S, D> as CastFn));
    }
    crate::with_element_type!(from, S => crate::with_element_type!(to, D => cast_baseline::<S, D> as CastFn))
}

/// The plain cast kernel between two dtypes (their native forms), or `None` when no cast is
/// known or the registered one is a [`CastKernel`] (see [`find_cast`]).
pub fn get_cast(from: DType, to: DType) -> Option<CastFn> {
    match (from.builtin, to.builtin) {
        (Some(a), Some(b)) => Some(builtin_cast(a, b)),
        _ => registry::lookup_cast(from, to)
            .filter(|c| c.kernel.is_none())
            .map(|c| c.func),
    }
}

/// A cast that carries its own data and can fail: the form of casts written outside the
/// core (a Python callable, a C function with a `void *data`), registered with
/// [`registry::register_cast_kernel`].
///
/// Drivers run it on the calling thread only (it may need the Python interpreter), in runs
/// of at most a few thousand items, and write its output to a scratch buffer first, so
/// that a failing kernel leaves no partly converted destination behind.
pub trait CastKernel: Send + Sync {
    /// Convert `n` elements, as a [`CastFn`] does.
    ///
    /// # Safety
    /// The [`CastFn`] contract.
    ///
    /// # Errors
    /// Whatever the kernel reports (e.g. a foreign error carrying a Python exception).
    unsafe fn run(
        &self,
        src: *const u8,
        ss: isize,
        dst: *mut u8,
        ds: isize,
        n: usize,
    ) -> crate::error::Result<()>;
}

/// A cast between two dtypes: a plain kernel, or one that carries data and can fail.
#[derive(Clone, Copy)]
pub enum Cast {
    /// A [`CastFn`] (built-in and Rust-registered casts).
    Plain(CastFn),
    /// A [`CastKernel`] (casts registered from outside the core).
    Kernel(&'static dyn CastKernel),
}

impl Cast {
    /// Convert `n` elements.
    ///
    /// # Safety
    /// The [`CastFn`] contract.
    ///
    /// # Errors
    /// A kernel's error.
    pub unsafe fn run(
        self,
        src: *const u8,
        ss: isize,
        dst: *mut u8,
        ds: isize,
        n: usize,
    ) -> crate::error::Result<()> {
        match self {
            // SAFETY: forwarded.
            Cast::Plain(f) => unsafe { f(src, ss, dst, ds, n) },
            // SAFETY: forwarded.
            Cast::Kernel(k) => return unsafe { k.run(src, ss, dst, ds, n) },
        }
        Ok(())
    }

    /// True for a [`CastKernel`] (a cast that may need the interpreter and can fail).
    pub fn is_kernel(self) -> bool {
        matches!(self, Cast::Kernel(_))
    }
}

/// The cast between two dtypes (their native forms) in either form, or `None` when no
/// cast is known.
pub fn find_cast(from: DType, to: DType) -> Option<Cast> {
    match (from.builtin, to.builtin) {
        (Some(a), Some(b)) => Some(Cast::Plain(builtin_cast(a, b))),
        _ => registry::lookup_cast(from, to).map(|c| match c.kernel {
            Some(k) => Cast::Kernel(k),
            None => Cast::Plain(c.func),
        }),
    }
}

/// The [`CastKernel`] registered for `from -> to`, if the cast between them is one.
pub fn kernel_cast(from: DType, to: DType) -> Option<&'static dyn CastKernel> {
    if from.builtin.is_some() && to.builtin.is_some() {
        return None;
    }
    registry::lookup_cast(from, to).and_then(|c| c.kernel)
}

/// Reverse the bytes of every `unit`-sized group in `buf`.
pub fn swap_in_place(buf: &mut [u8], unit: usize) {
    if unit > 1 {
        for chunk in buf.chunks_exact_mut(unit) {
            chunk.reverse();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strided_int_to_float() {
        let src: [i32; 4] = [1, -2, 3, -4];
        let mut dst = [0f64; 2];
        let f = builtin_cast(Builtin::Int32, Builtin::Float64);
        unsafe {
            f(
                src.as_ptr() as *const u8,
                8,
                dst.as_mut_ptr() as *mut u8,
                8,
                2,
            )
        };
        assert_eq!(dst, [1.0, 3.0]);
    }

    #[test]
    fn flags_for_invalid_and_overflow() {
        take_cast_flags();
        let src = [1.0f64, f64::NAN, 1e300];
        let mut ints = [0i32; 3];
        let f = builtin_cast(Builtin::Float64, Builtin::Int32);
        unsafe {
            f(
                src.as_ptr() as *const u8,
                8,
                ints.as_mut_ptr() as *mut u8,
                4,
                2,
            )
        };
        assert_eq!(take_cast_flags(), fpe::INVALID);
        let mut floats = [0f32; 3];
        let g = builtin_cast(Builtin::Float64, Builtin::Float32);
        unsafe {
            g(
                src.as_ptr() as *const u8,
                8,
                floats.as_mut_ptr() as *mut u8,
                4,
                2,
            )
        };
        assert_eq!(take_cast_flags(), 0, "NaN stays NaN quietly");
        unsafe {
            g(
                src.as_ptr() as *const u8,
                8,
                floats.as_mut_ptr() as *mut u8,
                4,
                3,
            )
        };
        assert_eq!(take_cast_flags(), fpe::OVERFLOW);
    }
}
