"""Tests of extractor.assemble: the model's draft merged with rule facts, grounded in invented articles."""

from __future__ import annotations

import pytest

from extractor.assemble import Assembled, Assembler, Facts, clean_name, plausible_year
from extractor.core.text import Span
from extractor.questions import Readings
from extractor.rules import CodeMatch, DateMatch
from extractor.schemas.draft import Draft, DraftDocument, DraftFigure, DraftOrganizer, DraftPerson
from extractor.schemas.record import DocumentRef, EventDate

DE = (
    "Am Vormittag des 3. März 2024 hielt das Parteikomitee der Provinz Quang Tri eine Konferenz ab. "
    "Den Vorsitz führte Genosse Nguyen Van Thanh, Sekretär des Provinzparteikomitees. "
    "Die Konferenz bewertete die Richtlinie 12-CT/TW und das Dekret 45/2019/NĐ-CP. "
    "Es nahmen 12.500 Mitglieder teil, 3,5 % mehr als im Vorjahr.\n"
    "Doan Huu Phuc\n"
    "Quelle: https://baotinh.example.vn/tin/123"
)

RU = (
    "Утром 14 мая провинциальный комитет партии провёл конференцию в городе Донгха. "
    "Конференцию провёл товарищ Нгуен Ван Тхань, секретарь парткома. "
    "В ней приняли участие 240 делегатов.\n"
    "Доан Хыу Фук"
)


def assemble(text: str, draft: Draft, keep_ungrounded: bool = False, complete: bool = False) -> Assembled:
    """The draft alone (complete=False): these tests check what happens to the model's own values."""
    return Assembler(text, Facts.of(text), keep_ungrounded=keep_ungrounded, complete=complete).build(draft)


def chair(name: str, *titles: str) -> DraftPerson:
    return DraftPerson(name=name, role="chair", titles=list(titles))


def participant(name: str) -> DraftPerson:
    return DraftPerson(name=name, role="participant")


# --------------------------------------------------------------------------- Facts


def test_facts_of_german_article() -> None:
    facts = Facts.of(DE)
    assert facts.language == "de"
    assert [u.text for u in facts.urls] == ["https://baotinh.example.vn/tin/123"]
    assert [c.number for c in facts.codes] == ["12-CT/TW", "45/2019/ND-CP"]
    assert [(d.day, d.month, d.year, d.part_of_day) for d in facts.dates] == [(3, 3, 2024, "morning")]
    assert facts.byline is not None
    assert facts.byline.text == "Doan Huu Phuc"


# --------------------------------------------------------------------------- people


def test_comrade_is_removed_and_chair_grounded() -> None:
    result = assemble(DE, Draft(is_conference=True, people=[chair("Comrade Nguyen Van Thanh", "Secretary")]))
    assert [(p.name, p.titles) for p in result.record.chairs] == [("Nguyen Van Thanh", ["Secretary"])]
    evidence = result.evidence["chairs[0].name"]
    assert evidence.status == "exact"
    assert DE[evidence.start : evidence.end] == "Nguyen Van Thanh"
    assert result.ungrounded == []


def test_cyrillic_draft_name_romanized_and_grounded_fuzzily() -> None:
    result = assemble(RU, Draft(is_conference=True, people=[chair("товарищ Нгуен Ван Тхань")]))
    assert [p.name for p in result.record.chairs] == ["Nguyen Van Thanh"]
    evidence = result.evidence["chairs[0].name"]
    assert evidence.status == "fuzzy"
    assert RU[evidence.start : evidence.end] == "Нгуен Ван Тхань"


def test_absent_person_dropped_and_listed() -> None:
    draft = Draft(is_conference=True, people=[chair("Nguyen Van Thanh"), participant("Le Thi Hoa")])
    result = assemble(DE, draft)
    assert [p.name for p in result.record.chairs] == ["Nguyen Van Thanh"]
    assert result.record.participants == []
    assert result.ungrounded == ["participants[0].name: Le Thi Hoa"]
    assert result.evidence["participants[0].name"].status == "not_found"


