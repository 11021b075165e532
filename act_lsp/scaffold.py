"""Derive the target scaffold (package line, imports, first signature) from source code.

Measured with the default model on the first 40 bench tasks: a prompt that only *describes* the target
signature passed 0/40 Java→Go, while an answer that *starts* with the scaffold passed 13/40. In the
editor nobody gives us the signature, so we derive it: Java method → exported Go func with mapped types,
C++ function → Rust fn. The model completes the body and writes whatever else the source has.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from act_lsp import syntax

if TYPE_CHECKING:
    from tree_sitter import Node


@dataclass(frozen=True)
class Param:
    type: str
    name: str


@dataclass(frozen=True)
class Signature:
    name: str
    params: tuple[Param, ...]
    returns: str  # "" for void
    owner: str | None = None  # the class of an instance method or constructor
    constructor: bool = False
    throws: bool = False  # declares checked exceptions (Go: an extra error result)
    readonly: bool = False  # a C++ const method (Rust: &self rather than &mut self)
    scope: str | None = None  # the enclosing class, static members included (how source-side drivers call it)
    private: bool = False  # not callable from outside its class
    static: bool = False  # a static member (called on the class, not an instance)


# --- generic type parsing --------------------------------------------------------------------------
def split_top(text: str, sep: str = ",") -> list[str]:
    """Split on ``sep`` outside <>, (), []."""
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "<([":
            depth += 1
        elif ch in ">)]":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    if "".join(cur).strip():
        parts.append("".join(cur).strip())
    return parts


def _generic(t: str) -> tuple[str, list[str]]:
    t = t.strip()
    m = re.fullmatch(r"([\w:.]+)\s*<(.*)>", t, flags=re.S)
    if not m:
        return t, []
    return m.group(1), split_top(m.group(2))


# --- Java → Go --------------------------------------------------------------------------------------
_JAVA_GO_SCALARS = {
    "int": "int", "Integer": "int", "long": "int", "Long": "int", "short": "int", "Short": "int",
    "byte": "byte", "Byte": "byte", "double": "float64", "Double": "float64", "float": "float64",
    "Float": "float64", "boolean": "bool", "Boolean": "bool", "String": "string", "char": "rune",
    "Character": "rune", "Object": "interface{}", "void": "", "CharSequence": "string", "StringBuilder": "string",
    "BigInteger": "int", "Number": "float64",
}
_JAVA_LISTS = {"List", "ArrayList", "LinkedList", "Collection", "Iterable", "Deque", "ArrayDeque", "Queue",
               "Stack", "Vector"}
_JAVA_MAPS = {"Map", "HashMap", "TreeMap", "LinkedHashMap"}
_JAVA_SETS = {"Set", "HashSet", "TreeSet", "LinkedHashSet"}


def java_type_to_go(t: str) -> str:
    t = re.sub(r"\b(final|@\w+)\s+", "", t.strip())
    if t.endswith("[]"):
        return "[]" + java_type_to_go(t[:-2])
    if t.endswith("..."):
        return "..." + java_type_to_go(t[:-3])
    base, args = _generic(t)
    base = base.split(".")[-1]
    if base in _JAVA_LISTS and args:
        return "[]" + java_type_to_go(args[0])
    if base in _JAVA_MAPS and len(args) == 2:
        return f"map[{java_type_to_go(args[0])}]{java_type_to_go(args[1])}"
    if base in _JAVA_SETS and args:
        return f"map[{java_type_to_go(args[0])}]bool"
    if base == "Optional" and args:
        return "*" + java_type_to_go(args[0])
    if base in _JAVA_GO_SCALARS:
        return _JAVA_GO_SCALARS[base]
    return "*" + base if base[:1].isupper() else base  # a user class: pointer to the Go struct of that name


def body_end(source: str, open_brace: int) -> int:
    """The index of the brace that closes the one at ``open_brace`` (braces in strings are not told apart)."""
    depth, i = 0, open_brace
    while i < len(source):
        depth += {"{": 1, "}": -1}.get(source[i], 0)
        if depth == 0:
            return i
        i += 1
    return len(source)


# --- reading Java and C++ (tree-sitter) --------------------------------------------------------------
# Signatures, fields and constants are read from the syntax tree, not matched with patterns: a brace inside a
# string, a comment, a nested or anonymous class and a field without modifiers all read right.
def _text(node: Node) -> str:
    return node.text.decode("utf-8", "replace")


def _keywords(node: Node, kind: str) -> set[str]:
    """The words of ``node``'s children of ``kind`` (Java ``modifiers``, C++ ``storage_class_specifier``...)."""
    return {_text(k) for c in node.children if c.type == kind for k in ([c] if c.child_count == 0 else c.children)}


