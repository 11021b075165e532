"""pass@k evaluation on an executable benchmark file: generate, run the target tests in the sandbox, score.

Generation is sequential (one model), while sandbox jobs run in the background as soon as each sample is
ready, so compile-and-test time hides behind generation. Every sample's status and failure category is
stored, so failures can be studied across model versions.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from act_lsp import store
from act_lsp.engine import GenerationParams
from act_lsp.pairs import get_pair
from act_lsp.prompts import build_prompt
from act_lsp.sandbox import JobError, Limits, RunResult
from act_lsp.sanitize import sanitize
from act_train.bench import BenchTask, load_bench, target_job


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


_GO_COMPILE_KINDS = (
    ("unused_import", r"imported and not used"),
    ("unused_variable", r"declared (?:and|but) not used"),
    ("undefined", r"undefined: |has no field or method"),
    ("type_mismatch", r"cannot use |mismatched types|invalid operation|cannot convert"),
    ("missing_return", r"missing return"),
    ("syntax", r"syntax error|expected "),
    ("signature_mismatch", r"not enough arguments|too many arguments|assignment mismatch"),
)


def failure_category(result: RunResult, language: str) -> str:
    """A short, stable label: passed, compile:<kind>, runtime_panic, wrong_answer, timeout, ..."""
    if result.passed:
        return "passed"
    if result.status != "compile_error" and result.status != "failed":
        return result.status
    text = result.stderr + "\n" + result.stdout
    if result.status == "compile_error":
        if language == "rust":
            codes = re.findall(r"error\[(E\d{4})\]", text)
            return f"compile:{Counter(codes).most_common(1)[0][0]}" if codes else "compile:other"
        for kind, pattern in _GO_COMPILE_KINDS:
            if re.search(pattern, text):
                return f"compile:{kind}"
        return "compile:other"
    if re.search(r"^panic: |runtime error|panicked at .*(?:index out of bounds|overflow|unwrap|divide by zero)",
                 text, re.M):
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

    def __post_init__(self) -> None:
        if self.samples < 1 or any(k < 1 or k > self.samples for k in self.ks):
            raise ValueError(f"`ks` {self.ks} must each be between 1 and `samples` ({self.samples})")


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

    def as_dict(self) -> dict:
        return asdict(self)


def evaluate(config: EvalConfig, generator, runner, *, db=None, model_name: str = "",
             adapter_version: str | None = None,
             on_progress: Callable[[int, int], None] | None = None) -> EvalReport:
    """``generator`` has ``generate(prompt, params)``; ``runner`` has ``run(job)`` (a SandboxPool)."""
    tasks: Sequence[BenchTask] = load_bench(config.bench)[: config.limit]
    if not tasks:
        raise ValueError(f"{config.bench} has no tasks")
    pair = get_pair(f"{tasks[0].source_lang}-{tasks[0].target_lang}")
    temperature = config.temperature if config.temperature is not None else (0.0 if config.samples == 1 else 0.8)
    start = time.perf_counter()
    run_id = uuid.uuid4().hex[:12]
    rows: list[dict] = []
    futures: list[tuple[BenchTask, int, str, int, float, Future]] = []
    total = len(tasks) * config.samples
    limits = Limits(run_timeout=30)
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="act-eval") as ex:
        done = 0
        for task in tasks:
            # An empty target_prompt (synthetic validation sets) means: the editor's own derived scaffold.
            prompt = build_prompt(pair, getattr(task, config.source_field), scaffold=task.target_prompt or None)
            for sample in range(config.samples):
                params = GenerationParams(max_tokens=config.max_tokens, temperature=temperature,
                                          seed=sample if temperature > 0 else None, time_limit=config.time_limit)
                gen = generator.generate(prompt.text, params)
                code = sanitize(pair.target.name, gen.text, prefix=prompt.prefix)
                try:
                    job = target_job(task, code, limits=limits)
                    fut = ex.submit(runner.run, job)
                except JobError as exc:
                    fut = Future()
                    fut.set_result(RunResult(status="compile_error", exit_code=-1, stderr=str(exc), phase="compile"))
                futures.append((task, sample, code, gen.tokens, gen.seconds, fut))
                done += 1
                if on_progress:
                    on_progress(done, total)
        for task, sample, code, tokens, seconds, fut in futures:
            result = fut.result()
            rows.append({"run_id": run_id, "task_id": task.task_id, "sample": sample, "status": result.status,
                         "category": failure_category(result, pair.target.name), "passed": int(result.passed),
                         "tokens": tokens, "gen_seconds": round(seconds, 3), "code": code,
                         "error": _error_excerpt(result)})
    per_task: dict[str, list[str]] = {}
    for row in rows:
        per_task.setdefault(row["task_id"], []).append(row["category"])
    metrics = {}
    for k in config.ks:
        scores = [pass_at_k(len(cats), cats.count("passed"), k) for cats in per_task.values()]
        metrics[f"pass@{k}"] = round(sum(scores) / len(scores), 4)
    report = EvalReport(run_id=run_id, bench=str(config.bench), pair=pair.id, tasks=len(tasks),
                        samples=config.samples, metrics=metrics, categories=dict(Counter(r["category"] for r in rows)),
                        seconds=round(time.perf_counter() - start, 1), per_task=per_task)
    if db is not None:
        db["eval_runs"].insert({"id": run_id, "created_at": store.now(), "bench": Path(config.bench).name,
                                "pair": pair.id, "model": model_name, "adapter_version": adapter_version,
                                "samples": config.samples, "tasks": len(tasks), "config": json.dumps(asdict(config)),
                                "metrics": json.dumps(metrics), "seconds": report.seconds})
        db["eval_results"].insert_all(rows)
    return report
