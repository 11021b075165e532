"""One real ACT cycle, small: imported seeds → validated pairs → a LoRA round → evaluation → gate; then resume."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from act_lsp import store
from act_train import registry
from act_train.cycle import (
    Cycle,
    CycleConfig,
    CycleError,
    Rounds,
    _split,
    config_from_row,
    cycle_config,
    outcome_lines,
    validation_bench,
)
from act_train.expansion import ExpandConfig
from act_train.importer import save_units, units_in_source
from act_train.pipeline import SynthConfig
from act_train.registry import Gate

PROGRAMS = """\
import java.util.*;

class Clamp {
    static int clamp(int x, int lo, int hi) {
        if (lo > hi) throw new IllegalArgumentException("empty range");
        return Math.max(lo, Math.min(hi, x));
    }
}

class Vowels {
    static int countVowels(String s) {
        int n = 0;
        for (char c : s.toLowerCase().toCharArray()) {
            if ("aeiou".indexOf(c) >= 0) n++;
        }
        return n;
    }
}

class Largest {
    static int largest(List<Integer> xs) {
        if (xs.isEmpty()) throw new IllegalArgumentException("empty list");
        int best = xs.get(0);
        for (int x : xs) if (x > best) best = x;
        return best;
    }
}
"""


def test_split_is_stable_and_validation_rows_are_bench_tasks(tmp_path):
    assert {_split(f"seed{i}", 0.0) for i in range(20)} == {"train"}
    assert _split("java/x", 0.3) == _split("java/x", 0.3)
    row = {"pair": "java-go", "source": "class A {}", "target": "package main",
           "provenance": {"seed": "s1", "tests": "package main\nfunc TestX(t *testing.T) {}"}}
    second = {**row, "target": "package main\n// another passing translation of the same program"}
    assert validation_bench([row, second], tmp_path / "v.jsonl") == 1  # one task per program
    task = json.loads((tmp_path / "v.jsonl").read_text())
    assert task["target_prompt"] == "" and task["target_tests"].startswith("package main")


@pytest.mark.docker
def test_a_cycle_without_seeds_says_what_to_do(tmp_path, sandbox_pool):
    db = store.open_db(tmp_path / "act.db")
    cycle = Cycle(CycleConfig(pairs=("java-go",), seeds_from=("imported",)), db, sandbox_pool, work_root=tmp_path)
    with pytest.raises(CycleError, match="seeds import"):
        cycle.run()


@pytest.mark.model
@pytest.mark.docker
@pytest.mark.slow
def test_small_cycle_trains_evaluates_gates_and_resumes(tmp_path, sandbox_pool):
    db = store.open_db(tmp_path / "act.db")
    save_units(db, units_in_source("java", PROGRAMS, "Utils.java"))
    config = CycleConfig(pairs=("java-go",), seeds_from=("imported",), expansion=ExpandConfig(per_seed=0),
                         training=Rounds(count=1, steps=2), bench_limit=2, val_fraction=0.0, budget_minutes=30)
    result = Cycle(config, db, sandbox_pool, work_root=tmp_path).run()

    row = db["cycles"].get(result.id)
    assert row["stage"] == "done" and row["status"] == result.status
    data = result.summary["data"]
    assert data["seeds"] == 3 and data["train"] >= 1, data  # the 0.5B model translates these three
    outcome = result.summary["pairs"]["java-go"]
    assert outcome["baseline"].keys() == {"bench:java-go"}
    (rnd,) = outcome["rounds"]
    assert rnd["steps"] == 2 and "bench:java-go" in rnd["metrics"] and rnd["metrics"]["train_loss"] > 0
    version = db["model_versions"].get(rnd["version"])
    assert version["status"] in ("candidate", "promoted") and version["adapter_path"].endswith("adapter.gguf")
    assert db["training_runs"].get(f"{result.id}-java-go-r1")["version"] == rnd["version"]
    assert version["pair"] == "java-go"
    decision = next(db.query("select * from controller_decisions where cycle = ?", [result.id]))
    assert decision["action"] in ("continue", "stop", "lower_lr", "raise_capacity") and decision["reason"]
    if result.status == "not_promoted":  # no validation pairs: the gate has nothing to compare
        assert "no validation pairs" in outcome["reason"] and outcome["status"] == "not_promoted"
    else:
        assert store.promoted_version(db, "java-go")["id"] == rnd["version"]

    # Run it again by id: everything is recorded, so nothing is redone.
    items, runs = db["synth_items"].count, db["training_runs"].count
    again = Cycle(config, db, sandbox_pool, cycle_id=result.id, work_root=tmp_path).run()
    assert again.status == result.status and db["synth_items"].count == items and db["training_runs"].count == runs


def _faked_cycle(tmp_path, monkeypatch, scores: dict) -> tuple:
    """A cycle's bookkeeping with the model, Docker and training faked: ``scores`` maps an adapter's pair (or the
    adapter path) to its validation pass@1; the base model scores 0.4. Returns the database, the base model file
    and what each pair trained on."""
    from act_train import cycle as cycle_module
    from act_train.training import TrainedVersion

    db = store.open_db(tmp_path / "act.db")
    rows = [{"pair": pair, "source": f"{pair} program {i}", "target": f"{pair} translation {i}",
             "provenance": {"seed": f"{pair}/{i}"}} for pair in ("java-go", "cpp-rust") for i in range(3)]
    monkeypatch.setattr(cycle_module, "export_jsonl", lambda _db: rows)
    monkeypatch.setattr(Cycle, "_data", lambda self: {"train": len(rows), "val": 0})
    base = tmp_path / "base.gguf"
    base.write_bytes(b"base")
    monkeypatch.setattr(cycle_module, "resolve_model_path", lambda _name: base)

    def evaluate_model(self, adapter, label, pair):
        score = 0.4 if adapter is None else scores.get(str(adapter), scores.get(pair))
        return {"metrics": {"val_pass@1": score}, "categories": {}}

    trained: dict[str, list[str]] = {}

    def train(db, cfg, examples, *, base_gguf, run_id, pair, evaluate, data_version, on_step):
        trained[pair] = [ex.pair for ex in examples]
        gguf = Path(cfg.output_dir) / "adapter.gguf"
        gguf.parent.mkdir(parents=True, exist_ok=True)
        gguf.write_bytes(run_id.encode())
        metrics = {**evaluate(gguf)["metrics"], "train_loss": 0.5, "eval_loss": 0.4}
        version = registry.register(db, pair=pair, base_model=base_gguf, adapter_path=gguf, metrics=metrics)
        result = SimpleNamespace(adapter_dir=str(gguf.parent), tokens_per_second=1.0, steps=1)
        return TrainedVersion(result, gguf, version, metrics, {"metrics": metrics, "categories": {}})

    monkeypatch.setattr(Cycle, "_evaluate_model", evaluate_model)
    monkeypatch.setattr(cycle_module, "train_and_register", train)
    monkeypatch.setattr(registry, "merge_for_serving", lambda _row: None)
    monkeypatch.setattr(cycle_module.controller, "decide", lambda _history: cycle_module.controller.Decision(
        action="stop", reason="one round", hparams={"learning_rate": 2e-4, "epochs": 1.0, "rank": 16}))
    return db, base, trained


def test_a_cycle_of_two_pairs_trains_gates_and_promotes_one_adapter_per_pair(tmp_path, monkeypatch):
    """Each pair trains on its own rows only, its version is registered for it, the gate compares it with that
    pair's baseline, and a resumed cycle redoes nothing."""
    # The Java->Go adapter beats its baseline (0.4), C++->Rust does not.
    db, _base, trained = _faked_cycle(tmp_path, monkeypatch, {"java-go": 0.6, "cpp-rust": 0.3})
    config = CycleConfig(pairs=("java-go", "cpp-rust"), training=Rounds(count=1), val_fraction=0.0)
    result = Cycle(config, db, None, work_root=tmp_path).run()

    assert trained == {"java-go": ["java-go"] * 3, "cpp-rust": ["cpp-rust"] * 3}
    outcomes = result.summary["pairs"]
    assert outcomes["java-go"]["status"] == "promoted" and outcomes["cpp-rust"]["status"] == "not_promoted"
    assert result.status == "promoted" and "does not beat" in outcomes["cpp-rust"]["reason"]
    versions = {v["pair"]: v for v in registry.versions(db)}
    assert versions["java-go"]["status"] == "promoted" and versions["cpp-rust"]["status"] == "candidate"
    assert store.promoted_version(db, "java-go")["id"] == versions["java-go"]["id"]
    assert store.promoted_version(db, "cpp-rust") is None  # the base model keeps serving C++->Rust
    assert {d["pair"] for d in db["controller_decisions"].rows} == {"java-go", "cpp-rust"}
    assert any(line.strip().startswith("cpp-rust: not promoted") for line in outcome_lines(result.summary))

    again = Cycle(config, db, None, cycle_id=result.id, work_root=tmp_path).run()
    assert again.summary == result.summary and len(registry.versions(db)) == 2


