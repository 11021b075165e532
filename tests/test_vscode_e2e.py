"""VS Code (code-server 4.100.3) in Debian's Chromium, driven by playwright-core, with the ACT extension (.vsix)
and the real server + default model: open a Java file, "ACT: Translate File", confirm, save.

Needs `scripts/install-code-server.sh` (the Makefile's `test` target runs it). Screenshots of every step are
kept under test-output/vscode/.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from act_lsp import store
from act_lsp.home import act_home
from tests.conftest import REPO
from tests.test_lsp_e2e import JAVA
from tests.test_nvim_e2e import BITS

pytestmark = [pytest.mark.model, pytest.mark.vscode]

TOOLS = Path(os.environ.get("ACT_TOOLS", Path.home() / ".cache" / "act")) / "code-server"
CODE_SERVER = TOOLS / "node_modules" / ".bin" / "code-server"
SHOTS = REPO / "test-output" / "vscode"
USER_SETTINGS = {
    "telemetry.telemetryLevel": "off", "extensions.autoCheckUpdates": False, "extensions.autoUpdate": False,
    "extensions.ignoreRecommendations": True, "workbench.enableExperiments": False, "workbench.startupEditor": "none",
    "update.mode": "none", "security.workspace.trust.enabled": False, "workbench.tips.enabled": False,
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def vsix(tmp_path_factory) -> Path:
    if not CODE_SERVER.exists():
        pytest.fail(f"code-server is not installed in {TOOLS}; run scripts/install-code-server.sh")
    out = tmp_path_factory.mktemp("vsix") / "act-translate.vsix"
    proc = subprocess.run(["sh", str(REPO / "editor-clients/vscode/build-vsix.sh"), str(out)], capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0 and out.is_file(), proc.stdout + proc.stderr
    return out


def drive_code_server(vsix: Path, tmp_path: Path, file_name: str, source: str, settings: dict,
                      *driver_args: str) -> tuple[Path, Path, list[str]]:
    """Install the extension in a fresh code-server on ``source``, run drive.js; the workspace, db and its output."""
    ws, data = tmp_path / "ws", tmp_path / "cs"
    ws.mkdir()
    (ws / file_name).write_text(source)
    for d in ("user/User", "ext", "cfg", "xdg-data", "xdg-cache"):
        (data / d).mkdir(parents=True)
    (data / "user/User/settings.json").write_text(json.dumps({**USER_SETTINGS, **settings}))
    db = tmp_path / "act.db"
    env = {**os.environ, "XDG_CONFIG_HOME": str(data / "cfg"), "XDG_DATA_HOME": str(data / "xdg-data"),
           "XDG_CACHE_HOME": str(data / "xdg-cache"), "EXTENSIONS_GALLERY": '{"serviceUrl":""}',
           "ACT_PYTHON": sys.executable, "ACT_DB": str(db), "ACT_HOME": str(act_home())}
    common = ["--user-data-dir", str(data / "user"), "--extensions-dir", str(data / "ext")]
    installed = subprocess.run([str(CODE_SERVER), *common, "--install-extension", str(vsix)], capture_output=True,
                               text=True, env=env, timeout=120)
    assert "successfully installed" in installed.stdout, installed.stdout + installed.stderr

    port = _free_port()
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True)
    log = (SHOTS / "code-server.log").open("w")
    server = subprocess.Popen([str(CODE_SERVER), "--bind-addr", f"127.0.0.1:{port}", "--auth", "none",
                               "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust",
                               *common, str(ws)], env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        drive = subprocess.run(["node", str(REPO / "tests/vscode/drive.js"), f"http://127.0.0.1:{port}/?folder={ws}",
                                file_name, str(SHOTS), *driver_args], capture_output=True, text=True, timeout=900,
                               env={**env, "NODE_PATH": str(TOOLS / "node_modules")})
        (SHOTS / "drive.log").write_text(drive.stdout + drive.stderr)
        assert drive.returncode == 0, drive.stdout + drive.stderr
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
        log.close()
        for f in (data / "user" / "logs").rglob("*.log"):  # extension host + ACT output channel, for CI failures
            if "exthost" in str(f) or "ACT" in f.name:
                shutil.copy(f, SHOTS / f"{f.parent.name}-{f.name}")
    return ws, db, drive.stdout.splitlines()


def test_translate_file_in_vscode(vsix, tmp_path):
    ws, db, _ = drive_code_server(vsix, tmp_path, "Calc.java", JAVA, {"act.verify": "off"})
    code = (ws / "calc.go").read_text()
    assert code.startswith("package main") and "func SumOfSquares(" in code
    (row,) = store.open_db(db)["translations"].rows
    assert row["outcome"] == "accepted" and row["client"] == "code-server"  # VS Code in the browser
    shot = SHOTS / "4-result.png"
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_vscode_flags_a_translation_that_compiles_but_behaves_differently(vsix, tmp_path):
    # The default check (equivalence) on a function the default model gets wrong (Java's two's complement binary
    # string): the Refactor Preview shows the verdict, and the Problems panel shows ACT's mark on the Go file.
    ws, _, out = drive_code_server(vsix, tmp_path, "Bits.java", BITS, {}, "problems")
    (preview,) = [line for line in out if line.startswith("PREVIEW ")]
    problems = [line for line in out if line.startswith("PROBLEM ")]
    assert "ACT translation (Java → Go)" in preview and "bits.go" in preview, out
    assert any(line.startswith("NOTIFY ACT: translation ") for line in out), out  # the same verdict as a message
    if "DIFFERS from the source" in preview:
        assert any("differs from the source: Bits(" in p and "want" in p for p in problems), out
    else:  # the model's best did not even compile: the compiler's error is the mark
        assert "does NOT compile" in preview and any("does not compile" in p for p in problems), out
    assert (ws / "bits.go").read_text().startswith("package main")
    assert (SHOTS / "5-problems.png").stat().st_size > 10_000
