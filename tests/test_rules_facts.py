"""Rules for format, province, period, cited documents and people, on invented articles in several languages."""

from __future__ import annotations

import pytest

from extractor.core.text import lower_in_place
from extractor.grounding import FoldedArticle
from extractor.rules import (
    cited_once,
    find_cited_documents,
    find_dates,
    find_document_codes,
    find_figures,
    find_format,
    find_person_names,
    find_province,
    find_review_period,
    infer_event_year,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Konferenz fand online statt, mit 30 Zuschaltpunkten.", "online"),
        ("La conférence s'est tenue en présentiel et en ligne.", "hybrid"),
        ("会議は対面形式で開かれた。", "in_person"),
        ("Совещание прошло с точки зрения политики важно.", None),
        ("Hội nghị được tổ chức trực tuyến tới 25 điểm cầu.", "online"),
    ],
)
def test_format_comes_from_what_the_article_says(text: str, expected: str | None) -> None:
    found = find_format(text)
    assert (found.kind if found else None) == expected


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("Das Parteikomitee der Provinz Nam Dinh tagte.", "Nam Dinh"),
        ("Партийный комитет провинции Куангнам провел конференцию.", "Quang Nam"),
        ("Die Provinz Ninh Binh und danach Hai Phong.", "Ninh Binh"),
    ],
)
def test_first_named_province_in_any_script(text: str, province: str) -> None:
    found = find_province(FoldedArticle(text))
    assert found is not None and found.name == province


def test_no_province_named_gives_none() -> None:
    assert find_province(FoldedArticle("Der Vorstand traf sich in Berlin.")) is None


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Am 5. Januar hielt das Komitee eine Konferenz ab, um die Arbeit des Jahres 2022 auszuwerten.", (2022, 2022)),
        ("Le comité a dressé le bilan de dix années (2013-2023) de la résolution.", (2013, 2023)),
        ("Am 7. Januar wurde die Arbeit des Jahres 2019 ausgewertet.", (2019, 2019)),
        ("Komitet zebrał się, aby omówić plan pracy na 2026 rok.", None),  # "omówić" is discuss, not review
        ("Комитет провел обзор работы за 2018–2023 годы.", (2018, 2023)),
        ("The committee met to discuss congress plans for the 2025-2030 term.", None),
        ("二〇一九年から二〇二三年までの活動を総括した。", (2019, 2023)),
        ("党委員会は2019～2023年の活動を総括した。", (2019, 2023)),  # a fullwidth tilde joins the range
        ("2020년~2024년 활동을 평가했다.", (2020, 2024)),
    ],
)
def test_reviewed_period_from_the_lead(text: str, period: tuple[int, int] | None) -> None:
    found = find_review_period(text)
    assert ((found.start, found.end) if found else None) == period


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("gemäß der Richtlinie Nr. 42 des Politbüros", ["42-CT/TW"]),
        ("zgodnie z uchwałą nr 11 Komitetu Centralnego", ["11-NQ/TW"]),
        ("по плану № 205 провинциального комитета партии", ["205-KH/TU"]),
        ("طبق دستورالعمل شماره ۶۱ دفتر سیاسی", ["61-CT/TW"]),
        ("政治局結論第五十二号に基づき", ["52-KL/TW"]),
        ("a directive with no number from the Politburo", []),
        # The number first, the issuer before it, however long its name: Hungarian "számú", Turkish "sayılı".
        ("a Politikai Bizottság 12. számú irányelve és a Tan Phu Járási Pártbizottság Állandó Bizottsága 48. számú"
         " terve szerint", ["12-CT/TW", "48-KH/HU"]),
        ("Politbüro'nun 27 sayılı Direktifi uyarınca", ["27-CT/TW"]),
        ("पोलित ब्यूरो (12वें कार्यकाल) के निर्देश संख्या 8 का पालन", ["8-CT/TW"]),  # the term does not end the issuer
        ("중앙위원회(제12기) 결의 제18호를 실행했다", ["18-NQ/TW"]),
        ("省委常务委员会的第三十号计划", ["30-KH/TU"]),  # the number before the kind
        ("ตามมติเลขที่ 12 ของกรมการเมือง", ["12-NQ/TW"]),
        ("ຕາມມະຕິເລກທີ 7 ຂອງກົມການເມືອງ", ["7-NQ/TW"]),
        ("แผนที่ 3 ของกรมการเมือง", []),  # a map, not a plan
        ("결의 제2단계 중앙위원회", []),  # 제 without 호 makes an ordinal
    ],
)
def test_documents_cited_by_kind_and_number_get_their_code(text: str, codes: list[str]) -> None:
    assert [match.number for match in find_cited_documents(text)] == codes


