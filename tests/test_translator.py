"""The one translation routine with a scripted model and sandbox (unit level; the real ones run in
test_lsp_e2e, test_pipeline and test_batch)."""

from __future__ import annotations

import re

import pytest

from act_lsp.engine import Generation, GenerationParams
from act_lsp.pairs import get_pair
from act_lsp.sandbox import RunResult
from act_lsp.translator import SAMPLE_TEMPERATURE, Translator

PAIR = get_pair("java-go")
SOURCE = "class A { static int f(int x) { return x + 1; } }"
GOOD = "    return x + 1\n}\n"
BAD = "    return x +\n}\n"


class ScriptedModel:
    """Answers from a list; records the params it was asked with."""

    def __init__(self, answers: list[str], batch: bool = True) -> None:
        self.answers, self.calls, self.prompts = list(answers), [], []
        if not batch:
            self.generate_many = None

    def _gen(self, text: str) -> Generation:
        return Generation(text=text, tokens=len(text.split()), finish_reason="stop", seconds=0.1,
                          first_token_seconds=0.01)

    def generate(self, prompt, params=None, *, on_token=None, cancelled=None):
        self.calls.append(("one", [params]))
        self.prompts.append(prompt)
        return self._gen(self.answers.pop(0))

    def generate_many(self, prompt, params, *, on_token=None, cancelled=None):
        self.calls.append(("many", list(params)))
        return [self._gen(self.answers.pop(0)) for _ in params]


class ScriptedSandbox:
    """Compiles code without a syntax error; counts the jobs."""

    def __init__(self) -> None:
        self.jobs = 0

    def run_batch(self, jobs):
        self.jobs += len(jobs)
        out = []
        for job in jobs:
            code = "\n".join(job.files.values())
            ok = "x +\n" not in code
            out.append(RunResult(status="passed" if ok else "compile_error", exit_code=0 if ok else 1,
                                 stderr="" if ok else "main.go:5: syntax error", phase="run" if ok else "compile"))
        return out


def test_samples_of_one_prompt_are_decoded_together_first_greedy_rest_seeded():
    model = ScriptedModel([GOOD, BAD, GOOD])
    prompt, outs = Translator(model).sample(PAIR, SOURCE, 3, params=GenerationParams(max_tokens=50))
    ((kind, params),) = model.calls
    assert kind == "many" and [p.temperature for p in params] == [0.0, 0.7, 0.7]
    assert [p.seed for p in params] == [None, 1, 2] and all(p.max_tokens == 50 for p in params)
    assert [o.code.startswith(prompt.prefix) for o in outs] == [True] * 3
    sequential = ScriptedModel([GOOD, BAD], batch=False)
    Translator(sequential).sample(PAIR, SOURCE, 2)
    assert [kind for kind, _ in sequential.calls] == ["one", "one"]


def test_candidates_share_a_duplicate_verdict_and_keep_every_sample():
    sandbox = ScriptedSandbox()
    translator = Translator(ScriptedModel([GOOD, BAD, GOOD]), lambda: sandbox)
    _, cands = translator.candidates(PAIR, SOURCE, 3, autofix=False)
    assert [c.compiled for c in cands] == [True, False, True]
    assert [c.duplicate for c in cands] == [False, False, True]
    assert sandbox.jobs == 2  # the duplicate was not compiled again
    assert "syntax error" in cands[1].errors and cands[0].errors == ""


def test_translate_chooses_a_compiling_candidate_and_repairs_when_none_compiles():
    sandbox = ScriptedSandbox()
    chosen = Translator(ScriptedModel([BAD, GOOD]), lambda: sandbox).translate(PAIR, SOURCE, verify="compile",
                                                                                candidates=2)
    assert chosen.evidence.compiled and chosen.evidence.chosen == 1 and not chosen.evidence.repaired
    repaired = Translator(ScriptedModel([BAD, BAD, "package main\n\nfunc F(x int) int {\n" + GOOD]),
                          lambda: sandbox).translate(PAIR, SOURCE, verify="compile", candidates=2)
    assert repaired.evidence.repaired and repaired.evidence.compiled and repaired.evidence.candidates == 2
    unverified = Translator(model := ScriptedModel([GOOD])).translate(PAIR, SOURCE, verify="off", candidates=3)
    assert unverified.evidence.mode == "off" and len(model.calls) == 1


CLAMP = "class Bounds { static int clamp(int x) { if (x > 10) return 10; return x < 0 ? 0 : x; } }"
CLAMP_RIGHT = "\tif x > 10 {\n\t\treturn 10\n\t}\n\tif x < 0 {\n\t\treturn 0\n\t}\n\treturn x\n}\n"
CLAMP_WRONG = "\tif x > 10 {\n\t\treturn 10\n\t}\n\treturn x\n}\n"  # compiles; forgets the lower bound


@pytest.mark.docker
def test_equivalence_returns_the_candidate_that_behaves_like_the_source(sandbox_pool):
    result = Translator(ScriptedModel([CLAMP_WRONG, CLAMP_RIGHT]), lambda: sandbox_pool).translate(
        PAIR, CLAMP, verify="equivalence", candidates=2)
    ev = result.evidence
    assert ev.mode == "equivalence" and ev.chosen == 1 and ev.tests_passed and ev.calls >= 3
    assert "x < 0" in result.code and f"equivalent to the source on {ev.calls} generated calls" in ev.summary()


@pytest.mark.docker
def test_equivalence_flags_a_translation_that_compiles_but_behaves_differently(sandbox_pool):
    model = ScriptedModel([CLAMP_WRONG, CLAMP_WRONG])  # the second answers the repair round
    ev = Translator(model, lambda: sandbox_pool).translate(PAIR, CLAMP, verify="equivalence", candidates=1).evidence
    assert ev.compiled and ev.tests_passed is False and not ev.repaired
    assert "Clamp(-" in ev.difference and "want 0" in ev.difference  # the call and the source's outcome
    assert ev.summary().startswith("DIFFERS from the source: Clamp(-")
    assert len(model.calls) == 2  # the sample, then one repair round shown the difference


