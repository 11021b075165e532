"""Prompts for synthetic data: translating unit tests, and (later stages) expanding seeds. Pure functions.

Test translation is completion-style like code translation: the answer starts with the target test
scaffold, which the language table gives, so a small model only has to write the assertions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from act_lsp.pairs import LanguagePair
from act_lsp.prompts import CHATML, SYSTEM, Prompt


@dataclass(frozen=True)
class TestScaffold:
    prefix: str  # what the answer starts with; act_lsp.sanitize closes what the model leaves open
    style: str  # how the tests must fail, in words


TEST_SCAFFOLDS: Mapping[str, TestScaffold] = {
    "go": TestScaffold(prefix='package main\n\nimport "testing"\n\nfunc TestTranslated(t *testing.T) {\n',
                       style="call t.Fatalf with a message when a check fails"),
    "rust": TestScaffold(prefix="#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn translated() {\n",
                         style="use assert! and assert_eq!"),
}


def _test_prompt(pair: LanguagePair, target_code: str, request: str) -> Prompt:
    """Show the code under test, ask ``request``, and start the answer with the test scaffold."""
    scaffold = TEST_SCAFFOLDS[pair.target.name]
    user = (f"Here is {pair.target.display} code:\n```{pair.target.fence}\n{target_code.strip()}\n```\n"
            + request.replace("{style}", scaffold.style))
    return Prompt.of(CHATML.format(system=SYSTEM, user=user) + f"```{pair.target.fence}\n" + scaffold.prefix,
                     scaffold.prefix)


def translate_tests_prompt(pair: LanguagePair, tests: str, target_code: str) -> Prompt:
    return _test_prompt(pair, target_code,
                        f"Translate these {pair.source.display} unit tests into one {pair.target.display} test "
                        f"function for that code. Keep every check and its expected value; {{style}}.\n"
                        f"```{pair.source.fence}\n{tests.strip()}\n```")


def repair_tests_prompt(pair: LanguagePair, tests: str, target_code: str, errors: str) -> Prompt:
    """The translated tests do not compile against the code: fix the tests, never the code under test."""
    return _test_prompt(pair, target_code,
                        f"These {pair.target.display} tests for it do not compile:\n```{pair.target.fence}\n"
                        f"{tests.strip()}\n```\nCompiler errors:\n```\n{errors.strip()[:1500]}\n```\n"
                        "Rewrite the test function so it compiles against the code above without changing what it "
                        "checks; {style}.")


def errors_in_tests(target_language: str, errors: str, code: str) -> bool:
    """Whether the compiler blames the test code rather than the code under test."""
    if target_language == "go":
        return "main_test.go" in errors
    lines = [int(n) for n in re.findall(r"main\.rs:(\d+):", errors)]
    return bool(lines) and min(lines) > code.count("\n") + 1  # Rust tests are appended after the code
