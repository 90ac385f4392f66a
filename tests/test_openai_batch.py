"""OpenAI Batch API round trip: export requests, import an engine's results into validated records.

tests/data/openai_batch/results.jsonl was recorded from real calls: every exported request sent to the
embedded llama.cpp server (tests/data/openai_batch/record.py), written in the Batch API output format.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from extractor.batch import items_from_argument
from extractor.cli import app
from extractor.config import Settings
from extractor.openai_batch import read_results, request_lines
from extractor.schemas.record import ConferenceRecord

DATA = Path(__file__).resolve().parent / "data" / "openai_batch"
DOCS = Path(__file__).resolve().parent.parent / "evals" / "extra" / "docs"


def test_export_writes_one_batch_api_request_per_article() -> None:
    lines = list(request_lines(items_from_argument(str(DOCS)), Settings(model="gpt-4o-mini")))

    assert len(lines) == len(list(DOCS.glob("*.txt")))
    first = lines[0]
    assert first["method"] == "POST" and first["url"] == "/v1/chat/completions"
    assert first["custom_id"].endswith("#part0")
    assert first["body"]["model"] == "gpt-4o-mini"
    assert first["body"]["response_format"]["type"] == "json_schema"
    assert first["body"]["messages"][0]["role"] == "system"


def test_the_recorded_request_file_matches_what_export_writes_today(monkeypatch) -> None:
    monkeypatch.chdir(DATA.parent.parent.parent)
    recorded = [json.loads(line) for line in (DATA / "requests.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {line["custom_id"] for line in recorded} == {
        f"{path}#part0" for path in (str(p) for p in sorted(Path("evals/extra/docs").glob("*.txt")))
    }


def test_recorded_results_import_into_valid_records(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(DATA.parent.parent.parent)  # custom ids are paths relative to the repository
    out = tmp_path / "records.jsonl"

    result = CliRunner().invoke(
        app, ["batch", "import", str(DATA / "results.jsonl"), "evals/extra/docs", "-o", str(out)]
    )

    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3, result.output
    for line in lines:
        assert line["status"] == "ok", line["error"]
        record = ConferenceRecord.model_validate(line["record"])
        assert record.is_conference and line["completion_tokens"] > 0


def test_failed_and_truncated_answers_become_failed_lines(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(DATA.parent.parent.parent)
    results = tmp_path / "results.jsonl"
    ids = [str(path) for path in sorted(Path("evals/extra/docs").glob("*.txt"))]
    body = {"choices": [{"message": {"content": "{"}, "finish_reason": "length"}], "usage": {}}
    results.write_text(
        json.dumps({"custom_id": f"{ids[0]}#part0", "response": {"status_code": 500, "body": {}}, "error": None})
        + "\n"
        + json.dumps({"custom_id": f"{ids[1]}#part0", "response": {"status_code": 200, "body": body}, "error": None})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "records.jsonl"

    result = CliRunner().invoke(app, ["batch", "import", str(results), "evals/extra/docs", "-o", str(out)])

    lines = {line["id"]: line for line in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert result.exit_code == 5
    assert "status 500" in lines[ids[0]]["error"]
    assert "cut off" in lines[ids[1]]["error"]
    assert "expected 1 answer" in lines[ids[2]]["error"]
    assert read_results(results)[ids[0]][0].error == "status 500"
