"""Per-call overhead of ufunc calls (issue 13, item 1), collected by ``benches/compare.py``.

Small operands (n = 1 and 1000) so that what is measured is the call path: operand
conversion, the dispatch cache, output allocation, the loop call and wrapping the result.
Each yields ``(name, n, numpy_callable, oxarray_callable)``; both sides use the same values.
"""

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

import oxarray as ox

Workload = tuple[str, int, Callable[[], Any], Callable[[], Any]]


def _pair(n: int, dtype: str = "float64", start: float = 0.0, step: float = 1.0) -> tuple[Any, Any]:
    na = (np.arange(n, dtype=np.float64) * step + start).astype(dtype)
    return na, ox.asarray(na)


def workloads() -> Iterator[Workload]:
    """(name, n, numpy_callable, oxarray_callable)."""
    for n in [1, 1_000]:
        na, oa = _pair(n)
        nb, ob = _pair(n, start=1.0, step=0.5)
        ni, oi = _pair(n, "int64")
        nj, oj = _pair(n, "int64", start=3.0)
        nout, oout = np.empty(n), ox.empty(n)
        nacc, oacc = _pair(n)
        yield "a + b", n, lambda na=na, nb=nb: na + nb, lambda oa=oa, ob=ob: oa + ob
        yield "add(a, b, out=)", n, (lambda na=na, nb=nb, o=nout: np.add(na, nb, out=o)), (
            lambda oa=oa, ob=ob, o=oout: ox.add(oa, ob, out=o)
        )
        yield "a * 2.0", n, lambda na=na: na * 2.0, lambda oa=oa: oa * 2.0
        yield "a < b", n, lambda na=na, nb=nb: na < nb, lambda oa=oa, ob=ob: oa < ob
        yield "a + b int64", n, lambda ni=ni, nj=nj: ni + nj, lambda oi=oi, oj=oj: oi + oj
        yield "add(a, 1) py int", n, lambda na=na: np.add(na, 1), lambda oa=oa: ox.add(oa, 1)

        def np_iadd(a: Any = nacc, b: Any = nb) -> None:
            a += b

        def ox_iadd(a: Any = oacc, b: Any = ob) -> None:
            a += b

        yield "a += b", n, np_iadd, ox_iadd
