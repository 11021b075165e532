"""Executable benchmark files (the JSONL format of shared/bench): loading, and turning a translation into a job.

Used for evaluation only; the synthetic-data pipeline decontaminates against these files.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from act_lsp.languages import get_language
from act_lsp.sandbox import Job, JobError, Limits
from act_train.jsonl import read_records


@dataclass(frozen=True, kw_only=True)
class BenchTask:
    task_id: str
    source_lang: str
    target_lang: str
    entry_point: str
    source_code: str
    source_code_nodoc: str
    source_tests: str
    target_signature: str
    target_prompt: str
    target_tests: str
    target_canonical_solution: str
    target_crates: Sequence[str] = field(default_factory=tuple)
    target_canonical_crates: Sequence[str] = field(default_factory=tuple)


def default_bench_dir() -> Path:
    """``$ACT_SHARED/bench``, else the ``shared/bench`` folder next to this checkout."""
    shared = os.environ.get("ACT_SHARED")
    return Path(shared) / "bench" if shared else Path(__file__).resolve().parents[2] / "shared" / "bench"


def realistic_dir() -> Path:
    """The project's hand-written realistic set (classes with reference translations), in a checkout."""
    return Path(__file__).resolve().parents[1] / "data" / "realistic"


def held_out_dir() -> Path:
    """Function-level problems of the seed material kept out of training, to measure a gain in distribution."""
    return Path(__file__).resolve().parents[1] / "data" / "heldout"


def evaluation_files() -> list[Path]:
    """Every benchmark file a training seed must not resemble: the shared benchmarks, the realistic set and the
    held-out problems."""
    return [*sorted(default_bench_dir().glob("*.jsonl")), *sorted(realistic_dir().glob("*.jsonl")),
            *sorted(held_out_dir().glob("*.jsonl"))]


def bench_task(row: dict) -> BenchTask:
    """A benchmark row as a task; keys the task does not use are ignored."""
    return BenchTask(**{k: v for k, v in row.items() if k in BenchTask.__dataclass_fields__})


def load_bench(path: str | Path) -> list[BenchTask]:
    return read_records(path, bench_task, "a benchmark task")


def target_job(task: BenchTask, code: str, *, crates: Sequence[str] = (), limits: Limits | None = None) -> Job:
    """The job that runs ``task``'s target tests against a translation ``code``.

    ``crates`` (e.g. a reference solution's ``target_canonical_crates``) switches to the cargo recipe with
    the crates the sandbox image carries; an unknown crate is a ``JobError``.
    """
    lang = get_language(task.target_lang)
    if crates:
        missing = [c for c in crates if c not in lang.crates]
        if missing or lang.crate_test_recipe is None or lang.crate_files is None:
            raise JobError(f"{task.task_id}: crates {missing or list(crates)} are not available offline in the sandbox")
        return Job.with_tests(lang.crate_test_recipe, code, task.target_tests,
                              extra_files=lang.crate_files({c: lang.crates[c] for c in crates}), limits=limits)
    return Job.with_tests(lang.test_recipe, code, task.target_tests, limits=limits)
