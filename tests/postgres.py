"""A throwaway PostgreSQL server (Debian's package) on a Unix socket in a temporary directory, for the team-store
tests and the team benchmark. The server refuses to run as root, so as root it runs as the ``postgres`` user."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def _bin(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)),
                                       None)
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed: `make test` installs Debian's postgresql package "
                           "(apt-get install postgresql)")
    return found


class PostgresServer:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="act-pg-"))
        self.data, self.socket = self.dir / "data", self.dir / "run"
        self.socket.mkdir()
        self.log = self.dir / "server.log"
        os.chmod(self.dir, 0o755)
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._as:
            shutil.chown(self.dir, "postgres")
            shutil.chown(self.socket, "postgres")
        self._run(_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "act", "--no-sync", "-E", "UTF8")
        self.start()
        self._run(_bin("createdb"), "-h", str(self.socket), "-U", "act", "act")

    @property
    def url(self) -> str:
        return f"postgresql://act@/act?host={self.socket}"

    def _run(self, *cmd: str) -> None:
        done = subprocess.run([*self._as, *cmd], capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{' '.join(cmd[:2])} failed: {done.stderr.strip() or done.stdout.strip()}")

    def start(self) -> None:
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-o",
                  f"-k {self.socket} -c listen_addresses='' -F -c max_connections=100", "start")

    def stop(self) -> None:
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def close(self) -> None:
        try:
            self.stop()
        except RuntimeError:
            pass  # already stopped
        shutil.rmtree(self.dir, ignore_errors=True)
