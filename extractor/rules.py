"""Deterministic extractors: what a regular expression or a table does better than a 1.5B model.

Language, URLs, Vietnamese document codes, the event's day and month (with part of day), and the byline.
Nothing here knows any article: only languages, scripts and Vietnamese document conventions.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from extractor.core.numbers import CJK_NUMBER, cjk_number, numbers_in
from extractor.core.scripts import has_kana_or_han, in_cjk_block
from extractor.core.text import Span, fold_arabic_letters, fold_digits, strip_marks_in_place
from extractor.romanize import romanize_arabic_name, romanize_name

if TYPE_CHECKING:
    from extractor.grounding import FoldedArticle as FoldedArticleLike

# --------------------------------------------------------------------------- language


def detect_language(text: str) -> str:
    """ISO 639-1 code of the article's language (py3langid: 97 languages, model shipped in the wheel)."""
    import py3langid

    code, _ = py3langid.classify(text[:5000])
    return code


# --------------------------------------------------------------------------- URLs

URL = re.compile(r"https?://[^\s<>\"'»)\]]+")


def find_urls(text: str) -> list[Span]:
    spans = []
    for m in URL.finditer(text):
        url = m.group().rstrip(".,;:")
        spans.append(Span(m.start(), m.start() + len(url), url))
    return spans


# --------------------------------------------------------------------------- document codes

# Vietnamese Party/State document codes: number - type abbreviation / issuer abbreviation.
_TYPE_CODES = {
    "NQ": "resolution", "CT": "directive", "KH": "plan", "KL": "conclusion", "QĐ": "regulation",
    "QD": "regulation", "HD": "instruction", "HĐ": "instruction", "QC": "regulation", "TB": "other",
    "BC": "other", "CV": "other", "ĐL": "charter", "DL": "charter",
}  # fmt: skip
_DIGIT = r"[0-9\u0660-\u0669\u06F0-\u06F9]"
PARTY_CODE = re.compile(
    rf"(?<![0-9A-Za-z/]){_DIGIT}{{1,4}}\s*[-–]\s*(?:{'|'.join(_TYPE_CODES)})\s*/\s*[A-ZĐ]{{2,6}}"
    rf"(?:\s*[-/]\s*[A-ZĐ]{{2,6}})?(?![0-9A-Za-z])"
)
STATE_CODE = re.compile(
    rf"(?<![0-9A-Za-z/]){_DIGIT}{{1,4}}/{_DIGIT}{{4}}/(?:NĐ|ND|QĐ|QD|TT|NQ|QH|UBTVQH|TTg|L)[-–][A-Za-zĐ]{{2,8}}"
    rf"(?![0-9A-Za-z])"
)


@dataclass(frozen=True)
class CodeMatch:
    span: Span
    number: str  # canonical: ASCII digits, no spaces, plain hyphen
    kind: str


def canonical_code(raw: str) -> str:
    code = fold_digits(raw)
    code = re.sub(r"\s+", "", code).replace("–", "-").upper()
    return code.replace("Đ", "D")


def document_kind(code: str) -> str:
    if re.search(r"/\d{4}/N[DĐ]-", code):
        return "decree"
    match = re.match(r"\d+-([A-ZĐ]+)/", code)
    return _TYPE_CODES.get(match.group(1), "other") if match else "other"


def find_document_codes(text: str) -> list[CodeMatch]:
    found = []
    for pattern in (PARTY_CODE, STATE_CODE):
        for m in pattern.finditer(text):
            number = canonical_code(m.group())
            found.append(CodeMatch(Span(m.start(), m.end(), m.group()), number, document_kind(number)))
    return sorted(found, key=lambda match: match.span.start)


# Rebuilding a code the article spells out ("Directive No. 12 of the Secretariat" -> 12-CT/TW).
_KIND_TO_TYPE = {"resolution": "NQ", "directive": "CT", "plan": "KH", "conclusion": "KL", "instruction": "HD",
                 "regulation": "QĐ"}  # fmt: skip
