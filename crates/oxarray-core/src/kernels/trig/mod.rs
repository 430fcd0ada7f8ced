//! Trigonometric and hyperbolic functions: sin cos tan arcsin arccos arctan arctan2 hypot
//! sinh cosh tanh arcsinh arccosh arctanh deg2rad rad2deg degrees radians.

pub(crate) mod scalar;
pub(crate) mod vector;

use half::f16;

use self::scalar::*;
use self::vector::{VCos, VSin, VTanh};
use super::builders::{binary, unary};
use super::num::H;
use super::simd::vunary;
use super::{each_cplx, each_flt, Registry};

pub(crate) fn register(r: &mut Registry) {
    macro_rules! floats {
        ($t:ty, $c:literal) => {
            let un = concat!($c, "->", $c);
            r.add("sin", un, vunary::<$t, VSin, FSin>);
            r.add("cos", un, vunary::<$t, VCos, FCos>);
            r.add("tan", un, unary::<$t, $t, FTan>);
            r.add("arcsin", un, unary::<$t, $t, FAsin>);
            r.add("arccos", un, unary::<$t, $t, FAcos>);
            r.add("arctan", un, unary::<$t, $t, FAtan>);
            r.add("sinh", un, unary::<$t, $t, FSinh>);
            r.add("cosh", un, unary::<$t, $t, FCosh>);
            r.add("tanh", un, vunary::<$t, VTanh, FTanh>);
            r.add("arcsinh", un, unary::<$t, $t, FAsinh>);
            r.add("arccosh", un, unary::<$t, $t, FAcosh>);
            r.add("arctanh", un, unary::<$t, $t, FAtanh>);
            r.add("deg2rad", un, unary::<$t, $t, FDeg2Rad>);
            r.add("radians", un, unary::<$t, $t, FDeg2Rad>);
            r.add("rad2deg", un, unary::<$t, $t, FRad2Deg>);
            r.add("degrees", un, unary::<$t, $t, FRad2Deg>);
            let bin = concat!($c, $c, "->", $c);
            r.add("arctan2", bin, binary::<$t, $t, $t, FAtan2>);
            r.add("hypot", bin, binary::<$t, $t, $t, FHypot>);
        };
    }
    each_flt!(floats);
    type E = f16;
    r.add("sin", "e->e", unary::<E, E, H<FSin>>);
    r.add("cos", "e->e", unary::<E, E, H<FCos>>);
    r.add("tan", "e->e", unary::<E, E, H<FTan>>);
    r.add("arcsin", "e->e", unary::<E, E, H<FAsin>>);
    r.add("arccos", "e->e", unary::<E, E, H<FAcos>>);
    r.add("arctan", "e->e", unary::<E, E, H<FAtan>>);
    r.add("sinh", "e->e", unary::<E, E, H<FSinh>>);
    r.add("cosh", "e->e", unary::<E, E, H<FCosh>>);
    r.add("tanh", "e->e", unary::<E, E, H<FTanh>>);
    r.add("arcsinh", "e->e", unary::<E, E, H<FAsinh>>);
    r.add("arccosh", "e->e", unary::<E, E, H<FAcosh>>);
    r.add("arctanh", "e->e", unary::<E, E, H<FAtanh>>);
    r.add("deg2rad", "e->e", unary::<E, E, H<FDeg2Rad>>);
    r.add("radians", "e->e", unary::<E, E, H<FDeg2Rad>>);
    r.add("rad2deg", "e->e", unary::<E, E, H<FRad2Deg>>);
    r.add("degrees", "e->e", unary::<E, E, H<FRad2Deg>>);
    r.add("arctan2", "ee->e", binary::<E, E, E, H<FAtan2>>);
    r.add("hypot", "ee->e", binary::<E, E, E, H<FHypot>>);
    macro_rules! cplx {
        ($t:ty, $c:literal) => {
            let un = concat!($c, "->", $c);
            r.add("sin", un, unary::<$t, $t, CSin>);
            r.add("cos", un, unary::<$t, $t, CCos>);
            r.add("tan", un, unary::<$t, $t, CTan>);
            r.add("arcsin", un, unary::<$t, $t, CAsin>);
            r.add("arccos", un, unary::<$t, $t, CAcos>);
            r.add("arctan", un, unary::<$t, $t, CAtan>);
            r.add("sinh", un, unary::<$t, $t, CSinh>);
            r.add("cosh", un, unary::<$t, $t, CCosh>);
            r.add("tanh", un, unary::<$t, $t, CTanh>);
            r.add("arcsinh", un, unary::<$t, $t, CAsinh>);
            r.add("arccosh", un, unary::<$t, $t, CAcosh>);
            r.add("arctanh", un, unary::<$t, $t, CAtanh>);
        };
    }
    each_cplx!(cplx);
}
