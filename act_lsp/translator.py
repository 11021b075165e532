"""Translation as a library: prompt → model → sanitised code, optionally verified in the sandbox.

Verified translation samples k candidates (the first greedy), compiles each in the sandbox, gives the
compiler errors of a failing one back to the model for one repair round, runs unit tests when there are
any, and returns the best candidate with its evidence. The server and the trainer both use this.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Protocol

from act_lsp.autofix import suggested_fix
from act_lsp.config import VerifyMode
from act_lsp.engine import Generation, GenerationParams
from act_lsp.pairs import LanguagePair
from act_lsp.prompts import build_prompt, build_repair_prompt
from act_lsp.sandbox import Job, JobError, RunResult, SandboxError
from act_lsp.sanitize import sanitize


class Generator(Protocol):
    def generate(self, prompt: str, params: GenerationParams | None = None, *,
                 on_token: Callable[[str, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> Generation: ...


class Runner(Protocol):
    def run_batch(self, jobs: list[Job]) -> list[RunResult]: ...


@dataclass
class Evidence:
    mode: VerifyMode = "off"
    candidates: int = 1
    chosen: int = 0  # index of the returned candidate
    compiled: bool | None = None
    tests_passed: bool | None = None
    repaired: bool = False
    autofixed: bool = False  # the compiler's suggested fixes made it compile
    errors: str = ""  # compiler/test output of the returned candidate when it failed
    sandbox_seconds: float = 0.0
    sandbox_error: str = ""  # verification was asked for but the sandbox could not be reached

    def summary(self) -> str:
        if self.sandbox_error:
            return "not verified (sandbox unavailable)"
        if self.mode == "off":
            return "not verified"
        parts = ["compiles" if self.compiled else "does NOT compile"]
        if self.tests_passed is not None:
            parts.append("tests pass" if self.tests_passed else "tests FAIL")
        extra = ("a repaired candidate" if self.repaired else f"candidate {self.chosen + 1}") + f" of {self.candidates}"
        return f"{', '.join(parts)} ({extra}{', with the compiler' + chr(39) + 's fixes' if self.autofixed else ''})"

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Translation:
    code: str
    prompt_hash: str
    tokens: int
    seconds: float
    first_token_seconds: float
    finish_reason: str
    evidence: Evidence = field(default_factory=Evidence)

    @property
    def cancelled(self) -> bool:
        return self.finish_reason == "cancelled"


def _score(result: RunResult, with_tests: bool) -> int:
    """Higher is better: passes tests > compiles > nothing."""
    if result.status == "sandbox_error" or not result.compiled:
        return 0
    return 2 if (not with_tests or result.passed) else 1


class Translator:
    def __init__(self, generator: Generator, runner_factory: Callable[[], Runner] | None = None) -> None:
        self.generator = generator
        self._runner_factory = runner_factory
        self._runner: Runner | None = None

    def close(self) -> None:
        close = getattr(self._runner, "close", None)
        if close:
            close()
        self._runner = None

    def _runner_or_none(self) -> Runner | None:
        if self._runner is None and self._runner_factory is not None:
            self._runner = self._runner_factory()  # may raise SandboxError: the caller reports it
        return self._runner

    def translate(self, pair: LanguagePair, source: str, *, params: GenerationParams | None = None,
                  verify: VerifyMode = "off", candidates: int = 3, tests: str | None = None,
                  scaffold: str | None = None, on_token: Callable[[str, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> Translation:
        params = params or GenerationParams()
        unavailable = ""
        if verify != "off":  # find out before generating: no candidate is sampled for nothing
            try:
                self._runner_or_none()
            except SandboxError as exc:
                verify, unavailable = "off", str(exc)
        prompt = build_prompt(pair, source, scaffold=scaffold)
        k = 1 if verify == "off" else max(1, candidates)
        outs: list[Translation] = []
        total_tokens = 0
        for i in range(k):
            sample = params if i == 0 else GenerationParams(**{**asdict(params), "temperature": 0.7, "seed": i})
            gen = self.generator.generate(prompt.text, sample, cancelled=cancelled,
                                          on_token=(lambda p, n, base=total_tokens: on_token(p, base + n))
                                          if on_token else None)
            total_tokens += gen.tokens
            outs.append(Translation(code=sanitize(pair.target.name, gen.text, prefix=prompt.prefix),
                                    prompt_hash=prompt.hash, tokens=gen.tokens, seconds=gen.seconds,
                                    first_token_seconds=gen.first_token_seconds, finish_reason=gen.finish_reason))
            if gen.finish_reason in ("cancelled", "timeout"):
                break
        best = outs[0]
        best.tokens, best.seconds = total_tokens, sum(o.seconds for o in outs)
        if verify == "off" or best.finish_reason in ("cancelled", "timeout"):
            best.evidence = Evidence(mode=verify, candidates=len(outs), sandbox_error=unavailable)
            return best
        return self._verify(pair, source, outs, verify, tests, params, cancelled)

    def _check(self, pair: LanguagePair, codes: list[str], tests: str | None) -> list[RunResult]:
        jobs, slots = [], []
        for n, code in enumerate(codes):
            try:
                job = (Job.with_tests(pair.target.test_recipe, code, tests) if tests
                       else Job.of(pair.target.compile_recipe, code))
            except JobError as exc:  # empty answer: nothing to run
                slots.append(RunResult(status="compile_error", exit_code=-1, stderr=str(exc), phase="compile"))
                continue
            jobs.append(job)
            slots.append(n)
        results = iter(self._runner_or_none().run_batch(jobs)) if jobs else iter(())
        return [s if isinstance(s, RunResult) else next(results) for s in slots]

    def _verify(self, pair, source, outs: list[Translation], verify: VerifyMode, tests: str | None,
                params: GenerationParams, cancelled) -> Translation:
        with_tests = verify == "tests" and bool(tests)
        results = self._check(pair, [o.code for o in outs], tests if with_tests else None)
        scores = [_score(r, with_tests) for r in results]
        idx = max(range(len(outs)), key=lambda i: (scores[i], -i))
        repaired = autofixed = False
        if scores[idx] < 1:  # the compiler's own suggestions before another generation
            fixed = suggested_fix(pair.target.name, outs[idx].code, self._runner_or_none().run)
            if fixed:
                (res,) = self._check(pair, [fixed], tests if with_tests else None)
                if _score(res, with_tests) > scores[idx]:
                    outs[idx] = dataclasses.replace(outs[idx], code=fixed)
                    results[idx], scores[idx], autofixed = res, _score(res, with_tests), True
        if scores[idx] < 2 and not (cancelled and cancelled()):
            prompt = build_repair_prompt(pair, source, outs[idx].code, results[idx].stderr or results[idx].stdout)
            gen = self.generator.generate(prompt.text, params, cancelled=cancelled)
            fixed = sanitize(pair.target.name, gen.text)
            if fixed.strip():
                (res,) = self._check(pair, [fixed], tests if with_tests else None)
                if _score(res, with_tests) > scores[idx]:
                    outs.append(Translation(code=fixed, prompt_hash=prompt.hash, tokens=gen.tokens,
                                            seconds=gen.seconds, first_token_seconds=gen.first_token_seconds,
                                            finish_reason=gen.finish_reason))
                    results.append(res)
                    scores.append(_score(res, with_tests))
                    idx, repaired = len(outs) - 1, True
        chosen, result = outs[idx], results[idx]
        chosen.tokens = sum(o.tokens for o in outs)
        chosen.seconds = sum(o.seconds for o in outs)
        chosen.evidence = Evidence(
            mode=verify, candidates=len(outs) - int(repaired), chosen=idx, compiled=scores[idx] >= 1,
            tests_passed=(result.passed if with_tests else None), repaired=repaired, autofixed=autofixed,
            errors="" if scores[idx] == 2 else (result.stderr or result.stdout)[-2000:],
            sandbox_seconds=sum(r.compile_seconds + r.run_seconds for r in results))
        return chosen
