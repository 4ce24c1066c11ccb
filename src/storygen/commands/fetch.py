"""storygen fetch: download a narrative's fresh data into the cache and check it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from storygen import narrative as narratives
from storygen.cli import _as_of, _data_pairs, reports_errors
from storygen.desk import FetchSettings
from storygen.errors import StorygenError
from storygen.morning import fetch_inputs
from storygen.pipeline import RunOptions, prepare
from storygen.sources import Table, default_cache_dir, is_url


@click.command("fetch")
@click.argument("narrative")
@click.option(
    "--as-of",
    callback=_as_of,
    metavar="YYYY-MM-DD",
    help="Fail unless the data reaches this date (e.g. yesterday, for a morning run).",
)
@click.option(
    "--cache",
    type=click.Path(file_okay=False, path_type=Path),
    help="Cache folder (default: $XDG_CACHE_HOME/storygen or ~/.cache/storygen).",
)
@click.option(
    "--data",
    "data",
    multiple=True,
    callback=_data_pairs,
    metavar="NAME=URL",
    help="Fetch input NAME from URL (or read a file) instead of the narrative's own. Repeatable.",
)
@click.option("--timeout", type=float, default=30, show_default=True, help="Seconds to wait.")
@click.option("--retries", type=int, default=4, show_default=True, help="Tries after the first.")
@reports_errors
def command(
    narrative: str,
    as_of: str | None,
    cache: Path | None,
    data: dict[str, str],
    timeout: float,
    retries: int,
) -> None:
    """Download each input of NARRATIVE that comes from a URL, and check the data.

    Each URL is asked conditionally (ETag, Last-Modified), so unchanged data is not sent
    again; 429 and 5xx answers are retried with backoff. When a source stays down, its
    cached copy is used with a warning saying how old it is (exit 1); with no cached copy
    the command fails (exit 2). The data is then read and validated as a run would.

    \b
    Example:
      storygen fetch covid-cases --as-of 2020-11-25 \\
          --data "cases=https://api.coronavirus.data.gov.uk/v2/data?areaType=ltla&metric=newCasesBySpecimenDate&format=csv"
    """  # fmt: skip
    loaded = narratives.load(narrative)
    unknown = sorted(set(data) - set(loaded.inputs))
    if unknown:
        raise StorygenError(
            f"--data {unknown[0]}=...: {loaded.name} has no input {unknown[0]!r} "
            f"(inputs: {', '.join(loaded.inputs)})"
        )
    tables: dict[str, Table] = {}
    locations, statuses, warnings = fetch_inputs(
        loaded, data, cache or default_cache_dir(), FetchSettings(timeout, retries), tables
    )
    for status in statuses:
        click.echo(f"{status.name}: {status.status}, {status.rows:,} rows from {status.location}")
    if not any(is_url(location) for location in locations.values()):
        click.echo(f"Nothing to fetch: every input of {loaded.name} is a local file.")
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)
    frames = {location: tables[location].frame for location in locations.values()}
    prepared = prepare(loaded, RunOptions([narrative], locations, as_of=as_of), frames)
    last = prepared.panel.last_date()
    click.echo(
        f"The data is valid for {loaded.name} and ends {last:%Y-%m-%d}; "
        f"{len(prepared.facts)} facts for {prepared.as_of:%Y-%m-%d}."
    )
    if any(table.stale for table in tables.values()):
        sys.exit(1)