_JAVA_TYPE_DECLARATIONS = {"class_declaration", "record_declaration", "enum_declaration", "interface_declaration"}
_JAVA_BODIES = {"class_body", "enum_body", "enum_body_declarations", "interface_body", "ERROR"}
_JAVA_ERROR_BASE = re.compile(r"\w*(?:Exception|Error|Throwable)")


def _java_types(root: Node) -> list[Node]:
    """Named type declarations, nested ones too, in source order (not local or anonymous classes in bodies)."""
    out = []

    def visit(node: Node) -> None:
        for child in node.children:
            if child.type in _JAVA_TYPE_DECLARATIONS:
                out.append(child)
                visit(child.child_by_field_name("body") or child)
            elif child.type in _JAVA_BODIES:
                visit(child)

    visit(root)
    return out


def _java_members(node: Node) -> list[Node]:
    """The declarations directly in a type's body (an enum's after its constants)."""
    body = node.child_by_field_name("body") if node.type in _JAVA_TYPE_DECLARATIONS else node
    if body is None:
        return []
    out = []
    for child in body.children:
        out.extend(_java_members(child) if child.type in ("enum_body_declarations", "ERROR") else [child])
    return out


def _java_fields_of(node: Node, *, static: bool) -> list[Param]:
    """Fields declared in a type's body, each declarator its own (``int a, b;`` gives two)."""
    out = []
    for member in _java_members(node):
        if member.type != "field_declaration" or ("static" in _keywords(member, "modifiers")) != static:
            continue
        ftype = _text(member.child_by_field_name("type"))
        for declarator in member.children_by_field_name("declarator"):
            dims = declarator.child_by_field_name("dimensions")
            out.append(Param(ftype + (_text(dims).replace(" ", "") if dims else ""),
                             _text(declarator.child_by_field_name("name"))))
    return out


def _name(node: Node) -> str:
    found = node.child_by_field_name("name")
    return _text(found) if found else ""


def java_exception_classes(source: str) -> set[str]:
    """Classes that only model an error (they extend an exception, directly or through another one here): Go
    returns ``error`` values instead."""
    bases = {}
    for decl in _java_types(syntax.tree("java", source)):
        base = decl.child_by_field_name("superclass")
        if decl.type == "class_declaration" and base is not None:
            bases[_name(decl)] = _text(base.named_children[0]).split("<")[0].split(".")[-1]
    return _closure(bases, lambda base: bool(_JAVA_ERROR_BASE.fullmatch(base)))


def _closure(bases: Mapping[str, str | list[str]], is_error: Callable[[str], bool]) -> set[str]:
    """The classes whose base is an error, or a class of this file that is one."""
    errors: set[str] = set()
    while True:
        found = {name for name, base in bases.items()
                 if any(is_error(b) or b in errors for b in ([base] if isinstance(base, str) else base))}
        if found <= errors:
            return errors
        errors |= found


def java_fields(source: str) -> dict[str, list[Param]]:
    """Instance fields per class, in declaration order (the target struct's fields)."""
    out = {}
    for decl in _java_types(syntax.tree("java", source)):
        fields = _java_fields_of(decl, static=False) if decl.type == "class_declaration" else []
        if fields:
            out[_name(decl)] = fields
    return out


def java_static_data(source: str) -> list[str]:
    """Names of static fields (constants, tables, counters): what no method of a Go translation declares."""
    return [f.name for decl in _java_types(syntax.tree("java", source)) for f in _java_fields_of(decl, static=True)]


