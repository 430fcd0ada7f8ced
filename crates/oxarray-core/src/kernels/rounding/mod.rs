//! Rounding: floor ceil trunc rint.

pub(crate) mod scalar;

use half::f16;

use self::scalar::*;
use super::arithmetic::scalar::{BCopy, ICopy};
use super::builders::unary;
use super::num::H;
use super::{each_cplx, each_flt, each_int, Registry};

pub(crate) fn register(r: &mut Registry) {
    for name in ["floor", "ceil", "trunc"] {
        r.add(name, "?->?", unary::<bool, bool, BCopy>);
    }
    macro_rules! ints {
        ($t:ty, $c:literal) => {
            for name in ["floor", "ceil", "trunc"] {
                r.add(name, concat!($c, "->", $c), unary::<$t, $t, ICopy>);
            }
        };
    }
    each_int!(ints);
    macro_rules! floats {
        ($t:ty, $c:literal) => {
            let s = concat!($c, "->", $c);
            r.add("floor", s, unary::<$t, $t, FFloor>);
            r.add("ceil", s, unary::<$t, $t, FCeil>);
            r.add("trunc", s, unary::<$t, $t, FTrunc>);
            r.add("rint", s, unary::<$t, $t, FRint>);
        };
    }
    each_flt!(floats);
    type E = f16;
    r.add("floor", "e->e", unary::<E, E, H<FFloor>>);
    r.add("ceil", "e->e", unary::<E, E, H<FCeil>>);
    r.add("trunc", "e->e", unary::<E, E, H<FTrunc>>);
    r.add("rint", "e->e", unary::<E, E, H<FRint>>);
    macro_rules! cplx {
        ($t:ty, $c:literal) => {
            r.add("rint", concat!($c, "->", $c), unary::<$t, $t, CRint>);
        };
    }
    each_cplx!(cplx);
}
