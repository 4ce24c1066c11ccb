"""Markup helpers shared by the exporters: file-name slugs, HTML paragraphs, XML-safe text."""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata

# Letters that Unicode decomposition does not fold to ASCII.
_FOLDS = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "ð": "d"})
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{d}{n}" for d in ("com", "lpt") for n in range(10)
}
# Characters XML 1.0 forbids: C0 controls but tab, newline and return; surrogates; U+FFFE, U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def slug(text: str, max_length: int = 80) -> str:
    """A safe file-name and URL slug: ASCII letters, digits and single hyphens.

    >>> slug("Bath & North East Somerset")
    'bath-north-east-somerset'
    >>> slug("King's Lynn and West Norfolk")
    'kings-lynn-and-west-norfolk'
    >>> slug("Ynys Môn / Straße ../etc")
    'ynys-mon-strasse-etc'
    >>> slug(".hidden")
    'hidden'
    >>> slug("<b>&</b>")
    'b-b'
    >>> slug("Ærø " * 30, max_length=12)
    'aero-aero'

    Never empty: text with nothing to keep gets a stable name from its hash.

    >>> slug("")
    'untitled-da39a3ee'
    >>> slug("东京")
    'untitled-fc21b57c'
    """
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_FOLDS))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    ascii_text = re.sub(r"['’]", "", ascii_text)
    result = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(result) > max_length:  # cut at a word break where there is one
        cut = result[: max_length + 1]
        result = cut.rsplit("-", 1)[0] if "-" in cut else cut[:max_length]
    if not result:
        return "untitled-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    if result in _WINDOWS_RESERVED:
        result += "-1"
    return result


def paragraphs_html(paragraphs: list[str]) -> str:
    """Plain-text paragraphs as escaped HTML ``<p>`` elements, one a line.

    >>> print(paragraphs_html(["Bath & North East Somerset", "<script>"]))
    <p>Bath &amp; North East Somerset</p>
    <p>&lt;script&gt;</p>
    """
    return "\n".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs)


def check_xml_text(text: str, where: str) -> str:
    """Return ``text`` if XML 1.0 can carry it, else raise naming the field and character.

    >>> check_xml_text("Bath & <North>", "headline")
    'Bath & <North>'
    >>> check_xml_text("bell\\x07", "title")
    Traceback (most recent call last):
    ...
    ValueError: title: character U+0007 at position 4 cannot appear in XML; remove it from the data
    """
    bad = _NOT_XML.search(text)
    if bad:
        raise ValueError(
            f"{where}: character U+{ord(bad.group()):04X} at position {bad.start()} "
            "cannot appear in XML; remove it from the data"
        )
    return text
