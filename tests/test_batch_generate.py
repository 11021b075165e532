"""Generation split from checking: the requests are exactly the evaluation's, and stored completions replayed
through ``evaluate`` are checked in the real sandbox as a live run's would be."""

from __future__ import annotations

import json

import pytest

from act_lsp.engine import Generation
from act_lsp.pairs import get_pair
from act_lsp.prompts import build_prompt
from act_lsp.sandbox import RunResult
from act_train.batch_generate import ReplayGenerator, bench_requests, cut_at_stop, write_samples
from act_train.bench import default_bench_dir, load_bench
from act_train.evaluate import EvalConfig, evaluate


class _Recorder:
    """Records what ``evaluate`` asks for (a fake model: only the prompts and parameters matter here)."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, float, int | None]] = []

    def _one(self, prompt, p):
        self.asked.append((prompt, p.temperature, p.seed))
        return Generation(text="", tokens=0, finish_reason="stop", seconds=0.0, first_token_seconds=0.0)

    def generate(self, prompt, params, **_):
        return self._one(prompt, params)

    def generate_many(self, prompt, params, **_):
        return [self._one(prompt, p) for p in params]


class _Fails:
    def run(self, job):
        return RunResult(status="compile_error", exit_code=1)


@pytest.fixture
def bench(tmp_path):
    lines = (default_bench_dir() / "java_go.jsonl").read_text().splitlines()[:2]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("samples", [1, 3])
def test_requests_are_what_evaluate_asks_for(bench, samples):
    config = EvalConfig(bench=str(bench), samples=samples, ks=(1,))
    recorder = _Recorder()
    evaluate(config, recorder, _Fails())
    requests = bench_requests(config)
    assert [(r.prompt, r.params.temperature, r.params.seed) for r in requests] == recorder.asked
    assert [r.key for r in requests][:samples] == [("HumanEval/0", n) for n in range(samples)]


def test_cut_at_stop_drops_the_stop_string_and_what_follows():
    assert cut_at_stop("x := 1\n```\nmore", ("```", "<|im_end|>")) == ("x := 1\n", True)
    assert cut_at_stop("x := 1", ("```",)) == ("x := 1", False)


@pytest.mark.docker
def test_replayed_completions_are_checked_in_the_sandbox(bench, tmp_path, sandbox_pool):
    """The first task's stored completion is its canonical solution (passes), the second's a broken one."""
    tasks = load_bench(bench)
    pair = get_pair("java-go")
    config = EvalConfig(bench=str(bench), samples=1, ks=(1,))
    requests = bench_requests(config)
    gens = []
    for task, _req in zip(tasks, requests, strict=True):
        prefix = build_prompt(pair, task.source_code_nodoc, scaffold=task.target_prompt).prefix
        good = task.target_canonical_solution
        text = good[len(prefix):] if good.startswith(prefix) else good
        if task is tasks[1]:
            text = "    return undefinedName\n}\n"
        gens.append(Generation(text=text, tokens=7, finish_reason="stop", seconds=0.1, first_token_seconds=0.0))
    path = tmp_path / "samples.jsonl"
    write_samples(path, requests, gens, model="test-model")
    replay = ReplayGenerator(path)
    assert replay.model == "test-model"
    report = evaluate(config, replay, sandbox_pool)
    assert report.per_task == {"HumanEval/0": ["passed"], "HumanEval/1": ["compile:undefined"]}
    assert report.metrics["pass@1"] == 0.5


def test_replay_refuses_a_prompt_it_does_not_hold(bench, tmp_path):
    path = tmp_path / "samples.jsonl"
    requests = bench_requests(EvalConfig(bench=str(bench), samples=1, ks=(1,)))[:1]
    write_samples(path, requests, [Generation("x", 1, "stop", 0.0, 0.0)], model="m")
    replay = ReplayGenerator(path)
    with pytest.raises(KeyError, match="stored samples"):
        replay.generate("another prompt")
    with pytest.raises(KeyError, match="needs 3"):  # more samples than stored
        replay.generate_many(requests[0].prompt, [requests[0].params] * 3)
    (tmp_path / "bad.jsonl").write_text(json.dumps({"prompt": "p"}) + "\n")
    with pytest.raises(ValueError, match="bad.jsonl:1: not a sample row"):
        ReplayGenerator(tmp_path / "bad.jsonl")


def test_batches_shrink_as_prompts_grow():
    from act_train.batch_generate import plan_batches

    widths = [100] * 5 + [1000] * 3 + [5000]
    # (4, 7): one short and two long ones fill 3 x 1000; a sequence wider than the budget still runs, alone
    assert plan_batches(widths, batch_size=4, batch_tokens=3000) == [(0, 4), (4, 7), (7, 8), (8, 9)]
    assert plan_batches([10] * 3, batch_size=8, batch_tokens=10**6) == [(0, 3)]
    assert plan_batches([], batch_size=8, batch_tokens=100) == []


def _gpu_round():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "gpu_round.py"
    spec = importlib.util.spec_from_file_location("gpu_round", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_round_reads_each_training_setting_and_refuses_an_unknown_one():
    gpu_round = _gpu_round()
    tag, settings = gpu_round.parse_setting("b:epochs=4,lr=1e-4,rank=32")
    assert tag == "b" and settings == {"epochs": 4.0, "learning_rate": 1e-4, "rank": 32, "alpha": 64.0}
    assert gpu_round.parse_setting("plain:")[1] == {"alpha": 32.0}
    with pytest.raises(SystemExit, match="unknown setting 'lora'"):
        gpu_round.parse_setting("x:lora=8")
