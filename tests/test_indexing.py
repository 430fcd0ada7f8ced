"""Indexing (``a[key]`` and ``a[key] = value``) compared with NumPy, the oracle.

Every test performs the same operation on a NumPy array and on its oxarray twin and
checks that both give the same result (kind, shape, dtype, values) or raise the same
exception type.  Nothing here hard-codes an expected output: NumPy computes it.
"""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from conftest import ALL_DTYPES, assert_same, raises_like

INT_DTYPES = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]


# --------------------------------------------------------------------------- helpers


def values_for(n, dtype):
    """``n`` distinct-ish values that fit ``dtype`` exactly (no cast warnings)."""
    dt = np.dtype(dtype)
    base = np.arange(n, dtype=np.int64) % 97
    if dt.kind == "b":
        return base % 3 == 1
    if dt.kind == "u":
        return base.astype(dt)
    signed = base - 40
    if dt.kind == "c":
        return (signed + 1j * (base % 5)).astype(dt)
    return signed.astype(dt)


def twin(np_arr):
    """The oxarray copy of a NumPy array: same values, dtype and shape (C order)."""
    dtype = str(np_arr.dtype)
    if np_arr.size == 0:
        return ox.zeros(np_arr.shape, dtype=dtype)
    return ox.array(np_arr.tolist(), dtype=dtype)


def pair(shape, dtype="int64"):
    """A fresh (NumPy, oxarray) pair of C-ordered arrays of ``shape``."""
    n = int(np.prod(shape, dtype=np.int64))
    a = values_for(n, dtype).reshape(shape)
    return a, twin(a)


def strided_pair(dtype="int64"):
    """A (3, 4, 5) (NumPy, oxarray) pair of non-contiguous views: steps, a negative step
    and a transpose, applied identically to both libraries."""
    base = values_for(6 * 4 * 10, dtype).reshape(10, 4, 6)
    ob = twin(base)
    key = (slice(1, None, 2), slice(None, None, -1), slice(None, None, 2))
    na, oa = base[key].transpose(2, 1, 0), ob[key].transpose(2, 1, 0)
    assert na.shape == oa.shape == (3, 4, 5)
    return na, oa


class Arr:
    """An index or value given as an array: a NumPy array for NumPy, its oxarray twin
    for oxarray (a plain list would be passed unchanged to both)."""

    def __init__(self, a, dtype=None):
        self.a = np.asarray(a, dtype=dtype)

    def __repr__(self):
        return f"Arr({self.a.tolist()!r}, {str(self.a.dtype)!r})"


class Sc:
    """An array scalar: ``np.<dtype>(v)`` for NumPy, ``ox.<dtype>(v)`` for oxarray."""

    def __init__(self, dtype, v):
        self.dtype, self.v = dtype, v

    def __repr__(self):
        return f"{self.dtype}({self.v!r})"


def for_np(key):
    if isinstance(key, tuple):
        return tuple(for_np(k) for k in key)
    if isinstance(key, Sc):
        return getattr(np, key.dtype)(key.v)
    return key.a if isinstance(key, Arr) else key


def for_ox(key):
    if isinstance(key, tuple):
        return tuple(for_ox(k) for k in key)
    if isinstance(key, Sc):
        return getattr(ox, key.dtype)(key.v)
    return twin(key.a) if isinstance(key, Arr) else key


def check_get(na, oa, key):
    """``oa[key]`` matches ``na[key]`` (result or exception type). Returns NumPy's result
    (None when NumPy raised)."""
    try:
        expected = na[for_np(key)]
    except Exception:  # noqa: BLE001 - NumPy is the oracle, any exception type
        raises_like(lambda: na[for_np(key)], lambda: oa[for_ox(key)])
        return None
    assert_same(oa[for_ox(key)], expected)
    return expected


def check_set(na, oa, key, value, *extra):
    """``na[key] = value`` and ``oa[key] = value`` behave alike; afterwards ``na``, ``oa``
    and each (NumPy, oxarray) pair in ``extra`` (e.g. the bases of views) are equal."""
    try:
        na[for_np(key)] = for_np(value)
    except Exception:  # noqa: BLE001
        raises_like(lambda: na.__setitem__(for_np(key), for_np(value)),
                    lambda: oa.__setitem__(for_ox(key), for_ox(value)))
        return False
    oa[for_ox(key)] = for_ox(value)
    assert_same(oa, na)
    for n_other, o_other in extra:
        assert_same(o_other, n_other)
    return True


def both_raise(np_call, ox_call):
    """Both raise the same exception type; returns (NumPy's, oxarray's) exception."""
    try:
        np_call()
    except Exception as e:  # noqa: BLE001
        np_exc = e
    else:
        pytest.fail("NumPy did not raise")
    return np_exc, raises_like(np_call, ox_call)


def key_id(key):
    return repr(key).replace("slice(None, None, None)", ":").replace("Ellipsis", "...")


# --------------------------------------------------------------------------- GET

ARRAYS = {"contiguous": lambda: pair((3, 4, 5)), "strided": strided_pair}

