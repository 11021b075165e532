"""Synthetic-data throughput: admitted pairs per CPU-hour, and where the time goes (LLM vs sandbox).

Runs the pipeline on the first N function-level seeds of each language (MBXP problems from
``$ACT_SHARED/data/mbxp``, else the bundled seeds), fresh database, real model, real sandbox pool, once per
variant, side by side:
  batched     k candidates decoded together in one llama.cpp batch (the default)
  sequential  the same k candidates one generation after another (the optimisation off)
  gated       batched, with the target mutation gate on io tests too (``target_gate="always"``: the skip off)
and prints for each: seeds, admitted pairs, wall time, pairs per hour of wall time and per CPU-hour (wall time x
cores, since generation and the sandbox pool use every core), the machine's busy CPU time over the run (from
/proc/stat: the share of those CPU-hours really used; the rest is cores idle while one stage waits on the other),
candidates per CPU-minute, the LLM and sandbox shares, and the funnel.
Run: `.venv/bin/python benchmarks/pipeline_bench.py --seeds 30 --skip 8` (the README's numbers, ~22 min for the three
variants; `--seeds 5 --variants batched` for a quick look).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from act_lsp import store
from act_lsp.engine import ModelHost
from act_lsp.sandbox import SandboxConfig, SandboxPool
from act_train.bench import default_bench_dir
from act_train.dedup import Deduplicator, load_evaluation_set
from act_train.importer import problem_units
from act_train.pipeline import Pipeline, SynthConfig
from act_train.provenance import funnel
from act_train.seeds import Seed, bundled_seeds

VARIANTS = ("batched", "sequential", "gated")


def busy_cpu_seconds() -> float | None:
    """CPU time the whole machine spent busy since boot (model, sandbox containers, everything): /proc/stat."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class Sequential:
    """The model without its batch path: the translator then generates the k samples one after another."""

    def __init__(self, host: ModelHost) -> None:
        self.generate = host.generate


def function_seeds(per_language: int, skip: int) -> list[Seed]:
    mbxp = default_bench_dir().parent / "data" / "mbxp"
    files = {"java": mbxp / "mbjp_release_v1.2.jsonl", "cpp": mbxp / "mbcpp_release_v1.2.jsonl"}
    seeds = []
    for lang, path in files.items():
        if path.is_file():
            units = problem_units(path)[skip:skip + per_language]
        else:
            units = [u for u in bundled_seeds() if u.language == lang][skip:skip + per_language]
        seeds += [Seed(id=f"bench/{lang}/{i}", language=lang, code=u.code, tests=None, origin="bench")
                  for i, u in enumerate(units)]
    return seeds


def run_variant(name: str, host: ModelHost, seeds: list[Seed], args) -> dict:
    db = store.open_db(Path(tempfile.mkdtemp()) / "bench.db")
    dedup = Deduplicator()
    load_evaluation_set(dedup, sorted(default_bench_dir().glob("*.jsonl")))
    generator = Sequential(host) if name == "sequential" else host
    with SandboxPool(SandboxConfig(workers=args.workers)) as pool:
        config = SynthConfig(candidates=args.candidates, llm_tests=args.llm_tests,
                             target_gate="always" if name == "gated" else "translated")
        pipe = Pipeline(config, generator, pool.run_batch, db, dedup)
        start, busy_start = time.perf_counter(), busy_cpu_seconds()
        summary = pipe.run(seeds, on_seed=lambda done, total: print(f"[{name}] {done}/{total} seeds, "
                                                                    f"{time.perf_counter() - start:.0f} s",
                                                                    file=sys.stderr, flush=True))
        wall, busy_end = time.perf_counter() - start, busy_cpu_seconds()
    busy = busy_end - busy_start if busy_start is not None and busy_end is not None else None
    cores = os.cpu_count() or 1
    llm, sandbox = summary["timing"].get("llm", 0.0), summary["timing"].get("sandbox", 0.0)
    flow = funnel(db, pipe.run_id)
    return {
        "variant": name, "seeds": len(seeds), "admitted_programs": summary["admitted"], "pairs": summary["pairs"],
        "wall_s": round(wall, 1), "cores": cores,
        "pairs_per_wall_hour": round(summary["pairs"] / wall * 3600, 1),
        "pairs_per_cpu_hour": round(summary["pairs"] / (wall * cores) * 3600, 1),
        "cpu_busy_share": round(busy / (wall * cores), 3) if busy is not None else None,
        "pairs_per_busy_cpu_hour": round(summary["pairs"] / busy * 3600, 1) if busy else None,
        "candidates_per_cpu_minute": round(flow["candidate"]["total"] / (wall * cores) * 60, 2),
        "llm_share": round(llm / wall, 3), "sandbox_share": round(sandbox / wall, 3),
        "other_share": round(1 - (llm + sandbox) / wall, 3),
        "funnel": {k: {"ok": v["ok"], "total": v["total"]} for k, v in flow.items()},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=5, help="seeds per language")
    ap.add_argument("--skip", type=int, default=0, help="start after this many problems of each language")
    ap.add_argument("--candidates", type=int, default=4)
    ap.add_argument("--workers", type=int, default=2, help="sandbox containers")
    ap.add_argument("--variants", default="batched,sequential,gated", help="comma-separated: " + ", ".join(VARIANTS))
    ap.add_argument("--llm-tests", default="never", choices=("fallback", "always", "never"),
                    help="LLM-written source tests for programs the io driver cannot test (the data run's: never)")
    args = ap.parse_args()
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    if not variants or set(variants) - set(VARIANTS):
        ap.error(f"--variants: some of {', '.join(VARIANTS)}")
    seeds = function_seeds(args.seeds, args.skip)
    host = ModelHost()
    results = [run_variant(v, host, seeds, args) for v in variants]
    print(json.dumps(results, indent=2))
    keys = ("pairs", "wall_s", "pairs_per_cpu_hour", "cpu_busy_share", "candidates_per_cpu_minute", "llm_share",
            "sandbox_share")
    print(f"{'variant':<12}" + "".join(f"{k:>28}" for k in keys))
    for r in results:
        print(f"{r['variant']:<12}" + "".join(f"{r[k]:>28}" for k in keys))


if __name__ == "__main__":
    main()
