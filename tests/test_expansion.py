"""Expansion prompts and answer cleaning (pure), and seeds import with tree-sitter."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from act_train.cli import cli
from act_train.importer import SeedImportError, import_units, units_in_source
from act_train.pipeline import clean_program
from act_train.synth_prompts import DEPTH_OPERATORS, OPERATORS, expansion_prompt


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
