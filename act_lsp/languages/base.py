"""The parts a language plugs into ACT, as data: what reading it as a source needs (``Reading``), what writing it
as a target needs (``Writing``), and the row that names both (``Language``). One module per language fills them
in (``act_lsp.languages.java`` ...); the scaffold, the io tests, the sanitiser, the compiler fixes and the sandbox
read them from there and hold no language of their own."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from act_lsp.program import Outcome, Param, Scenario, Signature, VType

if TYPE_CHECKING:
    from tree_sitter import Node

# How a target language spells a source language's type: (source spelling, as a parameter?) → target spelling.
TypeMap = Callable[..., str]


def _same(code: str) -> str:
    return code


@dataclass(frozen=True)
class TestScaffold:
    """Unit tests a model writes: the answer continues ``prefix``; ``close`` ends the entry point it opened."""

    prefix: str
    style: str  # how the tests must fail, in words
    close: str = ""
    # Tests in a source language are checked on the program itself, which is the oracle: ``reporting`` makes them
    # report every failing check (line counts unchanged) instead of stopping at the first, ``failed_line`` finds
    # those lines (and compile errors, an uncaught exception's line) in the output, so the wrong checks are dropped.
    reporting: Callable[[str], str] | None = None
    failed_line: re.Pattern[str] | None = None
    # Tests translated into a target language: whether a compile error (errors, code under test) blames the tests.
    blames_tests: Callable[[str, str], bool] | None = None


@dataclass(frozen=True, kw_only=True)
class Seeding:
    """How the seed importer cuts a source file into seeds: top-level units with the file's imports in front, and
    the methods of a class that need no object as functions of their own (no LLM call)."""

    units: frozenset[str]  # node types that are one seed each (classes, free functions)
    preamble: frozenset[str]  # node types every unit keeps (imports, includes)
    descend: frozenset[str] = frozenset()  # containers looked into (namespaces)
    method: str  # a method's node type in a class body
    fields: Callable[[Node], set[str]]  # a class body → its fields' names
    calls: Callable[[Node], set[str]]  # a method body → the names it calls without an object
    as_free: Callable[[Node, bytes], str]  # a method → its text as a function (modifiers dropped, dedented)
    program: Callable[[str, str], str]  # (class name, function text) → a program of its own
    # unit types that are declarations ending in ``;`` outside the node (C++ classes); one without a body is a
    # forward declaration, not a seed
    declarations: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Fixer:
    """Compiler-guided fixes: a compile check whose output names the mistakes, and (code, output) → code."""

    recipe: str
    fix: Callable[[str, str], str]


@dataclass(frozen=True, kw_only=True)
class Reading:
    """A source language: its declarations read from the syntax tree, and an io driver that runs the program."""

    signatures: Callable[[str], list[Signature]]
    fields: Callable[[str], dict[str, list[Param]]]  # instance fields per class
    static_data: Callable[[str], list[str]]  # constants and tables no member carries
    errors: Callable[[str], set[str]]  # the source's exception classes
    vtype: Callable[[str], VType | None]  # a type spelling as a value type the io planner can fill
    driver: Callable[[Sequence[Scenario]], str]  # prints each planned call's outcome as a JSON line
    prelude: str = ""  # put before the program for the oracle run
    standalone: Callable[[str], str] = _same  # the program as one file the sandbox can compile
    harness: str  # a do-nothing entry point ("the program compiles" is checked by building and running it)
    has_main: re.Pattern[str]  # a demo entry point the model added
    tests: TestScaffold  # unit tests a model writes in this language for a program without any
    seeding: Seeding | None = None  # how files of it become seeds (None: not imported)
    program_rules: str = ""  # how a program the expansion writes must look (driver-callable types only)


@dataclass(frozen=True, kw_only=True)
class Writing:
    """A target language: how the scaffold, the io tests and the fixes of a translation are written."""

    preamble: str  # what a target file starts with (package clause, ...)
    types: Mapping[str, TypeMap]  # by source language
    signature: Callable[[Signature, TypeMap], str]
    type_scaffold: Callable[[str, list[Param], str, TypeMap], str]  # (owner, fields, first member) → prefix
    error_type: Callable[[str], str] = lambda _name: ""  # the declaration of a source exception class
    # The declaration of a data-only type the source declares beside its class (a C++ struct of fields, no
    # methods), from its name and fields; None: left to the model.
    record: Callable[[str, list[Param], TypeMap], str] | None = None
    # Decomposition: methods inside an ``impl`` block (Rust) or top level (Go); the indentation of a top-level
    # function's body; where the model's own declarations (constants, helper types) before the members end:
    # (opening, stop strings, what closes it).
    methods_in_impl: bool = False
    body_indent: str = "\t"
    member_block: str = "impl {owner} {{\n"  # what opens the block of a class's methods (``methods_in_impl``)
    declarations: tuple[str, tuple[str, ...], str] = ("", (), "\n\n")
    io_tests: Callable[[Sequence[Scenario], Sequence[Sequence[Outcome]], TypeMap], str]
    tidy: Callable[[str], str] = _same  # what small models always get wrong (imports, braces), fixed
    fixer: Fixer | None = None
    # (code, output of a test run it compiled for but failed) → code: what the failed checks name, fixed locally
    behaviour_fix: Callable[[str, str], str] = lambda code, _output: code
    tests: TestScaffold  # unit tests a model translates into this language
    compiler_errors: re.Pattern[str]  # (line, col, msg) of an error in the compiled main file
    # an error message the compiler reports only once its earlier passes found none (rustc's borrow checker runs
    # after type checking): a file whose errors are all such is closer to compiling than one with fewer others
    late_error: re.Pattern[str] | None = None
    definition: str  # where a function or method is defined, by ``{name}``
    differences: Callable[[str], list[str]]  # an io test run's failed checks in order: "call = got, want expected"
    # how a difference ends when the call failed in the source (it threw) and returned here
    unfailed: str = " should fail"
    # where a test run crashed in the translation: (line, message) in the main file; a crash in a library the
    # language ships is not there (empty: none, or the language cannot say)
    panic_sites: Callable[[str], list[tuple[int, str]]] = lambda _output: []
    # (io tests, their run's output) → per failed scenario, the members called between its last passing check and
    # its failing one: which member a wrong read follows (empty: the language cannot say)
    unchecked_calls: Callable[[str, str], list[tuple[str, ...]]] = lambda _tests, _output: []
    # how many checks of a test run failed (None: the output does not say, e.g. a timeout): between candidates that
    # compile but fail, fewer is closer
    failed_checks: Callable[[str], int | None] = lambda _output: None
    compile_kind: Callable[[str], str]  # a short, stable label for a compile failure (evaluation categories)
    panic: re.Pattern[str]  # a run that crashed, not one that computed a wrong answer


@dataclass(frozen=True, kw_only=True)
class Recipe:
    """How the sandbox compiles and runs a program of one language, as data."""

    name: str
    language: str
    main_file: str  # where the program text goes
    run: tuple[str, ...]
    compile: tuple[str, ...] | None = None
    static_files: Mapping[str, str] = field(default_factory=dict)  # written into every job of this recipe
    env: Mapping[str, str] = field(default_factory=dict)
    tests_file: str | None = None  # unit tests in their own file; None: appended to the main file
    prepare: Callable[[str], str] = lambda code: code  # fix-ups a runnable file needs (e.g. Go's package)
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class Language:
    name: str  # "java"
    display: str  # "Java"
    language_ids: tuple[str, ...]  # LSP languageId values
    suffixes: tuple[str, ...]  # file suffixes, first one used for new files
    fence: str  # markdown fence tag
    file_case: str  # how target file stems are spelled: "snake" | "pascal" | "keep"
    recipes: tuple[Recipe, ...]  # how the sandbox compiles and runs it
    compile_recipe: str  # the recipe that only checks that a file compiles
    test_recipe: str  # the recipe that runs a file plus its unit tests
    # Tests that need libraries the image carries: their recipe, the libraries (name → how the manifest asks for
    # it), and the files a job adds to use some of them (a Cargo.toml).
    crate_test_recipe: str | None = None
    crates: Mapping[str, str] = field(default_factory=dict)
    crate_files: Callable[[Mapping[str, str]], dict[str, str]] | None = None
    packages: tuple[str, ...] = ()  # the Debian packages of its toolchain in the sandbox image
    grammar: str | None = None  # the tree-sitter grammar module that parses it
    reading: Reading | None = None  # set for a source language
    writing: Writing | None = None  # set for a target language


# --- text helpers for languages with C-like braces -----------------------------------------------------
def balance_braces(code: str) -> str:
    """Cut trailing prose after the last top-level closing brace; close braces the model left open."""
    depth, last_close = 0, -1
    in_str: str | None = None
    i = 0
    while i < len(code):
        ch = code[i]
        if in_str:
            if ch == "\\":
                i += 2
                continue
            if ch == in_str or (ch == "\n" and in_str != "`"):
                in_str = None
        elif code.startswith("//", i):
            nl = code.find("\n", i)
            i = len(code) if nl < 0 else nl
            continue
        elif code.startswith("/*", i):
            end = code.find("*/", i + 2)
            i = len(code) if end < 0 else end + 2
            continue
        elif ch in "\"`":
            in_str = ch
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                last_close = i
        i += 1
    if depth > 0:
        return code.rstrip() + "\n" + "}\n" * depth
    if depth == 0 and last_close >= 0:
        tail = code[last_close + 1:]
        if tail.strip() and not re.search(r"^\s*(func|fn|type|var|const|impl|struct|enum|use|pub|#\[|//)", tail,
                                           re.M):
            return code[: last_close + 1] + "\n"
    return code


def apply_edits(code: str, edits: list[tuple[int, int, str]]) -> str:
    """Byte-range replacements (start, end, text), applied back to front."""
    data = code.encode()
    for start, end, repl in sorted(edits, reverse=True):
        data = data[:start] + repl.encode() + data[end:]
    return data.decode(errors="replace")
