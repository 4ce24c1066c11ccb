"""The neighbourhood and hospital datasets read as their narratives declare: suppressed
counts stay blank, NHS England's total rows are left out and rebuilt from the trusts, and
both narratives run end to end."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import real_panels as real
from click.testing import CliRunner

from storygen.cli import main
from storygen.errors import NarrativeError
from storygen.narrative import load

TOTAL_ROWS = ("ENGLAND", "EAST_OF_ENGLAND", "LONDON", "MIDLANDS", "NORTH_EAST_AND_YORKSHIRE",
              "NORTH_WEST", "SOUTH_EAST", "SOUTH_WEST")  # fmt: skip
BAD_TEXT = re.compile(r"\bnan\b|\bNaN\b|\bNone\b|\binf\b|\{\{|\}\}")  # "none" is English


def test_trusts_add_up_to_nhs_englands_own_total_rows():
    _, panel = real.panel("hospital-patients")
    patients = panel.measures["patients"]
    published = {key: value for key, value in real.beds().items() if key[0] in TOTAL_ROWS}
    assert len(published) > 1500
    for (code, day), value in published.items():
        assert patients.at[code, pd.Timestamp(day)] == value, (code, day)
    assert patients.at["SOUTH_EAST", pd.Timestamp("2020-12-23")] == 2868
    assert patients.at["ENGLAND", pd.Timestamp("2020-12-23")] == 17834
    trusts = panel.areas[panel.areas["level"] == "trust"]
    assert not trusts.index.isin(TOTAL_ROWS).any()
    east_kent = panel.areas.loc["RVV"]
    assert east_kent["name"] == "East Kent Hospitals University NHS Foundation Trust"
    assert (east_kent["region_code"], east_kent["region_name"]) == ("SOUTH_EAST", "South East")


def test_suppressed_neighbourhood_counts_stay_blank():
    _, panel = real.panel("covid-hotspots")
    cases = panel.measures["cases"]
    neighbourhoods = panel.areas[panel.areas["level"] == "neighbourhood"]
    assert len(neighbourhoods) == 1108
    blank = sum(1 for r in real.msoa_rows() if not r["newCasesBySpecimenDateRollingSum"])
    values = cases.loc[neighbourhoods.index].to_numpy()
    assert np.isnan(values).sum() == blank > 0
    assert np.nanmin(values) >= 3  # a blank is fewer than three, never a zero
    # published counts are not added up into districts: the suppressed ones would be missing
    assert cases.loc["E07000113"].isna().all()
    assert set(panel.levels) == {"neighbourhood", "district", "county", "region"}


@pytest.mark.parametrize(
    "name,as_of,stories",
    [("covid-hotspots", "2020-11-14", 15), ("hospital-patients", "2020-12-23", 5)],
)
def test_the_new_narratives_run_end_to_end(name, as_of, stories, tmp_path: Path):
    real.need_real_data()
    out = tmp_path / name
    result = CliRunner().invoke(
        main,
        [
            "run",
            name,
            *real.data_args(name),
            "--as-of",
            as_of,
            "--patch",
            "Kent and Medway",
            "--out",
            str(out),
        ],  # fmt: skip
    )
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["held"] == [] and len(manifest["stories"]) == stories
    for entry in manifest["stories"]:
        story = json.loads((out / entry["files"]["json"]).read_text())
        copy = "\n".join([story["headline"], story["standfirst"], *story["paragraphs"]])
        assert story["headline"] and story["paragraphs"]
        assert not BAD_TEXT.search(copy), (entry["id"], BAD_TEXT.search(copy))
    roundup = next(e for e in manifest["stories"] if e["kind"] == "roundup")
    text = (out / roundup["files"]["md"]).read_text()
    if name == "covid-hotspots":
        assert "Sheppey East" in text and "1,871.5" in text
    else:
        assert "1,012" in text and "364" in text  # 364 + 227 + 253 + 168


@pytest.mark.parametrize(
    "change,message",
    [
        (("    exclude: *totals\n", "    exclude: [ENGLAND]\n"), "exclude must map a column"),
        (("    ratio: ventilated\n    denominator: patients\n", "    denominator: patients\n"),
         "needs input and column, or ratio"),
        (("    denominator: patients\n", "    denominator: beds\n"), "divides unknown measure 'beds'"),
        (("  - {level: trust, within: patch}\n", "  - {level: trust, within: ward}\n"),
         "is not a geography level or 'patch'"),
    ],
)  # fmt: skip
def test_a_malformed_narrative_names_its_file(tmp_path: Path, change, message):
    text = load("hospital-patients").path.read_text()
    assert change[0] in text
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace(change[0], change[1]))
    with pytest.raises(NarrativeError, match=re.escape(message)) as error:
        load(str(broken))
    assert str(broken) in str(error.value)
