//! Element functions of isnan isinf isfinite signbit (portable scalar code). Integers and
//! bool are never NaN or infinite; complex values are NaN/infinite when either part is.

use half::f16;
use num_complex::Complex;

/// Classification of any element type.
pub(crate) trait Classify: Copy {
    fn nan(self) -> bool;
    fn inf(self) -> bool;
    fn finite(self) -> bool;
}

macro_rules! exact {
    ($($t:ty),*) => {$(
        impl Classify for $t {
            #[inline(always)]
            fn nan(self) -> bool { false }
            #[inline(always)]
            fn inf(self) -> bool { false }
            #[inline(always)]
            fn finite(self) -> bool { true }
        }
    )*};
}
exact!(bool, i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! inexact {
    ($($t:ty),*) => {$(
        impl Classify for $t {
            #[inline(always)]
            fn nan(self) -> bool { self.is_nan() }
            #[inline(always)]
            fn inf(self) -> bool { self.is_infinite() }
            #[inline(always)]
            fn finite(self) -> bool { self.is_finite() }
        }
    )*};
}
inexact!(f16, f32, f64);

impl<T: Classify> Classify for Complex<T> {
    #[inline(always)]
    fn nan(self) -> bool {
        self.re.nan() || self.im.nan()
    }
    #[inline(always)]
    fn inf(self) -> bool {
        self.re.inf() || self.im.inf()
    }
    #[inline(always)]
    fn finite(self) -> bool {
        self.re.finite() && self.im.finite()
    }
}

use super::super::builders::UnOp;

pub(crate) struct IsNan;
pub(crate) struct IsInf;
pub(crate) struct IsFinite;
pub(crate) struct SignBit;
impl<T: Classify> UnOp<T, bool> for IsNan {
    #[inline(always)]
    fn f(a: T, _fl: &mut u8) -> bool {
        a.nan()
    }
}
impl<T: Classify> UnOp<T, bool> for IsInf {
    #[inline(always)]
    fn f(a: T, _fl: &mut u8) -> bool {
        a.inf()
    }
}
impl<T: Classify> UnOp<T, bool> for IsFinite {
    #[inline(always)]
    fn f(a: T, _fl: &mut u8) -> bool {
        a.finite()
    }
}
impl UnOp<f16, bool> for SignBit {
    #[inline(always)]
    fn f(a: f16, _fl: &mut u8) -> bool {
        a.is_sign_negative()
    }
}
impl UnOp<f32, bool> for SignBit {
    #[inline(always)]
    fn f(a: f32, _fl: &mut u8) -> bool {
        a.is_sign_negative()
    }
}
impl UnOp<f64, bool> for SignBit {
    #[inline(always)]
    fn f(a: f64, _fl: &mut u8) -> bool {
        a.is_sign_negative()
    }
}
