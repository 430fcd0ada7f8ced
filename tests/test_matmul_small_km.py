"""float64 products with small k and m (both <= 16) and many rows, which matmul computes
with its thin kernel (`kernels/matmul/thin.rs`: the output rows' vectors in registers,
AVX2+FMA). Checked against NumPy to float tolerance for every k and m up to 16 (and 17,
past the limit), row counts around the kernel's row blocks, strided, transposed,
negative-stride and stacked operands, `out=` in C and F order, inf/NaN, and identical
results at 1 and 2 threads."""

import numpy as np
import pytest

import oxarray as ox


def _check(a, b, threads=1, out=None):
    with ox.num_threads(threads):
        if out is None:
            got = np.asarray(ox.asarray(a) @ ox.asarray(b))
        else:
            xo = ox.asarray(out)
            r = ox.matmul(ox.asarray(a), ox.asarray(b), out=xo)
            got = np.asarray(r)
    want = a @ b
    assert got.dtype == want.dtype
    assert got.shape == want.shape
    scale = max(np.abs(a).max(initial=0) * np.abs(b).max(initial=0) * a.shape[-1], 1e-300)
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-14 * scale)
    return got


@pytest.mark.parametrize("k", list(range(1, 18)))
@pytest.mark.parametrize("m", [1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 16, 17])
def test_all_small_k_m(k, m):
    rng = np.random.default_rng(k * 100 + m)
    for n in (413, 64 * 64 // max(k * m, 1) + 3):
        a = rng.standard_normal((n, k))
        b = rng.standard_normal((k, m))
        _check(a, b)
        _check(a, b.T.copy().T)


@pytest.mark.parametrize("n", [1, 2, 5, 7, 8, 9, 41, 63, 64, 65, 1000])
def test_row_counts(n):
    rng = np.random.default_rng(n)
    a = rng.standard_normal((n, 10)) * 1e3
    b = rng.standard_normal((10, 10))
    _check(a, b)
    _check(a, b.T)


def test_layouts_and_out():
    rng = np.random.default_rng(3)
    base = rng.standard_normal((3000, 24))
    b = rng.standard_normal((12, 10))
    for a in (base[:, ::2], base[::-1, :12], base[:, 12:][:, ::-1], base.T.copy().T[:, :12],
              np.asfortranarray(base[:, :12])):
        _check(a, b)
        _check(a, b[::-1])
        _check(a, b.T.copy().T[:, ::-1])
    a = base[:, :12]
    for order in "CF":
        out = np.zeros((3000, 10), order=order)
        got = _check(a, b, out=out)
        np.testing.assert_allclose(got, a @ b, rtol=1e-13, atol=1e-12)
    stack = rng.standard_normal((3, 500, 6))
    _check(stack, rng.standard_normal((6, 5)))
    _check(stack, rng.standard_normal((3, 6, 5)))


def test_inf_nan_and_zero_k():
    rng = np.random.default_rng(4)
    a = rng.standard_normal((500, 10))
    a[3, 2] = np.inf
    a[7, 0] = np.nan
    a[9, 9] = -np.inf
    b = rng.standard_normal((10, 10))
    with np.errstate(invalid="ignore"):
        want = a @ b
    with ox.errstate(invalid="ignore"):
        got = np.asarray(ox.asarray(a) @ ox.asarray(b))
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
    fin = np.isfinite(want)
    np.testing.assert_array_equal(got[~fin], want[~fin])
    np.testing.assert_allclose(got[fin], want[fin], rtol=1e-12, atol=1e-12)
    z = np.zeros((500, 0)) @ np.zeros((0, 7))
    gz = np.asarray(ox.zeros((500, 0)) @ ox.zeros((0, 7)))
    np.testing.assert_array_equal(gz, z)
    assert gz.shape == z.shape


def test_threads_identical():
    rng = np.random.default_rng(5)
    a = rng.standard_normal((100_000, 10))
    b = rng.standard_normal((10, 10)).T
    one = _check(a, b, threads=1)
    two = _check(a, b, threads=2)
    np.testing.assert_array_equal(one, two)
    assert one.tobytes() == two.tobytes()


def test_other_float_types_unchanged():
    rng = np.random.default_rng(6)
    a = rng.standard_normal((2000, 10))
    b = rng.standard_normal((10, 10))
    for dt in (np.float32, np.complex128):
        got = np.asarray(ox.asarray(a.astype(dt)) @ ox.asarray(b.astype(dt)))
        want = a.astype(dt) @ b.astype(dt)
        assert got.dtype == want.dtype
        np.testing.assert_allclose(got, want, rtol=1e-5)
