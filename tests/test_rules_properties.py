"""Invariants of the group facts on made-up data: how many areas rose against the trend, how
many sit above an average, and what share of a total each area has. Hypothesis draws the daily
cases of six districts in two counties and a unitary authority; the real rules run on them through the covid-cases
narrative."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from casedata import CASES_HEADER, LOOKUP_HEADER, lookup_rows, write_csv
from hypothesis import given, settings
from hypothesis import strategies as st

from storygen import narrative as narratives
from storygen import series
from storygen.detect import detect
from storygen.sources import read_table

DAYS = 21
AS_OF = date(2020, 10, 21)
LOOKUP = lookup_rows(6)  # six districts in two counties, and a unitary authority
# two weeks of daily cases a district: the week before and the week to the as-of date
weeks = st.tuples(st.integers(0, 60), st.integers(0, 60))
england = st.lists(weeks, min_size=len(LOOKUP), max_size=len(LOOKUP))


def facts_for(weekly: list[tuple[int, int]]) -> list:
    """Every fact of the covid-cases narrative on made-up districts with these daily cases
    (the same each day of a week; the week before last repeats the week before)."""
    rows = []
    for (code, name, *_), (before, now) in zip(LOOKUP, weekly, strict=True):
        for back in range(DAYS):
            day = AS_OF - timedelta(days=back)
            rows.append([code, name, day.isoformat(), str(now if back < 7 else before)])
    with tempfile.TemporaryDirectory() as folder:
        cases = write_csv(Path(folder) / "cases.csv", CASES_HEADER, rows)
        areas = write_csv(Path(folder) / "areas.csv", LOOKUP_HEADER, LOOKUP)
        narrative = narratives.load("covid-cases")
        loaded = {
            "cases": (read_table(str(cases)), str(cases)),
            "areas": (read_table(str(areas)), str(areas)),
        }
        built = series.build(narrative, loaded)
        return detect(narrative, built, pd.Timestamp(AS_OF))


@settings(max_examples=12, deadline=None)
@given(england)
def test_against_the_trend(weekly):
    found = [f for f in facts_for(weekly) if f.kind == "against_trend"]
    counts = [f for f in found if "-count." in f.id]
    assert counts  # every group of two or more districts is counted
    for fact in counts:
        v = fact.values
        assert v["up"] + v["down"] + v["same"] == v["of"]
        assert fact.value == v["up"] == len(v["names_up"]) and len(v["names_down"]) == v["down"]
        assert v["wider_up"] >= v["up"] and v["wider_of"] >= v["of"]
    for fact in found:
        if fact in counts:
            continue
        v = fact.values  # an area against a clear majority of its group
        assert v["direction"] not in (v["majority"], "same")
        assert v[v["majority"]] * 2 > v["of"] and v["up"] + v["down"] + v["same"] == v["of"]
        assert (fact.value > v["previous"]) == (v["direction"] == "up")


@settings(max_examples=12, deadline=None)
@given(england)
def test_against_the_average(weekly):
    found = [f for f in facts_for(weekly) if f.kind == "against_average"]
    sides = {
        (f.subject.name, f.values["compared_with"]): f.values["side"]
        for f in found
        if "count_above" not in f.values
    }
    assert sides  # every district with a rate is compared with England and its region
    for fact in found:
        v = fact.values
        if "count_above" in v:  # a group: its areas on each side of the wider figure
            assert v["count_above"] + v["count_below"] + v["count_level"] == v["of"]
            assert fact.value == v["count_above"]
            if v["exceptions"]:  # "every district except X": X is on the other side
                members = [
                    row[1] for row in LOOKUP if v["group_name"] in (row[3], row[5], "England")
                ]
                other = [
                    name
                    for name in members
                    if sides.get((name, v["compared_with"])) == v["exception_side"]
                ]
                assert sorted(v["exceptions"]) == sorted(other)
                assert len(other) < v["of"] - len(other)
        else:  # an area: the side it is on, and by how much
            expected = (
                "above"
                if fact.value > v["wider_value"]
                else "below"
                if fact.value < v["wider_value"]
                else "level"
            )
            assert v["side"] == expected
            assert v["difference"] == pytest.approx(fact.value - v["wider_value"])


@settings(max_examples=12, deadline=None)
@given(england)
def test_shares_of_a_total(weekly):
    shares: dict[tuple[str, str], list[float]] = {}
    for fact in facts_for(weekly):
        if fact.kind == "share":
            v = fact.values
            assert 0 <= v["share"] <= 100
            assert v["share"] == pytest.approx(fact.value / v["total"] * 100)
            shares.setdefault((fact.id.rsplit(".", 1)[0], v["group_code"]), []).append(v["share"])
    for found in shares.values():  # every member with cases has its share: together they
        assert sum(found) == pytest.approx(100)  # make up the whole
