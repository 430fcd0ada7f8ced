"""Thin products (one dimension below 64, 2^20 to 2^23 multiply-adds) that matmul splits
into equal runs of output rows or columns, one single-threaded product per thread
(`kernels/matmul/mod.rs::split_gemm`). Checked against NumPy at 1 and 2 threads, for
every float type, both split directions, sizes around the 16-element run granularity,
strided and transposed operands, stacks, and inputs left untouched."""

import numpy as np
import pytest

import oxarray as ox

TYPES = [np.float32, np.float64, np.complex64, np.complex128]


def _rand(rng, shape, dt):
    a = rng.standard_normal(shape)
    if np.issubdtype(dt, np.complexfloating):
        a = a + 1j * rng.standard_normal(shape)
    return a.astype(dt)


def _tol(dt, k):
    eps = np.finfo(dt).eps
    return 8 * eps * k


def _check(a, b, dt, threads):
    xa, xb = ox.asarray(a), ox.asarray(b)
    a0, b0 = a.copy(), b.copy()
    with ox.num_threads(threads):
        got = np.asarray(xa @ xb)
    want = a.astype(np.complex128 if np.iscomplexobj(a) else np.float64) @ b
    assert got.dtype == (a @ b).dtype
    assert got.shape == want.shape
    scale = np.abs(a).max() * np.abs(b).max() * a.shape[-1]
    assert np.max(np.abs(got - want)) <= _tol(dt, a.shape[-1]) * scale
    np.testing.assert_array_equal(np.asarray(xa), a0)
    np.testing.assert_array_equal(np.asarray(xb), b0)


@pytest.mark.parametrize("dt", TYPES)
@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize(
    "n,k,m",
    [
        (400, 300, 20),  # the bench row: rows split
        (401, 300, 20),  # not a multiple of 16
        (417, 301, 63),
        (4000, 300, 1),  # a matrix-vector-like product
        (20, 300, 400),  # columns split
        (33, 257, 401),
        (1, 3000, 700),
        (3000, 64, 10),
        (20000, 10, 10),  # two thin dimensions: one thread
        (100, 100, 100),  # below the split threshold
    ],
)
def test_thin_products(n, k, m, dt, threads):
    rng = np.random.default_rng(n * 7 + k + m)
    _check(_rand(rng, (n, k), dt), _rand(rng, (k, m), dt), dt, threads)


@pytest.mark.parametrize("dt", [np.float64, np.complex64])
@pytest.mark.parametrize("threads", [1, 2])
def test_thin_layouts(dt, threads):
    rng = np.random.default_rng(1)
    a = _rand(rng, (300, 400), dt).T  # Fortran-order 400x300
    b = _rand(rng, (300, 40), dt)
    _check(a, b, dt, threads)
    _check(np.asfortranarray(b.T), np.asfortranarray(a.T), dt, threads)
    big = _rand(rng, (800, 600), dt)
    _check(big[::2, ::2], _rand(rng, (600, 40), dt)[::2], dt, threads)  # strided
    _check(big[::-2, 1::2], b, dt, threads)  # negative strides


@pytest.mark.parametrize("threads", [1, 2])
def test_thin_stack_and_out(threads):
    rng = np.random.default_rng(2)
    a = rng.standard_normal((3, 400, 300))
    b = rng.standard_normal((300, 20))
    xa, xb = ox.asarray(a), ox.asarray(b)
    with ox.num_threads(threads):
        got = np.asarray(xa @ xb)
        out = ox.zeros((3, 400, 20))
        ox.matmul(xa, xb, out=out)
    np.testing.assert_allclose(got, a @ b, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(np.asarray(out), a @ b, rtol=1e-12, atol=1e-12)


def test_thin_threads_agree():
    rng = np.random.default_rng(3)
    a, b = rng.standard_normal((400, 300)), rng.standard_normal((300, 20))
    xa, xb = ox.asarray(a), ox.asarray(b)
    with ox.num_threads(1):
        one = np.asarray(xa @ xb)
    with ox.num_threads(2):
        two = np.asarray(xa @ xb)
    np.testing.assert_allclose(one, two, rtol=1e-13, atol=1e-13)
    assert np.isnan(np.asarray(ox.asarray(np.full((400, 300), np.nan)) @ xb)).all()
