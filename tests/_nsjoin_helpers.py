"""Twins of NumPy arrays in oxarray with the same values, dtype and layout (C, Fortran,
strided, reversed), for the joining / rearranging / type-info tests."""

import numpy as np
from hypothesis import strategies as st

import oxarray as ox

ALL_DTYPES = [
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float16", "float32", "float64", "complex64", "complex128",
]
LAYOUTS = ["C", "F", "strided", "reversed"]


def base_values(shape, dtype, seed=0):
    n = int(np.prod(shape)) if shape else 1
    v = (np.arange(n) * 7 + seed) % 23 - 5
    dt = np.dtype(dtype)
    if dt.kind == "b":
        v = v % 3 == 0
    elif dt.kind == "u":
        v = np.abs(v)
    arr = v.astype(dt)
    if dt.kind == "c":
        arr = arr + 1j * (v % 4).astype(dt)
    return arr.reshape(shape)


def twin_pair(shape, dtype="int64", layout="C", seed=0):
    """(numpy array, oxarray array) with equal values and the same layout."""
    shape = tuple(shape)
    if layout == "strided":
        big = tuple(2 * s for s in shape)
        nb = base_values(big, dtype, seed)
        ob = ox.asarray(nb.copy())
        sl = tuple(slice(None, None, 2) for _ in shape)
        return nb[sl], ob[sl]
    if layout == "reversed":
        nb = base_values(shape, dtype, seed)
        ob = ox.asarray(nb.copy())
        sl = tuple(slice(None, None, -1) for _ in shape)
        return nb[sl], ob[sl]
    if layout == "F":
        nb = base_values(shape[::-1], dtype, seed)
        ob = ox.asarray(nb.copy())
        return nb.T, ob.T
    nb = base_values(shape, dtype, seed)
    return nb, ox.asarray(nb.copy())


def same_flags(o, n):
    assert o.flags["C_CONTIGUOUS"] == n.flags["C_CONTIGUOUS"], (o.shape, o.strides, n.strides)
    assert o.flags["F_CONTIGUOUS"] == n.flags["F_CONTIGUOUS"], (o.shape, o.strides, n.strides)


shapes = st.lists(st.integers(0, 4), min_size=1, max_size=3).map(tuple)
nonempty_shapes = st.lists(st.integers(1, 4), min_size=1, max_size=3).map(tuple)
dtypes = st.sampled_from(ALL_DTYPES)
layouts = st.sampled_from(LAYOUTS)
