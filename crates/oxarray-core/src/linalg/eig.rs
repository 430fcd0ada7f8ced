//! Eigen decompositions.
//!
//! Self-adjoint (`eigh_lo`/`eigh_up` `(m,m)->(m),(m,m)`, `eigvalsh_lo`/`eigvalsh_up`
//! `(m,m)->(m)`): only the named triangle is read (the Hermitian matrix is rebuilt from it,
//! the imaginary part of the diagonal ignored, as LAPACK's `heevd`), eigenvalues are real
//! and ascending, eigenvectors orthonormal columns.
//!
//! General (`eig` `(m,m)->(m),(m,m)`, `eigvals` `(m,m)->(m)`): complex results for every
//! input type (the Python layer returns real arrays for real input whose eigenvalues are
//! all real, as NumPy does); eigenvectors are normalized to unit 2-norm, as LAPACK's
//! `geev`. Non-finite input raises `LinAlgError("Eigenvalues did not converge")`.

use faer::Mat;
use num_complex::Complex;

use super::{all_finite, core, fill_nan, four, guarded, Block, Def, Elem, Kind, EIG_NO_CONV};
use crate::error::{Error, Result};
use crate::ufunc::loops::{LoopContext, LoopResult};

/// The Hermitian matrix whose lower (or upper) triangle is that of the block, as a full
/// matrix's lower triangle (what faer reads with `Side::Lower`).
///
/// # Safety
/// `a` is a valid `n x n` block of `T`s.
unsafe fn hermitian_lower<T: Elem>(a: &Block, n: usize, upper: bool) -> Mat<T> {
    Mat::from_fn(n, n, |i, j| {
        // SAFETY: the caller's contract.
        let v: T = unsafe {
            if i == j {
                T::from_re(a.get::<T>(i, i).re())
            } else if upper {
                if i > j {
                    a.get::<T>(j, i).conj_e()
                } else {
                    a.get::<T>(i, j)
                }
            } else if i > j {
                a.get::<T>(i, j)
            } else {
                a.get::<T>(j, i).conj_e()
            }
        };
        v
    })
}

/// The size below which faer's divide-and-conquer solves a tridiagonal block by the QR
/// algorithm (faer's default is 128; LAPACK's `stedc` stops at 25). The leaves' QR
/// iterations apply their rotations one by one, so smaller leaves, with more of the work
/// in the merges' matrix products, were faster: eigh of 500x500 on one Zen3 core
/// 37.3 -> 35.9 ms (64: 36.1 ms, 256: 45.1 ms), in the same process as NumPy's 30 ms.
const EIGH_LEAF: usize = 32;

/// faer's self-adjoint eigen decomposition of the lower triangle of `m` on `threads`
/// threads: ascending eigenvalues and, with `vecs`, the eigenvectors as columns.
#[allow(clippy::type_complexity)]
fn sa_evd<T: Elem>(
    m: faer::MatRef<'_, T>,
    vecs: bool,
    threads: usize,
) -> Result<(Vec<T::Re>, Option<Mat<T>>)> {
    use faer::dyn_stack::{MemBuffer, MemStack};
    use faer::linalg::evd::{
        self_adjoint_evd, self_adjoint_evd_scratch, ComputeEigenvectors, SelfAdjointEvdParams,
    };
    let n = m.nrows();
    let par = super::faer_par(threads);
    let mut params: faer::Spec<SelfAdjointEvdParams, T> = Default::default();
    params.recursion_threshold = EIGH_LEAF;
    let cu = if vecs {
        ComputeEigenvectors::Yes
    } else {
        ComputeEigenvectors::No
    };
    let mut u = if vecs {
        Some(Mat::<T>::zeros(n, n))
    } else {
        None
    };
    let mut s = faer::diag::Diag::<T>::zeros(n);
    let mut mem = MemBuffer::new(self_adjoint_evd_scratch::<T>(n, cu, par, params));
    self_adjoint_evd(
        m,
        s.as_mut(),
        u.as_mut().map(|u| u.as_mut()),
        par,
        MemStack::new(&mut mem),
        params,
    )
    .map_err(|_| Error::value(EIG_NO_CONV))?;
    let sv = s.column_vector();
    Ok(((0..n).map(|i| sv[i].re()).collect(), u))
}

