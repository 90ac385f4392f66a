"""Tests of extractor.rules on short invented multilingual texts (no files, no model)."""

from __future__ import annotations

import pytest

from extractor.core.numbers import cjk_number
from extractor.rules import (
    PeriodMatch,
    canonical_code,
    detect_language,
    document_kind,
    find_byline,
    find_dates,
    find_document_codes,
    find_review_period,
    find_urls,
    month_number,
    part_of_day_near,
    rebuild_code,
)
from extractor.rules import byline as byline_rules

# --------------------------------------------------------------------------- language

SENTENCES = {
    "de": "Das Parteikomitee der Provinz tagte am Vormittag und beriet über die Arbeit des kommenden Jahres.",
    "fr": "Le comité provincial du Parti s'est réuni ce matin pour examiner le travail de l'année prochaine.",
    "es": "El comité provincial del Partido se reunió por la mañana para revisar el trabajo del próximo año.",
    "it": "Il comitato provinciale del Partito si è riunito stamattina per esaminare il lavoro del prossimo anno.",
    "ru": "Провинциальный комитет партии провёл заседание и обсудил план работы на следующий год.",
    "cs": "Krajský stranický výbor zasedal dopoledne a projednal plán práce na příští rok.",
    "pl": "Wojewódzki komitet partii zebrał się rano i omówił plan pracy na przyszły rok.",
    "fa": "کمیته حزبی استان صبح امروز تشکیل جلسه داد و برنامه کار سال آینده را بررسی کرد.",
    "ar": "عقدت لجنة الحزب في المقاطعة اجتماعا صباح اليوم لمناقشة خطة العمل للعام المقبل.",
    "ja": "省党委員会は午前に会議を開き、来年の活動計画について話し合った。",
    "zh": "省委员会上午召开会议，讨论了明年的工作计划。",
}


@pytest.mark.parametrize(("expected", "text"), list(SENTENCES.items()))
def test_detect_language(expected: str, text: str) -> None:
    assert detect_language(text) == expected


# --------------------------------------------------------------------------- URLs


def test_find_urls_offsets_and_several_urls() -> None:
    text = "Quelle: https://tinhuy.example.vn/tin/42 und http://baotinh.example.vn/a?b=1 Ende"
    urls = find_urls(text)
    assert [u.text for u in urls] == ["https://tinhuy.example.vn/tin/42", "http://baotinh.example.vn/a?b=1"]
    assert [text[u.start : u.end] for u in urls] == [u.text for u in urls]


def test_find_urls_stops_at_guillemet_and_bracket() -> None:
    text = "«https://example.vn/x» (https://example.vn/y)"
    assert [u.text for u in find_urls(text)] == ["https://example.vn/x", "https://example.vn/y"]


def test_find_urls_strips_trailing_punctuation_from_text() -> None:
    urls = find_urls("Source: https://example.vn/tin/42.")
    assert [u.text for u in urls] == ["https://example.vn/tin/42"]


def test_find_urls_span_matches_stripped_text() -> None:
    text = "Source: https://example.vn/tin/42."
    (url,) = find_urls(text)
    assert text[url.start : url.end] == url.text


def test_find_urls_none() -> None:
    assert find_urls("Keine Adresse hier, nur www ohne Schema.") == []


# --------------------------------------------------------------------------- document codes


