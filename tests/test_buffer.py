"""PEP 3118 buffer protocol and __array_interface__ / __array__, both directions, against
NumPy (the oracle: same format strings, layouts, values, and shared memory)."""

import array
import gc
import mmap

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import oxarray as ox
from conftest import ALL_DTYPES, assert_same, to_numpy
from interchange_helpers import SWAPPED, np_views, same_bits


def ox_copy_of(n):
    """An oxarray array with the values and layout of NumPy view ``n`` (built without the
    buffer protocol: from lists, then the same slicing)."""
    return ox.array(n.tolist(), dtype=n.dtype.str) if n.ndim else ox.array(n.item(), dtype=n.dtype.str)


# ---------------------------------------------------------------------------------------
# export


@pytest.mark.parametrize("dt", ALL_DTYPES + SWAPPED)
def test_memoryview_matches_numpy(dt):
    n = np.arange(6).astype(dt).reshape(2, 3)
    o = ox.asarray(np.arange(6).astype(dt).reshape(2, 3).tolist(), dtype=dt)
    mo, mn = memoryview(o), memoryview(n)
    assert (mo.format, mo.itemsize, mo.shape, mo.strides, mo.readonly, mo.ndim, mo.nbytes) == (
        mn.format, mn.itemsize, mn.shape, mn.strides, mn.readonly, mn.ndim, mn.nbytes)
    assert mo.tobytes() == mn.tobytes()


@given(np_views())
def test_numpy_sees_our_memory(n):
    o = ox.array(n)  # an oxarray array that owns its memory
    back = np.asarray(o)
    same_bits(back, n)
    assert_same(o, back)
    assert np.shares_memory(back, np.asarray(o)) or o.size == 0


@given(np_views(max_dims=3), st.data())
def test_strided_export_layout(n, data):
    # Build the same values in oxarray memory, take a strided view, compare what the
    # buffer says with the view's own layout and with NumPy's format for the dtype.
    o = ox.array(n)
    steps = tuple(data.draw(st.sampled_from([1, 2, -1, -3])) for _ in range(o.ndim))
    on = o[tuple(slice(None, None, k) for k in steps)] if o.ndim else o
    nn = n[tuple(slice(None, None, k) for k in steps)] if n.ndim else n
    mo, mn = memoryview(on), memoryview(nn)
    assert (mo.format, mo.itemsize, mo.shape, mo.readonly) == (mn.format, mn.itemsize, mn.shape, mn.readonly)
    assert mo.strides == on.strides
    same_bits(np.asarray(on), nn)


def test_writes_are_visible_both_ways():
    o = ox.zeros((3, 4))
    n = np.asarray(o)
    n[1, 2] = 5.0
    assert o[1, 2] == 5.0
    o[0, 0] = -1.0
    assert n[0, 0] == -1.0
    m = memoryview(o)
    m[2, 3] = 7.5
    assert o[2, 3] == 7.5


def test_exporter_outlives_its_views():
    o = ox.arange(1000, dtype="int64")
    n = np.asarray(o)
    m = memoryview(o)
    del o
    gc.collect()
    assert n.sum() == 999 * 1000 // 2
    assert m[999] == 999


def test_readonly_export():
    o = ox.arange(5)
    o.flags.writeable = False
    nn = np.arange(5)
    nn.flags.writeable = False
    assert memoryview(o).readonly and not np.asarray(o).flags.writeable
    # A writable request (readinto) is refused for both, with the same exception type.
    errors = []
    for arr in (nn, o):
        with pytest.raises(Exception) as info:
            _writable_buffer(arr)
        errors.append(type(info.value))
    assert errors[0] is errors[1]
    with pytest.raises(TypeError):  # memoryview refuses the assignment itself
        memoryview(o)[0] = 1


def _writable_buffer(obj):
    """Ask for a writable buffer (as ``readinto`` does)."""
    import io

    io.BytesIO(b"\0" * 8).readinto(obj)


@pytest.mark.parametrize("make", [lambda a: a[:, ::2], lambda a: a.T])
def test_contiguity_requests(make):
    o, n = make(ox.zeros((4, 4))), make(np.zeros((4, 4)))
    for arr in (o, n):
        with pytest.raises(TypeError):
            memoryview(arr).cast("B")  # needs a C-contiguous buffer


def test_memoryview_of_0d_and_empty():
    for shape in [(), (0,), (3, 0)]:
        o, n = ox.zeros(shape), np.zeros(shape)
        mo, mn = memoryview(o), memoryview(n)
        assert (mo.shape, mo.nbytes, mo.format) == (mn.shape, mn.nbytes, mn.format)
        assert mo.strides == o.strides


