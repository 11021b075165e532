"""Compiler-suggested fixes: apply what the compiler itself proposes before asking the model again.

rustc describes its suggestions in machine-readable form (``--error-format=json``): ``let n`` → ``let mut n``,
a missing ``&``, ``.to_string()``, an ``as`` conversion. Small models make exactly these mistakes (measured on
the synthetic seeds: E0384 "cannot assign twice", E0308 mismatched types), and each costs a whole repair
generation; applying the suggestions costs one more compile. The result still has to pass its tests, so a
suggestion that compiles but changes meaning is caught there.

Go's compiler suggests nothing, but its messages name the mistakes small models make translating Java
(measured on the bench: type mismatches, undefined names and syntax errors are 56 of the 92 failures): a
string concatenated with a number (``"n=" + n``), a field used without its receiver, a Java cast ``(int) x``,
a variable declared and not used. Each message gives a position and the offending expression, so the repair
is a local rewrite that keeps Java's meaning (``"n=" + n`` prints n in decimal, like Java).

Languages are table entries: a check recipe, and a function from (code, compiler output) to fixed code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from act_lsp.sandbox import Job, JobError, RunResult

Edit = tuple[int, int, str]  # byte start, byte end, replacement
_APPLICABLE = {"MachineApplicable", "MaybeIncorrect"}  # not HasPlaceholders ("/* value */") or Unspecified


def _spans(diagnostic: dict):
    yield from diagnostic.get("spans") or ()
    for child in diagnostic.get("children") or ():
        yield from _spans(child)


def rustc_edits(stderr: str, file_name: str = "main.rs") -> list[Edit]:
    """Suggested replacements in ``file_name`` from rustc's JSON diagnostics, without overlaps."""
    found: dict[tuple[int, int], str] = {}
    for line in stderr.splitlines():
        if not line.startswith("{"):
            continue
        try:
            diag = json.loads(line)
        except ValueError:
            continue
        if diag.get("level") != "error":
            continue
        for span in _spans(diag):
            repl = span.get("suggested_replacement")
            if (repl is not None and span.get("file_name") == file_name
                    and span.get("suggestion_applicability") in _APPLICABLE):
                found.setdefault((span["byte_start"], span["byte_end"]), repl)
    edits, last_end = [], -1
    for (start, end), repl in sorted(found.items()):
        if start >= last_end:  # the first of two overlapping suggestions wins
            edits.append((start, end, repl))
            last_end = max(end, start + 1)
    return edits


def apply_edits(code: str, edits: list[Edit]) -> str:
    data = code.encode()
    for start, end, repl in sorted(edits, reverse=True):
        data = data[:start] + repl.encode() + data[end:]
    return data.decode(errors="replace")


def fix_rust(code: str, output: str) -> str:
    return apply_edits(code, rustc_edits(output))


# --- Go -----------------------------------------------------------------------------------------------
_GO_DIAG = re.compile(r"^\./main\.go:(\d+):(\d+): (.*)$", re.M)
_GO_NUMERIC = {"int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
               "float32", "float64", "bool", "untyped int", "untyped float", "untyped bool"}
_GO_CHAR = {"rune", "byte", "untyped rune"}
_GO_CAST = re.compile(r"\((int|int32|int64|float32|float64|byte|rune|string)\)[ \t]*"
                      r"(-?[A-Za-z_][\w.]*(?:\([^()\n]*\)|\[[^\[\]\n]*\])*|-?\d+(?:\.\d+)?|\([^()\n]*\))")


