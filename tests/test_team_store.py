"""A team's shared database: the store on a real PostgreSQL server (Debian's package, started here on a Unix socket),
the same schema and migrations as SQLite, several writers at once, two real language servers and the trainer's CLI
on one database, and an editor that keeps its feedback while the server is down."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from sqlalchemy import event

from act_lsp import store
from act_lsp.database import apply_migrations
from act_lsp.model_store import BUNDLED_MODELS
from act_lsp.server import DB_RETRY_SECONDS
from act_train import records, registry
from tests.conftest import translation
from tests.postgres import PostgresServer
from tests.test_registry import random_adapter

TINY = "smollm2-135m"  # the flow is under test here, not translation quality


@pytest.fixture(scope="module")
def postgres():
    server = PostgresServer()
    yield server
    server.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    location = str(tmp_path / "act.db") if request.param == "sqlite" else request.getfixturevalue("postgres").url
    database = store.open_db(location)
    if request.param == "postgresql":  # each test starts from empty tables on the one server
        _empty(database)
    yield database
    database.close()


def _empty(db: store.Database) -> None:
    with db.transaction():
        for name in ("eval_results", *db.table_names()):
            if name != "act_migrations":
                db.execute(f"delete from {name}")


def test_the_same_schema_and_migrations_on_both(db):
    assert store.applied_migrations(db) == sorted(m.__name__ for m in store.MIGRATIONS)
    assert set(db["translations"].columns) >= {"pair", "source_text", "output", "outcome", "example_ids", "privacy"}
    assert apply_migrations(store.open_db(db.location), store.MIGRATIONS) == []  # opened again: nothing to run
    assert "merged_path" in db["model_versions"].columns  # the last migration added it


def test_feedback_jobs_and_versions_behave_the_same_on_both(db, tmp_path):
    private = translation(source_text="secret", output="out")
    tid = store.record_translation(db, private, log_code=False)
    store.set_outcome(db, tid, "edited", final_text="mine")
    row = db["translations"].get(tid)
    assert row["source_text"] is None and row["final_text"] == store.sha("mine") and row["privacy"] == "hash"
    with pytest.raises(store.StoreError, match="no translation"):
        store.set_outcome(db, "nope", "accepted")
    for _ in range(2):
        store.set_outcome(db, store.record_translation(db, translation()), "accepted")
    job = store.maybe_enqueue_training(db, 3)
    assert job is not None and store.maybe_enqueue_training(db, 3) is None and store.training_state(db) == "queued"
    assert records.claim_job(db)["id"] == job and store.training_state(db) == "running"
    assert records.claim_job(db) is None
    base = tmp_path / "base.gguf"
    base.write_bytes(b"not a model")
    (tmp_path / "a1.gguf").write_bytes(b"adapter one")
    (tmp_path / "a2.gguf").write_bytes(b"adapter two")
    v1 = registry.register(db, pair="java-go", base_model=base, adapter_path=tmp_path / "a1.gguf", metrics={})
    v2 = registry.register(db, pair="java-go", base_model=base, adapter_path=tmp_path / "a2.gguf", metrics={})
    registry.promote(db, v1, gate=None)
    registry.promote(db, v2, gate=None)
    assert store.promoted_version(db, "java-go")["id"] == v2
    assert registry.rollback(db) == v1 and store.promoted_version(db)["id"] == v1


def _write_feedback(location: str, count: int, worker: int) -> None:
    db = store.open_db(location)
    for i in range(count):
        rec = translation(uri=f"file:///w{worker}/A{i}.java")
        store.set_outcome(db, store.record_translation(db, rec), "accepted")


def test_several_editors_write_and_a_trainer_claims_at_once(db):
    """4 editor processes log 25 accepted translations each while two trainer threads claim 10 queued jobs."""
    jobs = [store.enqueue_job(db, "train") for _ in range(10)]
    claimed: list[int] = []
    errors: list[Exception] = []

    def trainer() -> None:
        own = store.open_db(db.location)  # a connection of its own, as another process would have
        try:
            while (job := records.claim_job(own)) is not None:
                claimed.append(job["id"])
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    ctx = multiprocessing.get_context("spawn")
    editors = [ctx.Process(target=_write_feedback, args=(db.location, 25, w)) for w in range(4)]
    trainers = [threading.Thread(target=trainer) for _ in range(2)]
    for worker in editors + trainers:
        worker.start()
    for worker in editors + trainers:
        worker.join(timeout=120)
    assert [p.exitcode for p in editors] == [0] * 4
    assert db.execute("select count(*) from translations where outcome = 'accepted'").fetchone()[0] == 100
    assert errors == [] and sorted(claimed) == jobs  # every job claimed exactly once


def test_an_unreachable_database_is_a_clear_error():
    with pytest.raises(store.StoreError, match="cannot reach the ACT database postgresql"):
        store.open_db("postgresql://act@/act?host=/nonexistent", timeout=1)


# --- two real language servers and the trainer's CLI on one PostgreSQL ----------------------------------------
def _editor():
    @pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "act_lsp.cli"]))
    async def editor(lsp_client: LanguageClient, postgres, tmp_path_factory):
        @lsp_client.feature(types.WORKSPACE_APPLY_EDIT)
        def on_apply(params):
            return types.ApplyWorkspaceEditResult(applied=True)

        lsp_client.work = tmp_path_factory.mktemp("work")
        await lsp_client.initialize_session(types.InitializeParams(
            capabilities=client_capabilities("visual_studio_code"), initialization_options={
                "database": postgres.url, "model": TINY, "maxTokens": 24, "trainAfter": 2, "verify": "off"}))
        yield
        await lsp_client.shutdown_session()
    return editor


alice = _editor()
bob = _editor()


async def _translate(client: LanguageClient, name: str) -> dict | None:
    java = client.work / f"{name}.java"
    java.write_text(f"class {name} {{ int twice(int x) {{ return 2 * x; }} }}\n")
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=java.as_uri(), language_id="java", version=1, text=java.read_text())))
    return await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="act.translate", arguments=[{"uri": java.as_uri(), "pair": "java-go"}]))


def _act_train(postgres, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "act_train.cli", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "ACT_DB": postgres.url})
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.model
@pytest.mark.asyncio(loop_scope="function")
async def test_two_editors_and_the_trainer_share_one_postgresql(alice: LanguageClient, bob: LanguageClient,
                                                               postgres, tmp_path):
    db = store.open_db(postgres.url)
    _empty(db)
    first = await _translate(alice, "Twice")
    assert store.training_state(db) == "idle"  # one accepted translation: below trainAfter (2)
    second = await _translate(bob, "Double")  # the second, from another editor, reaches it
    assert {db["translations"].get(r["id"])["outcome"] for r in (first, second)} == {"accepted"}
    assert store.training_state(db) == "queued"

    status = json.loads(_act_train(postgres, "status", "--json"))  # the trainer reads the shared database
    assert status["feedback"] == {"accepted": 2} and status["training"] == "queued"
    assert status["health"]["database"]["path"].startswith("postgresql")

    base = BUNDLED_MODELS[TINY].path
    version = registry.register(db, pair="java-go", base_model=base,
                                adapter_path=random_adapter(base, tmp_path / "v1.gguf", scale=0.08), metrics={})
    _act_train(postgres, "models", "promote", version, "--force")
    after = [await _translate(editor, "Triple") for editor in (alice, bob)]  # both editors, neither restarted
    assert [db["translations"].get(r["id"])["adapter_version"] for r in after] == [version, version]
    _act_train(postgres, "models", "rollback")
    assert db["translations"].get((await _translate(bob, "Half"))["id"])["adapter_version"] is None


@pytest.mark.model
@pytest.mark.asyncio(loop_scope="function")
async def test_an_editor_keeps_its_feedback_while_postgresql_is_down(alice: LanguageClient, postgres):
    postgres.stop()
    try:
        kept = await _translate(alice, "Kept")  # the translation itself still works
        assert kept is not None and kept["applied"]
        texts = [m.message for m in alice.messages]
        assert any("cannot reach the ACT database" in t and "nothing is lost" in t for t in texts), texts
    finally:
        postgres.start()
    await asyncio.sleep(DB_RETRY_SECONDS)  # until then the server writes to its journal without trying
    later = await _translate(alice, "Later")  # the next write replays the kept ones first
    db = store.open_db(postgres.url)
    rows = {r["id"]: r for r in db.query("select id, outcome, source_text from translations where id in (?, ?)",
                                         [kept["id"], later["id"]])}
    assert rows[kept["id"]]["outcome"] == "accepted" and "class Kept" in rows[kept["id"]]["source_text"]
    assert rows[later["id"]]["outcome"] == "accepted"
    assert not list((Path(store.journal(db).directory)).glob("*.jsonl"))  # nothing left waiting


def test_a_database_that_did_not_answer_is_not_waited_on_again_at_once(tmp_path, monkeypatch):
    """While ``retry_after`` runs, calls fail at once and feedback goes straight to the journal."""
    monkeypatch.setenv("ACT_HOME", str(tmp_path))
    db = store.open_db("postgresql://act@/act?host=/nonexistent", timeout=1, lazy=True, retry_after=60)
    attempts: list[int] = []
    event.listen(db.engine, "do_connect", lambda *a: attempts.append(1))
    tid = store.record_translation(db, translation())
    store.set_outcome(db, tid, "accepted")
    with pytest.raises(store.DatabaseUnavailable, match="cannot reach"):
        store.training_state(db)
    assert len(attempts) == 1  # one try; the rest failed without connecting
    assert [op["op"] for op in store.journal(db).kept()] == ["insert", "update"]


def test_insert_ignore_and_replace_on_both(db):
    runs = db["training_runs"]
    runs.insert({"id": "r1", "examples": 1, "seconds": 1.5})
    with pytest.raises(Exception, match="(?i)unique|duplicate"):
        runs.insert({"id": "r1", "examples": 2})
    assert runs.insert({"id": "r1", "examples": 3}, ignore=True) is None and runs.get("r1")["examples"] == 1
    assert runs.insert({"id": "r1", "examples": 4}, replace=True) == "r1"
    assert runs.get("r1")["examples"] == 4 and runs.count == 1


def test_placeholders_outside_string_literals_become_binds(db):
    row = db.execute("select 'a:b?c', ?, 'it''s ?', ?", [5, "x"]).fetchone()
    assert tuple(row) == ("a:b?c", 5, "it's ?", "x")
    with pytest.raises(ValueError, match="2 placeholders but 1 parameters"):
        db.execute("select ?, ?", [1])


def test_a_replay_cut_short_keeps_the_rest_in_order_before_newer_writes(tmp_path):
    from act_lsp.journal import Journal

    journal = Journal(tmp_path / "journal")
    for n in range(4):
        journal.keep({"op": "insert", "table": "t", "row": {"id": n}}, "down")
    written: list[int] = []

    def apply(op: dict) -> None:
        if op["row"]["id"] == 2:
            raise store.DatabaseUnavailable("down again")
        written.append(op["row"]["id"])

    with pytest.raises(store.DatabaseUnavailable):
        journal.replay(apply)
    journal.keep({"op": "insert", "table": "t", "row": {"id": 4}}, "down")  # the owner writes on meanwhile
    assert written == [0, 1] and [op["row"]["id"] for op in journal.kept()] == [2, 3, 4]
    assert journal.replay(lambda op: written.append(op["row"]["id"])) == 3
    assert written == [0, 1, 2, 3, 4] and journal.kept() == []
