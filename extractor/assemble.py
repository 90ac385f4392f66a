"""Merge the model's draft with the deterministic facts, normalize, ground, and build the record.

Rules win where they are exact (language, URL, byline, written dates, printed document codes); the model
fills the rest. Every emitted value is looked up in the article; names, places and numbers that cannot be
found there are dropped (or kept and flagged, with keep_ungrounded).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from extractor import rules
from extractor.core.numbers import numbers_in
from extractor.core.paths import FieldPath
from extractor.core.scripts import script_of
from extractor.core.text import Span, normalize_text
from extractor.grounding import NOT_FOUND, Evidence, FoldedArticle
from extractor.questions import Readings, is_conference_by_majority, level_named_in, read_level
from extractor.romanize import (
    is_vietnamese_name,
    read_name,
    read_place,
    restore_translated_syllables,
    romanize_by_syllables,
    romanize_name,
)
from extractor.rules import LevelMatch
from extractor.rules.places import CENTRALLY_RUN_CITIES
from extractor.schemas.draft import Draft, DraftDocument, DraftPerson
from extractor.schemas.record import ConferenceRecord, DocumentRef, EventDate, Figure, Organizer, Period, Person

# Forms of address that small models glue to names, in the languages an article may come in.
ADDRESS_WORDS = {
    "comrade", "comrades", "mr", "mrs", "ms", "dr", "genosse", "genossin", "camarade", "compagno", "compagna",
    "camarada", "towarzysz", "towarzyszka", "soudruh", "soudružka", "soudruzka", "товарищ", "رفیق", "رفيق",
    "الرفيق", "同志", "동지", "herr", "frau", "monsieur", "madame", "m",
}  # fmt: skip
ADDRESS_PREFIXES = ("đồng chí ", "dong chi ")  # Vietnamese "comrade": two words that are also given names
HONORIFIC_SUFFIXES = ("同志", "氏", "さん", "様", "先生")


LEVELS_WITHOUT_LOCALITY = ("central", "provincial", "agency_bloc")

ReadPerson = tuple[str, Evidence]
"""A drafted name as the record writes it, and where the article has it."""

# The country's founder: articles cite his thought and name a city and institutions after him, but no meeting
# they report today has him among its chairs or participants.
# The founder, as Latin and Cyrillic write him (Хо Ши Мин, read Ho Si Min or Ho Si Minh; Хо Ти Минь).
NAMES_OF_NO_ATTENDEE = ("ho chi minh", "ho si min", "ho si minh", "ho ti minh")


@dataclass
class Facts:
    """What the deterministic extractors found in one article."""

    language: str
    urls: list[Span]
    codes: list[rules.CodeMatch]
    dates: list[rules.DateMatch]
    byline: Span | None
    format: rules.FormatMatch | None = None
    province: rules.ProvinceMatch | None = None
    people: list[Span] = field(default_factory=list)
    article: FoldedArticle | None = field(default=None, repr=False)
    """The folded article the rules searched; the assembler grounds in the same one instead of folding again."""

    @classmethod
    def of(cls, text: str) -> Facts:
        language = rules.detect_language(text)
        article = FoldedArticle(text)
        return cls(
            language=language,
            urls=rules.find_urls(text),
            codes=rules.cited_once(rules.find_document_codes(text) + rules.find_cited_documents(text)),
            dates=rules.find_dates(text, language),
            byline=rules.find_byline(text),
            format=rules.find_format(text),
            province=rules.find_province(article),
            people=rules.find_person_names(text),
            article=article,
        )


@dataclass
class Assembled:
    record: ConferenceRecord
    evidence: dict[str, Evidence] = field(default_factory=dict)
    ungrounded: list[str] = field(default_factory=list)


class Assembler:
    def __init__(self, text: str, facts: Facts, keep_ungrounded: bool = False, complete: bool = True) -> None:
        """`complete`: add the names and quantities the rules read in the article that the model left out."""
        self.complete = complete
        reusable = facts.article is not None and facts.article.text == text
        self.article = facts.article if reusable else FoldedArticle(text)
        self.facts = facts
        self.keep_ungrounded = keep_ungrounded
        self.evidence: dict[str, Evidence] = {}
        self.ungrounded: list[str] = []
        self.readings: Readings | None = None

    def _note(self, path: FieldPath, evidence: Evidence) -> None:
        self.evidence[str(path)] = evidence

    def _accept(self, path: FieldPath, evidence: Evidence, shown: str) -> bool:
        """Record the evidence; False when the value is ungrounded and must not be emitted."""
        self._note(path, evidence)
        if evidence.grounded:
            return True
        self.ungrounded.append(f"{path}: {shown}")
        return self.keep_ungrounded

    def build(self, draft: Draft, readings: Readings | None = None) -> Assembled:
        """The record from the draft; where `readings` (the answers to the questions) decide, they win."""
        self.readings = readings
        people = [(person, read_person(self.article, person.name)) for person in draft.people]  # one locate each
        presided = [self._presided(person, read) for person, read in people]
        chairs = [drafted for drafted, chair in zip(people, presided, strict=True) if chair]
        others = [drafted for drafted, chair in zip(people, presided, strict=True) if not chair]
        record = ConferenceRecord(
            is_conference=self._is_conference(draft),
            title=draft.title,
            summary=draft.summary,
            source_language=self.facts.language,
            date=self._date(draft),
            organizer=self._organizer(draft),
            province=self._province(draft.province),
            locality=self._place(FieldPath("locality"), draft.locality),
            format=self._format(),
            purpose=draft.purpose,
            period=self._period(draft),
            chairs=self._people("chairs", chairs),
            participants=self._people("participants", others),
            documents=self._documents(draft.documents),
            figures=self._figures(draft),
            tasks=list(dict.fromkeys(draft.tasks)),
            awards=draft.awards,
            author=self._author(),
            source_url=self._url(),
        )
        if self.complete:
            self._add_missed_people(record)
        if record.locality and (self._locality_is_the_city(record.province) or (
                record.organizer and record.organizer.level in LEVELS_WITHOUT_LOCALITY)):
            # A body at province level or above governs no locality below the province.
            self.evidence.pop(str(FieldPath("locality")), None)
            record.locality = None
        if record.organizer and not names_its_level(record.organizer):
            record.organizer.name = composed_name(record) or record.organizer.name
        if not record.is_conference:
            record = _empty_event(record)
            self.evidence.clear()  # nothing left to point to: every event field is empty
        return Assembled(record, self.evidence, self.ungrounded)

    def _locality_is_the_city(self, province: str | None) -> bool:
        """The locality was found where the province was, and the province is a centrally-run city: the city
        named once, not a place below it. (A provincial capital often shares the province's name: that one is.)"""
        province_found, locality = self.evidence.get("province"), self.evidence.get("locality")
        if province not in CENTRALLY_RUN_CITIES or province_found is None or locality is None:
            return False
        return province_found.start is not None and locality.overlaps(province_found.start, province_found.end or 0)

    def _is_conference(self, draft: Draft) -> bool:
        """The model's reading (the majority of its readings when questions were asked), grounded like any other
        claim: a report of a meeting that took place says on which day, so an article with no day and month
        anywhere (a profile, a feature) reports no concrete event, whatever the model read."""
        said = is_conference_by_majority(draft.is_conference, self.readings) if self.readings else draft.is_conference
        if said and not self.facts.dates:
            self.ungrounded.append("is_conference: true (the article gives no day and month for any event)")
            return False
        return said

    # -- date ---------------------------------------------------------------------------------------------

    def _date(self, draft: Draft) -> EventDate | None:
        if not self.facts.dates:
            return None  # no day and month: no event either (see _is_conference)
        asked = self.readings.year if self.readings is not None else None
        found = self.facts.dates[0]
        self._note(FieldPath("date"), Evidence.of(found.span, "exact"))
        # The labelling convention (a year-end review is of that year, an early-year one of the year before)
        # decides when it applies unambiguously; else the model's answer to "in which year?".
        inferred = rules.infer_event_year(self.article.text, self.facts.language, found) or plausible_year(
            asked, found.month, found.day
        )
        year = found.year or inferred or plausible_year(draft.event_year, found.month, found.day)
        return EventDate(
            year=year,
            month=found.month,
            day=found.day,
            part_of_day=found.part_of_day,
            year_inferred=found.year is None and year is not None,
        )

    # -- places and people --------------------------------------------------------------------------------

    def _place(self, path: FieldPath, name: str | None) -> str | None:
        if not name:
            return None
        name = re.sub(r"\b(province|city|district|commune|ward|town)\b", "", name, flags=re.I).strip(" ,") or name
        evidence = self.article.locate_text(name)
        if not self._accept(path, evidence, name):
            return None
        if is_vietnamese_name(name):  # the model spelled its syllables: its reading stands
            return _without_hyphens(name)
        return _place_as_written(evidence) or name

    def _organizer(self, draft: Draft) -> Organizer | None:
        """The model's English name; the level from the article's lead when it names one."""
        organizer = _organizer(draft) or self._organizer_answered()
        found = rules.find_organizer_level(self.article.text, self.facts.dates[0] if self.facts.dates else None)
        if organizer is not None and self.readings is not None and self.readings.level_choice is not None:
            return self._read_organizer(organizer, found)
        if organizer is None or found is None:
            return organizer
        self._note(FieldPath("organizer", attribute="level"), Evidence.of(found.span, "exact"))
        return Organizer(name=organizer.name, level=found.level)

    def _organizer_answered(self) -> Organizer | None:
        """The body named in the answer to "which body held the event?", for a draft that leaves it to that
        question."""
        if self.readings is None or not self.readings.organizer_name or self.readings.level_choice is None:
            return None
        return Organizer(name=self.readings.organizer_name, level=read_level(self.readings))

    def _read_organizer(self, drafted: Organizer, found: LevelMatch | None) -> Organizer:
        """From the answers to "which body held it?": with no level words in the lead, the level the model read
        (its English name's, else its choice); with them, the lead's, unless the model's answer to "this one or
        that one?" chose its own reading.

        A reading that overrules the lead's words must be grounded like any other claim: the model's English
        name of the body states that level ("Lang Son Provincial Party Committee" is provincial), and the lead
        sentence has words for it. A bare choice ("central" for "Vietnamese Communist Party", which names no
        body) or a body the lead does not mention does not outweigh the article's words."""
        assert self.readings is not None
        english = self.readings.organizer_name
        name = english if english and script_of(english) == "latin" else drafted.name
        level = self.readings.level_confirmed or (found.level if found else read_level(self.readings))
        if found is not None and level != found.level and not self._reading_grounded(level, english or ""):
            level = found.level
        if found is not None and found.level == level:
            self._note(FieldPath("organizer", attribute="level"), Evidence.of(found.span, "exact"))
        return Organizer(name=name, level=level)

    def _reading_grounded(self, level: str, english: str) -> bool:
        """A level read against the lead's words: the model's English name states it, and the lead sentence has
        words for it too (an article's many mentions of the Central Committee do not make it the host)."""
        event = self.facts.dates[0] if self.facts.dates else None
        return level_named_in(english) == level and level in rules.levels_in_lead(self.article.text, event)

    def _province(self, drafted: str | None) -> str | None:
        """The province the article names first; the model's only when the rules found none."""
        if self.facts.province is None:
            return self._place(FieldPath("province"), drafted)
        found = self.facts.province
        status = "exact" if found.span.text == found.name else "fuzzy"
        self._note(FieldPath("province"), Evidence.of(found.span, status))
        return found.name

    def _period(self, draft: Draft) -> Period | None:
        """The model's answer to "which period was reviewed?" when asked; else the years the lead says were
        reviewed, and the draft's only when the lead names none."""
        if self.readings is not None and self.readings.period_asked:
            return self._asked_period(self.readings.period)
        found = rules.find_review_period(self.article.text, self.facts.dates[0] if self.facts.dates else None)
        if found:
            self._note(FieldPath("period"), self.article.locate_number(found.start))
            return Period(start_year=found.start, end_year=found.end)
        return draft.period if draft.period and draft.period.start_year else None

    def _asked_period(self, answer: tuple[int, int] | None) -> Period | None:
        if answer is None:
            return None
        self._note(FieldPath("period"), self.article.locate_number(answer[0]))
        return Period(start_year=answer[0], end_year=answer[1])

    def _format(self) -> str | None:
        """What the article says about how the event was held; a model's guess is not evidence."""
        found = self.facts.format
        if found is None:
            return None
        self._note(FieldPath("format"), Evidence.of(found.span, "exact"))
        return found.kind

    def _presided(self, person: DraftPerson, read: ReadPerson | None) -> bool:
        """Whether this drafted person chaired. Asked: the majority of three readings (the answer to "who
        chaired?", the draft's role, a sentence naming the person that says someone chaired or presided), so the
        word list only breaks a tie between the model's two readings. Not asked: the draft's role, kept when a
        sentence naming the person says so. A name no one's (`read` None) is left out of the record anyway."""
        if read is None:
            return False
        drafted = person.role == "chair"
        if self.readings is None or self.readings.chairs is None:
            return drafted and self._sentence_says_chaired(read[1])
        names = [clean_name(person.name), read[0]]
        answered = any(_same_name(name, chair) for name in names for chair in self.readings.chairs)
        return answered if answered == drafted else self._sentence_says_chaired(read[1])

    def _sentence_says_chaired(self, evidence: Evidence) -> bool:
        if not evidence.grounded or evidence.start is None or evidence.end is None:
            return True  # nothing to check it against; the name is dropped later anyway
        mentions = [m.start() for m in re.finditer(re.escape(evidence.text or ""), self.article.text)]
        spans = [Span(start, start + len(evidence.text or ""), evidence.text or "") for start in mentions]
        return any(rules.chairs_in_sentence(self.article.text, span) for span in spans)

    def _people(self, role: str, people: list[tuple[DraftPerson, ReadPerson | None]]) -> list[Person]:
        kept: list[Person] = []
        for person, read in people:
            if read is None or any(_same_name(read[0], other.name) for other in kept):
                continue
            name, evidence = read
            if self._accept(FieldPath(role, len(kept), "name"), evidence, name):
                kept.append(Person(name=name, titles=person.titles))
        return kept

    def _add_missed_people(self, record: ConferenceRecord) -> None:
        """Names the rules found in the article that the model left out: chairs when their sentence says
        someone presided, otherwise participants."""
        known = [person.name for person in record.chairs + record.participants] + [record.author or ""]
        # Where a listed name was found in the article: the same characters are the same person, however the
        # rules romanize them (タイ is Thai or Tai).
        listed = ("chairs[", "participants[", "author")
        taken = [(e.start, e.end) for path, e in self.evidence.items()
                 if path.startswith(listed) and e.start is not None and e.end is not None]  # fmt: skip
        found = [rules.NameMatch(span, read_name(span.text) or span.text) for span in self.facts.people]
        for match in found + rules.find_arabic_script_names(self.article.text):
            span, name = match.span, match.name
            known_already = any(_same_name(name, other) for other in known)
            if _overlaps_any(span.start, span.end, taken) or known_already or not _attendee_name(name):
                continue  # a place or a word that starts like a surname is no one's name
            known.append(name)
            role = "chairs" if self._chaired(name, span) else "participants"
            people = getattr(record, role)
            status = "exact" if script_of(span.text) in ("latin", "cyrillic") else "fuzzy"
            self._note(FieldPath(role, len(people), "name"), Evidence.of(span, status))
            people.append(Person(name=name))

    def _chaired(self, name: str, span: Span) -> bool:
        if self.readings is not None and self.readings.chairs is not None:
            return any(_same_name(name, chair) or _within_name(name, chair) for chair in self.readings.chairs)
        return rules.chairs_in_sentence(self.article.text, span)

    def _author(self) -> str | None:
        byline = self.facts.byline
        if byline is None:
            return None
        name = read_name(byline.text)
        if name is None:
            return None
        name = _without_by_word(name)
        restored = restore_translated_syllables(name, surname_first=False)
        self._note(FieldPath("author"), Evidence.of(byline, "exact"))
        return restored if is_vietnamese_name(restored) else name

    def _url(self) -> str | None:
        if not self.facts.urls:
            return None
        url = self.facts.urls[-1]
        self._note(FieldPath("source_url"), Evidence.of(url, "exact"))
        return url.text

    # -- documents and figures ----------------------------------------------------------------------------

    def _documents(self, drafted: list[DraftDocument]) -> list[DocumentRef]:
        documents: list[DocumentRef] = []
        seen: set[str] = set()
        for code in self.facts.codes:
            if code.number not in seen:
                seen.add(code.number)
                printed = rules.canonical_code(code.span.text) == code.number
                evidence = Evidence.of(code.span, "exact" if printed else "fuzzy", 100.0 if printed else 90.0)
                self._note(FieldPath("documents", len(documents), "number"), evidence)
                documents.append(DocumentRef(kind=code.kind, number=code.number, issuer=_issuer_of(code.number)))
        for document in drafted:
            number = rules.rebuild_code(document.number, document.kind, document.issuer)
            if number in seen:
                continue
            if number is not None:
                evidence = self.article.locate_code(number)
                if _cited_at(evidence, self.facts.codes):
                    continue  # the number the rules read there, with the kind and issuer its words give
                if not self._accept(FieldPath("documents", len(documents), "number"), evidence, number):
                    number = None
                seen.add(number or "")
            documents.append(DocumentRef(kind=document.kind, number=number, issuer=document.issuer))
        return documents

    def _figures(self, draft: Draft) -> list[Figure]:
        figures: list[Figure] = []
        excluded = self._spans_not_figures()
        used: set[int] = set()
        for figure in draft.figures:
            evidence = self._number_evidence(figure.value, excluded, used)
            if self._accept(FieldPath("figures", len(figures), "value"), evidence, f"{figure.value:g}"):
                if evidence.start is not None:
                    used.add(evidence.start)
                figures.append(Figure(value=figure.value, unit=figure.unit, description=figure.description))
        return figures + (self._figures_the_model_missed(figures, excluded) if self.complete else [])

    def _figures_the_model_missed(self, kept: list[Figure], excluded: list[Span]) -> list[Figure]:
        """Quantities the rules read in the article that the model left out (one per value and kind)."""
        seen = {(figure.value, figure.unit == "%") for figure in kept}
        added: list[Figure] = []
        for figure in rules.find_figures(self.article.text, excluded, self.facts.language):
            if (figure.value, figure.percent) in seen:
                continue
            seen.add((figure.value, figure.percent))
            self._note(FieldPath("figures", len(kept) + len(added), "value"), Evidence.of(figure.span, "exact"))
            added.append(Figure(value=figure.value, unit="%" if figure.percent else None, description=""))
        return added

    def _spans_not_figures(self) -> list[Span]:
        """Numbers inside dates, document codes and web addresses are not figures."""
        return [date.span for date in self.facts.dates] + [code.span for code in self.facts.codes] + self.facts.urls

    def _number_evidence(self, value: float, excluded: list[Span], used: set[int]) -> Evidence:
        if 1900 <= value <= 2100 and value == int(value):
            return NOT_FOUND  # a year, not a quantity
        for mention in numbers_in(self.article.text):
            inside = any(span.start <= mention.span.start < span.end for span in excluded)
            if abs(mention.value - value) < 1e-9 and not inside and mention.span.start not in used:
                return Evidence.of(mention.span, "exact")
        return NOT_FOUND


def _organizer(draft: Draft) -> Organizer | None:
    if draft.organizer is None:
        return None
    name = draft.organizer.name
    return Organizer(name=name, level=level_named_in(name) or draft.organizer.level)


_ENGLISH_BODY_WORDS = re.compile(
    r"\b(?:committee|commission|politburo|secretariat|bloc|council|congress|department|board)\b", re.I
)
_NAMES_BY_LEVEL = {
    "provincial": "{province} Provincial Party Committee",
    "city": "{locality} City Party Committee",
    "district": "{locality} District Party Committee",
    "commune": "{locality} Commune Party Committee",
    "agency_bloc": "Party Committee of the {province} Provincial Agencies Bloc",
}


def reads_as_english(name: str) -> bool:
    """A body's name in English: Latin script with an English word for a body in it."""
    return script_of(name) == "latin" and _ENGLISH_BODY_WORDS.search(name) is not None


def names_its_level(organizer: Organizer) -> bool:
    """The name is in English and states no other level than the body's ("Central Committee" for a city's body
    is the model naming another body)."""
    named = level_named_in(organizer.name)
    return reads_as_english(organizer.name) and named in (None, organizer.level)


def composed_name(record: ConferenceRecord) -> str | None:
    """The body's usual English name from its level and its place, when the record has both."""
    level = record.organizer.level if record.organizer else None
    if level == "provincial" and record.province in CENTRALLY_RUN_CITIES:
        return CENTRALLY_RUN_CITIES[record.province]  # at provincial level, the committee is the city's
    pattern = _NAMES_BY_LEVEL.get(level or "")
    needed = record.locality if pattern and "{locality}" in pattern else record.province
    if pattern is None or not needed:
        return None
    return pattern.format(province=record.province, locality=record.locality)


# "By" opening a byline: "Von Ngoc Son", "Par Bao Anh", "Por Kim Oanh".
_BY_WORDS = ("by", "von", "par", "por", "di", "av", "af", "door", "oleh", "tarafından")


def _without_by_word(name: str) -> str:
    words = name.split()
    return " ".join(words[1:]) if len(words) >= 3 and words[0].lower() in _BY_WORDS else name


def clean_name(raw: str) -> str:
    """The name alone, in Latin script: address words and titles removed, other scripts romanized."""
    raw = raw.strip()
    for prefix in ADDRESS_PREFIXES:
        if raw.lower().startswith(prefix):
            raw = raw[len(prefix) :]
    for suffix in HONORIFIC_SUFFIXES:
        raw = raw.removesuffix(suffix)
    words = [word for word in re.split(r"\s+", raw) if word.strip(".,:").lower() not in ADDRESS_WORDS]
    name = " ".join(words).strip(" ,.;:-–")
    if script_of(name) != "latin":
        name = romanize_name(name) or name
    return name


def _same_name(a: str, b: str) -> bool:
    return normalize_text(a) == normalize_text(b)


def _within_name(found: str, read: str) -> bool:
    """A name the rules found, written inside the model's longer reading of it (an address word the draft
    misspelled and so kept before the name): the same person."""
    inner, outer = normalize_text(found).split(), normalize_text(read).split()
    if len(inner) < 2 or len(inner) >= len(outer):
        return False
    return any(outer[i : i + len(inner)] == inner for i in range(len(outer) - len(inner) + 1))


def _cited_at(evidence: Evidence, codes: list[rules.CodeMatch]) -> bool:
    """The drafted number is found where the rules read a cited document: the same citation."""
    return any(evidence.overlaps(code.span.start, code.span.end) for code in codes)


def _issuer_of(code: str) -> str | None:
    suffix = code.rsplit("/", 1)[-1].split("-")[-1].rstrip("0123456789")  # QH15: the 15th National Assembly
    return {"TW": "Central Committee", "TU": "Provincial Party Committee", "HU": "District Party Committee",
            "CP": "Government", "QH": "National Assembly",
            "UBTVQH": "Standing Committee of the National Assembly"}.get(suffix)  # fmt: skip


def plausible_year(year: int | None, month: int, day: int) -> int | None:
    """A year the model gave (in its draft or its answer), moved to the nearest leap year when the date is
    29 February."""
    if year is None or (month, day) != (2, 29) or calendar.isleap(year):
        return year
    leap_years = [y for y in range(year - 4, year + 5) if calendar.isleap(y)]
    return min(leap_years, key=lambda y: abs(y - year)) if leap_years else None


def _empty_event(record: ConferenceRecord) -> ConferenceRecord:
    """Not a conference: only what says what the article is (title, summary, language). The labelling
    convention leaves every event field empty, the byline and URL included."""
    return ConferenceRecord(
        is_conference=False, title=record.title, summary=record.summary, source_language=record.source_language
    )


def read_person(article: FoldedArticle, drafted: str) -> ReadPerson | None:
    """A name the model wrote, as the record will write it, with where the article has it; None for what is no
    one's name: nothing left once cleaned, or found in the article but not a Vietnamese name (a misread, or a
    syllable translated into a word); and None for a name of no attendee (the founder's)."""
    name = clean_name(drafted)
    if not name:
        return None
    evidence = article.locate_text(name)
    name = restore_translated_syllables(_read_in_place(evidence) or name)
    if _the_founder(name) or (evidence.grounded and not is_vietnamese_name(name)):
        return None
    return name, evidence


def _place_as_written(evidence: Evidence) -> str | None:
    """A place the model named, read from the article's own letters where they are not Latin ones: a small model
    spells a name in Cyrillic, say, letter by letter ("Tkhui Nguen"), where the reader gives its syllables
    ("Thuy Nguyen"). None where the letters are Latin or do not read as Vietnamese syllables."""
    written = (evidence.text or "").strip(" \t\n.,:;!?«»\"'()")
    if not evidence.grounded or not written or script_of(written) == "latin":
        return None
    read = read_place(written)
    return read if read and is_vietnamese_name(read) else None


def _without_hyphens(place: str) -> str:
    """A place whose syllables are joined by hyphens, as older and foreign spellings join them ("Vinh-Yen",
    "Dien-Bien-Phu"), written as Vietnamese writes it, syllable by syllable. A name already written in words keeps
    its hyphens: there one joins two names ("Phan Rang-Thap Cham")."""
    if len(place.split()) > 1:
        return place
    return " ".join(part.capitalize() if part.islower() else part for part in re.split(r"[-–]", place.strip()) if part)


def _overlaps_any(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in taken)


def _attendee_name(name: str) -> bool:
    return is_vietnamese_name(name) and not _the_founder(name)


def _the_founder(name: str) -> bool:
    return normalize_text(name) in NAMES_OF_NO_ATTENDEE


def _read_in_place(evidence: Evidence) -> str | None:
    """A name found in Greek letters or another phonetic script, read syllable by syllable from the article's
    letters: a small model spells those letters out letter by letter, where each syllable snaps to a Vietnamese one.
    Katakana and Cyrillic spellings are ambiguous (タイ is Thai or Tai), so there the model's reading stays."""
    if not evidence.grounded or not evidence.text:
        return None
    return romanize_by_syllables(evidence.text)


def named_people(text: str, facts: Facts, draft: Draft) -> list[str]:
    """Every person the article names that the draft or the rules found, once, cleaned as the record will write
    them. A name the model wrote that the article does not have is left out: the question is which of the
    article's people chaired."""
    article = FoldedArticle(text)
    found: list[tuple[str, int, int]] = []
    for person in draft.people:
        read = read_person(article, person.name)
        if read is not None and read[1].grounded and read[1].start is not None and read[1].end is not None:
            found.append((read[0], read[1].start, read[1].end))
    found += [(read_name(span.text) or span.text, span.start, span.end) for span in facts.people]
    found += [(match.name, match.span.start, match.span.end) for match in rules.find_arabic_script_names(text)]
    unique: list[str] = []
    taken: list[tuple[int, int]] = []
    for name, start, end in found:
        # The same letters read twice (by the model and by the rules, Chinh and Trinh) are one person.
        named_already = _overlaps_any(start, end, taken) or any(_same_name(name, other) for other in unique)
        if not name or named_already or _the_founder(name):
            continue
        unique.append(name)
        taken.append((start, end))
    return unique
