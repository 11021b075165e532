"""Registry: promotion gate, refusal, rollback; and the running server switching adapters without restart."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import numpy as np
import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from act_lsp import store
from act_lsp.model_store import BUNDLED_MODELS, DEFAULT_MODEL
from act_train import registry
from act_train.registry import Gate, PromotionRefused
from tests.conftest import last_logits


def random_adapter(base: Path, out: Path, *, rank: int = 4, scale: float = 0.05, seed: int = 0) -> Path:
    """A LoRA with random A and B for the q/v projections of every block of ``base``."""
    import gguf

    from act_train.export_gguf import write_lora_gguf

    rng = np.random.default_rng(seed)
    reader = gguf.GGUFReader(str(base))
    shapes = {t.name: [int(x) for x in t.shape] for t in reader.tensors}  # ggml order: [in, out]
    state = {}
    n_layers = sum(1 for name in shapes if name.endswith(".attn_q.weight"))
    for layer in range(n_layers):
        for hf, gg in (("self_attn.q_proj", "attn_q"), ("self_attn.v_proj", "attn_v")):
            n_in, n_out = shapes[f"blk.{layer}.{gg}.weight"]
            key = f"base_model.model.model.layers.{layer}.{hf}"
            state[f"{key}.lora_A.weight"] = rng.normal(0, scale, (rank, n_in)).astype(np.float32)
            state[f"{key}.lora_B.weight"] = rng.normal(0, scale, (n_out, rank)).astype(np.float32)
    return write_lora_gguf(state, alpha=rank, base_gguf=base, out=out)


@pytest.fixture
def db(tmp_path):
    return store.open_db(tmp_path / "act.db")


@pytest.fixture
def adapters(tmp_path):
    base = tmp_path / "base.gguf"
    base.write_bytes(b"GGUF fake base for hashing")
    files = []
    for i in range(3):
        f = tmp_path / f"a{i}.gguf"
        f.write_bytes(f"GGUF adapter {i}".encode())
        files.append(f)
    return base, files


def test_gate_promote_refuse_and_rollback(db, adapters):
    base, (a1, a2, a3) = adapters
    v1 = registry.register(db, pair="java-go", base_model=base, adapter_path=a1,
                           metrics={"val_pass@1": 0.40, "bench:java-go": 0.33, "bench:cpp-rust": 0.20})
    assert v1 == "v1" and registry.versions(db)[0]["status"] == "candidate"
    with pytest.raises(PromotionRefused, match="does not beat"):
        registry.promote(db, v1, baseline={"val_pass@1": 0.395})
    registry.promote(db, v1, baseline={"val_pass@1": 0.30})
    assert store.promoted_version(db)["id"] == "v1"

    v2 = registry.register(db, pair="java-go", base_model=base, adapter_path=a2,
                           metrics={"val_pass@1": 0.50, "bench:java-go": 0.40, "bench:cpp-rust": 0.10})
    with pytest.raises(PromotionRefused, match="bench:cpp-rust regressed"):
        registry.promote(db, v2)
    v3 = registry.register(db, pair="java-go", base_model=base, adapter_path=a3,
                           metrics={"val_pass@1": 0.52, "bench:java-go": 0.41, "bench:cpp-rust": 0.19})
    registry.promote(db, v3)
    assert {r["id"]: r["status"] for r in registry.versions(db)} == {"v1": "retired", "v2": "candidate",
                                                                     "v3": "promoted"}
    assert registry.rollback(db) == "v1"
    assert store.promoted_version(db)["id"] == "v1"
    assert registry.rollback(db) is None  # back to the base model
    assert store.promoted_version(db) is None
    with pytest.raises(ValueError, match="nothing is promoted"):
        registry.rollback(db)


def test_each_pair_serves_its_own_version(db, adapters):
    """One adapter per direction: promoting C++->Rust's leaves Java->Go's served; rollback is per pair."""
    base, (a1, a2, a3) = adapters
    java = registry.register(db, pair="java-go", base_model=base, adapter_path=a1, metrics={"val_pass@1": 0.05})
    cpp = registry.register(db, pair="cpp-rust", base_model=base, adapter_path=a2, metrics={"val_pass@1": 0.5})
    both = registry.register(db, pair="all", base_model=base, adapter_path=a3, metrics={})
    registry.promote(db, both, gate=None)
    registry.promote(db, java, gate=None)
    assert store.promoted_version(db, "java-go")["id"] == java  # its own before the one for every pair
    assert store.promoted_version(db, "cpp-rust")["id"] == both
    registry.promote(db, cpp, gate=None)
    assert {r["id"]: r["status"] for r in registry.versions(db)} == {java: "promoted", cpp: "promoted",
                                                                     both: "promoted"}
    assert store.promoted_version(db, "cpp-rust")["id"] == cpp
    assert registry.rollback(db, "java-go") is None  # nothing of its own before it: Java->Go falls back
    assert store.promoted_version(db, "java-go")["id"] == both
    assert store.promoted_version(db, "cpp-rust")["id"] == cpp
    with pytest.raises(PromotionRefused, match="does not beat 0.500"):  # gated against what serves its pair
        registry.promote(db, registry.register(db, pair="cpp-rust", base_model=base, adapter_path=a1,
                                               metrics={"val_pass@1": 0.1}), gate=Gate())
    registry.promote(db, both, gate=None)  # already promoted: a version for every pair replaces them all
    assert [r["id"] for r in registry.versions(db) if r["status"] == "promoted"] == [both]


def test_a_server_applies_a_version_only_to_the_model_it_was_trained_on(db, adapters, tmp_path):
    """A 0.5B adapter promoted for Java->Go must not be applied to a 1.5B the user chose to serve."""
    from types import SimpleNamespace

    from act_lsp.pairs import get_pair
    from act_lsp.server import ActLanguageServer

    base, (a1, _a2, _a3) = adapters
    version = registry.register(db, pair="java-go", base_model=base, adapter_path=a1, metrics={})
    registry.promote(db, version, gate=None)
    other = tmp_path / "bigger.gguf"
    other.write_bytes(b"GGUF another model")
    applied: list = []
    server = ActLanguageServer()
    server._db = db
    for model in (other, base):
        server._host = SimpleNamespace(model_path=model, weights_path=model, adapter_path=None,
                                       load_weights=lambda w: 0.0, set_adapter=lambda a: applied.append(a) or 0.0)
        served = server.follow_promotion(get_pair("java-go"))
        assert (served is None) == (model == other)
        status = server.status()  # what the editors' status lines show
        assert status["adapters"] == ({} if model == other else {"java-go": version})
        assert status["adapterVersion"] == (None if model == other else version)
    assert applied == [str(a1.resolve())]  # only on the model it was trained on


def test_a_changed_adapter_file_is_not_promoted(db, adapters):
    base, (a1, _, _) = adapters
    v1 = registry.register(db, pair="java-go", base_model=base, adapter_path=a1, metrics={"val_pass@1": 0.5})
    a1.write_bytes(b"GGUF tampered")
    with pytest.raises(PromotionRefused, match="changed"):
        registry.promote(db, v1, gate=None)


@pytest.mark.model
def test_adapter_swap_matches_a_fresh_load(tmp_path):
    """In-place swap (llama.cpp adapter API + cache reset) gives the same logits as loading with the adapter."""
    from llama_cpp import Llama

    from act_lsp.engine import ModelHost

    base = BUNDLED_MODELS[DEFAULT_MODEL].path
    adapter = random_adapter(base, tmp_path / "r.gguf")
    host = ModelHost()
    prompt = "def add(a, b):\n    return"
    toks = host._llm.tokenize(prompt.encode())

    plain = last_logits(host._llm, toks)
    host.set_adapter(adapter)
    swapped = last_logits(host._llm, toks)
    fresh = Llama(model_path=str(base), lora_path=str(adapter), n_ctx=4096, verbose=False)
    loaded = last_logits(fresh, toks)
    assert np.abs(swapped - plain).max() > 0.5
    assert np.allclose(swapped, loaded, atol=1e-3)
    host.set_adapter(None)
    assert np.allclose(last_logits(host._llm, toks), plain, atol=1e-3)


@pytest.mark.model
def test_a_merged_model_carries_the_adapter(tmp_path):
    """Promotion serves the adapter merged into the model: its logits are the adapter's, not the model's."""
    from act_lsp.engine import ModelHost
    from act_train.export_gguf import merge_lora_gguf

    base = BUNDLED_MODELS[DEFAULT_MODEL].path
    adapter = random_adapter(base, tmp_path / "r.gguf")
    merged = merge_lora_gguf(base, adapter, tmp_path / "r.merged.gguf")
    host = ModelHost()
    toks = host._llm.tokenize(b"public static int add(int a, int b) {\n    return")
    plain = last_logits(host._llm, toks)
    host.set_adapter(adapter)
    adapted = last_logits(host._llm, toks)
    host.load_weights(merged)
    assert host.adapter_path is None and host.weights_path == merged
    folded = last_logits(host._llm, toks)
    assert np.linalg.norm(folded - adapted) < 0.25 * np.linalg.norm(plain - adapted)
    host.load_weights(None)
    assert np.allclose(last_logits(host._llm, toks), plain, atol=1e-3)
    with pytest.raises(ValueError, match="not a LoRA adapter"):
        merge_lora_gguf(base, merged, tmp_path / "x.gguf")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "act_lsp.cli"]))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    lsp_client.db_path = tmp_path_factory.mktemp("db") / "act.db"

    @lsp_client.feature(types.WORKSPACE_APPLY_EDIT)
    def on_apply(params):
        return types.ApplyWorkspaceEditResult(applied=True)

    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual_studio_code"),
        initialization_options={"database": str(lsp_client.db_path), "maxTokens": 60, "trainAfter": 0,
                                "verify": "off"}))
    yield
    await lsp_client.shutdown_session()


@pytest.mark.model
@pytest.mark.asyncio(loop_scope="function")
async def test_running_server_switches_to_the_promoted_adapter(client: LanguageClient, tmp_path):
    java = tmp_path / "Calc.java"
    java.write_text("class Calc { int twice(int x) { return 2 * x; } }\n")
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=java.as_uri(), language_id="java", version=1, text=java.read_text())))

    async def translate():
        return await client.workspace_execute_command_async(types.ExecuteCommandParams(
            command="act.translate", arguments=[{"uri": java.as_uri(), "pair": "java-go"}]))

    first = await translate()
    db = store.open_db(client.db_path)
    assert db["translations"].get(first["id"])["adapter_version"] is None

    base = BUNDLED_MODELS[DEFAULT_MODEL].path
    adapter = random_adapter(base, tmp_path / "promoted.gguf", scale=0.08)
    version = registry.register(db, pair="java-go", base_model=base, adapter_path=adapter,
                                metrics={"val_pass@1": 0.9})
    registry.promote(db, version, gate=Gate(), baseline={"val_pass@1": 0.1})

    second = await translate()  # same server process, no restart
    row = db["translations"].get(second["id"])
    assert row["adapter_version"] == version
    status = await client.workspace_execute_command_async(types.ExecuteCommandParams(command="act.status"))
    assert status["adapterVersion"] == version
    assert status["weights"] == "promoted.merged.gguf"  # promotion merged it; the server loaded the merged copy
    assert row["output"] != db["translations"].get(first["id"])["output"]  # a random adapter changes the output

    registry.rollback(db)
    third = await translate()
    assert db["translations"].get(third["id"])["adapter_version"] is None
    # the model itself serves again: greedy, the same output as before the promotion
    assert db["translations"].get(third["id"])["output"] == db["translations"].get(first["id"])["output"]
    await asyncio.sleep(0)
