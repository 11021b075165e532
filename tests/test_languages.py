"""Languages as plug-ins: the registry is complete, and Python → JavaScript (added as two language modules and a
pair row) reads, scaffolds, tests and translates like the other pairs (unit, then the real sandbox and model)."""

from __future__ import annotations

import pytest

from act_lsp.io_tests import plan_io, render_io_tests
from act_lsp.languages import LANGUAGES, javascript, python
from act_lsp.pairs import PAIRS, get_pair, pair_for, target_file_name
from act_lsp.program import Param
from act_lsp.sandbox import RECIPES, Job
from act_lsp.sandbox.image import BASE_PACKAGES
from act_lsp.sanitize import sanitize
from act_lsp.scaffold import derive_scaffold
from act_lsp.translator import Translator, first_difference
from tests.test_translator import ScriptedModel

PY_INVENTORY = '''\
from typing import Dict, List

LIMIT = 3


class OutOfStock(Exception):
    pass


class Inventory:
    def __init__(self, capacity: int):
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        self.capacity = capacity
        self.items: Dict[str, int] = {}

    def add(self, name: str, count: int) -> int:
        if count <= 0:
            raise ValueError("count must be positive")
        if len(self.items) >= self.capacity and name not in self.items:
            raise OutOfStock(name)
        self.items[name] = self.items.get(name, 0) + count
        return self.items[name]

    def take(self, name: str, count: int) -> int:
        have = self.items.get(name, 0)
        if have < count:
            raise OutOfStock(name)
        self.items[name] = have - count
        return self.items[name]

    def names(self) -> List[str]:
        return sorted(self.items)

    def _check(self) -> None:
        pass
'''

JS_INVENTORY = '''\
class OutOfStock extends Error {}

class Inventory {
  constructor(capacity) {
    if (capacity <= 0) {
      throw new Error("capacity must be positive");
    }
    this.capacity = capacity;
    this.items = new Map();
  }

  add(name, count) {
    if (count <= 0) {
      throw new Error("count must be positive");
    }
    if (this.items.size >= this.capacity && !this.items.has(name)) {
      throw new OutOfStock(name);
    }
    this.items.set(name, (this.items.get(name) || 0) + count);
    return this.items.get(name);
  }

  take(name, count) {
    const have = this.items.get(name) || 0;
    if (have < count) {
      throw new OutOfStock(name);
    }
    this.items.set(name, have - count);
    return this.items.get(name);
  }

  names() {
    return [...this.items.keys()].sort();
  }
}
'''

PY_WORDS = '''\
def word_count(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for word in text.lower().split():
        counts[word] = counts.get(word, 0) + 1
    return counts


def initials(words: list[str]) -> set[str]:
    return {w[0] for w in words if w}


def mean(xs: list[float]) -> float:
    if not xs:
        raise ValueError("empty")
    return sum(xs) / len(xs)
'''

JS_WORDS = '''\
function wordCount(text) {
  const counts = {};
  for (const word of text.toLowerCase().split(/\\s+/)) {
    if (word) {
      counts[word] = (counts[word] || 0) + 1;
    }
  }
  return counts;
}

function initials(words) {
  return new Set(words.filter((w) => w).map((w) => w[0]));
}

function mean(xs) {
  if (xs.length === 0) {
    throw new Error("empty");
  }
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
'''


def test_every_pair_has_a_reading_source_a_writing_target_and_their_recipes():
    for pair in PAIRS.values():
        assert pair.source.reading is not None and pair.target.writing is not None, pair.id
        assert pair.types is pair.target.writing.types[pair.source.name]
    for lang in LANGUAGES.values():
        assert {lang.compile_recipe, lang.test_recipe} <= set(RECIPES), lang.name
        assert all(r.language == lang.name for r in lang.recipes)
        assert set(lang.packages) <= set(BASE_PACKAGES)  # its toolchain is in the sandbox image
        assert (lang.reading is not None) == (lang.name in {p.source.name for p in PAIRS.values()})


