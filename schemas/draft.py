"""What the model writes in the hybrid pipeline: only what a model does better than rules.

Language, date, URL, byline and full document codes come from deterministic extractors; names are grounded
and normalized afterwards. Keys are short and ordered so that a small model reasons in a useful order.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.json_schema import SkipJsonSchema

from extractor.schemas.record import Award, DocumentKind, EventFormat, OrganizerLevel, Period


class _Draft(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class DraftOrganizer(_Draft):
    name: str = Field(description="English name of the body that held the event.")
    level: OrganizerLevel


class DraftPerson(_Draft):
    name: str = Field(description="The person's name only, Vietnamese order, Latin script; no 'comrade', no title.")
    role: Literal["chair", "participant"] = Field(description="chair if they chaired/presided the event.")
    titles: list[str] = Field(default_factory=list, max_length=4, description="English positions.")


class DraftDocument(_Draft):
    kind: DocumentKind
    number: str | None = Field(None, description="The document's number or code as written, e.g. '35' or '12-NQ/TW'.")
    issuer: str | None = Field(None, description="English name of the issuing body.")


class DraftFigure(_Draft):
    value: float = Field(description="The number as written in the article, as a plain number.")
    unit: str | None = Field(None, description="What is counted: '%', 'participants', 'classes'...")
    description: str = Field("", description="English: what the number counts.")


class Draft(_Draft):
    """The model's part of a conference record."""

    is_conference: bool
    title: str = Field("", description="Short English headline.")
    summary: str = Field("", description="1-2 English sentences.")
    organizer: DraftOrganizer | None = None
    province: str | None = Field(None, description="Vietnamese province, Latin script.")
    locality: str | None = Field(None, description="City/district/commune below the province, Latin script.")
    format: EventFormat | None = None
    event_year: int | None = Field(None, ge=1900, le=2100, description="Year the event took place.")
    period: Period | None = None
    purpose: str = ""
    people: list[DraftPerson] = Field(default_factory=list, max_length=20)
    documents: list[DraftDocument] = Field(default_factory=list, max_length=12)
    figures: list[DraftFigure] = Field(default_factory=list, max_length=24)
    tasks: list[str] = Field(default_factory=list, max_length=6)
    awards: list[Award] = Field(default_factory=list, max_length=8)


class QuestionedDraft(Draft):
    """The draft when short questions follow it: the model writes the free text and the people, and nothing
    that a question or a rule decides. The questions read the body that held the event (its English name and
    level), the event's year and the reviewed period; the rules find the format, the figures and the cited
    documents (printed codes, and citations by kind, number and issuer). Awards are left out: the embedded
    model's awards matched almost nothing a reader labelled (token overlap 0.06 on the dev set). Each field left
    out is left out of the schema too, so no token is spent writing it."""

    organizer: SkipJsonSchema[DraftOrganizer | None] = None
    format: SkipJsonSchema[EventFormat | None] = None
    event_year: SkipJsonSchema[int | None] = None
    period: SkipJsonSchema[Period | None] = None
    documents: SkipJsonSchema[list[DraftDocument]] = Field(default_factory=list)
    figures: SkipJsonSchema[list[DraftFigure]] = Field(default_factory=list)
    awards: SkipJsonSchema[list[Award]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _only_what_the_schema_asks(self) -> QuestionedDraft:
        """An endpoint that does not constrain answers to the schema may still write the fields left out of it;
        what it writes there is dropped, since the questions and the rules decide those fields."""
        for name, field in type(self).model_fields.items():
            if any(isinstance(meta, SkipJsonSchema) for meta in field.metadata):
                setattr(self, name, field.get_default(call_default_factory=True))
        return self
