"""Running from a checkout with no install: schemas/ and prompts/ at the top of the repository serve as
extractor.schemas and extractor.prompts, as pyproject's package-dir maps them at install time."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from pathlib import Path

_CHECKOUT_PACKAGES = {"extractor.schemas": "schemas", "extractor.prompts": "prompts"}
"""Subpackages kept at the top of the repository, which an install maps into the package (see pyproject)."""


class CheckoutFinder:
    """Finds extractor.schemas and extractor.prompts at the top of a checkout that is not installed.

    It is asked last: an install (editable or not) answers first, so this only serves a bare checkout.
    """

    def __init__(self, repository: Path) -> None:
        self.repository = repository

    def find_spec(self, name: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        if name not in _CHECKOUT_PACKAGES:
            return None  # their submodules are found through the __path__ given below
        directory = self.repository / _CHECKOUT_PACKAGES[name]
        return importlib.util.spec_from_file_location(
            name, directory / "__init__.py", submodule_search_locations=[str(directory)]
        )


def _serve_the_checkout() -> None:
    repository = Path(__file__).resolve().parent.parent
    present = all((repository / folder / "__init__.py").is_file() for folder in _CHECKOUT_PACKAGES.values())
    if present and not any(isinstance(finder, CheckoutFinder) for finder in sys.meta_path):
        sys.meta_path.append(CheckoutFinder(repository))


_serve_the_checkout()
