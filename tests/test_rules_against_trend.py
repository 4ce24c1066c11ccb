"""Against-the-trend facts: areas moving against most of their peers, and counts of risers
in each group and patch against the whole country."""

from __future__ import annotations

import pandas as pd
import pytest
import real_panels as real

MEDWAY, KENT = "E06000035", "E10000016"
RISING_IN_KENT = ["Ashford", "Dover", "Folkestone and Hythe", "Maidstone", "Medway",
                  "Tonbridge and Malling"]  # fmt: skip


def directions(end: str, before: str) -> dict[str, str]:
    found = {}
    for code in real.districts_with_cases():
        now, then = real.week_rate(code, end), real.week_rate(code, before)
        if now is not None and then is not None:
            now, then = round(now, 1), round(then, 1)
            found[code] = "up" if now > then else "down" if now < then else "same"
    return found


def test_nineteen_areas_rose_in_england_six_of_them_in_kent_and_medway():
    """The data README: 19 areas rising (of 316 districts; 315 have figures, the City of
    London's being folded into Hackney's) and the same six Kent areas as the reference."""
    by_hand = directions("2020-11-25", "2020-11-18")
    assert list(by_hand.values()).count("up") == 19 and len(by_hand) == 315
    facts = real.facts("covid-cases", "2020-11-25")
    england = facts["against_trend.rate.district-count.E92000001"].values
    assert (england["up"], england["down"], england["same"], england["of"]) == (19, 295, 1, 315)
    patch = facts["against_trend.rate.district-count.kent-and-medway"]
    assert patch.subject.name == "Kent and Medway" and patch.subject.type == "patch"
    assert (patch.value, patch.values["of"]) == (6, 13)
    assert patch.values["names_up"] == RISING_IN_KENT
    assert (patch.values["wider_up"], patch.values["wider_of"]) == (19, 315)
    assert patch.values["wider_name"] == "England"
    kent = facts[f"against_trend.rate.district-count.{KENT}"].values
    assert (kent["up"], kent["of"]) == (5, 12)  # Medway is a county of its own


def test_medway_rose_against_the_national_trend():
    fact = real.facts("covid-cases", "2020-11-25")[
        f"against_trend.rate.district-in-country.{MEDWAY}"
    ]
    v = fact.values
    assert (v["direction"], v["majority"], v["up"], v["down"]) == ("up", "down", 19, 295)
    assert (fact.value, v["previous"]) == (483.2, 389.5)


def test_only_areas_against_a_clear_majority_are_facts():
    frame = real.rule_frame("covid-cases", "against_trend", "2020-11-25")
    areas = frame[frame["key"].str.contains("-in-")]
    assert (areas["direction"] != areas["majority"]).all()
    assert (areas["direction"] != "same").all()
    majority_counts = areas.apply(lambda row: row[row["majority"]], axis=1)
    assert (majority_counts > 0.6 * areas["of"]).all()  # the narrative's majority
    # every rising district in England is against England's trend
    national = areas[areas["key"] == "against_trend.rate.district-in-country"]
    by_hand = directions("2020-11-25", "2020-11-18")
    assert set(national["area"]) == {code for code, way in by_hand.items() if way == "up"}


def test_a_near_even_split_is_no_trend_to_go_against():
    """March 24, 2021: rates fell in 158 council areas and rose in 151. A trend, in the
    cases narrative, is more than three in five areas moving one way: no area goes against
    this week's, and England's count names no majority. By the rule's default, more than
    half, the 151 would each have gone against one."""
    by_hand = list(directions("2021-03-24", "2021-03-17").values())
    assert (by_hand.count("down"), by_hand.count("up"), len(by_hand)) == (158, 151, 315)
    frame = real.rule_frame("covid-cases", "against_trend", "2021-03-24")
    assert not frame["key"].str.contains("-in-country").any()
    england = frame[frame["area"] == "E92000001"].iloc[0]
    assert (england["down"], england["up"]) == (158, 151)
    assert pd.isna(england["majority"])
    halves = real.rule_frame(
        "covid-cases", "against_trend", "2021-03-24", measures=["rate"], count_levels=["district"]
    )
    assert (halves["key"] == "against_trend.rate.district-in-country").sum() == 151


@pytest.mark.parametrize("majority", [0.4, 1, 1.5, "most", True])
def test_a_majority_that_is_no_share_above_half_is_refused(majority):
    with pytest.raises(ValueError, match="majority must be a share between 0.5 and 1"):
        real.run_rule("covid-cases", "against_trend", "2021-03-24", measures=["rate"],
                      majority=majority)  # fmt: skip


def test_all_four_kent_trusts_had_more_covid_patients():
    fact = real.facts("hospital-patients", "2020-12-23")[
        "against_trend.patients.trust-count.kent-and-medway"
    ]
    assert (fact.values["up"], fact.values["of"]) == (4, 4)
    for code in ("RVV", "RPA", "RWF", "RN7"):
        assert real.beds()[code, "2020-12-23"] > real.beds()[code, "2020-12-16"]
