"""Batch extraction: JSONL, one line per article, resumable after any interruption (SIGKILL included).

The endpoint is tests/stub_server.py, a loopback stand-in that always answers the same record: these tests
check the batch's bookkeeping, not extraction quality.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from stub_server import StubServer

from extractor.batch import completed_ids, items_from_argument, items_from_stream, run_batch
from extractor.config import Settings


def make_articles(directory: Path, count: int) -> list[str]:
    directory.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (directory / f"a{index:02d}.txt").write_text(f"Am {index + 1}. Mai tagte das Parteikomitee.", "utf-8")
    return [str(directory / f"a{index:02d}.txt") for index in range(count)]


def stub_settings(stub: StubServer) -> Settings:
    return Settings(model="stub", base_url=stub.base_url, template="naive", retries=0, cache=False)


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_article_gets_one_line_and_unreadable_ones_fail(tmp_path: Path) -> None:
    ids = make_articles(tmp_path / "in", 3)
    (tmp_path / "in" / "broken.txt").write_bytes(b"%PDF-1.7 binary")
    out = tmp_path / "out.jsonl"

    with StubServer() as stub:
        summary = run_batch(items_from_argument(str(tmp_path / "in")), stub_settings(stub), out, jobs=2)

    lines = {line["id"]: line for line in read_lines(out)}
    assert set(lines) == {*ids, str(tmp_path / "in" / "broken.txt")}
    assert summary.written == 4 and summary.failed == 1
    assert lines[str(tmp_path / "in" / "broken.txt")]["status"] == "failed"
    assert "looks like a PDF" in lines[str(tmp_path / "in" / "broken.txt")]["error"]
    assert all(lines[i]["status"] == "ok" and lines[i]["record"]["is_conference"] for i in ids)
    assert all(lines[i]["requests"] == 1 and lines[i]["prompt_tokens"] == 10 for i in ids)


def test_rerun_skips_what_is_written(tmp_path: Path) -> None:
    make_articles(tmp_path / "in", 4)
    out = tmp_path / "out.jsonl"
    with StubServer() as stub:
        run_batch(items_from_argument(str(tmp_path / "in")), stub_settings(stub), out)
        calls = len(stub.requests)
        summary = run_batch(items_from_argument(str(tmp_path / "in")), stub_settings(stub), out)

    assert summary.skipped == 4 and summary.written == 0
    assert len(stub.requests) == calls
    assert len(read_lines(out)) == 4


def test_a_half_written_last_line_is_dropped_on_resume(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "x", "status": "ok"}\n{"id": "y", "sta', encoding="utf-8")

    assert completed_ids(out) == {"x"}
    assert out.read_text(encoding="utf-8") == '{"id": "x", "status": "ok"}\n'


def test_stdin_takes_paths_and_jsonl_texts(tmp_path: Path) -> None:
    paths = make_articles(tmp_path, 1)
    stream = io.StringIO(f'{paths[0]}\n{{"id": "t1", "text": "Am 2. Mai tagte das Komitee."}}\n{{"oops": 1}}\n')

    items = list(items_from_stream(stream))

    assert [item.id for item in items] == [paths[0], "t1", "stdin:3"]
    assert items[1].text.startswith("Am 2. Mai") and items[2].error


@pytest.mark.timeout(120)
def test_sigkill_mid_batch_then_resume_leaves_exactly_one_line_per_article(tmp_path: Path) -> None:
    ids = make_articles(tmp_path / "in", 12)
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "EXTRACTOR_NO_LOG": "1"}
    with StubServer(delay=0.25) as stub:
        command = [sys.executable, "-m", "extractor", "extract", str(tmp_path / "in"), "-o", str(out),
                   "--base-url", stub.base_url, "--model", "stub", "--template", "naive",
                   "--no-cache", "-j", "2"]  # fmt: skip
        # Run outside the checkout, so that `-m extractor` imports the installed package, not the source tree.
        first = subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while not out.exists() or len(out.read_text().splitlines()) < 3:
            assert first.poll() is None, "the batch ended before it could be killed"
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait()
        written_before = len(completed_ids(out))
        assert 3 <= written_before < 12

        second = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=100)

    assert second.returncode == 0, second.stderr
    lines = read_lines(out)
    assert sorted(line["id"] for line in lines) == sorted(ids)
    assert f"{written_before} already done" in second.stderr
