"""Go as a target language: signatures and types written from a source's (Java's), the io tests as a Go test,
what small models always get wrong fixed (imports from use, one package clause), compiler-guided fixes from
``go build``'s messages, and the sandbox recipes (Go 1.19 in the image: no min/max builtins, no ``slices``)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from act_lsp.languages import java
from act_lsp.languages.base import Fixer, Language, Recipe, TestScaffold, TypeMap, Writing, balance_braces
from act_lsp.program import (
    Outcome,
    Param,
    Scenario,
    Signature,
    char_literal,
    float_literal,
    generic,
    set_items,
)

# --- types: how a Java type is spelled in Go ----------------------------------------------------------
_FROM_JAVA = {
    "int": "int", "Integer": "int", "long": "int", "Long": "int", "short": "int", "Short": "int",
    "byte": "byte", "Byte": "byte", "double": "float64", "Double": "float64", "float": "float64",
    "Float": "float64", "boolean": "bool", "Boolean": "bool", "String": "string", "char": "rune",
    "Character": "rune", "Object": "interface{}", "void": "", "CharSequence": "string", "StringBuilder": "string",
    "BigInteger": "int", "Number": "float64",
}


def from_java(t: str) -> str:
    t = re.sub(r"\b(final|@\w+)\s+", "", t.strip())
    if t.endswith("[]"):
        return "[]" + from_java(t[:-2])
    if t.endswith("..."):
        return "..." + from_java(t[:-3])
    base, args = generic(t)
    base = base.split(".")[-1]
    if base in java.LISTS and args:
        return "[]" + from_java(args[0])
    if base in java.MAPS and len(args) == 2:
        return f"map[{from_java(args[0])}]{from_java(args[1])}"
    if base in java.SETS and args:
        return f"map[{from_java(args[0])}]bool"
    if base == "Optional" and args:
        return "*" + from_java(args[0])
    if base in _FROM_JAVA:
        return _FROM_JAVA[base]
    return "*" + base if base[:1].isupper() else base  # a user class: pointer to the Go struct of that name


# --- signatures and declarations ------------------------------------------------------------------------
_RESERVED = {"string": "str", "len": "length", "type": "typ", "func": "fn", "range": "rng", "map": "m",
                "chan": "ch", "select": "sel", "default": "def", "var": "v", "go": "g", "interface": "iface",
                "struct": "st", "package": "pkg", "int": "n", "byte": "b", "rune": "r", "error": "err", "copy": "cp",
                "append": "app", "cap": "capacity", "new": "nw", "make": "mk", "delete": "del", "close": "cls",
                "fallthrough": "ft", "defer": "df", "import": "imp", "goto": "gt"}


def exported(name: str) -> str:
    return name[:1].upper() + name[1:]


def param_name(name: str) -> str:
    return _RESERVED.get(name, name)


def signature(sig: Signature, types: TypeMap) -> str:
    """Static method → func; instance method → method on *Owner; constructor → NewOwner; throws → error result."""
    params = ", ".join(f"{param_name(p.name)} {types(p.type)}" for p in sig.params)
    if sig.constructor:
        ret = f"*{sig.owner}" if not sig.throws else f"(*{sig.owner}, error)"
        return f"func New{sig.owner}({params}) {ret}"
    ret = types(sig.returns)
    if sig.throws:
        ret = f"({ret}, error)" if ret else "error"
    head = f"func ({sig.owner[:1].lower()} *{sig.owner}) " if sig.owner else "func "
    return f"{head}{exported(sig.name)}({params})" + (f" {ret}" if ret else "")


def record(name: str, fields: list[Param], types: TypeMap) -> str:
    """The struct with its fields mapped (for a Java class of fields only, the whole declaration)."""
    body = "".join(f"\t{param_name(f.name)} {types(f.type)}\n" for f in fields)
    return f"type {name} struct {{\n{body}}}\n\n"


def type_scaffold(owner: str, fields: list[Param], first: str, types: TypeMap) -> str:
    """The struct, then the class's first method (usually NewOwner) opened."""
    return record(owner, fields, types) + f"{first} {{\n"


def error_type(name: str) -> str:
    """A Java exception class becomes a Go error type, written out in the answer's prefix: boilerplate the
    model then only has to use (measured: the 0.5B model returned `&X{...}` without ever declaring X)."""
    return (f"type {name} struct {{\n\tmessage string\n}}\n\n"
            f"func (e *{name}) Error() string {{ return e.message }}\n\n")


# --- io tests: a Go test with the recorded outcomes -----------------------------------------------------
def _bracket_split(t: str) -> tuple[str, str]:
    """``map[K]V`` → (K, V) with nested brackets."""
    depth = 0
    for i, ch in enumerate(t):
        depth += {"[": 1, "]": -1}.get(ch, 0)
        if depth == 0 and ch == "]":
            return t[4:i], t[i + 1:]
    raise ValueError(t)


def literal(gotype: str, v: Any) -> str:
    if gotype.startswith("[]"):
        return f"{gotype}{{{', '.join(literal(gotype[2:], x) for x in v)}}}"
    if gotype.startswith("map["):
        key, val = _bracket_split(gotype)
        if val == "bool" and v and not isinstance(v[0], list):  # a Java Set
            return f"{gotype}{{{', '.join(literal(key, x) + ': true' for x in set_items(v))}}}"
        return f"{gotype}{{{', '.join(literal(key, k) + ': ' + literal(val, x) for k, x in v)}}}"
    if gotype == "string":
        return json.dumps(v, ensure_ascii=False)
    if gotype == "rune":
        return char_literal(v)
    if gotype == "bool":
        return "true" if v else "false"
    if gotype == "float64":
        return float_literal(v, "math.NaN()", "math.Inf(1)", "math.Inf(-1)")
    if gotype == "byte":
        return f"byte({v})"
    return str(v)