_CENTRAL_ISSUERS = ("politburo", "political bureau", "secretariat", "central committee", "central executive")
_PROVINCIAL_ISSUERS = (
    "provincial party",
    "city party",
    "municipal party",
    "provincial executive",
    "standing committee",
)
_DISTRICT_ISSUERS = ("district party",)


def rebuild_code(number: str | None, kind: str, issuer: str | None) -> str | None:
    """The canonical code for a document cited by a bare number, when kind and issuer make it certain."""
    if not number:
        return None
    cleaned = canonical_code(number)
    if "/" in cleaned or re.search(r"\d-[A-Z]", cleaned):
        return cleaned  # already a full code
    digits = re.fullmatch(r"\D*?(\d{1,4})\D*", cleaned)  # "No. 12", "12"
    if digits is None:
        return None
    cleaned = digits.group(1)
    type_code = _KIND_TO_TYPE.get(kind)
    suffix = _issuer_suffix(issuer or "")
    if type_code is None or suffix is None:
        return None
    return f"{cleaned}-{type_code}/{suffix}".replace("Đ", "D")


def _issuer_suffix(issuer: str) -> str | None:
    lowered = issuer.lower()
    if any(word in lowered for word in _DISTRICT_ISSUERS):
        return "HU"
    if any(word in lowered for word in _PROVINCIAL_ISSUERS):
        return "TU"
    if any(word in lowered for word in _CENTRAL_ISSUERS):
        return "TW"
    return None


# --------------------------------------------------------------------------- dates

