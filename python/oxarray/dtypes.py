"""Dtypes written in Python: the design documents' ``ArrayType``.

A dtype is a class deriving from :class:`PyDType` that declares how its items look in
memory and how they become Python objects::

    class Rational(oxarray.dtypes.PyDType):
        name = "rational"            # unique; a taken name raises ValueError
        itemsize = 16                # bytes per item
        alignment = 8

        @staticmethod
        def getitem(data: bytes) -> object: ...     # itemsize bytes -> the item's object

        @staticmethod
        def setitem(value: object) -> bytes: ...    # any accepted value -> itemsize bytes

        zero = Fraction(0)           # optional; default: the item of all-zero bytes
        casts = {("rational", "float64"): to_float, ("int64", "rational"): (from_int, "safe")}
        promotions = {"int64": "rational"}         # result_type(rational, int64) = rational

Defining the class registers the dtype (flags ``OPAQUE | NEEDS_API``: its items are not
numbers and everything touching them keeps the interpreter). ``dtype=Rational`` is then
accepted wherever a dtype is; ``Rational.dtype`` is the ``oxarray.dtype``; ``Rational(x)``
is the object ``x`` becomes when stored (``getitem(setitem(x))``).

* **Items**: ``a[i]`` returns ``getitem(bytes)``; assignment and creation
  (``oxarray.array([...], dtype=Rational)``) call ``setitem``. Copies, views, reshapes,
  ``concatenate``, pickling and ``astype`` to the same dtype move the bytes.
* **Casts** (``casts`` or :func:`register_cast`): a Python callable is vectorised: it gets
  a 1-d ``oxarray.ndarray`` (a copy of up to a few thousand items of the source dtype) and
  returns the items of the target dtype for them (an array, or a sequence the target's
  ``setitem`` accepts). A C function pointer (an int, a ctypes function, or an object with
  an integer ``address``) has the signature
  ``int cast(const char *src, intptr_t src_stride, char *dst, intptr_t dst_stride,
  intptr_t n, void *data)`` and returns 0, or -1 on failure (``ValueError``).
* **Ufunc loops**: ``oxarray.add.register_loop((Rational, Rational, Rational), func)``
  (see :meth:`oxarray.ufunc.register_loop`); ``sum`` is ``add.reduce`` over that loop.
* **Errors**: an exception raised by ``getitem``, ``setitem``, a cast or a loop reaches the
  caller unchanged; an ``astype`` or an assignment that fails leaves no partly written
  result behind.
"""

from typing import Any, ClassVar

from . import _core

__all__ = ["PyDType", "StringDType", "register_dtype", "register_cast", "register_promotion"]

_CASTINGS = ("no", "equiv", "safe", "same_kind", "unsafe")


class PyDType(_core._UserScalar):
    """Base class of dtypes written in Python (see the module documentation).

    Subclassing registers the dtype; a subclass that defines no ``name`` of its own is an
    intermediate base and registers nothing."""

    name: ClassVar[str]
    itemsize: ClassVar[int]
    alignment: ClassVar[int] = 1
    zero: ClassVar[Any] = None
    casts: ClassVar[dict[Any, Any]] = {}
    promotions: ClassVar[dict[Any, Any]] = {}
    dtype: ClassVar[Any]

    __slots__ = ()

    @staticmethod
    def getitem(data: bytes) -> Any:
        """The object of one item, from its ``itemsize`` bytes."""
        raise NotImplementedError

    @staticmethod
    def setitem(value: Any) -> bytes:
        """The ``itemsize`` bytes of ``value`` as an item."""
        raise NotImplementedError

    def __new__(cls, value: Any = None) -> Any:  # type: ignore[misc]
        """The object ``value`` becomes when stored as an item of this dtype."""
        if value is None:
            value = cls.zero
        if value is None:
            return cls.getitem(bytes(cls.itemsize))
        return cls.getitem(cls.setitem(value))

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "name" not in cls.__dict__:
            return
        register_dtype(cls)


