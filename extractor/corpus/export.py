"""Exports: one CSV per table (UTF-8, header row, RFC 4180 quoting) and one JSONL line per record."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

from extractor.corpus.store import Store
from extractor.errors import ExtractorError

TABLES = ("articles", "runs", "records", "people", "documents", "figures", "tasks", "awards", "evidence")


def _replace_into(path: Path, write: Any) -> None:
    """Write to a temporary file beside `path`, then rename: a reader never sees half a file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            write(handle)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ExtractorError(f"{path}: cannot write ({error.strerror or error})") from None


def export_csv(store: Store, directory: Path, bom: bool = False) -> list[Path]:
    """DIR/<table>.csv for every table; `bom` starts each with U+FEFF, which Excel needs to read UTF-8."""
    written = []
    for table in TABLES:
        columns = [column.name for column in store.db[table].columns]
        rows = store.conn.execute(f"SELECT * FROM [{table}] ORDER BY 1")

        def write(handle: Any, columns: list[str] = columns, rows: Any = rows) -> None:
            if bom:
                handle.write("\ufeff")
            writer = csv.writer(handle, lineterminator="\r\n")  # RFC 4180: CRLF, quotes doubled inside quotes
            writer.writerow(columns)
            writer.writerows(rows)

        _replace_into(directory / f"{table}.csv", write)
        written.append(directory / f"{table}.csv")
    return written


def record_documents(store: Store) -> list[dict[str, Any]]:
    """Each record with its article (hash, source, language), run and evidence."""
    query = """
        SELECT records.id, records.source, records.origin, records.record_json, articles.sha256, articles.language,
               runs.model, runs.template, runs.pipeline_version, runs.prompt_tokens, runs.completion_tokens,
               runs.seconds
        FROM records JOIN articles ON articles.id = records.article_id LEFT JOIN runs ON runs.id = records.run_id
        ORDER BY records.id"""
    evidence: dict[int, dict[str, Any]] = {}
    for row in store.db.query("SELECT record_id, field, start, end, status, score, text FROM evidence"):
        record_id = row.pop("record_id")
        evidence.setdefault(record_id, {})[row.pop("field")] = row
    documents = []
    for row in store.conn.execute(query):
        keys = ("model", "template", "pipeline_version", "prompt_tokens", "completion_tokens", "seconds")
        documents.append({
            "id": row[0], "source": row[1], "origin": row[2],
            "article": {"sha256": row[4], "language": row[5]},
            "run": dict(zip(keys, row[6:], strict=True)) if row[6] else None,
            "record": json.loads(row[3]), "evidence": evidence.get(row[0], {}),
        })  # fmt: skip
    return documents


def export_jsonl(store: Store, path: Path) -> int:
    documents = record_documents(store)

    def write(handle: Any) -> None:
        for document in documents:
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")

    _replace_into(path, write)
    return len(documents)
