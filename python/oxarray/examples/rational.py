"""A ``rational`` dtype written only in Python (issue 14 part 5's example).

Each item is two native int64: the numerator and the denominator minus one (so that
all-zero bytes are 0/1, as in NumPy's own test ``rational``), always normalised
(coprime, positive denominator). Items read back as :class:`fractions.Fraction`.

The ufunc loops are vectorised: each gets 1-d rational arrays, views their bytes as
``(n, 2)`` int64 and computes with oxarray's int64 ufuncs. Operands under 2**31 in
magnitude cannot overflow int64 in ``+ - * /`` and comparisons; larger ones go through
Python's integers and raise ``OverflowError`` when a result does not fit in int64, as
NumPy's ``rational`` does. Division by zero raises ``ZeroDivisionError``.

Promoters (``ufunc.register_promoter``) make a rational meeting a float (a Python float
or a float array) compute in float64, and one meeting an int stay rational.

Importing this module registers the dtype (once per process)::

    from oxarray.examples.rational import Rational
    a = oxarray.array([Fraction(1, 3), 2], dtype=Rational)
    (a + a).sum()   # Fraction(10, 3)
    a + 1.5         # array([1.83333333, 3.5]), float64
"""

import struct
from fractions import Fraction
from typing import Any

import oxarray as ox
from oxarray.dtypes import PyDType

__all__ = ["Rational"]

_ITEM = struct.Struct("=qq")
_I64 = (-(2**63), 2**63 - 1)
_SMALL = 2**31


def _pack(n: int, d: int) -> bytes:
    if not (_I64[0] <= n <= _I64[1] and 0 < d <= _I64[1]):
        raise OverflowError(f"rational {n}/{d} does not fit in int64")
    return _ITEM.pack(n, d - 1)


def _parts(a: Any) -> tuple[Any, Any]:
    """Numerators and denominators (int64 arrays) of 1-d rational array ``a``."""
    v = ox.ascontiguousarray(a).view(ox.int64).reshape(-1, 2)
    return v[:, 0], v[:, 1] + 1


def _make(n: Any, d: Any) -> Any:
    """The 1-d rational array of ``n / d`` (int64 arrays, ``d != 0``), normalised."""
    g = ox.gcd(n, d)
    g = ox.where(d < 0, -g, g)
    out = ox.empty((n.shape[0], 2), dtype=ox.int64)
    out[:, 0] = n // g
    out[:, 1] = d // g - 1
    return out.view(Rational).reshape(-1)


def _small(*xs: Any) -> bool:
    return all(bool((abs(x) < _SMALL).all()) for x in xs)


def _exact(op: Any, a: Any, b: Any) -> Any:
    """The slow path: each pair through Python's Fraction (overflow checked on storing)."""
    items: list[Any] = [op(a[i], b[i]) for i in range(a.shape[0])]
    return ox.array(items, dtype=Rational)


def _binary(op: Any, fast: Any) -> Any:
    def loop(a: Any, b: Any) -> Any:
        (n1, d1), (n2, d2) = _parts(a), _parts(b)
        if _small(n1, d1, n2, d2):
            return fast(n1, d1, n2, d2)
        return _exact(op, a, b)

    loop.__name__ = op.__name__
    return loop


def _div(n1: Any, d1: Any, n2: Any, d2: Any) -> Any:
    if bool((n2 == 0).any()):
        raise ZeroDivisionError("rational division by zero")
    return _make(n1 * d2, d1 * n2)


def _truediv(x: Fraction, y: Fraction) -> Fraction:
    if y == 0:
        raise ZeroDivisionError("rational division by zero")
    return x / y


def _compare(op: Any) -> Any:
    def loop(a: Any, b: Any) -> Any:
        (n1, d1), (n2, d2) = _parts(a), _parts(b)
        if _small(n1, d1, n2, d2):
            return op(n1 * d2, n2 * d1)
        return ox.array([op(a[i], b[i]) for i in range(a.shape[0])], dtype=ox.bool_)

    return loop


def _to_float(a: Any) -> Any:
    n, d = _parts(a)
    if _small(n, d):
        return n / d
    return ox.array([float(a[i]) for i in range(a.shape[0])])


