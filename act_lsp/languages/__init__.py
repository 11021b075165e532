"""Languages as plug-ins: one module per language holds everything ACT knows of it (its row, sandbox recipes,
how it is read as a source or written as a target, its fixes, its io driver or test renderer), and this
registry is the only list of them. A new language is a module here plus its row in ``LANGUAGES``; a new pair
of existing languages is a row in ``act_lsp.pairs``."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from act_lsp.languages import cpp, go, java, javascript, python, rust
from act_lsp.languages.base import Fixer, Language, Reading, Recipe, Seeding, TestScaffold, TypeMap, Writing

LANGUAGES: Mapping[str, Language] = MappingProxyType({
    module.LANGUAGE.name: module.LANGUAGE for module in (java, cpp, python, go, rust, javascript)
})


def get_language(name: str) -> Language:
    try:
        return LANGUAGES[name]
    except KeyError:
        raise ValueError(f"unknown language {name!r}; known: {', '.join(LANGUAGES)}") from None


__all__ = ["LANGUAGES", "Fixer", "Language", "Reading", "Recipe", "Seeding", "TestScaffold", "TypeMap", "Writing",
           "get_language"]
