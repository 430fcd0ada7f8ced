# mypy: disable-error-code="overload-overlap"
"""`Generator` and `default_rng`, stream-identical with `numpy.random.Generator`.

Every method validates like NumPy's `_generator.pyx` and hands the parameters to the Rust
fill loops of `_RandomCore` (one lock per bit generator, as in NumPy).
"""

from __future__ import annotations

import operator
import re
import warnings
from typing import TYPE_CHECKING, Any, Literal, overload

import oxarray as _ox

from .._core import _random_check, _random_set_btpe_corrected
from ._bitgen import PCG64, BitGenerator, ISeedSequence

if TYPE_CHECKING:
    from .._core import ArrayLike, DTypeLike, _ShapeLike, ndarray
    from .._core import int64 as _int64

__all__ = ["Generator", "default_rng"]


def _numpy_has_corrected_btpe() -> bool:
    """NumPy 2.5 corrected the Stirling terms of Generator.binomial's BTPE (numpy#31238).
    Follow the NumPy installed beside oxarray (read from its metadata, NumPy is not
    imported); without NumPy, follow the current algorithm."""
    try:
        from importlib.metadata import version

        parts = re.findall(r"\d+", version("numpy"))[:2]
    except Exception:  # noqa: BLE001 - no NumPy (or no metadata): the current algorithm
        return True
    return (int(parts[0]), int(parts[1])) >= (2, 5)


_random_set_btpe_corrected(_numpy_has_corrected_btpe())

# `constraint_type` codes understood by `_RandomCore` (NumPy's `_common.pxd` names).
NONE = 0
NON_NEGATIVE = 1
POSITIVE = 2
POSITIVE_NOT_NAN = 3
BOUNDED_0_1 = 4
BOUNDED_GT_0_1 = 5
BOUNDED_LT_0_1 = 6
GT_1 = 7
GTE_1 = 8
POISSON = 9
LEGACY_POISSON = 10
LEGACY_NON_NEGATIVE_INBOUNDS_LONG = 11

POISSON_LAM_MAX = 9.223372006484771e18
_INT_RANGES = {
    "bool": (0, 1),
    "int8": (-(2**7), 2**7 - 1),
    "int16": (-(2**15), 2**15 - 1),
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
    "uint8": (0, 2**8 - 1),
    "uint16": (0, 2**16 - 1),
    "uint32": (0, 2**32 - 1),
    "uint64": (0, 2**64 - 1),
}


def _ndim(x: Any) -> int:
    nd = getattr(x, "ndim", None)
    if nd is not None:
        return int(nd)
    if isinstance(x, (list, tuple)):
        return int(_ox.asarray(x).ndim)
    return 0


def _flat_ints(a: Any) -> list[int]:
    return [int(v) for v in _ox.asarray(a).ravel().tolist()]


def _format_bounds_error(closed: bool, low_is_zero: bool) -> str:
    if low_is_zero:
        return f"high {'<' if closed else '<='} 0"
    return f"low {'>' if closed else '>='} high"


def _bounded_integers(
    core: Any, low: Any, high: Any, size: Any, dtype: Any, endpoint: bool, masked: bool
) -> Any:
    """`_rand_<type>` of `_bounded_integers.pyx`: validation, then the Rust samplers."""
    dt = _ox.dtype(dtype)
    name = dt.name
    if name not in _INT_RANGES:
        raise TypeError(f"Unsupported dtype {dt!r} for integers")
    lb, ub = _INT_RANGES[name]
    if size is not None:
        shape = (operator.index(size),) if not hasattr(size, "__len__") else tuple(size)
        n = 1
        for s in shape:
            n *= int(s)
        if n == 0:
            return _ox.empty(shape, dtype=dt)
    low_a = _ox.asarray(low)
    high_a = _ox.asarray(high)
    if low_a.ndim == 0 and high_a.ndim == 0:
        lo = int(low_a)
        hi = int(high_a)
        if not endpoint:
            hi -= 1
        if lo < lb:
            raise ValueError(f"low is out of bounds for {name}")
        if hi > ub:
            raise ValueError(f"high is out of bounds for {name}")
        if lo > hi:
            raise ValueError(_format_bounds_error(endpoint, lo == 0))
        rng = (hi - lo) % 2**64
        off = lo % 2**64
        if size is None:
            out = core.bounded(dt, off, rng, masked, 1)
            return out[0]
        return core.bounded(dt, off, rng, masked, size)
    lows = _flat_ints(low_a)
    highs = _flat_ints(high_a)
    if any(v < lb or v > ub for v in lows):
        raise ValueError(f"low is out of bounds for {name}")
    closed_hi = [h - (0 if endpoint else 1) for h in highs]
    if any(h > ub for h in closed_hi):
        raise ValueError(f"high is out of bounds for {name}")
    bl = _ox.broadcast_to(_ox.asarray(lows).reshape(low_a.shape), _ox.broadcast_shapes(low_a.shape, high_a.shape))
    bh = _ox.broadcast_to(
        _ox.asarray(closed_hi).reshape(high_a.shape),
        _ox.broadcast_shapes(low_a.shape, high_a.shape),
    )
    if any(a > b for a, b in zip(bl.ravel().tolist(), bh.ravel().tolist())):
        raise ValueError(_format_bounds_error(endpoint, not any(lows)))
    offs = [v % 2**64 for v in lows]
    # rng per element needs low and high together: broadcast them first.
    pairs = list(zip(bl.ravel().tolist(), bh.ravel().tolist()))
    rngs = [(int(h) - int(lo)) % 2**64 for lo, h in pairs]
    offs = [int(lo) % 2**64 for lo, _ in pairs]
    bshape = list(bl.shape)
    return core.bounded_broadcast(dt, offs, bshape, rngs, bshape, masked, size)


