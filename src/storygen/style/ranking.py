"""Ranks: ordinals and places in a league table ("the third-highest rate")."""

from __future__ import annotations

from storygen.style.house import PA, HouseStyle
from storygen.style.numbers import as_decimal, words


def _position(value: object, filter_name: str) -> int:
    exact = as_decimal(value, filter_name)
    if exact != exact.to_integral_value() or exact < 1:
        raise ValueError(f"{filter_name}: a position must be a whole number from 1, got {value!r}")
    return int(exact)


def _suffix(position: int) -> str:
    if position % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(position % 10, "th")


def ordinal(position: object, *, style: HouseStyle = PA) -> str:
    """An ordinal: words from first to ninth, then figures with a suffix ("10th", "21st").

    Template: ``the {{ 3|ordinal }} week`` -> ``the third week``

    >>> ordinal(1), ordinal(2), ordinal(9), ordinal(10), ordinal(21), ordinal(112), ordinal(1001)
    ('first', 'second', 'ninth', '10th', '21st', '112th', '1,001st')
    """
    whole = _position(position, "ordinal")
    if whole <= style.words_up_to:
        return words(whole, to="ordinal")
    return f"{whole:,}{_suffix(whole)}"


def ranked(position: object, direction: str = "highest", *, style: HouseStyle = PA) -> str:
    """A place in a ranking as a hyphenated compound adjective: "second-highest".

    Template: ``the {{ 12|ranked }} rate`` -> ``the 12th-highest rate``

    ``direction`` is the superlative ranked by: "highest", "lowest", "largest"...

    >>> ranked(1), ranked(2), ranked(3, "lowest"), ranked(12), ranked(23, "lowest")
    ('highest', 'second-highest', 'third-lowest', '12th-highest', '23rd-lowest')
    """
    if not isinstance(direction, str) or not direction.isalpha():
        raise ValueError(
            f"ranked: direction must be one word such as 'highest' or 'lowest', got {direction!r}"
        )
    whole = _position(position, "ranked")
    if whole == 1:
        return direction
    return f"{ordinal(whole, style=style)}-{direction}"
