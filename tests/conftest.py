"""Shared fixtures. Real Docker, real SQLite, real models: nothing here is faked."""

from __future__ import annotations

from pathlib import Path

import pytest

from act_train.bench import default_bench_dir

REPO = Path(__file__).resolve().parents[1]
BENCH = default_bench_dir()


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


def last_logits(llm, tokens):
    """Next-token logits of a llama-cpp-python model after ``tokens`` (read from the context)."""
    import llama_cpp
    import numpy as np

    llm.reset()
    llm.eval(tokens)
    ptr = llama_cpp.llama_get_logits_ith(llm.ctx, -1)
    return np.ctypeslib.as_array(ptr, shape=(llm.n_vocab(),)).copy()


def translation(**fields):
    """A TranslationRecord with harmless defaults; tests set only what they look at."""
    from act_lsp import store

    defaults = {"pair": "java-go", "kind": "file", "uri": "u", "target_uri": "t", "source_text": "s",
                "output": "o", "model": "m"}
    return store.TranslationRecord(**{**defaults, **fields})
