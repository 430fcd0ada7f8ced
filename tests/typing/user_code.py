"""Realistic user code, checked by ``mypy --strict tests/typing`` (``make lint``).

Not a pytest module (no ``test_`` prefix): it is type-checked, and imported by
tests/test_stub_types.py so it also runs. ``assert_type`` makes a wrong return type in
the stubs fail the type check.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from typing_extensions import assert_type

import oxarray as ox
import oxarray.fft
import oxarray.linalg
import oxarray.random


def creation() -> list[ox.ndarray]:
    a = ox.array([[1.0, 2.0], [3.0, 4.0]])
    assert_type(a, ox.ndarray)
    assert_type(ox.zeros((2, 3), dtype=ox.float32), ox.ndarray)
    assert_type(ox.ones(4, dtype="int16"), ox.ndarray)
    assert_type(ox.arange(10), ox.ndarray)
    assert_type(ox.linspace(0.0, 1.0, 5), ox.ndarray)
    assert_type(ox.linspace(0.0, 1.0, 5, retstep=True), tuple[ox.ndarray, Any])
    assert_type(ox.eye(3), ox.ndarray)
    assert_type(ox.full((2, 2), 7, dtype=np.int32), ox.ndarray)
    assert_type(ox.empty_like(a), ox.ndarray)
    assert_type(ox.asarray(np.arange(3.0)), ox.ndarray)
    assert_type(ox.frombuffer(b"\x00\x01", dtype=ox.uint8), ox.ndarray)
    return [a, ox.zeros_like(a), ox.full_like(a, 2.0)]


def attributes(a: ox.ndarray) -> None:
    assert_type(a.shape, tuple[int, ...])
    assert_type(a.ndim, int)
    assert_type(a.size, int)
    assert_type(a.dtype, ox.dtype)
    assert_type(a.dtype.name, str)
    assert_type(a.dtype.itemsize, int)
    assert_type(a.flags.c_contiguous, bool)
    assert_type(a.T, ox.ndarray)
    assert_type(a.strides, tuple[int, ...])
    assert_type(a.device, str)


def arithmetic(a: ox.ndarray, b: ox.ndarray) -> ox.ndarray:
    assert_type(a + b, ox.ndarray)
    assert_type(a * 2, ox.ndarray)
    assert_type(2.5 * a, ox.ndarray)
    assert_type(a / (b + 1), ox.ndarray)
    assert_type(a @ b, ox.ndarray)
    assert_type(-a, ox.ndarray)
    assert_type(a == b, ox.ndarray)
    assert_type(a < 3, ox.ndarray)
    assert_type(divmod(a, 2), tuple[ox.ndarray, ox.ndarray])
    a += 1
    assert_type(a, ox.ndarray)
    return ox.sqrt(a) + ox.exp(-b)


def scalars() -> float:
    x = ox.float64(2.0)
    assert_type(x, ox.float64)
    assert_type(x + 1, ox.generic)
    assert_type(1.0 + x, ox.generic)
    assert_type(x.item(), float)
    assert_type(ox.int32(3).item(), int)
    assert_type(x < 3, ox.bool)
    assert_type(x.dtype, ox.dtype)
    assert_type(x * ox.arange(3), ox.ndarray)
    return float(x) + int(ox.int8(4))


def indexing(a: ox.ndarray) -> None:
    assert_type(a[0:2], ox.ndarray)
    assert_type(a[..., 0:1], ox.ndarray)
    assert_type(a[None], ox.ndarray)
    assert_type(a[a > 1], ox.ndarray)
    assert_type(a[[0, 1]], ox.ndarray)
    assert_type(a[0, :], ox.ndarray)
    element = a[0, 0]  # a scalar of a 2-d array, a row of a 3-d one: Any
    assert_type(element, Any)
    a[0] = 5
    a[a > 2] = 0


def reductions(a: ox.ndarray) -> float:
    total = a.sum()
    assert_type(total, ox.generic)
    assert_type(a.mean(), ox.generic)
    assert_type(a.max(keepdims=True), ox.ndarray)
    assert_type(a.sum(axis=0, keepdims=True), ox.ndarray)
    assert_type(a.sum(out=ox.empty(())), ox.ndarray)
    assert_type(a.any(), ox.bool)
    assert_type(a.argmax(), ox.int64)
    assert_type(a.cumsum(), ox.ndarray)
    by_column = a.sum(axis=0)  # an array for a 2-d `a`, a scalar for a 1-d one
    assert_type(by_column, Any)
    assert_type(ox.sum(a), ox.generic)
    assert_type(ox.sum(a, axis=0, keepdims=True), ox.ndarray)
    assert_type(ox.mean(a), ox.generic)
    assert_type(ox.argmax(a), ox.int64)
    assert_type(ox.all(a > 0), ox.bool)
    assert_type(ox.cumsum(a, axis=0), ox.ndarray)
    assert_type(ox.max(a, axis=1, out=ox.empty(a.shape[0])), ox.ndarray)
    assert_type(ox.add.reduce(a, axis=None), ox.generic)
    return float(total) + float(a.std())


def ufuncs(a: ox.ndarray) -> None:
    assert_type(ox.sin(a), ox.ndarray)
    assert_type(ox.sin(1.0), ox.generic)
    assert_type(ox.add(a, 1), ox.ndarray)
    assert_type(ox.add([1, 2], [3, 4]), ox.ndarray)
    assert_type(ox.modf(a), tuple[ox.ndarray, ox.ndarray])
    assert_type(ox.divmod(a, 3), tuple[ox.ndarray, ox.ndarray])
    assert_type(ox.add.outer(a, a), ox.ndarray)
    assert_type(ox.add.accumulate(a), ox.ndarray)
    assert_type(ox.add.nin, int)
    assert_type(ox.add.types, list[str])
    u: ox.ufunc = ox.multiply
    assert_type(u.__name__, str)
    out = ox.empty_like(a)
    ox.multiply(a, 2, out=out)


def manipulation(a: ox.ndarray) -> None:
    assert_type(a.reshape(1, -1), ox.ndarray)
    assert_type(a.reshape((-1,)), ox.ndarray)
    assert_type(a.transpose(), ox.ndarray)
    assert_type(a.astype(ox.float32), ox.ndarray)
    assert_type(ox.concatenate([a, a], axis=0), ox.ndarray)
    assert_type(ox.broadcast_arrays(a, 1.0), tuple[ox.ndarray, ...])
    assert_type(ox.broadcast_shapes((2, 1), (3,)), tuple[int, ...])
    assert_type(ox.where(a > 0), tuple[ox.ndarray, ...])
    assert_type(ox.where(a > 0, a, 0), ox.ndarray)
    assert_type(ox.sort(a, axis=-1), ox.ndarray)
    assert_type(ox.argsort(a), ox.ndarray)
    assert_type(ox.searchsorted(ox.arange(5), 3), ox.int64)
    assert_type(ox.searchsorted(ox.arange(5), [1, 3]), ox.ndarray)
    assert_type(a.tolist(), Any)
    assert_type(a.tobytes(), bytes)
    assert_type(a.take(1), ox.generic)
    assert_type(a.take([0, 1]), ox.ndarray)
    assert_type(ox.take(a, [[0], [1]], axis=0), ox.ndarray)
    assert_type(ox.take(a, 0), ox.generic)
    assert_type(ox.add.identity, int | float | bool | None)
    assert_type(ox.result_type(a, 1.0), ox.dtype)
    assert_type(ox.promote_types("f4", ox.int64), ox.dtype)
    assert_type(ox.can_cast(ox.int8, ox.float32), bool)
    b = a.copy()
    b.sort()
    assert_type(b.nonzero(), tuple[ox.ndarray, ...])


def dtypes() -> None:
    d = ox.dtype("float32")
    assert_type(d, ox.dtype)
    assert_type(d.kind, str)
    assert_type(ox.dtype(np.dtype("int16")).itemsize, int)
    assert_type(d == ox.float32, bool)
    info = ox.finfo(ox.float64)
    assert_type(info.eps, ox.floating)
    assert_type(ox.iinfo(ox.int8).max, int)


def linalg_fft_random() -> None:
    m = ox.array([[2.0, 1.0], [1.0, 3.0]])
    assert_type(ox.linalg.inv(m), ox.ndarray)
    assert_type(ox.linalg.solve(m, ox.ones(2)), ox.ndarray)
    assert_type(ox.linalg.det(m), Any)
    assert_type(ox.linalg.norm(m), Any)
    assert_type(ox.fft.fft(ox.arange(8.0)), ox.ndarray)
    assert_type(ox.fft.rfftfreq(8), ox.ndarray)
    rng = ox.random.default_rng(42)
    assert_type(rng, ox.random.Generator)
    assert_type(rng.random(), float)
    assert_type(rng.random((2, 2)), ox.ndarray)
    assert_type(rng.standard_normal(3), ox.ndarray)
    assert_type(rng.normal(0.0, 2.0), float)
    assert_type(rng.normal(size=(2, 3)), ox.ndarray)
    assert_type(rng.uniform(-1.0, 1.0, size=4), ox.ndarray)
    assert_type(rng.permutation(5), ox.ndarray)
    a = ox.arange(4.0)
    assert_type(a.flat[2], Any)
    assert_type(ox.linalg.matrix_power(ox.eye(2), 3), ox.ndarray)
    assert_type(ox.linalg.eigvalsh(ox.eye(2)), ox.ndarray)
    assert_type(ox.fft.irfft(ox.fft.rfft(a)), ox.ndarray)
    assert_type(ox.fft.fftshift(a), ox.ndarray)


def errors(a: ox.ndarray) -> None:
    with ox.errstate(divide="ignore", invalid="ignore"):
        assert_type(a / 0, ox.ndarray)
    old = ox.seterr(all="raise")
    ox.seterr(**old)


def numpy_interop(a: ox.ndarray) -> np.ndarray[Any, Any]:
    n = np.asarray(a)
    back = ox.asarray(n)
    assert_type(back, ox.ndarray)
    assert_type(ox.add(back, n), ox.ndarray)
    return n


def main() -> None:
    arrays = creation()
    a = ox.arange(1.0, 5.0).reshape(2, 2)
    attributes(a)
    arithmetic(a, a.copy())
    scalars()
    indexing(a.copy())
    reductions(a)
    ufuncs(a)
    manipulation(a)
    dtypes()
    linalg_fft_random()
    errors(a)
    numpy_interop(a)
    assert len(arrays) == 3


if __name__ == "__main__":
    main()
