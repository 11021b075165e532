"""Pure parts of a translation request: pairs, naming, scaffolds, prompts, sanitising, settings, edits, the feedback
schema (the model host itself is tested in test_batch and test_model_store)."""

from __future__ import annotations

import json
import sqlite3

import pytest
from lsprotocol import types

from act_lsp import edits, store
from act_lsp.config import ServerSettings, parse_settings
from act_lsp.languages import cpp as cpp_language
from act_lsp.languages import go as go_language
from act_lsp.languages import java as java_language
from act_lsp.languages import rust as rust_language
from act_lsp.pairs import LANGUAGES, PAIRS, get_pair, language_for, pair_for, target_file_name
from act_lsp.prompts import build_prompt, build_repair_prompt
from act_lsp.sandbox import RECIPES
from act_lsp.sanitize import extract_code, sanitize
from act_lsp.scaffold import derive_scaffold
from tests.conftest import translation


def test_every_pair_is_complete():
    for pair_id, pair in PAIRS.items():
        assert pair_id == f"{pair.source.name}-{pair.target.name}"
        assert "{source}" in pair.instruction and "{signatures}" in pair.instruction
        for lang in (pair.source, pair.target):
            assert lang.compile_recipe in RECIPES and lang.test_recipe in RECIPES
    assert set(LANGUAGES) == {"java", "cpp", "go", "rust", "python", "javascript"}
    with pytest.raises(ValueError, match="unknown language pair"):
        get_pair("go-java")


@pytest.mark.parametrize(("source", "pair", "expected"), [
    ("Foo.java", "java-go", "foo.go"),
    ("WidgetStore.java", "java-go", "widget_store.go"),
    ("HTTPServer.java", "java-go", "http_server.go"),
    ("widget.cpp", "cpp-rust", "widget.rs"),
    ("ringBuffer.hpp", "cpp-rust", "ring_buffer.rs"),
])
def test_target_file_names(source, pair, expected):
    assert target_file_name(PAIRS[pair], source) == expected


def test_language_detection():
    assert language_for("java").name == "java"
    assert language_for(None, "file:///x/a.cc").name == "cpp"
    assert pair_for("cpp").id == "cpp-rust"
    assert pair_for("python").id == "python-javascript"
    assert pair_for("ruby") is None and pair_for("go") is None  # no pair from that language
    assert pair_for("java", targets={}) is None


@pytest.mark.parametrize(("java", "go"), [
    ("int", "int"), ("List<Integer>", "[]int"), ("Map<String, List<Double>>", "map[string][]float64"),
    ("String[]", "[]string"), ("Set<Character>", "map[rune]bool"), ("Optional<String>", "*string"),
    ("boolean", "bool"), ("Account", "*Account"), ("void", ""),
])
def test_java_types_to_go(java, go):
    assert go_language.from_java(java) == go


@pytest.mark.parametrize(("cpp", "param", "rust"), [
    ("int", False, "i32"), ("vector<int>", False, "Vec<i32>"), ("const vector<string>&", True, "&[String]"),
    ("string", True, "&str"), ("string", False, "String"), ("map<string,int>", False, "BTreeMap<String, i32>"),
    ("std::unordered_map<string, int>", False, "HashMap<String, i32>"), ("set<char>", False, "BTreeSet<char>"),
    ("pair<int, float>", False, "(i32, f32)"), ("long long", False, "i64"),
])
def test_cpp_types_to_rust(cpp, param, rust):
    assert rust_language.from_cpp(cpp, param=param) == rust


def test_scaffolds():
    java = ("class S {\n  public static List<String> splitWords(String string, int max) {\n    return null;\n  }\n"
            "  private boolean ok() { return true; }\n  public static void main(String[] a) {}\n}\n")
    sc = derive_scaffold("java-go", java)
    assert sc.signatures == ("func SplitWords(str string, max int) []string", "func Ok() bool")
    assert sc.prefix == "package main\n\nfunc SplitWords(str string, max int) []string {\n"
    cpp = ("#include <vector>\nusing namespace std;\nvector<int> intersperse(vector<int> xs, int d){\n"
           "  if (xs.empty()) { return xs; }\n  for (int i=0;i<3;i++){}\n  return xs;\n}\n")
    assert derive_scaffold("cpp-rust", cpp).signatures == ("fn intersperse(xs: Vec<i32>, d: i32) -> Vec<i32>",)
    assert derive_scaffold("cpp-rust", "int x = 1;").prefix == ""


