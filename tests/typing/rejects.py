"""Code the stubs must reject: each line carries the error mypy has to report.

``mypy --strict`` warns about an unused ``# type: ignore``, so if a stub grew too loose
(accepting what the runtime refuses, or returning Any), the ignore would be unused and
the check fails. Never run (the functions are not called).
"""

from __future__ import annotations

import oxarray as ox


def wrong_arguments(a: ox.ndarray) -> None:
    a.reshape(2.5)  # type: ignore[arg-type]
    ox.zeros((2, 2), dtype=3.5)  # type: ignore[arg-type]
    ox.concatenate(a, axis="0")  # type: ignore[arg-type]
    a.swapaxes(0, None)  # type: ignore[arg-type]
    ox.eye("3")  # type: ignore[arg-type]
    a.fill([1, 2])  # type: ignore[arg-type]


def wrong_uses_of_results(a: ox.ndarray) -> None:
    n: int = a.sum()  # type: ignore[assignment]
    s: str = a.dtype.itemsize  # type: ignore[assignment]
    a.nonzero()[0].no_such_attribute  # type: ignore[attr-defined]
    ox.broadcast_shapes((1, 2), (2,)).no_such_attribute  # type: ignore[attr-defined]
    ox.sin(a).no_such_attribute  # type: ignore[attr-defined]
    ox.linalg.inv(a).no_such_attribute  # type: ignore[attr-defined]
    flag: int = a.flags  # type: ignore[assignment]
