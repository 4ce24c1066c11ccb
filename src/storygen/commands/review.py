"""storygen review: one page to triage a run's drafts."""

from __future__ import annotations

from pathlib import Path

import click

from storygen.cli import reports_errors
from storygen.exporters.read import read_run
from storygen.review import review_page

PAGE = "review.html"


@click.command("review")
@click.argument("out", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help=f"Where to write the page (default: OUT/{PAGE}).",
)
@reports_errors
def command(out: Path, output: Path | None) -> None:
    """Write a review page for the drafts under OUT: ranked, filterable, every figure traced.

    The page is one self-contained HTML file (no network needed): drafts strongest first,
    filters by patch, narrative and lead fact, each figure highlighted with the fact and
    source values behind it, a chart of each story's measure, and the held drafts with
    their reasons.

    \b
    Example:
      storygen review drafts/2020-11-25 && open drafts/2020-11-25/review.html
    """  # fmt: skip
    run = read_run(out)
    target = output or out / PAGE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(review_page(run), encoding="utf-8")
    click.echo(f"Wrote the review page for {len(run.stories)} draft(s) to {target}")
