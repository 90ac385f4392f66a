"""One summary of a pydantic ValidationError: the model's answers, gold files and stored records alike."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from extractor.core.validation import first_problem, summarize_validation_error
from extractor.schemas.record import ConferenceRecord


def error_of(data: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        ConferenceRecord.model_validate_json(data) if isinstance(data, str) else ConferenceRecord.model_validate(data)
    return caught.value


def test_each_field_in_a_few_words_with_the_value_given() -> None:
    error = error_of({"is_conference": True, "source_language": "Polish", "date": {"month": 13}})
    summary = summarize_validation_error(error)
    assert summary.startswith("source_language: ") and "(got 'Polish')" in summary
    assert "date.month: Input should be less than or equal to 12 (got 13)" in summary


def test_beyond_the_limit_only_the_count_is_given() -> None:
    assert first_problem(error_of({})) == "is_conference: Field required; and 1 more"


def test_a_scrubbed_secret_never_shows_even_in_part() -> None:
    error = error_of({"is_conference": True, "source_language": "sk-secret-" + "x" * 80})
    summary = summarize_validation_error(error, scrub=lambda text: text.replace("sk-secret-" + "x" * 80, "***"))
    assert "secret" not in summary and "(got '***')" in summary


@pytest.mark.parametrize(("text", "said"), [("", "the answer was empty"), ("{no", "the answer is not valid JSON")])
def test_an_answer_that_is_no_json_is_named_as_a_whole(text: str, said: str) -> None:
    assert summarize_validation_error(error_of(text)) == said
    assert first_problem(error_of(text)) == said.replace("the answer", "the record")
