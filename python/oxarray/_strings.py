"""The fixed-width string scalars ``str_`` and ``bytes_``.

As NumPy's, they subclass Python's ``str`` and ``bytes`` (so they compare, hash and
format as the text they hold) and carry the dtype of their length: ``str_('ab').dtype``
is ``dtype('<U2')``. The dtypes themselves (``U<n>``, ``S<n>``), their casts and the
string functions live in the Rust core (``oxarray_core::strings``).
"""

from . import _core

__all__ = ["str_", "bytes_"]


class str_(str):  # noqa: N801 - NumPy's name
    """A ``U<n>`` item: a Python ``str``."""

    __slots__ = ()

    @property
    def dtype(self) -> _core.dtype:
        return _core.dtype(f"U{len(self)}")

    @property
    def itemsize(self) -> int:
        return 4 * len(self)

    @property
    def shape(self) -> tuple[()]:
        return ()

    @property
    def ndim(self) -> int:
        return 0

    def item(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"oxarray.str_({str.__repr__(self)})"


class bytes_(bytes):  # noqa: N801 - NumPy's name
    """An ``S<n>`` item: a Python ``bytes``."""

    __slots__ = ()

    @property
    def dtype(self) -> _core.dtype:
        return _core.dtype(f"S{len(self)}")

    @property
    def itemsize(self) -> int:
        return len(self)

    @property
    def shape(self) -> tuple[()]:
        return ()

    @property
    def ndim(self) -> int:
        return 0

    def item(self) -> bytes:
        return bytes(self)

    def __repr__(self) -> str:
        return f"oxarray.bytes_({bytes.__repr__(self)})"


_core._set_string_scalar_types(str_, bytes_)
