//! A port of Intel's x86-simd-sort AVX2 quicksort and quickselect (BSD-3-Clause,
//! <https://github.com/intel/x86-simd-sort>, `src/xss-common-qsort.h`,
//! `xss-pivot-selection.hpp`, `xss-network-qsort.hpp`, `xss-optimal-networks.hpp`,
//! `xss-reg-networks.hpp`, `avx2-{32,64}bit-qsort.hpp`, `avx2-emu-funcs.hpp`), the code
//! NumPy 2.x runs for `sort(kind='quicksort')` and single-`kth` `partition` of 32- and
//! 64-bit ints and floats on AVX2 machines (`x86_simd_qsort.dispatch.cpp`, target X86_V3).
//!
//! The port keeps every step that decides where elements land: the pivot choice
//! (`get_pivot_smart`, `get_pivot_near_constant`, `get_pivot`), the vector partition
//! (unrolled 8x for 64-bit, 4x for 32-bit, loading from the side with less free room), the
//! bitonic networks below 64 (64-bit) / 256 (32-bit) elements, the operand order of every
//! `min`/`max` (`vminpd` returns its second operand on ties, so which of -0.0/+0.0 lands
//! where, and even how many of each survive a compare-exchange, follows it) and the NaN
//! handling (sort: NaN → +inf, sort, then the last `count` elements become the default
//! quiet NaN; select: NaNs swapped to the end first). So the output equals NumPy's bit for
//! bit. Beyond the C++: the NaN scan is fused with the copy into the destination lane, and
//! a large sort runs the sides of its top partitions on the pool (the recursion is the
//! same, so the result never depends on the thread count).

#![allow(clippy::needless_range_loop, clippy::neg_cmp_op_on_partial_ord)]

use std::arch::x86_64::*;

#[path = "simd_nets.rs"]
mod nets;

/// AVX2 with the rest of x86-64-v3 that the kernels are compiled for (NumPy's X86_V3
/// target): `popcnt` for the partition counts, BMI1/2.
fn usable() -> bool {
    crate::kernels::simd::has_avx2()
        && std::arch::is_x86_feature_detected!("popcnt")
        && std::arch::is_x86_feature_detected!("bmi1")
        && std::arch::is_x86_feature_detected!("bmi2")
}

/// `for i in 0..u` written out for `u <= 8` (a constant), so arrays indexed by `i` stay
/// in registers.
macro_rules! unroll8 {
    ($u:expr, |$i:ident| $body:block) => {
        unroll8!(@ $u, $i, $body, 0 1 2 3 4 5 6 7)
    };
    (@ $u:expr, $i:ident, $body:block, $($n:literal)*) => {
        $( { let $i: usize = $n; if $i < $u $body } )*
    };
}

/// Below this many elements per side a partition's halves are not worth a thread.
const PAR_MIN: usize = 1 << 16;

/// An element type with a 256-bit AVX2 vector of `LANES` lanes (every register is held as
/// `__m256i`; float operations cast, which costs nothing).
pub(crate) trait Key: Copy + PartialOrd + Send + Sync + 'static {
    /// Lanes per register (4 for 64-bit, 8 for 32-bit).
    const LANES: usize;
    /// `network_sort_threshold`.
    const NET: usize;
    /// `partition_unroll_factor`.
    const UNROLL: usize;
    /// Floating point (NaN handling).
    const FLOAT: bool;
    fn tmax() -> Self;
    fn tmin() -> Self;
    fn next_value(self) -> Self;
    fn is_nan(self) -> bool;
    fn quiet_nan() -> Self;
    unsafe fn set1(x: Self) -> __m256i;
    unsafe fn vmin(a: __m256i, b: __m256i) -> __m256i;
    unsafe fn vmax(a: __m256i, b: __m256i) -> __m256i;
    /// Lane mask of `a >= b` (all ones / zeros).
    unsafe fn vge(a: __m256i, b: __m256i) -> __m256i;
    unsafe fn veq(a: __m256i, b: __m256i) -> __m256i;
    /// Lane mask of NaN lanes (zero for integers).
    unsafe fn unord(a: __m256i) -> __m256i;
    /// Integers: the value's distance above the type's minimum (order-preserving).
    fn ord(self) -> u64 {
        0
    }
    /// Integers: the inverse of [`Key::ord`].
    fn from_ord(_o: u64) -> Self {
        Self::tmin()
    }
}

macro_rules! key_float {
    ($t:ty, $lanes:expr, $net:expr, $unroll:expr, $cast:ident, $back:ident, $min:ident, $max:ident, $cmp:ident, $set1:ident) => {
        impl Key for $t {
            const LANES: usize = $lanes;
            const NET: usize = $net;
            const UNROLL: usize = $unroll;
            const FLOAT: bool = true;
            #[inline(always)]
            fn tmax() -> Self {
                <$t>::INFINITY
            }
            #[inline(always)]
            fn tmin() -> Self {
                <$t>::NEG_INFINITY
            }
            #[inline(always)]
            fn next_value(self) -> Self {
                // std::nextafter(v, +inf)
                self.next_up()
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                self.is_nan()
            }
            #[inline(always)]
            fn quiet_nan() -> Self {
                <$t>::NAN
            }
            #[inline(always)]
            unsafe fn set1(x: Self) -> __m256i {
                unsafe { $back($set1(x)) }
            }
            #[inline(always)]
            unsafe fn vmin(a: __m256i, b: __m256i) -> __m256i {
                unsafe { $back($min($cast(a), $cast(b))) }
            }
            #[inline(always)]
            unsafe fn vmax(a: __m256i, b: __m256i) -> __m256i {
                unsafe { $back($max($cast(a), $cast(b))) }
            }
            #[inline(always)]
            unsafe fn vge(a: __m256i, b: __m256i) -> __m256i {
                unsafe { $back($cmp::<_CMP_GE_OQ>($cast(a), $cast(b))) }
            }
            #[inline(always)]
            unsafe fn veq(a: __m256i, b: __m256i) -> __m256i {
                unsafe { $back($cmp::<_CMP_EQ_OQ>($cast(a), $cast(b))) }
            }
            #[inline(always)]
            unsafe fn unord(a: __m256i) -> __m256i {
                unsafe { $back($cmp::<_CMP_UNORD_Q>($cast(a), $cast(a))) }
            }
        }
    };
}
key_float!(
    f64,
    4,
    64,
    8,
    _mm256_castsi256_pd,
    _mm256_castpd_si256,
    _mm256_min_pd,
    _mm256_max_pd,
    _mm256_cmp_pd,
    _mm256_set1_pd
);
key_float!(
    f32,
    8,
    256,
    4,
    _mm256_castsi256_ps,
    _mm256_castps_si256,
    _mm256_min_ps,
    _mm256_max_ps,
    _mm256_cmp_ps,
    _mm256_set1_ps
);

