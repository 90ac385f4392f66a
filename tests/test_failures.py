"""A failing endpoint: every failure ends in one clear line and a documented exit code, never a traceback.

The endpoint is tests/stub_server.py, a loopback stand-in scripted to fail in each way a real server can
(refused, slow, 429, 5xx, a body that is no chat completion, a cut-off or schema-invalid answer). Retries are
kept to one or two and Retry-After to 0-1 s so that the whole file runs in seconds.
"""

from __future__ import annotations

import asyncio
import datetime
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from email.utils import format_datetime
from pathlib import Path
from types import SimpleNamespace

import httpx
import openai
import pytest
from stub_server import RECORD, StubServer, completion
from typer.testing import CliRunner

from extractor import batch, cli
from extractor.batch import completed_ids, items_from_argument, run_batch
from extractor.cli import app
from extractor.client import (
    MAX_RETRY_AFTER_SECONDS,
    StructuredClient,
    Usage,
    is_transient,
    probe_response_format,
    wait_for_retry,
)
from extractor.config import Settings
from extractor.errors import EndpointError, ExitCode, ExtractionFailed, ExtractorError
from extractor.pipeline import aextract, extract
from extractor.schemas.record import ConferenceRecord

ARTICLE = "Am 5. Mai tagte das Parteikomitee in Köln."
KEY = "sk-test-0123456789abcdefFAILURES"
POLISH = json.dumps({**RECORD, "source_language": "Polish"})


