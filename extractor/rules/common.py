"""What more than one extractor needs: digits in any script, years, whole words and sentence bounds."""

from __future__ import annotations

import re

import regex

from extractor.core.scripts import in_unspaced_script, is_hangul

DIGIT = r"[0-9\u0660-\u0669\u06F0-\u06F9]"
YEAR = re.compile(r"(?<![\d/])(?:19|20)\d{2}(?![\d/])")
# Two years joined by a dash or a short word ("2016 to 2020", "۲۰۱۶ تا ۲۰۲۰", "2011 bis 2015"). The dashes include
# the Unicode hyphens and minus, and the fullwidth tilde and hyphen that Japanese and Chinese type for a range, also
# after the first year's 年 or 년 ("2021年～2024年").
YEAR_RANGE = re.compile(
    r"(?<![\d/])((?:19|20)\d{2})\s*(?:[年년]\s*)?"
    r"(?:[-\u2010\u2011–—\u2212~〜\uff5e\uff0d]|[^\W\d_]{1,4})\s*((?:19|20)\d{2})(?!\d)"
)


def word_position(text: str, word: str, *, whole: bool = False) -> int:
    """Where `word` starts in `text` at a word start (-1 if nowhere); `whole` also wants it to end a word.

    Japanese, Chinese, Thai, Lao, Khmer and Myanmar write no spaces between words: there any occurrence counts.
    Korean attaches its particles to the word ("오후에"), so there a word need not end where `word` does.
    """
    if any(in_unspaced_script(ch) for ch in word):
        return text.find(word)
    found = regex.search(_at_word_start(word, whole), text)
    return found.start() if found else -1


def last_word_position(text: str, word: str) -> int:
    """Where `word` last starts in `text` at a word start (-1 if nowhere), matched as `word_position` does."""
    if any(in_unspaced_script(ch) for ch in word):
        return text.rfind(word)
    starts = [found.start() for found in regex.finditer(_at_word_start(word, False), text)]
    return starts[-1] if starts else -1


def _at_word_start(word: str, whole: bool) -> str:
    whole = whole and not any(is_hangul(ch) for ch in word)
    # A combining mark (a Devanagari vowel sign) continues a word: शाम is not in शामिल.
    return rf"(?<![\w\p{{M}}]){regex.escape(word)}" + (r"(?![\w\p{M}])" if whole else "")


_SENTENCE_ENDS = ".!?。\n"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) of the sentence holding text[start:end]: from the previous sentence end to the next."""
    begin = max(text.rfind(mark, 0, start) for mark in _SENTENCE_ENDS) + 1
    ends = [position for mark in _SENTENCE_ENDS if (position := text.find(mark, end)) >= 0]
    return begin, min(ends, default=len(text))
