"""Quantities an article writes (counts and percentages), not years, dates, codes, ordinals or durations."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.core.numbers import cjk_number, numbers_in
from extractor.core.text import Span, fold_digits
from extractor.rules.common import YEAR_RANGE

# Words after a number that make it a duration or an age, not a count worth reporting.
_DURATION_WORDS = (
    "year", "years", "month", "months", "day", "days", "rok", "roky", "let", "lat", "lata", "roku", "miesi",
    "лет", "год", "года", "месяц", "дн", "سال", "ساله", "ماه", "روز", "jahr", "jahre", "monat", "tag", "an ",
    "ans", "mois", "jour", "年", "か月", "ヶ月", "日", "năm", "tháng", "ngày", "tuổi",
    "anni", "anno", "mesi", "mese", "giorni", "años", "año", "anos", "ano ", "meses", "mes ", "mês", "días", "dias",
    "ani ", "anul", "luni", "zile", "jaar", "maand", "dagen", "år", "månad", "måned", "dagar", "dage", "vuo",
    "kuukau", "päivä", "év", "hónap", "yıl", "gün", "χρόνια", "έτη", "ετών", "μήνες", "μηνών", "ημέρες", "років",
    "роки", "рік", "місяц", "днів", "години", "године", "месеца", "tahun", "bulan", "hari", "سنوات", "سنة", "عام",
    "أعوام", "أشهر", "شهر", "أيام", "שנים", "שנה", "חודשים", "ימים", "वर्ष", "साल", "महीन", "दिन", "ปี", "เดือน",
    "ປີ", "ເດືອນ", "년", "개월", "ឆ្នាំ", "ខែ", "နှစ်",
)  # fmt: skip
# Ordinal endings: Russian and Ukrainian, English, French, Greek (14ου, 14η), Swedish (13:e), Hindi (13वें, 15वीं),
# Mongolian (35 дугаар, 35-р: "number 35").
_ORDINAL_AFTER = re.compile(
    r"^(?:\.\s*[a-zà-ž\u0400-\u04ff]|-?(?:го|й|я|е|ой|ый|th|st|nd|rd|er|e|ème|º|°|ου|ος|ης|η|ο)\b|:[ea]\b"
    r"|वें|वीं|वां|वाँ|\s*(?:дугаар|дүгээр)|-р\b)"
)
# What makes the number a rank or a label: a number sign, and the ordinal words written before the number
# (Indonesian and Malay ke-, Thai ที่, Lao ທີ, Hindi नंबर "number"; Hindi संख्या too, but not in की संख्या, "the
# number of", a count).
# Short Latin signs only as words of their own: Italian "sono 300" is no number sign; Korean 제 not inside 문제.
_NUMBER_SIGN_BEFORE = re.compile(
    r"(?:(?<!\w)(?:č\.|nr\.?|no\.?|n\.|n\.º|núm\.?|nro\.?|br\.|бр\.|št\.|blg\.|bil\.|nombor|nomor|αριθ\.?)|n°|nº"
    r"|№|số|شماره|رقم|第|(?<![가-힣])제|nummer|numer|numéro|número|numero|номер|नंबर|(?<!की )संख्या|ke-|ที่|ທີ|מס['׳’]"
    r"|نمبر|নং|নম্বর|លេខ|အမှတ်|எண்[.:]?)\s*$",
    re.IGNORECASE,
)
# A number joined to a word by a hyphen is part of it (COVID-19, a numbered name).
_JOINED_TO_A_WORD = re.compile(r"[^\W\d_]-$")
_QUOTED = re.compile(r"[„“\"«»「『][^„“”\"«»」』]{0,80}[“”\"«»」』]")


# Languages that capitalize every noun: a capital letter there does not mark a name.
NOUNS_CAPITALIZED = ("de", "lb")


@dataclass(frozen=True)
class FigureMatch:
    span: Span
    value: float
    percent: bool  # a percentage, not a count


def find_figures(text: str, not_figures: list[Span], language: str = "") -> list[FigureMatch]:
    """Quantities written in the article, and whether each is a percentage; years, dates, codes, ordinals,
    durations, numbers inside quoted names and document numbers are left out."""
    excluded = not_figures + [Span(m.start(), m.end(), "") for m in _QUOTED.finditer(text)]
    excluded += [Span(m.start(), m.end(), "") for m in YEAR_RANGE.finditer(fold_digits(text))]
    found = []
    for mention in numbers_in(text):
        start, end, value = mention.span.start, mention.span.end, mention.value
        if any(span.start <= start < span.end for span in excluded) or _is_year(value) or value == 0:
            continue
        if language not in NOUNS_CAPITALIZED and _inside_a_name(text, start, end):
            continue
        after = text[end : end + 12].lower()
        before = text[max(0, start - 12) : start].lower()
        if _ORDINAL_AFTER.match(after) or _NUMBER_SIGN_BEFORE.search(before) or "/" in (after[:1], before[-1:]):
            continue
        if _JOINED_TO_A_WORD.search(before):
            continue
        if any(after.lstrip().startswith(word) for word in _DURATION_WORDS):
            continue
        percent = after.lstrip().startswith(("%", "٪", "процент", "درصد", "パーセント"))
        found.append(FigureMatch(mention.span, value, percent))
    return found + [figure for figure in _kanji_figures(text, excluded) if not _is_year(figure.value)]


_KANJI_FIGURE = re.compile(r"[〇一二三四五六七八九十百千万]+(?:・[〇一二三四五六七八九]+)?")
_NOT_A_COUNT_AFTER = ("年", "月", "日", "時", "号", "期", "次", "回目", "世紀", "カ月", "か月", "ヶ月", "条")


def _kanji_figures(text: str, excluded: list[Span]) -> list[FigureMatch]:
    """Quantities written in kanji numerals (Japanese, Chinese): '十八の党細胞', '八十二・五パーセント'."""
    found = []
    for m in _KANJI_FIGURE.finditer(text):
        if (len(m.group()) < 2 and m.group() not in "十百千万") or any(s.start <= m.start() < s.end for s in excluded):
            continue
        after = text[m.end() : m.end() + 5]
        if after.startswith(_NOT_A_COUNT_AFTER) or text[max(0, m.start() - 1) : m.start()] == "第":
            continue
        value = cjk_number(m.group())
        percent = after.startswith(("パーセント", "%", "％"))
        found.append(FigureMatch(Span(m.start(), m.end(), m.group()), value, percent))
    return found


def _inside_a_name(text: str, start: int, end: int) -> bool:
    """'Le Loi 2 Secondary School': a number between two capitalized words is part of a name."""
    before = re.search(r"(\w+)\s+$", text[max(0, start - 30) : start])
    after = re.match(r"\s+(\w+)", text[end : end + 30])
    return bool(before and after and before.group(1)[0].isupper() and after.group(1)[0].isupper())


def _is_year(value: float) -> bool:
    return value == int(value) and 1900 <= value <= 2100
