"""Indented JSON text, byte for byte what ``json.dumps(value, indent=2, ensure_ascii=False)``
writes, many times faster; except that NaN and infinities are written as ``null``, as JSON
has no word for them (``json`` writes ``NaN``, which JSON parsers refuse).

The standard library encodes indented JSON in pure Python, one generator per nesting level;
a run's story files hold millions of values, so that cost dominated exporting. Text is made
by orjson, a compiled encoder, wherever its text is the standard library's: it spells some
floats otherwise (``1e16`` for ``1e+16``, ``0.00001`` for ``1e-05``), so text with such a
figure, like anything orjson refuses (an integer over 64 bits, a key that is not text, a
numpy scalar), is made by this module's own encoder instead: a list of pieces with
C-accelerated string escaping. Both take what the story dicts hold (dicts, lists, tuples,
str, int, float, bool, None) and, like ``json``, refuse anything else (a dataclass, a date),
but for an enum member or a UUID, which orjson writes as its value or its text.

>>> import json
>>> value = {"id": "swale", "figures": [1, 2.5, None, True], "none": {}, "café": "é"}
>>> dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)
True
>>> dumps(value, ensure_ascii=True) == json.dumps(value, indent=2)
True
>>> dumps([float("nan"), 1e16, 10**20]) == in_python([float("nan"), 1e16, 10**20])
True
>>> print(dumps({"areas": ["Dover", "Thanet"], "ratio": float("inf")}))
{
  "areas": [
    "Dover",
    "Thanet"
  ],
  "ratio": null
}
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any

import orjson

INDENT = "  "
_INFINITY = float("inf")


# dataclasses and dates are left to the encoder below, which refuses them as json does
_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME

# Where orjson's text may differ from json's: a number with an exponent, or one below 0.0001
# (json gives it an exponent, orjson writes it in full). Indented, every number ends its
# line, and text in quotes cannot; text that ends a line just like one ("figure 1e5",
# ratio 0.00001) only costs the slower encoder. Searching for either is cheap beside encoding.
_EXPONENT = re.compile(rb"e-?[0-9]+,?$", re.MULTILINE)
_SMALL = re.compile(rb"0\.0000[0-9]*,?$", re.MULTILINE)


def dumps(value: Any, *, ensure_ascii: bool = False) -> str:
    """``value`` as JSON indented by two spaces; non-ASCII characters kept as they are unless
    ``ensure_ascii`` (then the same text as ``json.dumps(value, indent=2)``)."""
    if not ensure_ascii:
        try:
            data = orjson.dumps(value, option=_OPTIONS)
        except TypeError:  # orjson.JSONEncodeError: the encoder below decides
            pass
        else:
            if _EXPONENT.search(data) is None and not _small(data):
                return data.decode()
    return in_python(value, ensure_ascii=ensure_ascii)


def _small(data: bytes) -> bool:
    """Whether ``data`` ends a line with a number below 0.0001 (``0.00003``, ``-0.00001``),
    not merely one whose decimals begin with zeros (``30.000000000000004``, common in
    figures worked out in floating point, which both encoders spell alike).

    >>> _small(b'"a": 0.00003'), _small(b'  -0.00001,'), _small(b'"b": 30.000000000000004')
    (True, True, False)
    """
    if b"0.0000" not in data:
        return False
    for match in _SMALL.finditer(data):
        start = match.start()
        if start == 0 or data[start - 1] not in _DIGITS:
            return True
    return False


_DIGITS = b"0123456789"


def in_python(value: Any, *, ensure_ascii: bool = False) -> str:
    """The same text as ``dumps``, made by this module's own encoder alone."""
    return _ASCII(value, "\n") if ensure_ascii else _UNICODE(value, "\n")


def _encoder(string: Callable[[str], str]) -> Callable[[Any, str], str]:
    """The encoding function, with ``string`` quoting text (one for each ``ensure_ascii``)."""

    def scalar(value: Any) -> str | None:
        """A scalar's JSON text; None for a container (or anything else)."""
        kind = type(value)
        if kind is str:
            return string(value)
        if kind is float:
            return _float(value)
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if kind is int:
            return int.__repr__(value)
        if isinstance(value, str):
            return string(value)
        if isinstance(value, int):
            return int.__repr__(value)
        if isinstance(value, float):
            return _float(value)
        return None

    def encode(value: Any, newline: str) -> str:
        text = scalar(value)
        if text is not None:
            return text
        if isinstance(value, dict):
            if not value:
                return "{}"
            inner = newline + INDENT
            items = []
            for key, item in value.items():
                text = scalar(item)
                name = string(key if type(key) is str else _key(key))
                items.append(f"{name}: {encode(item, inner) if text is None else text}")
            return "{" + inner + ("," + inner).join(items) + newline + "}"
        if isinstance(value, list | tuple):
            if not value:
                return "[]"
            inner = newline + INDENT
            items = []
            for item in value:
                text = scalar(item)
                items.append(encode(item, inner) if text is None else text)
            return "[" + inner + ("," + inner).join(items) + newline + "]"
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    return encode


def _float(value: float) -> str:
    """As ``json`` writes a float, its repr; NaN and infinities as null."""
    if value != value or value == _INFINITY or value == -_INFINITY:
        return "null"
    return float.__repr__(value)


def _key(key: Any) -> str:
    """A dict key that is not text, as ``json`` writes it.

    >>> [_key(k) for k in (True, None, 3, 2.5, float("nan"))]
    ['true', 'null', '3', '2.5', 'NaN']
    """
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    if isinstance(key, float):
        return json.dumps(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


_UNICODE = _encoder(encode_basestring)
_ASCII = _encoder(encode_basestring_ascii)
