"""Feedback writes the database could not take (a PostgreSQL server down or unreachable, a SQLite file locked past
its timeout), kept on local disk in order and written once it answers again: a database outage never costs a user's
accepted or edited translation.

Each process appends to a file of its own; whoever writes next replays every kept file, claiming each by an atomic
rename so that two editors never replay the same one (a replay cut short keeps the rest in a file that sorts first).
Replayed inserts skip rows already there, so a replay cut short and started again writes nothing twice.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Callable
from pathlib import Path


class Journal:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.own = directory / f"{os.getpid()}-{uuid.uuid4().hex[:8]}.jsonl"
        self._lock = threading.Lock()
        self.notices: list[str] = []  # for the user, once per outage
        self._outage = False

    def keep(self, op: dict, why: str) -> None:
        """Append ``op`` durably; the first write kept in an outage leaves a notice saying where it went."""
        with self._lock:
            self.directory.mkdir(parents=True, exist_ok=True)
            with open(self.own, "a", encoding="utf-8") as f:
                f.write(json.dumps(op) + "\n")
                f.flush()
                os.fsync(f.fileno())
            if not self._outage:
                self._outage = True
                self.notices.append(f"{why}. Feedback is kept in {self.directory} and written to the database "
                                    "when it answers again; nothing is lost")

    def answered(self) -> None:
        """The database took a write: the next one it cannot take starts a new outage (and a new notice)."""
        self._outage = False

    def files(self) -> list[Path]:
        return sorted(self.directory.glob("*.jsonl")) if self.directory.is_dir() else []

    def kept(self) -> list[dict]:
        """Every op waiting, oldest file first (for lookups and reports; replay claims files itself)."""
        ops: list[dict] = []
        for path in self.files():
            ops += _read(path)
        return ops

    def find_insert(self, table: str, key: str) -> dict | None:
        for op in self.kept():
            if op["op"] == "insert" and op["table"] == table and op["row"].get("id") == key:
                return op["row"]
        return None

    def replay(self, apply: Callable[[dict], None]) -> int:
        """Write every kept op through ``apply``, in order; on failure the rest is kept again and the error
        raised. Returns how many were written."""
        done = 0
        with self._lock:
            for path in self.files():
                claimed = path.with_name(f"{path.name}.replay-{os.getpid()}")
                try:
                    os.rename(path, claimed)
                except FileNotFoundError:  # another process claimed it first
                    continue
                ops = _read(claimed)
                for i, op in enumerate(ops):
                    try:
                        apply(op)
                    except Exception:
                        # the rest under a name that sorts before the file its owner may be appending to again
                        with open(path.with_name(f"{path.stem}-rest.jsonl"), "a", encoding="utf-8") as f:
                            f.writelines(json.dumps(o) + "\n" for o in ops[i:])
                        claimed.unlink()
                        raise
                    done += 1
                claimed.unlink()
        return done


def _read(path: Path) -> list[dict]:
    ops = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            ops.append(json.loads(line))
        except json.JSONDecodeError:  # a line cut short by a crash mid-write: the ops before it still count
            continue
    return ops
