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

from extractor.cpu_probe import BufferVerdict, choose_buffers, describe_signal, last_log_line
from extractor.errors import EndpointError, ExtractorError, ServerCrashed
from extractor.llama_child import child_command, child_process_options
from extractor.local_models import LocalModel, cache_dir, ensure_model_file

DEFAULT_CONTEXT_TOKENS = 16384
LOAD_TIMEOUT_SECONDS = 300
DETERMINISTIC_SIGNALS = {signal.SIGILL, signal.SIGFPE}


@dataclass
class ServerInfo:
    model: str
    port: int
    pid: int
    log: str | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def check_alive(self) -> None:
        """Raise ServerCrashed if the `extractor serve` process behind this state file is gone."""
        if not _process_alive(self.pid):
            where = f"; log: {self.log}" if self.log else ""
            kept = f"pid {self.pid}, kept by `extractor serve`"
            raise ServerCrashed(f"embedded server for {self.model} ({kept}) is gone{where}")


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


def server_command(
    model_file: Path, alias: str, port: int, context_tokens: int, buffers: BufferVerdict
) -> list[str]:
    """The real llama-cpp-python server, run through extractor.llama_child so the buffer choice applies."""
    threads = str(max(1, os.cpu_count() or 1))
    server_args = [
        "--model", str(model_file),
        "--model_alias", alias,
        "--host", "127.0.0.1",
        "--port", str(port),
        "--n_ctx", str(context_tokens),
        "--n_threads", threads,
        "--n_threads_batch", threads,
    ]  # fmt: skip
    return child_command("serve", extra_buffers=buffers.extra_buffers, args=server_args)


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
        self.log_file = cache_dir() / "servers" / f"{model.name}-{self.port}.log"
        self.buffers: BufferVerdict | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> EmbeddedServer:
        if importlib.util.find_spec("llama_cpp") is None:
            raise ExtractorError("the embedded model needs llama-cpp-python; run: pip install '.[local]'")
        model_file = ensure_model_file(self.model, progress=self.log)
        self.buffers = choose_buffers(model_file, log=self.log)
        command = server_command(model_file, self.model.name, self.port, self.context_tokens, self.buffers)
        return self.launch(command)

    def launch(self, command: list[str]) -> EmbeddedServer:
        """Start `command` (a server for this model on self.port) and wait until it answers /v1/models."""
        self.log(f"loading {self.model.name} on 127.0.0.1:{self.port} (first call takes a few seconds)...")
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        with self.log_file.open("wb") as sink:
            options = child_process_options(self.log_file.parent)
            self.process = subprocess.Popen(
                command, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True, **options
            )
        atexit.register(self.stop)
        self._wait_until_ready()
        return self

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + LOAD_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            crash = self.crash("loading")
            if crash is not None:
                raise crash
            if is_serving(self.base_url, timeout=1.0):
                return
            time.sleep(0.5)
        self.stop()
        raise EndpointError(f"embedded server did not answer within {LOAD_TIMEOUT_SECONDS} s (log: {self.log_file})")

    def crash(self, doing: str, grace: float = 0.0) -> ServerCrashed | None:
        """A ServerCrashed naming the signal or status and the log's last line, if the process has ended.

        `grace` waits that long for a dying process (a closed connection can come just before the exit)."""
        if self.process is None:
            return None
        try:
            returncode = self.process.wait(timeout=grace) if grace else self.process.poll()
        except subprocess.TimeoutExpired:
            return None
        if returncode is None:
            return None
        how = f"crashed ({describe_signal(-returncode)})" if returncode < 0 else f"exited with status {returncode}"
        last = last_log_line(self.log_file)
        detail = f": {last}" if last else ""
        return ServerCrashed(f"embedded server for {self.model.name} {how} while {doing}{detail}; log: {self.log_file}")

    def ended(self) -> bool:
        return self.process is not None and self.process.poll() is not None

    def raise_if_deterministic_crash(self) -> None:
        """A fault of the CPU instruction stream (SIGILL, SIGFPE) would recur on restart: report it instead."""
        returncode = self.process.poll() if self.process is not None else None
        if returncode is not None and -returncode in DETERMINISTIC_SIGNALS:
            raise self.crash("answering") or ServerCrashed(f"embedded server for {self.model.name} crashed")

    def check_alive(self) -> None:
        """Raise ServerCrashed if the server died; called when a request to it fails."""
        crash = self.crash("answering", grace=2.0)
        if crash is not None:
            raise crash

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
        return ServerInfo(model=self.model.name, port=self.port, pid=self.process.pid, log=str(self.log_file))

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
