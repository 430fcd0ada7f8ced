//! Singular value decomposition: `svd_n` `(m,n)->(p)` (values only), `svd_s`
//! `(m,n)->(m,p),(p),(p,n)` (reduced) and `svd_f` `(m,n)->(m,m),(p),(n,n)` (full), with
//! `p = min(m, n)` given by the caller's outputs. faer's divide-and-conquer SVD (LAPACK
//! `gesdd`). Singular values are real, non-negative, in decreasing order; `Vh` is the
//! conjugate transpose of faer's `V`. As NumPy, a matrix with NaN or infinity raises
//! `LinAlgError("SVD did not converge")`; an empty matrix has identity `U`/`Vh` when they
//! are full.

use faer::Mat;

use super::{all_finite, core, four, guarded, Block, Def, Elem, Kind, SVD_NO_CONV};
use crate::error::Error;
use crate::ufunc::loops::{LoopContext, LoopResult};

/// Write the `k x k` identity.
///
/// # Safety
/// As [`Block::set`].
unsafe fn eye<T: Elem>(b: &Block, k: usize) {
    for j in 0..k {
        for i in 0..k {
            let v = if i == j { T::e_one() } else { T::e_zero() };
            // SAFETY: the caller's contract.
            unsafe { b.set(i, j, v) };
        }
    }
}

unsafe fn svd_n<T: Elem>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    let (d, s) = core(ctx, "svd", 3, 3)?;
    let (m, n, p) = (d[0], d[1], d[2]);
    for it in 0..len {
        let a = Block::new(ptrs, st, 0, it, s[0], s[1]);
        let o = Block::new(ptrs, st, 1, it, s[2], 0);
        if p == 0 {
            continue;
        }
        guarded("svd", Kind::Svd, m, n, |_| {
            // SAFETY: gufunc loop contract: whole core blocks of `T`.
            let mat: Mat<T> = unsafe { a.read(m, n) };
            if !all_finite(mat.as_ref()) {
                return Err(Error::value(SVD_NO_CONV));
            }
            let sv = mat
                .as_ref()
                .singular_values()
                .map_err(|_| Error::value(SVD_NO_CONV))?;
            for (i, x) in sv.iter().enumerate().take(p) {
                // SAFETY: as above.
                unsafe { o.set::<T::Re>(i, 0, T::from_faer_real(x.clone())) };
            }
            Ok(())
        })?;
    }
    super::finish()
}

unsafe fn svd_uv<T: Elem, const FULL: bool>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    let (d, s) = core(ctx, "svd", 3, 7)?;
    let (m, n, p) = (d[0], d[1], d[2]);
    for it in 0..len {
        let a = Block::new(ptrs, st, 0, it, s[0], s[1]);
        let u = Block::new(ptrs, st, 1, it, s[2], s[3]);
        let sv = Block::new(ptrs, st, 2, it, s[4], 0);
        let vh = Block::new(ptrs, st, 3, it, s[5], s[6]);
        if p == 0 {
            if FULL {
                // SAFETY: gufunc loop contract.
                unsafe {
                    eye::<T>(&u, m);
                    eye::<T>(&vh, n);
                }
            }
            continue;
        }
        guarded("svd", Kind::Svd, m, n, |threads| {
            // SAFETY: gufunc loop contract: whole core blocks of `T`.
            let mat: Mat<T> = unsafe { a.read(m, n) };
            if !all_finite(mat.as_ref()) {
                return Err(Error::value(SVD_NO_CONV));
            }
            if !FULL && m >= 4 * n && n <= TALL_MAX_N {
                let (uu, sd, v) = tall_thin_svd(&mat)?;
                // SAFETY: as above.
                unsafe {
                    u.write(uu.as_ref());
                    vh.write_adjoint(v.as_ref());
                    for (i, x) in sd.iter().enumerate() {
                        sv.set::<T::Re>(i, 0, *x);
                    }
                }
                return Ok(());
            }
            let (uu, sd, vv) = faer_svd::<T>(&mat, FULL, threads)?;
            // SAFETY: as above.
            unsafe {
                u.write(uu.as_ref());
                vh.write_adjoint(vv.as_ref());
                for (i, x) in sd.iter().enumerate().take(p) {
                    sv.set::<T::Re>(i, 0, *x);
                }
            }
            Ok(())
        })?;
    }
    super::finish()
}

/// The size below which faer's divide-and-conquer SVD solves a bidiagonal block by the
/// QR algorithm (faer's default is 128; LAPACK's `gesdd` stops at 25). As for `eigh`, the
/// leaves' rotations are applied one by one, so smaller leaves win: svd of 500x500 on one
/// loaded Zen3 core, interleaved in one process, best of 7: leaf 16 141.6 ms, 25 140.0,
/// 32 140.4, 48 141.1, 64 148.7, 128 147.7 (the matrix products and faer's Level-2
/// bidiagonalisation are most of the rest).
const SVD_LEAF: usize = 32;

