"""Batch extraction to JSONL: one line per article, appended and flushed as each finishes, resumable.

Killed at any moment and restarted with the same command, a batch skips the ids already written and
drops a half-written last line (the only thing an interrupted append can leave).
"""

from __future__ import annotations

import glob
import json
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Any

from extractor.config import REMOTE_DEFAULT_JOBS, Settings
from extractor.core.scheduling import run_bounded
from extractor.core.text import one_line
from extractor.errors import EndpointError, ExtractorError, InputError, UsageError
from extractor.pipeline import ExtractFn, ExtractionResult
from extractor.textio import decode_article, read_article
from extractor.usage import Usage


@dataclass(frozen=True)
class BatchItem:
    """One article to extract: its id, and its text or the reason it cannot be read."""

    id: str
    text: str | None = None
    error: str | None = None


def items_from_argument(argument: str) -> Iterator[BatchItem]:
    """A directory (its *.txt), a glob pattern, a single file, or '-' (stdin: paths or JSONL {id, text})."""
    if argument == "-":
        yield from items_from_stream(sys.stdin)
        return
    path = Path(argument)
    if path.is_dir():
        articles = sorted(path.glob("*.txt"))
        if not articles:
            raise InputError(f"{argument}: a directory with no *.txt articles")
        yield from items_from_paths(articles)
        return
    matches = sorted(glob.glob(argument, recursive=True))
    if not matches and not path.exists():
        raise InputError(f"{argument}: no such file, directory or matching files")
    yield from items_from_paths([Path(match) for match in matches] or [path])


def items_from_paths(paths: Iterable[Path]) -> Iterator[BatchItem]:
    for path in paths:
        try:
            yield BatchItem(id=str(path), text=read_article(path))
        except InputError as error:
            yield BatchItem(id=str(path), error=str(error))


def items_from_stream(stream: IO[str]) -> Iterator[BatchItem]:
    """Each line is a path, or a JSON object {"id": ..., "text": ...}."""
    for number, line in enumerate(stream, start=1):
        line = line.strip()
        if not line:
            continue
        if not line.startswith("{"):
            yield from items_from_paths([Path(line)])
            continue
        yield _item_from_json(line, number)


def _item_from_json(line: str, number: int) -> BatchItem:
    try:
        entry = json.loads(line)
        identifier, text = str(entry["id"]), entry["text"]
    except (ValueError, KeyError, TypeError, RecursionError):
        return BatchItem(id=f"stdin:{number}", error=f"stdin line {number}: expected {{'id': ..., 'text': ...}}")
    if not isinstance(text, str):
        return BatchItem(id=identifier, error=f"stdin line {number}: 'text' must be a string")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate such as "\ud800" in the JSON
        return BatchItem(id=identifier, error=f"stdin line {number}: 'text' is not valid Unicode (lone surrogate)")
    try:
        return BatchItem(id=identifier, text=decode_article(data, identifier))
    except InputError as error:
        return BatchItem(id=identifier, error=str(error))


# --------------------------------------------------------------------------- output


def completed_ids(output: Path) -> set[str]:
    """Ids already written; a last line cut short by a kill is removed first."""
    if not output.exists():
        return set()
    if output.is_dir():
        raise UsageError(f"{output}: is a directory, not a JSONL output file")
    done = set()
    try:
        _drop_partial_last_line(output)
        with output.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                try:
                    done.add(json.loads(line)["id"])
                except (ValueError, KeyError, TypeError, RecursionError):
                    continue  # not a line of ours: it stays, and says nothing about what is done
    except OSError as error:
        raise UsageError(f"{output}: cannot read the existing output ({error.strerror or error})") from error
    return done


def _drop_partial_last_line(output: Path) -> None:
    data = output.read_bytes()
    if data and not data.endswith(b"\n"):
        keep = data.rfind(b"\n") + 1
        with output.open("r+b") as handle:
            handle.truncate(keep)


