"""Scalar math: oxarray scalars with each other and with Python numbers (issue 13, item 2).

Each row is one Python operator on scalars already built, so the time is the operator's:
conversion of the other operand, promotion, the operation, FP flags and the result object.
"""

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

import oxarray as ox


def _rows(m: Any) -> list[tuple[str, Callable[[], Any]]]:
    f, g = m.float64(3.0), m.float64(2.0)
    s, t = m.float32(3.0), m.float32(2.0)
    i, j = m.int64(7), m.int64(2)
    p, q = m.bool(True), m.bool(False)
    return [
        ("float64 * float64", lambda: f * g),
        ("float64 + float", lambda: f + 2.0),
        ("int64 + int64", lambda: i + j),
        ("int64 + int", lambda: i + 2),
        ("float32 * float32", lambda: s * t),
        ("bool & bool", lambda: p & q),
        ("float64 < float64", lambda: f < g),
        ("float64 == float", lambda: f == 2.0),
        ("abs(float64)", lambda: abs(f)),
        ("-float64", lambda: -f),
        ("float64 ** 2", lambda: f**2),
        ("float64 / float64", lambda: f / g),
        ("int64 // int64", lambda: i // j),
        ("int64 % int64", lambda: i % j),
    ]


def workloads() -> Iterator[tuple[str, int, Callable[[], Any], Callable[[], Any]]]:
    for (name, npf), (_, oxf) in zip(_rows(np), _rows(ox)):
        yield (f"scalar {name}", 1, npf, oxf)
