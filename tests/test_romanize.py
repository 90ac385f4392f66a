"""Tests of extractor.romanize: Vietnamese names written in Cyrillic and katakana, back to Latin script."""

from __future__ import annotations

import pytest

from extractor.core.scripts import script_of
from extractor.romanize import read_name, read_place, restore_translated_syllables, romanize_name
from extractor.rules import find_person_names


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Nguyen Van Thanh", "latin"),
        ("Nguyễn Văn Thành", "latin"),
        ("Нгуен Ван Тхань", "cyrillic"),
        ("グエン・ヴァン・タイン", "kana"),
        ("ひらがな", "kana"),
        ("نگوین وان تان", "arabic"),
        ("阮文成", "cjk"),
        ("Νγκουγιέν", "other"),  # Greek
        ("123 - 456", "other"),  # no letters
        ("", "other"),
        ("Нгуен Van Тхань", "cyrillic"),  # majority wins
    ],
)
def test_script_of(text: str, script: str) -> None:
    assert script_of(text) == script


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Нгуен Ван Тхань", "Nguyen Van Thanh"),
        ("Ле Тхи Май", "Le Thi Mai"),
        ("Фам Минь Дык", "Pham Minh Duc"),
        ("Хоанг Суан Фыонг", "Hoang Xuan Phuong"),
        ("Зыонг Тхи Тху Ха", "Duong Thi Thu Ha"),
        ("Буй Тхань Шон", "Bui Thanh Son"),
        ("Дао Нгок Зунг", "Dao Ngoc Dung"),
        ("Чыонг Тан Шанг", "Truong Tan Sang"),
        ("Ву Дык Лам", "Vu Duc Lam"),
        ("Тхай Бинь", "Thai Binh"),
        ("Ха Тинь", "Ha Tinh"),
        ("Нгуен Тхи Ньыонг", "Nguyen Thi Nhuong"),
        ("Доан Хыу Фук", "Doan Huu Phuc"),
        ("НГУЕН ВАН ТХАНЬ", "Nguyen Van Thanh"),  # case does not matter
        ("  Нгуен   Ван  ", "Nguyen Van"),  # spacing collapsed
    ],
)
def test_romanize_cyrillic(cyrillic: str, latin: str) -> None:
    assert romanize_name(cyrillic) == latin


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [("Ле Ким Киен", "Le Kim Kien"), ("Куанг Нинь", "Quang Ninh"), ("Чан Куок Кхань", "Tran Quoc Khanh")],
)
def test_romanize_cyrillic_k_and_qu(cyrillic: str, latin: str) -> None:
    assert romanize_name(cyrillic) == latin


@pytest.mark.parametrize(
    ("kana", "latin"),
    [
        ("グエン・ヴァン・タイン", "Nguyen Van Thanh"),
        ("レー・ティ・マイ", "Le Thi Mai"),
        ("ファム・ミン・ドゥック", "Pham Minh Duc"),
        ("ホアン・スアン・フオン", "Hoang Xuan Phuong"),
        ("ゴー・ミン・チー", "Ngo Minh Chi"),  # チー is Chi or Tri: the more frequent syllable
        ("ブー・ティ・ヴィン", "Vu Thi Vinh"),
        ("ブイ=タイン=ソン", "Bui Thanh Son"),
        ("グエン ティ ラン", "Nguyen Thi Lan"),
        ("チャン·ホン·ハー", "Tran Hong Ha"),
        ("ダン・ヴァン・ナム", "Dang Van Nam"),
    ],
)
def test_romanize_katakana(kana: str, latin: str) -> None:
    assert romanize_name(kana) == latin


def test_romanize_katakana_unknown_syllable_falls_back_to_romaji() -> None:
    assert romanize_name("グエン・サクラ") == "Nguyen Sakura"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nguyễn  Văn   Thành", "Nguyễn Văn Thành"),  # Latin: whitespace normalized, diacritics kept
        (" Le Thi Mai ", "Le Thi Mai"),
        ("نگوین وان تان", None),  # Persian: left to the model
        ("阮文成", None),
        ("", None),
    ],
)
def test_romanize_other_scripts(text: str, expected: str | None) -> None:
    assert romanize_name(text) == expected


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [("نگوین وان هوی", "Nguyen Van Huy"), ("لی کوک دانگ", "Le Quoc Dang"), ("نغوين دوك نام", "Nguyen Duc Nam")],
)
def test_romanize_arabic_script_common_syllables(arabic: str, latin: str) -> None:
    from extractor.romanize import romanize_arabic_name

    assert romanize_arabic_name(arabic) == latin


