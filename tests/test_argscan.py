"""argmax/argmin's blocked scan (blocks of 2048, 16 interleaved lanes, an AVX2 copy on
AVX2 CPUs) against NumPy: ties inside and across blocks and lanes, NaNs (the first wins),
extremes of every integer type, sizes around the lane and block widths, unaligned
starts."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox

DTYPES = ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
          "float32", "float64"]
SIZES = [1, 2, 15, 16, 17, 31, 33, 2047, 2048, 2049, 4096 + 17, 10_001]


def check(x: np.ndarray) -> None:
    o = ox.asarray(x)
    for name in ("argmax", "argmin"):
        assert int(getattr(ox, name)(o)) == int(getattr(np, name)(x)), (name, x.dtype, x.size)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", SIZES)
def test_random_and_extremes(dtype: str, n: int) -> None:
    rng = np.random.default_rng(n)
    info = np.finfo(dtype) if dtype.startswith("float") else np.iinfo(dtype)
    x = rng.integers(0, 7, n).astype(dtype)  # many ties
    check(x)
    if n > 1:
        check(x[1:])
    for v in (info.max, info.min):
        y = x.copy()
        y[rng.integers(0, n, 3)] = v  # repeated extreme: the first occurrence wins
        check(y)
        if n > 1:
            check(y[1:])


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_nan_and_inf_positions(dtype: str) -> None:
    n = 5000
    for pos in [0, 1, 15, 16, 2047, 2048, 2049, 4999]:
        x = np.linspace(-1, 1, n).astype(dtype)
        x[pos] = np.nan
        x[(pos + 100) % n] = np.nan
        check(x)
        y = np.linspace(-1, 1, n).astype(dtype)
        y[pos] = np.inf
        y[(pos + 3000) % n] = -np.inf
        check(y)
        z = np.zeros(n, dtype)
        z[pos] = -0.0
        check(z)


@settings(max_examples=60, deadline=None)
@given(
    dtype=st.sampled_from(DTYPES),
    n=st.integers(1, 7000),
    off=st.integers(0, 3),
    hits=st.lists(st.integers(0, 6999), max_size=4),
    nan=st.booleans(),
)
def test_hypothesis(dtype: str, n: int, off: int, hits: list, nan: bool) -> None:
    rng = np.random.default_rng(n)
    x = rng.integers(-50, 50, n + off).astype(dtype) if not dtype.startswith("u") else \
        rng.integers(0, 100, n + off).astype(dtype)
    for h in hits:
        x[h % (n + off)] = x.max() if h % 2 else x.min()
    if nan and dtype.startswith("float") and hits:
        x[hits[0] % (n + off)] = np.nan
    check(x[off:])
