"""The bundled seed corpus: every program passes its own tests, the tests are strong, nothing is from bench/."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from act_lsp import store
from act_lsp.pairs import LANGUAGES
from act_lsp.sandbox import Job
from act_train.dedup import Deduplicator, load_evaluation_set
from act_train.mutation import mutation_score
from act_train.provenance import Provenance
from act_train.seeds import all_seeds, bundled_seeds, expanded_seeds, feedback_seeds, parse_seed_file
from tests.conftest import BENCH, translation

SEEDS = bundled_seeds()


def test_corpus_shape():
    langs = {s.language for s in SEEDS}
    assert langs == {"java", "cpp"}
    assert all(s.tests and "---- tests" not in s.code for s in SEEDS)
    assert len({s.id for s in SEEDS}) == len(SEEDS)


def test_seed_files_need_one_marker(tmp_path):
    bad = tmp_path / "x.java"
    bad.write_text("class A {}\n")
    with pytest.raises(ValueError, match="exactly one"):
        parse_seed_file(bad, "java")


def test_seeds_are_not_benchmark_programs():
    dedup = Deduplicator()
    load_evaluation_set(dedup, [BENCH / "java_go.jsonl", BENCH / "cpp_rust.jsonl"])
    verdicts = {s.id: dedup.check(s.code) for s in SEEDS}
    assert all(v.keep for v in verdicts.values()), {k: v.reason for k, v in verdicts.items() if not v.keep}


@pytest.mark.docker
def test_every_seed_passes_its_tests_and_they_kill_mutants(sandbox_pool):
    jobs = [Job.with_tests(LANGUAGES[s.language].test_recipe, s.code, s.tests) for s in SEEDS]
    results = sandbox_pool.run_batch(jobs)
    failed = {s.id: r.stderr[-300:] for s, r in zip(SEEDS, results, strict=True) if not r.passed}
    assert not failed, failed
    def gate(seed):  # the pipeline's gate: mutants run in waves until the verdict at 0.6 cannot change
        return mutation_score(LANGUAGES[seed.language].test_recipe, seed.code, seed.tests, sandbox_pool.run_batch,
                              limit=8, threshold=0.6)

    # A few seeds at once, so one seed's short wave does not leave a sandbox container idle.
    with ThreadPoolExecutor(max_workers=2 * sandbox_pool.workers) as ex:
        reports = list(ex.map(gate, SEEDS))
    weak = {seed.id: [m.operator for m in report.survivors] for seed, report in zip(SEEDS, reports, strict=True)
            if not (report.compiled >= 3 and report.score >= 0.6)}
    assert not weak, weak


def test_feedback_translations_become_seeds(tmp_path):
    db = store.open_db(tmp_path / "a.db")
    for outcome, log_code in (("accepted", True), ("rejected", True), ("edited", False)):
        rec = translation(source_text=f"class A{outcome} {{}}", output="o")
        store.set_outcome(db, store.record_translation(db, rec, log_code=log_code), outcome)
    (seed,) = feedback_seeds(db)
    assert seed.language == "java" and seed.code == "class Aaccepted {}" and seed.tests is None


def test_expansions_of_imported_seeds_are_seeds_of_a_later_run(tmp_path):
    """An imported seed's id (imported/...) names no language: the expansion row's pair does; the parent's
    origin (an MBXP problem's attribution) comes along."""
    db = store.open_db(tmp_path / "a.db")
    prov = Provenance(db, "r1")
    for key, parent, pair, code in (("k1", "imported/0ae11171e0d9", "cpp-rust", "int twice(int x) { return 2 * x; }"),
                                    ("k2", "java/run_length", "java-go", "class B { static int one() { return 1; } }")):
        origin = {"origin": "imported:mbcpp.jsonl:MBCPP/7 (MBXP, CC BY 4.0)"} if pair == "cpp-rust" else {}
        prov.add(stage="expansion", key=key, parent=None, ok=True, reason="", code=code, pair=pair, seconds=1.0,
                 meta={"seed": parent, "operator": "breadth", "focus": None, "tokens": 9, **origin})
    prov.add(stage="expansion", key="k3", parent=None, ok=False, reason="expansion_compile_error", code="int x(",
             pair="cpp-rust", seconds=1.0, meta={"seed": "imported/0ae11171e0d9", "operator": "breadth"})
    seeds = {s.language: s for s in expanded_seeds(db)}
    assert set(seeds) == {"cpp", "java"} and seeds["cpp"].code.startswith("int twice")
    assert seeds["cpp"].id.startswith("imported/0ae11171e0d9~breadth-") and seeds["cpp"].kind == "expansion"
    assert seeds["cpp"].origin.endswith(" of imported:mbcpp.jsonl:MBCPP/7 (MBXP, CC BY 4.0)")  # attribution kept
    assert seeds["java"].origin.startswith("expansion:") and " of " not in seeds["java"].origin  # an older row
    assert [s.kind for s in all_seeds(db)].count("expansion") == 2  # what validate --from expansion reads
