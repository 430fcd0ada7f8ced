"""Ufuncs of other libraries (``numpy.ufunc`` objects that are not NumPy's own, e.g.
``scipy.special``'s) called on oxarray operands: NumPy's loop runs on zero-copy views and the
results are oxarray, compared with the same call on NumPy arrays."""

import numpy as np
import pytest

import oxarray as ox

sps = pytest.importorskip("scipy.special")


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_foreign_unary_binary(dtype):
    a = np.linspace(0.05, 1.9, 7, dtype=dtype)
    b = np.linspace(0.5, 3.0, 7, dtype=dtype)
    for f, args in [(sps.erfcinv, (a,)), (sps.gammaincc, (b, a)), (sps.beta, (a, b))]:
        want = f(*args)
        got = f(*(ox.asarray(x) for x in args))
        assert isinstance(got, ox.ndarray)
        assert np.asarray(got).dtype == want.dtype
        np.testing.assert_array_equal(np.asarray(got), want)


def test_foreign_mixed_numpy_and_strided():
    a = np.linspace(0.1, 1.5, 12).reshape(3, 4)
    got = sps.beta(ox.asarray(a)[:, ::2], a[:, 1::2])  # beta: a raw ufunc in SciPy
    assert isinstance(got, ox.ndarray)
    np.testing.assert_array_equal(np.asarray(got), sps.beta(a[:, ::2], a[:, 1::2]))


def test_foreign_out_and_where():
    a = np.linspace(0.1, 1.5, 6)
    out = ox.zeros(6)
    r = sps.erfcinv(ox.asarray(a), out=(out,))
    assert r is out
    np.testing.assert_array_equal(np.asarray(out), sps.erfcinv(a))
    out2 = ox.full(6, -1.0)
    mask = ox.asarray([True, False] * 3)
    sps.erfcinv(ox.asarray(a), out=out2, where=mask)
    want = np.full(6, -1.0)
    sps.erfcinv(a, out=want, where=np.asarray(mask))
    np.testing.assert_array_equal(np.asarray(out2), want)


def test_foreign_two_outputs():
    x = np.linspace(0.1, 2.0, 5)
    got = sps.fresnel(ox.asarray(x))
    want = sps.fresnel(x)
    assert isinstance(got, tuple) and len(got) == 2
    for g, w in zip(got, want):
        assert isinstance(g, ox.ndarray)
        np.testing.assert_array_equal(np.asarray(g), w)


def test_foreign_scalar_rules():
    # oxarray's rule: a 0-d array operand gives a 0-d array (NumPy would give a scalar).
    r = sps.erfcinv(ox.asarray(0.3))
    assert isinstance(r, ox.ndarray) and r.shape == ()
    assert float(r) == sps.erfcinv(0.3)


def test_numpy_ufunc_missing_in_oxarray_still_raises():
    # NumPy's own ufuncs are oxarray's ufunc of the same name, never NumPy's loop.
    assert np.add(ox.asarray([1.0]), 1.0).__class__ is ox.ndarray
