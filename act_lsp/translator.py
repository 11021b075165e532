"""The one translation routine: prompt → k samples → sanitise → check → compiler fixes → repair → choose.

The editor, the data pipeline and the evaluation all call it, with different settings:
- ``sample``: k raw translations of one prompt (the first with the given params, the rest sampled); decoded
  together in one batch when the generator can (``generate_many``), one after another otherwise.
- ``candidates``: the samples, each checked in the sandbox (compile, or compile and run the given tests) and,
  when one does not compile, given the compiler's own suggested fixes (rustc's, or rewrites of what `go
  build` names) before it is judged; one that compiles but fails its tests, the fixes the failed checks name (Go:
  a nil slice where Java returns an empty list). The pipeline keeps every candidate (rejection sampling).
- ``translate``: the candidates, then repair rounds from the best so far while it fails (the compiler's or the
  tests' words go back to the model; up to ``REPAIR_ROUNDS``, while each gets closer: a candidate that does not
  compile is closer with fewer errors left, or with only the borrow checker's; one that compiles, with fewer
  failed checks; a decomposed one has only its blamed members written again, re-sampled when that fails), and the
  best one with its evidence. The server uses this. In ``equivalence`` mode the tests are the source's own
  behaviour: the io driver runs the source on generated calls in the sandbox first, and a candidate must reproduce
  every outcome; code the driver cannot call falls back to ``compile``, and the evidence says so.
"""

from __future__ import annotations

import dataclasses
import re
import textwrap
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Protocol

from act_lsp.autofix import suggested_fix
from act_lsp.compiler_errors import compile_progress, compiler_errors
from act_lsp.config import VerifyMode
from act_lsp.engine import Generation, GenerationParams
from act_lsp.examples import Example
from act_lsp.io_tests import source_io_tests
from act_lsp.languages import LANGUAGES
from act_lsp.pairs import LanguagePair
from act_lsp.prompts import Prompt, build_prompt, build_repair_prompt
from act_lsp.sandbox import Job, JobError, RunResult, SandboxError
from act_lsp.sanitize import sanitize, tidy
from act_lsp.scaffold import Member, Scaffold, derive_scaffold

SAMPLE_TEMPERATURE = 0.7  # the samples after the first (greedy) one
REPAIR_ROUNDS = 2  # repair rounds for a failed best candidate; a round that is no better ends them
REPAIR_SAMPLES = 2  # a member repair that fails: the blamed members sampled this many more times
FIX = "// fix: "  # what heads each complaint shown to a member repair
SOURCE_LINES = 30  # of a source member shown above its repair (a longer one is cut: prompt time on CPU)


