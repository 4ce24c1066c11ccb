"""Every narrative, every area of England on one date, real data: copy a sub-editor can pass.

Area stories are written for every district (or trust, or neighbourhood's district) the data
has; roundups for the Kent and Medway patch and for a patch made of each county's districts,
so that every district also appears in a patch story. No story may be held, and none may
have a sentence over 40 words, a sentence said twice or a value printed as "nan".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storygen import copycheck
from storygen import narrative as narratives
from storygen.compose import StoryInputs, compose
from storygen.detect import by_area
from storygen.patches import Patch, load_all
from storygen.pipeline import RunOptions, prepare
from storygen.render import Renderer
from storygen.text import slug

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"
RUNS = {
    "covid-cases": (
        {"cases": "england_ltla_cases_final.csv", "areas": "england_ltla_lookup_lad19.csv"},
        "2020-11-25",
    ),
    "covid-hotspots": ({"msoa": "southeast_msoa_cases_weekly.csv"}, "2020-11-14"),
    "hospital-patients": (
        {
            "beds": "nhs_trust_covid_beds_admissions_2020-08_2021-03.csv",
            "trusts": "nhs_trust_lookup.csv",
        },
        "2020-12-23",
    ),
}
SHIPPED = [name for name in RUNS if name in narratives.shipped_names()]


def group_patches(areas, level: str) -> list[Patch]:
    """A patch for every area at ``level`` holding two or more areas below it."""
    patches = []
    for code in areas.index[areas[f"is_{level}"]]:
        inside = areas.index[(areas[f"{level}_code"] == code) & (areas.index != code)]
        if len(inside) > 1:
            name = str(areas.at[code, "name"])
            patches.append(Patch(name, slug(name), {c: str(areas.at[c, "name"]) for c in inside}))
    return patches


@pytest.mark.parametrize("name", SHIPPED)
def test_every_area_of_england_reads_cleanly(name):
    inputs, as_of = RUNS[name]
    missing = [file for file in inputs.values() if not (REAL / file).exists()]
    if missing:
        pytest.skip(f"real data not found: {REAL / missing[0]}")
    narrative = narratives.load(name)
    options = RunOptions([name], {k: str(REAL / v) for k, v in inputs.items()}, as_of)
    prepared = prepare(narrative, options, {})
    panel = prepared.panel
    middle = panel.levels[1] if len(panel.levels) > 2 else panel.levels[-1]
    patches = load_all() + group_patches(panel.areas, middle)
    composed = compose(
        StoryInputs(narrative, panel, by_area(prepared.facts), prepared.as_of, [], False, patches),
        Renderer(narrative.style),
    )
    assert composed.held == []
    local = panel.levels[0]
    written = {story.area_code for story in composed.stories}
    area_plans = [plan for plan in narrative.plans.values() if plan.kind == "area"]
    if any(local in plan.levels for plan in area_plans):
        with_facts = {code for code in panel.areas.index[panel.areas[f"is_{local}"]]}
        assert with_facts & set(by_area(prepared.facts)) <= written
    problems = [
        f"{story.id}: {problem}"
        for story in composed.stories
        for problem in copycheck.check_story(story.to_dict())
        if not problem.message.startswith("opens like")
    ]
    assert problems == []
    assert len(composed.stories) > 100
