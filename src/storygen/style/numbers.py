"""Numbers in copy: words or figures, millions, rates and percentages.

Every filter here refuses a missing or non-finite value (None, nan, inf, pandas NA) with a
ValueError rather than print "nan" in a story. Floats are read by their shortest repr, so a
value rounds as a reader would expect from the figure itself: 0.05 -> 0.1, 527.25 -> 527.3.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from functools import lru_cache
from math import isfinite
from numbers import Integral, Rational, Real

from jinja2 import Undefined
from num2words import num2words

from storygen.style.house import PA, HouseStyle


def as_decimal(value: object, filter_name: str) -> Decimal:
    """The exact decimal a figure stands for; ValueError for None, nan, inf, text, bool, undefined.

    >>> as_decimal(0.05, "rate")
    Decimal('0.05')
    >>> as_decimal(float("nan"), "rate")
    Traceback (most recent call last):
    ...
    ValueError: rate: cannot print nan; expected a finite number
    >>> from jinja2 import StrictUndefined
    >>> as_decimal(StrictUndefined(name="no_such_figure"), "rate")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: rate: the template passed an undefined value: 'no_such_figure' is undefined (...)
    """
    kind = type(value)  # floats and ints first, told by their type: every figure comes here
    if kind is float and isfinite(value):
        return float_decimal(value)
    if kind is int:
        return Decimal(value)
    if isinstance(value, Undefined):
        raise ValueError(
            f"{filter_name}: the template passed an undefined value: "
            f"{value._undefined_message} (a misspelt variable, or a value the fact does not have?)"
        )
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool) or not isinstance(value, Real):
        result = Decimal("NaN")
    elif isinstance(value, Integral):
        result = Decimal(int(value))
    elif isinstance(value, Rational):
        with localcontext() as context:
            context.prec = 40
            result = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        try:  # str() of a float (numpy's too) is its shortest round-trip form
            result = Decimal(str(value))
        except InvalidOperation:
            result = Decimal(repr(float(value)))
    if not result.is_finite():
        raise ValueError(f"{filter_name}: cannot print {value!r}; expected a finite number")
    return result


@lru_cache(maxsize=1024)
def words(whole: int, to: str = "cardinal") -> str:
    """A whole number in words, "seven" (``to="ordinal"``: "seventh"); each worked out once,
    as copy spells the same few thousands of times a run.

    >>> words(7), words(46), words(3, to="ordinal")
    ('seven', 'forty-six', 'third')
    """
    return str(num2words(whole, lang="en", to=to))


def float_decimal(value: float) -> Decimal:
    """A finite float as the exact decimal of its shortest round-trip form, as ``str`` gives
    it; each worked out once, as a run prints and checks the same figures again and again.

    >>> float_decimal(527.25), float_decimal(0.0), float_decimal(-0.0)
    (Decimal('527.25'), Decimal('0.0'), Decimal('-0.0'))
    """
    return _float_decimal(value) if value else Decimal(repr(value))  # a cache has -0.0 == 0.0


@lru_cache(maxsize=65536)
def _float_decimal(value: float) -> Decimal:
    return Decimal(repr(value))


def round_half_up(value: Decimal, places: int) -> Decimal:
    """``value`` rounded half away from zero to ``places`` decimal places, trailing zeros kept.

    >>> round_half_up(Decimal("527.25"), 1)
    Decimal('527.3')
    >>> round_half_up(Decimal("-2.5"), 0)
    Decimal('-3')
    """
    with localcontext() as context:
        context.prec = max(28, value.adjusted() + places + 2)
        rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded  # never "-0.0"


def _whole(value: Decimal) -> int | None:
    return int(value) if value == value.to_integral_value() else None


def _figures(value: Decimal) -> str:
    return f"{value:,f}"


def number(value: object, *, zero: str | None = None, style: HouseStyle = PA) -> str:
    """A number as copy prints it: words from zero to nine, then figures with commas.

    Template: ``{{ 7|number }}`` -> ``seven``

    Whole floats count as whole numbers; other fractions print as figures, digits as given
    (9.5 -> "9.5"): use ``rate`` or ``fixed`` to round them. ``zero``, when given, is the
    word for nought where "zero" would not be said: ``against {{ x|number(zero="none") }} a
    week earlier``.

    >>> number(7)
    'seven'
    >>> number(0)
    'zero'
    >>> number(10), number(1234), number(-3), number(12.0), number(9.5)
    ('10', '1,234', '-3', '12', '9.5')
    >>> number(0, zero="none"), number(0.0, zero="none"), number(4, zero="none")
    ('none', 'none', 'four')
    >>> number(None)
    Traceback (most recent call last):
    ...
    ValueError: number: cannot print None; expected a finite number
    """
    exact = as_decimal(value, "number")
    whole = _whole(exact)
    if whole is None:
        return _figures(exact)
    if whole == 0 and zero is not None:
        return zero
    if 0 <= whole <= style.words_up_to:
        return words(whole)
    return f"{whole:,}"


def number_start(value: object) -> str:
    """A number to open a sentence: always in words, capitalised, UK "and".

    Template: ``{{ 46|number_start }} areas saw a rise.`` -> ``Forty-six areas saw a rise.``

    >>> number_start(46)
    'Forty-six'
    >>> number_start(112)
    'One hundred and twelve'
    >>> number_start(1234)
    'One thousand, two hundred and thirty-four'
    >>> number_start(-3), number_start(2.5)
    ('Minus three', 'Two point five')
    """
    exact = as_decimal(value, "number_start")
    whole = _whole(exact)
    try:
        spelt = num2words(exact if whole is None else whole, lang="en")
    except OverflowError:
        raise ValueError(
            f"number_start: {value!r} is too large to write in words; "
            "reword the sentence so it does not open with the figure"
        ) from None
    return spelt[:1].upper() + spelt[1:]


def millions(value: object, *, style: HouseStyle = PA) -> str:
    """A large number in millions (or billions) to one decimal place; smaller ones as ``number``.

    Template: ``{{ 56286961|millions }}`` -> ``56.3 million``

    A whole number of millions drops the ".0" and, in PA style, is a word up to nine.

    >>> millions(1_200_000), millions(3_000_000), millions(56_286_961)
    ('1.2 million', 'three million', '56.3 million')
    >>> millions(999_999), millions(2_450_000_000), millions(999_960_000)
    ('999,999', '2.5 billion', 'one billion')
    >>> from storygen.style.house import AP
    >>> millions(3_000_000, style=AP)
    '3 million'
    """
    exact = as_decimal(value, "millions")
    if abs(exact) < 1_000_000:
        return number(exact, style=style)
    unit, amount = "million", round_half_up(exact.scaleb(-6), 1)
    if abs(amount) >= 1000:
        unit, amount = "billion", round_half_up(exact.scaleb(-9), 1)
    whole = _whole(amount)
    if whole is None:
        return f"{_figures(amount)} {unit}"
    if style.million_words:
        return f"{number(whole, style=style)} {unit}"
    return f"{whole:,} {unit}"


def fixed(value: object, places: int = 1) -> str:
    """A number rounded half-up to ``places`` decimal places, trailing zeros kept, with commas.

    Template: ``{{ 1964.034|fixed(2) }}`` -> ``1,964.03``

    >>> fixed(1964.034, 2), fixed(2.5, 0), fixed(7, 1), fixed(-0.04, 1)
    ('1,964.03', '3', '7.0', '0.0')
    """
    if isinstance(places, bool) or not isinstance(places, int) or places < 0:
        raise ValueError(f"fixed: places must be a whole number 0 or more, got {places!r}")
    return _figures(round_half_up(as_decimal(value, "fixed"), places))


def rate(value: object) -> str:
    """A rate (per 100,000 people and the like) to one decimal place, trailing zero kept.

    Template: ``{{ 1964.03|rate }} per 100,000`` -> ``1,964.0 per 100,000``

    >>> rate(24), rate(1964.03), rate(0.05), rate(527.25), rate(9.95)
    ('24.0', '1,964.0', '0.1', '527.3', '10.0')
    """
    return _figures(_printed_rate(value))


def _printed_rate(value: object) -> Decimal:
    """A rate as ``rate`` prints it: to one decimal place."""
    return round_half_up(as_decimal(value, "rate"), 1)


def rate_below(value: object, line: object) -> bool:
    """Template test: whether a rate as printed (one decimal place) is below a line, so that
    copy never says "fell below 10" of a rate it prints as 10.0.

    Template: ``areas|selectattr("rate", "rate_below", 400)``

    >>> rate_below(399.94, 400), rate_below(399.96, 400), rate_below(400.2, 400)
    (True, False, False)
    """
    return _printed_rate(value) < as_decimal(line, "rate")


def rate_at(value: object, line: object) -> bool:
    """Template test: whether a rate as printed (one decimal place) is the line itself
    ("400.0" against 400), which copy says "at or above", not "above".

    >>> rate_at(399.96, 400), rate_at(400.04, 400), rate_at(400.06, 400)
    (True, True, False)
    """
    return _printed_rate(value) == as_decimal(line, "rate")


def percent(value: object, *, decimals: int | None = None, style: HouseStyle = PA) -> str:
    """A percentage, always in figures, with the house's per cent sign.

    Template: ``{{ 2.6|percent }}`` -> ``2.6%``

    A fraction rounds half-up to one decimal place (trailing zero kept, "5.0%"); a whole-number
    type (int) prints without decimals ("5%"); ``decimals`` sets the places for any value.

    >>> percent(2.6), percent(5), percent(4.96), percent(12.345, decimals=0)
    ('2.6%', '5%', '5.0%', '12%')
    >>> from dataclasses import replace
    >>> percent(2.6, style=replace(PA, percent=" per cent"))
    '2.6 per cent'
    """
    exact = as_decimal(value, "percent")
    if decimals is None:
        decimals = 0 if isinstance(value, Integral) else 1
    if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise ValueError(f"percent: decimals must be a whole number 0 or more, got {decimals!r}")
    return _figures(round_half_up(exact, decimals)) + style.percent
