"""The benchmark's floor and table: what an answer must hold, and the arithmetic of the ratios."""

from __future__ import annotations

import json

import pytest

from extractor.config import Settings
from extractor.doctor import speed_from_samples
from extractor.errors import EndpointError
from extractor.evals.bench import ArticleTiming, Floor, fewest_answer, joined_article, markdown_table
from extractor.schemas.record import ConferenceRecord
from extractor.usage import Usage

GOLD = ConferenceRecord.model_validate(
    {
        "is_conference": True,
        "title": "A conference",
        "source_language": "de",
        "date": {"year": 2025, "month": 5, "day": 2},
        "organizer": {"name": "Ha Tinh Provincial Party Committee", "level": "provincial"},
        "province": "Ha Tinh",
        "chairs": [{"name": "Nguyen Van An", "titles": ["Secretary"]}],
        "documents": [{"kind": "directive", "number": "35-CT/TW", "issuer": "Politburo"}],
        "figures": [{"value": 12, "unit": "cells", "description": "new Party cells"}],
        "tasks": ["Train officials"],
    }
)


def test_the_fewest_answer_is_the_free_text_plus_one_token_per_other_value() -> None:
    free_text, values = fewest_answer(GOLD)
    assert sorted(json.loads(free_text)) == sorted(
        ["A conference", "Ha Tinh Provincial Party Committee", "Secretary", "Politburo", "cells",
         "new Party cells", "Train officials"]
    )  # fmt: skip
    # is_conference, source_language, year, month, day, level, province, chair's name, kind, number, value
    assert values == 11


def test_the_floor_reads_once_and_writes_at_the_generation_rate() -> None:
    floor = Floor(prompt_tokens=1000, ingest_seconds=20.0, answer_tokens=50, generation_rate=10.0)
    assert floor.seconds == 25.0


def test_the_table_gives_each_template_its_ratio_and_the_means_leave_out_the_long_row() -> None:
    floor = Floor(prompt_tokens=1000, ingest_seconds=20.0, answer_tokens=50, generation_rate=10.0)
    short = ArticleTiming("a", 2000, floor, {"default": Usage(seconds=50.0, requests=1), "ask": Usage(seconds=25.0)})
    name, article, gold = joined_article([("a", "x" * 2000, GOLD), ("b", "y" * 2000, GOLD)])
    long = ArticleTiming(name, len(article), floor, {"default": Usage(seconds=500.0), "ask": Usage(seconds=500.0)})
    table = markdown_table([short, long], Settings(), ("default", "ask"), [("generation", "10 tokens/s")])
    assert "| a | 2000 | 25.0 (1000 + 50) | 50.0 | 2.00 | 25.0 | 25.0 | 1.00 | 12.5 |" in table
    assert "| default | 50.0 | 2.00 | 1.0 |" in table  # the long row is not in the means
    assert name == "long: 2 joined" and gold == GOLD and len(article) == 4002


def test_each_template_times_every_article_in_its_own_pass(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Two templates back to back on one article would share its cached prefix; the order is by template."""
    from extractor.evals import bench

    order: list[tuple[str, str]] = []
    monkeypatch.setattr(bench, "resolve_endpoint", lambda settings: ("http://x/v1", "json_object_schema"))
    monkeypatch.setattr(bench, "measure_speed", lambda base_url, model: None)
    monkeypatch.setattr(bench, "article_floor", lambda *args: Floor(1, 1.0, 1, 1.0))

    def timed(article: str, settings: Settings, template: str) -> tuple[Usage, str | None]:
        order.append((template, article[:1]))
        return Usage(seconds=1.0), "cut off" if (template, article) == ("ask", "b") else None

    monkeypatch.setattr(bench, "time_template", timed)
    timings, _ = bench.run_bench([("a", "a", GOLD), ("b", "b", GOLD)], Settings(), ("default", "ask"), long_row=False)
    measured = [step for step in order if step[1] in "ab"]  # the warm-up article starts with "A"
    assert measured == [("default", "a"), ("default", "b"), ("ask", "a"), ("ask", "b")]
    # Each run is preceded by the warm-up article on its template, so no run reuses the article read before it.
    assert order == [step for run in measured for step in ((run[0], "A"), run)]
    # A failed extraction is timed and marked; the rows measured before it are kept.
    assert timings[1].failures == {"ask": "cut off"} and timings[0].failures == {}
    assert "1.0 (failed)" in bench.markdown_table(timings, Settings(), ("default", "ask"), [])


def test_generation_is_the_fastest_long_answer_less_the_fastest_read_of_the_same_prompt() -> None:
    reads = [(3.0, 300, 1), (2.0, 300, 1), (2.5, 300, 1)]  # (seconds, prompt tokens, completion tokens)
    speed = speed_from_samples(reads, [(8.0, 300, 49), (7.0, 300, 49)])
    assert (speed.prompt_tokens, speed.ingest_seconds, speed.completion_tokens) == (300, 2.0, 48)
    assert speed.ingestion_rate == 150.0 and speed.generation_rate == 48 / 5.0


def test_a_speed_sample_whose_reading_outlasts_its_writing_is_refused() -> None:
    """A busy machine can make one read slower than a whole answer: that sample says nothing of the rate."""
    with pytest.raises(EndpointError, match="unusable"):
        speed_from_samples([(9.0, 300, 1)], [(8.0, 300, 49)])
