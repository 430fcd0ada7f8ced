//! Cast kernels between the machine-learning floats and every built-in dtype, with
//! `ml_dtypes`' semantics (see `format` for the rounding):
//!
//! * built-in `S` to a format: the value rounded once (through `f32` rounded to odd);
//!   complex sources lose the imaginary part (the caller warns, as for any complex to
//!   real cast); an `f64`/`complex128` value beyond `f32`'s range raises the overflow
//!   flag, as `ml_dtypes`' hardware `f64 -> f32` step does.
//! * a format to built-in `D`: the exact `f32` value converted as C converts, except to
//!   integers, where `ml_dtypes` 0.7 gives 0 for NaN, infinities and values whose
//!   truncation is out of `D`'s range (raising the invalid flag) instead of the hardware's
//!   wrapped or "integer indefinite" value.
//! * between formats: through `f32` (exact), then rounded.
//!
//! Contiguous runs go through small `f32` buffers in simple loops the compiler
//! vectorises; `bfloat16 <-> f32` is a shift and a rounding add.

use super::format::{f64_to_f32_odd, i64_to_f64_odd, is_snan, u64_to_f64_odd, MlFormat};
use super::loops::{widen, BLOCK};
use crate::dtype::cast::{fpe, raise_cast_flags};
use crate::dtype::{Builtin, Element};

/// The value of a built-in element as `f32` rounded to odd (exact where it fits), and
/// whether it overflowed `f32`.
#[inline(always)]
pub(crate) fn src_to_f32_odd<S: Element>(v: S) -> (f32, bool) {
    use Builtin as B;
    match S::BUILTIN {
        B::Bool | B::Int8 | B::Int16 | B::UInt8 | B::UInt16 | B::Float16 | B::Float32 => {
            (v.re_f32(), false)
        }
        B::Complex64 => (v.re_f32(), false),
        B::Int64 => f64_to_f32_odd(i64_to_f64_odd(v.as_i128().unwrap_or(0) as i64)),
        B::UInt64 => f64_to_f32_odd(u64_to_f64_odd(v.as_i128().unwrap_or(0) as u64)),
        // int32, uint32 (exact in f64), float64, complex128.
        _ => f64_to_f32_odd(v.re_f64()),
    }
}

/// The half-open range of `f64` values whose truncation fits integer type `D`.
#[inline(always)]
const fn int_range(b: Builtin) -> (f64, f64) {
    use Builtin as B;
    match b {
        B::Int8 => (-128.0, 128.0),
        B::Int16 => (-32768.0, 32768.0),
        B::Int32 => (-2147483648.0, 2147483648.0),
        B::Int64 => (-9223372036854775808.0, 9223372036854775808.0),
        B::UInt8 => (0.0, 256.0),
        B::UInt16 => (0.0, 65536.0),
        B::UInt32 => (0.0, 4294967296.0),
        B::UInt64 => (0.0, 18446744073709551616.0),
        _ => (f64::NEG_INFINITY, f64::INFINITY),
    }
}

/// An exact `f32` value as built-in `D`, as `ml_dtypes` converts it; the flag is the
/// invalid flag for an integer out of range.
#[inline(always)]
pub(crate) fn f32_to_dst<D: Element>(f: f32) -> (D, bool) {
    match D::BUILTIN {
        Builtin::Int8
        | Builtin::Int16
        | Builtin::Int32
        | Builtin::Int64
        | Builtin::UInt8
        | Builtin::UInt16
        | Builtin::UInt32
        | Builtin::UInt64 => {
            let t = f.trunc() as f64;
            let (lo, hi) = int_range(D::BUILTIN);
            let ok = t >= lo && t < hi;
            (D::from_src(if ok { t } else { 0.0 }), !ok)
        }
        // Eigen's `half(float)`: every NaN becomes the quiet NaN 0x7e00 with its sign.
        Builtin::Float16 if f.is_nan() => {
            let h = half::f16::from_bits(0x7e00 | ((f.to_bits() >> 16) as u16 & 0x8000));
            (D::from_src(h), false)
        }
        _ => (D::from_src(f), false),
    }
}

