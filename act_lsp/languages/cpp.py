"""C++ as a source language: declarations read from the tree-sitter tree (classes, structs, free functions), an io
driver that runs each scenario in a forked child with library assertions on, the sandbox recipe (with the
image's precompiled ``<bits/stdc++.h>``), and the shape of the unit tests a model writes in C++."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from act_lsp import syntax
from act_lsp.languages.base import Language, Reading, Recipe, Seeding, TestScaffold
from act_lsp.program import (
    KEY_KINDS,
    Param,
    Scenario,
    Signature,
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

GRAMMAR = "tree_sitter_cpp"


# --- reading (tree-sitter) ----------------------------------------------------------------------------
_CLASSES = {"class_specifier", "struct_specifier"}
_ERROR_BASE = re.compile(r"\w*(?:exception|error)")
_WRAPPERS = {"pointer_declarator", "reference_declarator", "array_declarator"}


@dataclass(frozen=True)
class _Class:
    node: Node
    name: str
    body: Node  # field_declaration_list

    @property
    def default_private(self) -> bool:
        return self.node.type == "class_specifier"


def _class(node: Node) -> _Class | None:
    """A class or struct with a body (a forward declaration or an elaborated type is not one)."""
    body = node.child_by_field_name("body") if node.type in _CLASSES else None
    return _Class(node, name_of(node), body) if body is not None else None


def _walk(root: Node) -> Iterator[tuple[Node, _Class | None]]:
    """Every node outside function bodies, with the class it is declared in."""
    stack: list[tuple[Node, _Class | None]] = [(root, None)]
    while stack:
        node, cls = stack.pop()
        yield node, cls
        if node.type != "compound_statement":
            cls = _class(node) or cls
            stack.extend((c, cls) for c in reversed(node.children))


def _classes(root: Node) -> list[_Class]:
    return [c for n, _ in _walk(root) if (c := _class(n)) is not None and c.name]


def _unwrap(declarator: Node | None) -> tuple[Node | None, str]:
    """The declared name's node under pointer/reference/array declarators, and the marks (``*``, ``&``) met."""
    marks = ""
    while declarator is not None and declarator.type in _WRAPPERS:
        if declarator.type != "array_declarator":
            marks += text(declarator.children[0])
        declarator = declarator.child_by_field_name("declarator") or (
            declarator.named_children[-1] if declarator.named_children else None)
    return declarator, marks


def _type(node: Node) -> str:
    """A declaration's type as written, ``const`` kept (``mutable``, ``static``, ``inline`` are not types)."""
    const = "const " if "const" in keywords(node, "type_qualifier") else ""
    found = node.child_by_field_name("type")
    return const + text(found) if found is not None else ""


def _data_members(cls: _Class, *, static: bool) -> list[Param]:
    out = []
    for member in cls.body.children:
        if member.type != "field_declaration" or ("static" in keywords(member, "storage_class_specifier")) != static:
            continue
        for declarator in member.children_by_field_name("declarator"):
            name, marks = _unwrap(declarator)
            if name is not None and name.type == "field_identifier":
                out.append(Param(_type(member) + marks, text(name)))
    return out


def exception_classes(source: str) -> set[str]:
    """Classes and structs that derive from an exception type (std::runtime_error, ...), directly or not."""
    bases = {}
    for cls in _classes(syntax.tree(GRAMMAR, source)):
        clause = next((c for c in cls.node.children if c.type == "base_class_clause"), None)
        if clause is not None:
            bases[cls.name] = [text(b).split("<")[0].split("::")[-1] for b in clause.named_children
                               if b.type != "access_specifier"]
    return error_closure(bases, lambda base: bool(_ERROR_BASE.fullmatch(base)))


def fields(source: str) -> dict[str, list[Param]]:
    """Data members per class/struct (``size_t head = 0, count = 0;`` gives two), static ones left out."""
    out = {}
    for cls in _classes(syntax.tree(GRAMMAR, source)):
        fields = _data_members(cls, static=False)
        if fields:
            out[cls.name] = fields
    return out


def static_data(source: str) -> list[str]:
    """Names of constants (``const``/``constexpr`` with a value, at any level) and of macros with a value."""
    out = []
    stack = [syntax.tree(GRAMMAR, source)]
    while stack:
        node = stack.pop()
        stack.extend(reversed(node.children))
        if node.type == "preproc_def" and node.child_by_field_name("value") is not None:
            out.append(name_of(node))
        elif node.type in ("declaration", "field_declaration") and \
                keywords(node, "type_qualifier") & {"const", "constexpr"}:
            for declarator in node.children_by_field_name("declarator"):
                has_value = declarator.type == "init_declarator" or node.child_by_field_name("default_value")
                name, _ = _unwrap(declarator.child_by_field_name("declarator")
                                  if declarator.type == "init_declarator" else declarator)
                if has_value and name is not None and name.type in ("identifier", "field_identifier"):
                    out.append(text(name))
    return out


