"""Large-array paths against NumPy: the explicit AVX2 casts out of float64 (blocks of
2048 elements with a per-block flag witness), elementwise outputs streamed with
non-temporal stores (32 MiB and up), and split calls over the thread pool (the caller
never waits for a worker that has not started)."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox

SPECIALS = [np.nan, -np.nan, np.inf, -np.inf, 3.5e38, -3.5e38, 3.4028235e38, 2.0**31,
            -(2.0**31), -(2.0**31) - 0.5, 2.0**31 - 1, 1e300, -0.0, 5e-324]


def cast_both(x: np.ndarray, dst: str) -> tuple[np.ndarray, set, np.ndarray, set]:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        want = x.astype(dst)
    wwarn = {str(m.message) for m in w}
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        got = np.asarray(ox.asarray(x).astype(dst))
    gwarn = {str(m.message) for m in w}
    return want, wwarn, got, gwarn


def assert_cast_like_numpy(x: np.ndarray, dst: str) -> None:
    want, wwarn, got, gwarn = cast_both(x, dst)
    assert got.dtype == want.dtype
    assert got.tobytes() == want.tobytes()
    assert gwarn == wwarn


@pytest.mark.parametrize("dst", ["float32", "int32"])
@pytest.mark.parametrize("n", [1, 15, 16, 17, 2047, 2048, 2049, 4096 + 33, 100_003])
def test_cast_sizes_quiet(dst: str, n: int) -> None:
    x = np.random.default_rng(n).uniform(-1e6, 1e6, n)
    assert_cast_like_numpy(x, dst)
    assert_cast_like_numpy(x[1:], dst)  # unaligned source
    assert_cast_like_numpy(x[::2], dst)  # strided: the generic loop


@pytest.mark.parametrize("dst", ["float32", "int32"])
@pytest.mark.parametrize("special", SPECIALS)
@pytest.mark.parametrize("pos", [0, 15, 16, 2047, 2048, 5000, -1])
def test_cast_one_special_in_long_run(dst: str, special: float, pos: int) -> None:
    x = np.random.default_rng(1).uniform(-1e3, 1e3, 6000)
    x[pos] = special
    assert_cast_like_numpy(x, dst)


@settings(max_examples=40, deadline=None)
@given(
    dst=st.sampled_from(["float32", "int32"]),
    n=st.integers(1, 5000),
    off=st.integers(0, 3),
    specials=st.lists(st.tuples(st.integers(0, 4999), st.sampled_from(SPECIALS)), max_size=3),
)
def test_hypothesis_cast_runs(dst: str, n: int, off: int, specials: list) -> None:
    x = np.random.default_rng(n).normal(0, 1e5, n + off)
    for i, v in specials:
        x[i % (n + off)] = v
    assert_cast_like_numpy(x[off:], dst)


# 32 MiB of float64 output and up: streamed; the bound is the policy's constant.
BIG = (32 << 20) // 8 + 77


def test_streamed_add_fresh_out_and_inplace() -> None:
    rng = np.random.default_rng(2)
    a, b = rng.random(BIG), rng.random(BIG)
    oa, ob = ox.asarray(a), ox.asarray(b)
    assert np.array_equal(np.asarray(oa + ob), a + b)
    out_np, out_ox = np.empty(BIG + 1), ox.empty(BIG + 1)
    np.add(a, b, out=out_np[1:])  # output 8 bytes off its allocation's alignment
    ox.add(oa, ob, out=out_ox[1:])
    assert np.array_equal(np.asarray(out_ox)[1:], out_np[1:])
    oa += ob
    a += b
    assert np.array_equal(np.asarray(oa), a)


def test_streamed_outputs_other_dtypes_and_flags() -> None:
    n = (32 << 20) // 4 + 5
    x = np.linspace(-3, 3, n, dtype=np.float32)
    ox_x = ox.asarray(x)
    assert np.array_equal(np.asarray(ox.multiply(ox_x, ox_x)), x * x)
    y = np.full(n, 2.0, dtype=np.float32)
    y[n - 3] = 0.0
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        got = np.asarray(ox.divide(ox.asarray(x), ox.asarray(y)))
    with warnings.catch_warnings(record=True) as w2:
        warnings.simplefilter("always")
        want = x / y
    assert {str(m.message) for m in w} == {str(m.message) for m in w2}
    assert np.array_equal(got, want, equal_nan=True)
    f = np.arange(n // 4, dtype=np.float64)
    assert np.array_equal(np.asarray(ox.sqrt(ox.asarray(f)).astype(ox.float32)),
                          np.sqrt(f).astype(np.float32))


@pytest.mark.parametrize("threads", [1, 2])
def test_split_calls_match_numpy(threads: int) -> None:
    rng = np.random.default_rng(3)
    a = rng.random(3_000_001)
    b = rng.random(3_000_001)
    with ox.num_threads(threads):
        for _ in range(5):
            assert np.array_equal(np.asarray(ox.asarray(a) * ox.asarray(b)), a * b)
            assert np.array_equal(np.asarray(ox.asarray(a).astype(ox.float32)), a.astype(np.float32))
            assert np.array_equal(np.asarray(ox.diff(ox.asarray(a))), np.diff(a))
            assert np.asarray(ox.asarray(a).sum()) == a.sum()
