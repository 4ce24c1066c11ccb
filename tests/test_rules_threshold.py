"""Threshold facts: bands and targets declared in the narrative, crossings and counts."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
import real_panels as real
from hypothesis import given, settings
from hypothesis import strategies as st

from storygen import narrative as narratives
from storygen.errors import NarrativeError
from storygen.rules.threshold import _bands

MEDWAY, KENT = "E06000035", "E10000016"
LABELS = ["0-10", "11-50", "51-100", "101-200", "201-400", "over 400"]
#: the rate bands the covid-cases narrative declares, which the real-data tests work out by hand
CASE_BANDS = narratives.load("covid-cases").facts["threshold"]["bands"]["rate"]
CASE_EDGES = CASE_BANDS["edges"]


def test_the_case_rate_bands_go_above_400_for_the_omicron_weeks():
    """Every area of Kent and Medway was over 400 from December 2021 into February 2022, most
    over 1,600: the bands above 400 keep their band facts telling the areas apart."""
    assert CASE_EDGES[:5] == [10, 50, 100, 200, 400] and CASE_EDGES[5:] == [800, 1600]
    assert CASE_BANDS["labels"][-3:] == ["401-800", "801-1,600", "over 1,600"]
    facts = real.facts("covid-cases", "2022-01-05")
    kent = facts["threshold.rate.band-district-count.kent-and-medway"].values
    assert kent["below_400"] == 0 and 0 < kent["below_1600"] < kent["of"] == 13


def test_medway_crossed_above_400_on_november_19():
    daily = {}
    for n in range(10):
        day = (date(2020, 11, 25) - timedelta(days=n)).isoformat()
        daily[day] = round(real.week_rate(MEDWAY, day), 1)
    assert daily["2020-11-18"] <= 400 < min(v for d, v in daily.items() if d >= "2020-11-19")
    fact = real.facts("covid-cases", "2020-11-25")[f"threshold.rate.band.{MEDWAY}"]
    v = fact.values
    assert (fact.value, v["band_label"], v["previous_band_label"]) == (483.2, "401-800", "201-400")
    assert v["crossed"] == "up" and v["bands_moved"] == 1 and not v["top_band"]
    assert v["in_band_since"] == "2020-11-19" and v["days_in_band"] == 6


def test_only_two_areas_are_below_the_easing_target():
    """Sevenoaks 24.0 and Tunbridge Wells 20.2 in the seven days to March 3, 2021."""
    facts = real.facts("covid-cases", "2021-03-03")
    patch = facts["threshold.rate.target-easing-district-count.kent-and-medway"]
    assert (patch.values["count_met"], patch.values["of"]) == (2, 13)
    assert patch.values["met_names"] == ["Sevenoaks", "Tunbridge Wells"]
    assert patch.values["side"] == "below" and patch.values["target"] == 25
    kent = facts[f"threshold.rate.target-easing-district-count.{KENT}"]
    assert (kent.values["count_met"], kent.values["of"]) == (2, 12)
    assert kent.subject.name == "Kent" and patch.subject.type == "patch"
    sevenoaks = facts["threshold.rate.target-easing.E07000111"]
    assert sevenoaks.value == 24.0 and sevenoaks.values["met"]
    assert round(sevenoaks.values["gap"], 1) == -1.0


def test_band_counts_add_up_to_the_group():
    facts = real.facts("covid-cases", "2020-11-25")
    england = facts["threshold.rate.band-district-count.E92000001"]
    assert sum(england.values["counts"]) == england.values["of"] == 315
    by_hand = [0] * (len(CASE_EDGES) + 1)
    for code in real.districts_with_cases():
        rate = real.week_rate(code, "2020-11-25")
        if rate is not None:
            by_hand[int(np.searchsorted(CASE_EDGES, round(rate, 1)))] += 1
    assert england.values["counts"] == by_hand
    assert england.value == by_hand[-1]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.floats(0, 1000, allow_nan=False).map(lambda x: round(x, 1)), min_size=2, max_size=20
    )
)
def test_bands_and_crossings_agree_with_the_edges(values):
    edges = np.array([10.0, 50, 100, 200, 400])
    bands = _bands(np.array(values), edges)
    lower = np.concatenate([[-np.inf], edges])[bands]
    upper = np.concatenate([edges, [np.inf]])[bands]
    assert ((lower < values) & (values <= upper)).all()
    for before, after, b1, b2 in zip(values, values[1:], bands, bands[1:], strict=False):
        # moving from one band to another passes exactly that many edges, each of which
        # belongs to the band below it
        low, high = min(before, after), max(before, after)
        passed = sum(low <= edge < high for edge in edges)
        assert abs(b2 - b1) == passed
        assert (b2 > b1) == (passed > 0 and after > before)


def test_a_band_with_the_wrong_number_of_labels_names_the_narrative():
    from storygen.detect import detect

    narrative, built = real.panel("covid-cases")
    broken = narrative.__class__(**{**narrative.__dict__, "facts": {
        "threshold": {"bands": {"rate": {"edges": [10, 50], "labels": ["low", "high"]}}}}})  # fmt: skip
    with pytest.raises(
        NarrativeError, match=r"facts.threshold: bands.rate has 2 edges so needs 3 labels"
    ):
        detect(broken, built, pd.Timestamp("2020-11-25"))


def test_a_target_set_for_kent_and_medway_is_theirs_alone():
    """The easing target is declared ``within`` Kent and Medway: Torridge, in Devon, fell
    from 29.3 to 24.9 on October 20, 2020 and has no target fact (its story would have
    credited Kent with its target); the counts are of Kent, Medway's and the patch's areas
    only, not of the South East or England, which reach outside."""
    facts = real.facts("covid-cases", "2020-10-20")
    targets = [fact for key, fact in facts.items() if ".target-easing" in key]
    assert "threshold.rate.target-easing.E07000046" not in facts  # Torridge
    assert "threshold.rate.target-easing.E07000111" in facts  # Sevenoaks
    kent_and_medway = set(
        real.panel("covid-cases")[1].inside([KENT, MEDWAY]).loc[lambda s: s].index
    )
    counted = {fact.subject.code for fact in targets if fact.key.endswith("-count")}
    assert counted == {KENT, "kent-and-medway"}
    assert {fact.subject.code for fact in targets if not fact.key.endswith("-count")} <= (
        kent_and_medway
    )


@pytest.mark.parametrize("within", ["E10000016", [], [3]])
def test_a_target_within_that_is_not_a_list_of_codes_names_the_narrative(within):
    from storygen.detect import detect

    narrative, built = real.panel("covid-cases")
    target = {"name": "easing", "measure": "rate", "value": 25, "side": "below", "within": within}
    broken = narrative.__class__(
        **{**narrative.__dict__, "facts": {"threshold": {"targets": [target]}}}
    )
    with pytest.raises(
        NarrativeError, match=r"facts.threshold: target 'easing': within is a list of the area"
    ):
        detect(broken, built, pd.Timestamp("2020-11-25"))


def test_a_band_count_says_how_many_areas_are_under_each_edge():
    """ "Six of the seven council areas in Leicestershire had rates below 50" (April 15,
    2021): the band counts say how many are under each edge, worked out here from the CSV."""
    facts = real.facts("covid-cases", "2021-04-15")
    county = "E10000018"  # Leicestershire
    fact = facts[f"threshold.rate.band-district-count.{county}"]
    rates = [
        round(real.week_rate(row["lad19_cd"], "2021-04-15"), 1)
        for row in real.lookup()
        if row["utla19_cd"] == county and row["lad19_cd"] != county
    ]
    assert fact.values["of"] == len(rates) == 7
    for edge in CASE_EDGES:
        assert fact.values[f"below_{edge}"] == sum(rate < edge for rate in rates)
    assert fact.values["below_50"] == 6


def test_a_band_count_says_how_many_areas_crossed_each_edge_in_the_week():
    """ "Seven areas of Kent and Medway rise above 400" (July 21, 2021): the band counts say
    how many areas went above and fell below each edge since the week before, worked out
    here from the CSV."""
    facts = real.facts("covid-cases", "2021-07-21")
    fact = facts["threshold.rate.band-district-count.kent-and-medway"]
    pairs = _kent_and_medway_rates("2021-07-14", "2021-07-21")
    assert fact.values["of"] == len(pairs) == 13
    for edge in CASE_EDGES:
        rose = sum(then < edge <= now for then, now in pairs)
        fell = sum(now < edge <= then for then, now in pairs)
        assert (fact.values[f"rose_above_{edge}"], fact.values[f"fell_below_{edge}"]) == (
            rose,
            fell,
        )
    assert fact.values["rose_above_400"] == 7 and fact.values["fell_below_400"] == 0


def test_a_target_count_says_how_many_areas_met_and_missed_it_in_the_week():
    """On March 3, 2021 Sevenoaks and Tunbridge Wells were below the easing target of 25;
    the Kent and Medway count says how many of them got there that week, and how many went
    back above it, worked out here from the CSV."""
    facts = real.facts("covid-cases", "2021-03-03")
    patch = facts["threshold.rate.target-easing-district-count.kent-and-medway"]
    pairs = _kent_and_medway_rates("2021-02-24", "2021-03-03")
    met = sum(then >= 25 > now for then, now in pairs)
    missed = sum(now >= 25 > then for then, now in pairs)
    assert (patch.values["count_newly_met"], patch.values["count_newly_missed"]) == (met, missed)
    assert patch.values["count_met"] - patch.values["previous_count_met"] == met - missed


def _kent_and_medway_rates(week_before: str, as_of: str) -> list[tuple[float, float]]:
    """Each of Kent's 12 districts' and Medway's seven-day rates (to one decimal place, as
    printed) a week before ``as_of`` and on it, from the CSVs."""
    return [
        (round(real.week_rate(code, week_before), 1), round(real.week_rate(code, as_of), 1))
        for code in (row["lad19_cd"] for row in real.lookup() if row["utla19_cd"] in (KENT, MEDWAY))
    ]
