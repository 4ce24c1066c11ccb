"""House style as Jinja2 template filters: numbers, dates, ranks, changes, lists and plurals.

Every figure in a story reaches the copy through one of these filters. ``FILTER_FUNCTIONS``
maps each template-facing name to its plain function; ``filters(style)`` gives the same
registry with the house style bound, ready for ``environment.filters.update(...)``::

    environment.filters.update(filters(house_style("pa")))

A filter takes the value a template pipes into it first (``{{ cases|number }}``), then its
arguments (``{{ new|change_words(old) }}``). Filters whose output depends on the house style
take it as the keyword ``style``; the others ignore house style altogether.

``count`` replaces Jinja's built-in ``count`` (an alias of ``length``, which stays available).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import partial
from typing import Any

from storygen.style import bands, change, dates, grammar, numbers, ranking
from storygen.style.house import AP, HOUSE_STYLES, PA, HouseStyle, house_style

FILTER_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "number": numbers.number,
    "number_start": numbers.number_start,
    "millions": numbers.millions,
    "rate": numbers.rate,
    "fixed": numbers.fixed,
    "percent": numbers.percent,
    "pct_change": change.pct_change,
    "change_verb": change.change_verb,
    "change_noun": change.change_noun,
    "change_words": change.change_words,
    "up_down": change.up_down,
    "change_by": change.change_by,
    "multiple": change.multiple,
    "ordinal": ranking.ordinal,
    "ranked": ranking.ranked,
    "date": dates.date,
    "date_year": dates.date_year,
    "month_year": dates.month_year,
    "weekday": dates.weekday,
    "week_to": dates.week_to,
    "week_ending": dates.week_ending,
    "since": dates.since,
    "story_date": dates.story_date,
    "count": grammar.count,
    "count_start": grammar.count_start,
    "of_total": grammar.of_total,
    "plural": grammar.plural,
    "is_are": grammar.is_are,
    "was_were": grammar.was_were,
    "has_have": grammar.has_have,
    "a_an": grammar.a_an,
    "list_of": grammar.list_of,
    "capfirst": grammar.capfirst,
    "possessive": grammar.possessive,
    "place": grammar.place,
    "area_name": grammar.area_name,
    "short_name": grammar.short_name,
    "band": bands.band,
}


def takes_style(function: Callable[..., Any]) -> bool:
    """Whether a filter's output depends on the house style (it has a ``style`` keyword).

    >>> takes_style(numbers.number), takes_style(numbers.rate)
    (True, False)
    """
    return "style" in inspect.signature(function).parameters


def filters(style: HouseStyle = PA) -> dict[str, Callable[..., Any]]:
    """The template filters with ``style`` bound, keyed by their template-facing names.

    >>> pa, ap = filters(house_style("pa")), filters(house_style("ap"))
    >>> pa["date"]("2020-11-26"), ap["date"]("2020-11-26"), pa["rate"](24)
    ('November 26', 'Nov. 26', '24.0')
    """
    return {
        name: partial(function, style=style) if takes_style(function) else function
        for name, function in FILTER_FUNCTIONS.items()
    }


__all__ = ["AP", "FILTER_FUNCTIONS", "HOUSE_STYLES", "PA", "HouseStyle", "filters", "house_style"]
