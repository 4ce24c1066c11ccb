"""Copy for small areas and quiet weeks, which real data seldom has: synthetic England at 1/8
size (SYNTHETIC figures, made up by ``storygen.synthetic``). Some districts have a single
neighbourhood with a published figure, some none whose rate moved, some trusts no patient on a
ventilator. Each such story is written, reads as a reporter would put it, and passes the
fact-check."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from stories import copy, own

from storygen import paths, synthetic
from storygen.pipeline import RunOptions, run
from storygen.style import dates
from storygen.style.numbers import number

AS_OF = "2020-09-12"  # the week with the most published neighbourhoods at this size and seed


@pytest.fixture(scope="module")
def england(tmp_path_factory) -> dict[str, str]:
    """The synthetic files, by the name of the narratives' input that reads each."""
    folder = tmp_path_factory.mktemp("england-eighth")
    inputs = {"msoa": "msoa_weekly", "beds": "nhs_beds", "trusts": "nhs_trusts"}
    frames = synthetic.england(1 / 8)
    for key in inputs.values():
        synthetic.write_csv(frames[key], folder / synthetic.DEMO_FILES[key])
    return {name: str(folder / synthetic.DEMO_FILES[key]) for name, key in inputs.items()}


@pytest.fixture(scope="module")
def hotspots(england):
    return run(RunOptions(["covid-hotspots"], {"msoa": england["msoa"]}, AS_OF))


@pytest.fixture(scope="module")
def hospitals(england):
    data = {name: england[name] for name in ("beds", "trusts")}
    return run(RunOptions(["hospital-patients"], data, AS_OF))


def hotspot_fact(story):
    return next(f for f in own(story).values() if f.kind == "hotspot")


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
        (story, fact.values["of"])
        for story in hotspots.stories
        for fact in own(story).values()
        if fact.kind == "against_trend"
        and fact.values["of"] > 1
        and fact.values["up"] == fact.values["down"] == 0
    ]
    assert still
    for story, of in still:
        every = "both" if of == 2 else f"all {number(of)}"  # not "all two"
        assert f"Rates were the same as a week earlier in {every} neighbourhoods" in copy(story)
    assert not any(" in zero of " in copy(s) for s in hotspots.stories)


def test_a_trust_with_no_patient_on_a_ventilator_says_none(hospitals):
    assert hospitals.held == []
    none = [
        story
        for story in hospitals.stories
        if getattr(own(story).get("change.ventilated"), "value", None) == 0
        and "mechanical ventilation" in copy(story)
    ]
    assert none
    for story in none:
        text = copy(story)
        patients = getattr(own(story).get("change.patients"), "value", None)
        said = {
            1: "Its Covid-19 patient was not on mechanical ventilation",
            2: "Neither of its Covid-19 patients was on mechanical ventilation",
        }.get(patients, "Not one of its Covid-19 patients was on mechanical ventilation")
        assert said in text
        assert "The share on ventilators" not in text  # 0.0% says nothing more
    for story in hospitals.stories:  # no patients: nothing to say of ventilators
        if getattr(own(story).get("change.patients"), "value", None) == 0:
            assert "mechanical ventilation" not in copy(story)
    nought = re.compile(r"\bzero were\b|\bagainst zero\b|(?<![\d.])0\.0%")  # not "10.0%"
    assert not any(nought.search(copy(s)) for s in hospitals.stories)


def test_a_small_change_in_patients_is_told_in_figures(hospitals):
    """21 to 23 patients is "rise from 21 to 23", not "rise by 9.5%"."""
    small = []
    for story in hospitals.stories:
        change = own(story).get("change.patients")
        moved = story.headline.endswith(" in a week") and "unchanged" not in story.headline
        if moved and max(change.value, change.values["previous"]) < 100:
            small.append((story, change))
    assert small
    for story, change in small:
        way = "rise" if change.value > change.values["previous"] else "fall"
        before, now = (number(v) for v in (change.values["previous"], change.value))
        assert story.headline.endswith(f" {way} from {before} to {now} in a week")
        assert "%" not in story.headline


def test_a_trust_with_no_figure_on_the_day_is_held_with_the_reason():
    """A trust missing from the day's file (the demo file has such gaps) has nothing to
    report: its story is held saying so, where the template used to write nothing at all,
    with the last figure it gave in the week before where that was not none."""
    beds = pd.read_csv(paths.ROOT / "fixtures" / "demo" / "nhs_beds.csv", dtype=str)
    patients = beds[beds["metric"] == "beds_occupied_covid_total"].dropna(subset=["value"])
    reported = patients.groupby("date")["org_code"].agg(set)
    trusts = set(patients["org_code"]) - {"ENGLAND"} - {c for c in patients["org_code"] if "_" in c}
    day = next(d for d in reported.index if d >= "2020-09-01" and 0 < len(trusts - reported[d]) < 3)
    result = run(RunOptions(["hospital-patients"], {}, day))
    held = {h["id"]: h["reason"] for h in result.held}
    value = patients.set_index(["org_code", "date"])["value"].astype(int)
    week = [(pd.Timestamp(day) - pd.Timedelta(days=n)).date().isoformat() for n in range(1, 8)]
    with_last = 0
    for code in trusts - reported[day]:
        [reason] = [reason for id_, reason in held.items() if id_.endswith(code.lower())]
        last = next((d for d in week if (code, d) in value.index), None)
        said = (
            f" (its last, {number(value[code, last])}, was on {dates.date(last)})"
            if last is not None and value[code, last] != 0
            else ""
        )
        when = dates.date(day)
        assert reason.endswith(f"gave no figure for Covid-19 patients on {when}{said}, so "
                               "there is nothing to report"), reason  # fmt: skip
        with_last += bool(said)
    assert with_last  # the day has a trust whose last figure is said
