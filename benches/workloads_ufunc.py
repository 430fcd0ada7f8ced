"""Ufunc workloads for ``make bench`` (collected by ``benches/compare.py``).

Each yields ``(name, n, numpy_callable, oxarray_callable)``; both sides are built from the
same values. The list is issue 3's: ``a + b`` and ``add(out=)`` at n = 1, 1e3, 1e6, 1e7;
exp, sqrt; sum; sum over axis 0 and 1 of 3000x3000; broadcast add; ``A + A.T``;
``int32 + float64``; matmul 1000x1000.
"""

import numpy as np

import oxarray as ox


def _uf(name):
    """The oxarray ufunc `name` (top-level export, or the extension module's)."""
    return getattr(ox, name, None) or getattr(ox._core, name)


def _pair(n, dtype="float64", start=0.0, step=1.0):
    na = (np.arange(n, dtype=np.float64) * step + start).astype(dtype)
    return na, ox.asarray(na)


def workloads():
    """(name, n, numpy_callable, oxarray_callable)."""
    for n in [1, 1_000, 1_000_000, 10_000_000]:
        na, oa = _pair(n)
        nb, ob = _pair(n, start=1.0, step=0.5)
        nout, oout = np.empty(n), ox.empty(n)
        yield "a + b", n, lambda na=na, nb=nb: na + nb, lambda oa=oa, ob=ob: oa + ob
        yield "add(a, b, out=)", n, (lambda na=na, nb=nb, o=nout: np.add(na, nb, out=o)), (
            lambda oa=oa, ob=ob, o=oout: _uf("add")(oa, ob, out=o)
        )
    n = 1_000_000
    na, oa = _pair(n, step=1e-5)
    yield "exp(a)", n, lambda: np.exp(na), lambda: _uf("exp")(oa)
    yield "sqrt(a)", n, lambda: np.sqrt(na), lambda: _uf("sqrt")(oa)
    yield "sum(a)", n, lambda: np.sum(na), lambda: ox.sum(oa)
    yield "a.sum()", n, lambda: na.sum(), lambda: oa.sum()

    side = 3000
    nA, oA = _pair(side * side, step=1e-3)
    nA, oA = nA.reshape(side, side), oA.reshape(side, side)
    yield "sum(A, axis=0) 3000x3000", side * side, lambda: nA.sum(axis=0), lambda: oA.sum(axis=0)
    yield "sum(A, axis=1) 3000x3000", side * side, lambda: nA.sum(axis=1), lambda: oA.sum(axis=1)
    yield "A + A.T 3000x3000", side * side, lambda: nA + nA.T, lambda: oA + oA.T

    nrow, orow = _pair(side)
    ncol, ocol = nrow.reshape(side, 1), orow.reshape(side, 1)
    yield "broadcast (n,1)+(n,)", side * side, lambda: ncol + nrow, lambda: ocol + orow

    n = 10_000_000
    ni, oi = _pair(n, dtype="int32")
    nf, of = _pair(n, start=0.5)
    yield "int32 + float64", n, lambda: ni + nf, lambda: oi + of

    m = 1000
    nM, oM = _pair(m * m, step=1e-6)
    nM, oM = nM.reshape(m, m), oM.reshape(m, m)
    yield "matmul 1000x1000", m * m, lambda: nM @ nM, lambda: oM @ oM
