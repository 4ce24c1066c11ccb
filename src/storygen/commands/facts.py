"""storygen facts: the facts a narrative finds, strongest first."""

from __future__ import annotations

import json

import click

from storygen.cli import data_options, reports_errors
from storygen.compose import quotable, short_groups
from storygen.detect import describe, strongest
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
@click.option(
    "--repeats",
    "show_repeats",
    is_flag=True,
    help="Also list facts that say the same thing as a stronger one.",
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
    show_repeats: bool,
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
    patches = load_all()
    areas = prepared.panel.areas
    left_out = [  # totals that lack areas: no story quotes them, nor does this list
        {"area_code": code, "area_name": areas.at[code, "name"], "reason": reason}
        for code, reason in prepared.incomplete.items()
    ]
    if left_out:
        groups = short_groups(set(prepared.incomplete), patches)
        facts = [fact for fact in facts if quotable(fact, groups)]
    if patch:  # facts about the patch, its areas and the areas inside them
        (chosen,) = select(patches, patch)
        inside = prepared.panel.inside(chosen.areas)
        wanted = {*inside.index[inside.to_numpy()], chosen.slug}
        facts = [fact for fact in facts if fact.subject.code in wanted]
    if as_json:
        payload = {
            "as_of": prepared.as_of.date().isoformat(),
            "facts": [f.to_dict() for f in facts],
            "left_out": left_out,
        }
        click.echo(json.dumps(payload, indent=2))
        return
    shown = facts if show_repeats else strongest(facts)
    repeated = len(facts) - len(shown)
    note = (
        f" ({repeated} repeating a stronger one left out; --repeats lists them)" if repeated else ""
    )
    click.echo(f"{len(shown)} facts for {prepared.as_of:%Y-%m-%d}, strongest first{note}:")
    click.echo(f"{'score':>6}  {'kind':<15} {'subject':<28} {'fact':<36} what it says")
    for fact in shown[:limit]:
        click.echo(
            f"{fact.score:6.3f}  {fact.kind:<15} {fact.subject.name[:28]:<28} "
            f"{fact.key[:36]:<36} {describe(fact)}"
        )
    if left_out:
        click.echo("Left out here, as in every story: these totals lack areas, and so do")
        click.echo("the rankings, counts and comparisons within them:")
        for entry in left_out:
            click.echo(f"  {entry['area_name']}: {entry['reason']}")
