//! Numeric traits shared by the kernel families: integer arithmetic with NumPy's edge cases,
//! float functions (forwarded to the platform libm, as NumPy's `npy_*` functions are), and
//! float16 computed through float32 (NumPy's `astype={'e': 'f'}` loops).

use std::marker::PhantomData;

use half::f16;

use super::builders::{BinOp, UnOp};
use crate::ufunc::loops::fpe;

/// Integer element types (not bool).
pub(crate) trait Int:
    crate::dtype::Load + PartialEq + PartialOrd + Default + 'static
{
    const SIGNED: bool;
    const BITS: u32;
    const ZERO: Self;
    const ONE: Self;
    const MIN: Self;
    fn wadd(self, o: Self) -> Self;
    fn wsub(self, o: Self) -> Self;
    fn wmul(self, o: Self) -> Self;
    fn wneg(self) -> Self;
    fn oadd(self, o: Self) -> (Self, bool);
    fn osub(self, o: Self) -> (Self, bool);
    fn omul(self, o: Self) -> (Self, bool);
    /// Truncating division; callers exclude zero and MIN / -1.
    fn tdiv(self, o: Self) -> Self;
    /// Truncating remainder; callers exclude zero; MIN % -1 gives 0.
    fn trem(self, o: Self) -> Self;
    fn is_neg(self) -> bool;
    fn is_minus_one(self) -> bool;
    fn and(self, o: Self) -> Self;
    fn or(self, o: Self) -> Self;
    fn xor(self, o: Self) -> Self;
    fn not(self) -> Self;
    /// Shift count as i64 (for shift ops).
    fn as_i64(self) -> i64;
    fn shl(self, n: u32) -> Self;
    /// Arithmetic (signed) or logical (unsigned) right shift by `n < BITS`.
    fn shr(self, n: u32) -> Self;
    fn popcount_abs(self) -> u8;
    fn to_f64(self) -> f64;
    fn wabs(self) -> Self;
    /// |self| as u64 (exact, also for MIN).
    fn uabs(self) -> u64;
    fn from_u64_wrapping(v: u64) -> Self;
    fn signum(self) -> Self;
}

macro_rules! impl_int {
    ($t:ty, $signed:expr, $u:ty) => {
        impl Int for $t {
            const SIGNED: bool = $signed;
            const BITS: u32 = <$t>::BITS;
            const ZERO: Self = 0;
            const ONE: Self = 1;
            const MIN: Self = <$t>::MIN;
            #[inline(always)]
            fn wadd(self, o: Self) -> Self {
                self.wrapping_add(o)
            }
            #[inline(always)]
            fn wsub(self, o: Self) -> Self {
                self.wrapping_sub(o)
            }
            #[inline(always)]
            fn wmul(self, o: Self) -> Self {
                self.wrapping_mul(o)
            }
            #[inline(always)]
            fn wneg(self) -> Self {
                self.wrapping_neg()
            }
            #[inline(always)]
            fn oadd(self, o: Self) -> (Self, bool) {
                self.overflowing_add(o)
            }
            #[inline(always)]
            fn osub(self, o: Self) -> (Self, bool) {
                self.overflowing_sub(o)
            }
            #[inline(always)]
            fn omul(self, o: Self) -> (Self, bool) {
                self.overflowing_mul(o)
            }
            #[inline(always)]
            fn tdiv(self, o: Self) -> Self {
                self.wrapping_div(o)
            }
            #[inline(always)]
            fn trem(self, o: Self) -> Self {
                self.wrapping_rem(o)
            }
            #[inline(always)]
            #[allow(unused_comparisons)] // unsigned types are never negative
            fn is_neg(self) -> bool {
                self < 0
            }
            #[inline(always)]
            fn is_minus_one(self) -> bool {
                $signed && self == (0 as $t).wrapping_sub(1)
            }
            #[inline(always)]
            fn and(self, o: Self) -> Self {
                self & o
            }
            #[inline(always)]
            fn or(self, o: Self) -> Self {
                self | o
            }
            #[inline(always)]
            fn xor(self, o: Self) -> Self {
                self ^ o
            }
            #[inline(always)]
            fn not(self) -> Self {
                !self
            }
            #[inline(always)]
            fn as_i64(self) -> i64 {
                self as i64
            }
            #[inline(always)]
            fn shl(self, n: u32) -> Self {
                self.wrapping_shl(n)
            }
            #[inline(always)]
            fn shr(self, n: u32) -> Self {
                self.wrapping_shr(n)
            }
            #[inline(always)]
            fn popcount_abs(self) -> u8 {
                self.uabs().count_ones() as u8
            }
            #[inline(always)]
            fn to_f64(self) -> f64 {
                self as f64
            }
            #[inline(always)]
            #[allow(unused_comparisons)]
            fn wabs(self) -> Self {
                if self < 0 {
                    self.wrapping_neg()
                } else {
                    self
                }
            }
            #[inline(always)]
            #[allow(unused_comparisons)]
            fn uabs(self) -> u64 {
                if self < 0 {
                    (self as i64).unsigned_abs()
                } else {
                    self as u64
                }
            }
            #[inline(always)]
            fn from_u64_wrapping(v: u64) -> Self {
                v as $t
            }
            #[inline(always)]
            #[allow(unused_comparisons)]
            fn signum(self) -> Self {
                if self > 0 {
                    1
                } else if self < 0 {
                    (0 as $t).wrapping_sub(1)
                } else {
                    0
                }
            }
        }
    };
}