def test_absent_person_kept_with_keep_ungrounded() -> None:
    draft = Draft(is_conference=True, people=[chair("Nguyen Van Thanh"), participant("Le Thi Hoa")])
    result = assemble(DE, draft, keep_ungrounded=True)
    assert [p.name for p in result.record.participants] == ["Le Thi Hoa"]
    assert result.ungrounded == ["participants[0].name: Le Thi Hoa"]


def test_duplicate_people_in_one_role_are_merged() -> None:
    draft = Draft(is_conference=True, people=[chair("Nguyen Van Thanh"), chair("Genosse Nguyễn Văn Thành")])
    assert [p.name for p in assemble(DE, draft).record.chairs] == ["Nguyen Van Thanh"]


def test_empty_name_after_cleaning_is_skipped() -> None:
    result = assemble(DE, Draft(is_conference=True, people=[chair("Comrade")]))
    assert result.record.chairs == []
    assert result.ungrounded == []


# --------------------------------------------------------------------------- places


def test_province_suffix_removed_and_grounded() -> None:
    result = assemble(DE, Draft(is_conference=True, province="Quang Tri Province", locality="Cam Lo District"))
    assert result.record.province == "Quang Tri"
    assert DE[result.evidence["province"].start : result.evidence["province"].end] == "Quang Tri"
    assert result.record.locality is None
    assert result.ungrounded == ["locality: Cam Lo"]


def test_a_locality_written_in_cyrillic_is_read_from_the_article_not_as_the_model_spelled_it() -> None:
    text = "На 5 май 2024 г. Районният партиен комитет на Тхуи Нгуен проведе конференция."
    result = assemble(text, Draft(is_conference=True, locality="Tkhui Nguen"))
    assert result.record.locality == "Thuy Nguyen"
    assert result.evidence["locality"].grounded


@pytest.mark.parametrize(
    ("text", "drafted", "locality"),
    [
        # Russian writes a place's syllables as one word: Lộc Hà is Локха (not Lo Kha), Mèo Vạc Меовак.
        ("29 февраля партийный комитет района Локха провел конференцию.", "Lokha", "Loc Ha"),
        ("5 мая 2024 года партийный комитет уезда Меовак провел конференцию.", "Meovak", "Meo Vac"),
        # The model's spelling stands where it spells syllables (the letters would read Nia Trang).
        ("5 мая 2024 года партийный комитет города Нячанг провел конференцию.", "Nha Trang", "Nha Trang"),
        # An older or foreign spelling joins the syllables with hyphens; a name in words keeps its hyphen.
        ("Am 5. Mai 2024 tagte das Parteikomitee der Stadt Vinh-Yen.", "Vinh-Yen", "Vinh Yen"),
        ("Am 5. Mai 2024 tagte das Komitee von Phan Rang-Thap Cham.", "Phan Rang-Thap Cham", "Phan Rang-Thap Cham"),
    ],
)
def test_a_locality_is_written_syllable_by_syllable(text: str, drafted: str, locality: str) -> None:
    assert assemble(text, Draft(is_conference=True, locality=drafted)).record.locality == locality


def test_a_locality_in_latin_letters_stays_as_the_model_wrote_it() -> None:
    text = "Am 5. Mai 2024 tagte das Parteikomitee des Kreises Cam Lộ."
    assert assemble(text, Draft(is_conference=True, locality="Cam Lo")).record.locality == "Cam Lo"


@pytest.mark.parametrize(
    ("text", "drafted", "locality"),
    [
        # Found where the centrally-run city is: that city, named once, with no place below it of its name.
        ("Am 5. Mai 2024 tagte das Parteikomitee der Stadt Hai Phong.", "Hai Phong", None),
        # A provincial capital that shares its province's name is a locality below it.
        ("Am 5. Mai 2024 tagte das Parteikomitee der Stadt Thanh Hoa.", "Thanh Hoa", "Thanh Hoa"),
    ],
)
def test_a_locality_found_where_a_centrally_run_city_is_is_that_city(
    text: str, drafted: str, locality: str | None
) -> None:
    result = assemble(text, Draft(is_conference=True, locality=drafted))
    assert result.record.locality == locality


