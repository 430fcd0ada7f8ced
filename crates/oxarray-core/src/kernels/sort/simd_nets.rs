//! Generated from x86-simd-sort's `xss-optimal-networks.hpp` and `xss-network-qsort.hpp`
//! (`sort_vectors<numVecs>`: the column network, then the bitonic merges) as straight-line
//! code, so every register stays a local as in the C++ template expansion. Do not edit:
//! regenerate with `tools/gen_sort_nets.py` (see its docstring).
#![allow(clippy::all, unused_mut)]
use super::*;

#[inline(always)]
pub(super) unsafe fn sv4_1<T: Key>(v: &mut [__m256i; 1]) {
    unsafe {
        let [mut v0] = *v;
        {
            let mut o = reverse_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v0, 4);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 4);
        }
        {
            let mut o = swap_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        *v = [v0];
    }
}

#[inline(always)]
pub(super) unsafe fn sv4_2<T: Key>(v: &mut [__m256i; 2]) {
    unsafe {
        let [mut v0, mut v1] = *v;
        coex::<T>(&mut v0, &mut v1);
        v1 = reverse_n::<T>(v1, 2);
        coex::<T>(&mut v0, &mut v1);
        {
            let mut o = reverse_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        v1 = reverse_n::<T>(v1, 4);
        coex::<T>(&mut v0, &mut v1);
        {
            let mut o = reverse_n::<T>(v0, 4);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v1, 4);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 4);
        }
        {
            let mut o = swap_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = swap_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        *v = [v0, v1];
    }
}

#[inline(always)]
pub(super) unsafe fn sv4_4<T: Key>(v: &mut [__m256i; 4]) {
    unsafe {
        let [mut v0, mut v1, mut v2, mut v3] = *v;
        coex::<T>(&mut v0, &mut v2);
        coex::<T>(&mut v1, &mut v3);
        coex::<T>(&mut v0, &mut v1);
        coex::<T>(&mut v2, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v2 = reverse_n::<T>(v2, 2);
        v3 = reverse_n::<T>(v3, 2);
        coex::<T>(&mut v0, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v1 = reverse_n::<T>(v1, 2);
        coex::<T>(&mut v0, &mut v1);
        v3 = reverse_n::<T>(v3, 2);
        coex::<T>(&mut v2, &mut v3);
        {
            let mut o = reverse_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v2, 2);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v3, 2);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 2);
        }
        v2 = reverse_n::<T>(v2, 4);
        v3 = reverse_n::<T>(v3, 4);
        coex::<T>(&mut v0, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v1 = reverse_n::<T>(v1, 4);
        coex::<T>(&mut v0, &mut v1);
        v3 = reverse_n::<T>(v3, 4);
        coex::<T>(&mut v2, &mut v3);
        {
            let mut o = reverse_n::<T>(v0, 4);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v1, 4);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v2, 4);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v3, 4);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 4);
        }
        {
            let mut o = swap_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = swap_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        {
            let mut o = swap_n::<T>(v2, 2);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 2);
        }
        {
            let mut o = swap_n::<T>(v3, 2);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 2);
        }
        *v = [v0, v1, v2, v3];
    }
}

#[inline(always)]
pub(super) unsafe fn sv4_8<T: Key>(v: &mut [__m256i; 8]) {
    unsafe {
        let [mut v0, mut v1, mut v2, mut v3, mut v4, mut v5, mut v6, mut v7] = *v;
        coex::<T>(&mut v0, &mut v2);
        coex::<T>(&mut v1, &mut v3);
        coex::<T>(&mut v4, &mut v6);
        coex::<T>(&mut v5, &mut v7);
        coex::<T>(&mut v0, &mut v4);
        coex::<T>(&mut v1, &mut v5);
        coex::<T>(&mut v2, &mut v6);
        coex::<T>(&mut v3, &mut v7);
        coex::<T>(&mut v0, &mut v1);
        coex::<T>(&mut v2, &mut v3);
        coex::<T>(&mut v4, &mut v5);
        coex::<T>(&mut v6, &mut v7);
        coex::<T>(&mut v2, &mut v4);
        coex::<T>(&mut v3, &mut v5);
        coex::<T>(&mut v1, &mut v4);
        coex::<T>(&mut v3, &mut v6);
        coex::<T>(&mut v1, &mut v2);
        coex::<T>(&mut v3, &mut v4);
        coex::<T>(&mut v5, &mut v6);
        v4 = reverse_n::<T>(v4, 2);
        v5 = reverse_n::<T>(v5, 2);
        v6 = reverse_n::<T>(v6, 2);
        v7 = reverse_n::<T>(v7, 2);
        coex::<T>(&mut v0, &mut v7);
        coex::<T>(&mut v1, &mut v6);
        coex::<T>(&mut v2, &mut v5);
        coex::<T>(&mut v3, &mut v4);
        v2 = reverse_n::<T>(v2, 2);
        v3 = reverse_n::<T>(v3, 2);
        coex::<T>(&mut v0, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v6 = reverse_n::<T>(v6, 2);
        v7 = reverse_n::<T>(v7, 2);
        coex::<T>(&mut v4, &mut v7);
        coex::<T>(&mut v5, &mut v6);
        v1 = reverse_n::<T>(v1, 2);
        coex::<T>(&mut v0, &mut v1);
        v3 = reverse_n::<T>(v3, 2);
        coex::<T>(&mut v2, &mut v3);
        v5 = reverse_n::<T>(v5, 2);
        coex::<T>(&mut v4, &mut v5);
        v7 = reverse_n::<T>(v7, 2);
        coex::<T>(&mut v6, &mut v7);
        {
            let mut o = reverse_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v2, 2);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v3, 2);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v4, 2);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v5, 2);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v6, 2);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v7, 2);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 2);
        }
        v4 = reverse_n::<T>(v4, 4);
        v5 = reverse_n::<T>(v5, 4);
        v6 = reverse_n::<T>(v6, 4);
        v7 = reverse_n::<T>(v7, 4);
        coex::<T>(&mut v0, &mut v7);
        coex::<T>(&mut v1, &mut v6);
        coex::<T>(&mut v2, &mut v5);
        coex::<T>(&mut v3, &mut v4);
        v2 = reverse_n::<T>(v2, 4);
        v3 = reverse_n::<T>(v3, 4);
        coex::<T>(&mut v0, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v6 = reverse_n::<T>(v6, 4);
        v7 = reverse_n::<T>(v7, 4);
        coex::<T>(&mut v4, &mut v7);
        coex::<T>(&mut v5, &mut v6);
        v1 = reverse_n::<T>(v1, 4);
        coex::<T>(&mut v0, &mut v1);
        v3 = reverse_n::<T>(v3, 4);
        coex::<T>(&mut v2, &mut v3);
        v5 = reverse_n::<T>(v5, 4);
        coex::<T>(&mut v4, &mut v5);
        v7 = reverse_n::<T>(v7, 4);
        coex::<T>(&mut v6, &mut v7);
        {
            let mut o = reverse_n::<T>(v0, 4);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v1, 4);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v2, 4);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v3, 4);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v4, 4);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v5, 4);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v6, 4);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v7, 4);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 4);
        }
        {
            let mut o = swap_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = swap_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        {
            let mut o = swap_n::<T>(v2, 2);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 2);
        }
        {
            let mut o = swap_n::<T>(v3, 2);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 2);
        }
        {
            let mut o = swap_n::<T>(v4, 2);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 2);
        }
        {
            let mut o = swap_n::<T>(v5, 2);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 2);
        }
        {
            let mut o = swap_n::<T>(v6, 2);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 2);
        }
        {
            let mut o = swap_n::<T>(v7, 2);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 2);
        }
        *v = [v0, v1, v2, v3, v4, v5, v6, v7];
    }
}

