"""The fixed-width string dtypes ``S<n>`` and ``U<n>`` against NumPy itself: dtype
spelling and attributes, discovery from Python strings, item get/set (truncation),
casts to and from numbers (values and casting levels), comparisons, printing, ``.npy``
round trips, NumPy interop."""

import io
import pickle

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import oxarray as ox

# Text NumPy stores faithfully: no NULs inside (a trailing NUL is dropped by both), any
# other code point including non-ASCII ones.
text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               max_size=6)
ascii_bytes = st.binary(max_size=6).map(lambda b: b.replace(b"\x00", b"").decode("latin-1")
                                        .encode("ascii", "ignore"))
SETTINGS = settings(max_examples=40, deadline=None)


def same(o, n):
    """oxarray result `o` equals NumPy's `n` in dtype, shape and values."""
    assert str(o.dtype) == str(n.dtype), (o.dtype, n.dtype)
    assert o.shape == n.shape
    if n.dtype.kind in "fc":
        assert np.array_equal(np.asarray(o), n, equal_nan=True)
    else:
        assert o.tolist() == n.tolist()


@pytest.mark.parametrize("spec", ["U10", "<U10", ">U3", "S5", "|S5", "U", "S", "U0", "a5"])
def test_dtype_spellings(spec):
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        n = np.dtype(spec)
    o = ox.dtype(spec)
    assert o.str == n.str
    assert o.name == n.name
    assert o.itemsize == n.itemsize
    assert o.kind == n.kind and o.char == n.char
    assert str(o) == str(n) and repr(o) == repr(n)
    assert o == ox.dtype(n.str)


def test_dtype_of_python_types():
    assert ox.dtype(str).str == np.dtype(str).str
    assert ox.dtype(bytes).str == np.dtype(bytes).str
    assert ox.dtype(ox.str_).str == "<U0"
    assert ox.dtype("U5") != ox.dtype("U10")
    assert ox.dtype("<U5") != ox.dtype(">U5")
    assert ox.dtype(np.dtype(">U4")).str == ">U4"


@SETTINGS
@given(st.lists(text, min_size=1, max_size=5))
def test_discovery_unicode(xs):
    same(ox.array(xs), np.array(xs))


@SETTINGS
@given(st.lists(ascii_bytes, min_size=1, max_size=5))
def test_discovery_bytes(xs):
    same(ox.array(xs), np.array(xs))


@pytest.mark.parametrize("data", [
    "ab", b"ab", ["a", "bc"], [["a", "bcd"], ["", "x"]], [b"a", "bc"], ["a", 1],
    [1.5, "ab"], [b"x", 7], ["abc", True], ("x", "yy"),
])
def test_discovery_cases(data):
    same(ox.array(data), np.array(data))


@pytest.mark.parametrize("data,dtype", [
    ([1, 2], str), ([1.5], "S"), (["abc", "d"], "U2"), (["abc"], "S2"), ([1, 22], "U"),
    ([True], "U"), (["x"], ">U3"),
])
def test_creation_with_dtype(data, dtype):
    same(ox.array(data, dtype=dtype), np.array(data, dtype=dtype))


def test_bytes_top_level_is_an_S_scalar_array():
    o, n = ox.array(b"ab"), np.array(b"ab")
    same(o, n)
    assert o.ndim == 0


@SETTINGS
@given(text, st.integers(1, 5))
def test_setitem_truncates(s, size):
    o, n = ox.zeros(2, f"U{size}"), np.zeros(2, f"U{size}")
    o[0] = s
    n[0] = s
    same(o, n)


@pytest.mark.parametrize("value", [1.5, 12345, True, None, b"xy", "abcdef"])
def test_setitem_objects(value):
    for dt in ("U3", "S3"):
        o, n = ox.zeros(1, dt), np.zeros(1, dt)
        o[0] = value
        n[0] = value
        same(o, n)


def test_setitem_non_ascii_into_bytes():
    n = np.zeros(1, "S3")
    o = ox.zeros(1, "S3")
    with pytest.raises(UnicodeEncodeError):
        n[0] = "é"
    with pytest.raises(UnicodeEncodeError):
        o[0] = "é"