/// The self-adjoint eigen decomposition with vectors of one element type.
trait SaEvd: Elem {
    #[allow(clippy::type_complexity)]
    fn sa_evd_vecs(m: Mat<Self>, threads: usize) -> Result<(Vec<Self::Re>, Option<Mat<Self>>)>;
}

impl SaEvd for Complex<f32> {
    fn sa_evd_vecs(m: Mat<Self>, threads: usize) -> Result<(Vec<f32>, Option<Mat<Self>>)> {
        sa_evd::<Self>(m.as_ref(), true, threads)
    }
}
impl SaEvd for Complex<f64> {
    fn sa_evd_vecs(m: Mat<Self>, threads: usize) -> Result<(Vec<f64>, Option<Mat<Self>>)> {
        sa_evd::<Self>(m.as_ref(), true, threads)
    }
}

/// Real symmetric input, as LAPACK's `syevd`: faer's Householder tridiagonalization
/// (block factors of faer's recommended size, as faer's own solver), the divide and
/// conquer of [`super::stedc`] on the tridiagonal matrix, then the reflectors applied to
/// its eigenvectors blockwise (faer's `apply_block_householder_sequence_on_the_left`).
macro_rules! sa_evd_real {
    ($t:ty, $dc:path) => {
        impl SaEvd for $t {
            fn sa_evd_vecs(m: Mat<$t>, threads: usize) -> Result<(Vec<$t>, Option<Mat<$t>>)> {
                use faer::dyn_stack::{MemBuffer, MemStack, StackReq};
                use faer::linalg::evd::tridiag::{tridiag_in_place, tridiag_in_place_scratch};
                use faer::linalg::householder::{
                    apply_block_householder_sequence_on_the_left_in_place_scratch,
                    apply_block_householder_sequence_on_the_left_in_place_with_conj,
                };
                let n = m.nrows();
                if n < EIGH_LEAF {
                    return sa_evd::<$t>(m.as_ref(), true, threads);
                }
                let par = super::faer_par(threads);
                let mut trid = m;
                let bs = faer::linalg::qr::no_pivoting::factor::recommended_block_size::<$t>(n, n);
                let mut hh = Mat::<$t>::zeros(bs, n - 1);
                let mut mem = MemBuffer::new(StackReq::any_of(&[
                    tridiag_in_place_scratch::<$t>(n, par, Default::default()),
                    apply_block_householder_sequence_on_the_left_in_place_scratch::<$t>(
                        n - 1,
                        bs,
                        n,
                    ),
                ]));
                tridiag_in_place(
                    trid.as_mut(),
                    hh.as_mut(),
                    par,
                    MemStack::new(&mut mem),
                    Default::default(),
                );
                let mut d: Vec<$t> = (0..n).map(|i| trid[(i, i)]).collect();
                let mut e: Vec<$t> = (0..n - 1).map(|i| trid[(i + 1, i)]).collect();
                let mut u = Mat::<$t>::zeros(n, n);
                $dc(&mut d, &mut e, u.as_mut(), threads, EIGH_LEAF)
                    .map_err(|_| Error::value(EIG_NO_CONV))?;
                apply_block_householder_sequence_on_the_left_in_place_with_conj(
                    trid.as_ref().submatrix(1, 0, n - 1, n - 1),
                    hh.as_ref(),
                    faer::Conj::No,
                    u.as_mut().subrows_mut(1, n - 1),
                    par,
                    MemStack::new(&mut mem),
                );
                Ok((d, Some(u)))
            }
        }
    };
}
sa_evd_real!(f64, super::stedc::f64s::stedc);
sa_evd_real!(f32, super::stedc::f32s::stedc);

