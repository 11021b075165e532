"""`make demo`: ACT's main job on the bundled default model, end to end.

1. Starts the language server over stdio and, acting as an editor, translates examples/WordStats.java to Go and
   examples/inventory.cpp to Rust with compile verification in the sandbox; the edits are applied to files in
   a work folder and every outcome is logged to the demo database.
2. Evaluates the model (+ the promoted adapter, if any) on the first N tasks of both benchmark files:
   greedy pass@1 with target tests run in the sandbox, failure categories stored.
3. Prints a summary.

Options: --tasks N (default 20 per pair), --out DIR (default ./demo-output).
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


def evaluate_both(tasks: int, db_path: Path) -> dict[str, dict]:
    from act_lsp import store
    from act_lsp.engine import EngineConfig, ModelHost
    from act_lsp.sandbox import SandboxPool
    from act_train.evaluate import EvalConfig, evaluate
    from act_train.progress import progress_bar

    db = store.open_db(db_path)
    version = store.promoted_version(db)
    host = ModelHost(EngineConfig(adapter=version["adapter_path"] if version else None))
    reports = {}
    with SandboxPool() as pool:
        for name in ("java_go.jsonl", "cpp_rust.jsonl"):
            with progress_bar(f"eval {name}") as advance:
                report = evaluate(EvalConfig(bench=str(BENCH / name), limit=tasks), host, pool, db=db,
                                  model_name=host.model_path.name, on_progress=advance,
                                  adapter_version=version["id"] if version else None)
            reports[report.pair] = report
    return reports


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", type=int, default=20, help="benchmark tasks per pair to evaluate")
    ap.add_argument("--out", type=Path, default=REPO / "demo-output")
    args = ap.parse_args()
    start = time.perf_counter()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    db = out / "act-demo.db"

    print("== 1. translating sample files through the language server (verify=compile)")
    results = asyncio.run(translate_samples(out, db))
    for r in results:
        target = Path(to_fs_path(r["targetUri"])) if r.get("targetUri") else None
        ev = r.get("evidence") or {}
        print(f"  {r['source']} -> {target.name if target else '?'}: applied={r.get('applied')}, "
              f"compiled={ev.get('compiled')}, repaired={ev.get('repaired')}, {r['seconds']} s")
    print(f"== 2. evaluating on the first {args.tasks} tasks of each benchmark (greedy pass@1)")
    reports = evaluate_both(args.tasks, db)
    summary = {
        "translations": results,
        "evaluation": {pair: {"pass@1": r.metrics["pass@1"], "tasks": r.tasks, "categories": r.categories}
                       for pair, r in reports.items()},
        "database": str(db), "output": str(out), "seconds": round(time.perf_counter() - start, 1),
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2))
    print("== summary")
    for pair, r in reports.items():
        print(f"  {pair}: pass@1 {r.metrics['pass@1']:.3f} on {r.tasks} tasks; failures "
              + ", ".join(f"{c} {n}" for c, n in sorted(r.categories.items(), key=lambda x: -x[1]) if c != "passed"))
    print(f"  translated files and {db.name} in {out}; total {summary['seconds']} s")


if __name__ == "__main__":
    main()