def _params(node: Node) -> tuple[Param, ...]:
    params = []
    for p in node.named_children:
        if p.type in ("parameter_declaration", "optional_parameter_declaration"):
            name, marks = _unwrap(p.child_by_field_name("declarator"))
            if name is not None and name.type == "identifier":
                params.append(Param(_type(p) + marks, text(name)))
    return tuple(params)


def _private(cls: _Class, node: Node) -> bool:
    """Access at ``node`` inside a class body: the last label before it, else the class/struct default."""
    labels = [text(c) for c in cls.body.children if c.type == "access_specifier" and c.start_byte < node.start_byte]
    return labels[-1] != "public" if labels else cls.default_private


def signatures(source: str) -> list[Signature]:
    """Free functions, and methods of classes with fields (owner set; ``returns`` "" for a constructor)."""
    root = syntax.tree(GRAMMAR, source)
    errors = exception_classes(source)
    stateful = {c.name for c in _classes(root) if _data_members(c, static=False)}
    sigs = []
    for node, cls in _walk(root):
        if node.type != "function_definition":
            continue
        function, marks = _unwrap(node.child_by_field_name("declarator"))
        if function is None or function.type != "function_declarator":
            continue
        name_node = function.child_by_field_name("declarator")
        if name_node.type not in ("identifier", "field_identifier"):  # operators, destructors, Class::method
            continue
        name, returns = text(name_node), _type(node)
        returns = returns + marks if returns else ""
        static = "static" in keywords(node, "storage_class_specifier")
        constructor = not returns and cls is not None and name == cls.name
        if (not returns and not constructor) or name == "main":
            continue
        owner = cls.name if cls and cls.name in stateful and not static else None
        if (cls and cls.name in errors) or (constructor and owner is None):  # error types; fieldless classes
            continue
        sigs.append(Signature(name, _params(function.child_by_field_name("parameters")), returns, owner=owner,
                              constructor=constructor, readonly="const" in keywords(function, "type_qualifier"),
                              scope=cls.name if cls else None, private=bool(cls) and _private(cls, node),
                              static=static, source=text(node), calls=frozenset(_calls(node)),
                              raises=any(syntax.descendants(node, "throw_statement"))))
    return with_default_constructors(sigs, {c.name: _state(c) for c in _classes(root)})


def _state(cls: _Class) -> str:
    """A class's data member declarations, as written (with the values they start with); static ones left out."""
    return "\n".join(text(m) for m in cls.body.children
                     if m.type == "field_declaration" and "static" not in keywords(m, "storage_class_specifier")
                     and (d := m.child_by_field_name("declarator")) is not None and d.type != "function_declarator")


# --- the io driver --------------------------------------------------------------------------------------
_SCALARS = {"int": "int", "long": "int", "long long": "int", "short": "int", "int64_t": "int", "int32_t": "int",
                "unsigned": "uint", "unsigned int": "uint", "unsigned long": "uint", "unsigned long long": "uint",
                "size_t": "uint", "uint64_t": "uint", "uint32_t": "uint", "double": "float", "float": "float",
                "bool": "bool", "char": "char", "string": "str", "std::string": "str"}
_KINDS = {"vector": "list", "map": "map", "unordered_map": "map", "set": "set", "unordered_set": "set",
              "pair": "pair"}


def vtype(t: str) -> VType | None:
    t = re.sub(r"\s+", " ", t.replace("const ", "").replace(" const", "")).strip().rstrip("&").strip()
    if "*" in t:
        return None
    if t in _SCALARS:
        return VType(_SCALARS[t], (), t)
    base, args = generic(t)
    kind = _KINDS.get(base.removeprefix("std::"))
    inner = tuple(vtype(a) for a in args)
    if kind is None or any(i is None for i in inner) or len(inner) != (1 if kind in ("list", "set") else 2):
        return None
    if kind in ("map", "set") and inner[0].kind not in KEY_KINDS:  # type: ignore[union-attr]
        return None
    return VType(kind, inner, t)  # type: ignore[arg-type]


def _string(s: str) -> str:
    return "std::string(" + json.dumps(s).replace("\\u00", "\\x") + ")"