class Generator(Protocol):
    def generate(self, prompt: str, params: GenerationParams | None = None, *,
                 on_token: Callable[[str, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> Generation: ...


class Sandbox(Protocol):
    def run_batch(self, jobs: list[Job]) -> list[RunResult]: ...


@dataclass
class Evidence:
    mode: VerifyMode = "off"
    candidates: int = 1
    chosen: int = 0  # index of the returned candidate
    compiled: bool | None = None
    tests_passed: bool | None = None
    repaired: bool = False
    autofixed: bool = False  # the target's own fixes (the compiler's, or the failed checks') made it better
    errors: str = ""  # compiler/test output of the returned candidate when it failed
    sandbox_seconds: float = 0.0
    sandbox_error: str = ""  # verification was asked for but the sandbox could not be reached
    calls: int = 0  # equivalence: the generated calls whose source outcomes the translation had to reproduce
    difference: str = ""  # equivalence: the first call whose outcome differs, as the test reported it
    fallback: str = ""  # why the asked-for mode could not run (e.g. the io driver cannot call this code)

    def summary(self) -> str:
        if self.sandbox_error:
            return "not verified (sandbox unavailable)"
        if self.mode == "off":
            return "not verified"
        parts = ["compiles" if self.compiled else "does NOT compile"]
        if self.mode == "equivalence" and self.compiled:
            parts = [f"equivalent to the source on {self.calls} generated calls" if self.tests_passed
                     else "DIFFERS from the source" + (f": {self.difference}" if self.difference else "")]
        elif self.tests_passed is not None:
            parts.append("tests pass" if self.tests_passed else "tests FAIL")
        if self.fallback:
            parts.append(f"behaviour not checked: {self.fallback}")
        extra = ("a repaired candidate" if self.repaired else f"candidate {self.chosen + 1}") + f" of {self.candidates}"
        return f"{', '.join(parts)} ({extra}{', with automatic fixes' if self.autofixed else ''})"

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


@dataclass
class Candidate:
    """One sampled translation and what the sandbox said of it (``result`` is None when unchecked)."""

    translation: Translation
    result: RunResult | None = None
    with_tests: bool = False
    autofixed: bool = False
    duplicate: bool = False  # the same code as an earlier candidate (its result is shared, not re-run)

    @property
    def code(self) -> str:
        return self.translation.code

    @property
    def compiled(self) -> bool:
        return self.score >= 1

    @property
    def passed(self) -> bool:
        return self.score >= 2

    @property
    def score(self) -> int:
        """Higher is better: passes its tests (or compiles, without tests) > compiles > nothing."""
        r = self.result
        if r is None or r.status == "sandbox_error" or not r.compiled:
            return 0
        return 2 if (not self.with_tests or r.passed) else 1

    @property
    def errors(self) -> str:
        return "" if self.result is None or self.passed else (self.result.stderr or self.result.stdout)

    def rank(self, language: str) -> tuple[int, int, int]:
        """``score``, then how close the candidate came: between those that do not compile, by what the compiler
        left (``compile_progress``: a fix that leaves 3 of 7 errors is progress to keep and repair from; measured:
        a realistic class's rustc suggestions took it from 7 errors to 3, and the fixed file was thrown away as
        scoring no better); between those that compile but fail their tests, by how few checks failed (a repair
        that mends 2 of 3 differing calls is kept and repaired further). Output that says neither ranks last."""
        if self.score == 0:
            return (0, *(compile_progress(language, self.errors) or (-1, 0)))
        if self.passed:
            return 2, 0, 0
        found = LANGUAGES.get(language)
        failed = found.writing.failed_checks(self.errors) if found and found.writing else None
        return (1, -1, 0) if failed is None else (1, 0, -failed)


def sample_params(params: GenerationParams, k: int, temperature: float = SAMPLE_TEMPERATURE) -> list[GenerationParams]:
    """The first as given (greedy by default), the rest sampled with their own seeds."""
    return [params] + [dataclasses.replace(params, temperature=temperature, seed=i) for i in range(1, k)]


class Translator:
    def __init__(self, generator: Generator, open_sandbox: Callable[[], Sandbox] | None = None) -> None:
        self.generator = generator
        self._open_sandbox = open_sandbox
        self._sandbox: Sandbox | None = None

    def close(self) -> None:
        close = getattr(self._sandbox, "close", None)
        if close:
            close()
        self._sandbox = None

    def _sandbox_or_none(self) -> Sandbox | None:
        if self._sandbox is None and self._open_sandbox is not None:
            self._sandbox = self._open_sandbox()  # may raise SandboxError: the caller reports it
        return self._sandbox

    # --- generation ------------------------------------------------------------------------------
    def sample(self, pair: LanguagePair, source: str, k: int = 1, *, params: GenerationParams | None = None,
               temperature: float = SAMPLE_TEMPERATURE, scaffold: str | None = None, examples: Sequence[Example] = (),
               decompose: bool = False, on_token: Callable[[str, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> tuple[Prompt, list[Translation]]:
        """k sanitised translations of one prompt. A cancelled or timed-out sample ends the sampling.
        ``decompose``: the first (greedy) one is written member by member (see ``_decomposed``) when the source
        has several members and the scaffold is derived."""
        prompt = build_prompt(pair, source, scaffold=scaffold, examples=examples)
        plist = sample_params(params or GenerationParams(), max(1, k), temperature)
        layout = derive_scaffold(pair.id, source) if decompose and scaffold is None else None
        whole = 1 if layout is not None and layout.members else 0  # the decomposed one is the whole file
        gens: list[Generation] = []
        if whole:
            gens.append(self._decomposed(prompt, layout, plist.pop(0), on_token, cancelled))
            if gens[0].finish_reason in ("cancelled", "timeout"):
                plist = []
        many = getattr(self.generator, "generate_many", None)
        if many is not None and len(plist) > 1:
            gens += many(prompt.text, plist, on_token=on_token, cancelled=cancelled)
        else:
            total = sum(g.tokens for g in gens)
            for p in plist:
                gen = self.generator.generate(prompt.text, p, cancelled=cancelled,
                                              on_token=(lambda s, n, base=total: on_token(s, base + n))
                                              if on_token else None)
                total += gen.tokens
                gens.append(gen)
                if gen.finish_reason in ("cancelled", "timeout"):
                    break
        return prompt, [Translation(code=sanitize(pair.target.name, g.text, prefix="" if n < whole else prompt.prefix),
                                    prompt_hash=prompt.hash, tokens=g.tokens, seconds=g.seconds,
                                    first_token_seconds=g.first_token_seconds, finish_reason=g.finish_reason)
                        for n, g in enumerate(gens)]

    def _decomposed(self, prompt: Prompt, scaffold: Scaffold, params: GenerationParams,
                    on_token: Callable[[str, int], None] | None,
                    cancelled: Callable[[], bool] | None) -> Generation:
        """One whole translation written member by member: after the derived types the model adds any declarations
        of its own (constants, helper types), then each derived signature is opened in turn and the model writes
        only its body, stopped where the member closes. Every function keeps its derived signature and none is
        skipped or duplicated; the prompt's cached tokens are reused from one step to the next. Above each signature
        the source member it translates is shown as a comment, taken out of the answer afterwards: the whole source
        heads the prompt, but the 1.5B wrote three C++ `trim`s (" \t\n" trimmed from the ends) as one Rust filter of
        every whitespace, and a constructor left implicit without the values the fields start with."""
        base = prompt.text[: len(prompt.text) - len(prompt.prefix)]
        text, tokens, seconds, first, reason = scaffold.head, 0, 0.0, None, "stop"
        shown: list[str] = []  # the source comments put into ``text``, taken out at the end
        # (stop strings, what closes the generated part): first the model's own declarations (constants, helper
        # types; usually nothing), then each member's body
        steps = []
        if scaffold.declarations is not None:
            opening, stops, closing = scaffold.declarations
            steps.append(((*stops, *params.stop), closing, opening))
        for m in scaffold.members:
            block = _source_comment(m)
            shown += [block] if block else []
            opening = m.opening[: len(m.opening) - len(m.signature)] + block + m.signature
            steps.append((("\n" + m.closing, *params.stop), "\n" + m.closing + "\n", opening))
        for stop, close, opening in steps:
            text += opening
            budget = params.max_tokens - tokens
            if budget <= 0:
                reason = "length"
                break
            gen = self.generator.generate(
                base + text, dataclasses.replace(params, max_tokens=budget, stop=stop), cancelled=cancelled,
                on_token=(lambda s, i, done=tokens: on_token(s, done + i)) if on_token else None)
            tokens, seconds = tokens + gen.tokens, seconds + gen.seconds
            first = gen.first_token_seconds if first is None else first
            part = gen.text.rstrip()
            text += part + close if part or opening else ""
            if gen.finish_reason in ("cancelled", "timeout"):
                reason = gen.finish_reason
                break
        for block in shown:
            text = text.replace(block, "", 1)
        return Generation(text=text + scaffold.epilogue, tokens=tokens, finish_reason=reason, seconds=seconds,
                          first_token_seconds=first or 0.0)

    # --- checking --------------------------------------------------------------------------------
    def check(self, pair: LanguagePair, codes: Sequence[str], tests: str | None) -> list[RunResult]:
        """One sandbox batch: compile each code, or compile it with ``tests`` and run them."""
        jobs, slots = [], []
        for n, code in enumerate(codes):
            try:
                job = (Job.with_tests(pair.target.test_recipe, code, tests) if tests
                       else Job.of(pair.target.compile_recipe, code))
            except JobError as exc:  # empty answer: nothing to run
                slots.append(RunResult.unbuildable(exc))
                continue
            jobs.append(job)
            slots.append(n)
        results = iter(self._sandbox_or_none().run_batch(jobs)) if jobs else iter(())
        return [s if isinstance(s, RunResult) else next(results) for s in slots]

    def _autofix(self, pair: LanguagePair, cand: Candidate, tests: str | None) -> None:
        """The compiler's own suggestions (for a candidate that compiles but fails its tests, the fixes the failed
        checks name), before any further generation; kept when they rank higher (fewer errors left counts)."""
        if cand.compiled:
            writing = pair.target.writing
            fixed = writing.behaviour_fix(cand.code, cand.errors) if writing else cand.code
        else:
            sandbox = self._sandbox_or_none()
            fixed = suggested_fix(pair.target.name, cand.code, lambda job: sandbox.run_batch([job])[0]) or cand.code
        if fixed != cand.code:
            (res,) = self.check(pair, [fixed], tests)
            better = Candidate(dataclasses.replace(cand.translation, code=fixed), res, cand.with_tests, True)
            if better.rank(pair.target.name) > cand.rank(pair.target.name):
                cand.translation, cand.result, cand.autofixed = better.translation, res, True

    def candidates(self, pair: LanguagePair, source: str, k: int = 1, *, params: GenerationParams | None = None,
                   temperature: float = SAMPLE_TEMPERATURE, tests: str | None = None, scaffold: str | None = None,
                   examples: Sequence[Example] = (), autofix: bool = True, decompose: bool = False,
                   on_token: Callable[[str, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> tuple[Prompt, list[Candidate]]:
        """k samples, each checked (with ``tests`` when given) and fixed when it does not compile or pass."""
        prompt, outs = self.sample(pair, source, k, params=params, temperature=temperature, scaffold=scaffold,
                                   examples=examples, decompose=decompose, on_token=on_token, cancelled=cancelled)
        cands = [Candidate(t, with_tests=bool(tests)) for t in outs]
        first: dict[str, Candidate] = {}
        for c in cands:
            c.duplicate = c.code in first
            first.setdefault(c.code, c)
        unique = [c for c in cands if not c.duplicate and c.translation.finish_reason != "cancelled"]
        for c, res in zip(unique, self.check(pair, [c.code for c in unique], tests), strict=True):
            c.result = res
        if autofix:
            for c in unique:
                if not c.passed and c.code.strip() and not (cancelled and cancelled()):
                    self._autofix(pair, c, tests)
        for c in cands:
            if c.duplicate:
                c.result, c.autofixed = first[c.code].result, first[c.code].autofixed
        return prompt, cands

    def repair(self, pair: LanguagePair, source: str, cand: Candidate, *, params: GenerationParams | None = None,
               tests: str | None = None, cancelled: Callable[[], bool] | None = None) -> Candidate | None:
        """One repair round: the failing code and its compiler (or test) output go back to the model."""
        prompt = build_repair_prompt(pair, source, cand.code, cand.errors)
        gen = self.generator.generate(prompt.text, params or GenerationParams(), cancelled=cancelled)
        fixed = sanitize(pair.target.name, gen.text)
        if not fixed.strip():
            return None
        (res,) = self.check(pair, [fixed], tests)
        return Candidate(Translation(code=fixed, prompt_hash=prompt.hash, tokens=gen.tokens, seconds=gen.seconds,
                                     first_token_seconds=gen.first_token_seconds, finish_reason=gen.finish_reason),
                         res, bool(tests))

    def repair_members(self, pair: LanguagePair, prompt: Prompt, scaffold: Scaffold, cand: Candidate, *,
                       params: GenerationParams | None = None, tests: str | None = None, difference: str = "",
                       resamples: int = 0, others: Sequence[str] = (),
                       cancelled: Callable[[], bool] | None = None) -> Candidate | None:
        """A decomposed translation that failed: only the members blamed (by the compiler's error lines, by the
        call that behaved differently, or by where a test run crashed: ``_blame``) are written again, the
        complaint put as a comment above the signature; the rest of the file stays. First, for free, the blamed
        members are taken from each of ``others`` (the round's other candidates) that wrote them differently; then,
        while nothing passes, written again (with ``params``), and when that rewrite does not pass, sampled
        ``resamples`` more times at temperature, those checked in one sandbox batch: the best ranked variant is
        returned. None when nothing can be blamed, or no variant brought code."""
        spans = member_bodies(cand.code, scaffold)
        if spans is None:
            return None
        blame = _blame(pair.target.name, cand, scaffold, spans, difference, tests)
        if not blame:
            return None
        params = params or GenerationParams()
        tried = [Candidate(Translation(code=code, prompt_hash=prompt.hash, tokens=0, seconds=0.0,
                                       first_token_seconds=0.0, finish_reason="stop"), with_tests=bool(tests))
                 for code in _transplants(pair.target.name, cand.code, scaffold, spans, blame, others)]
        if tried:
            for c, res in zip(tried, self.check(pair, [c.code for c in tried], tests), strict=True):
                c.result = res
        tokens, seconds, rewrites = 0, 0.0, 0  # what the round cost, all variants (one without code too)
        for p in sample_params(params, 1 + max(0, resamples)):
            if any(c.passed for c in tried) or (cancelled and cancelled()):
                break
            code, unfinished = cand.code, False
            for at in sorted(blame, reverse=True):  # from the end: earlier offsets stay valid
                body = self._member_body(prompt, scaffold, at, code, spans[at], blame[at], p, cancelled)
                tokens, seconds = tokens + body.tokens, seconds + body.seconds
                unfinished = body.finish_reason in ("cancelled", "timeout")
                if unfinished:
                    break
                text = _unechoed(body.text)
                if text.strip():  # an answer without code (only complaints echoed) leaves the body as it was
                    code = code[:spans[at][0]] + text.rstrip("\n") + code[spans[at][1]:]
            if unfinished:  # an unfinished variant is dropped, and ends the sampling
                break
            if code == cand.code:  # not a rewrite: no check, and the next variant is sampled
                continue
            code = tidy(pair.target.name, code)  # as every candidate is: a body may bring a C++ throw, a Go import
            tried.append(Candidate(Translation(code=code, prompt_hash=prompt.hash, tokens=0, seconds=0.0,
                                               first_token_seconds=0.0, finish_reason="stop"), with_tests=bool(tests)))
            if rewrites == 0:  # the first rewrite alone: the others are sampled only when it fails
                (tried[-1].result,) = self.check(pair, [code], tests)
            rewrites += 1
        unchecked = [c for c in tried if c.result is None]
        if unchecked:
            for c, res in zip(unchecked, self.check(pair, [c.code for c in unchecked], tests), strict=True):
                c.result = res
        if not tried:
            return None
        best = max(range(len(tried)), key=lambda i: (tried[i].rank(pair.target.name), -i))
        chosen = tried[best]
        chosen.translation.tokens, chosen.translation.seconds = tokens, seconds
        return chosen

    def _member_body(self, prompt: Prompt, scaffold: Scaffold, at: int, code: str, span: tuple[int, int],
                     complaints: list[str], params: GenerationParams,
                     cancelled: Callable[[], bool] | None) -> Generation:
        """Member ``at``'s body written again after the code before it, with the source member it translates and
        the complaints (``// fix:``) as comments above its signature: the whole source heads the prompt, but a small
        model rewriting a body far below it repeats its own mistake (measured: circular_buffer's `write` rewritten
        three times, each time putting the value at `head`, not where the C++ puts it). Inside the body, the source
        made the model write comments of its own, and the complaints were echoed line after line in place of code
        (config_parser's `load`, template_renderer's `render`: an empty body that compiled)."""
        member, (start, end) = scaffold.members[at], span
        head = prompt.text[: len(prompt.text) - len(prompt.prefix)]
        opened = start - len(member.signature)
        margin = member.signature[: len(member.signature) - len(member.signature.lstrip())]
        hint = "".join(f"{margin}{FIX}{m[:200]}\n" for m in complaints[:3])
        context = code[:opened] + _source_comment(member) + hint + code[opened:start]
        # A body rarely needs much more than the one it replaces: a cap keeps a rambling answer cheap.
        cap = min(params.max_tokens, 64 + (end - start) // 2)
        return self.generator.generate(head + context, dataclasses.replace(
            params, max_tokens=cap, stop=("\n" + member.closing, *params.stop)), cancelled=cancelled)

    def _repaired(self, pair: LanguagePair, source: str, prompt: Prompt, members: Scaffold | None,
                  cand: Candidate, *, params: GenerationParams, tests: str | None, others: Sequence[str] = (),
                  cancelled: Callable[[], bool] | None = None) -> Candidate | None:
        """One repair round for a failed candidate: its blamed members when it has the decomposed layout (and, when
        that rewrite no longer compiles, the members its errors fall in), else (or when that is no better) the whole
        file; the compiler's own fixes applied to what comes back."""
        language = pair.target.name
        fixed = None
        if members is not None and members.members:
            fixed = self._members_repaired(pair, prompt, members, cand, params=params, tests=tests, others=others,
                                           cancelled=cancelled)
            if fixed is not None and cand.compiled and not fixed.compiled and not (cancelled and cancelled()):
                # A behaviour repair that broke the build (measured: `add` now calls `check_name`, and passes a
                # `&str` where a String goes) has its compile errors repaired before it is judged against ``cand``.
                mended = self._members_repaired(pair, prompt, members, fixed, params=params, tests=tests,
                                                others=others, cancelled=cancelled)
                if mended is not None and mended.rank(language) > fixed.rank(language):
                    mended.translation.tokens += fixed.translation.tokens
                    mended.translation.seconds += fixed.translation.seconds
                    fixed = mended
        if fixed is None or fixed.rank(language) <= cand.rank(language):
            fixed = self.repair(pair, source, cand, params=params, tests=tests, cancelled=cancelled)
            if fixed is not None and not fixed.passed and not (cancelled and cancelled()):
                self._autofix(pair, fixed, tests)
        return fixed

    def _members_repaired(self, pair: LanguagePair, prompt: Prompt, members: Scaffold, cand: Candidate, *,
                          params: GenerationParams, tests: str | None, others: Sequence[str] = (),
                          cancelled: Callable[[], bool] | None = None) -> Candidate | None:
        """``repair_members`` of ``cand`` (blamed by its first difference when it compiled, else by its compiler
        errors), the compiler's own fixes applied to what comes back."""
        fixed = self.repair_members(
            pair, prompt, members, cand, params=params, tests=tests, resamples=REPAIR_SAMPLES, others=others,
            difference=first_difference(pair.target.name, cand.errors) if cand.compiled else "", cancelled=cancelled)
        if fixed is not None and not fixed.passed and not (cancelled and cancelled()):
            self._autofix(pair, fixed, tests)
        return fixed

    # --- the editor's routine ---------------------------------------------------------------------
    def translate(self, pair: LanguagePair, source: str, *, params: GenerationParams | None = None,
                  verify: VerifyMode = "off", candidates: int = 3, tests: str | None = None,
                  scaffold: str | None = None, examples: Sequence[Example] = (), decompose: bool = False,
                  repair_rounds: int = REPAIR_ROUNDS, on_token: Callable[[str, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> Translation:
        params = params or GenerationParams()
        unavailable = ""
        if verify != "off":  # find out before generating: no candidate is sampled for nothing
            try:
                self._sandbox_or_none()
            except SandboxError as exc:
                verify, unavailable = "off", str(exc)
        calls, fallback = 0, ""
        if verify == "equivalence" and scaffold is not None:
            # The generated calls follow the derived signatures; a given scaffold (a benchmark's) may name others.
            verify, fallback = "compile", "the scaffold was given, and generated calls follow the derived one"
        if verify == "equivalence" and self._sandbox is not None:
            reason, tests, meta = source_io_tests(pair, source, self._sandbox.run_batch)
            calls = int(meta.get("calls", 0))
            if reason:
                verify, tests, fallback = "compile", None, _why_no_equivalence(reason)
        if verify == "off":
            _, outs = self.sample(pair, source, 1, params=params, scaffold=scaffold, examples=examples,
                                  decompose=decompose, on_token=on_token, cancelled=cancelled)
            best = outs[0]
            best.evidence = Evidence(mode=verify, candidates=1, sandbox_error=unavailable)
            return best
        with_tests = verify in ("tests", "equivalence") and bool(tests)
        prompt, cands = self.candidates(pair, source, max(1, candidates), params=params, scaffold=scaffold,
                                        examples=examples, tests=tests if with_tests else None, decompose=decompose,
                                        on_token=on_token, cancelled=cancelled)
        if (cands[0].translation.finish_reason in ("cancelled", "timeout")
                or any(c.translation.finish_reason == "cancelled" for c in cands)):
            best = cands[0].translation
            best.tokens = sum(c.translation.tokens for c in cands)
            best.seconds = sum(c.translation.seconds for c in cands)
            best.evidence = Evidence(mode=verify, candidates=len(cands), fallback=fallback)
            return best
        language = pair.target.name
        idx = max(range(len(cands)), key=lambda i: (cands[i].rank(language), -i))
        members = derive_scaffold(pair.id, source) if decompose and scaffold is None else None
        repairs, sampled = 0, len(cands)
        for _ in range(repair_rounds):  # from the best so far, while each round gets closer
            if cands[idx].passed or (cancelled and cancelled()):
                break
            others = [c.code for c in cands[:sampled] if c is not cands[idx] and not c.duplicate]
            fixed = self._repaired(pair, source, prompt, members, cands[idx], params=params,
                                   tests=tests if with_tests else None, others=others, cancelled=cancelled)
            if fixed is None or fixed.rank(language) <= cands[idx].rank(language):
                break
            cands.append(fixed)
            idx, repairs = len(cands) - 1, repairs + 1
        chosen = cands[idx]
        best = chosen.translation
        best.tokens = sum(c.translation.tokens for c in cands)
        best.seconds = sum(c.translation.seconds for c in cands)
        best.evidence = Evidence(
            mode=verify, candidates=len(cands) - repairs, chosen=idx, compiled=chosen.compiled,
            tests_passed=(chosen.result.passed if with_tests and chosen.result else None), repaired=repairs > 0,
            autofixed=chosen.autofixed, errors=chosen.errors[-2000:],
            sandbox_seconds=sum(c.result.compile_seconds + c.result.run_seconds
                                for c in cands if c.result is not None and not c.duplicate),
            calls=calls,
            difference=first_difference(pair.target.name, chosen.errors) if with_tests and chosen.compiled else "",
            fallback=fallback)
        return best


def member_bodies(code: str, scaffold: Scaffold) -> list[tuple[int, int]] | None:
    """(start, end) offsets of each decomposed member's body in ``code``: after its signature line, up to the
    line break before its closing brace (``end`` may be ``start - 1`` for an empty body). None when the code no
    longer has the decomposed layout (a fixer or a repair rewrote it)."""
    spans, at = [], 0
    for member in scaffold.members:
        span = _body_span(code, member, at)
        if span is None:
            return None
        spans.append(span)
        at = span[1] + 1
    return spans


def _body_span(code: str, member: Member, at: int = 0) -> tuple[int, int] | None:
    """(start, end) of ``member``'s body in ``code``, from its first signature at or after ``at``."""
    found = code.find(member.signature, at)
    end = code.find("\n" + member.closing, found + len(member.signature) - 1) if found >= 0 else -1
    return (found + len(member.signature), end) if end >= 0 else None


def _blame(language: str, cand: Candidate, scaffold: Scaffold, spans: list[tuple[int, int]],
           difference: str, tests: str | None = None) -> dict[int, list[str]]:
    """The members to write again, by index, with what is wrong in each: those the compiler's errors fall in; else
    the one the first differing call names, and beside it the member most often called since the failed scenarios'
    last passing check (``Writing.unchecked_calls``: a writer that left the state wrong for the reader that showed
    it), or, when the call should have failed (the source threw), the members the source throws in among it and
    those it calls; a crash is blamed where it was raised, when that is a line of the translation ("too many
    cells"), else on the call that was running (a slice out of range in the standard library: ``call panics: msg``)."""
    code = cand.code
    lines = [code[:start].count("\n") for start, _ in spans]  # the line after each signature (0-based)

    def located(sites: list[tuple[int, str]]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for line, msg in sites:
            at = next((i for i in reversed(range(len(spans))) if lines[i] - 1 <= line - 1), None)
            if at is not None and line - 1 <= code[:spans[at][1]].count("\n") + 1:
                out.setdefault(at, []).append(msg)
        return out

    blame = located([(line, msg) for line, _col, msg in compiler_errors(language, cand.errors)])
    found = LANGUAGES.get(language)
    crashes = located([(line, f"panics: {msg}") for line, msg in found.writing.panic_sites(cand.errors)]
                      ) if cand.compiled and found and found.writing else {}
    if not blame and difference and not (crashes and " panics: " in difference):  # a crash: where it was raised
        name = re.match(r"(?:\w+\.|\w+::)?(\w+)\(", difference)
        at = _member_named(scaffold, name[1]) if name else None
        if at is not None:
            blame[at] = [difference if " panics: " in difference else f"wrong result: {difference}"]
            unfailed = bool(found and found.writing and difference.endswith(found.writing.unfailed))
            path, throwers = _path_to_throw(scaffold, at) if unfailed else ([], [])  # where the source fails, and how
            if path:  # then no state is to blame: the call should not have returned at all
                where = f" (the source throws in {', '.join(throwers)})"
                blame[at][0] += where
                for i in path:
                    blame.setdefault(i, [f"must fail as the source does: {difference}{where}"])
            # the member's other differing calls (measured: shown one trailing space, the 1.5B dropped every
            # whitespace from `normalize`, and the call with a newline differed next)
            others = found.writing.differences(cand.errors) if found and found.writing else []
            same = [d for d in dict.fromkeys(others) if d[:300] != difference
                    and (m := re.match(r"(?:\w+\.|\w+::)?(\w+)\(", d)) and m[1] == name[1]]
            blame[at] += [f"also: {d}" for d in same[:2]]
            windows = found.writing.unchecked_calls(tests or "", cand.errors) if found and found.writing and \
                not path else []
            writers = Counter(c for window in windows for c in dict.fromkeys(window) if c != name[1])
            writer = _member_named(scaffold, writers.most_common(1)[0][0]) if writers else None
            if writer is not None and writer != at:
                blame[writer] = [f"state left wrong: called before {difference}"]
    return blame or crashes


def _transplants(language: str, code: str, scaffold: Scaffold, spans: list[tuple[int, int]],
                 blame: dict[int, list[str]], others: Sequence[str]) -> list[str]:
    """``code`` with its blamed members' bodies as each of ``others`` wrote them (where it kept the derived
    signature), each variant once: the round's other samples often got right the member the best one got wrong."""
    out: list[str] = []
    for other in others:
        variant = code
        for at in sorted(blame, reverse=True):  # from the end: earlier offsets stay valid
            span = _body_span(other, scaffold.members[at])
            body = other[span[0]:span[1]] if span else ""
            if body.strip():
                variant = variant[:spans[at][0]] + body + variant[spans[at][1]:]
        variant = tidy(language, variant)
        if variant != code and variant not in out:
            out.append(variant)
    return out


def _source_comment(member: Member) -> str:
    """The source member ``member`` translates, as comments at its signature's indentation ("" when none)."""
    margin = member.signature[: len(member.signature) - len(member.signature.lstrip())]
    lines = _dedented(member.source).splitlines()[:SOURCE_LINES]
    return f"{margin}// the source:\n" + "".join(f"{margin}// {line}\n" for line in lines) if lines else ""


def _unechoed(body: str) -> str:
    """A rewritten body without the complaints a small model copies from above the signature, "" when nothing
    but comments is left."""
    kept = [line for line in body.splitlines(keepends=True) if not line.lstrip().startswith(FIX)]
    code = [line for line in kept if line.strip() and not line.lstrip().startswith("//")]
    return "".join(kept) if code else ""


def _path_to_throw(scaffold: Scaffold, at: int) -> tuple[list[int], list[str]]:
    """The members on a call path from member ``at`` to one whose source throws (both ends included), and the
    names of those that throw: a call that should have failed may lack the throw, or a call on the way to it."""
    index = {m.sig.name: i for i, m in enumerate(scaffold.members) if m.sig is not None}
    callees = {i: sorted(index[n] for n in m.sig.calls if n in index) if m.sig else []
               for i, m in enumerate(scaffold.members)}
    throws = {i for i, m in enumerate(scaffold.members) if m.sig is not None and m.sig.raises}
    reaches: set[int] = set(throws)  # members that throw, or call one that does, directly or not
    while grown := {i for i, out in callees.items() if i not in reaches and reaches.intersection(out)}:
        reaches |= grown
    seen, todo = {at}, [at]
    while todo:
        for i in callees[todo.pop()]:
            if i not in seen:
                seen.add(i)
                todo.append(i)
    path = sorted(seen & reaches)
    return path, [scaffold.members[i].sig.name for i in path if i in throws]  # type: ignore[union-attr]


def _dedented(definition: str) -> str:
    """A definition cut from its file starts at its first token while its other lines keep the file's indentation:
    its closing line says how deep it sat."""
    lines = definition.splitlines()
    if len(lines) < 2:
        return definition
    return textwrap.dedent("\n".join([lines[-1][: len(lines[-1]) - len(lines[-1].lstrip())] + lines[0], *lines[1:]]))


def _member_named(scaffold: Scaffold, name: str) -> int | None:
    return next((i for i, m in enumerate(scaffold.members) if re.search(rf"\b{re.escape(name)}\(", m.signature)),
                None)


def _why_no_equivalence(reason: str) -> str:
    kind = reason.split(":")[0]
    if kind.startswith("io_driver_"):
        return f"the source did not run on its own ({kind.removeprefix('io_driver_').replace('_', ' ')})"
    return {"io_unsupported_signatures": "no function or method with supported parameter types to call",
            "io_too_few_results": "too few generated calls finished on the source"}.get(kind, reason)


def first_difference(language: str, output: str) -> str:
    """The first failed check of a test run, as ``call = got, want expected`` (the target language reads its own
    test output: ``Writing.difference``); "" when there is none or the language cannot say."""
    found = LANGUAGES.get(language)
    return ((found.writing.differences(output) or [""])[0] if found and found.writing else "")[:300]
