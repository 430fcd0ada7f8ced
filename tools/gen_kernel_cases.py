"""Write crates/oxarray-core/tests/data/kernel_cases.txt: NumPy's answers for every
built-in ufunc loop over a grid of special values (the expected table of
tests/kernels_values.rs).

A line ``@name|types`` starts the cases of one loop; each case line is
``inputs|outputs|flags`` where inputs/outputs are ``,``-separated
element encodings (bool 0/1, integers in decimal, floats as hex bit patterns, complex as
``re:im`` hex bits), flags the bits NumPy reported (divide 1, over 2, under 4, invalid 8)
computing that one element, and outputs ``ERR`` when NumPy raised an exception. NumPy is
called on one-element arrays with ``signature=`` naming the loop, under
``errstate(all='call')``.

Run: ``.venv/bin/python tools/gen_kernel_cases.py``.
"""

import itertools
import pathlib
import re
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import gen_ufunc_table as table  # noqa: E402

OUT = (pathlib.Path(__file__).resolve().parent.parent
       / "crates" / "oxarray-core" / "tests" / "data" / "kernel_cases.txt")

BITS = {"e": np.uint16, "f": np.uint32, "d": np.uint64}


def ints(c):
    info = np.iinfo(np.dtype(c))
    bits = info.bits
    vals = [0, 1, 2, 3, 7, bits - 1, bits, -1, -2, -7, info.max, info.min, info.min + 1]
    out = []
    for v in vals:
        if info.min <= v <= info.max and v not in out:
            out.append(v)
    return out


FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -2.5, 3.0, 0.75, 1e-3, 10.0, -10.0, 100.0,
          1000.0, -1000.0, 1e30, 1e-30, 5e-324, 1e300, np.inf, -np.inf, np.nan, 0.1,
          np.pi, -np.pi / 2, 88.5, 710.0, 1.5]
FLOATS_BIN = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, -7.0, 1e30, 1e-30, 1000.0,
              np.inf, -np.inf, np.nan, 0.3]
CPARTS = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, -3.0, 1e10, np.inf, -np.inf, np.nan]
CPARTS_BIN = [0.0, 1.0, -2.0, np.inf, np.nan]


def values(c, binary):
    if c == "?":
        return [False, True]
    if c in "bhilBHIL":
        return ints(c)
    if c in "efd":
        vs = FLOATS_BIN if binary else FLOATS
        with np.errstate(all="ignore"):
            return list(dict.fromkeys(np.array(vs, dtype=c).tobytes()[i:i + np.dtype(c).itemsize]
                                      for i in range(0, len(vs) * np.dtype(c).itemsize,
                                                     np.dtype(c).itemsize)))
    if c in "FD":
        parts = CPARTS_BIN if binary else CPARTS
        return [complex(a, b) for a, b in itertools.product(parts, parts)]
    raise ValueError(c)


def scalar(c, v):
    if c in "efd" and isinstance(v, bytes):
        return np.frombuffer(v, dtype=c)[0]
    return np.array(v).astype(c)[()] if c not in "FD" else np.array(v, dtype=c)[()]


def enc(c, x):
    if c == "?":
        return "1" if x else "0"
    if c in "bhilBHIL":
        return str(int(x))
    if c in "efd":
        return format(int(np.array(x, dtype=c).view(BITS[c])), "x")
    if c in "FD":
        r = "f" if c == "F" else "d"
        z = np.array(x, dtype=c)
        return (format(int(z.real.astype(r).view(BITS[r])), "x") + ":"
                + format(int(z.imag.astype(r).view(BITS[r])), "x"))
    raise ValueError(c)


class Flags:
    bits = 0

    def __call__(self, kind, flag):
        self.bits |= flag


def main():
    flags = Flags()
    np.seterrcall(flags)
    lines = []
    ldexp_exps = [0, 1, -1, 10, -10, 1100, -1100, 2**31 - 1, -2**31]
    for name in table.NAMES:
        uf = getattr(np, name)
        if uf.__name__ != name or name == "matmul":
            continue
        for t in table.loops(uf):
            ins, outs = t.split("->")
            binary = len(ins) == 2
            if name == "ldexp":
                grid = itertools.product(values(ins[0], False),
                                         [v for v in ldexp_exps
                                          if np.iinfo(np.dtype(ins[1])).min <= v
                                          <= np.iinfo(np.dtype(ins[1])).max])
            elif name in ("left_shift", "right_shift") or ins[0] in "?bhilBHIL":
                grid = itertools.product(*[values(c, binary) for c in ins])
            else:
                grid = itertools.product(*[values(c, binary) for c in ins])
            sig = tuple(np.dtype(c) for c in ins + outs)
            lines.append(f"@{name}|{t}")
            for vals in grid:
                args = [np.array([scalar(c, v)], dtype=c) for c, v in zip(ins, vals)]
                flags.bits = 0
                try:
                    with np.errstate(all="call"):
                        if ins in ("lL", "Ll"):
                            # NumPy takes no mixed signature; plain arrays reach qQ/Qq.
                            res = uf(*args)
                        else:
                            res = uf(*args, signature=sig)
                except (ValueError, TypeError, ArithmeticError) as e:
                    lines.append(f"{','.join(enc(c, a[0]) for c, a in zip(ins, args))}"
                                 f"|ERR|0  # {type(e).__name__}")
                    continue
                if not isinstance(res, tuple):
                    res = (res,)
                lines.append(
                    f"{','.join(enc(c, a[0]) for c, a in zip(ins, args))}"
                    f"|{','.join(enc(c, r[0]) for c, r in zip(outs, res))}|{flags.bits}")
    OUT.write_text("\n".join(lines) + "\n")
    print(len(lines), "cases")


if __name__ == "__main__":
    main()