def test_greek_and_devanagari_names_snap_syllable_by_syllable() -> None:
    from extractor.romanize import read_name

    assert read_name("Τραν Βαν Μινχ") == "Tran Van Minh"  # ου, γκ, μπ, ντ are read as Greek digraphs
    assert read_name("Νγκουγιέν Ντουκ") == "Nguyen Duc"
    assert read_name("फाम थी लान") == "Pham Thi Lan"
    assert read_name("Ξξξ Ψψψ") is None  # a syllable close to no Vietnamese one: the name is not read



def test_a_vietnamese_name_spells_vietnamese_syllables_only() -> None:
    from extractor.romanize import is_vietnamese_name

    for name in ("Nguyễn Thị Minh Khai", "Khuat Duy Tien", "Quach Thi Uyen", "Nghiem Xuan Yem", "Đỗ Phương"):
        assert is_vietnamese_name(name), name
    # a place read as a name, a syllable machine translation turned into a word, a model's misspelling
    for name in ("Hoa Binh Kreises", "Tran Thi Winter", "Le Van Hiver Soir", "Ngoongin Duk Chal", ""):
        assert not is_vietnamese_name(name), name


def test_a_name_syllable_translated_as_a_word_is_given_back() -> None:
    assert restore_translated_syllables("Nguyen Thi Spring") == "Nguyen Thi Xuan"
    assert restore_translated_syllables("Tran Thi Musim Bunga Lan") == "Tran Thi Xuan Lan"  # Malay spring
    assert restore_translated_syllables("Pham Van Blume") == "Pham Van Hoa"
    assert restore_translated_syllables("Printemps Paris") == "Printemps Paris"  # no surname first: not a name
    assert restore_translated_syllables("Minh Automne", surname_first=False) == "Minh Thu"


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Тран Куок Тоаном", "Tran Quoc Toan"),  # instrumental
        ("Зыонг Ван Тханя", "Duong Van Thanh"),  # genitive of a soft stem: Тхань
        ("Ле Ван Донга", "Le Van Dong"),  # genitive
        ("Нгуен Тхи Хоа", "Nguyen Thi Hoa"),  # a syllable that ends like a case ending keeps it
        ("Нгуен Ван Тхане", "Nguyen Van Thanh"),  # prepositional: Than or Thanh, the more frequent syllable
        ("Ле Ван Хая", "Le Van Hai"),  # genitive of a name in й
        ("Фам Ван Тоанові", "Pham Van Toan"),  # Ukrainian dative
        ("Ханой", "Hanoi"),  # a place's feminine-looking ending stays
    ],
)
def test_a_declined_name_in_cyrillic_reads_without_its_case_ending(cyrillic: str, latin: str) -> None:
    assert romanize_name(cyrillic) == latin


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Локха", "Loc Ha"),  # Лок|ха or Ло|кха: the syllables more frequent in names
        ("Хазянг", "Ha Giang"),
        ("Тханьхоа", "Thanh Hoa"),
        ("Хазянге", "Ha Giang"),  # prepositional: the stem spells fewer syllables
        ("Донгхой", "Dong Hoi"),  # not Do Nghoi: Hoi is a name syllable, Nghoi none
        ("Ланг-Шон", "Lang Son"),  # joined by a hyphen
        ("Тхуи Нгуен", "Thuy Nguyen"),  # written word by word, as Bulgarian writes places
    ],
)
def test_a_place_in_cyrillic_may_write_its_syllables_as_one_word(cyrillic: str, latin: str) -> None:
    assert read_place(cyrillic) == latin
    assert read_place("Vinh Yen") == "Vinh Yen"
    assert read_place("а" * 2000) is not None  # a word no place has is read letter by letter, at once


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Мин Хоанг", "Minh Hoang"),  # a final н no name ends in: nh, as Bulgarian and Mongolian write it
        ("Ле Ван Мином", "Le Van Minh"),  # declined too
        ("Тхай Бин", "Thai Binh"),
        ("Чан Ван Ан", "Tran Van An"),  # names that end in n stay
        ("Ле Ван Тин", "Le Van Tin"),
        ("Нгуен Ван Тхан", "Nguyen Van Than"),
    ],
)
def test_a_final_n_no_name_has_reads_as_nh(cyrillic: str, latin: str) -> None:
    assert romanize_name(cyrillic) == latin


def test_bulgarian_writes_u_horn_as_the_hard_sign() -> None:
    assert romanize_name("Нгуен Ван Дък") == "Nguyen Van Duc"
    assert romanize_name("Фам Тхи Хънг") == "Pham Thi Hung"


def test_less_frequent_surnames_open_names_in_latin_and_cyrillic() -> None:
    text = "Присъстваха другарите Нонг Ван Тхань и Кхук Тхи Лан. Comrade Phung Quoc Hien spoke; Dam Van Son too."
    names = [romanize_name(span.text) for span in find_person_names(text)]
    assert names == ["Phung Quoc Hien", "Dam Van Son", "Nong Van Thanh", "Khuc Thi Lan"]


