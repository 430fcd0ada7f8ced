"""Sorting, searching, ``unique`` and arg-reductions of the fixed-width string dtypes
``S<n>``/``U<n>`` (the compare route: dtypes ordered by ``DTypeOps::compare``) against
NumPy itself: values and index orders bit-identical, ties of the unstable quicksort
included."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import oxarray as ox

SETTINGS = settings(max_examples=30, deadline=None)

# Short texts from a small alphabet: many ties, common prefixes, empty strings.
ALPHA = "ab\u00e9z"
texts = st.text(alphabet=ALPHA, max_size=3)
# Bytes with embedded NULs (trailing ones are padding in NumPy: dropped by both).
byts = st.binary(max_size=3).map(lambda b: b.replace(b"\x01", b"\x00"))
DTYPES = ["U3", ">U3", "S3"]


def arr_for(values, spec):
    if spec.startswith("S"):
        values = [v.encode("utf-8")[:3] if isinstance(v, str) else v for v in values]
    n = np.array(values, dtype=spec)
    return n, ox.asarray(n)


def same(o, n):
    assert str(o.dtype) == str(n.dtype), (o.dtype, n.dtype)
    assert o.shape == n.shape
    assert np.asarray(o).tolist() == n.tolist()


@st.composite
def string_arrays(draw, max_dims=3):
    shape = tuple(draw(st.lists(st.integers(0, 5), min_size=1, max_size=max_dims)))
    size = int(np.prod(shape))
    spec = draw(st.sampled_from(DTYPES))
    vals = draw(st.lists(byts if spec == "S3" else texts, min_size=size, max_size=size))
    n = np.array(vals, dtype=spec).reshape(shape)
    return n, ox.asarray(n)


@SETTINGS
@given(string_arrays(), st.sampled_from(["quicksort", "heapsort", "stable", "mergesort"]),
       st.data())
def test_sort_and_argsort(na, kind, data):
    n, o = na
    axis = data.draw(st.integers(-n.ndim, n.ndim - 1))
    same(ox.sort(o, axis=axis, kind=kind), np.sort(n, axis=axis, kind=kind))
    same(ox.argsort(o, axis=axis, kind=kind), np.argsort(n, axis=axis, kind=kind))
    # the method, in place
    c = o.copy()
    c.sort(axis=axis, kind=kind)
    same(c, np.sort(n, axis=axis, kind=kind))


@pytest.mark.parametrize("spec", DTYPES)
@pytest.mark.parametrize("n_items", [17, 40, 300])
def test_argsort_quicksort_ties_large(spec, n_items):
    """Past insertion-sort size (16): the partitioning moves equal items as NumPy's."""
    rng = np.random.default_rng(n_items)
    vals = ["".join(rng.choice(list("ab"), rng.integers(0, 3))) for _ in range(n_items)]
    n, o = arr_for(vals, spec)
    for kind in ["quicksort", "stable"]:
        same(ox.argsort(o, kind=kind), np.argsort(n, kind=kind))
    same(ox.sort(o), np.sort(n))


def test_sort_axis_none_and_2d():
    n = np.array([["b", "a", "c"], ["a", "", "b"]])
    o = ox.asarray(n)
    same(ox.sort(o, axis=None), np.sort(n, axis=None))
    same(ox.argsort(o, axis=None), np.argsort(n, axis=None))
    same(ox.sort(o, axis=0), np.sort(n, axis=0))


def test_bytes_embedded_and_high_bytes():
    vals = [b"a\x00b", b"a", b"\xff", b"\x80a", b"", b"a\x00", b"\x00\x01"]
    n = np.array(vals, dtype="S3")
    o = ox.asarray(n)
    same(ox.sort(o), np.sort(n))
    same(ox.argsort(o), np.argsort(n))
    same(ox.argsort(o, kind="stable"), np.argsort(n, kind="stable"))
    same(ox.argmax(o), np.argmax(n))
    same(ox.argmin(o), np.argmin(n))


@SETTINGS
@given(string_arrays(max_dims=2), st.data())
def test_argmax_argmin(na, data):
    n, o = na
    if n.size == 0:
        with pytest.raises(ValueError):
            np.argmax(n)
        with pytest.raises(ValueError):
            ox.argmax(o)
        return
    same(ox.argmax(o), np.argmax(n))
    same(ox.argmin(o), np.argmin(n))
    axis = data.draw(st.integers(-n.ndim, n.ndim - 1))
    if n.shape[axis] > 0:
        same(ox.argmax(o, axis=axis), np.argmax(n, axis=axis))
        same(ox.argmin(o, axis=axis, keepdims=True), np.argmin(n, axis=axis, keepdims=True))


