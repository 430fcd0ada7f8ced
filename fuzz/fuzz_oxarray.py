"""Fuzz target for oxarray's input paths (issue 8), run by `make fuzz` with atheris.

Each input drives one of five harnesses, picked by its first byte:

0. array creation from nested and odd Python objects (lists, tuples, ranges, numbers of
   every kind, huge ints, strings, None, NumPy scalars and arrays, oxarray arrays, objects
   whose conversion methods raise, deep and ragged nesting) through `array`, `asarray`,
   `full` and a ufunc operand;
1. indexing and index assignment with ints, slices, None, Ellipsis, bool and int arrays;
2. `.npy` headers (version, header length, descr, shape, fortran_order) parsed by `load`;
3. DLPack capsules with arbitrary names, versions, devices, dtypes, ndim, negative shapes,
   flags and offsets (strides and shapes that stay inside the buffer, or that no allocation
   can hold: the validator must refuse those before reading);
4. `tolist`, `repr` and `str` of extreme shapes (many axes of length one, empty axes,
   non-contiguous views), and bool arrays whose bytes are not 0 or 1.

A Python exception is an answer, not a finding; a crash, an abort, a Rust panic
(`PanicException`) or a `SystemError` is. `python fuzz/fuzz_oxarray.py -max_total_time=180`.
"""

import io
import os
import struct
import sys

import warnings

import atheris

with atheris.instrument_imports():
    import numpy as np

    import oxarray as ox

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
import dlpack_capsules as dl  # noqa: E402

warnings.simplefilter("ignore")  # overflow warnings of generated NumPy scalars are expected

DTYPES = [None, "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
          "uint64", "float16", "float32", "float64", "complex64", "complex128"]


class Boom(Exception):
    pass


def _raiser(name):
    def boom(self, *args):
        raise Boom(name)
    return type("Raises" + name, (), {name: boom})()


def _is_finding(e: BaseException) -> bool:
    """Exceptions that mean a bug: a Rust panic, an interpreter-level error."""
    return type(e).__name__ == "PanicException" or isinstance(e, (SystemError,))


def _guard(f, *args, **kw):
    try:
        return f(*args, **kw)
    except BaseException as e:  # noqa: BLE001 - classify, re-raise only findings
        if _is_finding(e) or isinstance(e, (KeyboardInterrupt,)):
            raise
        return None


# -- 0. nested and odd objects -------------------------------------------------------------

def _leaf(fdp):
    k = fdp.ConsumeIntInRange(0, 17)
    if k == 0:
        return fdp.ConsumeInt(fdp.ConsumeIntInRange(1, 12))
    if k == 1:
        return fdp.ConsumeRegularFloat()
    if k == 2:
        return complex(fdp.ConsumeRegularFloat(), fdp.ConsumeRegularFloat())
    if k == 3:
        return fdp.ConsumeBool()
    if k == 4:
        return None
    if k == 5:
        return fdp.ConsumeUnicodeNoSurrogates(3)
    if k == 6:
        return fdp.ConsumeBytes(3)
    if k == 7:
        return np.float32(fdp.ConsumeRegularFloat())
    if k == 8:
        return np.datetime64(fdp.ConsumeIntInRange(0, 100), "s")
    if k == 9:
        return ox.arange(fdp.ConsumeIntInRange(0, 3))
    if k == 10:
        return np.ones(fdp.ConsumeIntInRange(0, 3), dtype=fdp.PickValueInList(DTYPES[1:]))
    if k == 11:
        return _raiser(fdp.PickValueInList(["__float__", "__int__", "__index__", "__complex__",
                                            "__bool__", "__len__", "__array__"]))
    if k == 12:
        return range(fdp.ConsumeIntInRange(0, 4))
    if k == 13:
        return float(fdp.PickValueInList(["nan", "inf", "-inf", "-0.0"]))
    if k == 14:
        return ox.zeros(()) + fdp.ConsumeIntInRange(-3, 3)
    if k == 15:
        return 2 ** fdp.ConsumeIntInRange(60, 70) * fdp.PickValueInList([1, -1])
    if k == 16:
        return np.frombuffer(fdp.ConsumeBytes(4), dtype=bool)
    return object()


def _nested(fdp, depth=0):
    if depth > 6 or fdp.remaining_bytes() < 2 or fdp.ConsumeIntInRange(0, 3) == 0:
        return _leaf(fdp)
    n = fdp.ConsumeIntInRange(0, 4)
    items = [_nested(fdp, depth + 1) for _ in range(n)]
    return tuple(items) if fdp.ConsumeBool() else items


