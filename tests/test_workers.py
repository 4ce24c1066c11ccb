"""Work shared among forked workers gives what one process gives, in the same order."""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from pathlib import Path

import pytest

from benchmarks import data as bench_data
from storygen import workers
from storygen.errors import StorygenError
from storygen.exporters import get
from storygen.exporters.write import write_run
from storygen.pipeline import RunOptions, run
from storygen.story import StoryDicts

ROOT = Path(__file__).resolve().parents[1]
NEIGHBOURHOODS = ROOT / "benchmarks" / "narratives" / "bench-neighbourhoods.yaml"
FORMATS = ["md", "json", "ninjs", "ninjs2", "html", "txt"]  # NITF and WXR stamp the time
FILES = ["ltla_cases.csv", "msoa_weekly.csv"]


@pytest.fixture(scope="module")
def england(tmp_path_factory) -> tuple[dict[str, str], str]:
    """Synthetic England at 1/8: several hundred areas, enough to be shared out; the files
    the two narratives read, and the as-of date."""
    folder = tmp_path_factory.mktemp("england")
    bench_data.write(folder, 1 / 8)
    files = {
        "cases": str(folder / "ltla_cases.csv"),
        "areas": str(folder / "ltla_lookup.csv"),
        "msoa": str(folder / "msoa_weekly.csv"),
    }
    return files, bench_data.as_of(folder, FILES)


def drafts(england: tuple[dict[str, str], str], out: Path) -> dict:
    """Run both narratives and write every format; the manifest and every file's text."""
    files, as_of = england
    result = run(RunOptions(["covid-cases", str(NEIGHBOURHOODS)], files, as_of=as_of))
    manifest = write_run(
        out, result.as_of, StoryDicts(result.stories), result.held, FORMATS, result.skipped
    )
    generated = manifest.pop("generated")
    texts = {
        str(path.relative_to(out)): path.read_text(encoding="utf-8").replace(generated, "")
        for path in sorted(out.rglob("*"))
        if path.is_file()
    }
    return {"manifest": manifest, "files": texts, "held": result.held}


def test_two_workers_write_what_one_writes(england, tmp_path, monkeypatch):
    monkeypatch.setenv("STORYGEN_WORKERS", "1")
    alone = drafts(england, tmp_path / "one")
    monkeypatch.setenv("STORYGEN_WORKERS", "2")
    shared = drafts(england, tmp_path / "two")
    assert len(alone["manifest"]["stories"]) > 200
    assert alone["held"]  # stories the fact-check holds are held by the workers too
    assert shared["held"] == alone["held"]
    assert shared["manifest"] == alone["manifest"]
    assert shared["files"].keys() == alone["files"].keys()
    assert shared["files"] == alone["files"]


STRICT = """\
{% block headline %}{{ area.name }}: {{ area.facts["change.rate"].value|rate }}{% endblock %}
{% block standfirst %}Rate {{ area.facts["change.rate"].previous|rate }} a week earlier.{% endblock %}
{% block body %}{{ area.name }} is in {{ parents.district.name }}.{% endblock %}
"""


def test_held_stories_keep_their_order(england, tmp_path, monkeypatch):
    """A held story is listed where one process would list it, whichever worker held it."""
    (tmp_path / "narratives").mkdir()
    (tmp_path / "templates" / "strict").mkdir(parents=True)
    (tmp_path / "templates" / "strict" / "area.j2").write_text(STRICT, encoding="utf-8")
    narrative = tmp_path / "narratives" / "strict.yaml"
    narrative.write_text(
        NEIGHBOURHOODS.read_text(encoding="utf-8")
        .replace("name: bench-neighbourhoods", "name: strict")
        .replace("bench-neighbourhoods/area.j2", "strict/area.j2"),
        encoding="utf-8",
    )  # a template that fails where a rate is missing: those stories are held
    files, as_of = england
    options = RunOptions(["covid-cases", str(narrative)], files, as_of=as_of)
    monkeypatch.setenv("STORYGEN_WORKERS", "1")
    alone = run(options)
    monkeypatch.setenv("STORYGEN_WORKERS", "2")
    shared = run(options)
    held = [h["id"] for h in alone.held if h["id"].startswith("strict-")]
    assert 0 < len(held) < len([s for s in alone.stories if s.narrative == "strict"])
    assert [s.to_dict() for s in shared.stories] == [s.to_dict() for s in alone.stories]
    assert [s.id for s in shared.stories] == [s.id for s in alone.stories]
    assert shared.held == alone.held
    assert shared.skipped == alone.skipped
    shared_facts = {id(f) for s in shared.stories for f in s.facts}
    assert len(shared_facts) < sum(len(s.facts) for s in shared.stories)  # parents' facts shared