def test_vietnamese_names_in_latin_and_cyrillic() -> None:
    text = "Den Vorsitz hatte Genosse Pham Quoc Bao. Также выступил товарищ Чан Ван Лам из района."
    assert [span.text for span in find_person_names(text)] == ["Pham Quoc Bao", "Чан Ван Лам"]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Am 12. Dezember zog das Komitee Bilanz für 2021 und plante 2022.", 2021),
        ("Am 8. Januar wurde die Arbeit des Jahres 2021 ausgewertet, Aufgaben für 2022 beschlossen.", 2022),
        ("Am 9. Februar: bis März 2026 sollen alle Zellen tagen.", 2026),
        ("Am 20. November wurde Bilanz für 2019 gezogen; die Aufgaben für 2020 wurden festgelegt.", 2019),
        ("Am 3. März wurde Bilanz für 2019 gezogen.", 2020),  # a review held in January-March: the year before
        ("Am 14. Februar sprach das Komitee über die Arbeit 2019.", None),  # 2019 or 2020: left to the model
        ("Am 3. Juli: 2012 gegründet, seit 2016 im Kreis tätig.", 2016),  # otherwise the latest year named
        ("Am 29. Februar: bis März 2023 sollen alle Zellen tagen.", None),  # 2023 has no 29 February
    ],
)
def test_event_year_inferred_from_the_years_mentioned(text: str, year: int) -> None:
    event = find_dates(text, "de")[0]
    assert infer_event_year(text, "de", event) == year


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Es wurden 169 Kurse mit 12 500 Teilnehmern und 86 % Erfolg gehalten.", [169.0, 12500.0, 86.0]),
        ("Der 16. Parteitag im Jahr 2025 dauerte 3 Tage.", []),
        ("Das Modell „Zelle 35“ und die Schule Dong Son 1 High School.", []),
        ("Gemäß Beschluss Nr. 12 nahmen 40 Delegierte teil. Kommentar (0)", [40.0]),
        ("Создано 5/5 ячеек, 4-го съезда, 120 членов.", [120.0]),
        # Durations, ordinals and a number joined to a word, in other languages.
        ("Dopo 7 anni, verso il 9º congresso, con 310 iscritti.", [310.0]),
        ("Selama 4 tahun menuju Kongres ke-11, 860 anggota baru; pasca COVID-19.", [860.0]),
        ("Inför den 12:e kongressen hade 2 400 medlemmar anslutit.", [2400.0]),
        ("ενόψει του 15ου Συνεδρίου, 730 μέλη", [730.0]),
        ("16वीं कांग्रेस से पहले 420 सदस्य, प्रकोष्ठ नंबर 3", [420.0]),
        ("การประชุมครั้งที่ 12 มีสมาชิก 215 คน ใน 6 ปี", [215.0]),
        # A word ending like a number sign is none ("sono", "patikrino", 문제); a sign of its own is.
        ("Ci sono 300 iscritti; il documento n. 5.", [300.0]),
        ("Komisija patikrino 11 organizacijų.", [11.0]),
        ("문제 3 가지와 제 5 항", [3.0]),
        ("सदस्यों की संख्या 500 है, निर्देश संख्या 35 के तहत", [500.0]),  # Hindi "the number of" is a count
        ("Улс төрийн товчооны 35 дугаар тогтоол, 120 гишүүн", [120.0]),  # mn: "number 35"
        ("ہدایت نمبر 35 کے تحت 74 اجلاس", [74.0]),  # ur
        ("ផែនការលេខ 61 និងសមាជិក 348 នាក់", [348.0]),  # km
    ],
)
def test_figures_are_quantities_not_years_ordinals_labels_or_numbers(text: str, values: list[float]) -> None:
    assert [figure.value for figure in find_figures(text, [])] == values


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("二〇二四", 2024),
        ("八百十二", 812),
        ("千三百五", 1305),
        ("八十七・五", 87.5),
        ("三万二千", 32000),
        ("１５", 15),
    ],
)
def test_kanji_numerals(numeral: str, value: float) -> None:
    from extractor.core.numbers import cjk_number

    assert cjk_number(numeral) == value


