"""The README's two set-up commands are the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    block = re.search(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert block, "the README starts with a shell block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_the_readme_opens_with_the_main_job_and_the_test_command() -> None:
    main_job, tests = readme_commands()[:2]
    assert "pip install '.[local]'" in main_job and "extractor extract seeds/" in main_job
    assert "pytest" in tests and "e2e" in tests


def test_ci_runs_the_readme_test_command() -> None:
    assert readme_commands()[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
