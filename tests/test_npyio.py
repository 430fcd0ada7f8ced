""".npy / .npz files in both directions with NumPy, memory maps, and hostile files."""

import io
import os
import pickle
import zipfile

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import oxarray as ox
from conftest import ALL_DTYPES, assert_same
from interchange_helpers import SWAPPED, np_views, same_bits


def npy_bytes_numpy(n, **kw):
    f = io.BytesIO()
    np.lib.format.write_array(f, n, **kw)
    return f.getvalue()


def npy_bytes_ox(o):
    f = io.BytesIO()
    ox.save(f, o)
    return f.getvalue()


@given(np_views())
def test_numpy_to_oxarray(n):
    got = ox.load(io.BytesIO(npy_bytes_numpy(n)))
    expect = np.load(io.BytesIO(npy_bytes_numpy(n)))
    assert_same(got, expect)
    same_bits(got, expect)
    assert got.flags.f_contiguous == expect.flags.f_contiguous
    assert got.flags.c_contiguous == expect.flags.c_contiguous
    assert got.flags.writeable


@given(np_views())
def test_oxarray_to_numpy_byte_identical(n):
    o = ox.asarray(n)
    data = npy_bytes_ox(o)
    # The very bytes NumPy writes for the same array.
    assert data == npy_bytes_numpy(np.asarray(o))
    back = np.load(io.BytesIO(data))
    same_bits(back, n)


@pytest.mark.parametrize("version", [(1, 0), (2, 0), (3, 0)])
@pytest.mark.parametrize("dt", ["<f8", ">i4", "|b1", "<c8", ">f2"])
def test_versions(version, dt, tmp_path):
    n = np.arange(12).astype(dt).reshape(3, 4)
    data = npy_bytes_numpy(n, version=version)
    assert data[6:8] == bytes(version)
    same_bits(ox.load(io.BytesIO(data)), n)
    p = tmp_path / "v.npy"
    p.write_bytes(data)
    same_bits(ox.load(p, mmap_mode="r"), n)
    # and we write every version NumPy reads
    q = tmp_path / "w.npy"
    m = ox.open_memmap(q, mode="w+", dtype=dt, shape=(3, 4), version=version)
    m[...] = ox.asarray(n)
    m.flush()
    assert q.read_bytes()[6:8] == bytes(version)
    same_bits(np.load(q), n)


def test_fortran_order_both_ways(tmp_path):
    n = np.asfortranarray(np.arange(24, dtype="<i8").reshape(2, 3, 4))
    p = tmp_path / "f.npy"
    np.save(p, n)
    o = ox.load(p)
    assert o.flags.f_contiguous and not o.flags.c_contiguous
    same_bits(o, n)
    q = tmp_path / "g.npy"
    ox.save(q, ox.asfortranarray(ox.asarray(n)))
    assert q.read_bytes() == p.read_bytes()
    back = np.load(q)
    assert back.flags.f_contiguous
    same_bits(back, n)


def test_save_appends_extension_and_paths(tmp_path):
    ox.save(str(tmp_path / "a"), ox.arange(3))
    assert (tmp_path / "a.npy").exists()
    assert_same(ox.load(tmp_path / "a.npy"), np.arange(3))
    ox.savez(tmp_path / "z", ox.arange(2))
    assert (tmp_path / "z.npz").exists()


@pytest.mark.parametrize("compressed", [False, True])
def test_npz_both_ways(tmp_path, compressed):
    save_ox = ox.savez_compressed if compressed else ox.savez
    save_np = np.savez_compressed if compressed else np.savez
    arrays = {"x": np.arange(5.0), "y": np.asfortranarray(np.ones((2, 3), dtype=">i2")), "z": np.zeros(())}
    p, q = tmp_path / "o.npz", tmp_path / "n.npz"
    save_ox(p, ox.arange(3), **{k: ox.asarray(v) for k, v in arrays.items()})
    save_np(q, np.arange(3), **arrays)
    with zipfile.ZipFile(p) as zf:
        kind = {i.compress_type for i in zf.infolist()}
    assert kind == {zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED}
    for path in (p, q):
        with np.load(path) as nz, ox.load(path) as oz:
            assert sorted(oz.files) == sorted(nz.files) == ["arr_0", "x", "y", "z"]
            assert sorted(oz) == sorted(nz.keys())
            for k in nz.files:
                same_bits(oz[k], nz[k])
                assert k in oz
            with pytest.raises(KeyError):
                oz["nope"]


