"""Vietnamese names written in other scripts, back to Latin script (without diacritics).

Deterministic where the script's spelling of Vietnamese is systematic: Russian Cyrillic (the Soviet
transcription and its usual machine-translation variants), Japanese katakana, Korean Hangul and Chinese
characters (`romanize_cjk`). Greek and the phonetic scripts of South and Southeast Asia, the Caucasus and
Ethiopia are read syllable by syllable; other scripts (Hebrew among them) are left to the model.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii
from rapidfuzz import fuzz

from extractor.core.scripts import script_of
from extractor.core.text import skeleton
from extractor.name_syllables import (
    GIVEN_NAME_SYLLABLES,
    LESS_FREQUENT_NAME_SYLLABLES,
    LESS_FREQUENT_SURNAMES,
    NAME_SYLLABLES,
    SURNAMES,
    TRANSLATED_SYLLABLES,
)
from extractor.romanize_cjk import read_han_name, read_hangul_name
from extractor.romanize_thai_lao import read_thai_lao_name

# Longest sequences first. Cyrillic -> Vietnamese (Kontsevich system read backwards, plus the letter-by-letter
# renderings machine translation produces); Ukrainian writes Russian и as і (Тхі = Thi) and е as є; Serbian and
# Macedonian write nh as њ (Вињ = Vinh), y as ј (Јен = Yen, Хуј = Huy) and the vowels ai, oi as ај, ој (Мај = Mai);
# Bulgarian writes ư as ъ (Дък = Duc), a vowel there, where Russian, whose hard sign no name spelling needs, has none.
_CYRILLIC = [
    ("нгх", "ngh"), ("куа", "qua"), ("куо", "quo"), ("куе", "que"), ("куи", "qui"), ("ки", "ki"), ("ке", "ke"),
    ("кье", "kie"), ("янь", "ien"), ("уе", "uye"), ("уи", "uy"), ("тх", "th"), ("кх", "kh"), ("нг", "ng"),
    ("нь", "nh"), ("ть", "ch"), ("ыо", "uo"),
    ("ує", "uye"), ("ьє", "ie"), ("іє", "ie"), ("і", "i"), ("ї", "i"), ("є", "e"), ("ґ", "g"),
    ("ај", "ai"), ("ој", "oi"), ("њ", "nh"), ("љ", "l"), ("ј", "y"), ("ћ", "ch"), ("ђ", "d"), ("џ", "d"),
    ("ќ", "ch"), ("ѓ", "gi"), ("ў", "u"),
    ("ье", "ie"), ("ие", "ie"), ("уо", "uo"), ("зя", "gia"), ("зи", "gi"), ("я", "ia"), ("ю", "iu"), ("ё", "io"),
    ("а", "a"), ("б", "b"), ("в", "v"), ("г", "g"), ("д", "d"), ("е", "e"), ("ж", "r"), ("з", "d"), ("и", "i"),
    ("й", "i"), ("к", "c"), ("л", "l"), ("м", "m"), ("н", "n"), ("о", "o"), ("п", "p"), ("р", "r"), ("с", "x"),
    ("т", "t"), ("у", "u"), ("ф", "ph"), ("х", "h"), ("ц", "c"), ("ч", "tr"), ("ш", "s"), ("щ", "s"), ("ъ", "u"),
    ("ы", "u"), ("ь", ""), ("э", "e"),
]  # fmt: skip

# Standard Japanese katakana for those syllables and for the syllables of province names (which grounding
# needs to find a place written in katakana); ヴ is also written ブ (ヴァン/バン). Where one spelling renders
# several syllables (タイ Thai/Tai, チー Chi/Tri, フオン Phuong/Huong), the more frequent syllable wins.
_KATAKANA_SPELLINGS = {
    # surnames
    "Nguyen": "グエン", "Tran": "チャン", "Le": "レー レ", "Pham": "ファム", "Hoang": "ホアン", "Huynh": "フイン",
    "Phan": "ファン", "Vu": "ヴー", "Vo": "ヴォー", "Dang": "ダン", "Bui": "ブイ", "Do": "ドー", "Ho": "ホー",
    "Ngo": "ゴー", "Duong": "ズオン ユオン", "Ly": "リー", "Truong": "チュオン", "Dinh": "ディン", "Mai": "マイ",
    "Cao": "カオ", "Lam": "ラム", "Trinh": "チン", "Dao": "ダオ", "Doan": "ドアン", "Luong": "ルオン", "Lai": "ライ",
    "Luu": "ルー ルウ", "Ta": "ター", "Thai": "タイ", "Chu": "チュー", "Ha": "ハー", "Kieu": "キエウ",
    "Quach": "クアック", "Tong": "トン", "Trieu": "チエウ", "Vuong": "ヴオン", "Au": "アウ", "Khuat": "クアット",
    "Nghiem": "ギエム", "Giang": "ザン ジャン", "Lo": "ロー", "La": "ラー",
    # middle and given names
    "Van": "ヴァン", "Thi": "ティ ティー", "Duc": "ドゥック ドゥク ドク", "Minh": "ミン", "Thanh": "タイン",
    "Quang": "クアン クワン", "Hong": "ホン", "Ngoc": "ゴック ゴク", "Xuan": "スアン スワン", "Huu": "フウ フー",
    "Kim": "キム", "Anh": "アイン", "Tuan": "トゥアン", "Hung": "フン", "Dung": "ズン ユン", "Hai": "ハイ",
    "Nam": "ナム", "Son": "ソン", "Long": "ロン", "Binh": "ビン", "Trung": "チュン", "Quoc": "クオック クォック",
    "Cuong": "クオン クォン", "Thang": "タン", "Phuong": "フオン", "Linh": "リン", "Hoa": "ホア", "Thu": "トゥー",
    "Lan": "ラン", "Hien": "ヒエン", "Hieu": "ヒエウ", "Huy": "フイ", "Phong": "フォン", "Dong": "ドン",
    "Trong": "チョン", "Tien": "ティエン", "Thinh": "ティン", "Tung": "トゥン", "Viet": "ヴィエット ヴィエト ベト",
    "Khanh": "カイン", "Chi": "チー チ", "Tam": "タム", "Thao": "タオ", "Thuy": "トゥイ", "Hanh": "ハイン",
    "Loan": "ロアン", "Nga": "ガー", "Nhung": "ニュン", "Yen": "イエン", "Vinh": "ヴィン", "Loc": "ロック ロク",
    "Phuc": "フック フク", "Dat": "ダット", "Khoa": "コア", "Bao": "バオ", "Toan": "トアン", "Cong": "コン",
    "Ba": "バー", "Dai": "ダイ", "Manh": "マイン", "Hoai": "ホアイ", "Khai": "カイ", "Kien": "キエン", "My": "ミー",
    "Nhan": "ニャン", "Nghia": "ギア", "Quy": "クイ", "Quyen": "クエン", "Quynh": "クイン", "Sang": "サン",
    "Tho": "トー", "Thuong": "トゥオン", "Tu": "トゥ", "Tuyen": "トゥエン", "Tuyet": "トゥエット", "Uyen": "ウエン",
    "Diep": "ディエップ", "Dieu": "ディエウ", "Duy": "ズイ", "Han": "ハン", "Hao": "ハオ", "Hue": "フエ",
    "Huyen": "フエン", "Liem": "リエム", "Lien": "リエン", "Ngan": "ガン", "Nguyet": "グエット", "Nhat": "ニャット",
    "Nhi": "ニー", "Oanh": "オアイン", "Chau": "チャウ", "Hiep": "ヒエップ", "Tiep": "ティエップ", "Luan": "ルアン",
    "Khoi": "コイ", "Phat": "ファット",
    # syllables of province names
    "An": "アン", "Ria": "リア", "Vung": "ヴン", "Tau": "タウ", "Bac": "バク バック", "Lieu": "リエウ", "Ninh": "ニン",
    "Ben": "ベン", "Tre": "チェー", "Phuoc": "フオック", "Ca": "カー", "Mau": "マウ", "Can": "カン", "Da": "ダー",
    "Nang": "ナン", "Dak": "ダク", "Lak": "ラク", "Nong": "ノン", "Dien": "ディエン", "Bien": "ビエン", "Nai": "ナイ",
    "Thap": "タップ", "Gia": "ザー", "Noi": "ノイ", "Tum": "トゥム", "Lao": "ラオ", "Nghe": "ゲー ゲ", "Ngai": "ガイ",
    "Soc": "ソック", "Thua": "トゥア", "Tra": "チャー", "Bai": "バイ",
}  # fmt: skip
_V_AS_B = (("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴェ", "ベ"), ("ヴォ", "ボ"), ("ヴ", "ブ"))


def _katakana_table() -> dict[str, str]:
    """Katakana spelling -> syllable; the first syllable in frequency order keeps a spelling several share."""
    table: dict[str, str] = {}
    order = [*SURNAMES, *GIVEN_NAME_SYLLABLES]
    ranked = sorted(_KATAKANA_SPELLINGS, key=lambda s: order.index(s) if s in order else len(order))
    for syllable in ranked:
        for kana in _KATAKANA_SPELLINGS[syllable].split():
            table.setdefault(kana, syllable)
    for kana, syllable in list(table.items()):
        b_spelling = kana
        for v, b in _V_AS_B:
            b_spelling = b_spelling.replace(v, b)
        table.setdefault(b_spelling, syllable)
    return table


_KATAKANA_SYLLABLES = _katakana_table()
_NAME_SEPARATORS = re.compile(r"[・·\s=]+")


def romanize_name(text: str) -> str | None:
    """A Vietnamese name in Latin script, or None when this script is not handled deterministically."""
    script = script_of(text)
    if script == "latin":
        return " ".join(text.split())
    if script == "cyrillic":
        return " ".join(_cyrillic_syllable(word) for word in text.split())
    if script == "kana":
        return " ".join(_katakana_word(word) for word in _NAME_SEPARATORS.split(text) if word)
    if script == "hangul":
        return read_hangul_name(text)
    return None


# Vietnamese spelling: an initial consonant (or none), vowels, and one of eight finals (or none).
_VIETNAMESE_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?", re.I
)


def is_vietnamese_name(name: str) -> bool:
    """Every word of `name` spells a Vietnamese syllable (diacritics aside); "Kreis" or "Winter" do not."""
    words = anyascii(name).replace("-", " ").split()
    return bool(words) and all(_VIETNAMESE_SYLLABLE.fullmatch(word) for word in words)


def restore_translated_syllables(name: str, *, surname_first: bool = True) -> str:
    """A Latin-script name whose syllables machine translation turned into words, given back its syllables:
    "Le Thi Spring" -> "Le Thi Xuan". A person's name must open with a surname (its first word is kept); a
    byline's pen name (two given syllables) need not."""
    words = name.split()
    if not words or (surname_first and words[0] not in SURNAMES):
        return name
    kept, rest = (words[:1], " ".join(words[1:])) if surname_first else ([], name)
    for phrase, syllable in TRANSLATED_SYLLABLES.items():  # longest phrases are listed first
        rest = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", syllable, rest, flags=re.IGNORECASE)
    return " ".join(kept + rest.split())


