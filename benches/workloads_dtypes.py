"""Registered dtypes beside NumPy with their third-party twins (issue 14): the
machine-learning floats against ``ml_dtypes`` on NumPy (``bfloat16`` add, sum, astype
and matmul; skipped when ``ml_dtypes`` is not installed) and the fixed-width strings
(``U10 ==`` and ``strings.add``/``str_len``/``find``/``upper`` on ``U10`` arrays)."""

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

import oxarray as ox


def _string_workloads() -> Iterator[tuple[str, int, Callable[[], Any], Callable[[], Any]]]:
    rng = np.random.default_rng(1)
    n = 1_000_000
    letters = np.array(list("abcdefghij"))
    a = letters[rng.integers(0, 10, (n, 10))].view("U10").ravel()
    b = a.copy()
    b[::7] = "x"
    oa, ob = ox.asarray(a), ox.asarray(b)
    yield ("U10 a == b", n, lambda: a == b, lambda: oa == ob)
    yield ("strings.add U10", n, lambda: np.strings.add(a, b), lambda: ox.strings.add(oa, ob))
    yield ("strings.str_len U10", n, lambda: np.strings.str_len(a), lambda: ox.strings.str_len(oa))
    yield ("strings.find U10", n, lambda: np.strings.find(a, "ab"), lambda: ox.strings.find(oa, "ab"))
    yield ("strings.upper U10", n, lambda: np.strings.upper(a), lambda: ox.strings.upper(oa))


def workloads() -> Iterator[tuple[str, int, Callable[[], Any], Callable[[], Any]]]:
    yield from _string_workloads()
    try:
        import ml_dtypes
    except ImportError:
        return
    bf16 = ml_dtypes.bfloat16
    rng = np.random.default_rng(0)
    n = 1_000_000
    a = rng.standard_normal(n).astype(bf16)
    b = rng.standard_normal(n).astype(bf16)
    oa, ob = ox.asarray(a), ox.asarray(b)
    yield ("bfloat16 a + b", n, lambda: a + b, lambda: oa + ob)
    yield ("bfloat16 a * b", n, lambda: a * b, lambda: oa * ob)
    yield ("bfloat16 sum", n, lambda: a.sum(), lambda: oa.sum())
    f = rng.standard_normal(n).astype(np.float32)
    of = ox.asarray(f)
    yield ("float32 -> bfloat16", n, lambda: f.astype(bf16), lambda: of.astype("bfloat16"))
    yield ("bfloat16 -> float32", n, lambda: a.astype(np.float32), lambda: oa.astype("float32"))
    e4 = ml_dtypes.float8_e4m3fn
    c, d = a.astype(e4), b.astype(e4)
    oc, od = ox.asarray(c), ox.asarray(d)
    yield ("float8_e4m3fn a + b", n, lambda: c + d, lambda: oc + od)
    m = rng.standard_normal((512, 512)).astype(bf16)
    k = rng.standard_normal((512, 512)).astype(bf16)
    om, ok = ox.asarray(m), ox.asarray(k)
    yield ("bfloat16 matmul 512x512", m.size, lambda: m @ k, lambda: om @ ok)
