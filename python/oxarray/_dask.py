"""oxarray in dask: chunk type, dispatch functions, ``sizeof`` and tokenisation.

dask looks oxarray up through its own extension points:

* ``dask.array.chunk_types.register_chunk_type``: dask arrays defer to oxarray arrays in
  mixed operations (``dask_array + ox_array``) instead of refusing them;
* the data-directed dispatches of ``dask.array.dispatch`` (``concatenate_lookup``,
  ``take_lookup``, ``tensordot_lookup``, ``einsum_lookup``, ``empty_lookup``,
  ``divide_lookup``, ``percentile_lookup``, ``numel_lookup``, ``nannumel_lookup``,
  ``to_numpy_dispatch``): the chunk functions dask calls on oxarray chunks, so results
  stay oxarray arrays;
* ``dask.sizeof.sizeof``: the bytes a chunk holds (NumPy's rule: ``nbytes``, counting a
  broadcast view's zero-stride axes once), which drives dask's memory accounting;
* tokens: ``ndarray.__dask_tokenize__`` calls :func:`_tokenize` (no registration needed);
* the ``dask.array.backends`` entry point ``oxarray`` (``oxarray._dask_backend``), loaded by
  dask when ``dask.config.set({"array.backend": "oxarray"})`` asks for it.

Registration is lazy in both directions: importing oxarray never imports dask, and
importing dask never imports oxarray. This module is imported by ``oxarray/__init__``;
if ``dask.array`` (or ``dask.sizeof``) is already imported it registers now, else a
meta-path hook (:func:`oxarray._onimport.when_imported`) runs the registration right after
dask's module has executed, whichever is imported first. dask's own ``Dispatch.register_lazy``
cannot be used: it is keyed by the chunk's top-level module name but must be called by
code that runs when dask is imported, i.e. by dask itself (as for cupy and sparse).
"""

from __future__ import annotations

import sys
import threading
from types import ModuleType
from typing import Any, Callable

from ._onimport import when_imported

__all__: list[str] = []

_lock = threading.RLock()
_done: set[str] = set()


# --------------------------------------------------------------------------- dask.array
def _register_array(_module: ModuleType | None = None) -> None:
    """Register oxarray's chunk type and chunk functions with dask.array."""
    with _lock:
        if "dask.array" in _done:
            return
        _done.add("dask.array")
    import numpy as np
    from dask.array import backends, chunk_types, dispatch

    import oxarray as ox

    nd = ox.ndarray
    chunk_types.register_chunk_type(nd)
    dispatch.concatenate_lookup.register(nd, ox.concatenate)
    dispatch.take_lookup.register(nd, ox.take)
    dispatch.tensordot_lookup.register(nd, ox.tensordot)
    dispatch.empty_lookup.register(nd, ox.empty)
    dispatch.numel_lookup.register(nd, backends._numel_arraylike)
    dispatch.nannumel_lookup.register(nd, backends._nannumel)

    @dispatch.einsum_lookup.register(nd)
    def _einsum(*args: Any, **kwargs: Any) -> Any:
        return ox.einsum(*args, **kwargs)

    # (also for oxarray scalars: full reductions divide a scalar total by a scalar count)
    @dispatch.divide_lookup.register((nd, ox.generic))
    def _divide(x1: Any, x2: Any, out: Any = None, dtype: Any = None) -> Any:
        x = ox.divide(x1, x2, out)
        return x if dtype is None else x.astype(dtype)

    @dispatch.percentile_lookup.register(nd)
    def _percentile(a: Any, q: Any, method: str = "linear") -> Any:
        # dask.array.percentile._percentile, whose np.percentile call dispatches to
        # oxarray through __array_function__; a non-numeric dtype uses "nearest" as there.
        n = len(a)
        if not n:
            return None, n
        if a.dtype.kind not in "biufc":
            method = "nearest"
        return ox.percentile(a, list(q), method=method), n

    @dispatch.to_numpy_dispatch.register(nd)
    def _to_numpy(data: Any, **kwargs: Any) -> Any:
        return np.asarray(data, **kwargs)


# --------------------------------------------------------------------------- dask.sizeof
def _register_sizeof(module: ModuleType | None = None) -> None:
    """``dask.sizeof.sizeof`` for oxarray arrays: NumPy's rule (dask/sizeof.py)."""
    with _lock:
        if "dask.sizeof" in _done:
            return
        _done.add("dask.sizeof")
    if module is None:
        module = sys.modules["dask.sizeof"]
    import oxarray as ox

    @module.sizeof.register(ox.ndarray)
    def _sizeof(x: Any) -> int:
        if 0 in x.strides:
            xs = x[tuple(slice(None) if s != 0 else slice(1) for s in x.strides)]
            return int(xs.nbytes)
        return int(x.nbytes)


# --------------------------------------------------------------------------- tokens
def _tokenize(a: Any) -> tuple[Any, ...]:
    """``ndarray.__dask_tokenize__``: what dask hashes into a token.

    As dask's NumPy normaliser: a hash of the data (dask's ``hash_buffer_hex``), the dtype
    and the shape, so equal contents, dtype, shape and layout give equal tokens, in any
    process (the data of a strided view are hashed in C order, so a view and its C-ordered
    copy have the same token, as with NumPy). Unlike NumPy's, the memory order is part of
    it ("C" or "F"), so ``a`` and ``a.T`` of a square ``a`` differ (NumPy's normaliser
    hashes ``ravel(order="K")``, the same bytes for both, with the same shape: their
    tokens collide), and the type name keeps an oxarray array and a NumPy array with the
    same data apart (their dask graphs must not share keys: their chunks differ in type).
    """
    from dask.hashing import hash_buffer_hex

    dt = a.dtype.str
    if a.ndim == 0:
        return ("oxarray.ndarray", a.item(), dt)
    if a.flags.c_contiguous:
        layout, data = "C", a
    elif a.flags.f_contiguous:
        layout, data = "F", a.T
    else:
        layout, data = "C", a.copy()
    if data.size == 0:
        digest = ""
    else:
        digest = hash_buffer_hex(memoryview(data).cast("B"))
    return ("oxarray.ndarray", digest, dt, a.shape, layout)


# --------------------------------------------------------------------------- lazy hooks
_HOOKS: dict[str, Callable[[ModuleType | None], None]] = {
    "dask.array": _register_array,
    "dask.sizeof": _register_sizeof,
}


def _install() -> None:
    for name, hook in _HOOKS.items():
        when_imported(name, hook)


_install()
