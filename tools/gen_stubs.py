"""Write python/oxarray/_core.pyi from the compiled module and the typed overlay.

The names come from the live module (``vars(oxarray._core)``), so the stubs cannot miss a
function; the types come from ``tools/core_types.pyi``, a hand-written stub of the same
names with real parameter and return types (overloads, properties with setters, the type
aliases ``ArrayLike``, ``DTypeLike``, ``_ShapeLike``, ...). For each runtime name:

* typed in the overlay: the overlay's definitions are copied (all overloads, in order),
  with the runtime docstring added to the first one;
* not in the overlay: an untyped definition is generated from ``__text_signature__``
  (every parameter and the return ``Any``), and the name is printed as UNTYPED.

Overlay definitions of names the module no longer has are dropped (and printed).

Run after changing the Rust API: ``.venv/bin/python tools/gen_stubs.py``. To add types
for a new function, add its typed ``def`` to ``tools/core_types.pyi`` and run it again.
``--check`` (used by ``make lint``) writes nothing and fails when ``_core.pyi`` is not
what the generator would write, or when a public name (no leading underscore; dunder
methods count as public) has no typed definition in the overlay.
"""

from __future__ import annotations

import ast
import inspect
import pathlib
import sys
import textwrap

import oxarray._core as core

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "python" / "oxarray" / "_core.pyi"
OVERLAY = ROOT / "tools" / "core_types.pyi"

SKIP_MEMBERS = {"__doc__", "__module__", "__dict__", "__weakref__", "__new__"}
# Members the overlay types that the runtime class lacks on this Python: ``__buffer__`` is
# how Python 3.12+ (PEP 688) exposes the buffer protocol that PyO3 implements in C, and
# what ``typing_extensions.Buffer`` checks (``memoryview(a)``, ``bytes(a)``).
STUB_ONLY_MEMBERS = {("ndarray", "__buffer__")}


def is_public(name: str) -> bool:
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__"))


class Overlay:
    """The typed definitions of ``tools/core_types.pyi``, as source segments by name."""

    def __init__(self, path: pathlib.Path) -> None:
        src = path.read_text()
        self.lines = src.splitlines(keepends=True)
        tree = ast.parse(src)
        self.header: list[str] = []  # imports, aliases, stub-only helper classes
        self.functions: dict[str, list[tuple[ast.AST, str]]] = {}
        self.variables: dict[str, str] = {}
        self.classes: dict[str, ast.ClassDef] = {}
        self.members: dict[str, dict[str, list[tuple[ast.AST, str]]]] = {}
        self.helper_classes: set[str] = set()  # stub-only (``@type_check_only``) classes
        for node in tree.body:
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and node is tree.body[0]:
                continue  # the overlay's own docstring
            if isinstance(node, ast.FunctionDef) and hasattr(core, node.name):
                self.functions.setdefault(node.name, []).append((node, self.segment(node)))
            elif isinstance(node, ast.FunctionDef):
                print(f"overlay: function {node.name} is not in oxarray._core (dropped)")
            elif isinstance(node, ast.ClassDef) and isinstance(getattr(core, node.name, None), type):
                self.classes[node.name] = node
                members: dict[str, list[tuple[ast.AST, str]]] = {}
                for item in node.body:
                    name = None
                    if isinstance(item, ast.FunctionDef):
                        name = item.name
                    elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                        name = item.target.id
                    if name is not None:
                        members.setdefault(name, []).append((item, self.segment(item)))
                self.members[node.name] = members
            elif (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and hasattr(core, node.target.id)
            ):
                self.variables[node.target.id] = self.segment(node)
            else:
                if isinstance(node, ast.ClassDef):
                    self.helper_classes.add(node.name)
                self.header.append(self.segment(node))

    def segment(self, node: ast.AST) -> str:
        decorators = getattr(node, "decorator_list", [])
        start = min([d.lineno for d in decorators] + [node.lineno]) - 1  # type: ignore[attr-defined]
        return "".join(self.lines[start : node.end_lineno])  # type: ignore[attr-defined]


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


def docstring(obj):
    d = inspect.getdoc(obj)
    if not d or d.startswith(obj.__class__.__name__):
        return ""
    d = d.split("\n--\n")[-1].strip()
    return d.replace('"""', "'''") if d else ""


def doc(obj, indent):
    d = docstring(obj)
    return textwrap.indent('"""' + d + '"""', indent) + "\n" if d else ""


def with_doc(node, seg, obj, indent):
    """``seg`` (a typed overlay ``def`` ending in ``...``) with the runtime docstring added."""
    body = getattr(node, "body", None)
    if obj is None or not isinstance(node, ast.FunctionDef) or not body:
        return seg
    first = body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        return seg  # the overlay has its own
    d = doc(obj, indent + "    ")
    text = seg.rstrip()
    if not d or not text.endswith("..."):
        return seg
    return text[:-3].rstrip() + "\n" + d + indent + "    ...\n"