macro_rules! key_int_common {
    ($t:ty) => {
        #[inline(always)]
        fn tmax() -> Self {
            <$t>::MAX
        }
        #[inline(always)]
        fn tmin() -> Self {
            <$t>::MIN
        }
        #[inline(always)]
        fn next_value(self) -> Self {
            if self < <$t>::MAX {
                self + 1
            } else {
                self
            }
        }
        #[inline(always)]
        fn is_nan(self) -> bool {
            false
        }
        #[inline(always)]
        fn quiet_nan() -> Self {
            0
        }
        #[inline(always)]
        fn ord(self) -> u64 {
            (self as i128 - <$t>::MIN as i128) as u64
        }
        #[inline(always)]
        fn from_ord(o: u64) -> Self {
            (o as i128 + <$t>::MIN as i128) as $t
        }
        #[inline(always)]
        unsafe fn unord(_a: __m256i) -> __m256i {
            unsafe { _mm256_setzero_si256() }
        }
    };
}

/// `avx2_vector<int64_t/uint64_t>::gt` (unsigned: both operands offset by 2^63).
#[inline(always)]
unsafe fn gt64(a: __m256i, b: __m256i, unsigned: bool) -> __m256i {
    unsafe {
        if unsigned {
            let off = _mm256_set1_epi64x(i64::MIN);
            _mm256_cmpgt_epi64(_mm256_xor_si256(a, off), _mm256_xor_si256(b, off))
        } else {
            _mm256_cmpgt_epi64(a, b)
        }
    }
}

macro_rules! key_int64 {
    ($t:ty, $unsigned:expr) => {
        impl Key for $t {
            const LANES: usize = 4;
            const NET: usize = 64;
            const UNROLL: usize = 8;
            const FLOAT: bool = false;
            key_int_common!($t);
            #[inline(always)]
            unsafe fn set1(x: Self) -> __m256i {
                unsafe { _mm256_set1_epi64x(x as i64) }
            }
            // avx2_emu_min / avx2_emu_max
            #[inline(always)]
            unsafe fn vmin(a: __m256i, b: __m256i) -> __m256i {
                unsafe { _mm256_blendv_epi8(a, b, gt64(a, b, $unsigned)) }
            }
            #[inline(always)]
            unsafe fn vmax(a: __m256i, b: __m256i) -> __m256i {
                unsafe { _mm256_blendv_epi8(b, a, gt64(a, b, $unsigned)) }
            }
            #[inline(always)]
            unsafe fn vge(a: __m256i, b: __m256i) -> __m256i {
                unsafe { _mm256_or_si256(_mm256_cmpeq_epi64(a, b), gt64(a, b, $unsigned)) }
            }
            #[inline(always)]
            unsafe fn veq(a: __m256i, b: __m256i) -> __m256i {
                unsafe { _mm256_cmpeq_epi64(a, b) }
            }
        }
    };
}
key_int64!(i64, false);
key_int64!(u64, true);

impl Key for i32 {
    const LANES: usize = 8;
    const NET: usize = 256;
    const UNROLL: usize = 4;
    const FLOAT: bool = false;
    key_int_common!(i32);
    #[inline(always)]
    unsafe fn set1(x: Self) -> __m256i {
        unsafe { _mm256_set1_epi32(x) }
    }
    #[inline(always)]
    unsafe fn vmin(a: __m256i, b: __m256i) -> __m256i {
        unsafe { _mm256_min_epi32(a, b) }
    }
    #[inline(always)]
    unsafe fn vmax(a: __m256i, b: __m256i) -> __m256i {
        unsafe { _mm256_max_epi32(a, b) }
    }
    #[inline(always)]
    unsafe fn vge(a: __m256i, b: __m256i) -> __m256i {
        unsafe { _mm256_or_si256(_mm256_cmpeq_epi32(a, b), _mm256_cmpgt_epi32(a, b)) }
    }
    #[inline(always)]
    unsafe fn veq(a: __m256i, b: __m256i) -> __m256i {
        unsafe { _mm256_cmpeq_epi32(a, b) }
    }
}

impl Key for u32 {
    const LANES: usize = 8;
    const NET: usize = 256;
    const UNROLL: usize = 4;
    const FLOAT: bool = false;
    key_int_common!(u32);
    #[inline(always)]
    unsafe fn set1(x: Self) -> __m256i {
        unsafe { _mm256_set1_epi32(x as i32) }
    }
    #[inline(always)]
    unsafe fn vmin(a: __m256i, b: __m256i) -> __m256i {
        unsafe { _mm256_min_epu32(a, b) }
    }
    #[inline(always)]
    unsafe fn vmax(a: __m256i, b: __m256i) -> __m256i {
        unsafe { _mm256_max_epu32(a, b) }
    }
    #[inline(always)]
    unsafe fn vge(a: __m256i, b: __m256i) -> __m256i {
        unsafe { _mm256_cmpeq_epi32(_mm256_max_epu32(a, b), a) }
    }
    #[inline(always)]
    unsafe fn veq(a: __m256i, b: __m256i) -> __m256i {
        unsafe { _mm256_cmpeq_epi32(a, b) }
    }
}

// ---------------------------------------------------------------- register helpers

#[inline(always)]
unsafe fn loadu<T>(p: *const T) -> __m256i {
    unsafe { _mm256_loadu_si256(p as *const __m256i) }
}

#[inline(always)]
unsafe fn storeu<T>(p: *mut T, v: __m256i) {
    unsafe { _mm256_storeu_si256(p as *mut __m256i, v) }
}

/// Lane bitmask of a mask register.
#[inline(always)]
unsafe fn movemask<T: Key>(m: __m256i) -> u32 {
    unsafe {
        if T::LANES == 4 {
            _mm256_movemask_pd(_mm256_castsi256_pd(m)) as u32
        } else {
            _mm256_movemask_ps(_mm256_castsi256_ps(m)) as u32
        }
    }
}

/// The mask register of the first `k` lanes (`get_partial_loadmask`).
#[inline(always)]
unsafe fn first_lanes<T: Key>(k: usize) -> __m256i {
    unsafe {
        if T::LANES == 4 {
            _mm256_cmpgt_epi64(_mm256_set1_epi64x(k as i64), _mm256_set_epi64x(3, 2, 1, 0))
        } else {
            _mm256_cmpgt_epi32(
                _mm256_set1_epi32(k as i32),
                _mm256_set_epi32(7, 6, 5, 4, 3, 2, 1, 0),
            )
        }
    }
}

/// The mask register of the lanes whose bit is set in `bits`.
#[inline(always)]
unsafe fn lane_mask<T: Key>(bits: u32) -> __m256i {
    let b = |i: u32| -(((bits >> i) & 1) as i32);
    unsafe {
        if T::LANES == 4 {
            let c = |i: u32| b(i) as i64;
            _mm256_set_epi64x(c(3), c(2), c(1), c(0))
        } else {
            _mm256_set_epi32(b(7), b(6), b(5), b(4), b(3), b(2), b(1), b(0))
        }
    }
}

/// `mask_mov(x, mask, y)`: lanes of `y` where `mask`, else `x`.
#[inline(always)]
unsafe fn blend(x: __m256i, y: __m256i, mask: __m256i) -> __m256i {
    unsafe { _mm256_blendv_epi8(x, y, mask) }
}

#[inline(always)]
unsafe fn maskload<T: Key>(p: *const T, m: __m256i) -> __m256i {
    unsafe {
        if T::LANES == 4 {
            _mm256_maskload_epi64(p as *const i64, m)
        } else {
            _mm256_maskload_epi32(p as *const i32, m)
        }
    }
}

