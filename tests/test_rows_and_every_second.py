"""Two kernel paths checked byte for byte against NumPy, at one and two threads:

- reductions of the inner run alone (`sum(A, axis=-1)`, `max(axis=1)`, integer sums,
  in-order products, masked `where=`): split over threads in parts of whole rows, each
  row's pairwise sum the same call as at one thread;
- copies of every second item into a contiguous result (`a[::2].copy()`, `a[1:-1:2]`,
  `astype` of such a view into its own dtype): the AVX2 shuffle kernel for 4- and 8-byte
  items, with the generic loop for every other stride (negative ones included).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox


def same_bytes(expected, got) -> None:
    e = np.asarray(expected)
    g = np.asarray(got)
    assert g.dtype == e.dtype and g.shape == e.shape, (g.dtype, e.dtype, g.shape, e.shape)
    assert g.tobytes() == e.tobytes(), (g.ravel()[:4], e.ravel()[:4])


def _data(shape, dtype, seed):
    rng = np.random.default_rng(seed)
    if np.dtype(dtype).kind == "f":
        # Magnitudes over many decades: a different addition order changes the bits.
        x = rng.standard_normal(shape) * 10.0 ** rng.uniform(-6, 6, shape)
        return x.astype(dtype)
    info = np.iinfo(dtype)
    return rng.integers(max(info.min, -1000), min(info.max, 1000), shape, endpoint=True).astype(dtype)


# --- reductions of the inner run, split by rows ---------------------------------------


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("shape", [(3000, 700), (700, 3000), (20000, 40), (5, 400000), (90, 30, 1000)])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_inner_axis_sums_bits(threads, shape, dtype):
    a = _data(shape, dtype, 1)
    oa = ox.asarray(a)
    with ox.num_threads(threads):
        same_bytes(a.sum(axis=-1), oa.sum(axis=-1))
        same_bytes(np.add.reduce(a, axis=-1, keepdims=True), ox.add.reduce(oa, axis=-1, keepdims=True))
        same_bytes(a.max(axis=-1), oa.max(axis=-1))
        same_bytes(a[..., ::3].sum(axis=-1), oa[..., ::3].sum(axis=-1))
        same_bytes(a[..., ::-1].sum(axis=-1), oa[..., ::-1].sum(axis=-1))
        # In-order (not reorderable) products: each row still in order.
        p = (1 + np.tanh(a) * 0.01).astype(dtype)
        same_bytes(np.multiply.reduce(p, axis=-1), ox.multiply.reduce(ox.asarray(p), axis=-1))


@pytest.mark.parametrize("threads", [1, 2])
def test_inner_axis_reductions_other_dtypes_and_where(threads):
    a = _data((4000, 300), "int32", 2)
    oa = ox.asarray(a)
    f = _data((4000, 300), "float64", 3)
    of = ox.asarray(f)
    mask = np.random.default_rng(4).random((4000, 300)) > 0.3
    om = ox.asarray(mask)
    with ox.num_threads(threads):
        same_bytes(a.sum(axis=1), oa.sum(axis=1))
        same_bytes(a.sum(axis=1, dtype=np.float32), oa.sum(axis=1, dtype=ox.float32))
        same_bytes(np.bitwise_xor.reduce(a, axis=1), ox.bitwise_xor.reduce(oa, axis=1))
        same_bytes(f.sum(axis=1, where=mask), of.sum(axis=1, where=om))
        same_bytes(f.astype(np.float32).sum(axis=1, dtype=np.float64),
                   ox.asarray(f.astype(np.float32)).sum(axis=1, dtype=ox.float64))
        # Reductions over an outer axis too (not split this way) stay exact.
        g = f.reshape(40, 100, 300)
        og = ox.asarray(g)
        same_bytes(g.sum(axis=(0, 2)), og.sum(axis=(0, 2)))
        same_bytes(g.sum(axis=0), og.sum(axis=0))


@pytest.mark.parametrize("threads", [1, 2])
def test_inner_axis_reduction_flags(threads):
    a = np.full((3000, 400), 1e308)
    a[1777, 5] = np.inf
    a[2999, 0] = -np.inf
    oa = ox.asarray(a)
    with ox.num_threads(threads):
        with np.errstate(all="raise"):
            with pytest.raises(FloatingPointError):
                a.sum(axis=1)
        with ox.errstate(all="raise"):
            with pytest.raises(FloatingPointError):
                oa.sum(axis=1)
        with np.errstate(all="ignore"):
            e = a.sum(axis=1)
        with ox.errstate(all="ignore"):
            g = oa.sum(axis=1)
        same_bytes(e, g)


@settings(max_examples=30, deadline=None)
@given(
    rows=st.integers(0, 300),
    cols=st.integers(0, 300),
    scale=st.sampled_from([1, 40]),
    dtype=st.sampled_from(["float64", "float32", "int64", "int16"]),
    step=st.sampled_from([1, 2, -1, -3]),
    threads=st.sampled_from([1, 2]),
    seed=st.integers(0, 2**32 - 1),
)
def test_inner_axis_sum_hypothesis(rows, cols, scale, dtype, step, threads, seed):
    a = _data((rows * scale, cols + 1), dtype, seed)[:, 1:][:, ::step]
    oa = ox.asarray(a)
    with ox.num_threads(threads):
        same_bytes(a.sum(axis=1), oa.sum(axis=1))
        if a.size:
            same_bytes(a.min(axis=1), oa.min(axis=1))


# --- copies of every second item ------------------------------------------------------

DTYPES = ["float64", "float32", "int64", "int32", "uint32", "complex64", "int16", "uint8"]


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(0, 300),
    start=st.integers(0, 5),
    step=st.sampled_from([2, -2, 3, -1, 4]),
    dtype=st.sampled_from(DTYPES),
    misalign=st.booleans(),
    threads=st.sampled_from([1, 2]),
    seed=st.integers(0, 2**32 - 1),
)
def test_every_second_copy_hypothesis(n, start, step, dtype, misalign, threads, seed):
    base = np.frombuffer(
        np.random.default_rng(seed).bytes((n + 8) * 8 + 1), dtype=np.uint8
    )
    item = np.dtype(dtype).itemsize
    count = (len(base) - 1) // item
    # A start one byte off the item alignment when asked (unaligned loads).
    raw = base[1 : 1 + count * item] if misalign else base[: count * item]
    a = raw.view(dtype)
    oa = ox.asarray(a.copy()) if misalign else ox.asarray(a)
    if misalign:
        # An oxarray view with the same unaligned start.
        oraw = ox.asarray(base)[1 : 1 + count * item]
        oa = oraw.view(dtype)
    sl = slice(start, None, step) if step > 0 else slice(len(a) - 1 - start, None, step)
    with ox.num_threads(threads):
        same_bytes(a[sl].copy(), oa[sl].copy())
        same_bytes(np.ascontiguousarray(a[sl]), ox.ascontiguousarray(oa[sl]))
        same_bytes(a[sl].astype(dtype), oa[sl].astype(dtype))


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("dtype", ["float64", "float32", "int64", "int32"])
@pytest.mark.parametrize("n", [1_000_001, 2_000_000, 4_000_003])
def test_every_second_copy_large(threads, dtype, n):
    # NaN payloads and signalling NaNs pass through as bits.
    a = np.frombuffer(np.random.default_rng(n).bytes(n * np.dtype(dtype).itemsize), dtype=dtype)
    oa = ox.asarray(a)
    with ox.num_threads(threads):
        for sl in [slice(None, None, 2), slice(1, -1, 2), slice(1, None, 2), slice(None, None, -2)]:
            same_bytes(a[sl].copy(), oa[sl].copy())
        # Two columns of a (m, 2) array: each column is every second item.
        m = n // 2
        b = a[: 2 * m].reshape(m, 2)
        ob = oa[: 2 * m].reshape(m, 2)
        same_bytes(b[:, 1].copy(), ob[:, 1].copy())
        same_bytes(b.T.copy(), ob.T.copy())
