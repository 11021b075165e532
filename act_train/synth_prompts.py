"""Prompts for synthetic data: expanding seeds (Evol-Instruct depth and breadth) and translating unit tests.
Pure functions; the language-specific parts are table entries.

Test translation is completion-style like code translation: the answer starts with the target test
scaffold, which the language table gives, so a small model only has to write the assertions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from act_lsp.languages import LANGUAGES, Reading, TestScaffold
from act_lsp.pairs import LanguagePair
from act_lsp.prompts import CHATML, SYSTEM, Prompt


def _reading(language: str) -> Reading:
    reading = LANGUAGES[language].reading
    if reading is None:
        raise ValueError(f"{language} is not a source language")
    return reading


def _source_tests(language: str) -> TestScaffold:
    """Unit tests an LLM writes in the *source* language for a program without tests (kept only when they pass on
    it, then mutation-gated): the shape of the bundled seeds' tests, so the same sandbox recipes run them."""
    return _reading(language).tests


def _target_tests(pair: LanguagePair) -> TestScaffold:
    if pair.target.writing is None:
        raise ValueError(f"{pair.target.display} is not a target language")
    return pair.target.writing.tests


_LITERALS = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|//.*')


def complete_tests(language: str, answer: str) -> str:
    """The test entry point from an answer that continues the scaffold, cut back to its last whole statement.

    Small models often loop on one check until the token limit; every whole statement before the cut is still a
    usable check, so the answer is closed there instead of being thrown away.
    """
    scaffold = _source_tests(language)
    lines = answer.split("```")[0].split("\n")
    depth = keep = 0
    for i, line in enumerate(lines):
        code = _LITERALS.sub('""', line).strip()
        if depth == 0 and code.startswith("}"):  # the entry point ends here: the answer is complete
            keep = i
            break
        depth += code.count("{") - code.count("}")
        if depth == 0 and code.endswith((";", "}")):
            keep = i + 1
    return scaffold.prefix + "".join(line + "\n" for line in lines[:keep]) + scaffold.close


CHECK_CALL = re.compile(r"(?<![\w.])(?:check|assert)\s*\(")


def reporting_tests(language: str, tests: str) -> str:
    """The same tests, reporting every failing check by line instead of stopping at the first (line counts
    unchanged): the program is the reference here, so a check it fails is the LLM's wrong expectation."""
    reporting = _source_tests(language).reporting
    if reporting is None:
        raise ValueError(f"{language} has no reporting form of its tests")
    return reporting(tests)


def failing_check_lines(language: str, output: str) -> set[int]:
    """1-based file lines of failed checks, of compile errors, and the line an uncaught exception left."""
    pattern = _source_tests(language).failed_line
    return {int(next(g for g in groups if g)) for groups in pattern.findall(output)} if pattern else set()


def source_tests_prompt(language: str, display: str, fence: str, code: str) -> Prompt:
    """Tests for ``code`` in its own language; the answer starts inside the test entry point."""
    scaffold = _source_tests(language)
    user = (f"Here is {display} code:\n```{fence}\n{code.strip()}\n```\nWrite unit tests for it as one entry point "
            "that calls the code: typical cases, edge cases (empty input, zero, negative numbers, limits) and invalid "
            "arguments that must fail; at most 12 checks, none repeated. Compare every result with its exact "
            f"expected value; {scaffold.style}.")
    return Prompt.of(CHATML.format(system=SYSTEM, user=user) + f"```{fence}\n" + scaffold.prefix, scaffold.prefix)


def _test_prompt(pair: LanguagePair, target_code: str, request: str) -> Prompt:
    """Show the code under test, ask ``request``, and start the answer with the test scaffold."""
    scaffold = _target_tests(pair)
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


def errors_in_tests(pair: LanguagePair, errors: str, code: str) -> bool:
    """Whether the compiler blames the test code rather than the code under test."""
    blames = _target_tests(pair).blames_tests
    return bool(blames and blames(errors, code))


# --- expansion (Evol-Instruct for code: depth operators evolve a program, breadth writes a sibling) -----------
DEPTH_OPERATORS: Mapping[str, str] = {
    "constraint": "Add one new requirement or constraint (a limit, a validation rule or a special case) and "
                  "implement it.",
    "errors": "Add error handling: reject invalid arguments or states by throwing an exception with a clear message.",
    "deepen": "Add one more public method that builds on the existing logic and uses the existing state.",
    "concretize": "Make it concrete: turn the general logic into a realistic business rule with specific names.",
    "reasoning": "Make the algorithm need one more step of reasoning (an extra pass, an aggregate or an ordering).",
}
BREADTH = ("Write a new, different program for the same kind of job, inspired by this one: different names, "
           "different data and different logic.")
# The easier end of a curriculum: one job of the program as a plain function. Small models translate such
# functions far more often than stateful classes (imported functions compiled where class seeds did not), so a
# cycle with little compute gets its first validated pairs from here.
SIMPLIFY = ("Write a smaller program that does one job of this one as one or two standalone functions on plain "
            "values (no class with state): different names, a clear result.")
OPERATORS: tuple[str, ...] = (*DEPTH_OPERATORS, "breadth", "simplify")

def _program_rules(language: str) -> str:
    """How an expanded program must look so the pipeline can test and translate it."""
    rules = _reading(language).program_rules
    if not rules:
        raise ValueError(f"{language} has no rules for expanded programs")
    return rules


def expansion_prompt(language: str, display: str, fence: str, code: str, operator: str,
                     focus: str | None = None) -> Prompt:
    """One evolution step of ``code``; ``focus`` is a targeted-data request from the training controller."""
    task = {"breadth": BREADTH, "simplify": SIMPLIFY}.get(operator) or DEPTH_OPERATORS[operator]
    user = (f"Here is a {display} program:\n```{fence}\n{code.strip()}\n```\n{task}"
            + (f" The program must exercise {focus}." if focus else "")
            + f"\nRules: {_program_rules(language)}\nAnswer with the complete new program only.")
    return Prompt.of(CHATML.format(system=SYSTEM, user=user) + f"```{fence}\n", "")
