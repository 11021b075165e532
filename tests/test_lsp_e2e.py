"""The real server over stdio with the real default model, driven by pytest-lsp as VS Code would."""

from __future__ import annotations

import ast
import asyncio
import json
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from act_lsp import store
from act_lsp.sandbox import Job

pytestmark = [pytest.mark.model]

JAVA = """public class Calc {
    public static int sumOfSquares(int[] values) {
        int total = 0;
        for (int v : values) {
            total += v * v;
        }
        return total;
    }
}
"""

LONG_JAVA = "public class Big {\n" + "".join(
    f"    public static int f{i}(int x) {{ int y = x * {i}; if (y > {i * 7}) {{ return y - {i}; }} return y + {i}; }}\n"
    for i in range(40)) + "}\n"


def _record_edits(lsp_client: LanguageClient) -> None:
    """Answer workspace/applyEdit like an editor whose user accepts (or, with apply_answer=False, rejects)."""
    lsp_client.applied_edits = []
    lsp_client.apply_answer = True

    @lsp_client.feature(types.WORKSPACE_APPLY_EDIT)
    def on_apply(params: types.ApplyWorkspaceEditParams):
        lsp_client.applied_edits.append(params.edit)
        return types.ApplyWorkspaceEditResult(applied=lsp_client.apply_answer)


async def _start(lsp_client: LanguageClient, tmp_path_factory, editor: str, **options) -> None:
    """Record edits, give the server its own database, and initialize as ``editor`` would."""
    lsp_client.db_path = tmp_path_factory.mktemp("db") / "act.db"
    _record_edits(lsp_client)
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities(editor), client_info=types.ClientInfo(name="pytest-lsp"),
        initialization_options={"database": str(lsp_client.db_path), **options}))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "act_lsp.cli"]))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    await _start(lsp_client, tmp_path_factory, "visual_studio_code", trainAfter=2, maxTokens=400, verify="off")
    yield
    await lsp_client.shutdown_session()


def _open(client: LanguageClient, path: Path, text: str, language: str = "java") -> str:
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
    return uri


async def _actions(client, uri, rng):
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=rng,
        context=types.CodeActionContext(diagnostics=[])))


async def _run(client, action):
    # pytest-lsp's converter decodes the CodeAction | Command union as a Command and stringifies the nested
    # command; the wire JSON is a proper CodeAction (the Neovim test sees it as one).
    command = action.command
    if isinstance(command, str) and command.startswith("{"):
        command = ast.literal_eval(command)
    elif not isinstance(command, dict):
        command = {"command": command.command, "arguments": command.arguments}
    return await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=command["command"], arguments=command["arguments"]))


def _created_text(edit: types.WorkspaceEdit) -> tuple[str, str]:
    creates = [c for c in edit.document_changes if isinstance(c, types.CreateFile)]
    (doc_edit,) = [c for c in edit.document_changes if isinstance(c, types.TextDocumentEdit)]
    assert creates and creates[0].uri == doc_edit.text_document.uri
    assert edit.change_annotations[doc_edit.edits[0].annotation_id].needs_confirmation is True
    return doc_edit.text_document.uri, doc_edit.edits[0].new_text


def _row(client, tid):
    return store.open_db(client.db_path)["translations"].get(tid)


@pytest.mark.asyncio(loop_scope="function")
async def test_translate_file_to_go_that_compiles(client: LanguageClient, tmp_path, sandbox_pool):
    uri = _open(client, tmp_path / "Calc.java", JAVA)
    whole = types.Range(start=types.Position(line=1, character=0), end=types.Position(line=7, character=5))
    actions = await _actions(client, uri, whole)
    titles = [a.title for a in actions]
    assert titles == ["ACT: Translate selection to Go", "ACT: Translate file to Go"]
    assert all(getattr(a, "edit", None) is None for a in actions)  # no model call in codeAction

    result = await _run(client, actions[1])
    assert result["applied"] is True
    target, code = _created_text(client.applied_edits[-1])
    assert target == (tmp_path / "calc.go").as_uri()
    assert code.startswith("package main") and "func SumOfSquares(values []int) int" in code
    tests = ('package main\nimport "testing"\nfunc TestSq(t *testing.T) {\n'
             '  if SumOfSquares([]int{1, 2, 3}) != 14 { t.Fatal("wrong") }\n}\n')
    ran = sandbox_pool.run(Job.with_tests("go_test", code, tests))
    assert ran.status == "passed", (code, ran.stderr)

    (token,) = [t for t, reports in client.progress_reports.items() if reports]
    kinds = [type(r).__name__ for r in client.progress_reports[token]]
    assert kinds[0] == "WorkDoneProgressBegin" and kinds[-1] == "WorkDoneProgressEnd"
    assert "WorkDoneProgressReport" in kinds

    row = _row(client, result["id"])
    assert row["outcome"] == "accepted" and row["pair"] == "java-go" and row["source_text"] == JAVA
    assert row["output"] == code and row["tokens"] > 10 and row["latency_ms"] > 0 and row["client"] == "pytest-lsp"


