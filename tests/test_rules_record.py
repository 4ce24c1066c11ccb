"""Record facts: highest or lowest on record, or since a date (the last time a figure was
this high), checked by hand on the real data and by property."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import real_panels as real
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from storygen.rules.record import _records

BOSTON = "E07000136"
KENT_AND_MEDWAY = ["E07000105", "E07000106", "E07000107", "E07000108", "E07000112", "E07000109",
                   "E07000110", "E07000111", "E07000113", "E07000114", "E07000115", "E07000116",
                   "E06000035"]  # fmt: skip


def weekly_rates(code: str, end: str) -> dict[str, float]:
    """Every seven-day rate from the first full week of data to ``end``, by day."""
    rates = {}
    day = date(2020, 9, 7)
    while day <= date.fromisoformat(end):
        rate = real.week_rate(code, day.isoformat())
        if rate is not None:
            rates[day.isoformat()] = round(rate, 1)
        day += timedelta(days=1)
    return rates


def test_boston_is_at_its_highest_on_record():
    rates = weekly_rates(BOSTON, "2020-11-25")
    assert rates["2020-11-25"] == 527.3
    earlier = {day: rate for day, rate in rates.items() if day < "2020-11-25"}
    assert max(earlier.values()) < 527.3
    fact = real.facts("covid-cases", "2020-11-25")[f"record.rate.{BOSTON}"]
    assert fact.values["direction"] == "high" and fact.values["on_record"]
    assert fact.values["first_date"] == "2020-09-07"
    assert fact.values["previous_record"] == max(earlier.values())
    assert fact.values["previous_record_date"] == max(earlier, key=earlier.get)


def test_each_patch_record_is_the_last_time_the_rate_was_this_high_or_low():
    facts = real.facts("covid-cases", "2021-03-03")
    checked = 0
    for code in KENT_AND_MEDWAY:
        fact = facts.get(f"record.rate.{code}")
        if fact is None:
            continue
        rates = weekly_rates(code, "2021-03-03")
        now = rates.pop("2021-03-03")
        high = fact.values["direction"] == "high"

        def beyond(rate: float, now: float = now, high: bool = high) -> bool:
            return rate >= now if high else rate <= now

        if fact.values["on_record"]:
            assert not any(beyond(r) for r in rates.values())
        else:
            last = max(day for day, rate in rates.items() if beyond(rate))
            assert fact.values["since"] == last
            assert fact.values["since_value"] == rates[last]
        checked += 1
    assert checked >= 5  # the others are at a high or low of under 14 days: no record fact


def test_a_trust_record_is_within_the_published_series():
    """Medway's trust had seven Covid-19 patients on October 14, 2020, its most since
    August 17 (eight), 58 days before: worked out here from the CSV."""
    fact = real.facts("hospital-patients", "2020-10-14")["record.patients.RPA"]
    by_day = {day: value for (code, day), value in real.beds().items() if code == "RPA"}
    assert by_day["2020-10-14"] == 7
    higher = [day for day, value in by_day.items() if day < "2020-10-14" and value >= 7]
    assert fact.values["since"] == max(higher) == "2020-08-17"
    assert fact.values["since_value"] == by_day["2020-08-17"] == 8


def test_a_record_of_under_four_weeks_is_no_fact():
    """On December 23, 2020 the trust had 227 patients, its most since November 30 (234),
    23 days before: under the narrative's ``min_days`` of 28, so no record fact to lead a
    story on ("at highest level since November 30"); the rise leads instead."""
    by_day = {day: value for (code, day), value in real.beds().items() if code == "RPA"}
    higher = [day for day, value in by_day.items() if day < "2020-12-23" and value >= 227]
    assert by_day["2020-12-23"] == 227 and max(higher) == "2020-11-30"
    assert "record.patients.RPA" not in real.facts("hospital-patients", "2020-12-23")


def test_a_suppressed_week_breaks_a_lowest_since_run():
    dates = pd.date_range("2020-09-05", periods=5, freq="7D")
    matrix = pd.DataFrame([[9.0, np.nan, 8.0, 7.0, 5.0]], index=["E02"], columns=dates)
    values = matrix.to_numpy()
    as_blanks = _records(values, matrix, "low", blanks_low=True).iloc[0]
    as_gaps = _records(values, matrix, "low", blanks_low=False).iloc[0]
    assert as_blanks["since"] == "2020-09-12" and not as_blanks["on_record"]
    assert as_gaps["on_record"]  # without suppression a blank is only a missing figure


@settings(max_examples=300, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(2, 10)),
              elements=st.one_of(st.integers(0, 6).map(float), st.just(np.nan))),
       st.sampled_from(["high", "low"]))  # fmt: skip
def test_a_record_is_not_exceeded_in_its_window(values, direction):
    dates = pd.date_range("2020-09-01", periods=values.shape[1])
    matrix = pd.DataFrame(values, index=[f"A{i}" for i in range(len(values))], columns=dates)
    found = _records(values, matrix, direction).set_index("area")
    beyond = np.greater_equal if direction == "high" else np.less_equal
    for i, area in enumerate(matrix.index):
        row, now = values[i, :-1], values[i, -1]
        if np.isnan(now) or np.isnan(row).all():
            assert area not in found.index
            continue
        fact = found.loc[area]
        since = dates.get_loc(pd.Timestamp(fact["since"]))
        after = row[since + 1 :] if not fact["on_record"] else row
        assert not beyond(after[~np.isnan(after)], now).any()  # nothing as extreme since
        if not fact["on_record"]:
            assert beyond(row[since], now)
            assert fact["days"] == (dates[-1] - dates[since]).days
