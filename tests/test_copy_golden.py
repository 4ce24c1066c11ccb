"""Golden copy: the Kent and Medway stories of every angle on real dates, as a reader sees them.

Each file under ``tests/test_copy_golden/`` is the copy itself (headline, standfirst, body);
a change to a template or a filter shows up as a diff of the copy. Regenerate with
``python -m pytest tests/test_copy_golden.py --force-regen`` and read the diff as an editor
would before committing it.
"""

from __future__ import annotations

from functools import cache

import pytest
from shared_data import REAL

from storygen import copycheck
from storygen import narrative as narratives
from storygen.pipeline import RunOptions, run

PATCH = "Kent and Medway"
CASES = {
    "cases": "england_ltla_cases_final.csv",
    "areas": "england_ltla_lookup_lad19.csv",
}
HOTSPOTS = {"msoa": "southeast_msoa_cases_weekly.csv"}
HOSPITAL = {
    "beds": "nhs_trust_covid_beds_admissions_2020-08_2021-03.csv",
    "trusts": "nhs_trust_lookup.csv",
}
# (narrative, inputs, as-of date, style): two real dates for every angle
RUNS = [
    ("covid-cases", CASES, "2020-11-25", "pa"),
    ("covid-cases", CASES, "2021-03-03", "pa"),
    ("covid-cases", CASES, "2020-11-25", "ap"),
    ("covid-hotspots", HOTSPOTS, "2020-11-14", "pa"),
    ("covid-hotspots", HOTSPOTS, "2020-11-21", "pa"),
    ("hospital-patients", HOSPITAL, "2020-12-23", "pa"),
    ("hospital-patients", HOSPITAL, "2021-01-12", "pa"),
]


def real_data(inputs: dict[str, str]) -> dict[str, str]:
    missing = [name for name in inputs.values() if not (REAL / name).exists()]
    if missing:
        pytest.skip(f"real data not found: {REAL / missing[0]}")
    return {name: str(REAL / file) for name, file in inputs.items()}


def as_text(story: dict) -> str:
    """A story as an editor reads it."""
    lines = [f"# {story['headline']}", "", f"*{story['standfirst']}*", ""]
    for paragraph in story["paragraphs"]:
        lines += [paragraph, ""]
    return "\n".join(lines)


def kent_and_medway(narrative: str, inputs: dict[str, str], as_of: str, style: str) -> list[dict]:
    return _stories(narrative, tuple(sorted(real_data(inputs).items())), as_of, style)


@cache
def _stories(narrative: str, data: tuple, as_of: str, style: str) -> list[dict]:
    result = run(RunOptions([narrative], dict(data), as_of, PATCH, style))
    assert not result.held, result.held
    return sorted((story.to_dict() for story in result.stories), key=lambda s: s["id"])


GOLDEN = [
    pytest.param(
        *run_, plan, id=f"{run_[0]}-{run_[2]}-{plan}{'' if run_[3] == 'pa' else '-' + run_[3]}"
    )
    for run_ in RUNS
    for plan in narratives.load(run_[0]).plans
]
# one angle on more dates, for copy the two dates above do not reach: every area of Kent
# and Medway above the mark (January 6), several areas at their lowest since one date
# (January 20)
ANGLES = [
    (("covid-cases", CASES, "2021-01-06", "pa"), "targets"),
    (("covid-cases", CASES, "2021-01-20", "pa"), "targets"),
]
GOLDEN += [pytest.param(*run_, plan, id=f"{run_[0]}-{run_[2]}-{plan}") for run_, plan in ANGLES]


@pytest.mark.parametrize(("narrative", "inputs", "as_of", "style", "plan"), GOLDEN)
def test_golden_copy(file_regression, narrative, inputs, as_of, style, plan):
    stories = [s for s in kent_and_medway(narrative, inputs, as_of, style) if s["plan"] == plan]
    assert stories, f"no {plan} stories for the patch"
    suffix = "" if style == "pa" else f"-{style}"
    file_regression.check(
        "\n".join(as_text(story) for story in stories),
        basename=f"{narrative}-{as_of}-{plan}{suffix}",
        extension=".md",
    )


@pytest.mark.parametrize(
    ("narrative", "inputs", "as_of", "style"), RUNS + [run_ for run_, _plan in ANGLES]
)
def test_kent_and_medway_copy_passes_the_sub_editor(narrative, inputs, as_of, style):
    """No long, repeated or alike-opening sentences, no leftovers, no figure opening a sentence."""
    problems = [
        f"{story['id']}: {problem}"
        for story in kent_and_medway(narrative, inputs, as_of, style)
        for problem in copycheck.check_story(story)
    ]
    assert problems == []
