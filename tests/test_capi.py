"""C-level duck typing: one C extension, many array types (issue 5).

``tests/capi/consumer.c`` (``oxconsumer``) and ``tests/capi/tinyarray.c`` (an independent
array type that installs the ``oxarray:array@1`` slot itself) are compiled here with the
system C compiler against ``oxarray.h`` alone. The consumer must serve oxarray arrays and
their subclasses (slot, portable path), tinyarray and its subclasses (slot, type-carried
path), NumPy arrays (DLPack) and memoryviews/bytes (buffer protocol) in one process, and
describe each exactly as NumPy does.
"""

import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import oxarray as ox
from oxarray import _core

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "capi"))
import build_capi as capi_build  # noqa: E402  (tests/capi/build_capi.py)


def key(s: str) -> int:
    """The slot key of a key string: low 64 bits of its MD5, little-endian."""
    return int.from_bytes(hashlib.md5(s.encode()).digest()[:8], "little")


@pytest.fixture(scope="module")
def capi(tmp_path_factory):
    out = tmp_path_factory.mktemp("capi")
    capi_build.build(out)
    sys.path.insert(0, str(out))
    try:
        import oxconsumer
        import tinyarray
    finally:
        sys.path.remove(str(out))
    return oxconsumer, tinyarray


class OxSub(ox.ndarray):
    pass


def seq_sum(a) -> float:
    """Left-to-right sum in C order, as the consumer computes it (exact comparison)."""
    total = 0.0
    for x in np.asarray(a).ravel(order="C").tolist():
        total += x
    return total


# Python subclasses of oxarray.ndarray are covered at the type level below
# (test_subclass_types_keep_the_slot): this branch's ndarray cannot create subclass
# instances yet (no ndarray.__new__ / view(type)).
SOURCES = ["oxarray", "tinyarray", "tinyarray-subclass", "numpy", "memoryview"]


def make(capi, source, values):
    """A float64 1-d array of `values` from the given library; also returns a NumPy twin."""
    _, tiny = capi
    ref = np.array(values, dtype=np.float64)
    if source == "oxarray":
        return ox.array(values, dtype="float64"), ref
    if source == "tinyarray":
        return tiny.array(values), ref
    if source == "tinyarray-subclass":
        sub = type("TinySub", (tiny.array,), {})
        return sub(values), ref
    if source == "numpy":
        return ref.copy(), ref
    if source == "memoryview":
        return memoryview(ref.copy()), ref
    raise AssertionError(source)


@pytest.mark.parametrize("source", SOURCES)
def test_one_consumer_sums_and_scales_every_array_type(capi, source):
    cons, _ = capi
    values = [1.5, -2.0, 3.25, 8.0, 0.125]
    arr, ref = make(capi, source, values)
    assert cons.sum_f64(arr) == seq_sum(ref)
    cons.scale_inplace(arr, 3.0)
    got = arr.tolist()
    assert got == (ref * 3.0).tolist()


def test_all_in_one_process(capi):
    cons, tiny = capi
    arrays = [make(capi, s, [1.0, 2.0, 4.0])[0] for s in SOURCES]
    # Interleaved calls across types exercise the per-type cache with several types.
    for _ in range(3):
        assert [cons.sum_f64(a) for a in arrays] == [7.0] * len(arrays)
    assert [type(a).__name__ for a in arrays] == ["ndarray", "array", "TinySub", "ndarray", "memoryview"]


@pytest.mark.parametrize(
    ("source", "path", "is_array"),
    [
        ("oxarray", "portable", True),
        ("tinyarray", "type", True),
        ("tinyarray-subclass", "type", True),
        ("numpy", "none", False),
        ("memoryview", "none", False),
    ],
)
def test_capability_check_and_lookup_path(capi, source, path, is_array):
    cons, _ = capi
    arr, _ = make(capi, source, [1.0])
    assert cons.slot_path(arr) == path
    assert cons.is_array(arr) is is_array
    assert cons.has_slot(arr, key("oxarray:array@1")) is is_array


def test_subclass_types_keep_the_slot(capi):
    cons, tiny = capi

    class Deeper(OxSub):
        pass

    class Meta(type):
        pass

    TinySub = type("TinySub", (tiny.array,), {})

    class TinyDeeper(TinySub):
        pass

    for tp, path in [(ox.ndarray, "portable"), (OxSub, "portable"), (Deeper, "portable"),
                     (tiny.array, "type"), (TinySub, "type"), (TinyDeeper, "type")]:
        assert cons.type_slot_path(tp) == path
        assert cons.type_has_slot(tp, key("oxarray:array@1"))
    # Subclasses of tinyarray get its metaclass, which copies the type-carried table.
    assert type(TinyDeeper) is type(tiny.array)
    assert type(tiny.array).__name__ == "_SlotType"
    assert cons.type_slot_path(Meta("Plain", (), {})) == "none"
    assert not cons.type_has_slot(np.ndarray, key("oxarray:array@1"))


