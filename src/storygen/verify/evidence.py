"""Evidence: every figure a story's facts can back, indexed the way copy prints figures.

Each fact backs its value and every number among its ``values`` (the figure it is compared
with, the change, a position, the size of its peer group, days...), the dates it names, its
percentages (``pct_change``, shares), its ratio and the multiples and fractions a reporter
would use for it ("more than doubled", "fell by almost a third"), computed with the house
style's own filters. A fact with a ``direction`` (up, down, same) passes it to everything
it backs, so "rose" can be checked against the fact.

Some figures are read in more than one way, as copy prints them:

- a measure that is a percentage (``per: 100``, the share on ventilators) backs its figures
  as percentages too ("8.9%");
- a streak of changes ("fallen for 10 weeks running") spans the days from ``streak_from`` to
  the fact's date, so "10 weeks" is backed by a streak of ten weekly falls;
- a place in a ranking (``position``, ``overall_position``) backs how many areas were ahead
  of it ("only seven neighbourhoods had a higher rate": eighth place);
- a fact counting areas (its key ends in ``-count``: how many were in the top band) backs
  its value as a count of areas;
- the figures of a label the fact gives ("201-400", "over 400": its bands) are backed;
- a hotspot fact's value is its hotspot's figure, and the hotspot (and last week's, in
  ``previous_hotspot_name``) had the highest figure in the fact's group.

The story as a whole backs a few derived figures, each traced to the facts it comes from:
the as-of date, the days a figure sums (the provenance dates), how many areas of each level
the story covers and how many of them rose or fell, and each area's place among them (a
roundup's "highest in the patch"). Derived evidence has no area: it backs a figure
anywhere in the story.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cached_property, lru_cache
from typing import Any

from storygen.style import change as change_style
from storygen.style.numbers import round_half_up
from storygen.verify import figures as figure_finder

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# values that are a percentage, or a ratio of two figures, not a figure in their own right
PERCENT_KEY = re.compile(r"pct|percent|share")
RATIO_KEYS = {"ratio"}
POSITIONS = {"position", "position_from_bottom"}
# pairs a change is measured on: "doubled", "fell by almost a third" say how value moved from these
CHANGE_PAIRS = {"value / values.previous", "value / values.before"}
# values in the units of the fact's measure (printed with its decimal places); others count
IN_UNITS = re.compile(
    r"^(value|previous|change)$|_value$|peak|average|mean|median|total|before"
)  # places in a ranking, printed as ordinals
# values no multiple is ever taken of ("twice the rank" means nothing)
NOT_PAIRED = POSITIONS | {"of", "tied", "days", "change", "ratio", "streak"}
# a place in a ranking, whose areas ahead copy may count: "position", "overall_position"
PLACE_KEY = re.compile(r"(?:^|_)position$")
# values naming bands or labels whose printed figures are the fact's ("201-400", "over 400")
LABEL_KEY = re.compile(r"(?:^|_)(?:band|bands|label|labels)$")


@dataclass(frozen=True)
class Evidence:
    """One figure a fact (or the story, for derived figures) backs."""

    kind: str  # number, percent, rank, superlative, date, pair
    value: Any  # Decimal; (year, month, day) for a date; (new, old) for a pair
    area: str | None  # code of the area the fact is about; None backs any area
    fact: int | None  # index of the fact in the story's ``facts``; None when derived
    key: str  # where the figure comes from: "value", "values.previous", "as_of"...
    direction: str = ""  # up, down or same, for a change (or a count of areas that rose)
    extreme: str = ""  # top or bottom, for a rank or superlative
    tied: bool = False  # a rank shared with another area
    note: str = ""  # how a derived figure was worked out
    places: int | None = None  # decimal places copy prints it with, where the measure says


def _at(evidence: Evidence, index: int) -> Evidence:
    """``evidence`` backed by the fact at ``index`` of another story's facts."""
    e = evidence
    return Evidence(
        e.kind, e.value, e.area, index, e.key, e.direction, e.extreme, e.tied, e.note, e.places
    )


def other_area(values: dict[str, Any], key: str) -> str | None:
    """The area a value is about when it is not the fact's subject: ``ahead_value`` is the
    figure of the area named in ``ahead_name`` (coded by ``ahead_code`` where given).

    >>> other_area({"ahead_name": "Thanet", "ahead_value": 472.1}, "ahead_value")
    'name:Thanet'
    >>> other_area({"group_name": "Kent", "group_code": "E10000016"}, "group_name") is None
    True
    """
    prefix, _, suffix = key.rpartition("_")
    name = values.get(f"{prefix}_name") if prefix and suffix != "name" else None
    if not isinstance(name, str) or not name:
        return None
    return values.get(f"{prefix}_code") or f"name:{name}"