class Generator:
    """Generator(bit_generator): NumPy's Generator over one of the bit generators."""

    _bit_generator: Any

    def __init__(self, bit_generator: BitGenerator) -> None:
        if not isinstance(bit_generator, BitGenerator):
            raise TypeError("Invalid bit generator. The bit generator must be instantiated.")
        self._bit_generator = bit_generator

    def __repr__(self) -> str:
        return f"{self.__str__()} at 0x{id(self):X}"

    def __str__(self) -> str:
        return f"{type(self).__name__}({type(self.bit_generator).__name__})"

    def __getstate__(self) -> None:
        return None

    def __setstate__(self, bit_gen: Any) -> None:
        if isinstance(bit_gen, dict):
            self.bit_generator.state = bit_gen

    def __reduce__(self) -> Any:
        return (_generator_ctor, (self._bit_generator,), None)

    @property
    def bit_generator(self) -> BitGenerator:
        return self._bit_generator

    @property
    def _core(self) -> Any:
        return self._bit_generator._core

    @property
    def _lock(self) -> Any:
        return self._bit_generator.lock

    def spawn(self, n_children: int) -> list[Generator]:
        return [type(self)(g) for g in self._bit_generator.spawn(n_children)]

    # --- helpers -------------------------------------------------------------------------
    def _cont(self, name: str, size: Any, *params: tuple[Any, str, int]) -> Any:
        with self._lock:
            return self._core.cont(name, list(params), size)

    def _disc(self, name: str, size: Any, dparams: list[Any], iparams: list[Any]) -> Any:
        with self._lock:
            return self._core.disc(name, dparams, iparams, size)

    def _float_fill(self, name: str, size: Any, dtype: Any, out: Any, param: Any = None) -> Any:
        dt = _ox.dtype(dtype)
        if out is not None:
            if size is not None and tuple(out.shape) != _shape_tuple(size):
                raise ValueError("size must match out.shape when used together")
            if out.dtype != dt:
                raise TypeError(
                    f"Supplied output array has the wrong type. Expected {dt}, got {out.dtype}"
                )
            with self._lock:
                self._core.fill_out(name, out, 0.0 if param is None else float(param))
            return out
        if dt == _ox.dtype("float64"):
            if param is None:
                return self._cont(name, size)
            return self._cont(name, size, param)
        if dt == _ox.dtype("float32"):
            with self._lock:
                return self._core.cont_f32(name, size, param)
        raise TypeError(f"Unsupported dtype {dt!r} for {name}")

    # --- uniform floats and integers -------------------------------------------------------
    # One draw (size and out None) is a Python float, as NumPy's; otherwise an array.
    @overload
    def random(self, size: None = None, dtype: DTypeLike = "float64", out: None = None) -> float: ...
    @overload
    def random(self, size: _ShapeLike | None = None, dtype: DTypeLike = "float64", out: ndarray | None = None) -> ndarray: ...
    def random(self, size: Any = None, dtype: Any = "float64", out: Any = None) -> Any:
        return self._float_fill("random", size, dtype, out)

    # One draw: an int64 scalar (a Python int for dtype=int, bool for dtype=bool); a size
    # or array bounds: an array; one draw of another dtype: that dtype's scalar (Any).
    @overload
    def integers(self, low: int, high: int | None = None, size: None = None, dtype: Literal["int64"] | type[_int64] = "int64", endpoint: bool = False) -> _int64: ...
    @overload
    def integers(self, low: int, high: int | None = None, size: None = None, *, dtype: type[int], endpoint: bool = False) -> int: ...
    @overload
    def integers(self, low: ArrayLike, high: ArrayLike | None = None, *, size: _ShapeLike, dtype: DTypeLike = "int64", endpoint: bool = False) -> ndarray: ...
    @overload
    def integers(self, low: ArrayLike, high: ArrayLike | None, size: _ShapeLike, dtype: DTypeLike = "int64", endpoint: bool = False) -> ndarray: ...
    @overload
    def integers(self, low: ArrayLike, high: ArrayLike | None = None, size: _ShapeLike | None = None, dtype: DTypeLike = "int64", endpoint: bool = False) -> Any: ...
    def integers(
        self,
        low: Any,
        high: Any = None,
        size: Any = None,
        dtype: Any = "int64",
        endpoint: bool = False,
    ) -> Any:
        if high is None:
            high = low
            low = 0
        py_type = dtype if dtype in (int, bool) else None
        if dtype is int:
            dtype = "int64"
        elif dtype is bool:
            dtype = "bool"
        with self._lock:
            ret = _bounded_integers(self._core, low, high, size, dtype, endpoint, False)
        if size is None and py_type is not None and _ndim(ret) == 0:
            return py_type(ret)
        return ret

    def bytes(self, length: int) -> bytes:
        with self._lock:
            return self._core.bytes(operator.index(length))

    @overload
    def uniform(self, low: float = 0.0, high: float = 1.0, size: None = None) -> float: ...
    @overload
    def uniform(self, low: ArrayLike = 0.0, high: ArrayLike = 1.0, size: _ShapeLike | None = None) -> ndarray: ...
    def uniform(self, low: Any = 0.0, high: Any = 1.0, size: Any = None) -> Any:
        if _ndim(low) == 0 and _ndim(high) == 0:
            lo = float(low)
            rng = float(high) - lo
            if not (rng - rng == 0):
                raise OverflowError("high - low range exceeds valid bounds")
            return self._cont(
                "uniform_range", size, (lo, "", NONE), (rng, "high - low", NON_NEGATIVE)
            )
        alow = _ox.asarray(low, dtype=_ox.float64)
        arange = _ox.subtract(_ox.asarray(high, dtype=_ox.float64), alow)
        if not bool(_ox.all(_ox.isfinite(arange))):
            raise OverflowError("Range exceeds valid bounds")
        return self._cont(
            "uniform_range", size, (alow, "", NONE), (arange, "high - low", NON_NEGATIVE)
        )

    # --- normal, exponential, gamma family -------------------------------------------------
    @overload
    def standard_normal(self, size: None = None, dtype: DTypeLike = "float64", out: None = None) -> float: ...
    @overload
    def standard_normal(self, size: _ShapeLike | None = None, dtype: DTypeLike = "float64", out: ndarray | None = None) -> ndarray: ...
    def standard_normal(self, size: Any = None, dtype: Any = "float64", out: Any = None) -> Any:
        return self._float_fill("standard_normal", size, dtype, out)

    # Scalar parameters and no size: one Python float; a size: an array; array
    # parameters without a size: an array of their broadcast shape (Any here).
    @overload
    def normal(self, loc: float = 0.0, scale: float = 1.0, size: None = None) -> float: ...
    @overload
    def normal(self, loc: ArrayLike = 0.0, scale: ArrayLike = 1.0, size: _ShapeLike | None = None) -> ndarray: ...
    def normal(self, loc: Any = 0.0, scale: Any = 1.0, size: Any = None) -> Any:
        return self._cont("normal", size, (loc, "", NONE), (scale, "scale", NON_NEGATIVE))

    @overload
    def standard_exponential(self, size: None = None, dtype: DTypeLike = "float64", method: str = "zig", out: None = None) -> float: ...
    @overload
    def standard_exponential(self, size: _ShapeLike | None = None, dtype: DTypeLike = "float64", method: str = "zig", out: ndarray | None = None) -> ndarray: ...
    def standard_exponential(
        self, size: Any = None, dtype: Any = "float64", method: str = "zig", out: Any = None
    ) -> Any:
        if method == "zig":
            return self._float_fill("standard_exponential", size, dtype, out)
        # NumPy treats every other method as 'inv'.
        return self._float_fill("standard_exponential_inv", size, dtype, out)

    @overload
    def exponential(self, scale: float = 1.0, size: None = None) -> float: ...
    @overload
    def exponential(self, scale: ArrayLike = 1.0, size: _ShapeLike | None = None) -> ndarray: ...
    def exponential(self, scale: Any = 1.0, size: Any = None) -> Any:
        return self._cont("exponential", size, (scale, "scale", NON_NEGATIVE))

    @overload
    def standard_gamma(self, shape: float, size: None = None, dtype: DTypeLike = "float64", out: None = None) -> float: ...
    @overload
    def standard_gamma(self, shape: ArrayLike, size: _ShapeLike | None = None, dtype: DTypeLike = "float64", out: ndarray | None = None) -> ndarray: ...
    def standard_gamma(
        self, shape: Any, size: Any = None, dtype: Any = "float64", out: Any = None
    ) -> Any:
        dt = _ox.dtype(dtype)
        if out is not None and _ndim(shape) == 0:
            return self._float_fill("standard_gamma", size, dtype, out, float(shape))
        if dt == _ox.dtype("float64"):
            return self._cont("standard_gamma", size, (shape, "shape", NON_NEGATIVE))
        if dt == _ox.dtype("float32"):
            with self._lock:
                return self._core.cont_f32("standard_gamma", size, (shape, "shape", NON_NEGATIVE))
        raise TypeError(f"Unsupported dtype {dt!r} for standard_gamma")

    @overload
    def gamma(self, shape: float, scale: float = 1.0, size: None = None) -> float: ...
    @overload
    def gamma(self, shape: ArrayLike, scale: ArrayLike = 1.0, size: _ShapeLike | None = None) -> ndarray: ...
    def gamma(self, shape: Any, scale: Any = 1.0, size: Any = None) -> Any:
        return self._cont(
            "gamma", size, (shape, "shape", NON_NEGATIVE), (scale, "scale", NON_NEGATIVE)
        )

    @overload
    def beta(self, a: float, b: float, size: None = None) -> float: ...
    @overload
    def beta(self, a: ArrayLike, b: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def beta(self, a: Any, b: Any, size: Any = None) -> Any:
        return self._cont("beta", size, (a, "a", POSITIVE), (b, "b", POSITIVE))

    @overload
    def f(self, dfnum: float, dfden: float, size: None = None) -> float: ...
    @overload
    def f(self, dfnum: ArrayLike, dfden: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def f(self, dfnum: Any, dfden: Any, size: Any = None) -> Any:
        return self._cont("f", size, (dfnum, "dfnum", POSITIVE), (dfden, "dfden", POSITIVE))

    @overload
    def noncentral_f(self, dfnum: float, dfden: float, nonc: float, size: None = None) -> float: ...
    @overload
    def noncentral_f(self, dfnum: ArrayLike, dfden: ArrayLike, nonc: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def noncentral_f(self, dfnum: Any, dfden: Any, nonc: Any, size: Any = None) -> Any:
        return self._cont(
            "noncentral_f",
            size,
            (dfnum, "dfnum", POSITIVE),
            (dfden, "dfden", POSITIVE),
            (nonc, "nonc", NON_NEGATIVE),
        )

    @overload
    def chisquare(self, df: float, size: None = None) -> float: ...
    @overload
    def chisquare(self, df: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def chisquare(self, df: Any, size: Any = None) -> Any:
        return self._cont("chisquare", size, (df, "df", POSITIVE))

    @overload
    def noncentral_chisquare(self, df: float, nonc: float, size: None = None) -> float: ...
    @overload
    def noncentral_chisquare(self, df: ArrayLike, nonc: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def noncentral_chisquare(self, df: Any, nonc: Any, size: Any = None) -> Any:
        return self._cont(
            "noncentral_chisquare", size, (df, "df", POSITIVE), (nonc, "nonc", NON_NEGATIVE)
        )

    @overload
    def standard_cauchy(self, size: None = None) -> float: ...
    @overload
    def standard_cauchy(self, size: _ShapeLike | None = None) -> ndarray: ...
    def standard_cauchy(self, size: Any = None) -> Any:
        return self._cont("standard_cauchy", size)

    @overload
    def standard_t(self, df: float, size: None = None) -> float: ...
    @overload
    def standard_t(self, df: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def standard_t(self, df: Any, size: Any = None) -> Any:
        return self._cont("standard_t", size, (df, "df", POSITIVE))

    @overload
    def vonmises(self, mu: float, kappa: float, size: None = None) -> float: ...
    @overload
    def vonmises(self, mu: ArrayLike, kappa: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def vonmises(self, mu: Any, kappa: Any, size: Any = None) -> Any:
        return self._cont("vonmises", size, (mu, "mu", NONE), (kappa, "kappa", NON_NEGATIVE))

    @overload
    def pareto(self, a: float, size: None = None) -> float: ...
    @overload
    def pareto(self, a: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def pareto(self, a: Any, size: Any = None) -> Any:
        return self._cont("pareto", size, (a, "a", POSITIVE))

    @overload
    def weibull(self, a: float, size: None = None) -> float: ...
    @overload
    def weibull(self, a: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def weibull(self, a: Any, size: Any = None) -> Any:
        return self._cont("weibull", size, (a, "a", NON_NEGATIVE))

    @overload
    def power(self, a: float, size: None = None) -> float: ...
    @overload
    def power(self, a: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def power(self, a: Any, size: Any = None) -> Any:
        return self._cont("power", size, (a, "a", POSITIVE))

    @overload
    def laplace(self, loc: float = 0.0, scale: float = 1.0, size: None = None) -> float: ...
    @overload
    def laplace(self, loc: ArrayLike = 0.0, scale: ArrayLike = 1.0, size: _ShapeLike | None = None) -> ndarray: ...
    def laplace(self, loc: Any = 0.0, scale: Any = 1.0, size: Any = None) -> Any:
        return self._cont("laplace", size, (loc, "loc", NONE), (scale, "scale", NON_NEGATIVE))

    @overload
    def gumbel(self, loc: float = 0.0, scale: float = 1.0, size: None = None) -> float: ...
    @overload
    def gumbel(self, loc: ArrayLike = 0.0, scale: ArrayLike = 1.0, size: _ShapeLike | None = None) -> ndarray: ...
    def gumbel(self, loc: Any = 0.0, scale: Any = 1.0, size: Any = None) -> Any:
        return self._cont("gumbel", size, (loc, "loc", NONE), (scale, "scale", NON_NEGATIVE))

    @overload
    def logistic(self, loc: float = 0.0, scale: float = 1.0, size: None = None) -> float: ...
    @overload
    def logistic(self, loc: ArrayLike = 0.0, scale: ArrayLike = 1.0, size: _ShapeLike | None = None) -> ndarray: ...
    def logistic(self, loc: Any = 0.0, scale: Any = 1.0, size: Any = None) -> Any:
        return self._cont("logistic", size, (loc, "loc", NONE), (scale, "scale", NON_NEGATIVE))

    @overload
    def lognormal(self, mean: float = 0.0, sigma: float = 1.0, size: None = None) -> float: ...
    @overload
    def lognormal(self, mean: ArrayLike = 0.0, sigma: ArrayLike = 1.0, size: _ShapeLike | None = None) -> ndarray: ...
    def lognormal(self, mean: Any = 0.0, sigma: Any = 1.0, size: Any = None) -> Any:
        return self._cont(
            "lognormal", size, (mean, "mean", NONE), (sigma, "sigma", NON_NEGATIVE)
        )

    @overload
    def rayleigh(self, scale: float = 1.0, size: None = None) -> float: ...
    @overload
    def rayleigh(self, scale: ArrayLike = 1.0, size: _ShapeLike | None = None) -> ndarray: ...
    def rayleigh(self, scale: Any = 1.0, size: Any = None) -> Any:
        return self._cont("rayleigh", size, (scale, "scale", NON_NEGATIVE))

    @overload
    def wald(self, mean: float, scale: float, size: None = None) -> float: ...
    @overload
    def wald(self, mean: ArrayLike, scale: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def wald(self, mean: Any, scale: Any, size: Any = None) -> Any:
        return self._cont("wald", size, (mean, "mean", POSITIVE), (scale, "scale", POSITIVE))

    @overload
    def triangular(self, left: float, mode: float, right: float, size: None = None) -> float: ...
    @overload
    def triangular(self, left: ArrayLike, mode: ArrayLike, right: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def triangular(self, left: Any, mode: Any, right: Any, size: Any = None) -> Any:
        if _ndim(left) == 0 and _ndim(mode) == 0 and _ndim(right) == 0:
            fl, fm, fr = float(left), float(mode), float(right)
            if fl > fm:
                raise ValueError("left > mode")
            if fm > fr:
                raise ValueError("mode > right")
            if fl == fr:
                raise ValueError("left == right")
        else:
            ol = _ox.asarray(left, dtype=_ox.float64)
            om = _ox.asarray(mode, dtype=_ox.float64)
            orr = _ox.asarray(right, dtype=_ox.float64)
            if bool(_ox.any(_ox.greater(ol, om))):
                raise ValueError("left > mode")
            if bool(_ox.any(_ox.greater(om, orr))):
                raise ValueError("mode > right")
            if bool(_ox.any(_ox.equal(ol, orr))):
                raise ValueError("left == right")
            left, mode, right = ol, om, orr
        return self._cont("triangular", size, (left, "", NONE), (mode, "", NONE), (right, "", NONE))

    # --- discrete ------------------------------------------------------------------------
    @overload
    def binomial(self, n: float, p: float, size: None = None) -> int: ...
    @overload
    def binomial(self, n: ArrayLike, p: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def binomial(self, n: Any, p: Any, size: Any = None) -> Any:
        return self._disc("binomial", size, [(p, "p", BOUNDED_0_1)], [(n, "n", NON_NEGATIVE)])

    @overload
    def negative_binomial(self, n: float, p: float, size: None = None) -> int: ...
    @overload
    def negative_binomial(self, n: ArrayLike, p: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def negative_binomial(self, n: Any, p: Any, size: Any = None) -> Any:
        na = _ox.asarray(n, dtype=_ox.float64)
        pa = _ox.asarray(p, dtype=_ox.float64)
        scalar = na.ndim == 0 and pa.ndim == 0
        self._check("n", na, POSITIVE_NOT_NAN, scalar)
        self._check("p", pa, BOUNDED_GT_0_1, scalar)
        with _ox.errstate(all="ignore"):
            max_lam = (1 - pa) / pa * (na + 10 * _ox.sqrt(na))
        if bool(_ox.any(_ox.greater(max_lam, POISSON_LAM_MAX))):
            raise ValueError("n too large or p too small, see Generator.negative_binomial Notes")
        return self._disc("negative_binomial", size, [(n, "n", NONE), (p, "p", NONE)], [])

    def _check(self, name: str, a: Any, cons: int, scalar: bool) -> None:
        _random_check(a, name, cons)

    @overload
    def poisson(self, lam: float = 1.0, size: None = None) -> int: ...
    @overload
    def poisson(self, lam: ArrayLike = 1.0, size: _ShapeLike | None = None) -> ndarray: ...
    def poisson(self, lam: Any = 1.0, size: Any = None) -> Any:
        return self._disc("poisson", size, [(lam, "lam", POISSON)], [])

    @overload
    def geometric(self, p: float, size: None = None) -> int: ...
    @overload
    def geometric(self, p: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def geometric(self, p: Any, size: Any = None) -> Any:
        return self._disc("geometric", size, [(p, "p", BOUNDED_GT_0_1)], [])

    @overload
    def zipf(self, a: float, size: None = None) -> int: ...
    @overload
    def zipf(self, a: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def zipf(self, a: Any, size: Any = None) -> Any:
        return self._disc("zipf", size, [(a, "a", GT_1)], [])

    @overload
    def logseries(self, p: float, size: None = None) -> int: ...
    @overload
    def logseries(self, p: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def logseries(self, p: Any, size: Any = None) -> Any:
        return self._disc("logseries", size, [(p, "p", BOUNDED_LT_0_1)], [])

    @overload
    def hypergeometric(self, ngood: float, nbad: float, nsample: float, size: None = None) -> int: ...
    @overload
    def hypergeometric(self, ngood: ArrayLike, nbad: ArrayLike, nsample: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def hypergeometric(self, ngood: Any, nbad: Any, nsample: Any, size: Any = None) -> Any:
        hmax = 10**9
        g = _ox.asarray(ngood, dtype=_ox.int64)
        b = _ox.asarray(nbad, dtype=_ox.int64)
        s = _ox.asarray(nsample, dtype=_ox.int64)
        if g.ndim == 0 and b.ndim == 0 and s.ndim == 0:
            lg, lb, ls = int(g), int(b), int(s)
            if lg >= hmax or lb >= hmax:
                raise ValueError(f"both ngood and nbad must be less than {hmax}")
            if lg + lb < ls:
                raise ValueError("ngood + nbad < nsample")
        else:
            if bool(_ox.any(_ox.greater_equal(g, hmax))) or bool(
                _ox.any(_ox.greater_equal(b, hmax))
            ):
                raise ValueError(f"both ngood and nbad must be less than {hmax}")
            if bool(_ox.any(_ox.less(_ox.add(g, b), s))):
                raise ValueError("ngood + nbad < nsample")
        return self._disc(
            "hypergeometric",
            size,
            [],
            [(g, "ngood", NON_NEGATIVE), (b, "nbad", NON_NEGATIVE), (s, "nsample", NON_NEGATIVE)],
        )

    def multinomial(self, n: ArrayLike, pvals: ArrayLike, size: _ShapeLike | None = None) -> ndarray:
        return _multinomial(self, n, pvals, size, legacy=False)

    def dirichlet(self, alpha: ArrayLike, size: _ShapeLike | None = None) -> ndarray:
        a = _ox.asarray(alpha, dtype=_ox.float64)
        if a.ndim != 1:
            raise ValueError("object too deep for desired array")
        if bool(_ox.any(_ox.less(a, 0))):
            raise ValueError("alpha < 0")
        return _dirichlet(self, a, size, legacy=False)

    # --- permutations and choice -----------------------------------------------------------
    def shuffle(self, x: ndarray | list[Any], axis: int = 0) -> None:
        arr: Any = x
        n = len(arr) if axis == 0 else arr.shape[axis]
        perm = _ox.arange(n, dtype=_ox.int64)
        with self._lock:
            self._core.shuffle_int(perm, 1, False)
        _apply_perm(x, perm, axis)

    @overload
    def permutation(self, x: int, axis: int = 0) -> ndarray: ...
    @overload
    def permutation(self, x: ArrayLike, axis: int = 0) -> ndarray: ...
    def permutation(self, x: Any, axis: int = 0) -> ndarray:
        if isinstance(x, int) or (getattr(x, "ndim", None) == 0 and _is_int_dtype(x)):
            arr = _ox.arange(int(x), dtype=_ox.int64)
            with self._lock:
                self._core.shuffle_int(arr, 1, False)
            return arr
        arr = _ox.asarray(x)
        if arr.ndim < 1:
            raise _ox.AxisError("x must be an integer or at least 1-dimensional")
        perm = _ox.arange(arr.shape[axis], dtype=_ox.int64)
        with self._lock:
            self._core.shuffle_int(perm, 1, False)
        idx = (slice(None),) * (axis % arr.ndim) + (perm,)
        return arr[idx].copy()

    def permuted(self, x: ArrayLike, *, axis: int | None = None, out: ndarray | None = None) -> ndarray:
        arr = _ox.asarray(x)
        if out is None:
            out = arr.copy()
        else:
            out[...] = arr
        if axis is None:
            flat = out.ravel().copy()
            perm = _ox.arange(flat.size, dtype=_ox.int64)
            with self._lock:
                self._core.shuffle_int(perm, 0, False)
            out[...] = flat[perm].reshape(out.shape)
            return out
        ax = operator.index(axis)
        if not -out.ndim <= ax < out.ndim:
            from ..exceptions import AxisError

            raise AxisError(f"axis {ax} is out of bounds for array of dimension {out.ndim}")
        ax %= out.ndim
        moved = _ox.moveaxis(out, ax, -1)
        rows = moved.reshape(-1, moved.shape[-1]) if moved.ndim > 1 else moved.reshape(1, -1)
        res = rows.copy()
        for r in range(rows.shape[0]):
            perm = _ox.arange(rows.shape[1], dtype=_ox.int64)
            with self._lock:
                self._core.shuffle_int(perm, 0, False)
            res[r] = rows[r][perm]
        moved[...] = res.reshape(moved.shape)
        return out

    # An int population and no size: one int; a size: an array; an array population and no
    # size: one element (Any: its type is the array's dtype's).
    @overload
    def choice(self, a: int, size: None = None, replace: bool = True, p: ArrayLike | None = None, axis: int = 0, shuffle: bool = True) -> int: ...
    @overload
    def choice(self, a: ArrayLike, size: _ShapeLike, replace: bool = True, p: ArrayLike | None = None, axis: int = 0, shuffle: bool = True) -> ndarray: ...
    @overload
    def choice(self, a: ArrayLike, size: _ShapeLike | None = None, replace: bool = True, p: ArrayLike | None = None, axis: int = 0, shuffle: bool = True) -> Any: ...
    def choice(
        self,
        a: Any,
        size: Any = None,
        replace: bool = True,
        p: Any = None,
        axis: int = 0,
        shuffle: bool = True,
    ) -> Any:
        a_original = a
        a_arr = _ox.asarray(a)
        if a_arr.ndim == 0:
            try:
                pop_size = operator.index(a_arr.item())
            except TypeError as exc:
                raise ValueError(
                    f"a must be a sequence or an integer, not {type(a_original)}"
                ) from exc
            if pop_size <= 0 and _prod(size) != 0:
                raise ValueError("a must be a positive integer unless no samples are taken")
            is_int = True
        else:
            pop_size = a_arr.shape[axis]
            if pop_size == 0 and _prod(size) != 0:
                raise ValueError("a cannot be empty unless no samples are taken")
            is_int = False
        pl: list[float] | None = None
        if p is not None:
            pa = _ox.asarray(p, dtype=_ox.float64)
            if pa.ndim != 1:
                raise ValueError("p must be 1-dimensional")
            if pa.size != pop_size:
                raise ValueError("a and p must have same size")
            pl = [float(v) for v in pa.tolist()]
            s = _kahan_sum(pl)
            if s != s:
                raise ValueError("Probabilities contain NaN")
            if any(v < 0 for v in pl):
                raise ValueError("Probabilities are not non-negative")
            atol = 1.4901161193847656e-08
            if abs(s - 1.0) > atol:
                raise ValueError(
                    "Probabilities do not sum to 1. See Notes section of docstring for "
                    "more information."
                )
        shape: tuple[int, ...] = () if size is None else _shape_tuple(size)
        n = _prod(shape)
        if replace:
            if pl is not None:
                with self._lock:
                    idx = self._core.choice_cdf(pl, shape)
            else:
                idx = self.integers(0, pop_size, size=shape, dtype="int64")
        else:
            if n > pop_size:
                raise ValueError(
                    "Cannot take a larger sample than population when replace is False"
                )
            if pl is not None:
                if sum(1 for v in pl if v > 0) < n:
                    raise ValueError("Fewer non-zero entries in p than size")
                with self._lock:
                    idx = self._core.choice_p_noreplace(pl, n).reshape(shape)
            else:
                cutoff = 50 if shuffle else 20
                if pop_size > 10000 and n > pop_size // cutoff:
                    perm = _ox.arange(pop_size, dtype=_ox.int64)
                    with self._lock:
                        self._core.shuffle_int(perm, max(pop_size - n, 1), True)
                    idx = perm[pop_size - n :].copy().reshape(shape)
                else:
                    with self._lock:
                        idx = self._core.choice_floyd(pop_size, n, bool(shuffle)).reshape(shape)
        if size is None:
            idx = int(idx.item(0) if hasattr(idx, "item") else idx)
            if is_int:
                return idx
        if is_int:
            return idx
        return a_arr[(slice(None),) * axis + (idx,)]

    def multivariate_hypergeometric(
        self, colors: ArrayLike, nsample: int, size: _ShapeLike | None = None, method: str = "marginals"
    ) -> ndarray:
        int64_max = 2**63 - 1
        if method not in ["count", "marginals"]:
            raise ValueError('method must be "count" or "marginals".')
        try:
            operator.index(nsample)
        except TypeError:
            raise ValueError("nsample must be an integer") from None
        if nsample < 0:
            raise ValueError("nsample must be nonnegative.")
        if nsample > int64_max:
            raise ValueError(f"nsample must not exceed {int64_max}")
        ca = _ox.asarray(colors)
        vals = [int(v) for v in ca.tolist()] if ca.ndim == 1 else []
        if (
            ca.ndim != 1
            or (ca.size > 0 and ca.dtype.kind not in "iu")
            or any(v < 0 or v > int64_max for v in vals)
        ):
            raise ValueError(
                "colors must be a one-dimensional sequence of nonnegative integers not "
                f"exceeding {int64_max}."
            )
        total = sum(vals)
        if total > int64_max:
            raise ValueError(
                "sum(colors) must not exceed the maximum value of a 64 bit signed integer "
                f"({int64_max})"
            )
        if method == "marginals" and total >= 1000000000:
            raise ValueError(
                'When method is "marginals", sum(colors) must be less than 1000000000.'
            )
        max_index = int64_max // 8
        if method == "count" and total > max_index:
            raise ValueError(f"When method is 'count', sum(colors) must not exceed {max_index}")
        if nsample > total:
            raise ValueError("nsample > sum(colors)")
        nc = len(vals)
        shape = (nc,) if size is None else _shape_tuple(size) + (nc,)
        if nc == 0:
            return _ox.zeros(shape, dtype=_ox.int64)
        rows = _prod(shape) // nc
        with self._lock:
            out = self._core.mvhg(vals, int(nsample), rows, method == "marginals")
        return out.reshape(shape)

    def multivariate_normal(
        self,
        mean: ArrayLike,
        cov: ArrayLike,
        size: _ShapeLike | None = None,
        check_valid: str = "warn",
        tol: float = 1e-8,
        *,
        method: str = "svd",
    ) -> ndarray:
        from .. import linalg as _la

        if method not in {"eigh", "svd", "cholesky"}:
            raise ValueError("method must be one of {'eigh', 'svd', 'cholesky'}")
        mean_a = _ox.array(mean)
        cov_a = _ox.array(cov)
        if mean_a.dtype.kind == "c" or cov_a.dtype.kind == "c":
            raise TypeError("mean and cov must not be complex")
        final_shape = _mvn_final_shape(mean_a, cov_a, size)
        n = mean_a.shape[0]
        x = self.standard_normal(final_shape).reshape(-1, n)
        # GH10839, ensure double to make tol meaningful
        cov_a = cov_a.astype(_ox.float64)
        if method == "svd":
            u, s, vh = _la.svd(cov_a)
        elif method == "eigh":
            s, u = _la.eigh(cov_a)
        else:
            lo = _la.cholesky(cov_a)
        # check_valid is ignored for method == 'cholesky' (the decomposition would have failed)
        if check_valid != "ignore" and method != "cholesky":
            if check_valid != "warn" and check_valid != "raise":
                raise ValueError("check_valid must equal 'warn', 'raise', or 'ignore'")
            if method == "svd":
                psd = bool(_ox.allclose(_ox.dot(vh.T * s, vh), cov_a, rtol=tol, atol=tol))
            else:
                psd = not bool(_ox.any(s < -tol))
            _mvn_not_psd(psd, check_valid)
        if method == "cholesky":
            factor = lo
        elif method == "eigh":
            # abs() keeps sqrt from returning NaN for tiny negative eigenvalues
            factor = u * _ox.sqrt(abs(s))
        else:
            factor = u * _ox.sqrt(s)
        out = mean_a + x @ factor.T
        return out.reshape(tuple(final_shape))


def _mvn_final_shape(mean: Any, cov: Any, size: Any) -> list[int]:
    """NumPy's shape checks of multivariate_normal; the shape of the output."""
    if size is None:
        shape: Any = []
    elif isinstance(size, int) or _is_integer_scalar(size):
        shape = [size]
    else:
        shape = size
    if len(mean.shape) != 1:
        raise ValueError("mean must be 1 dimensional")
    if (len(cov.shape) != 2) or (cov.shape[0] != cov.shape[1]):
        raise ValueError("cov must be 2 dimensional and square")
    if mean.shape[0] != cov.shape[0]:
        raise ValueError("mean and cov must have same length")
    final_shape = list(shape[:])
    final_shape.append(mean.shape[0])
    return final_shape


def _is_integer_scalar(x: Any) -> bool:
    """An integer scalar object (NumPy's ``np.integer``), not a 0-d array."""
    if isinstance(x, _ox.ndarray) or type(x).__name__ == "ndarray":
        return False
    dt = getattr(x, "dtype", None)
    return dt is not None and getattr(dt, "kind", "") in "iu"


def _mvn_not_psd(psd: bool, check_valid: str) -> None:
    if not psd:
        if check_valid == "warn":
            warnings.warn(
                "covariance is not symmetric positive-semidefinite.", RuntimeWarning, stacklevel=3
            )
        else:
            raise ValueError("covariance is not symmetric positive-semidefinite.")


def _is_int_dtype(x: Any) -> bool:
    return getattr(getattr(x, "dtype", None), "kind", "") in "iu"


def _shape_tuple(size: Any) -> tuple[int, ...]:
    try:
        return (operator.index(size),)
    except TypeError:
        return tuple(int(s) for s in size)


def _prod(size: Any) -> int:
    if size is None:
        return 1
    n = 1
    for s in _shape_tuple(size):
        n *= s
    return n


def _kahan_sum(vals: list[float]) -> float:
    if len(vals) == 0:
        return 0.0
    s = vals[0]
    c = 0.0
    for v in vals[1:]:
        y = v - c
        t = s + y
        c = (t - s) - y
        s = t
    return s


def _apply_perm(x: Any, perm: Any, axis: int) -> None:
    """`x[...] = x[perm]` along `axis`, in place (what the swaps of NumPy's shuffle do)."""
    if isinstance(x, list):
        items = [x[int(i)] for i in perm.tolist()]
        x[:] = items
        return
    idx = (slice(None),) * axis + (perm,)
    x[...] = x[idx].copy()


def _multinomial(gen: Any, n: Any, pvals: Any, size: Any, legacy: bool) -> Any:
    parr = _ox.asarray(pvals, dtype=_ox.float64)
    d = parr.shape[-1] if parr.ndim >= 1 else 0
    if d == 0:
        raise ValueError(
            "pvals must have at least 1 dimension and the last dimension of pvals must be "
            "greater than 0."
        )
    pl = [float(v) for v in parr.ravel().tolist()]
    if any(not (0.0 <= v <= 1.0) for v in pl):
        raise ValueError("pvals < 0, pvals > 1 or pvals contains NaNs")
    for off in range(0, len(pl), d):
        if _kahan_sum(pl[off : off + d - 1]) > 1.0 + 1e-12:
            raise ValueError(f"sum(pvals{'[:-1]' if parr.ndim == 1 else '[...,:-1]'}) > 1.0")
    on = _ox.asarray(n, dtype=_ox.int64)
    if parr.ndim > 1:
        if legacy:
            raise ValueError("object too deep for desired array")
        if bool(_ox.any(_ox.less(on, 0))):
            raise ValueError("n < 0")
        rows_shape = tuple(parr.shape[:-1])
        offsets = _ox.arange(_prod(rows_shape), dtype=_ox.int64).reshape(rows_shape)
        bshape = tuple(_ox.broadcast_shapes(on.shape, rows_shape))
        if size is not None:
            want = _shape_tuple(size)
            full = tuple(_ox.broadcast_shapes(on.shape, rows_shape, want))
            if full != want:
                raise ValueError(
                    f"Output size {want} is not compatible with broadcast dimensions of "
                    f"inputs {full}."
                )
            bshape = want
        ns = [int(v) for v in _ox.broadcast_to(on, bshape).ravel().tolist()]
        prow = [int(v) for v in _ox.broadcast_to(offsets, bshape).ravel().tolist()]
        with gen._lock:
            out = gen._core.multinomial(ns, pl, legacy, d, prow)
        return out.reshape(bshape + (d,))
    if on.ndim != 0:
        if bool(_ox.any(_ox.less(on, 0))):
            raise ValueError("n < 0")
        bshape = on.shape if size is None else _shape_tuple(size)
        ns = [int(v) for v in _ox.broadcast_to(on, bshape).ravel().tolist()]
        shape = tuple(bshape) + (d,)
    else:
        ni = int(on)
        if ni < 0:
            raise ValueError("n < 0")
        shape = (d,) if size is None else _shape_tuple(size) + (d,)
        ns = [ni] * (_prod(shape) // d)
    with gen._lock:
        return gen._core.multinomial(ns, pl, legacy).reshape(shape)


def _dirichlet(gen: Any, a: Any, size: Any, legacy: bool) -> Any:
    k = a.shape[0]
    shape = (k,) if size is None else _shape_tuple(size) + (k,)
    rows = _prod(shape) // k if k else 0
    al = [float(v) for v in a.tolist()]
    with gen._lock:
        return gen._core.dirichlet(al, rows, legacy).reshape(shape)


def _generator_ctor(bit_generator: Any = None) -> Generator:
    if bit_generator is None:
        bit_generator = PCG64()
    return Generator(bit_generator)


def default_rng(seed: ArrayLike | ISeedSequence | BitGenerator | Generator | None = None) -> Generator:
    """default_rng(seed=None): a Generator over PCG64 (or the given bit generator)."""
    if isinstance(seed, BitGenerator):
        return Generator(seed)
    if isinstance(seed, Generator):
        return seed
    if seed is not None and not isinstance(seed, ISeedSequence) and _is_int_dtype(seed) is False:
        if isinstance(seed, float):
            raise TypeError("SeedSequence expects int or sequence of ints for entropy not "
                            f"{seed}")
    return Generator(PCG64(seed))
