//! Logical operations: logical_and logical_or logical_xor logical_not (output bool).

pub(crate) mod scalar;

use half::f16;

use self::scalar::*;
use super::builders::{binary_quiet, unary_quiet};
use super::{each_cplx, each_flt, each_int, Registry};

pub(crate) fn register(r: &mut Registry) {
    // Quiet loops: testing floats against zero must not raise flags for NaN.
    macro_rules! all {
        ($t:ty, $c:literal) => {
            let s = concat!($c, $c, "->?");
            r.add("logical_and", s, binary_quiet::<$t, $t, bool, And>);
            r.add("logical_or", s, binary_quiet::<$t, $t, bool, Or>);
            r.add("logical_xor", s, binary_quiet::<$t, $t, bool, Xor>);
            r.add(
                "logical_not",
                concat!($c, "->?"),
                unary_quiet::<$t, bool, Not>,
            );
        };
    }
    all!(bool, "?");
    each_int!(all);
    all!(f16, "e");
    each_flt!(all);
    each_cplx!(all);
}
