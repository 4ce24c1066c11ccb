"""storygen morning: the desk's daily run, and a summary of what is new."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from storygen.claims import describe
from storygen.cli import _as_of, reports_errors
from storygen.desk import DEFAULT_FILE, load
from storygen.morning import STEPS, MorningReport, NarrativeReport, run_morning


@click.command("morning")
@click.argument("config", type=click.Path(path_type=Path), default=DEFAULT_FILE, required=False)
@click.option(
    "--allow-stale",
    is_flag=True,
    help="Write drafts even when the data has not moved on since the last run or is too old.",
)
@click.option(
    "--today",
    callback=_as_of,
    metavar="YYYY-MM-DD",
    help="Run as the morning of this date (default: today), e.g. to catch up a missed one.",
)
@click.option("--dry-run", is_flag=True, help="Fetch and compose, but write and record nothing.")
@click.option(
    "--limit",
    type=int,
    default=15,
    show_default=True,
    help="How many new facts to name per narrative (--json names all).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@reports_errors
def command(
    config: Path,
    allow_stale: bool,
    today: str | None,
    dry_run: bool,
    limit: int,
    as_json: bool,
) -> None:
    """Fetch fresh data and write the desk's drafts; say what is new since the last run.

    CONFIG is the desk's configuration (default: desk.yaml here); desk.example.yaml in the
    repository shows every setting. Exits 1 when anything was held (a source down with no
    cached copy, stale data, bad data, a story its template could not write), 2 when the
    configuration is wrong.

    \b
    Example (cron, 06:30 every day):
      30 6 * * * cd /srv/newsdesk && storygen morning desk.yaml >> morning.log 2>&1
    """  # fmt: skip
    desk = load(config)
    morning = date.fromisoformat(today) if today else None
    options = {"morning": morning, "allow_stale": allow_stale, "dry_run": dry_run}
    if sys.stdout.isatty() and not as_json:
        length = STEPS * len(desk.narratives)
        with click.progressbar(length=length, label="Morning run", file=sys.stdout) as bar:
            report = run_morning(desk, advance=bar.update, **options)
    else:
        report = run_morning(desk, **options)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo("\n".join(summary(report, limit=limit, dry_run=dry_run)))
    if report.held_anything:
        sys.exit(1)


def summary(report: MorningReport, *, limit: int = 15, dry_run: bool = False) -> list[str]:
    """The morning's summary for the desk, as lines of text."""
    lines = [f"Morning of {report.morning} for {report.desk}"]
    for narrative in report.narratives:
        lines += [""] + _narrative_lines(narrative, limit, dry_run)
    written = sum(len(n.stories) for n in report.narratives if n.written)
    held = sum(len(n.held) + bool(n.fault) for n in report.narratives)
    new = sum(len(n.new_facts) for n in report.narratives)
    unchanged = sum(len(n.no_change) for n in report.narratives)
    lines += [
        "",
        f"Stories written: {written}. Held: {held}. New today: {new} facts. "
        f"No change: {unchanged} stories.",
    ]
    return lines


def _narrative_lines(report: NarrativeReport, limit: int, dry_run: bool) -> list[str]:
    heading = f"{report.name} ({report.title})"
    if report.as_of:
        heading += f", data to {report.as_of}"
    lines = [heading + ":"]
    for status in report.inputs:
        lines.append(f"  {status.name}: {status.status}, {status.rows:,} rows ({status.location})")
    lines += [f"  warning: {warning}" for warning in report.warnings]
    if report.fault:
        return [*lines, f"  HELD, no drafts written: {report.fault}"]
    count = f"{len(report.stories)} {'story' if len(report.stories) == 1 else 'stories'}"
    if report.unchanged:
        lines.append(
            f"  {count} unchanged: already written on the morning of {report.written_on} "
            f"to {report.out}"
        )
    elif dry_run:
        lines.append(f"  {count} composed (dry run: nothing written)")
    else:
        lines.append(f"  {count} written to {report.out}")
    new = report.new_facts
    if report.first_run:
        lines.append(f"  new today: all {len(new)} facts (the first run for this desk)")
    elif new:
        since = f" since {report.previous_as_of}" if report.previous_as_of else ""
        lines.append(f"  new today ({len(new)} facts not reported{since}):")
        lines += [f"    {describe(fact)}" for fact in new[:limit]]
        if len(new) > limit:
            lines.append(f'    and {len(new) - limit} more ("new": true in the story JSON)')
    else:
        lines.append("  new today: nothing; every fact was reported on an earlier run")
    if report.no_change:
        lines.append(
            f"  no change: {len(report.no_change)} stories lead as they did on "
            f"{report.previous_as_of}:"
        )
        lines += [f"    {story['id']}: {story['headline']}" for story in report.no_change]
    lines += [f"  held {item['id']}: {item['reason']}" for item in report.held]
    if report.review:
        lines.append(f"  review page: {report.review}")
    return lines
