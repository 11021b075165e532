"""k samples of one prompt decoded together (``ModelHost.generate_many``), with the real default model."""

from __future__ import annotations

import dataclasses

import pytest

from act_lsp.engine import GenerationParams, ModelHost
from act_lsp.pairs import get_pair
from act_lsp.prompts import build_prompt
from act_lsp.translator import sample_params

pytestmark = pytest.mark.model

SOURCE = """class Sums {
    static int sumOfSquares(int[] xs) {
        int total = 0;
        for (int x : xs) total += x * x;
        return total;
    }
}"""


@pytest.fixture(scope="module")
def host():
    return ModelHost()


@pytest.fixture(scope="module")
def prompt():
    return build_prompt(get_pair("java-go"), SOURCE).text


def test_k_samples_come_from_one_batch_and_the_greedy_one_is_the_plain_greedy_answer(host, prompt):
    greedy = GenerationParams(max_tokens=60)
    plain = host.generate(prompt, greedy)
    batch = host.generate_many(prompt, sample_params(greedy, 4))
    assert len(batch) == 4 and all(0 < g.tokens <= 60 for g in batch)
    assert batch[0].text == plain.text  # the shared prompt cells give sequence 0 exactly the plain decode
    assert len({g.text for g in batch}) >= 2  # the sampled ones explore
    again = host.generate_many(prompt, sample_params(greedy, 4))
    assert [g.text for g in again] == [g.text for g in batch]  # seeded: reproducible
    assert host.generate(prompt, greedy).text == plain.text  # the single-sequence path is untouched


def test_cancellation_and_the_time_limit_end_every_sequence(host, prompt):
    seen = []
    out = host.generate_many(prompt, sample_params(GenerationParams(max_tokens=200), 3),
                             on_token=lambda _piece, n: seen.append(n), cancelled=lambda: len(seen) >= 12)
    assert [g.finish_reason for g in out] == ["cancelled"] * 3
    assert 12 <= sum(g.tokens for g in out) <= 12 + 3 and seen == list(range(1, len(seen) + 1))
    slow = dataclasses.replace(GenerationParams(max_tokens=400), time_limit=0.5, stop=())
    timed = host.generate_many(prompt, sample_params(slow, 3))
    assert [g.finish_reason for g in timed] == ["timeout"] * 3
    assert sum(g.seconds for g in timed) < 5
