"""Review pages: the article with every grounded value highlighted, beside the record, linked both ways.

`review_html` shows one extraction; `review_run_html` shows every document of an evaluation run, each
variant's answer beside the article, from the stored predictions (`load_run_review`). A page is one
self-contained HTML file: inline CSS, no script, nothing loaded from elsewhere.

Highlights are coloured by field family (people, places, dates, documents, figures, byline/url); fuzzy matches
are underlined dashed. Each highlight links to its row of the record, each grounded row links to its highlight.
Overlapping spans cannot be nested as links, so the longest is highlighted and a shorter span overlapping it
(the same words for two fields, or words inside it) shares that highlight; its row says so. Spans that fall
outside the text, are empty, or whose stored text is not what the article says there (the article changed
since) are not highlighted; their rows say so.
"""

from __future__ import annotations

import calendar
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from extractor.cache import sha256_text
from extractor.core.paths import FieldPath
from extractor.errors import InputError
from extractor.evals.evaluation import Prediction, RunStore, articles_dir
from extractor.grounding import Evidence
from extractor.pipeline import ExtractionResult
from extractor.schemas.record import ConferenceRecord
from extractor.textio import read_article

FAMILY_COLOURS = {  # family -> (background, underline)
    "people": ("#dbe8fb", "#2f6db5"),
    "places": ("#d9f2d4", "#3d8b37"),
    "dates": ("#ffe6c2", "#d9822b"),
    "documents": ("#eadcf5", "#8a4fb5"),
    "figures": ("#fbd9d9", "#c0392b"),
    "byline": ("#d6f0ee", "#2a8c85"),
    "other": ("#eeeeee", "#777777"),
}
FIELD_FAMILIES = {
    "chairs": "people", "participants": "people", "province": "places", "locality": "places", "date": "dates",
    "documents": "documents", "figures": "figures", "author": "byline", "source_url": "byline",
}  # fmt: skip
FAMILY_LABELS = {"byline": "byline / url"}
ORPHAN_SECTION = "Found in the article, not in the record"


def field_family(path: str) -> str:
    """'chairs[0].name' -> 'people', 'figures[2].value' -> 'figures', 'source_url' -> 'byline'."""
    return FIELD_FAMILIES.get(FieldPath.family_of(path), "other")


