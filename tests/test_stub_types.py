"""The return types written in the stubs hold at run time.

``mypy.stubtest`` checks the stubs' signatures against the module, not their return types.
Here the annotations are read from ``python/oxarray/_core.pyi`` with ``ast`` and checked
with ``isinstance`` against what the functions really return:

* every property and every method that needs no argument, of arrays, scalars, dtypes,
  flags and ufuncs, on a sample of values (the non-overloaded annotation must hold);
* every ``assert_type(expr, T)`` of the typing test folder (``tests/typing``, which
  ``mypy --strict`` checks against the stubs): the same expression evaluated at run time
  must be a ``T``, so a stub annotation that type-checks but is wrong fails here.
"""

from __future__ import annotations

import ast
import builtins
import collections.abc
import importlib
import pathlib
import types
import warnings
from collections.abc import Callable
from typing import Any

import pytest

import oxarray as ox
import oxarray._core as core

ROOT = pathlib.Path(__file__).resolve().parent.parent
STUB = ROOT / "python" / "oxarray" / "_core.pyi"
TYPING_DIR = ROOT / "tests" / "typing"

Check = Callable[[Any], bool]
ANY: Check = lambda v: True  # noqa: E731


def _stub() -> ast.Module:
    return ast.parse(STUB.read_text())


def _aliases(tree: ast.Module) -> dict[str, ast.expr]:
    out = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            out[node.target.id] = node.value
    return out


class Resolver:
    """Turns an annotation (an ``ast`` expression) into a run-time check."""

    def __init__(self, names: dict[str, Any], aliases: dict[str, ast.expr], owner: type | None = None) -> None:
        self.names = names
        self.aliases = aliases
        self.owner = owner

    def name(self, dotted: str) -> Any:
        head, _, rest = dotted.partition(".")
        if head == "builtins":
            return getattr(builtins, rest)
        if head in self.names:
            obj = self.names[head]
            for part in rest.split(".") if rest else []:
                obj = getattr(obj, part)
            return obj
        if hasattr(builtins, dotted):
            return getattr(builtins, dotted)
        raise KeyError(dotted)

    def check(self, node: ast.expr) -> Check:
        if isinstance(node, ast.Constant) and node.value is None:
            return lambda v: v is None
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return self.check(ast.parse(node.value, mode="eval").body)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            left, right = self.check(node.left), self.check(node.right)
            return lambda v: left(v) or right(v)
        if isinstance(node, (ast.Name, ast.Attribute)):
            dotted = ast.unparse(node)
            if dotted in ("Any", "object"):
                return ANY
            if dotted == "NoReturn":
                return lambda v: False
            if dotted == "Self":
                owner = self.owner
                return lambda v: owner is not None and isinstance(v, owner)
            if dotted == "CapsuleType":
                return lambda v: type(v).__name__ == "PyCapsule"
            if dotted in self.aliases:
                return self.check(self.aliases[dotted])
            if dotted in ("ModuleType",):
                return lambda v: isinstance(v, types.ModuleType)
            typ = self.name(dotted)
            return lambda v: isinstance(v, typ)
        if isinstance(node, ast.Subscript):
            base = ast.unparse(node.value)
            args = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            if base == "tuple":
                if len(args) == 2 and isinstance(args[1], ast.Constant) and args[1].value is Ellipsis:
                    item = self.check(args[0])
                    return lambda v: isinstance(v, tuple) and all(item(x) for x in v)
                items = [self.check(a) for a in args]
                return lambda v: isinstance(v, tuple) and len(v) == len(items) and all(c(x) for c, x in zip(items, v))
            if base == "list":
                item = self.check(args[0])
                return lambda v: isinstance(v, list) and all(item(x) for x in v)
            if base == "dict":
                key, val = self.check(args[0]), self.check(args[1])
                return lambda v: isinstance(v, dict) and all(key(k) and val(x) for k, x in v.items())
            if base in ("type", "builtins.type"):
                inner = args[0]
                if ast.unparse(inner) == "Any":
                    return lambda v: isinstance(v, type)
                typ = self.name(ast.unparse(inner))
                return lambda v: isinstance(v, type) and issubclass(v, typ)
            if base == "Iterator":
                return lambda v: isinstance(v, collections.abc.Iterator)
            if base == "Literal":
                values = [a.value for a in args if isinstance(a, ast.Constant)]
                return lambda v: v in values
        raise NotImplementedError(ast.unparse(node))


def _class_defs(tree: ast.Module) -> dict[str, ast.ClassDef]:
    return {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}


def _members(cls: ast.ClassDef) -> dict[str, list[ast.FunctionDef]]:
    out: dict[str, list[ast.FunctionDef]] = {}
    for item in cls.body:
        if isinstance(item, ast.FunctionDef):
            out.setdefault(item.name, []).append(item)
    return out


def _is(fn: ast.FunctionDef, decorator: str) -> bool:
    return any(ast.unparse(d).endswith(decorator) for d in fn.decorator_list)


def _required(fn: ast.FunctionDef) -> int:
    a = fn.args
    positional = a.posonlyargs + a.args
    required = len(positional) - len(a.defaults)
    kw_required = sum(1 for d in a.kw_defaults if d is None)
    return required - 1 + kw_required  # without self


# Methods not called here: they write files, mutate shared state, or need a real argument.
SKIP = {
    "dump", "tofile", "flush", "__iter__", "__class_getitem__", "_replace_loop", "resize",
    "__reduce_ex__", "__dlpack__", "__setstate__", "__array__", "__index__", "__int__",
    "__float__", "__complex__", "__delitem__", "__hash__",
}


