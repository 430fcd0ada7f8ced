//! Comparisons: equal not_equal less less_equal greater greater_equal (output bool).

pub(crate) mod scalar;

use half::f16;

use self::scalar::*;
use super::builders::{binary, binary_quiet};
use super::{each_cplx, each_flt, each_int, Registry};

pub(crate) fn register(r: &mut Registry) {
    macro_rules! plain {
        ($t:ty, $c:literal) => {
            let s = concat!($c, $c, "->?");
            r.add("equal", s, binary::<$t, $t, bool, Eq>);
            r.add("not_equal", s, binary::<$t, $t, bool, Ne>);
            r.add("less", s, binary::<$t, $t, bool, Lt>);
            r.add("less_equal", s, binary::<$t, $t, bool, Le>);
            r.add("greater", s, binary::<$t, $t, bool, Gt>);
            r.add("greater_equal", s, binary::<$t, $t, bool, Ge>);
        };
    }
    plain!(bool, "?");
    each_int!(plain);
    // int64 against uint64 compares the mathematical values (NumPy 2's qQ/Qq loops).
    macro_rules! mixed {
        ($a:ty, $b:ty, $s:literal) => {
            r.add("equal", $s, binary::<$a, $b, bool, Eq>);
            r.add("not_equal", $s, binary::<$a, $b, bool, Ne>);
            r.add("less", $s, binary::<$a, $b, bool, Lt>);
            r.add("less_equal", $s, binary::<$a, $b, bool, Le>);
            r.add("greater", $s, binary::<$a, $b, bool, Gt>);
            r.add("greater_equal", $s, binary::<$a, $b, bool, Ge>);
        };
    }
    mixed!(i64, u64, "lL->?");
    mixed!(u64, i64, "Ll->?");
    // Float comparisons must not raise "invalid" for NaN (vector compares would).
    macro_rules! floats {
        ($t:ty, $c:literal) => {
            let s = concat!($c, $c, "->?");
            r.add("equal", s, binary_quiet::<$t, $t, bool, Eq>);
            r.add("not_equal", s, binary_quiet::<$t, $t, bool, Ne>);
            r.add("less", s, binary_quiet::<$t, $t, bool, Lt>);
            r.add("less_equal", s, binary_quiet::<$t, $t, bool, Le>);
            r.add("greater", s, binary_quiet::<$t, $t, bool, Gt>);
            r.add("greater_equal", s, binary_quiet::<$t, $t, bool, Ge>);
        };
    }
    each_flt!(floats);
    floats!(f16, "e");
    macro_rules! cplx {
        ($t:ty, $c:literal) => {
            let s = concat!($c, $c, "->?");
            r.add("equal", s, binary_quiet::<$t, $t, bool, CEq>);
            r.add("not_equal", s, binary_quiet::<$t, $t, bool, CNe>);
            r.add("less", s, binary_quiet::<$t, $t, bool, CLt>);
            r.add("less_equal", s, binary_quiet::<$t, $t, bool, CLe>);
            r.add("greater", s, binary_quiet::<$t, $t, bool, CGt>);
            r.add("greater_equal", s, binary_quiet::<$t, $t, bool, CGe>);
        };
    }
    each_cplx!(cplx);
}
