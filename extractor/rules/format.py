"""How the event was held: online, in person or both."""

from __future__ import annotations

from dataclasses import dataclass

from extractor.core.text import Span, lower_in_place
from extractor.rules.common import word_position

# Words that say how the event was held, in the languages articles come in (stems where inflected).
ONLINE_WORDS = (
    "online", "on-line", "trực tuyến", "truc tuyen", "онлайн", "видеоконференц", "آنلاین", "برخط", "en ligne",
    "visioconférence", "in linea", "en línea", "videokonferenz", "オンライン", "線上", "线上", "视频会议",
    "điểm cầu", "punkt mostow", "punktów mostow", "mostem", "видеосвяз", "videokonferenc", "webinar",
    "connection point", "points de connexion", "zugeschaltet", "zuschaltpunkt", "接続拠点", "中継",
    "عبر الإنترنت", "عبر الفيديو", "بالفيديو", "الاتصال المرئي", "виртуал", "віртуальн", "відеоконференц",
    "virtuáln", "virtualn", "wirtualn", "virtuális", "virtuaal", "virtuel", "virtueel", "virtual ", "virtuais",
    "virtuale", "virtuală", "videoconferen", "videokonferen", "videokonferan", "videoconferên", "videoconferin",
    "vidéoconf", "wideokonferencj", "videókonferenc", "videoneuvottel", "videoyhte", "etäyhte", "videoschalt",
    "en visio", "διαδικτυακ", "τηλεδιάσκεψ", "τηλεδιασκέψ", "βιντεοδιάσκεψ", "βιντεοδιασκέψ", "مجازی",
    "ویدئوکنفرانس", "ویدیوکنفرانس", "ویدئو کنفرانس", "ویدیو کنفرانس", "מקוון", "וירטואלי", "ועידת וידאו",
    "היוועדות חזותית", "אונליין", "ऑनलाइन", "वर्चुअल", "आभासी", "वीडियो कॉन", "वीडियो कां", "daring",
    "konferensi video", "video konferensi", "dalam talian", "persidangan video", "テレビ会議", "ビデオ会議",
    "ウェブ会議", "web会議", "接続地点", "接続ポイント", "អនឡាញ", "តាមប្រព័ន្ធវីដេអូ", "តាមវីដេអូ", "온라인",
    "화상회의", "화상 회의", "화상으로", "비대면", "ອອນລາຍ", "အွန်လိုင်း", "онлајн", "onlajn", "виртуелн",
    "видео конференц", "видео-конференц", "ออนไลน์", "วิดีโอคอนเฟอเรนซ์", "ประชุมทางไกล", "çevrimiçi", "çevrim içi",
    "video konferans", "sanal", "آن لائن", "ورچوئل", "ویڈیو کانفرنس", "ویڈیو لنک", "在线", "视频连线",
    "视讯会议", "視訊會議", "分会场", "分會場",
)  # fmt: skip
IN_PERSON_WORDS = (
    "in person", "in-person", "stacjonarn", "trực tiếp", "truc tiep", "очно", "очной", "حضوری", "en présentiel",
    "présentiel", "in presenza", "presencial", "vor ort", "präsenz", "prezenčn", "対面", "现场", "線下", "线下",
    "central bridge", "moście centralnym", "hội trường", "حضوري", "الحضوري", "وجها لوجه", "وجهاً لوجه",
    "присъствен", "tváří v tvář", "tvárou v tvár", "ansigt til ansigt", "ansikt til ansikt",
    "ansikte mot ansikte", "δια ζώσης", "διά ζώσης", "αυτοπροσώπως", "φυσική παρουσία", "φυσικής παρουσίας",
    "en persona ", "cara a cara", "di persona ", "faccia a faccia", "en personne ", "in persoon ",
    "față în față", "faţă în faţă", "în persoană", "رو در رو", "چهره به چهره", "kasvotusten", "פנים אל פנים",
    "נוכחות פיזית", "आमने-सामने", "आमने सामने", "व्यक्तिगत रूप से", "भौतिक रूप से", "licem u lice", "лицем у лице",
    "személyes jelenlét", "jelenléti", "tatap muka", "luring", "secara fisik", "bersemuka", "secara fizikal",
    "대면", "오프라인", "face-to-face", "twarzą w twarz", "yüz yüze", "آمنے سامنے", "面对面", "面對面", "လူကိုယ်တိုင်",
)  # fmt: skip


@dataclass(frozen=True)
class FormatMatch:
    kind: str  # online, in_person or hybrid
    span: Span


def find_format(text: str) -> FormatMatch | None:
    """online, in_person or hybrid from what the article says, with the first word that says it."""
    lowered = lower_in_place(text)
    online = _first_of(lowered, ONLINE_WORDS)
    in_person = _first_of(lowered, IN_PERSON_WORDS)
    if online and in_person:
        first = min(online, in_person)
        return FormatMatch("hybrid", Span(first, first + 1, text[first : first + 1]))
    hit = online if online is not None else in_person
    if hit is None:
        return None
    return FormatMatch("online" if online is not None else "in_person", Span(hit, hit + 1, text[hit : hit + 1]))


def _first_of(lowered: str, words: tuple[str, ...]) -> int | None:
    positions = [position for word in words if (position := word_position(lowered, word)) >= 0]
    return min(positions) if positions else None