GET_KEYS = [
    # integers (negative) and their combinations
    0, 2, -1, -3, (1, 2), (-1, -2), (2, 3, 4), (-3, -4, -5), (0, -1, 0),
    # slices: negative steps, out-of-range bounds, empty results
    slice(None), slice(1, None), slice(None, -1), slice(None, None, -1), slice(None, None, -2),
    slice(-1, -10, -1), slice(-100, 100), slice(100, None), slice(None, -100),
    slice(5, 1), slice(1, 5, -1), slice(2, 2), slice(1, None, 100), slice(None, None, -100),
    slice(-2**70, 2**70), slice(2**70, None, -1),
    (slice(None), slice(None, None, -1), slice(1, 4, 2)),
    (slice(None, None, -2), slice(3, 0, -1), slice(-2, None)),
    (slice(1, 1), slice(None), slice(None, None, -3)),
    # ellipsis and newaxis
    Ellipsis, (Ellipsis,), (Ellipsis, 0), (0, Ellipsis), (0, Ellipsis, 1), (Ellipsis, 1, 2, 3),
    (1, 2, 3, Ellipsis), None, (None,), (None, None), (None, 0), (0, None), (Ellipsis, None),
    (None, Ellipsis, None), (1, None, 2, None, 3), (slice(None, None, -1), None, Ellipsis, 1),
    (None, slice(1, 3), Ellipsis, slice(None, None, -2), None), (), (Ellipsis, slice(4, None)),
    # integer arrays and lists
    [0], [2, 0, 1, 0], [-1, -3], [[0, 1], [2, 0]], [], [[]], (Ellipsis, []), (slice(None), []),
    (Ellipsis, [[-1, 0], [1, -5]]), Arr([2, 0], "int8"), Arr([1, 2], "uint8"),
    Arr([[0], [2]], "int32"), Arr([-1], "int16"), Arr([2], "uint64"), Arr([], "int64"),
    ([0, 1], [1, 2]), ([0, 2], [-1, 0], [4, 3]), ([[0], [2]], [0, 1, 3]), ([0], [1, 2, 3]),
    ((0, 1),), (slice(None), (0, 3)),
    # advanced indices separated by a slice (result axes first) vs adjacent (in place)
    ([0, 1], slice(None), [1, 2]), (slice(None), [0, 1], [1, 2]), ([2, 1], [0, 3], slice(None)),
    ([[0, 1]], slice(1, 3), [[4], [0]]), (None, [0, 1], slice(None), [2, 3]),
    ([0, 1], None, [2, 3]), ([0], Ellipsis, [1]), (slice(None), [1, 2], None, [0, 4]),
    # integer combined with an array index (NumPy treats it as advanced)
    (1, slice(None), [1, 2]), (slice(None), 1, [1, 2]), ([0, 2], 1), (1, [0, 2]),
    ([0, 2], slice(None), 1), (-1, slice(None, None, -1), [[0], [3]]), (0, [1], 2), (0, None, [1]),
    # boolean masks: full shape, partial leading axes, 0-d, all false, mixtures
    [True, False, True], [False, False, False], [[True, False, True, False]] * 3,
    [[False] * 4] * 3, (slice(None), [True, False, False, True]), (Ellipsis, [True, False] * 2 + [True]),
    Arr([[[True, False, True, False, True]] * 4] * 3), Arr(np.zeros((3, 4, 5), bool)),
    True, False, (True,), (False,), (Ellipsis, True), (0, True), (True, 0, 1, 2), (None, False),
    (True, False), ([True, False, True], [1, 3]), ([True, False, True], slice(None), [0, 4]),
    ([True, False, True], slice(1, None), [[0], [4]]), (slice(None, None, -1), [True, True, False, False], 2),
    (1, [True, False, True, True], slice(None, None, 2)),
    ([[True, False, False, False], [False] * 4, [False, False, True, False]], [0, 2]),
    (Arr([True, False, True]), Arr([1, 3], "int8")), (True, [0, 2]), ([0, 2], True, slice(None), True),
    (Arr(True), slice(None)), (Arr(False), 1),
]


@pytest.mark.parametrize("make", ARRAYS.values(), ids=ARRAYS.keys())
@pytest.mark.parametrize("key", GET_KEYS, ids=key_id)
def test_get_matches_numpy(make, key):
    na, oa = make()
    expected = check_get(na, oa, key)
    assert expected is not None, "every key in GET_KEYS is valid for NumPy"


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_get_every_dtype(dtype):
    na, oa = pair((3, 4), dtype)
    for key in [1, -1, (1, 2), (-1, 0), slice(None, None, -1), (Ellipsis, 2), (None, 1),
                [2, 0], ([0, 2], [3, 1]), [True, False, True], (slice(None), [[1], [0]]),
                [[True, False, False, True]] * 3]:
        assert check_get(na, oa, key) is not None


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_scalar_results(dtype):
    na, oa = pair((2, 3), dtype)
    # A full integer index gives an array scalar of the dtype ...
    for key in [(1, 2), (-1, -3), (0, 0)]:
        assert isinstance(na[key], np.generic)
        assert_same(oa[key], na[key])
        assert isinstance(oa[key], ox.generic)
    assert_same(oa[1][2], na[1][2])
    # ... but an ellipsis (even one expanding to nothing) keeps a 0-d array.
    assert_same(oa[1, ..., 2], na[1, ..., 2])
    assert_same(oa[1, 2, ...], na[1, 2, ...])
    n0, o0 = pair((), dtype)
    assert_same(o0[()], n0[()])  # scalar
    assert_same(o0[...], n0[...])  # 0-d array
    assert_same(o0[None], n0[None])
    assert_same(o0[True], n0[True])
    assert_same(o0[False], n0[False])
    n1, o1 = pair((4,), dtype)
    assert_same(o1[3], n1[3])
    assert_same(o1[-4], n1[-4])
    assert_same(o1[(2,)], n1[(2,)])


def test_zero_d_integer_array_index_acts_as_integer():
    # NumPy treats a 0-d integer array index like an integer: a full index gives a scalar.
    na, oa = pair((5,))
    assert_same(oa[ox.array(2)], na[np.array(2)])
    na, oa = pair((3, 4))
    assert_same(oa[ox.array(1), 2], na[np.array(1), 2])
    assert_same(oa[1, ox.array(-1, dtype="int8")], na[1, np.array(-1, dtype="int8")])
    assert_same(oa[ox.array(1)], na[np.array(1)])


def test_numpy_integer_scalar_index():
    # NumPy integer scalars (np.intp & co, e.g. from np.argmax) index like Python ints.
    na, oa = pair((5,))
    assert_same(oa[np.int64(2)], na[np.int64(2)])
    na, oa = pair((3, 4))
    assert_same(oa[np.intp(1), np.int32(2)], na[np.intp(1), np.int32(2)])
    assert_same(oa[np.uint8(2)], na[np.uint8(2)])
    # ... and give views, like an int.
    na[np.int64(1)][0] = 100
    oa[np.int64(1)][0] = 100
    assert_same(oa, na)


def test_oxarray_scalar_index():
    na, oa = pair((3, 4))
    assert_same(oa[ox.int64(1)], na[np.int64(1)])
    assert_same(oa[ox.uint8(1), ox.int16(-1)], na[np.uint8(1), np.int16(-1)])
    assert_same(oa[ox.bool(True)], na[np.bool(True)])
    assert_same(oa[ox.bool(False), 1], na[np.bool(False), 1])


