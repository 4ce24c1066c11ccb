"""Hotspot stories where a district is small: synthetic England at 1/8 size (SYNTHETIC figures,
made up by ``storygen.synthetic``), where some districts have a single neighbourhood with a
published figure and some have no neighbourhood whose rate moved. Each such story is written,
reads as a reporter would put it, and passes the fact-check."""

from __future__ import annotations

import pytest

from storygen import synthetic
from storygen.pipeline import RunOptions, run

AS_OF = "2020-09-12"  # the week with the most published neighbourhoods at this size and seed


@pytest.fixture(scope="module")
def hotspots(tmp_path_factory):
    folder = tmp_path_factory.mktemp("england-eighth")
    msoa = folder / synthetic.DEMO_FILES["msoa_weekly"]
    synthetic.write_csv(synthetic.england(1 / 8)["msoa_weekly"], msoa)
    return run(RunOptions(["covid-hotspots"], {"msoa": str(msoa)}, AS_OF))


def copy(story) -> str:
    return "\n".join([story.headline, story.standfirst, *story.paragraphs])


def hotspot_fact(story):
    return next(f for f in story.facts if f.kind == "hotspot" and f.subject.code == story.area_code)


def test_every_hotspot_story_is_written(hotspots):
    assert len(hotspots.stories) > 30
    assert hotspots.held == []


def test_a_district_with_one_published_figure_has_its_only_one(hotspots):
    alone = [s for s in hotspots.stories if hotspot_fact(s).values["of"] == 1]
    assert alone
    for story in alone:
        place = hotspot_fact(story).values["hotspot_name"]
        assert story.headline == f"{place} has {story.area_name}'s only published Covid-19 rate"
        assert story.paragraphs[0].startswith(
            f"{place} was the only neighbourhood in {story.area_name} with a published figure "
            "in the week ending September 12. "
        )
    assert not any("of the one " in copy(s) for s in hotspots.stories)


def test_rates_that_neither_rose_nor_fell_are_said_to_be_the_same(hotspots):
    still = [
        story
        for story in hotspots.stories
        for fact in story.facts
        if fact.kind == "against_trend"
        and fact.subject.code == story.area_code
        and fact.values["of"] > 1
        and fact.values["up"] == fact.values["down"] == 0
    ]
    assert still
    for story in still:
        assert "Rates were the same as a week earlier in all" in copy(story)
    assert not any(" in zero of " in copy(s) for s in hotspots.stories)
