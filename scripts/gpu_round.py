"""One training round on a GPU machine that has no sandbox: finetune, then sample the benchmarks, base and tuned.

The sandbox half runs where Docker is: ``act-train eval --bench B --replay OUT/samples-<tag>.jsonl``. Work is done
most important first (training, greedy base and tuned, then pass@k samples) and every file is written as soon as
it is complete, so a run stopped at its time limit still returns what it finished.

    python scripts/gpu_round.py --model qwen.gguf --data a.jsonl --data b.jsonl \
        --bench java_go.jsonl --bench cpp_rust.jsonl --out out/ --budget-s 420
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from act_train.batch_generate import HFGenerator, bench_requests, write_samples  # noqa: E402
from act_train.evaluate import EvalConfig  # noqa: E402
from act_train.finetune import FinetuneConfig, finetune, load_examples  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, help="base GGUF (or HF directory)")
    ap.add_argument("--data", action="append", required=True, help="training JSONL; repeatable")
    ap.add_argument("--bench", action="append", required=True, help="benchmark JSONL; repeatable")
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--rank", type=int, default=16)
    ap.add_argument("--samples", type=int, default=5, help="pass@k samples per task after the greedy pass")
    ap.add_argument("--batch-size", type=int, default=384)
    ap.add_argument("--limit", type=int, help="first N tasks of each benchmark (smoke tests)")
    ap.add_argument("--max-tokens", type=int, default=768)
    ap.add_argument("--budget-s", type=float, default=420.0, help="start no sampling pass after this")
    args = ap.parse_args()
    start = time.perf_counter()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    log = {"args": vars(args), "steps": []}

    def note(step: str, **info) -> None:
        log["steps"].append({"step": step, "at_s": round(time.perf_counter() - start, 1), **info})
        (out / "round.json").write_text(json.dumps(log, indent=1))
        print(json.dumps(log["steps"][-1]), flush=True)

    examples = [ex for path in args.data for ex in load_examples(path)]
    cfg = FinetuneConfig(output_dir=str(out / "train"), base_model=args.model, epochs=args.epochs,
                         learning_rate=args.lr, rank=args.rank, alpha=2.0 * args.rank)
    result = finetune(cfg, examples)
    note("finetune", examples=result.examples, dropped=result.dropped, steps=result.steps,
         train_tokens=result.train_tokens, tokens_per_second=round(result.tokens_per_second),
         batch_tokens=result.batch_tokens, precision=result.precision, device=result.device,
         initial_eval_loss=result.initial_eval_loss, eval_losses=result.eval_losses,
         train_losses=result.train_losses[-3:], seconds=round(result.seconds, 1))

    gen = HFGenerator(args.model, batch_size=args.batch_size)
    gen.attach_adapter(result.adapter_dir)
    note("loaded", device=gen.device)
    # (samples, tuned, retrieved examples), most important first.
    passes = [(1, False, 0), (1, True, 0), (1, False, 2), (1, False, 1), (1, False, 4), (1, True, 2),
              (args.samples, False, 0), (args.samples, True, 0)]
    for samples, tuned, examples in passes:
        if time.perf_counter() - start > args.budget_s:
            note("skipped", samples=samples, tuned=tuned, examples=examples, reason="budget")
            continue
        gen.use_adapter = tuned
        tag = ("tuned" if tuned else "base") + (f"-ex{examples}" if examples else "") + (
            f"-k{samples}" if samples > 1 else "")
        configs = [EvalConfig(bench=b, samples=samples, ks=(1,), limit=args.limit, max_tokens=args.max_tokens,
                              examples=examples, examples_from=tuple(args.data) if examples else ())
                   for b in args.bench]
        requests = [r for c in configs for r in bench_requests(c)]
        t = time.perf_counter()
        try:
            gens = gen.generate_batch(requests)
        except Exception as exc:  # one pass's failure (say, out of memory) must not lose the passes after it
            note("failed", tag=tag, error=f"{type(exc).__name__}: {exc}"[:500])
            continue
        path = out / f"samples-{tag}.jsonl"
        write_samples(path.with_suffix(".partial"), requests, gens, model=gen.name)
        path.with_suffix(".partial").replace(path)
        tokens = sum(g.tokens for g in gens)
        note("sampled", tag=tag, sequences=len(gens), tokens=tokens, seconds=round(time.perf_counter() - t, 1),
             tokens_per_second=round(tokens / (time.perf_counter() - t)),
             length_stops=sum(g.finish_reason == "length" for g in gens))
    note("done", config=dataclasses.asdict(cfg))


if __name__ == "__main__":
    main()