#[inline(always)]
pub(super) unsafe fn sv4_16<T: Key>(v: &mut [__m256i; 16]) {
    unsafe {
        let [mut v0, mut v1, mut v2, mut v3, mut v4, mut v5, mut v6, mut v7, mut v8, mut v9, mut v10, mut v11, mut v12, mut v13, mut v14, mut v15] =
            *v;
        coex::<T>(&mut v0, &mut v13);
        coex::<T>(&mut v1, &mut v12);
        coex::<T>(&mut v2, &mut v15);
        coex::<T>(&mut v3, &mut v14);
        coex::<T>(&mut v4, &mut v8);
        coex::<T>(&mut v5, &mut v6);
        coex::<T>(&mut v7, &mut v11);
        coex::<T>(&mut v9, &mut v10);
        coex::<T>(&mut v0, &mut v5);
        coex::<T>(&mut v1, &mut v7);
        coex::<T>(&mut v2, &mut v9);
        coex::<T>(&mut v3, &mut v4);
        coex::<T>(&mut v6, &mut v13);
        coex::<T>(&mut v8, &mut v14);
        coex::<T>(&mut v10, &mut v15);
        coex::<T>(&mut v11, &mut v12);
        coex::<T>(&mut v0, &mut v1);
        coex::<T>(&mut v2, &mut v3);
        coex::<T>(&mut v4, &mut v5);
        coex::<T>(&mut v6, &mut v8);
        coex::<T>(&mut v7, &mut v9);
        coex::<T>(&mut v10, &mut v11);
        coex::<T>(&mut v12, &mut v13);
        coex::<T>(&mut v14, &mut v15);
        coex::<T>(&mut v0, &mut v2);
        coex::<T>(&mut v1, &mut v3);
        coex::<T>(&mut v4, &mut v10);
        coex::<T>(&mut v5, &mut v11);
        coex::<T>(&mut v6, &mut v7);
        coex::<T>(&mut v8, &mut v9);
        coex::<T>(&mut v12, &mut v14);
        coex::<T>(&mut v13, &mut v15);
        coex::<T>(&mut v1, &mut v2);
        coex::<T>(&mut v3, &mut v12);
        coex::<T>(&mut v4, &mut v6);
        coex::<T>(&mut v5, &mut v7);
        coex::<T>(&mut v8, &mut v10);
        coex::<T>(&mut v9, &mut v11);
        coex::<T>(&mut v13, &mut v14);
        coex::<T>(&mut v1, &mut v4);
        coex::<T>(&mut v2, &mut v6);
        coex::<T>(&mut v5, &mut v8);
        coex::<T>(&mut v7, &mut v10);
        coex::<T>(&mut v9, &mut v13);
        coex::<T>(&mut v11, &mut v14);
        coex::<T>(&mut v2, &mut v4);
        coex::<T>(&mut v3, &mut v6);
        coex::<T>(&mut v9, &mut v12);
        coex::<T>(&mut v11, &mut v13);
        coex::<T>(&mut v3, &mut v5);
        coex::<T>(&mut v6, &mut v8);
        coex::<T>(&mut v7, &mut v9);
        coex::<T>(&mut v10, &mut v12);
        coex::<T>(&mut v3, &mut v4);
        coex::<T>(&mut v5, &mut v6);
        coex::<T>(&mut v7, &mut v8);
        coex::<T>(&mut v9, &mut v10);
        coex::<T>(&mut v11, &mut v12);
        coex::<T>(&mut v6, &mut v7);
        coex::<T>(&mut v8, &mut v9);
        v8 = reverse_n::<T>(v8, 2);
        v9 = reverse_n::<T>(v9, 2);
        v10 = reverse_n::<T>(v10, 2);
        v11 = reverse_n::<T>(v11, 2);
        v12 = reverse_n::<T>(v12, 2);
        v13 = reverse_n::<T>(v13, 2);
        v14 = reverse_n::<T>(v14, 2);
        v15 = reverse_n::<T>(v15, 2);
        coex::<T>(&mut v0, &mut v15);
        coex::<T>(&mut v1, &mut v14);
        coex::<T>(&mut v2, &mut v13);
        coex::<T>(&mut v3, &mut v12);
        coex::<T>(&mut v4, &mut v11);
        coex::<T>(&mut v5, &mut v10);
        coex::<T>(&mut v6, &mut v9);
        coex::<T>(&mut v7, &mut v8);
        v4 = reverse_n::<T>(v4, 2);
        v5 = reverse_n::<T>(v5, 2);
        v6 = reverse_n::<T>(v6, 2);
        v7 = reverse_n::<T>(v7, 2);
        coex::<T>(&mut v0, &mut v7);
        coex::<T>(&mut v1, &mut v6);
        coex::<T>(&mut v2, &mut v5);
        coex::<T>(&mut v3, &mut v4);
        v12 = reverse_n::<T>(v12, 2);
        v13 = reverse_n::<T>(v13, 2);
        v14 = reverse_n::<T>(v14, 2);
        v15 = reverse_n::<T>(v15, 2);
        coex::<T>(&mut v8, &mut v15);
        coex::<T>(&mut v9, &mut v14);
        coex::<T>(&mut v10, &mut v13);
        coex::<T>(&mut v11, &mut v12);
        v2 = reverse_n::<T>(v2, 2);
        v3 = reverse_n::<T>(v3, 2);
        coex::<T>(&mut v0, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v6 = reverse_n::<T>(v6, 2);
        v7 = reverse_n::<T>(v7, 2);
        coex::<T>(&mut v4, &mut v7);
        coex::<T>(&mut v5, &mut v6);
        v10 = reverse_n::<T>(v10, 2);
        v11 = reverse_n::<T>(v11, 2);
        coex::<T>(&mut v8, &mut v11);
        coex::<T>(&mut v9, &mut v10);
        v14 = reverse_n::<T>(v14, 2);
        v15 = reverse_n::<T>(v15, 2);
        coex::<T>(&mut v12, &mut v15);
        coex::<T>(&mut v13, &mut v14);
        v1 = reverse_n::<T>(v1, 2);
        coex::<T>(&mut v0, &mut v1);
        v3 = reverse_n::<T>(v3, 2);
        coex::<T>(&mut v2, &mut v3);
        v5 = reverse_n::<T>(v5, 2);
        coex::<T>(&mut v4, &mut v5);
        v7 = reverse_n::<T>(v7, 2);
        coex::<T>(&mut v6, &mut v7);
        v9 = reverse_n::<T>(v9, 2);
        coex::<T>(&mut v8, &mut v9);
        v11 = reverse_n::<T>(v11, 2);
        coex::<T>(&mut v10, &mut v11);
        v13 = reverse_n::<T>(v13, 2);
        coex::<T>(&mut v12, &mut v13);
        v15 = reverse_n::<T>(v15, 2);
        coex::<T>(&mut v14, &mut v15);
        {
            let mut o = reverse_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v2, 2);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v3, 2);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v4, 2);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v5, 2);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v6, 2);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v7, 2);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v8, 2);
            coex::<T>(&mut o, &mut v8);
            v8 = merge_n::<T>(v8, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v9, 2);
            coex::<T>(&mut o, &mut v9);
            v9 = merge_n::<T>(v9, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v10, 2);
            coex::<T>(&mut o, &mut v10);
            v10 = merge_n::<T>(v10, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v11, 2);
            coex::<T>(&mut o, &mut v11);
            v11 = merge_n::<T>(v11, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v12, 2);
            coex::<T>(&mut o, &mut v12);
            v12 = merge_n::<T>(v12, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v13, 2);
            coex::<T>(&mut o, &mut v13);
            v13 = merge_n::<T>(v13, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v14, 2);
            coex::<T>(&mut o, &mut v14);
            v14 = merge_n::<T>(v14, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v15, 2);
            coex::<T>(&mut o, &mut v15);
            v15 = merge_n::<T>(v15, o, 2);
        }
        v8 = reverse_n::<T>(v8, 4);
        v9 = reverse_n::<T>(v9, 4);
        v10 = reverse_n::<T>(v10, 4);
        v11 = reverse_n::<T>(v11, 4);
        v12 = reverse_n::<T>(v12, 4);
        v13 = reverse_n::<T>(v13, 4);
        v14 = reverse_n::<T>(v14, 4);
        v15 = reverse_n::<T>(v15, 4);
        coex::<T>(&mut v0, &mut v15);
        coex::<T>(&mut v1, &mut v14);
        coex::<T>(&mut v2, &mut v13);
        coex::<T>(&mut v3, &mut v12);
        coex::<T>(&mut v4, &mut v11);
        coex::<T>(&mut v5, &mut v10);
        coex::<T>(&mut v6, &mut v9);
        coex::<T>(&mut v7, &mut v8);
        v4 = reverse_n::<T>(v4, 4);
        v5 = reverse_n::<T>(v5, 4);
        v6 = reverse_n::<T>(v6, 4);
        v7 = reverse_n::<T>(v7, 4);
        coex::<T>(&mut v0, &mut v7);
        coex::<T>(&mut v1, &mut v6);
        coex::<T>(&mut v2, &mut v5);
        coex::<T>(&mut v3, &mut v4);
        v12 = reverse_n::<T>(v12, 4);
        v13 = reverse_n::<T>(v13, 4);
        v14 = reverse_n::<T>(v14, 4);
        v15 = reverse_n::<T>(v15, 4);
        coex::<T>(&mut v8, &mut v15);
        coex::<T>(&mut v9, &mut v14);
        coex::<T>(&mut v10, &mut v13);
        coex::<T>(&mut v11, &mut v12);
        v2 = reverse_n::<T>(v2, 4);
        v3 = reverse_n::<T>(v3, 4);
        coex::<T>(&mut v0, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v6 = reverse_n::<T>(v6, 4);
        v7 = reverse_n::<T>(v7, 4);
        coex::<T>(&mut v4, &mut v7);
        coex::<T>(&mut v5, &mut v6);
        v10 = reverse_n::<T>(v10, 4);
        v11 = reverse_n::<T>(v11, 4);
        coex::<T>(&mut v8, &mut v11);
        coex::<T>(&mut v9, &mut v10);
        v14 = reverse_n::<T>(v14, 4);
        v15 = reverse_n::<T>(v15, 4);
        coex::<T>(&mut v12, &mut v15);
        coex::<T>(&mut v13, &mut v14);
        v1 = reverse_n::<T>(v1, 4);
        coex::<T>(&mut v0, &mut v1);
        v3 = reverse_n::<T>(v3, 4);
        coex::<T>(&mut v2, &mut v3);
        v5 = reverse_n::<T>(v5, 4);
        coex::<T>(&mut v4, &mut v5);
        v7 = reverse_n::<T>(v7, 4);
        coex::<T>(&mut v6, &mut v7);
        v9 = reverse_n::<T>(v9, 4);
        coex::<T>(&mut v8, &mut v9);
        v11 = reverse_n::<T>(v11, 4);
        coex::<T>(&mut v10, &mut v11);
        v13 = reverse_n::<T>(v13, 4);
        coex::<T>(&mut v12, &mut v13);
        v15 = reverse_n::<T>(v15, 4);
        coex::<T>(&mut v14, &mut v15);
        {
            let mut o = reverse_n::<T>(v0, 4);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v1, 4);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v2, 4);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v3, 4);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v4, 4);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v5, 4);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v6, 4);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v7, 4);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v8, 4);
            coex::<T>(&mut o, &mut v8);
            v8 = merge_n::<T>(v8, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v9, 4);
            coex::<T>(&mut o, &mut v9);
            v9 = merge_n::<T>(v9, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v10, 4);
            coex::<T>(&mut o, &mut v10);
            v10 = merge_n::<T>(v10, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v11, 4);
            coex::<T>(&mut o, &mut v11);
            v11 = merge_n::<T>(v11, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v12, 4);
            coex::<T>(&mut o, &mut v12);
            v12 = merge_n::<T>(v12, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v13, 4);
            coex::<T>(&mut o, &mut v13);
            v13 = merge_n::<T>(v13, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v14, 4);
            coex::<T>(&mut o, &mut v14);
            v14 = merge_n::<T>(v14, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v15, 4);
            coex::<T>(&mut o, &mut v15);
            v15 = merge_n::<T>(v15, o, 4);
        }
        {
            let mut o = swap_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = swap_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        {
            let mut o = swap_n::<T>(v2, 2);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 2);
        }
        {
            let mut o = swap_n::<T>(v3, 2);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 2);
        }
        {
            let mut o = swap_n::<T>(v4, 2);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 2);
        }
        {
            let mut o = swap_n::<T>(v5, 2);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 2);
        }
        {
            let mut o = swap_n::<T>(v6, 2);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 2);
        }
        {
            let mut o = swap_n::<T>(v7, 2);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 2);
        }
        {
            let mut o = swap_n::<T>(v8, 2);
            coex::<T>(&mut o, &mut v8);
            v8 = merge_n::<T>(v8, o, 2);
        }
        {
            let mut o = swap_n::<T>(v9, 2);
            coex::<T>(&mut o, &mut v9);
            v9 = merge_n::<T>(v9, o, 2);
        }
        {
            let mut o = swap_n::<T>(v10, 2);
            coex::<T>(&mut o, &mut v10);
            v10 = merge_n::<T>(v10, o, 2);
        }
        {
            let mut o = swap_n::<T>(v11, 2);
            coex::<T>(&mut o, &mut v11);
            v11 = merge_n::<T>(v11, o, 2);
        }
        {
            let mut o = swap_n::<T>(v12, 2);
            coex::<T>(&mut o, &mut v12);
            v12 = merge_n::<T>(v12, o, 2);
        }
        {
            let mut o = swap_n::<T>(v13, 2);
            coex::<T>(&mut o, &mut v13);
            v13 = merge_n::<T>(v13, o, 2);
        }
        {
            let mut o = swap_n::<T>(v14, 2);
            coex::<T>(&mut o, &mut v14);
            v14 = merge_n::<T>(v14, o, 2);
        }
        {
            let mut o = swap_n::<T>(v15, 2);
            coex::<T>(&mut o, &mut v15);
            v15 = merge_n::<T>(v15, o, 2);
        }
        *v = [
            v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15,
        ];
    }
}

#[inline(always)]
pub(super) unsafe fn sv8_1<T: Key>(v: &mut [__m256i; 1]) {
    unsafe {
        let [mut v0] = *v;
        {
            let mut o = reverse_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v0, 4);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 4);
        }
        {
            let mut o = swap_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v0, 8);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 8);
        }
        {
            let mut o = swap_n::<T>(v0, 4);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 4);
        }
        {
            let mut o = swap_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        *v = [v0];
    }
}

#[inline(always)]
pub(super) unsafe fn sv8_2<T: Key>(v: &mut [__m256i; 2]) {
    unsafe {
        let [mut v0, mut v1] = *v;
        coex::<T>(&mut v0, &mut v1);
        v1 = reverse_n::<T>(v1, 2);
        coex::<T>(&mut v0, &mut v1);
        {
            let mut o = reverse_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        v1 = reverse_n::<T>(v1, 4);
        coex::<T>(&mut v0, &mut v1);
        {
            let mut o = reverse_n::<T>(v0, 4);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v1, 4);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 4);
        }
        {
            let mut o = swap_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = swap_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        v1 = reverse_n::<T>(v1, 8);
        coex::<T>(&mut v0, &mut v1);
        {
            let mut o = reverse_n::<T>(v0, 8);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v1, 8);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 8);
        }
        {
            let mut o = swap_n::<T>(v0, 4);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 4);
        }
        {
            let mut o = swap_n::<T>(v1, 4);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 4);
        }
        {
            let mut o = swap_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = swap_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        *v = [v0, v1];
    }
}

#[inline(always)]
pub(super) unsafe fn sv8_4<T: Key>(v: &mut [__m256i; 4]) {
    unsafe {
        let [mut v0, mut v1, mut v2, mut v3] = *v;
        coex::<T>(&mut v0, &mut v2);
        coex::<T>(&mut v1, &mut v3);
        coex::<T>(&mut v0, &mut v1);
        coex::<T>(&mut v2, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v2 = reverse_n::<T>(v2, 2);
        v3 = reverse_n::<T>(v3, 2);
        coex::<T>(&mut v0, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v1 = reverse_n::<T>(v1, 2);
        coex::<T>(&mut v0, &mut v1);
        v3 = reverse_n::<T>(v3, 2);
        coex::<T>(&mut v2, &mut v3);
        {
            let mut o = reverse_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v2, 2);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v3, 2);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 2);
        }
        v2 = reverse_n::<T>(v2, 4);
        v3 = reverse_n::<T>(v3, 4);
        coex::<T>(&mut v0, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v1 = reverse_n::<T>(v1, 4);
        coex::<T>(&mut v0, &mut v1);
        v3 = reverse_n::<T>(v3, 4);
        coex::<T>(&mut v2, &mut v3);
        {
            let mut o = reverse_n::<T>(v0, 4);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v1, 4);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v2, 4);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v3, 4);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 4);
        }
        {
            let mut o = swap_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = swap_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        {
            let mut o = swap_n::<T>(v2, 2);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 2);
        }
        {
            let mut o = swap_n::<T>(v3, 2);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 2);
        }
        v2 = reverse_n::<T>(v2, 8);
        v3 = reverse_n::<T>(v3, 8);
        coex::<T>(&mut v0, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v1 = reverse_n::<T>(v1, 8);
        coex::<T>(&mut v0, &mut v1);
        v3 = reverse_n::<T>(v3, 8);
        coex::<T>(&mut v2, &mut v3);
        {
            let mut o = reverse_n::<T>(v0, 8);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v1, 8);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v2, 8);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v3, 8);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 8);
        }
        {
            let mut o = swap_n::<T>(v0, 4);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 4);
        }
        {
            let mut o = swap_n::<T>(v1, 4);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 4);
        }
        {
            let mut o = swap_n::<T>(v2, 4);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 4);
        }
        {
            let mut o = swap_n::<T>(v3, 4);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 4);
        }
        {
            let mut o = swap_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = swap_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        {
            let mut o = swap_n::<T>(v2, 2);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 2);
        }
        {
            let mut o = swap_n::<T>(v3, 2);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 2);
        }
        *v = [v0, v1, v2, v3];
    }
}

