"""The background trainer: takes jobs the language server queues, runs a nightly cycle, one cycle at a time.

- One daemon per ACT home: an exclusive ``flock`` on ``trainer.lock``. The kernel drops it when the process dies,
  so a crash never leaves a stale lock, and a second daemon is refused at once.
- Holding the lock means no other trainer runs, so a job still marked ``running`` was interrupted: it goes back
  to the queue, and its cycle (same id, kept in the job payload) resumes where it stopped.
- Nightly: at ``HH:MM`` local time a ``train`` job is queued unless one is already waiting.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fcntl
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from act_lsp import store
from act_lsp.database import Database
from act_train import records
from act_train.cycle import CycleConfig, cycle_config

log = logging.getLogger("act.trainer")


class DaemonLocked(RuntimeError):
    """Another trainer holds the lock."""


def acquire_lock(path: Path) -> IO[str]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = path.open("a+")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.seek(0)
        holder = fh.read().strip() or "another process"
        fh.close()
        raise DaemonLocked(f"another ACT trainer is running (pid {holder}; lock {path})") from None
    fh.seek(0)
    fh.truncate()
    fh.write(str(os.getpid()))
    fh.flush()
    return fh


def next_nightly(now: dt.datetime, at: str) -> dt.datetime:
    """The next ``HH:MM`` strictly after ``now``."""
    hour, minute = (int(x) for x in at.split(":"))
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise ValueError(f"nightly time {at!r} must be HH:MM")
    when = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return when if when > now else when + dt.timedelta(days=1)


def config_for_job(payload: dict, defaults: CycleConfig) -> CycleConfig:
    """A job's payload may override any cycle setting (the server's jobs carry only a reason)."""
    return cycle_config(payload.get("config", {}), defaults)


@dataclasses.dataclass(kw_only=True)
class DaemonConfig:
    nightly: str | None = "02:00"  # None: no schedule, queue only
    poll_seconds: float = 30.0
    once: bool = False  # process what is queued, then exit (cron, tests)
    defaults: CycleConfig = dataclasses.field(default_factory=CycleConfig)


def serve(db: Database, config: DaemonConfig,
          run_cycle: Callable[[CycleConfig, str | None, Callable[[str], None]], dict],
          *, stop: Callable[[], bool] = lambda: False) -> int:
    """The loop; ``run_cycle(config, cycle_id, on_start)`` runs (or resumes) one cycle and returns its summary
    (``on_start(cycle_id)`` is called once the cycle exists, so a killed job resumes the same cycle).
    Returns the number of jobs processed."""
    requeued = records.requeue_interrupted(db)
    if requeued:
        log.info("re-queued %d interrupted job(s)", requeued)
    nightly = next_nightly(dt.datetime.now(), config.nightly) if config.nightly else None
    processed = 0
    while not stop():
        if nightly and dt.datetime.now() >= nightly:
            if not records.queued_training(db):
                store.enqueue_job(db, "train", {"reason": f"nightly {config.nightly}"})
                log.info("queued the nightly cycle")
            nightly = next_nightly(dt.datetime.now(), config.nightly)  # type: ignore[arg-type]
        job = records.claim_job(db)
        if job is None:
            if config.once:
                break
            time.sleep(config.poll_seconds)
            continue
        processed += 1
        if job["kind"] != "train":
            records.finish_job(db, job["id"], "failed", f"unknown job kind {job['kind']!r}")
            continue
        payload = job["payload"]
        try:
            cycle_config = config_for_job(payload, config.defaults)
        except (TypeError, ValueError) as exc:
            records.finish_job(db, job["id"], "failed", f"bad job payload: {exc}")
            continue
        log.info("job %s: cycle starts (%s)", job["id"], payload.get("reason", "no reason given"))
        try:
            summary = run_cycle(cycle_config, payload.get("cycle_id"), lambda cid, j=job, p=payload:
                                records.set_job_payload(db, j["id"], {**p, "cycle_id": cid}))
        except Exception as exc:  # noqa: BLE001 - a failed cycle must not stop the daemon
            log.exception("job %s failed", job["id"])
            records.finish_job(db, job["id"], "failed", f"{type(exc).__name__}: {exc}")
            continue
        records.finish_job(db, job["id"], "done", payload={**payload, "result": summary})
        log.info("job %s done: %s", job["id"], summary.get("status"))
    return processed

