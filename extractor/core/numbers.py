"""Numbers as articles write them: any script's digits, any locale's separators, kanji numerals."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from extractor.core.text import Span, fold_digits

KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CJK_NUMBER = r"[0-9０-９〇零一二三四五六七八九十百千万]+"
"""A number in kanji or fullwidth digits, as dates and document citations write it."""


@dataclass(frozen=True)
class NumberMention:
    span: Span
    value: float


# Digits with optional thousands groups (space, no-break space, dot, comma, apostrophe) and a decimal part.
_GROUPED = r"\d{1,3}(?:[ \u00a0\u202f.,'’\u066c]\d{3})+(?:[.,\u066b]\d+)?(?!\d)"
_PLAIN = r"\d+(?:[.,\u066b]\d+)?(?!\d)"
# South Asian grouping: the last three digits, then pairs (lakh, crore): "1,05,320", "12,34,56,789".
_LAKH = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?!\d)"
# Not inside a word of a script that spaces its words (COVID-19, H5N1, số12); scripts that run words together
# (Chinese, Japanese, Thai, Korean particles) put a number right against letters.
_SPACED_LETTER = r"A-Za-z\u00c0-\u052f\u1e00-\u1eff"
_ANY = rf"(?:{_LAKH}|{_GROUPED}|{_PLAIN})"
_NUMBER = re.compile(rf"(?<![\d.,\w]){_ANY}|(?<=[^\W\d{_SPACED_LETTER}]){_ANY}")
# Korean, Japanese and Chinese count in myriads (만, 万, 萬: ten thousand), with thousands (천, 千) below them:
# "3만 2,100" is 32,100, "3万2000" 32,000, "2만 3천" 23,000, "4.5万" 45,000, "1,500만" 15,000,000. 万亿 is a
# trillion, a larger unit, and is left alone.
_MYRIADS = re.compile(
    rf"(?<![\d.,])({_GROUPED}|{_PLAIN})(?:만|[万萬](?![亿億]))"
    rf"(?:[ \u00a0]?(\d{{1,3}},\d{{3}}|\d{{1,4}})([천千])?(?![\d,]))?"
)


def numbers_in(text: str) -> list[NumberMention]:
    """Every number written in the article with its value, whatever the digits and the locale's separators."""
    folded = fold_digits(text)  # same length: each digit is one character either way
    myriads = [NumberMention(Span(m.start(), m.end(), text[m.start() : m.end()]), _myriads(m))
               for m in _MYRIADS.finditer(folded)]  # fmt: skip
    plain = [NumberMention(Span(m.start(), m.end(), text[m.start() : m.end()]), parse_number(m.group()))
             for m in _NUMBER.finditer(folded)
             if not any(k.span.start <= m.start() < k.span.end for k in myriads)]  # fmt: skip
    return sorted(myriads + plain, key=lambda mention: mention.span.start)


def _myriads(match: re.Match[str]) -> float:
    below = parse_number(match.group(2)) * (1000 if match.group(3) else 1) if match.group(2) else 0.0
    return parse_number(match.group(1)) * 10_000 + below


def parse_number(raw: str) -> float:
    """'52 817' -> 52817, '52.817' -> 52817, '63,5' -> 63.5, '1,240' -> 1240, '۲۷' -> 27."""
    raw = fold_digits(raw).replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")
    raw = raw.replace("\u066c", "'").replace("\u066b", ".")  # Arabic thousands and decimal separators
    groups = re.split(r"[ .,']", raw)
    separators = re.findall(r"[ .,']", raw)
    if not separators:
        return float(raw)
    last = separators[-1]
    if last in ",." and len(groups[-1]) != 3:  # a decimal part
        return float("".join(groups[:-1]) + "." + groups[-1])
    if len(separators) == 1 and last in ",." and len(groups[0]) <= 3 and raw.count(last) == 1 and groups[0] == "0":
        return float(f"0.{groups[-1]}")
    return float("".join(groups))


def cjk_number(text: str) -> float:
    """Kanji or fullwidth numerals: '二〇一九' 2019, '六百三十八' 638, '千四百七' 1407, '七十二・三' 72.3."""
    text = unicodedata.normalize("NFKC", text).replace("・", ".").replace("．", ".")
    if text.replace(".", "", 1).isdigit():
        return float(text) if "." in text else int(text)
    whole, _, fraction = text.partition(".")
    value = _kanji_integer(whole)
    if fraction:
        return float(f"{value}.{''.join(str(KANJI_DIGITS[ch]) for ch in fraction)}")
    return value


_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000}


def _kanji_integer(text: str) -> int:
    if not any(ch in _KANJI_UNITS for ch in text):
        return int("".join(str(KANJI_DIGITS.get(ch, ch)) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _KANJI_UNITS:
            unit = _KANJI_UNITS[ch]
            if unit == 10_000:
                total += (section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (digit if digit is not None else 1) * unit
                digit = None
        else:
            digit = KANJI_DIGITS[ch]
    return total + section + (digit or 0)
