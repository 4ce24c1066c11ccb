"""Safe names for files and ids made from data text."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str) -> str:
    """A lower-case, hyphenated name safe for a file or an id.

    >>> slug("Bath & North East Somerset")
    'bath-north-east-somerset'
    >>> slug("St. Helens / Ynys Môn")
    'st-helens-ynys-mon'
    >>> slug("../..")
    'x'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return cleaned or "x"
