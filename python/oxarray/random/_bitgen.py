"""`SeedSequence` and the five bit generators, state-compatible with NumPy's.

The mixing and the generators run in Rust (`oxarray._core._RandomCore`); this module turns
seeds into words and keeps NumPy's `.state` dictionaries, pickling and `lock`.
"""

from __future__ import annotations

import operator
import re
import secrets
from threading import RLock
from typing import TYPE_CHECKING, Any

import oxarray as _ox

from .._core import _RandomCore, _seedseq_generate, _seedseq_mix

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .._core import ArrayLike, DTypeLike, _ShapeLike, ndarray

__all__ = [
    "BitGenerator",
    "MT19937",
    "PCG64",
    "PCG64DXSM",
    "Philox",
    "SFC64",
    "SeedSequence",
    "SeedlessSeedSequence",
    "ISeedSequence",
    "ISpawnableSeedSequence",
]

_DECIMAL_RE = re.compile(r"[0-9]+")
_DEFAULT_POOL_SIZE = 4
_MASK32 = 0xFFFFFFFF


def _int_to_words(n: int) -> list[int]:
    if n < 0:
        raise ValueError("expected non-negative integer")
    if n == 0:
        return [0]
    out = []
    while n > 0:
        out.append(n & _MASK32)
        n >>= 32
    return out


def _is_integer(x: object) -> bool:
    if isinstance(x, bool):
        return True
    if isinstance(x, int):
        return True
    dt = getattr(x, "dtype", None)
    return dt is not None and getattr(x, "ndim", 1) == 0 and dt.kind in "iub"


def _coerce_to_uint32_words(x: Any) -> list[int]:
    """NumPy's `_coerce_to_uint32_array`, as a list of Python ints."""
    dt = getattr(x, "dtype", None)
    if dt is not None and getattr(x, "ndim", 0) >= 1 and str(dt) == "uint32":
        return [int(v) for v in x.tolist()]
    if isinstance(x, str):
        if x.startswith("0x"):
            x = int(x, base=16)
        elif _DECIMAL_RE.match(x):
            x = int(x)
        else:
            raise ValueError("unrecognized seed string")
    if _is_integer(x):
        return _int_to_words(int(x))
    if isinstance(x, float) or (dt is not None and dt.kind in "fc"):
        raise TypeError("seed must be integer")
    if len(x) == 0:
        return []
    words: list[int] = []
    for v in x:
        if hasattr(v, "__len__") and not isinstance(v, str):
            raise TypeError("SeedSequence does not accept nested sequences.")
        words.extend(_coerce_to_uint32_words(v))
    return words


class ISeedSequence:
    """Abstract base of seed sequences (`generate_state`)."""

    def generate_state(self, n_words: int, dtype: DTypeLike = "uint32") -> ndarray:
        raise NotImplementedError


class ISpawnableSeedSequence(ISeedSequence):
    """Abstract base of seed sequences that can `spawn`."""

    def spawn(self, n_children: int) -> list[Any]:
        raise NotImplementedError


class SeedlessSeedSequence(ISeedSequence):
    """A seed sequence for bit generators that manage their own seeding."""

    def generate_state(self, n_words: int, dtype: DTypeLike = "uint32") -> ndarray:
        raise NotImplementedError("seedless SeedSequences cannot generate state")

    def spawn(self, n_children: int) -> list[Any]:
        return [self] * n_children