# --------------------------------------------------------------------------- figures


def test_figures_grounded_absent_and_year() -> None:
    draft = Draft(
        is_conference=True,
        figures=[
            DraftFigure(value=12500, unit="members"),
            DraftFigure(value=3.5, unit="%"),
            DraftFigure(value=777, unit="delegates"),  # not in the text
            DraftFigure(value=2024),  # a year, not a quantity
        ],
    )
    result = assemble(DE, draft)
    assert [(f.value, f.unit) for f in result.record.figures] == [(12500.0, "members"), (3.5, "%")]
    assert DE[result.evidence["figures[0].value"].start : result.evidence["figures[0].value"].end] == "12.500"
    assert DE[result.evidence["figures[1].value"].start : result.evidence["figures[1].value"].end] == "3,5"
    # Paths of dropped values reuse the next free index; only the values are asserted here.
    assert [entry.split(": ")[1] for entry in result.ungrounded] == ["777", "2024"]
    assert all(entry.startswith("figures[") for entry in result.ungrounded)


def test_year_figure_dropped_even_when_written_alone() -> None:
    text = "Die Konferenz am 3. März im Jahr 2024 zählte 40 Delegierte."
    result = assemble(text, Draft(is_conference=True, figures=[DraftFigure(value=2024), DraftFigure(value=40)]))
    assert [f.value for f in result.record.figures] == [40.0]


def test_figure_inside_document_code_or_date_is_not_grounded() -> None:
    draft = Draft(is_conference=True, figures=[DraftFigure(value=12), DraftFigure(value=45), DraftFigure(value=3)])
    result = assemble(DE, draft)
    assert result.record.figures == []
    assert [entry.split(": ")[1] for entry in result.ungrounded] == ["12", "45", "3"]


def test_figure_equal_to_code_number_grounded_elsewhere() -> None:
    text = "Die Richtlinie 12-CT/TW wurde am 3. März von 12 Delegierten diskutiert."
    result = assemble(text, Draft(is_conference=True, figures=[DraftFigure(value=12, unit="delegates")]))
    assert [f.value for f in result.record.figures] == [12.0]
    evidence = result.evidence["figures[0].value"]
    assert evidence.start == text.index("12 Delegierten")
    assert text[evidence.start : evidence.end] == "12"


def test_repeated_figure_uses_each_mention_once() -> None:
    text = "Es gab 40 Delegierte und 40 Gäste am 3. März."
    draft = Draft(is_conference=True, figures=[DraftFigure(value=40), DraftFigure(value=40), DraftFigure(value=40)])
    result = assemble(text, draft)
    assert [f.value for f in result.record.figures] == [40.0, 40.0]
    assert [result.evidence[f"figures[{i}].value"].start for i in range(2)] == [7, 25]
    assert result.ungrounded == ["figures[2].value: 40"]


# --------------------------------------------------------------------------- documents


def test_documents_from_rules_then_rebuilt_from_draft() -> None:
    text = "Die Konferenz am 3. März setzte die Richtlinie 12-CT/TW um und beschloss den Plan Nr. 6 des Komitees."
    draft = Draft(
        is_conference=True,
        documents=[
            DraftDocument(kind="directive", number="12", issuer="Politburo"),  # same as the printed code
            DraftDocument(kind="plan", number="6", issuer="Provincial Party Committee"),
        ],
    )
    result = assemble(text, draft)
    assert result.record.documents == [
        DocumentRef(kind="directive", number="12-CT/TW", issuer="Central Committee"),
        DocumentRef(kind="plan", number="6-KH/TU", issuer="Provincial Party Committee"),
    ]
    assert result.evidence["documents[0].number"].status == "exact"
    assert result.evidence["documents[1].number"].status == "fuzzy"
    assert text[result.evidence["documents[1].number"].start : result.evidence["documents[1].number"].end] == "6"


