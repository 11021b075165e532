"""LoRA training throughput on this machine: tokens/s, share of peak FLOP/s, peak memory, data vs compute time.

Compares fp32 and bf16 autocast, and the vocabulary projection on target tokens only vs on every token.
Run: `.venv/bin/python benchmarks/train_bench.py --steps 3`.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import time

import torch

from act_train.finetune import FinetuneConfig, TrainExample, _batch_tensors, encode, load_base, target_only_loss


def cpu_peak_gflops() -> tuple[float, str]:
    """Peak fp32 FLOP/s = cores x GHz x FLOPs/cycle (AVX-512: 2 FMA units x 16 lanes x 2 = 64)."""
    info = subprocess.run(["lscpu", "--json"], capture_output=True, text=True).stdout
    fields = {f["field"].strip(":"): f["data"] for f in json.loads(info)["lscpu"]}
    with open("/proc/cpuinfo") as fh:
        cpuinfo = fh.read()
    flags = cpuinfo
    per_cycle = 64 if "avx512f" in flags else 32
    mhz = float(fields.get("CPU max MHz") or fields.get("CPU MHz") or 0)
    if not mhz:  # VMs often hide it in lscpu; /proc/cpuinfo still has the nominal clock
        import re

        found = re.search(r"^cpu MHz\s*:\s*([\d.]+)", cpuinfo, re.M)
        mhz = float(found.group(1)) if found else 2000.0
    cores = torch.get_num_threads()
    return cores * mhz / 1000 * per_cycle, f"{cores} cores x {mhz / 1000:.2f} GHz x {per_cycle} FLOP/cycle"


def step_flops(model, tokens: int, projected: int) -> float:
    """LoRA: forward 2N + backward to activations 2N per token over the non-embedding weights (frozen weights get
    no gradient; LoRA's own tiny matrices are ignored), plus 4·V·H for each position projected to the vocabulary."""
    base = model.get_base_model()
    vocab, hidden = base.lm_head.weight.shape
    n_body = sum(p.numel() for n, p in base.model.named_parameters() if "embed_tokens" not in n)
    return 4 * n_body * tokens + 4 * vocab * hidden * projected


def full_vocab_loss(model, ids, mask, labels):
    out = model(input_ids=ids, attention_mask=mask, labels=labels)
    return out.loss, int((labels[:, 1:] != -100).sum())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--steps", type=int, default=3)
    ap.add_argument("--batch", type=int, default=4)
    args = ap.parse_args()
    from peft import LoraConfig, get_peft_model

    t0 = time.perf_counter()
    model, tok, _ = load_base(None, "cpu")
    model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, target_modules=list(FinetuneConfig(
        output_dir="x").target_modules), task_type="CAUSAL_LM"))
    load_s = time.perf_counter() - t0
    rng = random.Random(0)
    body = "\n".join(f"    total += values[{i}] * {rng.randint(2, 9)}" for i in range(12))
    src = "class A {\n  int f(int[] values) {\n    int total = 0;\n" + body + "\n    return total;\n  }\n}"
    tgt = ("package main\n\nfunc F(values []int) int {\n\ttotal := 0\n" + body.replace("    ", "\t")
           + "\n\treturn total\n}\n")
    t1 = time.perf_counter()
    enc = [encode(TrainExample(pair="java-go", source=src, target=tgt), lambda s: tok(s, add_special_tokens=False)[
        "input_ids"])] * args.batch
    data_s = time.perf_counter() - t1
    ids, mask, labels = _batch_tensors(list(range(args.batch)), enc, tok.eos_token_id, "cpu")
    n_params = sum(p.numel() for p in model.parameters())
    peak, how = cpu_peak_gflops()
    print(f"model load {load_s:.1f} s; data preparation {data_s * 1000:.1f} ms for {args.batch} examples of "
          f"{ids.shape[1]} tokens ({int((labels != -100).sum())} target tokens)")
    print(f"peak fp32 estimate {peak:.0f} GFLOP/s ({how}; bf16 with AVX512-BF16 doubles it); "
          f"{n_params / 1e6:.0f}M params")
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-4)
    for name, loss_fn, bf16 in (("fp32, full vocab projection", full_vocab_loss, False),
                                ("fp32, target-only projection", target_only_loss, False),
                                ("bf16 autocast, target-only projection", target_only_loss, True)):
        times = []
        for step in range(args.steps + 1):
            t = time.perf_counter()
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                loss, _ = loss_fn(model, ids, mask, labels)
            loss.backward()
            opt.step()
            opt.zero_grad()
            if step:  # the first step warms up
                times.append(time.perf_counter() - t)
        dt = sum(times) / len(times)
        toks = int(mask.sum())
        projected = toks if loss_fn is full_vocab_loss else int((labels[:, 1:] != -100).sum())
        gflops = step_flops(model, toks, projected) / dt / 1e9
        print(f"  {name:<40} {dt:6.2f} s/step  {toks / dt:7.1f} tokens/s  {gflops:6.1f} GFLOP/s = "
              f"{100 * gflops / peak:5.1f}% of fp32 peak  loss {float(loss.detach()):.3f}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
