"""The daily case-rate stories end to end on the real data, checked against hand computations."""

from __future__ import annotations

import csv
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

AS_OF = "2020-11-25"
KENT_DISTRICTS = {
    "E07000105", "E07000106", "E07000107", "E07000108", "E07000109", "E07000110",
    "E07000111", "E07000112", "E07000113", "E07000114", "E07000115", "E07000116",
}  # fmt: skip
BAD_TEXT = re.compile(r"\bnan\b|\bNone\b|\binf\b|\{\{|\}\}", re.IGNORECASE)


def real_args(real_data: Path) -> list[str]:
    return [
        "--data", f"cases={real_data / 'england_ltla_cases_final.csv'}",
        "--data", f"areas={real_data / 'england_ltla_lookup_lad19.csv'}",
    ]  # fmt: skip


@pytest.fixture(scope="module")
def real_run(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from storygen.cli import main

    out = tmp_path_factory.mktemp("drafts") / AS_OF
    result = CliRunner().invoke(
        main, ["run", "covid-cases", *real_args(real_data), "--as-of", AS_OF, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def load_stories(out: Path) -> dict[str, dict]:
    manifest = json.loads((out / "manifest.json").read_text())
    return {
        entry["id"]: json.loads((out / entry["files"]["json"]).read_text())
        for entry in manifest["stories"]
    }


def seven_day_cases(real_data: Path, code: str, end: str) -> int:
    """Sum a district's daily cases over the seven days to ``end`` with the csv module alone."""
    last = date.fromisoformat(end)
    days = {(last - timedelta(days=n)).isoformat() for n in range(7)}
    with (real_data / "england_ltla_cases_final.csv").open() as handle:
        rows = [r for r in csv.DictReader(handle) if r["areaCode"] == code and r["date"] in days]
    assert len(rows) == 7
    return sum(int(r["newCasesBySpecimenDate"]) for r in rows)


def population(real_data: Path, code: str) -> int:
    with (real_data / "england_ltla_lookup_lad19.csv").open() as handle:
        return next(
            int(r["population_mye2019"]) for r in csv.DictReader(handle) if r["lad19_cd"] == code
        )


def test_every_district_and_county_has_a_story_or_a_reason(real_run: Path, real_data: Path):
    manifest = json.loads((real_run / "manifest.json").read_text())
    stories = load_stories(real_run)
    districts = [
        s for s in stories.values() if s["kind"] == "area" and s["area_type"] == "district"
    ]
    counties = [s for s in stories.values() if s["kind"] == "area" and s["area_type"] == "county"]
    skipped = {entry["area_name"]: entry["reason"] for entry in manifest["skipped"]}
    # 316 districts have rows in the cases file; the City of London's rows stop in October
    # 2020 (the dashboard folds it into Hackney), so it is skipped with the reason, as is the
    # Isles of Scilly, which the lookup has and the cases file does not.
    assert len(districts) == 315
    assert set(skipped) == {"City of London", "Isles of Scilly"}
    assert "no rows" in skipped["City of London"]
    with (real_data / "england_ltla_lookup_lad19.csv").open() as handle:
        lookup = list(csv.DictReader(handle))
    two_tier = {r["utla19_cd"] for r in lookup if r["utla19_cd"] != r["lad19_cd"]}
    assert {s["area_code"] for s in counties} == two_tier
    assert len(counties) == 26
    roundups = [s for s in stories.values() if s["kind"] == "roundup"]
    assert sorted(s["plan"] for s in roundups) == ["against-trend", "roundup", "targets"]
    assert {s["area_name"] for s in roundups} == {"Kent and Medway"}
    assert manifest["held"] == []


def test_each_story_has_a_headline_and_three_paragraphs(real_run: Path):
    for story in load_stories(real_run).values():
        assert story["headline"].strip(), story["id"]
        assert len(story["paragraphs"]) >= 3, story["id"]
        assert story["as_of"] == AS_OF


def test_no_draft_has_an_empty_slot_or_a_broken_value(real_run: Path):
    files = [path for path in real_run.rglob("*") if path.is_file()]
    assert len(files) > 600
    for path in files:
        text = path.read_text()
        if path.parent.name == "stories" and path.suffix == ".json":
            story = json.loads(text)
            copy = [
                story.get("headline", ""),
                story.get("standfirst", ""),
                *story.get("paragraphs", []),
            ]
            assert all(part.strip() for part in copy), path
            text = "\n".join(copy)
        assert not BAD_TEXT.search(text), (path, BAD_TEXT.search(text))
        assert "\n\n\n" not in text, path


def test_boston_rate_matches_a_hand_computation(real_run: Path, real_data: Path):
    now = seven_day_cases(real_data, "E07000136", "2020-11-25")
    before = seven_day_cases(real_data, "E07000136", "2020-11-18")
    people = population(real_data, "E07000136")
    assert (now, before) == (370, 307)
    assert round(now / people * 100_000, 1) == 527.3
    assert round(before / people * 100_000, 1) == 437.5
    story = load_stories(real_run)["covid-cases-area-boston-e07000136"]
    facts = {fact["id"]: fact for fact in story["facts"]}
    rate = facts["change.rate.E07000136"]
    assert round(rate["value"], 1) == 527.3 and round(rate["values"]["previous"], 1) == 437.5
    copy = " ".join([story["headline"], story["standfirst"], *story["paragraphs"]])
    assert "527.3" in copy and "437.5" in copy and "370" in copy and "307" in copy
    assert "Lincolnshire" in copy


def test_kent_is_the_sum_of_its_twelve_districts(real_run: Path, real_data: Path):
    cases = sum(seven_day_cases(real_data, code, AS_OF) for code in KENT_DISTRICTS)
    people = sum(population(real_data, code) for code in KENT_DISTRICTS)
    assert people == 1_581_555  # the data README's figure for Kent
    story = load_stories(real_run)["covid-cases-area-kent-e10000016"]
    facts = {fact["id"]: fact for fact in story["facts"]}
    assert facts["change.cases.E10000016"]["value"] == cases
    expected_rate = f"{cases / people * 100_000:.1f}"
    assert expected_rate in " ".join(story["paragraphs"] + [story["standfirst"]])


def test_swale_leads_on_its_national_ranking(real_run: Path):
    story = load_stories(real_run)["covid-cases-area-swale-e07000113"]
    assert story["headline"] == "Swale has the highest Covid-19 rate in England"
    rank = next(f for f in story["facts"] if f["id"] == "rank.rate.district-in-country.E07000113")
    assert rank["values"]["position"] == 1 and rank["values"]["of"] == 315
    assert story["score"] == max(f["score"] for f in story["facts"])


def test_against_the_trend_names_the_six_rising_areas(real_run: Path):
    story = load_stories(real_run)["covid-cases-against-trend-kent-and-medway"]
    copy = " ".join(story["paragraphs"])
    # the data README: final LTLA data give the same six Kent areas rising as the reference
    for name in [
        "Medway",
        "Dover",
        "Maidstone",
        "Tonbridge and Malling",
        "Folkestone and Hythe",
        "Ashford",
    ]:
        assert name in copy
    assert story["headline"].startswith("Six areas of Kent and Medway")


def test_patch_selects_its_areas_and_roundup(cli, real_data: Path, tmp_path: Path):
    result = cli("run", "covid-cases", *real_args(real_data), "--as-of", AS_OF,
                 "--patch", "kent and medway", "--out", tmp_path / "kent")  # fmt: skip
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "kent" / "manifest.json").read_text())
    codes = {entry["area_code"] for entry in manifest["stories"]}
    assert codes == KENT_DISTRICTS | {"E06000035", "E10000016", None}
    assert all(entry["patch"] == "Kent and Medway" for entry in manifest["stories"])
    for entry in manifest["stories"]:
        assert set(entry) >= {"id", "narrative", "kind", "area_code", "area_name", "patch",
                              "headline", "score", "files"}  # fmt: skip
        assert set(entry["files"]) == {"md", "json"}
        story = json.loads((tmp_path / "kent" / entry["files"]["json"]).read_text())
        assert set(story) >= {"id", "narrative", "kind", "as_of", "area_code", "area_name",
                              "headline", "standfirst", "paragraphs", "facts", "sources"}  # fmt: skip
        for fact in story["facts"]:
            assert fact["provenance"]["path"].endswith((".csv", ".csv.gz", ".parquet"))
