"""Retrieved examples: validated translations of similar code, shown to the model before the request.

The fast half of learning: a pair admitted by the pipeline (validated in the sandbox) or a translation a user
accepted or edited helps the next translation at once, without training. Sources are matched by BM25 over
their identifiers split into words (``maxValue`` → max, value) and the APIs they call, which is what similar
code shares. rank-bm25 does the scoring: numpy only (already here through llama-cpp-python), and a few
thousand examples score in milliseconds; sparse-matrix engines pay off at millions.

Only verified text is ever an example: admitted pairs and accepted/edited translations, never rejected ones.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

# The least similarity (``similarity``) an example needs to be shown; the default of the server and of `act-train
# eval`. Chosen on the held-out MBXP problems, not on the benchmark (README).
MIN_SIMILARITY = 0.0
CHARS_PER_TOKEN = 3.2  # code through Qwen's tokenizer, measured on the bench sources (for budgeting only)

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


@dataclass(frozen=True)
class Example:
    pair: str
    source: str
    target: str
    origin: str  # user (accepted/edited in an editor) | synthetic (admitted by the data engine)
    project: str = ""

    @property
    def id(self) -> str:
        """Content hash: the same pair of texts is the same example wherever it came from."""
        digest = hashlib.sha256(f"{self.pair}\0{self.source}\0{self.target}".encode())
        return digest.hexdigest()[:16]

    @property
    def tokens(self) -> int:
        return round((len(self.source) + len(self.target)) / CHARS_PER_TOKEN)


def terms(code: str) -> list[str]:
    """Identifiers and their lower-cased words: ``maxSubArray`` gives maxsubarray, max, sub, array."""
    out = []
    for ident in _IDENT.findall(code):
        low = ident.lower()
        out.append(low)
        words = [w.lower() for w in _WORD.findall(ident)]
        if len(words) > 1:
            out.extend(words)
    return out


def similarity(a: str, b: str) -> float:
    """Jaccard overlap of the two sources' terms: what the relevance threshold compares (BM25 scores rank, but
    are not comparable between queries)."""
    return _jaccard(set(terms(a)), set(terms(b)))


def _jaccard(x: set[str], y: set[str]) -> float:
    return len(x & y) / len(x | y) if x | y else 0.0


class ExampleIndex:
    """BM25 over the sources of each pair's examples."""

    def __init__(self, examples: Iterable[Example]) -> None:
        from rank_bm25 import BM25Plus

        unique = {ex.id: ex for ex in examples}
        self.by_pair: dict[str, list[Example]] = {}
        for ex in unique.values():
            self.by_pair.setdefault(ex.pair, []).append(ex)
        # BM25+ rather than Okapi: its idf stays positive in a small store (a team's first dozen examples),
        # where Okapi scores terms shared by half the documents as zero or less.
        self._bm25 = {pair: BM25Plus([terms(ex.source) or ["_"] for ex in exs]) for pair, exs in self.by_pair.items()}
        self._words = {pair: [set(terms(ex.source)) for ex in exs] for pair, exs in self.by_pair.items()}

    def __len__(self) -> int:
        return sum(map(len, self.by_pair.values()))

    def search(self, pair: str, source: str, k: int, *, max_tokens: int = 1500, project: str = "",
               min_similarity: float = 0.0, exclude: Callable[[Example], bool] | None = None,
               ) -> tuple[list[Example], int]:
        """The ``k`` best examples within ``max_tokens``, same-project first, least similar first (the best sits
        next to the request), each shown only if at least ``min_similarity`` similar (a dissimilar example costs
        more than it helps; README): a weak best one is dropped, not replaced by one BM25 ranks lower. Returns them
        and how many of the best ones ``exclude`` removed."""
        exs = self.by_pair.get(pair)
        query = terms(source)
        if not exs or k <= 0 or not query:
            return [], 0
        scores = self._bm25[pair].get_scores(query)
        ranked = sorted(range(len(exs)), key=lambda i: (exs[i].project == project and bool(project), scores[i]),
                        reverse=True)
        chosen, excluded, slots, budget = [], 0, 0, max_tokens
        words = set(query)
        for i in ranked:
            ex, shared = exs[i], self._words[pair][i]
            if slots == k:
                break
            if ex.source.strip() == source.strip() or not words & shared:
                continue
            if exclude is not None and exclude(ex):
                excluded += 1
                continue
            if ex.tokens > budget:
                continue
            slots += 1
            if _jaccard(words, shared) >= min_similarity:
                chosen.append(ex)
                budget -= ex.tokens
        return chosen[::-1], excluded


def examples_from_records(records: Sequence[dict], origin: str = "synthetic") -> list[Example]:
    """Rows with ``pair``, ``source`` and ``target`` (the exported pairs' format)."""
    return [Example(pair=r["pair"], source=r["source"], target=r["target"], origin=origin,
                    project=r.get("project", "")) for r in records]
