"""A stand-in OpenAI-compatible server on loopback, for tests of bookkeeping and failure handling only.

It is a test double, not a model: every chat completion answers with the same fixed record, after a
configurable delay, or with a scripted fault (status code, Retry-After, malformed or truncated body).
Start it in-process: `with StubServer(delay=0.2) as stub: ... stub.base_url`.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

RECORD = {
    "is_conference": True,
    "title": "Stub conference",
    "summary": "A fixed answer from the test stub.",
    "source_language": "de",
    "chairs": [],
    "participants": [],
}


def completion(content: str, finish_reason: str = "stop") -> dict[str, Any]:
    return {
        "id": "stub-1",
        "object": "chat.completion",
        "created": 0,
        "model": "stub",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish_reason}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


class StubServer:
    """Answers /v1/chat/completions; `faults` is a queue of (status, headers, body) served before normal answers."""

    def __init__(self, delay: float = 0.0, content: str | None = None) -> None:
        self.delay = delay
        self.content = content or json.dumps(RECORD)
        self.faults: deque[tuple[int, dict[str, str], bytes]] = deque()
        self.requests: list[dict[str, Any]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.port = self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self._send(200, {}, json.dumps({"object": "list", "data": [{"id": "stub"}]}).encode())

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                stub.requests.append({"headers": dict(self.headers), "body": self.rfile.read(length).decode()})
                time.sleep(stub.delay)
                if stub.faults:
                    self._send(*stub.faults.popleft())
                    return
                self._send(200, {}, json.dumps(completion(stub.content)).encode())

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

        return Handler

    def __enter__(self) -> StubServer:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