@pytest.mark.docker
def test_equivalence_falls_back_to_compiling_when_the_driver_cannot_call_the_code(sandbox_pool):
    source = "class Cfg { static int port(java.util.Properties p) { return 8080; } }"
    answers = ["\treturn 8080\n}\n", "package main\n\nfunc Port(p map[string]string) int {\n\treturn 8080\n}\n"]
    ev = Translator(ScriptedModel(answers), lambda: sandbox_pool).translate(
        get_pair("java-go"), source, verify="equivalence", candidates=1).evidence
    assert ev.mode == "compile" and ev.fallback and ev.tests_passed is None and ev.calls == 0
    assert "behaviour not checked: no function or method with supported parameter types" in ev.summary()



EVENS = ("import java.util.*;\nclass Filters {\n    static List<Integer> evens(List<Integer> xs) {\n"
         "        List<Integer> out = new ArrayList<>();\n        for (int x : xs) if (x % 2 == 0) out.add(x);\n"
         "        return out;\n    }\n}\n")
EVENS_NIL = ("\tvar out []int\n\tfor _, x := range xs {\n\t\tif x%2 == 0 {\n\t\t\tout = append(out, x)\n\t\t}\n\t}\n"
             "\treturn out\n}\n")  # nil, not Java's empty list, when nothing is even


@pytest.mark.docker
def test_a_nil_slice_for_an_empty_java_list_differs_and_the_behaviour_fix_mends_it(sandbox_pool):
    from act_lsp.io_tests import source_io_tests

    reason, tests, _ = source_io_tests(PAIR, EVENS, sandbox_pool.run_batch)
    assert reason == "" and "[]int{}" in tests  # some generated call returns an empty list
    translator = Translator(ScriptedModel([EVENS_NIL]), lambda: sandbox_pool)
    _, (unfixed,) = translator.candidates(PAIR, EVENS, 1, tests=tests, autofix=False)
    assert unfixed.compiled and not unfixed.passed and "[]int(nil), want []int{}" in unfixed.errors
    model = ScriptedModel([EVENS_NIL])
    result = Translator(model, lambda: sandbox_pool).translate(PAIR, EVENS, verify="equivalence", candidates=1)
    assert result.evidence.tests_passed and result.evidence.autofixed and not result.evidence.repaired
    assert "out := []int{}" in result.code and len(model.calls) == 1  # mended without asking the model again

def test_the_first_difference_names_the_call_and_both_outcomes_in_go_and_both_rust_formats():
    from act_lsp.translator import first_difference

    go = "--- FAIL: TestTranslatedBehaviour (0.00s)\n    act_test.go:120: Clamp(-3) = -3, want 0\nFAIL"
    old_rust = ("thread 's' panicked at 'assertion failed: `(left == right)`\n  left: `-3`,\n right: `0`: twice(-3)',"
                " main.rs:24:9\nnote: run with `RUST_BACKTRACE=1`")
    new_rust = ('thread \'s\' panicked at main.rs:24:9:\nassertion `left == right` failed: o.attempt("a", 3)\n'
                '  left: "ok"\n right: "locked"\nnote: run with `RUST_BACKTRACE=1`')
    assert first_difference("go", go) == "Clamp(-3) = -3, want 0"
    assert first_difference("rust", old_rust) == "twice(-3) = -3, want 0"
    assert first_difference("rust", new_rust) == 'o.attempt("a", 3) = "ok", want "locked"'
    should_panic = "thread 's' panicked at 'twice(-3) should panic', main.rs:9:9"
    assert first_difference("rust", should_panic) == "twice(-3) should panic"
    assert first_difference("rust", "error[E0308]: mismatched types") == ""
    from act_lsp.languages import LANGUAGES

    two = go.replace("\nFAIL", "\n    act_test.go:130: Clamp(12) = 12, want 10\nFAIL")  # every failed check, in order
    assert LANGUAGES["go"].writing.differences(two) == ["Clamp(-3) = -3, want 0", "Clamp(12) = 12, want 10"]


def test_a_rust_panic_no_check_raised_names_the_call_the_io_tests_were_making():
    from act_lsp.translator import first_difference

    library = ("---- act_io_tests::scenario_1 stdout ----\nact-call: Bank::new()\nact-call: o.open(\"a\")\n"
               "thread 'act_io_tests::scenario_1' panicked at 'no account', main.rs:35:21\n"  # expected: caught
               "act-call: o.history(2)\nthread 'act_io_tests::scenario_1' panicked at 'range start index 12 out of "
               "range for slice of length 2', library/core/src/slice/index.rs:52:5\nnote: run with\n\n"
               "---- act_io_tests::scenario_2 stdout ----\nact-call: o.history(0)\n"
               "thread 'act_io_tests::scenario_2' panicked at 'o.history(0) = 1, want 0', main.rs:99:9\n")
    assert first_difference("rust", library) == ("o.history(2) panics: range start index 12 out of range for slice "
                                                 "of length 2")
    wrong_after_expected = ("---- act_io_tests::scenario_0 stdout ----\nact-call: o.pop()\n"
                            "thread 's' panicked at 'empty', main.rs:35:21\nact-call: o.size()\n"
                            "thread 's' panicked at 'o.size() = 1, want 0', main.rs:99:9\n\nfailures:\n")
    assert first_difference("rust", wrong_after_expected) == "o.size() = 1, want 0"  # not the caught panic


def test_the_panic_that_ended_each_failed_rust_test_is_located_in_both_formats():
    from act_lsp.languages import LANGUAGES

    sites = LANGUAGES["rust"].writing.panic_sites
    old = ("---- act_io_tests::scenario_0 stdout ----\nthread 's' panicked at 'no account', main.rs:35:13\n"
           "thread 's' panicked at 'too many\ncells', main.rs:28:13\nnote: run with `RUST_BACKTRACE=1`\n\n"
           "---- act_io_tests::scenario_1 stdout ----\nthread 's' panicked at 'range start index 12 out of range', "
           "library/core/src/str/mod.rs:107:9\n")
    new = "---- t stdout ----\nthread 't' panicked at main.rs:53:17:\n3.5 is not a number\nnote: run with\n"
    assert sites(old) == [(28, "too many cells")]  # the expected panic before it and the library's are not
    assert sites(new) == [(53, "3.5 is not a number")]


