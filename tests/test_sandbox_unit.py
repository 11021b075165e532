"""Sandbox pieces that need no Docker: job validation, recipes, and the runner on the host."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from act_lsp.languages import LANGUAGES
from act_lsp.languages.go import package_main
from act_lsp.languages.rust import cargo_manifest
from act_lsp.sandbox import RECIPES, Job, JobError, Limits, RunResult
from tests.conftest import REPO

RUNNER = REPO / "sandbox" / "runner.py"


def _runner():
    spec = importlib.util.spec_from_file_location("act_runner", RUNNER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["../escape.go", "/etc/passwd", "a/../../b", "", "a//b", "./x"])
def test_bad_file_names_are_rejected(name):
    with pytest.raises(JobError, match="relative path"):
        Job(recipe="go", files={"main.go": "package main", name: "x"})


def test_unknown_recipe_empty_and_huge_source():
    with pytest.raises(JobError, match="unknown sandbox recipe 'cobol'"):
        Job.of("cobol", "x")
    with pytest.raises(JobError, match="empty or missing"):
        Job.of("rust", "   \n")
    with pytest.raises(JobError, match="exceed"):
        Job.of("cpp", "x" * ((1 << 20) + 1))


def test_limits_are_checked():
    with pytest.raises(JobError):
        Limits(run_timeout=0)
    with pytest.raises(JobError):
        Limits(output_limit=10)


def test_every_recipe_is_complete():
    for name, recipe in RECIPES.items():
        assert recipe.name == name
        assert recipe.run and recipe.main_file and recipe.language in LANGUAGES
        job = Job.of(name, "x")
        payload = job.payload()
        assert recipe.main_file in payload["files"]
        assert json.loads(json.dumps(payload)) == payload


def test_go_tests_go_in_their_own_file_and_package_is_fixed():
    job = Job.with_tests("go_test", "package solution\nfunc F() {}\n", "package main\n")
    assert job.files["main.go"].startswith("package main")
    assert job.files["main_test.go"] == "package main\n"
    assert package_main("func F() {}").startswith("package main\n")


def test_rust_tests_are_appended():
    job = Job.with_tests("rust_test", "fn f() {}", "#[cfg(test)] mod tests {}")
    assert job.files == {"main.rs": "fn f() {}\n\n#[cfg(test)] mod tests {}"}
    assert 'md5 = "0.7"' in cargo_manifest({"md5": '"0.7"'})


def test_unknown_runner_status_is_a_sandbox_error():
    assert RunResult.from_runner({"status": "weird"}, "j").status == "sandbox_error"


def _host_job(tmp_path, run, compile=None, **kw):
    job = {"files": {"a.txt": "x"}, "compile": compile, "run": run, "env": {},
           "compile_timeout": kw.get("compile_timeout", 5),
           "run_timeout": kw.get("run_timeout", 5), "output_limit": kw.get("output_limit", 4096),
           "work_root": str(tmp_path)}
    proc = subprocess.run([sys.executable, str(RUNNER)], input=json.dumps(job), capture_output=True, text=True,
                          timeout=30)
    return json.loads(proc.stdout)


def test_runner_statuses_on_host(tmp_path):
    assert _host_job(tmp_path, ["sh", "-c", "cat a.txt"])["stdout"] == "x"
    assert _host_job(tmp_path, ["sh", "-c", "exit 3"])["status"] == "failed"
    assert _host_job(tmp_path, ["true"], compile=["sh", "-c", "echo no >&2; exit 1"])["status"] == "compile_error"
    res = _host_job(tmp_path, ["sleep", "30"], run_timeout=0.5)
    assert res["status"] == "timeout" and res["run_seconds"] < 5
    res = _host_job(tmp_path, ["true"], compile=["sleep", "30"], compile_timeout=0.5)
    assert (res["status"], res["phase"]) == ("timeout", "compile")
    res = _host_job(tmp_path, ["sh", "-c", "yes"], output_limit=4096)
    assert res["status"] == "output_limit" and len(res["stdout"]) <= 4096
    assert list(tmp_path.iterdir()) == []  # the work dir is gone


def test_runner_rejects_escaping_names(tmp_path):
    mod = _runner()
    with pytest.raises(ValueError):
        mod.safe_join(str(tmp_path), "../x")
