"""One training run becoming a candidate version: finetune → adapter GGUF → ``training_runs`` row → registered.

``act-train finetune`` and the cycle's rounds both go through ``train_and_register``; the cycle passes an
``evaluate`` step whose ``metrics`` (validation pass@1, per-benchmark) are what the promotion gate reads.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from act_lsp import store
from act_lsp.database import Database
from act_train import registry
from act_train.export_gguf import export_peft_dir
from act_train.finetune import FinetuneConfig, FinetuneResult, TrainExample, finetune


@dataclass(frozen=True)
class TrainedVersion:
    result: FinetuneResult
    adapter_gguf: Path | None  # None when the base is not a GGUF file (an HF directory): nothing llama.cpp can load
    version: str | None  # the registered candidate, when there is a GGUF
    metrics: dict  # what the version is registered with: the losses, and the evaluation's metrics
    evaluation: dict  # what ``evaluate`` returned ({} without one)


def train_and_register(db: Database, cfg: FinetuneConfig, examples: Sequence[TrainExample], *,
                       base_gguf: Path, run_id: str, pair: str = "all", data_version: str = "",
                       evaluate: Callable[[Path], dict] | None = None,
                       on_step: Callable[[dict], None] | None = None) -> TrainedVersion:
    """Train, export, record the run, and register the adapter with its losses (and ``evaluate(gguf)["metrics"]``).

    The run's row is written before the evaluation, so a crash while evaluating keeps the record of the training.
    """
    result = finetune(cfg, examples, on_step=on_step)
    gguf = export_peft_dir(result.adapter_dir, base_gguf, Path(cfg.output_dir) / "adapter.gguf") \
        if Path(base_gguf).is_file() else None
    db["training_runs"].insert({
        "id": run_id, "created_at": store.now(), "version": None, "out_dir": str(Path(cfg.output_dir).resolve()),
        "config": json.dumps(dataclasses.asdict(cfg)), "history": json.dumps(result.history),
        "examples": result.examples, "train_tokens": result.train_tokens,
        "tokens_per_second": result.tokens_per_second, "seconds": result.seconds}, replace=True)
    metrics = {"train_loss": result.train_losses[-1], "eval_loss": (result.eval_losses or [None])[-1]}
    if gguf is None:
        return TrainedVersion(result, None, None, metrics, {})
    evaluation = evaluate(gguf) if evaluate is not None else {}
    metrics = {**evaluation.get("metrics", {}), **metrics}
    version = registry.register(db, pair=pair, base_model=base_gguf, adapter_path=gguf, metrics=metrics,
                                data_version=data_version or f"{result.examples} examples")
    db["training_runs"].update(run_id, {"version": version})
    return TrainedVersion(result, gguf, version, metrics, evaluation)