def test_tobytes_matches_numpy():
    n = np.arange(24, dtype="<i4").reshape(2, 3, 4)[:, ::2, ::-1]
    o = ox.asarray(n)
    for order in ["C", "F", "A", "K"]:
        assert o.tobytes(order) == n.tobytes(order)


# ---------------------------------------------------------------------------------------
# __array__ and __array_interface__


@pytest.mark.parametrize("dt", ALL_DTYPES + SWAPPED)
def test_array_interface_matches_numpy(dt):
    n = np.arange(12).astype(dt).reshape(3, 4)[:, ::2]
    o = ox.asarray(n)
    io_, in_ = o.__array_interface__, n.__array_interface__
    for k in ["shape", "typestr", "descr", "strides", "version"]:
        assert io_[k] == in_[k], k
    assert io_["data"] == in_["data"]  # same memory, same read-only flag


def test_array_interface_none_strides_when_contiguous():
    assert ox.zeros((2, 3)).__array_interface__["strides"] is None
    assert np.zeros((2, 3)).__array_interface__["strides"] is None


@pytest.mark.parametrize("dtype", [None, "float32", "int64"])
@pytest.mark.parametrize("copy", [None, True, False])
def test_dunder_array_like_numpy(dtype, copy):
    n = np.arange(6, dtype="int64").reshape(2, 3)
    o = ox.asarray(n.copy())
    try:
        expect = n.__array__(dtype=dtype, copy=copy) if dtype else n.__array__(copy=copy)
    except ValueError:
        with pytest.raises(ValueError):
            o.__array__(dtype=dtype, copy=copy)
        return
    got = o.__array__(dtype=dtype, copy=copy)
    assert type(got) is np.ndarray
    same_bits(got, expect)
    assert np.shares_memory(got, np.asarray(o)) == np.shares_memory(expect, n)


def test_pillow_round_trip():
    Image = pytest.importorskip("PIL.Image")  # a test dependency (Makefile / pyproject)
    im = Image.new("RGB", (5, 3), (10, 20, 30))
    im.putpixel((1, 2), (200, 100, 50))
    o = ox.asarray(im)
    assert_same(o, np.asarray(im))
    assert o.flags.writeable == np.asarray(im).flags.writeable
    back = Image.fromarray(o)
    assert back.mode == "RGB" and back.tobytes() == im.tobytes()
    # A strided view goes through tobytes(), as with NumPy.
    g = ox.asarray(np.arange(48, dtype=np.uint8).reshape(6, 8))[::2, ::-1]
    assert Image.fromarray(g).tobytes() == Image.fromarray(np.asarray(g)).tobytes()


class Interface:
    def __init__(self, n, data_kind):
        self.n = n
        d = dict(n.__array_interface__)
        if data_kind == "buffer":
            d["data"] = n if n.flags.c_contiguous else None
            if d["data"] is None:
                d["data"] = n.base if n.base is not None else n
                d["offset"] = n.__array_interface__["data"][0] - np.asarray(d["data"]).__array_interface__["data"][0]
        self.__array_interface__ = d


@given(np_views(), st.sampled_from(["tuple", "buffer"]))
def test_import_array_interface(n, data_kind):
    if data_kind == "buffer" and (n.base is not None and not n.base.flags.c_contiguous):
        data_kind = "tuple"
    if data_kind == "buffer" and (n.strides and min(n.strides) < 0):
        data_kind = "tuple"
    obj = Interface(n, data_kind)
    o = ox.asarray(obj)
    expect = np.asarray(obj)
    assert_same(o, expect)
    same_bits(o, expect)
    assert o.flags.writeable == expect.flags.writeable
    if n.size:
        assert [s for s, d in zip(o.strides, o.shape) if d > 1] == [
            s for s, d in zip(expect.strides, expect.shape) if d > 1]
    assert np.shares_memory(np.asarray(o), n) or n.size == 0


def test_interface_errors():
    class Bad:
        __array_interface__ = {"shape": (2,), "typestr": "|O", "data": (0, True), "version": 3}

    class Masked:
        __array_interface__ = {"shape": (2,), "typestr": "<f8", "data": np.zeros(2), "mask": np.zeros(2), "version": 3}

    class TooSmall:
        __array_interface__ = {"shape": (10,), "typestr": "<f8", "data": bytearray(8), "version": 3}

    with pytest.raises((TypeError, ValueError)):  # a NULL pointer of object items
        ox.asarray(Bad())
    with pytest.raises(TypeError):
        ox.asarray(Masked())
    with pytest.raises(ValueError):
        ox.asarray(TooSmall())