def literal(vt: VType, v: Any) -> str:
    if vt.kind in ("int", "uint"):
        return str(v)
    if vt.kind == "float":
        return repr(float(v))
    scalar = c_scalar(vt, v, _string)
    if scalar is not None:
        return scalar
    if vt.kind == "list":
        return f"{vt.spelling}{{{', '.join(literal(vt.args[0], x) for x in v)}}}"
    if vt.kind == "set":
        return f"{vt.spelling}{{{', '.join(literal(vt.args[0], x) for x in set_items(v))}}}"
    if vt.kind == "map":
        inner = ", ".join(f"{{{literal(vt.args[0], k)}, {literal(vt.args[1], x)}}}" for k, x in v)
        return f"{vt.spelling}{{{inner}}}"
    if vt.kind == "pair":
        return f"{vt.spelling}{{{literal(vt.args[0], v[0])}, {literal(vt.args[1], v[1])}}}"
    raise ValueError(vt.kind)


_PRELUDE = "#define _GLIBCXX_ASSERTIONS 1\n"  # bounds-checked operator[]: UB ends the scenario instead
_HELPERS = r"""
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>
#include <sys/wait.h>
#include <unistd.h>
namespace act_io {
inline std::string q(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') { out += '\\'; out += (char) c; }
        else if (c < 0x20) { char buf[8]; std::snprintf(buf, sizeof buf, "\\u%04x", c); out += buf; }
        else out += (char) c;
    }
    return out + "\"";
}
inline std::string show(bool b) { return b ? "true" : "false"; }
inline std::string show(char c) { return q(std::string(1, c)); }
inline std::string show(const std::string& s) { return q(s); }
inline std::string show(const char* s) { return q(s); }
template <class T> typename std::enable_if<std::is_integral<T>::value, std::string>::type show(T v) {
    return std::to_string(v);
}
template <class T> typename std::enable_if<std::is_floating_point<T>::value, std::string>::type show(T v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
    std::ostringstream o; o.precision(17); o << v; return o.str();
}
template <class A, class B> std::string show(const std::pair<A, B>& p);
template <class T> std::string show(const std::vector<T>& v);
template <class T> std::string show(const std::set<T>& v);
template <class T> std::string show(const std::unordered_set<T>& v);
template <class K, class V> std::string show(const std::map<K, V>& m);
template <class K, class V> std::string show(const std::unordered_map<K, V>& m);
template <class C> std::string seq(const C& c) {
    std::string out = "["; bool first = true;
    for (const auto& x : c) { if (!first) out += ","; first = false; out += show(x); }
    return out + "]";
}
template <class A, class B> std::string show(const std::pair<A, B>& p) {
    return "[" + show(p.first) + "," + show(p.second) + "]";
}
template <class T> std::string show(const std::vector<T>& v) { return seq(v); }
template <class T> std::string show(const std::set<T>& v) { return seq(v); }
template <class T> std::string show(const std::unordered_set<T>& v) { return seq(v); }
template <class K, class V> std::string show(const std::map<K, V>& m) { return seq(m); }
template <class K, class V> std::string show(const std::unordered_map<K, V>& m) { return seq(m); }
template <class F> void emit(int s, F f) {
    std::string line;
    try {
        if constexpr (std::is_void<decltype(f())>::value) { f(); line = "null"; }
        else line = show(f());
        line = "{\"s\":" + std::to_string(s) + ",\"ok\":" + line + "}";
    } catch (...) {
        line = "{\"s\":" + std::to_string(s) + ",\"throws\":\"exception\"}";
    }
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
}
template <class F> void scenario(int s, F body) {
    std::fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) { body(); std::printf("{\"end\":%d}\n", s); std::fflush(stdout); _exit(0); }
    int status = 0;
    waitpid(pid, &status, 0);
}
}  // namespace act_io
"""


def driver(scenarios: Sequence[Scenario]) -> str:
    body = []
    for i, sc in enumerate(scenarios):
        body.append(f"    act_io::scenario({i}, [] {{")
        if sc.owner:
            body.append(f"        std::unique_ptr<{sc.owner}> o;")
        for step in sc.steps:
            sig = step.sig
            decls = "".join(f"auto a{j} = {literal(vtype(p.type), a)}; "  # type: ignore[arg-type]
                            for j, (p, a) in enumerate(zip(sig.params, step.args, strict=True)))
            args = ", ".join(f"a{j}" for j in range(len(sig.params)))
            if sig.constructor:
                call = f"o.reset(new {sig.owner}({args}))"
            elif sig.owner:
                call = f"return o->{sig.name}({args})"
            elif sig.scope:
                call = f"return {sig.scope}::{sig.name}({args})" if sig.static else \
                    f"return {sig.scope}().{sig.name}({args})"
            else:
                call = f"return {sig.name}({args})"
            body.append(f"        act_io::emit({i}, [&] {{ {decls}{call}; }});")
        body.append("    });")
    return _HELPERS + "int main() {\n" + "\n".join(body) + "\n    return 0;\n}\n"


