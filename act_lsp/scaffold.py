"""Derive the target scaffold (package line, imports, first signature) from source code.

Measured with the default model on the first 40 bench tasks: a prompt that only *describes* the target
signature passed 0/40 Java→Go, while an answer that *starts* with the scaffold passed 13/40. In the
editor nobody gives us the signature, so we derive it: Java method → exported Go func with mapped types,
C++ function → Rust fn. The model completes the body and writes whatever else the source has.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from act_lsp.syntax import blank_comments


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


_JAVA_METHOD = re.compile(
    r"(?:^|(?<=[{;}]))[ \t]*(?P<mods>(?:(?:public|private|protected|static|final|synchronized|abstract|native|"
    r"default)\s+)*)(?:<[^>]+>\s+)?(?:(?P<ret>[\w.$]+(?:\s*<[^;{}()]*>)?(?:\s*\[\s*\])*)\s+)?"
    r"(?P<name>[a-zA-Z_$][\w$]*)\s*\((?P<params>[^)]*)\)\s*(?P<throws>throws\s+[\w.,\s]+)?\{",
    re.M,
)
_JAVA_CLASS = re.compile(r"\b(?:class|record|enum)\s+([A-Z]\w*)")
_NOT_TYPES = {"return", "new", "else", "if", "while", "for", "switch", "catch", "throw", "case", "public",
              "private", "protected", "static", "final", "synchronized", "try", "do"}


def _java_params(text: str) -> tuple[Param, ...]:
    params = []
    for p in split_top(text):
        p = re.sub(r"^(final\s+|@\w+\s+)+", "", p.strip())
        pm = re.fullmatch(r"(.+?)\s+([\w$]+)", p, flags=re.S)
        if pm:
            params.append(Param(pm.group(1).strip(), pm.group(2)))
    return tuple(params)


_JAVA_FIELD = re.compile(r"^[ \t]*(?:(?:private|protected|public|final|transient|volatile)\s+)+"
                         r"(?!static\b)[\w.<>\[\], ]+?\s+\w+\s*(?:=[^;]*)?;", re.M)


def _stateful_classes(source: str, classes: list[tuple[int, str]]) -> set[str]:
    """Classes with instance fields: they become Go structs; stateless ones (HumanEval's Solution) functions."""
    out = set()
    bounds = [pos for pos, _ in classes] + [len(source)]
    for (pos, name), end in zip(classes, bounds[1:], strict=True):
        if _JAVA_FIELD.search(source[pos:end]):
            out.add(name)
    return out


def _top_level(body: str) -> str:
    """A class body with every nested block (method bodies, initializers) replaced by ';'."""
    prev = None
    while prev != body:
        prev, body = body, re.sub(r"\{[^{}]*\}", ";", body)
    return body


def body_end(source: str, open_brace: int) -> int:
    depth, i = 0, open_brace
    while i < len(source):
        depth += {"{": 1, "}": -1}.get(source[i], 0)
        if depth == 0:
            return i
        i += 1
    return len(source)


_JAVA_CLASS_OPEN = re.compile(r"\bclass\s+([A-Z]\w*)[^{;]*\{")
_JAVA_FIELD_DECL = re.compile(r"(?:^|(?<=[;}]))\s*(?P<mods>(?:(?:private|protected|public|final|transient|volatile"
                              r"|static)\s+)*)(?P<type>[\w.$]+(?:\s*<[^;=(){}]*>)?(?:\s*\[\s*\])*)\s+(?P<name>\w+)\s*"
                              r"(?:=[^;]*)?;")
_EXCEPTION_BASE = re.compile(r"\bextends\s+\w*(?:Exception|Error|Throwable)\b|:\s*(?:public\s+)?(?:std::)?"
                             r"\w*(?:exception|error)\b")


def java_fields(source: str) -> dict[str, list[Param]]:
    """Instance fields per class, in declaration order (the target struct's fields)."""
    source = blank_comments("java", source)
    out: dict[str, list[Param]] = {}
    for m in _JAVA_CLASS_OPEN.finditer(source):
        top = _top_level(source[m.end(): body_end(source, m.end() - 1)])
        fields = [Param(f.group("type"), f.group("name")) for f in _JAVA_FIELD_DECL.finditer(top)
                  if "static" not in f.group("mods") and f.group("type") not in _NOT_TYPES]
        if fields:
            out[m.group(1)] = fields
    return out


_JAVA_STATIC_DATA = re.compile(r"\bstatic\s+(?:final\s+)?[\w.$<>\[\], ]+?\s+(\w+)\s*[=;]")
_CPP_STATIC_DATA = re.compile(r"^\s*(?:static\s+)?(?:const|constexpr)\s+[\w:<>, ]+?[\s*&]+(\w+)(?:\[\w*\])?\s*=|"
                              r"^#define\s+(\w+)\s+\S", re.M)


def java_static_data(source: str) -> list[str]:
    """Names of static fields (constants, tables, counters): what no method of a Go translation declares."""
    return _JAVA_STATIC_DATA.findall(blank_comments("java", source))


def cpp_static_data(source: str) -> list[str]:
    """Names of constants and macros at any level."""
    return [a or b for a, b in _CPP_STATIC_DATA.findall(blank_comments("cpp", source))]


def _exception_classes(source: str) -> set[str]:
    """Classes that only model an error: Go returns ``error`` values and Rust panics or returns ``Err`` instead."""
    return {m.group(1) for m in re.finditer(r"\b(?:class|struct)\s+(\w+)([^{;]*)\{", source)
            if _EXCEPTION_BASE.search(m.group(2))}


def java_signatures(source: str) -> list[Signature]:
    """Methods and constructors; members of classes with state carry their class (``owner``)."""
    source = blank_comments("java", source)
    classes = [(m.start(), m.group(1)) for m in _JAVA_CLASS.finditer(source)]
    stateful = _stateful_classes(source, classes)
    errors = _exception_classes(source)
    sigs = []
    for m in _JAVA_METHOD.finditer(source):
        ret, name = m.group("ret"), m.group("name")
        owner = next((c for pos, c in reversed(classes) if pos < m.start()), None)
        if name in _NOT_TYPES or name == "main" or (ret and ret in _NOT_TYPES) or owner in errors:
            continue
        constructor = ret is None
        if constructor and name != owner:
            continue  # a call or a control statement, not a declaration
        instance = "static" not in (m.group("mods") or "") and (owner in stateful or constructor)
        sigs.append(Signature(name, _java_params(m.group("params")), ret or "", owner=owner if instance else None,
                              constructor=constructor, throws=bool(m.group("throws")), scope=owner,
                              private="private" in (m.group("mods") or ""),
                              static="static" in (m.group("mods") or "")))
    return with_default_constructors(sigs)


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


_CPP_FUNC = re.compile(
    r"(?:^|(?<=[{;}:]))[ \t]*(?P<static>(?:(?:static|inline|constexpr|virtual|extern|explicit)\s+)*)"
    r"(?:template\s*<[^>]*>\s*)?(?:(?P<ret>(?!(?:public|private|protected)\s*:)(?:const\s+)?[\w:]+(?:\s*<[^;{}()]*>)?(?:\s+(?:int|long|short|char)\b)*)"
    r"(?P<ptr>\s*[*&]+\s*|\s+))?(?P<name>[A-Za-z_]\w*)\s*\((?P<params>[^()]*)\)\s*(?P<const>const\s*)?"
    r"(?:noexcept\s*)?(?::[^{;]*)?\{",
    re.M,
)
_CPP_CLASS = re.compile(r"\b(?:class|struct)\s+([A-Za-z_]\w*)\s*(?::[^{]*)?\{")
_CPP_FIELD = re.compile(r"^[ \t]*(?!return\b|using\b|public\b|private\b|protected\b)(?:mutable\s+)?"
                        r"[\w:]+(?:\s*<[^;{}()]*>)?[\s*&]+\w+(?:\s*,\s*\w+)*\s*(?:=[^;(]*|\{[^;}]*\})?;", re.M)
_CPP_NOT_TYPES = {"return", "else", "if", "while", "for", "switch", "new", "delete", "case", "do"}


def _cpp_private(source: str, class_start: int, pos: int) -> bool:
    """Access at ``pos`` inside a class body: the last label before it, else the class/struct default."""
    labels = re.findall(r"\b(public|private|protected)\s*:(?!:)", source[class_start:pos])
    if labels:
        return labels[-1] != "public"
    return source[class_start:pos].lstrip().startswith("class")


def _cpp_classes(source: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, name, has_fields) of each class/struct body, by brace matching."""
    out = []
    for m in _CPP_CLASS.finditer(source):
        end = body_end(source, m.end() - 1)
        top = _top_level(source[m.end(): end])  # method bodies and initializers dropped, at any depth
        out.append((m.start(), end + 1, m.group(1), bool(_CPP_FIELD.search(top))))
    return out


def cpp_signatures(source: str) -> list[Signature]:
    """Free functions, and methods of classes with fields (owner set; ``returns`` "" for a constructor)."""
    source = blank_comments("cpp", source)
    classes = _cpp_classes(source)
    errors = _exception_classes(source)
    sigs = []
    for m in _CPP_FUNC.finditer(source):
        name = m.group("name")
        ret = ((m.group("ret") or "") + (m.group("ptr") or "").strip()).strip()
        cls = next(((n, f, s0) for s0, e0, n, f in classes if s0 < m.start() < e0), None)
        constructor = not ret and cls is not None and name == cls[0]
        if (not ret and not constructor) or ret in _CPP_NOT_TYPES or name in _CPP_NOT_TYPES or name == "main":
            continue
        owner = cls[0] if cls and cls[1] and "static" not in (m.group("static") or "") else None
        if (cls and cls[0] in errors) or (constructor and owner is None):  # error types; fieldless classes
            continue
        params = []
        for p in split_top(m.group("params")):
            p = re.sub(r"=.*$", "", p).strip()
            if not p or p == "void":
                continue
            pm = re.fullmatch(r"(.+?[\s*&])(\w+)", p, flags=re.S)
            if pm:
                params.append(Param(pm.group(1).strip(), pm.group(2)))
        sigs.append(Signature(name, tuple(params), ret, owner=owner, constructor=constructor,
                              readonly=bool(m.group("const")), scope=cls[0] if cls else None,
                              private=bool(cls) and _cpp_private(source, cls[2], m.start()),
                              static="static" in (m.group("static") or "")))
    return with_default_constructors(sigs)


def cpp_fields(source: str) -> dict[str, list[Param]]:
    """Data members per class/struct (``size_t head = 0, count = 0;`` gives two), static ones left out."""
    source = blank_comments("cpp", source)
    out: dict[str, list[Param]] = {}
    for m in _CPP_CLASS.finditer(source):
        top = _top_level(source[m.end(): body_end(source, m.end() - 1)])
        top = re.sub(r"\b(?:public|private|protected)\s*:", ";", top)
        fields = []
        for stmt in top.split(";"):
            stmt = stmt.strip()
            if not stmt or "(" in stmt or re.match(r"(static|using|typedef|friend|return)\b", stmt):
                continue
            dm = re.fullmatch(r"(?:mutable\s+)?((?:const\s+)?[\w:]+(?:\s*<.*>)?(?:\s+(?:int|long|short|char))*)"
                              r"\s*([*&]?)\s*(\w.*)", stmt, flags=re.S)
            if not dm:
                continue
            for declarator in split_top(dm.group(3)):
                name = re.match(r"[*&]?\s*(\w+)", declarator)
                if name:
                    fields.append(Param(dm.group(1) + dm.group(2), name.group(1)))
        if fields:
            out[m.group(1)] = fields
    return out


def rust_signature(sig: Signature) -> str:
    """Free function → fn; const method → &self; other method → &mut self; constructor → new() -> Self."""
    params = [f"{p.name}: {cpp_type_to_rust(p.type, param=True)}" for p in sig.params]
    if sig.constructor:
        return f"fn new({', '.join(params)}) -> {sig.owner}"
    if sig.owner:
        params.insert(0, "&self" if sig.readonly else "&mut self")
    ret = cpp_type_to_rust(sig.returns)
    return f"fn {sig.name}({', '.join(params)})" + (f" -> {ret}" if ret else "")


# --- the table used by prompts ---------------------------------------------------------------------
def go_type_scaffold(owner: str, fields: list[Param], first: str) -> str:
    """The struct with its fields mapped, then the class's first method (usually NewOwner) opened."""
    body = "".join(f"\t{go_param_name(f.name)} {java_type_to_go(f.type)}\n" for f in fields)
    return f"type {owner} struct {{\n{body}}}\n\n{first} {{\n"


def rust_type_scaffold(owner: str, fields: list[Param], first: str) -> str:
    body = "".join(f"    {f.name}: {cpp_type_to_rust(f.type)},\n" for f in fields)
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
                       go_error_type, static_data=java_static_data,
                       declarations=("var (\n", ("\n)\n", "func "), "\n)\n\n")),
    "cpp-rust": Deriver(cpp_signatures, rust_signature, "", cpp_fields, rust_type_scaffold, methods_in_impl=True,
                        body_indent=" " * 4, static_data=cpp_static_data, declarations=("", ("fn ", "impl "), "\n\n")),
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
    preamble = deriver.preamble + "".join(deriver.error_type(name) for name in sorted(_exception_classes(source)))
    if not sigs:
        return Scaffold(prefix=preamble, signatures=())
    # The class with instance methods (not, say, an exception class with only a constructor) leads.
    owner = next((s.owner for s in parsed if s.owner and not s.constructor), None)
    fields = deriver.fields(source).get(owner or "", [])
    stateful = owner if owner and fields else None
    pairs = list(zip(parsed, sigs, strict=True))
    order = [p for p in pairs if stateful and p[0].owner == stateful] + [p for p in pairs if p[0].owner != stateful
                                                                          or not stateful]
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
