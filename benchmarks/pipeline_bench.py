"""Synthetic-data throughput: admitted pairs per CPU-hour, and where the time goes (LLM vs sandbox).

Runs the pipeline on the first N bundled seeds of each language (fresh database, real model, real sandbox pool)
and prints: seeds, admitted pairs, wall time, pairs per hour of wall time and per CPU-hour (wall time x cores,
since generation and the sandbox pool use every core), the LLM and sandbox shares, and the funnel.
Run: `.venv/bin/python benchmarks/pipeline_bench.py --seeds 5`.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from act_lsp import store
from act_lsp.engine import ModelHost
from act_lsp.sandbox import SandboxConfig, SandboxPool
from act_train.bench import default_bench_dir
from act_train.dedup import Deduplicator, load_evaluation_set
from act_train.pipeline import Pipeline, SynthConfig, funnel
from act_train.seeds import bundled_seeds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=5, help="seeds per language")
    ap.add_argument("--candidates", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2, help="sandbox containers")
    args = ap.parse_args()
    per_lang: dict[str, int] = {}
    seeds = []
    for s in bundled_seeds():
        if per_lang.get(s.language, 0) < args.seeds:
            per_lang[s.language] = per_lang.get(s.language, 0) + 1
            seeds.append(s)
    db = store.open_db(Path(tempfile.mkdtemp()) / "bench.db")
    dedup = Deduplicator()
    load_evaluation_set(dedup, sorted(default_bench_dir().glob("*.jsonl")))
    host = ModelHost()
    with SandboxPool(SandboxConfig(workers=args.workers)) as pool:
        pipe = Pipeline(SynthConfig(candidates=args.candidates), host, pool.run_batch, db, dedup)
        start = time.perf_counter()
        summary = pipe.run(seeds)
        wall = time.perf_counter() - start
    cores = os.cpu_count() or 1
    llm, sandbox = summary["timing"].get("llm", 0.0), summary["timing"].get("sandbox", 0.0)
    result = {
        "seeds": len(seeds), "admitted": summary["admitted"], "wall_s": round(wall, 1), "cores": cores,
        "pairs_per_wall_hour": round(summary["admitted"] / wall * 3600, 1),
        "pairs_per_cpu_hour": round(summary["admitted"] / (wall * cores) * 3600, 1),
        "llm_share": round(llm / wall, 3), "sandbox_share": round(sandbox / wall, 3),
        "other_share": round(1 - (llm + sandbox) / wall, 3),
        "funnel": {k: {"ok": v["ok"], "total": v["total"]} for k, v in funnel(db, pipe.run_id).items()},
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