@pytest.mark.docker
def test_equivalence_in_cpp_to_rust_expects_the_source_exception_as_a_panic(sandbox_pool):
    source = '#include <stdexcept>\nint twice(int x) { if (x < 0) throw std::invalid_argument("neg"); return 2 * x; }'
    wrong, right = "    2 * x\n}\n", "    if x < 0 {\n        panic!(\"neg\");\n    }\n    2 * x\n}\n"
    ev = Translator(ScriptedModel([wrong, wrong]), lambda: sandbox_pool).translate(
        get_pair("cpp-rust"), source, verify="equivalence", candidates=1).evidence
    assert ev.tests_passed is False and "should panic" in ev.difference
    ev = Translator(ScriptedModel([wrong, right]), lambda: sandbox_pool).translate(
        get_pair("cpp-rust"), source, verify="equivalence", candidates=2).evidence
    assert ev.tests_passed and ev.chosen == 1


@pytest.mark.docker
def test_a_rust_panic_in_the_standard_library_names_the_call_in_the_real_sandbox(sandbox_pool):
    source = "#include <string>\nstd::string tail(std::string s, int from) { return s.substr(from < 3 ? from : 3); }"
    wrong = "    s[from as usize..].to_string()\n}\n"  # C++ clamps where Rust slicing panics
    ev = Translator(ScriptedModel([wrong, wrong]), lambda: sandbox_pool).translate(
        get_pair("cpp-rust"), source, verify="equivalence", candidates=1).evidence
    assert ev.tests_passed is False
    assert re.match(r"tail\(.*\) panics: .*out of (range|bounds)", ev.difference), ev.difference


COUNTER = """class Counter {
    static final int STEP = 1;
    private int count;
    Counter(int start) { count = start; }
    int add(int n) { count += n; return count; }
    static int twice(int x) { return 2 * x; }
}
"""


def test_a_class_is_decomposed_into_its_derived_members_in_both_pairs():
    from act_lsp.scaffold import derive_scaffold

    go = derive_scaffold("java-go", COUNTER)
    assert [m.opening for m in go.members] == ["func NewCounter(start int) *Counter {\n",
                                               "func (c *Counter) Add(n int) int {\n", "func Twice(x int) int {\n"]
    assert go.prefix.endswith(go.members[0].opening) and go.epilogue == ""
    cpp = ("class Acc {\n  int total = 0;\npublic:\n  int add(int n) { total += n; return total; }\n"
           "  int get() const { return total; }\n};\nint twice(int x) { return 2 * x; }\n")
    rust = derive_scaffold("cpp-rust", cpp)
    assert [m.opening for m in rust.members] == ["impl Acc {\n    fn new() -> Acc {\n",
                                                 "    fn add(&mut self, n: i32) -> i32 {\n",
                                                 "    fn get(&self) -> i32 {\n", "}\n\nfn twice(x: i32) -> i32 {\n"]
    assert rust.members[1].closing == "    }\n" and rust.epilogue == ""  # the free function closed the impl
    assert rust.head.endswith("struct Acc {\n    total: i32,\n}\n\n") and rust.prefix.startswith(rust.head)
    two = COUNTER + "class Other {\n    private int v;\n    int get() { return v; }\n}\n"
    assert derive_scaffold("java-go", two).members == ()  # two classes with state: one shot
    assert derive_scaffold("java-go", SOURCE).members == ()  # one member: one shot


def test_data_only_types_beside_the_class_are_declared_before_it_in_the_skeleton():
    from act_lsp.scaffold import derive_scaffold

    cpp = ("struct Meeting {\n  string title;\n  int start;\n};\nclass Day {\n  vector<Meeting> meetings;\npublic:\n"
           "  void add(const string& t, int s) { meetings.push_back({t, s}); }\n"
           "  int count() const { return meetings.size(); }\n};\n")
    rust = derive_scaffold("cpp-rust", cpp)
    assert rust.head == ("#[derive(Clone, Debug, PartialEq)]\nstruct Meeting {\n    title: String,\n"
                         "    start: i32,\n}\n\nstruct Day {\n    meetings: Vec<Meeting>,\n}\n\n")
    java = ("class Planner {\n    static class Note { String text; int at; }\n"
            "    static class Full extends RuntimeException { int code; }\n"
            "    private List<Note> notes = new ArrayList<>();\n"
            "    void add(String text) { if (notes.size() > 9) throw new Full(); notes.add(new Note()); }\n"
            "    int count() { return notes.size(); }\n}\n")
    go = derive_scaffold("java-go", java)
    assert "type Note struct {\n\ttext string\n\tat int\n}\n\ntype Planner struct {\n\tnotes []*Note\n}" in go.head
    assert go.head.count("type Full struct") == 1 and len(go.members) == 3  # the exception stays an error type


