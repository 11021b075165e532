"""The ACT language server: code actions that translate a selection or a file, with progress and feedback.

Handlers only wire LSP to the libraries (translator, store, edits). ``textDocument/codeAction`` answers at
once with commands; the model runs in ``act.translate`` on a worker thread, reports ``$/progress`` and is
cancellable; the result goes to the user as an annotated ``workspace/applyEdit`` whose answer is logged as
accepted or rejected, and a later save that changes the generated code is logged as edited.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from act_lsp import __version__, edits, store
from act_lsp.config import ServerSettings, parse_settings
from act_lsp.diagnostics import verdict_diagnostics
from act_lsp.engine import EngineConfig, GenerationParams, ModelHost
from act_lsp.examples import Example, ExampleIndex
from act_lsp.model_store import ModelError, resolve_model_path
from act_lsp.pairs import PAIRS, LanguagePair, get_pair, pair_for, target_file_name
from act_lsp.remote import RemoteModel, RemoteModelError, is_endpoint, open_endpoint, version_model
from act_lsp.translator import Translation, Translator

log = logging.getLogger("act_lsp")

CMD_TRANSLATE = "act.translate"
CMD_ACCEPT = "act.accept"
CMD_REJECT = "act.reject"
CMD_STATUS = "act.status"
CMD_RETRAIN = "act.retrain"
STATUS_NOTIFICATION = "act/status"
PROGRESS_EVERY = 8  # tokens between progress reports
DB_RETRY_SECONDS = 10.0  # after the database did not answer, feedback goes straight to the journal this long


class UserError(Exception):
    """Something the user can fix; shown as a message, never a traceback."""

    def __init__(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class Watch:
    """A translation the user accepted into ``target_uri``, watched for later edits."""

    translation_id: str
    generated: str


class ActLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("act-lsp", __version__)
        self.settings = ServerSettings()
        self._host: ModelHost | RemoteModel | None = None
        self.notices: list[str] = []  # warnings from the worker thread, shown by the request that raised them
        self._translator: Translator | None = None
        self._load_lock = threading.Lock()
        self._db = None
        self.watches: dict[str, Watch] = {}
        self.last_translation: str | None = None
        self.client_name = "unknown"
        self._examples: tuple[tuple, ExampleIndex] | None = None  # (store counts and settings, index)

    # --- resources, created on first use --------------------------------------------------------
    @property
    def db(self):
        if self._db is None:
            # lazy: a shared database may be down now; while it is, feedback goes to the journal without a wait
            self._db = store.open_db(self.settings.database, lazy=True, timeout=3.0, retry_after=DB_RETRY_SECONDS)
        return self._db

    def translator(self) -> Translator:
        with self._load_lock:
            if self._translator is None:
                self._serve(self._open_model())
        return self._translator

    def _serve(self, host: ModelHost | RemoteModel) -> None:
        """Serve ``host``; a translator already running keeps its sandbox pool and only changes model."""
        self._host = host
        if self._translator is None:
            self._translator = Translator(host, _sandbox_factory)
        else:
            self._translator.generator = host

    def _open_model(self) -> ModelHost | RemoteModel:
        """The configured model: in process, or a shared endpoint's (asked for its models now, so an unreachable
        one is a clear error at once, or the fallback model)."""
        if not is_endpoint(self.settings.model):
            return ModelHost(EngineConfig(model=self.settings.model))
        try:
            return open_endpoint(str(self.settings.model), self.settings.endpoint_model)
        except RemoteModelError as exc:
            return self._fallback(exc)

    def fall_back(self, exc: RemoteModelError) -> Translator:
        """The endpoint failed mid-session: the fallback model from now on, or the error when none is set."""
        with self._load_lock:
            if isinstance(self._host, RemoteModel):
                self._serve(self._fallback(exc))
        return self._translator

    def _fallback(self, exc: RemoteModelError) -> ModelHost:
        if not self.settings.fallback_model:
            raise exc
        self.notices.append(f"{exc}; translating with the local model {self.settings.fallback_model} until the "
                            "server restarts")
        return ModelHost(EngineConfig(model=self.settings.fallback_model))

    @property
    def model_name(self) -> str:
        if isinstance(self._host, RemoteModel):
            return self._host.model
        return self._host.model_path.name if self._host else (self.settings.model or "default")

    def project_of(self, uri: str) -> str:
        """The workspace folder holding ``uri`` (examples from the same project rank first)."""
        try:
            folders = list(self.workspace.folders.values())
        except RuntimeError:  # not initialized yet
            return ""
        return next((f.uri for f in folders if uri.startswith(f.uri.rstrip("/") + "/")), "")

    def examples(self, pair: LanguagePair, source: str, uri: str) -> list[Example]:
        """Retrieved validated translations for the prompt; the index is rebuilt when the store has new ones."""
        if self.settings.examples <= 0:
            return []
        key = (*store.example_counts(self.db), self.settings.log_code, self.settings.synthetic_examples)
        if self._examples is None or self._examples[0] != key:
            # With logCode off nothing is retrieved from users' code: synthetic pairs only.
            rows = store.validated_examples(self.db, users=self.settings.log_code,
                                            synthetic=self.settings.synthetic_examples, project_of=self.project_of)
            self._examples = (key, ExampleIndex(rows))
        found, _ = self._examples[1].search(pair.id, source, self.settings.examples, project=self.project_of(uri),
                                            min_similarity=self.settings.examples_min_similarity)
        return found

    def follow_promotion(self, pair: LanguagePair | None = None) -> str | None:
        """Serve the promoted model version, switching in place when it changed: its merged model when one was
        made for the model this server runs, else its adapter on the model. Returns the version's id."""
        try:
            version = store.promoted_version(self.db, pair.id if pair else None)
        except store.StoreError:
            return None
        if self._host is None:
            return version["id"] if version else None
        if isinstance(self._host, RemoteModel):  # the endpoint serves the version as a model of its own
            served = self._host.follow(version["id"] if version else None)
            return version["id"] if version and served == version_model(version["id"]) else None
        if version and not store.trained_on(version, self._host.model_path):
            log.debug("%s was trained on %s, not on the served %s", version["id"], version["base_model"],
                      self._host.model_path)
            version = None
        merged = version and version.get("merged_path")
        weights = Path(merged) if merged and Path(merged).is_file() else None
        adapter = version["adapter_path"] if version and not weights else None
        if self._host.weights_path != (weights or self._host.model_path):
            seconds = self._host.load_weights(weights)
            log.info("now serving %s (%.1f s)", weights or self._host.model_path, seconds)
        if self._host.adapter_path != adapter:
            seconds = self._host.set_adapter(adapter)
            log.info("adapter switched to %s in %.3f s", adapter, seconds)
        return version["id"] if version else None

    def adapters(self) -> dict[str, str]:
        """The promoted version each pair gets on the model this server runs (an endpoint serves every version as
        a model of its own; a local model only those trained on it)."""
        remote = isinstance(self._host, RemoteModel) or (self._host is None and is_endpoint(self.settings.model))
        model = None
        if not remote:
            try:
                model = self._host.model_path if self._host else resolve_model_path(self.settings.model)
            except ModelError:  # not installed: nothing is applied
                return {}
        return {pair: v["id"] for pair, v in store.serving_versions(self.db, PAIRS, model).items()}

    def status(self) -> dict:
        try:
            training = store.training_state(self.db)
            adapters = self.adapters()
        except store.StoreError as exc:
            training, adapters = f"unknown ({exc})", {}
        return {"server": __version__, "model": self.model_name, "modelLoaded": self._host is not None,
                "adapterVersion": ",".join(sorted(set(adapters.values()))) or None, "adapters": adapters,
                "training": training,
                "verify": self.settings.verify,
                "weights": self._host.weights_path.name if isinstance(self._host, ModelHost) else None}

    def notify_status(self) -> None:
        self.protocol.notify(STATUS_NOTIFICATION, self.status())

    def message(self, text: str, kind: types.MessageType = types.MessageType.Info) -> None:
        self.window_show_message(types.ShowMessageParams(type=kind, message=f"ACT: {text}"))


