"""Sorting and searching against NumPy: sort/argsort (function and method), partition,
argpartition, lexsort, sort_complex, searchsorted, digitize, nanargmax/nanargmin."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import oxarray as ox
from conftest import ALL_DTYPES, assert_same, assert_sorted_like, raises_like

SPECIALS = [np.nan, -np.nan, np.inf, -np.inf, -0.0, 0.0, 1.0, -1.0]


def sample(dtype, shape, rng, repeats=False, specials=True):
    """Random data of `dtype` and `shape` with duplicates and NaN/inf/-0.0 placements."""
    dt = np.dtype(dtype)
    n = int(np.prod(shape))
    if dt.kind == "b":
        return rng.integers(0, 2, n).astype(dt).reshape(shape)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        if repeats:
            v = rng.integers(max(info.min, -3), min(info.max, 3) + 1, n)
        else:
            v = rng.integers(info.min, info.max, n, endpoint=True, dtype=dt)
        return v.astype(dt).reshape(shape)
    base = rng.integers(-3, 4, n).astype(np.float64) if repeats else rng.standard_normal(n) * 100
    if specials and n:
        pick = rng.random(n) < 0.25
        base[pick] = rng.choice(SPECIALS, int(pick.sum()))
    if dt.kind == "c":
        im = rng.integers(-2, 3, n).astype(np.float64)
        if specials and n:
            pick = rng.random(n) < 0.2
            im[pick] = rng.choice(SPECIALS, int(pick.sum()))
        return _cplx(base, im, dt, shape)
    with np.errstate(over="ignore"):
        return base.astype(dt).reshape(shape)


def _cplx(re, im, dt, shape):
    out = np.empty(re.shape, dt)
    out.real = re
    out.imag = im
    return out.reshape(shape)


shapes = hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=7)


@settings(max_examples=40, deadline=None)
@given(dtype=st.sampled_from(ALL_DTYPES), shape=shapes, seed=st.integers(0, 2**32 - 1),
       repeats=st.booleans(), data=st.data())
def test_sort_argsort_all_dtypes(dtype, shape, seed, repeats, data):
    rng = np.random.default_rng(seed)
    a = sample(dtype, shape, rng, repeats)
    axis = data.draw(st.sampled_from([None] + list(range(-len(shape), len(shape)))))
    o = ox.asarray(a)
    before = a.copy()
    for kind in ["mergesort", "stable"]:
        assert_same(ox.sort(o, axis=axis, kind=kind), np.sort(a, axis=axis, kind=kind))
    for kind in [None, "quicksort", "heapsort"]:
        assert_equal_values(ox.sort(o, axis=axis, kind=kind), np.sort(a, axis=axis, kind=kind))
    # Stable argsort: identical indices for every kind (ours is always stable).
    assert_same(ox.argsort(o, axis=axis, kind="stable"), np.argsort(a, axis=axis, kind="stable"))
    assert_same(ox.argsort(o, axis=axis, stable=True), np.argsort(a, axis=axis, stable=True))
    assert_same(ox.argsort(o, axis=axis), np.argsort(a, axis=axis, kind="stable"))
    # Inputs are not modified.
    np.testing.assert_array_equal(to_np(o), before)


def assert_equal_values(ox_result, np_result):
    """Same shape, dtype and values as numbers. For NumPy's unstable kinds (its SIMD
    sorting networks) the order of -0.0 and 0.0 and the sign of a NaN are not defined, so
    those are compared by value only."""
    got = to_np(ox_result)
    assert got.shape == np_result.shape and got.dtype == np_result.dtype
    np.testing.assert_array_equal(got, np_result)


def to_np(x):
    return np.asarray(x)


@settings(max_examples=30, deadline=None)
@given(dtype=st.sampled_from(ALL_DTYPES), shape=shapes, seed=st.integers(0, 2**32 - 1),
       data=st.data())
def test_method_sort_in_place_non_contiguous(dtype, shape, seed, data):
    rng = np.random.default_rng(seed)
    big = sample(dtype, tuple(2 * s + 1 for s in shape), rng, repeats=data.draw(st.booleans()))
    # A negative-stride, non-contiguous view of a larger array.
    sl = tuple(slice(None, None, -2) for _ in shape)
    n_view = big[sl]
    o_big = ox.asarray(big.copy())
    o_view = o_big[sl]
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    # the default kind: NumPy's quicksort for 32/64-bit floats (±0 order), else stable
    simd = np.dtype(dtype) in (np.float32, np.float64)
    check = assert_sorted_like if simd else assert_same
    kind = None if simd else "stable"
    check(ox.sort(o_view, axis=axis), np.sort(n_view, axis=axis, kind=kind))
    assert_same(o_view.argsort(axis=axis), n_view.argsort(axis=axis, kind="stable"))
    n_big = big.copy()
    n_big[sl].sort(axis=axis, kind=kind)
    assert o_view.sort(axis=axis) is None
    check(o_big, n_big)


def test_byteswapped_and_order_kinds():
    rng = np.random.default_rng(1)
    a = sample("float64", (50,), rng).astype(">f8")
    assert_sorted_like(ox.sort(ox.asarray(a)), np.sort(a))
    assert_same(ox.argsort(ox.asarray(a)), np.argsort(a, kind="stable"))
    b = sample("int32", (40,), rng, repeats=True).astype(">i4")
    ob = ox.asarray(b.copy())
    ob.sort()
    b.sort(kind="stable")
    assert_same(ob, b)


def test_stability_many_equal_keys_large():
    rng = np.random.default_rng(2)
    for dt in ["int64", "int8", "uint16", "float32", "float64", "float16", "bool", "complex128"]:
        a = sample(dt, (5000,), rng, repeats=True)
        assert_same(ox.argsort(ox.asarray(a), kind="stable"), np.argsort(a, kind="stable"))
        assert_same(ox.sort(ox.asarray(a), kind="stable"), np.sort(a, kind="stable"))
        # the default kind is NumPy's quicksort (x86-simd-sort for 32/64-bit keys); other
        # dtypes keep the stable sort, which equals NumPy's up to the order of ±0
        if dt in ("float32", "float64"):
            assert_sorted_like(ox.sort(ox.asarray(a)), np.sort(a))
        else:
            assert_same(ox.sort(ox.asarray(a)), np.sort(a, kind="stable"))


def test_nan_and_signed_zero_order():
    a = np.array([0.0, np.nan, -0.0, -np.inf, 1.0, -np.nan, 0.0, -0.0] * 40)
    assert_sorted_like(ox.sort(ox.asarray(a)), np.sort(a))
    assert_same(ox.sort(ox.asarray(a), kind="stable"), np.sort(a, kind="stable"))
    c = np.array([complex(1, np.nan), complex(np.nan, 0), complex(np.nan, np.nan),
                  complex(1, 2), complex(0, np.nan), complex(np.nan, -1), complex(-1, 5)])
    assert_same(ox.sort(ox.asarray(c)), np.sort(c, kind="stable"))
    assert_same(ox.argsort(ox.asarray(c)), np.argsort(c, kind="stable"))


def _desc_reference(a):
    """Stable descending order with NaNs last (NumPy 2.5's `descending=True`), from NumPy's
    stable ascending argsort: the NaN tail stays (complex NaNs in ascending order), the
    runs of equal values before it are taken last to first, each run in input order."""
    asc = np.argsort(a, kind="stable")
    isn = np.isnan(a[asc]) if a.dtype.kind in "fc" else np.zeros(len(a), bool)
    m = len(a) - int(isn.sum())
    vals = a[asc]
    groups = []
    for j in range(m):
        if groups and vals[j] == vals[j - 1]:
            groups[-1].append(asc[j])
        else:
            groups.append([asc[j]])
    return np.array([i for g in reversed(groups) for i in g] + list(asc[m:]), dtype=np.intp)


@pytest.mark.parametrize("dtype", ["int16", "uint8", "float64", "float32", "complex64", "bool"])
def test_descending(dtype):
    rng = np.random.default_rng(3)
    a = sample(dtype, (300,), rng, repeats=True)
    expect = _desc_reference(a)
    got = ox.argsort(ox.asarray(a), descending=True, stable=True)
    assert_same(got, expect)
    assert_same(ox.sort(ox.asarray(a), descending=True), a[expect])
    o = ox.asarray(a.copy())
    o.sort(descending=True)
    assert_same(o, a[expect])
    a2 = a.reshape(10, 30)
    got2 = ox.argsort(ox.asarray(a2), axis=0, descending=True)
    for j in range(30):
        assert_same(ox.asarray(to_np(got2)[:, j]), _desc_reference(a2[:, j]))


def check_partition(a, kth, axis, got_vals, got_idx):
    srt = np.sort(a, axis=axis)
    gv = to_np(got_vals)
    gi = to_np(got_idx)
    assert gv.dtype == a.dtype and gv.shape == a.shape and gi.dtype == np.intp
    # The argpartition indices are a permutation and pick the partitioned values.
    np.testing.assert_array_equal(np.sort(gi, axis=axis),
                                  np.broadcast_to(np.arange(a.shape[axis]).reshape(
                                      [-1 if d == axis % a.ndim else 1 for d in range(a.ndim)]), a.shape))
    picked = np.take_along_axis(a, gi, axis=axis)
    for vals in (gv, picked):
        for k in np.atleast_1d(kth):
            k = k % a.shape[axis]
            kv = np.take(vals, [k], axis=axis)
            np.testing.assert_array_equal(kv, np.take(srt, [k], axis=axis))
            left = np.take(vals, range(k), axis=axis)
            right = np.take(vals, range(k + 1, a.shape[axis]), axis=axis)
            sk = np.sort(np.concatenate([left, kv, right], axis=axis), axis=axis)
            np.testing.assert_array_equal(sk, srt)
            if a.dtype.kind == "c":
                continue  # the order checks below use NumPy's real comparisons
            with np.errstate(invalid="ignore"):
                nan_k = np.isnan(kv) if a.dtype.kind == "f" else np.zeros(kv.shape, bool)
                # Left values are <= kth value (NaN kth: anything), right values >= or NaN.
                if a.dtype.kind == "f":
                    assert np.all((left <= kv) | nan_k)
                    assert np.all((right >= kv) | np.isnan(right))
                else:
                    assert np.all(left <= kv) and np.all(right >= kv)


@settings(max_examples=40, deadline=None)
@given(dtype=st.sampled_from(ALL_DTYPES), shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=9),
       seed=st.integers(0, 2**32 - 1), data=st.data())
def test_partition_argpartition(dtype, shape, seed, data):
    rng = np.random.default_rng(seed)
    a = sample(dtype, shape, rng, repeats=data.draw(st.booleans()))
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    n = shape[axis]
    kth = data.draw(st.one_of(st.integers(-n, n - 1),
                              st.lists(st.integers(-n, n - 1), min_size=1, max_size=3)))
    o = ox.asarray(a)
    pv = ox.partition(o, kth, axis=axis)
    pi = ox.argpartition(o, kth, axis=axis)
    check_partition(a, kth, axis, pv, pi)
    # Method: in place.
    o2 = ox.asarray(a.copy())
    assert o2.partition(kth, axis=axis) is None
    check_partition(a, kth, axis, o2, o.argpartition(kth, axis=axis))
    np.testing.assert_array_equal(to_np(o), a)


def test_partition_axis_none_and_errors():
    a = np.arange(12.0)[::-1].reshape(3, 4)
    o = ox.asarray(a)
    r = ox.partition(o, 5, axis=None)
    assert r.shape == (12,) and to_np(r)[5] == 5.0
    assert to_np(ox.argpartition(o, 5, axis=None)).shape == (12,)
    e = raises_like(lambda: np.partition(a, 4), lambda: ox.partition(o, 4))
    assert "kth(=4) out of bounds (4)" in str(e)
    raises_like(lambda: np.partition(a, -5), lambda: ox.partition(o, -5))
    raises_like(lambda: np.argpartition(a, [1, 9]), lambda: ox.argpartition(o, [1, 9]))
    raises_like(lambda: np.partition(a, 1, kind="quick"), lambda: ox.partition(o, 1, kind="quick"))
    raises_like(lambda: np.partition(a, 1, axis=2), lambda: ox.partition(o, 1, axis=2))
    raises_like(lambda: np.partition(a, True), lambda: ox.partition(o, True))


def test_sort_errors():
    a = np.arange(6.0).reshape(2, 3)
    o = ox.asarray(a)
    raises_like(lambda: np.sort(a, axis=2), lambda: ox.sort(o, axis=2))
    raises_like(lambda: np.sort(a, kind="bogus"), lambda: ox.sort(o, kind="bogus"))
    raises_like(lambda: np.sort(a, kind="stable", stable=True), lambda: ox.sort(o, kind="stable", stable=True))
    raises_like(lambda: np.sort(a, order="x"), lambda: ox.sort(o, order="x"))
    raises_like(lambda: np.argsort(a, order="x"), lambda: ox.argsort(o, order="x"))
    raises_like(lambda: np.sort(np.float64(1.0)), lambda: ox.sort(ox.asarray(1.0)))
    ro = ox.asarray(a)
    ro.flags.writeable = False
    with pytest.raises(ValueError):
        ro.sort()
    assert_same(ox.sort(np.array(3.0), axis=None), np.sort(np.array(3.0), axis=None))


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), nkeys=st.integers(1, 3),
       shape=hnp.array_shapes(min_dims=1, max_dims=2, min_side=0, max_side=12),
       dts=st.lists(st.sampled_from(["int8", "float64", "bool", "uint32", "complex64"]), min_size=3, max_size=3))
def test_lexsort(seed, nkeys, shape, dts):
    rng = np.random.default_rng(seed)
    keys = [sample(dts[i], shape, rng, repeats=True) for i in range(nkeys)]
    assert_same(ox.lexsort([ox.asarray(k) for k in keys]), np.lexsort(keys))
    assert_same(ox.lexsort(tuple(keys), axis=0), np.lexsort(tuple(keys), axis=0))
    stacked = np.stack([k.astype(np.float64) if k.dtype.kind != "c" else k.real for k in keys])
    assert_same(ox.lexsort(ox.asarray(stacked)), np.lexsort(stacked))


def test_lexsort_errors():
    raises_like(lambda: np.lexsort([]), lambda: ox.lexsort([]))
    raises_like(lambda: np.lexsort([[1, 2], [1, 2, 3]]), lambda: ox.lexsort([[1, 2], [1, 2, 3]]))


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_sort_complex(dtype):
    rng = np.random.default_rng(4)
    a = sample(dtype, (30,), rng, repeats=True)
    assert_equal_values(ox.sort_complex(ox.asarray(a)), np.sort_complex(a))


@settings(max_examples=40, deadline=None)
@given(dtype=st.sampled_from(ALL_DTYPES), n=st.integers(0, 40), m=st.integers(0, 30),
       seed=st.integers(0, 2**32 - 1), side=st.sampled_from(["left", "right"]),
       use_sorter=st.booleans(), vdtype=st.sampled_from(["same", "float64", "int64"]))
def test_searchsorted(dtype, n, m, seed, side, use_sorter, vdtype):
    rng = np.random.default_rng(seed)
    a = sample(dtype, (n,), rng, repeats=True)
    v = sample(dtype if vdtype == "same" else vdtype, (m,), rng, repeats=True)
    if use_sorter:
        sorter = np.argsort(a, kind="stable")
        exp = np.searchsorted(a, v, side=side, sorter=sorter)
        got = ox.searchsorted(ox.asarray(a), ox.asarray(v), side=side, sorter=ox.asarray(sorter))
    else:
        s = np.sort(a)
        exp = np.searchsorted(s, v, side=side)
        got = ox.searchsorted(ox.asarray(s), ox.asarray(v), side=side)
        assert_same(ox.asarray(s).searchsorted(ox.asarray(v), side=side), exp)
    assert_same(got, exp)


def test_searchsorted_scalars_shapes_and_errors():
    s = np.array([1.0, 2.0, 2.0, np.nan])
    o = ox.asarray(s)
    for v in [2, 2.0, np.nan, -np.inf, 5]:
        for side in ["left", "right"]:
            assert_same(ox.searchsorted(o, v, side=side), np.searchsorted(s, v, side=side))
    v2 = np.array([[0.5, 2.0], [np.nan, 3.0]])
    assert_same(ox.searchsorted(o, ox.asarray(v2)), np.searchsorted(s, v2))
    assert_same(o[::-1][::-1].searchsorted(1.5), s.searchsorted(1.5))
    m2 = np.ones((2, 2))
    raises_like(lambda: np.searchsorted(m2, 1), lambda: ox.searchsorted(ox.asarray(m2), 1))
    raises_like(lambda: np.searchsorted(np.array(1.0), 1), lambda: ox.searchsorted(ox.asarray(1.0), 1))
    raises_like(lambda: np.searchsorted(s, 1, side="middle"), lambda: ox.searchsorted(o, 1, side="middle"))
    raises_like(lambda: np.searchsorted(s, 1, sorter=[0, 1]), lambda: ox.searchsorted(o, 1, sorter=[0, 1]))
    raises_like(lambda: np.searchsorted(s, 1, sorter=np.arange(4.0)),
                lambda: ox.searchsorted(o, 1, sorter=ox.arange(4.0)))
    for bad in ([9, 9, 9, 9], [0, 1, 2, -1], [0, 1, 2, 4]):
        e = raises_like(lambda: np.searchsorted(s, [0, 1, 2, 3, 5], sorter=bad),
                        lambda: ox.searchsorted(o, [0, 1, 2, 3, 5], sorter=bad))
        assert "Sorter index out of range" in str(e)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(0, 30), right=st.booleans(),
       dec=st.booleans(), dtype=st.sampled_from(["int32", "float64", "uint8", "float32"]))
def test_digitize(seed, n, right, dec, dtype):
    rng = np.random.default_rng(seed)
    bins = np.unique(sample(dtype, (6,), rng, repeats=True, specials=False))
    if dec:
        bins = bins[::-1].copy()
    x = sample(dtype, (n,), rng, repeats=True)
    assert_same(ox.digitize(ox.asarray(x), ox.asarray(bins), right=right), np.digitize(x, bins, right=right))


def test_digitize_errors_and_scalar():
    assert_same(ox.digitize(1.5, [0.0, 1.0, 2.0]), np.digitize(1.5, [0.0, 1.0, 2.0]))
    raises_like(lambda: np.digitize([1], [1, 3, 2]), lambda: ox.digitize([1], [1, 3, 2]))
    raises_like(lambda: np.digitize([1j], [1, 2]), lambda: ox.digitize([1j], [1, 2]))


@settings(max_examples=30, deadline=None)
@given(dtype=st.sampled_from(["float64", "float32", "float16", "complex128", "int32", "uint8"]),
       shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=6),
       seed=st.integers(0, 2**32 - 1), data=st.data())
def test_nanargmax_nanargmin(dtype, shape, seed, data):
    rng = np.random.default_rng(seed)
    a = sample(dtype, shape, rng, repeats=data.draw(st.booleans()))
    axis = data.draw(st.sampled_from([None] + list(range(-len(shape), len(shape)))))
    o = ox.asarray(a)
    for name in ["nanargmax", "nanargmin"]:
        try:
            exp = getattr(np, name)(a, axis=axis)
        except ValueError:
            raises_like(lambda: getattr(np, name)(a, axis=axis), lambda: getattr(ox, name)(o, axis=axis))
            continue
        assert_same(getattr(ox, name)(o, axis=axis), exp)
        assert_same(getattr(ox, name)(o, axis=axis, keepdims=True), getattr(np, name)(a, axis=axis, keepdims=True))


def test_nanarg_all_nan_message():
    a = np.array([[np.nan, 1.0], [np.nan, np.nan]])
    e = raises_like(lambda: np.nanargmax(a, axis=1), lambda: ox.nanargmax(ox.asarray(a), axis=1))
    assert "All-NaN slice encountered" in str(e)
    raises_like(lambda: np.nanargmin(a, axis=0), lambda: ox.nanargmin(ox.asarray(a), axis=0))


@pytest.mark.parametrize("dtype", ["float64", "int32", "uint8", "complex64"])
def test_searchsorted_many_needles_large_haystack(dtype):
    # Takes the sort-and-merge path (haystack beyond the caches, many needles).
    rng = np.random.default_rng(6)
    hay = np.sort(sample(dtype, (70_000,), rng, repeats=dtype != "float64"), kind="stable")
    v = sample(dtype, (20_000,), rng, repeats=True)
    for side in ["left", "right"]:
        assert_same(ox.searchsorted(ox.asarray(hay), ox.asarray(v), side=side),
                    np.searchsorted(hay, v, side=side))


@pytest.mark.parametrize("dtype", ["float64", "int32", "U3", "object"])
@pytest.mark.parametrize("shape,kth,axis", [((0,), 3, -1), ((0, 3), 5, -1), ((0, 3), -7, 1),
                                            ((3, 0), [0, 9], 1), ((2, 0, 4), 1, None)])
def test_partition_empty_takes_any_kth(dtype, shape, kth, axis):
    """NumPy checks ``kth`` only when there is something to partition."""
    a = np.zeros(shape, dtype)
    o = ox.asarray(a)
    for f in ("partition", "argpartition"):
        r, e = getattr(ox, f)(o, kth, axis=axis), getattr(np, f)(a, kth, axis=axis)
        assert to_np(r).shape == e.shape and to_np(r).dtype == e.dtype
    o.partition(kth, axis=-1 if axis is None else axis)
