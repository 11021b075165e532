"""A translation's verdict as diagnostics on the target file (pure)."""

from __future__ import annotations

from lsprotocol import types

from act_lsp.diagnostics import verdict_diagnostics
from act_lsp.translator import Evidence

GO = "package main\n\nfunc Clamp(x int) int {\n\tif x > 10 {\n\t\treturn 10\n\t}\n\treturn x\n}\n"
RUST = "fn twice(x: i32) -> i32 {\n    2 * y\n}\n"


def test_a_behavioural_difference_marks_the_function_it_concerns_as_a_warning():
    ev = Evidence(mode="equivalence", compiled=True, tests_passed=False, difference="Clamp(-3) = -3, want 0")
    (d,) = verdict_diagnostics(ev, GO, GO, "go")
    assert d.range.start.line == 2 and d.severity == types.DiagnosticSeverity.Warning
    assert d.message == "differs from the source: Clamp(-3) = -3, want 0" and d.source == "act"


def test_compiler_errors_land_on_their_lines_shifted_to_where_a_selection_was_appended():
    existing = "package main\n\nfunc Other() {}\n\n"
    ev = Evidence(mode="compile", compiled=False,
                  errors="# act\n./main.go:5:9: undefined: y\n./main.go:99:1: in the appended tests\n")
    (d,) = verdict_diagnostics(ev, GO, existing + GO, "go")
    assert d.range.start.line == 4 + 4 and d.range.start.character == 8  # main.go line 5 of the translation
    assert d.message == "does not compile: undefined: y" and d.severity == types.DiagnosticSeverity.Error
    rust = Evidence(mode="compile", compiled=False,
                    errors="error[E0425]: cannot find value `y` in this scope\n --> main.rs:2:9\n  |\n")
    (r,) = verdict_diagnostics(rust, RUST, RUST, "rust")
    assert (r.range.start.line, r.range.start.character) == (1, 8) and "E0425" in r.message
    labelled = ("error[E0308]: mismatched types\n  --> main.rs:2:13\n   |\n2  |     let t = n * total;\n"
                "   |             ^^^^^ expected `i64`, found `i32`\n\n"
                "error[E0369]: cannot add `{integer}` to `Option<usize>`\n  --> main.rs:3:7\n   |\n"
                "3  |     eq + 1\n   |     -- ^ - {integer}\n   |     |\n   |     Option<usize>\n")
    first, second = verdict_diagnostics(Evidence(mode="compile", compiled=False, errors=labelled), RUST, RUST, "rust")
    assert first.message == "does not compile: error[E0308]: mismatched types: expected `i64`, found `i32`"
    # "^ - {integer}": that label is another span's, not what the error says at its place
    assert second.message == "does not compile: error[E0369]: cannot add `{integer}` to `Option<usize>`"


def test_nothing_is_marked_when_unchecked_or_right_and_unparsed_errors_still_mark_the_first_line():
    assert verdict_diagnostics(Evidence(mode="off"), GO, GO, "go") == []
    assert verdict_diagnostics(Evidence(mode="equivalence", compiled=True, tests_passed=True), GO, GO, "go") == []
    assert verdict_diagnostics(Evidence(mode="compile", sandbox_error="docker down"), GO, GO, "go") == []
    (d,) = verdict_diagnostics(Evidence(mode="compile", compiled=False, errors="linker exploded"), GO, GO, "go")
    assert d.range.start.line == 0 and d.message == "does not compile: linker exploded"
