"""Scoring of conference records against gold records.

Implements the scoring rules of ``shared/record-contract.md``:

* core fields are scored as units (true positive, false positive, false negative);
  a wrong value counts as one false positive *and* one false negative;
* a value where gold is null is spurious, null where gold has a value is missing,
  null on both sides is not counted;
* free-text fields are reported (token-overlap F1) but are not part of the core score.

Text is compared after :func:`normalize_text`; document numbers after :func:`normalize_doc_number`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

import numpy as np
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from extractor.core.text import normalize_doc_number, normalize_text
from extractor.schemas.record import ConferenceRecord, DocumentRef, Figure, Person

FUZZY_THRESHOLD = 85.0
"""Minimum ``fuzz.token_set_ratio`` (0-100) for province, locality and person names to match."""

CORE_FIELDS: tuple[str, ...] = (
    "is_conference",
    "source_language",
    "date.year",
    "date.month",
    "date.day",
    "date.part_of_day",
    "organizer.level",
    "format",
    "province",
    "locality",
    "period",
    "chairs",
    "participants",
    "documents",
    "figures",
    "author",
    "source_url",
)
"""Core fields in display order; every :class:`DocumentScore` has a :class:`Counts` for each."""

REPORTED_FIELDS: tuple[str, ...] = (
    "organizer.name",
    "title",
    "summary",
    "purpose",
    "tasks",
    "titles",
    "awards",
)
"""Fields reported with token-overlap F1, outside the core score, in display order."""

ErrorKind = Literal["missing", "spurious", "wrong"]
_T = TypeVar("_T")

# --------------------------------------------------------------------------- normalization


def tokens(s: str | None) -> list[str]:
    """Normalized word tokens of ``s``."""
    return normalize_text(s).split()


def token_f1(gold: str | None, predicted: str | None) -> float | None:
    """Bag-of-words F1 of normalized tokens; ``None`` when both sides are empty (nothing to report)."""
    gold_bag, pred_bag = Counter(tokens(gold)), Counter(tokens(predicted))
    if not gold_bag and not pred_bag:
        return None
    overlap = sum((gold_bag & pred_bag).values())
    if overlap == 0:
        return 0.0
    precision, recall = overlap / sum(pred_bag.values()), overlap / sum(gold_bag.values())
    return 2 * precision * recall / (precision + recall)


# --------------------------------------------------------------------------- result types


@dataclass(frozen=True)
class Counts:
    """Scored units of one field (or of several, summed).

    ``fp == spurious + wrong`` and ``fn == missing + wrong`` always hold.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0
    missing: int = 0
    spurious: int = 0
    wrong: int = 0

    def __post_init__(self) -> None:
        if min(self.tp, self.fp, self.fn, self.missing, self.spurious, self.wrong) < 0:
            raise ValueError(f"negative count in {self}")
        if self.fp != self.spurious + self.wrong or self.fn != self.missing + self.wrong:
            raise ValueError(f"inconsistent counts: need fp == spurious + wrong and fn == missing + wrong, got {self}")

    @classmethod
    def of(cls, tp: int = 0, missing: int = 0, spurious: int = 0, wrong: int = 0) -> Counts:
        """Counts from the outcome kinds, deriving fp and fn."""
        return cls(tp, spurious + wrong, missing + wrong, missing, spurious, wrong)

    def __add__(self, other: Counts) -> Counts:
        return Counts.of(
            self.tp + other.tp, self.missing + other.missing, self.spurious + other.spurious, self.wrong + other.wrong
        )

    @property
    def scored(self) -> int:
        """tp + fp + fn; 0 means there was nothing to score (show "n/a", not 0.0)."""
        return self.tp + self.fp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0


def sum_counts(items: Iterable[Counts]) -> Counts:
    """Micro sum of counts."""
    total = Counts()
    for item in items:
        total += item
    return total


@dataclass(frozen=True)
class ErrorItem:
    """One scoring error; ``gold`` and ``predicted`` are display strings of the original values."""

    field: str
    kind: ErrorKind
    gold: str | None
    predicted: str | None


@dataclass
class DocumentScore:
    """Score of one predicted record against its gold record."""

    fields: dict[str, Counts]
    reported: dict[str, float] = field(default_factory=dict)
    errors: list[ErrorItem] = field(default_factory=list)
    language: str = ""
    """The gold record's ``source_language``, for per-language reports."""

    @property
    def core(self) -> Counts:
        return sum_counts(self.fields.values())


@dataclass
class AggregateScore:
    """Micro-summed core counts and mean reported scores over documents."""

    fields: dict[str, Counts]
    reported: dict[str, float]
    reported_n: dict[str, int]
    """Number of documents that contributed to each reported mean."""
    documents: int

    @property
    def core(self) -> Counts:
        return sum_counts(self.fields.values())


# --------------------------------------------------------------------------- scalar fields

Getter = Callable[[ConferenceRecord], object]

