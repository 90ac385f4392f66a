"""Evaluation reports: scores.json, report.md and a self-contained report.html, from scored predictions.

Every table is built once (`Table` of plain cells and article `Snippet`s) and rendered twice,
to Markdown and to HTML. Variants are compared pairwise with a paired bootstrap over documents.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import mean

import numpy as np
from rapidfuzz import fuzz

from extractor.core.text import fold_in_place
from extractor.evals.scoring import (
    CORE_FIELDS,
    REPORTED_FIELDS,
    AggregateScore,
    Counts,
    DocumentScore,
    ErrorItem,
    aggregate,
    sum_counts,
)
from extractor.usage import UsageCounts

BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 20240229
WORST_ERRORS_PER_VARIANT = 10
WEAK_MATCH_SCORE = 85.0
NO_MATCH_SCORE = 70.0
"""Below this the best window is noise: the report says there is no close match instead of showing it."""
SNIPPET_CONTEXT_CHARS = 70
NOT_RUN = "—"
CATEGORY_FIELDS = frozenset(
    {"is_conference", "source_language", "date.month", "date.part_of_day", "organizer.level", "format"}
)
"""Fields whose values are categories, not words that can be found in the article."""
ERROR_KIND_ORDER = {"wrong": 0, "spurious": 1, "missing": 2}


# --------------------------------------------------------------------------- what a report is made of


@dataclass(frozen=True)
class DocumentResult:
    """One variant's prediction for one document, scored. A failed prediction was scored as all-missing."""

    document: str
    ok: bool
    score: DocumentScore
    usage: UsageCounts = field(default_factory=UsageCounts)
    cached: bool = False
    error: str | None = None
    ungrounded: int | None = None
    """How many of the model's values the grounding step could not find in the article (dropped unless
    kept on request); None when not stored (older runs)."""
    ungrounded_emitted: int | None = None
    """How many values in the record itself have no evidence in the article; None without evidence."""


@dataclass
class VariantResult:
    label: str
    details: dict[str, object]
    """model, base_url, template, template_sha256, settings: shown in the report's variant table."""
    results: dict[str, DocumentResult]
    """By document name; documents this variant has not run yet are absent."""

    @property
    def aggregate(self) -> AggregateScore:
        return aggregate(result.score for result in self.results.values())

    @property
    def valid(self) -> int:
        return sum(result.ok for result in self.results.values())

    @property
    def ungrounded(self) -> int | None:
        """Ungrounded values over the documents that stored the count; None when none did."""
        counts = [result.ungrounded for result in self.results.values() if result.ungrounded is not None]
        return sum(counts) if counts else None

    @property
    def ungrounded_emitted(self) -> int | None:
        counts = [
            result.ungrounded_emitted for result in self.results.values() if result.ungrounded_emitted is not None
        ]
        return sum(counts) if counts else None

    def core_of(self, documents: Iterable[str]) -> Counts:
        return sum_counts(self.results[name].score.core for name in documents if name in self.results)


@dataclass
class RunResults:
    run_id: str
    created: str
    documents: list[str]
    languages: dict[str, str]
    """Document name -> the gold record's source_language."""
    articles: dict[str, str]
    variants: list[VariantResult]
    meta: dict[str, object] = field(default_factory=dict)
    """docs_dir, gold_dir, schema_sha256, pipeline: shown in the report header."""
    notes: list[str] = field(default_factory=list)
    """Warnings shown under the header, e.g. that the record schema changed since the run."""


# --------------------------------------------------------------------------- paired bootstrap


@dataclass(frozen=True)
class PairedComparison:
    a: str
    b: str
    documents: int
    f1_a: float
    f1_b: float
    difference: float
    """F1(a) - F1(b), core micro-F1 on the documents both variants ran."""
    ci_low: float
    ci_high: float

    @property
    def verdict(self) -> str:
        if self.ci_low > 0:
            return "better"
        if self.ci_high < 0:
            return "worse"
        return "not distinguishable from noise"


def _counts_array(counts: Sequence[Counts]) -> np.ndarray:
    return np.array([[c.tp, c.fp, c.fn] for c in counts], dtype=float).reshape(len(counts), 3)