def _java_params(node: Node) -> tuple[Param, ...]:
    params = []
    for p in node.named_children:
        if p.type == "formal_parameter":
            dims = p.child_by_field_name("dimensions")
            params.append(Param(_text(p.child_by_field_name("type")) + (_text(dims).replace(" ", "") if dims else ""),
                                _text(p.child_by_field_name("name"))))
        elif p.type == "spread_parameter":  # String... rest
            ptype = next(c for c in p.named_children if c.type not in ("modifiers", "variable_declarator"))
            declarator = next(c for c in p.named_children if c.type == "variable_declarator")
            params.append(Param(_text(ptype) + "...", _name(declarator)))
    return tuple(params)


def java_signatures(source: str) -> list[Signature]:
    """Methods and constructors; members of classes with state carry their class (``owner``)."""
    root = syntax.tree("java", source)
    types = _java_types(root)
    stateful = {_name(t) for t in types if _java_fields_of(t, static=False)}
    errors = java_exception_classes(source)
    found: list[tuple[int, Signature]] = []
    for scope, members in [(None, _java_members(root))] + [(_name(t), _java_members(t)) for t in types]:
        for m in members:
            constructor = m.type == "constructor_declaration"
            if not (constructor or m.type == "method_declaration") or m.child_by_field_name("body") is None:
                continue
            name, mods = _name(m), _keywords(m, "modifiers")
            if name == "main" or scope in errors:
                continue
            instance = "static" not in mods and scope is not None and (scope in stateful or constructor)
            returns = "" if constructor else _text(m.child_by_field_name("type"))
            found.append((m.start_byte, Signature(
                name, _java_params(m.child_by_field_name("parameters")), returns, owner=scope if instance else None,
                constructor=constructor, throws=any(c.type == "throws" for c in m.children), scope=scope,
                private="private" in mods, static="static" in mods)))
    return with_default_constructors([sig for _, sig in sorted(found, key=lambda f: f[0])])


def with_default_constructors(sigs: list[Signature]) -> list[Signature]:
    """A class with state but no declared constructor still gets one (Go ``NewX()``, Rust ``X::new()``), placed
    before its first method, so callers and tests have a way to build it."""
    declared = {s.owner for s in sigs if s.constructor}
    out: list[Signature] = []
    for s in sigs:
        if s.owner and s.owner not in declared:
            declared.add(s.owner)
            out.append(Signature(s.owner, (), "", owner=s.owner, constructor=True, scope=s.owner))
        out.append(s)
    return out


# Java parameter names that would shadow a Go keyword or predeclared identifier.
_GO_RESERVED = {"string": "str", "len": "length", "type": "typ", "func": "fn", "range": "rng", "map": "m",
                "chan": "ch", "select": "sel", "default": "def", "var": "v", "go": "g", "interface": "iface",
                "struct": "st", "package": "pkg", "int": "n", "byte": "b", "rune": "r", "error": "err", "copy": "cp",
                "append": "app", "cap": "capacity", "new": "nw", "make": "mk", "delete": "del", "close": "cls",
                "fallthrough": "ft", "defer": "df", "import": "imp", "goto": "gt"}


def go_name(java_name: str) -> str:
    return java_name[:1].upper() + java_name[1:]


def go_param_name(java_name: str) -> str:
    return _GO_RESERVED.get(java_name, java_name)


def go_signature(sig: Signature) -> str:
    """Static method → func; instance method → method on *Owner; constructor → NewOwner; throws → error result."""
    params = ", ".join(f"{go_param_name(p.name)} {java_type_to_go(p.type)}" for p in sig.params)
    if sig.constructor:
        ret = f"*{sig.owner}" if not sig.throws else f"(*{sig.owner}, error)"
        return f"func New{sig.owner}({params}) {ret}"
    ret = java_type_to_go(sig.returns)
    if sig.throws:
        ret = f"({ret}, error)" if ret else "error"
    head = f"func ({sig.owner[:1].lower()} *{sig.owner}) " if sig.owner else "func "
    return f"{head}{go_name(sig.name)}({params})" + (f" {ret}" if ret else "")


