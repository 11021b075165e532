"""Re-run committed Java→Go pairs' io tests under today's comparison rules, and mend what they now reject.

Pairs keep the io tests they were validated with (``provenance.tests``); each file embeds the comparison helpers of
its day. When the helpers get stricter (session 15: a nil slice or map is Java's null, not its empty collection),
the pairs admitted under the old ones are re-run with the new helpers; a pair that fails is given the Go target's
behaviour fix (the same one the translator applies to a candidate) and kept only if it then passes, else dropped.
Each mended row says so in its provenance (``rechecked``), and its tests are the new ones.

    .venv/bin/python scripts/recheck_pairs.py data/pairs/mbxp-java-go.jsonl data/pairs/mbxp-java-go-2.jsonl
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from act_lsp.languages import go
from act_lsp.pairs import get_pair
from act_lsp.sandbox import Job
from act_lsp.sandbox.pool import SandboxPool
from act_train.provenance import chat_messages

JAVA_GO = get_pair("java-go")
RECIPE = JAVA_GO.target.test_recipe


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", type=Path, help="Java→Go pairs JSONL, rewritten in place")
    args = ap.parse_args()
    today = datetime.date.today().isoformat()
    with SandboxPool() as pool:
        for path in args.files:
            rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
            tests = [go.with_current_helpers(r["provenance"]["tests"]) for r in rows]
            jobs = [Job.with_tests(RECIPE, r["target"], t) for r, t in zip(rows, tests, strict=True)]
            results = pool.run_batch(jobs)
            failed = [i for i, res in enumerate(results) if not res.passed]
            fixes = {i: go.behaviour_fix(rows[i]["target"], results[i].stderr + results[i].stdout) for i in failed}
            mended = pool.run_batch([Job.with_tests(RECIPE, fixes[i], tests[i]) for i in failed])
            kept, counts = [], {"passed": len(rows) - len(failed), "mended": 0, "dropped": 0}
            for i, row in enumerate(rows):
                row["provenance"]["tests"] = tests[i]
                if i in fixes:
                    if not mended[failed.index(i)].passed:
                        counts["dropped"] += 1
                        continue
                    row["target"] = fixes[i]
                    row["messages"] = chat_messages(JAVA_GO, row["source"], fixes[i])
                    row["provenance"]["rechecked"] = {"date": today, "fix": "behaviour_fix: nil slice/map for an "
                                                      "empty Java collection"}
                    counts["mended"] += 1
                kept.append(row)
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept))
            print(f"{path}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
