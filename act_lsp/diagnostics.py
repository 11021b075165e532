"""A translation's verdict as diagnostics on the target file, so a candidate that failed is marked where it failed:
the compiler's errors on the lines they name, a behavioural difference on the function it concerns.

Pure: the server publishes what ``verdict_diagnostics`` returns (an empty list clears an earlier verdict).
"""

from __future__ import annotations

import re

from lsprotocol import types

from act_lsp.translator import Evidence

SOURCE = "act"
MAX_ERRORS = 5

# One entry per target language: a compiler error and the (line, column) it names in the translated file
# (the sandbox compiles it as main.go / main.rs; lines past the translation belong to appended tests).
COMPILER_ERRORS: dict[str, re.Pattern[str]] = {
    "go": re.compile(r"(?:^|[\s/])main\.go:(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)", re.M),
    "rust": re.compile(r"^(?P<msg>error(?:\[E\d{4}\])?: .+)\n\s*--> main\.rs:(?P<line>\d+):(?P<col>\d+)", re.M),
}
# Where a function or method is defined, by name (the called name in a difference, e.g. ``o.Attempt(``).
DEFINITIONS: dict[str, str] = {
    "go": r"^func (?:\([^)]*\) )?{name}\(",
    "rust": r"^\s*(?:pub )?fn {name}\b",
}


def _offset(code: str, target_text: str) -> int:
    """The line where the translation starts in the target file (a selection is appended to an existing file)."""
    at = target_text.find(code.strip()[:200]) if code.strip() else -1
    return target_text[:at].count("\n") if at > 0 else 0


def _diagnostic(line: int, col: int, message: str, severity: types.DiagnosticSeverity) -> types.Diagnostic:
    pos = types.Position(line=max(0, line), character=max(0, col))
    end = types.Position(line=pos.line, character=pos.character + 1)
    return types.Diagnostic(range=types.Range(start=pos, end=end), message=message, severity=severity, source=SOURCE)


def verdict_diagnostics(evidence: Evidence, code: str, target_text: str, language: str) -> list[types.Diagnostic]:
    """Nothing when unchecked or right; else the compiler's errors (up to ``MAX_ERRORS``) or the first
    behavioural difference, each with the verdict's words so the user sees why the edit is marked."""
    if evidence.mode == "off" or evidence.sandbox_error or evidence.compiled is None:
        return []
    offset, length = _offset(code, target_text), code.count("\n") + 1
    if not evidence.compiled:
        found = []
        pattern = COMPILER_ERRORS.get(language)
        for m in pattern.finditer(evidence.errors) if pattern else ():
            line = int(m["line"]) - 1
            if line < length:
                found.append(_diagnostic(offset + line, int(m["col"]) - 1, f"does not compile: {m['msg'].strip()}",
                                         types.DiagnosticSeverity.Error))
            if len(found) == MAX_ERRORS:
                break
        first = next((x for x in evidence.errors.splitlines() if x.strip()), "the compiler rejected it")
        return found or [_diagnostic(offset, 0, f"does not compile: {first.strip()[:300]}",
                                     types.DiagnosticSeverity.Error)]
    if evidence.tests_passed is False:
        what = ("differs from the source: " + evidence.difference) if evidence.difference else (
            "fails its tests: " + (evidence.errors.strip().splitlines() or ["?"])[-1][:300])
        line = offset
        name = re.match(r"(?:\w+\.)?(\w+)\(", evidence.difference or "")
        if name and language in DEFINITIONS:
            m = re.search(DEFINITIONS[language].format(name=re.escape(name[1])), code, re.M)
            line = offset + (code[: m.start()].count("\n") if m else 0)
        return [_diagnostic(line, 0, what, types.DiagnosticSeverity.Warning)]
    return []
