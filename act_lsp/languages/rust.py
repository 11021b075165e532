"""Rust as a target language: signatures and types written from a source's (C++'s), the io tests as a test module,
what small models always get wrong fixed (a repeated ``use``), compiler-guided fixes from rustc's JSON
suggestions, and the sandbox recipes (Rust 1.63 in the image: no ``let ... else``), with Debian's crates for
tests that need them."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from act_lsp.languages.base import (
    Fixer,
    Language,
    Recipe,
    TestScaffold,
    TypeMap,
    Writing,
    apply_edits,
    balance_braces,
)
from act_lsp.program import (
    Outcome,
    Param,
    Scenario,
    Signature,
    char_literal,
    float_literal,
    generic,
    set_items,
    split_top,
)

# --- types: how a C++ type is spelled in Rust ------------------------------------------------------------
_FROM_CPP = {
    "int": "i32", "long": "i64", "long long": "i64", "short": "i16", "unsigned": "u32", "unsigned int": "u32",
    "unsigned long": "u64", "unsigned long long": "u64", "size_t": "usize", "int64_t": "i64", "int32_t": "i32",
    "uint64_t": "u64", "uint32_t": "u32", "uint8_t": "u8", "float": "f32", "double": "f64", "bool": "bool",
    "char": "char", "string": "String", "std::string": "String", "void": "", "auto": "_",
}
_CPP_SEQUENCES = {"vector", "std::vector", "list", "std::list", "deque", "std::deque"}
# C++'s map and set keep their keys in order (a loop over one, its first key: what callers see); its unordered ones
# do not. Measured on the realistic classes: a `map` read as a HashMap listed units() in another order than the C++.
_CPP_MAPS = {"map": "BTreeMap", "std::map": "BTreeMap", "unordered_map": "HashMap", "std::unordered_map": "HashMap"}
_CPP_SETS = {"set": "BTreeSet", "std::set": "BTreeSet", "unordered_set": "HashSet", "std::unordered_set": "HashSet"}
_COLLECTIONS = ("HashMap", "HashSet", "BTreeMap", "BTreeSet")


def from_cpp(t: str, *, param: bool = False) -> str:
    t = re.sub(r"\s+", " ", t.replace("const ", "").replace(" const", "")).strip()
    ref = t.endswith("&")
    t = t.rstrip("&").strip()
    if t.endswith("*"):
        inner = from_cpp(t[:-1])
        return f"&{'str' if inner == 'String' else inner}" if param else f"Option<Box<{inner}>>"
    base, args = generic(t)
    if base in _CPP_SEQUENCES and args:
        inner = from_cpp(args[0])
        return f"&[{inner}]" if (param and ref) else f"Vec<{inner}>"
    if base in _CPP_MAPS and len(args) == 2:
        return f"{_CPP_MAPS[base]}<{from_cpp(args[0])}, {from_cpp(args[1])}>"
    if base in _CPP_SETS and args:
        return f"{_CPP_SETS[base]}<{from_cpp(args[0])}>"
    if base in ("pair", "std::pair", "tuple", "std::tuple") and args:
        return "(" + ", ".join(from_cpp(a) for a in args) + ")"
    if base in ("optional", "std::optional") and args:
        return f"Option<{from_cpp(args[0])}>"
    scalar = _FROM_CPP.get(base)
    if scalar is not None:
        if scalar == "String" and param:
            return "&str"
        return scalar
    return f"&{base}" if (param and ref) else base


# --- signatures and declarations ------------------------------------------------------------------------
_KEYWORDS = frozenset({
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct",
    "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield"})


def raw_name(name: str) -> str:
    """A C++ name as a Rust identifier: a keyword (``type``, ``match``, ``ref``) becomes a raw one (``r#type``)."""
    return f"r#{name}" if name in _KEYWORDS else name


def signature(sig: Signature, types: TypeMap) -> str:
    """Free function → fn; const method → &self; other method → &mut self; constructor → new() -> Self."""
    params = [f"{raw_name(p.name)}: {types(p.type, param=True)}" for p in sig.params]
    if sig.constructor:
        return f"fn new({', '.join(params)}) -> {sig.owner}"
    if sig.owner:
        params.insert(0, "&self" if sig.readonly else "&mut self")
    ret = types(sig.returns)
    return f"fn {raw_name(sig.name)}({', '.join(params)})" + (f" -> {ret}" if ret else "")


def _struct(name: str, fields: list[Param], types: TypeMap, derive: str = "") -> str:
    """The struct with its fields mapped, after the imports they need (``tidy`` drops a repeated one)."""
    body = "".join(f"    {raw_name(f.name)}: {types(f.type)},\n" for f in fields)
    uses = "".join(f"use std::collections::{c};\n" for c in _COLLECTIONS if c in body)
    return f"{uses}{chr(10) if uses else ''}{derive}struct {name} {{\n{body}}}\n\n"


def record(name: str, fields: list[Param], types: TypeMap) -> str:
    """A C++ struct of fields as a Rust struct that copies and compares as C++ values do."""
    return _struct(name, fields, types, derive="#[derive(Clone, Debug, PartialEq)]\n")


def type_scaffold(owner: str, fields: list[Param], first: str, types: TypeMap) -> str:
    return _struct(owner, fields, types) + f"impl {owner} {{\n    {first} {{\n"


# --- io tests: a test module with the recorded outcomes ---------------------------------------------------
def _rust_inner(t: str, open_: str) -> str:
    return t[len(open_):-1].strip()


def literal(rtype: str, v: Any) -> str:
    rtype = rtype.strip()
    if rtype.startswith("&[") and rtype.endswith("]"):
        return f"&[{', '.join(literal(rtype[2:-1], x) for x in v)}]"
    if rtype.startswith("Vec<"):
        inner = _rust_inner(rtype, "Vec<")
        return f"vec![{', '.join(literal(inner, x) for x in v)}]" if v else f"Vec::<{inner}>::new()"
    kind = rtype.partition("<")[0]
    if kind in ("HashSet", "BTreeSet"):
        inner = _rust_inner(rtype, f"{kind}<")
        items = ", ".join(literal(inner, x) for x in set_items(v))
        return f"{kind}::<{inner}>::from([{items}])"
    if kind in ("HashMap", "BTreeMap"):
        key, val = split_top(_rust_inner(rtype, f"{kind}<"))
        items = ", ".join(f"({literal(key, k)}, {literal(val, x)})" for k, x in v)
        return f"{kind}::<{key}, {val}>::from([{items}])"
    if rtype.startswith("("):
        parts = split_top(rtype[1:-1])
        return "(" + ", ".join(literal(t, x) for t, x in zip(parts, v, strict=True)) + ")"
    if rtype in ("&str", "String"):
        text = "".join(c if 0x20 <= ord(c) < 0x7f and c not in '"\\' else
                       {"\n": "\\n", "\t": "\\t", '"': '\\"', "\\": "\\\\"}.get(c, f"\\u{{{ord(c):x}}}") for c in v)
        return f'"{text}"' if rtype == "&str" else f'String::from("{text}")'
    if rtype == "char":
        return char_literal(v)
    if rtype == "bool":
        return "true" if v else "false"
    if rtype in ("f64", "f32"):
        return float_literal(v, f"{rtype}::NAN", f"{rtype}::INFINITY", f"{rtype}::NEG_INFINITY")
    return str(v)


def _callee(sig: Signature) -> str:
    return "new" if sig.constructor else raw_name(sig.name)


def io_tests(scenarios: Sequence[Scenario], outcomes: Sequence[Sequence[Outcome]], types: TypeMap) -> str:
    lines = ["#[cfg(test)]", "mod act_io_tests {", "    #![allow(unused_mut, unused_variables, unused_imports)]",
             "    use super::*;", "    use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};",
             "    use std::panic::{catch_unwind, AssertUnwindSafe};", "",
             "    fn act_close(a: f64, b: f64) -> bool {",
             "        a == b || (a - b).abs() <= 1e-6 * b.abs().max(1.0) || (a.is_nan() && b.is_nan())", "    }"]
    for i, (sc, outs) in enumerate(zip(scenarios, outcomes, strict=True)):
        lines += ["", "    #[test]", f"    fn scenario_{i}() {{"]
        for step, out in zip(sc.steps, outs, strict=True):
            sig = step.sig
            args = ", ".join(literal(types(p.type, param=True), a)
                             for p, a in zip(sig.params, step.args, strict=True))
            ret = "" if sig.constructor else types(sig.returns)
            call = (f"{sig.owner}::new({args})" if sig.constructor else
                    f"o.{_callee(sig)}({args})" if sig.owner else f"{_callee(sig)}({args})")
            label = json.dumps(call)
            # a panic raised in the standard library (a slice out of range) names no call: the failed test's
            # captured output then says which call was running
            lines.append(f"        println!(\"{_CALLING}{{}}\", {label});")
            if out.throws:
                lines.append(f"        assert!(catch_unwind(AssertUnwindSafe(|| {{ {call}; }})).is_err(), "
                             f"\"{{}} should panic\", {label});")
                if sig.constructor:
                    break
            elif sig.constructor:
                lines.append(f"        let mut o = {call};")
            elif not ret:
                lines.append(f"        {call};")
            elif ret in ("f64", "f32"):
                lines.append(f"        let got = {call}; let want: {ret} = {literal(ret, out.value)};")
                lines.append(f"        assert!(act_close(got as f64, want as f64), \"{{}} = {{}}, want {{}}\", "
                             f"{label}, got, want);")
            else:
                lines.append(f"        let got = {call}; let want: {ret} = {literal(ret, out.value)};")
                lines.append(f"        assert_eq!(got, want, \"{{}}\", {label});")
        lines.append("    }")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- tidy: what small models always get wrong -----------------------------------------------------------
# a C++ throw statement of one line, carried over as it was (``throw std::invalid_argument("...");``)
_THROW = re.compile(r"^(?P<indent>[ \t]*)throw\s+[\w:]+\s*\((?P<what>.*)\)\s*;[ \t]*$", re.M)


def _as_panic(throw: re.Match[str]) -> str:
    what = throw["what"].strip()
    return f'{throw["indent"]}panic!("{{}}", {what});' if what else f'{throw["indent"]}panic!();'


def tidy(code: str) -> str:
    """Braces balanced, a repeated ``use`` dropped (E0252), a C++ ``throw`` written as the panic it becomes (what the
    io tests expect of a source exception)."""
    code = _THROW.sub(_as_panic, code)
    code = balance_braces(code)
    seen: set[str] = set()
    out = []
    for line in code.splitlines():
        key = re.sub(r"\s+", "", line)
        if line.startswith("use ") and key in seen:
            continue
        if line.startswith("use "):
            seen.add(key)
        out.append(line)
    return "\n".join(out).rstrip() + "\n"


# --- compiler-guided fixes: rustc describes its suggestions in machine-readable form -----------------------
_APPLICABLE = {"MachineApplicable", "MaybeIncorrect"}  # not HasPlaceholders ("/* value */") or Unspecified


def _spans(diagnostic: dict):
    yield from diagnostic.get("spans") or ()
    for child in diagnostic.get("children") or ():
        yield from _spans(child)


def _errors(stderr: str):
    """rustc's JSON diagnostics of level error, one per line of its output."""
    for line in stderr.splitlines():
        if line.startswith("{"):
            try:
                diag = json.loads(line)
            except ValueError:
                continue
            if diag.get("level") == "error":
                yield diag


def _without_overlaps(found: Mapping[tuple[int, int], str]) -> list[tuple[int, int, str]]:
    """Byte-range edits in order; two edits of one range would garble it."""
    edits, last_end = [], -1
    for (start, end), repl in sorted(found.items()):
        if start >= last_end:  # the first of two overlapping edits wins
            edits.append((start, end, repl))
            last_end = max(end, start + 1)
    return edits


def rustc_edits(stderr: str, file_name: str = "main.rs") -> list[tuple[int, int, str]]:
    """Suggested replacements in ``file_name`` from rustc's JSON diagnostics, without overlaps."""
    found: dict[tuple[int, int], str] = {}
    for diag in _errors(stderr):
        for span in _spans(diag):
            repl = span.get("suggested_replacement")
            if (repl is not None and span.get("file_name") == file_name
                    and span.get("suggestion_applicability") in _APPLICABLE):
                found.setdefault((span["byte_start"], span["byte_end"]), repl)
    return _without_overlaps(found)


# C++ indexes strings by position and vectors by int; Rust by usize only, and a string not at all. rustc proposes
# nothing for either (measured: 34 of the 0.5B's 119 failures on HumanEval-X C++→Rust, 28 of them a string), but its
# span names the indexing (the whole ``v[i]`` in the image's rustc 1.63, the index alone in later ones), so the
# rewrite is local: ``v[i]`` → ``v[i as usize]``; ``s[i]`` → the byte at i as a char, which is what C++'s ``s[i]``
# reads (its strings are bytes).
_CANNOT_INDEX = re.compile(r"the type `(\[.*\]|str|String)` cannot be indexed by `(\w+|\{integer\})`$")
_RECEIVER = re.compile(rb"(?:self\.)?[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\s*$")


def _indexing(data: bytes, start: int, end: int) -> tuple[int, int, int] | None:
    """(receiver start, ``[``, ``]``) of the indexing expression rustc's span names."""
    if data[start:end].endswith(b"]"):
        depth, i = 0, end - 1
        while i > start:
            depth += {ord("]"): 1, ord("["): -1}.get(data[i], 0)
            if depth == 0:
                return start, i, end - 1
            i -= 1
        return None
    before, after = re.search(rb"\[\s*$", data[:start]), re.match(rb"\s*\]", data[end:])
    receiver = _RECEIVER.search(data[: before.start()]) if before else None
    return (receiver.start(), before.start(), end + after.end() - 1) if receiver and after else None


def index_edits(code: str, stderr: str, file_name: str = "main.rs") -> list[tuple[int, int, str]]:
    """``as usize`` for a slice indexed by another integer; ``.as_bytes()[i] as char`` for a string indexed by
    position."""
    data = code.encode()
    found: dict[tuple[int, int], str] = {}
    for diag in _errors(stderr):
        m = _CANNOT_INDEX.match(diag.get("message", ""))
        span = next((s for s in diag.get("spans") or () if s.get("is_primary")), None)
        if m is None or span is None or span.get("file_name") != file_name:
            continue
        where = _indexing(data, span["byte_start"], span["byte_end"])
        if where is None:
            continue
        first, open_, close = where
        index = data[open_ + 1: close].decode(errors="replace").strip()
        if not m.group(1).startswith("["):
            receiver = data[first:open_].decode(errors="replace").rstrip()
            found[(first, close + 1)] = f"({receiver}.as_bytes()[{index}] as char)"
        elif m.group(2) != "usize":
            found[(open_ + 1, close)] = f"{index} as usize" if re.fullmatch(r"\w+", index) else f"({index}) as usize"
    return _without_overlaps(found)


# C++ converts between arithmetic types silently (an int times a long, an int passed for a long); Rust names each
# such place "expected `i64`, found `i32`" and rustc 1.63 suggests nothing for most. The conversion C++ did is an
# ``as`` cast of the expression the span names (measured on the 1.5B's realistic C++→Rust classes: 4 of 5 errors
# left in one class after rustc's own suggestions).
_NUMBER = r"(?:[iu](?:8|16|32|64|128|size)|f32|f64)"
_NUMBER_MISMATCH = re.compile(rf"expected `({_NUMBER})`, found `({_NUMBER})`$")
# A map keyed by String looked up with ``&key`` where key is already a reference (``&&str``): the trait bound
# `String: Borrow<&str>` fails; the lookup C++ meant takes the reference itself.
_BORROWED_KEY = re.compile(r"the trait bound `\w+: Borrow<&")
# C++ copies a value where Rust moves it (``seen.insert(at)``, then ``at`` read again): rustc labels the place
# "value moved here"; the copy C++ made is a ``.clone()`` there. Only a name or a field path is cloned.
_MOVED = re.compile(r"value moved here")
_PLACE = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")
# ``qty -= take`` with ``take: &mut i32`` (C++'s references read as values): "cannot subtract-assign `&mut i32`
# from `i32`", the span on the operator; C++ read the value, so the right operand is dereferenced.
_REFERENCE_OPERAND = re.compile(r"cannot \w+(?:-assign)? `&(?:mut )?(" + _NUMBER + r")` (?:to|from|by) `\1`")


def conversion_edits(code: str, stderr: str, file_name: str = "main.rs") -> list[tuple[int, int, str]]:
    """``(x as i64)`` where rustc expected one number type and found another; ``m[key]`` / ``m.get(key)`` for a
    key borrowed twice; ``x.clone()`` where a value C++ copied was moved; ``*x`` for a referenced operand."""
    data = code.encode()
    found: dict[tuple[int, int], str] = {}
    for diag in _errors(stderr):
        for moved in diag.get("spans") or ():
            text = data[moved["byte_start"]:moved["byte_end"]].decode(errors="replace")
            if (moved.get("file_name") == file_name and _MOVED.match(moved.get("label") or "")
                    and _PLACE.fullmatch(text)):
                found[(moved["byte_end"], moved["byte_end"])] = ".clone()"
        span = next((s for s in diag.get("spans") or () if s.get("is_primary")), None)
        if span is None or span.get("file_name") != file_name:
            continue
        start, end = span["byte_start"], span["byte_end"]
        number = _NUMBER_MISMATCH.match(span.get("label") or "")
        operand = _REFERENCE_OPERAND.match(diag.get("message", ""))
        if operand:
            right = re.match(rb"\s*(?=[A-Za-z_])", data[end:])
            if right:
                found[(end + right.end(), end + right.end())] = "*"
        elif number:
            found[(start, end)] = f"({data[start:end].decode(errors='replace')} as {number[1]})"
        elif _BORROWED_KEY.match(diag.get("message", "")):  # the span: the key, the lookup, or the method's name
            line_end = data.find(b"\n", start)
            near = data[start: max(end, len(data) if line_end < 0 else line_end)]
            key = re.match(rb"\s*(&)", near) or re.search(rb"[\[(]\s*(&)", near)
            if key:
                found[(start + key.start(1), start + key.end(1))] = ""
    return _without_overlaps(found)


# C++ idioms rustc names but proposes nothing for (measured: the single error five of the 1.5B's realistic C++→Rust
# classes ended on, session 24), each a local rewrite that keeps the C++ meaning:
# - <cctype>'s ``isalnum(c)``, or the char method it became called as a function (``is_alphanumeric(c)``), is the
#   method on its argument: ``c.is_ascii_alphanumeric()``;
# - ``s.find(x, from)``: C++ searches from a position, Rust's ``find`` takes the pattern alone, so the search runs in
#   ``s[from..]`` and its offset is moved back (no such position finds nothing, as C++'s npos);
# - a String where ``+`` takes a ``&str`` (``"at ".to_owned() + format!(…)``, inside the macro where rustc's own
#   borrow suggestion is missing) is borrowed;
# - an ``Option`` where C++ had a position (``find``'s result added to, or used as a usize) is its value: ``.unwrap()``
#   (a missing one panics where C++ read npos; the tests say whether that path mattered);
# - a value looked up in a container that then changes (``let member = it->second; borrower.erase(book);``): C++
#   copied it, Rust still borrows the container (E0502), so the lookup is copied: ``.get(book).cloned()``,
#   ``&v[i]`` → ``v[i].clone()``;
# - a char's ``to_uppercase()`` is an iterator (a character may upper-case to several), not the char C++'s
#   ``toupper`` returns (E0308 "found struct `ToUppercase`", E0277 at the ``collect`` of a String): the ASCII one is
#   what C++ computed, and it is a char (measured: the 1.5B's repair of a `normalize` helper, three samples);
# - a loop that binds ``&name`` out of a tuple of references (``for (i, &name) in v.iter().enumerate()``) moves a
#   String out (E0507, and rustc suggests nothing inside a tuple): C++'s ``const auto&`` binds the reference, so
#   the ``&`` goes.
_CCTYPE = {"isalnum": "is_ascii_alphanumeric", "isalpha": "is_ascii_alphabetic", "isdigit": "is_ascii_digit",
           "isspace": "is_ascii_whitespace", "isupper": "is_ascii_uppercase", "islower": "is_ascii_lowercase",
           "ispunct": "is_ascii_punctuation", "isxdigit": "is_ascii_hexdigit", "toupper": "to_ascii_uppercase",
           "tolower": "to_ascii_lowercase"}
_CHAR_METHODS = frozenset({*_CCTYPE.values(), "is_alphanumeric", "is_alphabetic", "is_numeric", "is_whitespace",
                           "is_uppercase", "is_lowercase", "is_ascii_graphic", "is_control"})
_UNRESOLVED_FUNCTION = re.compile(r"cannot find function `(\w+)` in this scope$")
_EXTRA_ARGUMENT = re.compile(r"(?:argument unexpected|unexpected argument)")
_STRING_FOR_STR = re.compile(r"expected `&str`, found (?:struct )?`String`$")
_OPTION_OPERAND = re.compile(r"cannot (?:add|subtract|multiply|divide)(?:-assign)? `.+` (?:to|from|by) `Option<")
_OPTION_FOR_NUMBER = re.compile(rf"expected `{_NUMBER}`, found (?:enum )?`Option")
_POSTFIX = re.compile(r"[A-Za-z_][\w.]*(?:\([^()]*\))?")
_CASE_ITERATOR = re.compile(r"\bTo(Upper|Lower)case\b")
_CASE_CALL = re.compile(rb"\.to_(upper|lower)case\(\)")
_BORROWED_WHILE_CHANGED = re.compile(r"cannot borrow `.+` as mutable because it is also borrowed as immutable$")
_LOOKUP = re.compile(r"(?:self\.)?[A-Za-z_][\w.]*\.get\([^()]*\)")
_REFERENCE = re.compile(r"&((?:self\.)?[A-Za-z_][\w.]*(?:\[[^\[\]]*\])?)")


def _in_file(span: dict, file_name: str) -> dict | None:
    """The span, or the place in ``file_name`` of the macro call it was expanded from (``format!``)."""
    while span is not None and span.get("file_name") != file_name:
        span = (span.get("expansion") or {}).get("span")
    return span


def _call_arguments(data: bytes, open_: int) -> tuple[list[str], int] | None:
    """The top-level arguments of the call whose ``(`` is at ``open_``, and the offset of its ``)``."""
    depth, args, last, quote = 0, [], open_ + 1, None
    for i in range(open_, len(data)):
        c = chr(data[i])
        if quote:
            quote = None if c == quote and data[i - 1] != ord("\\") else quote
        elif c in "\"'" and not (c == "'" and re.match(rb"'\w\w", data[i:i + 3])):  # not a lifetime
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                return [*args, data[last:i].decode(errors="replace").strip()], i
        elif c == "," and depth == 1:
            args.append(data[last:i].decode(errors="replace").strip())
            last = i + 1
    return None


def _grouped(expr: str) -> str:
    return expr if _POSTFIX.fullmatch(expr) or expr.isdigit() else f"({expr})"


def idiom_edits(code: str, stderr: str, file_name: str = "main.rs") -> list[tuple[int, int, str]]:
    """The C++ idioms above, rewritten where rustc's diagnostics place them."""
    data = code.encode()
    found: dict[tuple[int, int], str] = {}
    for diag in _errors(stderr):
        message = diag.get("message", "")
        spans = [s for s in diag.get("spans") or () if s.get("file_name") == file_name]
        named = next((s for s in diag.get("spans") or () if s.get("is_primary")), None)  # its label says what
        primary = _in_file(named, file_name) if named else None  # and where, in the file
        if primary is None:
            continue
        start, end, label = primary["byte_start"], primary["byte_end"], named.get("label") or ""
        text = data[start:end].decode(errors="replace")
        suggested = any(s.get("suggested_replacement") is not None for s in _spans(diag))
        unresolved = _UNRESOLVED_FUNCTION.match(message)
        if unresolved and (method := _CCTYPE.get(unresolved[1]) or
                           (unresolved[1] if unresolved[1] in _CHAR_METHODS else None)):
            call = _call_arguments(data, end) if data[end:end + 1] == b"(" else None
            if call and len(call[0]) == 1 and call[0][0]:
                found[(start, call[1] + 1)] = f"{_grouped(call[0][0])}.{method}()"
        elif text == "find" and any(_EXTRA_ARGUMENT.fullmatch(s.get("label") or "") for s in spans):
            receiver = _RECEIVER.search(data[: start - 1]) if data[start - 1: start] == b"." else None
            call = _call_arguments(data, end) if data[end:end + 1] == b"(" else None
            if receiver and call and len(call[0]) == 2:
                (pattern, offset), close = call
                at, whole = _grouped(offset), data[receiver.start(): start - 1].decode(errors="replace").strip()
                found[(receiver.start(), close + 1)] = (f"{whole}.get({at}..).and_then(|rest| rest.find({pattern}))"
                                                        f".map(|found| found + {at})")
        elif _STRING_FOR_STR.match(label) and not suggested and re.search(rb"\+\s*$", data[:start]):
            found[(start, start)] = "&"
        elif _OPTION_OPERAND.match(message):
            for operand in spans:
                place = data[operand["byte_start"]:operand["byte_end"]].decode(errors="replace")
                if (operand.get("label") or "").startswith("Option<") and _POSTFIX.fullmatch(place):
                    found[(operand["byte_end"], operand["byte_end"])] = ".unwrap()"
        elif _OPTION_FOR_NUMBER.match(label) and text:
            found[(start, end)] = f"{_grouped(text)}.unwrap()"
        elif case := _CASE_ITERATOR.search(f"{message} {label}"):
            # the call is in the statement the span ends, before it
            statement = max(data.rfind(b";", 0, start), data.rfind(b"{\n", 0, start), data.rfind(b"}\n", 0, start)) + 1
            calls = [m for m in _CASE_CALL.finditer(data, statement, end)
                     if m[1].decode() == case[1].lower()]
            if calls:
                found[(calls[-1].start(), calls[-1].end())] = f".to_ascii_{case[1].lower()}case()"
        elif message == "cannot move out of a shared reference":
            for moved in spans:
                if (moved.get("label") or "") == "data moved here" and data[moved["byte_start"] - 1:][:1] == b"&":
                    found[(moved["byte_start"] - 1, moved["byte_start"])] = ""
        elif _BORROWED_WHILE_CHANGED.match(message):
            for borrow in spans:
                place = data[borrow["byte_start"]:borrow["byte_end"]].decode(errors="replace")
                if (borrow.get("label") or "") != "immutable borrow occurs here":
                    continue
                if _LOOKUP.fullmatch(place):
                    found[(borrow["byte_end"], borrow["byte_end"])] = ".cloned()"
                elif reference := _REFERENCE.fullmatch(place):
                    found[(borrow["byte_start"], borrow["byte_end"])] = f"{reference[1]}.clone()"
    return _without_overlaps(found)


def compiler_fix(code: str, output: str) -> str:
    """The index and number conversions and the C++ idioms rustc names but does not suggest, then its own
    machine-applicable suggestions (``let mut``, a missing ``&``, ``.to_string()``) where they do not touch those
    (its casts there are guesses)."""
    edits = index_edits(code, output) + conversion_edits(code, output) + idiom_edits(code, output)
    named = _without_overlaps({(a, b): r for a, b, r in edits})
    rest = [(a, b, r) for a, b, r in rustc_edits(output) if all(b <= s or a >= e for s, e, _ in named)]
    return apply_edits(code, named + rest)


# --- reading a failed build or test run ------------------------------------------------------------------
# a panic's message and place: ``panicked at 'msg', main.rs:12:5`` (rustc < 1.73) or ``panicked at main.rs:12:5:\nmsg``
_PANICS = (re.compile(r"panicked at '(?P<msg>(?:(?!panicked at ).)*?)', (?P<file>\S+):(?P<line>\d+):\d+", re.S),
           re.compile(r"panicked at (?P<file>\S+):(?P<line>\d+):\d+:\n(?P<msg>.*?)(?:\nnote:|\n\n|$)", re.S))
_CALLING = "act-call: "  # what the io tests print before each call
_ASSERT = re.compile(r"left: `?(.*?)`?,?\s+right: `?(.*?)`?(?:: (.*))?$", re.S)


def _sections(output: str) -> list[tuple[str, str]]:
    """libtest's report of each failed test: (its name, what it printed, panics included); the whole output as one
    when there are none."""
    heads = list(re.finditer(r"^---- (\S+) stdout ----$", output, flags=re.M))
    if not heads:
        return [("", output)]
    return [(h[1], output[h.end():end]) for h, end in zip(heads, [h.start() for h in heads[1:]] + [len(output)],
                                                         strict=True)]


def _final_panic(printed: str) -> re.Match[str] | None:
    """The panic that ended a test: the panics before it were expected ones (``catch_unwind``)."""
    return max((m for p in _PANICS for m in p.finditer(printed)), key=lambda m: m.start(), default=None)


def _difference(printed: str) -> str:
    """A failed test's check: the panic that ended it, as ``call = got, want expected`` for an ``assert_eq!``
    labelled with its call, a should-panic, or a panic no check raised (a slice out of range in the standard
    library) as ``call panics: message``, the call being the one the io tests said they were making."""
    if (last := _final_panic(printed)) is None:
        return ""
    message = last["msg"].strip()
    if a := _ASSERT.search(message):
        label = a.group(3) or message.splitlines()[0].partition("failed: ")[2]  # rustc >= 1.73: first line
        got, want, call = (" ".join(x.split()) for x in (a.group(1), a.group(2), label or "?"))
        return f"{call} = {got}, want {want}"
    message = " ".join(message.split())
    calling = re.findall(rf"^{_CALLING}(.*)$", printed[:last.start()], flags=re.M)
    checked = message.endswith(" should panic") or ", want " in message  # a check's own message names its call
    return f"{calling[-1]} panics: {message}" if calling and not checked else message


def differences(output: str) -> list[str]:
    """Each failed test's check, in the order libtest reports them."""
    return [d for _, printed in _sections(output) if (d := _difference(printed))]


def panic_sites(output: str) -> list[tuple[int, str]]:
    """(line, message) of the panic that ended each failed test, when raised in main.rs: ``panic!``,
    ``unwrap``/``expect``, an index out of bounds, an overflow (one inside the standard library, e.g. a string
    sliced past its end, names its own file). Earlier panics of a test were expected ones (``catch_unwind``)."""
    found = set()
    for _, printed in _sections(output):
        last = _final_panic(printed)
        if last is not None and last["file"] == "main.rs" and "panicked at" not in printed[last.end():]:
            found.add((int(last["line"]), " ".join(last["msg"].split())))
    return sorted(found)


def failed_checks(output: str) -> int | None:
    """The failed scenarios, from libtest's summary (each scenario is one ``#[test]``)."""
    m = re.search(r"test result: FAILED\. \d+ passed; (\d+) failed", output)
    return int(m[1]) if m else None


_SCENARIO_BODY = re.compile(r"fn scenario_(\d+)\(\) \{\n(.*?)\n    \}", re.S)
# the lines of a scenario that make a call, and those of them that check what it did
_STEP_CALL = re.compile(r"\s*(?:let (?:mut o|got) = |assert!\(catch_unwind\(AssertUnwindSafe\(\|\| \{ )?"
                        r"(?:o\.|\w+::)(\w+)\(")
_CHECKED_CALL = re.compile(r"\s*(?:let got = |assert!\(catch_unwind)")


def _expects(line: str, value: str) -> bool:
    """Whether a check line expects ``value`` as a failed check prints it (a float as ``25``, written ``25.0``)."""
    written = re.search(r"let want: \S+ = (.*);$", line)
    if written is None:
        return False
    try:
        return float(written[1]) == float(value)
    except ValueError:
        return value in written[1]


def unchecked_calls(tests: str, output: str) -> list[tuple[str, ...]]:
    """Per failed io-test scenario, the members called after its last check that passed and before the one that
    failed (the constructor included when no check came before): where the state a failing read showed was made.
    The failing check is the first line making the call its message names, with the value it expected."""
    bodies = {m[1]: m[2].splitlines() for m in _SCENARIO_BODY.finditer(tests)}
    out = []
    for test, printed in _sections(output):
        named = re.match(r"(.+?)(?: = .*, want (.*)| should panic)$", _difference(printed))
        lines = bodies.get(test.removeprefix("act_io_tests::scenario_"))
        if named is None or lines is None:
            continue
        calls = [i for i, line in enumerate(lines) if named[1] in line and _STEP_CALL.match(line)]
        at = next((i for i in calls if named[2] and _expects(lines[i], named[2])), calls[0] if calls else None)
        if at is None:
            continue
        after = max((i for i in range(at) if _CHECKED_CALL.match(lines[i])), default=-1)
        out.append(tuple(m[1] for line in lines[after + 1:at] if (m := _STEP_CALL.match(line))))
    return out


def compile_kind(output: str) -> str:
    """The most frequent error code (E0308, ...): what the evaluation counts."""
    codes = re.findall(r"error\[(E\d{4})\]", output)
    return Counter(codes).most_common(1)[0][0] if codes else "other"


# --- sandbox recipes ------------------------------------------------------------------------------------
# Linking Rust's std dynamically cuts a test build from ~0.41 s to ~0.14 s; rpath finds it on hosts too.
_RUSTC = ("rustc", "--edition", "2021", "-A", "warnings", "-C", "prefer-dynamic", "-C", "rpath")
# Offline cargo: crates come from Debian's librust-*-dev packages in the image, never from a registry.
_CARGO_CONFIG = (
    "[source.crates-io]\nreplace-with = \"debian\"\n\n"
    "[source.debian]\ndirectory = \"/usr/share/cargo/registry\"\n\n[net]\noffline = true\n"
)
# Crates the image carries (Debian's librust-*-dev), as the TOML dependency value to ask cargo for.
# Debian's regex lacks the optional crates of its default "perf" feature, hence no default features.
IMAGE_CRATES: Mapping[str, str] = {
    "md5": '"0.7"',
    "regex": '{ version = "1", default-features = false, features = ["std", "unicode"] }',
}


def cargo_manifest(crates: Mapping[str, str], name: str = "act_job") -> str:
    """A Cargo.toml for ``rust_cargo_test`` jobs; ``crates`` maps crate name to a TOML dependency value."""
    deps = "".join(f"{crate} = {spec}\n" for crate, spec in sorted(crates.items()))
    return f'[package]\nname = "{name}"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n{deps}'


# The borrow checker's errors (moves, borrows, lifetimes, assignments to what is not mutable): rustc reports them
# only for code that type-checks.
_BORROW_CHECK = re.compile(r"^error\[E0(?:373|38[1-4]|49[6-9]|50[0-9]|51[0-5]|59[4-7]|71[2-6])\]")


def _blames_tests(errors: str, code: str) -> bool:
    """The tests are appended after the code: an error first seen below the code is in them."""
    lines = [int(n) for n in re.findall(r"main\.rs:(\d+):", errors)]
    return bool(lines) and min(lines) > code.count("\n") + 1


LANGUAGE = Language(
    name="rust", display="Rust", language_ids=("rust",), suffixes=(".rs",), fence="rust", file_case="snake",
    recipes=(
        Recipe(name="rust", language="rust", main_file="main.rs",
               compile=(*_RUSTC, "-o", "prog", "main.rs"), run=("./prog",),
               description="rustc --edition 2021 + run"),
        Recipe(name="rust_test", language="rust", main_file="main.rs",
               compile=(*_RUSTC, "--test", "-o", "prog", "main.rs"),
               run=("./prog",),
               description="rustc --edition 2021 --test: the #[cfg(test)] module is appended to main.rs"),
        Recipe(name="rust_check", language="rust", main_file="main.rs",
               compile=("rustc", "--edition", "2021", "--crate-type", "lib", "--emit=metadata", "-A", "warnings",
                        "-o", "check.rmeta", "main.rs"),
               run=("true",), description="compile check only (type-checks as a library crate)"),
        Recipe(name="rust_check_json", language="rust", main_file="main.rs",
               compile=("rustc", "--edition", "2021", "--crate-type", "lib", "--emit=metadata", "-A", "warnings",
                        "--error-format=json", "-o", "check.rmeta", "main.rs"),
               run=("true",), description="compile check with rustc's JSON diagnostics (suggested fixes)"),
        Recipe(name="rust_cargo_test", language="rust", main_file="src/main.rs",
               static_files={".cargo/config.toml": _CARGO_CONFIG},
               env={"CARGO_HOME": "{workdir}/.cargo-home", "CARGO_TARGET_DIR": "{workdir}/target",
                    "CARGO_NET_OFFLINE": "true"},
               compile=("cargo", "test", "--offline", "--no-run", "-q",
                        "--config", "{workdir}/.cargo/config.toml"),
               run=("cargo", "test", "--offline", "-q", "--config", "{workdir}/.cargo/config.toml"),
               description="cargo test with Debian-packaged crates (md5, regex); the job supplies Cargo.toml"),
    ),
    packages=("rustc", "cargo", "librust-md5-dev", "librust-regex-dev"),
    compile_recipe="rust_check", test_recipe="rust_test", crate_test_recipe="rust_cargo_test", crates=IMAGE_CRATES,
    crate_files=lambda crates: {"Cargo.toml": cargo_manifest(crates)},
    writing=Writing(
        preamble="", types={"cpp": from_cpp}, signature=signature, type_scaffold=type_scaffold,
        record=record, methods_in_impl=True, body_indent=" " * 4, declarations=("", ("fn ", "impl "), "\n\n"),
        io_tests=io_tests,
        tidy=tidy, fixer=Fixer("rust_check_json", compiler_fix),
        tests=TestScaffold(prefix="#[cfg(test)]\nmod tests {\n    use super::*;\n\n"
                                  "    #[test]\n    fn translated() {\n",
                           style="use assert! and assert_eq!", blames_tests=_blames_tests),
        # the message, its place, and the label under the primary span (``^^^ expected `i64`, found `i32```): the
        # message alone ("mismatched types") does not say what to change
        compiler_errors=re.compile(r"^(?P<msg>error(?:\[E\d{4}\])?: .+)\n\s*--> main\.rs:(?P<line>\d+):(?P<col>\d+)"
                                   r"(?:\n\s*\|\n(?:\s*\d+\s*\|.*\n(?:\s*\|[^\^\n]*\n)*?)+?\s*\|[^\^\n]*\^+ ?"
                                   r"(?P<detail>[^\n-][^\n]*)?)?", re.M),  # "^ - x": x labels another span
        late_error=_BORROW_CHECK,
        definition=r"^\s*(?:pub )?fn {name}\b",
        differences=differences, unfailed=" should panic", failed_checks=failed_checks, panic_sites=panic_sites,
        unchecked_calls=unchecked_calls,
        compile_kind=compile_kind,
        panic=re.compile(r"panicked at .*(?:index out of bounds|overflow|unwrap|divide by zero)"),
    ),
)
