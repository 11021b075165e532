"""The compiler's suggested fixes: parsing rustc's JSON (unit) and fixing real code in the sandbox."""

from __future__ import annotations

import json

import pytest

from act_lsp.autofix import apply_edits, rustc_edits, suggested_fix
from act_lsp.sandbox import Job


def _diag(level, spans=(), children=()):
    return json.dumps({"level": level, "spans": list(spans), "children": list(children)})


def _span(start, end, repl, applicability="MachineApplicable", file_name="main.rs"):
    return {"file_name": file_name, "byte_start": start, "byte_end": end, "suggested_replacement": repl,
            "suggestion_applicability": applicability}


def test_suggestions_are_collected_from_errors_only_and_without_overlaps():
    stderr = "\n".join([
        "not json",
        _diag("error", children=[{"spans": [_span(4, 5, "mut n"), _span(4, 6, "x")], "children": []}]),
        _diag("error", spans=[_span(10, 12, "/* value */", "HasPlaceholders")]),
        _diag("warning", spans=[_span(20, 21, "y")]),
        _diag("error", spans=[_span(30, 31, "z", file_name="other.rs"),
                              _span(40, 40, ".to_string()", "MaybeIncorrect")]),
    ])
    assert rustc_edits(stderr) == [(4, 5, "mut n"), (40, 40, ".to_string()")]
    assert apply_edits("let n = 1;", [(4, 5, "mut n")]) == "let mut n = 1;"
    assert apply_edits("héllo x", [(7, 8, "y")]) == "héllo y"  # byte offsets, not characters


def test_languages_without_a_fixer_get_none():
    assert suggested_fix("go", "package main", lambda job: None) is None


@pytest.mark.docker
def test_rustc_suggestions_make_a_typical_small_model_answer_compile(sandbox_pool):
    code = ("fn total(xs: &[i32]) -> i32 {\n    let n = 0;\n    for x in xs { n += x; }\n    n\n}\n"
            "fn greet(name: &str) -> String {\n    let s: String = name;\n    s\n}\n")
    assert not sandbox_pool.run(Job.of("rust_check", code)).passed
    fixed = suggested_fix("rust", code, sandbox_pool.run)
    assert fixed is not None and "let mut n" in fixed and "name.to_string()" in fixed
    assert sandbox_pool.run(Job.of("rust_check", fixed)).passed
    assert suggested_fix("rust", fixed, sandbox_pool.run) is None  # nothing left to suggest