#[inline(always)]
unsafe fn maskstore<T: Key>(p: *mut T, m: __m256i, v: __m256i) {
    unsafe {
        if T::LANES == 4 {
            _mm256_maskstore_epi64(p as *mut i64, m, v)
        } else {
            _mm256_maskstore_epi32(p as *mut i32, m, v)
        }
    }
}

/// `swizzle_ops::swap_n<scale>`.
#[inline(always)]
unsafe fn swap_n<T: Key>(v: __m256i, scale: usize) -> __m256i {
    unsafe {
        if T::LANES == 4 {
            match scale {
                2 => _mm256_permute4x64_epi64::<0b10110001>(v),
                _ => _mm256_permute4x64_epi64::<0b01001110>(v),
            }
        } else {
            match scale {
                2 => _mm256_shuffle_epi32::<0b10110001>(v),
                4 => _mm256_shuffle_epi32::<0b01001110>(v),
                _ => _mm256_permute2x128_si256::<1>(v, v),
            }
        }
    }
}

/// `swizzle_ops::reverse_n<scale>`.
#[inline(always)]
unsafe fn reverse_n<T: Key>(v: __m256i, scale: usize) -> __m256i {
    unsafe {
        if scale == 2 {
            return swap_n::<T>(v, 2);
        }
        if T::LANES == 4 {
            _mm256_permute4x64_epi64::<0b00011011>(v)
        } else if scale == 4 {
            _mm256_shuffle_epi32::<0b00011011>(v)
        } else {
            _mm256_permutevar8x32_epi32(v, _mm256_set_epi32(0, 1, 2, 3, 4, 5, 6, 7))
        }
    }
}

/// `swizzle_ops::merge_n<scale>`: the lower half of every block of `scale` lanes from
/// `b`, the upper half from `a`.
#[inline(always)]
unsafe fn merge_n<T: Key>(a: __m256i, b: __m256i, scale: usize) -> __m256i {
    unsafe {
        if T::LANES == 4 {
            match scale {
                2 => _mm256_blend_epi32::<0b00110011>(a, b),
                _ => _mm256_blend_epi32::<0b00001111>(a, b),
            }
        } else {
            match scale {
                2 => _mm256_blend_epi32::<0b01010101>(a, b),
                4 => _mm256_blend_epi32::<0b00110011>(a, b),
                _ => _mm256_blend_epi32::<0b00001111>(a, b),
            }
        }
    }
}

/// `COEX`: `a = min(a, b)`, `b = max(a, b)` in the C++ operand order.
#[inline(always)]
unsafe fn coex<T: Key>(a: &mut __m256i, b: &mut __m256i) {
    unsafe {
        let t = *a;
        *a = T::vmin(*a, *b);
        *b = T::vmax(t, *b);
    }
}

/// `cmp_merge`: max where `bits`, min elsewhere.
#[inline(always)]
unsafe fn cmp_merge<T: Key>(in1: __m256i, in2: __m256i, bits: u32) -> __m256i {
    unsafe {
        let mn = T::vmin(in2, in1);
        let mx = T::vmax(in2, in1);
        blend(mn, mx, lane_mask::<T>(bits))
    }
}

/// `sort_reg_4lanes` / `sort_reg_8lanes`.
#[inline(always)]
unsafe fn sort_vec<T: Key>(mut r: __m256i) -> __m256i {
    unsafe {
        if T::LANES == 4 {
            r = cmp_merge::<T>(r, reverse_n::<T>(r, 2), 0xA);
            r = cmp_merge::<T>(r, reverse_n::<T>(r, 4), 0xC);
            r = cmp_merge::<T>(r, swap_n::<T>(r, 2), 0xA);
        } else {
            r = cmp_merge::<T>(r, reverse_n::<T>(r, 2), 0xAA);
            r = cmp_merge::<T>(r, reverse_n::<T>(r, 4), 0xCC);
            r = cmp_merge::<T>(r, swap_n::<T>(r, 2), 0xAA);
            r = cmp_merge::<T>(r, reverse_n::<T>(r, 8), 0xF0);
            r = cmp_merge::<T>(r, swap_n::<T>(r, 4), 0xCC);
            r = cmp_merge::<T>(r, swap_n::<T>(r, 2), 0xAA);
        }
        r
    }
}

#[inline(always)]
unsafe fn to_lanes<T: Key>(v: __m256i) -> [T; 8] {
    let mut a = [T::tmin(); 8];
    unsafe { storeu(a.as_mut_ptr(), v) };
    a
}

/// `std::min(a, b, comp)`.
#[inline(always)]
fn smin<T: Key>(a: T, b: T) -> T {
    if b < a {
        b
    } else {
        a
    }
}

/// `std::max(a, b, comp)`.
#[inline(always)]
fn smax<T: Key>(a: T, b: T) -> T {
    if a < b {
        b
    } else {
        a
    }
}

/// `avx2_emu_reduce_min64/32`.
#[inline(always)]
unsafe fn reducemin<T: Key>(x: __m256i) -> T {
    unsafe {
        if T::LANES == 4 {
            let i = T::vmin(x, _mm256_permute4x64_epi64::<0xB1>(x));
            let a = to_lanes::<T>(i);
            smin(a[0], a[3])
        } else {
            let i1 = T::vmin(x, _mm256_shuffle_epi32::<0xB1>(x));
            let i2 = T::vmin(i1, _mm256_shuffle_epi32::<0b01001110>(i1));
            let a = to_lanes::<T>(i2);
            smin(a[0], a[7])
        }
    }
}

/// `avx2_emu_reduce_max64/32`.
#[inline(always)]
unsafe fn reducemax<T: Key>(x: __m256i) -> T {
    unsafe {
        if T::LANES == 4 {
            let i = T::vmax(x, _mm256_permute4x64_epi64::<0xB1>(x));
            let a = to_lanes::<T>(i);
            smax(a[0], a[3])
        } else {
            let i1 = T::vmax(x, _mm256_shuffle_epi32::<0xB1>(x));
            let i2 = T::vmax(i1, _mm256_shuffle_epi32::<0b01001110>(i1));
            let a = to_lanes::<T>(i2);
            smax(a[0], a[7])
        }
    }
}

// ---------------------------------------------------------------- compress-store tables

/// A permutation table, cache-line aligned so that no 32-byte row load straddles two
/// lines (x86-simd-sort aligns its tables the same way).
#[repr(C, align(64))]
struct Lut<const N: usize>([[i32; 8]; N]);

/// `avx2_compressstore_lut32_perm`: for each 8-bit "≥ pivot" mask, the lane order that
/// puts the lanes below the pivot first (in order) and the others last (reversed).
static PERM32: Lut<256> = Lut({
    let mut t = [[0i32; 8]; 256];
    let mut i = 0;
    while i < 256 {
        let (mut left, mut right) = (0usize, 7usize);
        let mut j = 0;
        while j < 8 {
            if (i >> j) & 1 == 1 {
                t[i][right] = j;
                right = right.wrapping_sub(1);
            } else {
                t[i][left] = j;
                left += 1;
            }
            j += 1;
        }
        i += 1;
    }
    t
});

