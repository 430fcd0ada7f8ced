"""Interchange workloads for ``benches/compare.py``: zero-copy conversion both ways, DLPack,
pickle protocol 5, and ``.npy`` save/load of 100 MB (to a temporary directory).

``workloads()`` yields ``(name, n, numpy_callable, oxarray_callable)``: the NumPy side does
the same job with NumPy (e.g. NumPy importing *our* array while we import *NumPy's*).
"""

import atexit
import os
import pickle
import shutil
import tempfile

import numpy as np

import oxarray as ox

N_CONVERT = 10_000_000
N_FILE = 100_000_000 // 8  # 100 MB of float64


def workloads():
    np_x = np.arange(N_CONVERT, dtype=np.float64)
    ox_x = ox.arange(N_CONVERT, dtype=ox.float64)
    yield "asarray(other lib's array)", N_CONVERT, lambda: np.asarray(ox_x), lambda: ox.asarray(np_x)
    yield "from_dlpack(other lib's)", N_CONVERT, lambda: np.from_dlpack(ox_x), lambda: ox.from_dlpack(np_x)

    def p5(a):
        bufs = []
        s = pickle.dumps(a, protocol=5, buffer_callback=bufs.append)
        return pickle.loads(s, buffers=bufs)

    yield "pickle p5 out-of-band", N_CONVERT, lambda: p5(np_x), lambda: p5(ox_x)

    tmp = tempfile.mkdtemp(prefix="oxarray-bench-")
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    np_big = np.random.default_rng(0).random(N_FILE)
    ox_big = ox.asarray(np_big.copy())
    p_np, p_ox = os.path.join(tmp, "np.npy"), os.path.join(tmp, "ox.npy")
    np.save(p_np, np_big)
    ox.save(p_ox, ox_big)
    yield "save .npy 100 MB", N_FILE, lambda: np.save(p_np, np_big), lambda: ox.save(p_ox, ox_big)
    yield "load .npy 100 MB", N_FILE, lambda: np.load(p_np), lambda: ox.load(p_ox)
    yield "load mmap_mode='r' 100 MB", N_FILE, lambda: np.load(p_np, mmap_mode="r"), lambda: ox.load(p_ox, mmap_mode="r")


if __name__ == "__main__":
    import sys

    sys.path.insert(0, os.path.dirname(__file__))
    from compare import fmt, timed

    for name, n, f_np, f_ox in workloads():
        t_np, t_ox = timed(f_np), timed(f_ox)
        print(f"{name:32s} n={n:>11,d}  numpy {fmt(t_np)}  oxarray {fmt(t_ox)}  ratio {t_ox / t_np:6.2f}")
