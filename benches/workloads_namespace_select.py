"""Selection and text-I/O workloads of issue 9 for ``make bench`` (collected by
``benches/compare.py``): where (3-arg), nonzero, take, take_along_axis, diag, tril at
n = 1e2 and 1e6 elements, and loadtxt of a 20 MB CSV of floats.

Each yields ``(name, n, numpy_callable, oxarray_callable)``; both sides use the same values.
"""

import math
import os
import tempfile

import numpy as np

import oxarray as ox


def _csv(path, target_bytes=20_000_000):
    rng = np.random.default_rng(0)
    rows = target_bytes // 125
    np.savetxt(path, rng.standard_normal((rows, 5)), delimiter=",")


def workloads():
    """(name, n, numpy_callable, oxarray_callable)."""
    rng = np.random.default_rng(1)
    for n in (100, 1_000_000):
        na = rng.standard_normal(n)
        oa = ox.asarray(na.copy())
        nb = rng.standard_normal(n)
        ob = ox.asarray(nb.copy())
        nc = na > 0
        oc = ox.asarray(nc.copy())
        yield "where(c, a, b)", n, lambda: np.where(nc, na, nb), lambda: ox.where(oc, oa, ob)
        yield "nonzero(bool)", n, lambda: np.nonzero(nc), lambda: ox.nonzero(oc)
        ni = rng.integers(0, n, n)
        oi = ox.asarray(ni.copy())
        yield "take(a, idx)", n, lambda: np.take(na, ni), lambda: ox.take(oa, oi)
        side = int(math.isqrt(n))
        n2 = na[: side * side].reshape(side, side)
        o2 = ox.asarray(n2.copy())
        ni2 = rng.integers(0, side, (side, side))
        oi2 = ox.asarray(ni2.copy())
        yield ("take_along_axis", n, lambda: np.take_along_axis(n2, ni2, axis=1),
               lambda: ox.take_along_axis(o2, oi2, axis=1))
        yield "diag(2-d)", n, lambda: np.diag(n2), lambda: ox.diag(o2)
        nv = na[:side]
        ov = ox.asarray(nv.copy())
        yield "diag(1-d)", side * side, lambda: np.diag(nv), lambda: ox.diag(ov)
        yield "tril", n, lambda: np.tril(n2), lambda: ox.tril(o2)
    path = os.path.join(tempfile.gettempdir(), "oxarray_bench_20mb.csv")
    if not os.path.exists(path):
        _csv(path)
    size = os.path.getsize(path)
    yield ("loadtxt 20MB csv", size, lambda: np.loadtxt(path, delimiter=","),
           lambda: ox.loadtxt(path, delimiter=","))