def test_python_declarations_are_read_from_the_syntax_tree():
    sigs = python.signatures(PY_INVENTORY)
    assert [(s.name, s.owner, s.constructor, s.private) for s in sigs] == [
        ("__init__", "Inventory", True, False), ("add", "Inventory", False, False),
        ("take", "Inventory", False, False), ("names", "Inventory", False, False),
        ("_check", "Inventory", False, True)]
    assert [p.type for p in sigs[1].params] == ["str", "int"] and sigs[3].returns == "List[str]"
    assert python.fields(PY_INVENTORY) == {"Inventory": [Param("", "capacity"),
                                                         Param("Dict[str, int]", "items")]}
    assert python.exception_classes(PY_INVENTORY) == {"OutOfStock"} and python.static_data(PY_INVENTORY) == ["LIMIT"]
    assert python.vtype("dict[str, list[int]]").args[1].kind == "list"
    assert python.vtype("dict[list[int], str]") is None and python.vtype("Optional[int]") is None
    assert python.signatures("def broken(:\n") == []  # a file that does not parse reads as empty
    demo = "def f(x: int) -> int:\n    return x\n\n\nif __name__ == '__main__':\n    print(f(int(input())))\n"
    assert "if False:" in python.standalone(demo) and "__main__" not in python.standalone(demo).split("#")[0]


def test_the_javascript_scaffold_opens_the_class_and_names_members_in_camel_case():
    scaffold = derive_scaffold("python-javascript", PY_INVENTORY + "\n\ndef word_count(text: str) -> int:\n    ...\n")
    assert scaffold.prefix == "class OutOfStock extends Error {}\n\nclass Inventory {\n  constructor(capacity) {\n"
    assert scaffold.signatures[-1] == "function wordCount(text)"
    assert [m.opening for m in scaffold.members][1:3] == ["  add(name, count) {\n", "  take(name, count) {\n"]
    assert scaffold.members[-1].opening == "}\n\nfunction wordCount(text) {\n"
    assert javascript.from_python("dict[int, set[str]]") == "Map<number, Set<string>>"
    assert javascript.from_python("tuple[str, float]") == "[string, number]"


def test_javascript_output_is_tidied_and_its_failures_read():
    code = sanitize("javascript", "```javascript\nexport function f(a) {\n  return a;\n}\nmodule.exports = { f };\n```")
    assert code == "function f(a) {\n  return a;\n}\n"
    assert first_difference("javascript", 'wordCount("a a") = {"a":1}, want {"a":2}\n') == \
        'wordCount("a a") = {"a":1}, want {"a":2}'
    assert get_pair("python-javascript").title == "Python → JavaScript"
    assert pair_for("python", "file:///x/stock_report.py").id == "python-javascript"
    assert target_file_name(get_pair("python-javascript"), "stock_report.py") == "stock_report.js"


def test_python_values_become_javascript_literals():
    assert javascript.literal("Object<string, number>", [["a", 1]]) == '{"a": 1}'
    assert javascript.literal("Map<number, string>", [[2, "x"]]) == 'new Map([[2, "x"]])'
    assert javascript.literal("Set<string>", ["b", "a"]) == 'new Set(["b", "a"])'
    assert javascript.literal("number", float("nan")) == "NaN" and javascript.literal("boolean", True) == "true"
    assert python.literal(python.vtype("set[int]"), []) == "set()"
    assert python.literal(python.vtype("tuple[str, float]"), ["a", 1.5]) == '("a", 1.5)'


# --- the real sandbox ---------------------------------------------------------------------------------------
def _suite(pool, code: str):
    plan = plan_io("python", "javascript", code, seed=1)
    assert plan is not None
    (oracle,) = pool.run_batch([Job.with_tests("python", plan.program(code), plan.driver)])
    assert oracle.passed, oracle.stderr[-2000:]
    suite = render_io_tests(plan, "javascript", oracle.stdout)
    assert suite is not None and suite.values >= 3
    return suite


