"""The string sorts compiled for the string dtypes' own order (``S<n>``, native ``U<n>``
and ``StringDType`` hand the compare route an inlined comparison through
``DTypeOps::compare_kernels``; ``sort`` moves the items themselves, a port of NumPy's
``string_quicksort_`` with its heap-sort fallback and insertion sort for small parts)
against NumPy itself: values and argsort orders (quicksort ties included) for many ties,
all-equal, sorted and reversed inputs, NULs, non-ASCII text, lanes below and above the
insertion-sort cutoff, 2-d axes on strided and reversed views, an adversarial input that
spends the quicksort depth budget, and StringDType's missing values."""

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import oxarray as ox
from oxarray.dtypes import StringDType
from test_string_sort import _quicksort_adversary

NS = np.dtypes.StringDType
SETTINGS = settings(max_examples=40, deadline=None)
KINDS = ["quicksort", "stable", "heapsort", "mergesort"]
# `>U` is the fn-pointer route (no inlined order): the same results are expected.
SPECS = ["U5", "S5", ">U5"]

# Texts with ties, shared prefixes, an empty string, embedded and trailing NULs (NumPy
# drops trailing NULs of S/U items on reading: the order still sees them as padding),
# non-ASCII (bytes >= 0x80 in S: unsigned order) and astral code points.
WORDS = ["", "a", "b", "ab", "aa", "a\x00b", "a\x00", "\x00a", "é", "éa", "z", "日本",
         "\U0001f600", "abcde", "abcdf", "ÿ"]
PATTERNS = ["random", "ties", "all_equal", "sorted", "reversed"]


def encode(v, spec):
    if spec.startswith("S"):
        return v.encode("utf-8")[:5]
    return v


def same(o, n):
    o_np = np.asarray(o)
    assert o_np.dtype == n.dtype, (o_np.dtype, n.dtype)
    assert o_np.shape == n.shape
    assert o_np.tolist() == n.tolist()


@st.composite
def lanes(draw):
    """(NumPy array, pattern): a 1-d string array of 0..40 items, or 17..400 (past the
    insertion-sort cutoff of 16, through the quicksort partitions)."""
    spec = draw(st.sampled_from(SPECS))
    size = draw(st.one_of(st.integers(0, 40), st.integers(17, 400)))
    pattern = draw(st.sampled_from(PATTERNS))
    pool = WORDS if pattern != "ties" else ["", "a", "b"]
    vals = draw(st.lists(st.sampled_from(pool), min_size=size, max_size=size))
    if pattern == "all_equal" and vals:
        vals = [vals[0]] * size
    n = np.array([encode(v, spec) for v in vals], dtype=spec)
    if pattern == "sorted":
        n = np.sort(n)
    elif pattern == "reversed":
        n = np.sort(n)[::-1].copy()
    return n, pattern


@SETTINGS
@given(lanes(), st.sampled_from(KINDS))
def test_sort_argsort_1d(lane, kind):
    n, _ = lane
    o = ox.asarray(n)
    same(ox.sort(o, kind=kind), np.sort(n, kind=kind))
    same(ox.argsort(o, kind=kind), np.argsort(n, kind=kind))
    c = o.copy()
    c.sort(kind=kind)
    same(c, np.sort(n, kind=kind))


VIEWS = {
    "whole": lambda x: x,
    "rows_strided": lambda x: x[::2],
    "cols_reversed": lambda x: x[:, ::-1],
    "transposed": lambda x: x.T,
    "both": lambda x: x[::-1, ::2],
}


@SETTINGS
@given(st.sampled_from(SPECS), st.integers(1, 30), st.integers(1, 30),
       st.sampled_from(sorted(VIEWS)), st.sampled_from([0, -1, None]),
       st.sampled_from(KINDS), st.data())
def test_sort_argsort_2d_views(spec, rows, cols, view, axis, kind, data):
    vals = data.draw(st.lists(st.sampled_from(WORDS), min_size=rows * cols,
                              max_size=rows * cols))
    base = np.array([encode(v, spec) for v in vals], dtype=spec).reshape(rows, cols)
    n = VIEWS[view](base)
    o = VIEWS[view](ox.asarray(base))
    same(ox.sort(o, axis=axis, kind=kind), np.sort(n, axis=axis, kind=kind))
    same(ox.argsort(o, axis=axis, kind=kind), np.argsort(n, axis=axis, kind=kind))


