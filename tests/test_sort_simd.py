"""The port of x86-simd-sort's AVX2 quicksort/quickselect (NumPy's unstable sort and
single-kth partition of 32/64-bit ints and floats) against NumPy, bit for bit: the
position (and count) of -0.0/+0.0 the networks leave, NaN (any payload or sign) written
back as the default quiet NaN, sizes around the network thresholds (64 elements for 64-bit
keys, 256 for 32-bit), the partition unroll thresholds, near-constant and two-valued
inputs (the pivot special cases), the libstdc++ std::sort fallback that quickselect reaches
on long runs of equal keys; strided, negative-stride and axis lanes; in-place sort; one vs
two threads. Bit for bit where NumPy runs these AVX2 kernels too; on a CPU where it
runs x86-simd-sort's AVX-512 kernels (or where oxarray runs its generic kernels), up to the
order of equal keys (conftest.numpy_order_reproduced, docs/differences.md). On an AVX-512
machine, NPY_DISABLE_CPU_FEATURES="X86_V4 AVX512_ICL AVX512_SPR" puts NumPy on its AVX2
kernels and these tests back to bit for bit."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from conftest import assert_partitioned_like, assert_sorted_like

DTYPES = ["float64", "float32", "int64", "int32", "uint64", "uint32"]
UINT = {8: np.uint64, 4: np.uint32}
SIZES = st.one_of(st.integers(0, 300), st.integers(380, 1100),
                  st.sampled_from([4095, 4097, 10_000, 20_011]))
KINDS = ["normal", "dups", "zeros", "specials", "sorted", "reversed", "const", "two",
         "nearconst"]

def make(dtype, n, kind, rng):
    dt = np.dtype(dtype)
    if kind == "dups":
        v = rng.integers(-3, 4, n).astype(np.float64)
    elif kind == "zeros":
        v = rng.integers(-2, 3, n).astype(np.float64)
        v[v == 0] = 0.0
        if dt.kind == "f":
            v[rng.random(n) < 0.5] *= -1.0
            m = rng.random(n) < 0.4
            v[m] = rng.choice([0.0, -0.0], int(m.sum()))
    elif kind == "specials":
        v = rng.choice([0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan, 2.5], n)
    elif kind == "const":
        v = np.full(n, 7.0)
    elif kind == "two":
        v = rng.choice([3.0, 5.0], n)
    elif kind == "nearconst":
        v = np.full(n, 1.0)
        if n:
            v[rng.integers(0, n, 3)] = rng.standard_normal(3)
    else:
        v = rng.standard_normal(n) * (1000 if dt.kind in "iu" else 1)
    if kind == "sorted":
        v = np.sort(v)
    elif kind == "reversed":
        v = np.sort(v)[::-1]
    if dt.kind == "u":
        v = np.where(np.isfinite(v), np.abs(v), 9.0)
        return v.astype(dt)
    if dt.kind == "i":
        return np.where(np.isfinite(v), v, 9.0).astype(dt)
    v = v.astype(dt)
    if dt.kind == "f" and kind == "specials" and n:
        # NaN payloads and a negative NaN: NumPy writes every NaN back as the default NaN
        bits = v.view(UINT[dt.itemsize])
        nan = np.isnan(v)
        one = UINT[dt.itemsize](1)
        bits[nan] |= one
        sign = UINT[dt.itemsize](1) << UINT[dt.itemsize](8 * dt.itemsize - 1)
        bits[nan & (rng.random(n) < 0.3)] |= sign
    return v


def same_bits(expected, got):
    """Bit for bit on every CPU: kind='stable' results, one vs two threads."""
    e = np.asarray(expected)
    g = np.asarray(got)
    assert e.dtype == g.dtype and e.shape == g.shape
    u = UINT.get(e.dtype.itemsize, e.dtype) if e.dtype.kind == "f" else e.dtype
    assert np.array_equal(e.view(u), g.view(u)), np.nonzero(e.view(u) != g.view(u))[0][:10]


@settings(max_examples=250, deadline=None)
@given(st.sampled_from(DTYPES), SIZES, st.sampled_from(KINDS), st.integers(0, 2**32 - 1))
def test_sort_bits(dtype, n, kind, seed):
    a = make(dtype, n, kind, np.random.default_rng(seed))
    assert_sorted_like(ox.sort(ox.asarray(a)), np.sort(a))
    assert_sorted_like(ox.sort(ox.asarray(a), kind="heapsort"), np.sort(a, kind="quicksort"))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(DTYPES), SIZES, st.sampled_from(KINDS), st.integers(0, 2**32 - 1),
       st.floats(0, 1))
def test_partition_bits(dtype, n, kind, seed, q):
    if n == 0:
        return
    a = make(dtype, n, kind, np.random.default_rng(seed))
    k = min(int(q * n), n - 1)
    got = ox.partition(ox.asarray(a), k)
    assert_partitioned_like(got, np.partition(a, k), k)
    g = np.asarray(got)
    # the partition property, independent of the bit check
    s = np.sort(a)
    assert np.array_equal(g[k], s[k], equal_nan=True)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", list(range(1, 70)) + [127, 128, 129, 255, 256, 257, 511, 513])
def test_network_sizes(dtype, n):
    rng = np.random.default_rng(n)
    for kind in ("normal", "zeros", "specials"):
        a = make(dtype, n, kind, rng)
        assert_sorted_like(ox.sort(ox.asarray(a)), np.sort(a))
        k = n // 2
        assert_partitioned_like(ox.partition(ox.asarray(a), k), np.partition(a, k), k)


@pytest.mark.parametrize("dtype", DTYPES)
def test_large_and_threads(dtype):
    rng = np.random.default_rng(5)
    for kind in ("normal", "zeros", "dups"):
        a = make(dtype, 1_000_000 if kind == "normal" else 300_000, kind, rng)
        oa = ox.asarray(a)
        with ox.num_threads(1):
            one = np.asarray(ox.sort(oa))
        with ox.num_threads(2):
            two = np.asarray(ox.sort(oa))
        u = UINT[a.dtype.itemsize]
        assert np.array_equal(one.view(u), two.view(u))
        assert_sorted_like(two, np.sort(a))
        k = a.size // 3
        assert_partitioned_like(ox.partition(oa, k), np.partition(a, k), k)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(DTYPES), st.integers(1, 400), st.sampled_from([-3, -1, 2, 3]),
       st.sampled_from(KINDS), st.integers(0, 2**32 - 1))
def test_strided(dtype, n, step, kind, seed):
    a = make(dtype, n * abs(step), kind, np.random.default_rng(seed))
    assert_sorted_like(ox.sort(ox.asarray(a)[::step]), np.sort(a[::step]))
    k = (n - 1) // 2
    assert_partitioned_like(ox.partition(ox.asarray(a)[::step], k), np.partition(a[::step], k), k)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("axis", [0, 1, -1, None])
def test_axis_2d(dtype, axis):
    a = make(dtype, 130 * 70, "zeros" if dtype.startswith("f") else "normal",
             np.random.default_rng(3)).reshape(130, 70)
    assert_sorted_like(ox.sort(ox.asarray(a), axis=axis), np.sort(a, axis=axis), axis=axis)
    if axis is not None:
        assert_partitioned_like(ox.partition(ox.asarray(a), 40, axis=axis),
                                np.partition(a, 40, axis=axis), 40, axis=axis)
        t = a.T  # non-contiguous lanes
        assert_sorted_like(ox.sort(ox.asarray(a).T, axis=axis), np.sort(t, axis=axis), axis=axis)


@pytest.mark.parametrize("dtype", DTYPES)
def test_inplace_method(dtype):
    rng = np.random.default_rng(11)
    for kind in ("normal", "specials", "zeros"):
        a = make(dtype, 3000, kind, rng)
        b = a.copy()
        ob = ox.asarray(a.copy())
        b.sort()
        ob.sort()
        assert_sorted_like(ob, b)
        b = a.copy()
        ob = ox.asarray(a.copy())
        b.partition(1234)
        ob.partition(1234)
        assert_partitioned_like(ob, b, 1234)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_unique_follows_sort(dtype):
    rng = np.random.default_rng(2)
    for kind in ("zeros", "specials", "normal"):
        a = make(dtype, 5000, kind, rng)
        assert_sorted_like(ox.unique(ox.asarray(a)), np.unique(a))
        assert_sorted_like(ox.unique(ox.asarray(a), equal_nan=False), np.unique(a, equal_nan=False))


def test_stable_kind_unchanged():
    # kind='stable' keeps the radix sort (stable order of ±0), as NumPy's radix/timsort
    a = np.array([0.0, -0.0, 1.0, -0.0, 0.0] * 50)
    same_bits(np.sort(a, kind="stable"), ox.sort(ox.asarray(a), kind="stable"))
    same_bits(np.argsort(a, kind="stable"), ox.argsort(ox.asarray(a), kind="stable"))


INT_DTYPES = ["int64", "int32", "uint64", "uint32"]


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(INT_DTYPES), st.integers(4000, 20_000), st.integers(1, 12_000),
       st.booleans(), st.integers(0, 2**32 - 1))
def test_small_range_ints(dtype, n, span, extremes, seed):
    # the counting sort of small-range integers (range below n/2) and its edge: the
    # result must be NumPy's; with `extremes` the values sit at the type's min or max
    rng = np.random.default_rng(seed)
    info = np.iinfo(dtype)
    base = info.min if extremes and seed % 2 else (info.max - span if extremes else 0)
    a = rng.integers(0, span + 1, n).astype(dtype) + np.array(base, dtype=dtype)
    assert a.dtype == np.dtype(dtype)
    assert_sorted_like(ox.sort(ox.asarray(a)), np.sort(a))
    assert_sorted_like(ox.sort(ox.asarray(a)[::-3]), np.sort(a[::-3]))
    with ox.num_threads(1):
        assert_sorted_like(ox.sort(ox.asarray(a)), np.sort(a))
    b = a.reshape(-1, 2) if n % 2 == 0 else a[:-1].reshape(-1, 2)
    assert_sorted_like(ox.sort(ox.asarray(b), axis=0), np.sort(b, axis=0), axis=0)


@pytest.mark.parametrize("dtype", INT_DTYPES)
def test_small_range_ints_large(dtype):
    rng = np.random.default_rng(5)
    for n, span in [(1_000_000, 1000), (300_000, 149_999), (300_000, 150_000), (4096, 1)]:
        a = rng.integers(0, span + 1, n).astype(dtype)
        for threads in (1, 2):
            with ox.num_threads(threads):
                assert_sorted_like(ox.sort(ox.asarray(a)), np.sort(a))
        b = a.copy()
        ob = ox.asarray(a)
        b.sort()
        ob.sort()
        assert_sorted_like(ob, b)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["float64", "float32"]), SIZES, st.sampled_from(KINDS),
       st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_unique_bits(dtype, n, kind, step, seed):
    # unique of floats (sort, then the first of every run; NaNs as the default NaN)
    a = make(dtype, n, kind, np.random.default_rng(seed))
    assert_sorted_like(ox.unique(ox.asarray(a)[::step]), np.unique(a[::step]))
    assert_sorted_like(ox.unique(ox.asarray(a)[::-step], equal_nan=False),
                       np.unique(a[::-step], equal_nan=False))


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_unique_large_threads(dtype):
    rng = np.random.default_rng(9)
    for kind in ("normal", "specials", "zeros"):
        a = make(dtype, 300_000, kind, rng)
        for threads in (1, 2):
            with ox.num_threads(threads):
                assert_sorted_like(ox.unique(ox.asarray(a)), np.unique(a))


def few_distinct(dtype, n, distinct, specials, rng):
    """`n` elements drawn from `distinct` values (floats: with ±0, ±inf and NaN among
    them when `specials`): the near-constant pivot path (`get_pivot_near_constant`) runs
    on every range that comes down to one or two values."""
    dt = np.dtype(dtype)
    if dt.kind == "f":
        vals = rng.standard_normal(distinct)
        if specials:
            extra = np.array([0.0, -0.0, np.inf, -np.inf, np.nan])
            vals = np.concatenate([vals[: max(distinct - 5, 0)], extra])[:distinct]
    else:
        vals = rng.integers(-1000, 1000, distinct)
        if dt.kind == "u":
            vals = np.abs(vals)
    return vals.astype(dt)[rng.integers(0, distinct, n)]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(DTYPES), st.sampled_from([300, 2_000, 5_003, 30_000, 100_000]),
       st.sampled_from([1, 2, 3, 5, 17, 100, 1000]), st.booleans(), st.integers(0, 2**32 - 1))
def test_few_distinct_bits(dtype, n, distinct, specials, seed):
    a = few_distinct(dtype, n, distinct, specials, np.random.default_rng(seed))
    oa = ox.asarray(a)
    for threads in (1, 2):
        with ox.num_threads(threads):
            assert_sorted_like(ox.sort(oa), np.sort(a))
            assert_sorted_like(ox.sort(oa[::-2]), np.sort(a[::-2]))
    same_bits(np.sort(a, kind="stable"), ox.sort(oa, kind="stable"))
    same_bits(np.argsort(a, kind="stable"), ox.argsort(oa, kind="stable"))
    assert_partitioned_like(ox.partition(oa, n // 3), np.partition(a, n // 3), n // 3)
    b = a.reshape(-1, 100) if n % 100 == 0 else a[: n - n % 100].reshape(-1, 100)
    for axis in (0, 1):
        assert_sorted_like(ox.sort(ox.asarray(b), axis=axis), np.sort(b, axis=axis), axis=axis)


@pytest.mark.parametrize("n", range(0, 301))
def test_float32_every_length(n):
    # every length through the 32-bit networks (256) and the first partitions above them
    rng = np.random.default_rng(1000 + n)
    for kind in ("normal", "specials", "zeros", "dups", "nearconst"):
        a = make("float32", n, kind, rng)
        oa = ox.asarray(a)
        assert_sorted_like(ox.sort(oa), np.sort(a))
        same_bits(np.sort(a, kind="stable"), ox.sort(oa, kind="stable"))
    a = few_distinct("float32", 2 * n, 3, True, rng)
    assert_sorted_like(ox.sort(ox.asarray(a)[::2]), np.sort(a[::2]))


def test_few_distinct_large_float32():
    # the bench's case: 1e6 float32 drawn from 1000 values, at one and two threads
    rng = np.random.default_rng(1)
    a = rng.standard_normal(1000).astype(np.float32)[rng.integers(0, 1000, 1_000_000)]
    a[rng.integers(0, a.size, 50)] = -0.0
    a[rng.integers(0, a.size, 50)] = 0.0
    a[rng.integers(0, a.size, 5)] = np.nan
    oa = ox.asarray(a)
    for threads in (1, 2):
        with ox.num_threads(threads):
            assert_sorted_like(ox.sort(oa), np.sort(a))


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_unique_single_nan_keeps_payload(dtype):
    # x86-simd-sort leaves a lane of one element alone: NumPy's unique of one NaN keeps its
    # payload and sign; from two elements on, the sort writes the default NaN back
    u = UINT[np.dtype(dtype).itemsize]
    for n in (1, 2):
        a = np.full(n, np.nan, dtype)
        a.view(u)[:] |= u(1) | (u(1) << u(8 * a.itemsize - 1))
        assert_sorted_like(ox.unique(ox.asarray(a)), np.unique(a))
        assert_sorted_like(ox.unique(ox.asarray(a), equal_nan=False), np.unique(a, equal_nan=False))