def fuzz_objects(fdp):
    if fdp.ConsumeIntInRange(0, 9) == 0:
        obj = _leaf(fdp)
        for _ in range(fdp.ConsumeIntInRange(0, 30000)):
            obj = [obj]
    else:
        obj = _nested(fdp)
    dt = fdp.PickValueInList(DTYPES)
    _guard(ox.array, obj, dtype=dt)
    _guard(ox.asarray, obj)
    _guard(ox.full, fdp.ConsumeIntInRange(0, 3), obj, dtype=dt)
    _guard(ox.add, obj, 1)
    a = _guard(ox.array, obj)
    if a is not None:
        _guard(a.tolist)
        _guard(repr, a)


# -- 1. indexing -------------------------------------------------------------------------

def _index_item(fdp, n):
    k = fdp.ConsumeIntInRange(0, 7)
    if k == 0:
        return fdp.ConsumeIntInRange(-n - 2, n + 2)
    if k == 1:
        vals = [None, fdp.ConsumeIntInRange(-2**63, 2**63), fdp.ConsumeIntInRange(-5, 5)]
        return slice(fdp.PickValueInList(vals), fdp.PickValueInList(vals),
                     fdp.PickValueInList([None, 1, -1, 2, 0, 2**63, -2**63 - 1]))
    if k == 2:
        return None
    if k == 3:
        return Ellipsis
    if k == 4:
        return ox.frombuffer(bytearray(fdp.ConsumeBytes(n)), dtype="bool")
    if k == 5:
        return [fdp.ConsumeIntInRange(-n - 1, n + 1) for _ in range(fdp.ConsumeIntInRange(0, 3))]
    if k == 6:
        return fdp.ConsumeBool()
    return fdp.ConsumeRegularFloat()


def fuzz_indexing(fdp):
    shape = tuple(fdp.ConsumeIntInRange(0, 4) for _ in range(fdp.ConsumeIntInRange(0, 4)))
    a = ox.arange(int(np.prod(shape, dtype=np.int64))).reshape(shape)
    if fdp.ConsumeBool() and a.ndim:
        a = a[::-1]
    index = tuple(_index_item(fdp, max(shape, default=1))
                  for _ in range(fdp.ConsumeIntInRange(0, 5)))
    if fdp.ConsumeBool() and len(index) == 1:
        index = index[0]
    r = _guard(a.__getitem__, index)
    if r is not None:
        _guard(lambda: r.tolist() if hasattr(r, "tolist") else r)
    _guard(a.__setitem__, index, fdp.PickValueInList([0, -1.5, [1, 2], None, 2**70]))


# -- 2. .npy headers ---------------------------------------------------------------------

def fuzz_npy(fdp):
    major = fdp.PickValueInList([1, 2, 3, 0, 9])
    if fdp.ConsumeBool():
        descr = fdp.PickValueInList(["<f8", "|b1", ">i4", "<M8[s]", "|O", "<U3", "|V4",
                                     "<c16", "<f2", "[('a', '<i4')]", "'", "<f16", "?"])
        shape = tuple(fdp.ConsumeIntInRange(-2, 2**63) if fdp.ConsumeIntInRange(0, 5) == 0
                      else fdp.ConsumeIntInRange(0, 4) for _ in range(fdp.ConsumeIntInRange(0, 4)))
        header = "{'descr': %r, 'fortran_order': %s, 'shape': %s, }" % (
            descr, fdp.PickValueInList(["False", "True", "1", "None"]), repr(shape))
        if descr.startswith("["):
            header = header.replace(repr(descr), descr)
        header = header.encode("latin1")
    else:
        header = fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 200))
    pad = fdp.ConsumeIntInRange(0, 70)
    header = header + b" " * pad + b"\n"
    if major == 1:
        hlen = struct.pack("<H", min(len(header), 0xFFFF)) if fdp.ConsumeBool() else fdp.ConsumeBytes(2)
    else:
        hlen = struct.pack("<I", len(header)) if fdp.ConsumeBool() else fdp.ConsumeBytes(4)
    data = b"\x93NUMPY" + bytes([major, 0]) + hlen + header + fdp.ConsumeBytes(256)
    r = _guard(ox.load, io.BytesIO(data))
    if r is not None:
        _guard(r.tolist)
        _guard(r.sum)


# -- 3. DLPack capsules ------------------------------------------------------------------

