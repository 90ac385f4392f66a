"""Review pages: highlights at the right offsets, links both ways, escaping, and `extractor show`.

Articles and names here are invented for these tests. `show FILE` runs against tests/stub_server.py,
a loopback stand-in that always answers the same fixed JSON: it checks the wiring, not extraction quality.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from stub_server import StubServer
from typer.testing import CliRunner

from extractor.cache import sha256_text
from extractor.cli import app
from extractor.evals.review import (
    field_family,
    load_run_review,
    resolve_highlights,
    review_html,
    review_run_html,
)
from extractor.grounding import Evidence
from extractor.pipeline import ExtractionResult, RunInfo
from extractor.schemas.record import ConferenceRecord, DocumentRef, EventDate, Figure, Person

GERMAN = (
    "Am 14. März tagte in Kellerstadt das Bezirkskomitee. Den Vorsitz führte Genosse Pham Van Doan, "
    "Sekretär des Komitees; Tran Mi Holt sprach über 1 250 Teilnehmer und die Richtlinie 12-NQ/TW.\n"
    "<script>alert('x')</script> & <b>fett</b>\n"
    "Von Lena Brandt"
)
RUSSIAN = "Председатель Нгуен Ван Ток открыл конференцию в Донгхе 3 апреля; присутствовали 87 делегатов."


def span(article: str, text: str, status: str = "exact", score: float = 100.0) -> Evidence:
    start = article.index(text)
    return Evidence(status=status, start=start, end=start + len(text), text=text, score=score)


def run_info() -> RunInfo:
    return RunInfo(
        model="hand-made", base_url=None, template="default", template_sha256="ab" * 32, schema_sha256="cd" * 32,
        response_format="json_object_schema", calls=1, requests=1, prompt_tokens=100, completion_tokens=50,
        seconds=0.5,
    )  # fmt: skip


def german_result() -> ExtractionResult:
    record = ConferenceRecord(
        is_conference=True,
        title="Bezirkskomitee <i>tagt</i>",
        source_language="de",
        date=EventDate(month=3, day=14),
        locality="Kellerstadt",
        chairs=[Person(name="Pham Van Doan", titles=["Secretary"])],
        participants=[Person(name="Tran Mi Holt")],
        documents=[DocumentRef(kind="directive", number="12-NQ/TW")],
        figures=[Figure(value=1250, unit="participants")],
        author="Lena Brandt",
    )
    evidence = {
        "date": span(GERMAN, "14. März"),
        "locality": span(GERMAN, "Kellerstadt"),
        "chairs[0].name": span(GERMAN, "Pham Van Doan"),
        "participants[0].name": span(GERMAN, "Tran Mi Holt", "fuzzy", 86.0),
        "participants[1].name": Evidence(status="not_found"),
        "documents[0].number": span(GERMAN, "12-NQ/TW"),
        "figures[0].value": span(GERMAN, "1 250"),
        "author": span(GERMAN, "Lena Brandt"),
    }
    ungrounded = ["participants[1].name: Boris Erfunden", "figures[1].value: 777"]
    return ExtractionResult(record=record, run=run_info(), evidence=evidence, ungrounded=ungrounded, draft={})


class PageParser(HTMLParser):
    """Every id, every href, the tags, and the article's text with each highlight's offset in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, tuple[str, dict[str, str]]] = {}
        self.hrefs: list[tuple[str, str | None]] = []  # (href, id of the element holding it)
        self.tags: list[str] = []
        self.articles: list[str] = []
        self.highlights: list[dict[str, object]] = []
        self._depth = 0  # inside div.article when > 0
        self._open: dict[str, object] | None = None
        self._row: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append(tag)
        if "id" in attributes:
            self.ids[attributes["id"]] = (tag, attributes)
        if tag == "tr":
            self._row = attributes.get("id")
        if "href" in attributes:
            self.hrefs.append((attributes["href"], attributes.get("id") or self._row))
        if tag == "div" and "article" in attributes.get("class", "").split():
            self.articles.append("")
            self._depth = 1
        elif self._depth and tag == "div":
            self._depth += 1
        if self._depth and tag == "a" and "hl" in attributes.get("class", "").split():
            self._open = {**attributes, "offset": len(self.articles[-1]), "text": ""}

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open is not None:
            self.highlights.append(self._open)
            self._open = None
        if self._depth and tag == "div":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.articles[-1] += data
            if self._open is not None:
                self._open["text"] = str(self._open["text"]) + data


