"""The benchmark keeps working: it runs at its smallest size, and what it times is the real run.

No test here asserts a time: timings belong to ``python -m benchmarks.run``, not to CI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the benchmark lives beside src/, not inside the package
    sys.path.insert(0, str(ROOT))

from benchmarks import data as bench_data  # noqa: E402
from benchmarks import reference, stages  # noqa: E402
from benchmarks.worker import FORMATS  # noqa: E402
from storygen import narrative as narratives  # noqa: E402

SMALLEST = 1 / 8  # the smallest size at which every synthetic file covers a common week


@pytest.fixture(scope="module")
def england(tmp_path_factory) -> Path:
    """The synthetic England files at the benchmark's smallest size."""
    folder = tmp_path_factory.mktemp("england")
    bench_data.write(folder, SMALLEST)
    return folder


def selected(folder: Path):
    return bench_data.select(folder)


def test_the_benchmark_command_runs_at_its_smallest_size(tmp_path):
    """What CI runs: ``--quick`` (1/8), the pipeline and the reference, results as JSON."""
    results = tmp_path / "results.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick", "--json", str(results)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    for heading in ("stories/s", "peak MB", "x ref", *stages.STAGES):
        assert heading in done.stdout
    [size] = json.loads(results.read_text())
    assert size["size"] == "1/8"
    pipeline = size["pipeline"]
    assert pipeline["stories"]["covid-cases"] > 0
    assert pipeline["stories"]["bench-neighbourhoods"] > 0
    assert set(stages.STAGES) <= set(pipeline["stages"])
    memory = pipeline["memory"]
    assert memory["samples"] > 0
    # what the run held at once is no more than the main process and its largest worker
    # counted apart (pages they share counted in both)
    assert 0 < memory["run_pss"] <= memory["main"] + memory["largest_worker"]
    assert size["reference"]["stories"] > 0


def test_every_stage_of_storygen_run_is_timed(england, tmp_path):
    """The benchmark runs the command itself; each stage's function is found and timed."""
    import importlib.util

    from storygen import pipeline

    chosen = selected(england)
    paths = [str(n.path) for n in chosen.narratives]
    before = pipeline.read_table
    as_of = bench_data.as_of(england, chosen.files)
    timed = stages.run(paths, chosen.data, as_of, tmp_path / "out", FORMATS)
    assert pipeline.read_table is before  # the stopwatches are taken off again
    expected = {"load", "series", "rules", "render", "export"}
    assert importlib.util.find_spec("storygen.verify") is not None
    called = {stage for stage, calls in timed.calls.items() if calls}
    # the fact-check runs inside rendering: in this process, or in the render workers where
    # a narrative's stories are shared out (then its calls are the workers')
    assert called in (expected, expected | {"check"})
    assert all(timed.seconds[stage] > 0 for stage in called)
    assert "check" in timed.seconds  # its function was found
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert sum(timed.stories.values()) == len(manifest["stories"]) > 100
    names = {n.name for n in chosen.narratives}
    assert {"covid-cases", "bench-neighbourhoods"} <= timed.stories.keys() <= names
    assert timed.facts > len(manifest["stories"])
    assert 0 <= timed.other < timed.total
    story = manifest["stories"][0]
    assert set(story["files"]) == set(FORMATS)


def test_what_forked_processes_time_is_counted(england, tmp_path, monkeypatch):
    """With two workers, narratives are prepared and stories checked in forked processes:
    their calls are counted apart (``elsewhere``), and no fact is lost from the count."""
    chosen = selected(england)
    paths = [str(n.path) for n in chosen.narratives]
    as_of = bench_data.as_of(england, chosen.files)
    counted = {}
    for setting in ("1", "2"):
        monkeypatch.setenv("STORYGEN_WORKERS", setting)
        counted[setting] = stages.run(paths, chosen.data, as_of, tmp_path / setting, FORMATS)
    alone, shared = counted["1"], counted["2"]
    assert not alone.elsewhere
    assert shared.elsewhere["check"] > 0 and shared.elsewhere["rules"] > 0
    assert shared.facts == alone.facts > 0
    assert shared.calls["rules"] == alone.calls["rules"]
    assert shared.calls["check"] == alone.calls["check"] >= sum(alone.stories.values())


