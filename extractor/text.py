"""Text primitives shared by the extractors, the grounding and the scorer."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the original article, and what they say."""

    start: int
    end: int
    text: str


def fold_digits(text: str) -> str:
    """Every Unicode decimal digit (Persian, Arabic-Indic, fullwidth, Devanagari...) as its ASCII digit."""
    return "".join(str(digit) if (digit := unicodedata.decimal(ch, None)) is not None else ch for ch in text)
