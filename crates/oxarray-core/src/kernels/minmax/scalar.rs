//! Element functions of maximum/minimum (propagate NaN) and fmax/fmin (ignore NaN), as
//! NumPy's scalar loops define them; complex values compare lexicographically.

use super::super::builders::BinOp;
use super::super::complex::Cplx;
use super::super::num::{Flt, Int};

pub(crate) struct Max;
pub(crate) struct Min;
pub(crate) struct FMax;
pub(crate) struct FMin;

macro_rules! int_and_bool {
    ($name:ident, |$a:ident, $b:ident| $body:expr, $bool:expr) => {
        impl<T: Int> BinOp<T, T, T> for $name {
            #[inline(always)]
            fn f($a: T, $b: T, _fl: &mut u8) -> T {
                $body
            }
        }
        impl BinOp<bool, bool, bool> for $name {
            #[inline(always)]
            fn f($a: bool, $b: bool, _fl: &mut u8) -> bool {
                $bool
            }
        }
    };
}
int_and_bool!(Max, |a, b| if a >= b { a } else { b }, a | b);
int_and_bool!(Min, |a, b| if a <= b { a } else { b }, a & b);
int_and_bool!(FMax, |a, b| if a >= b { a } else { b }, a | b);
int_and_bool!(FMin, |a, b| if a <= b { a } else { b }, a & b);

/// float16 maximum/minimum keep the first operand on ties (NumPy's scalar half loop).
pub(crate) struct HalfMax;
pub(crate) struct HalfMin;
impl<T: Flt> BinOp<T, T, T> for HalfMax {
    #[inline(always)]
    fn f(a: T, b: T, _fl: &mut u8) -> T {
        if a >= b || a.is_nan() {
            a
        } else {
            b
        }
    }
}
impl<T: Flt> BinOp<T, T, T> for HalfMin {
    #[inline(always)]
    fn f(a: T, b: T, _fl: &mut u8) -> T {
        if a <= b || a.is_nan() {
            a
        } else {
            b
        }
    }
}

pub(crate) struct FltMax;
pub(crate) struct FltMin;
pub(crate) struct FltFMax;
pub(crate) struct FltFMin;
// NumPy returns the second operand on ties (maximum(-0.0, 0.0) is 0.0).
impl<T: Flt> BinOp<T, T, T> for FltMax {
    #[inline(always)]
    fn f(a: T, b: T, _fl: &mut u8) -> T {
        if a > b || a.is_nan() {
            a
        } else {
            b
        }
    }
}
impl<T: Flt> BinOp<T, T, T> for FltMin {
    #[inline(always)]
    fn f(a: T, b: T, _fl: &mut u8) -> T {
        if a < b || a.is_nan() {
            a
        } else {
            b
        }
    }
}
impl<T: Flt> BinOp<T, T, T> for FltFMax {
    #[inline(always)]
    fn f(a: T, b: T, _fl: &mut u8) -> T {
        if a >= b || b.is_nan() {
            a
        } else {
            b
        }
    }
}
impl<T: Flt> BinOp<T, T, T> for FltFMin {
    #[inline(always)]
    fn f(a: T, b: T, _fl: &mut u8) -> T {
        if a <= b || b.is_nan() {
            a
        } else {
            b
        }
    }
}

#[inline(always)]
fn has_nan<C: Cplx>(a: C) -> bool {
    a.re().is_nan() || a.im().is_nan()
}
/// NumPy's `CGE`.
#[inline(always)]
fn cge<C: Cplx>(a: C, b: C) -> bool {
    let (ar, ai, br, bi) = (a.re(), a.im(), b.re(), b.im());
    (ar > br && !ai.is_nan() && !bi.is_nan()) || (ar == br && ai >= bi)
}
/// NumPy's `CLE`.
#[inline(always)]
fn cle<C: Cplx>(a: C, b: C) -> bool {
    let (ar, ai, br, bi) = (a.re(), a.im(), b.re(), b.im());
    (ar < br && !ai.is_nan() && !bi.is_nan()) || (ar == br && ai <= bi)
}
pub(crate) struct CMax;
pub(crate) struct CMin;
pub(crate) struct CFMax;
pub(crate) struct CFMin;
impl<C: Cplx> BinOp<C, C, C> for CMax {
    #[inline(always)]
    fn f(a: C, b: C, _fl: &mut u8) -> C {
        if has_nan(a) || cge(a, b) {
            a
        } else {
            b
        }
    }
}
impl<C: Cplx> BinOp<C, C, C> for CMin {
    #[inline(always)]
    fn f(a: C, b: C, _fl: &mut u8) -> C {
        if has_nan(a) || cle(a, b) {
            a
        } else {
            b
        }
    }
}
impl<C: Cplx> BinOp<C, C, C> for CFMax {
    #[inline(always)]
    fn f(a: C, b: C, _fl: &mut u8) -> C {
        if has_nan(b) || cge(a, b) {
            a
        } else {
            b
        }
    }
}
impl<C: Cplx> BinOp<C, C, C> for CFMin {
    #[inline(always)]
    fn f(a: C, b: C, _fl: &mut u8) -> C {
        if has_nan(b) || cle(a, b) {
            a
        } else {
            b
        }
    }
}
