"""Expansion prompts and answer cleaning (pure), and seeds import with tree-sitter."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from act_lsp.sandbox import Job
from act_train.cli import cli
from act_train.expansion import clean_program
from act_train.importer import SeedImportError, import_units, standalone_methods, units_in_source
from act_train.synth_prompts import DEPTH_OPERATORS, OPERATORS, expansion_prompt
from tests.conftest import BENCH


def test_every_operator_builds_a_prompt_with_the_rules_and_the_focus():
    for op in OPERATORS:
        p = expansion_prompt("java", "Java", "java", "class A { int f() { return 1; } }", op,
                             focus="integer/float conversions")
        assert p.text.endswith("```java\n") and "class A" in p.text
        assert "without a main method" in p.text and "integer/float conversions" in p.text
        expected = {"breadth": "inspired by this one", "simplify": "standalone functions"}
        assert (expected.get(op) or DEPTH_OPERATORS[op]) in p.text
    assert "exercise" not in expansion_prompt("cpp", "C++", "cpp", "int f();", "deepen").text


def test_clean_program_strips_fences_and_public_and_rejects_main_or_prose():
    code, reason = clean_program("java", "public final class Box {\n  int v;\n}\n```\nThis class stores...")
    assert reason == "" and code.startswith("final class Box {") and "stores" not in code
    # A demo main is cut out (the pipeline writes its own drivers); a main that cannot be cut is a reject.
    code = "class A {\n  int f() { return 1; }\n  public static void main(String[] a) {\n    f();\n  }\n}\n"
    assert clean_program("java", code) == ("class A {\n  int f() { return 1; }\n}\n", "")
    assert clean_program("java", "class A { public static void main(String[] a) {} }") == ("class A {  }\n", "")
    assert clean_program("cpp", "#include <cstdio>\nint sq(int x) { return x * x; }\nint main() { return sq(2); }\n"
                         ) == ("#include <cstdio>\nint sq(int x) { return x * x; }\n", "")
    assert clean_program("cpp", "int main() { return 0;\n")[1] == "has_main"
    assert clean_program("cpp", "Sorry, I cannot do that.")[1] == "no_code"


JAVA = """\
package shop;

import java.util.List;
import java.util.Map;

public class Basket {
    private final Map<String, Integer> items;
    Basket(Map<String, Integer> items) { this.items = items; }
    int count() { return items.size(); }
}

class Helper {
    static int twice(int x) { return 2 * x; }
    public static void main(String[] args) { }
}
"""

CPP = """\
#include <string>
using namespace std;

namespace util {
struct Point;
int add(int a, int b) { return a + b; }
class Counter {
    int n = 0;
public:
    int next() { return ++n; }
};
}

