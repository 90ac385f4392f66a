"""The person index: each person once across the store, with name variants, titles held and when.

Spellings with the same romanized, folded key are one person (Нгуен Дык Чунг, 阮德忠, Nguyễn Đức Trung).
Spellings that differ more (a typo in one source) are joined only where the linker aligned them inside one
event; a fuzzy match across the whole store would merge namesakes such as Nguyen Van An and Nguyen Van Anh.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from extractor.core.scripts import script_of
from extractor.corpus.names import fold, name_key
from extractor.corpus.store import Store


@dataclass
class TitleSpan:
    title: str
    first_seen: str | None
    last_seen: str | None
    sources: int = 0


@dataclass
class PersonEntry:
    name: str
    variants: list[str]
    keys: set[str]
    first_seen: str | None
    last_seen: str | None
    records: list[int]
    titles: list[TitleSpan] = field(default_factory=list)
    roles: dict[str, int] = field(default_factory=dict)


class _Keys:
    """Union-find over name keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def root(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a: str, b: str) -> None:
        self.parent[self.root(a)] = self.root(b)


def _earliest(a: str | None, b: str | None) -> str | None:
    return min(x for x in (a, b) if x) if a or b else None


def _latest(a: str | None, b: str | None) -> str | None:
    return max(x for x in (a, b) if x) if a or b else None


def person_index(store: Store, aliases: Iterable[Iterable[str]] = ()) -> list[PersonEntry]:
    """Every person in the store; `aliases` are groups of names known to be one person (from the linker)."""
    keys = _Keys()
    for group in aliases:
        group_keys = [name_key(name) for name in group if name_key(name)]
        for other in group_keys[1:]:
            keys.join(group_keys[0], other)
    rows = store.conn.execute(
        "SELECT people.name, people.name_key, people.role, people.titles, records.id, records.event_date "
        "FROM people JOIN records ON records.id = people.record_id ORDER BY records.event_date, records.id"
    )
    entries: dict[str, PersonEntry] = {}
    for name, key, role, titles_json, record_id, when in rows:
        if not key:
            continue
        entry = entries.setdefault(keys.root(key), PersonEntry(name, [], set(), when, when, []))
        _add_sighting(entry, name, key, role, titles_json, record_id, when)
    for entry in entries.values():
        latin = [variant for variant in entry.variants if script_of(variant) == "latin"]
        entry.name = Counter(latin or entry.variants).most_common(1)[0][0]  # the contract's names are Latin
        entry.variants = list(dict.fromkeys(entry.variants))
    return sorted(entries.values(), key=lambda e: fold(e.name))


def _add_sighting(
    entry: PersonEntry, name: str, key: str, role: str, titles_json: str, record_id: int, when: str | None
) -> None:
    entry.variants.append(name)
    entry.keys.add(key)
    entry.first_seen, entry.last_seen = _earliest(entry.first_seen, when), _latest(entry.last_seen, when)
    if record_id not in entry.records:
        entry.records.append(record_id)
    entry.roles[role] = entry.roles.get(role, 0) + 1
    for title in json.loads(titles_json or "[]"):
        span = next((t for t in entry.titles if fold(t.title) == fold(title)), None)
        if span is None:
            span = TitleSpan(title, when, when)
            entry.titles.append(span)
        span.first_seen, span.last_seen = _earliest(span.first_seen, when), _latest(span.last_seen, when)
        span.sources += 1


def person_json(entry: PersonEntry) -> dict[str, object]:
    return {
        "name": entry.name, "variants": entry.variants, "first_seen": entry.first_seen,
        "last_seen": entry.last_seen, "records": entry.records, "roles": entry.roles,
        "titles": [vars(title) for title in entry.titles],
    }  # fmt: skip
