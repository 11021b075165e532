"""The synthetic-data pipeline for seeds with tests: from a source program to admitted translation pairs.

Stages, each recorded in ``synth_items`` with its parent, timing and reject reason:
  expansion       (optional) an LLM evolves a seed (depth operators) or writes a sibling (breadth); the new
                  program must be parseable code that compiles; it then enters as a seed without tests
  seed            the source program and its tests (if it has any) pass in the sandbox; not a benchmark program
  io_tests        input/output tests (``io_tests``): a driver calls the program on generated inputs, and the
                  outcomes are rendered as a target-language test file against the scaffold's signatures
  source_tests    unit tests the teacher writes in the source language for a program without its own, kept
                  only when they pass on it (when the io driver is missing or weak; ``llm_tests="always"``: always)
  source_mutation the strongest oracle (its own tests, the driver's outputs, the LLM's tests) kills at least
                  ``source_threshold`` of the program's mutants (a usable oracle)
  candidate       k target translations (the first greedy, the rest sampled), deduplicated; must compile,
                  optionally after one repair round that shows the model the compiler's errors
  target_tests    the io tests; without them (or when the LLM's tests won), the source tests translated by the
                  teacher (greedy)
  validation      a candidate passes the translated tests
  target_mutation the translated tests kill at least ``target_threshold`` of that candidate's mutants, so weak
                  tests cannot admit wrong code
  admitted        one pair per seed: the first candidate that passed everything
A rerun with the same run id skips every stage already recorded for an item (resume after a kill).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass

import sqlite_utils

from act_lsp import store
from act_lsp.autofix import suggested_fix
from act_lsp.engine import GenerationParams
from act_lsp.pairs import LanguagePair, get_pair
from act_lsp.prompts import SYSTEM, build_prompt, build_repair_prompt, user_message
from act_lsp.sandbox import Job, JobError, RunResult, get_recipe
from act_lsp.sanitize import extract_code, sanitize
from act_lsp.scaffold import body_end, derive_scaffold
from act_train.dedup import Deduplicator
from act_train.io_tests import plan_io, render_io_tests
from act_train.mutation import mutation_score
from act_train.seeds import Seed, expansion_seed
from act_train.synth_prompts import (
    CHECK_CALL,
    OPERATORS,
    complete_tests,
    errors_in_tests,
    expansion_prompt,
    failing_check_lines,
    repair_tests_prompt,
    reporting_tests,
    source_tests_prompt,
    translate_tests_prompt,
)

STAGES = ("expansion", "seed", "io_tests", "source_tests", "source_mutation", "candidate", "target_tests", "validation",
          "target_mutation", "admitted")


@dataclass(frozen=True, kw_only=True)
class SynthConfig:
    targets: tuple[tuple[str, str], ...] = (("java", "go"), ("cpp", "rust"))
    candidates: int = 3
    # One repair round per failing candidate. Measured with the 0.5B model on the 8 bundled seeds: 0 of 21
    # candidates repaired, LLM time 86 s -> 715 s. Worth it with a stronger teacher, so off by default.
    repair: bool = False
    teacher_candidates: int = 0  # extra candidates written by the teacher model (the first greedy)
    # Unit tests the teacher writes in the source language for a program without its own: "fallback" when the io
    # driver is unavailable or too weak, "always" for every such program (the strongest oracle wins), "never".
    llm_tests: str = "fallback"
    temperature: float = 0.7
    max_tokens: int = 768
    mutants: int = 8  # per program, to bound sandbox cost
    source_threshold: float = 0.8
    target_threshold: float = 0.6

    def __post_init__(self) -> None:
        if self.llm_tests not in ("fallback", "always", "never"):
            raise ValueError("`llm_tests` is 'fallback', 'always' or 'never'")

    def pair_for(self, language: str) -> LanguagePair | None:
        target = dict(self.targets).get(language)
        return get_pair(f"{language}-{target}") if target else None


@dataclass(frozen=True, kw_only=True)
class ExpandConfig:
    per_seed: int = 2  # new programs per seed and round
    operators: tuple[str, ...] = OPERATORS
    focus: tuple[str, ...] = ()  # targeted-data requests (from the controller), used in turn
    by: str = "teacher"  # or "student": the model being trained writes the programs (about 2.5x faster on CPU)
    temperature: float = 0.8
    max_tokens: int = 900


# A do-nothing entry point per source language: "the expansion compiles" is checked by building and running it.
COMPILE_HARNESS: dict[str, str] = {
    "java": "public class Main { public static void main(String[] args) { } }",
    "cpp": "int main() { return 0; }",
}
_HAS_MAIN = {"java": re.compile(r"static\s+void\s+main\s*\("), "cpp": re.compile(r"\bint\s+main\s*\(")}


def _without_main(language: str, code: str) -> str:
    """Models often add a demo ``main``; the pipeline writes its own drivers, so the demo goes (not the answer)."""
    m = _HAS_MAIN[language].search(code)
    brace = code.find("{", m.end()) if m else -1
    if brace < 0:
        return code
    mods = re.search(r"(?:(?:public|private|protected|final|synchronized)\s+)*$", code[: m.start()])
    start = mods.start() if mods else m.start()
    line_start = code.rfind("\n", 0, start) + 1
    if not code[line_start:start].strip():
        start = line_start  # the whole lines go
    end = body_end(code, brace)
    if end >= len(code):
        return code
    rest = code[end + 1:]
    return code[:start] + (rest.lstrip(" \t").removeprefix("\n") if start == line_start else rest)


def clean_program(language: str, text: str) -> tuple[str, str]:
    """(code, reject reason) from an expansion answer."""
    code = extract_code(text)
    if "{" not in code:
        return "", "no_code"
    code = _without_main(language, code)
    if _HAS_MAIN[language].search(code):
        return code, "has_main"
    if language == "java":  # the file is Main.java: no other public top-level type may live there
        code = re.sub(r"^public\s+((?:final\s+|abstract\s+)*(?:class|interface|enum|record)\b)", r"\1", code,
                      flags=re.M)
    return code, ""


class Provenance:
    """Rows of ``synth_items``; the resume logic lives here."""

    def __init__(self, db: sqlite_utils.Database, run_id: str) -> None:
        self.db, self.run_id = db, run_id

    def find(self, stage: str, key: str) -> dict | None:
        rows = list(self.db.query("select * from synth_items where run_id = ? and stage = ? and key = ?",
                                  [self.run_id, stage, key]))
        return rows[0] if rows else None

    def admitted_elsewhere(self, key: str) -> bool:
        """An earlier run admitted this seed: its pair is in the training set already."""
        return bool(self.db.execute("select 1 from synth_items where stage = 'admitted' and ok = 1 and key = ? "
                                    "and run_id != ? limit 1", [key, self.run_id]).fetchone())

    def stage_of(self, item_id: str) -> str | None:
        rows = list(self.db.query("select stage from synth_items where id = ?", [item_id]))
        return rows[0]["stage"] if rows else None

    def add(self, *, stage: str, key: str, parent: str | None, ok: bool, reason: str = "", code: str = "",
            seconds: float = 0.0, meta: dict | None = None, pair: str = "") -> str:
        item_id = uuid.uuid4().hex[:16]
        self.db["synth_items"].insert({
            "id": item_id, "run_id": self.run_id, "stage": stage, "key": key, "parent_id": parent, "pair": pair,
            "ok": int(ok), "reason": reason, "code": code, "seconds": round(seconds, 3),
            "meta": json.dumps(meta or {}), "created_at": store.now()})
        return item_id


def _key(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:20]


class Pipeline:
    def __init__(self, config: SynthConfig, generator, run_batch: Callable[[Sequence[Job]], list[RunResult]],
                 db: sqlite_utils.Database, dedup: Deduplicator, run_id: str | None = None,
                 on_event: Callable[[str], None] | None = None, teacher=None) -> None:
        """``generator``: the model being trained (writes the candidates); ``teacher``: a stronger model for the
        data it does not have to learn from (translated tests), defaulting to ``generator``."""
        self.config, self.generator, self.run_batch, self.dedup = config, generator, run_batch, dedup
        self.teacher = teacher or generator
        self.run_id = run_id or uuid.uuid4().hex[:12]
        self.prov = Provenance(db, self.run_id)
        self.log = on_event or (lambda _msg: None)
        self.timing = Counter()  # seconds in "llm" vs "sandbox"

    # --- helpers that count where time goes ------------------------------------------------------
    def _generate(self, prompt: str, temperature: float, seed: int | None, model=None,
                  max_tokens: int | None = None):
        t = time.perf_counter()
        params = GenerationParams(max_tokens=max_tokens or self.config.max_tokens, temperature=temperature, seed=seed)
        gen = (model or self.generator).generate(prompt, params)
        self.timing["llm"] += time.perf_counter() - t
        return gen

    def _run(self, jobs: Sequence[Job]) -> list[RunResult]:
        t = time.perf_counter()
        results = self.run_batch(list(jobs)) if jobs else []
        self.timing["sandbox"] += time.perf_counter() - t
        return results

    def _mutation(self, recipe: str, code: str, tests: str, baseline_stdout: str | None = None):
        t = time.perf_counter()
        report = mutation_score(recipe, code, tests, self.run_batch, limit=self.config.mutants,
                                baseline_stdout=baseline_stdout)
        self.timing["sandbox"] += time.perf_counter() - t
        return report

    # --- stages --------------------------------------------------------------------------------
    def run_seed(self, seed: Seed) -> str | None:
        """Returns the admitted item id, or None."""
        pair = self.config.pair_for(seed.language)
        if pair is None:
            return None
        done = self.prov.find("admitted", _key(seed.id))
        if done:
            return done["id"]
        if self.prov.admitted_elsewhere(_key(seed.id)):  # no second copy of a pair; rejected seeds are retried
            self.log(f"{seed.id}: admitted in an earlier run")
            return None
        src, io, source_tests = self._source_checks(seed, pair)
        if src is None:
            return None
        # Candidates come one at a time: the first that passes everything ends the seed, so the sampled ones are
        # only generated when the greedy one fails (most of the LLM time of a seed).
        tests_id = target_tests = None
        for cand_id, code in self._candidates(seed, pair, src):
            if target_tests is None:
                if io is not None:
                    tests_id, target_tests = io["id"], io["code"]
                else:
                    tests_id, target_tests = self._target_tests(seed, pair, code, source_tests)
                if target_tests is None:
                    return None
            admitted = self._validate(seed, pair, cand_id, code, tests_id, target_tests)
            if admitted:
                return admitted
            repaired = None if io is not None else self._repair_tests(seed, pair, cand_id, code, target_tests)
            if repaired:  # translated tests the compiler blamed were repaired (io tests are right by construction)
                tests_id, target_tests = repaired
                admitted = self._validate(seed, pair, cand_id, code, tests_id, target_tests)
                if admitted:
                    return admitted
        return None

    def _repair_tests(self, seed: Seed, pair: LanguagePair, cand_id: str, code: str, tests: str):
        """Once per seed: when the compiler blames the translated tests, the teacher fixes them."""
        key = _key(seed.id, "tests", "repair")
        done = self.prov.find("target_tests", key)
        if done:  # resumed: use the repair made before the kill
            return (done["id"], done["code"]) if done["ok"] else None
        row = self.prov.find("validation", _key(seed.id, cand_id, _key(tests)))
        errors = json.loads(row["meta"]).get("errors", "") if row else ""
        if not errors or not errors_in_tests(pair.target.name, errors, code):
            return None
        t = time.perf_counter()
        prompt = repair_tests_prompt(pair, tests, code, errors)
        gen = self._generate(prompt.text, 0.0, None, model=self.teacher)
        fixed = sanitize(pair.target.name, gen.text, prefix=prompt.prefix)
        ok = bool(fixed.strip()) and fixed != tests
        tid = self.prov.add(stage="target_tests", key=key, parent=None, ok=ok, code=fixed, pair=pair.id,
                            reason="" if ok else "no_tests", seconds=time.perf_counter() - t, meta={"repair": True})
        return (tid, fixed) if ok else None

    def _source_checks(self, seed: Seed, pair: LanguagePair) -> tuple[str | None, dict | None, str | None]:
        """Seed gate, io tests, LLM tests, then the source mutation gate; each step resumes on its own after a kill.
        Returns the gate's item id (None: rejected), the io tests row (None: not used for the target) and the
        source-language tests to translate when there are no io tests."""
        key = _key(seed.id)
        seed_row = self.prov.find("seed", key)
        if seed_row is None:
            seed_row = self._seed_gate(seed, pair, key)
        if not seed_row["ok"]:
            return None, None, None
        io = self._io_tests(seed, pair, seed_row["id"])
        gate = self.prov.find("source_mutation", key)
        if gate:
            gate_id = gate["id"] if gate["ok"] else None
            if json.loads(gate["meta"]).get("tests") == "llm":
                return gate_id, None, self._llm_tests(seed, pair, seed_row["id"])
            return gate_id, io, seed.tests
        # The strongest oracle wins: the program's own tests, else the io driver, else unit tests by the LLM.
        scores, llm_tests = {}, None
        if seed.tests:
            scores["own"] = self._mutation(pair.source.test_recipe, seed.code, seed.tests)
        if io is not None and not self._strong(scores.get("own")):
            meta = json.loads(io["meta"])
            scores["io"] = self._mutation(pair.source.test_recipe, meta["program"], meta["driver"], meta["stdout"])
        mode = self.config.llm_tests
        if not seed.tests and (mode == "always" or (mode == "fallback" and not self._strong(scores.get("io")))):
            llm_tests = self._llm_tests(seed, pair, seed_row["id"])
            if llm_tests:
                scores["llm"] = self._mutation(pair.source.test_recipe, seed.code, llm_tests)
        if not scores:
            return None, None, None
        kind, report = max(scores.items(), key=lambda kv: kv[1].score)
        ok = self._strong(report)
        self.log(f"{seed.id}: source mutation score {report.score:.2f} ({report.killed}/{report.compiled}, {kind})")
        mut_id = self.prov.add(stage="source_mutation", key=key, parent=seed_row["id"], ok=ok, pair=pair.id,
                               reason="" if ok else "weak_source_tests",
                               meta={"score": report.score, "compiled": report.compiled, "killed": report.killed,
                                     "tests": kind, "scores": {k: r.score for k, r in scores.items()}})
        if kind == "llm":  # the target side translates these tests (the io driver was weaker or missing)
            return (mut_id if ok else None), None, llm_tests
        return (mut_id if ok else None), io, seed.tests

    def _llm_tests(self, seed: Seed, pair: LanguagePair, parent: str) -> str | None:
        """Unit tests in the source language by the teacher, kept only when they pass on the program."""
        key = _key(seed.id, "source_tests")
        row = self.prov.find("source_tests", key)
        if row is None:
            t = time.perf_counter()
            src = pair.source
            prompt = source_tests_prompt(src.name, src.display, src.fence, seed.code)
            gen = self._generate(prompt.text, 0.0, None, model=self.teacher, max_tokens=600)
            tests = complete_tests(src.name, gen.text)
            dropped = 0
            reason = "" if CHECK_CALL.search(tests[len(prompt.prefix):]) else "no_tests"
            if not reason:
                tests, dropped, reason = self._keep_passing_checks(seed, pair, tests)
            row = {"id": self.prov.add(stage="source_tests", key=key, parent=parent, ok=not reason, reason=reason,
                                       code=tests, pair=pair.id, seconds=time.perf_counter() - t,
                                       meta={"tokens": gen.tokens, "by": "teacher", "dropped_checks": dropped}),
                   "ok": not reason, "code": tests}
        return row["code"] if row["ok"] else None

    def _keep_passing_checks(self, seed: Seed, pair: LanguagePair, tests: str) -> tuple[str, int, str]:
        """(tests, checks dropped, reject reason). The program is the reference: lines that do not compile and
        checks it fails are the LLM's mistakes and go; what remains must pass as written, with at least 3 checks."""
        recipe, current, dropped = pair.source.test_recipe, tests, 0
        try:
            for _ in range(3):  # compile errors, then failing checks, then the final run
                job = Job.with_tests(recipe, seed.code, current)
                (res,) = self._run([job])
                if res.passed:
                    return current, dropped, ""
                output = res.stderr + res.stdout
                if res.phase == "run":
                    reporting = reporting_tests(pair.source.name, current)
                    (probe,) = self._run([Job.with_tests(recipe, seed.code, reporting)])
                    output = probe.stderr + probe.stdout
                # Lines of the file the tests were placed in, before the tests' first line.
                offset = len(job.files[get_recipe(recipe).main_file].split("\n")) - len(current.split("\n"))
                bad = {n - offset - 1 for n in failing_check_lines(output)} & set(range(len(current.split("\n"))))
                kept = [line for i, line in enumerate(current.split("\n")) if i not in bad]
                checks = sum(bool(CHECK_CALL.search(line)) and "void check(" not in line for line in kept)
                if not bad or checks < 3:
                    return tests, 0, f"source_tests_{res.status}"
                current, dropped = "\n".join(kept), dropped + len(bad)
        except JobError as exc:
            return tests, 0, f"bad_job: {exc}"
        return tests, 0, "source_tests_unfixable"

    def _strong(self, report) -> bool:
        return report is not None and report.compiled > 0 and report.score >= self.config.source_threshold

    def _io_tests(self, seed: Seed, pair: LanguagePair, parent: str) -> dict | None:
        """Run the io driver on the program; the outcomes become the target tests. None when unavailable."""
        key = _key(seed.id, "io")
        row = self.prov.find("io_tests", key)
        if row is None:
            t = time.perf_counter()
            plan = plan_io(pair.source.name, pair.target.name, seed.code)
            reason, tests, meta = "", "", {}
            if plan is None:
                reason = "io_unsupported_signatures"
            else:
                program = plan.program(seed.code)
                try:
                    (res,) = self._run([Job.with_tests(pair.source.test_recipe, program, plan.driver)])
                except JobError as exc:
                    res, reason = None, f"bad_job: {exc}"
                if res is not None and not res.passed:
                    reason = f"io_driver_{res.status}"
                elif res is not None:
                    suite = render_io_tests(plan, pair.target.name, res.stdout)
                    if suite is None:
                        reason = "io_too_few_results"
                    else:
                        tests = suite.tests
                        meta = {"program": program, "driver": plan.driver, "stdout": res.stdout,
                                "scenarios": suite.scenarios, "calls": suite.calls, "values": suite.values}
            row = {"id": self.prov.add(stage="io_tests", key=key, parent=parent, ok=not reason, reason=reason,
                                       code=tests, pair=pair.id, seconds=time.perf_counter() - t, meta=meta),
                   "ok": not reason, "code": tests, "meta": json.dumps(meta)}
        return row if row["ok"] else None

    def _seed_gate(self, seed: Seed, pair: LanguagePair, key: str) -> dict:
        """Not a benchmark program or a duplicate, and its own tests (if any) pass."""
        t = time.perf_counter()
        verdict = self.dedup.check(seed.code)
        if not verdict.keep:
            item = self.prov.add(stage="seed", key=key, parent=None, ok=False, reason=verdict.reason, code=seed.code,
                                 pair=pair.id)
            return {"id": item, "ok": False}
        ok, reason = True, ""
        if seed.tests:
            (result,) = self._run([Job.with_tests(pair.source.test_recipe, seed.code, seed.tests)])
            ok, reason = result.passed, "" if result.passed else f"source_tests_{result.status}"
        item = self.prov.add(stage="seed", key=key, parent=None, ok=ok, code=seed.code, pair=pair.id, reason=reason,
                             seconds=time.perf_counter() - t, meta={"origin": seed.origin, "seed": seed.id})
        return {"id": item, "ok": ok}

    def _candidates(self, seed: Seed, pair: LanguagePair, parent: str) -> Iterator[tuple[str, str]]:
        """Compiling candidates, lazily (the first greedy, the rest sampled; then the teacher's)."""
        prompt = build_prompt(pair, seed.code)
        seen: set[str] = set()
        for i in range(self.config.candidates + self.config.teacher_candidates):
            key = _key(seed.id, "cand", str(i))
            row = self.prov.find("candidate", key)
            if row is None:
                t = time.perf_counter()
                j = i if i < self.config.candidates else i - self.config.candidates  # index within its model
                model = self.generator if i < self.config.candidates else self.teacher
                gen = self._generate(prompt.text, 0.0 if j == 0 else self.config.temperature, None if j == 0 else j,
                                     model=model)
                code = sanitize(pair.target.name, gen.text, prefix=prompt.prefix)
                if not code.strip() or code in seen:
                    self.prov.add(stage="candidate", key=key, parent=parent, ok=False, code=code, pair=pair.id,
                                  reason="empty" if not code.strip() else "duplicate_candidate")
                    continue
                ok, reason, errors = self._compiles(pair, code)
                autofixed = False
                if not ok:  # the compiler's own suggestions first: one compile, no generation
                    t_fix = time.perf_counter()
                    fixed = suggested_fix(pair.target.name, code, lambda job: self.run_batch([job])[0])
                    self.timing["sandbox"] += time.perf_counter() - t_fix
                    if fixed and fixed not in seen:
                        ok2, _, errors2 = self._compiles(pair, fixed)
                        if ok2:
                            code, ok, reason, autofixed = fixed, True, "", True
                repaired = False
                if not ok and errors and self.config.repair:  # one repair round with the compiler's words
                    fix = self._generate(build_repair_prompt(pair, seed.code, code, errors).text, 0.0, None)
                    fixed = sanitize(pair.target.name, fix.text)
                    if fixed.strip() and fixed not in seen:
                        ok2, reason2, _ = self._compiles(pair, fixed)
                        if ok2:
                            code, ok, reason, repaired = fixed, True, "", True
                row = {"id": self.prov.add(stage="candidate", key=key, parent=parent, ok=ok, reason=reason,
                                           code=code, pair=pair.id, seconds=time.perf_counter() - t,
                                           meta={"index": i, "tokens": gen.tokens, "repaired": repaired,
                                                 "autofixed": autofixed,
                                                 "by": "student" if model is self.generator else "teacher"}),
                       "ok": ok, "code": code}
            seen.add(row["code"])
            self.log(f"{seed.id}: candidate {i} {'compiles' if row['ok'] else 'does not compile'}")
            if row["ok"]:
                yield row["id"], row["code"]

    def _compiles(self, pair: LanguagePair, code: str) -> tuple[bool, str, str]:
        try:
            (res,) = self._run([Job.of(pair.target.compile_recipe, code)])
        except JobError as exc:
            return False, f"bad_job: {exc}", ""
        return res.passed, "" if res.passed else f"target_{res.status}", res.stderr or res.stdout

    def _target_tests(self, seed: Seed, pair: LanguagePair, code: str,
                      source_tests: str | None) -> tuple[str | None, str | None]:
        key = _key(seed.id, "tests")
        row = self.prov.find("target_tests", key)
        if row:
            return row["id"], (row["code"] if row["ok"] else None)
        t = time.perf_counter()
        if not source_tests:
            return None, None
        prompt = translate_tests_prompt(pair, source_tests, code)
        gen = self._generate(prompt.text, 0.0, None, model=self.teacher)
        tests = sanitize(pair.target.name, gen.text, prefix=prompt.prefix)
        ok = bool(tests.strip())
        tid = self.prov.add(stage="target_tests", key=key, parent=None, ok=ok, code=tests, pair=pair.id,
                            reason="" if ok else "no_tests", seconds=time.perf_counter() - t)
        return tid, (tests if ok else None)

    def _validate(self, seed, pair, cand_id, code, tests_id, tests) -> str | None:
        key = _key(seed.id, cand_id, _key(tests))
        row = self.prov.find("validation", key)
        if row is None:
            errors = ""
            try:
                (res,) = self._run([Job.with_tests(pair.target.test_recipe, code, tests)])
                ok, reason = res.passed, "" if res.passed else f"target_tests_{res.status}"
                errors = "" if res.passed else (res.stderr or res.stdout)[:3000]
            except JobError as exc:
                ok, reason = False, f"bad_job: {exc}"
            row = {"id": self.prov.add(stage="validation", key=key, parent=cand_id, ok=ok, reason=reason,
                                       pair=pair.id, meta={"tests": tests_id, "errors": errors}), "ok": ok}
        if not row["ok"]:
            return None
        mrow = self.prov.find("target_mutation", key)
        if mrow is None:
            report = self._mutation(pair.target.test_recipe, code, tests)
            ok = report.compiled > 0 and report.score >= self.config.target_threshold
            mrow = {"id": self.prov.add(stage="target_mutation", key=key, parent=row["id"], ok=ok, pair=pair.id,
                                        reason="" if ok else "weak_target_tests",
                                        meta={"score": report.score, "compiled": report.compiled}), "ok": ok}
        if not mrow["ok"]:
            return None
        evidence = {"compiles": True, "target_tests_pass": True, "target_mutation": True, "source_mutation": True,
                    "target_tests": "io" if self.prov.stage_of(tests_id) == "io_tests" else "translated"}
        admitted = self.prov.add(stage="admitted", key=_key(seed.id), parent=mrow["id"], ok=True, code=code,
                                 pair=pair.id, meta={"seed": seed.id, "source": seed.code, "tests": tests,
                                                     "evidence": evidence})
        self.log(f"{seed.id}: admitted")
        return admitted

    def expand(self, seeds: Sequence[Seed], config: ExpandConfig = ExpandConfig(), *,
               deadline: float | None = None) -> list[Seed]:
        """New programs from ``seeds`` by the teacher (or the student: ``config.by``); the ones that compile."""
        out: list[Seed] = []
        for seed in seeds:
            if seed.language not in COMPILE_HARNESS or self.config.pair_for(seed.language) is None:
                continue
            if deadline is not None and time.monotonic() > deadline:
                break
            todo, rows = [], []
            for i in range(config.per_seed):
                op = config.operators[(int(seed.digest, 16) + i) % len(config.operators)]
                focus = config.focus[i % len(config.focus)] if config.focus else None
                key = _key(seed.id, "expand", op, str(i), focus or "")
                row = self.prov.find("expansion", key)
                if row is None:
                    todo.append((key, op, focus))
                else:
                    rows.append((row, op))
            rows += self._expansions(seed, todo, config)
            for row, op in rows:
                if row["ok"]:
                    out.append(expansion_seed(seed.id, op, row["id"], seed.language, row["code"]))
        self.log(f"expansion: {len(out)} new programs from {len(seeds)} seeds")
        return out

    def _expansions(self, seed: Seed, todo, config: ExpandConfig) -> list[tuple[dict, str]]:
        pair = self.config.pair_for(seed.language)
        generated = []
        for key, op, focus in todo:
            t = time.perf_counter()
            prompt = expansion_prompt(seed.language, pair.source.display, pair.source.fence, seed.code, op, focus)
            model = self.generator if config.by == "student" else self.teacher
            gen = model.generate(prompt.text, GenerationParams(
                max_tokens=config.max_tokens, temperature=config.temperature, seed=int(key[:8], 16) % 100_000))
            self.timing["llm"] += time.perf_counter() - t
            code, reason = clean_program(seed.language, gen.text)
            generated.append((key, op, focus, code, reason, time.perf_counter() - t, gen.tokens))
        jobs = [Job.with_tests(pair.source.test_recipe, code, COMPILE_HARNESS[seed.language])
                for _, _, _, code, reason, _, _ in generated if not reason]
        results = iter(self._run(jobs))
        rows = []
        for key, op, focus, code, reason, secs, tokens in generated:
            if not reason:
                res = next(results)
                reason = "" if res.passed else f"expansion_{res.status}"
            item = self.prov.add(stage="expansion", key=key, parent=None, ok=not reason, reason=reason, code=code,
                                 pair=pair.id, seconds=secs, meta={"seed": seed.id, "operator": op, "focus": focus,
                                                                   "tokens": tokens})
            rows.append(({"id": item, "ok": not reason, "code": code}, op))
        return rows

    def run(self, seeds: Sequence[Seed], *, deadline: float | None = None,
            on_seed: Callable[[int, int], None] | None = None) -> dict:
        """``deadline`` (time.monotonic()): start no new seed after it; a rerun with this run id goes on."""
        admitted, done = [], 0
        for seed in seeds:
            if deadline is not None and time.monotonic() > deadline:
                break
            item = self.run_seed(seed)
            admitted += [item] if item else []
            done += 1
            if on_seed:
                on_seed(done, len(seeds))
        return {"run_id": self.run_id, "admitted": len(admitted), "seeds": done, "of": len(seeds),
                "timing": dict(self.timing)}


