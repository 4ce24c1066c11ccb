"""The dashboard API client against a real server on 127.0.0.1 that serves the real LTLA data."""

from __future__ import annotations

import gzip
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from httpserver import REAL_DATA, Resource, RouteServer, V1Api, V2Api, always, ltla_cases

from storygen.sources.dashboard import (
    fetch_v1,
    fetch_v2,
    read_csv_url,
    read_v2_csv,
    v1_url,
    v2_url,
)

QUICK = {"timeout": 2.0, "backoff": 0.01}
KENT = [f"E07000{n}" for n in range(105, 117)]  # the 12 Kent districts
STRUCTURE = {
    "date": "date",
    "code": "areaCode",
    "name": "areaName",
    "cases": "newCasesBySpecimenDate",
}


@pytest.fixture
def server():
    with RouteServer() as running:
        yield running


@pytest.fixture
def kent_november() -> pd.DataFrame:
    """Kent's daily cases, 1-10 November 2020, with a 7-day sum and rate per 100,000."""
    cases = ltla_cases()
    kent = cases[cases["areaCode"].isin(KENT) & cases["date"].between("2020-10-26", "2020-11-10")]
    kent = kent.sort_values(["areaCode", "date"])
    sums = kent.groupby("areaCode")["newCasesBySpecimenDate"].transform(
        lambda daily: daily.rolling(7).sum()
    )
    lookup = pd.read_csv(REAL_DATA / "england_ltla_lookup_lad19.csv")
    population = kent["areaCode"].map(lookup.set_index("lad19_cd")["population_mye2019"])
    kent = kent.assign(
        newCasesBySpecimenDateRollingSum=sums,
        newCasesBySpecimenDateRollingRate=(sums / population * 100_000).round(1),
    )
    return kent[kent["date"] >= "2020-11-01"]


def test_v2_url_repeats_metric_and_round_trips_through_a_server(server):
    server.route("/v2/data", V2Api(ltla_cases()))
    url = v2_url(server.base, "ltla", ["newCasesBySpecimenDate", "newDeaths28DaysByDeathDate"])

    assert parse_qs(urlsplit(url).query) == {
        "areaType": ["ltla"],
        "metric": ["newCasesBySpecimenDate", "newDeaths28DaysByDeathDate"],
        "format": ["csv"],
    }
    assert urlsplit(url).path == "/v2/data"


def test_v2_csv_parses_with_the_right_columns_and_dtypes(server, tmp_path, kent_november):
    server.route("/v2/data", V2Api(kent_november))
    metrics = ["newCasesBySpecimenDate", "newCasesBySpecimenDateRollingRate"]

    frame, fetched = fetch_v2(server.base, "ltla", metrics, tmp_path, **QUICK)

    assert fetched.status == 200
    assert list(frame.columns) == ["areaCode", "areaName", "areaType", "date", *metrics]
    assert [str(t) for t in frame.dtypes] == ["string", "string", "string", "datetime64[us]"] + [
        "Int64",
        "Float64",
    ]
    assert len(frame) == 12 * 10
    assert frame["date"].min() == pd.Timestamp("2020-11-01")
    assert frame["date"].max() == pd.Timestamp("2020-11-10")
    real = ltla_cases()
    ashford = real[(real["areaCode"] == "E07000105") & (real["date"] == "2020-11-05")]
    row = frame[(frame["areaCode"] == "E07000105") & (frame["date"] == "2020-11-05")]
    assert row["areaName"].item() == "Ashford"
    assert row["newCasesBySpecimenDate"].item() == ashford["newCasesBySpecimenDate"].item()


def test_v2_blank_counts_stay_whole_numbers(server, tmp_path, kent_november):
    early = kent_november.assign(
        newCasesBySpecimenDateRollingSum=kent_november["newCasesBySpecimenDateRollingSum"].where(
            kent_november["date"] > "2020-11-01"
        )
    )
    server.route("/v2/data", V2Api(early))

    frame, _ = fetch_v2(
        server.base, "ltla", ["newCasesBySpecimenDateRollingSum"], tmp_path, **QUICK
    )

    column = frame["newCasesBySpecimenDateRollingSum"]
    assert str(column.dtype) == "Int64"
    assert column.isna().sum() == 12  # 1 November, one per district
    assert column.notna().sum() == 12 * 9


