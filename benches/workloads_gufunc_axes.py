"""Generalized ufuncs with `axes=` / `axis=`: core axes moved by views before the call."""

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

import oxarray as ox


def workloads() -> Iterator[tuple[str, int, Callable[[], Any], Callable[[], Any]]]:
    rng = np.random.default_rng(0)
    for n in [10, 300]:
        a = rng.standard_normal((n, n))
        oa = ox.asarray(a)
        yield ("vecdot axis=0", n * n, lambda a=a: np.vecdot(a, a, axis=0), lambda oa=oa: ox.vecdot(oa, oa, axis=0))
        yield (
            "vecdot axis=0 keepdims",
            n * n,
            lambda a=a: np.vecdot(a, a, axis=0, keepdims=True),
            lambda oa=oa: ox.vecdot(oa, oa, axis=0, keepdims=True),
        )
    for n in [4, 64]:
        b = rng.standard_normal((n, n, 8))
        ob = ox.asarray(b)
        axes = [(0, 1), (1, 0), (0, 1)]
        yield (
            "matmul axes=[(0,1),(1,0),(0,1)]",
            n * n * 8,
            lambda b=b: np.matmul(b, b, axes=axes),
            lambda ob=ob: ox.matmul(ob, ob, axes=axes),
        )