def test_every_narrative_the_files_can_feed_is_run(england, tmp_path):
    """Inputs are matched to the synthetic files by the demo file they default to."""
    chosen = selected(england)
    names = [n.name for n in chosen.narratives]
    assert "covid-cases" in names and "bench-neighbourhoods" in names
    assert chosen.data["cases"] == str(england / "ltla_cases.csv")
    assert chosen.data["msoa"] == str(england / "msoa_weekly.csv")

    odd = tmp_path / "odd.yaml"  # an input the synthetic data has no file for
    text = (narratives.find("covid-cases")).read_text(encoding="utf-8")
    odd.write_text(
        text.replace("name: covid-cases", "name: odd").replace(
            "fixtures/demo/ltla_cases.csv", "fixtures/demo/deaths.csv"
        ),
        encoding="utf-8",
    )
    left = bench_data.feedable([narratives.load(str(odd))], england)
    assert left.narratives == []
    assert left.left_out == {"odd": "no synthetic file for input(s) cases"}


def test_the_as_of_date_is_a_week_most_neighbourhoods_report(england):
    import pandas as pd

    weekly = pd.read_csv(england / "msoa_weekly.csv")
    cases = pd.read_csv(england / "ltla_cases.csv")
    read = ["ltla_cases.csv", "ltla_lookup.csv", "msoa_weekly.csv"]
    published = weekly.dropna(subset=["newCasesBySpecimenDateRollingSum"]).groupby("date").size()
    as_of = bench_data.as_of(england, read)
    assert published[as_of] == published.max()
    assert as_of in set(cases["date"])


def test_the_as_of_date_is_in_every_file_the_run_reads(england):
    import pandas as pd

    beds = pd.read_csv(england / "nhs_beds.csv")
    as_of = bench_data.as_of(england)  # all five files: the hospital file ends first
    assert beds["date"].min() <= as_of <= beds["date"].max()
    assert as_of in set(pd.read_csv(england / "msoa_weekly.csv")["date"])


def test_the_reference_writes_a_story_per_area(england, tmp_path):
    """The plain script covers the same areas as the run (districts, counties, MSOAs)."""
    as_of = bench_data.as_of(england, ["ltla_cases.csv", "msoa_weekly.csv"])
    written = reference.run(england, tmp_path, as_of)
    assert written == len(list(tmp_path.glob("*.md"))) > 100
    story = json.loads(next(tmp_path.glob("E02*.json")).read_text())
    assert story["rate"] >= 0 and "per 100,000" in story["text"]
    districts = reference.run(england, tmp_path / "districts", as_of, neighbourhoods=False)
    assert 0 < districts < written


def test_sizes_are_fractions_of_england():
    assert [bench_data.parse_size(s) for s in bench_data.SIZES] == [1 / 8, 1 / 4, 1 / 2, 1]
    with pytest.raises(ValueError, match="fraction"):
        bench_data.parse_size("half")
    with pytest.raises(ValueError, match="out of range"):
        bench_data.parse_size("2")


def test_run_memory_counts_a_child_process_and_its_pages_once(tmp_path):
    """The sampler adds up this process and the processes it starts, each page once."""
    from benchmarks.worker import RunMemory, _pss

    with RunMemory(every=0.05) as alone:
        time.sleep(0.2)
    script = "import time; block = bytearray(200 * 2**20); block[::4096] = b'x' * len(block[::4096]); time.sleep(1)"
    with RunMemory(every=0.05) as with_child:
        subprocess.run([sys.executable, "-c", script], check=True)
    assert alone.samples > 0 and with_child.samples > 0
    own = _pss(os.getpid())
    assert with_child.peak - own > 200 * 2**20  # the child's 200 MB were seen


def test_the_report_says_when_a_target_is_missed():
    from benchmarks import report

    result = {
        "size": "1",
        "scale": 1.0,
        "rows": {"ltla_cases": 1000},
        "pipeline": {
            "wall": 10.0,
            "startup": 1.0,
            "stages": dict.fromkeys(stages.STAGES, 1.0) | {"check": None},
            "other": 0.5,
            "stories": {"covid-cases": 3000},
            "held": 0,
            "left_out": {},
            "memory": {"main": 100 * 2**20, "largest_worker": 50 * 2**20},
        },
        "reference": {"wall": 100.0, "stories": 3000},
    }
    text = report.table([result])
    assert "stories a second, end to end: 300 (target >= 1,500) NOT MET" in text
    assert "peak memory, MB: 150 (target < 1,536) met" in text
    # measured while the run ran, the memory held at once is the target's measure
    result["pipeline"]["memory"]["run_pss"] = 1600 * 2**20
    assert "peak memory, MB: 1,600 (target < 1,536) NOT MET" in report.table([result])
    assert "times faster per story than the reference: 10.0 (target >= 20.0) NOT MET" in text
    assert "check: n/a" in text
    assert datetime.now(UTC)  # the report needs no clock
