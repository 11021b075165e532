"""Seeds: the programs the synthetic-data pipeline starts from.

Sources: the bundled corpus (``act_train/seeds/<lang>/*``: a program, a ``---- tests ----`` marker line, then
its unit tests in the same language: Java as a ``public class Main`` whose ``main`` throws on failure, C++ as
a ``main()`` with ``assert``; its classes' field-free methods are function seeds too), and accepted or edited
translations from the feedback database (source side, no tests yet).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from act_lsp.pairs import LANGUAGES, PAIRS

SEED_DIR = Path(__file__).parent / "seeds"
TESTS_MARKER = "---- tests ----"


@dataclass(frozen=True)
class Seed:
    id: str
    language: str  # source language name (java, cpp)
    code: str
    tests: str | None
    # bundled:<file> | feedback:<translation id> | imported:<file>:<problem> | expansion:<item> of <parent's origin>
    origin: str

    @property
    def kind(self) -> str:
        """Where the seed came from (``bundled``, ``feedback``, ``imported``, ``method``, ``expansion``): what
        ``--from`` selects and the cycle orders by."""
        return self.origin.split(":", 1)[0]

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.code.encode()).hexdigest()[:16]


def parse_seed_file(path: Path, language: str) -> Seed:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    marks = [i for i, line in enumerate(lines) if TESTS_MARKER in line]
    if len(marks) != 1:
        raise ValueError(f"{path}: expected exactly one '{TESTS_MARKER}' line")
    code, tests = "".join(lines[: marks[0]]).rstrip() + "\n", "".join(lines[marks[0] + 1:]).strip() + "\n"
    return Seed(id=f"{language}/{path.stem}", language=language, code=code, tests=tests, origin=f"bundled:{path.name}")


def bundled_seeds(languages: tuple[str, ...] = ("java", "cpp")) -> list[Seed]:
    seeds = []
    for lang in languages:
        suffix = LANGUAGES[lang].suffixes[0]
        seeds += [parse_seed_file(p, lang) for p in sorted((SEED_DIR / lang).glob(f"*{suffix}"))]
    return seeds


def feedback_seeds(db, languages: tuple[str, ...] = ("java", "cpp")) -> list[Seed]:
    """Accepted/edited translations whose source code was kept (privacy 'full')."""
    rows = db.query("select id, pair, source_text from translations where outcome in ('accepted', 'edited') "
                    "and privacy = 'full' and source_text is not null order by created_at")
    out = []
    for row in rows:
        lang = row["pair"].split("-")[0]
        if lang in languages:
            out.append(Seed(id=f"feedback/{row['id'][:12]}", language=lang, code=row["source_text"], tests=None,
                            origin=f"feedback:{row['id']}"))
    return out


def imported_seeds(db, languages: tuple[str, ...] = ("java", "cpp")) -> list[Seed]:
    """Units taken from a user's repository by `act-train seeds import` (no tests: the pipeline writes io tests)."""
    return [Seed(id=f"imported/{row['id'][:12]}", language=row["language"], code=row["code"], tests=None,
                 origin=f"imported:{row['origin']}")
            for row in db.query("select * from imported_seeds order by created_at, id") if row["language"] in languages]


def expansion_seed(parent: str, operator: str, item_id: str, language: str, code: str, parent_origin: str = "",
                   ) -> Seed:
    """The parent's origin travels along: an MBXP problem's attribution must reach every pair derived from it."""
    return Seed(id=f"{parent}~{operator}-{item_id[:6]}", language=language, code=code, tests=None,
                origin=f"expansion:{item_id}" + (f" of {parent_origin}" if parent_origin else ""))


def expanded_seeds(db, languages: tuple[str, ...] = ("java", "cpp")) -> list[Seed]:
    """Programs an LLM expansion produced that compiled (`act-train expand`, or a cycle's data stage)."""
    out = {}
    for row in db.query("select id, pair, code, meta from synth_items where stage = 'expansion' and ok = 1 "
                        "order by created_at, id"):
        meta = json.loads(row["meta"] or "{}")
        # The row's pair names the language (a parent's id does not: imported/..., feedback/...).
        pair = PAIRS.get(row["pair"])
        language = pair.source.name if pair else None
        if language in languages:
            seed = expansion_seed(meta["seed"], meta["operator"], row["id"], language, row["code"],
                                  meta.get("origin", ""))
            out.setdefault(seed.digest, seed)  # the same program from two runs counts once
    return list(out.values())


def interleave(seeds: list[Seed]) -> list[Seed]:
    """Alternate source languages (and origins within one), so a budget cut leaves data for every pair."""
    groups: dict[str, list[Seed]] = {}
    for s in seeds:
        groups.setdefault(s.language, []).append(s)
    out: list[Seed] = []
    for i in range(max((len(g) for g in groups.values()), default=0)):
        out += [g[i] for g in groups.values() if i < len(g)]
    return out


def method_seeds(seeds: list[Seed]) -> list[Seed]:
    """Methods of class seeds that read no field become function seeds (the cheap end of the curriculum: no LLM
    call, and function-level like most of what a user selects)."""
    from act_train.importer import standalone_methods

    return [Seed(id=f"{s.id}#{name}", language=s.language, code=code, tests=None, origin=f"method:{s.id}")
            for s in seeds for name, code in standalone_methods(s.language, s.code)]


def all_seeds(db) -> list[Seed]:
    """Every source the pipeline starts from: bundled, their field-free methods, feedback, imported, expansions."""
    bundled = bundled_seeds()
    return bundled + method_seeds(bundled) + feedback_seeds(db) + imported_seeds(db) + expanded_seeds(db)
