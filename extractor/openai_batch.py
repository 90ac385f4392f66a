"""Scale out through existing batch engines: export requests as OpenAI Batch API JSONL, import their results.

The same file runs on OpenAI's Batch API and on vLLM's `python -m vllm.entrypoints.openai.run_batch`;
`import` turns their output back into validated records, through the same assembly as `extract`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extractor.batch import BatchItem
from extractor.client import Usage
from extractor.config import Settings
from extractor.core.text import one_line
from extractor.errors import InputError
from extractor.pipeline import ExtractionResult, finish, plan, run_info

PART_SEPARATOR = "#part"


def request_lines(items: Iterable[BatchItem], settings: Settings) -> Iterator[dict[str, Any]]:
    """One Batch API request per article part (long articles have several), custom_id = id#partN."""
    for item in items:
        if item.text is None:
            continue
        plan_ = plan(item.text, settings)
        schema = plan_.response_model.model_json_schema()
        for index, messages in enumerate(plan_.requests):
            yield {
                "custom_id": f"{item.id}{PART_SEPARATOR}{index}",
                "method": "POST",
                "url": "/v1/chat/completions",
                "body": {
                    "model": settings.model,
                    "messages": messages,
                    "temperature": settings.temperature,
                    "max_tokens": settings.max_tokens,
                    "response_format": {
                        "type": "json_schema",
                        "json_schema": {"name": plan_.response_model.__name__, "schema": schema},
                    },
                },
            }


def export_batch(items: Iterable[BatchItem], settings: Settings, output: Path) -> int:
    count = 0
    with output.open("w", encoding="utf-8") as handle:
        for line in request_lines(items, settings):
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += 1
    return count


@dataclass
class PartAnswer:
    index: int
    content: str | None
    error: str | None
    usage: dict[str, int]


def read_results(path: Path) -> dict[str, list[PartAnswer]]:
    """Batch output lines grouped by article id, parts in order."""
    grouped: dict[str, list[PartAnswer]] = defaultdict(list)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            article_id, _, index = entry["custom_id"].rpartition(PART_SEPARATOR)
        except (ValueError, KeyError, AttributeError) as error:
            raise InputError(f"{path}:{number}: not a Batch API output line") from error
        grouped[article_id].append(_part_answer(entry, int(index or 0)))
    return {key: sorted(parts, key=lambda part: part.index) for key, parts in grouped.items()}


def _part_answer(entry: dict[str, Any], index: int) -> PartAnswer:
    response = entry.get("response") or {}
    body = response.get("body") or {}
    if entry.get("error") or response.get("status_code") != 200:
        error = entry.get("error") or body.get("error") or f"status {response.get('status_code')}"
        return PartAnswer(index, None, json.dumps(error) if not isinstance(error, str) else error, {})
    choice = (body.get("choices") or [{}])[0]
    if choice.get("finish_reason") == "length":
        return PartAnswer(index, None, "output cut off at max_tokens", body.get("usage") or {})
    return PartAnswer(index, (choice.get("message") or {}).get("content"), None, body.get("usage") or {})


def import_results(items: Iterable[BatchItem], results: Path, settings: Settings) -> Iterator[dict[str, Any]]:
    """A batch line (as `extract DIR` writes) for every article, from the engine's answers."""
    from extractor.batch import result_line

    answers = read_results(results)
    for item in items:
        usage = Usage()
        try:
            result = _assemble(item, answers.get(item.id), settings, usage)
            yield result_line(item, result, usage, None)
        except (InputError, ValidationError, ValueError) as error:
            yield result_line(item, None, usage, one_line(str(error), 300))


def _assemble(item: BatchItem, parts: list[PartAnswer] | None, settings: Settings, usage: Usage) -> ExtractionResult:
    from extractor.chunking import merge_answers

    if item.text is None:
        raise InputError(item.error or "unreadable article")
    plan_ = plan(item.text, settings)
    if not parts or len(parts) != len(plan_.requests):
        raise InputError(
            f"{item.id}: expected {len(plan_.requests)} answer(s) in the results, found {len(parts or [])}"
        )
    for part in parts:
        if part.error:
            raise InputError(f"{item.id}: {part.error}")
        usage.prompt_tokens += part.usage.get("prompt_tokens", 0)
        usage.completion_tokens += part.usage.get("completion_tokens", 0)
        usage.requests += 1
        usage.calls += 1
    answer = merge_answers([plan_.response_model.model_validate_json(part.content or "") for part in parts])
    return finish(item.text, settings, plan_, answer, run_info(settings, plan_.template, "batch", "json_schema", usage))
