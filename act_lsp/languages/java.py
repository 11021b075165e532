"""Java as a source language: declarations read from the tree-sitter tree, an io driver that prints each planned
call's outcome, the sandbox recipe, and the shape of the unit tests a model writes in Java."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from act_lsp import syntax
from act_lsp.languages.base import Language, Reading, Recipe, Seeding, TestScaffold
from act_lsp.program import (
    KEY_KINDS,
    Param,
    Scenario,
    Signature,
    Step,
    VType,
    c_scalar,
    error_closure,
    generic,
    set_items,
    with_default_constructors,
)
from act_lsp.syntax import keywords, text
from act_lsp.syntax import name as name_of

if TYPE_CHECKING:
    from tree_sitter import Node

GRAMMAR = "tree_sitter_java"

# Java's collection types. The io driver builds its arguments as ArrayList / HashSet / HashMap, which a parameter
# of the ARGUMENT_ kinds accepts; a target's type map reads the whole families.
LISTS = {"List", "ArrayList", "LinkedList", "Collection", "Iterable", "Deque", "ArrayDeque", "Queue", "Stack",
         "Vector"}
MAPS = {"Map", "HashMap", "TreeMap", "LinkedHashMap"}
SETS = {"Set", "HashSet", "TreeSet", "LinkedHashSet"}
ARGUMENT_LISTS = {"List", "ArrayList", "Collection", "Iterable"}
ARGUMENT_MAPS = {"Map", "HashMap"}
ARGUMENT_SETS = {"Set", "HashSet"}
_SCALARS = {"int": "int", "Integer": "int", "long": "int", "Long": "int", "short": "int", "Short": "int",
            "byte": "int", "Byte": "int", "double": "float", "Double": "float", "float": "float", "Float": "float",
            "boolean": "bool", "Boolean": "bool", "String": "str", "char": "char", "Character": "char"}


# --- reading (tree-sitter) ----------------------------------------------------------------------------
_TYPE_DECLARATIONS = {"class_declaration", "record_declaration", "enum_declaration", "interface_declaration"}
_BODIES = {"class_body", "enum_body", "enum_body_declarations", "interface_body", "ERROR"}
_ERROR_BASE = re.compile(r"\w*(?:Exception|Error|Throwable)")


def _types(root: Node) -> list[Node]:
    """Named type declarations, nested ones too, in source order (not local or anonymous classes in bodies)."""
    out = []

    def visit(node: Node) -> None:
        for child in node.children:
            if child.type in _TYPE_DECLARATIONS:
                out.append(child)
                visit(child.child_by_field_name("body") or child)
            elif child.type in _BODIES:
                visit(child)

    visit(root)
    return out


def _members(node: Node) -> list[Node]:
    """The declarations directly in a type's body (an enum's after its constants)."""
    body = node.child_by_field_name("body") if node.type in _TYPE_DECLARATIONS else node
    if body is None:
        return []
    out = []
    for child in body.children:
        out.extend(_members(child) if child.type in ("enum_body_declarations", "ERROR") else [child])
    return out


def _fields_of(node: Node, *, static: bool) -> list[Param]:
    """Fields declared in a type's body, each declarator its own (``int a, b;`` gives two)."""
    out = []
    for member in _members(node):
        if member.type != "field_declaration" or ("static" in keywords(member, "modifiers")) != static:
            continue
        ftype = text(member.child_by_field_name("type"))
        for declarator in member.children_by_field_name("declarator"):
            dims = declarator.child_by_field_name("dimensions")
            out.append(Param(ftype + (text(dims).replace(" ", "") if dims else ""),
                             text(declarator.child_by_field_name("name"))))
    return out


def exception_classes(source: str) -> set[str]:
    """Classes that only model an error (they extend an exception, directly or through another one here): Go
    returns ``error`` values instead."""
    bases = {}
    for decl in _types(syntax.tree(GRAMMAR, source)):
        base = decl.child_by_field_name("superclass")
        if decl.type == "class_declaration" and base is not None:
            bases[name_of(decl)] = text(base.named_children[0]).split("<")[0].split(".")[-1]
    return error_closure(bases, lambda base: bool(_ERROR_BASE.fullmatch(base)))