def test_items_are_str_and_bytes_subclasses():
    o = ox.array(["ab", "c"])
    assert isinstance(o[0], str) and o[0] == np.array(["ab", "c"])[0]
    assert isinstance(o[1], ox.str_)
    assert o[0].dtype == ox.dtype("U2")
    b = ox.array([b"xy"])
    assert isinstance(b[0], bytes) and isinstance(b[0], ox.bytes_) and b[0] == b"xy"
    assert o.dtype.type is ox.str_ and b.dtype.type is ox.bytes_


@pytest.mark.parametrize("src", ["?", "b", "B", "h", "H", "i", "I", "l", "L", "e", "f", "d",
                                 "F", "D"])
def test_numbers_to_strings(src):
    vals = [0, 1, -1, 7, 100, -128, 127, 255, 2.5, 0.1, 1e20, 1e-5, 65504, -0.0,
            float("nan"), float("inf"), 1 + 2j, -1j]
    import warnings
    n = []
    for v in vals:
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                x = np.array([v]).astype(src)
        except (TypeError, OverflowError):
            continue
        n.append(x[0])
    arr = np.array(n, dtype=src)
    for to in ("U", "S", "U3", "S40"):
        same(ox.asarray(arr).astype(to), arr.astype(to))


@pytest.mark.parametrize("dst", ["?", "b", "i", "l", "L", "e", "f", "d", "D"])
def test_strings_to_numbers(dst):
    data = {"?": ["", "a", "0", "False"], "b": ["1", " -5 ", "1_0", "+7"],
            "i": ["1", " -5 ", "1_0", "+7"], "l": ["12", "-3"], "L": ["12", "3"],
            "e": ["1.5", "inf", " -2 "], "f": ["1.5", "nan", "1e3"],
            "d": ["1.5", "-inf", "1_0.5", " .5"], "D": ["1+2j", "3", "-2j", "(1-1j)"]}[dst]
    for kind in ("U", "S"):
        n = np.array(data, dtype=kind)
        same(ox.asarray(n).astype(dst), n.astype(dst))


@pytest.mark.parametrize("data,dst", [(["abc"], "i8"), (["1.5"], "i8"), (["300"], "i1"),
                                      (["x"], "f8"), ([b"abc"], "f8"), (["é"], "S"),
                                      ([b"\xff"], "U")])
def test_bad_string_casts_raise_as_numpy(data, dst):
    n = np.array(data)
    with pytest.raises(Exception) as en:
        n.astype(dst)
    # (NumPy's UnicodeEncodeError/UnicodeDecodeError are ValueErrors; an array cast in
    # oxarray raises the ValueError itself: docs/dtypes.md, Strings.)
    expected = ValueError if issubclass(en.type, UnicodeError) else en.type
    with pytest.raises(expected):
        ox.asarray(n).astype(dst)


@pytest.mark.parametrize("a,b", [("U5", "U10"), ("U10", "U5"), ("<U5", ">U5"), ("S5", "U5"),
                                 ("S5", "U4"), ("U5", "S5"), ("S5", "S4"), ("i8", "U21"),
                                 ("i8", "U20"), ("U5", "i8"), ("?", "U5"), ("f8", "U32"),
                                 ("f4", "S31"), ("u1", "S3"), ("U3", "U3")])
@pytest.mark.parametrize("casting", ["no", "equiv", "safe", "same_kind", "unsafe"])
def test_can_cast_levels(a, b, casting):
    assert ox.can_cast(ox.dtype(a), ox.dtype(b), casting) == np.can_cast(a, b, casting)


@pytest.mark.parametrize("a,b", [("U5", "U10"), ("S5", "S10"), ("U5", "S10"), ("S7", "U2")])
def test_promotion(a, b):
    assert ox.result_type(ox.dtype(a), ox.dtype(b)).str == np.result_type(a, b).str
    assert ox.promote_types(ox.dtype(b), ox.dtype(a)).str == np.promote_types(b, a).str