class SeedSequence(ISpawnableSeedSequence):
    """SeedSequence(entropy=None, *, spawn_key=(), pool_size=4, n_children_spawned=0)

    Mixes sources of entropy into a reproducible pool, as NumPy's does (same words)."""

    entropy: Any
    spawn_key: tuple[int, ...]
    pool_size: int
    n_children_spawned: int

    def __init__(
        self,
        entropy: ArrayLike | None = None,
        *,
        spawn_key: Sequence[int] = (),
        pool_size: int = _DEFAULT_POOL_SIZE,
        n_children_spawned: int = 0,
    ) -> None:
        if pool_size < _DEFAULT_POOL_SIZE:
            raise ValueError(
                f"The size of the entropy pool should be at least {_DEFAULT_POOL_SIZE}"
            )
        if entropy is None:
            entropy = secrets.randbits(pool_size * 32)
        elif not (
            isinstance(entropy, (int, list, tuple, range))
            or _is_integer(entropy)
            or hasattr(entropy, "dtype")
        ):
            raise TypeError(
                f"SeedSequence expects int or sequence of ints for entropy not {entropy}"
            )
        self.entropy = entropy
        self.spawn_key = tuple(spawn_key)
        self.pool_size = pool_size
        self.n_children_spawned = n_children_spawned
        self._pool = _seedseq_mix(pool_size, self._assembled_entropy())

    def _assembled_entropy(self) -> list[int]:
        run_entropy = _coerce_to_uint32_words(self.entropy)
        spawn_entropy = _coerce_to_uint32_words(self.spawn_key)
        if len(spawn_entropy) > 0 and len(run_entropy) < self.pool_size:
            run_entropy = run_entropy + [0] * (self.pool_size - len(run_entropy))
        return run_entropy + spawn_entropy

    @property
    def pool(self) -> ndarray:
        return _ox.asarray(self._pool, dtype=_ox.uint32)

    @property
    def state(self) -> dict[str, Any]:
        return {
            k: getattr(self, k)
            for k in ["entropy", "spawn_key", "pool_size", "n_children_spawned"]
            if getattr(self, k) is not None
        }

    def __repr__(self) -> str:
        lines = [f"{type(self).__name__}(", f"    entropy={self.entropy!r},"]
        if self.spawn_key:
            lines.append(f"    spawn_key={self.spawn_key!r},")
        if self.pool_size != _DEFAULT_POOL_SIZE:
            lines.append(f"    pool_size={self.pool_size!r},")
        if self.n_children_spawned != 0:
            lines.append(f"    n_children_spawned={self.n_children_spawned!r},")
        lines.append(")")
        return "\n".join(lines)

    def generate_state(self, n_words: int, dtype: DTypeLike = "uint32") -> ndarray:
        dt = _ox.dtype(dtype)
        if dt == _ox.dtype("uint32"):
            return _seedseq_generate(self._pool, int(n_words), False)
        if dt == _ox.dtype("uint64"):
            return _seedseq_generate(self._pool, int(n_words), True)
        raise ValueError("only support uint32 or uint64")

    def spawn(self, n_children: int) -> list[SeedSequence]:
        if n_children < 0:
            raise ValueError("n_children must be non-negative")
        seqs = [
            type(self)(self.entropy, spawn_key=self.spawn_key + (i,), pool_size=self.pool_size)
            for i in range(self.n_children_spawned, self.n_children_spawned + n_children)
        ]
        self.n_children_spawned += n_children
        return seqs

    def __reduce__(self) -> Any:
        return (
            _seedseq_ctor,
            (self.entropy, self.spawn_key, self.pool_size, self.n_children_spawned),
        )


def _seedseq_ctor(entropy: Any, spawn_key: Any, pool_size: int, n: int) -> SeedSequence:
    return SeedSequence(entropy, spawn_key=spawn_key, pool_size=pool_size, n_children_spawned=n)


def _words(a: Any) -> list[int]:
    return [int(v) for v in (a.tolist() if hasattr(a, "tolist") else a)]


def _u64_list(v: Any, n: int, name: str) -> list[int]:
    vals = [int(x) for x in (v.tolist() if hasattr(v, "tolist") else v)]
    if len(vals) != n:
        raise ValueError(f"{name} must have {n} elements")
    return [x % 2**64 for x in vals]


def _int_to_words64(value: Any, name: str, bits: int) -> list[int]:
    """NumPy's `int_to_array(value, name, bits, 64)`."""
    n = bits // 64
    if _is_integer(value):
        value = int(value)
        if value < 0 or value >= 2**bits:
            raise ValueError(f"{name} must be positive and less than 2**{bits}.")
        return [(value >> (64 * i)) & (2**64 - 1) for i in range(n)]
    vals = [int(v) for v in (value.tolist() if hasattr(value, "tolist") else value)]
    if len(vals) != n:
        raise ValueError(f"{name} must have {n} elements when using array form")
    return [v % 2**64 for v in vals]


