"""Long articles are split between paragraphs, every character kept, and the parts' answers merged."""

from __future__ import annotations

from extractor.chunking import estimate_tokens, merge_answers, split_article
from extractor.schemas.draft import Draft, DraftPerson

PARAGRAPH = "Der Sekretär sprach über die Arbeit der Parteizellen im ganzen Kreis. " * 20 + "\n"


def test_short_article_is_one_part() -> None:
    assert split_article(PARAGRAPH, 10_000) == [PARAGRAPH]


def test_long_article_is_cut_between_paragraphs_without_losing_text() -> None:
    article = PARAGRAPH * 30
    parts = split_article(article, estimate_tokens(PARAGRAPH) * 4)

    assert "".join(parts) == article
    assert len(parts) >= 7
    assert all(part.endswith("\n") for part in parts)
    assert all(estimate_tokens(part) <= estimate_tokens(PARAGRAPH) * 4 for part in parts)


def test_one_huge_paragraph_is_still_cut_and_kept_whole() -> None:
    article = "字" * 5000
    parts = split_article(article, 1000)
    assert "".join(parts) == article and max(estimate_tokens(part) for part in parts) <= 1000


def test_cjk_counts_about_one_token_per_character() -> None:
    assert estimate_tokens("会議" * 100) >= 200 > estimate_tokens("ab" * 100)


def test_merge_keeps_the_lead_values_and_joins_lists() -> None:
    first = Draft(is_conference=False, title="Konferenz", people=[DraftPerson(name="Tran Van Binh", role="chair")])
    second = Draft(is_conference=True, title="", province="Nam Dinh",
                   people=[DraftPerson(name="Le Thi Hoa", role="participant")])  # fmt: skip

    merged = merge_answers([first, second])

    assert merged.is_conference is True and merged.title == "Konferenz" and merged.province == "Nam Dinh"
    assert [person.name for person in merged.people] == ["Tran Van Binh", "Le Thi Hoa"]
