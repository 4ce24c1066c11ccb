"""Missing: an area that gave a figure in the days before the as-of date and none on it is
found, with its last figure; a blank cell, a last figure of zero or an old gap is not."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
import real_panels as real
from click.testing import CliRunner

from storygen.cli import main

NARRATIVE = """\
name: wards
title: Beds in use by ward
inputs:
  beds:
    default: beds.csv
    title: Ward bed counts
    columns: {area: ward, date: day}
  wards:
    default: wards.csv
    title: Ward list
geography:
  input: wards
  levels:
    - {name: ward, code: ward_code, label: ward_name}
    - {name: hospital, code: H1, label: Testshire General, fixed: true}
measures:
  beds: {input: beds, column: beds, integer: true, allow_blank: true, noun: bed, label: beds in use}
compare_days: 7
facts:
  missing: {measures: [beds]}
stories:
  area: {kind: area, levels: [ward], template: wards/area.j2}
"""

WARDS = {"W1": "Ash", "W2": "Beech", "W3": "Cedar", "W4": "Damson", "W5": "Elm", "W6": "Fir"}
AS_OF = date(2021, 1, 14)


def beds(code: str, day: date) -> str | None:
    """A ward's cell on ``day`` ("" blank, None no row), January 1 to 14, 2021."""
    n = day.day
    return {
        "W1": str(40),  # every day
        "W2": None if n == 14 else str(20 + n),  # skips the last day: 33 the day before
        "W3": None if n >= 12 else str(n // 2 + 2),  # nothing for three days: 7 on January 11
        "W4": "" if n == 14 else str(9),  # a blank cell on the last day: withheld
        "W5": None if n == 14 else str(0),  # skips the last day after none the day before
        "W6": str(12) if n == 3 else None,  # last gave a figure eleven days earlier
    }[code]


def write_dataset(folder: Path, narrative_text: str = NARRATIVE) -> list[str]:
    with (folder / "wards.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ward_code", "ward_name"])
        writer.writerows(WARDS.items())
    with (folder / "beds.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ward", "day", "beds"])
        for offset in range(14):
            day = date(2021, 1, 1) + timedelta(days=offset)
            for code in WARDS:
                cell = beds(code, day)
                if cell is not None:
                    writer.writerow([code, day.isoformat(), cell])
    (folder / "wards.yaml").write_text(narrative_text)
    return [str(folder / "wards.yaml"), "--data", f"beds={folder / 'beds.csv'}",
            "--data", f"wards={folder / 'wards.csv'}", "--as-of", AS_OF.isoformat()]  # fmt: skip


def test_areas_that_skipped_the_day_are_found_with_their_last_figure(tmp_path):
    result = CliRunner().invoke(main, ["facts", *write_dataset(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    found = {f["subject"]["code"]: f for f in json.loads(result.output)["facts"]}
    assert set(found) == {"W2", "W3"}  # not W4 (blank), W5 (none before), W6 (too long ago)
    assert (found["W2"]["value"], found["W2"]["values"]) == (
        33,
        {"last_date": "2021-01-13", "days": 1},
    )
    assert (found["W3"]["value"], found["W3"]["values"]) == (
        7,
        {"last_date": "2021-01-11", "days": 3},
    )
    assert found["W3"]["provenance"]["dates"] == ["2021-01-11", "2021-01-14"]
    assert found["W2"]["score"] == 0


def test_a_longer_look_back_finds_an_older_gap(tmp_path):
    wider = NARRATIVE.replace(
        "missing: {measures: [beds]}", "missing: {measures: [beds], days: 11}"
    )
    result = CliRunner().invoke(main, ["facts", *write_dataset(tmp_path, wider), "--json"])
    assert result.exit_code == 0, result.output
    found = {f["subject"]["code"]: f for f in json.loads(result.output)["facts"]}
    assert set(found) == {"W2", "W3", "W6"}
    assert found["W6"]["values"] == {"last_date": "2021-01-03", "days": 11}


@pytest.mark.parametrize("days", ["0", "1.5", "true"])
def test_a_look_back_that_is_no_number_of_days_is_refused(tmp_path, days):
    bad = NARRATIVE.replace(
        "missing: {measures: [beds]}", f"missing: {{measures: [beds], days: {days}}}"
    )
    result = CliRunner().invoke(main, ["facts", *write_dataset(tmp_path, bad)])
    assert result.exit_code != 0
    assert "wards.yaml" in result.output and "facts.missing" in result.output
    assert "days must be a whole number of days" in result.output


def test_trusts_that_skipped_a_day_match_the_raw_rows():
    """On three dates, the trusts found are those the csv module finds: no row for the day,
    and a row in the seven days before whose latest figure is not zero."""
    rows = real.beds()
    for as_of in ("2020-12-25", "2021-01-01", "2021-01-21"):
        day = date.fromisoformat(as_of)
        expected = {}
        for code in {code for code, _ in rows}:
            if (code, as_of) in rows:
                continue
            before = [(day - timedelta(days=n)).isoformat() for n in range(1, 8)]
            last = next((d for d in before if (code, d) in rows), None)
            if last is not None and rows[code, last] != 0:
                expected[code] = (rows[code, last], last)
        facts = real.facts("hospital-patients", as_of)
        found = {
            f.subject.code: (f.value, f.values["last_date"])
            for f in facts.values()
            if f.kind == "missing"
        }
        assert found == expected, as_of
        assert expected, as_of  # each date has some
    east_kent = real.facts("hospital-patients", "2021-01-21")["missing.patients.RVV"]
    assert (east_kent.value, east_kent.values["last_date"]) == (353, "2021-01-20")