@pytest.mark.parametrize(
    ("text", "raw", "number", "kind"),
    [
        ("Gemäß der Chỉ thị số 12-CT/TW des Politbüros.", "12-CT/TW", "12-CT/TW", "directive"),
        ("طبق قطعنامه ۲۵-NQ/TW دفتر سیاسی", "۲۵-NQ/TW", "25-NQ/TW", "resolution"),
        ("وفق القرار ٣٧-NQ/TW للمكتب السياسي", "٣٧-NQ/TW", "37-NQ/TW", "resolution"),
        ("Décret 45/2019/NĐ-CP du gouvernement.", "45/2019/NĐ-CP", "45/2019/ND-CP", "decree"),
        ("Plán 7 - KH / TU kraje.", "7 - KH / TU", "7-KH/TU", "plan"),
        ("Wniosek 03-KL/TW Sekretariatu.", "03-KL/TW", "03-KL/TW", "conclusion"),
        ("Regolamento 15-QĐ/TU.", "15-QĐ/TU", "15-QD/TU", "regulation"),
        ("Istruzione 8-HD/BTCTW.", "8-HD/BTCTW", "8-HD/BTCTW", "instruction"),
        ("Resolution 31–NQ/TW adopted.", "31–NQ/TW", "31-NQ/TW", "resolution"),
        ("Usnesení 123-NQ/TU-KT ze dne.", "123-NQ/TU-KT", "123-NQ/TU-KT", "resolution"),
        ("Circulaire 5/2021/TT-BNV.", "5/2021/TT-BNV", "5/2021/TT-BNV", "other"),
        # The National Assembly's codes end with its legislature's number, no dash.
        ("Rezolucja nr 12/2022/QH15 Zgromadzenia.", "12/2022/QH15", "12/2022/QH15", "other"),
        ("Uchwała 1211/2016/UBTVQH13.", "1211/2016/UBTVQH13", "1211/2016/UBTVQH13", "other"),
        # An action programme (chương trình) and a project (đề án) are Party document types too.
        ("Program hành động 15-CTr/TU của Tỉnh ủy.", "15-CTr/TU", "15-CTR/TU", "other"),
        ("Đề án 08-ĐA/TU.", "08-ĐA/TU", "08-DA/TU", "other"),
        # The Government's resolutions and the Prime Minister's directives carry no year in their code.
        ("Resolution 12/NQ-CP of the Government.", "12/NQ-CP", "12/NQ-CP", "resolution"),
        ("Chỉ thị 05/CT-TTg của Thủ tướng.", "05/CT-TTg", "05/CT-TTG", "directive"),
        ("Quyết định 1234/QĐ-TTg.", "1234/QĐ-TTg", "1234/QD-TTG", "other"),  # a decision, not a regulation
        ("Quyết định 56/QĐ-UBND-VX.", "56/QĐ-UBND-VX", "56/QD-UBND-VX", "other"),  # a department's letters after
        ("Quy định 08-QĐi/TW.", "08-QĐi/TW", "08-QDI/TW", "regulation"),
    ],
)
def test_find_document_codes_single(text: str, raw: str, number: str, kind: str) -> None:
    (code,) = find_document_codes(text)
    assert code.span.text == raw
    assert text[code.span.start : code.span.end] == raw
    assert code.number == number
    assert code.kind == kind


def test_find_document_codes_in_reading_order_party_and_state() -> None:
    text = "Nghị định 100/2020/ND-CP, dann Richtlinie 9-CT/TW und Plan 4-KH/HU."
    codes = find_document_codes(text)
    assert [c.number for c in codes] == ["100/2020/ND-CP", "9-CT/TW", "4-KH/HU"]
    assert [c.kind for c in codes] == ["decree", "directive", "plan"]
    assert [c.span.start for c in codes] == sorted(c.span.start for c in codes)


@pytest.mark.parametrize(
    "text",
    [
        "12-NQ/TW2 ist kein Code",  # glued to a following word character
        "Nr. 12345-NQ/TW",  # five digits
        "Seite 12-XY/TW",  # unknown type abbreviation
        "Er hat 12 Delegierte.",
        "Am 12/05-CP war nichts",  # not a type of document before the issuer
    ],
)
def test_find_document_codes_rejects(text: str) -> None:
    assert find_document_codes(text) == []


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("۲۵ – nq / tw", "25-NQ/TW"),
        ("45/2019/nđ-cp", "45/2019/ND-CP"),
        ("12 - CT/TW", "12-CT/TW"),
        ("１２-QĐ/TU", "12-QD/TU"),
    ],
)
def test_canonical_code(raw: str, canonical: str) -> None:
    assert canonical_code(raw) == canonical


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("12-CT/TW", "directive"),
        ("45/2019/ND-CP", "decree"),
        ("45/2019/NĐ-CP", "decree"),
        ("7-KH/TU", "plan"),
        ("2-NQ/TW", "resolution"),
        ("1-QD/TW", "regulation"),
        ("2-DL/TW", "charter"),
        ("8-TB/TW", "other"),
        ("3-XX/TW", "other"),
        ("10/2020/TT-BNV", "other"),
        ("no code", "other"),
    ],
)
def test_document_kind(code: str, kind: str) -> None:
    assert document_kind(code) == kind


