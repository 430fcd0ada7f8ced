//! Element functions of trigonometry and hyperbolic functions (portable scalar code): the
//! platform libm's real functions and C99's complex ones, as NumPy uses.

use super::super::arithmetic::scalar::{cplx_un, flt_bin, flt_un};

flt_un!(FSin, |a, fl| a.sin());
flt_un!(FCos, |a, fl| a.cos());
flt_un!(FTan, |a, fl| a.tan());
flt_un!(FAsin, |a, fl| a.asin());
flt_un!(FAcos, |a, fl| a.acos());
flt_un!(FAtan, |a, fl| a.atan());
flt_un!(FSinh, |a, fl| a.sinh());
flt_un!(FCosh, |a, fl| a.cosh());
flt_un!(FTanh, |a, fl| a.tanh());
flt_un!(FAsinh, |a, fl| a.asinh());
flt_un!(FAcosh, |a, fl| a.acosh());
flt_un!(FAtanh, |a, fl| a.atanh());
flt_un!(FDeg2Rad, |a, fl| a * T::PI_180);
flt_un!(FRad2Deg, |a, fl| a * T::D180_PI);
flt_bin!(FAtan2, |a, b, fl| a.atan2(b));
flt_bin!(FHypot, |a, b, fl| a.hypot(b));

cplx_un!(CSin, |a| a.csin());
cplx_un!(CCos, |a| a.ccos());
cplx_un!(CTan, |a| a.ctan());
cplx_un!(CAsin, |a| a.casin());
cplx_un!(CAcos, |a| a.cacos());
cplx_un!(CAtan, |a| a.catan());
cplx_un!(CSinh, |a| a.csinh());
cplx_un!(CCosh, |a| a.ccosh());
cplx_un!(CTanh, |a| a.ctanh());
cplx_un!(CAsinh, |a| a.casinh());
cplx_un!(CAcosh, |a| a.cacosh());
cplx_un!(CAtanh, |a| a.catanh());
