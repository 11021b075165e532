"""The synthetic-data pipeline on 3 bundled seeds with the real default model and the real sandbox."""

from __future__ import annotations

import dataclasses
import json

import pytest

from act_lsp import store
from act_lsp.engine import EngineConfig, ModelHost
from act_lsp.languages import LANGUAGES
from act_lsp.pairs import get_pair
from act_lsp.sandbox import Job
from act_train.dedup import Deduplicator, load_evaluation_set
from act_train.expansion import ExpandConfig
from act_train.importer import units_in_source
from act_train.pipeline import Pipeline, SynthConfig
from act_train.provenance import STAGES, export_jsonl, funnel
from act_train.seeds import Seed, bundled_seeds
from tests.conftest import BENCH
from tests.test_cycle import PROGRAMS

pytestmark = [pytest.mark.model, pytest.mark.docker]


@pytest.fixture(scope="module")
def host():
    return ModelHost()


def test_pipeline_funnel_is_consistent_and_admitted_pairs_pass(tmp_path, host, sandbox_pool):
    db = store.open_db(tmp_path / "act.db")
    dedup = Deduplicator()
    load_evaluation_set(dedup, [BENCH / "java_go.jsonl", BENCH / "cpp_rust.jsonl"])
    seeds = {s.id: s for s in bundled_seeds()}
    # Three small functions without tests of their own (io tests only), as a user's imported code would be; the
    # default model translates at least one of them (the same three admit data in tests/test_cycle.py).
    imported = [Seed(id=f"test/{i}", language="java", tests=None, origin="imported:test", code=u.code)
                for i, u in enumerate(units_in_source("java", PROGRAMS, "Utils.java"))]
    chosen = [seeds["java/run_length"], *imported]
    config = SynthConfig(candidates=4, keep=2, mutants=6, target_gate="always")  # the target gate on io tests too
    pipe = Pipeline(config, host, sandbox_pool.run_batch, db, dedup)
    summary = pipe.run(chosen)
    report = funnel(db, pipe.run_id)

    assert report["seed"]["total"] == 4
    assert report["io_tests"]["total"] == report["seed"]["ok"]
    assert report["source_mutation"]["total"] <= report["seed"]["ok"]
    # Rejection sampling: every program past the gate gets all k candidates, each validated when it compiles.
    assert report["candidate"]["total"] == report["source_mutation"]["ok"] * config.candidates
    assert report["sampled"]["total"] == report["source_mutation"]["ok"]
    assert report["validation"]["total"] == report["candidate"]["ok"]
    # The target gate runs once per program (not per passing candidate); a program with pairs passed it.
    assert report["target_mutation"]["total"] <= report["sampled"]["total"]
    assert summary["admitted"] == report["sampled"]["ok"] <= report["target_mutation"]["ok"]
    assert summary["admitted"] <= summary["pairs"] == report["admitted"]["ok"] <= config.keep * summary["admitted"]
    for stage in STAGES:  # every rejection has a reason
        assert sum(report[stage]["rejected"].values()) == report[stage]["total"] - report[stage]["ok"]
    assert summary["timing"]["llm"] > 0 and summary["timing"]["sandbox"] > 0
    for row in db.query("select meta, ok from synth_items where run_id = ? and stage = 'sampled'", [pipe.run_id]):
        meta = json.loads(row["meta"])  # the difficulty bookkeeping is consistent with the candidates
        assert meta["k"] == config.candidates and 0 <= meta["passed"] <= meta["compiled"] <= meta["k"]
        assert meta["pass_rate"] == round(meta["passed"] / meta["k"], 3) and row["ok"] == (meta["passed"] > 0)

    exported = export_jsonl(db, [pipe.run_id])
    assert len(exported) == summary["pairs"] >= 1
    assert len({(r["source"], r["target"]) for r in exported}) == len(exported)  # distinct pairs only
    for row in exported:  # a program keeps a second pair only when some of its samples failed
        sampled = row["provenance"]["sampled"][0]
        if sum(r["source"] == row["source"] for r in exported) == 2:
            assert sampled["passed"] < sampled["k"]
    assert all(row["provenance"]["evidence"]["target_tests"] == "io" for row in exported)
    assert all(row["provenance"]["evidence"]["target_mutation"] is True for row in exported)
    for row in exported:  # every admitted pair still passes its target tests when re-run
        pair = get_pair(row["pair"])
        rerun = sandbox_pool.run(Job.with_tests(pair.target.test_recipe, row["target"], row["provenance"]["tests"]))
        assert rerun.passed, rerun.stderr
        assert row["messages"][-1]["role"] == "assistant" and row["target"] in row["messages"][-1]["content"]

    # Resume: the same run id does no new work and records nothing new.
    rows = db["synth_items"].count
    again = Pipeline(config, host, sandbox_pool.run_batch, db, dedup, run_id=pipe.run_id).run(chosen)
    assert db["synth_items"].count == rows and again["admitted"] == summary["admitted"]
    assert again["timing"].get("llm", 0) == 0

    # Killed between the seed gate and the mutation gate: the resumed run finishes that seed's gate.
    gate = next(db.query("select id from synth_items where run_id = ? and stage = 'source_mutation' limit 1",
                         [pipe.run_id]))
    db["synth_items"].delete(gate["id"])
    Pipeline(config, host, sandbox_pool.run_batch, db, dedup, run_id=pipe.run_id).run(chosen)
    assert funnel(db, pipe.run_id)["source_mutation"]["total"] == report["source_mutation"]["total"]
    assert db["synth_items"].count == rows

    # A later run (the next cycle) skips what was admitted: no second copy of a pair, no work spent on it.
    admitted_seeds = {row["provenance"]["seed"] for row in exported}
    later = Pipeline(config, host, sandbox_pool.run_batch, db, dedup).run(
        [s for s in chosen if s.id in admitted_seeds])
    assert later["admitted"] == 0 and db["synth_items"].count == rows
    assert len(export_jsonl(db)) == len(exported)


