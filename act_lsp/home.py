"""Where ACT keeps its state on disk: models, the database (SQLite unless a team's URL is set), adapters, logs.

One directory, ``$ACT_HOME``, so that the language server and the trainer agree without configuration,
and tests can point everything at a temporary folder with a single environment variable.
"""

from __future__ import annotations

import os
from pathlib import Path


def act_home() -> Path:
    """``$ACT_HOME``, else ``$XDG_DATA_HOME/act``, else ``~/.local/share/act``."""
    explicit = os.environ.get("ACT_HOME")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "act"


def models_dir() -> Path:
    return act_home() / "models"


def database_location() -> str:
    """``$ACT_DB`` (a separate SQLite file, e.g. for experiments, or a team's ``postgresql://`` URL), else
    ``$ACT_HOME/act.db``."""
    explicit = os.environ.get("ACT_DB")
    if explicit:
        return explicit if "://" in explicit else str(Path(explicit).expanduser())
    return str(act_home() / "act.db")