def slug(path: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", path).strip("-") or "field"


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


# --------------------------------------------------------------------------- what one pane shows


@dataclass
class ReviewPane:
    """One extraction to review: an article (None when it cannot be read) and what was extracted from it."""

    key: str
    """Prefix of every id in the pane, unique on the page."""
    article: str | None
    record: ConferenceRecord | None
    evidence: dict[str, Evidence]
    ungrounded: list[str]
    heading: str = ""
    subtitle: str = ""
    notes: list[str] = field(default_factory=list)
    error: str | None = None

    def mark_id(self, index: int) -> str:
        return f"{self.key}-m{index}"

    def field_id(self, path: str) -> str:
        return f"{self.key}-f-{slug(path)}"


NO_GROUNDING_NOTE = (
    "No spans: this template's output is the whole record, which is not grounded; "
    "templates whose output is a draft (such as default) locate every value in the article."
)


def pane_of_result(article: str, result: ExtractionResult, key: str = "r") -> ReviewPane:
    run = result.run
    subtitle = (
        f"{run.model} · template {run.template} · {run.requests} request(s) · "
        f"{run.prompt_tokens}+{run.completion_tokens} tokens · {run.seconds:.1f} s"
    )
    notes = [] if result.evidence or result.draft is not None else [NO_GROUNDING_NOTE]
    return ReviewPane(key, article, result.record, result.evidence, result.ungrounded, subtitle=subtitle, notes=notes)


# --------------------------------------------------------------------------- highlights


@dataclass
class Highlight:
    """One highlighted stretch [start, end) of the article; `paths[0]` owns it, the other paths share it."""

    start: int
    end: int
    paths: list[str]
    fuzzy: bool

    @property
    def family(self) -> str:
        return field_family(self.paths[0])


@dataclass
class Highlights:
    marks: list[Highlight]
    """In reading order, none overlapping."""
    mark_of: dict[str, int]
    """Field path -> index of the highlight that shows it."""


def placed_span(evidence: Evidence, article: str) -> tuple[int, int] | None:
    """[start, end) of a grounded value inside the article, or None when its span does not fit the article."""
    if not evidence.grounded or evidence.start is None or evidence.end is None:
        return None
    start, end = max(0, evidence.start), min(len(article), evidence.end)
    if start >= end or (evidence.text is not None and article[start:end] != evidence.text):
        return None
    return start, end


def resolve_highlights(evidence: dict[str, Evidence], article: str) -> Highlights:
    """Longest spans first: a span overlapping one already kept shares it rather than cutting it."""
    placed = [(path, span, ev.status == "fuzzy") for path, ev in evidence.items() if (span := placed_span(ev, article))]
    placed.sort(key=lambda item: (item[1][0] - item[1][1], item[1][0]))  # stable: record order breaks ties
    marks: list[Highlight] = []
    for path, (start, end), fuzzy in placed:
        host = next((mark for mark in marks if mark.start < end and start < mark.end), None)
        if host is None:
            marks.append(Highlight(start, end, [path], fuzzy))
        else:
            host.paths.append(path)
    marks.sort(key=lambda mark: mark.start)
    return Highlights(marks, {path: index for index, mark in enumerate(marks) for path in mark.paths})


def describe_evidence(path: str, evidence: Evidence) -> str:
    quality = "exact" if evidence.status == "exact" else f"{evidence.status} {evidence.score:.0f}"
    return f"{path} ({quality})"


def highlight_tag(pane: ReviewPane, mark: Highlight, index: int) -> str:
    assert pane.article is not None
    classes = f"hl fam-{mark.family}" + (" fuzzy" if mark.fuzzy else "")
    title = "; ".join(describe_evidence(path, pane.evidence[path]) for path in mark.paths)
    return (
        f'<a class="{classes}" id="{pane.mark_id(index)}" href="#{pane.field_id(mark.paths[0])}" '
        f'title="{esc(title)}">{esc(pane.article[mark.start : mark.end])}</a>'
    )


def marked_article(pane: ReviewPane, highlights: Highlights) -> str:
    """The article, escaped, with each highlight as a link to its field."""
    assert pane.article is not None
    parts, position = [], 0
    for index, mark in enumerate(highlights.marks):
        parts += [esc(pane.article[position : mark.start]), highlight_tag(pane, mark, index)]
        position = mark.end
    parts.append(esc(pane.article[position:]))
    return "".join(parts)


# --------------------------------------------------------------------------- the record as rows


@dataclass(frozen=True)
class Row:
    section: str
    path: str
    """The record path; for grounded values the same path as the evidence ('chairs[0].name')."""
    label: str
    value: str


def _or_dash(value: object) -> str:
    return "—" if value is None or value == "" else str(value)


def format_date(record: ConferenceRecord) -> str:
    date = record.date
    if date is None:
        return "—"
    month = calendar.month_name[date.month] if date.month else None
    text = " ".join(str(part) for part in (date.day, month, date.year) if part) or "—"
    extras = [date.part_of_day or "", "year inferred" if date.year_inferred else ""]
    return text + "".join(f", {extra}" for extra in extras if extra)


def event_rows(record: ConferenceRecord) -> list[Row]:
    organizer = f"{record.organizer.name} ({record.organizer.level})" if record.organizer else None
    period = record.period
    period_text = f"{_or_dash(period.start_year)}–{_or_dash(period.end_year)}" if period else None
    values = [
        ("is_conference", "conference", "yes" if record.is_conference else "no"),
        ("title", "title", record.title), ("summary", "summary", record.summary),
        ("source_language", "language", record.source_language), ("date", "date", format_date(record)),
        ("organizer", "organizer", organizer), ("format", "format", record.format),
        ("purpose", "purpose", record.purpose), ("period", "period", period_text),
    ]  # fmt: skip
    return [Row("Event", path, label, _or_dash(value)) for path, label, value in values]


def people_rows(record: ConferenceRecord) -> list[Row]:
    rows = []
    for role, people in (("chair", record.chairs), ("participant", record.participants)):
        for index, person in enumerate(people):
            titles = f" — {', '.join(person.titles)}" if person.titles else ""
            path = str(FieldPath(f"{role}s", index, "name"))
            rows.append(Row("People", path, f"{role} {index + 1}", person.name + titles))
    return rows


def place_rows(record: ConferenceRecord) -> list[Row]:
    return [Row("Places", name, name, _or_dash(getattr(record, name))) for name in ("province", "locality")]


def document_rows(record: ConferenceRecord) -> list[Row]:
    rows = []
    for index, document in enumerate(record.documents):
        issuer = f", {document.issuer}" if document.issuer else ""
        value = f"{document.kind} {document.number or '(no number)'}{issuer}"
        rows.append(Row("Documents", str(FieldPath("documents", index, "number")), f"document {index + 1}", value))
    return rows


def figure_rows(record: ConferenceRecord) -> list[Row]:
    rows = []
    for index, figure in enumerate(record.figures):
        unit = f" {figure.unit}" if figure.unit else ""
        description = f" — {figure.description}" if figure.description else ""
        rows.append(
            Row("Figures", str(FieldPath("figures", index, "value")), f"figure {index + 1}",
                f"{figure.value:g}{unit}{description}")
        )
    return rows


def outcome_rows(record: ConferenceRecord) -> list[Row]:
    rows = [Row("Tasks and awards", str(FieldPath("tasks", i)), f"task {i + 1}", task)
            for i, task in enumerate(record.tasks)]  # fmt: skip
    for index, award in enumerate(record.awards):
        count = f" ×{award.count}" if award.count else ""
        value = f"{award.recipient}: {award.award}{count}"
        rows.append(Row("Tasks and awards", str(FieldPath("awards", index)), f"award {index + 1}", value))
    return rows


def byline_rows(record: ConferenceRecord) -> list[Row]:
    return [Row("Byline and source", name, name, _or_dash(getattr(record, name))) for name in ("author", "source_url")]


def record_rows(record: ConferenceRecord) -> list[Row]:
    builders = (event_rows, people_rows, place_rows, document_rows, figure_rows, outcome_rows, byline_rows)
    return [row for build in builders for row in build(record)]


def orphan_rows(evidence: dict[str, Evidence], listed: set[str]) -> list[Row]:
    """Grounded spans whose field is not in the record (e.g. the date of an article that is no conference)."""
    return [Row(ORPHAN_SECTION, path, path, ev.text or "") for path, ev in evidence.items()
            if ev.grounded and path not in listed]  # fmt: skip


# --------------------------------------------------------------------------- rendering a pane


def grounding_cell(pane: ReviewPane, highlights: Highlights, path: str) -> str:
    evidence = pane.evidence.get(path)
    if evidence is None:
        return ""
    if not evidence.grounded:
        return '<span class="badge bad">not found</span>'
    index = highlights.mark_of.get(path)
    if index is None:
        return '<span class="badge bad" title="the span does not match this article text">span lost</span>'
    quality = "exact" if evidence.status == "exact" else f"fuzzy {evidence.score:.0f}"
    owner = highlights.marks[index].paths[0]
    owner_link = f'<a href="#{pane.field_id(owner)}">{esc(owner)}</a>'
    shared = f' <span class="shared">in the highlight of {owner_link}</span>' if owner != path else ""
    return f'<a class="badge fam-{field_family(path)}" href="#{pane.mark_id(index)}">{quality}</a>{shared}'


def value_cell(pane: ReviewPane, highlights: Highlights, row: Row) -> str:
    index = highlights.mark_of.get(row.path)
    if index is None:
        return esc(row.value)
    return f'<a class="val fam-{field_family(row.path)}" href="#{pane.mark_id(index)}">{esc(row.value)}</a>'


def record_table(pane: ReviewPane, highlights: Highlights) -> str:
    assert pane.record is not None
    rows = record_rows(pane.record)
    rows += orphan_rows(pane.evidence, {row.path for row in rows})
    lines, section = [], ""
    for row in rows:
        if row.section != section:
            section = row.section
            lines.append(f'<tr class="section"><th colspan="3">{esc(section)}</th></tr>')
        lines.append(
            f'<tr id="{pane.field_id(row.path)}"><td class="label" title="{esc(row.path)}">{esc(row.label)}</td>'
            f"<td>{value_cell(pane, highlights, row)}</td><td>{grounding_cell(pane, highlights, row.path)}</td></tr>"
        )
    return '<table class="rec"><tbody>' + "".join(lines) + "</tbody></table>"


def ungrounded_box(pane: ReviewPane) -> str:
    if not pane.ungrounded:
        return ""
    listed = {row.path for row in record_rows(pane.record)} if pane.record else set()
    items = []
    for entry in pane.ungrounded:
        path = entry.split(":", 1)[0].strip()
        text = esc(entry)
        items.append(f'<li><a href="#{pane.field_id(path)}">{text}</a></li>' if path in listed else f"<li>{text}</li>")
    count = len(pane.ungrounded)
    return (
        f'<div class="box warn"><strong>{count} ungrounded value{"" if count == 1 else "s"}</strong> '
        f"(not found in the article; dropped from the record unless kept with --keep-ungrounded)"
        f"<ul>{''.join(items)}</ul></div>"
    )


def evidence_summary(pane: ReviewPane, highlights: Highlights) -> str:
    statuses = [ev.status for ev in pane.evidence.values()]
    exact, fuzzy = statuses.count("exact"), statuses.count("fuzzy")
    return f"{exact + fuzzy} values grounded ({exact} exact, {fuzzy} fuzzy) in {len(highlights.marks)} highlights"


def pane_html(pane: ReviewPane) -> str:
    highlights = resolve_highlights(pane.evidence, pane.article) if pane.article else Highlights([], {})
    header = [f"<h3>{esc(pane.heading)}</h3>"] if pane.heading else []
    meta = [part for part in (pane.subtitle, evidence_summary(pane, highlights) if pane.evidence else "") if part]
    header += [f'<p class="meta">{esc(" · ".join(meta))}</p>'] if meta else []
    header += [f'<div class="box note">{esc(note)}</div>' for note in pane.notes]
    header += [f'<div class="box error"><strong>failed:</strong> {esc(pane.error)}</div>'] if pane.error else []
    article = marked_article(pane, highlights) if pane.article is not None else "(article not available)"
    record = record_table(pane, highlights) if pane.record is not None else "<p>(no record)</p>"
    return (
        f'<section class="pane" id="{pane.key}">{"".join(header)}<div class="pair">'
        f'<div class="article" dir="auto">{article}</div>'
        f'<div class="record">{ungrounded_box(pane)}{record}</div></div></section>'
    )


# --------------------------------------------------------------------------- pages

CSS = """
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem auto;max-width:1500px;
 padding:0 1rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.2rem;margin-top:2.5rem;border-bottom:2px solid #ccc}
h3{font-size:1rem;margin:1.2rem 0 .3rem}
.meta{color:#555;margin:.2rem 0 .6rem}
.pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.2rem;align-items:start}
.article{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #ddd;border-radius:4px;padding:.8rem;
 max-height:85vh;overflow:auto;background:#fcfcfc}
.record{max-height:85vh;overflow:auto}
.hl{color:inherit;text-decoration:none;border-bottom:2px solid var(--line);background:var(--bg);border-radius:2px}
.hl.fuzzy{border-bottom-style:dashed}
.hl:target,tr:target td{outline:2px solid #222;outline-offset:1px}
.hl:target{background:#fff36b}tr:target td{background:#fff8c4}
table{border-collapse:collapse;width:100%;font-size:13px}
td,th{border:1px solid #e2e2e2;padding:.2rem .45rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
tr.section th{background:#f1f1f1;font-weight:600}
td.label{white-space:nowrap;color:#444}
a.val{color:inherit;text-decoration:none;border-bottom:2px solid var(--line)}
.badge{display:inline-block;font-size:11px;padding:0 .35rem;border-radius:8px;background:var(--bg);
 color:#222;text-decoration:none;border:1px solid var(--line);white-space:nowrap}
.badge.bad{--bg:#fde2e1;--line:#c0392b}
.shared{font-size:11px;color:#666}
.box{border-radius:4px;padding:.4rem .7rem;margin:.4rem 0}
.warn{background:#fff4d6;border:1px solid #e0a800}.warn ul{margin:.3rem 0 0;padding-left:1.2rem}
.note{background:#eef3f8;border:1px solid #b8cde0}.error{background:#fde2e1;border:1px solid #c0392b}
.legend span{margin-right:.6rem;padding:0 .3rem}
.toc td,.toc th{white-space:nowrap}
@media (max-width:900px){.pair{grid-template-columns:1fr}}
"""


def family_css() -> str:
    return "".join(f".fam-{name}{{--bg:{bg};--line:{line}}}" for name, (bg, line) in FAMILY_COLOURS.items())


def legend_html() -> str:
    chips = "".join(
        f'<span class="hl fam-{name}">{esc(FAMILY_LABELS.get(name, name))}</span>' for name in FAMILY_COLOURS
    )
    fuzzy = '<span class="hl fam-other fuzzy">fuzzy match</span>'
    return f'<p class="legend">{chips}{fuzzy} — click a highlight to see its field, a field to see its words.</p>'


def page_html(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}{family_css()}</style></head><body>\n"
        f"<h1>{esc(title)}</h1>\n{legend_html()}\n{body}\n</body></html>\n"
    )