/// faer's SVD of `mat` on `threads` threads: `(U, S, V)`, full or thin vectors.
fn faer_svd<T: Elem>(mat: &Mat<T>, full: bool, threads: usize) -> Result<SvdParts<T>, Error> {
    use faer::dyn_stack::{MemBuffer, MemStack};
    use faer::linalg::svd::{svd, svd_scratch, ComputeSvdVectors, SvdParams};
    let (m, n) = (mat.nrows(), mat.ncols());
    let p = m.min(n);
    let par = super::faer_par(threads);
    let mut params: faer::Spec<SvdParams, T> = Default::default();
    params.recursion_threshold = SVD_LEAF;
    let (cv, ur, vc) = if full {
        (ComputeSvdVectors::Full, m, n)
    } else {
        (ComputeSvdVectors::Thin, p, p)
    };
    let mut u = Mat::<T>::zeros(m, ur);
    let mut v = Mat::<T>::zeros(n, vc);
    let mut s = faer::diag::Diag::<T>::zeros(p);
    let mut mem = MemBuffer::new(svd_scratch::<T>(m, n, cv, cv, par, params));
    svd(
        mat.as_ref(),
        s.as_mut(),
        Some(u.as_mut()),
        Some(v.as_mut()),
        par,
        MemStack::new(&mut mem),
        params,
    )
    .map_err(|_| Error::value(SVD_NO_CONV))?;
    let sd = s.column_vector();
    Ok((u, (0..p).map(|i| sd[i].re()).collect(), v))
}

/// Tall and skinny matrices (`m >= 4n`, `n <= TALL_MAX_N`, e.g. the Vandermonde matrix of
/// `polyfit`) go through a Householder QR first (LAPACK `gesdd` does the same): a few
/// streaming passes over the matrix, then an `n x n` SVD of `R`, and `U = Q U_R`.
const TALL_MAX_N: usize = 32;

/// `(U, S, V)` of an SVD.
type SvdParts<T> = (Mat<T>, Vec<<T as Elem>::Re>, Mat<T>);

/// Thin SVD of a tall `m x n` matrix through QR: `(U, S, V)`.
fn tall_thin_svd<T: Elem>(mat: &Mat<T>) -> Result<SvdParts<T>, Error> {
    let (m, n) = (mat.nrows(), mat.ncols());
    let mut a: Vec<T> = Vec::with_capacity(m * n);
    for j in 0..n {
        a.extend((0..m).map(|i| mat[(i, j)]));
    }
    let tau = super::qr::geqr2(&mut a, m, n);
    let r: Mat<T> = Mat::from_fn(n, n, |i, j| if i <= j { a[i + j * m] } else { T::e_zero() });
    let f = r.as_ref().svd().map_err(|_| Error::value(SVD_NO_CONV))?;
    let ur = f.U();
    let mut w: Vec<T> = vec![T::e_zero(); m * n];
    for j in 0..n {
        for i in 0..n {
            w[i + j * m] = ur[(i, j)];
        }
    }
    // Q [U_R; 0] = H_0 (H_1 (... H_{n-1} [U_R; 0])), H_i = I - tau_i v_i v_i^H.
    for i in (0..n).rev() {
        let t = tau[i];
        if t == T::e_zero() {
            continue;
        }
        let v = &a[i * m..(i + 1) * m];
        for c in 0..n {
            let col = &mut w[c * m..(c + 1) * m];
            let mut dot = col[i];
            for r in i + 1..m {
                dot += v[r].conj_e() * col[r];
            }
            let g = t * dot;
            col[i] -= g;
            for r in i + 1..m {
                col[r] -= v[r] * g;
            }
        }
    }
    let u = Mat::from_fn(m, n, |i, j| w[i + j * m]);
    let sd = f.S().column_vector();
    let s: Vec<T::Re> = (0..n).map(|i| sd[i].re()).collect();
    Ok((u, s, f.V().to_owned()))
}

unsafe fn svd_s<T: Elem>(c: &LoopContext<'_>, p: &[*mut u8], n: usize, s: &[isize]) -> LoopResult {
    // SAFETY: forwarded loop contract.
    unsafe { svd_uv::<T, false>(c, p, n, s) }
}

unsafe fn svd_f<T: Elem>(c: &LoopContext<'_>, p: &[*mut u8], n: usize, s: &[isize]) -> LoopResult {
    // SAFETY: forwarded loop contract.
    unsafe { svd_uv::<T, true>(c, p, n, s) }
}

pub(super) fn defs(v: &mut Vec<Def>) {
    v.push(Def {
        name: "svd_n",
        nin: 1,
        nout: 1,
        sig: "(m,n)->(p)",
        doc: "Singular values.",
        loops: four!(svd_n, "f->f", "d->d", "F->f", "D->d"),
        writes_all: false,
    });
    v.push(Def {
        name: "svd_s",
        nin: 1,
        nout: 3,
        sig: "(m,n)->(m,p),(p),(p,n)",
        doc: "Reduced singular value decomposition.",
        loops: four!(svd_s, "f->fff", "d->ddd", "F->FfF", "D->DdD"),
        writes_all: false,
    });
    v.push(Def {
        name: "svd_f",
        nin: 1,
        nout: 3,
        sig: "(m,n)->(m,m),(p),(n,n)",
        doc: "Full singular value decomposition.",
        loops: four!(svd_f, "f->fff", "d->ddd", "F->FfF", "D->DdD"),
        writes_all: false,
    });
}
