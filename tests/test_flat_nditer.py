"""ndarray.flat (get/set with ints, slices, arrays and masks; iteration), ndindex and
ndenumerate against NumPy."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import oxarray as ox
from conftest import ALL_DTYPES, assert_same, raises_like

FAST = settings(max_examples=25, deadline=None)


@st.composite
def arrays(draw):
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=1, max_size=3)))
    dt = draw(st.sampled_from(ALL_DTYPES))
    a = (np.arange(int(np.prod(shape))) % 5).reshape(shape).astype(dt)
    if a.ndim > 1 and draw(st.booleans()):
        a = a.T
    if draw(st.booleans()):
        a = np.flip(a, 0)
    return a


@FAST
@given(arrays(), st.data())
def test_flat_get(a, data):
    oa = ox.asarray(a)
    n = a.size
    i = data.draw(st.integers(-n, n - 1))
    assert_same(oa.flat[i], a.flat[i])
    s = slice(data.draw(st.one_of(st.none(), st.integers(-n, n))),
              data.draw(st.one_of(st.none(), st.integers(-n, n))),
              data.draw(st.sampled_from([None, 1, 2, -1, -3])))
    assert_same(oa.flat[s], a.flat[s])
    idx = np.array(data.draw(st.lists(st.integers(-n, n - 1), max_size=5)), dtype=np.intp)
    assert_same(oa.flat[ox.asarray(idx)], a.flat[idx])
    mask = (np.arange(n) % 2 == 0)
    assert_same(oa.flat[ox.asarray(mask)], a.flat[mask])
    assert_same(oa.flat[...], a.flat[...])
    assert len(oa.flat) == len(a.flat)
    assert [x.item() for x in oa.flat] == [x.item() for x in a.flat]
    assert_same(oa.flat.copy(), a.flat.copy())


@FAST
@given(arrays(), st.data())
def test_flat_set(a, data):
    a = a.copy() if data.draw(st.booleans()) else a.T.copy().T
    oa = ox.asarray(np.array(a, order="K"))
    oa = ox.asarray(a.copy(order="K"))
    n = a.size
    i = data.draw(st.integers(-n, n - 1))
    a.flat[i] = 3
    oa.flat[i] = 3
    assert_same(oa, a)
    s = slice(None, None, data.draw(st.sampled_from([1, 2, -1])))
    a.flat[s] = [1, 2]
    oa.flat[s] = [1, 2]
    assert_same(oa, a)
    idx = np.array(data.draw(st.lists(st.integers(-n, n - 1), max_size=4)), dtype=np.intp)
    a.flat[idx] = 4
    oa.flat[ox.asarray(idx)] = 4
    assert_same(oa, a)
    mask = (np.arange(n) % 3 == 0)
    a.flat[mask] = 0
    oa.flat[ox.asarray(mask)] = 0
    assert_same(oa, a)
    a.flat = 2
    oa.flat = 2
    assert_same(oa, a)


def test_flat_noncontiguous_view_writes_through():
    base = np.arange(12).reshape(3, 4)
    obase = ox.asarray(base.copy())
    v, ov = base[:, ::2], obase[:, ::2]
    v.flat[[0, 3, 5]] = -1
    ov.flat[[0, 3, 5]] = -1
    assert_same(obase, base)
    it, oit = base.flat, obase.flat
    next(it)
    next(oit)
    assert oit.index == it.index and oit.coords == it.coords
    assert oit.base is obase


def test_flat_errors():
    a, oa = np.arange(6), ox.arange(6)
    e = raises_like(lambda: a.flat[6], lambda: oa.flat[6])
    assert "6" in str(e)
    raises_like(lambda: a.flat[1, 2], lambda: oa.flat[1, 2])


@given(st.lists(st.integers(0, 3), max_size=3))
@settings(max_examples=20, deadline=None)
def test_ndindex_ndenumerate(shape):
    assert list(ox.ndindex(*shape)) == list(np.ndindex(*shape))
    assert list(ox.ndindex(tuple(shape))) == list(np.ndindex(tuple(shape)))
    a = np.arange(int(np.prod(shape))).reshape(shape)
    got = [(i, v.item()) for i, v in ox.ndenumerate(ox.asarray(a))]
    exp = [(i, v.item()) for i, v in np.ndenumerate(a)]
    assert got == exp


def _both(fn):
    """Run `fn(lib, array_from_numpy)` for NumPy and oxarray; return both results."""
    return fn(np, np.asarray), fn(ox, ox.asarray)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=1, max_size=3), st.sampled_from(["C", "F", "K"]),
       st.booleans(), st.sampled_from(ALL_DTYPES))
def test_nditer_common_uses(shape, order, transpose, dt):
    base = (np.arange(int(np.prod(shape))) % 5).reshape(shape).astype(dt)
    if transpose:
        base = base.T

    def elements(lib, conv):
        it = lib.nditer(conv(base), flags=["multi_index"], order=order)
        return [(x.item(), it.multi_index) for x in it]

    n, o = _both(elements)
    assert o == n

    def chunks(lib, conv):
        return [c.tolist() for c in lib.nditer(conv(base), flags=["external_loop"], order=order)]

    n, o = _both(chunks)
    assert o == n

    def buffered(lib, conv):
        it = lib.nditer(conv(base), flags=["external_loop", "buffered"], op_dtypes=["complex128"],
                        order=order)
        return [c.tolist() for c in it]

    n, o = _both(buffered)
    assert o == n


def test_nditer_readwrite_allocate_and_context():
    a = np.arange(6, dtype=np.int32).reshape(2, 3)
    oa = ox.asarray(a.copy())
    with np.nditer(a, op_flags=["readwrite"]) as it:
        for x in it:
            x[...] = 2 * x + 1
    with ox.nditer(oa, op_flags=["readwrite"]) as it:
        for x in it:
            x[...] = 2 * x + 1
    assert_same(oa, a)
    b = np.arange(3, dtype=np.int32)
    it = np.nditer([a, b, None])
    for x, y, z in it:
        z[...] = x * y
    oit = ox.nditer([oa, ox.asarray(b), None])
    for x, y, z in oit:
        z[...] = x * y
    assert_same(oit.operands[2], it.operands[2])
    it2, oit2 = np.nditer([a, b, None]), ox.nditer([oa, ox.asarray(b), None])
    assert oit2.itersize == it2.itersize and oit2.nop == it2.nop and oit2.ndim == it2.ndim
    # A cast writable operand is written back when the context ends.
    f = np.arange(4, dtype=np.float32)
    of = ox.asarray(f.copy())
    raises_like(lambda: np.nditer(f, flags=["buffered"], op_flags=["readwrite"], op_dtypes=["float64"]),
                lambda: ox.nditer(of, flags=["buffered"], op_flags=["readwrite"], op_dtypes=["float64"]))
    with np.nditer(f, flags=["buffered"], op_flags=["readwrite"], op_dtypes=["float64"],
                   casting="same_kind") as it:
        for x in it:
            x[...] = x / 2
    with ox.nditer(of, flags=["buffered"], op_flags=["readwrite"], op_dtypes=["float64"],
                   casting="same_kind") as it:
        for x in it:
            x[...] = x / 2
    assert_same(of, f)
    c = np.arange(6.0).reshape(2, 3).T
    oc = ox.asarray(c.copy(order="K"))
    oc = ox.asarray(np.arange(6.0).reshape(2, 3)).T
    with np.nditer(c, flags=["external_loop", "buffered"], op_flags=["readwrite"], buffersize=4) as it:
        for x in it:
            x[...] = -x
    with ox.nditer(oc, flags=["external_loop", "buffered"], op_flags=["readwrite"], buffersize=4) as it:
        for x in it:
            x[...] = -x
    assert_same(oc, c)


def test_nditer_errors():
    a = np.arange(3)
    raises_like(lambda: np.nditer(a, op_dtypes=["float64"]), lambda: ox.nditer(ox.asarray(a), op_dtypes=["float64"]))
    raises_like(lambda: np.nditer([a, np.arange(2)]), lambda: ox.nditer([ox.asarray(a), ox.arange(2)]))
    raises_like(lambda: np.nditer(a, flags=["bogus"]), lambda: ox.nditer(ox.asarray(a), flags=["bogus"]))
    ro = np.arange(3)
    ro.flags.writeable = False
    oro = ox.arange(3)
    oro.flags.writeable = False
    raises_like(lambda: np.nditer(ro, op_flags=["readwrite"]), lambda: ox.nditer(oro, op_flags=["readwrite"]))
    raises_like(lambda: np.nditer(a).multi_index, lambda: ox.nditer(ox.asarray(a)).multi_index)
