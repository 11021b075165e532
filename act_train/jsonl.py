"""Reading JSONL files whose every line must become a record: one loop, errors that name the line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def read_records(path: str | Path, make: Callable[[dict], T], what: str) -> list[T]:
    """``make(row)`` for every non-empty line; a bad line raises ``ValueError`` "<path>:<line>: not <what> (...)"."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(make(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: not {what} ({exc})") from None
    return out
