//! Linear algebra: the generalized ufuncs behind `oxarray.linalg` (NumPy's
//! `_umath_linalg`), computed with `faer` for large matrices and with small unblocked
//! LAPACK-style kernels for tiny ones.
//!
//! How it fits together:
//! 1. Every batched operation is a gufunc (`inv`: `(m,m)->(m,m)`, `solve`:
//!    `(m,m),(m,n)->(m,n)`, ...) on the engine of `crate::ufunc::gufunc`, so broadcasting
//!    of the stack axes, casting and `out=` come from one mechanism. The loops are
//!    registered for float32, float64, complex64 and complex128 (`f d F D`), as NumPy's;
//!    the Python layer converts integers to float64 first (NumPy's `_commonType`).
//! 2. A loop reads each core block into an owned column-major matrix (so inputs are never
//!    overwritten and any strides work), factors it, and writes the results back at the
//!    output's strides.
//! 3. Failures NumPy reports as `LinAlgError` are `ValueError`s with NumPy's exact
//!    messages ([`SINGULAR`], [`NOT_POSDEF`], ...); the Python crate maps those messages
//!    onto `LinAlgError`. A panic inside `faer` is caught and reported the same way,
//!    never unwinding into the engine.
//! 4. Outputs whose core size no input has (`p = min(m, n)` of `svd`/`qr`) are passed in
//!    by the caller (the engine requires a given output for output-only dimensions).
//!
//! Files: `lu.rs` (inv, solve, det, slogdet), `cholesky.rs`, `qr.rs`, `svd.rs`, `eig.rs`
//! (general and self-adjoint).

mod cholesky;
mod eig;
mod lu;
mod qr;
mod stedc;
mod sterf;
mod svd;

use std::collections::HashMap;
use std::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};
use std::sync::{Arc, LazyLock};

use faer::{Mat, MatRef};
use num_complex::Complex;

use crate::dtype::{Builtin, DType};
use crate::error::{Error, Result};
use crate::ufunc::loops::{
    Identity, LoopContext, LoopEntry, LoopFn, LoopResult, ResolverHint, UfuncDef,
};
use crate::ufunc::Ufunc;

/// NumPy's message for a singular matrix in `inv`/`solve`.
pub const SINGULAR: &str = "Singular matrix";
/// NumPy's message for a failed Cholesky factorization.
pub const NOT_POSDEF: &str = "Matrix is not positive definite";
/// NumPy's message for a failed SVD.
pub const SVD_NO_CONV: &str = "SVD did not converge";
/// NumPy's message for a failed eigen decomposition.
pub const EIG_NO_CONV: &str = "Eigenvalues did not converge";

/// The messages that the Python layer turns into `LinAlgError`.
pub const LINALG_ERROR_MESSAGES: &[&str] = &[SINGULAR, NOT_POSDEF, SVD_NO_CONV, EIG_NO_CONV];

/// An element type of the linear-algebra loops: `f32`, `f64`, `Complex<f32>`,
/// `Complex<f64>`, with the few operations the small kernels need.
pub(crate) trait Elem:
    Copy
    + Send
    + Sync
    + 'static
    + PartialEq
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + AddAssign
    + SubAssign
    + MulAssign
    + DivAssign
    + faer::traits::ComplexField
{
    /// The real type (`f32` or `f64`).
    type Re: Elem<Re = Self::Re> + PartialOrd;
    /// The complex type with this real type.
    type Cx: Elem<Re = Self::Re>;
    /// Zero.
    fn e_zero() -> Self;
    /// One.
    fn e_one() -> Self;
    /// LAPACK's pivot size: `|x|` for reals, `|re| + |im|` for complex (`cabs1`).
    fn abs1(self) -> f64;
    /// The modulus.
    fn modulus(self) -> Self::Re;
    /// The real part.
    fn re(self) -> Self::Re;
    /// The imaginary part (zero for reals).
    fn im(self) -> Self::Re;
    /// A value from its real part.
    fn from_re(r: Self::Re) -> Self;
    /// The complex conjugate.
    fn conj_e(self) -> Self;
    /// As `f64` (real part).
    fn re_f64(self) -> f64;
    /// From an `f64` (real).
    fn from_f64(x: f64) -> Self;
    /// Whether every component is finite.
    fn finite(self) -> bool;
    /// The value in the complex type.
    fn to_cx(self) -> Self::Cx;
    /// A real value as faer returns it (singular values, eigenvalues).
    fn from_faer_real(x: <Self as faer::traits::ComplexField>::Real) -> Self::Re;
}

