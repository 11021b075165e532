"""`act-train seeds import PATH`: functions and classes from a repository or a problem set become seeds.

tree-sitter parses each file, so we cut at real declaration boundaries even in code the regex scaffolds would
misread. A unit is a top-level class (Java, C++) or free function (C++), with the file's imports/includes in
front so it compiles on its own; classes longer than ``max_lines`` are skipped (too long to train on here).

A ``.jsonl`` file is read as a problem set in the MBXP/HumanEval-X shape (``prompt`` + ``canonical_solution``,
``language``, ``task_id``): each solved problem is one unit, comments stripped (the problem statement and its
examples are not source code to translate), its attribution kept in the origin. The problem's own three
examples are not used as tests: the pipeline's io driver runs the program itself on generated inputs.
The pipeline then writes io tests, gates and translates them like any other seed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from act_lsp import syntax
from act_lsp.languages import LANGUAGES, Seeding
from act_lsp.pairs import language_for

_SKIP_NAMES = {"main"}
# Known problem sets: where an imported unit comes from and under which terms (kept with everything derived).
ATTRIBUTION = {"MBJP": "MBXP (Athiwaratkun et al., arXiv 2210.14868), CC BY 4.0",
               "MBCPP": "MBXP (Athiwaratkun et al., arXiv 2210.14868), CC BY 4.0"}


def _source_language(language_id: str = "", file_name: str = "") -> str | None:
    """A language this importer reads (one with a grammar and seeding rules), by name/alias or file suffix."""
    found = language_for(language_id or None, file_name)
    return found.name if found and found.grammar and found.reading and found.reading.seeding else None


def _seeding(language: str) -> Seeding:
    reading = LANGUAGES[language].reading
    if reading is None or reading.seeding is None:
        raise SeedImportError(f"{language} files are not imported as seeds")
    return reading.seeding


def _parser(language: str):
    return syntax.parser(LANGUAGES[language].grammar or "")


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


def _name(node) -> str:
    target = node.child_by_field_name("name") or node.child_by_field_name("declarator")
    while target is not None and target.type not in ("identifier", "type_identifier", "field_identifier"):
        target = target.child_by_field_name("declarator") or target.child_by_field_name("name")
    return target.text.decode() if target is not None else ""


def units_in_source(language: str, text: str, origin: str, *, max_lines: int = 120, parser=None) -> list[Unit]:
    seeding = _seeding(language)
    data = text.encode()
    tree = (parser or _parser(language)).parse(data)
    preamble: list[str] = []
    found = []

    def walk(node) -> Iterator:
        for child in node.children:
            if child.type in seeding.preamble:
                preamble.append(child.text.decode().strip())
            elif child.type in seeding.units:
                yield child
            elif child.type in seeding.descend:
                yield from walk(child)

    for node in walk(tree.root_node):
        declaration = node.type in seeding.declarations
        if declaration and node.child_by_field_name("body") is None:
            continue  # a forward declaration
        if node.has_error or _name(node) in _SKIP_NAMES or node.end_point[0] - node.start_point[0] + 1 > max_lines:
            continue
        body = data[node.start_byte:node.end_byte].decode()
        if declaration:
            body += ";"
        found.append((body, f"{origin}:{node.start_point[0] + 1}"))
    head = "\n".join(dict.fromkeys(preamble))
    return [Unit(language, (head + "\n\n" if head else "") + body + "\n", where) for body, where in found]


def without_comments(language: str, code: str, *, parser=None) -> str:
    """The code with its comments removed and runs of blank lines collapsed."""
    data = code.encode()
    tree = (parser or _parser(language)).parse(data)
    spans: list[tuple[int, int]] = []

    def walk(node) -> None:
        for child in node.children:
            if child.type in syntax.COMMENTS:
                spans.append((child.start_byte, child.end_byte))
            else:
                walk(child)

    walk(tree.root_node)
    out, at = [], 0
    for start, end in spans:
        out.append(data[at:start] + b"\n" * data[start:end].count(b"\n"))  # keep the line structure
        at = end
    out.append(data[at:])
    # A line that held only a comment goes whole; other runs of blank lines shrink to one.
    lines = [line.rstrip() for line in b"".join(out).decode().split("\n")]
    had = [bool(line.strip()) for line in code.split("\n")]
    kept: list[str] = []
    for line, before in zip(lines, had, strict=True):
        if line or (not before and kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip("\n") + "\n"


def problem_units(path: str | Path, *, language: str | None = None, max_lines: int = 120) -> list[Unit]:
    """Solved problems of a JSONL problem set (MBXP shape) as units; unsolved or unparsable ones are skipped."""
    path = Path(path)
    out: list[Unit] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SeedImportError(f"{path}:{n}: not a JSON line ({exc.msg})") from None
            if not isinstance(row, dict) or not isinstance(row.get("prompt"), str):
                raise SeedImportError(f"{path}:{n}: a problem needs `prompt` and `canonical_solution` (MBXP shape)")
            lang = _source_language(str(row.get("language", "")).lower())
            solution = row.get("canonical_solution")
            if lang is None or not solution or (language and lang != language):
                continue
            parser = _parser(lang)
            code = row["prompt"] + solution
            if parser.parse(code.encode()).root_node.has_error:
                continue
            code = without_comments(lang, code, parser=parser)
            if code.count("\n") > max_lines:
                continue
            task = str(row.get("task_id", f"line {n}"))
            terms = ATTRIBUTION.get(task.split("/")[0], "")
            out.append(Unit(lang, code, f"{path.name}:{task}" + (f" ({terms})" if terms else "")))
    return out


def import_units(path: str | Path, *, language: str | None = None, max_lines: int = 120) -> list[Unit]:
    """Every unit under ``path`` (a file or a directory, searched recursively; a .jsonl file is a problem set)."""
    root = Path(path)
    if not root.exists():
        raise SeedImportError(f"{root}: no such file or directory")
    if root.is_file() and root.suffix == ".jsonl":
        units = problem_units(root, language=language, max_lines=max_lines)
        if not units:
            raise SeedImportError(f"{root}: no solved Java or C++ problems found")
        return list({u.id: u for u in units}.values())
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    out: list[Unit] = []
    for file in files:
        lang = _source_language(file_name=file.name)
        if lang is None or (language and lang != language):
            continue
        try:
            text = file.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        parser = _parser(lang)
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
                       "origin": u.origin} for u in units), ignore=True)
    return table.count - before


# --- methods that need no object: function-level seeds from class seeds, without an LLM call -------------------
def standalone_methods(language: str, code: str, *, parser=None) -> list[tuple[str, str]]:
    """(class.method, program) for each method of a class that reads no field, calls no sibling and takes
    parameters: a function in all but name, as a program of its own (the language's ``Seeding.program``: Java, a
    static method of a class of the same name; C++, a free function), with the file's imports/includes."""
    seeding = _seeding(language)
    data = code.encode()
    tree = (parser or _parser(language)).parse(data)
    preamble = [n.text.decode().strip() for n in tree.root_node.children if n.type in seeding.preamble]
    head = "\n".join(dict.fromkeys(preamble))
    out = []
    for cls in tree.root_node.children:
        if cls.type == "declaration":  # C++: ``class A {...} a;`` and the like
            cls = next((c for c in cls.children if c.type in seeding.units), cls)
        if cls.type not in seeding.units or cls.type == seeding.method:
            continue
        body = cls.child_by_field_name("body")
        if body is None:
            continue
        owner = _name(cls)
        fields = seeding.fields(body)
        methods = [m for m in body.children if m.type == seeding.method]
        siblings = {_name(m) for m in methods}
        for m in methods:
            name, block = _name(m), m.child_by_field_name("body")
            params = m.child_by_field_name("parameters") or next(
                (d.child_by_field_name("parameters") for d in syntax.descendants(m, "function_declarator")), None)
            if block is None or name in (owner, "main") or params is None or params.named_child_count == 0:
                continue
            if m.type == "function_definition" and m.child_by_field_name("type") is None:
                continue  # C++: a constructor or an operator without a return type
            used = {n.text.decode() for n in syntax.descendants(block, "identifier")} | {
                n.text.decode() for n in syntax.descendants(block, "field_identifier")
                if n.parent.type != "field_expression"}
            if used & fields or any(True for _ in syntax.descendants(block, "this")) or seeding.calls(block) & siblings:
                continue
            program = seeding.program(owner, seeding.as_free(m, data))
            out.append((f"{owner}.{name}", (head + "\n\n" if head else "") + program + "\n"))
    return out
