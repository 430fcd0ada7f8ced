"""`oxarray.random`: NumPy's random module, stream-identical with `numpy.random`.

The same seed gives the same numbers as NumPy for every bit generator and distribution,
and `.state` dictionaries move between the two libraries in both directions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    from .._core import ArrayLike, _ShapeLike, ndarray

from ._bitgen import (
    MT19937,
    PCG64,
    PCG64DXSM,
    SFC64,
    BitGenerator,
    ISeedSequence,
    ISpawnableSeedSequence,
    Philox,
    SeedlessSeedSequence,
    SeedSequence,
)
from ._generator import Generator, default_rng
from ._legacy import RandomState

__all__ = [
    "BitGenerator",
    "Generator",
    "ISeedSequence",
    "ISpawnableSeedSequence",
    "MT19937",
    "PCG64",
    "PCG64DXSM",
    "Philox",
    "RandomState",
    "SFC64",
    "SeedSequence",
    "SeedlessSeedSequence",
    "default_rng",
    "beta",
    "binomial",
    "bytes",
    "chisquare",
    "choice",
    "dirichlet",
    "exponential",
    "f",
    "gamma",
    "geometric",
    "get_bit_generator",
    "get_state",
    "gumbel",
    "hypergeometric",
    "laplace",
    "logistic",
    "lognormal",
    "logseries",
    "multinomial",
    "multivariate_normal",
    "negative_binomial",
    "noncentral_chisquare",
    "noncentral_f",
    "normal",
    "pareto",
    "permutation",
    "poisson",
    "power",
    "rand",
    "randint",
    "randn",
    "random",
    "random_integers",
    "random_sample",
    "ranf",
    "rayleigh",
    "sample",
    "seed",
    "set_bit_generator",
    "set_state",
    "shuffle",
    "standard_cauchy",
    "standard_exponential",
    "standard_gamma",
    "standard_normal",
    "standard_t",
    "triangular",
    "uniform",
    "vonmises",
    "wald",
    "weibull",
    "zipf",
]

_rand = RandomState()

beta = _rand.beta
binomial = _rand.binomial
bytes = _rand.bytes  # noqa: A001 - NumPy's name
chisquare = _rand.chisquare
choice = _rand.choice
dirichlet = _rand.dirichlet
exponential = _rand.exponential
f = _rand.f
gamma = _rand.gamma
get_state = _rand.get_state
geometric = _rand.geometric
gumbel = _rand.gumbel
hypergeometric = _rand.hypergeometric
laplace = _rand.laplace
logistic = _rand.logistic
lognormal = _rand.lognormal
logseries = _rand.logseries
multinomial = _rand.multinomial
multivariate_normal = _rand.multivariate_normal
negative_binomial = _rand.negative_binomial
noncentral_chisquare = _rand.noncentral_chisquare
noncentral_f = _rand.noncentral_f
normal = _rand.normal
pareto = _rand.pareto
permutation = _rand.permutation
poisson = _rand.poisson
power = _rand.power
rand = _rand.rand
randint = _rand.randint
randn = _rand.randn
random = _rand.random
random_integers = _rand.random_integers
random_sample = _rand.random_sample
rayleigh = _rand.rayleigh
set_state = _rand.set_state
shuffle = _rand.shuffle
standard_cauchy = _rand.standard_cauchy
standard_exponential = _rand.standard_exponential
standard_gamma = _rand.standard_gamma
standard_normal = _rand.standard_normal
standard_t = _rand.standard_t
triangular = _rand.triangular
uniform = _rand.uniform
vonmises = _rand.vonmises
wald = _rand.wald
weibull = _rand.weibull
zipf = _rand.zipf


def seed(seed: ArrayLike | None = None) -> None:
    """Seed the global RandomState (NumPy's legacy seeding)."""
    if isinstance(_rand._bit_generator, MT19937):
        return _rand.seed(seed)
    global_state = RandomState(seed)
    _rand._bit_generator = global_state._bit_generator
    _rand._core.set_gauss(False, 0.0)
    return None


def get_bit_generator() -> BitGenerator:
    """The bit generator behind the module-level functions."""
    return _rand._bit_generator


def set_bit_generator(bitgen: BitGenerator) -> None:
    """Replace the bit generator behind the module-level functions."""
    _rand._bit_generator = bitgen


@overload
def sample(size: None = None) -> float: ...
@overload
def sample(size: _ShapeLike | None = None) -> ndarray: ...
def sample(*args: Any, **kwargs: Any) -> Any:
    """An alias of `random_sample`."""
    return _rand.random_sample(*args, **kwargs)


@overload
def ranf(size: None = None) -> float: ...
@overload
def ranf(size: _ShapeLike | None = None) -> ndarray: ...
def ranf(*args: Any, **kwargs: Any) -> Any:
    """An alias of `random_sample`."""
    return _rand.random_sample(*args, **kwargs)
