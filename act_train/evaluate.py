"""pass@k evaluation on an executable benchmark file: generate, run the target tests in the sandbox, score.

Generation goes through the one translation routine (``Translator.sample``: the samples of a task decoded
together when the model can), while sandbox jobs run in the background as soon as each sample is
ready, so compile-and-test time hides behind generation. Every sample's status and failure category is
stored, so failures can be studied across model versions.
"""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import get_args

from act_lsp import store
from act_lsp.config import VerifyMode
from act_lsp.engine import GenerationParams
from act_lsp.examples import MIN_SIMILARITY, Example, ExampleIndex, examples_from_records
from act_lsp.languages import LANGUAGES
from act_lsp.pairs import get_pair
from act_lsp.sandbox import JobError, Limits, RunResult
from act_lsp.translator import Translator
from act_train.bench import BenchTask, load_bench, target_job
from act_train.dedup import overlap_check
from act_train.jsonl import read_records


def pass_at_k(n: int, c: int, k: int) -> float:
    """Chen et al. (2021): 1 - C(n-c, k) / C(n, k), as a stable product."""
    if k > n:
        raise ValueError(f"pass@{k} needs at least {k} samples per task, got {n}")
    if n - c < k:
        return 1.0
    prod = 1.0
    for i in range(n - c + 1, n + 1):
        prod *= 1.0 - k / i
    return 1.0 - prod


def failure_category(result: RunResult, language: str) -> str:
    """A short, stable label: passed, compile:<kind>, runtime_panic, wrong_answer, timeout, ..."""
    if result.passed:
        return "passed"
    if result.status != "compile_error" and result.status != "failed":
        return result.status
    text = result.stderr + "\n" + result.stdout
    found = LANGUAGES.get(language)
    writing = found.writing if found else None
    if result.status == "compile_error":
        return f"compile:{writing.compile_kind(text) if writing else 'other'}"
    if writing and writing.panic.search(text):
        return "runtime_panic"
    return "wrong_answer"


def _error_excerpt(result: RunResult, size: int = 1500) -> str:
    """The first compiler error says the most; for a failing run the end of the output does."""
    if result.passed:
        return ""
    text = result.stderr or result.stdout
    return text[:size] if result.status == "compile_error" else text[-size:]


@dataclass(frozen=True, kw_only=True)
class EvalConfig:
    bench: str
    samples: int = 1  # per task; pass@k needs samples >= k
    ks: tuple[int, ...] = (1,)
    temperature: float | None = None  # None: greedy for one sample, 0.8 for several
    max_tokens: int = 768
    limit: int | None = None  # first N tasks only
    source_field: str = "source_code_nodoc"  # translate without the problem statement, like HumanEval-X
    time_limit: float = 120.0
    examples: int = 0  # retrieved validated pairs shown before each task (0: none)
    examples_from: tuple[str, ...] = ()  # pairs JSONL files to retrieve them from
    examples_tokens: int = 1500  # prompt budget for them
    examples_min_similarity: float = MIN_SIMILARITY  # as the server's setting: less similar ones are not shown
    # What the editor serves instead of the raw model: ``candidates`` samples checked in the sandbox, compiler
    # fixes, repair rounds, the best returned (``Translator.translate``); one translation per task.
    verify: VerifyMode = "off"
    candidates: int = 3
    decompose: bool = False  # the first sample written member by member (``Translator.sample``)

    def __post_init__(self) -> None:
        if self.samples < 1 or any(k < 1 or k > self.samples for k in self.ks):
            raise ValueError(f"`ks` {self.ks} must each be between 1 and `samples` ({self.samples})")
        if self.verify not in get_args(VerifyMode):
            raise ValueError(f"`verify` must be one of {', '.join(get_args(VerifyMode))}")
        if self.verify != "off" and self.samples != 1:
            raise ValueError("a served translation is one per task: `verify` needs `samples` 1")
        if not 0.0 <= self.examples_min_similarity <= 1.0:
            raise ValueError("`examples_min_similarity` must be between 0 and 1")
        if self.examples and not self.examples_from:
            raise ValueError("`examples` needs `examples_from` (pairs JSONL files to retrieve them from)")


def bench_label(path: str | Path) -> str:
    """``folder/file``: the folder tells HumanEval-X (bench/) from the realistic set (classes/) and a cycle's
    held-out pairs, without storing a machine's absolute path."""
    path = Path(path)
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


