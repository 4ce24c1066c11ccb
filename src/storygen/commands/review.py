"""storygen review: one page to triage a run's drafts."""

from __future__ import annotations

from pathlib import Path

import click

from storygen.cli import reports_errors
from storygen.review import PAGE, write_review


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
    target = write_review(out, output)
    click.echo(f"Wrote the review page for the drafts under {out} to {target}")
