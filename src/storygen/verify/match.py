"""Which of a story's evidence backs a printed figure, by the figure's kind and unit.

A number or percentage must round, half-up and to the places it is printed with, to a
figure of the evidence (a measure's figure only to the decimal places the measure prints
with); "seven days" must be a span the facts cover, "12 council areas" a count of areas;
an ordinal or superlative a place counted from the end it names ("joint" only for a
shared place); a date one of the facts' dates; a multiple or fraction the phrase the house
style gives for a fact's two figures. An approximation ("almost 1,000", "more than 400")
must be close to a figure on the side it says (``CLOSE``).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from storygen.verify.evidence import Backing, Evidence, phrase_key
from storygen.verify.figures import Figure

ALL = "*"  # a scope meaning any area of the story
# figures counting areas: a ranking's group size and the areas sharing a place in it, the
# story's areas, how many rose or fell
AREA_COUNT_KEY = re.compile(
    r"(?:^|[._])(?:of|of_all|areas|blank|count|members|tied|up|down|same|rising|falling|unchanged|above|"
    r"below|met|missed)(?:$|[._])"
)
# figures counting days (a streak counts changes: the days it spans are ``streak_days``)
SPAN_KEY = re.compile(r"provenance\.dates|window|day")
# figures no plain number stands for: a score, a ratio ("26 times" is a multiple, and so is a
# figure's ``times`` its target), a span of days (a span is "56 days", read as one), a band's
# place on the map and how many bands it has (copy names the band: these would back any
# "five" or "six" by chance)
NOT_PRINTED_KEY = re.compile(
    r"(?:^|\.)(?:surprise|score|multiple|one_in|times|bands|band|previous_band|bands_moved|"
    r"days_in_band)$|_days$"
)
# a target or a band's limit the narrative declares, and how near a comparison must be to one
# to be taken as naming it ("below 26" beside a target of 25)
LINE_KEY = re.compile(r"values\.(?:previous_)?(?:target|band_lower|band_upper)$")
LINE_MARGIN = Decimal("0.1")
COMPARISONS = ("more than", "at least", "less than", "at most")
CLOSE = {  # how far an approximation may be from the figure it rounds (share of the figure)
    "almost": Decimal("0.10"),
    "about": Decimal("0.05"),
    "more than": Decimal("0.25"),
    "at least": Decimal("0.25"),
    "less than": Decimal("0.25"),
    "at most": Decimal("0.25"),
}


def candidates(backing: Backing, figure: Figure) -> list[Evidence]:
    """The evidence of ``backing`` that backs ``figure``, whatever area it is about."""
    if figure.kind in ("number", "percent") and figure.unit in ("day", "week"):
        return _span(backing, figure)
    if figure.kind == "number" and figure.unit == "areas":  # "the 12 council areas"
        return [e for e in _numbers(backing, figure) if AREA_COUNT_KEY.search(e.key)]
    if figure.kind in ("number", "percent"):
        return _numbers(backing, figure)
    if figure.kind == "share":
        return backing.where("percent", lambda e: near(figure, abs(e.value), share=True))
    if figure.kind == "ordinal":
        found = backing.where(
            "rank",
            lambda e: (
                e.value == figure.value
                and (not figure.extreme or e.extreme == figure.extreme)
                and e.tied == (figure.qualifier == "joint")
            ),
        )
        if not figure.extreme and not figure.qualifier:  # "the fourth week running"
            found += backing.rounded("number", 0, figure.value)
        return found
    if figure.kind == "superlative":  # a record's "its lowest level since" or a ranking's
        record = figure.unit == "record"
        return backing.where(
            "superlative",
            lambda e: (
                e.extreme == figure.extreme
                and (e.key == "values.direction") == record
                and (record or e.tied == (figure.qualifier == "joint"))
            ),
        )
    if figure.kind == "date":
        year, month, day = figure.date or (None, 0, None)
        return backing.dated(year, month, day)
    if figure.kind in ("multiple", "fraction"):
        if figure.kind == "multiple" and figure.direction == "up" and figure.value < 2:
            return _times(backing, figure)
        key = phrase_key(figure)
        return [
            evidence
            for found, evidence in backing.phrases(figure.kind, figure.value)
            if found[:3] == key[:3] and (not key[3] or found[3] == key[3])
        ]
    return []


def _numbers(backing: Backing, figure: Figure) -> list[Evidence]:
    return [e for e in _all_numbers(backing, figure) if not NOT_PRINTED_KEY.search(e.key)]


def _all_numbers(backing: Backing, figure: Figure) -> list[Evidence]:
    assert figure.value is not None
    kind = figure.kind
    if not figure.qualifier:
        found = [
            evidence
            for evidence in backing.rounded(kind, figure.places, figure.value)
            if evidence.places is None or figure.places < 0 or evidence.places == figure.places
        ]
        if kind == "number" and figure.places == 0 and 1900 <= figure.value <= 2100:
            found += backing.where("date", lambda e: e.value[0] == figure.value)
        return found
    exact = backing.rounded(kind, figure.places, figure.value)
    if figure.qualifier in COMPARISONS and _misses_a_line(backing, figure, exact):
        return []  # "below 26" where the narrative's target is 25: the line is wrong
    return exact + backing.where(kind, lambda e: near(figure, abs(e.value)))


def lines(figure: Figure, evidence: list[Evidence]) -> list[Evidence]:
    """The targets and band edges among ``evidence`` when ``figure`` compares with one
    ("above 100", "fell below 25"): a line areas are on either side of, the same for every
    area the story's facts give it for; empty for any other figure."""
    if figure.qualifier not in COMPARISONS:
        return []
    return [e for e in evidence if LINE_KEY.search(e.key)]