def settings_for(url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "model": "stub",
        "base_url": url,
        "template": "naive",
        "retries": 0,
        "reasks": 0,
        "timeout": 5.0,
        "cache": False,
        "response_format": "json_object_schema",  # no probe request: the stub's script is for the extraction
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def one_line(error: BaseException) -> str:
    message = str(error)
    assert message and "\n" not in message and "\r" not in message and "Traceback" not in message
    assert all(char.isprintable() for char in message), repr(message)
    return message


def gaps(stub: StubServer) -> list[float]:
    times = [request["time"] for request in stub.requests]
    return [later - earlier for earlier, later in itertools.pairwise(times)]


# --------------------------------------------------------------------------- unreachable and slow


def test_connection_refused_is_an_endpoint_error(unused_port: int) -> None:
    url = f"http://127.0.0.1:{unused_port}/v1"
    with pytest.raises(EndpointError) as caught:
        extract(ARTICLE, settings_for(url))
    assert one_line(caught.value).startswith(f"cannot reach {url}")
    assert "Connection refused" in str(caught.value)
    assert caught.value.exit_code == 3


def test_a_timeout_is_an_endpoint_error_naming_the_limit() -> None:
    with StubServer(delay=3) as stub:
        started = time.monotonic()
        with pytest.raises(EndpointError) as caught:
            extract(ARTICLE, settings_for(stub.base_url, timeout=0.5))
    assert one_line(caught.value) == f"{stub.base_url} timed out after 0.5 s"
    assert time.monotonic() - started < 2.5


def test_a_timeout_is_retried_then_the_answer_is_used() -> None:
    with StubServer() as stub:
        stub.faults.append((200, {}, json.dumps(completion(json.dumps(RECORD))).encode(), 2.0))  # too slow
        result = extract(ARTICLE, settings_for(stub.base_url, timeout=0.5, retries=1))
    assert result.record.title == "Stub conference"
    assert len(stub.requests) == 2 and result.run.requests == 2


def test_slow_answers_within_the_timeout_are_waited_for_not_retried() -> None:
    with StubServer(delay=0.4) as stub:
        result = extract(ARTICLE, settings_for(stub.base_url, timeout=3, retries=2))
    assert result.record.is_conference is True
    assert len(stub.requests) == 1 and result.run.seconds >= 0.4


# --------------------------------------------------------------------------- 429 and 5xx


def test_429_with_retry_after_waits_that_long_then_succeeds() -> None:
    with StubServer() as stub:
        stub.fail(429, headers={"retry-after": "1"})
        result = extract(ARTICLE, settings_for(stub.base_url, retries=1))
    assert result.record.is_conference is True
    assert len(stub.requests) == 2
    assert 0.9 <= gaps(stub)[0] < 1.6  # the server's wait, not the 1-2 s jittered backoff's upper end


def test_429_without_retry_after_backs_off_then_succeeds() -> None:
    with StubServer() as stub:
        stub.fail(429)
        result = extract(ARTICLE, settings_for(stub.base_url, retries=1))
    assert result.record.is_conference is True
    assert 0.9 <= gaps(stub)[0] < 2.6  # exponential backoff with jitter: 1 s plus up to 1 s


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_retried_then_succeed(status: int) -> None:
    with StubServer() as stub:
        stub.fail(status, headers={"retry-after": "0"})
        result = extract(ARTICLE, settings_for(stub.base_url, retries=1))
    assert result.record.title == "Stub conference"
    assert len(stub.requests) == 2


def test_persistent_503_stops_after_the_retries_with_one_line_naming_the_status() -> None:
    with StubServer() as stub:
        stub.fail(503, times=10, headers={"retry-after": "0"})
        with pytest.raises(EndpointError) as caught:
            extract(ARTICLE, settings_for(stub.base_url, retries=2))
    assert len(stub.requests) == 3  # the first try and two retries, no more
    message = one_line(caught.value)
    assert message == f"{stub.base_url} answered 503 Service Unavailable (3 attempts): stub says 503"


@pytest.mark.parametrize(("status", "phrase"), [(400, "Bad Request"), (401, "Unauthorized"), (404, "Not Found")])
def test_client_errors_are_not_retried(status: int, phrase: str) -> None:
    with StubServer() as stub:
        stub.fail(status, times=5)
        with pytest.raises(EndpointError) as caught:
            extract(ARTICLE, settings_for(stub.base_url, retries=3))
    assert len(stub.requests) == 1
    assert one_line(caught.value) == f"{stub.base_url} answered {status} {phrase}: stub says {status}"


def test_an_html_error_page_is_reduced_to_its_words() -> None:
    page = b"<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center>\n"
    with StubServer() as stub:
        stub.fail(502, times=2, headers={"content-type": "text/html", "retry-after": "0"}, body=page)
        with pytest.raises(EndpointError) as caught:
            extract(ARTICLE, settings_for(stub.base_url, retries=1))
    assert one_line(caught.value).endswith("answered 502 Bad Gateway (2 attempts): 502 Bad Gateway 502 Bad Gateway")


def test_terminal_escapes_in_an_error_body_are_not_passed_on() -> None:
    body = json.dumps({"error": {"message": "bad\x1b[2J\x1b]0;pwned\x07 thing\u202e\nsecond line"}}).encode()
    with StubServer() as stub:
        stub.fail(400, body=body)
        with pytest.raises(EndpointError) as caught:
            extract(ARTICLE, settings_for(stub.base_url))
    message = one_line(caught.value)
    assert "\x1b" not in message and "\u202e" not in message and "second line" in message


def test_a_request_too_long_for_the_context_fails_the_article_not_the_endpoint() -> None:
    body = json.dumps({"error": {"message": "the request exceeds the available context size", "code": 400}})
    with StubServer() as stub:
        stub.fail(400, times=3, body=body.encode())
        with pytest.raises(ExtractionFailed) as caught:
            extract(ARTICLE, settings_for(stub.base_url, retries=2))
    assert len(stub.requests) == 1
    assert "too long" in one_line(caught.value) and "context size" in str(caught.value)


@pytest.mark.parametrize(
    ("headers", "low", "high"),
    [
        ({"retry-after": "2"}, 2, 2),
        ({"retry-after": "2.5"}, 2.5, 2.5),
        ({"retry-after-ms": "1500"}, 1.5, 1.5),
        ({"retry-after": "0"}, 0, 0),
        ({"retry-after": "-5"}, 0, 0),
        ({"retry-after": "86400"}, MAX_RETRY_AFTER_SECONDS, MAX_RETRY_AFTER_SECONDS),
        ({"retry-after": "inf"}, MAX_RETRY_AFTER_SECONDS, MAX_RETRY_AFTER_SECONDS),
        ({"retry-after": "nan"}, 1, 2),  # meaningless: the usual backoff
        ({"retry-after": "soon"}, 1, 2),
        ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0, 0),  # a date in the past: now
        ({}, 1, 2),
    ],
)
def test_retry_after_is_honoured_in_every_form_and_bounded(headers: dict[str, str], low: float, high: float) -> None:
    response = httpx.Response(429, headers=headers, request=httpx.Request("POST", "http://x"))
    error = openai.RateLimitError("slow down", response=response, body=None)
    state = SimpleNamespace(outcome=SimpleNamespace(exception=lambda: error), attempt_number=1)
    assert low <= wait_for_retry(state) <= high  # type: ignore[arg-type]