def fields(source: str) -> dict[str, list[Param]]:
    """Instance fields per class, in declaration order (the target struct's fields)."""
    out = {}
    for decl in _types(syntax.tree(GRAMMAR, source)):
        fields = _fields_of(decl, static=False) if decl.type == "class_declaration" else []
        if fields:
            out[name_of(decl)] = fields
    return out


def static_data(source: str) -> list[str]:
    """Names of static fields (constants, tables, counters): what no method of a Go translation declares."""
    return [f.name for decl in _types(syntax.tree(GRAMMAR, source)) for f in _fields_of(decl, static=True)]


def _params(node: Node) -> tuple[Param, ...]:
    params = []
    for p in node.named_children:
        if p.type == "formal_parameter":
            dims = p.child_by_field_name("dimensions")
            params.append(Param(text(p.child_by_field_name("type")) + (text(dims).replace(" ", "") if dims else ""),
                                text(p.child_by_field_name("name"))))
        elif p.type == "spread_parameter":  # String... rest
            ptype = next(c for c in p.named_children if c.type not in ("modifiers", "variable_declarator"))
            declarator = next(c for c in p.named_children if c.type == "variable_declarator")
            params.append(Param(text(ptype) + "...", name_of(declarator)))
    return tuple(params)


def signatures(source: str) -> list[Signature]:
    """Methods and constructors; members of classes with state carry their class (``owner``)."""
    root = syntax.tree(GRAMMAR, source)
    types = _types(root)
    stateful = {name_of(t) for t in types if _fields_of(t, static=False)}
    errors = exception_classes(source)
    found: list[tuple[int, Signature]] = []
    for scope, members in [(None, _members(root))] + [(name_of(t), _members(t)) for t in types]:
        for m in members:
            constructor = m.type == "constructor_declaration"
            if not (constructor or m.type == "method_declaration") or m.child_by_field_name("body") is None:
                continue
            name, mods = name_of(m), keywords(m, "modifiers")
            if name == "main" or scope in errors:
                continue
            instance = "static" not in mods and scope is not None and (scope in stateful or constructor)
            returns = "" if constructor else text(m.child_by_field_name("type"))
            found.append((m.start_byte, Signature(
                name, _params(m.child_by_field_name("parameters")), returns, owner=scope if instance else None,
                constructor=constructor, throws=any(c.type == "throws" for c in m.children), scope=scope,
                private="private" in mods, static="static" in mods, source=text(m),
                calls=frozenset(_calls(m)),
                raises=any(syntax.descendants(m, "throw_statement")))))
    state = {name_of(t): "\n".join(text(f) for f in _members(t)
                                    if f.type == "field_declaration" and "static" not in keywords(f, "modifiers"))
             for t in types}
    return with_default_constructors([sig for _, sig in sorted(found, key=lambda f: f[0])], state)


# --- the io driver --------------------------------------------------------------------------------------
def vtype(t: str) -> VType | None:
    t = re.sub(r"\b(final|@\w+)\s+", "", t.strip())
    if t.endswith("[]"):
        inner = vtype(t[:-2])
        return VType("array", (inner,), t) if inner and inner.kind not in ("array", "list", "set", "map") else None
    base, args = generic(t)
    base = base.split(".")[-1]
    if base in _SCALARS and not args:
        return VType(_SCALARS[base], (), base)
    inner = tuple(vtype(a) for a in args)
    if any(i is None for i in inner):
        return None
    kind = {**dict.fromkeys(ARGUMENT_LISTS, "list"), **dict.fromkeys(ARGUMENT_MAPS, "map"),
            **dict.fromkeys(ARGUMENT_SETS, "set")}.get(base)
    if kind and len(inner) == (2 if kind == "map" else 1) and (kind == "list" or inner[0].kind in KEY_KINDS):
        return VType(kind, inner, t)  # type: ignore[arg-type]
    return None


def _string(s: str) -> str:
    return json.dumps(s)


