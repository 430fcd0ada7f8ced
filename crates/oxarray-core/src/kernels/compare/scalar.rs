//! Element functions of the comparisons (portable scalar code). Real types compare with
//! IEEE semantics (NaN compares unequal and unordered); complex values compare
//! lexicographically, real part first, as NumPy's `CLT`/`CLE`/`CEQ`/`CNE` macros do.

use super::super::builders::BinOp;
use super::super::complex::Cplx;

macro_rules! cmp_op {
    ($name:ident, $cname:ident, $op:tt, |$ar:ident, $ai:ident, $br:ident, $bi:ident| $cbody:expr) => {
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
        pub(crate) struct $cname;
        impl<C: Cplx> BinOp<C, C, bool> for $cname {
            #[inline(always)]
            fn f(a: C, b: C, _fl: &mut u8) -> bool {
                let ($ar, $ai, $br, $bi) = (a.re(), a.im(), b.re(), b.im());
                $cbody
            }
        }
    };
}

cmp_op!(Eq, CEq, ==, |ar, ai, br, bi| ar == br && ai == bi);
cmp_op!(Ne, CNe, !=, |ar, ai, br, bi| ar != br || ai != bi);
cmp_op!(Lt, CLt, <, |ar, ai, br, bi| ar < br || (ar == br && ai < bi));
cmp_op!(Le, CLe, <=, |ar, ai, br, bi| ar < br || (ar == br && ai <= bi));
cmp_op!(Gt, CGt, >, |ar, ai, br, bi| ar > br || (ar == br && ai > bi));
cmp_op!(Ge, CGe, >=, |ar, ai, br, bi| ar > br || (ar == br && ai >= bi));
