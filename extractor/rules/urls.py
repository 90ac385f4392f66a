"""The web addresses an article writes."""

from __future__ import annotations

import re

from extractor.core.text import Span

URL = re.compile(r"https?://[^\s<>\"'»)\]]+")


def find_urls(text: str) -> list[Span]:
    spans = []
    for m in URL.finditer(text):
        url = m.group().rstrip(".,;:")
        spans.append(Span(m.start(), m.start() + len(url), url))
    return spans
