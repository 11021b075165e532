"""Mutation operators (pure) and the mutation-score gate against the real sandbox."""

from __future__ import annotations

import pytest

from act_train.mutation import decided, mutants, mutation_score

GO = """package main

import "strings"

// Score: the comment's < and + are not mutated.
func Score(xs []int, bonus int) int {
\ttotal := 0
\tfor i := 0; i < len(xs); i++ {
\t\tif xs[i] > 0 && xs[i]%2 == 0 {
\t\t\ttotal += xs[i] * 2
\t\t} else {
\t\t\ttotal -= 1
\t\t}
\t}
\treturn total + bonus
}

func Shout(s string) string {
\treturn strings.ToUpper(s) + "!"
}
"""

STRONG = """package main
import "testing"
func TestScore(t *testing.T) {
\tif got := Score([]int{2, 3, 0, -4, 6}, 5); got != 18 { t.Fatalf("got %d", got) }
\tif got := Score([]int{1}, 0); got != -1 { t.Fatalf("got %d", got) }
\tif got := Score(nil, 7); got != 7 { t.Fatalf("got %d", got) }
\tif Shout("hi") != "HI!" { t.Fatal("shout") }
}
"""
WEAK = """package main
import "testing"
func TestNothing(t *testing.T) { Score([]int{1}, 0) }
"""


def test_mutants_skip_strings_comments_and_imports():
    muts = mutants(GO, limit=100)
    assert muts and all(m.code != GO for m in muts)
    assert len({m.code for m in muts}) == len(muts)
    for m in muts:
        assert '"!"' in m.code and '"strings"' in m.code and "the comment's < and +" in m.code
    ops = {m.operator for m in muts}
    assert {"<→<=", ">→>=", "&&→||", "%→*", "*→/", "0→1", "1→0", "2→3"} <= ops
    assert mutants(GO, limit=3, seed=1) == mutants(GO, limit=3, seed=1)
    assert len(mutants(GO, limit=3)) == 3


def test_rust_and_java_operators():
    rust = "fn f(v: &[i32]) -> bool { v.len() >= 2 && v[0] == 1 }"
    ops = {m.operator for m in mutants(rust, limit=50)}
    assert {">=→>", "&&→||", "==→!=", "2→3", "0→1", "1→0"} <= ops
    java = "class A { boolean ok(int x) { return x % 2 == 0 || true; } }"
    assert {"%→*", "||→&&", "true→false"} <= {m.operator for m in mutants(java, limit=50)}


@pytest.mark.docker
def test_strong_tests_kill_mutants_weak_tests_do_not(sandbox_pool):
    strong = mutation_score("go_test", GO, STRONG, sandbox_pool.run_batch, limit=12)
    weak = mutation_score("go_test", GO, WEAK, sandbox_pool.run_batch, limit=12)
    assert strong.compiled >= 5 and weak.compiled == strong.compiled
    assert strong.score >= 0.8, [m.operator for m in strong.survivors]
    assert weak.score < 0.3  # it only catches the mutant that panics (i <= len(xs))


def test_an_early_verdict_is_the_full_runs_verdict():
    """Waves stop once the remaining mutants cannot change score >= threshold; over every pattern of
    outcomes of 8 mutants (compile error / killed / survived) the verdict equals the full run's."""
    import itertools

    from act_lsp.sandbox import RunResult

    code = "int f(int a, int b) { return a + b * 2 - 1 > 0 && a != b ? a % 3 : 0; }"
    n = len(mutants(code, limit=8))
    assert n == 8
    kinds = {"c": RunResult(status="compile_error", exit_code=1, phase="compile"),
             "k": RunResult(status="failed", exit_code=1), "s": RunResult(status="passed", exit_code=0)}
    for threshold in (0.6, 0.8):
        for pattern in itertools.product("cks", repeat=n):
            ran = []

            def run_batch(jobs, pattern=pattern, ran=ran):
                out = [kinds[pattern[len(ran) + i]] for i in range(len(jobs))]
                ran.extend(out)
                return out

            early = mutation_score("cpp", code, "int main() {}", run_batch, limit=8, threshold=threshold)
            full = mutation_score("cpp", code, "int main() {}", lambda jobs, p=pattern: [kinds[x] for x in p], limit=8)
            assert (early.compiled > 0 and early.score >= threshold) == (full.compiled > 0 and full.score >= threshold)
            assert len(ran) <= n
    assert decided(killed=0, compiled=2, remaining=6, threshold=0.8)  # 6/8 at best: rejected after one wave
    assert not decided(killed=2, compiled=2, remaining=6, threshold=0.8)


def test_mutants_run_under_the_given_time_limit():
    """A looping mutant must cost the gate's limit, not the sandbox's 20 s default."""
    from act_lsp.sandbox import Limits, RunResult

    seen = []

    def run_batch(jobs):
        seen.extend(jobs)
        return [RunResult(status="timeout", exit_code=-1) for _ in jobs]

    code = "int f(int n) { int s = 0; for (int i = 0; i < n; i = i + 1) s += i; return s; }"
    report = mutation_score("cpp", code, "int main() {}", run_batch, limit=4, limits=Limits(run_timeout=5.0))
    assert seen and all(job.limits.run_timeout == 5.0 for job in seen)
    assert report.killed == report.compiled == len(seen)  # a mutant that runs out of time is killed