def test_decomposed_sampling_writes_each_body_after_its_signature_and_stops_where_it_closes():
    model = ScriptedModel(["\tStep = 1", "\tc := &Counter{}\n\tc.count = start\n\treturn c",
                           "\tc.count += n\n\treturn c.count", "\treturn 2 * x", "\treturn x"], batch=False)
    seen: list[tuple[str, GenerationParams]] = []
    original = model.generate

    def generate(prompt, params=None, **kw):
        seen.append((prompt, params))
        return original(prompt, params, **kw)

    model.generate = generate
    _, outs = Translator(model).sample(PAIR, COUNTER, 2, decompose=True)
    code = outs[0].code
    for sig in ("func NewCounter(start int) *Counter {\n\tc := &Counter{}", "func (c *Counter) Add(n int) int {\n\t"
                "c.count += n\n\treturn c.count\n}", "func Twice(x int) int {\n\treturn 2 * x\n}"):
        assert sig in code
    assert seen[0][0].endswith("type Counter struct {\n\tcount int\n}\n\nvar (\n") and seen[0][1].stop[0] == "\n)\n"
    assert "var (\n\tStep = 1\n)\n\nfunc NewCounter" in code  # the class's static data comes first
    assert seen[2][0].endswith("func (c *Counter) Add(n int) int {\n")
    assert seen[3][0].endswith("func Twice(x int) int {\n")
    assert all(p.stop[0] == "\n}\n" and p.temperature == 0 for _, p in seen[1:4])  # greedy, stopped at the close
    assert seen[4][1].stop[0] != "\n}\n" and seen[4][1].temperature > 0  # the one-shot sample
    assert len(outs) == 2 and outs[1].code != code  # the second sample: one shot, as without decomposition
    assert outs[0].tokens == sum(len(a.split()) for a in ("Step = 1", "c := &Counter{} c.count = start return c",
                                                          "c.count += n return c.count", "return 2 * x"))


@pytest.mark.model
def test_the_real_model_fills_every_derived_member_once():
    from act_lsp.engine import ModelHost

    _, outs = Translator(ModelHost()).sample(PAIR, COUNTER, 1, params=GenerationParams(max_tokens=400),
                                             decompose=True)
    code = outs[0].code
    for sig in ("func NewCounter(start int) *Counter {", "func (c *Counter) Add(n int) int {",
                "func Twice(x int) int {"):
        assert code.count(sig) == 1, code
    assert outs[0].finish_reason == "stop"


class LineSandbox:
    """A Go compiler stand-in: a line ending in ``+`` is a syntax error, reported on its line as `go build` does."""

    def run_batch(self, jobs):
        out = []
        for job in jobs:
            code = job.files.get("main.go", "")
            bad = [n for n, line in enumerate(code.splitlines(), 1) if line.rstrip().endswith("+")]
            err = "".join(f"./main.go:{n}:20: syntax error: unexpected newline\n" for n in bad)
            out.append(RunResult(status="compile_error" if bad else "passed", exit_code=1 if bad else 0, stderr=err,
                                 phase="compile" if bad else "run"))
        return out


def test_a_decomposed_translation_is_repaired_member_by_member():
    model = ScriptedModel(["", "\tc := &Counter{}\n\tc.count = start\n\treturn c", "\tc.count +\n\treturn c.count",
                           "\treturn 2 * x", "\tc.count += n\n\treturn c.count"], batch=False)
    prompts = model.prompts
    out = Translator(model, LineSandbox).translate(PAIR, COUNTER, verify="compile", candidates=1, decompose=True)
    assert out.evidence.compiled and out.evidence.repaired
    assert "func (c *Counter) Add(n int) int {\n\tc.count += n\n\treturn c.count\n}" in out.code
    assert "c.count = start" in out.code and "func Twice(x int) int {\n\treturn 2 * x\n}" in out.code  # untouched
    assert len(prompts) == 5  # static data, three members, then only the blamed one again (no whole-file repair)
    assert prompts[4].endswith("// the source:\n// int add(int n) { count += n; return count; }\n"
                               "// fix: syntax error: unexpected newline\nfunc (c *Counter) Add(n int) int {\n")
    # each member was first written below the source member it translates, a comment taken out of the answer
    assert prompts[2].endswith("\treturn c\n}\n\n// the source:\n// int add(int n) { count += n; return count; }\n"
                               "func (c *Counter) Add(n int) int {\n")
    assert "// the source:\n// static int twice(int x) { return 2 * x; }\nfunc Twice" in prompts[3]
    assert prompts[1].endswith("// the source:\n// Counter(int start) { count = start; }\n"
                               "func NewCounter(start int) *Counter {\n")
    assert "the source" not in out.code


class DifferenceSandbox:
    """Passes the code that adds ``n``; otherwise Go's report of the call that differs. Counts each batch's jobs."""

    def __init__(self) -> None:
        self.batches: list[int] = []

    def run_batch(self, jobs):
        self.batches.append(len(jobs))
        return [RunResult(status="passed" if "+= n" in job.files["main.go"] else "failed", exit_code=0,
                          stdout="" if "+= n" in job.files["main.go"] else
                          "--- FAIL: TestX\n    main_test.go:12: c.Add(3) = 4, want 7\n", phase="run")
                for job in jobs]


def test_a_decomposed_translation_that_behaves_differently_has_the_named_member_written_again():
    model = ScriptedModel(["", "\treturn &Counter{count: start}", "\tc.count++\n\treturn c.count", "\treturn 2 * x",
                           "\tc.count += n\n\treturn c.count"], batch=False)
    prompts = model.prompts
    out = Translator(model, DifferenceSandbox).translate(PAIR, COUNTER, verify="tests", candidates=1,
                                                          tests="func TestX(t *testing.T) {}", decompose=True)
    assert out.evidence.tests_passed and out.evidence.repaired and "c.count += n" in out.code
    assert prompts[4].endswith("// int add(int n) { count += n; return count; }\n"
                               "// fix: wrong result: c.Add(3) = 4, want 7\nfunc (c *Counter) Add(n int) int {\n")


def test_a_member_whose_repair_still_differs_is_sampled_again_and_the_variants_checked_together():
    model = ScriptedModel(["", "\treturn &Counter{count: start}", "\tc.count++\n\treturn c.count", "\treturn 2 * x",
                           "\tc.count += 1\n\treturn c.count",  # the greedy rewrite: still wrong
                           "\tc.count += 2\n\treturn c.count", "\tc.count += n\n\treturn c.count"], batch=False)
    prompts = model.prompts
    sandbox = DifferenceSandbox()
    out = Translator(model, lambda: sandbox).translate(PAIR, COUNTER, verify="tests", candidates=1,
                                                         tests="func TestX(t *testing.T) {}", decompose=True)
    assert out.evidence.tests_passed and out.evidence.repaired and "c.count += n" in out.code
    assert prompts[4] == prompts[5] == prompts[6]  # the same member, the same complaint, sampled
    temps = [params.temperature for _kind, (params,) in model.calls[4:]]
    assert temps[0] == GenerationParams().temperature and temps[1:] == [SAMPLE_TEMPERATURE] * 2
    assert sandbox.batches[-1] == 2  # the two samples checked in one sandbox batch, after the greedy rewrite alone
    assert out.tokens == sum(len(a.split()) for a in ["return &Counter{count: start}", "c.count++ return c.count",
                                                       "return 2 * x"] + ["c.count += 1 return c.count"] * 3)