def _micro_f1(summed: np.ndarray) -> np.ndarray:
    """F1 of summed (tp, fp, fn) along the last axis; 0 where tp is 0, as `Counts.f1`."""
    tp, fp, fn = summed[..., 0], summed[..., 1], summed[..., 2]
    denominator = np.where(tp > 0, 2 * tp + fp + fn, 1.0)
    return np.where(tp > 0, 2 * tp / denominator, 0.0)


def paired_bootstrap(
    a: Sequence[Counts], b: Sequence[Counts], *, resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED
) -> tuple[float, float, float]:
    """(F1(a) - F1(b), 95% CI low, high): documents resampled with replacement, the same draw for both."""
    if len(a) != len(b) or not a:
        raise ValueError("paired bootstrap needs the same non-empty list of documents for both variants")
    counts_a, counts_b = _counts_array(a), _counts_array(b)
    observed = float(_micro_f1(counts_a.sum(axis=0)) - _micro_f1(counts_b.sum(axis=0)))
    draws = np.random.default_rng(seed).integers(0, len(a), size=(resamples, len(a)))
    differences = _micro_f1(counts_a[draws].sum(axis=1)) - _micro_f1(counts_b[draws].sum(axis=1))
    low, high = np.percentile(differences, [2.5, 97.5])
    return observed, float(low), float(high)


def compare(a: VariantResult, b: VariantResult, documents: Sequence[str]) -> PairedComparison | None:
    common = [name for name in documents if name in a.results and name in b.results]
    if not common:
        return None
    counts_a = [a.results[name].score.core for name in common]
    counts_b = [b.results[name].score.core for name in common]
    difference, low, high = paired_bootstrap(counts_a, counts_b)
    return PairedComparison(
        a.label, b.label, len(common), sum_counts(counts_a).f1, sum_counts(counts_b).f1, difference, low, high
    )


def comparisons(run: RunResults) -> list[PairedComparison]:
    pairs = (compare(a, b, run.documents) for a, b in itertools.combinations(run.variants, 2))
    return [pair for pair in pairs if pair is not None]


# --------------------------------------------------------------------------- article snippets


@dataclass(frozen=True)
class Snippet:
    """Where a value shows in the article: text before, the matched window, text after, and how well it matched."""

    before: str
    match: str
    after: str
    score: float
    query: str

    @property
    def weak(self) -> bool:
        return self.score < WEAK_MATCH_SCORE


def _exact_occurrence(folded_article: str, folded_query: str) -> tuple[int, int] | None:
    """The first occurrence of the query as whole words (so "30" is not found inside "2030")."""
    match = re.search(rf"(?<!\w){re.escape(folded_query)}(?!\w)", folded_article)
    return match.span() if match else None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _spaced(text: str) -> str:
    """Whitespace runs as one space, keeping a space at either end if there was one."""
    return re.sub(r"\s+", " ", text)


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) so that it neither begins nor ends inside a word."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


def find_snippet(article: str, query: str, context: int = SNIPPET_CONTEXT_CHARS) -> Snippet | None:
    """The article window that best matches `query` (rapidfuzz partial_ratio_alignment), with context around it."""
    query = query.strip()
    if not query or not article.strip() or len(query) > len(article):
        return None
    folded_article = fold_in_place(article)
    exact = _exact_occurrence(folded_article, fold_in_place(query))
    if exact is not None:
        (start, end), score = exact, 100.0
    else:
        alignment = fuzz.partial_ratio_alignment(fold_in_place(query), folded_article)
        (start, end), score = _whole_words(article, alignment.dest_start, alignment.dest_end), alignment.score
    left = article.rfind(" ", 0, max(0, start - context)) + 1
    right_space = article.find(" ", min(len(article), end + context))
    right = len(article) if right_space == -1 else right_space
    before = ("…" if left > 0 else "") + _spaced(article[left:start]).lstrip()
    after = _spaced(article[end:right]).rstrip() + ("…" if right < len(article) else "")
    return Snippet(before, _one_line(article[start:end]), after, score, query)