@pytest.mark.parametrize(
    ("number", "kind", "issuer", "expected"),
    [
        ("12", "directive", "Politburo", "12-CT/TW"),
        ("7", "plan", "Provincial Party Committee", "7-KH/TU"),
        ("9", "conclusion", "Secretariat", "9-KL/TW"),
        ("5", "regulation", "Central Committee", "5-QD/TW"),
        ("3", "resolution", "Tam Dao District Party Committee", "3-NQ/HU"),
        ("14", "instruction", "City Party Committee", "14-HD/TU"),
        ("۲۵", "resolution", "Political Bureau", "25-NQ/TW"),
        ("12", "directive", "Ministry of Health", None),  # unknown issuer
        ("12", "directive", None, None),
        ("12", "decree", "Politburo", None),  # no party type code for a decree
        (None, "plan", "Politburo", None),
        ("", "plan", "Politburo", None),
        ("12-CT/TW", "directive", None, "12-CT/TW"),  # already a full code
        ("45/2019/NĐ-CP", "decree", "Government", "45/2019/ND-CP"),
    ],
)
def test_rebuild_code(number: str | None, kind: str, issuer: str | None, expected: str | None) -> None:
    assert rebuild_code(number, kind, issuer) == expected


def test_rebuild_code_does_not_return_garbage_for_prefixed_number() -> None:
    assert rebuild_code("No. 12", "directive", "Politburo") in {None, "12-CT/TW"}


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "language", "span", "day", "month", "year", "part"),
    [
        ("Die Sitzung fand am 3. März statt.", "de", "3. März", 3, 3, None, None),
        ("Die Sitzung fand am Vormittag des 3. März 2024 statt.", "de", "3. März 2024", 3, 3, 2024, "morning"),
        ("La réunion s'est tenue le 14 juin 2023 à Hanoï.", "fr", "14 juin 2023", 14, 6, 2023, None),
        ("La réunion s'est tenue le 14 juin au matin.", "fr", "14 juin", 14, 6, None, "morning"),
        ("Конференция прошла утром 12 апреля в провинции.", "ru", "12 апреля", 12, 4, None, "morning"),
        ("Заседание состоялось вечером 2 октября 2022 года.", "ru", "2 октября 2022", 2, 10, 2022, "evening"),
        ("Konference se konala 7. října dopoledne.", "cs", "7. října", 7, 10, None, "morning"),
        ("Posiedzenie odbyło się 9 maja po południu.", "pl", "9 maja", 9, 5, None, "afternoon"),
        ("La riunione si è svolta il 21 settembre pomeriggio.", "it", "21 settembre", 21, 9, None, "afternoon"),
        ("The meeting was held on March 4, 2022 in the evening.", "en", "March 4, 2022", 4, 3, 2022, "evening"),
        ("جلسه در ۱۲ مارس ۲۰۲۴ برگزار شد.", "fa", "۱۲ مارس ۲۰۲۴", 12, 3, 2024, None),
        ("عقدت الجلسة صباح يوم ١٥ مايو في هانوي.", "ar", "١٥ مايو", 15, 5, None, "morning"),
        ("সভাটি ১৫ মে অনুষ্ঠিত হয়।", "bn", "১৫ মে", 15, 5, None, None),
        ("នៅថ្ងៃទី១៥ ខែឧសភា គណៈកម្មាធិការបានប្រជុំ។", "km", "១៥ ខែឧសភា", 15, 5, None, None),
        ("ဇွန်လ ၂၀ ရက်နေ့တွင် အစည်းအဝေး ကျင်းပခဲ့သည်။", "my", "ဇွန်လ ၂၀", 20, 6, None, None),
        ("Sáng 15/5, Huyện ủy tổ chức hội nghị.", "vi", "Sáng 15/5", 15, 5, None, "morning"),
        ("Ngày 2-10-2024, Đảng ủy xã họp.", "vi", "Ngày 2-10-2024", 2, 10, 2024, None),
        ("Chiều ngày 9 tháng 7 năm 2024, Tỉnh ủy họp.", "vi", "ngày 9 tháng 7 năm 2024", 9, 7, 2024, "afternoon"),
        ("5-р сарын 15-нд намын хороо хуралдав.", "mn", "5-р сарын 15", 15, 5, None, None),
        # Serbian and Slovene write the month in the genitive
        ("Поподне 3. марта 2025. године одржана је седница.", "sr", "3. марта 2025", 3, 3, 2025, "afternoon"),
        ("Ujutro 11. septembra održana je sjednica.", "sr-Latn", "11. septembra", 11, 9, None, "morning"),
        ("Seja je bila 5. marca zvečer.", "sl", "5. marca", 5, 3, None, "evening"),
        ("Seja je bila 14. januarja 2025.", "sl", "14. januarja 2025", 14, 1, 2025, None),
        ("Sjednica je održana 2. juna.", "bs", "2. juna", 2, 6, None, None),
        ("Kokous pidettiin iltapäivällä 4. lokakuuta.", "fi", "4. lokakuuta", 4, 10, None, "afternoon"),
        ("הישיבה התקיימה בבוקר ה-8 במרץ.", "he", "8 במרץ", 8, 3, None, "morning"),
        # a word for "of" between the day and the month; the year after a comma
        ("Noong umaga ng ika-3 ng Marso, 2025, nagpulong ang komite.", "tl", "3 ng Marso, 2025", 3, 3, 2025, "morning"),
        ("It met on the 3rd of March 2025.", "en", "3rd of March 2025", 3, 3, 2025, None),
        # the year written first, marked by a full stop or an abbreviation ending in one
        ("2025 m. kovo 3 d. įvyko posėdis.", "lt", "kovo 3", 3, 3, 2025, None),
        ("2025. március 3-án délután ülésezett a bizottság.", "hu", "március 3", 3, 3, 2025, "afternoon"),
        ("A 2000 küldött március 3-án ülésezett.", "hu", "március 3", 3, 3, None, None),
        # a year that ends a sentence, a range or the line above is not the date's; a count after a comma neither
        ("The congress met in 2020. On 5 May the committee met.", "en", "5 May", 5, 5, None, None),
        ("Die Amtszeit 2020-2025. Am 19. Dezember tagte der Ausschuss.", "de", "19. Dezember", 19, 12, None, None),
        ("Plan for 2025.\n\nOn 19 December the committee met.", "en", "19 December", 19, 12, None, None),
        ("It met on 5 May, 2000 delegates attending.", "en", "5 May", 5, 5, None, None),
        ("It met on 5 May, 2024, in Hanoi.", "en", "5 May, 2024", 5, 5, 2024, None),
    ],
)
def test_find_dates_alphabetic(
    text: str, language: str, span: str, day: int, month: int, year: int | None, part: str | None
) -> None:
    (date,) = find_dates(text, language)
    assert text[date.span.start : date.span.end] == span
    assert (date.day, date.month, date.year, date.part_of_day) == (day, month, year, part)


