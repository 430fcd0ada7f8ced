"""dot, vdot, inner, outer, tensordot, kron, cross, vecdot/matvec/vecmat against NumPy."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox

from conftest import raises_like, to_numpy

RNG = np.random.default_rng(7)
DTYPES = ["bool", "int8", "int32", "int64", "uint16", "float16", "float32", "float64",
          "complex64", "complex128"]


def _data(shape, dtype):
    dt = np.dtype(dtype)
    if dt.kind == "c":
        return (RNG.integers(-3, 4, shape) + 1j * RNG.integers(-3, 4, shape)).astype(dt)
    if dt.kind == "b":
        return RNG.integers(0, 2, shape).astype(dt)
    if dt.kind == "u":
        return RNG.integers(0, 5, shape).astype(dt)
    return RNG.integers(-4, 5, shape).astype(dt)


def check(got, want):
    """Same kind (array/scalar), shape, dtype; values close (exact for small integers)."""
    if isinstance(want, np.ndarray):
        assert isinstance(got, ox.ndarray), type(got)
        g = np.asarray(got)
    else:
        assert isinstance(got, ox.generic), type(got)
        g = to_numpy(got)
    assert g.shape == np.shape(want), (g.shape, np.shape(want))
    assert g.dtype == want.dtype, (g.dtype, want.dtype)
    if want.dtype.kind in "fc":
        tol = 1e-2 if want.dtype in (np.float16,) else 1e-5
        np.testing.assert_allclose(g, want, rtol=tol, atol=tol)
    else:
        np.testing.assert_array_equal(g, want)


shapes = st.lists(st.integers(0, 4), min_size=0, max_size=3)


@settings(max_examples=40, deadline=None)
@given(sa=shapes, sb=shapes, dtype=st.sampled_from(DTYPES), data=st.data())
def test_dot_hypothesis(sa, sb, dtype, data):
    # Make the contracted dimension agree most of the time.
    if sa and len(sb) >= 2 and data.draw(st.booleans()):
        sb[-2] = sa[-1]
    elif sa and len(sb) == 1 and data.draw(st.booleans()):
        sb[0] = sa[-1]
    a, b = _data(tuple(sa), dtype), _data(tuple(sb), dtype)
    try:
        want = np.dot(a, b)
    except ValueError:
        raises_like(lambda: np.dot(a, b), lambda: ox.dot(a, b))
        return
    check(ox.dot(a, b), want)
    check(ox.asarray(a).dot(b) if a.ndim else ox.dot(a, b), want)


@settings(max_examples=40, deadline=None)
@given(sa=shapes, sb=shapes, dtype=st.sampled_from(DTYPES), data=st.data())
def test_inner_hypothesis(sa, sb, dtype, data):
    if sa and sb and data.draw(st.booleans()):
        sb[-1] = sa[-1]
    a, b = _data(tuple(sa), dtype), _data(tuple(sb), dtype)
    try:
        want = np.inner(a, b)
    except ValueError:
        raises_like(lambda: np.inner(a, b), lambda: ox.inner(a, b))
        return
    check(ox.inner(a, b), want)


@settings(max_examples=30, deadline=None)
@given(sa=shapes, sb=shapes, dtype=st.sampled_from(DTYPES))
def test_outer_kron_hypothesis(sa, sb, dtype):
    a, b = _data(tuple(sa), dtype), _data(tuple(sb), dtype)
    check(ox.outer(a, b), np.outer(a, b))
    check(ox.kron(a, b), np.kron(a, b))


@settings(max_examples=40, deadline=None)
@given(shape=st.lists(st.integers(1, 4), min_size=1, max_size=4),
       dtype=st.sampled_from(DTYPES), data=st.data())
def test_tensordot_hypothesis(shape, dtype, data):
    nd = len(shape)
    k = data.draw(st.integers(0, nd))
    axes_a = data.draw(st.permutations(range(nd)))[:k]
    extra = data.draw(st.lists(st.integers(1, 3), max_size=2))
    # b holds the contracted axes in a random order, plus extra ones.
    b_axes = [shape[ax] for ax in axes_a] + extra
    perm = data.draw(st.permutations(range(len(b_axes))))
    b_shape = [b_axes[p] for p in perm]
    axes_b = [perm.index(i) for i in range(k)]
    a, b = _data(tuple(shape), dtype), _data(tuple(b_shape), dtype)
    check(ox.tensordot(a, b, (axes_a, axes_b)), np.tensordot(a, b, (axes_a, axes_b)))


def test_tensordot_int_axes():
    a, b = _data((2, 3, 4), "float64"), _data((3, 4, 5), "float64")
    for n in (0, 1, 2):
        bb = b if n != 1 else _data((4, 5), "float64")
        check(ox.tensordot(a, bb, n), np.tensordot(a, bb, n))
    check(ox.tensordot(a, b), np.tensordot(a, b))
    c = _data((3, 2), "float64")
    check(ox.tensordot(a, c, (1, 0)), np.tensordot(a, c, (1, 0)))
    raises_like(lambda: np.tensordot(a, b, (0, 0)), lambda: ox.tensordot(a, b, (0, 0)))
    raises_like(lambda: np.tensordot(a, b, ([0, 1], [0])),
                lambda: ox.tensordot(a, b, ([0, 1], [0])))


def test_vdot():
    for dtype in DTYPES:
        a, b = _data((2, 3), dtype), _data((3, 2), dtype)
        check(ox.vdot(a, b), np.vdot(a, b))
    raises_like(lambda: np.vdot(np.ones(3), np.ones(4)), lambda: ox.vdot(np.ones(3), np.ones(4)))


def test_dot_out_and_method():
    a, b = _data((3, 4), "float64"), _data((4, 5), "float64")
    out = ox.zeros((3, 5))
    r = ox.dot(a, b, out=out)
    assert r is out
    check(out, np.dot(a, b))
    r = ox.asarray(a).dot(b, out=out)
    assert r is out
    check(out, np.dot(a, b))
    raises_like(lambda: np.dot(a, b, out=np.zeros((3, 5), np.float32)),
                lambda: ox.dot(a, b, out=ox.zeros((3, 5), dtype="float32")))
    raises_like(lambda: np.dot(a, b, out=np.zeros((5, 3)).T),
                lambda: ox.dot(a, b, out=ox.zeros((5, 3)).T))
    check(ox.asarray(a).dot(b), np.dot(a, b))
    # Mixed dtypes promote.
    check(ox.dot(a.astype(np.int32), b.astype(np.float32)),
          np.dot(a.astype(np.int32), b.astype(np.float32)))
    # Large: GEMM path.
    x, y = RNG.standard_normal((300, 200)), RNG.standard_normal((200, 100))
    np.testing.assert_allclose(np.asarray(ox.dot(x, y)), x @ y, rtol=1e-12, atol=1e-12)
    v = RNG.standard_normal(100_000)
    assert abs(float(ox.dot(v, v)) - float(v @ v)) < 1e-8 * float(v @ v)


def test_outer_out():
    a, b = _data(3, "float64"), _data((2, 2), "float64")
    out = ox.zeros((3, 4))
    assert ox.outer(a, b, out=out) is out
    check(out, np.outer(a, b))


@pytest.mark.parametrize("na,nb", [(3, 3), (2, 3), (3, 2), (2, 2)])
@pytest.mark.parametrize("dtype", ["int64", "float32", "float64", "complex128"])
def test_cross(na, nb, dtype):
    a, b = _data((4, na), dtype), _data((5, 1, nb), dtype)
    if 2 in (na, nb):
        with pytest.warns(DeprecationWarning):
            want = np.cross(a, b)
        with pytest.warns(DeprecationWarning):
            got = ox.cross(a, b)
    else:
        want, got = np.cross(a, b), ox.cross(a, b)
    check(got, want)


def test_cross_axes():
    a, b = _data((3, 4), "float64"), _data((4, 3), "float64")
    check(ox.cross(a, b, axisa=0, axisb=1), np.cross(a, b, axisa=0, axisb=1))
    check(ox.cross(a, b, axisa=0, axisb=1, axisc=0), np.cross(a, b, axisa=0, axisb=1, axisc=0))
    c = _data((3, 5, 3), "float64")
    check(ox.cross(c, c[::-1], axis=0), np.cross(c, c[::-1], axis=0))
    raises_like(lambda: np.cross(np.ones(4), np.ones(3)), lambda: ox.cross(np.ones(4), np.ones(3)))
    raises_like(lambda: np.cross(np.ones(3), np.ones(3), axisa=2),
                lambda: ox.cross(np.ones(3), np.ones(3), axisa=2))
    raises_like(lambda: np.cross(np.float64(1), np.ones(3)),
                lambda: ox.cross(ox.float64(1), np.ones(3)))


@pytest.mark.parametrize("name,sa,sb", [
    ("vecdot", (4, 3), (3,)), ("vecdot", (2, 1, 5), (3, 5)), ("vecdot", (0, 3), (3,)),
    ("matvec", (2, 4, 3), (3,)), ("matvec", (4, 3), (5, 3)),
    ("vecmat", (3,), (2, 3, 4)), ("vecmat", (5, 3), (3, 4)),
])
@pytest.mark.parametrize("dtype", DTYPES)
def test_gufuncs(name, sa, sb, dtype):
    a, b = _data(sa, dtype), _data(sb, dtype)
    check(getattr(ox, name)(a, b), getattr(np, name)(a, b))


def test_gufunc_objects():
    for name in ("vecdot", "matvec", "vecmat"):
        u, nu = getattr(ox, name), getattr(np, name)
        assert isinstance(u, ox.ufunc)
        assert u.signature == nu.signature
        assert u.nin == 2 and u.nout == 1
    a = _data((3, 4), "complex128")
    out = ox.zeros(3, dtype="complex128")
    assert ox.vecdot(a, a, out=out) is out
    check(out, np.vecdot(a, a))
    raises_like(lambda: np.vecdot(np.ones(3), np.ones(4)), lambda: ox.vecdot(np.ones(3), np.ones(4)))
    raises_like(lambda: np.matvec(np.ones((2, 3)), np.ones(4)),
                lambda: ox.matvec(np.ones((2, 3)), np.ones(4)))


def test_errors_name_shapes():
    a, b = np.ones((2, 3)), np.ones((4, 5))
    e = raises_like(lambda: np.dot(a, b), lambda: ox.dot(a, b))
    assert "(2,3)" in str(e) and "(4,5)" in str(e)
    e = raises_like(lambda: np.inner(a, b), lambda: ox.inner(a, b))
    assert "(2,3)" in str(e)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("n", [1, 15, 16, 17, 31, 32, 33, 35, 63, 64, 65, 71, 100, 129, 32768, 131071,
                               131072, 131073, 400_003])
def test_long_dot_simd_and_threads(dtype, n):
    """The SIMD dot (contiguous float32/float64) and its split of long vectors over threads:
    close to NumPy's BLAS dot, and the same bits at every thread count."""
    rng = np.random.default_rng(n)
    a = rng.standard_normal(n).astype(dtype)
    b = rng.standard_normal(n).astype(dtype)
    x, y = ox.asarray(a), ox.asarray(b)
    with ox.num_threads(1):
        one = [ox.dot(x, y), ox.vdot(x, y), ox.inner(x, y), ox.vecdot(x, y), ox.matvec(x[None], y)[0]]
    with ox.num_threads(2):
        two = [ox.dot(x, y), ox.vdot(x, y), ox.inner(x, y), ox.vecdot(x, y), ox.matvec(x[None], y)[0]]
    want = np.dot(a, b)
    tol = np.finfo(dtype).eps * 4 * float(np.dot(np.abs(a), np.abs(b)))
    for r1, r2 in zip(one, two):
        v1, v2 = to_numpy(r1), to_numpy(r2)
        assert np.asarray(v1).dtype == np.dtype(dtype)
        assert abs(float(v1) - float(want)) <= tol
        assert float(v1) == float(v2)
