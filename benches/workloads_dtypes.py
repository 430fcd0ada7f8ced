"""Registered dtypes beside NumPy with their third-party twins (issue 14): the
machine-learning floats against ``ml_dtypes`` on NumPy (``bfloat16`` add, sum, astype
and matmul). Skipped when ``ml_dtypes`` is not installed."""

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

import oxarray as ox


def workloads() -> Iterator[tuple[str, int, Callable[[], Any], Callable[[], Any]]]:
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
