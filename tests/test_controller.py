"""Controller rules, one by one, and the stored decision."""

from __future__ import annotations

import json

import pytest

from act_lsp import store
from act_train.controller import (
    TARGETED_DATA,
    ControllerConfig,
    RoundMetrics,
    data_requests,
    decide,
    latest_requests,
    record,
)

HP = {"learning_rate": 2e-4, "epochs": 1.0, "rank": 16}


def r(n, p1, train, evl, cats=None, hp=HP):
    return RoundMetrics(round=n, adapter=f"/a/{n}.gguf", val_pass1=p1, train_loss=train, eval_loss=evl,
                        categories=cats or {}, hparams=hp)


def test_continue_while_improving():
    d = decide([r(1, 0.40, 1.0, 1.1), r(2, 0.45, 0.8, 0.9)])
    assert d.action == "continue" and d.hparams == HP and d.restore is None


def test_stop_early_restores_the_best_round():
    d = decide([r(1, 0.40, 1.0, 1.1), r(2, 0.48, 0.8, 0.9), r(3, 0.47, 0.7, 0.85), r(4, 0.475, 0.6, 0.8)],
               ControllerConfig(patience=2, min_gain=0.01))
    assert d.action == "stop" and d.restore == "/a/2.gguf" and "restoring round 2" in d.reason


def test_overfitting_lowers_lr_and_epochs():
    d = decide([r(1, 0.40, 1.0, 0.90), r(2, 0.41, 0.6, 0.95)])
    assert d.action == "lower_lr"
    assert d.hparams["learning_rate"] == 1e-4 and d.hparams["epochs"] == 0.5


def test_stall_raises_rank_then_lr_at_the_cap():
    d = decide([r(1, 0.40, 1.000, 0.900), r(2, 0.42, 0.995, 0.899)])
    assert d.action == "raise_capacity" and d.hparams["rank"] == 32
    capped = {**HP, "rank": 64}
    d = decide([r(1, 0.40, 1.0, 0.9, hp=capped), r(2, 0.42, 0.995, 0.899, hp=capped)])
    assert d.action == "raise_capacity" and d.hparams["rank"] == 64
    assert d.hparams["learning_rate"] == pytest.approx(3e-4)


def test_targeted_data_from_dominant_failures_easier_first():
    cats = {"passed": 50, "wrong_answer": 9, "compile:E0308": 7, "runtime_panic": 1, "compile:unused_import": 8}
    reqs = data_requests(cats, limit=3)
    assert len(reqs) == 3
    assert "imports" in reqs[0] and "types must match" in reqs[1] and "integer division" in reqs[2]
    assert data_requests({"passed": 3}, 3) == []
    assert data_requests({"compile:E9999": 2}, 3) == ["programs like those failing with compile:E9999"]


def test_decisions_are_stored_with_inputs(tmp_path):
    db = store.open_db(tmp_path / "a.db")
    d = decide([r(1, 0.4, 1.0, 0.9, {"wrong_answer": 3}), r(2, 0.41, 0.6, 0.95, {"wrong_answer": 2})])
    record(db, d, cycle="c1", round=2)
    (row,) = db["controller_decisions"].rows
    assert row["action"] == "lower_lr" and "overfitting" in row["reason"]
    assert len(json.loads(row["inputs"])["rounds"]) == 2 and json.loads(row["data_requests"])


def test_latest_requests_feed_the_next_cycle(tmp_path):
    db = store.open_db(tmp_path / "a.db")
    assert latest_requests(db) == []
    m = RoundMetrics(round=1, adapter="a", val_pass1=0.2, train_loss=1.0, eval_loss=1.0,
                     categories={"compile:E0308": 5, "passed": 2})
    record(db, decide([m]), cycle="c1", round=1)
    assert latest_requests(db) == [TARGETED_DATA["compile:E0308"]]
