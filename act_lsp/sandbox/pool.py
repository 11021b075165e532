"""Run sandbox jobs in Docker: a warm pool of long-lived locked-down containers, or one container per job.

A pool container is started once and reused: each job is one ``docker exec`` of the runner, which makes
a fresh work dir and, afterwards, kills every leftover process and empties the writable mounts. A
container that timed out, ran out of memory, flooded output or stopped answering is thrown away and
replaced, so one hostile program never affects the next job.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from act_lsp.sandbox.docker_client import docker_client
from act_lsp.sandbox.image import require_image
from act_lsp.sandbox.types import Job, RunResult, SandboxError

RUNNER = ["python3", "/opt/act/runner.py", "--sweep"]
SANDBOX_UID = "1000:1000"
LABEL = "org.act.sandbox"
OWNER_LABEL = "org.act.owner"  # "<hostname>:<pid>" of the process that owns the container
log = logging.getLogger("act_lsp.sandbox")
DIRTY_STATUSES = frozenset({"timeout", "memory_limit", "output_limit", "sandbox_error"})


@dataclass(frozen=True, kw_only=True)
class SandboxConfig:
    """Container-wide limits and pool size. Per-job timeouts and output caps live in ``Limits``."""

    image: str | None = None  # None: the image built from this checkout's sandbox/ (content-hashed tag)
    workers: int = 2  # containers (jobs at once) per engine
    # Docker engines to spread jobs over (DOCKER_HOST-style URLs: unix://, tcp:// with TLS, ssh://); empty: the
    # environment's engine. Default: $ACT_DOCKER_HOSTS, comma-separated.
    hosts: tuple[str, ...] = field(default_factory=lambda: tuple(
        h.strip() for h in os.environ.get("ACT_DOCKER_HOSTS", "").split(",") if h.strip()))
    readmit_after: float = 60.0  # seconds before an engine taken out is asked again whether it answers
    memory_mb: int = 1024  # hard limit, no swap
    cpus: float = 1.0  # CPU quota per container
    pids_limit: int = 256
    work_tmpfs_mb: int = 512  # /work, where jobs run
    tmp_tmpfs_mb: int = 64

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError("`workers` must be at least 1")
        if self.memory_mb < 128:
            raise ValueError("`memory_mb` must be at least 128")


def container_options(config: SandboxConfig) -> dict:
    """Everything that locks a container down; shared by the pool and the per-job mode."""
    mem = f"{config.memory_mb}m"
    return {
        "network_disabled": True,
        "read_only": True,
        "user": SANDBOX_UID,
        "working_dir": "/work",
        "tmpfs": {
            "/work": f"rw,exec,nosuid,nodev,size={config.work_tmpfs_mb}m,mode=1777",
            "/tmp": f"rw,exec,nosuid,nodev,size={config.tmp_tmpfs_mb}m,mode=1777",
        },
        "cap_drop": ["ALL"],
        "security_opt": ["no-new-privileges"],
        "pids_limit": config.pids_limit,
        "mem_limit": mem,
        "memswap_limit": mem,  # equal to mem_limit: no swap
        "nano_cpus": int(config.cpus * 1e9),
        "ulimits": [{"Name": "core", "Soft": 0, "Hard": 0}, {"Name": "nofile", "Soft": 1024, "Hard": 1024}],
        "labels": {LABEL: "1", OWNER_LABEL: _owner()},
        "network_mode": "none",
        "ipc_mode": "private",
    }


def _owner() -> str:
    return f"{os.uname().nodename}:{os.getpid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reap_orphans(client=None) -> int:
    """Remove sandbox containers whose owning process on this host is gone (a crash, a kill -9)."""
    host = os.uname().nodename
    removed = 0
    for container in (client or docker_client()).containers.list(all=True, filters={"label": LABEL}):
        owner_host, _, pid = container.labels.get(OWNER_LABEL, ":").rpartition(":")
        if owner_host == host and pid.isdigit() and not _alive(int(pid)):
            _remove(container)
            removed += 1
    return removed


def _create_container(config: SandboxConfig, image: str, client=None):
    client = client or docker_client()
    opts = container_options(config)
    opts.pop("network_disabled")
    return client.containers.run(image, command=["python3", "/opt/act/runner.py", "--reaper"], detach=True, **opts)


def _read_frames(sock: socket.socket, deadline: float) -> tuple[bytes, bytes]:
    """Read Docker's multiplexed stream (8-byte headers) until EOF or the deadline."""
    out, err, buf = bytearray(), bytearray(), bytearray()
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("sandbox runner did not answer in time")
        sock.settimeout(remaining)
        chunk = sock.recv(65536)
        if not chunk:
            break
        buf += chunk
        while len(buf) >= 8:
            stream, size = buf[0], struct.unpack(">I", bytes(buf[4:8]))[0]
            if len(buf) < 8 + size:
                break
            (out if stream == 1 else err).extend(buf[8 : 8 + size])
            del buf[: 8 + size]
    return bytes(out), bytes(err)


