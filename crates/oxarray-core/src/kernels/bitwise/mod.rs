//! Bitwise operations: bitwise_and bitwise_or bitwise_xor invert left_shift right_shift.
//! These do not care about signedness, so each width's loop would do for both; they are
//! monomorphised per type anyway because the builders make that free.

pub(crate) mod scalar;

use self::scalar::*;
use super::builders::{binary, binary_quiet, unary};
use super::{each_int, Registry};

pub(crate) fn register(r: &mut Registry) {
    macro_rules! all {
        ($t:ty, $c:literal) => {
            let s = concat!($c, $c, "->", $c);
            r.add("bitwise_and", s, binary::<$t, $t, $t, BitAnd>);
            r.add("bitwise_or", s, binary::<$t, $t, $t, BitOr>);
            r.add("bitwise_xor", s, binary::<$t, $t, $t, BitXor>);
            r.add("invert", concat!($c, "->", $c), unary::<$t, $t, Invert>);
        };
    }
    all!(bool, "?");
    each_int!(all);
    macro_rules! shifts {
        ($t:ty, $c:literal) => {
            let s = concat!($c, $c, "->", $c);
            // Quiet: without AVX2, LLVM lowers vector shifts by variable counts through
            // float conversions (cvttps2dq), which raise "invalid" for large counts.
            r.add("left_shift", s, binary_quiet::<$t, $t, $t, Shl>);
            r.add("right_shift", s, binary_quiet::<$t, $t, $t, Shr>);
        };
    }
    each_int!(shifts);
}
