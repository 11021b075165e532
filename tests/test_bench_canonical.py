"""Every canonical target solution of shared/bench passes its tests through the warm pool (164 Go, 164 Rust)."""

from __future__ import annotations

from collections import Counter

import pytest

from act_train.bench import load_bench, target_job
from tests.conftest import BENCH

pytestmark = [pytest.mark.docker, pytest.mark.slow]


@pytest.mark.parametrize("name", ["java_go.jsonl", "cpp_rust.jsonl"])
def test_all_canonical_solutions_pass(sandbox_pool, name):
    tasks = load_bench(BENCH / name)
    assert len(tasks) == 164
    # Rust /91 and /162 use the regex and md5 crates: they run with cargo and Debian's packaged crates.
    jobs = [target_job(t, t.target_canonical_solution, crates=t.target_canonical_crates) for t in tasks]
    results = sandbox_pool.run_batch(jobs)
    failures = {t.task_id: (r.status, r.stderr[-400:]) for t, r in zip(tasks, results, strict=True) if not r.passed}
    assert not failures, failures
    recipes = Counter(j.recipe for j in jobs)
    if name == "cpp_rust.jsonl":
        assert recipes == {"rust_test": 162, "rust_cargo_test": 2}
    else:
        assert recipes == {"go_test": 164}


def test_a_wrong_translation_fails(sandbox_pool):
    task = load_bench(BENCH / "java_go.jsonl")[0]
    broken = task.target_canonical_solution.replace("return true", "return false")
    assert broken != task.target_canonical_solution
    assert sandbox_pool.run(target_job(task, broken)).status == "failed"
