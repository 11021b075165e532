"""Where every admitted pair came from: the ``synth_items`` rows the data engine writes (one per stage an item
reached, with its parent, timing and reject reason), the funnel they add up to, and the training JSONL and
preference pairs exported from them."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import Counter
from collections.abc import Callable, Sequence

from act_lsp import store
from act_lsp.database import Database
from act_lsp.pairs import LanguagePair, get_pair
from act_lsp.prompts import SYSTEM, user_message
from act_lsp.scaffold import derive_scaffold

STAGES = ("expansion", "seed", "io_tests", "source_tests", "source_mutation", "candidate", "target_tests", "validation",
          "target_mutation", "sampled", "admitted")


def item_key(*parts: str) -> str:
    """A stable id for an item from what it was made of (a rerun finds the row instead of making it again)."""
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:20]


class Provenance:
    """Rows of ``synth_items``; the resume logic lives here."""

    def __init__(self, db: Database, run_id: str) -> None:
        self.db, self.run_id = db, run_id

    def find(self, stage: str, key: str) -> dict | None:
        rows = list(self.db.query("select * from synth_items where run_id = ? and stage = ? and key = ?",
                                  [self.run_id, stage, key]))
        return rows[0] if rows else None

    def admitted_elsewhere(self, key: str) -> bool:
        """An earlier run admitted this seed: its pair is in the training set already."""
        return bool(self.db.execute("select 1 from synth_items where stage = 'admitted' and ok = 1 and key = ? "
                                    "and run_id != ? limit 1", [key, self.run_id]).fetchone())

    def carry(self, stage: str, key: str, parent: str | None, accept: Callable[[dict], bool]) -> dict | None:
        """This run's copy of the newest ``stage`` row for ``key`` of another run whose meta ``accept`` takes: a
        check that depends only on the program (its oracle's mutation score) is not redone by the next round."""
        rows = self.db.query("select * from synth_items where stage = ? and key = ? and run_id != ? "
                             "order by created_at desc", [stage, key, self.run_id])
        for row in rows:
            meta = json.loads(row["meta"] or "{}")
            if accept(meta):
                self.add(stage=stage, key=key, parent=parent, ok=bool(row["ok"]), reason=row["reason"],
                         code=row["code"], pair=row["pair"], meta={**meta, "carried_from": row["run_id"]})
                return self.find(stage, key)
        return None

    def stage_of(self, item_id: str) -> str | None:
        rows = list(self.db.query("select stage from synth_items where id = ?", [item_id]))
        return rows[0]["stage"] if rows else None

    def admitted_pairs(self) -> int:
        return self.db.execute("select count(*) from synth_items where run_id = ? and stage = 'admitted' and ok = 1",
                               [self.run_id]).fetchone()[0]

    def add(self, *, stage: str, key: str, parent: str | None, ok: bool, reason: str = "", code: str = "",
            seconds: float = 0.0, meta: dict | None = None, pair: str = "") -> str:
        item_id = uuid.uuid4().hex[:16]
        self.db["synth_items"].insert({
            "id": item_id, "run_id": self.run_id, "stage": stage, "key": key, "parent_id": parent, "pair": pair,
            "ok": int(ok), "reason": reason, "code": code, "seconds": round(seconds, 3),
            "meta": json.dumps(meta or {}), "created_at": store.now()})
        return item_id


def funnel(db: Database, run_id: str) -> dict:
    """Per stage: items reaching it, passing it, and the reject reasons."""
    out = {}
    for stage in STAGES:
        rows = list(db.query("select ok, reason from synth_items where run_id = ? and stage = ?", [run_id, stage]))
        out[stage] = {"total": len(rows), "ok": sum(r["ok"] for r in rows),
                      "rejected": dict(Counter(r["reason"] for r in rows if not r["ok"]))}
    return out


def chat_messages(pair: LanguagePair, source: str, target: str) -> list[dict]:
    """The chat turns a pair is kept with: the serving prompt's system and user turns, the target as the answer."""
    user = user_message(pair, source, derive_scaffold(pair.id, source).signatures)
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user},
            {"role": "assistant", "content": f"```{pair.target.fence}\n{target.rstrip()}\n```"}]

def export_jsonl(db: Database, run_ids: Sequence[str] | None = None) -> list[dict]:
    """Admitted pairs in the finetuner's format, with chat messages and provenance."""
    sql = "select * from synth_items where stage = 'admitted' and ok = 1"
    args: list = []
    if run_ids:
        sql += f" and run_id in ({','.join('?' * len(run_ids))})"
        args = list(run_ids)
    rows, seen = [], set()
    for row in db.query(sql + " order by created_at", args):
        meta = json.loads(row["meta"])
        if (row["pair"], meta["source"], row["code"]) in seen:  # one copy of a pair, whichever runs admitted it
            continue
        seen.add((row["pair"], meta["source"], row["code"]))
        rows.append({"pair": row["pair"], "source": meta["source"], "target": row["code"],
                     "messages": chat_messages(get_pair(row["pair"]), meta["source"], row["code"]),
                     "provenance": {"run": row["run_id"], "item": row["id"], "seed": meta["seed"],
                                    "origin": meta.get("origin", ""), "by": meta.get("by", "student"),
                                    "sampled": meta.get("sampled", []),
                                    "evidence": meta["evidence"], "tests": meta["tests"]}})
    return rows


def preference_pairs(db: Database, run_ids: Sequence[str] | None = None) -> list[dict]:
    """Admitted pairs, each with a candidate for the same program that failed (did not compile, or failed the
    tests): what the model wrote wrong, next to what it wrote right, for preference training. A program whose
    candidates all passed gives none."""
    rows, used = [], set()
    for row in export_jsonl(db, run_ids):  # one row per distinct admitted pair
        admitted = db["synth_items"].get(row["provenance"]["item"])
        candidate = db["synth_items"].get(admitted["parent_id"])
        failed = db.query(
            "select c.code, c.reason, v.reason as tested from synth_items c left join synth_items v "
            "on v.parent_id = c.id and v.stage = 'validation' where c.parent_id = ? and c.stage = 'candidate' "
            "and c.code != '' and (c.reason = 'target_compile_error' or v.ok = 0) order by c.created_at",
            [candidate["parent_id"]])
        for bad in failed:
            if (row["pair"], row["source"], bad["code"]) in used:
                continue
            used.add((row["pair"], row["source"], bad["code"]))
            rows.append({**row, "rejected": bad["code"],
                         "provenance": {**row["provenance"], "rejected_because": bad["reason"] or bad["tested"]}})
            break
    return rows
