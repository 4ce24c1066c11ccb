"""Evidence: every figure a story's facts can back, indexed the way copy prints figures.

Each fact backs its value and every number among its ``values`` (the figure it is compared
with, the change, a position, the size of its peer group, days...), the dates it names, its
percentages (``pct_change``, shares), its ratio and the multiples and fractions a reporter
would use for it ("more than doubled", "fell by almost a third"), computed with the house
style's own filters. A fact with a ``direction`` (up, down, same) passes it to everything
it backs, so "rose" can be checked against the fact.

Some figures are read in more than one way, as copy prints them:

- a measure that is a percentage (``per: 100``, the share on ventilators) backs its figures
  as percentages too ("8.9%"), and a share of exactly none backs a count of none ("not one
  of its Covid-19 patients was on mechanical ventilation");
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
the story covers, how many have a week's change ("the three trusts with figures for both
weeks") and how many of them rose or fell, and each area's place among them (a
roundup's "highest in the patch"). Derived evidence has no area: it backs a figure
anywhere in the story.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, NamedTuple

from storygen.style import change as change_style
from storygen.style.change import denoised
from storygen.style.numbers import float_decimal, round_half_up
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


class Evidence(NamedTuple):
    """One figure a fact (or the story, for derived figures) backs: a named tuple, as a
    region's story makes hundreds of thousands."""

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
    """``evidence`` backed by the fact at ``index`` of another story's facts.

    >>> _at(Evidence("number", Decimal(7), "E06000035", 3, "value"), 0).fact
    0
    """
    return evidence._replace(fact=index)


@dataclass(frozen=True)
class _Read:
    """What one fact dict backs, by kind, as read for the story citing it at ``index``."""

    fact: dict[str, Any]  # kept, so that the id of a dict in a ``shared`` cache is not reused
    index: int
    by_kind: dict[str, list[Evidence]]
    areas: frozenset[str]  # the areas it backs figures of
    periods: frozenset[tuple[int, str, str]]  # the spans of days it covers (``_periods``)
    # by kind: its figures' absolute values, sorted, and where each is in ``by_kind`` (``_sorted``)
    by_size: dict[str, tuple[list[Decimal], list[int]]] = field(default_factory=dict)

    @classmethod
    def of(cls, fact: dict[str, Any], index: int, found: list[Evidence]) -> _Read:
        by_kind: dict[str, list[Evidence]] = defaultdict(list)
        for evidence in found:
            by_kind[evidence.kind].append(evidence)
        areas = frozenset(e.area for e in found if e.area)
        return cls(fact, index, dict(by_kind), areas, _periods(fact))

    def rounded(self, kind: str, places: int, value: Decimal) -> list[Evidence]:
        """Its evidence of ``kind`` whose absolute value rounds as ``Backing.rounded`` says
        to ``value``, in the order it was read.

        A figure rounds half-up to ``value`` at ``places`` exactly when it lies from half a
        unit below ``value`` to just under half a unit above, so the figures are sorted
        once (kept, as the fact recurs in other stories) and the lookup is two bisections,
        whatever the places: the same evidence as rounding every figure to every place a
        story prints.
        """
        sizes, positions = self._sorted(kind)
        if not sizes:
            return []
        half = _HALF_UNITS.get(places) or Decimal(5).scaleb(-places - 1)
        start = bisect_left(sizes, value - half)
        stop = bisect_left(sizes, value + half, start)
        if start == stop:
            return []
        listed = self.by_kind[kind]
        return [listed[i] for i in sorted(set(positions[start:stop]))]

    def _sorted(self, kind: str) -> tuple[list[Decimal], list[int]]:
        """The absolute values of its evidence of ``kind``, sorted, with the place of each in
        ``by_kind``; a percentage worked out in floats (26.249999999999996 for 505 against
        400) also under the value the house style rounds (26.25: ``style.change``)."""
        if kind not in self.by_size:
            pairs = []
            for position, evidence in enumerate(self.by_kind.get(kind, ())):
                size = abs(evidence.value)
                pairs.append((size, position))
                if kind == "percent":
                    clean = denoised(size)
                    if clean != size:
                        pairs.append((clean, position))
            pairs.sort()
            self.by_size[kind] = ([size for size, _ in pairs], [at for _, at in pairs])
        return self.by_size[kind]


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


_NOT_NUMBERS = frozenset({str, bool, type(None), dict, list})
_INFINITIES = (float("inf"), float("-inf"))


