"""The trainer's rows in the shared database, as named operations: the job queue as the trainer works it, the
cycles it runs, and the status summary. The schema lives in ``act_lsp.store`` (one file, one set of migrations,
for the server and the trainer); what only the trainer reads and writes is here, not spread over its modules."""

from __future__ import annotations

import json

from act_lsp import store
from act_lsp.database import Database


# --- the job queue ------------------------------------------------------------------------------------------
def queued_training(db: Database) -> int:
    """Training jobs waiting to start."""
    return db.execute("select count(*) from jobs where kind = 'train' and status = 'queued'").fetchone()[0]


def requeue_interrupted(db: Database) -> int:
    """Call only while holding the lock: every 'running' job then belongs to a dead trainer."""
    rows = list(db.query("select id from jobs where status = 'running'"))
    for row in rows:
        db["jobs"].update(row["id"], {"status": "queued", "error": "interrupted; resumed"})
    return len(rows)


def claim_job(db: Database) -> dict | None:
    """The oldest queued job, now marked running; None when there is none. One statement claims it, so two
    trainers never get the same job (and SQLite never has to upgrade a read lock)."""
    while True:
        row = db.execute("update jobs set status = 'running', started_at = ? where status = 'queued' and id = "
                         "(select min(id) from jobs where status = 'queued') returning id, kind, payload",
                         [store.now()]).fetchone()
        if row is not None:
            return {"id": row[0], "kind": row[1], "payload": json.loads(row[2] or "{}")}
        if not queued_jobs(db):  # none left (not: another trainer took the one this update aimed at)
            return None


def queued_jobs(db: Database) -> int:
    return db.execute("select count(*) from jobs where status = 'queued'").fetchone()[0]


def finish_job(db: Database, job_id: int, status: str, error: str = "", payload: dict | None = None
               ) -> None:
    update = {"status": status, "finished_at": store.now(), "error": error}
    if payload is not None:
        update["payload"] = json.dumps(payload)
    db["jobs"].update(job_id, update)


def set_job_payload(db: Database, job_id: int, payload: dict) -> None:
    db["jobs"].update(job_id, {"payload": json.dumps(payload)})


# --- cycles -------------------------------------------------------------------------------------------------
def cycle_row(db: Database, cycle_id: str) -> dict | None:
    rows = list(db.query("select * from cycles where id = ?", [cycle_id]))
    return rows[0] if rows else None


def start_cycle(db: Database, cycle_id: str, config: dict, pid: int) -> None:
    db["cycles"].insert({"id": cycle_id, "created_at": store.now(), "updated_at": store.now(), "status": "running",
                         "stage": "data", "config": json.dumps(config), "state": "{}", "summary": "{}", "pid": pid})


def update_cycle(db: Database, cycle_id: str, **fields) -> None:
    """Set ``fields`` (dicts are stored as JSON) and the update time."""
    db["cycles"].update(cycle_id, {**{k: json.dumps(v) if isinstance(v, dict) else v for k, v in fields.items()},
                                   "updated_at": store.now()})


# --- the status summary -------------------------------------------------------------------------------------
def status_summary(db: Database, *, evaluations: int = 5, cycles: int = 3) -> dict:
    """Feedback and jobs by state, and the latest evaluations and cycles (``act-train status``)."""
    return {
        "feedback": dict(db.execute("select outcome, count(*) from translations group by outcome").fetchall()),
        "jobs": dict(db.execute("select status, count(*) from jobs group by status").fetchall()),
        "recent_evaluations": [dict(r, metrics=json.loads(r["metrics"])) for r in db.query(
            "select created_at, pair, model, adapter_version, tasks, samples, metrics, status from eval_runs "
            "order by created_at desc limit ?", [evaluations])],
        "recent_cycles": [dict(r, summary=json.loads(r["summary"] or "{}")) for r in db.query(
            "select id, created_at, status, stage, summary from cycles order by created_at desc limit ?", [cycles])],
    }
