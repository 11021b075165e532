"""Prompts: pure functions from (pair, source) to the exact text the model sees.

The trainer builds its training examples with these same functions, so serving and training prompts match
by construction. The answer is pre-filled with an opening fence and the derived target scaffold
(completion style), which measured far better with small models than describing the signature.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from act_lsp.examples import Example
from act_lsp.pairs import LanguagePair
from act_lsp.scaffold import derive_scaffold

SYSTEM = "You are ACT, an expert code translator. Answer with one complete code block and nothing else."
# ChatML: the chat format of Qwen2.5-Coder and SmolLM2. Another family is a different template here.
CHATML = "<|im_start|>system\n{system}<|im_end|>\n<|im_start|>user\n{user}<|im_end|>\n<|im_start|>assistant\n"
STOP = ("```", "<|im_end|>", "<|endoftext|>", "<|im_start|>")


@dataclass(frozen=True)
class Prompt:
    text: str  # everything the model is given, answer prefix included
    prefix: str  # the code the answer starts with (part of the result)
    hash: str

    @classmethod
    def of(cls, text: str, prefix: str) -> Prompt:
        return cls(text=text, prefix=prefix, hash=hashlib.sha256(text.encode()).hexdigest()[:16])


def user_message(pair: LanguagePair, source: str, signatures: tuple[str, ...] = ()) -> str:
    hint = ""
    if signatures:
        hint = f" Use these {pair.target.display} signatures:\n" + "\n".join(signatures)
    return pair.instruction.replace("{signatures}", hint).replace("{source}", source.strip("\n"))


def example_turns(pair: LanguagePair, examples: Sequence[Example]) -> str:
    """Earlier exchanges, request and validated answer, in the chat's own format (what training sees too)."""
    fence = pair.target.fence
    return "".join(
        f"{user_message(pair, ex.source, derive_scaffold(pair.id, ex.source).signatures)}<|im_end|>\n"
        f"<|im_start|>assistant\n```{fence}\n{ex.target.strip()}\n```<|im_end|>\n<|im_start|>user\n"
        for ex in examples)


def build_prompt(pair: LanguagePair, source: str, *, scaffold: str | None = None,
                 examples: Sequence[Example] = ()) -> Prompt:
    """``scaffold`` overrides the derived one (e.g. a benchmark's given target prompt); ``examples`` are
    retrieved validated translations, shown as earlier turns of the conversation."""
    derived = derive_scaffold(pair.id, source)
    prefix = derived.prefix if scaffold is None else scaffold
    signatures = derived.signatures if scaffold is None else ()
    user = example_turns(pair, examples) + user_message(pair, source, signatures)
    text = CHATML.format(system=SYSTEM, user=user)
    return Prompt.of(text + f"```{pair.target.fence}\n" + prefix, prefix)


def build_repair_prompt(pair: LanguagePair, source: str, candidate: str, errors: str) -> Prompt:
    """One repair round: the failing translation and its compiler errors go back to the model."""
    first = user_message(pair, source, derive_scaffold(pair.id, source).signatures)
    fence = pair.target.fence
    text = (
        CHATML.format(system=SYSTEM, user=first)
        + f"```{fence}\n{candidate.strip()}\n```<|im_end|>\n<|im_start|>user\n"
        + f"The {pair.target.display} compiler rejected it:\n```\n{errors.strip()[:2000]}\n```\n"
        + "Fix every error and give the whole corrected file.<|im_end|>\n<|im_start|>assistant\n"
        + f"```{fence}\n"
    )
    return Prompt.of(text, "")
