"""The one translation routine with a scripted model and sandbox (unit level; the real ones run in
test_lsp_e2e, test_pipeline and test_batch)."""

from __future__ import annotations

from act_lsp.engine import Generation, GenerationParams
from act_lsp.pairs import get_pair
from act_lsp.sandbox import RunResult
from act_lsp.translator import Translator

PAIR = get_pair("java-go")
SOURCE = "class A { static int f(int x) { return x + 1; } }"
GOOD = "    return x + 1\n}\n"
BAD = "    return x +\n}\n"


class ScriptedModel:
    """Answers from a list; records the params it was asked with."""

    def __init__(self, answers: list[str], batch: bool = True) -> None:
        self.answers, self.calls = list(answers), []
        if not batch:
            self.generate_many = None

    def _gen(self, text: str) -> Generation:
        return Generation(text=text, tokens=len(text.split()), finish_reason="stop", seconds=0.1,
                          first_token_seconds=0.01)

    def generate(self, prompt, params=None, *, on_token=None, cancelled=None):
        self.calls.append(("one", [params]))
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
