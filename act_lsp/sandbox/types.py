"""Jobs, limits and results at the sandbox boundary.

Two kinds of failure are kept apart: the *code* failed (``failed``, ``compile_error``, ``timeout``,
``memory_limit``, ``output_limit``) versus the *sandbox* failed (``sandbox_error``), so callers never
blame a candidate translation for a broken engine.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from act_lsp.sandbox.recipes import get_recipe

Status = Literal["passed", "failed", "compile_error", "timeout", "memory_limit", "output_limit", "sandbox_error"]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]

MAX_SOURCE_BYTES = 1 << 20


class SandboxError(RuntimeError):
    """The sandbox itself cannot work (Docker down, image missing); the message says how to fix it."""


class JobError(ValueError):
    """A job is malformed (unknown recipe, empty or oversized source, a file name escaping the work dir)."""


@dataclass(frozen=True, kw_only=True)
class Limits:
    """Per-job limits; container-wide ones (memory, CPU, pids) live in ``SandboxConfig``."""

    compile_timeout: float = 60.0
    run_timeout: float = 20.0
    output_limit: int = 1 << 20  # bytes of stdout+stderr together, per job

    def __post_init__(self) -> None:
        if self.compile_timeout <= 0 or self.run_timeout <= 0:
            raise JobError("`compile_timeout` and `run_timeout` must be positive")
        if self.output_limit < 1024:
            raise JobError("`output_limit` must be at least 1024 bytes")


def _check_name(name: str) -> None:
    parts = name.split("/")
    if not name or name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts):
        raise JobError(f"file name {name!r} must be a relative path inside the job directory (no '..', not absolute)")


@dataclass(frozen=True, kw_only=True)
class Job:
    """A language recipe plus files plus limits. ``files`` maps relative names to text."""

    recipe: str
    files: Mapping[str, str]
    limits: Limits = field(default_factory=Limits)
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    def __post_init__(self) -> None:
        try:
            recipe = get_recipe(self.recipe)
        except ValueError as exc:
            raise JobError(str(exc)) from None
        for name in self.files:
            _check_name(name)
        main = self.files.get(recipe.main_file)
        if main is None or not main.strip():
            raise JobError(f"job {self.id}: the source file {recipe.main_file!r} is empty or missing")
        size = sum(len(text.encode("utf-8")) for text in self.files.values())
        if size > MAX_SOURCE_BYTES:
            raise JobError(f"job {self.id}: {size} bytes of source exceed the {MAX_SOURCE_BYTES} byte limit")

    @classmethod
    def of(cls, recipe: str, source: str, *, extra_files: Mapping[str, str] | None = None,
           limits: Limits | None = None) -> Job:
        """Put ``source`` where the recipe expects its main file."""
        try:
            r = get_recipe(recipe)
        except ValueError as exc:
            raise JobError(str(exc)) from None
        return cls(recipe=recipe, files={r.main_file: r.prepare(source), **(extra_files or {})},
                   limits=limits or Limits())

    @classmethod
    def with_tests(cls, recipe: str, code: str, tests: str, *, extra_files: Mapping[str, str] | None = None,
                   limits: Limits | None = None) -> Job:
        """A program plus its unit tests, placed the way the recipe's test harness expects."""
        try:
            r = get_recipe(recipe)
        except ValueError as exc:
            raise JobError(str(exc)) from None
        if not code.strip():
            raise JobError("the program under test is empty")
        code = r.prepare(code)
        if r.tests_file:
            files = {r.main_file: code, r.tests_file: tests}
        else:
            files = {r.main_file: code.rstrip() + "\n\n" + tests}
        return cls(recipe=recipe, files={**files, **(extra_files or {})}, limits=limits or Limits())

    def payload(self, work_root: str = "/work") -> dict:
        """The JSON the in-sandbox runner reads."""
        recipe = get_recipe(self.recipe)
        return {
            "files": {**recipe.static_files, **self.files},
            "compile": list(recipe.compile) if recipe.compile else None,
            "run": list(recipe.run),
            "env": dict(recipe.env),
            "compile_timeout": self.limits.compile_timeout,
            "run_timeout": self.limits.run_timeout,
            "output_limit": self.limits.output_limit,
            "work_root": work_root,
        }


@dataclass(frozen=True, kw_only=True)
class RunResult:
    status: Status
    exit_code: int
    stdout: str = ""
    stderr: str = ""
    compile_seconds: float = 0.0
    run_seconds: float = 0.0
    phase: str = "run"  # where it stopped: setup | compile | run
    job_id: str = ""

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    @property
    def compiled(self) -> bool:
        return self.phase == "run" and self.status != "sandbox_error"

    @classmethod
    def from_runner(cls, data: Mapping, job_id: str) -> RunResult:
        status = data.get("status")
        if status not in STATUSES:
            return cls(status="sandbox_error", exit_code=-1, stderr=f"runner answered {data!r:.500}", job_id=job_id)
        return cls(status=status, exit_code=int(data.get("exit_code", -1)), stdout=data.get("stdout", ""),
                   stderr=data.get("stderr", ""), compile_seconds=float(data.get("compile_seconds", 0.0)),
                   run_seconds=float(data.get("run_seconds", 0.0)), phase=data.get("phase", "run"), job_id=job_id)

    @classmethod
    def unbuildable(cls, error: Exception) -> RunResult:
        """The verdict on code no job could be made of (an empty answer, a bad file name): it does not compile."""
        return cls(status="compile_error", exit_code=-1, stderr=str(error), phase="compile")

    @classmethod
    def sandbox_error(cls, message: str, job_id: str = "") -> RunResult:
        return cls(status="sandbox_error", exit_code=-1, stderr=message, phase="setup", job_id=job_id)
