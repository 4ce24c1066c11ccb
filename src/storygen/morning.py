"""The morning run: fetch fresh data, write each desk narrative's drafts, say what is new.

For every narrative a desk (``desk.py``) runs:

1. fetch its inputs: URLs through the on-disk cache, conditional and retried; when a source
   stays down its cached copy stands in, with a warning saying how old it is;
2. read and validate them and find the facts (``pipeline.prepare``);
3. check the data is fresh: its latest date has moved since the last run and is within
   the desk's age limit; stale data writes nothing (unless ``allow_stale``);
4. lower the scores of facts recent runs already reported (``newsworthiness``) and
   compose the stories for the desk's patches;
5. mark each fact new today or not in the story JSON (``"new": true``), and flag a story
   whose lede makes the same claim as on the last run (``"no_change": true``);
6. write the drafts, record the run in the archive and write the review page. When these
   very drafts were written before (the same morning run again), nothing is written again.

A narrative whose data fails is held with the reason; the others go on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from storygen import narrative as narratives
from storygen import review, workers
from storygen.archive import Archive, Run
from storygen.claims import claim
from storygen.desk import Desk, DeskNarrative, FetchSettings
from storygen.errors import StorygenError
from storygen.facts import Fact
from storygen.narrative import Narrative, Plan
from storygen.newsworthiness import choose_lede, discount_reported
from storygen.patches import Patch, load_all, select
from storygen.pipeline import Prepared, RunOptions, compose_prepared, prepare
from storygen.sources import Table, fetch_table
from storygen.story import Story

STEPS = 4  # progress steps per narrative: fetch, facts, stories, write


@dataclass
class InputStatus:
    """How one input was got this morning."""

    name: str
    location: str
    status: str  # downloaded, unchanged, cached copy (source down), local file
    rows: int


@dataclass
class NarrativeReport:
    """What the morning did with one narrative."""

    name: str
    title: str
    inputs: list[InputStatus] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    as_of: str | None = None
    out: Path | None = None
    stories: list[dict[str, Any]] = field(default_factory=list)  # story JSON, as written
    held: list[dict[str, str]] = field(default_factory=list)  # stories held, with reasons
    fault: str | None = None  # why the narrative wrote nothing, when its data failed
    stale: bool = False
    first_run: bool = False
    previous_as_of: str | None = None
    written: bool = False  # drafts written by this call
    unchanged: bool = False  # these very drafts were already written: nothing written
    written_on: str | None = None  # the morning that wrote them, when unchanged
    review: str | None = None

    @property
    def new_facts(self) -> list[dict[str, Any]]:
        """The facts new today, each once, strongest first."""
        unique = {f["id"]: f for story in self.stories for f in story["facts"] if f.get("new")}
        return sorted(unique.values(), key=lambda fact: (-fact["score"], fact["id"]))

    @property
    def no_change(self) -> list[dict[str, Any]]:
        return [story for story in self.stories if story.get("no_change")]

    def to_dict(self) -> dict[str, Any]:
        return {
            "narrative": self.name,
            "title": self.title,
            "as_of": self.as_of,
            "out": str(self.out) if self.out else None,
            "inputs": [vars(status) for status in self.inputs],
            "warnings": self.warnings,
            "fault": self.fault,
            "stale": self.stale,
            "first_run": self.first_run,
            "previous_as_of": self.previous_as_of,
            "written": self.written,
            "unchanged": self.unchanged,
            "stories": [
                {"id": s["id"], "headline": s["headline"], "no_change": s["no_change"]}
                for s in self.stories
            ],
            "held": self.held,
            "new_facts": [
                {"id": f["id"], "claim": claim(f), "score": f["score"]} for f in self.new_facts
            ],
            "no_change": [story["id"] for story in self.no_change],
            "review": self.review,
        }


@dataclass
class MorningReport:
    desk: str
    morning: str
    narratives: list[NarrativeReport]

    @property
    def held_anything(self) -> bool:
        """True when a narrative's data failed or a story was held."""
        return any(report.fault or report.held for report in self.narratives)

    def to_dict(self) -> dict[str, Any]:
        return {
            "desk": self.desk,
            "morning": self.morning,
            "narratives": [report.to_dict() for report in self.narratives],
        }


