"""Text and binary I/O against NumPy: loadtxt, genfromtxt, savetxt, fromstring, fromfile,
ndarray.tofile."""

import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from conftest import assert_same, raises_like

FAST = settings(max_examples=20, deadline=None)

NUM_DTYPES = ["int8", "int32", "int64", "uint16", "uint64", "float16", "float32", "float64",
              "complex64", "complex128"]


@FAST
@given(st.integers(1, 5), st.integers(1, 4), st.sampled_from([",", None, ";", "\t"]),
       st.sampled_from(NUM_DTYPES), st.integers(0, 2), st.data())
def test_loadtxt_roundtrip(rows, cols, delim, dt, ndmin, data):
    vals = np.array(data.draw(st.lists(st.integers(-50, 50), min_size=rows * cols,
                                       max_size=rows * cols))).reshape(rows, cols)
    if np.dtype(dt).kind == "u":
        vals = np.abs(vals)
    sep = " " if delim is None else delim
    text = "# header\n" + "\n".join(sep.join(str(v) for v in r) + "  # tail" for r in vals) + "\n\n"
    kw = dict(dtype=dt, delimiter=delim, ndmin=ndmin)
    assert_same(ox.loadtxt(io.StringIO(text), **kw), np.loadtxt(io.StringIO(text), **kw))
    usecols = data.draw(st.sampled_from([None, 0, [0], [-1, 0]]))
    kw2 = dict(delimiter=delim, usecols=usecols, skiprows=1, max_rows=data.draw(st.integers(1, rows)))
    assert_same(ox.loadtxt(io.StringIO(text), **kw2), np.loadtxt(io.StringIO(text), **kw2))
    assert_same(ox.loadtxt(io.StringIO(text), delimiter=delim, unpack=True),
                np.loadtxt(io.StringIO(text), delimiter=delim, unpack=True))
    lines = text.splitlines()
    assert_same(ox.loadtxt(lines, delimiter=delim), np.loadtxt(lines, delimiter=delim))


def test_loadtxt_floats_and_specials(tmp_path):
    text = "1.5e3, -inf, nan\n+2.25, 1e-310, INF\r\n"
    assert_same(ox.loadtxt(io.StringIO(text), delimiter=","), np.loadtxt(io.StringIO(text), delimiter=","))
    p = tmp_path / "a.csv"
    p.write_text(text)
    assert_same(ox.loadtxt(p, delimiter=","), np.loadtxt(p, delimiter=","))
    assert_same(ox.loadtxt(str(p), delimiter=","), np.loadtxt(str(p), delimiter=","))
    ctext = "1+2j 3\n-1.5-0.5j (2j)\n"
    assert_same(ox.loadtxt(io.StringIO(ctext), dtype=complex),
                np.loadtxt(io.StringIO(ctext), dtype=complex))


def test_loadtxt_errors_name_the_line():
    bad = "1,2\n3,x\n"
    e = raises_like(lambda: np.loadtxt(io.StringIO(bad), delimiter=","),
                    lambda: ox.loadtxt(io.StringIO(bad), delimiter=","))
    assert "line 2" in str(e) and "'x'" in str(e)
    ragged = "1,2\n3\n"
    e = raises_like(lambda: np.loadtxt(io.StringIO(ragged), delimiter=","),
                    lambda: ox.loadtxt(io.StringIO(ragged), delimiter=","))
    assert "line 2" in str(e)
    raises_like(lambda: np.loadtxt(io.StringIO("1.5 2"), dtype=int),
                lambda: ox.loadtxt(io.StringIO("1.5 2"), dtype=int))
    raises_like(lambda: np.loadtxt(io.StringIO("1 2"), usecols=[5]),
                lambda: ox.loadtxt(io.StringIO("1 2"), usecols=[5]))


def test_loadtxt_empty_warns():
    with pytest.warns(UserWarning):
        exp = np.loadtxt(io.StringIO("# nothing\n"))
    with pytest.warns(UserWarning, match="no data"):
        got = ox.loadtxt(io.StringIO("# nothing\n"))
    assert_same(got, exp)