PYTHON = """def sum_of_squares(values: list[int]) -> int:
    total = 0
    for v in values:
        total += v * v
    return total
"""


@pytest.mark.asyncio(loop_scope="function")
async def test_a_python_file_becomes_a_javascript_file(client: LanguageClient, tmp_path):
    uri = _open(client, tmp_path / "squares.py", PYTHON, language="python")
    whole = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=4, character=16))
    actions = await _actions(client, uri, whole)
    assert [a.title for a in actions] == ["ACT: Translate selection to JavaScript", "ACT: Translate file to JavaScript"]
    result = await _run(client, actions[1])
    assert result["applied"] is True
    target, code = _created_text(client.applied_edits[-1])
    assert target == (tmp_path / "squares.js").as_uri()
    assert code.startswith("function sumOfSquares(values) {")  # the derived signature, camelCase
    assert _row(client, result["id"])["pair"] == "python-javascript"


@pytest.mark.asyncio(loop_scope="function")
async def test_reject_and_edit_are_logged(client: LanguageClient, tmp_path):
    uri = _open(client, tmp_path / "Calc.java", JAVA)
    sel = types.Range(start=types.Position(line=1, character=4), end=types.Position(line=7, character=5))
    client.apply_answer = False
    selection = (await _actions(client, uri, sel))[0]
    rejected = await _run(client, selection)
    assert rejected["applied"] is False
    assert _row(client, rejected["id"])["outcome"] == "rejected"

    client.apply_answer = True
    accepted = await _run(client, selection)
    target, code = _created_text(client.applied_edits[-1])
    assert _row(client, accepted["id"])["outcome"] == "accepted"
    final = code.replace("total", "sum")
    assert final != code
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=target), text=final))
    for _ in range(50):
        await asyncio.sleep(0.1)
        if _row(client, accepted["id"])["outcome"] == "edited":
            break
    row = _row(client, accepted["id"])
    assert row["outcome"] == "edited" and row["final_text"] == final

    assert list(store.open_db(client.db_path)["jobs"].rows) == []  # one seed so far, trainAfter=2
    # The user changes their mind about the rejected one; explicit feedback is a command too.
    answer = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="act.accept", arguments=[rejected["id"], "looked wrong at first"]))
    assert answer == {"id": rejected["id"], "outcome": "accepted"}
    assert _row(client, rejected["id"])["reason"] == "looked wrong at first"
    # Two accepted/edited translations reach trainAfter=2: one training job is queued, not run here.
    jobs = list(store.open_db(client.db_path)["jobs"].rows)
    assert [(j["kind"], j["status"]) for j in jobs] == [("train", "queued")]
    status = await client.workspace_execute_command_async(types.ExecuteCommandParams(command="act.status"))
    assert status["training"] == "queued" and status["modelLoaded"] is True


@pytest.mark.asyncio(loop_scope="function")
async def test_cancellation_stops_generation(client: LanguageClient, tmp_path):
    uri = _open(client, tmp_path / "Big.java", LONG_JAVA)
    file_action = (await _actions(client, uri, types.Range(start=types.Position(line=0, character=0),
                                                           end=types.Position(line=0, character=0))))[0]
    task = asyncio.ensure_future(_run(client, file_action))
    for _ in range(3600):  # up to 180 s: a long prompt on a busy 2-core machine takes a while to start
        await asyncio.sleep(0.05)
        tokens = [t for t, r in client.progress_reports.items()
                  if any(isinstance(x, types.WorkDoneProgressReport) for x in r)]
        if tokens:
            break
    assert tokens, "no progress report arrived"
    client.window_work_done_progress_cancel(types.WorkDoneProgressCancelParams(token=tokens[0]))
    result = await asyncio.wait_for(task, 60)
    assert result["cancelled"] is True and result["applied"] is False
    row = _row(client, result["id"])
    assert row["outcome"] == "cancelled" and row["tokens"] < 400
    assert not client.applied_edits


@pytest.mark.asyncio(loop_scope="function")
async def test_bad_input_gives_messages_and_the_server_keeps_serving(client: LanguageClient, tmp_path):
    rb = _open(client, tmp_path / "x.rb", "puts 1\n", language="ruby")  # a language without a pair
    assert await _actions(client, rb, types.Range(start=types.Position(line=0, character=0),
                                                   end=types.Position(line=0, character=3))) is None
    uri = _open(client, tmp_path / "Empty.java", "   \n")
    await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="act.translate", arguments=[{"uri": uri, "pair": "java-go", "range": None}]))
    await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="act.translate", arguments=[{"uri": uri, "pair": "cobol-go"}]))
    binary = _open(client, tmp_path / "Bin.java", "class A {}\x00\x01\n")
    await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="act.translate", arguments=[{"uri": binary}]))
    texts = [m.message for m in client.messages]
    assert any("nothing to translate" in t for t in texts)
    assert any("unknown language pair 'cobol-go'" in t for t in texts)
    assert any("binary" in t for t in texts)
    assert not client.applied_edits
    # still alive and answering
    good = _open(client, tmp_path / "Calc.java", JAVA)
    assert await _actions(client, good, types.Range(start=types.Position(line=0, character=0),
                                                    end=types.Position(line=0, character=0)))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "act_lsp.cli"]))
