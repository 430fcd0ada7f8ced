# mypy: disable-error-code="overload-overlap"
"""NumPy's legacy polynomial functions (``numpy.lib._polynomial_impl``) over oxarray.

Coefficients are highest power first. As NumPy's own, this layer is Python glue: the
numerics are oxarray's ufuncs, ``matmul`` and ``oxarray.linalg`` (``roots`` is the
eigenvalues of the companion matrix, ``polyfit`` a scaled least-squares solve on the
Vandermonde matrix, ``polyval`` Horner's scheme on whole arrays).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from typing import Any, SupportsIndex

from ._core import arange, asarray, float64, ndarray, ones, zeros
from . import linalg as _linalg

from typing import TYPE_CHECKING, overload  # noqa: E402,F811 - the typed overloads below

if TYPE_CHECKING:
    from collections.abc import Sequence  # noqa: F401
    from typing import Literal, TypeVar  # noqa: F401

    from ._core import ArrayLike, DTypeLike, _AxisLike, _NestedSequence, _NumberLike, _ShapeLike, generic  # noqa: F401
    from ._core import bool as bool_  # noqa: F401
    from ._core import ndarray as ndarray  # noqa: F401

    _ArrayT = TypeVar("_ArrayT", bound=ndarray)

__all__ = [
    "RankWarning", "poly", "poly1d", "polyadd", "polyder", "polydiv", "polyfit", "polyint",
    "polymul", "polysub", "polyval", "roots",
]


class RankWarning(RuntimeWarning):
    """Issued by ``polyfit`` when the Vandermonde matrix is rank deficient."""


def _atleast_1d(a: Any) -> ndarray:
    a = asarray(a)
    return a.reshape((1,)) if a.ndim == 0 else a


def _concat(parts: list[ndarray]) -> ndarray:
    """Concatenate 1-d arrays (the common dtype of the parts)."""
    dt = parts[0].dtype
    for p in parts[1:]:
        dt = _result_dtype(dt, p.dtype)
    out = zeros((sum(len(p) for p in parts),), dtype=dt)
    i = 0
    for p in parts:
        if len(p):
            out[i:i + len(p)] = p
        i += len(p)
    return out


def _result_dtype(a: Any, b: Any) -> Any:
    from ._core import promote_types

    return promote_types(a, b)


def _trim_front(a: ndarray) -> ndarray:
    nz = [i for i, v in enumerate(a.tolist()) if v != 0]
    return a[nz[0]:] if nz else a[len(a):]


def _convolve(a: ndarray, b: ndarray) -> ndarray:
    """Full discrete convolution of two 1-d arrays (``numpy.convolve``, mode='full')."""
    dt = _result_dtype(a.dtype, b.dtype)
    out = zeros((len(a) + len(b) - 1,), dtype=dt)
    if len(a) < len(b):
        a, b = b, a
    for j in range(len(b)):
        out[j:j + len(a)] += a * b[j]
    return out


def _vander(x: ndarray, n: int) -> ndarray:
    """``numpy.vander(x, n)``: columns ``x**(n-1), ..., x, 1`` by repeated products."""
    v = ones((len(x), n), dtype=x.dtype)
    if n > 1:
        col = x
        v[:, n - 2] = col
        for j in range(n - 3, -1, -1):
            col = col * x
            v[:, j] = col
    return v


@overload
def poly(seq_of_zeros: poly1d) -> ndarray: ...
@overload
def poly(seq_of_zeros: ArrayLike) -> ndarray: ...
def poly(seq_of_zeros: Any) -> Any:
    """Coefficients of the monic polynomial with the given roots (or of a square
    matrix's characteristic polynomial)."""
    seq_of_zeros = _atleast_1d(seq_of_zeros)
    sh = seq_of_zeros.shape
    if len(sh) == 2 and sh[0] == sh[1] and sh[0] != 0:
        seq_of_zeros = _linalg.eigvals(seq_of_zeros)
    elif len(sh) == 1:
        if seq_of_zeros.dtype.kind not in "fc":
            seq_of_zeros = seq_of_zeros.astype(float64)
    else:
        raise ValueError("input must be 1d or non-empty square 2d array.")
    if len(seq_of_zeros) == 0:
        return 1.0
    dt = seq_of_zeros.dtype
    a = ones((1,), dtype=dt)
    for zero in seq_of_zeros:
        step = zeros((2,), dtype=dt)
        step[0] = 1
        step[1] = -zero
        a = _convolve(a, step)
    if a.dtype.kind == "c":
        zs = [complex(z) for z in seq_of_zeros.tolist()]
        key = lambda z: (z.real, z.imag)  # noqa: E731
        if sorted(zs, key=key) == sorted((z.conjugate() for z in zs), key=key):
            a = a.real.copy()
    return a


def roots(p: Any) -> ndarray:
    """Roots of a polynomial: the eigenvalues of its companion matrix."""
    p = _atleast_1d(p)
    if p.ndim != 1:
        raise ValueError("Input must be a rank-1 array.")
    vals = p.tolist()
    non_zero = [i for i, v in enumerate(vals) if v != 0]
    if len(non_zero) == 0:
        return asarray([], dtype=float64)
    trailing_zeros = len(p) - non_zero[-1] - 1
    p = p[non_zero[0]:non_zero[-1] + 1]
    if p.dtype.kind not in "fc":
        p = p.astype(float64)
    N = len(p)
    if N > 1:
        A = zeros((N - 1, N - 1), dtype=p.dtype)
        for i in range(1, N - 1):
            A[i, i - 1] = 1
        A[0, :] = -p[1:] / p[0]
        r = _linalg.eigvals(A)
    else:
        r = asarray([], dtype=p.dtype)
    if trailing_zeros:
        r = _concat([r, zeros((trailing_zeros,), dtype=r.dtype)])
    return r


@overload
def polyint(p: poly1d, m: int = ..., k: ArrayLike | None = ...) -> poly1d: ...
@overload
def polyint(p: ArrayLike, m: int = ..., k: ArrayLike | None = ...) -> ndarray: ...
def polyint(p: Any, m: int = 1, k: Any = None) -> Any:
    """Antiderivative of order ``m`` with integration constants ``k``."""
    m = int(m)
    if m < 0:
        raise ValueError("Order of integral must be positive (see polyder)")
    if k is None:
        k = zeros((m,), dtype=float64)
    k = _atleast_1d(k)
    if len(k) == 1 and m > 1:
        k = k[0] * ones((m,), dtype=float64)
    if len(k) < m:
        raise ValueError("k must be a scalar or a rank-1 array of length 1 or >m.")
    truepoly = isinstance(p, poly1d)
    p = asarray(p)
    if m == 0:
        return poly1d(p) if truepoly else p
    y = _concat([p / arange(len(p), 0, -1), _atleast_1d(k[0])])
    val = polyint(y, m - 1, k=k[1:])
    return poly1d(val) if truepoly else val


@overload
def polyder(p: poly1d, m: int = ...) -> poly1d: ...
@overload
def polyder(p: ArrayLike, m: int = ...) -> ndarray: ...
def polyder(p: Any, m: int = 1) -> Any:
    """Derivative of order ``m``."""
    m = int(m)
    if m < 0:
        raise ValueError("Order of derivative must be positive (see polyint)")
    truepoly = isinstance(p, poly1d)
    p = asarray(p)
    n = len(p) - 1
    y = p[:-1] * arange(n, 0, -1)
    val = p if m == 0 else polyder(y, m - 1)
    return poly1d(val) if truepoly else val


def polyfit(x: Any, y: Any, deg: Any, rcond: Any = None, full: bool = False, w: Any = None,
            cov: Any = False) -> Any:
    """Least-squares polynomial fit of degree ``deg`` (coefficients highest power first)."""
    order = int(deg) + 1
    x = asarray(x) + 0.0
    y = asarray(y) + 0.0
    if deg < 0:
        raise ValueError("expected deg >= 0")
    if x.ndim != 1:
        raise TypeError("expected 1D vector for x")
    if x.size == 0:
        raise TypeError("expected non-empty vector for x")
    if y.ndim < 1 or y.ndim > 2:
        raise TypeError("expected 1D or 2D array for y")
    if x.shape[0] != y.shape[0]:
        raise TypeError("expected x and y to have same length")
    if rcond is None:
        rcond = len(x) * (1.1920928955078125e-07 if x.dtype.itemsize == 4 else
                          2.220446049250313e-16)
    lhs = _vander(x, order)
    rhs = y
    if w is not None:
        w = asarray(w) + 0.0
        if w.ndim != 1:
            raise TypeError("expected a 1-d array for weights")
        if w.shape[0] != y.shape[0]:
            raise TypeError("expected w and y to have the same length")
        lhs = lhs * w[:, None]
        rhs = rhs * w[:, None] if rhs.ndim == 2 else rhs * w
    scale = ((lhs * lhs).sum(axis=0)) ** 0.5
    lhs = lhs / scale
    c, resids, rank, s = _linalg.lstsq(lhs, rhs, rcond)
    c = (c.T / scale).T
    if rank != order and not full:
        warnings.warn("Polyfit may be poorly conditioned", RankWarning, stacklevel=2)
    if full:
        return c, resids, rank, s, rcond
    if cov:
        from ._core import matmul

        Vbase = _linalg.inv(matmul(lhs.T, lhs))
        Vbase = Vbase / (scale[:, None] * scale[None, :])
        if cov == "unscaled":
            fac: Any = 1
        else:
            if len(x) <= order:
                raise ValueError("the number of data points must exceed order "
                                 "to scale the covariance matrix")
            fac = resids / (len(x) - order)
        if y.ndim == 1:
            return c, Vbase * fac
        return c, Vbase[:, :, None] * fac
    return c


@overload
def polyval(p: poly1d, x: ArrayLike) -> ndarray: ...
@overload
def polyval(p: ArrayLike, x: ArrayLike) -> ndarray: ...
def polyval(p: Any, x: Any) -> Any:
    """Evaluate a polynomial at ``x`` (Horner's scheme)."""
    p = asarray(p)
    if isinstance(x, poly1d):
        y: Any = 0
    else:
        x = asarray(x)
        y = zeros(x.shape, dtype=x.dtype)
    for pv in p:
        y = y * x + pv
    return y


@overload
def polyadd(a1: poly1d, a2: poly1d | ArrayLike) -> poly1d: ...
@overload
def polyadd(a1: ArrayLike, a2: poly1d) -> poly1d: ...
@overload
def polyadd(a1: ArrayLike, a2: ArrayLike) -> ndarray: ...
def polyadd(a1: Any, a2: Any) -> Any:
    """Sum of two polynomials."""
    truepoly = isinstance(a1, poly1d) or isinstance(a2, poly1d)
    a1 = _atleast_1d(a1)
    a2 = _atleast_1d(a2)
    diff = len(a2) - len(a1)
    if diff == 0:
        val = a1 + a2
    elif diff > 0:
        val = _concat([zeros((diff,), dtype=a1.dtype), a1]) + a2
    else:
        val = a1 + _concat([zeros((-diff,), dtype=a2.dtype), a2])
    return poly1d(val) if truepoly else val


@overload
def polysub(a1: poly1d, a2: poly1d | ArrayLike) -> poly1d: ...
@overload
def polysub(a1: ArrayLike, a2: poly1d) -> poly1d: ...
@overload
def polysub(a1: ArrayLike, a2: ArrayLike) -> ndarray: ...
def polysub(a1: Any, a2: Any) -> Any:
    """Difference of two polynomials."""
    truepoly = isinstance(a1, poly1d) or isinstance(a2, poly1d)
    a1 = _atleast_1d(a1)
    a2 = _atleast_1d(a2)
    diff = len(a2) - len(a1)
    if diff == 0:
        val = a1 - a2
    elif diff > 0:
        val = _concat([zeros((diff,), dtype=a1.dtype), a1]) - a2
    else:
        val = a1 - _concat([zeros((-diff,), dtype=a2.dtype), a2])
    return poly1d(val) if truepoly else val


@overload
def polymul(a1: poly1d, a2: poly1d | ArrayLike) -> poly1d: ...
@overload
def polymul(a1: ArrayLike, a2: poly1d) -> poly1d: ...
@overload
def polymul(a1: ArrayLike, a2: ArrayLike) -> ndarray: ...
def polymul(a1: Any, a2: Any) -> Any:
    """Product of two polynomials."""
    truepoly = isinstance(a1, poly1d) or isinstance(a2, poly1d)
    p1, p2 = poly1d(a1), poly1d(a2)
    val = _convolve(p1.coeffs, p2.coeffs)
    return poly1d(val) if truepoly else val


@overload
def polydiv(u: poly1d, v: poly1d | ArrayLike) -> tuple[poly1d, poly1d]: ...
@overload
def polydiv(u: ArrayLike, v: poly1d) -> tuple[poly1d, poly1d]: ...
@overload
def polydiv(u: ArrayLike, v: ArrayLike) -> tuple[ndarray, ndarray]: ...
def polydiv(u: Any, v: Any) -> Any:
    """Quotient and remainder of polynomial division."""
    truepoly = isinstance(u, poly1d) or isinstance(v, poly1d)
    u = _atleast_1d(u) + 0.0
    v = _atleast_1d(v) + 0.0
    w = u[0] + v[0]
    m = len(u) - 1
    n = len(v) - 1
    scale = 1.0 / v[0]
    q = zeros((max(m - n + 1, 1),), dtype=w.dtype)
    r = u.astype(w.dtype)
    for k in range(m - n + 1):
        d = scale * r[k]
        q[k] = d
        r[k:k + n + 1] -= d * v
    # NumPy's ``allclose(r[0], 0, rtol=1e-14)``: |r[0]| <= atol = 1e-8.
    while abs(complex(r[0])) <= 1e-8 and r.shape[-1] > 1:
        r = r[1:]
    if truepoly:
        return poly1d(q), poly1d(r)
    return q, r


_poly_mat = re.compile(r"\*\*([0-9]*)")


def _raise_power(astr: str, wrap: int = 70) -> str:
    n = 0
    line1 = ""
    line2 = ""
    output = " "
    while True:
        mat = _poly_mat.search(astr, n)
        if mat is None:
            break
        span = mat.span()
        power = mat.groups()[0]
        partstr = astr[n:span[0]]
        n = span[1]
        toadd2 = partstr + " " * (len(power) - 1)
        toadd1 = " " * (len(partstr) - 1) + power
        if (len(line2) + len(toadd2) > wrap) or (len(line1) + len(toadd1) > wrap):
            output += line1 + "\n" + line2 + "\n "
            line1 = toadd1
            line2 = toadd2
        else:
            line2 += partstr + " " * (len(power) - 1)
            line1 += " " * (len(partstr) - 1) + power
    output += line1 + "\n" + line2
    return output + astr[n:]


def _isscalar(x: Any) -> bool:
    return isinstance(x, (int, float, complex)) or (isinstance(x, ndarray) and x.ndim == 0) or (
        not isinstance(x, (ndarray, list, tuple, poly1d)) and hasattr(x, "dtype"))


class poly1d:
    """A one-dimensional polynomial class (NumPy's legacy ``poly1d``)."""

    __hash__ = None  # type: ignore[assignment]

    def __init__(self, c_or_r: poly1d | ArrayLike, r: bool = False, variable: str | None = None) -> None:
        if isinstance(c_or_r, poly1d):
            self._variable: str = c_or_r._variable
            self._coeffs: ndarray = c_or_r._coeffs
            if variable is not None:
                self._variable = variable
            return
        if r:
            c_or_r = poly(c_or_r)
        c_or_r = _atleast_1d(c_or_r)
        if c_or_r.ndim > 1:
            raise ValueError("Polynomial must be 1d only.")
        c_or_r = _trim_front(c_or_r)
        if len(c_or_r) == 0:
            c_or_r = zeros((1,), dtype=c_or_r.dtype)
        self._coeffs = c_or_r
        self._variable = "x" if variable is None else variable

    @property
    def coeffs(self) -> ndarray:
        """The coefficients, highest power first."""
        return self._coeffs

    @coeffs.setter
    def coeffs(self, value: ArrayLike) -> None:
        if value is not self._coeffs:
            raise AttributeError("Cannot set attribute")

    @property
    def variable(self) -> str:
        """The name of the unknown."""
        return self._variable

    @property
    def order(self) -> int:
        """The degree."""
        return len(self._coeffs) - 1

    @property
    def roots(self) -> ndarray:
        """The roots."""
        return roots(self._coeffs)

    r = roots
    c = coef = coefficients = coeffs
    o = order

    def __array__(self, t: Any = None, copy: Any = None) -> Any:
        import numpy

        return numpy.asarray(self.coeffs, t)

    def __repr__(self) -> str:
        vals = repr(self.coeffs)
        vals = vals[6:-1]
        return f"poly1d({vals})"

    def __len__(self) -> int:
        return self.order

    def __str__(self) -> str:
        thestr = "0"
        var = self.variable
        vals = self.coeffs.tolist()
        first = next((i for i, v in enumerate(vals) if v != 0), len(vals))
        coeffs = vals[first:]
        N = len(coeffs) - 1

        def fmt_float(q: float) -> str:
            s = f"{q:.4g}"
            return s.removesuffix(".0000")

        for k, coeff in enumerate(coeffs):
            c = complex(coeff)
            if c.imag == 0:
                coefstr = fmt_float(c.real)
            elif c.real == 0:
                coefstr = f"{fmt_float(c.imag)}j"
            else:
                coefstr = f"({fmt_float(c.real)} + {fmt_float(c.imag)}j)"
            power = N - k
            if power == 0:
                newstr = coefstr if coefstr != "0" else ("0" if k == 0 else "")
            elif power == 1:
                newstr = "" if coefstr == "0" else (var if coefstr == "b" else f"{coefstr} {var}")
            elif coefstr == "0":
                newstr = ""
            elif coefstr == "b":
                newstr = f"{var}**{power}"
            else:
                newstr = f"{coefstr} {var}**{power}"
            if k > 0:
                if newstr != "":
                    if newstr.startswith("-"):
                        thestr = f"{thestr} - {newstr[1:]}"
                    else:
                        thestr = f"{thestr} + {newstr}"
            else:
                thestr = newstr
        return _raise_power(thestr)

    def __call__(self, val: poly1d | ArrayLike) -> Any:
        return polyval(self.coeffs, val)

    def __neg__(self) -> poly1d:
        return poly1d(-self.coeffs)

    def __pos__(self) -> poly1d:
        return self

    def __mul__(self, other: poly1d | ArrayLike) -> poly1d:
        if _isscalar(other):
            return poly1d(self.coeffs * other)
        return poly1d(polymul(self.coeffs, poly1d(other).coeffs))

    def __rmul__(self, other: poly1d | ArrayLike) -> poly1d:
        if _isscalar(other):
            return poly1d(other * self.coeffs)
        return poly1d(polymul(self.coeffs, poly1d(other).coeffs))

    def __add__(self, other: poly1d | ArrayLike) -> poly1d:
        return poly1d(polyadd(self.coeffs, poly1d(other).coeffs))

    def __radd__(self, other: poly1d | ArrayLike) -> poly1d:
        return poly1d(polyadd(self.coeffs, poly1d(other).coeffs))

    def __pow__(self, val: SupportsIndex) -> poly1d:
        if not _isscalar(val) or int(val) != val or val < 0:
            raise ValueError("Power to non-negative integers only.")
        res: Any = [1]
        for _ in range(int(val)):
            res = polymul(self.coeffs, res)
        return poly1d(res)

    def __sub__(self, other: poly1d | ArrayLike) -> poly1d:
        return poly1d(polysub(self.coeffs, poly1d(other).coeffs))

    def __rsub__(self, other: poly1d | ArrayLike) -> poly1d:
        return poly1d(polysub(poly1d(other).coeffs, self.coeffs))

    def __truediv__(self, other: poly1d | ArrayLike) -> poly1d | tuple[poly1d, poly1d]:
        if _isscalar(other):
            return poly1d(self.coeffs / other)
        return polydiv(self, poly1d(other))

    def __rtruediv__(self, other: poly1d | ArrayLike) -> poly1d | tuple[poly1d, poly1d]:
        if _isscalar(other):
            return poly1d(other / self.coeffs)
        return polydiv(poly1d(other), self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, poly1d):
            return NotImplemented
        if self.coeffs.shape != other.coeffs.shape:
            return False
        return bool((self.coeffs == other.coeffs).all())

    def __ne__(self, other: object) -> bool:
        if not isinstance(other, poly1d):
            return NotImplemented
        return not self.__eq__(other)

    def __getitem__(self, val: int) -> generic:
        ind = self.order - val
        if val > self.order or val < 0:
            return zeros((), dtype=self.coeffs.dtype)[()]
        return self.coeffs[ind]

    def __setitem__(self, key: int, val: _NumberLike) -> None:
        ind = self.order - key
        if key < 0:
            raise ValueError("Does not support negative powers.")
        if key > self.order:
            zr = zeros((key - self.order,), dtype=self.coeffs.dtype)
            self._coeffs = _concat([zr, self.coeffs])
            ind = 0
        self._coeffs[ind] = val

    def __iter__(self) -> Iterator[Any]:
        return iter(self.coeffs)

    def integ(self, m: int = 1, k: ArrayLike = 0) -> poly1d:
        """Antiderivative of order ``m``."""
        return poly1d(polyint(self.coeffs, m=m, k=k))

    def deriv(self, m: int = 1) -> poly1d:
        """Derivative of order ``m``."""
        return poly1d(polyder(self.coeffs, m=m))

