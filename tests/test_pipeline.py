"""The synthetic-data pipeline on 3 bundled seeds with the real default model and the real sandbox."""

from __future__ import annotations

import pytest

from act_lsp import store
from act_lsp.engine import ModelHost
from act_lsp.pairs import get_pair
from act_lsp.sandbox import Job
from act_train.dedup import Deduplicator, load_evaluation_set
from act_train.pipeline import STAGES, Pipeline, SynthConfig, export_jsonl, funnel
from act_train.seeds import bundled_seeds
from tests.conftest import BENCH

pytestmark = [pytest.mark.model, pytest.mark.docker]


@pytest.fixture(scope="module")
def host():
    return ModelHost()


def test_pipeline_funnel_is_consistent_and_admitted_pairs_pass(tmp_path, host, sandbox_pool):
    db = store.open_db(tmp_path / "act.db")
    dedup = Deduplicator()
    load_evaluation_set(dedup, [BENCH / "java_go.jsonl", BENCH / "cpp_rust.jsonl"])
    seeds = {s.id: s for s in bundled_seeds()}
    chosen = [seeds["java/word_frequency"], seeds["java/run_length"], seeds["cpp/csv_split"]]
    config = SynthConfig(candidates=2, mutants=6, max_tokens=600, repair=True)
    pipe = Pipeline(config, host, sandbox_pool.run_batch, db, dedup)
    summary = pipe.run(chosen)
    report = funnel(db, pipe.run_id)

    assert report["seed"]["total"] == 3
    assert report["source_mutation"]["total"] == report["seed"]["ok"]
    assert report["candidate"]["total"] <= report["source_mutation"]["ok"] * config.candidates
    assert report["validation"]["total"] <= report["candidate"]["ok"]
    assert report["target_mutation"]["total"] == report["validation"]["ok"]
    assert report["admitted"]["ok"] == summary["admitted"] <= report["target_mutation"]["ok"]
    for stage in STAGES:  # every rejection has a reason
        assert sum(report[stage]["rejected"].values()) == report[stage]["total"] - report[stage]["ok"]
    assert summary["timing"]["llm"] > 0 and summary["timing"]["sandbox"] > 0

    exported = export_jsonl(db, [pipe.run_id])
    assert len(exported) == summary["admitted"]
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
