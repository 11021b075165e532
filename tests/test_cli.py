"""act-train wiring: --help, --json, exit codes, and the Docker-down message."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from act_train.cli import EXIT_ENV, cli


def test_help_lists_groups():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "sandbox" in result.output and "models" in result.output


def test_models_list_json():
    result = CliRunner().invoke(cli, ["models", "list", "--json"])
    rows = json.loads(result.output)
    assert {r["name"] for r in rows} >= {"qwen2.5-coder-0.5b", "smollm2-135m", "qwen2.5-coder-1.5b"}
    assert sum(r["default"] for r in rows) == 1


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


def test_sandbox_status_json():
    result = CliRunner().invoke(cli, ["sandbox", "status", "--json"])
    info = json.loads(result.output)
    assert result.exit_code == 0 and info["docker"] and info["built"]
