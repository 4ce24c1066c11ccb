"""storygen history: what the morning runs reported about one area, run by run."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import click

from storygen.archive import Archive
from storygen.claims import describe
from storygen.cli import reports_errors
from storygen.desk import DEFAULT_FILE, load
from storygen.errors import StorygenError


@click.command("history")
@click.argument("area")
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"The desk's configuration, to find its archive (default: {DEFAULT_FILE} here).",
)
@click.option(
    "--archive",
    "archive_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The archive file itself (instead of --config); lists every desk's runs.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the history as JSON.")
@reports_errors
def command(area: str, config: Path | None, archive_path: Path | None, as_json: bool) -> None:
    """List what was reported about AREA (a name or a GSS code), run by run.

    Each run shows its as-of date, the morning it ran, the stories about the area (and
    roundups that mention it) with their headlines, and the facts about the area, the ones
    new that day marked "new".

    \b
    Example:
      storygen history Swale --config desk.yaml
    """  # fmt: skip
    if config and archive_path:
        raise click.UsageError("give --config or --archive, not both")
    desk_name = None
    if archive_path is None:
        desk = load(config or Path(DEFAULT_FILE))
        archive_path, desk_name = desk.archive, desk.name
    with Archive(archive_path, create=False) as archive:
        matches = archive.areas(area)
        if not matches:
            known = archive.known_areas()
            close = difflib.get_close_matches(area, known, n=3)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            raise StorygenError(f"{archive_path}: nothing was reported about {area!r}{hint}")
        if len({code for code, _ in matches}) > 1:
            listed = ", ".join(f"{name} ({code})" for code, name in matches)
            raise StorygenError(f"{area!r} names more than one area: {listed}; give its code")
        code, name = matches[0]
        runs = archive.history(code, desk=desk_name)
    if as_json:
        payload = {
            "area": {"code": code, "name": name},
            "runs": [
                {**vars(entry.run), "stories": entry.stories, "facts": entry.facts}
                for entry in runs
            ],
        }
        click.echo(json.dumps(payload, indent=2))
        return
    click.echo(f"{name} ({code}): {len(runs)} run{'' if len(runs) == 1 else 's'}")
    for entry in runs:
        run = entry.run
        click.echo(
            f"\n{run.as_of}  {run.narrative}  (morning of {run.morning}, {run.desk}; {run.out})"
        )
        for story in entry.stories:
            flag = "  [no change]" if story["no_change"] else ""
            click.echo(f"  story: {story['headline']}{flag}  ({story['id']})")
        for fact in entry.facts:
            mark = "new " if fact.get("new") else "    "
            click.echo(f"  {mark} {describe(fact)}")
