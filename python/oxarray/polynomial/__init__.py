"""`oxarray.polynomial`: the power series class ``Polynomial`` (NumPy's
``numpy.polynomial.Polynomial``; the other series classes are not provided yet).

Coefficients are lowest power first. A ``Polynomial`` carries a ``domain`` and a
``window``: it is evaluated at ``off + scl * x``, the linear map taking the domain onto
the window (``fit`` chooses the domain spanned by the data, so that the least-squares
problem is well conditioned). As NumPy's own, this is Python glue over oxarray's ufuncs and
``oxarray.linalg`` (``roots``: eigenvalues of the companion matrix; ``fit``: a scaled
least-squares solve on the Vandermonde matrix).
"""

from __future__ import annotations

import operator
import warnings
from typing import TYPE_CHECKING, Any, SupportsIndex

from .._core import asarray, float64, ndarray, ones, zeros
from .. import linalg as _linalg
if TYPE_CHECKING:
    from .._core import ArrayLike

from .._polylib import RankWarning, _convolve

__all__ = ["Polynomial", "RankWarning"]


def _as_series(c: Any) -> ndarray:
    a = asarray(c)
    if a.ndim == 0:
        a = a.reshape((1,))
    if a.ndim != 1:
        raise ValueError("Coefficient array is not 1-d")
    if a.size == 0:
        raise ValueError("Coefficient array is empty")
    if a.dtype.kind not in "fc":
        a = a.astype(float64)
    return a.copy()


def _trimseq(c: ndarray) -> ndarray:
    vals = c.tolist()
    i = len(vals) - 1
    while i > 0 and vals[i] == 0:
        i -= 1
    return c[: i + 1]


def _pad_add(c1: ndarray, c2: ndarray, sign: int) -> ndarray:
    c1, c2 = _trimseq(c1), _trimseq(c2)
    n = max(len(c1), len(c2))
    from .._core import promote_types

    out = zeros((n,), dtype=promote_types(c1.dtype, c2.dtype))
    out[: len(c1)] += c1
    if sign > 0:
        out[: len(c2)] += c2
    else:
        out[: len(c2)] -= c2
    return _trimseq(out)


def _polyval(x: Any, c: ndarray) -> Any:
    """Ascending Horner: ``c[0] + x*(c[1] + x*(...))``."""
    x = asarray(x)
    c0 = c[-1] + x * 0
    for i in range(2, len(c) + 1):
        c0 = c[-i] + c0 * x
    return c0


def _polydiv(c1: ndarray, c2: ndarray) -> tuple[ndarray, ndarray]:
    c1, c2 = _trimseq(c1), _trimseq(c2)
    if not bool((c2[-1] != 0)):
        raise ZeroDivisionError("Polynomial division by zero")
    lc1, lc2 = len(c1), len(c2)
    if lc1 < lc2:
        return c1[:1] * 0, c1
    if lc2 == 1:
        return c1 / c2[-1], c1[:1] * 0
    dlen = lc1 - lc2
    scl = c2[-1]
    c2 = c2[:-1] / scl
    c1 = c1.astype(c2.dtype) if c1.dtype != c2.dtype else c1.copy()
    i = dlen
    j = lc1 - 1
    while i >= 0:
        c1[i:j] -= c2 * c1[j]
        i -= 1
        j -= 1
    return c1[j + 1:] / scl, _trimseq(c1[: j + 1])


def _mapparms(old: Any, new: Any) -> tuple[Any, Any]:
    o0, o1 = old
    n0, n1 = new
    off = (o1 * n0 - o0 * n1) / (o1 - o0)
    scl = (n1 - n0) / (o1 - o0)
    return off, scl


def _companion_roots(c: ndarray) -> ndarray:
    if len(c) < 2:
        return asarray([], dtype=c.dtype)
    if len(c) == 2:
        return asarray([-c[0] / c[1]])
    n = len(c) - 1
    mat = zeros((n, n), dtype=c.dtype)
    for i in range(1, n):
        mat[i, i - 1] = 1
    mat[:, -1] -= c[:-1] / c[-1]
    m = mat[::-1, ::-1]
    r = _linalg.eigvals(m)
    vals = r.tolist()
    key = (lambda z: (z.real, z.imag)) if r.dtype.kind == "c" else None
    return asarray(sorted(vals, key=key), dtype=r.dtype)


def _vander(x: ndarray, deg: int) -> ndarray:
    v = ones((len(x), deg + 1), dtype=x.dtype)
    if deg > 0:
        v[:, 1] = x
        for i in range(2, deg + 1):
            v[:, i] = v[:, i - 1] * x
    return v


