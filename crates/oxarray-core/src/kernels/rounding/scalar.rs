//! Element functions of floor ceil trunc rint (portable scalar code). Integers and bool are
//! returned unchanged (NumPy 2 keeps their dtype); `rint` rounds half to even.

use super::super::arithmetic::scalar::{cplx_un, flt_un};
use super::super::num::Flt;

flt_un!(FFloor, |a, fl| a.floor());
flt_un!(FCeil, |a, fl| a.ceil());
flt_un!(FTrunc, |a, fl| a.trunc());
flt_un!(FRint, |a, fl| a.rint());
cplx_un!(CRint, |a| C::new(a.re().rint(), a.im().rint()));
