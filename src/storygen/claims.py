"""Claims: what a fact says, apart from its figures, so that a repeat can be recognised.

Each morning's facts carry new figures, but many say what yesterday's said: Swale still has
the highest rate in England, Kent's rate is still falling. The claim of a fact is its id
(kind, measure, peer group and area) with the few values that make the statement, so two
facts with the same claim would lead a story the same way:

- change: the direction (up, down, same);
- rank: the position;
- record: the direction and the date it is the highest or lowest since;
- any other kind: whichever of ``direction``, ``position``, ``since``, ``threshold``,
  ``band`` and ``crossed`` it has.

``CLAIM_FIELDS`` maps a kind to its fields; a new rule adds its kind there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from storygen.facts import Fact

CLAIM_FIELDS: dict[str, tuple[str, ...]] = {
    "change": ("direction",),
    "rank": ("position",),
    "record": ("direction", "since"),
}
OTHER_FIELDS = ("direction", "position", "since", "threshold", "band", "crossed")


def claim(fact: Fact | Mapping[str, Any]) -> str:
    """The claim of a fact (a ``Fact`` or its ``to_dict()``), as one comparable string.

    >>> from storygen.facts import Subject
    >>> swale = Subject("E07000113", "Swale", "district")
    >>> claim(Fact("rank", swale, "rate", "2020-11-25", 611.2,
    ...            {"position": 1, "of": 315}, id="rank.rate.district-in-country.E07000113"))
    'rank.rate.district-in-country.E07000113 position=1'
    >>> claim({"kind": "record", "id": "record.rate.E07000113",
    ...        "values": {"direction": "high", "since": "2020-10-01", "days": 55}})
    'record.rate.E07000113 direction=high since=2020-10-01'
    >>> claim({"kind": "threshold", "id": "threshold.rate.E07000113", "values": {"value": 3}})
    'threshold.rate.E07000113'
    """
    if isinstance(fact, Fact):
        kind, fact_id, values = fact.kind, fact.id, fact.values
    else:
        kind, fact_id, values = fact["kind"], fact["id"], fact.get("values") or {}
    fields = CLAIM_FIELDS.get(kind, OTHER_FIELDS)
    parts = [f"{name}={_plain(values[name])}" for name in fields if name in values]
    return " ".join([fact_id, *parts])


def describe(fact: Mapping[str, Any]) -> str:
    """A fact (as ``Fact.to_dict()``) in a line for a summary or the history, not for copy.

    >>> describe({"kind": "rank", "measure": "rate", "value": 611.2,
    ...           "subject": {"name": "Swale"}, "values": {"position": 1, "of": 315,
    ...           "peer_level": "district", "group_name": "England"}})
    'Swale: rate 1st of 315 districts in England (611.2)'
    >>> describe({"kind": "change", "measure": "cases", "value": 120, "subject": {"name": "Dover"},
    ...           "values": {"previous": 80, "direction": "up"}})
    'Dover: cases up from 80 to 120'
    >>> describe({"kind": "record", "measure": "rate", "value": 95.5, "subject": {"name": "Kent"},
    ...           "values": {"direction": "low", "since": "2020-10-15", "on_record": False}})
    'Kent: rate lowest since 2020-10-15 (95.5)'
    >>> describe({"kind": "rank", "measure": "rate", "value": 285.4, "subject": {"name": "Kent"},
    ...           "values": {"position": 11, "of": 149, "peer_level": "county",
    ...                      "group_name": "England"}})
    'Kent: rate 11th of 149 counties in England (285.4)'
    """
    values = fact.get("values") or {}
    name = (fact.get("subject") or {}).get("name", "?")
    measure, value, kind = fact.get("measure", ""), fact.get("value"), fact.get("kind")
    if kind == "change" and "previous" in values:
        direction = values.get("direction")
        if direction == "same":
            return f"{name}: {measure} unchanged at {_number(value)}"
        return (
            f"{name}: {measure} {direction} from {_number(values['previous'])} to {_number(value)}"
        )
    if kind == "rank" and "position" in values:
        return (
            f"{name}: {measure} {_ordinal(int(values['position']))} of {values.get('of', '?')} "
            f"{_plural(values.get('peer_level', 'area'))} in {values.get('group_name', '?')} "
            f"({_number(value)})"
        )
    if kind == "record" and "direction" in values:
        word = "highest" if values["direction"] == "high" else "lowest"
        since = "on record" if values.get("on_record") else f"since {values.get('since')}"
        return f"{name}: {measure} {word} {since} ({_number(value)})"
    return f"{name}: {fact.get('id', kind)} {_number(value)}"


def _plain(value: Any) -> str:
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and value != value:  # NaN in a fact, null in its JSON
        value = None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _plural(word: str) -> str:
    """
    >>> _plural("county"), _plural("district"), _plural("trust")
    ('counties', 'districts', 'trusts')
    """
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    return word + "s"


def _number(value: Any) -> str:
    """
    >>> _number(1234.0), _number(95.55), _number(None)
    ('1,234', '95.5', '?')
    """
    if value is None:
        return "?"
    number = float(value)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.1f}"


def _ordinal(number: int) -> str:
    """
    >>> [_ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 112)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '112th']
    """
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"
