"""Namespace workloads (issue 9, joining and rearranging) for ``make bench``.

Each yields ``(name, n, numpy_callable, oxarray_callable)`` with both sides built from the
same values; ``n`` is the number of elements of the result. Sizes 1e2 and 1e6: concatenate
of 10 arrays, stack of 10 arrays, tile, repeat, pad (constant, reflect), roll, meshgrid.
"""

import numpy as np

import oxarray as ox


def _pair(shape, dtype="float64"):
    na = np.arange(int(np.prod(shape)), dtype=np.float64).astype(dtype).reshape(shape)
    return na, ox.asarray(na.copy())


def workloads():
    """(name, n, numpy_callable, oxarray_callable)."""
    for n in (100, 1_000_000):
        parts = [_pair((n // 10,)) for _ in range(10)]
        nps = [p[0] for p in parts]
        oxs = [p[1] for p in parts]
        yield "concatenate 10 arrays", n, lambda nps=nps: np.concatenate(nps), (
            lambda oxs=oxs: ox.concatenate(oxs))
        yield "stack 10 arrays", n, lambda nps=nps: np.stack(nps), lambda oxs=oxs: ox.stack(oxs)
        side = int(round(n ** 0.5))
        nq, oq = _pair((side // 2, side // 2))
        yield "tile 2-d (2, 2)", n, lambda nq=nq: np.tile(nq, (2, 2)), lambda oq=oq: ox.tile(oq, (2, 2))
        nh, oh = _pair((n // 2,))
        yield "repeat(a, 2)", n, lambda nh=nh: np.repeat(nh, 2), lambda oh=oh: ox.repeat(oh, 2)
        ns, os_ = _pair((side - 4, side - 4))
        yield "pad constant", n, lambda ns=ns: np.pad(ns, 2), lambda os_=os_: ox.pad(os_, 2)
        yield "pad reflect", n, (lambda ns=ns: np.pad(ns, 2, mode="reflect")), (
            lambda os_=os_: ox.pad(os_, 2, mode="reflect"))
        na, oa = _pair((n,))
        yield "roll(a, 3)", n, lambda na=na: np.roll(na, 3), lambda oa=oa: ox.roll(oa, 3)
        nx, ox_ = _pair((side,))
        ny, oy = _pair((side,))
        yield "meshgrid(x, y)", n, (lambda nx=nx, ny=ny: np.meshgrid(nx, ny)), (
            lambda ox_=ox_, oy=oy: ox.meshgrid(ox_, oy))
