"""Faults: a run killed at any point leaves the previous output as it was, and a story that
fails is held with its reason while the others are written (exit code 1)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from casedata import covid_inputs, data_args, run_with_template, snapshot
from click.testing import CliRunner
from shared_data import REAL

from storygen.cli import main
from storygen.errors import StorygenError
from storygen.exporters.write import write_run
from storygen.pipeline import RunOptions, run

SRC = Path(__file__).resolve().parents[1] / "src"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def staging_folders(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.staging-*"))


@pytest.fixture(scope="module")
def many_areas(tmp_path_factory) -> dict[str, Path]:
    """Enough districts that writing their drafts takes a while."""
    folder = tmp_path_factory.mktemp("many")
    return covid_inputs(folder, districts=150, days=21)


def previous_run(out: Path, inputs: dict[str, Path]) -> dict[str, bytes]:
    first = invoke(
        "run", "covid-cases", *data_args(inputs), "--as-of", "2020-10-20", "--out", str(out)
    )
    assert first.exit_code == 0, first.output
    return snapshot(out)


def start_run(out: Path, inputs: dict[str, Path]) -> subprocess.Popen:
    """``storygen run`` in a process of its own, for a later date than ``previous_run``."""
    return subprocess.Popen(
        [sys.executable, "-m", "storygen", "run", "covid-cases", *data_args(inputs),
         "--as-of", "2020-10-21", "--out", str(out)],
        cwd=out.parent, env={**os.environ, "PYTHONPATH": str(SRC)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def test_a_run_killed_while_writing_leaves_the_previous_output_as_it_was(tmp_path, many_areas):
    out = tmp_path / "out"
    before = previous_run(out, many_areas)
    assert len(before) > 300
    child = start_run(out, many_areas)
    deadline = time.monotonic() + 120
    try:
        while not staging_folders(out) and time.monotonic() < deadline:
            assert child.poll() is None, "the run ended before it began writing"
            time.sleep(0.001)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL

    assert snapshot(out) == before
    (abandoned,) = staging_folders(out)  # killed before the swap: its half-written folder
    assert abandoned.is_dir()

    again = invoke(
        "run", "covid-cases", *data_args(many_areas), "--as-of", "2020-10-21", "--out", str(out)
    )
    assert again.exit_code == 0, again.output
    assert json.loads((out / "manifest.json").read_text())["as_of"] == "2020-10-21"
    assert staging_folders(out) == []  # the next run cleared what the killed one left


@pytest.mark.parametrize("delay", [1.0, 4.0])
def test_a_run_killed_at_any_moment_leaves_a_whole_output(tmp_path, many_areas, delay):
    """Killed while starting, reading, composing or writing (wherever ``delay`` falls), the
    folder holds the previous run unchanged, or (had the run finished) the new one whole."""
    out = tmp_path / "out"
    before = previous_run(out, many_areas)
    child = start_run(out, many_areas)
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode in (0, -signal.SIGKILL)
    now = snapshot(out)
    if now == before:  # killed before the new output was moved into place
        assert child.returncode == -signal.SIGKILL
        return
    # finished, or killed once the new output was in place: the new run, whole
    manifest = json.loads(now["manifest.json"])
    assert manifest["as_of"] == "2020-10-21"
    listed = [name for entry in manifest["stories"] for name in entry["files"].values()]
    assert sorted(listed + ["all.json", "all.md", "manifest.json"]) == sorted(now)
    assert all(now[name] for name in listed)


@pytest.fixture(scope="module")
def stories(tmp_path_factory) -> list[dict]:
    folder = tmp_path_factory.mktemp("few")
    inputs = covid_inputs(folder)
    result = run(RunOptions(["covid-cases"], {name: str(p) for name, p in inputs.items()}))
    return [story.to_dict() for story in result.stories]


def test_the_output_folder_is_never_missing_or_half_written(tmp_path, stories):
    """A reader polling the folder during many rewrites always finds a complete run."""
    out = tmp_path / "out"
    write_run(out, "2020-10-28", stories, [], ["md", "json"])
    seen: list[str] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            try:
                manifest = json.loads((out / "manifest.json").read_text())
                listed = [f for entry in manifest["stories"] for f in entry["files"].values()]
                if not all((out / name).exists() for name in listed[:3]):
                    seen.append("a listed file is missing")
            except FileNotFoundError:
                seen.append("no manifest")
            except json.JSONDecodeError:
                seen.append("a half-written manifest")

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(40):
            write_run(out, "2020-10-28", stories, [], ["md", "json"])
    finally:
        stop.set()
        watcher.join()
    assert seen == []
    assert staging_folders(out) == []


def test_a_folder_that_is_not_an_earlier_run_is_never_replaced(tmp_path, stories):
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    with pytest.raises(StorygenError, match="not an earlier run's output"):
        write_run(precious, "2020-10-28", stories, [], ["md"])
    assert snapshot(precious) == {"thesis.txt": b"years of work"}
    assert staging_folders(precious) == []

    a_file = tmp_path / "drafts.txt"
    a_file.write_text("notes")
    with pytest.raises(StorygenError, match="is a file, not a folder"):
        write_run(a_file, "2020-10-28", stories, [], ["md"])
    assert a_file.read_text() == "notes"


def test_the_command_line_refuses_a_folder_it_did_not_write(tmp_path):
    inputs = covid_inputs(tmp_path)
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.md").write_text("keep me")
    result = invoke("run", "covid-cases", *data_args(inputs), "--out", str(precious))
    assert result.exit_code == 2
    assert "holds files but no manifest.json" in result.stderr
    assert snapshot(precious) == {"notes.md": b"keep me"}


FAULTY = """\
{% set rate = area.facts["change.rate"] %}
{% block headline %}{{ area.name }} rate at {{ rate.value|rate }}{% endblock %}
{% block standfirst %}In the week to {{ as_of|date }}.{% endblock %}
{% block body %}
{% if area.name == "District C" %}{{ area.facts.no_such_fact.value }}{% endif %}
The rate in {{ area.name }} was {{ rate.value|rate }} per 100,000 people.
{% endblock %}
"""


def test_a_failing_story_is_held_and_the_others_written(tmp_path):
    out = tmp_path / "out"
    result, manifest = run_with_template(tmp_path, FAULTY)
    assert result.exit_code == 1, result.output
    (held,) = manifest["held"]
    assert held["id"] == "covid-cases-area-district-c-e07000002"
    assert held["reason"].startswith("template error: custom/area.j2, line 5:")
    assert "no_such_fact" in held["reason"]
    assert f"held {held['id']}: template error" in result.stderr
    written = {entry["id"] for entry in manifest["stories"]}
    assert len(written) == 8 and held["id"] not in written
    assert not list((out / "stories").glob("*district-c*"))
    for entry in manifest["stories"]:
        for name in entry["files"].values():
            assert (out / name).stat().st_size > 0


def run_edited(tmp_path: Path, edit) -> dict:
    """Run covid-cases on the synthetic inputs after ``edit(lines)`` changes the cases file's
    lines in place (``lines[0]`` is the header); the run holds something (exit 1), and its
    manifest is returned."""
    inputs = covid_inputs(tmp_path)
    lines = inputs["cases"].read_text().splitlines()
    edit(lines)
    inputs["cases"].write_text("\n".join(lines) + "\n")
    out = tmp_path / "out"
    result = invoke("run", "covid-cases", *data_args(inputs), "--out", str(out))
    assert result.exit_code == 1, result.output
    return json.loads((out / "manifest.json").read_text())


def test_implausible_data_holds_the_stories_it_touches(tmp_path):
    """A tenfold jump in one district holds its story, its county's and nothing else."""

    def tenfold(lines):  # District B's last day (line 57) gets an extra digit
        code, name, day, count = lines[56].split(",")
        lines[56] = f"{code},{name},{day},{count}000"

    manifest = run_edited(tmp_path, tenfold)
    held = {entry["id"]: entry["reason"] for entry in manifest["held"]}
    assert set(held) == {
        "covid-cases-area-district-b-e07000001",
        "covid-cases-area-county-b-e10000001",
    }
    assert held["covid-cases-area-district-b-e07000001"].startswith(
        "implausible data: cases in seven days in District B went from 233 to 29,193 in 7 "
        "days (125 times; the narrative holds any change of more than 10 times)"
    )
    assert (
        "the narrative holds any change of more than 10 times"
        in (held["covid-cases-area-district-b-e07000001"])
    )
    assert len(manifest["stories"]) == 7


