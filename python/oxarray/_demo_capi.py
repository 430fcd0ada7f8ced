"""Demo of C-level duck typing: one C function serving oxarray, NumPy and tinyarray arrays.

``run()`` compiles ``tests/capi/consumer.c`` (``oxconsumer``) and ``tests/capi/tinyarray.c``
with the system C compiler against ``oxarray.h`` alone, then calls the *same* C function,
``oxconsumer.sum_f64``, on an oxarray array, a tinyarray (an independent C array type that
installs the ``oxarray:array@1`` slot itself), a NumPy array and a memoryview, and scales
each in place with ``oxconsumer.scale_inplace``. It needs a source checkout (the header and
the C files) and a C compiler; without them it says so and returns.

The foundation demo (``python -m oxarray.demo``) can call ``oxarray._demo_capi.run()``.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _checkout_root() -> Path | None:
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "crates" / "oxarray-abi" / "include" / "oxarray.h").is_file() and (
            parent / "tests" / "capi" / "build_capi.py"
        ).is_file():
            return parent
    return None


def _load_build(root: Path) -> Any:
    spec = importlib.util.spec_from_file_location("_oxarray_capi_build", root / "tests" / "capi" / "build_capi.py")
    if spec is None or spec.loader is None:
        raise ImportError("tests/capi/build_capi.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run(out: Callable[[str], object] = print) -> bool:
    """Build the two C extensions and show one C function serving every array type.

    Returns False (after saying why) when there is no checkout, compiler or NumPy.
    """
    root = _checkout_root()
    if root is None:
        out("C-API demo skipped: needs a source checkout (crates/oxarray-abi/include/oxarray.h).")
        return False
    try:
        import numpy as np
    except ImportError:
        out("C-API demo skipped: NumPy is not installed.")
        return False
    build = _load_build(root)
    outdir = Path(tempfile.mkdtemp(prefix="oxarray-capi-demo-"))
    try:
        build.build(outdir)
    except (OSError, RuntimeError) as e:
        out(f"C-API demo skipped: could not compile the C extensions ({e}).")
        return False
    sys.path.insert(0, str(outdir))
    try:
        oxconsumer = importlib.import_module("oxconsumer")
        tinyarray = importlib.import_module("tinyarray")
    finally:
        sys.path.remove(str(outdir))

    import oxarray as ox

    out("C-level duck typing: oxconsumer.sum_f64 is ONE C function, compiled against")
    out("oxarray.h alone (no link to oxarray, NumPy or tinyarray):")
    arrays: list[tuple[str, Any]] = [
        ("oxarray.ndarray", ox.arange(1.0, 5.0)),
        ("tinyarray.array", tinyarray.array([1.0, 2.0, 3.0, 4.0])),
        ("numpy.ndarray", np.arange(1.0, 5.0)),
        ("memoryview", np.arange(1.0, 5.0).data),
    ]
    how = {
        "type": "slot oxarray:array@1 (type-carried)",
        "portable": "slot oxarray:array@1 (capsule in the type's __dict__)",
    }
    for name, arr in arrays:
        info = oxconsumer.view_info(arr)
        path = oxconsumer.slot_path(arr)
        via = how.get(path, "DLPack fallback" if info["source"] == "dlpack" else "buffer-protocol fallback")
        before = oxconsumer.sum_f64(arr)
        oxconsumer.scale_inplace(arr, 10.0)
        after = oxconsumer.sum_f64(arr)
        out(f"  {name:<16} sum_f64 = {before:5.1f}; after scale_inplace(x, 10): {after:6.1f}   via {via}")
    return True


if __name__ == "__main__":
    run()
