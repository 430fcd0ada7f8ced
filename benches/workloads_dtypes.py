"""Registered dtypes beside NumPy with their third-party twins (issue 14): object arrays
(``a + b``, ``sum`` and creation from a list at 1e6) beside NumPy's object arrays, the
machine-learning floats against ``ml_dtypes`` on NumPy (``bfloat16`` add, sum, astype
and matmul; skipped when ``ml_dtypes`` is not installed), the fixed-width strings
(``U10 ==`` and ``strings.add``/``str_len``/``find``/``upper`` on ``U10`` arrays), NumPy 2's
``StringDType`` (creation from a list, ``==``, ``add``, ``str_len``, ``find``, ``upper``,
``sort``), and the
``rational`` dtype written in Python (``oxarray.examples.rational``) against a NumPy object
array of ``fractions.Fraction`` doing the same."""

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

import oxarray as ox


def _string_workloads() -> Iterator[tuple[str, int, Callable[[], Any], Callable[[], Any]]]:
    rng = np.random.default_rng(1)
    n = 1_000_000
    letters = np.array(list("abcdefghij"))
    a = letters[rng.integers(0, 10, (n, 10))].view("U10").ravel()
    b = a.copy()
    b[::7] = "x"
    oa, ob = ox.asarray(a), ox.asarray(b)
    yield ("U10 a == b", n, lambda: a == b, lambda: oa == ob)
    yield ("strings.add U10", n, lambda: np.strings.add(a, b), lambda: ox.strings.add(oa, ob))
    yield ("strings.str_len U10", n, lambda: np.strings.str_len(a), lambda: ox.strings.str_len(oa))
    yield ("strings.find U10", n, lambda: np.strings.find(a, "ab"), lambda: ox.strings.find(oa, "ab"))
    yield ("strings.upper U10", n, lambda: np.strings.upper(a), lambda: ox.strings.upper(oa))


def _object_workloads() -> Iterator[tuple[str, int, Callable[[], Any], Callable[[], Any]]]:
    n = 1_000_000
    vals = list(range(n))
    na, nb = np.array(vals, dtype=object), np.array(vals[::-1], dtype=object)
    oa, ob = ox.array(vals, dtype=object), ox.array(vals[::-1], dtype=object)
    yield ("object a + b at 1e6", n, lambda: na + nb, lambda: oa + ob)
    yield ("object sum at 1e6", n, lambda: na.sum(), lambda: oa.sum())
    yield ("object array(list) at 1e6", n, lambda: np.array(vals, dtype=object),
           lambda: ox.array(vals, dtype=object))


def _vstring_workloads() -> Iterator[tuple[str, int, Callable[[], Any], Callable[[], Any]]]:
    """NumPy 2's StringDType at 1e6: creation from a list of str, add, str_len, find,
    upper, ==, and sort (guarded: sorting StringDType needs the compare-based sort)."""
    rng = np.random.default_rng(2)
    n = 1_000_000
    letters = np.array(list("abcdefghij"))
    lens = rng.integers(3, 25, n)
    pool = letters[rng.integers(0, 10, (n, 24))].view("U24").ravel()
    lst = [s[:k] for s, k in zip(pool.tolist(), lens.tolist())]
    nt, ot = np.dtypes.StringDType(), ox.dtypes.StringDType()
    a = np.array(lst, dtype=nt)
    b = a.copy()
    b[::7] = "x"
    oa, ob = ox.array(lst, dtype=ot), ox.array(b.tolist(), dtype=ot)
    yield ("StringDType array(list) at 1e6", n, lambda: np.array(lst, dtype=nt),
           lambda: ox.array(lst, dtype=ot))
    yield ("StringDType a == b", n, lambda: a == b, lambda: oa == ob)
    yield ("strings.add StringDType", n, lambda: np.strings.add(a, b),
           lambda: ox.strings.add(oa, ob))
    yield ("strings.str_len StringDType", n, lambda: np.strings.str_len(a),
           lambda: ox.strings.str_len(oa))
    yield ("strings.find StringDType", n, lambda: np.strings.find(a, "ab"),
           lambda: ox.strings.find(oa, "ab"))
    yield ("strings.upper StringDType", n, lambda: np.strings.upper(a),
           lambda: ox.strings.upper(oa))
    try:
        ox.sort(oa[:10])
    except Exception:  # noqa: BLE001 - sort of StringDType lands with the strsort branch
        return
    yield ("StringDType sort at 1e6", n, lambda: np.sort(a), lambda: ox.sort(oa))


def workloads() -> Iterator[tuple[str, int, Callable[[], Any], Callable[[], Any]]]:
    yield from _object_workloads()
    yield from _string_workloads()
    yield from _vstring_workloads()
    yield from _rational()
    yield from _ml_floats()


def _rational() -> Iterator[tuple[str, int, Callable[[], Any], Callable[[], Any]]]:
    from fractions import Fraction

    from oxarray.examples.rational import Rational

    rng = np.random.default_rng(0)
    n = 100_000
    num = rng.integers(-1000, 1000, (2, n)).tolist()
    den = rng.integers(1, 1000, (2, n)).tolist()
    fa = np.array([Fraction(p, q) for p, q in zip(num[0], den[0])], dtype=object)
    fb = np.array([Fraction(p, q) for p, q in zip(num[1], den[1])], dtype=object)
    ra, rb = ox.array(list(fa), dtype=Rational), ox.array(list(fb), dtype=Rational)
    # NumPy side: an object array of Fractions (NumPy has no rational dtype).
    yield ("rational add at 1e5", n, lambda: fa + fb, lambda: ra + rb)


def _ml_floats() -> Iterator[tuple[str, int, Callable[[], Any], Callable[[], Any]]]:
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