@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize("n_items", [16, 17, 1000])
def test_all_equal_sorted_reversed_long(spec, n_items):
    """Long runs of one value and monotone inputs: the partitions' equal-item moves."""
    rng = np.random.default_rng(n_items)
    vals = [encode("".join(rng.choice(list("ab\x00é"), rng.integers(0, 4))), spec)
            for _ in range(n_items)]
    for n in (np.array(vals, dtype=spec), np.array([vals[0]] * n_items, dtype=spec)):
        for arr in (n, np.sort(n), np.sort(n)[::-1]):
            o = ox.asarray(arr)
            for kind in ("quicksort", "stable"):
                same(ox.sort(o, kind=kind), np.sort(arr, kind=kind))
                same(ox.argsort(o, kind=kind), np.argsort(arr, kind=kind))


@pytest.mark.parametrize("spec", ["U5", "S5", ">U5"])
@pytest.mark.parametrize("n", [200, 1500])
def test_adversary_spends_depth_budget(spec, n):
    """McIlroy's adversary against NumPy's introsort: parts finish in the heap sort, of
    the items (value sort) and of the indices (argsort); also as one lane of a strided
    2-d view."""
    v = _quicksort_adversary(n)
    a = np.array([encode(f"{x:05d}", spec) for x in v], dtype=spec)
    o = ox.asarray(a)
    for kind in ("quicksort", "heapsort"):
        same(ox.sort(o, kind=kind), np.sort(a, kind=kind))
        same(ox.argsort(o, kind=kind), np.argsort(a, kind=kind))
    base = np.stack([a, a[::-1]], axis=1)
    ob = ox.asarray(base)
    for axis in (0, None):
        same(ox.sort(ob[:, ::-1], axis=axis), np.sort(base[:, ::-1], axis=axis))
        same(ox.argsort(ob[:, ::-1], axis=axis), np.argsort(base[:, ::-1], axis=axis))


# StringDType: inline (<= 15 bytes) and heap strings, non-ASCII, ties.
TWORDS = ["", "a", "b", "ab", "é", "日本語", "x" * 15, "x" * 16, "a longer string than 15",
          "a longer string than 16", "\U0001f600", "a\x00b"]


def na_key(x):
    return x if isinstance(x, str) else "<na>"


@SETTINGS
@given(st.sampled_from(["absent", "nan", "pd.NA", "str"]),
       st.one_of(st.integers(0, 40), st.integers(17, 300)),
       st.sampled_from(PATTERNS), st.sampled_from(["quicksort", "stable", "mergesort"]),
       st.data())
def test_stringdtype_sort_argsort(na_kind, size, pattern, kind, data):
    """Missing values sort last when NaN-like, as their text when a string; values and
    argsort orders as NumPy's StringDType. (NumPy 2.4 raises "unsupported sort kind" for
    StringDType with `kind='heapsort'`; oxarray sorts as its default kind.)"""
    import pandas as pd
    na = {"absent": None, "nan": math.nan, "pd.NA": pd.NA, "str": "b"}[na_kind]
    pool = TWORDS if pattern != "ties" else ["", "a", "x" * 16]
    if na_kind != "absent":
        pool = pool + [na]
    vals = data.draw(st.lists(st.sampled_from(pool), min_size=size, max_size=size))
    if pattern == "all_equal" and vals:
        vals = [vals[0]] * size
    kw = {} if na_kind == "absent" else {"na_object": na}
    n = np.array(vals, dtype=NS(**kw))
    if pattern == "sorted":
        n = np.sort(n)
    elif pattern == "reversed":
        n = np.sort(n)[::-1].copy()
    o = ox.array(n.tolist(), dtype=StringDType(**kw))
    got, want = ox.sort(o, kind=kind).tolist(), np.sort(n, kind=kind).tolist()
    assert [na_key(x) for x in got] == [na_key(x) for x in want]
    assert ox.argsort(o, kind=kind).tolist() == np.argsort(n, kind=kind).tolist()


