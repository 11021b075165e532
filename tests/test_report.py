"""The report: one self-contained page whose summary states the database's numbers, with named versions only."""

from __future__ import annotations

import base64
import json
import re

from click.testing import CliRunner

from act_lsp import store
from act_train import registry
from act_train.cli import cli
from act_train.controller import RoundMetrics, decide, record
from act_train.report import build_report

PNG = b"\x89PNG\r\n\x1a\n"
ATTRIBUTION = "MBXP (Athiwaratkun et al., arXiv 2210.14868), CC BY 4.0"


def _eval(db, run: str, adapter: str | None, pass1: float, categories: list[str], bench: str = "bench/java_go.jsonl"):
    db["eval_runs"].insert({"id": run, "created_at": store.now(), "bench": bench, "pair": "java-go",
                            "model": "base.gguf", "adapter_version": adapter, "samples": 1, "tasks": len(categories),
                            "config": json.dumps({"verify": "off", "examples": 0}),
                            "metrics": json.dumps({"pass@1": pass1}), "seconds": 1.0, "status": "finished"})
    db["eval_results"].insert_all({"run_id": run, "task_id": f"t{i}", "sample": 0, "category": c, "status": c,
                                   "passed": int(c == "passed")} for i, c in enumerate(categories))


def _fill(db, tmp_path):
    base = tmp_path / "models" / "base.gguf"
    base.parent.mkdir()
    base.write_bytes(b"GGUF base")
    adapters = []
    for n in (1, 2):
        adapter = tmp_path / "cycles" / f"round-{n}" / "adapter.gguf"
        adapter.parent.mkdir(parents=True)
        adapter.write_bytes(f"GGUF adapter {n}".encode())
        adapters.append(str(adapter))
        registry.register(db, pair="java-go", base_model=base, adapter_path=adapter, metrics={"val_pass@1": 0.1 * n})
    registry.promote(db, "v2", gate=None)  # not a real GGUF: it serves as an adapter (no merged copy)
    _eval(db, "r0", None, 0.40, ["passed", "passed", "compile:syntax", "wrong_answer", "wrong_answer"])
    _eval(db, "r1", adapters[0], 0.40, ["passed", "passed", "compile:syntax", "compile:syntax", "wrong_answer"])
    _eval(db, "r2", adapters[1], 0.55, ["passed", "passed", "passed", "wrong_answer", "timeout"])
    _eval(db, "r3", None, 0.25, ["passed", "compile:E0308", "wrong_answer", "passed"], bench="classes/java_go.jsonl")
    db["training_runs"].insert({"id": "t", "created_at": store.now(), "version": "v2", "out_dir": str(tmp_path),
                                "config": "{}", "history": json.dumps([{"step": 1, "loss": 1.0, "eval_loss": 1.1},
                                                                       {"step": 2, "loss": 0.7}])})
    origin = f"imported:mbjp_release_v1.2.jsonl:MBJP/23 ({ATTRIBUTION})"
    db["synth_items"].insert_all(
        {"id": str(i), "run_id": "c20261128-101500-ab12", "stage": st, "key": str(i), "ok": ok, "reason": "",
         "meta": json.dumps({"origin": origin if i < 4 else "bundled:WordStats"})}
        for i, (st, ok) in enumerate([("seed", 1), ("seed", 0), ("admitted", 1), ("admitted", 1), ("admitted", 1)]))
    db["cycles"].insert({"id": "c20261128-101500-ab12", "created_at": store.now(), "status": "promoted",
                         "stage": "done", "config": json.dumps({"budget_minutes": 90}),
                         "summary": json.dumps({"minutes": 71.5, "budget_minutes": 90, "reason": "v2 passed the gate",
                                                "data": {"seeds": 40, "admitted_this_cycle": 3, "train": 3}})})
    record(db, decide([RoundMetrics(round=1, adapter="a", val_pass1=0.4, train_loss=1.0, eval_loss=1.0,
                                    categories={"wrong_answer": 2})]), cycle="c20261128-101500-ab12", round=1)
    return tmp_path


def _images(page: str) -> list[bytes]:
    return [base64.b64decode(m) for m in re.findall(r'src="data:image/png;base64,([^"]+)"', page)]


def test_the_summary_states_the_numbers_and_names_versions_not_paths(tmp_path):
    db = store.open_db(tmp_path / "act.db")
    _fill(db, tmp_path)
    page = build_report(db, tmp_path / "out" / "report.html").read_text()
    summary = page[page.index("<h2>Summary"):page.index("</section>")]
    day = store.now()[:10]
    assert f"with v2 ({day}), promoted {day}, served as a LoRA adapter" in summary
    assert re.search(r"HumanEval-X java-go \(5 tasks\)</td><td>pass@1</td><td>40\.0%</td><td>55\.0%</td>"
                     r"<td>\+15\.0 points", summary)
    assert "realistic classes java-go (4 tasks)</td><td>pass@1</td><td>25.0%</td><td>–" in summary
    assert "3 validated pairs: 2 from imported problem sets, 1 from synthetic (bundled)" in summary
    assert ATTRIBUTION in summary
    assert "71.5 of 90 budgeted minutes; 3 pairs admitted from 40 seeds" in summary
    assert "train another round, because" in summary and "integer division" in summary  # decision + data asked
    # self-contained: five charts embedded as real PNGs, nothing loaded from elsewhere
    images = _images(page)
    assert len(images) == 5 and all(i[:8] == PNG and len(i) > 5000 for i in images)
    assert not re.search(r'(src|href)="(?!data:)', page)
    # versions by name, never by path
    assert str(tmp_path) not in page and "adapter.gguf" not in page and not re.search(r"/(root|home|tmp)/", page)


def test_report_on_an_empty_database_and_the_cli_opens_it(tmp_path, monkeypatch):
    monkeypatch.setenv("ACT_DB", str(tmp_path / "empty.db"))
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" > {opened}\n')
    browser.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(browser))
    result = CliRunner().invoke(cli, ["report", "--out", str(tmp_path / "r"), "--open"])
    assert result.exit_code == 0, result.output
    page = tmp_path / "r" / "index.html"
    assert result.stdout.strip().endswith("index.html") and page.is_file()
    text = page.read_text()
    assert "No evaluation has finished yet" in text and "no training cycle has run yet" in text
    assert all(i[:8] == PNG for i in _images(text)) and len(_images(text)) == 5
    assert opened.read_text().strip() == page.resolve().as_uri()  # --open handed the page to the browser
