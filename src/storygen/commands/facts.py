"""storygen facts: the facts a narrative finds, strongest first."""

from __future__ import annotations

import json
from typing import Any

import click

from storygen.cli import data_options, reports_errors
from storygen.patches import load_all, select
from storygen.pipeline import RunOptions, load_narratives, prepare


@click.command("facts")
@click.argument("narrative")
@data_options
@click.option("--json", "as_json", is_flag=True, help="Print the facts as JSON.")
@click.option(
    "--limit",
    type=int,
    default=40,
    show_default=True,
    help="How many facts to list in the table (JSON lists all).",
)
@reports_errors
def command(
    narrative: str,
    data: dict[str, str],
    as_of: str | None,
    patch: str | None,
    style: str | None,
    as_json: bool,
    limit: int,
) -> None:
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
        payload = {
            "as_of": prepared.as_of.date().isoformat(),
            "facts": [f.to_dict() for f in facts],
        }
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
        return (
            f"{values['position']} of {values['of']} in {values['group_name']} ({fact.value:,.1f})"
        )
    if fact.kind == "record":
        word = "highest" if values["direction"] == "high" else "lowest"
        return f"{fact.value:,.1f}, {word} since {values['since']}"
    return f"{fact.value}"
