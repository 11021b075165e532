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

from act_lsp.sandbox import Job, JobError, RunResult

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


def mutation_score(recipe: str, code: str, tests: str, run_batch: Callable[[Sequence[Job]], list[RunResult]], *,
                   limit: int = 20, seed: int = 0, baseline_stdout: str | None = None) -> MutationReport:
    """Run ``tests`` against each mutant of ``code`` in the sandbox (one batch). With ``baseline_stdout`` the
    tests are an input/output driver: a mutant is also killed when its output differs from the original's."""
    muts = mutants(code, limit=limit, seed=seed)
    jobs, kept = [], []
    for mu in muts:
        try:
            jobs.append(Job.with_tests(recipe, mu.code, tests))
            kept.append(mu)
        except JobError:
            continue
    results = run_batch(jobs) if jobs else []
    compiled = [(mu, r) for mu, r in zip(kept, results, strict=True) if r.compiled]
    survivors = [mu for mu, r in compiled if r.passed and (baseline_stdout is None or r.stdout == baseline_stdout)]
    return MutationReport(total=len(muts), compiled=len(compiled), killed=len(compiled) - len(survivors),
                          survivors=survivors)
