"""Bad input: a one-line message naming the problem and a documented non-zero exit code, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.errors import InputError
from extractor.textio import read_article

CASES = {
    "empty": b"",
    "whitespace": b" \n\t  \r\n",
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "nul": b"abc\x00def",
    "cp1250": "Konference se zúčastnil předseda".encode("cp1250"),
}
MESSAGES = {
    "empty": "the article is empty",
    "whitespace": "the article is empty",
    "pdf": "looks like a PDF",
    "png": "looks like a PNG image",
    "nul": "NUL bytes",
    "cp1250": "not UTF-8 text",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_read_article_refuses_what_is_not_text(tmp_path: Path, case: str) -> None:
    path = tmp_path / f"{case}.txt"
    path.write_bytes(CASES[case])
    with pytest.raises(InputError, match=MESSAGES[case]):
        read_article(path)


def test_utf8_with_bom_is_read_without_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHội nghị".encode())
    assert read_article(path) == "Hội nghị"


@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_exits_2_with_one_line_and_no_traceback(tmp_path: Path, case: str) -> None:
    path = tmp_path / f"{case}.txt"
    path.write_bytes(CASES[case])

    result = CliRunner().invoke(app, ["extract", str(path)])

    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and MESSAGES[case] in lines[0]


def test_cli_missing_path_and_directory(tmp_path: Path) -> None:
    missing = CliRunner().invoke(app, ["extract", str(tmp_path / "nope.txt")])
    directory = CliRunner().invoke(app, ["extract", str(tmp_path)])

    assert missing.exit_code == 2 and "no such file" in missing.output
    assert directory.exit_code == 2 and "no *.txt articles" in directory.output


def test_unreachable_endpoint_exits_3_in_one_line(tmp_path: Path, unused_port: int) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Am 3. März tagte das Parteikomitee.", encoding="utf-8")
    url = f"http://127.0.0.1:{unused_port}/v1"

    result = CliRunner().invoke(app, ["extract", str(article), "--base-url", url, "--model", "m"])

    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    assert f"cannot reach {url}" in result.output


def test_unknown_template_is_a_clear_error(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("text", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(article), "--template", "no-such-template"])
    assert result.exit_code == 1 and "no template 'no-such-template'" in result.output