def test_retry_after_as_an_http_date_in_the_future() -> None:
    when = format_datetime(datetime.datetime.now(datetime.timezone.utc), usegmt=True)
    response = httpx.Response(503, headers={"retry-after": when}, request=httpx.Request("POST", "http://x"))
    error = openai.InternalServerError("busy", response=response, body=None)
    state = SimpleNamespace(outcome=SimpleNamespace(exception=lambda: error), attempt_number=1)
    assert 0 <= wait_for_retry(state) <= 1  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "headers", "transient"),
    [
        (408, {}, True),
        (429, {}, True),
        (500, {}, True),
        (503, {}, True),
        (501, {}, False),
        (400, {}, False),
        (401, {}, False),
        (404, {}, False),
        (503, {"x-should-retry": "false"}, False),
        (400, {"x-should-retry": "true"}, True),
    ],
)
def test_which_statuses_are_retried(status: int, headers: dict[str, str], transient: bool) -> None:
    response = httpx.Response(status, headers=headers, request=httpx.Request("POST", "http://x"))
    assert is_transient(openai.APIStatusError("x", response=response, body=None)) is transient


# --------------------------------------------------------------------------- answers that are not records


def test_a_malformed_json_body_with_200_is_asked_again_then_used() -> None:
    with StubServer() as stub:
        stub.faults.append((200, {}, b'{"id": "x", "choices": [{"message": '))
        result = extract(ARTICLE, settings_for(stub.base_url, reasks=1))
    assert result.record.is_conference is True and len(stub.requests) == 2


@pytest.mark.filterwarnings("ignore:Error in completion:UserWarning")  # Usage.record_response on no message
@pytest.mark.parametrize(
    "body",
    [b"{not json", b"", b"[1, 2]", b"null", b'{"id": "x", "choices": []}', b'{"choices": [{"index": 0}]}'],
    ids=["not-json", "empty", "array", "null", "no-choices", "no-message"],
)
def test_a_200_that_is_no_chat_completion_is_an_endpoint_error(body: bytes) -> None:
    with StubServer() as stub:
        for _ in range(3):
            stub.faults.append((200, {}, body))
        with pytest.raises(EndpointError) as caught:
            extract(ARTICLE, settings_for(stub.base_url, reasks=1))
    assert "is not a chat completion" in one_line(caught.value)
    assert len(stub.requests) <= 2


def test_an_html_page_with_200_is_an_endpoint_error() -> None:
    with StubServer() as stub:
        for _ in range(2):
            stub.faults.append((200, {"content-type": "text/html"}, b"<html><body>Please log in</body></html>"))
        with pytest.raises(EndpointError, match="is not a chat completion"):
            extract(ARTICLE, settings_for(stub.base_url, reasks=1))


def test_truncated_output_fails_without_a_reask() -> None:
    with StubServer() as stub:
        stub.answer('{"is_conference": true, "title": "Stub', finish_reason="length")
        with pytest.raises(ExtractionFailed) as caught:
            extract(ARTICLE, settings_for(stub.base_url, reasks=2, max_tokens=50))
    assert one_line(caught.value) == "the model's output was cut off at max_tokens=50; raise --max-tokens"
    assert len(stub.requests) == 1 and caught.value.exit_code == 4


