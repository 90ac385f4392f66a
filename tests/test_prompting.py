"""Prompt templates: selection by name or path, rendering, and the sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.errors import ExtractorError
from extractor.prompting import builtin_templates, field_guide, load_template
from extractor.schemas.record import ConferenceRecord

ARTICLE = "Am Morgen des 5. Mai tagte das Parteikomitee."


def test_builtin_templates_are_shipped_with_the_package() -> None:
    assert {"default", "naive"} <= set(builtin_templates())


def test_default_prompt_asks_for_english_latin_names_and_nulls() -> None:
    system, user = load_template("default").render(ARTICLE, ConferenceRecord)

    assert system["role"] == "system" and user["role"] == "user"
    text = system["content"].lower()
    assert "english" in text and "latin script" in text and "null" in text
    assert "comrade" in text
    assert ARTICLE in user["content"]
    assert "{{" not in system["content"] + user["content"]


def test_naive_prompt_carries_the_json_schema() -> None:
    system, _ = load_template("naive").render(ARTICLE, ConferenceRecord)
    assert '"is_conference"' in system["content"] and '"documents"' in system["content"]


def test_template_from_a_directory(tmp_path: Path) -> None:
    (tmp_path / "system.j2").write_text("Fields: {{ field_guide | map(attribute='path') | join(',') }}")
    (tmp_path / "user.j2").write_text("<<{{ article }}>>")

    system, user = load_template(str(tmp_path)).render(ARTICLE, ConferenceRecord)

    assert "date.part_of_day" in system["content"] and "chairs[].name" in system["content"]
    assert user["content"] == f"<<{ARTICLE}>>"


def test_template_hash_changes_with_its_text(tmp_path: Path) -> None:
    (tmp_path / "system.j2").write_text("a")
    (tmp_path / "user.j2").write_text("{{ article }}")
    before = load_template(str(tmp_path)).sha256
    (tmp_path / "system.j2").write_text("b")
    assert load_template(str(tmp_path)).sha256 != before


@pytest.mark.parametrize(
    "hostile",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ article.__class__.__init__.__globals__ }}",
        "{% set x = [].append(1) %}{{ x }}",
    ],
)
def test_user_templates_cannot_reach_python_internals(tmp_path: Path, hostile: str) -> None:
    (tmp_path / "system.j2").write_text(hostile)
    (tmp_path / "user.j2").write_text("{{ article }}")
    with pytest.raises(ExtractorError, match="failed to render"):
        load_template(str(tmp_path)).render(ARTICLE, ConferenceRecord)


def test_undefined_variables_are_errors_not_blanks(tmp_path: Path) -> None:
    (tmp_path / "system.j2").write_text("{{ artcle }}")
    (tmp_path / "user.j2").write_text("x")
    with pytest.raises(ExtractorError, match="artcle"):
        load_template(str(tmp_path)).render(ARTICLE, ConferenceRecord)


def test_directory_without_parts_is_refused(tmp_path: Path) -> None:
    (tmp_path / "system.j2").write_text("x")
    with pytest.raises(ExtractorError, match=r"no user\.j2"):
        load_template(str(tmp_path))


def test_field_guide_uses_schema_descriptions() -> None:
    guide = {entry["path"]: entry["description"] for entry in field_guide(ConferenceRecord)}
    assert "comrade" in guide["chairs[].name"]
    assert guide["date.year_inferred"].startswith("true when")