def test_index_array_dtypes():
    na, oa = pair((4, 3))
    for dtype in INT_DTYPES:
        key = Arr([[3, 0], [1, 1]], dtype)
        assert_same(oa[for_ox(key)], na[for_np(key)])
        assert_same(oa[:, for_ox(Arr([2, 0], dtype))], na[:, for_np(Arr([2, 0], dtype))])
    # a non-contiguous index array
    idx = values_for(12, "int64").reshape(3, 4) % 4
    oidx = twin(idx)
    assert_same(oa[oidx[:, ::-2]], na[idx[:, ::-2]])
    assert_same(oa[oidx.T], na[idx.T])
    # a non-contiguous boolean mask
    mask = (np.arange(24) % 3 == 0).reshape(8, 3)
    omask = twin(mask)
    assert_same(oa[omask[::2]], na[mask[::2]])
    assert_same(oa[omask[7:3:-1]], na[mask[7:3:-1]])


def test_views_share_memory_with_the_original():
    for make in ARRAYS.values():
        na, oa = make()
        for key in [(slice(1, None), slice(None, None, -2)), Ellipsis, (None, 1, Ellipsis, slice(None, None, 2)),
                    (slice(None, None, -1), 2), 0, ()]:
            nv, ov = na[key], oa[key]
            assert ox.may_share_memory(ov, oa) == np.may_share_memory(nv, na)
            nv[...] = 123
            ov[...] = 123
            assert_same(ov, nv)
            assert_same(oa, na)  # the write went through to the original
        # Chained views write through too.
        na[1:][::-1][0, 1:3] = -7
        oa[1:][::-1][0, 1:3] = -7
        assert_same(oa, na)
    # A 0-d array's `...` is a view.
    n0, o0 = pair(())
    nv, ov = n0[...], o0[...]
    nv[()] = 42
    ov[()] = 42
    assert_same(o0, n0)


def test_fancy_results_are_copies():
    for make in ARRAYS.values():
        na, oa = make()
        for key in [[0, 1], ([0, 2], slice(None), [1, 1]), (1, [0, 2]), [True, False, True],
                    (Ellipsis, [True, False, True, False, True]), True, (slice(None), [[1], [2]]),
                    Arr([[[True] * 5] * 4] * 3)]:
            nv, ov = na[for_np(key)], oa[for_ox(key)]
            assert_same(ov, nv)
            assert ox.may_share_memory(ov, oa) == np.may_share_memory(nv, na)
            nv[...] = 99
            ov[...] = 99
            assert_same(ov, nv)
            assert_same(oa, na)  # the original is unchanged


# --------------------------------------------------------------------------- SET

SET_KEYS = [
    0, -1, (1, 2), (-1, -2, -3), slice(None), slice(None, None, -1), slice(-100, 100), slice(5, 1),
    (slice(None), slice(None, None, -2), slice(1, 4)), Ellipsis, (Ellipsis, 1), (0, Ellipsis, -1),
    None, (None, 1, None), (slice(None, None, -1), None, Ellipsis), (),
    [0, 2], [-1], [], [[0, 1], [2, 0]], ([0, 1], [1, 2]), ([0, 1], slice(None), [1, 2]),
    (slice(None), [0, 3], [4, 1]), (1, slice(None), [1, 2]), ([0, 2], 1), (0, [1], 2),
    Arr([2, 0], "uint8"), Arr([[1], [-1]], "int16"),
    [True, False, True], [False, False, False], [[True, False, True, False]] * 3,
    Arr(np.arange(60).reshape(3, 4, 5) % 7 == 0), (slice(None), [True, False, False, True]),
    ([True, False, True], slice(None), [0, 4]), True, False, (Ellipsis, True), (1, True),
]


def _value_like(shape, dtype, kind):
    """A value for assigning into a selection of ``shape``: NumPy array, list, or an
    Arr (NumPy array / oxarray twin)."""
    if kind == "scalar":
        return values_for(5, dtype)[3].item()
    if kind == "full":  # a list (an array when empty: a list would lose the shape)
        vals = values_for(int(np.prod(shape)), dtype)[::-1].reshape(shape)
        return vals.tolist() if vals.size else Arr(vals)
    if kind == "trailing":  # broadcast along the leading axes
        sub = shape[1:] if len(shape) > 0 else shape
        return Arr(values_for(int(np.prod(sub)), dtype).reshape(sub))
    if kind == "ones":  # length-one axes broadcast
        sub = tuple(1 if i % 2 == 0 else n for i, n in enumerate(shape))
        return Arr(values_for(int(np.prod(sub)), dtype).reshape(sub) + values_for(1, dtype)[0])
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["scalar", "full", "trailing", "ones"])
@pytest.mark.parametrize("make", ARRAYS.values(), ids=ARRAYS.keys())
@pytest.mark.parametrize("key", SET_KEYS, ids=key_id)
def test_set_matches_numpy(make, key, kind):
    na, oa = make()
    shape = na[for_np(key)].shape
    assert check_set(na, oa, key, _value_like(shape, "int64", kind)), "valid assignment"


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_set_every_dtype(dtype):
    for kind in ["scalar", "full", "trailing"]:
        for key in [(1, 2), slice(None, None, -1), (Ellipsis, 1), [2, 0], ([0, 2], [3, 1]),
                    [True, False, True], (slice(None), [[1], [0]]), True]:
            na, oa = pair((3, 4), dtype)
            shape = na[for_np(key)].shape
            assert check_set(na, oa, key, _value_like(shape, dtype, kind))


def test_set_through_views_of_strided_arrays():
    base = values_for(8 * 9, "float64").reshape(8, 9)
    obase = twin(base)
    nv, ov = base[1::2, ::-3].T, obase[1::2, ::-3].T
    for key, value in [((0, 1), 5.5), (slice(None, None, -1), [1.0, 2.0, 3.0, 4.0]),
                       ([2, 0], -1.0), (([0, 1], [3, 3]), [8.0, 9.0]), ([True, False, True], 0.25)]:
        assert check_set(nv, ov, key, value, (base, obase))


