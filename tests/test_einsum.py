"""einsum and einsum_path against NumPy: values, dtypes, shapes, paths, reports, errors."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox

from conftest import raises_like, to_numpy

RNG = np.random.default_rng(11)


def _data(shape, dtype="float64"):
    dt = np.dtype(dtype)
    if dt.kind == "c":
        return (RNG.integers(-3, 4, shape) + 1j * RNG.integers(-3, 4, shape)).astype(dt)
    if dt.kind == "b":
        return RNG.integers(0, 2, shape).astype(dt)
    return RNG.integers(-3, 4, shape).astype(dt)


def check(got, want):
    if isinstance(want, np.ndarray):
        assert isinstance(got, ox.ndarray), type(got)
        g = np.asarray(got)
    else:
        assert isinstance(got, ox.generic), type(got)
        g = to_numpy(got)
    assert g.shape == np.shape(want), (g.shape, np.shape(want))
    assert g.dtype == want.dtype, (g.dtype, want.dtype)
    if want.dtype.kind in "fc":
        np.testing.assert_allclose(g, want, rtol=1e-6, atol=1e-6)
    else:
        np.testing.assert_array_equal(g, want)


CASES = [
    ("ij,jk->ik", [(3, 4), (4, 5)]),
    ("ij,jk", [(3, 4), (4, 5)]),
    ("ij,kj->ik", [(3, 4), (5, 4)]),
    ("i,i", [(5,), (5,)]),
    ("i,i->i", [(5,), (5,)]),
    ("i,j->ij", [(3,), (4,)]),
    ("ii", [(4, 4)]),
    ("ii->i", [(4, 4)]),
    ("iij->ij", [(3, 3, 2)]),
    ("ij->ji", [(3, 4)]),
    ("ij->", [(3, 4)]),
    ("ij->j", [(3, 4)]),
    ("ijk->kji", [(2, 3, 4)]),
    ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]),
    ("...ij,...jk->...ik", [(2, 3, 4), (4, 5)]),
    ("...ij,...jk", [(2, 1, 3, 4), (3, 4, 2)]),
    ("i...->...", [(3, 2, 4)]),
    ("...,...", [(2, 3), (3,)]),
    ("ij...,j...->i...", [(2, 3, 4), (3, 4)]),
    ("ij,jk,kl->il", [(3, 4), (4, 5), (5, 2)]),
    ("ea,fb,abcd,gc,hd->efgh", [(2, 3), (2, 3), (3, 3, 3, 3), (2, 3), (2, 3)]),
    ("ab,ab,ab->", [(3, 4), (3, 4), (3, 4)]),
    ("abc,bcd,cde->ae", [(2, 3, 4), (3, 4, 2), (4, 2, 3)]),
    ("i,i,i->i", [(4,), (4,), (4,)]),
    ("ijk,jil->kl", [(3, 4, 5), (4, 3, 2)]),
    ("ij,ij->ij", [(1, 3), (4, 3)]),
    ("i,i", [(1,), (4,)]),
    ("", [()]),
    (",ij->ij", [(), (2, 3)]),
]


@pytest.mark.parametrize("optimize", [False, True, "greedy", "optimal"])
@pytest.mark.parametrize("subs,shapes", CASES)
def test_cases(subs, shapes, optimize):
    ops = [_data(s) for s in shapes]
    check(ox.einsum(subs, *ops, optimize=optimize), np.einsum(subs, *ops, optimize=optimize))


@pytest.mark.parametrize("dtype", ["bool", "int8", "int32", "uint16", "float16", "float32",
                                   "complex64", "complex128"])
def test_dtypes(dtype):
    a, b = _data((3, 4), dtype), _data((4, 5), dtype)
    check(ox.einsum("ij,jk->ik", a, b), np.einsum("ij,jk->ik", a, b))
    check(ox.einsum("ij->i", a), np.einsum("ij->i", a))
    check(ox.einsum("ij,ij->", a, a), np.einsum("ij,ij->", a, a))


def test_mixed_dtypes_and_dtype_kw():
    a, b = _data((3, 4), "int32"), _data((4, 5), "float32")
    check(ox.einsum("ij,jk", a, b), np.einsum("ij,jk", a, b))
    check(ox.einsum("ij,jk", a, a.T.copy(), dtype="float64"),
          np.einsum("ij,jk", a, a.T.copy(), dtype="float64"))
    raises_like(lambda: np.einsum("ij,jk", b, b.T, dtype="int32"),
                lambda: ox.einsum("ij,jk", b, b.T.copy(), dtype="int32"))
    check(ox.einsum("ij,jk", b, b.T.copy(), dtype="int32", casting="unsafe"),
          np.einsum("ij,jk", b, b.T, dtype="int32", casting="unsafe"))


def test_out():
    a, b = _data((3, 4)), _data((4, 5))
    out = ox.zeros((3, 5))
    assert ox.einsum("ij,jk->ik", a, b, out=out) is out
    check(out, np.einsum("ij,jk->ik", a, b))
    out32 = ox.zeros((3, 5), dtype="float32")
    raises_like(lambda: np.einsum("ij,jk->ik", a, b, out=np.zeros((3, 5), np.float32)),
                lambda: ox.einsum("ij,jk->ik", a, b, out=out32))
    ox.einsum("ij,jk->ik", a, b, out=out32, casting="same_kind")
    check(out32, np.einsum("ij,jk->ik", a, b, out=np.zeros((3, 5), np.float32),
                           casting="same_kind"))


def test_sublist_format():
    a, b = _data((3, 4)), _data((4, 5))
    check(ox.einsum(a, [0, 1], b, [1, 2], [0, 2]), np.einsum(a, [0, 1], b, [1, 2], [0, 2]))
    check(ox.einsum(a, [0, 1], b, [1, 2]), np.einsum(a, [0, 1], b, [1, 2]))
    c = _data((2, 3, 4))
    check(ox.einsum(c, [Ellipsis, 1], [Ellipsis]), np.einsum(c, [Ellipsis, 1], [Ellipsis]))


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_einsum_hypothesis(data):
    letters = "abcde"
    sizes = {c: data.draw(st.integers(1, 3)) for c in letters}
    nops = data.draw(st.integers(1, 3))
    subs = []
    for _ in range(nops):
        subs.append("".join(data.draw(st.lists(st.sampled_from(letters), min_size=0,
                                               max_size=3))))
    used = sorted(set("".join(subs)))
    explicit = data.draw(st.booleans())
    expr = ",".join(subs)
    if explicit:
        outs = data.draw(st.lists(st.sampled_from(used), unique=True)) if used else []
        expr += "->" + "".join(outs)
    dtype = data.draw(st.sampled_from(["int64", "float64", "complex128"]))
    ops = [_data(tuple(sizes[c] for c in s), dtype) for s in subs]
    optimize = data.draw(st.sampled_from([False, True, "optimal"]))
    check(ox.einsum(expr, *ops, optimize=optimize), np.einsum(expr, *ops, optimize=optimize))


@pytest.mark.parametrize("optimize", ["greedy", "optimal", True, False,
                                      ("greedy", 10), ["einsum_path", (0, 2), (0, 1)]])
def test_einsum_path(optimize):
    a, b, c = _data((5, 30)), _data((30, 4)), _data((4, 60))
    want = np.einsum_path("ij,jk,kl->il", a, b, c, optimize=optimize)
    got = ox.einsum_path("ij,jk,kl->il", a, b, c, optimize=optimize)
    assert got[0] == want[0]
    assert got[1] == want[1]
    check(ox.einsum("ij,jk,kl->il", a, b, c, optimize=optimize),
          np.einsum("ij,jk,kl->il", a, b, c, optimize=optimize))


def test_einsum_path_larger():
    shapes = [(2, 3), (2, 3), (3, 3, 3, 3), (2, 3), (2, 3)]
    ops = [_data(s) for s in shapes]
    for opt in ("greedy", "optimal"):
        want = np.einsum_path("ea,fb,abcd,gc,hd->efgh", *ops, optimize=opt)
        got = ox.einsum_path("ea,fb,abcd,gc,hd->efgh", *ops, optimize=opt)
        assert got == want


def test_errors():
    a, b = _data((3, 4)), _data((5, 6))
    for call in [
        lambda m: m.einsum("ij,jk->ik", a, b),
        lambda m: m.einsum("ij,jk->ik", a),
        lambda m: m.einsum("ij->ik", a),
        lambda m: m.einsum("ijk", a),
        lambda m: m.einsum("ij->ii", a),
        lambda m: m.einsum("i$", a),
        lambda m: m.einsum("ij->->i", a),
        lambda m: m.einsum("ii", a),
        lambda m: m.einsum(),
        lambda m: m.einsum("..i.", a),
        lambda m: m.einsum_path("ij,jk->ik", a, b),
        lambda m: m.einsum("ij,jk,kl->il", a, a.T, a, optimize="fancy"),
    ]:
        raises_like(lambda: call(np), lambda: call(ox))
    e = raises_like(lambda: np.einsum("ij,jk->ik", a, b, optimize=True),
                    lambda: ox.einsum("ij,jk->ik", a, b, optimize=True))
    assert "4" in str(e) and "5" in str(e)


def test_large_uses_matmul():
    a, b = RNG.standard_normal((200, 300)), RNG.standard_normal((300, 100))
    np.testing.assert_allclose(np.asarray(ox.einsum("ij,jk->ik", a, b)), a @ b, rtol=1e-12,
                               atol=1e-12)
    c = RNG.standard_normal((100, 50))
    np.testing.assert_allclose(np.asarray(ox.einsum("ij,jk,kl->il", a, b, c, optimize=True)),
                               a @ b @ c, rtol=1e-10, atol=1e-10)


def test_path_cache_keys_on_shapes():
    for shapes in [((3, 4), (4, 5), (5, 2)), ((2, 6), (6, 1), (1, 7)), ((3, 4), (4, 5), (5, 2))]:
        ops = [_data(s) for s in shapes]
        for opt in (True, "optimal", False):
            check(ox.einsum("ij,jk,kl->il", *ops, optimize=opt),
                  np.einsum("ij,jk,kl->il", *ops, optimize=opt))
    a = _data((2, 3, 4))
    check(ox.einsum("...i->...", a), np.einsum("...i->...", a))
    check(ox.einsum("...i->...", a[0]), np.einsum("...i->...", a[0]))


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_path_search_matches_numpy(data):
    """The Rust greedy/optimal searches give NumPy's paths (ties included) and reports."""
    letters = "abcdefg"
    sizes = {c: data.draw(st.integers(1, 6)) for c in letters}
    nops = data.draw(st.integers(3, 5))
    subs = ["".join(data.draw(st.lists(st.sampled_from(letters), max_size=4, unique=True)))
            for _ in range(nops)]
    used = sorted(set("".join(subs)))
    out = "".join(data.draw(st.lists(st.sampled_from(used), max_size=3, unique=True))) if used else ""
    expr = ",".join(subs) + "->" + out
    ops = [np.ones(tuple(sizes[c] for c in s)) for s in subs]
    opt = data.draw(st.sampled_from(["greedy", "optimal", ("greedy", 20), ("optimal", 30)]))
    assert ox.einsum_path(expr, *ops, optimize=opt) == np.einsum_path(expr, *ops, optimize=opt)