ACC = ("class Acc {\n  int total = 0;\npublic:\n  int add(int n) { total += n; return total; }\n"
       "  int get() const { return total; }\n};\n")


def test_a_member_a_test_run_crashed_in_is_written_again_with_the_panic_not_an_expected_one():
    class PanicSandbox:  # libtest's report: an expected panic (caught) in `new`, then the one that ended the test
        def run_batch(self, jobs):
            out = []
            for job in jobs:
                main = job.files["main.rs"].splitlines()
                if any("total += n" in line for line in main):
                    out.append(RunResult(status="passed", exit_code=0, phase="run"))
                    continue
                at = next(n for n, line in enumerate(main, 1) if "too big" in line)
                new = next(n for n, line in enumerate(main, 1) if "Acc { total: 0 }" in line)  # inside `new`
                report = ("running 2 tests\ntest act_io_tests::scenario_0 ... FAILED\n\nfailures:\n\n"
                          "---- act_io_tests::scenario_0 stdout ----\n"
                          f"thread 'act_io_tests::scenario_0' panicked at 'expected', main.rs:{new}:9\n"
                          f"thread 'act_io_tests::scenario_0' panicked at 'too big', main.rs:{at}:13\n"
                          "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\n"
                          "test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n")
                out.append(RunResult(status="failed", exit_code=101, stdout=report, phase="run"))
            return out

    model = ScriptedModel(["        Acc { total: 0 }", "        panic!(\"too big\");", "        self.total",
                           "        self.total += n;\n        self.total"], batch=False)
    prompts = model.prompts
    out = Translator(model, PanicSandbox).translate(get_pair("cpp-rust"), ACC, verify="tests", candidates=1,
                                                     tests="#[test]\nfn x() {}\n", decompose=True)
    assert out.evidence.tests_passed and out.evidence.repaired and "self.total += n;" in out.code
    assert len(prompts) == 4  # three members (no static data), then only the one that panicked
    assert prompts[3].endswith("    // int add(int n) { total += n; return total; }\n"
                               "    // fix: panics: too big\n    fn add(&mut self, n: i32) -> i32 {\n")


TALLY = ("class Tally {\n  int total = 0;\npublic:\n  void add(int n) { total += n; }\n"
         "  int get() const { return total; }\n};\n")


def _tally_tests() -> str:
    """Rust io tests of ``TALLY`` as the renderer writes them: scenario 0 reads, adds twice, then reads three times;
    scenario 1 only reads."""
    from act_lsp.languages import LANGUAGES
    from act_lsp.program import Outcome, Param, Scenario, Signature, Step

    new = Signature("Tally", (), "", owner="Tally", constructor=True)
    add = Signature("add", (Param("int", "n"),), "", owner="Tally")
    get = Signature("get", (), "int", owner="Tally", readonly=True)
    rust = LANGUAGES["rust"].writing
    adds = Scenario(tuple(Step(*s) for s in ((new, ()), (get, ()), (add, (2,)), (add, (1,)), (get, ()), (get, ()),
                                             (add, (4,)), (get, ()))), "Tally")
    return rust.io_tests([adds, Scenario((Step(new, ()), Step(get, ())), "Tally")],
                         [[Outcome(False), Outcome(False, 0), Outcome(False), Outcome(False), Outcome(False, 3),
                           Outcome(False, 3), Outcome(False), Outcome(False, 7)], [Outcome(False), Outcome(False, 0)]],
                         rust.types["cpp"])


def _libtest(failed_check: str) -> str:
    """libtest's report of ``_tally_tests``: scenario 0 failed at ``failed_check`` (rustc >= 1.73), 1 passed."""
    return ("running 2 tests\ntest act_io_tests::scenario_1 ... ok\ntest act_io_tests::scenario_0 ... FAILED\n\n"
            "failures:\n\n---- act_io_tests::scenario_0 stdout ----\n"
            f"thread 'act_io_tests::scenario_0' panicked at main.rs:40:9:\n{failed_check}\n"
            "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\n"
            "failures:\n    act_io_tests::scenario_0\n\n"
            "test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n")


def _wrong_get(got: int, want: int) -> str:
    return f"assertion `left == right` failed: o.get()\n  left: {got}\n right: {want}"


def test_the_calls_between_a_failed_rust_check_and_the_last_one_that_passed_are_read_from_the_run():
    from act_lsp.languages import LANGUAGES

    unchecked = LANGUAGES["rust"].writing.unchecked_calls
    # get() wanted 0 first (passed), then 3 after add(2), add(1): those two calls made the state it read
    assert unchecked(_tally_tests(), _libtest(_wrong_get(-3, 3))) == [("add", "add")]
    # wanting 7, it failed after the check that read 3 passed: only add(4) came between
    assert unchecked(_tally_tests(), _libtest(_wrong_get(1, 7))) == [("add",)]
    assert unchecked(_tally_tests(), "test act_io_tests::scenario_1 ... ok\n") == []  # nothing failed
    assert unchecked("", _libtest(_wrong_get(-3, 3))) == []  # tests it cannot read: nothing to say


