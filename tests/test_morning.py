"""storygen morning end to end, against a real HTTP server on 127.0.0.1 serving the real data.

The server answers the v2 dashboard CSV of the real LTLA cases cut at an as-of date, and the
real lookup as a plain CSV. Two mornings run in a row, the second with one more day of data;
what they say is new is checked against ranks worked out here from the raw files.
"""

from __future__ import annotations

import hashlib
import json
import os
import pty
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner, Result
from httpserver import REAL_DATA, Resource, RouteServer, always, fails, ltla_cases, v2_csv

from storygen.cli import main

LOOKUP = REAL_DATA / "england_ltla_lookup_lad19.csv"
METRIC = "newCasesBySpecimenDate"
V2_QUERY = f"/v2/data?areaType=ltla&metric={METRIC}&format=csv"
PATCH = yaml.safe_load((Path(__file__).parents[1] / "patches/kent-and-medway.yaml").read_text())
KENT_AND_MEDWAY_DISTRICTS = [c for c in PATCH["areas"] if c.startswith(("E06", "E07"))]
SRC = Path(__file__).resolve().parents[1] / "src"


def cases_until(day: str) -> bytes:
    cases = ltla_cases()
    return v2_csv(cases[cases["date"] <= day], [METRIC])


def lookup() -> bytes:
    if not LOOKUP.exists():
        pytest.skip(f"real data not found: {LOOKUP}")
    return LOOKUP.read_bytes()


def serve(server: RouteServer, cases) -> None:
    server.route("/v2/data", cases)
    server.route("/lookup.csv", Resource(lookup(), etag='"lookup"'))


def write_desk(folder: Path, base: str, **settings) -> Path:
    config = {
        "desk": "Kent and Medway",
        "out": "drafts",
        "cache": "cache",
        "stale_after_days": 3,
        "fetch": {"timeout": 5, "retries": 2, "backoff": 0.01},
        "narratives": [
            {
                "narrative": "covid-cases",
                "patches": ["Kent and Medway"],
                "formats": ["md", "json"],
                "data": {"cases": base + V2_QUERY, "areas": base + "/lookup.csv"},
            }
        ],
        **settings,
    }
    path = folder / "desk.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def morning(desk: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["morning", str(desk), *args], catch_exceptions=False)


