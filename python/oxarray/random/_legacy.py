# mypy: disable-error-code="overload-overlap"
"""`RandomState` and the module-level functions of `numpy.random` (the legacy API).

MT19937 is seeded exactly as NumPy seeds it (`init_genrand` / `init_by_array`), the
Gaussian is the polar method with its cached second value, and the distributions are those
of NumPy's `legacy-distributions.c`, so scripts written against `np.random.seed(...)`
reproduce their numbers.
"""

from __future__ import annotations

import operator
import warnings
from typing import TYPE_CHECKING, Any, overload

import oxarray as _ox

from ._bitgen import MT19937, BitGenerator
from ._generator import (
    BOUNDED_0_1,
    BOUNDED_GT_0_1,
    BOUNDED_LT_0_1,
    GT_1,
    GTE_1,
    LEGACY_NON_NEGATIVE_INBOUNDS_LONG,
    LEGACY_POISSON,
    NON_NEGATIVE,
    NONE,
    POSITIVE,
    _bounded_integers,
    _dirichlet,
    _kahan_sum,
    _multinomial,
    _ndim,
    _prod,
    _shape_tuple,
)

if TYPE_CHECKING:
    from .._core import ArrayLike, DTypeLike, _ShapeLike, ndarray

__all__ = ["RandomState"]