def _samples() -> list[tuple[str, Any]]:
    a = ox.arange(6.0).reshape(2, 3)
    return [
        ("ndarray", a),
        ("ndarray", ox.arange(4, dtype=ox.int32)),
        ("ndarray", ox.array([1 + 2j, 3j])),
        ("ndarray", ox.array(True)),
        ("dtype", ox.dtype("float32")),
        ("dtype", ox.dtype(ox.int64)),
        ("flagsobj", a.flags),
        ("ufunc", ox.add),
        ("ufunc", ox.sin),
        ("ufunc", ox.matmul),
        ("generic", ox.float64(1.5)),
        ("generic", ox.int8(-3)),
        ("generic", ox.uint16(7)),
        ("generic", ox.bool(True)),
        ("generic", ox.complex64(1 - 2j)),
        ("generic", ox.float16(0.5)),
    ]


def _owner_chain(tree: ast.Module, value: Any) -> list[ast.ClassDef]:
    """The stub classes of ``type(value)`` and its bases (most derived first)."""
    classes = _class_defs(tree)
    return [classes[c.__name__] for c in type(value).__mro__ if c.__module__.startswith("oxarray") and c.__name__ in classes]


def test_properties_and_argless_methods_return_their_annotated_type() -> None:
    tree = _stub()
    aliases = _aliases(tree)
    names = dict(vars(core))
    for node in tree.body:  # classes the stub imports from the package (flatiter, ...)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("oxarray"):
            module = importlib.import_module(node.module or "")
            names.update({alias.asname or alias.name: getattr(module, alias.name) for alias in node.names})
    checked = 0
    failures = []
    for _, value in _samples():
        seen: set[str] = set()
        for cls in _owner_chain(tree, value):
            resolver = Resolver(names, aliases, owner=type(value))
            for name, defs in _members(cls).items():
                if name in seen or name in SKIP:
                    continue
                seen.add(name)
                getters = [d for d in defs if _is(d, "property")]
                if getters:
                    fn = getters[0]
                    try:
                        result = getattr(value, name)
                    except ValueError:
                        continue  # `mT` of a 1-d array: the raise is the contract
                else:
                    if any(_is(d, "overload") for d in defs) or len(defs) != 1 or _required(defs[0]) > 0:
                        continue
                    fn = defs[0]
                    if name.startswith("__") and name not in ("__copy__", "__len__", "__repr__", "__str__", "__bool__", "__abs__", "__neg__", "__pos__", "__invert__", "__dlpack_device__", "__array_namespace__", "__reduce__"):
                        continue
                    target = value.copy() if name in ("sort", "partition", "fill") and hasattr(value, "copy") else value
                    try:
                        with warnings.catch_warnings():
                            warnings.simplefilter("ignore", RuntimeWarning)  # -uint16(7) wraps
                            result = getattr(target, name)()
                    except (TypeError, ValueError):
                        continue  # e.g. len() of a 0-d array, ~ of a float: the raise is the contract
                assert fn.returns is not None
                check = resolver.check(fn.returns)
                checked += 1
                if not check(result):
                    failures.append(f"{type(value).__name__}.{name} -> {ast.unparse(fn.returns)}, got {type(result).__name__}")
    assert not failures, failures
    assert checked > 150


def _assert_type_calls(path: pathlib.Path) -> list[tuple[ast.Call, ast.FunctionDef]]:
    tree = ast.parse(path.read_text())
    found = []
    for fn in tree.body:
        if isinstance(fn, ast.FunctionDef):
            for node in ast.walk(fn):
                if isinstance(node, ast.Call) and ast.unparse(node.func) == "assert_type":
                    found.append((node, fn))
    return found


class _Recorder(ast.NodeTransformer):
    """``assert_type(e, T)`` -> ``_check_type(e, index)``."""

    def __init__(self) -> None:
        self.types: list[ast.expr] = []

    def visit_Call(self, node: ast.Call) -> Any:
        self.generic_visit(node)
        if ast.unparse(node.func) == "assert_type":
            self.types.append(node.args[1])
            return ast.Call(
                func=ast.Name("_check_type", ast.Load()),
                args=[node.args[0], ast.Constant(len(self.types) - 1)],
                keywords=[],
            )
        return node


USER_CODE = sorted(p for p in TYPING_DIR.glob("*.py") if "\ndef main(" in p.read_text())


@pytest.mark.parametrize("path", USER_CODE, ids=lambda p: p.name)
def test_assert_type_holds_at_run_time(path: pathlib.Path) -> None:
    source = ast.parse(path.read_text())
    recorder = _Recorder()
    source = ast.fix_missing_locations(recorder.visit(source))
    namespace: dict[str, Any] = {"__name__": "typing_user_code"}
    results: dict[int, Any] = {}

    def _check_type(value: Any, index: int) -> Any:
        results[index] = value
        return value

    namespace["_check_type"] = _check_type
    exec(compile(source, str(path), "exec"), namespace)  # noqa: S102 - our own test file
    namespace["main"]()
    assert len(results) == len(recorder.types), "every assert_type ran"
    failures = []
    for i, typ in enumerate(recorder.types):
        resolver = Resolver(namespace, {})
        if not resolver.check(typ)(results[i]):
            failures.append(f"{path.name}: assert_type(..., {ast.unparse(typ)}) got {type(results[i]).__name__}")
    assert not failures, failures
    assert len(recorder.types) > 50