_EXACT_GETTERS: dict[str, Getter] = {
    "is_conference": lambda r: r.is_conference,
    "source_language": lambda r: r.source_language,
    "date.year": lambda r: r.date.year if r.date else None,
    "date.month": lambda r: r.date.month if r.date else None,
    "date.day": lambda r: r.date.day if r.date else None,
    "date.part_of_day": lambda r: r.date.part_of_day if r.date else None,
    "organizer.level": lambda r: r.organizer.level if r.organizer else None,
    "format": lambda r: r.format,
    "author": lambda r: r.author,
    "source_url": lambda r: r.source_url,
}
_FUZZY_GETTERS: dict[str, Getter] = {
    "province": lambda r: r.province,
    "locality": lambda r: r.locality,
}


def _display(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _norm_scalar(value: object) -> str | None:
    """Normalized text of a scalar; empty text counts as null."""
    text = normalize_text(_display(value))
    return text or None


def _exact_match(gold: str, predicted: str) -> bool:
    return gold == predicted


def _fuzzy_match(gold: str, predicted: str) -> bool:
    return fuzz.token_set_ratio(gold, predicted) >= FUZZY_THRESHOLD


def _score_scalar(
    name: str, gold: object, predicted: object, match: Callable[[str, str], bool]
) -> tuple[Counts, list[ErrorItem]]:
    g, p = _norm_scalar(gold), _norm_scalar(predicted)
    if g is None and p is None:
        return Counts(), []
    if g is None:
        return Counts.of(spurious=1), [ErrorItem(name, "spurious", None, _display(predicted))]
    if p is None:
        return Counts.of(missing=1), [ErrorItem(name, "missing", _display(gold), None)]
    if match(g, p):
        return Counts.of(tp=1), []
    return Counts.of(wrong=1), [ErrorItem(name, "wrong", _display(gold), _display(predicted))]


def _period_key(record: ConferenceRecord | None) -> tuple[int | None, int | None] | None:
    if record is None or record.period is None:
        return None
    key = (record.period.start_year, record.period.end_year)
    return None if key == (None, None) else key


def _period_display(key: tuple[int | None, int | None]) -> str:
    return "-".join("?" if year is None else str(year) for year in key)


def _score_period(gold: ConferenceRecord, predicted: ConferenceRecord | None) -> tuple[Counts, list[ErrorItem]]:
    g, p = _period_key(gold), _period_key(predicted)
    if g is None and p is None:
        return Counts(), []
    if g is None:
        return Counts.of(spurious=1), [ErrorItem("period", "spurious", None, _period_display(p))]
    if p is None:
        return Counts.of(missing=1), [ErrorItem("period", "missing", _period_display(g), None)]
    if g == p:
        return Counts.of(tp=1), []
    return Counts.of(wrong=1), [ErrorItem("period", "wrong", _period_display(g), _period_display(p))]


# --------------------------------------------------------------------------- list fields


def assign(similarity: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """One-to-one alignment of rows (gold) and columns (predicted) maximizing total similarity.

    Pairs below ``threshold`` are inadmissible: they are given weight 0 before the optimal assignment
    (so they can never displace an admissible pair) and dropped from the result.
    Returns (gold index, predicted index) pairs sorted by gold index.
    """
    if similarity.size == 0:
        return []
    weights = np.where(similarity >= threshold, similarity, 0.0)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if similarity[r, c] >= threshold]


def _list_outcome(
    name: str, gold_labels: Sequence[str], pred_labels: Sequence[str], pairs: list[tuple[int, int]]
) -> tuple[Counts, list[ErrorItem]]:
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}
    errors = [ErrorItem(name, "missing", label, None) for i, label in enumerate(gold_labels) if i not in matched_gold]
    errors += [ErrorItem(name, "spurious", None, label) for j, label in enumerate(pred_labels) if j not in matched_pred]
    counts = Counts.of(tp=len(pairs), missing=len(gold_labels) - len(pairs), spurious=len(pred_labels) - len(pairs))
    return counts, errors


def align_people(gold: Sequence[Person], predicted: Sequence[Person]) -> list[tuple[int, int]]:
    """Optimal one-to-one alignment of people on ``token_set_ratio`` of normalized names (>= threshold)."""
    gold_names = [normalize_text(p.name) for p in gold]
    pred_names = [normalize_text(p.name) for p in predicted]
    similarity = np.array([[fuzz.token_set_ratio(g, p) for p in pred_names] for g in gold_names], dtype=float)
    return assign(similarity.reshape(len(gold_names), len(pred_names)), FUZZY_THRESHOLD)


def _score_people(
    name: str, gold: Sequence[Person], predicted: Sequence[Person]
) -> tuple[Counts, list[ErrorItem], list[tuple[Person, Person]]]:
    pairs = align_people(gold, predicted)
    counts, errors = _list_outcome(name, [p.name for p in gold], [p.name for p in predicted], pairs)
    return counts, errors, [(gold[g], predicted[p]) for g, p in pairs]


def _match_matrix(gold: Sequence[_T], predicted: Sequence[_T], equal: Callable[[_T, _T], bool]) -> np.ndarray:
    matrix = np.array([[1.0 if equal(g, p) else 0.0 for p in predicted] for g in gold], dtype=float)
    return matrix.reshape(len(gold), len(predicted))


