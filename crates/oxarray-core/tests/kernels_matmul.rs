//! matmul's gufunc loops called directly: every dtype, small blocks (triple loop) and large
//! ones (gemm), C and Fortran layouts, a vector operand (missing `n`/`m`, stride 0), and
//! several loop iterations, against a reference product computed here in exact arithmetic
//! (i128 for integers, f64 for floats).

use half::f16;
use num_complex::Complex;
use oxarray_core::kernels::find_loop;
use oxarray_core::ufunc::loops::LoopContext;

/// Deterministic pseudo-random values in [-4, 4].
fn vals(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((s >> 33) % 9) as f64 - 4.0
        })
        .collect()
}

/// Run loop `types` on `iters` stacked products of (n,k)@(k,m); `fortran` lays the
/// matrices out column-major. Returns the outputs as f64 (re, im) pairs, row-major.
fn run<T: Copy + Default>(
    types: &str,
    conv: impl Fn(f64, f64) -> T,
    back: impl Fn(T) -> (f64, f64),
    (n, k, m): (usize, usize, usize),
    iters: usize,
    fortran: bool,
    a: &[(f64, f64)],
    b: &[(f64, f64)],
) -> Vec<(f64, f64)> {
    let es = std::mem::size_of::<T>() as isize;
    let lay = |rows: usize, cols: usize| -> (isize, isize) {
        if fortran {
            (es, rows as isize * es)
        } else {
            (cols as isize * es, es)
        }
    };
    let place = |src: &[(f64, f64)], rows: usize, cols: usize| -> Vec<T> {
        let mut out = vec![T::default(); src.len()];
        for it in 0..iters {
            for i in 0..rows {
                for j in 0..cols {
                    let (re, im) = src[it * rows * cols + i * cols + j];
                    let idx = if fortran { j * rows + i } else { i * cols + j };
                    out[it * rows * cols + idx] = conv(re, im);
                }
            }
        }
        out
    };
    let mut av = place(a, n, k);
    let mut bv = place(b, k, m);
    let mut cv = vec![T::default(); iters * n * m];
    let (an, ak) = lay(n, k);
    let (bk, bm) = lay(k, m);
    let (cn, cm) = lay(n, m);
    let core_strides = [an, ak, bk, bm, cn, cm];
    let dims = [n, k, m];
    let ctx = LoopContext::with_core(std::ptr::null(), false, &dims, &core_strides);
    let f = find_loop("matmul", types).unwrap();
    let ptrs = [
        av.as_mut_ptr() as *mut u8,
        bv.as_mut_ptr() as *mut u8,
        cv.as_mut_ptr() as *mut u8,
    ];
    let strides = [
        (n * k) as isize * es,
        (k * m) as isize * es,
        (n * m) as isize * es,
    ];
    // SAFETY: `iters` blocks per operand laid out as the core strides say.
    unsafe { f(&ctx, &ptrs, iters, &strides) }.unwrap();
    let mut out = Vec::new();
    for it in 0..iters {
        for i in 0..n {
            for j in 0..m {
                let idx = if fortran { j * n + i } else { i * m + j };
                out.push(back(cv[it * n * m + idx]));
            }
        }
    }
    out
}

fn reference(
    (n, k, m): (usize, usize, usize),
    iters: usize,
    a: &[(f64, f64)],
    b: &[(f64, f64)],
) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    for it in 0..iters {
        for i in 0..n {
            for j in 0..m {
                let (mut re, mut im) = (0.0, 0.0);
                for p in 0..k {
                    let (ar, ai) = a[it * n * k + i * k + p];
                    let (br, bi) = b[it * k * m + p * m + j];
                    re += ar * br - ai * bi;
                    im += ar * bi + ai * br;
                }
                out.push((re, im));
            }
        }
    }
    out
}

/// Complex values as (re, im).
type Pairs = Vec<(f64, f64)>;

const SHAPES: &[(usize, usize, usize)] = &[
    (1, 1, 1),
    (2, 3, 4),
    (5, 1, 3),
    (3, 0, 2),
    (40, 30, 50),
    (64, 64, 64),
];

fn inputs(shape: (usize, usize, usize), iters: usize, cplx: bool) -> (Pairs, Pairs) {
    let (n, k, m) = shape;
    let mk = |len: usize, seed: u64| {
        let re = vals(len, seed);
        let im = vals(len, seed + 7);
        re.into_iter()
            .zip(im)
            .map(|(r, i)| (r, if cplx { i } else { 0.0 }))
            .collect::<Vec<_>>()
    };
    (mk(iters * n * k, 1), mk(iters * k * m, 2))
}

