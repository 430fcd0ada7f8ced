"""Reliability workloads (issue 8) for ``benches/compare.py``: the paths the fixes touched,
to show that reading bool memory through ``Load`` (nonzero is True), the heap-stack array
coercion and ``tolist``, and the printer without recursion cost nothing measurable.

``workloads()`` yields ``(name, n, numpy_callable, oxarray_callable)``.
"""

import numpy as np

import oxarray as ox

N = 1_000_000


def workloads():
    raw = bytes(np.random.default_rng(0).integers(0, 4, N, dtype=np.uint8))
    nb = np.frombuffer(raw, dtype=bool)
    ob = ox.frombuffer(bytearray(raw), dtype="bool")
    yield "logical_not(bool, bytes 0..3)", N, lambda: np.logical_not(nb), lambda: ox.logical_not(ob)
    yield "logical_and(bool, bool)", N, lambda: np.logical_and(nb, nb[::-1]), lambda: ox.logical_and(ob, ob[::-1])
    yield "bool.sum()", N, nb.sum, ob.sum
    yield "bool.astype(float32)", N, lambda: nb.astype(np.float32), lambda: ob.astype("float32")
    yield "bool.argmax()", N, nb.argmax, ob.argmax
    nv, ov = np.arange(N, dtype=np.float64), ox.arange(N, dtype="float64")
    yield "x[bool mask]", N, lambda: nv[nb], lambda: ov[ob]

    nested = np.arange(100_000, dtype=np.float64).reshape(100, 10, 100).tolist()
    yield "array(nested list 100x10x100)", 100_000, lambda: np.array(nested), lambda: ox.array(nested)
    n3, o3 = np.zeros((100, 10, 100)), ox.zeros((100, 10, 100))
    yield "tolist() 100x10x100", 100_000, n3.tolist, o3.tolist
    deep = 1.0
    for _ in range(60):
        deep = [deep]
    yield "array(60-deep list)", 1, lambda: np.array(deep), lambda: ox.array(deep)
    nd, od = np.zeros((1,) * 60), ox.zeros((1,) * 60)
    yield "repr(60-d array)", 1, lambda: repr(nd), lambda: repr(od)
    n2, o2 = np.arange(1000.0).reshape(10, 100), ox.arange(1000.0).reshape(10, 100)
    yield "repr(10x100 float64)", 1000, lambda: repr(n2), lambda: repr(o2)
