"""Cost of finding an array interface from C, per object (issue 5, part 7).

Builds ``benches/capi/capibench.c`` and ``tests/capi/tinyarray.c`` against ``oxarray.h``
alone, then times, in C, one lookup of a slot per object for each path, next to the ways
C code finds an interface today. Prints a Markdown table (nanoseconds per lookup, best of
several runs). Also times the slot-table builders (C header and Rust crate) for 1 to 256
keys. Run with ``make bench-capi`` (part of ``make bench``) or
``python benches/capi/run.py``. Numbers depend on the machine and its load; a benchmark is
not a test, so nothing here asserts a time.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "capi"))

import build_capi as capi_build  # noqa: E402


def key(s: str) -> int:
    return int.from_bytes(hashlib.md5(s.encode()).digest()[:8], "little")


KEY_ARRAY = key("oxarray:array@1")
KEY_ABSENT = key("nobody:nothing@1")


def main() -> None:
    out = Path(tempfile.mkdtemp(prefix="oxarray-capibench-"))
    capi_build.build(out, ["capibench", "tinyarray"])
    sys.path.insert(0, str(out))
    import capibench
    import numpy as np
    import tinyarray

    import oxarray as ox

    oxa = ox.arange(10.0)
    tiny = tinyarray.array([1.0, 2.0, 3.0])
    sub = type("TinySub", (tinyarray.array,), {})
    sub3 = type("TinySub3", (type("TinySub2", (sub,), {}),), {})
    deep = sub3([1.0])
    npa = np.arange(10.0)
    mv = memoryview(np.arange(10.0))

    def timed(case: str, objs: list, k: int = KEY_ARRAY) -> float:
        # Calibrate n so that one run takes about 5 ms of CPU time, then best of 15 runs.
        per = capibench.lookup(case, objs, 2000, 1, k)
        n = max(2000, min(20_000_000, int(5e6 / max(per, 0.05))))
        return capibench.lookup(case, objs, n, 15, k)

    rows = [
        ("baseline: the loop alone (load object, read its type)", timed("baseline", [tiny])),
        ("our slot, type-carried (tinyarray): hit", timed("slot", [tiny])),
        ("our slot, type-carried (tinyarray): miss, key absent", timed("slot", [tiny], KEY_ABSENT)),
        ("our slot, type-carried, Python subclass 3 deep: hit", timed("slot", [deep])),
        ("our slot, portable + per-type cache (oxarray.ndarray): hit", timed("slot", [oxa])),
        ("our slot, portable + per-type cache (oxarray.ndarray): miss, key absent", timed("slot", [oxa], KEY_ABSENT)),
        ("our slot, type without slots (numpy.ndarray, cached miss)", timed("slot", [npa])),
        ("our slot, alternating oxarray / tinyarray / numpy / float", timed("slot", [oxa, tiny, npa, 1.0])),
        ("portable path uncached: MRO dict walk + capsule (oxarray.ndarray)", timed("portable_uncached", [oxa])),
        ("portable path uncached, Python subclass 3 deep (tinyarray)", timed("portable_uncached", [deep])),
        ("PyObject_GetAttr + capsule (NumPy _ARRAY_API style): hit", timed("getattr_capsule", [oxa])),
        ("PyObject_GetAttr + capsule: miss (numpy.ndarray)", timed("getattr_capsule", [npa])),
        ("_PyType_Lookup + capsule: hit", timed("pytype_lookup_capsule", [oxa])),
        ("_PyType_Lookup + capsule: miss (numpy.ndarray)", timed("pytype_lookup_capsule", [npa])),
        ("PyObject_GetBuffer + PyBuffer_Release (numpy.ndarray)", timed("getbuffer", [npa])),
        ("__dlpack__() call + capsule (numpy.ndarray)", timed("dlpack", [npa])),
        ("OxArray_GetView + Release: oxarray.ndarray (slot)", timed("getview", [oxa])),
        ("OxArray_GetView + Release: tinyarray (slot)", timed("getview", [tiny])),
        ("OxArray_GetView + Release: numpy.ndarray (DLPack fallback)", timed("getview", [npa])),
        ("OxArray_GetView + Release: memoryview (buffer fallback)", timed("getview", [mv])),
    ]
    print("### Lookup cost per object (ns of thread CPU time, best of 15)\n")
    print("| case | ns |")
    print("|---|---:|")
    for name, ns in rows:
        print(f"| {name} | {ns:.1f} |")

    sizes = [1, 2, 4, 8, 16, 32, 64, 128, 256]
    c_times = {}
    for n in sizes:
        keys = [key(f"bench:key{i}@1") for i in range(n)]
        c_times[n] = capibench.build(keys, 30)
    rust_times: dict[int, float] = {}
    try:
        res = subprocess.run(
            ["cargo", "run", "--release", "-q", "-p", "oxarray-abi", "--example", "build_time"],
            cwd=ROOT, capture_output=True, text=True, timeout=600, check=True,
            env={**os.environ},
        )
        for line in res.stdout.split("\n"):
            if line.strip():
                n_s, ns_s = line.split()
                rust_times[int(n_s)] = float(ns_s)
    except (OSError, subprocess.SubprocessError) as e:
        print(f"\n(Rust builder not timed: {e})")
    print("\n### Table build time (ns per build; C: best of 30 batches of 64, Rust: best of 200)\n")
    print("| keys | C header builder | Rust builder |")
    print("|---:|---:|---:|")
    for n in sizes:
        r = f"{rust_times[n]:.0f}" if n in rust_times else "-"
        print(f"| {n} | {c_times[n]:.0f} | {r} |")


if __name__ == "__main__":
    main()
