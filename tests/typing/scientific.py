"""Realistic scientific user code, checked by ``mypy --strict tests/typing`` (``make lint``).

Each function is a small workflow a user writes (a simulation, a regression, a spectrum,
a histogram, saving results...); ``assert_type`` pins the types the stubs give, and
tests/test_stub_types.py runs ``main()`` and checks every ``assert_type`` at run time
too. No ``Any`` should leak into this code except where the result type depends on a
value the checker cannot see (a reduction over given axes: a scalar or an array).
"""

from __future__ import annotations

import io
import pathlib
import tempfile
from typing import Any

import numpy as np
from typing_extensions import assert_type

import oxarray as ox
import oxarray.fft
import oxarray.linalg
import oxarray.random


def random_walk(n_steps: int, n_walkers: int, seed: int) -> ox.ndarray:
    rng = ox.random.default_rng(seed)
    steps = rng.choice([-1, 1], size=(n_walkers, n_steps))
    assert_type(steps, ox.ndarray)
    paths = ox.cumsum(steps, axis=1)
    assert_type(paths, ox.ndarray)
    final = paths[:, -1]
    assert_type(final, ox.ndarray)
    assert_type(ox.mean(final), ox.generic)
    assert_type(ox.std(final), ox.generic)
    assert_type(ox.var(final, ddof=1), ox.generic)
    spread = float(ox.sqrt(ox.mean(final.astype(ox.float64) ** 2)))
    assert spread >= 0.0
    assert_type(rng.integers(0, 10), ox.int64)
    assert_type(rng.integers(0, 10, size=3), ox.ndarray)
    assert_type(rng.integers(0, 10, dtype=int), int)
    assert_type(rng.poisson(3.0), int)
    assert_type(rng.poisson(3.0, size=5), ox.ndarray)
    assert_type(rng.binomial(10, 0.5), int)
    assert_type(rng.exponential(2.0), float)
    assert_type(rng.gamma(2.0, 1.0, size=(2, 2)), ox.ndarray)
    assert_type(rng.beta([1.0, 2.0], 3.0), ox.ndarray)
    assert_type(rng.standard_exponential(), float)
    assert_type(rng.multinomial(10, [0.2, 0.8]), ox.ndarray)
    assert_type(rng.multivariate_normal([0.0, 0.0], ox.eye(2), size=3), ox.ndarray)
    assert_type(rng.choice(5), int)
    assert_type(rng.permuted(ox.arange(4), axis=0), ox.ndarray)
    assert_type(rng.spawn(2), list[ox.random.Generator])
    assert_type(rng.bit_generator, ox.random.BitGenerator)
    legacy = ox.random.RandomState(0)
    assert_type(legacy.rand(), float)
    assert_type(legacy.rand(2, 3), ox.ndarray)
    assert_type(legacy.randint(0, 5), int)
    assert_type(legacy.randint(0, 5, size=4), ox.ndarray)
    assert_type(legacy.normal(size=3), ox.ndarray)
    assert_type(ox.random.normal(), float)
    assert_type(ox.random.uniform(size=2), ox.ndarray)
    return paths


def linear_regression(seed: int) -> tuple[float, float]:
    rng = ox.random.default_rng(seed)
    x = ox.linspace(0.0, 1.0, 50)
    noise = rng.normal(0.0, 0.01, size=50)
    y = 3.0 * x + 0.5 + noise
    design = ox.stack([x, ox.ones_like(x)], axis=1)
    assert_type(design, ox.ndarray)
    coef, residuals, rank, sv = ox.linalg.lstsq(design, y, rcond=None)
    assert_type(rank, ox.int32)
    assert_type(coef, ox.ndarray)
    slope, intercept = float(coef[0]), float(coef[1])
    gram = design.T @ design
    assert_type(gram, ox.ndarray)
    assert_type(ox.linalg.inv(gram), ox.ndarray)
    assert_type(ox.linalg.solve(gram, design.T @ y), ox.ndarray)
    assert_type(ox.linalg.cholesky(gram), ox.ndarray)
    u, s, vh = ox.linalg.svd(design, full_matrices=False)
    assert_type(s, ox.ndarray)
    assert_type(ox.linalg.svd(design, compute_uv=False), ox.ndarray)
    q, r = ox.linalg.qr(design)
    assert_type(q, ox.ndarray)
    assert_type(ox.linalg.qr(design, mode="r"), ox.ndarray)
    w, v = ox.linalg.eigh(gram)
    assert_type(w, ox.ndarray)
    assert_type(ox.linalg.pinv(design), ox.ndarray)
    assert_type(ox.linalg.multi_dot([design.T, design, ox.eye(2)]), Any)  # a scalar for 1-d ends
    fitted = ox.polyfit(x, y, 1)
    assert_type(ox.polyval(fitted, x), ox.ndarray)
    p = ox.poly1d(fitted)
    assert_type(ox.polyder(p), ox.poly1d)
    assert_type(ox.polyadd([1.0, 2.0], [3.0]), ox.ndarray)
    return slope, intercept


