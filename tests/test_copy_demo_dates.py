"""The demo data on dates across its range, not only the README's: every narrative writes
its stories, none held by the fact-check or for a template that wrote nothing, and the copy
passes the sub-editor's checks. A quiet week, a gap in a file or a patch where every area is
above a mark shows here first (SYNTHETIC figures: ``fixtures/demo``)."""

from __future__ import annotations

import pandas as pd
import pytest
from stories import copy_problems

from storygen import paths
from storygen.pipeline import RunOptions, run

DATES = {  # narrative: dates from the second week of its demo file to its last day
    # and January 4, when the only two areas of England whose rates fell are in Kent;
    # November 29, when Thanet shares the highest rate in England; January 7, when all 13
    # areas of Kent and Medway go against the trend
    "covid-cases": pd.date_range("2020-09-16", "2021-01-31", freq="19D").union(
        pd.to_datetime(["2021-01-04", "2020-11-29", "2021-01-07"])
    ),
    "covid-hotspots": pd.date_range("2020-09-19", "2020-12-26", freq="3W-SAT"),
    # and September 18, when five trusts' one or two ventilated patients go to none: a quiet
    # day, not a fault in the feed
    "hospital-patients": pd.date_range("2020-08-15", "2021-03-23", freq="31D").union(
        pd.to_datetime(["2020-09-18"])
    ),
}
RUNS = [(name, day.strftime("%Y-%m-%d"), "pa") for name, days in DATES.items() for day in days]
# AP style, on the days between
RUNS += [
    ("covid-cases", day.strftime("%Y-%m-%d"), "ap")
    for day in pd.date_range("2020-09-25", "2021-01-31", freq="19D")
]


@pytest.mark.parametrize(("narrative", "as_of", "style"), RUNS)
def test_the_demo_reads_cleanly_on_any_date(narrative, as_of, style):
    result = run(RunOptions([narrative], {}, as_of, style=style))
    wrong = [
        f"{held['id']}: {held['reason']}"
        for held in result.held
        if held["reason"].startswith(("fact-check", "the template wrote no", "template error"))
    ]
    assert wrong == []
    assert len(result.stories) >= 10
    assert copy_problems(result.stories) == []


def test_the_first_days_of_the_file_hold_every_story_with_the_reason():
    """A week into the demo cases file there is no week before to compare with: every
    story, the patch's roundups too, is held saying so, not with a template's error."""
    result = run(RunOptions(["covid-cases"], {}, "2020-09-09"))
    assert result.stories == []
    reasons = {held["reason"] for held in result.held}
    assert all(
        reason.startswith("held by its template: ")
        and reason.endswith("has no seven-day figures for the week before September 9, so "
                            "there is no change to report")
        for reason in reasons
    ), reasons  # fmt: skip
    assert any(held["id"].startswith("covid-cases-roundup-") for held in result.held)


def test_the_hospital_files_first_week_holds_stories_with_the_reason():
    """Four days into the demo hospital file there is no week before: a trust that gave a
    figure but has no other trust in its region to rank with is held saying so (it was
    held as having given no figure at all), and so is the patch's roundup."""
    result = run(RunOptions(["hospital-patients"], {}, "2020-08-05"))
    beds = pd.read_csv(paths.FIXTURES / "demo" / "nhs_beds.csv")
    reporting = set(
        beds.loc[
            (beds["date"] == "2020-08-05") & (beds["metric"] == "beds_occupied_covid_total"),
            "org_code",
        ]
    )
    reasons = {held["id"]: held["reason"] for held in result.held}
    trusts = {i: r for i, r in reasons.items() if i.startswith("hospital-patients-area-")}
    assert trusts
    for story_id, reason in trusts.items():
        code = story_id.rsplit("-", 1)[1].upper()
        assert code in reporting, story_id
        assert reason.endswith(
            "has no figure from a week before August 5 to compare with and no ranking in its "
            "region, so there is nothing to report"
        ), reason
    assert reasons["hospital-patients-roundup-kent-and-medway"] == (
        "held by its template: No hospital in Kent and Medway gave a figure for Covid-19 "
        "patients a week before August 5, so there is no change to report"
    )
    assert len(result.stories) >= 8  # those ranked in their region are written
