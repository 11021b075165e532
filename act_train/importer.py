"""`act-train seeds import PATH`: functions and classes from a user's repository become seeds (without tests).

tree-sitter parses each file, so we cut at real declaration boundaries even in code the regex scaffolds would
misread. A unit is a top-level class (Java, C++) or free function (C++), with the file's imports/includes in
front so it compiles on its own; classes longer than ``max_lines`` are skipped (too long to train on here).
The pipeline then writes io tests, gates and translates them like any other seed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

SUFFIXES: Mapping[str, tuple[str, ...]] = {"java": (".java",), "cpp": (".cpp", ".cc", ".cxx", ".hpp", ".h")}
# Node types per language: what is a unit, what is a preamble line, what to descend into.
_UNITS = {"java": {"class_declaration", "record_declaration", "enum_declaration"},
          "cpp": {"function_definition", "class_specifier", "struct_specifier"}}
_PREAMBLE = {"java": {"import_declaration"}, "cpp": {"preproc_include", "using_declaration"}}
_DESCEND = {"java": set(), "cpp": {"namespace_definition", "declaration_list", "declaration"}}
_SKIP_NAMES = {"main"}


class SeedImportError(ValueError):
    """A path that cannot be imported (missing, or no supported files)."""


@dataclass(frozen=True)
class Unit:
    language: str
    code: str
    origin: str  # path:line

    @property
    def id(self) -> str:
        return hashlib.sha256(self.code.encode()).hexdigest()[:16]


def _parser(language: str):
    import tree_sitter

    if language == "java":
        import tree_sitter_java as grammar
    else:
        import tree_sitter_cpp as grammar
    return tree_sitter.Parser(tree_sitter.Language(grammar.language()))


def _name(node) -> str:
    target = node.child_by_field_name("name") or node.child_by_field_name("declarator")
    while target is not None and target.type not in ("identifier", "type_identifier", "field_identifier"):
        target = target.child_by_field_name("declarator") or target.child_by_field_name("name")
    return target.text.decode() if target is not None else ""


def units_in_source(language: str, text: str, origin: str, *, max_lines: int = 120, parser=None) -> list[Unit]:
    data = text.encode()
    tree = (parser or _parser(language)).parse(data)
    preamble: list[str] = []
    found = []

    def walk(node) -> Iterator:
        for child in node.children:
            if child.type in _PREAMBLE[language]:
                preamble.append(child.text.decode().strip())
            elif child.type in _UNITS[language]:
                yield child
            elif child.type in _DESCEND[language]:
                yield from walk(child)

    for node in walk(tree.root_node):
        if node.type in ("struct_specifier", "class_specifier") and node.child_by_field_name("body") is None:
            continue  # a forward declaration
        if node.has_error or _name(node) in _SKIP_NAMES or node.end_point[0] - node.start_point[0] + 1 > max_lines:
            continue
        body = data[node.start_byte:node.end_byte].decode()
        if language == "cpp" and node.type != "function_definition":
            body += ";"
        found.append((body, f"{origin}:{node.start_point[0] + 1}"))
    head = "\n".join(dict.fromkeys(preamble))
    return [Unit(language, (head + "\n\n" if head else "") + body + "\n", where) for body, where in found]


def import_units(path: str | Path, *, language: str | None = None, max_lines: int = 120) -> list[Unit]:
    """Every unit under ``path`` (a file or a directory, searched recursively)."""
    root = Path(path)
    if not root.exists():
        raise SeedImportError(f"{root}: no such file or directory")
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    out: list[Unit] = []
    parsers: dict[str, object] = {}
    for file in files:
        lang = next((lang for lang, sfx in SUFFIXES.items() if file.suffix in sfx), None)
        if lang is None or (language and lang != language):
            continue
        try:
            text = file.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        parser = parsers.setdefault(lang, _parser(lang))
        out += units_in_source(lang, text, str(file), max_lines=max_lines, parser=parser)
    if not out:
        raise SeedImportError(f"{root}: no Java or C++ classes or functions found")
    return list({u.id: u for u in out}.values())


def save_units(db, units: list[Unit]) -> int:
    """Store new units as imported seeds; returns how many were new."""
    from act_lsp import store

    table = db["imported_seeds"]
    before = table.count
    table.insert_all(({"id": u.id, "created_at": store.now(), "language": u.language, "code": u.code,
                       "origin": u.origin} for u in units), pk="id", ignore=True)
    return table.count - before