def test_prompt_starts_the_answer_with_the_scaffold():
    p = build_prompt(PAIRS["java-go"], "class A { int twice(int x) { return 2 * x; } }")
    assert p.text.endswith("```go\npackage main\n\nfunc Twice(x int) int {\n")
    assert "func Twice(x int) int" in p.text.split("<|im_start|>assistant")[0]  # also shown as a hint
    assert len(p.hash) == 16 and p.hash != build_prompt(PAIRS["java-go"], "class B {}").hash
    given = build_prompt(PAIRS["cpp-rust"], "int f(){return 1;}", scaffold="fn f() -> i32 {\n")
    assert given.prefix == "fn f() -> i32 {\n" and given.text.endswith("```rust\nfn f() -> i32 {\n")
    repair = build_repair_prompt(PAIRS["java-go"], "class A {}", "package main\nfunc X() {", "main.go:2: syntax")
    assert "main.go:2: syntax" in repair.text and repair.text.endswith("```go\n")


def test_extract_code():
    assert extract_code("Sure!\n```go\nfunc A() {}\n```\nbye") == "func A() {}\n"
    assert extract_code("func A() {\n}\n```\n\nExplanation") == "func A() {\n}\n"
    assert extract_code("x<|im_end|>junk") == "x\n"
    assert extract_code("   ") == ""


def test_fix_go_imports_and_packages():
    code = ('package main\n\nimport "os"\n\nfunc A(s string) string {\n  // fmt.Println is only a comment\n'
            '  x := "strings.Repeat in a string"\n  return strings.ToUpper(s) + x + strconv.Itoa(len(s))\n}\n'
            'package main\n')
    fixed = go_language.tidy(code)
    assert fixed.count("package main") == 1
    assert '"strings"' in fixed and '"strconv"' in fixed
    assert '"os"' not in fixed and '"fmt"' not in fixed
    assert go_language.tidy("func A() int { return 1 }").startswith("package main\n")
    assert go_language.tidy("func A() int {\n  return int(math.Sqrt(4))\n").rstrip().endswith("}")  # closes open braces


def test_fix_rust_dedupes_use_lines_and_trailing_prose():
    code = "use std::collections::HashMap;\nuse std::collections::HashMap;\nfn f() -> i32 { 1 }\nThis adds one."
    assert rust_language.tidy(code) == "use std::collections::HashMap;\nfn f() -> i32 { 1 }\n"


def test_fix_rust_writes_a_cpp_throw_as_the_panic_it_becomes():
    code = ('fn f(at: usize) -> i32 {\n    if at > 3 {\n        throw std::runtime_error("past " + s(at));\n'
            '    }\n    throw Empty();\n}\n')
    assert rust_language.tidy(code) == ('fn f(at: usize) -> i32 {\n    if at > 3 {\n        panic!("{}", "past " + '
                                        's(at));\n    }\n    panic!();\n}\n')


def test_sanitize_completion_with_prefix():
    out = sanitize("go", "    return a + b\n}\n```\nThis adds.", prefix="package main\n\nfunc Add(a, b int) int {\n")
    assert out == "package main\n\nfunc Add(a, b int) int {\n    return a + b\n}\n"


def test_settings_are_strict():
    s = parse_settings({"verify": "compile", "logCode": False, "outputDir": "/tmp/out", "timeLimit": 30,
                        "examplesMinSimilarity": 0.25})
    assert (s.verify, s.log_code, s.output_dir, s.time_limit) == ("compile", False, "/tmp/out", 30)
    assert s.examples_min_similarity == 0.25
    for bad, msg in [({"verfy": "off"}, "unknown setting"), ({"candidates": "3"}, "wrong type"),
                     ({"targets": {"java": "rust"}}, "no language pair"), ({"verify": "always"}, "verify"),
                     ({"logCode": 1}, "wrong type"), ({"examplesMinSimilarity": 1.5}, "between 0 and 1")]:
        with pytest.raises(ValueError, match=msg):
            parse_settings(bad)
    assert parse_settings(None) == ServerSettings()


