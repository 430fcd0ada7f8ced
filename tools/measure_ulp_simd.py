"""Maximum ULP error of oxarray's vectorised math functions, at every SIMD level.

For each ``OXARRAY_SIMD`` level (``scalar``, ``avx2``, ``avx512``; levels the CPU lacks run
at the highest it has) a subprocess evaluates exp, log, sin, cos, tanh (and expm1) and
compares with a reference:

- float32: finite float32 inputs in the function's domain, taken by stepping through all
  2^32 bit patterns with ``--stride`` (default 1021: ~4.2 million patterns, every binade
  and sign; ``--stride 1`` is exhaustive but needs ~64 GB and hours), reference
  computed in float64 (NumPy's float64 functions, < 1 ULP in float64, far below float32's
  ULP) and rounded once;
- float64: millions of samples over wide ranges (uniform on several scales, log-uniform
  magnitudes, values near multiples of pi/2 and near the overflow/underflow edges), with
  the reference NumPy's longdouble functions (x87 80-bit on x86-64: 11 extra bits, glibc's
  long double libm), or mpmath at 80 bits when installed and the sample is small.

Prints one table: function, dtype, then the max ULP error per level and the argument where
it occurs. Run: ``.venv/bin/python tools/measure_ulp_simd.py [--f64-samples N]
[--stride S]``. (The
mpmath-based ``tools/measure_ulp.py`` covers every transcendental loop at the machine's
level; run it with ``OXARRAY_SIMD=scalar|avx2|avx512`` for each level.)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import numpy as np

FUNCS = ["exp", "log", "sin", "cos", "tanh", "expm1"]
LEVELS = ["scalar", "avx2", "avx512"]
# Finite domain limits per function for float32 sampling (outside: exact special values).
F32_LIMITS = {"exp": 89.0, "expm1": 89.0, "tanh": 10.0, "sin": 1e6, "cos": 1e6, "log": 3.5e38}


def ulp_err(got: np.ndarray, ref: np.ndarray, dt: type) -> np.ndarray:
    """|got - ref| in units of the ULP of `dt` at ref (ref in higher precision)."""
    ref = ref.astype(np.longdouble)
    fin = np.isfinite(ref) & np.isfinite(got)
    r32 = ref.astype(dt)
    with np.errstate(all="ignore"):
        spacing = np.abs(np.spacing(r32)).astype(np.longdouble)
        spacing = np.maximum(spacing, np.longdouble(np.finfo(dt).smallest_subnormal))
        e = np.abs(got.astype(np.longdouble) - ref) / spacing
    bad = ~fin
    same = (got[bad] == r32[bad]) | (np.isnan(got[bad]) & np.isnan(r32[bad]))
    e[bad] = np.where(same, 0.0, np.inf)
    return e.astype(np.float64)


def f32_inputs(name: str, stride: int) -> np.ndarray:
    bits = np.arange(0, 1 << 32, stride, dtype=np.uint64).astype(np.uint32)
    x = bits.view(np.float32)
    lim = F32_LIMITS[name]
    keep = np.isfinite(x) & (np.abs(x) <= lim)
    if name == "log":
        keep &= x > 0
    return x[keep]


def f64_inputs(name: str, n: int, rng: np.random.Generator) -> np.ndarray:
    k = n // 5
    parts = [rng.uniform(-1, 1, k), np.exp(rng.uniform(-40, 6, k)) * rng.choice([-1, 1], k)]
    if name in ("exp", "expm1"):
        parts += [rng.uniform(-745, 709.7, k), rng.uniform(-1e-3, 1e-3, k), rng.uniform(-40, 40, k)]
    elif name == "log":
        parts = [np.exp(rng.uniform(-744, 709, 2 * k)), rng.uniform(0.5, 2, k),
                 1 + rng.uniform(-1e-6, 1e-6, k), rng.uniform(0, 1e-307, k)]
    elif name in ("sin", "cos"):
        m = rng.integers(1, 500_000, k).astype(np.float64)
        parts += [rng.uniform(-1e6, 1e6, k), m * (np.pi / 2) + rng.uniform(-1e-9, 1e-9, k),
                  rng.uniform(-10, 10, k)]
    else:
        parts += [rng.uniform(-20, 20, k), rng.uniform(-0.6, 0.6, k), rng.uniform(-1e-5, 1e-5, k)]
    return np.concatenate(parts).astype(np.float64)


def f64_reference(name: str, x: np.ndarray) -> np.ndarray:
    try:
        import mpmath  # type: ignore[import-untyped]
    except ImportError:
        mpmath = None
    if mpmath is not None and x.size <= 200_000:
        mpmath.mp.prec = 80
        fn = {"exp": mpmath.exp, "log": mpmath.log, "sin": mpmath.sin, "cos": mpmath.cos,
              "tanh": mpmath.tanh, "expm1": mpmath.expm1}[name]
        return np.array([np.longdouble(str(fn(mpmath.mpf(float(v))))) for v in x])
    fnl = getattr(np, name)
    return fnl(x.astype(np.longdouble))


def measure(level: str, f64_samples: int, stride: int) -> dict[str, list[object]]:
    import oxarray as ox

    rng = np.random.default_rng(2026)
    out: dict[str, list[object]] = {}
    for name in FUNCS:
        x = f32_inputs(name, stride)
        with np.errstate(all="ignore"):
            ref = getattr(np, name)(x.astype(np.float64))
        got = np.asarray(getattr(ox, name)(ox.asarray(x)))
        e = ulp_err(got, ref, np.float32)
        i = int(np.argmax(e))
        out[f"{name} float32"] = [float(e[i]), float(x[i]), int(x.size)]
        x = f64_inputs(name, f64_samples, rng)
        with np.errstate(all="ignore"):
            ref = f64_reference(name, x)
        got = np.asarray(getattr(ox, name)(ox.asarray(x)))
        e = ulp_err(got, ref, np.float64)
        i = int(np.argmax(e))
        out[f"{name} float64"] = [float(e[i]), float(x[i]), int(x.size)]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--f64-samples", type=int, default=2_000_000)
    ap.add_argument("--stride", type=int, default=1021, help="float32 bit-pattern stride (1: all)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.f64_samples, args.stride)))
        return
    results = {}
    for lv in LEVELS:
        env = dict(os.environ, OXARRAY_SIMD=lv, OXARRAY_NUM_THREADS="1")
        cmd = [sys.executable, __file__, "--child", lv, "--f64-samples", str(args.f64_samples),
               "--stride", str(args.stride)]
        res = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
        results[lv] = json.loads(res.stdout.strip().splitlines()[-1])
    print(f"{'function':<16}{'inputs':>12}" + "".join(f"{lv:>26}" for lv in LEVELS))
    for key in results[LEVELS[0]]:
        n = results[LEVELS[0]][key][2]
        row = f"{key:<16}{n:>12}"
        for lv in LEVELS:
            e, x, _ = results[lv][key]
            row += f"{e:>9.2f} ulp @ {x:<11.5g}"
        print(row)


if __name__ == "__main__":
    main()