@pytest.mark.parametrize("axis", [0, -1, None])
def test_stringdtype_2d_views(axis):
    rng = np.random.default_rng(7)
    kw = {"na_object": math.nan}
    vals = [math.nan if rng.random() < 0.15 else str(rng.choice(TWORDS)) for _ in range(300)]
    n = np.array(vals, dtype=NS(**kw)).reshape(30, 10)
    o = ox.array(n.tolist(), dtype=StringDType(**kw))
    flat = (lambda x: [na_key(y) for y in x]) if axis is None else \
        (lambda x: [[na_key(y) for y in r] for r in x])
    for view in VIEWS.values():
        got = ox.sort(view(o), axis=axis).tolist()
        want = np.sort(view(n), axis=axis).tolist()
        assert flat(got) == flat(want)
        # NumPy 2.4's argsort(axis=None) of a non-contiguous StringDType view returns
        # indices that do not sort the flattened view; `axis=None` means the flattened
        # array (NumPy's documentation), which is the reference here.
        ref = view(n).flatten() if axis is None else view(n)
        assert ox.argsort(view(o), axis=axis).tolist() == np.argsort(ref, axis=axis).tolist()


@pytest.mark.parametrize("n", [100, 700])
def test_stringdtype_adversary(n):
    """The depth-budget adversary on StringDType (inline and heap strings). NumPy 2.4's
    own StringDType quicksort crashes on it (a segmentation fault in `np.sort` and
    `np.argsort`), so the reference is NumPy's sort of the same texts as `U`: the same
    order (UTF-8 bytes order as code points), and the values are distinct."""
    v = _quicksort_adversary(n)
    words = [f"{x:05d}" + ("-heap-string-tail" if x % 3 == 0 else "") for x in v]
    u = np.array(words)
    o = ox.array(words, dtype=StringDType())
    for kind in ("quicksort", "heapsort"):
        assert ox.sort(o, kind=kind).tolist() == np.sort(u, kind=kind).tolist()
        assert ox.argsort(o, kind=kind).tolist() == np.argsort(u, kind=kind).tolist()
    # Missing values (NaN-like) after the texts; as one lane of a reversed 2-d view.
    kw = {"na_object": math.nan}
    on = ox.array(words + [math.nan, math.nan], dtype=StringDType(**kw))
    got = ox.sort(on).tolist()
    assert got[:-2] == np.sort(u).tolist() and all(isinstance(x, float) for x in got[-2:])
    o2 = ox.array([words, words[::-1]], dtype=StringDType())
    assert ox.sort(o2[::-1], axis=-1).tolist() == np.sort(np.array([words[::-1], words]),
                                                           axis=-1).tolist()


def test_stringdtype_none_na_refuses_to_order():
    n = np.array(["b", None, "a"], dtype=NS(na_object=None))
    o = ox.array(["b", None, "a"], dtype=StringDType(na_object=None))
    with pytest.raises(ValueError) as want:
        np.sort(n)
    with pytest.raises(ValueError) as got:
        ox.sort(o)
    assert str(got.value) == str(want.value)


@SETTINGS
@given(st.sampled_from(SPECS), st.lists(st.sampled_from(WORDS), max_size=60),
       st.lists(st.sampled_from(WORDS), max_size=30), st.sampled_from(["left", "right"]))
def test_searchsorted_isin_unique(spec, hay, needles, side):
    """The searches compiled for the string order, strided haystack and needles."""
    h = np.sort(np.array([encode(v, spec) for v in hay], dtype=spec))
    k = np.array([encode(v, spec) for v in needles], dtype=spec)
    oh, ok = ox.asarray(h), ox.asarray(k)
    same(ox.searchsorted(oh, ok, side=side), np.searchsorted(h, k, side=side))
    same(ox.searchsorted(oh[::2], ok[::-1], side=side),
         np.searchsorted(h[::2], k[::-1], side=side))
    same(ox.isin(ok, oh), np.isin(k, h))
    same(ox.isin(ok, oh, invert=True), np.isin(k, h, invert=True))
    same(ox.unique(oh), np.unique(h))