def test_ukrainian_cyrillic_names_read_like_russian_ones() -> None:
    assert romanize_name("Нгуєн Тхі Лан") == "Nguyen Thi Lan"  # є for е, і for и
    assert romanize_name("Фам Ван Дінь") == "Pham Van Dinh"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Thai: "Mr" written on to the name; the title after it is no syllable.
        ("การประชุมมีนายเหงียน ฮวาง ลอง เลขาธิการพรรคจังหวัดเข้าร่วม", ["Nguyen Hoang Long"]),
        # Lao: "comrade", then the name with its tone marks.
        ("ສະຫາຍ ເຈິ່ນ ວັນ ມິງ ເລຂາພັກແຂວງ ໄດ້ເຂົ້າຮ່ວມ", ["Tran Van Minh"]),
        ("ไม่มีชื่อบุคคลในประโยคนี้", []),
    ],
)
def test_names_in_thai_and_lao_after_a_title(text: str, names: list[str]) -> None:
    assert [read_name(span.text) for span in find_person_names(text)] == names


def test_a_thai_or_lao_byline_reads_syllable_by_syllable() -> None:
    assert read_name("ฮา ลิญ") == "Ha Linh"
    assert read_name("ມິງ ທູ") == "Minh Thu"
    assert read_name("ไม่ ใช่") is None


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Serbian Cyrillic writes nh as њ and y as ј
        ("Присуствовали су Нгујен Тхи Тху Хиен и Во Тхи Лан Хуонг.", ["Nguyen Thi Thu Hien", "Vo Thi Lan Huong"]),
        # after the word for "comrade" in scripts without capital letters: Bengali, Khmer, Georgian
        ("সম্মেলনে কমরেড নগুয়েন ভান হাই সভাপতিত্ব করেন।", ["Nguyen Van Hai"]),
        ("কমরেড ত্রান থি হোয়া উপস্থিত ছিলেন।", ["Tran Thi Hoa"]),
        ("কমরেড ফাম ভান হুং বক্তব্য রাখেন।", ["Pham Van Hung"]),  # the anusvara (ং) is ng
        ("សមមិត្ត ង្វៀន វ៉ាន់ ហៃ លេខាបក្ស", ["Nguyen Van Hai"]),
        ("សមមិត្តស្រី ផាម ធី ឡាន បានចូលរួម", ["Pham Thi Lan"]),
        ("ამხანაგი ნგუიენ ვან ჰაი", ["Nguyen Van Hai"]),
    ],
)
def test_names_in_serbian_cyrillic_and_after_comrade_in_phonetic_scripts(text: str, names: list[str]) -> None:
    assert [read_name(span.text) for span in find_person_names(text)] == names


def test_a_word_after_comrade_that_is_no_name_syllable_reads_no_name() -> None:
    assert find_person_names("কমরেড প্রাদেশিক পার্টি কমিটির সম্পাদক") == []
    assert find_person_names("ընկերություն Նգուեն Վան Հայ") == []  # "company": the comrade word is only its start


def test_serbian_cyrillic_ai_and_oi_end_a_syllable() -> None:
    assert read_name("Мај Тхи Хај") == "Mai Thi Hai"


def test_names_after_comrade_in_urdu_read_like_persian_ones() -> None:
    from extractor.rules import find_arabic_script_names

    text = "اجلاس میں کامریڈ نگوین وان نام، صوبائی پارٹی کمیٹی کے رکن، نے شرکت کی۔"
    assert [match.name for match in find_arabic_script_names(text)] == ["Nguyen Van Nam"]
    # no comma: the name ends at the postposition after it
    assert [match.name for match in find_arabic_script_names("کامریڈ نگوین وان نام نے کہا")] == ["Nguyen Van Nam"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ông Nguyễn Văn An phát biểu.", ["Nguyễn Văn An"]),  # Ông is Mr, not a surname here
        ("Bí thư Tỉnh ủy Sơn La Hoàng Văn Chất phát biểu.", ["Hoàng Văn Chất"]),  # a province before a name
        ("The Ca Mau Party Secretary Nguyen Tien Hai said", ["Nguyen Tien Hai"]),
        ("In Ca Mau Comrade Nguyen Van An spoke.", ["Nguyen Van An"]),  # searched again after the province
        ("The Quang Ninh Provincial Party Committee met.", []),
    ],
)
def test_a_word_or_a_province_before_a_name_is_not_part_of_it(text: str, names: list[str]) -> None:
    assert [span.text for span in find_person_names(text)] == names