def literal(vt: VType, v: Any) -> str:
    if vt.kind == "int":
        sp = vt.spelling
        return f"{v}L" if sp in ("long", "Long") else f"({sp.lower() if sp in ('Short', 'Byte') else sp}) {v}" \
            if sp in ("short", "byte", "Short", "Byte") else str(v)
    if vt.kind == "float":
        return f"{v!r}f" if vt.spelling in ("float", "Float") else repr(float(v))
    scalar = c_scalar(vt, v, _string)
    if scalar is not None:
        return scalar
    if vt.kind == "array":
        return f"new {vt.spelling[:-2]}[]{{{', '.join(literal(vt.args[0], x) for x in v)}}}"
    if vt.kind == "list":
        return f"actList({', '.join(literal(vt.args[0], x) for x in v)})"
    if vt.kind == "set":
        return f"actSet({', '.join(literal(vt.args[0], x) for x in set_items(v))})"
    if vt.kind == "map":
        return f"actMap({', '.join(literal(vt.args[0], k) + ', ' + literal(vt.args[1], x) for k, x in v)})"
    raise ValueError(vt.kind)


_HELPERS = r"""
    interface ActStep { Object run() throws Throwable; }
    static String actQ(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
    static String actShow(Object o) {
        if (o == null) return "null";
        if (o instanceof CharSequence || o instanceof Character) return actQ(o.toString());
        if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            if (Double.isNaN(d)) return "NaN";
            return Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : Double.toString(d);
        }
        if (o instanceof Number || o instanceof Boolean) return o.toString();
        StringBuilder b = new StringBuilder("[");
        if (o instanceof java.util.Map) {
            for (java.util.Map.Entry<?, ?> e : ((java.util.Map<?, ?>) o).entrySet()) {
                if (b.length() > 1) b.append(',');
                b.append('[').append(actShow(e.getKey())).append(',').append(actShow(e.getValue())).append(']');
            }
        } else if (o instanceof Iterable) {
            for (Object x : (Iterable<?>) o) { if (b.length() > 1) b.append(','); b.append(actShow(x)); }
        } else if (o.getClass().isArray()) {
            for (int i = 0; i < java.lang.reflect.Array.getLength(o); i++) {
                if (i > 0) b.append(',');
                b.append(actShow(java.lang.reflect.Array.get(o, i)));
            }
        } else return actQ(o.toString());
        return b.append(']').toString();
    }
    static void actEmit(int s, ActStep f) {
        String line;
        try { line = "{\"s\":" + s + ",\"ok\":" + actShow(f.run()) + "}"; }
        catch (Throwable e) { line = "{\"s\":" + s + ",\"throws\":" + actQ(e.getClass().getSimpleName()) + "}"; }
        System.out.println(line);
    }
    @SafeVarargs static <T> java.util.ArrayList<T> actList(T... xs) {
        return new java.util.ArrayList<>(java.util.Arrays.asList(xs));
    }
    @SafeVarargs static <T> java.util.HashSet<T> actSet(T... xs) {
        return new java.util.HashSet<>(java.util.Arrays.asList(xs));
    }
    @SuppressWarnings("unchecked") static <K, V> java.util.HashMap<K, V> actMap(Object... kv) {
        java.util.HashMap<K, V> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((K) kv[i], (V) kv[i + 1]);
        return m;
    }
"""


def _call(step: Step, args: str) -> str:
    sig = step.sig
    if sig.constructor:
        return f"o[0] = new {sig.owner}({args})"
    if sig.owner:
        return f"o[0].{sig.name}({args})"
    return f"{sig.scope}.{sig.name}({args})" if sig.static or not sig.scope else f"new {sig.scope}().{sig.name}({args})"


def driver(scenarios: Sequence[Scenario]) -> str:
    body = []
    for i, sc in enumerate(scenarios):
        body.append(f"        {{ final {sc.owner or 'Object'}[] o = new {sc.owner or 'Object'}[1];")
        for step in sc.steps:
            args = ", ".join(literal(vtype(p.type), a) for p, a in zip(step.sig.params, step.args,  # type: ignore[arg-type]
                                                                                   strict=True))
            call = _call(step, args)
            void = step.sig.constructor or step.sig.returns in ("", "void")
            body.append(f"            actEmit({i}, () -> {{ {call}; return null; }});" if void
                        else f"            actEmit({i}, () -> {call});")
        body.append(f'            System.out.println("{{\\"end\\":{i}}}"); }}')
    return ("public class Main {" + _HELPERS + "    public static void main(String[] args) {\n"
            + "\n".join(body) + "\n    }\n}\n")