def _sandbox_factory():
    from act_lsp.sandbox import SandboxPool

    return SandboxPool()


SERVER = ActLanguageServer()


# --- lifecycle -----------------------------------------------------------------------------------
@SERVER.feature(types.INITIALIZED)
def initialized(ls: ActLanguageServer, params: types.InitializedParams) -> None:
    ls.notify_status()


@SERVER.feature(types.SHUTDOWN)
def shutdown(ls: ActLanguageServer, params: None) -> None:
    if ls._translator is not None:
        ls._translator.close()


@SERVER.feature(types.INITIALIZE)
def initialize(ls: ActLanguageServer, params: types.InitializeParams) -> None:
    ls.client_name = params.client_info.name if params.client_info else "unknown"
    try:
        ls.settings = parse_settings(params.initialization_options)
    except (ValueError, TypeError) as exc:
        ls.settings = ServerSettings()
        ls.message(f"invalid settings, using defaults: {exc}", types.MessageType.Error)


# --- code actions: instant, no model call ----------------------------------------------------------
@SERVER.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.RefactorRewrite],
                                        resolve_provider=True))
def code_action(ls: ActLanguageServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    doc = ls.workspace.get_text_document(params.text_document.uri)
    pair = pair_for(doc.language_id, doc.uri, ls.settings.targets)
    if pair is None:
        return None
    actions = []
    rng = params.range
    if rng.start != rng.end:
        actions.append(_action(f"ACT: Translate selection to {pair.target.display}", doc.uri, pair, rng))
    actions.append(_action(f"ACT: Translate file to {pair.target.display}", doc.uri, pair, None))
    return actions


def _action(title: str, uri: str, pair: LanguagePair, rng: types.Range | None) -> types.CodeAction:
    args = {"uri": uri, "pair": pair.id, "range": _range_to_json(rng) if rng else None}
    return types.CodeAction(title=title, kind=types.CodeActionKind.RefactorRewrite,
                            command=types.Command(title=title, command=CMD_TRANSLATE, arguments=[args]))


def _range_to_json(rng: types.Range) -> dict:
    return {"start": {"line": rng.start.line, "character": rng.start.character},
            "end": {"line": rng.end.line, "character": rng.end.character}}


def _range_from_json(raw: dict) -> types.Range:
    def pos(p: dict) -> types.Position:
        return types.Position(line=int(p["line"]), character=int(p["character"]))

    try:
        return types.Range(start=pos(raw["start"]), end=pos(raw["end"]))
    except (KeyError, TypeError, ValueError):
        raise UserError(f"act.translate got a malformed range: {raw!r}") from None


@SERVER.feature(types.CODE_ACTION_RESOLVE)
def code_action_resolve(ls: ActLanguageServer, action: types.CodeAction) -> types.CodeAction:
    return action  # everything is in the command already (Neovim resolves every action)


# --- translate -----------------------------------------------------------------------------------
@dataclass
class TranslateRequest:
    uri: str
    pair: LanguagePair
    range: types.Range | None
    source: str
    target_uri: str


def _request(ls: ActLanguageServer, raw) -> TranslateRequest:
    if not isinstance(raw, dict) or "uri" not in raw:
        raise UserError("act.translate needs an argument {uri, pair?, range?}")
    doc = ls.workspace.get_text_document(raw["uri"])
    try:
        pair = get_pair(raw["pair"]) if raw.get("pair") else pair_for(doc.language_id, doc.uri, ls.settings.targets)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if pair is None:
        raise UserError(f"no translation is configured for {doc.language_id or Path(doc.uri).suffix} files",
                        types.MessageType.Warning)
    text = doc.source
    rng = _range_from_json(raw["range"]) if raw.get("range") else None
    if rng is not None:
        if rng.start == rng.end:
            raise UserError("the selection is empty: select the code to translate", types.MessageType.Warning)
        text = text[doc.offset_at_position(rng.start):doc.offset_at_position(rng.end)]
    if not text.strip():
        raise UserError("there is nothing to translate (the text is empty)", types.MessageType.Warning)
    if "\x00" in text:
        raise UserError("this looks like a binary file; ACT translates source code only")
    if len(text.encode()) > ls.settings.max_source_bytes:
        raise UserError(f"the text is {len(text.encode())} bytes; ACT translates at most "
                        f"{ls.settings.max_source_bytes} at once (setting maxSourceBytes): select a part")
    return TranslateRequest(uri=doc.uri, pair=pair, range=rng, source=text, target_uri=_target_uri(ls, doc.uri, pair))


def _target_uri(ls: ActLanguageServer, uri: str, pair: LanguagePair) -> str:
    source = Path(to_fs_path(uri) or uri)
    folder = Path(ls.settings.output_dir).expanduser() if ls.settings.output_dir else source.parent
    return from_fs_path(str(folder / target_file_name(pair, source.name)))


def _existing_text(ls: ActLanguageServer, uri: str) -> str | None:
    if uri in ls.workspace.text_documents:
        return ls.workspace.get_text_document(uri).source
    path = Path(to_fs_path(uri) or "")
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None


class _Progress:
    """``$/progress`` for one translation, safe to report from the worker thread."""

    def __init__(self, ls: ActLanguageServer) -> None:
        self.ls, self.token, self.loop = ls, str(uuid.uuid4()), asyncio.get_running_loop()
        caps = ls.client_capabilities.window
        self.enabled = bool(caps and caps.work_done_progress)
        self.first_report: float | None = None

    async def begin(self, title: str) -> None:
        if self.enabled:
            await self.ls.work_done_progress.create_async(self.token)
            self.ls.work_done_progress.begin(self.token, types.WorkDoneProgressBegin(
                title=title, cancellable=True, message="loading model" if self.ls._host is None else "generating"))

    def cancelled(self) -> bool:
        future = self.ls.work_done_progress.tokens.get(self.token)
        return bool(future and future.cancelled())

    def report(self, message: str) -> None:
        if self.enabled:
            self.first_report = self.first_report or time.perf_counter()
            self.loop.call_soon_threadsafe(self.ls.work_done_progress.report, self.token,
                                           types.WorkDoneProgressReport(message=message, cancellable=True))

    def end(self, message: str) -> None:
        if self.enabled:
            self.ls.work_done_progress.end(self.token, types.WorkDoneProgressEnd(message=message))


@SERVER.command(CMD_TRANSLATE)
async def translate(ls: ActLanguageServer, *args) -> dict | None:
    try:
        return await _translate(ls, args[0] if args else None)
    except UserError as exc:
        ls.message(str(exc), exc.kind)
    except ModelError as exc:
        ls.message(f"model unavailable: {exc}", types.MessageType.Error)
    except store.StoreError as exc:
        ls.message(str(exc), types.MessageType.Warning)
    return None


async def _translate(ls: ActLanguageServer, raw) -> dict | None:
    req = _request(ls, raw)
    progress = _Progress(ls)
    what = "selection" if req.range else Path(to_fs_path(req.uri) or req.uri).name
    await progress.begin(f"ACT: translating {what} to {req.pair.target.display}")
    started = time.perf_counter()
    try:
        result, adapter, example_ids = await asyncio.to_thread(_run_translation, ls, req, progress)
    finally:
        progress.end("done")
        while ls.notices:
            ls.message(ls.notices.pop(0), types.MessageType.Warning)
    latency_ms = int((time.perf_counter() - started) * 1000)
    if result.evidence.sandbox_error:
        ls.message(f"verification is on but the sandbox is unavailable ({result.evidence.sandbox_error}); "
                   "translated without verification", types.MessageType.Warning)
    record = store.TranslationRecord(
        pair=req.pair.id, kind="selection" if req.range else "file", uri=req.uri, target_uri=req.target_uri,
        source_text=req.source, output=result.code, model=ls.model_name, adapter_version=adapter,
        prompt_hash=result.prompt_hash, latency_ms=latency_ms, tokens=result.tokens,
        verify=result.evidence.as_dict(), client=ls.client_name, example_ids=example_ids)
    tid = _log(ls, lambda: store.record_translation(ls.db, record, log_code=ls.settings.log_code))
    if result.cancelled or progress.cancelled():
        _log(ls, lambda: store.set_outcome(ls.db, tid, "cancelled"))
        ls.message("translation cancelled", types.MessageType.Info)
        return {"id": tid, "applied": False, "cancelled": True}
    if result.finish_reason == "timeout" or not result.code.strip():
        _log(ls, lambda: store.set_outcome(ls.db, tid, "failed", reason=result.finish_reason))
        why = (f"generation hit the {ls.settings.time_limit:.0f} s limit (setting timeLimit)"
               if result.finish_reason == "timeout" else "the model returned no code")
        raise UserError(f"translation failed: {why}; nothing was changed")
    applied = await _apply(ls, req, result)
    _log(ls, lambda: store.set_outcome(ls.db, tid, "accepted" if applied else "rejected"))
    ls.last_translation = tid
    if applied:
        ls.watches[req.target_uri] = Watch(tid, result.code)
        _log(ls, lambda: store.maybe_enqueue_training(ls.db, ls.settings.train_after))
    ls.notify_status()
    return {"id": tid, "applied": applied, "targetUri": req.target_uri, "evidence": result.evidence.as_dict(),
            "tokens": result.tokens, "latencyMs": latency_ms}


def _run_translation(ls: ActLanguageServer, req: TranslateRequest, progress: _Progress,
                     ) -> tuple[Translation, str | None, list[str]]:
    """The translation, the adapter version that produced it and the ids of the examples its prompt showed."""
    translator = ls.translator()
    adapter = ls.follow_promotion(req.pair)
    params = GenerationParams(max_tokens=ls.settings.max_tokens, time_limit=ls.settings.time_limit)

    def on_token(_piece: str, n: int) -> None:
        if n % PROGRESS_EVERY == 1:
            progress.report(f"{n} tokens")

    examples = _log(ls, lambda: ls.examples(req.pair, req.source, req.uri)) or []

    def translate(translator: Translator) -> Translation:
        return translator.translate(req.pair, req.source, params=params, verify=ls.settings.verify,
                                    candidates=ls.settings.candidates, examples=examples,
                                    decompose=ls.settings.decompose, on_token=on_token, cancelled=progress.cancelled)

    try:
        result = translate(translator)
    except RemoteModelError as exc:  # the shared endpoint went away: once more on the fallback model, if any
        result, adapter = translate(ls.fall_back(exc)), ls.follow_promotion(req.pair)
    return result, adapter, [ex.id for ex in examples]


async def _apply(ls: ActLanguageServer, req: TranslateRequest, result: Translation) -> bool:
    existing = _existing_text(ls, req.target_uri)
    kind = "selection" if req.range else "file"
    new_text = edits.merged_target(req.pair.target.name, existing, result.code, kind)
    caps = ls.client_capabilities.workspace
    we = caps.workspace_edit if caps else None
    edit = edits.workspace_edit(
        target_uri=req.target_uri, existing=existing, new_text=new_text,
        label=f"ACT translation ({req.pair.title})", description=result.evidence.summary(),
        annotate=bool(we and we.change_annotation_support), document_changes=bool(we and we.document_changes),
        can_create=bool(we and we.resource_operations and types.ResourceOperationKind.Create in we.resource_operations),
        encoding=ls.workspace.position_encoding)
    ev = result.evidence
    if ev.mode != "off" or ev.sandbox_error:
        right = ev.compiled and ev.tests_passed is not False
        ls.message(f"translation {ev.summary()}", types.MessageType.Info if right else types.MessageType.Warning)
    answer = await ls.workspace_apply_edit_async(types.ApplyWorkspaceEditParams(edit=edit, label="ACT translation"))
    applied = bool(answer and answer.applied)
    if applied:  # the verdict stays visible on the file it concerns (an empty list clears an earlier one)
        found = verdict_diagnostics(ev, result.code, new_text, req.pair.target.name)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=req.target_uri, diagnostics=found))
    return applied


