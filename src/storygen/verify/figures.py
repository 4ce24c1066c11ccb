"""Figures in copy: every number a sentence states, in whichever form house style printed it.

``find(text)`` returns the figures of one text, in order, each with its span and what it
claims: a number ("846", "1,234", "527.3", "six", "Forty-six", "one hundred and twelve",
"1.2 million", "none of the four trusts"), a percentage ("13.6%", "less than 0.1%"), an ordinal or a ranking ("19th",
"second-highest", "joint third-lowest"), a superlative ("the highest rate"), a date
("November 25", "Nov. 25", "25 November 2020"), a multiple ("doubled", "more than
trebled", "rose fivefold", "almost twice", "1.4 times", "halved") or a fraction of a change
or of a whole ("fell by almost a third", "more than a quarter of beds").

Numbers joined to letters are not figures ("Covid-19", "E07000113"), and names are masked
before the search (``mask``), so "Three Rivers" is a place, not a count.

>>> [f"{f.kind}:{f.text}" for f in find("Cases more than doubled to 1,234, the 19th-highest.")]
['multiple:more than doubled', 'number:1,234', 'ordinal:19th-highest']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
# The end of a ranking a superlative counts from: "highest" from the top, "lowest" the bottom.
EXTREMES = {
    "highest": "top", "largest": "top", "biggest": "top", "greatest": "top", "most": "top",
    "lowest": "bottom", "smallest": "bottom", "fewest": "bottom", "least": "bottom",
}  # fmt: skip
FRACTIONS = {  # a fraction's size in per cent
    "a quarter": Decimal(25), "a third": Decimal("33.3"), "half": Decimal(50),
    "two thirds": Decimal("66.7"), "three quarters": Decimal(75),
}  # fmt: skip
MULTIPLE_VERBS = {"doubl": 2, "trebl": 3, "tripl": 3, "quadrupl": 4, "halv": Decimal("0.5")}
# Words that say how near a printed figure is to the true one, folded to three senses.
QUALIFIERS = {
    "almost": "almost", "nearly": "almost", "just under": "almost", "close to": "almost",
    "about": "about", "around": "about", "roughly": "about", "some": "about",
    "more than": "more than", "over": "more than", "just over": "more than",
    "above": "more than", "at least": "at least",
    "less than": "less than", "fewer than": "less than", "under": "less than",
    "below": "less than", "up to": "at most",
}  # fmt: skip


@dataclass(frozen=True)
class Figure:
    """One figure as printed, with its span in the text and what it claims."""

    kind: str  # number, percent, ordinal, superlative, date, multiple, fraction, share
    text: str
    start: int
    end: int
    value: Decimal | None = None  # the number, percentage, position or multiple printed
    places: int = 0  # decimal places printed
    qualifier: str = ""  # almost, about, more than, less than...; "joint" for a ranking
    extreme: str = ""  # top or bottom, for a ranking or superlative
    direction: str = ""  # up or down, for a multiple or a fraction of a change
    date: tuple[int | None, int, int | None] | None = None  # (year, month, day)
    unit: str = ""  # day or week for a span of time ("seven days", "14-day"), areas for a
    # count of areas ("12 council areas"); for a superlative, "record" when it is a record


_Q = "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True))
_MONTH = "|".join(m.capitalize() for m in sorted(MONTHS, key=len, reverse=True))
_FULL_MONTH = "|".join(m.capitalize() for m in list(MONTHS)[:12])
_YEAR = r"(?:19|20)\d{2}"
_U = "one|two|three|four|five|six|seven|eight|nine"
_TEEN = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_T = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_U100 = rf"(?:(?:{_T})(?:[-\s](?:{_U})\b)?|{_TEEN}|{_U})"
_U1000 = rf"(?:(?:{_U})\s+hundred(?:\s+(?:and\s+)?{_U100})?|{_U100})"
_THOUSANDS = rf"(?:{_U1000}\s+thousand(?:,?\s+(?:and\s+)?{_U1000})?)"
_WORDS = (
    rf"(?:{_U1000}\s+million(?:,?\s+(?:and\s+)?(?:{_THOUSANDS}|{_U1000}))?"
    rf"|{_THOUSANDS}|{_U1000}|zero)"
)
_NUMERAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ORDINAL = r"\d{1,3}(?:,\d{3})*(?:st|nd|rd|th)|" + "|".join(ORDINAL_WORDS)
_EXTREME = "|".join(EXTREMES)
_DIRECTION_AFTER = {"higher": "up", "up": "up", "more": "up", "lower": "down", "down": "down"}
_DIRECTION_AFTER.update(fewer="down", less="down")

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "date",
        re.compile(
            rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
            rf"(?:,?\s+(?P<year>{_YEAR})\b)?"
        ),
    ),
    (
        "date",
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})\b\.?"
            rf"(?:,?\s+(?P<year>{_YEAR})\b)?"
        ),
    ),
    ("date", re.compile(rf"\b(?P<month>{_FULL_MONTH})\s+(?P<year>{_YEAR})\b")),
    (
        "multiple",
        re.compile(
            r"\b(?P<verb>doubl|trebl|tripl|quadrupl|halv)(?:ed|es|e|ing)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "fold",
        re.compile(
            rf"\b(?:(?P<n>\d[\d,]*)-fold|(?P<w>{_U}|{_TEEN}|twenty)fold)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "times",
        re.compile(
            rf"\b(?:(?P<twice>twice)|(?P<n>{_NUMERAL}|{_U}|{_TEEN}|twenty)"
            r"\s+times\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "fraction",
        re.compile(
            r"\b(?P<f>a quarter|a third|half|two[- ]thirds|"
            r"three[- ]quarters)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "percent",
        re.compile(
            rf"(?<![\w.,])(?P<n>{_NUMERAL})\s?(?:%|per\s?cent\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "ordinal",
        re.compile(
            rf"\b(?P<joint>joint\s+)?(?P<o>{_ORDINAL})(?:[-\s](?P<x>{_EXTREME}))?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "superlative",
        re.compile(r"\b(?P<joint>joint\s+)?(?P<x>highest|lowest|largest|smallest|biggest)\b", re.I),
    ),
    (
        "number",
        re.compile(
            rf"(?<![\w.,])(?P<n>{_NUMERAL})"
            r"(?:\s+(?P<scale>million|billion)\b)?(?![\w]|,\d|\.\d)"
        ),
    ),
    # "none of the four trusts", "not one of the three trusts": a count of nought
    ("none", re.compile(r"\b(?:none|not\s+one)(?=\s+of\b)", re.IGNORECASE)),
    ("words", re.compile(rf"\b(?P<w>{_WORDS})\b", re.IGNORECASE)),
]
_WORD_START = re.compile(rf"\b(?:{_U}|{_TEEN}|{_T}|zero)\b", re.IGNORECASE)
_HINTS = {  # text a pattern cannot match without, to skip it quickly
    "multiple": ("doubl", "trebl", "tripl", "quadrupl", "halv"),
    "fold": ("fold",),
    "times": ("times", "twice"),
    "fraction": ("quarter", "third", "half"),
    "percent": ("%", "cent"),
    "superlative": ("highest", "lowest", "largest", "smallest", "biggest"),
    "none": ("none", "not one"),
}
_TIME_UNIT = re.compile(r"[-\s](day|week)s?\b", re.IGNORECASE)
# "12 council areas", "six of 13 areas", but not "16 beds at the trust": no place between
_AREAS_AFTER = re.compile(
    r"(?:\s+(?:of|(?!(?:at|in|on|across|for|from|to)\b)[\w-]+)){0,3}?\s+(?:council\s+)?(?:areas?|districts?|counties|county|"
    r"regions?|trusts?|hospitals?|authorities|authority|neighbou?rhoods?|boroughs?)\b",
    re.IGNORECASE,
)
_OTHER_BEFORE = re.compile(r"\bthe\s+other\s+$", re.IGNORECASE)
_RECORD_AFTER = re.compile(r"(?:\s+[\w-]+){0,3}?\s+since\b", re.IGNORECASE)
_RECORD_BEFORE = re.compile(r"\b(?:its|their|a|record)\s+$", re.IGNORECASE)
_QUALIFIER_BEFORE = re.compile(rf"\b({_Q})\s+$", re.IGNORECASE)
# "one of the highest", "one another": no figure; but "one of the 54 council areas" counts
_ONE_IDIOM_AFTER = re.compile(
    r"\s*(?:of\s+(?:the|its|their|them|those|these|our)\b"
    r"(?!\s+(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine)\b)|another\b|-off\b|or two\b|'s\b)",
    re.IGNORECASE,
)
_ONE_IDIOM_BEFORE = re.compile(r"\b(?:no|any|every|each|some|the only)\s+$", re.IGNORECASE)
_CHANGE_BEFORE = re.compile(r"\bby\s+$", re.IGNORECASE)
_AFTER_FRACTION = re.compile(r"\s+(?P<word>higher|lower|up|down|more|fewer|less|of)\b", re.I)
_DIRECTION_BEFORE = re.compile(
    r"\b(?P<word>rose|rise|rises|rising|risen|up|increased|increase|increases|climbed|grew|"
    r"fell|fall|falls|falling|fallen|down|decreased|decrease|decreases|dropped|declined)\b"
    r"[^,;:()]*$",
    re.IGNORECASE,
)
_UP_WORDS = {"rose", "rise", "rises", "rising", "risen", "up", "increased", "increase"}
_UP_WORDS |= {"increases", "climbed", "grew"}


def find(text: str) -> list[Figure]:
    """Every figure in ``text``, in order of appearance.

    >>> [(f.kind, f.text, str(f.value), f.places) for f in find("Rates rose in six areas, to 527.30.")]
    [('number', 'six', '6', 0), ('number', '527.30', '527.30', 2)]
    >>> [(f.kind, f.date) for f in find("since Nov. 5 and 25 December 2020")]
    [('date', (None, 11, 5)), ('date', (2020, 12, 25))]
    >>> [(f.text, str(f.value), f.extreme, f.qualifier) for f in find(
    ...     "the joint third-lowest and the 12th highest, second only to Thanet")]
    [('joint third-lowest', '3', 'bottom', 'joint'), ('12th highest', '12', 'top', ''), ('second', '2', '', '')]
    >>> [(f.text, int(f.value), f.places) for f in find("One hundred and twelve, Forty-six and 1.2 million")]
    [('One hundred and twelve', 112, 0), ('Forty-six', 46, 0), ('1.2 million', 1200000, -5)]
    >>> find("Covid-19 in E07000113, one of the areas") == []
    True
    """
    return list(_found(text))


@lru_cache(maxsize=16384)  # a run's copy repeats its sentences ("The rate is at its lowest
def _found(text: str) -> tuple[Figure, ...]:  # level since December 26."), bands and phrases
    taken = bytearray(len(text))
    found: list[Figure] = []
    lower = text.lower()
    for kind, pattern in _PATTERNS:
        hints = _HINTS.get(kind)
        if hints is not None and not any(hint in lower for hint in hints):
            continue
        for match in _matches(kind, pattern, text):
            start, end = match.span()
            if any(taken[start:end]) or _joined_to_a_word(text, match):
                continue
            figure = _read(kind, match, text)
            if figure is None:
                continue
            found.append(figure)
            taken[figure.start : figure.end] = b"\x01" * (figure.end - figure.start)
    return tuple(sorted(found, key=lambda figure: figure.start))


def _matches(kind: str, pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    return _word_matches(pattern, text) if kind == "words" else pattern.finditer(text)


def _word_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    end = 0  # numbers in words: try the full grammar only where a number word starts
    for start in _WORD_START.finditer(text):
        if start.start() >= end:
            match = pattern.match(text, start.start())
            if match:
                end = match.end()
                yield match


def _joined_to_a_word(text: str, match: re.Match[str]) -> bool:
    """ "Covid-19", "H1N1": a numeral glued to letters before it is part of a name."""
    start = match.start("n") if "n" in match.re.groupindex and match.group("n") else None
    if start is None:
        return False
    before = text[max(0, start - 2) : start]
    return bool(before) and (before[-1].isalpha() or (before[-1] == "-" and before[:1].isalpha()))


def _read(kind: str, match: re.Match[str], text: str) -> Figure | None:
    groups = match.groupdict()
    end = match.end()
    start, qualifier = _qualified(text, match.start(), kind)
    shown = text[start:end]
    if kind == "date":
        return _date(match)
    if kind == "multiple":
        times = MULTIPLE_VERBS[groups["verb"].lower()]
        direction = "down" if times == Decimal("0.5") else "up"
        return Figure("multiple", shown, start, end, Decimal(times), 0, qualifier, "", direction)
    if kind in ("fold", "times"):
        if groups.get("twice"):
            times = Decimal(2)
        else:
            times = _number(groups.get("n") or groups.get("w") or "")
        places = _places(groups.get("n") or "")
        return Figure("multiple", shown, start, end, times, places, qualifier, "", "up")
    if kind == "fraction":
        return _fraction(match, text, start, qualifier)
    if kind == "percent":
        number = groups["n"]
        return Figure("percent", shown, start, end, _number(number), _places(number), qualifier)
    if kind == "ordinal":
        word = groups["o"].lower()
        extreme = EXTREMES.get((groups.get("x") or "").lower(), "")
        if word == "first" and not extreme:
            return None  # "for the first time" is an idiom, not a ranking
        position = ORDINAL_WORDS.get(word) or int(re.sub(r"\D", "", word))
        joint = "joint" if groups.get("joint") else ""
        return Figure("ordinal", shown, start, end, Decimal(position), 0, joint, extreme)
    if kind == "superlative":
        extreme = EXTREMES[groups["x"].lower()]
        record = _RECORD_AFTER.match(text, end) or _RECORD_BEFORE.search(text, 0, start)
        unit = "record" if record else ""
        joint = "joint" if groups.get("joint") else ""
        return Figure("superlative", shown, start, end, Decimal(1), 0, joint, extreme, unit=unit)
    if kind == "number":
        number = groups["n"]
        value, places = _number(number), _places(number)
        if groups.get("scale"):  # "1.2 million" is printed to the nearest 100,000
            scale = SCALES[groups["scale"]]
            value, places = value * scale, places - len(str(scale)) + 1
        unit = _unit(text, start, end)
        return Figure("number", shown, start, end, value, places, qualifier, unit=unit)
    if kind == "none":  # "rose at none of the four trusts": a count of nought
        return Figure("number", shown, start, end, Decimal(0), 0, unit=_unit(text, start, end))
    words = groups["w"]
    if words.lower() == "one" and (
        _ONE_IDIOM_AFTER.match(text, match.end()) or _ONE_IDIOM_BEFORE.search(text[:start])
    ):
        return None
    value = Decimal(_words_value(words))
    return Figure("number", shown, start, end, value, 0, qualifier, unit=_unit(text, start, end))


def _unit(text: str, start: int, end: int) -> str:
    """ "day" after "seven days" or "14-day", "week" after "two weeks", "areas" after
    "12 council areas" or "six of 13 areas" (or in "fell in the other seven"); else ""."""
    match = _TIME_UNIT.match(text, end)
    if match:
        return match.group(1).lower()
    if _AREAS_AFTER.match(text, end) or _OTHER_BEFORE.search(text, 0, start):
        return "areas"
    return ""


def _qualified(text: str, start: int, kind: str) -> tuple[int, str]:
    """Where a figure starts with the qualifier before it ("more than doubled"), and the
    qualifier's sense; dates, rankings and superlatives take none."""
    if kind in ("date", "ordinal", "superlative"):
        return start, ""
    before = _QUALIFIER_BEFORE.search(text, max(0, start - 16), start)
    if before is None:
        return start, ""
    return before.start(), QUALIFIERS[before.group(1).lower()]


