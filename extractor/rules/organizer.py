"""The level of the body that held the event (central, provincial, city, district, commune, a bloc of agencies)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.core.text import Span
from extractor.rules.common import word_position
from extractor.rules.dates import DateMatch

# "Agencies" (Vietnamese "các cơ quan", in whatever translation): a bloc only when they qualify a level word in
# the same phrase ("provincial agencies"), not when agencies are merely present.
AGENCY_WORDS = ("agentur", "agencj", "agencies", "ведомств", "ادارات", "behörden", "organismes")
_SAME_PHRASE = re.compile(r"^[^\W\d_]*(?:\s+[^\W\d_]+){0,3}\s*$")
# Words naming an organization's level, in the languages articles come in (stems where inflected).
LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "agency_bloc": ("bloc", "block", "blok", "блок", "khối", *AGENCY_WORDS),
    "central": ("politburo", "politbyr", "biuro polityczn", "политбюро", "دفتر سیاسی", "politbüro",
                "bureau politique", "政治局", "bộ chính trị", "sekretariát", "sekretariat", "секретариат",
                "دبیرخانه", "secrétariat", "書記局", "ban bí thư", "ústřední", "komitet centralny",
                "центральный комитет", "zentralkomitee", "comité central", "中央委員会", "trung ương"),
    "commune": ("commune", "gmin", "obec", "obce", "коммун", "сельсовет", "دهستان", "gemeinde", "社", "乡", "xã",
                "ward", "phường", "dzielnic"),
    "district": ("district", "okres", "powiat", "район", "ناحیه", "شهرستان", "kreis", "県", "县", "huyện",
                 "distrikt"),
    "city": ("city", "municipal", "městsk", "miejsk", "городск", "شهر", "stadt", "ville", "市",
             "thành phố", "thị xã"),
    "provincial": ("provin", "wojewódz", "провинц", "استان", "provinz", "省", "tỉnh"),
}  # fmt: skip
# The same levels in English, for the model's English name of the body ("... District Party Committee");
# the most specific word wins. questions.level_named_in reads it.
LEVEL_WORDS_IN_ENGLISH = (
    ("agency_bloc", r"\bbloc\b|\bblock\b|\bagencies\b"),
    ("central", r"politburo|secretariat|central committee|central (?:commission|department|office)"),
    ("commune", r"\bcommune\b|\bward\b|\btownship\b"),
    ("district", r"\bdistrict\b"),
    ("city", r"\bcity\b|\bmunicipal\b|\btown\b"),
    ("provincial", r"\bprovinc"),
)

_PARENTHESES = re.compile(r"\([^()]*\)|（[^（）]*）")
_CJK_COMMITTEE = re.compile(r"(社|乡|県|县|市|省)(?:党委員会|党委|委員会)")


@dataclass(frozen=True)
class LevelMatch:
    level: str  # a key of LEVEL_WORDS
    span: Span


def find_organizer_level(text: str, event: DateMatch | None) -> LevelMatch | None:
    """The level of the body that held the event, from the lead sentence ("On 5 May the X district Party
    committee held..."): the level word nearest after the date. A bloc of agencies wins when named, because
    its name carries the level of the agencies it groups ("the bloc of provincial agencies")."""
    anchor = event.span.end if event else 0
    sentence_end = min(_sentence_ends(text, anchor, len(text)), default=len(text))
    # A place in parentheses says where the body is ("X district (Y province)"), not the body's level.
    lead = _PARENTHESES.sub(lambda m: " " * len(m.group()), text[anchor:sentence_end])
    cjk = _CJK_COMMITTEE.search(lead)
    if cjk:
        level = next(name for name, words in LEVEL_WORDS.items() if cjk.group(1) in words)
        return LevelMatch(level, Span(anchor + cjk.start(1), anchor + cjk.end(1), cjk.group(1)))
    lowered = lead.lower()
    hits = []
    for level, words in LEVEL_WORDS.items():
        for word in words:
            position = word_position(lowered, word)
            if position >= 0 and (word not in AGENCY_WORDS or _qualifies_a_level(lowered, position, word)):
                hits.append((level != "agency_bloc", position, level, word))
    if not hits:
        return None
    _, position, level, word = min(hits)
    span = Span(anchor + position, anchor + position + len(word), lead[position : position + len(word)])
    return LevelMatch(level, span)


_STOPS = re.compile(r"[.!?。！？।॥؟۔\n]")


def _sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Where sentences end in text[start:end]: after a stop that no lowercase word follows (Hungarian
    "2024. évi" and an abbreviation before a lowercase word go on)."""
    ends = []
    for stop in _STOPS.finditer(text, start, end):
        following = text[stop.end() : stop.end() + 40].lstrip()
        if stop.group() in ".!?" and following[:1].islower():
            continue
        ends.append(stop.end())
    return ends


def event_sentence(text: str, event: DateMatch | None, limit: int = 400) -> str:
    """The sentence that reports the event, on one line: the one holding its date; with no date, the
    article's opening (its title and lead)."""
    if event is None:
        return " ".join(text.split())[:limit]
    begin = max(_sentence_ends(text, 0, event.span.start), default=0)
    end = min(_sentence_ends(text, event.span.end, len(text)), default=len(text))
    return " ".join(text[begin:end].split())[:limit]


def _qualifies_a_level(lowered: str, position: int, word: str) -> bool:
    """An agency word and a level word in one phrase: no punctuation and at most two words between them."""
    for level, words in LEVEL_WORDS.items():
        if level in ("agency_bloc", "central"):
            continue
        for other in words:
            at = word_position(lowered, other)
            if at < 0:
                continue
            between = lowered[at + len(other) : position] if at < position else lowered[position + len(word) : at]
            if _SAME_PHRASE.match(between):
                return True
    return False
