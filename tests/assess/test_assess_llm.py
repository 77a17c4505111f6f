"""The optional LLM rewrite, against a fake OpenAI-compatible endpoint on 127.0.0.1 (never the network)."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Callable

import pytest

from claimwatch.assess import assess
from claimwatch.assess.llm import ENV_MODEL, ENV_URL, LLMConfig
from test_assess_findings import build_border_analysis

Rewriter = Callable[[str], str]


class FakeChat(BaseHTTPRequestHandler):
    """Answers /v1/chat/completions with ``server.rewrite(sentence)``; records each request."""

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append((self.path, body))
        user = body["messages"][-1]["content"]
        sentence = user.split("\n", 1)[0].removeprefix("Sentence: ")
        reply = json.dumps({"choices": [{"message": {"role": "assistant",
                                                     "content": self.server.rewrite(sentence)}}]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(reply.encode("utf-8"))

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture
def fake_llm():
    servers = []

    def start(rewrite: Rewriter) -> tuple[LLMConfig, HTTPServer]:
        server = HTTPServer(("127.0.0.1", 0), FakeChat)
        server.rewrite = rewrite
        server.requests = []
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return LLMConfig(url=f"http://127.0.0.1:{server.server_port}/v1", model="fake-model", timeout=5), server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def border():
    return build_border_analysis()


def test_assess_llm_off_by_default():
    assert LLMConfig.from_env({}) is None
    config = LLMConfig.from_env({ENV_URL: "http://127.0.0.1:9/v1", ENV_MODEL: "tiny"})
    assert config.model == "tiny" and config.endpoint == "http://127.0.0.1:9/v1/chat/completions"
    assert LLMConfig("http://x/v1/chat/completions").endpoint == "http://x/v1/chat/completions"


def test_assess_llm_grounded_rewrite_replaces_rule_text(border, fake_llm):
    config, server = fake_llm(lambda s: "In short, " + s)
    plain = assess([border])
    result = assess([border], llm=config)
    assert result.rewritten == len(result.findings) > 0
    assert all(f.text.startswith("In short, ") for f in result.findings)
    assert [f.cites for f in result.findings] == [f.cites for f in plain.findings]
    path, body = server.requests[0]
    assert path == "/v1/chat/completions" and body["model"] == "fake-model"


@pytest.mark.parametrize(("rewrite", "why"), [
    (lambda s: s.rstrip(".") + ", as China has said.", "a new name"),
    (lambda s: s.rstrip(".") + ", with 40 aircraft involved.", "a new number"),
    (lambda s: s.rstrip(".") + ", though it never happened.", "a new negation"),
    (lambda s: "Belarus and Poland deny everything; " + s, "a stance the citations do not carry"),
])
def test_assess_llm_rewrite_that_adds_something_keeps_rule_text(border, fake_llm, rewrite, why):
    config, _ = fake_llm(rewrite)
    plain = assess([border])
    result = assess([border], llm=config)
    assert result.rewritten == 0, why
    assert [f.text for f in result.findings] == [f.text for f in plain.findings]


def test_assess_llm_unreachable_endpoint_keeps_rule_text(border, fake_llm):
    config, server = fake_llm(lambda s: s)
    port = server.server_port
    server.shutdown()
    server.server_close()
    plain = assess([border])
    result = assess([border], llm=LLMConfig(url=f"http://127.0.0.1:{port}/v1", timeout=2))
    assert [f.text for f in result.findings] == [f.text for f in plain.findings]
    assert result.rewritten == 0