def test_a_drafted_number_where_the_rules_read_a_cited_document_is_that_document() -> None:
    # Hungarian puts the number first: "the Politburo's Directive No. 12", which the model took for a resolution.
    text = "A konferencia március 3-án a Politikai Bizottság 12. számú irányelvét értékelte."
    draft = Draft(is_conference=True, documents=[DraftDocument(kind="resolution", number="12", issuer="Politburo")])
    result = assemble(text, draft)
    assert result.record.documents == [DocumentRef(kind="directive", number="12-CT/TW", issuer="Central Committee")]


def test_the_founders_name_is_no_attendee() -> None:
    text = "Am 3. März 2024 tagte das Komitee zur Ideologie von Ho Chi Minh. Es sprach Genosse Le Thi Hoa."
    draft = Draft(is_conference=True, people=[participant("Ho Chi Minh"), participant("Le Thi Hoa")])
    result = Assembler(text, Facts.of(text)).build(draft)
    assert [p.name for p in result.record.participants] == ["Le Thi Hoa"]


@pytest.mark.parametrize("founder", ["Хо Ши Мин", "Хо Ши Мина"])
def test_the_founders_name_in_cyrillic_is_no_attendee(founder: str) -> None:
    text = f"3 марта 2024 года комитет изучал наследие: {founder}. Выступил товарищ Ле Тхи Хоа."
    result = Assembler(text, Facts.of(text)).build(Draft(is_conference=True))
    assert [p.name for p in result.record.participants] == ["Le Thi Hoa"]


def test_decree_code_from_rules() -> None:
    result = assemble(DE, Draft(is_conference=True))
    assert result.record.documents == [
        DocumentRef(kind="directive", number="12-CT/TW", issuer="Central Committee"),
        DocumentRef(kind="decree", number="45/2019/ND-CP", issuer="Government"),
    ]


def test_ungrounded_document_number_is_nulled_but_document_kept() -> None:
    text = "Die Konferenz am 3. März besprach einen Plan des Provinzkomitees."
    draft = Draft(is_conference=True, documents=[DraftDocument(kind="plan", number="7", issuer="Provincial Party")])
    result = assemble(text, draft)
    assert result.record.documents == [DocumentRef(kind="plan", number=None, issuer="Provincial Party")]
    assert result.ungrounded == ["documents[0].number: 7-KH/TU"]


def test_no_spurious_document_from_code_suffix() -> None:
    text = "Die Konferenz am 3. März bewertete die Resolution 12-NQ/TW des Politbüros. 40 Delegierte nahmen teil."
    draft = Draft(is_conference=True, documents=[DraftDocument(kind="resolution", number="2", issuer="Politburo")])
    numbers = [d.number for d in assemble(text, draft).record.documents]
    assert numbers in (["12-NQ/TW"], ["12-NQ/TW", None])


# --------------------------------------------------------------------------- rules win over the draft


def test_language_date_author_url_come_from_rules() -> None:
    draft = Draft.model_validate(
        {
            "is_conference": True,
            "event_year": 2019,
            "source_language": "vi",
            "author": "Someone Else",
            "source_url": "https://wrong.example.com",
            "date": {"year": 2019, "month": 1, "day": 1},
        }
    )
    result = assemble(DE, draft)
    record = result.record
    assert record.source_language == "de"
    assert record.date == EventDate(year=2024, month=3, day=3, part_of_day="morning", year_inferred=False)
    assert record.author == "Doan Huu Phuc"
    assert record.source_url == "https://baotinh.example.vn/tin/123"
    assert DE[result.evidence["date"].start : result.evidence["date"].end] == "3. März 2024"
    assert DE[result.evidence["author"].start : result.evidence["author"].end] == "Doan Huu Phuc"
    assert result.evidence["source_url"].text == "https://baotinh.example.vn/tin/123"


