"""storygen run: write the drafts."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from storygen import workers
from storygen.cli import data_options, reports_errors
from storygen.exporters import EXPORTERS
from storygen.pipeline import RunOptions, run
from storygen.story import Story, StoryDicts
from storygen.style.grammar import plural

DEFAULT_FORMATS = "md,json"


@click.command("run")
@click.argument("narratives", nargs=-1, metavar="[NARRATIVE]...")
@data_options
@click.option(
    "--out", type=click.Path(path_type=Path), help="Output folder (default: drafts/<as-of>/)."
)
@click.option(
    "--format",
    "formats",
    default=DEFAULT_FORMATS,
    show_default=True,
    help=f"Comma-separated formats: {', '.join(sorted(EXPORTERS))}.",
)
@reports_errors
def command(
    narratives: tuple[str, ...],
    data: dict[str, str],
    as_of: str | None,
    patch: str | None,
    style: str | None,
    out: Path | None,
    formats: str,
) -> None:
    """Write draft stories for every area and patch.

    NARRATIVE is a shipped narrative's name or a path to a narrative YAML file; with none,
    every shipped narrative runs.

    \b
    Example:
      storygen run covid-cases --data cases=england_ltla_cases_final.csv \\
          --data areas=england_ltla_lookup_lad19.csv --as-of 2020-11-25 --patch "Kent and Medway"
    """  # fmt: skip
    from storygen.exporters.write import write_run

    wanted = [name.strip() for name in formats.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in EXPORTERS]
    if unknown:
        raise click.BadParameter(
            f"unknown format {unknown[0]!r}; choose from {', '.join(sorted(EXPORTERS))}",
            param_hint="--format",
        )
    options = RunOptions(list(narratives), data, as_of, patch, style)
    # one spell of few collections from the first story to the last file: between the two,
    # the collector's usual thresholds would walk every object the run has made (0.8 s at
    # full size, with nothing else running)
    with workers.few_collections():
        result = run(options)
        out = out or Path("drafts") / result.as_of
        manifest = write_run(
            out,
            result.as_of,
            StoryDicts(result.stories),  # each made by the worker that exports it
            result.held,
            wanted,
            result.skipped,
        )
    click.echo(f"Wrote {_count(len(manifest['stories']), 'draft')} to {out}/")
    for line in _by_narrative(result.stories):
        click.echo(f"  {line}")
    click.echo(f"  manifest: {out / 'manifest.json'}")
    if result.stories:
        click.echo(f"  strongest: {result.stories[0].headline}")
    if result.skipped:
        had = "has" if len(result.skipped) == 1 else "have"
        click.echo(
            f"  {_count(len(result.skipped), 'area')} {had} no figures to report (see manifest)"
        )
    for held in result.held:
        click.echo(f"  held {held['id']}: {held['reason']}", err=True)
    if result.held:
        sys.exit(1)


def _by_narrative(stories: list[Story]) -> list[str]:
    """A line for each narrative: how many drafts, and the latest date their figures reach
    (narratives' data end on different days, so the folder's date is only the latest).

    >>> from types import SimpleNamespace as S
    >>> _by_narrative([S(narrative="covid-cases", as_of="2021-01-31"),
    ...                S(narrative="hospital-patients", as_of="2021-03-23"),
    ...                S(narrative="covid-cases", as_of="2021-01-31")])
    ['covid-cases: 2 drafts, figures to 2021-01-31', 'hospital-patients: 1 draft, figures to 2021-03-23']
    """
    reach: dict[str, list[str]] = {}
    for story in stories:
        reach.setdefault(story.narrative, []).append(story.as_of)
    return [
        f"{name}: {_count(len(days), 'draft')}, figures to {max(days)}"
        for name, days in sorted(reach.items())
    ]


def _count(n: int, noun: str) -> str:
    return f"{n:,} {plural(noun, n)}"
