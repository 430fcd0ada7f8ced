"""oxarray.fft against numpy.fft (pocketfft): values within eps*log2(n)*norm, dtypes,
shapes, exceptions; round trips; every length 1..64, primes, 1e6."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox

from conftest import raises_like

RNG = np.random.default_rng(1234)


def _data(shape, dtype):
    dt = np.dtype(dtype)
    if dt.kind == "c":
        return (RNG.standard_normal(shape) + 1j * RNG.standard_normal(shape)).astype(dt)
    if dt.kind == "f":
        return RNG.standard_normal(shape).astype(dt)
    if dt.kind == "b":
        return RNG.integers(0, 2, shape).astype(dt)
    return RNG.integers(0, 50, shape).astype(dt)


def _eps(dtype):
    return np.finfo(np.result_type(np.dtype(dtype), np.float32)).eps


def close(ox_res, np_res, n=None, scale=None):
    """Same dtype and shape; values within eps*log2(n)*max|result| (times a safety factor)."""
    got = np.asarray(ox_res)
    assert isinstance(ox_res, ox.ndarray)
    assert got.shape == np_res.shape, (got.shape, np_res.shape)
    assert got.dtype == np_res.dtype, (got.dtype, np_res.dtype)
    if np_res.size == 0:
        return
    n = n or max(np_res.shape + (2,))
    ref = scale if scale is not None else max(float(np.max(np.abs(np_res))), 1.0)
    tol = 16 * np.finfo(np_res.real.dtype).eps * max(math.log2(max(n, 2)), 1) * ref
    err = float(np.max(np.abs(got.astype(np.complex128) - np_res.astype(np.complex128))))
    assert err <= tol, (err, tol)


LENGTHS = list(range(1, 65)) + [97, 101, 127, 257, 509, 1009, 4099, 10007]


@pytest.mark.parametrize("n", LENGTHS)
def test_fft_every_length(n):
    x = _data(n, np.complex128)
    close(ox.fft.fft(x), np.fft.fft(x), n)
    close(ox.fft.ifft(x), np.fft.ifft(x), n)
    r = x.real.copy()
    close(ox.fft.rfft(r), np.fft.rfft(r), n)
    h = np.fft.rfft(r)
    close(ox.fft.irfft(h, n), np.fft.irfft(h, n), n)
    # Round trips.
    back = np.asarray(ox.fft.ifft(ox.fft.fft(x)))
    assert np.allclose(back, x, atol=1e-12 * max(1, math.log2(n)))
    back_r = np.asarray(ox.fft.irfft(ox.fft.rfft(r), n))
    assert np.allclose(back_r, r, atol=1e-12 * max(1, math.log2(n)))


@pytest.mark.parametrize("n", [7, 16, 33])
def test_hfft_ihfft(n):
    x = _data(n, np.complex128)
    close(ox.fft.hfft(x), np.fft.hfft(x))
    close(ox.fft.hfft(x, 2 * n - 1), np.fft.hfft(x, 2 * n - 1))
    r = x.real.copy()
    close(ox.fft.ihfft(r), np.fft.ihfft(r))
    for norm in ["ortho", "forward", "backward"]:
        close(ox.fft.hfft(x, norm=norm), np.fft.hfft(x, norm=norm))
        close(ox.fft.ihfft(r, norm=norm), np.fft.ihfft(r, norm=norm))


def test_million():
    n = 1_000_000
    x = _data(n, np.float64)
    close(ox.fft.rfft(x), np.fft.rfft(x), n)
    c = x + 0.5j
    close(ox.fft.fft(c), np.fft.fft(c), n)
    back = np.asarray(ox.fft.irfft(ox.fft.rfft(x), n))
    assert np.allclose(back, x, atol=1e-10)


def test_large_prime():
    n = 100_003
    x = _data(n, np.complex128)
    close(ox.fft.fft(x), np.fft.fft(x), n)


@pytest.mark.parametrize("func", ["fft", "ifft", "rfft", "irfft", "hfft", "ihfft"])
@pytest.mark.parametrize("norm", [None, "backward", "ortho", "forward"])
def test_norms(func, norm):
    x = _data((3, 10), np.complex128 if func in ("fft", "ifft", "irfft", "hfft") else np.float64)
    close(getattr(ox.fft, func)(x, norm=norm), getattr(np.fft, func)(x, norm=norm))
    close(getattr(ox.fft, func)(x, n=7, axis=0, norm=norm),
          getattr(np.fft, func)(x, n=7, axis=0, norm=norm))


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64", "complex64", "complex128",
                                   "int8", "int64", "uint16", "bool"])
@pytest.mark.parametrize("func", ["fft", "ifft", "rfft", "irfft", "hfft", "ihfft"])
def test_dtypes(dtype, func):
    if func in ("rfft", "ihfft") and np.dtype(dtype).kind == "c":
        raises_like(lambda: getattr(np.fft, func)(_data(8, dtype)),
                    lambda: getattr(ox.fft, func)(_data(8, dtype)))
        return
    x = _data((2, 8), dtype)
    close(getattr(ox.fft, func)(x), getattr(np.fft, func)(x))


@settings(max_examples=30, deadline=None)
@given(shape=st.lists(st.integers(1, 6), min_size=1, max_size=3),
       dtype=st.sampled_from(["float32", "float64", "complex64", "complex128"]),
       data=st.data())
def test_nd_hypothesis(shape, dtype, data):
    x = _data(tuple(shape), dtype)
    nd = len(shape)
    k = data.draw(st.integers(1, nd))
    axes = data.draw(st.permutations(range(nd)))[:k]
    s = data.draw(st.none() | st.lists(st.integers(1, 8), min_size=k, max_size=k))
    norm = data.draw(st.sampled_from([None, "ortho", "forward"]))
    close(ox.fft.fftn(x, s, axes, norm), np.fft.fftn(x, s, axes, norm))
    close(ox.fft.ifftn(x, s, axes, norm), np.fft.ifftn(x, s, axes, norm))
    if np.dtype(dtype).kind == "f":
        close(ox.fft.rfftn(x, s, axes, norm), np.fft.rfftn(x, s, axes, norm))
    try:
        want = np.fft.irfftn(x, s, axes, norm)
    except ValueError:
        raises_like(lambda: np.fft.irfftn(x, s, axes, norm),
                    lambda: ox.fft.irfftn(x, s, axes, norm))
    else:
        close(ox.fft.irfftn(x, s, axes, norm), want)


def test_2d_functions():
    x = _data((6, 9), np.complex128)
    close(ox.fft.fft2(x), np.fft.fft2(x))
    close(ox.fft.ifft2(x), np.fft.ifft2(x))
    close(ox.fft.fft2(x, s=(4, 12)), np.fft.fft2(x, s=(4, 12)))
    close(ox.fft.irfft2(x), np.fft.irfft2(x))
    close(ox.fft.irfft2(x, s=(5, 7)), np.fft.irfft2(x, s=(5, 7)))
    r = x.real.copy()
    close(ox.fft.rfft2(r), np.fft.rfft2(r))
    close(ox.fft.rfft2(r, axes=(1, 0)), np.fft.rfft2(r, axes=(1, 0)))
    close(ox.fft.fftn(r), np.fft.fftn(r))
    x3 = _data((3, 4, 5), np.complex128)
    close(ox.fft.fftn(x3), np.fft.fftn(x3))
    close(ox.fft.fftn(x3, axes=(0, 2)), np.fft.fftn(x3, axes=(0, 2)))
    close(ox.fft.irfftn(x3, axes=(2, 0)), np.fft.irfftn(x3, axes=(2, 0)))


def test_strided_and_views():
    base = _data((8, 12), np.complex128)
    v = base[::2, ::-3]
    close(ox.fft.fft(ox.asarray(base)[::2, ::-3]), np.fft.fft(v))
    close(ox.fft.fft(ox.asarray(base)[::2, ::-3], axis=0), np.fft.fft(v, axis=0))
    t = base.T
    close(ox.fft.fft2(ox.asarray(base).T), np.fft.fft2(t))


def test_input_not_modified():
    x = _data(16, np.complex128)
    ox_x = ox.asarray(x.copy())
    ox.fft.ifft(ox_x, n=8)
    ox.fft.irfft(ox_x)
    assert np.array_equal(np.asarray(ox_x), x)


def test_out():
    x = _data((4, 8), np.complex128)
    out = ox.zeros((4, 8), dtype="complex128")
    r = ox.fft.fft(x, out=out)
    assert r is out
    close(out, np.fft.fft(x))
    out2 = ox.zeros((4, 5), dtype="complex128")
    r = ox.fft.rfft(x.real.copy(), out=out2)
    assert r is out2
    close(out2, np.fft.rfft(x.real))
    out3 = ox.zeros((4, 8), dtype="float64")
    ox.fft.irfft(x[:, :5], n=8, out=out3)
    close(out3, np.fft.irfft(x[:, :5], n=8))
    # fftn writes every step into out (NumPy passes it on).
    out4 = ox.zeros((4, 8), dtype="complex128")
    assert ox.fft.fftn(x, out=out4) is out4
    close(out4, np.fft.fftn(x))
    # out of a wider dtype: same_kind cast.
    out5 = ox.zeros((4, 8), dtype="complex128")
    ox.fft.fft(x.astype(np.complex64), out=out5)
    close(out5, np.fft.fft(x.astype(np.complex64), out=np.zeros((4, 8), np.complex128)))
    ox_in = ox.asarray(x.copy())
    assert ox.fft.fft(ox_in, out=ox_in) is ox_in
    close(ox_in, np.fft.fft(x))


def test_errors():
    x = _data(8, np.complex128)
    raises_like(lambda: np.fft.fft(x, n=0), lambda: ox.fft.fft(x, n=0))
    raises_like(lambda: np.fft.fft(x, n=-2), lambda: ox.fft.fft(x, n=-2))
    raises_like(lambda: np.fft.fft(x, axis=1), lambda: ox.fft.fft(x, axis=1))
    raises_like(lambda: np.fft.fft(x, norm="bad"), lambda: ox.fft.fft(x, norm="bad"))
    raises_like(lambda: np.fft.fft(np.zeros(0)), lambda: ox.fft.fft(ox.zeros(0)))
    raises_like(lambda: np.fft.fftn(x, s=(2, 3), axes=(0,)),
                lambda: ox.fft.fftn(x, s=(2, 3), axes=(0,)))
    raises_like(lambda: np.fft.fft(x, out=np.zeros(5, complex)),
                lambda: ox.fft.fft(x, out=ox.zeros(5, dtype="complex128")))
    # NumPy raises a private TypeError subclass (_UFuncOutputCastingError).
    with pytest.raises(TypeError):
        np.fft.fft(x, out=np.zeros(8, np.float64))
    with pytest.raises(TypeError):
        ox.fft.fft(x, out=ox.zeros(8, dtype="float64"))
    raises_like(lambda: np.fft.fftfreq(2.5), lambda: ox.fft.fftfreq(2.5))
    with pytest.warns(DeprecationWarning):
        ox.fft.fftn(x, s=(4,))


@pytest.mark.parametrize("n", [1, 2, 5, 8, 11])
@pytest.mark.parametrize("d", [1.0, 0.25, 3])
def test_freqs(n, d):
    np.testing.assert_allclose(np.asarray(ox.fft.fftfreq(n, d)), np.fft.fftfreq(n, d),
                               rtol=1e-15, atol=0)
    np.testing.assert_allclose(np.asarray(ox.fft.rfftfreq(n, d)), np.fft.rfftfreq(n, d),
                               rtol=1e-15, atol=0)
    assert ox.fft.fftfreq(n, d).dtype.str == np.fft.fftfreq(n, d).dtype.str


@settings(max_examples=30, deadline=None)
@given(shape=st.lists(st.integers(0, 6), min_size=1, max_size=3), data=st.data())
def test_shift_hypothesis(shape, data):
    x = np.arange(int(np.prod(shape))).reshape(shape)
    nd = len(shape)
    axes = data.draw(st.none() | st.integers(-nd, nd - 1)
                     | st.lists(st.integers(0, nd - 1), min_size=1, max_size=nd, unique=True))
    for name in ("fftshift", "ifftshift"):
        got = getattr(ox.fft, name)(x, axes)
        want = getattr(np.fft, name)(x, axes)
        assert got.shape == want.shape and got.dtype.str == want.dtype.str
        assert np.array_equal(np.asarray(got), want)


def test_namespace():
    for name in np.fft.__all__:
        assert callable(getattr(ox.fft, name)), name