def test_fork_map_keeps_order_and_raises_a_workers_error():
    assert workers.fork_map(lambda n: n * n, range(7), workers=2) == [0, 1, 4, 9, 16, 25, 36]
    data = {"big": list(range(100_000))}  # inherited by the workers, not sent to them
    assert (
        workers.fork_map(lambda key: sum(data[key]), ["big"] * 3, workers=2)
        == [sum(range(100_000))] * 3
    )

    def fail(n: int) -> int:
        if n == 3:
            raise ValueError("three is not allowed")
        return n

    with pytest.raises(ValueError, match="three is not allowed"):
        workers.fork_map(fail, range(5), workers=2)


def test_a_worker_does_not_fork_again():
    def inner(n: int) -> list[int]:
        return workers.fork_map(lambda m: m + os.getpid() * 0, range(n), workers=2)

    assert workers.fork_map(inner, [2, 3], workers=2) == [[0, 1], [0, 1, 2]]


def test_the_number_of_workers_is_the_users_to_set(monkeypatch):
    monkeypatch.setenv("STORYGEN_WORKERS", "3")
    assert workers.available() == 3
    monkeypatch.setenv("STORYGEN_WORKERS", "0")
    assert workers.available() == 1
    monkeypatch.setenv("STORYGEN_WORKERS", "many")
    with pytest.raises(StorygenError, match="STORYGEN_WORKERS='many'"):
        workers.available()
    monkeypatch.delenv("STORYGEN_WORKERS")
    assert workers.available() >= 1


def test_spans_cover_every_story_once():
    for count in (0, 1, 7, 100):
        for parts in (1, 2, 3, 8):
            spans = workers.spans(count, parts)
            assert [i for span in spans for i in span] == list(range(count))
            assert len(spans) <= max(1, parts)


