"""One ACT cycle: seeds → expansion → validated pairs → LoRA rounds steered by the controller → gate → promotion.

Stages, each recorded in the ``cycles`` row (``state``) as it finishes, so a killed cycle started again with the
same id skips what is done: the data pipeline resumes by run id, training from its last checkpoint, and finished
evaluations are not repeated.

  data      expand the seeds, run the pipeline, export every admitted pair so far (all cycles: data accumulates);
            a stable hash of the seed splits it into train and validation (the validation pairs are never trained)
Then, for each language pair on its own (one adapter per pair; the training budget is shared between them):
  baseline  the base model on the pair's validation pairs and a slice of its bench; the version serving the pair
            (if any, on the same base model) is measured the same way, since its stored metrics came from other tasks
  round N   finetune on the pair's data → export GGUF → register a candidate → evaluate it the same way → the
            controller decides: stop (restore the best), lower the LR, raise capacity, continue; its data requests
            become the next expansion's focus
  promote   the best round goes through the registry's gate against what serves the pair; the server picks it
            up for that pair

The CPU budget is split across the stages (data first): data and training stop starting new work past their
deadlines; evaluation always runs in full (bounded by ``bench_limit``), so before and after compare the same tasks.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from act_lsp import store
from act_lsp.database import Database
from act_lsp.engine import EngineConfig, ModelHost
from act_lsp.home import act_home
from act_lsp.model_store import resolve_model_path
from act_lsp.pairs import get_pair
from act_lsp.remote import load_teacher
from act_train import controller, records, registry
from act_train.bench import bench_task, default_bench_dir, evaluation_files
from act_train.dedup import Deduplicator, load_evaluation_set
from act_train.evaluate import EvalConfig, evaluate
from act_train.expansion import ExpandConfig
from act_train.finetune import FinetuneConfig, TrainExample, feedback_examples
from act_train.pipeline import Pipeline, SynthConfig, io_bench_row
from act_train.provenance import export_jsonl
from act_train.seeds import Seed, all_seeds, interleave
from act_train.training import train_and_register


class CycleError(RuntimeError):
    """The cycle cannot run (no seeds, no data); the message says what to do."""


@dataclass(frozen=True, kw_only=True)
class Rounds:
    """The training rounds: at most ``count``, and the hyperparameters the controller starts from."""

    count: int = 2  # the controller may stop earlier
    steps: int | None = None  # per round; None: ``epochs``
    epochs: float = 2.0
    rank: int = 16
    alpha: float = 32.0
    learning_rate: float = 2e-4


@dataclass(frozen=True, kw_only=True)
class CycleConfig:
    """One cycle's settings; each stage's own configuration is nested as that stage takes it."""

    pairs: tuple[str, ...] = ("java-go", "cpp-rust")
    budget_minutes: float = 60.0
    share: dict[str, float] = field(default_factory=lambda: {"data": 0.45, "train": 0.35, "eval": 0.20})
    seed_limit: int | None = None  # per source language
    seeds_from: tuple[str, ...] = ("bundled", "method", "feedback", "imported", "expansion")  # seed origins to use
    base_model: str | None = None
    teacher: str | None = None  # writes expansions (and translated tests); None: the model being trained
    # e.g. ExpandConfig(per_seed=1, operators=("simplify",)): the easy end of the curriculum first; 0: none
    expansion: ExpandConfig = field(default_factory=lambda: ExpandConfig(per_seed=1))
    data: SynthConfig = field(default_factory=SynthConfig)  # its ``targets`` are the cycle's ``pairs``
    training: Rounds = field(default_factory=Rounds)
    val_fraction: float = 0.2
    bench_limit: int = 20  # first N tasks of each bench file in the gate's benchmark check; 0 skips it
    gate: registry.Gate = field(default_factory=registry.Gate)

    def __post_init__(self) -> None:
        for pair in self.pairs:
            get_pair(pair)  # raises ValueError on an unknown pair
        if self.budget_minutes <= 0 or self.training.count < 1:
            raise ValueError("`budget_minutes` and the rounds' `count` must be positive")

    def synth(self, *, teacher: bool) -> SynthConfig:
        """The data stage's configuration: the cycle's pairs, teacher candidates only when a teacher is loaded."""
        return dataclasses.replace(self.data, targets=tuple(tuple(p.split("-")) for p in self.pairs),
                                   teacher_candidates=self.data.teacher_candidates if teacher else 0)


# Where a setting of the cycle lives (job payloads and cycles stored before the settings were nested name them so).
_FLAT_NAMES = {
    "candidates": ("data", "candidates"), "teacher_candidates": ("data", "teacher_candidates"),
    "expand_per_seed": ("expansion", "per_seed"), "expand_operators": ("expansion", "operators"),
    "expander": ("expansion", "by"), "rounds": ("training", "count"), "steps": ("training", "steps"),
    "epochs": ("training", "epochs"), "rank": ("training", "rank"), "alpha": ("training", "alpha"),
    "learning_rate": ("training", "learning_rate"), "margin": ("gate", "margin"), "tolerance": ("gate", "tolerance"),
}
_NESTED = {"expansion": ExpandConfig, "data": SynthConfig, "training": Rounds, "gate": registry.Gate}


def _tuples(value):
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def cycle_config(values: dict, base: CycleConfig | None = None) -> CycleConfig:
    """A CycleConfig from JSON-like ``values`` (nested as ``dataclasses.asdict`` writes them, or by a setting's own
    name: ``rounds``, ``expand_per_seed``...) over ``base``; unknown names are ignored."""
    base = base or CycleConfig()
    top = {f.name for f in dataclasses.fields(CycleConfig)}
    nested: dict[str, dict] = {name: {} for name in _NESTED}
    plain = {}
    for key, value in values.items():
        if key in _NESTED and isinstance(value, dict):
            nested[key].update(value)
        elif key in _FLAT_NAMES:
            part, name = _FLAT_NAMES[key]
            nested[part][name] = value
        elif key in top:
            plain[key] = value
    for part, kind in _NESTED.items():
        names = {f.name for f in dataclasses.fields(kind)}
        known = {k: _tuples(v) for k, v in nested[part].items() if k in names}
        if known:
            plain[part] = dataclasses.replace(getattr(base, part), **known)
    return dataclasses.replace(base, **{k: _tuples(v) if k != "share" else v for k, v in plain.items()})


@dataclass
class CycleResult:
    id: str
    status: str  # promoted | not_promoted | no_data
    summary: dict


def curriculum(seeds: list[Seed]) -> list[Seed]:
    """The users' own code first, then the rest shortest first (easier first: a budget cut drops the hardest)."""
    mine = [s for s in seeds if s.kind in ("feedback", "imported")]
    rest = sorted((s for s in seeds if s not in mine), key=lambda s: len(s.code))
    return interleave(mine) + interleave(rest)


