"""Vietnamese names written in other scripts, back to Latin script (without diacritics).

Deterministic where the script's spelling of Vietnamese is systematic: Russian Cyrillic (the Soviet
transcription and its usual machine-translation variants) and Japanese katakana. Other scripts are left to
the model.
"""

from __future__ import annotations

import re

from anyascii import anyascii
from rapidfuzz import fuzz

from extractor.core.scripts import script_of
from extractor.core.text import skeleton

# Longest sequences first. Cyrillic -> Vietnamese (Kontsevich system read backwards, plus the letter-by-letter
# renderings machine translation produces).
_CYRILLIC = [
    ("нгх", "ngh"), ("куа", "qua"), ("куо", "quo"), ("куе", "que"), ("куи", "qui"), ("ки", "ki"), ("ке", "ke"),
    ("кье", "kie"), ("янь", "ien"), ("уе", "uye"), ("уи", "uy"), ("тх", "th"), ("кх", "kh"), ("нг", "ng"),
    ("нь", "nh"), ("ть", "ch"), ("ыо", "uo"),
    ("ье", "ie"), ("ие", "ie"), ("уо", "uo"), ("зя", "gia"), ("зи", "gi"), ("я", "ia"), ("ю", "iu"), ("ё", "io"),
    ("а", "a"), ("б", "b"), ("в", "v"), ("г", "g"), ("д", "d"), ("е", "e"), ("ж", "r"), ("з", "d"), ("и", "i"),
    ("й", "i"), ("к", "c"), ("л", "l"), ("м", "m"), ("н", "n"), ("о", "o"), ("п", "p"), ("р", "r"), ("с", "x"),
    ("т", "t"), ("у", "u"), ("ф", "ph"), ("х", "h"), ("ц", "c"), ("ч", "tr"), ("ш", "s"), ("щ", "s"), ("ъ", ""),
    ("ы", "u"), ("ь", ""), ("э", "e"),
]  # fmt: skip

# Katakana renderings of Vietnamese syllables, longest first; unknown syllables fall back to kana romaji.
_KATAKANA_SYLLABLES = {
    "グエン": "Nguyen", "チャン": "Tran", "レー": "Le", "ファム": "Pham", "ホアン": "Hoang", "フイン": "Huynh",
    "ヴー": "Vu", "ブー": "Vu", "ヴォー": "Vo", "ボー": "Vo", "ダン": "Dang", "ドアン": "Doan", "ズオン": "Duong",
    "ブイ": "Bui", "ドー": "Do", "ゴー": "Ngo", "ラー": "La", "カオ": "Cao", "ヴァン": "Van", "バン": "Van",
    "ティ": "Thi", "ミン": "Minh", "チー": "Tri", "ハイン": "Hanh", "ミー": "My", "リン": "Linh", "タイ": "Tai",
    "ヒエウ": "Hieu", "フン": "Hung", "ズン": "Dung", "ユン": "Dung", "タイン": "Thanh", "ティエン": "Tien",
    "トゥー": "Thu", "トゥ": "Tu", "ハー": "Ha", "ホア": "Hoa", "ハイ": "Hai", "ナム": "Nam", "ソン": "Son",
    "クアン": "Quang", "クオン": "Cuong", "トゥアン": "Tuan", "アイン": "Anh", "アン": "An", "ビン": "Binh",
    "チュン": "Trung", "ロン": "Long", "フオン": "Phuong", "フォン": "Phong", "ザン": "Giang", "ジャン": "Giang",
    "ハン": "Han", "ホン": "Hong", "ラン": "Lan", "マイ": "Mai", "タム": "Tam", "ドゥック": "Duc", "ドゥク": "Duc",
    "キエン": "Kien", "ニュン": "Nhung", "スアン": "Xuan", "ヴィエット": "Viet", "ベト": "Viet", "ティン": "Tinh",
    "ニン": "Ninh", "バック": "Bac", "バク": "Bac", "ザー": "Gia", "ルック": "Luc", "ガン": "Ngan", "ホー": "Ho",
    "チ": "Chi", "カイン": "Khanh", "コア": "Khoa", "ロイ": "Loi", "トアン": "Toan", "ヒエン": "Hien",
    "フー": "Phu", "トー": "To", "ヴィン": "Vinh", "クオック": "Quoc", "クォック": "Quoc", "ディン": "Dinh",
    "ティエップ": "Tiep", "タン": "Tan",
}  # fmt: skip
_NAME_SEPARATORS = re.compile(r"[・·\s=]+")


