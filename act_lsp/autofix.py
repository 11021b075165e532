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

Each target language's module holds its ``Fixer``: a check recipe, and (code, compiler output) → fixed code.
"""

from __future__ import annotations

from collections.abc import Callable

from act_lsp.languages import LANGUAGES
from act_lsp.sandbox import Job, JobError, RunResult


def suggested_fix(language: str, code: str, run: Callable[[Job], RunResult], *, rounds: int = 5) -> str | None:
    """The code with the compiler's suggestions applied (up to ``rounds`` times), or None when there are none."""
    found = LANGUAGES.get(language)
    fixer = found.writing.fixer if found and found.writing else None
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