macro_rules! real_elem {
    ($t:ty) => {
        impl Elem for $t {
            type Re = $t;
            type Cx = Complex<$t>;
            fn e_zero() -> Self {
                0.0
            }
            fn e_one() -> Self {
                1.0
            }
            fn abs1(self) -> f64 {
                f64::from(self.abs())
            }
            fn modulus(self) -> $t {
                self.abs()
            }
            fn re(self) -> $t {
                self
            }
            fn im(self) -> $t {
                0.0
            }
            fn from_re(r: $t) -> Self {
                r
            }
            fn conj_e(self) -> Self {
                self
            }
            fn re_f64(self) -> f64 {
                f64::from(self)
            }
            fn from_f64(x: f64) -> Self {
                x as $t
            }
            fn finite(self) -> bool {
                self.is_finite()
            }
            fn from_faer_real(x: $t) -> $t {
                x
            }
            fn to_cx(self) -> Complex<$t> {
                Complex::new(self, 0.0)
            }
        }
    };
}
real_elem!(f32);
real_elem!(f64);

macro_rules! complex_elem {
    ($t:ty) => {
        impl Elem for Complex<$t> {
            type Re = $t;
            type Cx = Complex<$t>;
            fn e_zero() -> Self {
                Complex::new(0.0, 0.0)
            }
            fn e_one() -> Self {
                Complex::new(1.0, 0.0)
            }
            fn abs1(self) -> f64 {
                f64::from(self.re.abs()) + f64::from(self.im.abs())
            }
            fn modulus(self) -> $t {
                self.norm()
            }
            fn re(self) -> $t {
                self.re
            }
            fn im(self) -> $t {
                self.im
            }
            fn from_re(r: $t) -> Self {
                Complex::new(r, 0.0)
            }
            fn conj_e(self) -> Self {
                self.conj()
            }
            fn re_f64(self) -> f64 {
                f64::from(self.re)
            }
            fn from_f64(x: f64) -> Self {
                Complex::new(x as $t, 0.0)
            }
            fn finite(self) -> bool {
                self.re.is_finite() && self.im.is_finite()
            }
            fn from_faer_real(x: $t) -> $t {
                x
            }
            fn to_cx(self) -> Complex<$t> {
                self
            }
        }
    };
}
complex_elem!(f32);
complex_elem!(f64);

/// The tile side of the transposing copies of [`Block::read`] and [`Block::write`].
const TILE: usize = 32;

/// A strided core block of one operand: base pointer and byte strides of rows/columns.
#[derive(Clone, Copy)]
pub(crate) struct Block {
    ptr: *mut u8,
    rs: isize,
    cs: isize,
}

// SAFETY: a block is only a pointer into an operand the engine keeps alive for the whole
// loop call; it is handed to the one-thread pool of `with_par`, which runs the closure to
// completion before the loop continues, so no access outlives the call or races.
unsafe impl Send for Block {}
// SAFETY: see above; concurrent use only reads through `get` or writes disjoint elements.
unsafe impl Sync for Block {}