# A nil slice or map is Java's null, an empty one Java's empty collection: they differ (``== nil``, JSON, testify's
# Equal), so a translation that returns nil for ``new ArrayList<>()`` does not behave as the source.
_TEST_HELPERS = """
func actPanics(f func()) (panicked bool) {
\tdefer func() {
\t\tif recover() != nil {
\t\t\tpanicked = true
\t\t}
\t}()
\tf()
\treturn false
}

func actNum(v reflect.Value) (float64, bool) {
\tswitch v.Kind() {
\tcase reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
\t\treturn float64(v.Int()), true
\tcase reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
\t\treturn float64(v.Uint()), true
\tcase reflect.Float32, reflect.Float64:
\t\treturn v.Float(), true
\t}
\treturn 0, false
}

func actEq(a, b reflect.Value) bool {
\tfor a.IsValid() && (a.Kind() == reflect.Interface || a.Kind() == reflect.Ptr) && !a.IsNil() {
\t\ta = a.Elem()
\t}
\tif a.IsValid() && (a.Kind() == reflect.Slice || a.Kind() == reflect.Map) && a.IsNil() {
\t\treturn !b.IsValid() || ((b.Kind() == reflect.Slice || b.Kind() == reflect.Map) && b.IsNil())
\t}
\tif !a.IsValid() || !b.IsValid() {
\t\treturn a.IsValid() == b.IsValid()
\t}
\tif x, ok := actNum(a); ok {
\t\ty, ok2 := actNum(b)
\t\treturn ok2 && (x == y || math.Abs(x-y) <= 1e-6*math.Max(1, math.Abs(y)) || (math.IsNaN(x) && math.IsNaN(y)))
\t}
\tswitch a.Kind() {
\tcase reflect.Slice, reflect.Array:
\t\tif (b.Kind() != reflect.Slice && b.Kind() != reflect.Array) || a.Len() != b.Len() {
\t\t\treturn false
\t\t}
\t\tfor i := 0; i < a.Len(); i++ {
\t\t\tif !actEq(a.Index(i), b.Index(i)) {
\t\t\t\treturn false
\t\t\t}
\t\t}
\t\treturn true
\tcase reflect.Map:
\t\tif b.Kind() != reflect.Map || a.Len() != b.Len() || a.Type().Key() != b.Type().Key() {
\t\t\treturn false
\t\t}
\t\tfor _, k := range b.MapKeys() {
\t\t\tv := a.MapIndex(k)
\t\t\tif !v.IsValid() || !actEq(v, b.MapIndex(k)) {
\t\t\t\treturn false
\t\t\t}
\t\t}
\t\treturn true
\t}
\treturn a.Kind() == b.Kind() && a.CanInterface() && b.CanInterface() && a.Interface() == b.Interface()
}

func actCheck(t *testing.T, call string, panicked bool, err error, got, want interface{}, throws, value bool) {
\tt.Helper()
\tswitch {
\tcase throws:
\t\tif !panicked && err == nil {
\t\t\tt.Errorf("%s: expected an error or a panic", call)
\t\t}
\tcase panicked:
\t\tt.Errorf("%s: unexpected panic", call)
\tcase err != nil:
\t\tt.Errorf("%s: unexpected error %v", call, err)
\tcase value && !actEq(reflect.ValueOf(got), reflect.ValueOf(want)):
\t\tt.Errorf("%s = %#v, want %#v", call, got, want)
\t}
}
"""


def io_tests(scenarios: Sequence[Scenario], outcomes: Sequence[Sequence[Outcome]], types: TypeMap) -> str:
    lines = ["package main", "", "import (", '\t"math"', '\t"reflect"', '\t"testing"', ")", _TEST_HELPERS,
             "func TestTranslatedBehaviour(t *testing.T) {"]
    for sc, outs in zip(scenarios, outcomes, strict=True):
        lines.append("\t{")
        if sc.owner:
            lines += [f"\t\tvar o *{sc.owner}", "\t\t_ = o"]
        for step, out in zip(sc.steps, outs, strict=True):
            sig = step.sig
            args = ", ".join(literal(types(p.type), a) for p, a in zip(sig.params, step.args, strict=True))
            ret = "" if sig.constructor else types(sig.returns)
            if sig.constructor:
                callee, lhs = f"New{sig.owner}", "o, err = " if sig.throws else "o = "
            else:
                callee = f"o.{exported(sig.name)}" if sig.owner else exported(sig.name)
                lhs = ("got, err = " if ret else "err = ") if sig.throws else ("got = " if ret else "")
            call = f"{callee}({args})"
            want = literal(ret, out.value) if ret and not out.throws else "nil"
            lines += ["\t\t{", "\t\t\tvar got interface{}", "\t\t\tvar err error",
                      f"\t\t\tp := actPanics(func() {{ {lhs}{call} }})",
                      f"\t\t\tactCheck(t, {json.dumps(call)}, p, err, got, {want}, {str(out.throws).lower()}, "
                      f"{str(bool(ret)).lower()})", "\t\t}"]
            if sig.constructor and out.throws:
                break
        lines.append("\t}")
    lines.append("}")
    return "\n".join(lines) + "\n"



def with_current_helpers(tests: str) -> str:
    """Stored io tests (a pair's, an evaluation task's) with today's comparison helpers in place of those they were
    written with, the test cases unchanged: how data validated under an older rule is checked again."""
    head, _, rest = tests.partition("\nfunc actPanics")
    return head + _TEST_HELPERS.rstrip("\n") + "\n" + rest[rest.index("\nfunc TestTranslatedBehaviour"):]

# --- tidy: what small models always get wrong -----------------------------------------------------------
STD_PACKAGES = {
    "fmt": "fmt", "strings": "strings", "strconv": "strconv", "math": "math", "sort": "sort", "unicode": "unicode",
    "errors": "errors", "bytes": "bytes", "os": "os", "time": "time", "utf8": "unicode/utf8", "regexp": "regexp",
    "big": "math/big", "bits": "math/bits", "rand": "math/rand", "md5": "crypto/md5", "hex": "encoding/hex",
    "slices": "slices", "maps": "maps", "reflect": "reflect", "sync": "sync", "io": "io", "bufio": "bufio",
    "cmplx": "math/cmplx", "heap": "container/heap", "list": "container/list", "json": "encoding/json",
    "testing": "testing",
}
_IMPORT_BLOCK = re.compile(r"^import\s*\((?:[^()]*)\)\s*\n|^import\s+(?:\w+\s+)?\"[^\"]+\"\s*\n", re.M)


def _strip_strings(code: str) -> str:
    code = re.sub(r"//[^\n]*", "", code)
    code = re.sub(r"/\*.*?\*/", "", code, flags=re.S)
    code = re.sub(r"`[^`]*`", '""', code)
    return re.sub(r'"(?:\\.|[^"\\\n])*"', '""', code)


