"""``storygen run``, exactly as a user runs it, with a stopwatch on each stage.

The command runs in this process (through its click entry point), and each stage is timed by
wrapping the function the run calls it through, the way a profiler would: load
(``read_table``), series (``series.build``), rules (``detect``), render (``finish_composing``:
the wait for a narrative's stories, or composing them here; ``compose_shared`` or ``compose``
in older checkouts), check (``verify.check_story``) and export (``write_run``). Nothing is
re-implemented here, so the benchmark times whatever the run does today. If the run stops
calling one of these names, that stage reads 0 calls and ``tests/test_benchmark.py`` fails:
update ``HOOKS``.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import json
import os
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STAGES = ("load", "series", "rules", "render", "check", "export")

HOOKS: dict[str, list[tuple[str, str]]] = {  # stage -> (module, name): the first found is timed
    "load": [("storygen.pipeline", "read_table")],
    "series": [("storygen.series", "build")],
    "rules": [("storygen.pipeline", "detect")],
    "render": [
        ("storygen.pipeline", "finish_composing"),
        ("storygen.pipeline", "compose_shared"),
        ("storygen.pipeline", "compose"),
    ],
    "check": [("storygen.verify", "check_story")],
    "export": [("storygen.exporters.write", "write_run")],
}


@dataclass
class Timed:
    """What one run made and how long each stage took (seconds of wall and of this process's
    CPU; None: the stage is not in this checkout)."""

    seconds: dict[str, float | None] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    calls: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    stories: dict[str, int] = field(default_factory=dict)  # by narrative
    held: int = 0
    skipped: int = 0
    facts: int = 0
    total: float = 0.0  # the whole command, stages and everything between them
    elsewhere: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    @property
    def other(self) -> float:
        """Time in the run outside the timed stages (reading narratives, sorting, ...)."""
        return self.total - sum(value for value in self.seconds.values() if value)


def run(
    narratives: list[str], data: dict[str, str], as_of: str, out: Path, formats: list[str]
) -> Timed:
    """``storygen run NARRATIVE... --data ... --as-of AS_OF --out OUT --format FORMATS``."""
    from storygen.cli import main

    arguments = ["run", *narratives, "--as-of", as_of, "--out", str(out)]
    arguments += ["--format", ",".join(formats)]
    for name, location in data.items():
        arguments += ["--data", f"{name}={location}"]
    timed = Timed()
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "forked.jsonl"
        with _stopwatches(timed, log), contextlib.redirect_stdout(io.StringIO()):
            start = time.perf_counter()
            try:
                main.main(arguments, prog_name="storygen", standalone_mode=False)
            except SystemExit as stop:  # 1: some stories were held, as a national run expects
                if stop.code not in (0, 1, None):
                    raise
            timed.total = time.perf_counter() - start
        _count_forked(timed, log)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    timed.stories = dict(Counter(entry["narrative"] for entry in manifest["stories"]))
    timed.held = len(manifest["held"])
    timed.skipped = len(manifest.get("skipped", []))
    return timed


def _count_forked(timed: Timed, log: Path) -> None:
    """What forked processes timed (``_stopwatch`` logs it): in ``elsewhere``, ``calls``
    and ``facts``."""
    if not log.exists():
        return
    for line in log.read_text(encoding="utf-8").splitlines():
        call = json.loads(line)
        timed.elsewhere[call["stage"]] += call["wall"]
        timed.calls[call["stage"]] += 1
        timed.facts += call["facts"]


@contextlib.contextmanager
def _stopwatches(timed: Timed, log: Path) -> Iterator[None]:
    """Wrap each stage's function for the duration of a run, then put it back."""
    installed = []
    for stage, places in HOOKS.items():
        for module_name, name in places:
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                continue
            if hasattr(module, name):
                function = getattr(module, name)
                setattr(module, name, _stopwatch(stage, function, timed, log))
                installed.append((module, name, function))
                timed.seconds[stage] = 0.0
                break
        else:
            timed.seconds[stage] = None
    try:
        yield
    finally:
        for module, name, function in installed:
            setattr(module, name, function)


_running: list[list[float]] = []  # the stages running now, outermost first


def _stopwatch(
    stage: str, function: Callable[..., Any], timed: Timed, log: Path
) -> Callable[..., Any]:
    """``function`` timed as ``stage``. A stage called inside another (the fact-check inside
    rendering, when the run checks each story as it composes) counts for itself only: its
    time is taken off the stage it ran in, so no second is counted twice. In a forked
    process the call is written to ``log`` (see ``_count_forked``)."""
    main = os.getpid()

    @functools.wraps(function)
    def timed_call(*args: Any, **kwargs: Any) -> Any:
        start, used = time.perf_counter(), time.process_time()
        _running.append([0.0, 0.0])  # time spent in stages called from this one
        result = None
        try:
            result = function(*args, **kwargs)
        finally:
            inner_wall, inner_cpu = _running.pop()
            wall, cpu = time.perf_counter() - start, time.process_time() - used
            if _running:
                _running[-1][0] += wall
                _running[-1][1] += cpu
            facts = len(result) if stage == "rules" and result is not None else 0
            if os.getpid() == main:
                timed.seconds[stage] = (timed.seconds[stage] or 0.0) + wall - inner_wall
                timed.cpu[stage] += cpu - inner_cpu
                timed.calls[stage] += 1
                timed.facts += facts
            else:
                call = {"stage": stage, "wall": wall - inner_wall, "facts": facts}
                with log.open("a", encoding="utf-8") as file:  # one short line: one write
                    file.write(json.dumps(call) + "\n")
        return result

    return timed_call
