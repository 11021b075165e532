"""The report: every plot is a real PNG with and without data, and the page links them."""

from __future__ import annotations

import json

from click.testing import CliRunner

from act_lsp import store
from act_train.cli import cli
from act_train.controller import RoundMetrics, decide, record
from act_train.report import build_report

PNG = b"\x89PNG\r\n\x1a\n"


def _fill(db):
    for version, p1 in ((None, 0.4), ("v1", 0.5)):
        run = f"r-{version}"
        db["eval_runs"].insert({"id": run, "created_at": store.now(), "bench": "java_go.jsonl", "pair": "java-go",
                                "model": "m", "adapter_version": version, "samples": 1, "tasks": 2,
                                "config": "{}", "metrics": json.dumps({"pass@1": p1}), "seconds": 1.0})
        db["eval_results"].insert_all([
            {"run_id": run, "task_id": "t1", "sample": 0, "status": "passed", "category": "passed", "passed": 1},
            {"run_id": run, "task_id": "t2", "sample": 0, "status": "compile_error", "category": "compile:syntax",
             "passed": 0}])
    db["training_runs"].insert({"id": "t", "created_at": store.now(), "version": "v1", "out_dir": "/x",
                                "config": "{}", "history": json.dumps([{"step": 1, "loss": 1.0, "eval_loss": 1.1},
                                                                       {"step": 2, "loss": 0.7}])})
    db["synth_items"].insert_all([{"id": str(i), "run_id": "s", "stage": st, "key": str(i), "ok": ok, "reason": ""}
                                  for i, (st, ok) in enumerate([("seed", 1), ("seed", 0), ("admitted", 1)])])
    record(db, decide([RoundMetrics(round=1, adapter="a", val_pass1=0.4, train_loss=1.0, eval_loss=1.0,
                                    categories={"wrong_answer": 2})]), cycle="c1", round=1)


def test_report_with_data(tmp_path):
    db = store.open_db(tmp_path / "a.db")
    _fill(db)
    index = build_report(db, tmp_path / "report")
    page = index.read_text()
    for name in ("pass_at_k.png", "losses.png", "funnel.png", "failures.png"):
        png = tmp_path / "report" / name
        assert png.read_bytes()[:8] == PNG and png.stat().st_size > 5000, name
        assert f'src="{name}"' in page
    assert "continue" in page and "integer division" in page  # the controller's decision and data request


def test_report_on_an_empty_database_and_the_cli(tmp_path, monkeypatch):
    monkeypatch.setenv("ACT_DB", str(tmp_path / "empty.db"))
    result = CliRunner().invoke(cli, ["report", "--out", str(tmp_path / "r")])
    assert result.exit_code == 0 and result.stdout.strip().endswith("index.html")
    assert (tmp_path / "r" / "losses.png").read_bytes()[:8] == PNG
    assert "none yet" in (tmp_path / "r" / "index.html").read_text()