def _top_level_split(expr: str, op: str) -> list[str]:
    """``expr`` split at ``op`` outside brackets and literals (``a + f(b + c)`` → ``a``, ``f(b + c)``)."""
    parts, depth, quote, start, i = [], 0, "", 0, 0
    while i < len(expr):
        ch = expr[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and expr.startswith(op, i):
            parts.append(expr[start:i])
            start = i + len(op)
            i = start
            continue
        i += 1
    return parts + [expr[start:]]


def _stringify(expr: str, go_type: str) -> str:
    return f"string({expr})" if go_type in _GO_CHAR else f"fmt.Sprint({expr})"


def _concat_fix(expr: str, left_type: str, right_type: str) -> str | None:
    """Java's string + number, in Go: the non-string side of the failing (last, left-associative) ``+``."""
    for op in (" += ", " + "):
        parts = _top_level_split(expr, op)
        if len(parts) < 2 or (op == " += " and len(parts) != 2):
            continue
        left, right = op.join(parts[:-1]), parts[-1]
        if left_type.endswith("string") and (right_type in _GO_NUMERIC or right_type in _GO_CHAR):
            return f"{left}{op}{_stringify(right, right_type)}"
        if right_type.endswith("string") and (left_type in _GO_NUMERIC or left_type in _GO_CHAR) and op == " + ":
            return f"{_stringify(left, left_type)}{op}{right}"
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


def fix_go(code: str, output: str) -> str:
    """One pass over ``go build``'s messages; each fix is local to the line it names."""
    lines = code.split("\n")
    if "syntax error" in output:  # Java casts stop the parser before anything is type-checked
        return _GO_CAST.sub(lambda m: f"{m.group(1)}({m.group(2)})", code)
    inserts: dict[int, str] = {}
    dropped: set[int] = set()
    for m in _GO_DIAG.finditer(output):
        row, col, msg = int(m.group(1)) - 1, int(m.group(2)) - 1, m.group(3)
        if not 0 <= row < len(lines):
            continue
        line = lines[row]
        if op := re.match(r"invalid operation: (.+) \(mismatched types (.+) and (.+)\)$", msg):
            expr = op.group(1)
            fixed = _concat_fix(expr, op.group(2), op.group(3))
            if fixed and line.find(expr, col) == col:
                lines[row] = line[:col] + fixed + line[col + len(expr):]
        elif (err := re.match(r"cannot use .* \(value of type (\w+)\) as (?:type )?error value", msg)
              or re.match(r"cannot use .* \(value of type (\w+)\) as type error in", msg)):
            # A Java exception class whose Error method has a pointer receiver: return its address.
            if re.search(rf"^func\s*\(\s*\w+\s+\*{err.group(1)}\s*\)\s*Error\(\)", code, re.M):
                lines[row] = line[:col] + "&" + line[col:]
        elif und := re.match(r"undefined: (\w+)$", msg):
            name, recv = und.group(1), _receiver_at(lines, row)
            if (recv and line.startswith(name, col) and (col == 0 or line[col - 1] != ".")
                    and name in _members(code, recv[1])):
                lines[row] = line[:col] + f"{recv[0]}." + line[col:]
        elif unused := re.match(r"(\w+) declared but not used$|declared and not used: (\w+)$", msg):
            name = unused.group(1) or unused.group(2)
            indent = re.match(r"\s*", line).group(0) + ("\t" if line.rstrip().endswith("{") else "")
            inserts[row] = f"{indent}_ = {name}"
        elif (re.match(r'imported and not used: "|"[\w/]+" imported but not used', msg)
              and re.fullmatch(r'\s*(import\s+)?(\w+\s+)?"[\w/]+"\s*', line)):
            dropped.add(row)
    out = []
    for i, line in enumerate(lines):
        out += ([] if i in dropped else [line]) + ([inserts[i]] if i in inserts else [])
    fixed = re.sub(r"^import \(\s*\)\n", "", "\n".join(out), flags=re.M)
    if "fmt.Sprint(" in fixed and not re.search(r'^\s*(import\s+)?"fmt"', fixed, re.M):
        fixed = _add_go_import(fixed, "fmt")
    return fixed


def _add_go_import(code: str, package: str) -> str:
    return re.sub(r"^(package\s+\w+[^\n]*\n)", rf'\1\nimport "{package}"\n', code, count=1, flags=re.M)


@dataclass(frozen=True)
class Fixer:
    recipe: str  # a compile check whose output names the mistakes
    fix: Callable[[str, str], str]  # (code, compiler output) -> code


FIXERS: Mapping[str, Fixer] = {"rust": Fixer("rust_check_json", fix_rust), "go": Fixer("go_check", fix_go)}


def suggested_fix(language: str, code: str, run: Callable[[Job], RunResult], *, rounds: int = 3) -> str | None:
    """The code with the compiler's suggestions applied (up to ``rounds`` times), or None when there are none."""
    fixer = FIXERS.get(language)
    if fixer is None:
        return None
    current = code
    for _ in range(rounds):
        try:
            result = run(Job.of(fixer.recipe, current))
        except JobError:
            return None
        fixed = fixer.fix(current, result.stderr + result.stdout) if not result.passed else current
        if fixed == current:
            break
        current = fixed
    return current if current != code else None