def romanize_name(text: str) -> str | None:
    """A Vietnamese name in Latin script, or None when this script is not handled deterministically."""
    script = script_of(text)
    if script == "latin":
        return " ".join(text.split())
    if script == "cyrillic":
        return " ".join(_cyrillic_word(word) for word in text.split())
    if script == "kana":
        return " ".join(_katakana_word(word) for word in _NAME_SEPARATORS.split(text) if word)
    return None


def _cyrillic_word(word: str) -> str:
    lowered, out, i = word.lower(), [], 0
    while i < len(lowered):
        for source, target in _CYRILLIC:
            if lowered.startswith(source, i):
                out.append(target)
                i += len(source)
                break
        else:
            out.append(lowered[i])
            i += 1
    return "".join(out).capitalize()


def _katakana_word(word: str) -> str:
    """A katakana word as Vietnamese syllables, longest known syllable first ('バクザン' -> 'Bacgiang')."""
    out, i = [], 0
    while i < len(word):
        for size in range(min(6, len(word) - i), 0, -1):
            if word[i : i + size] in _KATAKANA_SYLLABLES:
                out.append(_KATAKANA_SYLLABLES[word[i : i + size]].lower())
                i += size
                break
        else:
            out.append(anyascii(word[i]))
            i += 1
    return "".join(out).capitalize()


# Vietnamese name syllables, most frequent first (surnames, then middle and given names): the candidates an
# Arabic-script spelling, which writes few vowels, is matched against.
NAME_SYLLABLES = (
    "Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Vo", "Dang", "Bui", "Do", "Ho", "Ngo", "Duong", "Ly", "Phan",
    "Truong", "Dinh", "Van", "Thi", "Duc", "Minh", "Thanh", "Quang", "Hong", "Ngoc", "Xuan", "Huu", "Dai",
    "Thang", "Hung", "Dung", "Tuan", "Anh", "Hai", "Nam", "Long", "Son", "Binh", "Phuong", "Linh", "Trung",
    "Quoc", "Chi", "Khanh", "Hoa", "Lan", "Mai", "Huong", "Thu", "Ha", "Tam", "Tien", "Thinh", "Tung", "Cuong",
    "Viet", "Kim", "Hieu", "Nhan", "Phuc", "Tai", "Loc", "Vinh", "Ninh", "Hien", "Thao", "Trang", "Yen", "Dat",
    "Khoa", "Bao", "Toan", "Tan", "Thuy", "Hanh", "Dieu", "Giang", "Cao", "Lam", "Mau", "Duy", "Chinh",
)  # fmt: skip


_ARABIC_VOWELS = {"ا": "a", "آ": "a", "أ": "a", "إ": "i"}


def romanize_arabic_name(text: str) -> str:
    """A Vietnamese name spelled in Arabic or Persian letters, matched syllable by syllable to the most
    frequent Vietnamese syllable with the same consonants and the closest vowels."""
    return " ".join(_arabic_syllable(word) for word in text.split())


def _arabic_syllable(word: str) -> str:
    latin = "".join(_ARABIC_VOWELS.get(ch, anyascii(ch)) for ch in word).lower().replace("'", "")
    key = skeleton(latin)
    candidates = [syllable for syllable in NAME_SYLLABLES if skeleton(syllable) == key]
    if not candidates:
        return latin.capitalize()
    # Long vowels are written as letters (w for u/o, y for i/ê): read them as vowels after the first letter.
    spoken = latin[:1] + latin[1:].replace("w", "u").replace("y", "i")
    return max(candidates, key=lambda syllable: (fuzz.ratio(spoken, syllable.lower()), -candidates.index(syllable)))