impl Block {
    /// The block of operand `op` at loop iteration `it`, with its two core strides taken
    /// from `ctx.core_strides[first..first + 2]` (one for a vector: `cs` is unused).
    fn new(
        ptrs: &[*mut u8],
        strides: &[isize],
        op: usize,
        it: usize,
        rs: isize,
        cs: isize,
    ) -> Self {
        Block {
            ptr: ptrs[op].wrapping_offset(it as isize * strides[op]),
            rs,
            cs,
        }
    }
    /// The same memory as the transposed block (rows and columns swapped).
    fn swapped(&self) -> Self {
        Block {
            ptr: self.ptr,
            rs: self.cs,
            cs: self.rs,
        }
    }
    /// Read element `(i, j)`.
    ///
    /// # Safety
    /// `(i, j)` lies inside the block, which holds `T`s (the gufunc loop contract).
    #[inline]
    unsafe fn get<T: Copy>(&self, i: usize, j: usize) -> T {
        let p = self
            .ptr
            .wrapping_offset(i as isize * self.rs + j as isize * self.cs);
        // SAFETY: the caller's contract; unaligned reads are fine for any strides.
        unsafe { (p as *const T).read_unaligned() }
    }
    /// Write element `(i, j)`.
    ///
    /// # Safety
    /// As [`Block::get`], and the block is writable.
    #[inline]
    unsafe fn set<T: Copy>(&self, i: usize, j: usize, v: T) {
        let p = self
            .ptr
            .wrapping_offset(i as isize * self.rs + j as isize * self.cs);
        // SAFETY: the caller's contract.
        unsafe { (p as *mut T).write_unaligned(v) }
    }
    /// Copy the `r x c` block into an owned (column-major) matrix. A block whose rows
    /// are contiguous (C order) is read by 32 x 32 tiles, so the transposing copy walks
    /// memory in cache lines rather than one line per element.
    ///
    /// # Safety
    /// As [`Block::get`] for every `(i, j)` with `i < r`, `j < c`.
    unsafe fn read<T: Elem>(&self, r: usize, c: usize) -> Mat<T> {
        let es = std::mem::size_of::<T>() as isize;
        if self.rs == es || r < TILE || c < TILE {
            // SAFETY: the caller's contract.
            return Mat::from_fn(r, c, |i, j| unsafe { self.get::<T>(i, j) });
        }
        let mut m = Mat::<T>::with_capacity(r, c);
        // SAFETY: every element is written below before the matrix is read (the tiles
        // cover `r x c`), and `T` is a plain float or complex value (no drop, any bits
        // valid).
        unsafe { m.set_dims(r, c) };
        for i0 in (0..r).step_by(TILE) {
            for j0 in (0..c).step_by(TILE) {
                for j in j0..(j0 + TILE).min(c) {
                    for i in i0..(i0 + TILE).min(r) {
                        // SAFETY: the caller's contract.
                        m[(i, j)] = unsafe { self.get::<T>(i, j) };
                    }
                }
            }
        }
        m
    }
    /// Write a matrix into the block (by tiles when the block's rows are contiguous, as
    /// [`Block::read`]).
    ///
    /// # Safety
    /// As [`Block::set`] for every element of `m`.
    unsafe fn write<T: Elem>(&self, m: MatRef<'_, T>) {
        let (r, c) = (m.nrows(), m.ncols());
        let es = std::mem::size_of::<T>() as isize;
        let tile = if self.rs == es || r < TILE || c < TILE {
            r.max(c).max(1)
        } else {
            TILE
        };
        for i0 in (0..r).step_by(tile) {
            for j0 in (0..c).step_by(tile) {
                for j in j0..(j0 + tile).min(c) {
                    for i in i0..(i0 + tile).min(r) {
                        // SAFETY: the caller's contract.
                        unsafe { self.set(i, j, m[(i, j)]) };
                    }
                }
            }
        }
    }
    /// Write the lower triangle of a square matrix into the block, zeros above it (the
    /// conjugate transpose of that with `adjoint`): the strict upper triangle of `m` is
    /// never read.
    ///
    /// # Safety
    /// As [`Block::set`] for every element of `m`.
    unsafe fn write_lower<T: Elem>(&self, m: MatRef<'_, T>, adjoint: bool) {
        let n = m.nrows();
        let (rs, cs) = if adjoint {
            (self.cs, self.rs)
        } else {
            (self.rs, self.cs)
        };
        let b = Block {
            ptr: self.ptr,
            rs,
            cs,
        };
        let es = std::mem::size_of::<T>() as isize;
        let tile = if b.rs == es || n < TILE {
            n.max(1)
        } else {
            TILE
        };
        for i0 in (0..n).step_by(tile) {
            for j0 in (0..n).step_by(tile) {
                for j in j0..(j0 + tile).min(n) {
                    for i in i0..(i0 + tile).min(n) {
                        let v = if i >= j {
                            if adjoint {
                                m[(i, j)].conj_e()
                            } else {
                                m[(i, j)]
                            }
                        } else {
                            T::e_zero()
                        };
                        // SAFETY: the caller's contract.
                        unsafe { b.set(i, j, v) };
                    }
                }
            }
        }
    }
    /// Write the conjugate transpose of a matrix into the block.
    ///
    /// # Safety
    /// As [`Block::set`] for every element of `m`'s transpose.
    unsafe fn write_adjoint<T: Elem>(&self, m: MatRef<'_, T>) {
        for j in 0..m.ncols() {
            for i in 0..m.nrows() {
                // SAFETY: the caller's contract.
                unsafe { self.set(j, i, m[(i, j)].conj_e()) };
            }
        }
    }
}