@workers.few_collections()
def run_morning(
    desk: Desk,
    *,
    morning: date | None = None,
    allow_stale: bool = False,
    dry_run: bool = False,
    advance: Callable[[int], Any] = lambda steps: None,
) -> MorningReport:
    """Run every narrative of the desk for the morning of ``morning`` (default: today).

    ``dry_run`` fetches and composes but writes no drafts and records nothing.

    ``advance(n)`` is told each time n more of the ``STEPS * len(desk.narratives)`` steps
    are done, for a progress bar.
    """
    day = (morning or date.today()).isoformat()
    patches = load_all(desk.patches_dir)
    tables: dict[str, Table] = {}  # location -> table: each source is fetched once a morning
    reports = []
    # a dry run of a desk with no archive yet reads an empty one, leaving no file behind
    archive_path = desk.archive if desk.archive.exists() or not dry_run else Path(":memory:")
    with Archive(archive_path) as archive:
        for entry in desk.narratives:
            progress = _Progress(advance)
            reports.append(
                _run_narrative(
                    desk, entry, archive, day, allow_stale, dry_run, tables, patches, progress.step
                )
            )
            progress.finish()
    return MorningReport(desk.name, day, reports)


def fetch_inputs(
    narrative: Narrative,
    data: dict[str, str],
    cache_dir: Path,
    settings: FetchSettings,
    tables: dict[str, Table],
) -> tuple[dict[str, str], list[InputStatus], list[str]]:
    """Fetch (or read) every input of ``narrative`` into ``tables``, keyed by location.

    An input is read from ``data`` when named there, else from the narrative's ``url`` or
    ``default``. Returns each input's location, how each was got and any warnings (a cached
    copy standing in for a source that is down). A source that is down with no cached copy
    raises ``FetchError``.
    """
    locations = {
        name: data.get(name) or narrative.resolve_source(name) for name in narrative.inputs
    }
    warnings: list[str] = []
    statuses = []
    for name, location in locations.items():
        if location not in tables:
            tables[location] = fetch_table(
                location, cache_dir=cache_dir, warn=warnings.append, **settings.options()
            )
        statuses.append(_status(name, tables[location]))
    return locations, statuses, warnings


def stale_reason(
    as_of: str, morning: str, last: Run | None, stale_after_days: int | None
) -> str | None:
    """Why data ending on ``as_of`` is too stale for drafts this morning, or None.

    Data is stale when its latest date has not moved on since the last run made on an
    earlier morning (the same morning may run again and write the same drafts), or when it
    is more than ``stale_after_days`` days old.

    >>> last = Run("desk", "covid-cases", "2020-11-25", "2020-11-26", "", "", "")
    >>> stale_reason("2020-11-26", "2020-11-27", last, 3) is None
    True
    >>> stale_reason("2020-11-25", "2020-11-26", last, 3) is None  # the same morning again
    True
    >>> print(stale_reason("2020-11-25", "2020-11-27", last, 3))
    the data still ends 2020-11-25, as it did for the run on the morning of 2020-11-26
    >>> print(stale_reason("2020-11-25", "2020-11-30", None, 3))
    the data ends 2020-11-25, 5 days before this morning (2020-11-30); the desk allows 3
    """
    if last is not None and not (last.as_of == as_of and last.morning == morning):
        if last.as_of == as_of:
            return (
                f"the data still ends {as_of}, as it did for the run on the morning of "
                f"{last.morning}"
            )
        if last.as_of > as_of:
            return f"the data ends {as_of}, before the last run's {last.as_of}"
    age = (date.fromisoformat(morning) - date.fromisoformat(as_of)).days
    if stale_after_days is not None and age > stale_after_days:
        return (
            f"the data ends {as_of}, {age} days before this morning ({morning}); "
            f"the desk allows {stale_after_days}"
        )
    return None


def lede_of(story: Story, plan: Plan) -> Fact | None:
    """The fact a story led on: chosen among its area's own facts as ``compose`` chooses it,
    or a roundup's strongest fact."""
    if story.kind != "area":
        return story.facts[0] if story.facts else None
    own = {
        fact.id.rsplit(".", 1)[0]: fact
        for fact in story.facts
        if fact.subject.code == story.area_code
        and (fact.kind != "rank" or fact.values.get("peer_level") == story.area_type)
    }
    key = choose_lede(own, plan.lede)
    return own[key] if key else None


