"""Model versions: base-model hash, adapter + sha256, training-data version, metrics, and a status
(candidate → promoted → retired). The language server serves whatever is promoted, swapping in place.

The promotion gate: a candidate is promoted only if its validation pass@1 beats the promoted version's by
``margin`` and no benchmark pair regresses by more than ``tolerance``.

Versions belong to a language pair (or to all pairs): promoting a Java→Go version replaces the Java→Go one and
leaves C++→Rust's served as it was, because one adapter per direction measured better than one trained on both.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from act_lsp import store
from act_lsp.database import Database, NotFoundError
from act_lsp.model_store import sha256_file

log = logging.getLogger("act_train.registry")


class PromotionRefused(Exception):
    """The gate said no; the message says which number was not good enough."""


@dataclass(frozen=True, kw_only=True)
class Gate:
    margin: float = 0.01  # validation pass@1 must improve by at least this
    tolerance: float = 0.02  # no benchmark pair may drop by more than this
    metric: str = "val_pass@1"


def _next_id(db: Database) -> str:
    n = db.execute("select count(*) from model_versions").fetchone()[0]
    return f"v{n + 1}"


def register(db: Database, *, pair: str, base_model: str | Path, adapter_path: str | Path,
             metrics: dict, data_version: str = "") -> str:
    adapter_path = Path(adapter_path).resolve()
    version = _next_id(db)
    db["model_versions"].insert({
        "id": version, "pair": pair, "base_model": str(base_model), "base_sha256": sha256_file(Path(base_model)),
        "adapter_path": str(adapter_path), "adapter_sha256": sha256_file(adapter_path), "data_version": data_version,
        "metrics": json.dumps(metrics), "status": "candidate", "created_at": store.now(), "promoted_at": None})
    return version


def versions(db: Database) -> list[dict]:
    rows = list(db.query("select * from model_versions order by created_at, id"))
    for row in rows:
        row["metrics"] = json.loads(row["metrics"] or "{}")
    return rows


def _get(db, version: str) -> dict:
    try:
        row = db["model_versions"].get(version)
    except NotFoundError:
        raise ValueError(f"no model version {version!r}") from None
    row["metrics"] = json.loads(row["metrics"] or "{}")
    return row


def check_gate(candidate: dict, current: dict | None, gate: Gate) -> None:
    """Raises ``PromotionRefused`` with the reason; baseline metrics of the base model count as ``current``."""
    cand = candidate.get(gate.metric)
    if cand is None:
        raise PromotionRefused(f"the candidate has no {gate.metric}")
    base = (current or {}).get(gate.metric)
    if base is not None and cand < base + gate.margin:
        raise PromotionRefused(f"{gate.metric} {cand:.3f} does not beat {base:.3f} by the margin {gate.margin}")
    for key, value in (current or {}).items():
        if key.startswith("bench:") and key in candidate and candidate[key] < value - gate.tolerance:
            raise PromotionRefused(f"{key} regressed from {value:.3f} to {candidate[key]:.3f} "
                                   f"(tolerance {gate.tolerance})")


def promote(db: Database, version: str, *, gate: Gate | None = Gate(), baseline: dict | None = None,
            current: dict | None = None) -> None:
    """Promote ``version`` if the gate allows (``gate=None`` forces it). ``baseline``: the base model's metrics,
    used when nothing is promoted yet; ``current``: the serving version's metrics measured on the same tasks as
    ``version``'s (a cycle re-measures it), used instead of the ones stored with it, which may come from other
    tasks."""
    row = _get(db, version)
    if not Path(row["adapter_path"]).is_file() or sha256_file(Path(row["adapter_path"])) != row["adapter_sha256"]:
        raise PromotionRefused(f"{version}: the adapter file is missing or changed since it was registered")
    if gate is not None:
        if current is None:
            serving = store.promoted_version(db, _pair_of(row))  # what serves this version's pair now
            current = json.loads(serving["metrics"]) if serving else baseline
        check_gate(row["metrics"], current, gate)
    merged = row.get("merged_path") or merge_for_serving(row)
    with db.transaction():
        for replaced in _promoted_for(db, _pair_of(row)):
            db["model_versions"].update(replaced, {"status": "retired"})
        db["model_versions"].update(version, {"status": "promoted", "promoted_at": store.now(),
                                              "merged_path": merged})


def _pair_of(row: dict) -> str | None:
    """The language pair a version serves; None: every pair."""
    return None if row["pair"] in (None, "", "all") else row["pair"]


def _promoted_for(db: Database, pair: str | None) -> list[str]:
    """The promoted versions a new one for ``pair`` replaces: those of the same pair (all of them for None)."""
    rows = db.query("select id, pair from model_versions where status = 'promoted'")
    return [r["id"] for r in rows if pair is None or _pair_of(r) == pair]


def merge_for_serving(row: dict) -> str | None:
    """The adapter merged into a copy of its base model, next to the adapter; the server loads it instead of
    applying the adapter on every token. None when it cannot be made: the adapter then serves, only slower."""
    from act_train.export_gguf import merge_lora_gguf

    out = Path(row["adapter_path"]).with_suffix(".merged.gguf")
    try:
        return str(merge_lora_gguf(row["base_model"], row["adapter_path"], out))
    except Exception as exc:  # noqa: BLE001 - any failure leaves the (correct, slower) adapter path serving
        log.warning("%s serves through its adapter: merging it into %s failed (%s)", row["id"], row["base_model"], exc)
        return None


def rollback(db: Database, pair: str | None = None) -> str | None:
    """Retire the version serving ``pair`` (None: the newest promoted) and promote the one of the same pair promoted
    before it (or none: the base model)."""
    current = store.promoted_version(db, pair)
    if current is None:
        raise ValueError("nothing is promoted" + (f" for {pair}" if pair else "")
                         + "; the server already serves the base model")
    earlier = db.query("select id, pair from model_versions where status = 'retired' and promoted_at is not null "
                       "and promoted_at < ? order by promoted_at desc", [current["promoted_at"]])
    previous = [r for r in earlier if _pair_of(r) == _pair_of(current)][:1]
    with db.transaction():
        db["model_versions"].update(current["id"], {"status": "retired"})
        if previous:
            db["model_versions"].update(previous[0]["id"], {"status": "promoted"})  # keeps its promoted_at
    return previous[0]["id"] if previous else None