/// `avx2_compressstore_lut64_perm` (as 32-bit lane pairs).
static PERM64: Lut<16> = Lut({
    let mut t = [[0i32; 8]; 16];
    let mut i = 0;
    while i < 16 {
        let (mut left, mut right) = (0usize, 7usize);
        let mut j = 0;
        while j < 4 {
            if (i >> j) & 1 == 1 {
                t[i][right] = 2 * j + 1;
                t[i][right - 1] = 2 * j;
                right = right.wrapping_sub(2);
            } else {
                t[i][left + 1] = 2 * j + 1;
                t[i][left] = 2 * j;
                left += 2;
            }
            j += 1;
        }
        i += 1;
    }
    t
});

// ---------------------------------------------------------------- sorting networks

/// `bitonic_sort_n_vec` + `merge_n_vec` (= `sort_vectors`), straight-line code from
/// `simd_nets.rs`.
#[inline(always)]
unsafe fn sort_vectors<T: Key, const N: usize>(v: &mut [__m256i; N]) {
    macro_rules! go {
        ($f:ident, $n:literal) => {
            // SAFETY: N == $n in this arm.
            unsafe { nets::$f::<T>(&mut *(v as *mut [__m256i; N] as *mut [__m256i; $n])) }
        };
    }
    match (T::LANES, N) {
        (4, 1) => go!(sv4_1, 1),
        (4, 2) => go!(sv4_2, 2),
        (4, 4) => go!(sv4_4, 4),
        (4, 8) => go!(sv4_8, 8),
        (4, 16) => go!(sv4_16, 16),
        (8, 1) => go!(sv8_1, 1),
        (8, 2) => go!(sv8_2, 2),
        (8, 4) => go!(sv8_4, 4),
        (8, 8) => go!(sv8_8, 8),
        (8, 16) => go!(sv8_16, 16),
        (8, 32) => go!(sv8_32, 32),
        _ => unreachable!(),
    }
}

/// `sort_n_vec<numVecs>` for `n <= N * LANES` elements.
#[target_feature(enable = "avx2,popcnt,bmi1,bmi2")]
unsafe fn sort_n_vec<T: Key, const N: usize>(arr: *mut T, n: usize) {
    let l = T::LANES;
    unsafe {
        let maxv = T::set1(T::tmax());
        let mut v = [_mm256_setzero_si256(); N];
        let mut masks = [_mm256_setzero_si256(); N];
        for i in 0..N / 2 {
            v[i] = loadu(arr.add(i * l));
        }
        for i in N / 2..N {
            let k = n.saturating_sub(i * l).min(l);
            masks[i] = first_lanes::<T>(k);
            // masked lanes are never touched: the pointer only has to be computable
            v[i] = blend(maxv, maskload(arr.wrapping_add(i * l), masks[i]), masks[i]);
        }
        sort_vectors::<T, N>(&mut v);
        for i in 0..N / 2 {
            storeu(arr.add(i * l), v[i]);
        }
        for i in N / 2..N {
            maskstore(arr.wrapping_add(i * l), masks[i], v[i]);
        }
    }
}

/// `sort_n<network_sort_threshold>`: the bitonic network of the smallest power-of-two
/// register count that holds `n` elements.
#[inline(always)]
unsafe fn sort_n<T: Key>(arr: *mut T, n: usize) {
    let mut nv = 1;
    while nv * T::LANES < n {
        nv *= 2;
    }
    unsafe {
        match nv {
            1 => sort_n_vec::<T, 1>(arr, n),
            2 => sort_n_vec::<T, 2>(arr, n),
            4 => sort_n_vec::<T, 4>(arr, n),
            8 => sort_n_vec::<T, 8>(arr, n),
            16 => sort_n_vec::<T, 16>(arr, n),
            _ if T::LANES == 8 => sort_n_vec::<T, 32>(arr, n),
            _ => unreachable!(),
        }
    }
}

// ---------------------------------------------------------------- pivots

#[derive(PartialEq, Eq, Clone, Copy)]
enum PivotKind {
    Normal,
    Sorted,
    Only2Values,
}

/// `get_pivot`: the median of `LANES` evenly spaced samples.
#[inline(always)]
unsafe fn get_pivot<T: Key>(arr: *mut T, left: usize, right: usize) -> T {
    let l = T::LANES;
    let delta = (right - left) / l;
    let mut s = [T::tmin(); 8];
    for (i, x) in s.iter_mut().enumerate().take(l) {
        *x = unsafe { *arr.add(left + i * delta) };
    }
    unsafe { to_lanes::<T>(sort_vec::<T>(loadu(s.as_ptr())))[l / 2] }
}

/// `get_pivot_smart`.
#[inline(always)]
unsafe fn get_pivot_smart<T: Key>(arr: *mut T, left: usize, right: usize) -> (T, PivotKind) {
    let l = T::LANES;
    if right - left < 4 * 4 * l {
        return (unsafe { get_pivot(arr, left, right) }, PivotKind::Normal);
    }
    let width = (right - l) - left;
    let delta = width / 4;
    let mut v = [unsafe { _mm256_setzero_si256() }; 4];
    for (i, r) in v.iter_mut().enumerate() {
        *r = unsafe { loadu(arr.add(left + delta * i)) };
    }
    unsafe { sort_vectors::<T, 4>(&mut v) };
    let mut samples = [T::tmin(); 32];
    for (i, r) in v.iter().enumerate() {
        unsafe { storeu(samples.as_mut_ptr().add(i * l), *r) };
    }
    let n = 4 * l;
    let (smallest, largest, median) = (samples[0], samples[n - 1], samples[n / 2]);
    if smallest == largest {
        unsafe { get_pivot_near_constant(arr, median, left, right) }
    } else if median != smallest && median != largest {
        (median, PivotKind::Normal)
    } else if median == smallest {
        (median.next_value(), PivotKind::Normal)
    } else {
        (median, PivotKind::Normal)
    }
}

/// `get_pivot_near_constant`.
/// Out of line (it runs rarely), but compiled for AVX2 like its caller: without the
/// target feature every intrinsic in it is a call that passes its vectors through memory
/// (measured: 3.0M instructions per 1e6-element sort of 1000 distinct float32 values, and
/// another 2.8M in the intrinsic bodies, against 1.2M for NumPy's whole pivot choice).
#[inline(never)]
#[target_feature(enable = "avx2,popcnt,bmi1,bmi2")]
unsafe fn get_pivot_near_constant<T: Key>(
    arr: *mut T,
    common: T,
    left: usize,
    right: usize,
) -> (T, PivotKind) {
    let l = T::LANES;
    let mut index = left;
    let mut value1 = common;
    let mut value2 = common;
    unsafe {
        let cv = T::set1(common);
        while index <= right - l {
            let d = loadu(arr.add(index));
            if movemask::<T>(T::veq(d, cv)) != (1 << l) - 1 {
                break;
            }
            index += l;
        }
        while index <= right {
            if *arr.add(index) != common {
                value1 = *arr.add(index);
                break;
            }
            index += 1;
        }
        if index == right + 1 {
            return (common, PivotKind::Sorted);
        }
        let v1 = T::set1(value1);
        while index <= right - l {
            let d = loadu(arr.add(index));
            if movemask::<T>(T::veq(d, cv)) != (1 << l) - 1
                && movemask::<T>(T::veq(d, v1)) != (1 << l) - 1
            {
                break;
            }
            index += l;
        }
        while index <= right {
            let x = *arr.add(index);
            if x != common && x != value1 {
                value2 = x;
                break;
            }
            index += 1;
        }
    }
    if index == right + 1 {
        return (smax(value1, common), PivotKind::Only2Values);
    }
    let median = smax(smin(value1, value2), smin(smax(value1, value2), common));
    (median, PivotKind::Normal)
}