#[inline(always)]
pub(super) unsafe fn sv8_8<T: Key>(v: &mut [__m256i; 8]) {
    unsafe {
        let [mut v0, mut v1, mut v2, mut v3, mut v4, mut v5, mut v6, mut v7] = *v;
        coex::<T>(&mut v0, &mut v2);
        coex::<T>(&mut v1, &mut v3);
        coex::<T>(&mut v4, &mut v6);
        coex::<T>(&mut v5, &mut v7);
        coex::<T>(&mut v0, &mut v4);
        coex::<T>(&mut v1, &mut v5);
        coex::<T>(&mut v2, &mut v6);
        coex::<T>(&mut v3, &mut v7);
        coex::<T>(&mut v0, &mut v1);
        coex::<T>(&mut v2, &mut v3);
        coex::<T>(&mut v4, &mut v5);
        coex::<T>(&mut v6, &mut v7);
        coex::<T>(&mut v2, &mut v4);
        coex::<T>(&mut v3, &mut v5);
        coex::<T>(&mut v1, &mut v4);
        coex::<T>(&mut v3, &mut v6);
        coex::<T>(&mut v1, &mut v2);
        coex::<T>(&mut v3, &mut v4);
        coex::<T>(&mut v5, &mut v6);
        v4 = reverse_n::<T>(v4, 2);
        v5 = reverse_n::<T>(v5, 2);
        v6 = reverse_n::<T>(v6, 2);
        v7 = reverse_n::<T>(v7, 2);
        coex::<T>(&mut v0, &mut v7);
        coex::<T>(&mut v1, &mut v6);
        coex::<T>(&mut v2, &mut v5);
        coex::<T>(&mut v3, &mut v4);
        v2 = reverse_n::<T>(v2, 2);
        v3 = reverse_n::<T>(v3, 2);
        coex::<T>(&mut v0, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v6 = reverse_n::<T>(v6, 2);
        v7 = reverse_n::<T>(v7, 2);
        coex::<T>(&mut v4, &mut v7);
        coex::<T>(&mut v5, &mut v6);
        v1 = reverse_n::<T>(v1, 2);
        coex::<T>(&mut v0, &mut v1);
        v3 = reverse_n::<T>(v3, 2);
        coex::<T>(&mut v2, &mut v3);
        v5 = reverse_n::<T>(v5, 2);
        coex::<T>(&mut v4, &mut v5);
        v7 = reverse_n::<T>(v7, 2);
        coex::<T>(&mut v6, &mut v7);
        {
            let mut o = reverse_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v2, 2);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v3, 2);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v4, 2);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v5, 2);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v6, 2);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v7, 2);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 2);
        }
        v4 = reverse_n::<T>(v4, 4);
        v5 = reverse_n::<T>(v5, 4);
        v6 = reverse_n::<T>(v6, 4);
        v7 = reverse_n::<T>(v7, 4);
        coex::<T>(&mut v0, &mut v7);
        coex::<T>(&mut v1, &mut v6);
        coex::<T>(&mut v2, &mut v5);
        coex::<T>(&mut v3, &mut v4);
        v2 = reverse_n::<T>(v2, 4);
        v3 = reverse_n::<T>(v3, 4);
        coex::<T>(&mut v0, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v6 = reverse_n::<T>(v6, 4);
        v7 = reverse_n::<T>(v7, 4);
        coex::<T>(&mut v4, &mut v7);
        coex::<T>(&mut v5, &mut v6);
        v1 = reverse_n::<T>(v1, 4);
        coex::<T>(&mut v0, &mut v1);
        v3 = reverse_n::<T>(v3, 4);
        coex::<T>(&mut v2, &mut v3);
        v5 = reverse_n::<T>(v5, 4);
        coex::<T>(&mut v4, &mut v5);
        v7 = reverse_n::<T>(v7, 4);
        coex::<T>(&mut v6, &mut v7);
        {
            let mut o = reverse_n::<T>(v0, 4);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v1, 4);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v2, 4);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v3, 4);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v4, 4);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v5, 4);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v6, 4);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v7, 4);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 4);
        }
        {
            let mut o = swap_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = swap_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        {
            let mut o = swap_n::<T>(v2, 2);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 2);
        }
        {
            let mut o = swap_n::<T>(v3, 2);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 2);
        }
        {
            let mut o = swap_n::<T>(v4, 2);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 2);
        }
        {
            let mut o = swap_n::<T>(v5, 2);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 2);
        }
        {
            let mut o = swap_n::<T>(v6, 2);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 2);
        }
        {
            let mut o = swap_n::<T>(v7, 2);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 2);
        }
        v4 = reverse_n::<T>(v4, 8);
        v5 = reverse_n::<T>(v5, 8);
        v6 = reverse_n::<T>(v6, 8);
        v7 = reverse_n::<T>(v7, 8);
        coex::<T>(&mut v0, &mut v7);
        coex::<T>(&mut v1, &mut v6);
        coex::<T>(&mut v2, &mut v5);
        coex::<T>(&mut v3, &mut v4);
        v2 = reverse_n::<T>(v2, 8);
        v3 = reverse_n::<T>(v3, 8);
        coex::<T>(&mut v0, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v6 = reverse_n::<T>(v6, 8);
        v7 = reverse_n::<T>(v7, 8);
        coex::<T>(&mut v4, &mut v7);
        coex::<T>(&mut v5, &mut v6);
        v1 = reverse_n::<T>(v1, 8);
        coex::<T>(&mut v0, &mut v1);
        v3 = reverse_n::<T>(v3, 8);
        coex::<T>(&mut v2, &mut v3);
        v5 = reverse_n::<T>(v5, 8);
        coex::<T>(&mut v4, &mut v5);
        v7 = reverse_n::<T>(v7, 8);
        coex::<T>(&mut v6, &mut v7);
        {
            let mut o = reverse_n::<T>(v0, 8);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v1, 8);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v2, 8);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v3, 8);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v4, 8);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v5, 8);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v6, 8);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v7, 8);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 8);
        }
        {
            let mut o = swap_n::<T>(v0, 4);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 4);
        }
        {
            let mut o = swap_n::<T>(v1, 4);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 4);
        }
        {
            let mut o = swap_n::<T>(v2, 4);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 4);
        }
        {
            let mut o = swap_n::<T>(v3, 4);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 4);
        }
        {
            let mut o = swap_n::<T>(v4, 4);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 4);
        }
        {
            let mut o = swap_n::<T>(v5, 4);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 4);
        }
        {
            let mut o = swap_n::<T>(v6, 4);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 4);
        }
        {
            let mut o = swap_n::<T>(v7, 4);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 4);
        }
        {
            let mut o = swap_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = swap_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        {
            let mut o = swap_n::<T>(v2, 2);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 2);
        }
        {
            let mut o = swap_n::<T>(v3, 2);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 2);
        }
        {
            let mut o = swap_n::<T>(v4, 2);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 2);
        }
        {
            let mut o = swap_n::<T>(v5, 2);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 2);
        }
        {
            let mut o = swap_n::<T>(v6, 2);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 2);
        }
        {
            let mut o = swap_n::<T>(v7, 2);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 2);
        }
        *v = [v0, v1, v2, v3, v4, v5, v6, v7];
    }
}

