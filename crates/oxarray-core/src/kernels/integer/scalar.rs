//! Element functions of gcd, lcm and bitwise_count (portable scalar code). gcd and lcm work
//! on absolute values (exact in u64, so `MIN` is handled) and wrap back to the type, as
//! NumPy's `npy_gcd`/`npy_lcm` do.

use super::super::builders::{BinOp, UnOp};
use super::super::num::Int;

#[inline(always)]
fn gcd_u64(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

pub(crate) struct Gcd;
impl<T: Int> BinOp<T, T, T> for Gcd {
    #[inline(always)]
    fn f(a: T, b: T, _fl: &mut u8) -> T {
        T::from_u64_wrapping(gcd_u64(a.uabs(), b.uabs()))
    }
}

pub(crate) struct Lcm;
impl<T: Int> BinOp<T, T, T> for Lcm {
    #[inline(always)]
    fn f(a: T, b: T, _fl: &mut u8) -> T {
        let (ua, ub) = (a.uabs(), b.uabs());
        match ua.checked_div(gcd_u64(ua, ub)) {
            None => T::ZERO,
            Some(q) => T::from_u64_wrapping(q.wrapping_mul(ub)),
        }
    }
}

pub(crate) struct BitCount;
impl<T: Int> UnOp<T, u8> for BitCount {
    #[inline(always)]
    fn f(a: T, _fl: &mut u8) -> u8 {
        a.popcount_abs()
    }
}