def _queries(error: ErrorItem) -> list[str]:
    values = [value for value in (error.gold, error.predicted) if value]
    if error.field == "figures":  # "128 Party committees" -> "128": the unit is English, the article is not
        values = [value.split()[0] for value in values]
    return values


def error_snippet(article: str, error: ErrorItem) -> Snippet | str:
    """Best snippet for the gold or the predicted value, or a short reason why there is none."""
    if error.field in CATEGORY_FIELDS:
        return "(a category; not quoted in the article)"
    found = [snippet for query in _queries(error) if (snippet := find_snippet(article, query))]
    if not found:
        return "(no text to look for)"
    best = max(found, key=lambda snippet: snippet.score)
    if best.score < NO_MATCH_SCORE:
        return f"(no close match in the article: best {best.score:.0f}/100 for “{best.query}”)"
    return best


def worst_errors(variant: VariantResult, limit: int = WORST_ERRORS_PER_VARIANT) -> list[tuple[str, ErrorItem]]:
    """Errors of valid predictions, spread over fields and documents: each pick is the error whose field, then
    document, has been shown least so far; ties go to wrong values, then spurious, then missing.

    Failed documents are left out: every gold unit of theirs is missing, they are listed separately.
    """
    valid = [(name, result) for name, result in variant.results.items() if result.ok]
    candidates = [(name, error) for name, result in valid for error in result.score.errors]
    picked: list[tuple[str, ErrorItem]] = []
    shown: Counter[str] = Counter()  # "field:NAME" and "doc:NAME" -> times shown

    def rank(index: int) -> tuple[int, int, int, int]:
        name, error = candidates[index]
        return shown[f"field:{error.field}"], shown[f"doc:{name}"], ERROR_KIND_ORDER[error.kind], index

    while candidates and len(picked) < limit:
        name, error = candidates.pop(min(range(len(candidates)), key=rank))
        picked.append((name, error))
        shown.update([f"field:{error.field}", f"doc:{name}"])
    return picked


# --------------------------------------------------------------------------- tables

Cell = str | Snippet


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Cell]]
    caption: str = ""


@dataclass
class Section:
    title: str
    intro: str = ""
    tables: list[Table] = field(default_factory=list)


def fmt_score(value: float) -> str:
    return f"{value:.3f}"


def fmt_f1(counts: Counts) -> str:
    return fmt_score(counts.f1) if counts.scored else "n/a"


def fmt_signed(value: float) -> str:
    return f"{value:+.3f}"


def fmt_rate(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})" if whole else "n/a"


def _usages(variant: VariantResult) -> list[UsageCounts]:
    return [result.usage for result in variant.results.values()]


def _seconds(variant: VariantResult) -> str:
    seconds = [usage.seconds for usage in _usages(variant)]
    return f"{mean(seconds):.1f} / {max(seconds):.1f}" if seconds else "n/a"


def _tokens(variant: VariantResult) -> str:
    usages = _usages(variant)
    return f"{sum(u.prompt_tokens for u in usages):,} + {sum(u.completion_tokens for u in usages):,}"


def _requests(variant: VariantResult) -> str:
    usages = _usages(variant)
    return f"{sum(u.requests for u in usages)} for {sum(u.calls for u in usages)} calls"


def _cached(variant: VariantResult) -> int:
    return sum(result.cached for result in variant.results.values())


