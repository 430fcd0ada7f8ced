"""Count the public definitions of oxarray that a type checker sees as ``Any``.

The public surface is what a user imports: every public name of ``oxarray``,
``oxarray.linalg``, ``oxarray.fft``, ``oxarray.random``, ``oxarray.polynomial`` and
``oxarray.exceptions`` (their ``__all__``, or the names without a leading underscore), and
the members of the public classes (methods, properties, ``__new__``/``__init__`` and the
other dunders the class defines). Each object is counted once, whatever its aliases.

A definition's signature is read where a type checker reads it:

* names of the extension module ``oxarray._core`` (and the stub-only ufunc classes the
  ufunc objects are typed with): ``python/oxarray/_core.pyi``, every overload;
* pure-Python functions and classes: their annotations in the source (``ast``).

A definition is **Any-typed** when, in any of its overloads, the return or a parameter
(other than ``self``/``cls``) has no annotation or is annotated exactly ``Any`` (``*args:
Any`` and ``**kwargs: Any`` included). ``Any`` nested in a type (``tuple[Any, ...]``,
``ArrayLike``'s own ``_NestedSequence[Any]``) does not count: it is how NumPy spells "an
object of any type here" and the checker still sees the outer type. Overloaded definitions
whose overloads are all precise but the last, which only returns ``Any`` (NumPy's pattern
for a result the checker cannot tell: a reduction over given axes is a scalar or an array),
are counted apart ("Any fallback", at least two precise overloads before it), not as
Any-typed.

Usage::

    .venv/bin/python tools/count_any.py            # the counts
    .venv/bin/python tools/count_any.py -v         # and every Any-typed definition, why
    .venv/bin/python tools/count_any.py --max N    # fail when more than N (make lint)

``make lint`` passes ``--max`` with today's count, so the number can only go down.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pathlib
import sys
from collections.abc import Iterator
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parent.parent
STUB = ROOT / "python" / "oxarray" / "_core.pyi"
MODULES = ["oxarray", "oxarray.linalg", "oxarray.fft", "oxarray.random", "oxarray.polynomial", "oxarray.exceptions"]

Def = ast.FunctionDef | ast.AsyncFunctionDef


def is_public(name: str) -> bool:
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__"))


def is_any(node: ast.expr | None) -> bool:
    """No annotation, or exactly ``Any`` (bare, ``typing.Any``, or the string ``"Any"``)."""
    if node is None:
        return True
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return False
    if isinstance(node, ast.Name):
        return node.id == "Any"
    if isinstance(node, ast.Attribute):
        return node.attr == "Any"
    return False


def any_reasons(fn: Def, is_method: bool) -> list[str]:
    """The parts of one signature typed Any (empty: fully typed)."""
    out = []
    a = fn.args
    params = a.posonlyargs + a.args
    if is_method and params and not any(
        isinstance(d, ast.Name) and d.id == "staticmethod" for d in fn.decorator_list
    ):
        params = params[1:]  # self / cls
    for p in params + a.kwonlyargs:
        if is_any(p.annotation):
            out.append(p.arg)
    if a.vararg is not None and is_any(a.vararg.annotation):
        out.append("*" + a.vararg.arg)
    if a.kwarg is not None and is_any(a.kwarg.annotation):
        out.append("**" + a.kwarg.arg)
    is_setter = any(isinstance(d, ast.Attribute) and d.attr in ("setter", "deleter") for d in fn.decorator_list)
    if fn.name not in ("__init__", "__init_subclass__") and not is_setter and is_any(fn.returns):
        out.append("return")
    return out


class Source:
    """Top-level and class-level definitions of one file, by qualified name."""

    _cache: dict[pathlib.Path, Source] = {}

    def __init__(self, path: pathlib.Path) -> None:
        self.defs: dict[str, list[Def]] = {}
        self.classes: dict[str, ast.ClassDef] = {}
        self._walk(ast.parse(path.read_text()).body, "")

    def _walk(self, body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.defs.setdefault(prefix + node.name, []).append(node)
            elif isinstance(node, ast.ClassDef):
                self.classes[prefix + node.name] = node
                self._walk(node.body, prefix + node.name + ".")
            elif isinstance(node, ast.If):  # `if TYPE_CHECKING:` / version branches
                self._walk(node.body, prefix)
                self._walk(node.orelse, prefix)

    @classmethod
    def of(cls, path: pathlib.Path) -> Source:
        if path not in cls._cache:
            cls._cache[path] = Source(path)
        return cls._cache[path]


class Counter:
    def __init__(self) -> None:
        self.stub = Source.of(STUB)
        self.seen: set[int] = set()
        self.total = 0
        self.any: list[tuple[str, list[str]]] = []
        self.missing: list[str] = []  # a public name whose definition was not found
        self.fallback: list[str] = []  # precise overloads and an Any fallback
        self.seen_ufunc_types: set[str] = set()
        self.ufunc_annotations = {
            node.target.id: ast.unparse(node.annotation)
            for node in ast.parse(STUB.read_text()).body
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
        }

    def record(self, label: str, defs: list[Def], is_method: bool) -> None:
        self.total += 1
        overloads = [d for d in defs if any(ast.unparse(x).endswith("overload") for x in d.decorator_list)]
        if overloads:
            defs = overloads  # a type checker never reads the implementation's signature
        per = [any_reasons(d, is_method) for d in defs]
        if len(per) > 2 and not any(per[:-2]) and not per[-2] and per[-1] == ["return"]:
            # Precise overloads, then a last one returning Any for what the checker cannot
            # tell (a reduction over given axes: a scalar or an array), as NumPy's stubs.
            self.fallback.append(label)
            return
        reasons: list[str] = []
        for r in per:
            reasons += [x for x in r if x not in reasons]
        if reasons:
            self.any.append((label, reasons))

    def source_of(self, obj: Any) -> tuple[Source, str] | None:
        mod = getattr(obj, "__module__", None)
        qual = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
        import oxarray._core as core

        if mod == "oxarray._core" or getattr(core, str(qual), None) is obj:
            return self.stub, str(qual)
        try:
            path = inspect.getsourcefile(inspect.unwrap(obj))
        except TypeError:
            return None
        if path is None or qual is None:
            return None
        return Source.of(pathlib.Path(path)), qual

    def function(self, label: str, obj: Any) -> None:
        found = self.source_of(obj)
        if found is None or found[1] not in found[0].defs:
            self.missing.append(label)
            return
        src, qual = found
        self.record(label, src.defs[qual], is_method="." in qual)

    def klass(self, label: str, cls: type) -> None:
        found = self.source_of(cls)
        if found is None or found[1] not in found[0].classes:
            self.missing.append(label)
            return
        src, qual = found
        names = [n for n in src.defs if n.startswith(qual + ".") and n.count(".") == qual.count(".") + 1]
        for full in names:
            member = full.rsplit(".", 1)[1]
            if is_public(member) and member not in ("__repr__", "__str__", "__hash__"):
                self.record(f"{label}.{member}", src.defs[full], is_method=True)

    def ufunc(self, label: str, obj: Any) -> None:
        """A ufunc object: typed by its annotation in the stub (a stub-only class by
        arity, whose members are counted once)."""
        ann = self.ufunc_annotations.get(obj.__name__)
        if ann is None:
            self.total += 1
            self.any.append((label, ["no annotation"]))
        elif ann not in self.seen_ufunc_types:
            self.seen_ufunc_types.add(ann)
            self.klass_from_stub(ann)

    def klass_from_stub(self, name: str) -> None:
        for full, defs in self.stub.defs.items():
            if full.startswith(name + ".") and full.count(".") == 1:
                member = full.split(".")[1]
                if is_public(member) and member not in ("__repr__", "__str__", "__hash__"):
                    self.record(f"{name}.{member}", defs, is_method=True)

    def run(self) -> None:
        import oxarray._core as core

        for modname in MODULES:
            mod = importlib.import_module(modname)
            names = getattr(mod, "__all__", None) or [n for n in vars(mod) if not n.startswith("_")]
            for name in sorted(names):
                obj = getattr(mod, name)
                if inspect.ismodule(obj) or id(obj) in self.seen:
                    continue
                label = f"{modname}.{name}"
                if isinstance(obj, core.ufunc):
                    self.ufunc(label, obj)
                    continue
                if not (inspect.isclass(obj) or callable(obj)):
                    continue  # constants (pi, newaxis, ...): their type is inferred
                self.seen.add(id(obj))
                if inspect.isclass(obj):
                    self.klass(label, obj)
                else:
                    self.function(label, obj)


def main(argv: list[str]) -> int:
    c = Counter()
    c.run()
    print(f"{len(c.any)} of {c.total} public definitions typed Any (tools/count_any.py)")
    print(f"{len(c.fallback)} more have precise overloads and a last one returning Any")
    if c.missing:
        print(f"{len(c.missing)} public names without a definition found: {', '.join(c.missing)}")
    if "-v" in argv:
        for label, reasons in c.any:
            print(f"  {label}: {', '.join(reasons)}")
        for label in c.fallback:
            print(f"  {label}: Any fallback overload")
    if "--max" in argv:
        limit = int(argv[argv.index("--max") + 1])
        if len(c.any) + len(c.missing) > limit:
            print(f"more than {limit}: type them (tools/core_types.pyi, or the module's annotations)")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