@pytest.mark.parametrize(
    ("text", "span", "day", "month", "year", "part"),
    [
        ("会議は二〇二四年十一月五日午前に開かれた。", "二〇二四年十一月五日", 5, 11, 2024, "morning"),
        ("会议于2023年10月8日下午举行。", "2023年10月8日", 8, 10, 2023, "afternoon"),
        ("会議は十二月三十一日夕方に終わった。", "十二月三十一日", 31, 12, None, "evening"),
        ("会議は２０２２年１月２０日に開催。", "２０２２年１月２０日", 20, 1, 2022, None),
    ],
)
def test_find_dates_cjk(text: str, span: str, day: int, month: int, year: int | None, part: str | None) -> None:
    (date,) = find_dates(text, "ja")
    assert text[date.span.start : date.span.end] == span
    assert (date.day, date.month, date.year, date.part_of_day) == (day, month, year, part)


def test_find_dates_cjk_rejects_impossible_month() -> None:
    assert find_dates("第十三月五日", "ja") == []


def test_find_dates_reading_order_and_language_dependence() -> None:
    text = "Am 2. Mai wurde beraten, am 17. Juni 2023 beschlossen."
    dates = find_dates(text, "de")
    assert [(d.day, d.month, d.year) for d in dates] == [(2, 5, None), (17, 6, 2023)]
    assert find_dates(text, "ru") == []  # German month names are not Russian ones


