"""Change between two figures: percentage change, its direction, and the words a reporter uses.

Each filter takes the new figure first and the figure it is compared with second:
``{{ this_week|change_words(last_week) }}``.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from storygen.style.house import PA, HouseStyle
from storygen.style.numbers import as_decimal, fixed, number, percent, round_half_up, words

NOISE = Decimal("1e-10")  # a percentage change is taken to this many places before rounding
SMALLEST_SHOWN = Decimal("0.1")  # a percentage change that rounds below this is "less than 0.1%"

# Fractions a reporter names instead of a percentage, as (name, almost from, about from, about to):
# a change of at least "almost from" and under "about from" is "almost <name>"; from "about from"
# and under "about to" it is "about <name>". Compared with the percentage as printed (one decimal).
FRACTION_BANDS = (
    ("a quarter", Decimal("22.5"), Decimal("25.0"), Decimal("27.0")),
    ("a third", Decimal("30.0"), Decimal("33.3"), Decimal("36.0")),
    ("half", Decimal("45.0"), Decimal("50.0"), Decimal("53.0")),
    ("two-thirds", Decimal("63.0"), Decimal("66.7"), Decimal("70.0")),
    ("three-quarters", Decimal("72.0"), Decimal("75.0"), Decimal("78.0")),
)
HALVED = (Decimal("49.0"), Decimal("51.0"))  # a fall in this range (inclusive) "halved"
MORE_THAN_HALVED_BELOW = Decimal("60.0")  # a fall above 51% and under this "more than halved"
MULTIPLE_VERBS = {2: "doubled", 3: "trebled", 4: "quadrupled"}


def _pair(new: object, old: object, filter_name: str) -> tuple[Decimal, Decimal]:
    return as_decimal(new, filter_name), as_decimal(old, filter_name)


def _shown_percent_change(new: Decimal, old: Decimal, filter_name: str) -> Decimal:
    """The size of the change in per cent, as printed (one decimal place, no sign).

    Worked out exactly, then to 10 decimal places before it is rounded half up: a rate is a
    float, and a change that is a half in fact (78 cases against 32 in the same population,
    143.75%) must not round down for the float's last digit (143.7499999999...), nor differ
    from the change the fact records and the fact-check rounds (``pct_change``, 143.75).

    >>> str(_shown_percent_change(Decimal("46.948921980522215"), Decimal("19.26109619713732"), ""))
    '143.8'
    """
    if old == 0:
        raise ValueError(
            f"{filter_name}: no percentage change from zero (old 0, new {new}); "
            "compare the figures instead, e.g. 'up from zero'"
        )
    return round_half_up(
        denoised(_decimal(abs((Fraction(new) - Fraction(old)) / Fraction(old)) * 100)), 1
    )


def denoised(percentage: Decimal) -> Decimal:
    """A percentage change taken to ``NOISE`` (10 decimal places), where they fit Decimal's
    28 digits: what is rounded for print, here and by the fact-check.

    >>> denoised(Decimal("26.249999999999996")), denoised(Decimal("1E+20"))
    (Decimal('26.2500000000'), Decimal('1E+20'))
    """
    return percentage.quantize(NOISE) if percentage.adjusted() < 15 else percentage


def _decimal(exact: Fraction) -> Decimal:
    return Decimal(exact.numerator) / Decimal(exact.denominator)


def pct_change(new: object, old: object) -> float:
    """The percentage change from ``old`` to ``new``, signed: positive for a rise.

    Template: ``{{ 1150|pct_change(1000)|percent }}`` -> ``15.0%``

    The change is measured against the size of ``old``, so a rise is positive even from a
    negative starting figure.

    >>> pct_change(1026, 1000), pct_change(969, 1000), pct_change(5, 5)
    (2.6, -3.1, 0.0)
    >>> pct_change(12, 0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: pct_change: no percentage change from zero (old 0, new 12); compare the figures...
    """
    new_exact, old_exact = _pair(new, old, "pct_change")
    _shown_percent_change(new_exact, old_exact, "pct_change")  # rejects old == 0
    return float((Fraction(new_exact) - Fraction(old_exact)) / abs(Fraction(old_exact)) * 100)


def change_verb(new: object, old: object) -> str:
    """The past-tense verb for the direction of a change: "rose", "fell" or "was unchanged".

    Template: ``Cases {{ 120|change_verb(100) }}`` -> ``Cases rose``

    >>> change_verb(120, 100), change_verb(80, 100), change_verb(100, 100.0)
    ('rose', 'fell', 'was unchanged')
    """
    new_exact, old_exact = _pair(new, old, "change_verb")
    if new_exact > old_exact:
        return "rose"
    if new_exact < old_exact:
        return "fell"
    return "was unchanged"


def up_down(new: object, old: object) -> str:
    """The direction of a change as an adverb: "up", "down" or "unchanged".

    Template: ``{{ 120|up_down(100) }} from 100`` -> ``up from 100``

    >>> up_down(120, 100), up_down(80, 100), up_down(5, 5.0)
    ('up', 'down', 'unchanged')
    """
    return {"rose": "up", "fell": "down"}.get(change_verb(new, old), "unchanged")


def change_by(new: object, old: object, *, style: HouseStyle = PA) -> str:
    """The change as a short phrase for a list or a bracket: "up 20.5%", "down 3.1%".

    Template: ``Medway ({{ 483.2|change_by(389.5) }})`` -> ``Medway (up 24.1%)``

    A rise from zero has no percentage and is "up from zero"; a change too small to show at one
    decimal place is "up less than 0.1%"; equal figures are "unchanged". Never "up -3%".

    >>> change_by(483.2, 389.5), change_by(969, 1000), change_by(4, 4), change_by(3, 0)
    ('up 24.1%', 'down 3.1%', 'unchanged', 'up from zero')
    >>> change_by(0, 0), change_by(100001, 100000)
    ('unchanged', 'up less than 0.1%')
    """
    new_exact, old_exact = _pair(new, old, "change_by")
    direction = up_down(new_exact, old_exact)
    if direction == "unchanged":
        return direction
    if old_exact == 0:
        return f"{direction} from zero"
    return f"{direction} {_size(new_exact, old_exact, 'change_by', style)}"


def change_noun(new: object, old: object, *, style: HouseStyle = PA) -> str:
    """The change as a noun phrase: "a rise of 2.6%", "a fall of 3.1%" or "no change".

    Template: ``{{ 1026|change_noun(1000) }}`` -> ``a rise of 2.6%``

    The percentage is never signed ("a fall of 3.1%", not "a rise of -3.1%"); a change too small
    to show at one decimal place is "a rise of less than 0.1%".

    >>> change_noun(1026, 1000), change_noun(969, 1000), change_noun(7, 7)
    ('a rise of 2.6%', 'a fall of 3.1%', 'no change')
    >>> change_noun(100001, 100000)
    'a rise of less than 0.1%'
    """
    new_exact, old_exact = _pair(new, old, "change_noun")
    if new_exact == old_exact:
        return "no change"
    noun = "rise" if new_exact > old_exact else "fall"
    return f"a {noun} of {_size(new_exact, old_exact, 'change_noun', style)}"


def _size(new: Decimal, old: Decimal, filter_name: str, style: HouseStyle) -> str:
    shown = _shown_percent_change(new, old, filter_name)
    if shown < SMALLEST_SHOWN:
        return f"less than {percent(SMALLEST_SHOWN, style=style)}"
    return percent(shown, style=style)


def _fold(times: int) -> str:
    return f"{words(times)}fold" if times <= 10 else f"{times:,}-fold"


def _multiple_band(ratio: Fraction) -> tuple[str, int]:
    """("almost", n), ("", n) or ("more than", n) for a ratio of at least 1.9."""
    whole = int(ratio)
    if ratio - whole >= Fraction(9, 10):
        return "almost", whole + 1
    if ratio - whole <= Fraction(1, 10):
        return "", whole
    return "more than", whole


def _grown(ratio: Fraction) -> str:
    qualifier, times = _multiple_band(ratio)
    if times in MULTIPLE_VERBS:
        return " ".join(filter(None, (qualifier, MULTIPLE_VERBS[times])))
    return " ".join(filter(None, ("rose", qualifier, _fold(times))))


def change_words(new: object, old: object, tense: str = "past", *, style: HouseStyle = PA) -> str:
    """The verb phrase a reporter uses for the size of a change: "more than doubled".

    Template: ``Cases {{ 2300|change_words(1000) }}`` -> ``Cases more than doubled``

    ``tense="present"`` gives the headline form for a plural subject:
    ``Cases {{ 2300|change_words(1000, "present") }}`` -> ``Cases more than double``.

    Rises of 90% or more are told as multiples of the old figure (``ratio`` = new / old);
    smaller changes near a simple fraction by the fraction, judged on the percentage as printed
    to one decimal place (``p``); anything else by the percentage itself.

    =====================================  ==========================================
    band                                   words
    =====================================  ==========================================
    new == old                             was unchanged
    p rounds below 0.1                     rose / fell by less than 0.1%
    22.5 <= p < 25                         rose / fell by almost a quarter
    25 <= p < 27                           rose / fell by about a quarter
    30 <= p < 33.3                         rose / fell by almost a third
    33.3 <= p < 36                         rose / fell by about a third
    45 <= p < 50                           rose / fell by almost half
    50 <= p < 53 (rise)                    rose by about half
    49 <= p <= 51 (fall)                   halved
    51 < p < 60 (fall)                     more than halved
    63 <= p < 66.7                         rose / fell by almost two-thirds
    66.7 <= p < 70                         rose / fell by about two-thirds
    72 <= p < 75                           rose / fell by almost three-quarters
    75 <= p < 78                           rose / fell by about three-quarters
    new == 0                               fell to zero
    1.9 <= ratio < 2                       almost doubled
    2 <= ratio <= 2.1                      doubled
    2.1 < ratio < 2.9                      more than doubled
    2.9 <= ratio < 3 / 3 <= ratio <= 3.1   almost trebled / trebled
    3.1 < ratio < 3.9                      more than trebled
    3.9 <= ratio < 4 / 4 <= ratio <= 4.1   almost quadrupled / quadrupled
    4.1 < ratio < 4.9                      more than quadrupled
    n - 0.1 <= ratio < n (n >= 5)          rose almost fivefold (n-fold)
    n <= ratio <= n + 0.1                  rose fivefold; past ten in figures, "rose 12-fold"
    n + 0.1 < ratio < n + 0.9              rose more than fivefold
    otherwise                              rose / fell by 12.3%
    =====================================  ==========================================

    >>> change_words(1950, 1000), change_words(2050, 1000), change_words(2300, 1000)
    ('almost doubled', 'doubled', 'more than doubled')
    >>> change_words(3050, 1000), change_words(5400, 1000), change_words(12000, 1000)
    ('trebled', 'rose more than fivefold', 'rose 12-fold')
    >>> change_words(680, 1000), change_words(500, 1000), change_words(1320, 1000)
    ('fell by almost a third', 'halved', 'rose by almost a third')
    >>> change_words(1123, 1000), change_words(960, 1000), change_words(4, 4)
    ('rose by 12.3%', 'fell by 4.0%', 'was unchanged')
    >>> change_words(2300, 1000, "present"), change_words(680, 1000, "present")
    ('more than double', 'fall by almost a third')
    >>> change_words(5400, 1000, "present"), change_words(4, 4, "present")
    ('rise more than fivefold', 'unchanged')
    """
    if tense not in TENSES:
        raise ValueError(f"change_words: tense must be one of {', '.join(TENSES)}, got {tense!r}")
    words = _change_words(new, old, style)
    if tense == "present":
        verb, _, rest = words.partition(" ")
        if verb in ("more", "almost"):  # "more than doubled": the verb is the last word
            return words.removesuffix("d")
        return " ".join(filter(None, (PRESENT[verb], rest)))
    return words


TENSES = ("past", "present")
PRESENT = {  # past tense -> present tense for a plural subject
    "rose": "rise", "fell": "fall", "was": "", "doubled": "double", "trebled": "treble",
    "quadrupled": "quadruple", "halved": "halve",
}  # fmt: skip


def _change_words(new: object, old: object, style: HouseStyle) -> str:
    new_exact, old_exact = _pair(new, old, "change_words")
    if new_exact == old_exact:
        return "was unchanged"
    if old_exact <= 0 or new_exact < 0:
        raise ValueError(
            f"change_words: the figures must be zero or more and the old one above zero, got "
            f"new {new_exact} and old {old_exact}; use change_noun or the figures themselves"
        )
    if new_exact == 0:
        return "fell to zero"  # present: "fall to zero"
    ratio = Fraction(new_exact) / Fraction(old_exact)
    if ratio >= Fraction(19, 10):
        return _grown(ratio)
    shown = _shown_percent_change(new_exact, old_exact, "change_words")
    verb = "rose" if ratio > 1 else "fell"
    if verb == "fell" and HALVED[0] <= shown <= HALVED[1]:
        return "halved"
    if verb == "fell" and HALVED[1] < shown < MORE_THAN_HALVED_BELOW:
        return "more than halved"
    for name, almost_from, about_from, about_to in FRACTION_BANDS:
        if almost_from <= shown < about_from:
            return f"{verb} by almost {name}"
        if about_from <= shown < about_to:
            return f"{verb} by about {name}"
    return f"{verb} by {_size(new_exact, old_exact, 'change_words', style)}"


def multiple(a: object, b: object, *, style: HouseStyle = PA) -> str:
    """How many times ``b`` makes ``a``, as an adverbial: "almost twice", "three times".

    Template: ``{{ 2200|multiple(1140) }} the peak of 1,140`` -> ``almost twice the peak of 1,140``

    Bands as in ``change_words``: within 0.1 under a whole multiple is "almost", up to 0.1 over
    it is exact, beyond that "more than". Under 1.9 times the ratio is printed to one decimal
    place ("1.4 times"); equal figures are "the same as", and "about the same as" when the
    ratio rounds to 1.0. ``a`` must be at least ``b``.

    >>> multiple(2200, 1140), multiple(2280, 1140), multiple(2500, 1140)
    ('almost twice', 'twice', 'more than twice')
    >>> multiple(3400, 1140), multiple(3420, 1140), multiple(1600, 1140), multiple(5, 5)
    ('almost three times', 'three times', '1.4 times', 'the same as')
    """
    a_exact, b_exact = _pair(a, b, "multiple")
    if b_exact <= 0 or a_exact < b_exact:
        raise ValueError(
            f"multiple: compares a larger figure with a smaller one above zero, got {a_exact} "
            f"and {b_exact}; swap them or use change_words"
        )
    ratio = Fraction(a_exact) / Fraction(b_exact)
    if ratio == 1:
        return "the same as"
    if ratio < Fraction(19, 10):
        shown = fixed(_decimal(ratio), 1)
        return "about the same as" if shown == "1.0" else f"{shown} times"
    qualifier, times = _multiple_band(ratio)
    size = "twice" if times == 2 else f"{number(times, style=style)} times"
    return " ".join(filter(None, (qualifier, size)))
