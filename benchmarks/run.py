"""Benchmark: every story for England from synthetic data, at four sizes, against a plain script.

    python -m benchmarks.run                      # sizes 1/8, 1/4, 1/2 and 1
    python -m benchmarks.run --sizes 1/8,1        # chosen sizes
    python -m benchmarks.run --quick              # the smallest size only (what CI runs)

For each size it writes the SYNTHETIC England files into a temporary folder, then runs, each
in a fresh process (so that peak memory is per size and per run): the full pipeline for every
area of every narrative the files can feed, exporting Markdown, JSON and ninjs; and the plain
per-area reference (``benchmarks/reference.py``). It prints stories per second, wall time per
stage, peak memory, and the reference's time per story against the pipeline's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))  # run from a checkout, without installing

from benchmarks import data as bench_data  # noqa: E402
from benchmarks import report  # noqa: E402


def measure(
    kind: str, folder: Path, as_of: str, only_shipped: bool, drafts: Path, workers: int | None
) -> dict:
    """Run one measurement in a fresh process; its JSON result with its wall time."""
    out = drafts / f"{folder.name}-{kind}"
    command = [sys.executable, "-m", "benchmarks.worker", kind, str(folder / "data"), str(out)]
    command += [as_of, *(["--only-shipped"] if only_shipped else [])]
    paths = [str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    if workers is not None:
        env["STORYGEN_WORKERS"] = str(workers)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise click.ClickException(f"the {kind} run failed:\n{done.stderr.strip()}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result


@click.command()
@click.option(
    "--sizes",
    default=",".join(bench_data.SIZES),
    show_default=True,
    help="Comma-separated scales of England: fractions from 1/16 to 1.",
)
@click.option("--quick", is_flag=True, help="Only the smallest size, 1/8 (what CI runs).")
@click.option(
    "--only-shipped",
    is_flag=True,
    help="Only the shipped narratives, without the benchmark's own neighbourhood narrative.",
)
@click.option("--no-reference", is_flag=True, help="Skip the plain per-area reference.")
@click.option(
    "--drafts-in",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the drafts in this folder (default: beside the data, in a temporary folder). "
    "A folder in memory such as /dev/shm leaves the disk's speed out of the measurement.",
)
@click.option(
    "--repeat",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Run the pipeline this many times a size and keep the fastest (other work on the "
    "machine only ever slows a run down).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Processes the run shares its stories among (default: one per core).",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the measurements to this JSON file.",
)
@click.option(
    "--keep",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the data and drafts in this folder (default: a temporary folder, removed).",
)
def main(
    sizes: str,
    quick: bool,
    only_shipped: bool,
    no_reference: bool,
    drafts_in: Path | None,
    repeat: int,
    workers: int | None,
    json_path: Path | None,
    keep: Path | None,
) -> None:
    """Time a national run at several sizes of England and print what it measured.

    \b
    Example:
      python -m benchmarks.run --sizes 1/8,1/2,1
    """  # fmt: skip
    chosen = [bench_data.SIZES[0]] if quick else [s for s in sizes.split(",") if s.strip()]
    try:
        scales = [bench_data.parse_size(size) for size in chosen]
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--sizes") from None
    results = []
    base = keep or Path(tempfile.mkdtemp(prefix="storygen-bench-"))
    drafts = Path(tempfile.mkdtemp(prefix="storygen-bench-", dir=drafts_in)) if drafts_in else base
    try:
        for size, scale in zip(chosen, scales, strict=True):
            folder = base / size.strip().replace("/", "-")
            written = bench_data.write(folder / "data", float(scale))
            read = bench_data.select(folder / "data", only_shipped).files
            as_of = bench_data.as_of(folder / "data", read)
            result = {
                "size": size.strip(),
                "scale": float(scale),
                "as_of": as_of,
                "rows": {key: _rows(path) for key, path in written.items() if path.name in read},
                "drafts_in": str(drafts),
                "pipeline": min(
                    (
                        measure("pipeline", folder, as_of, only_shipped, drafts, workers)
                        for _ in range(repeat)
                    ),
                    key=lambda run: run["wall"],
                ),
                "repeat": repeat,
            }
            if not no_reference:
                result["reference"] = measure(
                    "reference", folder, as_of, only_shipped, drafts, workers
                )
            click.echo(report.size_line(result), err=True)
            results.append(result)
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)
            shutil.rmtree(drafts, ignore_errors=True)
    click.echo(report.table(results))
    if json_path is not None:
        json_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def _rows(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle) - 1


if __name__ == "__main__":
    main()
