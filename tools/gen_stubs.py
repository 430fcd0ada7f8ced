"""Write python/oxarray/_core.pyi from the compiled module's signatures.

PyO3 records every function's and method's signature in ``__text_signature__``; this
script turns them into a stub file with docstrings, so the stubs cannot drift from the
module (``make lint`` runs ``mypy.stubtest`` on the result). Run after changing the Rust
API: ``.venv/bin/python tools/gen_stubs.py``.
"""

import inspect
import pathlib
import textwrap

import oxarray._core as core

OUT = pathlib.Path(__file__).resolve().parent.parent / "python" / "oxarray" / "_core.pyi"

# Return annotations for names whose result type is fixed.
RETURNS = {
    "shape": "tuple[int, ...]", "strides": "tuple[int, ...]", "ndim": "int", "size": "int",
    "itemsize": "int", "nbytes": "int", "name": "str", "kind": "str", "char": "str", "str": "str",
    "byteorder": "str", "isnative": "builtins.bool", "alignment": "int", "num": "int",
    "__len__": "int", "__bool__": "builtins.bool", "__repr__": "str", "__str__": "str", "__hash__": "int",
    "__float__": "float", "__index__": "int", "__int__": "int", "__complex__": "complex",
    "can_cast": "builtins.bool", "may_share_memory": "builtins.bool", "tolist": "Any", "item": "Any",
    "__setitem__": "None", "fill": "None",
}

# Names whose every function and method form returns an array (a subclass for `view(type=)`
# and the subok paths). `sort`/`partition` stay out: their method forms sort in place.
RETURNS.update(dict.fromkeys([
    "array", "asarray", "ascontiguousarray", "asfortranarray", "arange", "zeros", "ones",
    "empty", "full", "zeros_like", "ones_like", "empty_like", "full_like", "eye", "identity",
    "frombuffer", "from_dlpack", "broadcast_to", "copy", "flip", "moveaxis", "expand_dims",
    "permute_dims", "reshape", "ravel", "flatten", "transpose", "swapaxes", "squeeze", "view",
    "astype", "T", "mT", "concatenate", "repeat", "argsort", "argpartition", "lexsort",
    "diag", "diagonal", "tri", "tril", "triu", "bincount", "isin", "compress", "choose",
    "byteswap", "take_along_axis",
], "ndarray"))
RETURNS.update(dict.fromkeys(["nonzero", "broadcast_arrays"], "tuple[ndarray, ...]"))


def params(obj, is_method):
    sig = getattr(obj, "__text_signature__", None)
    if not sig:
        return "(self, *args: Any, **kwargs: Any)" if is_method else "(*args: Any, **kwargs: Any)"
    sig = sig.replace("$self", "self").replace("$cls", "cls").replace("$type", "cls")
    try:
        parsed = inspect.Signature.from_callable(obj)
    except (ValueError, TypeError):
        return sig
    parts = []
    seen_kwonly = False
    seen_posonly = False
    for p in parsed.parameters.values():
        if p.kind is p.POSITIONAL_ONLY:
            seen_posonly = True
        elif seen_posonly:
            parts.append("/")
            seen_posonly = False
        if p.kind is p.KEYWORD_ONLY and not seen_kwonly:
            parts.append("*")
            seen_kwonly = True
        if p.kind is p.VAR_POSITIONAL:
            parts.append(f"*{p.name}: Any")
            seen_kwonly = True
        elif p.kind is p.VAR_KEYWORD:
            parts.append(f"**{p.name}: Any")
        elif p.name in ("self", "cls"):
            parts.append(p.name)
        elif p.default is p.empty:
            parts.append(f"{p.name}: Any")
        else:
            parts.append(f"{p.name}: Any = ...")
    if seen_posonly:
        parts.append("/")
    if is_method and (not parts or parts[0] not in ("self", "cls")):
        parts.insert(0, "self")
    return "(" + ", ".join(parts) + ")"


