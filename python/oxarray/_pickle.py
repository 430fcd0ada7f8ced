"""Unpickling helpers for ``oxarray.ndarray.__reduce_ex__`` (see interchange/pickle.rs).

Pickles refer to these functions by name, so their names and signatures are part of the
pickle format: keep them stable.
"""

from . import _core


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
