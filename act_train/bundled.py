"""Adapters that ship with ACT: trained on the committed pairs, measured, and promoted when the model is installed.

A fresh install should serve what the data engine has already learned without spending the 20 minutes of CPU
that training from ``data/pairs`` takes per pair. Each entry of ``data/adapters/adapters.json`` names the adapter
file (the exact file that was measured, checked by sha256), the base model it was trained on, and the metrics
measured with and without it. Installing registers it for its pair and promotes it through the same gate as a
cycle's round, against the base model's measured metrics. A newer bundled adapter replaces an older bundled one
(an upgrade); a pair that serves a version of its own (a cycle's, a finetune's) keeps it; and a pair whose bundled
adapter was rolled back gets none again (an adapter registered once is never registered again either).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from act_lsp import store
from act_lsp.database import Database
from act_lsp.home import act_home
from act_lsp.model_store import BUNDLED_MODELS, is_installed, sha256_file
from act_train import registry

ADAPTERS_DIR = Path(__file__).resolve().parents[1] / "data" / "adapters"
_BUNDLED = "bundled: "  # how a bundled adapter's registered version names its data


@dataclass(frozen=True)
class BundledAdapter:
    pair: str
    file: Path
    sha256: str
    base_model: str  # a bundled model's name
    metrics: dict  # measured with the adapter (the gate reads ``val_pass@1`` and the ``bench:`` keys)
    baseline: dict  # the same measurements of the base model alone
    description: str


def bundled_adapters(directory: Path = ADAPTERS_DIR) -> list[BundledAdapter]:
    index = directory / "adapters.json"
    if not index.is_file():
        return []
    return [BundledAdapter(pair=e["pair"], file=directory / e["file"], sha256=e["sha256"], base_model=e["base_model"],
                           metrics=e["metrics"], baseline=e["baseline"], description=e["description"])
            for e in json.loads(index.read_text())]


def install_adapters(db: Database, *, directory: Path = ADAPTERS_DIR, log: Callable[[str], None] = print,
                     ) -> list[str]:
    """Register and promote the bundled adapters whose base model is installed; returns the versions promoted."""
    promoted = []
    registered = {row["adapter_sha256"] for row in registry.versions(db)}
    for adapter in bundled_adapters(directory):
        base = BUNDLED_MODELS[adapter.base_model]
        if adapter.sha256 in registered:
            continue  # installed before (and perhaps rolled back since: that choice stands)
        if not is_installed(base):
            log(f"{adapter.pair}: the bundled adapter needs {base.name}, which is not installed; skipped")
            continue
        if not adapter.file.is_file() or sha256_file(adapter.file) != adapter.sha256:
            log(f"{adapter.pair}: {adapter.file} is missing or not the file that was measured; skipped")
            continue
        served = store.promoted_version(db, adapter.pair)
        if served is not None and not _bundled(served):
            log(f"{adapter.pair}: a trained version is already served; the bundled adapter is not installed")
            continue
        if served is None and any(_bundled(v) and v["pair"] == adapter.pair and v["promoted_at"]
                                  for v in registry.versions(db)):  # promoted once, served no more
            log(f"{adapter.pair}: the bundled adapter was rolled back; that choice stands")
            continue
        # A copy in the ACT home: promotion writes the merged model next to the adapter, not into the checkout.
        copy = act_home() / "adapters" / f"bundled-{adapter.pair}-{adapter.sha256[:12]}.gguf"
        copy.parent.mkdir(parents=True, exist_ok=True)
        if not copy.is_file() or sha256_file(copy) != adapter.sha256:
            shutil.copyfile(adapter.file, copy)
        version = registry.register(db, pair=adapter.pair, base_model=base.path, adapter_path=copy,
                                    metrics=adapter.metrics, data_version=f"{_BUNDLED}{adapter.description}")
        try:
            # Against the base model measured alongside it (an older bundled adapter was measured on other tests).
            registry.promote(db, version, current=adapter.baseline)
        except registry.PromotionRefused as exc:
            log(f"{adapter.pair}: bundled adapter {version} registered, not promoted ({exc})")
            continue
        log(f"{adapter.pair}: bundled adapter promoted as {version} ({adapter.description})")
        promoted.append(version)
    return promoted


def _bundled(version: dict) -> bool:
    return (version.get("data_version") or "").startswith(_BUNDLED)