def test_japanese_quantities_and_katakana_names() -> None:
    text = (
        "会議にはグエン・タイン・ナム書記が出席した。党員は六百二十人、評価は八十七・五パーセント、二〇二四年の活動。"
    )
    assert [(figure.value, figure.percent) for figure in find_figures(text, [])] == [(620, False), (87.5, True)]
    assert [span.text for span in find_person_names(text)] == ["グエン・タイン・ナム"]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("On 4 May the Party Committee of the Provincial Agencies held a conference.", "agency_bloc"),
        ("On 4 May the Party Committee of the Provincial Agencies Bloc held a conference.", "agency_bloc"),
        ("On 4 May the district Party committee held a conference with leaders of agencies.", "district"),
        ("Dne 4. května uspořádal okresní výbor strany konferenci, přítomni byli zástupci agentur.", "district"),
    ],
)
def test_agency_words_make_a_bloc_only_with_a_level(text: str, level: str) -> None:
    from extractor.rules import find_organizer_level

    language = "cs" if "května" in text else "en"
    found = find_organizer_level(text, find_dates(text, language)[0])
    assert found is not None and found.level == level



@pytest.mark.parametrize(
    ("sentence", "chaired"),
    [
        ("Jednání řídil soudruh Tran Van Nam.", True),  # Czech: conducted the meeting
        ("Soudruh Tran Van Nam řídil práci odboru a zúčastnil se.", False),  # directed the department's work
        ("Заседание провёл и руководил им товарищ Чан Ван Нам.", True),
        ("Товарищ Чан Ван Нам руководил отделом пропаганды.", False),
        ("Os camaradas Tran Van Nam e Le Thi Hoa presidiram a conferência.", True),  # Portuguese, plural
        ("Los camaradas Tran Van Nam y Le Thi Hoa presidieron la conferencia.", True),  # Spanish, plural
    ],
)
def test_directing_is_chairing_only_with_a_meeting(sentence: str, chaired: bool) -> None:
    from extractor.core.text import Span
    from extractor.rules import chairs_in_sentence

    start = sentence.index("Tran") if "Tran" in sentence else sentence.index("Чан")
    assert chairs_in_sentence(sentence, Span(start, start + 4, sentence[start : start + 4])) is chaired


def test_offsets_found_in_a_lowered_text_index_the_original_even_with_a_turkish_dotted_capital() -> None:
    # str.lower makes "İ" two characters; every offset after it would point one character too far.
    text = "Quang Tri İl Parti Komitesi, İl Halk Konseyi ile 2023 yılının çalışmalarını değerlendirdi. Toplantı bitti."
    found = find_review_period(text)
    assert found is not None and (found.start, found.end) == (2023, 2023)
    assert text[slice(*found.sentence)] == text[: text.index(".")]
    assert lower_in_place("İSTANBUL İl") == "istanbul il"


def test_a_document_cited_again_in_short_is_the_one_cited_first() -> None:
    # Italian: the short second citation runs into the next sentence, whose issuer is the district committee.
    text = ("Attuare la Direttiva n. 12-CT/TW del Politburo. Hanno discusso la Direttiva 12. Il Piano n. 7 del"
            " Comitato distrettuale del Partito.")  # fmt: skip
    codes = find_document_codes(text) + find_cited_documents(text)
    assert "12-CT/HU" in [code.number for code in codes]
    assert [code.number for code in cited_once(codes)] == ["12-CT/TW", "7-KH/HU"]
