"""Hypothesis strategies shared by the interchange tests: NumPy arrays of every built-in
dtype (both byte orders) seen through arbitrary strided views."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from conftest import ALL_DTYPES

SWAPPED = [">i2", ">i4", ">i8", ">u2", ">u4", ">u8", ">f2", ">f4", ">f8", ">c8", ">c16"]
NATIVE_DTYPES = st.sampled_from(ALL_DTYPES)
ANY_DTYPES = st.sampled_from(ALL_DTYPES + SWAPPED)


@st.composite
def np_views(draw, dtypes=ANY_DTYPES, max_dims=4):
    """A NumPy array with random values, then sliced with random steps and transposed."""
    dt = np.dtype(draw(dtypes))
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=max_dims, min_side=0, max_side=5))
    base = draw(hnp.arrays(dt, shape))
    idx = tuple(
        slice(draw(st.integers(0, 1)), None, draw(st.sampled_from([1, 2, -1, -2])))
        for _ in shape
    )
    v = base[idx] if shape else base
    if v.ndim > 1 and draw(st.booleans()):
        v = v.transpose(draw(st.permutations(range(v.ndim))))
    return v


def same_bits(a, b):
    """Same dtype, shape and raw element bytes (NaN payloads and -0.0 included)."""
    a, b = np.asarray(a), np.asarray(b)
    assert a.dtype.str == b.dtype.str and a.shape == b.shape, (a.dtype, b.dtype, a.shape, b.shape)
    assert np.ascontiguousarray(a).tobytes() == np.ascontiguousarray(b).tobytes()
