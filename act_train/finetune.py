"""LoRA finetuning with transformers + peft on the base model (a GGUF, dequantized, or an HF directory).

Made for small CPU budgets, where every training token counts:
- the exact inference prompt (``act_lsp.prompts``), loss on the target-code tokens only;
- the vocabulary projection (151k × 896 for Qwen2.5-0.5B) is computed only at target positions;
- length bucketing instead of padding everything to the longest example;
- bf16 autocast where the CPU has AVX-512-BF16, fp32 otherwise (on a GPU fp32 with TF32 matmuls: bf16 diverged);
- a non-finite loss stops the run before it reaches the weights (``TrainingDiverged``);
- gradient accumulation, seeded, and a checkpoint every N steps that a killed run resumes from.
"""

from __future__ import annotations

import json
import math
import os
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Literal

from act_lsp.examples import Example, ExampleIndex
from act_lsp.model_store import resolve_model_path
from act_lsp.pairs import get_pair
from act_lsp.prompts import build_prompt
from act_train.dedup import overlap_check
from act_train.jsonl import read_records

DEFAULT_TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


@dataclass(kw_only=True)
class FinetuneConfig:
    """Args: see each field's comment. Saved next to every adapter as ``finetune_config.json``."""

    output_dir: str
    base_model: str | None = None  # bundled name, GGUF path or HF directory; None: the default model
    rank: int = 16  # LoRA r
    alpha: float = 32.0  # LoRA alpha; llama.cpp scales by alpha / r like peft
    dropout: float = 0.05
    target_modules: tuple[str, ...] = DEFAULT_TARGETS
    learning_rate: float = 2e-4
    epochs: float = 1.0
    max_steps: int | None = None  # optimizer steps; overrides epochs
    # Padded tokens per micro-batch; None: sized to the device (2048 on a CPU; on a GPU, from its free memory:
    # ``auto_batch_tokens``). Measured on an H100 with 0.5B shapes: 2,087 tokens/s at 2048, 27,273 at 16,384.
    batch_tokens: int | None = None
    grad_accum: int = 2
    min_steps: int = 48  # on a GPU, auto-sized micro-batches shrink until the data gives this many steps
    max_seq_len: int = 1024  # longer examples are dropped, not truncated (a cut target teaches nonsense)
    warmup_steps: int = 2
    eval_fraction: float = 0.1
    seed: int = 0
    precision: Literal["auto", "bf16", "fp32"] = "auto"
    checkpoint_every: int = 10  # optimizer steps
    threads: int | None = None
    time_budget_s: float | None = None  # stop (and save) after this much wall time, whatever max_steps says
    # A peft adapter dir or a llama.cpp LoRA GGUF (same rank) to continue from: a cycle's next round, a bundled adapter
    init_adapter: str | None = None
    # "sft": maximize the likelihood of the targets. "dpo": for examples that carry a failed candidate
    # (``rejected``), raise the margin of the right answer over the wrong one relative to the base model (DPO,
    # Rafailov et al. 2023), plus ``dpo_nll`` times the right answer's per-token NLL, which keeps its likelihood
    # from falling with the wrong one's (Pang et al. 2024). The base is the model with the adapter switched off.
    objective: Literal["sft", "dpo"] = "sft"
    dpo_beta: float = 0.1
    dpo_nll: float = 1.0
    # Retrieved examples in each training prompt, as the server shows them (``with_examples``): an adapter that has
    # seen examples in its prompts learns to use them rather than be thrown by them. 0: plain prompts.
    examples: int = 0
    examples_tokens: int = 600  # their budget per prompt; a prompt that still exceeds max_seq_len goes without

    def __post_init__(self) -> None:
        if self.rank < 1 or self.alpha <= 0:
            raise ValueError("`rank` and `alpha` must be positive")
        if not 0 <= self.eval_fraction < 1:
            raise ValueError("`eval_fraction` must be in [0, 1)")
        if self.learning_rate <= 0 or self.grad_accum < 1 or (self.batch_tokens or 64) < 64:
            raise ValueError("`learning_rate`, `grad_accum` and `batch_tokens` must be positive")
        if self.examples < 0 or self.examples_tokens < 1:
            raise ValueError("`examples` must be >= 0 and `examples_tokens` positive")
        if self.objective not in ("sft", "dpo") or self.dpo_beta <= 0 or self.dpo_nll < 0:
            raise ValueError("`objective` is 'sft' or 'dpo', with `dpo_beta` > 0 and `dpo_nll` >= 0")
        if self.init_adapter:
            if Path(self.init_adapter).suffix == ".gguf":  # e.g. a bundled adapter: no peft directory ships
                from act_train.export_gguf import lora_gguf_settings

                if not Path(self.init_adapter).is_file():
                    raise ValueError(f"`init_adapter` {self.init_adapter}: no such file")
                rank, alpha = lora_gguf_settings(self.init_adapter)
            else:
                saved = Path(self.init_adapter) / "adapter_config.json"
                if not saved.is_file():
                    raise ValueError(f"`init_adapter` {self.init_adapter}: no peft adapter there")
                settings = json.loads(saved.read_text())
                rank, alpha = settings.get("r"), settings.get("lora_alpha", self.alpha)
            if rank != self.rank or alpha != self.alpha:  # another scale would change what the weights mean
                raise ValueError(f"`init_adapter` {self.init_adapter} has rank {rank} and alpha {alpha:g}, "
                                 f"not {self.rank} and {self.alpha:g}")