def parse(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


# --------------------------------------------------------------------------- one extraction


def test_every_span_is_highlighted_at_its_offsets_and_the_text_is_intact() -> None:
    result = german_result()
    page = parse(review_html(GERMAN, result, "Kellerstadt"))
    assert page.articles == [GERMAN], "escaping and highlighting keep the article's text exactly"
    found = {(h["offset"], h["text"]) for h in page.highlights}
    expected = {(ev.start, ev.text) for ev in result.evidence.values() if ev.grounded}
    assert found == expected


def test_highlights_are_coloured_by_field_family_and_fuzzy_ones_dashed() -> None:
    page = parse(review_html(GERMAN, german_result(), "t"))
    classes = {str(h["text"]): str(h["class"]).split() for h in page.highlights}
    assert "fam-people" in classes["Pham Van Doan"] and "fuzzy" not in classes["Pham Van Doan"]
    assert {"fam-people", "fuzzy"} <= set(classes["Tran Mi Holt"])
    assert "fam-places" in classes["Kellerstadt"] and "fam-dates" in classes["14. März"]
    assert "fam-documents" in classes["12-NQ/TW"] and "fam-figures" in classes["1 250"]
    assert "fam-byline" in classes["Lena Brandt"]
    assert field_family("source_url") == "byline" and field_family("summary") == "other"
    assert "border-bottom-style:dashed" in review_html(GERMAN, german_result(), "t")


def test_highlights_and_fields_link_to_each_other() -> None:
    page = parse(review_html(GERMAN, german_result(), "t"))
    local = [(href[1:], holder) for href, holder in page.hrefs if href.startswith("#")]
    assert len(local) == len(page.hrefs), "no link leaves the page"
    assert all(target in page.ids for target, _ in local), "every link has a target"
    for highlight in page.highlights:
        row = str(highlight["href"])[1:]
        assert page.ids[row][0] == "tr", "a highlight links to its record row"
        assert (f"#{highlight['id']}", row) in page.hrefs, "and that row links back to the highlight"
    chair_row = str(next(h for h in page.highlights if h["text"] == "Pham Van Doan")["href"])[1:]
    assert chair_row.endswith("chairs-0-name")


def test_article_and_values_are_escaped() -> None:
    html = review_html(GERMAN, german_result(), "<script>title</script>")
    page = parse(html)
    assert "script" not in page.tags and "b" not in page.tags and "i" not in page.tags
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;fett&lt;/b&gt;" in html
    assert "Bezirkskomitee &lt;i&gt;tagt&lt;/i&gt;" in html and "&lt;script&gt;title&lt;/script&gt;" in html


def test_ungrounded_values_are_listed_in_a_warning_box() -> None:
    html = review_html(GERMAN, german_result(), "t")
    box = html[html.index('<div class="box warn">') :]
    box = box[: box.index("</div>")]
    assert "2 ungrounded values" in box
    assert "participants[1].name: Boris Erfunden" in box and "figures[1].value: 777" in box


def test_a_kept_ungrounded_value_links_to_its_row_marked_not_found() -> None:
    result = german_result()
    people = [*result.record.participants, Person(name="Boris Erfunden")]
    kept = result.model_copy(update={"record": result.record.model_copy(update={"participants": people})})
    html = review_html(GERMAN, kept, "t")
    assert '<li><a href="#r-f-participants-1-name">participants[1].name: Boris Erfunden</a></li>' in html
    row = html[html.index('<tr id="r-f-participants-1-name">') :]
    assert "not found" in row[: row.index("</tr>")]


def test_a_page_without_evidence_says_why() -> None:
    result = german_result().model_copy(update={"evidence": {}, "ungrounded": [], "draft": None})
    page = parse(review_html(GERMAN, result, "t"))
    assert page.highlights == [] and page.articles == [GERMAN]
    assert "not grounded" in review_html(GERMAN, result, "t")


# --------------------------------------------------------------------------- overlaps and edges


def test_a_span_shared_by_two_fields_is_one_highlight_linked_from_both() -> None:
    evidence = {"province": span(GERMAN, "Kellerstadt"), "locality": span(GERMAN, "Kellerstadt")}
    highlights = resolve_highlights(evidence, GERMAN)
    assert len(highlights.marks) == 1 and highlights.marks[0].paths == ["province", "locality"]
    assert highlights.mark_of == {"province": 0, "locality": 0}


def test_a_shorter_overlapping_span_shares_the_longer_one() -> None:
    doan = span(GERMAN, "Pham Van Doan")
    inside = span(GERMAN, "Van Doan")
    start, end = doan.end - 4, doan.end + 10  # "Doan, Sekretär": longer than the name, crossing its end
    crossing = Evidence(status="fuzzy", start=start, end=end, text=GERMAN[start:end])
    evidence = {"participants[0].name": inside, "chairs[0].name": doan, "figures[0].value": crossing}
    highlights = resolve_highlights(evidence, GERMAN)
    assert [(m.start, m.end) for m in highlights.marks] == [(crossing.start, crossing.end)]
    assert highlights.marks[0].paths == ["figures[0].value", "chairs[0].name", "participants[0].name"]
    record = ConferenceRecord(is_conference=True, source_language="de", chairs=[Person(name="Pham Van Doan")])
    result = ExtractionResult(record=record, run=run_info(), evidence=evidence, draft={})
    page = parse(review_html(GERMAN, result, "t"))
    assert page.articles == [GERMAN] and len(page.highlights) == 1, "no nested or doubled text"
    assert "in the highlight of" in review_html(GERMAN, result, "t")


def test_spans_at_the_ends_of_the_text_and_spans_that_do_not_fit() -> None:
    article = "Tran Mi Holt eröffnete. Es sprach Lena Brandt"
    evidence = {
        "chairs[0].name": span(article, "Tran Mi Holt"),  # offset 0
        "author": span(article, "Lena Brandt"),  # ends at len(article)
        "locality": Evidence(status="exact", start=len(article) - 6, end=len(article) + 40),  # no text: clipped
        "province": Evidence(status="exact", start=3, end=9, text="Saigon"),  # another article's text: skipped
        "participants[0].name": Evidence(status="exact", start=len(article), end=len(article) + 5),  # empty
    }
    highlights = resolve_highlights(evidence, article)
    assert [(m.start, m.end, m.paths[0]) for m in highlights.marks] == [
        (0, 12, "chairs[0].name"),
        (len(article) - 11, len(article), "author"),
    ]
    assert highlights.mark_of["locality"] == 1, "the clipped span lies inside the byline's highlight"
    record = ConferenceRecord(is_conference=True, source_language="de", province="Saigon")
    page_html = review_html(article, ExtractionResult(record=record, run=run_info(), evidence=evidence), "t")
    page = parse(page_html)
    assert page.articles == [article]
    row = page_html[page_html.index('<tr id="r-f-province">') :]
    assert "span lost" in row[: row.index("</tr>")]


def test_russian_article_offsets_and_a_grounded_value_missing_from_the_record() -> None:
    evidence = {
        "chairs[0].name": span(RUSSIAN, "Нгуен Ван Ток", "fuzzy", 80.0),
        "locality": span(RUSSIAN, "Донгхе", "fuzzy", 80.0),
        "date": span(RUSSIAN, "3 апреля"),
        "figures[0].value": span(RUSSIAN, "87"),
        "participants[0].name": span(RUSSIAN, "делегатов"),
    }
    record = ConferenceRecord(
        is_conference=True, source_language="ru", chairs=[Person(name="Nguyen Van Tok")], locality="Dong Ha",
        figures=[Figure(value=87, unit="delegates")],
    )  # fmt: skip
    html = review_html(RUSSIAN, ExtractionResult(record=record, run=run_info(), evidence=evidence), "Донгхе")
    page = parse(html)
    assert page.articles == [RUSSIAN]
    assert {(h["offset"], h["text"]) for h in page.highlights} == {(ev.start, ev.text) for ev in evidence.values()}
    assert "Found in the article, not in the record" in html, "a participant with a span but no row"
    assert all(href[1:] in page.ids for href, _ in page.hrefs)


def test_the_page_is_self_contained() -> None:
    html = review_html(GERMAN, german_result(), "t")
    page = parse(html)
    assert not {"script", "link", "img", "iframe", "object"} & set(page.tags)
    assert all(href.startswith("#") for href, _ in page.hrefs)
    assert "url(" not in html and "@import" not in html


# --------------------------------------------------------------------------- extractor show FILE


DRAFT = {
    "is_conference": True,
    "title": "District committee meets",
    "locality": "Kellerstadt",
    "people": [{"name": "Pham Van Doan", "role": "chair"}, {"name": "Boris Erfunden", "role": "participant"}],
    "figures": [{"value": 1250, "unit": "participants"}],
}


def test_show_writes_a_page_next_to_the_article_and_reuses_the_cached_call(tmp_path: Path) -> None:
    article = tmp_path / "bericht.txt"
    article.write_text(GERMAN, encoding="utf-8")
    with StubServer() as stub:
        arguments = ["show", str(article), "--template", "naive", "--base-url", stub.base_url, "--model", "stub"]
        first = CliRunner().invoke(app, arguments)
        calls = len(stub.requests)
        second = CliRunner().invoke(app, arguments)
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == str(tmp_path / "bericht.html")
    page = (tmp_path / "bericht.html").read_text(encoding="utf-8")
    assert "Stub conference" in page and "&lt;script&gt;" in page and "<script" not in page
    assert parse(page).articles == [GERMAN]
    assert second.exit_code == 0 and len(stub.requests) == calls, "the second show comes from the response cache"


def test_show_with_a_draft_template_highlights_what_the_model_named(tmp_path: Path) -> None:
    article = tmp_path / "bericht.txt"
    article.write_text(GERMAN, encoding="utf-8")
    out = tmp_path / "pages" / "review.html"
    with StubServer(content=json.dumps(DRAFT)) as stub:
        arguments = ["show", str(article), "-o", str(out), "--base-url", stub.base_url, "--model", "stub"]
        result = CliRunner().invoke(app, [*arguments, "--template", "default"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    page = parse(out.read_text(encoding="utf-8"))
    texts = {h["text"] for h in page.highlights}
    assert {"Pham Van Doan", "Kellerstadt", "1 250", "14. März"} <= texts
    assert "participants[0].name: Boris Erfunden" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("missing.txt", None, "neither an article file nor an evaluation run"), ("empty.txt", "  \n", "is empty")],
)
def test_show_errors_are_one_line(tmp_path: Path, name: str, content: str | None, message: str) -> None:
    if content is not None:
        (tmp_path / name).write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["show", str(tmp_path / name), "--runs-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


# --------------------------------------------------------------------------- extractor show RUN


def prediction(document: str, variant: str, record: ConferenceRecord | None, **extra: object) -> dict[str, object]:
    payload: dict[str, object] = {
        "document": document, "variant": variant, "status": "ok" if record else "failed",
        "error": None if record else "no valid record after 2 attempts: invalid JSON",
        "record": record.model_dump(mode="json") if record else None, "run": {"template": "default"},
        "usage": {"calls": 1, "requests": 1, "prompt_tokens": 10, "completion_tokens": 5, "seconds": 0.4},
    }  # fmt: skip
    return {**payload, **extra}


def write_run(root: Path) -> Path:
    """A run of two documents and two variants, written by hand: new and old prediction files, a failure."""
    run_dir, docs = root / "runs" / "hand-run", root / "docs"
    docs.mkdir(parents=True)
    (docs / "de_kellerstadt.txt").write_text(GERMAN, encoding="utf-8")
    (docs / "ru_dongha.txt").write_text(RUSSIAN, encoding="utf-8")
    manifest = {
        "run_id": "hand-run", "docs_dir": str(docs), "gold_dir": str(root / "gold"),
        "docs_dir_from_run": "../../docs", "gold_dir_from_run": "../../gold",
        "variants": [{"label": "hybrid", "slug": "hybrid"}, {"label": "naive<b>", "slug": "naive-b"}],
        "documents": [{"name": "de_kellerstadt", "article_sha256": sha256_text(GERMAN)},
                      {"name": "ru_dongha", "article_sha256": "0" * 64}],
    }  # fmt: skip
    german = german_result()
    files = {
        ("hybrid", "de_kellerstadt"): prediction(
            "de_kellerstadt", "hybrid", german.record,
            evidence={k: v.model_dump() for k, v in german.evidence.items()}, ungrounded=german.ungrounded,
        ),
        ("naive-b", "de_kellerstadt"): prediction("de_kellerstadt", "naive<b>", german.record),  # older format
        ("hybrid", "ru_dongha"): prediction("ru_dongha", "hybrid", None),
    }  # fmt: skip
    run_dir.mkdir(parents=True)
    (run_dir / "run.json").write_text(json.dumps(manifest), encoding="utf-8")
    for (slug, document), payload in files.items():
        path = run_dir / "predictions" / slug / f"{document}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return run_dir


def test_a_run_review_shows_every_stored_prediction(tmp_path: Path) -> None:
    review = load_run_review(write_run(tmp_path))
    assert review.documents == ["de_kellerstadt", "ru_dongha"] and review.variants == ["hybrid", "naive<b>"]
    assert set(review.panes) == {("de_kellerstadt", "hybrid"), ("de_kellerstadt", "naive<b>"), ("ru_dongha", "hybrid")}
    html = review_run_html(review)
    page = parse(html)
    assert page.articles == [GERMAN, GERMAN, RUSSIAN]
    assert {h["text"] for h in page.highlights} == {ev.text for ev in german_result().evidence.values() if ev.grounded}
    assert all(str(h["id"]).startswith("d0v0-") for h in page.highlights), "ids are unique per pane"
    assert all(href[1:] in page.ids for href, _ in page.hrefs)
    assert "stored without evidence" in html, "a prediction file from before evidence was stored"
    assert "no valid record after 2 attempts" in html and "changed since the run" in html
    assert "naive&lt;b&gt;" in html and "<b>" not in html
    assert "2 ungrounded" in html, "the table of contents counts ungrounded values"


def test_show_run_by_id_writes_review_html_in_the_run(tmp_path: Path) -> None:
    run_dir = write_run(tmp_path)
    result = CliRunner().invoke(app, ["show", "hand-run", "--runs-dir", str(tmp_path / "runs")])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(run_dir / "review.html")
    assert parse((run_dir / "review.html").read_text(encoding="utf-8")).articles == [GERMAN, GERMAN, RUSSIAN]
    by_path = CliRunner().invoke(app, ["show", str(run_dir), "-o", str(tmp_path / "run.html")])
    assert by_path.exit_code == 0 and (tmp_path / "run.html").is_file()