def test_savez_name_clash():
    with pytest.raises(ValueError):
        ox.savez(io.BytesIO(), ox.zeros(1), arr_0=ox.zeros(1))
    with pytest.raises(ValueError):
        np.savez(io.BytesIO(), np.zeros(1), arr_0=np.zeros(1))


# ---------------------------------------------------------------------------------------
# memory maps


def test_mmap_modes(tmp_path):
    p = tmp_path / "m.npy"
    n = np.arange(10.0)
    np.save(p, n)
    r = ox.load(p, mmap_mode="r")
    assert not r.flags.writeable
    with pytest.raises(ValueError):
        r[0] = 1.0
    same_bits(r, n)

    w = ox.load(p, mmap_mode="r+")
    w[3] = 42.0
    w.flush()
    assert np.load(p)[3] == 42.0  # written through, seen by NumPy after flush
    assert r[3] == 42.0  # the read-only map shares the page cache

    c = ox.load(p, mmap_mode="c")
    c[4] = -1.0
    c.flush()
    assert c[4] == -1.0
    assert np.load(p)[4] == 4.0  # copy-on-write never reaches the file


def test_mmap_is_zero_copy_with_numpy_memmap(tmp_path):
    p = tmp_path / "m.npy"
    np.save(p, np.zeros((4, 5), dtype="<i4"))
    o = ox.load(p, mmap_mode="r+")
    nm = np.load(p, mmap_mode="r+")
    nm[1, 2] = 7
    nm.flush()
    assert o[1, 2] == 7  # one file, two maps, same pages
    # and NumPy sees our map as memory too
    v = np.asarray(o)
    o[0, 0] = 3
    assert v[0, 0] == 3


def test_open_memmap_create(tmp_path):
    p = tmp_path / "new.npy"
    m = ox.open_memmap(p, mode="w+", dtype="float32", shape=(3, 4), fortran_order=True)
    assert m.flags.f_contiguous and m.shape == (3, 4) and m.dtype == ox.dtype("float32")
    m[...] = ox.arange(12, dtype="float32").reshape(3, 4)
    m.flush()
    back = np.load(p)
    assert back.flags.f_contiguous
    assert_same(ox.asarray(back), np.arange(12, dtype="float32").reshape(3, 4))
    # NumPy's open_memmap writes the same header for the same request
    q = tmp_path / "np.npy"
    nm = np.lib.format.open_memmap(q, mode="w+", dtype="float32", shape=(3, 4), fortran_order=True)
    nm[...] = np.arange(12, dtype="float32").reshape(3, 4)
    nm.flush()
    del nm
    assert p.read_bytes() == q.read_bytes()


def test_mmap_keeps_file_alive_after_views(tmp_path):
    p = tmp_path / "k.npy"
    np.save(p, np.arange(100, dtype="<i8"))
    v = ox.load(p, mmap_mode="r")[::10]
    import gc

    gc.collect()
    assert v.tolist() == list(range(0, 100, 10))


@pytest.mark.parametrize("shape", [(), (0,), (0, 3)])
def test_mmap_empty_and_0d(tmp_path, shape):
    p = tmp_path / "e.npy"
    np.save(p, np.ones(shape))
    for mode in ["r", "r+", "c"]:
        assert_same(ox.load(p, mmap_mode=mode), np.load(p, mmap_mode=mode).copy())


def test_mmap_errors(tmp_path):
    p = tmp_path / "x.npy"
    np.save(p, np.arange(3))
    with open(p, "rb") as f:
        with pytest.raises(ValueError):
            ox.load(f, mmap_mode="r")
    with pytest.raises(ValueError):
        ox.load(p, mmap_mode="rw")
    with pytest.raises(ValueError):
        ox.open_memmap(p, mode="w+", dtype="f8")  # no shape
    # truncated data under a good header
    data = p.read_bytes()
    t = tmp_path / "t.npy"
    t.write_bytes(data[:-4])
    for mode in [None, "r", "r+", "c"]:
        with pytest.raises(ValueError):
            ox.load(t, mmap_mode=mode)
        if mode != "r+":  # NumPy's memmap silently zero-extends the file in 'r+' mode;
            # oxarray refuses a file shorter than its header says (documented difference)
            with pytest.raises(ValueError):
                np.load(t, mmap_mode=mode)
    assert len(t.read_bytes()) == len(data) - 4


# ---------------------------------------------------------------------------------------
# hostile and broken files


class Boom:
    def __reduce__(self):
        return (os.system, ("touch /tmp/oxarray-npyio-pwned",))