class TrainingDiverged(RuntimeError):
    """A non-finite loss: nothing after the last checkpoint is kept."""


@dataclass(frozen=True)
class TrainExample:
    pair: str
    source: str
    target: str
    # The student's pass rate on the program when the pair was made (its difficulty); None: not sampled (users'
    # translations, hand-made data).
    pass_rate: float | None = None
    rejected: str | None = None  # a candidate for the same source that failed (preference training)
    examples: tuple[Example, ...] = ()  # shown before the request as earlier turns (``with_examples``)


@dataclass
class FinetuneResult:
    adapter_dir: str
    steps: int
    train_losses: list[float]
    eval_losses: list[float]
    train_tokens: int  # tokens forwarded (prompt + target)
    target_tokens: int  # tokens the loss was computed on
    seconds: float
    compute_seconds: float
    examples: int
    dropped: int
    precision: str
    device: str
    initial_eval_loss: float | None = None  # on the held-out split, before the first step
    peak_rss_mb: float = 0.0
    history: list[dict] = field(default_factory=list)
    batch_tokens: int = 0  # the micro-batch size used (sized to the device unless configured)
    with_examples: int = 0  # trained examples whose prompt showed retrieved examples (``FinetuneConfig.examples``)

    @property
    def tokens_per_second(self) -> float:
        return self.train_tokens / self.compute_seconds if self.compute_seconds else 0.0


def encode(example: TrainExample, tokenize: Callable[[str], list[int]], *, rejected: bool = False
           ) -> tuple[list[int], int]:
    """Token ids of prompt + answer (the target, or the rejected candidate), and how many leading ids are prompt
    (no loss there)."""
    pair = get_pair(example.pair)
    target = (example.rejected or "") if rejected else example.target
    prompt = build_prompt(pair, example.source, examples=example.examples)
    if not target.startswith(prompt.prefix):
        prompt = build_prompt(pair, example.source, scaffold="", examples=example.examples)
    answer = target[len(prompt.prefix):].rstrip() + "\n```"
    p = tokenize(prompt.text)
    return p + tokenize(answer), len(p)


def with_examples(examples: Sequence[TrainExample], k: int, *, max_tokens: int) -> list[TrainExample]:
    """Each example with the ``k`` others BM25 retrieves for its source, as serving would (``ExampleIndex``), minus
    the row itself and any that overlaps it (``overlap_check``: a near copy would teach copying, not using)."""
    index = ExampleIndex(Example(pair=ex.pair, source=ex.source, target=ex.target, origin="synthetic")
                         for ex in examples)
    out = []
    for ex in examples:
        overlaps = overlap_check((ex.source, ex.target))
        found, _ = index.search(ex.pair, ex.source, k, max_tokens=max_tokens,
                                exclude=lambda e, overlaps=overlaps: overlaps(e.source, e.target))
        out.append(replace(ex, examples=tuple(found)))
    return out


def _length(example: tuple) -> int:
    """Tokens a micro-batch holds for an encoded example: (ids, n_prompt), or for DPO (ids, n_prompt, (rejected ids,
    n_prompt)) both sides, each padded to the longer: both sides' graphs are alive at once (the 0.5B with 2,048 tokens
    a side reached 18 GB on the CPU and was stopped; counting both sides keeps a micro-batch at ``batch_tokens``)."""
    return 2 * max(len(example[0]), len(example[2][0])) if len(example) == 3 else len(example[0])


