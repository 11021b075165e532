"""A translation's verdict as diagnostics on the target file, so a candidate that failed is marked where it failed:
the compiler's errors on the lines they name, a behavioural difference on the function it concerns.

Pure: the server publishes what ``verdict_diagnostics`` returns (an empty list clears an earlier verdict).
"""

from __future__ import annotations

import re

from lsprotocol import types

from act_lsp.compiler_errors import compiler_errors, definition
from act_lsp.translator import Evidence

SOURCE = "act"
MAX_ERRORS = 5

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
        for line, col, msg in compiler_errors(language, evidence.errors):
            if line - 1 < length:
                found.append(_diagnostic(offset + line - 1, col - 1, f"does not compile: {msg}",
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
        m = definition(language, name[1], code) if name else None
        line = offset + (code[: m.start()].count("\n") if m else 0)
        return [_diagnostic(line, 0, what, types.DiagnosticSeverity.Warning)]
    return []