@dataclass
class EvalReport:
    run_id: str
    bench: str
    pair: str
    tasks: int
    samples: int
    metrics: dict[str, float]
    categories: dict[str, int]
    seconds: float
    per_task: dict[str, list[str]] = field(default_factory=dict)  # task → category per sample
    examples_used: int = 0  # retrieved examples shown, over all tasks
    examples_excluded: int = 0  # retrieved but dropped: they overlap the task (decontamination)

    def as_dict(self) -> dict:
        return asdict(self)


def example_index(config: EvalConfig) -> ExampleIndex | None:
    if not config.examples:
        return None
    return ExampleIndex(ex for path in config.examples_from
                        for ex in examples_from_records(read_records(path, dict, "a pair row")))


def task_examples(index: ExampleIndex | None, config: EvalConfig, pair_id: str,
                  task: BenchTask) -> tuple[list[Example], int]:
    """The examples for one task, minus any that shares a long n-gram or most shingles with it."""
    if index is None:
        return [], 0
    overlaps = overlap_check((task.source_code, task.target_canonical_solution))
    return index.search(pair_id, getattr(task, config.source_field), config.examples,
                        max_tokens=config.examples_tokens, min_similarity=config.examples_min_similarity,
                        exclude=lambda ex: overlaps(ex.source, ex.target))


def eval_temperature(config: EvalConfig) -> float:
    """Greedy for one sample; i.i.d. samples at 0.8 for pass@k (its estimator assumes them)."""
    return config.temperature if config.temperature is not None else (0.0 if config.samples == 1 else 0.8)


def eval_params(config: EvalConfig) -> GenerationParams:
    """The first sample's parameters (``sample_params`` derives the others), shared with ``bench_requests``."""
    temperature = eval_temperature(config)
    return GenerationParams(max_tokens=config.max_tokens, temperature=temperature,
                            seed=0 if temperature > 0 else None, time_limit=config.time_limit)


def _metrics(rows: Sequence[dict], ks: Sequence[int]) -> tuple[dict[str, float], dict[str, list[str]]]:
    per_task: dict[str, list[str]] = {}
    for row in rows:
        per_task.setdefault(row["task_id"], []).append(row["category"])
    metrics = {}
    for k in ks:
        scores = [pass_at_k(len(cats), cats.count("passed"), k) for cats in per_task.values() if len(cats) >= k]
        if scores:
            metrics[f"pass@{k}"] = round(sum(scores) / len(scores), 4)
    return metrics, per_task


@dataclass
class RunDiff:
    """Two evaluations of the same tasks: which tasks each solves (greedy: its first sample) and the categories."""

    tasks: int
    gained: list[str]  # solved by the new run only
    lost: list[str]  # solved by the base run only
    categories: dict[str, tuple[int, int]]  # category -> (base count, new count), first samples

    def as_dict(self) -> dict:
        return asdict(self)


def diff_runs(base: dict[str, list[str]], new: dict[str, list[str]]) -> RunDiff:
    """Over the tasks both runs finished; a task counts as solved when its first sample passed."""
    common = sorted(set(base) & set(new), key=lambda t: (len(t), t))
    first_a = {t: base[t][0] for t in common}
    first_b = {t: new[t][0] for t in common}
    cats = Counter(first_a.values()), Counter(first_b.values())
    return RunDiff(tasks=len(common),
                   gained=[t for t in common if first_b[t] == "passed" != first_a[t]],
                   lost=[t for t in common if first_a[t] == "passed" != first_b[t]],
                   categories={c: (cats[0][c], cats[1][c]) for c in sorted(set(cats[0]) | set(cats[1]))})


def run_categories(db, run_id: str) -> dict[str, list[str]]:
    """task → category per sample, in sample order, of a stored evaluation."""
    rows = db.query("select task_id, category from eval_results where run_id = ? order by task_id, sample", [run_id])
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row["task_id"], []).append(row["category"])
    if not out:
        raise ValueError(f"no stored evaluation {run_id!r}")
    return out


