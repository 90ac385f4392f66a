"""Read once, ask many: short questions about an article the model has already read, each answered by a choice.

After the draft, the same conversation prefix (instructions, then the article) is sent again with one narrow
question at its end. llama.cpp's server reuses the cached prefix, so each question costs only its own few dozen
tokens. Every answer is constrained to a small schema built from candidates (the names the draft and the rules
found, the seven organizer levels, true/false), so a small model chooses instead of writing. The answers replace
the decisions that per-language word lists used to make.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from extractor.core.text import defang_chat_markup
from extractor.rules.common import YEAR, YEAR_RANGE
from extractor.rules.organizer import LEVEL_WORDS_IN_ENGLISH
from extractor.rules.period import western_year_digits
from extractor.schemas.record import OrganizerLevel

NO_PERIOD = "none"

MAX_CANDIDATES = 16


@dataclass
class Readings:
    """The model's answers to the questions; None where a question was not asked."""

    is_conference: bool | None = None
    kind: str | None = None
    chairs: list[str] | None = None
    level_choice: str | None = None
    organizer_name: str | None = None
    level_confirmed: str | None = None
    year: int | None = None
    period: tuple[int, int] | None = None
    period_asked: bool = False
    asked: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Question:
    """One decision: the text asked after the article, the schema its answer must fit, and what the answer sets
    in the readings."""

    name: str
    text: str
    answer_model: type[BaseModel]
    read: Callable[[Readings, Any], None]


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ConferenceAnswer(_Answer):
    is_conference: bool = Field(description="true if the article reports one specific meeting that took place")


class LevelAnswer(_Answer):
    english_name: str = Field(max_length=120, description="the body's name in English")
    level: OrganizerLevel


def conference_question() -> Question:
    text = (
        "Question: does the article report one specific meeting, conference or session of a Party organization"
        " that took place (the event itself, not a profile of a person, a general news story or an announcement)?"
        " Judge by what the article reports."
    )
    return Question("is_conference", text, ConferenceAnswer, _read_conference)


def chairs_question(candidates: list[str]) -> Question | None:
    """Which of the named people chaired the event; None when nobody is named."""
    names = list(dict.fromkeys(name for name in candidates if name))[:MAX_CANDIDATES]
    if not names:
        return None
    chosen = Literal[tuple(names)]  # type: ignore[valid-type]
    answer = create_model(
        "ChairsAnswer", __base__=_Answer, chairs=(list[chosen], Field(default_factory=list, max_length=len(names)))
    )
    listed = "; ".join(names)
    text = (
        f"People named in the article: {listed}.\n"
        "Question: which of them chaired or presided over the event itself? Not those who only attended, spoke,"
        " directed or chaired a bridge point or a connected site. Answer with their names as listed; an empty"
        " list if the article names no one as chairing."
    )
    return Question("chairs", text, answer, _read_chairs)


def level_question(event_sentence: str = "") -> Question:
    """The body that held the event: its name in English first (the model reads before it chooses), then its
    level. The sentence reporting the event is quoted so that a small model looks there, not at the many other
    bodies an article mentions. The levels are defined in the template's instructions, which every request
    shares, so their definitions are read once and cached, not re-read with each article."""
    quoted = f"The sentence that reports the event: «{defang_chat_markup(event_sentence)}»\n" if event_sentence else ""
    text = (
        f"{quoted}Question: which Party body held the event? Give its full name in English, translated word for"
        " word from the article's own words for it, with its place name, then its level as the instructions define"
        " the levels."
    )
    return Question("organizer_level", text, LevelAnswer, _read_level)


def record_answer(readings: Readings, question: Question, answer: BaseModel) -> None:
    readings.asked.append(question.name)
    question.read(readings, answer)


def _read_conference(readings: Readings, answer: ConferenceAnswer) -> None:
    readings.is_conference = answer.is_conference


def _read_kind(readings: Readings, answer: KindAnswer) -> None:
    readings.kind = answer.kind


def _read_level(readings: Readings, answer: LevelAnswer) -> None:
    readings.level_choice = answer.level
    readings.organizer_name = answer.english_name.strip() or None


def _read_chairs(readings: Readings, answer: Any) -> None:
    readings.chairs = list(answer.chairs)


def _read_year(readings: Readings, answer: Any) -> None:
    readings.year = int(answer.year)


def _read_period(readings: Readings, answer: Any) -> None:
    readings.period_asked = True
    readings.period = parse_period(str(answer.period))


ArticleKind = Literal["meeting_report", "person_profile", "feature", "announcement", "other"]


class KindAnswer(_Answer):
    kind: ArticleKind


def kind_question() -> Question:
    """The conference decision as a choice among kinds of article: a second, independent reading of it."""
    text = (
        "Question: what kind of article is this? meeting_report: it reports one meeting, conference or session"
        " that took place; person_profile: it portrays a person or a Party cell; feature: a story about a movement,"
        " a place or a campaign; announcement: an event still to come; other. Judge by what the article reports."
    )
    return Question("kind", text, KindAnswer, _read_kind)


def questions_for(
    text: str, people: list[str], *, year_written: bool, event_sentence: str = ""
) -> list[Question]:
    """The questions to ask first about one article, given the names the draft and the rules found, whether
    the event's date carries its year, and the sentence reporting the event. The period is asked after them,
    once the event's year is known; the kind of article only where the draft and the first answer disagree (a
    third reading changes the majority nowhere else)."""
    optional = [chairs_question(people), None if year_written else year_question(text)]
    asked = [conference_question(), level_question(event_sentence)]
    return asked + [question for question in optional if question is not None]