// ---------------------------------------------------------------- partition

/// `partition_vec` with `avx2_double_compressstore`.
#[inline(always)]
unsafe fn partition_vec<T: Key>(
    l_store: *mut T,
    r_store: *mut T,
    curr: __m256i,
    pivot: __m256i,
    min_vec: &mut __m256i,
    max_vec: &mut __m256i,
) -> usize {
    unsafe {
        let m = movemask::<T>(T::vge(curr, pivot)) as usize;
        let perm = if T::LANES == 4 {
            loadu(PERM64.0[m & 15].as_ptr())
        } else {
            loadu(PERM32.0[m & 255].as_ptr())
        };
        let t = _mm256_permutevar8x32_epi32(curr, perm);
        storeu(l_store, t);
        storeu(r_store, t);
        *min_vec = T::vmin(curr, *min_vec);
        *max_vec = T::vmax(curr, *max_vec);
        m.count_ones() as usize
    }
}

/// The scalar head of `partition`: make the length a multiple of `LANES`.
#[inline(always)]
unsafe fn trim_head<T: Key>(
    arr: *mut T,
    left: &mut usize,
    right: &mut usize,
    pivot: T,
    smallest: &mut T,
    biggest: &mut T,
) {
    let mut i = (*right - *left) % T::LANES;
    while i > 0 {
        unsafe {
            let x = *arr.add(*left);
            *smallest = smin(*smallest, x);
            *biggest = smax(*biggest, x);
            if !(x < pivot) {
                *right -= 1;
                std::ptr::swap(arr.add(*left), arr.add(*right));
            } else {
                *left += 1;
            }
        }
        i -= 1;
    }
}

/// `partition`: returns the index of the first element `>= pivot`.
#[inline(always)]
unsafe fn partition<T: Key>(
    arr: *mut T,
    mut left: usize,
    mut right: usize,
    pivot: T,
    smallest: &mut T,
    biggest: &mut T,
) -> usize {
    let l = T::LANES;
    unsafe {
        trim_head(arr, &mut left, &mut right, pivot, smallest, biggest);
        if left == right {
            return left;
        }
        let pv = T::set1(pivot);
        let mut min_vec = T::set1(*smallest);
        let mut max_vec = T::set1(*biggest);
        if right - left == l {
            let v = loadu(arr.add(left));
            let unpart = right - left - l;
            let mut ls = left;
            let ge = partition_vec::<T>(
                arr.add(ls),
                arr.add(ls + unpart),
                v,
                pv,
                &mut min_vec,
                &mut max_vec,
            );
            ls += l - ge;
            *smallest = reducemin::<T>(min_vec);
            *biggest = reducemax::<T>(max_vec);
            return ls;
        }
        let vl = loadu(arr.add(left));
        let vr = loadu(arr.add(right - l));
        let mut unpart = right - left - l;
        let mut ls = left;
        left += l;
        right -= l;
        while right != left {
            let curr;
            if (ls + unpart + l) - right < left - ls {
                right -= l;
                curr = loadu(arr.add(right));
            } else {
                curr = loadu(arr.add(left));
                left += l;
            }
            let ge = partition_vec::<T>(
                arr.add(ls),
                arr.add(ls + unpart),
                curr,
                pv,
                &mut min_vec,
                &mut max_vec,
            );
            ls += l - ge;
            unpart -= l;
        }
        for v in [vl, vr] {
            let ge = partition_vec::<T>(
                arr.add(ls),
                arr.add(ls + unpart),
                v,
                pv,
                &mut min_vec,
                &mut max_vec,
            );
            ls += l - ge;
            unpart = unpart.wrapping_sub(l);
        }
        *smallest = reducemin::<T>(min_vec);
        *biggest = reducemax::<T>(max_vec);
        ls
    }
}

/// `partition_unrolled<partition_unroll_factor>`.
#[inline(always)]
unsafe fn partition_unrolled<T: Key>(
    arr: *mut T,
    mut left: usize,
    mut right: usize,
    pivot: T,
    smallest: &mut T,
    biggest: &mut T,
) -> usize {
    let l = T::LANES;
    let u = T::UNROLL;
    unsafe {
        if right - left < 3 * u * l {
            return partition(arr, left, right, pivot, smallest, biggest);
        }
        trim_head(arr, &mut left, &mut right, pivot, smallest, biggest);
        let mut unpart = right - left - l;
        let mut ls = left;
        let pv = T::set1(pivot);
        let mut min_vec = T::set1(*smallest);
        let mut max_vec = T::set1(*biggest);
        let n_align = ((right - left) / l) % u;
        let z = _mm256_setzero_si256();
        let mut va = [z; 8];
        for (i, r) in va.iter_mut().enumerate().take(n_align) {
            *r = loadu(arr.add(left + i * l));
        }
        left += n_align * l;
        let mut vl = [z; 8];
        let mut vr = [z; 8];
        for i in 0..u {
            vl[i] = loadu(arr.add(left + l * i));
            vr[i] = loadu(arr.add(right - l * (u - i)));
        }
        left += u * l;
        right -= u * l;
        while right != left {
            let mut cv = [z; 8];
            if (ls + unpart + l) - right < left - ls {
                right -= u * l;
                unroll8!(u, |i| {
                    cv[i] = loadu(arr.add(right + i * l));
                    _mm_prefetch::<_MM_HINT_T0>(
                        arr.wrapping_add(right + i * l).wrapping_sub(u * l) as *const i8,
                    );
                });
            } else {
                unroll8!(u, |i| {
                    cv[i] = loadu(arr.add(left + i * l));
                    _mm_prefetch::<_MM_HINT_T0>(arr.wrapping_add(left + i * l + u * l) as *const i8);
                });
                left += u * l;
            }
            unroll8!(u, |i| {
                let ge = partition_vec::<T>(
                    arr.add(ls),
                    arr.add(ls + unpart),
                    cv[i],
                    pv,
                    &mut min_vec,
                    &mut max_vec,
                );
                ls += l - ge;
                unpart = unpart.wrapping_sub(l);
            });
        }
        for v in vl
            .iter()
            .take(u)
            .chain(vr.iter().take(u))
            .chain(va.iter().take(n_align))
        {
            let ge = partition_vec::<T>(
                arr.add(ls),
                arr.wrapping_add(ls).wrapping_add(unpart),
                *v,
                pv,
                &mut min_vec,
                &mut max_vec,
            );
            ls += l - ge;
            unpart = unpart.wrapping_sub(l);
        }
        *smallest = reducemin::<T>(min_vec);
        *biggest = reducemax::<T>(max_vec);
        ls
    }
}

