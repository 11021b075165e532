"""Exact and near-duplicate removal, and decontamination against evaluation files.

Near duplicates: MinHash over token 5-shingles (datasketch-free, a few lines of numpy-free Python) with a
Jaccard threshold. Decontamination: any program sharing a long token n-gram with an evaluation program, or
whose MinHash similarity to one is high, is dropped — the HumanEval-X sources and targets in shared/bench and
any file the user names. The n-gram is 25 tokens: shorter ones match common loop idioms. Import, package and
`use` declarations are left out: a problem set's programs share them (MBJP's four-line import header alone is
28 tokens), so they say nothing about whether two programs are the same.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from act_train.jsonl import read_records

_TOKEN = re.compile(r"[A-Za-z_]\w*|\d+|\S")
_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/|#[^\n]*", re.S)  # '#' also takes C++ preprocessor lines
_DECLARATION = re.compile(r"^[ \t]*(?:import|package|using|use)\b(?:[ \t]*\([^)]*\)|[^\n]*)", re.M)
_MERSENNE = (1 << 61) - 1


def tokens(code: str) -> list[str]:
    """Code tokens without comments and declarations; identifiers keep their spelling, whitespace is irrelevant."""
    return _TOKEN.findall(_DECLARATION.sub(" ", _COMMENT.sub(" ", code)))


def normalized(code: str) -> str:
    return " ".join(tokens(code))


def shingles(toks: Sequence[str], n: int = 5) -> set[str]:
    if len(toks) < n:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i: i + n]) for i in range(len(toks) - n + 1)}


@dataclass(frozen=True)
class MinHasher:
    num_perm: int = 64
    seed: int = 1

    def _params(self) -> list[tuple[int, int]]:
        rng = hashlib.sha256(str(self.seed).encode()).digest()
        out, state = [], int.from_bytes(rng, "big")
        for _ in range(self.num_perm):
            state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
            a = state % (_MERSENNE - 1) + 1
            state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
            out.append((a, state % _MERSENNE))
        return out

    def signature(self, items: Iterable[str]) -> tuple[int, ...]:
        params = self._params()
        hashes = [int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") for s in items]
        if not hashes:
            return tuple([_MERSENNE] * self.num_perm)
        return tuple(min((a * h + b) % _MERSENNE for h in hashes) for a, b in params)


def similarity(sig_a: Sequence[int], sig_b: Sequence[int]) -> float:
    return sum(x == y for x, y in zip(sig_a, sig_b, strict=True)) / len(sig_a)


@dataclass
class Verdict:
    keep: bool
    reason: str = ""  # exact_duplicate | near_duplicate | contaminated:<where>


class Deduplicator:
    """Feed programs one by one; each gets a verdict against everything kept before and the eval set."""

    def __init__(self, *, near: float = 0.8, contamination: float = 0.6, ngram: int = 25,
                 hasher: MinHasher = MinHasher()) -> None:
        self.near, self.contamination, self.ngram, self.hasher = near, contamination, ngram, hasher
        self._exact: set[str] = set()
        self._kept: list[tuple[int, ...]] = []
        self._eval: list[tuple[str, tuple[int, ...]]] = []
        self._eval_ngrams: dict[str, str] = {}

    def add_evaluation(self, name: str, code: str) -> None:
        toks = tokens(code)
        self._eval.append((name, self.hasher.signature(shingles(toks))))
        for gram in shingles(toks, self.ngram):
            self._eval_ngrams.setdefault(gram, name)

    def check(self, code: str) -> Verdict:
        toks = tokens(code)
        key = hashlib.sha256(" ".join(toks).encode()).hexdigest()
        if key in self._exact:
            return Verdict(False, "exact_duplicate")
        if len(toks) >= self.ngram:
            for gram in shingles(toks, self.ngram):
                if gram in self._eval_ngrams:
                    return Verdict(False, f"contaminated:{self._eval_ngrams[gram]}")
        sig = self.hasher.signature(shingles(toks))
        for name, eval_sig in self._eval:
            if similarity(sig, eval_sig) >= self.contamination:
                return Verdict(False, f"contaminated:{name}")
        if any(similarity(sig, kept) >= self.near for kept in self._kept):
            return Verdict(False, "near_duplicate")
        self._exact.add(key)
        self._kept.append(sig)
        return Verdict(True)


def overlap_check(codes: Iterable[str]) -> Callable[..., bool]:
    """Whether any of the programs it is given shares a long n-gram or most shingles with any of ``codes``: the
    test that keeps evaluation programs out of the seeds keeps a retrieved example (its source and target) from
    giving away what it is shown for."""
    guard = Deduplicator()
    for i, code in enumerate(codes):
        guard.add_evaluation(str(i), code)
    return lambda *programs: any(guard.check(code).reason.startswith("contaminated") for code in programs)


BENCH_CODE_FIELDS = ("source_code", "target_canonical_solution", "source_tests", "target_tests")


def load_evaluation_set(dedup: Deduplicator, paths: Iterable[str | Path]) -> int:
    """Register every program of benchmark JSONL files (or plain source files) as off-limits for training."""
    count = 0
    for path in map(Path, paths):
        if path.suffix == ".jsonl":
            for row in read_records(path, dict, "a JSON object"):
                for fld in BENCH_CODE_FIELDS:
                    if row.get(fld):
                        dedup.add_evaluation(f"{path.name}:{row.get('task_id')}", row[fld])
                        count += 1
        else:
            dedup.add_evaluation(path.name, path.read_text(encoding="utf-8", errors="replace"))
            count += 1
    return count