def exec_job(container, job: Job) -> RunResult:
    """Run one job in a started container through the runner; never raises for the job's own faults."""
    api = container.client.api  # the engine that runs this container
    payload = json.dumps(job.payload()).encode()
    deadline = time.monotonic() + job.limits.compile_timeout + job.limits.run_timeout + 30
    exec_id = api.exec_create(container.id, RUNNER, stdin=True, stdout=True, stderr=True, user=SANDBOX_UID)["Id"]
    raw = api.exec_start(exec_id, socket=True)
    sock = getattr(raw, "_sock", raw)
    try:
        sock.sendall(payload)
        sock.shutdown(socket.SHUT_WR)
        out, err = _read_frames(sock, deadline)
    finally:
        sock.close()
    try:
        data = json.loads(out.decode("utf-8", "replace"))
    except json.JSONDecodeError:
        return RunResult.sandbox_error(f"runner gave no result: {err.decode('utf-8', 'replace')[-2000:]}", job.id)
    return RunResult.from_runner(data, job.id)


def _memory_killed(container) -> bool:
    try:
        container.reload()
        return bool(container.attrs["State"].get("OOMKilled"))
    except Exception:
        return False


def _remove(container) -> None:
    try:
        container.remove(force=True)
    except Exception:
        pass


def _run_in(container, job: Job) -> tuple[RunResult, bool]:
    """Returns the result and whether the container must be replaced."""
    try:
        result = exec_job(container, job)
    except TimeoutError as exc:
        return RunResult(status="timeout", exit_code=-9, stderr=str(exc), job_id=job.id), True
    except Exception as exc:  # the container died under us (e.g. its runner was OOM-killed)
        if _memory_killed(container):
            return RunResult(status="memory_limit", exit_code=-9, stderr="container was OOM-killed",
                             job_id=job.id), True
        return RunResult.sandbox_error(f"{type(exc).__name__}: {exc}", job.id), True
    return result, result.status in DIRTY_STATUSES


class _NotCreated(Exception):
    def __init__(self, engine: _Engine, error: Exception) -> None:
        super().__init__(str(error))
        self.engine, self.error = engine, error


class _Engine:
    """One Docker engine of the pool: its client, its image and its containers."""

    def __init__(self, host: str | None, config: SandboxConfig) -> None:
        self.host = host
        self.client = docker_client(host)
        self.image = config.image or require_image(host)
        reap_orphans(self.client)
        self.idle: list = []
        self.containers: set = set()
        self.created = 0  # containers made or being made
        self.busy = 0
        self.down = ""  # why it was taken out of the pool
        self.down_at = 0.0  # when (monotonic)
        self.asking = False  # a job is asking whether it answers again

    @property
    def name(self) -> str:
        return self.host or "the local engine"

    def answers(self) -> bool:
        """Whether the engine still answers, asked twice: one going down may still take the first connection."""
        for pause in (0.0, 0.3):
            time.sleep(pause)
            try:
                self.client.ping()
            except Exception:  # noqa: BLE001 - any failure to answer means the engine is gone for this pool
                return False
        return True


