"""Write docs/api_coverage.md: NumPy's public names, module by module, present or missing in oxarray.

    python tools/api_coverage.py          # `make docs`: re-pin to the installed NumPy, write both files
    python tools/api_coverage.py --check  # CI (`make lint`): fail if docs/api_coverage.md is stale

NumPy's side is pinned: writing records the installed NumPy's public names (and its version)
in tools/numpy_api_names.json, and the page is rendered from that snapshot plus the live
oxarray namespaces. `--check` renders from the snapshot too, so it does not depend on which
NumPy the machine has (CI installs `numpy>=2.0`, whatever is newest): it fails only when
oxarray gained or lost a name without the page being regenerated. If the installed NumPy is
the pinned version, `--check` also verifies the snapshot against it; if it is another
version, it prints a note (re-pin with `make docs`) and does not fail.

Public names of a module: its `__all__` if it has one, else the names of `dir()` without a
leading underscore. Of a class: the names of `dir()` without a leading underscore, plus the
interoperability dunders (`__array*__`, `__dlpack*__`, `__buffer__`, `__numpy_dtype__`).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "api_coverage.md"
SNAPSHOT = ROOT / "tools" / "numpy_api_names.json"

# (title, NumPy object path, oxarray object path); a path "mod:Class" names a class.
SECTIONS: list[tuple[str, str, str]] = [
    ("top-level namespace", "numpy", "oxarray"),
    ("linalg", "numpy.linalg", "oxarray.linalg"),
    ("fft", "numpy.fft", "oxarray.fft"),
    ("random", "numpy.random", "oxarray.random"),
    ("random.Generator methods", "numpy.random:Generator", "oxarray.random:Generator"),
    ("random.RandomState methods", "numpy.random:RandomState", "oxarray.random:RandomState"),
    ("polynomial", "numpy.polynomial", "oxarray.polynomial"),
    ("polynomial.polynomial", "numpy.polynomial.polynomial", "oxarray.polynomial.polynomial"),
    ("polynomial.chebyshev", "numpy.polynomial.chebyshev", "oxarray.polynomial.chebyshev"),
    ("polynomial.legendre", "numpy.polynomial.legendre", "oxarray.polynomial.legendre"),
    ("polynomial.hermite", "numpy.polynomial.hermite", "oxarray.polynomial.hermite"),
    ("polynomial.hermite_e", "numpy.polynomial.hermite_e", "oxarray.polynomial.hermite_e"),
    ("polynomial.laguerre", "numpy.polynomial.laguerre", "oxarray.polynomial.laguerre"),
    ("exceptions", "numpy.exceptions", "oxarray.exceptions"),
    ("emath (lib.scimath)", "numpy.emath", "oxarray.emath"),
    ("lib", "numpy.lib", "oxarray.lib"),
    ("lib.stride_tricks", "numpy.lib.stride_tricks", "oxarray.lib.stride_tricks"),
    ("lib.array_utils", "numpy.lib.array_utils", "oxarray.lib.array_utils"),
    ("lib.format", "numpy.lib.format", "oxarray.lib.format"),
    ("lib.mixins", "numpy.lib.mixins", "oxarray.lib.mixins"),
    ("lib.npyio", "numpy.lib.npyio", "oxarray.lib.npyio"),
    ("dtypes", "numpy.dtypes", "oxarray.dtypes"),
    ("strings", "numpy.strings", "oxarray.strings"),
    ("char", "numpy.char", "oxarray.char"),
    ("rec", "numpy.rec", "oxarray.rec"),
    ("ma", "numpy.ma", "oxarray.ma"),
    ("testing", "numpy.testing", "oxarray.testing"),
    ("ndarray methods and attributes", "numpy:ndarray", "oxarray:ndarray"),
    ("ufunc methods and attributes", "numpy:ufunc", "oxarray:ufunc"),
    ("dtype methods and attributes", "numpy:dtype", "oxarray:dtype"),
    ("scalar (generic) methods and attributes", "numpy:generic", "oxarray:generic"),
]

_DUNDER_PREFIXES = ("__array", "__dlpack")
_DUNDERS = {"__buffer__", "__numpy_dtype__"}


def _resolve(path: str) -> Any:
    """The module or class a section path names, or None if it does not exist."""
    mod_name, _, cls = path.partition(":")
    obj: Any
    try:
        obj = importlib.import_module(mod_name)
    except ImportError:
        # An attribute that is a module but not an importable path (numpy.emath).
        parent, _, leaf = mod_name.rpartition(".")
        try:
            obj = getattr(importlib.import_module(parent), leaf)
        except (ImportError, AttributeError, ValueError):
            return None
    if cls:
        obj = getattr(obj, cls, None)
    return obj


def _public_names(obj: Any) -> list[str]:
    if isinstance(obj, ModuleType):
        names = getattr(obj, "__all__", None)
        if names is None:
            names = [n for n in dir(obj) if not n.startswith("_")]
        return sorted(set(names))
    return sorted(
        n
        for n in dir(obj)
        if not n.startswith("_") or n.startswith(_DUNDER_PREFIXES) or n in _DUNDERS
    )


def snapshot_numpy() -> dict[str, Any]:
    import numpy

    sections: dict[str, list[str]] = {}
    for title, np_path, _ in SECTIONS:
        obj = _resolve(np_path)
        sections[title] = _public_names(obj) if obj is not None else []
    return {"numpy_version": numpy.__version__, "sections": sections}


def render(snap: dict[str, Any]) -> str:
    rows: list[tuple[str, str, str, int, int, str]] = []
    details: list[str] = []
    total_np = total_have = 0
    for title, np_path, ox_path in SECTIONS:
        names: list[str] = snap["sections"].get(title, [])
        if not names:
            continue
        ox_obj = _resolve(ox_path)
        have = [n for n in names if ox_obj is not None and hasattr(ox_obj, n)]
        missing = [n for n in names if n not in set(have)]
        total_np += len(names)
        total_have += len(have)
        pct = f"{100.0 * len(have) / len(names):.0f}%"
        note = "" if ox_obj is not None else " (no such module/class)"
        np_disp, ox_disp = np_path.replace(":", "."), ox_path.replace(":", ".")
        rows.append((title, np_disp, ox_disp + note, len(have), len(names), pct))
        details.append(f"### {title}: `{np_disp}` vs `{ox_disp}`\n")
        details.append(f"{len(have)} of {len(names)} present ({pct}){note}.\n")
        if missing:
            details.append(f"Missing ({len(missing)}): " + ", ".join(f"`{n}`" for n in missing) + "\n")
        else:
            details.append("Nothing missing.\n")
    out = [
        "# API coverage: NumPy's public names in oxarray",
        "",
        "<!-- Generated by tools/api_coverage.py from tools/numpy_api_names.json and the live",
        "     oxarray namespaces. Do not edit: run `make docs`. `make lint` checks it. -->",
        "",
        f"Compared with **NumPy {snap['numpy_version']}** (the version pinned in",
        "`tools/numpy_api_names.json`; `make docs` re-pins to the installed NumPy).",
        "A name counts as present when the oxarray module or class has an attribute of that",
        "name; whether it behaves as NumPy's is what the test suite checks. Modules are",
        "compared by their `__all__` (else their names without a leading underscore); classes",
        "by their public attributes plus the interoperability dunders (`__array_*__`,",
        "`__dlpack*__`, `__buffer__`, `__numpy_dtype__`).",
        "",
        "| section | NumPy | oxarray | present | of | % |",
        "|---|---|---|---:|---:|---:|",
    ]
    for title, np_disp, ox_disp, n_have, n_all, pct in rows:
        out.append(f"| {title} | `{np_disp}` | `{ox_disp}` | {n_have} | {n_all} | {pct} |")
    tot_pct = f"{100.0 * total_have / total_np:.0f}%" if total_np else "-"
    out.append(f"| **all** | | | **{total_have}** | **{total_np}** | **{tot_pct}** |")
    out += ["", "## Missing names by section", ""]
    for line in details:
        out.append(line)
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if docs/api_coverage.md is out of date")
    args = ap.parse_args(argv)

    if not args.check:
        snap = snapshot_numpy()
        SNAPSHOT.write_text(json.dumps(snap, indent=1, sort_keys=True) + "\n")
        PAGE.write_text(render(snap))
        print(f"wrote {PAGE.relative_to(ROOT)} and {SNAPSHOT.relative_to(ROOT)} (NumPy {snap['numpy_version']})")
        return 0

    snap = json.loads(SNAPSHOT.read_text())
    ok = True
    try:
        import numpy
    except ImportError:
        numpy = None  # type: ignore[assignment]
    if numpy is not None and numpy.__version__ == snap["numpy_version"]:
        if snapshot_numpy() != snap:
            print(f"{SNAPSHOT.relative_to(ROOT)} does not match the installed NumPy {numpy.__version__}: run `make docs`")
            ok = False
    elif numpy is not None:
        print(
            f"note: NumPy {numpy.__version__} installed, the coverage table is pinned to NumPy "
            f"{snap['numpy_version']}; checking oxarray's side only (`make docs` re-pins)"
        )
    expected = render(snap)
    if not PAGE.exists() or PAGE.read_text() != expected:
        print(f"{PAGE.relative_to(ROOT)} is out of date: run `make docs` (python tools/api_coverage.py)")
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
