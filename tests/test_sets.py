"""Set functions against NumPy: unique (all options, axis, equal_nan), the Array API
unique_* named tuples, isin, intersect1d, union1d, setdiff1d, setxor1d, ediff1d."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import oxarray as ox
from conftest import ALL_DTYPES, assert_same, raises_like
from test_sorting import sample

shapes = hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=6)


def as_tuple(x):
    return x if isinstance(x, tuple) else (x,)


@settings(max_examples=50, deadline=None)
@given(dtype=st.sampled_from(ALL_DTYPES), shape=shapes, seed=st.integers(0, 2**32 - 1),
       ri=st.booleans(), rv=st.booleans(), rc=st.booleans(), equal_nan=st.booleans(),
       repeats=st.booleans())
def test_unique_flat(dtype, shape, seed, ri, rv, rc, equal_nan, repeats):
    rng = np.random.default_rng(seed)
    a = sample(dtype, shape, rng, repeats)
    o = ox.asarray(a)
    got = as_tuple(ox.unique(o, return_index=ri, return_inverse=rv, return_counts=rc, equal_nan=equal_nan))
    exp = as_tuple(np.unique(a, return_index=ri, return_inverse=rv, return_counts=rc, equal_nan=equal_nan))
    assert len(got) == len(exp)
    # Values: equal as numbers (which of -0.0/0.0 represents the run follows the sort).
    g0 = np.asarray(got[0])
    assert g0.dtype == exp[0].dtype and g0.shape == exp[0].shape
    np.testing.assert_array_equal(g0, exp[0])
    nan = np.isnan(a) if a.dtype.kind in "fc" else np.zeros(a.shape, bool)
    inv_at = 1 + ri if rv else -1
    for k, (g, e) in enumerate(zip(got[1:], exp[1:]), start=1):
        if k == inv_at and not equal_nan and nan.any():
            # Each NaN is its own unique value; which NaN gets which of their indices follows
            # NumPy's unstable argsort (its introsort, or x86-simd-sort depending on the CPU:
            # docs/differences.md). Same indices elsewhere, the same set at the NaNs.
            g = np.asarray(g)
            assert g.dtype == e.dtype and g.shape == e.shape
            flat_nan = nan.reshape(g.shape) if g.shape == a.shape else nan.ravel()
            np.testing.assert_array_equal(g[~flat_nan], e[~flat_nan])
            assert sorted(g[flat_nan].tolist()) == sorted(e[flat_nan].tolist())
        else:
            assert_same(g, e)
    np.testing.assert_array_equal(np.asarray(o), a)


@settings(max_examples=40, deadline=None)
@given(dtype=st.sampled_from(ALL_DTYPES), shape=hnp.array_shapes(min_dims=2, max_dims=3, min_side=1, max_side=5),
       seed=st.integers(0, 2**32 - 1), data=st.data())
def test_unique_axis(dtype, shape, seed, data):
    rng = np.random.default_rng(seed)
    a = sample(dtype, shape, rng, repeats=True, specials=data.draw(st.booleans()))
    # Force duplicate slices along the axis.
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    idx = rng.integers(0, shape[axis], shape[axis])
    a = np.take(a, idx, axis=axis)
    got = ox.unique(ox.asarray(a), return_index=True, return_inverse=True, return_counts=True, axis=axis)
    exp = np.unique(a, return_index=True, return_inverse=True, return_counts=True, axis=axis)
    np.testing.assert_array_equal(np.asarray(got[0]), exp[0])
    assert np.asarray(got[0]).dtype == exp[0].dtype
    for g, e in zip(got[1:], exp[1:]):
        assert_same(g, e)


def test_unique_errors_and_scalars():
    raises_like(lambda: np.unique(np.arange(4), axis=1), lambda: ox.unique(ox.arange(4), axis=1))
    a2 = np.arange(6).reshape(2, 3)
    raises_like(lambda: np.unique(a2, axis=2), lambda: ox.unique(ox.asarray(a2), axis=2))
    assert_same(ox.unique(5), np.unique(5))
    assert_same(ox.unique([]), np.unique([]))
    v = ox.unique([[3, 1], [1, 2]], return_inverse=True)
    assert_same(v[1], np.unique([[3, 1], [1, 2]], return_inverse=True)[1])


@pytest.mark.parametrize("dtype", ["float64", "complex128", "int32", "bool", "float16"])
def test_unique_array_api(dtype):
    rng = np.random.default_rng(5)
    a = sample(dtype, (4, 9), rng, repeats=True)
    o = ox.asarray(a)
    r = ox.unique_all(o)
    e = np.unique_all(a)
    assert type(r).__name__ == "UniqueAllResult"
    assert r._fields == e._fields
    # NumPy 2.4 may return unique_* values in hash order (sorted=False): compare sorted.
    order = np.argsort(e.values, kind="stable")
    np.testing.assert_array_equal(np.asarray(r.values), e.values[order])
    assert_same(r.counts, e.counts[order])
    np.testing.assert_array_equal(np.asarray(r.values)[np.asarray(r.inverse_indices)], a)
    np.testing.assert_array_equal(np.asarray(r.values), a.ravel()[np.asarray(r.indices)])
    assert r.inverse_indices.shape == e.inverse_indices.shape
    c = ox.unique_counts(o)
    assert c._fields == np.unique_counts(a)._fields
    assert_same(c.counts, e.counts[order])
    i = ox.unique_inverse(o)
    assert i._fields == np.unique_inverse(a)._fields
    np.testing.assert_array_equal(np.asarray(i.values)[np.asarray(i.inverse_indices)], a)
    v = ox.unique_values(o)
    np.testing.assert_array_equal(np.asarray(v), np.sort(np.unique_values(a)))


@settings(max_examples=50, deadline=None)
@given(d1=st.sampled_from(ALL_DTYPES), d2=st.sampled_from(ALL_DTYPES),
       s1=hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=8),
       n2=st.integers(0, 12), seed=st.integers(0, 2**32 - 1), invert=st.booleans(),
       kind=st.sampled_from([None, "sort"]))
def test_isin(d1, d2, s1, n2, seed, invert, kind):
    rng = np.random.default_rng(seed)
    a = sample(d1, s1, rng, repeats=True)
    b = sample(d2, (n2,), rng, repeats=True)
    assert_same(ox.isin(ox.asarray(a), ox.asarray(b), invert=invert, kind=kind),
                np.isin(a, b, invert=invert, kind=kind))


def test_isin_table_and_errors():
    a = np.array([1, 5, -3, 7, 100])
    b = np.array([5, 7, 8, -3])
    assert_same(ox.isin(a, b, kind="table"), np.isin(a, b, kind="table"))
    assert_same(ox.isin(a, b, kind="table", invert=True), np.isin(a, b, kind="table", invert=True))
    f = np.array([1.0, 2.0])
    raises_like(lambda: np.isin(f, f, kind="table"), lambda: ox.isin(f, f, kind="table"))
    raises_like(lambda: np.isin(a, b, kind="hash"), lambda: ox.isin(a, b, kind="hash"))
    assert_same(ox.isin(a, b, assume_unique=True), np.isin(a, b, assume_unique=True))


set_dtypes = ["int8", "int64", "uint16", "float32", "float64", "bool", "complex64"]


@settings(max_examples=50, deadline=None)
@given(d1=st.sampled_from(set_dtypes), d2=st.sampled_from(set_dtypes),
       n1=st.integers(0, 15), n2=st.integers(0, 15), seed=st.integers(0, 2**32 - 1),
       specials=st.booleans())
def test_set_functions(d1, d2, n1, n2, seed, specials):
    rng = np.random.default_rng(seed)
    a = sample(d1, (n1,), rng, repeats=True, specials=specials)
    b = sample(d2, (n2,), rng, repeats=True, specials=specials)
    oa, ob = ox.asarray(a), ox.asarray(b)

    def same_vals(g, e):
        g = np.asarray(g)
        assert g.dtype == e.dtype and g.shape == e.shape
        np.testing.assert_array_equal(g, e)

    same_vals(ox.union1d(oa, ob), np.union1d(a, b))
    same_vals(ox.intersect1d(oa, ob), np.intersect1d(a, b))
    same_vals(ox.setdiff1d(oa, ob), np.setdiff1d(a, b))
    same_vals(ox.setxor1d(oa, ob), np.setxor1d(a, b))
    g = ox.intersect1d(oa, ob, return_indices=True)
    e = np.intersect1d(a, b, return_indices=True)
    same_vals(g[0], e[0])
    assert_same(g[1], e[1])
    assert_same(g[2], e[2])
    ua, ub = np.unique(a), np.unique(b)
    same_vals(ox.intersect1d(ox.asarray(ua), ox.asarray(ub), assume_unique=True),
              np.intersect1d(ua, ub, assume_unique=True))
    same_vals(ox.setdiff1d(ox.asarray(ua), ox.asarray(ub), assume_unique=True),
              np.setdiff1d(ua, ub, assume_unique=True))
    same_vals(ox.setxor1d(ox.asarray(ua), ox.asarray(ub), assume_unique=True),
              np.setxor1d(ua, ub, assume_unique=True))


@settings(max_examples=40, deadline=None)
@given(dtype=st.sampled_from(["int8", "int64", "uint8", "float32", "float64", "complex128"]),
       shape=hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=6),
       seed=st.integers(0, 2**32 - 1), tb=st.sampled_from([None, 0, [1, 2]]),
       te=st.sampled_from([None, 5, [7]]))
def test_ediff1d(dtype, shape, seed, tb, te):
    rng = np.random.default_rng(seed)
    a = sample(dtype, shape, rng, repeats=True, specials=False)
    try:
        with np.errstate(all="ignore"):
            exp = np.ediff1d(a, to_end=te, to_begin=tb)
    except TypeError:
        raises_like(lambda: np.ediff1d(a, to_end=te, to_begin=tb),
                    lambda: ox.ediff1d(ox.asarray(a), to_end=te, to_begin=tb))
        return
    with ox.errstate(all="ignore"):
        got = ox.ediff1d(ox.asarray(a), to_end=te, to_begin=tb)
    assert_same(got, exp)


def test_ediff1d_errors():
    a = np.array([1, 2, 4], dtype=np.int32)
    raises_like(lambda: np.ediff1d(a, to_begin=0.5), lambda: ox.ediff1d(ox.asarray(a), to_begin=0.5))
    raises_like(lambda: np.ediff1d(a, to_end=[1.5]), lambda: ox.ediff1d(ox.asarray(a), to_end=[1.5]))