# --- C++ → Rust -------------------------------------------------------------------------------------
_CPP_RUST_SCALARS = {
    "int": "i32", "long": "i64", "long long": "i64", "short": "i16", "unsigned": "u32", "unsigned int": "u32",
    "unsigned long": "u64", "unsigned long long": "u64", "size_t": "usize", "int64_t": "i64", "int32_t": "i32",
    "uint64_t": "u64", "uint32_t": "u32", "uint8_t": "u8", "float": "f32", "double": "f64", "bool": "bool",
    "char": "char", "string": "String", "std::string": "String", "void": "", "auto": "_",
}
_CPP_SEQS = {"vector", "std::vector", "list", "std::list", "deque", "std::deque"}
_CPP_MAPS = {"map": "HashMap", "std::map": "HashMap", "unordered_map": "HashMap", "std::unordered_map": "HashMap"}
_CPP_SETS = {"set": "HashSet", "std::set": "HashSet", "unordered_set": "HashSet", "std::unordered_set": "HashSet"}


def cpp_type_to_rust(t: str, *, param: bool = False) -> str:
    t = re.sub(r"\s+", " ", t.replace("const ", "").replace(" const", "")).strip()
    ref = t.endswith("&")
    t = t.rstrip("&").strip()
    if t.endswith("*"):
        inner = cpp_type_to_rust(t[:-1])
        return f"&{'str' if inner == 'String' else inner}" if param else f"Option<Box<{inner}>>"
    base, args = _generic(t)
    if base in _CPP_SEQS and args:
        inner = cpp_type_to_rust(args[0])
        return f"&[{inner}]" if (param and ref) else f"Vec<{inner}>"
    if base in _CPP_MAPS and len(args) == 2:
        return f"{_CPP_MAPS[base]}<{cpp_type_to_rust(args[0])}, {cpp_type_to_rust(args[1])}>"
    if base in _CPP_SETS and args:
        return f"{_CPP_SETS[base]}<{cpp_type_to_rust(args[0])}>"
    if base in ("pair", "std::pair", "tuple", "std::tuple") and args:
        return "(" + ", ".join(cpp_type_to_rust(a) for a in args) + ")"
    if base in ("optional", "std::optional") and args:
        return f"Option<{cpp_type_to_rust(args[0])}>"
    scalar = _CPP_RUST_SCALARS.get(base)
    if scalar is not None:
        if scalar == "String" and param:
            return "&str"
        return scalar
    return f"&{base}" if (param and ref) else base


_CPP_CLASSES = {"class_specifier", "struct_specifier"}
_CPP_ERROR_BASE = re.compile(r"\w*(?:exception|error)")
_CPP_WRAPPERS = {"pointer_declarator", "reference_declarator", "array_declarator"}


@dataclass(frozen=True)
class _CppClass:
    node: Node
    name: str
    body: Node  # field_declaration_list

    @property
    def default_private(self) -> bool:
        return self.node.type == "class_specifier"


def _cpp_class(node: Node) -> _CppClass | None:
    """A class or struct with a body (a forward declaration or an elaborated type is not one)."""
    body = node.child_by_field_name("body") if node.type in _CPP_CLASSES else None
    return _CppClass(node, _name(node), body) if body is not None else None


def _cpp_walk(root: Node) -> Iterator[tuple[Node, _CppClass | None]]:
    """Every node outside function bodies, with the class it is declared in."""
    stack: list[tuple[Node, _CppClass | None]] = [(root, None)]
    while stack:
        node, cls = stack.pop()
        yield node, cls
        if node.type != "compound_statement":
            cls = _cpp_class(node) or cls
            stack.extend((c, cls) for c in reversed(node.children))


def _cpp_classes(root: Node) -> list[_CppClass]:
    return [c for n, _ in _cpp_walk(root) if (c := _cpp_class(n)) is not None and c.name]


def _unwrap(declarator: Node | None) -> tuple[Node | None, str]:
    """The declared name's node under pointer/reference/array declarators, and the marks (``*``, ``&``) met."""
    marks = ""
    while declarator is not None and declarator.type in _CPP_WRAPPERS:
        if declarator.type != "array_declarator":
            marks += _text(declarator.children[0])
        declarator = declarator.child_by_field_name("declarator") or (
            declarator.named_children[-1] if declarator.named_children else None)
    return declarator, marks


