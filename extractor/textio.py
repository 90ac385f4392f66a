"""Reading an article from disk: text in any common encoding, HTML pages reduced to their text.

What is not text is refused with one clear line (an InputError, exit code 2):
- binary files (PDF, images, archives, executables, anything with NUL bytes);
- bytes that are neither UTF-8 nor, with good confidence, a legacy encoding;
- empty or blank articles (only spaces, zero-width characters; an HTML page with no text).

What is accepted, in this order:
1. a byte-order mark decides: UTF-8, UTF-16 or UTF-32 (LE/BE);
2. valid UTF-8 (a multi-byte character cut short at the very end, as `head -c` leaves, is dropped);
3. not UTF-8: the charset an HTML page declares in its <meta>, when the bytes decode with it;
4. not UTF-8: a legacy encoding (Windows-1250/1251/1256, KOI8-R, Shift_JIS, GB18030...) found by
   charset-normalizer, accepted only when its answer is clean (little "chaos"), rests on enough non-ASCII
   bytes, and reads as text (mostly letters). Anything less certain is refused, not guessed.
Then an HTML page (one that starts as a document or a block element) becomes its text: script, style and
similar elements are dropped and paragraph breaks are kept; finally control characters other than tab,
newline and carriage return are removed.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path

from extractor.errors import InputError

BINARY_SIGNATURES = {
    b"%PDF": "a PDF",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x7fELF": "an executable",
    b"\x1f\x8b": "a gzip archive",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ\x00": "an xz archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"Rar!\x1a\x07": "a RAR archive",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an old Office document (.doc/.xls)",
    b"SQLite format 3\x00": "an SQLite database",
}
BOMS = [  # longest first: the UTF-32-LE mark begins with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
]
# How sure a legacy-encoding guess must be before it is used.
MAX_CHAOS = 0.10  # charset-normalizer's share of odd characters in the decoded text
MIN_NON_ASCII_BYTES = 8  # fewer bytes outside ASCII are too little evidence to tell encodings apart
MIN_LETTER_SHARE = 0.5  # of the non-space characters, after decoding
LABEL_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
MAX_CONTROL_SHARE = 0.30  # more control characters than this: binary data, not text with a few stray ones


def read_article(path: Path) -> str:
    """The article's text, or an InputError saying why it cannot be used."""
    label = printable(str(path))
    try:
        if not path.exists():
            raise InputError(f"{label}: no such file")
        if path.is_dir():
            raise InputError(f"{label}: is a directory, not an article file")
        data = path.read_bytes()
    except OSError as error:  # unreadable, name too long...
        raise InputError(f"{label}: cannot read ({error.strerror or error})") from error
    except ValueError as error:  # a NUL character in the name
        raise InputError(f"{label}: not a usable file name") from error
    return decode_article(data, label)


def decode_article(data: bytes, label: str) -> str:
    """The text of an article's bytes (see the module's docstring), or an InputError naming the problem."""
    label = printable(label)
    text = _decode(data, label).removeprefix("\ufeff")
    was_html = looks_like_html(text)
    if was_html:
        text = html_to_text(text)
    text = _without_control_characters(text, label)
    if not any(char.isprintable() and not char.isspace() for char in text):  # zero-width spaces count as blank
        raise InputError(f"{label}: the article is empty" + (" (an HTML page with no text)" if was_html else ""))
    return text


def printable(label: str) -> str:
    """A file name or id fit for a one-line message: control characters (a newline...) shown escaped."""
    return LABEL_CONTROLS.sub(lambda match: repr(match.group())[1:-1], label)


def binary_kind(data: bytes) -> str | None:
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return kind
    if b"\x00" in data[:4096]:
        return "binary data (it contains NUL bytes)"
    return None


# --------------------------------------------------------------------------- bytes to text


def _decode(data: bytes, label: str) -> str:
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            try:
                return _decode_cut_short(data, codec)
            except UnicodeDecodeError as error:
                raise InputError(
                    f"{label}: starts with a {name} byte-order mark but is not valid {name}"
                    f" (invalid bytes at offset {error.start}); convert it to UTF-8"
                ) from error
    kind = binary_kind(data)
    if kind:
        raise InputError(f"{label}: looks like {kind}, not a text article")
    try:
        return _decode_cut_short(data, "utf-8")
    except UnicodeDecodeError as error:
        offset = error.start
    text = _declared_html_charset(data) or _legacy_encoding(data)
    if text is None:
        raise InputError(
            f"{label}: not UTF-8 text (invalid byte at offset {offset}) and its encoding cannot be told"
            " with confidence; convert it to UTF-8"
        )
    return text


