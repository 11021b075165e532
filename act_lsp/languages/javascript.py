"""JavaScript as a target language (Node.js in the sandbox): signatures written from a Python source's (camelCase
names, a class with ``constructor``), the io tests as a script appended to the translation that compares results
structurally (an array, a Set, a Map or a plain object for a dict), what small models get wrong (ES module
``export``s a plain script cannot run) fixed, and the sandbox recipes."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from act_lsp.languages import python
from act_lsp.languages.base import Language, Recipe, TestScaffold, TypeMap, Writing, balance_braces
from act_lsp.program import Outcome, Param, Scenario, Signature, float_literal, set_items, split_top


# --- types: how a Python type hint is spelled in JavaScript (JSDoc) -------------------------------------
def from_python(t: str, *, param: bool = False) -> str:
    """``list[int]`` → ``number[]``, ``dict[str, int]`` → ``Object<string, number>`` (a plain object: what a JS
    translation of a string-keyed dict uses), ``dict[int, str]`` → ``Map<number, string>``; "" when unknown."""
    name, hinted = python.hint(t)
    if not hinted:
        return {"int": "number", "float": "number", "bool": "boolean", "str": "string", "None": "null"}.get(name, "")
    base, args = name.lower(), [from_python(a) for a in hinted]
    if base in ("list", "sequence", "iterable") and len(args) == 1:
        return f"{args[0] or '*'}[]"
    if base in ("set", "frozenset") and len(args) == 1:
        return f"Set<{args[0]}>"
    if base in ("dict", "mapping") and len(args) == 2:
        return f"{'Object' if args[0] == 'string' else 'Map'}<{args[0]}, {args[1]}>"
    if base == "tuple":
        return f"[{', '.join(args)}]"
    return ""


def camel(name: str) -> str:
    """``word_count`` → ``wordCount`` (a leading underscore kept: ``_helper``)."""
    head, *rest = name.lstrip("_").split("_")
    return name[: len(name) - len(name.lstrip("_"))] + head + "".join(w[:1].upper() + w[1:] for w in rest)


# --- signatures and declarations ------------------------------------------------------------------------
def signature(sig: Signature, types: TypeMap) -> str:
    params = ", ".join(camel(p.name) for p in sig.params)
    if sig.constructor:
        return f"constructor({params})"
    return f"{camel(sig.name)}({params})" if sig.owner else f"function {camel(sig.name)}({params})"


def type_scaffold(owner: str, fields: list[Param], first: str, types: TypeMap) -> str:
    return f"class {owner} {{\n  {first} {{\n"


def error_type(name: str) -> str:
    return f"class {name} extends Error {{}}\n\n"


# --- io tests: a script after the translation -----------------------------------------------------------
def literal(jstype: str, v: Any) -> str:
    jstype = jstype.strip()
    if jstype.endswith("[]"):
        return f"[{', '.join(literal(jstype[:-2], x) for x in v)}]"
    if jstype.startswith("[") and jstype.endswith("]"):
        return "[" + ", ".join(literal(t, x) for t, x in zip(split_top(jstype[1:-1]), v, strict=True)) + "]"
    if jstype.startswith("Set<"):
        return f"new Set([{', '.join(literal(jstype[4:-1], x) for x in set_items(v))}])"
    if jstype.startswith(("Object<", "Map<")):
        key, val = split_top(jstype[jstype.index("<") + 1:-1])
        if jstype.startswith("Object<"):
            return "{" + ", ".join(f"{json.dumps(str(k))}: {literal(val, x)}" for k, x in v) + "}"
        return f"new Map([{', '.join(f'[{literal(key, k)}, {literal(val, x)}]' for k, x in v)}])"
    if jstype == "string":
        return json.dumps(v)
    if jstype == "boolean":
        return "true" if v else "false"
    if jstype == "number" and isinstance(v, float):
        return float_literal(v, "NaN", "Infinity", "-Infinity")
    return json.dumps(v)


_TEST_HELPERS = r"""
// ACT io tests: the source program's recorded outcomes.
const actFailures = [];
function actEq(got, want) {
  if (typeof want === "number") {
    return typeof got === "number" && (got === want || Math.abs(got - want) <= 1e-6 * Math.max(1, Math.abs(want))
      || (Number.isNaN(got) && Number.isNaN(want)));
  }
  if (want instanceof Set) {
    const items = got instanceof Set ? [...got] : Array.isArray(got) ? got : null;
    return items !== null && new Set(items).size === want.size
      && [...want].every((w) => items.some((g) => actEq(g, w)));
  }
  if (want instanceof Map || (want !== null && typeof want === "object" && !Array.isArray(want))) {
    const wants = want instanceof Map ? [...want] : Object.entries(want);
    const gots = got instanceof Map ? [...got] : got !== null && typeof got === "object" && !Array.isArray(got)
      ? Object.entries(got) : null;
    return gots !== null && gots.length === wants.length
      && wants.every(([k, w]) => gots.some(([gk, g]) => String(gk) === String(k) && actEq(g, w)));
  }
  if (Array.isArray(want)) {
    return Array.isArray(got) && got.length === want.length && want.every((w, i) => actEq(got[i], w));
  }
  return got === want;
}
function actShow(v) {
  if (v instanceof Set) return `Set(${actShow([...v])})`;
  if (v instanceof Map) return `Map(${actShow([...v])})`;
  try { return JSON.stringify(v); } catch (e) { return String(v); }
}
function actCheck(call, f, want, throws, value) {
  let got, threw = null;
  try { got = f(); } catch (e) { threw = e; }
  if (throws) {
    if (threw === null) actFailures.push(`${call}: expected an exception`);
  } else if (threw !== null) {
    const name = threw && threw.name ? threw.name : "exception";
    actFailures.push(`${call}: unexpected ${name}: ${threw && threw.message}`);
  } else if (value && !actEq(got, want)) {
    actFailures.push(`${call} = ${actShow(got)}, want ${actShow(want)}`);
  }
  return threw === null;
}
"""


def io_tests(scenarios: Sequence[Scenario], outcomes: Sequence[Sequence[Outcome]], types: TypeMap) -> str:
    lines = [_TEST_HELPERS]
    for sc, outs in zip(scenarios, outcomes, strict=True):
        lines.append("{\n  let o;")
        for step, out in zip(sc.steps, outs, strict=True):
            sig = step.sig
            args = ", ".join(literal(types(p.type), a) for p, a in zip(sig.params, step.args, strict=True))
            value = not sig.constructor and bool(sig.returns) and not out.throws
            if sig.constructor:
                call, body = f"new {sig.owner}({args})", f"o = new {sig.owner}({args})"
            else:
                call = f"o.{camel(sig.name)}({args})" if sig.owner else f"{camel(sig.name)}({args})"
                body = call
            want = literal(types(sig.returns), out.value) if value else "undefined"
            lines.append(f"  actCheck({json.dumps(call)}, () => {body}, {want}, {str(out.throws).lower()}, "
                         f"{str(value).lower()});")
            if sig.constructor and out.throws:
                break
        lines.append("}")
    lines.append('if (actFailures.length) {\n  console.error(actFailures.join("\\n"));\n  process.exit(1);\n}')
    return "\n".join(lines) + "\n"


# --- tidy: what small models get wrong ------------------------------------------------------------------
_EXPORT = re.compile(r"^export\s+(?:default\s+)?(?=(?:async\s+)?(?:function|class|const|let|var)\b)", re.M)
_EXPORT_LIST = re.compile(r"^(?:export\s*\{[^}]*\};?|module\.exports\s*=.*;?)[ \t]*\n?", re.M)


def tidy(code: str) -> str:
    """Braces balanced; ES module ``export``s (a plain script cannot run them) and ``module.exports`` dropped."""
    return _EXPORT_LIST.sub("", _EXPORT.sub("", balance_braces(code)))


# --- reading a failed run -------------------------------------------------------------------------------
_FAILED_CHECK = re.compile(r"^(.+ = .+, want .+|.+: (?:expected an exception|unexpected .+))$", re.M)


def differences(output: str) -> list[str]:
    return [m.group(1).strip() for m in _FAILED_CHECK.finditer(output)]


def compile_kind(output: str) -> str:
    m = re.search(r"\b(SyntaxError|ReferenceError|TypeError)\b", output)
    return m.group(1) if m else "other"


_NODE = ("node", "--stack-size=4000", "main.js")

LANGUAGE = Language(
    name="javascript", display="JavaScript", language_ids=("javascript", "javascriptreact"),
    suffixes=(".js", ".mjs", ".cjs"), fence="javascript", file_case="snake",
    recipes=(
        Recipe(name="javascript", language="javascript", main_file="main.js", run=_NODE,
               description="node main.js (the io tests are appended to the file)"),
        Recipe(name="javascript_check", language="javascript", main_file="main.js",
               compile=("node", "--check", "main.js"), run=("true",), description="syntax check only"),
    ),
    packages=("nodejs",),
    compile_recipe="javascript_check", test_recipe="javascript",
    writing=Writing(
        preamble="", types={"python": from_python}, signature=signature, type_scaffold=type_scaffold,
        error_type=error_type, methods_in_impl=True, body_indent="  ", member_block="class {owner} {{\n",
        declarations=("", ("function ", "class "), "\n\n"), io_tests=io_tests, tidy=tidy,
        tests=TestScaffold(prefix='const assert = require("assert");\n\n', style="use assert.deepStrictEqual"),
        compiler_errors=re.compile(r"main\.js:(?P<line>\d+)(?P<col>)\n(?:.*\n){0,4}?(?P<msg>\w*Error: .+)"),
        definition=r"^\s*(?:function\s+{name}\b|(?:static\s+)?{name}\s*\()",
        differences=differences, compile_kind=compile_kind,
        panic=re.compile(r"^(?:RangeError|TypeError|ReferenceError): ", re.M),
    ),
)