def _cpp_type(node: Node) -> str:
    """A declaration's type as written, ``const`` kept (``mutable``, ``static``, ``inline`` are not types)."""
    const = "const " if "const" in _keywords(node, "type_qualifier") else ""
    found = node.child_by_field_name("type")
    return const + _text(found) if found is not None else ""


def _cpp_data_members(cls: _CppClass, *, static: bool) -> list[Param]:
    out = []
    for member in cls.body.children:
        if member.type != "field_declaration" or ("static" in _keywords(member, "storage_class_specifier")) != static:
            continue
        for declarator in member.children_by_field_name("declarator"):
            name, marks = _unwrap(declarator)
            if name is not None and name.type == "field_identifier":
                out.append(Param(_cpp_type(member) + marks, _text(name)))
    return out


def cpp_exception_classes(source: str) -> set[str]:
    """Classes and structs that derive from an exception type (std::runtime_error, ...), directly or not."""
    bases = {}
    for cls in _cpp_classes(syntax.tree("cpp", source)):
        clause = next((c for c in cls.node.children if c.type == "base_class_clause"), None)
        if clause is not None:
            bases[cls.name] = [_text(b).split("<")[0].split("::")[-1] for b in clause.named_children
                               if b.type != "access_specifier"]
    return _closure(bases, lambda base: bool(_CPP_ERROR_BASE.fullmatch(base)))


def cpp_fields(source: str) -> dict[str, list[Param]]:
    """Data members per class/struct (``size_t head = 0, count = 0;`` gives two), static ones left out."""
    out = {}
    for cls in _cpp_classes(syntax.tree("cpp", source)):
        fields = _cpp_data_members(cls, static=False)
        if fields:
            out[cls.name] = fields
    return out


def cpp_static_data(source: str) -> list[str]:
    """Names of constants (``const``/``constexpr`` with a value, at any level) and of macros with a value."""
    out = []
    stack = [syntax.tree("cpp", source)]
    while stack:
        node = stack.pop()
        stack.extend(reversed(node.children))
        if node.type == "preproc_def" and node.child_by_field_name("value") is not None:
            out.append(_name(node))
        elif node.type in ("declaration", "field_declaration") and \
                _keywords(node, "type_qualifier") & {"const", "constexpr"}:
            for declarator in node.children_by_field_name("declarator"):
                has_value = declarator.type == "init_declarator" or node.child_by_field_name("default_value")
                name, _ = _unwrap(declarator.child_by_field_name("declarator")
                                  if declarator.type == "init_declarator" else declarator)
                if has_value and name is not None and name.type in ("identifier", "field_identifier"):
                    out.append(_text(name))
    return out


def _cpp_params(node: Node) -> tuple[Param, ...]:
    params = []
    for p in node.named_children:
        if p.type in ("parameter_declaration", "optional_parameter_declaration"):
            name, marks = _unwrap(p.child_by_field_name("declarator"))
            if name is not None and name.type == "identifier":
                params.append(Param(_cpp_type(p) + marks, _text(name)))
    return tuple(params)


def _cpp_private(cls: _CppClass, node: Node) -> bool:
    """Access at ``node`` inside a class body: the last label before it, else the class/struct default."""
    labels = [_text(c) for c in cls.body.children if c.type == "access_specifier" and c.start_byte < node.start_byte]
    return labels[-1] != "public" if labels else cls.default_private


def cpp_signatures(source: str) -> list[Signature]:
    """Free functions, and methods of classes with fields (owner set; ``returns`` "" for a constructor)."""
    root = syntax.tree("cpp", source)
    errors = cpp_exception_classes(source)
    stateful = {c.name for c in _cpp_classes(root) if _cpp_data_members(c, static=False)}
    sigs = []
    for node, cls in _cpp_walk(root):
        if node.type != "function_definition":
            continue
        function, marks = _unwrap(node.child_by_field_name("declarator"))
        if function is None or function.type != "function_declarator":
            continue
        name_node = function.child_by_field_name("declarator")
        if name_node.type not in ("identifier", "field_identifier"):  # operators, destructors, Class::method
            continue
        name, returns = _text(name_node), _cpp_type(node)
        returns = returns + marks if returns else ""
        static = "static" in _keywords(node, "storage_class_specifier")
        constructor = not returns and cls is not None and name == cls.name
        if (not returns and not constructor) or name == "main":
            continue
        owner = cls.name if cls and cls.name in stateful and not static else None
        if (cls and cls.name in errors) or (constructor and owner is None):  # error types; fieldless classes
            continue
        sigs.append(Signature(name, _cpp_params(function.child_by_field_name("parameters")), returns, owner=owner,
                              constructor=constructor, readonly="const" in _keywords(function, "type_qualifier"),
                              scope=cls.name if cls else None, private=bool(cls) and _cpp_private(cls, node),
                              static=static))
    return with_default_constructors(sigs)


