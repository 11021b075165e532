"""The adaptive controller: between training rounds, explicit rules decide what happens next.

Rules, in order (the first that fires sets the action; data requests are always computed):
1. stop early when validation pass@1 has not beaten its best by ``min_gain`` for ``patience`` rounds, and
   restore the best round's adapter;
2. train loss fell while eval loss rose (overfitting) → lower the learning rate and the epochs;
3. train and eval loss both stalled (relative change under ``stall``) → raise the LoRA rank (or, at the cap,
   the learning rate);
4. otherwise continue with the same settings.
Targeted data: the failure categories that dominate the last evaluation become requests to the data generator,
easier kinds first (compile errors before runtime errors before wrong answers).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Literal

from act_lsp import store
from act_lsp.database import Database

Action = Literal["continue", "stop", "lower_lr", "raise_capacity"]


@dataclass(frozen=True, kw_only=True)
class RoundMetrics:
    round: int
    adapter: str  # where this round's adapter is, so a stop can restore the best one
    val_pass1: float
    train_loss: float
    eval_loss: float | None
    categories: Mapping[str, int] = field(default_factory=dict)  # failure category → count on validation
    hparams: Mapping[str, float] = field(default_factory=dict)  # learning_rate, epochs, rank, ...


@dataclass(frozen=True, kw_only=True)
class ControllerConfig:
    patience: int = 2
    min_gain: float = 0.01
    stall: float = 0.02  # relative loss change that counts as "no progress"
    lr_factor: float = 0.5
    epoch_factor: float = 0.5
    rank_factor: int = 2
    max_rank: int = 64
    lr_raise: float = 1.5
    max_requests: int = 3


@dataclass
class Decision:
    action: Action
    reason: str
    hparams: dict
    restore: str | None = None
    data_requests: list[str] = field(default_factory=list)
    inputs: dict = field(default_factory=dict)


# What to ask the data generator for, per failure category; ordered from easier to harder kinds.
TARGETED_DATA: dict[str, str] = {
    "compile:unused_import": "Go programs whose imports are exactly the packages they use",
    "compile:unused_variable": "Go programs where every declared variable is used",
    "compile:undefined": "programs that use standard-library string and collection helpers by their exact names",
    "compile:signature_mismatch": "functions whose call sites match their parameter lists and multiple returns",
    "compile:syntax": "short programs with nested loops, closures and composite literals",
    "compile:type_mismatch": "programs with explicit conversions between integers, floats, runes and strings",
    "compile:E0308": "Rust programs where integer, float and reference types must match exactly",
    "compile:E0277": "Rust programs comparing and hashing values of different types (chars vs &str, f32 keys)",
    "compile:E0382": "ownership of Vec and String values moved inside loops",
    "compile:E0502": "borrowing a collection while mutating it",
    "compile:E0599": "Rust iterator and string methods with their exact names",
    "compile:other": "small programs that exercise the target language's core syntax",
    "runtime_panic": "programs with index arithmetic, bounds checks and integer overflow",
    "wrong_answer": "programs whose results depend on integer division, rounding and ordering",
    "timeout": "programs with loops whose termination depends on careful bounds",
}
_ORDER = {cat: i for i, cat in enumerate(TARGETED_DATA)}


def data_requests(categories: Mapping[str, int], limit: int) -> list[str]:
    """Dominant failure categories → generator requests, easier kinds first."""
    failing = [(c, n) for c, n in categories.items() if c != "passed" and n > 0]
    top = sorted(failing, key=lambda cn: -cn[1])[:limit]
    ordered = sorted(top, key=lambda cn: _ORDER.get(cn[0], len(_ORDER)))
    return [TARGETED_DATA.get(c, f"programs like those failing with {c}") for c, _ in ordered]


def _rel_change(new: float, old: float) -> float:
    return abs(new - old) / max(abs(old), 1e-9)


def decide(history: Sequence[RoundMetrics], cfg: ControllerConfig = ControllerConfig()) -> Decision:
    if not history:
        raise ValueError("the controller needs at least one finished round")
    last = history[-1]
    hp = dict(last.hparams)
    inputs = {"rounds": [asdict(r) for r in history[-(cfg.patience + 1):]]}
    requests = data_requests(last.categories, cfg.max_requests)
    best = max(history, key=lambda r: (r.val_pass1, -r.round))

    def decision(action: Action, reason: str, **kw) -> Decision:
        return Decision(action=action, reason=reason, hparams=hp, data_requests=requests, inputs=inputs, **kw)

    if len(history) > cfg.patience:
        before = max(r.val_pass1 for r in history[: -cfg.patience])
        recent = max(r.val_pass1 for r in history[-cfg.patience:])
        if recent < before + cfg.min_gain:
            return decision("stop", f"validation pass@1 {recent:.3f} in the last {cfg.patience} rounds did not beat "
                            f"{before:.3f} by {cfg.min_gain}; restoring round {best.round}", restore=best.adapter)
    if len(history) >= 2:
        prev = history[-2]
        if (last.eval_loss is not None and prev.eval_loss is not None and last.train_loss < prev.train_loss
                and last.eval_loss > prev.eval_loss):
            hp["learning_rate"] = hp.get("learning_rate", 2e-4) * cfg.lr_factor
            hp["epochs"] = max(0.5, hp.get("epochs", 1.0) * cfg.epoch_factor)
            return decision("lower_lr", f"train loss fell {prev.train_loss:.3f}→{last.train_loss:.3f} while eval loss "
                            f"rose {prev.eval_loss:.3f}→{last.eval_loss:.3f}: overfitting")
        eval_stalled = (last.eval_loss is None or prev.eval_loss is None
                        or _rel_change(last.eval_loss, prev.eval_loss) < cfg.stall)
        if _rel_change(last.train_loss, prev.train_loss) < cfg.stall and eval_stalled:
            rank = int(hp.get("rank", 16))
            if rank * cfg.rank_factor <= cfg.max_rank:
                hp["rank"] = rank * cfg.rank_factor
                return decision("raise_capacity", f"train and eval loss stalled (<{cfg.stall:.0%} change): rank "
                                f"{rank}→{hp['rank']}")
            hp["learning_rate"] = hp.get("learning_rate", 2e-4) * cfg.lr_raise
            return decision("raise_capacity", f"losses stalled and rank is at its cap {rank}: learning rate "
                            f"x{cfg.lr_raise}")
    return decision("continue", f"validation pass@1 {last.val_pass1:.3f} (best {best.val_pass1:.3f} in round "
                    f"{best.round}); no rule fired")


def record(db: Database, decision: Decision, *, cycle: str, round: int, pair: str = "") -> int:
    table = db["controller_decisions"]
    table.insert({"created_at": store.now(), "cycle": cycle, "pair": pair, "round": round, "action": decision.action,
                  "reason": decision.reason, "inputs": json.dumps(decision.inputs),
                  "hparams": json.dumps(decision.hparams), "restore": decision.restore,
                  "data_requests": json.dumps(decision.data_requests)})
    return table.last_pk


def latest_requests(db: Database) -> list[str]:
    """The targeted-data requests of the last decision: the next cycle's expansions aim at them."""
    row = db.execute("select data_requests from controller_decisions order by id desc limit 1").fetchone()
    return json.loads(row[0] or "[]") if row else []
