"""Synthetic inputs in the shapes the covid-cases narrative reads, for tests that break them.

``lookup_rows`` is a LAD19 lookup (district, county, region, population) and ``case_rows``
the dashboard's daily cases by district; ``write_csv`` writes either. Figures are smooth
(no zeros, no jumps), so a test's own change is the only thing wrong with them.
"""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from storygen.synthetic import CASE_COLUMNS, LOOKUP_COLUMNS

LOOKUP_HEADER = LOOKUP_COLUMNS  # the real files' headers, as the demo data writes them
CASES_HEADER = CASE_COLUMNS


def lookup_rows(districts: int = 6) -> list[list[str]]:
    """Districts in two counties of one region, plus a unitary authority."""
    rows = []
    for number in range(districts):
        county = number % 2
        rows.append(
            [
                f"E07{number:06d}",
                f"District {chr(65 + number)}",
                f"E1000{county:04d}",
                f"County {chr(65 + county)}",
                "E12000001",
                "North Region",
                str(80_000 + 7_919 * number),
            ]
        )
    rows.append(
        ["E06000001", "Unitary", "E06000001", "Unitary", "E12000001", "North Region", "120000"]
    )
    return rows


def case_rows(
    lookup: list[list[str]], *, start: str = "2020-10-01", days: int = 28
) -> list[list[str]]:
    """Daily cases for every district in ``lookup``, ordered by area then date."""
    first = date.fromisoformat(start)
    rows = []
    for index, (code, name, *_rest) in enumerate(lookup):
        for day in range(days):
            count = 20 + (index * 7 + day * 3) % 17 + day // 4
            rows.append([code, name, (first + timedelta(days=day)).isoformat(), str(count)])
    return rows


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def covid_inputs(folder: Path, *, districts: int = 6, days: int = 28) -> dict[str, Path]:
    """Write a lookup and a cases file into ``folder``; returns input name -> path."""
    lookup = lookup_rows(districts)
    return {
        "cases": write_csv(folder / "cases.csv", CASES_HEADER, case_rows(lookup, days=days)),
        "areas": write_csv(folder / "lookup.csv", LOOKUP_HEADER, lookup),
    }


def data_args(inputs: dict[str, Path]) -> list[str]:
    """``--data name=path`` options for the command line."""
    return [option for name, path in inputs.items() for option in ("--data", f"{name}={path}")]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes), to compare before and after."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def edit_csv(path: Path, change) -> None:
    """Rewrite a CSV after ``change(rows)`` edits its rows in place (``rows[0]`` is the
    header, so ``rows[i]`` is on line ``i + 1``)."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    change(rows)
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


MSOA_HEADER = [
    "areaCode",
    "areaName",
    "date",
    "newCasesBySpecimenDateRollingSum",
    "newCasesBySpecimenDateRollingRate",
    "lad19_cd",
    "lad19_nm",
]


def msoa_rows(
    counts: dict[str, list[int | None]], *, start: str = "2020-09-05", populations=None
) -> list[list[str]]:
    """Weekly neighbourhood rows like the dashboard's MSOA file: a count and its rate per
    100,000 to one decimal place, both blank where the count is None (suppressed)."""
    first = date.fromisoformat(start)
    rows = []
    for index, (code, weekly) in enumerate(counts.items()):
        people = (populations or {}).get(code, 7_000 + 331 * index)
        for week, count in enumerate(weekly):
            rate = "" if count is None else f"{count * 100_000 / people:.1f}"
            rows.append(
                [
                    code,
                    f"Neighbourhood {code[-2:]}",
                    (first + timedelta(weeks=week)).isoformat(),
                    "" if count is None else str(count),
                    rate,
                    f"E0700000{index % 2}",
                    f"District {index % 2}",
                ]
            )
    return rows


def narrative_with_template(folder: Path, template: str, *, yaml_edit=None) -> Path:
    """A copy of the shipped covid-cases narrative whose area stories use ``template``
    (saved as ``templates/custom/area.j2`` beside it); ``yaml_edit`` may change its text."""
    from storygen import paths

    (folder / "narratives").mkdir(parents=True, exist_ok=True)
    (folder / "templates" / "custom").mkdir(parents=True, exist_ok=True)
    (folder / "templates" / "custom" / "area.j2").write_text(template, encoding="utf-8")
    text = (paths.NARRATIVES / "covid-cases.yaml").read_text(encoding="utf-8")
    text = text.replace("template: covid-cases/area.j2", "template: custom/area.j2")
    narrative = folder / "narratives" / "covid-cases.yaml"
    narrative.write_text(yaml_edit(text) if yaml_edit else text, encoding="utf-8")
    return narrative


def run_with_template(folder: Path, template: str) -> tuple[Any, dict[str, Any]]:
    """``storygen run`` on the synthetic inputs with ``template`` as the area template: the
    command's result and the manifest it wrote to ``folder/out``."""
    from click.testing import CliRunner

    from storygen.cli import main

    inputs = covid_inputs(folder)
    narrative = narrative_with_template(folder, template)
    out = folder / "out"
    result = CliRunner().invoke(
        main, ["run", str(narrative), *data_args(inputs), "--out", str(out)], catch_exceptions=False
    )
    return result, json.loads((out / "manifest.json").read_text(encoding="utf-8"))
