"""The years the event reviewed, from the article's lead."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.core.numbers import cjk_number
from extractor.core.text import fold_digits, lower_in_place
from extractor.rules.common import YEAR, YEAR_RANGE, sentence_bounds
from extractor.rules.dates import DateMatch

# Polish "omówić" (discuss) is not here: discussing is not reviewing. German "auszuwerten" is the zu-infinitive
# of "auswerten" and "ausgewertet" its participle, which the stem "auswert" does not match.
REVIEW_WORDS = (
    "review", "zhodno", "hodnocen", "bilans", "podsumow", "обзор", "итог", "بررسی", "auswert", "auszuwert",
    "ausgewert", "bewert", "bilanz", "bilan", "tổng kết", "sơ kết", "総括", "振り返", "評価", "总结", "回顾",
    "riesame", "balance", "evalu", "évalu", "avalia", "valutazion", "valutato",
    "valutata", "valutati", "riepilog", "zusammenfass", "resümee", "resümier", "rückblick", "samenvat",
    "terugblik", "beoordel", "opsummer", "oppsummer", "sammenfat", "vurder", "utvärder", "sammanfatt", "arvio",
    "yhteenve", "katsaus", "értékel", "összegez", "áttekint", "számvetés", "shrn", "vyhodnot", "hodnoten",
    "zhrn", "ocena", "oceny", "ocenę", "oceną", "oceni", "przegląd", "ewaluacj", "ocjen", "sažet", "sumiran",
    "sumirao", "sumirati", "оценк", "оцени", "оценя", "подытож", "равносметк", "підсум", "оцін", "огляд",
    "оцењ", "сумир", "евалуациј", "ανασκόπ", "απολογισμ", "αξιολ", "αποτίμησ", "değerlendir", "gözden geçir",
    "تقييم", "مراجعة", "تلخيص", "ارزیابی", "جمع‌بندی", "جمع بندی", "סיכום", "סקיר", "समीक्षा", "मूल्यांकन", "جائزہ",
    "خلاصہ", "tinjau", "meninjau", "peninjauan", "überprüf", "revisar", "revisión", "revisó", "revisão",
    "rangkum", "penilaian", "menilai", "semakan", "menyemak", "kajian semula", "balanço",
    "passer en revue", "trecere în revistă", "ทบทวน", "ประเมิน", "สรุป", "ສະຫຼຸບ", "ສະຫລຸບ", "ທົບທວນ", "ປະເມີນ",
    "បូកសរុប", "វាយតម្លៃ", "သုံးသပ်", "အကဲဖြတ်", "평가", "총결", "결산", "评估", "评价", "總結", "回顧", "評估", "評價",
)  # fmt: skip
TERM_WORDS = (
    "term", "kadencj", "nhiệm kỳ", "срок", "созыв", "دوره", "amtsperiode", "mandat", "任期", "období",
    "volební", "legislatur", "мандат", "mandát", "mandaat", "valgperiode", "embedsperiode", "valperiod",
    "amtszeit", "wahlperiode", "θητεί", "toimikau", "législature", "קדנצי", "כהונ", "कार्यकाल", "میعاد",
    "ciklus", "masa jabatan", "masa bakti", "penggal", "zittingsperiode", "funkčné obdobie", "volebné obdobie",
    "görev süresi", "görev dönemi", "скликання", "임기", "អាណត្តិ",
)  # fmt: skip
KANJI_YEAR = re.compile(r"[〇一二三四五六七八九]{4}(?=年)")


@dataclass(frozen=True)
class PeriodMatch:
    start: int  # a year
    end: int  # the same year, or a later one
    # Where the review sentence that names it starts and ends.
    sentence: tuple[int, int] = field(default=(0, 0), compare=False)


def western_year_digits(text: str) -> str:
    """The text with every year in ASCII digits: kanji years ('二〇二四年') and other scripts' digits folded."""
    return fold_digits(KANJI_YEAR.sub(lambda m: str(cjk_number(m.group())), text))


def find_review_period(text: str, event: DateMatch | None = None) -> PeriodMatch | None:
    """The years the event reviewed: the year or range nearest a 'review' word in the article's lead. The
    event's own date is not a period, and a term of office counts only when it began before the event (a term
    starting with the event, or later, is the coming one)."""
    folded = western_year_digits(text)
    lowered = lower_in_place(folded)
    event_year = event.year if event else None
    dated = (event.span.start, event.span.end) if event else (0, 0)
    anchors = sorted(m.start() for word in REVIEW_WORDS for m in re.finditer(re.escape(word), lowered[:800]))
    for anchor in anchors:
        sentence_start, sentence_end = sentence_bounds(lowered, anchor, anchor)
        skip = (dated[0] - sentence_start, dated[1] - sentence_start)
        period = _nearest_period(lowered[sentence_start:sentence_end], anchor - sentence_start, skip, event_year)
        if period:
            return PeriodMatch(period.start, period.end, (sentence_start, sentence_end))
    return None


def _nearest_period(
    sentence: str, anchor: int, skip: tuple[int, int] = (0, 0), event_year: int | None = None
) -> PeriodMatch | None:
    candidates = []
    for m in YEAR_RANGE.finditer(sentence):
        before = sentence[max(0, m.start() - 25) : m.start()]
        coming = event_year is None or int(m.group(1)) >= event_year
        if not (coming and any(word in before for word in TERM_WORDS)):
            candidates.append((abs(m.start() - anchor), int(m.group(1)), int(m.group(2))))
    inside_ranges = [m.span() for m in YEAR_RANGE.finditer(sentence)]
    for m in YEAR.finditer(sentence):
        in_the_date = skip[0] <= m.start() < skip[1]
        if not in_the_date and not any(start <= m.start() < end for start, end in inside_ranges):
            candidates.append((abs(m.start() - anchor), int(m.group()), int(m.group())))
    if not candidates:
        return None
    _, start, end = min(candidates)
    singles = {first for _, first, last in candidates if first == last}
    if start == end and start - 1 in singles:
        # "review year N and set the tasks of year N+1": whichever the word order puts nearer the review word
        # (Korean, Turkish and Japanese put the object first), the earlier of the two is the one reviewed.
        start = end = start - 1
    return PeriodMatch(start, end) if start <= end else None