@pytest.mark.parametrize("content", ["", None], ids=["empty", "null"])
def test_an_empty_answer_is_reasked_then_fails_clearly(content: str | None) -> None:
    with StubServer() as stub:
        for _ in range(3):
            stub.answer(content)
        with pytest.raises(ExtractionFailed) as caught:
            extract(ARTICLE, settings_for(stub.base_url, reasks=1))
    assert one_line(caught.value) == "no valid record after 2 attempts: the answer was empty"
    assert len(stub.requests) == 2


def test_a_schema_invalid_value_is_reasked_with_the_error_then_accepted() -> None:
    with StubServer() as stub:
        stub.answer(POLISH)
        result = extract(ARTICLE, settings_for(stub.base_url, reasks=1))
    assert result.record.source_language == "de"
    assert len(stub.requests) == 2 and result.run.requests == 2
    assert "two-letter ISO 639-1" in stub.requests[1]["body"]  # the re-ask tells the model what was wrong


def test_a_schema_invalid_value_that_persists_fails_in_one_clear_line() -> None:
    with StubServer() as stub:
        for _ in range(3):
            stub.answer(POLISH)
        with pytest.raises(ExtractionFailed) as caught:
            extract(ARTICLE, settings_for(stub.base_url, reasks=1))
    message = one_line(caught.value)
    assert message.startswith("no valid record after 2 attempts: source_language:")
    assert "(got 'Polish')" in message and "errors.pydantic.dev" not in message
    assert len(stub.requests) == 2


def test_async_extract_fails_as_extract_does() -> None:
    messages = []
    for run in (lambda settings: extract(ARTICLE, settings), lambda settings: asyncio.run(aextract(ARTICLE, settings))):
        with StubServer() as stub:
            stub.fail(503, times=5, headers={"retry-after": "0"})
            with pytest.raises(EndpointError) as caught:
                run(settings_for(stub.base_url, retries=1))
        messages.append(str(caught.value).replace(stub.base_url, "URL"))
    assert messages[0] == messages[1]
    assert "answered 503 Service Unavailable (2 attempts)" in messages[0]


def test_async_extract_gives_what_extract_gives() -> None:
    results = []
    for run in (lambda settings: extract(ARTICLE, settings), lambda settings: asyncio.run(aextract(ARTICLE, settings))):
        with StubServer() as stub:
            stub.answer(json.dumps(RECORD))
            results.append(run(settings_for(stub.base_url)))
    synchronous, asynchronous = results
    assert asynchronous.record.model_dump(mode="json") == synchronous.record.model_dump(mode="json")
    assert asynchronous.run.model_dump(exclude={"seconds", "base_url"}) == synchronous.run.model_dump(
        exclude={"seconds", "base_url"}
    )


def test_usage_counts_every_request_of_a_failed_call() -> None:
    with StubServer() as stub:
        stub.fail(500, times=5, headers={"retry-after": "0"})
        client = StructuredClient(settings_for(stub.base_url, retries=2), stub.base_url, "json_object_schema")
        usage = Usage()
        with pytest.raises(EndpointError):
            client.create([{"role": "user", "content": ARTICLE}], ConferenceRecord, usage)
    assert usage.calls == 1 and usage.requests == 3


# --------------------------------------------------------------------------- batches