def tidy(code: str) -> str:
    """One package clause, first; the imports recomputed from use (a standard-library-only goimports)."""
    code = balance_braces(code)
    lines = code.splitlines()
    # One package clause, first; drop repeats the model wrote after the scaffold's.
    seen_package = False
    kept = []
    for line in lines:
        if re.match(r"^\s*package\s+\w+\s*$", line):
            if seen_package:
                continue
            seen_package = True
        kept.append(line)
    code = "\n".join(kept) + "\n"
    if not seen_package:
        code = "package main\n\n" + code
    body = _IMPORT_BLOCK.sub("", code)
    declared_aliases = set(re.findall(r"^import\s+(\w+)\s+\"", code, re.M))
    scan = _strip_strings(body)
    used = sorted({path for name, path in STD_PACKAGES.items() if re.search(rf"(?<![\w.]){name}\.\w", scan)})
    used += sorted(a for a in declared_aliases if a not in STD_PACKAGES)  # keep unusual explicit imports
    header, _, rest = body.partition("\n")
    imports = ""
    if used:
        imports = "\nimport (\n" + "".join(f'\t"{p}"\n' for p in used) + ")\n"
    return header + "\n" + imports + "\n" + rest.lstrip("\n")


# --- compiler-guided fixes ------------------------------------------------------------------------------
# Go's compiler suggests nothing, but its messages name the mistakes small models make translating Java: a
# string concatenated with a number, a field used without its receiver, a Java cast ``(int) x``, a variable
# declared and not used. Each message gives a position and the offending expression: a local rewrite.
_DIAGNOSTIC = re.compile(r"^\./main\.go:(\d+):(\d+): (.*)$", re.M)
_NUMERIC = {"int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
               "float32", "float64", "bool", "untyped int", "untyped float", "untyped bool"}
_CHAR = {"rune", "byte", "untyped rune"}
_CAST = re.compile(r"\((int|int32|int64|float32|float64|byte|rune|string)\)[ \t]*"
                      r"(-?[A-Za-z_][\w.]*(?:\([^()\n]*\)|\[[^\[\]\n]*\])*|-?\d+(?:\.\d+)?|\([^()\n]*\))")


