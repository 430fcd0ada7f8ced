"""oxarray.random.Generator against numpy.random.Generator: identical values, dtypes and
shapes for every distribution, several bit generators, seeds, sizes and broadcast
parameters; the generator state after each call matches too (the next draw is equal)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
import oxarray.random as oxr
from conftest import assert_same, raises_like

KINDS = ["PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64"]


def gens(kind="PCG64", seed=12345):
    return (
        oxr.Generator(getattr(oxr, kind)(seed)),
        np.random.Generator(getattr(np.random, kind)(seed)),
    )


def check(o, n):
    """Same result (arrays by value and dtype; scalars by type and value)."""
    if isinstance(n, np.ndarray):
        assert isinstance(o, ox.ndarray), type(o)
        assert o.shape == n.shape and o.dtype.str == n.dtype.str, (o.shape, n.shape, o.dtype, n.dtype)
        assert np.array_equal(np.asarray(o), n, equal_nan=True)
    else:
        assert_same(o, n)


def check_call(og, ng, name, *args, **kw):
    check(getattr(og, name)(*args, **kw), getattr(ng, name)(*args, **kw))
    # The state after the call matches: the next draws are equal.
    assert og.random() == ng.random()


A23 = [[1.5, 2.0, 3.0], [4.0, 5.0, 0.5]]
COL = [[1.0], [2.5]]

CASES = [
    ("random", (), {}),
    ("random", (), {"size": (3, 4)}),
    ("random", (), {"size": 7, "dtype": np.float32}),
    ("standard_normal", (), {"size": 3001}),
    ("standard_normal", (), {"size": 3001, "dtype": np.float32}),
    ("standard_normal", (), {}),
    ("standard_exponential", (), {"size": 3001}),
    ("standard_exponential", (), {"size": 3001, "dtype": np.float32}),
    ("standard_exponential", (), {"size": 50, "method": "inv"}),
    ("standard_exponential", (), {"size": 50, "method": "inv", "dtype": np.float32}),
    ("normal", (1.0, 2.0, 20), {}),
    ("normal", (A23, COL), {}),
    ("normal", ([1.0, 2.0], 3.0), {"size": (4, 2)}),
    ("exponential", (2.0, 50), {}),
    ("exponential", (A23,), {}),
    ("uniform", (1.0, 5.0, 30), {}),
    ("uniform", ([0.0, 1.0], [[2.0], [3.0]]), {}),
    ("standard_gamma", (0.3, 100), {}),
    ("standard_gamma", (A23,), {}),
    ("standard_gamma", (2.5, 100), {"dtype": np.float32}),
    ("standard_gamma", (0.5, 100), {"dtype": np.float32}),
    ("gamma", (2.0, 1.0, 200), {}),
    ("gamma", (0.5, 2.0, 200), {}),
    ("gamma", (A23, COL), {}),
    ("beta", (0.5, 0.5, 100), {}),
    ("beta", (2.0, 3.0, 100), {}),
    ("beta", (1e-110, 1e-110, 20), {}),
    ("beta", (A23, 0.7), {}),
    ("chisquare", (3.0, 50), {}),
    ("f", (3.0, 4.0, 50), {}),
    ("noncentral_chisquare", (3.0, 2.0, 50), {}),
    ("noncentral_chisquare", (0.5, 2.0, 50), {}),
    ("noncentral_chisquare", (3.0, 0.0, 50), {}),
    ("noncentral_f", (3.0, 4.0, 2.0, 50), {}),
    ("standard_t", (5.0, 50), {}),
    ("standard_cauchy", (50,), {}),
    ("laplace", (0.0, 1.0, 50), {}),
    ("logistic", (1.0, 2.0, 50), {}),
    ("lognormal", (0.0, 1.0, 50), {}),
    ("gumbel", (0.0, 1.0, 50), {}),
    ("pareto", (3.0, 50), {}),
    ("power", (3.0, 50), {}),
    ("rayleigh", (2.0, 50), {}),
    ("wald", (1.0, 2.0, 50), {}),
    ("weibull", (2.0, 50), {}),
    ("weibull", (0.0, 5), {}),
    ("vonmises", (0.0, 4.0, 50), {}),
    ("vonmises", (1.0, 1e-6, 20), {}),
    ("vonmises", (1.0, 1e7, 20), {}),
    ("vonmises", (1.0, 1e-9, 20), {}),
    ("triangular", (0.0, 1.0, 3.0, 50), {}),
    ("triangular", ([0.0, 1.0], 1.5, [[2.0], [4.0]]), {}),
    ("geometric", (0.2, 50), {}),
    ("geometric", (0.5, 50), {}),
    ("geometric", ([0.01, 0.9],), {}),
    ("poisson", (3.0, 100), {}),
    ("poisson", (30.0, 100), {}),
    ("poisson", ([0.0, 5.0, 500.0],), {}),
    ("binomial", (10, 0.3, 100), {}),
    ("binomial", (1000, 0.6, 100), {}),
    ("binomial", (1000, 0.05, 100), {}),
    ("binomial", ([5, 50, 500], [[0.1], [0.9]]), {}),
    ("binomial", (0, 0.5, 5), {}),
    ("binomial", (1603, 0.839754649538355, 3000), {}),
    ("binomial", (100000, 0.3, 2000), {}),
    ("negative_binomial", (5.0, 0.5, 50), {}),
    ("negative_binomial", ([1.5, 10.0], 0.3), {}),
    ("logseries", (0.7, 50), {}),
    ("logseries", (0.999, 50), {}),
    ("zipf", (2.0, 50), {}),
    ("zipf", (1.1, 50), {}),
    ("hypergeometric", (10, 20, 5, 50), {}),
    ("hypergeometric", (100, 200, 50, 50), {}),
    ("hypergeometric", ([10, 100], [20, 200], [5, 150]), {}),
    ("multinomial", (20, [0.2, 0.3, 0.5], 4), {}),
    ("multinomial", (100, [0.1, 0.9]), {}),
    ("multinomial", ([10, 20, 30], [[0.2, 0.8], [0.5, 0.5], [0.9, 0.1]]), {"size": (2, 3)}),
    ("multinomial", ([[10], [200]], [[0.2, 0.3, 0.5], [0.5, 0.25, 0.25]]), {}),
    ("multinomial", ([10, 20, 30], [0.5, 0.5]), {}),
    ("multinomial", (1000, [0.01] * 50 + [0.5]), {"size": (2, 3)}),
    ("dirichlet", ([1.0, 2.0, 3.0], 5), {}),
    ("multivariate_hypergeometric", ([10, 5, 20], 12), {}),
    ("multivariate_hypergeometric", ([10, 5, 20], 30), {"size": (2, 3)}),
    ("multivariate_hypergeometric", ([10, 5, 20], 12), {"method": "count", "size": 4}),
    ("multivariate_hypergeometric", ([100, 50, 200, 7], 300), {"method": "count", "size": 3}),
    ("multivariate_hypergeometric", ([3, 0, 4], 0), {}),
    ("dirichlet", ([0.05, 0.02, 0.01], 5), {}),
    ("dirichlet", ([0.5, 0.5],), {}),
    ("integers", (0, 1000, 50), {}),
    ("integers", (10,), {}),
    ("integers", (5,), {"size": 33, "dtype": np.uint8}),
    ("integers", (-3, 300), {"size": 33, "dtype": np.int16}),
    ("integers", (-(2**31), 2**31), {"size": 9, "dtype": np.int32}),
    ("integers", (0, 2**40, 9), {}),
    ("integers", (0, 2**64 - 1), {"size": 5, "dtype": np.uint64, "endpoint": True}),
    ("integers", (-(2**63), 2**63 - 1), {"size": 5, "endpoint": True}),
    ("integers", (0, 2), {"size": 70, "dtype": bool}),
    ("integers", (0, 1), {"size": 5, "dtype": bool, "endpoint": True}),
    ("integers", (3, 3), {"size": 4, "endpoint": True}),
    ("integers", ([0, 10, 100], [[500], [2000]]), {}),
    ("integers", ([0, 10, 100], 250), {"dtype": np.uint8}),
    ("integers", (0, [3, 2**33]), {"size": (4, 2)}),
    ("integers", (7,), {"dtype": int}),
    ("integers", (2,), {"dtype": bool}),
    ("choice", (10, 5), {}),
    ("choice", (10,), {}),
    ("choice", (100, 5), {"replace": False}),
    ("choice", (100, 5), {"replace": False, "shuffle": False}),
    ("choice", (20000, 5000), {"replace": False}),
    ("choice", (20000, 500), {"replace": False, "shuffle": False}),
    ("choice", (5, 8), {"p": [0.1, 0.2, 0.3, 0.2, 0.2]}),
    ("choice", (5, 3), {"p": [0.1, 0.2, 0.3, 0.2, 0.2], "replace": False}),
    ("choice", ([1.5, 2.5, 3.5], (2, 2)), {}),
    ("permutation", (10,), {}),
    ("permutation", (np.arange(12).reshape(4, 3),), {}),
    ("permutation", (np.arange(12).reshape(4, 3),), {"axis": 1}),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name,args,kw", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_distribution_matches(kind, name, args, kw):
    og, ng = gens(kind, 20240)
    check_call(og, ng, name, *args, **kw)


@pytest.mark.parametrize("seed", [0, 7, 2**70])
def test_sequence_of_calls(seed):
    og, ng = gens("PCG64", seed)
    for name, args, kw in CASES:
        check(getattr(og, name)(*args, **kw), getattr(ng, name)(*args, **kw))
    assert og.random() == ng.random()


@settings(max_examples=30, deadline=None)
@given(
    kind=st.sampled_from(KINDS),
    seed=st.integers(0, 2**64),
    size=st.integers(0, 300),
    loc=st.floats(-1e3, 1e3),
    scale=st.floats(0, 1e3),
    shape=st.floats(0, 40),
    p=st.floats(0, 1),
    n=st.integers(0, 2000),
    lam=st.floats(0, 1e4),
)
def test_hypothesis_params(kind, seed, size, loc, scale, shape, p, n, lam):
    og, ng = gens(kind, seed)
    check(og.normal(loc, scale, size), ng.normal(loc, scale, size))
    check(og.gamma(shape, scale, size), ng.gamma(shape, scale, size))
    check(og.binomial(n, p, size), ng.binomial(n, p, size))
    check(og.poisson(lam, size), ng.poisson(lam, size))
    check(og.uniform(loc, loc + scale, size), ng.uniform(loc, loc + scale, size))
    check(og.integers(-n, n + 1, size), ng.integers(-n, n + 1, size))
    assert og.random() == ng.random()


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    dtype=st.sampled_from(["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bool"]),
    data=st.data(),
)
def test_hypothesis_integers_every_dtype(seed, dtype, data):
    info = np.iinfo(dtype) if dtype != "bool" else None
    lo_b, hi_b = (0, 1) if info is None else (int(info.min), int(info.max))
    low = data.draw(st.integers(lo_b, hi_b))
    high = data.draw(st.integers(low, hi_b))
    endpoint = True
    og, ng = gens("PCG64", seed)
    check(og.integers(low, high, size=40, dtype=dtype, endpoint=endpoint),
          ng.integers(low, high, size=40, dtype=dtype, endpoint=endpoint))
    check(og.integers(low, high, dtype=dtype, endpoint=endpoint),
          ng.integers(low, high, dtype=dtype, endpoint=endpoint))
    assert og.random() == ng.random()


def test_out_argument():
    og, ng = gens("PCG64", 3)
    o = ox.empty((3, 4))
    n = np.empty((3, 4))
    assert og.standard_normal(out=o) is o
    ng.standard_normal(out=n)
    check(o, n)
    o32 = ox.empty(10, dtype=ox.float32)
    n32 = np.empty(10, dtype=np.float32)
    og.random(out=o32, dtype=np.float32)
    ng.random(out=n32, dtype=np.float32)
    check(o32, n32)
    og.standard_exponential(out=o)
    ng.standard_exponential(out=n)
    check(o, n)
    assert og.random() == ng.random()


def test_shuffle_in_place():
    og, ng = gens("MT19937", 11)
    o = ox.arange(20)
    n = np.arange(20)
    og.shuffle(o)
    ng.shuffle(n)
    check(o, n)
    o2 = ox.asarray(np.arange(12.0).reshape(4, 3))
    n2 = np.arange(12.0).reshape(4, 3)
    og.shuffle(o2)
    ng.shuffle(n2)
    check(o2, n2)
    lo, ln = list(range(9)), list(range(9))
    og.shuffle(lo)
    ng.shuffle(ln)
    assert lo == ln


def test_permuted():
    og, ng = gens("PCG64", 5)
    x = np.arange(24).reshape(4, 6)
    check(og.permuted(ox.asarray(x)), ng.permuted(x))
    check(og.permuted(ox.asarray(x), axis=1), ng.permuted(x, axis=1))
    check(og.permuted(ox.asarray(x), axis=0), ng.permuted(x, axis=0))
    assert og.random() == ng.random()


def test_bytes_and_spawn_and_default_rng():
    og, ng = gens("PCG64", 77)
    assert og.bytes(13) == ng.bytes(13)
    assert og.bytes(0) == ng.bytes(0)
    for a, b in zip(og.spawn(2), ng.spawn(2)):
        assert a.random() == b.random()
    check(oxr.default_rng(5).random(4), np.random.default_rng(5).random(4))
    check(oxr.default_rng([1, 2]).integers(9, size=4), np.random.default_rng([1, 2]).integers(9, size=4))
    bg = oxr.SFC64(1)
    assert oxr.default_rng(bg).bit_generator is bg
    g = oxr.default_rng(3)
    assert oxr.default_rng(g) is g


ERRORS = [
    ("normal", (0.0, -1.0), {}),
    ("normal", (0.0, [1.0, -1.0]), {}),
    ("exponential", (-1.0,), {}),
    ("gamma", (-1.0,), {}),
    ("beta", (0.0, 1.0), {}),
    ("binomial", (10, 1.5), {}),
    ("binomial", (-1, 0.5), {}),
    ("binomial", ([10, 1], [0.5, np.nan]), {}),
    ("poisson", (-1.0,), {}),
    ("poisson", (1e20,), {}),
    ("poisson", ([1.0, 1e20],), {}),
    ("geometric", (0.0,), {}),
    ("logseries", (1.0,), {}),
    ("zipf", (1.0,), {}),
    ("zipf", ([2.0, np.nan],), {}),
    ("chisquare", (0.0,), {}),
    ("wald", (1.0, 0.0), {}),
    ("triangular", (1.0, 0.0, 2.0), {}),
    ("triangular", (0.0, 3.0, 2.0), {}),
    ("triangular", (1.0, 1.0, 1.0), {}),
    ("uniform", (0.0, np.inf), {}),
    ("uniform", (2.0, 1.0), {}),
    ("integers", (5, 5), {}),
    ("integers", (0,), {}),
    ("integers", (-1, 5), {"dtype": np.uint8}),
    ("integers", (0, 257), {"dtype": np.uint8}),
    ("integers", (0, 5), {"dtype": np.float64}),
    ("hypergeometric", (10, 2, 20), {}),
    ("hypergeometric", (10**9, 2, 2), {}),
    ("negative_binomial", (0.0, 0.5), {}),
    ("negative_binomial", (1.0, 0.0), {}),
    ("choice", (5, 3), {"p": [0.5, 0.5, 0.5, 0.0, 0.0]}),
    ("choice", (5, 3), {"p": [0.5, 0.5, -0.5, 0.5, 0.0]}),
    ("choice", (5, 6), {"replace": False}),
    ("choice", (0, 1), {}),
    ("choice", ([], 1), {}),
    ("multinomial", (5, [0.9, 0.9, 0.1]), {}),
    ("multinomial", (-5, [0.5, 0.5]), {}),
    ("dirichlet", ([1.0, -1.0],), {}),
    ("multivariate_hypergeometric", ([1, 2], 5), {}),
    ("multivariate_hypergeometric", ([1, -2], 1), {}),
    ("multivariate_hypergeometric", ([1, 2], 1), {"method": "bad"}),
    ("normal", ([1.0, 2.0], 1.0), {"size": 3}),
    ("integers", ([0, 10, 100], [[5], [2000]]), {}),
]


@pytest.mark.parametrize("name,args,kw", ERRORS, ids=[f"{c[0]}-{i}" for i, c in enumerate(ERRORS)])
def test_errors_like_numpy(name, args, kw):
    og, ng = gens("PCG64", 1)
    err = raises_like(lambda: getattr(ng, name)(*args, **kw), lambda: getattr(og, name)(*args, **kw))
    np_msg = ""
    try:
        getattr(ng, name)(*args, **kw)
    except Exception as e:  # noqa: BLE001
        np_msg = str(e)
    if name not in ("integers", "choice", "normal", "multinomial") or "size" not in kw:
        if name in ("normal", "exponential", "gamma", "beta", "binomial", "poisson", "geometric",
                    "logseries", "zipf", "chisquare", "wald", "triangular", "hypergeometric",
                    "negative_binomial"):
            assert str(err) == np_msg, (str(err), np_msg)


def test_integers_returns_numpy_scalar_types():
    og, ng = gens("PCG64", 9)
    assert isinstance(og.integers(10), ox.int64)
    ng.integers(10)
    assert type(og.integers(10, dtype=int)) is int
    ng.integers(10, dtype=int)
    assert type(og.integers(2, dtype=bool)) is bool
    ng.integers(2, dtype=bool)
    assert isinstance(og.integers(5, dtype=np.uint8), ox.uint8)
    ng.integers(5, dtype=np.uint8)
    assert og.random() == ng.random()


@pytest.mark.parametrize("axis", [None, 0, 1, 2])
def test_permuted_shuffle_choice_3d(axis):
    x = np.arange(60).reshape(3, 4, 5)
    check(oxr.default_rng(3).permuted(ox.asarray(x), axis=axis), np.random.default_rng(3).permuted(x, axis=axis))
    if axis is not None:
        o, n = ox.asarray(x.copy()), x.copy()
        oxr.default_rng(4).shuffle(o, axis=axis)
        np.random.default_rng(4).shuffle(n, axis=axis)
        check(o, n)
        check(oxr.default_rng(5).choice(ox.asarray(x), 2, axis=axis), np.random.default_rng(5).choice(x, 2, axis=axis))
