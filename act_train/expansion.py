"""Expansion: a model evolves a seed program (depth operators) or writes a sibling (breadth); the new program must
be code that compiles, and then enters the data engine as a seed without tests."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from act_lsp.languages import LANGUAGES, Reading
from act_lsp.sandbox import Job
from act_lsp.sanitize import extract_code
from act_lsp.scaffold import body_end
from act_train.provenance import item_key
from act_train.seeds import Seed, expansion_seed
from act_train.synth_prompts import OPERATORS, expansion_prompt

if TYPE_CHECKING:
    from act_train.pipeline import Pipeline


@dataclass(frozen=True, kw_only=True)
class ExpandConfig:
    per_seed: int = 2  # new programs per seed and round
    operators: tuple[str, ...] = OPERATORS
    focus: tuple[str, ...] = ()  # targeted-data requests (from the controller), used in turn
    by: str = "teacher"  # or "student": the model being trained writes the programs (about 2.5x faster on CPU)
    temperature: float = 0.8
    max_tokens: int = 900

    def __post_init__(self) -> None:
        if not self.operators or set(self.operators) - set(OPERATORS):
            raise ValueError(f"expansion operators must be among {', '.join(OPERATORS)}")
        if self.by not in ("teacher", "student"):
            raise ValueError("who expands (`by`) is 'teacher' or 'student'")
        if self.per_seed < 0:
            raise ValueError("`per_seed` must be 0 (no expansion) or more")


def _reading(language: str) -> Reading:
    reading = LANGUAGES[language].reading
    assert reading is not None  # seeds are in source languages
    return reading


def _without_main(language: str, code: str) -> str:
    """Models often add a demo ``main``; the pipeline writes its own drivers, so the demo goes (not the answer)."""
    m = _reading(language).has_main.search(code)
    brace = code.find("{", m.end()) if m else -1
    if brace < 0:
        return code
    mods = re.search(r"(?:(?:public|private|protected|final|synchronized)\s+)*$", code[: m.start()])
    start = mods.start() if mods else m.start()
    line_start = code.rfind("\n", 0, start) + 1
    if not code[line_start:start].strip():
        start = line_start  # the whole lines go
    end = body_end(code, brace)
    if end >= len(code):
        return code
    rest = code[end + 1:]
    return code[:start] + (rest.lstrip(" \t").removeprefix("\n") if start == line_start else rest)


def clean_program(language: str, text: str) -> tuple[str, str]:
    """(code, reject reason) from an expansion answer."""
    code = extract_code(text)
    if "{" not in code:
        return "", "no_code"
    code = _without_main(language, code)
    if _reading(language).has_main.search(code):
        return code, "has_main"
    return _reading(language).standalone(code), ""  # e.g. Java: one Main.java, no other public top-level type


def expand(pipe: Pipeline, seeds: Sequence[Seed], config: ExpandConfig, *, deadline: float | None = None,
           ) -> list[Seed]:
    """New programs from ``seeds`` by the teacher (or the student: ``config.by``); the ones that compile, each
    recorded (a rerun finds them instead of generating again)."""
    out: list[Seed] = []
    for seed in seeds:
        pair = pipe.config.pair_for(seed.language)
        if pair is None or pair.source.reading is None:
            continue
        if deadline is not None and time.monotonic() > deadline:
            break
        todo, rows = [], []
        for i in range(config.per_seed):
            op = config.operators[(int(seed.digest, 16) + i) % len(config.operators)]
            focus = config.focus[i % len(config.focus)] if config.focus else None
            key = item_key(seed.id, "expand", op, str(i), focus or "")
            row = pipe.prov.find("expansion", key)
            if row is None:
                todo.append((key, op, focus))
            else:
                rows.append((row, op))
        rows += _expansions(pipe, seed, todo, config)
        for row, op in rows:
            if row["ok"]:
                out.append(expansion_seed(seed.id, op, row["id"], seed.language, row["code"], seed.origin))
    pipe.log(f"expansion: {len(out)} new programs from {len(seeds)} seeds")
    return out

def _expansions(pipe: Pipeline, seed: Seed, todo, config: ExpandConfig) -> list[tuple[dict, str]]:
    pair = pipe.config.pair_for(seed.language)
    generated = []
    for key, op, focus in todo:
        t = time.perf_counter()
        prompt = expansion_prompt(seed.language, pair.source.display, pair.source.fence, seed.code, op, focus)
        gen = pipe.generate(prompt.text, config.temperature, int(key[:8], 16) % 100_000,
                            model=pipe.generator if config.by == "student" else pipe.teacher,
                            max_tokens=config.max_tokens)
        code, reason = clean_program(seed.language, gen.text)
        generated.append((key, op, focus, code, reason, time.perf_counter() - t, gen.tokens))
    harness = pair.source.reading.harness if pair.source.reading else ""
    jobs = [Job.with_tests(pair.source.test_recipe, code, harness)
            for _, _, _, code, reason, _, _ in generated if not reason]
    results = iter(pipe.run_jobs(jobs))
    rows = []
    for key, op, focus, code, reason, secs, tokens in generated:
        if not reason:
            res = next(results)
            reason = "" if res.passed else f"expansion_{res.status}"
        item = pipe.prov.add(stage="expansion", key=key, parent=None, ok=not reason, reason=reason, code=code,
                             pair=pair.id, seconds=secs, meta={"seed": seed.id, "origin": seed.origin, "operator": op,
                                                               "focus": focus, "tokens": tokens})
        rows.append(({"id": item, "ok": not reason, "code": code}, op))
    return rows
