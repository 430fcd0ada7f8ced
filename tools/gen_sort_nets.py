"""Generate crates/oxarray-core/src/kernels/sort/simd_nets.rs: x86-simd-sort's AVX2 sorting
networks (`sort_vectors<numVecs>` of `xss-network-qsort.hpp`: the column network of
`xss-optimal-networks.hpp`, then the bitonic merges) as straight-line Rust.

Usage: python tools/gen_sort_nets.py <x86-simd-sort>/src/xss-optimal-networks.hpp
then `cargo fmt --all`. The comparator lists are read from that header (x86-simd-sort,
BSD-3-Clause, the version NumPy's sort uses).
"""
import re
import sys
from pathlib import Path

src = open(sys.argv[1]).read()
OUT = Path(__file__).resolve().parent.parent / "crates/oxarray-core/src/kernels/sort/simd_nets.rs"
nets={1:[],2:[(0,1)]}
for n in (4,8,16,32):
    m=re.search(r'optimal_sort_%d\(reg_t \*vecs\)\s*\{(.*?)\n\}'%n, src, re.S)
    nets[n]=[tuple(map(int,p)) for p in re.findall(r'COEX\(vecs\[(\d+)\], vecs\[(\d+)\]\)', m.group(1))]
out=['''//! Generated from x86-simd-sort's `xss-optimal-networks.hpp` and `xss-network-qsort.hpp`
//! (`sort_vectors<numVecs>`: the column network, then the bitonic merges) as straight-line
//! code, so every register stays a local as in the C++ template expansion. Do not edit:
//! regenerate with `tools/gen_sort_nets.py` (see its docstring).
#![allow(clippy::all, unused_mut)]
use super::*;
''']
for lanes in (4,8):
    for N in (1,2,4,8,16,32):
        if lanes==4 and N>16: continue
        L=[]
        L.append('#[inline(always)]')
        L.append(f'pub(super) unsafe fn sv{lanes}_{N}<T: Key>(v: &mut [__m256i; {N}]) {{')
        L.append('    unsafe {')
        L.append('        let [' + ', '.join(f'mut v{i}' for i in range(N)) + '] = *v;')
        for a,b in nets[N]:
            L.append(f'        coex::<T>(&mut v{a}, &mut v{b});')
        per=2
        while per<=lanes:
            blk=N
            while blk>1:
                for s in range(0,N,blk):
                    for i in range(s+blk//2, s+blk):
                        L.append(f'        v{i} = reverse_n::<T>(v{i}, {per});')
                    for i in range(blk//2):
                        L.append(f'        coex::<T>(&mut v{s+i}, &mut v{s+blk-1-i});')
                blk//=2
            sc=per
            while sc>1:
                fn='reverse_n' if sc==per else 'swap_n'
                for i in range(N):
                    L.append(f'        {{ let mut o = {fn}::<T>(v{i}, {sc}); coex::<T>(&mut o, &mut v{i}); v{i} = merge_n::<T>(v{i}, o, {sc}); }}')
                sc//=2
            per*=2
        L.append('        *v = [' + ', '.join(f'v{i}' for i in range(N)) + '];')
        L.append('    }')
        L.append('}')
        out.append('\n'.join(L))
open(OUT, 'w').write('\n\n'.join(out)+'\n')
