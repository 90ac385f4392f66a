"""A stand-in for the embedded llama.cpp server process that dies the way a trapped AMX instruction kills it.

A test double, not a model: run as `python tests/fake_llama_server.py PORT MODE [ANSWERS]`. It answers
GET /v1/models like llama-cpp-python's server, then, by MODE:
- `answer-then-sigill`: answers ANSWERS chat completions (default 0) with a fixed record, then, on the next
  chat request, kills itself with SIGILL before answering, as the real server does on a VM that traps AMX;
- `sigill-while-loading`: writes a llama.cpp-like load line and dies with SIGILL before listening.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

from stub_server import RECORD, completion


def die_by_sigill() -> None:
    sys.stdout.flush()
    signal.signal(signal.SIGILL, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGILL)


class Handler(BaseHTTPRequestHandler):
    answers_left = 0

    def do_GET(self) -> None:
        self._send({"object": "list", "data": [{"id": "qwen2.5-coder-1.5b", "object": "model"}]})

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if Handler.answers_left <= 0:
            print("llama_cpp: ggml_compute_forward_mul_mat: tile kernel (about to execute tilezero)", flush=True)
            die_by_sigill()
        Handler.answers_left -= 1
        self._send(completion(json.dumps(RECORD)))

    def _send(self, payload: dict) -> None:
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    port, mode = int(sys.argv[1]), sys.argv[2]
    if mode == "sigill-while-loading":
        print("llama_model_load: loading model tensors, this can take a while...", flush=True)
        die_by_sigill()
    Handler.answers_left = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    HTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