@SETTINGS
@given(st.lists(text, min_size=1, max_size=4), st.lists(text, min_size=1, max_size=4))
def test_comparisons(xs, ys):
    n = min(len(xs), len(ys))
    xs, ys = xs[:n], ys[:n]
    for sa, sb in [("U", "U"), ("U8", ">U3")]:
        a, b = np.array(xs, dtype=sa), np.array(ys, dtype=sb)
        oa, ob = ox.asarray(a), ox.asarray(b)
        for op in ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"):
            same(getattr(oa, op)(ob), getattr(a, op)(b))


def test_compare_with_python_string_and_broadcast():
    a = np.array([["ab", "abc"], ["", "b"]])
    o = ox.asarray(a)
    same(o == "ab", a == "ab")
    same(o < "abb", a < "abb")
    same(o == ox.array(["ab", "b"]), a == np.array(["ab", "b"]))
    # Trailing NULs do not count.
    same(ox.array(["ab"]) == ox.array(["ab\x00"]), np.array(["ab"]) == np.array(["ab\x00"]))
    same(ox.array([b"a", b"c"]) > b"b", np.array([b"a", b"c"]) > b"b")


@pytest.mark.parametrize("data", [["a", "bc"], [["x", "yy"], ["", "zzz"]], [b"a", b"bc"],
                                  ["é", "\U0001F600"]])
def test_repr_str(data):
    o, n = ox.array(data), np.array(data)
    assert repr(o) == repr(n)
    assert str(o) == str(n)
    assert repr(ox.array(data, dtype=">U3")) == repr(np.array(data, dtype=">U3")) \
        if isinstance(data[0], str) else True


@SETTINGS
@given(st.lists(text, min_size=0, max_size=5), st.sampled_from(["<", ">"]))
def test_npy_round_trip_unicode(xs, order):
    n = np.array(xs, dtype=f"{order}U6")
    buf = io.BytesIO()
    ox.save(buf, ox.asarray(n))
    buf.seek(0)
    back = np.load(buf)
    assert back.dtype == n.dtype and back.tolist() == n.tolist()
    buf = io.BytesIO()
    np.save(buf, n)
    buf.seek(0)
    same(ox.load(buf), n)


def test_npy_round_trip_bytes():
    n = np.array([[b"ab", b""], [b"xyz", b"q"]])
    buf = io.BytesIO()
    ox.save(buf, ox.asarray(n))
    assert buf.getvalue() == (lambda b: (np.save(b, n), b.getvalue())[1])(io.BytesIO())
    buf.seek(0)
    same(ox.load(buf), n)


def test_numpy_interop():
    n = np.array(["ab", "c\u00e9"], dtype=">U3")
    o = ox.asarray(n)
    same(o, n)
    back = np.asarray(ox.array(["xy", "z"]))
    assert back.dtype == np.dtype("<U2") and back.tolist() == ["xy", "z"]
    assert ox.array(["ab"]).__array_interface__["typestr"] == np.array(["ab"]).__array_interface__["typestr"]
    for a in (np.array(["ab", "c"]), np.array([b"ab", b"c"])):
        assert memoryview(ox.asarray(a)).format == memoryview(a).format
        assert memoryview(ox.asarray(a)).itemsize == a.itemsize


def test_layout_operations_move_whole_items():
    n = np.array([["ab", "c"], ["déf", ""]])
    o = ox.asarray(n)
    same(o.T.copy(), n.T.copy())
    same(o[[1, 0]], n[[1, 0]])
    same(o[o == "c"], n[n == "c"])
    same(ox.concatenate([o, ox.array([["xyzw", "q"]])]),
         np.concatenate([n, np.array([["xyzw", "q"]])]))
    same(ox.where(ox.array([True, False]), ox.array(["a", "b"]), ox.array(["cc", "d"])),
         np.where(np.array([True, False]), np.array(["a", "b"]), np.array(["cc", "d"])))
    same(pickle.loads(pickle.dumps(o)), n)
    same(ox.full(2, "xy"), np.full(2, "xy"))
    same(ox.zeros(2, "U3"), np.zeros(2, "U3"))
    f = ox.zeros(3, "U2")
    f.fill("xyz")
    g = np.zeros(3, "U2")
    g.fill("xyz")
    same(f, g)


