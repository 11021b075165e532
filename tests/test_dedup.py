"""Dedup and decontamination on real benchmark programs."""

from __future__ import annotations

from act_train.bench import load_bench
from act_train.dedup import Deduplicator, MinHasher, load_evaluation_set, shingles, similarity, tokens
from tests.conftest import BENCH, REPO

PROGRAM = """public class Stack {
    private final java.util.ArrayList<Integer> items = new java.util.ArrayList<>();
    public void push(int x) { items.add(x); }
    public int pop() {
        if (items.isEmpty()) throw new IllegalStateException("empty");
        return items.remove(items.size() - 1);
    }
}
"""


def test_tokens_ignore_comments_and_layout():
    assert tokens("int x = 1; // note\n/* block */ return   x;") == ["int", "x", "=", "1", ";", "return", "x", ";"]


def test_minhash_estimates_jaccard():
    h = MinHasher(num_perm=128)
    a, b = shingles(tokens(PROGRAM)), shingles(tokens(PROGRAM.replace("items", "elems")))
    true_j = len(a & b) / len(a | b)
    assert abs(similarity(h.signature(a), h.signature(b)) - true_j) < 0.15
    assert similarity(h.signature(a), h.signature(a)) == 1.0


def test_exact_and_near_duplicates():
    d = Deduplicator()
    assert d.check(PROGRAM).keep
    assert d.check("  " + PROGRAM.replace("\n", "\n\n") + "// same code\n").reason == "exact_duplicate"
    tweaked = PROGRAM.replace('"empty"', '"stack is empty"')
    assert d.check(tweaked).reason == "near_duplicate"
    other = "class Point { int x; int y; int dist2() { return x * x + y * y; } }"
    assert d.check(other).keep


def test_benchmark_programs_are_caught_even_renamed():
    d = Deduplicator()
    n = load_evaluation_set(d, [BENCH / "java_go.jsonl", BENCH / "cpp_rust.jsonl"])
    assert n >= 164 * 4 * 2 - 10
    task = load_bench(BENCH / "java_go.jsonl")[10]
    verdict = d.check(task.source_code.replace("Solution", "Helper"))
    assert not verdict.keep and verdict.reason.startswith("contaminated:java_go.jsonl:HumanEval/")
    rust = load_bench(BENCH / "cpp_rust.jsonl")[20].target_canonical_solution
    assert d.check(rust).reason.startswith("contaminated:")
    assert d.check(PROGRAM).keep  # unrelated code passes


def test_held_out_problems_are_evaluation_data_for_every_seed():
    from act_train.bench import evaluation_files, held_out_dir

    assert {held_out_dir() / "mbjp-java_go.jsonl", held_out_dir() / "mbcpp-cpp_rust.jsonl"} <= set(evaluation_files())
    d = Deduplicator()
    load_evaluation_set(d, [held_out_dir() / "mbjp-java_go.jsonl"])
    task = load_bench(held_out_dir() / "mbjp-java_go.jsonl")[3]
    assert d.check(task.source_code).reason.startswith("contaminated:mbjp-java_go.jsonl:mbjp-heldout/")
    d = Deduplicator()
    load_evaluation_set(d, [held_out_dir() / "mbcpp-cpp_rust.jsonl"])
    task = load_bench(held_out_dir() / "mbcpp-cpp_rust.jsonl")[0]
    assert d.check(task.source_code).reason.startswith("contaminated:mbcpp-cpp_rust.jsonl:mbcpp-heldout/")


def test_shared_imports_do_not_make_programs_the_same():
    """MBJP's programs all open with the same four imports (28 tokens): not evidence of a shared program."""
    import json

    from act_train.bench import held_out_dir

    d = Deduplicator()
    load_evaluation_set(d, [held_out_dir() / "mbjp-java_go.jsonl"])
    lines = (REPO / "data/pairs/mbxp-java-go.jsonl").read_text(encoding="utf-8").splitlines()
    sources = list(dict.fromkeys(json.loads(line)["source"] for line in lines))[:20]
    header = "import java.io.*;\nimport java.lang.*;\nimport java.util.*;\nimport java.math.*;\n"
    assert len(sources) == 20 and all(s.startswith(header) for s in sources)
    reasons = [d.check(s).reason for s in sources]
    assert sum(r.startswith("contaminated") for r in reasons) <= 2, reasons  # one shares a real bit-count loop
    assert tokens('package main\n\nimport (\n\t"fmt"\n)\n\nfunc F() int { return 1 }') == \
        ["func", "F", "(", ")", "int", "{", "return", "1", "}"]


def test_no_committed_training_row_is_near_an_evaluation_task():
    """Evaluation data is never training data: every committed pair's source passes the check the data engine runs
    on each seed, against the benchmarks, the realistic set and the held-out problems (rows made before a set
    existed were removed when it was added; this keeps it so)."""
    import json

    from act_train.bench import evaluation_files

    d = Deduplicator()
    load_evaluation_set(d, evaluation_files())
    sources = {json.loads(line)["source"] for path in sorted((REPO / "data/pairs").glob("*.jsonl"))
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    near = [s[:80] for s in sources if d.check(s).reason.startswith("contaminated")]
    assert len(sources) > 300 and not near, near
