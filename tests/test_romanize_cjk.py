"""Vietnamese names and provinces in Hangul and in Chinese characters (invented people, real provinces)."""

from __future__ import annotations

import pytest

from extractor.core.numbers import numbers_in
from extractor.grounding import FoldedArticle
from extractor.romanize import read_name
from extractor.romanize_cjk import hangul_place_spellings, hangul_spellings, read_han_name, read_hangul_name
from extractor.rules import find_person_names, find_province


@pytest.mark.parametrize(
    ("hangul", "latin"),
    [
        ("응우옌 반 안", "Nguyen Van An"),
        ("팜 티 란", "Pham Thi Lan"),
        ("레 꽝 흥", "Le Quang Hung"),
        ("쩐 쑤언 푹", "Tran Xuan Phuc"),
        ("호앙 득 타인", "Hoang Duc Thanh"),
        ("부이 티 투 흐엉", "Bui Thi Thu Huong"),
    ],
)
def test_a_name_in_hangul_reads_syllable_by_syllable(hangul: str, latin: str) -> None:
    assert read_hangul_name(hangul) == latin
    assert read_name(hangul) == latin


def test_a_korean_word_that_is_no_name_syllable_reads_as_nothing() -> None:
    assert read_hangul_name("회의 개최") is None


def test_hangul_spellings_follow_the_korean_table_for_vietnamese() -> None:
    assert "응우옌" in hangul_spellings("Nguyen")
    assert "타인" in hangul_spellings("Thanh")  # a + nh: 아인
    assert "민" in hangul_spellings("Minh")  # i + nh: 인
    assert {"반", "번"} <= hangul_spellings("Van")  # a or â
    assert "꽝닌" in hangul_place_spellings("Quang Ninh")


@pytest.mark.parametrize(
    ("han", "latin"),
    [("阮文安", "Nguyen Van An"), ("黎氏兰", "Le Thi Lan"), ("陳光榮", "Tran Quang Vinh"), ("范明", "Pham Minh")],
)
def test_a_name_in_chinese_characters_reads_sino_vietnamese(han: str, latin: str) -> None:
    assert read_han_name(han) == latin
    assert read_name(han) == latin


def test_chinese_characters_that_do_not_open_with_a_surname_are_no_name() -> None:
    assert read_han_name("会议") is None
    assert read_han_name("长阮文安") is None  # 长 (a title's last character) cannot open a name


def test_names_are_found_in_korean_and_chinese_running_text() -> None:
    korean = "성 당위원회 서기 응우옌 반 안 동지가 회의를 주재했다."
    chinese = "省委书记阮文安同志主持会议，省委副书记黎氏兰出席。"
    assert [read_name(span.text) for span in find_person_names(korean)] == ["Nguyen Van An"]
    assert sorted(read_name(span.text) for span in find_person_names(chinese)) == ["Le Thi Lan", "Nguyen Van An"]


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("平顺省委常务委员会召开会议。", "Binh Thuan"),
        ("꽝닌성 당위원회는 회의를 개최했다.", "Quang Ninh"),
        ("胡志明市委召开会议。", "Ho Chi Minh City"),
    ],
)
def test_a_province_in_chinese_or_hangul_counts_with_the_word_for_province_or_city(text: str, province: str) -> None:
    found = find_province(FoldedArticle(text))
    assert found is not None and found.name == province


def test_a_province_name_that_is_also_a_word_needs_the_word_for_province() -> None:
    assert find_province(FoldedArticle("维护和平与稳定。")) is None  # 和平 is "peace" here, not Hoa Binh


def test_korean_myriads_and_numbers_against_chinese_characters() -> None:
    assert [m.value for m in numbers_in("모델 3만 2,100개와 12만")] == [32100, 120000]
    assert [m.value for m in numbers_in("增长率达7.5%，发展党员1250名")] == [7.5, 1250]
    assert [m.value for m in numbers_in("H5N1 und COVID")] == []


def test_japanese_and_chinese_myriads_and_south_asian_digit_groups() -> None:
    assert [m.value for m in numbers_in("党員4万1500人、4.5万世帯")] == [41500, 45000]
    assert [m.value for m in numbers_in("总额2.3万亿越盾")] == [2.3]  # 万亿 is a larger unit: left alone
    assert [m.value for m in numbers_in("कुल 2,14,500 सदस्य और 1,240 शाखाएँ")] == [214500, 1240]


def test_a_name_s_first_word_prefers_a_surname_and_the_others_a_given_name() -> None:
    assert read_hangul_name("찐 반 찐") == "Trinh Van Chinh"
    assert read_hangul_name("응우옌 꾸옥 꾸옌") == "Nguyen Quoc Quyen"  # quyên: qu + yê is one block, 꾸옌


def test_a_run_of_hangul_words_gives_each_name_once_and_no_overlapping_name() -> None:
    text = "응우옌 반 안 레 티 란 동지가 참석했다."
    assert sorted(read_name(span.text) for span in find_person_names(text)) == ["Le Thi Lan", "Nguyen Van An"]
