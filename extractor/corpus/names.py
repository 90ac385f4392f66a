"""Person names as comparable keys, whatever script a record wrote them in.

Records are meant to carry names in Latin script, but a model sometimes leaves a name as the article wrote
it (Нгуен Дык Чунг, 阮德忠, グエン・ドゥク・チュン). `name_key` brings every spelling to one folded Latin form:
Cyrillic and katakana through `extractor.romanize`, Arabic script through its consonant matcher, and Chinese
characters through their Sino-Vietnamese readings (below), then diacritics and case are folded.
"""

from __future__ import annotations

import re
import unicodedata

from extractor.romanize import romanize_arabic_name, romanize_name, script_of
from extractor.romanize_cjk import HAN_VIET


def han_viet(text: str) -> str:
    """Chinese characters read one syllable each ('阮德忠' -> 'Nguyen Duc Trung'); unknown ones are dropped."""
    syllables = [HAN_VIET[ch] for ch in text if ch in HAN_VIET]
    return " ".join(syllables)


def latin_name(name: str) -> str:
    """The name in Latin script (diacritics kept when it already was Latin)."""
    script = script_of(name)
    if script == "cjk":
        return han_viet(name) or name
    if script == "arabic":
        return romanize_arabic_name(name)
    romanized = romanize_name(name)
    if romanized is not None:
        return romanized
    from anyascii import anyascii

    return anyascii(name)


def fold(text: str) -> str:
    """Lowercase ASCII words: diacritics stripped (đ -> d), punctuation and spacing collapsed."""
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def name_key(name: str) -> str:
    """What two spellings of one person share: 'Нгуен Дык Чунг', '阮德忠', 'Nguyễn Đức Trung' -> 'nguyen duc trung'."""
    return fold(latin_name(name))