def test_astype_between_sizes_and_classes():
    n = np.array(["abc", "", "xy"])
    o = ox.asarray(n)
    for to in ("U1", "U5", ">U2", "S2", "S", "U"):
        same(o.astype(to), n.astype(to))
    nb = np.array([b"abc", b"d"])
    for to in ("U", "U2", "S1"):
        same(ox.asarray(nb).astype(to), nb.astype(to))


@pytest.mark.parametrize("left,right", [(np.array([1, 2]), np.array(["1", "2"])),
                                        (np.array(["1"]), np.array([1.0])),
                                        (np.array([1, 2]), "1")])
def test_numbers_meet_strings_in_equality(left, right):
    lo = ox.asarray(left)
    ro = right if isinstance(right, str) else ox.asarray(right)
    same(lo == ro, left == right)
    same(lo != ro, left != right)


# --- The ufunc objects on string operands (NumPy 2's string loops) -------------------

UFUNC_CMP = ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal"]


@SETTINGS
@given(st.lists(text, min_size=1, max_size=4), st.lists(text, min_size=1, max_size=4),
       st.sampled_from(UFUNC_CMP))
def test_comparison_ufuncs(xs, ys, name):
    k = min(len(xs), len(ys))
    na, nb = np.array(xs[:k]), np.array(ys[:k])
    oa, ob = ox.asarray(na), ox.asarray(nb)
    same(getattr(ox, name)(oa, ob), getattr(np, name)(na, nb))
    # broadcasting against a Python str and a 0-d array
    same(getattr(ox, name)(oa, "b"), getattr(np, name)(na, "b"))
    same(getattr(ox, name)(oa, ox.asarray(nb[:1].reshape(()))),
         getattr(np, name)(na, nb[:1].reshape(())))


@SETTINGS
@given(st.lists(ascii_bytes, min_size=1, max_size=4), st.sampled_from(UFUNC_CMP))
def test_comparison_ufuncs_bytes(xs, name):
    n = np.array(xs, dtype="S6")
    o = ox.asarray(n)
    same(getattr(ox, name)(o, o[::-1]), getattr(np, name)(n, n[::-1]))


@SETTINGS
@given(st.lists(text, min_size=1, max_size=4), st.lists(text, min_size=1, max_size=4))
def test_add_ufunc(xs, ys):
    k = min(len(xs), len(ys))
    na, nb = np.array(xs[:k]), np.array(ys[:k], dtype=">U6")
    same(ox.add(ox.asarray(na), ox.asarray(nb)), np.add(na, nb))
    nbb = np.array([x.encode("ascii", "ignore") for x in xs[:k]])
    same(ox.add(ox.asarray(nbb), ox.asarray(nbb)), np.add(nbb, nbb))


def test_add_ufunc_out_and_scalars():
    na = np.array(["a", "bc"])
    n_out = np.empty(2, "U4")
    o_out = ox.empty(2, "U4")
    r = ox.add(ox.asarray(na), ox.asarray(na), out=o_out)
    np.add(na, na, out=n_out)
    assert r is o_out
    same(o_out, n_out)
    # 0-d string scalars give a scalar, as NumPy
    rn = np.add(np.str_("ab"), np.str_("c"))
    ro = ox.add(ox.str_("ab"), ox.str_("c"))
    assert ro == rn and isinstance(ro, str)


def test_string_ufunc_without_loop_raises_as_numpy():
    n = np.array(["a"])
    o = ox.asarray(n)
    for name in ["maximum", "minimum", "subtract"]:
        with pytest.raises(TypeError):
            getattr(np, name)(n, n)
        with pytest.raises(TypeError):
            getattr(ox, name)(o, o)
    # S with U: no loop in NumPy 2 for add
    nb = np.array([b"a"])
    with pytest.raises(TypeError):
        np.add(n, nb)
    with pytest.raises(TypeError):
        ox.add(o, ox.asarray(nb))