class Polynomial:
    """A power series ``c[0] + c[1] x + ... + c[n] x**n`` with a domain and a window."""

    domain = asarray([-1.0, 1.0])
    window = asarray([-1.0, 1.0])
    basis_name = None
    __hash__ = None  # type: ignore[assignment]
    __array_ufunc__ = None

    def __init__(self, coef: ArrayLike, domain: ArrayLike | None = None, window: ArrayLike | None = None,
                 symbol: str = "x") -> None:
        self.coef = _as_series(coef)
        if domain is not None:
            d = asarray(domain).astype(float64) if asarray(domain).dtype.kind not in "fc" else \
                asarray(domain)
            if len(d) != 2:
                raise ValueError("Domain has wrong number of elements.")
            self.domain = d
        if window is not None:
            w = asarray(window).astype(float64) if asarray(window).dtype.kind not in "fc" else \
                asarray(window)
            if len(w) != 2:
                raise ValueError("Window has wrong number of elements.")
            self.window = w
        if not isinstance(symbol, str) or not symbol.isidentifier():
            raise ValueError("Symbol string must be a valid Python identifier")
        self._symbol = symbol

    @property
    def symbol(self) -> str:
        return self._symbol

    # --- helpers -----------------------------------------------------------------------

    def _same(self, other: Polynomial) -> None:
        if not (self.domain == other.domain).all():
            raise TypeError("Domains differ")
        if not (self.window == other.window).all():
            raise TypeError("Windows differ")
        if self.symbol != other.symbol:
            raise ValueError("Polynomial symbols differ")

    def _other_coef(self, other: Any) -> ndarray:
        if isinstance(other, Polynomial):
            self._same(other)
            return other.coef
        if isinstance(other, ndarray) and other.ndim > 0:
            raise TypeError("Operand is not a scalar or a Polynomial")
        return _as_series(other)

    def _new(self, coef: Any) -> Polynomial:
        return self.__class__(coef, self.domain, self.window, self.symbol)

    def mapparms(self) -> tuple[Any, Any]:
        """``(off, scl)`` with ``window = off + scl * domain``."""
        return _mapparms(self.domain.tolist(), self.window.tolist())

    # --- evaluation, calculus, roots ---------------------------------------------------

    def __call__(self, arg: ArrayLike) -> Any:
        off, scl = self.mapparms()
        x = off + scl * asarray(arg)
        r = _polyval(x, self.coef)
        return r[()] if isinstance(r, ndarray) and r.ndim == 0 else r

    def degree(self) -> int:
        return len(self) - 1

    def __len__(self) -> int:
        return len(self.coef)

    def deriv(self, m: int = 1) -> Polynomial:
        """Derivative of order ``m``."""
        m = operator.index(m)
        if m < 0:
            raise ValueError("The order of derivation must be non-negative")
        off, scl = self.mapparms()
        c = self.coef.copy()
        for _ in range(m):
            n = len(c)
            if n <= 1:
                c = c[:1] * 0
                break
            c = c[1:] * asarray(list(range(1, n)), dtype=c.dtype) * scl
        return self._new(c)

    def integ(self, m: int = 1, k: ArrayLike = (), lbnd: float | None = None) -> Polynomial:
        """Integral of order ``m`` with constants ``k`` and lower bound ``lbnd``."""
        m = operator.index(m)
        if m < 0:
            raise ValueError("The order of integration must be non-negative")
        off, scl = self.mapparms()
        lb = 0 if lbnd is None else off + scl * lbnd
        ks = list(asarray(k).reshape(-1).tolist()) if not isinstance(k, (list, tuple)) else \
            list(k)
        if len(ks) > m:
            raise ValueError("Too many integration constants")
        ks = ks + [0] * (m - len(ks))
        c = self.coef.copy()
        iscl = 1.0 / scl
        for i in range(m):
            n = len(c)
            c = c * iscl
            if n == 1 and bool((c[0] == 0)):
                c[0] += ks[i]
            else:
                tmp = zeros((n + 1,), dtype=c.dtype)
                tmp[1:] = c / asarray(list(range(1, n + 1)), dtype=c.dtype)
                tmp[0] += ks[i] - _polyval(lb, tmp)
                c = tmp
        return self._new(c)

    def roots(self) -> ndarray:
        """Roots, in the domain (sorted)."""
        r = _companion_roots(_trimseq(self.coef))
        off, scl = _mapparms(self.window.tolist(), self.domain.tolist())
        return off + scl * r

    # --- construction ------------------------------------------------------------------

    @classmethod
    def fit(cls, x: ArrayLike, y: ArrayLike, deg: int | ArrayLike, domain: ArrayLike | None = None, rcond: float | None = None,
            full: bool = False, w: ArrayLike | None = None, window: ArrayLike | None = None,
            symbol: str = "x") -> Any:
        """Least-squares fit of the data; the domain defaults to ``[x.min(), x.max()]``."""
        x = asarray(x) + 0.0
        y = asarray(y) + 0.0
        if domain is None:
            domain = [float(x.min()), float(x.max())]
        elif isinstance(domain, (list, tuple)) and len(domain) == 0:
            domain = cls.domain.tolist()
        if window is None:
            window = cls.window.tolist()
        off, scl = _mapparms(list(asarray(domain).tolist()), list(asarray(window).tolist()))
        xnew = off + scl * x
        res = _fit(xnew, y, deg, rcond, full, w)
        if full:
            coef, status = res
            return cls(coef, domain=domain, window=window, symbol=symbol), status
        return cls(res, domain=domain, window=window, symbol=symbol)

    @classmethod
    def fromroots(cls, roots: ArrayLike, domain: ArrayLike | None = (), window: ArrayLike | None = None,
                  symbol: str = "x") -> Polynomial:
        """The monic polynomial with these roots."""
        r = asarray(roots).reshape(-1)
        if r.dtype.kind not in "fc":
            r = r.astype(float64)
        if domain is None:
            domain = [float(r.real.min()), float(r.real.max())] if r.size else [-1.0, 1.0]
        elif isinstance(domain, (list, tuple)) and len(domain) == 0:
            domain = cls.domain.tolist()
        if window is None:
            window = cls.window.tolist()
        off, scl = _mapparms(list(asarray(domain).tolist()), list(asarray(window).tolist()))
        rnew = off + scl * r
        c = ones((1,), dtype=rnew.dtype)
        for z in rnew.tolist():
            step = zeros((2,), dtype=c.dtype)
            step[0] = -z
            step[1] = 1
            c = _convolve(c, step)
        c = c / scl ** len(r)
        return cls(c, domain=domain, window=window, symbol=symbol)

    @classmethod
    def identity(cls, domain: ArrayLike | None = None, window: ArrayLike | None = None, symbol: str = "x") -> Polynomial:
        """The identity ``x`` as a series in this domain/window."""
        d = cls.domain.tolist() if domain is None else list(asarray(domain).tolist())
        w = cls.window.tolist() if window is None else list(asarray(window).tolist())
        off, scl = _mapparms(w, d)
        return cls([off, scl], domain=d, window=w, symbol=symbol)

    @classmethod
    def basis(cls, deg: int, domain: ArrayLike | None = None, window: ArrayLike | None = None,
              symbol: str = "x") -> Polynomial:
        """The basis polynomial ``x**deg``."""
        deg = operator.index(deg)
        if deg < 0:
            raise ValueError("deg must be non-negative integer")
        c = zeros((deg + 1,), dtype=float64)
        c[deg] = 1
        return cls(c, domain=domain, window=window, symbol=symbol)

    def copy(self) -> Polynomial:
        return self._new(self.coef.copy())

    def trim(self, tol: float = 0) -> Polynomial:
        """Remove trailing coefficients with ``|c| <= tol`` (keeping one)."""
        vals = self.coef.tolist()
        i = len(vals) - 1
        while i > 0 and abs(vals[i]) <= tol:
            i -= 1
        return self._new(self.coef[: i + 1])

    def truncate(self, size: int) -> Polynomial:
        isize = int(size)
        if isize != size or isize < 1:
            raise ValueError("size must be a positive integer")
        return self._new(self.coef[:isize])

    def cutdeg(self, deg: int) -> Polynomial:
        return self.truncate(deg + 1)

    def linspace(self, n: int = 100, domain: ArrayLike | None = None) -> tuple[ndarray, ndarray]:
        """``n`` equally spaced points of the domain and the values there."""
        from .._core import linspace

        d = self.domain if domain is None else asarray(domain)
        x = linspace(float(d[0]), float(d[1]), n)
        return x, self(x)

    def has_samecoef(self, other: Polynomial) -> bool:
        return len(self.coef) == len(other.coef) and bool((self.coef == other.coef).all())

    def has_samedomain(self, other: Polynomial) -> bool:
        return bool((self.domain == other.domain).all())

    def has_samewindow(self, other: Polynomial) -> bool:
        return bool((self.window == other.window).all())

    # --- arithmetic ----------------------------------------------------------------------

    def __neg__(self) -> Polynomial:
        return self._new(-self.coef)

    def __pos__(self) -> Polynomial:
        return self

    def __add__(self, other: Polynomial | ArrayLike) -> Polynomial:
        try:
            oc = self._other_coef(other)
        except Exception:
            return NotImplemented
        return self._new(_pad_add(self.coef, oc, 1))

    def __sub__(self, other: Polynomial | ArrayLike) -> Polynomial:
        try:
            oc = self._other_coef(other)
        except Exception:
            return NotImplemented
        return self._new(_pad_add(self.coef, oc, -1))

    def __mul__(self, other: Polynomial | ArrayLike) -> Polynomial:
        try:
            oc = self._other_coef(other)
        except Exception:
            return NotImplemented
        return self._new(_trimseq(_convolve(_trimseq(self.coef), _trimseq(oc))))

    def __truediv__(self, other: complex) -> Polynomial:
        import numbers

        if not isinstance(other, numbers.Number) or isinstance(other, bool):
            raise TypeError(f"unsupported types for true division: '{type(self)}', "
                            f"'{type(other)}'")
        return self.__floordiv__(other)

    def __floordiv__(self, other: Polynomial | ArrayLike) -> Any:
        res = self.__divmod__(other)
        return res if res is NotImplemented else res[0]

    def __mod__(self, other: Polynomial | ArrayLike) -> Any:
        res = self.__divmod__(other)
        return res if res is NotImplemented else res[1]

    def __divmod__(self, other: Polynomial | ArrayLike) -> tuple[Polynomial, Polynomial]:
        try:
            oc = self._other_coef(other)
        except Exception:
            return NotImplemented
        q, r = _polydiv(self.coef, oc)
        return self._new(q), self._new(r)

    def __pow__(self, other: SupportsIndex) -> Polynomial:
        n = operator.index(other)
        if n < 0:
            raise ValueError("Power must be a non-negative integer.")
        c = ones((1,), dtype=self.coef.dtype)
        base = _trimseq(self.coef)
        for _ in range(n):
            c = _convolve(c, base)
        return self._new(_trimseq(c))

    def __radd__(self, other: Polynomial | ArrayLike) -> Polynomial:
        return self.__add__(other)

    def __rsub__(self, other: Polynomial | ArrayLike) -> Polynomial:
        try:
            oc = self._other_coef(other)
        except Exception:
            return NotImplemented
        return self._new(_pad_add(oc, self.coef, -1))

    def __rmul__(self, other: Polynomial | ArrayLike) -> Polynomial:
        return self.__mul__(other)

    def __rfloordiv__(self, other: Polynomial | ArrayLike) -> Any:
        res = self.__rdivmod__(other)
        return res if res is NotImplemented else res[0]

    def __rmod__(self, other: Polynomial | ArrayLike) -> Any:
        res = self.__rdivmod__(other)
        return res if res is NotImplemented else res[1]

    def __rdivmod__(self, other: Polynomial | ArrayLike) -> tuple[Polynomial, Polynomial]:
        try:
            oc = self._other_coef(other)
        except Exception:
            return NotImplemented
        q, r = _polydiv(oc, self.coef)
        return self._new(q), self._new(r)

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, self.__class__)
                and self.has_samedomain(other) and self.has_samewindow(other)
                and self.has_samecoef(other) and self.symbol == other.symbol)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __repr__(self) -> str:
        coef = repr(self.coef)[6:-1]
        domain = repr(self.domain)[6:-1]
        window = repr(self.window)[6:-1]
        return (f"{self.__class__.__name__}({coef}, domain={domain}, window={window}, "
                f"symbol='{self.symbol}')")


