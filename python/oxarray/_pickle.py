"""Unpickling helpers for ``oxarray.ndarray.__reduce_ex__`` (see interchange/pickle.rs).

Pickles refer to these functions by name, so their names and signatures are part of the
pickle format: keep them stable.

Every pickle written by this oxarray calls ``_unpickle(header, kind, *args)`` where
``header`` is ``(FORMAT, oxarray version)``. ``FORMAT`` numbers the layout of what follows
the header; whoever changes that layout must increase it, and keep ``_unpickle`` and its
first argument as they are, so that an oxarray that does not know the new layout refuses
it with an error naming both versions instead of misreading it. Format 1:

* ``kind == "view"``: ``(buffer, dtype, shape, order[, axis_order])``, see ``_reconstruct``;
* ``kind == "copy"``: ``(bytes, dtype, shape, order)``, see ``_reconstruct_copy``.

Pickles of earlier builds (no header) call ``_reconstruct``/``_reconstruct_copy``
directly, with the arguments of format 1: they still load.
"""

import pickle

from . import __version__ as _VERSION, _core

__all__: list[str] = []

#: The layout of the arguments after the header (see the module docstring).
FORMAT = 1
_HEADER = (FORMAT, _VERSION)


def _unpickle(header, kind, *args):
    """Check the header, then rebuild the array as ``kind`` says."""
    try:
        fmt, writer = header
    except (TypeError, ValueError):
        fmt, writer = header, "unknown"
    if fmt != FORMAT:
        raise pickle.UnpicklingError(
            f"this pickle holds an oxarray.ndarray in pickle format {fmt!r}, written by "
            f"oxarray {writer}; this oxarray {_VERSION} reads format {FORMAT} only. Load "
            f"it with oxarray {writer} and save the data in a portable form (e.g. .npy)."
        )
    if kind == "view":
        return _reconstruct(*args)
    if kind == "copy":
        return _reconstruct_copy(*args)
    raise pickle.UnpicklingError(
        f"oxarray pickle format {FORMAT}: unknown array kind {kind!r} (written by "
        f"oxarray {writer}, read by oxarray {_VERSION})"
    )


def _reconstruct(buf, dtype, shape, order, axis_order=None):
    """Protocol 5: view the (possibly out-of-band) buffer without copying; ``axis_order``
    transposes a C-ordered block back to the pickled array's layout."""
    if axis_order is not None:
        return _core._frombuffer_shaped(buf, dtype, shape, "C").transpose(axis_order)
    return _core._frombuffer_shaped(buf, dtype, shape, order)


def _reconstruct_copy(data, dtype, shape, order):
    """Older protocols: copy the in-band bytes into a fresh writeable array."""
    view = _core._frombuffer_shaped(data, dtype, shape, order)
    return view.copy(order=order)


def _unpickle_objects(items, shape):
    """Rebuild a pickled object array from its items (C order) and shape."""
    a = _core.empty(len(items), dtype=object)
    for i, v in enumerate(items):
        a[i] = v
    return a.reshape(shape)


def _unpickle_items(items, shape, dtype):
    """Rebuild a pickled array of an item-pickled dtype (StringDType) from its items (C
    order), shape and dtype."""
    return _core.array(items, dtype=dtype).reshape(shape)