// ---------------------------------------------------------------- quicksort / quickselect

/// The fallback when quicksort makes no progress: `std::sort` (no NaN is left by then).
/// It runs e.g. when quickselect meets a long run of equal keys; a port of libstdc++'s
/// introsort so that the order of -0.0/+0.0 it leaves is the one NumPy's build leaves.
#[cold]
unsafe fn fallback_sort<T: Key>(arr: *mut T, left: usize, right: usize) {
    let s = unsafe { std::slice::from_raw_parts_mut(arr.add(left), right + 1 - left) };
    std_sort::sort(s);
}

/// libstdc++'s `std::sort` (introsort: median-of-three pivot moved to the front, unguarded
/// partition, heapsort below the depth limit, insertion sort of runs of 16) with `<`.
mod std_sort {
    use super::Key;

    const THRESHOLD: usize = 16;

    pub(super) fn sort<T: Key>(v: &mut [T]) {
        let n = v.len();
        if n < 2 {
            return;
        }
        let lg = (usize::BITS - 1 - n.leading_zeros()) as usize;
        introsort_loop(v, 0, n, 2 * lg);
        final_insertion_sort(v, 0, n);
    }

    fn introsort_loop<T: Key>(v: &mut [T], first: usize, mut last: usize, mut depth: usize) {
        while last - first > THRESHOLD {
            if depth == 0 {
                make_heap(v, first, last);
                sort_heap(v, first, last);
                return;
            }
            depth -= 1;
            let cut = unguarded_partition_pivot(v, first, last);
            introsort_loop(v, cut, last, depth);
            last = cut;
        }
    }

    fn move_median_to_first<T: Key>(v: &mut [T], result: usize, a: usize, b: usize, c: usize) {
        if v[a] < v[b] {
            if v[b] < v[c] {
                v.swap(result, b);
            } else if v[a] < v[c] {
                v.swap(result, c);
            } else {
                v.swap(result, a);
            }
        } else if v[a] < v[c] {
            v.swap(result, a);
        } else if v[b] < v[c] {
            v.swap(result, c);
        } else {
            v.swap(result, b);
        }
    }

    fn unguarded_partition_pivot<T: Key>(v: &mut [T], first: usize, last: usize) -> usize {
        let mid = first + (last - first) / 2;
        move_median_to_first(v, first, first + 1, mid, last - 1);
        let (mut f, mut l) = (first + 1, last);
        let p = first;
        loop {
            while v[f] < v[p] {
                f += 1;
            }
            l -= 1;
            while v[p] < v[l] {
                l -= 1;
            }
            if f >= l {
                return f;
            }
            v.swap(f, l);
            f += 1;
        }
    }

    fn unguarded_linear_insert<T: Key>(v: &mut [T], mut last: usize) {
        let val = v[last];
        let mut next = last - 1;
        while val < v[next] {
            v[last] = v[next];
            last = next;
            next -= 1;
        }
        v[last] = val;
    }

    fn insertion_sort<T: Key>(v: &mut [T], first: usize, last: usize) {
        if first == last {
            return;
        }
        for i in first + 1..last {
            if v[i] < v[first] {
                let val = v[i];
                v.copy_within(first..i, first + 1);
                v[first] = val;
            } else {
                unguarded_linear_insert(v, i);
            }
        }
    }

    fn final_insertion_sort<T: Key>(v: &mut [T], first: usize, last: usize) {
        if last - first > THRESHOLD {
            insertion_sort(v, first, first + THRESHOLD);
            for i in first + THRESHOLD..last {
                unguarded_linear_insert(v, i);
            }
        } else {
            insertion_sort(v, first, last);
        }
    }

    fn push_heap<T: Key>(v: &mut [T], base: usize, mut hole: usize, top: usize, val: T) {
        let mut parent = hole.wrapping_sub(1) / 2;
        while hole > top && v[base + parent] < val {
            v[base + hole] = v[base + parent];
            hole = parent;
            parent = hole.wrapping_sub(1) / 2;
        }
        v[base + hole] = val;
    }

    fn adjust_heap<T: Key>(v: &mut [T], base: usize, mut hole: usize, len: usize, val: T) {
        let top = hole;
        let mut second = hole;
        while second < (len.wrapping_sub(1)) / 2 {
            second = 2 * (second + 1);
            if v[base + second] < v[base + second - 1] {
                second -= 1;
            }
            v[base + hole] = v[base + second];
            hole = second;
        }
        if len & 1 == 0 && second == (len - 2) / 2 {
            second = 2 * (second + 1);
            v[base + hole] = v[base + second - 1];
            hole = second - 1;
        }
        push_heap(v, base, hole, top, val);
    }

    fn make_heap<T: Key>(v: &mut [T], first: usize, last: usize) {
        let len = last - first;
        if len < 2 {
            return;
        }
        let mut parent = (len - 2) / 2;
        loop {
            let val = v[first + parent];
            adjust_heap(v, first, parent, len, val);
            if parent == 0 {
                return;
            }
            parent -= 1;
        }
    }

    fn sort_heap<T: Key>(v: &mut [T], first: usize, mut last: usize) {
        while last - first > 1 {
            last -= 1;
            let val = v[last];
            v[last] = v[first];
            adjust_heap(v, first, 0, last - first, val);
        }
    }
}

/// One step of `qsort_` on `[left, right]`: sorts small or degenerate ranges outright and
/// otherwise partitions, returning the two sides still to sort (`None` when a side is
/// constant).
#[target_feature(enable = "avx2,popcnt,bmi1,bmi2")]
unsafe fn qsort_step<T: Key>(
    arr: *mut T,
    left: usize,
    right: usize,
    max_iters: usize,
) -> [Option<(usize, usize)>; 2] {
    unsafe {
        if max_iters == 0 {
            fallback_sort(arr, left, right);
            return [None, None];
        }
        if right + 1 - left <= T::NET {
            sort_n(arr.add(left), right + 1 - left);
            return [None, None];
        }
        let (pivot, kind) = get_pivot_smart(arr, left, right);
        if kind == PivotKind::Sorted {
            return [None, None];
        }
        let mut smallest = T::tmax();
        let mut biggest = T::tmin();
        let pi = partition_unrolled(arr, left, right + 1, pivot, &mut smallest, &mut biggest);
        if kind == PivotKind::Only2Values {
            return [None, None];
        }
        [
            (pivot != smallest).then_some((left, pi.wrapping_sub(1))),
            (pivot != biggest).then_some((pi, right)),
        ]
    }
}

/// `qsort_` (ascending).
#[target_feature(enable = "avx2,popcnt,bmi1,bmi2")]
unsafe fn qsort_<T: Key>(arr: *mut T, left: usize, right: usize, max_iters: usize) {
    let sides = unsafe { qsort_step(arr, left, right, max_iters) };
    for (l, r) in sides.into_iter().flatten() {
        unsafe { qsort_(arr, l, r, max_iters - 1) };
    }
}