CAST_VALUES = [
    2.75, 0.5, True, False, 0, 3, 1 + 0j, -2.5 + 0j, [1.5, 2.5, 0.0, 7.9], [True, False, True, True],
    [1, 0, 2, 3], Arr([1.5, -0.5, 2.25, 3.0]), Arr([200, 1, 0, 255], "uint8"),
    Arr([-100, 300, 1, 0], "int16"), Arr([True, False, False, True]), Arr([0.1, 1, 2, 3], "float32"),
    Arr([1 + 0j, 2, 0, -1], "complex128"), Arr(70000, "int64"), Arr([65504.0, -1, 0.5, 2], "float16"),
    Arr([2**63 + 5, 1, 0, 7], "uint64"), Arr([-(2**40), 2**40, 1, 0], "int64"),
]


def _numpy_warns(na, key, value):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            na.copy()[for_np(key)] = for_np(value)
        except Warning:
            return True
        except Exception:  # noqa: BLE001
            return False
    return False


@pytest.mark.parametrize("value", CAST_VALUES, ids=key_id)
def test_set_casts_like_numpy(value):
    """Values of other dtypes are cast to the array's dtype the way NumPy does. (Casts
    for which NumPy warns are in test_set_cast_warnings_like_numpy.)"""
    checked = 0
    for dtype in ALL_DTYPES:
        for key in [1, (slice(None), 1), [1], ([0, 2], slice(None)), [True, False, True],
                    (Ellipsis, [0, 1, 2, 3])]:
            na, oa = pair((3, 4), dtype)
            if _numpy_warns(na, key, value):
                continue
            check_set(na, oa, key, value)
            checked += 1
    assert checked > 0


def test_set_python_float_into_int_element():
    for dtype in ["int64", "int8", "uint8", "uint16"]:
        for value in [2.9, -0.9, 100.5, 127.0]:
            na, oa = pair((3,), dtype)
            check_set(na, oa, 0, value)
            na, oa = pair((2, 2), dtype)
            check_set(na, oa, (1, 1), value)


@pytest.mark.parametrize("dtype", ["int8", "uint8", "uint16"])
@pytest.mark.parametrize("value", [300.0, -1.0, 70000.0, 1e30], ids=repr)
def test_set_out_of_range_python_float_into_int(dtype, value):
    """NumPy converts a Python float to a Python int first, then range-checks it."""
    na, oa = pair((3,), dtype)
    check_set(na, oa, 0, value)
    na, oa = pair((2, 2), dtype)
    check_set(na, oa, (1, 0), value)


@pytest.mark.parametrize("case", [
    ("float64", Arr([1j, 2])), ("float32", Arr([1 + 0j, 2])), ("int32", Arr([3 + 1j, 2])),
    ("float16", Arr([1e6, 2.0])), ("float16", 1e6), ("int32", Arr([np.nan, 2.0])), ("uint8", Arr([np.inf, 1])),
    ("float64", Sc("complex128", 1 + 2j)), ("int16", Sc("complex64", 3 + 0j)), ("float32", Sc("float64", 1e300)),
], ids=key_id)
def test_set_cast_warnings_like_numpy(case):
    """NumPy warns (ComplexWarning, RuntimeWarning) on lossy casts during assignment;
    with warnings as errors, oxarray must raise the same."""
    dtype, value = case
    for key in [slice(None), [0, 1], [True, True]]:
        na, oa = pair((2,), dtype)
        check_set(na, oa, key, value)


def test_set_repeated_fancy_indices_last_wins():
    na, oa = pair((5,))
    assert check_set(na, oa, [0, 0, 1, 0], [1, 2, 3, 4])
    assert check_set(na, oa, [-1, 4, 4], [7, 8, 9])
    na, oa = pair((3, 4))
    assert check_set(na, oa, [0, 0, 0], [[1], [2], [3]])
    assert check_set(na, oa, ([1, 1], [2, 2]), [5, 6])
    assert check_set(na, oa, ([2, -1, 2], slice(None)), Arr([[10] * 4, [20] * 4, [30] * 4]))
    assert check_set(na, oa, (slice(None), [1, 1]), [[1, 2], [3, 4], [5, 6]])


def test_set_overlapping_source_and_destination():
    for key, source in [(slice(1, None), slice(None, -1)), (slice(None, -1), slice(1, None)),
                        (slice(None, None, -1), slice(None)), ([1, 2, 3], slice(None, 3)),
                        ([4, 3, 2], slice(1, 4)), ([0, 2, 4], slice(None, 3))]:
        na, oa = pair((6,))
        na[for_np(key)] = na[source]
        oa[for_ox(key)] = oa[source]
        assert_same(oa, na)
    na, oa = pair((3, 3))
    na[...] = na.T
    oa[...] = oa.T
    assert_same(oa, na)
    na[:, 0] = na[0]
    oa[:, 0] = oa[0]
    assert_same(oa, na)


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int16", "uint32", "int64", "uint64"])
def test_set_out_of_range_python_int_overflows(dtype):
    info = np.iinfo(dtype)
    for bad in [info.max + 1, info.min - 1, 2**70, -2**70]:
        for key, value in [(0, bad), ((1, 1), bad), (slice(None), bad), ([0], bad),
                           ([True, False, True], bad), (Ellipsis, bad), (slice(None), [1, bad, 2]),
                           (1, [0, bad, 1]), ([0, 2], [[bad], [1]]), (slice(None), (1, bad, 0))]:
            na, oa = pair((3, 3), dtype)
            exc = raises_like(lambda: na.__setitem__(key, value), lambda: oa.__setitem__(key, value))
            assert isinstance(exc, OverflowError)
    # the extremes themselves are fine
    for good in [info.max, info.min]:
        na, oa = pair((3, 3), dtype)
        assert check_set(na, oa, (0, 0), good)
        assert check_set(na, oa, slice(None), [good, 0, good])
        assert check_set(na, oa, [1], good)


def test_set_int8_overflow_error():
    na, oa = pair((4,), "int8")
    exc_np, exc_ox = both_raise(lambda: na.__setitem__(1, 300), lambda: oa.__setitem__(1, 300))
    assert isinstance(exc_ox, OverflowError)
    assert str(exc_ox) == str(exc_np)