def test_all_digit_dates_count_only_when_no_date_is_written_in_words() -> None:
    assert [(d.day, d.month, d.year) for d in find_dates("Am 12.03.2024 tagte der Ausschuss.", "de")] == [(12, 3, 2024)]
    assert [(d.day, d.month, d.year) for d in find_dates("Held on 2024-03-12.", "en")] == [(12, 3, 2024)]
    stamped = "12.03.2024 08:15\nAm 11. März tagte der Ausschuss."
    assert [(d.day, d.month) for d in find_dates(stamped, "de")] == [(11, 3)]
    assert find_dates("Nghị quyết 35/2021/QH15 và Luật 10/2022", "vi") == []


def test_find_dates_ignores_day_out_of_range() -> None:
    assert find_dates("Am 45. März.", "de") == []


@pytest.mark.parametrize(
    ("number", "value"),
    [("五", 5), ("十", 10), ("十一", 11), ("二十", 20), ("三十一", 31), ("二〇二四", 2024), ("１２", 12), ("7", 7)],
)
def test_cjk_number(number: str, value: int) -> None:
    assert cjk_number(number) == value


@pytest.mark.parametrize(
    ("word", "language", "month"),
    [("März", "de", 3), ("апреля", "ru", 4), ("října", "cs", 10), ("września", "pl", 9), ("مايو", "ar", 5),
     ("Juin", "fr", 6), ("Table", "en", None), ("März", "xx", None)],
)  # fmt: skip
def test_month_number(word: str, language: str, month: int | None) -> None:
    assert month_number(word, language) == month


def test_spanish_day_de_month() -> None:
    (date,) = find_dates("La conferencia se celebró el 5 de mayo de 2023 por la mañana.", "es")
    assert (date.day, date.month, date.year, date.part_of_day) == (5, 5, 2023, "morning")


def test_french_first_of_month() -> None:
    (date,) = find_dates("La conférence a eu lieu le 1er juin 2023.", "fr")
    assert (date.day, date.month, date.year) == (1, 6, 2023)


def test_persian_february() -> None:
    (date,) = find_dates("جلسه در ۱۲ فوریه ۲۰۲۴ برگزار شد.", "fa")
    assert (date.day, date.month, date.year) == (12, 2, 2024)


def test_part_of_day_not_inside_russian_word() -> None:
    (date,) = find_dates("Конференция прошла 12 апреля в последнем зале.", "ru")
    assert date.part_of_day is None


def test_part_of_day_not_inside_persian_word() -> None:
    (date,) = find_dates("جلسه در ۱۲ مارس در شبکه استانی پخش شد.", "fa")
    assert date.part_of_day is None


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("جلسه ظهر ۱۲ مارس برگزار شد.", None),  # Persian noon alone names no part of day
        ("جلسه بعد از ظهر ۱۲ مارس برگزار شد.", "afternoon"),
        ("Днём 12 марта состоялось заседание.", "afternoon"),
    ],
)
def test_part_of_day_noon_is_not_afternoon(text: str, part: str | None) -> None:
    (date,) = find_dates(text, "fa" if "مارس" in text else "ru")
    assert date.part_of_day == part


