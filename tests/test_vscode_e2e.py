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

pytestmark = [pytest.mark.model, pytest.mark.vscode]

TOOLS = Path(os.environ.get("ACT_TOOLS", Path.home() / ".cache" / "act")) / "code-server"
CODE_SERVER = TOOLS / "node_modules" / ".bin" / "code-server"
SHOTS = REPO / "test-output" / "vscode"
USER_SETTINGS = {
    "telemetry.telemetryLevel": "off", "extensions.autoCheckUpdates": False, "extensions.autoUpdate": False,
    "extensions.ignoreRecommendations": True, "workbench.enableExperiments": False, "workbench.startupEditor": "none",
    "update.mode": "none", "security.workspace.trust.enabled": False, "workbench.tips.enabled": False,
    "act.verify": "off",  # these tests drive the editor; the behavioural check has its own tests
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


def test_translate_file_in_vscode(vsix, tmp_path):
    ws, data = tmp_path / "ws", tmp_path / "cs"
    ws.mkdir()
    (ws / "Calc.java").write_text(JAVA)
    for d in ("user/User", "ext", "cfg", "xdg-data", "xdg-cache"):
        (data / d).mkdir(parents=True)
    (data / "user/User/settings.json").write_text(json.dumps(USER_SETTINGS))
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
                                "Calc.java", str(SHOTS)], capture_output=True, text=True, timeout=600,
                               env={**env, "NODE_PATH": str(TOOLS / "node_modules")})
        assert drive.returncode == 0, drive.stdout + drive.stderr
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
        log.close()
        for f in (data / "user" / "logs").rglob("*.log"):  # extension host + ACT output channel, for CI failures
            if "exthost" in str(f) or "ACT" in f.name:
                shutil.copy(f, SHOTS / f"{f.parent.name}-{f.name}")

    code = (ws / "calc.go").read_text()
    assert code.startswith("package main") and "func SumOfSquares(" in code
    (row,) = store.open_db(db)["translations"].rows
    assert row["outcome"] == "accepted" and row["client"] == "code-server"  # VS Code in the browser
    shot = SHOTS / "4-result.png"
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