def read_name(text: str) -> str | None:
    """A Vietnamese name in Latin script from the scripts read deterministically or syllable by syllable; None
    for the others. Arabic script writes too few vowels to read a name on its own (a byline, say) safely."""
    return romanize_name(text) or romanize_by_syllables(text) or read_han_name(text) or read_thai_lao_name(text)


# Russian, Ukrainian and Serbian decline a man's name that ends in a consonant: "с Тоаном" (with Toan), "у Тханя"
# (at Thanh's), Ukrainian "Тоанові", "Тоані". Endings are taken off only a word that reads as no syllable, longest
# first; after a soft ending (я, ю, ем, еві) the stem ends in the soft sign (Тханя -> Тхань, Thanh), and after a
# vowel in й (Хая -> Хай, Hai). The prepositional -е fits both stems (Тхане: Than or Thanh): the more frequent
# name syllable wins. Feminine endings (-ой, -ей) are left alone: they also end place names (Ханой).
_CASE_ENDINGS = (("ові", ("",)), ("еві", ("ь",)), ("ом", ("",)), ("ем", ("ь",)), ("а", ("",)), ("у", ("",)),
                 ("е", ("", "ь")), ("я", ("ь",)), ("ю", ("ь",)), ("і", ("",)))  # fmt: skip
