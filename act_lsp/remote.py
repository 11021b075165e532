"""A model behind any OpenAI-compatible endpoint (llama.cpp's server, vLLM, a hosted API): the data engine's
teacher, or the model a team's language servers share.

Only the completions API is used: ACT's prompts are complete ChatML texts with the answer already started (the
scaffold), which a chat API cannot continue. Answers stream (server-sent events), so the editor's progress, its
cancellation and the time limit work as with the in-process model; closing the stream stops the generation on the
server. An endpoint that answers with one JSON body instead is read whole. The key comes from
``$ACT_TEACHER_API_KEY`` (or ``$OPENAI_API_KEY``); nothing is sent anywhere unless the user names the endpoint.

Adapters: a promoted version is served by an endpoint as a model of its own, named ``act-<version id>`` (vLLM's
``--lora-modules act-<id>=PATH`` or its runtime LoRA loading; llama.cpp-python's multi-model config with a
``lora_path``). ``follow`` switches the requests to that name when the endpoint lists it, so a promotion reaches
every editor without a restart; until the endpoint lists it the base keeps serving.
"""

from __future__ import annotations

import json
import os
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from act_lsp.engine import Generation, GenerationParams, read_stream
from act_lsp.model_store import ModelError


class RemoteModelError(ModelError):
    """The endpoint cannot be used (unreachable, refused, malformed answer); the message says which."""


def version_model(version_id: str) -> str:
    """The model name under which an endpoint serves a promoted version (its adapter on the base)."""
    return f"act-{version_id}"


