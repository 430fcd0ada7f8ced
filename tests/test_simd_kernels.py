"""Vectorised math kernels and casts (issue 13, item 3) against NumPy, at every SIMD level.

The in-process tests run at the machine's level (AVX-512 here); ``test_every_level``
reruns the fixed-sample checks in a subprocess for each ``OXARRAY_SIMD`` value
(``scalar``, ``avx2``, ``avx512``), so all three code paths are exercised on one machine.
Values must be within 4 ULP of NumPy's (both are within a few ULP of the exact result);
special values (NaN, ±inf, ±0, subnormals, overflow/underflow edges) give exactly NumPy's
result and NumPy's RuntimeWarnings. Casts are bit-identical with the same warnings.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox

FUNCS = ["exp", "log", "sin", "cos", "tanh", "expm1"]
FLOATS = ["float64", "float32"]
MAX_ULP = 4

SPECIALS = [
    0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0, 0.5, -0.5,
    5e-324, -5e-324, 1e-310, -1e-310, 2.2250738585072014e-308, 1e-300, 1e-45, 1e-40,
    1.17e-38, 1e-20, -1e-20, 2.6e-19, 1e-10, 1e-8,
    709.78, 709.79, 710.0, -708.4, -740.0, -745.1, -745.2, -746.0, 1000.0, -1000.0,
    88.72, 88.73, 89.0, -87.0, -87.4, -103.0, -103.98, -104.0, -110.0,
    1e5, 823549.0, 823550.0, 1e6, -1e6, 1e7, 1e22, 1e300, -1e300, 1.7976931348623157e308,
    np.pi / 2, np.pi, 3 * np.pi / 2, 2 * np.pi, 1e5 * np.pi, 19.0, 20.0, 21.0, -25.0,
    40.0, -40.0, 0.54, 0.55, 0.56, 6.0, 3.4e38, -3.4e38,
]


def ulp_distance(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """ULP distance between same-dtype float arrays (NaN vs NaN and 0 vs -0 are 0)."""
    it = np.int64 if a.dtype == np.float64 else np.int32
    ai = a.view(it).astype(np.int64)
    bi = b.view(it).astype(np.int64)
    lo = np.iinfo(it).min
    ai = np.where(ai < 0, lo - ai, ai)
    bi = np.where(bi < 0, lo - bi, bi)
    d = np.abs(ai - bi)
    d[(a == b) | (np.isnan(a) & np.isnan(b))] = 0
    d[np.isnan(a) != np.isnan(b)] = 1 << 40
    return d


def call(lib: Any, name: str, arr: Any) -> tuple[np.ndarray, set[str]]:
    """``lib.name(arr)`` as a NumPy array, with the messages of the warnings it raised."""
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        r = getattr(lib, name)(arr)
    return np.asarray(r), {str(x.message) for x in w}


def to_dtype(values: list[float] | np.ndarray, dt: str) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.asarray(values, dtype=np.float64).astype(dt)


def check_values(name: str, x: np.ndarray) -> list[str]:
    """Failures of ``ox.name`` against NumPy on `x` (values within MAX_ULP)."""
    with np.errstate(all="ignore"):
        want = getattr(np, name)(x)
    got, _ = call(ox, name, ox.asarray(x))
    d = ulp_distance(got, want)
    if d.size and d.max() > MAX_ULP:
        i = int(d.argmax())
        return [f"{name} {x.dtype}: {x[i]!r} -> {got[i]!r}, numpy {want[i]!r} ({d[i]} ulp)"]
    return []


def check_special(name: str, dt: str) -> list[str]:
    """Exact results and warnings for each special value alone, and all at once."""
    fails = []
    x = to_dtype(SPECIALS, dt)
    for v in x:
        a = np.array([v], dtype=dt)
        with np.errstate(all="warn"):
            want, wwarn = call(np, name, a)
        with ox.errstate(all="warn"):
            got, gwarn = call(ox, name, ox.asarray(a))
        d = ulp_distance(got, want)
        exact = np.isinf(want) | np.isnan(want) | (want == 0)
        bad = (d > MAX_ULP) | (exact & (got.view(f"u{a.itemsize}") != want.view(f"u{a.itemsize}")))
        if (bad & ~(np.isnan(got) & np.isnan(want))).any() or gwarn != wwarn:
            fails.append(f"{name} {dt}({v!r}): {got[0]!r} {sorted(gwarn)} vs {want[0]!r} {sorted(wwarn)}")
    return fails


def sample(dt: str, rng: np.random.Generator, n: int) -> np.ndarray:
    """Wide-range values: uniform on several scales, log-uniform magnitudes, both signs."""
    parts = [
        rng.uniform(-1, 1, n),
        rng.uniform(-30, 30, n),
        rng.uniform(-800, 800, n),
        rng.uniform(-1e6, 1e6, n),
        np.exp(rng.uniform(-700, 700, n)) * rng.choice([-1, 1], n),
    ]
    return to_dtype(np.concatenate(parts), dt)


def f32_sweep(stride: int = 4099) -> np.ndarray:
    """Finite float32 values stepping through all bit patterns (every binade, both signs)."""
    bits = np.arange(0, 1 << 32, stride, dtype=np.uint64).astype(np.uint32)
    x = bits.view(np.float32)
    return x[np.isfinite(x)]


def check_flags_in_blocks(name: str, dt: str) -> list[str]:
    """A flag-raising argument deep inside a long run of quiet ones (the kernels scan
    blocks of 1024 for arguments that may raise flags, and AVX-512 tails are masked)."""
    fails = []
    edge = {"exp": [1000.0, -1000.0, 1e-40], "expm1": [1000.0], "log": [0.0, -1.0, -np.inf],
            "sin": [np.inf, 1e-30, 1e30], "cos": [-np.inf, 1e30], "tanh": [np.inf, np.nan]}[name]
    for v in edge:
        for n, pos in ((3000, 2500), (1037, 1036), (33, 32), (17, 16)):
            x = np.full(n, 0.5, dtype=dt)
            x[pos] = v
            with np.errstate(all="warn"):
                want, wwarn = call(np, name, x)
            with ox.errstate(all="warn"):
                got, gwarn = call(ox, name, ox.asarray(x))
            if gwarn != wwarn or ulp_distance(got, want).max() > MAX_ULP:
                fails.append(f"{name} {dt} {v!r} at {pos}/{n}: {sorted(gwarn)} vs {sorted(wwarn)}")
    return fails


def check_all(seed: int = 0) -> list[str]:
    """Every function and dtype on a fixed sample, special values and layouts."""
    rng = np.random.default_rng(seed)
    fails: list[str] = []
    sweep = f32_sweep()
    for dt in FLOATS:
        x = sample(dt, rng, 4000)
        for name in FUNCS:
            fails += check_values(name, x)
            fails += check_special(name, dt)
            fails += check_layouts(name, x[:300])
            fails += check_flags_in_blocks(name, dt)
    for name in FUNCS:
        fails += check_values(name, sweep)
    fails += check_casts(rng)
    return fails


def check_layouts(name: str, x: np.ndarray) -> list[str]:
    """Strided, reversed, offset (unaligned start within the buffer) and short runs."""
    fails = []
    ox_x = ox.asarray(x)
    for sl in [slice(None, None, 2), slice(None, None, -1), slice(None, None, -3), slice(1, None)]:
        with np.errstate(all="ignore"):
            want = getattr(np, name)(x[sl])
        got, _ = call(ox, name, ox_x[sl])
        if ulp_distance(got, want).max() > MAX_ULP:
            fails.append(f"{name} {x.dtype} layout {sl}")
    for n in range(1, 35):
        with np.errstate(all="ignore"):
            want = getattr(np, name)(x[:n])
        got, _ = call(ox, name, ox.asarray(x[:n]))
        if ulp_distance(got, want).max() > MAX_ULP:
            fails.append(f"{name} {x.dtype} n={n}")
    # In place through out=.
    o = ox.asarray(x.copy())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        getattr(ox, name)(o, out=o)
    with np.errstate(all="ignore"):
        want = getattr(np, name)(x)
    if ulp_distance(np.asarray(o), want).max() > MAX_ULP:
        fails.append(f"{name} {x.dtype} in place")
    return fails


CAST_PAIRS = [
    ("float64", "float32"), ("float64", "int32"), ("float64", "int64"), ("float32", "int32"),
    ("float32", "float64"), ("int32", "float64"), ("int32", "float32"), ("float64", "int16"),
    ("float32", "int64"), ("int64", "float64"), ("float64", "uint8"),
]

CAST_SPECIALS = [
    0.0, -0.0, np.nan, np.inf, -np.inf, 1.5, -1.5, 2.0**31, -(2.0**31), 2.0**31 - 1,
    -(2.0**31) - 1, 2.0**31 - 0.5, 3e9, -3e9, 2.0**63, -(2.0**63), 1e19, 1e300, -1e300, 1e-300,
    3.4028235e38, 3.4028236e38, 3.5e38, 65535.5, 255.9, -0.9, 1e-40,
]


def cast_source(src: str, rng: np.random.Generator, n: int) -> np.ndarray:
    if src.startswith("int"):
        info = np.iinfo(src)
        return rng.integers(info.min, info.max, n, dtype=src, endpoint=True)
    vals = np.concatenate([CAST_SPECIALS, rng.uniform(-3e9, 3e9, n), rng.normal(0, 1e4, n)])
    return to_dtype(vals, src)


def check_cast(x: np.ndarray, dst: str) -> list[str]:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        want = x.astype(dst)
    wwarn = {str(m.message) for m in w}
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        got = np.asarray(ox.asarray(x).astype(dst))
    gwarn = {str(m.message) for m in w}
    if got.dtype != want.dtype or got.tobytes() != want.tobytes() or gwarn != wwarn:
        return [f"cast {x.dtype}->{dst} (n={x.size}): {sorted(gwarn)} vs {sorted(wwarn)}"]
    return []


def check_casts(rng: np.random.Generator) -> list[str]:
    fails = []
    for src, dst in CAST_PAIRS:
        x = cast_source(src, rng, 500)
        fails += check_cast(x, dst)
        for v in x[: len(CAST_SPECIALS)]:
            fails += check_cast(np.array([v] * 3, dtype=src), dst)
        for n in (1, 7, 8, 9, 15, 16, 17):
            fails += check_cast(x[-n:], dst)
        fails += check_cast(x[::-3], dst)
    return fails


# --- in-process tests (the machine's level) ---


@pytest.mark.parametrize("dt", FLOATS)
@pytest.mark.parametrize("name", FUNCS)
def test_special_values(name: str, dt: str) -> None:
    assert check_special(name, dt) == []


@pytest.mark.parametrize("dt", FLOATS)
@pytest.mark.parametrize("name", FUNCS)
def test_wide_sample_and_layouts(name: str, dt: str) -> None:
    x = sample(dt, np.random.default_rng(7), 2000)
    assert check_values(name, x) == []
    assert check_layouts(name, x[:200]) == []


@pytest.mark.parametrize("name", FUNCS)
def test_float32_bit_pattern_sweep(name: str) -> None:
    assert check_values(name, f32_sweep()) == []


@pytest.mark.parametrize("dt", FLOATS)
@pytest.mark.parametrize("name", FUNCS)
def test_flags_in_long_runs(name: str, dt: str) -> None:
    assert check_flags_in_blocks(name, dt) == []


@settings(max_examples=40, deadline=None)
@given(
    name=st.sampled_from(FUNCS),
    dt=st.sampled_from(FLOATS),
    values=st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=40),
)
def test_hypothesis_values(name: str, dt: str, values: list[float]) -> None:
    x = to_dtype(values, dt)
    assert check_values(name, x) == []


@settings(max_examples=30, deadline=None)
@given(
    pair=st.sampled_from(CAST_PAIRS),
    values=st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=40),
)
def test_hypothesis_casts(pair: tuple[str, str], values: list[float]) -> None:
    src, dst = pair
    if src.startswith("int"):
        x = np.asarray([int(v) % 1000 for v in values if np.isfinite(v)] or [0], dtype=src)
    else:
        x = to_dtype(values, src)
    assert check_cast(x, dst) == []


def test_casts_bit_identical() -> None:
    assert check_casts(np.random.default_rng(3)) == []


def _run_level(level: str) -> list[str]:
    tests_dir = pathlib.Path(__file__).parent
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]);"
        "import test_simd_kernels as t; print(json.dumps(t.check_all(5)))"
    )
    env = dict(os.environ, OXARRAY_SIMD=level)
    out = subprocess.run(
        [sys.executable, "-c", code, str(tests_dir)],
        env=env, capture_output=True, text=True, check=True, timeout=300,
    )
    result: list[str] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("level", ["scalar", "avx2", "avx512"])
def test_every_level(level: str) -> None:
    assert _run_level(level) == []

