"""Generation split from checking: many prompts decoded together on an accelerator, checked later elsewhere.

On a GPU, llama.cpp's one-prompt-at-a-time serving leaves the device idle, and the sandbox (Docker and the
target toolchains) is usually not there. So an evaluation can run in two halves:
- ``bench_requests`` + ``HFGenerator`` + ``write_samples`` (where the GPU is): the evaluation's exact prompts and
  sampling plan, hundreds of sequences per ``model.generate`` call with transformers (+ a peft adapter); the raw
  completions go to a JSONL file, one row per sample.
- ``ReplayGenerator`` (where the sandbox is): serves those completions to the ordinary ``evaluate`` through
  the one translation routine, so sanitising, checking, scoring and storage are the same as a live run.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from act_lsp.engine import Generation, GenerationParams
from act_lsp.pairs import get_pair
from act_lsp.prompts import STOP, build_prompt
from act_lsp.translator import sample_params
from act_train.bench import load_bench
from act_train.evaluate import EvalConfig, eval_params, eval_temperature, example_index, task_examples


@dataclass(frozen=True)
class Request:
    prompt: str
    params: GenerationParams
    key: tuple[str, int]  # (task id, sample index)


def bench_requests(config: EvalConfig) -> list[Request]:
    """The prompts and per-sample parameters ``evaluate`` would use for this configuration."""
    tasks = load_bench(config.bench)[: config.limit]
    if not tasks:
        raise ValueError(f"{config.bench} has no tasks")
    pair = get_pair(f"{tasks[0].source_lang}-{tasks[0].target_lang}")
    temperature, params = eval_temperature(config), eval_params(config)
    index = example_index(config)
    out = []
    for task in tasks:
        examples, _ = task_examples(index, config, pair.id, task)
        prompt = build_prompt(pair, getattr(task, config.source_field), scaffold=task.target_prompt or None,
                              examples=examples)
        for n, p in enumerate(sample_params(params, config.samples, temperature)):
            out.append(Request(prompt.text, p, (task.task_id, n)))
    return out


def cut_at_stop(text: str, stop: Sequence[str]) -> tuple[str, bool]:
    """The text before the first stop string (llama.cpp's convention: the stop string is not returned)."""
    cut = min((i for i in (text.find(s) for s in stop) if i >= 0), default=-1)
    return (text[:cut], True) if cut >= 0 else (text, False)


def plan_batches(widths: Sequence[int], batch_size: int, batch_tokens: int) -> list[tuple[int, int]]:
    """(start, end) runs over sequences sorted by width (prompt ~ characters / 3, plus new tokens): at most
    ``batch_size`` sequences and ``batch_tokens`` padded positions each, so long prompts (retrieved examples)
    get smaller batches and the prefill and KV cache stay within the device's memory."""
    out, start = [], 0
    while start < len(widths):
        end = start + 1
        while end < len(widths) and end - start < batch_size and (end - start + 1) * widths[end] <= batch_tokens:
            end += 1
        out.append((start, end))
        start = end
    return out


class HFGenerator:
    """A transformers causal LM (the GGUF dequantized, as the trainer loads it) with an optional peft adapter,
    decoding many prompts per call. Sampling settings follow llama.cpp's chain (top-k 40, top-p, min-p 0.05)."""

    def __init__(self, base_model: str | None = None, adapter_dir: str | None = None, *, device: str | None = None,
                 batch_size: int = 256, batch_tokens: int = 400_000) -> None:
        import torch

        from act_train.finetune import load_base

        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        model, self.tokenizer, self.model_path = load_base(base_model, self.device)
        self.model = model.to(torch.bfloat16) if self.device == "cuda" else model
        self.model.config.use_cache = True
        self.model.eval()
        self.use_adapter = False
        self.adapter: str | None = None
        if adapter_dir:
            self.attach_adapter(adapter_dir)
        self.tokenizer.padding_side = "left"
        if self.tokenizer.pad_token_id is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        self.batch_size, self.batch_tokens = batch_size, batch_tokens

    def attach_adapter(self, adapter_dir: str, name: str | None = None) -> None:
        """Load a peft adapter, unmerged, and make it the active one; several can be attached (one base model in
        memory for a round that compares training settings), and ``use_adapter`` switches between base and tuned."""
        from peft import PeftModel

        name = name or Path(adapter_dir).name
        if self.adapter is None:
            self.model = PeftModel.from_pretrained(self.model, adapter_dir, adapter_name=name).eval()
        elif name not in self.model.peft_config:  # attached before: only made active again
            self.model.load_adapter(adapter_dir, adapter_name=name)
            self.model.eval()
        self.model.set_adapter(name)
        self.adapter = name
        self.use_adapter = True

    @property
    def name(self) -> str:
        return self.model_path.name + (f"+{self.adapter}" if self.adapter and self.use_adapter else "")

    def generate_batch(self, requests: Sequence[Request],
                       on_progress: Callable[[int, int], None] | None = None) -> list[Generation]:
        """One Generation per request, in order. Requests are grouped by sampling settings and sorted by prompt
        length, so each ``generate`` call pads little and shares one max_tokens."""

        results: list[Generation | None] = [None] * len(requests)
        groups: dict[tuple, list[int]] = {}
        for i, req in enumerate(requests):
            p = req.params
            groups.setdefault((p.temperature, p.top_p, p.max_tokens, p.stop), []).append(i)
        done = 0
        for members in groups.values():
            members.sort(key=lambda i: len(requests[i].prompt))
            widths = [len(requests[i].prompt) // 3 + requests[i].params.max_tokens for i in members]
            for start, end in plan_batches(widths, self.batch_size, self.batch_tokens):
                batch = members[start:end]
                self._decode(requests, batch, results, seed_offset=start)
                done += len(batch)
                if on_progress:
                    on_progress(done, len(requests))
        assert all(r is not None for r in results)
        return results

    def _decode(self, requests: Sequence[Request], batch: list[int], results: list, *, seed_offset: int) -> None:
        import torch

        p = requests[batch[0]].params
        t0 = time.perf_counter()
        enc = self.tokenizer([requests[i].prompt for i in batch], return_tensors="pt", padding=True,
                             add_special_tokens=False).to(self.device)
        sampling = ({"do_sample": True, "temperature": p.temperature, "top_p": p.top_p, "top_k": 40, "min_p": 0.05}
                    if p.temperature > 0 else {"do_sample": False})
        if p.seed is not None:
            torch.manual_seed(p.seed + seed_offset)
        off = self.model.disable_adapter() if self.adapter and not self.use_adapter else contextlib.nullcontext()
        with torch.no_grad(), off:
            out = self.model.generate(**enc, max_new_tokens=p.max_tokens, stop_strings=list(p.stop or STOP),
                                      tokenizer=self.tokenizer, pad_token_id=self.tokenizer.pad_token_id, **sampling)
        seconds = (time.perf_counter() - t0) / len(batch)
        new = out[:, enc["input_ids"].shape[1]:]
        for row, i in enumerate(batch):
            ids = [t for t in new[row].tolist() if t != self.tokenizer.pad_token_id]
            text, stopped = cut_at_stop(self.tokenizer.decode(ids, skip_special_tokens=False), p.stop or STOP)
            reason = "stop" if stopped or len(ids) < p.max_tokens else "length"
            results[i] = Generation(text=text, tokens=len(ids), finish_reason=reason, seconds=seconds,
                                    first_token_seconds=0.0)


def write_samples(path: str | Path, requests: Sequence[Request], generations: Sequence[Generation],
                  model: str) -> None:
    with Path(path).open("a", encoding="utf-8") as fh:
        for req, gen in zip(requests, generations, strict=True):
            fh.write(json.dumps({"task_id": req.key[0], "sample": req.key[1], "prompt": req.prompt,
                                 "temperature": req.params.temperature, "text": gen.text, "tokens": gen.tokens,
                                 "finish_reason": gen.finish_reason, "seconds": round(gen.seconds, 4),
                                 "model": model}) + "\n")


class ReplayGenerator:
    """Serves completions written by ``write_samples`` for the same prompts, in sample order. A prompt the file
    does not hold is an error, not a silent live generation: the two halves must match."""

    def __init__(self, path: str | Path) -> None:
        rows: dict[tuple[str, float], list[tuple[int, Generation]]] = {}
        self.model = ""
        with Path(path).open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    r = json.loads(line)
                    gen = Generation(text=r["text"], tokens=r["tokens"], finish_reason=r["finish_reason"],
                                     seconds=r.get("seconds", 0.0), first_token_seconds=0.0)
                    rows.setdefault((r["prompt"], float(r["temperature"])), []).append((int(r["sample"]), gen))
                    self.model = self.model or r.get("model", "")
                except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                    raise ValueError(f"{path}:{n}: not a sample row ({exc})") from None
        self.by_prompt = {k: [g for _, g in sorted(v, key=lambda x: x[0])] for k, v in rows.items()}

    def generate_many(self, prompt: str, params: Sequence[GenerationParams], **_) -> list[Generation]:
        """Samples 0..len(params)-1 of the prompt, stored with the first entry's temperature."""
        gens = self.by_prompt.get((prompt, float(params[0].temperature)), [])
        if len(gens) < len(params):
            raise KeyError(f"{len(gens)} stored samples for a prompt that needs {len(params)}: was the file written "
                           "for the same benchmark, --samples and --max-tokens?")
        return gens[: len(params)]

    def generate(self, prompt: str, params: GenerationParams | None = None, **_) -> Generation:
        return self.generate_many(prompt, [params or GenerationParams()])[0]
