"""float32/float64 ``min``/``max`` reductions in NumPy's order, compared by bytes.

With signed zeros and NaN payloads the result depends on which operand each comparison
keeps on a tie, so the order of NumPy's loop is the specification
(``crates/oxarray-core/src/kernels/minmax/reduce.rs``): contiguous runs by 8-lane
(float32) or 4-lane (float64) vectors in blocks of 8, strided runs by 8 scalar
accumulators, ties to the second operand.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox

VIEWS = [
    lambda x: x,
    lambda x: x[::2],
    lambda x: x[::-1],
    lambda x: x.reshape(-1, 1)[:, 0],
]


def same(expected: Any, got: Any) -> None:
    e = np.asarray(expected)
    g = np.asarray(got)
    assert g.dtype == e.dtype and g.shape == e.shape
    if _numpy_avx512():
        # NumPy's AVX-512 min/max kernels keep other operands on ties than the AVX2 order
        # oxarray follows (docs/differences.md): compare values, NaN equal to NaN.
        assert np.array_equal(g, e, equal_nan=True), (e, g)
        return
    assert g.tobytes() == e.tobytes(), (e, g)


def _numpy_avx512() -> bool:
    from conftest import numpy_sort_kernel

    return numpy_sort_kernel("float64") == "avx512"


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 7, 8, 9, 16, 31, 32, 33, 63, 64, 65, 100, 257, 1000])
def test_signed_zeros_1d(dtype: str, n: int) -> None:
    rng = np.random.default_rng(n)
    for _ in range(20):
        a = np.where(rng.random(n) < 0.5, -0.0, 0.0).astype(dtype)
        for view in VIEWS:
            v = view(a)
            for name in ("min", "max"):
                same(getattr(np, name)(v), getattr(ox, name)(ox.asarray(v)))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_nan_payloads(dtype: str) -> None:
    rng = np.random.default_rng(7)
    bits = np.dtype(dtype.replace("float", "uint"))
    for n in [3, 9, 40, 100, 300]:
        for _ in range(20):
            a = rng.standard_normal(n).astype(dtype)
            k = rng.integers(0, n, size=rng.integers(1, 3))
            raw = a.view(bits)
            payload = np.array(rng.integers(1, 1000, size=len(k)), dtype=bits)
            nan = np.array(np.nan, dtype=dtype).view(bits)
            raw[k] = (nan | payload) ^ (rng.integers(0, 2, size=len(k)).astype(bits) << (8 * bits.itemsize - 1))
            for view in VIEWS:
                v = view(a)
                for name in ("min", "max"):
                    with np.errstate(all="raise"):
                        expected = getattr(np, name)(v)
                    with ox.errstate(all="raise"):
                        got = getattr(ox, name)(ox.asarray(v))
                    same(expected, got)


@settings(max_examples=60, deadline=None)
@given(
    dtype=st.sampled_from(["float32", "float64"]),
    shape=st.lists(st.integers(1, 12), min_size=1, max_size=3),
    data=st.data(),
)
def test_axes_and_layouts(dtype: str, shape: list[int], data: Any) -> None:
    n = int(np.prod(shape))
    vals = data.draw(st.lists(st.sampled_from([0.0, -0.0, 1.0, -1.0, np.nan]), min_size=n, max_size=n))
    a = np.array(vals, dtype=dtype).reshape(shape)
    if data.draw(st.booleans()):
        a = a.T
    if data.draw(st.booleans()):
        a = a[..., ::-1]
    axis = data.draw(st.sampled_from([None, *range(a.ndim)]))
    for name in ("min", "max"):
        with np.errstate(all="ignore"):
            expected = getattr(np, name)(a, axis=axis)
        same(expected, getattr(ox, name)(ox.asarray(a), axis=axis))


@pytest.mark.parametrize("threads", [1, 2])
def test_large_and_threads(threads: int) -> None:
    rng = np.random.default_rng(3)
    a = np.where(rng.random(300_001) < 0.5, -0.0, 0.0)
    with ox.num_threads(threads):
        for dtype in ["float32", "float64"]:
            v = a.astype(dtype)
            for name in ("min", "max"):
                same(getattr(np, name)(v), getattr(ox, name)(ox.asarray(v)))
                m = v[:300_000].reshape(300, 1000)
                for axis in (0, 1):
                    same(getattr(np, name)(m, axis=axis), getattr(ox, name)(ox.asarray(m), axis=axis))


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("n", [1_000_003, 2_097_157])
def test_split_runs(threads: int, n: int) -> None:
    """Full reductions long enough to be split over threads (parts of 65536 items):
    signed zeros, ties, and NaNs with payloads at a part boundary, in the middle and in
    the tail give NumPy's bits at every thread count."""
    rng = np.random.default_rng(n)
    zeros = np.where(rng.random(n) < 0.5, -0.0, 0.0)
    ties = rng.integers(-2, 1, n).astype(np.float64) * np.where(rng.random(n) < 0.5, -1.0, 1.0)
    with ox.num_threads(threads):
        for dtype, payload in [("float32", 0x7FC0_0123), ("float64", 0x7FF8_0000_0000_0123)]:
            nan = np.array([payload], dtype="u4" if dtype == "float32" else "u8").view(dtype)[0]
            for base in (zeros, ties):
                for where in (None, 65536, n // 2 + 1, n - 1):
                    v = base.astype(dtype)
                    if where is not None:
                        v[where] = nan
                    for name in ("min", "max"):
                        with np.errstate(all="ignore"):
                            expected = getattr(np, name)(v)
                        same(expected, getattr(ox, name)(ox.asarray(v)))