def test_selection_appended_to_existing_go_file_merges_imports():
    existing = 'package main\n\nimport "fmt"\n\nfunc A() { fmt.Println(1) }\n'
    snippet = 'package main\n\nimport (\n\t"strings"\n)\n\nfunc B(s string) string { return strings.ToUpper(s) }\n'
    merged = edits.merged_target("go", existing, snippet, "selection")
    assert merged.count("package main") == 1 and '"fmt"' in merged and '"strings"' in merged
    assert "func A()" in merged and "func B(" in merged
    assert edits.merged_target("go", existing, snippet, "file") == snippet


def test_workspace_edit_shapes():
    rich = edits.workspace_edit(target_uri="file:///t/a.go", existing=None, new_text="x", label="L",
                                description="d", annotate=True, document_changes=True, can_create=True,
                                encoding="utf-16")
    assert isinstance(rich.document_changes[0], types.CreateFile)
    assert rich.change_annotations[edits.ANNOTATION_ID].needs_confirmation
    plain = edits.workspace_edit(target_uri="file:///t/a.go", existing="ab\ncé", new_text="x", label="L",
                                 description="d", annotate=False, document_changes=False, can_create=False,
                                 encoding="utf-8")
    (edit,) = plain.changes["file:///t/a.go"]
    assert edit.range.end == types.Position(line=1, character=3)  # "cé" is 3 bytes in UTF-8
    assert edits.end_position("cé", None).character == 2
    assert edits.contains_generated("// header\nfunc A() {\n  return\n}\n", "func A() {\n return\n}")


def test_feedback_schema_and_privacy(tmp_path):
    db = store.open_db(tmp_path / "a.db")
    assert set(db["translations"].columns) >= {"pair", "source_text", "model", "adapter_version", "prompt_hash",
                                                    "output", "latency_ms", "verify", "outcome", "final_text"}
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    rec = translation(source_text="secret code", output="out")
    tid = store.record_translation(db, rec, log_code=False)
    store.set_outcome(db, tid, "edited", final_text="my final")
    row = db["translations"].get(tid)
    assert row["source_text"] is None and row["output"] is None and row["privacy"] == "hash"
    assert row["source_sha"] == store.sha("secret code") and row["final_text"] == store.sha("my final")
    with pytest.raises(store.StoreError, match="no translation"):
        store.set_outcome(db, "nope", "accepted")
    assert store.applied_migrations(store.open_db(tmp_path / "a.db")) == sorted(m.__name__ for m in store.MIGRATIONS)


def test_a_database_made_before_the_sql_layer_moved_opens_without_migrating_again(tmp_path):
    """Databases written by sqlite-utils' migrations (sessions 1-10) keep their rows and are not migrated twice."""
    path = tmp_path / "old.db"
    fresh = store.open_db(tmp_path / "new.db")
    old = sqlite3.connect(path)
    for (sql,) in fresh.execute("select sql from sqlite_master where type = 'table' and name not like 'act_%' "
                                "and sql is not null").fetchall():
        old.execute(sql)
    old.execute("create table _sqlite_migrations (id integer primary key, migration_set text, name text, "
                "applied_at text)")
    old.executemany("insert into _sqlite_migrations (migration_set, name, applied_at) values ('act', ?, 'then')",
                    [(m.__name__,) for m in store.MIGRATIONS])
    old.execute("insert into translations (id, created_at, pair, outcome, example_ids) "
                "values ('t1', 'then', 'java-go', 'accepted', '[]')")
    old.commit()
    old.close()
    db = store.open_db(path)
    assert store.applied_migrations(db) == sorted(m.__name__ for m in store.MIGRATIONS)
    assert db.execute("select count(*) from act_migrations where applied_at = '(sqlite-utils)'").fetchone()[0] == len(
        store.MIGRATIONS)
    assert db["translations"].get("t1")["outcome"] == "accepted"
    store.set_outcome(db, "t1", "edited", final_text="x")
    assert db["translations"].get("t1")["final_text"] == store.sha("x")  # no privacy recorded: only a hash


