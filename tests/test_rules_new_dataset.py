"""A dataset storygen has never seen, of the same shape (area, date, value), needs only a
narrative file: car-park spaces in use by site, with each site's capacity."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from storygen.cli import main

NARRATIVE = """\
name: car-parks
title: Car park spaces in use
inputs:
  spaces:
    default: spaces.csv
    title: Council car park counts
    columns: {area: site, date: day}
  sites:
    default: sites.csv
    title: Council car park list
geography:
  input: sites
  levels:
    - {name: site, code: site_code, label: site_name}
    - {name: town, code: town_code, label: town_name}
    - {name: county, code: TESTSHIRE, label: Testshire, fixed: true}
measures:
  used: {input: spaces, column: used, integer: true, noun: space, label: spaces in use}
  capacity: {input: spaces, column: capacity, integer: true, noun: space, label: spaces}
  occupancy: {ratio: used, denominator: capacity, per: 100, decimals: 1, label: share of spaces in use}
compare_days: 7
peer_groups:
  - {level: site, within: town}
  - {level: site, within: county}
facts:
  change: {measures: [used]}
  rank: {measures: [used]}
  record: {measures: [used], min_days: 7}
  biggest_change: {measures: [used]}
  threshold:
    bands:
      occupancy:
        edges: [25, 50, 75]
        labels: [a quarter or less, more than a quarter, more than half, more than three-quarters]
    targets:
      - {name: room, measure: occupancy, value: 90, side: below, label: room to park}
    count_levels: [site]
  against_trend: {measures: [used], count_levels: [site]}
  earlier_peak:
    measures: [used]
    periods: [{name: new-year, label: the new year peak, start: 2021-01-01, end: 2021-01-14}]
  against_average: {measures: [occupancy], compare_with: [county], count_levels: [site]}
  hotspot: {measures: [used], level: site, within: [town]}
  share: {measures: [used], peer_groups: [{level: site, within: town}]}
stories:
  area: {kind: area, levels: [site], template: car-parks/area.j2}
"""

SITES = {  # code: (name, town code, town name, capacity)
    "A1": ("Abbey Road", "A", "Ashby", 100),
    "A2": ("Arcade", "A", "Ashby", 200),
    "B1": ("Bridge Street", "B", "Barton", 100),
    "B2": ("Bus Station", "B", "Barton", 100),
    "B3": ("Brook Lane", "B", "Barton", 50),
}


def used(code: str, day: int) -> int:
    """Spaces in use on day 1..28 of January 2021."""
    return {
        "A1": 20 + day,  # rising every day
        "A2": 150 if day == 28 else 50,  # trebles on the last day
        "B1": 80 - day,  # falling every day
        "B2": 30,
        "B3": 10 + day % 7,
    }[code]


def write_dataset(folder: Path) -> tuple[Path, Path, Path]:
    spaces, sites, narrative = (
        folder / "spaces.csv",
        folder / "sites.csv",
        folder / "car-parks.yaml",
    )
    with sites.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["site_code", "site_name", "town_code", "town_name"])
        for code, (name, town, town_name, _) in SITES.items():
            writer.writerow([code, name, town, town_name])
    with spaces.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["site", "day", "used", "capacity"])
        for day in range(1, 29):
            for code, (*_, capacity) in SITES.items():
                when = (date(2020, 12, 31) + timedelta(days=day)).isoformat()
                writer.writerow([code, when, used(code, day), capacity])
    narrative.write_text(NARRATIVE)
    return narrative, spaces, sites


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """``storygen facts`` on the dataset, run once for the module, by fact id."""
    narrative, spaces, sites = write_dataset(tmp_path_factory.mktemp("car-parks"))
    result = CliRunner().invoke(
        main,
        ["facts", str(narrative), "--data", f"spaces={spaces}", "--data", f"sites={sites}",
         "--as-of", "2021-01-28", "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return {fact["id"]: fact for fact in json.loads(result.output)["facts"]}


def test_every_kind_of_fact_from_a_narrative_alone(facts: dict[str, dict]):
    kinds = {fact["kind"] for fact in facts.values()}
    assert kinds == {"change", "rank", "record", "biggest_change", "threshold", "against_trend",
                     "earlier_peak", "against_average", "hotspot", "share"}  # fmt: skip

    arcade = facts["change.used.A2"]["values"]
    assert (facts["change.used.A2"]["value"], arcade["previous"], arcade["ratio"]) == (150, 50, 3)
    ranks = {
        code: facts[f"rank.used.site-in-county.{code}"]["values"]["position"] for code in SITES
    }
    assert ranks == {"A2": 1, "B1": 2, "A1": 3, "B2": 4, "B3": 5}  # 150, 52, 48, 30, 10
    assert facts["rank.used.site-in-county.B1"]["values"]["ahead_name"] == "Arcade"

    assert facts["record.used.A1"]["values"]["on_record"] is True  # 48, rising every day
    assert facts["record.used.B1"]["values"]["direction"] == "low"
    assert facts["change.used.A1"]["values"]["streak"] == 3  # three weekly rises: 27, 34, 41, 48


def test_a_capacity_share_crosses_into_a_higher_band(facts: dict[str, dict]):
    band = facts["threshold.occupancy.band.A2"]
    assert band["value"] == 75.0  # 150 of 200 spaces
    assert band["values"]["band_label"] == "more than half"  # an edge belongs to the band below
    assert band["values"]["previous_band_label"] == "a quarter or less"  # 50 of 200
    assert (band["values"]["crossed"], band["values"]["bands_moved"]) == ("up", 2)
    room = facts["threshold.occupancy.target-room-site-count.TESTSHIRE"]["values"]
    assert (room["count_met"], room["of"]) == (5, 5)


def test_groups_hotspots_shares_and_averages(facts: dict[str, dict]):
    assert facts["hotspot.used.site.A"]["values"]["hotspot_name"] == "Arcade"
    assert facts["hotspot.used.site.B"]["values"]["hotspot_name"] == "Bridge Street"
    share = facts["share.used.town.A2"]["values"]
    assert (share["total"], round(share["share"], 4)) == (198, round(150 / 198 * 100, 4))
    county = facts["against_average.occupancy.county.A2"]["values"]
    assert county["wider_value"] == round(290 / 550 * 100, 1)  # used over spaces, all sites
    trend = facts["against_trend.used.site-count.TESTSHIRE"]["values"]
    assert (trend["up"], trend["down"], trend["same"]) == (2, 1, 2)
    peak = facts["earlier_peak.used.new-year.A1"]["values"]
    assert (peak["peak"], peak["peak_date"], peak["on_edge"]) == (34, "2021-01-14", True)
    for fact in facts.values():
        assert fact["provenance"]["path"].endswith("spaces.csv")
        assert fact["provenance"]["arithmetic"]