def length_buckets(lengths: Sequence[int], batch_tokens: int, rng: random.Random) -> list[list[int]]:
    """Group example indices of similar length so padding is small; batch order is shuffled."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches, cur = [], []
    for i in order:
        if cur and max(lengths[j] for j in cur + [i]) * (len(cur) + 1) > batch_tokens:
            batches.append(cur)
            cur = []
        cur.append(i)
    if cur:
        batches.append(cur)
    rng.shuffle(batches)
    return batches


def _pick_device_and_precision(precision: str):
    import torch

    if torch.cuda.is_available():
        # "auto" is fp32 with TF32 matmuls on a GPU: bf16 autocast gave a NaN loss from the first step on an H100
        # (Qwen2.5-0.5B dequantized from its GGUF, padded batches; fp32 trained normally). "bf16" still forces it.
        device = "cuda"
        bf16 = False
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    else:
        device = "cpu"
        bf16 = bool(getattr(torch.backends.cpu, "get_cpu_capability", lambda: "")() in ("AVX512", "AMX")
                    and torch.cpu._is_avx512_bf16_supported())
    use_bf16 = {"auto": bf16, "bf16": True, "fp32": False}[precision]
    return device, use_bf16


CPU_BATCH_TOKENS = 2048


def auto_batch_tokens(free_bytes: int, *, vocab: int, hidden: int, layers: int, share: float = 0.7,
                      floor: int = CPU_BATCH_TOKENS, ceiling: int = 65536) -> int:
    """The largest power-of-two micro-batch whose activations fit ``share`` of the free device memory.

    Per token, training keeps the fp32 logits, their gradient and the softmax (3 x vocab x 4 bytes: 1.8 MB for
    Qwen2.5's 152k vocabulary, the largest term for small models) and about 34 bf16 activations of the hidden
    size per layer (attention and MLP inputs, outputs and the LoRA paths), which gives 16,384 tokens for 0.5B
    shapes on an 80 GB H100 (measured there: 13x the throughput of the 2,048-token CPU default)."""
    per_token = 3 * vocab * 4 + 34 * layers * hidden * 2
    fit = int(free_bytes * share) // per_token
    tokens = floor
    while tokens * 2 <= min(fit, ceiling):
        tokens *= 2
    return tokens


def micro_batch_tokens(cfg_tokens: int | None, device: str, model_config) -> int:
    """The configured size, else the CPU default, else sized to the GPU's free memory."""
    if cfg_tokens is not None:
        return cfg_tokens
    if device != "cuda":
        return CPU_BATCH_TOKENS
    import torch

    free, _total = torch.cuda.mem_get_info()
    return auto_batch_tokens(free, vocab=model_config.vocab_size, hidden=model_config.hidden_size,
                             layers=model_config.num_hidden_layers)


def batch_for_steps(batch_tokens: int, total_tokens: int, *, epochs: float, grad_accum: int, min_steps: int,
                    floor: int = 512) -> int:
    """Halve the micro-batch until the data gives ``min_steps`` optimizer steps (not below ``floor``).

    Sized to memory alone, a GPU micro-batch of 16,384 tokens turns 200 pairs (~100k tokens) into 3 steps an
    epoch, too few updates to learn from; throughput matters less than steps at that scale."""
    while batch_tokens > floor and total_tokens * epochs / (batch_tokens * grad_accum) < min_steps:
        batch_tokens //= 2
    return batch_tokens


def load_base(base_model: str | None, device: str):
    """transformers model + tokenizer from a GGUF (dequantized) or an HF directory."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = resolve_model_path(base_model)
    kwargs = {"gguf_file": path.name} if path.is_file() else {}
    where = str(path.parent if path.is_file() else path)
    tokenizer = AutoTokenizer.from_pretrained(where, **kwargs)
    model = AutoModelForCausalLM.from_pretrained(where, dtype=torch.float32, **kwargs).to(device)
    model.config.use_cache = False
    return model, tokenizer, path


def _batch_tensors(batch, encoded, pad_id, device):
    import torch

    width = max(len(encoded[i][0]) for i in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    labels = torch.full((len(batch), width), -100, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for row, i in enumerate(batch):
        toks, n_prompt = encoded[i][0], encoded[i][1]
        ids[row, : len(toks)] = torch.tensor(toks)
        mask[row, : len(toks)] = 1
        labels[row, n_prompt: len(toks)] = torch.tensor(toks[n_prompt:])
    return ids.to(device), mask.to(device), labels.to(device)


def sequence_logprobs(model, ids, mask, labels):
    """Per row: the summed log-probability of its target tokens, and how many there are. Only target positions are
    projected to the vocabulary (the prompt's logits are never made)."""
    import torch
    import torch.nn.functional as F

    base = model.get_base_model()
    hidden = base.model(input_ids=ids, attention_mask=mask).last_hidden_state
    shift = labels[:, 1:]
    keep = shift != -100
    logits = base.lm_head(hidden[:, :-1][keep]).float()
    picked = -F.cross_entropy(logits, shift[keep], reduction="none")
    rows = keep.nonzero()[:, 0]
    return torch.zeros(ids.shape[0], device=ids.device).index_add(0, rows, picked), keep.sum(1)


def target_only_loss(model, ids, mask, labels):
    """Mean cross-entropy over the batch's target tokens, and how many there are."""
    logprobs, counts = sequence_logprobs(model, ids, mask, labels)
    n = int(counts.sum())
    return -logprobs.sum() / max(n, 1), n


def preference_loss(model, chosen, rejected, *, beta: float, nll: float):
    """DPO on (chosen, rejected) batches, the base model as reference, plus ``nll`` x the chosen per-token NLL."""
    import torch
    import torch.nn.functional as F

    pc, nc = sequence_logprobs(model, *chosen)
    pr, _ = sequence_logprobs(model, *rejected)
    with torch.no_grad(), model.disable_adapter():
        rc, _ = sequence_logprobs(model, *chosen)
        rr, _ = sequence_logprobs(model, *rejected)
    margin = (pc - rc) - (pr - rr)
    loss = -F.logsigmoid(beta * margin).mean() + nll * (-pc / nc.clamp(min=1)).mean()
    return loss, int(nc.sum()), float((margin > 0).float().mean())


def _initial_adapter(cfg: FinetuneConfig, model) -> dict:
    """``init_adapter``'s weights as a peft state dict, from a peft directory or a LoRA GGUF."""
    import torch
    from peft import get_peft_model_state_dict
    from safetensors.torch import load_file

    if Path(cfg.init_adapter).suffix != ".gguf":
        return load_file(str(Path(cfg.init_adapter) / "adapter_model.safetensors"))
    from act_train.export_gguf import read_lora_gguf

    state = read_lora_gguf(cfg.init_adapter, list(get_peft_model_state_dict(model)), model.config.num_hidden_layers)
    return {key: torch.from_numpy(value) for key, value in state.items()}


def _lr(step: int, total: int, cfg: FinetuneConfig) -> float:
    if step < cfg.warmup_steps:
        return cfg.learning_rate * (step + 1) / (cfg.warmup_steps + 1)
    progress = (step - cfg.warmup_steps) / max(1, total - cfg.warmup_steps)
    return cfg.learning_rate * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress))))


