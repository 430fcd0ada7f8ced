"""Sorting, searching and set workloads for ``benches/compare.py`` (issue 10, items 1-3),
at 1e3 and 1e6 elements: the same random data handed to NumPy and to oxarray.

``workloads()`` yields ``(name, n, numpy_callable, oxarray_callable)``.
"""

import numpy as np

import oxarray as ox

SIZES = [1_000, 1_000_000]


def workloads():
    rng = np.random.default_rng(0)
    for n in SIZES:
        f64 = rng.standard_normal(n)
        f32 = f64.astype(np.float32)
        i64 = rng.integers(-(2**62), 2**62, n)
        many = rng.integers(0, 100, n)  # unique: many repeats
        few = rng.standard_normal(n)  # unique: few repeats
        o = {k: ox.asarray(v) for k, v in
             dict(f64=f64, f32=f32, i64=i64, many=many, few=few).items()}
        yield "sort float64", n, lambda: np.sort(f64), lambda: ox.sort(o["f64"])
        yield "sort int64", n, lambda: np.sort(i64), lambda: ox.sort(o["i64"])
        yield "sort float32", n, lambda: np.sort(f32), lambda: ox.sort(o["f32"])
        # many duplicates: 1000 distinct values (own generator: the other rows' data
        # stay as they were)
        drng = np.random.default_rng(1)
        d_i32 = drng.integers(0, 1000, n).astype(np.int32)
        d_f32 = drng.standard_normal(1000).astype(np.float32)[drng.integers(0, 1000, n)]
        od_i32, od_f32 = ox.asarray(d_i32), ox.asarray(d_f32)
        yield ("sort int32 (1000 distinct)", n, lambda: np.sort(d_i32),
               lambda: ox.sort(od_i32))
        yield ("sort float32 (1000 distinct)", n, lambda: np.sort(d_f32),
               lambda: ox.sort(od_f32))
        yield "argsort float64", n, lambda: np.argsort(f64), lambda: ox.argsort(o["f64"])
        yield ("argsort int64 stable", n, lambda: np.argsort(i64, kind="stable"),
               lambda: ox.argsort(o["i64"], kind="stable"))
        k = n // 2
        yield "partition median", n, lambda: np.partition(f64, k), lambda: ox.partition(o["f64"], k)
        ks = [n // 20, n // 2, n - n // 20 - 1]
        yield ("partition 3 kth", n, lambda: np.partition(f64, ks),
               lambda: ox.partition(o["f64"], ks))
        yield "unique int64 (many repeats)", n, lambda: np.unique(many), lambda: ox.unique(o["many"])
        yield "unique float64 (few repeats)", n, lambda: np.unique(few), lambda: ox.unique(o["few"])
        hay = np.sort(f64)
        ohay = ox.asarray(hay)
        needles = rng.standard_normal(1_000_000)
        oneedles = ox.asarray(needles)
        yield ("searchsorted 1e6 needles", n, lambda: np.searchsorted(hay, needles),
               lambda: ox.searchsorted(ohay, oneedles))
        test = rng.integers(0, 2 * n, n // 10 + 1)
        otest = ox.asarray(test)
        elem = rng.integers(0, 2 * n, n)
        oelem = ox.asarray(elem)
        yield "isin int64", n, lambda: np.isin(elem, test), lambda: ox.isin(oelem, otest)
        ftest = rng.standard_normal(n // 10 + 1)
        oftest = ox.asarray(ftest)
        yield "isin float64", n, lambda: np.isin(f64, ftest), lambda: ox.isin(o["f64"], oftest)