def _decode_cut_short(data: bytes, codec: str) -> str:
    """The bytes decoded; a last character cut in half (as `head -c` leaves it) is dropped, not an error."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        if error.end < len(data) or error.reason not in ("unexpected end of data", "truncated data"):
            raise
        return data[: error.start].decode(codec)


META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _declared_html_charset(data: bytes) -> str | None:
    """The text decoded with the charset an HTML page declares, when it has one and the bytes fit it."""
    head = data[:4096]
    if not looks_like_html(head.decode("ascii", errors="replace")):
        return None
    match = META_CHARSET.search(head)
    if not match:
        return None
    try:
        codec = codecs.lookup(match.group(1).decode("ascii"))
        if codec.name.startswith("utf") or "escape" in codec.name or not getattr(codec, "_is_text_encoding", True):
            return None  # it says UTF-8 but is not, or names something that is no charset: nothing to trust
        return data.decode(codec.name)
    except (LookupError, UnicodeDecodeError, ValueError):
        return None


def _legacy_encoding(data: bytes) -> str | None:
    """The text in the legacy encoding charset-normalizer finds, if the answer is clearly good; else None."""
    if _mostly_utf8(data):
        return None  # UTF-8 with a few bad bytes (two files glued together?): a legacy guess would garble it
    if sum(byte >= 0x80 for byte in data) < MIN_NON_ASCII_BYTES:
        return None
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # without the detector, non-UTF-8 text is refused as before
        return None
    try:
        best = from_bytes(data).best()
    except Exception:  # a detector failure is a refusal, never a crash
        return None
    if best is None or best.encoding.startswith("utf") or best.chaos > MAX_CHAOS:
        return None
    text = str(best)
    visible = [char for char in text if not char.isspace()]
    if not visible or sum(char.isalpha() for char in visible) / len(visible) < MIN_LETTER_SHARE:
        return None
    return text


def _mostly_utf8(data: bytes) -> bool:
    """Whether the bytes hold at least as many valid UTF-8 multi-byte characters as invalid bytes."""
    decoded = data.decode("utf-8", errors="surrogateescape")
    invalid = sum(0xDC80 <= ord(char) <= 0xDCFF for char in decoded)
    valid = sum(ord(char) >= 0x80 and not 0xDC80 <= ord(char) <= 0xDCFF for char in decoded)
    return valid >= invalid


# --------------------------------------------------------------------------- control characters

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # Unicode Cc but tab, LF, CR


def _without_control_characters(text: str, label: str) -> str:
    cleaned = CONTROL_CHARACTERS.sub("", text)
    if len(text) - len(cleaned) > MAX_CONTROL_SHARE * len(text):
        raise InputError(f"{label}: looks like binary data (control characters), not a text article")
    return cleaned


# --------------------------------------------------------------------------- HTML

HTML_START = re.compile(
    r"""\A(?:\s|<\?xml[^>]*>|<!--.*?-->)*  # whitespace, an XML declaration, comments
    <(?:!doctype\s+html|html|head|body|article|main|section|div|p|h[1-6]|table|title|meta)[\s/>]""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
DROPPED = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas"}
BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "title", "tr", "ul",
}  # fmt: skip


def looks_like_html(text: str) -> bool:
    """Clearly an HTML page or fragment: it starts as a document (<!DOCTYPE html>, <html>...), or with a block
    element and closes some element later."""
    start = HTML_START.match(text[:4096])
    if not start:
        return False
    document = re.search(r"<(!doctype|html|head|body)", start.group(), re.IGNORECASE)
    return bool(document) or "</" in text


def html_to_text(html: str) -> str:
    """The visible text of an HTML page: no scripts or styles, one blank line between blocks."""
    parser = _TextParser()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is lenient; should it ever give up, strip the tags crudely
        return re.sub(r"<[^>]*>", " ", html)
    return parser.text()


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skipping: list[str] = []  # open elements whose content is dropped
        self._pre = 0  # inside <pre>: line breaks are kept

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED:
            self._skipping.append(tag)
        elif tag == "br":
            self._parts.append("\n")
        elif tag in BLOCKS:
            self._parts.append("\n\n")
            self._pre += tag == "pre"
        elif tag in ("td", "th"):
            self._parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._parts.append("\n")
        elif tag in BLOCKS:
            self._parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._skipping:
            while self._skipping and self._skipping.pop() != tag:
                pass
        elif tag in BLOCKS:
            self._parts.append("\n\n")
            if tag == "pre" and self._pre:
                self._pre -= 1

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        data = data.replace("\xa0", " ")
        self._parts.append(data if self._pre else re.sub(r"\s+", " ", data))

    def text(self) -> str:
        joined = "".join(self._parts)
        lines = [" ".join(line.split()) for line in joined.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