def headline_table(run: RunResults) -> Table:
    variants = run.variants
    aggregates = [variant.aggregate for variant in variants]
    total = len(run.documents)
    rows: list[list[Cell]] = [
        ["documents run", *(f"{len(v.results)}/{total}" for v in variants)],
        ["core precision", *(fmt_score(a.core.precision) for a in aggregates)],
        ["core recall", *(fmt_score(a.core.recall) for a in aggregates)],
        ["**core F1**", *(f"**{fmt_f1(a.core)}**" for a in aggregates)],
        ["core units tp / fp / fn", *(f"{a.core.tp} / {a.core.fp} / {a.core.fn}" for a in aggregates)],
    ]
    rows += [[f"F1 `{name}`", *(fmt_f1(a.fields[name]) for a in aggregates)] for name in CORE_FIELDS]
    rows += [
        ["schema-valid", *(fmt_rate(v.valid, len(v.results)) for v in variants)],
        [
            "ungrounded values in records",
            *("n/a" if v.ungrounded_emitted is None else str(v.ungrounded_emitted) for v in variants),
        ],
        [
            "model values dropped (not in the article)",
            *("n/a" if v.ungrounded is None else str(v.ungrounded) for v in variants),
        ],
        ["seconds per doc (mean / max)", *(_seconds(v) for v in variants)],
        ["tokens (prompt + completion)", *(_tokens(v) for v in variants)],
        ["requests (attempts)", *(_requests(v) for v in variants)],
        ["records from the result cache", *(fmt_rate(_cached(v), len(v.results)) for v in variants)],
    ]
    return Table(["", *(v.label for v in variants)], rows)


def reported_table(run: RunResults) -> Table:
    aggregates = [variant.aggregate for variant in run.variants]

    def cell(result: AggregateScore, name: str) -> str:
        return f"{fmt_score(result.reported[name])} (n={result.reported_n[name]})" if name in result.reported else "n/a"

    rows: list[list[Cell]] = [[f"`{name}`", *(cell(a, name) for a in aggregates)] for name in REPORTED_FIELDS]
    return Table(["field (token F1, mean)", *(v.label for v in run.variants)], rows)


def language_table(run: RunResults) -> Table:
    languages = sorted(set(run.languages.values()))
    rows: list[list[Cell]] = []
    for language in languages:
        names = _documents_in(run, language)
        row: list[Cell] = [f"{language} ({len(names)} doc{'' if len(names) == 1 else 's'})"]
        row += [fmt_f1(v.core_of(names)) if any(n in v.results for n in names) else NOT_RUN for v in run.variants]
        rows.append(row)
    return Table(["source language", *(v.label for v in run.variants)], rows)


def _document_cell(variant: VariantResult, name: str) -> str:
    result = variant.results.get(name)
    if result is None:
        return NOT_RUN
    return fmt_f1(result.score.core) + ("" if result.ok else " (failed)")


def document_table(run: RunResults) -> Table:
    rows: list[list[Cell]] = [
        [f"{name} ({run.languages.get(name, '?')})", *(_document_cell(v, name) for v in run.variants)]
        for name in run.documents
    ]
    return Table(["document (language): core F1", *(v.label for v in run.variants)], rows)


def error_count_table(run: RunResults) -> Table:
    aggregates = [variant.aggregate for variant in run.variants]
    rows: list[list[Cell]] = [
        ["missing", *(str(a.core.missing) for a in aggregates)],
        ["spurious", *(str(a.core.spurious) for a in aggregates)],
        ["wrong value", *(str(a.core.wrong) for a in aggregates)],
        ["failed documents", *(str(len(v.results) - v.valid) for v in run.variants)],
    ]
    return Table(["error kind (core units)", *(v.label for v in run.variants)], rows)


def _verdict_text(pair: PairedComparison) -> str:
    return f"{pair.a} {pair.verdict} than {pair.b}" if pair.verdict in ("better", "worse") else pair.verdict


def comparison_table(pairs: Sequence[PairedComparison]) -> Table:
    rows: list[list[Cell]] = [
        [
            p.a, p.b, str(p.documents), fmt_score(p.f1_a), fmt_score(p.f1_b), fmt_signed(p.difference),
            f"[{fmt_signed(p.ci_low)}, {fmt_signed(p.ci_high)}]", _verdict_text(p),
        ]
        for p in pairs
    ]  # fmt: skip
    headers = ["A", "B", "docs", "F1 A", "F1 B", "F1 A − F1 B", "95% CI", "verdict"]
    return Table(headers, rows)