def test_russian_article_author_romanized_and_year_inferred() -> None:
    result = assemble(RU, Draft(is_conference=True, event_year=2023))
    record = result.record
    assert record.source_language == "ru"
    assert record.author == "Doan Huu Phuc"
    assert record.date == EventDate(year=2023, month=5, day=14, part_of_day="morning", year_inferred=True)
    assert record.source_url is None


def test_an_article_with_no_day_and_month_reports_no_conference_whatever_the_draft_says() -> None:
    text = "Genosse Nguyen Van Thanh leitet seit 2005 die Parteizelle des Dorfes Dong Ha. Quelle: Zeitung"
    draft = Draft(is_conference=True, event_year=2022, province="Quang Tri", people=[chair("Nguyen Van Thanh")])
    result = assemble(text, draft)
    assert result.record.is_conference is False
    assert (result.record.date, result.record.chairs, result.record.province) == (None, [], None)
    assert "is_conference: true (the article gives no day and month for any event)" in result.ungrounded


def test_a_dated_article_keeps_the_draft_s_reading() -> None:
    text = "Am 3. März tagte das Parteikomitee in Dong Ha."
    assert assemble(text, Draft(is_conference=True)).record.is_conference is True
    assert assemble(text, Draft(is_conference=False)).record.is_conference is False


def test_persian_byline_is_not_romanized_so_no_author() -> None:
    text = "کمیته حزبی استان صبح امروز تشکیل جلسه داد و برنامه کار سال آینده را بررسی کرد.\nتران مین خوا"
    result = assemble(text, Draft(is_conference=True))
    assert result.record.source_language == "fa"
    assert result.record.author is None
    assert "author" not in result.evidence


def test_twenty_ninth_february_moves_to_leap_year() -> None:
    facts = Facts(
        language="de",
        urls=[],
        codes=[],
        dates=[DateMatch(Span(3, 15, "29. Februar"), day=29, month=2, year=None, part_of_day=None)],
        byline=None,
    )
    record = Assembler("Am 29. Februar tagte man.", facts).build(Draft(is_conference=True, event_year=2023)).record
    assert record.date == EventDate(year=2024, month=2, day=29, year_inferred=True)


def test_facts_can_be_given_directly() -> None:
    text = "Plan 4-KH/HU."
    dated = DateMatch(Span(0, 0, ""), day=3, month=3, year=None, part_of_day=None)
    facts = Facts(language="pl", urls=[], codes=[CodeMatch(Span(5, 12, "4-KH/HU"), "4-KH/HU", "plan")],
                  dates=[dated], byline=None)  # fmt: skip
    record = Assembler(text, facts).build(Draft(is_conference=True)).record
    assert record.source_language == "pl"
    assert record.documents == [DocumentRef(kind="plan", number="4-KH/HU", issuer="District Party Committee")]


# --------------------------------------------------------------------------- not a conference


def test_not_a_conference_gives_empty_event() -> None:
    draft = Draft(
        is_conference=False,
        title="Provincial news",
        summary="A report.",
        organizer=DraftOrganizer(name="Quang Tri Provincial Party Committee", level="provincial"),
        province="Quang Tri",
        event_year=2024,
        people=[chair("Nguyen Van Thanh")],
        figures=[DraftFigure(value=12500)],
        tasks=["Do more"],
    )
    record = assemble(DE, draft).record
    assert record.is_conference is False
    assert (record.title, record.summary) == ("Provincial news", "A report.")
    assert record.chairs == []
    assert record.participants == []
    assert record.date is None
    assert record.organizer is None
    assert record.province is None
    assert record.documents == []
    assert record.figures == []
    assert record.tasks == []
    assert record.source_language == "de"
    assert (record.author, record.source_url) == (None, None)


