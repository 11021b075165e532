"""Bundled adapters: installed once through the gate, never over a served version or a rollback; the shipped file."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from act_lsp import store
from act_lsp.model_store import BUNDLED_MODELS, is_installed, sha256_file
from act_train import bundled, registry
from act_train.bundled import bundled_adapters, install_adapters


def _adapters(tmp_path, monkeypatch, **overrides) -> tuple:
    """A bundled-adapters folder with one small file, and a stand-in base model that counts as installed."""
    folder = tmp_path / "adapters"
    folder.mkdir(parents=True)
    (folder / "java-go.gguf").write_bytes(b"GGUF adapter")
    base = tmp_path / "base.gguf"
    base.write_bytes(b"GGUF base")
    entry = {"pair": "java-go", "file": "java-go.gguf", "sha256": sha256_file(folder / "java-go.gguf"),
             "base_model": "base", "description": "test adapter",
             "metrics": {"val_pass@1": 0.66, "bench:java-go": 0.48}, "baseline": {"val_pass@1": 0.6,
                                                                                  "bench:java-go": 0.46}}
    (folder / "adapters.json").write_text(json.dumps([{**entry, **overrides}]))
    monkeypatch.setattr(bundled, "BUNDLED_MODELS", {"base": SimpleNamespace(name="base", path=base)})
    monkeypatch.setattr(bundled, "is_installed", lambda _model: True)
    monkeypatch.setenv("ACT_HOME", str(tmp_path / "home"))
    return folder, store.open_db(tmp_path / "act.db")


def test_a_bundled_adapter_is_promoted_once_and_a_rollback_stands(tmp_path, monkeypatch):
    folder, db = _adapters(tmp_path, monkeypatch)
    logged: list[str] = []
    (version,) = install_adapters(db, directory=folder, log=logged.append)
    served = store.promoted_version(db, "java-go")
    assert served["id"] == version and store.promoted_version(db, "cpp-rust") is None
    assert served["adapter_path"].startswith(str(tmp_path / "home" / "adapters"))  # a copy, not the checkout's file
    assert "bundled: test adapter" in served["data_version"] and "promoted" in logged[-1]
    assert install_adapters(db, directory=folder) == [] and len(registry.versions(db)) == 1  # idempotent
    registry.rollback(db, "java-go")
    assert install_adapters(db, directory=folder) == [] and store.promoted_version(db, "java-go") is None



def test_a_newer_bundled_adapter_replaces_the_older_one_unless_it_was_rolled_back(tmp_path, monkeypatch):
    folder, db = _adapters(tmp_path, monkeypatch)
    (old,) = install_adapters(db, directory=folder)
    (folder / "java-go.gguf").write_bytes(b"GGUF adapter, retrained")  # the next release's file
    index = json.loads((folder / "adapters.json").read_text())
    index[0]["sha256"] = sha256_file(folder / "java-go.gguf")
    (folder / "adapters.json").write_text(json.dumps(index))
    (new,) = install_adapters(db, directory=folder)
    assert new != old and store.promoted_version(db, "java-go")["id"] == new

    folder2, db2 = _adapters(tmp_path / "b", monkeypatch)
    install_adapters(db2, directory=folder2)
    registry.rollback(db2, "java-go")
    (folder2 / "java-go.gguf").write_bytes(b"GGUF adapter, retrained")
    index[0]["sha256"] = sha256_file(folder2 / "java-go.gguf")
    (folder2 / "adapters.json").write_text(json.dumps(index))
    logged: list[str] = []
    assert install_adapters(db2, directory=folder2, log=logged.append) == [] and "rolled back" in logged[-1]
    assert store.promoted_version(db2, "java-go") is None

    # One the gate refused was never served: a newer file is still installed.
    folder3, db3 = _adapters(tmp_path / "c", monkeypatch, metrics={"val_pass@1": 0.6, "bench:java-go": 0.48})
    assert install_adapters(db3, directory=folder3) == []
    (folder3 / "java-go.gguf").write_bytes(b"GGUF adapter, retrained")
    (folder3 / "adapters.json").write_text(json.dumps([{**index[0], "sha256": sha256_file(folder3 / "java-go.gguf")}]))
    (third,) = install_adapters(db3, directory=folder3)
    assert store.promoted_version(db3, "java-go")["id"] == third

def test_a_bundled_adapter_never_replaces_a_served_version_nor_skips_the_gate_or_its_checksum(tmp_path, monkeypatch):
    folder, db = _adapters(tmp_path, monkeypatch, metrics={"val_pass@1": 0.6, "bench:java-go": 0.48})
    logged: list[str] = []
    assert install_adapters(db, directory=folder, log=logged.append) == []  # 0.60 does not beat 0.60 + margin
    assert "not promoted" in logged[-1] and registry.versions(db)[0]["status"] == "candidate"

    folder2, db2 = _adapters(tmp_path / "b", monkeypatch, sha256="0" * 64)
    assert install_adapters(db2, directory=folder2, log=logged.append) == [] and "not the file" in logged[-1]

    folder3, db3 = _adapters(tmp_path / "c", monkeypatch)
    trained = tmp_path / "c" / "mine.gguf"
    trained.write_bytes(b"a cycle's adapter")
    mine = registry.register(db3, pair="java-go", base_model=tmp_path / "c" / "base.gguf", adapter_path=trained,
                             metrics={"val_pass@1": 0.5})
    registry.promote(db3, mine, gate=None)
    assert install_adapters(db3, directory=folder3, log=logged.append) == [] and "already served" in logged[-1]
    assert store.promoted_version(db3, "java-go")["id"] == mine


def test_the_shipped_adapters_are_the_measured_files_and_pass_their_own_gate():
    adapters = bundled_adapters()
    assert {a.pair for a in adapters} >= {"java-go", "cpp-rust"}
    for adapter in adapters:
        assert sha256_file(adapter.file) == adapter.sha256 and adapter.base_model in BUNDLED_MODELS
        registry.check_gate(adapter.metrics, adapter.baseline, registry.Gate())  # raises if it would be refused


SOURCES = {"java-go": "class A {\n  static int twice(int x) { return 2 * x; }\n}\n",
           "cpp-rust": "int twice(int x) {\n    return 2 * x;\n}\n"}


@pytest.mark.model
@pytest.mark.parametrize("pair", ["java-go", "cpp-rust"])
def test_each_shipped_adapter_loads_in_llama_cpp_and_changes_the_model(pair):
    from llama_cpp import Llama

    from act_lsp.pairs import get_pair
    from act_lsp.prompts import build_prompt
    from tests.conftest import last_logits

    (adapter,) = [a for a in bundled_adapters() if a.pair == pair]
    base = BUNDLED_MODELS[adapter.base_model]
    assert is_installed(base)
    text = build_prompt(get_pair(pair), SOURCES[pair]).text
    plain = Llama(model_path=str(base.path), n_ctx=512, verbose=False)
    tuned = Llama(model_path=str(base.path), lora_path=str(adapter.file), n_ctx=512, verbose=False)
    tokens = plain.tokenize(text.encode(), special=True)
    assert abs(last_logits(plain, tokens) - last_logits(tuned, tokens)).max() > 0.1
