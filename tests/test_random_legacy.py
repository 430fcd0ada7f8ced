"""oxarray.random.RandomState and the module-level functions against NumPy's legacy API:
legacy MT19937 seeding, the polar Gaussian with its cached value, the legacy
distributions, get_state/set_state tuples and dicts."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
import oxarray.random as oxr
from conftest import assert_same, raises_like


def check(o, n):
    if isinstance(n, np.ndarray):
        assert isinstance(o, ox.ndarray), type(o)
        assert o.shape == n.shape and o.dtype.str == n.dtype.str, (o.shape, n.shape, o.dtype, n.dtype)
        assert np.array_equal(np.asarray(o), n, equal_nan=True)
    else:
        assert_same(o, n)


def same_state(o, n):
    so, sn = o.get_state(), n.get_state()
    assert so[0] == sn[0]
    assert np.array_equal(np.asarray(so[1]), sn[1])
    assert so[2:] == sn[2:]


A23 = [[1.5, 2.0, 3.0], [4.0, 5.0, 0.5]]

CASES = [
    ("rand", (3, 4), {}),
    ("rand", (), {}),
    ("randn", (1001,), {}),
    ("randn", (), {}),
    ("randn", (3,), {}),
    ("random_sample", (5,), {}),
    ("random", ((2, 2),), {}),
    ("randint", (0, 10, 20), {}),
    ("randint", (10,), {}),
    ("randint", (5,), {"size": 33, "dtype": np.uint8}),
    ("randint", (-300, 300), {"size": 33, "dtype": np.int16}),
    ("randint", (0, 2**40, 9), {}),
    ("randint", (0, 2), {"size": 40, "dtype": bool}),
    ("randint", ([0, 5], [[10], [100]]), {}),
    ("tomaxint", (4,), {}),
    ("standard_normal", (5,), {}),
    ("normal", (1.0, 2.0, 7), {}),
    ("normal", ([1.0, 2.0, 3.0], [[1.0], [2.0]]), {}),
    ("uniform", (2.0, 1.0, 5), {}),
    ("uniform", ([0.0, 1.0], 3.0), {}),
    ("exponential", (2.0, 50), {}),
    ("standard_exponential", (50,), {}),
    ("standard_gamma", (0.3, 50), {}),
    ("standard_gamma", (A23,), {}),
    ("gamma", (2.0, 1.0, 100), {}),
    ("gamma", (0.5, 2.0, 100), {}),
    ("beta", (0.5, 0.5, 100), {}),
    ("beta", (2.0, 3.0, 100), {}),
    ("chisquare", (3.0, 50), {}),
    ("f", (3.0, 4.0, 50), {}),
    ("noncentral_chisquare", (3.0, 2.0, 50), {}),
    ("noncentral_chisquare", (0.5, 2.0, 50), {}),
    ("noncentral_f", (3.0, 4.0, 2.0, 50), {}),
    ("standard_t", (5.0, 50), {}),
    ("standard_cauchy", (50,), {}),
    ("laplace", (0.0, 1.0, 50), {}),
    ("logistic", (0.0, 1.0, 50), {}),
    ("lognormal", (0.0, 1.0, 50), {}),
    ("gumbel", (0.0, 1.0, 50), {}),
    ("pareto", (3.0, 50), {}),
    ("power", (3.0, 50), {}),
    ("rayleigh", (2.0, 50), {}),
    ("wald", (1.0, 2.0, 50), {}),
    ("weibull", (2.0, 50), {}),
    ("vonmises", (0.0, 4.0, 50), {}),
    ("triangular", (0.0, 1.0, 3.0, 50), {}),
    ("geometric", (0.2, 50), {}),
    ("geometric", (0.5, 50), {}),
    ("poisson", (3.0, 100), {}),
    ("poisson", (30.0, 100), {}),
    ("poisson", ([1.0, 20.0],), {}),
    ("binomial", (10, 0.3, 100), {}),
    ("binomial", (1000, 0.6, 100), {}),
    ("binomial", (0, 0.6, 5), {}),
    ("binomial", (1603, 0.839754649538355, 3000), {}),
    ("binomial", (5, 0.0, 5), {}),
    ("binomial", ([5, 500], 0.4), {}),
    ("negative_binomial", (5.0, 0.5, 50), {}),
    ("logseries", (0.7, 50), {}),
    ("zipf", (2.0, 50), {}),
    ("hypergeometric", (10, 20, 5, 50), {}),
    ("hypergeometric", (100, 200, 50, 50), {}),
    ("hypergeometric", ([10, 100], [20, 200], [5, 150]), {}),
    ("multinomial", (20, [0.2, 0.3, 0.5], 4), {}),
    ("dirichlet", ([1.0, 2.0, 3.0], 5), {}),
    ("dirichlet", ([0.05, 0.02], 5), {}),
    ("choice", (10, 5), {}),
    ("choice", (10,), {}),
    ("choice", (100, 5), {"replace": False}),
    ("choice", (5, 8), {"p": [0.1, 0.2, 0.3, 0.2, 0.2]}),
    ("choice", (5, 3), {"p": [0.1, 0.2, 0.3, 0.2, 0.2], "replace": False}),
    ("choice", ([1.5, 2.5, 3.5], 4), {}),
    ("permutation", (10,), {}),
    ("permutation", (np.arange(12).reshape(4, 3),), {}),
]


@pytest.mark.parametrize("seed", [0, 12345, 2**32 - 1, [1, 2, 3]])
@pytest.mark.parametrize("name,args,kw", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_randomstate_matches(seed, name, args, kw):
    o, n = oxr.RandomState(seed), np.random.RandomState(seed)
    o.randn()  # leave a cached Gaussian behind, as scripts do
    n.randn()
    check(getattr(o, name)(*args, **kw), getattr(n, name)(*args, **kw))
    same_state(o, n)
    assert o.random_sample() == n.random_sample()


def test_bytes_shuffle_and_state_tuples():
    o, n = oxr.RandomState(4), np.random.RandomState(4)
    assert o.bytes(11) == n.bytes(11)
    xo, xn = ox.arange(15), np.arange(15)
    o.shuffle(xo)
    n.shuffle(xn)
    check(xo, xn)
    o.randn()
    n.randn()
    st = n.get_state()
    o2 = oxr.RandomState()
    o2.set_state(st)  # NumPy tuple -> oxarray
    n2 = np.random.RandomState()
    n2.set_state(o.get_state())  # oxarray tuple -> NumPy
    check(o2.randn(5), n.randn(5))
    check(o.randn(5), n2.randn(5))
    d = o.get_state(legacy=False)
    assert d["bit_generator"] == "MT19937" and d["has_gauss"] in (0, 1)
    n3 = np.random.RandomState()
    n3.set_state({k: (np.asarray(v) if isinstance(v, ox.ndarray) else v) for k, v in d.items()})
    check(o.rand(3), n3.rand(3))


def test_module_level_functions():
    oxr.seed(2024)
    np.random.seed(2024)
    for name, args in [
        ("rand", (3,)),
        ("randn", (4,)),
        ("randint", (0, 9, 5)),
        ("random_sample", (3,)),
        ("random", (3,)),
        ("ranf", (2,)),
        ("sample", (2,)),
        ("normal", (0.0, 1.0, 3)),
        ("uniform", (0.0, 2.0, 3)),
        ("binomial", (10, 0.5, 3)),
        ("poisson", (4.0, 3)),
        ("exponential", (1.0, 3)),
        ("gamma", (2.0, 1.0, 3)),
        ("beta", (2.0, 2.0, 3)),
        ("standard_normal", (3,)),
        ("choice", (5, 3)),
        ("permutation", (6,)),
        ("dirichlet", ([1.0, 2.0],)),
    ]:
        check(getattr(oxr, name)(*args), getattr(np.random, name)(*args))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        check(oxr.random_integers(1, 6, 5), np.random.random_integers(1, 6, 5))
    st = oxr.get_state()
    np.random.set_state(st[:1] + (np.asarray(st[1]),) + st[2:])
    check(oxr.rand(3), np.random.rand(3))
    assert isinstance(oxr.get_bit_generator(), oxr.MT19937)
    with pytest.warns(DeprecationWarning):
        oxr.random_integers(3)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(0, 400), lam=st.floats(0, 1e4),
       p=st.floats(0, 1), trials=st.integers(0, 5000))
def test_hypothesis_legacy(seed, n, lam, p, trials):
    o, g = oxr.RandomState(seed), np.random.RandomState(seed)
    check(o.randn(n), g.randn(n))
    check(o.rand(n), g.rand(n))
    check(o.poisson(lam, n), g.poisson(lam, n))
    check(o.binomial(trials, p, n), g.binomial(trials, p, n))
    check(o.gamma(lam / 100 + 0.01, 1.0, n), g.gamma(lam / 100 + 0.01, 1.0, n))
    check(o.randint(-trials - 1, trials + 1, n), g.randint(-trials - 1, trials + 1, n))
    same_state(o, g)


ERRORS = [
    ("normal", (0.0, -1.0), {}),
    ("binomial", (-1, 0.5), {}),
    ("binomial", (10, 1.5), {}),
    ("poisson", (-1.0,), {}),
    ("randint", (5, 5), {}),
    ("randint", (0,), {}),
    ("hypergeometric", (10, 2, 20), {}),
    ("hypergeometric", (10, 2, 0), {}),
    ("dirichlet", ([1.0, 0.0],), {}),
    ("choice", (5, 6), {"replace": False}),
    ("choice", (5, 3), {"p": [0.5, 0.5, 0.5, 0.0, 0.0]}),
    ("choice", (np.ones((2, 2)),), {}),
    ("uniform", (0.0, np.inf), {}),
]


@pytest.mark.parametrize("name,args,kw", ERRORS, ids=[f"{c[0]}-{i}" for i, c in enumerate(ERRORS)])
def test_legacy_errors(name, args, kw):
    o, n = oxr.RandomState(1), np.random.RandomState(1)
    raises_like(lambda: getattr(n, name)(*args, **kw), lambda: getattr(o, name)(*args, **kw))


def test_set_state_errors():
    o = oxr.RandomState(1)
    with pytest.raises(TypeError):
        o.set_state(5)
    with pytest.raises(ValueError):
        o.set_state(("PCG64", None, 0))
    with pytest.raises(ValueError):
        o.set_state({"bit_generator": "MT19937"})