def review_html(article: str, result: ExtractionResult, title: str) -> str:
    """One self-contained page: the article with its highlights beside the record."""
    return page_html(title, pane_html(pane_of_result(article, result)))


# --------------------------------------------------------------------------- evaluation runs


@dataclass
class RunReview:
    run_id: str
    documents: list[str]
    variants: list[str]
    panes: dict[tuple[str, str], ReviewPane]
    """(document, variant label) -> pane; absent when the variant has not run the document."""


def prediction_pane(key: str, prediction: Prediction, article: str | None, notes: list[str]) -> ReviewPane:
    record, problem = prediction.validated_record()
    notes = list(notes)
    if record is not None and prediction.evidence is None:
        notes.append("stored without evidence (a run made before spans were stored): no highlights")
    elif record is not None and not prediction.evidence:
        notes.append(NO_GROUNDING_NOTE)
    run = prediction.run or {}
    usage = prediction.usage
    subtitle = f"template {run.get('template', '?')} · {usage.requests} request(s) · {usage.seconds:.1f} s" + (
        " · from cache" if prediction.cached else ""
    )
    return ReviewPane(
        key, article, record, prediction.evidence or {}, prediction.ungrounded or [],
        heading=prediction.variant, subtitle=subtitle, notes=notes, error=problem if record is None else None,
    )  # fmt: skip


