"""A tiny real LoRA run (SmolLM2-135M), GGUF export, and llama.cpp agreeing with PEFT on the adapter."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from act_lsp.model_store import BUNDLED_MODELS
from act_lsp.pairs import get_pair
from act_lsp.prompts import build_prompt
from act_train.export_gguf import gguf_tensor_names
from act_train.finetune import (
    FinetuneConfig,
    TrainExample,
    auto_batch_tokens,
    by_difficulty,
    encode,
    finetune,
    length_buckets,
    load_examples,
    micro_batch_tokens,
    with_examples,
)
from tests.conftest import last_logits, translation

TINY = "smollm2-135m"

EXAMPLES = [
    TrainExample(pair="java-go", source=f"class A {{ int add{i}(int x) {{ return x + {i}; }} }}",
                 target=f"package main\n\nfunc Add{i}(x int) int {{\n\treturn x + {i}\n}}\n")
    for i in range(12)
]


def test_encode_masks_the_prompt():
    ids, n_prompt = encode(EXAMPLES[0], lambda s: [ord(c) for c in s])
    text = "".join(map(chr, ids))
    assert text[n_prompt:] == "\treturn x + 0\n}\n```"  # only the code after the scaffold is a target
    assert text[:n_prompt].endswith("```go\npackage main\n\nfunc Add0(x int) int {\n")


def test_length_buckets_cover_everything_once():
    import random

    lengths = [5, 50, 7, 48, 6, 100]
    batches = length_buckets(lengths, 100, random.Random(0))
    assert sorted(i for b in batches for i in b) == list(range(6))
    assert all(max(lengths[i] for i in b) * len(b) <= 100 or len(b) == 1 for b in batches)


def test_a_preference_pair_counts_both_answers_in_a_micro_batch():
    from act_train.finetune import _length

    assert _length(([1] * 10, 3)) == 10
    assert _length(([1] * 10, 3, ([1] * 14, 3))) == 28  # both graphs are alive at once, each padded to the longer


def test_micro_batches_are_sized_to_the_device():
    qwen05 = dict(vocab=151936, hidden=896, layers=24)
    assert auto_batch_tokens(78 * 2**30, **qwen05) == 16384  # an H100's free memory: the measured sweet spot
    assert auto_batch_tokens(200 * 2**30, **qwen05) == 32768  # more memory, larger micro-batches
    assert auto_batch_tokens(8 * 2**30, **qwen05) == 2048  # a small card never goes below the CPU default
    qwen15 = dict(vocab=151936, hidden=1536, layers=28)
    assert auto_batch_tokens(78 * 2**30, **qwen15) < auto_batch_tokens(78 * 2**30, **qwen05)
    assert micro_batch_tokens(None, "cpu", None) == 2048 and micro_batch_tokens(512, "cuda", None) == 512


def test_pairs_are_selected_by_the_students_pass_rate(tmp_path):
    import json

    def row(name: str, sampled: list[dict]) -> str:
        return json.dumps({"pair": "java-go", "source": name, "target": "package main\n",
                           "provenance": {"sampled": sampled}})

    data = tmp_path / "pairs.jsonl"
    data.write_text("\n".join([
        row("always", [{"by": "student", "k": 4, "passed": 4, "pass_rate": 1.0}]),
        row("half", [{"by": "student", "k": 4, "passed": 2, "pass_rate": 0.5}]),
        row("teacher", [{"by": "student", "k": 4, "passed": 0, "pass_rate": 0.0},
                        {"by": "teacher", "k": 2, "passed": 1, "pass_rate": 0.5}]),
        row("unsampled", []),
    ]) + "\n")
    examples = load_examples(data)
    assert [e.pass_rate for e in examples] == [1.0, 0.5, 0.0, None]  # the student's rate, not the teacher's
    assert [e.source for e in by_difficulty(examples, 0.75)] == ["half", "teacher", "unsampled"]
    assert by_difficulty(examples, None) == examples


def test_config_is_checked():
    with pytest.raises(ValueError, match="rank"):
        FinetuneConfig(output_dir="x", rank=0)


def test_tensor_names_follow_llama_cpp():
    state = {"base_model.model.model.layers.3.self_attn.q_proj.lora_A.weight": np.zeros((2, 4)),
             "base_model.model.model.layers.3.mlp.down_proj.lora_B.weight": np.zeros((4, 2))}
    assert gguf_tensor_names(state, "qwen2", 24) == {
        "base_model.model.model.layers.3.self_attn.q_proj.lora_A.weight": "blk.3.attn_q.weight.lora_a",
        "base_model.model.model.layers.3.mlp.down_proj.lora_B.weight": "blk.3.ffn_down.weight.lora_b"}
    with pytest.raises(ValueError, match="lm_head"):
        gguf_tensor_names({"base_model.model.lm_head.lora_A.weight": np.zeros(1)}, "qwen2", 24)


@pytest.mark.model
def test_tiny_training_run_exports_an_adapter_llama_cpp_agrees_with(tmp_path, capfd, caplog):
    import torch
    from llama_cpp import Llama
    from peft import PeftModel, get_peft_model_state_dict

    from act_train.export_gguf import write_lora_gguf
    from act_train.finetune import load_base

    cfg = FinetuneConfig(output_dir=str(tmp_path / "run"), base_model=TINY, rank=8, alpha=16, max_steps=4,
                         learning_rate=3e-3, checkpoint_every=2, batch_tokens=1024, grad_accum=1, eval_fraction=0.2)
    result = finetune(cfg, EXAMPLES)
    assert result.steps == 4 and result.target_tokens > 0 and result.examples == 12
    assert len(result.eval_losses) == 2  # evaluated at each checkpoint
    assert result.eval_losses[-1] < result.initial_eval_loss  # held-out loss fell: it learned something

    base, tokenizer, base_path = load_base(TINY, "cpu")
    model = PeftModel.from_pretrained(base, result.adapter_dir).eval()
    state = {k: v.float().numpy() for k, v in get_peft_model_state_dict(model).items()}
    assert any(np.abs(v).max() > 0 for k, v in state.items() if "lora_B" in k)  # B moved off its zero init
    out = write_lora_gguf(state, alpha=cfg.alpha, base_gguf=base_path, out=tmp_path / "adapter.gguf")

    prompt = "package main\n\nfunc Add3(x int) int {\n\treturn"
    ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    with torch.no_grad():
        peft_logits = model(torch.tensor([ids])).logits[0, -1].numpy()
        with model.disable_adapter():
            base_logits = model(torch.tensor([ids])).logits[0, -1].numpy()

    def llama_logits(lora: str | None) -> np.ndarray:
        llm = Llama(model_path=str(BUNDLED_MODELS[TINY].path), lora_path=lora, n_ctx=256, verbose=False, seed=0)
        return last_logits(llm, ids)

    with_adapter, without = llama_logits(str(out)), llama_logits(None)
    corr = np.corrcoef(with_adapter, peft_logits)[0, 1]
    assert corr > 0.99, corr  # llama.cpp + exported adapter ≈ PEFT
    assert np.abs(peft_logits - base_logits).max() > 0.5  # the adapter changes the model...
    assert np.abs(with_adapter - without).max() > 0.5  # ...in llama.cpp too
    assert np.corrcoef(with_adapter, without)[0, 1] < corr

    # Served through ACT's model host, llama.cpp's own lines (loading, adapter buffers) go to its log, not stderr.
    from act_lsp.engine import EngineConfig, ModelHost

    capfd.readouterr()
    with caplog.at_level(logging.DEBUG, logger="act_lsp.llama"):
        ModelHost(EngineConfig(model=TINY, adapter=str(out), n_ctx=256))
    assert "llama_" not in capfd.readouterr().err
    assert any(r.name == "act_lsp.llama" and "llama" in r.getMessage() for r in caplog.records)


@pytest.mark.model
def test_resume_after_a_kill_continues_from_the_checkpoint(tmp_path):
    cfg = FinetuneConfig(output_dir=str(tmp_path / "run"), base_model=TINY, rank=4, alpha=8, max_steps=2,
                         checkpoint_every=1, batch_tokens=1024, grad_accum=1, eval_fraction=0.0)
    first = finetune(cfg, EXAMPLES)
    assert first.steps == 2 and (tmp_path / "run" / "checkpoint" / "state.pt").is_file()
    cfg.max_steps = 3
    resumed = finetune(cfg, EXAMPLES)
    assert resumed.steps == 3
    assert len(resumed.history) == 3 and resumed.history[:2] == first.history  # steps 1-2 were not redone


@pytest.mark.model
def test_a_next_round_starts_from_the_earlier_adapter(tmp_path):
    common = dict(base_model=TINY, rank=4, alpha=8, learning_rate=3e-3, batch_tokens=1024, grad_accum=1,
                  eval_fraction=0.2, checkpoint_every=2)
    first = finetune(FinetuneConfig(output_dir=str(tmp_path / "r1"), max_steps=2, **common), EXAMPLES)
    fresh = finetune(FinetuneConfig(output_dir=str(tmp_path / "r2a"), max_steps=2, **common), EXAMPLES)
    going_on = finetune(FinetuneConfig(output_dir=str(tmp_path / "r2b"), max_steps=2, init_adapter=first.adapter_dir,
                                       **common), EXAMPLES)
    assert fresh.initial_eval_loss == pytest.approx(first.initial_eval_loss)  # from zero: the same start
    assert going_on.initial_eval_loss == pytest.approx(first.eval_losses[-1], rel=1e-3)  # where round 1 ended
    # The same from the adapter's llama.cpp GGUF (how bundled adapters ship): the export is read back exactly.
    from act_train.export_gguf import export_peft_dir
    from act_train.finetune import load_base

    gguf = export_peft_dir(first.adapter_dir, load_base(TINY, "cpu")[2], tmp_path / "r1.gguf")
    from_gguf = finetune(FinetuneConfig(output_dir=str(tmp_path / "r2c"), max_steps=1, init_adapter=str(gguf),
                                        **common), EXAMPLES)
    assert from_gguf.initial_eval_loss == pytest.approx(first.eval_losses[-1], rel=1e-3)
    with pytest.raises(ValueError, match="has rank 4 and alpha 8, not 4 and 4"):  # checked before any loading
        FinetuneConfig(output_dir=str(tmp_path / "r2d"), init_adapter=str(gguf), **{**common, "alpha": 4})


@pytest.mark.model
def test_preference_training_prefers_the_passing_answer_over_the_failed_one(tmp_path):
    import torch
    from peft import PeftModel

    from act_train.finetune import _batch_tensors, load_base, sequence_logprobs

    pairs = [TrainExample(pair=e.pair, source=e.source, target=e.target,
                          rejected=e.target.replace(" + ", " - ")) for e in EXAMPLES]  # the wrong sign
    cfg = FinetuneConfig(output_dir=str(tmp_path / "dpo"), base_model=TINY, rank=4, alpha=8, learning_rate=3e-3,
                         batch_tokens=1024, grad_accum=1, eval_fraction=0.0, max_steps=6, objective="dpo",
                         dpo_beta=0.5)
    result = finetune(cfg, pairs + [EXAMPLES[0]])  # an example without a rejected candidate is not a pair
    assert result.examples == len(pairs) and result.dropped == 1
    assert all("preference_accuracy" in h for h in result.history)

    base, tokenizer, _ = load_base(TINY, "cpu")
    tuned = PeftModel.from_pretrained(base, result.adapter_dir)
    tokenize = lambda text: tokenizer(text, add_special_tokens=False)["input_ids"]  # noqa: E731
    pad = tokenizer.eos_token_id

    def margin(example: TrainExample, adapter: bool) -> float:
        seqs = [encode(example, tokenize), encode(example, tokenize, rejected=True)]
        with torch.no_grad():
            if adapter:
                lp, _ = sequence_logprobs(tuned, *_batch_tensors([0, 1], seqs, pad, "cpu"))
            else:
                with tuned.disable_adapter():
                    lp, _ = sequence_logprobs(tuned, *_batch_tensors([0, 1], seqs, pad, "cpu"))
        return float(lp[0] - lp[1])

    gained = [margin(p, True) - margin(p, False) for p in pairs]
    assert sum(g > 0 for g in gained) >= len(pairs) - 1, gained  # log p(right) - log p(wrong) grew over the base


def test_dpo_needs_pairs_and_sane_settings():
    with pytest.raises(ValueError, match="objective"):
        FinetuneConfig(output_dir="x", objective="ppo")
    with pytest.raises(ValueError, match="dpo_beta"):
        FinetuneConfig(output_dir="x", objective="dpo", dpo_beta=0)


@pytest.mark.model
def test_finetune_cli_trains_exports_and_registers(tmp_path, monkeypatch):
    import json
    import os
    import subprocess
    import sys

    from click.testing import CliRunner

    from act_lsp import store
    from act_train.cli import cli

    monkeypatch.setenv("ACT_DB", str(tmp_path / "act.db"))
    data = tmp_path / "train.jsonl"
    data.write_text("\n".join(json.dumps({"pair": e.pair, "source": e.source, "target": e.target}) for e in EXAMPLES))
    db = store.open_db()
    rec = translation(source_text=EXAMPLES[0].source, output="package main\n\nfunc Add0(x int) int {\n}\n")
    store.set_outcome(db, store.record_translation(db, rec), "edited", final_text=EXAMPLES[0].target)
    # A real process, as a user runs it: what reaches the console is ACT's alone.
    result = subprocess.run([sys.executable, "-m", "act_train.cli", "--log-file", str(tmp_path / "train.log"),
                             "finetune", "--data", str(data), "--out", str(tmp_path / "run"), "--steps", "2",
                             "--rank", "4", "--base-model", TINY, "--batch-tokens", "512", "--json"],
                            capture_output=True, text=True, env={**os.environ, "ACT_DB": str(tmp_path / "act.db")})
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    for noise in ("Warning", "warnings.warn", "de-quantizing", "Loading weights", "llama_"):
        assert noise not in result.stderr, result.stderr
    assert "Warning" in (tmp_path / "train.log").read_text()  # transformers' and peft's warnings, kept in the log
    assert info["examples"] == 13 and info["steps"] == 2  # 12 from the file + 1 edited feedback row
    assert info["batch_tokens"] == 512
    assert (tmp_path / "run" / "adapter.gguf").read_bytes()[:4] == b"GGUF"
    (version,) = store.open_db()["model_versions"].rows
    assert version["id"] == info["version"] and version["status"] == "candidate"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"source": "x"}\n')
    failed = CliRunner().invoke(cli, ["finetune", "--data", str(bad), "--out", str(tmp_path / "r2")])
    assert failed.exit_code == 2 and "expected pair, source, target" in failed.output


def test_init_adapter_must_be_a_peft_dir_of_the_same_rank(tmp_path):
    with pytest.raises(ValueError, match="no peft adapter"):
        FinetuneConfig(output_dir=str(tmp_path), init_adapter=str(tmp_path))
    (tmp_path / "adapter_config.json").write_text('{"r": 8}')
    with pytest.raises(ValueError, match="has rank 8 and alpha 32, not 16 and 32"):
        FinetuneConfig(output_dir=str(tmp_path), rank=16, init_adapter=str(tmp_path))
    with pytest.raises(ValueError, match="no such file"):
        FinetuneConfig(output_dir=str(tmp_path), init_adapter=str(tmp_path / "missing.gguf"))
    (tmp_path / "broken.gguf").write_text("not a GGUF")
    with pytest.raises(ValueError, match="broken.gguf: not a readable GGUF"):
        FinetuneConfig(output_dir=str(tmp_path), init_adapter=str(tmp_path / "broken.gguf"))
    assert FinetuneConfig(output_dir=str(tmp_path), rank=8, init_adapter=str(tmp_path)).init_adapter


def test_small_data_on_a_gpu_gets_enough_optimizer_steps():
    from act_train.finetune import batch_for_steps

    # 200 pairs of ~500 tokens, 2 epochs, accumulation 2: 16,384-token micro-batches would give 6 steps.
    assert batch_for_steps(16384, 100_000, epochs=2, grad_accum=2, min_steps=48) == 2048
    assert batch_for_steps(16384, 10_000_000, epochs=2, grad_accum=2, min_steps=48) == 16384  # big data: untouched
    assert batch_for_steps(16384, 1_000, epochs=1, grad_accum=2, min_steps=48) == 512  # never below the floor


@pytest.mark.model
def test_a_non_finite_loss_stops_training_before_it_reaches_the_adapter(tmp_path, monkeypatch):
    import torch

    import act_train.finetune as ft

    monkeypatch.setattr(ft, "target_only_loss", lambda *a: (torch.tensor(float("nan"), requires_grad=True), 1))
    with pytest.raises(ft.TrainingDiverged, match="not finite at step 1"):
        finetune(FinetuneConfig(output_dir=str(tmp_path), base_model=TINY, max_steps=2), EXAMPLES)
    assert not (tmp_path / "adapter").exists()


def test_training_prompts_show_the_examples_serving_would_retrieve():
    copy = TrainExample(pair="java-go", source=EXAMPLES[0].source.replace(" ", "  "), target=EXAMPLES[0].target)
    rows = [*EXAMPLES[:4], copy]
    shown = with_examples(rows, 1, max_tokens=600)
    for row, out in zip(rows, shown, strict=True):
        assert len(out.examples) == 1 and (out.source, out.target) == (row.source, row.target)
        assert out.examples[0].source.strip() != row.source.strip()  # never the row itself...
    assert shown[0].examples[0].target != EXAMPLES[0].target  # ...nor a copy of it (overlap check)
    ids, n_prompt = encode(shown[1], lambda s: [ord(c) for c in s])
    prompt = "".join(map(chr, ids[:n_prompt]))
    example = shown[1].examples[0]
    assert prompt == build_prompt(get_pair("java-go"), rows[1].source, examples=(example,)).text  # serving's text
    assert example.target.strip() in prompt and "".join(map(chr, ids[n_prompt:])) == "\treturn x + 1\n}\n```"
    assert with_examples(rows, 0, max_tokens=600)[0].examples == ()
    assert with_examples(rows, 1, max_tokens=5)[0].examples == ()  # over the token budget: none


@pytest.mark.model
def test_examples_in_training_prompts_and_the_fallback_for_long_ones(tmp_path):
    common = dict(base_model=TINY, rank=4, alpha=8, max_steps=1, batch_tokens=2048, grad_accum=1, eval_fraction=0.0,
                  examples=1)
    with_them = finetune(FinetuneConfig(output_dir=str(tmp_path / "a"), **common), EXAMPLES)
    assert with_them.with_examples == 12 and with_them.dropped == 0
    # A prompt too long with its example is trained without it, not dropped (130 tokens alone, 238 with one).
    short = finetune(FinetuneConfig(output_dir=str(tmp_path / "b"), max_seq_len=200, **common), EXAMPLES)
    assert short.with_examples == 0 and short.dropped == 0 and short.examples == 12
