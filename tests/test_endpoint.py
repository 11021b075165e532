"""Editors on a shared model: the real language server translating through a real llama.cpp server process
(llama-cpp-python's OpenAI-compatible server), following a promotion without a restart, and falling back to the
local model when the endpoint goes away."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from act_lsp import store
from act_lsp.model_store import BUNDLED_MODELS, DEFAULT_MODEL
from act_train import registry
from tests.test_registry import random_adapter

pytestmark = [pytest.mark.model]
TINY = "smollm2-135m"  # the fallback: a local model unlike the endpoint's, so a row shows which one answered


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """A llama.cpp server serving the base model as ``base`` and version v1 (a random LoRA on it) as ``act-v1``,
    the way a team's endpoint serves promoted adapters (vLLM: ``--lora-modules act-v1=...``)."""
    tmp = tmp_path_factory.mktemp("endpoint")
    base = BUNDLED_MODELS[DEFAULT_MODEL].path  # the endpoint serves the default model, as a team's would
    adapter = random_adapter(base, tmp / "v1.gguf", scale=0.08)
    port = _free_port()
    common = {"model": str(base), "n_ctx": 2048, "n_threads": 1, "verbose": False}
    (tmp / "config.json").write_text(json.dumps({"host": "127.0.0.1", "port": port, "models": [
        {**common, "model_alias": "base"}, {**common, "model_alias": "act-v1", "lora_path": str(adapter)}]}))
    log = (tmp / "server.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--config_file", str(tmp / "config.json")],
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(url + "/models", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"the llama.cpp server did not start: {(tmp / 'server.log').read_text()[-2000:]}")
            time.sleep(0.5)
    yield {"url": url, "process": proc, "adapter": adapter, "base": base, "log": tmp / "server.log"}
    proc.terminate()
    proc.wait(timeout=30)


def _config(fallback: str | None):
    @pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "act_lsp.cli"]))
    async def client(lsp_client: LanguageClient, tmp_path_factory, endpoint):
        lsp_client.db_path = tmp_path_factory.mktemp("db") / "act.db"

        @lsp_client.feature(types.WORKSPACE_APPLY_EDIT)
        def on_apply(params):
            return types.ApplyWorkspaceEditResult(applied=True)

        options = {"database": str(lsp_client.db_path), "maxTokens": 40, "trainAfter": 0, "verify": "off",
                   "model": endpoint["url"], **({"fallbackModel": fallback} if fallback else {})}
        await lsp_client.initialize_session(types.InitializeParams(
            capabilities=client_capabilities("visual_studio_code"), initialization_options=options))
        yield
        await lsp_client.shutdown_session()

    return client


client = _config(None)
client_with_fallback = _config(TINY)


async def _translate(client: LanguageClient, tmp_path: Path) -> dict | None:
    java = tmp_path / "Calc.java"
    if not java.exists():
        java.write_text("class Calc { int twice(int x) { return 2 * x; } }\n")
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=java.as_uri(), language_id="java", version=1, text=java.read_text())))
    return await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="act.translate", arguments=[{"uri": java.as_uri(), "pair": "java-go"}]))


@pytest.mark.asyncio(loop_scope="function")
async def test_editor_translates_through_the_endpoint_and_follows_a_promotion(client: LanguageClient, tmp_path,
                                                                             endpoint):
    first = await _translate(client, tmp_path)
    db = store.open_db(client.db_path)
    row = db["translations"].get(first["id"])
    assert row["model"] == "base" and row["adapter_version"] is None and row["output"].strip()
    status = await client.workspace_execute_command_async(types.ExecuteCommandParams(command="act.status"))
    assert status["model"] == "base" and status["weights"] is None  # nothing loaded in the server's process

    version = registry.register(db, pair="java-go", base_model=endpoint["base"], adapter_path=endpoint["adapter"],
                                metrics={"val_pass@1": 0.9})
    assert version == "v1"
    registry.promote(db, version, gate=None)
    second = db["translations"].get((await _translate(client, tmp_path))["id"])  # the same editor, no restart
    assert second["model"] == "act-v1" and second["adapter_version"] == "v1"
    assert second["output"] != row["output"]  # the endpoint served the adapter: a random LoRA changes the output

    registry.rollback(db)
    third = db["translations"].get((await _translate(client, tmp_path))["id"])
    assert third["model"] == "base" and third["adapter_version"] is None and third["output"] == row["output"]


@pytest.mark.asyncio(loop_scope="function")
async def test_an_unreachable_endpoint_is_a_clear_message(client: LanguageClient, tmp_path, endpoint):
    endpoint_url = endpoint["url"]
    stopped = _stop(endpoint)
    try:
        assert await _translate(client, tmp_path) is None
        texts = [m.message for m in client.messages]
        assert any("model unavailable: cannot reach the model endpoint " + endpoint_url in t for t in texts)
    finally:
        _restart(endpoint, stopped)


def _stop(endpoint: dict):
    """Stop the endpoint's process (connections are refused from now on); ``_restart`` brings it back."""
    endpoint["process"].terminate()
    endpoint["process"].wait(timeout=30)
    return endpoint["process"].args


def _restart(endpoint: dict, args) -> None:
    log = endpoint["log"].open("a")  # noqa: SIM115 - the server's lifetime
    endpoint["process"] = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(endpoint["url"] + "/models", timeout=2).read()
            return
        except OSError:
            time.sleep(0.5)


@pytest.mark.asyncio(loop_scope="function")
async def test_the_fallback_model_translates_when_the_endpoint_is_gone(client_with_fallback: LanguageClient,
                                                                       tmp_path, endpoint):
    client = client_with_fallback
    first = await _translate(client, tmp_path)
    assert store.open_db(client.db_path)["translations"].get(first["id"])["model"] == "base"
    stopped = _stop(endpoint)
    try:
        second = await _translate(client, tmp_path)  # mid-session: the request is answered by the local model
        row = store.open_db(client.db_path)["translations"].get(second["id"])
        assert row["model"] == BUNDLED_MODELS[TINY].path.name and row["output"].strip()
        texts = [m.message for m in client.messages]
        assert any("cannot reach the model endpoint" in t and f"local model {TINY}" in t for t in texts)
    finally:
        _restart(endpoint, stopped)


@pytest.mark.docker
def test_the_data_engine_samples_its_candidates_from_the_endpoint(endpoint, sandbox_pool):
    """The student's candidates for a seed, written by the endpoint (requested together) and checked in the sandbox:
    the pipeline's translation routine on a RemoteModel."""
    from act_lsp.engine import GenerationParams
    from act_lsp.pairs import PAIRS
    from act_lsp.remote import load_model
    from act_lsp.translator import Translator

    student = load_model(endpoint["url"])
    assert student.model == "base"
    served = endpoint["log"].read_text().count("POST /v1/completions")
    result = Translator(student, lambda: sandbox_pool).translate(
        PAIRS["java-go"], "class Calc { static int twice(int x) { return 2 * x; } }\n", verify="compile",
        candidates=3, params=GenerationParams(max_tokens=48))
    assert result.evidence.candidates == 3 and result.evidence.compiled is not None and result.tokens > 0
    time.sleep(0.5)  # the server's access log line follows its answer
    assert endpoint["log"].read_text().count("POST /v1/completions") - served >= 3  # the endpoint wrote them
