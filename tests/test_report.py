"""Reports from hand-made predictions: gold records as perfect answers, damaged copies as imperfect ones."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from extractor.evals.evaluation import load_gold
from extractor.evals.report import (
    DocumentResult,
    RunResults,
    Snippet,
    VariantResult,
    compare,
    error_snippet,
    find_snippet,
    headline_markdown,
    html_report,
    markdown_report,
    paired_bootstrap,
    scores_json,
    worst_errors,
)
from extractor.evals.scoring import Counts, ErrorItem, score_record
from extractor.schemas.record import ConferenceRecord, Person
from extractor.usage import UsageCounts

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {  # (article, gold) of six documents in four languages: pl, pl, ru, de, fr, ja
    name: (ROOT / articles / f"{name}.txt", ROOT / gold / f"{name}.json")
    for articles, gold, names in (
        ("seeds", "evals/gold", ("002_9e90e167a72bcd0b", "003_a8ab37e39b0f0da1", "004_a7db35e02588c290")),
        ("evals/extra/docs", "evals/extra/gold", ("de_tuy_an", "fr_ben_tre", "ja_phuong_son")),
    )
    for name in names
}
GOLD = {name: load_gold(gold) for name, (_, gold) in SOURCES.items()}
ARTICLES = {name: article.read_text(encoding="utf-8") for name, (article, _) in SOURCES.items()}
NAMES = list(GOLD)


def damaged(record: ConferenceRecord) -> ConferenceRecord:
    """A prediction with the people dropped, a wrong province and an invented locality."""
    return record.model_copy(update={"chairs": [], "participants": [], "province": "Hanoi", "locality": "Ba Dinh"})


def variant(
    label: str, predictions: dict[str, ConferenceRecord | None], seconds: float = 2.0, ungrounded: int | None = 0
) -> VariantResult:
    results = {
        name: DocumentResult(
            document=name,
            ok=predicted is not None,
            score=score_record(GOLD[name], predicted),
            usage=UsageCounts(calls=1, requests=2, prompt_tokens=900, completion_tokens=300, seconds=seconds),
            error=None if predicted is not None else "no valid record after 2 attempts: invalid JSON",
            ungrounded=ungrounded if predicted is not None else None,
        )
        for name, predicted in predictions.items()
    }
    details = {"model": label, "base_url": None, "template": "default", "template_sha256": "ab" * 32,
               "settings": {"temperature": 0.0}}  # fmt: skip
    return VariantResult(label, details, results)


def run_of(*variants: VariantResult) -> RunResults:
    return RunResults(
        run_id="test-run",
        created="2025-03-01T12:00:00+0000",
        documents=NAMES,
        languages={name: record.source_language for name, record in GOLD.items()},
        articles=ARTICLES,
        variants=list(variants),
        meta={"docs_dir": "seeds", "gold_dir": "evals/gold"},
    )


@pytest.fixture
def run() -> RunResults:
    perfect = variant("perfect", dict(GOLD), seconds=3.0)
    imperfect = {name: damaged(record) for name, record in GOLD.items()}
    imperfect[NAMES[0]] = None  # a failed document
    return run_of(perfect, variant("sloppy/naive", imperfect, seconds=1.0, ungrounded=2))


# --------------------------------------------------------------------------- paired bootstrap


def test_bootstrap_of_identical_variants_is_exactly_zero() -> None:
    counts = [Counts.of(tp=3, missing=1), Counts.of(tp=1, spurious=2), Counts.of(wrong=1)]
    assert paired_bootstrap(counts, counts) == (0.0, 0.0, 0.0)
    same = variant("a", dict(GOLD))
    comparison = compare(same, variant("b", dict(GOLD)), NAMES)
    assert comparison is not None
    assert (comparison.ci_low, comparison.ci_high) == (0.0, 0.0)
    assert comparison.verdict == "not distinguishable from noise"


def test_bootstrap_of_clearly_different_variants_excludes_zero(run: RunResults) -> None:
    better, worse = run.variants
    forward, backward = compare(better, worse, NAMES), compare(worse, better, NAMES)
    assert forward is not None and backward is not None
    assert forward.ci_low > 0 and forward.verdict == "better"
    assert backward.ci_high < 0 and backward.verdict == "worse"
    assert forward.ci_low <= forward.difference <= forward.ci_high
    assert forward.difference == pytest.approx(better.aggregate.core.f1 - worse.aggregate.core.f1)


def test_bootstrap_is_reproducible_and_noise_is_called_noise() -> None:
    a = [Counts.of(tp=5, wrong=1), Counts.of(tp=2, missing=3), Counts.of(tp=4), Counts.of(tp=1, spurious=1)]
    b = [Counts.of(tp=4, wrong=2), Counts.of(tp=3, missing=2), Counts.of(tp=4), Counts.of(tp=1, spurious=1)]
    assert paired_bootstrap(a, b) == paired_bootstrap(a, b)
    _, low, high = paired_bootstrap(a, b)
    assert low <= 0 <= high
    with pytest.raises(ValueError, match="same non-empty"):
        paired_bootstrap(a, b[:2])


def test_comparisons_use_only_the_documents_both_variants_ran() -> None:
    full = variant("full", dict(GOLD))
    partial = variant("partial", {name: GOLD[name] for name in NAMES[:2]})
    comparison = compare(full, partial, NAMES)
    assert comparison is not None and comparison.documents == 2


# --------------------------------------------------------------------------- snippets and worst errors


def test_snippet_finds_the_value_in_the_article() -> None:
    article = ARTICLES["003_a8ab37e39b0f0da1"]
    snippet = find_snippet(article, "Le Anh Xuan")
    assert snippet is not None and not snippet.weak
    assert snippet.match == "Le Anh Xuan"
    assert snippet.before.startswith("…") or article.startswith(snippet.before)


def test_snippets_match_whole_words_and_ignore_diacritics() -> None:
    article = "Hội nghị sáng 30/12/2024 do đồng chí Lê Anh Xuân chủ trì; nhiệm kỳ 2025-2030."
    day = find_snippet(article, "30")
    assert day is not None and day.match == "30" and day.after.startswith("/12/2024"), "not the 30 of 2030"
    name = find_snippet(article, "Le Anh Xuan")
    assert name is not None and name.match == "Lê Anh Xuân" and name.score == 100.0


def test_a_weak_match_is_said_to_be_weak() -> None:
    article = ARTICLES["004_a7db35e02588c290"]  # Russian: Latin names do not occur
    shown = error_snippet(article, ErrorItem("participants", "missing", "Ha Van Hung", None))
    assert isinstance(shown, str) and "no close match" in shown
    middling = find_snippet("The meeting was held in Thanh Hoa city.", "Thanh Hao province")
    assert middling is not None and middling.weak


def test_category_fields_get_no_snippet() -> None:
    shown = error_snippet(ARTICLES[NAMES[0]], ErrorItem("format", "wrong", "online", "hybrid"))
    assert shown == "(a category; not quoted in the article)"


def test_figure_snippets_look_for_the_number_only() -> None:
    shown = error_snippet(ARTICLES["003_a8ab37e39b0f0da1"], ErrorItem("figures", "missing", "128 Party cells", None))
    assert isinstance(shown, Snippet) and shown.query == "128" and shown.match == "128"


def test_worst_errors_skip_failed_documents_and_put_wrong_values_first(run: RunResults) -> None:
    sloppy = run.variants[1]
    errors = worst_errors(sloppy)
    assert 0 < len(errors) <= 10
    assert NAMES[0] not in {name for name, _ in errors}
    assert errors[0][1].kind == "wrong" and errors[0][1].field == "province"
    assert len({error.field for _, error in errors}) > 1, "fields are taken in turn"
    assert worst_errors(run.variants[0]) == []


# --------------------------------------------------------------------------- Markdown, JSON, HTML


def test_markdown_report_has_every_table(run: RunResults) -> None:
    report = markdown_report(run)
    for heading in ("## Headline", "## Reported fields", "## Core F1 per source language", "## Core F1 per document",
                    "## Error counts", "## Paired comparisons", "## Worst errors", "## Variants"):  # fmt: skip
        assert heading in report
    assert "| **core F1** | **1.000** |" in report
    assert "| schema-valid | 6/6 (100%) | 5/6 (83%) |" in report
    assert "| seconds per doc (mean / max) | 3.0 / 3.0 | 1.0 / 1.0 |" in report
    assert "| tokens (prompt + completion) | 5,400 + 1,800 | 5,400 + 1,800 |" in report
    assert "| requests (attempts) | 12 for 6 calls |" in report
    assert "| model values dropped (not in the article) | 0 | 10 |" in report, (
        "summed over the documents that stored a count (not the failed one)"
    )
    assert "| pl (2 docs) | 1.000 |" in report and "| ja (1 doc) | 1.000 |" in report
    assert f"| {NAMES[0]} (pl) | 1.000 | 0.000 (failed) |" in report
    assert "| perfect | sloppy/naive | 6 | 1.000 |" in report and "perfect better than sloppy/naive" in report
    assert "no valid record after 2 attempts: invalid JSON" in report
    assert "**Thanh Hoa**" in report, "the article snippet marks the matched value"


def test_fields_with_nothing_to_score_show_n_a() -> None:
    names = ["003_a8ab37e39b0f0da1"]  # no participants, no period in gold
    only = variant("v", {names[0]: GOLD[names[0]]})
    run = run_of(only)
    run.documents = names
    table = headline_markdown(run)
    assert "| F1 `participants` | n/a |" in table and "| F1 `period` | n/a |" in table
    older = run_of(variant("v", {names[0]: GOLD[names[0]]}, ungrounded=None))
    older.documents = names
    assert "| model values dropped (not in the article) | n/a |" in headline_markdown(older), (
        "runs stored before the count was kept"
    )


def test_scores_json_holds_the_numbers(run: RunResults) -> None:
    scores = json.loads(json.dumps(scores_json(run)))
    perfect, sloppy = scores["variants"]["perfect"], scores["variants"]["sloppy/naive"]
    assert perfect["core"]["f1"] == 1.0 and perfect["schema_valid"]["rate"] == 1.0
    assert sloppy["schema_valid"] == {"valid": 5, "total": 6, "rate": pytest.approx(5 / 6, abs=1e-6)}
    wrong_places = sum(1 for name in NAMES[1:] for place in ("province", "locality") if getattr(GOLD[name], place))
    assert sloppy["errors"]["wrong"] == wrong_places and sloppy["per_document"][NAMES[0]]["status"] == "failed"
    assert set(perfect["per_language"]) == {"de", "fr", "ja", "pl", "ru"}
    assert perfect["cost"]["requests"] == 12 and perfect["cost"]["seconds_max"] == 3.0
    assert perfect["ungrounded"] == 0 and sloppy["ungrounded"] == 10
    per_document = sloppy["per_document"]
    assert per_document[NAMES[1]]["ungrounded"] == 2 and per_document[NAMES[0]]["ungrounded"] is None
    assert scores["comparisons"][0]["verdict"] == "better" and scores["comparisons"][0]["resamples"] == 2000


class _Assets(HTMLParser):
    """Collects every attribute value that could load something from elsewhere."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.references: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.references += [value or "" for name, value in attrs if name in ("src", "href", "xlink:href", "data")]


def test_html_report_is_one_self_contained_page(run: RunResults) -> None:
    page = html_report(run)
    parser = _Assets()
    parser.feed(page)
    assert "svg" in parser.tags and "rect" in parser.tags and "style" in parser.tags
    assert parser.references == []
    assert not {"script", "link", "img", "iframe", "object"} & set(parser.tags)
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    assert style is not None and "url(" not in style.group(1) and "@import" not in style.group(1)
    assert page.count("<table>") >= 8


def test_html_escapes_values_and_shows_na_bars() -> None:
    gold = GOLD["003_a8ab37e39b0f0da1"]
    predicted = gold.model_copy(update={"participants": [Person(name="<script>alert(1)</script> Nguyen")]})
    run = run_of(variant("x<y>", {"003_a8ab37e39b0f0da1": predicted}))
    run.documents = ["003_a8ab37e39b0f0da1"]
    page = html_report(run)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "x&lt;y&gt;" in page
    assert "n/a</title>" in page, "a field with nothing scored is drawn as n/a, not as 0"