# --------------------------------------------------------------------------- clean_name


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Comrade Nguyen Van Thanh", "Nguyen Van Thanh"),
        ("Genosse Nguyễn Văn Thành", "Nguyễn Văn Thành"),
        ("товарищ Нгуен Ван Тхань", "Nguyen Van Thanh"),
        ("Đồng chí Trần Quốc Hưng", "Trần Quốc Hưng"),
        ("M. Le Van Tam", "Le Van Tam"),
        ("Mr. Pham Minh Duc,", "Pham Minh Duc"),
        ("Towarzysz Ngo Thi Lan", "Ngo Thi Lan"),
        ("camarada Vu Dinh Hai", "Vu Dinh Hai"),
        ("  Dr.  Ha Thi Mai  ", "Ha Thi Mai"),
        ("同志 グエン・ヴァン・タイン", "Nguyen Van Thanh"),
        ("رفیق نگوین وان تان", "نگوین وان تان"),  # Persian: address removed, script left as is
        ("Comrade", ""),
    ],
)
def test_clean_name(raw: str, clean: str) -> None:
    assert clean_name(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("Lê Chí Thành", "Lê Chí Thành"), ("Trần Văn Đồng", "Trần Văn Đồng")],
)
def test_clean_name_keeps_given_names_chi_and_dong(raw: str, clean: str) -> None:
    assert clean_name(raw) == clean


def test_clean_name_japanese_honorific() -> None:
    assert clean_name("グエン・ヴァン・タイン氏") == "Nguyen Van Thanh"


# --------------------------------------------------------------------------- plausible_year


@pytest.mark.parametrize(
    ("year", "month", "day", "expected"),
    [
        (2023, 2, 29, 2024),
        (2025, 2, 29, 2024),
        (2021, 2, 29, 2020),
        (2024, 2, 29, 2024),
        (2023, 3, 1, 2023),
        (2023, 2, 28, 2023),
        (None, 2, 29, None),
    ],
)
def test_plausible_year(year: int | None, month: int, day: int, expected: int | None) -> None:
    assert plausible_year(year, month, day) == expected


@pytest.mark.parametrize("year", [1900, 2100])
def test_plausible_year_at_century_bounds(year: int) -> None:
    assert plausible_year(year, 2, 29) in {1896, 1904, 2096, 2104}


def test_names_and_quantities_the_model_left_out_are_completed_from_the_article() -> None:
    text = (
        "Am 4. Mai tagte das Kreisparteikomitee. Den Vorsitz hatte Genosse Tran Quoc Huy. "
        "Genossin Do Thi Lan sprach. 1.450 Delegierte nahmen teil, 87 % der Zellen wurden gut bewertet."
    )
    draft = Draft(is_conference=True, people=[chair("Tran Quoc Huy")], figures=[DraftFigure(value=1450)])

    result = assemble(text, draft, complete=True)

    assert [p.name for p in result.record.chairs] == ["Tran Quoc Huy"]
    assert [p.name for p in result.record.participants] == ["Do Thi Lan"]
    assert [(f.value, f.unit) for f in result.record.figures] == [(1450.0, None), (87.0, "%")]
    evidence = result.evidence["figures[1].value"]
    assert text[evidence.start : evidence.end] == "87"


def test_a_kana_name_the_model_read_is_not_added_again_in_the_rules_reading() -> None:
    # タイ is Thai or Tai: the rules read Thai, the model wrote Tai; the same characters are one person.
    text = "二〇二四年五月六日、会議はファム・ヴァン・タイ書記が主宰した。"
    draft = Draft(is_conference=True, people=[DraftPerson(name="Pham Van Tai", role="chair")])
    record = Assembler(text, Facts.of(text)).build(draft).record
    assert [person.name for person in record.chairs + record.participants] == ["Pham Van Tai"]


def test_an_organizer_name_left_in_the_articles_language_is_composed_in_english_from_level_and_place() -> None:
    from extractor.assemble import composed_name, reads_as_english
    from extractor.schemas.record import ConferenceRecord, Organizer

    assert reads_as_english("Kim Son District Party Committee")
    assert not reads_as_english("Komite Partai Distrik Dien Chau") and not reads_as_english("Партком района")
    organizer = Organizer(name="Komite Partai Distrik Dien Chau", level="district")
    record = ConferenceRecord(
        is_conference=True, source_language="id", province="Nghe An", locality="Dien Chau", organizer=organizer
    )
    assert composed_name(record) == "Dien Chau District Party Committee"
    record.locality = None
    assert composed_name(record) is None  # no place to name it by: the model's name stays
    record.organizer = Organizer(name="x", level="provincial")
    assert composed_name(record) == "Nghe An Provincial Party Committee"