def _outside_literals(text: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """(index, bracket depth after it) of each character of ``text`` from ``start`` outside string and rune
    literals: the one scan behind splitting an expression and finding a closing bracket."""
    depth, quote, i = 0, "", start
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'`":
            quote = ch
        else:
            depth += (ch in "([{") - (ch in ")]}")
            yield i, depth
        i += 1


def _top_level_split(expr: str, op: str) -> list[str]:
    """``expr`` split at ``op`` outside brackets and literals (``a + f(b + c)`` → ``a``, ``f(b + c)``)."""
    parts, start = [], 0
    for i, depth in _outside_literals(expr):
        if i >= start and depth == 0 and expr[i] not in "()[]{}" and expr.startswith(op, i):
            parts.append(expr[start:i])
            start = i + len(op)
    return parts + [expr[start:]]


def _written_end(line: str, col: int, expr: str) -> int | None:
    """Where ``expr`` ends when it is written at ``col`` of ``line``, or None. The compiler prints an expression
    with spaces around its operators (``"n=" + n``); gofmt-style source may have none (``"n="+n``)."""
    i, quote, escaped = col, "", False
    for ch in expr:
        if not quote and ch == " ":
            continue
        while not quote and i < len(line) and line[i] in " \t":
            i += 1
        if i >= len(line) or line[i] != ch:
            return None
        if escaped:
            escaped = False
        elif quote and ch == "\\":
            escaped = True
        elif quote and ch == quote:
            quote = ""
        elif not quote and ch in "\"'`":
            quote = ch
        i += 1
    return i


def _one_string_field(code: str, type_name: str) -> bool:
    """Whether ``type_name`` is a struct of one string field (how the scaffold derives a Java exception class)."""
    return re.search(rf"^type\s+{re.escape(type_name)}\s+struct\s*\{{\s*\w+\s+string\s*\}}", code, re.M) is not None


def _stringify(expr: str, go_type: str) -> str:
    return f"string({expr})" if go_type in _CHAR else f"fmt.Sprint({expr})"


def _concat_fix(expr: str, left_type: str, right_type: str) -> str | None:
    """Java's string + number, in Go: the non-string side of the failing (last, left-associative) ``+``."""
    for op in (" += ", " + "):
        parts = _top_level_split(expr, op)
        if len(parts) < 2 or (op == " += " and len(parts) != 2):
            continue
        left, right = op.join(parts[:-1]), parts[-1]
        if left_type.endswith("string") and (right_type in _NUMERIC or right_type in _CHAR):
            return f"{left}{op}{_stringify(right, right_type)}"
        if right_type.endswith("string") and (left_type in _NUMERIC or left_type in _CHAR) and op == " + ":
            return f"{_stringify(left, left_type)}{op}{right}"
        return None
    return None


_INTEGER = {"int", "int8", "int16", "int32", "int64", "uint8", "byte", "rune", "uint", "uint16", "uint32", "uint64"}


def _widens(source: str, target: str) -> bool:
    """Whether Java converts ``source`` to ``target`` implicitly (a widening primitive conversion: exact for every
    value these programs hold), so writing the Go conversion keeps the meaning."""
    if target in ("float64", "float32"):
        return source in _INTEGER or (source, target) == ("float32", "float64")
    if target in ("rune", "int32"):  # Java's char is a 16-bit number; Go's byte of a string widens to a rune
        return source in ("byte", "uint8", "int8", "int16", "uint16")
    if target == "int":  # a char, short or byte in int arithmetic (``sum += c``)
        return source in ("byte", "uint8", "rune", "int8", "int16", "int32", "uint16")
    return target == "int64" and source in _INTEGER - {"int64", "uint", "uint64"}


# Java's Math.max/min/abs of ints, translated through float64 and used as an int: exact, so the int conversion
# keeps the meaning (every int these programs hold is exact in a float64).
_INT_MATH = re.compile(r"math\.(?:Max|Min|Abs)\(float64\([^()]*\)(?:, float64\([^()]*\))?\)")


def _converts(expr: str, source: str, target: str) -> bool:
    """Whether ``expr`` of type ``source`` can be written as ``target(expr)`` keeping Java's meaning."""
    return _widens(source, target) or (source, target) == ("float64", "int") and bool(_INT_MATH.fullmatch(expr))


# The operators of a binary expression by precedence, lowest first: the last of the lowest class present is the
# root of a left-associative expression, as the compiler prints it (every operator between spaces).
_ASSIGN = (" += ", " -= ", " *= ", " /= ")
_BINARY = (_ASSIGN, (" == ", " != ", " <= ", " >= ", " < ", " > "), (" + ", " - "), (" * ", " / ", " % "))


def _widen_fix(expr: str, left_type: str, right_type: str) -> str | None:
    """Java's mixed arithmetic (``sum + i / 2`` with a double sum), in Go: the narrower side of the failing
    operation converted to the wider type, as Java does implicitly."""
    for ops in _BINARY:
        splits = [(len(expr) - len(parts[-1]) - len(op), op) for op in ops
                  if len(parts := _top_level_split(expr, op)) > 1]
        if splits:
            at, op = max(splits)
            left, right = expr[:at], expr[at + len(op):]
            if _widens(right_type, left_type):
                return f"{left}{op}{left_type}({right})"
            if _widens(left_type, right_type) and op not in _ASSIGN:  # an assignment's left side is a variable
                return f"{right_type}({left}){op}{right}"
            return None
    return None


def _receiver_at(lines: list[str], row: int) -> tuple[str, str] | None:
    """(receiver name, type) of the method around line ``row``."""
    for line in reversed(lines[: row + 1]):
        m = re.match(r"^func\s*\(\s*(\w+)\s+\*?(\w+)\s*\)", line)
        if m:
            return m.group(1), m.group(2)
        if line.startswith("func "):
            return None
    return None


def _members(code: str, type_name: str) -> set[str]:
    """Fields and methods of a Go struct type."""
    names = set(re.findall(rf"^func\s*\(\s*\w+\s+\*?{type_name}\s*\)\s*(\w+)", code, re.M))
    body = re.search(rf"^type\s+{type_name}\s+struct\s*\{{(.*?)^\}}", code, re.M | re.S)
    if body:
        for line in body.group(1).splitlines():
            m = re.match(r"^\s*(\w+(?:\s*,\s*\w+)*)\s+\S", line)
            if m:
                names.update(n.strip() for n in m.group(1).split(","))
    return names


# Java's String and collection methods as Go writes them ({x}: the receiver, {0} {1}: the arguments), for
# "x.trim undefined (type string has no field or method trim)": seen on the realistic classes (`raw.Trim()`,
# `line.length()`, `fields.length`), where the 0.5B writes Java method calls in Go syntax.
_JAVA_METHODS = {
    "length": "len({x})", "size": "len({x})", "isEmpty": "len({x}) == 0", "trim": "strings.TrimSpace({x})",
    "Trim": "strings.TrimSpace({x})", "strip": "strings.TrimSpace({x})", "toLowerCase": "strings.ToLower({x})",
    "toUpperCase": "strings.ToUpper({x})", "ToLower": "strings.ToLower({x})", "ToUpper": "strings.ToUpper({x})",
    "contains": "strings.Contains({x}, {0})",
    "startsWith": "strings.HasPrefix({x}, {0})", "endsWith": "strings.HasSuffix({x}, {0})",
    "indexOf": "strings.Index({x}, {0})", "lastIndexOf": "strings.LastIndex({x}, {0})",
    "split": "strings.Split({x}, {0})", "replace": "strings.ReplaceAll({x}, {0}, {1})", "equals": "({x} == {0})",
    "charAt": "{x}[{0}]", "substring": "{x}[{0}:{1}]", "repeat": "strings.Repeat({x}, {0})",
    "Repeat": "strings.Repeat({x}, {0})", "Replace": "strings.ReplaceAll({x}, {0}, {1})",
}
_ON_SLICES = {"length", "size", "isEmpty"}
_NO_METHOD = re.compile(r".+\.(\w+) undefined \(type (?:untyped )?(string|\[\]\S+) has no field or method \w+\)$")


def _operand_start(line: str, end: int) -> int:
    """Where the operand that ends just before ``end`` starts (``strings.ToLower(s)``, ``xs[i]``, ``a.b``)."""
    i = end
    while i > 0:
        ch = line[i - 1]
        if ch in ")]":
            depth, i = 0, i - 1
            while i >= 0:
                depth += {")": 1, "]": 1, "(": -1, "[": -1}.get(line[i], 0)
                if depth == 0:
                    break
                i -= 1
        elif ch == '"':
            i = line.rfind('"', 0, i - 1)
        elif not (ch.isalnum() or ch in "_."):
            break
        if i <= 0:
            return max(i, 0)
        if ch not in ")]\"":
            i -= 1
    return i


def _closing(line: str, at: int) -> int | None:
    """The index of the bracket that closes the one at ``at``, string and rune literals skipped."""
    return next((i for i, depth in _outside_literals(line, at) if depth == 0), None)


def _java_method(line: str, col: int, method: str) -> str | None:
    """The line with the Java call at ``col`` (its method name) written the Go way, or None."""
    if not 1 <= col <= len(line) or line[col - 1] != "." or not line.startswith(method, col):
        return None
    start, end = _operand_start(line, col - 1), col + len(method)
    args: list[str] = []
    if line[end:end + 1] == "(":
        close = _closing(line, end)
        if close is None:
            return None
        inner = line[end + 1:close]
        args = [a.strip() for a in _top_level_split(inner, ",")] if inner.strip() else []
        end = close + 1
    template = _JAVA_METHODS[method]
    if method == "substring" and len(args) == 1:
        args.append("")
    if len(args) != len(set(re.findall(r"\{(\d)\}", template))):
        return None
    return line[:start] + template.format(*args, x=line[start:col - 1]) + line[end:]


# Java's unboxing calls on a Go number (``xs[i].intValue()`` for an ``Integer`` list): the value itself, converted.
_UNBOXING = {"intValue": "int", "longValue": "int64", "doubleValue": "float64", "floatValue": "float32",
             "shortValue": "int16", "byteValue": "byte"}
_UNBOXED = re.compile(r".+\.(" + "|".join(_UNBOXING) + r") undefined \(type (\w+) has no field or method \w+\)$")


def _unboxed(line: str, col: int, method: str, of_type: str) -> str | None:
    """The line with ``x.intValue()`` at ``col`` (its method name) written as ``x`` (or ``int64(x)`` when the
    types differ), or None."""
    call = f"{method}()"
    if not 1 <= col <= len(line) or line[col - 1] != "." or not line.startswith(call, col):
        return None
    start, go_type = _operand_start(line, col - 1), _UNBOXING[method]
    operand = line[start:col - 1]
    value = operand if go_type == of_type else f"{go_type}({operand})"
    return line[:start] + value + line[col + len(call):]


# An integer where Java would widen it (``math.Pow(n, 2)``, ``return xs[i]`` from a double method).
_NARROWER = re.compile(r"cannot use (.+) \((?:variable|value) of type (\w+)\) as (?:type )?(\w+) (?:value )?in ")
_WHILE = re.compile(r"^(\s*)while\s*(\(.*\))\s*\{\s*$")


def _java_statements(lines: list[str]) -> list[str]:
    """Java statements Go's parser rejects, written the Go way: ``while (c) {`` as ``for c {``, and an ``else`` on
    the line after its ``}`` (Go ends the statement at that line break) joined to it."""
    out: list[str] = []
    for line in lines:
        loop = _WHILE.match(line)
        if loop and _closing(loop.group(2), 0) == len(loop.group(2)) - 1:
            line = f"{loop.group(1)}for {loop.group(2)[1:-1].strip()} {{"
        if re.match(r"\s*else\b", line) and out and out[-1].rstrip().endswith("}"):
            out[-1] = out[-1].rstrip() + " " + line.strip()
            continue
        out.append(line)
    return out


_CONVERSION = re.compile(r"cannot convert .+ \((?:untyped string constant|(?:variable|value) of type string)\) "
                         r"to type (\w+)$")
_OTHER_CASE = re.compile(r".+\.(\w+) undefined \(type .+ has no field or method \w+, but does have "
                         r"(?:field |method )?(\w+)\)$")
_QUESTION = re.compile(r"^\./main\.go:(\d+):(\d+): invalid character U\+003F '\?'", re.M)
_SIMPLE = re.compile(r"-?[\w.]+|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])+'")  # a name, a number, a string or rune literal


def _ternary(line: str, col: int) -> str | None:
    """A Java ternary statement (``return c ? a : b``, ``x = c ? a : b``, ``x := c ? a : b``, ``x += ...``) written
    as Go's if/else, the ``?`` at ``col``; None for one inside a larger expression or nested. Only the chosen branch
    is evaluated, as in Java; ``:=`` declares with the branch that is a plain name or literal, so the other one is
    still evaluated only when chosen (and is left alone when neither is)."""
    indent = line[: len(line) - len(line.lstrip())]
    head = re.match(r"return\s+|([\w.]+(?:\[[^\]]*\])?)\s*(:=|=|\+=|-=)\s*", line[len(indent):])
    if head is None or not 0 <= col - len(indent) - head.end() < len(line):
        return None
    cond = line[len(indent) + head.end():col].strip()
    branches = _top_level_split(line[col + 1:].rstrip().removesuffix(";"), ":")
    if len(branches) != 2 or not cond or "?" in cond:
        return None
    a, b = (x.strip() for x in branches)
    if not a or not b or "?" in a + b:
        return None
    cond = cond[1:-1] if cond.startswith("(") and _closing(cond, 0) == len(cond) - 1 else cond
    inner = indent + "\t"
    if head.group(0).startswith("return"):
        return f"{indent}if {cond} {{\n{inner}return {a}\n{indent}}}\n{indent}return {b}"
    target, op = head.group(1), head.group(2)
    if op != ":=":
        return (f"{indent}if {cond} {{\n{inner}{target} {op} {a}\n{indent}}} else {{\n"
                f"{inner}{target} {op} {b}\n{indent}}}")
    if _SIMPLE.fullmatch(b):
        return f"{indent}{target} := {b}\n{indent}if {cond} {{\n{inner}{target} = {a}\n{indent}}}"
    if _SIMPLE.fullmatch(a):
        return f"{indent}{target} := {a}\n{indent}if !({cond}) {{\n{inner}{target} = {b}\n{indent}}}"
    return None


# Java library calls Go 1.19 (the sandbox's toolchain) has no builtin for: written as small functions the fixed
# code defines, so the translation keeps Java's meaning (``Math.min``, ``s.indexOf(t, from)``).
_ORDERED = "int | int8 | int16 | int32 | int64 | uint | uint8 | uint16 | uint32 | uint64 | float32 | float64 | string"
_EXTREME = ("func {name}[T " + _ORDERED + "](first T, rest ...T) T {{\n\tfor _, x := range rest {{\n"
            "\t\tif x {op} first {{\n\t\t\tfirst = x\n\t\t}}\n\t}}\n\treturn first\n}}\n")
_HELPERS = {
    "min": _EXTREME.format(name="min", op="<"),
    "max": _EXTREME.format(name="max", op=">"),
    "indexFrom": "func indexFrom(s, sub string, from int) int {\n\tif from < 0 {\n\t\tfrom = 0\n\t}\n"
                 "\tif from > len(s) {\n\t\treturn -1\n\t}\n\tif i := strings.Index(s[from:], sub); i >= 0 {\n"
                 "\t\treturn i + from\n\t}\n\treturn -1\n}\n",
    # A call that returns (value, error) where Java's returned the value and threw: the error becomes a panic,
    # which the io tests accept where the source throws.
    "must": "func must[T any](v T, err error) T {\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\treturn v\n}\n",
}
_ERROR_RESULT = {"strconv.Atoi", "strconv.ParseInt", "strconv.ParseFloat", "strconv.ParseBool", "strconv.ParseUint"}


def _with_helpers(code: str, names: set[str]) -> str:
    """``code`` with the helpers it now calls and does not define yet, at the end."""
    missing = [n for n in sorted(names) if not re.search(rf"^func\s+{n}\b", code, re.M)]
    return code.rstrip("\n") + "\n" + "".join("\n" + _HELPERS[n] for n in missing) if missing else code


def _index_from(line: str) -> str:
    """``strings.Index(s, t, from)`` (Java's ``s.indexOf(t, from)``) as ``indexFrom(s, t, from)``."""
    out, at = line, 0
    while (start := out.find("strings.Index(", at)) >= 0:
        open_at = start + len("strings.Index")
        close = _closing(out, open_at)
        if close is not None and len(_top_level_split(out[open_at + 1:close], ",")) == 3:
            out = out[:start] + "indexFrom" + out[open_at:]
        at = start + 1
    return out


def _returns_error(code: str, callee: str) -> bool:
    """Whether ``callee`` (``a.Balance``, ``parse``, ``strconv.Atoi``) returns (value, error)."""
    name = callee.rsplit(".", 1)[-1]
    return callee in _ERROR_RESULT or re.search(
        rf"^func\s+(?:\([^)]*\)\s*)?{re.escape(name)}\([^)]*\)\s*\([^()]*,\s*error\)", code, re.M) is not None


def _must_call(line: str, callee: str) -> str | None:
    """``line`` with its first call of ``callee`` wrapped as ``must(callee(...))``, or None."""
    m = re.search(rf"(?<![\w.]){re.escape(callee)}\(", line)
    close = _closing(line, m.end() - 1) if m else None
    if m is None or close is None or line[:m.start()].endswith("must("):
        return None
    return f"{line[:m.start()]}must({line[m.start():close + 1]}){line[close + 1:]}"


@dataclass
class _Edits:
    """The type checker's fixes to one file: most rewrite the line a message names in place; added and dropped
    lines, helper functions and the widening conversions are applied once every message has been read, so the
    positions the compiler gave stay valid until then."""

    code: str
    lines: list[str]
    inserts: dict[int, str] = field(default_factory=dict)
    dropped: set[int] = field(default_factory=set)
    helpers: set[str] = field(default_factory=set)
    widened: list[tuple[int, int, str, str]] = field(default_factory=list)  # (row, col, expression, Go type)

    def result(self) -> str:
        lines = self.lines
        for row, col, expr, go_type in sorted(self.widened, reverse=True):  # right to left: positions stay valid
            end = _written_end(lines[row], col, expr)
            if end is not None:
                lines[row] = f"{lines[row][:col]}{go_type}({lines[row][col:end]}){lines[row][end:]}"
        out = []
        for i, line in enumerate(lines):
            out += ([] if i in self.dropped else [line]) + ([self.inserts[i]] if i in self.inserts else [])
        fixed = re.sub(r"^import \(\s*\)\n", "", "\n".join(out), flags=re.M)
        return _with_import(_with_import(_with_helpers(fixed, self.helpers), "fmt"), "strings")


# Each rule takes the message's match, the edits and the message's position, and says whether it owns the message
# (a message no rule owns is left for the model's repair). One rule per kind of message, in ``_RULES`` below.

def _mismatched(found: re.Match, edits: _Edits, row: int, col: int) -> bool:
    """A string joined to a number (Java's implicit ``toString``), or Java's implicit numeric widening."""
    expr, line = found.group(1), edits.lines[row]
    fixed = _concat_fix(expr, found.group(2), found.group(3)) or _widen_fix(expr, found.group(2), found.group(3))
    end = _written_end(line, col, expr) if fixed else None
    if fixed and end is not None:
        edits.lines[row] = line[:col] + fixed + line[end:]
    return True


def _narrower(found: re.Match, edits: _Edits, row: int, col: int) -> bool:
    """An integer used where Java would widen it: converted once all messages are read."""
    if not _converts(found.group(1), found.group(2), found.group(3)):
        return False
    edits.widened.append((row, col, found.group(1), found.group(3)))
    return True


def _error_by_value(found: re.Match, edits: _Edits, row: int, col: int) -> bool:
    """A Java exception class whose Error method has a pointer receiver, returned by value: return its address."""
    if re.search(rf"^func\s*\(\s*\w+\s+\*{found.group(1)}\s*\)\s*Error\(\)", edits.code, re.M):
        edits.lines[row] = edits.lines[row][:col] + "&" + edits.lines[row][col:]
    return True


def _exception_conversion(found: re.Match, edits: _Edits, row: int, col: int) -> bool:
    """Java's ``new XException("msg")`` as a Go conversion: the derived error type is a struct with one string
    field, so it is the composite literal, by address (its Error method has a pointer receiver)."""
    name, line = found.group(1), edits.lines[row]
    if not _one_string_field(edits.code, name):
        return False
    start = col - 1 - len(name)
    close = _closing(line, col - 1) if line[col - 1:col] == "(" and line[start:col - 1] == name else None
    if close is not None:
        amp = "" if line[:start].endswith("&") else "&"
        edits.lines[row] = f"{line[:start]}{amp}{name}{{{line[col:close]}}}{line[close + 1:]}"
    return True


def _other_case(found: re.Match, edits: _Edits, row: int, col: int) -> bool:
    """Java's lower-case name of a method the translation exported (``h.remove`` of ``Remove``): the compiler
    names the right one. Same length, so the other positions on the line stay valid."""
    wrong, right, line = found.group(1), found.group(2), edits.lines[row]
    at = [m.start() + 1 for m in re.finditer(rf"\.{wrong}\b", line)]
    if at:
        nearest = min(at, key=lambda i: abs(i - col))
        edits.lines[row] = line[:nearest] + right + line[nearest + len(wrong):]
    return True


def _error_result(found: re.Match, edits: _Edits, row: int, col: int) -> bool:
    """Java's value-returning call whose Go translation returns (value, error), used as one value."""
    new = _must_call(edits.lines[row], found.group(2)) if _returns_error(edits.code, found.group(2)) else None
    if new is not None:
        edits.lines[row] = new
        edits.helpers.add("must")
    return True


def _returned_error_result(found: re.Match, edits: _Edits, row: int, col: int) -> bool:
    """``return f(x)`` of a (value, error) function from a function returning one value."""
    line = edits.lines[row]
    ret = re.match(r"(\s*return\s+)([\w.]+)\((.*)\)\s*$", line)
    if not (ret and _returns_error(edits.code, ret.group(2)) and _closing(line, ret.end(2)) == len(line.rstrip()) - 1):
        return False
    edits.lines[row] = f"{ret.group(1)}must({line[ret.end(1):].rstrip()})"
    edits.helpers.add("must")
    return True


def _index_from_call(found: re.Match, edits: _Edits, row: int, col: int) -> bool:
    """Java's ``indexOf(s, from)``."""
    if "strings.Index(" not in edits.lines[row]:
        return False
    edits.lines[row] = _index_from(edits.lines[row])
    edits.helpers.add("indexFrom")
    return True


def _undefined(found: re.Match, edits: _Edits, row: int, col: int) -> bool:
    """Java's ``Math.min``/``max`` (Go has them as builtins only from 1.21), a call by the Java name
    (``sumSeries``) of the function the translation exported (``SumSeries``), a field without its receiver."""
    name, line, code = found.group(1), edits.lines[row], edits.code
    bare = line.startswith(name, col) and (col == 0 or line[col - 1] != ".")
    recv = _receiver_at(edits.lines, row)
    if name in ("min", "max"):
        edits.helpers.add(name)
    elif exported(name) != name and bare and re.search(rf"^func\s+{exported(name)}\s*[(\[]", code, re.M):
        edits.lines[row] = line[:col] + exported(name) + line[col + len(name):]
    elif recv and bare and name in _members(code, recv[1]):
        edits.lines[row] = line[:col] + f"{recv[0]}." + line[col:]
    return True


def _unused_variable(found: re.Match, edits: _Edits, row: int, col: int) -> bool:
    line = edits.lines[row]
    indent = re.match(r"\s*", line).group(0) + ("\t" if line.rstrip().endswith("{") else "")
    edits.inserts[row] = f"{indent}_ = {found.group(1) or found.group(2)}"
    return True


def _unused_import(found: re.Match, edits: _Edits, row: int, col: int) -> bool:
    if not re.fullmatch(r'\s*(import\s+)?(\w+\s+)?"[\w/]+"\s*', edits.lines[row]):
        return False
    edits.dropped.add(row)
    return True


_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match, _Edits, int, int], bool]], ...] = (
    (re.compile(r"invalid operation: (.+) \(mismatched types (.+) and (.+)\)$"), _mismatched),
    (_NARROWER, _narrower),
    (re.compile(r"cannot use .* \(value of type (\w+)\) as (?:(?:type )?error value|type error in)"), _error_by_value),
    (_CONVERSION, _exception_conversion),
    (_OTHER_CASE, _other_case),
    (re.compile(r"multiple-value (([\w.]+)\(.*\)) \(value of type \([^()]*, error\)\) in single-value context$"),
     _error_result),
    (re.compile(r"assignment mismatch: 1 variable but ()([\w.]+) returns 2 values$"), _error_result),
    (re.compile(r"too many return values$"), _returned_error_result),
    (re.compile(r"too many arguments in call to strings\.Index"), _index_from_call),
    (re.compile(r"undefined: (\w+)$"), _undefined),
    (re.compile(r"(\w+) declared but not used$|declared and not used: (\w+)$"), _unused_variable),
    (re.compile(r'imported and not used: "|"[\w/]+" imported but not used'), _unused_import),
)


