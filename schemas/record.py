"""The conference record: the field contract of ../shared/record-contract.md as Pydantic models.

Field descriptions are written for the model: they reach it through the JSON
schema that constrains decoding and through the prompt's field guide.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

PartOfDay = Literal["morning", "afternoon", "evening"]
OrganizerLevel = Literal["central", "provincial", "city", "district", "commune", "agency_bloc", "other"]
EventFormat = Literal["in_person", "online", "hybrid"]
DocumentKind = Literal[
    "resolution", "directive", "plan", "decree", "instruction", "conclusion", "regulation", "charter", "other"
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class EventDate(_Model):
    year: int | None = Field(None, ge=1900, le=2100, description="Four-digit year of the event, or null.")
    month: int | None = Field(None, ge=1, le=12, description="Month number 1-12, or null.")
    day: int | None = Field(None, ge=1, le=31, description="Day of the month 1-31, or null.")
    part_of_day: PartOfDay | None = Field(
        None, description="morning / afternoon / evening when the article says so, else null."
    )
    year_inferred: bool = Field(
        False, description="true when the year is not written next to the date but follows from the article."
    )


class Organizer(_Model):
    name: str = Field(
        description="English name of the body that held the event, e.g. 'Ninh Binh Provincial Party Committee'."
    )
    level: OrganizerLevel = Field(description="Administrative level of that body.")


class Period(_Model):
    start_year: int | None = Field(None, ge=1900, le=2100)
    end_year: int | None = Field(None, ge=1900, le=2100)


class Person(_Model):
    name: str = Field(
        description="Vietnamese personal name in Latin script, family name first, without titles such as 'comrade'."
    )
    titles: list[str] = Field(default_factory=list, max_length=4, description="English positions held, one per item.")

    @field_validator("name")
    @classmethod
    def _name_is_not_empty(cls, value: str) -> str:
        if not value:
            raise ValueError("a person needs a name")
        return value


class DocumentRef(_Model):
    kind: DocumentKind = Field(description="Type of the Party/State document.")
    number: str | None = Field(
        None, description="Vietnamese document code such as '12-NQ/TW' or '45/2019/ND-CP', or null if none is given."
    )
    issuer: str | None = Field(None, description="English name of the issuing body, e.g. 'Politburo'.")


class Figure(_Model):
    value: float = Field(description="The quantity as a plain number: '12 500' is 12500, '75%' is 75.")
    unit: str | None = Field(None, description="Unit such as '%', 'participants', 'classes', or null.")
    description: str = Field("", description="English: what was counted.")


class Award(_Model):
    recipient: str = Field(description="English: who received the award.")
    award: str = Field(description="English name of the award.")
    count: int | None = Field(None, description="How many were given, if stated.")


class ConferenceRecord(_Model):
    """One meeting or conference of a Vietnamese Party organization, in English and Latin script."""

    is_conference: bool = Field(description="true when the article reports a concrete meeting or conference.")
    title: str = Field("", description="Short English headline of the event.")
    summary: str = Field("", description="1-3 English sentences summarizing the event.")
    source_language: str = Field(description="ISO 639-1 code of the article's language, e.g. 'de', 'ar', 'ja'.")
    date: EventDate | None = Field(None, description="When the event took place.")
    organizer: Organizer | None = Field(None, description="The body that held the event.")
    province: str | None = Field(None, description="Vietnamese province concerned, Latin script without diacritics.")
    locality: str | None = Field(None, description="City, district or commune below the province, Latin script.")
    format: EventFormat | None = Field(None, description="in_person, online or hybrid; null if not stated.")
    purpose: str = Field("", description="English: what the event was for.")
    period: Period | None = Field(None, description="Years of the period whose work was reviewed.")
    chairs: list[Person] = Field(default_factory=list, max_length=6, description="People who chaired or presided.")
    participants: list[Person] = Field(
        default_factory=list, max_length=20, description="Other named people who attended or spoke (not the chairs)."
    )
    documents: list[DocumentRef] = Field(
        default_factory=list, max_length=12, description="Party/State documents cited."
    )
    figures: list[Figure] = Field(default_factory=list, max_length=24, description="Key quantities reported.")
    tasks: list[str] = Field(default_factory=list, max_length=10, description="English: main tasks set for the future.")
    awards: list[Award] = Field(default_factory=list, max_length=8, description="Awards handed out at the event.")
    author: str | None = Field(None, description="Byline (author name) in Latin script, or null.")
    source_url: str | None = Field(None, description="URL printed in the article, or null.")

    @field_validator("source_language")
    @classmethod
    def _iso_639_1(cls, value: str) -> str:
        code = value.strip().lower()
        if len(code) != 2 or not code.isalpha():
            raise ValueError("source_language must be a two-letter ISO 639-1 code such as 'de'")
        return code
