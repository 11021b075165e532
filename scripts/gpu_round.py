"""One training round on a GPU machine that has no sandbox: finetune one adapter per training setting, then
sample the benchmarks greedily with each (and the base, and retrieved examples, as time allows).

The sandbox half runs where Docker is: ``act-train eval --bench B --replay OUT/samples-<tag>.jsonl``. Work is done
most important first (the base, each setting trained and sampled, then extras) and every file is written as
soon as it is complete, so a run stopped at its time limit still returns what it finished. The GGUF is dequantized
once into an HF directory next to the output (about 50 s saved on every later load).

    python scripts/gpu_round.py --model qwen.gguf --data a.jsonl --data b.jsonl \
        --bench java_go.jsonl --bench cpp_rust.jsonl --out out/ --budget-s 420 \
        --train a:epochs=2,lr=2e-4,rank=16 --train b:epochs=4,lr=1e-4,rank=32
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


def parse_setting(text: str) -> tuple[str, dict]:
    """``tag:epochs=2,lr=2e-4,rank=16`` -> (tag, FinetuneConfig keyword arguments)."""
    tag, _, rest = text.partition(":")
    names = {"epochs": ("epochs", float), "lr": ("learning_rate", float), "rank": ("rank", int),
             "alpha": ("alpha", float), "steps": ("max_steps", int)}
    kwargs = {}
    for item in filter(None, rest.split(",")):
        key, _, value = item.partition("=")
        if key not in names:
            raise SystemExit(f"--train {text}: unknown setting {key!r} (known: {', '.join(names)})")
        field, kind = names[key]
        kwargs[field] = kind(value)
    kwargs.setdefault("alpha", 2.0 * kwargs.get("rank", 16))
    return tag, kwargs


def dequantized(model: str, where: Path) -> str:
    """The model as an HF directory, written once: loading a GGUF dequantizes it every time (~50 s). Falls back
    to the GGUF itself if this transformers cannot write it."""
    if Path(model).is_dir() or (where / "config.json").is_file():
        return model if Path(model).is_dir() else str(where)
    from safetensors.torch import save_model

    from act_train.finetune import load_base

    try:
        base, tokenizer, _ = load_base(model, "cpu")
        where.mkdir(parents=True, exist_ok=True)
        # transformers will not save_pretrained a GGUF-loaded model; its weights are plain tensors by now.
        if hasattr(base.config, "quantization_config"):
            del base.config.quantization_config
        base.config.save_pretrained(where)
        base.generation_config.save_pretrained(where)
        save_model(base, str(where / "model.safetensors"))
        tokenizer.save_pretrained(where)
    except Exception as exc:  # noqa: BLE001 - any failure here only costs load time
        print(f"dequantized copy not written ({type(exc).__name__}: {exc}); loading the GGUF each time", flush=True)
        (where / "config.json").unlink(missing_ok=True)
        return model
    return str(where)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, help="base GGUF (or HF directory)")
    ap.add_argument("--data", action="append", required=True, help="training JSONL; repeatable")
    ap.add_argument("--bench", action="append", required=True, help="benchmark JSONL; repeatable")
    ap.add_argument("--out", required=True)
    ap.add_argument("--train", action="append", default=[],
                    help="TAG:epochs=E,lr=L,rank=R[,alpha=A][,steps=S]; repeatable, in order of importance "
                         "(default: tuned:epochs=2,lr=2e-4,rank=16)")
    ap.add_argument("--samples", type=int, default=5, help="pass@k samples per task after the greedy passes")
    ap.add_argument("--batch-size", type=int, default=384)
    ap.add_argument("--batch-tokens", type=int, default=1_000_000, help="padded positions per generate call")
    ap.add_argument("--limit", type=int, help="first N tasks of each benchmark (smoke tests)")
    ap.add_argument("--max-tokens", type=int, default=768)
    ap.add_argument("--no-base", action="store_true", help="skip the base model's greedy pass")
    ap.add_argument("--budget-s", type=float, default=420.0, help="start no training or sampling after this")
    args = ap.parse_args()
    start = time.perf_counter()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    log = {"args": vars(args), "steps": []}

    def note(step: str, **info) -> None:
        log["steps"].append({"step": step, "at_s": round(time.perf_counter() - start, 1), **info})
        (out / "round.json").write_text(json.dumps(log, indent=1))
        print(json.dumps(log["steps"][-1]), flush=True)

    def over_budget(what: str) -> bool:
        if time.perf_counter() - start > args.budget_s:
            note("skipped", what=what, reason="budget")
            return True
        return False

    model = dequantized(args.model, out.parent / "base-hf")
    note("base", model=model)
    examples = [ex for path in args.data for ex in load_examples(path)]
    gen = HFGenerator(model, batch_size=args.batch_size, batch_tokens=args.batch_tokens)
    note("loaded", device=gen.device)

    def sample(tag: str, samples: int = 1, retrieved: int = 0) -> None:
        configs = [EvalConfig(bench=b, samples=samples, ks=(1,), limit=args.limit, max_tokens=args.max_tokens,
                              examples=retrieved, examples_from=tuple(args.data) if retrieved else ())
                   for b in args.bench]
        requests = [r for c in configs for r in bench_requests(c)]
        t = time.perf_counter()
        try:
            gens = gen.generate_batch(requests)
        except Exception as exc:  # one pass's failure (say, out of memory) must not lose the passes after it
            note("failed", tag=tag, error=f"{type(exc).__name__}: {exc}"[:500])
            return
        path = out / f"samples-{tag}.jsonl"
        path.with_suffix(".partial").unlink(missing_ok=True)
        write_samples(path.with_suffix(".partial"), requests, gens, model=gen.name)
        path.with_suffix(".partial").replace(path)
        tokens = sum(g.tokens for g in gens)
        note("sampled", tag=tag, sequences=len(gens), tokens=tokens, seconds=round(time.perf_counter() - t, 1),
             tokens_per_second=round(tokens / (time.perf_counter() - t)),
             length_stops=sum(g.finish_reason == "length" for g in gens))

    if not args.no_base:  # first: every later comparison needs it
        sample("base")
    tuned = []
    for text in args.train or ["tuned:epochs=2,lr=2e-4,rank=16"]:
        tag, settings = parse_setting(text)
        if over_budget(f"train {tag}"):
            continue
        cfg = FinetuneConfig(output_dir=str(out / f"train-{tag}"), base_model=model, **settings)
        try:
            result = finetune(cfg, examples)
        except Exception as exc:  # a diverged setting must not lose the others
            note("failed", tag=tag, error=f"{type(exc).__name__}: {exc}"[:500])
            continue
        note("finetune", tag=tag, config=dataclasses.asdict(cfg), examples=result.examples, dropped=result.dropped,
             steps=result.steps, train_tokens=result.train_tokens,
             tokens_per_second=round(result.tokens_per_second), batch_tokens=result.batch_tokens,
             precision=result.precision, device=result.device, initial_eval_loss=result.initial_eval_loss,
             eval_losses=result.eval_losses, train_losses=result.train_losses[-3:], seconds=round(result.seconds, 1))
        gen.attach_adapter(result.adapter_dir, tag)
        tuned.append(tag)
        if not over_budget(f"sample {tag}"):
            sample(tag)
    gen.use_adapter = False
    if not over_budget("sample base-ex2"):
        sample("base-ex2", retrieved=2)
    if tuned and not over_budget(f"sample {tuned[0]}-k{args.samples}"):
        gen.attach_adapter(str(out / f"train-{tuned[0]}" / "adapter"), tuned[0])  # the first setting, active again
        sample(f"{tuned[0]}-k{args.samples}", samples=args.samples)
    note("done")


if __name__ == "__main__":
    main()