_AFTER_A_VOWEL = re.compile(r"[аоуыэ](?:я|ю|ем)$")


def _cyrillic_syllable(word: str) -> str:
    """One word of a name in Cyrillic as a Vietnamese syllable, its case ending taken off where it has one."""
    lowered = word.lower()
    if (declined := _AFTER_A_VOWEL.search(lowered)) is not None:  # Хая reads as a syllable (haia) but is Хай's
        stem = _cyrillic_word(word[: -len(declined.group()) + 1] + "й")
        if _VIETNAMESE_SYLLABLE.fullmatch(stem):
            return stem
    read = _cyrillic_word(word)
    if _VIETNAMESE_SYLLABLE.fullmatch(read):
        return _final_nh(read)
    for stems in _declined_stems(word):
        read_stems = [_cyrillic_word(stem) for stem in stems]
        valid = [_final_nh(stem) for stem in read_stems if _VIETNAMESE_SYLLABLE.fullmatch(stem)]
        if valid:
            return min(valid, key=_syllable_rank)
    return read


def _declined_stems(word: str) -> list[tuple[str, ...]]:
    """The stems the word may have, one tuple per case ending it ends in, in the order of _CASE_ENDINGS."""
    lowered = word.lower()
    return [tuple(word[: -len(ending)] + end for end in ends) for ending, ends in _CASE_ENDINGS
            if lowered.endswith(ending) and len(word) > len(ending) + 1]  # fmt: skip


