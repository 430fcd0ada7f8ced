//! Integer functions: gcd lcm bitwise_count.

pub(crate) mod scalar;

use self::scalar::*;
use super::builders::{binary, unary};
use super::{each_int, Registry};

pub(crate) fn register(r: &mut Registry) {
    macro_rules! ints {
        ($t:ty, $c:literal) => {
            let bin = concat!($c, $c, "->", $c);
            r.add("gcd", bin, binary::<$t, $t, $t, Gcd>);
            r.add("lcm", bin, binary::<$t, $t, $t, Lcm>);
            r.add(
                "bitwise_count",
                concat!($c, "->B"),
                unary::<$t, u8, BitCount>,
            );
        };
    }
    each_int!(ints);
}