/// `qselect_` (ascending).
#[target_feature(enable = "avx2,popcnt,bmi1,bmi2")]
unsafe fn qselect_<T: Key>(
    arr: *mut T,
    pos: usize,
    mut left: usize,
    mut right: usize,
    mut max_iters: usize,
) {
    loop {
        unsafe {
            if max_iters == 0 {
                fallback_sort(arr, left, right);
                return;
            }
            if right + 1 - left <= T::NET {
                sort_n(arr.add(left), right + 1 - left);
                return;
            }
            let pivot = get_pivot(arr, left, right);
            let mut smallest = T::tmax();
            let mut biggest = T::tmin();
            let pi = partition_unrolled(arr, left, right + 1, pivot, &mut smallest, &mut biggest);
            if pivot != smallest && pos < pi {
                right = pi - 1;
            } else if pivot != biggest && pos >= pi {
                left = pi;
            } else {
                return;
            }
            max_iters -= 1;
        }
    }
}

/// `2 * (arrsize_t)log2(n)`.
fn max_iters(n: usize) -> usize {
    2 * ((n as f64).log2() as usize)
}

struct SyncPtr<T>(*mut T);
// SAFETY: the parts handed to threads are disjoint ranges of one slice.
unsafe impl<T> Sync for SyncPtr<T> {}
unsafe impl<T> Send for SyncPtr<T> {}

/// Sort `v` (no NaN in it: the caller replaced them by +inf), as `qsort_` does, running
/// the sides of the top partitions on up to `threads` workers when they are large.
///
/// # Safety
/// AVX2 is available.
#[target_feature(enable = "avx2,popcnt,bmi1,bmi2")]
unsafe fn qsort_top<T: Key>(v: &mut [T], parallel: bool) {
    let n = v.len();
    if n < 2 {
        return;
    }
    let arr = v.as_mut_ptr();
    let mi = max_iters(n);
    if !parallel || n < 2 * PAR_MIN {
        unsafe { qsort_(arr, 0, n - 1, mi) };
        return;
    }
    // The same recursion, with the top steps done here and the sides left as tasks:
    // split the largest task until there are two and none holds most of the work.
    let mut tasks: Vec<(usize, usize, usize)> = vec![(0, n - 1, mi)];
    for _ in 0..3 {
        let Some((idx, &(l, r, it))) = tasks.iter().enumerate().max_by_key(|(_, t)| t.1 + 1 - t.0)
        else {
            break;
        };
        let big = r + 1 - l;
        if big < 2 * PAR_MIN || it == 0 || (tasks.len() >= 2 && big * 5 <= n * 3) {
            break;
        }
        tasks.swap_remove(idx);
        for (a, b) in unsafe { qsort_step(arr, l, r, it) }.into_iter().flatten() {
            tasks.push((a, b, it - 1));
        }
    }
    let mut done = tasks;
    // largest first, for balance
    done.sort_by_key(|&(l, r, _)| std::cmp::Reverse(r + 1 - l));
    let p = SyncPtr(arr);
    let bytes = std::mem::size_of_val(v);
    let _ = crate::exec::for_each_part(done.len(), bytes, |i| {
        let (l, r, it) = done[i];
        let p = &p;
        // SAFETY: the tasks are disjoint ranges of `v`; AVX2 (caller).
        unsafe { qsort_(p.0, l, r, it) };
        Ok(())
    });
}

// ---------------------------------------------------------------- table entries

/// Copy the lane at `src` (byte stride `ss`) into the contiguous `dst` (which may be the
/// same memory), replacing NaN by +inf when `nan_to_inf` (`replace_nan_with_inf`, fused
/// with the copy); returns the number of NaNs seen (counted either way).
#[target_feature(enable = "avx2,popcnt,bmi1,bmi2")]
unsafe fn load_lane<T: Key>(
    src: *const u8,
    ss: isize,
    dst: *mut T,
    n: usize,
    nan_to_inf: bool,
) -> usize {
    let sz = std::mem::size_of::<T>();
    let l = T::LANES;
    let mut nans = 0;
    let fix = T::FLOAT && nan_to_inf;
    unsafe {
        let mut i = 0;
        if ss == sz as isize {
            let s = src as *const T;
            let inf = T::set1(T::tmax());
            while i + l <= n {
                let mut v = loadu(s.add(i));
                if T::FLOAT {
                    let m = T::unord(v);
                    nans += movemask::<T>(m).count_ones() as usize;
                    if fix {
                        v = blend(v, inf, m);
                    }
                }
                storeu(dst.add(i), v);
                i += l;
            }
        }
        while i < n {
            let mut x = (src.offset(i as isize * ss) as *const T).read_unaligned();
            if T::FLOAT && x.is_nan() {
                nans += 1;
                if fix {
                    x = T::tmax();
                }
            }
            dst.add(i).write(x);
            i += 1;
        }
    }
    nans
}

/// Whether `dst` (stride `ds`) is a contiguous aligned lane that `src` (stride `ss`) is
/// either exactly or does not overlap, so the kernel can work there.
fn dst_usable<T>(src: *const u8, ss: isize, dst: *mut u8, ds: isize, n: usize) -> bool {
    let sz = std::mem::size_of::<T>();
    if n == 0 || ds != sz as isize || (dst as usize) % std::mem::align_of::<T>() != 0 {
        return false;
    }
    let (d0, d1) = (dst as usize, dst as usize + n * sz);
    let (s0, s1) = if ss >= 0 {
        (src as usize, src as usize + (n - 1) * ss as usize + sz)
    } else {
        (
            src as usize - (n - 1) * ss.unsigned_abs(),
            src as usize + sz,
        )
    };
    (std::ptr::eq(src, dst) && ss == ds) || s1 <= d0 || d1 <= s0
}

/// Run `f` on the lane as a contiguous typed slice (in `dst` when usable, else in a
/// buffer scattered to `dst` afterwards), loaded with [`load_lane`].
///
/// # Safety
/// Lanes readable/writable; AVX2 available.
unsafe fn with_lane<T: Key>(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
    nan_to_inf: bool,
    f: impl FnOnce(&mut [T], usize),
) {
    if dst_usable::<T>(src, ss, dst, ds, n) {
        // SAFETY: `dst` holds n aligned elements not partly overlapping `src` (checked).
        unsafe {
            let nans = load_lane(src, ss, dst as *mut T, n, nan_to_inf);
            f(std::slice::from_raw_parts_mut(dst as *mut T, n), nans);
        }
        return;
    }
    let mut buf: Vec<T> = Vec::with_capacity(n);
    // SAFETY: `buf` has capacity n; load_lane writes all n.
    unsafe {
        let nans = load_lane(src, ss, buf.as_mut_ptr(), n, nan_to_inf);
        buf.set_len(n);
        f(&mut buf, nans);
        super::scatter(&buf, dst, ds);
    }
}

/// The unstable sort of NumPy (x86-simd-sort `qsort(arr, n, hasnan=true)`); the stable
/// kind and machines without AVX2 take the generic kernel.
unsafe fn sort_simd<T: Key + super::keys::SortElem>(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
    stable: bool,
) {
    if stable || n < 2 || !usable() {
        // SAFETY: forwarded (caller).
        return unsafe { super::sort_k::<T>(src, ss, dst, ds, n, stable) };
    }
    let parallel = n >= 2 * PAR_MIN && crate::exec::parallelism(n * std::mem::size_of::<T>()) > 1;
    // SAFETY: lanes valid (caller); AVX2 checked.
    unsafe {
        with_lane::<T>(src, ss, dst, ds, n, true, |v, nans| {
            if !T::FLOAT && counting_sort(v) {
                return;
            }
            qsort_top(v, parallel);
            let n = v.len();
            for x in &mut v[n - nans..] {
                *x = T::quiet_nan();
            }
        })
    };
}

