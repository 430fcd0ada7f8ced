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


def wrong_module_functions(a: ox.ndarray) -> None:
    ox.sum(a, axis="0")  # type: ignore[arg-type]
    ox.reshape(a, "3")  # type: ignore[arg-type]
    ox.linalg.qr(a, mode="bad")  # type: ignore[call-overload]
    ox.save(3, a)  # type: ignore[call-overload]
    ox.fft.fft(a, norm=3)  # type: ignore[arg-type]
    ox.histogram(a, bins=10, density="yes")  # type: ignore[call-overload]
    with ox.num_threads("2"):  # type: ignore[arg-type]
        pass
    ox.median(a, axis=1.5)  # type: ignore[call-overload]


def wrong_random_use() -> None:
    rng = ox.random.default_rng(0)
    rng.normal(size="3")  # type: ignore[arg-type]
    n: int = rng.random()  # type: ignore[assignment]
    k: float = rng.normal(size=3)  # type: ignore[assignment]
    rng.choice(5).shape  # type: ignore[attr-defined]
    ox.random.RandomState(0).rand(2).no_such_attribute  # type: ignore[attr-defined]


def wrong_uses_of_typed_results(a: ox.ndarray) -> None:
    m: float = ox.mean(a)  # type: ignore[assignment]
    ox.histogram(a)[0].no_such_attribute  # type: ignore[attr-defined]
    ox.isclose(a, a).no_such_attribute  # type: ignore[attr-defined]
    ox.unique_counts(a).no_such_attribute  # type: ignore[attr-defined]
    ox.allclose(a, a) + "x"  # type: ignore[operator]
    ox.linalg.svd(a).S.no_such_attribute  # type: ignore[attr-defined]
    ox.polyder(ox.poly1d([1.0])).no_such_attribute  # type: ignore[attr-defined]
    ox.split(a, 2)[0].no_such_attribute  # type: ignore[attr-defined]
    ox.std(a, axis=0, keepdims=True).no_such_attribute  # type: ignore[attr-defined]
