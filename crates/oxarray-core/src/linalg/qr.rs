//! QR decomposition: `qr_r` `(m,n)->(p,n)`, `qr_reduced` `(m,n)->(m,p),(p,n)`,
//! `qr_complete` `(m,n)->(m,m),(m,n)` with faer's blocked Householder QR, and `qr_raw`
//! `(m,n)->(n,m),(p)`: LAPACK's `geqr2` (Householder reflectors `H = I - tau v v^H` with
//! `v[0] = 1`, `beta = -sign(re(alpha)) * norm`) so that `(h, tau)` are in the layout and
//! convention NumPy's `mode='raw'` returns (`h` is the factored matrix transposed).
//! `p = min(m, n)`; outputs with `p` are given by the caller.

use faer::Mat;

use super::{core, four, guarded, Block, Def, Elem, Kind};
use crate::ufunc::loops::{LoopContext, LoopResult};

unsafe fn qr_impl<T: Elem, const MODE: u8>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    // MODE 0: r, 1: reduced, 2: complete.
    // `qr_complete` has no `p` in its signature.
    let ns = if MODE == 0 { 4 } else { 6 };
    let (d, s) = core(ctx, "qr", if MODE == 2 { 2 } else { 3 }, ns)?;
    let (m, n) = (d[0], d[1]);
    let p = m.min(n);
    for it in 0..len {
        let a = Block::new(ptrs, st, 0, it, s[0], s[1]);
        if p == 0 {
            if MODE == 2 {
                let q = Block::new(ptrs, st, 1, it, s[2], s[3]);
                // SAFETY: gufunc loop contract: `q` is m x m.
                unsafe { q.write(Mat::<T>::identity(m, m).as_ref()) };
            }
            continue;
        }
        let o1 = Block::new(ptrs, st, 1, it, s[2], s[3]);
        let o2 = if MODE == 0 {
            o1
        } else {
            Block::new(ptrs, st, 2, it, s[4], s[5])
        };
        guarded("qr", Kind::Qr, m, n, |_| {
            // SAFETY: gufunc loop contract: whole core blocks of `T`.
            let mat: Mat<T> = unsafe { a.read(m, n) };
            let f = mat.as_ref().qr();
            // SAFETY: as above.
            unsafe {
                match MODE {
                    0 => o1.write(f.thin_R()),
                    1 => {
                        o1.write(f.compute_thin_Q().as_ref());
                        o2.write(f.thin_R());
                    }
                    _ => {
                        o1.write(f.compute_Q().as_ref());
                        o2.write(f.R());
                    }
                }
            }
            Ok(())
        })?;
    }
    super::finish()
}

unsafe fn qr_r<T: Elem>(c: &LoopContext<'_>, p: &[*mut u8], n: usize, s: &[isize]) -> LoopResult {
    // SAFETY: forwarded loop contract.
    unsafe { qr_impl::<T, 0>(c, p, n, s) }
}
unsafe fn qr_reduced<T: Elem>(
    c: &LoopContext<'_>,
    p: &[*mut u8],
    n: usize,
    s: &[isize],
) -> LoopResult {
    // SAFETY: forwarded loop contract.
    unsafe { qr_impl::<T, 1>(c, p, n, s) }
}
unsafe fn qr_complete<T: Elem>(
    c: &LoopContext<'_>,
    p: &[*mut u8],
    n: usize,
    s: &[isize],
) -> LoopResult {
    // SAFETY: forwarded loop contract.
    unsafe { qr_impl::<T, 2>(c, p, n, s) }
}

