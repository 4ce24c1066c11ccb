"""Fuzzing: random datasets in the covid-cases input shapes run through the whole pipeline.

Whatever the data, a run either raises a documented error (a ``StorygenError``) or writes
drafts in which no figure is missing or mangled: no ``nan``, ``None`` or ``inf``, no
template syntax left over, no doubled space and no empty paragraph. The examples are
bounded so that the suite stays fast.
"""

from __future__ import annotations

import re
import tempfile
from datetime import date, timedelta
from pathlib import Path

from casedata import CASES_HEADER, LOOKUP_HEADER, write_csv
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storygen.errors import StorygenError
from storygen.exporters.write import write_run
from storygen.pipeline import RunOptions, run

FUZZ = settings(
    max_examples=25,
    deadline=None,
    database=None,  # keep no example database in the working directory
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LEFTOVERS = re.compile(r"\b(nan|NaN|None|inf|Inf|Infinity|undefined|Undefined)\b|\{\{|\{%|\[\[|  ")
LEFTOVER_NAME = re.compile(LEFTOVERS.pattern, re.IGNORECASE)
NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ &'-,.()éôÿ"
KENT = {  # real codes, so that the Kent and Medway patch's roundup runs on random figures
    "E07000105": "Ashford",
    "E07000106": "Canterbury",
    "E07000113": "Swale",
    "E07000114": "Thanet",
    "E06000035": "Medway",
}

names = (
    st.text(st.sampled_from(NAME_CHARACTERS), min_size=1, max_size=24)
    .filter(lambda text: any(c.isalpha() for c in text))
    # no name that reads as a leftover itself ("-Infinity", "None"), in any case
    .filter(lambda text: not LEFTOVER_NAME.search(f" {text} ".replace("  ", " ")))
)
counts = {
    "small": st.integers(0, 60),
    "ties": st.sampled_from([0, 1, 5, 5, 20, 20, 20]),
    "huge": st.integers(10**9, 10**15),
    "zeros": st.sampled_from([0, 0, 0, 1]),
}


@st.composite
def datasets(draw) -> dict:
    """A lookup and daily cases: random areas, sizes, gaps, zeros, ties, huge values and
    (now and then) blank or broken cells."""
    kent = draw(st.booleans())
    size = draw(st.integers(1, 5 if kent else 7))
    if kent:
        chosen = list(KENT.items())[:size]
        areas = [
            [code, name, code if code == "E06000035" else "E10000016",
             "Medway" if code == "E06000035" else "Kent", "E12000008", "South East"]
            for code, name in chosen
        ]  # fmt: skip
    else:
        counties = draw(st.integers(1, 3))
        areas = [
            [f"E07{n:06d}", draw(names), f"E10{n % counties:06d}", f"County {n % counties}",
             "E12000001", draw(st.sampled_from(["North", "The North & South", "Région"]))]
            for n in range(size)
        ]  # fmt: skip
    people = st.integers(50, 10**6) | st.integers(1, 10**8)
    for row in areas:
        row.append(str(draw(people)))
    if draw(st.integers(0, 9)) == 0:  # now and then an area with no people
        areas[0][-1] = "0"
    days = draw(st.integers(1, 36))
    start = date(2020, 3, 1) + timedelta(days=draw(st.integers(0, 900)))
    kind = draw(st.sampled_from(sorted(counts)))
    rows = []
    for code, name, *_ in areas:
        for day in range(days):
            value = draw(counts[kind] | counts["small"])
            rows.append([code, name, (start + timedelta(days=day)).isoformat(), str(value)])
    gaps = draw(st.lists(st.integers(0, max(0, len(rows) - 1)), max_size=6, unique=True))
    rows = [row for index, row in enumerate(rows) if index not in set(gaps) or len(rows) < 3]
    if draw(st.integers(0, 9)) == 0 and rows:  # now and then a blank or a broken cell
        where = draw(st.integers(0, len(rows) - 1))
        rows[where][3] = draw(st.sampled_from(["", "n/a", "-1", "1e400", "12.5"]))
    if draw(st.booleans()) and days > 1:
        as_of = (start + timedelta(days=draw(st.integers(0, days - 1)))).isoformat()
    else:
        as_of = None
    return {"areas": areas, "rows": rows, "as_of": as_of}


def run_dataset(dataset: dict, folder: Path) -> dict | None:
    """Write the dataset, run the pipeline and write the drafts; None on a documented error."""
    data = {
        "cases": str(write_csv(folder / "cases.csv", CASES_HEADER, dataset["rows"])),
        "areas": str(write_csv(folder / "lookup.csv", LOOKUP_HEADER, dataset["areas"])),
    }
    try:
        result = run(RunOptions(["covid-cases"], data, dataset["as_of"]))
        stories = [story.to_dict() for story in result.stories]
        manifest = write_run(folder / "out", result.as_of, stories, result.held, ["md", "json"])
    except StorygenError:
        return None
    return {"stories": stories, "manifest": manifest, "out": folder / "out"}


def draft_problems(story: dict) -> list[str]:
    problems = []
    parts = {"headline": story["headline"], "standfirst": story["standfirst"]}
    parts.update({f"paragraph {n}": text for n, text in enumerate(story["paragraphs"], 1)})
    for where, text in parts.items():
        if not text.strip():
            problems.append(f"{where} is empty")
        elif match := LEFTOVERS.search(text):
            problems.append(f"{where} has {match.group(0)!r}: {text!r}")
    return problems


@FUZZ
@given(datasets())
def test_any_data_gives_a_documented_error_or_clean_drafts(dataset):
    with tempfile.TemporaryDirectory() as folder:
        done = run_dataset(dataset, Path(folder))
        if done is None:
            return
        for story in done["stories"]:
            assert draft_problems(story) == [], story["id"]
        for entry in done["manifest"]["stories"]:
            markdown = (done["out"] / entry["files"]["md"]).read_text(encoding="utf-8")
            assert not re.search(r"\b(nan|None|inf)\b|\{\{|\[\[", markdown), entry["id"]
        assert {e["id"] for e in done["manifest"]["stories"]} == {s["id"] for s in done["stories"]}


@FUZZ
@given(datasets())
def test_every_figure_passes_the_fact_check(dataset):
    from storygen.cli import main

    with tempfile.TemporaryDirectory() as folder:
        done = run_dataset(dataset, Path(folder))
        if done is None or not done["stories"]:
            return
        result = CliRunner().invoke(main, ["check", str(done["out"])])
        assert result.exit_code == 0, result.output
