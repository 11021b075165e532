"""Where a target compiler's errors point: the sandbox compiles a translation as main.go / main.rs, so each error names
a line of it (lines past the translation belong to appended tests). Each language's module holds its pattern.
Read by the editor's diagnostics, by the per-member repair of a decomposed translation, and by the ranking of
candidates that do not compile (the fewer errors left, and the later the compiler's pass they come from, the
closer)."""

from __future__ import annotations

import re

from act_lsp.languages import LANGUAGES


def compiler_errors(language: str, output: str) -> list[tuple[int, int, str]]:
    """(line, column, message) of each error the compiler reports, 1-based as it prints them; the message ends with
    what the compiler says at the place (its ``detail``, when the pattern reads one)."""
    found = LANGUAGES.get(language)
    if found is None or found.writing is None:
        return []
    out = []
    for m in found.writing.compiler_errors.finditer(output):
        msg, detail = m["msg"].strip(), (m.groupdict().get("detail") or "").strip()
        out.append((int(m["line"]), int(m["col"] or 1),  # a compiler that gives no column: 1
                    msg + (f": {detail}" if detail and detail not in msg else "")))
    return out


def definition(language: str, name: str, code: str) -> re.Match[str] | None:
    """Where function or method ``name`` is defined in ``code`` (None when not, or the language cannot say)."""
    found = LANGUAGES.get(language)
    if found is None or found.writing is None:
        return None
    return re.search(found.writing.definition.format(name=re.escape(name)), code, re.M)


def compile_progress(language: str, output: str) -> tuple[int, int] | None:
    """How close a failed compile came: (1 when every error is from a late pass, else 0; minus the error count),
    higher is closer. None when the output names no error this language's pattern reads (a timeout, no code)."""
    found = LANGUAGES.get(language)
    errors = compiler_errors(language, output)
    if not errors or found is None or found.writing is None:
        return None
    late = found.writing.late_error
    return int(late is not None and all(late.match(msg) for _line, _col, msg in errors)), -len(errors)
