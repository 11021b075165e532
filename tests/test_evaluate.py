"""pass@k: the unbiased estimator, and an evaluation that stores each sample as it finishes (fakes for the model
and the sandbox; the real ones run in test_cycle and the benchmarks)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from act_lsp import store
from act_lsp.engine import Generation
from act_lsp.sandbox import RunResult
from act_train.bench import default_bench_dir
from act_train.evaluate import EvalConfig, evaluate, pass_at_k


def _brute_force(n: int, c: int, k: int) -> float:
    """The share of k-subsets of n samples (c of them right) that hold at least one right sample."""
    samples = [True] * c + [False] * (n - c)
    subsets = list(itertools.combinations(samples, k))
    return sum(any(s) for s in subsets) / len(subsets)


@pytest.mark.parametrize(("n", "c", "k"), [(1, 0, 1), (1, 1, 1), (5, 2, 1), (5, 2, 3), (10, 1, 5), (10, 9, 2)])
def test_pass_at_k_is_the_unbiased_estimator(n, c, k):
    assert pass_at_k(n, c, k) == pytest.approx(_brute_force(n, c, k))


class _Model:
    """Answers in order; raises ``stop_at`` on the N-th call, like Ctrl-C in the middle of a run."""

    def __init__(self, stop_after: int | None = None) -> None:
        self.calls, self.stop_after = 0, stop_after

    def generate(self, prompt, params, **_):
        self.calls += 1
        if self.stop_after is not None and self.calls > self.stop_after:
            raise KeyboardInterrupt
        return Generation(text=f"```go\nfunc answer{self.calls}() {{}}\n```", tokens=5, finish_reason="stop",
                          seconds=0.01, first_token_seconds=0.0)


class _Sandbox:
    """Passes every other job."""

    def __init__(self) -> None:
        self.jobs = 0

    def run(self, job):
        self.jobs += 1
        return RunResult(status="passed" if self.jobs % 2 else "wrong_answer", exit_code=0 if self.jobs % 2 else 1)


@pytest.fixture
def bench(tmp_path) -> Path:
    lines = (default_bench_dir() / "java_go.jsonl").read_text().splitlines()[:3]
    path = tmp_path / "three.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_finished_run_stores_every_sample_and_its_metrics(bench, tmp_path):
    db = store.open_db(tmp_path / "act.db")
    report = evaluate(EvalConfig(bench=str(bench), samples=2, ks=(1, 2)), _Model(), _Sandbox(), db=db)
    assert report.tasks == 3 and report.metrics == {"pass@1": 0.5, "pass@2": 1.0}
    run = db["eval_runs"].get(report.run_id)
    assert run["status"] == "finished" and json.loads(run["metrics"]) == report.metrics
    assert db["eval_results"].count_where("run_id = ?", [report.run_id]) == 6


def test_a_stopped_run_keeps_the_tasks_it_finished(bench, tmp_path):
    db = store.open_db(tmp_path / "act.db")
    with pytest.raises(KeyboardInterrupt):
        evaluate(EvalConfig(bench=str(bench), samples=2, ks=(1,)), _Model(stop_after=5), _Sandbox(), db=db)
    (run,) = db["eval_runs"].rows
    assert run["status"] == "interrupted" and run["tasks"] == 2  # the third task had one sample of two: dropped
    assert json.loads(run["metrics"]) == {"pass@1": 0.5}
    assert {r["task_id"] for r in db["eval_results"].rows} == {t for t in _task_ids(bench)[:2]}


def _task_ids(bench: Path) -> list[str]:
    return [json.loads(line)["task_id"] for line in bench.read_text().splitlines()]


def test_diff_runs_counts_flips_both_ways_on_common_tasks():
    from act_train.evaluate import diff_runs

    base = {"HumanEval/0": ["passed"], "HumanEval/1": ["compile:undefined"], "HumanEval/2": ["passed"],
            "HumanEval/10": ["wrong_answer"], "HumanEval/99": ["passed"]}
    new = {"HumanEval/0": ["passed"], "HumanEval/1": ["passed"], "HumanEval/2": ["wrong_answer"],
           "HumanEval/10": ["passed"]}
    diff = diff_runs(base, new)
    assert diff.tasks == 4  # HumanEval/99 was not evaluated by the new run
    assert diff.gained == ["HumanEval/1", "HumanEval/10"]
    assert diff.lost == ["HumanEval/2"]
    assert diff.categories == {"compile:undefined": (1, 0), "passed": (2, 3), "wrong_answer": (1, 1)}


class _TwoAnswers:
    """A bad candidate, then a good one, for every prompt (sampled together, like the editor's candidates)."""

    def generate(self, prompt, params, **_):
        return self.generate_many(prompt, [params])[0]

    def generate_many(self, prompt, params, **_):
        texts = ["\treturn true // bad\n}\n", "\treturn true // good\n}\n"]  # bodies after the task's scaffold
        return [Generation(text=texts[i % 2], tokens=5, finish_reason="stop", seconds=0.01, first_token_seconds=0.0)
                for i in range(len(params))]


class _CompilesGood:
    """Compiles (and passes) code that says good: the editor's check and the benchmark's test agree."""

    def run_batch(self, jobs):
        return [self.run(job) for job in jobs]

    def run(self, job):
        ok = "good" in "".join(job.files.values())
        return RunResult(status="passed" if ok else "compile_error", exit_code=0 if ok else 1,
                         phase="run" if ok else "compile", stderr="" if ok else "main.go:2: syntax error")


def test_served_mode_scores_the_candidate_the_editor_would_return(bench, tmp_path):
    raw = evaluate(EvalConfig(bench=str(bench)), _TwoAnswers(), _CompilesGood())
    served = evaluate(EvalConfig(bench=str(bench), verify="compile", candidates=2), _TwoAnswers(), _CompilesGood())
    assert raw.metrics == {"pass@1": 0.0} and served.metrics == {"pass@1": 1.0}
    with pytest.raises(ValueError, match="needs `samples` 1"):
        EvalConfig(bench=str(bench), verify="compile", samples=3, ks=(1,))
