"""Every CLI run is appended to a JSONL log in the cache directory, for later inspection."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from extractor.local_models import cache_dir
from extractor.pipeline import ExtractionResult


def log_path() -> Path:
    return cache_dir() / "logs" / "runs.jsonl"


def append(source: str, result: ExtractionResult) -> None:
    if os.environ.get("EXTRACTOR_NO_LOG"):
        return
    entry = {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "source": source, **result.model_dump(mode="json")}
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as log:
        log.write(json.dumps(entry, ensure_ascii=False) + "\n")
