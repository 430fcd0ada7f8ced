"""SIMD kernel workloads (issue 13, item 3), collected by ``benches/compare.py``.

exp/log/sin/cos/tanh of float64 and float32 at n = 1000 and 1e6 (values in each function's
usual range), and the contiguous casts ``astype(float32)``, ``astype(int32)`` of float64
and ``astype(float64)`` of int32 at 1e6. Run single-threaded for the issue's target:
``OXARRAY_NUM_THREADS=1 python benches/compare.py simd``.
"""

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

import oxarray as ox

Workload = tuple[str, int, Callable[[], Any], Callable[[], Any]]

# (function, low, high): arguments drawn uniformly in [low, high).
_FUNCS = [
    ("exp", -50.0, 50.0),
    ("log", 1e-3, 1e6),
    ("sin", -100.0, 100.0),
    ("cos", -100.0, 100.0),
    ("tanh", -10.0, 10.0),
]


def workloads() -> Iterator[Workload]:
    """(name, n, numpy_callable, oxarray_callable)."""
    rng = np.random.default_rng(13)
    for n in (1_000, 1_000_000):
        for dt in ("float64", "float32"):
            for name, lo, hi in _FUNCS:
                na = rng.uniform(lo, hi, n).astype(dt)
                oa = ox.asarray(na)
                nf, of = getattr(np, name), getattr(ox, name)
                yield (
                    f"{name} {dt}",
                    n,
                    lambda nf=nf, na=na: nf(na),
                    lambda of=of, oa=oa: of(oa),
                )
    n = 1_000_000
    na = rng.uniform(-1e6, 1e6, n)
    oa = ox.asarray(na)
    yield "astype(float32) f8", n, lambda: na.astype(np.float32), lambda: oa.astype(ox.float32)
    yield "astype(int32) f8", n, lambda: na.astype(np.int32), lambda: oa.astype(ox.int32)
    ni = na.astype(np.int32)
    oi = ox.asarray(ni)
    yield "astype(float64) i4", n, lambda: ni.astype(np.float64), lambda: oi.astype(ox.float64)
