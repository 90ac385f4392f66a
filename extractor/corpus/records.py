"""Reading the store: records filtered by province, year, person, language or article text."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from extractor.corpus.names import fold, name_key
from extractor.corpus.store import Store
from extractor.errors import UsageError
from extractor.schemas.record import ConferenceRecord


@dataclass(frozen=True)
class RecordFilter:
    province: str | None = None
    year: int | None = None
    person: str | None = None
    language: str | None = None
    search: str | None = None


@dataclass(frozen=True)
class StoredRecord:
    id: int
    article_id: int
    source: str | None
    origin: str | None
    model: str | None
    record: ConferenceRecord

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "article_id": self.article_id, "source": self.source, "origin": self.origin,
                "model": self.model, "record": self.record.model_dump(mode="json")}  # fmt: skip


def _fts_terms(text: str) -> str:
    """Words as quoted FTS5 strings, all required: nothing the user types is read as query syntax."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in text.split())


def _where(store: Store, where: RecordFilter) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if where.province:
        store.db.register_function(fold, deterministic=True, replace=True)
        clauses.append("fold(coalesce(province, '')) = ?")
        params.append(fold(where.province))
    if where.year is not None:
        clauses.append("date_year = ?")
        params.append(where.year)
    if where.language:
        clauses.append("source_language = ?")
        params.append(where.language.strip().lower())
    if where.person:
        key = name_key(where.person)
        if not key:
            raise UsageError(f"--person {where.person!r}: no name in it")
        clauses.append("id IN (SELECT record_id FROM people WHERE rowid IN "
                       "(SELECT rowid FROM people_fts WHERE people_fts MATCH ?))")  # fmt: skip
        params.append("name_key : (" + _fts_terms(key) + ")")
    if where.search:
        if len(where.search.strip()) < 3:
            raise UsageError("--search needs at least 3 characters")
        clauses.append("article_id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(_fts_terms(where.search))
    return (" AND ".join(clauses) or "1"), params


def find_records(store: Store, where: RecordFilter | None = None) -> list[StoredRecord]:
    """Matching records, by event date then id."""
    condition, params = _where(store, where or RecordFilter())
    query = (f"SELECT id, article_id, source, origin, model, record_json FROM records WHERE {condition} "
             "ORDER BY event_date IS NULL, event_date, id")  # fmt: skip
    return [
        StoredRecord(row[0], row[1], row[2], row[3], row[4], ConferenceRecord.model_validate(json.loads(row[5])))
        for row in store.conn.execute(query, params)
    ]


def table_row(stored: StoredRecord) -> list[str]:
    """id, date, province, organizer, chairs, language, source: one line of `extractor records`."""
    record = stored.record
    date = record.date
    when = "-".join(f"{part:02d}" for part in (date.year, date.month, date.day) if part) if date else ""
    return [
        str(stored.id), when, record.province or "", record.organizer.name if record.organizer else "",
        ", ".join(person.name for person in record.chairs), record.source_language, stored.source or "",
    ]  # fmt: skip
