"""The article's language."""

from __future__ import annotations


def detect_language(text: str) -> str:
    """ISO 639-1 code of the article's language (py3langid: 97 languages, model shipped in the wheel)."""
    import py3langid

    code, _ = py3langid.classify(text[:5000])
    return code