def spectrum(n: int) -> ox.ndarray:
    t = ox.arange(n) / n
    signal = ox.sin(2 * ox.pi * 5 * t) + 0.5 * ox.cos(2 * ox.pi * 12 * t)
    assert_type(signal, ox.ndarray)
    coeffs = ox.fft.rfft(signal)
    freqs = ox.fft.rfftfreq(n, d=1.0 / n)
    power = ox.abs(coeffs) ** 2
    assert_type(power, ox.ndarray)
    peak = freqs[ox.argmax(power)]
    assert float(peak) == 5.0
    mask = ox.abs(freqs) < 8.0
    filtered = ox.fft.irfft(ox.where(mask, coeffs, 0), n)
    assert_type(filtered, ox.ndarray)
    window = ox.hanning(n)
    assert_type(window, ox.ndarray)
    assert_type(ox.convolve(signal, ox.ones(3) / 3, mode="same"), ox.ndarray)
    assert_type(ox.fft.fft2(ox.eye(4)), ox.ndarray)
    return filtered


def descriptive_statistics(data: ox.ndarray) -> dict[str, float]:
    counts, edges = ox.histogram(data, bins=10)
    assert_type(counts, ox.ndarray)
    assert_type(edges, ox.ndarray)
    assert_type(ox.histogram_bin_edges(data, bins="auto"), ox.ndarray)
    assert_type(ox.median(data), ox.generic)
    assert_type(ox.percentile(data, 90.0), ox.generic)
    assert_type(ox.percentile(data, [25.0, 75.0]), ox.ndarray)
    assert_type(ox.quantile(data, 0.5, keepdims=True), ox.ndarray)
    with_nan = ox.concatenate([data, ox.array([ox.nan])])
    assert_type(ox.nanmean(with_nan), ox.generic)
    assert_type(ox.nanstd(with_nan), ox.generic)
    assert_type(ox.nanmax(with_nan), ox.generic)
    assert_type(ox.ptp(data), ox.generic)
    assert_type(ox.cov(ox.stack([data, data * 2])), ox.ndarray)
    assert_type(ox.corrcoef(data, data), ox.ndarray)
    assert_type(ox.isclose(1.0, 1.0 + 1e-12), ox.bool)
    assert_type(ox.isclose(data, data), ox.ndarray)
    assert_type(ox.allclose(data, data), bool)
    assert_type(ox.array_equal(data, data), bool)
    assert_type(ox.diff(data), ox.ndarray)
    assert_type(ox.unique_values(ox.round(data)), ox.ndarray)
    assert_type(ox.unique_counts(ox.round(data)).counts, ox.ndarray)
    assert_type(ox.sort(data)[::-1], ox.ndarray)
    return {"mean": float(data.mean()), "min": float(data.min()), "max": float(data.max())}


