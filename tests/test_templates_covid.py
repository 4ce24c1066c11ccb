"""The covid-cases templates at the edges: tied rates, an area with no cases at all, a rate that
did not move, a patch where every area rises, and the AP style. Small made-up inputs in the
real files' shape, run through the real rules and templates."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from storygen import copycheck
from storygen import narrative as narratives
from storygen.compose import DEMO_NOTICE, StoryInputs, compose
from storygen.detect import by_area
from storygen.patches import Patch
from storygen.pipeline import RunOptions, prepare
from storygen.render import Renderer

AS_OF = date(2021, 3, 3)
DAYS = 42
# code, name, county code, county name, daily cases this week, daily cases the week before
AREAS = [
    ("E07000901", "Ashvale", "E10000901", "Downshire", 10, 10),  # unchanged, tied with Burwick
    ("E07000902", "Burwick", "E10000901", "Downshire", 10, 12),  # tied with Ashvale
    ("E07000903", "Hythe and Coombe", "E10000901", "Downshire", 0, 0),  # no cases at all
    ("E07000904", "Dunmore", "E10000901", "Downshire", 30, 10),  # trebled
    ("E06000905", "Eastport", "E06000905", "Eastport", 20, 25),  # unitary authority
]


NO_TREND = "there is no national trend to go against"


def write_inputs(folder: Path, areas: list[tuple] = AREAS) -> dict[str, str]:
    lookup = folder / "lookup.csv"
    with lookup.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["lad19_cd", "lad19_nm", "utla19_cd", "utla19_nm", "rgn19_cd", "rgn19_nm",
             "population_mye2019"]
        )  # fmt: skip
        for code, name, county, county_name, *_ in areas:
            writer.writerow([code, name, county, county_name, "E12000901", "South East", 100_000])
    cases = folder / "cases.csv"
    with cases.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["areaCode", "areaName", "date", "newCasesBySpecimenDate"])
        for code, name, _, _, now, before in areas:
            for back in range(DAYS):
                day = AS_OF - timedelta(days=back)
                writer.writerow([code, name, day.isoformat(), now if back < 7 else before])
    return {"cases": str(cases), "areas": str(lookup)}


@pytest.fixture(scope="module")
def stories(tmp_path_factory):
    def render(
        style: str = "pa",
        demo: bool = False,
        areas: list[tuple] = AREAS,
        patch: Patch | None = None,
        held: list[dict] | None = None,
    ) -> dict[str, dict]:
        data = write_inputs(tmp_path_factory.mktemp("inputs"), areas)
        narrative = narratives.load("covid-cases")
        prepared = prepare(narrative, RunOptions(["covid-cases"], data, AS_OF.isoformat()), {})
        patch = patch or Patch("Downshire and Eastport", "downshire-and-eastport",
                      {code: name for code, name, *_ in AREAS} | {"E10000901": "Downshire"})  # fmt: skip
        composed = compose(
            StoryInputs(narrative, prepared.panel, by_area(prepared.facts), prepared.as_of,
                        [], demo, [patch]),
            Renderer(style),
        )  # fmt: skip
        # where near as many areas rose as fell, the against-the-trend story is held
        trendless = [h for h in composed.held if h["reason"].endswith(NO_TREND)]
        assert [h for h in composed.held if h not in trendless] == []
        if held is not None:
            held.extend(composed.held)
        return {story.id: story.to_dict() for story in composed.stories}

    return render


def text(story: dict) -> str:
    return " ".join([story["headline"], story["standfirst"], *story["paragraphs"]])


def find(stories: dict[str, dict], fragment: str) -> dict:
    (story,) = [story for key, story in stories.items() if fragment in key]
    return story


def test_every_story_passes_the_copy_checks(stories):
    for story in stories().values():
        assert copycheck.check_story(story) == [], story["id"]


def test_when_every_area_goes_the_same_way_the_standfirst_says_all(stories):
    """Every area's rate fell: the standfirst says so ("fell in all five", where it said
    "rose in none of the five", and before that "only zero"), the headline says they all
    fell, the patch fell "in line with the rest of England", and the national count is not
    given a second time."""
    falling = [(*area[:4], 5, 10) for area in AREAS]
    story = find(stories(areas=falling), "against-trend")
    assert story["standfirst"].startswith("Rates fell in all five council areas in England in ")
    assert "none" not in story["standfirst"] and "only" not in story["standfirst"]
    assert story["headline"] == "Covid-19 rates fall in every area of Downshire and Eastport"
    body = " ".join(story["paragraphs"])
    assert "in line with the rest of England" in body
    assert "Across England" not in body and "Nationally" not in body
    assert copycheck.check_story(story) == []


def test_when_every_area_of_a_patch_bucks_the_trend_the_headline_says_both_or_all(stories):
    """Rates fell in four of the six areas of England and rose in the other two, which
    make up the patch: the headline says "Both areas of West Downshire", not "Two areas",
    which reads as two of several."""
    areas = [
        (*AREAS[0][:4], 20, 10), (*AREAS[1][:4], 20, 10),
        *[(*area[:4], 5, 30) for area in AREAS[2:]],
        ("E07000906", "Fairlight", "E10000901", "Downshire", 5, 30),
    ]  # fmt: skip
    west = Patch("West Downshire", "west-downshire", {c: n for c, n, *_ in areas[:2]})
    story = find(stories(areas=areas, patch=west), "against-trend")
    assert story["headline"] == "Both areas of West Downshire buck national fall in Covid-19 rates"
    assert story["standfirst"].endswith(", and both were in West Downshire.")
    assert copycheck.check_story(story) == []


def test_with_no_national_trend_the_against_the_trend_story_is_held_saying_so(stories):
    """One area rose, two fell and two held: no way carries more than three in five of them
    (the narrative's majority), so no area bucks a trend. The patch story is held with the
    counts, and Dunmore's rise and Burwick's fall are told without one."""
    held = []
    written = stories(held=held)
    assert held == [
        {
            "id": "covid-cases-against-trend-downshire-and-eastport",
            "reason": "held by its template: rates rose in one and fell in two of the five"
            f" council areas in England in the seven days to March 3: {NO_TREND}",
        }
    ]
    for area in ("dunmore", "burwick"):
        told = text(find(written, f"area-{area}"))
        assert "trend" not in told and "bucks" not in told


def test_tied_rates_are_joint(stories):
    burwick = text(find(stories(), "area-burwick"))
    assert "joint" in burwick


def test_an_area_with_no_cases(stories):
    quiet = text(find(stories(), "area-hythe-and-coombe"))
    assert "no new cases" in quiet
    assert "0.0" in quiet
    assert "nan" not in quiet


def test_a_rate_that_did_not_move(stories):
    ashvale = text(find(stories(), "area-ashvale"))
    assert "unchanged" in ashvale


def test_a_trebling_is_told_in_words(stories):
    dunmore = text(find(stories(), "area-dunmore"))
    assert "trebled" in dunmore or "treble" in dunmore


def test_roundup_lists_the_districts_with_the_serial_comma_for_and_names(stories):
    roundup = text(find(stories(), "roundup-downshire-and-eastport"))
    assert "Dunmore had the highest rate" in roundup
    assert "Hythe and Coombe had the lowest rate in Downshire, at 0.0" in roundup


def test_the_same_story_gets_the_same_words_every_run(stories):
    first, second = stories(), stories()
    assert {key: text(story) for key, story in first.items()} == {
        key: text(story) for key, story in second.items()
    }


def test_sibling_stories_do_not_all_open_alike(stories):
    areas = [s for s in stories().values() if s["plan"] == "area"]
    openings = {copycheck.opening(s["paragraphs"][0], 3) for s in areas}
    assert len(openings) > 1


def test_ap_style_dates(stories):
    ap = stories("ap")
    assert all(story["style"] == "ap" for story in ap.values())
    assert "March 3" in text(find(ap, "area-ashvale"))  # AP keeps March in full
    assert "Mar." not in text(find(ap, "area-ashvale"))


def test_a_demo_draft_says_so(stories):
    for story in stories(demo=True).values():
        assert story["paragraphs"][0] == DEMO_NOTICE
        assert story["demo"] is True
