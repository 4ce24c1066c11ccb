"""The house-style filters the story copy leans on, at the edges a reporter's data reaches:
zero, one, a fall, a tie, a suppressed (missing) value, names with "and" or commas in them."""

from __future__ import annotations

import math

import pytest

from storygen.style import FILTER_FUNCTIONS, filters, house_style
from storygen.style.bands import band
from storygen.style.change import change_by, change_noun, change_words, up_down
from storygen.style.dates import story_date
from storygen.style.grammar import area_name, count, count_start, list_of, plural, short_name
from storygen.style.numbers import number, number_start, rate

PA, AP = house_style("pa"), house_style("ap")
LABELS = ["0-10", "11-50", "51-100", "101-200", "201-400", "over 400"]
EDGES = [10, 50, 100, 200, 400]


@pytest.mark.parametrize(
    ("value", "words"), [(0, "zero"), (1, "one"), (9, "nine"), (10, "10"), (1234, "1,234")]
)
def test_numbers_one_to_nine_in_words_then_figures(value, words):
    assert number(value) == words


def test_a_number_opening_a_sentence_is_in_words():
    assert number_start(46) == "Forty-six"
    assert count_start(46, "case") == "Forty-six cases"
    assert count_start(1, "area") == "One area"
    assert count_start(0, "case") == "No cases"


def test_counts_agree_with_their_nouns():
    assert count(0, "case") == "no cases"
    assert count(1, "case") == "one case"
    assert count(1, "new case") == "one new case"
    assert count(2, "person") == "two people"
    assert plural("neighbourhood", 1) == "neighbourhood"


def test_rates_keep_one_decimal_and_a_trailing_zero():
    assert rate(24) == "24.0"
    assert rate(0) == "0.0"
    assert rate(1964.04) == "1,964.0"


@pytest.mark.parametrize("missing", [None, math.nan, float("inf")])
def test_a_suppressed_value_is_refused_not_printed(missing):
    for function in (number, rate):
        with pytest.raises(ValueError, match="expected a finite number"):
            function(missing)
    with pytest.raises(ValueError):
        change_by(missing, 10)


def test_a_fall_is_never_a_negative_rise():
    assert change_noun(969, 1000) == "a fall of 3.1%"
    assert change_by(969, 1000) == "down 3.1%"
    assert change_words(969, 1000) == "fell by 3.1%"
    assert up_down(969, 1000) == "down"


def test_no_change_and_changes_from_zero():
    assert change_by(0, 0) == "unchanged"
    assert change_by(5, 0) == "up from zero"
    assert change_by(0, 5) == "down 100.0%"
    assert change_words(0, 5) == "fell to zero"
    assert change_words(7, 7) == "was unchanged"
    assert change_words(7, 7, "present") == "unchanged"
    with pytest.raises(ValueError, match="no percentage change from zero"):
        change_noun(5, 0)


def test_headline_tense_for_every_band():
    assert change_words(2050, 1000, "present") == "double"
    assert change_words(1950, 1000, "present") == "almost double"
    assert change_words(500, 1000, "present") == "halve"
    assert change_words(450, 1000, "present") == "more than halve"
    assert change_words(1123, 1000, "present") == "rise by 12.3%"
    assert change_words(0, 10, "present") == "fall to zero"
    with pytest.raises(ValueError, match="tense"):
        change_words(1, 2, "future")


def test_lists_stay_unambiguous_when_names_have_and_or_commas():
    assert list_of(["Ashford", "Dover"]) == "Ashford and Dover"
    assert list_of(["Ashford", "Folkestone and Hythe"]) == "Ashford, and Folkestone and Hythe"
    assert (
        list_of(["Dover", "Tonbridge and Malling", "Swale"])
        == "Dover, Tonbridge and Malling, and Swale"
    )
    # an "and" further back is parted from the last by commas already
    assert (
        list_of(["Tonbridge and Malling", "Dover", "Swale"])
        == "Tonbridge and Malling, Dover and Swale"
    )
    assert list_of(["Ditton (333.3)", "Hoath, Hersden & Littlebourne (583.7)"]) == (
        "Ditton (333.3) and Hoath, Hersden & Littlebourne (583.7)"
    )
    with pytest.raises(ValueError, match="empty"):
        list_of([])


def test_dates_carry_the_year_only_when_it_differs():
    assert story_date("2020-10-07", "2020-11-25") == "October 7"
    assert story_date("2020-09-29", "2021-03-03") == "September 29, 2020"
    assert story_date("2020-11-26", "2020-11-26", style=AP) == "Nov. 26"


def test_names_as_readers_know_them():
    assert area_name("Bristol, City of") == "Bristol"
    assert area_name("St. Helens") == "St. Helens"
    assert short_name("Dartford and Gravesham NHS Trust") == "Dartford and Gravesham"
    assert short_name("Medway NHS Foundation Trust") == "Medway"


def test_bands_include_their_top_edge():
    assert band(50, EDGES, LABELS) == "11-50"
    assert band(50.1, EDGES, LABELS) == "51-100"
    assert band(10_000, EDGES, LABELS) == "over 400"
    with pytest.raises(ValueError):
        band(math.nan, EDGES, LABELS)


def test_ap_style_is_a_choice_of_the_same_filters():
    pa, ap = filters(PA), filters(AP)
    assert pa["date"]("2021-01-12") == "January 12"
    assert ap["date"]("2021-01-12") == "Jan. 12"
    assert ap["story_date"]("2020-12-23", "2021-01-12") == "Dec. 23, 2020"


def test_every_filter_has_a_doctest_example():
    for name, function in FILTER_FUNCTIONS.items():
        assert function.__doc__ and ">>>" in function.__doc__, name