def worst_error_table(run: RunResults, variant: VariantResult) -> Table:
    rows: list[list[Cell]] = [
        [name, f"`{error.field}`", error.kind, error.gold or "null", error.predicted or "null",
         error_snippet(run.articles.get(name, ""), error)]
        for name, error in worst_errors(variant)
    ]  # fmt: skip
    return Table(["document", "field", "kind", "gold", "predicted", "article"], rows, caption=variant.label)


def failure_table(run: RunResults, variant: VariantResult) -> Table | None:
    rows: list[list[Cell]] = [
        [name, result.error or "failed"] for name, result in variant.results.items() if not result.ok
    ]
    return Table(["document", "error"], rows, caption=f"{variant.label}: failed documents") if rows else None


def variant_table(run: RunResults) -> Table:
    def describe(variant: VariantResult) -> list[Cell]:
        details = variant.details
        template = f"{details.get('template')} ({str(details.get('template_sha256', ''))[:12]})"
        settings = json.dumps(details.get("settings", {}), sort_keys=True)
        endpoint = str(details.get("base_url") or "embedded")
        return [variant.label, str(details.get("model")), endpoint, template, settings]

    return Table(["variant", "model", "endpoint", "template (sha256)", "settings"], [describe(v) for v in run.variants])


def sections(run: RunResults) -> list[Section]:
    pairs = comparisons(run)
    worst = [worst_error_table(run, variant) for variant in run.variants]
    failures = [table for variant in run.variants if (table := failure_table(run, variant))]
    return [
        Section("Headline", HEADLINE_NOTE, [headline_table(run)]),
        Section("Reported fields (not in the core score)", "", [reported_table(run)]),
        Section("Core F1 per source language", "", [language_table(run)]),
        Section("Core F1 per document", "", [document_table(run)]),
        Section("Error counts", "", [error_count_table(run)]),
        Section("Paired comparisons", COMPARISON_NOTE, [comparison_table(pairs)] if pairs else []),
        Section("Worst errors", WORST_NOTE, worst + failures),
        Section("Variants", "", [variant_table(run)]),
    ]


HEADLINE_NOTE = (
    "Core scores are micro-averaged over all scored units of all documents run. Failed or invalid outputs are kept "
    "and scored as all-missing. n/a: nothing to score for that field. Ungrounded values in records: names, places, "
    "numbers and codes in the output with no evidence in the article. Model values dropped: what the model wrote "
    "that the grounding step could not find in the article, left out of the record; only draft templates are "
    "grounded, and runs stored before the count was kept show n/a. Seconds are "
    "the original extraction time, also for answers taken from the response cache."
)
COMPARISON_NOTE = (
    f"Difference of core micro-F1 on the documents both variants ran, with a 95% paired bootstrap confidence "
    f"interval ({BOOTSTRAP_RESAMPLES} resamples of documents, seed {BOOTSTRAP_SEED}). 'better'/'worse' only when "
    "the interval excludes 0. With a handful of documents, intervals are wide."
)
WORST_NOTE = (
    "Up to ten errors per variant from valid predictions: wrong values first, then spurious, then missing, one field "
    f"at a time. The article column shows the best-matching window for the gold or predicted value; a match below "
    f"{WEAK_MATCH_SCORE:.0f}/100 is marked weak."
)


# --------------------------------------------------------------------------- scores.json


def counts_json(counts: Counts) -> dict[str, object]:
    scored = counts.scored > 0
    return {
        "tp": counts.tp, "fp": counts.fp, "fn": counts.fn,
        "missing": counts.missing, "spurious": counts.spurious, "wrong": counts.wrong,
        "precision": round(counts.precision, 6) if scored else None,
        "recall": round(counts.recall, 6) if scored else None,
        "f1": round(counts.f1, 6) if scored else None,
    }  # fmt: skip


def _cost_json(variant: VariantResult) -> dict[str, object]:
    usages = _usages(variant)
    seconds = [usage.seconds for usage in usages]
    return {
        "seconds_mean": round(mean(seconds), 3) if seconds else None,
        "seconds_max": round(max(seconds), 3) if seconds else None,
        "seconds_total": round(sum(seconds), 3),
        "prompt_tokens": sum(u.prompt_tokens for u in usages),
        "completion_tokens": sum(u.completion_tokens for u in usages),
        "requests": sum(u.requests for u in usages),
        "calls": sum(u.calls for u in usages),
        "cached": sum(result.cached for result in variant.results.values()),
    }