def test_part_of_day_romanian_este_is_not_evening() -> None:
    (date,) = find_dates("Conferința este programată pe 12 mai.", "ro")
    assert date.part_of_day is None


def test_part_of_day_not_taken_from_next_sentence() -> None:
    text = "Die Sitzung war am 3. März. Am Abend gab es ein Konzert."
    (date,) = find_dates(text, "de")
    assert text[date.span.start : date.span.end] == "3. März"
    assert date.part_of_day is None


def test_part_of_day_stops_at_clause_boundary() -> None:
    text = "Am 3. März tagte der Ausschuss; am Abend folgte ein Empfang."
    (date,) = find_dates(text, "de")
    assert date.part_of_day is None


def _around(text: str, date: str) -> str | None:
    start = text.index(date)
    return part_of_day_near(text, start, start + len(date))


def test_part_of_day_near_window() -> None:
    assert _around("am Abend des 3. März", "3. März") == "evening"
    assert _around("3. März, am Abend", "3. März") is None  # after the date, a comma ends the clause
    assert _around("abends am 3. März", "3. März") is None  # 'abends' is not the word 'abend'
    assert _around("Nachmittag " + "x " * 25 + "3. März", "3. März") is None  # beyond the 40-character window
    assert _around("Nachmittag " + "x " * 10 + "3. März", "3. März") == "afternoon"


# --------------------------------------------------------------------------- byline


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Die Konferenz endete am Nachmittag.\n\nDoan Huu Phuc\n", "Doan Huu Phuc"),
        ("Die Konferenz endete.\nDoan Huu Phuc\nQuelle: http://example.vn/artikel", "Doan Huu Phuc"),
        ("La conférence s'est terminée.\nTexte et photos : Le Hoang Nam", "Le Hoang Nam"),
        ("La conférence s'est terminée.\n(Texte et photos : Le Hoang Nam)", "Le Hoang Nam"),
        ("Конференция завершилась.\nДоан Хыу Фук\nИсточник: газета провинции", "Доан Хыу Фук"),
        ("会議は午後に閉幕した。\n（文・写真：グエン・ヴァン・タイン）", "グエン・ヴァン・タイン"),
        ("会议于下午结束。\n陈明科", "陈明科"),
        ("انتهى المؤتمر بعد الظهر.\nتران مينه خوا", "تران مينه خوا"),
        ("Konferencja zakończyła się.\nDoan Huu Phuc\nKomentarze (3)", "Doan Huu Phuc"),
        ("   \n  Vu Thi Lan  \n", "Vu Thi Lan"),
    ],
)
def test_find_byline(text: str, name: str) -> None:
    byline = find_byline(text)
    assert byline is not None
    assert byline.text == name
    assert text[byline.start : byline.end] == name


@pytest.mark.parametrize(
    "text",
    [
        "Конференция завершилась.\nДелегаты одобрили план работы на следующий год.",
        "Die Konferenz endete.\nDie Delegierten stimmten dem Plan zu.",
        "Die Konferenz endete.\nDie Delegierten stimmten zu",  # lowercase words
        "Konferencja zakończyła się.\nDoan Huu Phuc 2024",  # digits
        "Die Konferenz endete.\nFoto: VNA",  # one word
        "",
    ],
)
def test_find_byline_none(text: str) -> None:
    assert find_byline(text) is None


def test_find_byline_only_looks_at_last_content_line() -> None:
    # A name higher up does not count once the last line is a sentence.
    text = "Doan Huu Phuc\nDie Konferenz endete mit einem Beschluss."
    assert find_byline(text) is None
    assert byline_rules._looks_like_name("Doan Huu Phuc")


# --------------------------------------------------------------------------- the sentence reporting the event


def _event_sentence(text: str, language: str) -> str:
    from extractor.rules.organizer import event_sentence

    return event_sentence(text, find_dates(text, language)[0])


