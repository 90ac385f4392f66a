"""The corpus commands: records, export, link, people."""

from __future__ import annotations

from collections.abc import Callable

COMMANDS: list[Callable[..., None]] = []
