"""storygen check: fact-check every draft of an earlier run."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from storygen.cli import reports_errors
from storygen.exporters.read import read_run
from storygen.verify import check_story


@click.command("check")
@click.argument("out", type=click.Path(path_type=Path, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print every problem as JSON.")
@click.option("--held", "with_held", is_flag=True, help="Check the held drafts too.")
@reports_errors
def command(out: Path, as_json: bool, with_held: bool) -> None:
    """Check that every figure in every draft under OUT is backed by one of its facts.

    Names each unbacked figure with its story and sentence, and exits with status 1 if
    there is one. OUT is a folder `storygen run` wrote (with the json format, the default).

    \b
    Example:
      storygen check drafts/2020-11-25
    """  # fmt: skip
    run = read_run(out)
    stories = list(run.stories)
    if with_held:
        stories += [entry["story"] for entry in run.held if "story" in entry]
    checks = [check_story(story) for story in stories]
    failed = [check for check in checks if not check.ok]
    if as_json:
        report = {
            "checked": len(checks),
            "figures": sum(len(check.figures) for check in checks),
            "failed": [
                {"id": check.story_id, "problems": [vars(p) for p in check.problems]}
                for check in failed
            ],
        }
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for check in failed:
            click.echo(f"{check.story_id}:")
            for problem in check.problems:
                click.echo(f"  {problem}")
        figures = sum(len(check.figures) for check in checks)
        verdict = f"{len(failed)} with unbacked figures" if failed else "every figure backed"
        click.echo(f"Checked {figures} figures in {len(checks)} draft(s): {verdict}.")
    if failed:
        sys.exit(1)
