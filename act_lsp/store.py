"""The shared database: translation feedback, the training job queue, model versions, and the trainer's records.

The language server writes feedback and enqueues jobs; the trainer reads them and registers versions. Both open it
through ``open_db``: a SQLite file (the default, one machine) or a PostgreSQL URL (a team's shared database), the same
schema and the same numbered migrations on both (``act_lsp.database``). Schema changes only ever come as a new
migration. Feedback the database cannot take right now is kept in a local journal and written when it answers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from act_lsp.database import Database, DatabaseUnavailable, NotFoundError, StoreError, applied_migrations
from act_lsp.examples import Example
from act_lsp.home import act_home, database_location
from act_lsp.journal import Journal

__all__ = ["Database", "DatabaseUnavailable", "NotFoundError", "StoreError", "applied_migrations", "open_db"]

Outcome = Literal["pending", "accepted", "rejected", "edited", "cancelled", "failed"]
FEEDBACK_OUTCOMES = ("accepted", "edited")  # what counts as a new seed for training

MIGRATIONS: list[Callable[[Database], None]] = []


def migration(fn: Callable[[Database], None]) -> Callable[[Database], None]:
    MIGRATIONS.append(fn)
    return fn


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def sha(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode()).hexdigest()


@migration
def m001_initial(db: Database) -> None:
    db["translations"].create({
        "id": str, "created_at": str, "updated_at": str, "pair": str, "kind": str, "uri": str, "target_uri": str,
        "source_text": str, "source_sha": str, "output": str, "output_sha": str, "final_text": str,
        "model": str, "adapter_version": str, "prompt_hash": str, "latency_ms": int, "tokens": int,
        "verify": str, "outcome": str, "reason": str, "privacy": str, "client": str,
    }, pk="id", not_null={"pair", "outcome", "created_at"})
    db["translations"].create_index(["outcome", "created_at"])
    db["jobs"].create({
        "id": int, "kind": str, "status": str, "created_at": str, "started_at": str, "finished_at": str,
        "payload": str, "error": str,
    }, pk="id", not_null={"kind", "status"})
    db["jobs"].create_index(["status", "id"])
    db["model_versions"].create({
        "id": str, "pair": str, "base_model": str, "base_sha256": str, "adapter_path": str, "adapter_sha256": str,
        "data_version": str, "metrics": str, "status": str, "created_at": str, "promoted_at": str,
    }, pk="id", not_null={"status"})


def open_db(location: str | Path | None = None, *, timeout: float = 10.0, lazy: bool = False,
            retry_after: float = 0.0) -> Database:
    """Open (creating if needed) and migrate the database at ``location``: a SQLite path or a ``postgresql://``
    URL; default ``$ACT_DB``, else ``$ACT_HOME/act.db``. ``lazy``: connect and migrate on first use instead (a
    language server starts, and keeps its feedback, while a shared database is down)."""
    db = Database(location or database_location(), timeout=timeout, migrate=MIGRATIONS, retry_after=retry_after)
    if not lazy:
        db.ready()
    return db


_JOURNALS: dict[str, Journal] = {}


def journal(db: Database) -> Journal:
    """This process's journal for ``db``'s feedback (one directory per database, under ``$ACT_HOME``)."""
    directory = act_home() / "journal" / hashlib.sha256(db.display.encode()).hexdigest()[:12]
    if str(directory) not in _JOURNALS:
        _JOURNALS[str(directory)] = Journal(directory)
    return _JOURNALS[str(directory)]


def take_notices(db: Database) -> list[str]:
    """Messages for the user since the last call (a write kept for later, and where)."""
    notes = journal(db).notices
    out, notes[:] = list(notes), []
    return out


def _apply(db: Database, op: dict) -> None:
    if op["op"] == "insert":
        db[op["table"]].insert(op["row"], ignore=True)
    else:
        db[op["table"]].update(op["pk"], op["values"])


def _write(db: Database, op: dict) -> None:
    """Write ``op`` after any kept earlier; if the database does not answer, keep it (in order) for later."""
    kept = journal(db)
    try:
        if kept.files():
            kept.replay(lambda o: _apply(db, o))
        _apply(db, op)
    except DatabaseUnavailable as exc:
        kept.keep(op, str(exc))
    else:
        kept.answered()


@dataclass(kw_only=True)
class TranslationRecord:
    pair: str
    kind: Literal["selection", "file"]
    uri: str
    target_uri: str
    source_text: str
    output: str
    model: str
    adapter_version: str | None = None
    prompt_hash: str = ""
    latency_ms: int = 0
    tokens: int = 0
    verify: dict | None = None
    client: str = ""
    example_ids: list[str] = field(default_factory=list)  # retrieved examples shown in the prompt
    id: str = field(default_factory=lambda: uuid.uuid4().hex)


def record_translation(db: Database, rec: TranslationRecord, *, log_code: bool = True) -> str:
    """Store a finished translation as ``pending``; with ``log_code`` off only hashes of code are kept."""
    row = asdict(rec)
    row.update(created_at=now(), updated_at=now(), outcome="pending", privacy="full" if log_code else "hash",
               source_sha=sha(rec.source_text), output_sha=sha(rec.output), verify=json.dumps(rec.verify or {}),
               example_ids=json.dumps(rec.example_ids))
    if not log_code:
        row.update(source_text=None, output=None)
    _write(db, {"op": "insert", "table": "translations", "row": row})
    return rec.id


def set_outcome(db: Database, translation_id: str, outcome: Outcome, *, reason: str | None = None,
                final_text: str | None = None) -> None:
    privacy = _privacy(db, translation_id)  # an unknown id is an error, not a silent no-op
    update = {"outcome": outcome, "updated_at": now()}
    if reason is not None:
        update["reason"] = reason
    if final_text is not None:
        update["final_text"] = final_text if privacy == "full" else sha(final_text)
    _write(db, {"op": "update", "table": "translations", "pk": translation_id, "values": update})


def _privacy(db: Database, translation_id: str) -> str:
    kept = journal(db).find_insert("translations", translation_id)
    if kept:
        return kept["privacy"]
    try:
        return db["translations"].get(translation_id)["privacy"]
    except NotFoundError:
        raise StoreError(f"no translation with id {translation_id!r}") from None
    except DatabaseUnavailable:
        return "hash"  # unknown while the database is away: keep no code


# --- training hand-off --------------------------------------------------------------------------
def feedback_since_last_job(db: Database) -> int:
    """Accepted/edited translations newer than the last queued training job."""
    last = db.execute("select max(created_at) from jobs where kind = 'train'").fetchone()[0] or ""
    marks = ",".join("?" * len(FEEDBACK_OUTCOMES))
    return db.execute(f"select count(*) from translations where outcome in ({marks}) and updated_at > ?",
                      [*FEEDBACK_OUTCOMES, last]).fetchone()[0]


def enqueue_job(db: Database, kind: str, payload: dict | None = None) -> int:
    """Queue work for the trainer; the server never trains in its own process."""
    return db["jobs"].insert({"kind": kind, "status": "queued", "created_at": now(),
                              "payload": json.dumps(payload or {})})


def maybe_enqueue_training(db: Database, threshold: int) -> int | None:
    """Enqueue one training job once ``threshold`` new seeds arrived and none is already waiting (while the
    database is away: not now; a later write asks again)."""
    if threshold <= 0:
        return None
    try:
        return _enqueue_if_due(db, threshold)
    except DatabaseUnavailable:
        return None


def _enqueue_if_due(db: Database, threshold: int) -> int | None:
    waiting = db.execute("select count(*) from jobs where kind = 'train' and status in ('queued', 'running')"
                         ).fetchone()[0]
    new = feedback_since_last_job(db)
    if waiting or new < threshold:
        return None
    return enqueue_job(db, "train", {"reason": f"{new} new accepted/edited translations", "seeds": new})


def training_state(db: Database) -> str:
    row = db.execute("select status from jobs where kind = 'train' and status in ('running', 'queued') "
                     "order by status = 'running' desc, id limit 1").fetchone()
    return row[0] if row else "idle"


def trained_on(version: dict, model: str | Path) -> bool:
    """Whether ``version`` (a model_versions row) was trained on ``model``: a LoRA only fits those weights, so the
    bundled 0.5B adapter is not applied to a 1.5B the user chose to serve."""
    return Path(version["base_model"]).resolve() == Path(model).resolve()


def promoted_version(db: Database, pair: str | None = None) -> dict | None:
    """The promoted model version (adapter) that serves ``pair`` (None: the newest promoted), if any. A version made
    for the pair comes before one made for every pair: one adapter per direction measured better than one for both."""
    promoted = "select * from model_versions where status = 'promoted'"
    if pair is None:
        rows = list(db.query(promoted + " order by promoted_at desc limit 1"))
    else:
        rows = list(db.query(promoted + " and (pair = ? or pair is null or pair = 'all') "
                             "order by case when pair = ? then 0 else 1 end, promoted_at desc limit 1", [pair, pair]))
    return rows[0] if rows else None


def serving_versions(db: Database, pairs: Iterable[str], model: str | Path | None) -> dict[str, dict]:
    """The promoted version serving each of ``pairs`` on ``model`` (None: an endpoint, which serves every version as
    a model of its own); a pair the base model serves is absent."""
    versions = {pair: promoted_version(db, pair) for pair in pairs}
    return {pair: v for pair, v in versions.items() if v and (model is None or trained_on(v, model))}


@migration
def m002_evaluations(db: Database) -> None:
    db["eval_runs"].create({
        "id": str, "created_at": str, "bench": str, "pair": str, "model": str, "adapter_version": str,
        "samples": int, "tasks": int, "config": str, "metrics": str, "seconds": float,
    }, pk="id")
    db["eval_results"].create({
        "run_id": str, "task_id": str, "sample": int, "status": str, "category": str, "passed": int,
        "tokens": int, "gen_seconds": float, "code": str, "error": str,
    }, pk=("run_id", "task_id", "sample"), foreign_keys=[("run_id", "eval_runs", "id")])


@migration
def m003_controller_decisions(db: Database) -> None:
    db["controller_decisions"].create({
        "id": int, "created_at": str, "cycle": str, "round": int, "action": str, "reason": str, "inputs": str,
        "hparams": str, "restore": str, "data_requests": str,
    }, pk="id")


@migration
def m004_synth_items(db: Database) -> None:
    db["synth_items"].create({
        "id": str, "run_id": str, "stage": str, "key": str, "parent_id": str, "pair": str, "ok": int, "reason": str,
        "code": str, "seconds": float, "meta": str, "created_at": str,
    }, pk="id")
    db["synth_items"].create_index(["run_id", "stage", "key"])


@migration
def m005_training_runs(db: Database) -> None:
    db["training_runs"].create({
        "id": str, "created_at": str, "version": str, "out_dir": str, "config": str, "history": str,
        "examples": int, "train_tokens": int, "tokens_per_second": float, "seconds": float,
    }, pk="id")


@migration
def m006_imported_seeds(db: Database) -> None:
    db["imported_seeds"].create({
        "id": str, "created_at": str, "language": str, "code": str, "origin": str,
    }, pk="id")


@migration
def m007_cycles(db: Database) -> None:
    db["cycles"].create({
        "id": str, "created_at": str, "updated_at": str, "status": str, "stage": str, "config": str, "state": str,
        "summary": str, "pid": int,
    }, pk="id")


@migration
def m008_eval_run_status(db: Database) -> None:
    """Evaluations store each sample as it finishes; a run's status says whether its metrics cover all tasks."""
    db["eval_runs"].add_column("status", str, not_null_default="finished")


