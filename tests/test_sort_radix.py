"""The MSD radix sort's boundaries against NumPy's stable sort, bit for bit: sizes around
the insertion-sort (24), comparison-sort (64) and bucket-cap (256 KiB) thresholds; data
that stresses the value buckets of floats (wide exponent ranges, infinities, one outlier,
NaN payloads, ±0, many duplicates); non-contiguous lanes; sort, argsort and unique."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from conftest import assert_sorted_like

DTYPES = ["float64", "float32", "float16", "int64", "int32", "int16", "int8",
          "uint64", "uint32", "uint16", "uint8", "bool"]
SIZES = st.one_of(st.integers(0, 80), st.integers(240, 300), st.integers(1000, 1100),
                  st.sampled_from([4095, 4096, 4097, 32767, 32768, 32769, 70_000]))
KINDS = ["normal", "wide", "outlier", "dups", "specials", "sorted", "reversed"]


def make(dtype, n, kind, rng):
    dt = np.dtype(dtype)
    if dt.kind == "b":
        return rng.integers(0, 2, n).astype(np.bool_)
    if kind == "dups":
        v = rng.integers(-3, 4, n).astype(np.float64)
    elif kind == "wide":
        v = rng.choice([-1.0, 1.0], n) * 10.0 ** rng.uniform(-300, 300, n)
    elif kind == "outlier":
        v = rng.standard_normal(n)
        if n:
            v[rng.integers(0, n)] = 1e300
    else:
        v = rng.standard_normal(n) * (1000 if dt.kind in "iu" else 1)
    if kind == "sorted":
        v = np.sort(v)
    elif kind == "reversed":
        v = np.sort(v)[::-1]
    if dt.kind in "iu":
        info = np.iinfo(dt)
        if kind == "wide":
            return rng.integers(info.min, info.max, n, endpoint=True, dtype=dt)
        return np.clip(np.nan_to_num(v), info.min // 2, info.max // 2).astype(dt)
    with np.errstate(over="ignore"):
        out = v.astype(dt)
    if kind == "specials" and n:
        bits = out.view(f"u{dt.itemsize}")
        pick = rng.random(n) < 0.3
        specials = np.array([np.nan, -np.nan, np.inf, -np.inf, -0.0, 0.0], dt)
        out[pick] = rng.choice(specials, int(pick.sum()))
        # NaNs with payloads: their order (input order) must survive.
        nanpick = pick & (rng.random(n) < 0.2)
        top = np.array(np.nan, dt).view(bits.dtype)
        bits[nanpick] = top | rng.integers(1, 4, int(nanpick.sum())).astype(bits.dtype)
    return out


def bits(a):
    a = np.ascontiguousarray(np.asarray(a))
    return a.view(f"u{a.dtype.itemsize}") if a.dtype.kind != "b" else a.view(np.uint8)


@settings(max_examples=60, deadline=None)
@given(dtype=st.sampled_from(DTYPES), n=SIZES, kind=st.sampled_from(KINDS),
       seed=st.integers(0, 2**32 - 1), step=st.sampled_from([1, 1, 2, -1]))
def test_sort_argsort_match_numpy_stable(dtype, n, kind, seed, step):
    rng = np.random.default_rng(seed)
    base = make(dtype, n * abs(step), kind, rng)
    a = base[::step]
    oa = ox.asarray(base)[::step]
    expect = np.sort(a, kind="stable")
    if np.dtype(dtype).kind == "b":
        expect = expect.astype(np.uint8).astype(np.bool_)
    np.testing.assert_array_equal(bits(ox.sort(oa, kind="stable")), bits(expect))
    np.testing.assert_array_equal(np.asarray(ox.argsort(oa)), np.argsort(a, kind="stable"))
    np.testing.assert_array_equal(np.asarray(ox.argsort(oa, kind="stable")),
                                  np.argsort(a, kind="stable"))
    m = oa.copy()
    m.sort(kind="stable")
    np.testing.assert_array_equal(bits(m), bits(expect))


@settings(max_examples=30, deadline=None)
@given(dtype=st.sampled_from(["float64", "float32", "int64", "int32"]), n=SIZES,
       kind=st.sampled_from(KINDS), seed=st.integers(0, 2**32 - 1))
def test_sort_axis0_lanes_and_unique(dtype, n, kind, seed):
    rng = np.random.default_rng(seed)
    a = make(dtype, 2 * n, kind, rng).reshape(n, 2)
    oa = ox.asarray(a)
    np.testing.assert_array_equal(bits(ox.sort(oa, axis=0, kind="stable")),
                                  bits(np.sort(a, axis=0, kind="stable")))
    assert_sorted_like(ox.sort(oa, axis=0), np.sort(a, axis=0), axis=0)
    np.testing.assert_array_equal(np.asarray(ox.argsort(oa, axis=0)),
                                  np.argsort(a, axis=0, kind="stable"))
    u = np.unique(a)
    ou = np.asarray(ox.unique(oa))
    assert ou.shape == u.shape
    np.testing.assert_array_equal(ou, u)


def test_large_every_kind_and_dtype():
    rng = np.random.default_rng(5)
    for dtype in ["float64", "float32", "float16", "int64", "uint32", "int16"]:
        for kind in KINDS:
            a = make(dtype, 300_000, kind, rng)
            oa = ox.asarray(a)
            np.testing.assert_array_equal(bits(ox.sort(oa, kind="stable")),
                                          bits(np.sort(a, kind="stable")))
            if dtype in ("float32", "float64"):
                assert_sorted_like(ox.sort(oa), np.sort(a))
            else:
                np.testing.assert_array_equal(bits(ox.sort(oa)), bits(np.sort(a, kind="stable")))
            np.testing.assert_array_equal(np.asarray(ox.argsort(oa)), np.argsort(a, kind="stable"))
