"""The background trainer: the lock, job pickup, nightly schedule, resume after a kill (unit and real)."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from act_lsp import store
from act_lsp.home import models_dir
from act_train.cli import cli
from act_train.cycle import CycleConfig, Rounds
from act_train.daemon import DaemonConfig, DaemonLocked, acquire_lock, config_for_job, next_nightly, serve
from act_train.records import claim_job, requeue_interrupted

REAL_MODELS = models_dir()  # resolved before any test points ACT_HOME at a temporary folder
HOLD_LOCK = ("import sys, time; from pathlib import Path; from act_train.daemon import acquire_lock; "
             "fh = acquire_lock(Path(sys.argv[1])); print('locked', flush=True); time.sleep(60)")


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("ACT_HOME", str(tmp_path))
    monkeypatch.setenv("ACT_DB", str(tmp_path / "act.db"))
    return tmp_path


def _hold_lock(path):
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_a_second_trainer_is_refused_and_a_crash_releases_the_lock(tmp_path):
    lock = tmp_path / "trainer.lock"
    holder = _hold_lock(lock)
    with pytest.raises(DaemonLocked, match=f"pid {holder.pid}"):
        acquire_lock(lock)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    fh = acquire_lock(lock)  # the kernel dropped the dead holder's lock
    assert lock.read_text() == str(os.getpid())
    fh.close()


def test_second_daemon_command_exits_nonzero_with_a_message(home):
    holder = _hold_lock(home / "trainer.lock")
    try:
        result = CliRunner().invoke(cli, ["daemon", "--once", "--nightly", "off"])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 1 and "another ACT trainer is running" in result.output


def test_bad_nightly_time_and_unknown_pair_are_usage_errors(home):
    assert CliRunner().invoke(cli, ["daemon", "--once", "--nightly", "25:00"]).exit_code == 2
    result = CliRunner().invoke(cli, ["cycle", "--pair", "cobol-go"])
    assert result.exit_code == 2 and "cobol-go" in result.output


def test_next_nightly_is_strictly_in_the_future():
    now = dt.datetime(2026, 11, 26, 1, 30)
    assert next_nightly(now, "02:00") == dt.datetime(2026, 11, 26, 2, 0)
    assert next_nightly(now, "01:30") == dt.datetime(2026, 11, 27, 1, 30)
    with pytest.raises(ValueError):
        next_nightly(now, "2pm")


def test_jobs_are_claimed_in_order_and_interrupted_ones_requeued(home):
    db = store.open_db()
    first = store.enqueue_job(db, "train", {"reason": "a"})
    second = store.enqueue_job(db, "train", {"reason": "b"})
    assert claim_job(db)["id"] == first
    assert requeue_interrupted(db) == 1  # the claimed job's trainer "died"
    assert [claim_job(db)["id"], claim_job(db)["id"], claim_job(db)] == [first, second, None]


def test_serve_runs_jobs_resumes_the_interrupted_cycle_and_survives_a_failing_one(home):
    """A stub cycle runner (the real one is exercised below); the loop's bookkeeping is what is tested."""
    db = store.open_db()
    interrupted = store.enqueue_job(db, "train", {"reason": "killed", "cycle_id": "c-old"})
    db["jobs"].update(interrupted, {"status": "running"})
    failing = store.enqueue_job(db, "train", {"config": {"pairs": ["java-go"], "rounds": 1}, "boom": True})
    bad = store.enqueue_job(db, "train", {"config": {"pairs": ["cobol-go"]}})
    calls = []

    def run_cycle(config, cycle_id, on_start):
        calls.append((config.pairs, config.training.count, cycle_id))
        on_start(cycle_id or "c-new")
        if config.training.count == 1:
            raise RuntimeError("boom")
        return {"status": "promoted"}

    defaults = CycleConfig(training=Rounds(count=2))
    processed = serve(db, DaemonConfig(nightly=None, once=True, defaults=defaults), run_cycle)
    assert processed == 3
    assert calls == [(("java-go", "cpp-rust"), 2, "c-old"), (("java-go",), 1, None)]
    jobs = {r["id"]: r for r in db.query("select * from jobs")}
    assert jobs[interrupted]["status"] == "done" and json.loads(jobs[interrupted]["payload"])["result"] == {
        "status": "promoted"}
    assert jobs[failing]["status"] == "failed" and "boom" in jobs[failing]["error"]
    assert json.loads(jobs[failing]["payload"])["cycle_id"] == "c-new"  # a rerun would resume that cycle
    assert jobs[bad]["status"] == "failed" and "unknown language pair" in jobs[bad]["error"]


def test_job_payload_overrides_cycle_settings():
    cfg = config_for_job({"config": {"pairs": ["cpp-rust"], "budget_minutes": 5, "nonsense": 1, "rounds": 1,
                                     "training": {"epochs": 1.5}}}, CycleConfig())
    assert cfg.pairs == ("cpp-rust",) and cfg.budget_minutes == 5
    assert cfg.training.count == 1 and cfg.training.epochs == 1.5 and cfg.training.rank == 16  # the rest kept


# --- real: the daemon runs a real cycle (default model, Docker), is killed, and resumes ------------------------
@pytest.mark.docker
@pytest.mark.model
@pytest.mark.slow
def test_daemon_resumes_a_killed_cycle_without_redoing_work(home):
    (home / "models").symlink_to(REAL_MODELS)  # the installed models, everything else in the temporary home
    db = store.open_db()
    config = {"pairs": ["java-go"], "seed_limit": 2, "expand_per_seed": 0, "rounds": 1, "steps": 1,
              "bench_limit": 0, "budget_minutes": 20}
    job = store.enqueue_job(db, "train", {"reason": "test", "config": config})
    cmd = [sys.executable, "-m", "act_train.cli", "daemon", "--once", "--nightly", "off"]
    daemon = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:  # kill it once the first seed's candidates exist
        if db.execute("select count(*) from synth_items where stage = 'candidate'").fetchone()[0]:
            break
        assert daemon.poll() is None, daemon.stderr.read()
        time.sleep(0.5)
    daemon.send_signal(signal.SIGKILL)
    daemon.wait()
    row = db["jobs"].get(job)
    assert row["status"] == "running"
    cycle_id = json.loads(row["payload"])["cycle_id"]
    seeds_before = db.execute("select count(*) from synth_items where stage = 'seed'").fetchone()[0]

    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    row = db["jobs"].get(job)
    assert row["status"] == "done", row["error"]
    assert json.loads(row["payload"])["result"]["cycle"] == cycle_id  # the same cycle went on
    cycle = db["cycles"].get(cycle_id)
    assert cycle["stage"] == "done" and cycle["status"] in ("promoted", "not_promoted", "no_data")
    seed_rows = list(db.query("select key, count(*) n from synth_items where stage = 'seed' group by key"))
    assert len(seed_rows) == 2 and all(r["n"] == 1 for r in seed_rows)  # seeds gated once, not again
    assert seeds_before >= 1
    log = (home / "logs" / "trainer.log").read_text()
    assert "re-queued 1 interrupted job" in log and f"job {job} done" in log
