"""act-train wiring: --help, --json, exit codes, and the Docker-down message."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from act_train.cli import EXIT_ENV, cli


def test_help_lists_groups():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "sandbox" in result.output and "models" in result.output


def test_models_list_json():
    result = CliRunner().invoke(cli, ["models", "list", "--json"])
    listing = json.loads(result.stdout)
    rows = listing["base_models"]
    assert {r["name"] for r in rows} >= {"qwen2.5-coder-0.5b", "smollm2-135m", "qwen2.5-coder-1.5b"}
    assert sum(r["default"] for r in rows) == 1
    assert isinstance(listing["versions"], list)


def test_unknown_model_is_a_usage_error():
    result = CliRunner().invoke(cli, ["models", "install", "gpt-17"])
    assert result.exit_code == 2 and "unknown model 'gpt-17'" in result.output


def test_docker_down_is_one_clear_message(tmp_path):
    env = {"DOCKER_HOST": f"unix://{tmp_path}/no.sock", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-m", "act_train.cli", "sandbox", "build"], capture_output=True,
                          text=True, env=env, timeout=60)
    assert proc.returncode == EXIT_ENV
    assert "cannot reach a Docker engine" in proc.stderr and "Traceback" not in proc.stderr
    pool = subprocess.run([sys.executable, "-c", "from act_lsp.sandbox import SandboxPool; SandboxPool()"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert pool.returncode != 0 and "cannot reach a Docker engine" in pool.stderr


def test_registry_commands(tmp_path, monkeypatch):
    from act_lsp import store
    from act_train import registry

    monkeypatch.setenv("ACT_DB", str(tmp_path / "act.db"))
    adapter = tmp_path / "a.gguf"
    adapter.write_bytes(b"GGUF adapter")
    v1 = registry.register(store.open_db(), pair="java-go", base_model=adapter, adapter_path=adapter,
                           metrics={"val_pass@1": 0.2})
    runner = CliRunner()
    assert runner.invoke(cli, ["models", "rollback"]).exit_code == 1  # nothing promoted yet
    promoted = runner.invoke(cli, ["models", "promote", v1])  # no baseline: a first version passes the gate
    assert promoted.exit_code == 0 and "v1 promoted" in promoted.output
    status = json.loads(runner.invoke(cli, ["status", "--json"]).stdout)
    assert status["promoted"] == "v1"
    assert "now serving the base model" in runner.invoke(cli, ["models", "rollback"]).output
    assert runner.invoke(cli, ["models", "promote", "v9"]).exit_code == 1


@pytest.mark.docker
def test_a_student_adapter_names_a_known_pair_and_an_existing_file(tmp_path):
    runner = CliRunner()
    unknown = runner.invoke(cli, ["validate", "--adapter", f"java-cobol={tmp_path}"])
    assert unknown.exit_code == 2 and "unknown language pair 'java-cobol'" in unknown.output
    missing = runner.invoke(cli, ["validate", "--adapter", f"cpp-rust={tmp_path}/none.gguf"])
    assert missing.exit_code == 2 and "PAIR=GGUF with an existing adapter file" in missing.output


def test_sandbox_status_json():
    result = CliRunner().invoke(cli, ["sandbox", "status", "--json"])
    info = json.loads(result.stdout)
    assert result.exit_code == 0 and info["docker"] and info["built"]


def test_export_writes_the_admitted_pairs_of_a_pair_with_their_attribution(tmp_path, monkeypatch):
    from act_lsp import store
    from act_train.provenance import Provenance

    db_path = tmp_path / "act.db"
    monkeypatch.setenv("ACT_DB", str(db_path))
    prov = Provenance(store.open_db(db_path), "run1")
    for pair, source, target in [("java-go", "class A { static int f(int x) { return x; } }",
                                  "package main\n\nfunc F(x int) int {\n\treturn x\n}\n"),
                                 ("cpp-rust", "int f(int x) { return x; }", "fn f(x: i32) -> i32 {\n    x\n}\n")]:
        prov.add(stage="admitted", key=pair, parent=None, ok=True, code=target, pair=pair,
                 meta={"seed": f"imported/{pair}", "origin": "imported:p.jsonl:MBJP/1 (CC BY 4.0)", "source": source,
                       "tests": "", "evidence": {}, "by": "student", "sampled": []})
    out = tmp_path / "pairs.jsonl"
    result = CliRunner().invoke(cli, ["export", "--out", str(out), "--pair", "java-go"])
    assert result.exit_code == 0 and "1 pairs" in result.output and "java-go 1" in result.output
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert row["pair"] == "java-go" and row["provenance"]["origin"].endswith("(CC BY 4.0)")
    assert row["messages"][-1]["content"].startswith("```go\npackage main")


def test_io_bench_from_a_folder_needs_programs_in_it(tmp_path):
    (tmp_path / "notes.txt").write_text("not a program")
    result = CliRunner().invoke(cli, ["io-bench", "--sources", str(tmp_path), "--out-dir", str(tmp_path / "b")])
    assert result.exit_code != 0 and f"no programs in {tmp_path}" in result.output


@pytest.mark.docker
def test_io_bench_writes_seed_programs_as_bench_tasks_with_their_io_tests(tmp_path, monkeypatch):
    from act_train.bench import load_bench

    monkeypatch.setenv("ACT_DB", str(tmp_path / "act.db"))
    result = CliRunner().invoke(cli, ["io-bench", "--out-dir", str(tmp_path / "b"), "--limit", "2", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert sum(report["written"].values()) + sum(report["skipped"].values()) == 4  # 2 Java + 2 C++ seeds
    go = load_bench(tmp_path / "b" / "java_go.jsonl")
    assert go and all(t.task_id.startswith("classes/") and "func Test" in t.target_tests for t in go)
    assert all(t.target_prompt == "" and t.source_code == t.source_code_nodoc for t in go)


def test_expand_takes_seeds_of_the_origins_asked_for(tmp_path, monkeypatch):
    monkeypatch.setenv("ACT_DB", str(tmp_path / "act.db"))
    result = CliRunner().invoke(cli, ["expand", "--from", "imported", "--limit", "3"])
    assert result.exit_code == 1 and "no seeds to expand from imported" in result.output  # only bundled ones exist
    assert CliRunner().invoke(cli, ["expand", "--from", "elsewhere"]).exit_code == 2