def test_a_member_repair_is_shown_its_source_member_as_the_file_indents_it():
    from act_lsp.scaffold import derive_scaffold
    from act_lsp.translator import _dedented

    cpp = "class Tally {\n    int total = 0;\npublic:\n    void add(int n) {\n        total += n;\n    }\n};\n"
    (_, add) = derive_scaffold("cpp-rust", cpp).members
    assert add.source == "void add(int n) {\n        total += n;\n    }"  # as tree-sitter cuts it
    assert _dedented(add.source) == "void add(int n) {\n    total += n;\n}"


def test_a_call_that_panicked_in_the_standard_library_is_written_again():
    class SliceSandbox:  # get() indexes past the end: the panic is raised in the standard library, not main.rs
        def run_batch(self, jobs):
            return [RunResult(status="passed", exit_code=0, phase="run") if "[0][" not in job.files["main.rs"]
                    else RunResult(status="failed", exit_code=101, phase="run", stdout=(
                        "running 1 test\ntest act_io_tests::scenario_0 ... FAILED\n\nfailures:\n\n"
                        "---- act_io_tests::scenario_0 stdout ----\nact-call: Tally::new()\nact-call: o.add(2)\n"
                        "act-call: o.get()\nthread 'act_io_tests::scenario_0' panicked at 'index out of bounds: the "
                        "len is 1 but the index is 2', library/core/src/slice/index.rs:52:5\n\n"
                        # another test ends on its assert, a line of the test module: no crash in the translation
                        "---- act_io_tests::scenario_7 stdout ----\nact-call: o.get()\nthread 'act_io_tests::"
                        "scenario_7' panicked at 'o.get() = 7, want 0', main.rs:999:9\n\nfailures:\n"
                        "    act_io_tests::scenario_0\n    act_io_tests::scenario_7\n\n"
                        "test result: FAILED. 0 passed; 2 failed\n"))
                    for job in jobs]

    model = ScriptedModel(["        Tally { total: 0 }", "        self.total += n;", "        [0][self.total as usize]",
                           "        self.total"], batch=False)
    prompts = model.prompts
    out = Translator(model, SliceSandbox).translate(get_pair("cpp-rust"), TALLY, verify="tests", candidates=1,
                                                     tests=_tally_tests(), decompose=True)
    assert out.evidence.tests_passed and out.evidence.repaired and len(prompts) == 4  # only get() written again
    assert prompts[3].endswith("    // fix: o.get() panics: index out of bounds: the len is 1 but the index is 2\n"
                               "    // fix: also: o.get() = 7, want 0\n"  # the member's other differing call
                               "    fn get(&self) -> i32 {\n")


def test_go_reads_the_calls_before_a_failed_check_from_the_line_it_failed_at():
    from act_lsp.languages import LANGUAGES
    from act_lsp.program import Outcome, Param, Scenario, Signature, Step

    new = Signature("Tally", (), "", owner="Tally", constructor=True)
    add = Signature("add", (Param("int", "n"),), "void", owner="Tally")
    get = Signature("get", (), "int", owner="Tally")
    go = LANGUAGES["go"].writing
    steps = ((new, ()), (get, ()), (add, (2,)), (add, (1,)), (get, ()), (add, (4,)), (get, ()))
    tests = go.io_tests([Scenario(tuple(Step(*s) for s in steps), "Tally")],
                        [[Outcome(False), Outcome(False, 0), Outcome(False), Outcome(False), Outcome(False, 3),
                          Outcome(False), Outcome(False, 7)]], go.types["java"])
    checks = [n for n, line in enumerate(tests.splitlines(), 1) if 'actCheck(t, "o.Get()"' in line]
    # Go goes on after a failed check: the first one in the scenario is where the state was first seen wrong
    report = (f"--- FAIL: TestTranslatedBehaviour\n    main_test.go:{checks[1]}: o.Get() = -3, want 3\n"
              f"    main_test.go:{checks[2]}: o.Get() = -7, want 7\nFAIL\n")
    assert go.unchecked_calls(tests, report) == [("Add", "Add")]
    assert go.unchecked_calls(tests, f"    main_test.go:{checks[2]}: o.Get() = 1, want 7\n") == [("Add",)]
    assert go.unchecked_calls(tests, "ok\n") == []


def test_a_wrong_read_after_a_wrong_write_has_the_writer_written_again_too():
    class StateSandbox:  # scenario 0 fails reading 3 while add subtracts; scenario 1 passes
        def run_batch(self, jobs):
            return [RunResult(status="passed", exit_code=0, phase="run") if "self.total += n" in job.files["main.rs"]
                    else RunResult(status="failed", exit_code=101, phase="run", stdout=_libtest(_wrong_get(-3, 3)))
                    for job in jobs]

    model = ScriptedModel(["        Tally { total: 0 }", "        self.total -= n;", "        self.total",
                           "        self.total",  # get again: it was right
                           "        if n < 0 {\n            throw std::invalid_argument(\"n\");\n        }\n"
                           "        self.total += n;"], batch=False)
    prompts = model.prompts
    out = Translator(model, StateSandbox).translate(get_pair("cpp-rust"), TALLY, verify="tests", candidates=1,
                                                     tests=_tally_tests(), decompose=True)
    assert out.evidence.tests_passed and out.evidence.repaired and "self.total += n;" in out.code
    assert 'panic!("{}", "n");' in out.code and "throw" not in out.code  # a rewritten body is tidied too
    assert prompts[3].endswith("    // the source:\n    // int get() const { return total; }\n"
                               "    // fix: wrong result: o.get() = -3, want 3\n    fn get(&self) -> i32 {\n")
    assert prompts[4].endswith("    // void add(int n) { total += n; }\n"
                               "    // fix: state left wrong: called before o.get() = -3, want 3\n"
                               "    fn add(&mut self, n: i32) {\n")


def _rustc(*codes: str) -> str:
    """rustc's human-readable errors, one per code, each on its own line of main.rs."""
    return "".join(f"error[{c}]: message\n  --> main.rs:{n}:5\n" for n, c in enumerate(codes, 1))


