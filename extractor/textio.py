"""Reading an article from disk: refuse what is not text with one clear line."""

from __future__ import annotations

from pathlib import Path

from extractor.errors import InputError

BINARY_SIGNATURES = {
    b"%PDF": "a PDF",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x7fELF": "an executable",
}


def read_article(path: Path) -> str:
    """The article's text, or an InputError saying why it cannot be used."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not an article file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    return decode_article(data, str(path))


def decode_article(data: bytes, label: str) -> str:
    kind = binary_kind(data)
    if kind:
        raise InputError(f"{label}: looks like {kind}, not a text article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{label}: not UTF-8 text (invalid byte at offset {error.start}); convert it to UTF-8"
        ) from None
    if not text.strip():
        raise InputError(f"{label}: the article is empty")
    return text


def binary_kind(data: bytes) -> str | None:
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return kind
    if b"\x00" in data[:4096]:
        return "binary data (it contains NUL bytes)"
    return None
