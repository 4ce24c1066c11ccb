"""Earlier-peak facts: the figure now against the peak of a period the narrative declares."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import real_panels as real
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from storygen.narrative import load
from storygen.patches import load_all
from storygen.rules import RULES, RuleContext
from storygen.series import Panel

SWALE = "E07000113"


def days(start: str, end: str) -> list[str]:
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    return [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


def test_trusts_against_their_autumn_peak():
    facts = real.facts("hospital-patients", "2020-12-23")
    for code in ("RVV", "RPA", "RWF", "RN7", "RAP"):
        autumn = {
            d: real.beds()[code, d]
            for d in days("2020-10-01", "2020-11-30")
            if (code, d) in real.beds()
        }
        peak_day = max(autumn, key=lambda d: (autumn[d], -date.fromisoformat(d).toordinal()))
        fact = facts[f"earlier_peak.patients.autumn-2020.{code}"]
        v = fact.values
        assert (v["peak"], v["peak_date"]) == (autumn[peak_day], peak_day), code
        assert fact.value == real.beds()[code, "2020-12-23"]
        assert v["ratio"] == fact.value / v["peak"] and v["above"] == (fact.value > v["peak"])
        assert v["on_edge"] == (peak_day in ("2020-10-01", "2020-11-30"))
    # East Kent: 364 patients, more than twice the 173 of November 30, the autumn's last day
    east_kent = facts["earlier_peak.patients.autumn-2020.RVV"].values
    assert (east_kent["peak"], east_kent["peak_date"], east_kent["on_edge"]) == (
        173,
        "2020-11-30",
        True,
    )
    north_middlesex = facts["earlier_peak.patients.autumn-2020.RAP"].values
    assert not north_middlesex["on_edge"]


def test_swale_against_its_winter_peak_a_year_on():
    rates = {d: round(real.week_rate(SWALE, d), 1) for d in days("2020-12-01", "2021-02-28")}
    peak_day = max(rates, key=lambda d: (rates[d], -date.fromisoformat(d).toordinal()))
    fact = real.facts("covid-cases", "2021-11-25")[f"earlier_peak.rate.winter-2020.{SWALE}"]
    assert (fact.values["peak"], fact.values["peak_date"]) == (rates[peak_day], peak_day)
    assert fact.value == round(real.week_rate(SWALE, "2021-11-25"), 1)
    assert fact.values["period_label"] == "the winter peak"


def test_a_period_not_yet_over_gives_no_fact():
    frame = real.rule_frame("covid-cases", "earlier_peak", "2021-01-15")
    assert frame.empty  # the winter period runs to February 28


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(3, 12)),
              elements=st.one_of(st.integers(0, 9).map(float), st.just(np.nan))),
       st.integers(0, 5))  # fmt: skip
def test_the_peak_is_the_highest_figure_in_its_period(values, start):
    dates = pd.date_range("2020-10-01", periods=values.shape[1])
    narrative = load("covid-cases")
    codes = [f"A{i}" for i in range(len(values))]
    areas = pd.DataFrame({"name": codes, "level": "district", "is_district": True,
                          "district_code": codes, "country_code": "E92000001"}, index=codes)  # fmt: skip
    matrix = pd.DataFrame(values, index=codes, columns=dates)
    panel = Panel(areas, {"rate": matrix, "cases": matrix}, ("district", "country"))
    start = min(start, values.shape[1] - 2)
    period = {"name": "p", "start": str(dates[start].date()), "end": str(dates[-2].date())}
    config = {"measures": ["rate"], "periods": [period]}
    context = RuleContext(narrative, panel, dates[-1], config, load_all())
    frame = RULES["earlier_peak"].run(context)
    window = values[:, start:-1]
    for row in frame.itertuples():
        i = codes.index(row.area)
        assert row.peak == np.nanmax(window[i])
        assert window[i][dates[start:-1].get_loc(pd.Timestamp(row.peak_date))] == row.peak
        assert row.value == values[i, -1]
