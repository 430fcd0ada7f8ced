# mypy: disable-error-code="overload-overlap"
"""`oxarray.linalg`: NumPy's ``numpy.linalg`` over oxarray arrays.

The factorizations are generalized ufuncs of the Rust core (``oxarray._core._linalg_gufunc``,
NumPy's ``_umath_linalg``), so every function takes stacks of matrices ``(..., M, N)`` and
broadcasts the stack axes. This module does what NumPy's ``_linalg.py`` does around them:
argument checks with NumPy's messages, the computation and result dtypes (``_common_type``:
integers compute in float64; float32 inputs compute in float64 and return float32, as
NumPy does), output shapes with ``min(M, N)`` that no input carries, and the named tuples.
Composite functions (``lstsq``, ``pinv``, ``matrix_rank``, ``norm``, ``cond``,
``tensorsolve``, ``tensorinv``, ``multi_dot``, ``matrix_power``) follow NumPy's algorithms
over the gufuncs, ``matmul`` and the reductions.
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .._core import ArrayLike

from .. import _core
from .._core import (
    abs as _abs,
    conjugate as _conj,
    asarray,
    dtype as _dtype,
    empty,
    int32,
    matmul,
    ndarray,
    sqrt as _sqrt,
    zeros,
)

from typing import TYPE_CHECKING, overload  # noqa: E402,F811 - the typed overloads below

if TYPE_CHECKING:
    from collections.abc import Sequence  # noqa: F401
    from typing import Literal, SupportsIndex, TypeVar  # noqa: F401

    from .._core import ArrayLike, DTypeLike, _AxisLike, _NestedSequence, _NumberLike, _ShapeLike, generic  # noqa: F401
    from .._core import bool as bool_  # noqa: F401
    from .._core import ndarray as ndarray  # noqa: F401
    from .._core import int32  # noqa: F401

    _ArrayT = TypeVar("_ArrayT", bound=ndarray)

float32 = _dtype("float32")
float64 = _dtype("float64")
complex64 = _dtype("complex64")
complex128 = _dtype("complex128")

__all__ = [
    "LinAlgError", "EigResult", "EighResult", "QRResult", "SlogdetResult", "SVDResult",
    "cholesky", "cond", "det", "eig", "eigh", "eigvals", "eigvalsh", "inv", "lstsq",
    "matmul", "matrix_norm", "matrix_power", "matrix_rank", "multi_dot", "norm", "pinv",
    "qr", "slogdet", "solve", "svd", "svdvals", "tensorinv", "tensorsolve", "vector_norm",
    "cross", "diagonal", "matrix_transpose", "outer", "tensordot", "trace", "vecdot",
]


class LinAlgError(ValueError):
    """A linear-algebra routine failed: a singular matrix, a matrix that is not positive
    definite, a decomposition that did not converge, or bad dimensions (NumPy's
    ``numpy.linalg.LinAlgError``, a ``ValueError``)."""


LinAlgError.__module__ = "oxarray.linalg"


class EigResult(NamedTuple):
    eigenvalues: ndarray
    eigenvectors: ndarray


class EighResult(NamedTuple):
    eigenvalues: ndarray
    eigenvectors: ndarray


class QRResult(NamedTuple):
    Q: ndarray
    R: ndarray


class SlogdetResult(NamedTuple):
    sign: Any
    logabsdet: Any


class SVDResult(NamedTuple):
    U: ndarray
    S: ndarray
    Vh: ndarray


_GUFUNCS: dict[str, Any] = {}
_LINALG_MESSAGES = frozenset(_core._linalg_info()[1])


def _gufunc(name: str) -> Any:
    g = _GUFUNCS.get(name)
    if g is None:
        g = _GUFUNCS[name] = _core._linalg_gufunc(name)
    return g


def _call(name: str, *args: Any, **kwargs: Any) -> Any:
    """Call a linalg gufunc; its failures (NumPy's messages) become ``LinAlgError``."""
    try:
        return _gufunc(name)(*args, **kwargs)
    except ValueError as e:
        if str(e) in _LINALG_MESSAGES:
            raise LinAlgError(str(e)) from None
        raise


# --- dtypes ---------------------------------------------------------------------------

def _is_complex(dt: Any) -> bool:
    return dt.kind == "c"


def _common_type(*arrays: ndarray) -> tuple[Any, Any]:
    """NumPy's ``_commonType``: (computation dtype, result dtype)."""
    single = True
    is_complex = False
    for a in arrays:
        dt = a.dtype
        if dt.kind in "fc":
            if dt.kind == "c":
                is_complex = True
            if dt in (float64, complex128):
                single = False
            elif dt not in (float32, complex64):
                raise TypeError(f"array type {dt.name} is unsupported in linalg")
        else:
            single = False
    if is_complex:
        return complex128, (complex64 if single else complex128)
    return float64, (float32 if single else float64)


def _real_type(t: Any) -> Any:
    return {complex128: float64, complex64: float32}.get(t, t)


def _complex_type(t: Any) -> Any:
    return {float64: complex128, float32: complex64}.get(t, t)


def _arr(a: Any) -> ndarray:
    return asarray(a)


def _as(a: ndarray, t: Any) -> ndarray:
    return a if a.dtype == t else a.astype(t)


def _scalar(r: ndarray) -> Any:
    """A 0-d result as a scalar (NumPy's gufuncs return scalars for 0-d outputs)."""
    return r[()] if isinstance(r, ndarray) and r.ndim == 0 else r


# --- checks ---------------------------------------------------------------------------

def _assert_stacked_2d(*arrays: ndarray) -> None:
    for a in arrays:
        if a.ndim < 2:
            raise LinAlgError(
                f"{a.ndim}-dimensional array given. Array must be at least two-dimensional")


def _assert_2d(*arrays: ndarray) -> None:
    for a in arrays:
        if a.ndim != 2:
            raise LinAlgError(
                f"{a.ndim}-dimensional array given. Array must be two-dimensional")


def _assert_stacked_square(*arrays: ndarray) -> None:
    for a in arrays:
        if a.shape[-2] != a.shape[-1]:
            raise LinAlgError("Last 2 dimensions of the array must be square")


def _assert_finite(*arrays: ndarray) -> None:
    for a in arrays:
        if not bool(_core.isfinite(a).all()):
            raise LinAlgError("Array must not contain infs or NaNs")


def _is_empty_2d(a: ndarray) -> bool:
    return a.size == 0 and a.shape[-1] * a.shape[-2] == 0


def _mT(a: ndarray) -> ndarray:
    return a.swapaxes(-1, -2)


# --- solve, inv, det ------------------------------------------------------------------

def solve(a: ArrayLike, b: ArrayLike) -> ndarray:
    """Solve ``a @ x = b`` for ``x`` (``b`` a vector only when it is 1-D, as NumPy 2)."""
    a, b = _arr(a), _arr(b)
    _assert_stacked_2d(a)
    _assert_stacked_square(a)
    t, result_t = _common_type(a, b)
    name = "solve1" if b.ndim == 1 else "solve"
    r = _call(name, _as(a, t), _as(b, t))
    return _as(r, result_t)


def inv(a: ArrayLike) -> ndarray:
    """The inverse of each square matrix of a stack."""
    a = _arr(a)
    _assert_stacked_2d(a)
    _assert_stacked_square(a)
    t, result_t = _common_type(a)
    return _as(_call("inv", _as(a, t)), result_t)


def det(a: ArrayLike) -> Any:
    """The determinant of each square matrix of a stack."""
    a = _arr(a)
    _assert_stacked_2d(a)
    _assert_stacked_square(a)
    t, result_t = _common_type(a)
    return _scalar(_as(_call("det", _as(a, t)), result_t))


def slogdet(a: ArrayLike) -> SlogdetResult:
    """Sign and natural log of the absolute value of the determinant."""
    a = _arr(a)
    _assert_stacked_2d(a)
    _assert_stacked_square(a)
    t, result_t = _common_type(a)
    sign, logdet = _call("slogdet", _as(a, t))
    return SlogdetResult(_scalar(_as(sign, result_t)), _scalar(_as(logdet, _real_type(result_t))))


# --- cholesky, qr ----------------------------------------------------------------------

def cholesky(a: ArrayLike, /, *, upper: bool = False) -> ndarray:
    """Cholesky factor: lower ``L`` with ``a = L @ L^H`` (``upper=True``: ``U^H @ U``)."""
    a = _arr(a)
    _assert_stacked_2d(a)
    _assert_stacked_square(a)
    t, result_t = _common_type(a)
    r = _call("cholesky_up" if upper else "cholesky_lo", _as(a, t))
    return _as(r, result_t)


def _outs(shapes: list[tuple[int, ...]], dtypes: list[Any]) -> tuple[ndarray, ...]:
    return tuple(zeros(s, dtype=d) for s, d in zip(shapes, dtypes))


@overload
def qr(a: ArrayLike, mode: Literal["reduced", "complete"] = ...) -> QRResult: ...
@overload
def qr(a: ArrayLike, mode: Literal["r"]) -> ndarray: ...
@overload
def qr(a: ArrayLike, mode: Literal["raw"]) -> tuple[ndarray, ndarray]: ...
def qr(a: ArrayLike, mode: str = "reduced") -> Any:
    """QR decomposition (``mode``: 'reduced', 'complete', 'r' or 'raw')."""
    if mode not in ("reduced", "complete", "r", "raw"):
        raise ValueError(f"Unrecognized mode '{mode}'")
    a = _arr(a)
    _assert_stacked_2d(a)
    m, n = a.shape[-2:]
    k = min(m, n)
    batch = tuple(a.shape[:-2])
    t, result_t = _common_type(a)
    a = _as(a, t)
    if mode == "r":
        (r,) = _outs([batch + (k, n)], [t])
        _call("qr_r", a, out=(r,))
        return _as(r, result_t)
    if mode == "raw":
        h, tau = _outs([batch + (n, m), batch + (k,)], [t, t])
        _call("qr_raw", a, out=(h, tau))
        return _as(h, result_t), _as(tau, result_t)
    if mode == "complete" and m > n:
        q, r = _outs([batch + (m, m), batch + (m, n)], [t, t])
        _call("qr_complete", a, out=(q, r))
    else:
        q, r = _outs([batch + (m, k), batch + (k, n)], [t, t])
        _call("qr_reduced", a, out=(q, r))
    return QRResult(_as(q, result_t), _as(r, result_t))


# --- eigen -----------------------------------------------------------------------------

def eigvals(a: ArrayLike) -> ndarray:
    """Eigenvalues of general square matrices (real when all are real, for real input)."""
    a = _arr(a)
    _assert_stacked_2d(a)
    _assert_stacked_square(a)
    _assert_finite(a)
    t, result_t = _common_type(a)
    w = _call("eigvals", _as(a, t))
    if not _is_complex(t) and bool((w.imag == 0).all()):
        return _as(w.real, result_t)
    return _as(w, _complex_type(result_t))


def eig(a: ArrayLike) -> EigResult:
    """Eigenvalues and right eigenvectors (unit 2-norm columns) of square matrices."""
    a = _arr(a)
    _assert_stacked_2d(a)
    _assert_stacked_square(a)
    _assert_finite(a)
    t, result_t = _common_type(a)
    w, v = _call("eig", _as(a, t))
    if not _is_complex(t) and bool((w.imag == 0).all()):
        return EigResult(_as(w.real, result_t), _as(v.real, result_t))
    ct = _complex_type(result_t)
    return EigResult(_as(w, ct), _as(v, ct))


def _uplo(UPLO: str) -> str:
    u = UPLO.upper() if isinstance(UPLO, str) else UPLO
    if u not in ("L", "U"):
        raise ValueError("UPLO argument must be 'L' or 'U'")
    return "lo" if u == "L" else "up"


def eigvalsh(a: ArrayLike, UPLO: str = "L") -> ndarray:
    """Eigenvalues (ascending, real) of Hermitian matrices from one triangle."""
    side = _uplo(UPLO)
    a = _arr(a)
    _assert_stacked_2d(a)
    _assert_stacked_square(a)
    t, result_t = _common_type(a)
    w = _call(f"eigvalsh_{side}", _as(a, t))
    return _as(w, _real_type(result_t))


def eigh(a: ArrayLike, UPLO: str = "L") -> EighResult:
    """Eigenvalues (ascending) and orthonormal eigenvectors of Hermitian matrices."""
    side = _uplo(UPLO)
    a = _arr(a)
    _assert_stacked_2d(a)
    _assert_stacked_square(a)
    t, result_t = _common_type(a)
    w, v = _call(f"eigh_{side}", _as(a, t))
    return EighResult(_as(w, _real_type(result_t)), _as(v, result_t))


# --- svd and friends -----------------------------------------------------------------------

@overload
def svd(a: ArrayLike, full_matrices: bool = ..., compute_uv: Literal[True] = ..., hermitian: bool = ...) -> SVDResult: ...
@overload
def svd(a: ArrayLike, full_matrices: bool, compute_uv: Literal[False], hermitian: bool = ...) -> ndarray: ...
@overload
def svd(a: ArrayLike, full_matrices: bool = ..., *, compute_uv: Literal[False], hermitian: bool = ...) -> ndarray: ...
def svd(a: ArrayLike, full_matrices: bool = True, compute_uv: bool = True,
        hermitian: bool = False) -> Any:
    """Singular value decomposition ``a = U @ diag(S) @ Vh`` (S descending)."""
    # hermitian=True computes the same decomposition through the general SVD (NumPy goes
    # through eigh); the singular values are the same, U and Vh may differ in phase.
    a = _arr(a)
    _assert_stacked_2d(a)
    m, n = a.shape[-2:]
    k = min(m, n)
    batch = tuple(a.shape[:-2])
    t, result_t = _common_type(a)
    rt = _real_type(t)
    a = _as(a, t)
    if not compute_uv:
        (s,) = _outs([batch + (k,)], [rt])
        _call("svd_n", a, out=(s,))
        return _as(s, _real_type(result_t))
    if full_matrices:
        u, s, vh = _outs([batch + (m, m), batch + (k,), batch + (n, n)], [t, rt, t])
        _call("svd_f", a, out=(u, s, vh))
    else:
        u, s, vh = _outs([batch + (m, k), batch + (k,), batch + (k, n)], [t, rt, t])
        _call("svd_s", a, out=(u, s, vh))
    return SVDResult(_as(u, result_t), _as(s, _real_type(result_t)), _as(vh, result_t))


def svdvals(x: ArrayLike, /) -> ndarray:
    """The singular values of each matrix of a stack (descending)."""
    return svd(x, compute_uv=False, hermitian=False)


class _NoValueType:
    def __repr__(self) -> str:
        return "<no value>"


_NoValue: Any = _NoValueType()


def _eps(dt: Any) -> float:
    return {float32: 1.1920928955078125e-07, complex64: 1.1920928955078125e-07}.get(
        dt, 2.220446049250313e-16)


def pinv(a: ArrayLike, rcond: Any = None, hermitian: bool = False, *, rtol: Any = _NoValue) -> ndarray:
    """Moore-Penrose pseudo-inverse through the SVD (singular values below
    ``rcond * max(S)`` count as zero)."""
    a = _arr(a)
    if rcond is None:
        if rtol is _NoValue:
            rcond = 1e-15
        elif rtol is None:
            if a.dtype.kind not in "fc":
                raise ValueError(f"data type {a.dtype} not inexact")
            rcond = max(a.shape[-2:]) * _eps(a.dtype)
        else:
            rcond = rtol
    elif rtol is not _NoValue:
        raise ValueError("`rtol` and `rcond` can't be both set.")
    if _is_empty_2d(a):
        m, n = a.shape[-2:]
        return empty(tuple(a.shape[:-2]) + (n, m), dtype=a.dtype)
    a = _conj(a)
    u, s, vt = svd(a, full_matrices=False, hermitian=hermitian)
    rc = asarray(rcond)
    cutoff = rc[..., None] * s.max(axis=-1, keepdims=True)
    large = s > cutoff
    s = _core.divide(1, s, where=large, out=zeros(s.shape, dtype=s.dtype))
    return matmul(_mT(vt), s[..., None] * _mT(u))


def matrix_rank(A: ArrayLike, tol: ArrayLike | None = None, hermitian: bool = False, *, rtol: ArrayLike | None = None) -> Any:
    """Number of singular values above the tolerance, per matrix of a stack."""
    A = _arr(A)
    if A.ndim < 2:
        return int(not bool((A == 0).all()))
    S = svd(A, compute_uv=False, hermitian=hermitian)
    if tol is None:
        if rtol is None:
            rtol = max(A.shape[-2:]) * _eps(S.dtype)
        else:
            rtol = asarray(rtol)[..., None]
        tol = S.max(axis=-1, keepdims=True) * rtol
    else:
        tol = asarray(tol)[..., None]
    return _scalar((S > tol).sum(axis=-1))


_TSQR_ROWS = 8192


def _tall_qr_r(ab: ndarray) -> ndarray:
    """``qr(ab, mode='r')``; for a tall, narrow ``ab`` by TSQR: the R factors of blocks of
    ``_TSQR_ROWS`` rows (one batched QR, each block in cache), stacked with the leftover
    rows and factored again. Orthogonal transformations only, so as stable as one QR,
    and several times faster than a Householder QR sweeping the whole height per column."""
    m, nc = ab.shape
    if nc > 64 or m < 4 * _TSQR_ROWS:
        r: ndarray = qr(ab, mode="r")
        return r
    q = m // _TSQR_ROWS
    head = ab[: q * _TSQR_ROWS]
    if not head.flags.c_contiguous:
        head = head.copy()
    parts = qr(head.reshape(q, _TSQR_ROWS, nc), mode="r").reshape(q * nc, nc)
    r = qr(_core.concatenate((parts, ab[q * _TSQR_ROWS:]), axis=0), mode="r")
    return r


def lstsq(a: ArrayLike, b: ArrayLike, rcond: float | None = None) -> tuple[ndarray, ndarray, int32, ndarray]:
    """Least-squares solution of ``a @ x = b``: ``(x, residuals, rank, s)`` as NumPy
    (residuals only when ``rank == N`` and ``M > N``)."""
    a, b = _arr(a), _arr(b)
    is_1d = b.ndim == 1
    if is_1d:
        b = b[:, None]
    _assert_2d(a, b)
    m, n = a.shape[-2:]
    m2, n_rhs = b.shape[-2:]
    if m != m2:
        raise LinAlgError("Incompatible dimensions")
    t, result_t = _common_type(a, b)
    real_t = _real_type(result_t)
    if rcond is None:
        rcond = _eps(t) * max(n, m)
    a, b = _as(a, t), _as(b, t)
    k = min(m, n)
    if k == 0:
        x = zeros((n, n_rhs), dtype=t)
        s = zeros((0,), dtype=_real_type(t))
        rank = 0
    elif m >= n:
        # Tall: one QR of [a | b] gives R (a = QR), Q^H b and, in the trailing block, the
        # residuals' norms; the SVD is then of the n x n R (same singular values as a, and
        # pinv(a) = pinv(R) Q^H since Q has orthonormal columns). Conditioning as the SVD
        # of a (no normal equations), one pass over a instead of U, U^H b and a @ x - b.
        r_all = _tall_qr_r(_core.concatenate((a, b), axis=1))
        u, s, vh = svd(r_all[:n, :n], full_matrices=False)
        cutoff = float(rcond) * float(s[0]) if rcond >= 0 else 0.0
        keep = s > cutoff
        rank = int(keep.sum())
        inv_s = _core.divide(1, s, where=keep, out=zeros(s.shape, dtype=s.dtype))
        x = matmul(_conj(_mT(vh)), inv_s[:, None] * matmul(_conj(_mT(u)), r_all[:n, n:]))
        if rank == n and m > n:
            tail = r_all[n:, n:]
            resids = (tail.real * tail.real + tail.imag * tail.imag).sum(axis=0) if (
                _is_complex(t)) else (tail * tail).sum(axis=0)
            if is_1d:
                resids = resids.reshape(-1)
        else:
            resids = empty((0,), dtype=real_t)
        if is_1d:
            x = x[:, 0]
        return (_as(x, result_t).copy(), _as(resids, real_t), int32(rank),
                _as(s, real_t))
    else:
        u, s, vh = svd(a, full_matrices=False)
        cutoff = float(rcond) * float(s[0]) if rcond >= 0 else 0.0
        keep = s > cutoff
        rank = int(keep.sum())
        inv_s = _core.divide(1, s, where=keep, out=zeros(s.shape, dtype=s.dtype))
        x = matmul(_conj(_mT(vh)), inv_s[:, None] * matmul(_conj(_mT(u)), b))
    if rank == n and m > n:
        r = matmul(a, x) - b
        resids = (r.real * r.real + r.imag * r.imag).sum(axis=0) if _is_complex(t) else (
            r * r).sum(axis=0)
        if is_1d:
            resids = resids.reshape(-1)
    else:
        resids = empty((0,), dtype=real_t)
    if is_1d:
        x = x[:, 0]
    return (_as(x, result_t).copy(), _as(resids, real_t), int32(rank),
            _as(s, real_t))


# --- norms ---------------------------------------------------------------------------------

def _multi_svd_norm(x: ndarray, row_axis: int, col_axis: int, op: str) -> Any:
    y = _core.moveaxis(x, (row_axis, col_axis), (-2, -1))
    s = svd(y, compute_uv=False)
    return getattr(s, op)(axis=-1)


def _norm_axis(ax: Any, nd: int) -> int:
    ax = operator.index(ax)
    if ax < -nd or ax >= nd:
        from ..exceptions import AxisError

        raise AxisError(f"axis {ax} is out of bounds for array of dimension {nd}")
    return ax % nd


def norm(x: ArrayLike, ord: float | str | None = None, axis: Any = None, keepdims: bool = False) -> Any:
    """Matrix or vector norm (NumPy's ``ord`` values for vectors and matrices)."""
    x = _arr(x)
    if x.dtype.kind not in "fc":
        x = x.astype(float64)
    if axis is None:
        nd = x.ndim
        if ord is None or (ord in ("f", "fro") and nd == 2) or (ord == 2 and nd == 1):
            x = x.ravel()
            if _is_complex(x.dtype):
                xr, xi = x.real, x.imag
                sqnorm = (xr * xr).sum() + (xi * xi).sum()
            else:
                sqnorm = (x * x).sum()
            ret: Any = _sqrt(sqnorm)
            if keepdims:
                ret = asarray(ret).reshape(tuple(nd * [1]))
            return _scalar(ret)
    nd = x.ndim
    if axis is None:
        axis = tuple(range(nd))
    elif not isinstance(axis, tuple):
        try:
            axis = int(axis)
        except Exception as e:
            raise TypeError("'axis' must be None, an integer or a tuple of integers") from e
        axis = (axis,)
    if len(axis) == 1:
        if ord == float("inf"):
            return _scalar(_abs(x).max(axis=axis, keepdims=keepdims))
        if ord == -float("inf"):
            return _scalar(_abs(x).min(axis=axis, keepdims=keepdims))
        if ord == 0:
            return _scalar((x != 0).astype(x.real.dtype).sum(axis=axis, keepdims=keepdims))
        if ord == 1:
            return _scalar(_abs(x).sum(axis=axis, keepdims=keepdims))
        if ord is None or ord == 2:
            s = (_conj(x) * x).real
            return _scalar(_sqrt(s.sum(axis=axis, keepdims=keepdims)))
        if isinstance(ord, str):
            raise ValueError(f"Invalid norm order '{ord}' for vectors")
        absx = _abs(x)
        absx = absx ** ord
        ret = absx.sum(axis=axis, keepdims=keepdims)
        ret = ret ** (1.0 / ord)
        return _scalar(ret)
    if len(axis) == 2:
        row_axis, col_axis = (_norm_axis(a, nd) for a in axis)
        if row_axis == col_axis:
            raise ValueError("Duplicate axes given.")
        if ord == 2:
            ret = _multi_svd_norm(x, row_axis, col_axis, "max")
        elif ord == -2:
            ret = _multi_svd_norm(x, row_axis, col_axis, "min")
        elif ord == 1:
            if col_axis > row_axis:
                col_axis -= 1
            ret = _abs(x).sum(axis=row_axis).max(axis=col_axis)
        elif ord == float("inf"):
            if row_axis > col_axis:
                row_axis -= 1
            ret = _abs(x).sum(axis=col_axis).max(axis=row_axis)
        elif ord == -1:
            if col_axis > row_axis:
                col_axis -= 1
            ret = _abs(x).sum(axis=row_axis).min(axis=col_axis)
        elif ord == -float("inf"):
            if row_axis > col_axis:
                row_axis -= 1
            ret = _abs(x).sum(axis=col_axis).min(axis=row_axis)
        elif ord in (None, "fro", "f"):
            ret = _sqrt((_conj(x) * x).real.sum(axis=axis))
        elif ord == "nuc":
            ret = _multi_svd_norm(x, row_axis, col_axis, "sum")
        else:
            raise ValueError("Invalid norm order for matrices.")
        if keepdims:
            ret_shape = list(x.shape)
            ret_shape[axis[0]] = 1
            ret_shape[axis[1]] = 1
            ret = asarray(ret).reshape(tuple(ret_shape))
        return _scalar(ret)
    raise ValueError("Improper number of dimensions to norm.")


def vector_norm(x: ArrayLike, /, *, axis: Any = None, keepdims: bool = False, ord: float = 2) -> Any:
    """Vector norm over ``axis`` (all axes when None, the array flattened)."""
    x = _arr(x)
    shape = list(x.shape)
    if axis is None:
        x = x.ravel()
        _axis = 0
    elif isinstance(axis, tuple):
        normalized = tuple(_norm_axis(a, x.ndim) for a in axis)
        rest = tuple(i for i in range(x.ndim) if i not in normalized)
        newshape = (-1,) + tuple(x.shape[i] for i in rest)
        x = x.transpose(normalized + rest).reshape(newshape)
        _axis = 0
    else:
        _axis = axis
    res = norm(x, axis=_axis, ord=ord)
    if keepdims:
        if axis is None:
            shape = [1] * len(shape)
        else:
            axes = axis if isinstance(axis, tuple) else (axis,)
            for a in axes:
                shape[_norm_axis(a, len(shape))] = 1
        res = asarray(res).reshape(tuple(shape))
    return _scalar(asarray(res)) if not isinstance(res, ndarray) else res


def matrix_norm(x: ArrayLike, /, *, keepdims: bool = False, ord: float | str | None = "fro") -> Any:
    """Matrix norm of each matrix of a stack (the last two axes)."""
    x = _arr(x)
    return norm(x, axis=(-2, -1), keepdims=keepdims, ord=ord)


def cond(x: ArrayLike, p: float | str | None = None) -> Any:
    """Condition number of each matrix of a stack in the norm ``p``."""
    x = _arr(x)
    if _is_empty_2d(x):
        raise LinAlgError("cond is not defined on empty arrays")
    if p is None or p == 2 or p == -2:
        s = svd(x, compute_uv=False)
        if p == -2:
            r = s[..., -1] / s[..., 0]
        else:
            r = s[..., 0] / s[..., -1]
    else:
        _assert_stacked_2d(x)
        _assert_stacked_square(x)
        t, result_t = _common_type(x)
        invx = _inv_or_nan(_as(x, t))
        r = norm(x, p, axis=(-2, -1)) * norm(invx, p, axis=(-2, -1))
        r = _as(asarray(r), _real_type(result_t))
        nan_mask = _core.isnan(r)
        if bool(nan_mask.any()):
            nan_mask = nan_mask & ~_core.isnan(x).any(axis=(-2, -1))
            if r.ndim == 0:
                if bool(nan_mask):
                    r = asarray(float("inf"), dtype=r.dtype)
            else:
                r[nan_mask] = float("inf")
    return _scalar(asarray(r))


def _inv_or_nan(a: ndarray) -> ndarray:
    """Inverses of a stack, NaN for the singular ones (NumPy's ``cond`` path)."""
    try:
        return _call("inv", a)
    except LinAlgError:
        pass
    if a.ndim == 2:
        return asarray(float("nan"), dtype=a.dtype) * zeros(a.shape, dtype=a.dtype)
    out = empty(a.shape, dtype=a.dtype)
    flat_in = a.reshape((-1,) + tuple(a.shape[-2:]))
    flat_out = out.reshape((-1,) + tuple(a.shape[-2:]))
    for i in range(flat_in.shape[0]):
        try:
            flat_out[i] = _call("inv", flat_in[i])
        except LinAlgError:
            flat_out[i] = float("nan")
    return out


# --- tensors, chains, powers ---------------------------------------------------------------

def _prod(shape: Any) -> int:
    p = 1
    for s in shape:
        p *= int(s)
    return p


def tensorsolve(a: ArrayLike, b: ArrayLike, axes: Any = None) -> ndarray:
    """Solve the tensor equation ``tensordot(a, x, x.ndim) = b`` for ``x``."""
    a, b = _arr(a), _arr(b)
    an = a.ndim
    if axes is not None:
        allaxes = list(range(an))
        for k in axes:
            allaxes.remove(k)
            allaxes.insert(an, k)
        a = a.transpose(allaxes)
    oldshape = tuple(a.shape[-(an - b.ndim):])
    prod = _prod(oldshape)
    if _prod(a.shape) != prod ** 2:
        raise LinAlgError(
            "Input arrays must satisfy the requirement prod(a.shape[b.ndim:]) == "
            "prod(a.shape[:b.ndim])")
    a = a.reshape((prod, prod))
    b = b.ravel()
    res = solve(a, b)
    return res.reshape(oldshape)


def tensorinv(a: ArrayLike, ind: int = 2) -> ndarray:
    """The inverse of an N-dimensional array for ``tensordot`` with ``ind`` axes."""
    a = _arr(a)
    oldshape = tuple(a.shape)
    prod = 1
    if ind > 0:
        invshape = oldshape[ind:] + oldshape[:ind]
        for k in oldshape[ind:]:
            prod *= k
    else:
        raise ValueError("Invalid ind argument.")
    a = a.reshape((prod, -1))
    ia = inv(a)
    return ia.reshape(invshape)


def matrix_power(a: ArrayLike, n: int) -> ndarray:
    """Raise a square matrix (or stack) to the integer power ``n`` by repeated squaring."""
    a = _arr(a)
    _assert_stacked_2d(a)
    _assert_stacked_square(a)
    try:
        n = operator.index(n)
    except TypeError as e:
        raise TypeError("exponent must be an integer") from e
    if n == 0:
        eye = _core.eye(a.shape[-1], dtype=a.dtype)
        return _core.broadcast_to(eye, a.shape).copy()
    if n < 0:
        a = inv(a)
        n = abs(n)
    if n == 1:
        return a.copy()
    if n == 2:
        return matmul(a, a)
    if n == 3:
        return matmul(matmul(a, a), a)
    z = result = None
    while n > 0:
        z = a if z is None else matmul(z, z)
        n, bit = divmod(n, 2)
        if bit:
            result = z if result is None else matmul(result, z)
    return result  # type: ignore[return-value]  # n > 0: the loop set it


def _chain_order(dims: list[int]) -> list[list[int]]:
    """The optimal parenthesization of a matrix chain (dynamic programming, O(n^3))."""
    n = len(dims) - 1
    m = [[0] * n for _ in range(n)]
    s = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            m[i][j] = -1
            for k in range(i, j):
                q = m[i][k] + m[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1]
                if m[i][j] < 0 or q < m[i][j]:
                    m[i][j] = q
                    s[i][j] = k
    return s


@overload
def multi_dot(arrays: Sequence[ArrayLike], *, out: _ArrayT) -> _ArrayT: ...
@overload
def multi_dot(arrays: Sequence[ArrayLike], *, out: None = ...) -> Any: ...
def multi_dot(arrays: Any, *, out: Any = None) -> Any:
    """Product of two or more matrices in the cheapest evaluation order."""
    arrays = [_arr(a) for a in arrays]
    n = len(arrays)
    if n < 2:
        raise ValueError("Expecting at least two arrays.")
    if n == 2:
        r = matmul(arrays[0], arrays[1])
        if out is not None:
            out[...] = r
            return out
        return r
    ndim_first, ndim_last = arrays[0].ndim, arrays[-1].ndim
    if ndim_first == 1:
        arrays[0] = arrays[0][None, :]
    if ndim_last == 1:
        arrays[-1] = arrays[-1][:, None]
    _assert_2d(*arrays)
    dims = [a.shape[0] for a in arrays] + [arrays[-1].shape[1]]
    s = _chain_order(dims)

    def go(i: int, j: int) -> ndarray:
        if i == j:
            return arrays[i]
        return matmul(go(i, s[i][j]), go(s[i][j] + 1, j))

    result = go(0, n - 1)
    if ndim_first == 1 and ndim_last == 1:
        result = result[0, 0]
        result = _scalar(asarray(result))
    elif ndim_first == 1 or ndim_last == 1:
        result = result.ravel()
    if out is not None:
        out[...] = result
        return out
    return result


# The Array API's linalg re-exports of top-level functions, with NumPy's narrower signatures
# (last two axes for matrices, 1-d vectors for `outer`, 3-vectors for `cross`).


def outer(x1: ArrayLike, x2: ArrayLike, /) -> ndarray:
    """Outer product of two 1-d vectors."""
    import oxarray

    x1, x2 = oxarray.asanyarray(x1), oxarray.asanyarray(x2)
    if x1.ndim != 1 or x2.ndim != 1:
        raise ValueError(
            "Input arrays must be one-dimensional, but they are "
            f"x1.ndim={x1.ndim} and x2.ndim={x2.ndim}."
        )
    return oxarray.outer(x1, x2)


def diagonal(x: ArrayLike, /, *, offset: int = 0) -> ndarray:
    """Diagonals of a matrix (or stack of matrices): over the last two axes."""
    import oxarray

    return oxarray.diagonal(x, offset, axis1=-2, axis2=-1)


def trace(x: ArrayLike, /, *, offset: int = 0, dtype: DTypeLike = None) -> Any:
    """Sum along the diagonals of a matrix (or stack of matrices): the last two axes."""
    import oxarray

    return oxarray.trace(x, offset, axis1=-2, axis2=-1, dtype=dtype)


def cross(x1: ArrayLike, x2: ArrayLike, /, *, axis: int = -1) -> ndarray:
    """Cross product of 3-element vectors along `axis`."""
    import oxarray

    x1, x2 = oxarray.asanyarray(x1), oxarray.asanyarray(x2)
    if x1.shape[axis] != 3 or x2.shape[axis] != 3:
        raise ValueError(
            "Both input arrays must be (arrays of) 3-dimensional vectors, "
            f"but they are {x1.shape[axis]} and {x2.shape[axis]} "
            "dimensional instead."
        )
    return oxarray.cross(x1, x2, axis=axis)


def tensordot(x1: ArrayLike, x2: ArrayLike, /, *, axes: int | tuple[Sequence[int], Sequence[int]] = 2) -> ndarray:
    """Tensor dot product over `axes` (an int or a pair of axis sequences)."""
    import oxarray

    return oxarray.tensordot(x1, x2, axes=axes)


def matrix_transpose(x: ArrayLike, /) -> ndarray:
    """Transpose the last two axes of an array with at least two dimensions."""
    import oxarray

    return oxarray.matrix_transpose(x)


def vecdot(x1: ArrayLike, x2: ArrayLike, /, *, axis: int = -1) -> Any:
    """Vector dot product along `axis` (the first operand conjugated)."""
    import oxarray

    x1, x2 = oxarray.asanyarray(x1), oxarray.asanyarray(x2)
    if axis != -1:
        for x in (x1, x2):
            if not -x.ndim <= axis < x.ndim:
                raise oxarray.AxisError(
                    f"axis {axis} is out of bounds for array of dimension {x.ndim}"
                )
        x1 = oxarray.moveaxis(x1, axis, -1)
        x2 = oxarray.moveaxis(x2, axis, -1)
    return oxarray.vecdot(x1, x2)