def _decimal(value: Any) -> Decimal | None:
    """A fact's number as the exact decimal copy rounds (floats by their shortest repr)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return Decimal(repr(value))


def _iso(value: Any) -> tuple[int, int, int] | None:
    if isinstance(value, str) and ISO_DATE.fullmatch(value[:10]):
        try:
            day = date.fromisoformat(value[:10])
        except ValueError:
            return None
        return (day.year, day.month, day.day)
    return None


class Backing:
    """Everything one story's facts back, with lookups by printed figure."""

    def __init__(self, story: dict[str, Any], shared: dict[Any, Any] | None = None) -> None:
        """``shared``, kept between stories whose ``facts`` share dicts (``Story.to_dict``
        with ``made``), remembers what each fact dict backs, so that a fact cited by many
        stories (a county's, England's) is read once; the dicts must outlive it."""
        self.story = story
        self.facts: list[dict[str, Any]] = story.get("facts") or []
        self.items: dict[str, list[Evidence]] = defaultdict(list)
        self.measures = (story.get("series") or {}).get("measures") or {}
        self.nouns = {  # "case" -> "cases": what a figure followed by the noun counts
            str(spec["noun"]): name
            for name, spec in self.measures.items()
            if isinstance(spec, dict) and spec.get("noun")
        }
        self.decimals = {
            name: spec["decimals"]
            for name, spec in self.measures.items()
            if isinstance(spec, dict) and isinstance(spec.get("decimals"), int)
        }
        self._sink: list[Evidence] | None = None
        for index, fact in enumerate(self.facts):
            for evidence in self._fact_evidence(index, fact, shared):
                self._add(evidence)
        self._add_derived()
        self._rounded: dict[tuple[str, int], dict[Decimal, list[Evidence]]] = {}

    # -- building ---------------------------------------------------------------------

    def _add(self, evidence: Evidence) -> None:
        if self._sink is not None:
            self._sink.append(evidence)
        else:
            self.items[evidence.kind].append(evidence)

    def _fact_evidence(
        self, index: int, fact: dict[str, Any], shared: dict[Any, Any] | None
    ) -> list[Evidence]:
        """What the fact at ``index`` backs, in order; from ``shared`` when another story
        citing the same fact dict (with the same decimal places) has read it already."""
        measure = fact.get("measure", "")
        spec = self.measures.get(measure)
        percentage = isinstance(spec, dict) and spec.get("per") == 100
        key = (id(fact), self.decimals.get(measure), percentage)
        known = shared.get(key) if shared is not None else None
        if known is None:
            self._sink = []
            try:
                self._add_fact(index, fact)
                found = self._sink
            finally:
                self._sink = None
            if shared is not None:
                shared[key] = (fact, index, found)  # the fact is kept so its id is not reused
            return found
        _fact, at, found = known
        if at == index:
            return found
        return [_at(evidence, index) for evidence in found]

    def _add_fact(self, index: int, fact: dict[str, Any]) -> None:
        area = (fact.get("subject") or {}).get("code")
        values = fact.get("values") or {}
        direction = WAYS.get(str(values.get("direction", "")).lower(), "")
        tied = bool(values.get("tied"))

        def add(kind: str, value: Any, key: str, **extra: Any) -> None:
            way = key_way(key) or direction
            self._add(Evidence(kind, value, area, index, key, way, **extra))

        measure = fact.get("measure", "")
        places = self.decimals.get(measure)
        spec = self.measures.get(measure)
        percentage = isinstance(spec, dict) and spec.get("per") == 100  # a share, printed "8.9%"
        value = _decimal(fact.get("value"))
        if value is not None:
            add("number", value, "value", places=places)
            if percentage:
                add("percent", abs(value), "value")
            if fact.get("kind") == "hotspot" and values.get("hotspot_name"):
                self._add_hotspot(index, value, values, places)
            if _counts_areas(fact):
                add("number", value, "value.count")  # "six neighbourhoods were in the top band"
        for key, raw in values.items():
            number = _decimal(raw)
            if number is not None:
                shown = places if IN_UNITS.search(key) else None
                other = other_area(values, key)
                if other:  # "behind only Thanet (472.1)": Thanet's figure, not the subject's
                    self._add(
                        Evidence("number", number, other, index, f"values.{key}", places=shown)
                    )
                    if percentage and shown is not None:  # "compares with 7.7% across England"
                        self._add(Evidence("percent", abs(number), other, index, f"values.{key}"))
                elif PERCENT_KEY.search(key):
                    add("percent", abs(number), f"values.{key}")
                elif key not in RATIO_KEYS | POSITIONS:
                    add("number", number, f"values.{key}", places=shown)
                    if percentage and shown is not None:
                        add("percent", abs(number), f"values.{key}")
                if PLACE_KEY.search(key) and number >= 1:  # "only seven had a higher rate"
                    add("number", number - 1, f"values.{key}.above")
                if key in POSITIONS:
                    extreme = "top" if key == "position" else "bottom"
                    add("rank", number, f"values.{key}", extreme=extreme, tied=tied)
                    if number == 1:
                        add("superlative", number, f"values.{key}", extreme=extreme, tied=tied)
                if value is not None and value != 0 and key not in NOT_PAIRED:
                    if not PERCENT_KEY.search(key) and number > 0:
                        add("pair", (value, number), f"value / values.{key}")
            elif _iso(raw):
                add("date", _iso(raw), f"values.{key}")
            elif LABEL_KEY.search(key):
                for label in raw if isinstance(raw, list) else [raw]:
                    for figure in figure_finder.find(label) if isinstance(label, str) else ():
                        if figure.kind == "number" and figure.value is not None:
                            add("number", figure.value, f"values.{key}", places=figure.places)
        streak_days = _streak_days(values.get("streak_from"), fact.get("period_end"))
        if streak_days:  # "fallen for 10 weeks running": the span the streak covers
            add("number", Decimal(streak_days), "values.streak_days")
        self._add_leaders(index, values)
        if values.get("direction") in ("high", "low"):  # a record: "its highest level since"
            extreme = "top" if values["direction"] == "high" else "bottom"
            add("superlative", Decimal(1), "values.direction", extreme=extreme)
        for key, raw in (("period_end", fact.get("period_end")),):
            if _iso(raw):
                add("date", _iso(raw), key)
        provenance = fact.get("provenance") or {}
        dates = [_iso(raw) for raw in provenance.get("dates") or ()]
        for raw in dates:
            if raw:
                add("date", raw, "provenance.dates")

    def _add_hotspot(
        self, index: int, value: Decimal, values: dict[str, Any], places: int | None
    ) -> None:
        """A hotspot fact's value is its hotspot's figure, the highest in the fact's group;
        last week's hotspot (``previous_hotspot_name``) had the highest a week earlier."""
        for prefix in ("hotspot", "previous_hotspot"):
            name = values.get(f"{prefix}_name")
            if not isinstance(name, str) or not name:
                continue
            area = values.get(f"{prefix}_code") or f"name:{name}"
            if prefix == "hotspot":
                self._add(Evidence("number", value, area, index, "value", places=places))
            self._add(
                Evidence("superlative", Decimal(1), area, index, f"values.{prefix}_name",
                         extreme="top")
            )  # fmt: skip

    def _add_leaders(self, index: int, values: dict[str, Any]) -> None:
        """A ranking names the area at its top (``leader_name``) and the one just ahead
        (``ahead_name``): their places are known too ("Hull has the highest rate in England")."""
        position = _decimal(values.get("position"))
        for prefix, place in (("leader", Decimal(1)), ("ahead", (position or 2) - 1)):
            name = values.get(f"{prefix}_name")
            if not isinstance(name, str) or not name or place < 1:
                continue
            area = values.get(f"{prefix}_code") or f"name:{name}"
            tied = bool(values.get("tied")) and place == position
            for kind in ("rank", "superlative") if place == 1 else ("rank",):
                self._add(
                    Evidence(kind, place, area, index, f"values.{prefix}_name", extreme="top",
                             tied=tied)
                )  # fmt: skip

    def _add_derived(self) -> None:
        story = self.story

        def add(kind: str, value: Any, key: str, note: str, **extra: Any) -> None:
            self._add(Evidence(kind, value, None, None, key, note=note, **extra))

        as_of = _iso(story.get("as_of"))
        if as_of:
            add("date", as_of, "as_of", "the date the story's figures run to")
        for days, first, last in sorted(self._periods()):
            add("number", Decimal(days), "provenance.dates", f"{first} to {last} is {days} days")
        series = story.get("series") or {}
        for key in ("per", "window"):
            number = _decimal(series.get(key))
            if number is not None:
                add("number", number, f"series.{key}", f"the chart measure's {key}")
        for name, spec in self.measures.items():
            if not isinstance(spec, dict):
                continue
            number = _decimal(spec.get("per"))
            if number is not None:
                add("number", number, f"series.measures.{name}.per", f"{name} is per {number:,}")
            below = _decimal(spec.get("suppressed_below"))
            if below is not None:  # "fewer than three": the publisher withholds smaller counts
                add(
                    "number",
                    below,
                    f"series.measures.{name}.suppressed_below",
                    f"{name} under {below} is withheld",
                )
        self._add_counts(add)

    def _periods(self) -> set[tuple[int, str, str]]:
        found = set()
        for fact in self.facts:
            dates = [_iso(raw) for raw in (fact.get("provenance") or {}).get("dates") or ()]
            if len(dates) == 2 and all(dates):
                first, last = (date(*d) for d in dates)  # type: ignore[misc]
                found.add(((last - first).days + 1, first.isoformat(), last.isoformat()))
            previous = _iso((fact.get("values") or {}).get("previous_date"))
            end = _iso(fact.get("period_end"))
            if previous and end:
                gap = (date(*end) - date(*previous)).days
                found.add((gap, date(*previous).isoformat(), date(*end).isoformat()))
        return found

    def _add_counts(self, add: Any) -> None:
        """How many areas of each level the story covers, how many rose or fell, and each
        one's place among them by the measure's value."""
        areas: dict[str, set[str]] = defaultdict(set)
        changes: dict[tuple[str, str], dict[str, tuple[Decimal, str]]] = defaultdict(dict)
        for fact in self.facts:
            subject = fact.get("subject") or {}
            level, code = subject.get("type"), subject.get("code")
            if not level or not code:
                continue
            areas[level].add(code)
            value = _decimal(fact.get("value"))
            direction = (fact.get("values") or {}).get("direction")
            if fact.get("kind") == "change" and value is not None:
                changes[(level, fact.get("measure", ""))][code] = (value, direction or "")
        for level, codes in sorted(areas.items()):
            note = f"the story covers {len(codes)} {level} area{'' if len(codes) == 1 else 's'}"
            add("number", Decimal(len(codes)), f"areas.{level}", note)
        for (level, measure), by_area in sorted(changes.items()):
            for direction in DIRECTIONS:
                count = sum(1 for _value, way in by_area.values() if way == direction)
                if count:
                    note = f"{count} of {len(by_area)} {level} areas' {measure} went {direction}"
                    add(
                        "number",
                        Decimal(count),
                        f"areas.{level}.{measure}.{direction}",
                        note,
                        direction=direction,
                    )
            if len(by_area) > 1:
                self._add_places(level, measure, by_area)

    def _add_places(
        self, level: str, measure: str, by_area: dict[str, tuple[Decimal, str]]
    ) -> None:
        values = sorted(value for value, _way in by_area.values())
        for code, (value, _way) in by_area.items():
            top = 1 + sum(1 for other in values if other > value)
            bottom = 1 + sum(1 for other in values if other < value)
            tied = values.count(value) > 1
            for extreme, position in (("top", top), ("bottom", bottom)):
                note = f"place {position} from the {extreme} of the story's {len(values)} {level} areas by {measure}"
                for kind in ("rank", "superlative") if position == 1 else ("rank",):
                    self._add(
                        Evidence(
                            kind,
                            Decimal(position),
                            code,
                            None,
                            f"places.{level}.{measure}",
                            extreme=extreme,
                            tied=tied,
                            note=note,
                        )
                    )

    # -- lookups ----------------------------------------------------------------------

    def of(self, kind: str) -> list[Evidence]:
        return self.items.get(kind, [])

    def rounded(self, kind: str, places: int) -> dict[Decimal, list[Evidence]]:
        """Evidence of ``kind`` (number or percent) by its absolute value rounded half-up to
        ``places`` decimal places (negative for tens, hundreds...), as copy would print it."""
        key = (kind, places)
        if key not in self._rounded:
            table: dict[Decimal, list[Evidence]] = defaultdict(list)
            for evidence in self.of(kind):
                table[_round(abs(evidence.value), places)].append(evidence)
            self._rounded[key] = table
        return self._rounded[key]

    @cached_property
    def phrases(self) -> list[tuple[tuple[Any, ...], Evidence]]:
        """The multiples and fractions a reporter may use for each pair of figures, as
        canonical keys (see ``phrase_key``), worked out by the house style's filters."""
        found = []
        for evidence in self.of("pair"):
            new, old = evidence.value
            for key in _phrase_keys(new, old, evidence.key in CHANGE_PAIRS):
                found.append((key, evidence))
        return found

    def area_name(self, code: str | None) -> str:
        if code and code.startswith("name:"):
            return code[len("name:") :]
        for fact in self.facts:
            subject = fact.get("subject") or {}
            if subject.get("code") == code:
                return str(subject.get("name"))
        return str(code)


