"""The command line: the ``storygen`` group and the options its commands share.

Each command lives in its own module under ``storygen.commands`` and is added below.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

import click

from storygen import __version__
from storygen.errors import StorygenError


def _data_pairs(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> dict[str, str]:
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


def _add_commands() -> None:
    from storygen.commands import (
        check,
        export,
        facts,
        fetch,
        history,
        morning,
        review,
        run,
        validate,
        variants,
    )

    for module in (run, facts, check, export, review, fetch, morning, history, variants, validate):
        main.add_command(module.command)


_add_commands()