def _fit(x: ndarray, y: ndarray, deg: Any, rcond: Any, full: bool, w: Any) -> Any:
    """NumPy's ``polynomial.polyutils._fit`` for the power basis."""
    deg = operator.index(deg)
    if deg < 0:
        raise ValueError("expected deg >= 0")
    if x.ndim != 1:
        raise TypeError("expected 1D vector for x")
    if x.size == 0:
        raise TypeError("expected non-empty vector for x")
    if y.ndim < 1 or y.ndim > 2:
        raise TypeError("expected 1D or 2D array for y")
    if len(x) != len(y):
        raise TypeError("expected x and y to have same length")
    order = deg + 1
    van = _vander(x, deg)
    lhs = van.T
    rhs = y.T
    if w is not None:
        w = asarray(w) + 0.0
        if w.ndim != 1:
            raise TypeError("expected 1D vector for w")
        if len(x) != len(w):
            raise TypeError("expected x and w to have same length")
        lhs = lhs * w
        rhs = rhs * w
    if rcond is None:
        rcond = len(x) * (1.1920928955078125e-07 if x.dtype.itemsize == 4 else
                          2.220446049250313e-16)
    if lhs.dtype.kind == "c":
        scl = ((lhs.real * lhs.real + lhs.imag * lhs.imag).sum(axis=1)) ** 0.5
    else:
        scl = ((lhs * lhs).sum(axis=1)) ** 0.5
    scl[scl == 0] = 1
    c, resids, rank, s = _linalg.lstsq(lhs.T / scl, rhs.T, rcond)
    c = (c.T / scl).T
    if rank != order and not full:
        warnings.warn("The fit may be poorly conditioned", RankWarning, stacklevel=2)
    if full:
        return c, [resids, rank, s, rcond]
    return c