def test_the_gate_compares_with_the_serving_version_measured_on_the_same_tasks(tmp_path, monkeypatch):
    """A version promoted earlier stores metrics from other tasks (0.9 here); the cycle re-measures it on its own
    tasks, and the candidate is gated against that number: promoted over a weaker incumbent, refused against a
    stronger one, and the summary shows the re-measured number."""
    served = tmp_path / "served.gguf"
    served.write_bytes(b"an earlier adapter")
    for incumbent, expected in ((0.45, "promoted"), (0.7, "not_promoted")):
        case = tmp_path / str(incumbent)
        case.mkdir()
        db, base, _trained = _faked_cycle(case, monkeypatch, {"java-go": 0.6, str(served.resolve()): incumbent})
        earlier = registry.register(db, pair="java-go", base_model=base, adapter_path=served,
                                    metrics={"val_pass@1": 0.9})
        registry.promote(db, earlier, gate=None)
        config = CycleConfig(pairs=("java-go",), training=Rounds(count=1), val_fraction=0.0)
        result = Cycle(config, db, None, work_root=case).run()

        outcome = result.summary["pairs"]["java-go"]
        assert outcome["status"] == expected, outcome["reason"]
        assert outcome["serving"] == {"version": earlier, "metrics": {"val_pass@1": incumbent}}
        assert store.promoted_version(db, "java-go")["id"] == (outcome["best"] if expected == "promoted" else earlier)
        if expected == "not_promoted":
            assert "does not beat 0.700" in outcome["reason"]
        assert any(f"serving {earlier}, re-measured" in line for line in outcome_lines(result.summary))