/// LAPACK's `geqr2` on a column-major `m x n` matrix: returns `tau` (length `min(m, n)`).
pub(super) fn geqr2<T: Elem>(a: &mut [T], m: usize, n: usize) -> Vec<T> {
    let k = m.min(n);
    let mut tau = vec![T::e_zero(); k];
    for i in 0..k {
        let alpha = a[i + i * m];
        let xnorm: f64 = (i + 1..m)
            .map(|r| {
                let z = a[r + i * m];
                z.re().re_f64().powi(2) + z.im().re_f64().powi(2)
            })
            .sum::<f64>()
            .sqrt();
        let (ar, ai) = (alpha.re().re_f64(), alpha.im().re_f64());
        if xnorm == 0.0 && ai == 0.0 {
            continue;
        }
        let nrm = (ar * ar + ai * ai + xnorm * xnorm).sqrt();
        let beta = if ar >= 0.0 { -nrm } else { nrm };
        // tau = (beta - alpha) / beta; v = x / (alpha - beta).
        let t = (T::from_f64(beta) - alpha) / T::from_f64(beta);
        let scale = T::e_one() / (alpha - T::from_f64(beta));
        for r in i + 1..m {
            a[r + i * m] *= scale;
        }
        a[i + i * m] = T::from_f64(beta);
        tau[i] = t;
        // Apply H^H = I - conj(tau) v v^H to the trailing columns.
        let ct = t.conj_e();
        for c in i + 1..n {
            let mut w = a[i + c * m];
            for r in i + 1..m {
                w += a[r + i * m].conj_e() * a[r + c * m];
            }
            let f = ct * w;
            a[i + c * m] -= f;
            for r in i + 1..m {
                a[r + c * m] -= a[r + i * m] * f;
            }
        }
    }
    tau
}

unsafe fn qr_raw<T: Elem>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    let (d, s) = core(ctx, "qr_raw", 3, 5)?;
    let (m, n) = (d[0], d[1]);
    let mut buf: Vec<T> = Vec::with_capacity(m * n);
    for it in 0..len {
        let a = Block::new(ptrs, st, 0, it, s[0], s[1]);
        let h = Block::new(ptrs, st, 1, it, s[2], s[3]);
        let tb = Block::new(ptrs, st, 2, it, s[4], 0);
        buf.clear();
        for j in 0..n {
            for i in 0..m {
                // SAFETY: gufunc loop contract.
                buf.push(unsafe { a.get::<T>(i, j) });
            }
        }
        let tau = geqr2(&mut buf, m, n);
        // SAFETY: gufunc loop contract: `h` is n x m, `tau` has min(m, n) elements.
        unsafe {
            for j in 0..n {
                for i in 0..m {
                    h.set(j, i, buf[i + j * m]);
                }
            }
            for (i, t) in tau.iter().enumerate() {
                tb.set(i, 0, *t);
            }
        }
    }
    super::finish()
}

pub(super) fn defs(v: &mut Vec<Def>) {
    v.push(Def {
        name: "qr_r",
        nin: 1,
        nout: 1,
        sig: "(m,n)->(p,n)",
        doc: "R factor of the QR decomposition.",
        loops: four!(qr_r, "f->f", "d->d", "F->F", "D->D"),
        writes_all: false,
    });
    v.push(Def {
        name: "qr_reduced",
        nin: 1,
        nout: 2,
        sig: "(m,n)->(m,p),(p,n)",
        doc: "Reduced QR decomposition.",
        loops: four!(qr_reduced, "f->ff", "d->dd", "F->FF", "D->DD"),
        writes_all: false,
    });
    v.push(Def {
        name: "qr_complete",
        nin: 1,
        nout: 2,
        sig: "(m,n)->(m,m),(m,n)",
        doc: "Complete QR decomposition.",
        loops: four!(qr_complete, "f->ff", "d->dd", "F->FF", "D->DD"),
        writes_all: false,
    });
    v.push(Def {
        name: "qr_raw",
        nin: 1,
        nout: 2,
        sig: "(m,n)->(n,m),(p)",
        doc: "QR decomposition in LAPACK's raw (h, tau) form.",
        loops: four!(qr_raw, "f->ff", "d->dd", "F->FF", "D->DD"),
        writes_all: false,
    });
}
