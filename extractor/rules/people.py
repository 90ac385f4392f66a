"""Vietnamese personal names in Latin, Cyrillic, katakana and Arabic script, and whether a sentence says someone
chaired."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import regex

from extractor.core.text import Span, strip_marks_in_place
from extractor.name_syllables import LESS_FREQUENT_SURNAMES, SURNAMES
from extractor.romanize import romanize_arabic_name, romanize_by_syllables, romanize_name
from extractor.romanize_cjk import read_han_name, read_hangul_name
from extractor.romanize_thai_lao import read_thai_lao_syllable
from extractor.rules.common import sentence_bounds
from extractor.rules.places import PROVINCES

VIETNAMESE_SURNAMES = (*SURNAMES, *LESS_FREQUENT_SURNAMES)
_SYLLABLE = r"[A-ZĐ][a-zà-ỹđ]{0,6}"
_LATIN_NAME = re.compile(rf"(?<![\w-])((?:{'|'.join(VIETNAMESE_SURNAMES)})(?:[ \u00a0]+{_SYLLABLE}){{2,3}})(?![\w-])")


def find_person_names(text: str) -> list[Span]:
    """Vietnamese personal names (a surname and two or three more syllables; in Chinese characters, one to three)
    in Latin letters, Cyrillic, Greek, Devanagari, Thai and Lao or another phonetic script (after "comrade"),
    Hangul, Chinese characters or katakana."""
    found: dict[str, Span] = {}
    for m in _latin_names(strip_marks_in_place(text)):
        found.setdefault(m.group(1), Span(m.start(1), m.end(1), text[m.start(1) : m.end(1)]))
    for run in _CYRILLIC_RUN.finditer(text):
        _add_names_in_run(text, run, romanize_name, found, every_start=True)
    for run in _GREEK_RUN.finditer(text):
        _add_names_in_run(text, run, romanize_by_syllables, found, every_start=True)
    for run in _AFTER_COMRADE.finditer(text):
        _add_names_in_run(text, run, romanize_by_syllables, found, every_start=False, group=1)
    for run in _HANGUL_RUN.finditer(text):
        _add_names_in_run(text, run, read_hangul_name, found, every_start=True)
    for run in _THAI_LAO_AFTER_COMRADE.finditer(text):
        _add_names_in_run(text, run, read_thai_lao_syllable, found, every_start=True, group=1)
    for m in _HAN_NAME.finditer(text):
        _add_han_name(text, m, found)
    for m in re.finditer(r"[\u30a1-\u30fa\u30fc]+(?:・[\u30a1-\u30fa\u30fc]+){1,3}", text):
        latin = romanize_name(m.group())
        if latin and latin.split()[0] in VIETNAMESE_SURNAMES:
            found.setdefault(latin, Span(m.start(), m.end(), m.group()))
    return list(found.values())


_PROVINCE_OPENINGS = {" ".join(province.split()[:2]) for province in PROVINCES}


def _latin_names(text: str) -> list[re.Match[str]]:
    """Names in Latin letters. A province's name may stand right before a person's ("the Son La Party Secretary
    Hoang Van An"), and several surnames also open one (Son La, Ca Mau, Quang Ninh): a match that opens with a
    province's name is searched again from the word after it."""
    names, position = [], 0
    while (m := _LATIN_NAME.search(text, position)) is not None:
        words = list(re.finditer(r"\S+", m.group(1)))
        if f"{words[0].group()} {words[1].group()}" in _PROVINCE_OPENINGS:
            position = m.start(1) + words[2].start()
            continue
        names.append(m)
        position = m.end()
    return names


# Runs of capitalized Greek words: where names in Greek letters can stand. Devanagari has no case, and its short
# words snap to name syllables (है Hai, हो Ho), so there a name counts only right after "comrade" or "Mr/Mrs"
# (_AFTER_COMRADE).
_GREEK_RUN = re.compile(r"(?<!\w)[Α-ΩΆ-Ώ][α-ωά-ώ]+(?:[ \u00a0]+[Α-ΩΆ-Ώ][α-ωά-ώ]+)+(?!\w)")


# Thai and Lao have no case and run their words together, but write each syllable of a Vietnamese name as a word:
# a name counts after "comrade" or "Mr/Mrs" (written on to it or not), within the next few words.
_THAI_LAO_WORD = r"[\u0e01-\u0e4e\u0e81-\u0ece\u0edc-\u0edf]+"
_THAI_LAO_TITLES = "สหาย|นางสาว|นาย|นาง|ท่าน|ສະຫາຍ|ທ່ານນາງ|ທ່ານ|ທ້າວ|ນາງ"
_THAI_LAO_AFTER_COMRADE = re.compile(
    rf"(?:{_THAI_LAO_TITLES})[ \u00a0]?({_THAI_LAO_WORD}(?:[ \u00a0]+{_THAI_LAO_WORD}){{1,5}})"
)


# Phonetic scripts without case (Devanagari and the other scripts of South Asia, Khmer, Myanmar, Georgian,
# Armenian, Ethiopic): a name counts right after the word for "comrade" (Hindi also "Mr/Mrs"; Khmer writes
# "comrade" for a woman as one word, សមមិត្តស្រី), up to four words that the syllable reader reads (a word is letters
# with their marks: the danda, which ends a sentence, is none).
_COMRADE_WORDS = (
    "कॉमरेड", "कामरेड", "श्रीमती", "श्री", "কমরেড", "ਕਾਮਰੇਡ", "કોમરેડ", "કૉમરેડ", "କମରେଡ", "କମ୍ରେଡ", "காம்ரேட்",
    "தோழர்", "కామ్రేడ్", "ಕಾಮ್ರೇಡ್", "ಒಡನಾಡಿ", "സഖാവ്", "සහෝදර", "ამხანაგი", "ამხანაგ", "ընկեր", "ጓድ",
)  # fmt: skip
_UNSPACED_COMRADE_WORDS = ("សមមិត្តស្រី", "សមមិត្ត", "ရဲဘော်")  # Khmer and Burmese may run the name on
_NAME_WORDS = r"((?:\p{L}\p{M}*)+(?:[ \u00a0]+(?:\p{L}\p{M}*)+){1,4})"
_AFTER_COMRADE = regex.compile(
    rf"(?:(?:{'|'.join(_COMRADE_WORDS)})[ \u00a0]+|(?:{'|'.join(_UNSPACED_COMRADE_WORDS)})[ \u00a0]*){_NAME_WORDS}"
)


# Runs of capitalized Cyrillic words (Russian, Ukrainian, Bulgarian letters).
_CYRILLIC_UPPER, _CYRILLIC_LOWER = "[\u0400-\u042f\u0490]", "[\u0430-\u045f\u0491]"  # with Serbian, Macedonian
_CYRILLIC_RUN = re.compile(
    rf"(?<!\w){_CYRILLIC_UPPER}{_CYRILLIC_LOWER}+(?:[ \u00a0]+{_CYRILLIC_UPPER}{_CYRILLIC_LOWER}+)+(?!\w)"
)
# Korean writes each syllable of a Vietnamese name as a word: runs of Hangul words are where names can stand.
_HANGUL_RUN = re.compile(r"(?<![\uac00-\ud7a3])[\uac00-\ud7a3]{1,3}(?:[ \u00a0]+[\uac00-\ud7a3]{1,3})+")
# Chinese runs its words together: a name stands before 同志 (comrade) or after a title and before a pause.
_HAN_TITLES = "书记|書記|主席|部长|部長|主任|委员|委員|代表|厅长|廳長|局长|局長|县长|縣長|市长|市長|省长|省長|总理|總理"
_HAN_NAME = re.compile(
    rf"([\u4e00-\u9fff]{{2,4}})(?=同志)|(?:{_HAN_TITLES})([\u4e00-\u9fff]{{2,4}}?)(?=[，、。,（(]|同志|在|主持|出席)"
)


def _add_han_name(text: str, match: re.Match[str], found: dict[str, Span]) -> None:
    """The longest tail of the characters before 同志 (or the characters after a title) that reads as a name."""
    group = 1 if match.group(1) else 2
    chars, end = match.group(group), match.end(group)
    for size in range(min(4, len(chars)), 1, -1):
        name = read_han_name(chars[-size:])
        if name:
            found.setdefault(name, Span(end - size, end, text[end - size : end]))
            return


def _add_names_in_run(
    text: str,
    run: re.Match[str],
    read: Callable[[str], str | None],
    found: dict[str, Span],
    *,
    every_start: bool,
    group: int = 0,
) -> None:
    """A surname and two or three syllables inside the run, each word read by `read`: the longest window at each
    start (or at the run's start only)."""
    offset = run.start(group)
    words = list(re.finditer(r"\S+", run.group(group)))
    latin = [read(word.group()) or "" for word in words]
    start = 0
    while start < (len(words) if every_start else 1):
        size = _name_size(latin[start:])
        if size:
            begin, end = offset + words[start].start(), offset + words[start + size - 1].end()
            found.setdefault(" ".join(latin[start : start + size]), Span(begin, end, text[begin:end]))
        start += size or 1  # a name's words are no other name's


def _name_size(words: list[str]) -> int:
    """How many of the words (4 or 3) make a name from the first one; 0 when none does. Four words give way to
    three when the fourth opens another name (two names side by side)."""
    fits = [size for size in (4, 3) if _is_name(words[:size], size)]
    if fits == [4, 3] and _name_size(words[3:]):
        return 3
    return fits[0] if fits else 0


def _is_name(window: list[str], size: int) -> bool:
    return len(window) == size and all(window) and _LATIN_NAME.fullmatch(" ".join(window)) is not None


# "Comrade" in Persian and Arabic (رفیق, الرفيق) and in Urdu (کامریڈ, also typed کامرید); the name ends at a
# comma, or in Urdu at the postposition after it (نے, کی, کے, کو, سے).
_ARABIC_LETTERS = "[\u0620-\u065f\u066e-\u06d3\u06d5\u200c]+"  # letters and their marks, not the comma ، or the stop ۔
_ARABIC_COMRADE = re.compile(
    rf"(?:رفیق|رفقای|الرفيق|رفيق|کامریڈ|کامرید)\s+((?:{_ARABIC_LETTERS}\s+){{1,3}}?{_ARABIC_LETTERS})"
    r"(?:\s*[،,:(]|\s+(?:نے|کی|کے|کو|سے)(?=[\s،,.:;!?()۔]|$))"
)


@dataclass(frozen=True)
class NameMatch:
    span: Span  # as the article writes it
    name: str  # its Vietnamese reading in Latin letters


def find_arabic_script_names(text: str) -> list[NameMatch]:
    """Names after the word for 'comrade' in Persian, Arabic or Urdu, with their Vietnamese reading."""
    found: dict[str, NameMatch] = {}
    for m in _ARABIC_COMRADE.finditer(text):
        span = Span(m.start(1), m.end(1), m.group(1))
        found.setdefault(m.group(1), NameMatch(span, romanize_arabic_name(m.group(1))))
    return list(found.values())


# The act of presiding over the meeting, not the title of a chairman ("przewodniczący", "Vorsitzender").
CHAIR_WORDS = (
    "chaired", "presided", "chủ trì", "председательств", "провёл конференц", "провел конференц",
    "конференцию провёл", "конференцию провел", "předsedal", "主宰", "主持", "presieduto", "presidid",
    "ریاست", "vorsitz ", "ترأس", "برئاسة", "председателств", "pod předsednictvím", "předsedá",
    "unter dem vorsitz", "unter vorsitz", "den vorsitz führ", "führte den vorsitz", "vorsitz inne", "προήδρευ",
    "προεδρεύ", "υπό την προεδρία", "presidió", "bajo la presidencia", "johti puhetta", "puhetta johti",
    "puheenjohdolla", "présidé", "présida", "présider", "sous la présidence", "अध्यक्षता", "predsjedao",
    "predsjedala", "predsjedali", "predsjedavao", "predsjedavala", "pod predsjedanjem", "elnököl", "elnöklet",
    "memimpin rapat", "memimpin konferensi", "memimpin pertemuan", "memimpin sidang", "presied",
    "sotto la presidenza", "座長を務め", "ជាអធិបតី", "អធិបតីភាព", "주재했", "주재로", "ເປັນປະທານກອງປະຊຸມ",
    "ໂດຍການເປັນປະທານ", "mempengerusikan", "dipengerusikan", "voorgezeten", "onder voorzitterschap",
    "onder het voorzitterschap", "przewodniczył", "przewodniczyli", "przewodniczyć", "pod przewodnictwem",
    "presidiu", "presidiram", "presidieron", "sob a presidência", "prezidat", "prezidează", "prezidând",
    "sub președinția", "sub preşedinţia", "sub președinţia", "predsedal", "pod predsedníctvom", "председавао",
    "председавала", "председавали", "председао", "под председавањем", "predsedavao", "predsedavala",
    "pod predsedavanjem",
    "เป็นประธานการประชุม", "เป็นประธานในการประชุม", "เป็นประธานในพิธี", "başkanlık etti", "başkanlık yaptı",
    "başkanlığını yaptı", "головув", "کی صدارت", "صدارت کی", "صدارت میں",
)  # fmt: skip
# Verbs that mean "led, directed" in general and "chaired" only with a meeting as object: Czech "řídil jednání /
# konferenci" (guide §4), Russian "руководил заседанием". Directing alone is not chairing.
CHAIR_WORDS_WITH_A_MEETING = {
    "řídil": ("konferenc", "jednání", "schůz", "zasedání", "porad"),
    "руководил": ("конференц", "заседани", "совещани"),
}


def chairs_in_sentence(text: str, span: Span) -> bool:
    """The sentence naming this person says someone chaired or presided."""
    begin, end = sentence_bounds(text, span.start, span.end)
    sentence = text[begin:end].lower()
    if any(word in sentence for word in CHAIR_WORDS):
        return True
    return any(verb in sentence and any(noun in sentence for noun in nouns)
               for verb, nouns in CHAIR_WORDS_WITH_A_MEETING.items())  # fmt: skip
