"""The archive: what each morning run published, in SQLite, so the next run knows what is new.

One row per run (a desk's narrative on one as-of date), with the stories it wrote and every
fact each story carried. The morning run asks it three things: when the last run was and
how far its data reached (stale data), which claims recent runs already made (``claims``),
and what each story led on last time ("no change"). ``storygen history`` reads it by area.

Writes are idempotent: recording a run whose content is already there changes nothing, not
even the file; recording a run for the same desk, narrative and as-of date with different
content replaces it. Held stories are recorded with the run, and their facts are not
counted as reported.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storygen.claims import claim
from storygen.errors import StorygenError

FILE_NAME = "archive.sqlite"
SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    desk TEXT NOT NULL,
    narrative TEXT NOT NULL,
    as_of TEXT NOT NULL,            -- the last date the stories cover (YYYY-MM-DD)
    morning TEXT NOT NULL,          -- the morning the run was made for (YYYY-MM-DD)
    ran_at TEXT NOT NULL,           -- when it was recorded (UTC, ISO 8601)
    out TEXT NOT NULL,              -- the folder the drafts were written to
    digest TEXT NOT NULL,           -- a hash of the stories and held list written
    held TEXT NOT NULL,             -- JSON list of {"id", "reason"}
    UNIQUE (desk, narrative, as_of)
);
CREATE TABLE IF NOT EXISTS stories (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    story_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    area_code TEXT,
    area_name TEXT NOT NULL,
    headline TEXT NOT NULL,
    lede TEXT,                      -- the id of the fact the story led on
    lede_claim TEXT,
    no_change INTEGER NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (run_id, story_id)
);
CREATE TABLE IF NOT EXISTS facts (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    story_id TEXT NOT NULL,
    fact_id TEXT NOT NULL,
    claim TEXT NOT NULL,
    kind TEXT NOT NULL,
    area_code TEXT NOT NULL,
    area_name TEXT NOT NULL,
    new INTEGER NOT NULL,
    fact TEXT NOT NULL,             -- the fact as the story JSON has it
    PRIMARY KEY (run_id, story_id, fact_id)
);
CREATE INDEX IF NOT EXISTS facts_by_area ON facts (area_code);
CREATE INDEX IF NOT EXISTS stories_by_area ON stories (area_code);
"""


@dataclass
class Run:
    """One desk's run of one narrative for one as-of date."""

    desk: str
    narrative: str
    as_of: str
    morning: str
    ran_at: str
    out: str
    digest: str
    held: list[dict[str, str]] = field(default_factory=list)
    id: int | None = None


@dataclass
class AreaRun:
    """What one run reported about an area: its stories and the facts about it."""

    run: Run
    stories: list[dict[str, Any]]  # id, kind, headline, lede, no_change
    facts: list[dict[str, Any]]  # the facts as the story JSON has them, with "new"


