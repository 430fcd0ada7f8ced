"""Tour stop: interchange. A zero-copy round trip with NumPy, and a memory-mapped ``.npy``.

``demo()`` prints this stop; register it in the tour with
``oxarray.demo.add_section("Interchange with NumPy", demo)``.
"""

from __future__ import annotations

import os
import tempfile


def demo() -> None:
    import numpy as np

    import oxarray as ox

    print("One memory, two libraries:")
    a = ox.arange(12, dtype="float64").reshape(3, 4)
    n = np.asarray(a)  # NumPy views oxarray's memory through the buffer protocol
    n[0, 0] = 100.0
    print("a = ox.arange(12.).reshape(3, 4); n = numpy.asarray(a); n[0, 0] = 100")
    print(f"  a[0, 0] -> {a[0, 0]}   (same memory: {np.shares_memory(n, np.asarray(a))})")
    b = ox.asarray(n.T)  # and back: a strided NumPy view becomes an oxarray view
    b[3, 2] = -1.0
    print("b = ox.asarray(n.T); b[3, 2] = -1")
    print(f"  a[2, 3] -> {a[2, 3]}   strides of b: {b.strides} (no copy)")
    c = np.from_dlpack(a[:, 1])
    print(f"numpy.from_dlpack(a[:, 1]) -> {c.tolist()} (DLPack, zero-copy)")

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "big.npy")
        m = ox.open_memmap(path, mode="w+", dtype="float32", shape=(1000, 1000))
        m[10, :5] = ox.arange(5, dtype="float32")
        m.flush()
        print("A memory-mapped .npy file as an array's buffer:")
        print(f"open_memmap(w+) shape={m.shape} dtype={m.dtype}; wrote m[10, :5] and flushed")
        print(f"  numpy.load(path)[10, :5] -> {np.load(path)[10, :5].tolist()}")
        r = ox.load(path, mmap_mode="r")
        print(f"  ox.load(path, mmap_mode='r')[10, :5] -> {r[10, :5].tolist()}  writeable={r.flags.writeable}")
        del m, r


if __name__ == "__main__":
    demo()