LEVEL_MEANINGS = {
    "central": "a central body (Politburo, Secretariat, Central Committee, a central commission)",
    "provincial": "a provincial Party committee, or that of a centrally-run city",
    "city": "the Party committee of a city or town under a province",
    "district": "a district Party committee",
    "commune": "the Party committee of a commune, ward or township",
    "agency_bloc": "the Party committee of a bloc of agencies or enterprises",
    "other": "another kind of body",
}


def read_level(readings: Readings) -> str | None:
    """The level the model read: the one its English name of the body states, else the one it chose."""
    named = level_named_in(readings.organizer_name) if readings.organizer_name else None
    return named or readings.level_choice


def level_confirmation_question(event_sentence: str, proposed: str, read: str) -> Question:
    """When the level words of the lead propose another level than the model read: which of the two. The
    proposal is listed first; the model decides between them with the sentence in front of it."""
    options = (proposed, read)
    answer = create_model("LevelConfirmation", __base__=_Answer, level=(Literal[options], ...))  # type: ignore[valid-type]
    quoted = f"The sentence that reports the event: «{defang_chat_markup(event_sentence)}»\n" if event_sentence else ""
    choices = "; ".join(f"{level}: {LEVEL_MEANINGS[level]}" for level in options)
    text = f"{quoted}Question: is the Party body that held the event {proposed} or {read}? {choices}."
    return Question("organizer_level_confirmed", text, answer, _read_confirmed_level)


def _read_confirmed_level(readings: Readings, answer: Any) -> None:
    readings.level_confirmed = str(answer.level)


def level_named_in(english_name: str) -> str | None:
    return next((level for level, pattern in LEVEL_WORDS_IN_ENGLISH if re.search(pattern, english_name, re.I)), None)


def years_written(text: str) -> list[int]:
    """Every year the article writes, in any digits (Arabic-Indic, full-width, kanji), in order of appearance."""
    return list(dict.fromkeys(int(m.group()) for m in YEAR.finditer(western_year_digits(text))))


def ranges_written(text: str) -> list[tuple[int, int]]:
    found = ((int(m.group(1)), int(m.group(2))) for m in YEAR_RANGE.finditer(western_year_digits(text)))
    return list(dict.fromkeys(pair for pair in found if pair[0] <= pair[1]))


def year_question(text: str) -> Question | None:
    """The event's year when its date is written without one: a year the article mentions, or the one after."""
    mentioned = years_written(text)
    candidates = sorted({year for year in mentioned} | {year + 1 for year in mentioned})[-MAX_CANDIDATES:]
    if not candidates:
        return None
    answer = create_model("YearAnswer", __base__=_Answer, year=(Literal[tuple(candidates)], ...))  # type: ignore[valid-type]
    wording = (
        "Question: in which year did the event take place? Its date is written without the year. Decide from the"
        " article: a meeting held late in a year to review that year took place in that year; one held early in a"
        " year to review the year before took place in the following year."
    )
    return Question("year", wording, answer, _read_year)


def period_question(text: str, event_year: int | None) -> Question | None:
    """Which years' work the event reviewed: a year or range the article writes, or none. A review looks back,
    so nothing that ends after the event's year is offered."""
    latest = event_year or 9999
    ranges = [f"{start}-{end}" for start, end in ranges_written(text) if end <= latest]
    options = ranges + [str(year) for year in years_written(text) if year <= latest]
    options = list(dict.fromkeys(options))[:MAX_CANDIDATES]
    if not options:
        return None
    answer = create_model("PeriodAnswer", __base__=_Answer, period=(Literal[(*options, NO_PERIOD)], ...))  # type: ignore[valid-type]
    wording = (
        "Question: which period's work did the event review, sum up or assess? A year, or a range of years as"
        f' written; "{NO_PERIOD}" if it reviewed no period. A term of office that starts now, or a plan for the'
        " future, is not a reviewed period."
    )
    return Question("period", wording, answer, _read_period)


def period_confirmation_question(
    review_sentence: str, proposed: tuple[int, int], read: tuple[int, int] | None
) -> Question:
    """When the review sentence's nearest years propose another period than the model answered: which of the
    two. The proposal is listed first; the model decides with the sentence in front of it."""
    options = (format_period(proposed), format_period(read) if read else NO_PERIOD)
    answer = create_model("PeriodConfirmation", __base__=_Answer, period=(Literal[options], ...))  # type: ignore[valid-type]
    quoted = f"The sentence that names the review: «{defang_chat_markup(review_sentence)}»\n" if review_sentence else ""
    text = (
        f'{quoted}Question: which period\'s work did the event review, "{options[0]}" or "{options[1]}"? A term of'
        " office that starts now, or a plan for the future, is not a reviewed period."
    )
    return Question("period_confirmed", text, answer, _read_period)


def format_period(period: tuple[int, int]) -> str:
    start, end = period
    return str(start) if start == end else f"{start}-{end}"


def parse_period(answer: str) -> tuple[int, int] | None:
    if answer == NO_PERIOD:
        return None
    start, _, end = answer.partition("-")
    return int(start), int(end or start)


def is_conference_by_majority(draft_says: bool, readings: Readings) -> bool:
    """Three readings of one decision (the draft, the yes/no question, the kind of article): the majority wins,
    and a tie keeps the event, so no single answer (one that an article's text misled, say) empties a record of
    its grounded facts."""
    votes = [draft_says]
    if readings.is_conference is not None:
        votes.append(readings.is_conference)
    if readings.kind is not None:
        votes.append(readings.kind == "meeting_report")
    return sum(votes) * 2 >= len(votes)
