"""Grounding: find each extracted value in the article and report where, computed by the tool, not the model.

Values are looked up in a folded shadow of the article (case, diacritics and digits folded, other scripts
transliterated to ASCII) that keeps a map back to the original offsets, so a Latin name finds its Cyrillic,
Persian or katakana spelling and "48 215" finds 48215.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from anyascii import anyascii
from pydantic import BaseModel
from rapidfuzz import fuzz

from extractor.core.numbers import numbers_in
from extractor.core.paths import FieldPath
from extractor.core.scripts import script_of
from extractor.core.text import Span, fold, fold_char, fold_digits, skeleton
from extractor.romanize import romanize_name

Alignment = Literal["exact", "fuzzy", "not_found"]
FUZZY_MIN_SCORE = 80.0


class Evidence(BaseModel):
    """Where a value stands in the article: characters [start, end) and how well it matched."""

    status: Alignment
    start: int | None = None
    end: int | None = None
    text: str | None = None
    score: float = 0.0

    @classmethod
    def of(cls, span: Span, status: Alignment, score: float = 100.0) -> Evidence:
        return cls(status=status, start=span.start, end=span.end, text=span.text, score=round(score, 1))

    @property
    def grounded(self) -> bool:
        return self.status != "not_found"

    def overlaps(self, start: int, end: int) -> bool:
        """Found somewhere in characters [start, end): the same words of the article."""
        return self.start is not None and self.end is not None and self.start < end and start < self.end


NOT_FOUND = Evidence(status="not_found")


@dataclass
class FoldedArticle:
    """The article folded character by character, with each folded character's original offset."""

    text: str

    @cached_property
    def _folded(self) -> tuple[str, list[int]]:
        chars, origin = [], []
        for index, ch in enumerate(self.text):
            piece = fold_char(ch)
            piece = re.sub(r"[^a-z0-9]", " ", piece) or (" " if ch.isspace() or not ch.isalnum() else "")
            chars.append(piece)
            origin.extend([index] * len(piece))
        return "".join(chars), origin

    @property
    def folded(self) -> str:
        return self._folded[0]

    def span(self, folded_start: int, folded_end: int) -> Span:
        origin = self._folded[1]
        start = origin[folded_start]
        end = origin[max(folded_start, folded_end - 1)] + 1
        return Span(start, end, self.text[start:end])

    def locate_text(self, value: str) -> Evidence:
        """Exact (after folding) or fuzzy position of a short text value such as a name or a place."""
        needle = fold(value)
        if not needle:
            return NOT_FOUND
        exact = re.search(rf"(?<![a-z0-9]){re.escape(needle)}(?![a-z0-9])", self.folded)
        if exact:
            return Evidence.of(self.span(exact.start(), exact.end()), "exact")
        return self._fuzzy(needle)

    def _fuzzy(self, needle: str) -> Evidence:
        alignment = fuzz.partial_ratio_alignment(needle, self.folded, score_cutoff=FUZZY_MIN_SCORE)
        if alignment is not None:
            start, end = _widen_to_words(self.folded, alignment.dest_start, alignment.dest_end)
            score = fuzz.ratio(needle, self.folded[start:end])  # whole words only, not a piece of a longer one
            if score >= FUZZY_MIN_SCORE:
                return Evidence.of(self.span(start, end), "fuzzy", score)
        return self._by_sound(needle)

    @cached_property
    def _words(self) -> list[tuple[Span, str]]:
        """Each word of the article with its consonant skeleton, romanized the way its script needs."""
        words = []
        for m in _WORD.finditer(self.text):
            if script_of(m.group()) == "latin":
                continue  # Latin words were compared letter by letter already; sound-alikes would be false hits
            latin = romanize_name(m.group()) or anyascii(m.group())
            words.append((Span(m.start(), m.end(), m.group()), skeleton(latin)))
        return words

    def _by_sound(self, needle: str) -> Evidence:
        """Match word by word on consonant skeletons: how a Latin name meets its Persian or Cyrillic spelling."""
        wanted = [skeleton(word) for word in needle.split()]
        size = len(wanted)
        if sum(len(part) for part in wanted) < 3:
            return self._compound(needle) if size > 1 else NOT_FOUND
        for i in range(len(self._words) - size + 1):
            window = self._words[i : i + size]
            if [word_skeleton for _, word_skeleton in window] != wanted:
                continue
            if self._adjacent(window) and self._sounds_alike(needle, window):
                return self._evidence(window[0][0], window[-1][0])
        return self._compound(needle) if size > 1 else NOT_FOUND

    def _adjacent(self, window: list[tuple[Span, str]]) -> bool:
        """The words follow each other, separated only by spaces or a name dot."""
        return all(not self.text[a.end : b.start].strip(" ・·-") for (a, _), (b, _) in itertools.pairwise(window))

    @staticmethod
    def _sounds_alike(needle: str, window: list[tuple[Span, str]]) -> bool:
        """Scripts that write vowels must agree on them too; Arabic script writes few, so consonants decide."""
        text = " ".join(span.text for span, _ in window)
        if script_of(text) == "arabic":
            return True
        romanized = fold(" ".join(romanize_name(span.text) or anyascii(span.text) for span, _ in window))
        return fuzz.ratio(needle, romanized) >= 60

    def _compound(self, needle: str) -> Evidence:
        """A name written as one word ('Ha Long' as 'Халонг'): compare the romanized word with the joined name."""
        joined = needle.replace(" ", "")
        for span, _ in self._words:
            romanized = fold(romanize_name(span.text) or anyascii(span.text)).replace(" ", "")
            close_length = abs(len(romanized) - len(joined)) <= 1
            if len(romanized) >= 4 and close_length and fuzz.ratio(joined, romanized) >= FUZZY_MIN_SCORE:
                return self._evidence(span, span)
        return NOT_FOUND

    def _evidence(self, first: Span, last: Span) -> Evidence:
        return Evidence.of(Span(first.start, last.end, self.text[first.start : last.end]), "fuzzy", 80.0)

    def locate_number(self, value: float) -> Evidence:
        for number in numbers_in(self.text):
            if abs(number.value - value) < 1e-9:
                return Evidence.of(number.span, "exact")
        return NOT_FOUND

    def locate_code(self, code: str) -> Evidence:
        """A document code: its canonical form, or its number next to the document's mention."""
        parts = fold(code).split()
        pattern = r"(?<![a-z0-9])" + r"\s*".join(re.escape(part) for part in parts) + r"(?![a-z0-9])"
        found = re.search(pattern, self.folded) if parts else None
        if found:
            return Evidence.of(self.span(found.start(), found.end()), "exact")
        leading = re.match(r"\d+", fold_digits(code))
        if leading:
            number = self.locate_number(float(leading.group()))
            if number.grounded:
                return number.model_copy(update={"status": "fuzzy", "score": 90.0})
        return NOT_FOUND


