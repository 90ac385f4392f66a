"""The embedded backend: a llama-cpp-python OpenAI-compatible server on a loopback port.

`extract` starts one on demand and stops it at exit; `extractor serve` keeps one
running and leaves a state file so later commands reuse it and skip the load.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from extractor.errors import EndpointError, ExtractorError
from extractor.local_models import LocalModel, cache_dir, ensure_model_file

DEFAULT_CONTEXT_TOKENS = 16384
LOAD_TIMEOUT_SECONDS = 300


@dataclass
class ServerInfo:
    model: str
    port: int
    pid: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def state_file(model_name: str) -> Path:
    return cache_dir() / "servers" / f"{model_name}.json"


def is_serving(base_url: str, timeout: float = 2.0) -> bool:
    try:
        return httpx.get(f"{base_url}/models", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


def running_server(model_name: str) -> ServerInfo | None:
    """A server left by `extractor serve` for this model, if its process is alive.

    A busy llama.cpp server may be slow to answer even /models, so liveness is judged by the process; a
    stale state file (process gone) is removed.
    """
    path = state_file(model_name)
    try:
        info = ServerInfo(**json.loads(path.read_text()))
    except (OSError, ValueError, TypeError):
        return None
    if _process_alive(info.pid):
        return info
    path.unlink(missing_ok=True)
    return None


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def server_command(model_file: Path, alias: str, port: int, context_tokens: int) -> list[str]:
    threads = str(max(1, os.cpu_count() or 1))
    return [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(model_file),
        "--model_alias", alias,
        "--host", "127.0.0.1",
        "--port", str(port),
        "--n_ctx", str(context_tokens),
        "--n_threads", threads,
        "--n_threads_batch", threads,
    ]  # fmt: skip


class EmbeddedServer:
    """A llama.cpp server process for one local model; use as a context manager."""

    def __init__(
        self,
        model: LocalModel,
        *,
        port: int | None = None,
        context_tokens: int = DEFAULT_CONTEXT_TOKENS,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.model = model
        self.port = port or free_port()
        self.context_tokens = context_tokens
        self.log = log or (lambda message: print(message, file=sys.stderr))
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> EmbeddedServer:
        if importlib.util.find_spec("llama_cpp") is None:
            raise ExtractorError("the embedded model needs llama-cpp-python; run: pip install '.[local]'")
        model_file = ensure_model_file(self.model, progress=self.log)
        self.log(f"loading {self.model.name} on 127.0.0.1:{self.port} (first call takes a few seconds)...")
        log_file = cache_dir() / "servers" / f"{self.model.name}-{self.port}.log"
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with log_file.open("wb") as sink:
            command = server_command(model_file, self.model.name, self.port, self.context_tokens)
            self.process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
        atexit.register(self.stop)
        self._wait_until_ready(log_file)
        return self

    def _wait_until_ready(self, log_file: Path) -> None:
        deadline = time.monotonic() + LOAD_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                tail = log_file.read_text(errors="replace").strip().splitlines()[-1:]
                raise EndpointError(f"embedded server exited while loading: {' '.join(tail) or 'no output'}")
            if is_serving(self.base_url, timeout=1.0):
                return
            time.sleep(0.5)
        self.stop()
        raise EndpointError(f"embedded server did not answer within {LOAD_TIMEOUT_SECONDS} s (log: {log_file})")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def info(self) -> ServerInfo:
        assert self.process is not None
        return ServerInfo(model=self.model.name, port=self.port, pid=self.process.pid)

    def publish(self) -> Path:
        """Write the state file that lets other commands reuse this server."""
        path = state_file(self.model.name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self.info())))
        atexit.register(path.unlink, missing_ok=True)
        return path

    def __enter__(self) -> EmbeddedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
