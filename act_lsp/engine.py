"""The model host: the one place that owns the llama.cpp model (and its LoRA adapter) in a process.

Requests are serialised behind one lock (llama.cpp contexts are not thread-safe), tokens stream to a
callback, cancellation and a wall-clock limit are checked on every token, and the adapter can be swapped
in place — llama.cpp's adapter API plus a cache reset — when a new version is promoted.
"""

from __future__ import annotations

import ctypes
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
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


LLAMA_LOG = logging.getLogger("act_lsp.llama")
_llama_log_callback = None  # the ctypes callback must outlive every model: llama.cpp keeps its address


def route_llama_logs() -> None:
    """llama.cpp's own lines (tensor loading, adapter buffer fallbacks, some at its error level) go to the
    ``act_lsp.llama`` logger at DEBUG, not to the console: the log file has them, ``-vv`` shows them, and a real
    failure still reaches the user as a ``ModelError``."""
    global _llama_log_callback
    if _llama_log_callback is not None:
        return
    import llama_cpp

    @llama_cpp.llama_log_callback
    def forward(_level: int, text: bytes, _user_data: ctypes.c_void_p) -> None:
        line = text.decode("utf-8", "replace").rstrip()
        if line:
            LLAMA_LOG.debug(line)

    _llama_log_callback = forward
    llama_cpp.llama_log_set(forward, ctypes.c_void_p(0))