def test_names_in_greek_and_devanagari_letters_are_found_and_read_from_the_letters() -> None:
    text = (
        "Στις 3 Μαΐου 2024 η επαρχιακή επιτροπή πραγματοποίησε συνέδριο. Προήδρευσε ο σύντροφος Τραν Βαν Μινχ. "
        "Παρευρέθηκε και η Φαμ Τι Λαν."
    )
    found = {span.text for span in Facts.of(text).people}
    assert found == {"Τραν Βαν Μινχ", "Φαμ Τι Λαν"}
    # The model spelled the Greek letters out; the record reads them syllable by syllable.
    draft = Draft(is_conference=True, people=[DraftPerson(name="Tran Ban Minch", role="chair")])
    record = Assembler(text, Facts.of(text)).build(draft).record
    assert [p.name for p in record.chairs] == ["Tran Van Minh"]
    assert [p.name for p in record.participants] == ["Pham Thi Lan"]
    hindi = "3 मई 2024 को जिला पार्टी समिति की बैठक हुई। कॉमरेड फाम थी लान ने भाग लिया।"
    assert [span.text for span in Facts.of(hindi).people] == ["फाम थी लान"]


def test_a_name_that_is_not_vietnamese_is_left_out() -> None:
    text = "Am 4. Mai tagte das Kreisparteikomitee. Es sprachen Tran Thi Kreis und Le Van Hoa."
    draft = Draft(is_conference=True, people=[DraftPerson(name="Tran Thi Kreis", role="participant"),
                                              DraftPerson(name="Le Van Hoa", role="participant")])  # fmt: skip
    record = Assembler(text, Facts.of(text)).build(draft).record
    assert [p.name for p in record.participants] == ["Le Van Hoa"]


def test_a_centrally_run_city_is_named_as_the_citys_committee() -> None:
    from extractor.assemble import composed_name
    from extractor.schemas.record import ConferenceRecord, Organizer

    organizer = Organizer(name="Thành ủy Cần Thơ", level="provincial")
    record = ConferenceRecord(is_conference=True, source_language="vi", province="Can Tho", organizer=organizer)
    assert composed_name(record) == "Can Tho City Party Committee"


def test_a_name_that_states_another_level_than_the_bodys_is_composed_from_level_and_place() -> None:
    from extractor.assemble import names_its_level
    from extractor.schemas.record import Organizer

    assert not names_its_level(Organizer(name="Central Committee of the Communist Party", level="city"))
    assert names_its_level(Organizer(name="Thanh Hoa City Party Committee", level="city"))
    assert names_its_level(Organizer(name="Vinh Party Committee", level="city"))  # states no level: kept


def test_a_name_syllable_machine_translation_turned_into_a_season_is_restored() -> None:
    text = "Am 4. Mai tagte das Kreisparteikomitee. Es sprachen Tran Thi Winter und Le Van Hoa.\nVon Minh Herbst"
    draft = Draft(is_conference=True, people=[DraftPerson(name="Tran Thi Winter", role="participant")])
    result = Assembler(text, Facts.of(text)).build(draft)
    assert [p.name for p in result.record.participants] == ["Tran Thi Dong", "Le Van Hoa"]
    assert result.record.author == "Minh Thu"  # "Von" (by) dropped, Herbst (autumn) is Thu


def test_an_answered_year_that_makes_the_date_impossible_moves_to_the_nearest_leap_year() -> None:
    text = "Am 29. Februar tagte das Parteikomitee der Provinz."
    record = Assembler(text, Facts.of(text)).build(Draft(is_conference=True), Readings(year=2025)).record
    assert record.date is not None and record.date.year == 2024
