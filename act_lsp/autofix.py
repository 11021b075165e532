"""Compiler-suggested fixes: apply what the compiler itself proposes before asking the model again.

rustc describes its suggestions in machine-readable form (``--error-format=json``): ``let n`` → ``let mut n``,
a missing ``&``, ``.to_string()``, an ``as`` conversion. Small models make exactly these mistakes (measured on
the synthetic seeds: E0384 "cannot assign twice", E0308 mismatched types), and each costs a whole repair
generation; applying the suggestions costs one more compile. The result still has to pass its tests, so a
suggestion that compiles but changes meaning is caught there. Languages are table entries: a check recipe
that prints suggestions, and a parser for them.
"""

from __future__ import annotations

import json
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


@dataclass(frozen=True)
class Fixer:
    recipe: str  # a compile check that prints the compiler's suggestions
    edits: Callable[[str], list[Edit]]


FIXERS: Mapping[str, Fixer] = {"rust": Fixer("rust_check_json", rustc_edits)}


def suggested_fix(language: str, code: str, run: Callable[[Job], RunResult], *, rounds: int = 2) -> str | None:
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
        edits = fixer.edits(result.stderr) if not result.passed else []
        if not edits:
            break
        current = apply_edits(current, edits)
    return current if current != code else None