def make_articles(directory: Path, names: list[str]) -> list[str]:
    directory.mkdir(parents=True, exist_ok=True)
    for name in names:
        (directory / f"{name}.txt").write_text(f"{name}: am 5. Mai tagte das Parteikomitee.", "utf-8")
    return [str(directory / f"{name}.txt") for name in names]


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_failing_article_is_recorded_and_the_others_go_on(tmp_path: Path) -> None:
    ids = make_articles(tmp_path / "in", ["a01", "POISON", "a03", "TOOLONG", "a05"])
    out = tmp_path / "out.jsonl"

    def respond(body: str) -> tuple[int, dict[str, str], bytes] | None:
        if "POISON" in body:
            return 200, {}, json.dumps(completion(POLISH)).encode()
        if "TOOLONG" in body:
            return 413, {}, b'{"error": {"message": "request too large"}}'
        return None

    with StubServer() as stub:
        stub.respond = respond
        summary = run_batch(items_from_argument(str(tmp_path / "in")), settings_for(stub.base_url), out, jobs=2)

    lines = {line["id"]: line for line in read_lines(out)}
    assert sorted(lines) == sorted(ids) and summary.written == 5 and summary.failed == 2
    poison, toolong = lines[ids[1]], lines[ids[3]]
    assert poison["status"] == "failed" and "source_language" in poison["error"] and "\n" not in poison["error"]
    assert toolong["status"] == "failed" and "413" in toolong["error"]
    assert all(lines[i]["status"] == "ok" for i in (ids[0], ids[2], ids[4]))


def test_an_endpoint_that_dies_stops_the_batch_and_keeps_every_line_written(tmp_path: Path) -> None:
    ids = make_articles(tmp_path / "in", [f"a{index:02d}" for index in range(8)])
    out = tmp_path / "out.jsonl"
    with StubServer() as stub:
        for _ in range(3):
            stub.answer(json.dumps(RECORD))
        stub.fail(503, times=100, headers={"retry-after": "0"})
        with pytest.raises(EndpointError, match="503"):
            run_batch(items_from_argument(str(tmp_path / "in")), settings_for(stub.base_url), out, jobs=1)
        before = out.read_bytes()
        assert len(read_lines(out)) == 3 and all(line["status"] == "ok" for line in read_lines(out))

        stub.faults.clear()
        summary = run_batch(items_from_argument(str(tmp_path / "in")), settings_for(stub.base_url), out, jobs=3)

    assert out.read_bytes().startswith(before)  # nothing written before is touched
    lines = read_lines(out)
    assert sorted(line["id"] for line in lines) == sorted(ids)  # every article once, none twice
    assert all(line["status"] == "ok" for line in lines)
    assert summary.skipped == 3 and summary.written == 5


def test_a_dead_endpoint_never_marks_articles_failed_and_queued_ones_never_start(tmp_path: Path) -> None:
    make_articles(tmp_path / "in", [f"a{index:02d}" for index in range(12)])
    out = tmp_path / "out.jsonl"
    with StubServer(delay=0.2) as stub:
        for _ in range(4):
            stub.answer(json.dumps(RECORD))
        stub.fail(500, times=1000, headers={"retry-after": "0"})
        with pytest.raises(EndpointError):
            run_batch(items_from_argument(str(tmp_path / "in")), settings_for(stub.base_url, retries=1), out, jobs=3)
        requests = len(stub.requests)

    lines = read_lines(out)
    assert len({line["id"] for line in lines}) == len(lines)
    assert all(line["status"] == "ok" for line in lines)  # an endpoint failure is never an article's failure
    # 4 answers, then 2 requests per article started: the failing one, the 2 running beside it and the one its
    # worker takes next; the 2 still queued are cancelled (without that: 4 + 2 * 6 = 16 requests).
    assert requests <= 14


def test_an_unexpected_error_in_one_article_fails_that_article_only(tmp_path: Path) -> None:
    ids = make_articles(tmp_path / "in", ["a01", "BUG", "a03"])
    out = tmp_path / "out.jsonl"

    def extract_fn(text: str, settings: Settings, *, usage: Usage) -> object:
        if "BUG" in text:
            raise RuntimeError("something nobody foresaw\nwith a second line")
        return extract(text, settings, usage=usage)

    with StubServer() as stub:
        summary = run_batch(
            items_from_argument(str(tmp_path / "in")), settings_for(stub.base_url), out, extract_fn=extract_fn
        )
    lines = {line["id"]: line for line in read_lines(out)}
    assert summary.failed == 1 and len(lines) == 3
    assert lines[ids[1]]["error"] == "unexpected error: RuntimeError: something nobody foresaw with a second line"