def test_multiply_ufunc_needs_out_as_numpy():
    n = np.array(["ab", "c"])
    o = ox.asarray(n)
    with pytest.raises(TypeError):
        np.multiply(n, 2)
    with pytest.raises(TypeError):
        ox.multiply(o, 2)
    n_out, o_out = np.empty(2, "U6"), ox.empty(2, "U6")
    np.multiply(n, np.array([3, 2]), out=n_out)
    ox.multiply(o, ox.array([3, 2]), out=o_out)
    same(o_out, n_out)


@pytest.mark.parametrize("name", ["logical_and", "logical_or", "logical_xor"])
def test_logical_ufuncs_on_strings(name):
    na, nb = np.array(["", "a", "", "bc"]), np.array(["", "", "x", "yy"])
    same(getattr(ox, name)(ox.asarray(na), ox.asarray(nb)), getattr(np, name)(na, nb))


@SETTINGS
@given(st.lists(text, min_size=0, max_size=5))
def test_tolist_and_item_give_plain_str(xs):
    n = np.array(xs, dtype="U6")
    o = ox.asarray(n)
    lo = o.tolist()
    assert lo == n.tolist()
    assert all(type(x) is str for x in lo)
    if xs:
        assert type(o.item(0)) is str and o.item(0) == n.item(0)
        assert o[:1].reshape(()).tolist() == n[:1].reshape(()).tolist()
        assert type(o[:1].reshape(()).tolist()) is str


def test_tolist_and_item_give_plain_bytes():
    n = np.array([[b"a\x00b", b""], [b"xyz", b"q"]], dtype="S3")
    o = ox.asarray(n)
    assert o.tolist() == n.tolist()
    assert all(type(x) is bytes for row in o.tolist() for x in row)
    assert type(o.item(1, 0)) is bytes and o.item(1, 0) == n.item(1, 0)
    assert o.item(3) == n.item(3)
    assert o[1:, :1].item() == n[1:, :1].item()
    with pytest.raises(ValueError):
        o.item()


def test_non_ascii_casts_raise_unicode_errors_as_numpy():
    n = np.array(["aé", "b"])
    o = ox.asarray(n)
    with pytest.raises(UnicodeEncodeError) as en:
        n.astype("S")
    with pytest.raises(UnicodeEncodeError) as eo:
        o.astype("S")
    assert eo.value.args[0] == en.value.args[0] and eo.value.args[2:] == en.value.args[2:]
    assert str(eo.value.args[1]) == str(en.value.args[1])
    nb = np.array([b"\xffa"])
    with pytest.raises(UnicodeDecodeError) as dn:
        nb.astype("U")
    with pytest.raises(UnicodeDecodeError) as do:
        ox.asarray(nb).astype("U")
    assert do.value.args == dn.value.args


def test_comparison_ufunc_where_out():
    na, nb = np.array(["a", "b", "c"]), np.array(["b", "b", "a"])
    mask = np.array([True, False, True])
    n_out = np.zeros(3, bool)
    o_out = ox.zeros(3, bool)
    np.less(na, nb, out=n_out, where=mask)
    ox.less(ox.asarray(na), ox.asarray(nb), out=o_out, where=ox.asarray(mask))
    same(o_out, n_out)
    s_out_n, s_out_o = np.full(3, "zz", "U3"), ox.full(3, "zz", "U3")
    np.add(na, nb, out=s_out_n, where=mask)
    ox.add(ox.asarray(na), ox.asarray(nb), out=s_out_o, where=ox.asarray(mask))
    same(s_out_o, s_out_n)


def test_mixed_string_classes_and_unary_logical_have_no_loop_as_numpy():
    u, b = np.array(["a"]), np.array([b"a"])
    for f in (np.equal, np.add, np.less):
        with pytest.raises(TypeError):
            f(u, b)
        with pytest.raises(TypeError):
            getattr(ox, f.__name__)(ox.asarray(u), ox.asarray(b))
    with pytest.raises(TypeError):
        np.logical_not(u)
    with pytest.raises(TypeError):
        ox.logical_not(ox.asarray(u))


def test_add_outer_on_strings():
    n = np.array(["", "a", "bc"])
    o = ox.asarray(n)
    same(ox.add.outer(o, o), np.add.outer(n, n))
