"""A team on one model: what the shared parts cost or give on this machine, each leg printed as it finishes.

- latency: the same translations (greedy, no verification) by the in-process model and through an
  OpenAI-compatible endpoint serving the same GGUF (llama-cpp-python's server, started here on a free port unless
  --endpoint names one). Run one after the other, never side by side.
- engines: validation jobs per minute on the environment's Docker engine alone, then spread over it and
  --second-host (e.g. a second dockerd: see tests/test_sandbox_hosts.py for how the tests start one).
- feedback: translation records written per second by N editor processes at once into one SQLite file (the
  embedded store) and into one PostgreSQL database (a team's shared store: --postgres URL, else a throwaway
  server started here from Debian's package, on a Unix socket).

Run: `python benchmarks/team_bench.py --legs latency engines feedback --second-host unix:///run/act-docker2.sock`
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from act_lsp.engine import GenerationParams
from act_train.bench import default_bench_dir, load_bench, target_job

BENCH = default_bench_dir()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(model: Path, threads: int | None) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)  # noqa: SIM115 - read on failure
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", "base",
                             *(["--n_threads", str(threads)] if threads else []), "--n_ctx", "4096",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    for _ in range(240):
        try:
            urllib.request.urlopen(url + "/models", timeout=2).read()
            return proc, url
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.5)
    proc.kill()
    raise SystemExit(f"the llama.cpp server did not start: {Path(log.name).read_text()[-1500:]}")


def _translations(label: str, generator, sources: list[str], max_tokens: int) -> dict:
    from act_lsp.pairs import PAIRS
    from act_lsp.translator import Translator

    translator = Translator(generator)
    seconds, first, tokens = [], [], 0
    for source in sources:
        result = translator.translate(PAIRS["java-go"], source, verify="off",
                                      params=GenerationParams(max_tokens=max_tokens))
        seconds.append(result.seconds)
        first.append(result.first_token_seconds)
        tokens += result.tokens
    row = {"translations": len(sources), "median_s": statistics.median(seconds), "mean_s": statistics.mean(seconds),
           "first_token_s": statistics.median(first), "tokens_per_s": tokens / sum(seconds)}
    print(f"  {label:<10} {len(sources)} translations  median {row['median_s']:.2f} s  mean {row['mean_s']:.2f} s"
          f"  first token {row['first_token_s']:.2f} s  {row['tokens_per_s']:.1f} tokens/s", flush=True)
    return row


def latency(args) -> dict:
    from act_lsp.engine import EngineConfig, ModelHost
    from act_lsp.model_store import resolve_model_path
    from act_lsp.remote import open_endpoint

    sources = [t.source_code for t in load_bench(BENCH / "java_go.jsonl")][: args.translations]
    print("latency (Java -> Go, greedy, verify off)")
    host = ModelHost(EngineConfig(n_threads=args.threads))
    out = {"local": _translations("local", host, sources, args.max_tokens)}
    del host  # its memory back before the server loads the same model
    gc.collect()
    proc, url = (None, args.endpoint) if args.endpoint else _serve(resolve_model_path(None), args.threads)
    try:
        out["endpoint"] = _translations("endpoint", open_endpoint(url), sources, args.max_tokens)
    finally:
        if proc:
            proc.terminate()
            proc.wait(30)
    return out


def engines(args) -> dict:
    import os

    from act_lsp.sandbox import SandboxConfig, SandboxPool

    jobs = [target_job(t, t.target_canonical_solution) for t in load_bench(BENCH / "java_go.jsonl")][: args.jobs]
    local = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    print(f"engines ({len(jobs)} Go test jobs, {args.workers} containers per engine)")
    out = {}
    for label, hosts in (("one", (local,)), ("two", (local, args.second_host))):
        if label == "two" and not args.second_host:
            print("  two: skipped (no --second-host)")
            continue
        with SandboxPool(SandboxConfig(hosts=hosts, workers=args.workers)) as pool:
            pool.run_batch(jobs[: args.workers * len(hosts)])  # containers started: warm, like a running server
            start = time.perf_counter()
            results = pool.run_batch(jobs)
            elapsed = time.perf_counter() - start
        out[label] = {"jobs_per_min": 60 * len(jobs) / elapsed, "passed": sum(r.passed for r in results)}
        print(f"  {label:<4} engine(s)  {elapsed:6.1f} s  {out[label]['jobs_per_min']:6.1f} jobs/min  "
              f"passed {out[label]['passed']}/{len(jobs)}", flush=True)
    return out


def _write_records(location: str, count: int, worker: int, start=None, times=None) -> None:
    """One editor: opens the database, waits for the others (``start``), writes, and reports when it wrote."""
    from act_lsp import store

    db = store.open_db(location)
    if start is not None:
        start.wait()
    began = time.perf_counter()
    for i in range(count):
        store.record_translation(db, store.TranslationRecord(
            pair="java-go", kind="selection", uri=f"file:///w{worker}/A{i}.java", target_uri=f"file:///w{worker}/a.go",
            source_text="class A { int f() { return 1; } }\n" * 8, output="func F() int { return 1 }\n" * 8,
            model="bench"))
    if times is not None:
        times.put((began, time.perf_counter()))


def _writes_per_second(location: str, editors: int, writes: int) -> float:
    """Writes per second while all ``editors`` write at once (process start and imports not counted)."""
    _write_records(location, 1, 0)  # created and migrated before the clock starts
    start, times = multiprocessing.Barrier(editors), multiprocessing.Queue()
    procs = [multiprocessing.Process(target=_write_records, args=(location, writes, w + 1, start, times))
             for w in range(editors)]
    for p in procs:
        p.start()
    spans = [times.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
    return editors * writes / (max(e for _, e in spans) - min(b for b, _ in spans))


def feedback(args) -> dict:
    print(f"feedback ({args.writes} records per editor process; SQLite in WAL mode, PostgreSQL on a socket)")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.postgres import PostgresServer

    server = None if args.postgres else PostgresServer()
    out: dict = {"sqlite": {}, "postgresql": {}}
    try:
        for editors in args.editors:
            with tempfile.TemporaryDirectory() as tmp:
                out["sqlite"][editors] = _writes_per_second(str(Path(tmp) / "act.db"), editors, args.writes)
            out["postgresql"][editors] = _writes_per_second(args.postgres or server.url, editors, args.writes)
            print(f"  {editors:>2} editors  SQLite {out['sqlite'][editors]:7.0f} writes/s   "
                  f"PostgreSQL {out['postgresql'][editors]:7.0f} writes/s", flush=True)
    finally:
        if server:
            server.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--legs", nargs="+", choices=("latency", "engines", "feedback"),
                    default=["latency", "engines", "feedback"])
    ap.add_argument("--translations", type=int, default=5, help="latency: the first N Java -> Go bench sources")
    ap.add_argument("--max-tokens", type=int, default=256)
    ap.add_argument("--threads", type=int, default=None, help="llama.cpp threads, both ways (default: all cores)")
    ap.add_argument("--endpoint", help="an endpoint serving the default model (default: start one here)")
    ap.add_argument("--jobs", type=int, default=40, help="engines: Go test jobs")
    ap.add_argument("--workers", type=int, default=2, help="engines: containers per engine")
    ap.add_argument("--second-host", help="engines: a second Docker engine URL")
    ap.add_argument("--editors", type=int, nargs="+", default=[1, 4, 8], help="feedback: concurrent writers")
    ap.add_argument("--writes", type=int, default=200, help="feedback: records per writer")
    ap.add_argument("--postgres", help="feedback: a PostgreSQL URL (default: start a throwaway server here)")
    args = ap.parse_args()
    for leg in args.legs:
        {"latency": latency, "engines": engines, "feedback": feedback}[leg](args)


if __name__ == "__main__":
    main()
