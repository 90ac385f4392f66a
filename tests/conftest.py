"""Shared fixtures: recorded HTTP (vcrpy) against the real embedded server, and seed access.

Replay is the default and needs no model. To re-record against the real embedded server:
    pytest --record tests/test_recorded.py
which starts `qwen2.5-coder-1.5b` on a free port and rewrites the cassettes.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import vcr

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASSETTES = Path(__file__).resolve().parent / "cassettes"
REPLAY_BASE_URL = "http://127.0.0.1:9/v1"  # never contacted in replay: cassettes answer first
SECRET_HEADERS = ["authorization", "api-key", "x-api-key", "openai-api-key", "openai-organization", "cookie"]
KEY_PATTERN = re.compile(r"sk-[A-Za-z0-9_\-]{8,}")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--record", action="store_true", help="re-record cassettes against the real embedded server")


def _scrub_text(text: str) -> str:
    text = KEY_PATTERN.sub("sk-REDACTED", text)
    secret = os.environ.get("OPENAI_API_KEY")
    return text.replace(secret, "REDACTED") if secret else text


def _scrub_request(request):  # type: ignore[no-untyped-def]
    if request.body:
        body = request.body.decode() if isinstance(request.body, bytes) else request.body
        request.body = _scrub_text(body).encode()
    return request


def _scrub_response(response):  # type: ignore[no-untyped-def]
    for name in list(response["headers"]):
        if name.lower() in SECRET_HEADERS or name.lower() == "set-cookie":
            del response["headers"][name]
    body = response["body"].get("string")
    if isinstance(body, bytes):
        response["body"]["string"] = _scrub_text(body.decode(errors="replace")).encode()
    return response


def _json_body(r1, r2) -> None:  # type: ignore[no-untyped-def]
    """Bodies match when their JSON is equal (key order and spacing aside)."""

    def load(request):  # type: ignore[no-untyped-def]
        body = request.body or b""
        try:
            return json.loads(body)
        except ValueError:
            return body

    assert load(r1) == load(r2)


@pytest.fixture(scope="session")
def recording(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--record"))


@pytest.fixture(scope="session")
def base_url(recording: bool) -> Iterator[str]:
    """The real embedded server when recording; a placeholder address when replaying."""
    if not recording:
        yield REPLAY_BASE_URL
        return
    from extractor.local_models import get_local_model
    from extractor.server import EmbeddedServer, running_server

    served = running_server("qwen2.5-coder-1.5b")  # reuse `extractor serve` when one is up
    if served is not None:
        yield served.base_url
        return
    with EmbeddedServer(get_local_model("qwen2.5-coder-1.5b")) as server:
        yield server.base_url


@pytest.fixture
def cassette(recording: bool, request: pytest.FixtureRequest) -> Iterator[object]:
    recorder = vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode="all" if recording else "none",
        match_on=["method", "path", "json_body"],
        filter_headers=SECRET_HEADERS,
        before_record_request=_scrub_request,
        before_record_response=_scrub_response,
        decode_compressed_response=True,
    )
    recorder.register_matcher("json_body", _json_body)
    with recorder.use_cassette(f"{request.node.name}.yaml") as tape:
        yield tape


@pytest.fixture
def seed_text() -> str:
    return (SEEDS / "003_a8ab37e39b0f0da1.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Logs, cached answers and server state go to a fresh cache directory for every test."""
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("EXTRACTOR_NO_LOG", "1")
    monkeypatch.setenv("EXTRACTOR_DB", str(tmp_path / "records.db"))  # never the user's own records store
    for name in ("OPENAI_BASE_URL", "EXTRACTOR_MODEL", "EXTRACTOR_TEMPLATE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def unused_port() -> int:
    """A loopback port nobody listens on: connecting is refused at once."""
    from extractor.server import free_port

    return free_port()