def read_place(text: str) -> str | None:
    """A Vietnamese place name in Latin script, as `read_name` reads names, except that a Cyrillic word may hold
    several syllables: Russian writes a place's syllables as one word (Локха = Loc Ha, Хазянг = Ha Giang, Майфу
    = Mai Phu) or joins them with hyphens (Ланг-Шон), where it writes a person's name word by word."""
    if script_of(text) != "cyrillic":
        return read_name(text)
    return " ".join(_cyrillic_place_word(word) for word in re.split(r"[\s\-–]+", text) if word)


def _cyrillic_place_word(word: str) -> str:
    """The fewest syllables the word (or its stem, a case ending taken off) spells; among equally few, the word
    before its stems, then the syllables most frequent in names (Локха: Loc Ha rather than Lo Kha)."""
    stems = [stem for stems in _declined_stems(word) for stem in stems]
    readings = [syllables for form in (word, *stems) if (syllables := _cyrillic_syllables(form.lower()))]
    if not readings:
        return _cyrillic_syllable(word)
    return " ".join(min(readings, key=len))


def _cyrillic_syllables(word: str) -> tuple[str, ...] | None:
    """The best split of a lower-case Cyrillic word into pieces that each read as a Vietnamese syllable."""
    if len(word) > _LONGEST_PLACE_WORD:
        return None
    best: dict[int, tuple[str, ...] | None] = {len(word): ()}
    for start in range(len(word) - 1, -1, -1):
        options = []
        for end in range(start + 1, min(start + 7, len(word)) + 1):
            piece, rest = word[start:end], best[end]
            syllable = _cyrillic_word(piece)
            if rest is not None and _may_be_a_syllable(piece) and _VIETNAMESE_SYLLABLE.fullmatch(syllable):
                options.append((_final_nh(syllable), *rest))
        best[start] = min(options, key=_split_cost, default=None)
    return best[0]


_LONGEST_PLACE_WORD = 30


def _may_be_a_syllable(piece: str) -> bool:
    """Not opened by the soft sign, and not closed by х: Russian writes a Vietnamese h only as an initial (тханх is
    no syllable: the h opens the next one)."""
    return piece[0] != "ь" and piece[-1] != "х"


def _split_cost(syllables: tuple[str, ...]) -> tuple[int, int, int]:
    unknown = sum(syllable not in _KNOWN_SYLLABLES for syllable in syllables)
    return len(syllables), unknown, sum(_syllable_rank(syllable) for syllable in syllables)


# Russian writes a final nh as нь; Bulgarian, which ends no word in the soft sign, and often Mongolian and Russian
# itself (Хо Ши Мин) write a plain н (Мин = Minh, Бин = Binh). A syllable no name has with a final n is read with
# nh where a name has that; names that do end in n stay: An, Tín, Thìn, Chín among them.
_KNOWN_SYLLABLES = frozenset(
    (*NAME_SYLLABLES, *LESS_FREQUENT_NAME_SYLLABLES, *LESS_FREQUENT_SURNAMES, "An", "Tin", "Thin", "Chin")
)


def _final_nh(syllable: str) -> str:
    """A syllable read with a final n that no name has, given the final nh a name has (Min -> Minh)."""
    if syllable.endswith("n") and syllable not in _KNOWN_SYLLABLES and f"{syllable}h" in NAME_SYLLABLES:
        return f"{syllable}h"
    return syllable