def test_slot_keys_are_per_type(capi):
    cons, tiny = capi
    assert tiny.INFO_KEY == key("tinyarray:info@1")
    assert cons.has_slot(tiny.array([1.0]), tiny.INFO_KEY)
    assert not cons.has_slot(ox.zeros(1), tiny.INFO_KEY)
    assert cons.has_slot(ox.zeros(1), key("oxarray:ufunc@1"))
    assert not cons.has_slot(tiny.array([1.0]), key("oxarray:ufunc@1"))
    assert not cons.has_slot(ox.zeros(1), key("oxarray:array@2"))
    for obj in [None, 1.0, [1.0], "x", np.float64(1.0)]:
        assert not cons.is_array(obj)


def test_cache_follows_changes_to_the_type(capi):
    """The per-type cache is keyed by version tag: installing or removing a capsule on a
    type that was already looked up (and cached as a miss) is seen at once."""
    cons, tiny = capi

    class Late:
        pass

    obj = Late()
    assert not cons.is_array(obj)
    assert not cons.is_array(obj)  # now cached as a miss
    Late.__oxarray_slots__ = tiny.array.__dict__["__oxarray_slots__"]
    assert cons.is_array(obj)
    assert cons.slot_path(obj) == "portable"
    # tinyarray's fill refuses objects that are not its own (the provider checks).
    with pytest.raises(TypeError, match="tinyarray"):
        cons.sum_f64(obj)
    del Late.__oxarray_slots__
    assert not cons.is_array(obj)
    # A capsule of the wrong name is ignored.
    Late.__oxarray_slots__ = ox.ndarray  # not a capsule at all
    assert not cons.is_array(obj)


def test_not_an_array_is_a_type_error(capi):
    cons, _ = capi
    for obj in [[1.0, 2.0], None, 3.0, {"a": 1}]:
        with pytest.raises(TypeError, match="expected an array"):
            cons.sum_f64(obj)


@pytest.mark.parametrize("dtype", ["int64", "float32", "complex128", "bool"])
def test_wrong_dtype_is_a_type_error_everywhere(capi, dtype):
    cons, _ = capi
    for arr in [ox.zeros(3, dtype=dtype), np.zeros(3, dtype=dtype), memoryview(np.zeros(3, dtype=dtype))]:
        with pytest.raises(TypeError, match="float64"):
            cons.sum_f64(arr)


def test_read_only_arrays_refuse_writes(capi):
    cons, tiny = capi
    a = ox.arange(3.0)
    a.flags.writeable = False
    n = np.arange(3.0)
    n.flags.writeable = False
    cases = [a, n, memoryview(n), tiny.array([1.0, 2.0], readonly=True),
             memoryview(b"\0" * 16).cast("d")]
    for arr in cases:
        before = cons.sum_f64(arr)  # reading is fine
        with pytest.raises(BufferError):
            cons.scale_inplace(arr, 2.0)
        assert cons.sum_f64(arr) == before
        assert cons.view_info(arr)["readonly"] is True


def _np_order(dt: np.dtype) -> str:
    if dt.itemsize == 1:
        return "|"
    return "=" if dt.isnative else dt.byteorder


DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
          "float16", "float32", "float64", "complex64", "complex128"]


@pytest.mark.parametrize("dtype", DTYPES)
def test_view_describes_dtype_like_numpy(capi, dtype):
    cons, _ = capi
    ref = np.dtype(dtype)
    for arr, source in [
        (ox.zeros((2, 3), dtype=dtype), "slot"),
        (np.zeros((2, 3), dtype=dtype), "dlpack"),
        (memoryview(np.zeros((2, 3), dtype=dtype)), "buffer"),
    ]:
        info = cons.view_info(arr)
        assert info["source"] == source
        assert (info["kind"], info["itemsize"], info["byteorder"]) == (ref.kind, ref.itemsize, _np_order(ref))
        assert info["shape"] == (2, 3)
        assert info["strides"] == np.zeros((2, 3), dtype=dtype).strides
        assert info["device_type"] == 1


