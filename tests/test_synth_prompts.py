"""Prompts for source-language tests, translated tests and their repair (pure)."""

from __future__ import annotations

from act_lsp.pairs import PAIRS
from act_train.synth_prompts import (
    SOURCE_TEST_SCAFFOLDS,
    errors_in_tests,
    repair_tests_prompt,
    source_tests_prompt,
    translate_tests_prompt,
)


def test_source_tests_prompt_opens_the_entry_point_the_sandbox_runs():
    java = source_tests_prompt("java", "Java", "java", "class A { static int f(int x) { return x; } }")
    assert java.text.endswith("```java\n" + SOURCE_TEST_SCAFFOLDS["java"].prefix) and "static int f" in java.text
    assert java.prefix.startswith("public class Main {") and "check(" in java.text
    cpp = source_tests_prompt("cpp", "C++", "cpp", "int sq(int x) { return x * x; }")
    assert cpp.prefix == "#include <cassert>\n\nint main() {\n" and "use assert" in cpp.text


def test_translate_tests_prompt_starts_the_test_function():
    p = translate_tests_prompt(PAIRS["java-go"], "public class Main { ... }",
                               "package main\nfunc F() int { return 1 }")
    assert p.text.endswith('```go\npackage main\n\nimport "testing"\n\nfunc TestTranslated(t *testing.T) {\n')
    assert "func F() int" in p.text and "public class Main" in p.text
    r = translate_tests_prompt(PAIRS["cpp-rust"], "int main() { assert(f() == 1); }", "fn f() -> i32 { 1 }")
    assert r.prefix.startswith("#[cfg(test)]\nmod tests {\n    use super::*;")


def test_repair_prompt_shows_errors_and_keeps_the_code_fixed():
    p = repair_tests_prompt(PAIRS["java-go"], "package main\n...", "package main\nfunc F() {}", "main_test.go:9: x")
    assert "main_test.go:9: x" in p.text and "without changing what it checks" in p.text
    assert p.prefix in p.text[-len(p.prefix):]


def test_who_the_compiler_blames():
    assert errors_in_tests("go", "./main_test.go:18:10: c.Len undefined", "package main")
    assert not errors_in_tests("go", "./main.go:3:1: syntax error", "package main")
    code = "fn a() {}\nfn b() {}\n"
    assert errors_in_tests("rust", "error[E0061]\n --> main.rs:12:9", code)
    assert not errors_in_tests("rust", "error[E0308]\n --> main.rs:2:1", code)
    assert not errors_in_tests("rust", "no location", code)