/// The real types, with their root-free tridiagonal eigenvalue solver.
trait Sterf: Sized {
    fn sterf(d: &mut [Self], e: &mut [Self]) -> std::result::Result<(), usize>;
}
impl Sterf for f64 {
    fn sterf(d: &mut [f64], e: &mut [f64]) -> std::result::Result<(), usize> {
        super::sterf::sterf_f64(d, e)
    }
}
impl Sterf for f32 {
    fn sterf(d: &mut [f32], e: &mut [f32]) -> std::result::Result<(), usize> {
        super::sterf::sterf_f32(d, e)
    }
}

/// The eigenvalues, ascending, of the Hermitian matrix whose lower triangle is that of
/// `m` (overwritten), as LAPACK's `syevd`/`heevd` without vectors: faer's Householder
/// reduction to a real symmetric tridiagonal matrix, then the root-free QL/QR iteration
/// ([`super::sterf`]).
fn sa_eigvals<T: Elem>(m: &mut Mat<T>, threads: usize) -> Result<Vec<T::Re>>
where
    T::Re: Sterf,
{
    use faer::dyn_stack::{MemBuffer, MemStack};
    use faer::linalg::evd::tridiag::{tridiag_in_place, tridiag_in_place_scratch};
    let n = m.nrows();
    if n == 0 {
        return Ok(Vec::new());
    }
    let par = super::faer_par(threads);
    // One row of Householder factors: the block factors (only needed to apply the
    // reflectors) are then trivial.
    let mut h = Mat::<T>::zeros(1, n - 1);
    let mut mem = MemBuffer::new(tridiag_in_place_scratch::<T>(n, par, Default::default()));
    tridiag_in_place(
        m.as_mut(),
        h.as_mut(),
        par,
        MemStack::new(&mut mem),
        Default::default(),
    );
    let mut d: Vec<T::Re> = (0..n).map(|i| m[(i, i)].re()).collect();
    // The reduction leaves a complex subdiagonal for complex input; its moduli give the
    // same eigenvalues (a diagonal unitary similarity), as faer and LAPACK do.
    let mut e: Vec<T::Re> = (0..n - 1).map(|i| m[(i + 1, i)].modulus()).collect();
    if T::Re::sterf(&mut d, &mut e).is_err() {
        return Err(Error::value(EIG_NO_CONV));
    }
    Ok(d)
}

unsafe fn eigh<T: SaEvd, const UPPER: bool, const VECS: bool>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult
where
    T::Re: Sterf,
{
    let (d, s) = core(ctx, "eigh", 1, if VECS { 5 } else { 3 })?;
    let n = d[0];
    for it in 0..len {
        let a = Block::new(ptrs, st, 0, it, s[0], s[1]);
        let w = Block::new(ptrs, st, 1, it, s[2], 0);
        if n == 0 {
            continue;
        }
        // The eigenvector block (unused, and a copy of `w`, without vectors).
        let vb = if VECS {
            Block::new(ptrs, st, 2, it, s[3], s[4])
        } else {
            w
        };
        guarded("eigh", Kind::Eigh, n, n, |threads| {
            // SAFETY: gufunc loop contract: whole core blocks of `T`.
            let m: Mat<T> = unsafe { hermitian_lower::<T>(&a, n, UPPER) };
            if !all_finite(m.as_ref()) {
                // LAPACK gives garbage or NaN here and NumPy does not raise: NaN.
                // SAFETY: as above.
                unsafe {
                    fill_nan::<T::Re>(&w, n, 1);
                    if VECS {
                        fill_nan::<T>(&vb, n, n);
                    }
                }
                return Ok(());
            }
            let (vals, u) = if VECS {
                T::sa_evd_vecs(m, threads)?
            } else {
                let mut m = m;
                (sa_eigvals::<T>(&mut m, threads)?, None)
            };
            // SAFETY: as above.
            unsafe {
                for (i, x) in vals.iter().enumerate() {
                    w.set::<T::Re>(i, 0, *x);
                }
                if let Some(u) = u {
                    vb.write(u.as_ref());
                }
            }
            Ok(())
        })?;
    }
    super::finish()
}

