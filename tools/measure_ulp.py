"""Measure the worst ULP error of oxarray's transcendental float loops.

Runs the `kernels_ulp_dump` example (the loops called directly on random inputs over each
function's domain), computes each result exactly with mpmath (200-bit precision) and
reports, per function and dtype, the largest error in units in the last place of the
exact value (real types: |got - exact| / ulp(exact); complex: normwise, the larger
component error over the ulp of the larger component). A correctly rounded result has
error <= 0.5.

Run: ``.venv/bin/python tools/measure_ulp.py [samples]`` (needs ``pip install mpmath``).
"""

import collections
import math
import pathlib
import subprocess
import sys

import mpmath as mp
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
mp.mp.prec = 200

FMT = {"e": (np.uint16, np.float16, 11, -14, 65504.0),
       "f": (np.uint32, np.float32, 24, -126, float(np.finfo(np.float32).max)),
       "d": (np.uint64, np.float64, 53, -1022, float(np.finfo(np.float64).max))}


def val(c, h):
    u, f = FMT[c][0], FMT[c][1]
    return float(np.array(int(h, 16), dtype=u).view(f))


def ulp(x, c):
    _, _, p, emin, _ = FMT[c]
    if x == 0:
        return mp.ldexp(1, emin - p + 1)
    e = max(int(mp.floor(mp.log(abs(x), 2))), emin)
    return mp.ldexp(1, e - p + 1)


def cbrt(x):
    return mp.sign(x) * mp.cbrt(abs(x))


REAL = {
    "exp": mp.exp, "exp2": lambda x: mp.power(2, x), "expm1": mp.expm1, "log": mp.log,
    "log2": lambda x: mp.log(x, 2), "log10": mp.log10, "log1p": mp.log1p, "cbrt": cbrt,
    "sin": mp.sin, "cos": mp.cos, "tan": mp.tan, "arcsin": mp.asin, "arccos": mp.acos,
    "arctan": mp.atan, "sinh": mp.sinh, "cosh": mp.cosh, "tanh": mp.tanh,
    "arcsinh": mp.asinh, "arccosh": mp.acosh, "arctanh": mp.atanh, "power": mp.power,
    "arctan2": mp.atan2, "hypot": mp.hypot,
    "logaddexp": lambda x, y: mp.log(mp.exp(x) + mp.exp(y)),
    "logaddexp2": lambda x, y: mp.log(mp.power(2, x) + mp.power(2, y), 2),
}
CPLX = {
    "sqrt": mp.sqrt, "exp": mp.exp, "log": mp.log, "sin": mp.sin, "cos": mp.cos,
    "tan": mp.tan, "arcsin": mp.asin, "arccos": mp.acos, "arctan": mp.atan, "sinh": mp.sinh,
    "cosh": mp.cosh, "tanh": mp.tanh, "arcsinh": mp.asinh, "arccosh": mp.acosh,
    "arctanh": mp.atanh, "expm1": mp.expm1, "log1p": mp.log1p,
    "exp2": lambda z: mp.power(2, z), "log2": lambda z: mp.log(z) / mp.log(2),
    "log10": lambda z: mp.log(z) / mp.log(10),
}


def real_err(c, got, exact):
    _, _, p, _, fmax = FMT[c]
    if math.isnan(got):
        return math.inf
    top = mp.mpf(fmax) * (1 + mp.ldexp(1, -p))  # values beyond this round to inf
    if math.isinf(got):
        return 0.0 if abs(exact) >= top and math.copysign(1, got) == mp.sign(exact) else math.inf
    if abs(exact) >= top:
        return math.inf
    return float(abs(mp.mpf(got) - exact) / ulp(exact, c))


def main():
    n = sys.argv[1] if len(sys.argv) > 1 else "2000"
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "oxarray-core", "--example",
                    "kernels_ulp_dump"], cwd=ROOT, check=True)
    out = subprocess.run([str(ROOT / "target" / "release" / "examples" / "kernels_ulp_dump"), n],
                         cwd=ROOT, check=True, capture_output=True, text=True).stdout
    worst = collections.defaultdict(lambda: (0.0, ""))
    for line in out.splitlines():
        name, types, ins, res = line.split()
        c = types[-1]
        if c in "FD":
            r = "f" if c == "F" else "d"
            re_h, im_h = ins.split(":")
            z = mp.mpc(val(r, re_h), val(r, im_h))
            gr, gi = (val(r, h) for h in res.split(":"))
            try:
                ex = CPLX[name](z)
            except (ValueError, ZeroDivisionError):
                continue
            big = max(abs(ex.real), abs(ex.imag))
            _, _, p, _, fmax = FMT[r]
            if big >= mp.mpf(fmax) or not (math.isfinite(gr) and math.isfinite(gi)):
                continue  # overflowing complex results: not measured
            e = float(max(abs(mp.mpf(gr) - ex.real), abs(mp.mpf(gi) - ex.imag)) / ulp(big, r))
        else:
            xs = [mp.mpf(val(c, h)) for h in ins.split(",")]
            got = val(c, res)
            fx = [val(c, h) for h in ins.split(",")]
            if name == "arctan2" and fx[0] == 0:
                # mpmath has no signed zeros: atan2(+-0, x) is +-0 for x >= +0, +-pi else.
                ex = (mp.pi if math.copysign(1, fx[1]) < 0 else mp.mpf(0)) * math.copysign(1, fx[0])
            else:
                try:
                    ex = REAL[name](*xs)
                except (ValueError, ZeroDivisionError):
                    continue
            if isinstance(ex, mp.mpc):
                continue  # outside the real domain (NaN expected)
            if mp.isnan(ex):
                e = 0.0 if math.isnan(got) else math.inf
            else:
                e = real_err(c, got, ex)
        key = (name, types)
        if e > worst[key][0]:
            worst[key] = (e, ins)
    print(f"{'function':<12} {'loop':<8} {'worst ULP':>10}  input (hex bits)")
    for (name, types), (e, ins) in sorted(worst.items()):
        print(f"{name:<12} {types:<8} {e:>10.3f}  {ins}")
    over = [(k, v) for k, v in worst.items() if v[0] > 4]
    print(f"{len(worst)} loops measured; {len(over)} above 4 ULP")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
