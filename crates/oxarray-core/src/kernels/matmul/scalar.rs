//! The portable matmul kernel: a plain triple loop over strided blocks, accumulating in the
//! element type (wrapping for integers, float32 for float16 as NumPy's half loop does).

use half::f16;
use num_complex::Complex;

/// Elements that matmul can accumulate.
pub(crate) trait MatElem: crate::dtype::Load + 'static {
    /// The accumulator type.
    type Acc: Copy;
    fn zero() -> Self::Acc;
    fn mul_add(acc: Self::Acc, a: Self, b: Self) -> Self::Acc;
    fn finish(acc: Self::Acc) -> Self;
}

macro_rules! int_elem {
    ($($t:ty),*) => {$(
        impl MatElem for $t {
            type Acc = $t;
            #[inline(always)]
            fn zero() -> $t { 0 }
            #[inline(always)]
            fn mul_add(acc: $t, a: $t, b: $t) -> $t { acc.wrapping_add(a.wrapping_mul(b)) }
            #[inline(always)]
            fn finish(acc: $t) -> $t { acc }
        }
    )*};
}
int_elem!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! float_elem {
    ($($t:ty),*) => {$(
        impl MatElem for $t {
            type Acc = $t;
            #[inline(always)]
            fn zero() -> $t { Default::default() }
            #[inline(always)]
            fn mul_add(acc: $t, a: $t, b: $t) -> $t { acc + a * b }
            #[inline(always)]
            fn finish(acc: $t) -> $t { acc }
        }
    )*};
}
float_elem!(f32, f64, Complex<f32>, Complex<f64>);

impl MatElem for bool {
    type Acc = bool;
    #[inline(always)]
    fn zero() -> bool {
        false
    }
    #[inline(always)]
    fn mul_add(acc: bool, a: bool, b: bool) -> bool {
        acc | (a & b)
    }
    #[inline(always)]
    fn finish(acc: bool) -> bool {
        acc
    }
}

impl MatElem for f16 {
    type Acc = f32;
    #[inline(always)]
    fn zero() -> f32 {
        0.0
    }
    #[inline(always)]
    fn mul_add(acc: f32, a: f16, b: f16) -> f32 {
        acc + a.to_f32() * b.to_f32()
    }
    #[inline(always)]
    fn finish(acc: f32) -> f16 {
        f16::from_f32(acc)
    }
}

/// Byte strides of one matmul block: `a` is n×k, `b` is k×m, `c` is n×m.
#[derive(Clone, Copy)]
pub(crate) struct Block {
    pub n: usize,
    pub k: usize,
    pub m: usize,
    pub a: (isize, isize),
    pub b: (isize, isize),
    pub c: (isize, isize),
}

/// `c = a @ b` for one block, naively.
///
/// # Safety
/// `a`, `b`, `c` point at blocks of `T` laid out as `blk` says (valid, aligned, `c`
/// writable and not overlapping `a` or `b`).
pub(crate) unsafe fn naive<T: MatElem>(blk: &Block, a: *const u8, b: *const u8, c: *mut u8) {
    for i in 0..blk.n {
        for j in 0..blk.m {
            let mut acc = T::zero();
            for p in 0..blk.k {
                // SAFETY: indices are inside the blocks (caller's contract).
                unsafe {
                    let x =
                        T::load(a.offset(i as isize * blk.a.0 + p as isize * blk.a.1) as *const T);
                    let y =
                        T::load(b.offset(p as isize * blk.b.0 + j as isize * blk.b.1) as *const T);
                    acc = T::mul_add(acc, x, y);
                }
            }
            // SAFETY: as above.
            unsafe {
                *(c.offset(i as isize * blk.c.0 + j as isize * blk.c.1) as *mut T) = T::finish(acc);
            }
        }
    }
}