impl_int!(i8, true, u8);
impl_int!(i16, true, u16);
impl_int!(i32, true, u32);
impl_int!(i64, true, u64);
impl_int!(u8, false, u8);
impl_int!(u16, false, u16);
impl_int!(u32, false, u32);
impl_int!(u64, false, u64);

/// Float element types computed natively (f32, f64).
pub(crate) trait Flt:
    Copy
    + PartialEq
    + PartialOrd
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Mul<Output = Self>
    + std::ops::Div<Output = Self>
    + std::ops::Rem<Output = Self>
    + std::ops::Neg<Output = Self>
    + 'static
{
    const ZERO: Self;
    const ONE: Self;
    const TWO: Self;
    const HALF: Self;
    const NAN: Self;
    const INF: Self;
    const LN2: Self;
    const LOG2E: Self;
    const LOG10E: Self;
    const PI_180: Self;
    const D180_PI: Self;
    fn from_f64(x: f64) -> Self;
    fn to_f64(self) -> f64;
    fn is_nan(self) -> bool;
    fn is_inf(self) -> bool;
    fn abs(self) -> Self;
    /// C's quiet `isless(self, 0)`: no "invalid" for NaN whatever instructions the
    /// compiler picks (only quiet equality/unordered tests and the sign bit).
    #[inline(always)]
    fn lt0_quiet(self) -> bool {
        !self.is_nan() && self != Self::ZERO && self.is_sign_neg()
    }
    /// C's quiet `isgreater(self, o)` for finite `o`, through the IEEE total order (integer
    /// comparison) after quiet NaN tests. Not for comparing signed zeros.
    fn gt_quiet(self, o: Self) -> bool;
    fn is_sign_neg(self) -> bool;
    fn copysign(self, s: Self) -> Self;
    fn floor(self) -> Self;
    fn ceil(self) -> Self;
    fn trunc(self) -> Self;
    fn rint(self) -> Self;
    fn sqrt(self) -> Self;
    fn cbrt(self) -> Self;
    fn exp(self) -> Self;
    fn exp2(self) -> Self;
    fn exp_m1(self) -> Self;
    fn ln(self) -> Self;
    fn log2(self) -> Self;
    fn log10(self) -> Self;
    fn ln_1p(self) -> Self;
    fn sin(self) -> Self;
    fn cos(self) -> Self;
    fn tan(self) -> Self;
    fn asin(self) -> Self;
    fn acos(self) -> Self;
    fn atan(self) -> Self;
    fn atan2(self, o: Self) -> Self;
    fn hypot(self, o: Self) -> Self;
    fn sinh(self) -> Self;
    fn cosh(self) -> Self;
    fn tanh(self) -> Self;
    fn asinh(self) -> Self;
    fn acosh(self) -> Self;
    fn atanh(self) -> Self;
    fn powf(self, o: Self) -> Self;
    /// `self * a + b` with one rounding (the FMA instruction where the code is compiled
    /// for it, libm's `fma` otherwise).
    fn mul_add(self, a: Self, b: Self) -> Self;
}