# ---------------------------------------------------------------------------------------
# import through the buffer protocol


@given(np_views())
def test_import_numpy_zero_copy(n):
    o = ox.asarray(n)
    assert_same(o, n)
    if n.size:  # NumPy's buffer export normalises strides of empty arrays and length-1 axes
        assert [s for s, d in zip(o.strides, o.shape) if d > 1] == [
            s for s, d in zip(n.strides, n.shape) if d > 1]
    assert o.flags.writeable == n.flags.writeable
    if n.size:
        assert np.shares_memory(np.asarray(o), n)
    if n.size and n.flags.writeable:
        np.asarray(o).flat[0] = np.asarray(o).flat[-1]
        assert_same(o, n)  # still the same memory after a write through one side


@given(np_views(max_dims=3), st.sampled_from(ALL_DTYPES + SWAPPED), st.sampled_from([None, True, False]))
def test_import_copy_semantics_like_numpy(n, dt, copy):
    # Safe casts only: the values of unsafe casts are the cast engine's business (and
    # tested there); here it is about when a copy happens.
    assume(np.can_cast(n.dtype, dt, "safe"))
    try:
        expect = np.asarray(n, dtype=dt, copy=copy)
    except ValueError:
        with pytest.raises(ValueError):
            ox.asarray(n, dtype=dt, copy=copy)
        return
    got = ox.asarray(n, dtype=dt, copy=copy)
    assert_same(got, expect)
    if n.size:
        assert np.shares_memory(np.asarray(got), n) == np.shares_memory(expect, n)


def test_copy_false_error_message():
    with pytest.raises(ValueError, match="copy"):
        ox.asarray(np.arange(3), dtype="float32", copy=False)
    with pytest.raises(ValueError, match="copy"):
        ox.array(np.zeros((3, 3))[:, ::2], order="C", copy=False)


@pytest.mark.parametrize("typecode", list("bBhHiIlLqQfd"))
def test_import_array_array(typecode):
    a = array.array(typecode, [1, 2, 3, 4])
    o = ox.asarray(a)
    assert_same(o, np.asarray(a))
    o[0] = 9
    assert a[0] == 9  # writable, zero-copy


def test_import_bytes_bytearray_memoryview():
    b = b"\x01\x02\x03\x04"
    # bytes are strings, as NumPy reads them: a 0-d 'S4' array (frombuffer views them).
    o = ox.asarray(b)
    n = np.asarray(b)
    assert (o.dtype.str, o.shape, o.tolist()) == (n.dtype.str, n.shape, n.tolist())
    assert_same(ox.frombuffer(b, dtype=np.uint8), np.frombuffer(b, dtype=np.uint8))
    assert ox.asarray([b"x"]).dtype.str == np.asarray([b"x"]).dtype.str
    # ...but a memoryview of them is a read-only uint8 buffer, in NumPy and in oxarray.
    o = ox.asarray(memoryview(b))
    assert_same(o, np.asarray(memoryview(b)))
    assert not o.flags.writeable and not np.asarray(memoryview(b)).flags.writeable
    assert_same(ox.frombuffer(b, dtype="u1"), np.frombuffer(b, dtype="u1"))
    ba = bytearray(b)
    ob = ox.asarray(ba)
    assert ob.flags.writeable
    ob[1] = 200
    assert ba[1] == 200
    n = np.arange(24, dtype="<i2").reshape(4, 6)
    mv = memoryview(n)[::2]
    om = ox.asarray(mv)
    assert_same(om, np.asarray(mv))
    assert np.shares_memory(np.asarray(om), n)


def test_import_mmap(tmp_path):
    p = tmp_path / "raw.bin"
    p.write_bytes(bytes(range(16)))
    with open(p, "r+b") as f:
        mm = mmap.mmap(f.fileno(), 16)
    o = ox.asarray(mm)
    assert_same(o, np.frombuffer(bytes(range(16)), dtype=np.uint8))
    o[0] = 99
    mm.flush()
    del o
    gc.collect()
    mm.close()
    assert p.read_bytes()[0] == 99


def test_non_native_byte_order_arrives_correctly():
    n = np.array([1, 256, -2], dtype=">i4")
    o = ox.asarray(n)
    assert o.dtype.str == ">i4"
    assert o.tolist() == [1, 256, -2]
    assert_same(o.astype("int32"), n.astype("int32"))