def finetune(cfg: FinetuneConfig, examples: Sequence[TrainExample], *,
             on_step: Callable[[dict], None] | None = None) -> FinetuneResult:
    import resource

    import torch
    from peft import LoraConfig, get_peft_model, set_peft_model_state_dict
    from safetensors.torch import load_file

    start = time.perf_counter()
    random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    device, use_bf16 = _pick_device_and_precision(cfg.precision)
    model, tokenizer, _ = load_base(cfg.base_model, device)
    batch_tokens = micro_batch_tokens(cfg.batch_tokens, device, model.config)
    model = get_peft_model(model, LoraConfig(r=cfg.rank, lora_alpha=cfg.alpha, lora_dropout=cfg.dropout,
                                             target_modules=list(cfg.target_modules), task_type="CAUSAL_LM"))

    def tokenize(text: str) -> list[int]:
        return tokenizer(text, add_special_tokens=False)["input_ids"]

    dpo = cfg.objective == "dpo"
    if cfg.examples:
        examples = with_examples(examples, cfg.examples, max_tokens=cfg.examples_tokens)
    encoded, rejected, dropped, shown = [], {}, 0, 0  # rejected: the failed candidate's encoding, by position
    for ex in examples:
        ids, n_prompt = encode(ex, tokenize)
        if len(ids) > cfg.max_seq_len and ex.examples:  # the row itself still fits without them
            ex = replace(ex, examples=())
            ids, n_prompt = encode(ex, tokenize)
        bad = encode(ex, tokenize, rejected=True) if dpo and ex.rejected else None
        if len(ids) > cfg.max_seq_len or n_prompt >= len(ids) or (dpo and (bad is None or len(bad[0]) >
                                                                            cfg.max_seq_len)):
            dropped += 1
            continue
        if bad is not None:
            rejected[len(encoded)] = bad
        encoded.append((ids, n_prompt))
        shown += bool(ex.examples)
    if not encoded:
        raise ValueError(f"no training example fits max_seq_len={cfg.max_seq_len} ({dropped} dropped)"
                         + (" or carries a rejected candidate (--objective dpo)" if dpo else ""))
    if dpo:  # a pair is (chosen, rejected), bucketed by both sides' padded size
        encoded = [(ids, n, rejected[i]) for i, (ids, n) in enumerate(encoded)]
    if cfg.batch_tokens is None and device == "cuda":
        batch_tokens = batch_for_steps(batch_tokens, sum(_length(e) for e in encoded), epochs=cfg.epochs,
                                       grad_accum=cfg.grad_accum, min_steps=cfg.min_steps)
    rng = random.Random(cfg.seed)
    rng.shuffle(encoded)
    n_eval = int(len(encoded) * cfg.eval_fraction) if len(encoded) >= 10 else 0
    eval_set, train_set = encoded[:n_eval], encoded[n_eval:]
    batches = length_buckets([_length(e) for e in train_set], batch_tokens, rng)
    steps_per_epoch = max(1, math.ceil(len(batches) / cfg.grad_accum))
    total_steps = cfg.max_steps or max(1, int(round(steps_per_epoch * cfg.epochs)))

    out = Path(cfg.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "finetune_config.json").write_text(json.dumps(asdict(cfg), indent=2, sort_keys=True))
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=cfg.learning_rate, weight_decay=0.0)
    state_path = out / "checkpoint" / "state.pt"
    step, history = 0, []
    if state_path.is_file():  # resume: adapter weights, optimizer, step, history
        saved = torch.load(state_path, weights_only=False)
        set_peft_model_state_dict(model, load_file(str(out / "checkpoint" / "adapter_model.safetensors")))
        optimizer.load_state_dict(saved["optimizer"])
        step, history = saved["step"], saved["history"]
        rng.setstate(saved["rng"])
    elif cfg.init_adapter:  # a new round that goes on from an earlier adapter rather than from zero
        set_peft_model_state_dict(model, _initial_adapter(cfg, model))

    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    autocast = torch.autocast(device_type=device, dtype=torch.bfloat16, enabled=use_bf16)
    train_tokens = target_tokens = 0
    compute = 0.0

    def evaluate() -> float | None:
        if not eval_set:
            return None
        model.eval()
        total, count = 0.0, 0
        with torch.no_grad(), autocast:
            for b in length_buckets([_length(e) for e in eval_set], batch_tokens, random.Random(0)):
                loss, n = target_only_loss(model, *_batch_tensors(b, eval_set, pad, device))
                total, count = total + float(loss) * n, count + n
        model.train()
        return total / max(count, 1)

    initial_eval = evaluate() if step == 0 else None
    model.train()
    batch_iter = iter(())
    while step < total_steps:
        t0 = time.perf_counter()
        for group in optimizer.param_groups:
            group["lr"] = _lr(step, total_steps, cfg)
        losses, toks, tgt, wins = [], 0, 0, []
        for _ in range(cfg.grad_accum):
            batch = next(batch_iter, None)
            if batch is None:
                batch_iter = iter(length_buckets([_length(e) for e in train_set], batch_tokens, rng))
                batch = next(batch_iter)
            ids, mask, labels = _batch_tensors(batch, train_set, pad, device)
            with autocast:
                if dpo:
                    worse = _batch_tensors(range(len(batch)), [train_set[i][2] for i in batch], pad, device)
                    loss, n, won = preference_loss(model, (ids, mask, labels), worse, beta=cfg.dpo_beta,
                                                   nll=cfg.dpo_nll)
                    wins.append(won)
                    mask = torch.cat([mask.flatten(), worse[1].flatten()])
                else:
                    loss, n = target_only_loss(model, ids, mask, labels)
            if not math.isfinite(float(loss.detach())):  # stop before a NaN reaches the weights and the adapter
                raise TrainingDiverged(f"the loss is not finite at step {step + 1} ({'bf16' if use_bf16 else 'fp32'}"
                                       f" on {device}); the last checkpoint in {out} is intact. Try a lower "
                                       "learning rate or precision fp32")
            (loss / cfg.grad_accum).backward()
            losses.append(float(loss.detach()))
            toks += int(mask.sum())
            tgt += n
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        step += 1
        dt = time.perf_counter() - t0
        compute += dt
        train_tokens, target_tokens = train_tokens + toks, target_tokens + tgt
        record = {"step": step, "loss": sum(losses) / len(losses), "lr": optimizer.param_groups[0]["lr"],
                  "tokens": toks, "seconds": round(dt, 3), "tokens_per_s": round(toks / dt, 1)}
        if wins:  # the share of pairs where the right answer already beats the wrong one by more than the base did
            record["preference_accuracy"] = round(sum(wins) / len(wins), 3)
        if step % cfg.checkpoint_every == 0 or step == total_steps:
            record["eval_loss"] = evaluate()
            ckpt = out / "checkpoint"
            model.save_pretrained(str(ckpt))
            torch.save({"optimizer": optimizer.state_dict(), "step": step, "history": history + [record],
                        "rng": rng.getstate()}, ckpt / "state.pt.partial")
            os.replace(ckpt / "state.pt.partial", state_path)
        history.append(record)
        if on_step:
            on_step({**record, "total_steps": total_steps})
        if cfg.time_budget_s and time.perf_counter() - start > cfg.time_budget_s:
            break

    adapter_dir = out / "adapter"
    model.save_pretrained(str(adapter_dir))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return FinetuneResult(
        adapter_dir=str(adapter_dir), steps=step, train_losses=[h["loss"] for h in history],
        eval_losses=[h["eval_loss"] for h in history if h.get("eval_loss") is not None], train_tokens=train_tokens,
        target_tokens=target_tokens, seconds=time.perf_counter() - start, compute_seconds=compute,
        examples=len(encoded), dropped=dropped, precision="bf16" if use_bf16 else "fp32", device=device,
        initial_eval_loss=initial_eval, peak_rss_mb=round(peak, 1), history=history, batch_tokens=batch_tokens,
        with_examples=shown)