def _log(ls: ActLanguageServer, fn):
    """Feedback logging must never cost the user their translation (what the database cannot take now is kept)."""
    try:
        return fn()
    except store.StoreError as exc:
        ls.message(str(exc), types.MessageType.Warning)
        return None
    finally:
        _show_notices(ls)


def _show_notices(ls: ActLanguageServer) -> None:
    for notice in store.take_notices(ls.db):
        ls.message(notice, types.MessageType.Warning)


# --- feedback ------------------------------------------------------------------------------------
@SERVER.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=True))
def did_save(ls: ActLanguageServer, params: types.DidSaveTextDocumentParams) -> None:
    watch = ls.watches.get(params.text_document.uri)
    if watch is None:
        return
    text = params.text if params.text is not None else _existing_text(ls, params.text_document.uri)
    if text is not None and not edits.contains_generated(text, watch.generated):
        _log(ls, lambda: store.set_outcome(ls.db, watch.translation_id, "edited", final_text=text))
        _log(ls, lambda: store.maybe_enqueue_training(ls.db, ls.settings.train_after))


def _feedback(ls: ActLanguageServer, args: tuple, outcome: store.Outcome) -> dict | None:
    tid = args[0] if args and args[0] else ls.last_translation
    reason = args[1] if len(args) > 1 else None
    if not tid:
        ls.message("there is no translation to give feedback on yet", types.MessageType.Warning)
        return None
    try:
        store.set_outcome(ls.db, tid, outcome, reason=reason)
    except store.StoreError as exc:
        ls.message(str(exc), types.MessageType.Warning)
        return None
    finally:
        _show_notices(ls)
    if outcome == "accepted":
        _log(ls, lambda: store.maybe_enqueue_training(ls.db, ls.settings.train_after))
    ls.message(f"translation marked {outcome}")
    return {"id": tid, "outcome": outcome}


@SERVER.command(CMD_ACCEPT)
def accept(ls: ActLanguageServer, *args) -> dict | None:
    return _feedback(ls, args, "accepted")


@SERVER.command(CMD_REJECT)
def reject(ls: ActLanguageServer, *args) -> dict | None:
    return _feedback(ls, args, "rejected")


@SERVER.command(CMD_STATUS)
def show_status(ls: ActLanguageServer, *args) -> dict:
    status = ls.status()
    ls.message(", ".join(f"{k}: {v}" for k, v in status.items()))
    ls.notify_status()
    return status


@SERVER.command(CMD_RETRAIN)
def retrain(ls: ActLanguageServer, *args) -> dict | None:
    job = _log(ls, lambda: store.enqueue_job(ls.db, "train", {"reason": "requested from the editor"}))
    if job is not None:
        ls.message(f"training job {job} queued; `act-train daemon` picks it up")
        ls.notify_status()
    return {"job": job}