def test_expansion_records_each_program_and_keeps_only_what_compiles(tmp_path, host, sandbox_pool):
    db = store.open_db(tmp_path / "act.db")
    seed = {s.id: s for s in bundled_seeds()}["java/run_length"]
    pipe = Pipeline(SynthConfig(), host, sandbox_pool.run_batch, db, Deduplicator())
    new = pipe.expand([seed], ExpandConfig(per_seed=2, focus=("string building",), max_tokens=500))
    stage = funnel(db, pipe.run_id)["expansion"]
    assert stage["total"] == 2 and stage["ok"] == len(new)
    for s in new:  # what was kept compiles, and is a new program of the seed's language
        assert s.tests is None and s.language == "java" and s.code != seed.code and "~" in s.id
        assert s.kind == "expansion" and s.origin.endswith(f" of {seed.origin}")
        assert sandbox_pool.run(Job.with_tests("java", s.code, LANGUAGES["java"].reading.harness)).passed
    rows = list(db.query("select meta from synth_items where stage = 'expansion'"))
    assert all('"focus": "string building"' in r["meta"] for r in rows)
    # resumed: nothing is generated again
    again = Pipeline(SynthConfig(), host, sandbox_pool.run_batch, db, Deduplicator(), run_id=pipe.run_id)
    assert [s.id for s in again.expand([seed], ExpandConfig(per_seed=2, focus=("string building",)))] == \
        [s.id for s in new]
    assert again.timing.get("llm", 0) == 0


def test_llm_written_source_tests_are_kept_only_when_they_pass_and_are_mutation_gated(tmp_path, host, sandbox_pool):
    db = store.open_db(tmp_path / "act.db")
    (unit, *_) = units_in_source("java", PROGRAMS, "Utils.java")
    seed = Seed(id="test/llm", language="java", tests=None, origin="imported:test", code=unit.code)
    pipe = Pipeline(SynthConfig(candidates=1, mutants=4, llm_tests="always"), host, sandbox_pool.run_batch, db,
                    Deduplicator())
    pipe.run([seed])
    (row,) = db.query("select * from synth_items where stage = 'source_tests'")
    if row["ok"]:  # kept: they pass on the program, and the gate scored them next to the io driver
        assert sandbox_pool.run(Job.with_tests("java", seed.code, row["code"])).passed
        (gate,) = db.query("select meta from synth_items where stage = 'source_mutation'")
        assert "llm" in json.loads(gate["meta"])["scores"]
    else:  # dropped, with the sandbox's reason
        assert row["reason"].startswith(("source_tests_", "no_tests"))


