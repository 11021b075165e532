"""Shared fixtures. Real Docker, real SQLite, real models: nothing here is faked."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ACT_SHARED", REPO.parent / "shared"))
BENCH = SHARED / "bench"


@pytest.fixture(scope="session")
def sandbox_pool():
    """One warm pool for the whole session (2 workers, like the machine's 2 cores)."""
    from act_lsp.sandbox import SandboxConfig, SandboxPool

    with SandboxPool(SandboxConfig(workers=2)) as pool:
        yield pool


@pytest.fixture
def solo_pool():
    """A one-container pool, so 'the next job' runs where the hostile one ran (or in its replacement)."""
    from act_lsp.sandbox import SandboxConfig, SandboxPool

    with SandboxPool(SandboxConfig(workers=1, memory_mb=512)) as pool:
        yield pool


def load_bench(name: str) -> list[dict]:
    path = BENCH / name
    if not path.is_file():
        pytest.fail(f"benchmark file {path} is missing (set ACT_SHARED to the shared/ folder)")
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def last_logits(llm, tokens):
    """Next-token logits of a llama-cpp-python model after ``tokens`` (read from the context)."""
    import llama_cpp
    import numpy as np

    llm.reset()
    llm.eval(tokens)
    ptr = llama_cpp.llama_get_logits_ith(llm.ctx, -1)
    return np.ctypeslib.as_array(ptr, shape=(llm.n_vocab(),)).copy()