@migration
def m009_translation_examples(db: Database) -> None:
    """Which retrieved examples shaped a translation, so its outcome can be traced to them."""
    db["translations"].add_column("example_ids", str, not_null_default="[]")


@migration
def m010_merged_models(db: Database) -> None:
    """A promoted adapter may also be merged into a copy of the model, which the server loads instead (faster)."""
    db["model_versions"].add_column("merged_path", str)


@migration
def m011_decision_pair(db: Database) -> None:
    """A cycle trains one adapter per language pair, so each controller decision names its pair."""
    db["controller_decisions"].add_column("pair", str, not_null_default="")


# --- examples: validated translations, retrieved at translation time -------------------------------
def example_counts(db: Database) -> tuple[int, int]:
    """(accepted/edited translations with code, admitted pairs): cheap, to know when an index is stale."""
    marks = ",".join("?" * len(FEEDBACK_OUTCOMES))
    users = db.execute(f"select count(*) from translations where outcome in ({marks}) and privacy = 'full' "
                       "and source_text is not null", list(FEEDBACK_OUTCOMES)).fetchone()[0]
    admitted = db.execute("select count(*) from synth_items where stage = 'admitted' and ok = 1").fetchone()[0]
    return users, admitted


def validated_examples(db: Database, *, users: bool = True, synthetic: bool = True,
                       project_of: Callable[[str], str] = lambda uri: "") -> list[Example]:
    """Verified text only: translations users accepted (or edited: their final text wins) and pairs the pipeline
    admitted. Rejected, failed and hash-only translations never are examples."""
    out = []
    if users:
        marks = ",".join("?" * len(FEEDBACK_OUTCOMES))
        for row in db.query(f"select pair, uri, source_text, output, final_text, outcome from translations "
                            f"where outcome in ({marks}) and privacy = 'full' and source_text is not null",
                            list(FEEDBACK_OUTCOMES)):
            target = row["final_text"] if row["outcome"] == "edited" and row["final_text"] else row["output"]
            if target:
                out.append(Example(pair=row["pair"], source=row["source_text"], target=target, origin="user",
                                   project=project_of(row["uri"] or "")))
    if synthetic:
        for row in db.query("select pair, code, meta from synth_items where stage = 'admitted' and ok = 1"):
            out.append(Example(pair=row["pair"], source=json.loads(row["meta"])["source"], target=row["code"],
                               origin="synthetic"))
    return out