def stored_article(docs_dir: Path, name: str, expected_sha256: str | None) -> tuple[str | None, list[str]]:
    """The article a run was made on, and notes when it cannot be read or has changed since."""
    path = docs_dir / f"{name}.txt"
    try:
        article = read_article(path)
    except InputError as error:
        return None, [f"article not available: {error}"]
    if expected_sha256 and sha256_text(article) != expected_sha256:
        return article, [f"{path} changed since the run: spans that no longer match it are not highlighted"]
    return article, []


def load_run_review(run_dir: Path) -> RunReview:
    """Every stored prediction of a run with its article; no model is called."""
    store = RunStore(run_dir)
    manifest = store.read_manifest()
    if manifest is None:
        raise InputError(f"{run_dir} is not an evaluation run (no run.json)")
    docs_dir = articles_dir(store, manifest)
    documents = manifest.get("documents", [])
    variants = manifest.get("variants", [])
    panes: dict[tuple[str, str], ReviewPane] = {}
    for d_index, document in enumerate(documents):
        article, notes = stored_article(docs_dir, document["name"], document.get("article_sha256"))
        for v_index, variant in enumerate(variants):
            prediction = store.read_prediction(variant["slug"], document["name"])
            if prediction is not None:
                key = f"d{d_index}v{v_index}"
                panes[(document["name"], variant["label"])] = prediction_pane(key, prediction, article, notes)
    names, labels = [d["name"] for d in documents], [v["label"] for v in variants]
    return RunReview(manifest.get("run_id", store.run_id), names, labels, panes)


