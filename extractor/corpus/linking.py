"""Linking: group the records that report the same event, across languages and sources.

Candidates are blocked on province and date (a day apart at most: sources disagree by a day around midnight
and time zones). Each candidate pair is scored on what both records state: organizer, people (compared as
romanized, folded keys), document codes, figures (a rounded figure matches the exact one) and locality.
The score is the weighted share of that comparable evidence which agrees; groups are formed by
average-linkage clustering, merging while the average score between two groups is at least one half,
that is while most of the evidence they share agrees. Nothing here is fitted to a test set.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from rapidfuzz import fuzz

from extractor.corpus.names import fold, name_key
from extractor.corpus.store import Store, document_key
from extractor.schemas.record import ConferenceRecord

LINK_THRESHOLD = 0.5
"""Merge while at least half of the weighted evidence two groups share agrees."""
NAME_MATCH = 85.0
"""Two name keys are one person at this similarity: the contract's threshold for aligning names."""
ORGANIZER_MATCH = 80.0
WEIGHTS = {"people": 3.0, "documents": 2.0, "figures": 2.0, "organizer": 1.0, "locality": 1.0}
"""People identify an event best; codes and figures are specific; organizer and locality wordings vary."""
MAX_DAYS_APART = 1


@dataclass(frozen=True)
class Source:
    """One stored record, as the linker sees it."""

    record_id: int
    source: str
    language: str
    record: ConferenceRecord

    @property
    def label(self) -> str:
        return self.source.rsplit("/", 1)[-1].removesuffix(".txt")


def load_sources(store: Store) -> list[Source]:
    rows = store.conn.execute(
        "SELECT id, coalesce(source, 'record ' || id), source_language, record_json FROM records "
        "WHERE is_conference = 1 ORDER BY id"
    )
    return [Source(row[0], row[1], row[2], ConferenceRecord.model_validate(json.loads(row[3]))) for row in rows]


# --------------------------------------------------------------------------- comparing two records


def day(record: ConferenceRecord) -> dt.date | None:
    date = record.date
    if date is None or None in (date.year, date.month, date.day):
        return None
    try:
        return dt.date(date.year, date.month, date.day)  # type: ignore[arg-type]
    except ValueError:
        return None


def dates_compatible(a: ConferenceRecord, b: ConferenceRecord) -> bool:
    day_a, day_b = day(a), day(b)
    if day_a and day_b:
        return abs((day_a - day_b).days) <= MAX_DAYS_APART
    if a.date and b.date:  # partial dates: what both give must agree
        return all(x is None or y is None or x == y for x, y in ((a.date.year, b.date.year),
                                                                 (a.date.month, b.date.month)))  # fmt: skip
    return True


def provinces_compatible(a: ConferenceRecord, b: ConferenceRecord) -> bool:
    return not (a.province and b.province) or fold(a.province) == fold(b.province)


def is_candidate(a: ConferenceRecord, b: ConferenceRecord) -> bool:
    return provinces_compatible(a, b) and dates_compatible(a, b)


def people_keys(record: ConferenceRecord) -> list[str]:
    return [key for person in (*record.chairs, *record.participants) if (key := name_key(person.name))]


def same_person(a: str, b: str) -> bool:
    return fuzz.ratio(a, b) >= NAME_MATCH


def rounding_unit(value: float) -> float:
    """The place a figure was written to: 36000 -> 1000, 86 -> 1, 86.5 -> 0.1."""
    if value != int(value):
        decimals = len(repr(value).split(".")[1].rstrip("0"))
        return 10.0**-decimals
    number, unit = abs(int(value)), 1.0
    while number and number % 10 == 0:
        number //= 10
        unit *= 10
    return unit


def same_figure(a: float, b: float) -> bool:
    """Equal, or one is the other rounded to the place it is written to (1286 and 1300, 98.5 and 99)."""
    return abs(a - b) <= max(rounding_unit(a), rounding_unit(b)) / 2


def _overlap(left: Sequence[Any], right: Sequence[Any], same: Any) -> float | None:
    """Share of the shorter list that finds a distinct match in the other; None when either is empty."""
    if not left or not right:
        return None
    shorter, longer = (left, right) if len(left) <= len(right) else (right, left)
    unused, matched = list(longer), 0
    for item in shorter:
        hit = next((other for other in unused if same(item, other)), None)
        if hit is not None:
            unused.remove(hit)
            matched += 1
    return matched / len(shorter)


def organizer_similarity(a: ConferenceRecord, b: ConferenceRecord) -> float | None:
    if not (a.organizer and b.organizer):
        return None
    if a.organizer.level != b.organizer.level:
        return 0.0
    return 1.0 if fuzz.token_sort_ratio(fold(a.organizer.name), fold(b.organizer.name)) >= ORGANIZER_MATCH else 0.0


def locality_similarity(a: ConferenceRecord, b: ConferenceRecord) -> float | None:
    if not (a.locality and b.locality):
        return None
    return 1.0 if fuzz.token_set_ratio(fold(a.locality), fold(b.locality)) >= NAME_MATCH else 0.0