@dataclass
class RemoteModel:
    base_url: str  # e.g. http://gpu-box:8080/v1
    model: str = "default"  # what the requests ask for: the base, or a promoted version (``follow``)
    api_key: str | None = None
    timeout: float = 300.0
    base: str = ""  # the endpoint's base model name ("" : ``model`` as first given)
    _listed: tuple[float, frozenset[str]] = field(default=(0.0, frozenset()), init=False, repr=False)

    def __post_init__(self) -> None:
        self.base = self.base or self.model

    @property
    def model_path(self) -> Path:  # reports print ``model_path.name``, as for a local GGUF
        return Path(self.model)

    def _request(self, path: str, body: dict | None = None, *, timeout: float | None = None):
        headers = {"Content-Type": "application/json"}
        key = self.api_key or os.environ.get("ACT_TEACHER_API_KEY") or os.environ.get("OPENAI_API_KEY")
        if key:
            headers["Authorization"] = f"Bearer {key}"
        url = self.base_url.rstrip("/") + path
        request = urllib.request.Request(url, data=json.dumps(body).encode() if body is not None else None,
                                         headers=headers, method="POST" if body is not None else "GET")
        try:
            return urllib.request.urlopen(request, timeout=timeout or self.timeout)
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode(errors="replace")[:300]
            raise RemoteModelError(f"{url} answered HTTP {exc.code}: {detail}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise RemoteModelError(f"cannot reach the model endpoint {url}: {exc}") from None

    def models(self, *, timeout: float = 10.0) -> list[str]:
        """The model names the endpoint serves (``GET /models``)."""
        with self._request("/models", timeout=timeout) as response:
            try:
                return [str(m["id"]) for m in json.load(response)["data"]]
            except (ValueError, KeyError, TypeError):
                raise RemoteModelError(f"{self.base_url}/models: no list of models in the answer") from None

    def follow(self, version_id: str | None, *, recheck: float = 30.0) -> str:
        """Ask for the promoted version when the endpoint serves it, else the base; returns the name now asked for.
        The endpoint's list is read again at most every ``recheck`` seconds (a version it adds later is found)."""
        wanted = version_model(version_id) if version_id else self.base
        if wanted != self.base:
            at, listed = self._listed
            if wanted not in listed and time.monotonic() - at > recheck:
                try:
                    listed = frozenset(self.models())
                except RemoteModelError:
                    listed = frozenset()
                self._listed = (time.monotonic(), listed)
            if wanted not in listed:
                wanted = self.base
        self.model = wanted
        return wanted

    def generate(self, prompt: str, params: GenerationParams | None = None, *,
                 on_token: Callable[[str, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> Generation:
        """Complete ``prompt``; ``on_token(piece, n)`` sees every streamed piece, ``cancelled()`` is polled per piece
        (either, or the time limit, closes the stream)."""
        params = params or GenerationParams()
        body = {"model": self.model, "prompt": prompt, "max_tokens": params.max_tokens, "stream": True,
                "temperature": params.temperature, "top_p": params.top_p, "stop": list(params.stop)}
        if params.seed is not None:
            body["seed"] = params.seed
        start = time.perf_counter()
        url = self.base_url.rstrip("/") + "/completions"
        response = self._request("/completions", body, timeout=min(self.timeout, params.time_limit))
        try:
            if "text/event-stream" not in response.headers.get("Content-Type", ""):
                return self._whole(response, url, start)
            return read_stream(_events(response, url), params, start, on_token=on_token, cancelled=cancelled)
        except (TimeoutError, OSError) as exc:
            raise RemoteModelError(f"{url}: the stream broke off ({exc})") from None
        finally:
            response.close()

    def generate_many(self, prompt: str, params: Sequence[GenerationParams], *,
                      on_token: Callable[[str, int], None] | None = None,
                      cancelled: Callable[[], bool] | None = None) -> list[Generation]:
        """One completion per entry, requested concurrently: a server that batches (vLLM, llama.cpp's parallel
        slots) decodes them together. ``on_token`` counts the pieces of all of them."""
        lock, count = threading.Lock(), [0]

        def counted(piece: str, _n: int) -> None:
            with lock:
                count[0] += 1
                n = count[0]
            on_token(piece, n)  # type: ignore[misc]

        with ThreadPoolExecutor(max_workers=len(params)) as pool:
            return list(pool.map(lambda p: self.generate(prompt, p, on_token=counted if on_token else None,
                                                         cancelled=cancelled), params))

    @staticmethod
    def _whole(response, url: str, start: float) -> Generation:
        try:
            data = json.load(response)
            choice = data["choices"][0]
            text = choice["text"]
        except ValueError:
            raise RemoteModelError(f"{url} did not answer with JSON") from None
        except (KeyError, IndexError, TypeError):
            raise RemoteModelError(f"{url}: no choices[0].text in the answer") from None
        seconds = time.perf_counter() - start
        usage = data.get("usage") or {}
        return Generation(text=text, tokens=int(usage.get("completion_tokens", len(text) // 4)),
                          finish_reason=choice.get("finish_reason") or "stop", seconds=seconds,
                          first_token_seconds=seconds, prompt_tokens=int(usage.get("prompt_tokens", 0)))


def _events(response, url: str):
    """The JSON payloads of a server-sent event stream, up to ``[DONE]``."""
    for raw in response:
        line = raw.decode("utf-8", "replace").strip()
        if not line.startswith("data:"):
            continue  # blank separators, comments, event names
        data = line[5:].strip()
        if data == "[DONE]":
            return
        try:
            yield json.loads(data)
        except ValueError:
            raise RemoteModelError(f"{url}: a streamed event is not JSON: {data[:100]}") from None


def open_endpoint(url: str, model: str | None = None) -> RemoteModel:
    """The endpoint's ``model``; without a name, the first model it lists (asked now, so an unreachable endpoint
    fails here with a clear message rather than on the first request)."""
    if model:
        return RemoteModel(url, model=model)
    listed = RemoteModel(url).models()
    return RemoteModel(url, model=listed[0] if listed else "default")


def load_teacher(spec: str):
    """The teacher: as ``load_model``, an endpoint's model named by ``$ACT_TEACHER_MODEL`` if set."""
    return load_model(spec, remote_model=os.environ.get("ACT_TEACHER_MODEL"))


def load_model(spec: str | None, *, remote_model: str | None = None):
    """A bundled name or GGUF path (None: ``$ACT_MODEL`` or the default) → a local ModelHost; an http(s) URL →
    a RemoteModel (``remote_model``, or the first model the endpoint lists)."""
    if spec and is_endpoint(spec):
        return open_endpoint(spec, remote_model)
    from act_lsp.engine import EngineConfig, ModelHost

    return ModelHost(EngineConfig(model=spec))


def is_endpoint(spec: str | None) -> bool:
    return bool(spec and spec.startswith(("http://", "https://")))
