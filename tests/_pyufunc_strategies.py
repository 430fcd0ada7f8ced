"""Hypothesis strategies shared by the operator, reduction and vectorize tests: NumPy
arrays of every built-in dtype in any layout, and the same views taken on both sides."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import oxarray as ox

ALL_DTYPES = [
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float16", "float32", "float64", "complex64", "complex128",
]
INT_DTYPES = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
FLOAT_DTYPES = ["float16", "float32", "float64"]
COMPLEX_DTYPES = ["complex64", "complex128"]


def twin(na):
    """The oxarray array with the same values, dtype and shape as NumPy's `na`."""
    return ox.asarray(na.copy(order="C"))


@st.composite
def array_pairs(draw, dtypes=ALL_DTYPES, min_dims=0, max_dims=3, min_side=0, max_side=5,
                elements=None, views=True, shape=None):
    """(numpy array, oxarray array) with equal values; possibly a strided/transposed view
    taken identically on both sides."""
    dtype = np.dtype(draw(st.sampled_from(dtypes)))
    steps = [1, -1, 2]
    if shape is not None:
        steps = [1, -1]  # keep the requested shape
    else:
        shape = draw(hnp.array_shapes(min_dims=min_dims, max_dims=max_dims,
                                      min_side=min_side, max_side=max_side))
    kw = {} if elements is None else {"elements": elements(dtype)}
    na = draw(hnp.arrays(dtype, shape, **kw))
    oa = twin(na)
    if views and na.ndim > 0 and draw(st.booleans()):
        key = tuple(
            slice(None, None, draw(st.sampled_from(steps))) for _ in range(na.ndim)
        )
        na, oa = na[key], oa[key]
        if na.ndim > 1 and len(steps) == 3 and draw(st.booleans()):
            na, oa = na.T, oa.T
    return na, oa


def small_values(dtype):
    """Elements that keep sums and products of a few of them exact-ish and in range."""
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return st.booleans()
    if dtype.kind in "iu":
        lo = 0 if dtype.kind == "u" else -8
        return st.integers(lo, 8)
    if dtype.kind == "f":
        return st.integers(-8, 8).map(float)
    return st.builds(complex, st.integers(-4, 4), st.integers(-4, 4))