def evidence(a: ConferenceRecord, b: ConferenceRecord) -> dict[str, float]:
    """Each comparable feature's agreement in [0, 1]; features either record lacks are left out."""
    codes = [[key for d in r.documents if (key := document_key(d.number))] for r in (a, b)]
    parts = {
        "people": _overlap(people_keys(a), people_keys(b), same_person),
        "documents": _overlap(codes[0], codes[1], str.__eq__),
        "figures": _overlap([f.value for f in a.figures], [f.value for f in b.figures], same_figure),
        "organizer": organizer_similarity(a, b),
        "locality": locality_similarity(a, b),
    }
    return {name: value for name, value in parts.items() if value is not None}


def pair_score(a: ConferenceRecord, b: ConferenceRecord) -> float:
    """Weighted share of agreeing evidence, 0 when the pair is not a candidate or nothing is comparable."""
    if not is_candidate(a, b):
        return 0.0
    parts = evidence(a, b)
    total = sum(WEIGHTS[name] for name in parts)
    return sum(WEIGHTS[name] * value for name, value in parts.items()) / total if total else 0.0


# --------------------------------------------------------------------------- grouping


def blocks(sources: Sequence[Source]) -> list[list[int]]:
    """Indices of sources that may share an event: same province (or none given) and compatible dates,
    closed transitively so each block can be clustered on its own."""
    parent = list(range(len(sources)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_province: dict[str, list[int]] = {}
    for index, source in enumerate(sources):
        by_province.setdefault(fold(source.record.province or ""), []).append(index)
    unknown = by_province.pop("", [])
    for members in by_province.values():
        for i, j in combinations(members + unknown, 2):
            if is_candidate(sources[i].record, sources[j].record):
                parent[root(i)] = root(j)
    grouped: dict[int, list[int]] = {}
    for index in range(len(sources)):
        grouped.setdefault(root(index), []).append(index)
    return list(grouped.values())


def average_linkage(scores: dict[tuple[int, int], float], members: list[int]) -> list[list[int]]:
    clusters = [[index] for index in members]

    def linkage(x: list[int], y: list[int]) -> float:
        return sum(scores.get((min(i, j), max(i, j)), 0.0) for i in x for j in y) / (len(x) * len(y))

    while len(clusters) > 1:
        best, pair = max(((linkage(x, y), (p, q)) for (p, x), (q, y) in combinations(enumerate(clusters), 2)))
        if best < LINK_THRESHOLD:
            break
        p, q = pair
        clusters[p] = clusters[p] + clusters[q]
        del clusters[q]
    return clusters


def group_sources(sources: Sequence[Source]) -> list[list[Source]]:
    """Sources grouped by event, each group in source order; groups by date, then province."""
    groups = []
    for block in blocks(sources):
        scores = {(i, j): pair_score(sources[i].record, sources[j].record) for i, j in combinations(block, 2)}
        groups.extend([sources[i] for i in sorted(cluster)] for cluster in average_linkage(scores, block))
    return sorted(groups, key=lambda group: (str(day(group[0].record) or ""), group[0].record.province or ""))


# --------------------------------------------------------------------------- one canonical event per group


@dataclass
class Supported:
    """A value and the sources that state it, out of all the group's sources."""

    value: Any
    support: int
    of: int
    sources: list[str] = field(default_factory=list)
    written: list[Any] = field(default_factory=list)  # each source's own value, where they may differ (figures)


@dataclass
class FieldVote:
    name: str
    values: list[Supported]

    @property
    def value(self) -> Supported | None:
        return self.values[0] if self.values else None

    @property
    def conflict(self) -> bool:
        return len(self.values) > 1


@dataclass
class CanonicalPerson:
    name: str
    variants: list[str]
    titles: list[str]
    chair_in: list[str]
    participant_in: list[str]


@dataclass
class Event:
    id: str
    sources: list[Source]
    fields: list[FieldVote]
    people: list[CanonicalPerson]
    documents: list[Supported]
    figures: list[Supported]
    conflicts: list[str]


def _field_values(group: Sequence[Source]) -> dict[str, list[tuple[str, Any]]]:
    values: dict[str, list[tuple[str, Any]]] = {}
    for source in group:
        r = source.record
        organizer = r.organizer
        stated = {
            "date": day(r).isoformat() if day(r) else None,
            "part_of_day": r.date.part_of_day if r.date else None,
            "province": r.province, "locality": r.locality,
            "organizer": organizer.name if organizer else None,
            "organizer_level": organizer.level if organizer else None,
            "format": r.format,
            "period": f"{r.period.start_year}-{r.period.end_year}" if r.period and r.period.start_year else None,
        }  # fmt: skip
        for name, value in stated.items():
            values.setdefault(name, [])
            if value is not None:
                values[name].append((source.label, value))
    return values


def vote(name: str, stated: list[tuple[str, Any]], of: int, key: Any = fold) -> FieldVote:
    """Values grouped by their folded form; the most supported first, its most frequent spelling shown."""
    buckets: dict[Any, list[tuple[str, Any]]] = {}
    for label, value in stated:
        buckets.setdefault(key(value) if isinstance(value, str) else value, []).append((label, value))
    ranked = sorted(buckets.values(), key=len, reverse=True)
    return FieldVote(name, [
        Supported(Counter(v for _, v in bucket).most_common(1)[0][0], len(bucket), of, [label for label, _ in bucket])
        for bucket in ranked
    ])  # fmt: skip


def canonical_people(group: Sequence[Source]) -> list[CanonicalPerson]:
    people: list[tuple[str, CanonicalPerson]] = []  # (key, person)
    for source in group:
        for role, persons in (("chair", source.record.chairs), ("participant", source.record.participants)):
            for person in persons:
                key = name_key(person.name)
                found = next((p for k, p in people if same_person(k, key)), None)
                if found is None:
                    found = CanonicalPerson(person.name, [], [], [], [])
                    people.append((key, found))
                found.variants.append(person.name)
                found.titles.extend(t for t in person.titles if fold(t) not in {fold(x) for x in found.titles})
                (found.chair_in if role == "chair" else found.participant_in).append(source.label)
    for _, person in people:
        person.name = Counter(person.variants).most_common(1)[0][0]
        person.variants = list(dict.fromkeys(person.variants))
    return [person for _, person in people]


def _list_votes(group: Sequence[Source]) -> tuple[list[Supported], list[Supported]]:
    documents = vote("documents", [(s.label, d.number) for s in group for d in s.record.documents if d.number],
                     len(group), key=document_key)  # fmt: skip
    figures: list[Supported] = []
    for source in group:
        for figure in source.record.figures:
            hit = next((f for f in figures if same_figure(f.value, figure.value) and source.label not in f.sources),
                       None)  # fmt: skip
            if hit is None:
                hit = Supported(figure.value, 0, len(group))
                figures.append(hit)
            hit.support += 1
            hit.sources.append(source.label)
            hit.written.append(figure.value)
            hit.value = min(hit.written, key=rounding_unit)  # the most precise source's figure
    return documents.values, sorted(figures, key=lambda f: -f.support)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def figure_conflicts(figures: Iterable[Supported]) -> list[str]:
    """A figure the sources write differently (one rounded): each written value with its sources."""
    notes = []
    for figure in figures:
        if len(set(figure.written)) > 1:
            by_value: dict[Any, list[str]] = {}
            for label, value in zip(figure.sources, figure.written, strict=True):
                by_value.setdefault(value, []).append(label)
            written = " / ".join(f"{_number(value)} ({', '.join(labels)})" for value, labels in by_value.items())
            notes.append(f"figure {_number(figure.value)}: written {written}")
    return notes


def conflicts_of(fields: Iterable[FieldVote], people: Iterable[CanonicalPerson], of: int) -> list[str]:
    notes = []
    for vote_ in fields:
        if vote_.conflict:
            notes.append(f"{vote_.name}: " + " vs ".join(f"{v.value} ({', '.join(v.sources)})" for v in vote_.values))
    for person in people:
        if person.chair_in and len(person.chair_in) < of:
            notes.append(f"chair {person.name}: named as chair by {len(person.chair_in)} of {of} sources")
        if person.chair_in and person.participant_in:
            notes.append(f"{person.name}: chair in {', '.join(person.chair_in)}, "
                         f"participant in {', '.join(person.participant_in)}")  # fmt: skip
        if len(person.variants) > 1:
            notes.append(f"{person.name}: spelled " + " / ".join(person.variants))
    return notes


def canonical_event(number: int, group: Sequence[Source]) -> Event:
    of = len(group)
    fields = [vote(name, stated, of) for name, stated in _field_values(group).items() if stated]
    people = canonical_people(group)
    documents, figures = _list_votes(group)
    conflicts = conflicts_of(fields, people, of) + figure_conflicts(figures)
    return Event(f"E{number}", list(group), fields, people, documents, figures, conflicts)


def link(store: Store) -> list[Event]:
    return [canonical_event(number, group) for number, group in enumerate(group_sources(load_sources(store)), 1)]


def event_json(event: Event) -> dict[str, Any]:
    def supported(s: Supported) -> dict[str, Any]:
        return {"value": s.value, "support": s.support, "of": s.of, "sources": s.sources}

    return {
        "id": event.id,
        "sources": [{"record_id": s.record_id, "source": s.source, "language": s.language} for s in event.sources],
        "fields": {f.name: [supported(v) for v in f.values] for f in event.fields},
        "people": [vars(person) for person in event.people],
        "documents": [supported(d) for d in event.documents],
        "figures": [supported(f) for f in event.figures],
        "conflicts": event.conflicts,
    }


# --------------------------------------------------------------------------- measuring


def pairs(groups: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    return {frozenset(pair) for group in groups for pair in combinations(sorted(set(group)), 2)}


def pairwise_scores(predicted: Iterable[Iterable[str]], gold: Iterable[Iterable[str]]) -> dict[str, float]:
    """Pairwise precision, recall and F1: over pairs of sources put in one group."""
    got, want = pairs(predicted), pairs(gold)
    tp = len(got & want)
    precision = tp / len(got) if got else 1.0
    recall = tp / len(want) if want else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": len(got - want), "fn": len(want - got)}
