"""All cores: the 1e7-element rows of issue 13 (elementwise ufuncs, casts, copies, sums,
``A + A.T``, 3-arg ``where``), with ``numexpr`` as a second peer on the elementwise rows
where it has the same operation. ``compare.py`` times oxarray at one thread and at all.
"""

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

import oxarray as ox

try:
    import numexpr as ne
except ImportError:  # a test-only dependency; the rows still run without it
    ne = None

N = 10_000_000


def workloads() -> Iterator[tuple[Any, ...]]:
    rng = np.random.default_rng(0)
    a = rng.random(N) + 0.5
    b = rng.random(N) + 0.5
    oa, ob = ox.asarray(a), ox.asarray(b)
    out_np, out_ox = np.empty(N), ox.empty(N)
    side = 3000
    m = rng.random((side, side))
    om = ox.asarray(m)
    cond = a > 1.0
    a6 = a[: N // 10].copy()
    oa6 = ox.asarray(a6)
    ocond = ox.asarray(cond)

    def peer(expr: str, **kw: Any) -> Callable[[], Any] | None:
        if ne is None:
            return None
        return lambda: ne.evaluate(expr, local_dict={"a": a, "b": b, "cond": cond}, **kw)

    rows: list[tuple[Any, ...]] = [
        ("add(a, b, out=) f64", N, lambda: np.add(a, b, out=out_np), lambda: ox.add(oa, ob, out=out_ox),
         peer("a + b", out=np.empty(N))),
        ("a + b f64", N, lambda: a + b, lambda: oa + ob, peer("a + b")),
        ("exp(a) f64", N, lambda: np.exp(a), lambda: ox.exp(oa), peer("exp(a)")),
        ("sqrt(a) f64", N, lambda: np.sqrt(a), lambda: ox.sqrt(oa), peer("sqrt(a)")),
        ("astype(float32)", N, lambda: a.astype(np.float32), lambda: oa.astype(ox.float32)),
        ("sum(a) f64", N, lambda: a.sum(), lambda: oa.sum(), peer("sum(a)")),
        ("A + A.T 3000x3000", side * side, lambda: m + m.T, lambda: om + om.T),
        ("where(cond, a, b) f64", N, lambda: np.where(cond, a, b), lambda: ox.where(ocond, oa, ob),
         peer("where(cond, a, b)")),
        ("a.copy() f64", N, lambda: a.copy(), lambda: oa.copy()),
        # Thread policy at 1e6 (8 MB): two threads must never cost more than one.
        ("diff(a) f64 1e6", N // 10, lambda: np.diff(a6), lambda: ox.diff(oa6)),
        ("a[1:-1:2].copy() 1e6", N // 10, lambda: a6[1:-1:2].copy(), lambda: oa6[1:-1:2].copy()),
    ]
    for row in rows:
        yield row if len(row) == 5 and row[4] is not None else row[:4]