def compiler_fix(code: str, output: str) -> str:
    """One pass over ``go build``'s messages; each fix is local to the line it names."""
    lines = code.split("\n")
    if "syntax error" in output or _QUESTION.search(output):  # the parser stops before anything is type-checked
        ternaries = False
        for row, col in sorted({(int(m.group(1)) - 1, int(m.group(2)) - 1) for m in _QUESTION.finditer(output)},
                               reverse=True):  # bottom up: a rewrite adds lines below the ones still to do
            new = _ternary(lines[row], col) if 0 <= row < len(lines) else None
            if new is not None:
                lines[row], ternaries = new, True
        if ternaries:
            return "\n".join(lines)
        statements = _java_statements(lines)
        if statements != lines:
            return "\n".join(statements)
        return _CAST.sub(lambda m: f"{m.group(1)}({m.group(2)})", code)
    # Java method calls first, right to left on a line (positions before a rewrite stay valid); the next compile
    # reports the rest at their new positions.
    calls = sorted(((int(m.group(1)) - 1, int(m.group(2)) - 1, found.group(1), found.group(2))
                    for m in _DIAGNOSTIC.finditer(output)
                    if (found := _NO_METHOD.match(m.group(3)) or _UNBOXED.match(m.group(3)))), reverse=True)
    rewritten = False
    for row, col, method, of_type in calls:
        if not 0 <= row < len(lines):
            continue
        new = None
        if method in _UNBOXING:
            new = _unboxed(lines[row], col, method, of_type)
        elif method in _JAVA_METHODS and (of_type == "string" or method in _ON_SLICES):
            new = _java_method(lines[row], col, method)
        if new is not None:
            lines[row], rewritten = new, True
    if rewritten:
        return _with_import("\n".join(lines), "strings")
    edits = _Edits(code, lines)
    for m in _DIAGNOSTIC.finditer(output):
        row, col, msg = int(m.group(1)) - 1, int(m.group(2)) - 1, m.group(3)
        if not 0 <= row < len(lines):
            continue
        for pattern, rule in _RULES:  # the first rule that owns the message
            if (found := pattern.match(msg)) and rule(found, edits, row, col):
                break
    return edits.result()