def _counts_areas(fact: dict[str, Any]) -> bool:
    """Whether a fact's value is a count of areas: its key ends in ``-count``.

    >>> _counts_areas({"id": "threshold.rate.band-neighbourhood-count.E06000035"})
    True
    >>> _counts_areas({"id": "change.rate.E06000035"})
    False
    """
    key = str(fact.get("id", "")).rsplit(".", 1)[0]
    return key.endswith("-count")


def _streak_days(start: Any, end: Any) -> int | None:
    """The days a streak of changes spans, from its first change's date to the fact's.

    >>> _streak_days("2020-12-02", "2020-12-23"), _streak_days(None, "2020-12-23")
    (21, None)
    """
    first, last = _iso(start), _iso(end)
    if not first or not last:
        return None
    days = (date(*last) - date(*first)).days
    return days if days > 0 else None


DIRECTIONS = ("up", "down", "same")
# a direction by any of its names; a value keyed by one ("up": 19 areas rose) counts that way
WAYS = {
    "up": "up", "rise": "up", "rising": "up", "rose": "up", "increase": "up",
    "down": "down", "fall": "down", "falling": "down", "fell": "down", "decrease": "down",
    "same": "same", "unchanged": "same", "flat": "same",
}  # fmt: skip


@lru_cache(maxsize=512)
def key_way(key: str) -> str:
    """The direction a value's own name gives it: ``values.down`` counts areas that fell.

    >>> key_way("values.down"), key_way("values.count_rising"), key_way("values.previous")
    ('down', 'up', '')
    """
    return WAYS.get(key.rsplit(".", 1)[-1].rsplit("_", 1)[-1], "")


