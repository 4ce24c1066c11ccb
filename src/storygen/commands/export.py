"""storygen export: write an earlier run's drafts again, in other formats."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from storygen.cli import reports_errors
from storygen.exporters import EXPORTERS
from storygen.exporters.read import read_run
from storygen.verify import check_story

RECORD = "json"  # the story JSON every later command reads; always written


@click.command("export")
@click.argument("out", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--format",
    "formats",
    required=True,
    help=f"Comma-separated formats: {', '.join(sorted(EXPORTERS))}.",
)
@click.option(
    "--to",
    "target",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write to this folder instead of OUT (only the formats asked for, and the story JSON).",
)
@reports_errors
def command(out: Path, formats: str, target: Path | None) -> None:
    """Export the drafts of the run in OUT again, from its story JSON.

    In place, the formats are added to the ones OUT already has; every story is
    fact-checked again first and one that fails is held, never exported.

    \b
    Example:
      storygen export drafts/2020-11-25 --format ninjs,nitf,wxr
    """  # fmt: skip
    from storygen.exporters.write import write_run

    wanted = [name.strip() for name in formats.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in EXPORTERS]
    if unknown or not wanted:
        raise click.BadParameter(
            f"unknown format {unknown[0]!r}; "
            if unknown
            else f"no format given; choose from {', '.join(sorted(EXPORTERS))}",
            param_hint="--format",
        )
    run = read_run(out)
    earlier = run.manifest.get("formats", []) if target is None else []
    chosen = list(dict.fromkeys([*earlier, *wanted, RECORD]))
    stories, held = [], list(run.held)
    for story in run.stories:
        checked = check_story(story)
        if checked.ok:
            stories.append(story)
        else:
            held.append({"id": story["id"], "reason": checked.reason(), "story": story})
    destination = target or out
    manifest = write_run(
        destination,
        run.as_of,
        stories,
        held,
        chosen,
        run.manifest.get("skipped", []),
        generated=run.manifest.get("generated"),
    )
    click.echo(
        f"Exported {len(manifest['stories'])} draft(s) as {', '.join(chosen)} to {destination}/"
    )
    for entry in held[len(run.held) :]:
        click.echo(f"  held {entry['id']}: {entry['reason']}", err=True)
    if len(held) > len(run.held):
        sys.exit(1)
