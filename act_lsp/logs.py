"""What reaches the console: ACT's own lines and progress bars; everything else goes to the log file.

Libraries speak on stderr in their own ways: Python warnings (transformers' FutureWarnings, peft's
UserWarnings), their loggers, their own tqdm bars, and llama.cpp's C log lines (routed to the
``act_lsp.llama`` logger by ``engine.route_llama_logs``). By default the console shows ACT's warnings and
errors only; ``-v`` adds ACT's info lines and the libraries' warnings, ``-vv`` everything, llama.cpp included.
The log file, when there is one, always gets everything.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TextIO

OURS = ("act_lsp", "act_train", "act")  # loggers whose warnings a user must see
LLAMA = "act_lsp.llama"
FORMAT = "%(asctime)s %(name)s %(levelname)s %(message)s"


class _Console(logging.Filter):
    def __init__(self, verbose: int) -> None:
        super().__init__()
        self.verbose = verbose

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == LLAMA or record.name.startswith(LLAMA + "."):
            return self.verbose >= 2
        ours = record.name.split(".")[0] in OURS
        return ours or self.verbose >= 1


class _Stderr(logging.StreamHandler):
    """Writes to ``sys.stderr`` as it is when a line is logged: test runners and embedders swap it."""

    def __init__(self, console: TextIO | None) -> None:
        super().__init__(console)
        self._fixed = console

    @property
    def stream(self) -> TextIO:
        return self._fixed or sys.stderr

    @stream.setter
    def stream(self, value: TextIO | None) -> None:
        self._fixed = value


def quiet_libraries(verbose: int = 0) -> None:
    """Before transformers/peft are imported: their own progress bars and advisories off unless verbose."""
    if verbose:
        return
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TQDM_DISABLE", "1")  # e.g. transformers' "Converting and de-quantizing GGUF tensors"


def configure(verbose: int = 0, log_file: str | Path | None = None, *, console: TextIO | None = None) -> None:
    """Set up the root logger for a command line entry point (act-lsp, act-train). Idempotent."""
    quiet_libraries(verbose)
    reset()
    logging.captureWarnings(True)  # warnings.warn → the ``py.warnings`` logger, filtered like any library's
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose >= 2 else logging.INFO)  # libraries' debug chatter only on -vv
    logging.getLogger(LLAMA).setLevel(logging.DEBUG)  # llama.cpp's lines are DEBUG records: the file keeps them
    screen = _Stderr(console)
    screen.setLevel([logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)])
    screen.addFilter(_Console(verbose))
    screen.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handlers: list[logging.Handler] = [screen]
    unwritable = None
    if log_file:
        path = Path(log_file)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            to_file = logging.FileHandler(path, encoding="utf-8")
        except OSError as exc:  # a read-only home must not stop the program; the console says so
            unwritable = exc
        else:
            to_file.setLevel(logging.DEBUG)
            to_file.setFormatter(logging.Formatter(FORMAT))
            handlers.append(to_file)
    for handler in handlers:
        handler._act = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    if unwritable:
        logging.getLogger("act_lsp.logs").warning("no log file: %s", unwritable)


def reset() -> None:
    """Undo ``configure`` (for a command run inside another program, e.g. a test runner)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_act", False)]:
        root.removeHandler(handler)
        handler.close()
    logging.captureWarnings(False)
    root.setLevel(logging.WARNING)  # Python's default
