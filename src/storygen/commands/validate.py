"""storygen validate: check a narrative and render its templates against fake facts.

The narrative is read as ``run`` reads it; every template its plans name must exist and
parse; then fake inputs shaped like the narrative's (``storygen.fake``) go through the real
rules and templates on several dates, with a made-up patch for the roundups, so that every
kind of fact the narrative asks for is met and every branch a template has for them is tried.
A story a template cannot write is an error naming the template and line; a sentence over 40
words, a sentence said twice or a figure printed as "nan" is an error too; two sentences
opening alike is a warning.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

import click
import pandas as pd

from storygen import copycheck, fake
from storygen.cli import reports_errors
from storygen.compose import TEMPLATE_HOLD, StoryInputs, compose
from storygen.detect import by_area
from storygen.narrative import Narrative, load
from storygen.patches import Patch
from storygen.pipeline import RunOptions, prepare
from storygen.render import Renderer, RenderError

DATES_BACK = (0, 14, 38)  # as-of dates tried: the last fake day and these many days before it
WARNINGS = ("opens like an earlier sentence",)


def check(narrative: Narrative, style: str | None = None) -> tuple[list[str], list[str], str]:
    """Errors, warnings and a one-line summary for ``narrative``."""
    errors: list[str] = []
    warnings: list[str] = []
    renderer = Renderer(
        style or narrative.style, search=[narrative.path.parent.parent / "templates"]
    )
    for plan in narrative.plans.values():
        try:
            renderer.template(plan.template)
        except RenderError as error:
            errors.append(f"story plan {plan.name!r}: {error}")
    if errors:
        return errors, warnings, "templates do not load"
    patch = Patch("Fake Patch", "fake-patch", fake.patch_codes(narrative))
    stories = 0
    kinds: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="storygen-validate-") as folder:
        data = fake.write_inputs(narrative, Path(folder))
        options = RunOptions([str(narrative.path)], data)
        cache: dict[str, pd.DataFrame] = {}
        last = prepare(narrative, options, cache).as_of
        for back in DATES_BACK:
            options.as_of = (last - pd.Timedelta(days=back)).date().isoformat()
            prepared = prepare(narrative, options, cache)
            kinds.update(fact.kind for fact in prepared.facts)
            composed = compose(
                StoryInputs(
                    narrative=narrative,
                    panel=prepared.panel,
                    facts=by_area(prepared.facts),
                    as_of=prepared.as_of,
                    sources=[],
                    demo=False,
                    patches=[patch],
                    incomplete=prepared.incomplete,
                ),
                renderer,
            )
            stories += len(composed.stories)
            for held in composed.held:  # a template's own hold is its choice, not a fault
                line = f"{options.as_of} {held['id']}: {held['reason']}"
                (warnings if held["reason"].startswith(TEMPLATE_HOLD) else errors).append(line)
            for story in composed.stories:
                for problem in copycheck.check_story(story.to_dict()):
                    line = f"{options.as_of} {story.id}: {problem}"
                    (warnings if problem.message.startswith(WARNINGS) else errors).append(line)
    for kind in narrative.facts:
        if not kinds[kind]:
            warnings.append(f"facts.{kind}: the fake data gave no fact of this kind to render")
    summary = (
        f"{len(narrative.plans)} story plan(s); {stories} fake stories on "
        f"{len(DATES_BACK)} dates from {sum(kinds.values())} facts of "
        f"{len(kinds)} kind(s)"
    )
    return errors, warnings, summary


@click.command("validate")
@click.argument("narrative")
@click.option("--style", type=click.Choice(["pa", "ap"]), help="House style to render in.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@reports_errors
def command(narrative: str, style: str | None, strict: bool) -> None:
    """Check a narrative and render its templates against fake facts of every kind.

    Exits 1 when a template fails (the message names the template and line) or writes a
    sentence a sub-editor would strike: over 40 words, said twice, or with "nan" in it.

    \b
    Example:
      storygen validate covid-cases
    """  # fmt: skip
    loaded = load(narrative)
    errors, warnings, summary = check(loaded, style)
    click.echo(f"{loaded.path}: {summary}")
    for warning in warnings:
        click.echo(f"  warning: {warning}")
    for error in errors:
        click.echo(f"  error: {error}", err=True)
    failed = bool(errors) or (strict and bool(warnings))
    click.echo(
        f"{'FAILED' if failed else 'OK'}: {len(errors)} error(s), {len(warnings)} warning(s)"
    )
    if failed:
        sys.exit(1)