#[test]
fn float_and_complex_loops_match_the_reference() {
    for &shape in SHAPES {
        for fortran in [false, true] {
            for iters in [1, 3] {
                let (a, b) = inputs(shape, iters, false);
                let want = reference(shape, iters, &a, &b);
                // Small integers: every partial sum is exact in all float types.
                let got = run::<f64>(
                    "dd->d",
                    |r, _| r,
                    |v| (v, 0.0),
                    shape,
                    iters,
                    fortran,
                    &a,
                    &b,
                );
                assert_eq!(got, want, "f64 {shape:?} fortran={fortran}");
                let got = run::<f32>(
                    "ff->f",
                    |r, _| r as f32,
                    |v| (v as f64, 0.0),
                    shape,
                    iters,
                    fortran,
                    &a,
                    &b,
                );
                assert_eq!(got, want, "f32 {shape:?}");
                if shape.1 <= 30 {
                    // float16 holds these sums exactly up to 2048.
                    let got = run::<f16>(
                        "ee->e",
                        |r, _| f16::from_f64(r),
                        |v| (v.to_f64(), 0.0),
                        shape,
                        iters,
                        fortran,
                        &a,
                        &b,
                    );
                    assert_eq!(got, want, "f16 {shape:?}");
                }
                let (a, b) = inputs(shape, iters, true);
                let want = reference(shape, iters, &a, &b);
                let got = run::<Complex<f64>>(
                    "DD->D",
                    Complex::new,
                    |v| (v.re, v.im),
                    shape,
                    iters,
                    fortran,
                    &a,
                    &b,
                );
                assert_eq!(got, want, "c128 {shape:?}");
                let got = run::<Complex<f32>>(
                    "FF->F",
                    |r, i| Complex::new(r as f32, i as f32),
                    |v| (v.re as f64, v.im as f64),
                    shape,
                    iters,
                    fortran,
                    &a,
                    &b,
                );
                assert_eq!(got, want, "c64 {shape:?}");
            }
        }
    }
}

#[test]
fn integer_and_bool_loops_wrap_like_numpy() {
    for &shape in SHAPES {
        let (a, b) = inputs(shape, 2, false);
        let want = reference(shape, 2, &a, &b);
        let wrap8 = |v: f64| (v as i64 as i8) as f64;
        let got = run::<i8>(
            "bb->b",
            |r, _| r as i8,
            |v| (v as f64, 0.0),
            shape,
            2,
            false,
            &a,
            &b,
        );
        let w8: Vec<(f64, f64)> = want.iter().map(|(r, _)| (wrap8(*r), 0.0)).collect();
        assert_eq!(got, w8, "i8 {shape:?}");
        let got = run::<i64>(
            "ll->l",
            |r, _| r as i64,
            |v| (v as f64, 0.0),
            shape,
            2,
            true,
            &a,
            &b,
        );
        assert_eq!(got, want, "i64 {shape:?}");
        let got = run::<u32>(
            "II->I",
            |r, _| r as i32 as u32,
            |v| (v as i32 as f64, 0.0),
            shape,
            2,
            false,
            &a,
            &b,
        );
        assert_eq!(got, want, "u32 {shape:?}");
        // bool: any(a & b) over k.
        let got = run::<bool>(
            "??->?",
            |r, _| r > 0.0,
            |v| (v as u8 as f64, 0.0),
            shape,
            2,
            false,
            &a,
            &b,
        );
        let (n, k, m) = shape;
        for it in 0..2 {
            for i in 0..n {
                for j in 0..m {
                    let any = (0..k).any(|p| {
                        a[it * n * k + i * k + p].0 > 0.0 && b[it * k * m + p * m + j].0 > 0.0
                    });
                    assert_eq!(got[it * n * m + i * m + j].0, any as u8 as f64);
                }
            }
        }
    }
}

#[test]
fn vector_operands_use_zero_strides() {
    // (k) @ (k, m): n is missing (size 1, stride 0), as the engine passes it.
    let (k, m) = (70, 90);
    let a = vals(k, 3);
    let b = vals(k * m, 4);
    let mut c = vec![0.0f64; m];
    let dims = [1, k, m];
    let cs = [0, 8, (m * 8) as isize, 8, 0, 8];
    let ctx = LoopContext::with_core(std::ptr::null(), false, &dims, &cs);
    let f = find_loop("matmul", "dd->d").unwrap();
    let ptrs = [
        a.as_ptr() as *mut u8,
        b.as_ptr() as *mut u8,
        c.as_mut_ptr() as *mut u8,
    ];
    // SAFETY: one block per operand with the strides above.
    unsafe { f(&ctx, &ptrs, 1, &[0, 0, 0]) }.unwrap();
    for j in 0..m {
        let want: f64 = (0..k).map(|p| a[p] * b[p * m + j]).sum();
        assert_eq!(c[j], want);
    }
}

#[test]
fn bad_core_layout_is_an_error_not_a_panic() {
    let ctx = LoopContext::new(std::ptr::null(), false);
    let f = find_loop("matmul", "dd->d").unwrap();
    // SAFETY: the loop checks the core description before touching memory.
    let r = unsafe { f(&ctx, &[std::ptr::null_mut(); 3], 1, &[0, 0, 0]) };
    assert!(r.is_err());
}