#[inline(always)]
pub(super) unsafe fn sv8_16<T: Key>(v: &mut [__m256i; 16]) {
    unsafe {
        let [mut v0, mut v1, mut v2, mut v3, mut v4, mut v5, mut v6, mut v7, mut v8, mut v9, mut v10, mut v11, mut v12, mut v13, mut v14, mut v15] =
            *v;
        coex::<T>(&mut v0, &mut v13);
        coex::<T>(&mut v1, &mut v12);
        coex::<T>(&mut v2, &mut v15);
        coex::<T>(&mut v3, &mut v14);
        coex::<T>(&mut v4, &mut v8);
        coex::<T>(&mut v5, &mut v6);
        coex::<T>(&mut v7, &mut v11);
        coex::<T>(&mut v9, &mut v10);
        coex::<T>(&mut v0, &mut v5);
        coex::<T>(&mut v1, &mut v7);
        coex::<T>(&mut v2, &mut v9);
        coex::<T>(&mut v3, &mut v4);
        coex::<T>(&mut v6, &mut v13);
        coex::<T>(&mut v8, &mut v14);
        coex::<T>(&mut v10, &mut v15);
        coex::<T>(&mut v11, &mut v12);
        coex::<T>(&mut v0, &mut v1);
        coex::<T>(&mut v2, &mut v3);
        coex::<T>(&mut v4, &mut v5);
        coex::<T>(&mut v6, &mut v8);
        coex::<T>(&mut v7, &mut v9);
        coex::<T>(&mut v10, &mut v11);
        coex::<T>(&mut v12, &mut v13);
        coex::<T>(&mut v14, &mut v15);
        coex::<T>(&mut v0, &mut v2);
        coex::<T>(&mut v1, &mut v3);
        coex::<T>(&mut v4, &mut v10);
        coex::<T>(&mut v5, &mut v11);
        coex::<T>(&mut v6, &mut v7);
        coex::<T>(&mut v8, &mut v9);
        coex::<T>(&mut v12, &mut v14);
        coex::<T>(&mut v13, &mut v15);
        coex::<T>(&mut v1, &mut v2);
        coex::<T>(&mut v3, &mut v12);
        coex::<T>(&mut v4, &mut v6);
        coex::<T>(&mut v5, &mut v7);
        coex::<T>(&mut v8, &mut v10);
        coex::<T>(&mut v9, &mut v11);
        coex::<T>(&mut v13, &mut v14);
        coex::<T>(&mut v1, &mut v4);
        coex::<T>(&mut v2, &mut v6);
        coex::<T>(&mut v5, &mut v8);
        coex::<T>(&mut v7, &mut v10);
        coex::<T>(&mut v9, &mut v13);
        coex::<T>(&mut v11, &mut v14);
        coex::<T>(&mut v2, &mut v4);
        coex::<T>(&mut v3, &mut v6);
        coex::<T>(&mut v9, &mut v12);
        coex::<T>(&mut v11, &mut v13);
        coex::<T>(&mut v3, &mut v5);
        coex::<T>(&mut v6, &mut v8);
        coex::<T>(&mut v7, &mut v9);
        coex::<T>(&mut v10, &mut v12);
        coex::<T>(&mut v3, &mut v4);
        coex::<T>(&mut v5, &mut v6);
        coex::<T>(&mut v7, &mut v8);
        coex::<T>(&mut v9, &mut v10);
        coex::<T>(&mut v11, &mut v12);
        coex::<T>(&mut v6, &mut v7);
        coex::<T>(&mut v8, &mut v9);
        v8 = reverse_n::<T>(v8, 2);
        v9 = reverse_n::<T>(v9, 2);
        v10 = reverse_n::<T>(v10, 2);
        v11 = reverse_n::<T>(v11, 2);
        v12 = reverse_n::<T>(v12, 2);
        v13 = reverse_n::<T>(v13, 2);
        v14 = reverse_n::<T>(v14, 2);
        v15 = reverse_n::<T>(v15, 2);
        coex::<T>(&mut v0, &mut v15);
        coex::<T>(&mut v1, &mut v14);
        coex::<T>(&mut v2, &mut v13);
        coex::<T>(&mut v3, &mut v12);
        coex::<T>(&mut v4, &mut v11);
        coex::<T>(&mut v5, &mut v10);
        coex::<T>(&mut v6, &mut v9);
        coex::<T>(&mut v7, &mut v8);
        v4 = reverse_n::<T>(v4, 2);
        v5 = reverse_n::<T>(v5, 2);
        v6 = reverse_n::<T>(v6, 2);
        v7 = reverse_n::<T>(v7, 2);
        coex::<T>(&mut v0, &mut v7);
        coex::<T>(&mut v1, &mut v6);
        coex::<T>(&mut v2, &mut v5);
        coex::<T>(&mut v3, &mut v4);
        v12 = reverse_n::<T>(v12, 2);
        v13 = reverse_n::<T>(v13, 2);
        v14 = reverse_n::<T>(v14, 2);
        v15 = reverse_n::<T>(v15, 2);
        coex::<T>(&mut v8, &mut v15);
        coex::<T>(&mut v9, &mut v14);
        coex::<T>(&mut v10, &mut v13);
        coex::<T>(&mut v11, &mut v12);
        v2 = reverse_n::<T>(v2, 2);
        v3 = reverse_n::<T>(v3, 2);
        coex::<T>(&mut v0, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v6 = reverse_n::<T>(v6, 2);
        v7 = reverse_n::<T>(v7, 2);
        coex::<T>(&mut v4, &mut v7);
        coex::<T>(&mut v5, &mut v6);
        v10 = reverse_n::<T>(v10, 2);
        v11 = reverse_n::<T>(v11, 2);
        coex::<T>(&mut v8, &mut v11);
        coex::<T>(&mut v9, &mut v10);
        v14 = reverse_n::<T>(v14, 2);
        v15 = reverse_n::<T>(v15, 2);
        coex::<T>(&mut v12, &mut v15);
        coex::<T>(&mut v13, &mut v14);
        v1 = reverse_n::<T>(v1, 2);
        coex::<T>(&mut v0, &mut v1);
        v3 = reverse_n::<T>(v3, 2);
        coex::<T>(&mut v2, &mut v3);
        v5 = reverse_n::<T>(v5, 2);
        coex::<T>(&mut v4, &mut v5);
        v7 = reverse_n::<T>(v7, 2);
        coex::<T>(&mut v6, &mut v7);
        v9 = reverse_n::<T>(v9, 2);
        coex::<T>(&mut v8, &mut v9);
        v11 = reverse_n::<T>(v11, 2);
        coex::<T>(&mut v10, &mut v11);
        v13 = reverse_n::<T>(v13, 2);
        coex::<T>(&mut v12, &mut v13);
        v15 = reverse_n::<T>(v15, 2);
        coex::<T>(&mut v14, &mut v15);
        {
            let mut o = reverse_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v2, 2);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v3, 2);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v4, 2);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v5, 2);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v6, 2);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v7, 2);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v8, 2);
            coex::<T>(&mut o, &mut v8);
            v8 = merge_n::<T>(v8, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v9, 2);
            coex::<T>(&mut o, &mut v9);
            v9 = merge_n::<T>(v9, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v10, 2);
            coex::<T>(&mut o, &mut v10);
            v10 = merge_n::<T>(v10, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v11, 2);
            coex::<T>(&mut o, &mut v11);
            v11 = merge_n::<T>(v11, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v12, 2);
            coex::<T>(&mut o, &mut v12);
            v12 = merge_n::<T>(v12, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v13, 2);
            coex::<T>(&mut o, &mut v13);
            v13 = merge_n::<T>(v13, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v14, 2);
            coex::<T>(&mut o, &mut v14);
            v14 = merge_n::<T>(v14, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v15, 2);
            coex::<T>(&mut o, &mut v15);
            v15 = merge_n::<T>(v15, o, 2);
        }
        v8 = reverse_n::<T>(v8, 4);
        v9 = reverse_n::<T>(v9, 4);
        v10 = reverse_n::<T>(v10, 4);
        v11 = reverse_n::<T>(v11, 4);
        v12 = reverse_n::<T>(v12, 4);
        v13 = reverse_n::<T>(v13, 4);
        v14 = reverse_n::<T>(v14, 4);
        v15 = reverse_n::<T>(v15, 4);
        coex::<T>(&mut v0, &mut v15);
        coex::<T>(&mut v1, &mut v14);
        coex::<T>(&mut v2, &mut v13);
        coex::<T>(&mut v3, &mut v12);
        coex::<T>(&mut v4, &mut v11);
        coex::<T>(&mut v5, &mut v10);
        coex::<T>(&mut v6, &mut v9);
        coex::<T>(&mut v7, &mut v8);
        v4 = reverse_n::<T>(v4, 4);
        v5 = reverse_n::<T>(v5, 4);
        v6 = reverse_n::<T>(v6, 4);
        v7 = reverse_n::<T>(v7, 4);
        coex::<T>(&mut v0, &mut v7);
        coex::<T>(&mut v1, &mut v6);
        coex::<T>(&mut v2, &mut v5);
        coex::<T>(&mut v3, &mut v4);
        v12 = reverse_n::<T>(v12, 4);
        v13 = reverse_n::<T>(v13, 4);
        v14 = reverse_n::<T>(v14, 4);
        v15 = reverse_n::<T>(v15, 4);
        coex::<T>(&mut v8, &mut v15);
        coex::<T>(&mut v9, &mut v14);
        coex::<T>(&mut v10, &mut v13);
        coex::<T>(&mut v11, &mut v12);
        v2 = reverse_n::<T>(v2, 4);
        v3 = reverse_n::<T>(v3, 4);
        coex::<T>(&mut v0, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v6 = reverse_n::<T>(v6, 4);
        v7 = reverse_n::<T>(v7, 4);
        coex::<T>(&mut v4, &mut v7);
        coex::<T>(&mut v5, &mut v6);
        v10 = reverse_n::<T>(v10, 4);
        v11 = reverse_n::<T>(v11, 4);
        coex::<T>(&mut v8, &mut v11);
        coex::<T>(&mut v9, &mut v10);
        v14 = reverse_n::<T>(v14, 4);
        v15 = reverse_n::<T>(v15, 4);
        coex::<T>(&mut v12, &mut v15);
        coex::<T>(&mut v13, &mut v14);
        v1 = reverse_n::<T>(v1, 4);
        coex::<T>(&mut v0, &mut v1);
        v3 = reverse_n::<T>(v3, 4);
        coex::<T>(&mut v2, &mut v3);
        v5 = reverse_n::<T>(v5, 4);
        coex::<T>(&mut v4, &mut v5);
        v7 = reverse_n::<T>(v7, 4);
        coex::<T>(&mut v6, &mut v7);
        v9 = reverse_n::<T>(v9, 4);
        coex::<T>(&mut v8, &mut v9);
        v11 = reverse_n::<T>(v11, 4);
        coex::<T>(&mut v10, &mut v11);
        v13 = reverse_n::<T>(v13, 4);
        coex::<T>(&mut v12, &mut v13);
        v15 = reverse_n::<T>(v15, 4);
        coex::<T>(&mut v14, &mut v15);
        {
            let mut o = reverse_n::<T>(v0, 4);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v1, 4);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v2, 4);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v3, 4);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v4, 4);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v5, 4);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v6, 4);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v7, 4);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v8, 4);
            coex::<T>(&mut o, &mut v8);
            v8 = merge_n::<T>(v8, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v9, 4);
            coex::<T>(&mut o, &mut v9);
            v9 = merge_n::<T>(v9, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v10, 4);
            coex::<T>(&mut o, &mut v10);
            v10 = merge_n::<T>(v10, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v11, 4);
            coex::<T>(&mut o, &mut v11);
            v11 = merge_n::<T>(v11, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v12, 4);
            coex::<T>(&mut o, &mut v12);
            v12 = merge_n::<T>(v12, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v13, 4);
            coex::<T>(&mut o, &mut v13);
            v13 = merge_n::<T>(v13, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v14, 4);
            coex::<T>(&mut o, &mut v14);
            v14 = merge_n::<T>(v14, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v15, 4);
            coex::<T>(&mut o, &mut v15);
            v15 = merge_n::<T>(v15, o, 4);
        }
        {
            let mut o = swap_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = swap_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        {
            let mut o = swap_n::<T>(v2, 2);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 2);
        }
        {
            let mut o = swap_n::<T>(v3, 2);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 2);
        }
        {
            let mut o = swap_n::<T>(v4, 2);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 2);
        }
        {
            let mut o = swap_n::<T>(v5, 2);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 2);
        }
        {
            let mut o = swap_n::<T>(v6, 2);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 2);
        }
        {
            let mut o = swap_n::<T>(v7, 2);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 2);
        }
        {
            let mut o = swap_n::<T>(v8, 2);
            coex::<T>(&mut o, &mut v8);
            v8 = merge_n::<T>(v8, o, 2);
        }
        {
            let mut o = swap_n::<T>(v9, 2);
            coex::<T>(&mut o, &mut v9);
            v9 = merge_n::<T>(v9, o, 2);
        }
        {
            let mut o = swap_n::<T>(v10, 2);
            coex::<T>(&mut o, &mut v10);
            v10 = merge_n::<T>(v10, o, 2);
        }
        {
            let mut o = swap_n::<T>(v11, 2);
            coex::<T>(&mut o, &mut v11);
            v11 = merge_n::<T>(v11, o, 2);
        }
        {
            let mut o = swap_n::<T>(v12, 2);
            coex::<T>(&mut o, &mut v12);
            v12 = merge_n::<T>(v12, o, 2);
        }
        {
            let mut o = swap_n::<T>(v13, 2);
            coex::<T>(&mut o, &mut v13);
            v13 = merge_n::<T>(v13, o, 2);
        }
        {
            let mut o = swap_n::<T>(v14, 2);
            coex::<T>(&mut o, &mut v14);
            v14 = merge_n::<T>(v14, o, 2);
        }
        {
            let mut o = swap_n::<T>(v15, 2);
            coex::<T>(&mut o, &mut v15);
            v15 = merge_n::<T>(v15, o, 2);
        }
        v8 = reverse_n::<T>(v8, 8);
        v9 = reverse_n::<T>(v9, 8);
        v10 = reverse_n::<T>(v10, 8);
        v11 = reverse_n::<T>(v11, 8);
        v12 = reverse_n::<T>(v12, 8);
        v13 = reverse_n::<T>(v13, 8);
        v14 = reverse_n::<T>(v14, 8);
        v15 = reverse_n::<T>(v15, 8);
        coex::<T>(&mut v0, &mut v15);
        coex::<T>(&mut v1, &mut v14);
        coex::<T>(&mut v2, &mut v13);
        coex::<T>(&mut v3, &mut v12);
        coex::<T>(&mut v4, &mut v11);
        coex::<T>(&mut v5, &mut v10);
        coex::<T>(&mut v6, &mut v9);
        coex::<T>(&mut v7, &mut v8);
        v4 = reverse_n::<T>(v4, 8);
        v5 = reverse_n::<T>(v5, 8);
        v6 = reverse_n::<T>(v6, 8);
        v7 = reverse_n::<T>(v7, 8);
        coex::<T>(&mut v0, &mut v7);
        coex::<T>(&mut v1, &mut v6);
        coex::<T>(&mut v2, &mut v5);
        coex::<T>(&mut v3, &mut v4);
        v12 = reverse_n::<T>(v12, 8);
        v13 = reverse_n::<T>(v13, 8);
        v14 = reverse_n::<T>(v14, 8);
        v15 = reverse_n::<T>(v15, 8);
        coex::<T>(&mut v8, &mut v15);
        coex::<T>(&mut v9, &mut v14);
        coex::<T>(&mut v10, &mut v13);
        coex::<T>(&mut v11, &mut v12);
        v2 = reverse_n::<T>(v2, 8);
        v3 = reverse_n::<T>(v3, 8);
        coex::<T>(&mut v0, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v6 = reverse_n::<T>(v6, 8);
        v7 = reverse_n::<T>(v7, 8);
        coex::<T>(&mut v4, &mut v7);
        coex::<T>(&mut v5, &mut v6);
        v10 = reverse_n::<T>(v10, 8);
        v11 = reverse_n::<T>(v11, 8);
        coex::<T>(&mut v8, &mut v11);
        coex::<T>(&mut v9, &mut v10);
        v14 = reverse_n::<T>(v14, 8);
        v15 = reverse_n::<T>(v15, 8);
        coex::<T>(&mut v12, &mut v15);
        coex::<T>(&mut v13, &mut v14);
        v1 = reverse_n::<T>(v1, 8);
        coex::<T>(&mut v0, &mut v1);
        v3 = reverse_n::<T>(v3, 8);
        coex::<T>(&mut v2, &mut v3);
        v5 = reverse_n::<T>(v5, 8);
        coex::<T>(&mut v4, &mut v5);
        v7 = reverse_n::<T>(v7, 8);
        coex::<T>(&mut v6, &mut v7);
        v9 = reverse_n::<T>(v9, 8);
        coex::<T>(&mut v8, &mut v9);
        v11 = reverse_n::<T>(v11, 8);
        coex::<T>(&mut v10, &mut v11);
        v13 = reverse_n::<T>(v13, 8);
        coex::<T>(&mut v12, &mut v13);
        v15 = reverse_n::<T>(v15, 8);
        coex::<T>(&mut v14, &mut v15);
        {
            let mut o = reverse_n::<T>(v0, 8);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v1, 8);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v2, 8);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v3, 8);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v4, 8);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v5, 8);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v6, 8);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v7, 8);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v8, 8);
            coex::<T>(&mut o, &mut v8);
            v8 = merge_n::<T>(v8, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v9, 8);
            coex::<T>(&mut o, &mut v9);
            v9 = merge_n::<T>(v9, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v10, 8);
            coex::<T>(&mut o, &mut v10);
            v10 = merge_n::<T>(v10, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v11, 8);
            coex::<T>(&mut o, &mut v11);
            v11 = merge_n::<T>(v11, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v12, 8);
            coex::<T>(&mut o, &mut v12);
            v12 = merge_n::<T>(v12, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v13, 8);
            coex::<T>(&mut o, &mut v13);
            v13 = merge_n::<T>(v13, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v14, 8);
            coex::<T>(&mut o, &mut v14);
            v14 = merge_n::<T>(v14, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v15, 8);
            coex::<T>(&mut o, &mut v15);
            v15 = merge_n::<T>(v15, o, 8);
        }
        {
            let mut o = swap_n::<T>(v0, 4);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 4);
        }
        {
            let mut o = swap_n::<T>(v1, 4);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 4);
        }
        {
            let mut o = swap_n::<T>(v2, 4);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 4);
        }
        {
            let mut o = swap_n::<T>(v3, 4);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 4);
        }
        {
            let mut o = swap_n::<T>(v4, 4);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 4);
        }
        {
            let mut o = swap_n::<T>(v5, 4);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 4);
        }
        {
            let mut o = swap_n::<T>(v6, 4);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 4);
        }
        {
            let mut o = swap_n::<T>(v7, 4);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 4);
        }
        {
            let mut o = swap_n::<T>(v8, 4);
            coex::<T>(&mut o, &mut v8);
            v8 = merge_n::<T>(v8, o, 4);
        }
        {
            let mut o = swap_n::<T>(v9, 4);
            coex::<T>(&mut o, &mut v9);
            v9 = merge_n::<T>(v9, o, 4);
        }
        {
            let mut o = swap_n::<T>(v10, 4);
            coex::<T>(&mut o, &mut v10);
            v10 = merge_n::<T>(v10, o, 4);
        }
        {
            let mut o = swap_n::<T>(v11, 4);
            coex::<T>(&mut o, &mut v11);
            v11 = merge_n::<T>(v11, o, 4);
        }
        {
            let mut o = swap_n::<T>(v12, 4);
            coex::<T>(&mut o, &mut v12);
            v12 = merge_n::<T>(v12, o, 4);
        }
        {
            let mut o = swap_n::<T>(v13, 4);
            coex::<T>(&mut o, &mut v13);
            v13 = merge_n::<T>(v13, o, 4);
        }
        {
            let mut o = swap_n::<T>(v14, 4);
            coex::<T>(&mut o, &mut v14);
            v14 = merge_n::<T>(v14, o, 4);
        }
        {
            let mut o = swap_n::<T>(v15, 4);
            coex::<T>(&mut o, &mut v15);
            v15 = merge_n::<T>(v15, o, 4);
        }
        {
            let mut o = swap_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = swap_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        {
            let mut o = swap_n::<T>(v2, 2);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 2);
        }
        {
            let mut o = swap_n::<T>(v3, 2);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 2);
        }
        {
            let mut o = swap_n::<T>(v4, 2);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 2);
        }
        {
            let mut o = swap_n::<T>(v5, 2);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 2);
        }
        {
            let mut o = swap_n::<T>(v6, 2);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 2);
        }
        {
            let mut o = swap_n::<T>(v7, 2);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 2);
        }
        {
            let mut o = swap_n::<T>(v8, 2);
            coex::<T>(&mut o, &mut v8);
            v8 = merge_n::<T>(v8, o, 2);
        }
        {
            let mut o = swap_n::<T>(v9, 2);
            coex::<T>(&mut o, &mut v9);
            v9 = merge_n::<T>(v9, o, 2);
        }
        {
            let mut o = swap_n::<T>(v10, 2);
            coex::<T>(&mut o, &mut v10);
            v10 = merge_n::<T>(v10, o, 2);
        }
        {
            let mut o = swap_n::<T>(v11, 2);
            coex::<T>(&mut o, &mut v11);
            v11 = merge_n::<T>(v11, o, 2);
        }
        {
            let mut o = swap_n::<T>(v12, 2);
            coex::<T>(&mut o, &mut v12);
            v12 = merge_n::<T>(v12, o, 2);
        }
        {
            let mut o = swap_n::<T>(v13, 2);
            coex::<T>(&mut o, &mut v13);
            v13 = merge_n::<T>(v13, o, 2);
        }
        {
            let mut o = swap_n::<T>(v14, 2);
            coex::<T>(&mut o, &mut v14);
            v14 = merge_n::<T>(v14, o, 2);
        }
        {
            let mut o = swap_n::<T>(v15, 2);
            coex::<T>(&mut o, &mut v15);
            v15 = merge_n::<T>(v15, o, 2);
        }
        *v = [
            v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15,
        ];
    }
}