@pytest.mark.parametrize("dtype, value", [
    ("uint64", [2**64 - 1, 1]), ("uint64", [2**63, 2**64 - 2]), ("uint64", [2**64 - 1, -1]),
    ("int64", [2**63, 1]), ("float64", [1, 2**70]), ("float32", [2**64, 0]), ("uint8", [1, 300.0]),
    ("int8", [1.0, -200.0]),
], ids=key_id)
def test_set_list_values_convert_each_element(dtype, value):
    """NumPy converts each element of a list value to the array's dtype (range-checking
    Python ints and floats for integer arrays), not via a dtype discovered for the list."""
    for key in [slice(None), [0, 1], [True, True], (Ellipsis,)]:
        na, oa = pair((2,), dtype)
        check_set(na, oa, key, value)


@pytest.mark.parametrize("src", ALL_DTYPES)
def test_set_array_scalar_values(src):
    """In-range array scalars (np.int16(3) / ox.int16(3), ...) of every dtype into every dtype."""
    values = {"b": [True, False], "i": [3, 0], "u": [3, 0], "f": [2.5, -0.0], "c": [2 + 0j, 1.5 + 2j]}
    checked = 0
    for v in values[np.dtype(src).kind]:
        for dst in ALL_DTYPES:
            if np.dtype(src).kind == "c" and np.dtype(dst).kind != "c":
                continue  # ComplexWarning: test_set_cast_warnings_like_numpy
            for key in [0, slice(None), [0], Ellipsis, [True, False]]:
                na, oa = pair((2,), dst)
                assert check_set(na, oa, key, Sc(src, v))
                checked += 1
    assert checked > 0


@pytest.mark.parametrize("value, dtype", [
    (Sc("int16", 300), "int8"), (Sc("uint8", 200), "int8"), (Sc("int64", 2**40), "int32"),
    (Sc("uint64", 2**64 - 1), "int64"), (Sc("float16", 60000.0), "int16"), (Sc("float64", 1e300), "int32"),
    (Sc("float64", float("nan")), "int64"),
], ids=key_id)
def test_set_out_of_range_array_scalar(value, dtype):
    """For a basic index NumPy converts a out-of-range array scalar like a Python number
    (OverflowError / ValueError); a fancy index casts (with a warning for floats)."""
    for key in [0, slice(None), [0], (Ellipsis, 1)]:
        na, oa = pair((2,), dtype)
        check_set(na, oa, key, value)


@pytest.mark.parametrize("make", ARRAYS.values(), ids=ARRAYS.keys())
def test_set_boolean_mask(make):
    na0, _ = make()
    mask3 = (na0 % 3 == 0)
    cases = [
        (Arr(mask3), 0),
        (Arr(mask3), Arr(values_for(int(mask3.sum()), "int64"))),
        (Arr(mask3), values_for(int(mask3.sum()), "int64").tolist()),
        (Arr(mask3[:, :, 0]), Arr(values_for(5, "int64"))),  # partial mask, broadcast value
        (Arr(mask3[:, :, 0]), Arr(values_for(int(mask3[:, :, 0].sum()) * 5, "int64").reshape(-1, 5))),
        (Arr(mask3[:, :, 0]), Arr(values_for(int(mask3[:, :, 0].sum()), "int64").reshape(-1, 1))),
        (Arr(np.zeros((3, 4, 5), bool)), []),
        (Arr(np.zeros((3, 4, 5), bool)), 5),
        ([False, False, False], 1),
        ([True, True, True], Arr(values_for(20, "int64").reshape(4, 5))),
        ((Ellipsis, [True, False, True, False, True]), -3),
        ((1, [False, True, True, False]), [[1], [2]]),
        (True, 7), (False, 7), ((True, 1), [1, 2, 3, 4, 5]),
        (([True, False, True], slice(None, None, -1), [0, 4]), Arr([[1], [2]])),
    ]
    for key, value in cases:
        na, oa = make()
        assert check_set(na, oa, key, value), (key, value)


def test_set_zero_d():
    for key, value in [((), 5), (Ellipsis, 6), (True, 7), (False, 8), (None, [9]), ((None, Ellipsis), [1]),
                       ((), Arr(2.5)), (Ellipsis, Arr(3))]:
        na, oa = pair((), "float64")
        assert check_set(na, oa, key, value)


# --------------------------------------------------------------------------- hypothesis


# Axis lengths 0..5, with zero-length axes less frequent than uniform.
LENGTHS = st.sampled_from([0, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 2, 3])


@st.composite
def viewed_arrays(draw):
    """(NumPy view, NumPy base, oxarray view, oxarray base): a possibly non-contiguous
    view (steps, negative steps, a transposition) of a fresh C-ordered base."""
    dtype = draw(st.sampled_from(ALL_DTYPES))
    ndim = draw(st.integers(0, 4))
    shape = draw(st.lists(LENGTHS, min_size=ndim, max_size=ndim))
    steps = draw(st.lists(st.sampled_from([1, 2, -1, -2, 3]), min_size=ndim, max_size=ndim))
    offsets = [draw(st.integers(0, abs(s) - 1)) for s in steps]
    base_shape = tuple(n * abs(s) + o for n, s, o in zip(shape, steps, offsets))
    if np.prod(base_shape) > 3000:
        steps, offsets, base_shape = [1] * ndim, [0] * ndim, tuple(shape)
    perm = draw(st.permutations(range(ndim)))
    nbase = values_for(int(np.prod(base_shape)), dtype).reshape(base_shape)
    obase = twin(nbase)
    key = tuple(slice(o, None, s) if s > 0 else slice(-1 - o, None, s) for s, o in zip(steps, offsets)) + (Ellipsis,)
    nview, oview = nbase[key].transpose(perm), obase[key].transpose(perm)
    assert nview.shape == oview.shape == tuple(shape[p] for p in perm)
    return nview, nbase, oview, obase


