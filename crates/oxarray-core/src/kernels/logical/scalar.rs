//! Element functions of the logical family (portable scalar code): every value is true
//! when non-zero (complex: either part non-zero; NaN is true), as NumPy.

use super::super::builders::{BinOp, UnOp};
use crate::dtype::Element;

pub(crate) struct And;
impl<T: Element> BinOp<T, T, bool> for And {
    #[inline(always)]
    fn f(a: T, b: T, _fl: &mut u8) -> bool {
        a.nonzero() & b.nonzero()
    }
}
pub(crate) struct Or;
impl<T: Element> BinOp<T, T, bool> for Or {
    #[inline(always)]
    fn f(a: T, b: T, _fl: &mut u8) -> bool {
        a.nonzero() | b.nonzero()
    }
}
pub(crate) struct Xor;
impl<T: Element> BinOp<T, T, bool> for Xor {
    #[inline(always)]
    fn f(a: T, b: T, _fl: &mut u8) -> bool {
        a.nonzero() ^ b.nonzero()
    }
}
pub(crate) struct Not;
impl<T: Element> UnOp<T, bool> for Not {
    #[inline(always)]
    fn f(a: T, _fl: &mut u8) -> bool {
        !a.nonzero()
    }
}
