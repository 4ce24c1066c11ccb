"""Write the SYNTHETIC demo data in fixtures/demo/ from storygen.synthetic with a fixed seed.

Every figure the files hold is invented; see fixtures/README.md. Rerunning with the same seed
gives byte-identical files.

    python scripts/make_fixtures.py             # rewrite fixtures/demo/
    python scripts/make_fixtures.py --dry-run   # list what would be written
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # run from a checkout, without installing

from storygen import synthetic  # noqa: E402


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=ROOT / "fixtures" / "demo",
    show_default=True,
    help="Folder to write the CSV files into.",
)
@click.option("--seed", type=int, default=synthetic.SEED, show_default=True)
@click.option("--dry-run", is_flag=True, help="Show the files and row counts; write nothing.")
def main(out: Path, seed: int, dry_run: bool) -> None:
    """Write the synthetic demo CSV files (invented figures for real place names).

    Example: python scripts/make_fixtures.py --out /tmp/demo --seed 20201125
    """
    if dry_run:
        for key, frame in synthetic.demo(seed).items():
            click.echo(f"would write {out / synthetic.DEMO_FILES[key]} ({len(frame):,} rows)")
        return
    for path in synthetic.write_demo(out, seed):
        click.echo(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