def toc_cell(pane: ReviewPane | None) -> str:
    if pane is None:
        return "<td>—</td>"
    if pane.record is None:
        return f'<td><a href="#{pane.key}">failed</a></td>'
    counts = [f"{sum(ev.grounded for ev in pane.evidence.values())} grounded"] if pane.evidence else []
    counts += [f"<strong>{len(pane.ungrounded)} ungrounded</strong>"] if pane.ungrounded else []
    details = f" ({', '.join(counts)})" if counts else ""
    return f'<td><a href="#{pane.key}">ok</a>{details}</td>'


def toc_html(review: RunReview) -> str:
    head = "".join(f"<th>{esc(label)}</th>" for label in review.variants)
    rows = "".join(
        f'<tr><th><a href="#doc-{index}">{esc(name)}</a></th>'
        + "".join(toc_cell(review.panes.get((name, label))) for label in review.variants)
        + "</tr>"
        for index, name in enumerate(review.documents)
    )
    return f'<table class="toc"><thead><tr><th>document</th>{head}</tr></thead><tbody>{rows}</tbody></table>'


def document_html(review: RunReview, index: int, name: str) -> str:
    panes = [pane for label in review.variants if (pane := review.panes.get((name, label))) is not None]
    body = "".join(pane_html(pane) for pane in panes) or "<p>(no variant has run this document yet)</p>"
    return f'<h2 id="doc-{index}">{esc(name)}</h2>{body}'


def review_run_html(review: RunReview) -> str:
    """One self-contained page: for every document of the run, each variant's record beside the article."""
    documents = "".join(document_html(review, index, name) for index, name in enumerate(review.documents))
    return page_html(f"Review of run {review.run_id}", toc_html(review) + documents)
