"""The store from the command line: extract and eval write it (or not, with --no-db); records, export, people
and link read it. The endpoint is tests/stub_server.py, a loopback stand-in that always answers one record."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from stub_server import StubServer

ROOT = Path(__file__).resolve().parent.parent
LINKING = ROOT / "evals" / "linking"


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "extractor", *args]
    return subprocess.run(command, cwd=cwd, env=env or os.environ.copy(), capture_output=True, text=True, timeout=120)


def test_extract_writes_the_store_and_no_db_does_not(tmp_path: Path) -> None:
    article = LINKING / "docs" / "nghe-an-congress-ru.txt"
    with StubServer() as stub:
        remote = ["--base-url", stub.base_url, "--model", "stub", "--template", "naive", "--no-cache"]
        first = run("extract", str(article), "--db", str(tmp_path / "a.db"), *remote, cwd=tmp_path)
        again = run("extract", str(article), "--db", str(tmp_path / "a.db"), *remote, cwd=tmp_path)
        skipped = run("extract", str(article), "--db", str(tmp_path / "b.db"), "--no-db", *remote, cwd=tmp_path)
    assert first.returncode == again.returncode == skipped.returncode == 0, first.stderr
    assert not (tmp_path / "b.db").exists()
    listed = run("records", "--db", str(tmp_path / "a.db"), "--json", cwd=tmp_path)
    lines = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(lines) == 1 and lines[0]["source"] == str(article) and lines[0]["model"] == "stub"


def test_eval_writes_its_predictions_to_the_store(tmp_path: Path) -> None:
    with StubServer() as stub:
        result = run("eval", "-m", f"stub@{stub.base_url}", "-t", "naive", "--docs", str(LINKING / "docs"),
                     "--gold", str(LINKING / "gold"), "--limit", "3", "--runs-dir", str(tmp_path / "runs"),
                     "--run-id", "r1", "--db", str(tmp_path / "e.db"), "--no-cache", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "e.db") as conn:
        query = "SELECT records.origin, runs.eval_run FROM records JOIN runs ON runs.id = run_id"
        rows = conn.execute(query).fetchall()
    assert rows == [("eval", "r1")] * 3


def test_the_reading_commands_over_the_linking_set(tmp_path: Path) -> None:
    db = str(tmp_path / "g.db")
    assert run("import-gold", str(LINKING / "docs"), str(LINKING / "gold"), "--db", db, cwd=tmp_path).returncode == 0
    listed = run("records", "--db", db, "--province", "Ha Tinh", "--json", cwd=tmp_path)
    assert len(listed.stdout.splitlines()) == 8
    linked = run("link", "--db", db, "--groups", str(LINKING / "groups.json"), "--out", str(tmp_path / "out"),
                 cwd=tmp_path)  # fmt: skip
    assert linked.returncode == 0 and "F1 1.000" in linked.stdout
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"events.json", "events.html", "report.md"}
    people = run("people", "--db", db, "--json", cwd=tmp_path)
    assert len(people.stdout.splitlines()) == 17
    exported = run("export", "--db", db, "--csv", str(tmp_path / "csv"), cwd=tmp_path)
    assert exported.returncode == 0 and len(list((tmp_path / "csv").glob("*.csv"))) == 9


def test_reading_a_missing_store_is_one_line(tmp_path: Path) -> None:
    result = run("records", "--db", str(tmp_path / "none.db"), cwd=tmp_path)
    assert result.returncode == 2 and "none.db: no records store yet" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
