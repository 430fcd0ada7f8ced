"""Diagonals and triangles against NumPy: diag, diagflat, diagonal (read-only view),
trace, tri, tril, triu, the *_indices family, fill_diagonal, mask_indices."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from conftest import ALL_DTYPES, assert_same, raises_like

FAST = settings(max_examples=25, deadline=None)


@st.composite
def matrices(draw, min_dims=2, max_dims=4):
    shape = tuple(draw(st.lists(st.integers(0, 4), min_size=min_dims, max_size=max_dims)))
    dt = draw(st.sampled_from(ALL_DTYPES))
    n = int(np.prod(shape))
    a = (np.arange(n) % 7 - 2).reshape(shape).astype(dt)
    if draw(st.booleans()):
        a = np.flip(a, draw(st.integers(0, a.ndim - 1)))
    if a.ndim > 1 and draw(st.booleans()):
        a = np.swapaxes(a, -1, -2)
    return a, ox.asarray(a)


@FAST
@given(matrices(), st.integers(-5, 5), st.data())
def test_diagonal_view(p, offset, data):
    a, oa = p
    ax1 = data.draw(st.integers(-a.ndim, a.ndim - 1))
    ax2 = data.draw(st.integers(-a.ndim, a.ndim - 1))
    if ax1 % a.ndim == ax2 % a.ndim:
        raises_like(lambda: np.diagonal(a, offset, ax1, ax2), lambda: ox.diagonal(oa, offset, ax1, ax2))
        return
    exp = np.diagonal(a, offset, ax1, ax2)
    got = ox.diagonal(oa, offset, ax1, ax2)
    assert_same(got, exp)
    assert not got.flags.writeable
    assert ox.may_share_memory(got, oa) == np.may_share_memory(exp, a)
    assert_same(oa.diagonal(offset, ax1, ax2), a.diagonal(offset, ax1, ax2))
    if exp.size:
        assert_same(ox.trace(oa, offset, ax1, ax2), np.trace(a, offset, ax1, ax2))
        assert_same(oa.trace(offset, ax1, ax2), a.trace(offset, ax1, ax2))


@FAST
@given(matrices(min_dims=1, max_dims=2), st.integers(-3, 3))
def test_diag_diagflat(p, k):
    a, oa = p
    got, exp = ox.diag(oa, k), np.diag(a, k)
    assert_same(got, exp)
    assert got.flags.c_contiguous == exp.flags.c_contiguous
    assert got.flags.writeable == exp.flags.writeable
    assert ox.may_share_memory(got, oa) == np.may_share_memory(exp, a)
    assert_same(ox.diagflat(oa, k), np.diagflat(a, k))


@FAST
@given(matrices(min_dims=1, max_dims=4), st.integers(-4, 4))
def test_tril_triu(p, k):
    a, oa = p
    for f, g in ((ox.tril, np.tril), (ox.triu, np.triu)):
        got, exp = f(oa, k), g(a, k)
        assert_same(got, exp)
        assert got.flags.c_contiguous == exp.flags.c_contiguous
        assert got.flags.f_contiguous == exp.flags.f_contiguous
        assert not ox.may_share_memory(got, oa)


@FAST
@given(st.integers(0, 5), st.one_of(st.none(), st.integers(0, 5)), st.integers(-6, 6),
       st.sampled_from(ALL_DTYPES))
def test_tri_and_indices(n, m, k, dt):
    assert_same(ox.tri(n, m, k, dtype=dt), np.tri(n, m, k, dtype=dt))
    for f, g in ((ox.tril_indices, np.tril_indices), (ox.triu_indices, np.triu_indices)):
        for x, y in zip(f(n, k, m), g(n, k, m)):
            assert_same(x, y)
    arr = np.zeros((n, m if m is not None else n))
    for f, g in ((ox.tril_indices_from, np.tril_indices_from),
                 (ox.triu_indices_from, np.triu_indices_from)):
        for x, y in zip(f(ox.asarray(arr), k), g(arr, k)):
            assert_same(x, y)
    for x, y in zip(ox.diag_indices(n, 3), np.diag_indices(n, 3)):
        assert_same(x, y)
    for x, y in zip(ox.mask_indices(n, ox.triu, k), np.mask_indices(n, np.triu, k)):
        assert_same(x, y)


def test_diag_errors():
    raises_like(lambda: np.diag(np.zeros((2, 2, 2))), lambda: ox.diag(ox.zeros((2, 2, 2))))
    raises_like(lambda: np.diagonal(np.zeros(3)), lambda: ox.diagonal(ox.zeros(3)))
    raises_like(lambda: np.diagonal(np.zeros((2, 2)), 0, 0, 5), lambda: ox.diagonal(ox.zeros((2, 2)), 0, 0, 5))
    raises_like(lambda: np.tril_indices_from(np.zeros(3)), lambda: ox.tril_indices_from(ox.zeros(3)))
    raises_like(lambda: np.diag_indices_from(np.zeros((2, 3))), lambda: ox.diag_indices_from(ox.zeros((2, 3))))
    d = ox.diagonal(ox.zeros((3, 3)))
    raises_like(lambda: np.diagonal(np.zeros((3, 3))).__setitem__(0, 1), lambda: d.__setitem__(0, 1))


@FAST
@given(st.integers(1, 5), st.integers(1, 5), st.booleans(), st.sampled_from(ALL_DTYPES))
def test_fill_diagonal(n, m, wrap, dt):
    a = np.zeros((n, m), dtype=dt)
    oa = ox.zeros((n, m), dtype=dt)
    np.fill_diagonal(a, [1, 2])
    ox.fill_diagonal(oa, [1, 2])
    assert_same(oa, a)
    b = np.zeros((2 * n + 1, n), dtype=dt)
    ob = ox.zeros((2 * n + 1, n), dtype=dt)
    np.fill_diagonal(b, 3, wrap=wrap)
    ox.fill_diagonal(ob, 3, wrap=wrap)
    assert_same(ob, b)
    c = np.zeros((3, 3, 3), dtype=dt)
    oc = ox.zeros((3, 3, 3), dtype=dt)
    np.fill_diagonal(c, 1)
    ox.fill_diagonal(oc, 1)
    assert_same(oc, c)
    raises_like(lambda: np.fill_diagonal(np.zeros(3), 1), lambda: ox.fill_diagonal(ox.zeros(3), 1))
    raises_like(lambda: np.fill_diagonal(np.zeros((2, 2, 3)), 1), lambda: ox.fill_diagonal(ox.zeros((2, 2, 3)), 1))
