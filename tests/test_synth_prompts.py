"""Prompts for source-language tests, translated tests and their repair (pure)."""

from __future__ import annotations

from act_lsp.languages import LANGUAGES
from act_lsp.pairs import PAIRS
from act_train.synth_prompts import (
    complete_tests,
    errors_in_tests,
    failing_check_lines,
    repair_tests_prompt,
    reporting_tests,
    source_tests_prompt,
    translate_tests_prompt,
)


def test_source_tests_prompt_opens_the_entry_point_the_sandbox_runs():
    java = source_tests_prompt("java", "Java", "java", "class A { static int f(int x) { return x; } }")
    assert java.text.endswith("```java\n" + LANGUAGES["java"].reading.tests.prefix) and "static int f" in java.text
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
    assert errors_in_tests(PAIRS["java-go"], "./main_test.go:18:10: c.Len undefined", "package main")
    assert not errors_in_tests(PAIRS["java-go"], "./main.go:3:1: syntax error", "package main")
    assert not errors_in_tests(PAIRS["python-javascript"], "main.js:3\nSyntaxError: x", "")
    code = "fn a() {}\nfn b() {}\n"
    assert errors_in_tests(PAIRS["cpp-rust"], "error[E0061]\n --> main.rs:12:9", code)
    assert not errors_in_tests(PAIRS["cpp-rust"], "error[E0308]\n --> main.rs:2:1", code)
    assert not errors_in_tests(PAIRS["cpp-rust"], "no location", code)


def test_a_looping_or_cut_off_test_answer_is_closed_after_its_last_whole_statement():
    looping = '    assert(f(1) == 1);\n    if (g()) {\n        assert(f(2) == 4);\n    }\n    assert(f("}") == 1'
    assert complete_tests("cpp", looping) == (LANGUAGES["cpp"].reading.tests.prefix + "    assert(f(1) == 1);\n"
                                              "    if (g()) {\n        assert(f(2) == 4);\n    }\n"
                                              "    return 0;\n}\n")
    finished = '        check(A.f(1) == 2, "f(1)");\n    }\n}\n```\nThese tests cover...'
    assert complete_tests("java", finished) == (LANGUAGES["java"].reading.tests.prefix
                                                + '        check(A.f(1) == 2, "f(1)");\n    }\n}\n')


def test_reporting_tests_keep_every_line_where_it_was_and_name_the_failing_ones():
    for language, body in (("java", '        check(f(1) == 1, "a");\n'), ("cpp", "    assert(f(1) == 1);\n")):
        tests = complete_tests(language, body)
        reporting = reporting_tests(language, tests)
        assert reporting != tests and reporting.count("\n") == tests.count("\n")
    assert "ACT_CHECK(f(1) == 1);" in reporting_tests("cpp", complete_tests("cpp", "    assert(f(1) == 1);\n"))
    output = ("ACT_FAIL 12\nException in thread \"main\" java.lang.RuntimeException\n\tat A.f(Main.java:3)\n"
              "\tat Main.main(Main.java:15)\nMain.java:17: error: incompatible types\nmain.cpp:20:5: error: x\n")
    assert failing_check_lines("java", output) == {12, 15, 17}
    assert failing_check_lines("cpp", output) == {12, 20}