def test_a_gap_in_dates_holds_the_area_and_its_totals(tmp_path):
    def four_days_out(lines):  # District D (lines 86-113) loses 2020-10-10 to 2020-10-13
        del lines[94:98]

    held = {h["id"]: h["reason"] for h in run_edited(tmp_path, four_days_out)["held"]}
    assert held == {
        "covid-cases-area-district-d-e07000003": "implausible data: no figures for District D "
        "from 2020-10-10 to 2020-10-13 (4 days); the narrative allows gaps of 2 days",
        "covid-cases-area-county-b-e10000001": "implausible data: its total lacks figures for "
        "District D from 2020-10-10 to 2020-10-13 (4 days) (no rows for those dates)",
    }


def test_a_day_missing_from_the_week_before_holds_the_story_with_its_reason(tmp_path):
    """One day without rows is a gap the narrative allows, but it leaves District D no
    seven-day figure for the week before: its story is held with that reason, not failed
    as a template error, and the others are written. County B's total for that week lacks
    District D, a third of its people: its story is held too, and no other story quotes
    County B's, the region's or England's figures (each listed as skipped, with why)."""

    def one_day_out(lines):
        # District D (lines 86-113, 2020-10-01 to 2020-10-28) loses 2020-10-18, in the week
        # to 2020-10-21 that the week to 2020-10-28 is compared with
        assert lines[102].startswith("E07000003,District D,2020-10-18,")
        del lines[102]

    manifest = run_edited(tmp_path, one_day_out)
    held = {h["id"]: h["reason"] for h in manifest["held"]}
    assert held["covid-cases-area-district-d-e07000003"] == (
        "held by its template: District D has no seven-day figures for the week before "
        "October 28, so there is no change to report"
    )
    assert held["covid-cases-area-county-b-e10000001"] == (
        "incomplete data: its totals on 2020-10-21 or 2020-10-28 lack District D "
        "(33.3% of its population)"
    )
    assert len(held) == 2
    written = {entry["id"] for entry in manifest["stories"]}
    assert "covid-cases-area-district-c-e07000002" in written
    assert len(written) + len(held) == 9
    short = {"E10000001", "E12000001", "E92000001"}  # County B, North Region, England
    assert {entry["area_code"] for entry in manifest["skipped"]} == short
    assert all(
        entry["reason"].startswith("no story quotes its figures: its totals on 2020-10-21 or ")
        for entry in manifest["skipped"]
    )
    out = tmp_path / "out"
    for entry in manifest["stories"]:
        story = json.loads((out / entry["files"]["json"]).read_text())
        assert not [f["id"] for f in story["facts"] if f["subject"]["code"] in short], entry["id"]