def _int_entries(draw, n, count, dtype="int64"):
    oob = draw(st.sampled_from([False] * 9 + [True]))
    lo, hi = (-n - 2, n + 1) if oob or n == 0 else (-n, n - 1)
    if np.dtype(dtype).kind == "u":
        lo = max(lo, 0)
        hi = max(hi, 0)
    return [draw(st.integers(lo, hi)) for _ in range(count)]


@st.composite
def index_item(draw, shape, j, bshape):
    """One index item for axis ``j`` of ``shape`` (may consume two axes); returns
    (item, number of axes consumed)."""
    n = shape[j]
    kinds = ["int", "slice", "slice", "list", "arr", "bool", "none", "bool0", "empty"]
    if j + 1 < len(shape):
        kinds.append("bool2")
    kind = draw(st.sampled_from(kinds))
    if kind == "int":
        return _int_entries(draw, n, 1)[0], 1
    if kind == "slice":
        bound = st.none() | st.integers(-n - 3, n + 3)
        step = st.none() | st.sampled_from([1, 2, 3, -1, -2, -3, 10**9, -(10**9)])
        return slice(draw(bound), draw(bound), draw(step)), 1
    if kind in ("list", "arr"):
        # Index arrays of one key usually broadcast together: each one's shape is the
        # shared `bshape` with some axes set to one and some leading axes dropped.
        ishape = [1 if draw(st.booleans()) and draw(st.booleans()) else m for m in bshape]
        ishape = tuple(ishape[draw(st.integers(0, len(ishape))):])
        if draw(st.sampled_from([False] * 9 + [True])):
            ishape = tuple(draw(st.lists(st.integers(0, 3), max_size=2)))
        dtype = draw(st.sampled_from(INT_DTYPES)) if kind == "arr" else "int64"
        entries = np.array(_int_entries(draw, n, int(np.prod(ishape)), dtype), dtype=dtype).reshape(ishape)
        if kind == "list" and entries.ndim > 0:
            return entries.tolist(), 1
        return Arr(entries), 1
    if kind in ("bool", "bool2"):
        mshape = shape[j:j + (2 if kind == "bool2" else 1)]
        if draw(st.sampled_from([False] * 14 + [True])):
            mshape = tuple(m + 1 for m in mshape)  # wrong shape
        density = draw(st.sampled_from([0.0, 0.3, 0.7, 1.0]))
        mask = np.array([draw(st.floats(0, 1)) < density if density not in (0.0, 1.0) else density == 1.0
                         for _ in range(int(np.prod(mshape)))], dtype=bool).reshape(mshape)
        as_list = draw(st.booleans())
        return (mask.tolist() if as_list else Arr(mask)), len(mshape)
    if kind == "none":
        return None, 0
    if kind == "bool0":
        return draw(st.sampled_from([True, False, Arr(True), Arr(False)])), 0
    return [], 1  # empty list


@st.composite
def index_keys(draw, shape):
    ndim = len(shape)
    bshape = tuple(draw(st.lists(st.sampled_from([0, 1, 2, 3, 1, 2, 3, 2]), max_size=2)))
    use_ellipsis = draw(st.booleans())
    left = draw(st.integers(0, ndim))
    right = draw(st.integers(0, ndim - left)) if use_ellipsis else 0

    def items_for(lo, hi):
        out, j = [], lo
        while j < hi:
            item, used = draw(index_item(shape, j, bshape))
            if j + used > hi:
                continue
            out.append(item)
            j += used
        return out

    items = items_for(0, left)
    if use_ellipsis:
        items.append(Ellipsis)
        items += items_for(ndim - right, ndim)
    for _ in range(draw(st.integers(0, 2))):  # extra newaxes anywhere
        items.insert(draw(st.integers(0, len(items))), None)
    rare = draw(st.sampled_from([None] * 30 + ["extra", "ellipsis2", "float", "bool0"]))
    if rare == "extra":
        items.append(0)
    elif rare == "ellipsis2":
        items += [Ellipsis, Ellipsis]
    elif rare == "float":
        items.insert(draw(st.integers(0, len(items))), 1.0)
    elif rare == "bool0":
        items.insert(draw(st.integers(0, len(items))), draw(st.booleans()))
    if len(items) == 1 and draw(st.booleans()):
        return items[0]  # a bare key rather than a 1-tuple
    return tuple(items)


@st.composite
def array_and_key(draw):
    nview, nbase, oview, obase = draw(viewed_arrays())
    key = draw(index_keys(nview.shape))
    return nview, nbase, oview, obase, key


@settings(max_examples=5 * settings.default.max_examples)
@given(array_and_key())
def test_hypothesis_get(case):
    nview, nbase, oview, obase, key = case
    expected = check_get(nview, oview, key)
    if isinstance(expected, np.ndarray):
        # Basic-index results are views of the array, advanced-index results copies:
        # writing into the result changes the base exactly as in NumPy.
        nres, ores = nview[for_np(key)], oview[for_ox(key)]
        fill = values_for(3, str(nview.dtype))[2].item()
        nres[...] = fill
        ores[...] = fill
        assert_same(ores, nres)
        assert_same(obase, nbase)
        assert_same(oview, nview)


@st.composite
def array_key_value(draw):
    nview, nbase, oview, obase, key = draw(array_and_key())
    dtype = str(nview.dtype)
    try:
        shape = nview[for_np(key)].shape
    except Exception:  # noqa: BLE001 - the set will raise too; any value will do
        shape = ()
    kind = draw(st.sampled_from(["scalar", "list", "arr", "arr", "other", "bcast"]))
    if kind == "scalar":
        value = values_for(7, dtype)[draw(st.integers(0, 6))].item()
    elif kind == "bcast":
        k = draw(st.integers(0, len(shape)))
        sub = tuple(1 if draw(st.booleans()) else m for m in shape[k:])
        value = Arr(values_for(int(np.prod(sub)), dtype)[::-1].reshape(sub))
    else:
        vals = values_for(int(np.prod(shape)) + 3, dtype)[3:][::-1].reshape(shape)
        if kind == "list":
            value = vals.tolist()
        elif kind == "arr":
            value = Arr(vals)
        else:  # another dtype, cast on assignment (quiet casts only)
            other = draw(st.sampled_from(["int64", "float64", "bool", "int8"]))
            value = Arr(values_for(int(np.prod(shape)), "int64").reshape(shape).astype(other))
    return nview, nbase, oview, obase, key, value