def test_the_manifest_and_batches_list_stories_in_the_runs_order(england, tmp_path, monkeypatch):
    monkeypatch.setenv("STORYGEN_WORKERS", "2")
    files, as_of = england
    result = run(RunOptions(["covid-cases", str(NEIGHBOURHOODS)], files, as_of=as_of))
    formats = ["json", "ninjs", "md"]
    out = tmp_path / "out"
    manifest = write_run(out, result.as_of, StoryDicts(result.stories), [], formats)
    ids = [s.id for s in result.stories]
    assert len(ids) > 200
    assert [entry["id"] for entry in manifest["stories"]] == ids
    batch = json.loads((out / "all.json").read_text(encoding="utf-8"))
    assert [story["id"] for story in batch["stories"]] == ids
    lines = (out / "all.ninjs.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["uri"].rsplit(":", 1)[1] for line in lines] == ids
    # put together from the workers' parts: the text one process makes of every story at once
    stories = list(StoryDicts(result.stories))
    info = {"as_of": result.as_of, "generated": manifest["generated"], "held": []}
    for name in formats:
        exporter = get(name)
        written = (out / manifest["batches"][name]).read_text(encoding="utf-8")
        assert written == exporter.batch(stories, info), name
    assert sorted(path.name for path in out.iterdir()) == sorted(
        ["all.json", "all.md", "all.ninjs.jsonl", "manifest.json", "stories"]
    )


def test_work_started_runs_while_the_caller_goes_on():
    """``fork_start`` hands the items to the workers and returns: the run prepares the next
    narrative while they write."""
    begun = time.perf_counter()
    started = workers.fork_start(lambda n: time.sleep(1) or n * 10, [1, 2], workers=2)
    handed_over = time.perf_counter() - begun
    assert handed_over < 0.9, handed_over
    assert started.results() == [10, 20]
    assert time.perf_counter() - begun >= 1  # results() waited for them
    assert not multiprocessing.active_children()


def test_cancelled_work_leaves_no_worker_behind():
    started = workers.fork_start(lambda n: time.sleep(30), [1, 2], workers=2)
    assert len(multiprocessing.active_children()) == 2
    begun = time.perf_counter()
    started.cancel()
    assert time.perf_counter() - begun < 10
    assert not multiprocessing.active_children()


def test_a_narrative_that_fails_stops_the_workers_of_those_started(england, tmp_path, monkeypatch):
    """The neighbourhoods (the larger file) are prepared first and handed to workers, while
    the district cases fail to load beside them: the error is the one a run in one process
    gives, of the same type, and no worker is left running."""
    files, as_of = england
    broken = tmp_path / "cases.csv"
    broken.write_text("date,code,name\n2020-09-01,E1,Dover\n", encoding="utf-8")
    options = RunOptions(
        ["covid-cases", str(NEIGHBOURHOODS)], {**files, "cases": str(broken)}, as_of=as_of
    )
    errors = []
    for setting in ("1", "2"):
        monkeypatch.setenv("STORYGEN_WORKERS", setting)
        with pytest.raises(StorygenError, match="cases.csv") as raised:
            run(options)
        errors.append((type(raised.value), str(raised.value)))
        assert not multiprocessing.active_children()
    assert errors[0][0] is not StorygenError  # a DataError, which names its file and line
    assert errors[1] == errors[0]


def test_of_two_narratives_that_fail_the_first_to_be_read_gives_the_error(
    england, tmp_path, monkeypatch
):
    """Both inputs are broken: the neighbourhoods, read first, give the error whichever
    process found the other one's first, as in one process."""
    files, as_of = england
    larger = os.path.getsize(files["areas"]) // 10  # than the district lookup: read first
    for name, rows in (("cases", 1), ("msoa", larger)):
        text = "date,code\n" + "2020-09-01,E1\n" * rows
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    broken = {**files, "cases": str(tmp_path / "cases.csv"), "msoa": str(tmp_path / "msoa.csv")}
    options = RunOptions(["covid-cases", str(NEIGHBOURHOODS)], broken, as_of=as_of)
    errors = []
    for setting in ("1", "2"):
        monkeypatch.setenv("STORYGEN_WORKERS", setting)
        with pytest.raises(StorygenError) as raised:
            run(options)
        errors.append(str(raised.value))
    assert "msoa.csv" in errors[0]
    assert errors[1] == errors[0]
    assert not multiprocessing.active_children()


def test_a_process_beside_the_run_prepares_narratives_while_it_reads_the_largest(
    england, tmp_path, monkeypatch
):
    """With two cores, the smaller narrative is prepared in another process while this one
    reads the neighbourhoods; every narrative is prepared once, and the drafts are those of
    one process (``test_two_workers_write_what_one_writes``)."""
    from storygen import pipeline

    log = tmp_path / "prepared.txt"
    prepare = pipeline.prepare
    main = os.getpid()

    def logged(narrative, *args):
        if os.getpid() == main:  # the process beside has its chance to take a narrative
            time.sleep(1)
        with log.open("a", encoding="utf-8") as file:
            file.write(f"{narrative.name} {os.getpid()}\n")
        return prepare(narrative, *args)

    monkeypatch.setattr(pipeline, "prepare", logged)
    files, as_of = england
    options = RunOptions(["covid-cases", str(NEIGHBOURHOODS)], files, as_of=as_of)
    for setting in ("1", "2"):
        monkeypatch.setenv("STORYGEN_WORKERS", setting)
        log.write_text("", encoding="utf-8")
        result = run(options)
        where = dict(line.split() for line in log.read_text(encoding="utf-8").splitlines())
        assert sorted(where) == ["bench-neighbourhoods", "covid-cases"]  # each once
        assert where["bench-neighbourhoods"] == str(main)
        beside = where["covid-cases"] != str(main)
        assert beside == (setting == "2"), setting
        assert {s.narrative for s in result.stories} == set(where)


def test_the_run_reads_the_rest_itself_only_once_stories_are_with_workers(england, monkeypatch):
    """The process beside the run stops taking narratives once one narrative's stories are
    handed to workers (they use the cores then); while every narrative is small enough to
    compose in one process, it goes on taking them."""
    closed = []
    close_back = workers.Ends.close_back

    def logged(ends):
        closed.append(os.getpid())
        close_back(ends)

    monkeypatch.setattr(workers.Ends, "close_back", logged)
    monkeypatch.setenv("STORYGEN_WORKERS", "2")
    files, as_of = england
    run(RunOptions(["covid-cases", str(NEIGHBOURHOODS)], files, as_of=as_of))
    assert closed == [os.getpid()]  # once the neighbourhoods were with their workers
    closed.clear()
    demo = run(RunOptions(["covid-cases", "covid-hotspots", "hospital-patients"]))
    assert len(demo.stories) < 200  # the demo: no narrative is shared out
    assert closed == []


def test_both_ends_of_the_work_are_taken_once_by_two_processes():
    ends = workers.Ends(200, shared=True)

    def from_the_back():
        taken = []
        while (position := ends.back()) is not None:
            taken.append(position)
        return taken

    beside = workers.fork_aside(from_the_back)
    mine = []
    while (position := ends.front()) is not None:
        mine.append(position)
    theirs = beside.results()[0]
    assert sorted(mine + theirs) == list(range(200))
    assert mine == sorted(mine) and theirs == sorted(theirs, reverse=True)
    assert not multiprocessing.active_children()


def test_once_the_back_is_closed_the_front_takes_the_rest():
    ends = workers.Ends(5, shared=True)
    assert workers.fork_aside(ends.back).results() == [4]
    ends.close_back()
    assert workers.fork_aside(ends.back).results() == [None]
    assert [ends.front() for _ in range(5)] == [0, 1, 2, 3, None]


def test_the_run_command_keeps_few_collections_from_first_story_to_last_file(
    cli, tmp_path, monkeypatch
):
    """Between making the stories and writing them, the collector keeps the run's thresholds:
    with its usual ones it would walk every object the run had made (0.8 s at full size in
    one process)."""
    import gc

    from storygen.exporters import write

    seen = []
    original = write.write_run

    def spy(*args, **kwargs):
        seen.append(gc.get_threshold())
        return original(*args, **kwargs)

    monkeypatch.setattr(write, "write_run", spy)
    before = gc.get_threshold()
    cli("run", "--patch", "Kent and Medway", "--out", tmp_path / "drafts")
    assert seen == [workers.BULK_THRESHOLDS]
    assert gc.get_threshold() == before  # and the usual ones afterwards
