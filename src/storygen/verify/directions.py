"""Words of direction in copy ("rose", "fell", "up", "down", "unchanged", and "more" or
"fewer" before "than a week earlier") against the facts.

A word of direction must agree with the facts behind the figures of its clause (a count of
areas that rose or fell first, then the facts' own direction), or with the figure before it
when its clause has none ("at 283.1, which was down"), or with its area's changes when no
figure is near ("Gravesham was the only area where the rate rose"). "Rose from A to B" needs
B above A, and the figure after "from" must be one a fact changed from. A word governed by
"buck", "against", "despite" is the trend's direction, not the figures', and is let be; one
said of "most of England" is the way most of its areas went (its count fact's majority).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storygen.verify.evidence import DIRECTIONS, key_way
from storygen.verify.figures import Figure
from storygen.verify.match import ALL, describe, lines
from storygen.verify.results import CheckedFigure

if TYPE_CHECKING:
    from storygen.verify.sentence import Sentence

DIRECTION_WORDS = {
    "up": "rose rise rises rising risen up increased increase increases increasing climbed "
    "climb climbs grew grow grows jumped jump jumps",
    "down": "fell fall falls falling fallen down decreased decrease decreases decreasing "
    "dropped drop drops declined decline declines",
    "same": "unchanged",
}
_DIRECTION = {word: way for way, words in DIRECTION_WORDS.items() for word in words.split()}
_DIRECTION_WORD = re.compile(
    r"\b(" + "|".join(sorted(_DIRECTION, key=len, reverse=True)) + r")\b(?!\s+to\b)",
    re.IGNORECASE,
)
# "had more Covid-19 patients than a week earlier": a comparison with the week before says
# which way the figures went, as "rose" does
_WEEK_COMPARISON = re.compile(
    r"\b(more|fewer|less|higher|lower)\b(?=(?:\s+[\w'-]+){0,4}?\s+than\s+(?:a|the|one)\s+"
    r"week\s+(?:earlier|before|ago)\b)",
    re.IGNORECASE,
)
_COMPARED = {"more": "up", "higher": "up", "fewer": "down", "less": "down", "lower": "down"}
CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s")
_AGAINST = re.compile(
    r"\b(?:buck|bucks|bucked|bucking|against|despite|defy|defies|defied|defying|amid)"
    r"(?:\s+[\w'-]+){0,3}\s+$",
    re.IGNORECASE,
)
_FROM = re.compile(r"\s+from\s+", re.IGNORECASE)
# "22 a week earlier", "655 the week before", "eight a week ago"
_EARLIER = re.compile(r"\s+(?:a|the|one)\s+week\s+(?:earlier|before|ago)\b", re.IGNORECASE)
_INCLUDING = re.compile(r"[,;]?\s*including\b", re.IGNORECASE)  # a clause that goes on the same way
# figures a change is measured from: the week before, the start of a span, an earlier record
_BEFORE_KEY = re.compile(r"previous|before|since|earlier|prior|first|start|old")
_IN = re.compile(r"^\s+in\s+$")
_FROM_TO = re.compile(r"^\s+to\s+$")
# "across most of England": the way most of its areas went, not its own figures
_MOST_OF = re.compile(r"\b(?:most|much)\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def check_earlier(sentence: Sentence) -> None:
    """ "against 22 a week earlier", "up from 655 the week before": a figure said to be of an
    earlier date must be one a fact had then (its ``previous``), not the figure now."""
    for checked in sentence.figures:
        figure = checked.figure
        if figure.kind != "number" or not checked.evidence:
            continue
        if not _EARLIER.match(sentence.masked, checked.end - sentence.offset):
            continue
        if not any(_BEFORE_KEY.search(e.key) for e in checked.evidence):
            sentence.problem(figure.text, "is not a figure the facts had a week earlier")


def ways_said(text: str, start: int = 0, end: int | None = None) -> list[tuple[re.Match[str], str]]:
    """The words of direction in ``text`` (from ``start`` to ``end``), with the way each
    says: "rose", "down", and "more" or "fewer" before "than a week earlier".

    >>> [(m.group(1), way) for m, way in ways_said("It had 12 fewer than a week earlier, "
    ...     "and more than 400 rose")]
    [('fewer', 'down'), ('rose', 'up')]
    """
    end = len(text) if end is None else end
    found = [
        (m, _DIRECTION[m.group(1).lower()]) for m in _DIRECTION_WORD.finditer(text, start, end)
    ]
    if "than" in text:  # most sentences compare nothing with a week earlier
        found += [
            (m, _COMPARED[m.group(1).lower()]) for m in _WEEK_COMPARISON.finditer(text, start, end)
        ]
        found.sort(key=lambda pair: pair[0].start())
    return found


def check_directions(sentence: Sentence) -> None:
    """Check every word of direction of ``sentence`` against the figures near it."""
    words = ways_said(sentence.masked)
    if not words:  # most sentences have none: no clauses to find
        return
    clauses = _clause_bounds(sentence.masked)
    for match, way in words:
        if _AGAINST.search(sentence.masked, 0, match.start()):
            continue  # "buck the national fall": the trend's direction, not the figures'
        start, end = _clause(clauses, match.start())
        if _most_agrees(sentence, match, way, end):
            continue
        while _INCLUDING.match(sentence.masked, end) and end < len(sentence.masked):
            # "rose in only 19 ..., including six of the 13 in Kent": six rose too
            end = _clause(clauses, end + 1)[1]
        following = [m.start() for m, _way in words if match.end() <= m.start() < end]
        reach = following[0] if following else end  # "rose in one ... and fell in 12"
        figures = [f for f in sentence.figures if not _names_a_line(f)]
        own = [f for f in figures if match.start() < f.start - sentence.offset < reach] or [
            f
            for f in figures
            if start <= f.start - sentence.offset < end and f.figure.kind != "date"
        ]
        if not own:
            earlier = [f for f in figures if f.end - sentence.offset <= match.start()]
            own = earlier[-1:]
        if not own:  # "Gravesham was the only area where the rate rose": its area's facts
            _area_agrees(sentence, match, way)
            continue
        _direction_agrees(sentence, match.group(1), way, own)
        _from_to(sentence, match, way, own)
        _changed_from(sentence, match)


def _names_a_line(checked: CheckedFigure) -> bool:
    """Whether a figure is a line areas crossed, not a figure that moved: "fell below 25"
    where 25 is a target or a band's edge the facts declare."""
    return bool(lines(checked.figure, checked.evidence))