class RandomState:
    """RandomState(seed=None): NumPy's legacy generator over MT19937."""

    _bit_generator: Any

    def __init__(self, seed: ArrayLike | BitGenerator | None = None) -> None:
        bit_generator: BitGenerator
        if seed is None:
            bit_generator = MT19937()
        elif not isinstance(seed, BitGenerator):
            bit_generator = MT19937()
            bit_generator._legacy_seeding(seed)
        else:
            bit_generator = seed
        self._bit_generator = bit_generator
        self._core.set_gauss(False, 0.0)

    @property
    def _core(self) -> Any:
        return self._bit_generator._core

    @property
    def _lock(self) -> Any:
        return self._bit_generator.lock

    def __repr__(self) -> str:
        return f"{self.__str__()} at 0x{id(self):X}"

    def __str__(self) -> str:
        return f"{type(self).__name__}({type(self._bit_generator).__name__})"

    def __getstate__(self) -> Any:
        return self.get_state(legacy=False)

    def __setstate__(self, state: Any) -> None:
        if not hasattr(self, "_bit_generator"):
            self._bit_generator = MT19937()
        self.set_state(state)

    def __reduce__(self) -> Any:
        return (_randomstate_ctor, (), self.get_state(legacy=False))

    def seed(self, seed: ArrayLike | None = None) -> None:
        if not isinstance(self._bit_generator, MT19937):
            raise TypeError("can only re-seed a MT19937 BitGenerator")
        self._bit_generator._legacy_seeding(seed)
        self._core.set_gauss(False, 0.0)

    def get_state(self, legacy: bool = True) -> tuple[Any, ...] | dict[str, Any]:
        with self._lock:
            st = self._bit_generator.state
            has_gauss, gauss = self._core.get_gauss()
        st["has_gauss"] = int(has_gauss)
        st["gauss"] = gauss
        if st["bit_generator"] != "MT19937" and legacy:
            warnings.warn(
                "get_state and legacy can only be used with the MT19937 BitGenerator. To "
                "silence this warning, set `legacy` to False.",
                RuntimeWarning,
                stacklevel=2,
            )
            legacy = False
        if legacy:
            return (
                st["bit_generator"],
                st["state"]["key"],
                st["state"]["pos"],
                st["has_gauss"],
                st["gauss"],
            )
        return st

    def set_state(self, state: tuple[Any, ...] | dict[str, Any]) -> None:
        if isinstance(state, dict):
            if "bit_generator" not in state or "state" not in state:
                raise ValueError("state dictionary is not valid.")
            st = state
        else:
            if not isinstance(state, (tuple, list)):
                raise TypeError("state must be a dict or a tuple.")
            if state[0] != "MT19937":
                raise ValueError("set_state can only be used with legacy MT19937 state instances.")
            st = {"bit_generator": state[0], "state": {"key": state[1], "pos": state[2]}}
            if len(state) > 3:
                st["has_gauss"] = state[3]
                st["gauss"] = state[4]
        gauss = float(st.get("gauss", 0.0))
        has_gauss = bool(st.get("has_gauss", 0))
        with self._lock:
            self._core.set_gauss(has_gauss, gauss)
            self._bit_generator.state = st

    # --- helpers -------------------------------------------------------------------------
    def _cont(self, name: str, size: Any, *params: tuple[Any, str, int]) -> Any:
        with self._lock:
            return self._core.cont(name, list(params), size)

    def _disc(self, name: str, size: Any, dparams: list[Any], iparams: list[Any]) -> Any:
        with self._lock:
            return self._core.disc(name, dparams, iparams, size)

    # --- uniform ---------------------------------------------------------------------------
    @overload
    def random_sample(self, size: None = None) -> float: ...
    @overload
    def random_sample(self, size: _ShapeLike | None = None) -> ndarray: ...
    def random_sample(self, size: Any = None) -> Any:
        return self._cont("random", size)

    @overload
    def random(self, size: None = None) -> float: ...
    @overload
    def random(self, size: _ShapeLike | None = None) -> ndarray: ...
    def random(self, size: Any = None) -> Any:
        return self.random_sample(size=size)

    @overload
    def rand(self) -> float: ...
    @overload
    def rand(self, *args: int) -> ndarray: ...
    def rand(self, *args: Any) -> Any:
        if len(args) == 0:
            return self.random_sample()
        return self.random_sample(size=args)

    @overload
    def randn(self) -> float: ...
    @overload
    def randn(self, *args: int) -> ndarray: ...
    def randn(self, *args: Any) -> Any:
        if len(args) == 0:
            return self.standard_normal()
        return self.standard_normal(size=args)

    @overload
    def tomaxint(self, size: None = None) -> int: ...
    @overload
    def tomaxint(self, size: _ShapeLike | None = None) -> ndarray: ...
    def tomaxint(self, size: Any = None) -> Any:
        return self._disc("positive_int", size, [], [])

    @overload
    def randint(self, low: int, high: int | None = None, size: None = None, dtype: type[int] = int) -> int: ...
    @overload
    def randint(self, low: ArrayLike, high: ArrayLike | None = None, *, size: _ShapeLike, dtype: DTypeLike = int) -> ndarray: ...
    @overload
    def randint(self, low: ArrayLike, high: ArrayLike | None, size: _ShapeLike, dtype: DTypeLike = int) -> ndarray: ...
    @overload
    def randint(self, low: ArrayLike, high: ArrayLike | None = None, size: _ShapeLike | None = None, dtype: DTypeLike = int) -> Any: ...
    def randint(self, low: Any, high: Any = None, size: Any = None, dtype: Any = int) -> Any:
        if high is None:
            high = low
            low = 0
        py_type = dtype if dtype in (int, bool) else None
        dt = "int64" if dtype is int else ("bool" if dtype is bool else dtype)
        try:
            name = _ox.dtype(dt).name
        except TypeError:
            raise TypeError(f"Unsupported dtype {dtype!r} for randint") from None
        if name not in (
            "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"
        ):
            raise TypeError(f"Unsupported dtype {_ox.dtype(dt)!r} for randint")
        with self._lock:
            ret = _bounded_integers(self._core, low, high, size, dt, False, True)
        if size is None and py_type is not None and _ndim(ret) == 0:
            return py_type(ret)
        return ret

    @overload
    def random_integers(self, low: int, high: int | None = None, size: None = None) -> int: ...
    @overload
    def random_integers(self, low: ArrayLike, high: ArrayLike | None = None, size: _ShapeLike | None = None) -> ndarray: ...
    def random_integers(self, low: Any, high: Any = None, size: Any = None) -> Any:
        if high is None:
            warnings.warn(
                f"This function is deprecated. Please call randint(1, {low} + 1) instead",
                DeprecationWarning,
                stacklevel=2,
            )
            high = low
            low = 1
        else:
            warnings.warn(
                f"This function is deprecated. Please call randint({low}, {high} + 1) instead",
                DeprecationWarning,
                stacklevel=2,
            )
        return self.randint(low, int(high) + 1, size=size, dtype="int64")

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
                raise OverflowError("Range exceeds valid bounds")
            return self._cont("uniform_range", size, (lo, "", NONE), (rng, "", NONE))
        alow = _ox.asarray(low, dtype=_ox.float64)
        arange = _ox.subtract(_ox.asarray(high, dtype=_ox.float64), alow)
        if not bool(_ox.all(_ox.isfinite(arange))):
            raise OverflowError("Range exceeds valid bounds")
        return self._cont("uniform_range", size, (alow, "", NONE), (arange, "", NONE))

    # --- continuous ------------------------------------------------------------------------
    @overload
    def standard_normal(self, size: None = None) -> float: ...
    @overload
    def standard_normal(self, size: _ShapeLike | None = None) -> ndarray: ...
    def standard_normal(self, size: Any = None) -> Any:
        return self._cont("legacy_gauss", size)

    @overload
    def normal(self, loc: float = 0.0, scale: float = 1.0, size: None = None) -> float: ...
    @overload
    def normal(self, loc: ArrayLike = 0.0, scale: ArrayLike = 1.0, size: _ShapeLike | None = None) -> ndarray: ...
    def normal(self, loc: Any = 0.0, scale: Any = 1.0, size: Any = None) -> Any:
        return self._cont("legacy_normal", size, (loc, "", NONE), (scale, "scale", NON_NEGATIVE))

    @overload
    def standard_exponential(self, size: None = None) -> float: ...
    @overload
    def standard_exponential(self, size: _ShapeLike | None = None) -> ndarray: ...
    def standard_exponential(self, size: Any = None) -> Any:
        return self._cont("legacy_standard_exponential", size)

    @overload
    def exponential(self, scale: float = 1.0, size: None = None) -> float: ...
    @overload
    def exponential(self, scale: ArrayLike = 1.0, size: _ShapeLike | None = None) -> ndarray: ...
    def exponential(self, scale: Any = 1.0, size: Any = None) -> Any:
        return self._cont("legacy_exponential", size, (scale, "scale", NON_NEGATIVE))

    @overload
    def standard_gamma(self, shape: float, size: None = None) -> float: ...
    @overload
    def standard_gamma(self, shape: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def standard_gamma(self, shape: Any, size: Any = None) -> Any:
        return self._cont("legacy_standard_gamma", size, (shape, "shape", NON_NEGATIVE))

    @overload
    def gamma(self, shape: float, scale: float = 1.0, size: None = None) -> float: ...
    @overload
    def gamma(self, shape: ArrayLike, scale: ArrayLike = 1.0, size: _ShapeLike | None = None) -> ndarray: ...
    def gamma(self, shape: Any, scale: Any = 1.0, size: Any = None) -> Any:
        return self._cont(
            "legacy_gamma", size, (shape, "shape", NON_NEGATIVE), (scale, "scale", NON_NEGATIVE)
        )

    @overload
    def beta(self, a: float, b: float, size: None = None) -> float: ...
    @overload
    def beta(self, a: ArrayLike, b: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def beta(self, a: Any, b: Any, size: Any = None) -> Any:
        return self._cont("legacy_beta", size, (a, "a", POSITIVE), (b, "b", POSITIVE))

    @overload
    def f(self, dfnum: float, dfden: float, size: None = None) -> float: ...
    @overload
    def f(self, dfnum: ArrayLike, dfden: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def f(self, dfnum: Any, dfden: Any, size: Any = None) -> Any:
        return self._cont(
            "legacy_f", size, (dfnum, "dfnum", POSITIVE), (dfden, "dfden", POSITIVE)
        )

    @overload
    def noncentral_f(self, dfnum: float, dfden: float, nonc: float, size: None = None) -> float: ...
    @overload
    def noncentral_f(self, dfnum: ArrayLike, dfden: ArrayLike, nonc: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def noncentral_f(self, dfnum: Any, dfden: Any, nonc: Any, size: Any = None) -> Any:
        return self._cont(
            "legacy_noncentral_f",
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
        return self._cont("legacy_chisquare", size, (df, "df", POSITIVE))

    @overload
    def noncentral_chisquare(self, df: float, nonc: float, size: None = None) -> float: ...
    @overload
    def noncentral_chisquare(self, df: ArrayLike, nonc: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def noncentral_chisquare(self, df: Any, nonc: Any, size: Any = None) -> Any:
        return self._cont(
            "legacy_noncentral_chisquare", size, (df, "df", POSITIVE), (nonc, "nonc", NON_NEGATIVE)
        )

    @overload
    def standard_cauchy(self, size: None = None) -> float: ...
    @overload
    def standard_cauchy(self, size: _ShapeLike | None = None) -> ndarray: ...
    def standard_cauchy(self, size: Any = None) -> Any:
        return self._cont("legacy_standard_cauchy", size)

    @overload
    def standard_t(self, df: float, size: None = None) -> float: ...
    @overload
    def standard_t(self, df: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def standard_t(self, df: Any, size: Any = None) -> Any:
        return self._cont("legacy_standard_t", size, (df, "df", POSITIVE))

    @overload
    def vonmises(self, mu: float, kappa: float, size: None = None) -> float: ...
    @overload
    def vonmises(self, mu: ArrayLike, kappa: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def vonmises(self, mu: Any, kappa: Any, size: Any = None) -> Any:
        return self._cont(
            "legacy_vonmises", size, (mu, "mu", NONE), (kappa, "kappa", NON_NEGATIVE)
        )

    @overload
    def pareto(self, a: float, size: None = None) -> float: ...
    @overload
    def pareto(self, a: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def pareto(self, a: Any, size: Any = None) -> Any:
        return self._cont("legacy_pareto", size, (a, "a", POSITIVE))

    @overload
    def weibull(self, a: float, size: None = None) -> float: ...
    @overload
    def weibull(self, a: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def weibull(self, a: Any, size: Any = None) -> Any:
        return self._cont("legacy_weibull", size, (a, "a", NON_NEGATIVE))

    @overload
    def power(self, a: float, size: None = None) -> float: ...
    @overload
    def power(self, a: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def power(self, a: Any, size: Any = None) -> Any:
        return self._cont("legacy_power", size, (a, "a", POSITIVE))

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
            "legacy_lognormal", size, (mean, "mean", NONE), (sigma, "sigma", NON_NEGATIVE)
        )

    @overload
    def rayleigh(self, scale: float = 1.0, size: None = None) -> float: ...
    @overload
    def rayleigh(self, scale: ArrayLike = 1.0, size: _ShapeLike | None = None) -> ndarray: ...
    def rayleigh(self, scale: Any = 1.0, size: Any = None) -> Any:
        return self._cont("legacy_rayleigh", size, (scale, "scale", NON_NEGATIVE))

    @overload
    def wald(self, mean: float, scale: float, size: None = None) -> float: ...
    @overload
    def wald(self, mean: ArrayLike, scale: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def wald(self, mean: Any, scale: Any, size: Any = None) -> Any:
        return self._cont(
            "legacy_wald", size, (mean, "mean", POSITIVE), (scale, "scale", POSITIVE)
        )

    @overload
    def triangular(self, left: float, mode: float, right: float, size: None = None) -> float: ...
    @overload
    def triangular(self, left: ArrayLike, mode: ArrayLike, right: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def triangular(self, left: Any, mode: Any, right: Any, size: Any = None) -> Any:
        from ._generator import Generator

        if _ndim(left) == 0 and _ndim(mode) == 0 and _ndim(right) == 0:
            fl, fm, fr = float(left), float(mode), float(right)
            if fl > fm:
                raise ValueError("left > mode")
            if fm > fr:
                raise ValueError("mode > right")
            if fl == fr:
                raise ValueError("left == right")
            return self._cont("triangular", size, (fl, "", NONE), (fm, "", NONE), (fr, "", NONE))
        return Generator.triangular(self, left, mode, right, size)  # type: ignore[call-overload]

    # --- discrete ------------------------------------------------------------------------
    @overload
    def binomial(self, n: float, p: float, size: None = None) -> int: ...
    @overload
    def binomial(self, n: ArrayLike, p: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def binomial(self, n: Any, p: Any, size: Any = None) -> Any:
        return self._disc(
            "legacy_binomial",
            size,
            [(p, "p", BOUNDED_0_1)],
            [(n, "n", LEGACY_NON_NEGATIVE_INBOUNDS_LONG)],
        )

    @overload
    def negative_binomial(self, n: float, p: float, size: None = None) -> int: ...
    @overload
    def negative_binomial(self, n: ArrayLike, p: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def negative_binomial(self, n: Any, p: Any, size: Any = None) -> Any:
        return self._disc(
            "legacy_negative_binomial", size, [(n, "n", POSITIVE), (p, "p", BOUNDED_0_1)], []
        )

    @overload
    def poisson(self, lam: float = 1.0, size: None = None) -> int: ...
    @overload
    def poisson(self, lam: ArrayLike = 1.0, size: _ShapeLike | None = None) -> ndarray: ...
    def poisson(self, lam: Any = 1.0, size: Any = None) -> Any:
        return self._disc("legacy_poisson", size, [(lam, "lam", LEGACY_POISSON)], [])

    @overload
    def zipf(self, a: float, size: None = None) -> int: ...
    @overload
    def zipf(self, a: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def zipf(self, a: Any, size: Any = None) -> Any:
        return self._disc("legacy_zipf", size, [(a, "a", GT_1)], [])

    @overload
    def geometric(self, p: float, size: None = None) -> int: ...
    @overload
    def geometric(self, p: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def geometric(self, p: Any, size: Any = None) -> Any:
        return self._disc("legacy_geometric", size, [(p, "p", BOUNDED_GT_0_1)], [])

    @overload
    def logseries(self, p: float, size: None = None) -> int: ...
    @overload
    def logseries(self, p: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def logseries(self, p: Any, size: Any = None) -> Any:
        return self._disc("legacy_logseries", size, [(p, "p", BOUNDED_LT_0_1)], [])

    @overload
    def hypergeometric(self, ngood: float, nbad: float, nsample: float, size: None = None) -> int: ...
    @overload
    def hypergeometric(self, ngood: ArrayLike, nbad: ArrayLike, nsample: ArrayLike, size: _ShapeLike | None = None) -> ndarray: ...
    def hypergeometric(self, ngood: Any, nbad: Any, nsample: Any, size: Any = None) -> Any:
        g = _ox.asarray(ngood, dtype=_ox.int64)
        b = _ox.asarray(nbad, dtype=_ox.int64)
        s = _ox.asarray(nsample, dtype=_ox.int64)
        if g.ndim == 0 and b.ndim == 0 and s.ndim == 0:
            if int(g) + int(b) < int(s):
                raise ValueError("ngood + nbad < nsample")
        elif bool(_ox.any(_ox.less(_ox.add(g, b), s))):
            raise ValueError("ngood + nbad < nsample")
        return self._disc(
            "legacy_hypergeometric",
            size,
            [],
            [
                (g, "ngood", LEGACY_NON_NEGATIVE_INBOUNDS_LONG),
                (b, "nbad", NON_NEGATIVE),
                (s, "nsample", GTE_1),
            ],
        )

    def multinomial(self, n: ArrayLike, pvals: ArrayLike, size: _ShapeLike | None = None) -> ndarray:
        if _ndim(n) != 0:
            raise TypeError("only integer scalar arrays can be converted to a scalar index")
        return _multinomial(self, n, pvals, size, legacy=True)

    def dirichlet(self, alpha: ArrayLike, size: _ShapeLike | None = None) -> ndarray:
        a = _ox.asarray(alpha, dtype=_ox.float64)
        if a.ndim != 1:
            raise ValueError("object too deep for desired array")
        if bool(_ox.any(_ox.less_equal(a, 0))):
            raise ValueError("alpha <= 0")
        return _dirichlet(self, a, size, legacy=True)

    def multivariate_normal(
        self, mean: ArrayLike, cov: ArrayLike, size: _ShapeLike | None = None, check_valid: str = "warn", tol: float = 1e-8
    ) -> ndarray:
        from .. import linalg as _la
        from ._generator import _mvn_final_shape, _mvn_not_psd

        mean_a = _ox.array(mean)
        cov_a = _ox.array(cov)
        final_shape = _mvn_final_shape(mean_a, cov_a, size)
        x = self.standard_normal(final_shape).reshape(-1, mean_a.shape[0])
        # GH10839, ensure double to make tol meaningful
        cov_a = cov_a.astype(_ox.float64)
        _u, s, v = _la.svd(cov_a)
        if check_valid != "ignore":
            if check_valid != "warn" and check_valid != "raise":
                raise ValueError("check_valid must equal 'warn', 'raise', or 'ignore'")
            psd = bool(_ox.allclose(_ox.dot(v.T * s, v), cov_a, rtol=tol, atol=tol))
            _mvn_not_psd(psd, check_valid)
        x = _ox.dot(x, _ox.sqrt(s)[:, None] * v)
        x += mean_a
        return x.reshape(tuple(final_shape))

    # --- permutations and choice -----------------------------------------------------------
    def shuffle(self, x: ndarray | list[Any]) -> None:
        from ._generator import _apply_perm

        if hasattr(x, "flags") and not x.flags.writeable:
            raise ValueError("array is read-only")
        n = len(x)
        if n == 0:
            return
        perm = _ox.arange(n, dtype=_ox.int64)
        with self._lock:
            self._core.shuffle_int(perm, 1, False)
        _apply_perm(x, perm, 0)

    @overload
    def permutation(self, x: int) -> ndarray: ...
    @overload
    def permutation(self, x: ArrayLike) -> ndarray: ...
    def permutation(self, x: Any) -> ndarray:
        if isinstance(x, int) or (getattr(x, "ndim", None) == 0 and _is_int(x)):
            arr = _ox.arange(int(x), dtype=_ox.int64)
            self.shuffle(arr)
            return arr
        arr = _ox.asarray(x)
        if arr.ndim < 1:
            raise IndexError("x must be an integer or at least 1-dimensional")
        perm = _ox.arange(arr.shape[0], dtype=_ox.int64)
        with self._lock:
            self._core.shuffle_int(perm, 1, False)
        return arr[perm].copy()

    @overload
    def choice(self, a: int, size: None = None, replace: bool = True, p: ArrayLike | None = None) -> int: ...
    @overload
    def choice(self, a: ArrayLike, size: _ShapeLike, replace: bool = True, p: ArrayLike | None = None) -> ndarray: ...
    @overload
    def choice(self, a: ArrayLike, size: _ShapeLike | None = None, replace: bool = True, p: ArrayLike | None = None) -> Any: ...
    def choice(self, a: Any, size: Any = None, replace: bool = True, p: Any = None) -> Any:
        a_arr = _ox.asarray(a)
        if a_arr.ndim == 0:
            try:
                pop_size = operator.index(a_arr.item())
            except TypeError:
                raise ValueError("a must be 1-dimensional or an integer") from None
            if pop_size <= 0 and _prod(size) != 0:
                raise ValueError("a must be greater than 0 unless no samples are taken")
            is_int = True
        elif a_arr.ndim != 1:
            raise ValueError("a must be 1-dimensional")
        else:
            pop_size = a_arr.shape[0]
            if pop_size == 0 and _prod(size) != 0:
                raise ValueError("'a' cannot be empty unless no samples are taken")
            is_int = False
        pl: list[float] | None = None
        if p is not None:
            pa = _ox.asarray(p, dtype=_ox.float64)
            if pa.ndim != 1:
                raise ValueError("'p' must be 1-dimensional")
            if pa.size != pop_size:
                raise ValueError("'a' and 'p' must have same size")
            pl = [float(v) for v in pa.tolist()]
            s = _kahan_sum(pl)
            if s != s:
                raise ValueError("probabilities contain NaN")
            if any(v < 0 for v in pl):
                raise ValueError("probabilities are not non-negative")
            if abs(s - 1.0) > 1.4901161193847656e-08:
                raise ValueError("probabilities do not sum to 1")
        shape: tuple[int, ...] = () if size is None else _shape_tuple(size)
        n = _prod(shape)
        if replace:
            if pl is not None:
                with self._lock:
                    idx = self._core.choice_cdf(pl, shape)
            else:
                idx = self.randint(0, pop_size, size=shape)
        else:
            if n > pop_size:
                raise ValueError("Cannot take a larger sample than population when 'replace=False'")
            if n < 0:
                raise ValueError("negative dimensions are not allowed")
            if pl is not None:
                if sum(1 for v in pl if v > 0) < n:
                    raise ValueError("Fewer non-zero entries in p than size")
                with self._lock:
                    idx = self._core.choice_p_noreplace(pl, n).reshape(shape)
            else:
                idx = self.permutation(pop_size)[:n].reshape(shape)
        if size is None:
            i = int(idx.item(0) if hasattr(idx, "item") else idx)
            if is_int:
                return i
            return a_arr[i]
        if is_int:
            return idx
        return a_arr[idx]


def _is_int(x: Any) -> bool:
    return getattr(getattr(x, "dtype", None), "kind", "") in "iu"


def _randomstate_ctor(seed: Any = None) -> RandomState:
    return RandomState(seed)