#[cfg(target_os = "linux")]
mod libm_real {
    // The platform libm (glibc), which NumPy itself calls for these; Rust's std does not
    // expose asinh/acosh/atanh as plain libm calls (it rewrites them), so NumPy's
    // special-value behaviour is kept by calling them directly.
    unsafe extern "C" {
        pub fn asinh(x: f64) -> f64;
        pub fn acosh(x: f64) -> f64;
        pub fn atanh(x: f64) -> f64;
        pub fn asinhf(x: f32) -> f32;
        pub fn acoshf(x: f32) -> f32;
        pub fn atanhf(x: f32) -> f32;
    }
}

macro_rules! impl_flt {
    ($t:ident, $asinh:ident, $acosh:ident, $atanh:ident) => {
        impl Flt for $t {
            const ZERO: Self = 0.0;
            const ONE: Self = 1.0;
            const TWO: Self = 2.0;
            const HALF: Self = 0.5;
            const NAN: Self = $t::NAN;
            const INF: Self = $t::INFINITY;
            const LN2: Self = std::$t::consts::LN_2;
            const LOG2E: Self = std::$t::consts::LOG2_E;
            const LOG10E: Self = std::$t::consts::LOG10_E;
            const PI_180: Self = std::$t::consts::PI / 180.0;
            const D180_PI: Self = 180.0 / std::$t::consts::PI;
            #[inline(always)]
            fn from_f64(x: f64) -> Self {
                x as $t
            }
            #[inline(always)]
            fn to_f64(self) -> f64 {
                self as f64
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                self.is_nan()
            }
            #[inline(always)]
            fn is_inf(self) -> bool {
                self.is_infinite()
            }
            #[inline(always)]
            fn abs(self) -> Self {
                self.abs()
            }
            #[inline(always)]
            fn gt_quiet(self, o: Self) -> bool {
                !self.is_nan() && !o.is_nan() && self.total_cmp(&o).is_gt()
            }
            #[inline(always)]
            fn is_sign_neg(self) -> bool {
                self.is_sign_negative()
            }

            #[inline(always)]
            fn copysign(self, s: Self) -> Self {
                self.copysign(s)
            }
            #[inline(always)]
            fn floor(self) -> Self {
                self.floor()
            }
            #[inline(always)]
            fn ceil(self) -> Self {
                self.ceil()
            }
            #[inline(always)]
            fn trunc(self) -> Self {
                self.trunc()
            }
            #[inline(always)]
            fn rint(self) -> Self {
                self.round_ties_even()
            }
            #[inline(always)]
            fn sqrt(self) -> Self {
                self.sqrt()
            }
            #[inline(always)]
            fn cbrt(self) -> Self {
                self.cbrt()
            }
            #[inline(always)]
            fn exp(self) -> Self {
                self.exp()
            }
            #[inline(always)]
            fn exp2(self) -> Self {
                self.exp2()
            }
            #[inline(always)]
            fn exp_m1(self) -> Self {
                self.exp_m1()
            }
            #[inline(always)]
            fn ln(self) -> Self {
                self.ln()
            }
            #[inline(always)]
            fn log2(self) -> Self {
                self.log2()
            }
            #[inline(always)]
            fn log10(self) -> Self {
                self.log10()
            }
            #[inline(always)]
            fn ln_1p(self) -> Self {
                self.ln_1p()
            }
            #[inline(always)]
            fn sin(self) -> Self {
                self.sin()
            }
            #[inline(always)]
            fn cos(self) -> Self {
                self.cos()
            }
            #[inline(always)]
            fn tan(self) -> Self {
                self.tan()
            }
            #[inline(always)]
            fn asin(self) -> Self {
                self.asin()
            }
            #[inline(always)]
            fn acos(self) -> Self {
                self.acos()
            }
            #[inline(always)]
            fn atan(self) -> Self {
                self.atan()
            }
            #[inline(always)]
            fn atan2(self, o: Self) -> Self {
                self.atan2(o)
            }
            #[inline(always)]
            fn hypot(self, o: Self) -> Self {
                self.hypot(o)
            }
            #[inline(always)]
            fn sinh(self) -> Self {
                self.sinh()
            }
            #[inline(always)]
            fn cosh(self) -> Self {
                self.cosh()
            }
            #[inline(always)]
            fn tanh(self) -> Self {
                self.tanh()
            }
            #[inline(always)]
            fn asinh(self) -> Self {
                #[cfg(target_os = "linux")]
                // SAFETY: a pure libm function of one float.
                return unsafe { libm_real::$asinh(self) };
                #[cfg(not(target_os = "linux"))]
                return self.asinh();
            }
            #[inline(always)]
            fn acosh(self) -> Self {
                #[cfg(target_os = "linux")]
                // SAFETY: a pure libm function of one float.
                return unsafe { libm_real::$acosh(self) };
                #[cfg(not(target_os = "linux"))]
                return self.acosh();
            }
            #[inline(always)]
            fn atanh(self) -> Self {
                #[cfg(target_os = "linux")]
                // SAFETY: a pure libm function of one float.
                return unsafe { libm_real::$atanh(self) };
                #[cfg(not(target_os = "linux"))]
                return self.atanh();
            }
            #[inline(always)]
            fn powf(self, o: Self) -> Self {
                self.powf(o)
            }
            #[inline(always)]
            fn mul_add(self, a: Self, b: Self) -> Self {
                <$t>::mul_add(self, a, b)
            }
        }
    };
}

