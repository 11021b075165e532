"""Mutation operators (pure) and the mutation-score gate against the real sandbox."""

from __future__ import annotations

import pytest

from act_train.mutation import mutants, mutation_score

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