@settings(max_examples=5 * settings.default.max_examples)
@given(array_key_value())
def test_hypothesis_set(case):
    nview, nbase, oview, obase, key, value = case
    check_set(nview, oview, key, value, (nbase, obase))


# --------------------------------------------------------------------------- errors

OUT_OF_RANGE = [
    ((3,), 5), ((3,), -4), ((3,), 3), ((0,), 0), ((3, 4), (1, 4)), ((3, 4), (-4, 0)), ((3, 4), (slice(None), 9)),
    ((3, 4, 5), (Ellipsis, 5)), ((3, 4, 5), (0, Ellipsis, -6)), ((3, 4), (None, slice(None), 7)),
    ((3,), [0, 5]), ((3,), [-4]), ((3, 4), (slice(None), [1, 4])), ((3, 4), ([5], 0)), ((3, 4), (0, [9])),
    ((3, 4), ([0, 1], [0, -5])), ((3, 4), (Arr([3], "uint8"),)), ((0, 3), (slice(None), [5])),
    ((3, 4), (None, [5])), ((3, 4), (None, slice(None), [7])), ((3, 4), (slice(None), None, [7])),
    ((3, 4, 5), ([0], None, [9])), ((3, 4), (True, [5])), ((3, 4), (Ellipsis, None, [-5])),
]


@pytest.mark.parametrize("shape, key", OUT_OF_RANGE, ids=key_id)
def test_out_of_range_index_error_message(shape, key):
    """IndexError naming the index, the axis and its size, exactly like NumPy."""
    na, oa = pair(shape)
    exc_np, exc_ox = both_raise(lambda: na[for_np(key)], lambda: oa[for_ox(key)])
    assert isinstance(exc_ox, IndexError)
    assert str(exc_ox) == str(exc_np)
    exc_np, exc_ox = both_raise(lambda: na.__setitem__(for_np(key), 0), lambda: oa.__setitem__(for_ox(key), 0))
    assert isinstance(exc_ox, IndexError)
    assert str(exc_ox) == str(exc_np)


ERROR_KEYS = {
    "too many indices": [((3,), (0, 0)), ((3, 4), (0, 0, 0)), ((3, 4), (Ellipsis, 0, 0, 0)),
                         ((3, 4), ([0], [0], [0])), ((3,), [[True]]), ((), 0), ((), [0]),
                         ((3, 4), (slice(None), slice(None), None, 0)), ((2, 2), (Arr(np.ones((2, 2, 2), bool)),))],
    "float index": [((3,), 1.0), ((3, 4), (1.5, 0)), ((3, 4), (0, 2.0)), ((3,), np.float64(1)),
                    ((3,), ox.float64(1.0)), ((3,), 1j), ((3,), "1"), ((3,), object())],
    "float slice bound": [((3,), slice(1.0, None)), ((3,), slice(None, 2.5)), ((3,), slice(None, None, 1.0))],
    "zero step": [((3,), slice(None, None, 0)), ((3, 4), (0, slice(1, 2, 0)))],
    "float array index": [((3,), [1.0, 2.0]), ((3,), [0, 1.5]), ((3,), Arr([1.0])), ((3,), Arr([1j])),
                          ((3, 4), (slice(None), Arr([0.0], "float32"))), ((3,), Arr([], "float64"))],
    "boolean mask of the wrong shape": [((3,), [True, False]), ((3, 4), [True, False, True, True]),
                                        ((3, 4), (slice(None), [True, False, True])),
                                        ((3, 4), Arr(np.ones((4, 3), bool))), ((3, 4), Arr(np.ones((3, 5), bool))),
                                        ((3, 4), (0, [True] * 3))],
    "two ellipses": [((3,), (Ellipsis, Ellipsis)), ((3, 4), (Ellipsis, 0, Ellipsis)), ((), (Ellipsis, Ellipsis))],
    "index arrays do not broadcast": [((3, 4), ([0, 1], [0, 1, 2])), ((3, 4), ([[0, 1, 2]], [[0, 1]])),
                                      ((3, 4), ([True, False, True], [0, 1, 2]))],
    "huge integers": [((3,), -2**63 - 1), ((3,), 2**70), ((3,), 2**200), ((3, 4), (0, 2**100)),
                      ((3,), [2**70])],
    "non-tuple sequences with slices": [((3,), [slice(None)]), ((3, 4), [0, slice(None)]), ((3,), [None])],
}


@pytest.mark.parametrize("shape, key", [c for cs in ERROR_KEYS.values() for c in cs],
                         ids=[f"{name}: {key_id(c)}" for name, cs in ERROR_KEYS.items() for c in cs])
def test_index_errors(shape, key):
    na, oa = pair(shape)
    exc_np, exc_ox = both_raise(lambda: na[for_np(key)], lambda: oa[for_ox(key)])
    assert isinstance(exc_ox, type(exc_np))
    both_raise(lambda: na.__setitem__(for_np(key), 1), lambda: oa.__setitem__(for_ox(key), 1))
    assert_same(oa, na)


def test_index_error_messages():
    na, oa = pair((3, 4))
    for key in [(0, 0, 0), (Ellipsis, Ellipsis), [True, False], (slice(None), [True] * 5)]:
        exc_np, exc_ox = both_raise(lambda: na[key], lambda: oa[key])
        assert str(exc_ox) == str(exc_np)


@pytest.mark.parametrize("key, value", [
    (slice(None, 2), [1, 2, 3]), (slice(None), [[1, 2], [3, 4]]), (Ellipsis, Arr(np.zeros((4, 3)))),
    (0, [1, 2, 3]), (0, Arr(np.zeros((2, 4)))), ((0, 0), Arr([1, 2])), ([0, 1], [1, 2, 3]),
    ([0, 1], Arr(np.zeros((3, 4)))), (([0, 1], [0, 1]), [1, 2, 3]), ([True, False, True], [1, 2, 3]),
    ([True, False, True], Arr(np.zeros((3, 4)))), (Arr(np.ones((3, 4), bool)), [1, 2]), (slice(1, None), [1, 2, 3]),
    ([], [1, 2]), (None, Arr(np.zeros((2, 3, 4)))),
], ids=key_id)
def test_set_wrong_shape_value(key, value):
    na, oa = pair((3, 4))
    exc_np, exc_ox = both_raise(lambda: na.__setitem__(for_np(key), for_np(value)),
                                lambda: oa.__setitem__(for_ox(key), for_ox(value)))
    assert isinstance(exc_ox, ValueError)
    assert_same(oa, na)