_NIL_FOR_EMPTY = re.compile(r" = ((?:\[\]|map\[)\S*?)\(nil\), want \1\{\}")
_NIL_DECLARATION = re.compile(r"([ \t]+)var (\w+) ((?:\[\]|map\[)\S*)[ \t]*$")
# A function's first line, and its result type when that is one slice or map.
_FUNC_RESULT = re.compile(r"func\b(?:.*\) ((?:\[\]|map\[)\S*) \{\s*$)?")
_RETURN_NIL = re.compile(r"(\s+return )nil(\s*)")


def behaviour_fix(code: str, output: str) -> str:
    """Java's empty collection returned as Go's nil slice or map (``var result []int`` that nothing was appended
    to, or ``return nil``, where Java returned ``new ArrayList<>()``): for the types the failed checks name, the
    function-local declarations start empty (``result := []int{}``) and a function of that result type returns an
    empty one, which is what the Java code meant."""
    types = set(_NIL_FOR_EMPTY.findall(output))
    if not types:
        return code
    out, result = [], ""
    for line in code.split("\n"):
        if head := _FUNC_RESULT.match(line):
            result = head.group(1) or ""
        if (decl := _NIL_DECLARATION.match(line)) and decl.group(3) in types:
            line = f"{decl.group(1)}{decl.group(2)} := {decl.group(3)}{{}}"
        elif result in types and (ret := _RETURN_NIL.fullmatch(line)):
            line = f"{ret.group(1)}{result}{{}}{ret.group(2)}"
        out.append(line)
    return "\n".join(out)