def _numbered(documents: Sequence[DocumentRef]) -> list[DocumentRef]:
    return [d for d in documents if normalize_doc_number(d.number)]


def _score_documents(gold: Sequence[DocumentRef], predicted: Sequence[DocumentRef]) -> tuple[Counts, list[ErrorItem]]:
    gold_docs, pred_docs = _numbered(gold), _numbered(predicted)
    gold_keys = [normalize_doc_number(d.number) for d in gold_docs]
    pred_keys = [normalize_doc_number(d.number) for d in pred_docs]
    pairs = assign(_match_matrix(gold_keys, pred_keys, lambda a, b: a == b), 1.0)
    return _list_outcome("documents", [d.number or "" for d in gold_docs], [d.number or "" for d in pred_docs], pairs)


def _figure_display(figure: Figure) -> str:
    value = figure.value
    text = str(int(value)) if math.isfinite(value) and value.is_integer() else repr(value)
    return f"{text} {figure.unit}" if figure.unit else text


def _same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9)


def _score_figures(gold: Sequence[Figure], predicted: Sequence[Figure]) -> tuple[Counts, list[ErrorItem]]:
    matrix = _match_matrix([f.value for f in gold], [f.value for f in predicted], _same_value)
    pairs = assign(matrix, 1.0)
    return _list_outcome("figures", [_figure_display(f) for f in gold], [_figure_display(f) for f in predicted], pairs)


# --------------------------------------------------------------------------- reported fields

_REPORTED_TEXT: dict[str, Callable[[ConferenceRecord], str]] = {
    "organizer.name": lambda r: r.organizer.name if r.organizer else "",
    "title": lambda r: r.title,
    "summary": lambda r: r.summary,
    "purpose": lambda r: r.purpose,
    "tasks": lambda r: " ".join(r.tasks),
    "awards": lambda r: " ".join(
        " ".join(part for part in (a.recipient, a.award, None if a.count is None else str(a.count)) if part)
        for a in r.awards
    ),
}


def _titles_score(pairs: Iterable[tuple[Person, Person]]) -> float | None:
    values = [token_f1(" ".join(g.titles), " ".join(p.titles)) for g, p in pairs]
    scored = [v for v in values if v is not None]
    return sum(scored) / len(scored) if scored else None


def _reported(
    gold: ConferenceRecord, predicted: ConferenceRecord | None, person_pairs: list[tuple[Person, Person]]
) -> dict[str, float]:
    values: dict[str, float | None] = {
        name: token_f1(text(gold), text(predicted) if predicted else "") for name, text in _REPORTED_TEXT.items()
    }
    values["titles"] = _titles_score(person_pairs)
    return {name: value for name in REPORTED_FIELDS if (value := values.get(name)) is not None}


# --------------------------------------------------------------------------- public entry points


def _get(record: ConferenceRecord | None, getter: Getter) -> object:
    return None if record is None else getter(record)


def score_record(gold: ConferenceRecord, predicted: ConferenceRecord | None) -> DocumentScore:
    """Score ``predicted`` against ``gold``; ``predicted=None`` (failed or invalid output) misses every gold unit."""
    results: dict[str, tuple[Counts, list[ErrorItem]]] = {}
    for name, getter in _EXACT_GETTERS.items():
        results[name] = _score_scalar(name, getter(gold), _get(predicted, getter), _exact_match)
    for name, getter in _FUZZY_GETTERS.items():
        results[name] = _score_scalar(name, getter(gold), _get(predicted, getter), _fuzzy_match)
    results["period"] = _score_period(gold, predicted)
    person_pairs: list[tuple[Person, Person]] = []
    for name in ("chairs", "participants"):
        pred_people = getattr(predicted, name) if predicted else []
        counts, errors, pairs = _score_people(name, getattr(gold, name), pred_people)
        results[name] = (counts, errors)
        person_pairs += pairs
    results["documents"] = _score_documents(gold.documents, predicted.documents if predicted else [])
    results["figures"] = _score_figures(gold.figures, predicted.figures if predicted else [])
    return DocumentScore(
        fields={name: results[name][0] for name in CORE_FIELDS},
        reported=_reported(gold, predicted, person_pairs),
        errors=[error for name in CORE_FIELDS for error in results[name][1]],
        language=gold.source_language,
    )


def aggregate(scores: Iterable[DocumentScore]) -> AggregateScore:
    """Micro-sum core counts per field; average each reported field over the documents that report it."""
    fields = {name: Counts() for name in CORE_FIELDS}
    reported_sum: dict[str, float] = {}
    reported_n: dict[str, int] = {}
    documents = 0
    for score in scores:
        documents += 1
        for name, counts in score.fields.items():
            fields[name] = fields.get(name, Counts()) + counts
        for name, value in score.reported.items():
            reported_sum[name] = reported_sum.get(name, 0.0) + value
            reported_n[name] = reported_n.get(name, 0) + 1
    reported = {name: reported_sum[name] / reported_n[name] for name in reported_sum}
    return AggregateScore(fields=fields, reported=reported, reported_n=reported_n, documents=documents)
