"""How much the compiler-guided fixes recover: re-run a stored evaluation's failures with ``suggested_fix``.

Usage: python benchmarks/autofix_bench.py [--run RUN_ID] [--db PATH] [--bench FILE]
Takes an evaluation run (default: the latest greedy one per pair), applies the fixes to every failing sample,
runs the bench's target tests again, and prints per pair: failures, fixes tried, now compiling, now passing,
and the pass@1 the run would have had with the fixes (the editor's verify mode applies them).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from act_lsp import store
from act_lsp.autofix import suggested_fix
from act_lsp.languages import LANGUAGES
from act_lsp.sandbox import Job, SandboxConfig, SandboxPool
from act_train.bench import default_bench_dir, load_bench, target_job


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--run", action="append", help="evaluation run id (repeatable)")
    ap.add_argument("--db", help="database (default: $ACT_DB or the ACT home's)")
    ap.add_argument("--bench", help="the runs' benchmark file (default: the bench folder's file the run names)")
    args = ap.parse_args()
    db = store.open_db(args.db)
    runs = args.run or [r["id"] for r in db.query(
        "select id, max(created_at) from eval_runs where samples = 1 and status = 'finished' and tasks >= 100 "
        "and adapter_version is null group by pair")]
    with SandboxPool(SandboxConfig(workers=2)) as pool:
        for run_id in runs:
            run = db["eval_runs"].get(run_id)
            tasks = {t.task_id: t for t in load_bench(args.bench or default_bench_dir() / Path(run["bench"]).name)}
            language = run["pair"].split("-")[1]
            rows = list(db.query("select task_id, code, passed from eval_results where run_id = ?", [run_id]))
            failed = [r for r in rows if not r["passed"] and r["code"].strip()]
            t0, tried, compiles, passes = time.perf_counter(), 0, 0, 0
            for row in failed:
                fixed = suggested_fix(language, row["code"], pool.run)
                if fixed is None:
                    continue
                tried += 1
                compiles += pool.run(Job.of(LANGUAGES[language].compile_recipe, fixed)).passed
                passes += pool.run(target_job(tasks[row["task_id"]], fixed)).passed
            before = sum(r["passed"] for r in rows)
            print(f"{run['pair']} run {run_id}: {len(rows)} tasks, pass@1 {before / len(rows):.3f}; "
                  f"{len(failed)} failures, fixes applied to {tried}, now compile {compiles}, now pass {passes}; "
                  f"pass@1 with fixes {(before + passes) / len(rows):.3f} ({time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
