//! The opt-in integer overflow detection (beyond NumPy): with `check_int_overflow` the
//! integer add/subtract/multiply/negative/absolute/power loops raise `fpe::OVERFLOW` exactly
//! when the mathematical result does not fit, and still return NumPy's wrapped value;
//! without it they raise nothing. Checked against exact i128 arithmetic.

use oxarray_core::kernels::find_loop;
use oxarray_core::ufunc::loops::{fpe, LoopContext};

macro_rules! check_type {
    ($t:ty, $c:literal) => {{
        let vals: Vec<$t> = {
            let mut v: Vec<i128> = vec![0, 1, 2, 3, 7, 100, -1, -2, -100];
            v.push(<$t>::MAX as i128);
            v.push(<$t>::MIN as i128);
            v.push(<$t>::MAX as i128 - 1);
            v.push(<$t>::MIN as i128 + 1);
            v.into_iter()
                .filter(|x| *x >= <$t>::MIN as i128 && *x <= <$t>::MAX as i128)
                .map(|x| x as $t)
                .collect()
        };
        let fits = |x: i128| x >= <$t>::MIN as i128 && x <= <$t>::MAX as i128;
        let bin: [(&str, fn(i128, i128) -> Option<i128>); 4] = [
            ("add", |a, b| Some(a + b)),
            ("subtract", |a, b| Some(a - b)),
            ("multiply", |a, b| Some(a.saturating_mul(b))),
            ("power", |a, b| {
                if b < 0 {
                    None
                } else if a.abs() <= 1 {
                    Some(if b == 0 {
                        1
                    } else if a == -1 && b % 2 == 0 {
                        1
                    } else {
                        a
                    })
                } else {
                    // Exact power, saturated far outside any type's range.
                    let mut acc: i128 = 1;
                    for _ in 0..b.min(200) {
                        acc = acc.saturating_mul(a).clamp(-(1i128 << 70), 1i128 << 70);
                    }
                    Some(acc)
                }
            }),
        ];
        for (name, exact) in bin {
            let types = concat!($c, $c, "->", $c);
            let f = find_loop(name, types).unwrap();
            for &a in &vals {
                for &b in &vals {
                    for check in [false, true] {
                        let (mut x, mut y, mut out) = (a, b, <$t>::default());
                        let ptrs = [
                            &mut x as *mut $t as *mut u8,
                            &mut y as *mut $t as *mut u8,
                            &mut out as *mut $t as *mut u8,
                        ];
                        let ctx = LoopContext::new(std::ptr::null(), check);
                        let s = std::mem::size_of::<$t>() as isize;
                        // SAFETY: one element per operand.
                        let r = unsafe { f(&ctx, &ptrs, 1, &[s, s, s]) };
                        match exact(a as i128, b as i128) {
                            None => assert!(r.is_err(), "{name} {a} {b}"),
                            Some(e) => {
                                r.unwrap();
                                let overflowed = !fits(e);
                                if !overflowed {
                                    assert_eq!(out as i128, e, "{name} {types} {a} {b}");
                                }
                                let want = if check && overflowed {
                                    fpe::OVERFLOW
                                } else {
                                    0
                                };
                                assert_eq!(
                                    ctx.flags(),
                                    want,
                                    "{name} {types} {a} {b} check={check}"
                                );
                            }
                        }
                    }
                }
            }
        }
        let un: [(&str, fn(i128) -> i128); 2] = [("negative", |a| -a), ("absolute", |a| a.abs())];
        for (name, exact) in un {
            let types = concat!($c, "->", $c);
            let f = find_loop(name, types).unwrap();
            for &a in &vals {
                for check in [false, true] {
                    let (mut x, mut out) = (a, <$t>::default());
                    let ptrs = [&mut x as *mut $t as *mut u8, &mut out as *mut $t as *mut u8];
                    let ctx = LoopContext::new(std::ptr::null(), check);
                    let s = std::mem::size_of::<$t>() as isize;
                    // SAFETY: one element per operand.
                    unsafe { f(&ctx, &ptrs, 1, &[s, s]) }.unwrap();
                    let e = exact(a as i128);
                    assert_eq!(out, e as $t, "{name} {a} wraps");
                    let want = if check && !fits(e) { fpe::OVERFLOW } else { 0 };
                    assert_eq!(ctx.flags(), want, "{name} {types} {a} check={check}");
                }
            }
        }
    }};
}

#[test]
fn overflow_flag_iff_the_exact_result_does_not_fit() {
    check_type!(i8, "b");
    check_type!(i16, "h");
    check_type!(i32, "i");
    check_type!(i64, "l");
    check_type!(u8, "B");
    check_type!(u16, "H");
    check_type!(u32, "I");
    check_type!(u64, "L");
}
