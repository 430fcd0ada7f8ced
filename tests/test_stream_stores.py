"""Streamed (non-temporal) stores of huge outputs, against NumPy, with small arrays.

Outputs above the execution policy's thresholds (32 MiB for ufunc outputs, 16 MiB for
copies and casts) are computed in 512-byte L1 chunks and written with non-temporal stores
(``kernels/store.rs``). ``OXARRAY_STREAM_BYTES`` lowers both thresholds, so a child
process started with it streams outputs of a few KiB: every case below runs there and
compares bytes with NumPy (streaming must never change a bit): unaligned starts (views
offset by one element), odd lengths around the chunk and vector widths, every dtype class
through casts and ufuncs, outputs identical to an input (``add(a, b, out=a)``), and one
thread against two (arrays big enough for the split)."""

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import oxarray as ox

CHILD = textwrap.dedent(
    r'''
    import sys, warnings
    import numpy as np
    import oxarray as ox

    rng = np.random.default_rng(int(sys.argv[1]))
    checked = 0

    def same(got, want, what):
        global checked
        got = np.asarray(got)
        assert got.dtype == want.dtype, (what, got.dtype, want.dtype)
        assert got.shape == want.shape, (what, got.shape, want.shape)
        assert got.tobytes() == want.tobytes(), what
        checked += 1

    LENS = [1, 3, 31, 64, 65, 511, 1000, 1001, 4097, 12345, 70001]
    # A ufunc call of at least 2 MiB of work is split over two threads.
    SPLIT = 200_003

    def ufunc_cases(threads):
        ox.set_num_threads(threads)
        for n in LENS + [SPLIT]:
            for off in (0, 1):
                a = rng.random(n + off) + 0.5
                b = rng.random(n + off) - 0.25
                av, bv = a[off:], b[off:]
                oa, ob = ox.asarray(a)[off:], ox.asarray(b)[off:]
                same(oa + ob, av + bv, ("a+b", n, off))
                out_np, out_ox = np.zeros(n + 1), ox.zeros(n + 1)
                np.add(av, bv, out=out_np[1:])
                ox.add(oa, ob, out=out_ox[1:])
                same(out_ox, out_np, ("add out= unaligned", n, off))
                # In place: the output is the first input.
                a2, oa2 = av.copy(), ox.asarray(av.copy())
                np.add(a2, bv, out=a2)
                ox.add(oa2, ob, out=oa2)
                same(oa2, a2, ("add out=a", n, off))
                oa3 = ox.asarray(av.copy())
                oa3 *= ob
                same(oa3, av * bv, ("imul", n, off))
                same(ox.sqrt(oa), np.sqrt(av), ("sqrt", n, off))
                # exp is within an ULP of NumPy's, not equal: compare the streamed call
                # with the same kernel over pieces too small to stream.
                pieces = [np.asarray(ox.exp(oa[k:k + 256])) for k in range(0, n, 256)]
                same(ox.exp(oa), np.concatenate(pieces), ("exp", n, off))
                f = av.astype(np.float32)
                same(ox.asarray(f) * ox.asarray(f), f * f, ("f32 mul", n, off))
                i = (av * 1000).astype(np.int64)
                same(ox.asarray(i) + ox.asarray(i), i + i, ("i64 add", n, off))
                i8 = (av * 50).astype(np.int8)
                same(ox.asarray(i8) - ox.asarray(i8[::-1].copy()), i8 - i8[::-1], ("i8 sub", n, off))
                c = av + 1j * bv
                # (complex multiply is 1 ULP off NumPy's FMA kernel, streamed or not.)
                same(ox.asarray(c) - ox.asarray(c[::-1].copy()), c - c[::-1], ("c128 sub", n, off))
                same(ox.less(oa, ob), av < bv, ("less", n, off))
                same(ox.maximum(oa, 0.75), np.maximum(av, 0.75), ("maximum scalar", n, off))
                with warnings.catch_warnings(record=True) as w1:
                    warnings.simplefilter("always")
                    want = av / (bv > 0)
                with warnings.catch_warnings(record=True) as w2:
                    warnings.simplefilter("always")
                    got = ox.divide(oa, ox.asarray(bv > 0))
                same(got, want, ("divide flags", n, off))
                assert {str(m.message) for m in w1} == {str(m.message) for m in w2}

    DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64",
              "uint64", "float16", "float32", "float64", "complex64", "complex128"]

    def cast_cases(threads):
        ox.set_num_threads(threads)
        for n in [1, 33, 1001, 4097, 70001, SPLIT]:
            for off in (0, 1):
                base = rng.integers(0, 100, n + off).astype(np.float64) + 0.25
                for src in DTYPES:
                    x = base.astype(src)[off:]
                    ov = ox.asarray(base.astype(src))[off:]
                    for dst in DTYPES:
                        same(ov.astype(dst), x.astype(dst), ("cast", src, dst, n, off))
                    same(ov.copy(), x.copy(), ("copy", src, n, off))
                # float64 -> float32 / int32 (the explicit AVX2 kernels) with flags.
                y = base[off:].copy()
                y[len(y) // 2] = np.inf if n > 2 else y[0]
                for dst in ("float32", "int32"):
                    with warnings.catch_warnings(record=True) as w1:
                        warnings.simplefilter("always")
                        want = y.astype(dst)
                    with warnings.catch_warnings(record=True) as w2:
                        warnings.simplefilter("always")
                        got = ox.asarray(y).astype(dst)
                    same(got, want, ("cast flags", dst, n, off))
                    assert {str(m.message) for m in w1} == {str(m.message) for m in w2}

    part = sys.argv[2]
    for threads in (1, 2):
        if part == "ufunc":
            ufunc_cases(threads)
        else:
            cast_cases(threads)
    # One thread against two on the same split-sized input, streamed.
    a = rng.random(SPLIT)
    got = []
    for threads in (1, 2):
        ox.set_num_threads(threads)
        got.append(np.asarray(ox.add(ox.asarray(a), ox.asarray(a[::-1].copy()))).tobytes())
    assert got[0] == got[1]
    print("checked", checked)
    '''
)


def run_child(part: str, seed: int, stream_bytes: str = "4096") -> int:
    env = dict(os.environ, OXARRAY_STREAM_BYTES=stream_bytes)
    res = subprocess.run([sys.executable, "-c", CHILD, str(seed), part], capture_output=True,
                         text=True, timeout=300, env=env)
    assert res.returncode == 0, res.stderr[-4000:]
    return int(res.stdout.split()[-1])


@pytest.mark.parametrize("part", ["ufunc", "cast"])
def test_streamed_outputs_match_numpy(part: str) -> None:
    assert run_child(part, 7) > 100


def test_stream_threshold_of_one_byte_streams_everything() -> None:
    # Every output of at least one byte streams, down to single elements.
    assert run_child("ufunc", 8, stream_bytes="1") > 100


def test_default_threshold_is_unchanged_in_this_process() -> None:
    # This process has no override: ordinary sizes keep ordinary stores; the results are
    # the same either way.
    a = np.random.default_rng(9).random(5000)
    assert np.array_equal(np.asarray(ox.asarray(a) + ox.asarray(a)), a + a)
