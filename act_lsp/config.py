"""Server settings: one fully defaulted dataclass, read from camelCase ``initializationOptions``.

Unknown keys and wrong types are errors; the server then reports them once and runs on defaults, so a bad
setting never takes it down.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Literal, get_args

from act_lsp.examples import MIN_SIMILARITY
from act_lsp.pairs import DEFAULT_TARGETS, PAIRS

# equivalence: compile, and reproduce the source's own outcomes on generated calls (the io driver); compile: only
# compile; tests: compile and run the given target tests (the evaluation's); off: return the first sample.
VerifyMode = Literal["off", "compile", "tests", "equivalence"]


@dataclass(kw_only=True)
class ServerSettings:
    targets: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_TARGETS))  # source → target language
    # equivalence by default: a translation that compiles but behaves differently must not reach the user
    # unflagged. Without Docker it falls back to off, and for code the io driver cannot call to compile; the
    # evidence says which.
    verify: VerifyMode = "equivalence"
    candidates: int = 3  # sampled when verify is on
    # A source with several members (a class, a file of functions): the greedy candidate is written member by
    # member, each with its derived signature, instead of in one shot. Off until it measures better (README).
    decompose: bool = False
    log_code: bool = True  # off: the database keeps only hashes of code
    output_dir: str | None = None  # None: translations go next to their source file
    # A bundled name or GGUF path (in process), or an OpenAI-compatible endpoint a team shares
    # (http://host:8080/v1: llama.cpp's server, vLLM); None: $ACT_MODEL or the default model.
    model: str | None = None
    endpoint_model: str | None = None  # the base model's name at that endpoint; None: the first it lists
    fallback_model: str | None = None  # served in process when the endpoint cannot be reached; None: an error
    database: str | None = None  # a SQLite path or a postgresql:// URL (a team's database); None: $ACT_HOME/act.db
    max_tokens: int = 1024
    time_limit: float = 180.0  # seconds per generation
    max_source_bytes: int = 64_000
    train_after: int = 20  # accepted/edited translations that queue a training job; 0 disables
    examples: int = 2  # validated translations of similar code retrieved into the prompt; 0 disables
    examples_min_similarity: float = MIN_SIMILARITY  # shared terms over all terms (0..1) an example needs
    # Also retrieve the data engine's admitted pairs, not only the users' accepted/edited translations. Off: two
    # MBXP pairs per prompt measured no better than none on the Java->Go bench (see the README).
    synthetic_examples: bool = False

    def __post_init__(self) -> None:
        for src, dst in self.targets.items():
            if f"{src}-{dst}" not in PAIRS:
                raise ValueError(f"`targets`: no language pair {src}→{dst}; known: {', '.join(PAIRS)}")
        if self.verify not in get_args(VerifyMode):
            raise ValueError("`verify` must be off, compile, tests or equivalence")
        if self.candidates < 1 or self.max_tokens < 16 or self.time_limit <= 0:
            raise ValueError("`candidates`, `maxTokens` and `timeLimit` must be positive")
        if self.examples < 0:
            raise ValueError("`examples` must be 0 (off) or more")
        if not 0.0 <= self.examples_min_similarity <= 1.0:
            raise ValueError("`examplesMinSimilarity` must be between 0 and 1")


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def parse_settings(options: dict | None) -> ServerSettings:
    """Strict: unknown keys or wrong types raise ``ValueError`` naming the key."""
    if not options:
        return ServerSettings()
    if not isinstance(options, dict):
        raise ValueError("initializationOptions must be an object")
    fields = {f.name: f for f in dataclasses.fields(ServerSettings)}
    kwargs = {}
    for key, value in options.items():
        name = _snake(key)
        if name not in fields:
            raise ValueError(f"unknown setting `{key}`; known: {', '.join(sorted(fields))}")
        default = getattr(ServerSettings(), name)
        expected = type(default) if default is not None else (str, type(None))
        if isinstance(default, float):
            expected = (int, float)
        if value is not None and not isinstance(value, expected) or isinstance(value, bool) and expected is int:
            raise ValueError(f"setting `{key}` has the wrong type ({type(value).__name__})")
        kwargs[name] = value
    return ServerSettings(**kwargs)