def test_v2_for_one_area(server, tmp_path, kent_november):
    server.route("/v2/data", V2Api(kent_november))

    frame, _ = fetch_v2(
        server.base,
        "ltla",
        ["newCasesBySpecimenDate"],
        tmp_path,
        area_code="E07000114",
        **QUICK,
    )

    assert set(frame["areaName"]) == {"Thanet"}
    assert len(frame) == 10


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("areaCode,areaName,date,cases\nE1,A,2020-11-01,3\n", "no areaType column"),
        ("areaCode,areaName,areaType,date\nE1,A,ltla,2020-11-01\n", "no metric column"),
        (
            "areaCode,areaName,areaType,date,cases\nE1,A,ltla,2020-11-01,3\nE1,A,ltla,01/11/20,4\n",
            "line 3, column 'date': '01/11/20' is not a date (YYYY-MM-DD)",
        ),
        (
            "areaCode,areaName,areaType,date,cases\nE1,A,ltla,2020-11-01,three\n",
            "line 2, column 'cases': 'three' is not a number",
        ),
        ("", "the file is empty"),
    ],
)
def test_v2_csv_errors_name_the_file_line_and_column(tmp_path, text, message):
    path = tmp_path / "download.csv"
    path.write_text(text)

    with pytest.raises(ValueError) as caught:
        read_v2_csv(path)

    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_v2_csv_without_an_expected_metric_is_an_error(tmp_path):
    path = tmp_path / "download.csv"
    path.write_text("areaCode,areaName,areaType,date,cases\nE1,A,ltla,2020-11-01,3\n")
    with pytest.raises(ValueError, match="no deaths column"):
        read_v2_csv(path, ["cases", "deaths"])


def expected_v1(**equal: str) -> list[dict]:
    real = ltla_cases()
    for column, value in equal.items():
        real = real[real[column] == value]
    return [
        {name: record[column] for name, column in STRUCTURE.items()}
        for record in real.to_dict("records")
    ]


def page_numbers(server) -> list[int]:
    return [int(r.query.get("page", ["1"])[0]) for r in server.received_at("/v1/data")]


def test_v1_paging_stops_at_204_and_keeps_every_row_in_order(server, tmp_path):
    server.route("/v1/data", V1Api(ltla_cases(), page_size=100, next_on_last=True))

    frame = fetch_v1(
        server.base, {"areaType": "ltla", "areaCode": "E07000105"}, STRUCTURE, tmp_path, **QUICK
    )

    expected = expected_v1(areaCode="E07000105")
    assert len(expected) == 518  # 2020-09-01 .. 2022-01-31
    assert list(frame.columns) == list(STRUCTURE)
    assert frame.to_dict("records") == expected
    assert str(frame["cases"].dtype) == "Int64"
    assert page_numbers(server) == [1, 2, 3, 4, 5, 6, 7]
    assert [r.status for r in server.received_at("/v1/data")] == [200] * 6 + [204]


def test_v1_paging_stops_when_there_is_no_next_page(server, tmp_path):
    server.route("/v1/data", V1Api(ltla_cases(), page_size=100, next_on_last=False))

    frame = fetch_v1(
        server.base, {"areaType": "ltla", "areaCode": "E07000105"}, STRUCTURE, tmp_path, **QUICK
    )

    assert len(frame) == 518
    assert page_numbers(server) == [1, 2, 3, 4, 5, 6]


def test_v1_second_run_asks_conditionally_and_gets_the_same_rows(server, tmp_path):
    server.route("/v1/data", V1Api(ltla_cases(), page_size=200))
    filters = {"areaType": "ltla", "areaCode": "E07000105"}
    first = fetch_v1(server.base, filters, STRUCTURE, tmp_path, **QUICK)

    second = fetch_v1(server.base, filters, STRUCTURE, tmp_path, **QUICK)

    pd.testing.assert_frame_equal(first, second)
    again = server.received_at("/v1/data")[4:]
    assert [r.status for r in again] == [304, 304, 304, 204]
    assert all("if-none-match" in r.headers for r in again[:3])
    assert sum(r.body_sent for r in again) == 0


