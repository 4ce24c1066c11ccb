"""The fact-check on real runs: every story of England passes, a changed figure never does,
and `storygen run` holds a story whose template prints a figure no fact backs."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from storygen.cli import main
from storygen.pipeline import RunOptions, run
from storygen.verify import check_story

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"
CASES = REAL / "england_ltla_cases_final.csv"
LOOKUP = REAL / "england_ltla_lookup_lad19.csv"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def real() -> Path:
    if not CASES.exists():
        pytest.skip(f"real data not found at {REAL} (it lives beside the repository)")
    return REAL


def real_run(as_of: str, **options):
    data = {"cases": str(CASES), "areas": str(LOOKUP)}
    return run(RunOptions(["covid-cases"], data, as_of, **options))


@pytest.fixture(scope="module", params=["2020-11-25", "2021-03-03"])
def england(request, real):
    return real_run(request.param)


def test_every_story_of_a_real_run_passes(england):
    assert england.held == []  # the run holds any story that fails the check
    assert len(england.stories) > 300
    for story in england.stories:
        result = check_story(story.to_dict())
        assert result.problems == [], story.id
        assert len(result.figures) > 10, story.id


def kent_and_medway(england):
    return [story.to_dict() for story in england.stories if "Kent and Medway" in story.patches]


NUMERAL = re.compile(r"(?<![\w-])\d{1,3}(?:,\d{3})*(?:\.\d+)?|(?<![\w-])\d+(?:\.\d+)?")


def with_text(story: dict, where: tuple[str, int | None], text: str) -> dict:
    changed = copy.deepcopy(story)
    field, index = where
    if index is None:
        changed[field] = text
    else:
        changed[field][index] = text
    return changed


def texts(story: dict):
    yield ("headline", None), story["headline"]
    yield ("standfirst", None), story["standfirst"]
    for index, paragraph in enumerate(story["paragraphs"]):
        yield ("paragraphs", index), paragraph


def test_a_changed_figure_in_any_kent_and_medway_story_is_caught(england):
    """Every numeral of every Kent and Medway story, nudged in its last digit, fails."""
    stories = kent_and_medway(england)
    assert len(stories) == 17  # 12 districts, Kent, Medway and three patch stories
    tried = 0
    for story in stories:
        for where, text in texts(story):
            for match in NUMERAL.finditer(text):
                figure = match.group()
                nudged = figure[:-1] + str((int(figure[-1]) + 1) % 10)
                changed = text[: match.start()] + nudged + text[match.end() :]
                result = check_story(with_text(story, where, changed))
                assert not result.ok, f"{story['id']}: {changed}"
                assert any(nudged in str(problem) for problem in result.problems)
                tried += 1
    assert tried > 200


@pytest.mark.parametrize("old, new", [("rose", "fell"), ("fell", "rose"), ("up from", "down from")])
def test_a_swapped_direction_in_any_kent_and_medway_story_is_caught(england, old, new):
    tried = 0
    for story in kent_and_medway(england):
        for where, text in texts(story):
            for match in re.finditer(rf"\b{old}\b", text):
                changed = text[: match.start()] + new + text[match.end() :]
                result = check_story(with_text(story, where, changed))
                assert not result.ok, f"{story['id']}: {changed}"
                tried += 1
    assert tried > 0


# -- the run holds what fails -------------------------------------------------------


def bad_narrative(tmp_path: Path) -> Path:
    """The shipped covid-cases narrative with an area template that adds one to the rate."""
    (tmp_path / "narratives").mkdir()
    (tmp_path / "templates" / "bad").mkdir(parents=True)
    shipped = (ROOT / "narratives" / "covid-cases.yaml").read_text(encoding="utf-8")
    narrative = shipped.replace("template: covid-cases/area.j2", "template: bad/area.j2")
    narrative = narrative.replace("name: covid-cases", "name: bad-cases", 1)
    path = tmp_path / "narratives" / "bad-cases.yaml"
    path.write_text(narrative, encoding="utf-8")
    (tmp_path / "templates" / "bad" / "area.j2").write_text(
        '{% set rate = area.facts["change.rate"] %}\n'
        "{% block headline %}Covid-19 rate in {{ area.name }}{% endblock %}\n"
        "{% block standfirst %}The rate is {{ rate.value|rate }}.{% endblock %}\n"
        "{% block body %}\n"
        "{% if area.name == 'Swale' %}The rate is {{ (rate.value + 1)|rate }} per 100,000 "
        "people.{% else %}The rate is {{ rate.value|rate }} per 100,000 people.{% endif %}\n"
        "{% endblock %}\n",
        encoding="utf-8",
    )
    return path


def test_run_holds_a_story_that_fails_the_check_and_exports_the_rest(real, tmp_path):
    narrative = bad_narrative(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "run", str(narrative), "--data", f"cases={CASES}", "--data", f"areas={LOOKUP}",
            "--as-of", "2020-11-25", "--patch", "Kent and Medway", "--out", str(out),
            "--format", "json,ninjs,html",
        ],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    [held] = manifest["held"]
    assert held["id"] == "bad-cases-area-swale-e07000113"
    assert held["reason"].startswith("fact-check: paragraph 1: ")
    assert re.search(r'"\d+\.\d" does not match a fact of Swale', held["reason"])
    assert '(in "The rate is ' in held["reason"]
    assert not list((out / "stories").glob("bad-cases-area-swale-*"))  # never exported
    exported = {entry["id"] for entry in manifest["stories"]}
    assert len(exported) == 16 and held["id"] not in exported
    assert held["file"] == "held/bad-cases-area-swale-e07000113.json"
    draft = json.loads((out / held["file"]).read_text(encoding="utf-8"))
    assert draft["status"] == "withheld" and draft["area_name"] == "Swale"
    assert "held bad-cases-area-swale-e07000113: fact-check" in result.output
