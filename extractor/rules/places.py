"""The Vietnamese province an article names first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from extractor.core.scripts import script_of
from extractor.core.text import Span
from extractor.romanize_cjk import HAN_PROVINCES, hangul_place_spellings

if TYPE_CHECKING:
    from extractor.grounding import FoldedArticle as FoldedArticleLike

PROVINCES = (
    "An Giang", "Ba Ria - Vung Tau", "Bac Giang", "Bac Kan", "Bac Lieu", "Bac Ninh", "Ben Tre", "Binh Dinh",
    "Binh Duong", "Binh Phuoc", "Binh Thuan", "Ca Mau", "Can Tho", "Cao Bang", "Da Nang", "Dak Lak", "Dak Nong",
    "Dien Bien", "Dong Nai", "Dong Thap", "Gia Lai", "Ha Giang", "Ha Nam", "Ha Noi", "Ha Tinh", "Hai Duong",
    "Hai Phong", "Hau Giang", "Hoa Binh", "Hung Yen", "Khanh Hoa", "Kien Giang", "Kon Tum", "Lai Chau",
    "Lam Dong", "Lang Son", "Lao Cai", "Long An", "Nam Dinh", "Nghe An", "Ninh Binh", "Ninh Thuan", "Phu Tho",
    "Phu Yen", "Quang Binh", "Quang Nam", "Quang Ngai", "Quang Ninh", "Quang Tri", "Soc Trang", "Son La",
    "Tay Ninh", "Thai Binh", "Thai Nguyen", "Thanh Hoa", "Thua Thien Hue", "Tien Giang", "Ho Chi Minh City",
    "Tra Vinh", "Tuyen Quang", "Vinh Long", "Vinh Phuc", "Yen Bai", "Hanoi",
)  # fmt: skip


# A province written in Chinese characters or in Hangul counts with the word for province or city after it
# (without it, 和平 is Hoa Binh or "peace"); the centrally-run cities count alone. Chinese places that share a
# province's characters (河南省, Henan) are not told apart.
_HAN_SUFFIX = re.compile(r"[省市]")
_HANGUL_SUFFIX = re.compile(r"성|시")


# The centrally-run cities and their Party committees' English names. Hue (a centrally-run city since 2025) is
# keyed by its own name: PROVINCES has Thua Thien Hue, the province it was before.
CENTRALLY_RUN_CITIES = {"Hanoi": "Hanoi Party Committee", "Ho Chi Minh City": "Ho Chi Minh City Party Committee",
                        "Hai Phong": "Hai Phong City Party Committee", "Da Nang": "Da Nang City Party Committee",
                        "Can Tho": "Can Tho City Party Committee", "Hue": "Hue City Party Committee"}  # fmt: skip


@dataclass(frozen=True)
class ProvinceMatch:
    name: str  # as PROVINCES spells it
    span: Span  # as the article writes it


def find_province(article: FoldedArticleLike) -> ProvinceMatch | None:
    """The Vietnamese province the article names first (spelled in any script)."""
    from anyascii import anyascii
    from rapidfuzz import fuzz

    candidates = []
    for province in PROVINCES:
        evidence = article.locate_text(province)
        if evidence.grounded and evidence.start is not None and evidence.end is not None:
            if script_of(evidence.text or "") in ("hangul", "cjk"):
                continue  # letters read as Korean or Chinese sounds: any likeness to a Vietnamese name is chance
            # Earliest mention first; at the same place, the name whose letters are closest to what is written.
            closeness = fuzz.ratio(province.lower(), anyascii(evidence.text or "").lower())
            candidates.append((evidence.start, -evidence.score, -closeness, province, evidence.end, evidence.text))
    for province, span in _provinces_in_han_or_hangul(article.text):
        candidates.append((span.start, -100.0, -100, province, span.end, span.text))
    if not candidates:
        return None
    start, _, _, province, end, text = min(candidates)
    return ProvinceMatch(province, Span(start, end, text or ""))


def _provinces_in_han_or_hangul(text: str) -> list[tuple[str, Span]]:
    if not any("\u4e00" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7a3" for ch in text):
        return []
    found = []
    for province, spellings, suffix in _written_provinces():
        standalone = province in CENTRALLY_RUN_CITIES
        for spelling in spellings:
            at = text.find(spelling)
            while at >= 0 and not (standalone or suffix.match(text, at + len(spelling))):
                at = text.find(spelling, at + 1)
            if at >= 0:
                found.append((province, Span(at, at + len(spelling), spelling)))
    return found


@lru_cache(maxsize=1)
def _written_provinces() -> list[tuple[str, tuple[str, ...], re.Pattern[str]]]:
    written = []
    for province, han in HAN_PROVINCES.items():
        spelled = {"Hanoi": "Ha Noi", "Ho Chi Minh City": "Ho Chi Minh"}.get(province, province)
        written.append((province, tuple(han.split()), _HAN_SUFFIX))
        written.append((province, hangul_place_spellings(spelled), _HANGUL_SUFFIX))
    return written