def test_candidates_that_do_not_compile_rank_by_how_close_they_came():
    from act_lsp.translator import Candidate, Translation

    def cand(status: str, stderr: str = "") -> Candidate:
        return Candidate(Translation("fn f() {}", "h", 1, 0.1, 0.0, "stop"),
                         RunResult(status=status, exit_code=int(status != "passed"), stderr=stderr,
                                   phase="run" if status == "passed" else "compile"))

    seven, three = cand("compile_error", _rustc(*["E0308"] * 7)), cand("compile_error", _rustc(*["E0308"] * 3))
    borrows = cand("compile_error", _rustc("E0382", "E0597", "E0716", "E0505"))  # only the borrow checker's
    mixed = cand("compile_error", _rustc("E0382", "E0308"))
    unreadable, compiled = cand("timeout"), cand("passed")
    ranked = sorted([seven, unreadable, borrows, compiled, three, mixed], key=lambda c: c.rank("rust"), reverse=True)
    assert ranked == [compiled, borrows, mixed, three, seven, unreadable]


def test_candidates_that_compile_but_fail_rank_by_how_many_checks_failed():
    from act_lsp.translator import Candidate, Translation

    def cand(stdout: str, status: str = "failed", phase: str = "run") -> Candidate:
        return Candidate(Translation("x", "h", 1, 0.1, 0.0, "stop"),
                         RunResult(status=status, exit_code=int(status != "passed"), stdout=stdout, phase=phase),
                         with_tests=True)

    def libtest(failed: int) -> str:
        return f"test result: FAILED. {9 - failed} passed; {failed} failed; 0 ignored; 0 measured\n"

    one, five, silent, passed = cand(libtest(1)), cand(libtest(5)), cand("", "timeout"), cand("ok", "passed")
    assert (sorted([silent, five, passed, one], key=lambda c: c.rank("rust"), reverse=True)
            == [passed, one, five, silent])
    assert silent.compiled and silent.rank("rust") > cand("", "compile_error", "compile").rank("rust")
    go = [cand("--- FAIL: TestX\n" + "".join(f"    main_test.go:{n}: f({n}) = 0, want 1\n" for n in range(k)))
          for k in (3, 1)]
    assert go[1].rank("go") > go[0].rank("go") and go[0].rank("go")[2] == -3


def _whole(*lines: str) -> str:
    return "package main\n\nfunc F(x int) int {\n" + "".join(f"\t{line}\n" for line in lines) + "}\n"


def _scripted_fix(monkeypatch) -> None:
    """The compiler's fixes stand-in: mends the line ``a := x +`` only, as a fixer that knows one of the errors."""
    monkeypatch.setattr("act_lsp.translator.suggested_fix",
                        lambda _language, code, _run: code.replace("a := x +\n", "a := x + 1\n") if "a := x +\n"
                        in code else None)


def test_a_partial_compiler_fix_is_kept_and_the_repair_rounds_start_from_it(monkeypatch):
    _scripted_fix(monkeypatch)
    three = "\ta := x +\n\tb := x +\n\tc := x +\n\treturn a + b + c\n}\n"  # three errors; the fixer mends one
    model = ScriptedModel([three, _whole("a := x + 1", "b := x + 1", "c := x +", "return a + b + c"),
                           _whole("a := x + 1", "b := x + 1", "c := x + 1", "return a + b + c")], batch=False)
    prompts = model.prompts
    out = Translator(model, LineSandbox).translate(PAIR, SOURCE, verify="compile", candidates=1)
    assert out.evidence.compiled and out.evidence.repaired and out.evidence.candidates == 1
    assert "c := x + 1" in out.code and len(prompts) == 3  # the sample, then two rounds, each closer
    assert "a := x + 1\n\tb := x +\n" in prompts[1]  # the first round was shown the fixed file (2 errors left)
    assert "b := x + 1\n\tc := x +\n" in prompts[2]  # the second, the first round's answer (1 error left)


def test_repair_rounds_end_when_one_gets_no_closer_and_the_fixed_candidate_is_returned(monkeypatch):
    _scripted_fix(monkeypatch)
    two = "\ta := x +\n\tb := x +\n\treturn a + b\n}\n"
    model = ScriptedModel([two, _whole("a := x", "b := x +", "c := x +", "return a + b + c"), "unused"],
                          batch=False)
    out = Translator(model, LineSandbox).translate(PAIR, SOURCE, verify="compile", candidates=1)
    assert model.answers == ["unused"]  # the repair left two errors, as many as the fixed sample: no second round
    assert not out.evidence.compiled and not out.evidence.repaired and out.evidence.autofixed
    assert "a := x + 1\n\tb := x +\n" in out.code and out.evidence.errors.count("syntax error") == 1


GUARDED = ('#include <stdexcept>\nclass Tally {\n    int total = 0;\n    static void check(int n) {\n'
           '        if (n < 0) throw std::invalid_argument("negative");\n    }\npublic:\n'
           '    void add(int n) {\n        check(n);\n        total += n;\n    }\n'
           '    int get() const { return total; }\n};\n')


def test_a_call_that_should_fail_has_the_members_the_source_throws_in_written_again():
    class GuardSandbox:  # add(-1) must panic: it does once add calls check and check panics
        def run_batch(self, jobs):
            return [RunResult(status="passed", exit_code=0, phase="run")
                    if "check(n);" in (main := job.files["main.rs"]) and 'panic!("negative")' in main
                    else RunResult(status="failed", exit_code=101, phase="run",
                                   stdout=_libtest("o.add(-1) should panic")) for job in jobs]

    model = ScriptedModel(["        Tally { total: 0 }", "        self.total += n;", "        self.total",
                           "    let _ = n;",  # check: the model dropped the validation
                           '    if n < 0 {\n        panic!("negative");\n    }',  # check again, then add
                           "        check(n);\n        self.total += n;"], batch=False)
    prompts = model.prompts
    out = Translator(model, GuardSandbox).translate(get_pair("cpp-rust"), GUARDED, verify="tests", candidates=1,
                                                     tests="#[test]\nfn x() {}\n", decompose=True)
    assert out.evidence.tests_passed and out.evidence.repaired and len(prompts) == 6
    # rewritten from the end: check (where the source throws), then add (the call that should have panicked)
    assert prompts[4].endswith("// fix: must fail as the source does: o.add(-1) should panic (the source throws in "
                               "check)\nfn check(n: i32) {\n")
    assert prompts[5].endswith("    // fix: wrong result: o.add(-1) should panic (the source throws in check)\n"
                               "    fn add(&mut self, n: i32) {\n")


