"""Which script a text is written in, and the tests for CJK characters that recur across the extractors."""

from __future__ import annotations

import unicodedata

KANA_AND_HAN = "\u3040-\u30ff\u4e00-\u9fff"
"""Hiragana, katakana and the unified ideographs, as a regular-expression class body."""


def in_cjk_block(ch: str) -> bool:
    """From hiragana to the end of the unified ideographs (kana, bopomofo, CJK symbols and ideographs)."""
    return "\u3040" <= ch <= "\u9fff"


def in_unspaced_script(ch: str) -> bool:
    """Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, and kana with the ideographs."""
    return "\u0e00" <= ch <= "\u0eff" or "\u1000" <= ch <= "\u109f" or "\u1780" <= ch <= "\u17ff" or in_cjk_block(ch)


def is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7af"


def has_kana_or_han(text: str) -> bool:
    """Japanese kana or a Chinese character anywhere in `text`."""
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def script_of(text: str) -> str:
    """'latin', 'cyrillic', 'kana', 'arabic', 'cjk', 'hangul' or 'other': the script most letters of `text` use."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            counts[_char_script(ch)] = counts.get(_char_script(ch), 0) + 1
    return max(counts, key=counts.__getitem__) if counts else "other"


def _char_script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    for script, marker in (("latin", "LATIN"), ("cyrillic", "CYRILLIC"), ("kana", "KATAKANA"), ("kana", "HIRAGANA"),
                           ("arabic", "ARABIC"), ("cjk", "CJK"), ("hangul", "HANGUL")):  # fmt: skip
        if marker in name:
            return script
    return "other"