def test_view_of_non_native_byte_order(capi):
    cons, _ = capi
    # NumPy refuses DLPack for non-native byte order; the buffer protocol takes over.
    for obj in [np.zeros(3, dtype=">i4"), np.zeros(3, dtype=">f8")[::-1]]:
        info = cons.view_info(obj)
        assert (info["source"], info["byteorder"], info["strides"]) == ("buffer", ">", obj.strides)
        got = _core._rust_consumer_view(obj, False)
        assert (got["source"], got["byteorder"]) == ("buffer", ">")
    info = cons.view_info(ox.zeros(3, dtype=">f8"))
    ref = np.dtype(">f8")
    assert (info["kind"], info["byteorder"]) == (ref.kind, ref.byteorder)
    info = cons.view_info(memoryview(np.zeros(3, dtype=">i4")))
    assert (info["kind"], info["byteorder"]) == ("i", ">")
    with pytest.raises(TypeError):
        cons.sum_f64(ox.zeros(3, dtype=">f8"))  # native float64 only


def test_view_dtype_handle_is_the_oxarray_dtype(capi):
    cons, _ = capi
    info = cons.view_info(ox.zeros(2, dtype="int16"))
    assert info["dtype"] == ox.dtype("int16")
    assert cons.view_info(np.zeros(2))["dtype"] is None


@st.composite
def strided(draw):
    """A float64 array with a random shape, then a random view (steps, reversals, transpose)."""
    ndim = draw(st.integers(0, 4))
    shape = tuple(draw(st.lists(st.integers(0, 5), min_size=ndim, max_size=ndim)))
    slices = tuple(
        slice(None, None, draw(st.sampled_from([1, 2, -1, -2, 3]))) for _ in range(ndim)
    )
    perm = draw(st.permutations(range(ndim)))
    return shape, slices, tuple(perm)


@given(strided())
def test_strided_views_match_numpy(capi, case):
    cons, _ = capi
    shape, slices, perm = case
    ndim = len(shape)
    base_np = (np.arange(int(np.prod(shape)), dtype=np.float64) * 0.5 - 3.0).reshape(shape)
    base_ox = ox.array(base_np.tolist(), dtype="float64").reshape(shape)
    v_np = base_np[slices].transpose(perm) if ndim else base_np
    v_ox = base_ox[slices].transpose(perm) if ndim else base_ox
    expect = seq_sum(v_np)
    for arr in [v_ox, v_np]:
        info = cons.view_info(arr)
        assert info["shape"] == v_np.shape
        if v_np.size:  # strides of empty arrays differ between libraries and mean nothing
            assert info["strides"] == v_np.strides
        assert cons.sum_f64(arr) == expect
    # Writes through a strided view land where NumPy's do.
    cons.scale_inplace(v_ox, 2.0)
    cons.scale_inplace(v_np, 2.0)
    assert base_ox.tolist() == base_np.tolist()


def test_buffer_fallback_for_bytes_and_memoryview_slices(capi):
    cons, _ = capi
    n = np.arange(10.0)
    m = memoryview(n)[::3]
    assert cons.sum_f64(m) == seq_sum(n[::3])
    info = cons.view_info(b"abc")
    assert (info["kind"], info["itemsize"], info["shape"], info["readonly"]) == ("u", 1, (3,), True)


def test_views_hold_and_release_references(capi):
    cons, tiny = capi
    for arr in [ox.arange(5.0), tiny.array([1.0, 2.0]), np.arange(5.0), memoryview(np.arange(5.0))]:
        before = sys.getrefcount(arr)
        for _ in range(100):
            cons.sum_f64(arr)
            cons.view_info(arr)
        assert sys.getrefcount(arr) == before


def test_owning_dlpack_export(capi):
    cons, tiny = capi
    a = ox.arange(12.0).reshape(3, 4)[:, ::-2]
    before = sys.getrefcount(a)
    assert cons.dlpack_export_sum(a) == seq_sum(np.arange(12.0).reshape(3, 4)[:, ::-2])
    assert sys.getrefcount(a) == before  # the deleter released the export's reference
    assert cons.dlpack_export_sum(tiny.array([1.0, 2.5])) == 3.5
    with pytest.raises(TypeError):
        cons.dlpack_export_sum(ox.zeros(2, dtype="int8"))