def test_a_blamed_member_is_first_taken_from_the_other_candidates_before_any_rewrite():
    class TwoMembers:  # passes code that adds n and doubles; else the first call that differs
        def __init__(self) -> None:
            self.batches: list[int] = []

        def run_batch(self, jobs):
            self.batches.append(len(jobs))
            codes = [job.files["main.go"] for job in jobs]
            wrong = ["" if "+= n" in c and "2 * x" in c else
                     "c.Add(3) = 4, want 7" if "+= n" not in c else "Twice(2) = 6, want 4" for c in codes]
            return [RunResult(status="failed" if w else "passed", exit_code=0, phase="run",
                              stdout=f"--- FAIL: TestX\n    main_test.go:12: {w}\n" if w else "") for w in wrong]

    sample = ("\treturn &Counter{count: start}\n}\n\nfunc (c *Counter) Add(n int) int {\n\tc.count += n\n"
              "\treturn c.count\n}\n\nfunc Twice(x int) int {\n\treturn 3 * x\n}\n")  # Add right, Twice wrong
    model = ScriptedModel(["", "\treturn &Counter{count: start}", "\tc.count++\n\treturn c.count", "\treturn 2 * x",
                           sample], batch=False)
    sandbox = TwoMembers()
    out = Translator(model, lambda: sandbox).translate(PAIR, COUNTER, verify="tests", candidates=2,
                                                         tests="func TestX(t *testing.T) {}", decompose=True)
    assert out.evidence.tests_passed and out.evidence.repaired and "+= n" in out.code and "2 * x" in out.code
    assert len(model.prompts) == 5 and sandbox.batches == [2, 1]  # no rewrite generated: the sample's Add taken
    from act_lsp.scaffold import derive_scaffold
    from act_lsp.translator import _transplants, member_bodies

    layout = derive_scaffold("java-go", COUNTER)
    code = out.code.replace("c.count += n", "c.count++")
    spans = member_bodies(code, layout)
    assert _transplants("go", code, layout, spans, {1: ["x"]}, [code, "package main\n", sample]) == [out.code]


def test_a_member_repair_that_only_echoes_its_complaint_is_not_taken_for_code():
    from act_lsp.translator import _unechoed

    assert _unechoed("\t// fix: wrong\n\tc.count += n\n") == "\tc.count += n\n"  # the echo dropped, the code kept
    assert _unechoed("\t// fix: wrong\n\t// fix: wrong\n\t// a note\n") == ""  # nothing but comments
    echo = "\t// fix: wrong result: c.Add(3) = 4, want 7"
    model = ScriptedModel(["", "\treturn &Counter{count: start}", "\tc.count++\n\treturn c.count", "\treturn 2 * x",
                           f"{echo}\n{echo}\n{echo}",  # greedy: an empty body that would compile
                           "\tc.count += n\n\treturn c.count"], batch=False)
    prompts = model.prompts
    sandbox = DifferenceSandbox()
    out = Translator(model, lambda: sandbox).translate(PAIR, COUNTER, verify="tests", candidates=1,
                                                         tests="func TestX(t *testing.T) {}", decompose=True)
    assert out.evidence.tests_passed and out.evidence.repaired and "// fix:" not in out.code
    assert len(prompts) == 6 and sandbox.batches == [1, 1]  # the echo was never checked; the next sample was


def test_a_behaviour_repair_that_breaks_the_build_has_its_compile_errors_repaired_before_it_is_judged():
    class BuildThenBehaviour:  # Go: a line ending in `+` does not compile; code that adds n passes
        def __init__(self) -> None:
            self.lines, self.difference = LineSandbox(), DifferenceSandbox()

        def run_batch(self, jobs):
            return [self.lines.run_batch([job])[0] if self.lines.run_batch([job])[0].status == "compile_error"
                    else self.difference.run_batch([job])[0] for job in jobs]

    broken = "\tc.count +\n\treturn c.count"
    model = ScriptedModel(["", "\treturn &Counter{count: start}", "\tc.count += 1\n\treturn c.count", "\treturn 2 * x",
                           broken, broken + " ", broken + "  ",  # the behaviour repair, greedy and two samples
                           "\tc.count += n\n\treturn c.count"], batch=False)  # then the build's repair
    prompts = model.prompts
    out = Translator(model, BuildThenBehaviour).translate(PAIR, COUNTER, verify="tests", candidates=1,
                                                          tests="func TestX(t *testing.T) {}", decompose=True)
    assert out.evidence.tests_passed and out.evidence.repaired and "c.count += n" in out.code
    assert len(prompts) == 8 and "// fix: wrong result: c.Add(3) = 4, want 7\n" in prompts[4]
    assert prompts[7].endswith("// fix: syntax error: unexpected newline\nfunc (c *Counter) Add(n int) int {\n")


def test_the_members_between_a_call_that_should_fail_and_the_throw_are_blamed_too():
    from act_lsp.scaffold import derive_scaffold
    from act_lsp.translator import _path_to_throw

    cpp = GUARDED.replace("public:\n", "public:\n    void reset(int n) {\n        total = 0;\n        add(n);\n    }\n")
    scaffold = derive_scaffold("cpp-rust", cpp)
    names = [m.sig.name for m in scaffold.members]
    path, throwers = _path_to_throw(scaffold, names.index("reset"))
    assert [names[i] for i in path] == ["reset", "add", "check"] and throwers == ["check"]  # add lost the call
    assert _path_to_throw(scaffold, names.index("get")) == ([], [])  # get calls nothing that throws
