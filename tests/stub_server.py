"""A stand-in OpenAI-compatible server on loopback, for tests of bookkeeping and failure handling only.

It is a test double, not a model: every chat completion answers with the same fixed record, after a
configurable delay, or with a scripted fault (status code, Retry-After, malformed or truncated body).
Start it in-process: `with StubServer(delay=0.2) as stub: ... stub.base_url`.

Faults are served first, one per request, in order. A fault is a tuple (status, headers, body), optionally
with a fourth item, the seconds to wait before answering; or DROP, which closes the connection without
any answer. `stub.answer(content, finish_reason)` queues a well-formed 200 completion with that content.
`stub.respond`, when set, is asked first with each request's body and may return a fault for it (or None):
that is how one article of a batch fails while the others succeed, whatever order they arrive in.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Union

RECORD = {
    "is_conference": True,
    "title": "Stub conference",
    "summary": "A fixed answer from the test stub.",
    "source_language": "de",
    "chairs": [],
    "participants": [],
}
DROP = "drop"  # a fault that closes the connection without a status line
Fault = Union[tuple[int, dict[str, str], bytes], tuple[int, dict[str, str], bytes, float], str]  # noqa: UP007


def completion(content: str | None, finish_reason: str = "stop") -> dict[str, Any]:
    return {
        "id": "stub-1",
        "object": "chat.completion",
        "created": 0,
        "model": "stub",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish_reason}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (timeout) leaves a broken pipe here: not worth a traceback


class StubServer:
    """Answers /v1/chat/completions; `faults` is a queue of scripted answers served before normal answers.

    `requests` holds every POST (headers, body, and `time`: time.monotonic() when it arrived).
    """

    def __init__(self, delay: float = 0.0, content: str | None = None) -> None:
        self.delay = delay
        self.content = content or json.dumps(RECORD)
        self.faults: deque[Fault] = deque()
        self.respond: Callable[[str], Fault | None] | None = None
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler())
        self.port = self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def answer(self, content: str | None, finish_reason: str = "stop", delay: float = 0.0) -> None:
        """Queue one well-formed 200 completion carrying `content`."""
        self.faults.append((200, {}, json.dumps(completion(content, finish_reason)).encode(), delay))

    def fail(self, status: int, times: int = 1, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
        """Queue `times` answers with this status (and an OpenAI-style error body unless one is given)."""
        payload = body or json.dumps({"error": {"message": f"stub says {status}", "type": "stub_error"}}).encode()
        for _ in range(times):
            self.faults.append((status, dict(headers or {}), payload))

    def _next_fault(self) -> Fault | None:
        with self._lock:
            return self.faults.popleft() if self.faults else None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self._send(200, {}, json.dumps({"object": "list", "data": [{"id": "stub"}]}).encode())

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                body = self.rfile.read(length).decode(errors="replace")
                with stub._lock:
                    stub.requests.append({"headers": dict(self.headers), "body": body, "time": time.monotonic()})
                time.sleep(stub.delay)
                fault = (stub.respond(body) if stub.respond else None) or stub._next_fault()
                if fault is None:
                    self._send(200, {}, json.dumps(completion(stub.content)).encode())
                elif fault == DROP:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                else:
                    status, headers, payload, *wait = fault
                    time.sleep(wait[0] if wait else 0)
                    self._send(status, headers, payload)

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                if "content-type" not in {name.lower() for name in headers}:
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
