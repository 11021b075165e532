"""Source parsing with tree-sitter (grammars from PyPI wheels): one parser per grammar, made on first use.

Language modules read signatures, fields and constants from the syntax tree (``tree``); patterns had read a
comment ending in a word before ``int f(...)`` as the return type, and a brace in a string as the end of a class.
A grammar is named by its module (``tree_sitter_java``), as a language row names it (``Language.grammar``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node

COMMENTS = {"comment", "line_comment", "block_comment"}


@cache
def parser(grammar: str):
    """A tree-sitter parser for a grammar module (``ValueError`` when it is not installed)."""
    import tree_sitter

    try:
        module = importlib.import_module(grammar)
    except ImportError:
        raise ValueError(f"no tree-sitter grammar {grammar!r} is installed") from None
    return tree_sitter.Parser(tree_sitter.Language(module.language()))


def tree(grammar: str, source: str):
    """The root node of ``source``'s syntax tree; a part that does not parse is an ERROR node, the rest reads."""
    return _parsed(grammar, source).root_node


@lru_cache(maxsize=32)
def _parsed(grammar: str, source: str):
    # One request derives the scaffold, the fields and the io driver's signatures from the same source.
    return parser(grammar).parse(source.encode())


def text(node: Node) -> str:
    return node.text.decode("utf-8", "replace")


def keywords(node: Node, kind: str) -> set[str]:
    """The words of ``node``'s children of ``kind`` (Java ``modifiers``, C++ ``storage_class_specifier``...)."""
    return {text(k) for c in node.children if c.type == kind for k in ([c] if c.child_count == 0 else c.children)}


def name(node: Node) -> str:
    """The text of the node's ``name`` field, "" without one."""
    found = node.child_by_field_name("name")
    return text(found) if found else ""


def descendants(node: Node, kind: str) -> Iterator[Node]:
    """Every node of type ``kind`` under ``node``, outermost first (a match's own children are searched too)."""
    for child in node.children:
        if child.type == kind:
            yield child
        yield from descendants(child, kind)