def fuzz_dlpack(fdp):
    dl._keep.clear()  # the previous input's capsule and array are gone by now
    buf = np.zeros(4096, dtype=np.uint8)
    kw = {}
    if fdp.ConsumeBool():
        kw["name"] = fdp.PickValueInList([b"dltensor", b"used_dltensor", b"used_dltensor_versioned",
                                          b"x", b"dltensor_versioned"])
    kw["legacy"] = fdp.ConsumeBool()
    kw["version"] = (fdp.ConsumeIntInRange(0, 3), fdp.ConsumeIntInRange(0, 5))
    kw["device"] = fdp.PickValueInList([1, 1, 1, 2, 3, 13, 99, -1])
    kw["code"] = fdp.ConsumeIntInRange(0, 10)
    kw["bits"] = fdp.PickValueInList([8, 16, 32, 64, 128, 0, 7, 255])
    kw["lanes"] = fdp.PickValueInList([1, 1, 1, 0, 2])
    kw["flags"] = fdp.ConsumeIntInRange(0, 7)
    nd = fdp.ConsumeIntInRange(0, 4)
    if fdp.ConsumeIntInRange(0, 4) == 0:
        # Values no allocation can hold (or negative): must be refused before any read.
        shape = tuple(fdp.PickValueInList([-1, 2**62, 2**58, -2**63, 0]) for _ in range(nd))
        strides = tuple(fdp.PickValueInList([2**62, -2**62, 2**61, 1]) for _ in range(nd))
        kw["offset"] = fdp.PickValueInList([0, 2**63, 2**64 - 8, 2**62])
        kw["ndim"] = fdp.PickValueInList([None, -1, -(2**31)])
        kw["data"] = fdp.PickValueInList([None, 0, 8, 4095])
    else:
        # Layouts inside the buffer: elements of at most 16 bytes, |stride| <= 4 elements,
        # at most 3 per axis and 4 axes, from the middle of 4096 bytes: at most
        # 4 * 2 * 4 * 16 = 512 bytes away (C strides: 3**4 * 16 = 1296).
        shape = tuple(fdp.ConsumeIntInRange(0, 3) for _ in range(nd))
        strides = tuple(fdp.ConsumeIntInRange(-4, 4) for _ in range(nd)) if fdp.ConsumeBool() else None
        kw["data"] = buf.ctypes.data + 2048
        kw["offset"] = fdp.ConsumeIntInRange(0, 32)
    kw["shape"] = shape
    if strides is not None:
        kw["strides"] = strides
    cap = dl.make(buf=buf, **kw)
    r = _guard(ox.from_dlpack, dl.Producer(cap), copy=fdp.PickValueInList([None, True, False]))
    if r is not None:
        _guard(r.tolist)
        _guard(r.sum)


# -- 4. extreme shapes -------------------------------------------------------------------

def fuzz_shapes(fdp):
    k = fdp.ConsumeIntInRange(0, 3)
    if k == 0:
        shape = (1,) * fdp.ConsumeIntInRange(0, 20000)
    elif k == 1:
        shape = tuple(fdp.PickValueInList([0, 1, 2, 2**40]) for _ in range(fdp.ConsumeIntInRange(0, 8)))
        if 0 not in shape and any(d > 2 for d in shape):
            shape = shape + (0,)
    elif k == 2:
        shape = tuple(fdp.ConsumeIntInRange(0, 5) for _ in range(fdp.ConsumeIntInRange(0, 6)))
    else:
        shape = (1,) * fdp.ConsumeIntInRange(0, 2000) + (fdp.ConsumeIntInRange(0, 1500),)
    dt = fdp.PickValueInList(DTYPES[1:])
    a = _guard(ox.zeros, shape, dtype=dt)
    if a is None:
        return
    if fdp.ConsumeBool() and a.ndim:
        a = a[..., ::-1]
    if dt == "bool" and a.size and a.size < 10000:
        raw = bytearray(fdp.ConsumeBytes(a.size).ljust(a.size, b"\x02"))
        a = ox.frombuffer(raw, dtype="bool").reshape(a.shape)
    _guard(a.tolist)
    _guard(repr, a)
    _guard(str, a)
    _guard(a.sum)
    _guard(ox.logical_not, a)


HARNESSES = [fuzz_objects, fuzz_indexing, fuzz_npy, fuzz_dlpack, fuzz_shapes]


def TestOneInput(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    HARNESSES[fdp.ConsumeIntInRange(0, len(HARNESSES) - 1)](fdp)


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