def funnel(db: sqlite_utils.Database, run_id: str) -> dict:
    """Per stage: items reaching it, passing it, and the reject reasons."""
    out = {}
    for stage in STAGES:
        rows = list(db.query("select ok, reason from synth_items where run_id = ? and stage = ?", [run_id, stage]))
        out[stage] = {"total": len(rows), "ok": sum(r["ok"] for r in rows),
                      "rejected": dict(Counter(r["reason"] for r in rows if not r["ok"]))}
    return out


def export_jsonl(db: sqlite_utils.Database, run_ids: Sequence[str] | None = None) -> list[dict]:
    """Admitted pairs in the finetuner's format, with chat messages and provenance."""
    sql = "select * from synth_items where stage = 'admitted' and ok = 1"
    args: list = []
    if run_ids:
        sql += f" and run_id in ({','.join('?' * len(run_ids))})"
        args = list(run_ids)
    rows, seen = [], set()
    for row in db.query(sql + " order by created_at", args):
        meta = json.loads(row["meta"])
        if (row["pair"], meta["source"]) in seen:  # one pair per program, whichever runs admitted it
            continue
        seen.add((row["pair"], meta["source"]))
        pair = get_pair(row["pair"])
        user = user_message(pair, meta["source"], derive_scaffold(pair.id, meta["source"]).signatures)
        answer = f"```{pair.target.fence}\n{row['code'].rstrip()}\n```"
        rows.append({"pair": row["pair"], "source": meta["source"], "target": row["code"],
                     "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user},
                                  {"role": "assistant", "content": answer}],
                     "provenance": {"run": row["run_id"], "item": row["id"], "seed": meta["seed"],
                                    "evidence": meta["evidence"], "tests": meta["tests"]}})
    return rows


def config_dict(config: SynthConfig) -> dict:
    return asdict(config)
