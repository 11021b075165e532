#!/usr/bin/env python3
"""ACT sandbox runner: executes one job read as JSON on stdin and prints one JSON result on stdout.

It knows no language. The host sends the files, an optional compile command and a run command; this
script owns what must happen next to the processes: a fresh work directory, wall-clock timeouts that
kill the whole process tree, capped output, detection of the memory killer, and cleanup afterwards so
that the next job in the same (warm) container starts from a clean state.

Modes:
  runner.py            run one job (stdin JSON -> stdout JSON)
  runner.py --sweep    the same, then kill every other process of this uid (inside the sandbox only)
  runner.py --reaper   PID 1 of a pool container: reap orphans forever

Standard library only: it runs inside the sandbox image (Debian's python3) and on the host.
"""

from __future__ import annotations

import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time

OOM_COUNTER_FILES = (
    "/sys/fs/cgroup/memory.events",  # cgroup v2: "oom_kill N"
    "/sys/fs/cgroup/memory/memory.oom_control",  # cgroup v1: "oom_kill N"
)


def oom_kills() -> int:
    for path in OOM_COUNTER_FILES:
        try:
            with open(path) as fh:
                for line in fh:
                    key, _, value = line.partition(" ")
                    if key == "oom_kill":
                        return int(value)
        except (OSError, ValueError):
            continue
    return -1


def kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_phase(argv: list[str], cwd: str, env: dict, timeout: float, budget: list[int]) -> dict:
    """Run one command in its own session; ``budget`` is the shared remaining output allowance."""
    oom_before = oom_kills()
    start = time.monotonic()
    try:
        proc = subprocess.Popen(
            argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, start_new_session=True,
        )
    except OSError as exc:
        return {"exit_code": 127, "stdout": "", "stderr": f"cannot start {argv[0]}: {exc}", "seconds": 0.0,
                "reason": None}
    chunks: dict[str, list[bytes]] = {"stdout": [], "stderr": []}
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ, "stdout")
    sel.register(proc.stderr, selectors.EVENT_READ, "stderr")
    reason = None
    deadline = start + timeout
    exited_at = None
    while sel.get_map():
        now = time.monotonic()
        if now >= deadline:
            reason = "timeout"
            break
        if exited_at is None and proc.poll() is not None:
            exited_at = now
        # Background children may hold the pipes open after the main process exits: drain briefly, then stop.
        if exited_at is not None and now - exited_at > 0.2:
            break
        for key, _ in sel.select(timeout=0.05):
            data = os.read(key.fileobj.fileno(), 65536)
            if not data:
                sel.unregister(key.fileobj)
                continue
            keep = data[: max(budget[0], 0)]
            budget[0] -= len(data)
            chunks[key.data].append(keep)
            if budget[0] < 0:
                reason = "output_limit"
                break
        if reason:
            break
    if reason or proc.poll() is None:
        kill_group(proc)
    try:
        exit_code = proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        exit_code = -9
    seconds = time.monotonic() - start
    sel.close()
    proc.stdout.close()
    proc.stderr.close()
    if reason is None and exit_code == -signal.SIGKILL:
        # Nobody here sent that SIGKILL: the kernel's memory killer did, or something we cannot see.
        reason = "memory_limit"
    if reason is None and oom_before >= 0 and oom_kills() > oom_before:
        reason = "memory_limit"
    return {
        "exit_code": exit_code,
        "stdout": b"".join(chunks["stdout"]).decode("utf-8", "replace"),
        "stderr": b"".join(chunks["stderr"]).decode("utf-8", "replace"),
        "seconds": round(seconds, 4),
        "reason": reason,
    }


def safe_join(root: str, name: str) -> str:
    if not name or name.startswith("/") or ".." in name.split("/"):
        raise ValueError(f"bad file name {name!r}")
    path = os.path.normpath(os.path.join(root, name))
    if not path.startswith(root + os.sep):
        raise ValueError(f"bad file name {name!r}")
    return path


def expand(argv: list[str], workdir: str) -> list[str]:
    return [a.replace("{workdir}", workdir) for a in argv]


def run_job(job: dict) -> dict:
    root = job.get("work_root") or tempfile.gettempdir()
    os.makedirs(root, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="job-", dir=root)
    try:
        for name, text in job["files"].items():
            path = safe_join(workdir, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
        os.makedirs(os.path.join(workdir, ".tmp"))  # Go refuses a go.mod that sits in $TMPDIR itself
        env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "HOME": workdir,
            "TMPDIR": os.path.join(workdir, ".tmp"),
        }
        if job.get("inherit_path"):  # host-toolchain mode (benchmark floor): keep the caller's toolchains
            env["PATH"] = os.environ.get("PATH", env["PATH"])
            env["RUSTUP_HOME"] = os.environ.get("RUSTUP_HOME", os.path.expanduser("~/.rustup"))
        env.update({k: v.replace("{workdir}", workdir) for k, v in job.get("env", {}).items()})
        budget = [int(job.get("output_limit", 1 << 20))]
        result = {"status": "passed", "exit_code": 0, "stdout": "", "stderr": "", "compile_seconds": 0.0,
                  "run_seconds": 0.0, "phase": "run"}
        if job.get("compile"):
            comp = run_phase(expand(job["compile"], workdir), workdir, env, job["compile_timeout"], budget)
            result["compile_seconds"] = comp["seconds"]
            if comp["reason"] or comp["exit_code"] != 0:
                result.update(phase="compile", exit_code=comp["exit_code"], stdout=comp["stdout"],
                              stderr=comp["stderr"], status=comp["reason"] or "compile_error")
                return result
        run = run_phase(expand(job["run"], workdir), workdir, env, job["run_timeout"], budget)
        result.update(exit_code=run["exit_code"], stdout=run["stdout"], stderr=run["stderr"],
                      run_seconds=run["seconds"])
        result["status"] = run["reason"] or ("passed" if run["exit_code"] == 0 else "failed")
        return result
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def sweep() -> None:
    """Kill every process of this uid but ourselves and PID 1, then empty /tmp: the next job starts clean."""
    if os.getuid() == 0 or os.getpid() == 1:
        return  # never on a host as root; PID 1 mode never sweeps itself
    me = os.getpid()
    for _ in range(50):
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
        others = [p for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, me)]
        if not others:
            break
        time.sleep(0.02)
    for root in ("/tmp", "/work"):
        if os.path.isdir(root):
            for entry in os.listdir(root):
                path = os.path.join(root, entry)
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    try:
                        os.unlink(path)
                    except OSError:
                        pass


def reaper() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        try:
            os.wait()
        except ChildProcessError:
            time.sleep(0.5)


def main() -> int:
    if "--reaper" in sys.argv:
        reaper()
        return 0
    try:
        job = json.loads(sys.stdin.buffer.read())
        result = run_job(job)
    except Exception as exc:  # a broken job or runner must still answer with one JSON line
        result = {"status": "sandbox_error", "exit_code": -1, "stdout": "", "stderr": f"{type(exc).__name__}: {exc}",
                  "compile_seconds": 0.0, "run_seconds": 0.0, "phase": "setup"}
    finally:
        if "--sweep" in sys.argv:
            sweep()
    sys.stdout.write(json.dumps(result))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
