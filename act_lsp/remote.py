"""A teacher model behind any OpenAI-compatible endpoint (llama.cpp's server, vLLM, a hosted API).

Only the completions API is used: the pipeline's prompts are complete ChatML texts with the answer already
started (the scaffold), which a chat API cannot continue. The key comes from ``$ACT_TEACHER_API_KEY`` (or
``$OPENAI_API_KEY``); nothing is sent anywhere unless the user names the endpoint.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from act_lsp.engine import Generation, GenerationParams


class RemoteModelError(RuntimeError):
    """The endpoint cannot be used (unreachable, refused, malformed answer); the message says which."""


@dataclass(frozen=True)
class RemoteModel:
    base_url: str  # e.g. http://gpu-box:8080/v1
    model: str = "default"
    api_key: str | None = None
    timeout: float = 300.0

    @property
    def model_path(self) -> Path:  # reports print ``model_path.name``, as for a local GGUF
        return Path(self.model)

    def generate(self, prompt: str, params: GenerationParams, **_ignored) -> Generation:
        body = {"model": self.model, "prompt": prompt, "max_tokens": params.max_tokens,
                "temperature": params.temperature, "top_p": params.top_p, "stop": list(params.stop)}
        if params.seed is not None:
            body["seed"] = params.seed
        headers = {"Content-Type": "application/json"}
        key = self.api_key or os.environ.get("ACT_TEACHER_API_KEY") or os.environ.get("OPENAI_API_KEY")
        if key:
            headers["Authorization"] = f"Bearer {key}"
        url = self.base_url.rstrip("/") + "/completions"
        request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=min(self.timeout, params.time_limit)) as response:
                data = json.load(response)
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode(errors="replace")[:300]
            raise RemoteModelError(f"{url} answered HTTP {exc.code}: {detail}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise RemoteModelError(f"cannot reach the teacher endpoint {url}: {exc}") from None
        except ValueError:
            raise RemoteModelError(f"{url} did not answer with JSON") from None
        try:
            choice = data["choices"][0]
            text = choice["text"]
        except (KeyError, IndexError, TypeError):
            raise RemoteModelError(f"{url}: no choices[0].text in the answer") from None
        seconds = time.perf_counter() - start
        usage = data.get("usage") or {}
        return Generation(text=text, tokens=int(usage.get("completion_tokens", len(text) // 4)),
                          finish_reason=choice.get("finish_reason") or "stop", seconds=seconds,
                          first_token_seconds=seconds, prompt_tokens=int(usage.get("prompt_tokens", 0)))


def load_model(spec: str | None, *, remote_model: str | None = None):
    """A bundled name or GGUF path → a local ModelHost; an http(s) URL → a RemoteModel."""
    if spec and spec.startswith(("http://", "https://")):
        return RemoteModel(spec, model=remote_model or os.environ.get("ACT_TEACHER_MODEL", "default"))
    from act_lsp.engine import EngineConfig, ModelHost

    return ModelHost(EngineConfig(model=spec))
