"""The OpenAI-compatible teacher client, against a local stand-in endpoint (unit test)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from act_lsp.engine import GenerationParams
from act_lsp.remote import RemoteModel, RemoteModelError, load_model


class _Endpoint(BaseHTTPRequestHandler):
    requests: list = []
    reply: dict | int = {}

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append((self.path, self.headers.get("Authorization"), body))
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
    server = HTTPServer(("127.0.0.1", 0), _Endpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Endpoint.requests = []
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
    assert body["seed"] == 3 and "```" in body["stop"]


def test_errors_are_clear(endpoint):
    _Endpoint.reply = 503
    with pytest.raises(RemoteModelError, match="HTTP 503: overloaded"):
        RemoteModel(endpoint).generate("p", GenerationParams())
    _Endpoint.reply = {"nothing": True}
    with pytest.raises(RemoteModelError, match="no choices"):
        RemoteModel(endpoint).generate("p", GenerationParams())
    with pytest.raises(RemoteModelError, match="cannot reach"):
        RemoteModel("http://127.0.0.1:9/v1").generate("p", GenerationParams())


def test_load_model_picks_remote_for_urls():
    remote = load_model("https://example.invalid/v1", remote_model="m")
    assert isinstance(remote, RemoteModel) and remote.model == "m"
