"""Where a target compiler's errors point, one pattern per target language: the sandbox compiles a translation as
main.go / main.rs, so each error names a line of it (lines past the translation belong to appended tests).
Read by the editor's diagnostics and by the per-member repair of a decomposed translation."""

from __future__ import annotations

import re

COMPILER_ERRORS: dict[str, re.Pattern[str]] = {
    "go": re.compile(r"(?:^|[\s/])main\.go:(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)", re.M),
    "rust": re.compile(r"^(?P<msg>error(?:\[E\d{4}\])?: .+)\n\s*--> main\.rs:(?P<line>\d+):(?P<col>\d+)", re.M),
}
# Where a function or method is defined, by name (the called name in a difference, e.g. ``o.Attempt(``).
DEFINITIONS: dict[str, str] = {
    "go": r"^func (?:\([^)]*\) )?{name}\(",
    "rust": r"^\s*(?:pub )?fn {name}\b",
}


def compiler_errors(language: str, output: str) -> list[tuple[int, int, str]]:
    """(line, column, message) of each error the compiler reports, 1-based as it prints them."""
    pattern = COMPILER_ERRORS.get(language)
    return [(int(m["line"]), int(m["col"]), m["msg"].strip()) for m in pattern.finditer(output)] if pattern else []