def test_seeds_alternate_languages_so_a_budget_cut_feeds_both_pairs():
    from act_train.seeds import Seed, interleave

    seeds = [Seed(f"java/{i}", "java", "x", None, "bundled:x") for i in range(3)]
    seeds += [Seed(f"cpp/{i}", "cpp", "x", None, "bundled:x") for i in range(2)]
    assert [s.id for s in interleave(seeds)] == ["java/0", "cpp/0", "java/1", "cpp/1", "java/2"]


def test_curriculum_puts_the_users_code_first_then_the_shortest_programs():
    from act_train.cycle import curriculum
    from act_train.seeds import Seed

    seeds = [Seed("java/long", "java", "x" * 90, "t", "bundled:a"), Seed("java/short", "java", "x" * 10, None,
             "expansion:b"), Seed("cpp/mid", "cpp", "x" * 50, None, "bundled:c"),
             Seed("java/mine", "java", "x" * 500, None, "imported:d")]
    assert [s.id for s in curriculum(seeds)] == ["java/mine", "java/short", "cpp/mid", "java/long"]


def test_unknown_expansion_operators_are_refused():
    with pytest.raises(ValueError, match="simplify"):
        CycleConfig(expansion=ExpandConfig(operators=("shrink",)))
    assert CycleConfig(expansion=ExpandConfig(operators=("simplify",))).expansion.operators == ("simplify",)


def test_a_stored_configuration_reads_back_nested_or_by_its_old_flat_names():
    config = CycleConfig(pairs=("java-go",), expansion=ExpandConfig(per_seed=0, operators=("simplify",)),
                         data=SynthConfig(candidates=2), training=Rounds(count=1, learning_rate=1e-4),
                         gate=Gate(margin=0.05))
    assert cycle_config(json.loads(json.dumps(dataclasses.asdict(config)))) == config
    old = {"pairs": ["java-go"], "candidates": 2, "expand_per_seed": 0, "expand_operators": ["simplify"],
           "rounds": 1, "learning_rate": 1e-4, "margin": 0.05}  # a cycle stored before the settings were nested
    assert config_from_row({"config": json.dumps(old)}) == config
    assert config.synth(teacher=False).targets == (("java", "go"),) and config.synth(teacher=False).candidates == 2


def test_a_round_goes_on_from_the_kept_adapter_unless_the_rank_changed():
    from act_train.cycle import _continue_from

    rounds = [{"adapter": "r1.gguf", "adapter_dir": "r1", "rank": 16, "restore": None},
              {"adapter": "r2.gguf", "adapter_dir": "r2", "rank": 16, "restore": None}]
    assert _continue_from([], 16) is None
    assert _continue_from(rounds, 16) == "r2"
    assert _continue_from(rounds, 32) is None  # raise_capacity: a new, larger adapter starts from zero
    rounds[-1]["restore"] = "r1.gguf"  # the controller restored the best round
    assert _continue_from(rounds, 16) == "r1"