/// The core sizes and strides of a loop, checked against what the loop expects.
fn core<'c>(
    ctx: &'c LoopContext<'_>,
    name: &str,
    ndims: usize,
    nstrides: usize,
) -> Result<(&'c [usize], &'c [isize])> {
    let (d, s) = (ctx.core_dims, ctx.core_strides);
    if d.len() != ndims || s.len() != nstrides {
        return Err(Error::value(format!(
            "{name} loop: expected {ndims} core dimensions and {nstrides} core strides, got {} and {}",
            d.len(),
            s.len()
        )));
    }
    Ok((d, s))
}

/// Below this smaller dimension faer's parallel algorithms lose to its sequential ones
/// (for a tall 1e6 x 4 matrix the parallel QR is ~25 times slower on two cores): the
/// panel work is split over threads that mostly wait for each other.
const PARALLEL_MIN_DIM: usize = 96;

/// The decompositions, each with its flop count and the size from which its parallel
/// algorithm wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Partial-pivoting LU (`solve`, `inv`, `det`, `slogdet`): the blocked right-looking
    /// LU of `lu.rs`, whose parallel steps are large triangular solves and products.
    Lu,
    /// `cholesky`.
    Cholesky,
    /// `qr` (and `lstsq`'s factorization).
    Qr,
    /// `svd`, `svdvals`.
    Svd,
    /// `eigh`, `eigvalsh`.
    Eigh,
    /// `eig`, `eigvals`.
    Eig,
}

impl Kind {
    /// Leading-term flop count of an `m x n` problem (LAPACK Working Note 41; the
    /// decompositions with vectors).
    pub(crate) fn flops(self, m: usize, n: usize) -> f64 {
        let (big, small) = (m.max(n) as f64, m.min(n) as f64);
        let s3 = small * small * small;
        match self {
            Kind::Lu => 2.0 / 3.0 * s3,
            Kind::Cholesky => s3 / 3.0,
            Kind::Qr => 2.0 * big * small * small - 2.0 / 3.0 * s3,
            Kind::Svd => 4.0 * big * small * small + 22.0 * s3,
            Kind::Eigh => 9.0 * s3,
            Kind::Eig => 25.0 * s3,
        }
    }

    /// The flop count from which the parallel algorithm beats the sequential one on
    /// two cores: that of the square matrix whose size is given here (measured at 1
    /// and 2 threads: the blocked LU and Cholesky gain from ~400 on; faer's SVD of 500²
    /// took 34 ms on two threads against 51 ms on one on a quiet machine (it lost under
    /// heavy load, where the second core is not free); its self-adjoint eigen solver gained at 500;
    /// its general one lost by 2x at 200, where every parallel step is too short for
    /// the cost of waking and synchronizing a worker, tens of microseconds in a VM).
    fn par_min_flops(self) -> f64 {
        let n: f64 = match self {
            Kind::Lu => 384.0,
            Kind::Cholesky => 384.0,
            Kind::Qr => 400.0,
            Kind::Svd => 400.0,
            Kind::Eigh => 400.0,
            Kind::Eig => 640.0,
        };
        self.flops(n as usize, n as usize)
    }
}

/// How many threads an `m x n` problem of kind `kind` runs on: 1 for thin matrices and
/// below the kind's parallel size, else `num_threads()`.
pub(crate) fn par_for(kind: Kind, m: usize, n: usize) -> usize {
    if m.min(n) < PARALLEL_MIN_DIM || kind.flops(m, n) < kind.par_min_flops() {
        1
    } else {
        crate::exec::num_threads()
    }
}

/// faer's parallelism for `threads` threads.
pub(crate) fn faer_par(threads: usize) -> faer::Par {
    if threads > 1 {
        faer::Par::rayon(threads)
    } else {
        faer::Par::Seq
    }
}

/// Run `f` for an `m x n` problem of kind `kind`, on the threads [`par_for`] gives (the
/// pool of exactly that many threads, so faer's default parallelism, which follows
/// `rayon::current_num_threads`, uses them), turning a panic into an error (a panic
/// never unwinds into the engine). `f` gets the thread count.
fn guarded<R: Send>(
    what: &str,
    kind: Kind,
    m: usize,
    n: usize,
    f: impl FnOnce(usize) -> Result<R> + Send,
) -> Result<R> {
    let threads = par_for(kind, m, n);
    let run = std::panic::AssertUnwindSafe(move || f(threads));
    match crate::exec::install_with(threads, move || std::panic::catch_unwind(run)) {
        Ok(r) => r,
        Err(_) => Err(Error::value(format!(
            "{what}: internal error in the decomposition"
        ))),
    }
}

