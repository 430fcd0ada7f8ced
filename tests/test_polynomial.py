"""Legacy polynomial functions and oxarray.polynomial.Polynomial against NumPy's."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from oxarray.polynomial import Polynomial
from conftest import raises_like, to_numpy

coefs = st.lists(st.integers(-6, 6), min_size=1, max_size=6)


def close(o, n, tol=1e-9):
    o = np.asarray(to_numpy(o))
    n = np.asarray(n)
    assert o.shape == n.shape, (o.shape, n.shape)
    assert o.dtype == n.dtype, (o.dtype, n.dtype)
    np.testing.assert_allclose(o, n, rtol=tol, atol=tol * max(1.0, float(np.abs(n).max()) if n.size else 1.0))


def sorted_c(z):
    return np.sort_complex(np.asarray(z, dtype=complex))


@settings(max_examples=40, deadline=None)
@given(coefs, coefs, st.sampled_from(["int64", "float64", "complex128"]))
def test_arithmetic(p, q, dtype):
    a, b = np.array(p, dtype=dtype), np.array(q, dtype=dtype)
    close(ox.polyadd(ox.asarray(a), ox.asarray(b)), np.polyadd(a, b))
    close(ox.polysub(ox.asarray(a), ox.asarray(b)), np.polysub(a, b))
    close(ox.polymul(ox.asarray(a), ox.asarray(b)), np.polymul(a, b))
    if np.trim_zeros(b, "f").size and b[0] != 0:
        q_np, r_np = np.polydiv(a, b)
        q_ox, r_ox = ox.polydiv(ox.asarray(a), ox.asarray(b))
        close(q_ox, q_np)
        close(r_ox, r_np, tol=1e-7)


@settings(max_examples=40, deadline=None)
@given(coefs, st.integers(0, 3), st.sampled_from(["int64", "float64", "complex128"]))
def test_calculus_and_polyval(p, m, dtype):
    a = np.array(p, dtype=dtype)
    close(ox.polyder(ox.asarray(a), m), np.polyder(a, m))
    close(ox.polyint(ox.asarray(a), m), np.polyint(a, m))
    close(ox.polyint(ox.asarray(a), 2, k=[1.0, 2.0]), np.polyint(a, 2, k=[1.0, 2.0]))
    x = np.linspace(-2, 2, 7)
    close(ox.polyval(ox.asarray(a), ox.asarray(x)), np.polyval(a, x))
    close(ox.polyval(ox.asarray(a), ox.asarray(np.arange(4))), np.polyval(a, np.arange(4)))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=0, max_size=5, unique=True))
def test_roots_and_poly(zs):
    z = np.array(zs, dtype=float)
    c_np = np.poly(z)
    c_ox = ox.poly(ox.asarray(z))
    if isinstance(c_np, float):
        assert c_ox == c_np
        return
    close(c_ox, c_np, tol=1e-9)
    if len(c_np) > 1:
        r = to_numpy(ox.roots(ox.asarray(c_np)))
        assert r.dtype == np.roots(c_np).dtype
        np.testing.assert_allclose(sorted_c(r), sorted_c(np.roots(c_np)), atol=1e-4)


def test_roots_edge_cases():
    for p in [[0, 0, 1, 2, 0, 0], [3], [0, 0], [1, 0, 1]]:
        r_np = np.roots(p)
        r_ox = to_numpy(ox.roots(p))
        assert r_ox.shape == r_np.shape and r_ox.dtype == r_np.dtype
        np.testing.assert_allclose(sorted_c(r_ox), sorted_c(r_np), atol=1e-12)
    a = np.array([[1.0, 2.0], [3.0, 4.0]])
    close(ox.poly(ox.asarray(a)), np.poly(a))
    close(ox.poly(ox.asarray([1j, -1j])), np.poly([1j, -1j]))
    raises_like(lambda: np.poly(np.ones((2, 3))), lambda: ox.poly(ox.ones((2, 3))))


@pytest.mark.parametrize("deg", [0, 1, 3, 5])
def test_polyfit(deg):
    rng = np.random.default_rng(deg)
    x = np.linspace(-3, 3, 50)
    y = np.polyval(rng.standard_normal(deg + 1), x) + 0.01 * rng.standard_normal(50)
    close(ox.polyfit(ox.asarray(x), ox.asarray(y), deg), np.polyfit(x, y, deg), tol=1e-8)
    w = rng.random(50) + 0.5
    close(ox.polyfit(ox.asarray(x), ox.asarray(y), deg, w=ox.asarray(w)),
          np.polyfit(x, y, deg, w=w), tol=1e-8)
    y2 = np.stack([y, 2 * y + 1], axis=1)
    close(ox.polyfit(ox.asarray(x), ox.asarray(y2), deg), np.polyfit(x, y2, deg), tol=1e-8)
    full_np = np.polyfit(x, y, deg, full=True)
    full_ox = ox.polyfit(ox.asarray(x), ox.asarray(y), deg, full=True)
    close(full_ox[0], full_np[0], tol=1e-8)
    close(full_ox[1], full_np[1], tol=1e-6)
    assert int(full_ox[2]) == int(full_np[2])
    close(full_ox[3], full_np[3], tol=1e-8)
    assert full_ox[4] == full_np[4]
    for cov in [True, "unscaled"]:
        c_np, v_np = np.polyfit(x, y, deg, cov=cov)
        c_ox, v_ox = ox.polyfit(ox.asarray(x), ox.asarray(y), deg, cov=cov)
        close(c_ox, c_np, tol=1e-8)
        close(v_ox, v_np, tol=1e-6)


def test_polyfit_errors_and_warning():
    x = np.arange(5.0)
    for args in [(x, x, -1), (x.reshape(5, 1), x, 1), (x, x[:4], 1), (np.array([]), np.array([]), 1)]:
        raises_like(lambda: np.polyfit(*args), lambda: ox.polyfit(*[ox.asarray(a) if isinstance(a, np.ndarray) else a for a in args]))
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        ox.polyfit(ox.asarray([1.0, 1.0, 1.0]), ox.asarray([1.0, 2.0, 3.0]), 2)
    assert any(issubclass(w.category, ox.RankWarning) for w in rec)


def test_poly1d():
    p_np, p_ox = np.poly1d([1.0, -3.0, 2.0]), ox.poly1d([1.0, -3.0, 2.0])
    q_np, q_ox = np.poly1d([2.0, 1.0]), ox.poly1d([2.0, 1.0])
    close(p_ox.coeffs, p_np.coeffs)
    assert p_ox.order == p_np.order and len(p_ox) == len(p_np)
    np.testing.assert_allclose(sorted_c(to_numpy(p_ox.roots)), sorted_c(p_np.roots))
    close(p_ox(ox.asarray([0.0, 1.0, 5.0])), p_np(np.array([0.0, 1.0, 5.0])))
    for op in [lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a * b, lambda a, b: a * 3,
               lambda a, b: 2 + a, lambda a, b: a ** 3, lambda a, b: -a, lambda a, b: a / 2,
               lambda a, b: a.deriv(), lambda a, b: a.integ(2, k=1), lambda a, b: 1 - a]:
        close(op(p_ox, q_ox).coeffs, op(p_np, q_np).coeffs)
    qd_np, r_np = p_np / q_np
    qd_ox, r_ox = p_ox / q_ox
    close(qd_ox.coeffs, qd_np.coeffs)
    close(r_ox.coeffs, r_np.coeffs)
    assert (p_ox == ox.poly1d([1.0, -3.0, 2.0])) and p_ox != q_ox
    assert str(p_ox) == str(p_np)
    assert str(ox.poly1d([1.0, 0.0, -2.5, 1.0], variable="z")) == str(np.poly1d([1.0, 0.0, -2.5, 1.0], variable="z"))
    assert p_ox[1] == p_np[1] and p_ox[7] == p_np[7]
    close(ox.poly1d([1.0, 2.0], r=True).coeffs, np.poly1d([1.0, 2.0], r=True).coeffs)
    close(ox.poly1d([0, 0, 1, 2]).coeffs, np.poly1d([0, 0, 1, 2]).coeffs)
    assert ox.polyder(ox.poly1d([1.0, 2.0, 3.0])).__class__ is ox.poly1d


# --- Polynomial ----------------------------------------------------------------------------

NP_P = np.polynomial.Polynomial


@settings(max_examples=40, deadline=None)
@given(coefs, coefs, st.integers(0, 2))
def test_Polynomial_ops(c1, c2, m):
    a_np, b_np = NP_P(c1, domain=[0, 2]), NP_P(c2, domain=[0, 2])
    a_ox, b_ox = Polynomial(c1, domain=[0, 2]), Polynomial(c2, domain=[0, 2])
    x = np.linspace(-1, 3, 9)
    close(a_ox(ox.asarray(x)), a_np(x))
    for op in [lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a * b, lambda a, b: a * 2.5,
               lambda a, b: 3 - a, lambda a, b: a ** 2, lambda a, b: -a, lambda a, b: a / 4,
               lambda a, b: a.deriv(m), lambda a, b: a.integ(m), lambda a, b: a.integ(m, k=[1, 2], lbnd=1)
               if m == 2 else a.integ(m, lbnd=0.5)]:
        r_o, r_n = op(a_ox, b_ox), op(a_np, b_np)
        close(r_o.coef, r_n.coef)
        close(r_o.domain, r_n.domain)
    if NP_P(c2).trim().coef[-1] != 0:
        q_n, r_n = divmod(a_np, b_np)
        q_o, r_o = divmod(a_ox, b_ox)
        close(q_o.coef, q_n.coef, tol=1e-8)
        close(r_o.coef, r_n.coef, tol=1e-7)
        close((a_ox // b_ox).coef, (a_np // b_np).coef, tol=1e-8)


def test_Polynomial_fit_roots_misc():
    rng = np.random.default_rng(0)
    x = np.linspace(2, 9, 40)
    y = 1 + 2 * x - 0.5 * x ** 2 + 0.01 * rng.standard_normal(40)
    f_np = NP_P.fit(x, y, 2)
    f_ox = Polynomial.fit(ox.asarray(x), ox.asarray(y), 2)
    close(f_ox.coef, f_np.coef, tol=1e-8)
    close(f_ox.domain, f_np.domain)
    close(f_ox.window, f_np.window)
    close(f_ox(ox.asarray(x)), f_np(x), tol=1e-8)
    fw_np = NP_P.fit(x, y, 2, w=np.ones(40) * 2, window=[0, 1], domain=[0, 10])
    fw_ox = Polynomial.fit(ox.asarray(x), ox.asarray(y), 2, w=ox.ones(40) * 2, window=[0, 1], domain=[0, 10])
    close(fw_ox.coef, fw_np.coef, tol=1e-8)
    full_np = NP_P.fit(x, y, 2, full=True)[1]
    full_ox = Polynomial.fit(ox.asarray(x), ox.asarray(y), 2, full=True)[1]
    close(full_ox[0], full_np[0], tol=1e-6)
    assert int(full_ox[1]) == int(full_np[1])
    p = NP_P([2.0, -3.0, 1.0], domain=[1, 3])
    q = Polynomial([2.0, -3.0, 1.0], domain=[1, 3])
    close(q.roots(), p.roots())
    close(Polynomial([1.0, 0.0, 1.0]).roots(), NP_P([1.0, 0.0, 1.0]).roots())
    close(Polynomial.fromroots([1.0, 2.0, 3.0]).coef, NP_P.fromroots([1.0, 2.0, 3.0]).coef)
    close(Polynomial.identity().coef, NP_P.identity().coef)
    close(Polynomial.basis(3).coef, NP_P.basis(3).coef)
    assert q.degree() == p.degree() and len(q) == len(p)
    assert q == Polynomial([2.0, -3.0, 1.0], domain=[1, 3]) and q != Polynomial([2.0, -3.0, 1.0])
    close(q.linspace(5)[1], p.linspace(5)[1])
    close(Polynomial([1.0, 2.0, 0.0, 0.0]).trim().coef, NP_P([1.0, 2.0, 0.0, 0.0]).trim().coef)
    close(q.truncate(2).coef, p.truncate(2).coef)
    with pytest.raises(TypeError):
        q + Polynomial([1.0])
    assert repr(q) == repr(p)
