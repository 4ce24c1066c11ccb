"""Each story's chart: its measure over time from the panel, drawn as an inline SVG with the
narrative's thresholds marked."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from lxml import etree
from shared_data import REAL

from storygen.chart import chart_caption, chart_svg
from storygen.pipeline import RunOptions, run
from storygen.story_series import thresholds

SVG = "{http://www.w3.org/2000/svg}"

SERIES = {
    "measure": "rate",
    "label": "seven-day case rate per 100,000 people",
    "decimals": 1,
    "dates": ["2020-11-21", "2020-11-22", "2020-11-23", "2020-11-24", "2020-11-25"],
    "lines": [
        {"code": "A", "name": "Swale", "values": [400.0, None, 450.25, 500.0, 563.69]},
        {"code": "E", "name": "England", "reference": True, "values": [200.0] * 5},
    ],
    "thresholds": [
        {"value": 400.0, "label": "400", "note": "band edge"},
        {"value": 410.0, "label": "target", "note": "the rate the council set"},
    ],
}


def parse(svg: str):
    return etree.fromstring(svg.encode("utf-8"))


def test_lines_gaps_and_latest_value():
    svg = parse(chart_svg(SERIES))
    paths = svg.findall(f"{SVG}path")
    assert [p.findtext(f"{SVG}title") for p in paths] == ["England", "Swale"]  # own line on top
    swale = paths[1].get("d")
    assert swale.count("M") == 2 and swale.count("L") == 2  # the missing day lifts the pen
    assert paths[0].get("stroke-dasharray")  # the reference is dashed
    assert svg.find(f"{SVG}text[@class='latest']").text == "563.7"  # rounded as copy prints it
    dates = [t.text for t in svg.findall(f"{SVG}text")]
    assert "November 21" in dates and "November 25" in dates


def test_thresholds_are_marked_and_labels_do_not_collide():
    svg = parse(chart_svg(SERIES))
    marks = svg.findall(f"{SVG}g[@class='threshold']")
    assert len(marks) == 2
    labels = {m.findtext(f"{SVG}title"): m.findtext(f"{SVG}text") for m in marks}
    assert labels == {"the rate the council set": "target", "band edge": ""}  # named one wins


def test_the_chart_is_deterministic_and_escapes_names():
    hostile = {**SERIES, "lines": [{"name": "<script>x</script> & Co", "values": [1.0, 2.0]}]}
    hostile["dates"] = SERIES["dates"][:2]
    svg = chart_svg(hostile)
    assert svg == chart_svg(hostile)
    assert "<script>" not in svg and "&lt;script&gt;x&lt;/script&gt; &amp; Co" in svg
    assert parse(svg).tag == f"{SVG}svg"


def test_nothing_to_draw_is_no_chart():
    assert chart_svg({}) == ""
    assert chart_svg({**SERIES, "lines": [{"name": "x", "values": [None, None]}]}) == ""


def test_caption_says_what_is_drawn():
    assert chart_caption(SERIES) == (
        "Seven-day case rate per 100,000 people: Swale; England dashed; thresholds in red."
    )


def test_thresholds_come_from_the_narratives_settings():
    narrative = SimpleNamespace(
        facts={
            "threshold": {
                "bands": {"rate": {"edges": [10, 50], "labels": ["0-10", "11-50", "over 50"]}},
                "targets": [{"name": "easing", "measure": "rate", "value": 25, "label": "x"}],
            },
            "change": {"measures": ["rate"]},
        }
    )
    assert [(t["value"], t["label"]) for t in thresholds(narrative, "rate")] == [
        (10.0, "10"),
        (25.0, "easing"),
        (50.0, "50"),
    ]


@pytest.fixture(scope="module")
def kent():
    if not (REAL / "england_ltla_cases_final.csv").exists():
        pytest.skip(f"real data not found at {REAL} (it lives beside the repository)")
    data = {
        "cases": str(REAL / "england_ltla_cases_final.csv"),
        "areas": str(REAL / "england_ltla_lookup_lad19.csv"),
    }
    return run(RunOptions(["covid-cases"], data, "2020-11-25", patch="Kent and Medway")).stories


def test_a_real_storys_chart_ends_on_its_own_figure(kent):
    swale = next(s for s in kent if s.area_name == "Swale")
    series = swale.series
    assert series["dates"][-1] == "2020-11-25" and series["measure"] == "rate"
    own, england = series["lines"]
    assert (own["name"], england["name"], england["reference"]) == ("Swale", "England", True)
    rate = next(f for f in swale.facts if f.id == "change.rate.E07000113")
    assert own["values"][-1] == round(rate.value, 1)
    assert series["measures"]["rate"] == {
        "decimals": 1,
        "label": "seven-day case rate per 100,000 people",
        "per": 100000,
    }
    latest = re.search(r'class="latest"[^>]*>([^<]+)<', chart_svg(series)).group(1)
    assert latest in swale.standfirst


def test_a_roundups_chart_draws_its_areas_strongest_first(kent):
    roundup = next(s for s in kent if s.kind == "roundup")
    lines = roundup.series["lines"]
    own = [line for line in lines if not line["reference"]]
    assert len(own) == 13 and own[0]["name"] == "Swale"
    latest = [line["values"][-1] for line in own]
    assert latest == sorted(latest, reverse=True)