_RUST_KEYWORDS = frozenset({
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct",
    "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield"})


def rust_name(name: str) -> str:
    """A C++ name as a Rust identifier: a keyword (``type``, ``match``, ``ref``) becomes a raw one (``r#type``)."""
    return f"r#{name}" if name in _RUST_KEYWORDS else name


def rust_signature(sig: Signature) -> str:
    """Free function → fn; const method → &self; other method → &mut self; constructor → new() -> Self."""
    params = [f"{rust_name(p.name)}: {cpp_type_to_rust(p.type, param=True)}" for p in sig.params]
    if sig.constructor:
        return f"fn new({', '.join(params)}) -> {sig.owner}"
    if sig.owner:
        params.insert(0, "&self" if sig.readonly else "&mut self")
    ret = cpp_type_to_rust(sig.returns)
    return f"fn {rust_name(sig.name)}({', '.join(params)})" + (f" -> {ret}" if ret else "")


# --- the table used by prompts ---------------------------------------------------------------------
def go_type_scaffold(owner: str, fields: list[Param], first: str) -> str:
    """The struct with its fields mapped, then the class's first method (usually NewOwner) opened."""
    body = "".join(f"\t{go_param_name(f.name)} {java_type_to_go(f.type)}\n" for f in fields)
    return f"type {owner} struct {{\n{body}}}\n\n{first} {{\n"


def rust_type_scaffold(owner: str, fields: list[Param], first: str) -> str:
    body = "".join(f"    {rust_name(f.name)}: {cpp_type_to_rust(f.type)},\n" for f in fields)
    uses = "".join(f"use std::collections::{c};\n" for c in ("HashMap", "HashSet") if c in body)
    return f"{uses}{chr(10) if uses else ''}struct {owner} {{\n{body}}}\n\nimpl {owner} {{\n    {first} {{\n"


@dataclass(frozen=True)
class Deriver:
    signatures: Callable[[str], list[Signature]]
    render: Callable[[Signature], str]
    preamble: str  # what a target file starts with (package clause, ...)
    fields: Callable[[str], dict[str, list[Param]]]  # instance fields per class
    type_scaffold: Callable[[str, list[Param], str], str]  # (owner, fields, first member signature) → prefix
    error_type: Callable[[str], str] = lambda _name: ""  # the target declaration of an exception class
    errors: Callable[[str], set[str]] = lambda _source: set()  # the source's exception classes
    # Decomposition: methods inside an ``impl`` block (Rust) or top level (Go); the indentation of a top-level
    # function's body; where the model's own declarations (constants, helper types) before the members end.
    methods_in_impl: bool = False
    body_indent: str = "\t"
    # Static data of the source (constants, tables) that no member carries: when there is some, the model writes
    # it first: (opening, stop strings, what closes it).
    static_data: Callable[[str], list[str]] = lambda _source: []
    declarations: tuple[str, tuple[str, ...], str] = ("", (), "\n\n")


def go_error_type(name: str) -> str:
    """A Java exception class becomes a Go error type, written out in the answer's prefix: boilerplate the
    model then only has to use (measured: the 0.5B model returned `&X{...}` without ever declaring X)."""
    return (f"type {name} struct {{\n\tmessage string\n}}\n\n"
            f"func (e *{name}) Error() string {{ return e.message }}\n\n")


