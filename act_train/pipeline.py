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
  candidate       k target translations (the first greedy, the rest sampled; decoded in one batch) by the one
                  translation routine (``Translator``), deduplicated; must compile, after the compiler's own
                  fixes, optionally after one repair round that shows the model the compiler's errors
  target_tests    the io tests; without them (or when the LLM's tests won), the source tests translated by the
                  teacher (greedy)
  validation      a candidate passes the translated tests
  target_mutation the translated tests kill at least ``target_threshold`` of that candidate's mutants, so weak
                  tests cannot admit wrong code (io tests skip it: the source mutation gate proved those inputs)
  sampled         the program's pass rate over the student's k samples (its difficulty); a program the student
                  never solves gets the teacher's candidates. A student serving a pair with an adapter (the promoted
                  version: the loop's improved model) has candidates of its own, so a later round samples again the
                  programs no earlier student of the run solved, and skips the admitted ones
  admitted        up to ``keep`` distinct candidates per seed that passed everything (one when all samples did)
A rerun with the same run id skips every stage already recorded for an item (resume after a kill); a new run
(the next cycle) carries over the source mutation verdict of an earlier run for the same program, oracle and
settings, and skips the programs an earlier run admitted.
"""

from __future__ import annotations

import json
import time
import uuid
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from act_lsp.database import Database
from act_lsp.engine import GenerationParams
from act_lsp.io_tests import source_io_tests
from act_lsp.model_store import ModelError, sha256_file
from act_lsp.pairs import LanguagePair, get_pair
from act_lsp.sandbox import Job, JobError, Limits, RunResult, SandboxError, get_recipe
from act_lsp.sanitize import sanitize
from act_lsp.translator import Candidate, Translation, Translator
from act_train.dedup import Deduplicator
from act_train.expansion import ExpandConfig, expand
from act_train.mutation import mutation_score
from act_train.provenance import Provenance, item_key
from act_train.seeds import Seed
from act_train.synth_prompts import (
    CHECK_CALL,
    complete_tests,
    errors_in_tests,
    failing_check_lines,
    repair_tests_prompt,
    reporting_tests,
    source_tests_prompt,
    translate_tests_prompt,
)


@dataclass(frozen=True, kw_only=True)
class SynthConfig:
    targets: tuple[tuple[str, str], ...] = (("java", "go"), ("cpp", "rust"))
    # Rejection sampling: k candidates per program (the first greedy, the rest sampled), all validated; up to
    # ``keep`` distinct passing ones become pairs (one when every sample passed: an always-solved program
    # teaches little). The pass rate is recorded as the program's difficulty.
    candidates: int = 4
    keep: int = 2
    # One repair round per failing candidate. Measured with the 0.5B model on the 8 bundled seeds: 0 of 21
    # candidates repaired, LLM time 86 s -> 715 s. Worth it with a stronger teacher, so off by default.
    repair: bool = False
    teacher_candidates: int = 0  # candidates by the teacher (the first greedy) for programs the student never solves
    # Unit tests the teacher writes in the source language for a program without its own: "fallback" when the io
    # driver is unavailable or too weak, "always" for every such program (the strongest oracle wins), "never".
    llm_tests: str = "fallback"
    temperature: float = 0.7
    max_tokens: int = 768
    mutants: int = 8  # per program, to bound sandbox cost
    # A mutant's run time limit. Mutants that loop (`i++` → `i--`) ran to the sandbox's 20 s default, so a few of
    # them took most of a seed's time; a run this much longer than the programs' (well under a second) counts as
    # killed, as mutation tools do (PIT: 1.25 x baseline + 4 s).
    mutant_timeout: float = 5.0
    source_threshold: float = 0.8
    target_threshold: float = 0.6
    # Which target tests the target mutation gate checks. "translated": only the teacher's translations of source
    # tests (they can lose checks on the way). Not io tests: they are the source's own outputs on inputs that
    # already killed >= source_threshold of the source's mutants. Measured over the session 17-19 data runs and a
    # pipeline_bench run: 296 gates on io tests, 289 passed; the 7 rejections were candidates whose mutants did not
    # compile (0-3 of 8 did), not weak tests. "always": io tests too (4-8 target mutants per solved program; the
    # benchmark's pairs per CPU-hour 171 with it, 204 without).
    target_gate: str = "translated"
    # Who writes the student's candidates: "serving", the version serving each pair (its promoted adapter: the
    # loop's improved model reaches programs the base never solved, where the base's seeded samples would repeat
    # themselves), or "base", the model without adapters.
    sample_with: str = "serving"

    def __post_init__(self) -> None:
        if self.llm_tests not in ("fallback", "always", "never"):
            raise ValueError("`llm_tests` is 'fallback', 'always' or 'never'")
        if self.target_gate not in ("translated", "always"):
            raise ValueError("`target_gate` is 'translated' or 'always'")
        if self.sample_with not in ("serving", "base"):
            raise ValueError("`sample_with` is 'serving' or 'base'")
        if self.candidates < 1 or self.keep < 1:
            raise ValueError("`candidates` and `keep` must be at least 1")

    def pair_for(self, language: str) -> LanguagePair | None:
        target = dict(self.targets).get(language)
        return get_pair(f"{language}-{target}") if target else None

    @property
    def pair_ids(self) -> tuple[str, ...]:
        return tuple(f"{source}-{target}" for source, target in self.targets)


def io_bench_row(task_id: str, pair: LanguagePair, source: str, tests: str, target: str = "") -> dict:
    """A program and its io tests in the bench JSONL format: an empty ``target_prompt`` means the editor's own
    derived scaffold, so ``act-train eval`` measures these like any benchmark."""
    return {"task_id": task_id, "source_lang": pair.source.name, "target_lang": pair.target.name, "entry_point": "",
            "source_code": source, "source_code_nodoc": source, "source_tests": "", "target_signature": "",
            "target_prompt": "", "target_tests": tests, "target_canonical_solution": target}


@dataclass(frozen=True)
class BenchSource:
    """A program to turn into an io-bench task, with a reference translation when someone wrote one."""

    task_id: str
    pair: LanguagePair
    code: str
    target: str = ""


def io_bench_task(source: BenchSource, run: Callable[[Sequence[Job]], list[RunResult]]) -> tuple[str, dict | None]:
    """("" and the task row) or (why not, None): the program's io tests, and its reference translation passing them
    (a reference that fails its own tests is a broken task: ``canonical_fails`` with the sandbox's complaint)."""
    from act_train.bench import bench_task, target_job

    reason, tests, _ = source_io_tests(source.pair, source.code, run)
    if reason:
        return reason, None
    row = io_bench_row(source.task_id, source.pair, source.code, tests, source.target)
    if source.target:
        (result,) = run([target_job(bench_task(row), source.target)])
        if not result.passed:
            return f"canonical_fails: {result.status}: {(result.stderr or result.stdout).strip()[-1500:]}", None
    return "", row


class _TimedSandbox:
    """The pipeline's timed sandbox call, in the shape the translator takes."""

    def __init__(self, run: Callable[[Sequence[Job]], list[RunResult]]) -> None:
        self.run_batch = run


def _stored_candidate(row: dict) -> Candidate:
    """A recorded candidate as the translator's type, its verdict rebuilt from the row."""
    meta = json.loads(row["meta"] or "{}")
    status = "passed" if meta.get("passed") else ("failed" if row["ok"] else "compile_error")
    result = RunResult(status=status, exit_code=0 if status == "passed" else 1, stderr=meta.get("errors", ""),
                       phase="run" if row["ok"] else "compile")
    return Candidate(Translation(code=row["code"], prompt_hash="", tokens=meta.get("tokens", 0), seconds=0.0,
                                 first_token_seconds=0.0, finish_reason="stop"),
                     result=result if row["code"].strip() else None, with_tests=bool(meta.get("tested")),
                     autofixed=bool(meta.get("autofixed")), duplicate=row["reason"] == "duplicate_candidate")


def adapter_tag(path: str) -> str:
    """A student adapter's name in item keys and provenance: its content's hash, so a retrained file at the same path
    is another student."""
    return "lora-" + sha256_file(Path(path))[:12]


class Pipeline:
    def __init__(self, config: SynthConfig, generator, run_batch: Callable[[Sequence[Job]], list[RunResult]],
                 db: Database, dedup: Deduplicator, run_id: str | None = None,
                 on_event: Callable[[str], None] | None = None, teacher=None,
                 student_adapters: Mapping[str, str] | None = None) -> None:
        """``generator``: the model being trained (writes the candidates); ``teacher``: a stronger model for the
        data it does not have to learn from (translated tests), defaulting to ``generator``;
        ``student_adapters``: pair id -> the LoRA GGUF the student applies for that pair (the version serving it:
        rejection sampling with the improved model reaches programs the base never solved)."""
        self.config, self.generator, self.run_batch, self.dedup = config, generator, run_batch, dedup
        if student_adapters and not hasattr(generator, "set_adapter"):
            raise ValueError("student adapters need a local model (an endpoint serves each version as a model)")
        self.student_adapters = dict(student_adapters or {})
        self.student_tags = {pair: adapter_tag(path) for pair, path in self.student_adapters.items()}
        self.teacher = teacher or generator
        sandbox = _TimedSandbox(self.run_jobs)
        self.student_translator = Translator(generator, lambda: sandbox)
        self.teacher_translator = Translator(self.teacher, lambda: sandbox)
        self.run_id = run_id or uuid.uuid4().hex[:12]
        self.prov = Provenance(db, self.run_id)
        self.log = on_event or (lambda _msg: None)
        self.timing = Counter()  # seconds in "llm" vs "sandbox"

    # --- the model and the sandbox, counting where time goes (the expansion stage calls them too) --------
    def generate(self, prompt: str, temperature: float, seed: int | None, model=None,
                  max_tokens: int | None = None):
        t = time.perf_counter()
        params = GenerationParams(max_tokens=max_tokens or self.config.max_tokens, temperature=temperature, seed=seed)
        gen = (model or self.generator).generate(prompt, params)
        self.timing["llm"] += time.perf_counter() - t
        return gen

    def run_jobs(self, jobs: Sequence[Job]) -> list[RunResult]:
        t = time.perf_counter()
        results = self.run_batch(list(jobs)) if jobs else []
        self.timing["sandbox"] += time.perf_counter() - t
        return results

    def _mutation(self, recipe: str, code: str, tests: str, baseline_stdout: str | None = None, *,
                  threshold: float | None = None):
        """``threshold``: stop once the gate's verdict is certain (the score is then over the mutants run)."""
        t = time.perf_counter()
        report = mutation_score(recipe, code, tests, self.run_batch, limit=self.config.mutants,
                                baseline_stdout=baseline_stdout, threshold=threshold,
                                limits=Limits(run_timeout=self.config.mutant_timeout))
        self.timing["sandbox"] += time.perf_counter() - t
        return report

    # --- stages --------------------------------------------------------------------------------
    def run_seed(self, seed: Seed) -> str | None:
        """Returns the first admitted item id, or None."""
        pair = self.config.pair_for(seed.language)
        if pair is None:
            return None
        done = self.prov.find("admitted", item_key(seed.id))
        if done:
            return done["id"]
        if self.prov.admitted_elsewhere(item_key(seed.id)):  # no second copy of a pair; rejected seeds are retried
            self.log(f"{seed.id}: admitted in an earlier run")
            return None
        src, io, source_tests = self._source_checks(seed, pair)
        if src is None:
            return None
        tests = (io["id"], io["code"]) if io is not None else None
        self._serve_student(pair)
        by = "student"
        passing, sampled = self._sampled(seed, pair, src, by, tests, source_tests)
        if not passing and self.config.teacher_candidates:  # the student never solves it: the teacher's turn
            by = "teacher"
            passing, sampled = self._sampled(seed, pair, src, by, tests, source_tests)
        always = sampled["passed"] == sampled["k"]
        admitted: list[str] = []
        for cand_id, code, tests_id, tests_code in passing:
            item = self._admit(seed, pair, cand_id, code, tests_id, tests_code, len(admitted), by, sampled)
            admitted += [item] if item else []
            if len(admitted) >= (1 if always else self.config.keep):  # an always-solved program teaches little
                break
        return admitted[0] if admitted else None

    def _serve_student(self, pair: LanguagePair) -> None:
        """The student writes this pair's candidates with the pair's adapter (none: the base model)."""
        if self.student_adapters and self.generator.adapter_path != self.student_adapters.get(pair.id):
            self.generator.set_adapter(self.student_adapters.get(pair.id))

    def _k(self, by: str) -> int:
        return self.config.candidates if by == "student" else self.config.teacher_candidates

    def _student(self, pair: LanguagePair, by: str) -> tuple[str, ...]:
        """The key parts naming who wrote a program's candidates: none for the base student (the keys runs have
        always had), the adapter's tag for an adapted one."""
        tag = self.student_tags.get(pair.id) if by == "student" else None
        return (tag,) if tag else ()

    def _sampled(self, seed: Seed, pair: LanguagePair, parent: str, by: str, tests: tuple[str, str] | None,
                 source_tests: str | None) -> tuple[list[tuple[str, str, str, str]], dict]:
        """(candidate id, code, tests id, tests) of the distinct passing candidates of one model, and its pass rate
        (recorded as a ``sampled`` row). With io tests a candidate is compiled and
        tested in one sandbox job; without them, the teacher translates the source tests for the first compiling
        candidate."""
        student = self._student(pair, by)
        key = item_key(seed.id, "sampled", by, *student)
        passing: list[tuple[str, str, str, str]] = []
        cands = self._candidates(seed, pair, parent, by, tests[1] if tests else None)
        for cand_id, cand in cands:
            if not cand.compiled or cand.duplicate:
                continue
            if tests is None:
                tests = self._target_tests(seed, pair, cand.code, source_tests)
                if tests[1] is None:
                    break
            if self._validate(seed, pair, cand_id, cand.code, *tests, checked=cand if cand.with_tests else None):
                if all(code != cand.code for _, code, _, _ in passing):
                    passing.append((cand_id, cand.code, *tests))
            elif tests[0] and self.prov.stage_of(tests[0]) != "io_tests":  # translated tests the compiler blamed
                repaired = self._repair_tests(seed, pair, cand_id, cand.code, tests[1])
                if repaired:
                    tests = repaired
                    if self._validate(seed, pair, cand_id, cand.code, *tests):
                        passing.append((cand_id, cand.code, *tests))
        k = len(cands)
        # per sample, as the pass rate: a duplicate of a compiling (passing) candidate compiled (passed) too
        compiling = {c.code for _, c in cands if c.compiled and not c.duplicate}
        passing_codes = {code for _, code, _, _ in passing}
        compiled = sum(1 for _, c in cands if c.code in compiling)
        passed = sum(1 for _, c in cands if c.code in passing_codes)
        sampled = {"by": by, "k": k, "compiled": compiled, "passed": passed,
                   "pass_rate": round(passed / k, 3) if k else 0.0, "distinct_passing": len(passing),
                   **({"adapter": student[0]} if student else {})}
        if self.prov.find("sampled", key) is None:
            self.prov.add(stage="sampled", key=key, parent=parent, ok=bool(passing), pair=pair.id,
                          reason="" if passing else "never_passed", meta=sampled)
        self.log(f"{seed.id}: {by} {len(passing)} distinct passing of {len(cands)} candidates")
        return passing, sampled

    def _candidates(self, seed: Seed, pair: LanguagePair, parent: str, by: str,
                    tests: str | None) -> list[tuple[str, Candidate]]:
        """Every candidate of one model (duplicates flagged), checked against ``tests`` (compile only when None),
        resumable by key."""
        k = self._k(by)
        offset = 0 if by == "student" else self.config.candidates
        student = self._student(pair, by)
        keys = [item_key(seed.id, "cand", *student, str(offset + i)) for i in range(k)]
        rows = [self.prov.find("candidate", key) for key in keys]
        if all(rows):  # resumed: the sandbox verdicts were recorded with them
            return [(r["id"], _stored_candidate(r)) for r in rows]
        translator = self.student_translator if by == "student" else self.teacher_translator
        t = time.perf_counter()
        params = GenerationParams(max_tokens=self.config.max_tokens, temperature=0.0)
        _, cands = translator.candidates(pair, seed.code, k, params=params, temperature=self.config.temperature,
                                         tests=tests)
        repaired = set()
        if self.config.repair:
            for i, c in enumerate(cands):
                if not c.compiled and c.code.strip() and not c.duplicate:
                    fixed = translator.repair(pair, seed.code, c, params=params, tests=tests)
                    if fixed is not None and fixed.score > c.score:
                        cands[i] = fixed
                        repaired.add(i)
        self.timing["llm"] += sum(c.translation.seconds for c in cands)  # the sandbox time counted itself
        out = []
        per = (time.perf_counter() - t) / max(1, len(cands))
        for i, (key, c) in enumerate(zip(keys, cands, strict=False)):
            reason = ("empty" if not c.code.strip() else "duplicate_candidate" if c.duplicate
                      else "" if c.compiled else f"target_{c.result.status if c.result else 'unchecked'}")
            meta = {"index": offset + i, "tokens": c.translation.tokens, "autofixed": c.autofixed, "by": by,
                    **({"adapter": student[0]} if student else {}),
                    "repaired": i in repaired,
                    "tested": c.with_tests, "passed": c.passed, "errors": c.errors[:3000]}
            cid = self.prov.add(stage="candidate", key=key, parent=parent, ok=c.compiled and not c.duplicate,
                                reason=reason, code=c.code, pair=pair.id, seconds=per, meta=meta)
            self.log(f"{seed.id}: candidate {offset + i} " + ("passes its tests" if c.passed and c.with_tests else
                                                              "compiles" if c.compiled else "does not compile"))
            out.append((cid, c))
        return out

    def _repair_tests(self, seed: Seed, pair: LanguagePair, cand_id: str, code: str, tests: str):
        """Once per seed: when the compiler blames the translated tests, the teacher fixes them."""
        key = item_key(seed.id, "tests", "repair")
        done = self.prov.find("target_tests", key)
        if done:  # resumed: use the repair made before the kill
            return (done["id"], done["code"]) if done["ok"] else None
        row = self.prov.find("validation", item_key(seed.id, cand_id, item_key(tests)))
        errors = json.loads(row["meta"]).get("errors", "") if row else ""
        if not errors or not errors_in_tests(pair, errors, code):
            return None
        t = time.perf_counter()
        prompt = repair_tests_prompt(pair, tests, code, errors)
        gen = self.generate(prompt.text, 0.0, None, model=self.teacher)
        fixed = sanitize(pair.target.name, gen.text, prefix=prompt.prefix)
        ok = bool(fixed.strip()) and fixed != tests
        tid = self.prov.add(stage="target_tests", key=key, parent=None, ok=ok, code=fixed, pair=pair.id,
                            reason="" if ok else "no_tests", seconds=time.perf_counter() - t, meta={"repair": True})
        return (tid, fixed) if ok else None

    def _source_checks(self, seed: Seed, pair: LanguagePair) -> tuple[str | None, dict | None, str | None]:
        """Seed gate, io tests, LLM tests, then the source mutation gate; each step resumes on its own after a kill.
        Returns the gate's item id (None: rejected), the io tests row (None: not used for the target) and the
        source-language tests to translate when there are no io tests."""
        key = item_key(seed.id)
        seed_row = self.prov.find("seed", key)
        if seed_row is None:
            seed_row = self._seed_gate(seed, pair, key)
        if not seed_row["ok"]:
            return None, None, None
        io = self._io_tests(seed, pair, seed_row["id"])
        # The same program, oracle and gate settings in an earlier run (the last cycle's): its verdict stands.
        fingerprint = item_key(seed.code, seed.tests or "", json.loads(io["meta"])["driver"] if io else "",
                               self.config.llm_tests, f"{self.config.source_threshold}/{self.config.mutants}/"
                               f"{self.config.mutant_timeout}")
        gate = self.prov.find("source_mutation", key) or self.prov.carry(
            "source_mutation", key, seed_row["id"],
            lambda meta: meta.get("fingerprint") == fingerprint and meta.get("tests") != "llm")
        if gate:
            gate_id = gate["id"] if gate["ok"] else None
            if json.loads(gate["meta"]).get("tests") == "llm":
                return gate_id, None, self._llm_tests(seed, pair, seed_row["id"])
            return gate_id, io, seed.tests
        # The strongest oracle wins: the program's own tests, else the io driver, else unit tests by the LLM.
        # An accepted oracle's early score is >= the gate and a rejected one's below it, so "the strongest wins"
        # picks the same kind as full runs would.
        scores, llm_tests, gate = {}, None, self.config.source_threshold
        if seed.tests:
            scores["own"] = self._mutation(pair.source.test_recipe, seed.code, seed.tests, threshold=gate)
        if io is not None and not self._strong(scores.get("own")):
            meta = json.loads(io["meta"])
            scores["io"] = self._mutation(pair.source.test_recipe, meta["program"], meta["driver"], meta["stdout"],
                                          threshold=gate)
        mode = self.config.llm_tests
        if not seed.tests and (mode == "always" or (mode == "fallback" and not self._strong(scores.get("io")))):
            llm_tests = self._llm_tests(seed, pair, seed_row["id"])
            if llm_tests:
                scores["llm"] = self._mutation(pair.source.test_recipe, seed.code, llm_tests, threshold=gate)
        if not scores:
            return None, None, None
        kind, report = max(scores.items(), key=lambda kv: kv[1].score)
        ok = self._strong(report)
        self.log(f"{seed.id}: source mutation score {report.score:.2f} ({report.killed}/{report.compiled}, {kind})")
        mut_id = self.prov.add(stage="source_mutation", key=key, parent=seed_row["id"], ok=ok, pair=pair.id,
                               reason="" if ok else "weak_source_tests",
                               meta={"score": report.score, "compiled": report.compiled, "killed": report.killed,
                                     "tests": kind, "scores": {k: r.score for k, r in scores.items()},
                                     "fingerprint": fingerprint})
        if kind == "llm":  # the target side translates these tests (the io driver was weaker or missing)
            return (mut_id if ok else None), None, llm_tests
        return (mut_id if ok else None), io, seed.tests

    def _llm_tests(self, seed: Seed, pair: LanguagePair, parent: str) -> str | None:
        """Unit tests in the source language by the teacher, kept only when they pass on the program."""
        key = item_key(seed.id, "source_tests")
        row = self.prov.find("source_tests", key)
        if row is None:
            t = time.perf_counter()
            src = pair.source
            prompt = source_tests_prompt(src.name, src.display, src.fence, seed.code)
            gen = self.generate(prompt.text, 0.0, None, model=self.teacher, max_tokens=600)
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
                (res,) = self.run_jobs([job])
                if res.passed:
                    return current, dropped, ""
                output = res.stderr + res.stdout
                if res.phase == "run":
                    reporting = reporting_tests(pair.source.name, current)
                    (probe,) = self.run_jobs([Job.with_tests(recipe, seed.code, reporting)])
                    output = probe.stderr + probe.stdout
                # Lines of the file the tests were placed in, before the tests' first line.
                lines = len(current.split("\n"))
                offset = len(job.files[get_recipe(recipe).main_file].split("\n")) - lines
                bad = {n - offset - 1 for n in failing_check_lines(pair.source.name, output)} & set(range(lines))
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
        key = item_key(seed.id, "io")
        row = self.prov.find("io_tests", key)
        if row is None:
            t = time.perf_counter()
            reason, tests, meta = source_io_tests(pair, seed.code, self.run_jobs)
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
            (result,) = self.run_jobs([Job.with_tests(pair.source.test_recipe, seed.code, seed.tests)])
            ok, reason = result.passed, "" if result.passed else f"source_tests_{result.status}"
        item = self.prov.add(stage="seed", key=key, parent=None, ok=ok, code=seed.code, pair=pair.id, reason=reason,
                             seconds=time.perf_counter() - t, meta={"origin": seed.origin, "seed": seed.id})
        return {"id": item, "ok": ok}

    def _target_tests(self, seed: Seed, pair: LanguagePair, code: str,
                      source_tests: str | None) -> tuple[str | None, str | None]:
        key = item_key(seed.id, "tests")
        row = self.prov.find("target_tests", key)
        if row:
            return row["id"], (row["code"] if row["ok"] else None)
        t = time.perf_counter()
        if not source_tests:
            return None, None
        prompt = translate_tests_prompt(pair, source_tests, code)
        gen = self.generate(prompt.text, 0.0, None, model=self.teacher)
        tests = sanitize(pair.target.name, gen.text, prefix=prompt.prefix)
        ok = bool(tests.strip())
        tid = self.prov.add(stage="target_tests", key=key, parent=None, ok=ok, code=tests, pair=pair.id,
                            reason="" if ok else "no_tests", seconds=time.perf_counter() - t)
        return tid, (tests if ok else None)

    def _validate(self, seed: Seed, pair: LanguagePair, cand_id: str, code: str, tests_id: str, tests: str, *,
                  checked: Candidate | None = None) -> bool:
        """The candidate passes the tests (``checked``: it already ran them) and they kill enough of its mutants
        (``target_gate``). The target gate runs once per seed and tests: another candidate passing the same tests
        shares its verdict."""
        key = item_key(seed.id, cand_id, item_key(tests))
        row = self.prov.find("validation", key)
        if row is None:
            errors = ""
            try:
                res = checked.result if checked is not None else self.run_jobs(
                    [Job.with_tests(pair.target.test_recipe, code, tests)])[0]
                ok, reason = res.passed, "" if res.passed else f"target_tests_{res.status}"
                errors = "" if res.passed else (res.stderr or res.stdout)[:3000]
            except JobError as exc:
                ok, reason = False, f"bad_job: {exc}"
            row = {"id": self.prov.add(stage="validation", key=key, parent=cand_id, ok=ok, reason=reason,
                                       pair=pair.id, meta={"tests": tests_id, "errors": errors}), "ok": ok}
        if not row["ok"]:
            return False
        if not self._target_gated(self.prov.stage_of(tests_id) == "io_tests"):
            return True
        gate_key = item_key(seed.id, "target_mutation", item_key(tests))
        mrow = self.prov.find("target_mutation", gate_key)
        if mrow is None:
            report = self._mutation(pair.target.test_recipe, code, tests, threshold=self.config.target_threshold)
            ok = report.compiled > 0 and report.score >= self.config.target_threshold
            mrow = {"id": self.prov.add(stage="target_mutation", key=gate_key, parent=row["id"], ok=ok, pair=pair.id,
                                        reason="" if ok else "weak_target_tests",
                                        meta={"score": report.score, "compiled": report.compiled}), "ok": ok}
        return bool(mrow["ok"])

    def _target_gated(self, io: bool) -> bool:
        """Whether the target mutation gate checks these tests (io tests or not; ``SynthConfig.target_gate``)."""
        return self.config.target_gate == "always" or not io

    def _admit(self, seed: Seed, pair: LanguagePair, cand_id: str, code: str, tests_id: str, tests: str,
               n: int, by: str, sampled: dict) -> str | None:
        key = item_key(seed.id) if n == 0 else item_key(seed.id, "admitted", str(n))
        done = self.prov.find("admitted", key)
        if done:
            return done["id"]
        # target_mutation None: not run (io tests, ``target_gate``), as the editor's evidence says of checks not made
        io = self.prov.stage_of(tests_id) == "io_tests"
        evidence = {"compiles": True, "target_tests_pass": True,
                    "target_mutation": True if self._target_gated(io) else None, "source_mutation": True,
                    "target_tests": "io" if io else "translated"}
        admitted = self.prov.add(stage="admitted", key=key, parent=cand_id, ok=True, code=code, pair=pair.id,
                                 meta={"seed": seed.id, "origin": seed.origin, "source": seed.code, "tests": tests,
                                       "evidence": evidence, "by": by, "sampled": [sampled]})
        self.log(f"{seed.id}: admitted" + (f" (pair {n + 1})" if n else ""))
        return admitted

    def expand(self, seeds: Sequence[Seed], config: ExpandConfig | None = None, *,
               deadline: float | None = None) -> list[Seed]:
        """New programs from ``seeds`` by the teacher (or the student: ``config.by``); the ones that compile."""
        return expand(self, seeds, config or ExpandConfig(), deadline=deadline)

    def run(self, seeds: Sequence[Seed], *, deadline: float | None = None,
            on_seed: Callable[[int, int], None] | None = None) -> dict:
        """``deadline`` (time.monotonic()): start no new seed after it; a rerun with this run id goes on."""
        admitted, done, errors = [], 0, {}
        for seed in seeds:
            if deadline is not None and time.monotonic() > deadline:
                break
            try:
                item = self.run_seed(seed)
            except (SandboxError, ModelError):  # the environment, not the seed: stop (a rerun resumes)
                raise
            except Exception as exc:  # one odd program must not end a run of hours; it is reported, and retried
                item, errors[seed.id] = None, f"{type(exc).__name__}: {exc}"[:300]
                self.log(f"{seed.id}: skipped after an error ({errors[seed.id]})")
            admitted += [item] if item else []
            done += 1
            if on_seed:
                on_seed(done, len(seeds))
        pairs = self.prov.admitted_pairs()
        return {"run_id": self.run_id, "admitted": len(admitted), "pairs": pairs, "seeds": done, "of": len(seeds),
                "timing": dict(self.timing), "errors": errors}


def config_dict(config: SynthConfig) -> dict:
    return asdict(config)