_PACKAGE = re.compile(r"^\s*package\s+[\w.]+\s*;", re.M)
_PUBLIC_TYPE = re.compile(
    r"^public\s+(?=(?:(?:final|abstract|sealed|strictfp)\s+)*(?:class|interface|enum|record)\b)", re.M)


def standalone(code: str) -> str:
    """A user's file as the sandbox compiles it (one Main.java in the default package): without its package line,
    and its top-level public types package-private (``public class Calc`` must otherwise live in Calc.java)."""
    return _PUBLIC_TYPE.sub("", _PACKAGE.sub("", code, count=1))


# --- seeds: a class's methods that need no object become functions of their own ---------------------------
_MODIFIERS_DROPPED = {"public", "private", "protected", "static", "final", "synchronized", "abstract"}


def _class_fields(body: Node) -> set[str]:
    return {text(d.child_by_field_name("name")) for decl in body.children if decl.type == "field_declaration"
            for d in syntax.descendants(decl, "variable_declarator")}


def _calls(block: Node) -> set[str]:
    """Methods called without an object or on ``this`` (siblings in the same class)."""
    return {text(call.child_by_field_name("name")) for call in syntax.descendants(block, "method_invocation")
            if (target := call.child_by_field_name("object")) is None or target.type == "this"}


def _as_free(method: Node, data: bytes) -> str:
    """The method's text without its access and storage modifiers."""
    out, at = [], method.start_byte
    for child in method.children:
        if child.type == "modifiers":
            words = [w for w in text(child).split() if w not in _MODIFIERS_DROPPED]
            out.append(data[at:child.start_byte].decode() + " ".join(words))
            at = child.end_byte
    out.append(data[at:method.end_byte].decode())
    return "".join(out).strip()


_TESTS = TestScaffold(
    prefix="public class Main {\n    static void check(boolean ok, String what) {\n"
           "        if (!ok) throw new AssertionError(what);\n    }\n\n    public static void main(String[] args) {\n",
    style="call check(condition, \"what is checked\") for every expectation", close="    }\n}\n",
    reporting=lambda tests: tests.replace(
        "        if (!ok) throw new AssertionError(what);",
        '        if (!ok) System.err.println("ACT_FAIL " + new Throwable().getStackTrace()[1].getLineNumber());', 1),
    failed_line=re.compile(r"ACT_FAIL (\d+)|at Main\.main\(Main\.java:(\d+)\)|Main\.java:(\d+): error"))


# Sandbox: Java is started with settings that favour many short runs over peak throughput.
_JVM = ("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto")

LANGUAGE = Language(
    name="java", display="Java", language_ids=("java",), suffixes=(".java",), fence="java", file_case="pascal",
    recipes=(
        Recipe(name="java", language="java", main_file="Main.java",
               compile=("javac", "-J-XX:+UseSerialGC", "-J-XX:TieredStopAtLevel=1",
                        "-J-XX:SharedArchiveFile=/opt/act/javac.jsa", "-encoding", "UTF-8",
                        "-d", ".", "Main.java"),
               run=("java", *_JVM, "-cp", ".", "Main"),
               description="javac + java Main (a Java test is a Main whose main() throws on failure)"),
    ),
    packages=("openjdk-17-jdk-headless",),
    compile_recipe="java", test_recipe="java", grammar=GRAMMAR,
    reading=Reading(
        signatures=signatures, fields=fields, static_data=static_data, errors=exception_classes, vtype=vtype,
        driver=driver, standalone=standalone,
        harness="public class Main { public static void main(String[] args) { } }",
        has_main=re.compile(r"static\s+void\s+main\s*\("),
        tests=_TESTS,
        seeding=Seeding(units=frozenset({"class_declaration", "record_declaration", "enum_declaration"}),
                        preamble=frozenset({"import_declaration"}), method="method_declaration",
                        fields=_class_fields, calls=_calls, as_free=_as_free,
                        program=lambda owner, free: f"class {owner} {{\n    static {free}\n}}"),
        program_rules="Self-contained Java without a main method and without I/O, using only java.util. Prefer a "
                      "class with private fields, a constructor and methods, or static methods. Parameters and "
                      "results: int, long, double, boolean, char, String, arrays, List, Map or Set of those.",
    ),
)
