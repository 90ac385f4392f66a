"""One usage type: every stored shape of the counters (predictions, cache entries, RunInfo, batch lines, the
call cache) is derived from `UsageCounts`, and committed files read and write back byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.batch import BatchItem, result_line
from extractor.evals.evaluation import Prediction
from extractor.pipeline import RunInfo
from extractor.usage import Usage, UsageCounts

ROOT = Path(__file__).resolve().parent.parent
COMMITTED_PREDICTIONS = sorted(ROOT.glob("evals/runs/*/predictions/*/*.json"))


def spent() -> Usage:
    return Usage(calls=2, requests=3, prompt_tokens=900, completion_tokens=120, seconds=1.23456, cached=1)


@pytest.mark.parametrize("path", COMMITTED_PREDICTIONS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_a_committed_prediction_reads_and_writes_back_byte_for_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    again = json.dumps(Prediction.model_validate_json(text).model_dump(mode="json"), ensure_ascii=False, indent=2)
    assert again + "\n" == text


def test_stored_counters_are_rounded_and_leave_out_what_only_a_running_extraction_needs() -> None:
    stored = spent().rounded()
    assert type(stored) is UsageCounts
    assert stored.model_dump() == {
        "calls": 2, "requests": 3, "prompt_tokens": 900, "completion_tokens": 120, "seconds": 1.235,
    }  # fmt: skip


def test_run_info_keeps_its_flat_field_order() -> None:
    assert list(RunInfo.model_fields) == [
        "model", "base_url", "template", "template_sha256", "schema_sha256", "response_format",
        "calls", "requests", "prompt_tokens", "completion_tokens", "seconds", "cached_calls",
    ]  # fmt: skip


def test_a_batch_line_keeps_its_key_order_and_values() -> None:
    line = result_line(BatchItem(id="a.txt"), None, spent(), "failed here")
    assert list(line) == [
        "id", "status", "error", "record", "model",
        "prompt_tokens", "completion_tokens", "requests", "calls", "seconds", "ungrounded",
    ]  # fmt: skip
    assert (line["prompt_tokens"], line["calls"], line["seconds"]) == (900, 2, 1.235)


def test_the_call_cache_stores_unrounded_counters_and_raw_responses_and_reads_them_back() -> None:
    usage = spent()
    usage.raw_responses.append({"content": "{}", "finish_reason": "stop", "usage": None})
    stored = usage.to_dict()
    assert list(stored) == ["calls", "requests", "prompt_tokens", "completion_tokens", "seconds", "raw_responses"]
    assert Usage(**json.loads(json.dumps(stored))) == usage.model_copy(update={"cached": 0})


def test_adding_usage_sums_every_counter_but_the_cache_hits() -> None:
    total = Usage(cached=1)
    total.add(spent())
    assert (total.calls, total.requests, total.total_tokens, total.seconds, total.cached) == (2, 3, 1020, 1.23456, 1)
