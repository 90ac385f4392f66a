"""Deterministic extractors: what a regular expression or a table does better than a 1.5B model.

One module per thing found: language, urls (web addresses), codes (Vietnamese document codes, printed or rebuilt
from a cited document), dates (day, month, part of day), year (the event's year when the date omits it), byline,
format, people (names, and whether a sentence says someone chaired), places (the province), period (the years
reviewed), organizer (the organizer's level) and figures; common holds what more than one of them uses.
Nothing here knows any article: only languages, scripts and Vietnamese document conventions.
"""

from __future__ import annotations

from extractor.rules.byline import find_byline
from extractor.rules.codes import (
    PARTY_CODE,
    STATE_CODE,
    CodeMatch,
    canonical_code,
    cited_once,
    document_kind,
    find_cited_documents,
    find_document_codes,
    rebuild_code,
)
from extractor.rules.common import DIGIT, YEAR, YEAR_RANGE, sentence_bounds, word_position
from extractor.rules.dates import (
    CJK_DATE,
    DAY_MONTH,
    MONTH_DAY,
    PART_OF_DAY_WORDS,
    DateMatch,
    find_dates,
    month_names,
    month_number,
    part_of_day_near,
)
from extractor.rules.figures import NOUNS_CAPITALIZED, FigureMatch, find_figures
from extractor.rules.format import IN_PERSON_WORDS, ONLINE_WORDS, FormatMatch, find_format
from extractor.rules.language import detect_language
from extractor.rules.organizer import (
    AGENCY_WORDS,
    LEVEL_WORDS,
    LEVEL_WORDS_IN_ENGLISH,
    LevelMatch,
    find_organizer_level,
    levels_in_lead,
)
from extractor.rules.people import (
    CHAIR_WORDS,
    CHAIR_WORDS_WITH_A_MEETING,
    VIETNAMESE_SURNAMES,
    NameMatch,
    chairs_in_sentence,
    find_arabic_script_names,
    find_person_names,
)
from extractor.rules.period import REVIEW_WORDS, TERM_WORDS, PeriodMatch, find_review_period
from extractor.rules.places import PROVINCES, ProvinceMatch, find_province
from extractor.rules.urls import URL, find_urls
from extractor.rules.year import infer_event_year

__all__ = [
    "AGENCY_WORDS", "CHAIR_WORDS", "CHAIR_WORDS_WITH_A_MEETING", "CJK_DATE", "DAY_MONTH", "DIGIT", "IN_PERSON_WORDS",
    "LEVEL_WORDS", "LEVEL_WORDS_IN_ENGLISH", "MONTH_DAY", "NOUNS_CAPITALIZED", "ONLINE_WORDS", "PARTY_CODE",
    "PART_OF_DAY_WORDS", "PROVINCES", "REVIEW_WORDS", "STATE_CODE", "TERM_WORDS", "URL", "VIETNAMESE_SURNAMES", "YEAR",
    "YEAR_RANGE", "CodeMatch", "DateMatch", "FigureMatch", "FormatMatch", "LevelMatch", "NameMatch", "PeriodMatch",
    "ProvinceMatch", "canonical_code", "chairs_in_sentence", "cited_once", "detect_language", "document_kind",
    "find_arabic_script_names", "find_byline", "find_cited_documents", "find_dates", "find_document_codes",
    "find_figures", "find_format", "find_organizer_level", "find_person_names", "find_province", "find_review_period",
    "find_urls", "infer_event_year", "levels_in_lead", "month_names", "month_number", "part_of_day_near",
    "rebuild_code", "sentence_bounds", "word_position"
]  # fmt: skip
