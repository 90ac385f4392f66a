"""Vietnamese document codes: printed ones ("12-CT/TW", "15/2020/NĐ-CP") and ones rebuilt from a document the
article cites by kind, number and issuer ("Directive No. 12 of the Secretariat")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.core.numbers import CJK_NUMBER, cjk_number
from extractor.core.scripts import in_cjk_block, is_hangul
from extractor.core.text import Span, fold_digits, lower_in_place
from extractor.rules.common import DIGIT, last_word_position, word_position
from extractor.rules.organizer import LEVEL_WORDS

# Vietnamese Party/State document codes: number - type abbreviation / issuer abbreviation.
_TYPE_CODES = {
    "NQ": "resolution", "CT": "directive", "KH": "plan", "KL": "conclusion", "QĐ": "regulation",
    "QD": "regulation", "HD": "instruction", "HĐ": "instruction", "QC": "regulation", "TB": "other",
    "BC": "other", "CV": "other", "ĐL": "charter", "DL": "charter", "CTr": "other", "CTR": "other",
    "TTr": "other", "ĐA": "other", "DA": "other", "QĐi": "regulation", "QDI": "regulation",
}  # fmt: skip
PARTY_CODE = re.compile(
    rf"(?<![0-9A-Za-z/]){DIGIT}{{1,4}}\s*[-–]\s*(?:{'|'.join(_TYPE_CODES)})\s*/\s*[A-ZĐ]{{2,6}}"
    rf"(?:\s*[-/]\s*[A-ZĐ]{{2,6}})?(?![0-9A-Za-z])"
)
STATE_CODE = re.compile(
    rf"(?<![0-9A-Za-z/]){DIGIT}{{1,4}}/{DIGIT}{{4}}/"
    rf"(?:(?:NĐ|ND|QĐ|QD|TT|NQ|QH|UBTVQH|TTg|L)[-–][A-Za-zĐ]{{2,8}}|(?:UBTVQH|QH){DIGIT}{{2}})(?![0-9A-Za-z])"
)
# A State body's resolution, decision, directive, plan, notice or dispatch that sets no legal norm carries no year
# in its code ("03/NQ-CP", "05/CT-TTg", "112/KH-UBND", "15/CĐ-TTg"), with a department's letters after it at times
# ("1234/QĐ-UBND-VX"); decrees, circulars and normative decisions do, and STATE_CODE reads those.
STATE_CODE_WITHOUT_YEAR = re.compile(
    rf"(?<![0-9A-Za-z/]){DIGIT}{{1,4}}/(?:NQ|QĐ|QD|CT|KH|TB|CĐ|CD)[-–](?:CP|TTg|UBND|HĐND|HDND|VPCP)"
    r"(?:[-–][A-ZĐ]{2,6})?(?![0-9A-Za-zĐ])"
)
# In a State code QĐ is a decision (quyết định), not the Party's regulation (quy định).
_STATE_TYPE_KINDS = {"NQ": "resolution", "CT": "directive", "KH": "plan"}


@dataclass(frozen=True)
class CodeMatch:
    span: Span
    number: str  # canonical: ASCII digits, no spaces, plain hyphen
    kind: str


def canonical_code(raw: str) -> str:
    code = fold_digits(raw)
    code = re.sub(r"\s+", "", code).replace("–", "-").upper()
    return code.replace("Đ", "D")


def document_kind(code: str) -> str:
    if re.search(r"/\d{4}/N[DĐ]-", code):
        return "decree"
    state = re.match(r"\d+/([A-ZĐ]+)-", code)
    if state:
        return _STATE_TYPE_KINDS.get(state.group(1), "other")
    match = re.match(r"\d+-([A-ZĐ]+)/", code)
    return _TYPE_CODES.get(match.group(1), "other") if match else "other"


def find_document_codes(text: str) -> list[CodeMatch]:
    found = []
    for pattern in (PARTY_CODE, STATE_CODE, STATE_CODE_WITHOUT_YEAR):
        for m in pattern.finditer(text):
            number = canonical_code(m.group())
            found.append(CodeMatch(Span(m.start(), m.end(), m.group()), number, document_kind(number)))
    return sorted(found, key=lambda match: match.span.start)


# Rebuilding a code the article spells out ("Directive No. 12 of the Secretariat" -> 12-CT/TW).
_KIND_TO_TYPE = {"resolution": "NQ", "directive": "CT", "plan": "KH", "conclusion": "KL", "instruction": "HD",
                 "regulation": "QĐ"}  # fmt: skip
_CENTRAL_ISSUERS = ("politburo", "political bureau", "secretariat", "central committee", "central executive")
_PROVINCIAL_ISSUERS = (
    "provincial party",
    "city party",
    "municipal party",
    "provincial executive",
    "standing committee",
)
_DISTRICT_ISSUERS = ("district party",)


def rebuild_code(number: str | None, kind: str, issuer: str | None) -> str | None:
    """The canonical code for a document cited by a bare number, when kind and issuer make it certain."""
    if not number:
        return None
    cleaned = canonical_code(number)
    if "/" in cleaned or re.search(r"\d-[A-Z]", cleaned):
        return cleaned  # already a full code
    digits = re.fullmatch(r"\D*?(\d{1,4})\D*", cleaned)  # "No. 12", "12"
    if digits is None:
        return None
    cleaned = digits.group(1)
    type_code = _KIND_TO_TYPE.get(kind)
    suffix = _issuer_suffix(issuer or "")
    if type_code is None or suffix is None:
        return None
    return f"{cleaned}-{type_code}/{suffix}".replace("Đ", "D")


def _issuer_suffix(issuer: str) -> str | None:
    lowered = issuer.lower()
    if any(word in lowered for word in _DISTRICT_ISSUERS):
        return "HU"
    if any(word in lowered for word in _PROVINCIAL_ISSUERS):
        return "TU"
    if any(word in lowered for word in _CENTRAL_ISSUERS):
        return "TW"
    return None


# "<kind> No. <n> of the <issuer>" in the languages articles come in; stems where words inflect.
_KIND_WORDS = {
    "resolution": (
        "resolution", "usnesen", "uchwał", "rezolucj", "резолюци", "постановлени", "قطعنامه", "beschluss",
        "résolution", "決議", "决议", "nghị quyết", "risoluzion", "resolución", "resolução", "rezoluți", "rezoluţi",
        "hotărâr", "resolutie", "päätöslauselm", "határozat", "uznesen", "rezolucij", "резолуциј", "резолюці",
        "ψήφισμα", "ψηφίσματ", "karar", "قرار", "החלטה", "החלטת", "संकल्प", "resolusi", "결의", "มติ", "ມະຕິ",
        "resolusjon", "rezoliucij", "rezolūcij", "resolutsioon", "resolucij", "resolusyon", "тогтоол",
        "রেজোলিউশন", "தீர்மானம்", "azimio",
    ),
    "directive": (
        "directive", "směrnic", "dyrektyw", "директив", "دستورالعمل", "richtlinie", "指示", "chỉ thị", "direttiv",
        "directiva", "diretiva", "directivă", "directivei", "richtlijn", "direktiv", "direktiiv", "irányelv",
        "smernic", "οδηγί", "direktif", "genelge", "توجيه", "التوجيه", "הנחיה", "निर्देश", "arahan", "지시",
        "คำสั่ง", "ຄຳສັ່ງ", "ຄໍາສັ່ງ", "הנחיי", "direktyv", "direktīv", "direktiba", "নির্দেশ", "ہدایت",
    ),
    "plan": ("plan", "plán", "план", "طرح", "計画", "计划", "kế hoạch", "piano", "plano", "terv", "suunnitelm",
             "σχέδιο", "خطة", "תוכנית", "תכנית", "योजना", "rencana", "pelan", "계획", "แผนการ", "แผนงาน", "ແຜນການ",
             "ແຜນງານ", "plaan", "načrt", "төлөвлөгөө", "পরিকল্পনা", "منصوبہ", "منصوبے", "ផែនការ", "திட்டம்", "mpango",
             "mipango", "rancangan"),
    "conclusion": (
        "conclusion", "závěr", "záver", "wniosk", "wniosek", "заключени", "вывод", "نتیجه", "schlussfolgerung",
        "結論", "结论", "kết luận", "conclusión", "conclusão", "concluzi", "conclusie", "slutsats", "päätelm",
        "következtetés", "zaključ", "закључ", "висновк", "висновок", "συμπέρασμ", "sonuç", "استنتاج", "الاستنتاج",
        "מסקנ", "निष्कर्ष", "kesimpulan", "결론", "ข้อสรุป", "บทสรุป", "ຂໍ້ສະຫຼຸບ", "ຂໍ້ສະຫລຸບ", "ບົດສະຫຼຸບ", "ບົດສະຫລຸບ",
        "konklusion", "konklusjon", "išvada", "išvados", "išvadą", "išvadoje", "secinājum", "järeldus",
        "konklusyon", "дүгнэлт", "សន្និដ្ឋាន", "hitimisho",
    ),
    "instruction": ("instruction", "pokyn", "instrukcj", "инструкци", "hướng dẫn", "anleitung", "instrucción",
                    "instrução", "istruzion", "instrucțiun", "instructie", "указани", "vejledning", "veiledning",
                    "vägledning", "instrukcij", "juhend", "navodil"),
    "regulation": (
        "regulation", "règlement", "reglamento", "regulamento", "regolamento", "regulament", "reglement",
        "vorschrift", "regelung", "předpis", "predpis", "przepis", "regulamin", "положени", "правил", "κανονισμ",
        "düzenleme", "yönetmelik", "لائحة", "اللائحة", "لائحه", "مقررات", "آیین‌نامه", "תקנה", "תקנות", "תקנת",
        "विनियम", "peraturan", "規定", "规定", "quy định", "규정", "наредб", "регламент", "forordning", "forskrift",
        "förordning", "föreskrift", "noteikum", "määrus", "pravilnik", "regulasyon",
    ),
}  # fmt: skip
# Who issued it: the central bodies (code TW), a province or a city's Party committee (TU), a district's (HU), by
# the level words the organizer's level is read with, matched the same way (at a word start). Polish "okres" is
# a period, not the Czech district.
_ISSUER_SUFFIX = {
    "TW": ("цк ", "مرکزی", "中央", *LEVEL_WORDS["central"]),
    "HU": ("okresn", "районн", "района", *(word for word in LEVEL_WORDS["district"] if word != "okres")),
    "TU": ("городск", "провинци", *LEVEL_WORDS["provincial"], *LEVEL_WORDS["city"], "省", "市"),
}  # fmt: skip
# The word after a document's number where a language puts the number first: Hungarian "12. számú irányelv"
# (sz. abbreviated), Turkish "27 sayılı Direktif" (numaralı also), Mongolian "35 дугаар тогтоол" (дүгээр after front
# vowels, -р in short): "numbered".
_NUMBERED = r"(?:számú|sz\.|sayılı|numaralı|дугаар|дүгээр|-р)"
# Thai and Lao number marks, longest first ("number", "issue number", the ordinal ที่ / ທີ).
_THAI_LAO_MARK = r"(?:เลขที่|ฉบับที่|หมายเลข|ที่|ສະບັບເລກທີ|ເລກທີ່|ເລກທີ|ທີ່|ທີ)?"
# The mark before a document's number: No., č., nr, №, số, Nomor, संख्या, رقم, αριθ., n.º, br., Slovene št.,
# Filipino Blg., Malay Bil., Hebrew מס' and מספר, Urdu نمبر, Bengali নং, Khmer លេខ, Burmese အမှတ်, Tamil எண் ...
_NUMBER_MARK = (
    r"(?:č\.|c\.|nr\.?|no\.?|n°|nº|n\.º|núm\.?|nro\.?|n\.|№|số|شماره|nummer|numer|номер|第|nomor|संख्या|رقم|"
    r"αριθ\.?|br\.|бр\.|numéro|número|numero|št\.|blg\.|bil\.|nombor|מס['׳’]|מספר|نمبر|নং|নম্বর|លេខ|အမှတ်|"
    r"எண்[.:]?)?"
)


_PHRASE_BREAK = re.compile(r"[.;,:!?؛،।()]")
# A parenthesis inside an issuer's name, its term most often ("the Central Committee (12th term)"), does not end it.
_PARENTHETICAL = re.compile(r"\([^()]{0,40}\)")


def find_cited_documents(text: str) -> list[CodeMatch]:
    """Documents cited by kind, number and issuer ("Directive No. 12 of the Secretariat"), codes rebuilt."""
    lowered = lower_in_place(fold_digits(text))
    found = []
    for kind, words in _KIND_WORDS.items():
        for word in words:
            kind_first = _kind_then_number(word)
            number_first = rf"(?<![\d/.-])(\d{{1,4}})\.?\s*{_NUMBERED}\s*{re.escape(word)}"
            found += _cited(text, lowered, kind_first, kind, issuer_first=False)
            found += _cited(text, lowered, number_first, kind, issuer_first=True)
    found.extend(_cjk_cited_documents(text))
    return sorted(found, key=lambda match: match.span.start)


def _kind_then_number(word: str) -> str:
    """The pattern of a citation that names the kind first. Korean wants the counter after the number ("결의
    제25호"), as 제 alone also makes ordinals; Thai and Lao run words together, so the kind word is taken as
    listed, not as a stem ("แผนการ" is a plan, "แผนที่" a map)."""
    if any(is_hangul(ch) for ch in word):
        return rf"{re.escape(word)}\s*제?\s*(\d{{1,4}})\s*호"
    if any("\u0e00" <= ch <= "\u0eff" for ch in word):
        return rf"{re.escape(word)}\s*{_THAI_LAO_MARK}\s*(\d{{1,4}})(?![\d/-])"
    return rf"{re.escape(word)}\w*\s*{_NUMBER_MARK}\s*(\d{{1,4}})(?![\d/-])"


def cited_once(codes: list[CodeMatch]) -> list[CodeMatch]:
    """Printed and cited codes in article order, a document read from its kind and number once: read again
    after a citation of the same kind and number, it is that document cited again in short ("Directive 05"),
    and the issuer words near the short citation may belong to the next document."""
    kept: list[CodeMatch] = []
    for code in sorted(codes, key=lambda c: c.span.start):
        printed = canonical_code(code.span.text) == code.number
        if printed or all(_kind_and_number(code) != _kind_and_number(other) for other in kept):
            kept.append(code)
    return kept


def _kind_and_number(code: CodeMatch) -> str:
    return code.number.split("/")[0]


def _cited(text: str, lowered: str, pattern: str, kind: str, *, issuer_first: bool) -> list[CodeMatch]:
    """The issuer follows ("Directive No. 35 of the Politburo") or, in a genitive put first, comes right before in
    the same phrase ("पोलित ब्यूरो के निर्देश संख्या 35"). Where the number comes first, so does the issuer ("a
    Titkárság 12. számú irányelve"), its name often long: what is before is looked at first, and further."""
    found = []
    for m in re.finditer(pattern, lowered):
        reach = 60 if issuer_first else 30
        unbracketed = _PARENTHETICAL.sub(" ", lowered[max(0, m.start() - reach - 40) : m.start()])
        phrase_before = _PHRASE_BREAK.split(unbracketed[-reach:])[-1]
        before = _suffix_near(phrase_before, last=issuer_first)
        after = _suffix_near(lowered[m.end() : m.end() + 80])
        suffix = (before or after) if issuer_first else (after or before)
        if suffix is None:
            continue
        number = f"{m.group(1)}-{_KIND_TO_TYPE[kind].replace('Đ', 'D')}/{suffix}"
        found.append(CodeMatch(Span(m.start(1), m.end(1), text[m.start(1) : m.end(1)]), number, kind))
    return found


def _cjk_cited_documents(text: str) -> list[CodeMatch]:
    """Japanese/Chinese '政治局決議第四十一号': issuer before the kind, number between 第 and 号; or the number
    before the kind, the issuer further before ('省委常务委员会的第三十号计划')."""
    found = []
    for kind, words in _KIND_WORDS.items():
        for word in (w for w in words if any(in_cjk_block(ch) for ch in w)):
            kind_first = rf"{re.escape(word)}第({CJK_NUMBER})[号號]"
            number_first = rf"第({CJK_NUMBER})[号號]{re.escape(word)}"
            for pattern, reach in ((kind_first, 20), (number_first, 30)):
                for m in re.finditer(pattern, text):
                    suffix = _suffix_near(text[max(0, m.start() - reach) : m.start()].lower(), last=True)
                    if suffix is not None:
                        number = f"{cjk_number(m.group(1))}-{_KIND_TO_TYPE[kind].replace('Đ', 'D')}/{suffix}"
                        found.append(CodeMatch(Span(m.start(1), m.end(1), m.group(1)), number, kind))
    return found


def _suffix_near(words: str, *, last: bool = False) -> str | None:
    """The issuer's code from the words beside the number: the first issuer named wins in the words after it, the
    last one (the nearest) in the words before it."""
    best: tuple[int, str] | None = None
    for suffix, names in _ISSUER_SUFFIX.items():
        for name in names:
            position = last_word_position(words, name) if last else word_position(words, name)
            if position >= 0 and (best is None or (position > best[0] if last else position < best[0])):
                best = (position, suffix)
    return best[1] if best else None

