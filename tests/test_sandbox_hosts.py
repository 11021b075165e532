"""The sandbox pool over two Docker engines: the machine's own and a second ``dockerd`` on its own socket, started
here as a team would run one per build host. Jobs spread over both with the same hardened containers; an engine
that dies mid-run is taken out and its jobs run again on the other, and rejoins once it answers again."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from act_lsp.sandbox import Job, Limits, SandboxConfig, SandboxPool
from act_lsp.sandbox.docker_client import docker_client
from act_lsp.sandbox.image import copy_image

pytestmark = pytest.mark.docker

ROOT = Path("/var/lib/act-test-docker2")  # the second engine's images persist here between runs (one copy)
RUN = Path("/run/act-test-docker2")
SOCKET = f"unix://{RUN}.sock"


def _as_root(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return cmd
    if shutil.which("sudo"):
        return ["sudo", "-n", *cmd]
    pytest.fail("starting a second Docker engine needs root (or sudo): these tests run dockerd on its own socket")


def _clean_after_kill() -> None:
    """What a killed engine leaves behind: its containerd and container shims, its containers' mounts and its
    runtime directory. The data root (the image) stays."""
    subprocess.run(_as_root(["pkill", "-9", "-f", f"{RUN}/containerd"]), check=False)
    mounts = [line.split()[1] for line in Path("/proc/mounts").read_text().splitlines()
              if line.split()[1].startswith((f"{RUN}/", f"{ROOT}/"))]
    for mount in sorted(mounts, reverse=True):
        subprocess.run(_as_root(["umount", "-l", mount]), check=False)
    subprocess.run(_as_root(["rm", "-rf", str(RUN), f"{RUN}.pid"]), check=False)


def _start_engine() -> subprocess.Popen:
    _clean_after_kill()
    subprocess.run(_as_root(["mkdir", "-p", str(ROOT), str(RUN)]), check=True)
    log = open(f"/tmp/act-test-docker2-{os.getpid()}.log", "w")  # noqa: SIM115 - the daemon's lifetime
    proc = subprocess.Popen(_as_root(["dockerd", "--host", SOCKET, "--data-root", str(ROOT), "--exec-root", str(RUN),
                                      "--pidfile", f"{RUN}.pid", "--bridge", "none", "--iptables=false",
                                      "--ip6tables=false"]), stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            docker_client(SOCKET)
            return proc
        except Exception:  # noqa: BLE001 - not up yet
            if proc.poll() is not None:
                break
            time.sleep(0.5)
    proc.kill()
    pytest.fail(f"the second dockerd did not start; see {log.name}")


def _stop_engine(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Stop the engine; SIGKILL is a host that fails: its containerd and container shims go with it."""
    subprocess.run(_as_root(["kill", f"-{sig}", str(proc.pid)]), check=False)
    proc.wait(timeout=60)
    if sig == signal.SIGKILL:
        _clean_after_kill()


@pytest.fixture(scope="module")
def second_engine():
    """``{"proc": the dockerd}``; a test that kills it may start it again (``_running``)."""
    engine = {"proc": _start_engine()}
    copy_image(SOCKET, log=lambda _m: None)  # about 40 s the first time; kept in ROOT afterwards
    yield engine
    proc = _running(engine)  # started again if a test stopped it, so it removes what the test left
    for container in docker_client(SOCKET).containers.list(all=True):
        container.remove(force=True)
    _stop_engine(proc)


def _running(engine: dict) -> subprocess.Popen:
    if engine["proc"].poll() is not None:
        engine["proc"] = _start_engine()
    return engine["proc"]


SLEEPY = Job.of("python", "import time\ntime.sleep(1.5)\nprint('ok')\n", limits=Limits(run_timeout=20))


def test_jobs_spread_over_two_engines_in_the_same_hardened_containers(second_engine):
    _running(second_engine)
    with SandboxPool(SandboxConfig(hosts=(SOCKET, os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")),
                                   workers=2, memory_mb=512)) as pool:
        results = pool.run_batch([SLEEPY] * 8)
        assert [r.status for r in results] == ["passed"] * 8 and all(r.stdout.strip() == "ok" for r in results)
        assert [len(e.containers) for e in pool.engines] == [2, 2] and pool.workers == 4
        for engine in pool.engines:
            container = next(iter(engine.containers))
            container.reload()
            host = container.attrs["HostConfig"]
            assert host["ReadonlyRootfs"] is True and host["NetworkMode"] == "none" and host["CapDrop"] == ["ALL"]
            assert host["Memory"] == host["MemorySwap"] == 512 << 20
            assert container.attrs["Config"]["User"] == "1000:1000"


def test_an_engine_that_dies_mid_run_is_taken_out_and_its_jobs_run_elsewhere(second_engine):
    local = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    _running(second_engine)
    with SandboxPool(SandboxConfig(hosts=(SOCKET, local), workers=2, readmit_after=1.0)) as pool:
        done: list = []
        batch = threading.Thread(target=lambda: done.extend(pool.run_batch([SLEEPY] * 12)))
        batch.start()
        deadline = time.monotonic() + 60
        engine = pool.engines[0]
        while len(engine.containers) < 2 and time.monotonic() < deadline:  # jobs are running on the second engine
            time.sleep(0.05)
        time.sleep(0.3)
        _stop_engine(second_engine["proc"], signal.SIGKILL)  # the host fails: its API is gone at once
        batch.join(timeout=300)
        assert [r.status for r in done] == ["passed"] * 12, [r.stderr[:200] for r in done if r.status != "passed"]
        assert pool.engines[0].down and not pool.engines[1].down
        assert pool.rerun >= 1  # the jobs that were running there ran again on the local engine
        assert [r.status for r in pool.run_batch([SLEEPY] * 2)] == ["passed"] * 2  # the pool carries on, one engine
        _running(second_engine)  # the host is back: asked again after readmit_after, it rejoins with new containers
        time.sleep(1.0)
        assert [r.status for r in pool.run_batch([SLEEPY] * 8)] == ["passed"] * 8
        assert not pool.engines[0].down and len(pool.engines[0].containers) == 2 and pool.workers == 4


def test_a_pool_on_one_engine_reports_its_failure_and_serves_again_when_it_is_back(second_engine):
    _running(second_engine)
    with SandboxPool(SandboxConfig(hosts=(SOCKET,), workers=1)) as pool:
        assert pool.run(SLEEPY).status == "passed"
        _stop_engine(second_engine["proc"])
        down = pool.run(SLEEPY)
        assert down.status == "sandbox_error" and not pool.engines[0].down  # reported, not raised; still in
        _running(second_engine)
        assert pool.run(SLEEPY).status == "passed"  # the engine is back: a new container serves