class Archive:
    """An archive file, opened for the length of a ``with`` block.

    ``create=False`` (for reading) raises when the file does not exist yet.
    """

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StorygenError(
                f"{self.path}: no archive here yet; storygen morning creates it on its first run "
                "(or name the archive with --archive)"
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.row_factory = sqlite3.Row
        try:
            self._check_schema()
        except sqlite3.DatabaseError as error:
            self.db.close()
            raise StorygenError(
                f"{self.path}: not a storygen archive ({error}); move it aside or name another "
                "file with the config's archive: setting"
            ) from error

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _check_schema(self) -> None:
        self.db.execute("PRAGMA foreign_keys = ON")
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        tables = self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if version == 0 and tables == 0:
            with self.db:
                self.db.executescript(SCHEMA)
                self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            return
        raise sqlite3.DatabaseError(
            f"schema version {version}, this storygen reads version {SCHEMA_VERSION}"
        )

    # The morning run's questions

    def last_run(self, desk: str, narrative: str, *, before: str | None = None) -> Run | None:
        """The run with the latest as-of date (before ``before``, when given)."""
        query = "SELECT * FROM runs WHERE desk = ? AND narrative = ?"
        params: list[Any] = [desk, narrative]
        if before is not None:
            query += " AND as_of < ?"
            params.append(before)
        row = self.db.execute(query + " ORDER BY as_of DESC LIMIT 1", params).fetchone()
        return _run(row) if row else None

    def run_for(self, desk: str, narrative: str, as_of: str) -> Run | None:
        row = self.db.execute(
            "SELECT * FROM runs WHERE desk = ? AND narrative = ? AND as_of = ?",
            (desk, narrative, as_of),
        ).fetchone()
        return _run(row) if row else None

    def reported_claims(self, desk: str, narrative: str, *, since: str, before: str) -> set[str]:
        """The claims of every fact published by runs with as-of dates in [since, before)."""
        rows = self.db.execute(
            "SELECT DISTINCT facts.claim FROM facts JOIN runs ON runs.id = facts.run_id "
            "WHERE runs.desk = ? AND runs.narrative = ? AND runs.as_of >= ? AND runs.as_of < ?",
            (desk, narrative, since, before),
        )
        return {row[0] for row in rows}

    def ledes(self, run: Run) -> dict[str, str | None]:
        """Story id -> the claim the story led on, for one recorded run."""
        rows = self.db.execute(
            "SELECT story_id, lede_claim FROM stories WHERE run_id = ?", (run.id,)
        )
        return {row["story_id"]: row["lede_claim"] for row in rows}

    def record(self, run: Run, stories: list[dict[str, Any]]) -> bool:
        """Record a run and its stories (story JSON dicts); False when it was already there.

        A story dict may carry ``lede`` (a fact id) and ``no_change``; each fact dict may
        carry ``new``.
        """
        existing = self.run_for(run.desk, run.narrative, run.as_of)
        if existing is not None and existing.digest == run.digest:
            run.id = existing.id
            return False
        with self.db:
            if existing is not None:
                self.db.execute("DELETE FROM runs WHERE id = ?", (existing.id,))
            cursor = self.db.execute(
                "INSERT INTO runs (desk, narrative, as_of, morning, ran_at, out, digest, held) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    run.desk,
                    run.narrative,
                    run.as_of,
                    run.morning,
                    run.ran_at,
                    run.out,
                    run.digest,
                    json.dumps(run.held),
                ),
            )
            run.id = cursor.lastrowid
            for story in stories:
                self._add_story(run.id, story)
        return True

    def _add_story(self, run_id: int | None, story: dict[str, Any]) -> None:
        facts = {fact["id"]: fact for fact in story["facts"]}
        lede = story.get("lede")
        self.db.execute(
            "INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                run_id,
                story["id"],
                story["kind"],
                story.get("area_code"),
                story["area_name"],
                story["headline"],
                lede,
                claim(facts[lede]) if lede in facts else None,
                int(bool(story.get("no_change"))),
                float(story.get("score") or 0.0),
            ),
        )
        self.db.executemany(
            "INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    run_id,
                    story["id"],
                    fact["id"],
                    claim(fact),
                    fact["kind"],
                    fact["subject"]["code"],
                    fact["subject"]["name"],
                    int(bool(fact.get("new"))),
                    json.dumps(fact, sort_keys=True),
                )
                for fact in facts.values()
            ],
        )

    # storygen history

    def areas(self, wanted: str) -> list[tuple[str, str]]:
        """(code, name) of the areas whose code or name is ``wanted`` (any case)."""
        rows = self.db.execute(
            "SELECT DISTINCT area_code, area_name FROM facts "
            "WHERE lower(area_code) = lower(?) OR lower(area_name) = lower(?) ORDER BY area_code",
            (wanted, wanted),
        )
        return [(row[0], row[1]) for row in rows]

    def known_areas(self) -> list[str]:
        rows = self.db.execute("SELECT DISTINCT area_name FROM facts ORDER BY area_name")
        return [row[0] for row in rows]

    def history(self, code: str, *, desk: str | None = None) -> list[AreaRun]:
        """What each run reported about the area ``code``, oldest run first."""
        query = "SELECT * FROM runs"
        params: list[Any] = []
        if desk is not None:
            query += " WHERE desk = ?"
            params.append(desk)
        found = []
        for row in self.db.execute(query + " ORDER BY as_of, narrative, desk", params):
            run = _run(row)
            stories = [
                {
                    "id": story["story_id"],
                    "kind": story["kind"],
                    "headline": story["headline"],
                    "lede": story["lede"],
                    "no_change": bool(story["no_change"]),
                }
                for story in self.db.execute(
                    "SELECT * FROM stories WHERE run_id = ? AND (area_code = ? OR (kind = "
                    "'roundup' AND story_id IN (SELECT story_id FROM facts WHERE run_id = ? "
                    "AND area_code = ?))) ORDER BY kind = 'roundup', score DESC, story_id",
                    (run.id, code, run.id, code),
                )
            ]
            facts: dict[str, dict[str, Any]] = {}
            for fact in self.db.execute(
                "SELECT fact_id, fact FROM facts WHERE run_id = ? AND area_code = ? "
                "ORDER BY fact_id, story_id",
                (run.id, code),
            ):
                facts.setdefault(fact["fact_id"], json.loads(fact["fact"]))
            if stories or facts:
                ordered = sorted(facts.values(), key=lambda f: (-(f.get("score") or 0), f["id"]))
                found.append(AreaRun(run, stories, ordered))
        return found


def _run(row: sqlite3.Row) -> Run:
    return Run(
        desk=row["desk"],
        narrative=row["narrative"],
        as_of=row["as_of"],
        morning=row["morning"],
        ran_at=row["ran_at"],
        out=row["out"],
        digest=row["digest"],
        held=json.loads(row["held"]),
        id=row["id"],
    )
