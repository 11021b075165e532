"""`make demo`: ACT's main job on the bundled default model, end to end.

1. Starts the language server over stdio and, acting as an editor, translates examples/WordStats.java to Go and
   examples/inventory.cpp to Rust with compile verification in the sandbox; the edits are applied to files in
   a work folder (applied = accepted) and every outcome is logged to the demo database (they become feedback seeds).
2. Runs a short ACT cycle within --budget-minutes: seeds → io tests → mutation gate → candidates validated in
   Docker → LoRA round → evaluation (held-out validated pairs + the first --tasks bench tasks of each pair,
   before and after) → the controller's decision → promotion through the gate.
3. Translates the samples again through a fresh language server, which serves the promoted adapter if any.
4. Writes the HTML report and prints a summary with the before/after numbers.

Options: --tasks N (default 10 per pair), --budget-minutes M (default 15), --seeds S (default 5 per language),
--out DIR (default ./demo-output).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import to_fs_path

from act_train.bench import default_bench_dir

REPO = Path(__file__).resolve().parents[1]
BENCH = default_bench_dir()


def apply_to_disk(edit: types.WorkspaceEdit) -> list[Path]:
    """What an editor does with our edits (create the file, replace its text), then save."""
    written = []
    for change in edit.document_changes or []:
        if isinstance(change, types.CreateFile):
            path = Path(to_fs_path(change.uri))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()
        elif isinstance(change, types.TextDocumentEdit):
            path = Path(to_fs_path(change.text_document.uri))
            text = path.read_text() if path.exists() else ""
            lines = text.split("\n")
            for e in sorted(change.edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
                start = sum(len(x) + 1 for x in lines[: e.range.start.line]) + e.range.start.character
                end = sum(len(x) + 1 for x in lines[: e.range.end.line]) + e.range.end.character
                text = text[:start] + e.new_text + text[end:]
                lines = text.split("\n")
            path.write_text(text)
            written.append(path)
    return written


def capabilities() -> types.ClientCapabilities:
    return types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(workspace_edit=types.WorkspaceEditClientCapabilities(
            document_changes=True, resource_operations=[types.ResourceOperationKind.Create],
            change_annotation_support=types.ChangeAnnotationsSupportOptions(groups_on_label=True))),
        window=types.WindowClientCapabilities(work_done_progress=True))


async def translate_samples(out: Path, db: Path) -> list[dict]:
    client = LanguageClient("act-demo", "1")
    written: list[Path] = []
    messages: list[str] = []

    @client.feature(types.WORKSPACE_APPLY_EDIT)
    def on_apply(params: types.ApplyWorkspaceEditParams):
        written.extend(apply_to_disk(params.edit))
        return types.ApplyWorkspaceEditResult(applied=True)

    @client.feature(types.WINDOW_SHOW_MESSAGE)
    def on_message(params: types.ShowMessageParams):
        messages.append(params.message)

    @client.feature(types.WINDOW_WORK_DONE_PROGRESS_CREATE)
    def on_progress_create(params):
        return None

    @client.feature(types.PROGRESS)
    def on_progress(params):
        return None

    @client.feature("act/status")
    def on_status(params):
        return None

    await client.start_io(sys.executable, "-m", "act_lsp.cli")
    await client.initialize_async(types.InitializeParams(
        capabilities=capabilities(), client_info=types.ClientInfo(name="act-demo"),
        initialization_options={"database": str(db), "verify": "compile", "candidates": 2, "trainAfter": 0}))
    client.initialized(types.InitializedParams())
    results = []
    for name, language in (("WordStats.java", "java"), ("inventory.cpp", "cpp")):
        src = out / name
        shutil.copy(REPO / "examples" / name, src)
        text = src.read_text()
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=src.as_uri(), language_id=language, version=1, text=text)))
        start = time.perf_counter()
        answer = await client.workspace_execute_command_async(types.ExecuteCommandParams(
            command="act.translate", arguments=[{"uri": src.as_uri()}]))
        results.append({"source": name, "seconds": round(time.perf_counter() - start, 1), **(answer or {})})
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    for line in messages:
        print(f"  server: {line}")
    return results


def run_cycle(db_path: Path, args) -> dict:
    from act_lsp import store
    from act_lsp.sandbox import SandboxPool
    from act_train.cycle import Cycle, CycleConfig, Rounds
    from act_train.expansion import ExpandConfig
    from act_train.importer import import_units, save_units
    from act_train.progress import stage_bars

    db = store.open_db(db_path)
    save_units(db, import_units(REPO / "examples"))  # the sample repository's functions become seeds too
    config = CycleConfig(budget_minutes=args.budget_minutes, seed_limit=args.seeds, bench_limit=args.tasks,
                         expansion=ExpandConfig(per_seed=0), training=Rounds(count=1, epochs=2.0))
    with SandboxPool() as pool, stage_bars() as bars:
        result = Cycle(config, db, pool, log=lambda m: print(f"  {m}"), progress=bars).run()
    return {"cycle": result.id, "status": result.status, **result.summary}


def print_before_after(summary: dict) -> None:
    from act_train.cycle import outcome_lines

    print("\n".join(outcome_lines(summary)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", type=int, default=10, help="benchmark tasks per pair in the before/after check")
    ap.add_argument("--budget-minutes", type=float, default=15.0, help="CPU budget of the ACT cycle")
    ap.add_argument("--seeds", type=int, default=5, help="seeds per source language in the cycle")
    ap.add_argument("--out", type=Path, default=REPO / "demo-output")
    ap.add_argument("-v", "--verbose", action="count", default=0, help="libraries' warnings on the console too")
    args = ap.parse_args()
    start = time.perf_counter()
    out = args.out.resolve()
    (out / "after").mkdir(parents=True, exist_ok=True)
    from act_lsp import logs

    logs.configure(args.verbose, out / "demo.log")  # llama.cpp's and libraries' lines go there, not here
    db = out / "act-demo.db"

    print("== 1. translating sample files through the language server (verify=compile)")
    results = asyncio.run(translate_samples(out, db))
    show(results)
    print(f"== 2. one ACT cycle, budget {args.budget_minutes:g} min ({args.seeds} seeds per language, "
          f"bench slices of {args.tasks} tasks)")
    cycle = run_cycle(db, args)
    print(f"  cycle {cycle['cycle']}: {cycle['status']}")
    print_before_after(cycle)
    print("== 3. translating the samples again (the server serves the promoted adapter, if any)")
    again = asyncio.run(translate_samples(out / "after", db))
    show(again)
    print("== 4. report")
    from act_lsp import store
    from act_train.report import build_report

    report = build_report(store.open_db(db), out / "report")
    summary = {"translations": results, "translations_after": again, "cycle": cycle, "report": str(report),
               "database": str(db), "output": str(out), "seconds": round(time.perf_counter() - start, 1)}
    (out / "summary.json").write_text(json.dumps(summary, indent=2))
    print("== summary")
    print(f"  cycle {cycle['status']}; data: {json.dumps((cycle.get('data') or {}).get('train'))} training pairs, "
          f"{(cycle.get('data') or {}).get('val')} validation pairs")
    print_before_after(cycle)
    print(f"  report: {report}")
    print(f"  translated files and {db.name} in {out}; total {summary['seconds']} s")


def show(results: list[dict]) -> None:
    for r in results:
        target = Path(to_fs_path(r["targetUri"])) if r.get("targetUri") else None
        ev = r.get("evidence") or {}
        print(f"  {r['source']} -> {target.name if target else '?'}: applied={r.get('applied')}, "
              f"compiled={ev.get('compiled')}, repaired={ev.get('repaired')}, {r['seconds']} s")


if __name__ == "__main__":
    main()