def test_object_arrays_refused_never_unpickled(tmp_path):
    marker = "/tmp/oxarray-npyio-pwned"
    if os.path.exists(marker):
        os.remove(marker)
    p = tmp_path / "obj.npy"
    np.save(p, np.array([Boom(), 1], dtype=object), allow_pickle=True)
    for allow in (False, True):
        with pytest.raises(ValueError, match="[Oo]bject"):
            ox.load(p, allow_pickle=allow)
    with pytest.raises(ValueError):
        np.load(p)  # NumPy refuses too unless allow_pickle=True
    # a bare pickle file
    q = tmp_path / "pickle.npy"
    q.write_bytes(pickle.dumps(Boom()))
    for allow in (False, True):
        with pytest.raises(ValueError):
            ox.load(q, allow_pickle=allow)
    assert not os.path.exists(marker)


def test_structured_refused(tmp_path):
    p = tmp_path / "s.npy"
    np.save(p, np.zeros(2, dtype=[("a", "<i4"), ("b", "<f8")]))
    with pytest.raises(ValueError, match="structured"):
        ox.load(p)


@given(np_views(max_dims=2), st.data())
def test_truncated_files_raise_like_numpy(n, data):
    blob = npy_bytes_numpy(n)
    cut = data.draw(st.integers(0, len(blob) - 1))
    if n.nbytes == 0 and cut >= len(blob) - n.nbytes:
        return
    try:
        np.load(io.BytesIO(blob[:cut]))
    except Exception as e:  # noqa: BLE001 - the oracle's exception type
        np_exc = type(e)
    else:
        np_exc = None
    if np_exc is None:  # only possible if the cut removed nothing that matters
        ox.load(io.BytesIO(blob[:cut]))
        return
    with pytest.raises((ValueError, EOFError)) as info:
        ox.load(io.BytesIO(blob[:cut]))
    assert issubclass(info.type, np_exc) or (np_exc is not EOFError and info.type is ValueError)


@given(st.data())
def test_corrupt_headers_raise_value_error(data):
    blob = bytearray(npy_bytes_numpy(np.arange(6, dtype="<f4").reshape(2, 3)))
    hlen = 10 + int.from_bytes(blob[8:10], "little")
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, hlen - 1))
        blob[i] = data.draw(st.integers(0, 255))
    try:
        got = ox.load(io.BytesIO(bytes(blob)))
    except ValueError:
        return  # refused cleanly
    # a harmless corruption (e.g. padding): the same result as NumPy's
    same_bits(got, np.load(io.BytesIO(bytes(blob))))


@pytest.mark.parametrize(
    "header",
    [
        b"{'descr': '<f8', 'fortran_order': False, 'shape': (9999999999999999, 99999999999), }",
        b"{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'descr': '<i4'}",
        b"{'descr': '<Z3', 'fortran_order': False, 'shape': (3,), }",
        b"{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }",
        b"{'descr': '<f8', 'fortran_order': 'no', 'shape': (3,), }",
        b"__import__('os').system('true')",
        b"\xff\xfe",
    ],
)
def test_bad_headers(header):
    blob = b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header
    with pytest.raises(ValueError):
        ox.load(io.BytesIO(blob + b"\0" * 64))


def test_header_size_limit_like_numpy():
    n = np.zeros((1,) * 40)
    blob = npy_bytes_numpy(n)
    small = {"max_header_size": 100}
    with pytest.raises(ValueError):
        np.load(io.BytesIO(blob), **small)
    with pytest.raises(ValueError):
        ox.load(io.BytesIO(blob), **small)
    assert_same(ox.load(io.BytesIO(blob), max_header_size=100, allow_pickle=True), n)


def test_empty_file_like_numpy():
    with pytest.raises(EOFError):
        np.load(io.BytesIO(b""))
    with pytest.raises(EOFError):
        ox.load(io.BytesIO(b""))


@pytest.mark.parametrize("dt", ALL_DTYPES + SWAPPED)
def test_every_dtype_file_roundtrip(dt, tmp_path):
    n = np.arange(7).astype(dt)
    p = tmp_path / "d.npy"
    ox.save(p, ox.asarray(n))
    back = np.load(p)
    assert back.dtype.str == n.dtype.str
    same_bits(back, n)
    same_bits(ox.load(p), n)


def test_demo_runs(capsys):
    from oxarray._demo_interchange import demo

    demo()
    out = capsys.readouterr().out
    assert "same memory: True" in out
    assert "[0.0, 1.0, 2.0, 3.0, 4.0]" in out