def test_genfromtxt_missing():
    text = "a b\n1,2,3\n4,,6\n7,N/A,9\n# c\n10,11,12\n"
    kw = dict(delimiter=",", skip_header=1, missing_values="N/A")
    assert_same(ox.genfromtxt(io.StringIO(text), **kw), np.genfromtxt(io.StringIO(text), **kw))
    kw2 = dict(delimiter=",", skip_header=1, missing_values="N/A", filling_values=-5, usecols=(0, 1))
    assert_same(ox.genfromtxt(io.StringIO(text), **kw2), np.genfromtxt(io.StringIO(text), **kw2))
    kw3 = dict(delimiter=",", skip_header=1, dtype=int)
    assert_same(ox.genfromtxt(io.StringIO(text), **kw3), np.genfromtxt(io.StringIO(text), **kw3))
    kw4 = dict(delimiter=",", skip_header=1, skip_footer=1)
    assert_same(ox.genfromtxt(io.StringIO(text), **kw4), np.genfromtxt(io.StringIO(text), **kw4))
    e = raises_like(lambda: np.genfromtxt(io.StringIO("1,2\n3\n"), delimiter=","),
                    lambda: ox.genfromtxt(io.StringIO("1,2\n3\n"), delimiter=","))
    assert "Line #2" in str(e)


@FAST
@given(st.integers(1, 4), st.integers(1, 3), st.sampled_from(["float64", "int32", "complex128"]),
       st.sampled_from(["%.18e", "%g", "%d"]))
def test_savetxt(rows, cols, dt, fmt):
    a = (np.arange(rows * cols).reshape(rows, cols) - 3).astype(dt)
    if dt == "complex128":
        a = a + 0.5j
        fmt = "%.3f"
    b1, b2 = io.StringIO(), io.StringIO()
    kw = dict(fmt=fmt, delimiter=",", header="h1\nh2", footer="f")
    np.savetxt(b1, a, **kw)
    ox.savetxt(b2, ox.asarray(a), **kw)
    assert b2.getvalue() == b1.getvalue()
    b3, b4 = io.StringIO(), io.StringIO()
    np.savetxt(b3, a[0])
    ox.savetxt(b4, ox.asarray(a[0]))
    assert b4.getvalue() == b3.getvalue()
    raises_like(lambda: np.savetxt(io.StringIO(), np.zeros((1, 1, 1))),
                lambda: ox.savetxt(io.StringIO(), ox.zeros((1, 1, 1))))
    bad = "%d " * (4 * cols + 1)
    raises_like(lambda: np.savetxt(io.StringIO(), a, fmt=bad),
                lambda: ox.savetxt(io.StringIO(), ox.asarray(a), fmt=bad))


def test_fromstring_fromfile_tofile(tmp_path):
    for s, sep, dt in (("1, 2, 3", ",", float), ("1 2\n 3", " ", float), ("4;5;6", ";", np.int16)):
        assert_same(ox.fromstring(s, dtype=dt, sep=sep), np.fromstring(s, dtype=dt, sep=sep))
    assert_same(ox.fromstring("1,2,3", dtype=int, count=2, sep=","),
                np.fromstring("1,2,3", dtype=int, count=2, sep=","))
    raises_like(lambda: np.fromstring(b"\x01\x02", dtype=np.uint8),
                lambda: ox.fromstring(b"\x01\x02", dtype=np.uint8, sep=""))
    a = np.arange(10, dtype=np.float32).reshape(2, 5)
    oa = ox.asarray(a)
    p1, p2 = tmp_path / "n.bin", tmp_path / "o.bin"
    a.tofile(p1)
    oa.tofile(p2)
    assert p1.read_bytes() == p2.read_bytes()
    assert_same(ox.fromfile(p2, dtype=np.float32), np.fromfile(p1, dtype=np.float32))
    assert_same(ox.fromfile(p2, dtype=np.float32, count=3, offset=8),
                np.fromfile(p1, dtype=np.float32, count=3, offset=8))
    t1, t2 = tmp_path / "n.txt", tmp_path / "o.txt"
    a.tofile(t1, sep=",", format="%.2f")
    oa.tofile(t2, sep=",", format="%.2f")
    assert t1.read_text() == t2.read_text()
    assert_same(ox.fromfile(t2, dtype=np.float32, sep=","), np.fromfile(t1, dtype=np.float32, sep=","))
    b = io.BytesIO()
    oa.T.tofile(b)
    assert b.getvalue() == a.T.tobytes()
    p3 = tmp_path / "d.pkl"
    oa.dump(p3)
    import pickle

    assert_same(pickle.loads(p3.read_bytes()), a)
