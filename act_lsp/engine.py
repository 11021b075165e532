"""The model host: the one place that owns the llama.cpp model (and its LoRA adapter) in a process.

Requests are serialised behind one lock (llama.cpp contexts are not thread-safe), tokens stream to a
callback, cancellation and a wall-clock limit are checked on every token, and the adapter can be swapped
in place — llama.cpp's adapter API plus a cache reset — when a new version is promoted.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from act_lsp.model_store import ModelError, check_gguf_header, resolve_model_path
from act_lsp.prompts import STOP


@dataclass(frozen=True, kw_only=True)
class EngineConfig:
    """How the model is loaded. ``model``: a bundled name, a GGUF path, or None for ``$ACT_MODEL``/default."""

    model: str | None = None
    adapter: str | None = None  # LoRA GGUF applied on load
    n_ctx: int = 4096
    n_threads: int | None = None  # None: all cores
    n_gpu_layers: int = -1  # offload everything when llama.cpp was built with a GPU backend; ignored on CPU
    seed: int = 0


@dataclass(frozen=True, kw_only=True)
class GenerationParams:
    max_tokens: int = 1024
    temperature: float = 0.0  # greedy by default: translations should be reproducible
    top_p: float = 0.95
    seed: int | None = None
    time_limit: float = 180.0  # seconds
    stop: tuple[str, ...] = STOP


@dataclass(frozen=True)
class Generation:
    text: str
    tokens: int
    finish_reason: str  # stop | length | cancelled | timeout
    seconds: float
    first_token_seconds: float
    prompt_tokens: int = 0

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds > 0 else 0.0


class GenerationCancelled(Exception):
    pass


@dataclass
class _AdapterState:
    path: str | None = None
    handle: object | None = None
    scale: float = 1.0
    swaps: list[float] = field(default_factory=list)  # seconds each swap took


class ModelHost:
    """Loads the model once; ``generate`` may be called from any thread (calls queue on one lock)."""

    def __init__(self, config: EngineConfig | None = None) -> None:
        from llama_cpp import Llama

        self.config = config or EngineConfig()
        self.model_path: Path = resolve_model_path(self.config.model)
        self._lock = threading.Lock()
        self._adapter = _AdapterState()
        try:
            self._llm = Llama(model_path=str(self.model_path), n_ctx=self.config.n_ctx,
                              n_threads=self.config.n_threads or os.cpu_count(), n_gpu_layers=self.config.n_gpu_layers,
                              seed=self.config.seed, verbose=False)
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelError(f"llama.cpp could not load {self.model_path}: {exc}. Reinstall it with "
                             "`act-train models install --force` or point ACT_MODEL at a valid GGUF") from None
        if self.config.adapter:
            self.set_adapter(self.config.adapter)

    # --- adapters ------------------------------------------------------------------------------
    @property
    def adapter_path(self) -> str | None:
        return self._adapter.path

    def set_adapter(self, path: str | os.PathLike | None, scale: float = 1.0) -> float:
        """Swap the LoRA adapter in place (None removes it); returns the seconds it took."""
        import llama_cpp

        start = time.perf_counter()
        path = str(path) if path else None
        with self._lock:
            handle = None
            if path:
                if not Path(path).is_file():
                    raise ModelError(f"adapter {path} does not exist")
                check_gguf_header(Path(path))
                handle = llama_cpp.llama_adapter_lora_init(self._llm.model, path.encode())
                if not handle:
                    raise ModelError(f"llama.cpp rejected the adapter {path} (not a LoRA GGUF for this base model?)")
                adapters = (llama_cpp.llama_adapter_lora_p_ctypes * 1)(handle)
                scales = (ctypes.c_float * 1)(scale)
                rc = llama_cpp.llama_set_adapters_lora(self._llm.ctx, adapters, 1, scales)
            else:
                rc = llama_cpp.llama_set_adapters_lora(self._llm.ctx, None, 0, None)
            if rc != 0:
                if handle:
                    llama_cpp.llama_adapter_lora_free(handle)
                raise ModelError(f"llama.cpp could not apply adapter {path} (code {rc})")
            old = self._adapter.handle
            self._adapter.path, self._adapter.handle, self._adapter.scale = path, handle, scale
            if old:
                llama_cpp.llama_adapter_lora_free(old)
            self._reset_cache()
        elapsed = time.perf_counter() - start
        self._adapter.swaps.append(elapsed)
        return elapsed

    def _reset_cache(self) -> None:
        """The KV cache holds activations computed with the old weights: drop it."""
        import llama_cpp

        mem = llama_cpp.llama_get_memory(self._llm.ctx)
        if mem:
            llama_cpp.llama_memory_clear(mem, True)
        self._llm.reset()

    # --- generation ----------------------------------------------------------------------------
    def count_tokens(self, text: str) -> int:
        return len(self._llm.tokenize(text.encode(), add_bos=False, special=True))

    def generate(self, prompt: str, params: GenerationParams | None = None, *,
                 on_token: Callable[[str, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> Generation:
        """Complete ``prompt``. ``on_token(piece, n)`` sees every piece; ``cancelled()`` is polled per token."""
        params = params or GenerationParams()
        with self._lock:
            start = time.perf_counter()
            first = 0.0
            pieces: list[str] = []
            reason = "length"
            stream = self._llm.create_completion(
                prompt, max_tokens=params.max_tokens, temperature=params.temperature, top_p=params.top_p,
                stop=list(params.stop), seed=params.seed, stream=True)
            try:
                for n, chunk in enumerate(stream, 1):
                    choice = chunk["choices"][0]
                    piece = choice.get("text", "")
                    if n == 1:
                        first = time.perf_counter() - start
                    pieces.append(piece)
                    if on_token:
                        on_token(piece, n)
                    if choice.get("finish_reason"):
                        reason = choice["finish_reason"]
                        break
                    if cancelled and cancelled():
                        reason = "cancelled"
                        break
                    if time.perf_counter() - start > params.time_limit:
                        reason = "timeout"
                        break
            finally:
                stream.close()
            text = "".join(pieces)
            # The final chunk of a stream carries the finish reason and usually no text.
            tokens = sum(1 for p in pieces if p)
            return Generation(text=text, tokens=tokens, finish_reason=reason, seconds=time.perf_counter() - start,
                              first_token_seconds=first)