def _documents_in(run: RunResults, language: str) -> list[str]:
    return [name for name in run.documents if run.languages.get(name) == language]


def _document_json(result: DocumentResult) -> dict[str, object]:
    return {"status": "ok" if result.ok else "failed", "error": result.error, "core": counts_json(result.score.core),
            "ungrounded": result.ungrounded}  # fmt: skip


def _variant_json(run: RunResults, variant: VariantResult) -> dict[str, object]:
    result = variant.aggregate
    languages = sorted({run.languages[name] for name in variant.results if name in run.languages})
    return {
        "documents_run": len(variant.results),
        "documents_total": len(run.documents),
        "core": counts_json(result.core),
        "fields": {name: counts_json(result.fields[name]) for name in CORE_FIELDS},
        "reported": {name: {"mean": round(result.reported[name], 6), "n": result.reported_n[name]}
                     for name in REPORTED_FIELDS if name in result.reported},
        "schema_valid": {"valid": variant.valid, "total": len(variant.results),
                         "rate": round(variant.valid / len(variant.results), 6) if variant.results else None},
        "errors": {"missing": result.core.missing, "spurious": result.core.spurious, "wrong": result.core.wrong},
        "ungrounded": variant.ungrounded,
        "per_language": {lang: counts_json(variant.core_of(_documents_in(run, lang))) for lang in languages},
        "per_document": {name: _document_json(doc) for name, doc in variant.results.items()},
        "cost": _cost_json(variant),
    }  # fmt: skip


def scores_json(run: RunResults) -> dict[str, object]:
    """Everything the report shows, as data. Depends only on the stored predictions and the gold."""
    return {
        "run_id": run.run_id,
        "documents": run.documents,
        "variants": {variant.label: _variant_json(run, variant) for variant in run.variants},
        "comparisons": [
            {"a": p.a, "b": p.b, "documents": p.documents, "f1_a": round(p.f1_a, 6), "f1_b": round(p.f1_b, 6),
             "difference": round(p.difference, 6), "ci_low": round(p.ci_low, 6), "ci_high": round(p.ci_high, 6),
             "verdict": p.verdict, "resamples": BOOTSTRAP_RESAMPLES, "seed": BOOTSTRAP_SEED}
            for p in comparisons(run)
        ],
    }  # fmt: skip


# --------------------------------------------------------------------------- Markdown


def _md_escape(text: str) -> str:
    return _one_line(text).replace("|", "\\|")


def _md_snippet(snippet: Snippet) -> str:
    text = f"{snippet.before}**{snippet.match}**{snippet.after}"
    weak = f" *(weak match {snippet.score:.0f}/100 for “{snippet.query}”)*" if snippet.weak else ""
    return _md_escape(text) + weak


def _md_cell(cell: Cell) -> str:
    return _md_snippet(cell) if isinstance(cell, Snippet) else _md_escape(cell)


def markdown_table(table: Table) -> str:
    lines = [f"**{_md_escape(table.caption)}**", ""] if table.caption else []
    lines.append("| " + " | ".join(_md_escape(h) for h in table.headers) + " |")
    lines.append("|" + "|".join("---" for _ in table.headers) + "|")
    lines += ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in table.rows]
    if not table.rows:
        lines.append("| " + " | ".join(["(none)", *([""] * (len(table.headers) - 1))]) + " |")
    return "\n".join(lines)


def _md_header(run: RunResults) -> str:
    meta = ", ".join(f"{key} `{value}`" for key, value in run.meta.items())
    notes = "".join(f"\n**Note:** {note}\n" for note in run.notes)
    return f"# Evaluation run `{run.run_id}`\n\nCreated {run.created}; {len(run.documents)} documents; {meta}.\n{notes}"


