"""Linking, the person index, queries and exports over a store filled with the linking set's gold records."""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from extractor.corpus import linking
from extractor.corpus.export import TABLES, export_csv, export_jsonl
from extractor.corpus.names import name_key
from extractor.corpus.people import person_index
from extractor.corpus.records import RecordFilter, find_records
from extractor.corpus.store import ArticleIn, Store
from extractor.schemas.record import ConferenceRecord

SET = Path(__file__).resolve().parent.parent / "evals" / "linking"
GROUPS = json.loads((SET / "groups.json").read_text(encoding="utf-8"))


def _make_set_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_set", SET / "make_set.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_set"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def load_set(store: Store, native_names: bool = False) -> None:
    """The gold records; with `native_names`, names as the article's script wrote them (a model that did not
    romanize them): Cyrillic, Chinese characters, Arabic letters, katakana."""
    make_set = _make_set_module() if native_names else None
    for path in sorted((SET / "docs").glob("*.txt")):
        record = ConferenceRecord.model_validate_json((SET / "gold" / f"{path.stem}.json").read_text("utf-8"))
        if make_set is not None and record.source_language in make_set.SCRIPT_INDEX:
            index = make_set.SCRIPT_INDEX[record.source_language]
            for person in (*record.chairs, *record.participants):
                person.name = make_set.PEOPLE[person.name][index]
        store.save(ArticleIn(path.read_text("utf-8"), str(path)), record, None, origin="gold")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "r.db") as opened:
        load_set(opened)
        yield opened


def test_one_person_in_every_script_has_one_key() -> None:
    spellings = ["Нгуен Дык Чунг", "阮德忠", "Nguyễn Đức Trung", "Nguyen Duc Trung", "グエン・ドゥック・チュン",
                 "نغوين دوك ترونغ"]  # fmt: skip
    assert {name_key(spelling) for spelling in spellings} == {"nguyen duc trung"}


def test_a_rounded_figure_matches_the_exact_one_and_a_different_one_does_not() -> None:
    assert linking.same_figure(1286, 1300) and linking.same_figure(36403, 36000) and linking.same_figure(98.5, 99)
    assert not linking.same_figure(5, 6) and not linking.same_figure(412, 420)


def test_linking_the_gold_set_recovers_its_events(store: Store) -> None:
    events = linking.link(store)
    scores = linking.pairwise_scores([[s.label for s in e.sources] for e in events], GROUPS.values())
    assert scores["f1"] >= 0.9, scores


def test_linking_works_when_names_stay_in_the_articles_scripts(tmp_path: Path) -> None:
    with Store(tmp_path / "native.db") as store:
        load_set(store, native_names=True)
        events = linking.link(store)
        scores = linking.pairwise_scores([[s.label for s in e.sources] for e in events], GROUPS.values())
        assert scores["f1"] >= 0.9, scores
        aliases = [p.variants for event in events for p in event.people]
        index = person_index(store, aliases)
    trung = [entry for entry in index if "Nguyen Duc Trung" in entry.variants]
    assert len(trung) == 1 and {"阮德忠", "Нгуен Дык Чунг"} <= set(trung[0].variants)
    assert all(entry.name.isascii() for entry in index if any(v.isascii() for v in entry.variants))  # Latin first


def test_a_canonical_event_counts_support_and_lists_conflicts(store: Store) -> None:
    event = next(e for e in linking.link(store) if any(s.label == "nghe-an-congress-fr" for s in e.sources))
    date = next(vote for vote in event.fields if vote.name == "date")
    assert [(v.value, v.support) for v in date.values] == [("2025-03-14", 3), ("2025-03-15", 1)]
    thanh = next(p for p in event.people if p.name == "Tran Van Thanh")
    assert len(thanh.participant_in) == 3  # the Chinese source does not name him
    assert any(c.startswith("date: 2025-03-14") for c in event.conflicts)
    assert next(f for f in event.figures if f.value == 98.5).support == 4  # 99 in the Russian source is rounding
    sources = "nghe-an-congress-en, nghe-an-congress-fr, nghe-an-congress-zh"
    assert f"figure 98.5: written 98.5 ({sources}) / 99 (nghe-an-congress-ru)" in event.conflicts


def test_the_person_index_lists_each_person_once_with_titles_and_dates(store: Store) -> None:
    aliases = [p.variants for event in linking.link(store) for p in event.people]
    index = person_index(store, aliases)
    names = [entry.name for entry in index]
    assert len(names) == len(set(names)) == 17
    binh = next(entry for entry in index if entry.name == "Duong Van Binh")
    assert set(binh.variants) == {"Duong Van Binh", "Duong Van Bin"}  # a misspelling joined inside one event
    assert binh.first_seen == binh.last_seen == "2025-06-10"
    assert [t.title for t in binh.titles] == ["Vice Chairman of the Provincial People's Committee"]


def test_records_filter_by_province_person_year_language_and_text(store: Store) -> None:
    assert len(find_records(store, RecordFilter(province="nghe an"))) == 6
    assert len(find_records(store, RecordFilter(person="阮德忠"))) == 4
    assert len(find_records(store, RecordFilter(province="Nghe An", person="Le Minh Hung"))) == 2
    assert len(find_records(store, RecordFilter(year=2024))) == 0
    assert {r.record.source_language for r in find_records(store, RecordFilter(language="ZH"))} == {"zh"}
    assert [r.source.rsplit("/", 1)[-1] for r in find_records(store, RecordFilter(search="乂安省委"))] == [
        "nghe-an-congress-zh.txt"
    ]


def test_csv_export_has_one_file_per_table_with_a_header_and_reads_back(store: Store, tmp_path: Path) -> None:
    paths = export_csv(store, tmp_path / "csv")
    assert [path.stem for path in paths] == list(TABLES)
    with (tmp_path / "csv" / "articles.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 32 and any("阮德忠" in row["text"] for row in rows)
    assert not (tmp_path / "csv" / "articles.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert export_csv(store, tmp_path / "bom", bom=True)[0].read_bytes().startswith(b"\xef\xbb\xbf")


def test_jsonl_export_has_one_valid_record_per_line(store: Store, tmp_path: Path) -> None:
    assert export_jsonl(store, tmp_path / "r.jsonl") == 32
    lines = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(ConferenceRecord.model_validate(line["record"]) for line in lines)
    assert {line["origin"] for line in lines} == {"gold"}