def test_the_event_sentence_is_the_one_holding_the_date() -> None:
    text = "Titre de l'article\nLe 3 mai 2024, le comité du Parti a tenu une conférence. Elle a duré deux heures."
    assert _event_sentence(text, "fr") == "Le 3 mai 2024, le comité du Parti a tenu une conférence."


def test_a_stop_before_a_lowercase_word_does_not_end_the_sentence() -> None:
    # Hungarian writes ordinals with a full stop ("a 2024. évi"): the sentence goes on.
    text = "Május 3-án a községi pártbizottság konferenciát tartott a 2024. évi munka értékelésére. Utána ebéd."
    assert _event_sentence(text, "hu").endswith("a 2024. évi munka értékelésére.")


def test_the_devanagari_danda_ends_a_sentence() -> None:
    text = "3 मई 2024 को जिला पार्टी समिति ने सम्मेलन आयोजित किया। इसके बाद भोजन हुआ।"
    assert _event_sentence(text, "hi") == "3 मई 2024 को जिला पार्टी समिति ने सम्मेलन आयोजित किया।"


def test_with_no_date_the_event_sentence_is_the_opening() -> None:
    from extractor.rules.organizer import event_sentence

    assert event_sentence("Title\nThe committee met.\n\nMore.", None) == "Title The committee met. More."


def test_the_byline_is_the_name_above_a_source_line_in_greek_and_hindi() -> None:
    for source in ("Πηγή", "स्रोत"):
        text = f"Το συνέδριο ολοκληρώθηκε.\n\nΤραν Μινχ\n\n{source}\n\nΣχόλιο (0)\n"
        found = find_byline(text)
        assert found is not None and found.text == "Τραν Μινχ"


@pytest.mark.parametrize(
    ("source", "name"),
    [("Эх сурвалж", "Тхуи Зунг"), ("Източник", "Тхуи Зунг"), ("Vir: STA", "Tran Binh"), ("Šaltinis", "Tran Binh")],
)
def test_the_byline_is_found_above_the_source_line_in_more_languages(source: str, name: str) -> None:
    found = find_byline(f"Konferencija baigėsi.\n\n{name}\n\n{source}\n\nKomentaras (0)\n")
    assert found is not None and found.text == name


def test_a_short_source_word_does_not_swallow_a_name_that_opens_with_it() -> None:
    found = find_byline("Konferenca je uspela.\n\nVirginia Tran\n")
    assert found is not None and found.text == "Virginia Tran"
    found = find_byline("会议圆满结束。\n\n阮文成\n\n来源新华社\n")  # no space after a CJK source word
    assert found is not None and found.text == "阮文成"


def test_a_level_word_in_parentheses_places_the_body_and_is_not_its_level() -> None:
    from extractor.rules.organizer import find_organizer_level

    text = "Le 3 mai 2024, le comité du Parti du district de Kim Long (province de Ha Nam) a tenu une conférence."
    found = find_organizer_level(text, find_dates(text, "fr")[0])
    assert found is not None and found.level == "district"
    text = "Le 3 mai 2024, le comité du Parti de Kim Long (province de Ha Nam) a tenu une conférence."
    assert find_organizer_level(text, find_dates(text, "fr")[0]) is None


