"""fetch() against a real HTTP server on 127.0.0.1: caching, conditional requests, retries."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from httpserver import Resource, RouteServer, always, fails, ltla_cases, slow, truncated, v2_csv

from storygen import __version__
from storygen.sources.http import FetchError, cache_paths, fetch

QUICK = {"timeout": 2.0, "backoff": 0.01}


@pytest.fixture
def server():
    with RouteServer() as running:
        yield running


def cases_on(*dates: str) -> bytes:
    """A v2-style CSV of the real LTLA cases on ``dates``."""
    frame = ltla_cases()
    return v2_csv(frame[frame["date"].isin(dates)], ["newCasesBySpecimenDate"])


@pytest.fixture
def day_one() -> bytes:
    return cases_on("2020-11-01", "2020-11-02")


@pytest.fixture
def day_two() -> bytes:
    return cases_on("2020-11-01", "2020-11-02", "2020-11-03")


def cache_files(cache_dir):
    return sorted(path.name for path in cache_dir.iterdir())


def test_first_fetch_downloads_and_caches_with_metadata(server, tmp_path, day_one):
    url = server.route("/cases.csv", Resource(day_one))

    got = fetch(url, tmp_path, **QUICK)

    assert (got.from_cache, got.stale, got.status) == (False, False, 200)
    assert got.path.read_bytes() == day_one
    assert got.path.parent == tmp_path
    assert got.etag == '"v1"'
    assert got.age_seconds == 0
    meta = json.loads(cache_paths(url, tmp_path)[1].read_text())
    assert meta["url"] == url
    assert meta["etag"] == '"v1"'
    assert meta["last_modified"] == "Tue, 01 Dec 2020 16:00:00 GMT"
    assert datetime.fromisoformat(meta["fetched_at"]) > datetime.now(UTC) - timedelta(minutes=1)
    (request,) = server.received_at("/cases.csv")
    assert request.headers["user-agent"] == f"storygen/{__version__}"
    assert "if-none-match" not in request.headers
    assert not [name for name in cache_files(tmp_path) if name.endswith(".part")]


def test_cache_file_name_has_a_readable_slug(server, tmp_path, day_one):
    url = server.route("/england_ltla_cases.csv", Resource(day_one))
    got = fetch(url, tmp_path, **QUICK)
    assert got.path.name.endswith("england_ltla_cases.csv")
    assert (tmp_path / (got.path.name + ".meta.json")).exists()


def test_second_fetch_is_conditional_and_a_304_sends_no_body(server, tmp_path, day_one):
    url = server.route("/cases.csv", Resource(day_one))
    first = fetch(url, tmp_path, **QUICK)

    second = fetch(url, tmp_path, **QUICK)

    assert (second.from_cache, second.stale, second.status) == (True, False, 304)
    assert second.path == first.path
    assert second.path.read_bytes() == day_one
    assert second.age_seconds is not None and second.age_seconds < 5
    first_request, second_request = server.received_at("/cases.csv")
    assert second_request.headers["if-none-match"] == '"v1"'
    assert second_request.headers["if-modified-since"] == "Tue, 01 Dec 2020 16:00:00 GMT"
    assert (first_request.status, first_request.body_sent) == (200, len(day_one))
    assert (second_request.status, second_request.body_sent) == (304, 0)


def test_last_modified_alone_is_sent_as_if_modified_since(server, tmp_path, day_one):
    url = server.route("/cases.csv", Resource(day_one, etag=None))
    fetch(url, tmp_path, **QUICK)

    second = fetch(url, tmp_path, **QUICK)

    assert second.status == 304
    request = server.received_at("/cases.csv")[1]
    assert "if-none-match" not in request.headers
    assert request.headers["if-modified-since"] == "Tue, 01 Dec 2020 16:00:00 GMT"


def test_changed_etag_brings_the_new_body(server, tmp_path, day_one, day_two):
    resource = Resource(day_one)
    url = server.route("/cases.csv", resource)
    fetch(url, tmp_path, **QUICK)
    resource.update(day_two, last_modified="Wed, 02 Dec 2020 16:00:00 GMT")

    got = fetch(url, tmp_path, **QUICK)

    assert (got.from_cache, got.status, got.etag) == (False, 200, '"v2"')
    assert got.path.read_bytes() == day_two
    assert server.received_at("/cases.csv")[1].headers["if-none-match"] == '"v1"'
    third = fetch(url, tmp_path, **QUICK)
    assert third.status == 304
    assert server.received_at("/cases.csv")[2].headers["if-none-match"] == '"v2"'


def test_gzip_transfer_is_decoded_before_caching(server, tmp_path, day_one):
    url = server.route("/cases.csv", Resource(day_one, gzip_encoded=True))

    got = fetch(url, tmp_path, **QUICK)

    assert got.path.read_bytes() == day_one
    request = server.received_at("/cases.csv")[0]
    assert "gzip" in request.headers["accept-encoding"]
    assert request.body_sent < len(day_one)  # compressed on the wire


def test_429_then_200_waits_as_retry_after_says(server, tmp_path, day_one):
    url = server.route("/cases.csv", fails(429, 1, Resource(day_one), headers={"Retry-After": "1"}))
    started = time.monotonic()

    got = fetch(url, tmp_path, **QUICK)

    assert time.monotonic() - started >= 0.95  # backoff alone would be 0.01 s
    assert got.status == 200 and got.path.read_bytes() == day_one
    first, second = server.received_at("/cases.csv")
    assert first.status == 429 and second.status == 200


def test_429_with_retry_after_zero_retries_at_once(server, tmp_path, day_one):
    url = server.route("/cases.csv", fails(429, 2, Resource(day_one), headers={"Retry-After": "0"}))
    got = fetch(url, tmp_path, timeout=2.0, backoff=5.0)  # backoff would take 15 s
    assert got.status == 200
    assert [r.status for r in server.received_at("/cases.csv")] == [429, 429, 200]


def test_500_twice_then_200_succeeds(server, tmp_path, day_one):
    url = server.route("/cases.csv", fails(500, 2, Resource(day_one)))

    got = fetch(url, tmp_path, **QUICK)

    assert got.path.read_bytes() == day_one and not got.stale
    assert [r.status for r in server.received_at("/cases.csv")] == [500, 500, 200]


def test_always_500_without_cache_raises_naming_url_and_status(server, tmp_path):
    url = server.route("/cases.csv", always(500))

    with pytest.raises(FetchError) as caught:
        fetch(url, tmp_path, retries=3, **QUICK)

    message = str(caught.value)
    assert url in message
    assert "HTTP 500" in message
    assert "4 tries" in message
    assert "no cached copy" in message
    assert caught.value.status == 500
    assert len(server.received_at("/cases.csv")) == 4
    assert cache_files(tmp_path) == []


def test_always_500_with_cache_returns_the_stale_copy_and_warns_its_age(server, tmp_path, day_one):
    url = server.route("/cases.csv", Resource(day_one))
    fetch(url, tmp_path, **QUICK)
    meta_path = cache_paths(url, tmp_path)[1]
    meta = json.loads(meta_path.read_text())
    three_hours_ago = datetime.now(UTC) - timedelta(hours=3)
    meta["checked_at"] = three_hours_ago.isoformat()
    meta_path.write_text(json.dumps(meta))
    server.route("/cases.csv", always(503))
    warnings: list[str] = []

    got = fetch(url, tmp_path, retries=2, warn=warnings.append, **QUICK)

    assert (got.from_cache, got.stale) == (True, True)
    assert got.path.read_bytes() == day_one
    assert got.age_seconds == pytest.approx(3 * 3600, abs=60)
    (warning,) = warnings
    assert url in warning and "HTTP 503" in warning
    assert f"using the cached copy from {three_hours_ago:%Y-%m-%d %H:%M} UTC" in warning
    assert warning.endswith("3.0 hours old")


def test_slow_source_times_out_retries_then_raises(server, tmp_path, day_one):
    url = server.route("/cases.csv", slow(5.0, Resource(day_one)))
    started = time.monotonic()

    with pytest.raises(FetchError) as caught:
        fetch(url, tmp_path, timeout=0.2, retries=2, backoff=0.01)

    assert time.monotonic() - started < 3.0  # three unanswered tries would take 15 s
    assert "no answer within the 0.2 s timeout" in str(caught.value)
    assert caught.value.status is None
    assert len(server.received_at("/cases.csv")) == 3
    assert cache_files(tmp_path) == []


def test_truncated_body_is_an_error_and_never_cached(server, tmp_path, day_one):
    url = server.route("/cases.csv", truncated(day_one, missing=100))

    with pytest.raises(FetchError) as caught:
        fetch(url, tmp_path, retries=1, **QUICK)

    assert "cut short" in str(caught.value)
    assert [r.body_sent for r in server.received_at("/cases.csv")] == [len(day_one) - 100] * 2
    assert cache_files(tmp_path) == []


def test_truncated_update_keeps_the_good_copy(server, tmp_path, day_one, day_two):
    url = server.route("/cases.csv", Resource(day_one))
    fetch(url, tmp_path, **QUICK)
    server.route("/cases.csv", truncated(day_two, missing=1))
    warnings: list[str] = []

    got = fetch(url, tmp_path, retries=1, warn=warnings.append, **QUICK)

    assert got.stale and got.path.read_bytes() == day_one
    assert "cut short" in warnings[0]
    assert not [name for name in cache_files(tmp_path) if name.endswith(".part")]


def test_a_recent_enough_copy_is_used_without_asking(server, tmp_path, day_one):
    url = server.route("/cases.csv", Resource(day_one))
    fetch(url, tmp_path, **QUICK)

    got = fetch(url, tmp_path, max_age=3600, **QUICK)

    assert (got.from_cache, got.stale, got.status) == (True, False, 200)
    assert len(server.received_at("/cases.csv")) == 1


def test_not_found_is_not_retried_and_not_covered_by_the_cache(server, tmp_path, day_one):
    url = server.route("/cases.csv", Resource(day_one))
    fetch(url, tmp_path, **QUICK)
    server.route("/cases.csv", always(404))

    with pytest.raises(FetchError) as caught:
        fetch(url, tmp_path, retries=3, **QUICK)

    assert "HTTP 404" in str(caught.value) and "Check the URL" in str(caught.value)
    assert len(server.received_at("/cases.csv")) == 2


def test_nothing_listening_raises_a_network_error(tmp_path):
    with RouteServer() as stopped:
        url = stopped.url("/cases.csv")

    with pytest.raises(FetchError) as caught:
        fetch(url, tmp_path, retries=1, **QUICK)

    assert url in str(caught.value)
    assert "network error" in str(caught.value)


def test_a_session_of_the_callers_is_used_and_left_open(server, tmp_path, day_one):
    import requests

    url = server.route("/cases.csv", Resource(day_one))
    with requests.Session() as session:
        session.headers["User-Agent"] = "newsroom-bot/2 (data@example.org)"
        fetch(url, tmp_path, session=session, **QUICK)
        fetch(url, tmp_path, session=session, **QUICK)
    agents = {r.headers["user-agent"] for r in server.received_at("/cases.csv")}
    assert agents == {"newsroom-bot/2 (data@example.org)"}
