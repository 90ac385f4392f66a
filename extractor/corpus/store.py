"""The records store: one SQLite file that `extract`, batches and `eval` write, and `sqlite3` or Datasette can read.

The schema is built by numbered migrations (in the manner of simonw/llm's logs.db), each recorded in
`_extractor_migrations`; a file with a migration this version does not know was written by a newer version
and is refused. Every record is written in one `BEGIN IMMEDIATE` transaction, so a crash leaves the record
whole or absent, and concurrent writers queue on SQLite's lock (WAL, bounded busy timeout).

The same article (same text, by sha256) extracted with the same settings (model, template and its sha256,
pipeline version) is one record: writing it again replaces that record's contents. Changed text is another
article, hence a new record; nothing is overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sqlite_utils import Database

from extractor.cache import PIPELINE_VERSION
from extractor.corpus.names import name_key
from extractor.errors import ExtractorError
from extractor.pipeline import RunInfo
from extractor.schemas.record import ConferenceRecord

DB_ENV = "EXTRACTOR_DB"
TIMEOUT_ENV = "EXTRACTOR_DB_TIMEOUT"
DEFAULT_TIMEOUT_SECONDS = 30.0
CHILD_TABLES = ("people", "documents", "figures", "tasks", "awards", "evidence")


class StoreError(ExtractorError):
    """The store cannot be opened or written: not a database, a newer schema, locked for too long."""

    exit_code = 1


def default_db_path() -> Path:
    """EXTRACTOR_DB, else records.db in the user's data directory."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("extractor")) / "records.db"


def lock_timeout() -> float:
    try:
        return float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT_SECONDS))
    except ValueError:
        return DEFAULT_TIMEOUT_SECONDS


# --------------------------------------------------------------------------- migrations

MIGRATIONS: list[Callable[[Database], None]] = []


def migration(function: Callable[[Database], None]) -> Callable[[Database], None]:
    MIGRATIONS.append(function)
    return function


@migration
def m001_initial(db: Database) -> None:
    db["articles"].create(
        {"id": int, "sha256": str, "source": str, "language": str, "chars": int, "text": str, "added_at": str},
        pk="id", not_null={"sha256", "text"},
    )  # fmt: skip
    db["articles"].create_index(["sha256"], unique=True)
    db["runs"].create(
        {"id": int, "created_at": str, "origin": str, "eval_run": str, "model": str, "endpoint": str, "template": str,
         "template_sha256": str, "schema_sha256": str, "pipeline_version": str, "response_format": str,
         "calls": int, "requests": int, "prompt_tokens": int, "completion_tokens": int, "cached_calls": int,
         "seconds": float},
        pk="id",
    )  # fmt: skip
    db["records"].create(
        {"id": int, "article_id": int, "run_id": int, "settings_key": str, "source": str, "origin": str,
         "model": str, "template": str, "pipeline_version": str, "written_at": str, "is_conference": int,
         "title": str, "summary": str, "source_language": str, "event_date": str, "date_year": int,
         "date_month": int, "date_day": int, "date_part_of_day": str, "date_year_inferred": int,
         "organizer_name": str, "organizer_level": str, "province": str, "locality": str, "format": str,
         "purpose": str, "period_start": int, "period_end": int, "author": str, "source_url": str,
         "record_json": str},
        pk="id", foreign_keys=[("article_id", "articles", "id"), ("run_id", "runs", "id")],
        not_null={"article_id", "settings_key"},
    )  # fmt: skip
    db["records"].create_index(["article_id", "settings_key"], unique=True)
    db["records"].create_index(["province", "date_year"])
    child = {"record_id": int, "position": int}
    db["people"].create(
        {"id": int, **child, "role": str, "name": str, "name_key": str, "titles": str},
        pk="id", foreign_keys=[("record_id", "records", "id")],
    )  # fmt: skip
    db["documents"].create(
        {"id": int, **child, "kind": str, "number": str, "number_key": str, "issuer": str},
        pk="id", foreign_keys=[("record_id", "records", "id")],
    )  # fmt: skip
    db["figures"].create(
        {"id": int, **child, "value": float, "unit": str, "description": str},
        pk="id", foreign_keys=[("record_id", "records", "id")],
    )  # fmt: skip
    db["tasks"].create({"id": int, **child, "task": str}, pk="id", foreign_keys=[("record_id", "records", "id")])
    db["awards"].create(
        {"id": int, **child, "recipient": str, "award": str, "count": int},
        pk="id", foreign_keys=[("record_id", "records", "id")],
    )  # fmt: skip
    db["evidence"].create(
        {"id": int, "record_id": int, "field": str, "start": int, "end": int, "status": str, "score": float,
         "text": str},
        pk="id", foreign_keys=[("record_id", "records", "id")],
    )  # fmt: skip
    for table in CHILD_TABLES:
        db[table].create_index(["record_id"])
    db["people"].create_index(["name_key"])


