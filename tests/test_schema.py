"""The record schema follows the contract: names, enums, nesting."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from extractor.schemas.record import ConferenceRecord

MINIMAL = {"is_conference": True, "source_language": "cs"}


def test_minimal_record_fills_contract_defaults() -> None:
    record = ConferenceRecord.model_validate(MINIMAL)
    assert record.chairs == [] and record.documents == [] and record.date is None and record.format is None


def test_contract_field_names_are_all_present() -> None:
    names = set(ConferenceRecord.model_fields)
    assert names >= {
        "is_conference", "title", "summary", "source_language", "date", "organizer", "province", "locality",
        "format", "purpose", "period", "chairs", "participants", "documents", "figures", "tasks", "awards",
        "author", "source_url",
    }  # fmt: skip


@pytest.mark.parametrize(
    "patch",
    [
        {"format": "zoom"},
        {"date": {"part_of_day": "noon"}},
        {"date": {"month": 13}},
        {"organizer": {"name": "X", "level": "national"}},
        {"documents": [{"kind": "memo", "number": "1"}]},
        {"source_language": "Polish"},
        {"chairs": [{"name": ""}]},
    ],
)
def test_values_outside_the_contract_are_rejected(patch: dict) -> None:
    with pytest.raises(ValidationError):
        ConferenceRecord.model_validate({**MINIMAL, **patch})


def test_language_code_is_normalized() -> None:
    assert ConferenceRecord.model_validate({**MINIMAL, "source_language": " PL "}).source_language == "pl"


def test_json_schema_has_enums_for_the_model() -> None:
    schema = ConferenceRecord.model_json_schema()
    assert set(schema["$defs"]["EventDate"]["properties"]["part_of_day"]["anyOf"][0]["enum"]) == {
        "morning", "afternoon", "evening",
    }  # fmt: skip
