"""Run sandbox jobs in Docker: a warm pool of long-lived locked-down containers, or one container per job.

A pool container is started once and reused: each job is one ``docker exec`` of the runner, which makes
a fresh work dir and, afterwards, kills every leftover process and empties the writable mounts. A
container that timed out, ran out of memory, flooded output or stopped answering is thrown away and
replaced, so one hostile program never affects the next job.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from act_lsp.sandbox.docker_client import docker_client
from act_lsp.sandbox.image import require_image
from act_lsp.sandbox.types import Job, RunResult, SandboxError

RUNNER = ["python3", "/opt/act/runner.py", "--sweep"]
SANDBOX_UID = "1000:1000"
LABEL = "org.act.sandbox"
OWNER_LABEL = "org.act.owner"  # "<hostname>:<pid>" of the process that owns the container
DIRTY_STATUSES = frozenset({"timeout", "memory_limit", "output_limit", "sandbox_error"})


@dataclass(frozen=True, kw_only=True)
class SandboxConfig:
    """Container-wide limits and pool size. Per-job timeouts and output caps live in ``Limits``."""

    image: str | None = None  # None: the image built from this checkout's sandbox/ (content-hashed tag)
    workers: int = 2
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


def reap_orphans() -> int:
    """Remove sandbox containers whose owning process on this host is gone (a crash, a kill -9)."""
    host = os.uname().nodename
    removed = 0
    for container in docker_client().containers.list(all=True, filters={"label": LABEL}):
        owner_host, _, pid = container.labels.get(OWNER_LABEL, ":").rpartition(":")
        if owner_host == host and pid.isdigit() and not _alive(int(pid)):
            _remove(container)
            removed += 1
    return removed


def _create_container(config: SandboxConfig, image: str):
    client = docker_client()
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
    api = docker_client().api
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


class SandboxPool:
    """A warm pool of sandbox containers; ``run`` is thread-safe, ``run_batch`` uses ``workers`` threads."""

    def __init__(self, config: SandboxConfig | None = None) -> None:
        self.config = config or SandboxConfig()
        self.image = self.config.image or require_image()
        reap_orphans()  # also fails now, with the clear message, if the engine is down
        self._idle: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._all: set = set()
        self._created = 0
        self._closed = False
        self.replaced = 0
        atexit.register(self.close)

    def _borrow(self):
        with self._lock:
            if self._closed:
                raise SandboxError("the sandbox pool is closed")
            if self._idle.empty() and self._created < self.config.workers:
                self._created += 1
                make = True
            else:
                make = False
        if make:
            try:
                container = _create_container(self.config, self.image)
            except Exception:
                with self._lock:
                    self._created -= 1
                raise
            with self._lock:
                self._all.add(container)
            return container
        return self._idle.get()

    def _give_back(self, container, dirty: bool) -> None:
        if dirty:
            _remove(container)
            with self._lock:
                self._all.discard(container)
                self._created -= 1
                self.replaced += 1
            return
        self._idle.put(container)

    def run(self, job: Job) -> RunResult:
        try:
            container = self._borrow()
        except SandboxError:
            raise
        except Exception as exc:
            return RunResult.sandbox_error(f"cannot start a sandbox container: {exc}", job.id)
        result, dirty = _run_in(container, job)
        self._give_back(container, dirty)
        return result

    def run_batch(self, jobs: Iterable[Job], on_result: Callable[[Job, RunResult], None] | None = None,
                  ) -> list[RunResult]:
        jobs = list(jobs)

        def one(job: Job) -> RunResult:
            result = self.run(job)
            if on_result:
                on_result(job, result)
            return result

        with ThreadPoolExecutor(max_workers=self.config.workers, thread_name_prefix="act-sandbox") as ex:
            return list(ex.map(one, jobs))

    def close(self) -> None:
        atexit.unregister(self.close)
        with self._lock:
            self._closed = True
            containers, self._all = list(self._all), set()
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
