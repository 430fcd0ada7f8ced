"""A short printed tour of oxarray: ``python -m oxarray.demo`` (or ``make demo``).

The tour is a list of sections, each a function that prints one topic. Later capabilities
add theirs without touching the others: decorate a function with ``@section("Title")``
here, or call ``oxarray.demo.add_section(title, function)`` from another module and run
``oxarray.demo.main()``. ``python -m oxarray.demo creation views`` runs only the sections
whose title contains one of the words.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import oxarray as ox

#: ``(title, function)`` in the order they are shown.
SECTIONS: list[tuple[str, Callable[[], None]]] = []


def add_section(title: str, function: Callable[[], None]) -> None:
    """Append a section to the tour."""
    SECTIONS.append((title, function))


def section(title: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
    """Decorator form of :func:`add_section`."""

    def register(function: Callable[[], None]) -> Callable[[], None]:
        add_section(title, function)
        return function

    return register


def show(label: str, value: object) -> None:
    """Print ``label`` and the repr of ``value`` (indented when it spans lines)."""
    text = repr(value)
    if "\n" in text:
        print(f"{label}:")
        for line in text.splitlines():
            print(f"    {line}")
    else:
        print(f"{label}: {text}")


@section("Creation")
def _creation() -> None:
    show("ox.array([[1, 2, 3], [4, 5, 6]])", ox.array([[1, 2, 3], [4, 5, 6]]))
    show("ox.array([1, 2.5, 3j])  (dtype discovery)", ox.array([1, 2.5, 3j]))
    show("ox.zeros((2, 3), dtype='int8')", ox.zeros((2, 3), dtype="int8"))
    show("ox.full(3, 7.5)", ox.full(3, 7.5))
    show("ox.arange(0, 1, 0.25)", ox.arange(0, 1, 0.25))
    show("ox.linspace(0, 1, 5)", ox.linspace(0, 1, 5))
    show("ox.eye(3, k=1, dtype='uint8')", ox.eye(3, k=1, dtype="uint8"))


@section("Views share memory")
def _views() -> None:
    a = ox.arange(12).reshape(3, 4)
    show("a = ox.arange(12).reshape(3, 4)", a)
    t = a.T
    row = a[1]
    rev = a[:, ::-1]
    show("a.T.strides", t.strides)
    show("a[:, ::-1].strides", rev.strides)
    row[...] = -1
    print("after a[1][...] = -1 (a view):")
    show("a", a)
    show("ox.may_share_memory(a.T, a)", ox.may_share_memory(t, a))
    show("a.T.base is a.base  (bases collapse to the owner, as in NumPy)", t.base is a.base)
    c = a.copy()
    show("ox.may_share_memory(a.copy(), a)", ox.may_share_memory(c, a))
    show("a.T.reshape(12)  (a copy: the transpose is not C-contiguous)", a.T.reshape(12))


@section("Flags")
def _flags() -> None:
    a = ox.zeros((3, 4))
    show("ox.zeros((3, 4)).flags", a.flags)
    show("a.T.flags.c_contiguous, a.T.flags.f_contiguous", (a.T.flags.c_contiguous, a.T.flags.f_contiguous))
    b = ox.broadcast_to(ox.arange(4), (3, 4))
    show("ox.broadcast_to(ox.arange(4), (3, 4)).flags.writeable", b.flags.writeable)
    a.flags.writeable = False
    try:
        a[0, 0] = 1
    except ValueError as e:
        print(f"writing a read-only array: ValueError: {e}")


@section("No rank limit")
def _hundred_dims() -> None:
    shape = (2,) + (1,) * 98 + (3,)
    a = ox.arange(6).reshape(shape)
    print(f"a = ox.arange(6).reshape((2,) + (1,) * 98 + (3,)): ndim={a.ndim}, shape[:3]={a.shape[:3]}...")
    idx = (1,) + (0,) * 98 + (2,)
    show("a[1, 0, ..., 0, 2]", a[idx])
    show("a.transpose().shape[:2]", a.transpose().shape[:2])
    show("a.copy(order='F').flags.f_contiguous", a.copy(order="F").flags.f_contiguous)
    show("a.reshape(2, 3)", a.reshape(2, 3))
    text = str(a)
    print(f"str(a) has {text.count('[')} opening brackets and ends with {text[-8:]!r}")


@section("Indexing")
def _indexing() -> None:
    a = ox.arange(20).reshape(4, 5)
    show("a", a)
    show("a[-1, ::-2]", a[-1, ::-2])
    show("a[..., None, 1].shape", a[..., None, 1].shape)
    show("a[[0, 2, 3], [1, 1, 4]]", a[[0, 2, 3], [1, 1, 4]])
    show("a[[0, 2], :, None].shape", a[[0, 2], :, None].shape)
    mask = ox.array([[v % 3 == 0 for v in row] for row in a.tolist()])
    show("a[mask]  (a boolean mask of the multiples of 3)", a[mask])
    a[1:3, [0, 4]] = ox.array([[100], [200]])
    show("after a[1:3, [0, 4]] = [[100], [200]]", a)
    try:
        a[4, 0]
    except IndexError as e:
        print(f"a[4, 0]: IndexError: {e}")
    try:
        a.astype("int8")[0, 0] = 300
    except OverflowError as e:
        print(f"int8 element = 300: OverflowError: {e}")


@section("Dtypes and promotion")
def _dtypes() -> None:
    show("ox.dtype('<i4')", ox.dtype("<i4"))
    d = ox.dtype(">f8")
    print(f"ox.dtype('>f8'): str={d.str!r} kind={d.kind!r} itemsize={d.itemsize} byteorder={d.byteorder!r}")
    show("ox.promote_types('int8', 'uint8')", ox.promote_types("int8", "uint8"))
    show("ox.promote_types('int64', 'uint64')", ox.promote_types("int64", "uint64"))
    show("ox.can_cast('int64', 'float32', 'same_kind')", ox.can_cast("int64", "float32", "same_kind"))
    show("ox.can_cast('float64', 'int8')", ox.can_cast("float64", "int8"))
    print("NEP 50: Python numbers are weak, array scalars and arrays are not:")
    show("  ox.result_type(ox.int8, 1)", ox.result_type(ox.int8, 1))
    show("  ox.result_type(ox.float32, 1.0)", ox.result_type(ox.float32, 1.0))
    show("  ox.result_type(ox.float32, ox.float64(1.0))", ox.result_type(ox.float32, ox.float64(1.0)))
    show("ox.array([1.7, -1.2]).astype('int16')", ox.array([1.7, -1.2]).astype("int16"))
    big = ox.array([1.0, 2.0]).astype(">f4")
    show("ox.array([1.0, 2.0]).astype('>f4')  (non-native byte order)", big)
    # Machine-learning floats, registered at import through the public dtype registry.
    bf = ox.array([1.0, 3.14159, 1e10]).astype(ox.bfloat16)
    show("ox.array([1.0, 3.14159, 1e10]).astype(ox.bfloat16)", bf)
    show("bf + bf  (computed in float32, rounded to bfloat16)", bf + bf)
    show("ox.result_type(ox.bfloat16, ox.float32)", ox.result_type(ox.bfloat16, ox.float32))
    show("ox.array([448.0, 500.0]).astype(ox.float8_e4m3fn)  (no inf: overflow is NaN)", ox.array([448.0, 500.0]).astype(ox.float8_e4m3fn))


@section("Scalars")
def _scalars() -> None:
    a = ox.array([1.5, 2.5])
    x = a[0]
    show("a[0]", x)
    print(f"type(a[0]) is ox.float64: {type(x) is ox.float64}; shape={x.shape} ndim={x.ndim}")
    show("float(a[0]), a[0].item()", (float(x), x.item()))
    i = ox.arange(5)[3]
    show("['a', 'b', 'c', 'd'][ox.arange(5)[3]]  (__index__)", ["a", "b", "c", "d"][i])
    show("hash(ox.int64(3)) == hash(3)", hash(ox.int64(3)) == hash(3))
    z = ox.array(7)
    show("ox.array(7)  (0-d arrays stay arrays)", z)
    show("ox.array(7)[()]  (... until indexed with ())", z[()])
    show("isinstance(ox.int8(1), ox.integer)  (NumPy's scalar hierarchy)", isinstance(ox.int8(1), ox.integer))


@section("repr and print options")
def _repr() -> None:
    show("ox.arange(2000)  (summarised)", ox.arange(2000))
    show("ox.linspace(0, 1, 7, dtype='float32')", ox.linspace(0, 1, 7, dtype="float32"))
    with ox.printoptions(precision=3, suppress=True):
        show("with ox.printoptions(precision=3, suppress=True): ox.array([1e-8, 1/3])",
             ox.array([1e-8, 1 / 3]))
    show("ox.array([1+2j, -0.5j], dtype='complex64')", ox.array([1 + 2j, -0.5j], dtype="complex64"))


@section("Operators, reductions and the error state")
def _operators_errstate() -> None:
    import warnings

    a = ox.arange(6).reshape(2, 3)
    show("a = ox.arange(6).reshape(2, 3); a * 2.5 + 1", a * 2.5 + 1)
    show("a.sum(axis=0), a.mean(), a.argmax()", (a.sum(axis=0), a.mean(), a.argmax()))
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        r = ox.int8(100) * 2
    print(f"ox.int8(100) * 2 -> {r!r}, RuntimeWarning: {rec[0].message}  (NumPy's scalar math)")
    try:
        a += 1.5
    except TypeError as e:
        print(f"a += 1.5 is refused, as in NumPy: {e}")
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        ox.array([1.0]) / 0.0
    print(f"ox.array([1.0]) / 0.0 -> RuntimeWarning: {rec[0].message}")
    with ox.errstate(divide="raise"):
        try:
            ox.array([1.0]) / 0.0
        except FloatingPointError as e:
            print(f"with ox.errstate(divide='raise'): raises: {e}")
    with ox.errstate(int_overflow="raise"):
        try:
            ox.array([127], dtype="int8") + 1
        except FloatingPointError as e:
            print(f"with ox.errstate(int_overflow='raise'): int8 127 + 1 -> {e}  (oxarray extension)")
    v = ox.vectorize(lambda x, y: x if x > y else y * 10)
    show("ox.vectorize(lambda x, y: x if x > y else y * 10)([1, 5], [[2], [3]])", v([1, 5], [[2], [3]]))


@section("Ufuncs: dispatch, methods and a replaced loop")
def _ufuncs() -> None:
    show("ox.add", ox.add)
    print(f"ox.add.nin, nout, identity: {ox.add.nin}, {ox.add.nout}, {ox.add.identity}")
    print(f"ox.add.types[:6]: {ox.add.types[:6]}  ({ox.add.ntypes} loops)")
    i8 = ox.array([1, 2, 3], dtype="int8")
    show("ox.add(int8 array, 300.5)  (NEP 50: the weak float picks float64)", ox.add(i8, 300.5))
    show("ox.add(int8 array, 1).dtype  (the weak int keeps int8)", ox.add(i8, 1).dtype)
    show("ox.add(ox.float64(1.5), 2)  (scalars in, scalar out)", ox.add(ox.float64(1.5), 2))
    show("ox.add(ox.asarray(1.5), 2)  (0-d in, 0-d out)", ox.add(ox.asarray(1.5), 2))
    m = ox.arange(6.0).reshape(2, 3)
    show("ox.add.reduce(m, axis=1)", ox.add.reduce(m, axis=1))
    show("ox.multiply.outer([1, 2], [1, 10, 100])", ox.multiply.outer(ox.array([1, 2]), ox.array([1, 10, 100])))
    show("ox.maximum.accumulate([1, 3, 2, 5])", ox.maximum.accumulate(ox.array([1, 3, 2, 5])))
    acc = ox.zeros(3)
    ox.add.at(acc, ox.array([0, 0, 2]), 1.0)
    show("ox.add.at(zeros(3), [0, 0, 2], 1.0)  (repeated indices accumulate)", acc)
    show("m @ m.T  (matmul, a gufunc (n?,k),(k,m?)->(n?,m?))", m @ m.T)
    a, b = ox.array([2.0, 3.0]), ox.array([10.0, 10.0])
    # Replace float64 add's inner loop with multiply's: `a + b` and ox.add both use it,
    # because operators call the ufunc object directly (no monkeypatching).
    old = ox.add._replace_loop("dd->d", ox.multiply)
    try:
        show("after ox.add._replace_loop('dd->d', ox.multiply): a + b", a + b)
        show("  and ox.add(a, b)", ox.add(a, b))
    finally:
        ox.add._replace_loop("dd->d", old)
    show("restored: a + b", a + b)
    # A new ufunc from typed loops written in Python (vectorised over 1-d runs).
    hypot2 = ox.ufunc(
        "hypot2", 2, 1, {"ff->f": lambda x, y: ox.sqrt(x * x + y * y), "dd->d": lambda x, y: ox.sqrt(x * x + y * y)}
    )
    show("hypot2 = ox.ufunc('hypot2', 2, 1, {'ff->f': f, 'dd->d': f})", hypot2)
    show("hypot2([3, 5], [[4], [12]])  (ints cast safely to the dd->d loop)", hypot2(ox.array([3, 5]), ox.array([[4], [12]])))
    show("hypot2.reduce([3.0, 4.0, 12.0])", hypot2.reduce(ox.array([3.0, 4.0, 12.0])))


def _interchange() -> None:
    from ._demo_interchange import demo

    demo()


def _capi() -> None:
    from ._demo_capi import run

    run()


@section("The NumPy namespace: joining, selection, sorting, statistics")
def _namespace() -> None:
    a = ox.arange(6).reshape(2, 3)
    show("concatenate([a, a], axis=1)", ox.concatenate([a, a], axis=1))
    show("pad(a, 1, mode='reflect')", ox.pad(a, 1, mode="reflect"))
    show("where(a % 2 == 0, a, -1)", ox.where(a % 2 == 0, a, -1))
    x = ox.array([3.0, float("nan"), -0.0, 1.0, 3.0])
    show("sort(x) (NaN last)", ox.sort(x))
    show("unique(x, return_counts=True)", ox.unique(x, return_counts=True))
    show("median / percentile", (ox.median(ox.arange(10.0)), ox.percentile(ox.arange(10.0), 90)))
    show("histogram(arange(10), bins=3)", ox.histogram(ox.arange(10), bins=3))


@section("linalg, fft and einsum")
def _numerics() -> None:
    m = ox.array([[4.0, 1.0], [2.0, 3.0]])
    show("linalg.solve(m, [1, 2])", ox.linalg.solve(m, ox.array([1.0, 2.0])))
    show("linalg.eigvalsh(m @ m.T)", ox.linalg.eigvalsh(m @ m.T))
    show("linalg.det(m)", ox.linalg.det(m))
    show("fft.rfft([1, 0, 0, 0])", ox.fft.rfft(ox.array([1.0, 0.0, 0.0, 0.0])))
    show("einsum('ij,jk->ik', m, m)", ox.einsum("ij,jk->ik", m, m))


@section("random: NumPy's streams, bit for bit")
def _random() -> None:
    rng = ox.random.default_rng(42)
    show("default_rng(42).standard_normal(3)", rng.standard_normal(3))
    show("default_rng(42) integers(0, 10, 5)", ox.random.default_rng(42).integers(0, 10, 5))
    try:
        import numpy as np
    except ImportError:
        return
    same = np.array_equal(np.random.default_rng(42).standard_normal(3),
                          np.asarray(ox.random.default_rng(42).standard_normal(3)))
    show("identical to numpy.random.default_rng(42)?", same)
    ox.random.seed(0)
    show("legacy seed(0); rand(2)", ox.random.rand(2))


add_section("Interchange with NumPy, DLPack and .npy files", _interchange)
add_section("C-level duck typing: one C function, many array types", _capi)


@section("A dtype written in Python: rational")
def _pydtype() -> None:
    from fractions import Fraction

    # oxarray/examples/rational.py: a PyDType subclass (int64 numerator and denominator,
    # getitem/setitem, casts, vectorised ufunc loops), no Rust and no C.
    from oxarray.examples.rational import Rational

    values: list[object] = [Fraction(1, 3), Fraction(-1, 2), 2]
    a = ox.array(values, dtype=Rational)  # type: ignore[arg-type]  # items that setitem takes
    show("a = ox.array([Fraction(1, 3), Fraction(-1, 2), 2], dtype=Rational)", a)
    show("a + a", a + a)
    show("a * ox.array([3, 4, 5])  (int64 promotes to rational)", a * ox.array([3, 4, 5]))
    show("a + 1.5  (a promoter: rational with a float computes in float64)", a + 1.5)
    show("a / a[::-1]", a / a[::-1])
    show("a < 0", a < 0)
    show("a.sum()", a.sum())
    show("a.astype(ox.float64)", a.astype(ox.float64))
    show("ox.array([0.1]).astype(Rational)  (exact)", ox.array([0.1]).astype(Rational))
    show("ox.concatenate([a, a])[::2]", ox.concatenate([a, a])[::2])


@section("Objects and strings: dtype=object, U/S, frompyfunc")
def _objects_strings() -> None:
    from fractions import Fraction

    items: list[object] = [Fraction(1, 2), "a", None, [1, 2]]
    o = ox.array(items, dtype=object)  # type: ignore[arg-type]  # any objects, as NumPy's
    show("ox.array([Fraction(1, 2), 'a', None, [1, 2]], dtype=object)", o)
    show("ox.array([[1, 2], [3]], dtype=object)  (ragged)", ox.array([[1, 2], [3]], dtype=object))
    fractions: list[object] = [Fraction(1, 2), Fraction(1, 3)]
    f = ox.array(fractions)  # type: ignore[arg-type]  # objects: dtype=object
    show("f = ox.array([Fraction(1, 2), Fraction(1, 3)]); f + 1", f + 1)
    show("f.sum()", f.sum())
    show("ox.frompyfunc(lambda x, y: x * y, 2, 1)(['a', 'b'], [2, 3])",
         ox.frompyfunc(lambda x, y: x * y, 2, 1)(ox.array(["a", "b"], dtype=object), [2, 3]))
    u = ox.array(["apple", "Kiwi", "fig"])
    show("u = ox.array(['apple', 'Kiwi', 'fig'])", u)
    show("ox.strings.upper(u)", ox.strings.upper(u))
    show("ox.strings.str_len(u)", ox.strings.str_len(u))
    show("u == 'fig'", u == "fig")
    show("ox.array(b'ab')  (a 0-d S2, as NumPy)", ox.array(b"ab"))


def main(argv: list[str] | None = None) -> None:
    """Print every section (or those whose title contains one of ``argv``'s words)."""
    words = [w.lower() for w in (sys.argv[1:] if argv is None else argv)]
    print(f"oxarray {ox.__version__}: N-dimensional arrays with a Rust core\n")
    for title, function in SECTIONS:
        if words and not any(w in title.lower() for w in words):
            continue
        print(f"== {title} " + "=" * max(0, 70 - len(title)))
        function()
        print()


if __name__ == "__main__":
    main()