def test_a_drop_to_zero_across_most_areas_holds_every_story(tmp_path):
    def to_zero(lines):
        for number in range(1, len(lines)):
            code, name, day, _count = lines[number].split(",")
            if day == "2020-10-28" and not code.endswith(("4", "5")):  # five of seven areas
                lines[number] = f"{code},{name},{day},0"

    manifest = run_edited(tmp_path, to_zero)
    assert manifest["stories"] == []
    reasons = {h["reason"] for h in manifest["held"]}
    assert reasons == {
        "implausible data: 5 of the 7 districts with 10 or more cases on 2020-10-27 have none on "
        "2020-10-28: a fault in the feed? (the narrative holds every story when 50% or more "
        "fall to zero at once)"
    }


def test_a_story_failing_the_fact_check_is_held(tmp_path):
    wrong = FAULTY.replace(
        "{{ area.facts.no_such_fact.value }}",
        "The rate was {{ (rate.value * 3)|rate }}.\n\n",
    )
    tmp_path / "out"
    result, manifest = run_with_template(tmp_path, wrong)
    assert result.exit_code == 1, result.output
    assert [h["id"] for h in manifest["held"]] == ["covid-cases-area-district-c-e07000002"]
    assert len(manifest["stories"]) == 8


@pytest.mark.skipif(not REAL.is_dir(), reason="real data folder ../shared/data/real is absent")
def test_real_data_with_a_month_missing_holds_those_areas_only(tmp_path):
    """The dashboard's final series has no October 2020 rows for the Buckinghamshire and
    Northamptonshire districts or Hackney. While the gap falls in the three weeks the copy
    compares, their stories, and their counties', are held; later they are written."""
    data = {
        "cases": str(REAL / "england_ltla_cases_final.csv"),
        "areas": str(REAL / "england_ltla_lookup_lad19.csv"),
    }
    result = run(RunOptions(["covid-cases"], data, "2020-11-15"))
    held = {h["id"]: h["reason"] for h in result.held}
    assert len(held) == 14
    assert held["covid-cases-area-hackney-e09000012"] == (
        "implausible data: no figures for Hackney from 2020-10-26 to 2020-10-31 (6 days); "
        "the narrative allows gaps of 2 days"
    )
    assert held["covid-cases-area-buckinghamshire-e10000002"].startswith(
        "implausible data: its total lacks figures for Aylesbury Vale, Chiltern, South Bucks, "
        "Wycombe from 2020-10-26 to 2020-10-31"
    )
    assert "covid-cases-area-northamptonshire-e10000021" in held
    kent = [s for s in result.stories if "Kent and Medway" in s.patches]
    assert len([s for s in kent if s.kind == "area"]) == 14  # 13 districts and Kent
    assert not [h for h in held if "kent" in h or "medway" in h]

    later = run(RunOptions(["covid-cases"], data, "2020-11-25"))
    assert later.held == []
    assert "covid-cases-area-hackney-e09000012" in {s.id for s in later.stories}