class ModelHost:
    """Loads the model once; ``generate`` may be called from any thread (calls queue on one lock)."""

    def __init__(self, config: EngineConfig | None = None) -> None:
        self.config = config or EngineConfig()
        self.model_path: Path = resolve_model_path(self.config.model)
        self.weights_path: Path = self.model_path  # what is loaded: the model, or a copy with an adapter merged in
        self._lock = threading.Lock()
        self._adapter = _AdapterState()
        self._batch: BatchDecoder | None = None  # the several-sequence context, made on first use
        self._n_threads = self.config.n_threads or os.cpu_count() or 1
        route_llama_logs()
        self._llm = self._load(self.model_path)
        if self.config.adapter:
            self.set_adapter(self.config.adapter)

    def _load(self, path: Path):
        from llama_cpp import Llama

        try:
            return Llama(model_path=str(path), n_ctx=self.config.n_ctx, n_threads=self._n_threads,
                         n_gpu_layers=self.config.n_gpu_layers, seed=self.config.seed, verbose=False)
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelError(f"llama.cpp could not load {path}: {exc}. Reinstall it with "
                             "`act-train models install --force` or point ACT_MODEL at a valid GGUF") from None

    def load_weights(self, path: str | os.PathLike | None) -> float:
        """Serve another GGUF of the same model in place of the loaded one, e.g. the promoted adapter merged into
        the model (None: the configured model again). Any adapter is dropped. Returns the seconds it took; on a
        failure the old weights keep serving."""
        start = time.perf_counter()
        path = Path(path) if path else self.model_path
        with self._lock:
            if path == self.weights_path:
                return 0.0
            llm = self._load(path)
            if self._batch is not None:
                self._batch.close()
                self._batch = None
            if self._adapter.handle:  # detached from the old context, then freed before its model is
                import llama_cpp

                llama_cpp.llama_set_adapters_lora(self._llm.ctx, None, 0, None)
                llama_cpp.llama_adapter_lora_free(self._adapter.handle)
            self._adapter = _AdapterState(swaps=self._adapter.swaps)
            old, self._llm, self.weights_path = self._llm, llm, path
            old.close()
        return time.perf_counter() - start

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
            if self._batch is not None:
                self._batch.set_adapter(handle, scale)
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
    def generate_many(self, prompt: str, params: Sequence[GenerationParams], *,
                      on_token: Callable[[str, int], None] | None = None,
                      cancelled: Callable[[], bool] | None = None) -> list[Generation]:
        """One completion of ``prompt`` per entry of ``params``, decoded together (see ``BatchDecoder``).

        ``on_token(piece, n)`` counts tokens over all sequences; cancellation ends every sequence, and the
        wall-clock limit is the largest of the entries'."""
        if len(params) == 1:
            return [self.generate(prompt, params[0], on_token=on_token, cancelled=cancelled)]
        with self._lock:
            if self._batch is None or self._batch.n_seq_max < len(params):
                if self._batch is not None:
                    self._batch.close()
                self._batch = BatchDecoder(self._llm, n_seq_max=max(len(params), BATCH_SEQUENCES),
                                           n_ctx=self.config.n_ctx * 2, n_threads=self._n_threads,
                                           adapter=self._adapter.handle, scale=self._adapter.scale)
            return self._batch.generate(self._llm.tokenize(prompt.encode(), special=True), params,
                                        on_token=on_token, cancelled=cancelled)

    def count_tokens(self, text: str) -> int:
        return len(self._llm.tokenize(text.encode(), add_bos=False, special=True))

    def generate(self, prompt: str, params: GenerationParams | None = None, *,
                 on_token: Callable[[str, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> Generation:
        """Complete ``prompt``. ``on_token(piece, n)`` sees every piece; ``cancelled()`` is polled per token."""
        params = params or GenerationParams()
        with self._lock:
            start = time.perf_counter()
            stream = self._llm.create_completion(
                prompt, max_tokens=params.max_tokens, temperature=params.temperature, top_p=params.top_p,
                stop=list(params.stop), seed=params.seed, stream=True)
            try:
                return read_stream(stream, params, start, on_token=on_token, cancelled=cancelled)
            finally:
                stream.close()


def read_stream(chunks: Iterable[dict], params: GenerationParams, start: float, *,
                on_token: Callable[[str, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> Generation:
    """An OpenAI-shaped completion stream (llama-cpp-python's own, or an endpoint's events) read into one
    Generation: ``on_token(piece, n)`` per piece; it stops at the finish reason, when ``cancelled()`` or at the time
    limit (the caller then closes the stream, which ends the decoding). The last chunk usually has no text."""
    pieces: list[str] = []
    first, reason, usage = 0.0, "length", {}
    for chunk in chunks:
        choice = (chunk.get("choices") or [{}])[0]
        piece = choice.get("text") or ""
        usage = chunk.get("usage") or usage
        if piece:
            pieces.append(piece)
            first = first or time.perf_counter() - start
            if on_token:
                on_token(piece, len(pieces))
        if choice.get("finish_reason"):
            reason = choice["finish_reason"]
            break
        if cancelled and cancelled():
            reason = "cancelled"
            break
        if time.perf_counter() - start > params.time_limit:
            reason = "timeout"
            break
    seconds = time.perf_counter() - start
    return Generation(text="".join(pieces), tokens=int(usage.get("completion_tokens", len(pieces))),
                      finish_reason=reason, seconds=seconds, first_token_seconds=first or seconds,
                      prompt_tokens=int(usage.get("prompt_tokens", 0)))


BATCH_SEQUENCES = 8  # sequences the batch context is sized for (more are asked: it is made again, larger)


def _sampler(params: GenerationParams):
    """A llama.cpp sampler chain for one sequence, the same as ``create_completion``'s: greedy at temperature 0,
    else top-k 40, top-p, min-p 0.05, temperature, seeded draw. (Top-k first matters: top-p alone sorts the
    whole 150k-token vocabulary on every token.)"""
    import llama_cpp

    chain = llama_cpp.llama_sampler_chain_init(llama_cpp.llama_sampler_chain_default_params())
    if params.temperature <= 0:
        llama_cpp.llama_sampler_chain_add(chain, llama_cpp.llama_sampler_init_greedy())
    else:
        llama_cpp.llama_sampler_chain_add(chain, llama_cpp.llama_sampler_init_top_k(40))
        llama_cpp.llama_sampler_chain_add(chain, llama_cpp.llama_sampler_init_top_p(params.top_p, 1))
        llama_cpp.llama_sampler_chain_add(chain, llama_cpp.llama_sampler_init_min_p(0.05, 1))
        llama_cpp.llama_sampler_chain_add(chain, llama_cpp.llama_sampler_init_temp(params.temperature))
        seed = params.seed if params.seed is not None else 0xFFFFFFFF  # LLAMA_DEFAULT_SEED: a random one
        llama_cpp.llama_sampler_chain_add(chain, llama_cpp.llama_sampler_init_dist(seed & 0xFFFFFFFF))
    return chain


class BatchDecoder:
    """k completions of one prompt in one llama.cpp context: the prompt is decoded once (sequence 0), its KV cells
    are shared with sequences 1..k-1 (``llama_memory_seq_cp``), then every step decodes one token of each live
    sequence in a single batch. On a CPU, decoding is bound by reading the weights, so k sequences cost far
    less than k separate generations (llama.cpp's ``examples/batched``)."""

    def __init__(self, llm, *, n_seq_max: int, n_ctx: int, n_threads: int, adapter=None, scale: float = 1.0) -> None:
        import llama_cpp

        self._llm = llm
        self.n_seq_max = n_seq_max
        cparams = llama_cpp.llama_context_default_params()
        cparams.n_ctx = n_ctx
        cparams.n_batch = max(512, n_seq_max)
        cparams.n_ubatch = max(512, n_seq_max)
        cparams.n_seq_max = n_seq_max
        cparams.n_threads = cparams.n_threads_batch = n_threads
        if hasattr(cparams, "kv_unified"):
            cparams.kv_unified = True  # one cell pool for all sequences: the prompt's cells are shared, not copied
        self.ctx = llama_cpp.llama_init_from_model(llm.model, cparams)
        if not self.ctx:
            raise ModelError(f"llama.cpp could not make a context for {n_seq_max} sequences of {n_ctx} tokens")
        self.n_ctx = n_ctx
        self.n_batch = cparams.n_batch
        self.batch = llama_cpp.llama_batch_init(max(self.n_batch, n_seq_max), 0, n_seq_max)
        self.vocab = llama_cpp.llama_model_get_vocab(llm.model)
        if adapter:
            self.set_adapter(adapter, scale)

    def close(self) -> None:
        import llama_cpp

        if self.ctx:
            llama_cpp.llama_batch_free(self.batch)
            llama_cpp.llama_free(self.ctx)
            self.ctx = None

    def set_adapter(self, handle, scale: float) -> None:
        import llama_cpp

        if handle:
            adapters = (llama_cpp.llama_adapter_lora_p_ctypes * 1)(handle)
            llama_cpp.llama_set_adapters_lora(self.ctx, adapters, 1, (ctypes.c_float * 1)(scale))
        else:
            llama_cpp.llama_set_adapters_lora(self.ctx, None, 0, None)

    def _fill(self, items: Sequence[tuple[int, int, int, bool]]) -> None:
        """(token, position, sequence, wants logits) rows into the batch."""
        b = self.batch
        for i, (tok, pos, seq, logits) in enumerate(items):
            b.token[i], b.pos[i], b.n_seq_id[i] = tok, pos, 1
            b.seq_id[i][0] = seq
            b.logits[i] = logits
        b.n_tokens = len(items)

    def _decode(self) -> None:
        import llama_cpp

        rc = llama_cpp.llama_decode(self.ctx, self.batch)
        if rc != 0:
            raise RuntimeError(f"llama_decode failed (code {rc}): the batch context is too small?")

    def generate(self, tokens: Sequence[int], params: Sequence[GenerationParams], *,
                 on_token: Callable[[str, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> list[Generation]:
        import llama_cpp

        k = len(params)
        if k > self.n_seq_max:
            raise ValueError(f"{k} sequences asked of a context made for {self.n_seq_max}")
        longest = max(p.max_tokens for p in params)
        if len(tokens) + k * longest > self.n_ctx:  # the cells the prompt and every sequence may take
            longest = max(1, (self.n_ctx - len(tokens)) // k)
        start = time.perf_counter()
        limit = max(p.time_limit for p in params)
        mem = llama_cpp.llama_get_memory(self.ctx)
        llama_cpp.llama_memory_clear(mem, True)
        samplers = [_sampler(p) for p in params]
        try:
            for at in range(0, len(tokens), self.n_batch):  # the prompt, once, as sequence 0
                chunk = tokens[at:at + self.n_batch]
                self._fill([(t, at + j, 0, at + j == len(tokens) - 1) for j, t in enumerate(chunk)])
                self._decode()
            for s in range(1, k):
                llama_cpp.llama_memory_seq_cp(mem, 0, s, -1, -1)
            out: list[list[bytes]] = [[] for _ in range(k)]
            text = [""] * k
            counts, first = [0] * k, [0.0] * k
            reasons: list[str | None] = [None] * k
            logits_at = [self.batch.n_tokens - 1] * k  # where each sequence's next-token logits are
            pos, total = len(tokens), 0
            while True:
                live = [s for s in range(k) if reasons[s] is None]
                if not live:
                    break
                step = []
                for s in live:
                    tok = llama_cpp.llama_sampler_sample(samplers[s], self.ctx, logits_at[s])
                    if llama_cpp.llama_vocab_is_eog(self.vocab, tok):
                        reasons[s] = "stop"
                        continue
                    piece = self._llm.detokenize([tok], special=False)
                    out[s].append(piece)
                    counts[s] += 1
                    total += 1
                    if counts[s] == 1:
                        first[s] = time.perf_counter() - start
                    text[s] = b"".join(out[s]).decode("utf-8", errors="ignore")
                    if on_token:
                        on_token(piece.decode("utf-8", errors="ignore"), total)
                    cut = min((i for i in (text[s].find(x) for x in params[s].stop) if i >= 0), default=-1)
                    if cut >= 0:
                        text[s], reasons[s] = text[s][:cut], "stop"
                    elif counts[s] >= min(params[s].max_tokens, longest):
                        reasons[s] = "length"
                    else:
                        step.append((tok, pos + counts[s] - 1, s, True))
                if cancelled and cancelled():
                    reasons = [r or "cancelled" for r in reasons]
                elif time.perf_counter() - start > limit:
                    reasons = [r or "timeout" for r in reasons]
                if not step or all(reasons):
                    continue
                self._fill(step)
                self._decode()
                for j, (_, _, s, _) in enumerate(step):
                    logits_at[s] = j
        finally:
            for smpl in samplers:
                llama_cpp.llama_sampler_free(smpl)
            llama_cpp.llama_memory_clear(mem, True)
        seconds = (time.perf_counter() - start) / k  # the batch's wall time shared out: summed, it is the wall time
        return [Generation(text=text[s], tokens=counts[s], finish_reason=reasons[s] or "length", seconds=seconds,
                           first_token_seconds=first[s], prompt_tokens=len(tokens)) for s in range(k)]