async def missing_model_client(lsp_client: LanguageClient, tmp_path_factory):
    await _start(lsp_client, tmp_path_factory, "neovim", model="/nonexistent/model.gguf")
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio(loop_scope="function")
async def test_missing_model_is_a_message_not_a_crash(missing_model_client: LanguageClient, tmp_path):
    uri = _open(missing_model_client, tmp_path / "Calc.java", JAVA)
    answer = await missing_model_client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="act.translate", arguments=[{"uri": uri}]))
    assert answer is None
    assert any("model unavailable" in m.message and "neither a bundled model" in m.message
               for m in missing_model_client.messages)
    status = await missing_model_client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="act.status"))
    assert status["modelLoaded"] is False  # and the server still answers


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=[sys.executable, "-m", "act_lsp.cli"],
    # Docker is unreachable for this server: verification must degrade to a warning, not a failure.
    server_env={"DOCKER_HOST": "unix:///nonexistent/docker.sock"}))
async def verify_without_docker(lsp_client: LanguageClient, tmp_path_factory):
    await _start(lsp_client, tmp_path_factory, "neovim", maxTokens=200, verify="compile")
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio(loop_scope="function")
async def test_verify_with_docker_down_warns_and_still_translates(verify_without_docker: LanguageClient, tmp_path):
    client = verify_without_docker
    uri = _open(client, tmp_path / "Calc.java", JAVA)
    answer = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="act.translate", arguments=[{"uri": uri}]))
    assert answer["applied"] is True and answer["evidence"]["compiled"] is None
    assert any("sandbox is unavailable" in m.message and "cannot reach a Docker engine" in m.message
               for m in client.messages)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "act_lsp.cli"]))
async def verified(lsp_client: LanguageClient, tmp_path_factory):
    await _start(lsp_client, tmp_path_factory, "visual_studio_code", maxTokens=300, verify="compile", candidates=3)
    yield
    await lsp_client.shutdown_session()


@pytest.mark.docker
@pytest.mark.asyncio(loop_scope="function")
async def test_verified_translation_samples_candidates_together_and_serves_one_that_compiles(
        verified: LanguageClient, tmp_path, sandbox_pool):
    """The editor's path through the one translation routine: 3 candidates decoded in one batch, each compiled."""
    client = verified
    uri = _open(client, tmp_path / "Calc.java", JAVA)
    answer = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="act.translate", arguments=[{"uri": uri}]))
    evidence = answer["evidence"]
    assert answer["applied"] is True and evidence["mode"] == "compile" and evidence["candidates"] == 3
    _, code = _created_text(client.applied_edits[-1])
    assert evidence["compiled"] is sandbox_pool.run(Job.of("go_check", code)).passed is True
    reports = [r for rs in client.progress_reports.values() for r in rs if type(r).__name__ == "WorkDoneProgressReport"]
    assert reports and all("tokens" in (r.message or "") for r in reports)
    assert '"candidates": 3' in _row(client, answer["id"])["verify"]


CUBES = JAVA.replace("Calc", "Cubes").replace("sumOfSquares", "sumOfCubes").replace("v * v", "v * v * v")
INDEX_LOOP = """package main

func SumOfSquares(values []int) int {
\ttotal := 0
\tfor i := 0; i < len(values); i++ {
\t\ttotal += values[i] * values[i]
\t}
\treturn total
}
"""


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "act_lsp.cli"]))
async def learning(lsp_client: LanguageClient, tmp_path_factory):
    await _start(lsp_client, tmp_path_factory, "visual_studio_code", maxTokens=400, examples=2, verify="off")
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio(loop_scope="function")
async def test_an_edited_translation_shapes_the_next_similar_one(learning: LanguageClient, tmp_path):
    """Instant learning: the user's edit becomes a retrieved example, logged by id, and its style carries over."""
    from act_lsp.examples import Example

    client = learning

    async def translate(name: str, text: str) -> tuple[dict, str, str]:
        uri = _open(client, tmp_path / name, text)
        answer = await client.workspace_execute_command_async(types.ExecuteCommandParams(
            command="act.translate", arguments=[{"uri": uri}]))
        target, code = _created_text(client.applied_edits[-1])
        return answer, target, code

    before, _, code = await translate("Cubes.java", CUBES)
    assert "range values" in code and json.loads(_row(client, before["id"])["example_ids"]) == []

    calc, target, _ = await translate("Calc.java", JAVA)
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=target), text=INDEX_LOOP))  # the team's loop style
    for _ in range(50):
        await asyncio.sleep(0.1)
        if _row(client, calc["id"])["outcome"] == "edited":
            break

    after, _, code = await translate("Cubes.java", CUBES)
    edited = Example(pair="java-go", source=JAVA, target=INDEX_LOOP, origin="user")
    assert json.loads(_row(client, after["id"])["example_ids"]) == [edited.id]  # itself is never its own example
    assert "for i := 0; i < len(values); i++" in code and "range values" not in code
