"""Pydantic models of the conference record (installed as extractor.schemas)."""

from extractor.schemas.record import (
    Award,
    ConferenceRecord,
    DocumentRef,
    EventDate,
    Figure,
    Organizer,
    Period,
    Person,
)

__all__ = ["Award", "ConferenceRecord", "DocumentRef", "EventDate", "Figure", "Organizer", "Period", "Person"]
