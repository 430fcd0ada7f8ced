//! Element functions of the bitwise family (portable scalar code). Shifts follow NumPy's
//! `npy_lshift`/`npy_rshift`: a count outside `0..bits` (negative counts included) shifts
//! everything out, giving 0, or -1 for a right shift of a negative value.

use super::super::builders::{BinOp, UnOp};
use super::super::num::Int;

pub(crate) struct BitAnd;
pub(crate) struct BitOr;
pub(crate) struct BitXor;
pub(crate) struct Invert;
impl<T: Int> BinOp<T, T, T> for BitAnd {
    #[inline(always)]
    fn f(a: T, b: T, _fl: &mut u8) -> T {
        a.and(b)
    }
}
impl<T: Int> BinOp<T, T, T> for BitOr {
    #[inline(always)]
    fn f(a: T, b: T, _fl: &mut u8) -> T {
        a.or(b)
    }
}
impl<T: Int> BinOp<T, T, T> for BitXor {
    #[inline(always)]
    fn f(a: T, b: T, _fl: &mut u8) -> T {
        a.xor(b)
    }
}
impl<T: Int> UnOp<T, T> for Invert {
    #[inline(always)]
    fn f(a: T, _fl: &mut u8) -> T {
        a.not()
    }
}
impl BinOp<bool, bool, bool> for BitAnd {
    #[inline(always)]
    fn f(a: bool, b: bool, _fl: &mut u8) -> bool {
        a & b
    }
}
impl BinOp<bool, bool, bool> for BitOr {
    #[inline(always)]
    fn f(a: bool, b: bool, _fl: &mut u8) -> bool {
        a | b
    }
}
impl BinOp<bool, bool, bool> for BitXor {
    #[inline(always)]
    fn f(a: bool, b: bool, _fl: &mut u8) -> bool {
        a ^ b
    }
}
impl UnOp<bool, bool> for Invert {
    #[inline(always)]
    fn f(a: bool, _fl: &mut u8) -> bool {
        !a
    }
}

/// Whether `b` is a shift count inside `0..bits` (compared as unsigned, like NumPy).
#[inline(always)]
fn in_range<T: Int>(b: T) -> bool {
    (b.as_i64() as u64) < T::BITS as u64 && !b.is_neg()
}

pub(crate) struct Shl;
impl<T: Int> BinOp<T, T, T> for Shl {
    #[inline(always)]
    fn f(a: T, b: T, _fl: &mut u8) -> T {
        if in_range(b) {
            a.shl(b.as_i64() as u32)
        } else {
            T::ZERO
        }
    }
}
pub(crate) struct Shr;
impl<T: Int> BinOp<T, T, T> for Shr {
    #[inline(always)]
    fn f(a: T, b: T, _fl: &mut u8) -> T {
        if in_range(b) {
            a.shr(b.as_i64() as u32)
        } else if a.is_neg() {
            T::ZERO.not()
        } else {
            T::ZERO
        }
    }
}