# Katakana syllable groups (split at the middle dot), runs of kanji/hanzi, runs of other letters.
_WORD = re.compile(r"[\u30a0-\u30fa\u30fc-\u30ff]+|[\u4e00-\u9fff]+|[^\W\d_\u3040-\u30ff\u4e00-\u9fff]+")
def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


# --------------------------------------------------------------------------- numbers


def emitted_paths(record: BaseModel) -> list[str]:
    """The paths of a record's names, places, numbers and codes: the values that must stand in the article."""
    data = record.model_dump()
    paths = [FieldPath(key) for key in ("province", "locality", "author", "source_url") if data.get(key)]
    for role in ("chairs", "participants"):
        paths += [FieldPath(role, index, "name") for index in range(len(data.get(role) or []))]
    paths += [FieldPath("figures", index, "value") for index in range(len(data.get("figures") or []))]
    documents = data.get("documents") or []
    paths += [FieldPath("documents", index, "number") for index, document in enumerate(documents)
              if document.get("number")]  # fmt: skip
    return [str(path) for path in paths]


def ungrounded_in(record: BaseModel, evidence: dict[str, Evidence]) -> list[str]:
    """Emitted values with no evidence in the article (only possible with keep_ungrounded, or a bug)."""
    return [path for path in emitted_paths(record) if path not in evidence or not evidence[path].grounded]