class JsonlWriter:
    """Appends one complete line per record with a single write, then flushes it to disk."""

    def __init__(self, output: Path | None) -> None:
        self._lock = threading.Lock()
        self._output = output
        try:
            self._fd = os.open(output, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644) if output else None
        except OSError as error:
            raise UsageError(f"{output}: cannot write there ({error.strerror or error})") from error

    def write(self, entry: dict[str, Any]) -> None:
        data = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8", errors="backslashreplace")
        with self._lock:
            try:
                if self._fd is None:
                    sys.stdout.write(data.decode("utf-8"))
                    sys.stdout.flush()
                    return
                view = memoryview(data)
                while view:  # a short write (disk nearly full) must not leave half a line for the next to follow
                    view = view[os.write(self._fd, view) :]
                os.fsync(self._fd)
            except OSError as error:
                where = self._output or "standard output"
                raise ExtractorError(f"{where}: cannot write ({error.strerror or error})") from error

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)


def result_line(item: BatchItem, result: ExtractionResult | None, usage: Usage, error: str | None) -> dict[str, Any]:
    run = result.run if result else None
    return {
        "id": item.id,
        "status": "ok" if result else "failed",
        "error": error,
        "record": result.record.model_dump(mode="json") if result else None,
        "model": run.model if run else None,
        **usage.batch_fields(),
        "ungrounded": result.ungrounded if result else [],
    }


# --------------------------------------------------------------------------- running


@dataclass
class BatchSummary:
    written: int = 0
    failed: int = 0
    skipped: int = 0


def run_batch(
    items: Iterable[BatchItem],
    settings: Settings,
    output: Path | None,
    *,
    jobs: int | None = None,
    extract_fn: ExtractFn | None = None,
    on_done: Callable[[dict[str, Any]], None] | None = None,
    on_result: Callable[[BatchItem, ExtractionResult], None] | None = None,
) -> BatchSummary:
    """Extract every item not yet in `output`; each finished article is on disk before the next is reported.

    `on_result` is given each successful extraction before its line is written (the records store); an
    ExtractorError raised there stops the batch.

    An endpoint that stays unreachable stops the batch (raising EndpointError) after the lines already written.
    """
    if extract_fn is None:
        from extractor.pipeline import extract as extract_fn
    done = completed_ids(output) if output else set()
    writer = JsonlWriter(output)
    summary = BatchSummary()
    jobs = jobs or (1 if settings.uses_embedded_model else REMOTE_DEFAULT_JOBS)

    def record(line: dict[str, Any]) -> None:
        writer.write(line)
        summary.written += 1
        summary.failed += line["status"] != "ok"
        if on_done:
            on_done(line)

    work = partial(extract_line, settings=settings, extract_fn=extract_fn, on_result=on_result)
    try:
        run_bounded(work, _not_yet_done(items, done, summary), jobs, record, thread_name_prefix="batch")
    finally:
        writer.close()
    return summary


def extract_line(
    item: BatchItem,
    *,
    settings: Settings,
    extract_fn: ExtractFn,
    on_result: Callable[[BatchItem, ExtractionResult], None] | None,
) -> dict[str, Any]:
    """One article's batch line; an EndpointError (the endpoint, not the article) propagates to stop the batch."""
    usage = Usage()
    if item.error:
        return result_line(item, None, usage, item.error)
    try:
        result = extract_fn(item.text, settings, usage=usage)
    except EndpointError:
        raise
    except ExtractorError as error:
        return result_line(item, None, usage, str(error))
    except Exception as error:  # anything unforeseen fails this article, not the batch
        return result_line(item, None, usage, _unexpected(error))
    if on_result is not None:
        on_result(item, result)
    return result_line(item, result, usage, None)


def _not_yet_done(items: Iterable[BatchItem], done: set[str], summary: BatchSummary) -> Iterator[BatchItem]:
    """The items not in `done`, each id once; the others are counted as skipped."""
    for item in items:
        if item.id in done:
            summary.skipped += 1
            continue
        done.add(item.id)
        yield item


def _unexpected(error: Exception) -> str:
    text = one_line(str(error), 300)
    return f"unexpected error: {type(error).__name__}" + (f": {text}" if text else "")
