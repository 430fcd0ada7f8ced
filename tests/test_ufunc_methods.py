"""ufunc.reduce / accumulate / reduceat / outer / at against NumPy."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import oxarray as ox

from conftest import assert_same, to_numpy


def outcome(fn):
    try:
        return ("ok", fn())
    except Exception as e:  # noqa: BLE001 - compare exception types
        for cls in type(e).__mro__:
            if cls.__module__ == "builtins":
                return ("raise", cls)
        return ("raise", Exception)


def compare(expect, got):
    if isinstance(expect, np.generic) and isinstance(got, ox.ndarray) and got.ndim == 0:
        expect = np.asarray(expect)
    if isinstance(expect, (np.ndarray, np.generic)) and np.asarray(expect).dtype.kind in "fc":
        g = to_numpy(got)
        assert np.asarray(g).dtype == np.asarray(expect).dtype
        assert np.shape(g) == np.shape(expect)
        np.testing.assert_allclose(g, expect, rtol=1e-5 if np.asarray(expect).dtype.itemsize >= 8 else 1e-2)
    else:
        assert_same(got, expect)


REDUCERS = ["add", "multiply", "maximum", "minimum", "logical_and", "logical_or", "bitwise_or",
            "bitwise_xor", "subtract", "fmax", "hypot", "logaddexp"]
DTYPES = ["bool", "int8", "int32", "int64", "uint8", "uint64", "float32", "float64", "complex64"]


@st.composite
def reduce_case(draw):
    shape = draw(st.lists(st.integers(0, 4), min_size=0, max_size=4))
    nd = len(shape)
    axis = draw(st.one_of(
        st.none(),
        st.integers(-nd, nd - 1) if nd else st.none(),
        st.lists(st.integers(0, nd - 1), unique=True, max_size=nd).map(tuple) if nd else st.none(),
    ))
    return shape, axis


@given(reduce_case(), st.sampled_from(REDUCERS), st.sampled_from(DTYPES), st.booleans(), st.integers(0, 2**31),
       st.booleans())
def test_reduce_hypothesis(case, name, dtype, keepdims, seed, transpose):
    shape, axis = case
    rng = np.random.default_rng(seed)
    na = rng.integers(0, 5, size=shape).astype(dtype)
    if transpose and na.ndim > 1:
        na = na.T
    oa = ox.asarray(na)
    nu, ou = getattr(np, name), getattr(ox, name)
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        n = outcome(lambda: nu.reduce(na, axis=axis, keepdims=keepdims))
        o = outcome(lambda: ou.reduce(oa, axis=axis, keepdims=keepdims))
    assert n[0] == o[0], (name, dtype, shape, axis, n, o)
    if n[0] == "raise":
        assert o[1] is n[1]
    else:
        compare(n[1], o[1])


@given(reduce_case(), st.sampled_from(["add", "multiply", "maximum", "minimum"]), st.sampled_from(DTYPES),
       st.integers(0, 2**31), st.sampled_from([None, 0, 2, 5]), st.booleans(),
       st.sampled_from([None, "int64", "float64", "float32"]))
def test_reduce_initial_where_dtype(case, name, dtype, seed, initial, use_where, rdtype):
    shape, axis = case
    rng = np.random.default_rng(seed)
    na = rng.integers(0, 5, size=shape).astype(dtype)
    oa = ox.asarray(na)
    kw_n, kw_o = {}, {}
    if initial is not None:
        kw_n["initial"] = kw_o["initial"] = initial
    if rdtype is not None:
        kw_n["dtype"] = kw_o["dtype"] = rdtype
    if use_where:
        mask = rng.integers(0, 2, size=shape).astype(bool)
        kw_n["where"], kw_o["where"] = mask, ox.asarray(mask)
    nu, ou = getattr(np, name), getattr(ox, name)
    with np.errstate(all="ignore"), ox.errstate(all="ignore"), warnings.catch_warnings():
        # NumPy warns when a complex array is reduced in a real dtype; oxarray does not.
        warnings.simplefilter("ignore", np.exceptions.ComplexWarning)
        n = outcome(lambda: nu.reduce(na, axis=axis, **kw_n))
        o = outcome(lambda: ou.reduce(oa, axis=axis, **kw_o))
    assert n[0] == o[0], (name, dtype, shape, axis, kw_n, n, o)
    if n[0] == "raise":
        assert o[1] is n[1]
    else:
        compare(n[1], o[1])


def test_reduce_out_and_errors():
    a, n = ox.arange(6.0).reshape(2, 3), np.arange(6.0).reshape(2, 3)
    o = ox.zeros(3)
    assert ox.add.reduce(a, axis=0, out=o) is o
    assert_same(o, np.add.reduce(n, axis=0))
    for call in [lambda m, x: m.maximum.reduce(x[:0]),
                 lambda m, x: m.add.reduce(x, axis=2),
                 lambda m, x: m.add.reduce(x, axis=(0, 0)),
                 lambda m, x: m.subtract.reduce(x, axis=(0, 1)),
                 lambda m, x: m.maximum.reduce(x, where=m.asarray([True, False, True])),
                 lambda m, x: m.equal.reduce(x)]:
        assert outcome(lambda: call(ox, a))[1] is outcome(lambda: call(np, n))[1]
    assert outcome(lambda: ox.maximum.reduce(a[:0])) == ("raise", ValueError)


def test_reduce_scalar_result_and_int_widening():
    r = ox.add.reduce(ox.arange(5, dtype="int8"))
    assert_same(r, np.add.reduce(np.arange(5, dtype="int8")))
    assert_same(ox.multiply.reduce(ox.asarray([True, True])), np.multiply.reduce(np.asarray([True, True])))
    assert_same(ox.add.reduce(ox.arange(5, dtype="uint16")), np.add.reduce(np.arange(5, dtype="uint16")))


def test_pairwise_sum_at_least_as_accurate_as_numpy():
    rng = np.random.default_rng(0)
    for dtype in ["float32", "float64"]:
        x = rng.random(1_000_003).astype(dtype) * 1e3
        exact = math.fsum(x.astype(np.float64).tolist())
        ours = float(ox.add.reduce(ox.asarray(x)))
        theirs = float(np.add.reduce(x))
        ulp = float(np.spacing(np.asarray(exact, dtype=dtype)))
        assert abs(ours - exact) <= abs(theirs - exact) + ulp, (dtype, ours, theirs, exact)
        # Along axis 1 of a 2-d array too.
        x2 = x[:1_000_000].reshape(4, 250_000)
        ex = [math.fsum(r.astype(np.float64).tolist()) for r in x2]
        ours2 = to_numpy(ox.add.reduce(ox.asarray(x2), axis=1)).astype(np.float64)
        theirs2 = np.add.reduce(x2, axis=1).astype(np.float64)
        for o, t, e in zip(ours2, theirs2, ex):
            assert abs(o - e) <= abs(t - e) + float(np.spacing(np.asarray(e, dtype=dtype)))


@given(st.lists(st.integers(1, 4), min_size=1, max_size=3), st.sampled_from(["add", "multiply", "subtract", "maximum", "logical_or"]),
       st.sampled_from(DTYPES), st.integers(0, 2**31), st.data())
def test_accumulate_hypothesis(shape, name, dtype, seed, data):
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    na = np.random.default_rng(seed).integers(0, 4, size=shape).astype(dtype)
    oa = ox.asarray(na)
    nu, ou = getattr(np, name), getattr(ox, name)
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        n = outcome(lambda: nu.accumulate(na, axis=axis))
        o = outcome(lambda: ou.accumulate(oa, axis=axis))
    assert n[0] == o[0], (n, o)
    if n[0] == "ok":
        compare(n[1], o[1])
    else:
        assert o[1] is n[1]


def test_accumulate_dtype_out():
    a, n = ox.arange(5, dtype="int8"), np.arange(5, dtype="int8")
    assert_same(ox.add.accumulate(a), np.add.accumulate(n))
    assert_same(ox.add.accumulate(a, dtype="float32"), np.add.accumulate(n, dtype="float32"))
    o = ox.zeros(5, dtype="int64")
    assert ox.add.accumulate(a, out=o) is o
    assert_same(o, np.add.accumulate(n))


@given(st.integers(1, 10), st.lists(st.integers(0, 9), min_size=1, max_size=6), st.sampled_from(["add", "maximum", "multiply"]),
       st.sampled_from(DTYPES), st.booleans())
def test_reduceat_hypothesis(n, idx, name, dtype, two_d):
    idx = [i % n for i in idx]
    na = np.arange(n * (3 if two_d else 1)).reshape((3, n) if two_d else (n,)).astype(dtype)
    oa = ox.asarray(na)
    axis = 1 if two_d else 0
    nu, ou = getattr(np, name), getattr(ox, name)
    with np.errstate(all="ignore"), ox.errstate(all="ignore"):
        expect = nu.reduceat(na, idx, axis=axis)
        got = ou.reduceat(oa, idx, axis=axis)
    compare(expect, got)


def test_reduceat_errors():
    a, n = ox.arange(5), np.arange(5)
    assert outcome(lambda: ox.add.reduceat(a, [0, 5])) == outcome(lambda: np.add.reduceat(n, [0, 5]))
    assert outcome(lambda: ox.add.reduceat(a, [-1])) == outcome(lambda: np.add.reduceat(n, [-1]))


def test_outer():
    a, b = np.arange(3), np.arange(4.0)
    assert_same(ox.multiply.outer(ox.asarray(a), ox.asarray(b)), np.multiply.outer(a, b))
    m = np.arange(6).reshape(2, 3)
    assert_same(ox.add.outer(ox.asarray(m), ox.asarray(a)), np.add.outer(m, a))
    assert_same(ox.subtract.outer(ox.asarray(a), 2), np.subtract.outer(a, 2))
    assert_same(ox.greater.outer(ox.asarray(a), ox.asarray(b)), np.greater.outer(a, b))
    with pytest.raises(ValueError):
        ox.sqrt.outer(ox.asarray(a), ox.asarray(b))


def test_at_repeated_indices_accumulate():
    a, n = ox.zeros(5), np.zeros(5)
    ox.add.at(a, ox.asarray([0, 1, 1, 4, 1]), 1.0)
    np.add.at(n, np.asarray([0, 1, 1, 4, 1]), 1.0)
    assert_same(a, n)
    a, n = ox.arange(6).reshape(2, 3), np.arange(6).reshape(2, 3)
    ox.multiply.at(a, (ox.asarray([0, 1, 0]), ox.asarray([2, 2, 2])), ox.asarray([2, 3, 4]))
    np.multiply.at(n, (np.asarray([0, 1, 0]), np.asarray([2, 2, 2])), np.asarray([2, 3, 4]))
    assert_same(a, n)
    a, n = ox.arange(5.0), np.arange(5.0)
    ox.negative.at(a, slice(1, None, 2))
    np.negative.at(n, slice(1, None, 2))
    assert_same(a, n)
    a, n = ox.arange(4), np.arange(4)
    ox.add.at(a, [1, 1], 1.5)
    np.add.at(n, [1, 1], 1.5)
    assert_same(a, n)
    with pytest.raises(ValueError):
        ox.add.at(ox.zeros(3), [0])
    with pytest.raises(IndexError):
        ox.add.at(ox.zeros(3), [5], 1)
