"""Source parsing with tree-sitter (grammars from PyPI wheels): one parser per language, made on first use.

The scaffold reads signatures, fields and constants from the syntax tree (``tree``); patterns had read a comment
ending in a word before ``int f(...)`` as the return type, and a brace in a string as the end of a class.
"""

from __future__ import annotations

import importlib
from functools import cache, lru_cache

GRAMMARS = {"java": "tree_sitter_java", "cpp": "tree_sitter_cpp"}  # source language → grammar module
COMMENTS = {"comment", "line_comment", "block_comment"}


@cache
def parser(language: str):
    """A tree-sitter parser for ``language`` (``ValueError`` for one without a grammar here)."""
    import tree_sitter

    if language not in GRAMMARS:
        raise ValueError(f"no tree-sitter grammar for {language!r}")
    grammar = importlib.import_module(GRAMMARS[language])
    return tree_sitter.Parser(tree_sitter.Language(grammar.language()))


def tree(language: str, source: str):
    """The root node of ``source``'s syntax tree; a part that does not parse is an ERROR node, the rest reads."""
    return _parsed(language, source).root_node


@lru_cache(maxsize=32)
def _parsed(language: str, source: str):
    # One request derives the scaffold, the fields and the io driver's signatures from the same source.
    return parser(language).parse(source.encode())
