"""Build the C-API test extensions with the system C compiler, against oxarray.h alone.

The include path holds only ``crates/oxarray-abi/include`` and Python's own headers: the
extensions cannot see oxarray's sources and do not import it, so they can be built before
oxarray is (the "build with the include files alone" property). Every file is compiled as
C99 with ``-Wall -Wextra -Werror``, and the header is also checked as C++.

Usage: ``python tests/capi/build_capi.py OUTDIR [name ...]`` (names: oxconsumer, tinyarray,
capibench); prints the paths of the built modules.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INCLUDE = ROOT / "crates" / "oxarray-abi" / "include"
SOURCES = {
    "oxconsumer": ROOT / "tests" / "capi" / "consumer.c",
    "tinyarray": ROOT / "tests" / "capi" / "tinyarray.c",
    "capibench": ROOT / "benches" / "capi" / "capibench.c",
}
WARN = ["-Wall", "-Wextra", "-Werror"]


def _run(cmd: list[str]) -> None:
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(f"command failed: {shlex.join(cmd)}\n{res.stdout}{res.stderr}")


def build(outdir: str | os.PathLike[str], names: list[str] | None = None) -> dict[str, Path]:
    """Compile the named extensions into ``outdir``; returns name -> module path."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    cc = shlex.split(os.environ.get("CC", "cc"))
    cxx = shlex.split(os.environ.get("CXX", "c++"))
    pyinc = sysconfig.get_paths()["include"]
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    inc = [f"-I{INCLUDE}", f"-I{pyinc}"]
    built = {}
    for name in names or ["oxconsumer", "tinyarray"]:
        src = SOURCES[name]
        target = out / f"{name}{suffix}"
        _run([*cc, "-std=c99", "-O2", "-fPIC", "-shared", *WARN, *inc, str(src), "-o", str(target)])
        # The same translation unit, header included, must also be valid C++.
        _run([*cxx, "-x", "c++", "-std=c++11", "-fsyntax-only", *WARN, *inc, str(INCLUDE / "oxarray.h")])
        built[name] = target
    return built


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for path in build(sys.argv[1], sys.argv[2:] or None).values():
        print(path)
