"""Python as a source language: declarations read with the standard library's ``ast`` (type hints give the value
types: a function without them gets no io tests), an io driver appended to the program that prints each planned
call's outcome, and the sandbox recipe (the image's python3)."""

from __future__ import annotations

import ast
import json
import math
import re
from collections.abc import Sequence
from typing import Any

from act_lsp.languages.base import Language, Reading, Recipe, TestScaffold
from act_lsp.program import (
    KEY_KINDS,
    Param,
    Scenario,
    Signature,
    Step,
    VType,
    error_closure,
    set_items,
    split_top,
    with_default_constructors,
)

_ERROR_BASE = re.compile(r"\w*(?:Exception|Error)")
_SCALARS = {"int": "int", "float": "float", "bool": "bool", "str": "str"}
_KINDS = {"list": "list", "List": "list", "Sequence": "list", "Iterable": "list", "dict": "map", "Dict": "map",
          "Mapping": "map", "set": "set", "Set": "set", "frozenset": "set", "FrozenSet": "set", "tuple": "pair",
          "Tuple": "pair"}


# --- reading (ast) ------------------------------------------------------------------------------------
def _module(source: str) -> ast.Module:
    try:
        return ast.parse(source)
    except SyntaxError:
        return ast.Module(body=[], type_ignores=[])


def _annotation(node: ast.expr | None) -> str:
    return ast.unparse(node) if node is not None else ""