@pytest.mark.parametrize(
    "text",
    [
        "conforme a la Directiva No. 35 del Buró Político sobre los congresos",  # es
        "mengikuti Direktif Nomor 35 Politbiro tentang kongres",  # id
        "पोलित ब्यूरो के निर्देश संख्या 35 के अनुसार",  # hi: the issuer first, in a genitive
        "تنفيذ التوجيه رقم 35 الصادر عن المكتب السياسي",  # ar
        "την Οδηγία αριθ. 35 του Πολιτικού Γραφείου",  # el
    ],
)
def test_a_directive_cited_by_number_and_issuer_is_rebuilt_in_more_languages(text: str) -> None:
    from extractor.rules.codes import find_cited_documents

    assert {match.number for match in find_cited_documents(text)} == {"35-CT/TW"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ביישום הנחיה מספר 35 של הפוליטביורו", "35-CT/TW"),  # he: the number word
        ("Politbiuro direktyva Nr. 35 dėl suvažiavimų", "35-CT/TW"),  # lt
        ("Resolusyon Blg. 18 ng Politburo", "18-NQ/TW"),  # tl: Blg. (bilang)
        ("Улс төрийн товчооны 35 дугаар тогтоол", "35-NQ/TW"),  # mn: the number first, дугаар after it
        ("Намын Төв хорооны 18-р тогтоолыг", "18-NQ/TW"),  # mn: the short -р
        ("পলিটব্যুরোর রেজোলিউশন নম্বর ১৮", "18-NQ/TW"),  # bn
        ("resolucija št. 18 Politbiroja", "18-NQ/TW"),  # sl
    ],
)
def test_a_document_cited_with_its_languages_number_word_is_rebuilt(text: str, code: str) -> None:
    from extractor.rules.codes import find_cited_documents

    assert {match.number for match in find_cited_documents(text)} == {code}


def test_an_issuer_across_a_phrase_break_does_not_make_the_code() -> None:
    from extractor.rules.codes import find_cited_documents

    assert find_cited_documents("the province focused on this; Directive No. 35 was carried out") == []


def test_the_events_own_date_is_no_reviewed_period_and_a_running_term_is() -> None:
    from extractor.rules.period import find_review_period

    text = "Le 20 juillet 2023, le comité a tenu une conférence pour faire le bilan à mi-mandat, mandat 2020-2025."
    found = find_review_period(text, find_dates(text, "fr")[0])
    assert found is not None and (found.start, found.end) == (2020, 2025)  # began before the event: reviewed
    text = "Le 20 juillet 2025, le comité a tenu une conférence pour faire le bilan du mandat 2025-2030."
    assert find_review_period(text, find_dates(text, "fr")[0]) is None  # the coming term; the date is no period


def test_indonesian_review_words_take_the_men_prefix() -> None:
    from extractor.rules.period import find_review_period

    text = "Pada 26 Desember, Komite Partai mengadakan konferensi untuk meninjau pekerjaan pada tahun 2024."
    found = find_review_period(text, find_dates(text, "id")[0])
    assert found is not None and found.start == found.end == 2024


def test_review_fixes_scripts_and_short_forms() -> None:
    from extractor.romanize import romanize_by_syllables
    from extractor.rules.organizer import find_organizer_level
    from extractor.rules.people import find_person_names

    assert romanize_by_syllables("Τρούονγκ") == "Truong"  # ού is the digraph ου with its accent
    # Hindi function words snap to name syllables (हो Ho, था Thai): a name counts only after "comrade"
    assert [s.text for s in find_person_names("काम हो रहा था कि कॉमरेड फाम थी लान ने भाग लिया।")] == ["फाम थी लान"]
    # a Thai date in the Buddhist era
    assert [(d.year, d.month, d.day) for d in find_dates("เมื่อวันที่ 9 กุมภาพันธ์ 2567 ที่", "th")] == [(2024, 2, 9)]
    # Chinese short forms: 省委 is the provincial Party committee
    text = "2024年5月6日，河内省委召开会议。"
    found = find_organizer_level(text, find_dates(text, "zh")[0])
    assert found is not None and found.level == "provincial"
    # a vowel sign continues a Devanagari word: शाम (evening) is not inside शामिल (joined)
    hindi = "9 मई 2024 को सम्मेलन में सभी शामिल हुए।"
    assert find_dates(hindi, "hi")[0].part_of_day is None


def test_a_review_of_year_n_with_the_tasks_of_year_n_plus_1_reviews_n_whatever_the_word_order() -> None:
    # Japanese puts the reviewed year before the review word and the next year's right after it.
    object_first = "党委員会は3月10日、2023年の活動を総括し、2024年の重点任務を確認する会議を開いた。"
    assert find_review_period(object_first) == PeriodMatch(2023, 2023)
    assert find_review_period("The conference reviewed 2023 and set the tasks for 2024.") == PeriodMatch(2023, 2023)
