"""Typed field paths: one definition of the strings evidence is keyed by, and a way to follow them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.core.paths import FieldPath
from extractor.schemas.record import ConferenceRecord, Organizer, Person

ROOT = Path(__file__).resolve().parent.parent
WITH_EVIDENCE = [
    path for path in sorted(ROOT.glob("evals/runs/*/predictions/*/*.json"))
    if json.loads(path.read_text(encoding="utf-8")).get("evidence")
]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (FieldPath("province"), "province"),
        (FieldPath("organizer", attribute="level"), "organizer.level"),
        (FieldPath("chairs", 0, "name"), "chairs[0].name"),
        (FieldPath("documents", 12, "number"), "documents[12].number"),
        (FieldPath("tasks", 3), "tasks[3]"),
    ],
)
def test_a_path_writes_todays_string_and_parses_back(path: FieldPath, text: str) -> None:
    assert str(path) == text
    assert FieldPath.parse(text) == path


@pytest.mark.parametrize("text", ["", "chairs[", "chairs[x].name", "chairs[0]name", "Chairs[0].name"])
def test_what_is_no_path_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a field path"):
        FieldPath.parse(text)


def test_a_path_finds_its_value_and_none_where_the_record_has_none() -> None:
    record = ConferenceRecord(
        is_conference=True, source_language="vi", chairs=[Person(name="Le Anh Xuan")],
        organizer=Organizer(name="Provincial Party Committee", level="provincial"),
    )  # fmt: skip
    assert FieldPath("chairs", 0, "name").value_in(record) == "Le Anh Xuan"
    assert FieldPath("organizer", attribute="level").value_in(record) == "provincial"
    assert FieldPath("chairs", 1, "name").value_in(record) is None
    assert FieldPath("province").value_in(record) is None


def test_the_committed_runs_hold_evidence_to_check() -> None:
    assert len(WITH_EVIDENCE) >= 5


@pytest.mark.parametrize("path", WITH_EVIDENCE, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_grounded_evidence_key_of_a_committed_run_is_a_path_to_a_value_of_its_record(path: Path) -> None:
    prediction = json.loads(path.read_text(encoding="utf-8"))
    record = ConferenceRecord.model_validate(prediction["record"])
    for key, evidence in prediction["evidence"].items():
        field_path = FieldPath.parse(key)
        assert str(field_path) == key
        if evidence["status"] != "not_found":
            assert field_path.value_in(record) is not None, key