int main() { return util::add(1, 2); }
"""


def test_java_classes_become_units_with_their_imports():
    units = units_in_source("java", JAVA, "Shop.java")
    assert [u.origin for u in units] == ["Shop.java:6", "Shop.java:12"]
    assert units[0].code.startswith("import java.util.List;\nimport java.util.Map;\n\npublic class Basket {")
    assert "package" not in units[0].code


def test_cpp_functions_and_classes_in_namespaces_become_units_main_and_declarations_do_not():
    units = units_in_source("cpp", CPP, "u.cpp")
    bodies = [u.code for u in units]
    assert len(units) == 2
    assert "int add(int a, int b)" in bodies[0] and bodies[0].startswith("#include <string>\nusing namespace std;")
    assert "class Counter" in bodies[1] and bodies[1].rstrip().endswith("};")
    assert not any("int main" in b for b in bodies)


def test_import_walks_a_tree_dedupes_and_reports_empty_paths(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "Shop.java").write_text(JAVA)
    (tmp_path / "src" / "Copy.java").write_text(JAVA)
    (tmp_path / "notes.txt").write_text("class Nope {}")
    units = import_units(tmp_path)
    assert len(units) == 2  # the copy adds nothing
    with pytest.raises(SeedImportError, match="no Java or C\\+\\+"):
        import_units(tmp_path / "notes.txt")
    with pytest.raises(SeedImportError, match="no such file"):
        import_units(tmp_path / "missing")


def test_seeds_import_command_is_idempotent(tmp_path, monkeypatch):
    monkeypatch.setenv("ACT_DB", str(tmp_path / "act.db"))
    (tmp_path / "u.cpp").write_text(CPP)
    runner = CliRunner()
    first = runner.invoke(cli, ["seeds", "import", str(tmp_path / "u.cpp")])
    assert first.exit_code == 0 and "2 new seeds" in first.output
    assert "0 new seeds" in runner.invoke(cli, ["seeds", "import", str(tmp_path / "u.cpp")]).output
    listing = runner.invoke(cli, ["seeds", "list"]).output
    assert listing.count("imported/") == 2
    bad = runner.invoke(cli, ["seeds", "import", str(tmp_path / "nothing")])
    assert bad.exit_code == 1 and "no such file" in bad.output


MBXP_JAVA = {"task_id": "MBJP/9", "language": "java", "entry_point": "twice",
             "prompt": "import java.util.*;\n\n\nclass Twice {\n    /**\n     * * Write a function.\n     *\n"
                       "     * > twice(2)\n     * 4\n     */\n    public static int twice(int n) {\n",
             "canonical_solution": "        // doubled\n        return n * 2;\n    }\n}", "test": "class Main {}"}
MBXP_CPP = {"task_id": "MBCPP/3", "language": "cpp", "entry_point": "inc",
            "prompt": "#include <bits/stdc++.h>\nusing namespace std;\n\n\n/**\n * > inc(1)\n * 2\n */\n"
                      "int inc(int x) {\n",
            "canonical_solution": "    return x + 1; // one more\n}", "test": "int main() {}"}


def test_problem_sets_in_jsonl_become_seeds_without_comments_and_with_attribution(tmp_path):
    unsolved = {**MBXP_CPP, "task_id": "MBCPP/4", "canonical_solution": None}
    broken = {**MBXP_JAVA, "task_id": "MBJP/10", "canonical_solution": "return {{{"}
    path = tmp_path / "problems.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in (MBXP_JAVA, MBXP_CPP, unsolved, broken)) + "\n")
    units = import_units(path)
    assert [u.language for u in units] == ["java", "cpp"]  # unsolved and unparsable problems are skipped
    java, cpp = (u.code for u in units)
    assert java == ("import java.util.*;\n\nclass Twice {\n    public static int twice(int n) {\n"
                    "        return n * 2;\n    }\n}\n")
    assert "//" not in cpp and "/*" not in cpp and "return x + 1;" in cpp
    assert units[0].origin == "problems.jsonl:MBJP/9 (MBXP (Athiwaratkun et al., arXiv 2210.14868), CC BY 4.0)"
    assert [u.language for u in import_units(path, language="cpp")] == ["cpp"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(MBXP_JAVA) + "\n{not json\n")
    with pytest.raises(SeedImportError, match="bad.jsonl:2: not a JSON line"):
        import_units(bad)
    (tmp_path / "empty.jsonl").write_text(json.dumps(unsolved) + "\n")
    with pytest.raises(SeedImportError, match="no solved"):
        import_units(tmp_path / "empty.jsonl")


def test_the_shared_mbxp_files_import_almost_whole():
    mbxp = BENCH.parent / "data" / "mbxp"
    java = import_units(mbxp / "mbjp_release_v1.2.jsonl")
    cpp = import_units(mbxp / "mbcpp_release_v1.2.jsonl")
    assert 800 <= len(java) <= 874 and 700 <= len(cpp) <= 773  # solved ones, minus unparsable/duplicates
    assert all("/**" not in u.code and "CC BY 4.0" in u.origin for u in java + cpp)


STATEFUL_JAVA = """import java.util.*;

class Wallet {
    private long cents;
    private static final int LIMIT = 100;

    public Wallet(long cents) { this.cents = cents; }

    public long add(long more) { cents += more; return cents; }

    private static String money(long c) {
        return (c / 100) + "." + String.format("%02d", c % 100);
    }

    boolean overLimit(int n) { return n > LIMIT; }

    String describe(long c) { return "€" + money(c); }

    public int clampPercent(int p) {
        return Math.max(0, Math.min(100, p));
    }

    int zero() { return 0; }
}
"""

STATEFUL_CPP = """#include <string>
using namespace std;

class Meter {
    int total = 0;
public:
    void add(int n) { total += n; }
    static int scaled(int n, int factor) { return n * factor; }
    string label(const string& unit) const {
        return "[" + unit + "]";
    }
};
"""


def test_methods_that_read_no_field_become_function_seeds():
    java = dict(standalone_methods("java", STATEFUL_JAVA))
    # fields (cents, LIMIT), a sibling call (money), constructors and parameterless methods stay in the class
    assert sorted(java) == ["Wallet.clampPercent", "Wallet.money"]
    assert java["Wallet.clampPercent"] == ("import java.util.*;\n\nclass Wallet {\n    static int clampPercent(int p) {"
                                           "\n        return Math.max(0, Math.min(100, p));\n    }\n}\n")
    assert "static String money(long c)" in java["Wallet.money"] and "private" not in java["Wallet.money"]
    cpp = dict(standalone_methods("cpp", STATEFUL_CPP))
    assert sorted(cpp) == ["Meter.label", "Meter.scaled"]
    assert cpp["Meter.label"].endswith('string label(const string& unit) {\n    return "[" + unit + "]";\n}\n')
    assert cpp["Meter.scaled"].startswith("#include <string>\nusing namespace std;\n\nint scaled(int n, int factor)")


@pytest.mark.docker
def test_bundled_class_seeds_yield_function_seeds_that_compile(sandbox_pool):
    from act_lsp.languages import LANGUAGES
    from act_train.seeds import bundled_seeds, method_seeds

    seeds = method_seeds(bundled_seeds())
    assert len(seeds) >= 30 and all(s.origin.startswith("method:") and s.tests is None for s in seeds)
    jobs = [Job.with_tests("java" if s.language == "java" else "cpp", s.code, LANGUAGES[s.language].reading.harness)
            for s in seeds]
    results = sandbox_pool.run_batch(jobs)
    assert [s.id for s, r in zip(seeds, results, strict=True) if not r.passed] == []
