"""storygen fetch against a real HTTP server on 127.0.0.1 serving the real LTLA data."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from click.testing import CliRunner, Result
from httpserver import (
    REAL_DATA,
    Resource,
    RouteServer,
    V1Api,
    always,
    ltla_cases,
    slow,
    v2_csv,
)

from storygen.cli import main

LOOKUP = REAL_DATA / "england_ltla_lookup_lad19.csv"
METRIC = "newCasesBySpecimenDate"
V2_QUERY = f"/v2/data?areaType=ltla&metric={METRIC}&format=csv"
NARRATIVE = Path(__file__).resolve().parents[1] / "narratives" / "covid-cases.yaml"


@pytest.fixture
def server():
    if not LOOKUP.exists():
        pytest.skip(f"real data not found: {LOOKUP}")
    with RouteServer() as running:
        running.route("/lookup.csv", Resource(LOOKUP.read_bytes(), etag='"lookup"'))
        yield running


def cases_until(day: str):
    cases = ltla_cases()
    return cases[cases["date"] <= day]


def fetch(*args: str) -> Result:
    return CliRunner().invoke(main, ["fetch", *args], catch_exceptions=False)


def data_from(server: RouteServer) -> list[str]:
    return [
        "--data",
        f"cases={server.url(V2_QUERY)}",
        "--data",
        f"areas={server.url('/lookup.csv')}",
    ]


def narrative_with_urls(folder: Path, **urls: str) -> Path:
    """A copy of the covid-cases narrative whose inputs declare ``url:`` sources."""
    raw = yaml.safe_load(NARRATIVE.read_text())
    raw["name"] = "covid-cases-live"
    for name, url in urls.items():
        raw["inputs"][name]["url"] = url
    path = folder / "covid-cases-live.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    return path


def test_fetch_downloads_then_asks_again_conditionally(server, tmp_path):
    server.route("/v2/data", Resource(v2_csv(cases_until("2020-11-25"), [METRIC])))
    rows = len(cases_until("2020-11-25"))

    first = fetch("covid-cases", "--cache", str(tmp_path), *data_from(server))
    second = fetch("covid-cases", "--cache", str(tmp_path), *data_from(server))

    assert first.exit_code == 0, first.output
    assert f"cases: downloaded, {rows:,} rows from {server.url(V2_QUERY)}" in first.output
    assert "areas: downloaded, 317 rows" in first.output
    assert "The data is valid for covid-cases and ends 2020-11-25" in first.output
    assert second.exit_code == 0, second.output
    assert f"cases: unchanged since the last fetch, {rows:,} rows" in second.output
    assert [r.status for r in server.received_at("/v2/data")] == [200, 304]
    assert server.received_at("/v2/data")[1].headers["if-none-match"] == '"v1"'


def test_fetch_fails_when_the_data_does_not_reach_the_as_of_date(server, tmp_path):
    server.route("/v2/data", Resource(v2_csv(cases_until("2020-11-25"), [METRIC])))

    result = fetch(
        "covid-cases", "--cache", str(tmp_path), "--as-of", "2020-11-26", *data_from(server)
    )

    assert result.exit_code == 2
    assert (
        "the as-of date 2020-11-26 is after the data ends: the latest date is 2020-11-25"
        in result.output
    )


def test_fetch_with_the_source_down_and_no_cache_fails(server, tmp_path):
    server.route("/v2/data", always(503))

    result = fetch("covid-cases", "--cache", str(tmp_path), "--retries", "1", *data_from(server))

    assert result.exit_code == 2
    assert f"could not fetch {server.url(V2_QUERY)}: the server answered HTTP 503" in result.output
    assert "There is no cached copy" in result.output
    assert len(server.received_at("/v2/data")) == 2


def test_fetch_with_the_source_down_uses_the_cache_and_says_how_old(server, tmp_path):
    server.route("/v2/data", Resource(v2_csv(cases_until("2020-11-25"), [METRIC])))
    assert fetch("covid-cases", "--cache", str(tmp_path), *data_from(server)).exit_code == 0
    server.route("/v2/data", always(500))

    result = fetch("covid-cases", "--cache", str(tmp_path), "--retries", "1", *data_from(server))

    assert result.exit_code == 1
    assert "cases: cached copy, 0.0 hours old (the source is down)" in result.output
    assert "Warning: " in result.output and "hours old" in result.output
    assert "ends 2020-11-25" in result.output


def test_fetch_gives_up_on_a_source_that_does_not_answer_in_time(server, tmp_path):
    server.route("/v2/data", slow(5.0, Resource(b"never sent")))

    result = fetch(
        "covid-cases", "--cache", str(tmp_path), "--timeout", "0.2", "--retries", "0",
        *data_from(server),
    )  # fmt: skip

    assert result.exit_code == 2
    assert "no answer within the 0.2 s timeout" in result.output


def test_a_narrative_input_url_can_be_a_paged_v1_query(server, tmp_path):
    frame = cases_until("2020-11-25")
    server.route("/v1/data", V1Api(frame, page_size=5000, next_on_last=True))
    structure = {name: name for name in ["areaCode", "areaName", "date", METRIC]}
    v1 = server.url(
        "/v1/data?filters=areaType=ltla&structure="
        + quote(json.dumps(structure, separators=(",", ":")), safe="")
    )
    narrative = narrative_with_urls(tmp_path, cases=v1, areas=server.url("/lookup.csv"))

    result = fetch(str(narrative), "--cache", str(tmp_path / "cache"))

    assert result.exit_code == 0, result.output
    assert f"cases: downloaded, {len(frame):,} rows from {v1}" in result.output
    assert "The data is valid for covid-cases-live and ends 2020-11-25" in result.output
    pages = -(-len(frame) // 5000)
    assert [r.status for r in server.received_at("/v1/data")] == [200] * pages + [204]


def test_a_narrative_input_url_must_be_http(tmp_path):
    narrative = narrative_with_urls(tmp_path, cases="cases.csv")

    result = fetch(str(narrative))

    assert result.exit_code == 2
    assert "input 'cases': url must be an http(s) URL, not 'cases.csv'" in result.output


def test_fetch_of_local_files_only_checks_them(tmp_path):
    cases = tmp_path / "cases.csv"
    cases.write_bytes(v2_csv(cases_until("2020-11-20"), [METRIC]))

    result = fetch("covid-cases", "--data", f"cases={cases}", "--data", f"areas={LOOKUP}")

    assert result.exit_code == 0, result.output
    assert "Nothing to fetch: every input of covid-cases is a local file." in result.output
    assert f"cases: local file, {len(cases_until('2020-11-20')):,} rows" in result.output
    assert "ends 2020-11-20" in result.output


def test_fetch_names_an_input_the_narrative_does_not_have():
    result = fetch("covid-cases", "--data", "deaths=http://127.0.0.1:9/deaths.csv")
    assert result.exit_code == 2
    assert "covid-cases has no input 'deaths' (inputs: cases, areas)" in result.output
