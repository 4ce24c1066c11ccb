"""Hotspot facts: the neighbourhood with the highest rate in each district and county, and
the trust with most Covid patients in each NHS region."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd
import real_panels as real
from hypothesis import given, settings
from hypothesis import strategies as st

from storygen.rules.hotspot import _hotspots

SWALE, KENT = "E07000113", "E10000016"


def published(week: str) -> dict[str, list[dict[str, str]]]:
    """Neighbourhoods with a published (unsuppressed) figure in a week, by district."""
    found = defaultdict(list)
    for row in real.msoa_rows():
        if row["date"] == week and row["newCasesBySpecimenDateRollingRate"]:
            found[row["lad19_cd"]].append(row)
    return found


def test_sheppey_east_is_swales_hotspot():
    """The data README: Sheppey East, week ending 2020-11-14, 162 cases (1,871.5)."""
    rows = published("2020-11-14")[SWALE]
    ordered = sorted(rows, key=lambda r: -float(r["newCasesBySpecimenDateRollingRate"]))
    assert ordered[0]["areaName"] == "Sheppey East"
    facts = real.facts("covid-hotspots", "2020-11-14")
    fact = facts[f"hotspot.rate.neighbourhood.{SWALE}"]
    v = fact.values
    assert (v["hotspot_name"], fact.value, v["hotspot_cases"]) == ("Sheppey East", 1871.5, 162)
    assert (v["second_name"], v["second_value"]) == (
        ordered[1]["areaName"],
        float(ordered[1]["newCasesBySpecimenDateRollingRate"]),
    )
    assert v["of"] == len(rows)
    all_in_swale = {r["areaCode"] for r in real.msoa_rows() if r["lad19_cd"] == SWALE}
    assert v["blank"] == len(all_in_swale) - len(rows)
    assert set(fact.provenance.areas) == {r["areaCode"] for r in rows}
    assert (v["overall_position"], v["tied_with"]) == (1, [])
    kent = facts[f"hotspot.rate.neighbourhood.{KENT}"]
    assert kent.values["hotspot_name"] == "Sheppey East"


def test_every_district_with_figures_has_one_hotspot():
    frame = real.rule_frame("covid-hotspots", "hotspot", "2020-11-14")
    districts = frame[frame["key"] == "hotspot.rate.neighbourhood"]
    by_hand = published("2020-11-14")
    district_codes = {code for code in by_hand}
    assert district_codes <= set(districts["area"])
    for code in ("E07000113", "E06000035", "E07000114"):
        best = max(float(r["newCasesBySpecimenDateRollingRate"]) for r in by_hand[code])
        assert districts.set_index("area").loc[code, "value"] == best


def test_east_kent_hospitals_is_the_south_east_hotspot():
    fact = real.facts("hospital-patients", "2020-12-23")["hotspot.patients.trust.SOUTH_EAST"]
    assert (fact.value, fact.values["hotspot_code"]) == (364, "RVV")
    assert fact.subject.name == "South East"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("KMN"), st.one_of(st.integers(0, 9).map(float), st.just(np.nan))),
                min_size=1, max_size=15))  # fmt: skip
def test_a_hotspot_has_the_highest_figure_in_its_area(rows):
    members = pd.DataFrame(
        [
            (f"a{i}", f"Area {i}", group, f"Group {group}", value)
            for i, (group, value) in enumerate(rows)
        ],
        columns=["area", "name", "group", "group_name", "value"],
    )
    found = _hotspots(members)
    for group, part in members.groupby("group"):
        values = part["value"].dropna()
        if values.empty:
            assert found.empty or group not in set(found["area"])
            continue
        row = found.set_index("area").loc[group]
        assert row["value"] == values.max()
        assert row["of"] == len(values) and row["blank"] == part["value"].isna().sum()
        assert len(row["tied_with"]) == (values == values.max()).sum() - 1
        if len(values) > 1:
            assert row["second_value"] <= row["value"]


def test_the_files_first_week_has_hotspots_and_no_earlier_one():
    """September 5, 2020 is the neighbourhood file's first week: there is no week before,
    so no district has an earlier hotspot (the rule failed on it)."""
    frame = real.rule_frame("covid-hotspots", "hotspot", "2020-09-05")
    by_hand = published("2020-09-05")
    assert set(by_hand) <= set(frame["area"])
    assert frame["previous_hotspot_name"].isna().all()
    assert not frame["same_as_before"].any()
    assert not frame["week_before"].any()  # a blank then is no figure withheld
    assert real.rule_frame("covid-hotspots", "hotspot", "2020-09-12")["week_before"].all()
