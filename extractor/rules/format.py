"""How the event was held: online, in person or both."""

from __future__ import annotations

from dataclasses import dataclass

from extractor.core.text import Span
from extractor.rules.common import word_position

# Words that say how the event was held, in the languages articles come in (stems where inflected).
ONLINE_WORDS = (
    "online", "on-line", "trực tuyến", "truc tuyen", "онлайн", "видеоконференц", "آنلاین", "برخط", "en ligne",
    "visioconférence", "in linea", "en línea", "videokonferenz", "オンライン", "線上", "线上", "视频会议",
    "điểm cầu", "punkt mostow", "punktów mostow", "mostem", "видеосвяз", "videokonferenc", "webinar",
    "connection point", "points de connexion", "zugeschaltet", "zuschaltpunkt", "接続拠点", "中継",
)  # fmt: skip
IN_PERSON_WORDS = (
    "in person", "in-person", "stacjonarn", "trực tiếp", "truc tiep", "очно", "очной", "حضوری", "en présentiel",
    "présentiel", "in presenza", "presencial", "vor ort", "präsenz", "prezenčn", "対面", "现场", "線下", "线下",
    "central bridge", "moście centralnym", "hội trường",
)  # fmt: skip


@dataclass(frozen=True)
class FormatMatch:
    kind: str  # online, in_person or hybrid
    span: Span


def find_format(text: str) -> FormatMatch | None:
    """online, in_person or hybrid from what the article says, with the first word that says it."""
    lowered = text.lower()
    online = _first_of(lowered, ONLINE_WORDS)
    in_person = _first_of(lowered, IN_PERSON_WORDS)
    if online and in_person:
        first = min(online, in_person)
        return FormatMatch("hybrid", Span(first, first + 1, text[first : first + 1]))
    hit = online if online is not None else in_person
    if hit is None:
        return None
    return FormatMatch("online" if online is not None else "in_person", Span(hit, hit + 1, text[hit : hit + 1]))


def _first_of(lowered: str, words: tuple[str, ...]) -> int | None:
    positions = [position for word in words if (position := word_position(lowered, word)) >= 0]
    return min(positions) if positions else None
