"""Change facts: week-on-week figures, multiples and streaks, checked by hand on the real data."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import real_panels as real
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from storygen.rules.change import _streaks

BOSTON, MEDWAY, KENT = "E07000136", "E06000035", "E10000016"


def test_boston_rate_and_cases_match_a_hand_computation():
    facts = real.facts("covid-cases", "2020-11-25")
    rate, cases = facts[f"change.rate.{BOSTON}"], facts[f"change.cases.{BOSTON}"]
    assert (real.week_cases(BOSTON, "2020-11-25"), real.week_cases(BOSTON, "2020-11-18")) == (
        370,
        307,
    )
    assert (cases.value, cases.values["previous"]) == (370, 307)
    assert round(rate.value, 1) == 527.3 and round(rate.values["previous"], 1) == 437.5
    assert rate.values["direction"] == "up"
    assert rate.values["ratio"] == cases.values["ratio"] == 370 / 307
    assert round(rate.values["pct_change"], 1) == 20.5
    # the rate per head says the same as the count: the count is marked as its repeat
    assert cases.repeats == rate.id and rate.repeats is None


def test_medway_has_risen_for_ten_weeks_running():
    """Weekly rates to November 25 going back: 483.2, 389.5, ..., 16.2, 7.5, then 8.3."""
    rates = []
    for weeks in range(12):
        end = (date(2020, 11, 25) - timedelta(days=7 * weeks)).isoformat()
        rates.append(round(real.week_rate(MEDWAY, end), 1))
    rises = next(n for n in range(len(rates) - 1) if rates[n] <= rates[n + 1])
    assert rises == 10
    fact = real.facts("covid-cases", "2020-11-25")[f"change.rate.{MEDWAY}"]
    assert fact.values["streak"] == 10
    assert fact.values["streak_from"] == "2020-09-16"


def test_kent_county_is_the_sum_of_its_districts():
    districts = [r["lad19_cd"] for r in real.lookup() if r["utla19_cd"] == KENT]
    assert len(districts) == 12
    fact = real.facts("covid-cases", "2020-11-25")[f"change.cases.{KENT}"]
    assert fact.value == sum(real.week_cases(code, "2020-11-25") for code in districts)
    assert fact.values["previous"] == sum(real.week_cases(c, "2020-11-18") for c in districts)


def test_trust_beds_on_december_23():
    facts = real.facts("hospital-patients", "2020-12-23")
    for code, beds in {"RVV": 364, "RPA": 227, "RWF": 253, "RN7": 168}.items():
        fact = facts[f"change.patients.{code}"]
        assert fact.value == beds == real.beds()[code, "2020-12-23"]
        assert fact.values["previous"] == real.beds()[code, "2020-12-16"]


def test_a_move_in_small_counts_is_marked_as_likely_chance():
    frame = real.rule_frame("hospital-patients", "change", "2020-12-23", measures=["patients"])
    small = frame.set_index("area").loc["DE802"]  # Arbury Court: 7 patients after 1
    assert (small["value"], small["previous"]) == (7, 1)
    assert round(small["surprise"], 2) == round(6 / np.sqrt(8), 2)


def test_neighbourhood_changes_skip_suppressed_weeks():
    frame = real.rule_frame("covid-hotspots", "change", "2020-11-14", measures=["cases"])
    assert frame["previous"].notna().all() and frame["value"].notna().all()
    rows = [r for r in real.msoa_rows() if r["date"] in ("2020-11-07", "2020-11-14")]
    both = {}
    for row in rows:
        both.setdefault(row["areaCode"], {})[row["date"]] = row["newCasesBySpecimenDateRollingSum"]
    published = {
        code
        for code, weeks in both.items()
        if all(weeks.get(d) for d in ("2020-11-07", "2020-11-14"))
    }
    assert set(frame["area"]) == published


def naive_streaks(row: list[float]) -> int:
    moves = [np.sign(b - a) for a, b in zip(row, row[1:], strict=False)]
    if not moves or np.isnan(moves[-1]) or moves[-1] == 0:
        return 0
    count = 0
    for move in reversed(moves):
        if move != moves[-1]:
            break
        count += 1
    return count


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(2, 8)),
              elements=st.one_of(st.integers(0, 5).map(float), st.just(np.nan))))  # fmt: skip
def test_a_streak_counts_the_moves_the_same_way_back_from_the_latest(values):
    dates = pd.date_range("2020-09-02", periods=values.shape[1], freq="7D")
    streak, since = _streaks(values, dates)
    for row, found, start in zip(values, streak, since, strict=True):
        assert found == naive_streaks(list(row))
        if found:
            assert start == dates[len(dates) - 1 - found].strftime("%Y-%m-%d")
        else:
            assert start is None