@pytest.mark.docker
@pytest.mark.parametrize(("program", "right", "bug"), [
    (PY_INVENTORY, JS_INVENTORY, ("have < count", "have <= count")),
    (PY_WORDS, JS_WORDS, ("toLowerCase()", "trim()")),
])
def test_python_io_tests_pass_on_a_right_javascript_translation_and_fail_on_a_wrong_one(sandbox_pool, program,
                                                                                       right, bug):
    suite = _suite(sandbox_pool, program)
    jobs = [Job.with_tests("javascript", code, suite.tests) for code in (right, right.replace(*bug))]
    r_right, r_wrong = sandbox_pool.run_batch(jobs)
    assert r_right.passed, r_right.stdout[-3000:] + r_right.stderr[-2000:]
    assert r_wrong.status == "failed" and first_difference("javascript", r_wrong.stderr)


@pytest.mark.docker
def test_the_translation_routine_checks_python_to_javascript_against_the_source(sandbox_pool):
    pair = get_pair("python-javascript")
    body = JS_WORDS.split("function wordCount(text) {\n", 1)[1]
    wrong = body.replace("toLowerCase()", "trim()")
    result = Translator(ScriptedModel([wrong, body, wrong]), lambda: sandbox_pool).translate(
        pair, PY_WORDS, verify="equivalence", candidates=2)
    ev = result.evidence
    assert ev.mode == "equivalence" and ev.chosen == 1 and ev.tests_passed and ev.calls >= 3
    assert result.code.startswith("function wordCount(text) {") and "toLowerCase()" in result.code
    flagged = Translator(ScriptedModel([wrong, wrong]), lambda: sandbox_pool).translate(
        pair, PY_WORDS, verify="equivalence", candidates=1).evidence
    assert flagged.tests_passed is False and flagged.difference.startswith("wordCount(")


@pytest.mark.docker
@pytest.mark.model
def test_the_default_model_translates_python_to_javascript_through_the_same_routine(sandbox_pool):
    from act_lsp.engine import ModelHost

    source = "def clamp(x: int, low: int, high: int) -> int:\n    return max(low, min(x, high))\n"
    result = Translator(ModelHost(), lambda: sandbox_pool).translate(get_pair("python-javascript"), source,
                                                                     verify="equivalence", candidates=2)
    ev = result.evidence
    assert result.code.startswith("function clamp(x, low, high) {") and ev.mode == "equivalence" and ev.calls >= 3
    assert ev.compiled is not None and ev.tests_passed is not None  # compiled by node, run against the source's calls


def test_readers_say_what_a_member_calls_where_it_throws_and_what_an_implied_constructor_starts_with():
    from act_lsp.languages import cpp, java

    sigs = {s.name: s for s in cpp.signatures(
        "class Units {\n    map<string, double> mm{{\"cm\", 10.0}};\n    int used = 0;\n    static const int N = 3;\n"
        "    double factor(const string& u) const {\n        if (!mm.count(u)) throw invalid_argument(u);\n"
        "        return mm.at(u);\n    }\npublic:\n    double convert(double v, const string& f) {\n"
        "        used++;\n        return v * this->factor(f) * std::abs(v) * other.factor(f);\n    }\n};\n")}
    assert sigs["factor"].raises and not sigs["convert"].raises
    assert sigs["convert"].calls == {"factor"}  # by name or on this: std::abs and other.factor are not ours
    assert sigs["Units"].constructor and sigs["Units"].source == 'map<string, double> mm{{"cm", 10.0}};\nint used = 0;'
    sigs = {s.name: s for s in java.signatures(
        "class Units {\n    private final Map<String, Double> mm = new HashMap<>();\n    static int made = 0;\n"
        "    double factor(String u) { if (!mm.containsKey(u)) throw new IllegalArgumentException(u); return 1; }\n"
        "    double convert(double v, String f) { return v * this.factor(f) * Math.abs(v); }\n}\n")}
    assert sigs["factor"].raises and sigs["convert"].calls == {"factor"}
    assert sigs["Units"].source == "private final Map<String, Double> mm = new HashMap<>();"