# Source tests that report every failing check by line (ACT_FAIL n) instead of aborting at the first assert.
_REPORTING = ('#include <cstdio>\n#define ACT_CHECK(c) ((c) ? (void)0 : (void)std::fprintf(stderr, "ACT_FAIL %d\\n", '
              "__LINE__))\n")
_ASSERT = re.compile(r"(?<![\w.])assert\s*\(")


# --- seeds: a class's methods that need no object become free functions ------------------------------------
_MODIFIERS_DROPPED = {"static", "virtual", "inline", "explicit"}


def _class_fields(body: Node) -> set[str]:
    """Data members (not member function declarations)."""
    return {text(d) for decl in body.children if decl.type == "field_declaration"
            and not any(True for _ in syntax.descendants(decl, "function_declarator"))
            for d in syntax.descendants(decl, "field_identifier")}


def _calls(block: Node) -> set[str]:
    """Functions called by a plain name or on ``this`` (possibly siblings in the same class)."""
    return {text(fn) for call in syntax.descendants(block, "call_expression")
            if (fn := _own(call.child_by_field_name("function"))) is not None and fn.type in ("identifier",
                                                                                            "field_identifier")}


def _own(callee: Node | None) -> Node | None:
    """``this->f`` names ``f``; any other object's method is not one of ours."""
    if callee is not None and callee.type == "field_expression":
        target = callee.child_by_field_name("argument")
        return callee.child_by_field_name("field") if target is not None and target.type == "this" else None
    return callee


def _as_free(method: Node, data: bytes) -> str:
    """The method's text without its storage specifiers and trailing const/override, one level less indented."""
    drop = [(c.start_byte, c.end_byte) for c in method.children
            if c.type in ("storage_class_specifier", "virtual", "function_specifier") and text(c) in _MODIFIERS_DROPPED]
    decl = method.child_by_field_name("declarator")
    for child in decl.children if decl is not None else ():
        if child.type in ("type_qualifier", "virtual_specifier"):  # with the space before it
            drop.append((child.prev_sibling.end_byte if child.prev_sibling else child.start_byte, child.end_byte))
    out, at = [], method.start_byte
    for start, end in sorted(drop):
        out.append(data[at:start].decode())
        at = end
    out.append(data[at:method.end_byte].decode())
    col = method.start_point[1]
    return "\n".join(line[col:] if line[:col].isspace() else line for line in "".join(out).strip().split("\n"))


# The image's precompiled <bits/stdc++.h> (sandbox/Dockerfile); its flags must match this recipe's.
_PCH = ("-I", "/opt/act/pch")

LANGUAGE = Language(
    name="cpp", display="C++", language_ids=("cpp", "c++", "cuda-cpp"),
    suffixes=(".cpp", ".cc", ".cxx", ".hpp", ".hh", ".h"), fence="cpp", file_case="keep",
    recipes=(
        Recipe(name="cpp", language="cpp", main_file="main.cpp",
               compile=("g++", "-std=c++17", "-O1", *_PCH, "-o", "prog", "main.cpp"), run=("./prog",),
               description="g++ -std=c++17 (a C++ test is a main() with assert)"),
    ),
    packages=("g++",),
    compile_recipe="cpp", test_recipe="cpp", grammar=GRAMMAR,
    reading=Reading(
        signatures=signatures, fields=fields, static_data=static_data, errors=exception_classes, vtype=vtype,
        driver=driver, prelude=_PRELUDE, harness="int main() { return 0; }",
        has_main=re.compile(r"\bint\s+main\s*\("),
        tests=TestScaffold(
            prefix="#include <cassert>\n\nint main() {\n", style="use assert for every expectation",
            close="    return 0;\n}\n",
            reporting=lambda tests: _ASSERT.sub("ACT_CHECK(", tests.replace("#include <cassert>\n\n", _REPORTING, 1)),
            failed_line=re.compile(r"ACT_FAIL (\d+)|main\.cpp:(\d+):\d+: error")),
        seeding=Seeding(units=frozenset({"function_definition", "class_specifier", "struct_specifier"}),
                        preamble=frozenset({"preproc_include", "using_declaration"}),
                        descend=frozenset({"namespace_definition", "declaration_list", "declaration"}),
                        method="function_definition", fields=_class_fields, calls=_calls, as_free=_as_free,
                        program=lambda _owner, free: free, declarations=frozenset(_CLASSES)),
        program_rules="Self-contained C++17 without a main function and without I/O, using only the standard "
                      "library. Prefer a class with private fields, a constructor and public methods, or free "
                      "functions. Parameters and results: int, long, double, bool, char, std::string, std::vector, "
                      "std::map or std::set of those.",
    ),
)
