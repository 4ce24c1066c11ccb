"""Bad input data fails closed: a clear error naming the file, line, column and what was
expected, exit code 2, and the output folder left exactly as it was."""

from __future__ import annotations

import gzip
import http.server
import shutil
import subprocess
import sys
import threading
import zlib
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from casedata import (
    CASES_HEADER,
    MSOA_HEADER,
    covid_inputs,
    data_args,
    edit_csv,
    msoa_rows,
    snapshot,
    write_csv,
)
from click.testing import CliRunner
from shared_data import REAL

from storygen.cli import main
from storygen.errors import DataError
from storygen.pipeline import RunOptions, load_narratives, prepare

COUNT = "newCasesBySpecimenDate"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "data"
    folder.mkdir()
    return covid_inputs(folder)


@pytest.fixture(scope="module")
def good_run(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("good")
    out = folder / "out"
    result = invoke("run", "covid-cases", *data_args(covid_inputs(folder)), "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def previous(tmp_path: Path, good_run: Path) -> Path:
    """The output of an earlier good run, which a failed run must leave alone."""
    return Path(shutil.copytree(good_run, tmp_path / "out"))


def assert_refused(result, out: Path, before: dict[str, bytes], *parts: str) -> str:
    """Exit 2, every part in the message, and the output folder untouched."""
    assert result.exit_code == 2, result.output
    message = result.stderr
    for part in parts:
        assert part in message, f"{part!r} not in {message!r}"
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".out")) == []
    return message


def set_cell(line: int, column: str, value: str, header=CASES_HEADER):
    def change(rows: list[list[str]]) -> None:
        rows[line - 1][header.index(column)] = value

    return change


