"""Source parsing with tree-sitter (grammars from PyPI wheels): one parser per language, made on first use.

The scaffold's signature and field extraction reads code with patterns; comments must not be read as code
(a comment ending in a word before ``int f(...)`` once became the return type). ``blank_comments`` hands it the
source with every comment turned into spaces, character for character, so offsets stay valid.
"""

from __future__ import annotations

import importlib
from functools import cache

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


def blank_comments(language: str, source: str) -> str:
    """``source`` with its comments replaced by spaces (line breaks kept); unchanged for other languages."""
    if language not in GRAMMARS or ("//" not in source and "/*" not in source):
        return source
    data = source.encode()
    spans: list[tuple[int, int]] = []
    stack = [parser(language).parse(data).root_node]
    while stack:
        node = stack.pop()
        if node.type in COMMENTS:
            spans.append((node.start_byte, node.end_byte))
        else:
            stack.extend(node.children)
    out, at = [], 0
    for start, end in sorted(spans):
        out.append(data[at:start].decode("utf-8", "replace"))
        out.append("".join(c if c == "\n" else " " for c in data[start:end].decode("utf-8", "replace")))
        at = end
    out.append(data[at:].decode("utf-8", "replace"))
    return "".join(out)