@pytest.mark.skipif(not REAL.is_dir(), reason="real data folder ../shared/data/real is absent")
def test_a_run_quotes_no_total_that_lacks_some_of_its_areas():
    """On October 15, 2020 London's total lacks Hackney and England's the 12 districts with no
    October rows: a whole run (its stories shared among forked workers) writes Camden's story
    from Camden's own figures, without London's ranking or England's rate."""
    data = {
        "cases": str(REAL / "england_ltla_cases_final.csv"),
        "areas": str(REAL / "england_ltla_lookup_lad19.csv"),
    }
    result = run(RunOptions(["covid-cases"], data, "2020-10-15"))
    camden = next(s for s in result.stories if s.id == "covid-cases-area-camden-e09000007")
    text = "\n".join([camden.headline, camden.standfirst, *camden.paragraphs])
    assert "Camden" in text and "London" not in text and "England" not in text
    assert {f.subject.code for f in camden.facts} == {"E09000007"}
    assert len(result.stories) > 300


@pytest.mark.skipif(not REAL.is_dir(), reason="real data folder ../shared/data/real is absent")
def test_the_facts_listing_leaves_out_what_no_story_may_quote():
    """`storygen facts` on October 15, 2020 lists no fact about London's, the South East's,
    the East Midlands' or England's totals, nor a ranking among their areas, and says why
    at its foot; in JSON, under ``left_out``."""
    data = [
        "--data", f"cases={REAL / 'england_ltla_cases_final.csv'}",
        "--data", f"areas={REAL / 'england_ltla_lookup_lad19.csv'}",
        "--as-of", "2020-10-15",
    ]  # fmt: skip
    short = {"E12000007", "E12000008", "E12000004", "E92000001"}
    listed = json.loads(invoke("facts", "covid-cases", *data, "--json").output)
    facts = listed["facts"]
    assert len(facts) > 1000
    assert not [f["id"] for f in facts if f["subject"]["code"] in short]
    assert not [f["id"] for f in facts if f["values"].get("group_code") in short]
    assert short <= {entry["area_code"] for entry in listed["left_out"]}
    london = next(e for e in listed["left_out"] if e["area_name"] == "London")
    assert london["reason"].endswith(" lack Hackney (3.1% of its population)")
    table = invoke("facts", "covid-cases", *data).output
    assert "  London: its totals on 2020-10-08 or 2020-10-15 lack Hackney" in table
    assert " in London (" not in table and " in England (" not in table


def test_a_failed_write_keeps_the_previous_output(tmp_path, stories):
    """A disk that refuses the new drafts (here, a story file name taken by a folder)
    is a clear error, and the earlier run stays in place."""
    out = tmp_path / "out"
    write_run(out, "2020-10-28", stories, [], ["md"])
    before = snapshot(out)
    broken = [dict(stories[0], id="x" * 300), *stories[1:]]  # a file name longer than allowed
    with pytest.raises(StorygenError, match="could not write the drafts to .*previous contents"):
        write_run(out, "2020-10-28", broken, [], ["md", "json"])
    assert snapshot(out) == before
    assert staging_folders(out) == []


def test_the_current_folder_can_be_the_output(tmp_path, stories, monkeypatch):
    out = tmp_path / "drafts"
    write_run(out, "2020-10-28", stories, [], ["md"])
    monkeypatch.chdir(out)
    write_run(Path("."), "2020-10-29", stories, [], ["md"])
    assert json.loads((out / "manifest.json").read_text())["as_of"] == "2020-10-29"
    assert staging_folders(out) == []
