"""Articles longer than the model's context: split at paragraph boundaries, extract each part, merge.

Nothing is truncated: every character of the article reaches the model in exactly one part.
"""

from __future__ import annotations

import re
from typing import TypeVar

from pydantic import BaseModel

from extractor.core.scripts import in_cjk_block, is_hangul

Answer = TypeVar("Answer", bound=BaseModel)
PROMPT_OVERHEAD_TOKENS = 1500  # instructions and example around the article


def estimate_tokens(text: str) -> int:
    """A generous token count: CJK characters are about one token each, other scripts at most 2.5 characters."""
    wide = sum(1 for ch in text if in_cjk_block(ch) or is_hangul(ch))
    return wide + (len(text) - wide) * 2 // 5 + 1


def article_budget(context_tokens: int, max_tokens: int) -> int:
    return max(256, context_tokens - max_tokens - PROMPT_OVERHEAD_TOKENS)


def split_article(text: str, budget_tokens: int) -> list[str]:
    """Consecutive parts of the article, each within the budget, cut between paragraphs where possible."""
    if estimate_tokens(text) <= budget_tokens:
        return [text]
    parts, current = [], ""
    for piece in _pieces(text, budget_tokens):
        if current and estimate_tokens(current + piece) > budget_tokens:
            parts.append(current)
            current = ""
        current += piece
    return [*parts, current] if current else parts


def _pieces(text: str, budget_tokens: int) -> list[str]:
    """Paragraphs (with their line breaks); a paragraph over budget is cut between sentences, then hard."""
    pieces = []
    for paragraph in re.split(r"(?<=\n)", text):
        if estimate_tokens(paragraph) <= budget_tokens:
            pieces.append(paragraph)
            continue
        for sentence in re.split(r"(?<=[.!?。！？])\s*", paragraph):
            pieces.extend(_hard_cut(sentence, budget_tokens))
    return pieces


def _hard_cut(text: str, budget_tokens: int) -> list[str]:
    size = max(1, budget_tokens - 1)  # one character is at most one token (plus the estimate's rounding)
    return [text[i : i + size] for i in range(0, len(text), size)] if estimate_tokens(text) > budget_tokens else [text]


def merge_answers(answers: list[Answer]) -> Answer:
    """One answer from the parts': lists concatenated, the first part's value for everything else (the lead
    of a news article names the event), true if any part says true."""
    first, rest = answers[0], answers[1:]
    if not rest:
        return first
    merged = first.model_dump()
    for other in rest:
        for name, value in other.model_dump().items():
            merged[name] = _merge_value(merged.get(name), value)
    return type(first).model_validate(_capped(type(first), merged))


def _merge_value(current: object, other: object) -> object:
    if isinstance(current, list) and isinstance(other, list):
        return current + other
    if isinstance(current, bool) and isinstance(other, bool):
        return current or other
    return current if current not in (None, "", [], {}) else other


def _capped(model: type[BaseModel], values: dict) -> dict:
    """Keep merged lists within the schema's maxItems."""
    for name, field in model.model_fields.items():
        limit = next((m.max_length for m in field.metadata if getattr(m, "max_length", None)), None)
        if limit and isinstance(values.get(name), list):
            values[name] = values[name][:limit]
    return values
