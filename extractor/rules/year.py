"""The event's year when its date is written without one, from the other years the article names."""

from __future__ import annotations

import calendar
import re

from extractor.core.text import fold_digits
from extractor.rules.codes import find_document_codes
from extractor.rules.common import YEAR, YEAR_RANGE
from extractor.rules.dates import DateMatch, find_dates, month_number
from extractor.rules.period import find_review_period


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
    if period is not None and period.start == period.end:
        reviewed = period.start
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
    blocked = [m.span() for m in YEAR_RANGE.finditer(text)]
    blocked += [(m.span.start, m.span.end) for m in find_dates(text, language) if m.year]
    blocked += [(m.span.start, m.span.end) for m in find_document_codes(text)]
    return {int(m.group()) for m in YEAR.finditer(text) if not any(start <= m.start() < end for start, end in blocked)}
