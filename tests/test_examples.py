"""Retrieved examples: what BM25 ranks first, the token budget, decontamination, and the prompt they make."""

from __future__ import annotations

import json

from act_lsp.examples import Example, ExampleIndex, similarity, terms
from act_lsp.pairs import get_pair
from act_lsp.prompts import build_prompt
from act_train.bench import default_bench_dir, load_bench
from act_train.evaluate import EvalConfig, evaluate, task_examples

MAX = "class A { static int maxValue(int[] xs) { int m = xs[0]; for (int x : xs) m = Math.max(m, x); return m; } }"
SUM = "class B { static int sumAll(int[] xs) { int s = 0; for (int x : xs) s += x; return s; } }"
REV = "class C { static String reverseWords(String text) { return String.join(\" \", text.split(\" \")); } }"


def _ex(source: str, project: str = "", target: str = "func F() {}") -> Example:
    return Example(pair="java-go", source=source, target=target, origin="synthetic", project=project)


def test_terms_split_identifiers_into_words():
    assert terms("int maxSubArray = parse_int(HTTPServer);") == [
        "int", "maxsubarray", "max", "sub", "array", "parse_int", "parse", "int", "httpserver", "http", "server"]


def test_search_ranks_by_shared_identifiers_and_puts_the_best_last():
    index = ExampleIndex([_ex(MAX), _ex(SUM), _ex(REV)])
    query = "class Q { static int maxOf(int[] values) { return Math.max(values[0], values[1]); } }"
    found, excluded = index.search("java-go", query, 2)
    assert [e.source for e in found][-1] == MAX and excluded == 0
    assert len(found) == 2
    assert index.search("cpp-rust", query, 2) == ([], 0)  # another pair's examples are never shown


def test_search_leaves_out_examples_below_the_similarity_threshold():
    index = ExampleIndex([_ex(MAX), _ex(SUM), _ex(REV)])
    query = "class Q { static int maxOf(int[] values) { return Math.max(values[0], values[1]); } }"
    near, far = similarity(query, MAX), similarity(query, REV)
    assert 0 < far < near < 1 and similarity(MAX, MAX) == 1.0
    found, _ = index.search("java-go", query, 3, min_similarity=(near + far) / 2)
    assert MAX in [e.source for e in found] and REV not in [e.source for e in found]
    assert index.search("java-go", query, 3, min_similarity=near + 0.01) == ([], 0)
    assert len(index.search("java-go", query, 3)[0]) >= 2  # no threshold: the BM25 ranking alone


def test_a_weak_best_example_is_dropped_not_replaced_by_one_ranked_lower():
    """With k=1 the threshold only decides whether the best example is shown: that is what lets one run with an
    example and one without give every threshold's outcome (README)."""
    query = "int maxValue(int[] xs) { return xs[0]; }"
    repetitive = "maxValue maxValue maxValue maxValue xs xs xs xs " + " ".join(f"name{i}" for i in range(10))
    plain = "int maxOf(int[] ys) { return ys[0]; }"
    index = ExampleIndex([_ex(repetitive), _ex(plain), _ex("class Z { void run() { other(); } }")])
    assert similarity(query, repetitive) < 0.3 < similarity(query, plain)
    assert index.search("java-go", query, 1)[0][0].source == repetitive  # BM25's best
    assert index.search("java-go", query, 1, min_similarity=0.3) == ([], 0)
    assert [e.source for e in index.search("java-go", query, 2, min_similarity=0.3)[0]] == [plain]


def test_search_honours_budget_exclusion_project_and_skips_the_request_itself():
    big = _ex(MAX + " " * 10_000)
    index = ExampleIndex([big, _ex(SUM), _ex(SUM.replace("B", "D"), project="acme"), _ex(MAX)])
    found, _ = index.search("java-go", MAX, 3, max_tokens=200)
    assert all(e.tokens <= 200 for e in found) and MAX not in [e.source for e in found]
    found, excluded = index.search("java-go", SUM, 1, project="acme")
    assert found[0].project == "acme"  # same project first, though the other SUM is the identical-looking one
    found, excluded = index.search("java-go", "int sumAll xs", 3, exclude=lambda e: "sumAll" in e.source)
    assert excluded == 2 and all("sumAll" not in e.source for e in found)


def test_prompt_without_examples_is_unchanged_and_with_them_holds_each_turn():
    pair = get_pair("java-go")
    plain = build_prompt(pair, MAX)
    assert build_prompt(pair, MAX, examples=()) == plain
    shown = build_prompt(pair, MAX, examples=[_ex(SUM, target="func SumAll(xs []int) int { return 0 }")])
    assert shown.text.endswith(plain.text[plain.text.index("Translate the following"):])
    assert "static int sumAll" in shown.text
    assert "<|im_start|>assistant\n```go\nfunc SumAll(xs []int) int { return 0 }\n```<|im_end|>" in shown.text
    assert shown.prefix == plain.prefix and shown.hash != plain.hash


def test_evaluation_excludes_examples_that_overlap_the_task(tmp_path):
    task = load_bench(default_bench_dir() / "java_go.jsonl")[0]
    pairs = tmp_path / "pairs.jsonl"
    rows = [{"pair": "java-go", "source": task.source_code, "target": "func X() {}"},  # the task itself: leaked
            {"pair": "java-go", "source": SUM, "target": "func SumAll() {}"}]
    pairs.write_text("".join(json.dumps(r) + "\n" for r in rows))
    bench = tmp_path / "one.jsonl"
    bench.write_text((default_bench_dir() / "java_go.jsonl").read_text().splitlines()[0] + "\n")
    config = EvalConfig(bench=str(bench), examples=2, examples_from=(str(pairs),))
    from act_train.evaluate import example_index

    found, excluded = task_examples(example_index(config), config, "java-go", task)
    assert excluded == 1 and all(e.source != task.source_code for e in found)

    class _Model:
        def generate(self, prompt, params, **_):
            from act_lsp.engine import Generation

            assert "hasCloseElements" in prompt
            return Generation("}", 1, "stop", 0.0, 0.0)

    class _Sandbox:
        def run(self, job):
            from act_lsp.sandbox import RunResult

            return RunResult(status="compile_error", exit_code=1)

    report = evaluate(config, _Model(), _Sandbox())
    assert report.examples_excluded == 1