def _run_narrative(
    desk: Desk,
    entry: DeskNarrative,
    archive: Archive,
    morning: str,
    allow_stale: bool,
    dry_run: bool,
    tables: dict[str, Table],
    patches: list[Patch],
    step: Callable[[], None],
) -> NarrativeReport:
    loaded = narratives.load(entry.narrative)
    report = NarrativeReport(entry.name, loaded.title)
    try:
        locations, report.inputs, report.warnings = fetch_inputs(
            loaded, entry.data, desk.cache, desk.fetch, tables
        )
        step()
        options = RunOptions([entry.narrative], locations, style=entry.style, cache_dir=desk.cache)
        frames = {location: tables[location].frame for location in locations.values()}
        prepared = prepare(loaded, options, frames)
    except StorygenError as error:
        report.fault = f"its data could not be used: {error}"
        return report
    as_of = prepared.as_of.date().isoformat()
    report.as_of = as_of
    reason = stale_reason(
        as_of, morning, archive.last_run(desk.name, entry.name), desk.stale_after_days
    )
    if reason and not allow_stale:
        report.fault, report.stale = f"{reason}; no new drafts (--allow-stale writes them)", True
        return report
    if reason:
        report.warnings.append(f"stale data, written anyway as asked: {reason}")

    earlier = archive.last_run(desk.name, entry.name, before=as_of)
    report.first_run = earlier is None
    report.previous_as_of = earlier.as_of if earlier else None
    since = (prepared.as_of - timedelta(days=desk.repeat_within_days)).date().isoformat()
    reported = archive.reported_claims(desk.name, entry.name, since=since, before=as_of)
    prepared.facts = discount_reported(prepared.facts, reported, desk.repeat_weight)
    step()

    stories, report.held = _compose(prepared, options, patches, entry.patches)
    ledes = archive.ledes(earlier) if earlier else {}
    report.stories = [_marked(story, loaded, reported, ledes) for story in stories]
    step()

    report.out = out = desk.out_for(entry, as_of)
    digest = _digest(report.stories, report.held, entry.formats, out)
    existing = archive.run_for(desk.name, entry.name, as_of)
    if existing and existing.digest == digest and (out / "manifest.json").exists():
        report.unchanged, report.written_on = True, existing.morning
        return report
    if dry_run:
        return report
    from storygen.exporters.write import write_run

    write_run(out, as_of, report.stories, report.held, list(entry.formats))
    ran_at = datetime.now(UTC).isoformat(timespec="seconds")
    run = Run(desk.name, entry.name, as_of, morning, ran_at, str(out), digest, report.held)
    archive.record(run, report.stories)
    report.written = True
    report.review = _review_page(out)
    return report


class _Progress:
    """Counts a narrative's steps, so that one that stops early still fills its share."""

    def __init__(self, advance: Callable[[int], Any]) -> None:
        self.advance = advance
        self.done = 0

    def step(self) -> None:
        self.done += 1
        self.advance(1)

    def finish(self) -> None:
        self.advance(STEPS - self.done)


def _status(name: str, table: Table) -> InputStatus:
    rows = len(table.frame)
    if not table.fetched:
        return InputStatus(name, table.location, "local file", rows)
    if table.stale:
        hours = max(page.age_seconds or 0.0 for page in table.fetched) / 3600
        status = f"cached copy, {hours:.1f} hours old (the source is down)"
    elif any(not page.from_cache for page in table.fetched):
        status = "downloaded"
    else:
        status = "unchanged since the last fetch"
    return InputStatus(name, table.location, status, rows)


def _compose(
    prepared: Prepared, options: RunOptions, patches: list[Patch], wanted: tuple[str, ...]
) -> tuple[list[Story], list[dict[str, str]]]:
    """The stories for the desk's patches (each story once), or for every area and patch."""
    chosen: list[Patch | None] = [select(patches, name)[0] for name in wanted] or [None]
    stories: dict[str, Story] = {}
    held: dict[str, dict[str, str]] = {}
    for patch in chosen:
        composed = compose_prepared(prepared, options, patches, patch)
        for story in composed.stories:
            stories.setdefault(story.id, story)
        for item in composed.held:
            held.setdefault(item["id"], item)
    ordered = sorted(stories.values(), key=lambda story: (-story.score, story.id))
    return ordered, sorted(held.values(), key=lambda item: item["id"])


def _marked(
    story: Story, narrative: Narrative, reported: set[str], ledes: dict[str, str | None]
) -> dict[str, Any]:
    """The story JSON, each fact marked new or not, and the lede and "no change" flag."""
    lede = lede_of(story, narrative.plans[story.plan])
    data = story.to_dict()
    for fact in data["facts"]:
        fact["new"] = claim(fact) not in reported
    data["lede"] = lede.id if lede else None
    data["no_change"] = lede is not None and ledes.get(story.id) == claim(lede)
    return data


def _digest(
    stories: list[dict[str, Any]], held: list[dict[str, str]], formats: tuple[str, ...], out: Path
) -> str:
    content = json.dumps([stories, held, list(formats), str(out)], sort_keys=True)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def _review_page(out: Path) -> str:
    """Write the morning's review page beside its drafts; say where."""
    return str(review.write_review(out))