def test_programs_the_student_never_solves_go_to_the_teacher(tmp_path, host, sandbox_pool):
    """Distillation: a student that fails every sample (the tiny SmolLM2), the default model as the teacher."""
    db = store.open_db(tmp_path / "act.db")
    student = ModelHost(EngineConfig(model="smollm2-135m"))
    units = units_in_source("java", PROGRAMS, "Utils.java")
    seeds = [Seed(id=f"test/d{i}", language="java", tests=None, origin="imported:test", code=u.code)
             for i, u in enumerate(units)]
    pipe = Pipeline(SynthConfig(candidates=2, teacher_candidates=2, mutants=4, llm_tests="never"), student,
                    sandbox_pool.run_batch, db, Deduplicator(), teacher=host)
    summary = pipe.run(seeds)
    sampled = [json.loads(r["meta"]) | {"ok": r["ok"]} for r in db.query(
        "select meta, ok from synth_items where stage = 'sampled' order by created_at")]
    students = [m for m in sampled if m["by"] == "student"]
    teachers = [m for m in sampled if m["by"] == "teacher"]
    assert len(teachers) == sum(1 for m in students if not m["ok"])  # the teacher only where the student failed
    by = [r["provenance"]["by"] for r in export_jsonl(db, [pipe.run_id])]
    assert summary["pairs"] == len(by) >= 1 and "teacher" in by  # its validated answers are pairs too


def test_the_next_round_samples_again_with_the_improved_student_only_what_no_student_solved(tmp_path, host,
                                                                                             sandbox_pool):
    """STaR's next round, as the next cycle runs it: a student that solved nothing (the tiny SmolLM2), then a new run
    with the default model and the bundled Java->Go adapter (the serving version a cycle samples with). Seeded
    samples of the first student would only repeat themselves; the adapted one writes candidates of its own, the
    source gate's verdicts carry over instead of being run again, and what it admits says who wrote it."""
    from act_train.bundled import ADAPTERS_DIR
    from act_train.pipeline import adapter_tag

    db = store.open_db(tmp_path / "act.db")
    adapter = str(ADAPTERS_DIR / "java-go.gguf")
    seeds = [Seed(id=f"test/r{i}", language="java", tests=None, origin="imported:test", code=u.code)
             for i, u in enumerate(units_in_source("java", PROGRAMS, "Utils.java"))]
    config = SynthConfig(candidates=2, mutants=4, llm_tests="never")
    first = Pipeline(config, ModelHost(EngineConfig(model="smollm2-135m")), sandbox_pool.run_batch, db,
                     Deduplicator())
    assert first.run(seeds)["pairs"] == 0
    gated = funnel(db, first.run_id)["source_mutation"]
    failed = funnel(db, first.run_id)["sampled"]["total"]
    assert failed == gated["ok"] >= 1

    config = dataclasses.replace(config, candidates=4)  # the next round may sample more (the CLI's --candidates)
    second = Pipeline(config, host, sandbox_pool.run_batch, db, Deduplicator(),
                      student_adapters={"java-go": adapter})
    summary = second.run(seeds)
    assert host.adapter_path == adapter  # the student served the pair with its adapter
    report = funnel(db, second.run_id)
    gates = [json.loads(r["meta"]) for r in db.query(
        "select meta from synth_items where run_id = ? and stage = 'source_mutation'", [second.run_id])]
    assert len(gates) == gated["total"] and all(m["carried_from"] == first.run_id for m in gates)
    assert report["source_mutation"]["ok"] == gated["ok"]
    tag = adapter_tag(adapter)
    candidates = [json.loads(r["meta"]) for r in db.query(
        "select meta from synth_items where run_id = ? and stage = 'candidate'", [second.run_id])]
    assert len(candidates) == failed * config.candidates and all(m["adapter"] == tag for m in candidates)
    assert summary["admitted"] >= 1  # the improved student solves what the first could not
    exported = export_jsonl(db, [second.run_id])
    assert all(row["provenance"]["sampled"][0]["adapter"] == tag for row in exported)
    # io tests passed the source gate: the default target gate ("translated") does not run on them, and says so
    assert report["target_mutation"]["total"] == 0 and report["validation"]["ok"] >= 1
    assert all(row["provenance"]["evidence"]["target_mutation"] is None for row in exported)

    # Resumed with the same adapter: nothing is generated or recorded again.
    rows = db["synth_items"].count
    again = Pipeline(config, host, sandbox_pool.run_batch, db, Deduplicator(), run_id=second.run_id,
                     student_adapters={"java-go": adapter}).run(seeds)
    assert db["synth_items"].count == rows and again["timing"].get("llm", 0) == 0
    host.set_adapter(None)