def _date(match: re.Match[str]) -> Figure | None:
    month = MONTHS[match.group("month").lower()]
    day = int(match.group("day")) if "day" in match.re.groupindex else None
    if day is not None and not 1 <= day <= 31:
        return None
    year = int(match.group("year")) if match.group("year") else None
    start, end = match.span()
    return Figure("date", match.group(), start, end, date=(year, month, day))


def _fraction(match: re.Match[str], text: str, start: int, qualifier: str) -> Figure | None:
    """A fraction of a change ("fell by almost a third", "a third lower") or of a whole
    ("more than a quarter of beds"); any other "half" or "a third" is not a figure."""
    end = match.end()
    shown = text[start:end]
    size = FRACTIONS[re.sub(r"[\s-]+", " ", match.group("f").lower())]
    after = _AFTER_FRACTION.match(text, end)
    word = after.group("word").lower() if after else ""
    if word == "of":
        return Figure("share", shown, start, end, size, 1, qualifier or "about")
    direction = _DIRECTION_AFTER.get(word, "")
    if not direction and not _CHANGE_BEFORE.search(text[:start]):
        return None
    if not direction:
        verb = _DIRECTION_BEFORE.search(text[:start])
        if verb:
            direction = "up" if verb.group("word").lower() in _UP_WORDS else "down"
    return Figure("fraction", shown, start, end, size, 1, qualifier or "about", "", direction)