def test_training_job_is_queued_once(tmp_path):
    db = store.open_db(tmp_path / "a.db")
    for _ in range(3):
        rec = translation()
        store.set_outcome(db, store.record_translation(db, rec), "accepted")
    assert store.maybe_enqueue_training(db, 5) is None
    job = store.maybe_enqueue_training(db, 3)
    assert job is not None and store.training_state(db) == "queued"
    assert store.maybe_enqueue_training(db, 3) is None  # one is already waiting


def test_a_locked_database_keeps_the_feedback_and_writes_it_once_free(tmp_path, monkeypatch):
    monkeypatch.setenv("ACT_HOME", str(tmp_path / "home"))
    path = tmp_path / "locked.db"
    store.open_db(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("begin exclusive")
    try:
        db = store.open_db(path, timeout=0.1, lazy=True)
        tid = store.record_translation(db, translation(source_text="kept code"))
        store.set_outcome(db, tid, "edited", final_text="edited code")
        notices = store.take_notices(db)
        assert len(notices) == 1 and "locked" in notices[0] and "nothing is lost" in notices[0]
        assert [op["op"] for op in store.journal(db).kept()] == ["insert", "update"]
        assert db.execute("select count(*) from translations").fetchone()[0] == 0  # WAL: reads go on
    finally:
        holder.execute("rollback")
    later = translation()
    store.record_translation(db, later)  # the next write goes through and writes the kept ones first, in order
    row = db["translations"].get(tid)
    assert row["source_text"] == "kept code" and row["outcome"] == "edited" and row["final_text"] == "edited code"
    assert db["translations"].get(later.id)["outcome"] == "pending"
    assert store.journal(db).kept() == [] and store.take_notices(db) == []


def test_fix_go_keeps_the_testing_import():
    fixed = go_language.tidy('package main\n\nfunc TestA(t *testing.T) {\n\tt.Fatalf("x %d", 1)\n}\n')
    assert '"testing"' in fixed and '"fmt"' not in fixed


def test_java_class_with_state_becomes_a_go_struct_with_methods():
    java = ("class Counter {\n    private int count;\n    Counter(int start) { count = start; }\n"
            "    int next() throws java.io.IOException { return ++count; }\n"
            "    static Counter zero() { return new Counter(0); }\n}\n")
    sc = derive_scaffold("java-go", java)
    assert sc.prefix == ("package main\n\ntype Counter struct {\n\tcount int\n}\n\n"
                         "func NewCounter(start int) *Counter {\n")
    assert sc.signatures == ("func NewCounter(start int) *Counter", "func (c *Counter) Next() (int, error)",
                             "func Zero() *Counter")
    exception = ("class Overdrawn extends Exception { Overdrawn(String m) { super(m); } }\n"
                 "class Wallet {\n    private final java.util.Map<String, Long> coins = new java.util.HashMap<>();\n"
                 "    private static int created = 0;\n    private long total;\n"
                 "    void pay(long c) throws Overdrawn {\n"
                 "        if (c > total) throw new Overdrawn(\"no\");\n        total -= c;\n    }\n}\n")
    wallet = derive_scaffold("java-go", exception)
    assert wallet.prefix.startswith("package main\n\ntype Overdrawn struct {\n\tmessage string\n}\n\n"
                                    "func (e *Overdrawn) Error() string { return e.message }\n\n"
                                    "type Wallet struct {\n\tcoins map[string]int\n\ttotal int\n}\n")
    assert wallet.signatures == ("func NewWallet() *Wallet", "func (w *Wallet) Pay(c int) error")  # no NewOverdrawn
    initialized = ("class Book {\n    private final Map<String, List<Integer>> scores = new TreeMap<>();\n"
                   "    void add(String s, int v) { scores.computeIfAbsent(s, k -> new ArrayList<>()).add(v); }\n}\n")
    assert derive_scaffold("java-go", initialized).prefix.endswith(
        "type Book struct {\n\tscores map[string][]int\n}\n\nfunc NewBook() *Book {\n")  # a field set by `new`
    stateless = "class Solution {\n    public int add(int a, int b) { return a + b; }\n}\n"
    assert derive_scaffold("java-go", stateless).signatures == ("func Add(a int, b int) int",)


def test_cpp_class_with_fields_becomes_a_rust_struct_with_methods():
    cpp = ("class Counter {\n    int count = 0;\npublic:\n    explicit Counter(int start) : count(start) {}\n"
           "    int next() { return ++count; }\n    int peek() const { return count; }\n};\n"
           "int twice(int x) { return 2 * x; }\n")
    sc = derive_scaffold("cpp-rust", cpp)
    assert sc.prefix == "struct Counter {\n    count: i32,\n}\n\nimpl Counter {\n    fn new(start: i32) -> Counter {\n"
    assert sc.signatures == ("fn new(start: i32) -> Counter", "fn next(&mut self) -> i32", "fn peek(&self) -> i32",
                             "fn twice(x: i32) -> i32")
    buf = ("#include <map>\nstruct Empty : public std::runtime_error { Empty() : std::runtime_error(\"e\") {} };\n"
           "class Buf {\n    std::map<std::string, int> seen;\n    size_t head = 0, count = 0;\n    static int made;\n"
           "public:\n    int take() { if (!count) throw Empty(); return --count; }\n};\n")
    sc = derive_scaffold("cpp-rust", buf)
    assert sc.prefix == ("use std::collections::BTreeMap;\n\nstruct Buf {\n    seen: BTreeMap<String, i32>,\n"
                         "    head: usize,\n    count: usize,\n}\n\nimpl Buf {\n    fn new() -> Buf {\n")
    assert sc.signatures == ("fn new() -> Buf", "fn take(&mut self) -> i32")


def test_the_scaffold_reads_the_syntax_tree():
    # Cases that patterns had read wrong, each from a real source (bench, MBXP or a bundled seed).
    java = ("class Seats {\n    private final int rows, perRow;\n    int[] marks;\n    static final int MAX = 9;\n"
            "    Seats(int rows, int perRow) { this.rows = rows; this.perRow = perRow; }\n"
            "    int best(List<String> xs) {\n        xs.sort(new Comparator<String>() {\n"
            "            public int compare(String a, String b) { return a.compareTo(b); }\n        });\n"
            "        class Local { static int twice(int n) { return 2 * n; } }\n"
            "        return Local.twice(rows);\n    }\n}\n"
            "class AppError extends Exception { AppError(String m) { super(m); } }\n"
            "class QuotaError extends AppError { QuotaError() { super(\"quota\"); } }\n")
    sc = derive_scaffold("java-go", java)
    # every declarator is a field; methods of anonymous and local classes are not the file's members
    assert sc.prefix.endswith("type Seats struct {\n\trows int\n\tperRow int\n\tmarks []int\n}\n\n"
                              "func NewSeats(rows int, perRow int) *Seats {\n")
    assert sc.signatures == ("func NewSeats(rows int, perRow int) *Seats", "func (s *Seats) Best(xs []string) int")
    assert "type QuotaError struct" in sc.prefix  # an exception through another one of the file
    assert java_language.static_data(java) == ["MAX"]
    stateful = "class Counter {\n    int count;\n    void add() { count++; }\n}\n"  # a field without modifiers
    assert derive_scaffold("java-go", stateful).signatures == ("func NewCounter() *Counter",
                                                               "func (c *Counter) Add()")
    cpp = ("#define LIMIT 10\nconst int K = 3;\nbool below(vector<int>l, int t) { return true; }\n"
           "struct Err : public std::runtime_error { using runtime_error::runtime_error; };\n"
           "int Box::size() const { return 0; }\n")
    assert derive_scaffold("cpp-rust", cpp).signatures == ("fn below(l: Vec<i32>, t: i32) -> bool",)
    assert cpp_language.static_data(cpp) == ["LIMIT", "K"] and cpp_language.exception_classes(cpp) == {"Err"}
    editor = ("class Editor {\n    int in = 0;\n    void helper() {}\npublic:\n    Editor() {}\n"
              "    void type(const string& s) { in += s.size(); }\n};\n")
    sc = derive_scaffold("cpp-rust", editor)  # Rust keywords become raw identifiers; the constructor leads
    assert sc.prefix.endswith("struct Editor {\n    r#in: i32,\n}\n\nimpl Editor {\n    fn new() -> Editor {\n")
    assert "fn r#type(&mut self, s: &str)" in sc.signatures


def test_examples_are_verified_text_only_and_follow_privacy(tmp_path):
    db = store.open_db(tmp_path / "a.db")
    ids = {}
    for outcome, source in (("accepted", "int a() { return 1; }"), ("edited", "int b() { return 2; }"),
                            ("rejected", "int c() { return 3; }"), ("failed", "int d() { return 4; }")):
        ids[outcome] = store.record_translation(db, translation(source_text=source, output=f"func {source[4]}() {{}}",
                                                                uri="file:///proj/src/A.java"))
        store.set_outcome(db, ids[outcome], outcome, final_text="func B() int { return 2 }" if outcome == "edited"
                          else None)
    store.record_translation(db, translation(source_text="int e() {}", output="x"), log_code=False)  # hash only
    db["synth_items"].insert({"id": "s1", "stage": "admitted", "ok": 1, "pair": "java-go", "code": "func S() {}",
                              "meta": json.dumps({"source": "int s() {}"})})
    db["synth_items"].insert({"id": "s2", "stage": "admitted", "ok": 0, "pair": "java-go", "code": "func T() {}",
                              "meta": json.dumps({"source": "int t() {}"})})
    rows = store.validated_examples(db, project_of=lambda uri: "file:///proj" * uri.startswith("file:///proj/"))
    assert sorted((e.origin, e.source, e.target, e.project) for e in rows) == [
        ("synthetic", "int s() {}", "func S() {}", ""),
        ("user", "int a() { return 1; }", "func a() {}", "file:///proj"),
        ("user", "int b() { return 2; }", "func B() int { return 2 }", "file:///proj")]  # the edit wins
    assert store.example_counts(db) == (2, 1)
    assert [e.origin for e in store.validated_examples(db, users=False)] == ["synthetic"]
    assert {e.origin for e in store.validated_examples(db, synthetic=False)} == {"user"}
    tid = store.record_translation(db, translation(example_ids=[rows[0].id]))
    assert json.loads(db["translations"].get(tid)["example_ids"]) == [rows[0].id]


def test_comments_and_strings_are_not_read_as_code_by_the_scaffold():
    cpp = ("// -1 when all of (), [] and {} balance\nint first_mismatch(const std::string& s) { return -1; }\n"
           "/* int fake(int x) { return x; } */ int depth(const std::string& s) { return 0; }\n")
    assert derive_scaffold("cpp-rust", cpp).signatures == ("fn first_mismatch(s: &str) -> i32",
                                                          "fn depth(s: &str) -> i32")
    java = ('class A {\n  // static String bad(int x)\n  static int f(String url) { return "http://x}".length(); }\n'
            '  static int g() { return 1; }\n}\n')  # a brace in a string does not end the class
    assert derive_scaffold("java-go", java).signatures == ("func F(url string) int", "func G() int")


def test_fragments_of_real_code_never_break_the_scaffold_or_the_io_plan():
    # The editor sends whatever is selected: half a class, a method without its class, a cut-off expression.
    import random
    from pathlib import Path

    from act_lsp.io_tests import plan_io

    seeds = Path(__file__).resolve().parents[1] / "act_train" / "seeds"
    files = [("java-go", p) for p in seeds.glob("java/*.java")] + [("cpp-rust", p) for p in seeds.glob("cpp/*.cpp")]
    assert len(files) == 80
    rng = random.Random(0)
    for _ in range(400):
        pair, path = rng.choice(files)
        code = path.read_text()
        start = rng.randrange(len(code))
        fragment = code[start:rng.randrange(start, len(code) + 1)] if rng.random() < 0.5 else code[:start]
        scaffold = derive_scaffold(pair, fragment)
        assert scaffold.prefix.startswith(get_pair(pair).target.writing.preamble)
        plan_io(*pair.split("-"), fragment)
