"""The command-line contract: outputs, exit codes and messages a user acts on."""

from __future__ import annotations

import json
from pathlib import Path

from storygen.compose import DEMO_NOTICE


def test_demo_run_writes_drafts_that_say_they_are_demo(cli, tmp_path: Path):
    result = cli("run", "--out", tmp_path / "demo")
    assert result.exit_code == 0, result.output
    assert f"to {tmp_path / 'demo'}/" in result.output
    manifest = json.loads((tmp_path / "demo" / "manifest.json").read_text())
    assert len(manifest["stories"]) > 20
    for entry in manifest["stories"]:
        story = json.loads((tmp_path / "demo" / entry["files"]["json"]).read_text())
        assert story["demo"] is True
        assert story["paragraphs"][0] == DEMO_NOTICE
        markdown = (tmp_path / "demo" / entry["files"]["md"]).read_text()
        assert DEMO_NOTICE in markdown


def test_a_run_says_how_far_each_narratives_figures_reach(cli, tmp_path: Path):
    """The demo's case figures end on January 31, 2021 and its hospital figures on March
    23: the folder is named for the latest, and the run says, narrative by narrative, how
    many drafts it wrote and the date their figures reach, as their stories give it."""
    result = cli("run", "--patch", "Kent and Medway", "--out", tmp_path / "demo")
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "demo" / "manifest.json").read_text())
    count = len(manifest["stories"])
    assert result.output.startswith(f"Wrote {count} drafts to {tmp_path / 'demo'}/\n")
    reach: dict[str, set[str]] = {}
    for entry in manifest["stories"]:
        story = json.loads((tmp_path / "demo" / entry["files"]["json"]).read_text())
        reach.setdefault(story["narrative"], set()).add(story["as_of"])
    assert reach["covid-cases"] == {"2021-01-31"} and reach["hospital-patients"] == {"2021-03-23"}
    for narrative, days in reach.items():
        drafts = sum(entry["narrative"] == narrative for entry in manifest["stories"])
        assert f"  {narrative}: {drafts} drafts, figures to {max(days)}\n" in result.output
    assert "draft(s)" not in result.output


def test_default_output_folder_is_named_for_the_as_of_date(cli, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("run", "covid-cases", "--as-of", "2020-11-25", "--patch", "Kent and Medway")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "drafts" / "2020-11-25" / "manifest.json").exists()


def test_unknown_input_name_is_a_usage_error(cli, tmp_path: Path):
    result = cli("run", "covid-cases", "--data", "hospital=x.csv", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "no selected narrative has an input named 'hospital'" in result.output
    assert not (tmp_path / "o").exists()


def test_missing_file_names_the_file(cli, tmp_path: Path):
    missing = tmp_path / "nowhere.csv"
    result = cli("run", "covid-cases", "--data", f"cases={missing}", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert str(missing) in result.output and "no such file" in result.output


def test_as_of_after_the_data_ends_is_refused(cli, tmp_path: Path):
    result = cli("run", "covid-cases", "--as-of", "2030-01-01", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "after the data ends: the latest date is 2021-01-31" in result.output
    assert "ltla_cases.csv" in result.output


def test_a_date_one_narratives_data_does_not_reach_names_that_narrative(cli, tmp_path: Path):
    """The demo neighbourhood file ends on December 26, the others later: a run of every
    narrative for January 9 says which one to leave out, and writes nothing."""
    result = cli("run", "--as-of", "2021-01-09", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "msoa_weekly.csv, line " in result.output
    assert "the latest date is 2020-12-26" in result.output
    assert "or a run without narrative 'covid-hotspots'" in result.output
    assert not (tmp_path / "o").exists()
    result = cli("run", "covid-cases", "hospital-patients", "--as-of", "2021-01-09",
                 "--out", tmp_path / "o")  # fmt: skip
    assert result.exit_code == 0, result.output


def test_bad_cell_names_file_line_and_column(cli, tmp_path: Path):
    bad = tmp_path / "cases.csv"
    bad.write_text(
        "areaCode,areaName,date,newCasesBySpecimenDate\n"
        "E07000113,Swale,2020-11-01,12\n"
        "E07000113,Swale,2020-11-02,twelve\n"
    )
    result = cli("run", "covid-cases", "--data", f"cases={bad}", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert (
        f"{bad}, line 3, column 'newCasesBySpecimenDate': 'twelve' is not a number; expected a whole number of 0 or more"
        in result.output
    )


def test_unknown_narrative_lists_the_shipped_ones(cli):
    result = cli("run", "no-such-story")
    assert result.exit_code == 2
    assert "covid-cases" in result.output


def test_unknown_patch_lists_the_patches(cli, tmp_path: Path):
    result = cli("run", "covid-cases", "--patch", "Narnia", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "'Kent and Medway'" in result.output


def test_bad_date_option_is_a_usage_error(cli):
    result = cli("run", "--as-of", "25/11/2020")
    assert result.exit_code == 2
    assert "use YYYY-MM-DD" in result.output


def test_help_shows_an_example(cli):
    for args in [(), ("run",), ("facts",)]:
        result = cli(*args, "--help")
        assert result.exit_code == 0
        assert "Example" in result.output and "storygen " in result.output


def test_facts_json_lists_ranked_facts_with_provenance(cli):
    result = cli("facts", "covid-cases", "--as-of", "2020-11-25", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    scores = [fact["score"] for fact in payload["facts"]]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    kinds = {fact["kind"] for fact in payload["facts"]}
    assert {"change", "rank", "record"} <= kinds
    first = payload["facts"][0]
    assert first["provenance"]["path"].endswith("ltla_cases.csv")
    assert first["provenance"]["arithmetic"]


def test_facts_table_is_readable(cli):
    result = cli("facts", "covid-cases", "--as-of", "2020-11-25", "--patch", "Kent and Medway")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(tuple("0123456789")) and "strongest first" in lines[0]
    assert any("Swale" in line for line in lines[2:])