def _round(value: Decimal, places: int) -> Decimal:
    """Half-up rounding to ``places`` (negative: tens, hundreds...), as the style filters do.

    >>> _round(Decimal("527.25"), 1), _round(Decimal("1249999"), -5)
    (Decimal('527.3'), Decimal('1.2E+6'))
    """
    try:
        return value.quantize(_UNITS[places], rounding=ROUND_HALF_UP)
    except (KeyError, InvalidOperation):
        if places >= 0:
            return round_half_up(value, places)
        return round_half_up(value.scaleb(places), 0).scaleb(-places)


_UNITS = {places: Decimal(1).scaleb(-places) for places in range(0, 7)}


def _phrase_keys(new: Decimal, old: Decimal, change: bool) -> tuple[tuple[Any, ...], ...]:
    """The canonical keys (``phrase_key``) of the multiples and fractions ``_phrases`` gives
    for two figures; the same two figures recur in many stories, so they are kept (by
    their text: 2 and 2.0 are equal decimals, not the same figure)."""
    return _phrase_keys_of(str(new), str(old), change)


@lru_cache(maxsize=65536)
def _phrase_keys_of(new: str, old: str, change: bool) -> tuple[tuple[Any, ...], ...]:
    return tuple(
        phrase_key(figure)
        for words in _phrases(Decimal(new), Decimal(old), change=change)
        for figure in figure_finder.find(words)
        if figure.kind in ("multiple", "fraction")
    )


def _phrases(new: Decimal, old: Decimal, *, change: bool) -> Iterable[str]:
    """ "more than doubled" for a change on the figure before; "almost twice" for any two."""
    if change:
        try:
            yield change_style.change_words(new, old)
        except ValueError:
            pass
    big, small = max(new, old), min(new, old)
    try:
        yield change_style.multiple(big, small)
    except ValueError:
        pass


def phrase_key(figure: figure_finder.Figure) -> tuple[Any, ...]:
    """What a multiple or fraction claims, with synonyms folded: "trebled" and "tripled",
    "about a third" and "a third"; the direction is left out when the copy does not say it.

    >>> [phrase_key(f) for f in figure_finder.find("more than trebled, almost half lower")]
    [('multiple', Decimal('3'), 'more than', 'up'), ('fraction', Decimal('50'), 'almost', 'down')]
    """
    if figure.kind == "multiple":
        qualifier = figure.qualifier if figure.qualifier in ("almost", "more than") else ""
        return ("multiple", figure.value, qualifier, figure.direction)
    qualifier = figure.qualifier if figure.qualifier in ("almost", "more than") else "about"
    return ("fraction", figure.value, qualifier, figure.direction)
