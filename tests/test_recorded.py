"""The pipeline against recordings of real calls to the embedded llama.cpp server (see conftest.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from pydantic import BaseModel, field_validator
from typer.testing import CliRunner

from conftest import CASSETTES, SEEDS
from extractor import ConferenceRecord, EndpointError, ExtractionFailed, Settings, aextract, extract
from extractor.cli import app
from extractor.client import StructuredClient, Usage, probe_response_format

FAKE_KEY = "sk-test-0123456789abcdefSECRET"
# A frozen copy of the prompt, so that work on the shipped prompts does not invalidate the recordings.
TEMPLATE = str(Path(__file__).resolve().parent / "prompts" / "recorded")
MODEL = "qwen2.5-coder-1.5b"


def settings_for(base_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "model": MODEL,
        "base_url": base_url,
        "api_key": FAKE_KEY,
        "response_format": "json_object_schema",
        "retries": 1,
        "template": TEMPLATE,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def test_extracts_a_valid_record_from_a_seed(cassette, base_url: str, seed_text: str) -> None:
    result = extract(seed_text, settings_for(base_url))

    assert isinstance(result.record, ConferenceRecord)
    assert result.record.is_conference is True
    assert result.run.requests == 1 and result.run.calls == 1
    assert result.run.prompt_tokens > 500 and result.run.completion_tokens > 50
    assert result.run.response_format == "json_object_schema"


def test_async_extract_gives_the_same_record(cassette, base_url: str, seed_text: str) -> None:
    result = asyncio.run(aextract(seed_text, settings_for(base_url)))

    assert result.record.is_conference is True
    assert result.run.requests == 1


def test_the_request_carries_the_llama_cpp_schema_dialect(cassette, base_url: str, seed_text: str) -> None:
    extract(seed_text, settings_for(base_url))

    body = cassette.requests[0].body.decode()
    assert '"response_format":{"type":"json_object","schema"' in body.replace(" ", "")
    assert '"type":"json_schema"' not in body.replace(" ", "")


def test_probe_detects_that_llama_cpp_refuses_json_schema(cassette, base_url: str) -> None:
    assert probe_response_format(base_url, FAKE_KEY, MODEL) == "json_object_schema"
    assert [response["status"]["code"] for response in cassette.responses] == [500, 200]


def test_server_errors_are_retried_then_reported_in_one_line(cassette, base_url: str, seed_text: str) -> None:
    # llama.cpp answers 500 to OpenAI's json_schema form: a real, repeatable server error.
    settings = settings_for(base_url, response_format="json_schema", retries=2)
    with pytest.raises(EndpointError, match="answered 500") as caught:
        extract(seed_text, settings)
    assert len(cassette.requests) == 3  # first try + 2 retries
    assert "\n" not in str(caught.value)


class Shout(BaseModel):
    word: str

    @field_validator("word")
    @classmethod
    def _uppercase(cls, value: str) -> str:
        if value != value.upper():
            raise ValueError("word must be written in UPPERCASE letters")
        return value


def test_invalid_answer_is_reasked_and_usage_sums_every_attempt(cassette, base_url: str) -> None:
    client = StructuredClient(settings_for(base_url, reasks=2, max_tokens=30), base_url, "json_object_schema")
    usage = Usage()
    messages = [{"role": "user", "content": 'Reply with JSON {"word": "hello"} exactly, in lowercase.'}]

    answer = client.create(messages, Shout, usage)

    assert answer.word == answer.word.upper()
    assert usage.requests == 2 and usage.calls == 1
    per_response = [r["usage"]["completion_tokens"] for r in usage.raw_responses]
    assert usage.completion_tokens == sum(per_response) and len(per_response) == 2


def test_truncated_output_fails_clearly_without_reasking(cassette, base_url: str, seed_text: str) -> None:
    with pytest.raises(ExtractionFailed, match="cut off at max_tokens=20"):
        extract(seed_text, settings_for(base_url, max_tokens=20, reasks=2))
    assert len(cassette.requests) == 1


def test_cli_prints_the_record_as_json(cassette, base_url: str, tmp_path) -> None:
    out = tmp_path / "record.json"
    args = [
        "extract",
        str(SEEDS / "003_a8ab37e39b0f0da1.txt"),
        "--base-url",
        base_url,
        "--model",
        MODEL,
        "-o",
        str(out),
        "--template",
        TEMPLATE,
    ]
    env = {"OPENAI_API_KEY": FAKE_KEY}

    result = CliRunner().invoke(app, args, env=env)

    assert result.exit_code == 0, result.output
    assert ConferenceRecord.model_validate_json(out.read_text()).is_conference is not None


def test_no_cassette_holds_the_api_key() -> None:
    recorded = list(CASSETTES.glob("*.yaml"))
    assert recorded, "cassettes are missing"
    for path in recorded:
        text = path.read_text()
        assert FAKE_KEY not in text, path.name
        assert "authorization" not in text.lower(), path.name