class Generator:
    def __init__(self, overlay: Overlay) -> None:
        self.overlay = overlay
        self.untyped: list[str] = []  # public names with no typed definition
        self.untyped_private: list[str] = []

    def note_untyped(self, qualname: str, name: str) -> None:
        public = all(is_public(part) for part in qualname.split("."))
        (self.untyped if public else self.untyped_private).append(qualname)

    def typed(self, segments, obj, indent):
        out = []
        for i, (node, seg) in enumerate(segments):
            out.append(with_doc(node, seg, obj, indent) if i == 0 else seg)
        return "".join(out)

    def emit_function(self, name, fn, indent="", is_method=False, owner=""):
        segments = (
            self.overlay.members.get(owner, {}).get(name) if owner else self.overlay.functions.get(name)
        )
        if segments:
            return self.typed(segments, fn, indent)
        self.note_untyped(f"{owner}.{name}" if owner else name, name)
        body = doc(fn, indent + "    ")
        line = f"{indent}def {name}{params(fn, is_method)} -> Any:"
        if name == "__ipow__":
            # The runtime slot takes no modulo, unlike `__pow__`; mypy calls that incompatible.
            line += "  # type: ignore[misc]"
        return line + ("\n" + body + indent + "    ...\n" if body else " ...\n")

    def emit_class(self, name, cls):
        bases = [b for b in cls.__bases__ if b is not object]
        decorators = ""
        if not cls.__flags__ & (1 << 10):  # Py_TPFLAGS_BASETYPE: cannot be subclassed
            decorators += "@final\n"
        elif cls.__base__ is object:
            # Its own instance layout: Python cannot combine it with another such base.
            decorators += "@disjoint_base\n"
        base_names = [b.__name__ for b in bases]
        node = self.overlay.classes.get(name)
        if node is not None and node.bases:  # e.g. a Generic[...] base the runtime lacks
            base_names = [ast.unparse(b) for b in node.bases]
        head = f"class {name}({', '.join(base_names)}):" if base_names else f"class {name}:"
        out = [decorators + head + "\n"]
        d = doc(cls, "    ")
        if d:
            out.append(d)
        typed = self.overlay.members.get(name, {})
        for attr in typed:
            if attr != "__new__" and not hasattr(cls, attr) and (name, attr) not in STUB_ONLY_MEMBERS:
                print(f"overlay: {name}.{attr} is not in oxarray._core (dropped)")
        runtime = {
            a: v
            for a, v in vars(cls).items()
            if a not in SKIP_MEMBERS and not a.startswith("__pyo3") and not isinstance(v, staticmethod)
        }
        members = 0
        stub_only = {a for a in typed if (name, a) in STUB_ONLY_MEMBERS}
        for attr in sorted(set(runtime) | stub_only | {a for a in typed if a != "__new__" and hasattr(cls, a)}):
            val = runtime.get(attr, getattr(cls, attr, None))
            if attr in typed:
                out.append(self.typed(typed[attr], val if callable(val) else None, "    "))
                members += 1
            elif inspect.isgetsetdescriptor(val) or inspect.ismemberdescriptor(val):
                self.note_untyped(f"{name}.{attr}", attr)
                out.append(f"    @property\n    def {attr}(self) -> Any: ...\n")
                if attr in {"shape", "dtype", "real", "imag", "writeable"}:
                    out.append(f"    @{attr}.setter\n    def {attr}(self, value: Any) -> None: ...\n")
                members += 1
            elif callable(val):
                out.append(self.emit_function(attr, val, "    ", is_method=True, owner=name))
                members += 1
        if "__new__" in typed:
            out.append(self.typed(typed["__new__"], None, "    "))
            members += 1
        elif "__new__" in vars(cls) and getattr(cls, "__text_signature__", None):
            self.note_untyped(f"{name}.__new__", "__new__")
            sig = params(cls, False)
            if not sig.startswith("(cls"):  # a `#[classmethod]` `#[new]` already names it
                sig = "(cls" + (", " + sig[1:] if sig != "()" else ")")
            out.append(f"    def __new__{sig} -> Self: ...\n")
            members += 1
        if not members and not d:
            out.append("    ...\n")
        return "".join(out)

    def ufunc_type(self, uf) -> str:
        """The stub-only ufunc class for this ufunc's arity (its ``__call__`` overloads)."""
        kind = "_GUFunc" if uf.signature else "_UFunc"
        name = f"{kind}_Nin{uf.nin}_Nout{uf.nout}"
        return name if name in self.overlay.helper_classes else "ufunc"

    def render(self) -> str:
        lines = [
            # Narrowing overloads (a scalar for scalar arguments, then an array for any
            # array-like) overlap by design, as in NumPy's stubs: the first match wins.
            '# mypy: disable-error-code="overload-overlap"\n'
            '"""Type stubs for the extension module ``oxarray._core``.\n\n'
            "Generated by tools/gen_stubs.py from the live module and the typed overlay\n"
            'tools/core_types.pyi: edit the overlay, not this file."""\n\n',
        ]
        lines += [h if h.endswith("\n") else h + "\n" for h in self.overlay.header]
        lines.append("\n")
        if hasattr(core, "__all__"):
            lines.append(f"__all__ = {sorted(core.__all__)!r}\n\n")
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
            lines.append(self.emit_class(n, c) + "\n")
        for n, f in sorted(functions):
            lines.append(self.emit_function(n, f) + "\n")
        for n in sorted(ufuncs):
            lines.append(self.overlay.variables.get(n) or f"{n}: {self.ufunc_type(getattr(core, n))}\n")
        if hasattr(core, "_ufunc_names"):
            lines.append("_ufunc_names: tuple[str, ...]\n")
        return "".join(lines).rstrip() + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    gen = Generator(Overlay(OVERLAY))
    text = gen.render()
    any_count = sum(line.count("Any") for line in text.splitlines() if not line.lstrip().startswith(("#", "from", "import")))
    print(f"{len(gen.untyped_private)} private names untyped (Any)")
    if gen.untyped:
        print(f"UNTYPED public names (add them to {OVERLAY.relative_to(ROOT)}):")
        for n in gen.untyped:
            print(f"  {n}")
    if check:
        ok = True
        if gen.untyped:
            ok = False
        if OUT.read_text() != text:
            print(f"{OUT.relative_to(ROOT)} is stale: run .venv/bin/python tools/gen_stubs.py")
            ok = False
        return 0 if ok else 1
    OUT.write_text(text)
    print(f"wrote {OUT} ({any_count} uses of Any)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
