"""Language pairs as data: which source translates to which target, and the prompt's instruction.

A new pair of known languages is a row in ``PAIRS``; a new language is first a module in ``act_lsp.languages``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from types import MappingProxyType

from act_lsp.languages import LANGUAGES, Language, TypeMap


@dataclass(frozen=True, kw_only=True)
class LanguagePair:
    id: str  # "java-go"
    source: Language
    target: Language
    # The user turn of the prompt; {source} is the code, {signatures} the derived target signatures.
    instruction: str

    @property
    def types(self) -> TypeMap:
        """How the target spells the source's types (the target's writer reads them per source language)."""
        writing = self.target.writing
        if writing is None or self.source.name not in writing.types:
            raise ValueError(f"{self.target.display} has no type map from {self.source.display}")
        return writing.types[self.source.name]

    @property
    def title(self) -> str:
        return f"{self.source.display} → {self.target.display}"


_INSTRUCTION = (
    "Translate the following {src} code to idiomatic {dst}. Keep the behaviour exactly the same, keep every "
    "function, and use only the {dst} standard library.{signatures}\n\n```{fence}\n{source}\n```"
)


def _pair(source: str, target: str) -> LanguagePair:
    s, t = LANGUAGES[source], LANGUAGES[target]
    text = (_INSTRUCTION.replace("{src}", s.display).replace("{dst}", t.display).replace("{fence}", s.fence))
    return LanguagePair(id=f"{source}-{target}", source=s, target=t, instruction=text)


PAIRS: Mapping[str, LanguagePair] = MappingProxyType({
    p.id: p for p in (_pair("java", "go"), _pair("cpp", "rust"), _pair("python", "javascript"))
})

# What a source language translates to by default (configurable per user).
DEFAULT_TARGETS: Mapping[str, str] = MappingProxyType({"java": "go", "cpp": "rust", "python": "javascript"})


def get_pair(pair_id: str) -> LanguagePair:
    try:
        return PAIRS[pair_id]
    except KeyError:
        raise ValueError(f"unknown language pair {pair_id!r}; known: {', '.join(PAIRS)}") from None


def language_for(language_id: str | None, uri: str = "") -> Language | None:
    """The source language of a document, by LSP languageId, else by file suffix."""
    for lang in LANGUAGES.values():
        if language_id and language_id in lang.language_ids:
            return lang
    suffix = PurePosixPath(uri).suffix.lower()
    return next((lang for lang in LANGUAGES.values() if suffix in lang.suffixes), None)


def pair_for(language_id: str | None, uri: str = "", targets: Mapping[str, str] = DEFAULT_TARGETS,
             ) -> LanguagePair | None:
    source = language_for(language_id, uri)
    if source is None or source.name not in targets:
        return None
    return PAIRS.get(f"{source.name}-{targets[source.name]}")


def _words(stem: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", stem)
    spaced = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", spaced)
    return [w for w in re.split(r"[\s_\-.]+", spaced) if w]


def target_file_name(pair: LanguagePair, source_name: str) -> str:
    """Foo.java → foo.go, WidgetStore.java → widget_store.go, widget.cpp → widget.rs."""
    stem = PurePosixPath(source_name).stem
    case = pair.target.file_case
    if case == "snake":
        stem = "_".join(w.lower() for w in _words(stem)) or stem
    elif case == "pascal":
        stem = "".join(w[:1].upper() + w[1:] for w in _words(stem)) or stem
    return stem + pair.target.suffixes[0]