# Each case: how to break the cases file, then what the message must say. Line 1 is the
# header; the districts' rows follow, 28 days each.
CASES = {
    "renamed column": (
        lambda rows: rows[0].__setitem__(3, "newCases"),
        ["line 1", f"column '{COUNT}'", f"expected columns areaCode, date, {COUNT}",
         f"was '{COUNT}' renamed 'newCases'?"],
    ),
    "missing column": (
        lambda rows: [row.pop(2) for row in rows],
        ["line 1", "column 'date'", "no column 'date'; expected columns areaCode, date"],
    ),
    "text for a count": (
        set_cell(11, COUNT, "twelve"),
        ["line 11", f"column '{COUNT}'", "'twelve' is not a number",
         "expected a whole number of 0 or more"],
    ),
    "fraction for a count": (
        set_cell(12, COUNT, "12.5"),
        ["line 12", f"column '{COUNT}'", "'12.5' is not a whole number; expected a whole number"],
    ),
    "infinite count": (
        set_cell(13, COUNT, "inf"),
        ["line 13", f"column '{COUNT}'", "'inf' is not a number"],
    ),
    "blank count": (
        set_cell(14, COUNT, ""),
        ["line 14", f"column '{COUNT}'", "a blank cell; expected a whole number"],
    ),
    "unparseable date": (
        set_cell(9, "date", "09/10/2020"),
        ["line 9", "column 'date'", "'09/10/2020' is not a date; expected YYYY-MM-DD"],
    ),
    "duplicate area and date": (
        lambda rows: rows.append(list(rows[6])),
        ["line 198", "column 'date'", "a second row for areaCode E07000000, date 2020-10-06",
         "(the first is line 7)", "expected each areaCode and date once"],
    ),
    "negative count": (
        set_cell(20, COUNT, "-3"),
        ["line 20", f"column '{COUNT}'", "'-3' is below 0; expected a whole number of 0 or more"],
    ),
    "unknown area code": (
        set_cell(40, "areaCode", "E07999999"),
        ["line 40", "column 'areaCode'", "area code 'E07999999' is not in the lookup",
         "lookup.csv (column 'lad19_cd')", "expected one of its 7 codes"],
    ),
    "blank area code": (
        set_cell(41, "areaCode", ""),
        ["line 41", "column 'areaCode'", "a blank cell; expected an area code in every row"],
    ),
    "date in the future": (
        set_cell(29, "date", (date.today() + timedelta(days=40)).isoformat()),
        ["line 29", "column 'date'", "is after today",
         "expected dates on or before today"],
    ),
    "unquoted comma": (
        set_cell(15, "areaName", "Bath, North East Somerset"),
        ["line 15", "5 fields where the header has 4",
         "expected one field per column"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_bad_cases_file_is_refused(case, inputs, previous):
    change, parts = CASES[case]
    if case == "unquoted comma":  # csv.writer would quote it: write the raw line instead
        text = inputs["cases"].read_text().splitlines()
        text[14] = text[14].replace("District A", "Bath, North East Somerset")
        inputs["cases"].write_text("\n".join(text) + "\n")
    else:
        edit_csv(inputs["cases"], change)
    before = snapshot(previous)
    result = invoke("run", "covid-cases", *data_args(inputs), "--out", str(previous))
    assert_refused(result, previous, before, "cases.csv", *parts)


LOOKUP_CASES = {
    "area missing its county": (
        lambda rows: rows[3].__setitem__(2, ""),
        ["line 4", "column 'utla19_cd'", "a blank cell; expected a county code in every row"],
    ),
    "area missing its region name": (
        lambda rows: rows[5].__setitem__(5, " "),
        ["line 6", "column 'rgn19_nm'", "expected a region name in every row"],
    ),
    "population of zero": (
        lambda rows: rows[2].__setitem__(6, "0"),
        ["line 3", "column 'population_mye2019'", "'0' people; expected a population above zero"],
    ),
    "missing population column": (
        lambda rows: [row.pop(6) for row in rows],
        ["line 1", "column 'population_mye2019'", "no column 'population_mye2019'"],
    ),
    "area listed twice": (
        lambda rows: rows.append(list(rows[1])),
        ["line 9", "column 'lad19_cd'", "(the first is line 2)", "expected each lad19_cd once"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(LOOKUP_CASES))
def test_bad_lookup_is_refused(case, inputs, previous):
    change, parts = LOOKUP_CASES[case]
    edit_csv(inputs["areas"], change)
    before = snapshot(previous)
    result = invoke("run", "covid-cases", *data_args(inputs), "--out", str(previous))
    assert_refused(result, previous, before, "lookup.csv", *parts)


MSOA = Path(__file__).resolve().parents[1] / "fixtures" / "demo" / "msoa_weekly.csv"


@pytest.mark.parametrize(
    ("line", "column", "what"),
    [(2, "lad19_nm", "a district name"), (30, "lad19_nm", "a district name"),
     (31, "rgn19_cd", "a region code")],
)  # fmt: skip
def test_a_blank_area_name_in_any_row_of_the_neighbourhoods_is_refused(
    line, column, what, tmp_path
):
    """The neighbourhoods' own rows are their lookup: a blank in any row of an area, not
    only its first, is refused with its line."""
    data = tmp_path / "msoa.csv"
    shutil.copy(MSOA, data)

    def blank(rows):
        assert rows[line - 2][0] == rows[line - 1][0] or line == 2  # not the area's first row
        rows[line - 1][rows[0].index(column)] = ""

    edit_csv(data, blank)
    out = tmp_path / "out"
    result = invoke("run", "covid-hotspots", "--data", f"msoa={data}", "--out", str(out))
    assert result.exit_code == 2, result.output
    for part in (f"line {line}", f"column {column!r}", f"expected {what} in every row"):
        assert part in result.stderr, result.stderr
    assert not out.exists()


def test_as_of_after_the_data_end(inputs, previous):
    before = snapshot(previous)
    result = invoke(
        "run", "covid-cases", *data_args(inputs), "--as-of", "2020-12-25", "--out", str(previous)
    )
    # the first row dated 2020-10-28 is District A's 28th day: line 29
    assert_refused(
        result,
        previous,
        before,
        "cases.csv, line 29, column 'date'",
        "the as-of date 2020-12-25 is after the data ends: the latest date is 2020-10-28",
        "expected --as-of on or before it, or a run without narrative 'covid-cases'",
    )


def test_as_of_before_the_data_begin(inputs, previous):
    before = snapshot(previous)
    result = invoke(
        "run", "covid-cases", *data_args(inputs), "--as-of", "2020-01-01", "--out", str(previous)
    )
    assert_refused(
        result,
        previous,
        before,
        "cases.csv, line 2, column 'date'",
        "before the data begin: the first date is 2020-10-01; expected --as-of on or after it, "
        "or a run without narrative 'covid-cases'",
    )


def gzipped(path: Path) -> bytes:
    return gzip.compress(path.read_bytes(), mtime=0)


def decompressible_lines(data: bytes) -> int:
    """How many whole lines a broken gzip stream still yields."""
    return zlib.decompressobj(wbits=31).decompress(data).count(b"\n")


FILE_CASES = {
    "empty file": (
        lambda path: b"",
        ["line 1", "the file is empty; expected CSV text with a header row"],
    ),
    "header and no rows": (
        lambda path: path.read_bytes().splitlines(keepends=True)[0],
        ["line 2", "the file has a header but no rows; expected rows of data after it"],
    ),
    "binary file": (
        lambda path: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        ["line 1", "binary data, not CSV; expected CSV text"],
    ),
    "excel workbook": (
        lambda path: b"PK\x03\x04\x14\x00\x06\x00" + bytes(64),
        ["line 1", "a ZIP archive or Excel workbook", "not CSV; expected CSV text"],
    ),
    "html error page": (
        lambda path: b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
        b"<body><h1>502 Bad Gateway</h1></body></html>\n",
        ["line 1", "an HTML or XML page (a web server's error page?), not CSV"],
    ),
    "json instead of csv": (
        lambda path: b'{"errors": ["rate limited"]}\n',
        ["line 1", "JSON, not CSV"],
    ),
    "not utf-8": (
        lambda path: path.read_bytes().replace(b"District B", b"Caf\xe9 B", 1),
        ["line 30", "text that is not UTF-8", "expected a UTF-8 CSV file"],
    ),
    "truncated download": (  # cut inside line 34's date
        lambda path: b"\n".join(path.read_bytes().split(b"\n")[:34])[:-7],
        ["line 34, column 'date'", "the last line stops in field 3 of 4 with no newline",
         "cut short (an interrupted download?)", "expected a complete row ending in a newline"],
    ),
    "truncated after a comma": (
        lambda path: b"\n".join(path.read_bytes().split(b"\n")[:34])[:-2],
        [f"line 34, column '{COUNT}'", "the last line stops in field 4 of 4 with no newline"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(FILE_CASES))
def test_unreadable_file_is_refused(case, inputs, previous):
    make, parts = FILE_CASES[case]
    inputs["cases"].write_bytes(make(inputs["cases"]))
    before = snapshot(previous)
    result = invoke("run", "covid-cases", *data_args(inputs), "--out", str(previous))
    assert_refused(result, previous, before, "cases.csv", *parts)


def test_gzipped_input_is_read(inputs, previous, tmp_path):
    packed = inputs["cases"].with_suffix(".csv.gz")
    packed.write_bytes(gzipped(inputs["cases"]))
    out = tmp_path / "from-gzip"
    result = invoke(
        "run", "covid-cases", *data_args({**inputs, "cases": packed}), "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    drafts = {name: text for name, text in snapshot(out).items() if name.endswith(".md")}
    assert drafts == {name: text for name, text in snapshot(previous).items() if name in drafts}
    assert len(drafts) == 10


def test_truncated_gzip_names_the_line_it_ends_on(inputs, previous):
    data = gzipped(inputs["cases"])
    cut = data[: len(data) * 2 // 3]
    packed = inputs["cases"].with_suffix(".csv.gz")
    packed.write_bytes(cut)
    before = snapshot(previous)
    result = invoke(
        "run", "covid-cases", *data_args({**inputs, "cases": packed}), "--out", str(previous)
    )
    line = decompressible_lines(cut) + 1
    assert 2 < line < len(inputs["cases"].read_bytes().splitlines())
    assert_refused(
        result,
        previous,
        before,
        f"cases.csv.gz, line {line}:",
        "the gzip file ends early (a truncated download?)",
        "expected a complete gzip file: download it again",
    )


def test_corrupt_gzip_is_refused(inputs, previous):
    data = bytearray(gzipped(inputs["cases"]))
    data[-8:-4] = bytes(4)  # a wrong CRC-32 in the trailer
    packed = inputs["cases"].with_suffix(".csv.gz")
    packed.write_bytes(bytes(data))
    before = snapshot(previous)
    result = invoke(
        "run", "covid-cases", *data_args({**inputs, "cases": packed}), "--out", str(previous)
    )
    assert_refused(
        result,
        previous,
        before,
        "cases.csv.gz, line",
        "the gzip data are corrupt (CRC check failed",
        "expected a complete gzip file",
    )


def test_missing_file_is_refused(inputs, previous):
    before = snapshot(previous)
    gone = inputs["cases"].with_name("gone.csv")
    result = invoke(
        "run", "covid-cases", *data_args({**inputs, "cases": gone}), "--out", str(previous)
    )
    assert_refused(result, previous, before, "gone.csv: no such file; expected a CSV")


# --- inputs that filter one file into several measures keep their line numbers ----------

BEDS_NARRATIVE = """\
name: beds-test
title: Hospital beds
inputs:
  beds:
    default: beds.csv
    title: Beds
    columns: {area: org_code, date: date}
  trusts:
    default: trusts.csv
    title: Trusts
geography:
  input: trusts
  levels:
    - {name: trust, code: org_code, label: org_name}
    - {name: country, code: ENGLAND, label: England, fixed: true}
measures:
  beds:
    input: beds
    column: value
    filter: {metric: beds_occupied_covid_total}
    integer: true
  ventilated:
    input: beds
    column: value
    filter: {metric: beds_occupied_covid_mv}
    integer: true
facts:
  change: {measures: [beds]}
stories:
  trust: {kind: area, levels: [trust], template: beds-test/area.j2}
"""


def test_filtered_input_names_the_right_line(tmp_path):
    (tmp_path / "narratives").mkdir()
    narrative = tmp_path / "narratives" / "beds-test.yaml"
    narrative.write_text(BEDS_NARRATIVE)
    write_csv(tmp_path / "trusts.csv", ["org_code", "org_name"], [["RVV", "East Kent"]])
    rows = []
    for day in range(10):
        iso = f"2020-12-{day + 1:02d}"
        rows += [[iso, "RVV", "beds_occupied_covid_total", str(300 + day)]]
        rows += [[iso, "RVV", "beds_occupied_covid_mv", str(20 + day)]]
    rows[13][3] = "n/a"  # line 15: a ventilated-beds row, the second measure's 7th
    write_csv(tmp_path / "beds.csv", ["date", "org_code", "metric", "value"], rows)
    result = invoke(
        "run",
        str(narrative),
        "--data",
        f"beds={tmp_path / 'beds.csv'}",
        "--data",
        f"trusts={tmp_path / 'trusts.csv'}",
        "--out",
        str(tmp_path / "out"),
    )
    assert result.exit_code == 2
    assert "beds.csv, line 15, column 'value': 'n/a' is not a number" in result.stderr
    assert not (tmp_path / "out").exists()


# --- rates that must agree with counts and population -----------------------------------

MSOA_NARRATIVE = """\
name: msoa-test
title: Neighbourhood cases
inputs:
  msoa:
    default: msoa.csv
    title: Neighbourhood cases
    columns: {area: areaCode, date: date}
geography:
  levels:
    - {name: neighbourhood, code: areaCode, label: areaName}
    - {name: district, code: lad19_cd, label: lad19_nm}
measures:
  cases:
    input: msoa
    column: newCasesBySpecimenDateRollingSum
    integer: true
    allow_blank: true
    suppressed_below: 3
    noun: case
  rate:
    input: msoa
    column: newCasesBySpecimenDateRollingRate
    allow_blank: true
    rate_of: cases
    roll_up: false
    per: 100000
    decimals: 1
peer_groups:
  - {level: neighbourhood, within: district}
facts:
  change: {measures: [cases, rate]}
  rank: {measures: [rate]}
stories:
  area: {kind: area, levels: [neighbourhood, district], template: msoa-test/area.j2}
"""

MSOA_TEMPLATE = """\
{% set s = area.suppressed.cases %}
{% block headline %}{{ area.name }}{% endblock %}
{% block standfirst %}Cases in the week to {{ as_of|date }}.{% endblock %}
{% block body %}
{% if s.latest %}There were fewer than {{ s.below|number }} cases.
{% elif "change.cases" in area.facts %}There were {{ area.facts["change.cases"].value|number }} cases.
{% else %}There were {{ area.facts["rank.rate.neighbourhood-in-district"].value|rate }} cases per 100,000.
{% endif %}
{% if s.previous %}The week before there were fewer than {{ s.below|number }}.{% endif %}
{% endblock %}
"""


def msoa_folder(tmp_path: Path, counts, **kwargs) -> tuple[Path, dict[str, str]]:
    (tmp_path / "narratives").mkdir(exist_ok=True)
    (tmp_path / "templates" / "msoa-test").mkdir(parents=True, exist_ok=True)
    narrative = tmp_path / "narratives" / "msoa-test.yaml"
    narrative.write_text(MSOA_NARRATIVE)
    (tmp_path / "templates" / "msoa-test" / "area.j2").write_text(MSOA_TEMPLATE)
    data = write_csv(tmp_path / "msoa.csv", MSOA_HEADER, msoa_rows(counts, **kwargs))
    return narrative, {"msoa": str(data)}


STEADY = {
    "E02000001": [40, 52, 61, 75],
    "E02000002": [12, 15, 9, 14],
    "E02000003": [30, 33, 35, 31],
    "E02000004": [8, 11, 13, 10],
}


def prepare_msoa(narrative: Path, data: dict[str, str]):
    options = RunOptions([str(narrative)], data)
    (loaded,) = load_narratives(options)
    return prepare(loaded, options, {})


def test_rates_that_agree_with_counts_pass(tmp_path):
    narrative, data = msoa_folder(tmp_path, STEADY)
    prepared = prepare_msoa(narrative, data)
    assert prepared.facts


@pytest.mark.parametrize(
    "line, wrong, count, expected, basis",
    [
        # line 6: the second neighbourhood's first week, checked against its largest count
        (6, "200.0", "12", "163.7", "of a population of 7,331 (worked out from line 7)"),
        # line 7 is that largest count itself: its other rows outvote it
        (7, "130.0", "15", "204.6", "of about 7,330 (the area's other rows)"),
    ],
)
def test_a_rate_that_disagrees_with_its_count_is_refused(
    tmp_path, line, wrong, count, expected, basis
):
    narrative, data = msoa_folder(tmp_path, STEADY)  # its population is 7,331
    path = Path(data["msoa"])
    edit_csv(path, set_cell(line, "newCasesBySpecimenDateRollingRate", wrong, MSOA_HEADER))
    with pytest.raises(DataError) as raised:
        prepare_msoa(narrative, data)
    message = str(raised.value)
    assert message.startswith(f"{path}, line {line}, column 'newCasesBySpecimenDateRollingRate': ")
    assert f"the rate '{wrong}' does not match the count '{count}'" in message
    assert f"expected {expected} (give or take" in message
    assert basis in message


def test_the_command_line_refuses_rates_that_disagree(tmp_path):
    narrative, data = msoa_folder(tmp_path, STEADY)
    out = tmp_path / "out"
    good = invoke("run", str(narrative), "--data", f"msoa={data['msoa']}", "--out", str(out))
    assert good.exit_code == 0, good.output
    before = snapshot(out)
    edit_csv(
        Path(data["msoa"]), set_cell(12, "newCasesBySpecimenDateRollingRate", "1.0", MSOA_HEADER)
    )
    result = invoke("run", str(narrative), "--data", f"msoa={data['msoa']}", "--out", str(out))
    assert_refused(
        result,
        out,
        before,
        "msoa.csv, line 12, column 'newCasesBySpecimenDateRollingRate': the rate '1.0' does "
        "not match the count '35'",
        "expected 456.8",
    )


def test_rate_checked_against_a_given_population(tmp_path):
    (tmp_path / "narratives").mkdir()
    narrative = tmp_path / "narratives" / "rates-test.yaml"
    narrative.write_text(
        MSOA_NARRATIVE.replace("name: msoa-test", "name: rates-test")
        .replace(
            "geography:\n  levels:",
            "geography:\n  input: areas\n  population: population\n  levels:",
        )
        .replace(
            "inputs:\n",
            "inputs:\n  areas:\n    default: areas.csv\n    title: Areas\n",
        )
    )
    lookup = [
        [code, f"Neighbourhood {code[-2:]}", f"E0700000{i % 2}", f"District {i % 2}", str(people)]
        for i, (code, people) in enumerate(zip(STEADY, [7_000, 7_331, 7_662, 7_993], strict=True))
    ]
    areas = write_csv(
        tmp_path / "areas.csv",
        ["areaCode", "areaName", "lad19_cd", "lad19_nm", "population"],
        lookup,
    )
    data = write_csv(tmp_path / "msoa.csv", MSOA_HEADER, msoa_rows(STEADY))
    options = {"msoa": str(data), "areas": str(areas)}
    assert prepare_msoa(narrative, options).facts
    edit_csv(areas, lambda rows: rows[2].__setitem__(4, "9000"))  # not the population used
    with pytest.raises(DataError) as raised:
        prepare_msoa(narrative, options)
    assert "line 6, column 'newCasesBySpecimenDateRollingRate'" in str(raised.value)
    assert (
        "expected 133.3 (give or take 0.05), from 12 per 100,000 of a population of 9,000"
        in str(raised.value)
    )


def test_a_blank_rate_beside_a_count_is_refused(tmp_path):
    narrative, data = msoa_folder(tmp_path, STEADY)
    edit_csv(Path(data["msoa"]), set_cell(4, "newCasesBySpecimenDateRollingRate", "", MSOA_HEADER))
    with pytest.raises(DataError) as raised:
        prepare_msoa(narrative, data)
    message = str(raised.value)
    assert "line 4, column 'newCasesBySpecimenDateRollingRate'" in message
    assert "a blank cell where 'newCasesBySpecimenDateRollingSum' is '61'" in message
    assert "expected both blank (a suppressed figure) or both filled in" in message


@pytest.mark.skipif(not REAL.is_dir(), reason="real data folder ../shared/data/real is absent")
def test_real_neighbourhood_rates_agree_with_their_counts(tmp_path):
    narrative, _ = msoa_folder(tmp_path, STEADY)
    real = {"msoa": str(REAL / "southeast_msoa_cases_weekly.csv")}
    prepared = prepare_msoa(narrative, real)
    assert prepared.panel.measures["rate"].shape[0] > 1000
    assert prepared.holds == {}


# --- suppressed values are not zeros ----------------------------------------------------


def test_suppressed_counts_are_not_zeros(tmp_path):
    counts = {
        "E02000001": [40, 52, 61, 75],
        "E02000002": [12, None, 9, None],  # suppressed this week: fewer than three
        "E02000003": [30, 33, None, 31],  # suppressed last week
        "E02000004": [8, 11, 13, 10],
    }
    narrative, data = msoa_folder(tmp_path, counts)
    prepared = prepare_msoa(narrative, data)
    panel = prepared.panel
    last, before = pd.Timestamp("2020-09-26"), pd.Timestamp("2020-09-19")
    cases, hidden = panel.measures["cases"], panel.suppressed["cases"]
    # district 1 holds E02000002 and E02000004; district 0 holds E02000001 and E02000003.
    # A total with a suppressed part is unknown, not the sum of the rest.
    assert np.isnan(cases.loc["E07000001", last]) and hidden.loc["E07000001", last]
    assert cases.loc["E07000000", last] == 75 + 31 and not hidden.loc["E07000000", last]
    assert np.isnan(cases.loc["E07000000", before]) and hidden.loc["E07000000", before]
    assert cases.loc["E07000001", before] == 9 + 13
    assert np.isnan(panel.measures["rate"].loc["E02000002", last])
    # no fact is made from a suppressed figure
    changes = {f.subject.code for f in prepared.facts if f.kind == "change"}
    assert changes == {"E02000001", "E02000004"}

    out = tmp_path / "out"
    result = invoke("run", str(narrative), "--data", f"msoa={data['msoa']}", "--out", str(out))
    assert result.exit_code == 0, result.output
    story = (out / "stories" / "msoa-test-area-neighbourhood-03-e02000003.md").read_text()
    assert "There were 31 cases." not in story  # no change fact: the rank's rate is used
    assert "The week before there were fewer than three." in story
    assert " 0 cases" not in (out / "all.md").read_text()


# --- a huge file is streamed, not refused -----------------------------------------------


HUGE_READER = """\
import resource, sys, time
from storygen import narrative as narratives, plausibility, series
from storygen.sources import read_table

narrative = narratives.load("covid-cases")
paths = {"cases": sys.argv[1], "areas": sys.argv[2]}
loaded = {
    name: (read_table(path, columns=series.columns_needed(narrative, name)), path)
    for name, path in paths.items()
}
panel = series.build(narrative, loaded)
holds = plausibility.check(narrative, panel, panel.last_date())
print(len(loaded["cases"][0]), panel.measures["cases"].shape[1], len(holds))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def test_a_two_million_row_file_is_streamed(tmp_path):
    areas, days = 2_000, 1_000
    codes = np.array([f"E07{i:06d}" for i in range(areas)])
    lookup = tmp_path / "lookup.csv"
    pd.DataFrame(
        {
            "lad19_cd": codes,
            "lad19_nm": [f"District {i}" for i in range(areas)],
            "utla19_cd": [f"E10{i // 10:06d}" for i in range(areas)],
            "utla19_nm": [f"County {i // 10}" for i in range(areas)],
            "rgn19_cd": [f"E12{i // 250:06d}" for i in range(areas)],
            "rgn19_nm": [f"Region {i // 250}" for i in range(areas)],
            "population_mye2019": 50_000 + np.arange(areas) * 37,
        }
    ).to_csv(lookup, index=False)
    cases = tmp_path / "cases.csv"
    dates = pd.date_range("2017-01-01", periods=days).strftime("%Y-%m-%d").to_numpy()
    counts = (np.arange(areas)[:, None] % 50 + np.arange(days)[None, :] % 7 + 20).ravel()
    with cases.open("w") as handle:
        handle.write(",".join(CASES_HEADER) + "\n")
        for start in range(0, areas, 200):
            block = slice(start * days, (start + 200) * days)
            area = np.repeat(codes[start : start + 200], days)
            lines = (
                pd.Series(area) + ",Area," + np.tile(dates, 200) + "," + counts[block].astype(str)
            )
            handle.write("\n".join(lines) + "\n")
    size = cases.stat().st_size
    assert size > 50_000_000
    done = subprocess.run(
        [sys.executable, "-c", HUGE_READER, str(cases), str(lookup)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"), "PATH": ""},
    )
    assert done.returncode == 0, done.stderr
    rows, columns, held = (int(x) for x in done.stdout.split()[:3])
    peak_mb = int(done.stdout.split()[3])
    assert (rows, columns, held) == (areas * days, days, 0)
    assert peak_mb < 1_000, f"peak memory {peak_mb} MB for a {size // 1_000_000} MB file"


# --- downloads -----------------------------------------------------------------------------


class _Server(http.server.BaseHTTPRequestHandler):
    """/missing.csv answers 404; /page.csv answers 200 with an HTML error page."""

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        if self.path == "/page.csv":
            body = b"<!DOCTYPE html><html><body>Service unavailable</body></html>"
            self.send_response(200)
        else:
            body = b"not found"
            self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Server)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    "path, message",
    [
        ("/missing.csv", "could not fetch"),
        ("/page.csv", "line 1: an HTML or XML page (a web server's error page?), not CSV"),
    ],
)
def test_a_bad_download_is_refused(tmp_path, inputs, previous, server, path, message):
    url = server + path
    before = snapshot(previous)
    result = CliRunner().invoke(
        main,
        ["run", "covid-cases", "--data", f"cases={url}", "--data", f"areas={inputs['areas']}",
         "--out", str(previous)],
        env={"HOME": str(tmp_path)},  # the download cache goes under ~/.cache
        catch_exceptions=False,
    )  # fmt: skip
    assert_refused(result, previous, before, url, message)


def test_parquet_inputs_are_read_and_a_broken_one_refused(inputs, previous, tmp_path):
    frame = pd.read_csv(inputs["cases"], dtype=str)
    packed = inputs["cases"].with_suffix(".parquet")
    frame.to_parquet(packed)
    good = invoke(
        "run", "covid-cases", *data_args({**inputs, "cases": packed}), "--out", str(tmp_path / "p")
    )
    assert good.exit_code == 0, good.output
    assert len(snapshot(tmp_path / "p")) == len(snapshot(previous))

    packed.write_bytes(packed.read_bytes()[:-100])  # cut short, as a failed download would be
    before = snapshot(previous)
    result = invoke(
        "run", "covid-cases", *data_args({**inputs, "cases": packed}), "--out", str(previous)
    )
    assert_refused(result, previous, before, "cases.parquet: not a readable Parquet file")
