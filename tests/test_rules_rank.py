"""Rank and biggest-change facts: places among peers with ties, the name of the one ahead,
the biggest rises and falls."""

from __future__ import annotations

import numpy as np
import pandas as pd
import real_panels as real
from hypothesis import given, settings
from hypothesis import strategies as st

from storygen.rules.rank import rank_within

SWALE = "E07000113"
KENT_AND_MEDWAY = ["E07000105", "E07000106", "E07000107", "E07000108", "E07000112", "E07000109",
                   "E07000110", "E07000111", "E07000113", "E07000114", "E07000115", "E07000116",
                   "E06000035"]  # fmt: skip
RISING_IN_KENT = {"Medway", "Dover", "Maidstone", "Tonbridge and Malling", "Folkestone and Hythe",
                  "Ashford"}  # fmt: skip


def names() -> dict[str, str]:
    return {row["lad19_cd"]: row["lad19_nm"] for row in real.lookup()}


def test_swale_has_the_highest_rate_in_england():
    rates = {c: real.week_rate(c, "2020-11-25") for c in real.districts_with_cases()}
    rates = {c: round(r, 1) for c, r in rates.items() if r is not None}
    assert len(rates) == 315  # City of London's rows stop in October: folded into Hackney
    assert max(rates, key=rates.get) == SWALE
    fact = real.facts("covid-cases", "2020-11-25")[f"rank.rate.district-in-country.{SWALE}"]
    assert (fact.values["position"], fact.values["of"], fact.value) == (1, 315, 563.7)
    assert fact.repeats is None
    # first in England makes first in the South East and in Kent repeats of it
    facts = real.facts("covid-cases", "2020-11-25")
    assert facts[f"rank.rate.district-in-region.{SWALE}"].repeats == fact.id
    assert facts[f"rank.rate.district-in-county.{SWALE}"].repeats == fact.id


def test_the_patch_ranking_names_the_one_ahead():
    rates = {names()[c]: round(real.week_rate(c, "2020-11-25"), 1) for c in KENT_AND_MEDWAY}
    order = sorted(rates, key=rates.get, reverse=True)
    assert order[:3] == ["Swale", "Medway", "Thanet"]
    facts = real.facts("covid-cases", "2020-11-25")
    for place, name in enumerate(order, start=1):
        code = next(c for c in KENT_AND_MEDWAY if names()[c] == name)
        fact = facts[f"rank.rate.district-in-kent-and-medway.{code}"]
        assert fact.values["position"] == place and fact.values["of"] == 13
        ahead = fact.values["ahead_name"]
        assert ahead == order[place - 2] if place > 1 else pd.isna(ahead)
        assert (
            fact.values["leader_name"] == "Swale" and fact.values["last_name"] == "Tunbridge Wells"
        )


def test_trusts_rank_in_their_region():
    facts = real.facts("hospital-patients", "2020-12-23")
    east_kent = facts["rank.patients.trust-in-region.RVV"]
    assert (east_kent.value, east_kent.values["position"], east_kent.values["group_name"]) == (
        364,
        1,
        "South East",
    )
    patch = {code: facts[f"rank.patients.trust-in-kent-and-medway.{code}"].values["position"]
             for code in ("RVV", "RWF", "RPA", "RN7")}  # fmt: skip
    assert patch == {"RVV": 1, "RWF": 2, "RPA": 3, "RN7": 4}  # 364, 253, 227, 168


def test_the_six_rising_kent_areas_are_the_patch_risers():
    frame = real.rule_frame("covid-cases", "biggest_change", "2020-11-25")
    patch = frame[(frame["key"] == "biggest_change.rate.district-in-kent-and-medway")]
    rises = patch[patch["direction"] == "rise"].sort_values("position")
    assert set(rises["area"].map(names())) == RISING_IN_KENT
    by_hand = {
        names()[c]: round(real.week_rate(c, "2020-11-25"), 1)
        - round(real.week_rate(c, "2020-11-18"), 1)
        for c in KENT_AND_MEDWAY
    }
    biggest = max(by_hand, key=by_hand.get)
    assert names()[rises.iloc[0]["area"]] == biggest == "Medway"
    assert rises["of"].iloc[0] == 6 and rises["of_all"].iloc[0] == 13
    falls = patch[patch["direction"] == "fall"]
    assert len(falls) == 7 and names()[falls.sort_values("position").iloc[0]["area"]] == min(
        by_hand, key=by_hand.get
    )


values = st.lists(st.sampled_from([1.0, 2.0, 3.0, 5.0, 8.0]), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(values, min_size=1, max_size=4))
def test_a_rank_is_unique_up_to_ties(groups):
    rows = [(f"{g}-{i}", f"Area {g}-{i}", f"G{g}", v)
            for g, group in enumerate(groups) for i, v in enumerate(group)]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["area", "name", "group", "value"])
    ranked = rank_within(frame)
    for _, group in ranked.groupby("group"):
        for row in group.itertuples():
            ahead = (group["value"] > row.value).sum()
            behind = (group["value"] < row.value).sum()
            equal = (group["value"] == row.value).sum()
            assert row.position == ahead + 1
            assert row.position_from_bottom == behind + 1
            assert row.tied == equal - 1 and len(row.tied_with) == equal - 1
            assert row.of == len(group)
            if row.position > 1:  # the one named ahead really is ahead
                assert group.loc[group["name"] == row.ahead_name, "value"].iloc[0] > row.value
            else:
                assert pd.isna(row.ahead_name)
        # areas with different values never share a place
        places = group.groupby("position")["value"].nunique()
        assert (places == 1).all()
        assert np.array_equal(group["leader_value"].unique(), [group["value"].max()])