@SETTINGS
@given(string_arrays(max_dims=2), st.booleans(), st.booleans(), st.booleans())
def test_unique(na, ri, rv, rc):
    n, o = na
    r_n = np.unique(n, return_index=ri, return_inverse=rv, return_counts=rc)
    r_o = ox.unique(o, return_index=ri, return_inverse=rv, return_counts=rc)
    if not (ri or rv or rc):
        r_n, r_o = (r_n,), (r_o,)
    assert len(r_n) == len(r_o)
    for x, y in zip(r_o, r_n):
        same(x, y)


def test_unique_array_api_forms():
    n = np.array(["b", "a", "b", "c", "a"])
    o = ox.asarray(n)
    # NumPy's unique_values is unordered (a hash set): compare as sorted.
    assert sorted(ox.unique_values(o).tolist()) == sorted(np.unique_values(n).tolist())
    c_o, c_n = ox.unique_counts(o), np.unique_counts(n)
    assert dict(zip(c_o.values.tolist(), c_o.counts.tolist())) == dict(
        zip(c_n.values.tolist(), c_n.counts.tolist()))
    i_o, i_n = ox.unique_inverse(o), np.unique_inverse(n)
    assert i_o.values[i_o.inverse_indices].tolist() == i_n.values[i_n.inverse_indices].tolist()


@SETTINGS
@given(st.lists(texts, min_size=1, max_size=12), st.lists(texts, max_size=6),
       st.sampled_from(["left", "right"]), st.sampled_from(["U3", ">U3"]))
def test_searchsorted(a, v, side, spec):
    n = np.sort(np.array(a, dtype=spec))
    nv = np.array(v, dtype="U3")
    o, ov = ox.asarray(n), ox.asarray(nv)
    same(ox.searchsorted(o, ov, side=side), np.searchsorted(n, nv, side=side))
    # through sorter= on the unsorted array
    u = np.array(a, dtype=spec)
    s = np.argsort(u, kind="stable")
    same(ox.searchsorted(ox.asarray(u), ov, side=side, sorter=ox.asarray(s)),
         np.searchsorted(u, nv, side=side, sorter=s))
    # a scalar key
    assert int(ox.searchsorted(o, "b", side=side)) == int(np.searchsorted(n, "b", side=side))


def test_searchsorted_unsorted_haystack_follows_numpy_bisection():
    n = np.array(["c", "a", "d", "b", "a", "e"])
    v = np.array(["b", "a", "e", "c", "", "zz"])
    same(ox.searchsorted(ox.asarray(n), ox.asarray(v)), np.searchsorted(n, v))


@SETTINGS
@given(st.lists(texts, min_size=1, max_size=25), st.lists(st.integers(0, 2), min_size=25,
                                                          max_size=25))
def test_lexsort_mixed_keys(a, ints):
    k0 = np.array(a, dtype="U3")
    k1 = np.array(ints[: len(a)], dtype=np.int64)
    k2 = np.array([x[:1] for x in a], dtype="S1" if all(c < "\x80" for x in a for c in x[:1])
                  else "U1")
    for keys in [(k0,), (k0, k1), (k1, k0), (k0, k2, k1)]:
        same(ox.lexsort(tuple(ox.asarray(k) for k in keys)), np.lexsort(keys))


@SETTINGS
@given(string_arrays(max_dims=2), st.data())
def test_partition_and_argpartition(na, data):
    n, o = na
    axis = data.draw(st.integers(-n.ndim, n.ndim - 1))
    length = n.shape[axis]
    if length == 0:
        return
    kth = data.draw(st.integers(-length, length - 1))
    # NumPy has no partition functions for strings: a full quicksort (so equal outputs).
    same(ox.partition(o, kth, axis=axis), np.partition(n, kth, axis=axis))
    same(ox.argpartition(o, kth, axis=axis), np.argpartition(n, kth, axis=axis))
    if n.size:
        with pytest.raises(ValueError):
            np.partition(n, length, axis=axis)
        with pytest.raises(ValueError):
            ox.partition(o, length, axis=axis)


def test_max_min_have_no_string_loop_as_numpy():
    n = np.array(["b", "a"])
    o = ox.asarray(n)
    for f in ("max", "min"):
        with pytest.raises(TypeError):
            getattr(n, f)()
        with pytest.raises(TypeError):
            getattr(o, f)()