def test_an_output_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ExtractorError, match="cannot write there") as caught:
        batch.JsonlWriter(tmp_path / "no-such-dir" / "out.jsonl")
    assert caught.value.exit_code == 2 and "\n" not in str(caught.value)
    with pytest.raises(ExtractorError, match="is a directory"):
        completed_ids(tmp_path)


def test_a_full_disk_stops_the_batch_in_one_line_and_a_resume_completes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = make_articles(tmp_path / "in", ["a01", "a02", "a03"])
    out = tmp_path / "out.jsonl"
    real_write, calls = os.write, []

    def write(fd: int, data: bytes) -> int:
        calls.append(fd)
        if len(calls) == 1:
            return real_write(fd, data)
        if len(calls) == 2:
            return real_write(fd, bytes(data)[:10])  # a short write: the disk is nearly full
        raise OSError(28, "No space left on device")

    with StubServer() as stub:
        monkeypatch.setattr(batch.os, "write", write)
        with pytest.raises(ExtractorError, match=r"out\.jsonl: cannot write \(No space left on device\)") as caught:
            run_batch(items_from_argument(str(tmp_path / "in")), settings_for(stub.base_url), out, jobs=1)
        assert "\n" not in str(caught.value)
        monkeypatch.setattr(batch.os, "write", real_write)
        assert len(completed_ids(out)) == 1  # the half-written second line is dropped on resume
        run_batch(items_from_argument(str(tmp_path / "in")), settings_for(stub.base_url), out, jobs=1)
    assert sorted(line["id"] for line in read_lines(out)) == sorted(ids)