class BitGenerator:
    """Base class of the bit generators: seeding, `lock`, `random_raw`, `spawn`, pickling."""

    _core: _RandomCore
    _seed_seq: Any
    lock: Any

    _kind = ""

    def __init__(self, seed: ArrayLike | ISeedSequence | None = None) -> None:
        if type(self) is BitGenerator:
            raise NotImplementedError("BitGenerator is a base class and cannot be instantized")
        self.lock = RLock()
        if not isinstance(seed, ISeedSequence):
            seed = SeedSequence(seed)
        self._seed_seq = seed
        self._core = _RandomCore(self._kind)

    @property
    def seed_seq(self) -> ISeedSequence:
        return self._seed_seq

    @property
    def state(self) -> dict[str, Any]:
        raise NotImplementedError("Not implemented in base BitGenerator")

    @state.setter
    def state(self, value: dict[str, Any]) -> None:
        raise NotImplementedError("Not implemented in base BitGenerator")

    def _check_state(self, value: Any) -> None:
        if not isinstance(value, dict):
            raise TypeError("state must be a dict")
        if value.get("bit_generator", "") != type(self).__name__:
            raise ValueError(f"state must be for a {type(self).__name__} RNG")

    def random_raw(self, size: _ShapeLike | None = None, output: bool = True) -> Any:
        with self.lock:
            out = self._core.random_raw(size)
        return out if output else None

    def spawn(self, n_children: int) -> list[Any]:
        if n_children < 0:
            raise ValueError("n_children must be non-negative")
        if not isinstance(self._seed_seq, ISpawnableSeedSequence):
            raise TypeError("The underlying SeedSequence does not implement spawning.")
        return [type(self)(seed=s) for s in self._seed_seq.spawn(n_children)]

    def __getstate__(self) -> Any:
        return self.state, self._seed_seq

    def __setstate__(self, state_seed_seq: Any) -> None:
        if not hasattr(self, "_core"):
            self.lock = RLock()
            self._core = _RandomCore(self._kind)
        if isinstance(state_seed_seq, dict):
            self.state = state_seed_seq
        else:
            self._seed_seq = state_seed_seq[1]
            self.state = state_seed_seq[0]

    def __reduce__(self) -> Any:
        return (_bit_generator_ctor, (type(self),), (self.state, self._seed_seq))


def _bit_generator_ctor(cls: Any = None) -> Any:
    cls = PCG64 if cls is None else cls
    return cls.__new__(cls)


class _PCGBase(BitGenerator):
    def __init__(self, seed: ArrayLike | ISeedSequence | None = None) -> None:
        super().__init__(seed)
        self._core.seed_words(_words(self._seed_seq.generate_state(4, "uint64")))

    @property
    def state(self) -> dict[str, Any]:
        with self.lock:
            st, inc, has, uint = self._core.get_state()
        return {
            "bit_generator": type(self).__name__,
            "state": {"state": st, "inc": inc},
            "has_uint32": has,
            "uinteger": uint,
        }

    @state.setter
    def state(self, value: dict[str, Any]) -> None:
        self._check_state(value)
        st = int(value["state"]["state"]) % 2**128
        inc = int(value["state"]["inc"]) % 2**128
        with self.lock:
            self._core.set_pcg_state(
                st, inc, bool(value["has_uint32"]), int(value["uinteger"]) % 2**32
            )

    def advance(self, delta: int) -> Any:
        delta = int(delta) % 2**128
        with self.lock:
            self._core.advance([delta >> 64, delta & (2**64 - 1)])
        return self

    def jumped(self, jumps: int = 1) -> Any:
        bg = type(self)()
        bg.state = self.state
        bg.advance(0x9E3779B97F4A7C15F39CC0605CEDC835 * int(jumps))
        return bg


class PCG64(_PCGBase):
    """PCG64(seed=None): the default bit generator (PCG XSL-RR 128/64)."""

    _kind = "PCG64"


class PCG64DXSM(_PCGBase):
    """PCG64DXSM(seed=None): PCG with the cheap multiplier and the DXSM output."""

    _kind = "PCG64DXSM"


class MT19937(BitGenerator):
    """MT19937(seed=None): the Mersenne Twister, seeded through SeedSequence."""

    _kind = "MT19937"

    def __init__(self, seed: ArrayLike | ISeedSequence | None = None) -> None:
        super().__init__(seed)
        self._core.seed_words(_words(self._seed_seq.generate_state(624, "uint32")))

    def _legacy_seeding(self, seed: Any) -> None:
        with self.lock:
            if seed is None:
                ss = SeedSequence()
                self._core.seed_words(_words(ss.generate_state(624, "uint32")))
            else:
                if hasattr(seed, "squeeze"):
                    seed = seed.squeeze()
                try:
                    idx = operator.index(seed)
                except TypeError:
                    obj = _ox.asarray(seed)
                    if obj.size == 0:
                        raise ValueError("Seed must be non-empty") from None
                    if obj.dtype.kind not in "iub":
                        raise TypeError(
                            "Cannot cast array data from dtype('float64') to "
                            "dtype('int64') according to the rule 'safe'"
                        ) from None
                    if obj.ndim != 1:
                        raise ValueError("Seed array must be 1-d") from None
                    vals = [int(v) for v in obj.tolist()]
                    if any(v > 2**32 - 1 or v < 0 for v in vals):
                        raise ValueError("Seed must be between 0 and 2**32 - 1") from None
                    self._core.mt_seed_array(vals)
                else:
                    if idx > 2**32 - 1 or idx < 0:
                        raise ValueError("Seed must be between 0 and 2**32 - 1")
                    self._core.mt_seed(idx)
            self._seed_seq = None

    @property
    def state(self) -> dict[str, Any]:
        with self.lock:
            key, pos = self._core.get_state()
        return {
            "bit_generator": type(self).__name__,
            "state": {"key": _ox.asarray(key, dtype=_ox.uint32), "pos": pos},
        }

    @state.setter
    def state(self, value: Any) -> None:
        if isinstance(value, tuple):
            if value[0] != "MT19937" or len(value) not in (3, 5):
                raise ValueError("state is not a legacy MT19937 state")
            value = {"bit_generator": "MT19937", "state": {"key": value[1], "pos": value[2]}}
        if not isinstance(value, dict):
            raise TypeError("state must be a dict")
        if value.get("bit_generator", "") != type(self).__name__:
            raise ValueError(f"state must be for a {type(self).__name__} PRNG")
        key = [int(v) % 2**32 for v in _words(value["state"]["key"])]
        with self.lock:
            self._core.set_mt_state(key, int(value["state"]["pos"]))

    def jumped(self, jumps: int = 1) -> MT19937:
        bg = type(self)()
        bg.state = self.state
        with bg.lock:
            bg._core.jump(int(jumps))
        return bg


