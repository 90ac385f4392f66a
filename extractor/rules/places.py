"""The Vietnamese province an article names first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractor.core.text import Span

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
            # Earliest mention first; at the same place, the name whose letters are closest to what is written.
            closeness = fuzz.ratio(province.lower(), anyascii(evidence.text or "").lower())
            candidates.append((evidence.start, -evidence.score, -closeness, province, evidence.end, evidence.text))
    if not candidates:
        return None
    start, _, _, province, end, text = min(candidates)
    return ProvinceMatch(province, Span(start, end, text or ""))