def _syllable_rank(syllable: str) -> int:
    return NAME_SYLLABLES.index(syllable) if syllable in NAME_SYLLABLES else len(NAME_SYLLABLES)


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
    """A katakana word as Vietnamese syllables, longest known syllable first ('ハノイ' -> 'Hanoi')."""
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
    # Long vowels are written as letters (w for u/o, y for i/ê): read them as vowels after the first letter;
    # Arabic writes Vietnamese g as gh (غ).
    spoken = _vowel_classes(latin[:1] + latin[1:].replace("w", "u").replace("y", "i").replace("gh", "g"))
    return max(candidates, key=lambda s: (fuzz.ratio(spoken, _vowel_classes(s.lower())), -candidates.index(s)))


# Scripts whose letter-by-letter transliteration (anyascii) spells Vietnamese syllables closely enough to snap each
# to the nearest syllable: Greek (after its digraphs γκ = g, μπ = b, ντ = d, ου = u, and χ, φ for h, ph), the
# scripts of South Asia (Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam,
# Sinhala), Khmer, Myanmar, Georgian, Armenian and Ethiopic.
_GREEK_DIGRAPHS = (("γκ", "g"), ("γγ", "ng"), ("μπ", "b"), ("ντ", "d"), ("ου", "u"), ("χ", "h"), ("φ", "ph"))
_KHMER = ("\u1780", "\u17ff")
_PHONETIC_SCRIPTS = (
    ("\u0370", "\u03ff"), ("\u0530", "\u058f"), ("\u0900", "\u0dff"), ("\u1000", "\u109f"), ("\u10a0", "\u10ff"),
    ("\u1200", "\u137f"), _KHMER,
)  # fmt: skip
SNAP_SIMILARITY = 75.0


def in_phonetic_script(text: str) -> bool:
    return any(low <= ch <= high for ch in text for low, high in _PHONETIC_SCRIPTS)


def romanize_by_syllables(text: str) -> str | None:
    """A Vietnamese name in the letters of a phonetic script (Greek, Devanagari, Bengali, Khmer...), each syllable
    snapped to the nearest Vietnamese name syllable; None when a syllable is not close to any (then the name is
    not read at all)."""
    if not in_phonetic_script(text):
        return None
    # Accents off first: ού is the digraph ου too.
    lowered = "".join(ch for ch in unicodedata.normalize("NFD", text.lower()) if ch not in "\u0301\u0308")
    lowered = unicodedata.normalize("NFC", lowered)
    for digraph, sound in _GREEK_DIGRAPHS:
        lowered = lowered.replace(digraph, sound)
    syllables = [_snap(_latin_letters(word)) for word in lowered.split()]
    return " ".join(syllables) if syllables and all(syllables) else None  # type: ignore[arg-type]


# Khmer: the bantoc (់) over a final consonant reads as an inherent vowel to anyascii (ថាច់ "thacha" for Thach);
# ឿ spells the Vietnamese uo (ភឿង Phuong) and ី an i (ធី Thi); a subscript v after a consonant is the glide u
# (ង្វៀន Nguyen).
_KHMER_VOWELS = (("oea", "uo"), ("ei", "i"), ("ngv", "ngu"))


def _latin_letters(word: str) -> str:
    khmer = any(_KHMER[0] <= ch <= _KHMER[1] for ch in word)
    # Bengali's anusvara (ং) is the velar nasal, ng (ট্রুং Trung); anyascii reads it as m.
    word = word.replace("\u17cb", "") if khmer else word.replace("\u0982", "\u0999")
    latin = anyascii(word).lower().replace("'", "")
    for written, sound in _KHMER_VOWELS if khmer else ():
        latin = latin.replace(written, sound)
    return latin


def _snap(latin: str) -> str | None:
    # Vietnamese final c is heard and written k elsewhere, as is c before a, o and u; qu is written kv/kw, the
    # nasal sign before g (Devanagari) as m, and v as bh where the script has no v (Bengali ভ).
    latin = re.sub(r"^k(?=[aou])", "c", re.sub(r"k$", "c", re.sub(r"^k[vw]", "qu", latin.replace("mg", "ng"))))
    latin = re.sub(r"^bh", "v", latin)
    scored = [(fuzz.ratio(latin, syllable.lower()), -rank, syllable) for rank, syllable in enumerate(NAME_SYLLABLES)]
    similarity, _, syllable = max(scored)
    return syllable if similarity >= SNAP_SIMILARITY else None


def _vowel_classes(latin: str) -> str:
    """Letters Arabic script writes alike: one ی/ي for i, y and e, one ک for c, k and q."""
    return re.sub(r"c(?!h)|q", "k", latin.translate(str.maketrans("ey", "ii")))