def register_dtype(cls: type) -> Any:
    """Register the dtype that class ``cls`` declares (see the module documentation) and
    return its ``oxarray.dtype``. ``PyDType`` subclasses are registered when defined."""
    name = cls.__dict__.get("name", getattr(cls, "name", None))
    if not isinstance(name, str) or not name:
        raise TypeError(f"{cls.__qualname__}: a dtype needs a non-empty str `name`")
    itemsize = getattr(cls, "itemsize", None)
    alignment = getattr(cls, "alignment", 1)
    if not isinstance(itemsize, int) or not isinstance(alignment, int):
        raise TypeError(f"{cls.__qualname__}: `itemsize` and `alignment` must be ints")
    getitem, setitem = getattr(cls, "getitem", None), getattr(cls, "setitem", None)
    if not callable(getitem) or not callable(setitem):
        raise TypeError(f"{cls.__qualname__}: a dtype needs callable `getitem` and `setitem`")
    zero = getattr(cls, "zero", None)
    zero_bytes = bytes(itemsize) if zero is None else bytes(setitem(zero))
    dt = _core._register_py_dtype(name, itemsize, alignment, getitem, setitem, zero_bytes)
    if isinstance(cls, type) and issubclass(cls, _core._UserScalar):
        _core._register_scalar_type(dt, cls)
    cls.dtype = dt  # type: ignore[attr-defined]
    for (src, dst), impl in dict(getattr(cls, "casts", {})).items():
        func, casting = impl if isinstance(impl, tuple) else (impl, "unsafe")
        register_cast(src, dst, func, casting=casting)
    for other, result in dict(getattr(cls, "promotions", {})).items():
        register_promotion(dt, other, result)
    return dt


def register_cast(src: Any, dst: Any, func: Any, *, casting: str = "unsafe") -> None:
    """Register (or replace) the cast from dtype ``src`` to dtype ``dst``, one of them a
    dtype written in Python, allowed from casting level ``casting`` up (``"safe"`` lets
    ufuncs cast operands with it). ``func`` is a vectorised Python callable or a C function
    pointer (see the module documentation)."""
    if casting not in _CASTINGS:
        raise ValueError(f"casting must be one of {_CASTINGS}, not {casting!r}")
    _core._register_py_cast(_core.dtype(src), _core.dtype(dst), func, casting)


def register_promotion(a: Any, b: Any, result: Any) -> None:
    """Make ``result`` the common dtype of ``a`` and ``b`` (``result_type``, and the dtype
    a ufunc over both casts its operands to when it has no loop for them)."""
    _core._register_py_promotion(_core.dtype(a), _core.dtype(b), _core.dtype(result))


_NO_NA: Any = object()


class _StringDTypeMeta(type):
    def __instancecheck__(cls, obj: Any) -> bool:
        return isinstance(obj, _core.dtype) and obj.char == "T"


class StringDType(metaclass=_StringDTypeMeta):
    """NumPy 2's variable-width UTF-8 string dtype (``numpy.dtypes.StringDType``).

    ``StringDType(na_object=..., coerce=True)`` returns an ``oxarray.dtype`` (type
    character ``'T'``, 16-byte items: text of up to 15 bytes inline, longer text in a heap
    buffer each item owns). ``na_object`` is the missing value: NaN-like objects
    (``np.nan``, ``pd.NA``) propagate through the string functions and compare false, a
    ``str`` acts as that string, another object (``None``) is refused by most functions.
    ``coerce=False`` refuses non-``str`` data. Equal parameters give equal dtypes."""

    dtype: ClassVar[Any]

    def __new__(cls, *, na_object: Any = _NO_NA, coerce: bool = True) -> Any:  # type: ignore[misc]
        has_na = na_object is not _NO_NA
        return _core._vstring_dtype(has_na, None if not has_na else na_object, bool(coerce))


# `dtype=StringDType` (the class) means the default instance, as in NumPy.
StringDType.dtype = _core.dtype("T")