def _with_import(code: str, package: str) -> str:
    """``code`` importing ``package`` when a fix made it use the package and it does not import it yet."""
    if f"{package}." not in code or re.search(rf'^\s*(import\s+)?"{package}"', code, re.M):
        return code
    return re.sub(r"^(package\s+\w+[^\n]*\n)", rf'\1\nimport "{package}"\n', code, count=1, flags=re.M)


# --- reading a failed build or test run ------------------------------------------------------------------
_FAILED_CHECK = re.compile(r"_test\.go:\d+: (.+)")
_COMPILE_KINDS = (
    ("unused_import", r"imported and not used"),
    ("unused_variable", r"declared (?:and|but) not used"),
    ("undefined", r"undefined: |has no field or method"),
    ("type_mismatch", r"cannot use |mismatched types|invalid operation|cannot convert"),
    ("missing_return", r"missing return"),
    ("syntax", r"syntax error|expected "),
    ("signature_mismatch", r"not enough arguments|too many arguments|assignment mismatch"),
)


def differences(output: str) -> list[str]:
    """The failed checks in order, as the io tests' ``t.Errorf`` wrote them: ``call = got, want expected``."""
    return [m.group(1).strip() for m in _FAILED_CHECK.finditer(output)]


_CHECK_LINE = re.compile(r'\s*actCheck\(t, ("(?:[^"\\]|\\.)*"), p, err, got, .*, (true|false), (true|false)\)$')


