"""The ``oxarray`` backend of dask.array (entry point group ``dask.array.backends``).

dask loads this module (and so imports dask before it) when the configuration asks for
the backend::

    with dask.config.set({"array.backend": "oxarray"}):
        x = da.ones((1000, 1000), chunks=100)     # oxarray chunks
        r = da.random.default_rng(0).random(10)   # oxarray.random's PCG64 streams

Creation functions build the graph of the NumPy backend with an oxarray ``meta`` (as
dask's cupy backend does), so every chunk is made by the oxarray function the ``meta``
dispatches to. ``to_backend`` moves a collection's chunks to oxarray
(``x.to_backend("oxarray")``).
"""

from __future__ import annotations

from typing import Any

import dask.array as da
from dask import config
from dask.array.backends import ArrayBackendEntrypoint
from dask.array.core import Array
from dask.utils import Dispatch

import oxarray as ox

from . import _dask

__all__ = ["OxarrayBackendEntrypoint", "to_oxarray_dispatch"]

#: Moves one chunk to oxarray (``Array.to_backend("oxarray")`` maps it over the chunks).
to_oxarray_dispatch = Dispatch("to_oxarray_dispatch")


@to_oxarray_dispatch.register(object)
def _to_oxarray(data: Any, **kwargs: Any) -> Any:
    return ox.asarray(data, **kwargs)


def _meta(meta: Any) -> Any:
    return ox.empty((0,)) if meta is None else meta


def _with_meta(attr: str, *args: Any, meta: Any = None, **kwargs: Any) -> Array:
    with config.set({"array.backend": "numpy"}):
        return getattr(da, attr)(*args, meta=_meta(meta), **kwargs)


class OxarrayBackendEntrypoint(ArrayBackendEntrypoint):
    def __init__(self) -> None:
        """Register the data-directed dispatch functions (idempotent)."""
        _dask._register_array()

    @classmethod
    def to_backend_dispatch(cls) -> Dispatch:
        return to_oxarray_dispatch

    @classmethod
    def to_backend(cls, data: Array, **kwargs: Any) -> Array:
        if isinstance(data._meta, ox.ndarray):
            return data
        return data.map_blocks(cls.to_backend_dispatch(), **kwargs)  # type: ignore[arg-type]

    @property
    def RandomState(self) -> Any:
        return ox.random.RandomState

    @property
    def default_bit_generator(self) -> Any:
        return ox.random.PCG64

    @staticmethod
    def ones(*args: Any, **kwargs: Any) -> Array:
        return _with_meta("ones", *args, **kwargs)

    @staticmethod
    def zeros(*args: Any, **kwargs: Any) -> Array:
        return _with_meta("zeros", *args, **kwargs)

    @staticmethod
    def empty(*args: Any, **kwargs: Any) -> Array:
        return _with_meta("empty", *args, **kwargs)

    @staticmethod
    def full(*args: Any, **kwargs: Any) -> Array:
        return _with_meta("full", *args, **kwargs)

    @staticmethod
    def arange(*args: Any, like: Any = None, **kwargs: Any) -> Array:
        with config.set({"array.backend": "numpy"}):
            return da.arange(*args, like=_meta(like), **kwargs)