def evaluate(config: EvalConfig, generator, runner, *, db=None, model_name: str = "",
             adapter_version: str | None = None, tasks: Sequence[BenchTask] | None = None,
             on_progress: Callable[[int, int], None] | None = None) -> EvalReport:
    """``generator`` has ``generate(prompt, params)``; ``runner`` has ``run(job)`` (a SandboxPool); ``tasks``: the
    tasks in memory (``config.bench`` then only names them), else read from ``config.bench``.

    Each sample is stored as soon as its test run ends, so a stopped evaluation keeps what it measured: the run
    is marked ``interrupted`` with metrics over the tasks it finished.
    """
    translator = Translator(generator, (lambda: runner) if config.verify != "off" else None)
    tasks = list(load_bench(config.bench) if tasks is None else tasks)[: config.limit]
    if not tasks:
        raise ValueError(f"{config.bench} has no tasks")
    pair = get_pair(f"{tasks[0].source_lang}-{tasks[0].target_lang}")
    temperature = eval_temperature(config)
    start = time.perf_counter()
    run_id = uuid.uuid4().hex[:12]
    rows: list[dict] = []
    pending: list[tuple[BenchTask, int, str, int, float, Future]] = []
    total = len(tasks) * config.samples
    index = example_index(config)
    shown = [0, 0]  # examples used, excluded
    limits = Limits(run_timeout=30)
    if db is not None:
        db["eval_runs"].insert({"id": run_id, "created_at": store.now(), "bench": bench_label(config.bench),
                                "pair": pair.id, "model": model_name, "adapter_version": adapter_version,
                                "samples": config.samples, "tasks": len(tasks), "config": json.dumps(asdict(config)),
                                "metrics": "{}", "seconds": None, "status": "running"})

    def collect(block: bool) -> None:
        while pending and (block or pending[0][-1].done()):
            task, sample, code, tokens, seconds, fut = pending.pop(0)
            result = fut.result()
            row = {"run_id": run_id, "task_id": task.task_id, "sample": sample, "status": result.status,
                   "category": failure_category(result, pair.target.name), "passed": int(result.passed),
                   "tokens": tokens, "gen_seconds": round(seconds, 3), "code": code, "error": _error_excerpt(result)}
            rows.append(row)
            if db is not None:
                db["eval_results"].insert(row)

    def finish(status: str) -> EvalReport:
        metrics, per_task = _metrics(rows, config.ks)
        report = EvalReport(run_id=run_id, bench=str(config.bench), pair=pair.id, tasks=len(per_task),
                            samples=config.samples, metrics=metrics,
                            categories=dict(Counter(r["category"] for r in rows)),
                            seconds=round(time.perf_counter() - start, 1), per_task=per_task,
                            examples_used=shown[0], examples_excluded=shown[1])
        if db is not None:
            db["eval_runs"].update(run_id, {"metrics": json.dumps(metrics), "seconds": report.seconds,
                                            "tasks": report.tasks, "status": status})
        return report

    try:
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="act-eval") as ex:
            done = 0
            params = eval_params(config)
            for task in tasks:
                # An empty target_prompt (synthetic validation sets) means: the editor's own derived scaffold.
                # The samples of one task are i.i.d. at ``temperature`` (pass@k's estimator assumes it).
                examples, excluded = task_examples(index, config, pair.id, task)
                shown[0], shown[1] = shown[0] + len(examples), shown[1] + excluded
                source = getattr(task, config.source_field)
                if config.verify == "off":
                    _, outs = translator.sample(pair, source, config.samples, params=params, temperature=temperature,
                                                scaffold=task.target_prompt or None, examples=examples,
                                                decompose=config.decompose)
                else:
                    outs = [translator.translate(pair, source, params=params, verify=config.verify,
                                                 candidates=config.candidates, scaffold=task.target_prompt or None,
                                                 examples=examples, decompose=config.decompose)]
                for sample, out in enumerate(outs):
                    try:
                        fut = ex.submit(runner.run, target_job(task, out.code, limits=limits))
                    except JobError as exc:
                        fut = Future()
                        fut.set_result(RunResult.unbuildable(exc))
                    pending.append((task, sample, out.code, out.tokens, out.seconds, fut))
                    collect(block=False)
                    done += 1
                    if on_progress:
                        on_progress(done, total)
            collect(block=True)
    except BaseException:
        with contextlib.suppress(Exception):  # samples whose tests ran before the stop still count
            collect(block=True)
        # Keep whole tasks only: a task with some of its samples would bias pass@k.
        partial = {t for t, n in Counter(r["task_id"] for r in rows).items() if n < config.samples}
        rows[:] = [r for r in rows if r["task_id"] not in partial]
        if db is not None:
            for task_id in partial:
                db["eval_results"].delete_where("run_id = ? and task_id = ?", [run_id, task_id])
            finish("interrupted")
        raise
    return finish("finished")