/// Integers of a small range (at most `n / 2` distinct possible values, e.g. many
/// duplicates): a counting sort (equal integers are indistinguishable, so the result is
/// NumPy's). `false` (nothing changed) when the range is larger; a sample of the first
/// elements rules most such inputs out before the full min/max pass.
fn counting_sort<T: Key>(v: &mut [T]) -> bool {
    const MIN_N: usize = 1 << 12;
    let n = v.len();
    if n < MIN_N || n > u32::MAX as usize {
        return false;
    }
    let limit = (n / 2) as u64;
    let span = |w: &[T]| {
        let (mut lo, mut hi) = (u64::MAX, 0u64);
        for x in w {
            let o = x.ord();
            lo = lo.min(o);
            hi = hi.max(o);
        }
        (lo, hi)
    };
    let (slo, shi) = span(&v[..MIN_N]);
    if shi - slo >= limit {
        return false;
    }
    let (lo, hi) = span(v);
    if hi - lo >= limit {
        return false;
    }
    let mut counts = vec![0u32; (hi - lo) as usize + 1];
    for x in v.iter() {
        // SAFETY: lo <= ord(x) <= hi.
        unsafe { *counts.get_unchecked_mut((x.ord() - lo) as usize) += 1 };
    }
    let mut i = 0usize;
    for (j, &c) in counts.iter().enumerate() {
        let c = c as usize;
        v[i..i + c].fill(T::from_ord(lo + j as u64));
        i += c;
    }
    true
}

/// Partition: NumPy runs x86-simd-sort `qselect(arr, kth, n, hasnan=true)` for a single
/// `kth`; several go to the generic introselect, as in NumPy.
unsafe fn partition_simd<T: Key + super::keys::SortElem>(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
    kth: &[usize],
) {
    if kth.len() != 1 || n < 2 || !usable() {
        // SAFETY: forwarded (caller).
        return unsafe { super::partition_k::<T>(src, ss, dst, ds, n, kth) };
    }
    let k = kth[0];
    // SAFETY: lanes valid (caller); AVX2 checked.
    unsafe {
        with_lane::<T>(src, ss, dst, ds, n, false, |v, nans| {
            qselect(v, k, nans > 0)
        });
    }
}

/// `xss_qselect` (ascending, `hasnan`): NaNs to the end, then `qselect_`. `has_nan`:
/// whether the lane holds a NaN (the copy counted them; without one, moving the NaNs is
/// a pass that changes nothing).
///
/// # Safety
/// AVX2 available; `k < v.len()`.
#[target_feature(enable = "avx2,popcnt,bmi1,bmi2")]
pub(crate) unsafe fn qselect<T: Key>(v: &mut [T], k: usize, has_nan: bool) {
    let size = v.len();
    if size <= 1 {
        return;
    }
    let mut last = size - 1;
    if T::FLOAT && has_nan {
        // move_nans_to_end_of_array
        let (mut ii, mut jj, mut count) = (0usize, size - 1, 0usize);
        while ii < jj {
            if v[ii].is_nan() {
                v.swap(ii, jj);
                jj -= 1;
                count += 1;
            } else {
                ii += 1;
            }
        }
        if v[ii].is_nan() {
            count += 1;
        }
        if count == size {
            return;
        }
        last = size - count - 1;
    }
    if k <= last {
        // SAFETY: AVX2 (caller); [0, last] inside v.
        unsafe { qselect_(v.as_mut_ptr(), k, 0, last, max_iters(size)) };
    }
}

/// `unique` of floats: NumPy sorts with its unstable sort and keeps the first element of
/// every run, so which of -0.0/+0.0 survives (and that NaNs come out as the default quiet
/// NaN) follows the sort; integers keep the generic kernel (small-range table or radix).
/// The NaN replacement is fused with the copy out of the lane, and the run starts are
/// written straight into the result bytes (no zeroed buffer).
unsafe fn unique_values_simd<T: Key + super::keys::SortElem>(
    src: *const u8,
    ss: isize,
    n: usize,
    equal_nan: bool,
) -> Vec<u8> {
    // x86-simd-sort leaves a lane of one element as it is (a NaN keeps its payload and
    // sign), as the generic kernel does.
    if !T::FLOAT || !usable() || n <= 1 {
        // SAFETY: forwarded (caller).
        return unsafe { super::unique_values_k::<T>(src, ss, n, equal_nan) };
    }
    let sz = std::mem::size_of::<T>();
    // The sort buffer: the large-block allocator's reused (huge-page) memory.
    let mut buf = super::radix::Buf::<T>::new(n);
    let v = buf.slice();
    // SAFETY: lane readable (caller); `v` holds n elements, all written by load_lane; AVX2.
    let nans = unsafe { load_lane(src, ss, v.as_mut_ptr(), n, true) };
    let parallel = n >= 2 * PAR_MIN && crate::exec::parallelism(n * sz) > 1;
    // SAFETY: AVX2 (checked).
    unsafe { qsort_top(v, parallel) };
    // The numbers: the first of every run of equal values (`-0.0 == 0.0`), kept in place.
    let m = n - nans;
    let mut k = 0usize;
    if m > 0 {
        k = 1;
        let mut prev = v[0];
        for i in 1..m {
            // SAFETY: k <= i < m <= n; element i is read before slot k is written.
            unsafe {
                let x = *v.get_unchecked(i);
                *v.get_unchecked_mut(k) = x;
                k += (x != prev) as usize;
                prev = x;
            }
        }
    }
    // The NaNs (NumPy's default quiet NaN after its sort): one, or all of them.
    let keep = if equal_nan { nans.min(1) } else { nans };
    v[k..k + keep].fill(T::quiet_nan());
    k += keep;
    let mut out: Vec<u8> = Vec::with_capacity(k * sz);
    // SAFETY: `out` has room for the k elements' bytes, all copied.
    unsafe {
        std::ptr::copy_nonoverlapping(v.as_ptr() as *const u8, out.as_mut_ptr(), k * sz);
        out.set_len(k * sz);
    }
    out
}

/// Replace the sort and partition entries of the 32- and 64-bit ints and floats with the
/// x86-simd-sort port (each entry still falls back to the generic kernel without AVX2).
pub(super) fn install(m: &mut std::collections::HashMap<u32, super::SortKernels>) {
    use crate::dtype::Builtin;
    macro_rules! put {
        ($b:ident, $t:ty) => {
            if let Some(e) = m.get_mut(&(Builtin::$b as u32)) {
                e.sort = sort_simd::<$t>;
                e.partition = partition_simd::<$t>;
                e.unique_values = unique_values_simd::<$t>;
            }
        };
    }
    put!(Int32, i32);
    put!(Int64, i64);
    put!(UInt32, u32);
    put!(UInt64, u64);
    put!(Float32, f32);
    put!(Float64, f64);
}