def _decorators(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    return {ast.unparse(d) for d in fn.decorator_list}


def _classes(tree: ast.Module) -> list[ast.ClassDef]:
    return [node for node in tree.body if isinstance(node, ast.ClassDef)]


def exception_classes(source: str) -> set[str]:
    """Classes that derive from an exception, directly or through another class of the file."""
    bases = {cls.name: [ast.unparse(b).split(".")[-1] for b in cls.bases] for cls in _classes(_module(source))}
    return error_closure(bases, lambda base: bool(_ERROR_BASE.fullmatch(base)))


def _fields_of(cls: ast.ClassDef) -> list[Param]:
    """``self.x`` assigned in ``__init__``, in order (the type from an annotation, else "")."""
    init = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
    out: dict[str, str] = {}
    for node in ast.walk(init) if init else ():
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
            if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
                out.setdefault(target.attr, _annotation(node.annotation) if isinstance(node, ast.AnnAssign) else "")
    return [Param(ftype, name) for name, ftype in out.items()]


def fields(source: str) -> dict[str, list[Param]]:
    return {cls.name: found for cls in _classes(_module(source)) if (found := _fields_of(cls))}


def static_data(source: str) -> list[str]:
    """Module constants and class attributes (``LIMIT = 10``): what no method of a translation declares."""
    out, tree = [], _module(source)
    for node in [*tree.body, *(n for c in _classes(tree) for n in c.body)]:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
            if isinstance(node, ast.AnnAssign) and node.value is not None else []
        out += [t.id for t in targets if isinstance(t, ast.Name)]
    return out


def _params(fn: ast.FunctionDef | ast.AsyncFunctionDef, *, method: bool) -> tuple[Param, ...]:
    args = fn.args.posonlyargs + fn.args.args
    return tuple(Param(_annotation(a.annotation), a.arg) for a in (args[1:] if method else args))


def _returns(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    returns = _annotation(fn.returns)
    return "" if returns == "None" else returns or "?"  # "?": a result with no stated type (not tested)


def signatures(source: str) -> list[Signature]:
    """Functions, and methods of classes; a class with ``self`` state owns its methods (``owner``)."""
    tree = _module(source)
    errors = exception_classes(source)
    sigs = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name != "main":
            sigs.append(Signature(node.name, _params(node, method=False), _returns(node),
                                  private=node.name.startswith("_")))
        elif isinstance(node, ast.ClassDef) and node.name not in errors:
            stateful = bool(_fields_of(node))
            for fn in node.body:
                if not isinstance(fn, ast.FunctionDef) or "classmethod" in _decorators(fn):
                    continue
                static = "staticmethod" in _decorators(fn)
                constructor = fn.name == "__init__"
                if fn.name.startswith("__") and not constructor:
                    continue
                owner = node.name if (stateful or constructor) and not static else None
                if constructor and owner is None:
                    continue
                sigs.append(Signature(fn.name, _params(fn, method=not static), "" if constructor else _returns(fn),
                                      owner=owner, constructor=constructor, scope=node.name,
                                      private=fn.name.startswith("_") and not constructor, static=static))
    return with_default_constructors(sigs)


_GENERIC = re.compile(r"(?:typing\.)?(\w+)\s*\[(.*)\]", re.S)


def hint(t: str) -> tuple[str, list[str]]:
    """A type hint's name and its arguments' spellings: ``dict[str, list[int]]`` → ``("dict", ["str",
    "list[int]"])``; a plain name has none. Both this module's io planner and a target's type map read it."""
    t = t.strip()
    m = _GENERIC.fullmatch(t)
    return (m.group(1), split_top(m.group(2))) if m else (t, [])


def vtype(t: str) -> VType | None:
    """A type hint as a value type: int, float, bool, str and list/dict/set/tuple of them."""
    name, args = hint(t)
    if not args:
        return VType(_SCALARS[name], (), name) if name in _SCALARS else None
    kind = _KINDS.get(name)
    if kind is None:
        return None
    inner = tuple(vtype(a) for a in args)
    if any(i is None for i in inner) or len(inner) != (1 if kind in ("list", "set") else 2):
        return None
    if kind in ("map", "set") and inner[0].kind not in KEY_KINDS:  # type: ignore[union-attr]
        return None
    return VType(kind, inner, t.strip())  # type: ignore[arg-type]


# --- the io driver --------------------------------------------------------------------------------------
def literal(vt: VType, v: Any) -> str:
    if vt.kind == "bool":
        return "True" if v else "False"
    if vt.kind == "float":
        f = float(v)
        return f"float({str(f)!r})" if math.isnan(f) or math.isinf(f) else repr(f)
    if vt.kind in ("int", "uint"):
        return str(v)
    if vt.kind == "str":
        return json.dumps(v)
    if vt.kind == "list":
        return f"[{', '.join(literal(vt.args[0], x) for x in v)}]"
    if vt.kind == "set":
        items = ", ".join(literal(vt.args[0], x) for x in set_items(v))
        return f"{{{items}}}" if items else "set()"
    if vt.kind == "map":
        return "{" + ", ".join(f"{literal(vt.args[0], k)}: {literal(vt.args[1], x)}" for k, x in v) + "}"
    if vt.kind == "pair":
        return f"({literal(vt.args[0], v[0])}, {literal(vt.args[1], v[1])})"
    raise ValueError(vt.kind)


_HELPERS = '''

import json as _act_json


def _act_show(o):
    if o is None or isinstance(o, (bool, int, float, str)):
        return o
    if isinstance(o, dict):
        return [[_act_show(k), _act_show(v)] for k, v in o.items()]
    if isinstance(o, (list, tuple, set, frozenset)):
        return [_act_show(x) for x in o]
    return str(o)


def _act_emit(s, f):
    try:
        line = {"s": s, "ok": _act_show(f())}
    except Exception as e:
        line = {"s": s, "throws": type(e).__name__}
    print(_act_json.dumps(line), flush=True)

'''


def _call(step: Step) -> str:
    sig = step.sig
    args = ", ".join(literal(vtype(p.type), a) for p, a in zip(sig.params, step.args, strict=True))  # type: ignore[arg-type]
    if sig.constructor:
        return f"_act_o.__setitem__(0, {sig.owner}({args}))"
    if sig.owner:
        return f"_act_o[0].{sig.name}({args})"
    if sig.scope:
        return f"{sig.scope}.{sig.name}({args})" if sig.static else f"{sig.scope}().{sig.name}({args})"
    return f"{sig.name}({args})"


def driver(scenarios: Sequence[Scenario]) -> str:
    body = []
    for i, sc in enumerate(scenarios):
        body.append("_act_o = [None]")
        body += [f"_act_emit({i}, lambda: {_call(step)})" for step in sc.steps]
        body.append(f'print(\'{{"end": {i}}}\', flush=True)')
    return _HELPERS + "\n".join(body) + "\n"


_MAIN_GUARD = re.compile(r"^if\s+__name__\s*==\s*['\"]__main__['\"]\s*:", re.M)


def standalone(code: str) -> str:
    """The program as the oracle runs it: its own ``__main__`` block (a demo, reading input) is not run."""
    return _MAIN_GUARD.sub("if False:  # ACT: the program's entry point is not run", code)


_RUN = ("python3", "-I", "-S", "-B", "main.py")  # isolated: no user site, no .pyc files in the job

LANGUAGE = Language(
    name="python", display="Python", language_ids=("python",), suffixes=(".py",), fence="python",
    file_case="snake",
    recipes=(
        Recipe(name="python", language="python", main_file="main.py", run=_RUN,
               description="python3 main.py (a Python test is code after the program that raises on failure)"),
        Recipe(name="python_check", language="python", main_file="main.py",
               compile=("python3", "-I", "-B", "-c", "import ast, sys; ast.parse(open('main.py').read())"),
               run=("true",), description="syntax check only"),
    ),
    packages=("python3",),
    compile_recipe="python_check", test_recipe="python",
    reading=Reading(
        signatures=signatures, fields=fields, static_data=static_data, errors=exception_classes, vtype=vtype,
        driver=driver, standalone=standalone, harness="", has_main=_MAIN_GUARD,
        tests=TestScaffold(prefix="\n\ndef check(ok, what):\n    if not ok:\n        raise AssertionError(what)\n\n\n",
                           style="call check(condition, \"what is checked\") for every expectation"),
    ),
)
