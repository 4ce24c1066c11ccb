"""House-style filters: the figures, dates and phrases a reader sees in the copy."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from decimal import Decimal

import jinja2
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from storygen.style import AP, FILTER_FUNCTIONS, HOUSE_STYLES, PA, HouseStyle, filters, house_style
from storygen.style.change import change_noun, change_verb, change_words, multiple, pct_change
from storygen.style.dates import date, date_year, month_year, since, week_ending, week_to, weekday
from storygen.style.grammar import (
    a_an,
    capfirst,
    count,
    count_start,
    has_have,
    is_are,
    list_of,
    of_total,
    plural,
    possessive,
    was_were,
)
from storygen.style.numbers import fixed, millions, number, number_start, percent, rate
from storygen.style.ranking import ordinal, ranked

PER_CENT = replace(PA, name="per-cent", percent=" per cent")
OXFORD = replace(PA, name="oxford", oxford_comma=True)
NOT_FIGURES = [None, math.nan, math.inf, -math.inf, pd.NA, np.nan, "12", True, jinja2.Undefined()]


def render(template: str, style: HouseStyle = PA, **values: object) -> str:
    environment = SandboxedEnvironment(undefined=StrictUndefined)
    environment.filters.update(filters(style))
    return environment.from_string(template).render(**values)


# house styles


def test_house_style_by_name():
    assert house_style("pa") is PA
    assert house_style("AP") is AP
    assert set(HOUSE_STYLES) == {"pa", "ap"}


def test_unknown_house_style_names_the_choices():
    with pytest.raises(ValueError, match=r"unknown house style 'bbc'; choose from ap, pa"):
        house_style("bbc")


def test_house_style_rejects_unknown_month_format():
    with pytest.raises(ValueError, match="month_format 'short'"):
        HouseStyle(name="mine", month_format="short")


# numbers


@pytest.mark.parametrize(
    "value, expected",
    [
        (0, "zero"),
        (1, "one"),
        (9, "nine"),
        (10, "10"),
        (46, "46"),
        (1234, "1,234"),
        (-3, "-3"),
        (-1234, "-1,234"),
        (12.0, "12"),
        (7.0, "seven"),
        (-0.0, "zero"),
        (9.5, "9.5"),
        (1234.5, "1,234.5"),
        (Decimal("7.00"), "seven"),
        (np.int64(56_286_961), "56,286,961"),
        (np.float64(3.0), "three"),
        (10**21, "1,000,000,000,000,000,000,000"),
        (1e21, "1,000,000,000,000,000,000,000"),
    ],
)
def test_number(value, expected):
    assert number(value) == expected


@pytest.mark.parametrize("value", NOT_FIGURES, ids=repr)
def test_number_refuses_what_is_not_a_finite_figure(value):
    with pytest.raises(ValueError, match=r"^number: "):
        number(value)


def test_number_words_up_to_follows_the_house():
    assert number(10, style=replace(PA, words_up_to=10)) == "ten"
    assert number(7, style=AP) == "seven"


@pytest.mark.parametrize(
    "value, expected",
    [
        (0, "Zero"),
        (1, "One"),
        (46, "Forty-six"),
        (112, "One hundred and twelve"),
        (1234, "One thousand, two hundred and thirty-four"),
        (-3, "Minus three"),
        (12.0, "Twelve"),
    ],
)
def test_number_start(value, expected):
    assert number_start(value) == expected


def test_number_start_too_large_to_spell_asks_for_a_rewrite():
    with pytest.raises(ValueError, match="reword the sentence"):
        number_start(10**306)


@pytest.mark.parametrize(
    "value, pa, ap",
    [
        (1_200_000, "1.2 million", "1.2 million"),
        (3_000_000, "three million", "3 million"),
        (56_286_961, "56.3 million", "56.3 million"),
        (12_000_000, "12 million", "12 million"),
        (1_000_000, "one million", "1 million"),
        (1_049_999, "one million", "1 million"),
        (1_050_000, "1.1 million", "1.1 million"),
        (999_999, "999,999", "999,999"),
        (7, "seven", "seven"),
        (-1_500_000, "-1.5 million", "-1.5 million"),
        (999_950_000, "one billion", "1 billion"),
        (2_450_000_000, "2.5 billion", "2.5 billion"),
        (66_796_807.0, "66.8 million", "66.8 million"),
    ],
)
def test_millions(value, pa, ap):
    assert millions(value) == pa
    assert millions(value, style=AP) == ap


@pytest.mark.parametrize(
    "value, expected",
    [
        (24, "24.0"),
        (1964.03, "1,964.0"),
        (0.05, "0.1"),
        (0.04999, "0.0"),
        (527.25, "527.3"),
        (527.35, "527.4"),
        (9.95, "10.0"),
        (2.675, "2.7"),
        (0, "0.0"),
        (-0.04, "0.0"),
        (-2.25, "-2.3"),
        (np.float32(0.05), "0.1"),
        (Decimal("0.15"), "0.2"),
        (123_456_789.96, "123,456,790.0"),
    ],
)
def test_rate_rounds_half_up_on_the_figure_as_written(value, expected):
    assert rate(value) == expected


@pytest.mark.parametrize("value", NOT_FIGURES, ids=repr)
def test_rate_refuses_what_is_not_a_finite_figure(value):
    with pytest.raises(ValueError, match=r"^rate: "):
        rate(value)


def test_fixed():
    assert fixed(1964.034, 2) == "1,964.03"
    assert fixed(0.125, 2) == "0.13"
    assert fixed(2.5, 0) == "3"
    assert fixed(1234, 0) == "1,234"
    assert fixed(7) == "7.0"
    with pytest.raises(ValueError, match="places must be a whole number"):
        fixed(7, -1)


@pytest.mark.parametrize(
    "value, kwargs, expected",
    [
        (2.6, {}, "2.6%"),
        (5, {}, "5%"),
        (5.0, {}, "5.0%"),
        (4.96, {}, "5.0%"),
        (2.45, {}, "2.5%"),
        (12.345, {"decimals": 0}, "12%"),
        (12.5, {"decimals": 0}, "13%"),
        (2.6, {"decimals": 2}, "2.60%"),
        (-3.14, {}, "-3.1%"),
        (2.6, {"style": PER_CENT}, "2.6 per cent"),
        (5, {"style": PER_CENT}, "5 per cent"),
        (2.6, {"style": AP}, "2.6%"),
    ],
)
def test_percent(value, kwargs, expected):
    assert percent(value, **kwargs) == expected


def test_percent_refuses_nan():
    with pytest.raises(ValueError, match="^percent: cannot print nan"):
        percent(math.nan)


# change


def test_pct_change():
    assert pct_change(1026, 1000) == pytest.approx(2.6)
    assert pct_change(969, 1000) == pytest.approx(-3.1)
    assert pct_change(0, 1000) == -100.0
    assert pct_change(-5, -10) == pytest.approx(50.0)  # less negative is a rise


def test_pct_change_from_zero_says_what_to_do():
    with pytest.raises(ValueError, match="no percentage change from zero.*up from zero"):
        pct_change(12, 0)


def test_pct_change_refuses_missing_values():
    with pytest.raises(ValueError, match="^pct_change: cannot print None"):
        pct_change(None, 10)


@pytest.mark.parametrize(
    "new, old, verb, noun",
    [
        (1026, 1000, "rose", "a rise of 2.6%"),
        (969, 1000, "fell", "a fall of 3.1%"),
        (1000, 1000, "was unchanged", "no change"),
        (12.0, 12, "was unchanged", "no change"),
        (0, 1000, "fell", "a fall of 100.0%"),
        (100_001, 100_000, "rose", "a rise of less than 0.1%"),
        (99_999, 100_000, "fell", "a fall of less than 0.1%"),
        (2000, 1000, "rose", "a rise of 100.0%"),
    ],
)
def test_change_verb_and_noun(new, old, verb, noun):
    assert change_verb(new, old) == verb
    assert change_noun(new, old) == noun


def test_change_noun_follows_the_house_per_cent():
    assert change_noun(969, 1000, style=PER_CENT) == "a fall of 3.1 per cent"


def test_change_noun_from_zero_is_refused():
    with pytest.raises(ValueError, match="^change_noun: no percentage change from zero"):
        change_noun(5, 0)


@pytest.mark.parametrize(
    "new, old, expected",
    [
        (1000, 1000, "was unchanged"),
        (0, 1000, "fell to zero"),
        (1123, 1000, "rose by 12.3%"),
        (960, 1000, "fell by 4.0%"),
        (1_000_001, 1_000_000, "rose by less than 0.1%"),
        # fractions, on the percentage as printed
        (1224, 1000, "rose by 22.4%"),
        (1225, 1000, "rose by almost a quarter"),
        (1250, 1000, "rose by about a quarter"),
        (1270, 1000, "rose by 27.0%"),
        (701, 1000, "fell by 29.9%"),
        (700, 1000, "fell by almost a third"),
        (668, 1000, "fell by almost a third"),
        (667.5, 1000, "fell by about a third"),  # 33.25% prints as 33.3%
        (667, 1000, "fell by about a third"),
        (641, 1000, "fell by about a third"),
        (640, 1000, "fell by 36.0%"),
        (1300, 1000, "rose by almost a third"),
        (1330, 1000, "rose by almost a third"),
        (1340, 1000, "rose by about a third"),
        (550, 1000, "fell by almost half"),
        (511, 1000, "fell by almost half"),
        (510, 1000, "halved"),
        (500, 1000, "halved"),
        (490, 1000, "halved"),
        (489, 1000, "more than halved"),
        (401, 1000, "more than halved"),
        (400, 1000, "fell by 60.0%"),
        (1450, 1000, "rose by almost half"),
        (1500, 1000, "rose by about half"),
        (1530, 1000, "rose by 53.0%"),
        (340, 1000, "fell by almost two-thirds"),
        (333, 1000, "fell by about two-thirds"),
        (260, 1000, "fell by almost three-quarters"),
        (250, 1000, "fell by about three-quarters"),
        (100, 1000, "fell by 90.0%"),
        # multiples, on the ratio new / old
        (1899, 1000, "rose by 89.9%"),
        (1900, 1000, "almost doubled"),
        (1999, 1000, "almost doubled"),
        (2000, 1000, "doubled"),
        (2100, 1000, "doubled"),
        (2101, 1000, "more than doubled"),
        (2899, 1000, "more than doubled"),
        (2900, 1000, "almost trebled"),
        (3000, 1000, "trebled"),
        (3100, 1000, "trebled"),
        (3500, 1000, "more than trebled"),
        (3900, 1000, "almost quadrupled"),
        (4000, 1000, "quadrupled"),
        (4100, 1000, "quadrupled"),
        (4500, 1000, "more than quadrupled"),
        (4900, 1000, "rose almost fivefold"),
        (5000, 1000, "rose fivefold"),
        (7400, 1000, "rose more than sevenfold"),
        (10_000, 1000, "rose tenfold"),
        (12_000, 1000, "rose 12-fold"),
        (1_234_000, 1000, "rose 1,234-fold"),
        (6, 3, "doubled"),
    ],
)
def test_change_words_bands(new, old, expected):
    assert change_words(new, old) == expected


def test_change_words_follows_the_house_per_cent():
    assert change_words(1123, 1000, style=PER_CENT) == "rose by 12.3 per cent"


@pytest.mark.parametrize("new, old", [(5, 0), (5, -2), (-1, 5)])
def test_change_words_refuses_figures_it_cannot_describe(new, old):
    with pytest.raises(ValueError, match="^change_words: "):
        change_words(new, old)


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (1140, 1140, "the same as"),
        (1180, 1140, "about the same as"),
        (1600, 1140, "1.4 times"),
        (2200, 1140, "almost twice"),
        (2280, 1140, "twice"),
        (2394, 1140, "twice"),
        (2500, 1140, "more than twice"),
        (3400, 1140, "almost three times"),
        (3420, 1140, "three times"),
        (4000, 1140, "more than three times"),
        (11_400, 1140, "10 times"),
        (13_680, 1140, "12 times"),
    ],
)
def test_multiple(a, b, expected):
    assert multiple(a, b) == expected


@pytest.mark.parametrize("a, b", [(500, 1140), (5, 0), (math.nan, 4)])
def test_multiple_refuses_a_smaller_first_figure_zero_or_nan(a, b):
    with pytest.raises(ValueError, match="^multiple: "):
        multiple(a, b)


# ranks


@pytest.mark.parametrize(
    "position, expected",
    [
        (1, "first"),
        (2, "second"),
        (3, "third"),
        (9, "ninth"),
        (10, "10th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
        (1001, "1,001st"),
        (4.0, "fourth"),
    ],
)
def test_ordinal(position, expected):
    assert ordinal(position) == expected


@pytest.mark.parametrize("position", [0, -1, 1.5, None, math.nan])
def test_ordinal_refuses_what_is_not_a_position(position):
    with pytest.raises(ValueError, match="^ordinal: "):
        ordinal(position)


@pytest.mark.parametrize(
    "position, direction, expected",
    [
        (1, "highest", "highest"),
        (2, "highest", "second-highest"),
        (3, "highest", "third-highest"),
        (12, "highest", "12th-highest"),
        (1, "lowest", "lowest"),
        (2, "lowest", "second-lowest"),
        (315, "lowest", "315th-lowest"),
    ],
)
def test_ranked(position, direction, expected):
    assert ranked(position, direction) == expected


@pytest.mark.parametrize("direction", ["", "most deprived", 3])
def test_ranked_wants_a_one_word_direction(direction):
    with pytest.raises(ValueError, match="^ranked: direction must be one word"):
        ranked(2, direction)


# dates

MONTHS = [
    ("2021-01-05", "January 5", "Jan. 5"),
    ("2021-02-05", "February 5", "Feb. 5"),
    ("2021-03-05", "March 5", "March 5"),
    ("2021-04-05", "April 5", "April 5"),
    ("2021-05-05", "May 5", "May 5"),
    ("2021-06-05", "June 5", "June 5"),
    ("2021-07-05", "July 5", "July 5"),
    ("2021-08-05", "August 5", "Aug. 5"),
    ("2021-09-05", "September 5", "Sept. 5"),
    ("2021-10-05", "October 5", "Oct. 5"),
    ("2021-11-05", "November 5", "Nov. 5"),
    ("2021-12-05", "December 5", "Dec. 5"),
]


@pytest.mark.parametrize("iso, pa, ap", MONTHS)
def test_date_in_each_month(iso, pa, ap):
    assert date(iso) == pa
    assert date(iso, style=AP) == ap


@pytest.mark.parametrize(
    "value",
    [
        "2020-11-26",
        "2020-11-26T09:30:00",
        "2020-11-26 00:00:00",
        dt.date(2020, 11, 26),
        dt.datetime(2020, 11, 26, 23, 59),
        pd.Timestamp("2020-11-26"),
        np.datetime64("2020-11-26"),
        np.datetime64("2020-11-26T10:00:00.000000000"),
    ],
    ids=repr,
)
def test_date_reads_every_date_kind(value):
    assert date(value) == "November 26"


@pytest.mark.parametrize(
    "value", [None, pd.NaT, np.datetime64("NaT"), "26/11/2020", "2020-02-30", ""], ids=repr
)
def test_date_refuses_what_is_not_a_date(value):
    with pytest.raises(ValueError, match="^date: cannot read .* expected an ISO date"):
        date(value)


def test_date_phrases():
    assert date_year("2020-11-26") == "November 26, 2020"
    assert date_year("2020-11-26", style=AP) == "Nov. 26, 2020"
    assert month_year("2020-11-26") == "November 2020"
    assert weekday("2020-11-26") == "Thursday"
    assert week_to("2020-11-26") == "the seven days to November 26"
    assert week_to("2020-11-26", style=AP) == "the seven days to Nov. 26"
    assert week_ending("2020-11-28") == "the week ending November 28"
    assert since("2020-10-07") == "since October 7"
    assert since("2020-10-07", style=AP) == "since Oct. 7"


# grammar


@pytest.mark.parametrize(
    "n, noun, expected, start",
    [
        (1, "case", "one case", "One case"),
        (6, "area", "six areas", "Six areas"),
        (12, "area", "12 areas", "Twelve areas"),
        (1234, "case", "1,234 cases", "One thousand, two hundred and thirty-four cases"),
        (0, "death", "no deaths", "No deaths"),
        (1.0, "patient", "one patient", "One patient"),
        (2, "local authority", "two local authorities", "Two local authorities"),
        (3, "person", "three people", "Three people"),
        (1.5, "case", "1.5 cases", "One point five cases"),
    ],
)
def test_count_and_count_start(n, noun, expected, start):
    assert count(n, noun) == expected
    assert count_start(n, noun) == start


def test_count_refuses_nan():
    with pytest.raises(ValueError, match="^count: cannot print nan"):
        count(math.nan, "case")


@pytest.mark.parametrize(
    "n, forms",
    [
        (1, ("case", "is", "was", "has")),
        (0, ("cases", "are", "were", "have")),
        (2, ("cases", "are", "were", "have")),
        (["Dover"], ("case", "is", "was", "has")),
        (["Dover", "Kent"], ("cases", "are", "were", "have")),
    ],
)
def test_agreement(n, forms):
    assert (plural("case", n), is_are(n), was_were(n), has_have(n)) == forms


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("area", "an area"),
        ("rise", "a rise"),
        ("hour", "an hour"),
        ("NHS trust", "an NHS trust"),
        ("11% rise", "an 11% rise"),
        ("8.5% fall", "an 8.5% fall"),
        ("18-year-old", "an 18-year-old"),
        ("80-fold rise", "an 80-fold rise"),
        ("1,000-fold rise", "a 1,000-fold rise"),
        ("11,000", "an 11,000"),
        ("£8m fund", "an £8m fund"),
        ("1.5% rise", "a 1.5% rise"),
        (8, "an 8"),
        (100, "a 100"),
    ],
)
def test_a_an(phrase, expected):
    assert a_an(phrase) == expected


def test_a_an_refuses_an_empty_phrase():
    with pytest.raises(ValueError, match="^a_an: "):
        a_an(" ")


@pytest.mark.parametrize(
    "items, pa, oxford",
    [
        (["Ashford", "Dover", "Medway"], "Ashford, Dover and Medway", "Ashford, Dover, and Medway"),
        (["Kent", "Medway"], "Kent and Medway", "Kent and Medway"),
        (["Kent"], "Kent", "Kent"),
        (("A", "B", "C", "D"), "A, B, C and D", "A, B, C, and D"),
    ],
)
def test_list_of(items, pa, oxford):
    assert list_of(items) == pa
    assert list_of(items, style=OXFORD) == oxford
    assert list_of(iter(items)) == pa


@pytest.mark.parametrize("items", [[], (), "Kent"], ids=repr)
def test_list_of_refuses_an_empty_list_or_text(items):
    with pytest.raises(ValueError, match="^list_of: "):
        list_of(items)


@pytest.mark.parametrize(
    "n, total, expected",
    [(6, 12, "six of the 12"), (0, 5, "none of the five"), (12, 12, "all 12"), (2, 2, "both"),
     (["Dover", "Thanet"], 13, "two of the 13")],
)  # fmt: skip
def test_of_total(n, total, expected):
    assert of_total(n, total) == expected


@pytest.mark.parametrize(
    "n, total, message",
    [(1, 1, "a group of 1 has no 'of the'"), (0, 0, "a group of 0"), (13, 12, "13 is not part"),
     (-1, 12, "-1 is not part"), (float("nan"), 12, "cannot print nan")],
)  # fmt: skip
def test_of_total_refuses_what_copy_cannot_say(n, total, message):
    with pytest.raises(ValueError, match=f"^of_total: .*{message}"):
        of_total(n, total)


def test_capfirst():
    assert capfirst("more than doubled") == "More than doubled"
    assert capfirst("the NHS") == "The NHS"
    assert capfirst("12 areas") == "12 areas"
    assert capfirst("") == ""


@pytest.mark.parametrize(
    "name, pa, ap",
    [
        ("Kent", "Kent's", "Kent's"),
        ("Wales", "Wales's", "Wales'"),
        ("St Albans", "St Albans's", "St Albans'"),
        ("NHS", "NHS's", "NHS's"),
        # a plural name takes the apostrophe alone: "the East Midlands' counties"
        ("East Midlands", "East Midlands'", "East Midlands'"),
        ("Three Rivers", "Three Rivers'", "Three Rivers'"),
        ("Tower Hamlets", "Tower Hamlets'", "Tower Hamlets'"),
        ("Milton Keynes", "Milton Keynes's", "Milton Keynes'"),
    ],
)
def test_possessive(name, pa, ap):
    assert possessive(name) == pa
    assert possessive(name, style=AP) == ap


# the registry in templates


def test_filters_bind_the_house_style():
    template = (
        "{{ d|date }}; {{ areas|list_of }}; {{ n|millions }}; {{ 'Wales'|possessive }}; "
        "{{ 969|change_noun(1000) }}"
    )
    values = {"d": "2020-11-26", "areas": ["Ashford", "Dover", "Medway"], "n": 3_000_000}
    assert render(template, PA, **values) == (
        "November 26; Ashford, Dover and Medway; three million; Wales's; a fall of 3.1%"
    )
    assert render(template, AP, **values) == (
        "Nov. 26; Ashford, Dover and Medway; 3 million; Wales'; a fall of 3.1%"
    )
    assert render(template, replace(OXFORD, percent=" per cent"), **values) == (
        "November 26; Ashford, Dover, and Medway; three million; Wales's; a fall of 3.1 per cent"
    )


def test_a_sentence_from_filters():
    template = (
        "{{ areas|count_start('area') }} {{ areas|has_have }} a rate above {{ 100|rate }}. "
        "Cases in {{ area }} {{ new|change_words(old) }} in {{ day|week_to }}, "
        "{{ new|multiple(peak) }} the peak of {{ peak|number }} on {{ peak_day|date_year }}, "
        "the {{ position|ranked }} rate of {{ total|count('area') }}."
    )
    sentence = render(
        template,
        areas=["Ashford", "Dover", "Medway"],
        area="Medway",
        new=2300,
        old=1000,
        peak=1140,
        day=pd.Timestamp("2020-11-26"),
        peak_day=dt.date(2020, 4, 8),
        position=3,
        total=315,
    )
    assert sentence == (
        "Three areas have a rate above 100.0. Cases in Medway more than doubled in the seven "
        "days to November 26, twice the peak of 1,140 on April 8, 2020, the third-highest rate "
        "of 315 areas."
    )


def test_a_missing_value_stops_the_render_instead_of_printing_nothing():
    environment = jinja2.Environment()  # lenient undefined: the filter still refuses it
    environment.filters.update(filters(PA))
    with pytest.raises(ValueError, match="^number: the template passed an undefined value"):
        environment.from_string("{{ cases|number }}").render()


def test_only_count_replaces_a_jinja_builtin():
    builtins = set(jinja2.Environment().filters)
    assert set(filters(PA)) & builtins == {"count"}


def test_filters_and_filter_functions_share_names():
    assert set(filters(AP)) == set(FILTER_FUNCTIONS)


# properties


# no example database: tests write nothing to the working directory
@settings(database=None)
@given(st.integers())
def test_number_never_prints_nan_or_none(n):
    printed = number(n)
    assert "nan" not in printed.lower()
    assert "none" not in printed.lower()


@settings(database=None)
@given(st.integers().filter(lambda n: n >= 10 or n < 0))
def test_number_figures_round_trip(n):
    assert int(number(n).replace(",", "")) == n


@settings(database=None)
@given(st.integers(min_value=0, max_value=9))
def test_number_words_below_ten(n):
    assert number(n).isalpha()


@settings(database=None)
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_rate_is_within_half_a_tenth(x):
    printed = rate(x)
    assert printed.rsplit(".", 1)[1].isdigit() and len(printed.rsplit(".", 1)[1]) == 1
    assert abs(Decimal(printed.replace(",", "")) - Decimal(str(x))) <= Decimal("0.05")


@settings(database=None)
@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_change_phrases_are_never_signed(old, new):
    for phrase in (change_noun(new, old), change_words(new, old)):
        assert "-" not in phrase.replace("-fold", "").replace("two-thirds", "").replace(
            "three-quarters", ""
        )
    assert change_verb(new, old) == (
        "rose" if new > old else "fell" if new < old else "was unchanged"
    )