def test_constructor_from_view_shares_memory_and_keeps_alive(capi):
    cons, tiny = capi
    src = np.arange(12.0).reshape(3, 4)[::2, ::-1]
    a = cons.from_view(ox.zeros(1), src)
    assert type(a) is ox.ndarray
    assert a.shape == src.shape and a.strides == src.strides and a.dtype == ox.dtype("float64")
    assert a.tolist() == src.tolist()
    assert a.base is src
    src[0, 0] = 100.0  # same memory
    assert a.tolist() == src.tolist()
    del src
    assert a.tolist()[0][0] == 100.0  # kept alive by the array
    ro = np.arange(3.0)
    ro.flags.writeable = False
    assert cons.from_view(ox.zeros(1), ro).flags.writeable is False
    ints = np.arange(6, dtype=np.int16).reshape(2, 3)
    b = cons.from_view(ox.zeros(1), ints)
    assert b.dtype == ox.dtype("int16") and b.tolist() == ints.tolist()
    # tinyarray's constructor copies.
    t = cons.from_view(tiny.array([0.0]), ox.arange(3.0))
    assert type(t) is tiny.array and t.tolist() == [0.0, 1.0, 2.0]


def test_ufunc_slot_by_name(capi):
    cons, _ = capi
    a, b = ox.arange(3.0), ox.arange(3.0)
    f = getattr(ox, "add", None)
    if f is not None and type(f).__name__ == "ufunc":
        assert cons.ufunc(a, "add", a, b).tolist() == np.add(np.arange(3.0), np.arange(3.0)).tolist()
    else:
        # The ufunc engine has not landed in this build: the slot says so cleanly.
        with pytest.raises(NotImplementedError, match="not available"):
            cons.ufunc(a, "add", a, b)
    with pytest.raises(NotImplementedError, match="no_such_ufunc"):
        cons.ufunc(a, "no_such_ufunc", a)
    with pytest.raises(TypeError, match="oxarray:ufunc@1"):
        cons.ufunc(np.zeros(1), "add", a, b)


@pytest.mark.parametrize("n", [0, 1, 2, 3, 7, 8, 31, 64, 100, 256])
def test_c_table_builder_finds_every_key(capi, n):
    cons, _ = capi
    keys = [key(f"test:key{i}@1") for i in range(n)]
    absent = [key(f"absent:{i}@1") for i in range(500)]
    n_entries, r = cons.check_table(keys, absent)
    assert n_entries >= 2 * n and n_entries & (n_entries - 1) == 0
    assert 0 <= r < 64


def test_c_table_builder_grows_for_adversarial_keys(capi):
    cons, _ = capi
    same_low_bits = [(i << 40) | 0xABCDEF0123 for i in range(1, 41)]
    assert cons.check_table(same_low_bits, [0xABCDEF0123])[0] >= 80
    only_top_bits = [(i << 59) | 1 for i in range(1, 17)]
    assert cons.check_table(only_top_bits, [1, 2])[0] >= 32
    with pytest.raises(ValueError, match="duplicate"):
        cons.check_table([5, 5], [])
    with pytest.raises(ValueError, match="reserved"):
        cons.check_table([0], [])


def test_built_and_working_before_oxarray_is_importable(tmp_path):
    """The consumer and tinyarray are compiled and used while `import oxarray` fails, and
    then serve oxarray arrays once it is imported, in the same process."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.modules["oxarray"] = None  # `import oxarray` raises ImportError from here on
        try:
            import oxarray
            raise SystemExit("oxarray was importable")
        except ImportError:
            pass
        sys.path.insert(0, {str(ROOT / "tests" / "capi")!r})
        import build_capi as build
        build.build({str(tmp_path)!r})
        sys.path.insert(0, {str(tmp_path)!r})
        import numpy as np
        import oxconsumer, tinyarray
        assert oxconsumer.sum_f64(np.arange(5.0)) == 10.0
        assert oxconsumer.sum_f64(memoryview(np.arange(5.0))) == 10.0
        assert oxconsumer.sum_f64(tinyarray.array([1.0, 2.0])) == 3.0
        assert "oxarray" not in sys.modules or sys.modules["oxarray"] is None
        del sys.modules["oxarray"]
        import oxarray as ox
        assert oxconsumer.is_array(ox.arange(5.0))
        assert oxconsumer.sum_f64(ox.arange(5.0)) == 10.0
        print("ok")
        """
    )
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=240)
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stdout.strip() == "ok"


# ---- The Rust consumer API (oxarray_abi::py), through oxarray._core test hooks ----------



@pytest.mark.parametrize("source", SOURCES)
def test_rust_consumer_serves_every_array_type(capi, source):
    cons, _ = capi
    arr, ref = make(capi, source, [0.5, 2.0, -1.25])
    assert _core._rust_consumer_sum_f64(arr) == seq_sum(ref) == cons.sum_f64(arr)
    got = _core._rust_consumer_view(arr, False)
    c_info = cons.view_info(arr)
    assert got["is_array"] is cons.is_array(arr)
    for k in ["source", "kind", "itemsize", "byteorder", "readonly"]:
        assert got[k] == c_info[k], k
    assert tuple(got["shape"]) == c_info["shape"] == ref.shape
    assert tuple(got["strides"]) == c_info["strides"] == ref.strides


