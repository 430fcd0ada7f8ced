"""Python functions as broadcasting functions: :class:`vectorize` and :func:`frompyfunc`.

Like NumPy's, these are conveniences, not speed-ups: the function is called once per
element, from Python. The inputs are broadcast together; every element is passed to the
function as a Python scalar (``bool``/``int``/``float``/``complex``, what ``tolist`` gives),
and the results are collected into arrays of the output dtypes. An exception raised by the
function propagates unchanged (it is not wrapped or replaced).

Output dtypes: ``otypes`` (a string of type characters such as ``'d'`` or ``'dl'``, or a list
of dtypes) when given; otherwise, as in NumPy, the function is first called once on the
first element of each input (given as oxarray scalars), and the dtype of each result
(``asarray(result).dtype``) becomes the output dtype. Size-0 inputs need ``otypes``.

``frompyfunc`` is NumPy's: a :class:`ufunc` of object loops returning object arrays (the
result object itself for all-scalar inputs).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable
from typing import Any

from . import _core
from ._core import array, asarray, broadcast_arrays, broadcast_shapes, broadcast_to, dtype, empty, ndarray

__all__ = ["frompyfunc", "vectorize"]


def _parse_otypes(otypes: Any) -> list[Any] | None:
    if otypes is None:
        return None
    if isinstance(otypes, str):
        return [dtype(c) for c in otypes]
    if isinstance(otypes, Iterable):
        return [dtype(t) for t in otypes]
    raise ValueError(f"Invalid otype specified: {otypes!r}")


def _first(a: ndarray) -> Any:
    """The first element of `a` as an oxarray scalar."""
    return a.reshape(-1)[0]


def _run(
    func: Callable[..., Any],
    arrays: list[ndarray],
    otypes: list[Any] | None,
    nout: int | None,
    *,
    name: str,
) -> tuple[tuple[ndarray, ...], bool]:
    """Broadcast `arrays`, call `func` on every element, collect typed outputs.

    Returns the outputs and whether the output dtypes had to be inferred."""
    if arrays:
        b = broadcast_arrays(*arrays)
        shape = b[0].shape
    else:
        b, shape = (), ()
    size = 1
    for n in shape:
        size *= n
    if otypes is None:
        if size == 0:
            raise ValueError(f"cannot call `{name}` on size 0 inputs unless `otypes` is set")
        probe = func(*[_first(x) for x in b])
        if nout is not None and nout > 1 or nout is None and isinstance(probe, tuple):
            if not isinstance(probe, tuple):
                raise TypeError(f"{name}: the function must return a tuple of {nout} values")
            otypes = [asarray(p).dtype for p in probe]
        else:
            otypes = [asarray(probe).dtype]
    n_out = len(otypes)
    if size == 0:
        return tuple(empty(shape, dtype=t) for t in otypes), False
    flats = [x.reshape(-1).tolist() if x.ndim else [x.tolist()] for x in b]
    if not flats:
        rows = [func()]
    else:
        rows = [func(*vals) for vals in zip(*flats)]
    if n_out == 1:
        outs = [rows]
    else:
        outs = [[] for _ in range(n_out)]
        for r in rows:
            if not isinstance(r, tuple) or len(r) != n_out:
                raise ValueError(
                    f"{name}: the function returned {r!r}, expected a tuple of {n_out} values"
                )
            for k in range(n_out):
                outs[k].append(r[k])
    # Cast like NumPy's object-array conversion (unsafe: -2 into uint8 wraps).
    res = tuple(array(o).astype(t).reshape(shape) for o, t in zip(outs, otypes))
    return res, True


# NumPy's gufunc signature grammar (numpy/lib/_function_base_impl.py).
_DIMENSION_NAME = r"\w+"
_CORE_DIMENSION_LIST = f"(?:{_DIMENSION_NAME}(?:,{_DIMENSION_NAME})*)?"
_ARGUMENT = rf"\({_CORE_DIMENSION_LIST}\)"
_ARGUMENT_LIST = f"{_ARGUMENT}(?:,{_ARGUMENT})*"
_SIGNATURE = f"^{_ARGUMENT_LIST}->{_ARGUMENT_LIST}$"


def _parse_signature(signature: str) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    signature = re.sub(r"\s+", "", signature)
    if not re.match(_SIGNATURE, signature):
        raise ValueError(f"not a valid gufunc signature: {signature}")
    ins, outs = signature.split("->")
    parse = lambda part: [  # noqa: E731
        tuple(re.findall(_DIMENSION_NAME, arg)) for arg in re.findall(_ARGUMENT, part)
    ]
    return parse(ins), parse(outs)


def _update_dim_sizes(sizes: dict[str, int], arg: Any, core: tuple[str, ...]) -> None:
    if not core:
        return
    n = len(core)
    if arg.ndim < n:
        raise ValueError(
            f"{arg.ndim}-dimensional argument does not have enough dimensions for all "
            f"core dimensions {core!r}"
        )
    for name, size in zip(core, arg.shape[arg.ndim - n:]):
        if name in sizes and sizes[name] != size:
            raise ValueError(
                f"inconsistent size for core dimension {name!r}: {size!r} vs {sizes[name]!r}"
            )
        sizes[name] = size


def _run_signature(
    func: Callable[..., Any], signature: str, args: list[ndarray], otypes: list[Any] | None
) -> Any:
    """Generalized vectorization: loop over the broadcast loop dimensions, pass the core
    sub-arrays to `func` (NumPy's ``_vectorize_call_with_signature``)."""
    in_core, out_core = _parse_signature(signature)
    if len(args) != len(in_core):
        raise TypeError(
            f"wrong number of positional arguments: expected {len(in_core)!r}, got {len(args)!r}"
        )
    sizes: dict[str, int] = {}
    for a, core in zip(args, in_core):
        _update_dim_sizes(sizes, a, core)
    loop_shape = tuple(broadcast_shapes(*[a.shape[: a.ndim - len(c)] for a, c in zip(args, in_core)]))
    args = [broadcast_to(a, loop_shape + a.shape[a.ndim - len(c):]) for a, c in zip(args, in_core)]
    outputs: list[ndarray] | None = None
    nout = len(out_core)
    for index in itertools.product(*[range(n) for n in loop_shape]):
        results = func(*[a[index] for a in args])
        if nout == 1:
            results = (results,)
        elif not isinstance(results, tuple) or len(results) != nout:
            raise ValueError(f"wrong number of outputs from pyfunc: expected {nout}, got "
                             f"{len(results) if isinstance(results, tuple) else 1}")
        results = tuple(asarray(r) for r in results)
        if outputs is None:
            for r, core in zip(results, out_core):
                _update_dim_sizes(sizes, r, core)
            types = otypes or [r.dtype for r in results]
            outputs = [empty(loop_shape + tuple(sizes[d] for d in core), dtype=t)
                       for core, t in zip(out_core, types)]
        for o, r in zip(outputs, results):
            o[index] = r
    if outputs is None:
        if otypes is None:
            raise ValueError("cannot call `vectorize` on size 0 inputs unless `otypes` is set")
        missing = [d for core in out_core for d in core if d not in sizes]
        if missing:
            raise ValueError(f"cannot call `vectorize` with a signature including new output "
                             f"dimensions on size 0 inputs")
        outputs = [empty(loop_shape + tuple(sizes[d] for d in core), dtype=t)
                   for core, t in zip(out_core, otypes)]
    return outputs[0] if nout == 1 else tuple(outputs)


class vectorize:
    """vectorize(pyfunc, otypes=None, doc=None, excluded=None, cache=False, signature=None)

    Turn ``pyfunc`` into a function that broadcasts its array arguments and calls
    ``pyfunc`` on each element, returning arrays (0-d for scalar inputs, as NumPy's).
    ``excluded`` names positional indices or keyword names passed through unchanged.
    ``signature`` (e.g. ``"(n),(n)->()"``) vectorizes over the loop dimensions only and
    passes core sub-arrays to ``pyfunc``, as NumPy's does. See the module docs for output
    dtypes.
    """

    def __init__(
        self,
        pyfunc: Callable[..., Any],
        otypes: Any = None,
        doc: str | None = None,
        excluded: Iterable[int | str] | None = None,
        cache: bool = False,
        signature: str | None = None,
    ) -> None:
        if not callable(pyfunc):
            raise TypeError("pyfunc must be callable")
        if signature is not None:
            _parse_signature(signature)  # NumPy validates it up front
        self.pyfunc = pyfunc
        self.otypes = otypes
        self._otypes = _parse_otypes(otypes)
        self.excluded = set(excluded or ())
        self.cache = cache
        self.signature = signature
        self.__doc__ = pyfunc.__doc__ if doc is None else doc
        functools.update_wrapper(self, pyfunc, assigned=("__module__", "__name__", "__qualname__"), updated=())

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        func = self.pyfunc
        if self.excluded:
            fixed_pos = {i: a for i, a in enumerate(args) if i in self.excluded}
            fixed_kw = {k: v for k, v in kwargs.items() if k in self.excluded}
            var_pos = [i for i in range(len(args)) if i not in self.excluded]
            var_kw = [k for k in kwargs if k not in self.excluded]
        else:
            fixed_pos, fixed_kw = {}, {}
            var_pos, var_kw = list(range(len(args))), list(kwargs)
        if fixed_pos or fixed_kw or var_kw:
            n_pos = len(var_pos)

            def call(*vals: Any) -> Any:
                full = dict(fixed_pos)
                full.update(zip(var_pos, vals[:n_pos]))
                kw = dict(fixed_kw)
                kw.update(zip(var_kw, vals[n_pos:]))
                return self.pyfunc(*[full[i] for i in range(len(args))], **kw)

            func = call
        inputs = [asarray(args[i]) for i in var_pos] + [asarray(kwargs[k]) for k in var_kw]
        if self.signature is not None:
            return _run_signature(func, self.signature, inputs, self._otypes)
        outs, _ = _run(func, inputs, self._otypes, None, name="vectorize")
        return outs[0] if len(outs) == 1 else outs


class _PyFuncUfunc:
    """What :func:`frompyfunc` returns: a broadcasting callable with ufunc-like
    attributes (``nin``, ``nout``, ``nargs``, ``identity``, ``types``, ``ntypes``)."""

    def __init__(
        self,
        func: Callable[..., Any],
        nin: int,
        nout: int,
        identity: Any,
        otypes: list[Any] | None,
    ) -> None:
        self._func = func
        self.nin = nin
        self.nout = nout
        self.nargs = nin + nout
        self.identity = identity
        self._otypes = otypes
        self._in_chars: str | None = None
        self.__name__ = f"{getattr(func, '__name__', 'pyfunc')} (vectorized)"
        self.__doc__ = f"dynamic ufunc based on a python function {self.__name__}"

    def __repr__(self) -> str:
        return f"<oxarray ufunc {self.__name__!r}>"

    @property
    def types(self) -> list[str]:
        if self._otypes is None or self._in_chars is None:
            return ["O" * self.nin + "->" + "O" * self.nout]
        return [self._in_chars + "->" + "".join(t.char for t in self._otypes)]

    @property
    def ntypes(self) -> int:
        return 1

    def __call__(self, *args: Any, out: Any = None) -> Any:
        if len(args) != self.nin:
            raise TypeError(
                f"{self.__name__}() takes from {self.nin} to {self.nargs} positional "
                f"arguments but {len(args)} were given"
            )
        all_scalars = all(not isinstance(a, (ndarray, list, tuple)) for a in args)
        inputs = [asarray(a) for a in args]
        outs, _ = _run(self._func, inputs, self._otypes, self.nout, name=self.__name__)
        self._otypes = [o.dtype for o in outs]
        self._in_chars = "".join(x.dtype.char for x in inputs)
        if out is not None:
            targets = out if isinstance(out, tuple) else (out,)
            if len(targets) != self.nout:
                raise ValueError("The 'out' tuple must have exactly one entry per ufunc output")
            for t, o in zip(targets, outs):
                t[...] = o
            return targets[0] if self.nout == 1 else tuple(targets)
        if all_scalars and all(o.ndim == 0 for o in outs):
            res: tuple[Any, ...] = tuple(o[()] for o in outs)
        else:
            res = outs
        return res[0] if self.nout == 1 else res


def frompyfunc(func: Callable[..., Any], /, nin: int, nout: int, *, identity: Any = None) -> Any:
    """NumPy's ``frompyfunc``: a :class:`ufunc` with one object loop (``'O' * nin -> 'O' *
    nout``) that calls ``func`` on the objects of every element and returns object arrays
    (the result object itself for all-scalar inputs); it broadcasts, takes ``out=`` and
    ``where=``, and has the ufunc methods."""
    if not callable(func):
        raise TypeError("function must be callable")
    if nin < 0 or nout < 1:
        raise ValueError("nin must be non-negative and nout at least 1")
    name = getattr(func, "__name__", None) or "?"
    return _core._frompyfunc(func, int(nin), int(nout), name, identity)

