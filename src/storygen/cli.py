"""The command line: ``storygen run``, ``storygen facts`` and friends."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from storygen import __version__
from storygen.errors import StorygenError
from storygen.exporters import EXPORTERS
from storygen.pipeline import RunOptions, load_narratives, prepare, run
from storygen.patches import load_all, select

DEFAULT_FORMATS = "md,json"


def _data_pairs(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    pairs = {}
    for value in values:
        name, sep, location = value.partition("=")
        if not sep or not name or not location:
            raise click.BadParameter(f"{value!r} is not NAME=PATH (for example cases=cases.csv)")
        pairs[name.strip()] = location.strip()
    return pairs


def _as_of(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


def data_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every command that reads data shares."""
    options = [
        click.option(
            "--data",
            "data",
            multiple=True,
            callback=_data_pairs,
            metavar="NAME=PATH",
            help="Read input NAME from PATH (CSV, .csv.gz, Parquet or an http(s) URL) "
            "instead of the demo data. Repeatable.",
        ),
        click.option("--as-of", callback=_as_of, metavar="YYYY-MM-DD",
                      help="Last day the stories cover (default: the latest date in the data)."),
        click.option("--patch", metavar="NAME", help="Only the stories for this patch."),
        click.option("--style", type=click.Choice(["pa", "ap"]),
                     help="House style (default: the narrative's, normally pa)."),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a user-fixable error into a message and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except StorygenError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(error.exit_code)

    return wrapper


@click.group(
    epilog="Example: storygen run covid-cases --patch 'Kent and Medway' --as-of 2020-11-25"
)
@click.version_option(__version__, prog_name="storygen")
def main() -> None:
    """Draft news stories from public figures by area, in house style."""


@main.command("run")
@click.argument("narratives", nargs=-1, metavar="[NARRATIVE]...")
@data_options
@click.option("--out", type=click.Path(path_type=Path),
              help="Output folder (default: drafts/<as-of>/).")
@click.option("--format", "formats", default=DEFAULT_FORMATS, show_default=True,
              help=f"Comma-separated formats: {', '.join(sorted(EXPORTERS))}.")
@reports_errors
def run_command(narratives: tuple[str, ...], data: dict[str, str], as_of: str | None,
                patch: str | None, style: str | None, out: Path | None, formats: str) -> None:
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
    result = run(options)
    out = out or Path("drafts") / result.as_of
    manifest = write_run(out, result.as_of, [s.to_dict() for s in result.stories], result.held, wanted)
    click.echo(f"Wrote {len(manifest['stories'])} draft(s) for {result.as_of} to {out}/")
    click.echo(f"  manifest: {out / 'manifest.json'}")
    if result.stories:
        click.echo(f"  strongest: {result.stories[0].headline}")
    for held in result.held:
        click.echo(f"  held {held['id']}: {held['reason']}", err=True)
    if result.held:
        sys.exit(1)


@main.command("facts")
@click.argument("narrative")
@data_options
@click.option("--json", "as_json", is_flag=True, help="Print the facts as JSON.")
@click.option("--limit", type=int, default=40, show_default=True,
              help="How many facts to list in the table (JSON lists all).")
@reports_errors
def facts_command(narrative: str, data: dict[str, str], as_of: str | None, patch: str | None,
                  style: str | None, as_json: bool, limit: int) -> None:
    """List the facts a narrative finds, strongest first.

    \b
    Example:
      storygen facts covid-cases --as-of 2020-11-25 --patch "Kent and Medway"
    """  # fmt: skip
    options = RunOptions([narrative], data, as_of, patch, style)
    (loaded,) = load_narratives(options)
    prepared = prepare(loaded, options, {})
    facts = prepared.facts
    if patch:
        (chosen,) = select(load_all(), patch)
        facts = [fact for fact in facts if fact.subject.code in chosen]
    if as_json:
        payload = {"as_of": prepared.as_of.date().isoformat(), "facts": [f.to_dict() for f in facts]}
        click.echo(json.dumps(payload, indent=2))
        return
    click.echo(f"{len(facts)} facts for {prepared.as_of:%Y-%m-%d}, strongest first:")
    click.echo(f"{'score':>6}  {'kind':<8} {'area':<28} {'fact':<22} value")
    for fact in facts[:limit]:
        click.echo(
            f"{fact.score:6.3f}  {fact.kind:<8} {fact.subject.name[:28]:<28} "
            f"{fact.id.rsplit('.', 1)[0]:<22} {_describe(fact)}"
        )


def _describe(fact: Any) -> str:
    values = fact.values
    if fact.kind == "change":
        return f"{fact.value:,.1f} from {values['previous']:,.1f} ({values['direction']})"
    if fact.kind == "rank":
        return f"{values['position']} of {values['of']} in {values['group_name']} ({fact.value:,.1f})"
    if fact.kind == "record":
        word = "highest" if values["direction"] == "high" else "lowest"
        return f"{fact.value:,.1f}, {word} since {values['since']}"
    return f"{fact.value}"