impl_flt!(f32, asinhf, acoshf, atanhf);
impl_flt!(f64, asinh, acosh, atanh);

/// f32 to f16 with NumPy's software flags (`npy_float_to_half`): overflow when a finite
/// value rounds to infinity, underflow when a non-zero value lands inexactly below the
/// smallest normal.
#[inline(always)]
pub(crate) fn to_f16(x: f32, fl: &mut u8) -> f16 {
    let h = f16::from_f32(x);
    let hb = h.to_bits() & 0x7fff;
    if hb >= 0x7c00 {
        if hb == 0x7c00 && x.is_finite() {
            *fl |= fpe::OVERFLOW;
        }
    } else if hb < 0x0400 && x != 0.0 && h.to_f32() != x {
        *fl |= fpe::UNDERFLOW;
    }
    h
}

/// An f64 element function applied to float32 and rounded once (more accurate than
/// NumPy's float32 formula where that one accumulates rounding errors, e.g. logaddexp2).
pub(crate) struct W<Op>(PhantomData<Op>);

impl<Op: BinOp<f64, f64, f64>> BinOp<f32, f32, f32> for W<Op> {
    #[inline(always)]
    fn f(a: f32, b: f32, fl: &mut u8) -> f32 {
        Op::f(a as f64, b as f64, fl) as f32
    }
}

/// An f32 element function applied to float16 (NumPy computes these loops in float32).
pub(crate) struct H<Op>(PhantomData<Op>);

impl<Op: UnOp<f32, f32>> UnOp<f16, f16> for H<Op> {
    #[inline(always)]
    fn f(a: f16, fl: &mut u8) -> f16 {
        to_f16(Op::f(a.to_f32(), fl), fl)
    }
}

impl<Op: UnOp<f32, bool>> UnOp<f16, bool> for H<Op> {
    #[inline(always)]
    fn f(a: f16, fl: &mut u8) -> bool {
        Op::f(a.to_f32(), fl)
    }
}

impl<Op: BinOp<f32, f32, f32>> BinOp<f16, f16, f16> for H<Op> {
    #[inline(always)]
    fn f(a: f16, b: f16, fl: &mut u8) -> f16 {
        to_f16(Op::f(a.to_f32(), b.to_f32(), fl), fl)
    }
}

impl<Op: BinOp<f32, f32, bool>> BinOp<f16, f16, bool> for H<Op> {
    #[inline(always)]
    fn f(a: f16, b: f16, fl: &mut u8) -> bool {
        Op::f(a.to_f32(), b.to_f32(), fl)
    }
}