def _to_int(a: Any) -> Any:
    n, d = _parts(a)
    q = abs(n) // d
    return ox.where(n < 0, -q, q)


def _from_int(a: Any) -> Any:
    n = ox.asarray(a, dtype=ox.int64)
    return _make(n, ox.ones_like(n))


def _from_float(a: Any) -> Any:
    # Exact: every finite float64 is a fraction; NaN and inf raise ValueError/OverflowError
    # (Fraction's), values beyond int64 OverflowError (_pack's).
    items: list[Any] = [Fraction(x) for x in a.tolist()]
    return ox.array(items, dtype=Rational)


class Rational(PyDType):
    """Rational numbers of int64 numerator and denominator, normalised."""

    name = "rational"
    itemsize = 16
    alignment = 8
    zero = Fraction(0)
    casts = {
        ("rational", "float64"): (_to_float, "safe"),
        ("rational", "int64"): _to_int,
        ("int64", "rational"): (_from_int, "safe"),
        ("float64", "rational"): _from_float,
    }
    promotions = {"int64": "rational", "float64": "float64"}

    @staticmethod
    def getitem(data: bytes) -> Fraction:
        n, dm = _ITEM.unpack(data)
        return Fraction(n, dm + 1)

    @staticmethod
    def setitem(value: Any) -> bytes:
        if isinstance(value, bool) or not isinstance(value, (int, Fraction)):
            if isinstance(value, float | str) or hasattr(value, "numerator"):
                value = Fraction(value)
            else:
                value = Fraction(int(value)) if hasattr(value, "__index__") else Fraction(value)
        f = value if isinstance(value, Fraction) else Fraction(value)
        return _pack(f.numerator, f.denominator)


def _register_loops() -> None:
    import operator

    r = (Rational, Rational, Rational)
    ox.add.register_loop(r, _binary(operator.add, lambda n1, d1, n2, d2: _make(n1 * d2 + n2 * d1, d1 * d2)))
    ox.subtract.register_loop(r, _binary(operator.sub, lambda n1, d1, n2, d2: _make(n1 * d2 - n2 * d1, d1 * d2)))
    ox.multiply.register_loop(r, _binary(operator.mul, lambda n1, d1, n2, d2: _make(n1 * n2, d1 * d2)))
    ox.true_divide.register_loop(r, _binary(_truediv, _div))
    cmp = (Rational, Rational, ox.bool_ if hasattr(ox, "bool_") else "bool")
    for uf, op in ((ox.equal, operator.eq), (ox.not_equal, operator.ne), (ox.less, operator.lt),
                   (ox.less_equal, operator.le), (ox.greater, operator.gt),
                   (ox.greater_equal, operator.ge)):
        uf.register_loop(cmp, _compare(op))
    # The (inputs, output, func) form.
    ox.negative.register_loop((Rational,), Rational, lambda a: _make(-_parts(a)[0], _parts(a)[1]))
    # Promoters: rational with a float (a Python float or a float array) computes in
    # float64 (rational is cast to float64 first), with an int in rational.
    for uf in (ox.add, ox.subtract, ox.multiply, ox.true_divide, ox.equal, ox.not_equal,
               ox.less, ox.less_equal, ox.greater, ox.greater_equal):
        uf.register_promoter((Rational, None), _promoter)
        uf.register_promoter((None, Rational), _promoter)


def _promoter(ufunc: Any, dtypes: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """The loop dtypes for a binary ufunc with a rational operand and another that has no
    loop with it: float64 with a float (a Python float or a float dtype), rational with
    an int (a Python int or int64); ``None`` (the built-in rules) for anything else."""
    ins = dtypes[:2]

    def is_dtype(d: Any) -> bool:
        return not isinstance(d, type)

    if any(d is float or (is_dtype(d) and d.kind == "f") for d in ins):
        return (ox.float64, ox.float64)
    if all(d is int or (is_dtype(d) and d in (Rational.dtype, ox.dtype("int64"))) for d in ins):
        return (Rational.dtype, Rational.dtype)
    return None


_register_loops()