def test_v1_filter_values_with_spaces_reach_the_server_intact(server, tmp_path):
    server.route("/v1/data", V1Api(ltla_cases(), page_size=1000))

    frame = fetch_v1(
        server.base, {"areaType": "ltla", "areaName": "Tunbridge Wells"}, STRUCTURE, tmp_path
    )

    assert frame.to_dict("records") == expected_v1(areaName="Tunbridge Wells")
    assert set(frame["code"]) == {"E07000116"}


def test_v1_nothing_matching_gives_an_empty_frame_with_the_structure(server, tmp_path):
    server.route("/v1/data", V1Api(ltla_cases(), page_size=100))

    frame = fetch_v1(
        server.base, {"areaType": "ltla", "areaCode": "E99999999"}, STRUCTURE, tmp_path
    )

    assert frame.empty and list(frame.columns) == list(STRUCTURE)
    assert [r.status for r in server.received_at("/v1/data")] == [204]


def test_v1_falls_back_to_cached_pages_when_the_service_is_down(server, tmp_path):
    server.route("/v1/data", V1Api(ltla_cases(), page_size=200, next_on_last=False))
    filters = {"areaType": "ltla", "areaCode": "E07000105"}
    first = fetch_v1(server.base, filters, STRUCTURE, tmp_path, **QUICK)
    server.route("/v1/data", always(503))
    warnings: list[str] = []

    second = fetch_v1(server.base, filters, STRUCTURE, tmp_path, retries=1, warn=warnings.append)

    pd.testing.assert_frame_equal(first, second)
    assert len(warnings) == 3 and all("using the cached copy" in w for w in warnings)


def test_v1_answer_that_is_not_json_is_reported(server, tmp_path):
    server.route("/v1/data", Resource(b"<!DOCTYPE html><p>Service retired</p>"))
    with pytest.raises(ValueError, match="not JSON .* error page"):
        fetch_v1(server.base, {"areaType": "ltla"}, STRUCTURE, tmp_path)


def test_v1_url_rejects_filters_it_cannot_express(server):
    with pytest.raises(ValueError, match="cannot be filtered on"):
        v1_url(server.base, {"areaName": "a;b"}, STRUCTURE)


@pytest.mark.parametrize("gzipped", [False, True], ids=["csv", "csv.gz"])
def test_read_csv_url_plain_and_gzipped(server, tmp_path, gzipped):
    cases = ltla_cases()
    kent = cases[cases["areaCode"].isin(KENT) & (cases["date"] == "2020-11-05")]
    body = kent[["areaCode", "areaName", "date", "newCasesBySpecimenDate"]].to_csv(index=False)
    if gzipped:
        resource = Resource(gzip.compress(body.encode()), content_type="application/gzip")
        url = server.route("/kent.csv.gz", resource)
    else:
        url = server.route("/kent.csv", Resource(body.encode()))

    frame, fetched = read_csv_url(url, tmp_path, **QUICK)

    assert fetched.status == 200 and not fetched.from_cache
    assert list(frame.columns) == ["areaCode", "areaName", "date", "newCasesBySpecimenDate"]
    assert all(str(t) == "string" for t in frame.dtypes)  # typed later, by validation
    assert len(frame) == 12
    assert frame["newCasesBySpecimenDate"].tolist() == [
        str(n) for n in kent["newCasesBySpecimenDate"]
    ]
    again, refetched = read_csv_url(url, tmp_path, **QUICK)
    assert refetched.status == 304
    pd.testing.assert_frame_equal(frame, again)


def test_read_csv_url_of_an_empty_body_names_the_url(server, tmp_path):
    url = server.route("/empty.csv", Resource(b""))
    with pytest.raises(ValueError, match="the file is empty") as caught:
        read_csv_url(url, tmp_path)
    assert url in str(caught.value)