def _decimal(value: Any) -> Decimal | None:
    """A fact's number as the exact decimal copy rounds (floats by their shortest repr)."""
    kind = type(value)  # told by its type first: called on every value of every fact
    if kind in _NOT_NUMBERS:
        return None
    if kind is not float:  # an int, or a numpy number
        if not isinstance(value, int | float):
            return None
        if isinstance(value, int):
            return Decimal(value)
        value = float(value)
    if value != value or value in _INFINITIES:
        return None
    return float_decimal(value)  # a rate is one fact's value and another's previous


def _iso(value: Any) -> tuple[int, int, int] | None:
    """The (year, month, day) of an ISO date or date-time text, else None.

    >>> _iso("2020-11-21T00:00:00"), _iso("2020-02-30"), _iso(20201121)
    ((2020, 11, 21), None, None)
    """
    return _day(value[:10]) if isinstance(value, str) else None


@lru_cache(maxsize=4096)  # a run's facts name a few hundred days, each thousands of times
def _day(text: str) -> tuple[int, int, int] | None:
    if not ISO_DATE.fullmatch(text):
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return (day.year, day.month, day.day)


class Backing:
    """Everything one story's facts back, with lookups by printed figure.

    Each fact is read once, but its evidence is listed by kind only when a figure asks for
    that kind, and the multiples and fractions of its pairs of figures only for a pair whose
    ratio could give the phrase printed (``could_say``): a region's hotspot story cites
    thousands of facts and prints a few dozen figures.
    """

    def __init__(self, story: dict[str, Any], shared: dict[Any, Any] | None = None) -> None:
        """``shared``, kept between stories whose ``facts`` share dicts (``Story.to_dict``
        with ``made``), remembers what each fact dict backs, so that a fact cited by many
        stories (a county's, England's) is read once; the dicts must outlive it."""
        self.story = story
        self.facts: list[dict[str, Any]] = story.get("facts") or []
        self.measures = (story.get("series") or {}).get("measures") or {}
        # "case" -> the measures a figure followed by "cases" may count: a noun two measures
        # share ("patient": patients and those on ventilators) counts either
        self.nouns: dict[str, tuple[str, ...]] = {}
        for name, spec in self.measures.items():
            if isinstance(spec, dict) and spec.get("noun"):
                noun = str(spec["noun"])
                self.nouns[noun] = (*self.nouns.get(noun, ()), name)
        self.decimals = {
            name: spec["decimals"]
            for name, spec in self.measures.items()
            if isinstance(spec, dict) and isinstance(spec.get("decimals"), int)
        }
        self._sink: list[Evidence] = []
        reads = {} if shared is None else shared  # a story checked on its own keeps its own
        self._read = [
            self._fact_evidence(index, fact, reads) for index, fact in enumerate(self.facts)
        ]
        self._add_derived()
        self._derived = _Read.of({}, -1, self._sink)
        self.areas: set[str] = set(self._derived.areas).union(*(r.areas for r in self._read))
        self._of: dict[str, list[Evidence]] = {}
        self._phrases: dict[tuple[str, Decimal], list[tuple[tuple[Any, ...], Evidence]]] = {}
        self._days: dict[tuple[int, int | None], list[Evidence]] | None = None

    # -- building ---------------------------------------------------------------------

    def _add(self, evidence: Evidence) -> None:
        self._sink.append(evidence)

    def _fact_evidence(self, index: int, fact: dict[str, Any], shared: dict[Any, Any]) -> _Read:
        """What the fact at ``index`` backs; from ``shared`` when another story citing the
        same fact dict (with the same decimal places) has read it already."""
        measure = fact.get("measure", "")
        spec = self.measures.get(measure)
        percentage = isinstance(spec, dict) and spec.get("per") == 100
        key = (self.decimals.get(measure), percentage)
        reads = shared.get(id(fact))
        if reads is None:
            reads = shared[id(fact)] = {}
        known = reads.get(key)
        if known is None:
            self._sink = []
            self._add_fact(index, fact)
            known = reads[key] = _Read.of(fact, index, self._sink)
            self._sink = []
        return known

    def _add_fact(self, index: int, fact: dict[str, Any]) -> None:
        area = (fact.get("subject") or {}).get("code")
        values = fact.get("values") or {}
        direction = WAYS.get(str(values.get("direction", "")).lower(), "")
        tied = bool(values.get("tied"))
        sink = self._sink  # every fact of a national run passes here: plain appends

        def add(kind: str, value: Any, key: str, **extra: Any) -> None:
            way = key_way(key) or direction
            sink.append(Evidence(kind, value, area, index, key, way, **extra))

        measure = fact.get("measure", "")
        places = self.decimals.get(measure)
        spec = self.measures.get(measure)
        percentage = isinstance(spec, dict) and spec.get("per") == 100  # a share, printed "8.9%"
        value = _decimal(fact.get("value"))
        if value is not None:
            sink.append(Evidence("number", value, area, index, "value", direction, places=places))
            if percentage:
                sink.append(Evidence("percent", abs(value), area, index, "value", direction))
                if value == 0:  # a share of none: "not one of its patients was ventilated"
                    sink.append(Evidence("number", value, area, index, "value.none", direction))
            if fact.get("kind") == "hotspot" and values.get("hotspot_name"):
                self._add_hotspot(index, value, values, places)
            if counts_areas(fact):
                add("number", value, "value.count")  # "six neighbourhoods were in the top band"
        for key, raw in values.items():
            number = _decimal(raw)
            trait = _traits(key)
            name = trait.name
            if number is not None:
                shown = places if trait.in_units else None
                way = trait.way or direction
                other = other_area(values, key) if trait.other else None
                if other:  # "behind only Thanet (472.1)": Thanet's figure, not the subject's
                    sink.append(Evidence("number", number, other, index, name, places=shown))
                    if percentage and shown is not None:  # "compares with 7.7% across England"
                        sink.append(Evidence("percent", abs(number), other, index, name))
                elif trait.percent:
                    sink.append(Evidence("percent", abs(number), area, index, name, way))
                elif not trait.unprinted:
                    sink.append(Evidence("number", number, area, index, name, way, places=shown))
                    if percentage and shown is not None:
                        sink.append(Evidence("percent", abs(number), area, index, name, way))
                if trait.place and number >= 1:  # "only seven had a higher rate"
                    add("number", number - 1, f"{name}.above")
                if trait.position:
                    extreme = "top" if key == "position" else "bottom"
                    add("rank", number, name, extreme=extreme, tied=tied)
                    if number == 1:
                        add("superlative", number, name, extreme=extreme, tied=tied)
                if value is not None and value != 0 and trait.paired:
                    if not trait.percent and number > 0:
                        sink.append(Evidence("pair", (value, number), area, index, trait.pair, way))
            elif day := _iso(raw):
                sink.append(Evidence("date", day, area, index, name, trait.way or direction))
            elif trait.label:
                for label in raw if isinstance(raw, list) else [raw]:
                    for figure in figure_finder.find(label) if isinstance(label, str) else ():
                        if figure.kind == "number" and figure.value is not None:
                            add("number", figure.value, name, places=figure.places)
        streak_days = _streak_days(values.get("streak_from"), fact.get("period_end"))
        if streak_days:  # "fallen for 10 weeks running": the span the streak covers
            add("number", Decimal(streak_days), "values.streak_days")
        self._add_leaders(index, values)
        if values.get("direction") in ("high", "low"):  # a record: "its highest level since"
            extreme = "top" if values["direction"] == "high" else "bottom"
            add("superlative", Decimal(1), "values.direction", extreme=extreme)
        day = _iso(fact.get("period_end"))
        if day:
            sink.append(Evidence("date", day, area, index, "period_end", direction))
        provenance = fact.get("provenance") or {}
        for raw in provenance.get("dates") or ():
            day = _iso(raw)
            if day:
                sink.append(Evidence("date", day, area, index, "provenance.dates", direction))

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
        periods = set[tuple[int, str, str]]().union(*(read.periods for read in self._read))
        for days, first, last in sorted(periods):
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
            note = f"{len(by_area)} {level} areas have a week's change in {measure}"
            add("number", Decimal(len(by_area)), f"areas.{level}.{measure}.compared", note)
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
        """Every figure of ``kind`` the story backs: its facts' in order, then the derived."""
        if kind not in self._of:
            self._of[kind] = self.where(kind, lambda _evidence: True)
        return self._of[kind]

    def where(self, kind: str, test: Callable[[Evidence], bool]) -> list[Evidence]:
        """The figures of ``kind`` that pass ``test``, in the order of ``of``; ``test`` sees
        a fact's evidence as first read (its ``fact`` may be another story's index)."""
        if kind in self._of:
            return [evidence for evidence in self._of[kind] if test(evidence)]
        found = []
        for index, read in enumerate(self._read):
            for evidence in read.by_kind.get(kind, ()):
                if test(evidence):
                    found.append(evidence if read.index == index else _at(evidence, index))
        return found + [e for e in self._derived.by_kind.get(kind, ()) if test(e)]

    def dated(self, year: int | None, month: int, day: int | None) -> list[Evidence]:
        """The dates the story backs that fall on ``day`` of ``month`` (any day when None) of
        ``year`` (any year when None), in the order of ``of``: a story prints its date in
        sentence after sentence.

        >>> backing = Backing({"as_of": "2020-11-25", "facts": [
        ...     {"period_end": "2020-11-25", "provenance": {"dates": ["2019-11-19", "2020-11-25"]}}]})
        >>> [(e.key, e.value) for e in backing.dated(None, 11, 25)]
        [('period_end', (2020, 11, 25)), ('provenance.dates', (2020, 11, 25)), ('as_of', (2020, 11, 25))]
        >>> [e.value for e in backing.dated(2019, 11, None)]
        [(2019, 11, 19)]
        """
        if self._days is None:
            self._days = {}
            for evidence in self.of("date"):
                _year, on_month, on_day = evidence.value
                self._days.setdefault((on_month, on_day), []).append(evidence)
                self._days.setdefault((on_month, None), []).append(evidence)
        return [e for e in self._days.get((month, day), ()) if year is None or e.value[0] == year]

    def rounded(self, kind: str, places: int, value: Decimal) -> list[Evidence]:
        """Evidence of ``kind`` (number or percent) whose absolute value rounds half-up to
        ``value`` at ``places`` decimal places (negative for tens, hundreds...), as copy
        would print it."""
        if _round(value, places) != value:  # "527.25" is no figure printed to one place
            return []
        found = []
        for index, read in enumerate(self._read):
            some = read.rounded(kind, places, value)
            if some:
                found += [_at(e, index) for e in some] if read.index != index else some
        return found + self._derived.rounded(kind, places, value)

    def phrases(self, kind: str, value: Decimal) -> list[tuple[tuple[Any, ...], Evidence]]:
        """The multiples and fractions a reporter may use for the pairs of figures that
        could give a ``kind`` (multiple or fraction) of ``value``, as canonical keys (see
        ``phrase_key``), worked out by the house style's filters."""
        asked = (kind, value)
        if asked not in self._phrases:
            found = []
            for evidence in self.of("pair"):
                new, old = evidence.value
                if could_say(kind, value, new, old):
                    for key in _phrase_keys(new, old, evidence.key in CHANGE_PAIRS):
                        found.append((key, evidence))
            self._phrases[asked] = found
        return self._phrases[asked]

    def area_name(self, code: str | None) -> str:
        if code and code.startswith("name:"):
            return code[len("name:") :]
        for fact in self.facts:
            subject = fact.get("subject") or {}
            if subject.get("code") == code:
                return str(subject.get("name"))
        return str(code)


