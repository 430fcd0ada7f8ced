"""Sums of runs long enough for the prefetching pairwise kernel (1 MiB and more) are
bit-identical to NumPy's, at one and two threads, contiguous, reversed and strided, and
through the fused mean/var paths (the prefetch changes only which lines are asked for
early, never the additions or their order)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox

VIEWS = {
    "contiguous": lambda x: x,
    "reversed": lambda x: x[::-1],
    "step2": lambda x: x[::2],
    "step-3": lambda x: x[::-3],
}


def same_bytes(expected, got) -> None:
    e = np.asarray(expected)
    g = np.asarray(got)
    assert g.dtype == e.dtype and g.shape == e.shape
    assert g.tobytes() == e.tobytes(), (g.ravel()[:3], e.ravel()[:3])


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["float64", "float32", "float16"]),
       st.integers(100_000, 700_000), st.sampled_from(list(VIEWS)),
       st.sampled_from([1.0, 1e-3, 1e6]), st.integers(0, 2**32 - 1))
def test_long_sums_bits(dtype, n, view, scale, seed):
    rng = np.random.default_rng(seed)
    if dtype == "float16":
        scale = min(scale, 1.0)  # float16 tops out at 65504
    a = (rng.standard_normal(n) * scale).astype(dtype)
    v = VIEWS[view]
    expected = {
        "sum": np.sum(v(a)),
        "mean": np.mean(v(a)),
        "add.reduce": np.add.reduce(v(a)),
    }
    for threads in (1, 2):
        with ox.num_threads(threads):
            oa = v(ox.asarray(a))
            same_bytes(expected["sum"], ox.sum(oa))
            same_bytes(expected["mean"], ox.mean(oa))
            same_bytes(expected["add.reduce"], ox.add.reduce(oa))


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(["float64", "float32"]), st.integers(140_000, 400_000),
       st.integers(0, 2**32 - 1))
def test_long_var_std_bits(dtype, n, seed):
    a = np.random.default_rng(seed).standard_normal(n).astype(dtype) + 3
    for threads in (1, 2):
        with ox.num_threads(threads):
            oa = ox.asarray(a)
            same_bytes(np.var(a), ox.var(oa))
            same_bytes(np.std(a[::-1]), ox.std(oa[::-1]))


def test_long_rows_bits():
    # axis=1: one long run per row; axis=0: row-by-row adds (no pairwise tree)
    a = np.random.default_rng(7).standard_normal((3, 300_001))
    for threads in (1, 2):
        with ox.num_threads(threads):
            oa = ox.asarray(a)
            same_bytes(np.sum(a, axis=1), ox.sum(oa, axis=1))
            same_bytes(np.sum(a.T, axis=0), ox.sum(oa.T, axis=0))
            same_bytes(np.sum(a), ox.sum(oa))
