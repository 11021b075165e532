"""Turn raw model output into a target file: strip fences and prose, then the target language's ``tidy`` (what small
models always get wrong: Go's imports recomputed from use, Rust's repeated ``use`` dropped)."""

from __future__ import annotations

import re

from act_lsp.languages import LANGUAGES

_FENCE = re.compile(r"```[\w+#-]*[ \t]*\n(.*?)(?:\n```|\Z)", re.S)
_CHAT_TOKENS = re.compile(r"<\|(?:im_end|im_start|endoftext|end|eot_id)\|>.*", re.S)


def extract_code(text: str) -> str:
    """The code in a reply: the first fenced block, else everything before a closing fence (a completion)."""
    text = _CHAT_TOKENS.sub("", text)
    fenced = _FENCE.search(text)
    if fenced and "{" not in text[: fenced.start()]:  # else: a completion that ran on into an example block
        return fenced.group(1).rstrip() + "\n"
    code = text.split("```", 1)[0]
    return code.rstrip() + "\n" if code.strip() else ""


def tidy(target_language: str, code: str) -> str:
    """The language's fixes for what small models always get wrong (the code unchanged for a language without)."""
    language = LANGUAGES.get(target_language)
    return language.writing.tidy(code) if language and language.writing else code


def sanitize(target_language: str, text: str, *, prefix: str = "") -> str:
    """``prefix`` is the scaffold the answer started with (it is not part of ``text``)."""
    code = extract_code(prefix + text)
    if not code.strip():
        return ""
    return tidy(target_language, code)
