"""Against-the-average facts: an area against England or its region, and "every district
except X"."""

from __future__ import annotations

import pandas as pd
import pytest
import real_panels as real

from storygen.detect import detect
from storygen.errors import NarrativeError

KENT, SWALE, GRAVESHAM = "E10000016", "E07000113", "E07000109"


def england_rate(end: str) -> float:
    cases = sum(real.week_cases(code, end) or 0 for code in real.districts_with_cases())
    return round(cases / sum(real.populations().values()) * 100_000, 1)


def test_kent_districts_against_the_england_rate():
    assert england_rate("2020-11-25") == 170.6
    facts = real.facts("covid-cases", "2020-11-25")
    swale = facts[f"against_average.rate.country.{SWALE}"]
    assert (swale.value, swale.values["wider_value"], swale.values["side"]) == (
        563.7,
        170.6,
        "above",
    )
    assert round(swale.values["difference"], 1) == 393.1
    kent = [r["lad19_cd"] for r in real.lookup() if r["utla19_cd"] == KENT]
    above = sum(round(real.week_rate(code, "2020-11-25"), 1) > 170.6 for code in kent)
    count = facts[f"against_average.rate.district-vs-country.{KENT}"].values
    assert (
        (count["count_above"], count["count_below"], count["of"])
        == (above, 12 - above, 12)
        == (9, 3, 12)
    )
    assert count["exceptions"] == []  # three below is no exception


def test_every_kent_district_except_gravesham_is_below_england():
    assert england_rate("2021-03-03") == 68.1
    assert round(real.week_rate(GRAVESHAM, "2021-03-03"), 1) == 75.7
    facts = real.facts("covid-cases", "2021-03-03")
    for subject in (KENT, "kent-and-medway"):
        count = facts[f"against_average.rate.district-vs-country.{subject}"].values
        assert count["count_above"] == 1 and count["exceptions"] == ["Gravesham"]
        assert count["exception_side"] == "above"


def test_ventilated_share_against_england():
    facts = real.facts("hospital-patients", "2020-12-23")
    fact = facts["against_average.ventilated_share.country.RN7"]
    assert fact.value == round(5 / 168 * 100, 1) == 3.0
    assert fact.values["wider_value"] == round(1374 / 17834 * 100, 1)  # NHS England's own totals


def test_a_count_has_no_average():
    narrative, built = real.panel("covid-cases")
    counts = narrative.__class__(
        **{**narrative.__dict__, "facts": {"against_average": {"measures": ["cases"]}}}
    )
    with pytest.raises(NarrativeError, match="facts.against_average: measure 'cases' is a total"):
        detect(counts, built, pd.Timestamp("2020-11-25"))