def markdown_report(run: RunResults) -> str:
    parts = [_md_header(run)]
    for section in sections(run):
        parts.append(f"## {section.title}\n")
        if section.intro:
            parts.append(section.intro + "\n")
        parts += [markdown_table(table) + "\n" for table in section.tables]
        if not section.tables:
            parts.append("(nothing to show)\n")
    return "\n".join(parts)


def headline_markdown(run: RunResults) -> str:
    return markdown_table(headline_table(run))


# --------------------------------------------------------------------------- HTML

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f")
CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1200px;
 padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.6rem 0 1.2rem;font-size:13px}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}tr:nth-child(even) td{background:#fafafa}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
caption{text-align:left;font-weight:600;padding:.3rem 0}
code{background:#f4f4f4;padding:0 .2rem;border-radius:3px}
mark{background:#ffe08a}.weak{color:#a33;font-style:italic}.note{color:#555;max-width:60rem}
svg text{font:11px system-ui,sans-serif;fill:#333}
"""


def _html_inline(text: str) -> str:
    """Escape, then turn the Markdown-ish **bold** and `code` used in cells into tags."""
    escaped = html.escape(_one_line(text))
    escaped = _replace_pairs(escaped, "**", "<strong>", "</strong>")
    return _replace_pairs(escaped, "`", "<code>", "</code>")


def _replace_pairs(text: str, marker: str, opening: str, closing: str) -> str:
    pieces = text.split(marker)
    if len(pieces) % 2 == 0:  # unbalanced: leave as it is
        return text
    return "".join(piece if i % 2 == 0 else f"{opening}{piece}{closing}" for i, piece in enumerate(pieces))


def _html_snippet(snippet: Snippet) -> str:
    text = f"{html.escape(snippet.before)}<mark>{html.escape(snippet.match)}</mark>{html.escape(snippet.after)}"
    weak = f' <span class="weak">(weak match {snippet.score:.0f}/100 for “{html.escape(snippet.query)}”)</span>'
    return text + (weak if snippet.weak else "")


def _looks_numeric(text: str) -> bool:
    head = text.replace("*", "").split(" ")[0].lstrip("+-−")
    return bool(head) and (head[0].isdigit() or head in ("n/a", NOT_RUN))


def _html_cell(cell: Cell) -> str:
    if isinstance(cell, Snippet):
        return f"<td>{_html_snippet(cell)}</td>"
    css = ' class="num"' if _looks_numeric(cell) else ""
    return f"<td{css}>{_html_inline(cell)}</td>"


def html_table(table: Table) -> str:
    caption = f"<caption>{_html_inline(table.caption)}</caption>" if table.caption else ""
    head = "".join(f"<th>{_html_inline(h)}</th>" for h in table.headers)
    body = "".join("<tr>" + "".join(_html_cell(cell) for cell in row) + "</tr>" for row in table.rows)
    if not table.rows:
        body = f'<tr><td colspan="{len(table.headers)}">(none)</td></tr>'
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


@dataclass(frozen=True)
class ChartGeometry:
    groups: int
    series: int
    bar: float = 12.0
    gap: float = 14.0
    left: float = 44.0
    top: float = 36.0
    plot_height: float = 220.0
    bottom: float = 110.0

    @property
    def group_width(self) -> float:
        return self.series * self.bar + self.gap

    @property
    def width(self) -> float:
        return self.left + self.groups * self.group_width + 20

    @property
    def height(self) -> float:
        return self.top + self.plot_height + self.bottom

    def y(self, value: float) -> float:
        return self.top + self.plot_height * (1 - value)

    def x(self, group: int, series: int) -> float:
        return self.left + group * self.group_width + self.gap / 2 + series * self.bar


def _svg_axes(geometry: ChartGeometry) -> list[str]:
    parts = []
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = geometry.y(tick)
        parts.append(
            f'<line x1="{geometry.left}" y1="{y:.1f}" x2="{geometry.width - 20:.1f}" y2="{y:.1f}" '
            f'stroke="#ddd"/><text x="{geometry.left - 6}" y="{y + 4:.1f}" '
            f'text-anchor="end">{tick:.2f}</text>'
        )
    return parts


def _svg_bars(geometry: ChartGeometry, labels: Sequence[str], values: Sequence[Sequence[float | None]]) -> list[str]:
    parts = []
    for group, row in enumerate(values):
        for series, value in enumerate(row):
            x = geometry.x(group, series)
            if value is None:
                parts.append(
                    f'<circle cx="{x + geometry.bar / 2:.1f}" cy="{geometry.y(0) - 4:.1f}" r="3" fill="none" '
                    f'stroke="#999"><title>{html.escape(labels[series])}: n/a</title></circle>'
                )
                continue
            y = min(geometry.y(value), geometry.y(0) - 1.5)  # a 0 shows as a sliver, unlike n/a
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{geometry.bar - 1:.1f}" '
                f'height="{geometry.y(0) - y:.1f}" fill="{PALETTE[series % len(PALETTE)]}">'
                f"<title>{html.escape(labels[series])}: {value:.3f}</title></rect>"
            )
    return parts


def _svg_group_labels(geometry: ChartGeometry, groups: Sequence[str]) -> list[str]:
    parts = []
    for index, name in enumerate(groups):
        x = geometry.left + index * geometry.group_width + geometry.group_width / 2
        y = geometry.y(0) + 10
        parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="end" '
            f'transform="rotate(-50 {x:.1f} {y:.1f})">{html.escape(name)}</text>'
        )
    return parts


def _svg_legend(geometry: ChartGeometry, labels: Sequence[str]) -> list[str]:
    parts, x = [], geometry.left
    for series, label in enumerate(labels):
        parts.append(
            f'<rect x="{x:.1f}" y="8" width="12" height="12" fill="{PALETTE[series % len(PALETTE)]}"/>'
            f'<text x="{x + 16:.1f}" y="18">{html.escape(label)}</text>'
        )
        x += 36 + 8 * len(label)
    parts.append(
        f'<circle cx="{x + 6:.1f}" cy="14" r="3" fill="none" stroke="#999"/>'
        f'<text x="{x + 14:.1f}" y="18">n/a (nothing scored)</text>'
    )
    return parts


def field_chart_svg(run: RunResults) -> str:
    """Grouped bar chart: one group per core field (and the core micro-F1), one bar per variant."""
    groups = ["core (micro)", *CORE_FIELDS]
    labels = [variant.label for variant in run.variants]
    aggregates = [variant.aggregate for variant in run.variants]
    values = [
        [a.core.f1 if a.core.scored else None for a in aggregates],
        *([a.fields[name].f1 if a.fields[name].scored else None for a in aggregates] for name in CORE_FIELDS),
    ]
    geometry = ChartGeometry(groups=len(groups), series=max(1, len(labels)))
    body = [*_svg_axes(geometry), *_svg_bars(geometry, labels, values), *_svg_group_labels(geometry, groups),
            *_svg_legend(geometry, labels)]  # fmt: skip
    return (
        f'<svg role="img" aria-label="core F1 per field and variant" width="{geometry.width:.0f}" '
        f'height="{geometry.height:.0f}" viewBox="0 0 {geometry.width:.0f} {geometry.height:.0f}">'
        f"<title>Core F1 per field and variant</title>{''.join(body)}</svg>"
    )


def html_report(run: RunResults) -> str:
    meta = ", ".join(f"{html.escape(str(k))} <code>{html.escape(str(v))}</code>" for k, v in run.meta.items())
    body = [
        f"<h1>Evaluation run <code>{html.escape(run.run_id)}</code></h1>",
        f'<p class="note">Created {html.escape(run.created)}; {len(run.documents)} documents; {meta}.</p>',
        *(f"<p><strong>Note:</strong> {html.escape(note)}</p>" for note in run.notes),
        "<h2>Core F1 per field</h2>",
        field_chart_svg(run),
    ]
    for section in sections(run):
        body.append(f"<h2>{html.escape(section.title)}</h2>")
        if section.intro:
            body.append(f'<p class="note">{html.escape(section.intro)}</p>')
        body += [html_table(table) for table in section.tables] or ["<p>(nothing to show)</p>"]
    title = html.escape(f"Evaluation run {run.run_id}")
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
