"""``--data`` reads CSV, gzipped CSV, Parquet and http(s) URLs, and each gives the same drafts."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import pytest
from httpserver import Resource, RouteServer

from storygen import paths
from storygen.compose import DEMO_NOTICE

DEMO = paths.FIXTURES / "demo"


def drafts(cli, out: Path, *data: str) -> dict[str, list[str]]:
    args = [arg for pair in data for arg in ("--data", pair)]
    result = cli("run", "covid-cases", *args, "--as-of", "2020-11-25",
                 "--patch", "Kent and Medway", "--out", out)  # fmt: skip
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text())
    return {
        entry["id"]: [
            paragraph
            for paragraph in json.loads((out / entry["files"]["json"]).read_text())["paragraphs"]
            if paragraph != DEMO_NOTICE  # only drafts with demo fixtures as inputs carry it
        ]
        for entry in manifest["stories"]
    }


@pytest.fixture
def from_csv(cli, tmp_path: Path) -> dict[str, list[str]]:
    return drafts(cli, tmp_path / "csv", f"cases={DEMO / 'ltla_cases.csv'}")


def test_gzipped_csv(cli, tmp_path: Path, from_csv):
    packed = tmp_path / "cases.csv.gz"
    packed.write_bytes(gzip.compress((DEMO / "ltla_cases.csv").read_bytes()))
    assert drafts(cli, tmp_path / "gz", f"cases={packed}") == from_csv


def test_parquet(cli, tmp_path: Path, from_csv):
    table = tmp_path / "cases.parquet"
    pd.read_csv(DEMO / "ltla_cases.csv").to_parquet(table)
    lookup = tmp_path / "areas.parquet"
    pd.read_csv(DEMO / "ltla_lookup.csv").to_parquet(lookup)
    assert drafts(cli, tmp_path / "pq", f"cases={table}", f"areas={lookup}") == from_csv


def test_http_url(cli, tmp_path: Path, from_csv, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    with RouteServer() as server:
        url = server.route("/cases.csv", Resource((DEMO / "ltla_cases.csv").read_bytes()))
        assert drafts(cli, tmp_path / "http", f"cases={url}") == from_csv
        assert [r.status for r in server.received_at("/cases.csv")] == [200]