/// The end of every loop: NumPy runs these gufuncs with over/under/divide ignored (the
/// factorizations scale through huge and tiny values on purpose), so the FP status the
/// loop's own arithmetic raised is cleared rather than reported.
fn finish() -> LoopResult {
    crate::ufunc::fpstatus::clear();
    Ok(())
}

/// Whether every element of a matrix is finite.
fn all_finite<T: Elem>(m: MatRef<'_, T>) -> bool {
    (0..m.ncols()).all(|j| (0..m.nrows()).all(|i| m[(i, j)].finite()))
}

/// Fill an `r x c` output block with NaN (NumPy's result where LAPACK fails and NumPy
/// does not raise).
///
/// # Safety
/// As [`Block::set`].
unsafe fn fill_nan<T: Elem>(b: &Block, r: usize, c: usize) {
    for j in 0..c {
        for i in 0..r {
            // SAFETY: the caller's contract.
            unsafe { b.set(i, j, T::from_f64(f64::NAN)) };
        }
    }
}

/// Whether a matrix is large enough for faer's blocked, multithreaded algorithms.
fn large(n: usize) -> bool {
    n > 16
}

/// One gufunc definition: name, signature, and loops by types string.
struct Def {
    name: &'static str,
    nin: usize,
    nout: usize,
    sig: &'static str,
    doc: &'static str,
    loops: Vec<(&'static str, LoopFn)>,
    /// Every loop writes every output element whenever it succeeds
    /// ([`LoopEntry::writes_all`]): checked for each gufunc that sets it.
    writes_all: bool,
}

fn dtype_of(c: char) -> DType {
    match c {
        'f' => Builtin::Float32,
        'd' => Builtin::Float64,
        'F' => Builtin::Complex64,
        _ => Builtin::Complex128,
    }
    .dtype()
}

fn defs() -> Vec<Def> {
    let mut v = Vec::new();
    lu::defs(&mut v);
    cholesky::defs(&mut v);
    qr::defs(&mut v);
    svd::defs(&mut v);
    eig::defs(&mut v);
    v
}

static UFUNCS: LazyLock<HashMap<&'static str, Arc<Ufunc>>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for d in defs() {
        let def = UfuncDef {
            name: d.name,
            nin: d.nin,
            nout: d.nout,
            identity: Identity::None,
            signature: Some(d.sig),
            resolver: ResolverHint::Default,
            doc: d.doc,
            loops: d
                .loops
                .iter()
                .map(|(t, f)| {
                    let types = t
                        .chars()
                        .filter(|c| *c != '-' && *c != '>')
                        .map(dtype_of)
                        .collect();
                    LoopEntry::new(types, *f).with_writes_all(d.writes_all)
                })
                .collect(),
        };
        match Ufunc::new(def) {
            Ok(u) => {
                m.insert(d.name, Arc::new(u));
            }
            Err(e) => debug_assert!(false, "bad linalg gufunc {}: {e}", d.name),
        }
    }
    m
});

/// The linear-algebra gufunc `name` (`"inv"`, `"solve"`, `"svd_s"`, ...).
pub fn ufunc(name: &str) -> Option<Arc<Ufunc>> {
    UFUNCS.get(name).cloned()
}

/// The names of the linear-algebra gufuncs, sorted.
pub fn names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = UFUNCS.keys().copied().collect();
    v.sort_unstable();
    v
}

/// Instantiate a generic loop for the four element types as `(types, fn)` pairs.
macro_rules! four {
    ($f:ident, $a:literal, $b:literal, $c:literal, $d:literal) => {
        vec![
            ($a, $f::<f32> as $crate::ufunc::loops::LoopFn),
            ($b, $f::<f64> as $crate::ufunc::loops::LoopFn),
            (
                $c,
                $f::<num_complex::Complex<f32>> as $crate::ufunc::loops::LoopFn,
            ),
            (
                $d,
                $f::<num_complex::Complex<f64>> as $crate::ufunc::loops::LoopFn,
            ),
        ]
    };
}
pub(crate) use four;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_gufunc_builds() {
        let n = names();
        for want in [
            "inv",
            "solve",
            "solve1",
            "det",
            "slogdet",
            "cholesky_lo",
            "eigh_lo",
            "eig",
            "svd_s",
            "qr_reduced",
        ] {
            assert!(n.contains(&want), "{want} missing");
        }
    }
}
