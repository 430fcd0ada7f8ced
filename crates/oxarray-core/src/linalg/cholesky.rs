//! `cholesky_lo` / `cholesky_up`: `(m,m)->(m,m)`, faer's blocked Cholesky (LAPACK `potrf`).
//!
//! As NumPy, only the named triangle is read (`lo`: `A = L L^H` from the lower triangle;
//! `up`: `A = U^H U` from the upper one), the other triangle of the result is zero, and a
//! matrix that is not positive definite raises
//! `LinAlgError("Matrix is not positive definite")`. Small matrices, and matrices with
//! NaN (which LAPACK, and so NumPy, lets through as NaN results), use an unblocked
//! Cholesky (LAPACK's `potf2`: fails only when a pivot is `<= 0`).

use faer::Mat;

use super::{Kind, all_finite, core, four, guarded, large, Block, Def, Elem, NOT_POSDEF};
use crate::error::{Error, Result};

/// Unblocked lower Cholesky of the lower triangle of `m` (column-major, in place).
fn potf2<T: Elem>(m: &mut Mat<T>) -> Result<()> {
    let n = m.nrows();
    for j in 0..n {
        let mut ajj = m[(j, j)].re().re_f64();
        for k in 0..j {
            let l = m[(j, k)];
            ajj -= l.re().re_f64().powi(2) + l.im().re_f64().powi(2);
        }
        if ajj <= 0.0 {
            return Err(Error::value(NOT_POSDEF));
        }
        let ljj = ajj.sqrt();
        m[(j, j)] = T::from_f64(ljj);
        for i in j + 1..n {
            let mut v = m[(i, j)];
            for k in 0..j {
                v -= m[(i, k)] * m[(j, k)].conj_e();
            }
            m[(i, j)] = v / T::from_f64(ljj);
        }
        for i in 0..j {
            m[(i, j)] = T::e_zero();
        }
    }
    super::finish()
}
use crate::ufunc::loops::{LoopContext, LoopResult};

unsafe fn chol<T: Elem, const UPPER: bool>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    let (d, s) = core(ctx, "cholesky", 1, 4)?;
    let n = d[0];
    for it in 0..len {
        let a = Block::new(ptrs, st, 0, it, s[0], s[1]);
        let o = Block::new(ptrs, st, 1, it, s[2], s[3]);
        guarded("cholesky", Kind::Cholesky, n, n, |threads| {
            // The named triangle as the lower one: `A^H` read straight from the block
            // for `upper` (rows and columns swapped, then conjugated).
            let src = if UPPER {
                Block {
                    ptr: a.ptr,
                    rs: a.cs,
                    cs: a.rs,
                }
            } else {
                a
            };
            // SAFETY: gufunc loop contract: whole core blocks of `T`.
            let mut m: Mat<T> = unsafe { src.read(n, n) };
            if UPPER && std::mem::size_of::<T>() != std::mem::size_of::<T::Re>() {
                for j in 0..n {
                    for i in j..n {
                        m[(i, j)] = m[(i, j)].conj_e();
                    }
                }
            }
            let l = if large(n) && all_finite(m.as_ref()) {
                use faer::dyn_stack::{MemBuffer, MemStack};
                use faer::linalg::cholesky::llt::factor::{
                    cholesky_in_place, cholesky_in_place_scratch,
                };
                let par = super::faer_par(threads);
                let mut mem = MemBuffer::new(cholesky_in_place_scratch::<T>(
                    n,
                    par,
                    Default::default(),
                ));
                cholesky_in_place(
                    m.as_mut(),
                    Default::default(),
                    par,
                    MemStack::new(&mut mem),
                    Default::default(),
                )
                .map_err(|_| Error::value(NOT_POSDEF))?;
                // The strict upper triangle still holds the input.
                for j in 1..n {
                    for i in 0..j {
                        m[(i, j)] = T::e_zero();
                    }
                }
                m.as_ref()
            } else {
                potf2(&mut m)?;
                m.as_ref()
            };
            // SAFETY: as above.
            unsafe {
                if UPPER {
                    o.write_adjoint(l);
                } else {
                    o.write(l);
                }
            }
            Ok(())
        })?;
    }
    super::finish()
}

unsafe fn chol_lo<T: Elem>(
    c: &LoopContext<'_>,
    p: &[*mut u8],
    n: usize,
    s: &[isize],
) -> LoopResult {
    // SAFETY: forwarded loop contract.
    unsafe { chol::<T, false>(c, p, n, s) }
}

unsafe fn chol_up<T: Elem>(
    c: &LoopContext<'_>,
    p: &[*mut u8],
    n: usize,
    s: &[isize],
) -> LoopResult {
    // SAFETY: forwarded loop contract.
    unsafe { chol::<T, true>(c, p, n, s) }
}

pub(super) fn defs(v: &mut Vec<Def>) {
    v.push(Def {
        name: "cholesky_lo",
        nin: 1,
        nout: 1,
        sig: "(m,m)->(m,m)",
        doc: "Lower Cholesky factor.",
        loops: four!(chol_lo, "f->f", "d->d", "F->F", "D->D"),
    });
    v.push(Def {
        name: "cholesky_up",
        nin: 1,
        nout: 1,
        sig: "(m,m)->(m,m)",
        doc: "Upper Cholesky factor.",
        loops: four!(chol_up, "f->f", "d->d", "F->F", "D->D"),
    });
}