class SandboxPool:
    """A warm pool of sandbox containers over one or more Docker engines; ``run`` is thread-safe, ``run_batch``
    keeps every engine's ``workers`` containers busy. An engine that stops answering is taken out and the job it
    was running goes to another one."""

    def __init__(self, config: SandboxConfig | None = None) -> None:
        self.config = config or SandboxConfig()
        # The first engine's failure (Docker down, no image) is the error; with several, the rest may carry on.
        self.engines: list[_Engine] = []
        problems = []
        for host in self.config.hosts or (None,):
            try:
                self.engines.append(_Engine(host, self.config))
            except SandboxError as exc:
                if len(self.config.hosts) <= 1:
                    raise
                problems.append(str(exc))
                log.warning("sandbox engine left out: %s", exc)
        if not self.engines:
            raise SandboxError("no Docker engine of the pool can be used: " + "; ".join(problems))
        self.image = self.engines[0].image
        self._cond = threading.Condition()
        self._closed = False
        self.replaced = 0
        self.rerun = 0  # jobs moved to another engine after theirs went down (starting or running them)
        atexit.register(self.close)

    @property
    def workers(self) -> int:
        return self.config.workers * max(1, sum(1 for e in self.engines if not e.down))

    def _readmit(self) -> None:
        """Ask the engines taken out ``readmit_after`` ago whether they answer; those that do come back, with new
        containers (what they ran before is removed). Asked by the job that finds one due, outside the lock."""
        now = time.monotonic()
        with self._cond:
            due = [e for e in self.engines
                   if e.down and not e.asking and now - e.down_at >= self.config.readmit_after]
            for engine in due:
                engine.asking = True
        for engine in due:
            back = engine.answers()
            stale = []
            with self._cond:
                engine.asking = False
                if back:
                    stale = list(engine.containers)  # from before it went down: none is reused
                    engine.containers.clear()
                    engine.created = engine.busy  # their containers are released as removed (the engine was down)
                    engine.down = ""
                    self._cond.notify_all()
                else:
                    engine.down_at = time.monotonic()
            if back:
                log.warning("sandbox engine %s answers again: back in the pool", engine.name)
                for container in stale:
                    _remove(container)

    def _borrow(self) -> tuple[_Engine, object]:
        self._readmit()
        with self._cond:
            while True:
                if self._closed:
                    raise SandboxError("the sandbox pool is closed")
                live = [e for e in self.engines if not e.down]
                if not live:
                    raise SandboxError("every Docker engine of the sandbox pool is down: "
                                       + "; ".join(f"{e.name}: {e.down}" for e in self.engines))
                ready = [e for e in live if e.idle]
                if ready:
                    engine = min(ready, key=lambda e: e.busy)
                    engine.busy += 1
                    return engine, engine.idle.pop()
                room = [e for e in live if e.created < self.config.workers]
                if room:
                    engine = min(room, key=lambda e: e.created)
                    engine.created += 1
                    engine.busy += 1
                    break
                self._cond.wait()
        try:
            container = _create_container(self.config, engine.image, engine.client)
        except Exception as exc:
            self._release(engine, None)
            raise _NotCreated(engine, exc) from exc
        with self._cond:
            engine.containers.add(container)
        return engine, container

    def _release(self, engine: _Engine, container, *, dirty: bool = True) -> None:
        """Back to the engine's idle list, or removed: a dirty container, one of an engine taken out or of a closed
        pool (``container`` None: one that could not be made)."""
        with self._cond:
            keep = container is not None and not dirty and not engine.down and not self._closed
            engine.busy -= 1
            if keep:
                engine.idle.append(container)
            else:
                engine.created -= 1
                engine.containers.discard(container)
                self.replaced += container is not None and dirty
            self._cond.notify_all()
        if container is not None and not keep:
            _remove(container)

    def _gone(self, engine: _Engine, reason: str) -> bool:
        """After a failure on ``engine``: whether it is out of the pool (taken out now, or by another job before).
        The last engine in is not asked (it stays in whatever it answers), so a one-engine pool pays no pings."""
        if engine.down:
            return True
        if self._in_pool() <= 1 or engine.answers():
            return False
        self._take_out(engine, reason)
        return bool(engine.down)  # taken out now, or by a job that saw it fail at the same time

    def _in_pool(self) -> int:
        return sum(1 for e in self.engines if not e.down)

    def _take_out(self, engine: _Engine, reason: str) -> bool:
        """Whether ``engine`` is now out. The last one stays in: its jobs report the sandbox error, and it serves again
        once it answers (a restarted engine), as a one-engine pool always did."""
        with self._cond:
            if engine.down or self._in_pool() <= 1:
                return False
            engine.down, engine.down_at = reason, time.monotonic()
            engine.idle.clear()
            self._cond.notify_all()
        log.warning("sandbox engine %s taken out of the pool (asked again in %.0f s): %s",
                    engine.name, self.config.readmit_after, reason)
        return True

    def run(self, job: Job) -> RunResult:
        result = None
        for _ in range(len(self.engines)):
            try:
                engine, container = self._borrow()
            except _NotCreated as failed:  # is its engine gone (then: another engine), or did only this fail?
                why = f"{type(failed.error).__name__}: {failed.error}"
                if self._gone(failed.engine, why):
                    self.rerun += 1
                    continue
                return RunResult.sandbox_error(f"cannot start a sandbox container: {why}", job.id)
            result, dirty = _run_in(container, job)
            if result.status == "sandbox_error" and self._gone(engine, result.stderr[:200]):
                self._release(engine, container)
                self.rerun += 1
                continue  # the job's fault is unknown: it runs again on an engine that answers
            self._release(engine, container, dirty=dirty)
            return result
        return result or RunResult.sandbox_error("no Docker engine of the pool could run the job", job.id)

    def run_batch(self, jobs: Iterable[Job], on_result: Callable[[Job, RunResult], None] | None = None,
                  ) -> list[RunResult]:
        jobs = list(jobs)

        def one(job: Job) -> RunResult:
            result = self.run(job)
            if on_result:
                on_result(job, result)
            return result

        self._readmit()  # before sizing the batch, so an engine back in gets its share
        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="act-sandbox") as ex:
            return list(ex.map(one, jobs))

    def close(self) -> None:
        atexit.unregister(self.close)
        with self._cond:
            self._closed = True
            containers = [c for e in self.engines for c in e.containers]
            for e in self.engines:
                e.containers, e.idle = set(), []
            self._cond.notify_all()
        for container in containers:
            _remove(container)

    def __enter__(self) -> SandboxPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def run_in_fresh_container(job: Job, config: SandboxConfig | None = None) -> RunResult:
    """One container per job (start, run, remove): the slow, simple mode the pool is measured against."""
    config = config or SandboxConfig()
    container = _create_container(config, config.image or require_image())
    try:
        result, _ = _run_in(container, job)
        return result
    finally:
        _remove(container)
