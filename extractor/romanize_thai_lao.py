"""Vietnamese names written in Thai or Lao letters, read back syllable by syllable.

Thai and Lao spell each syllable of a Vietnamese name as a word of its own ("เหงียน วัน ...") by sound, with
tone marks that vary from one writer to the next. A syllable is read by its letters without those marks, looked
up among the usual spellings of the frequent Vietnamese name syllables (name_syllables, most frequent first).
"""

from __future__ import annotations

import re
import unicodedata

from extractor.name_syllables import NAME_SYLLABLES
from extractor.thai_lao_spellings import LAO_SPELLINGS, THAI_SPELLINGS

# Tone marks, the Thai mai taikhu and the signs that silence a letter: they vary, the letters do not.
_MARKS = re.compile("[\u0e47-\u0e4c\u0ec8-\u0ecc]")


def in_thai_or_lao(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0eff" for ch in text)


def _bare(word: str) -> str:
    """The letters without tone marks; NFKC writes Lao ຳ as ໍ + າ and Thai ำ as ํ + า, as either is typed."""
    return _MARKS.sub("", unicodedata.normalize("NFKC", word))


def _table() -> dict[str, str]:
    """Spelling without marks -> syllable; a spelling shared by two syllables reads as the more frequent."""
    rank = {syllable: position for position, syllable in enumerate(NAME_SYLLABLES)}
    table: dict[str, str] = {}
    for spellings in (THAI_SPELLINGS, LAO_SPELLINGS):
        for syllable in sorted(spellings, key=lambda s: rank.get(s, len(rank))):
            for spelling in spellings[syllable]:
                table.setdefault(_bare(spelling), syllable)
    return table


_SYLLABLES = _table()


def read_thai_lao_syllable(word: str) -> str | None:
    return _SYLLABLES.get(_bare(word))


def read_thai_lao_name(text: str) -> str | None:
    """The name in Latin letters when every word of `text` is a known spelling of a name syllable; else None."""
    if not in_thai_or_lao(text):
        return None
    syllables = [read_thai_lao_syllable(word) for word in text.split()]
    return " ".join(syllables) if syllables and all(syllables) else None  # type: ignore[arg-type]