def _number(text: str) -> Decimal:
    text = text.replace(",", "")
    if text and text[0].isdigit():
        return Decimal(text)
    return Decimal(_words_value(text))


def _places(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def _words_value(words: str) -> int:
    """The value of a number written in words.

    >>> _words_value("one thousand, two hundred and thirty-four"), _words_value("Forty-six")
    (1234, 46)
    """
    total = current = 0
    for word in re.split(r"[\s,\-]+", words.lower()):
        if word in UNITS:
            current += UNITS[word]
        elif word == "hundred":
            current *= 100
        elif word in SCALES:
            total += current * SCALES[word]
            current = 0
    return total + current


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span blanked out (same length), so names hide no figures.

    >>> mask("Three Rivers had 12", [(0, 12)])
    '############ had 12'
    """
    chars = list(text)
    for start, end in spans:
        chars[start:end] = "#" * (end - start)
    return "".join(chars)


_BREAK = re.compile(r"[.!?](?=[\"'’”)]?\s+[\"'‘“(]?[A-Z0-9#£$])")
_ABBREVIATIONS = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|St|No|Mr|Mrs|Ms|Dr)$", re.IGNORECASE
)


def sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence, not split after a month abbreviation ("Nov. 26").

    >>> text = "Cases rose. The rate (24.0) fell on Nov. 26. England's fell."
    >>> [text[a:b] for a, b in sentences(text)]
    ['Cases rose.', 'The rate (24.0) fell on Nov. 26.', "England's fell."]
    """
    spans = []
    start = 0
    for match in _BREAK.finditer(text):
        if _ABBREVIATIONS.search(text[start : match.start()]):
            continue
        spans.append((start, match.end()))
        start = match.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return [(a, b) for a, b in spans if b > a]