def doc(obj, indent):
    d = inspect.getdoc(obj)
    if not d or d.startswith(obj.__class__.__name__):
        return ""
    d = d.split("\n--\n")[-1].strip()
    if not d:
        return ""
    return textwrap.indent('"""' + d.replace('"""', "'''") + '"""', indent) + "\n"


def emit_function(name, fn, indent="", is_method=False):
    ret = RETURNS.get(name, "Any")
    body = doc(fn, indent + "    ")
    line = f"{indent}def {name}{params(fn, is_method)} -> {ret}:"
    if name == "__ipow__":
        # The runtime slot takes no modulo, unlike `__pow__`; mypy calls that incompatible.
        line += "  # type: ignore[misc]"
    return line + ("\n" + body + indent + "    ...\n" if body else " ...\n")


def emit_class(name, cls):
    bases = [b for b in cls.__bases__ if b is not object]
    decorators = ""
    if not cls.__flags__ & (1 << 10):  # Py_TPFLAGS_BASETYPE: cannot be subclassed
        decorators += "@final\n"
    elif cls.__base__ is object:
        # Its own instance layout: Python cannot combine it with another such base.
        decorators += "@disjoint_base\n"
    head = f"class {name}({', '.join(b.__name__ for b in bases)}):" if bases else f"class {name}:"
    out = [decorators + head + "\n"]
    d = doc(cls, "    ")
    if d:
        out.append(d)
    members = 0
    for attr, val in sorted(vars(cls).items()):
        if attr in ("__doc__", "__module__", "__dict__", "__weakref__", "__new__") or attr.startswith("__pyo3"):
            continue
        if inspect.isgetsetdescriptor(val) or inspect.ismemberdescriptor(val):
            setter = attr in {"shape", "dtype", "real", "imag", "writeable"}
            ret = RETURNS.get(attr, "Any")
            if setter:
                out.append(f"    @property\n    def {attr}(self) -> {ret}: ...\n")
                out.append(f"    @{attr}.setter\n    def {attr}(self, value: Any) -> None: ...\n")
            else:
                out.append(f"    @property\n    def {attr}(self) -> {ret}: ...\n")
            members += 1
        elif callable(val):
            if isinstance(val, staticmethod):
                continue
            out.append(emit_function(attr, val, "    ", is_method=True))
            members += 1
    if "__new__" in vars(cls) and getattr(cls, "__text_signature__", None):
        sig = params(cls, False)
        if not sig.startswith("(cls"):  # a `#[classmethod]` `#[new]` already names it
            sig = "(cls" + (", " + sig[1:] if sig != "()" else ")")
        out.append(f"    def __new__{sig} -> Self: ...\n")
        members += 1
    if not members and not d:
        out.append("    ...\n")
    return "".join(out)


def main():
    lines = [
        '"""Type stubs for the extension module ``oxarray._core`` (generated by tools/gen_stubs.py)."""\n\n',
        "import builtins\nfrom typing import Any, final\n\nfrom typing_extensions import Self, disjoint_base\n\n",
        f"__all__ = {sorted(core.__all__)!r}\n\n" if hasattr(core, "__all__") else "",
    ]
    classes, functions, ufuncs = [], [], []
    for name, val in vars(core).items():
        if name.startswith("__"):
            continue
        if isinstance(val, core.ufunc):
            ufuncs.append(name)
        elif isinstance(val, type):
            classes.append((name, val))
        elif callable(val):
            functions.append((name, val))
    # Base classes first.
    ordered, placed = [], set()
    while classes:
        for i, (n, c) in enumerate(classes):
            if all(b.__name__ in placed or b.__module__ != c.__module__ for b in c.__bases__):
                ordered.append((n, c))
                placed.add(c.__name__)
                classes.pop(i)
                break
    for n, c in ordered:
        lines.append(emit_class(n, c) + "\n")
    for n, f in sorted(functions):
        lines.append(emit_function(n, f) + "\n")
    for n in sorted(ufuncs):
        lines.append(f"{n}: ufunc\n")
    if hasattr(core, "_ufunc_names"):
        lines.append("_ufunc_names: tuple[str, ...]\n")
    OUT.write_text("".join(lines).rstrip() + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
