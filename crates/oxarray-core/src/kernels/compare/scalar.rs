//! Element functions of the comparisons (portable scalar code). Real types compare with
//! IEEE semantics (NaN compares unequal and unordered, no flags); complex values compare
//! lexicographically as NumPy's `CLT`/`CLE`/`CGT`/`CGE` macros do, including their NaN
//! rule and the "invalid" flag C's signalling `<`/`>` raise on a NaN (`==` is quiet).

use super::super::builders::BinOp;
use super::super::complex::Cplx;
use super::super::num::Flt;
use crate::ufunc::loops::fpe;

macro_rules! cmp_op {
    ($name:ident, $op:tt) => {
        pub(crate) struct $name;
        impl<T: PartialOrd + Copy> BinOp<T, T, bool> for $name {
            #[inline(always)]
            fn f(a: T, b: T, _fl: &mut u8) -> bool {
                a $op b
            }
        }
        impl BinOp<i64, u64, bool> for $name {
            #[inline(always)]
            fn f(a: i64, b: u64, _fl: &mut u8) -> bool {
                (a as i128) $op (b as i128)
            }
        }
        impl BinOp<u64, i64, bool> for $name {
            #[inline(always)]
            fn f(a: u64, b: i64, _fl: &mut u8) -> bool {
                (a as i128) $op (b as i128)
            }
        }
    };
}
cmp_op!(Eq, ==);
cmp_op!(Ne, !=);
cmp_op!(Lt, <);
cmp_op!(Le, <=);
cmp_op!(Gt, >);
cmp_op!(Ge, >=);

/// C's signalling relational operator: "invalid" when an operand is NaN.
#[inline(always)]
fn sig<T: Flt>(a: T, b: T, fl: &mut u8, r: bool) -> bool {
    if a.is_nan() || b.is_nan() {
        *fl |= fpe::INVALID;
    }
    r
}

pub(crate) struct CEq;
pub(crate) struct CNe;
pub(crate) struct CLt;
pub(crate) struct CLe;
pub(crate) struct CGt;
pub(crate) struct CGe;
impl<C: Cplx> BinOp<C, C, bool> for CEq {
    #[inline(always)]
    fn f(a: C, b: C, _fl: &mut u8) -> bool {
        a.re() == b.re() && a.im() == b.im()
    }
}
impl<C: Cplx> BinOp<C, C, bool> for CNe {
    #[inline(always)]
    fn f(a: C, b: C, _fl: &mut u8) -> bool {
        a.re() != b.re() || a.im() != b.im()
    }
}
macro_rules! cplx_order {
    ($name:ident, $strict:tt, $op:tt) => {
        impl<C: Cplx> BinOp<C, C, bool> for $name {
            #[inline(always)]
            fn f(a: C, b: C, fl: &mut u8) -> bool {
                let (xr, xi, yr, yi) = (a.re(), a.im(), b.re(), b.im());
                // (xr STRICT yr && !isnan(xi) && !isnan(yi)) || (xr == yr && xi OP yi),
                // evaluated left to right with C's short-circuit rules.
                (sig(xr, yr, fl, xr $strict yr) && !xi.is_nan() && !yi.is_nan())
                    || (xr == yr && sig(xi, yi, fl, xi $op yi))
            }
        }
    };
}
cplx_order!(CLt, <, <);
cplx_order!(CLe, <, <=);
cplx_order!(CGt, >, >);
cplx_order!(CGe, >, >=);