@migration
def m002_full_text_search(db: Database) -> None:
    # trigram: substring search in every script (CJK has no spaces between words); names fold diacritics.
    db["articles"].enable_fts(["text"], create_triggers=True, tokenize="trigram")
    db["people"].enable_fts(["name", "name_key"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class ArticleIn:
    """The article a record came from: its text and where it was read (a path, a URL or a batch id)."""

    text: str
    source: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Saved:
    record_id: int
    replaced: bool
    """True when this article with these settings was already stored: its record was rewritten, not added."""


def safe_endpoint(base_url: str | None) -> str | None:
    """The endpoint without credentials: user:password@, query string and fragment are dropped."""
    if not base_url:
        return None
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def settings_key(model: str, template: str, template_sha256: str, pipeline_version: str) -> str:
    canonical = json.dumps([model, template, template_sha256, pipeline_version])
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def pipeline_version() -> str:
    return PIPELINE_VERSION


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def event_date(record: ConferenceRecord) -> str | None:
    """'2025-03-14', '2025-03' or '2025': as much of the date as is known, sortable as text."""
    date = record.date
    if date is None or date.year is None:
        return None
    if date.month is None:
        return f"{date.year:04d}"
    return f"{date.year:04d}-{date.month:02d}" + (f"-{date.day:02d}" if date.day else "")


def document_key(number: str | None) -> str | None:
    return "".join(number.split()).upper().replace("Đ", "D") if number else None


class Store:
    """An open store. Use as a context manager, or call close()."""

    def __init__(self, path: Path, timeout: float | None = None) -> None:
        self.path = path
        self.timeout = lock_timeout() if timeout is None else timeout
        self._lock = threading.RLock()  # batch workers share this connection: one transaction at a time
        if path.is_dir():
            raise StoreError(f"{path}: is a directory, not a records store")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(path, timeout=self.timeout, check_same_thread=False)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"{path}: cannot open the records store ({error})") from None
        self.db = Database(self.conn)
        try:
            self._configure()
            self._migrate()
        except BaseException:
            self.conn.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def _configure(self) -> None:
        try:
            self.conn.execute("PRAGMA schema_version").fetchone()
            if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as error:
            raise self._error(error) from None

    def _error(self, error: sqlite3.Error) -> StoreError:
        text = str(error)
        if "locked" in text or "busy" in text:
            return StoreError(
                f"{self.path}: the records store is locked by another writer; gave up after {self.timeout:g} s"
                f" (set {TIMEOUT_ENV} to wait longer)"
            )
        if "not a database" in text or "malformed" in text:
            return StoreError(f"{self.path}: not an SQLite records store ({text})")
        return StoreError(f"{self.path}: records store error: {text}")

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """BEGIN IMMEDIATE ... COMMIT: takes the write lock first (waiting up to the timeout), all or nothing."""
        with self._lock:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise self._error(error) from None
            try:
                yield self.db
                self.conn.execute("COMMIT")
            except sqlite3.Error as error:
                self.db.rollback()
                raise self._error(error) from None
            except BaseException:
                self.db.rollback()
                raise

    # ----------------------------------------------------------------- migrations

    def applied_migrations(self) -> set[str]:
        try:
            if not self.db["_extractor_migrations"].exists():
                return set()
            return {row[0] for row in self.conn.execute("SELECT name FROM _extractor_migrations")}
        except sqlite3.DatabaseError as error:
            raise self._error(error) from None

    def _migrate(self) -> None:
        known = {function.__name__ for function in MIGRATIONS}
        if self._check_applied(known) == known:
            return
        with self.transaction() as db:  # a second process opening a new store waits here, then finds it done
            applied = self._check_applied(known)
            if not db["_extractor_migrations"].exists():
                db["_extractor_migrations"].create({"name": str, "applied_at": str}, pk="name")
            for function in MIGRATIONS:
                if function.__name__ not in applied:
                    function(db)
                    db["_extractor_migrations"].insert({"name": function.__name__, "applied_at": _now()})

    def _check_applied(self, known: set[str]) -> set[str]:
        applied = self.applied_migrations()
        if applied - known:
            newest = sorted(applied - known)[-1]
            raise StoreError(
                f"{self.path}: written by a newer version of extractor (schema migration {newest}); upgrade extractor"
            )
        return applied

    # ----------------------------------------------------------------- records

    def save(
        self,
        article: ArticleIn,
        record: ConferenceRecord,
        run: RunInfo | None,
        evidence: Mapping[str, Any] | None = None,
        *,
        origin: str = "extract",
        eval_run: str | None = None,
        version: str | None = None,
    ) -> Saved:
        """Write one record with its article, run, lists and evidence, in one transaction."""
        version = version or pipeline_version()
        key = settings_key(run.model, run.template, run.template_sha256, version) if run else origin
        with self.transaction() as db:
            article_id = self._article_id(db, article, record.source_language)
            existing = db.execute(
                "SELECT id FROM records WHERE article_id = ? AND settings_key = ?", [article_id, key]
            ).fetchone()
            if existing:
                self._delete_record(db, existing[0])
            run_id = db["runs"].insert(_run_row(run, origin, eval_run, version)).last_pk if run else None
            row = _record_row(record, article_id, run_id, key, article.source, origin, run, version)
            if existing:
                row["id"] = existing[0]
            record_id = db["records"].insert(row).last_pk
            _insert_lists(db, record_id, record)
            _insert_evidence(db, record_id, evidence or {})
        return Saved(record_id=int(record_id), replaced=existing is not None)

    def _article_id(self, db: Database, article: ArticleIn, language: str) -> int:
        found = db.execute("SELECT id FROM articles WHERE sha256 = ?", [article.sha256]).fetchone()
        if found:
            return int(found[0])
        row = {"sha256": article.sha256, "source": article.source, "language": language,
               "chars": len(article.text), "text": article.text, "added_at": _now()}  # fmt: skip
        return int(db["articles"].insert(row).last_pk)

    def _delete_record(self, db: Database, record_id: int) -> None:
        for table in CHILD_TABLES:
            db.execute(f"DELETE FROM [{table}] WHERE record_id = ?", [record_id])
        db.execute("DELETE FROM records WHERE id = ?", [record_id])

    def count(self, table: str = "records") -> int:
        return self.db[table].count

    def has(self, text: str, key: str) -> bool:
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        query = "SELECT 1 FROM records JOIN articles ON articles.id = article_id WHERE sha256 = ? AND settings_key = ?"
        return self.conn.execute(query, [sha, key]).fetchone() is not None


def _run_row(run: RunInfo, origin: str, eval_run: str | None, version: str) -> dict[str, Any]:
    return {
        "created_at": _now(), "origin": origin, "eval_run": eval_run, "model": run.model,
        "endpoint": safe_endpoint(run.base_url), "template": run.template, "template_sha256": run.template_sha256,
        "schema_sha256": run.schema_sha256, "pipeline_version": version, "response_format": run.response_format,
        "calls": run.calls, "requests": run.requests, "prompt_tokens": run.prompt_tokens,
        "completion_tokens": run.completion_tokens, "cached_calls": run.cached_calls, "seconds": run.seconds,
    }  # fmt: skip


def _record_row(
    record: ConferenceRecord, article_id: int, run_id: int | None, key: str, source: str | None, origin: str,
    run: RunInfo | None, version: str,
) -> dict[str, Any]:  # fmt: skip
    date, organizer, period = record.date, record.organizer, record.period
    return {
        "article_id": article_id, "run_id": run_id, "settings_key": key, "source": source, "origin": origin,
        "model": run.model if run else None, "template": run.template if run else None,
        "pipeline_version": version if run else None, "written_at": _now(),
        "is_conference": int(record.is_conference), "title": record.title, "summary": record.summary,
        "source_language": record.source_language, "event_date": event_date(record),
        "date_year": date.year if date else None, "date_month": date.month if date else None,
        "date_day": date.day if date else None, "date_part_of_day": date.part_of_day if date else None,
        "date_year_inferred": int(date.year_inferred) if date else None,
        "organizer_name": organizer.name if organizer else None,
        "organizer_level": organizer.level if organizer else None,
        "province": record.province, "locality": record.locality, "format": record.format, "purpose": record.purpose,
        "period_start": period.start_year if period else None, "period_end": period.end_year if period else None,
        "author": record.author, "source_url": record.source_url,
        "record_json": record.model_dump_json(),
    }  # fmt: skip


def _insert_lists(db: Database, record_id: int, record: ConferenceRecord) -> None:
    people = [
        {"role": role, "name": person.name, "name_key": name_key(person.name),
         "titles": json.dumps(person.titles, ensure_ascii=False)}
        for role, persons in (("chair", record.chairs), ("participant", record.participants)) for person in persons
    ]  # fmt: skip
    documents = [{"kind": d.kind, "number": d.number, "number_key": document_key(d.number), "issuer": d.issuer}
                 for d in record.documents]  # fmt: skip
    rows = {
        "people": people,
        "documents": documents,
        "figures": [{"value": f.value, "unit": f.unit, "description": f.description} for f in record.figures],
        "tasks": [{"task": task} for task in record.tasks],
        "awards": [{"recipient": a.recipient, "award": a.award, "count": a.count} for a in record.awards],
    }
    for table, items in rows.items():
        if items:
            db[table].insert_all({"record_id": record_id, "position": i, **item} for i, item in enumerate(items))


def _insert_evidence(db: Database, record_id: int, evidence: Mapping[str, Any]) -> None:
    rows = []
    for field, value in evidence.items():
        found = value.model_dump() if hasattr(value, "model_dump") else dict(value)
        columns = ("start", "end", "status", "score", "text")
        rows.append({"record_id": record_id, "field": field, **{column: found.get(column) for column in columns}})
    if rows:
        db["evidence"].insert_all(rows)


def open_store(path: Path | None = None, timeout: float | None = None) -> Store:
    return Store(path or default_db_path(), timeout)