@pytest.mark.parametrize("key, value", [
    (1, Arr([[1, 2, 3, 4]])), ((1, 2, Ellipsis), Arr([[7]])), (slice(0, 1), Arr(np.ones((1, 1, 4)))), (Ellipsis, Arr(np.ones((1, 3, 4)))),
    ([0], Arr(np.ones((1, 1, 4)))), ([0, 1], Arr(np.ones((1, 2, 4)))), ((slice(None), [0]), Arr(np.ones((1, 3, 1)))),
    ([True, False, False], Arr(np.ones((1, 1, 4)))), ([True, False, False], [[[1, 2, 3, 4]]]),
    ((0, 0), Arr([5])), ((0, 0), Arr([[5]])), (slice(None), [[[1, 2, 3, 4]]]), ((), Arr([3.5])), (Ellipsis, Arr([3.5])),
], ids=key_id)
def test_set_value_with_extra_leading_unit_dims(key, value):
    """NumPy drops extra length-one leading axes of an array value."""
    na, oa = pair((3, 4) if key not in [(), Ellipsis] else (), "float64")
    check_set(na, oa, key, value)


@pytest.mark.parametrize("dtype", ["float64", "int64", "complex128"])
@pytest.mark.parametrize("value", [[5], [[5]], [1, 2], (5,)], ids=repr)
def test_set_sequence_into_one_element(dtype, value):
    """A sequence assigned to a single element raises the same exception type as NumPy."""
    for shape, key in [((3,), 0), ((3,), -1), ((2, 3), (1, 2)), ((2, 3), (0, -1))]:
        na, oa = pair(shape, dtype)
        raises_like(lambda: na.__setitem__(key, value), lambda: oa.__setitem__(key, value))


READ_ONLY_KEYS = {
    (3, 4): [0, -1, (1, 2), slice(None), slice(None, None, -1), Ellipsis, (), [0, 1], ([0, 1], [2, 3]),
             [True, False, True], True, (None, 1), 5, (0, 7), [9]],
    (4,): [0, -1, slice(None), slice(None, None, -1), Ellipsis, (), [0, 1], [True, False, True, True],
           True, (None, 1), 5, -9, [9]],
}


@pytest.mark.parametrize("shape, key", [(sh, k) for sh, ks in READ_ONLY_KEYS.items() for k in ks],
                         ids=[f"{sh}-{key_id(k)}" for sh, ks in READ_ONLY_KEYS.items() for k in ks])
def test_set_read_only(shape, key):
    na, oa = pair(shape)
    na.flags.writeable = False
    oa.flags.writeable = False
    assert oa.flags.writeable is False
    exc_np, exc_ox = both_raise(lambda: na.__setitem__(for_np(key), 1), lambda: oa.__setitem__(for_ox(key), 1))
    assert isinstance(exc_ox, ValueError)
    assert str(exc_ox) == str(exc_np)
    assert_same(oa, na)


def test_read_only_views_and_copies():
    na, oa = pair((3, 4))
    na.flags.writeable = False
    oa.flags.writeable = False
    # Views of a read-only array are read-only too ...
    for key in [0, slice(None, None, -1), Ellipsis, (None, 1), (slice(1, None), 2)]:
        nv, ov = na[key], oa[key]
        assert ov.flags.writeable == nv.flags.writeable
        raises_like(lambda: nv.__setitem__(..., 0), lambda: ov.__setitem__(..., 0))
    # ... while fancy results are writeable copies.
    for key in [[0, 1], [True, False, True], (slice(None), [1])]:
        n_copy, o_copy = na[key], oa[key]
        assert o_copy.flags.writeable == n_copy.flags.writeable
        assert check_set(n_copy, o_copy, 0, 9)
    assert_same(oa, na)


def test_set_read_only_zero_d():
    na, oa = pair(())
    na.flags.writeable = False
    oa.flags.writeable = False
    for key in [(), Ellipsis, True, None]:
        raises_like(lambda: na.__setitem__(key, 1), lambda: oa.__setitem__(key, 1))
    assert_same(oa, na)


# NumPy scalars, Python numbers and strings, None, sequences and 0-d arrays as values, with
# basic and advanced keys: NumPy's item rules differ by value kind (Python ints and floats
# are range-checked, NumPy integer scalars wrap into unsigned types but are range-checked
# into signed ones, strings are parsed, None is NaN for inexact types, an advanced key casts
# array scalars as 0-d arrays).
SCALAR_VALUE_KINDS = [
    np.float64(2.5), np.float64(300.0), np.float64(-1.0), np.int16(300), np.int8(-3), np.bool_(True),
    np.complex128(1 + 0j), Arr(5), "7", b"3", "2.5", None, 2**64, -1, 1.5, 300.0, True, [1, 2, 3],
    (1.0, 2.0, 3.0), range(3), Sc("float32", 1.5), Sc("int16", -3), Sc("float64", 300.0),
    Sc("uint64", 2**64 - 1),
]


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int64", "uint64", "float16", "float32", "complex64", "bool"])
@pytest.mark.parametrize("value", SCALAR_VALUE_KINDS, ids=key_id)
def test_set_value_kinds_like_numpy(dtype, value):
    for key in [0, slice(None), [0, 1, 2], Ellipsis, (Ellipsis, 1), [True, False, True]]:
        na, oa = pair((3,), dtype)
        nv = value if isinstance(value, (np.generic, str, bytes)) else for_np(value)
        ov = value if isinstance(value, (np.generic, str, bytes)) else for_ox(value)
        try:
            na[key] = nv
        except Exception:  # noqa: BLE001 - NumPy is the oracle
            raises_like(lambda: na.__setitem__(key, nv), lambda: oa.__setitem__(key, ov))
            continue
        oa[key] = ov
        assert_same(oa, na)