def _continue_from(rounds: list[dict], rank: int) -> str | None:
    """The peft dir the next round starts from: the adapter restored by the last decision, else the last one."""
    if not rounds:
        return None
    last = rounds[-1]
    keep = next((r for r in rounds if last.get("restore") and r["adapter"] == last["restore"]), last)
    return keep.get("adapter_dir") if keep.get("rank") == rank else None


def _round_summary(rounds: list[dict]) -> list[dict]:
    keys = ("round", "version", "metrics", "action", "reason", "tokens_per_second", "steps")
    return [{k: r[k] for k in keys} for r in rounds]


def _split(seed_id: str, val_fraction: float) -> str:
    h = int(hashlib.sha256(seed_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "val" if h < val_fraction else "train"


def validation_tasks(rows: list[dict]) -> list[dict]:
    """Held-out admitted pairs as bench rows (the io tests are the target tests), one task per program (rejection
    sampling may have kept two pairs of it)."""
    tasks: dict[tuple[str, str], dict] = {}
    for row in rows:
        tasks.setdefault((row["pair"], row["source"]), io_bench_row(
            row["provenance"]["seed"], get_pair(row["pair"]), row["source"], row["provenance"]["tests"], row["target"]))
    return list(tasks.values())


def validation_bench(rows: list[dict], path: Path) -> int:
    """The validation tasks written as a bench JSONL file (a cycle's artifact: `act-train eval --bench` reads it)."""
    tasks = validation_tasks(rows)
    path.write_text("".join(json.dumps(t) + "\n" for t in tasks))
    return len(tasks)


class Cycle:
    def __init__(self, config: CycleConfig, db: Database, pool, *, cycle_id: str | None = None,
                 log: Callable[[str], None] = lambda _m: None,
                 progress: Callable[[str], Callable[[int, int], None]] | None = None,
                 work_root: Path | None = None) -> None:
        """``work_root``: where cycle folders go (default ``$ACT_HOME/cycles``)."""
        self.config, self.db, self.pool, self.log = config, db, pool, log
        self.progress = progress or (lambda _label: (lambda _d, _t: None))
        self.id = cycle_id or time.strftime("c%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:4]
        self.dir = (work_root or act_home() / "cycles") / self.id
        self.dir.mkdir(parents=True, exist_ok=True)
        row = records.cycle_row(db, self.id)
        if row is None:
            records.start_cycle(db, self.id, dataclasses.asdict(config), os.getpid())
            self.state: dict = {}
        else:
            self.state = json.loads(row["state"] or "{}")
            if row["stage"] != "done":
                records.update_cycle(db, self.id, status="running", pid=os.getpid())
        self.start = time.monotonic()
        budget = config.budget_minutes * 60
        shares = config.share
        self.deadlines = {"data": self.start + budget * shares["data"],
                          "train": self.start + budget * (shares["data"] + shares["train"]),
                          "eval": self.start + budget}
        self._host: ModelHost | None = None
        self._split_rows: tuple[list[dict], list[dict]] | None = None

    # --- bookkeeping ---------------------------------------------------------------------------
    def _save(self, stage: str, **updates) -> None:
        self.state.update(updates)
        records.update_cycle(self.db, self.id, stage=stage, state=self.state)

    def _host_with(self, adapter: str | None) -> ModelHost:
        if self._host is None:
            self._host = ModelHost(EngineConfig(model=self.config.base_model))
        if self._host.adapter_path != adapter:
            self._host.set_adapter(adapter)
        return self._host

    # --- stages --------------------------------------------------------------------------------
    def run(self) -> CycleResult:
        row = records.cycle_row(self.db, self.id)
        if row and row["stage"] == "done":  # finished before: report, do not redo (or re-gate) anything
            return CycleResult(self.id, row["status"], json.loads(row["summary"] or "{}"))
        try:
            data = self.state.get("data") or self._data()
            # Admitted pairs of every cycle so far plus accepted/edited feedback, for each language pair.
            pairs = [p for p in self.config.pairs if self._examples(p)]
            if not pairs:
                return self._finish("no_data", {"data": data, "reason": "no admitted pairs and no accepted "
                                                "translations to train on; add seeds or raise the budget"})
            # One adapter per language pair: measured, one adapter on both directions lost most of what each
            # pair's own adapter gained (README), so each pair trains, is gated and is promoted on its own.
            outcomes = {}
            for i, pair in enumerate(pairs):
                share = (self.deadlines["train"] - time.monotonic()) / (len(pairs) - i)
                outcomes[pair] = self._pair(pair, data, deadline=time.monotonic() + share)
            return self._finish(_overall_status(outcomes), {
                "data": data, "pairs": outcomes,
                "reason": "; ".join(f"{pair}: {o['reason']}" for pair, o in outcomes.items())})
        except BaseException:
            records.update_cycle(self.db, self.id, status="interrupted")
            raise

    def _pair(self, pair: str, data: dict, *, deadline: float) -> dict:
        """Baseline, training rounds and the gate for one language pair; each finished step is saved."""
        saved = self.state.setdefault("pairs", {}).setdefault(pair, {})
        if "outcome" in saved:
            return saved["outcome"]
        if "baseline" not in saved:
            saved["baseline"] = self._evaluate_model(None, f"{pair} baseline", pair)
            self._save(f"{pair} baseline")
        if "incumbent" not in saved:
            saved["incumbent"] = self._incumbent(pair)
            self._save(f"{pair} incumbent")
        rounds = self._rounds(data, pair, deadline)
        saved["outcome"] = self._promote(pair, saved["baseline"], rounds, incumbent=saved["incumbent"])
        self._save(f"{pair} gate")
        return saved["outcome"]

    def _incumbent(self, pair: str) -> dict | None:
        """The version serving ``pair`` now, measured on this cycle's tasks: its stored metrics come from other tasks
        (an earlier cycle's validation pairs, or the bundled adapter's), so a candidate is gated against the same
        tasks it was measured on. None when the base model serves the pair, or the version was trained on another
        base model (it is not applied to this one)."""
        row = store.serving_versions(self.db, [pair], resolve_model_path(self.config.base_model)).get(pair)
        if row is None:
            return None
        measured = self._evaluate_model(row["adapter_path"], f"{pair} serving {row['id']}", pair)
        return {"version": row["id"], **measured}

    def _seeds(self) -> list[Seed]:
        languages = {get_pair(p).source.name for p in self.config.pairs}
        # The users' own code first (accepted translations, imported repositories), then expansions, then the
        # bundled corpus: a seed limit or a budget cut keeps what matters most to them.
        order = {"feedback": 0, "imported": 1, "expansion": 2, "bundled": 3}
        seeds = sorted((s for s in all_seeds(self.db) if s.language in languages
                        and s.kind in self.config.seeds_from),
                       key=lambda s: order.get(s.kind, 4))
        if self.config.seed_limit:
            per: dict[str, int] = {}
            kept = []
            for s in seeds:
                per[s.language] = per.get(s.language, 0) + 1
                if per[s.language] <= self.config.seed_limit:
                    kept.append(s)
            seeds = kept
        if not seeds:
            raise CycleError("no seeds for " + ", ".join(self.config.pairs)
                             + ": add programs (act-train seeds import PATH) or accept translations in an editor")
        return interleave(seeds)

    def _data(self) -> dict:
        cfg = self.config
        dedup = Deduplicator()
        load_evaluation_set(dedup, evaluation_files())
        seeds = self._seeds()  # before loading any model: no seeds is a quick, clear error
        teacher = load_teacher(cfg.teacher) if cfg.teacher else None
        synth = cfg.synth(teacher=teacher is not None)
        host = self._host_with(None)
        serving = store.serving_versions(self.db, cfg.pairs, host.model_path) if synth.sample_with == "serving" else {}
        pipe = Pipeline(synth, host, self.pool.run_batch, self.db, dedup, run_id=self.id, on_event=self.log,
                        teacher=teacher, student_adapters={p: v["adapter_path"] for p, v in serving.items()})
        # Targeted data: what the controller asked for after the last round (this cycle's or the previous one's).
        focus = tuple(self.state.get("focus") or controller.latest_requests(self.db))
        originals = [s for s in seeds if "~" not in s.id]  # expand the sources, not earlier expansions
        new = pipe.expand(originals, dataclasses.replace(cfg.expansion, focus=focus),
                          deadline=self.deadlines["data"]) if cfg.expansion.per_seed else []
        todo = curriculum(list({s.id: s for s in seeds + new}.values()))
        summary = pipe.run(todo, deadline=self.deadlines["data"], on_seed=self.progress("data"))
        train, val = self._admitted()
        # Artifacts for people and for `act-train finetune/eval`; the stages below take the rows in memory.
        (self.dir / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in train))
        validation_bench(val, self.dir / "val.jsonl")
        data = {"run_id": pipe.run_id, "seeds": len(seeds), "focus": list(focus), "expansions": len(new),
                "admitted_this_cycle": summary["pairs"], "programs_this_cycle": summary["admitted"],
                "train": len(train), "val": len(val),
                "timing": summary["timing"], "seeds_done": summary["seeds"]}
        self.log(f"data: {summary['pairs']} pairs ({summary['admitted']} programs) admitted this cycle; {len(train)} "
                 f"train / {len(val)} validation pairs in all")
        self._save("data", data=data)
        return data

    def _admitted(self) -> tuple[list[dict], list[dict]]:
        """Every admitted pair of the cycle's language pairs, split into train and validation by seed; made once
        (after the data stage, or on resume from the database: the split is a hash of the seed)."""
        if self._split_rows is None:
            rows = [r for r in export_jsonl(self.db) if r["pair"] in self.config.pairs]
            part = [_split(r["provenance"]["seed"], self.config.val_fraction) for r in rows]
            self._split_rows = ([r for r, p in zip(rows, part, strict=True) if p == "train"],
                                [r for r, p in zip(rows, part, strict=True) if p == "val"])
        return self._split_rows

    def _evaluate_model(self, adapter: str | None, label: str, pair: str) -> dict:
        """Validation pass@1 on the pair's held-out admitted pairs, its bench-slice pass@1, failure categories."""
        host = self._host_with(adapter)
        metrics: dict = {}
        categories: dict[str, int] = {}
        reports = []
        tasks = [bench_task(r) for r in validation_tasks(self._admitted()[1])
                 if f"{r['source_lang']}-{r['target_lang']}" == pair]
        if tasks:
            rep = evaluate(EvalConfig(bench=str(self.dir / "val.jsonl")), host, self.pool, db=self.db, tasks=tasks,
                           model_name=host.model_path.name, adapter_version=adapter,
                           on_progress=self.progress(f"{label} val"))
            metrics["val_pass@1"] = rep.metrics["pass@1"]
            reports.append(rep)
        path = default_bench_dir() / f"{pair.replace('-', '_')}.jsonl"
        if self.config.bench_limit and path.is_file():
            rep = evaluate(EvalConfig(bench=str(path), limit=self.config.bench_limit), host, self.pool, db=self.db,
                           model_name=host.model_path.name, adapter_version=adapter,
                           on_progress=self.progress(f"{label} bench:{pair}"))
            metrics[f"bench:{pair}"] = rep.metrics["pass@1"]
            reports.append(rep)
        for rep in reports:
            for c, n in rep.categories.items():
                categories[c] = categories.get(c, 0) + n
        self.log(f"{label}: " + ", ".join(f"{k} {v:.3f}" for k, v in metrics.items()))
        return {"metrics": metrics, "categories": categories}

    def _examples(self, pair: str) -> list[TrainExample]:
        examples = [TrainExample(pair=r["pair"], source=r["source"], target=r["target"])
                    for r in self._admitted()[0] if r["pair"] == pair]
        return examples + feedback_examples(self.db, [pair])

    def _rounds(self, data: dict, pair: str, deadline: float) -> list[dict]:
        cfg, plan = self.config, self.config.training
        saved = self.state["pairs"][pair]
        rounds: list[dict] = saved.setdefault("rounds", [])
        hparams = (rounds[-1]["next_hparams"] if rounds else
                   {"learning_rate": plan.learning_rate, "epochs": plan.epochs, "rank": plan.rank})
        history = [controller.RoundMetrics(**r["metrics_for_controller"]) for r in rounds]
        examples = self._examples(pair)
        base = resolve_model_path(cfg.base_model)
        while len(rounds) < plan.count and (not rounds or rounds[-1]["action"] != "stop"):
            n = len(rounds) + 1
            remaining = deadline - time.monotonic()
            if rounds and remaining < 120:
                self.log(f"{pair} round {n}: training budget spent")
                break
            out = self.dir / pair / f"round-{n}"
            # Rounds go on from the adapter the controller keeps (the last, or the best it restores); a new rank
            # starts from zero.
            start_from = _continue_from(rounds, int(hparams["rank"]))
            ft = FinetuneConfig(output_dir=str(out), base_model=cfg.base_model, rank=int(hparams["rank"]),
                                init_adapter=start_from,
                                alpha=plan.alpha * hparams["rank"] / plan.rank, learning_rate=hparams["learning_rate"],
                                epochs=hparams["epochs"], max_steps=plan.steps,
                                time_budget_s=max(remaining, 120) / max(1, plan.count - len(rounds)))
            self.log(f"{pair} round {n}: training on {len(examples)} examples "
                     f"(rank {ft.rank}, lr {ft.learning_rate:g}, epochs {ft.epochs:g}"
                     + (f", from {Path(start_from).parent.name})" if start_from else ")"))
            advance = self.progress(f"{pair} round {n} training")
            trained = train_and_register(
                self.db, ft, examples, base_gguf=base, run_id=f"{self.id}-{pair}-r{n}", pair=pair,
                evaluate=lambda gguf, n=n: self._evaluate_model(str(gguf), f"{pair} round {n}", pair),
                data_version=f"{self.id}:{len(examples)} {pair} examples",
                on_step=lambda rec, adv=advance: adv(rec["step"], rec["total_steps"]))
            result, gguf, version, metrics = trained.result, trained.adapter_gguf, trained.version, trained.metrics
            train_loss, eval_loss, ev = metrics["train_loss"], metrics["eval_loss"], trained.evaluation
            history.append(controller.RoundMetrics(round=n, adapter=str(gguf), val_pass1=metrics.get("val_pass@1", 0.0),
                                                   train_loss=train_loss, eval_loss=eval_loss,
                                                   categories=ev["categories"], hparams=hparams))
            decision = controller.decide(history)
            controller.record(self.db, decision, cycle=self.id, round=n, pair=pair)
            self.log(f"{pair} round {n}: {version} {metrics}; controller: {decision.action} ({decision.reason})")
            rounds.append({"round": n, "version": version, "adapter": str(gguf), "adapter_dir": result.adapter_dir,
                           "rank": ft.rank, "metrics": metrics,
                           "action": decision.action, "reason": decision.reason, "restore": decision.restore,
                           "next_hparams": decision.hparams, "data_requests": decision.data_requests,
                           "tokens_per_second": round(result.tokens_per_second, 1), "steps": result.steps,
                           "metrics_for_controller": dataclasses.asdict(history[-1])})
            hparams = decision.hparams
            self._save(f"{pair} round {n}", focus=decision.data_requests)
        return rounds

    def _promote(self, pair: str, baseline: dict, rounds: list[dict], *, incumbent: dict | None = None) -> dict:
        """The pair's best round through the gate (against the serving version re-measured on the same tasks, when
        there is one); what happened, for the cycle's summary."""
        outcome = {"baseline": baseline["metrics"], "rounds": _round_summary(rounds)}
        if incumbent:
            outcome["serving"] = {"version": incumbent["version"], "metrics": incumbent["metrics"]}
        if not rounds:
            return {**outcome, "status": "not_promoted", "reason": "no training round finished"}
        best = max(rounds, key=lambda r: (r["metrics"].get("val_pass@1", 0.0), -r["round"]))
        outcome.update(best=best["version"], best_metrics=best["metrics"], data_requests=rounds[-1]["data_requests"])
        if "val_pass@1" not in best["metrics"]:
            return {**outcome, "status": "not_promoted",
                    "reason": "no validation pairs to compare on (a fifth of the admitted pairs is held out; this "
                              "data has none), so nothing is promoted"}
        try:
            registry.promote(self.db, best["version"], gate=self.config.gate, baseline=baseline["metrics"],
                             current=incumbent["metrics"] if incumbent else None)
            status, reason = "promoted", f"{best['version']} passed the gate"
        except registry.PromotionRefused as exc:
            status, reason = "not_promoted", str(exc)
        self.log(f"{pair} promotion: {status} ({reason})")
        return {**outcome, "status": status, "reason": reason}

    def _finish(self, status: str, summary: dict) -> CycleResult:
        summary = {**summary, "minutes": round((time.monotonic() - self.start) / 60, 1),
                   "budget_minutes": self.config.budget_minutes}
        records.update_cycle(self.db, self.id, status=status, stage="done", summary=summary)
        return CycleResult(self.id, status, summary)


def _overall_status(outcomes: dict[str, dict]) -> str:
    """``promoted`` when any pair's adapter was promoted (the server then serves it for that pair)."""
    return "promoted" if any(o["status"] == "promoted" for o in outcomes.values()) else "not_promoted"


def outcome_lines(summary: dict) -> list[str]:
    """Each pair's metrics before and after its best round, and why it was or was not promoted (for consoles)."""
    lines = []
    for pair, outcome in summary.get("pairs", {}).items():
        base, best = outcome.get("baseline", {}), outcome.get("best_metrics", {})
        lines.append(f"  {pair}: {outcome['status'].replace('_', ' ')}" + (f" ({outcome['best']})" if "best" in outcome
                                                                          else ""))
        if "serving" in outcome:
            serving = outcome["serving"]
            lines.append(f"    serving {serving['version']}, re-measured on the same tasks: "
                         + ", ".join(f"{k} {v:.3f}" for k, v in sorted(serving["metrics"].items())))
        for key in sorted(k for k in set(base) | set(best) if k.startswith(("val_", "bench:"))):
            before, after = base.get(key), best.get(key)
            lines.append(f"    {key:<20} before {'-' if before is None else f'{before:.3f}':<6}  "
                         f"after {'-' if after is None else f'{after:.3f}'}")
        lines.append(f"    {outcome['reason']}")
    if not summary.get("pairs") and summary.get("reason"):
        lines.append(f"  {summary['reason']}")
    return lines


def config_from_row(row: dict) -> CycleConfig:
    """The configuration a stored cycle ran with (to resume it as it started)."""
    return cycle_config(json.loads(row["config"]))