def grid_and_indexing() -> float:
    x, y = ox.meshgrid(ox.linspace(-1.0, 1.0, 5), ox.linspace(-1.0, 1.0, 5))
    r2 = x**2 + y**2
    inside = r2 <= 1.0
    assert_type(inside, ox.ndarray)
    assert_type(r2[inside], ox.ndarray)
    assert_type(ox.count_nonzero(inside), int)
    assert_type(ox.count_nonzero(inside, axis=0, keepdims=True), ox.ndarray)
    assert_type(ox.average(r2), ox.generic)
    assert_type(ox.average(r2, axis=0, returned=True), tuple[Any, Any])
    assert_type(ox.dot(2.0, 3.0), ox.generic)
    assert_type(ox.dot(r2, r2, out=ox.empty((5, 5))), ox.ndarray)
    assert_type(ox.argwhere(inside), ox.ndarray)
    assert_type(ox.flatnonzero(inside), ox.ndarray)
    assert_type(ox.clip(r2, 0.0, 0.5), ox.ndarray)
    assert_type(ox.nan_to_num(r2), ox.ndarray)
    r2[~inside] = 0.0
    i, j = ox.tril_indices_from(r2)
    assert_type(i, ox.ndarray)
    parts = ox.split(r2, 5, axis=0)
    assert_type(parts, list[ox.ndarray])
    assert_type(ox.vstack(parts), ox.ndarray)
    assert_type(ox.atleast_2d(ox.arange(3)), ox.ndarray)
    assert_type(ox.atleast_1d(1.0, [2.0]), tuple[ox.ndarray, ...])
    assert_type(ox.tile(ox.arange(2), 3), ox.ndarray)
    assert_type(ox.roll(ox.arange(4), 1), ox.ndarray)
    assert_type(ox.reshape(r2, (25,)), ox.ndarray)
    assert_type(ox.shape(r2), tuple[int, ...])
    assert_type(ox.ndim(r2), int)
    assert_type(ox.size(r2, 0), int)
    assert_type(ox.transpose(r2), ox.ndarray)
    assert_type(ox.kron(ox.eye(2), ox.ones((2, 2))), ox.ndarray)
    assert_type(ox.outer(ox.arange(2), ox.arange(3)), ox.ndarray)
    assert_type(ox.vdot(ox.arange(3), ox.arange(3)), ox.generic)
    return float(r2.sum())


def ufunc_methods(a: ox.ndarray) -> None:
    assert_type(ox.add.reduce(a, axis=0), Any)
    assert_type(ox.add.accumulate(a), ox.ndarray)
    assert_type(ox.maximum.outer(a[0], a[1]), ox.ndarray)
    assert_type(ox.multiply.reduceat(ox.arange(1, 7), [0, 3]), ox.ndarray)
    counts = ox.zeros(3, dtype=ox.int64)
    ox.add.at(counts, [0, 0, 2], 1)
    assert counts.tolist() == [2, 0, 1]
    assert_type(ox.hypot(3.0, 4.0), ox.generic)
    assert_type(ox.frexp(a), tuple[ox.ndarray, ox.ndarray])
    assert_type(ox.logaddexp(a, a), ox.ndarray)
    assert_type(ox.isnan(a), ox.ndarray)
    assert_type(ox.exp(1.0), ox.generic)


def contexts(a: ox.ndarray) -> ox.ndarray:
    with ox.errstate(divide="ignore", invalid="ignore"):
        ratio = a / ox.zeros_like(a)
    assert_type(ratio, ox.ndarray)
    assert_type(ox.geterr(), dict[str, str])
    with ox.num_threads(1):
        product = a @ a.T
    assert_type(product, ox.ndarray)
    assert_type(ox.get_num_threads(), int)
    with ox.printoptions(precision=3):
        text = repr(a)
    assert_type(text, str)
    return product


def save_and_load(a: ox.ndarray) -> ox.ndarray:
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "a.npy"
        ox.save(path, a)
        back = ox.load(path)
        buf = io.BytesIO()
        ox.save(buf, a)
        mm = ox.open_memmap(str(pathlib.Path(tmp) / "m.npy"), mode="w+", dtype=ox.float64, shape=(2, 2))
        assert_type(mm, ox.ndarray)
        mm[...] = a
        ox.savetxt(str(pathlib.Path(tmp) / "a.txt"), a)
        text = ox.loadtxt(str(pathlib.Path(tmp) / "a.txt"))
        assert_type(text, ox.ndarray)
    assert bool((back == a).all())
    return ox.asarray(back)


def interchange(a: ox.ndarray) -> None:
    capsule_owner = np.arange(6.0)
    from_np = ox.from_dlpack(capsule_owner)
    assert_type(from_np, ox.ndarray)
    to_np = np.from_dlpack(a)
    assert to_np.shape == a.shape
    assert_type(a.__dlpack_device__(), tuple[int, int])
    view = memoryview(ox.ascontiguousarray(a))
    assert view.nbytes == a.nbytes
    assert_type(ox.frombuffer(bytearray(16), dtype=ox.float64), ox.ndarray)
    assert_type(ox.asarray(np.ones(3)), ox.ndarray)
    assert_type(a.__array_namespace__().__name__, str)


def main() -> None:
    random_walk(20, 4, seed=1)
    linear_regression(seed=2)
    spectrum(64)
    descriptive_statistics(ox.random.default_rng(3).normal(size=100))
    grid_and_indexing()
    a = ox.arange(1.0, 5.0).reshape(2, 2)
    ufunc_methods(a)
    contexts(a)
    save_and_load(a)
    interchange(a)