# Russian "днём" is the middle term of утром / днём / вечером (in the daytime, i.e. the afternoon). Persian and
# Arabic "ظهر" alone is noon, which names no part of day; "بعد از ظهر" (after noon) is the afternoon.
PART_OF_DAY_WORDS: dict[str, tuple[str, ...]] = {
    "morning": (
        "morning", "ráno", "dopoledne", "rano", "rankiem", "przed południem", "утром", "утра", "صبح",
        "am morgen", "morgens", "vormittag", "matin", "matinée", "mattina", "mañana", "manhã", "午前", "朝", "上午",
        "早上",
        "sáng", "صباح", "ochtend", "reggel", "dimineața", "вранці", "зранку",
    ),
    "afternoon": (
        "afternoon", "odpoledne", "po południu", "popołudniu", "днём", "днем", "после обеда", "بعدازظهر",
        "بعد از ظهر", "بعد الظهر", "عصر", "nachmittag", "après-midi", "pomeriggio", "tarde", "午後", "下午", "chiều",
        "middag", "délután", "după-amiază", "вдень", "пополудні", "odpoludnia",
    ),
    "evening": (
        "evening", "večer", "wieczorem", "вечером", "شب", "abend", "soir", "soirée", "sera", "noche",
        "夕方", "夜", "晚上", "tối", "مساء", "avond", "ввечері",
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
DAY_MONTH = re.compile(
    rf"(?<!\d)({_DIGIT}{{1,2}})(?:er|\.)?\s+(?:de\s+)?([^\W\d_]{{3,}})(?:\s+(?:de\s+)?({_DIGIT}{{4}}))?"
)
MONTH_DAY = re.compile(rf"\b([^\W\d_]{{3,}})\.?\s+({_DIGIT}{{1,2}})(?:st|nd|rd|th)?(?:,?\s+({_DIGIT}{{4}}))?(?!\d)")





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
                names[form] = number
    return names


def month_number(word: str, language: str) -> int | None:
    return month_names(language).get(fold_arabic_letters(word))


def find_dates(text: str, language: str) -> list[DateMatch]:
    """Day-month mentions in reading order, with their year and part of day when written beside them."""
    matches = [*_cjk_dates(text), *_alphabetic_dates(text, language)]
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


def _alphabetic_dates(text: str, language: str) -> list[DateMatch]:
    found = []
    for pattern, day_group, month_group in ((DAY_MONTH, 1, 2), (MONTH_DAY, 2, 1)):
        for m in pattern.finditer(text):
            month = month_number(m.group(month_group), language)
            day = int(fold_digits(m.group(day_group)))
            if month is None or not 1 <= day <= 31:
                continue
            year = int(fold_digits(m.group(3))) if m.group(3) else None
            span = Span(m.start(), m.end(), m.group())
            found.append(DateMatch(span, day, month, year, part_of_day_near(text, m.start(), m.end())))
    return found


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


def word_position(text: str, word: str, *, whole: bool = False) -> int:
    """Where `word` starts in `text` at a word start (-1 if nowhere); `whole` also wants it to end a word.

    Japanese and Chinese write no spaces between words: there any occurrence counts.
    """
    if any(in_cjk_block(ch) for ch in word):
        return text.find(word)
    found = re.search(rf"(?<!\w){re.escape(word)}" + (r"(?!\w)" if whole else ""), text)
    return found.start() if found else -1


def _contains_word(context: str, word: str) -> bool:
    return word_position(context, word, whole=True) >= 0


# --------------------------------------------------------------------------- byline

_SOURCE_WORDS = ("source", "zdroj", "źródło", "zrodlo", "источник", "منبع", "quelle", "fonte", "fuente", "出典",
                 "出所", "来源", "nguồn", "kaynak", "المصدر", "forrás")  # fmt: skip
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
    return any(lowered.startswith(word) for word in _SOURCE_WORDS) or URL.search(line) is not None


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


# --------------------------------------------------------------------------- the event's year

_YEAR = re.compile(r"(?<![\d/])(?:19|20)\d{2}(?![\d/])")
# Two years joined by a dash or a short word ("2016 to 2020", "۲۰۱۶ تا ۲۰۲۰", "2011 bis 2015").
_RANGE = re.compile(r"(?<![\d/])((?:19|20)\d{2})\s*(?:[-–—~〜]|[^\W\d_]{1,4})\s*((?:19|20)\d{2})(?!\d)")


def infer_event_year(text: str, language: str, event: DateMatch) -> int | None:
    """The event's year when the date is written without one, from the years the article mentions.

    - a month named with a year ("in March 2025") on or after the event's month: that year;
    - a year-end review of year N (the single year the lead says is reviewed, or else the two latest years
      the article names are N and N+1, the reviewed year and the year the tasks are for): held in November or
      December it is of year N, held in January to March it is of year N+1;
    - otherwise the latest year the article writes alone (not in ranges, full dates or document codes), except
      from January to March: there the latest year may be the one just ended or the current one, and the rules
      leave the call to the model (None).
    A 29 February outside a leap year gives None.
    """
    folded = fold_digits(text)
    dated = _month_year_mentions(folded, language)
    later = [year for month, year in dated if month >= event.month]
    singles = _single_years(folded, language)
    year = min(later) if later else _year_end_review_year(text, singles, event.month)
    if year is None and event.month > 3:
        year = max(singles, default=None)
    if year is not None and (event.month, event.day) == (2, 29) and not calendar.isleap(year):
        return None
    return year


def _year_end_review_year(text: str, singles: set[int], month: int) -> int | None:
    if month not in (11, 12, 1, 2, 3):
        return None
    period = find_review_period(text)
    if period is not None and period[0] == period[1]:
        reviewed = period[0]
    elif len(singles) >= 2 and sorted(singles)[-2] == max(singles) - 1:
        reviewed = max(singles) - 1
    else:
        return None
    return reviewed if month >= 11 else reviewed + 1


def _month_year_mentions(text: str, language: str) -> list[tuple[int, int]]:
    found = []
    for m in re.finditer(r"([^\W\d_]{3,})\.?\s+((?:19|20)\d{2})(?!\d)", text):
        month = month_number(m.group(1), language)
        preceded_by_day = re.search(r"\d\.?\s*$", text[max(0, m.start() - 4) : m.start()])
        if month is not None and not preceded_by_day:
            found.append((month, int(m.group(2))))
    return found


def _single_years(text: str, language: str) -> set[int]:
    blocked = [m.span() for m in _RANGE.finditer(text)]
    blocked += [(m.span.start, m.span.end) for m in find_dates(text, language) if m.year]
    blocked += [(m.span.start, m.span.end) for m in find_document_codes(text)]
    return {int(m.group()) for m in _YEAR.finditer(text) if not any(start <= m.start() < end for start, end in blocked)}


# --------------------------------------------------------------------------- format

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


def find_format(text: str) -> tuple[str | None, Span | None]:
    """online, in_person or hybrid from what the article says, with the first word that says it."""
    lowered = text.lower()
    online = _first_of(lowered, ONLINE_WORDS)
    in_person = _first_of(lowered, IN_PERSON_WORDS)
    if online and in_person:
        first = min(online, in_person)
        return "hybrid", Span(first, first + 1, text[first : first + 1])
    hit = online if online is not None else in_person
    if hit is None:
        return None, None
    return ("online" if online is not None else "in_person"), Span(hit, hit + 1, text[hit : hit + 1])


def _first_of(lowered: str, words: tuple[str, ...]) -> int | None:
    positions = [position for word in words if (position := word_position(lowered, word)) >= 0]
    return min(positions) if positions else None


# --------------------------------------------------------------------------- people

VIETNAMESE_SURNAMES = (
    "Nguyen", "Tran", "Le", "Pham", "Hoang", "Huynh", "Phan", "Vu", "Vo", "Dang", "Bui", "Do", "Ho", "Ngo",
    "Duong", "Ly", "Truong", "Dinh", "Mai", "Cao", "Lam", "Trinh", "Dao", "Doan", "Luong", "Lai", "Luu", "Ta",
    "Thai", "Chu", "Ha", "Kieu", "Quach", "Tong", "Trieu", "Vuong", "Au", "Khuat", "Nghiem", "Giang", "Lo", "La",
)  # fmt: skip
_SYLLABLE = r"[A-ZĐ][a-zà-ỹđ]{0,6}"
_LATIN_NAME = re.compile(rf"(?<![\w-])((?:{'|'.join(VIETNAMESE_SURNAMES)})(?:[ \u00a0]+{_SYLLABLE}){{2,3}})(?![\w-])")


def find_person_names(text: str) -> list[Span]:
    """Vietnamese personal names written in Latin letters or Russian Cyrillic: a surname and 2-3 syllables."""
    found: dict[str, Span] = {}
    for m in _LATIN_NAME.finditer(strip_marks_in_place(text)):
        found.setdefault(m.group(1), Span(m.start(1), m.end(1), text[m.start(1) : m.end(1)]))
    for run in re.finditer(r"(?<!\w)[А-ЯЁ][а-яё]+(?:[ \u00a0]+[А-ЯЁ][а-яё]+)+(?!\w)", text):
        words = list(re.finditer(r"[А-ЯЁа-яё]+", run.group()))
        latin = [romanize_name(word.group()) or "" for word in words]
        for start in range(len(words)):
            for size in (4, 3):
                name = " ".join(latin[start : start + size])
                if len(latin[start : start + size]) == size and _LATIN_NAME.fullmatch(name):
                    begin, end = run.start() + words[start].start(), run.start() + words[start + size - 1].end()
                    found.setdefault(name, Span(begin, end, text[begin:end]))
    for m in re.finditer(r"[\u30a1-\u30fa\u30fc]+(?:・[\u30a1-\u30fa\u30fc]+){1,3}", text):
        latin = romanize_name(m.group())
        if latin and latin.split()[0] in VIETNAMESE_SURNAMES:
            found.setdefault(latin, Span(m.start(), m.end(), m.group()))
    return list(found.values())


_ARABIC_COMRADE = re.compile(
    r"(?:رفیق|رفقای|الرفيق|رفيق)\s+((?:[\u0600-\u06ff\u200c]+\s+){1,3}[\u0600-\u06ff\u200c]+?)\s*[،,:(]"
)


def find_arabic_script_names(text: str) -> list[tuple[Span, str]]:
    """Names after the word for 'comrade' in Persian or Arabic, with their Vietnamese reading."""
    found: dict[str, tuple[Span, str]] = {}
    for m in _ARABIC_COMRADE.finditer(text):
        span = Span(m.start(1), m.end(1), m.group(1))
        found.setdefault(m.group(1), (span, romanize_arabic_name(m.group(1))))
    return list(found.values())


CHAIR_WORDS = (
    "chaired", "presided", "chủ trì", "przewodniczy", "председательств", "провёл конференц", "провел конференц",
    "конференцию провёл", "конференцию провел", "ریاست", "předsedal", "présid", "vorsitz",
    "主宰", "主持", "presieduto", "presidid",
)  # fmt: skip
# Verbs that mean "led, directed" in general and "chaired" only with a meeting as object: Czech "řídil jednání /
# konferenci" (guide §4), Russian "руководил заседанием". Directing alone is not chairing.
CHAIR_WORDS_WITH_A_MEETING = {
    "řídil": ("konferenc", "jednání", "schůz", "zasedání", "porad"),
    "руководил": ("конференц", "заседани", "совещани"),
}


_SENTENCE_ENDS = ".!?。\n"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) of the sentence holding text[start:end]: from the previous sentence end to the next."""
    begin = max(text.rfind(mark, 0, start) for mark in _SENTENCE_ENDS) + 1
    ends = [position for mark in _SENTENCE_ENDS if (position := text.find(mark, end)) >= 0]
    return begin, min(ends, default=len(text))


def chairs_in_sentence(text: str, span: Span) -> bool:
    """The sentence naming this person says someone chaired or presided."""
    begin, end = sentence_bounds(text, span.start, span.end)
    sentence = text[begin:end].lower()
    if any(word in sentence for word in CHAIR_WORDS):
        return True
    return any(verb in sentence and any(noun in sentence for noun in nouns)
               for verb, nouns in CHAIR_WORDS_WITH_A_MEETING.items())  # fmt: skip


# --------------------------------------------------------------------------- province

PROVINCES = (
    "An Giang", "Ba Ria - Vung Tau", "Bac Giang", "Bac Kan", "Bac Lieu", "Bac Ninh", "Ben Tre", "Binh Dinh",
    "Binh Duong", "Binh Phuoc", "Binh Thuan", "Ca Mau", "Can Tho", "Cao Bang", "Da Nang", "Dak Lak", "Dak Nong",
    "Dien Bien", "Dong Nai", "Dong Thap", "Gia Lai", "Ha Giang", "Ha Nam", "Ha Noi", "Ha Tinh", "Hai Duong",
    "Hai Phong", "Hau Giang", "Hoa Binh", "Hung Yen", "Khanh Hoa", "Kien Giang", "Kon Tum", "Lai Chau",
    "Lam Dong", "Lang Son", "Lao Cai", "Long An", "Nam Dinh", "Nghe An", "Ninh Binh", "Ninh Thuan", "Phu Tho",
    "Phu Yen", "Quang Binh", "Quang Nam", "Quang Ngai", "Quang Ninh", "Quang Tri", "Soc Trang", "Son La",
    "Tay Ninh", "Thai Binh", "Thai Nguyen", "Thanh Hoa", "Thua Thien Hue", "Tien Giang", "Ho Chi Minh City",
    "Tra Vinh", "Tuyen Quang", "Vinh Long", "Vinh Phuc", "Yen Bai", "Hanoi",
)  # fmt: skip


def find_province(article: FoldedArticleLike) -> tuple[str, Span] | None:
    """The Vietnamese province the article names first (spelled in any script)."""
    from anyascii import anyascii
    from rapidfuzz import fuzz

    candidates = []
    for province in PROVINCES:
        evidence = article.locate_text(province)
        if evidence.grounded and evidence.start is not None and evidence.end is not None:
            # Earliest mention first; at the same place, the name whose letters are closest to what is written.
            closeness = fuzz.ratio(province.lower(), anyascii(evidence.text or "").lower())
            candidates.append((evidence.start, -evidence.score, -closeness, province, evidence.end, evidence.text))
    if not candidates:
        return None
    start, _, _, province, end, text = min(candidates)
    return province, Span(start, end, text or "")


# --------------------------------------------------------------------------- documents cited by kind and number

# "<kind> No. <n> of the <issuer>" in the languages articles come in; stems where words inflect.
_KIND_WORDS = {
    "resolution": ("resolution", "usnesen", "uchwał", "rezolucj", "резолюци", "постановлени", "قطعنامه", "beschluss",
                   "résolution", "決議", "nghị quyết", "risoluzion", "resolución"),
    "directive": ("directive", "směrnic", "dyrektyw", "директив", "دستورالعمل", "richtlinie", "指示", "chỉ thị",
                  "direttiv", "directiva"),
    "plan": ("plan", "plán", "план", "طرح", "計画", "kế hoạch", "piano"),
    "conclusion": ("conclusion", "závěr", "wniosk", "wniosek", "заключени", "вывод", "نتیجه", "schlussfolgerung",
                   "結論", "kết luận"),
    "instruction": ("instruction", "pokyn", "instrukcj", "инструкци", "hướng dẫn", "anleitung"),
}  # fmt: skip
_ISSUER_SUFFIX = {
    "TW": ("politburo", "politbyr", "biuro polityczn", "biura polityczn", "политбюро", "دفتر سیاسی", "politbüro",
           "bureau politique", "政治局", "bộ chính trị", "ústředn", "centraln", "центральн", "цк ", "مرکزی",
           "zentralkomitee", "comité central", "中央", "trung ương", "sekretariát", "sekretariat", "секретариат",
           "دبیرخانه", "secrétariat", "書記局", "ban bí thư"),
    "HU": ("okresn", "powiat", "районн", "района", "ناحیه", "شهرستان", "kreis", "district", "県", "huyện"),
    "TU": ("provin", "wojewódz", "городск", "miejsk", "městsk", "провинци", "استان", "شهر", "ville", "stadt",
           "省", "市", "tỉnh", "thành phố"),
}  # fmt: skip
_NUMBER_MARK = r"(?:č\.|c\.|nr\.?|no\.?|n°|nº|№|số|شماره|nummer|numer|номер|第)?"


def find_cited_documents(text: str) -> list[CodeMatch]:
    """Documents cited by kind, number and issuer ("Directive No. 12 of the Secretariat"), codes rebuilt."""
    folded = fold_digits(text)
    lowered = folded.lower()
    found = []
    for kind, words in _KIND_WORDS.items():
        for word in words:
            pattern = rf"{re.escape(word)}\w*\s*{_NUMBER_MARK}\s*(\d{{1,4}})(?![\d/-])"
            for m in re.finditer(pattern, lowered):
                suffix = _suffix_near(lowered[m.end() : m.end() + 80])
                if suffix is None:
                    continue
                type_code = _KIND_TO_TYPE[kind].replace("Đ", "D")
                number = f"{m.group(1)}-{type_code}/{suffix}"
                found.append(CodeMatch(Span(m.start(1), m.end(1), text[m.start(1) : m.end(1)]), number, kind))
    found.extend(_cjk_cited_documents(text))
    return sorted(found, key=lambda match: match.span.start)


def _cjk_cited_documents(text: str) -> list[CodeMatch]:
    """Japanese/Chinese '政治局決議第四十一号': issuer before the kind, number between 第 and 号."""
    found = []
    for kind, words in _KIND_WORDS.items():
        for word in (w for w in words if any(in_cjk_block(ch) for ch in w)):
            for m in re.finditer(rf"{re.escape(word)}第({CJK_NUMBER})号", text):
                suffix = _suffix_near(text[max(0, m.start() - 20) : m.start()].lower())
                if suffix is not None:
                    number = f"{cjk_number(m.group(1))}-{_KIND_TO_TYPE[kind].replace('Đ', 'D')}/{suffix}"
                    found.append(CodeMatch(Span(m.start(1), m.end(1), m.group(1)), number, kind))
    return found


def _suffix_near(following: str) -> str | None:
    """The issuer's code from the words after the number: the first issuer named wins."""
    best: tuple[int, str] | None = None
    for suffix, words in _ISSUER_SUFFIX.items():
        for word in words:
            position = following.find(word)
            if position >= 0 and (best is None or position < best[0]):
                best = (position, suffix)
    return best[1] if best else None


# --------------------------------------------------------------------------- the period under review

# Polish "omówić" (discuss) is not here: discussing is not reviewing. German "auszuwerten" is the zu-infinitive
# of "auswerten" and "ausgewertet" its participle, which the stem "auswert" does not match.
REVIEW_WORDS = (
    "review", "zhodno", "hodnocen", "bilans", "podsumow", "обзор", "итог", "بررسی", "auswert", "auszuwert",
    "ausgewert", "bewert", "bilanz", "bilan", "tổng kết", "sơ kết", "総括", "振り返", "評価", "总结", "回顾", "riesame",
    "balance", "evaluat", "évaluer", "ocen",
)  # fmt: skip
TERM_WORDS = ("term", "kadencj", "nhiệm kỳ", "срок", "созыв", "دوره", "amtsperiode", "mandat", "任期", "období",
              "volební", "legislatur")  # fmt: skip
_KANJI_YEAR = re.compile(r"[〇一二三四五六七八九]{4}(?=年)")


def find_review_period(text: str) -> tuple[int, int] | None:
    """The years the event reviewed: the year or range nearest a 'review' word in the article's lead."""
    folded = fold_digits(_KANJI_YEAR.sub(lambda m: str(cjk_number(m.group())), text))
    lowered = folded.lower()
    anchors = sorted(m.start() for word in REVIEW_WORDS for m in re.finditer(re.escape(word), lowered[:800]))
    for anchor in anchors:
        sentence_start, sentence_end = sentence_bounds(lowered, anchor, anchor)
        period = _nearest_period(lowered[sentence_start:sentence_end], anchor - sentence_start)
        if period:
            return period
    return None


def _nearest_period(sentence: str, anchor: int) -> tuple[int, int] | None:
    candidates = []
    for m in _RANGE.finditer(sentence):
        before = sentence[max(0, m.start() - 25) : m.start()]
        if not any(word in before for word in TERM_WORDS):
            candidates.append((abs(m.start() - anchor), int(m.group(1)), int(m.group(2))))
    inside_ranges = [m.span() for m in _RANGE.finditer(sentence)]
    for m in _YEAR.finditer(sentence):
        if not any(start <= m.start() < end for start, end in inside_ranges):
            candidates.append((abs(m.start() - anchor), int(m.group()), int(m.group())))
    if not candidates:
        return None
    _, start, end = min(candidates)
    return (start, end) if start <= end else None


# --------------------------------------------------------------------------- the organizer's level

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
_CJK_COMMITTEE = re.compile(r"(社|乡|県|县|市|省)(?:党委員会|党委|委員会)")


def find_organizer_level(text: str, event: DateMatch | None) -> tuple[str, Span] | None:
    """The level of the body that held the event, from the lead sentence ("On 5 May the X district Party
    committee held..."): the level word nearest after the date. A bloc of agencies wins when named, because
    its name carries the level of the agencies it groups ("the bloc of provincial agencies")."""
    anchor = event.span.end if event else 0
    _, sentence_end = sentence_bounds(text, anchor, anchor)
    lead = text[anchor:sentence_end]
    cjk = _CJK_COMMITTEE.search(lead)
    if cjk:
        level = next(name for name, words in LEVEL_WORDS.items() if cjk.group(1) in words)
        return level, Span(anchor + cjk.start(1), anchor + cjk.end(1), cjk.group(1))
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
    return level, Span(anchor + position, anchor + position + len(word), lead[position : position + len(word)])


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


# --------------------------------------------------------------------------- figures

# Words after a number that make it a duration or an age, not a count worth reporting.
_DURATION_WORDS = (
    "year", "years", "month", "months", "day", "days", "rok", "roky", "let", "lat", "lata", "roku", "miesi",
    "лет", "год", "года", "месяц", "дн", "سال", "ساله", "ماه", "روز", "jahr", "jahre", "monat", "tag", "an ",
    "ans", "mois", "jour", "年", "か月", "ヶ月", "日", "năm", "tháng", "ngày", "tuổi",
)  # fmt: skip
_ORDINAL_AFTER = re.compile(r"^(?:\.\s*[a-zà-ž\u0400-\u04ff]|-?(?:го|й|я|е|ой|ый|th|st|nd|rd|er|e|ème|º|°)\b)")
_NUMBER_SIGN_BEFORE = re.compile(r"(?:č\.|nr\.?|no\.?|n°|nº|№|số|شماره|第|nummer|numer|номер)\s*$", re.IGNORECASE)
_QUOTED = re.compile(r"[„“\"«»「『][^„“”\"«»」』]{0,80}[“”\"«»」』]")


# Languages that capitalize every noun: a capital letter there does not mark a name.
NOUNS_CAPITALIZED = ("de", "lb")


def find_figures(text: str, not_figures: list[Span], language: str = "") -> list[tuple[Span, float, bool]]:
    """Quantities written in the article: (span, value, is_percentage); years, dates, codes, ordinals,
    durations, numbers inside quoted names and document numbers are left out."""
    excluded = not_figures + [Span(m.start(), m.end(), "") for m in _QUOTED.finditer(text)]
    excluded += [Span(m.start(), m.end(), "") for m in _RANGE.finditer(fold_digits(text))]
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
        if any(after.lstrip().startswith(word) for word in _DURATION_WORDS):
            continue
        found.append((mention.span, value, after.lstrip().startswith(("%", "٪", "процент", "درصد", "パーセント"))))
    return found + [figure for figure in _kanji_figures(text, excluded) if not _is_year(figure[1])]


_KANJI_FIGURE = re.compile(r"[〇一二三四五六七八九十百千万]+(?:・[〇一二三四五六七八九]+)?")
_NOT_A_COUNT_AFTER = ("年", "月", "日", "時", "号", "期", "次", "回目", "世紀", "カ月", "か月", "ヶ月", "条")


def _kanji_figures(text: str, excluded: list[Span]) -> list[tuple[Span, float, bool]]:
    """Quantities written in kanji numerals (Japanese, Chinese): '十八の党細胞', '八十二・五パーセント'."""
    found = []
    for m in _KANJI_FIGURE.finditer(text):
        if (len(m.group()) < 2 and m.group() not in "十百千万") or any(s.start <= m.start() < s.end for s in excluded):
            continue
        after = text[m.end() : m.end() + 5]
        if after.startswith(_NOT_A_COUNT_AFTER) or text[max(0, m.start() - 1) : m.start()] == "第":
            continue
        value = cjk_number(m.group())
        found.append((Span(m.start(), m.end(), m.group()), value, after.startswith(("パーセント", "%", "％"))))
    return found


def _inside_a_name(text: str, start: int, end: int) -> bool:
    """'Le Loi 2 Secondary School': a number between two capitalized words is part of a name."""
    before = re.search(r"(\w+)\s+$", text[max(0, start - 30) : start])
    after = re.match(r"\s+(\w+)", text[end : end + 30])
    return bool(before and after and before.group(1)[0].isupper() and after.group(1)[0].isupper())


def _is_year(value: float) -> bool:
    return value == int(value) and 1900 <= value <= 2100
