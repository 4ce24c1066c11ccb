"""Newsworthiness: the score's ingredients behave as documented, repeats are marked, and the
lede is the strongest fact a plan allows."""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
import real_panels as real
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from storygen import newsworthiness as news
from storygen.cli import main
from storygen.detect import by_area
from storygen.rules import RULES

SWALE, REDBRIDGE = "E07000113", "E09000026"


def test_every_kind_has_a_scorer_and_a_weight():
    assert set(news.SCORERS) == set(RULES) == set(news.KIND_WEIGHTS)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 400), st.integers(1, 400), st.integers(2, 1000))
def test_rank_weight_decays_with_position_and_grows_with_the_group(a, b, size):
    first, second = sorted((a, b))
    assert news.rank_weight(first, size) >= news.rank_weight(second, size)
    assert news.rank_weight(first, size) <= news.rank_weight(first, size * 2)
    assert 0 < news.rank_weight(second, size) <= 1


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2000), st.integers(0, 2000))
def test_rarity_grows_with_the_days_and_recency_fades(a, b):
    shorter, longer = sorted((a, b))
    assert news.rarity(shorter) <= news.rarity(longer) <= 1
    assert news.recency(shorter) >= news.recency(longer) > 0


@settings(max_examples=200, deadline=None)
@given(st.floats(0.01, 100))
def test_a_rise_and_the_matching_fall_weigh_the_same(ratio):
    assert news.doublings(ratio) == pytest.approx(news.doublings(1 / ratio))


def test_going_against_the_trend_scores_higher_than_following_it():
    frame = pd.DataFrame({"ratio": [1.3, 1.3], "streak": [1, 1], "against_trend": [True, False]})
    against, follows = news.score("change", frame)
    assert against > follows
    records = pd.DataFrame(
        {"days": [200, 200], "on_record": [False, False], "wider_record": [False, True]}
    )
    alone, with_england = news.score("record", records)
    assert alone > with_england


def test_chance_moves_in_small_counts_score_lower():
    frame = pd.DataFrame({"ratio": [7.0, 7.0], "streak": 1, "against_trend": True,
                          "surprise": [2.1, 12.0]})  # fmt: skip
    small, large = news.score("change", frame)
    assert small < large == 1.0


@pytest.mark.parametrize(
    "name,as_of,none_yet",
    [
        ("covid-cases", "2020-11-25", {"earlier_peak"}),  # its first period ends in February
        ("covid-hotspots", "2020-11-14", set()),
        ("hospital-patients", "2020-12-23", set()),
    ],
)
def test_scores_lie_between_zero_and_one_strongest_first(name, as_of, none_yet):
    narrative, built = real.panel(name)
    from storygen.detect import detect

    found = detect(narrative, built, pd.Timestamp(as_of))
    scores = np.array([fact.score for fact in found])
    assert ((scores >= 0) & (scores <= 1)).all()
    assert (np.diff(scores) <= 0).all()
    kinds = {fact.kind for fact in found}
    assert kinds == set(narrative.facts) - none_yet
    ids = [fact.id for fact in found]
    assert len(ids) == len(set(ids))


def test_a_london_borough_ranked_as_district_and_county_is_one_fact():
    facts = real.facts("covid-cases", "2020-11-25")
    district = facts[f"rank.rate.district-in-region.{REDBRIDGE}"]
    county = facts[f"rank.rate.county-in-region.{REDBRIDGE}"]
    assert district.values["position"] == county.values["position"] == 1
    assert district.repeats is None and county.repeats == district.id


def test_swale_leads_on_its_national_ranking():
    own = by_area(list(real.facts("covid-cases", "2020-11-25").values()))[SWALE]
    own_level = {
        k: f for k, f in own.items() if f.kind != "rank" or f.values["peer_level"] == "district"
    }
    assert (
        news.choose_lede(own_level, ("record", "rank", "change")) == "rank.rate.district-in-country"
    )
    assert own["rank.rate.district-in-country"].score == max(f.score for f in own.values())


def test_a_repeat_never_leads():
    facts = {
        "change.cases": SimpleNamespace(kind="change", score=0.9, repeats="change.rate.X"),
        "change.rate": SimpleNamespace(kind="change", score=0.8, repeats=None),
    }
    assert news.choose_lede(facts, ("change",)) == "change.rate"


def test_the_facts_command_leaves_repeats_out_unless_asked():
    real.need_real_data()
    args = ["facts", "covid-cases", *real.data_args("covid-cases"), "--as-of", "2020-11-25"]
    plain = CliRunner().invoke(main, [*args, "--patch", "Kent and Medway", "--limit", "500"])
    every = CliRunner().invoke(
        main, [*args, "--patch", "Kent and Medway", "--limit", "500", "--repeats"]
    )
    assert plain.exit_code == every.exit_code == 0, plain.output
    assert "repeating a stronger one left out" in plain.output.splitlines()[0]
    assert "change.cases" not in plain.output and "change.cases" in every.output
    lines = plain.output.splitlines()[2:]
    scores = [float(line.split()[0]) for line in lines]
    assert scores == sorted(scores, reverse=True)
    assert lines[0].split()[1:3] == ["rank", "Swale"]
    as_json = CliRunner().invoke(main, [*args, "--json"])
    payload = json.loads(as_json.output)
    swale = next(f for f in payload["facts"] if f["id"] == f"rank.rate.district-in-country.{SWALE}")
    assert swale["provenance"]["dates"] == ["2020-11-19", "2020-11-25"]
    assert swale["subject"] == {"code": SWALE, "name": "Swale", "type": "district"}