def _periods(fact: dict[str, Any]) -> frozenset[tuple[int, str, str]]:
    """The spans of days a fact covers, as (days, first, last): its provenance dates and
    the gap from its previous figure's date to its own.

    >>> sorted(_periods({"provenance": {"dates": ["2020-11-15", "2020-11-21"]}}))
    [(7, '2020-11-15', '2020-11-21')]
    """
    found = set()
    dates = [_iso(raw) for raw in (fact.get("provenance") or {}).get("dates") or ()]
    if len(dates) == 2 and all(dates):
        first, last = (date(*d) for d in dates)  # type: ignore[misc]
        found.add(((last - first).days + 1, first.isoformat(), last.isoformat()))
    previous = _iso((fact.get("values") or {}).get("previous_date"))
    end = _iso(fact.get("period_end"))
    if previous and end:
        gap = (date(*end) - date(*previous)).days
        found.add((gap, date(*previous).isoformat(), date(*end).isoformat()))
    return frozenset(found)


def counts_areas(fact: dict[str, Any]) -> bool:
    """Whether a fact's value is a count of areas: its key ends in ``-count``.

    >>> counts_areas({"id": "threshold.rate.band-neighbourhood-count.E06000035"})
    True
    >>> counts_areas({"id": "change.rate.E06000035"})
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


# "rose_above_400": the areas that went over a band's edge in the week, a count of areas that rose
_CROSSING = re.compile(r"^(rose|fell)_(?:above|below)_")


@lru_cache(maxsize=512)
def key_way(key: str) -> str:
    """The direction a value's own name gives it: ``values.down`` counts areas that fell,
    ``values.rose_above_1600`` areas that went up over 1,600.

    >>> key_way("values.down"), key_way("values.count_rising"), key_way("values.previous")
    ('down', 'up', '')
    >>> key_way("values.rose_above_1600"), key_way("values.fell_below_10"), key_way("values.below_50")
    ('up', 'down', '')
    """
    name = key.rsplit(".", 1)[-1]
    crossing = _CROSSING.match(name)
    return WAYS[crossing.group(1)] if crossing else WAYS.get(name.rsplit("_", 1)[-1], "")


class _Traits(NamedTuple):
    name: str  # "values.previous": the evidence key
    in_units: bool  # printed in the measure's units, to its decimal places
    percent: bool  # a percentage
    place: bool  # a place in a ranking ("only seven had a higher rate")
    label: bool  # a band's label, whose figures are printed as written
    way: str  # the direction its name gives it (``key_way``): ``down`` counts areas that fell
    other: bool  # it may be another area's figure (``other_area``): ``ahead_value``
    position: bool  # a place counted from the top or the bottom (``POSITIONS``)
    unprinted: bool  # a ratio or a place: no plain number of the fact's
    paired: bool  # a figure the fact's value may be a multiple of (not in ``NOT_PAIRED``)
    pair: str  # the key of that pair: "value / values.previous"


@lru_cache(maxsize=1024)  # a run's facts have a few dozen names of values, read millions of times
def _traits(key: str) -> _Traits:
    """What the name of a fact's value says of how copy prints it.

    >>> _traits("ahead_value").other, _traits("value").other, _traits("count_rising").way
    (True, False, 'up')
    """
    name = f"values.{key}"
    prefix, _, suffix = key.rpartition("_")
    return _Traits(
        name,
        bool(IN_UNITS.search(key)),
        bool(PERCENT_KEY.search(key)),
        bool(PLACE_KEY.search(key)),
        bool(LABEL_KEY.search(key)),
        key_way(name),
        bool(prefix) and suffix != "name",
        key in POSITIONS,
        key in RATIO_KEYS | POSITIONS,
        key not in NOT_PAIRED,
        f"value / {name}",
    )


@lru_cache(maxsize=65536)  # the same figures recur in story after story
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
_HALF_UNITS = {places: Decimal(5).scaleb(-places - 1) for places in range(-9, 7)}


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


def could_say(kind: str, value: Decimal, new: Decimal, old: Decimal) -> bool:
    """Whether the phrases ``_phrases`` gives for two figures could include a ``kind``
    (multiple or fraction) of ``value``, judged on the ratio of the larger to the smaller
    with room to spare (``RATIOS``): the phrases themselves are worked out only for a pair
    that passes.

    >>> could_say("multiple", Decimal(2), Decimal(230), Decimal(100))  # "more than doubled"
    True
    >>> could_say("multiple", Decimal(3), Decimal(230), Decimal(100))
    False
    >>> could_say("fraction", Decimal("33.3"), Decimal(68), Decimal(100))  # "fell by almost a third"
    True
    """
    if new <= 0 or old <= 0:
        return True  # no ratio to judge: the filters decide
    low, high = _ratios(kind, value)
    return low <= max(new, old) / min(new, old) <= high


def _ratios(kind: str, value: Decimal) -> tuple[Decimal, Decimal]:
    """The ratios of the larger figure to the smaller (``RATIOS``) that may give a
    ``kind`` of ``value``; any ratio for a figure no band is known for.

    >>> _ratios("multiple", Decimal(3)), _ratios("fraction", Decimal(50))
    ((Decimal('2.8'), Decimal('4')), (Decimal('1.4'), Decimal('2.5')))
    """
    if kind == "multiple" and value >= 2:  # "almost trebled" from 2.9 to "more than" under 4
        return value - RATIOS["below"], value + 1
    if kind == "multiple" and value == Decimal("0.5"):  # "halved", "more than halved"
        return RATIOS["halved"]
    if kind == "fraction":  # a rise or fall of the fraction, give or take a fifth of it
        rise = 1 + value * Decimal("0.8") / 100
        fall = 1 - min(value * Decimal("1.2"), Decimal(95)) / 100
        return rise, 1 / fall
    return Decimal(0), Decimal("Infinity")


# Bands wider than the house style's (``style.change``): a multiple starts 0.1 under the
# whole number ("almost doubled": 1.9); "halved" and "more than halved" are falls of 49% to
# 60% (a ratio of 1.96 to 2.5).
RATIOS = {"below": Decimal("0.2"), "halved": (Decimal("1.5"), Decimal(3))}


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


def forget(shared: dict[Any, Any], fact: dict[str, Any]) -> None:
    """Let go of what ``shared`` (see ``Backing``) keeps of a fact dict that no later story
    will cite: on a national run, most facts are cited by one story, and what they back,
    kept to the end, would be a third of a worker's memory."""
    shared.pop(id(fact), None)