class Philox(BitGenerator):
    """Philox(seed=None, counter=None, key=None): Philox 4x64-10, counter based."""

    _kind = "Philox"

    def __init__(self, seed: ArrayLike | ISeedSequence | None = None, counter: ArrayLike | None = None, key: ArrayLike | None = None) -> None:
        if seed is not None and key is not None:
            raise ValueError("seed and key cannot be both used")
        super().__init__(seed)
        if key is not None:
            kw = _int_to_words64(key, "key", 128)
            self._seed_seq = None
        else:
            kw = _words(self._seed_seq.generate_state(2, "uint64"))
        cw = _int_to_words64(0 if counter is None else counter, "counter", 256)
        self._core.seed_words(kw)
        self._core.set_philox_state(cw, kw, [0, 0, 0, 0], 4, False, 0)

    @property
    def state(self) -> dict[str, Any]:
        with self.lock:
            ctr, key, buf, pos, has, uint = self._core.get_state()
        return {
            "bit_generator": type(self).__name__,
            "state": {
                "counter": _ox.asarray(ctr, dtype=_ox.uint64),
                "key": _ox.asarray(key, dtype=_ox.uint64),
            },
            "buffer": _ox.asarray(buf, dtype=_ox.uint64),
            "buffer_pos": pos,
            "has_uint32": has,
            "uinteger": uint,
        }

    @state.setter
    def state(self, value: dict[str, Any]) -> None:
        if not isinstance(value, dict):
            raise TypeError("state must be a dict")
        if value.get("bit_generator", "") != type(self).__name__:
            raise ValueError(f"state must be for a {type(self).__name__} PRNG")
        with self.lock:
            self._core.set_philox_state(
                _u64_list(value["state"]["counter"], 4, "counter"),
                _u64_list(value["state"]["key"], 2, "key"),
                _u64_list(value["buffer"], 4, "buffer"),
                int(value["buffer_pos"]),
                bool(value["has_uint32"]),
                int(value["uinteger"]) % 2**32,
            )

    def advance(self, delta: int) -> Philox:
        delta = int(delta) % 2**256
        words = [(delta >> (64 * i)) & (2**64 - 1) for i in range(4)]
        with self.lock:
            self._core.advance(words)
        return self

    def jumped(self, jumps: int = 1) -> Philox:
        bg = type(self)()
        bg.state = self.state
        bg.advance(int(jumps) * 2**128)
        return bg


class SFC64(BitGenerator):
    """SFC64(seed=None): Chris Doty-Humphrey's Small Fast Chaotic generator."""

    _kind = "SFC64"

    def __init__(self, seed: ArrayLike | ISeedSequence | None = None) -> None:
        super().__init__(seed)
        self._core.seed_words(_words(self._seed_seq.generate_state(3, "uint64")))

    @property
    def state(self) -> dict[str, Any]:
        with self.lock:
            s, has, uint = self._core.get_state()
        return {
            "bit_generator": type(self).__name__,
            "state": {"state": _ox.asarray(s, dtype=_ox.uint64)},
            "has_uint32": has,
            "uinteger": uint,
        }

    @state.setter
    def state(self, value: dict[str, Any]) -> None:
        self._check_state(value)
        with self.lock:
            self._core.set_sfc_state(
                _u64_list(value["state"]["state"], 4, "state"),
                bool(value["has_uint32"]),
                int(value["uinteger"]) % 2**32,
            )