def unchecked_calls(tests: str, output: str) -> list[tuple[str, ...]]:
    """Per io-test scenario with a failed check, the members called after its last passing check of a value or
    an error and before its first failed check (a failed check names its own line: the helper is ``t.Helper``):
    where the state a failing read showed was made."""
    failed = {int(n) for n in re.findall(r"main_test\.go:(\d+): ", output)}
    out, steps = [], []  # steps: (line, member, checks something) of the scenario read so far
    for number, line in enumerate(tests.splitlines(), 1):
        if line == "\t{":
            steps = []
        elif m := _CHECK_LINE.match(line):
            name = re.match(r"(?:o\.)?(\w+)\(", json.loads(m[1]))
            steps.append((number, name[1] if name else "", "true" in (m[2], m[3])))
        elif line == "\t}":
            first = next((i for i, (n, _, _) in enumerate(steps) if n in failed), None)
            if first is not None:
                after = max((i for i in range(first) if steps[i][2]), default=-1)
                out.append(tuple(member for _, member, _ in steps[after + 1:first]))
    return out


def failed_checks(output: str) -> int | None:
    """The failed checks, one ``t.Errorf`` line each (the io tests recover a panicking call and report it so)."""
    return len(_FAILED_CHECK.findall(output)) or None


def compile_kind(output: str) -> str:
    """A short, stable label for a build failure (what the evaluation counts)."""
    return next((kind for kind, pattern in _COMPILE_KINDS if re.search(pattern, output)), "other")


# --- sandbox recipes ------------------------------------------------------------------------------------
_MOD = "module act\n\ngo 1.18\n"
_ENV = {"GOCACHE": "{workdir}/.cache/go-build", "GOPATH": "{workdir}/.go", "GOPROXY": "off",
        "GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local", "CGO_ENABLED": "0"}


def package_main(code: str) -> str:
    """Go test harnesses need ``package main``: add the clause, or rename another package."""
    if re.search(r"^\s*package\s+\w+", code, flags=re.M):
        return re.sub(r"^(\s*)package\s+\w+", r"\1package main", code, count=1, flags=re.M)
    return "package main\n\n" + code


def package_library(code: str) -> str:
    """Compile checks build a library package, so a file without ``func main`` is not a link error."""
    return re.sub(r"^(\s*)package\s+main\b", r"\1package act", package_main(code), count=1, flags=re.M)


LANGUAGE = Language(
    name="go", display="Go", language_ids=("go",), suffixes=(".go",), fence="go", file_case="snake",
    recipes=(
        Recipe(name="go", language="go", main_file="main.go", static_files={"go.mod": _MOD}, env=_ENV,
               compile=("go", "build", "-o", "prog", "."), run=("./prog",),
               description="go build + run"),
        Recipe(name="go_test", language="go", main_file="main.go", static_files={"go.mod": _MOD}, env=_ENV,
               compile=("go", "test", "-c", "-vet=off", "-o", "prog.test", "."),
               run=("./prog.test", "-test.count=1"), tests_file="main_test.go", prepare=package_main,
               description="go test -vet=off, split into compile (-c) and run; tests go in main_test.go"),
        Recipe(name="go_check", language="go", main_file="main.go", static_files={"go.mod": _MOD}, env=_ENV,
               compile=("go", "build", "."), run=("true",), prepare=package_library,
               description="compile check only: the file is built as a library package"),
    ),
    packages=("golang-go",),
    compile_recipe="go_check", test_recipe="go_test",
    writing=Writing(
        preamble="package main\n\n", types={"java": from_java}, signature=signature, type_scaffold=type_scaffold,
        record=record, error_type=error_type, declarations=("var (\n", ("\n)\n", "func "), "\n)\n\n"),
        io_tests=io_tests, tidy=tidy, fixer=Fixer("go_check", compiler_fix), behaviour_fix=behaviour_fix,
        tests=TestScaffold(prefix='package main\n\nimport "testing"\n\nfunc TestTranslated(t *testing.T) {\n',
                           style="call t.Fatalf with a message when a check fails",
                           blames_tests=lambda errors, _code: "main_test.go" in errors),
        compiler_errors=re.compile(r"(?:^|[\s/])main\.go:(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)", re.M),
        definition=r"^func (?:\([^)]*\) )?{name}\(",
        differences=differences, unfailed=": expected an error or a panic", failed_checks=failed_checks,
        unchecked_calls=unchecked_calls,
        compile_kind=compile_kind,
        panic=re.compile(r"^panic: |runtime error", re.M),
    ),
)
