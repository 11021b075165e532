"""Serving speed with and without a LoRA adapter: decode tokens/s of the same greedy generation.

    python benchmarks/adapter_bench.py --adapter adapter.gguf [--merged merged.gguf] [--rounds 5]

Adapters are swapped into one base model with ``ModelHost.set_adapter`` exactly as the server does; ``--merged``
loads another whole GGUF beside it. Every variant decodes the same prompt once per round, interleaved, so a
busy machine slows all alike. Prints the median decode tokens/s, its range, and the cost relative to the base.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from act_lsp.engine import EngineConfig, Generation, GenerationParams, ModelHost
from act_lsp.pairs import get_pair
from act_lsp.prompts import build_prompt

SOURCE = """public static int digitSum(long n) {
    long total = 0;
    n = Math.abs(n);
    while (n > 0) {
        total += n % 10;
        n /= 10;
    }
    return (int) total;
}

public static String initials(String fullName) {
    StringBuilder out = new StringBuilder();
    for (String part : fullName.trim().split("\\\\s+")) {
        if (!part.isEmpty()) {
            out.append(Character.toUpperCase(part.charAt(0)));
        }
    }
    return out.toString();
}
"""


def decode_rate(gen: Generation) -> float:
    """Tokens/s after the first token: an adapter swap invalidates the cached prompt, which is not decode speed."""
    return (gen.tokens - 1) / max(gen.seconds - gen.first_token_seconds, 1e-9)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--adapter", action="append", default=[], help="a LoRA GGUF applied to the base (repeatable)")
    ap.add_argument("--merged", action="append", default=[], help="a whole GGUF to compare, e.g. a merged model")
    ap.add_argument("--model", default=None, help="base model (default: ACT_MODEL or the bundled default)")
    ap.add_argument("--rounds", type=int, default=5, help="every variant runs once per round, interleaved")
    ap.add_argument("--max-tokens", type=int, default=160)
    args = ap.parse_args()
    prompt = build_prompt(get_pair("java-go"), SOURCE).text
    params = GenerationParams(max_tokens=args.max_tokens, stop=())
    base = ModelHost(EngineConfig(model=args.model))
    variants: list[tuple[str, ModelHost, str | None]] = [("base", base, None)]
    variants += [(f"base + {Path(p).name}", base, p) for p in args.adapter]
    variants += [(Path(p).name, ModelHost(EngineConfig(model=p)), None) for p in args.merged]
    for _, host, _ in variants:
        host.generate(prompt, GenerationParams(max_tokens=8))  # warm-up: page in the weights, cache the prompt
    runs: dict[str, list] = {name: [] for name, _, _ in variants}
    for _ in range(args.rounds):  # interleaved, so a machine that slows down slows every variant alike
        for name, host, adapter in variants:
            if host.adapter_path != adapter:
                host.set_adapter(adapter)
            runs[name].append(host.generate(prompt, params))
    reference = statistics.median(decode_rate(g) for g in runs["base"])
    print(f"{'variant':<44} {'tokens':>6} {'tok/s':>7} {'min-max':>11} {'vs base':>8}")
    for name, gens in runs.items():
        tps = [decode_rate(g) for g in gens]
        print(f"{name:<44} {gens[0].tokens:>6} {statistics.median(tps):>7.1f} {min(tps):>5.1f}-{max(tps):<5.1f} "
              f"{statistics.median(tps) / reference - 1:>+8.1%}")


if __name__ == "__main__":
    main()
