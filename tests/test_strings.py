"""``oxarray.strings`` against ``numpy.strings`` (values, dtypes, shapes, exception
types) on ``U`` and ``S`` arrays, with Hypothesis over text incl. non-ASCII, empty strings
and trailing NULs."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import oxarray as ox

SETTINGS = settings(max_examples=30, deadline=None)
# Any code point but NUL and surrogates (a trailing NUL is added separately).
chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
ascii_chars = st.characters(min_codepoint=1, max_codepoint=127)
words = st.text(chars, max_size=6)
small_alphabet = st.text(st.sampled_from("ab \tAB1é"), max_size=6)


def same(o, n):
    if isinstance(n, tuple):
        assert isinstance(o, tuple) and len(o) == len(n)
        for x, y in zip(o, n):
            same(x, y)
        return
    o_arr, n_arr = np.asarray(o), np.asarray(n)
    assert o_arr.dtype == n_arr.dtype, (o_arr.dtype, n_arr.dtype)
    assert o_arr.shape == n_arr.shape
    assert o_arr.tolist() == n_arr.tolist()


@st.composite
def string_arrays(draw, alphabet=words, kind="U"):
    xs = draw(st.lists(alphabet, min_size=1, max_size=5))
    if draw(st.booleans()):
        xs = [x + "\x00" for x in xs]  # a trailing NUL: dropped by both
    if kind == "S":
        xs = [x.encode("ascii", "ignore") for x in xs]
    return np.array(xs)


both_kinds = st.sampled_from(["U", "S"])


@SETTINGS
@given(st.data())
def test_str_len_add_multiply(data):
    kind = data.draw(both_kinds)
    alpha = small_alphabet if kind == "S" else words
    a = data.draw(string_arrays(alpha, kind))
    b = data.draw(string_arrays(alpha, kind))
    oa, ob = ox.asarray(a), ox.asarray(b)
    same(ox.strings.str_len(oa), np.strings.str_len(a))
    if len(a) == len(b) or len(b) == 1:
        same(ox.strings.add(oa, ob), np.strings.add(a, b))
    i = data.draw(st.integers(-1, 3))
    same(ox.strings.multiply(oa, i), np.strings.multiply(a, i))
    same(ox.strings.multiply(oa, [i] * len(a)), np.strings.multiply(a, [i] * len(a)))


def test_add_mixed_classes_raises_as_numpy():
    a, b = np.array([b"a"]), np.array(["b"])
    with pytest.raises(Exception) as e:
        np.strings.add(a, b)
    with pytest.raises(TypeError):
        ox.strings.add(ox.asarray(a), ox.asarray(b))
    assert issubclass(e.type, TypeError)


@SETTINGS
@given(st.data())
def test_search_family(data):
    kind = data.draw(both_kinds)
    a = data.draw(string_arrays(small_alphabet, kind))
    sub = data.draw(st.sampled_from(["", "a", "ab", "b ", "é1", "zz"]))
    if kind == "S":
        sub = sub.encode("ascii", "ignore")
    start = data.draw(st.integers(-8, 8))
    end = data.draw(st.one_of(st.none(), st.integers(-8, 8)))
    oa = ox.asarray(a)
    for name in ("find", "rfind", "count", "startswith", "endswith"):
        same(getattr(ox.strings, name)(oa, sub, start, end),
             getattr(np.strings, name)(a, sub, start, end))


def test_index_raises_value_error():
    a = np.array(["abc", "xbz"])
    same(ox.strings.index(ox.asarray(a), "b"), np.strings.index(a, "b"))
    same(ox.strings.rindex(ox.asarray(a), "b"), np.strings.rindex(a, "b"))
    with pytest.raises(ValueError):
        np.strings.index(a, "q")
    with pytest.raises(ValueError):
        ox.strings.index(ox.asarray(a), "q")


@SETTINGS
@given(string_arrays(st.text(st.sampled_from("aB1 \t\n._-Zz9"), max_size=6)), both_kinds)
def test_predicates_ascii(a, kind):
    if kind == "S":
        a = a.astype("S")
    oa = ox.asarray(a)
    for name in ("isalpha", "isdigit", "isspace", "isalnum", "islower", "isupper", "istitle"):
        same(getattr(ox.strings, name)(oa), getattr(np.strings, name)(a))
    if kind == "U":
        for name in ("isnumeric", "isdecimal"):
            same(getattr(ox.strings, name)(oa), getattr(np.strings, name)(a))


def test_isnumeric_on_bytes_raises_as_numpy():
    a = np.array([b"12"])
    with pytest.raises(TypeError):
        np.strings.isnumeric(a)
    with pytest.raises(TypeError):
        ox.strings.isnumeric(ox.asarray(a))


@SETTINGS
@given(string_arrays(st.text(st.sampled_from("aBc dÉé ßx'1ǅ"), max_size=6)), both_kinds)
def test_case_functions(a, kind):
    if kind == "S":
        a = np.array([x.encode("ascii", "ignore") for x in a.tolist()])
    oa = ox.asarray(a)
    for name in ("lower", "upper", "swapcase", "capitalize", "title"):
        same(getattr(ox.strings, name)(oa), getattr(np.strings, name)(a))


@SETTINGS
@given(string_arrays(st.text(st.sampled_from("ab \t\nx"), max_size=7)),
       st.one_of(st.none(), st.sampled_from(["a", "ab", " x", ""])))
def test_strip_family(a, chars):
    oa = ox.asarray(a)
    for name in ("strip", "lstrip", "rstrip"):
        same(getattr(ox.strings, name)(oa, chars), getattr(np.strings, name)(a, chars))
    ab = a.astype("S")
    cb = None if chars is None else chars.encode()
    for name in ("strip", "lstrip", "rstrip"):
        same(getattr(ox.strings, name)(ox.asarray(ab), cb), getattr(np.strings, name)(ab, cb))


@SETTINGS
@given(string_arrays(st.text(st.sampled_from("abé"), max_size=6)),
       st.sampled_from(["a", "ab", "", "é"]), st.sampled_from(["", "x", "yyy"]),
       st.integers(-1, 3))
def test_replace(a, old, new, count):
    same(ox.strings.replace(ox.asarray(a), old, new, count),
         np.strings.replace(a, old, new, count))


@SETTINGS
@given(string_arrays(st.text(st.sampled_from("ab-+1é"), max_size=5)), st.integers(-2, 9),
       st.sampled_from([" ", "*", "é"]))
def test_padding(a, width, fill):
    oa = ox.asarray(a)
    for name in ("center", "ljust", "rjust"):
        same(getattr(ox.strings, name)(oa, width, fill), getattr(np.strings, name)(a, width, fill))
    same(ox.strings.zfill(oa, width), np.strings.zfill(a, width))


def test_padding_errors_as_numpy():
    a = np.array(["ab"])
    for bad in [(1.5, " "), (4, "xy")]:
        with pytest.raises(TypeError):
            np.strings.center(a, *bad)
        with pytest.raises(TypeError):
            ox.strings.center(ox.asarray(a), *bad)


@SETTINGS
@given(string_arrays(st.text(st.sampled_from("ab,é"), max_size=6)), st.sampled_from([",", "ab", "é,"]))
def test_partition(a, sep):
    oa = ox.asarray(a)
    same(ox.strings.partition(oa, sep), np.strings.partition(a, sep))
    same(ox.strings.rpartition(oa, sep), np.strings.rpartition(a, sep))


@SETTINGS
@given(string_arrays(st.text(st.sampled_from("a\tb\n\r"), max_size=7)), st.integers(0, 9))
def test_expandtabs(a, tabsize):
    same(ox.strings.expandtabs(ox.asarray(a), tabsize), np.strings.expandtabs(a, tabsize))
    same(ox.strings.expandtabs(ox.asarray(a)), np.strings.expandtabs(a))


@SETTINGS
@given(string_arrays(words), st.one_of(st.none(), st.integers(-7, 7)),
       st.one_of(st.none(), st.integers(-7, 7)),
       st.one_of(st.none(), st.integers(-3, 3).filter(lambda s: s != 0)))
def test_slice(a, start, stop, step):
    oa = ox.asarray(a)
    same(ox.strings.slice(oa, start, stop, step), np.strings.slice(a, start, stop, step))
    same(ox.strings.slice(oa, start), np.strings.slice(a, start))


@SETTINGS
@given(string_arrays(words), string_arrays(words))
def test_comparison_functions(a, b):
    if len(a) != len(b):
        b = b[:1]
    oa, ob = ox.asarray(a), ox.asarray(b)
    for name in ("equal", "not_equal", "less", "less_equal", "greater", "greater_equal"):
        same(getattr(ox.strings, name)(oa, ob), getattr(np.strings, name)(a, b))


def test_broadcasting_and_scalars():
    a = np.array([["ab", "c"], ["abc", ""]])
    oa = ox.asarray(a)
    same(ox.strings.find(oa, ["b", "c"]), np.strings.find(a, ["b", "c"]))
    same(ox.strings.add(oa, "x"), np.strings.add(a, "x"))
    assert ox.strings.str_len("abc") == np.strings.str_len("abc")
    same(ox.strings.upper(ox.asarray(np.array("aé"))), np.strings.upper(np.array("aé")))


def _unaligned(a):
    """A copy of ``a`` whose items start one byte past an aligned address."""
    buf = np.zeros(a.nbytes + 1, np.uint8)
    u = np.ndarray(a.shape, a.dtype, buffer=buf, offset=1)
    u[...] = a
    return u


@SETTINGS
@given(st.data())
def test_search_layouts(data):
    """The search family on every item layout: C-contiguous (read in place), strided,
    reversed, 2-d, byte-swapped and unaligned ``U`` (copied out), against NumPy."""
    kind = data.draw(both_kinds)
    a = data.draw(string_arrays(small_alphabet, kind))
    a = np.concatenate([a, a[::-1], a])
    layout = data.draw(st.sampled_from(["c", "strided", "reversed", "2d", "swapped",
                                        "unaligned"]))
    if layout == "strided":
        a = a[::2]
    elif layout == "reversed":
        a = a[::-1]
    elif layout == "2d":
        a = a.reshape(3, -1).T
    elif layout == "swapped" and kind == "U":
        a = a.astype(a.dtype.newbyteorder())
    elif layout == "unaligned":
        a = _unaligned(a)
    sub = data.draw(st.sampled_from(["", "a", "ab", "b ", "é1", "aaaaaaa"]))
    if kind == "S":
        sub = sub.encode("ascii", "ignore")
    start = data.draw(st.integers(-3, 3))
    end = data.draw(st.one_of(st.none(), st.integers(-3, 8)))
    oa = ox.asarray(a)
    for name in ("find", "rfind", "count", "startswith", "endswith"):
        same(getattr(ox.strings, name)(oa, sub, start, end),
             getattr(np.strings, name)(a, sub, start, end))
    # A needle array (one per item) takes the general walk.
    subs = np.array([sub] * a.shape[-1])
    same(ox.strings.find(oa, subs), np.strings.find(a, subs))
