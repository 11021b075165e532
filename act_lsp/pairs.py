"""Language pairs as data: the only place a language name is written.

A new pair (Go→Rust, Python→JavaScript) is a row here plus, if the languages are new, a scaffold deriver and
a sanitiser in ``act_lsp.scaffold`` / ``act_lsp.sanitize`` and a recipe in ``act_lsp.sandbox.recipes``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from types import MappingProxyType


@dataclass(frozen=True, kw_only=True)
class Language:
    name: str  # "java"
    display: str  # "Java"
    language_ids: tuple[str, ...]  # LSP languageId values
    suffixes: tuple[str, ...]  # file suffixes, first one used for new files
    fence: str  # markdown fence tag
    file_case: str  # how target file stems are spelled: "snake" | "pascal" | "keep"
    compile_recipe: str  # sandbox recipe that only checks that a file compiles
    test_recipe: str  # sandbox recipe that runs a file plus its unit tests


LANGUAGES: Mapping[str, Language] = MappingProxyType({
    lang.name: lang
    for lang in (
        Language(name="java", display="Java", language_ids=("java",), suffixes=(".java",), fence="java",
                 file_case="pascal", compile_recipe="java", test_recipe="java"),
        Language(name="cpp", display="C++", language_ids=("cpp", "c++", "cuda-cpp"),
                 suffixes=(".cpp", ".cc", ".cxx", ".hpp", ".hh", ".h"), fence="cpp", file_case="keep",
                 compile_recipe="cpp", test_recipe="cpp"),
        Language(name="go", display="Go", language_ids=("go",), suffixes=(".go",), fence="go", file_case="snake",
                 compile_recipe="go_check", test_recipe="go_test"),
        Language(name="rust", display="Rust", language_ids=("rust",), suffixes=(".rs",), fence="rust",
                 file_case="snake", compile_recipe="rust_check", test_recipe="rust_test"),
    )
})


@dataclass(frozen=True, kw_only=True)
class LanguagePair:
    id: str  # "java-go"
    source: Language
    target: Language
    # The user turn of the prompt; {source} is the code, {signatures} the derived target signatures.
    instruction: str

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


PAIRS: Mapping[str, LanguagePair] = MappingProxyType({p.id: p for p in (_pair("java", "go"), _pair("cpp", "rust"))})

# What a source language translates to by default (configurable per user).
DEFAULT_TARGETS: Mapping[str, str] = MappingProxyType({"java": "go", "cpp": "rust"})


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
