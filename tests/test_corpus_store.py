"""The records store: schema, idempotent writes, bad files, locking, secrets, and SIGKILL in the middle of a batch.

Batch tests use tests/stub_server.py (a loopback stand-in that always answers the same record): they check the
store's bookkeeping, not extraction quality.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from stub_server import StubServer

from extractor.corpus.store import MIGRATIONS, ArticleIn, Store, StoreError, safe_endpoint
from extractor.pipeline import RunInfo
from extractor.schemas.record import ConferenceRecord, Person

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "evals" / "gold" / "003_a8ab37e39b0f0da1.json"
ARTICLE = ROOT / "seeds" / "003_a8ab37e39b0f0da1.txt"


def gold_record() -> ConferenceRecord:
    return ConferenceRecord.model_validate_json(GOLD.read_text(encoding="utf-8"))


def run_info(model: str = "m", base_url: str | None = None) -> RunInfo:
    return RunInfo(
        model=model, base_url=base_url, template="default", template_sha256="t", schema_sha256="s",
        response_format="json_schema", calls=1, requests=1, prompt_tokens=3, completion_tokens=4, seconds=1.5,
    )  # fmt: skip


def test_a_record_is_stored_with_its_lists_and_evidence(tmp_path: Path) -> None:
    evidence = {"province": {"status": "exact", "start": 47, "end": 56, "text": "Thanh Hoa", "score": 100.0}}
    with Store(tmp_path / "r.db") as store:
        saved = store.save(ArticleIn(ARTICLE.read_text("utf-8"), "a.txt"), gold_record(), run_info(), evidence)
        row = store.db["records"].get(saved.record_id)
        people = list(store.db.query("SELECT role, name, titles FROM people"))
        assert row["province"] == "Thanh Hoa" and row["event_date"] == "2025-02-28"
        assert people[0]["role"] == "chair"
        assert "Secretary of the City Party Committee" in json.loads(people[0]["titles"])
        assert store.count("documents") == 3 and store.count("figures") == 3 and store.count("tasks") == 6
        assert list(store.db.query("SELECT field, start, end, status FROM evidence")) == [
            {"field": "province", "start": 47, "end": 56, "status": "exact"}
        ]
        assert ConferenceRecord.model_validate_json(row["record_json"]) == gold_record()


def test_same_article_and_settings_is_one_record_changed_text_is_another(tmp_path: Path) -> None:
    text = ARTICLE.read_text("utf-8")
    with Store(tmp_path / "r.db") as store:
        first = store.save(ArticleIn(text, "a.txt"), gold_record(), run_info())
        again = store.save(ArticleIn(text, "copy.txt"), gold_record(), run_info())
        other_model = store.save(ArticleIn(text, "a.txt"), gold_record(), run_info(model="other"))
        changed = store.save(ArticleIn(text + "\nCorrection.", "a.txt"), gold_record(), run_info())
        assert again.record_id == first.record_id and again.replaced
        assert len({first.record_id, other_model.record_id, changed.record_id}) == 3
        assert store.count("records") == 3 and store.count("articles") == 2
        assert store.count("people") == 3  # the replaced record's people were not left behind


def test_a_failure_in_the_middle_of_a_write_leaves_no_part_of_the_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("disk on fire")

    with Store(tmp_path / "r.db") as store:
        monkeypatch.setattr("extractor.corpus.store._insert_evidence", broken)
        with pytest.raises(RuntimeError):
            store.save(ArticleIn("text", "a.txt"), gold_record(), run_info(), {"date": {"status": "exact"}})
        assert [store.count(table) for table in ("articles", "runs", "records", "people", "figures")] == [0] * 5


def test_full_text_search_over_articles_and_names(tmp_path: Path) -> None:
    record = gold_record().model_copy(update={"participants": [Person(name="Нгуен Дык Чунг")]})
    with Store(tmp_path / "r.db") as store:
        store.save(ArticleIn("会议在清化市举行，阮德忠出席。", "zh.txt"), record, run_info())
        assert list(store.db.query("SELECT rowid FROM articles_fts WHERE articles_fts MATCH '\"清化市\"'"))
        names = store.db.query("SELECT name FROM people_fts WHERE people_fts MATCH 'trung'")
        assert [row["name"] for row in names] == ["Нгуен Дык Чунг"]


def test_no_api_key_or_credentials_reach_the_store(tmp_path: Path) -> None:
    url = "https://user:sk-SECRET123456789@api.example.com/v1?api-key=sk-OTHER98765432"
    with Store(tmp_path / "r.db") as store:
        store.save(ArticleIn("text", "a.txt"), gold_record(), run_info(base_url=url))
    assert safe_endpoint(url) == "https://api.example.com/v1"
    data = b"".join(path.read_bytes() for path in tmp_path.iterdir())
    assert b"SECRET" not in data and b"OTHER" not in data and b"user" not in data


def test_a_file_that_is_not_a_database_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50, encoding="utf-8")
    with pytest.raises(StoreError, match=r"notes\.db: not an SQLite records store"):
        Store(path)


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    Store(tmp_path / "r.db").close()
    with sqlite3.connect(tmp_path / "r.db") as conn:
        conn.execute("INSERT INTO _extractor_migrations VALUES ('m999_from_the_future', '2030-01-01')")
    with pytest.raises(StoreError, match=r"r\.db: written by a newer version of extractor"):
        Store(tmp_path / "r.db")


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    Store(tmp_path / "r.db").close()
    with Store(tmp_path / "r.db") as store:
        assert store.applied_migrations() == {function.__name__ for function in MIGRATIONS}
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_locked_store_is_waited_for_then_fails_with_a_clear_message(tmp_path: Path) -> None:
    Store(tmp_path / "r.db").close()
    holder = sqlite3.connect(tmp_path / "r.db")
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Store(tmp_path / "r.db", timeout=0.5) as store:
            started = time.monotonic()
            with pytest.raises(StoreError, match=r"r\.db: the records store is locked by another writer"):
                store.save(ArticleIn("text", "a.txt"), gold_record(), run_info())
            assert time.monotonic() - started >= 0.4
            assert store.count("records") == 0
    finally:
        holder.rollback()
        holder.close()


def test_cli_errors_on_a_bad_store_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00garbage" * 200)
    env = {**os.environ, "EXTRACTOR_NO_LOG": "1"}
    command = [sys.executable, "-m", "extractor", "extract", str(ARTICLE), "--db", str(bad), "--base-url",
               "http://127.0.0.1:9/v1", "--model", "stub"]  # fmt: skip
    result = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "bad.db: not an SQLite records store" in result.stderr


def make_articles(directory: Path, count: int) -> list[str]:
    directory.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (directory / f"a{index:02d}.txt").write_text(f"Am {index + 1}. Mai tagte das Parteikomitee.", "utf-8")
    return [str(directory / f"a{index:02d}.txt") for index in range(count)]


def store_state(path: Path) -> tuple[str, int, int]:
    with sqlite3.connect(path) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        records = conn.execute("SELECT count(*) FROM records").fetchone()[0]
        distinct = conn.execute("SELECT count(DISTINCT article_id) FROM records").fetchone()[0]
    return integrity, records, distinct


@pytest.mark.timeout(120)
def test_sigkill_mid_batch_leaves_a_sound_store_and_resume_completes_it(tmp_path: Path) -> None:
    ids = make_articles(tmp_path / "in", 12)
    out, db = tmp_path / "out.jsonl", tmp_path / "records.db"
    env = {**os.environ, "EXTRACTOR_NO_LOG": "1"}
    with StubServer(delay=0.25) as stub:
        command = [sys.executable, "-m", "extractor", "extract", str(tmp_path / "in"), "-o", str(out),
                   "--db", str(db), "--base-url", stub.base_url, "--model", "stub", "--template", "naive",
                   "--no-cache", "-j", "2"]  # fmt: skip
        # Run outside the checkout, so that `-m extractor` imports the installed package, not the source tree.
        first = subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while not out.exists() or len(out.read_text().splitlines()) < 3:
            assert first.poll() is None, "the batch ended before it could be killed"
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait()
        integrity, killed_records, _ = store_state(db)
        assert integrity == "ok"
        lines_before = len(out.read_text().splitlines())
        assert lines_before <= killed_records < 12  # each record is in the store before its JSONL line

        second = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=100)

    assert second.returncode == 0, second.stderr
    integrity, records, distinct = store_state(db)
    assert integrity == "ok" and records == distinct == len(ids)
    with sqlite3.connect(db) as conn:
        sources = sorted(row[0] for row in conn.execute("SELECT source FROM records"))
        orphans = conn.execute("SELECT count(*) FROM people WHERE record_id NOT IN (SELECT id FROM records)")
        assert orphans.fetchone()[0] == 0
    assert sources == sorted(ids)
