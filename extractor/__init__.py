"""Structured extraction of Vietnamese Party conference records from news articles in any language.

from extractor import extract
result = extract(open("article.txt").read())
result.record.date, result.run.seconds
"""

# checkout comes first (and sorts first): it makes extractor.schemas importable in a bare checkout
from extractor import checkout  # noqa: F401
from extractor.config import Settings
from extractor.errors import EndpointError, ExtractionFailed, ExtractorError, InputError
from extractor.pipeline import ExtractionResult, RunInfo, aextract, extract
from extractor.schemas.record import ConferenceRecord

__all__ = [
    "ConferenceRecord",
    "EndpointError",
    "ExtractionFailed",
    "ExtractionResult",
    "ExtractorError",
    "InputError",
    "RunInfo",
    "Settings",
    "aextract",
    "extract",
]
