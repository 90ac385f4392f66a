"""A non-editable install ships every subpackage: pyproject lists them by hand (schemas/ and prompts/ are mapped)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def declared_packages() -> set[str]:
    listed = re.search(r"^packages = \[(.*?)\]", (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M | re.S)
    assert listed, "pyproject.toml lists the packages under [tool.setuptools]"
    return set(re.findall(r'"([^"]+)"', listed.group(1)))


def test_every_subpackage_of_extractor_is_declared_for_the_install() -> None:
    found = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "extractor").rglob("__init__.py")
    }
    assert found <= declared_packages(), f"add to pyproject's packages: {sorted(found - declared_packages())}"