/// Built-in `S` to format `T`.
///
/// # Safety
/// The `CastFn` contract: `n` valid elements on both sides, native order.
#[inline(always)]
unsafe fn to_ml_body<S: Element, T: MlFormat>(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
) {
    let mut over = false;
    // `ml_dtypes` raises the invalid flag for a signalling NaN of `f32`/`complex64` into
    // `bfloat16` (see `MlFormat::SNAN_INVALID`).
    let snan_check = T::SNAN_INVALID && matches!(S::BUILTIN, Builtin::Float32 | Builtin::Complex64);
    let mut snan = false;
    let ts = size_of::<T::Bits>() as isize;
    if S::BUILTIN == Builtin::Float32 && ss == 4 && ds == ts {
        // The hot path: plain loop over contiguous f32 (vectorises for bfloat16).
        let (s, d) = (src as *const f32, dst as *mut T::Bits);
        for i in 0..n {
            // SAFETY: `i < n` elements per the contract.
            let f = unsafe { s.add(i).read_unaligned() };
            snan |= is_snan(f);
            // SAFETY: as above.
            unsafe { d.add(i).write_unaligned(T::from_f32(f)) };
        }
    } else {
        for i in 0..n as isize {
            // SAFETY: element i of each run is valid per the contract.
            unsafe {
                let v = S::load_unaligned(src.offset(i * ss));
                let (f, o) = src_to_f32_odd(v);
                over |= o;
                snan |= is_snan(f);
                (dst.offset(i * ds) as *mut T::Bits).write_unaligned(T::from_f32(f));
            }
        }
    }
    if over {
        raise_cast_flags(fpe::OVERFLOW);
    }
    if snan && snan_check {
        raise_cast_flags(fpe::INVALID);
    }
}

/// Format `T` to built-in `D`.
///
/// # Safety
/// As [`to_ml_body`].
#[inline(always)]
unsafe fn from_ml_body<T: MlFormat, D: Element>(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
) {
    let ts = size_of::<T::Bits>() as isize;
    if D::BUILTIN == Builtin::Float32 && ss == ts && ds == 4 {
        let (s, d) = (src as *const T::Bits, dst as *mut f32);
        for i in 0..n {
            // SAFETY: `i < n` elements per the contract.
            unsafe {
                d.add(i)
                    .write_unaligned(T::to_f32(s.add(i).read_unaligned()))
            };
        }
        return;
    }
    let mut invalid = false;
    let mut buf = [0f32; BLOCK];
    let mut i0 = 0usize;
    while i0 < n {
        let m = (n - i0).min(BLOCK);
        // SAFETY: elements `i0..i0 + m` (`m <= BLOCK`) are readable per the contract.
        unsafe { widen::<T>(src, ss, i0, &mut buf, m) };
        for (k, &f) in buf[..m].iter().enumerate() {
            let (v, bad): (D, bool) = f32_to_dst(f);
            // A signalling NaN (only `bfloat16` widens to one) raises the invalid flag
            // where `ml_dtypes` converts with a compare or `cvtss2sd`.
            let snan = matches!(
                D::BUILTIN,
                Builtin::Float64 | Builtin::Complex128 | Builtin::Bool
            ) && is_snan(f);
            invalid |= bad | snan;
            // SAFETY: as above.
            unsafe { (dst.offset((i0 + k) as isize * ds) as *mut D).write_unaligned(v) };
        }
        i0 += m;
    }
    if invalid {
        raise_cast_flags(fpe::INVALID);
    }
}

/// Format `A` to format `B` (through the exact `f32`).
///
/// # Safety
/// As [`to_ml_body`].
#[inline(always)]
unsafe fn ml_to_ml_body<A: MlFormat, B: MlFormat>(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
) {
    for i in 0..n as isize {
        // SAFETY: element i of each run is valid per the contract.
        unsafe {
            let v = (src.offset(i * ss) as *const A::Bits).read_unaligned();
            (dst.offset(i * ds) as *mut B::Bits).write_unaligned(B::from_f32(A::to_f32(v)));
        }
    }
}

macro_rules! multiversion_cast {
    ($name:ident, $name_avx2:ident, $body:ident, <$($g:ident : $b:path),*>) => {
        /// The kernel at the baseline level (see the module docs).
        ///
        /// # Safety
        /// The `CastFn` contract.
        pub(crate) unsafe fn $name<$($g: $b),*>(
            src: *const u8,
            ss: isize,
            dst: *mut u8,
            ds: isize,
            n: usize,
        ) {
            // SAFETY: forwarded.
            unsafe { $body::<$($g),*>(src, ss, dst, ds, n) }
        }

        /// The kernel compiled for AVX2 (chosen when the CPU has it).
        ///
        /// # Safety
        /// The `CastFn` contract; the CPU supports AVX2.
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx2")]
        pub(crate) unsafe fn $name_avx2<$($g: $b),*>(
            src: *const u8,
            ss: isize,
            dst: *mut u8,
            ds: isize,
            n: usize,
        ) {
            // SAFETY: forwarded.
            unsafe { $body::<$($g),*>(src, ss, dst, ds, n) }
        }
    };
}

multiversion_cast!(to_ml, to_ml_avx2, to_ml_body, <S: Element, T: MlFormat>);
multiversion_cast!(from_ml, from_ml_avx2, from_ml_body, <T: MlFormat, D: Element>);
multiversion_cast!(ml_to_ml, ml_to_ml_avx2, ml_to_ml_body, <A: MlFormat, B: MlFormat>);