def _misses_a_line(backing: Backing, figure: Figure, exact: list[Evidence]) -> bool:
    """Whether "below N" or "more than N" sits next to a target or band limit the facts
    declare without being it: a comparison with a declared line must name the line."""
    if any(LINE_KEY.search(e.key) for e in exact):
        return False
    printed = figure.value
    assert printed is not None
    return bool(
        backing.where(
            figure.kind,
            lambda e: (
                bool(LINE_KEY.search(e.key)) and 0 < abs(e.value - printed) <= printed * LINE_MARGIN
            ),
        )
    )


def _span(backing: Backing, figure: Figure) -> list[Evidence]:
    """ "seven days", "14-day", "two weeks": a span of time the facts cover or count."""
    assert figure.value is not None

    def spans(evidence: Evidence) -> bool:
        counts = _counts_time(evidence.key)
        if not counts:
            return False
        length = evidence.value
        if counts == "day" and figure.unit == "week":
            length = length / 7
        return length == figure.value if not figure.qualifier else near(figure, length)

    return backing.where("number", spans)


@lru_cache(maxsize=1024)
def _counts_time(key: str) -> str:
    """What a figure keyed ``key`` counts: "week", "day" or "" (not time).

    >>> _counts_time("values.streak_weeks"), _counts_time("provenance.dates"), _counts_time("value")
    ('week', 'day', '')
    """
    if "week" in key:
        return "week"
    return "day" if SPAN_KEY.search(key) else ""


def _times(backing: Backing, figure: Figure) -> list[Evidence]:
    """ "1.4 times": the ratio of a fact's two figures, printed to one decimal place."""
    found = []
    for evidence in backing.of("pair"):
        new, old = evidence.value
        big, small = max(new, old), min(new, old)
        if small > 0:
            ratio = Decimal(big) / Decimal(small)
            shown = ratio.quantize(  # half-up, as the house style prints it: 1.25 is "1.3"
                Decimal(1).scaleb(-max(figure.places, 1)), rounding=ROUND_HALF_UP
            )
            if shown == figure.value:
                found.append(evidence)
    return found


def unbacked(backing: Backing, figure: Figure, scope: frozenset[str]) -> str:
    """Why nothing backs ``figure``, naming the nearest figure when one nearly does."""
    whose = (
        "any fact of the story"
        if ALL in scope
        else "a fact of " + " or ".join(sorted({backing.area_name(c) for c in scope}))
    )
    if figure.kind in ("number", "percent") and not figure.qualifier:
        nearest = _nearest(backing, figure, scope)
        if nearest is not None:
            evidence, shown = nearest
            return (
                f"does not match {whose}: the nearest, {describe(backing, evidence)}, "
                f"prints as {shown}"
            )
    return f"is not backed by {whose}"


def _nearest(
    backing: Backing, figure: Figure, scope: frozenset[str]
) -> tuple[Evidence, str] | None:
    assert figure.value is not None
    best = None
    for evidence in backing.of(figure.kind):
        if evidence.area is not None and ALL not in scope and evidence.area not in scope:
            continue
        if figure.kind == "number" and evidence.places is None and figure.places > 0:
            continue  # a count is no near miss for a figure with decimals
        distance = abs(abs(evidence.value) - figure.value)
        if distance <= max(Decimal(1), figure.value * Decimal("0.02")) and (
            best is None or distance < best[0]
        ):
            best = (distance, evidence)
    if best is None:
        return None
    places = best[1].places if best[1].places is not None else max(figure.places, 0)
    shown = abs(best[1].value).quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")
    return best[1], f"{shown:,f}"


def near(figure: Figure, value: Decimal, *, share: bool = False) -> bool:
    """Whether ``value`` is what an approximation such as "almost 1,000" may stand for."""
    printed = figure.value
    assert printed is not None
    qualifier = figure.qualifier or "about"
    margin = CLOSE.get(qualifier, Decimal(0)) * printed
    if share:  # "more than a quarter of beds": percentages of a whole, in points
        margin = Decimal(8) if qualifier != "about" else Decimal("2.5")
    if qualifier == "almost":
        return printed - margin <= value < printed
    if qualifier == "about":
        return abs(value - printed) <= margin
    if qualifier == "more than":
        return printed < value <= printed + margin
    if qualifier == "at least":
        return printed <= value <= printed + margin
    if qualifier == "less than":
        return value < printed and (printed <= 1 or value >= printed - margin)
    if qualifier == "at most":
        return printed - margin <= value <= printed
    return False


def describe(backing: Backing, evidence: Evidence) -> str:
    """ "Swale's change.rate values.previous 652.31 (down)"."""
    if evidence.fact is None:
        return evidence.note or evidence.key
    fact = backing.facts[evidence.fact]
    key = fact.get("id", "").rsplit(".", 1)[0] or fact.get("kind", "")
    name = (fact.get("subject") or {}).get("name", "")
    value = evidence.value
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -4:
            value = value.quantize(Decimal("0.0001"))
        value = f"{value:f}"
    elif isinstance(value, tuple) and evidence.kind == "date":
        value = "-".join(f"{part:02d}" for part in value)
    direction = f", {evidence.direction}" if evidence.direction else ""
    return f"{name}'s {key} {evidence.key} {value}{direction}"
