"""Issue 8, class 1: bool memory holding bytes other than 0 and 1.

Memory from a buffer, a view, a NumPy array, a Pillow mode-'1' image or a `.npy` file can
hold any byte in a bool array. NumPy treats every nonzero byte as True everywhere; so must
every oxarray path (loops, casts, reductions, masks, conversions), for contiguous, strided
and broadcast operands alike.
"""

import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from conftest import ALL_DTYPES, assert_same

# Raw bytes for a bool array: mostly 0/1, but any byte may appear.
raw_bytes = st.lists(
    st.one_of(st.sampled_from([0, 1]), st.integers(0, 255)), min_size=1, max_size=40
).map(bytes)


def norm(n: np.ndarray) -> np.ndarray:
    """NumPy's bool array with every nonzero byte made 1: the reference semantics."""
    return n.view(np.uint8) != 0


def both(data: bytes):
    """The same bytes as a NumPy and an oxarray bool array (oxarray views its own copy)."""
    n = np.frombuffer(data, dtype=bool)
    o = ox.frombuffer(bytearray(data), dtype="bool")
    return n, o


def test_issue_example():
    n, o = both(b"\x00\x01\x02\xff")
    assert o.tolist() == n.tolist() == [False, True, True, True]
    assert_same(o.sum(), n.sum())
    assert_same(o.astype("f4"), n.astype("f4"))
    assert_same(o != False, n != False)  # noqa: E712 - the comparison is the point
    assert_same(o == True, n == True)  # noqa: E712


UNARY = ["logical_not", "invert", "absolute", "isnan", "isfinite", "sign", "positive"]
BINARY = [
    "logical_and", "logical_or", "logical_xor", "equal", "not_equal", "less", "less_equal",
    "greater", "greater_equal", "maximum", "minimum", "add", "multiply", "bitwise_and",
    "bitwise_or", "bitwise_xor", "fmax", "fmin",
]


@settings(max_examples=40, deadline=None)
@given(data=raw_bytes, name=st.sampled_from(UNARY + BINARY), step=st.sampled_from([1, 2, -1]))
def test_ufuncs_treat_nonzero_as_true(data, name, step):
    # The reference is NumPy on the normalised bytes: NumPy's own comparison and xor loops
    # compare raw bytes (np.equal(b'\x02', True) is False), a NumPy inconsistency that
    # oxarray deliberately does not copy (nonzero is True everywhere).
    n, o = both(data)
    n, o = norm(n)[::step], o[::step]
    nf, of = getattr(np, name), getattr(ox, name)
    if name in UNARY:
        try:
            expected = nf(n)
        except TypeError:
            # NumPy has no bool loop (e.g. sign): oxarray refuses too.
            with pytest.raises(TypeError):
                of(o)
            return
        assert_same(of(o), expected)
    else:
        # Array with array, reversed array and broadcast scalar operands.
        assert_same(of(o, o[::-1]), nf(n, n[::-1]))
        assert_same(of(o, o[:1]), nf(n, n[:1]))
        assert_same(of(o[:1], o), nf(n[:1], n))


@settings(max_examples=40, deadline=None)
@given(data=raw_bytes, dtype=st.sampled_from(ALL_DTYPES), step=st.sampled_from([1, 3, -1]))
def test_casts_from_bool(data, dtype, step):
    n, o = both(data)
    assert_same(o[::step].astype(dtype), n[::step].astype(dtype))


@settings(max_examples=40, deadline=None)
@given(data=raw_bytes)
def test_reductions_and_conversions(data):
    n, o = both(data)
    assert_same(o.sum(), n.sum())
    assert_same(o.prod(), n.prod())
    assert_same(o.any(), n.any())
    assert_same(o.all(), n.all())
    assert_same(o.max(), n.max())
    assert_same(o.min(), n.min())
    assert_same(o.argmax(), n.argmax())
    assert_same(o.argmin(), n.argmin())
    assert_same(o[::-1].argmax(), n[::-1].argmax())
    assert_same(ox.cumsum(o), np.cumsum(n))
    assert_same(ox.logical_and.reduce(o), np.logical_and.reduce(n))
    assert_same(ox.logical_or.reduce(o), np.logical_or.reduce(n))
    assert o.tolist() == n.tolist()
    assert [bool(x) for x in o] == [bool(x) for x in n]
    assert [o[i].item() for i in range(len(o))] == n.tolist()
    assert_same(o.copy(), n.copy())
    assert_same(o[::2].copy(), n[::2].copy())
    assert repr(o) == repr(n).replace("np.", "")  # the printer reads the values too


@settings(max_examples=40, deadline=None)
@given(data=raw_bytes)
def test_masks(data):
    n, o = both(data)
    nv, ov = np.arange(len(data)), ox.arange(len(data))
    assert_same(ov[o], nv[n])
    assert_same(ov[o[::-1]], nv[n[::-1]])
    w = ov.copy()
    w[o] = -1
    x = nv.copy()
    x[n] = -1
    assert_same(w, x)


def test_matmul_of_bool():
    data = bytes([0, 2, 255, 1, 0, 7, 3, 0, 9])
    n, o = both(data)
    assert_same(ox.matmul(o.reshape(3, 3), o.reshape(3, 3)), np.matmul(n.reshape(3, 3), n.reshape(3, 3)))


def test_numpy_array_and_npy_file_with_odd_bytes():
    raw = np.frombuffer(bytes([0, 1, 2, 128, 255, 0]), dtype=np.uint8)
    n = raw.view(bool)
    o = ox.asarray(n)  # a zero-copy view of NumPy's memory
    assert_same(o.astype("i1"), n.astype("i1"))
    assert_same(ox.logical_not(o), np.logical_not(n))
    buf = io.BytesIO()
    np.save(buf, n)
    buf.seek(0)
    loaded = ox.load(buf)
    assert_same(loaded.astype("u1"), n.astype("u1"))
    assert_same(loaded.sum(), n.sum())


def test_pillow_mode_1_image():
    Image = pytest.importorskip("PIL.Image")
    img = Image.new("1", (5, 3))
    img.putpixel((1, 1), 1)
    img.putpixel((4, 2), 1)
    n = np.asarray(img)
    o = ox.asarray(img)
    assert_same(o.sum(), n.sum())
    assert_same(o.astype("u1"), n.astype("u1"))
    assert o.tolist() == n.tolist()
