"""Floating-point error handling: ``seterr``, ``geterr``, ``errstate``, ``seterrcall``.

The state lives in one :class:`contextvars.ContextVar`, exactly as in NumPy 2: every thread
and every asyncio task sees its own settings, ``seterr`` changes only the current context,
and leaving an ``errstate`` block (normally or by an exception) restores the state that was
current when it was entered.

The value of the context variable is a tuple the Rust side reads directly
(``crates/oxarray-py/src/errstate.rs``)::

    (divide, over, under, invalid, call, int_overflow)

with each mode an index into :data:`_MODES`. Reading it from Rust costs one
``ContextVar.get`` and happens only when a ufunc call raised a flag.

oxarray extension (not in NumPy): **integer overflow detection**. NumPy's integer array
arithmetic wraps silently. ``errstate(int_overflow="raise")`` (or ``seterr(int_overflow=...)``)
turns on a check in the integer ``add``/``subtract``/``multiply``/``negative``/``absolute``/
``power`` loops; a wrapped result is reported as ``"overflow encountered in <ufunc>"``
(the words NumPy uses for its integer *scalars*), handled with the ``int_overflow`` mode.
``int_overflow="ignore"`` (the default) switches the check off, so ordinary code pays
nothing for it. Caveat: the loops report one overflow flag, so while the check is on, the
``int_overflow`` mode also governs float overflow in the same calls. ``geterr()`` keeps
NumPy's four keys; :func:`geterr_int_overflow` reads the extension's mode.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from . import _core

if TYPE_CHECKING:
    from typing import Protocol, TypeAlias

    class _SupportsWrite(Protocol):
        def write(self, s: str, /) -> object: ...

    # `seterrcall`'s argument: a callback `f(errtype, flags)` for 'call' mode, an object
    # with `write(str)` for 'log' mode, or None.
    _ErrCall: TypeAlias = Callable[[str, int], object] | _SupportsWrite | None

__all__ = [
    "errstate",
    "geterr",
    "geterr_int_overflow",
    "geterrcall",
    "seterr",
    "seterrcall",
]

_MODES = ("ignore", "warn", "raise", "call", "print", "log")
_MODE_INDEX = {name: i for i, name in enumerate(_MODES)}
_CATEGORIES = ("divide", "over", "under", "invalid")

# NumPy's defaults: divide/over/invalid warn, under ignore; no callback; int check off.
_DEFAULT = (1, 1, 0, 1, None, 0)

_errstate_var: contextvars.ContextVar[tuple[Any, ...]] = contextvars.ContextVar(
    "oxarray_errstate", default=_DEFAULT
)

_F = TypeVar("_F", bound=Callable[..., Any])


def _mode_index(mode: object) -> int:
    if isinstance(mode, str) and mode in _MODE_INDEX:
        return _MODE_INDEX[mode]
    raise ValueError(f"invalid error mode {mode!r}")


def _check_call(func: Any) -> Any:
    if func is None or callable(func):
        return func
    if callable(getattr(func, "write", None)):
        return func
    raise TypeError("python object must be callable or have a callable write method")


class _Unspecified:
    def __repr__(self) -> str:
        return "<unspecified>"


_UNSPECIFIED: Any = _Unspecified()


def _make_state(
    base: tuple[Any, ...],
    *,
    all: object = None,
    divide: object = None,
    over: object = None,
    under: object = None,
    invalid: object = None,
    call: object = _UNSPECIFIED,
    int_overflow: object = None,
) -> tuple[Any, ...]:
    state = list(base)
    if all is not None:
        m = _mode_index(all)
        state[0:4] = [m, m, m, m]
    for i, mode in enumerate((divide, over, under, invalid)):
        if mode is not None:
            state[i] = _mode_index(mode)
    if call is not _UNSPECIFIED:
        state[4] = _check_call(call)
    if int_overflow is not None:
        state[5] = _mode_index(int_overflow)
        if state[5]:
            # Arm the Rust-side guard once; until then `int_overflow_checks` never reads
            # the context variable.
            _core._errstate_enable_int_overflow()
    return tuple(state)


def _as_dict(state: tuple[Any, ...]) -> dict[str, str]:
    return {name: _MODES[state[i]] for i, name in enumerate(_CATEGORIES)}


def seterr(
    all: str | None = None,
    divide: str | None = None,
    over: str | None = None,
    under: str | None = None,
    invalid: str | None = None,
    *,
    int_overflow: str | None = None,
) -> dict[str, str]:
    """Set how floating-point errors are handled in the current context; return the old
    settings (a dict with keys ``divide``, ``over``, ``under``, ``invalid``).

    Modes: ``'ignore'``, ``'warn'`` (``RuntimeWarning``), ``'raise'``
    (``FloatingPointError``), ``'call'`` (the function set by :func:`seterrcall`),
    ``'print'`` (a line on standard error) and ``'log'`` (the ``write`` method of the object
    set by :func:`seterrcall`). ``all`` sets the four categories at once; the others
    override it.

    oxarray extension: ``int_overflow`` (same modes) switches integer-overflow detection on
    (any mode but ``'ignore'``); when it is given, the returned dict also holds its old
    value under ``'int_overflow'``, so ``seterr(**old)`` restores it.
    """
    old = _errstate_var.get()
    new = _make_state(
        old,
        all=all,
        divide=divide,
        over=over,
        under=under,
        invalid=invalid,
        int_overflow=int_overflow,
    )
    _errstate_var.set(new)
    res = _as_dict(old)
    if int_overflow is not None:
        res["int_overflow"] = _MODES[old[5]]
    return res


def geterr() -> dict[str, str]:
    """The current handling of floating-point errors: a dict with keys ``divide``,
    ``over``, ``under`` and ``invalid`` (NumPy's default:
    ``{'divide': 'warn', 'over': 'warn', 'under': 'ignore', 'invalid': 'warn'}``)."""
    return _as_dict(_errstate_var.get())


def geterr_int_overflow() -> str:
    """oxarray extension: the current integer-overflow mode (``'ignore'`` means the check is
    off, the default)."""
    return _MODES[_errstate_var.get()[5]]


def seterrcall(func: _ErrCall) -> _ErrCall:
    """Set the callback for ``'call'`` mode (``func(errtype: str, flags: int)``) or the log
    object for ``'log'`` mode (anything with a ``write(str)`` method); return the old one.
    ``flags = divide + 2*over + 4*under + 8*invalid``."""
    old = _errstate_var.get()
    _errstate_var.set(_make_state(old, call=func))
    return old[4]


def geterrcall() -> _ErrCall:
    """The current callback or log object (``None`` when none was set)."""
    return _errstate_var.get()[4]


class errstate:
    """errstate(*, call=<unspecified>, all=None, divide=None, over=None, under=None,
    invalid=None, int_overflow=None)

    Context manager and decorator for floating-point error handling: inside the block (or
    the decorated function) the given settings apply; on leaving it, normally or by an
    exception, the settings that were current on entry come back. Scoped per thread and per
    asyncio task (a context variable).

    ``int_overflow`` is an oxarray extension: see :func:`seterr`.

    Difference from NumPy: an ``errstate`` object may be entered again after it was left
    (NumPy refuses any second entry); entering it while it is active raises ``TypeError``
    as in NumPy.
    """

    __slots__ = ("_kwargs", "_token")

    def __init__(
        self,
        *,
        call: Any = _UNSPECIFIED,
        all: str | None = None,
        divide: str | None = None,
        over: str | None = None,
        under: str | None = None,
        invalid: str | None = None,
        int_overflow: str | None = None,
    ) -> None:
        self._token: contextvars.Token[tuple[Any, ...]] | None = None
        self._kwargs = {
            "call": call,
            "all": all,
            "divide": divide,
            "over": over,
            "under": under,
            "invalid": invalid,
            "int_overflow": int_overflow,
        }

    def __enter__(self) -> None:
        if self._token is not None:
            raise TypeError("Cannot enter `oxarray.errstate` twice.")
        new = _make_state(_errstate_var.get(), **self._kwargs)
        self._token = _errstate_var.set(new)

    def __exit__(self, *exc_info: object) -> None:
        token, self._token = self._token, None
        if token is not None:
            _errstate_var.reset(token)

    def __call__(self, func: _F) -> _F:
        # The token must not live on the instance (the decorated function may run in
        # several threads at once), so each call sets and resets its own.
        kwargs = self._kwargs

        @functools.wraps(func)
        def inner(*args: Any, **kw: Any) -> Any:
            token = _errstate_var.set(_make_state(_errstate_var.get(), **kwargs))
            try:
                return func(*args, **kw)
            finally:
                _errstate_var.reset(token)

        return inner  # type: ignore[return-value]