def load_examples(path: str | Path) -> list[TrainExample]:
    """JSONL rows with ``pair``, ``source`` and ``target``; the student's pass rate from ``provenance.sampled``."""
    def make(row: dict) -> TrainExample:
        sampled = (row.get("provenance") or {}).get("sampled") or []
        rates = [s["pass_rate"] for s in sampled if s.get("by") == "student" and "pass_rate" in s]
        return TrainExample(pair=row["pair"], source=row["source"], target=row["target"],
                            pass_rate=rates[0] if rates else None, rejected=row.get("rejected"))
    return read_records(path, make, "a training example; expected pair, source, target")


def by_difficulty(examples: Sequence[TrainExample], max_pass_rate: float | None) -> list[TrainExample]:
    """Leave out pairs of programs the student solved more often than ``max_pass_rate``.

    A program the student solves on every sample already comes out right greedily: its pair repeats what the model
    does (little to learn, and it dilutes the pairs that move the greedy answer). Unknown difficulty is kept.
    """
    if max_pass_rate is None:
        return list(examples)
    return [ex for ex in examples if ex.pass_rate is None or ex.pass_rate <= max_pass_rate]


def feedback_examples(db, pairs: Sequence[str] | None = None) -> list[TrainExample]:
    """Accepted translations and the users' edited finals: the best seeds there are (hash-only rows are skipped)."""
    rows = db.query("select pair, source_text, output, final_text, outcome from translations "
                    "where outcome in ('accepted', 'edited') and privacy = 'full' and source_text is not null")
    out = []
    for row in rows:
        target = row["final_text"] if row["outcome"] == "edited" and row["final_text"] else row["output"]
        if target and (pairs is None or row["pair"] in pairs):
            out.append(TrainExample(pair=row["pair"], source=row["source_text"], target=target))
    return out