#[inline(always)]
pub(super) unsafe fn sv8_32<T: Key>(v: &mut [__m256i; 32]) {
    unsafe {
        let [mut v0, mut v1, mut v2, mut v3, mut v4, mut v5, mut v6, mut v7, mut v8, mut v9, mut v10, mut v11, mut v12, mut v13, mut v14, mut v15, mut v16, mut v17, mut v18, mut v19, mut v20, mut v21, mut v22, mut v23, mut v24, mut v25, mut v26, mut v27, mut v28, mut v29, mut v30, mut v31] =
            *v;
        coex::<T>(&mut v0, &mut v1);
        coex::<T>(&mut v2, &mut v3);
        coex::<T>(&mut v4, &mut v5);
        coex::<T>(&mut v6, &mut v7);
        coex::<T>(&mut v8, &mut v9);
        coex::<T>(&mut v10, &mut v11);
        coex::<T>(&mut v12, &mut v13);
        coex::<T>(&mut v14, &mut v15);
        coex::<T>(&mut v16, &mut v17);
        coex::<T>(&mut v18, &mut v19);
        coex::<T>(&mut v20, &mut v21);
        coex::<T>(&mut v22, &mut v23);
        coex::<T>(&mut v24, &mut v25);
        coex::<T>(&mut v26, &mut v27);
        coex::<T>(&mut v28, &mut v29);
        coex::<T>(&mut v30, &mut v31);
        coex::<T>(&mut v0, &mut v2);
        coex::<T>(&mut v1, &mut v3);
        coex::<T>(&mut v4, &mut v6);
        coex::<T>(&mut v5, &mut v7);
        coex::<T>(&mut v8, &mut v10);
        coex::<T>(&mut v9, &mut v11);
        coex::<T>(&mut v12, &mut v14);
        coex::<T>(&mut v13, &mut v15);
        coex::<T>(&mut v16, &mut v18);
        coex::<T>(&mut v17, &mut v19);
        coex::<T>(&mut v20, &mut v22);
        coex::<T>(&mut v21, &mut v23);
        coex::<T>(&mut v24, &mut v26);
        coex::<T>(&mut v25, &mut v27);
        coex::<T>(&mut v28, &mut v30);
        coex::<T>(&mut v29, &mut v31);
        coex::<T>(&mut v0, &mut v4);
        coex::<T>(&mut v1, &mut v5);
        coex::<T>(&mut v2, &mut v6);
        coex::<T>(&mut v3, &mut v7);
        coex::<T>(&mut v8, &mut v12);
        coex::<T>(&mut v9, &mut v13);
        coex::<T>(&mut v10, &mut v14);
        coex::<T>(&mut v11, &mut v15);
        coex::<T>(&mut v16, &mut v20);
        coex::<T>(&mut v17, &mut v21);
        coex::<T>(&mut v18, &mut v22);
        coex::<T>(&mut v19, &mut v23);
        coex::<T>(&mut v24, &mut v28);
        coex::<T>(&mut v25, &mut v29);
        coex::<T>(&mut v26, &mut v30);
        coex::<T>(&mut v27, &mut v31);
        coex::<T>(&mut v0, &mut v8);
        coex::<T>(&mut v1, &mut v9);
        coex::<T>(&mut v2, &mut v10);
        coex::<T>(&mut v3, &mut v11);
        coex::<T>(&mut v4, &mut v12);
        coex::<T>(&mut v5, &mut v13);
        coex::<T>(&mut v6, &mut v14);
        coex::<T>(&mut v7, &mut v15);
        coex::<T>(&mut v16, &mut v24);
        coex::<T>(&mut v17, &mut v25);
        coex::<T>(&mut v18, &mut v26);
        coex::<T>(&mut v19, &mut v27);
        coex::<T>(&mut v20, &mut v28);
        coex::<T>(&mut v21, &mut v29);
        coex::<T>(&mut v22, &mut v30);
        coex::<T>(&mut v23, &mut v31);
        coex::<T>(&mut v0, &mut v16);
        coex::<T>(&mut v1, &mut v8);
        coex::<T>(&mut v2, &mut v4);
        coex::<T>(&mut v3, &mut v12);
        coex::<T>(&mut v5, &mut v10);
        coex::<T>(&mut v6, &mut v9);
        coex::<T>(&mut v7, &mut v14);
        coex::<T>(&mut v11, &mut v13);
        coex::<T>(&mut v15, &mut v31);
        coex::<T>(&mut v17, &mut v24);
        coex::<T>(&mut v18, &mut v20);
        coex::<T>(&mut v19, &mut v28);
        coex::<T>(&mut v21, &mut v26);
        coex::<T>(&mut v22, &mut v25);
        coex::<T>(&mut v23, &mut v30);
        coex::<T>(&mut v27, &mut v29);
        coex::<T>(&mut v1, &mut v2);
        coex::<T>(&mut v3, &mut v5);
        coex::<T>(&mut v4, &mut v8);
        coex::<T>(&mut v6, &mut v22);
        coex::<T>(&mut v7, &mut v11);
        coex::<T>(&mut v9, &mut v25);
        coex::<T>(&mut v10, &mut v12);
        coex::<T>(&mut v13, &mut v14);
        coex::<T>(&mut v17, &mut v18);
        coex::<T>(&mut v19, &mut v21);
        coex::<T>(&mut v20, &mut v24);
        coex::<T>(&mut v23, &mut v27);
        coex::<T>(&mut v26, &mut v28);
        coex::<T>(&mut v29, &mut v30);
        coex::<T>(&mut v1, &mut v17);
        coex::<T>(&mut v2, &mut v18);
        coex::<T>(&mut v3, &mut v19);
        coex::<T>(&mut v4, &mut v20);
        coex::<T>(&mut v5, &mut v10);
        coex::<T>(&mut v7, &mut v23);
        coex::<T>(&mut v8, &mut v24);
        coex::<T>(&mut v11, &mut v27);
        coex::<T>(&mut v12, &mut v28);
        coex::<T>(&mut v13, &mut v29);
        coex::<T>(&mut v14, &mut v30);
        coex::<T>(&mut v21, &mut v26);
        coex::<T>(&mut v3, &mut v17);
        coex::<T>(&mut v4, &mut v16);
        coex::<T>(&mut v5, &mut v21);
        coex::<T>(&mut v6, &mut v18);
        coex::<T>(&mut v7, &mut v9);
        coex::<T>(&mut v8, &mut v20);
        coex::<T>(&mut v10, &mut v26);
        coex::<T>(&mut v11, &mut v23);
        coex::<T>(&mut v13, &mut v25);
        coex::<T>(&mut v14, &mut v28);
        coex::<T>(&mut v15, &mut v27);
        coex::<T>(&mut v22, &mut v24);
        coex::<T>(&mut v1, &mut v4);
        coex::<T>(&mut v3, &mut v8);
        coex::<T>(&mut v5, &mut v16);
        coex::<T>(&mut v7, &mut v17);
        coex::<T>(&mut v9, &mut v21);
        coex::<T>(&mut v10, &mut v22);
        coex::<T>(&mut v11, &mut v19);
        coex::<T>(&mut v12, &mut v20);
        coex::<T>(&mut v14, &mut v24);
        coex::<T>(&mut v15, &mut v26);
        coex::<T>(&mut v23, &mut v28);
        coex::<T>(&mut v27, &mut v30);
        coex::<T>(&mut v2, &mut v5);
        coex::<T>(&mut v7, &mut v8);
        coex::<T>(&mut v9, &mut v18);
        coex::<T>(&mut v11, &mut v17);
        coex::<T>(&mut v12, &mut v16);
        coex::<T>(&mut v13, &mut v22);
        coex::<T>(&mut v14, &mut v20);
        coex::<T>(&mut v15, &mut v19);
        coex::<T>(&mut v23, &mut v24);
        coex::<T>(&mut v26, &mut v29);
        coex::<T>(&mut v2, &mut v4);
        coex::<T>(&mut v6, &mut v12);
        coex::<T>(&mut v9, &mut v16);
        coex::<T>(&mut v10, &mut v11);
        coex::<T>(&mut v13, &mut v17);
        coex::<T>(&mut v14, &mut v18);
        coex::<T>(&mut v15, &mut v22);
        coex::<T>(&mut v19, &mut v25);
        coex::<T>(&mut v20, &mut v21);
        coex::<T>(&mut v27, &mut v29);
        coex::<T>(&mut v5, &mut v6);
        coex::<T>(&mut v8, &mut v12);
        coex::<T>(&mut v9, &mut v10);
        coex::<T>(&mut v11, &mut v13);
        coex::<T>(&mut v14, &mut v16);
        coex::<T>(&mut v15, &mut v17);
        coex::<T>(&mut v18, &mut v20);
        coex::<T>(&mut v19, &mut v23);
        coex::<T>(&mut v21, &mut v22);
        coex::<T>(&mut v25, &mut v26);
        coex::<T>(&mut v3, &mut v5);
        coex::<T>(&mut v6, &mut v7);
        coex::<T>(&mut v8, &mut v9);
        coex::<T>(&mut v10, &mut v12);
        coex::<T>(&mut v11, &mut v14);
        coex::<T>(&mut v13, &mut v16);
        coex::<T>(&mut v15, &mut v18);
        coex::<T>(&mut v17, &mut v20);
        coex::<T>(&mut v19, &mut v21);
        coex::<T>(&mut v22, &mut v23);
        coex::<T>(&mut v24, &mut v25);
        coex::<T>(&mut v26, &mut v28);
        coex::<T>(&mut v3, &mut v4);
        coex::<T>(&mut v5, &mut v6);
        coex::<T>(&mut v7, &mut v8);
        coex::<T>(&mut v9, &mut v10);
        coex::<T>(&mut v11, &mut v12);
        coex::<T>(&mut v13, &mut v14);
        coex::<T>(&mut v15, &mut v16);
        coex::<T>(&mut v17, &mut v18);
        coex::<T>(&mut v19, &mut v20);
        coex::<T>(&mut v21, &mut v22);
        coex::<T>(&mut v23, &mut v24);
        coex::<T>(&mut v25, &mut v26);
        coex::<T>(&mut v27, &mut v28);
        v16 = reverse_n::<T>(v16, 2);
        v17 = reverse_n::<T>(v17, 2);
        v18 = reverse_n::<T>(v18, 2);
        v19 = reverse_n::<T>(v19, 2);
        v20 = reverse_n::<T>(v20, 2);
        v21 = reverse_n::<T>(v21, 2);
        v22 = reverse_n::<T>(v22, 2);
        v23 = reverse_n::<T>(v23, 2);
        v24 = reverse_n::<T>(v24, 2);
        v25 = reverse_n::<T>(v25, 2);
        v26 = reverse_n::<T>(v26, 2);
        v27 = reverse_n::<T>(v27, 2);
        v28 = reverse_n::<T>(v28, 2);
        v29 = reverse_n::<T>(v29, 2);
        v30 = reverse_n::<T>(v30, 2);
        v31 = reverse_n::<T>(v31, 2);
        coex::<T>(&mut v0, &mut v31);
        coex::<T>(&mut v1, &mut v30);
        coex::<T>(&mut v2, &mut v29);
        coex::<T>(&mut v3, &mut v28);
        coex::<T>(&mut v4, &mut v27);
        coex::<T>(&mut v5, &mut v26);
        coex::<T>(&mut v6, &mut v25);
        coex::<T>(&mut v7, &mut v24);
        coex::<T>(&mut v8, &mut v23);
        coex::<T>(&mut v9, &mut v22);
        coex::<T>(&mut v10, &mut v21);
        coex::<T>(&mut v11, &mut v20);
        coex::<T>(&mut v12, &mut v19);
        coex::<T>(&mut v13, &mut v18);
        coex::<T>(&mut v14, &mut v17);
        coex::<T>(&mut v15, &mut v16);
        v8 = reverse_n::<T>(v8, 2);
        v9 = reverse_n::<T>(v9, 2);
        v10 = reverse_n::<T>(v10, 2);
        v11 = reverse_n::<T>(v11, 2);
        v12 = reverse_n::<T>(v12, 2);
        v13 = reverse_n::<T>(v13, 2);
        v14 = reverse_n::<T>(v14, 2);
        v15 = reverse_n::<T>(v15, 2);
        coex::<T>(&mut v0, &mut v15);
        coex::<T>(&mut v1, &mut v14);
        coex::<T>(&mut v2, &mut v13);
        coex::<T>(&mut v3, &mut v12);
        coex::<T>(&mut v4, &mut v11);
        coex::<T>(&mut v5, &mut v10);
        coex::<T>(&mut v6, &mut v9);
        coex::<T>(&mut v7, &mut v8);
        v24 = reverse_n::<T>(v24, 2);
        v25 = reverse_n::<T>(v25, 2);
        v26 = reverse_n::<T>(v26, 2);
        v27 = reverse_n::<T>(v27, 2);
        v28 = reverse_n::<T>(v28, 2);
        v29 = reverse_n::<T>(v29, 2);
        v30 = reverse_n::<T>(v30, 2);
        v31 = reverse_n::<T>(v31, 2);
        coex::<T>(&mut v16, &mut v31);
        coex::<T>(&mut v17, &mut v30);
        coex::<T>(&mut v18, &mut v29);
        coex::<T>(&mut v19, &mut v28);
        coex::<T>(&mut v20, &mut v27);
        coex::<T>(&mut v21, &mut v26);
        coex::<T>(&mut v22, &mut v25);
        coex::<T>(&mut v23, &mut v24);
        v4 = reverse_n::<T>(v4, 2);
        v5 = reverse_n::<T>(v5, 2);
        v6 = reverse_n::<T>(v6, 2);
        v7 = reverse_n::<T>(v7, 2);
        coex::<T>(&mut v0, &mut v7);
        coex::<T>(&mut v1, &mut v6);
        coex::<T>(&mut v2, &mut v5);
        coex::<T>(&mut v3, &mut v4);
        v12 = reverse_n::<T>(v12, 2);
        v13 = reverse_n::<T>(v13, 2);
        v14 = reverse_n::<T>(v14, 2);
        v15 = reverse_n::<T>(v15, 2);
        coex::<T>(&mut v8, &mut v15);
        coex::<T>(&mut v9, &mut v14);
        coex::<T>(&mut v10, &mut v13);
        coex::<T>(&mut v11, &mut v12);
        v20 = reverse_n::<T>(v20, 2);
        v21 = reverse_n::<T>(v21, 2);
        v22 = reverse_n::<T>(v22, 2);
        v23 = reverse_n::<T>(v23, 2);
        coex::<T>(&mut v16, &mut v23);
        coex::<T>(&mut v17, &mut v22);
        coex::<T>(&mut v18, &mut v21);
        coex::<T>(&mut v19, &mut v20);
        v28 = reverse_n::<T>(v28, 2);
        v29 = reverse_n::<T>(v29, 2);
        v30 = reverse_n::<T>(v30, 2);
        v31 = reverse_n::<T>(v31, 2);
        coex::<T>(&mut v24, &mut v31);
        coex::<T>(&mut v25, &mut v30);
        coex::<T>(&mut v26, &mut v29);
        coex::<T>(&mut v27, &mut v28);
        v2 = reverse_n::<T>(v2, 2);
        v3 = reverse_n::<T>(v3, 2);
        coex::<T>(&mut v0, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v6 = reverse_n::<T>(v6, 2);
        v7 = reverse_n::<T>(v7, 2);
        coex::<T>(&mut v4, &mut v7);
        coex::<T>(&mut v5, &mut v6);
        v10 = reverse_n::<T>(v10, 2);
        v11 = reverse_n::<T>(v11, 2);
        coex::<T>(&mut v8, &mut v11);
        coex::<T>(&mut v9, &mut v10);
        v14 = reverse_n::<T>(v14, 2);
        v15 = reverse_n::<T>(v15, 2);
        coex::<T>(&mut v12, &mut v15);
        coex::<T>(&mut v13, &mut v14);
        v18 = reverse_n::<T>(v18, 2);
        v19 = reverse_n::<T>(v19, 2);
        coex::<T>(&mut v16, &mut v19);
        coex::<T>(&mut v17, &mut v18);
        v22 = reverse_n::<T>(v22, 2);
        v23 = reverse_n::<T>(v23, 2);
        coex::<T>(&mut v20, &mut v23);
        coex::<T>(&mut v21, &mut v22);
        v26 = reverse_n::<T>(v26, 2);
        v27 = reverse_n::<T>(v27, 2);
        coex::<T>(&mut v24, &mut v27);
        coex::<T>(&mut v25, &mut v26);
        v30 = reverse_n::<T>(v30, 2);
        v31 = reverse_n::<T>(v31, 2);
        coex::<T>(&mut v28, &mut v31);
        coex::<T>(&mut v29, &mut v30);
        v1 = reverse_n::<T>(v1, 2);
        coex::<T>(&mut v0, &mut v1);
        v3 = reverse_n::<T>(v3, 2);
        coex::<T>(&mut v2, &mut v3);
        v5 = reverse_n::<T>(v5, 2);
        coex::<T>(&mut v4, &mut v5);
        v7 = reverse_n::<T>(v7, 2);
        coex::<T>(&mut v6, &mut v7);
        v9 = reverse_n::<T>(v9, 2);
        coex::<T>(&mut v8, &mut v9);
        v11 = reverse_n::<T>(v11, 2);
        coex::<T>(&mut v10, &mut v11);
        v13 = reverse_n::<T>(v13, 2);
        coex::<T>(&mut v12, &mut v13);
        v15 = reverse_n::<T>(v15, 2);
        coex::<T>(&mut v14, &mut v15);
        v17 = reverse_n::<T>(v17, 2);
        coex::<T>(&mut v16, &mut v17);
        v19 = reverse_n::<T>(v19, 2);
        coex::<T>(&mut v18, &mut v19);
        v21 = reverse_n::<T>(v21, 2);
        coex::<T>(&mut v20, &mut v21);
        v23 = reverse_n::<T>(v23, 2);
        coex::<T>(&mut v22, &mut v23);
        v25 = reverse_n::<T>(v25, 2);
        coex::<T>(&mut v24, &mut v25);
        v27 = reverse_n::<T>(v27, 2);
        coex::<T>(&mut v26, &mut v27);
        v29 = reverse_n::<T>(v29, 2);
        coex::<T>(&mut v28, &mut v29);
        v31 = reverse_n::<T>(v31, 2);
        coex::<T>(&mut v30, &mut v31);
        {
            let mut o = reverse_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v2, 2);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v3, 2);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v4, 2);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v5, 2);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v6, 2);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v7, 2);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v8, 2);
            coex::<T>(&mut o, &mut v8);
            v8 = merge_n::<T>(v8, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v9, 2);
            coex::<T>(&mut o, &mut v9);
            v9 = merge_n::<T>(v9, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v10, 2);
            coex::<T>(&mut o, &mut v10);
            v10 = merge_n::<T>(v10, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v11, 2);
            coex::<T>(&mut o, &mut v11);
            v11 = merge_n::<T>(v11, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v12, 2);
            coex::<T>(&mut o, &mut v12);
            v12 = merge_n::<T>(v12, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v13, 2);
            coex::<T>(&mut o, &mut v13);
            v13 = merge_n::<T>(v13, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v14, 2);
            coex::<T>(&mut o, &mut v14);
            v14 = merge_n::<T>(v14, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v15, 2);
            coex::<T>(&mut o, &mut v15);
            v15 = merge_n::<T>(v15, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v16, 2);
            coex::<T>(&mut o, &mut v16);
            v16 = merge_n::<T>(v16, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v17, 2);
            coex::<T>(&mut o, &mut v17);
            v17 = merge_n::<T>(v17, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v18, 2);
            coex::<T>(&mut o, &mut v18);
            v18 = merge_n::<T>(v18, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v19, 2);
            coex::<T>(&mut o, &mut v19);
            v19 = merge_n::<T>(v19, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v20, 2);
            coex::<T>(&mut o, &mut v20);
            v20 = merge_n::<T>(v20, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v21, 2);
            coex::<T>(&mut o, &mut v21);
            v21 = merge_n::<T>(v21, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v22, 2);
            coex::<T>(&mut o, &mut v22);
            v22 = merge_n::<T>(v22, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v23, 2);
            coex::<T>(&mut o, &mut v23);
            v23 = merge_n::<T>(v23, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v24, 2);
            coex::<T>(&mut o, &mut v24);
            v24 = merge_n::<T>(v24, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v25, 2);
            coex::<T>(&mut o, &mut v25);
            v25 = merge_n::<T>(v25, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v26, 2);
            coex::<T>(&mut o, &mut v26);
            v26 = merge_n::<T>(v26, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v27, 2);
            coex::<T>(&mut o, &mut v27);
            v27 = merge_n::<T>(v27, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v28, 2);
            coex::<T>(&mut o, &mut v28);
            v28 = merge_n::<T>(v28, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v29, 2);
            coex::<T>(&mut o, &mut v29);
            v29 = merge_n::<T>(v29, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v30, 2);
            coex::<T>(&mut o, &mut v30);
            v30 = merge_n::<T>(v30, o, 2);
        }
        {
            let mut o = reverse_n::<T>(v31, 2);
            coex::<T>(&mut o, &mut v31);
            v31 = merge_n::<T>(v31, o, 2);
        }
        v16 = reverse_n::<T>(v16, 4);
        v17 = reverse_n::<T>(v17, 4);
        v18 = reverse_n::<T>(v18, 4);
        v19 = reverse_n::<T>(v19, 4);
        v20 = reverse_n::<T>(v20, 4);
        v21 = reverse_n::<T>(v21, 4);
        v22 = reverse_n::<T>(v22, 4);
        v23 = reverse_n::<T>(v23, 4);
        v24 = reverse_n::<T>(v24, 4);
        v25 = reverse_n::<T>(v25, 4);
        v26 = reverse_n::<T>(v26, 4);
        v27 = reverse_n::<T>(v27, 4);
        v28 = reverse_n::<T>(v28, 4);
        v29 = reverse_n::<T>(v29, 4);
        v30 = reverse_n::<T>(v30, 4);
        v31 = reverse_n::<T>(v31, 4);
        coex::<T>(&mut v0, &mut v31);
        coex::<T>(&mut v1, &mut v30);
        coex::<T>(&mut v2, &mut v29);
        coex::<T>(&mut v3, &mut v28);
        coex::<T>(&mut v4, &mut v27);
        coex::<T>(&mut v5, &mut v26);
        coex::<T>(&mut v6, &mut v25);
        coex::<T>(&mut v7, &mut v24);
        coex::<T>(&mut v8, &mut v23);
        coex::<T>(&mut v9, &mut v22);
        coex::<T>(&mut v10, &mut v21);
        coex::<T>(&mut v11, &mut v20);
        coex::<T>(&mut v12, &mut v19);
        coex::<T>(&mut v13, &mut v18);
        coex::<T>(&mut v14, &mut v17);
        coex::<T>(&mut v15, &mut v16);
        v8 = reverse_n::<T>(v8, 4);
        v9 = reverse_n::<T>(v9, 4);
        v10 = reverse_n::<T>(v10, 4);
        v11 = reverse_n::<T>(v11, 4);
        v12 = reverse_n::<T>(v12, 4);
        v13 = reverse_n::<T>(v13, 4);
        v14 = reverse_n::<T>(v14, 4);
        v15 = reverse_n::<T>(v15, 4);
        coex::<T>(&mut v0, &mut v15);
        coex::<T>(&mut v1, &mut v14);
        coex::<T>(&mut v2, &mut v13);
        coex::<T>(&mut v3, &mut v12);
        coex::<T>(&mut v4, &mut v11);
        coex::<T>(&mut v5, &mut v10);
        coex::<T>(&mut v6, &mut v9);
        coex::<T>(&mut v7, &mut v8);
        v24 = reverse_n::<T>(v24, 4);
        v25 = reverse_n::<T>(v25, 4);
        v26 = reverse_n::<T>(v26, 4);
        v27 = reverse_n::<T>(v27, 4);
        v28 = reverse_n::<T>(v28, 4);
        v29 = reverse_n::<T>(v29, 4);
        v30 = reverse_n::<T>(v30, 4);
        v31 = reverse_n::<T>(v31, 4);
        coex::<T>(&mut v16, &mut v31);
        coex::<T>(&mut v17, &mut v30);
        coex::<T>(&mut v18, &mut v29);
        coex::<T>(&mut v19, &mut v28);
        coex::<T>(&mut v20, &mut v27);
        coex::<T>(&mut v21, &mut v26);
        coex::<T>(&mut v22, &mut v25);
        coex::<T>(&mut v23, &mut v24);
        v4 = reverse_n::<T>(v4, 4);
        v5 = reverse_n::<T>(v5, 4);
        v6 = reverse_n::<T>(v6, 4);
        v7 = reverse_n::<T>(v7, 4);
        coex::<T>(&mut v0, &mut v7);
        coex::<T>(&mut v1, &mut v6);
        coex::<T>(&mut v2, &mut v5);
        coex::<T>(&mut v3, &mut v4);
        v12 = reverse_n::<T>(v12, 4);
        v13 = reverse_n::<T>(v13, 4);
        v14 = reverse_n::<T>(v14, 4);
        v15 = reverse_n::<T>(v15, 4);
        coex::<T>(&mut v8, &mut v15);
        coex::<T>(&mut v9, &mut v14);
        coex::<T>(&mut v10, &mut v13);
        coex::<T>(&mut v11, &mut v12);
        v20 = reverse_n::<T>(v20, 4);
        v21 = reverse_n::<T>(v21, 4);
        v22 = reverse_n::<T>(v22, 4);
        v23 = reverse_n::<T>(v23, 4);
        coex::<T>(&mut v16, &mut v23);
        coex::<T>(&mut v17, &mut v22);
        coex::<T>(&mut v18, &mut v21);
        coex::<T>(&mut v19, &mut v20);
        v28 = reverse_n::<T>(v28, 4);
        v29 = reverse_n::<T>(v29, 4);
        v30 = reverse_n::<T>(v30, 4);
        v31 = reverse_n::<T>(v31, 4);
        coex::<T>(&mut v24, &mut v31);
        coex::<T>(&mut v25, &mut v30);
        coex::<T>(&mut v26, &mut v29);
        coex::<T>(&mut v27, &mut v28);
        v2 = reverse_n::<T>(v2, 4);
        v3 = reverse_n::<T>(v3, 4);
        coex::<T>(&mut v0, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v6 = reverse_n::<T>(v6, 4);
        v7 = reverse_n::<T>(v7, 4);
        coex::<T>(&mut v4, &mut v7);
        coex::<T>(&mut v5, &mut v6);
        v10 = reverse_n::<T>(v10, 4);
        v11 = reverse_n::<T>(v11, 4);
        coex::<T>(&mut v8, &mut v11);
        coex::<T>(&mut v9, &mut v10);
        v14 = reverse_n::<T>(v14, 4);
        v15 = reverse_n::<T>(v15, 4);
        coex::<T>(&mut v12, &mut v15);
        coex::<T>(&mut v13, &mut v14);
        v18 = reverse_n::<T>(v18, 4);
        v19 = reverse_n::<T>(v19, 4);
        coex::<T>(&mut v16, &mut v19);
        coex::<T>(&mut v17, &mut v18);
        v22 = reverse_n::<T>(v22, 4);
        v23 = reverse_n::<T>(v23, 4);
        coex::<T>(&mut v20, &mut v23);
        coex::<T>(&mut v21, &mut v22);
        v26 = reverse_n::<T>(v26, 4);
        v27 = reverse_n::<T>(v27, 4);
        coex::<T>(&mut v24, &mut v27);
        coex::<T>(&mut v25, &mut v26);
        v30 = reverse_n::<T>(v30, 4);
        v31 = reverse_n::<T>(v31, 4);
        coex::<T>(&mut v28, &mut v31);
        coex::<T>(&mut v29, &mut v30);
        v1 = reverse_n::<T>(v1, 4);
        coex::<T>(&mut v0, &mut v1);
        v3 = reverse_n::<T>(v3, 4);
        coex::<T>(&mut v2, &mut v3);
        v5 = reverse_n::<T>(v5, 4);
        coex::<T>(&mut v4, &mut v5);
        v7 = reverse_n::<T>(v7, 4);
        coex::<T>(&mut v6, &mut v7);
        v9 = reverse_n::<T>(v9, 4);
        coex::<T>(&mut v8, &mut v9);
        v11 = reverse_n::<T>(v11, 4);
        coex::<T>(&mut v10, &mut v11);
        v13 = reverse_n::<T>(v13, 4);
        coex::<T>(&mut v12, &mut v13);
        v15 = reverse_n::<T>(v15, 4);
        coex::<T>(&mut v14, &mut v15);
        v17 = reverse_n::<T>(v17, 4);
        coex::<T>(&mut v16, &mut v17);
        v19 = reverse_n::<T>(v19, 4);
        coex::<T>(&mut v18, &mut v19);
        v21 = reverse_n::<T>(v21, 4);
        coex::<T>(&mut v20, &mut v21);
        v23 = reverse_n::<T>(v23, 4);
        coex::<T>(&mut v22, &mut v23);
        v25 = reverse_n::<T>(v25, 4);
        coex::<T>(&mut v24, &mut v25);
        v27 = reverse_n::<T>(v27, 4);
        coex::<T>(&mut v26, &mut v27);
        v29 = reverse_n::<T>(v29, 4);
        coex::<T>(&mut v28, &mut v29);
        v31 = reverse_n::<T>(v31, 4);
        coex::<T>(&mut v30, &mut v31);
        {
            let mut o = reverse_n::<T>(v0, 4);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v1, 4);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v2, 4);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v3, 4);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v4, 4);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v5, 4);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v6, 4);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v7, 4);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v8, 4);
            coex::<T>(&mut o, &mut v8);
            v8 = merge_n::<T>(v8, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v9, 4);
            coex::<T>(&mut o, &mut v9);
            v9 = merge_n::<T>(v9, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v10, 4);
            coex::<T>(&mut o, &mut v10);
            v10 = merge_n::<T>(v10, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v11, 4);
            coex::<T>(&mut o, &mut v11);
            v11 = merge_n::<T>(v11, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v12, 4);
            coex::<T>(&mut o, &mut v12);
            v12 = merge_n::<T>(v12, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v13, 4);
            coex::<T>(&mut o, &mut v13);
            v13 = merge_n::<T>(v13, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v14, 4);
            coex::<T>(&mut o, &mut v14);
            v14 = merge_n::<T>(v14, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v15, 4);
            coex::<T>(&mut o, &mut v15);
            v15 = merge_n::<T>(v15, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v16, 4);
            coex::<T>(&mut o, &mut v16);
            v16 = merge_n::<T>(v16, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v17, 4);
            coex::<T>(&mut o, &mut v17);
            v17 = merge_n::<T>(v17, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v18, 4);
            coex::<T>(&mut o, &mut v18);
            v18 = merge_n::<T>(v18, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v19, 4);
            coex::<T>(&mut o, &mut v19);
            v19 = merge_n::<T>(v19, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v20, 4);
            coex::<T>(&mut o, &mut v20);
            v20 = merge_n::<T>(v20, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v21, 4);
            coex::<T>(&mut o, &mut v21);
            v21 = merge_n::<T>(v21, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v22, 4);
            coex::<T>(&mut o, &mut v22);
            v22 = merge_n::<T>(v22, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v23, 4);
            coex::<T>(&mut o, &mut v23);
            v23 = merge_n::<T>(v23, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v24, 4);
            coex::<T>(&mut o, &mut v24);
            v24 = merge_n::<T>(v24, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v25, 4);
            coex::<T>(&mut o, &mut v25);
            v25 = merge_n::<T>(v25, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v26, 4);
            coex::<T>(&mut o, &mut v26);
            v26 = merge_n::<T>(v26, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v27, 4);
            coex::<T>(&mut o, &mut v27);
            v27 = merge_n::<T>(v27, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v28, 4);
            coex::<T>(&mut o, &mut v28);
            v28 = merge_n::<T>(v28, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v29, 4);
            coex::<T>(&mut o, &mut v29);
            v29 = merge_n::<T>(v29, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v30, 4);
            coex::<T>(&mut o, &mut v30);
            v30 = merge_n::<T>(v30, o, 4);
        }
        {
            let mut o = reverse_n::<T>(v31, 4);
            coex::<T>(&mut o, &mut v31);
            v31 = merge_n::<T>(v31, o, 4);
        }
        {
            let mut o = swap_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = swap_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        {
            let mut o = swap_n::<T>(v2, 2);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 2);
        }
        {
            let mut o = swap_n::<T>(v3, 2);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 2);
        }
        {
            let mut o = swap_n::<T>(v4, 2);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 2);
        }
        {
            let mut o = swap_n::<T>(v5, 2);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 2);
        }
        {
            let mut o = swap_n::<T>(v6, 2);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 2);
        }
        {
            let mut o = swap_n::<T>(v7, 2);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 2);
        }
        {
            let mut o = swap_n::<T>(v8, 2);
            coex::<T>(&mut o, &mut v8);
            v8 = merge_n::<T>(v8, o, 2);
        }
        {
            let mut o = swap_n::<T>(v9, 2);
            coex::<T>(&mut o, &mut v9);
            v9 = merge_n::<T>(v9, o, 2);
        }
        {
            let mut o = swap_n::<T>(v10, 2);
            coex::<T>(&mut o, &mut v10);
            v10 = merge_n::<T>(v10, o, 2);
        }
        {
            let mut o = swap_n::<T>(v11, 2);
            coex::<T>(&mut o, &mut v11);
            v11 = merge_n::<T>(v11, o, 2);
        }
        {
            let mut o = swap_n::<T>(v12, 2);
            coex::<T>(&mut o, &mut v12);
            v12 = merge_n::<T>(v12, o, 2);
        }
        {
            let mut o = swap_n::<T>(v13, 2);
            coex::<T>(&mut o, &mut v13);
            v13 = merge_n::<T>(v13, o, 2);
        }
        {
            let mut o = swap_n::<T>(v14, 2);
            coex::<T>(&mut o, &mut v14);
            v14 = merge_n::<T>(v14, o, 2);
        }
        {
            let mut o = swap_n::<T>(v15, 2);
            coex::<T>(&mut o, &mut v15);
            v15 = merge_n::<T>(v15, o, 2);
        }
        {
            let mut o = swap_n::<T>(v16, 2);
            coex::<T>(&mut o, &mut v16);
            v16 = merge_n::<T>(v16, o, 2);
        }
        {
            let mut o = swap_n::<T>(v17, 2);
            coex::<T>(&mut o, &mut v17);
            v17 = merge_n::<T>(v17, o, 2);
        }
        {
            let mut o = swap_n::<T>(v18, 2);
            coex::<T>(&mut o, &mut v18);
            v18 = merge_n::<T>(v18, o, 2);
        }
        {
            let mut o = swap_n::<T>(v19, 2);
            coex::<T>(&mut o, &mut v19);
            v19 = merge_n::<T>(v19, o, 2);
        }
        {
            let mut o = swap_n::<T>(v20, 2);
            coex::<T>(&mut o, &mut v20);
            v20 = merge_n::<T>(v20, o, 2);
        }
        {
            let mut o = swap_n::<T>(v21, 2);
            coex::<T>(&mut o, &mut v21);
            v21 = merge_n::<T>(v21, o, 2);
        }
        {
            let mut o = swap_n::<T>(v22, 2);
            coex::<T>(&mut o, &mut v22);
            v22 = merge_n::<T>(v22, o, 2);
        }
        {
            let mut o = swap_n::<T>(v23, 2);
            coex::<T>(&mut o, &mut v23);
            v23 = merge_n::<T>(v23, o, 2);
        }
        {
            let mut o = swap_n::<T>(v24, 2);
            coex::<T>(&mut o, &mut v24);
            v24 = merge_n::<T>(v24, o, 2);
        }
        {
            let mut o = swap_n::<T>(v25, 2);
            coex::<T>(&mut o, &mut v25);
            v25 = merge_n::<T>(v25, o, 2);
        }
        {
            let mut o = swap_n::<T>(v26, 2);
            coex::<T>(&mut o, &mut v26);
            v26 = merge_n::<T>(v26, o, 2);
        }
        {
            let mut o = swap_n::<T>(v27, 2);
            coex::<T>(&mut o, &mut v27);
            v27 = merge_n::<T>(v27, o, 2);
        }
        {
            let mut o = swap_n::<T>(v28, 2);
            coex::<T>(&mut o, &mut v28);
            v28 = merge_n::<T>(v28, o, 2);
        }
        {
            let mut o = swap_n::<T>(v29, 2);
            coex::<T>(&mut o, &mut v29);
            v29 = merge_n::<T>(v29, o, 2);
        }
        {
            let mut o = swap_n::<T>(v30, 2);
            coex::<T>(&mut o, &mut v30);
            v30 = merge_n::<T>(v30, o, 2);
        }
        {
            let mut o = swap_n::<T>(v31, 2);
            coex::<T>(&mut o, &mut v31);
            v31 = merge_n::<T>(v31, o, 2);
        }
        v16 = reverse_n::<T>(v16, 8);
        v17 = reverse_n::<T>(v17, 8);
        v18 = reverse_n::<T>(v18, 8);
        v19 = reverse_n::<T>(v19, 8);
        v20 = reverse_n::<T>(v20, 8);
        v21 = reverse_n::<T>(v21, 8);
        v22 = reverse_n::<T>(v22, 8);
        v23 = reverse_n::<T>(v23, 8);
        v24 = reverse_n::<T>(v24, 8);
        v25 = reverse_n::<T>(v25, 8);
        v26 = reverse_n::<T>(v26, 8);
        v27 = reverse_n::<T>(v27, 8);
        v28 = reverse_n::<T>(v28, 8);
        v29 = reverse_n::<T>(v29, 8);
        v30 = reverse_n::<T>(v30, 8);
        v31 = reverse_n::<T>(v31, 8);
        coex::<T>(&mut v0, &mut v31);
        coex::<T>(&mut v1, &mut v30);
        coex::<T>(&mut v2, &mut v29);
        coex::<T>(&mut v3, &mut v28);
        coex::<T>(&mut v4, &mut v27);
        coex::<T>(&mut v5, &mut v26);
        coex::<T>(&mut v6, &mut v25);
        coex::<T>(&mut v7, &mut v24);
        coex::<T>(&mut v8, &mut v23);
        coex::<T>(&mut v9, &mut v22);
        coex::<T>(&mut v10, &mut v21);
        coex::<T>(&mut v11, &mut v20);
        coex::<T>(&mut v12, &mut v19);
        coex::<T>(&mut v13, &mut v18);
        coex::<T>(&mut v14, &mut v17);
        coex::<T>(&mut v15, &mut v16);
        v8 = reverse_n::<T>(v8, 8);
        v9 = reverse_n::<T>(v9, 8);
        v10 = reverse_n::<T>(v10, 8);
        v11 = reverse_n::<T>(v11, 8);
        v12 = reverse_n::<T>(v12, 8);
        v13 = reverse_n::<T>(v13, 8);
        v14 = reverse_n::<T>(v14, 8);
        v15 = reverse_n::<T>(v15, 8);
        coex::<T>(&mut v0, &mut v15);
        coex::<T>(&mut v1, &mut v14);
        coex::<T>(&mut v2, &mut v13);
        coex::<T>(&mut v3, &mut v12);
        coex::<T>(&mut v4, &mut v11);
        coex::<T>(&mut v5, &mut v10);
        coex::<T>(&mut v6, &mut v9);
        coex::<T>(&mut v7, &mut v8);
        v24 = reverse_n::<T>(v24, 8);
        v25 = reverse_n::<T>(v25, 8);
        v26 = reverse_n::<T>(v26, 8);
        v27 = reverse_n::<T>(v27, 8);
        v28 = reverse_n::<T>(v28, 8);
        v29 = reverse_n::<T>(v29, 8);
        v30 = reverse_n::<T>(v30, 8);
        v31 = reverse_n::<T>(v31, 8);
        coex::<T>(&mut v16, &mut v31);
        coex::<T>(&mut v17, &mut v30);
        coex::<T>(&mut v18, &mut v29);
        coex::<T>(&mut v19, &mut v28);
        coex::<T>(&mut v20, &mut v27);
        coex::<T>(&mut v21, &mut v26);
        coex::<T>(&mut v22, &mut v25);
        coex::<T>(&mut v23, &mut v24);
        v4 = reverse_n::<T>(v4, 8);
        v5 = reverse_n::<T>(v5, 8);
        v6 = reverse_n::<T>(v6, 8);
        v7 = reverse_n::<T>(v7, 8);
        coex::<T>(&mut v0, &mut v7);
        coex::<T>(&mut v1, &mut v6);
        coex::<T>(&mut v2, &mut v5);
        coex::<T>(&mut v3, &mut v4);
        v12 = reverse_n::<T>(v12, 8);
        v13 = reverse_n::<T>(v13, 8);
        v14 = reverse_n::<T>(v14, 8);
        v15 = reverse_n::<T>(v15, 8);
        coex::<T>(&mut v8, &mut v15);
        coex::<T>(&mut v9, &mut v14);
        coex::<T>(&mut v10, &mut v13);
        coex::<T>(&mut v11, &mut v12);
        v20 = reverse_n::<T>(v20, 8);
        v21 = reverse_n::<T>(v21, 8);
        v22 = reverse_n::<T>(v22, 8);
        v23 = reverse_n::<T>(v23, 8);
        coex::<T>(&mut v16, &mut v23);
        coex::<T>(&mut v17, &mut v22);
        coex::<T>(&mut v18, &mut v21);
        coex::<T>(&mut v19, &mut v20);
        v28 = reverse_n::<T>(v28, 8);
        v29 = reverse_n::<T>(v29, 8);
        v30 = reverse_n::<T>(v30, 8);
        v31 = reverse_n::<T>(v31, 8);
        coex::<T>(&mut v24, &mut v31);
        coex::<T>(&mut v25, &mut v30);
        coex::<T>(&mut v26, &mut v29);
        coex::<T>(&mut v27, &mut v28);
        v2 = reverse_n::<T>(v2, 8);
        v3 = reverse_n::<T>(v3, 8);
        coex::<T>(&mut v0, &mut v3);
        coex::<T>(&mut v1, &mut v2);
        v6 = reverse_n::<T>(v6, 8);
        v7 = reverse_n::<T>(v7, 8);
        coex::<T>(&mut v4, &mut v7);
        coex::<T>(&mut v5, &mut v6);
        v10 = reverse_n::<T>(v10, 8);
        v11 = reverse_n::<T>(v11, 8);
        coex::<T>(&mut v8, &mut v11);
        coex::<T>(&mut v9, &mut v10);
        v14 = reverse_n::<T>(v14, 8);
        v15 = reverse_n::<T>(v15, 8);
        coex::<T>(&mut v12, &mut v15);
        coex::<T>(&mut v13, &mut v14);
        v18 = reverse_n::<T>(v18, 8);
        v19 = reverse_n::<T>(v19, 8);
        coex::<T>(&mut v16, &mut v19);
        coex::<T>(&mut v17, &mut v18);
        v22 = reverse_n::<T>(v22, 8);
        v23 = reverse_n::<T>(v23, 8);
        coex::<T>(&mut v20, &mut v23);
        coex::<T>(&mut v21, &mut v22);
        v26 = reverse_n::<T>(v26, 8);
        v27 = reverse_n::<T>(v27, 8);
        coex::<T>(&mut v24, &mut v27);
        coex::<T>(&mut v25, &mut v26);
        v30 = reverse_n::<T>(v30, 8);
        v31 = reverse_n::<T>(v31, 8);
        coex::<T>(&mut v28, &mut v31);
        coex::<T>(&mut v29, &mut v30);
        v1 = reverse_n::<T>(v1, 8);
        coex::<T>(&mut v0, &mut v1);
        v3 = reverse_n::<T>(v3, 8);
        coex::<T>(&mut v2, &mut v3);
        v5 = reverse_n::<T>(v5, 8);
        coex::<T>(&mut v4, &mut v5);
        v7 = reverse_n::<T>(v7, 8);
        coex::<T>(&mut v6, &mut v7);
        v9 = reverse_n::<T>(v9, 8);
        coex::<T>(&mut v8, &mut v9);
        v11 = reverse_n::<T>(v11, 8);
        coex::<T>(&mut v10, &mut v11);
        v13 = reverse_n::<T>(v13, 8);
        coex::<T>(&mut v12, &mut v13);
        v15 = reverse_n::<T>(v15, 8);
        coex::<T>(&mut v14, &mut v15);
        v17 = reverse_n::<T>(v17, 8);
        coex::<T>(&mut v16, &mut v17);
        v19 = reverse_n::<T>(v19, 8);
        coex::<T>(&mut v18, &mut v19);
        v21 = reverse_n::<T>(v21, 8);
        coex::<T>(&mut v20, &mut v21);
        v23 = reverse_n::<T>(v23, 8);
        coex::<T>(&mut v22, &mut v23);
        v25 = reverse_n::<T>(v25, 8);
        coex::<T>(&mut v24, &mut v25);
        v27 = reverse_n::<T>(v27, 8);
        coex::<T>(&mut v26, &mut v27);
        v29 = reverse_n::<T>(v29, 8);
        coex::<T>(&mut v28, &mut v29);
        v31 = reverse_n::<T>(v31, 8);
        coex::<T>(&mut v30, &mut v31);
        {
            let mut o = reverse_n::<T>(v0, 8);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v1, 8);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v2, 8);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v3, 8);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v4, 8);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v5, 8);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v6, 8);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v7, 8);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v8, 8);
            coex::<T>(&mut o, &mut v8);
            v8 = merge_n::<T>(v8, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v9, 8);
            coex::<T>(&mut o, &mut v9);
            v9 = merge_n::<T>(v9, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v10, 8);
            coex::<T>(&mut o, &mut v10);
            v10 = merge_n::<T>(v10, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v11, 8);
            coex::<T>(&mut o, &mut v11);
            v11 = merge_n::<T>(v11, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v12, 8);
            coex::<T>(&mut o, &mut v12);
            v12 = merge_n::<T>(v12, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v13, 8);
            coex::<T>(&mut o, &mut v13);
            v13 = merge_n::<T>(v13, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v14, 8);
            coex::<T>(&mut o, &mut v14);
            v14 = merge_n::<T>(v14, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v15, 8);
            coex::<T>(&mut o, &mut v15);
            v15 = merge_n::<T>(v15, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v16, 8);
            coex::<T>(&mut o, &mut v16);
            v16 = merge_n::<T>(v16, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v17, 8);
            coex::<T>(&mut o, &mut v17);
            v17 = merge_n::<T>(v17, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v18, 8);
            coex::<T>(&mut o, &mut v18);
            v18 = merge_n::<T>(v18, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v19, 8);
            coex::<T>(&mut o, &mut v19);
            v19 = merge_n::<T>(v19, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v20, 8);
            coex::<T>(&mut o, &mut v20);
            v20 = merge_n::<T>(v20, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v21, 8);
            coex::<T>(&mut o, &mut v21);
            v21 = merge_n::<T>(v21, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v22, 8);
            coex::<T>(&mut o, &mut v22);
            v22 = merge_n::<T>(v22, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v23, 8);
            coex::<T>(&mut o, &mut v23);
            v23 = merge_n::<T>(v23, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v24, 8);
            coex::<T>(&mut o, &mut v24);
            v24 = merge_n::<T>(v24, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v25, 8);
            coex::<T>(&mut o, &mut v25);
            v25 = merge_n::<T>(v25, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v26, 8);
            coex::<T>(&mut o, &mut v26);
            v26 = merge_n::<T>(v26, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v27, 8);
            coex::<T>(&mut o, &mut v27);
            v27 = merge_n::<T>(v27, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v28, 8);
            coex::<T>(&mut o, &mut v28);
            v28 = merge_n::<T>(v28, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v29, 8);
            coex::<T>(&mut o, &mut v29);
            v29 = merge_n::<T>(v29, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v30, 8);
            coex::<T>(&mut o, &mut v30);
            v30 = merge_n::<T>(v30, o, 8);
        }
        {
            let mut o = reverse_n::<T>(v31, 8);
            coex::<T>(&mut o, &mut v31);
            v31 = merge_n::<T>(v31, o, 8);
        }
        {
            let mut o = swap_n::<T>(v0, 4);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 4);
        }
        {
            let mut o = swap_n::<T>(v1, 4);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 4);
        }
        {
            let mut o = swap_n::<T>(v2, 4);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 4);
        }
        {
            let mut o = swap_n::<T>(v3, 4);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 4);
        }
        {
            let mut o = swap_n::<T>(v4, 4);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 4);
        }
        {
            let mut o = swap_n::<T>(v5, 4);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 4);
        }
        {
            let mut o = swap_n::<T>(v6, 4);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 4);
        }
        {
            let mut o = swap_n::<T>(v7, 4);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 4);
        }
        {
            let mut o = swap_n::<T>(v8, 4);
            coex::<T>(&mut o, &mut v8);
            v8 = merge_n::<T>(v8, o, 4);
        }
        {
            let mut o = swap_n::<T>(v9, 4);
            coex::<T>(&mut o, &mut v9);
            v9 = merge_n::<T>(v9, o, 4);
        }
        {
            let mut o = swap_n::<T>(v10, 4);
            coex::<T>(&mut o, &mut v10);
            v10 = merge_n::<T>(v10, o, 4);
        }
        {
            let mut o = swap_n::<T>(v11, 4);
            coex::<T>(&mut o, &mut v11);
            v11 = merge_n::<T>(v11, o, 4);
        }
        {
            let mut o = swap_n::<T>(v12, 4);
            coex::<T>(&mut o, &mut v12);
            v12 = merge_n::<T>(v12, o, 4);
        }
        {
            let mut o = swap_n::<T>(v13, 4);
            coex::<T>(&mut o, &mut v13);
            v13 = merge_n::<T>(v13, o, 4);
        }
        {
            let mut o = swap_n::<T>(v14, 4);
            coex::<T>(&mut o, &mut v14);
            v14 = merge_n::<T>(v14, o, 4);
        }
        {
            let mut o = swap_n::<T>(v15, 4);
            coex::<T>(&mut o, &mut v15);
            v15 = merge_n::<T>(v15, o, 4);
        }
        {
            let mut o = swap_n::<T>(v16, 4);
            coex::<T>(&mut o, &mut v16);
            v16 = merge_n::<T>(v16, o, 4);
        }
        {
            let mut o = swap_n::<T>(v17, 4);
            coex::<T>(&mut o, &mut v17);
            v17 = merge_n::<T>(v17, o, 4);
        }
        {
            let mut o = swap_n::<T>(v18, 4);
            coex::<T>(&mut o, &mut v18);
            v18 = merge_n::<T>(v18, o, 4);
        }
        {
            let mut o = swap_n::<T>(v19, 4);
            coex::<T>(&mut o, &mut v19);
            v19 = merge_n::<T>(v19, o, 4);
        }
        {
            let mut o = swap_n::<T>(v20, 4);
            coex::<T>(&mut o, &mut v20);
            v20 = merge_n::<T>(v20, o, 4);
        }
        {
            let mut o = swap_n::<T>(v21, 4);
            coex::<T>(&mut o, &mut v21);
            v21 = merge_n::<T>(v21, o, 4);
        }
        {
            let mut o = swap_n::<T>(v22, 4);
            coex::<T>(&mut o, &mut v22);
            v22 = merge_n::<T>(v22, o, 4);
        }
        {
            let mut o = swap_n::<T>(v23, 4);
            coex::<T>(&mut o, &mut v23);
            v23 = merge_n::<T>(v23, o, 4);
        }
        {
            let mut o = swap_n::<T>(v24, 4);
            coex::<T>(&mut o, &mut v24);
            v24 = merge_n::<T>(v24, o, 4);
        }
        {
            let mut o = swap_n::<T>(v25, 4);
            coex::<T>(&mut o, &mut v25);
            v25 = merge_n::<T>(v25, o, 4);
        }
        {
            let mut o = swap_n::<T>(v26, 4);
            coex::<T>(&mut o, &mut v26);
            v26 = merge_n::<T>(v26, o, 4);
        }
        {
            let mut o = swap_n::<T>(v27, 4);
            coex::<T>(&mut o, &mut v27);
            v27 = merge_n::<T>(v27, o, 4);
        }
        {
            let mut o = swap_n::<T>(v28, 4);
            coex::<T>(&mut o, &mut v28);
            v28 = merge_n::<T>(v28, o, 4);
        }
        {
            let mut o = swap_n::<T>(v29, 4);
            coex::<T>(&mut o, &mut v29);
            v29 = merge_n::<T>(v29, o, 4);
        }
        {
            let mut o = swap_n::<T>(v30, 4);
            coex::<T>(&mut o, &mut v30);
            v30 = merge_n::<T>(v30, o, 4);
        }
        {
            let mut o = swap_n::<T>(v31, 4);
            coex::<T>(&mut o, &mut v31);
            v31 = merge_n::<T>(v31, o, 4);
        }
        {
            let mut o = swap_n::<T>(v0, 2);
            coex::<T>(&mut o, &mut v0);
            v0 = merge_n::<T>(v0, o, 2);
        }
        {
            let mut o = swap_n::<T>(v1, 2);
            coex::<T>(&mut o, &mut v1);
            v1 = merge_n::<T>(v1, o, 2);
        }
        {
            let mut o = swap_n::<T>(v2, 2);
            coex::<T>(&mut o, &mut v2);
            v2 = merge_n::<T>(v2, o, 2);
        }
        {
            let mut o = swap_n::<T>(v3, 2);
            coex::<T>(&mut o, &mut v3);
            v3 = merge_n::<T>(v3, o, 2);
        }
        {
            let mut o = swap_n::<T>(v4, 2);
            coex::<T>(&mut o, &mut v4);
            v4 = merge_n::<T>(v4, o, 2);
        }
        {
            let mut o = swap_n::<T>(v5, 2);
            coex::<T>(&mut o, &mut v5);
            v5 = merge_n::<T>(v5, o, 2);
        }
        {
            let mut o = swap_n::<T>(v6, 2);
            coex::<T>(&mut o, &mut v6);
            v6 = merge_n::<T>(v6, o, 2);
        }
        {
            let mut o = swap_n::<T>(v7, 2);
            coex::<T>(&mut o, &mut v7);
            v7 = merge_n::<T>(v7, o, 2);
        }
        {
            let mut o = swap_n::<T>(v8, 2);
            coex::<T>(&mut o, &mut v8);
            v8 = merge_n::<T>(v8, o, 2);
        }
        {
            let mut o = swap_n::<T>(v9, 2);
            coex::<T>(&mut o, &mut v9);
            v9 = merge_n::<T>(v9, o, 2);
        }
        {
            let mut o = swap_n::<T>(v10, 2);
            coex::<T>(&mut o, &mut v10);
            v10 = merge_n::<T>(v10, o, 2);
        }
        {
            let mut o = swap_n::<T>(v11, 2);
            coex::<T>(&mut o, &mut v11);
            v11 = merge_n::<T>(v11, o, 2);
        }
        {
            let mut o = swap_n::<T>(v12, 2);
            coex::<T>(&mut o, &mut v12);
            v12 = merge_n::<T>(v12, o, 2);
        }
        {
            let mut o = swap_n::<T>(v13, 2);
            coex::<T>(&mut o, &mut v13);
            v13 = merge_n::<T>(v13, o, 2);
        }
        {
            let mut o = swap_n::<T>(v14, 2);
            coex::<T>(&mut o, &mut v14);
            v14 = merge_n::<T>(v14, o, 2);
        }
        {
            let mut o = swap_n::<T>(v15, 2);
            coex::<T>(&mut o, &mut v15);
            v15 = merge_n::<T>(v15, o, 2);
        }
        {
            let mut o = swap_n::<T>(v16, 2);
            coex::<T>(&mut o, &mut v16);
            v16 = merge_n::<T>(v16, o, 2);
        }
        {
            let mut o = swap_n::<T>(v17, 2);
            coex::<T>(&mut o, &mut v17);
            v17 = merge_n::<T>(v17, o, 2);
        }
        {
            let mut o = swap_n::<T>(v18, 2);
            coex::<T>(&mut o, &mut v18);
            v18 = merge_n::<T>(v18, o, 2);
        }
        {
            let mut o = swap_n::<T>(v19, 2);
            coex::<T>(&mut o, &mut v19);
            v19 = merge_n::<T>(v19, o, 2);
        }
        {
            let mut o = swap_n::<T>(v20, 2);
            coex::<T>(&mut o, &mut v20);
            v20 = merge_n::<T>(v20, o, 2);
        }
        {
            let mut o = swap_n::<T>(v21, 2);
            coex::<T>(&mut o, &mut v21);
            v21 = merge_n::<T>(v21, o, 2);
        }
        {
            let mut o = swap_n::<T>(v22, 2);
            coex::<T>(&mut o, &mut v22);
            v22 = merge_n::<T>(v22, o, 2);
        }
        {
            let mut o = swap_n::<T>(v23, 2);
            coex::<T>(&mut o, &mut v23);
            v23 = merge_n::<T>(v23, o, 2);
        }
        {
            let mut o = swap_n::<T>(v24, 2);
            coex::<T>(&mut o, &mut v24);
            v24 = merge_n::<T>(v24, o, 2);
        }
        {
            let mut o = swap_n::<T>(v25, 2);
            coex::<T>(&mut o, &mut v25);
            v25 = merge_n::<T>(v25, o, 2);
        }
        {
            let mut o = swap_n::<T>(v26, 2);
            coex::<T>(&mut o, &mut v26);
            v26 = merge_n::<T>(v26, o, 2);
        }
        {
            let mut o = swap_n::<T>(v27, 2);
            coex::<T>(&mut o, &mut v27);
            v27 = merge_n::<T>(v27, o, 2);
        }
        {
            let mut o = swap_n::<T>(v28, 2);
            coex::<T>(&mut o, &mut v28);
            v28 = merge_n::<T>(v28, o, 2);
        }
        {
            let mut o = swap_n::<T>(v29, 2);
            coex::<T>(&mut o, &mut v29);
            v29 = merge_n::<T>(v29, o, 2);
        }
        {
            let mut o = swap_n::<T>(v30, 2);
            coex::<T>(&mut o, &mut v30);
            v30 = merge_n::<T>(v30, o, 2);
        }
        {
            let mut o = swap_n::<T>(v31, 2);
            coex::<T>(&mut o, &mut v31);
            v31 = merge_n::<T>(v31, o, 2);
        }
        *v = [
            v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18,
            v19, v20, v21, v22, v23, v24, v25, v26, v27, v28, v29, v30, v31,
        ];
    }
}
