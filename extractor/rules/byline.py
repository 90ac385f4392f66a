"""The reporter's name at the end of the article."""

from __future__ import annotations

import re

from extractor.core.scripts import has_kana_or_han
from extractor.core.text import Span
from extractor.rules.urls import URL

# "Source" as the credit line after the byline, in the languages articles come in.
_SOURCE_WORDS = (
    "source", "zdroj", "źródło", "zrodlo", "источник", "منبع", "quelle", "fonte", "fuente", "出典", "出所", "来源",
    "nguồn", "kaynak", "المصدر", "forrás", "πηγή", "स्रोत", "출처", "ที่มา", "แหล่งที่มา", "ທີ່ມາ", "ແຫຼ່ງທີ່ມາ",
    "ແຫລ່ງທີ່ມາ", "källa", "kilde", "lähde", "sumber", "джерело", "sursa", "sursă", "bron", "מקור", "ماخذ",
    "източник", "извор", "izvor", "vir", "šaltinis", "avots", "allikas", "pinagmulan", "pinagkunan", "эх сурвалж",
    "সূত্র", "ប្រភព", "ရင်းမြစ်", "மூலம்", "chanzo",
)  # fmt: skip
_COMMENT_LINE = re.compile(r"^\S+\s*\(\d+\)$")


def find_byline(text: str) -> Span | None:
    """The reporter's name: a short line of 2-4 capitalized words near the end, before 'Source'."""
    lines = [line for line in _lines_with_offsets(text) if line.text]
    for line in reversed(lines[-6:]):
        if _is_source_line(line.text) or _COMMENT_LINE.match(line.text):
            continue
        name = _credited_name(line)
        return name if _looks_like_name(name.text) else None
    return None


_CREDIT = re.compile(r"^[(（\[]?\s*[^:：]{1,25}[:：]\s*(?P<name>[^)）\]]+?)\s*[)）\]]?$")


def _credited_name(line: Span) -> Span:
    """'Text and photos: Tran Binh' or '（文・写真：…）' -> the name part; any other line unchanged."""
    match = _CREDIT.match(line.text)
    if not match:
        return line
    start = line.start + match.start("name")
    return Span(start, start + len(match.group("name")), match.group("name"))


def _lines_with_offsets(text: str) -> list[Span]:
    spans, offset = [], 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        leading = len(content) - len(content.lstrip())
        spans.append(Span(offset + leading, offset + len(content.rstrip()), content.strip()))
        offset += len(raw)
    return spans


def _is_source_line(line: str) -> bool:
    lowered = line.lower()
    return any(_opens_with(lowered, word) for word in _SOURCE_WORDS) or URL.search(line) is not None


def _opens_with(line: str, word: str) -> bool:
    """The line opens with the word; a short Latin one (Slovene "vir") must end there, not open a name
    ("Virginia"). Scripts written without spaces (来源新华社) run the next word on."""
    short_latin = len(word) <= 3 and word.isascii()
    return line.startswith(word) and not (short_latin and line[len(word) : len(word) + 1].isalpha())


def _looks_like_name(line: str) -> bool:
    if any(ch.isdigit() for ch in line) or len(line) > 40 or line.endswith((".", ":", "!", "?")):
        return False
    if has_kana_or_han(line):
        return len(line) <= 12
    words = line.split()
    return 2 <= len(words) <= 4 and all(_capitalized(word) for word in words)


def _capitalized(word: str) -> bool:
    first = word[0]
    return first.isupper() or (first.isalpha() and not first.islower())  # scripts without case (Arabic) pass