DERIVERS: Mapping[str, Deriver] = {
    "java-go": Deriver(java_signatures, go_signature, "package main\n\n", java_fields, go_type_scaffold,
                       go_error_type, java_exception_classes, static_data=java_static_data,
                       declarations=("var (\n", ("\n)\n", "func "), "\n)\n\n")),
    "cpp-rust": Deriver(cpp_signatures, rust_signature, "", cpp_fields, rust_type_scaffold,
                        errors=cpp_exception_classes, methods_in_impl=True, body_indent=" " * 4,
                        static_data=cpp_static_data, declarations=("", ("fn ", "impl "), "\n\n")),
}


@dataclass(frozen=True)
class Member:
    """One function or method of the target file, as decomposed generation writes it: ``opening`` (its signature
    and brace, after whatever must close first), the model writes the body, ``closing`` ends it."""

    opening: str
    closing: str
    indent: str  # of the body's lines

    @property
    def signature(self) -> str:
        """The opening's own line (a Rust free function's opening first closes the ``impl``)."""
        return self.opening.rstrip("\n").rsplit("\n", 1)[-1] + "\n"


@dataclass(frozen=True)
class Scaffold:
    prefix: str  # what the answer starts with: preamble + the first signature, opened
    signatures: tuple[str, ...]  # every derived target signature (shown to the model as a hint)
    # Decomposition: what precedes the members (package, types), every member in order (``prefix`` is ``head``
    # plus the first opening), what closes the file, and where the model's own declarations end; no members
    # when the source has one, or several classes with state.
    head: str = ""
    members: tuple[Member, ...] = ()
    epilogue: str = ""
    declarations: tuple[str, tuple[str, ...], str] | None = None  # (opening, stops, closing) for static data


def _members(deriver: Deriver, order: list[tuple[Signature, str]], owner: str | None
             ) -> tuple[tuple[Member, ...], str]:
    """Top-level functions, or (``methods_in_impl``) the owner's methods inside ``impl Owner`` and free functions
    after it is closed."""
    members, in_impl = [], False
    for sig, rendered in order:
        if deriver.methods_in_impl and owner and sig.owner == owner:
            members.append(Member(("" if in_impl else f"impl {owner} {{\n") + f"    {rendered} {{\n", "    }\n",
                                  deriver.body_indent * 2))
            in_impl = True
        else:
            members.append(Member(("}\n\n" if in_impl else "") + f"{rendered} {{\n", "}\n", deriver.body_indent))
            in_impl = False
    return tuple(members), "}\n" if in_impl else ""


def derive_scaffold(pair_id: str, source: str) -> Scaffold:
    deriver = DERIVERS.get(pair_id)
    if deriver is None:
        return Scaffold(prefix="", signatures=())
    parsed = deriver.signatures(source)
    sigs = [deriver.render(s) for s in parsed]
    preamble = deriver.preamble + "".join(deriver.error_type(name) for name in sorted(deriver.errors(source)))
    if not sigs:
        return Scaffold(prefix=preamble, signatures=())
    # The class with instance methods (not, say, an exception class with only a constructor) leads.
    owner = next((s.owner for s in parsed if s.owner and not s.constructor), None)
    fields = deriver.fields(source).get(owner or "", [])
    stateful = owner if owner and fields else None
    pairs = list(zip(parsed, sigs, strict=True))
    # The stateful class's constructor opens its members (a private helper declared above it does not).
    own = sorted((p for p in pairs if stateful and p[0].owner == stateful), key=lambda p: not p[0].constructor)
    order = own + [p for p in pairs if p[0].owner != stateful or not stateful]
    decomposable = len(order) > 1 and {s.owner for s in parsed if s.owner} <= {stateful}
    if stateful:  # a class with state: its type with the fields comes first, then its first member
        prefix = preamble + deriver.type_scaffold(stateful, fields, order[0][1])
    else:
        prefix = f"{preamble}{order[0][1]} {{\n"
    members, epilogue = _members(deriver, order, stateful) if decomposable else ((), "")
    if not members or not prefix.endswith(members[0].opening):
        return Scaffold(prefix=prefix, signatures=tuple(sigs))
    return Scaffold(prefix=prefix, signatures=tuple(sigs), head=prefix[: len(prefix) - len(members[0].opening)],
                    members=members, epilogue=epilogue,
                    declarations=deriver.declarations if deriver.static_data(source) else None)
