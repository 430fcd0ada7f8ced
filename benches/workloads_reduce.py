"""Reductions: sums, means, std/var, axis sums of 3000x3000, cumsum, argmax, min/max, and the
small-call overhead of ``a.sum()`` (float sums bit-identical to NumPy's, see
``tests/test_exact_sums.py``)."""

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

import oxarray as ox


def workloads() -> Iterator[tuple[str, int, Callable[[], Any], Callable[[], Any]]]:
    rng = np.random.default_rng(0)
    for n in [1_000, 1_000_000, 10_000_000]:
        a = rng.standard_normal(n)
        oa = ox.asarray(a)
        yield ("sum", n, lambda a=a: np.sum(a), lambda oa=oa: ox.sum(oa))
        yield ("mean", n, lambda a=a: np.mean(a), lambda oa=oa: ox.mean(oa))
        yield ("std", n, lambda a=a: np.std(a), lambda oa=oa: ox.std(oa))
        yield ("var", n, lambda a=a: np.var(a), lambda oa=oa: ox.var(oa))
    m = rng.standard_normal((3000, 3000))
    om = ox.asarray(m)
    yield ("sum axis=0 3000x3000", m.size, lambda: np.sum(m, axis=0), lambda: ox.sum(om, axis=0))
    yield ("sum axis=1 3000x3000", m.size, lambda: np.sum(m, axis=1), lambda: ox.sum(om, axis=1))
    big = rng.standard_normal(10_000_000)
    obig = ox.asarray(big)
    yield ("cumsum", big.size, lambda: np.cumsum(big), lambda: ox.cumsum(obig))
    yield ("argmax", big.size, lambda: np.argmax(big), lambda: ox.argmax(obig))
    for n in [1_000_000, 10_000_000]:
        for dt in ("float64", "float32"):
            x = rng.standard_normal(n).astype(dt)
            ox_ = ox.asarray(x)
            yield (f"min {dt}", n, lambda x=x: np.min(x), lambda ox_=ox_: ox.min(ox_))
            yield (f"max {dt}", n, lambda x=x: np.max(x), lambda ox_=ox_: ox.max(ox_))
    yield ("max axis=0 3000x3000", m.size, lambda: np.max(m, axis=0), lambda: ox.max(om, axis=0))
    yield ("max axis=1 3000x3000", m.size, lambda: np.max(m, axis=1), lambda: ox.max(om, axis=1))
    for n in [1, 1_000]:
        s = rng.standard_normal(n)
        os_ = ox.asarray(s)
        yield ("a.sum()", n, lambda s=s: s.sum(), lambda os_=os_: os_.sum())