def test_zero_size_items_keep_their_order():
    n = np.array(["", ""] * 20, dtype="U0") if np.dtype("U0").itemsize == 0 else None
    if n is None:
        pytest.skip("NumPy has no U0 arrays")
    o = ox.asarray(n)
    same(ox.argsort(o), np.argsort(n))


def test_sorted_set_functions():
    a = np.array(["b", "a", "c", "a"])
    b = np.array(["c", "d", "a"])
    oa, ob = ox.asarray(a), ox.asarray(b)
    same(ox.intersect1d(oa, ob), np.intersect1d(a, b))
    same(ox.union1d(oa, ob), np.union1d(a, b))
    same(ox.setdiff1d(oa, ob), np.setdiff1d(a, b))
    same(ox.setxor1d(oa, ob), np.setxor1d(a, b))
    same(ox.isin(oa, ob), np.isin(a, b))


def _quicksort_adversary(n):
    """McIlroy's adversary against NumPy's `npy_aquicksort` (median of three, insertion
    sort below 16): values that drive the introsort past its depth budget, so NumPy
    finishes parts with `npy_aheapsort`. Runs NumPy's partitioning comparisons in Python
    with a comparator that fixes values lazily."""
    gas = n
    val = [gas] * n
    state = {"solid": 0, "cand": 0}

    def freeze(x):
        val[x] = state["solid"]
        state["solid"] += 1

    def lt(x, y):
        if val[x] == gas and val[y] == gas:
            freeze(x if x == state["cand"] else y)
        if val[x] == gas:
            state["cand"] = x
        elif val[y] == gas:
            state["cand"] = y
        return val[x] < val[y]

    t = list(range(n))
    stack = []
    pl, pr, depth = 0, n - 1, 2 * (n.bit_length() - 1)
    while True:
        if depth >= 0:
            while pr - pl > 15:
                pm = pl + ((pr - pl) >> 1)
                if lt(t[pm], t[pl]):
                    t[pm], t[pl] = t[pl], t[pm]
                if lt(t[pr], t[pm]):
                    t[pr], t[pm] = t[pm], t[pr]
                if lt(t[pm], t[pl]):
                    t[pm], t[pl] = t[pl], t[pm]
                vp, pi, pj = t[pm], pl, pr - 1
                t[pm], t[pj] = t[pj], t[pm]
                while True:
                    pi += 1
                    while lt(t[pi], vp) and pi < pj:
                        pi += 1
                    pj -= 1
                    while lt(vp, t[pj]) and pi < pj:
                        pj -= 1
                    if pi >= pj:
                        break
                    t[pi], t[pj] = t[pj], t[pi]
                t[pi], t[pr - 1] = t[pr - 1], t[pi]
                depth -= 1
                if pi - pl < pr - pi:
                    stack.append((pi + 1, pr, depth))
                    pr = pi - 1
                else:
                    stack.append((pl, pi - 1, depth))
                    pl = pi + 1
        if not stack:
            break
        pl, pr, depth = stack.pop()
    for i in range(n):
        if val[i] == gas:
            freeze(i)
    return val


@pytest.mark.parametrize("n", [100, 700])
@pytest.mark.parametrize("div", [1, 3])
def test_quicksort_depth_fallback_to_heapsort(n, div):
    v = _quicksort_adversary(n)
    a = np.array([f"{x // div:05d}" for x in v], dtype="U5")
    o = ox.asarray(a)
    for kind in ["quicksort", "stable"]:
        same(ox.argsort(o, kind=kind), np.argsort(a, kind=kind))
    same(ox.sort(o), np.sort(a))


@SETTINGS
@given(st.integers(0, 6), st.integers(1, 3), st.data(), st.sampled_from(["U2", "S2"]))
def test_unique_axis(rows, cols, data, spec):
    alpha = ["", "a", "b", "ab"]
    vals = data.draw(st.lists(st.sampled_from(alpha), min_size=rows * cols,
                              max_size=rows * cols))
    n = np.array(vals, dtype=spec).reshape(rows, cols)
    o = ox.asarray(n)
    for axis in (0, 1):
        r_n = np.unique(n, axis=axis, return_index=True, return_inverse=True,
                        return_counts=True)
        r_o = ox.unique(o, axis=axis, return_index=True, return_inverse=True,
                        return_counts=True)
        for x, y in zip(r_o, r_n):
            same(x, y)
