"""Sandbox throughput: the same jobs on host toolchains (the floor), one container per job, and the warm pool.

Prints jobs/minute per mode and the ratios. Run: `make bench-sandbox` or
`python benchmarks/sandbox_bench.py --tasks 40 --workers 2`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from act_lsp.sandbox import Job, RunResult, SandboxConfig, SandboxPool, get_recipe, run_in_fresh_container
from act_train.bench import default_bench_dir, load_bench, target_job

REPO = Path(__file__).resolve().parents[1]
RUNNER = REPO / "sandbox" / "runner.py"
BENCH = default_bench_dir()


def run_on_host(job: Job) -> RunResult:
    """The same runner, on this machine's toolchains, without any container."""
    with tempfile.TemporaryDirectory(prefix="act-host-") as root:
        payload = {**job.payload(work_root=root), "inherit_path": True}
        proc = subprocess.run([sys.executable, str(RUNNER)], input=json.dumps(payload), capture_output=True,
                              text=True)
    return RunResult.from_runner(json.loads(proc.stdout), job.id)


def timed(label: str, fn, jobs: list[Job], workers: int) -> float:
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as ex:
        results = list(ex.map(fn, jobs))
    elapsed = time.perf_counter() - start
    passed = sum(r.passed for r in results)
    print(f"  {label:<22} {len(jobs):>3} jobs  {elapsed:7.1f} s  {60 * len(jobs) / elapsed:7.1f} jobs/min"
          f"  {elapsed / len(jobs):6.2f} s/job  passed {passed}/{len(jobs)}", flush=True)
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", type=int, default=40, help="tasks per language (first N of each bench file)")
    ap.add_argument("--workers", type=int, default=2, help="parallel jobs in every mode")
    ap.add_argument("--bench-dir", type=Path, default=BENCH)
    args = ap.parse_args()

    suites = {
        "go": [target_job(t, t.target_canonical_solution) for t in load_bench(args.bench_dir / "java_go.jsonl")],
        "rust": [target_job(t, t.target_canonical_solution) for t in load_bench(args.bench_dir / "cpp_rust.jsonl")
                 if not t.target_canonical_crates],
    }
    config = SandboxConfig(workers=args.workers)
    summary = {}
    for lang, jobs in suites.items():
        jobs = jobs[: args.tasks]
        tool = get_recipe(jobs[0].recipe).compile[0]
        print(f"{lang}: {len(jobs)} canonical solutions + tests, {args.workers} workers")
        row = {}
        if shutil.which(tool):
            version = subprocess.run([tool, "version" if tool == "go" else "--version"], capture_output=True,
                                     text=True).stdout.strip()
            print(f"  (host {tool}: {version})")
            row["host"] = timed("host toolchain", run_on_host, jobs, args.workers)
        else:
            print(f"  host toolchain         skipped: `{tool}` is not installed on the host")
        row["per_job"] = timed("container per job", lambda j: run_in_fresh_container(j, config), jobs, args.workers)
        with SandboxPool(config) as pool:
            pool.run(jobs[0])  # start the containers, as a long-lived pool would have
            row["pool"] = timed("warm pool", pool.run, jobs, args.workers)
        summary[lang] = row
    print("\nratios (time per job):")
    for lang, row in summary.items():
        parts = [f"container-per-job / pool = {row['per_job'] / row['pool']:.2f}x"]
        if "host" in row:
            parts.insert(0, f"pool / host = {row['pool'] / row['host']:.2f}x")
        print(f"  {lang}: " + ", ".join(parts))


if __name__ == "__main__":
    main()