def test_numpy_scalar_becomes_writeable_copy():
    for s in [np.float64(2.5), np.int8(-3), np.complex64(1 + 2j), np.bool_(True)]:
        o = ox.asarray(s)
        assert_same(o, np.asarray(s))
        assert o.flags.writeable


def test_nested_numpy_arrays_in_lists():
    parts = [np.arange(3), np.arange(3, 6)]
    assert_same(ox.array(parts), np.array(parts))


def test_unsupported_buffer_formats_are_clear_errors():
    # (A wide-character buffer, format 'w', is a U1 array in NumPy and in oxarray.)
    u = array.array("u", "ab")
    assert ox.asarray(u).tolist() == np.asarray(u).tolist()
    assert ox.asarray(u).dtype.str == np.asarray(u).dtype.str
    with pytest.raises(TypeError, match="structured"):
        ox.asarray(np.zeros(2, dtype=[("a", "<i4"), ("b", "<f8")]))
    # Object arrays are imported as object arrays (the same objects), as NumPy's.
    o = np.array(["x", None], dtype=object)
    assert ox.asarray(o).tolist() == o.tolist() and str(ox.asarray(o).dtype) == "object"


@pytest.mark.parametrize("dt", ALL_DTYPES + SWAPPED)
def test_frombuffer_like_numpy(dt):
    data = bytes(range(48))
    for kwargs in [{}, {"count": 2}, {"offset": 16}, {"count": 1, "offset": 16}]:
        try:
            expect = np.frombuffer(data, dtype=dt, **kwargs)
        except ValueError:
            with pytest.raises(ValueError):
                ox.frombuffer(data, dtype=dt, **kwargs)
            continue
        got = ox.frombuffer(data, dtype=dt, **kwargs)
        same_bits(got, expect)
        assert got.flags.writeable == expect.flags.writeable


@pytest.mark.parametrize("kwargs", [{"count": 5}, {"offset": 17}, {"offset": -1}, {"dtype": "<i8"}])
def test_frombuffer_errors_like_numpy(kwargs):
    data = bytes(12)
    with pytest.raises(ValueError):
        np.frombuffer(data, **{"dtype": "<i4", **kwargs})
    with pytest.raises(ValueError):
        ox.frombuffer(data, **{"dtype": "<i4", **kwargs})


def test_to_numpy_oracle_agrees_with_buffer():
    # The tolist-based oracle of conftest and the zero-copy path agree.
    o = ox.arange(10, dtype="float32")[::3]
    same_bits(np.asarray(o), to_numpy(o))
    assert ox_copy_of(np.arange(3)).tolist() == [0, 1, 2]


def test_dtypes_oxarray_lacks_name_themselves():
    for n in [np.array(["2020-01-01"], dtype="datetime64[D]")]:
        with pytest.raises(TypeError, match="oxarray has no dtype"):
            ox.asarray(n)


def test_void_arrays_import_as_numpys_void():
    n = np.frombuffer(bytes(range(8)), dtype="V4")
    o = ox.asarray(n)
    assert o.dtype.str == n.dtype.str == "|V4"
    assert o.shape == n.shape and o.tobytes() == n.tobytes()
    assert [o[i] for i in range(2)] == [bytes(n[i]) for i in range(2)]
    back = np.asarray(o)
    assert back.dtype == n.dtype and back.tobytes() == n.tobytes()
    for m in (n, np.frombuffer(bytes(range(9)) + b"\xab", dtype="V5"), n[:1].reshape(())):
        assert repr(ox.asarray(m)) == repr(m)
        assert str(ox.asarray(m)) == str(m)


def test_negative_strided_memoryview_import():
    n = np.arange(10, dtype="<i4")
    mv = memoryview(n)[::-3]
    o = ox.asarray(mv)
    assert_same(o, np.asarray(mv))
    assert o.strides == (-12,)
    assert np.shares_memory(np.asarray(o), n)


@pytest.mark.parametrize("dt", ALL_DTYPES)
def test_numpy_sees_oxarray_scalars_as_0d_arrays(dt):
    s = ox.asarray([1], dtype=dt)[0]
    got = np.asarray(s)
    expect = np.asarray(np.asarray([1], dtype=dt)[0])
    assert got.dtype == expect.dtype and got.shape == () and got.item() == expect.item()
    assert np.asarray(s, dtype="complex128").dtype == np.complex128