@given(strided())
def test_rust_consumer_strided_views_match_numpy(capi, case):
    shape, slices, perm = case
    base = (np.arange(int(np.prod(shape)), dtype=np.float64) - 7.5).reshape(shape)
    view = base[slices].transpose(perm) if shape else base
    got = _core._rust_consumer_view(view, False)
    assert tuple(got["shape"]) == view.shape
    if view.size:
        assert tuple(got["strides"]) == view.strides
    assert _core._rust_consumer_sum_f64(view) == seq_sum(view)
    oxv = ox.array(view.tolist(), dtype="float64") if view.ndim else ox.array(float(view))
    assert _core._rust_consumer_sum_f64(oxv) == seq_sum(view)


def test_rust_consumer_errors(capi):
    _, tiny = capi
    with pytest.raises(TypeError, match="expected an array"):
        _core._rust_consumer_view([1.0], False)
    for ro in [b"\0" * 8, tiny.array([1.0], readonly=True)]:
        with pytest.raises(BufferError):
            _core._rust_consumer_view(ro, True)
    n = np.zeros(2)
    n.flags.writeable = False
    with pytest.raises(BufferError):
        _core._rust_consumer_view(n, True)
    with pytest.raises(TypeError):
        _core._rust_consumer_sum_f64(np.zeros(2, dtype=np.int64))


def test_demo_shows_one_c_function_serving_every_array_type(capi):
    from oxarray import _demo_capi

    lines: list[str] = []
    assert _demo_capi.run(lines.append) is True
    rows = [line for line in lines if "sum_f64 =" in line]
    assert [r.split()[0] for r in rows] == ["oxarray.ndarray", "tinyarray.array", "numpy.ndarray", "memoryview"]
    # 1 + 2 + 3 + 4 = 10, then scaled by 10 in place, whichever library owns the memory.
    assert all("sum_f64 =  10.0" in r and "100.0" in r for r in rows)


def test_rust_consumer_sees_slots_installed_after_a_miss(capi):
    _, tiny = capi

    class Late:
        pass

    with pytest.raises(TypeError, match="expected an array"):
        _core._rust_consumer_view(Late(), False)
    Late.__oxarray_slots__ = tiny.array.__dict__["__oxarray_slots__"]
    # Now the slot is found; tinyarray's fill refuses an object that is not its own.
    with pytest.raises(TypeError, match="tinyarray"):
        _core._rust_consumer_view(Late(), False)


@given(
    st.sampled_from(DTYPES + [">i4", ">f8", "<u2", ">c16"]),
    st.lists(st.integers(0, 4), min_size=0, max_size=3),
    st.data(),
)
def test_from_view_of_numpy_matches_numpy(capi, dtype, shape, data):
    """oxarray's constructor from a view (fed by the DLPack or buffer fallback) gives an
    ndarray with NumPy's values, dtype, shape and strides, over the same memory."""
    cons, _ = capi
    shape = tuple(shape)
    src = (np.arange(int(np.prod(shape)), dtype=np.int64) % 7).astype(dtype).reshape(shape)
    if src.ndim:
        steps = tuple(slice(None, None, data.draw(st.sampled_from([1, -1, 2]))) for _ in shape)
        src = src[steps]
    # NumPy's DLPack export refuses non-native byte order: OxArray_GetView then falls back
    # to the buffer protocol by itself.
    a = cons.from_view(ox.zeros(1), src)
    assert a.dtype == ox.dtype(src.dtype.str)
    assert a.shape == src.shape
    if src.size:
        # The stride of a dimension of extent 1 is never used; NumPy's buffer export
        # normalises it, its DLPack export does not.
        assert [s for s, n in zip(a.strides, a.shape) if n > 1] == [
            s for s, n in zip(src.strides, src.shape) if n > 1
        ]
    assert a.tolist() == src.tolist()


def test_consumer_works_on_subclass_instances(capi):
    # Instances of Python subclasses of oxarray.ndarray (constructor and view(type)) carry
    # the slot through their type's MRO: the one C function reads and writes them in place.
    cons, _ = capi

    class Deeper(OxSub):
        pass

    for obj in (OxSub((4,)), ox.arange(4.0).view(Deeper)):
        obj[...] = ox.arange(4.0)
        assert type(obj) in (OxSub, Deeper)
        assert cons.sum_f64(obj) == np.arange(4.0).sum()
        cons.scale_inplace(obj, 3.0)
        np.testing.assert_array_equal(np.asarray(obj), np.arange(4.0) * 3.0)