unsafe fn eigh_lo<T: SaEvd>(c: &LoopContext<'_>, p: &[*mut u8], n: usize, s: &[isize]) -> LoopResult
where
    T::Re: Sterf,
{
    // SAFETY: forwarded loop contract.
    unsafe { eigh::<T, false, true>(c, p, n, s) }
}
unsafe fn eigh_up<T: SaEvd>(c: &LoopContext<'_>, p: &[*mut u8], n: usize, s: &[isize]) -> LoopResult
where
    T::Re: Sterf,
{
    // SAFETY: forwarded loop contract.
    unsafe { eigh::<T, true, true>(c, p, n, s) }
}
unsafe fn eigvalsh_lo<T: SaEvd>(
    c: &LoopContext<'_>,
    p: &[*mut u8],
    n: usize,
    s: &[isize],
) -> LoopResult
where
    T::Re: Sterf,
{
    // SAFETY: forwarded loop contract.
    unsafe { eigh::<T, false, false>(c, p, n, s) }
}
unsafe fn eigvalsh_up<T: SaEvd>(
    c: &LoopContext<'_>,
    p: &[*mut u8],
    n: usize,
    s: &[isize],
) -> LoopResult
where
    T::Re: Sterf,
{
    // SAFETY: forwarded loop contract.
    unsafe { eigh::<T, true, false>(c, p, n, s) }
}

/// Eigenvalues and (when asked for) eigenvectors as columns.
type EigOut<C> = (Vec<C>, Option<Mat<C>>);

/// The general eigen solver of one element type: eigenvalues and, when asked for,
/// eigenvectors (columns), both complex.
trait GeneralEig: Elem {
    fn general_eig(m: &Mat<Self>, vecs: bool) -> Result<EigOut<Self::Cx>>;
}

macro_rules! general_eig {
    ($t:ty, $r:ty) => {
        impl GeneralEig for $t {
            fn general_eig(m: &Mat<$t>, vecs: bool) -> Result<EigOut<Complex<$r>>> {
                let err = |_| Error::value(EIG_NO_CONV);
                if vecs {
                    let e = m.as_ref().eigen().map_err(err)?;
                    let s = e.S().column_vector();
                    let w: Vec<Complex<$r>> = (0..m.nrows()).map(|i| s[i]).collect();
                    Ok((w, Some(e.U().to_owned())))
                } else {
                    Ok((m.as_ref().eigenvalues().map_err(err)?, None))
                }
            }
        }
    };
}
general_eig!(f32, f32);
general_eig!(f64, f64);
general_eig!(Complex<f32>, f32);
general_eig!(Complex<f64>, f64);

unsafe fn eig_impl<T: GeneralEig, const VECS: bool>(
    ctx: &LoopContext<'_>,
    ptrs: &[*mut u8],
    len: usize,
    st: &[isize],
) -> LoopResult {
    let (d, s) = core(ctx, "eig", 1, if VECS { 5 } else { 3 })?;
    let n = d[0];
    for it in 0..len {
        let a = Block::new(ptrs, st, 0, it, s[0], s[1]);
        let w = Block::new(ptrs, st, 1, it, s[2], 0);
        if n == 0 {
            continue;
        }
        // The eigenvector block (unused, and a copy of `w`, without vectors).
        let vb = if VECS {
            Block::new(ptrs, st, 2, it, s[3], s[4])
        } else {
            w
        };
        guarded("eig", Kind::Eig, n, n, |_| {
            // SAFETY: gufunc loop contract: whole core blocks of `T`.
            let m: Mat<T> = unsafe { a.read(n, n) };
            if !all_finite(m.as_ref()) {
                return Err(Error::value(EIG_NO_CONV));
            }
            let (vals, vecs) = T::general_eig(&m, VECS)?;
            for (i, x) in vals.iter().enumerate() {
                // SAFETY: as above.
                unsafe { w.set::<T::Cx>(i, 0, *x) };
            }
            if let Some(mut u) = vecs {
                let v = vb;
                for j in 0..n {
                    let nrm: f64 = (0..n)
                        .map(|i| {
                            let z = u[(i, j)];
                            z.re().re_f64().powi(2) + z.im().re_f64().powi(2)
                        })
                        .sum::<f64>()
                        .sqrt();
                    if nrm > 0.0 && nrm.is_finite() {
                        let f = <T::Cx as Elem>::from_f64(1.0 / nrm);
                        for i in 0..n {
                            u[(i, j)] *= f;
                        }
                    } else {
                        // faer gives no vector for some defective matrices; LAPACK gives
                        // one: take the null vector of `A - lambda I` (the right singular
                        // vector of its smallest singular value).
                        let lam = vals[j];
                        let shifted: Mat<T::Cx> = Mat::from_fn(n, n, |r, c| {
                            let x = m[(r, c)].to_cx();
                            if r == c {
                                x - lam
                            } else {
                                x
                            }
                        });
                        let sv = shifted
                            .as_ref()
                            .svd()
                            .map_err(|_| Error::value(EIG_NO_CONV))?;
                        let vv = sv.V();
                        for i in 0..n {
                            u[(i, j)] = vv[(i, n - 1)];
                        }
                    }
                }
                // SAFETY: as above.
                unsafe { v.write(u.as_ref()) };
            }
            Ok(())
        })?;
    }
    super::finish()
}

unsafe fn eig<T: GeneralEig>(
    c: &LoopContext<'_>,
    p: &[*mut u8],
    n: usize,
    s: &[isize],
) -> LoopResult {
    // SAFETY: forwarded loop contract.
    unsafe { eig_impl::<T, true>(c, p, n, s) }
}
unsafe fn eigvals<T: GeneralEig>(
    c: &LoopContext<'_>,
    p: &[*mut u8],
    n: usize,
    s: &[isize],
) -> LoopResult {
    // SAFETY: forwarded loop contract.
    unsafe { eig_impl::<T, false>(c, p, n, s) }
}

pub(super) fn defs(v: &mut Vec<Def>) {
    for (name, f, doc) in [
        (
            "eigh_lo",
            four!(eigh_lo, "f->ff", "d->dd", "F->fF", "D->dD"),
            "Eigen decomposition of Hermitian matrices (lower triangle).",
        ),
        (
            "eigh_up",
            four!(eigh_up, "f->ff", "d->dd", "F->fF", "D->dD"),
            "Eigen decomposition of Hermitian matrices (upper triangle).",
        ),
        (
            "eig",
            four!(eig, "f->FF", "d->DD", "F->FF", "D->DD"),
            "Eigen decomposition of general square matrices.",
        ),
    ] {
        v.push(Def {
            name,
            nin: 1,
            nout: 2,
            sig: "(m,m)->(m),(m,m)",
            doc,
            loops: f,
            writes_all: false,
        });
    }
    for (name, f, doc) in [
        (
            "eigvalsh_lo",
            four!(eigvalsh_lo, "f->f", "d->d", "F->f", "D->d"),
            "Eigenvalues of Hermitian matrices (lower triangle).",
        ),
        (
            "eigvalsh_up",
            four!(eigvalsh_up, "f->f", "d->d", "F->f", "D->d"),
            "Eigenvalues of Hermitian matrices (upper triangle).",
        ),
        (
            "eigvals",
            four!(eigvals, "f->F", "d->D", "F->F", "D->D"),
            "Eigenvalues of general square matrices.",
        ),
    ] {
        v.push(Def {
            name,
            nin: 1,
            nout: 1,
            sig: "(m,m)->(m)",
            doc,
            loops: f,
            writes_all: false,
        });
    }
}
