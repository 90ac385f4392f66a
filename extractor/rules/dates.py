"""The event's day and month (with its year and part of day when written beside them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import regex

from extractor.core.numbers import CJK_NUMBER, cjk_number
from extractor.core.scripts import script_of
from extractor.core.text import Span, fold_arabic_letters, fold_digits
from extractor.rules.common import word_position

# Russian "днём" is the middle term of утром / днём / вечером (in the daytime, i.e. the afternoon). Persian and
# Arabic "ظهر" alone is noon, which names no part of day; "بعد از ظهر" (after noon) is the afternoon. A word
# ending in "*" is a stem that takes endings (Turkish "sabahı", Swedish "eftermiddagen").
PART_OF_DAY_WORDS: dict[str, tuple[str, ...]] = {
    "morning": (
        "morning", "ráno", "dopoledne", "rano", "rankiem", "przed południem", "утром", "утра", "صبح",
        "am morgen", "morgens", "vormittag", "matin", "matinée", "mattina", "mattinata", "mañana", "manhã", "午前",
        "朝", "上午", "早上",
        "sáng", "صباح", "ochtend", "reggel", "délelőtt", "dimineața", "вранці", "зранку",
        "πρωί", "सुबह", "เช้า", "ເຊົ້າ", "오전", "sabah*", "förmiddag*", "morgon*", "pagi", "dopoludnia", "doobeda",
        # Serbian, Croatian, Bosnian (both scripts), Slovene, Bulgarian, Macedonian, Finnish, Danish and Norwegian,
        # Hebrew, Bengali, Khmer, Burmese, Tamil, Mongolian
        "ujutro", "ujutru", "prijepodne", "prepodne", "ујутро", "ујутру", "пре подне", "преподне", "zjutraj",
        "dopoldne", "сутринта", "утринта", "наутро", "aamulla", "aamupäivällä", "formiddag*", "om morgenen",
        "בבוקר", "সকালে", "সকাল", "ព្រឹក", "နံနက်", "காலை", "காலையில்", "өглөө*", "үдээс өмнө",
        "ng umaga", "noong umaga", "sa umaga", "ryte",  # Tagalog, Lithuanian
    ),
    "afternoon": (
        "afternoon", "odpoledne", "po południu", "popołudniu", "днём", "днем", "после обеда", "بعدازظهر",
        "بعد از ظهر", "بعد الظهر", "عصر", "nachmittag", "après-midi", "pomeriggio", "tarde", "午後", "下午", "chiều",
        "middag", "délután", "după-amiază", "вдень", "пополудні", "odpoludnia",
        "απόγευμα", "दोपहर", "บ่าย", "ບ່າຍ", "오후", "öğleden sonra", "eftermiddag*", "siang", "sore", "petang",
        "popoludní",
        "popodne", "poslijepodne", "posle podne", "поподне", "после подне", "popoldne", "следобед", "попладне",
        "iltapäivällä", "ettermiddag*", "אחר הצהריים", "אחר הצהרים", 'אחה"צ', "אחה״צ", "বিকেলে", "বিকালে",
        "অপরাহ্ণে", "অপরাহ্নে", "រសៀល", "မွန်းလွဲ", "பிற்பகல்", "பிற்பகலில்", "үдээс хойш",
        # Tagalog as phrases ("Hapon" alone is also Japan), Lithuanian, Urdu (not "شام", evening: it is dinner in
        # Persian and Syria in Arabic)
        "ng hapon", "noong hapon", "sa hapon", "popiet", "سہ پہر",
    ),
    "evening": (
        "evening", "večer", "wieczorem", "вечером", "شب", "abend", "soir", "soirée", "sera", "serata", "noche",
        "夕方", "夜", "晚上", "tối", "مساء", "avond", "ввечері",
        "βράδυ", "शाम", "ตอนเย็น", "ແລງ", "저녁", "akşam*", "kväll*", "malam", "noite",
        "uveče", "uvečer", "navečer", "увече", "zvečer", "вечерта", "illalla", "om aftenen", "kveld*", "בערב",
        "সন্ধ্যায়", "সন্ধ্যা\u09df", "ល្ងាច", "ညနေ", "மாலை", "மாலையில்", "оройн", "aften*",
        "ng gabi", "noong gabi", "sa gabi", "vakare",  # Tagalog, Lithuanian
    ),
}  # fmt: skip


@dataclass(frozen=True)
class DateMatch:
    span: Span
    day: int
    month: int
    year: int | None
    part_of_day: str | None


CJK_DATE = re.compile(rf"(?:({CJK_NUMBER})年)?({CJK_NUMBER})月({CJK_NUMBER})日")
# Korean writes dates with the counters 년 (year), 월 (month) and 일 (day): "2024년 1월 9일".
KOREAN_DATE = re.compile(r"(?<!\d)(?:(\d{4})년\s*)?(\d{1,2})월\s*(\d{1,2})일")
# Any script's decimal digits: Bengali, Khmer, Myanmar and Devanagari dates are written in their own digits.
DATE_DIGIT = r"\p{Nd}"
# A word is letters with their combining marks: Devanagari, Thai, Lao and Khmer vowel signs are marks, not letters.
_WORD = r"(?:\p{L}\p{M}*)+"
# The day may carry an ordinal ending written onto it ("1er", "9ης", "5th") or a full stop ("9."), and a word for
# "of" may join it to the month (Spanish and Portuguese "de", Tagalog "ng": "ika-27 ng Disyembre, 2024,").
DAY_MONTH = regex.compile(
    rf"(?<!\d)({DATE_DIGIT}{{1,2}})(?:\p{{L}}{{1,3}}|\.)?\s+(?:(?:de|ng|of)\s+)?({_WORD})"
    # a year after a comma only where punctuation follows it: "5 May, 2000 delegates" gives no year
    rf"(?:(?:,\s+(?={DATE_DIGIT}{{4}}\s*[,.;:)])|\s+(?:de\s+)?)({DATE_DIGIT}{{4}}))?(?!\d)"
)
MONTH_DAY = regex.compile(
    rf"(?<!\w)({_WORD})\.?\s+({DATE_DIGIT}{{1,2}})(?:st|nd|rd|th)?(?:,?\s+({DATE_DIGIT}{{4}}))?(?!\d)"
)
# Scripts written without spaces between words: a month name may run into the next word.
_UNSPACED_LANGUAGES = ("th", "lo", "km", "my")
# Khmer writes a month as "ខែ" (month) joined to its name: "ខែមីនា".
_MONTH_PREFIXES = {"km": "ខែ"}
# Vietnamese writes the day and month as numbers after "ngày" (day) or a part of day: "sáng 12/3", "ngày 9-7",
# "ngày 9 tháng 7 năm 2024".
VIETNAMESE_DATE = regex.compile(
    r"(?<!\w)(?:ngày|sáng|chiều|trưa|tối|đêm)\s+(\d{1,2})(?:[/-]|\s+tháng\s+)(\d{1,2})(?:(?:[/-]|\s+năm\s+)(\d{4}))?"
    r"(?![\d/])",
    regex.IGNORECASE,
)
# Dates in digits: day first (12.03.2024, 12/3/2024), as Vietnamese and most languages write them; ISO order.
DAY_MONTH_YEAR = regex.compile(r"(?<![\d./-])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?!\d|[./-]\d)")
ISO_DATE = regex.compile(r"(?<![\d./-])(\d{4})-(\d{2})-(\d{2})(?!\d|[./-]\d)")
# Mongolian numbers the month: "3-р сарын 12" (the 3rd month's 12th), also "3 дугаар сарын 12-ны".
MONGOLIAN_DATE = regex.compile(
    r"(?<!\d)(?:(\d{4})\s+оны\s+)?(\d{1,2})(?:-р|- р|\s*дугаар|\s*дүгээр)\s+сарын\s+(\d{1,2})(?!\d)"
)


_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")  # fmt: skip


@lru_cache(maxsize=128)
def month_names(language: str) -> dict[str, int]:
    """Month names of a language with their inflections (dateparser's locale data), abbreviations dropped."""
    from dateparser.languages.loader import default_loader

    try:
        info = default_loader.get_locale(language).info
    except (KeyError, ValueError):
        return {}
    names: dict[str, int] = {}
    for number, key in enumerate(_MONTH_KEYS, start=1):
        forms = [fold_arabic_letters(form) for form in info.get(key, [])]
        for form in forms:
            is_abbreviation = len(form) <= 4 and any(other != form and other.startswith(form) for other in forms)
            if not is_abbreviation and len(form) >= 2 and not any(ch.isdigit() for ch in form):
                names.update(dict.fromkeys(_with_genitive(form, language), number))
    return names


# Serbian, Bosnian, Montenegrin and Slovene write a date's month in the genitive ("27. септембра", "1. maja"),
# which dateparser's data for them lacks: the nominative plus -a, the fleeting vowel of -bar, -ber and -ec falling
# out (septembar, septembra; Slovene september, septembra; marec, marca), a final -i becoming -a (Bosnian juni,
# juna), and Slovene -ar taking -ja (januar, januarja).
_GENITIVE_IN_A = ("sr", "bs", "cnr", "sl")


def _with_genitive(form: str, language: str) -> tuple[str, ...]:
    base = language.split("-")[0]
    if base not in _GENITIVE_IN_A:
        return (form,)
    a = "а" if script_of(form) == "cyrillic" else "a"
    if base == "sl" and form.endswith("ar"):
        return form, form + "ja"
    if form.endswith(("бар", "bar", "ber", "ec")):
        return form, form[:-2] + form[-1] + a
    if form.endswith(("и", "i")):
        return form, form[:-1] + a
    return form, form + a


def month_number(word: str, language: str) -> int | None:
    names = month_names(language)
    folded = fold_arabic_letters(word).lower()
    prefix = _MONTH_PREFIXES.get(language)
    if prefix and folded.startswith(prefix) and len(folded) > len(prefix):
        folded = folded[len(prefix) :]
    if folded in names or language not in _UNSPACED_LANGUAGES:
        return names.get(folded)
    starts = [name for name in names if len(name) >= 3 and folded.startswith(name)]
    return names[max(starts, key=len)] if starts else None


def find_dates(text: str, language: str) -> list[DateMatch]:
    """Day-month mentions in reading order, with their year and part of day when written beside them."""
    korean = _numbered_dates(text, KOREAN_DATE, day_group=3, month_group=2, year_group=1)
    matches = [*_cjk_dates(text), *korean, *_alphabetic_dates(text, language)]
    if language == "vi":
        matches += _numbered_dates(text, VIETNAMESE_DATE, day_group=1, month_group=2, year_group=3)
    if language == "mn":
        matches += _numbered_dates(text, MONGOLIAN_DATE, day_group=3, month_group=2, year_group=1)
    if not matches:
        # All-digit dates only when the article writes none in words: a header's publication stamp is often
        # written this way, and the event's date, written out, comes first.
        matches = _numbered_dates(text, DAY_MONTH_YEAR, day_group=1, month_group=3, year_group=4)
        matches += _numbered_dates(text, ISO_DATE, day_group=3, month_group=2, year_group=1)
    return sorted(matches, key=lambda match: match.span.start)


def _cjk_dates(text: str) -> list[DateMatch]:
    found = []
    for m in CJK_DATE.finditer(text):
        year = cjk_number(m.group(1)) if m.group(1) else None
        month, day = cjk_number(m.group(2)), cjk_number(m.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31:
            span = Span(m.start(), m.end(), m.group())
            found.append(DateMatch(span, day, month, year, part_of_day_near(text, m.start(), m.end())))
    return found


def _numbered_dates(
    text: str, pattern: regex.Pattern[str], *, day_group: int, month_group: int, year_group: int
) -> list[DateMatch]:
    found = []
    for m in pattern.finditer(text):
        day, month = int(fold_digits(m.group(day_group))), int(fold_digits(m.group(month_group)))
        if 1 <= month <= 12 and 1 <= day <= 31:
            year = western_year(int(fold_digits(m.group(year_group)))) if m.group(year_group) else None
            span = Span(m.start(), m.end(), m.group())
            # The part of day may open the date itself ("sáng 12/3").
            part = part_of_day_near(m.group(), 0, 0) or part_of_day_near(text, m.start(), m.end())
            found.append(DateMatch(span, day, month, year, part))
    return found


def _alphabetic_dates(text: str, language: str) -> list[DateMatch]:
    found = []
    for pattern, day_group, month_group in ((DAY_MONTH, 1, 2), (MONTH_DAY, 2, 1)):
        for m in pattern.finditer(text):
            month = month_number(m.group(month_group), language)
            day = int(fold_digits(m.group(day_group)))
            if month is None or not 1 <= day <= 31:
                continue
            written = m.group(3) or year_written_before(text, m.start())
            year = western_year(int(fold_digits(written))) if written else None
            span = Span(m.start(), m.end(), m.group())
            found.append(DateMatch(span, day, month, year, part_of_day_near(text, m.start(), m.end())))
    return found


# Languages that write the year first mark it with a full stop or a lowercase abbreviation ending in one:
# Hungarian "2024. december 19.", Lithuanian "2024 m. gruodžio 19 d.". A year with no such mark before a date is
# more likely a count ("2000 delegates 5 May"); one that ends a range or a sentence ("the 2020-2025 term. On 5
# May") is not the date's: the year must be on the date's line, not after a dash, and only lowercase words may
# stand between.
_YEAR_FIRST = regex.compile(
    rf"(?<![\d\-–—/])({DATE_DIGIT}{{4}})(?:\.|[^\S\n]*\p{{Ll}}{{1,2}}\.)(?:[^\S\n]*\p{{Ll}}{{1,4}})?[^\S\n]+$"
)


def year_written_before(text: str, start: int) -> str | None:
    found = _YEAR_FIRST.search(text[max(0, start - 16) : start])
    return found.group(1) if found else None


def western_year(year: int) -> int | None:
    """A year of the Common Era: Thai (and Lao) dates may count from the Buddhist era, 543 years earlier; a
    year outside 1900-2100 is no event's."""
    if 2443 <= year <= 2643:
        year -= 543
    return year if 1900 <= year <= 2100 else None


def part_of_day_near(text: str, start: int, end: int, window: int = 40) -> str | None:
    """A part-of-day word in the same clause as the date, within `window` characters."""
    before = re.split(r"[.!?\n;،]", text[max(0, start - window) : start])[-1]
    after = re.split(r"[.!?\n;،,]", text[end : end + window])[0]
    context = f"{before} {after}".lower()
    for part, words in PART_OF_DAY_WORDS.items():
        for word in words:
            if _contains_word(context, word):
                return part
    return None


def _contains_word(context: str, word: str) -> bool:
    if word.endswith("*"):
        return word_position(context, word[:-1]) >= 0
    return word_position(context, word, whole=True) >= 0
