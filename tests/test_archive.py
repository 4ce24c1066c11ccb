"""The archive of published runs: idempotent writes, what was reported, history by area."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from storygen.archive import Archive, Run
from storygen.errors import StorygenError

DESK = "Kent and Medway"


def fact(kind: str, key: str, code: str, name: str, score: float, **values) -> dict:
    return {
        "id": f"{key}.{code}",
        "kind": kind,
        "measure": key.split(".")[1],
        "value": values.pop("value", 100.0),
        "score": score,
        "subject": {"code": code, "name": name, "type": "district"},
        "values": values,
    }


def swale_rank(position: int) -> dict:
    return fact(
        "rank",
        "rank.rate.district-in-country",
        "E07000113",
        "Swale",
        0.9,
        position=position,
        of=315,
        peer_level="district",
        group_name="England",
    )


def story(story_id: str, code: str | None, name: str, facts: list[dict], **extra) -> dict:
    return {
        "id": story_id,
        "kind": "area" if code else "roundup",
        "area_code": code,
        "area_name": name,
        "headline": f"Headline for {name}",
        "score": max(f["score"] for f in facts),
        "facts": facts,
        **extra,
    }


def run(as_of: str, morning: str, digest: str = "d1", desk: str = DESK) -> Run:
    return Run(desk, "covid-cases", as_of, morning, f"{morning}T06:30:00+00:00", "out", digest)


def england_down() -> dict:
    return fact("change", "change.rate", "E92000001", "England", 0.3, direction="down", previous=1)


def day(position: int, *, new: bool = True) -> list[dict]:
    rank = dict(swale_rank(position), new=new)
    return [
        story(
            "area-swale",
            "E07000113",
            "Swale",
            [rank, england_down()],
            lede=rank["id"],
            no_change=False,
        ),
        story("roundup-kent", None, "Kent and Medway", [rank], lede=rank["id"]),
        story("area-dover", "E07000108", "Dover", [england_down()], lede=None),
    ]


def digest_of(path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_recording_the_same_run_again_changes_nothing_not_even_the_file(tmp_path):
    path = tmp_path / "archive.sqlite"
    with Archive(path) as archive:
        assert archive.record(run("2020-11-25", "2020-11-26"), day(1)) is True
    before = digest_of(path)

    with Archive(path) as archive:
        again = run("2020-11-25", "2020-11-26")
        assert archive.record(again, day(1)) is False
        assert again.id == archive.run_for(DESK, "covid-cases", "2020-11-25").id

    assert digest_of(path) == before


def test_a_run_with_other_content_for_the_same_date_replaces_the_old_one(tmp_path):
    with Archive(tmp_path / "archive.sqlite") as archive:
        archive.record(run("2020-11-25", "2020-11-26", digest="old"), day(1))
        assert archive.record(run("2020-11-25", "2020-11-26", digest="new"), day(2)) is True

        (only,) = archive.db.execute("SELECT digest FROM runs").fetchall()
        assert only[0] == "new"
        assert archive.reported_claims(
            DESK, "covid-cases", since="2020-11-01", before="2020-12-01"
        ) == {
            "rank.rate.district-in-country.E07000113 position=2",
            "change.rate.E92000001 direction=down",
        }
        count = archive.db.execute("SELECT count(*) FROM stories").fetchone()[0]
        assert count == 3  # the old run's stories went with it


def test_reported_claims_only_from_runs_in_the_window_before_the_date(tmp_path):
    with Archive(tmp_path / "archive.sqlite") as archive:
        archive.record(run("2020-11-10", "2020-11-11"), day(5))
        archive.record(run("2020-11-24", "2020-11-25"), day(3))
        archive.record(run("2020-11-25", "2020-11-26"), day(1))

        claims = archive.reported_claims(
            DESK, "covid-cases", since="2020-11-18", before="2020-11-25"
        )

    assert claims == {
        "rank.rate.district-in-country.E07000113 position=3",
        "change.rate.E92000001 direction=down",
    }


def test_last_run_is_the_latest_as_of_date_or_the_latest_before_one(tmp_path):
    with Archive(tmp_path / "archive.sqlite") as archive:
        assert archive.last_run(DESK, "covid-cases") is None
        archive.record(run("2020-11-25", "2020-11-26"), day(1))
        archive.record(run("2020-11-24", "2020-11-28"), day(2))  # a later morning, older data
        archive.record(run("2020-11-25", "2020-11-26", desk="Other desk"), day(1))

        assert archive.last_run(DESK, "covid-cases").as_of == "2020-11-25"
        assert archive.last_run(DESK, "covid-cases", before="2020-11-25").morning == "2020-11-28"
        assert archive.last_run(DESK, "covid-cases", before="2020-11-24") is None
        assert archive.last_run(DESK, "other-narrative") is None


def test_ledes_are_recorded_as_claims_per_story(tmp_path):
    with Archive(tmp_path / "archive.sqlite") as archive:
        recorded = run("2020-11-25", "2020-11-26")
        archive.record(recorded, day(1))

        assert archive.ledes(recorded) == {
            "area-swale": "rank.rate.district-in-country.E07000113 position=1",
            "roundup-kent": "rank.rate.district-in-country.E07000113 position=1",
            "area-dover": None,
        }


def test_history_lists_the_areas_stories_and_facts_run_by_run(tmp_path):
    with Archive(tmp_path / "archive.sqlite") as archive:
        archive.record(run("2020-11-26", "2020-11-27"), day(1, new=False))
        archive.record(run("2020-11-25", "2020-11-26"), day(2))
        assert archive.areas("swale") == [("E07000113", "Swale")]
        assert archive.areas("e07000113") == [("E07000113", "Swale")]
        assert archive.areas("Swal") == []

        history = archive.history("E07000113")

    assert [entry.run.as_of for entry in history] == ["2020-11-25", "2020-11-26"]
    first = history[0]
    assert [s["id"] for s in first.stories] == ["area-swale", "roundup-kent"]
    assert [(f["id"], f["values"]["position"], f["new"]) for f in first.facts] == [
        ("rank.rate.district-in-country.E07000113", 2, True)
    ]
    assert history[1].facts[0]["new"] is False


def test_history_of_an_area_without_its_own_story_and_for_one_desk(tmp_path):
    with Archive(tmp_path / "archive.sqlite") as archive:
        archive.record(run("2020-11-25", "2020-11-26"), day(1))
        archive.record(run("2020-11-25", "2020-11-26", desk="Other desk"), day(1))

        (england,) = archive.history("E92000001", desk=DESK)

    assert england.stories == []  # only mentioned in others' stories
    assert [f["id"] for f in england.facts] == ["change.rate.E92000001"]  # once, not per story


def test_a_file_that_is_not_an_archive_is_refused_with_its_path(tmp_path):
    path = tmp_path / "archive.sqlite"
    path.write_text("cases,date\n1,2020-11-25\n")

    with pytest.raises(StorygenError, match="not a storygen archive") as caught:
        Archive(path)

    assert str(path) in str(caught.value)


def test_an_archive_of_another_schema_version_is_refused(tmp_path):
    path = tmp_path / "archive.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE runs (id INTEGER)")
        db.execute("PRAGMA user_version = 7")
    db.close()

    with pytest.raises(StorygenError, match="schema version 7"):
        Archive(path)


def test_reading_a_missing_archive_says_how_one_is_made(tmp_path):
    with pytest.raises(StorygenError, match="storygen morning creates it"):
        Archive(tmp_path / "none.sqlite", create=False)
    assert not (tmp_path / "none.sqlite").exists()