def _most_agrees(sentence: Sentence, match: re.Match[str], way: str, end: int) -> bool:
    """ "While rates fell across most of England": the word is the way most of England's
    areas went (the majority of a fact counting them), whichever way England's own figures
    went. False when the clause names no area so, or no fact counts that area's areas."""
    for mention in sentence.subjects:
        start = mention.start - sentence.offset
        if not match.end() <= start < end or not _MOST_OF.search(sentence.masked, 0, start):
            continue
        majorities = {
            str(values["majority"])
            for fact in sentence.backing.facts
            if (fact.get("subject") or {}).get("code") in mention.codes
            and (values := fact.get("values") or {}).get("majority") in DIRECTIONS
        }
        if not majorities:
            return False
        if way not in majorities:
            sentence.problem(
                sentence.masked[match.start() : mention.end - sentence.offset],
                f"is not the way most of {mention.name}'s areas went "
                f"({' or '.join(sorted(majorities))})",
            )
        return True
    return False


def _area_agrees(sentence: Sentence, match: re.Match[str], way: str) -> None:
    """A word of direction with no figure near it speaks of the area named before it (or
    the story's own area): that area's changes must have gone that way."""
    fake = Figure("word", match.group(1), match.start(), match.end())
    scope = sentence.scope(sentence.subjects, fake) or _named_after(sentence, match)
    scope = scope or sentence.default
    if ALL in scope:
        return
    changes = [
        e.direction
        for e in sentence.backing.of("number")
        if e.area in scope and e.key == "value" and e.direction
    ]
    if changes and way not in changes:
        names = " or ".join(sorted({sentence.backing.area_name(c) for c in scope}))
        sentence.problem(match.group(1), f"disagrees with the way {names} went ({changes[0]})")


