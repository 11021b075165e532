"""The OpenAI-compatible endpoint client, against a local stand-in endpoint (unit test; tests/test_endpoint.py runs
the real llama.cpp server)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from act_lsp.engine import GenerationParams
from act_lsp.remote import RemoteModel, RemoteModelError, load_model, load_teacher


class _Endpoint(BaseHTTPRequestHandler):
    requests: list = []
    reply: dict | int | list = {}  # a list: streamed as server-sent events, one piece every ``delay`` seconds
    delay = 0.0
    models = ["base"]
    sent = 0  # pieces written before the client went away

    def do_GET(self):  # noqa: N802
        data = json.dumps({"object": "list", "data": [{"id": m} for m in self.models]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append((self.path, self.headers.get("Authorization"), body))
        if isinstance(self.reply, list):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            try:
                for n, piece in enumerate(self.reply):
                    last = n == len(self.reply) - 1
                    event = {"choices": [{"text": piece, "finish_reason": "stop" if last else None}]}
                    self.wfile.write(b"data: " + json.dumps(event).encode() + b"\n\n")
                    self.wfile.flush()
                    type(self).sent = n + 1
                    time.sleep(self.delay)
                self.wfile.write(b"data: [DONE]\n\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if isinstance(self.reply, int):
            self.send_response(self.reply)
            self.end_headers()
            self.wfile.write(b"overloaded")
            return
        data = json.dumps(self.reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def endpoint():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Endpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Endpoint.requests, _Endpoint.delay, _Endpoint.sent, _Endpoint.models = [], 0.0, 0, ["base"]
    yield f"http://127.0.0.1:{server.server_port}/v1"
    server.shutdown()


def test_completion_request_and_answer(endpoint, monkeypatch):
    monkeypatch.setenv("ACT_TEACHER_API_KEY", "k123")
    _Endpoint.reply = {"choices": [{"text": "return a + b\n}", "finish_reason": "stop"}],
                       "usage": {"completion_tokens": 7, "prompt_tokens": 30}}
    gen = RemoteModel(endpoint, model="qwen-7b").generate("PROMPT", GenerationParams(max_tokens=50, seed=3))
    assert gen.text == "return a + b\n}" and gen.tokens == 7 and gen.prompt_tokens == 30
    path, auth, body = _Endpoint.requests[0]
    assert path == "/v1/completions" and auth == "Bearer k123"
    assert body["prompt"] == "PROMPT" and body["model"] == "qwen-7b" and body["max_tokens"] == 50
    assert body["seed"] == 3 and "```" in body["stop"] and body["stream"] is True


def test_a_streamed_answer_reaches_the_progress_callback_piece_by_piece(endpoint):
    _Endpoint.reply = ["func ", "Add", "(a, b int) int {", ""]
    seen = []
    gen = RemoteModel(endpoint, model="base").generate("p", GenerationParams(),
                                                       on_token=lambda s, n: seen.append((s, n)))
    assert gen.text == "func Add(a, b int) int {" and gen.finish_reason == "stop" and gen.tokens == 3
    assert seen == [("func ", 1), ("Add", 2), ("(a, b int) int {", 3)]


def test_cancellation_and_the_time_limit_close_the_stream(endpoint):
    _Endpoint.reply, _Endpoint.delay = [f"x{i} " for i in range(200)], 0.02
    model, seen = RemoteModel(endpoint, model="base"), []
    gen = model.generate("p", GenerationParams(), cancelled=lambda: len(seen) >= 5,
                         on_token=lambda s, n: seen.append(s))
    assert gen.finish_reason == "cancelled" and gen.text == "x0 x1 x2 x3 x4 "
    time.sleep(0.5)
    assert _Endpoint.sent < 100  # the endpoint saw the connection go and stopped writing
    gen = model.generate("p", GenerationParams(time_limit=0.3))
    assert gen.finish_reason == "timeout" and 3 <= gen.tokens < 100


def test_several_candidates_are_requested_at_once(endpoint):
    _Endpoint.reply, _Endpoint.delay = ["a", "b", "c", ""], 0.2
    start = time.perf_counter()
    gens = RemoteModel(endpoint, model="base").generate_many("p", [GenerationParams(seed=s) for s in range(4)])
    assert [g.text for g in gens] == ["abc"] * 4 and sorted(r[2]["seed"] for r in _Endpoint.requests) == [0, 1, 2, 3]
    assert time.perf_counter() - start < 4 * 3 * 0.2  # concurrent: about one answer's time, not four


def test_a_promoted_version_is_asked_for_once_the_endpoint_serves_it(endpoint):
    model = RemoteModel(endpoint, model="base")
    assert model.follow("v3") == "base"  # not served there yet: the base keeps serving
    _Endpoint.models = ["base", "act-v3"]
    assert model.follow("v3") == "base"  # the list is read again only after ``recheck`` seconds
    assert model.follow("v3", recheck=0) == "act-v3" and model.model == "act-v3"
    assert model.follow(None) == "base" and model.models() == ["base", "act-v3"]


def test_errors_are_clear(endpoint):
    _Endpoint.reply = 503
    with pytest.raises(RemoteModelError, match="HTTP 503: overloaded"):
        RemoteModel(endpoint).generate("p", GenerationParams())
    _Endpoint.reply = {"nothing": True}
    with pytest.raises(RemoteModelError, match="no choices"):
        RemoteModel(endpoint).generate("p", GenerationParams())
    with pytest.raises(RemoteModelError, match="cannot reach"):
        RemoteModel("http://127.0.0.1:9/v1").generate("p", GenerationParams())


def test_load_model_picks_remote_for_urls(endpoint, monkeypatch):
    remote = load_model("https://example.invalid/v1", remote_model="m")
    assert isinstance(remote, RemoteModel) and remote.model == "m"
    _Endpoint.models = ["qwen-coder-0.5b", "act-v2"]
    assert load_model(endpoint).model == "qwen-coder-0.5b"  # unnamed: the endpoint's first model
    monkeypatch.setenv("ACT_TEACHER_MODEL", "act-v2")
    assert load_teacher(endpoint).model == "act-v2" and load_model(endpoint).model == "qwen-coder-0.5b"
    with pytest.raises(RemoteModelError, match="cannot reach the model endpoint"):
        load_model("http://127.0.0.1:9/v1")