def test_a_resume_survives_garbage_in_the_output(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id": "x", "status": "ok"}\n\xff\xfe garbage \x00\n[1, 2]\n{"id": "y", "st')
    assert completed_ids(out) == {"x"}


# --------------------------------------------------------------------------- the command line


def cli_env(tmp_path: Path, **extra: str | None) -> dict[str, str | None]:
    return {"EXTRACTOR_CACHE_DIR": str(tmp_path / "cache"), "OPENAI_API_KEY": None, **extra}


def test_cli_exit_codes_for_endpoint_and_extraction_failures(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    base = ["extract", str(article), "--model", "stub", "--template", "naive", "--no-cache"]
    with StubServer() as stub:
        stub.fail(404, times=3)  # the dialect probe is the first to meet it
        endpoint = CliRunner().invoke(app, [*base, "--base-url", stub.base_url], env=cli_env(tmp_path))
        stub.faults.clear()
        cut = (200, {}, json.dumps(completion("", "length")).encode())
        stub.respond = lambda body: cut if "Parteikomitee" in body else None
        failed = CliRunner().invoke(app, [*base, "--base-url", stub.base_url], env=cli_env(tmp_path))

    assert endpoint.exit_code == 3 and "404" in endpoint.output
    assert failed.exit_code == 4 and "cut off at max_tokens" in failed.output
    for result in (endpoint, failed):
        assert "Traceback" not in result.output
        assert [line for line in result.output.splitlines() if line.strip()][-1].startswith("error:")


def test_cli_batch_with_a_failed_article_exits_5_and_keeps_the_others(tmp_path: Path) -> None:
    make_articles(tmp_path / "in", ["a01", "POISON", "a03"])
    out = tmp_path / "out.jsonl"
    with StubServer() as stub:
        stub.respond = lambda body: (200, {}, json.dumps(completion(POLISH)).encode()) if "POISON" in body else None
        args = ["extract", str(tmp_path / "in"), "-o", str(out), "--base-url", stub.base_url, "--model", "stub",
                "--template", "naive", "--no-cache"]  # fmt: skip
        result = CliRunner().invoke(app, args, env=cli_env(tmp_path))
    assert result.exit_code == 5, result.output
    statuses = {Path(line["id"]).stem: line["status"] for line in read_lines(out)}
    assert statuses == {"a01": "ok", "POISON": "failed", "a03": "ok"}


def run_cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The real command in a process of its own: what a user sees on the terminal, logging included."""
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args],
        env={**os.environ, **env},
        cwd=tempfile.gettempdir(),  # outside the checkout: `-m extractor` must import the installed package
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_cli_prints_exactly_one_line_for_a_failing_endpoint(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with StubServer() as stub:
        stub.fail(503, times=10, headers={"retry-after": "0"})
        args = ["extract", str(article), "--base-url", stub.base_url, "--model", "stub", "--template", "naive",
                "--no-cache"]  # fmt: skip
        result = run_cli(args, {"EXTRACTOR_CACHE_DIR": str(tmp_path / "cache"), "EXTRACTOR_NO_LOG": "1"})
    assert result.returncode == 3
    assert result.stderr.strip().splitlines() == [f"error: {stub.base_url} answered 503 Service Unavailable "
                                                   f"(4 attempts): stub says 503"]  # fmt: skip


def _failing_endpoint_run(tmp_path: Path, options: list[str], env: dict[str, str]) -> tuple[str, list[str]]:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with StubServer() as stub:
        stub.fail(503, times=10, headers={"retry-after": "0"})
        args = [*options, "extract", str(article), "--base-url", stub.base_url, "--model", "stub", "--template",
                "naive", "--no-cache"]  # fmt: skip
        result = run_cli(args, {"EXTRACTOR_CACHE_DIR": str(tmp_path / "cache"), "EXTRACTOR_NO_LOG": "1", **env})
    assert result.returncode == 3
    return stub.base_url, result.stderr.strip().splitlines()


@pytest.mark.parametrize(("options", "env"), [(["--debug"], {}), ([], {"EXTRACTOR_DEBUG": "1"})])
def test_debug_prints_the_chained_cause_before_the_one_line(
    tmp_path: Path, options: list[str], env: dict[str, str]
) -> None:
    base_url, lines = _failing_endpoint_run(tmp_path, options, env)
    assert lines[0] == "Traceback (most recent call last):"
    assert "The above exception was the direct cause of the following exception:" in lines
    assert any(line.startswith("openai.") for line in lines), "the underlying exception is shown"
    assert lines[-1] == f"error: {base_url} answered 503 Service Unavailable (4 attempts): stub says 503"


def test_debug_prints_the_tail_of_a_server_log_written_during_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cli.options, "debug", True)
    (tmp_path / "servers").mkdir()
    stale = tmp_path / "servers" / "old.log"
    stale.write_text("stale\n", encoding="utf-8")
    os.utime(stale, (0, 0))  # written long before this process started: another run's server
    (tmp_path / "servers" / "qwen-8080.log").write_text("".join(f"line {n}\n" for n in range(30)), encoding="utf-8")
    try:
        raise OSError("connection refused")
    except OSError as cause:
        error = EndpointError("embedded server died")
        error.__cause__ = cause
    exit_ = cli.fail(error)
    stderr = capsys.readouterr().err.splitlines()
    assert exit_.exit_code == ExitCode.ENDPOINT
    assert "OSError: connection refused" in stderr
    tail = stderr.index(f"--- last 20 line(s) of {tmp_path / 'servers' / 'qwen-8080.log'}")
    assert stderr[tail + 1 : tail + 21] == [f"line {n}" for n in range(10, 30)]
    assert "stale" not in stderr
    assert stderr[-1] == "error: embedded server died"


def test_without_debug_a_failure_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli.options, "debug", False)
    try:
        raise OSError("connection refused")
    except OSError as cause:
        error = EndpointError("embedded server died")
        error.__cause__ = cause
    cli.fail(error)
    assert capsys.readouterr().err.splitlines() == ["error: embedded server died"]


# --------------------------------------------------------------------------- the API key


def test_a_key_quoted_in_an_answer_or_error_is_scrubbed_before_the_message_is_cut() -> None:
    quoted = json.dumps({**RECORD, "source_language": f"{KEY} " + "x" * 100})
    with StubServer() as stub:
        stub.answer(quoted)
        stub.fail(400, body=json.dumps({"error": {"message": "y" * 220 + " sk-live-ABCDEFGHIJKLMNOP"}}).encode())
        with pytest.raises(ExtractionFailed) as invalid:
            extract(ARTICLE, settings_for(stub.base_url, api_key=KEY))
        with pytest.raises(EndpointError) as refused:
            extract(ARTICLE, settings_for(stub.base_url, api_key=KEY))
    assert "(got '*** xxx" in one_line(invalid.value) and "sk-test" not in str(invalid.value)
    assert "ABCDEF" not in one_line(refused.value) and "sk-***" in str(refused.value)  # another key, cut short


def test_the_api_key_is_never_written_nor_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_articles(tmp_path / "in", ["a01", "POISON", "ECHO", "a04"])
    single = tmp_path / "single.txt"
    single.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    env = {"OPENAI_API_KEY": KEY, "EXTRACTOR_CACHE_DIR": str(tmp_path / "cache"), "EXTRACTOR_NO_LOG": None}
    monkeypatch.delenv("EXTRACTOR_NO_LOG")

    def respond(body: str) -> tuple[int, dict[str, str], bytes] | None:
        if "POISON" in body:  # a failure message with the model's answer in it
            return 200, {}, json.dumps(completion(POLISH)).encode()
        if "ECHO" in body:  # a server that quotes the key back in its error, as some do
            return 413, {}, json.dumps({"error": {"message": f"too large for key {KEY}"}}).encode()
        return None

    with StubServer() as stub:
        stub.respond = respond
        common = ["--base-url", stub.base_url, "--model", "stub", "--template", "naive"]
        batch_run = CliRunner().invoke(app, ["extract", str(tmp_path / "in"), "-o", str(out), *common], env=env)
        single_run = CliRunner().invoke(app, ["extract", str(single), "--with-run", *common], env=env)
        stub.respond = lambda body: (401, {}, json.dumps({"error": {"message": f"bad key {KEY}"}}).encode())
        refused = CliRunner().invoke(app, ["extract", str(single), "--no-cache", *common], env=env)

    assert any(KEY in request["headers"].get("Authorization", "") for request in stub.requests)  # it was sent
    assert batch_run.exit_code == 5 and single_run.exit_code == 0 and refused.exit_code == 3
    assert "answered 401 Unauthorized: bad key ***" in refused.output
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert out in written and any("calls" in path.parts for path in written)  # the call cache was written
    assert any(path.name == "runs.jsonl" for path in written)  # and the run log
    for path in written:
        assert KEY.encode() not in path.read_bytes(), path
    for run in (batch_run, single_run, refused):
        assert KEY not in run.output
    failed = {line["id"]: line["error"] for line in read_lines(out) if line["status"] == "failed"}
    assert any("too large for key ***" in error for error in failed.values())


def test_the_dialect_probe_does_not_repeat_a_key_the_server_echoes() -> None:
    with StubServer() as stub:
        stub.fail(401, body=json.dumps({"error": {"message": f"bad key {KEY}"}}).encode())
        with pytest.raises(EndpointError) as caught:
            probe_response_format(stub.base_url, KEY, "stub")
    assert KEY not in str(caught.value)


def test_a_raw_line_break_inside_a_json_string_is_escaped_before_parsing() -> None:
    from types import SimpleNamespace

    from extractor.client import escape_raw_control_characters

    response = SimpleNamespace(choices=[SimpleNamespace(message=SimpleNamespace(content='{"title": "a\nb"}'))])
    escape_raw_control_characters(response)
    assert response.choices[0].message.content == '{"title": "a\\nb"}'

    broken = SimpleNamespace(choices=[SimpleNamespace(message=SimpleNamespace(content='{"title": "a\nb'))])
    escape_raw_control_characters(broken)
    assert broken.choices[0].message.content == '{"title": "a\nb'  # not JSON at all: left for the re-ask
