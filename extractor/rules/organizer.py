"""The level of the body that held the event (central, provincial, city, district, commune, a bloc of agencies)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.core.text import Span, lower_in_place, words_on_one_line
from extractor.rules.common import word_position
from extractor.rules.dates import DateMatch

# "Agencies" (Vietnamese "các cơ quan", in whatever translation): a bloc only when they qualify a level word in
# the same phrase ("provincial agencies"), not when agencies are merely present.
AGENCY_WORDS = (
    "agentur", "agencj", "agencies", "ведомств", "ادارات", "behörden", "organismes", "الوكالات", "وكالات",
    "الهيئات", "هيئات", "агенци", "orgán", "instituc", "myndighed", "myndighet", "institution", "etater",
    "etatene", "υπηρεσι", "organismos", "agencias", "agences", "organes", "agenzie", "virast", "viranomai",
    "סוכנוי", "הסוכנוי", "एजेंस", "agencij", "ügynökség", "szervek", "szervei", "instansi", "lembaga", "agensi",
    "instanties", "agentschap", "instytucj", "organów", "órgãos", "agências", "agenții", "agenţii", "органов",
    "агентств", "органів", "відомств", "agentúr", "ajans", "ایجنسی", "اداروں",
)  # fmt: skip
_SAME_PHRASE = re.compile(r"^[^\W\d_]*(?:\s+[^\W\d_]+){0,3}\s*$")
# Words naming an organization's level, in the languages articles come in (stems where inflected; a stem that
# starts a common unrelated word ends with a space or is given in its inflected forms). Chinese and Japanese
# name a level by one character before the word for committee (CJK_LEVELS).
LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "agency_bloc": (
        "bloc", "block", "blok", "блок", "khối", "كتلة", "الكتلة", "μπλοκ", "bloque ", "bloques", "بلوک", "גוש",
        "הגוש", "ब्लॉक", "بلاک", "ブロック", "機関党委", "机关党委", "機關黨委",
        *AGENCY_WORDS,
    ),
    "central": (
        "politburo", "politbyr", "biuro polityczn", "политбюро", "دفتر سیاسی", "politbüro", "bureau politique",
        "政治局", "bộ chính trị", "sekretariát", "sekretariat", "секретариат", "دبیرخانه", "secrétariat",
        "書記局", "ban bí thư", "ústřední", "komitet centralny", "центральный комитет", "zentralkomitee",
        "comité central", "中央委員会", "trung ương", "المكتب السياسي", "اللجنة المركزية", "للجنة المركزية",
        "السكرتارية", "اللجنة التنفيذية المركزية", "централния комитет", "централен комитет", "politbureau",
        "centralkomit", "sentralkomit", "centralkommitt", "πολιτικό γραφείο", "πολιτικού γραφείου",
        "γραμματεία", "κεντρική επιτροπή", "κεντρικής επιτροπής", "buró político", "politburó", "secretariado",
        "comité ejecutivo central", "comité exécutif central", "کمیته مرکزی", "sihteeristö", "keskuskomite",
        "פוליטביורו", "הפוליטביורו", "מזכירות", "המזכירות", "הוועד המרכזי", "הועד המרכזי", "पोलित ब्यूरो",
        "पोलितब्यूरो", "पोलिट ब्यूरो", "केंद्रीय समिति", "केन्द्रीय समिति", "सचिवालय", "politbir", "tajništv",
        "sekretarijat", "centralni komitet", "centralnog komiteta", "središnji odbor", "središnjeg odbora",
        "politikai bizottság", "titkárság", "központi bizottság", "komite sentral", "komite pusat",
        "komite eksekutif pusat", "jawatankuasa pusat", "ufficio politico", "comitato centrale",
        "中央執行委員会", "中央执行委员会", "中央執行委員會", "书记处", "書記處", "中央委员会", "中央委員會",
        "ការិយាល័យនយោបាយ", "លេខាធិការដ្ឋាន", "គណៈកម្មាធិការមជ្ឈិម", "정치국", "서기국", "중앙위원회", "중앙집행위원회",
        "ກົມການເມືອງ", "ຄະນະເລຂາ", "ຄະນະບໍລິຫານງານສູນກາງ", "ဗဟိုကော်မတီ", "улс төрийн товчоо", "төв хороо",
        "পলিটব্যুরো", "কেন্দ্রীয় কমিটি", "پولٹ بیورو", "پولیٹ بیورو", "مرکزی کمیٹی", "secretariaat", "centraal comité",
        "centrale comité", "politbiur", "biura polityczn", "biurze polityczn", "komitetu centraln",
        "komitecie centraln", "komitetem centraln", "bureau polític", "birô polític", "comitê central",
        "comitê executivo central", "biroul politic", "biroului politic", "secretariat", "comitetul central",
        "comitetului central", "центрального комитет", "центральном комитет", "центральным комитет",
        "центральному комитет", "цк кпв", "ústredný výbor", "ústredného výboru", "ústrednom výbore",
        "политбиро", "секретаријат", "централни комитет", "централног комитета", "централном комитету",
        "กรมการเมือง", "คณะกรรมการกลาง", "คณะเลขาธิการ", "siyasi büro", "sekreterlik", "merkez komite",
        "політбюро", "секретаріат", "центральний комітет", "центрального комітет", "центральному комітет",
        "центральним комітет", "پولٹ بیورو", "پولیٹ بیورو", "سیکرٹریٹ", "سیکریٹریٹ", "مرکزی کمیٹی",
    ),
    "commune": (
        "commune", "gmin", "obce", "сельсовет", "دهستان", "gemeinde", "xã", "ward", "phường", "dzielnic",
        "obec ", "obecní", "obci", "obcí", "komuna ", "komuny", "komuně", "komunu", "komunę", "komuną",
        "kommune", "comuna", "barrio", "bairro", "quartier", "cartier", "محله", "kunta", "kommuun", "קומונה",
        "הקומונה", "בקומונה", "कम्यून", "वार्ड", "टाउनशिप", "općin", "község", "komune", "kelurahan", "gemeente",
        "коммуна ", "коммуне", "коммуны", "коммуну", "коммуной", "посёлок", "посёлк", "поселок", "поселк",
        "комуна ", "комуну", "комуною", "комуните", "селищ", "komünü", "komüne", "komünde", "komünler",
        "mahalle", "belde", "وارڈ", "قصبہ", "ឃុំ", "សង្កាត់", "ရပ်ကွက်", "ตำบล", "แขวง",
    ),
    "district": (
        "district", "okres", "powiat", "район", "ناحیه", "شهرستان", "kreis", "huyện", "distrikt", "bezirk",
        "distrito", "distrett", "distrik", "dystrykt", "kabupaten", "arrondissement", "piiri", "जिल", "ज़िल",
        "ज़िल", "okruga", "okrugu", "okrug ", "округа", "округу", "округ ", "járás", "kerület", "уезд", "ilçe",
        "i̇lçe", "ضلع", "ខណ្ឌ", "ခရိုင်", "อำเภอ",
    ),
    "city": (
        "city", "municipal", "městsk", "miejsk", "городск", "stadt", "ville", "thành phố", "thị xã", "شهر ",
        "شهری", "شهرداری", "شهرها", "مدينة", "المدينة", "بمدينة", "لمدينة", "градск", "града", "град ", "měst",
        "mestsk", "byen", "bypartiudvalg", "bypartikomit", "städt", "πόλη", "πόλεις", "πόλεων", "ciudad ",
        "ciudades", "cidade", "città", "oraș", "oraş", "orășen", "orăşen", "municipi", "kaupun", "עיר ",
        "בעיר ", "לעיר ", "עירוני", "העירוני", "עיריית", "עירייה", "शहर", "नगर", "gradsk", "grada", "grad ",
        "gradu ", "város", "kota ", "bandar", "stedelijk", "stads", "stad ", "staden", "miast", "mieście",
        "город", "şehir", "şehr", "kent", "belediye", "місто", "міста", "місті", "міськ", "شہر ", "ក្រុង",
        "ນະຄອນ", "นคร", "เทศบาล",
    ),
    "provincial": (
        "provin", "wojewódz", "провинц", "استان", "provinz", "tỉnh", "مقاطعة", "المقاطعة", "للمقاطعة",
        "بالمقاطعة", "επαρχ", "maakun", "פרובינצי", "הפרובינצי", "בפרובינצי", "प्रांत", "प्रान्त", "pokrajin",
        "покрајин", "tartomány", "prowincj", "provínc", "eyalet", "vilayet", "провінц", "صوبہ", "صوبے",
        "صوبائی", "ខេត្ត", "ແຂວງ", "จังหวัด",
    ),
}  # fmt: skip
# The same levels in English, for the model's English name of the body ("... District Party Committee");
# the most specific word wins. questions.level_named_in reads it.
LEVEL_WORDS_IN_ENGLISH = (
    ("agency_bloc", r"\bbloc\b|\bblock\b|\bagencies\b"),
    ("central", r"politburo|secretariat|central committee|central (?:commission|department|office)"),
    ("commune", r"\bcommune\b|\bward\b|\btownship\b"),
    ("district", r"\bdistrict\b"),
    ("city", r"\bcity\b|\bmunicipal\b|\btown\b"),
    ("provincial", r"\bprovinc"),
)

_PARENTHESES = re.compile(r"\([^()]*\)|（[^（）]*）")
# Chinese and Japanese: the level's character right before "(Party) committee" (社党委 commune, 县委 district).
CJK_LEVELS = {"社": "commune", "乡": "commune", "鄉": "commune", "镇": "commune", "鎮": "commune", "坊": "commune",
              "県": "district", "县": "district", "縣": "district", "郡": "district", "市": "city",
              "省": "provincial"}  # fmt: skip
_CJK_COMMITTEE = re.compile(rf"([{''.join(CJK_LEVELS)}])(?:党委員会|党委|委員会|委员会|黨委|委(?![员員託会]))")


@dataclass(frozen=True)
class LevelMatch:
    level: str  # a key of LEVEL_WORDS
    span: Span


def find_organizer_level(text: str, event: DateMatch | None) -> LevelMatch | None:
    """The level of the body that held the event, from the lead sentence ("On 5 May the X district Party
    committee held..."): the level word nearest after the date. A bloc of agencies wins when named, because
    its name carries the level of the agencies it groups ("the bloc of provincial agencies")."""
    found = _levels_in_lead(text, event)
    if not found:
        return None
    first = min(found, key=lambda hit: (hit[0].level != "agency_bloc", hit[1], hit[0].level, hit[0].span.text.lower()))
    return first[0]


def levels_in_lead(text: str, event: DateMatch | None) -> set[str]:
    """Every level the lead sentence has words for: what a reading of the body's level can point to."""
    return {match.level for match, _ in _levels_in_lead(text, event)}


def _levels_in_lead(text: str, event: DateMatch | None) -> list[tuple[LevelMatch, int]]:
    anchor = event.span.end if event else 0
    sentence_end = min(_sentence_ends(text, anchor, len(text)), default=len(text))
    # A place in parentheses says where the body is ("X district (Y province)"), not the body's level.
    lead = _PARENTHESES.sub(lambda m: " " * len(m.group()), text[anchor:sentence_end])
    cjk = _CJK_COMMITTEE.search(lead)
    if cjk:
        level = CJK_LEVELS[cjk.group(1)]
        return [(LevelMatch(level, Span(anchor + cjk.start(1), anchor + cjk.end(1), cjk.group(1))), cjk.start(1))]
    lowered = lower_in_place(lead)
    hits = []
    for level, words in LEVEL_WORDS.items():
        for word in words:
            position = word_position(lowered, word)
            if position >= 0 and (word not in AGENCY_WORDS or _qualifies_a_level(lowered, position, word)):
                span = Span(anchor + position, anchor + position + len(word), lead[position : position + len(word)])
                hits.append((LevelMatch(level, span), position))
    return hits


_STOPS = re.compile(r"[.!?。！？।॥؟۔\n]")


def _sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Where sentences end in text[start:end]: after a stop that no lowercase word follows (Hungarian
    "2024. évi" and an abbreviation before a lowercase word go on)."""
    ends = []
    for stop in _STOPS.finditer(text, start, end):
        following = text[stop.end() : stop.end() + 40].lstrip()
        if stop.group() in ".!?" and following[:1].islower():
            continue
        ends.append(stop.end())
    return ends


def event_sentence(text: str, event: DateMatch | None, limit: int = 400) -> str:
    """The sentence that reports the event, on one line: the one holding its date; with no date, the
    article's opening (its title and lead)."""
    if event is None:
        return words_on_one_line(text, limit)
    begin = max(_sentence_ends(text, 0, event.span.start), default=0)
    end = min(_sentence_ends(text, event.span.end, len(text)), default=len(text))
    return words_on_one_line(text[begin:end], limit)


def _qualifies_a_level(lowered: str, position: int, word: str) -> bool:
    """An agency word and a level word in one phrase: no punctuation and at most two words between them."""
    for level, words in LEVEL_WORDS.items():
        if level in ("agency_bloc", "central"):
            continue
        for other in words:
            at = word_position(lowered, other)
            if at < 0:
                continue
            between = lowered[at + len(other) : position] if at < position else lowered[position + len(word) : at]
            if _SAME_PHRASE.match(between):
                return True
    return False