def _named_after(sentence: Sentence, match: re.Match[str]) -> frozenset[str] | None:
    """ "Rates also rose in Maidstone": the area named right after the word."""
    for mention in sentence.subjects:
        start = mention.start - sentence.offset
        if start >= match.end():
            return mention.codes if _IN.match(sentence.masked[match.end() : start]) else None
    return None


def _direction_agrees(
    sentence: Sentence, word: str, way: str, figures: list[CheckedFigure]
) -> None:
    # the group counted in says nothing of which way: "rose in one of the 21"; a figure
    # nothing backs has its problem already
    figures = [f for f in figures if f.evidence and not sentence.is_group_size(f.figure)]
    directed = []
    for figure in figures:  # a count of areas that rose or fell is the reading that counts
        counts = [e for e in figure.evidence if e.direction and e.fact is None]
        directed += counts or [e for e in figure.evidence if e.direction]
    counts = [f for f in figures if sentence.is_count(f.figure)]
    tallies = [f for f in counts if any(key_way(e.key) for e in f.evidence)]
    if tallies:  # "fell in 295 of the 315 council areas": 295 must count areas that fell
        for tally in counts:  # and "..., including six of the 13 in Kent": six fell too
            ways = {key_way(e.key) for e in tally.evidence} - {""}
            if way not in ways:
                sentence.problem(
                    f"{word} ... {tally.figure.text}",
                    f"is not backed as a number of areas that went {way}",
                )
        return
    if len(counts) == 1 and not any(key_way(e.key) == way for e in counts[0].evidence):
        sentence.problem(  # "they fell in the other 13": 13 must be how many fell
            f"{word} ... {counts[0].figure.text}",
            f"is not backed as a number of areas that went {way}",
        )
        return
    if directed and not any(e.direction == way for e in directed):
        facts = sorted({describe(sentence.backing, e) for e in directed})[:2]
        sentence.problem(word, f"disagrees with the facts behind its figures: {'; '.join(facts)}")


def _changed_from(sentence: Sentence, match: re.Match[str]) -> None:
    """ "up from 655": the figure after "from" is the one the fact changed from."""
    after = _FROM.match(sentence.masked, match.end())
    if after is None:
        return
    start = after.end() + sentence.offset
    figure = next((f for f in sentence.figures if f.start == start), None)
    if figure is None or not figure.evidence or figure.figure.kind != "number":
        return
    if not any(_BEFORE_KEY.search(e.key) for e in figure.evidence):
        sentence.problem(
            f"{match.group(1)} from {figure.figure.text}",
            "is not a figure the facts say it changed from",
        )


def _from_to(
    sentence: Sentence, match: re.Match[str], way: str, figures: list[CheckedFigure]
) -> None:
    """ "rose from A to B" needs B above A; "fell from A to B" B below A."""
    numbers = [f for f in figures if f.figure.kind == "number"]
    for first, second in zip(numbers, numbers[1:], strict=False):
        between = sentence.masked[first.end - sentence.offset : second.start - sentence.offset]
        lead = sentence.masked[match.end() : first.start - sentence.offset]
        if not _FROM_TO.match(between) or not lead.rstrip().endswith("from"):
            continue
        a, b = first.figure.value, second.figure.value
        assert a is not None and b is not None
        if (way == "up" and not b > a) or (way == "down" and not b < a):
            text = sentence.text[match.start() : second.end - sentence.offset]
            sentence.problem(text, f"says {match.group(1)!r} but the figures go the other way")


def clause_of(text: str, position: int) -> tuple[int, int]:
    """Where the clause of ``text`` holding ``position`` starts and ends (after the break
    that ends it).

    >>> text = "Rates fell in 12, and rose in one."
    >>> [text[slice(*clause_of(text, at))] for at in (6, 24)]
    ['Rates fell in 12,', ' and rose in one.']
    """
    return _clause(_clause_bounds(text), position)


def _clause_bounds(text: str) -> list[int]:
    return [0] + [m.end() for m in CLAUSE_BREAK.finditer(text)] + [len(text)]


def _clause(bounds: list[int], position: int) -> tuple[int, int]:
    for start, end in zip(bounds, bounds[1:], strict=False):
        if start <= position < end:
            return start, end
    return bounds[-2], bounds[-1]
