"""Text primitives shared by the extractors, the grounding, the assembly and the scorer: spans, digit and
diacritic folding in its variants, the consonant skeleton of a word, and text and code normalization."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from anyascii import anyascii


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the original article, and what they say."""

    start: int
    end: int
    text: str


def fold_digits(text: str) -> str:
    """Every Unicode decimal digit (Persian, Arabic-Indic, fullwidth, Devanagari...) as its ASCII digit."""
    return "".join(str(digit) if (digit := unicodedata.decimal(ch, None)) is not None else ch for ch in text)


# Letters that carry a diacritic but have no Unicode decomposition, so NFD cannot strip it.
UNDECOMPOSABLE = str.maketrans(
    {"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ħ": "h", "Ħ": "H", "ı": "i"}
)


def strip_diacritics(s: str) -> str:
    decomposed = unicodedata.normalize("NFD", s.translate(UNDECOMPOSABLE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def strip_marks_in_place(text: str) -> str:
    """Diacritics removed, same length (one output character per input character); case kept."""
    return "".join((unicodedata.normalize("NFD", ch)[0] if ch not in "đĐ" else {"đ": "d", "Đ": "D"}[ch]) for ch in text)


def words_on_one_line(text: str, limit: int) -> str:
    """The words of `text` joined by single spaces, cut at `limit` chars: a sentence quoted in a prompt."""
    return " ".join(text.split())[:limit]


def lower_in_place(text: str) -> str:
    """Lower case, same length: offsets found in it index the original. str.lower turns the Turkish dotted
    capital İ into two characters (i and a combining dot); here it is one, i."""
    return text.lower() if "İ" not in text else "".join(char.lower()[0] for char in text)


def _fold_char_in_place(char: str) -> str:
    """One character, lower case and without diacritics (đ -> d), or the character itself if that is not one."""
    folded = unicodedata.normalize("NFD", char.translate(UNDECOMPOSABLE).lower())[:1]
    return folded if len(folded) == 1 else char


def fold_in_place(text: str) -> str:
    """Lower case, diacritics removed, and exactly as long as `text`, so positions carry over."""
    return "".join(_fold_char_in_place(char) for char in text)


def fold_char(ch: str) -> str:
    """One character as lowercase ASCII letters/digits (possibly several, possibly none)."""
    ch = fold_digits(ch)
    decomposed = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    if decomposed.isascii():
        return decomposed.lower()
    return anyascii(decomposed).lower()


def fold(text: str) -> str:
    """Lowercase ASCII words of any script, separated by single spaces."""
    folded = "".join(fold_char(ch) for ch in text)
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


def fold_arabic_letters(word: str) -> str:
    # Arabic and Persian spellings of yeh and kaf differ across sources; fold them together.
    return word.lower().rstrip(".").replace("ي", "ی").replace("ك", "ک")


_DIGRAPHS = (("ngh", "n"), ("ng", "n"), ("nh", "n"), ("kh", "k"), ("gh", "g"), ("gi", "d"), ("ph", "f"),
             ("th", "t"), ("tr", "c"), ("ch", "c"), ("qu", "k"), ("sh", "s"))  # fmt: skip
_CONSONANT_CLASSES = str.maketrans({"c": "k", "q": "k", "g": "k", "z": "d", "x": "s", "p": "f", "b": "v"})


def skeleton(word: str) -> str:
    """Consonants only, similar sounds merged: 'Thanh' and Persian 'tnh' both give 'tn'."""
    word = fold(word).replace(" ", "")
    word = ("v" + word[1:]) if word.startswith("w") else word  # Persian/Arabic waw: v at the start, a vowel inside
    for digraph, single in _DIGRAPHS:
        word = word.replace(digraph, single)
    consonants = re.sub(r"[aeiouyhw'0-9]", "", word).translate(_CONSONANT_CLASSES)
    return re.sub(r"(.)\1+", r"\1", consonants)


def _is_separator(ch: str) -> bool:
    category = unicodedata.category(ch)
    return ch.isspace() or category.startswith("P") or category in ("Cc", "Cf")


def normalize_text(s: str | None) -> str:
    """NFKC, ASCII digits, no diacritics (đ -> d), case-folded, punctuation and whitespace collapsed to one space.

    ``None`` gives ``""``.
    """
    if s is None:
        return ""
    folded = strip_diacritics(fold_digits(unicodedata.normalize("NFKC", s)).casefold())
    spaced = "".join(" " if _is_separator(ch) else ch for ch in folded)
    return " ".join(spaced.split())


def normalize_doc_number(s: str | None) -> str:
    """Document code for comparison: digits and diacritics folded, whitespace removed, upper case.

    ``-`` and ``/`` are kept (they are part of the code); every kind of dash (en dash, minus sign, ...)
    becomes ``-``. ``"12 - ct/tw"`` and ``"12-CT/TW"`` both give ``"12-CT/TW"``. ``None`` gives ``""``.
    """
    if s is None:
        return ""
    folded = strip_diacritics(fold_digits(unicodedata.normalize("NFKC", s)))
    dashed = "".join("-" if unicodedata.category(ch) == "Pd" or ch == "\u2212" else ch for ch in folded)
    return "".join(ch for ch in dashed if not (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"))).upper()


_CHAT_MARKUP = re.compile(r"<\||\|>|<(?=/?(?:start_of_turn|end_of_turn|s)>)")


def defang_chat_markup(text: str) -> str:
    """The article as prompt data: chat-template markers ('<|im_start|>', '<start_of_turn>') split by a space.

    Servers tokenize the whole rendered prompt with special tokens on, so such a marker inside an article would
    open a real system or assistant turn; split, it stays visible text."""
    return _CHAT_MARKUP.sub(lambda m: " ".join(m.group()) if len(m.group()) == 2 else "< ", text)


UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
"""Control, zero-width and bidi characters: what must not reach a one-line message."""


def one_line(text: str, limit: int = 240) -> str:
    """Text fit for a one-line message: no control, bidi, unassigned or other unprintable characters, no line
    breaks, at most `limit` chars."""
    printable = "".join(char if char.isprintable() else " " for char in UNPRINTABLE.sub(" ", text))
    text = " ".join(printable.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
