//! Float helpers: copysign nextafter spacing ldexp frexp modf heaviside.

pub(crate) mod scalar;

use half::f16;

use self::scalar::*;
use super::builders::{binary, binary_quiet, unary, unary2};
use super::num::H;
use super::Registry;

pub(crate) fn register(r: &mut Registry) {
    macro_rules! floats {
        ($t:ty, $c:literal) => {
            let bin = concat!($c, $c, "->", $c);
            r.add("copysign", bin, binary::<$t, $t, $t, CopySign>);
            r.add("nextafter", bin, binary::<$t, $t, $t, NextAfter>);
            r.add("spacing", concat!($c, "->", $c), unary::<$t, $t, Spacing>);
            r.add(
                "ldexp",
                concat!($c, "i->", $c),
                binary::<$t, i32, $t, Ldexp>,
            );
            r.add(
                "ldexp",
                concat!($c, "l->", $c),
                binary::<$t, i64, $t, Ldexp>,
            );
            r.add(
                "frexp",
                concat!($c, "->", $c, "i"),
                unary2::<$t, $t, i32, Frexp>,
            );
            r.add(
                "modf",
                concat!($c, "->", $c, $c),
                unary2::<$t, $t, $t, Modf>,
            );
        };
    }
    floats!(f16, "e");
    floats!(f32, "f");
    floats!(f64, "d");
    // Quiet: comparing NaN with zero must not raise "invalid".
    r.add(
        "heaviside",
        "ee->e",
        binary_quiet::<f16, f16, f16, H<Heaviside>>,
    );
    r.add(
        "heaviside",
        "ff->f",
        binary_quiet::<f32, f32, f32, Heaviside>,
    );
    r.add(
        "heaviside",
        "dd->d",
        binary_quiet::<f64, f64, f64, Heaviside>,
    );
}