def drafts(folder: Path, as_of: str) -> dict[str, dict]:
    stories = folder / "drafts" / as_of / "covid-cases" / "stories"
    return {path.stem: json.loads(path.read_text()) for path in sorted(stories.glob("*.json"))}


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder``: its hash and modification time."""
    return {
        str(path.relative_to(folder)): (
            hashlib.sha256(path.read_bytes()).hexdigest(),
            path.stat().st_mtime_ns,
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def england_positions(day: str) -> dict[str, tuple[int, int]]:
    """Each district's place by seven-day rate per 100,000 among England's, from the raw files.

    Rates are compared as copy prints them (one decimal place); ties share the higher place.
    """
    cases = ltla_cases()
    start = (pd.Timestamp(day) - pd.Timedelta(days=7)).strftime("%Y-%m-%d")
    week = cases[(cases["date"] > start) & (cases["date"] <= day)]
    totals = week.groupby("areaCode")[METRIC].sum()
    population = pd.read_csv(LOOKUP).set_index("lad19_cd")["population_mye2019"]
    rates = (totals / population.reindex(totals.index) * 100_000).dropna().round(1)
    places = rates.rank(ascending=False, method="min").astype(int)
    return {code: (int(places[code]), len(rates)) for code in places.index}


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def same_claim(a: dict, b: dict) -> bool:
    """Whether two facts say the same thing: what a reporter would call "no change"."""
    if a["id"] != b["id"]:
        return False
    fields = {"rank": ["position"], "change": ["direction"], "record": ["direction", "since"]}
    return all(a["values"][f] == b["values"][f] for f in fields[a["kind"]])


@dataclass
class TwoMornings:
    folder: Path
    first: Result
    again: Result
    second: Result
    before_again: dict
    after_again: dict


@pytest.fixture(scope="module")
def two_mornings(tmp_path_factory) -> TwoMornings:
    folder = tmp_path_factory.mktemp("desk")
    with RouteServer() as server:
        cases = Resource(cases_until("2020-11-25"))
        serve(server, cases)
        desk = write_desk(folder, server.base)
        first = morning(desk, "--today", "2020-11-26")
        before_again = snapshot(folder / "drafts")
        again = morning(desk, "--today", "2020-11-26")
        after_again = snapshot(folder / "drafts")
        cases.update(cases_until("2020-11-26"))
        second = morning(desk, "--today", "2020-11-27", "--limit", "1000")
    return TwoMornings(folder, first, again, second, before_again, after_again)


def test_first_morning_writes_the_patch_drafts_with_every_fact_new(two_mornings):
    first = two_mornings.first
    assert first.exit_code == 0, first.output
    stories = drafts(two_mornings.folder, "2020-11-25")
    assert (
        len(stories) == len(PATCH["areas"]) - 4 + 3
    )  # its areas less 4 trusts, and three patch stories
    assert all(fact["new"] for story in stories.values() for fact in story["facts"])
    assert not any(story["no_change"] for story in stories.values())
    assert "new today: all" in first.output and "the first run for this desk" in first.output
    assert f"{len(stories)} stories written to {two_mornings.folder / 'drafts'}" in first.output
    assert (two_mornings.folder / "drafts" / "archive.sqlite").exists()
    assert "Morning run" not in first.output  # no progress bar when not on a terminal


def test_the_review_page_is_written_beside_the_drafts(two_mornings):
    line = next(line for line in two_mornings.first.output.splitlines() if "review page:" in line)
    page = Path(line.split("review page: ", 1)[1].strip())
    assert page.name == "review.html" and two_mornings.folder / "drafts" in page.parents
    html = page.read_text(encoding="utf-8")
    assert "Kent and Medway" in html and "Swale" in html


def test_running_the_same_morning_again_changes_nothing(two_mornings):
    again = two_mornings.again
    assert again.exit_code == 0, again.output
    assert two_mornings.after_again == two_mornings.before_again  # drafts and archive untouched
    assert "17 stories unchanged: already written on the morning of 2020-11-26" in again.output


def test_second_morning_names_the_rank_changes_as_new(two_mornings):
    second = two_mornings.second
    assert second.exit_code == 0, second.output
    before, after = england_positions("2020-11-25"), england_positions("2020-11-26")
    stories = drafts(two_mornings.folder, "2020-11-26")
    names = {code: PATCH["areas"][code] for code in KENT_AND_MEDWAY_DISTRICTS}
    moved = [code for code in names if before[code] != after[code]]
    stayed = [code for code in names if before[code] == after[code]]
    assert moved and stayed  # the day has both, so the test can tell them apart

    facts = {
        fact["id"]: fact
        for story in stories.values()
        for fact in story["facts"]
        if fact["id"].startswith("rank.rate.district-in-country.")
    }
    for code in names:
        fact = facts[f"rank.rate.district-in-country.{code}"]
        assert (fact["values"]["position"], fact["values"]["of"]) == after[code]
        assert fact["new"] is (code in moved), code
    summary = second.output.split("new today", 1)[1].split("no change:", 1)[0]
    for code in moved:
        place, size = after[code]
        assert f"{names[code]}: rate {ordinal(place)} of {size} districts in England" in summary
    for code in stayed:
        assert f"{names[code]}: rate {ordinal(after[code][0])} of" not in summary


def test_second_morning_flags_the_stories_whose_lede_has_not_changed(two_mornings):
    yesterday = drafts(two_mornings.folder, "2020-11-25")
    today = drafts(two_mornings.folder, "2020-11-26")
    assert set(today) == set(yesterday)

    flagged = []
    for story_id, story in today.items():
        old = yesterday[story_id]
        lede = {f["id"]: f for f in story["facts"]}.get(story["lede"])
        old_lede = {f["id"]: f for f in old["facts"]}.get(old["lede"])
        unchanged = lede is not None and old_lede is not None and same_claim(lede, old_lede)
        assert story["no_change"] is unchanged, story_id
        if unchanged:
            flagged.append(story_id)
    assert "covid-cases-area-swale-e07000113" in flagged  # first in England both days
    assert len(flagged) < len(today)
    section = two_mornings.second.output.split("no change:", 1)[1]
    assert section.startswith(f" {len(flagged)} stories lead as they did on 2020-11-25")
    for story_id in flagged:
        assert f"    {story_id}: {today[story_id]['headline']}" in section
    assert f"No change: {len(flagged)} stories." in two_mornings.second.output


def test_facts_reported_yesterday_score_half_what_they_would(two_mornings, tmp_path):
    data = tmp_path / "cases.csv"
    data.write_bytes(cases_until("2020-11-26"))
    plain = CliRunner().invoke(
        main,
        ["facts", "covid-cases", "--data", f"cases={data}", "--data", f"areas={LOOKUP}", "--json"],
    )
    assert plain.exit_code == 0, plain.output
    scores = {fact["id"]: fact["score"] for fact in json.loads(plain.output)["facts"]}

    seen = {}
    for story in drafts(two_mornings.folder, "2020-11-26").values():
        for fact in story["facts"]:
            seen[fact["id"]] = fact
    assert {f["new"] for f in seen.values()} == {True, False}
    for fact in seen.values():
        if fact["kind"] == "total":  # a patch's sum, made with its story, not by the rules
            continue
        expected = scores[fact["id"]] if fact["new"] else round(scores[fact["id"]] * 0.5, 4)
        assert fact["score"] == pytest.approx(expected, abs=1e-4), fact["id"]


def test_history_lists_what_was_reported_for_an_area_run_by_run(two_mornings):
    desk = str(two_mornings.folder / "desk.yaml")

    shown = CliRunner().invoke(main, ["history", "Swale", "--config", desk])
    as_json = CliRunner().invoke(main, ["history", "e07000113", "--config", desk, "--json"])

    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith("Swale (E07000113): 2 runs")
    first, second = shown.output.split("\n2020-11-2")[1:]
    for day, text in (("2020-11-25", first), ("2020-11-26", second)):
        swale = drafts(two_mornings.folder, day)["covid-cases-area-swale-e07000113"]
        assert text.startswith(day[-1:] + "  covid-cases  (morning of")
        assert f"story: {swale['headline']}" in text
    assert "[no change]" in second and "[no change]" not in first
    runs = json.loads(as_json.output)["runs"]
    assert [run["as_of"] for run in runs] == ["2020-11-25", "2020-11-26"]
    assert all(fact["subject"]["code"] == "E07000113" for run in runs for fact in run["facts"])
    assert all(fact["new"] for fact in runs[0]["facts"])


def test_history_of_an_unknown_area_suggests_a_known_one(two_mornings):
    desk = str(two_mornings.folder / "desk.yaml")
    result = CliRunner().invoke(main, ["history", "Swal", "--config", desk])
    assert result.exit_code == 2
    assert "nothing was reported about 'Swal'; did you mean Swale?" in result.output


# The data-fault paths


@pytest.fixture
def server():
    with RouteServer() as running:
        yield running


def test_source_down_without_a_cache_holds_the_narrative(server, tmp_path):
    serve(server, always(503))
    desk = write_desk(tmp_path, server.base)

    result = morning(desk, "--today", "2020-11-26")

    assert result.exit_code == 1
    assert "HELD, no drafts written: its data could not be used: could not fetch" in result.output
    assert "HTTP 503" in result.output and "no cached copy" in result.output
    assert len(server.received_at("/v2/data")) == 3  # retries: 2
    assert not (tmp_path / "drafts" / "2020-11-25").exists()
    assert "Stories written: 0. Held: 1." in result.output


def test_source_down_with_a_cache_warns_its_age_and_holds_the_stale_copy(server, tmp_path):
    serve(server, Resource(cases_until("2020-11-25")))
    desk = write_desk(tmp_path, server.base)
    assert morning(desk, "--today", "2020-11-26").exit_code == 0
    written = snapshot(tmp_path / "drafts")
    server.route("/v2/data", always(500))

    result = morning(desk, "--today", "2020-11-27")

    assert result.exit_code == 1
    assert "cases: cached copy, 0.0 hours old (the source is down)" in result.output
    assert (
        f"warning: {server.url(V2_QUERY)} could not be fetched (the server answered HTTP 500"
    ) in result.output
    assert "using the cached copy from" in result.output
    assert (
        "HELD, no drafts written: the data still ends 2020-11-25, as it did for the run on "
        "the morning of 2020-11-26; no new drafts (--allow-stale writes them)"
    ) in result.output
    assert snapshot(tmp_path / "drafts") == written


def test_data_that_has_not_moved_since_the_last_run_is_stale(server, tmp_path):
    serve(server, Resource(cases_until("2020-11-25")))
    desk = write_desk(tmp_path, server.base)
    assert morning(desk, "--today", "2020-11-26").exit_code == 0
    written = snapshot(tmp_path / "drafts")

    stale = morning(desk, "--today", "2020-11-27")
    allowed = morning(desk, "--today", "2020-11-27", "--allow-stale")

    assert stale.exit_code == 1
    assert "cases: unchanged since the last fetch" in stale.output
    assert "the data still ends 2020-11-25, as it did for the run on the morning of" in stale.output
    assert allowed.exit_code == 0, allowed.output
    assert "warning: stale data, written anyway as asked: the data still ends" in allowed.output
    assert "17 stories unchanged: already written on the morning of 2020-11-26" in allowed.output
    assert snapshot(tmp_path / "drafts") == written
    assert [r.status for r in server.received_at("/v2/data")] == [200, 304, 304]


def test_data_older_than_the_desk_allows_is_stale(server, tmp_path):
    serve(server, Resource(cases_until("2020-11-25")))
    desk = write_desk(tmp_path, server.base, stale_after_days=3)

    old = morning(desk, "--today", "2020-12-01")
    allowed = morning(desk, "--today", "2020-12-01", "--allow-stale")

    assert old.exit_code == 1
    assert (
        "the data ends 2020-11-25, 6 days before this morning (2020-12-01); the desk allows 3"
        in old.output
    )
    assert allowed.exit_code == 0, allowed.output
    assert len(drafts(tmp_path, "2020-11-25")) == 17


def test_429_and_500_answers_are_retried_and_the_morning_goes_on(server, tmp_path):
    good = Resource(cases_until("2020-11-25"))
    serve(server, fails(429, 1, fails(500, 1, good), headers={"Retry-After": "0"}))
    desk = write_desk(tmp_path, server.base)

    result = morning(desk, "--today", "2020-11-26")

    assert result.exit_code == 0, result.output
    assert [r.status for r in server.received_at("/v2/data")] == [429, 500, 200]
    assert "cases: downloaded" in result.output and "warning" not in result.output
    assert len(drafts(tmp_path, "2020-11-25")) == 17


def test_a_dry_run_writes_and_records_nothing(server, tmp_path):
    serve(server, Resource(cases_until("2020-11-25")))
    desk = write_desk(tmp_path, server.base)

    result = morning(desk, "--today", "2020-11-26", "--dry-run")

    assert result.exit_code == 0, result.output
    assert "17 stories composed (dry run: nothing written)" in result.output
    assert not (tmp_path / "drafts").exists()


def test_json_summary(server, tmp_path):
    serve(server, Resource(cases_until("2020-11-25")))
    desk = write_desk(tmp_path, server.base)

    result = morning(desk, "--today", "2020-11-26", "--json")

    summary = json.loads(result.output)
    (narrative,) = summary["narratives"]
    assert (summary["desk"], summary["morning"]) == ("Kent and Medway", "2020-11-26")
    assert (narrative["as_of"], narrative["written"], narrative["first_run"]) == (
        "2020-11-25",
        True,
        True,
    )
    assert [i["status"] for i in narrative["inputs"]] == ["downloaded", "downloaded"]
    stories = drafts(tmp_path, "2020-11-25")
    assert sorted(s["id"] for s in narrative["stories"]) == sorted(stories)
    new = {f["id"] for story in stories.values() for f in story["facts"]}
    assert {f["id"] for f in narrative["new_facts"]} == new


def test_progress_bar_on_a_terminal(server, tmp_path):
    serve(server, Resource(cases_until("2020-11-25")))
    desk = write_desk(tmp_path, server.base)
    leader, follower = pty.openpty()
    env = dict(os.environ, PYTHONPATH=str(SRC), COLUMNS="100")
    command = [sys.executable, "-m", "storygen", "morning", str(desk), "--today", "2020-11-26"]
    with subprocess.Popen(command, stdout=follower, stderr=follower, env=env) as child:
        os.close(follower)
        output = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closes when the child exits
                break
            if not chunk:
                break
            output += chunk
        child.wait(timeout=60)
    os.close(leader)

    text = output.decode("utf-8", "replace")
    assert child.returncode == 0, text
    assert "Morning run" in text and "100%" in text
    assert "17 stories written to" in text


# The desk configuration


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"outt": "drafts"}, "unknown setting(s) outt"),
        ({"formats": ["md", "docx"]}, "formats: 'docx'; choose from"),
        ({"style": "bbc"}, "style: 'bbc' is not a house style"),
        ({"stale_after_days": -1}, "stale_after_days: -1 is not a whole number of days"),
        ({"narratives": []}, "narratives: list at least one"),
        ({"narratives": [{"narrative": "covid-cases", "patches": ["Atlantis"]}]}, "no patch named"),
        ({"narratives": [{"narrative": "covid-cases", "data": {"deaths": "x.csv"}}]}, "no input"),
        ({"narratives": [{"narrative": "no-such"}]}, "no such narrative"),
        (
            {"narratives": [{"narrative": "covid-cases"}, {"narrative": "covid-cases"}]},
            "listed twice",
        ),
        ({"fetch": {"retries": -1}}, "retries and backoff 0 or more"),
    ],
)
def test_a_wrong_desk_configuration_names_the_file_and_setting(tmp_path, change, message):
    desk = write_desk(tmp_path, "http://127.0.0.1:9", **change)

    result = CliRunner().invoke(main, ["morning", str(desk)])

    assert result.exit_code == 2
    assert str(desk) in result.output and message in result.output


def test_a_missing_desk_configuration_says_where_to_start(tmp_path):
    result = CliRunner().invoke(main, ["morning", str(tmp_path / "desk.yaml")])
    assert result.exit_code == 2
    assert "copy desk.example.yaml" in result.output


def test_the_shipped_example_configuration_loads():
    from storygen.desk import load

    example = Path(__file__).resolve().parents[1] / "desk.example.yaml"
    desk = load(example)

    assert desk.archive == example.parent / "drafts" / "archive.sqlite"
    assert [entry.name for entry in desk.narratives] == ["covid-cases"]
    assert desk.out_for(desk.narratives[0], "2020-11-25") == (
        example.parent / "drafts" / "2020-11-25" / "covid-cases"
    )
