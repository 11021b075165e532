"""Mutation testing: are a program's unit tests strong enough to serve as an oracle?

Mutants come from small syntactic operators (the classic relational, arithmetic, logical and constant
replacements, as in universalmutator's C-like rules) applied one at a time outside strings and comments.
Mutants that do not compile are discarded; the mutation score is killed / compiled mutants. A program (or a
translated target) is trusted only when its tests reach the threshold (TransCoder-ST used 0.9).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from act_lsp.sandbox import Job, JobError, Limits, RunResult

# (pattern, replacement): one site at a time. Patterns avoid the compound forms they are part of.
OPERATORS: tuple[tuple[str, str], ...] = (
    # Relational operators only with a space on each side: `List<String>` and `Vec<i32>` are generics, and their
    # mutants never compile (they crowded the sample: 6 of 8 mutants of a Java class with maps were discarded).
    (r"(?<=\s)<(?=\s)", "<="), (r"(?<=\s)<=(?=\s)", "<"),
    (r"(?<=\s)>(?=\s)", ">="), (r"(?<=\s)>=(?=\s)", ">"),
    (r"==", "!="), (r"!=", "=="),
    (r"&&", "||"), (r"\|\|", "&&"),
    (r"(?<![+\w])\+(?![+=])", "-"), (r"(?<![-\w>])-(?![-=>])", "+"),
    (r"(?<![*/])\*(?![*/=])", "/"), (r"(?<![/*])/(?![/*=])", "*"),
    (r"%", "*"),
    (r"\btrue\b", "false"), (r"\bfalse\b", "true"),
    (r"(?<![\w.])0(?![\w.])", "1"), (r"(?<![\w.])1(?![\w.])", "0"),
    (r"(?<![\w.])([2-9]|[1-9]\d+)(?![\w.])", "INC"),
)

_MASK = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|`[^`]*`', re.S)


def _masked(code: str) -> str:
    """Same length as ``code``, with strings and comments blanked so operators never touch them."""
    return _MASK.sub(lambda m: " " * len(m.group(0)), code)


def _skip_line(code: str, pos: int) -> bool:
    start = code.rfind("\n", 0, pos) + 1
    line = code[start: code.find("\n", pos) if code.find("\n", pos) >= 0 else len(code)].lstrip()
    return line.startswith(("#include", "#define", "import", "package", "use ", "template"))


@dataclass(frozen=True)
class Mutant:
    code: str
    operator: str
    line: int


def mutants(code: str, *, limit: int = 20, seed: int = 0) -> list[Mutant]:
    """Up to ``limit`` distinct single-site mutants, sampled deterministically."""
    masked = _masked(code)
    found: dict[str, Mutant] = {}
    for pattern, repl in OPERATORS:
        for m in re.finditer(pattern, masked):
            if _skip_line(code, m.start()):
                continue
            new = str(int(m.group(0)) + 1) if repl == "INC" else repl
            mutated = code[: m.start()] + new + code[m.end():]
            if mutated != code and mutated not in found:
                found[mutated] = Mutant(mutated, f"{m.group(0)}→{new}", code.count("\n", 0, m.start()) + 1)
    pool = list(found.values())
    random.Random(seed).shuffle(pool)
    return sorted(pool[:limit], key=lambda mu: (mu.line, mu.operator))


@dataclass
class MutationReport:
    total: int
    compiled: int
    killed: int
    survivors: list[Mutant]

    @property
    def score(self) -> float:
        return self.killed / self.compiled if self.compiled else 0.0


def decided(killed: int, compiled: int, remaining: int, threshold: float) -> bool:
    """Whether the remaining mutants can no longer change ``score >= threshold``: even if every one compiled and
    was killed the score stays below, or even if every one compiled and survived it stays at or above."""
    if compiled + remaining == 0:
        return True
    best = (killed + remaining) / (compiled + remaining)
    worst = killed / (compiled + remaining)
    return best < threshold or (compiled > 0 and worst >= threshold)


def mutation_score(recipe: str, code: str, tests: str, run_batch: Callable[[Sequence[Job]], list[RunResult]], *,
                   limit: int = 20, seed: int = 0, baseline_stdout: str | None = None,
                   threshold: float | None = None, wave: int = 2, limits: Limits | None = None) -> MutationReport:
    """Run ``tests`` against each mutant of ``code`` in the sandbox. With ``baseline_stdout`` the tests are an
    input/output driver: a mutant is also killed when its output differs from the original's.

    Without ``threshold`` every mutant runs (one batch). With it, mutants run in waves of ``wave`` (the pool's
    width) and stop once the verdict ``score >= threshold`` cannot change (``decided``): the gate's decision is
    the full run's, at a fraction of the sandbox time when it is clear early; the score is then over the
    mutants that ran."""
    muts = mutants(code, limit=limit, seed=seed)
    jobs, kept = [], []
    for mu in muts:
        try:
            jobs.append(Job.with_tests(recipe, mu.code, tests, limits=limits))
            kept.append(mu)
        except JobError:
            continue
    size = len(jobs) if threshold is None else max(1, wave)
    compiled, survivors = 0, []
    for at in range(0, len(jobs), size):
        for mu, r in zip(kept[at:at + size], run_batch(jobs[at:at + size]), strict=True):
            if r.compiled:
                compiled += 1
                if r.passed and (baseline_stdout is None or r.stdout == baseline_stdout):
                    survivors.append(mu)
        left = len(jobs) - at - size
        if threshold is not None and left > 0 and decided(compiled - len(survivors), compiled, left, threshold):
            break
    return MutationReport(total=len(muts), compiled=compiled, killed=compiled - len(survivors),
                          survivors=survivors)
